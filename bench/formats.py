"""Every export format on a large history, beside its anchor (issue 13), in one run.

Run ``.venv/bin/python bench/formats.py [--data-dir D] [--activities 100000] [--preset friends]``. The folder is
copied first (``D`` is never written); without ``--data-dir`` a demo folder is built. Each format is exported with
the command line a user types (``python -m app export --format F --preset P -o FILE``), start-up included, and
printed beside the anchor: the same command's JSON export. Formats this version does not know are skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from bench.common import demo_folder  # noqa: E402

CLOCK = FixedClock(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), ZoneInfo("Asia/Shanghai"))
FORMATS = {"json": ".json", "csv": ".zip", "html": ".html", "pdf": ".pdf", "card": ".png", "badges": ".zip"}


def run(data: Path, fmt: str, preset: str, target: Path) -> tuple[float, str | None]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "app", "export", "--data-dir", str(data), "--format", fmt, "--preset", preset,
               "-o", str(target)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:]
        print(f"export --format {fmt}: exit {done.returncode}: {' '.join(last)}")
        return seconds, None
    return seconds, f"{target.stat().st_size / 1e6:.2f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--preset", default="friends")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pq-formats-"))
    try:
        source = demo_folder(args.data_dir, CLOCK, args.activities)
        data = work / "data"
        shutil.copytree(source, data)
        anchor, size = run(data, "json", args.preset, work / "anchor.json")
        if size is None:
            return 1
        print(f"{args.activities:,} activities (demo), preset {args.preset}, command line start-up included")
        print(f"{'export --format json':<28} {anchor:7.2f} s   {size:>10}   anchor")
        for fmt, suffix in FORMATS.items():
            if fmt == "json":
                continue
            seconds, said = run(data, fmt, args.preset, work / f"out-{fmt}{suffix}")
            if said is None:
                continue
            print(f"{'export --format ' + fmt:<28} {seconds:7.2f} s   {said:>10}   {seconds / anchor:.2f}x the anchor")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
