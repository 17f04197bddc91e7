"""What the benchmarks share: a demo folder of the size asked, built once and reused."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

from app.clock import Clock
from app.demo import create_demo_folder
from app.store import Store


def demo_folder(data_dir: Path | None, clock: Clock, activities: int, prefix: str = "pintuan-bench-") -> Path:
    """``data_dir`` (a new temporary folder when None), filled with demo data unless it has a database already."""
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix=prefix)) / "data"
    if not Store.exists(data_dir):
        started = time.perf_counter()
        create_demo_folder(data_dir, clock, activities=activities)
        print(f"built demo folder {data_dir} in {time.perf_counter() - started:.0f} s")
    return data_dir


def bare_scan(path: Path) -> tuple[float, int]:
    """Seconds to read every current fact with its payload parsed, in recording order, in plain Python."""
    conn = sqlite3.connect(path)
    began = time.perf_counter()
    rows = 0
    for _seq, _id, _type, _at, payload in conn.execute(
        "SELECT seq, id, type, at, payload FROM activity WHERE kind = 'fact' AND superseded_by IS NULL ORDER BY seq"
    ):
        json.loads(payload)
        rows += 1
    seconds = time.perf_counter() - began
    conn.close()
    return seconds, rows
