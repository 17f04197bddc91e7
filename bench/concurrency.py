"""Five command loops at once on one data folder: how many commands ran, how many failed.

    .venv/bin/python bench/concurrency.py [--data-dir DIR] [--activities 100000] [--loops 5] [--seconds 90]

Each loop runs ``python -m app`` commands one after another (reads and writes mixed, as a user's scripts and the
window would), for the given time. A command fails when it exits non-zero or prints a traceback. Ends with the
line ``commands: N, failed: F``.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FRIEND = "{friend}"  # replaced by the id of the contact the bench makes
MIX = (
    ("add", "help", "--direction", "given", "--kind", "share", "--contact", FRIEND),
    ("list", "helps", "--limit", "20"),
    ("ledger",),
    ("points",),
    ("list", "deals", "--limit", "20"),
    ("quests",),
    ("badges",),
    ("list", "activities", "--limit", "50"),
    ("backups",),
)


def run_loop(index: int, data_dir: Path, friend: str, until: float, tally: collections.Counter[str],
             failures: list[str], lock: threading.Lock) -> None:
    step = index  # each loop starts at another place in the mix
    while time.monotonic() < until:
        argv = tuple(friend if a == FRIEND else a for a in MIX[step % len(MIX)])
        step += 1
        done = subprocess.run(
            [sys.executable, "-m", "app", *argv, "--data-dir", str(data_dir)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        bad = done.returncode != 0 or "Traceback" in done.stderr
        with lock:
            tally[argv[0] + (" " + argv[1] if argv[0] in ("add", "list") else "")] += 1
            tally["_run"] += 1
            if bad:
                tally["_failed"] += 1
                failures.append(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.strip()[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--loops", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=90)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="pq-concurrency-")) / "data"
    if not (data_dir / "pintuan.sqlite3").exists():
        print(f"building {args.activities:,} activities in {data_dir} …", flush=True)
        subprocess.run([sys.executable, "-m", "app", "demo", "--data-dir", str(data_dir),
                        "--activities", str(args.activities)], cwd=ROOT, check=True, capture_output=True)
    made = subprocess.run([sys.executable, "-m", "app", "add", "contact", "--nickname", "bench-friend", "--json",
                           "--data-dir", str(data_dir)], cwd=ROOT, check=True, capture_output=True, text=True)
    friend = json.loads(made.stdout)["id"]  # by id: the bench may run again on the same folder
    tally: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    lock = threading.Lock()
    until = time.monotonic() + args.seconds
    threads = [threading.Thread(target=run_loop, args=(i, data_dir, friend, until, tally, failures, lock))
               for i in range(args.loops)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    print(f"{args.loops} loops for {elapsed:.0f} s on {data_dir}")
    for name, count in sorted(tally.items()):
        if not name.startswith("_"):
            print(f"  {name:<16} {count}")
    for failure in failures[:10]:
        print(f"  failed: {failure}")
    print(f"commands: {tally['_run']}, failed: {tally['_failed']}")


if __name__ == "__main__":
    main()
