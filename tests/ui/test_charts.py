"""The Charts page and its QPainter charts: drawn on a demo database and an empty one, tooltips and the status line
with the exact value, arrow keys moving the highlight, dark colours, the sidebar's place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.services import Services, open_services
from app.ui.charts import Chart, axis_top, qdate, shade_steps
from app.ui.main_window import MainWindow
from app.ui.pages.charts import ChartsPage
from app.ui.theme import apply_theme
from tests.conftest import SHANGHAI


@pytest.fixture(autouse=True)
def system_theme() -> Iterator[None]:
    yield
    apply_theme("system")


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("charts") / "demo"
    clock = FixedClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), SHANGHAI)
    create_demo_folder(folder, clock, activities=2_000, seed=5)
    return folder


@pytest.fixture
def demo(demo_folder: Path) -> Iterator[Services]:
    clock = FixedClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), SHANGHAI)
    services = open_services(demo_folder, clock, create=False, reading=True)
    yield services
    services.store.close()


def shown(qtbot, services: Services) -> ChartsPage:
    page = ChartsPage()
    qtbot.addWidget(page)
    page.resize(1100, 1100)
    page.show()
    page.set_data(page.load(services))
    QApplication.processEvents()
    return page


def colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def charts_of(page: ChartsPage) -> list[Chart]:
    return [page.heatmap, page.helps, page.saved, page.points]


def test_each_chart_draws_the_demo_data(qtbot, demo: Services) -> None:
    page = shown(qtbot, demo)
    for chart in charts_of(page):
        assert not chart.is_empty(), chart.accessibleName()
        assert chart.width() > 300 and chart.height() > 100
        assert len(colours(chart.grab().toImage())) > 5, chart.accessibleName()  # more than a background and text
        assert chart.accessibleDescription() != chart.empty_text
    assert page.summary.text().startswith(f"{page.data.heatmap.total:,} entries on ")
    rest = sorted(page.data.heatmap.rest)
    assert rest, "the demo's streaks take rest days"
    assert page.heatmap.item_text(page.heatmap.index_of(rest[0])).endswith("\nA rest day: the streak went on")
    busy = next(d for d, n in page.data.heatmap.counts.items() if n and d not in page.data.heatmap.rest)
    assert "rest day" not in page.heatmap.item_text(page.heatmap.index_of(busy))


def test_an_empty_database_shows_the_empty_texts(qtbot, services: Services) -> None:
    page = shown(qtbot, services)
    for chart in charts_of(page):
        assert chart.is_empty()
        assert chart.accessibleDescription() == chart.empty_text
        image = chart.grab().toImage()
        assert len(colours(image)) > 1  # the words are drawn
        assert chart.height() <= Chart.EMPTY_HEIGHT  # no room kept for what is not there
    assert page.summary.isHidden()
    assert page.heatmap.empty_text.startswith("Nothing recorded")
    assert page.helps.empty_text.startswith("No helps yet")


def test_a_cell_tooltip_and_the_keys_give_the_exact_day_and_value(qtbot, filled: Services) -> None:
    """The filled database: today (2026-11-25 in Shanghai) has the group, contacts, deal and helps made now."""
    page = shown(qtbot, filled)
    heatmap = page.heatmap
    today = dt.date(2026, 11, 25)
    count = page.data.heatmap.counts[today]
    assert count == 8  # a group, two contacts, a deal, three helps and the cut one of them made
    index = heatmap.index_of(today)
    words = QLocale().toString(qdate(today), QLocale.FormatType.LongFormat)
    assert heatmap.item_text(index) == f"{words}: 8 entries"
    # The mouse: a tooltip event over the cell shows the same words.
    centre = heatmap.item_rect(index).center().toPoint()
    QApplication.sendEvent(heatmap, QHelpEvent(QEvent.Type.ToolTip, centre, heatmap.mapToGlobal(centre)))
    assert QToolTip.text() == f"{words}: 8 entries"
    QToolTip.hideText()
    # The keyboard: Tab in highlights the newest day; Up is a day back, Left a week back, End today again.
    heatmap.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(heatmap.hasFocus)
    assert heatmap.current == index
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    assert heatmap.current == index - 1
    assert heatmap.accessibleDescription().endswith(": 0 entries")
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)
    assert heatmap.current == index - 8
    assert heatmap.day(heatmap.current) == today - dt.timedelta(days=8)
    qtbot.keyClick(heatmap, Qt.Key.Key_End)
    assert heatmap.current == index
    assert page.status_labels[heatmap].text() == f"{words}: 8 entries"
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)  # no day after today: it stays
    assert heatmap.current == index


def test_bars_and_lines_say_their_month_and_values(qtbot, filled: Services) -> None:
    page = shown(qtbot, filled)
    bars = page.helps
    assert bars.count() == 12
    bars.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bars.hasFocus)
    assert bars.current == 11  # November 2026, the newest month
    assert bars.accessibleDescription() == "November 2026\nGiven: 1\nReceived: 2"
    qtbot.keyClick(bars, Qt.Key.Key_Left)
    assert bars.accessibleDescription() == "October 2026\nGiven: 0\nReceived: 0"
    qtbot.keyClick(bars, Qt.Key.Key_Home)
    assert bars.accessibleDescription().startswith("December 2025\n")
    assert page.status_labels[bars].text() == "December 2025 · Given: 0 · Received: 0"
    points = page.points
    last = points.count() - 1
    assert points.item_text(last).splitlines()[-1] == f"Points in all: {page.data.points[-1].total:,}"
    assert page.data.points[-1].total > 0
    assert page.saved.is_empty()  # the bargain is still open: nothing saved yet


def test_dark_theme_paints_other_colours(qtbot, demo: Services) -> None:
    apply_theme("light")
    page = shown(qtbot, demo)
    heatmap = page.heatmap
    busiest = max(page.data.heatmap.counts, key=lambda d: page.data.heatmap.counts[d])
    point = heatmap.item_rect(heatmap.index_of(busiest)).center().toPoint()
    corner = QPoint(2, 2)
    light = heatmap.grab().toImage()
    apply_theme("dark")
    QApplication.processEvents()
    dark = heatmap.grab().toImage()
    assert light.pixelColor(point) != dark.pixelColor(point)  # the shade of the busiest day
    assert dark.pixelColor(corner).lightness() < 100 < light.pixelColor(corner).lightness()
    bars = page.helps.grab().toImage()
    assert len(colours(bars)) > 5


def test_shades_and_axis() -> None:
    assert shade_steps([]) == []
    assert shade_steps([3, 3, 3]) == []  # every active day alike: one shade
    assert shade_steps([1, 2, 3, 4, 5, 6, 7, 8]) == [3, 5, 7]
    assert [axis_top(v) for v in (0, 3, 5, 17, 99, 101, 2_400)] == [4, 4, 8, 20, 100, 200, 4_000]


def test_the_sidebar_has_charts_after_badges(qtbot, tmp_path: Path, settings: QSettings) -> None:
    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles.index("Charts") == titles.index("Badges") + 1
    assert isinstance(window.charts_page, ChartsPage)
