"""The Privacy & Export page: backups, the database check, and rebuilding the game with progress and Cancel."""

from __future__ import annotations

import pytest

from app.quests import engine
from app.services import Services
from app.ui.context import PageContext
from app.ui.pages.privacy import PrivacyPage
from app.ui.tasks import DbRunner


@pytest.fixture
def page(qtbot, services: Services, runner: DbRunner) -> PrivacyPage:
    page = PrivacyPage(services.store.data_dir)
    qtbot.addWidget(page)
    page.show()
    page.attach(PageContext(services, runner))
    return page


def _history(services: Services, helps: int = 30) -> None:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美")
    for _ in range(helps):
        services.helps.create(direction="given", kind="share", contact="小美")


def test_backup_now_lists_the_new_backup(page: PrivacyPage, services: Services, run_qasync) -> None:
    page.set_data(page.load(services))
    assert page.backups.item(0).text() == "No backups yet."
    path = run_qasync(page.backup())
    assert path.is_file() and path.name in page.backups.item(0).text()
    assert run_qasync(page.check()) is True
    assert page.status.text() == "The database is sound."


def test_rebuild_recomputes_and_cancel_changes_nothing(page: PrivacyPage, services: Services, run_qasync,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _history(services)
    before = services.game.points()
    monkeypatch.setattr(engine, "CHUNK", 5)
    assert run_qasync(page.rebuild(cancel_after=10)) is False
    assert page.status.text() == "Cancelled: nothing was changed."
    assert services.game.points() == before and services.game.verify() == []
    assert run_qasync(page.rebuild()) is True
    assert services.game.points() == before and services.game.verify() == []
