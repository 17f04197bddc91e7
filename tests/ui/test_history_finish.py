"""History after undos, edits and deletions, and the toasts that say what the game took back (issue 12)."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from app.clock import FixedClock
from app.demo import generate_demo
from app.services import Services
from app.ui.context import PageContext
from app.ui.controller import WindowController
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.models import ROW_ROLE
from app.ui.pages.history import HistoryPage
from app.ui.pages.history_model import HistoryModel
from app.ui.tasks import DbRunner
from app.ui.toast import Toast
from app.ui.today_data import load_today_clock
from tests.test_history_rows import new_user

Run = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def world(services: Services, clock: FixedClock) -> Services:
    return new_user(services, clock)


@pytest.fixture
def ctx(world: Services, runner: DbRunner) -> PageContext:
    return PageContext(world, runner)


@pytest.fixture
def page(qtbot: Any, ctx: PageContext) -> HistoryPage:
    page = HistoryPage()
    qtbot.addWidget(page)
    page.attach(ctx)
    page.resize(1024, 640)
    page.show()
    return page


@pytest.fixture
def window(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def rows(page: HistoryPage, run_qasync: Run) -> list[tuple[str, str, dict[str, Any]]]:
    """(What, Details, the activity) of every row, newest first, as the page reads them now."""
    run_qasync(page.refresh())
    model = page.model
    assert model.rowCount() <= model.block_size
    return [(model.index(r, HistoryModel.COL_WHAT).data(), model.index(r, HistoryModel.COL_DETAILS).data(),
             model.index(r, 0).data(ROW_ROLE)) for r in range(model.rowCount())]


def details_of(page: HistoryPage, run_qasync: Run, what: str) -> list[str]:
    return [details for shown, details, _ in rows(page, run_qasync) if shown == what]


# == History's rows ==========================================================================================


def test_an_edited_help_says_what_changed(page: HistoryPage, world: Services, clock: FixedClock,
                                          run_qasync: Run) -> None:
    result = world.helps.create(direction="given", kind="bargain_cut", contact="小美", amount_fen=500)
    clock.advance(minutes=1)
    world.helps.edit(str(result.entity_id), amount_fen=800)
    clock.advance(minutes=1)
    world.helps.edit(str(result.entity_id), contact="小红", kind="boost_click", note="奶茶一杯")
    newest, older = details_of(page, run_qasync, "Edited a help")
    assert older == "小美 · amount ¥5.00 → ¥8.00"  # whose help it was, then what changed, in yuan
    assert newest.split(" · ") == ["kind Bargain cut → Boost click", "contact 小美 → 小红", "note — → “奶茶一杯”"]
    # Its versions say they were edited; the current one says nothing.
    assert details_of(page, run_qasync, "Helped") == [
        "小红 · Boost click · ¥8.00", "小美 · Bargain cut · ¥8.00 (edited)", "小美 · Bargain cut · ¥5.00 (edited)"]


def test_records_edited_say_what_changed_in_words(page: HistoryPage, world: Services, run_qasync: Run) -> None:
    world.groups.edit("宝妈拼团群", vertical="fresh_food", platform="qq", daily_request_limit=2)
    world.contacts.edit("小美", trust="trusted")
    world.deals.edit("婴儿推车", target_fen=8800, kind="group_buy")
    assert details_of(page, run_qasync, "Edited a group") == [
        "宝妈拼团群 · platform WeChat → QQ · vertical Mother & baby → Fresh food · request limit — → 2"]
    assert details_of(page, run_qasync, "Edited a contact") == ["小美 · trust Normal → Trusted"]
    assert details_of(page, run_qasync, "Changed trust") == ["小美 · trust Normal → Trusted"]
    edited_deal = details_of(page, run_qasync, "Edited a deal")[0].split(" · ")
    assert edited_deal[0] == "婴儿推车"
    assert set(edited_deal[1:]) == {"kind Bargain → Group buy", "target price ¥99.00 → ¥88.00"}


def test_a_deleted_groups_rows_keep_its_name(page: HistoryPage, world: Services, run_qasync: Run) -> None:
    world.groups.create(name="临时群")
    world.groups.delete("临时群")
    shown = {(what, details) for what, details, _ in rows(page, run_qasync)}
    assert ("Joined a group", "临时群 (deleted)") in shown
    assert ("Deleted a group", "临时群") in shown
    world.contacts.delete("小红")
    assert ("Added a contact", "小红 (deleted)") in {(w, d) for w, d, _ in rows(page, run_qasync)}


# The log's own values (payload kinds, tiers, trust, platforms…): underscored, or lower-case words where a label is due.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(bargain cut|boost click|wechat|dingtalk|trusted|blocked|bronze|silver|gold|"
                 r"platinum|diamond|owner|admin|succeeded|cancelled|expired)\b")


def test_no_detail_shows_the_logs_own_words(qtbot: Any, services: Services, clock: FixedClock, runner: DbRunner,
                                             run_qasync: Run) -> None:
    generate_demo(services.store, clock, activities=1200)
    group = services.queries.groups()[0]["name"]
    contact = services.queries.contacts()[0]["nickname"]
    services.groups.edit(group, vertical="beauty", my_role="admin", platform="dingtalk")
    services.contacts.edit(contact, trust="blocked")
    help_ = services.queries.helps()[0]
    services.helps.edit(str(help_["id"]), kind="join_group", direction="received")
    services.helps.delete(str(help_["id"]))
    page = HistoryPage()
    qtbot.addWidget(page)
    page.attach(PageContext(services, runner))
    page.model.block_size = 5000  # every row in the first block
    shown = [(what, details) for what, details, _ in rows(page, run_qasync)]
    assert len(shown) > 1500
    titles = ("Quest step done", "Quest completed")  # the quests' own words ("…as trusted")
    raw = [(what, details) for what, details in shown if what not in titles and RAW.search(details)]
    assert raw == []
    badges = [details for what, details in shown if what == "Badge earned"]
    assert badges and all(re.fullmatch(r".+ \((Bronze|Silver|Gold|Platinum|Diamond)\)", d) for d in badges), badges
    assert all(re.fullmatch(r"Level \d+", d) for what, d in shown if what == "Level reached")
    assert all(d for what, d in shown), {w for w, d in shown if not d}


# == Undo ====================================================================================================


def test_an_undo_leaves_history_as_it_was_and_says_what_it_took_back(
    page: HistoryPage, ctx: PageContext, world: Services, window: QMainWindow, run_qasync: Run
) -> None:
    before = [activity["id"] for _, _, activity in rows(page, run_qasync)]

    async def scenario() -> tuple[Toast, Any]:
        result = await ctx.write(world.helps.create, direction="given", kind="bargain_cut", contact="小美",
                                 deal="婴儿推车", amount_fen=500)
        toast = Toast.show_result(window, ctx, result)
        assert "Level 2 reached!" in toast.texts()
        return result, toast, await toast.undo()

    logged, toast, undone = run_qasync(scenario())
    level = max(e["level"] for e in logged.game if e["type"] == "level.reached")
    assert undone is not None and toast.closed
    assert world.game.score()["level"] == 1
    # No "Deleted a help" beside the help: neither shows, nor the cut on the deal, nor what the game gave.
    assert [activity["id"] for _, _, activity in rows(page, run_qasync)] == before
    # The toast that gave it says what the Undo took back.
    news = [t for t in window.findChildren(Toast) if not t.closed]
    assert len(news) == 1
    assert news[0].message_label.text() == "Undone"
    lines = news[0].texts()
    assert lines[-1] == f"Level {level} → 1"
    assert "Quest taken back: First Steps" in lines
    assert "Badge taken back: Helping Hand (Bronze)" in lines
    assert not news[0].undo_button.isVisibleTo(news[0])


def test_todays_latest_entries_leave_out_an_undo_too(world: Services) -> None:
    before = [a["id"] for a in load_today_clock(world)["activities"]]
    result = world.requests.create(group="宝妈拼团群")
    world.requests.delete(str(result.entity_id), undo=True)
    assert [a["id"] for a in load_today_clock(world)["activities"]] == before


def test_an_undo_that_took_nothing_back_closes_quietly(ctx: PageContext, world: Services, window: QMainWindow,
                                                       run_qasync: Run) -> None:
    world.helps.create(direction="given", kind="share", contact="小美")  # the first help, its rewards, before

    async def scenario() -> Any:
        result = await ctx.write(world.requests.create, group="宝妈拼团群")
        return await Toast.show_result(window, ctx, result).undo()

    assert run_qasync(scenario()) is not None
    assert [t for t in window.findChildren(Toast) if not t.closed] == []


# == deletions and edits in the window =======================================================================


@pytest.fixture
def win(qtbot: Any, data_dir: Path, settings: QSettings, world: Services) -> Iterator[WindowController]:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    runner = DbRunner()
    yield WindowController(window, world, runner)
    runner.shutdown()


def shown_toasts(controller: WindowController) -> list[Toast]:
    return [t for t in controller.window.findChildren(Toast) if not t.closed]


def test_deleting_the_only_help_in_the_window_says_what_the_game_took_back(
    win: WindowController, world: Services, run_qasync: Run
) -> None:
    result = world.helps.create(direction="given", kind="share", contact="小美")
    ledger = win.window.ledger_page

    async def scenario() -> None:
        await win.poll()
        await win.context.write(world.helps.delete, str(result.entity_id), parent=ledger)

    run_qasync(scenario())
    toasts = shown_toasts(win)
    assert len(toasts) == 1
    assert toasts[0].message_label.text() == "Help deleted"
    assert toasts[0].texts()[-1] == "Level 2 → 1"
    assert "Quest taken back: First Steps" in toasts[0].texts()


def test_an_edit_that_keeps_every_reward_shows_no_toast(win: WindowController, world: Services,
                                                        run_qasync: Run) -> None:
    result = world.helps.create(direction="given", kind="share", contact="小美")

    async def scenario() -> Any:
        await win.poll()
        return await win.context.write(world.helps.edit, str(result.entity_id), amount_fen=300, contact="小红",
                                       parent=win.window.ledger_page)

    edited = run_qasync(scenario())
    assert edited is not None and edited.news.lost == [] and edited.game == []
    assert shown_toasts(win) == []


def test_chinese_history_and_toast(page: HistoryPage, ctx: PageContext, world: Services, window: QMainWindow,
                                   clock: FixedClock, run_qasync: Run) -> None:
    apply_language("zh_CN")
    result = world.helps.create(direction="given", kind="bargain_cut", contact="小美", amount_fen=500)
    clock.advance(minutes=1)
    world.helps.edit(str(result.entity_id), amount_fen=800, kind="boost_click")
    clock.advance(minutes=1)
    world.groups.create(name="临时群")
    world.groups.delete("临时群")
    page.model = HistoryModel(page)  # made again in Chinese, as the window does when the language changes
    page.view.setModel(page.model)
    shown = {(what, details) for what, details, _ in rows(page, run_qasync)}
    edited = next(details for what, details in shown if what == "编辑了互助记录")
    assert "¥5.00 → ¥8.00" in edited and "砍一刀 → 助力" in edited, edited
    assert not re.search(r"[A-Za-z]{3,}", edited), edited
    assert any(details == "临时群（已删除）" for _, details in shown), shown

    deleted = world.helps.delete(str(result.entity_id))
    toast = Toast.show_news(window, ctx, deleted)
    assert toast is not None and toast.message_label.text() == "互助已删除"
    assert all(not re.search(r"[A-Za-z]{3,}", line) for line in toast.texts()), toast.texts()
