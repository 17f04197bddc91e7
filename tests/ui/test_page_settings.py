"""The Settings page's demo data: reset after asking, with progress and Cancel, and the open demo reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.areas import DATA
from app.clock import FixedClock
from app.demo import create_demo_folder
from app.services import Services
from app.store import Store
from app.ui.changes import areas_of
from app.ui.context import PageContext
from app.ui.pages.settings import SettingsPage
from app.ui.tasks import DbRunner
from tests.ui.boxes import answering


def settings_page(qtbot, services: Services, settings: QSettings, demo_dir: Path, monkeypatch: pytest.MonkeyPatch,
                  runner: DbRunner, *, answer: bool = True) -> tuple[SettingsPage, list[object]]:
    page = SettingsPage(services.store.data_dir, settings, demo_dir=demo_dir)
    qtbot.addWidget(page)
    page.show()
    ctx = PageContext(services, runner)
    done: list[object] = []
    ctx.operation_done.connect(lambda result, _initiator: done.append(result))
    page.attach(ctx)
    monkeypatch.setattr(page, "_confirm", answering(answer))
    return page, done


def test_reset_asks_first_and_cancel_changes_nothing(qtbot, run_qasync, services: Services, settings: QSettings,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     runner: DbRunner) -> None:
    demo = tmp_path / "demo"
    page, done = settings_page(qtbot, services, settings, demo, monkeypatch, runner, answer=False)
    assert page.open_demo_button.isVisibleTo(page)  # this window shows the user's own data
    assert run_qasync(page.reset_demo()) is False
    assert not demo.exists()

    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.reset_demo(cancel_after=1)) is False
    assert page.demo_status.text() == "Cancelled: the demo data was not changed."
    assert not Store.exists(demo) and not list(tmp_path.glob(".demo.partial-*"))
    assert page.reset_demo_button.isEnabled()

    assert run_qasync(page.reset_demo()) is True
    assert page.demo_status.text() == "Fresh demo data is ready."
    assert Store.exists(demo)
    assert done == []  # the window's own data did not change: nothing to reload


def test_reset_of_the_open_demo_reloads_the_window(qtbot, run_qasync, settings: QSettings, tmp_path: Path,
                                                   clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
                                                   runner: DbRunner) -> None:
    demo = tmp_path / "demo"
    create_demo_folder(demo, clock, activities=300)
    store = Store.open(demo)
    try:
        services = Services(store, clock)
        services.contacts.create(nickname="试用时加的人")
        page, done = settings_page(qtbot, services, settings, demo, monkeypatch, runner)
        assert not page.open_demo_button.isVisibleTo(page)  # already on the demo
        assert run_qasync(page.reset_demo()) is True
        assert len(done) == 1 and areas_of(done[0]) >= DATA  # every page reloads
        assert "试用时加的人" not in {c["nickname"] for c in services.queries.contacts()}
        assert services.queries.counts()["activities"] >= 3000
    finally:
        store.close()


def unattached_page(qtbot, services: Services, settings: QSettings, tmp_path: Path,
                    runner: DbRunner) -> tuple[SettingsPage, PageContext, list[object]]:
    """A shown Settings page, the context to attach it to (inside the test's loop), and the writes it announces."""
    page = SettingsPage(services.store.data_dir, settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(page)
    page.show()
    ctx = PageContext(services, runner)
    done: list[object] = []
    ctx.operation_done.connect(lambda result, _initiator: done.append(result))
    return page, ctx, done


def test_streak_rest_days_are_set_here_and_the_game_counts_again(
    qtbot, run_qasync, services: Services, settings: QSettings, tmp_path: Path, runner: DbRunner,
) -> None:
    from tests.ui.boxes import until

    page, ctx, done = unattached_page(qtbot, services, settings, tmp_path, runner)

    async def scenario() -> None:
        page.attach(ctx)
        await until(lambda: page.rest_days.isEnabled())
        assert page.rest_days.value() == 1  # none chosen: the built-in default
        page.rest_days.stepDown()
        page.rest_days.stepUp()
        page.rest_days.stepUp()  # three clicks: one recount, for the value they end on
        await until(lambda: page.rest_status.text().startswith("Streaks now keep"))

    run_qasync(scenario())
    assert services.profile.get()["rest_days"] == 2
    assert page.rest_status.text() == "Streaks now keep 2 rest days a week."
    assert len(done) == 1 and "settings" in areas_of(done[0])


def test_the_name_today_greets_by_is_set_here(
    qtbot, run_qasync, services: Services, settings: QSettings, tmp_path: Path, runner: DbRunner,
) -> None:
    from tests.ui.boxes import until

    page, ctx, done = unattached_page(qtbot, services, settings, tmp_path, runner)

    async def scenario() -> None:
        page.attach(ctx)
        await until(lambda: page.name_edit.isEnabled())
        assert page.name_edit.text() == ""
        page.name_edit.setText("  小美 ")
        page.name_edit.editingFinished.emit()
        await until(lambda: len(done) == 1)
        assert await page.save_name() is False  # nothing changed: nothing written

    run_qasync(scenario())
    assert services.profile.get()["display_name"] == "小美"
    assert len(done) == 1
