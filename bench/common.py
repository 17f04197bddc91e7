"""What the benchmarks share: a demo folder of the size asked, built once and reused."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app.clock import Clock
from app.services.demo import create_demo_folder
from app.store import Store


def demo_folder(data_dir: Path | None, clock: Clock, activities: int, prefix: str = "pintuan-bench-") -> Path:
    """``data_dir`` (a new temporary folder when None), filled with demo data unless it has a database already."""
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix=prefix)) / "data"
    if not Store.exists(data_dir):
        started = time.perf_counter()
        create_demo_folder(data_dir, clock, activities=activities)
        print(f"built demo folder {data_dir} in {time.perf_counter() - started:.0f} s")
    return data_dir
