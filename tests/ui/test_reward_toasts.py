"""Rewards in the moment (issue 14): a badge earned through the quick log raises one toast with its art and its
points, a level-up says what it opens, a page's save that earns something toasts it too, the toast never takes the
focus, and in the quiet hours nothing pops up (the news goes to the status bar)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.services import Services
from app.ui.controller import WindowController
from app.ui.main_window import MainWindow
from app.ui.setting_keys import QUIET_FROM_KEY, QUIET_TO_KEY
from app.ui.tasks import DbRunner
from app.ui.toast import Toast

Run = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def win(qtbot: Any, data_dir: Path, settings: QSettings, services: Services) -> Iterator[WindowController]:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    runner = DbRunner()
    yield WindowController(window, services, runner)
    runner.shutdown()


@pytest.fixture
def newcomer(services: Services) -> Services:
    """A new member who has logged a group and a contact: their first help completes First Steps."""
    services.groups.create(name="宝妈拼团群", platform="wechat", vertical="mother_baby")
    services.contacts.create(nickname="Xiaomei")
    return services


def open_toasts(win: WindowController) -> list[Toast]:
    return [t for t in win.window.findChildren(Toast) if not t.closed]


async def log_a_help(win: WindowController) -> Any:
    """The quick log, as Ctrl+N opens it in the window: a help to Xiaomei, saved."""
    await win.open_quick_log()
    dialog = win._quick_log
    assert dialog is not None
    dialog.contact_edit.setText("Xiaomei")
    result = await dialog.save()
    assert result is not None
    return result


def test_a_badge_earned_through_the_quick_log_raises_one_toast_with_its_art(
    win: WindowController, newcomer: Services, run_qasync: Run
) -> None:
    result = run_qasync(log_a_help(win))
    assert any(e["type"] == "achievement.unlocked" for e in result.game)
    toasts = open_toasts(win)
    assert len(toasts) == 1  # one toast for the save, not one per event
    toast = toasts[0]
    assert toast.isVisible() and toast.message_label.text() == "Help logged"
    assert not toast.art.isNull() and toast.art_label.isVisible()  # the badge's art, from the Badges page's cache
    assert toast.art.width() >= 64 and list((newcomer.store.data_dir / "cache" / "badges").glob("helping-hand-*"))
    lines = toast.texts()
    assert "Badge earned: Helping Hand (Bronze)" in lines
    points = [label.text() for label in toast.points_labels]
    assert "+30" in points and "+40" in points and "+20" in points  # the step, the chain, the badge's first tier
    # The level-up says what it opens: the chains that waited for level 2.
    assert "Level 2 reached!" in lines
    assert lines[lines.index("Level 2 reached!") + 1] == \
        "Now open: Good Neighbour, Weekly: All Square, Weekly: Five Neighbours, Weekly: Steady Hands"
    # Non-modal, never stealing focus: the window keeps it; the toast asks the system not to activate it.
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    focused = QApplication.focusWidget()
    assert focused is None or not toast.isAncestorOf(focused)


def test_quiet_hours_pop_nothing_up_and_tell_it_in_the_status_bar(
    win: WindowController, newcomer: Services, settings: QSettings, run_qasync: Run
) -> None:
    settings.setValue(QUIET_FROM_KEY, "19:00")  # the test's clock says 20:00 in Shanghai
    settings.setValue(QUIET_TO_KEY, "07:00")
    result = run_qasync(log_a_help(win))
    assert result.game, "the help earned something"
    assert open_toasts(win) == []
    status = win.window.statusBar().currentMessage()
    assert status.startswith("Help logged · ") and "Badge earned: Helping Hand (Bronze)" in status


def test_a_save_on_a_page_that_earns_a_step_toasts_it_once(
    win: WindowController, services: Services, run_qasync: Run
) -> None:
    async def scenario() -> Any:
        await win.poll()
        return await win.context.write(services.groups.create, name="宝妈拼团群", parent=win.window.groups_page)

    result = run_qasync(scenario())
    assert [e["type"] for e in result.game] == ["quest.step_completed"]
    toasts = open_toasts(win)
    assert len(toasts) == 1
    assert toasts[0].message_label.text() == "Group saved"
    assert toasts[0].texts() == ["Quest step done: First Steps — Log a group you are in"]
    assert [label.text() for label in toasts[0].points_labels] == ["+15"]
    assert toasts[0].art.isNull() and not toasts[0].art_label.isVisible()  # a step with no badge: no art
