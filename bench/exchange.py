"""Export and import on a large history, beside their anchors (issue 10), in one run.

Run ``.venv/bin/python bench/exchange.py [--data-dir D] [--activities 100000]``. The folder is copied first (``D`` is
never written); without ``--data-dir`` a demo folder is built. Printed:

* ``sqlite3 -json`` dumping the activity table (the anchor) and the JSON export with the ``backup`` preset
  (goal: within 2x the anchor);
* the import of that file into an empty folder (goal: 100,000 activities in <= 3 s), then the same file again
  (goal: <= 1 s and 0 rows changed).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from app.demo import create_demo_folder  # noqa: E402
from app.exchange.export import export  # noqa: E402
from app.exchange.importer import import_file  # noqa: E402
from app.paths import database_path  # noqa: E402
from app.privacy.presets import BUILT_IN  # noqa: E402
from app.services import open_services  # noqa: E402

CLOCK = FixedClock(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), ZoneInfo("Asia/Shanghai"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pq-exchange-"))
    try:
        source = work / "source"
        if args.data_dir is not None:
            shutil.copytree(args.data_dir, source)
        else:
            create_demo_folder(source, CLOCK, activities=args.activities, seed=1)
        services = open_services(source, CLOCK)
        began = time.perf_counter()
        subprocess.run(["sqlite3", "-json", str(database_path(source)), "SELECT * FROM activity"],
                       stdout=subprocess.DEVNULL, check=True)
        anchor = time.perf_counter() - began
        began = time.perf_counter()
        done = export(services, BUILT_IN["backup"], work / "backup.json")
        exported = time.perf_counter() - began
        services.store.close()
        print(f"{done.counts['activities']:,} activities; file {done.bytes / 1e6:.1f} MB")
        print(f"{'sqlite3 -json of the activity table':<40} {anchor:7.2f} s   anchor")
        print(f"{'export --preset backup (JSON)':<40} {exported:7.2f} s   {exported / anchor:.2f}x (goal <= 2x)")
        target = open_services(work / "target", CLOCK)
        began = time.perf_counter()
        import_file(target, done.path)
        first = time.perf_counter() - began
        began = time.perf_counter()
        again = import_file(target, done.path)
        second = time.perf_counter() - began
        target.store.close()
        record = again.record or {}
        print(f"{'import into an empty folder':<40} {first:7.2f} s   goal <= 3 s")
        print(f"{'the same file again':<40} {second:7.2f} s   goal <= 1 s; "
              f"{record.get('added', 0) + record.get('updated', 0) + record.get('deleted', 0)} rows changed (goal 0)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
