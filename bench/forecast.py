"""The bargain forecast's error on held-out demo bargains, next to a naive mean's.

Run ``.venv/bin/python bench/forecast.py [--data-dir D] [--activities 3000] [--seed 1]``: ``D`` is a data folder
(a demo is built there, or in a temporary folder, when it has no database). The user's finished bargains are read
as the window's forecast reads them; each one that reached its target is held out in turn (leave one out), the
model learns from the others, and at a quarter, half and three quarters of its cuts it forecasts the helpers still
needed. Printed: the mean absolute error of the model and of the naive forecast (the mean number of cuts past
bargains needed, minus those made so far), and how often the true number fell inside the forecast's range.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from app.services.forecast import HISTORY_MAX, evaluate, learn, past_bargains  # noqa: E402
from app.store import Store  # noqa: E402
from bench.common import demo_folder  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--activities", type=int, default=3000, help="size of a demo built for the bench")
    args = parser.parse_args(argv)
    data_dir = demo_folder(args.data_dir, FixedClock(NOW, ZoneInfo("Asia/Shanghai")), args.activities,
                           prefix="pintuan-forecast-")
    store = Store.open(data_dir, create=False)
    try:
        with store.read() as session:
            history = past_bargains(session)
    finally:
        store.close()
    model = learn(history)
    reached = sum(b.reached for b in history)
    print(f"{data_dir}: {len(history)} finished bargains (at most {HISTORY_MAX}), {reached} reached the target, "
          f"decay learned from {model.learned_from}: {model.decay if model.decay is None else round(model.decay, 2)}")
    result = evaluate(history)
    if not result.points:
        print("nothing to evaluate: no finished bargain reached its target with two cuts or more")
        return 1
    print(f"held out {result.bargains} bargains, {result.points} forecasts (at 1/4, 1/2, 3/4 of their cuts)")
    print(f"mean absolute error, helpers still needed: model {result.model_mae:.2f}, naive mean "
          f"{result.naive_mae:.2f}; true number inside the model's range {result.within_range:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
