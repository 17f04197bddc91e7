"""The cut curve: drawn for a demo bargain and for one without cuts, its words, tooltips, keys, and the Deals page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.services import Services
from app.services.forecast import BargainForecast, PastBargain, forecast, learn
from app.store import Store
from app.ui.context import PageContext
from app.ui.cut_curve import CutCurve
from app.ui.pages.deals import DealsPage
from app.ui.tasks import DbRunner
from app.ui.theme import apply_theme, colour

HARMONIC = tuple(2520 // n for n in range(1, 11))


def history(count: int) -> list[PastBargain]:
    return [PastBargain((*HARMONIC[:6], 100), sum(HARMONIC[:6]) + 100, True)] * count


def drawn(widget: CutCurve) -> QImage:
    image = widget.chart.grab().toImage()
    assert not image.isNull()
    return image


def pixels_of(image: QImage, wanted: QColor) -> int:
    """How many pixels are (nearly) the colour ``wanted``."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - wanted.red()) + abs(c.green() - wanted.green()) + abs(c.blue() - wanted.blue()) < 30:
                count += 1
    return count


def shown(qtbot, forecast_: BargainForecast | None) -> CutCurve:
    widget = CutCurve()
    qtbot.addWidget(widget)
    widget.resize(420, 190)
    widget.set_forecast(forecast_)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_forecast_draws_the_curve_and_says_how_many_more(qtbot) -> None:
    f = forecast("d", 10000, 10000 - 5754, 10000 - 3780, [(None, 2520), (None, 1260)], learn(history(3)))
    widget = shown(qtbot, f)
    assert widget.summary.text() == (
        "About 3 more helpers (every pace seen gives the same; learned from 3 of your bargains, fairly sure)")
    assert pixels_of(drawn(widget), colour("accent")) > 20  # the steps, the points and the dashed forecast
    assert pixels_of(drawn(widget), colour("positive")) > 10  # the target line


def test_a_demo_bargain_gets_a_forecast_with_a_range(qtbot, tmp_path: Path, clock: FixedClock) -> None:
    create_demo_folder(tmp_path / "demo", clock)
    store = Store.open(tmp_path / "demo")
    try:
        services = Services(store, clock)
        bargains = [d for d in services.queries.deals() if d["kind"] == "bargain" and d["mine"]
                    and d["status"] == "open" and len(d["cuts"]) >= 2]
        assert bargains
        f = services.forecast.bargain(bargains[0]["id"])
    finally:
        store.close()
    assert f.state == "forecast" and f.learned_from >= 3
    widget = shown(qtbot, f)
    text = widget.summary.text()
    assert text.startswith(f"About {f.more} more helper")
    assert f"likely {f.low}–{f.high}" in text or f"likely {f.low} or more" in text
    assert f"learned from {f.learned_from} of your bargains" in text
    assert pixels_of(drawn(widget), colour("accent")) > 20


def test_the_chart_follows_the_theme(qtbot) -> None:
    f = forecast("d", 10000, 10000 - 5754, 10000 - 3780, [(None, 2520), (None, 1260)], learn(history(3)))
    widget = shown(qtbot, f)
    light_accent = QColor(colour("accent"))
    try:
        apply_theme("dark")
        QApplication.processEvents()
        dark = drawn(widget)
        assert colour("accent") != light_accent
        assert pixels_of(dark, colour("accent")) > 20  # drawn in the dark shade now, not built again
        assert pixels_of(dark, light_accent) == 0
        background = dark.pixelColor(dark.width() - 2, 2)
        assert is_dark_colour(background)
    finally:
        apply_theme("system")


def is_dark_colour(c: QColor) -> bool:
    return c.lightness() < 128


def test_a_bargain_without_cuts_draws_its_prices_and_says_so(qtbot) -> None:
    f = forecast("d", 5000, 1000, 5000, [], learn(history(3)))
    widget = shown(qtbot, f)
    assert widget.summary.text() == "No cuts yet: the forecast of helpers still needed starts with the first cut."
    assert widget.chart.describe() == "No cuts yet"
    image = drawn(widget)
    assert pixels_of(image, colour("positive")) > 10  # the target line and its price
    assert pixels_of(image, colour("accent")) == 0  # no curve


def test_empty_states_in_words(qtbot) -> None:
    widget = shown(qtbot, None)
    assert widget.summary.text() == "" and widget.summary.isHidden()
    assert not drawn(widget).isNull()
    cuts = [(None, 2520), (None, 1260)]
    widget.set_forecast(forecast("d", 10000, 0, 6220, cuts, learn([])))
    assert widget.summary.text().startswith("No forecast yet: it learns from your finished bargains")
    widget.set_forecast(forecast("d", 3780, 0, 0, cuts, learn(history(3))))
    assert widget.summary.text() == "Target price reached: no more helpers needed."
    widget.set_forecast(forecast("d", 10**7, 0, 10**7 - 10, [(None, 5), (None, 3), (None, 2)], learn(history(3))))
    assert widget.summary.text() == (
        "More than 300 more helpers at this pace (learned from 3 of your bargains, fairly sure)")
    widget.set_forecast(forecast("d", 10000, 10000 - 5754, 10000 - 3780, cuts, learn(history(1))))
    assert "a rough guess" in widget.summary.text()
    widget.set_forecast(forecast("d", 10000, None, 6220, cuts, learn(history(3))))
    assert widget.summary.text() == "No forecast: this bargain has no target price."


def test_tooltips_and_arrow_keys_move_between_cuts(qtbot) -> None:
    cuts = [("2026-11-20T12:00:00Z", 2520), ("2026-11-21T12:00:00Z", 1260), ("2026-11-22T12:00:00Z", 840)]
    widget = shown(qtbot, forecast("d", 10000, 1000, 10000 - 4620, cuts, learn(history(3))))
    chart = widget.chart
    points = chart._cut_points()
    assert chart.point_at(points[1]) == 1
    assert chart.point_at(points[1] + QPointF(40, 40)) is None
    assert chart.point_text(1) == "Cut 2: −¥12.60 → ¥62.20"
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.selected == 0
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.selected == 1 and chart.accessibleDescription() == "Cut 2: −¥12.60 → ¥62.20"
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.selected == 2
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.selected == 2  # stays on the last cut
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart.selected == 0


@pytest.fixture
def shop(services: Services, clock: FixedClock) -> Services:
    services.deals.create(kind="bargain", title="婴儿推车", mine=True, original_fen=59900, target_fen=9900)
    services.deals.record_cut("婴儿推车", 1250, at=clock.now() - dt.timedelta(hours=2))
    services.deals.record_cut("婴儿推车", 830, at=clock.now() - dt.timedelta(hours=1))
    services.deals.create(kind="group_buy", title="Fresh milk", original_fen=4990, participants_needed=3)
    return services


def test_the_deals_page_shows_the_curve_of_the_selected_bargain(qtbot, run_qasync, shop: Services,
                                                                runner: DbRunner) -> None:
    page = DealsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(shop))
    page.attach(PageContext(shop, runner))
    titles = [page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())]

    async def pick() -> None:
        page.view.selectRow(titles.index("婴儿推车"))
        assert page._cuts_task is not None
        await page._cuts_task

    run_qasync(pick())
    curve = page.cut_curve
    assert curve.isVisibleTo(page)
    assert curve.chart.forecast is not None and [c.amount_fen for c in curve.chart.forecast.cuts] == [1250, 830]
    assert curve.summary.text().startswith("No forecast yet")  # no finished bargain to learn from
    page.view.selectRow(titles.index("Fresh milk"))
    assert not curve.isVisibleTo(page)
