"""The History page: a lazily reading model that passes Qt's checks, its first block, scrolling and filters."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit, QTableView, QWidget

from app.clock import FixedClock
from app.demo import generate_demo
from app.services import Services
from app.services.history import HistoryFilter, HistoryQuery
from app.ui.context import PageContext
from app.ui.models import ROW_ROLE
from app.ui.pages.history import HistoryModel, HistoryPage
from app.ui.tasks import DbRunner

Run = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def demo(services: Services, clock: FixedClock) -> Services:
    generate_demo(services.store, clock, activities=2200)  # with the game's events, over 3,000 rows
    return services


@pytest.fixture
def page(qtbot: Any, demo: Services, runner: DbRunner) -> HistoryPage:
    page = HistoryPage()
    qtbot.addWidget(page)
    page.attach(PageContext(demo, runner))
    page.resize(1280, 800)
    page.show()
    return page


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async def wait() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(wait(), timeout)


def test_model_passes_qtmodeltester(qtmodeltester: Any, qtbot: Any, demo: Services) -> None:
    query = HistoryQuery(demo.store, demo.clock)
    f = HistoryFilter()
    total = query.count(f)
    model = HistoryModel(block_size=200, max_blocks=3)

    def read(blocks: list[int]) -> None:  # the page does this in the database thread
        for block in blocks:
            model.put_block(model.generation, block, query.rows(f, block * 200, 200, model.anchors, total))

    model.blocks_wanted.connect(read)
    model.reset(total, query.page(f, None, 200), demo.queries.names(), demo.clock.tz, demo.clock.now())
    qtmodeltester.check(model)
    assert model.rowCount() == total > 3000
    # Rows all over the log are read on demand; the cache stays within its bound.
    for row in (700, 1500, 2500, total - 1):
        assert model.index(row, 0).data() == "…"
        qtbot.waitUntil(lambda row=row: model.is_cached(row))
        assert len(model.cached_blocks()) <= 3
    expected = query.oldest(f, 1)[0]
    assert model.index(total - 1, 0).data(ROW_ROLE)["seq"] == expected["seq"]
    qtmodeltester.check(model)


def test_first_block_and_count(page: HistoryPage, demo: Services, run_qasync: Run) -> None:
    run_qasync(page.refresh())
    total = demo.queries.counts()["activities"] + demo.queries.counts()["game_events"]
    model = page.model
    assert model.rowCount() == total
    assert model.cached_blocks() == [0]
    newest = demo.queries.activities(limit=1)[0]
    assert model.index(0, HistoryModel.COL_TIME).data(ROW_ROLE)["seq"] == newest["seq"]
    what = model.index(0, HistoryModel.COL_WHAT).data()
    assert what and "." not in what  # a label, not the raw type
    assert page.count_label.text() == f"{QLocale().toString(total)} entries"  # grouped as the locale does
    assert page.group_combo.count() == len(demo.queries.groups()) + 1
    assert page.contact_combo.count() == len(demo.queries.contacts()) + 1


def test_scrolling_reads_more_blocks_and_memory_stays_bounded(page: HistoryPage, run_qasync: Run) -> None:
    model = page.model
    model.max_blocks = 3

    async def scenario() -> None:
        await page.refresh()
        total = model.rowCount()
        assert not model.is_cached(total - 1)
        page.oldest_button.click()
        await until(lambda: model.is_cached(total - 1))
        for row in (600, 1200, 1800, 2400):
            page.view.scrollTo(model.index(row, 0), page.view.ScrollHint.PositionAtTop)
            await until(lambda row=row: model.is_cached(row))
            assert len(model.cached_blocks()) <= 3
        page.newest_button.click()
        await until(lambda: model.is_cached(0))

    run_qasync(scenario())
    assert len(model.cached_blocks()) <= 3
    # Every cached row is in its place: newest first.
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount()) if model.is_cached(r)]
    seqs = [r["seq"] for r in rows]
    assert len(set(seqs)) == len(seqs)


def test_filter_changes_reset_the_model(page: HistoryPage, demo: Services, qtbot: Any, run_qasync: Run) -> None:
    model = page.model

    async def scenario() -> None:
        await page.refresh()
        everything = model.rowCount()
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(model.rowCount()))

        page.type_combo.setCurrentIndex(page.type_combo.findText("Helps"))
        helps = len(demo.queries.activities(types=["help.given", "help.received"]))
        await until(lambda: model.rowCount() == helps)
        assert resets and resets[-1] == helps
        assert {model.index(r, 0).data(ROW_ROLE)["type"] for r in range(min(helps, 500))} <= {
            "help.given", "help.received"
        }

        page.group_combo.setCurrentIndex(1)
        await until(lambda: page.filter.group_id is not None and model.rowCount() < helps)
        group_rows = model.rowCount()
        assert 0 < group_rows < helps

        qtbot.keyClicks(page.search, "zzz-nothing")
        await until(lambda: model.rowCount() == 0)
        assert page.count_label.text() == "0 entries"

        page.clear_button.click()
        await until(lambda: model.rowCount() == everything)
        assert page.type_combo.currentIndex() == 0 and page.search.text() == ""

    run_qasync(scenario())


def test_date_filter_uses_local_days(page: HistoryPage, demo: Services, run_qasync: Run) -> None:
    from PySide6.QtCore import QDate

    model = page.model
    today = demo.clock.now().astimezone(demo.clock.tz).date()

    async def scenario() -> None:
        await page.refresh()
        page.from_edit.setDate(QDate(today.year, today.month, today.day))
        await until(lambda: page.filter.date_from == today and model.rowCount() < 1000)
        expected = HistoryQuery(demo.store, demo.clock).count(HistoryFilter(date_from=today))
        await until(lambda: model.rowCount() == expected)
        assert model.index(0, 0).data().startswith("Today")

    run_qasync(scenario())


def test_corrections_are_marked(page: HistoryPage, demo: Services, run_qasync: Run) -> None:
    contact = demo.queries.contacts()[0]["nickname"]
    result = demo.helps.create(direction="given", kind="share", contact=contact, amount_fen=1250)
    assert result.entity_id is not None
    demo.helps.delete(str(result.entity_id))
    page.filter = HistoryFilter(types=("help.given", "help.deleted"))
    run_qasync(page.refresh())
    model = page.model
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(3)]
    assert [r["type"] for r in rows[:2]] == ["help.deleted", "help.given"]
    assert model.index(1, HistoryModel.COL_DETAILS).data().endswith("(deleted)")  # what replaced it: a deletion
    assert "¥12.50" in model.index(1, HistoryModel.COL_DETAILS).data()
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, HistoryModel.COL_WHAT).data() == "Deleted a help"


def test_quest_events_name_the_chain_and_step(page: HistoryPage, demo: Services, run_qasync: Run) -> None:
    page.filter = HistoryFilter(types=("quest.step_completed", "quest.completed"))
    run_qasync(page.refresh())
    model = page.model
    assert model.rowCount() > 0
    chains = {c.id: c for c in demo.game.catalogue.chains}
    for row in range(min(model.rowCount(), 20)):
        activity = model.index(row, 0).data(ROW_ROLE)
        details = model.index(row, HistoryModel.COL_DETAILS).data()
        chain = chains[activity["payload"]["chain_id"]]
        assert details.startswith(chain.title.get("en")), details
        if activity["type"] == "quest.step_completed":
            step = next(s for s in chain.steps if s.id == activity["payload"]["step_id"])
            assert f" — {step.title.get('en')}" in details
        if activity["payload"].get("points"):
            assert details.endswith(f" · {activity['payload']['points']} points")


def test_every_control_has_an_accessible_name(page: HistoryPage) -> None:
    controls = (QAbstractButton, QComboBox, QLineEdit, QDateEdit, QTableView)
    for widget in page.findChildren(QWidget):
        inner = isinstance(widget.parent(), QDateEdit | QComboBox | QTableView)  # parts Qt names itself
        if isinstance(widget, controls) and widget.isVisibleTo(page) and not inner:
            assert widget.accessibleName(), widget


def test_a_back_dated_help_says_it_earns_no_daily_quest(page: HistoryPage, demo: Services, run_qasync: Run) -> None:
    contact = demo.queries.contacts()[0]["nickname"]
    demo.helps.create(direction="given", kind="share", contact=contact,
                      at=demo.clock.now() - dt.timedelta(days=3))
    page.filter = HistoryFilter(types=("help.given",))
    run_qasync(page.refresh())
    details = [page.model.index(r, HistoryModel.COL_DETAILS).data() for r in range(page.model.rowCount())]
    assert sum(d.endswith("logged late: no daily quest or streak day") for d in details) == 1
