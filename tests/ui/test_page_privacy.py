"""The Privacy & Export page: backups (list, back up now, restore after asking, a second folder), the database
check, and rebuilding the game with progress and Cancel."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.backups import BACKUP_DIRNAME, list_backups, second_folder
from app.services import Services, game_store
from app.ui.context import PageContext
from app.ui.controller import WindowController
from app.ui.main_window import MainWindow
from app.ui.pages.privacy import PrivacyPage
from app.ui.tasks import DbRunner
from tests.ui.boxes import Seen, answer, pick_folder, until


@pytest.fixture
def page(qtbot, services: Services, runner: DbRunner) -> PrivacyPage:
    page = PrivacyPage(services.store.data_dir)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)  # Backups & checks
    page.attach(PageContext(services, runner))
    return page


def _history(services: Services, helps: int = 30) -> None:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美")
    for _ in range(helps):
        services.helps.create(direction="given", kind="share", contact="小美")


def rows(page: PrivacyPage) -> list[list[str]]:
    return [[page.backup_list.topLevelItem(i).text(c) for c in range(4)]
            for i in range(page.backup_list.topLevelItemCount())]


def nicknames(services: Services) -> set[str]:
    return {c["nickname"] for c in services.queries.contacts()}


def test_backup_now_lists_the_new_backup(page: PrivacyPage, services: Services, run_qasync) -> None:
    page.set_data(page.load(services))
    assert page.no_backups.isVisible() and not page.backup_list.isVisible()
    assert not page.restore_button.isEnabled()  # nothing selected
    assert page.second_label.text() == "Second folder: none. Backups stay on this drive only."
    assert not page.clear_second_button.isVisible()
    path = run_qasync(page.backup())
    assert path.is_file() and page.backup_status.text() == f"Backed up to {path}."
    backup = list_backups(services.store.data_dir / BACKUP_DIRNAME)[0]
    assert page.backup_list.isVisible() and not page.no_backups.isVisible()
    [[when, size, verified, kind]] = rows(page)
    assert when == page.when(backup) and len(when) == len("2026-11-25 20:00:00")
    assert size.endswith(("KB", "kB", "MB")) and verified == "Yes" and kind == "Taken when you asked"
    assert run_qasync(page.check()) is True
    assert page.status.text() == "The database is sound."


def test_restore_asks_first_and_cancel_changes_nothing(page: PrivacyPage, services: Services, run_qasync) -> None:
    services.contacts.create(nickname="小美")
    first = run_qasync(page.backup())
    services.contacts.create(nickname="阿强")
    page.select_backup(first)
    assert page.restore_button.isEnabled()
    seen: list[Seen] = []

    async def restore(button: str) -> bool:
        restored, _ = await asyncio.gather(page.restore(), answer(button, seen=seen))
        return restored

    assert run_qasync(restore("Cancel")) is False
    assert nicknames(services) == {"小美", "阿强"}
    assert len(list_backups(services.store.data_dir / BACKUP_DIRNAME)) == 1
    assert seen[0].title == "Restore this backup?"
    assert seen[0].text == f"Replace your data with the backup taken {page.when(list_backups(first.parent)[0])}?"
    assert "backed up first" in seen[0].informative

    assert run_qasync(restore("Restore")) is True
    assert nicknames(services) == {"小美"}  # the same open services see the restored file
    before = [b for b in list_backups(first.parent) if b.reason == "before-restore"]
    assert len(before) == 1 and before[0].path.name in page.backup_status.text()
    assert "Before a restore" in [row[3] for row in rows(page)]


def test_a_second_folder_receives_the_backups_and_can_be_cleared(
    page: PrivacyPage, services: Services, run_qasync, tmp_path: Path,
) -> None:
    data_dir = services.store.data_dir
    run_qasync(page.backup())
    other = tmp_path / "other-drive"
    other.mkdir()

    async def choose(folder: Path | None) -> Path | None:
        chosen, _ = await asyncio.gather(page.choose_second_folder(), pick_folder(folder))
        return chosen

    assert run_qasync(choose(None)) is None  # Cancel
    assert second_folder(data_dir) is None
    assert run_qasync(choose(other)) == other
    assert second_folder(data_dir) == other
    assert [b.path.name for b in list_backups(other)] == [b.path.name for b in list_backups(data_dir / "backups")]
    assert page.second_label.text() == f"Second folder: {other} receives a copy of each backup."
    assert page.backup_status.text() == f"Backups are now copied to {other} too."

    # The drive is gone: the backup still happens, and the page says why the copy did not.
    other.rename(tmp_path / "unplugged")
    run_qasync(page.backup())
    assert page.mirror_label.isVisible() and str(other) in page.mirror_label.text()
    assert page.second_label.text().endswith("(not there now: is its drive plugged in?)")

    async def clear() -> None:
        page.clear_second_button.click()
        await until(lambda: "no longer" in page.backup_status.text())

    run_qasync(clear())
    assert second_folder(data_dir) is None
    assert page.second_label.text() == "Second folder: none. Backups stay on this drive only."


def test_restore_from_the_page_reloads_the_window(
    qtbot, run_qasync, data_dir: Path, settings: QSettings, services: Services, runner: DbRunner,
) -> None:
    services.contacts.create(nickname="小美")
    backup = services.store.backup("manual")
    services.contacts.create(nickname="阿强")
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    controller = WindowController(window, services, runner)
    cards = window.today_page.cards

    async def scenario() -> None:
        await controller.poll()
        assert cards["contacts"].value_label.text() == "2"
        window.show_page(window.privacy_page)
        page = window.privacy_page
        await until(lambda: page.backup_list.topLevelItemCount() == 1)  # loaded by the controller
        page.select_backup(backup.path)
        page.restore_button.click()
        await answer("Restore")
        window.show_page(window.today_page)  # off screen during the restore: it reloads when shown
        await until(lambda: cards["contacts"].value_label.text() == "1")

    run_qasync(scenario())
    assert nicknames(services) == {"小美"}


def test_rebuild_recomputes_and_cancel_changes_nothing(page: PrivacyPage, services: Services, run_qasync,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _history(services)
    before = services.game.points()
    monkeypatch.setattr(game_store, "CHUNK", 5)
    assert run_qasync(page.rebuild(cancel_after=10)) is False
    assert page.status.text() == "Cancelled: nothing was changed."
    assert services.game.points() == before and services.game.verify() == []
    assert run_qasync(page.rebuild()) is True
    assert services.game.points() == before and services.game.verify() == []
