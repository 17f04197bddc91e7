"""The Badges page finished: nothing clipped, the grid spread over the width, progress on each tile, and a badge's
detail opened by click, Enter, Space or a double click, each tier with when and by what it was earned."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from app.clock import FixedClock
from app.services import Services
from app.ui.context import PageContext
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.pages.badge_detail import BadgeDetailDialog
from app.ui.pages.badges import INSET, TILE_ROLE, TILE_W, BadgesPage, Tile, load_detail, progress_text
from app.ui.tasks import DbRunner

SIZES = [(1024, 640), (1920, 1080)]


def _window(qtbot: Any, services: Services, settings: QSettings, size: tuple[int, int]) -> tuple[MainWindow,
                                                                                                   BadgesPage]:
    window = MainWindow(services.store.data_dir, settings)
    qtbot.addWidget(window)
    window.build_all_pages()
    window.resize(*size)
    window.show()
    page = window.badges_page
    assert isinstance(page, BadgesPage)
    page.set_data(page.load(services))
    window.sidebar.setCurrentRow(window.pages.indexOf(page))
    QApplication.processEvents()
    return window, page


def _tiles(page: BadgesPage) -> dict[str, Tile]:
    tiles = [page.grid.item(i).data(TILE_ROLE) for i in range(page.grid.count())]
    return {tile.badge_id: tile for tile in tiles}


@pytest.mark.parametrize("size", SIZES)
def test_nothing_is_drawn_against_the_frame(qtbot, filled: Services, settings: QSettings,
                                            size: tuple[int, int]) -> None:
    """The top row's art used to touch the frame (and was cut off there): the tiles keep a margin inside it."""
    _, page = _window(qtbot, filled, settings, size)
    grid = page.grid
    image = grid.viewport().grab().toImage()
    base = grid.viewport().palette().color(QPalette.ColorRole.Base)
    for y in range(INSET):  # a lit tile's highlight starts there, its art further in
        row = {image.pixelColor(x, y).rgb() for x in range(image.width())}
        assert row == {base.rgb()}, f"row {y} of the grid is drawn on"
    first = grid.visualItemRect(grid.item(0))
    assert first.top() >= 0 and first.left() >= 0
    grid.scrollToBottom()
    QApplication.processEvents()
    last = grid.visualItemRect(grid.item(grid.count() - 1))
    assert last.bottom() <= grid.viewport().height()  # the last row scrolls fully into view


@pytest.mark.parametrize("size", SIZES)
def test_the_grid_spreads_over_the_width_and_reflows_on_resize(qtbot, filled: Services, settings: QSettings,
                                                                size: tuple[int, int]) -> None:
    window, page = _window(qtbot, filled, settings, size)
    grid = page.grid
    extent = grid.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, grid.verticalScrollBar())

    def check() -> int:
        rects = [grid.visualItemRect(grid.item(i)) for i in range(grid.count())]
        xs = sorted({r.x() for r in rects})
        assert len(xs) == grid.layout_width() // TILE_W  # as many columns as fit
        assert len({b - a for a, b in zip(xs, xs[1:], strict=False)}) <= 1  # evenly spaced
        left, right = xs[0], grid.viewport().width() - (xs[-1] + rects[0].width())
        # Centred: the space right of the last column is the left one's (plus the room Qt keeps for a scroll bar
        # while none shows, and the pixels left when the width is shared), never a column's worth of empty space.
        assert abs(right - left) <= extent + len(xs) + 2, (left, right)
        return len(xs)

    columns = check()
    window.resize(size[0] + 400, size[1])
    QApplication.processEvents()
    assert check() > columns  # recomputed on resize
    window.resize(size[0] - 200, size[1])
    QApplication.processEvents()
    assert check() < columns


def test_each_tile_shows_its_tier_and_progress(qtbot, filled: Services, settings: QSettings) -> None:
    _, page = _window(qtbot, filled, settings, SIZES[0])
    tiles = _tiles(page)
    helping = tiles["helping-hand"]  # one help given: bronze, on the way to silver at 10
    assert (helping.title, helping.tier, helping.progress, helping.fraction) == ("Helping Hand", "Bronze", "1 / 10",
                                                                                 0.1)
    money = tiles["price-slasher"]  # a money badge: yuan, never fen
    assert money.tier == "Not earned yet" and money.progress.startswith("¥") and money.progress.endswith(" / ¥10.00")
    hidden = tiles["unbroken"]
    assert (hidden.title, hidden.tier, hidden.progress, hidden.fraction) == ("???", "Hidden", "", None)
    item = next(page.grid.item(i) for i in range(page.grid.count())
                if page.grid.item(i).data(TILE_ROLE).badge_id == "helping-hand")
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Helping Hand, Bronze, 1 / 10"
    # The bar is painted on the tile: its filled tenth in the highlight colour, the rest its track.
    grid = page.grid
    option = QStyleOptionViewItem()
    grid.initViewItemOption(option)
    rect = grid.visualItemRect(item)
    bar = grid.delegate.parts(rect, option)["bar"]
    image = grid.viewport().grab().toImage()
    ratio = image.width() / grid.viewport().width()
    middle = bar.center().y()

    def pixel(x: int) -> QColor:
        return image.pixelColor(round(x * ratio), round(middle * ratio))

    highlight = grid.palette().color(QPalette.ColorRole.Highlight)
    assert pixel(bar.left() + 4).rgb() == highlight.rgb()
    assert pixel(bar.right() - 4).rgb() != highlight.rgb()


def test_progress_reads_in_yuan_with_grouped_digits() -> None:
    def badge(progress: int, unit: str, earned: int) -> dict[str, Any]:
        return {"progress": progress, "unit": unit, "earned_tier": earned, "tiers": [1000, 5000]}

    assert progress_text(badge(1234, "count", 1)) == "1,234 / 5,000"
    assert progress_text(badge(750, "fen", 0)) == "¥7.50 / ¥10.00"
    assert progress_text(badge(123456, "fen", 2)) == "¥1,234.56"  # every tier earned: the sum alone


def test_tier_names_are_translated(qtbot, filled: Services, settings: QSettings) -> None:
    apply_language("zh_CN")
    _, page = _window(qtbot, filled, settings, SIZES[0])
    assert _tiles(page)["helping-hand"].tier == "铜"


def test_the_detail_tells_each_tier_when_and_by_what(qtbot, filled: Services, settings: QSettings) -> None:
    window, _ = _window(qtbot, filled, settings, SIZES[0])
    tz = filled.clock.tz
    dialog = BadgeDetailDialog(load_detail(filled, "helping-hand", "en"), tz, window)
    qtbot.addWidget(dialog)
    assert dialog.title_label.text() == "Helping Hand"
    assert dialog.tier_label.text() == "Bronze · 1 of 5 tiers"
    assert dialog.description.text().startswith("Help group members")
    assert dialog.next_label.text() == "Next: Silver at 10"
    assert (dialog.bar.value(), dialog.bar.maximum(), dialog.progress_label.text()) == (1, 10, "1 / 10")
    rows = [(name.text(), threshold.text(), how.text()) for name, threshold, how in dialog.tier_rows]
    # The help was logged at 12:00 UTC: 20:00 in Shanghai, the data's zone.
    assert rows[0] == ("Bronze", "Reach 1", "Earned 2026-11-25 20:00: Bargain cut (¥12.50) for 小美 in 宝妈拼团群")
    assert rows[1] == ("Silver", "Reach 10", "Not earned yet")
    assert [row[0] for row in rows] == ["Bronze", "Silver", "Gold", "Platinum", "Diamond"]
    dialog.show()
    assert dialog.height() <= window.height()  # fits the smallest window

    money = BadgeDetailDialog(load_detail(filled, "price-slasher", "en"), tz, window)
    qtbot.addWidget(money)
    assert money.next_label.text() == "Next: Bronze at ¥10.00"
    assert [threshold.text() for _, threshold, _ in money.tier_rows][-1] == "Reach ¥1,000.00"

    apply_language("zh_CN")
    chinese = BadgeDetailDialog(load_detail(filled, "helping-hand", "zh_CN"), tz, window)
    qtbot.addWidget(chinese)
    name, _, how = chinese.tier_rows[0]
    assert name.text() == "铜" and how.text() == "2026-11-25 20:00 获得：在宝妈拼团群为小美砍一刀（¥12.50）"


def test_hidden_badges_open_without_their_secret(qtbot, filled: Services, settings: QSettings) -> None:
    window, _ = _window(qtbot, filled, settings, SIZES[0])
    dialog = BadgeDetailDialog(load_detail(filled, "unbroken", "en"), filled.clock.tz, window)
    qtbot.addWidget(dialog)
    assert dialog.title_label.text() == "???" and dialog.tier_rows == [] and dialog.bar.isHidden()


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.01)


def test_a_click_enter_space_or_double_click_opens_the_detail(qtbot, filled: Services, settings: QSettings,
                                                               clock: FixedClock, runner: DbRunner,
                                                               run_qasync: Callable[..., Any]) -> None:
    window, page = _window(qtbot, filled, settings, SIZES[0])
    page.attach(PageContext(filled, runner, window))
    grid = page.grid
    ids = [grid.item(i).data(TILE_ROLE).badge_id for i in range(grid.count())]

    def centre(row: int) -> QPoint:
        return grid.visualItemRect(grid.item(row)).center()

    async def shown(expected: str) -> None:
        await _until(lambda: page.detail is not None and page.detail.isVisible())
        assert page.detail is not None and page.detail.detail["id"] == expected
        page.detail.reject()
        await _until(lambda: page.detail is None)

    async def scenario() -> int:
        QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre(0))
        await shown(ids[0])
        grid.setFocus()
        grid.setCurrentRow(1)
        QTest.keyClick(grid, Qt.Key.Key_Right)  # tiles are reached with the arrows
        assert grid.currentRow() == 2
        QTest.keyClick(grid, Qt.Key.Key_Return)
        await shown(ids[2])
        QTest.keyClick(grid, Qt.Key.Key_Down)
        QTest.keyClick(grid, Qt.Key.Key_Space)
        await shown(ids[2 + grid.columns()])
        # A double click as the mouse makes it: a click, then the second press, which comes as a double click.
        QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre(3))
        QTest.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre(3))
        await _until(lambda: page.detail is not None and page.detail.isVisible())
        for _ in range(20):
            await asyncio.sleep(0)  # the double click's second half, had it opened another
        opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, BadgeDetailDialog) and w.isVisible()]
        assert page.detail is not None and page.detail.detail["id"] == ids[3]
        page.detail.reject()
        await _until(lambda: page.detail is None)
        return len(opened)

    assert run_qasync(scenario()) == 1


def test_tab_reaches_the_tiles(qtbot, filled: Services, settings: QSettings) -> None:
    window, page = _window(qtbot, filled, settings, SIZES[0])
    window.activateWindow()
    window.sidebar.setFocus()
    for _ in range(5):
        if page.grid.hasFocus():
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.grid.hasFocus()
