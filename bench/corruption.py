"""The corruption table: 100 damaged databases through the command line, and what became of each.

Runs the cases of ``tests/test_corruption.py`` (the same damage, the same commands, the same rules) and prints
the outcome counts per kind of damage, how the data came back, and any rule a case broke.

    PYTHONPATH=. python bench/corruption.py [-v] [NAME-FILTER...]
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import i18n  # noqa: E402
from tests.test_corruption import CASES, build_original, classify, judge, recovery, run_case  # noqa: E402

KINDS = ("truncation", "garbage", "header", "wal", "filesystem", "foreign")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filters", nargs="*", help="run only the cases whose name contains one of these")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case and its commands")
    args = parser.parse_args()
    i18n.set_language("en")  # the rules look for English words in the messages
    cases = [c for c in CASES if not args.filters or any(f in c.name for f in args.filters)]
    with tempfile.TemporaryDirectory(prefix="pintuan-corruption-") as root:
        started = time.perf_counter()
        original = build_original(Path(root) / "original")
        print(f"generated the original in {time.perf_counter() - started:.1f} s: {len(original.help_ids)} helps "
              f"(+{len(original.wal_help_ids)} in a write-ahead log), {len(original.pages)} tables and indexes")
        outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
        recoveries: collections.Counter[str] = collections.Counter()
        ahead = collections.Counter[str]()  # writes that went ahead on a file check then found damaged
        broken: list[tuple[str, list[str]]] = []
        started = time.perf_counter()
        for number, case in enumerate(cases):
            result = run_case(case, original, Path(root) / f"case-{number}")
            outcome = classify(result)
            outcomes[(outcome, case.kind)] += 1
            if result.runs["write"].ok and result.moved_by == "check":
                ahead["after a read"] += 1
            if result.write_first["write"].ok and result.write_first_moved:
                ahead["as the first command"] += 1
            if (came_back := recovery(result)) is not None:
                recoveries[came_back] += 1
            if problems := judge(result, original):
                broken.append((case.name, problems))
            if args.verbose:
                print(f"{case.name:55} {outcome}" + (f"; {came_back}" if came_back else ""))
                for step, run in {**result.runs, **{f"w-{k}": r for k, r in result.write_first.items()}}.items():
                    lines = (run.err or run.out).strip().splitlines()
                    text = lines[-1] if lines else ""
                    print(f"    {step:8} exit {run.code}  {text[:200]}")
        elapsed = time.perf_counter() - started
    print_table(outcomes, recoveries, len(cases), elapsed)
    print("writes that went ahead on a damaged file (the damage outside every page the open and the write read;")
    print("the next check moved the file aside): " + ", ".join(f"{n} {k}" for k, n in sorted(ahead.items())))
    print()
    for name, problems in broken:
        print(f"BROKEN {name}: " + "; ".join(problems))
    print(f"{len(cases) - len(broken)} of {len(cases)} cases kept every rule.")
    return 1 if broken else 0


def print_table(outcomes: collections.Counter[tuple[str, str]], recoveries: collections.Counter[str],
                total: int, elapsed: float) -> None:
    labels = sorted({o for o, _ in outcomes}, key=lambda o: (-sum(n for (x, _), n in outcomes.items() if x == o), o))
    width = max(len(label) for label in labels)
    print()
    print(f"{total} damaged databases ({elapsed:.0f} s): what became of each")
    print(f"{'outcome':{width}}  {'all':>4}  " + "  ".join(f"{k[:10]:>10}" for k in KINDS))
    for label in labels:
        row = [outcomes[(label, k)] for k in KINDS]
        print(f"{label:{width}}  {sum(row):4}  " + "  ".join(f"{n or '':>10}" for n in row))
    row = [sum(n for (_, kind), n in outcomes.items() if kind == k) for k in KINDS]
    print(f"{'':{width}}  {sum(row):4}  " + "  ".join(f"{n:>10}" for n in row))
    print()
    print("after the file was moved aside (restore --latest with a backup, restore --salvage without):")
    for label, count in recoveries.most_common():
        print(f"  {label:{width - 2}}  {count:4}")
    print()


if __name__ == "__main__":
    sys.exit(main())
