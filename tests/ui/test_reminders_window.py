"""Reminders in the window, offscreen (no system tray there): the bar on Today shows what is due, once, never in
quiet hours; its button opens the deal or the contact on its page; the tray's menu and message where there is one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSystemTrayIcon

from app.clock import FixedClock
from app.services import Services
from app.ui.controller import WindowController
from app.ui.main_window import MainWindow
from app.ui.reminders import FIRED_KEY, ReminderCenter
from app.ui.setting_keys import QUIET_FROM_KEY, QUIET_TO_KEY
from app.ui.tasks import DbRunner
from tests.ui.boxes import until


class Window:
    def __init__(self, window: MainWindow, controller: WindowController, services: Services) -> None:
        self.window, self.controller, self.services = window, controller, services

    @property
    def center(self) -> ReminderCenter:
        return self.controller.reminders

    @property
    def bar(self) -> Any:
        return self.window.today_page.reminder_bar

    def bar_texts(self) -> list[str]:
        return [row.label.accessibleName() for row in self.bar.rows]

    async def settle(self) -> None:
        await until(lambda: self.controller.runner.pending == 0)


@pytest.fixture
def ending(services: Services, clock: FixedClock) -> dict[str, str]:
    """20:00 in Shanghai (not quiet): a bargain ending in 90 minutes, one ending tomorrow, and 小美 waiting eight
    days for a favour back."""
    clock.current = dt.datetime(2026, 11, 17, 12, 0, tzinfo=dt.UTC)
    services.contacts.create(nickname="小美")
    services.contacts.create(nickname="阿强")
    services.helps.create(direction="received", kind="bargain_cut", contact="小美", amount_fen=830)
    clock.current = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    far = services.deals.create(kind="bargain", title="明天的砍价", original_fen=1000, target_fen=100,
                                deadline=clock.now() + dt.timedelta(days=1))
    soon = services.deals.create(kind="bargain", title="婴儿推车", original_fen=59900, target_fen=9900,
                                 deadline=clock.now() + dt.timedelta(minutes=90))
    contact = next(c for c in services.queries.contacts() if c["nickname"] == "小美")
    return {"deal": str(soon.entity_id), "far": str(far.entity_id), "contact": str(contact["id"])}


@pytest.fixture
def win(qtbot, data_dir: Path, settings: QSettings, services: Services, ending: dict[str, str]) -> Iterator[Window]:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    runner = DbRunner()
    controller = WindowController(window, services, runner)
    yield Window(window, controller, services)
    runner.shutdown()


def test_the_bar_on_today_shows_a_deal_ending_once_and_opens_it(
        run_qasync, win: Window, ending: dict[str, str], clock: FixedClock) -> None:
    async def scenario() -> tuple[list[Any], list[Any]]:
        await win.controller.poll()
        first = await win.center.check()
        clock.advance(minutes=1)
        second = await win.center.check()
        return first, second

    assert not win.bar.isVisible()
    first, second = run_qasync(scenario())
    assert [r.target_id for r in first] == [ending["deal"], ending["contact"]]
    assert second == []  # not again on the next check
    assert win.bar.isVisible()
    texts = win.bar_texts()
    assert len(texts) == 2
    assert any(t.startswith("A deal ends soon: “婴儿推车” ends in 1 h") for t in texts)
    assert any(t == "A favour to return: 小美 helped you 8 days ago and is still waiting for a favour back."
               for t in texts)
    assert all("明天的砍价" not in t for t in texts)
    assert win.center.tray is None  # offscreen: no system tray, and nothing depends on one

    page = open_from_bar(run_qasync, win, "deal", "Open the deal")
    assert win.window.pages.currentWidget() is page is win.window.deals_page
    assert page.current_id == ending["deal"]
    selected = page.view.selectionModel().selectedRows()
    assert len(selected) == 1 and page.current_record()["title"] == "婴儿推车"
    assert page.heading.text() == "婴儿推车"


def open_from_bar(run_qasync: Any, win: Window, target: str, button: str) -> Any:
    """Click the bar's button of the reminder about a ``target``; returns the page on screen after."""
    row = next(r for r in win.bar.rows if r.reminder.target == target)
    assert row.open_button.text() == button

    async def click() -> None:
        row.open_button.click()
        await win.settle()

    run_qasync(click())
    return win.window.pages.currentWidget()


def test_the_contact_reminder_opens_the_contact(run_qasync, win: Window, ending: dict[str, str]) -> None:
    run_qasync(win.center.check())
    page = open_from_bar(run_qasync, win, "contact", "Open the contact")
    assert page is win.window.contacts_page
    assert page.current_id == ending["contact"]
    assert page.heading.text() == "小美"
    assert len(page.view.selectionModel().selectedRows()) == 1


def test_dismissing_a_reminder_removes_it_and_it_stays_fired(
        run_qasync, win: Window, settings: QSettings, clock: FixedClock) -> None:
    async def scenario() -> list[Any]:
        await win.center.check()
        for row in list(win.bar.rows):
            row.dismiss_button.click()
        clock.advance(minutes=1)
        return await win.center.check()

    assert run_qasync(scenario()) == []
    assert not win.bar.isVisible() and win.bar.rows == []
    assert "婴儿推车" not in str(settings.value(FIRED_KEY))  # keys only: ids and days, never a title or a name
    # Another window on the same settings (a restart) does not show them again.
    again = ReminderCenter(win.window, win.controller.context, settings, tray=False)
    assert run_qasync(again.check()) == []


def test_nothing_in_quiet_hours_then_shown_after_them(
        run_qasync, win: Window, settings: QSettings, clock: FixedClock, ending: dict[str, str]) -> None:
    settings.setValue(QUIET_FROM_KEY, "19:00")  # 20:00 now: quiet until 20:30
    settings.setValue(QUIET_TO_KEY, "20:30")
    assert run_qasync(win.center.check()) == []
    assert not win.bar.isVisible()
    clock.advance(minutes=31)
    shown = run_qasync(win.center.check())
    assert {r.target_id for r in shown} == {ending["deal"], ending["contact"]}
    assert win.bar.isVisible()


def test_a_deal_that_ended_leaves_the_bar(run_qasync, win: Window, clock: FixedClock) -> None:
    run_qasync(win.center.check())
    assert len(win.bar.rows) == 2
    clock.advance(minutes=91)
    run_qasync(win.center.check())
    assert [r.reminder.target for r in win.bar.rows] == ["contact"]


def test_the_bar_comes_back_after_a_language_change(run_qasync, win: Window) -> None:
    from app.ui.language import apply_language

    run_qasync(win.center.check())

    async def switch() -> None:
        apply_language("zh_CN")
        await until(lambda: win.window.today_page.reminder_bar.rows != [])
        await win.settle()

    run_qasync(switch())
    assert len(win.bar.rows) == 2
    assert all("ends in" not in t and "helped you" not in t for t in win.bar_texts())


def test_the_tray_menu_and_a_clicked_message(run_qasync, win: Window, ending: dict[str, str], tmp_path: Path
                                             ) -> None:
    """Where there is a tray (forced here): Quick log, Open, Quit; a message clicked opens its deal."""
    settings = QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat)
    center = ReminderCenter(win.window, win.controller.context, settings, tray=True)
    assert isinstance(center.tray, QSystemTrayIcon)
    menu = center.tray.contextMenu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Quick log…", "Open Pintuan Quest", "Quit"]

    async def message() -> None:
        assert center.tray is not None
        await center.check()  # two at once: one message says how many; clicking it shows Today
        win.window.show_page(win.window.history_page)
        center._last_message = None
        center.tray.messageClicked.emit()
        assert win.window.pages.currentWidget() is win.window.today_page
        center._last_message = next(r for r in center.shown if r.target == "deal")  # a message of one reminder
        center.tray.messageClicked.emit()
        await win.settle()

    run_qasync(message())
    assert win.window.pages.currentWidget() is win.window.deals_page
    assert win.window.deals_page.current_id == ending["deal"]
    center.stop()
