"""The time zone in the window: Settings changes it after a real question, the first run shows the detected one."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services import Services
from app.ui.context import PageContext
from app.ui.first_run import FirstRunDialog
from app.ui.pages.settings import SettingsPage
from app.ui.tasks import DbRunner

# Offscreen, the completer's popup cannot grab the keyboard (it does on a real screen); nothing else is ignored.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard", extend=True)


def settings_page(qtbot, services: Services, settings: QSettings, tmp_path: Path,
                  runner: DbRunner) -> tuple[SettingsPage, list[object]]:
    page = SettingsPage(services.store.data_dir, settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(page)
    page.show()
    assert not page.zone.isEnabled()  # nothing to change before the data is open
    ctx = PageContext(services, runner)
    done: list[object] = []
    ctx.operation_done.connect(lambda result, _initiator: done.append(result))
    page.attach(ctx)
    return page, done


def choose(qtbot, qapp: QApplication, page: SettingsPage, typed: str) -> None:
    """Type part of a name, then take the completer's first offer with Down and Enter, as a person would."""
    edit = page.zone.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    qapp.processEvents()
    popup = page.zone.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def question(page: SettingsPage) -> QMessageBox:
    boxes = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and boxes[0] is page.zone_box
    return boxes[0]


def test_settings_changes_the_zone_after_asking(qtbot, qapp, run_qasync, filled: Services, settings: QSettings,
                                                tmp_path: Path, runner: DbRunner) -> None:
    services = filled
    services.profile.ensure()
    page, done = settings_page(qtbot, services, settings, tmp_path, runner)
    assert page.zone.currentText() == "Asia/Shanghai" and page.zone.isEnabled()

    async def flow() -> bool:
        choose(qtbot, qapp, page, "los_ang")
        box = question(page)
        assert "America/Los_Angeles" in box.text() and "Asia/Shanghai" in box.text()
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.No).click()
        assert page.zone_box is None and page.zone_task is None
        assert page.zone.currentText() == "Asia/Shanghai"  # No: back to the zone in force, nothing written

        choose(qtbot, qapp, page, "los_ang")
        question(page).button(QMessageBox.StandardButton.Yes).click()
        assert page.zone_task is not None
        return await page.zone_task

    assert services.profile.get()["timezone"] == "Asia/Shanghai"
    assert run_qasync(flow()) is True
    assert services.profile.get()["timezone"] == "America/Los_Angeles"
    assert services.clock.tz == ZoneInfo("America/Los_Angeles")
    assert services.game.verify() == []
    assert page.zone.currentText() == "America/Los_Angeles" and page.zone.isEnabled()
    assert page.zone_status.text() == "Your days now follow America/Los_Angeles."
    assert len(done) == 1  # every page reloads once


def test_settings_refuses_a_name_that_is_no_zone(qtbot, qapp, run_qasync, services: Services,
                                                 settings: QSettings, tmp_path: Path, runner: DbRunner) -> None:
    services.profile.ensure()
    page, done = settings_page(qtbot, services, settings, tmp_path, runner)

    async def flow() -> None:
        edit = page.zone.lineEdit()
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "Mars/Olympus")
        page.zone.completer().popup().hide()
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        page.check_zone_text("Mars/Olympus")  # what the check just after the edit finished does

    run_qasync(flow())
    assert page.zone_box is None
    assert page.zone_status.text() == "'Mars/Olympus' is not a time zone."
    assert page.zone.currentText() == "Asia/Shanghai"
    assert services.profile.get()["timezone"] == "Asia/Shanghai" and done == []


def test_settings_shows_a_zone_changed_elsewhere(qtbot, services: Services, settings: QSettings, tmp_path: Path,
                                                 runner: DbRunner) -> None:
    services.profile.ensure()
    page, _ = settings_page(qtbot, services, settings, tmp_path, runner)
    other = Services(services.store, services.clock)  # the command line, say
    other.profile.set_timezone("Europe/Paris")
    assert services.refresh_zone()  # what the window's poll does when the data changed
    page.hide()
    page.show()
    assert page.zone.currentText() == "Europe/Paris"


def test_first_run_shows_the_detected_zone_and_stores_the_chosen_one(qtbot, settings: QSettings, tmp_path: Path,
                                                                     services: Services) -> None:
    dialog = FirstRunDialog(settings, demo_dir=tmp_path / "demo", detected_zone="Asia/Shanghai")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.zone_combo.currentText() == "Asia/Shanghai" and dialog.timezone() == "Asia/Shanghai"
    dialog.zone_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Europe/Paris")
    assert dialog.timezone() == "Europe/Paris"
    dialog.zone_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "nowhere")
    assert dialog.timezone() == "Asia/Shanghai"  # no zone typed: the detected one
    dialog.zone_combo.set_zone("Europe/Paris")
    dialog.apply_to(services.profile)
    assert services.profile.get()["timezone"] == "Europe/Paris"
    assert services.clock.tz == ZoneInfo("Europe/Paris") and services.game.verify() == []
