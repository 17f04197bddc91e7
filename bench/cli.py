"""What a user waits for at the command line: whole processes, timed from start to exit, beside their anchors.

Run ``.venv/bin/python bench/cli.py [--data-dir D] [--activities 100000] [--runs 5]``. The data folder is copied
to a temporary folder first (``D`` is never written); without ``--data-dir`` one is built with the ``demo``
command. Then, with this checkout's ``app``:

* the anchors: ``python -c pass`` and ``python -c 'import sqlalchemy.orm'``;
* ``add help`` and ``delete help ID`` of the help just recorded, in turns, ``--runs`` of each (the median).

One ``add help`` runs first, untimed: the first write to a copied folder takes the automatic backup, which is due
at most every 30 minutes; the timed runs are what the user meets between two backups.
Goals (issue 9): ``add help`` <= 0.35 s and <= 2x ``import sqlalchemy.orm``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADD_GOAL_S = 0.35
ADD_GOAL_RATIO = 2.0
ADDED = re.compile(r"\(([0-9a-f-]{36})\)\.$")


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def run(argv: Sequence[str]) -> tuple[float, str]:
    """Run one process; its wall time (start to exit) and its output. A failure stops the bench."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], env=_env(), cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return took, done.stdout


def median_of(argv: Sequence[str], runs: int) -> float:
    return statistics.median(run(argv)[0] for _ in range(runs))


def app(*argv: str, data_dir: Path) -> list[str]:
    return ["-m", "app", *argv, "--data-dir", str(data_dir), "--lang", "en"]


def prepare(source: Path | None, activities: int, into: Path) -> Path:
    """A copy of ``source`` (whole: the backups decide when the next automatic backup is due), or a demo folder."""
    target = into / "data"
    if source is not None:
        started = time.perf_counter()
        shutil.copytree(source, target, symlinks=True)
        print(f"copied {source} in {time.perf_counter() - started:.0f} s")
        return target
    took, _ = run(["-m", "app", "demo", "--data-dir", str(target), "--activities", str(activities)])
    print(f"built a demo folder of {activities:,} activities in {took:.0f} s")
    return target


def some_contact(data_dir: Path) -> str:
    """The id of a contact helps can be recorded with (not archived, not blocked), found as a user would."""
    _took, out = run(app("list", "contacts", "--json", data_dir=data_dir))
    for contact in json.loads(out):
        if not contact["archived"] and contact["trust"] != "blocked":
            return str(contact["id"])
    raise SystemExit(f"no usable contact in {data_dir}")


def count_activities(data_dir: Path) -> int:
    conn = sqlite3.connect(f"file:{data_dir / 'pintuan.sqlite3'}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM activity").fetchone()[0])
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a prepared data folder (copied first, never written)")
    parser.add_argument("--activities", type=int, default=100_000, help="the demo folder's size without --data-dir")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pintuan-bench-cli-") as temp:
        data_dir = prepare(args.data_dir, args.activities, Path(temp))
        contact = some_contact(data_dir)
        add = app("add", "help", "--direction", "given", "--kind", "share", "--contact", contact, data_dir=data_dir)
        run(add)  # the first write takes the automatic backup: not what the next ones meet
        size = count_activities(data_dir)
        nothing = median_of(["-c", "pass"], args.runs)
        orm = median_of(["-c", "import sqlalchemy.orm"], args.runs)
        adds: list[float] = []
        deletes: list[float] = []
        for _ in range(args.runs):
            took, out = run(add)
            adds.append(took)
            found = ADDED.search(out.strip())
            if found is None:
                raise SystemExit(f"no id in the output of add help: {out!r}")
            deletes.append(run(app("delete", "help", found[1], data_dir=data_dir))[0])
        added, deleted = statistics.median(adds), statistics.median(deletes)
    print(f"{size:,} activities; medians of {args.runs} whole processes ({sys.executable})")
    print(f"{'python -c pass':<36} {nothing:7.3f} s   anchor")
    print(f"{'python -c import sqlalchemy.orm':<36} {orm:7.3f} s   anchor")
    print(f"{'add help':<36} {added:7.3f} s   goal <= {ADD_GOAL_S} s")
    print(f"{'delete help ID (the help just added)':<36} {deleted:7.3f} s")
    print(f"{'add help / import sqlalchemy.orm':<36} {added / orm:7.2f}     goal <= {ADD_GOAL_RATIO}")
    print(f"{'delete help / add help':<36} {deleted / added:7.2f}")


if __name__ == "__main__":
    main()
