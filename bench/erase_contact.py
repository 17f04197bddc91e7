"""Benchmark erasure: the time to erase a contact on a 100,000-activity demo (issue 13, "the time to erase a contact
there"), the contact with the most helps, with backups in both backup folders.

Run ``.venv/bin/python bench/erase_contact.py [--data-dir D] [--activities 100000] [--backups 2]``. ``D`` is a demo
folder made by ``python -m app demo --data-dir D --activities 100000`` (one is built when it is not given); it is
copied first and never written. The erasure is timed as the service does it, end to end: the records and the log
rewritten, the file vacuumed and its write-ahead log emptied, each backup (``--backups`` in the backups folder, as
many in the second one) rewritten. Beside it, its floor: one ``VACUUM`` of the same file alone, and one backup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from app import backups  # noqa: E402
from app.clock import FixedClock  # noqa: E402
from app.paths import database_path  # noqa: E402
from app.services import open_services  # noqa: E402
from bench.common import demo_folder  # noqa: E402

CLOCK = FixedClock(dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC), ZoneInfo("Asia/Shanghai"))


def busiest_contact(path: Path) -> tuple[str, str, int]:
    """The id, nickname and help count of the contact with the most helps."""
    with sqlite3.connect(path) as conn:
        ident, nickname, helps = conn.execute(
            "SELECT c.id, c.nickname, count(*) FROM help_exchange h JOIN contact c ON c.id = h.contact_id "
            "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return str(ident), str(nickname), int(helps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="a demo folder (copied, never written)")
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--backups", type=int, default=2, help="backups in each of the two folders")
    args = parser.parse_args()
    source = demo_folder(args.data_dir, CLOCK, args.activities, prefix="pintuan-bench-erase-")
    work = Path(tempfile.mkdtemp(prefix="pintuan-bench-erase-"))
    data_dir, second = work / "data", work / "second"
    shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns("backups"))
    second.mkdir()
    backups.set_second_folder(data_dir, second)
    db = database_path(data_dir)
    activities = sqlite3.connect(db).execute("SELECT count(*) FROM activity").fetchone()[0]
    ident, nickname, helps = busiest_contact(db)

    services = open_services(data_dir, CLOCK)
    try:
        began = time.perf_counter()
        for _ in range(args.backups):
            services.backups.backup("bench")
        one_backup = (time.perf_counter() - began) / max(args.backups, 1)

        floor = work / "floor.sqlite3"
        shutil.copyfile(db, floor)
        with sqlite3.connect(floor, isolation_level=None) as conn:
            began = time.perf_counter()
            conn.execute("VACUUM")
            vacuum = time.perf_counter() - began

        began = time.perf_counter()
        result = services.erasure.erase_contact(ident)
        seconds = time.perf_counter() - began
    finally:
        services.store.close()
    done = (result.record or {})["erasure"]
    size = db.stat().st_size / 1e6
    print(f"demo: {activities:,} activities, {size:.0f} MB; contact {nickname!r} with {helps:,} helps")
    print(f"erase contact: {seconds:.2f} s  (log entries rewritten {done['activities']}, settlement notes "
          f"{done['settlements']}, backups rewritten {len(done['backups']['rewritten'])}, removed "
          f"{len(done['backups']['removed'])}, game rebuilt {done['game_rebuilt']})")
    print(f"anchor (issue 13: 'the time to erase a contact there', no figure given); its floor: one VACUUM "
          f"{vacuum:.2f} s, one backup {one_backup:.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
