"""How long each page's ``load`` takes in the database thread, on a large history (default: a million activities).

Run ``.venv/bin/python bench/ui_pages.py [--data-dir D] [--activities N] [--runs 3]``; a folder without a
database is filled with demo data first (about 90 s for a million). The window stays responsive whatever these
take (the loads run off the UI thread), but they are how long a page waits for its data after a write or when
first shown, and how long other database work queues behind them. Qt runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.clock import SystemClock  # noqa: E402
from app.services import open_services  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.today_page import load_today  # noqa: E402
from bench.common import demo_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    clock = SystemClock()
    data_dir = demo_folder(args.data_dir, clock, args.activities, prefix="pintuan-pages-")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = open_services(data_dir, clock)  # as the app starts: the game current, its catalogue loaded
    store = services.store
    try:
        total = services.queries.counts()
        print(f"{data_dir}: {total['activities']:,} activities, {total['deals']:,} deals, {total['helps']:,} helps")
        window = MainWindow(data_dir, QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat))
        window.build_all_pages()
        loads = {"Today": lambda: load_today(services)}
        for page in window.data_pages():
            loads[type(page).__name__.removesuffix("Page")] = lambda page=page: page.load(services)
        print(f"{'page':<10} {'load median':>12} {'min':>8} {'first':>8}   (n={args.runs})")
        after = []
        for name, load in loads.items():
            times = []
            for run in range(args.runs):
                started = time.perf_counter()
                data = load()
                times.append(time.perf_counter() - started)
                if run == 0 and isinstance(data, dict) and data.get("later"):
                    after.append((name, data["later"], data["draw"]))
            print(f"{name:<10} {statistics.median(times) * 1000:>9.0f} ms {min(times) * 1000:>5.0f} ms "
                  f"{times[0] * 1000:>5.0f} ms")
        # What a first load leaves to do after the page shows (the Badges page's art), one item per database call.
        for name, items, draw in after:
            each = []
            for item in items:
                started = time.perf_counter()
                draw(item)
                each.append(time.perf_counter() - started)
            print(f"{name}: {len(items)} drawn after the first load, {sum(each) * 1000:.0f} ms in all, "
                  f"at most {max(each) * 1000:.0f} ms a call")
        window.close()
    finally:
        store.close()
    del app
    os._exit(0)  # PySide6 can crash in the interpreter's final collection; the figures are out


if __name__ == "__main__":
    main()
