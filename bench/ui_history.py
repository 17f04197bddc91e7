"""Benchmark the History page on a big log: open (first block + count), next block, jump to the end, memory.

Run ``.venv/bin/python bench/ui_history.py [--data-dir D] [--activities 1000000] [--screenshot out.png]``.
Without ``--data-dir`` (or with an empty one) a demo folder is built first (about 90 s for a million
activities); pass an existing folder to reuse it. Qt runs offscreen. RSS is the process's resident memory
(``/proc/self/status``), measured after each step and after reading blocks at 200 random places.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# isort: off
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402
import qasync  # noqa: E402
import shiboken6  # noqa: E402

# isort: on
from app.clock import FixedClock  # noqa: E402
from app.services import open_services  # noqa: E402
from app.ui.context import PageContext  # noqa: E402
from app.ui.pages.history import HistoryPage  # noqa: E402
from app.ui.tasks import DbRunner  # noqa: E402
from bench.common import demo_folder  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
# The demo's clock: "today" in the generated data.
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    async def wait() -> None:
        while not condition():
            await asyncio.sleep(0.001)

    await asyncio.wait_for(wait(), timeout)


async def measure(app: QApplication, page: HistoryPage, screenshot: Path | None) -> None:
    model, view = page.model, page.view
    print(f"RSS before opening: {rss_mb():.0f} MB")

    started = time.perf_counter()
    await page.refresh()
    app.processEvents()
    opened = time.perf_counter() - started
    total = model.rowCount()
    print(f"rows: {total:,}")
    print(f"open (first block + count, painted): {opened * 1000:.0f} ms  (cold)")
    started = time.perf_counter()
    await page.refresh()
    app.processEvents()
    print(f"open again (warm): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"RSS after opening: {rss_mb():.0f} MB")

    started = time.perf_counter()
    view.scrollTo(model.index(model.block_size, 0), QTableView.ScrollHint.PositionAtTop)
    await until(lambda: model.is_cached(model.block_size))
    print(f"next block (rows 500-999): {(time.perf_counter() - started) * 1000:.0f} ms")

    started = time.perf_counter()
    page.oldest_button.click()
    await until(lambda: model.is_cached(total - 1))
    app.processEvents()
    print(f"jump to end (oldest block, painted): {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    view.scrollTo(model.index(total // 2, 0), QTableView.ScrollHint.PositionAtTop)
    await until(lambda: model.is_cached(total // 2))
    print(f"jump to the middle (no anchor near): {(time.perf_counter() - started) * 1000:.0f} ms")

    rng = random.Random(1)
    timings = []
    for _ in range(200):
        row = rng.randrange(total)
        started = time.perf_counter()
        view.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtTop)
        await until(lambda row=row: model.is_cached(row))
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"200 random jumps: median {timings[100] * 1000:.0f} ms, p90 {timings[180] * 1000:.0f} ms, "
        f"max {timings[-1] * 1000:.0f} ms; blocks cached {len(model.cached_blocks())} (max {model.max_blocks})"
    )
    print(f"RSS after random jumps: {rss_mb():.0f} MB")

    started = time.perf_counter()
    page.type_combo.setCurrentIndex(page.type_combo.findText(page.tr("Helps")))
    await until(lambda: page.filter.types == ("help.given", "help.received") and model.rowCount() != total)
    print(f"filter 'Helps' ({model.rowCount():,} rows): {(time.perf_counter() - started) * 1000:.0f} ms")
    page.group_combo.setCurrentIndex(1)
    started = time.perf_counter()
    before = model.rowCount()
    await until(lambda: model.rowCount() != before)
    print(f"+ filter on one group ({model.rowCount():,} rows): {(time.perf_counter() - started) * 1000:.0f} ms")
    page.clear_button.click()
    await until(lambda: model.rowCount() == total)
    if screenshot is not None:
        view.scrollToTop()
        await asyncio.sleep(0.2)
        app.processEvents()
        page.grab().save(str(screenshot))
        print(f"screenshot: {screenshot}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a demo folder to reuse (built when empty)")
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    clock = FixedClock(NOW, ZONE)
    data_dir = demo_folder(args.data_dir, clock, args.activities, prefix="pintuan-history-")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = open_services(data_dir, clock)  # as the app starts: the game current, its catalogue loaded
    store = services.store
    runner = DbRunner()
    page = HistoryPage()
    page.attach(PageContext(services, runner))
    page.resize(1280, 800)
    page.show()
    app.processEvents()
    try:
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as async_runner:
            async_runner.run(measure(app, page, args.screenshot))  # type: ignore[arg-type]
    finally:
        runner.shutdown()
        store.close()
        # Delete the widgets while Qt is alive, not in the interpreter's final garbage collection.
        page.close()
        shiboken6.delete(page)
        gc.collect()
    # PySide6 6.12 can abort in the interpreter's final garbage collection after a qasync loop ("bool_dealloc");
    # the figures are printed by now, so leave without it.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
