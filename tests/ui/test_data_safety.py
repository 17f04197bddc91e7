"""Data safety in the window: a damaged or missing database at start and while running, the one error model
(the environment's faults told in a dialog the window survives, our bugs logged), automatic backups.

Every dialog here is the real one, answered by clicking its button while the window's loop keeps running.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import event

from app.backups import BACKUP_DIRNAME, list_backups
from app.clock import FixedClock
from app.logs import LOG_DIRNAME, LOG_FILENAME
from app.services import Services
from app.store import Store, corrupt_copies, database_path
from app.ui.controller import WindowController
from app.ui.launcher import Launcher
from app.ui.main_window import MainWindow
from app.ui.tasks import DbRunner
from tests.ui.boxes import Seen, answer, damage_table, until


def nicknames(data_dir: Path, clock: FixedClock) -> set[str]:
    store = Store.open(data_dir)
    try:
        return {c["nickname"] for c in Services(store, clock).queries.contacts()}
    finally:
        store.close()


def make_data(data_dir: Path, clock: FixedClock, names: list[str], *, backup_after: int | None = None) -> None:
    """A database with contacts ``names``; with ``backup_after``, a backup once that many were added."""
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        for i, name in enumerate(names):
            if backup_after is not None and i == backup_after:
                store.backup("manual")
            services.contacts.create(nickname=name)
    finally:
        store.close()


def running(launcher: Launcher) -> bool:
    return launcher.controller is not None and launcher.controller.poll_timer.isActive()


# -- at start ---------------------------------------------------------------------------------------------


def test_an_empty_file_at_start_is_moved_aside_and_quit_changes_nothing(
    qtbot, qapp, run_qasync, launcher: Launcher, data_dir: Path, settings: QSettings, clock: FixedClock,
) -> None:
    data_dir.mkdir()
    database_path(data_dir).touch()
    seen: list[Seen] = []

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await answer("Quit", seen=seen)
        return await main

    assert run_qasync(scenario()) == 1
    box = seen[0]
    assert box.title == "Your data is damaged"
    bad = corrupt_copies(data_dir)
    assert len(bad) == 1 and bad[0].stat().st_size == 0 and str(bad[0]) in box.text
    assert "nothing that can be read" in box.informative and "empty file" in box.details
    assert sorted(box.buttons) == ["Quit", "Start empty"]  # nothing to restore, nothing to salvage
    assert not database_path(data_dir).exists()  # never silently replaced by an empty database
    assert launcher.controller is None
    log = (data_dir / LOG_DIRNAME / LOG_FILENAME).read_text(encoding="utf-8")
    assert "Cannot open the data folder" in log and "empty file" in log

    # The next start: the database is missing but its damaged copy is there; this time, start empty.
    again = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(again.window)

    async def start_empty() -> int:
        main = asyncio.ensure_future(again.amain())
        await answer("Start empty", seen=seen)
        await until(lambda: running(again))
        assert again.window.today_page.cards["contacts"].value_label.text() == "0"
        assert "Started with empty data" in again.window.statusBar().currentMessage()
        again.request_quit()
        return await main

    assert run_qasync(start_empty()) == 0
    assert seen[1].title == "Your data is missing"
    assert database_path(data_dir).is_file() and corrupt_copies(data_dir) == bad


def test_a_damaged_file_at_start_offers_the_newest_backup(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock,
) -> None:
    make_data(data_dir, clock, ["小美", "阿强"], backup_after=1)
    with open(database_path(data_dir), "ab") as handle:
        handle.write(b"\0" * 100)  # no longer a whole number of pages
    seen: list[Seen] = []

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await answer("Restore the newest backup (…", seen=seen)
        await until(lambda: running(launcher))
        assert launcher.window.today_page.cards["contacts"].value_label.text() == "1"
        assert launcher.window.statusBar().currentMessage().startswith("Restored the backup from ")
        launcher.request_quit()
        return await main

    assert run_qasync(scenario()) == 0
    assert "not a whole number of 4096-byte pages" in seen[0].details
    assert sorted(seen[0].buttons)[0] == "Quit" and "Salvage what can be read" not in seen[0].buttons
    assert nicknames(data_dir, clock) == {"小美"}  # the backup's data; the later contact is in the damaged copy
    assert len(corrupt_copies(data_dir)) == 1


def test_a_damaged_file_without_backup_is_salvaged_with_progress(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock,
) -> None:
    names = [f"群友{i}" for i in range(20)]
    make_data(data_dir, clock, names)
    with open(database_path(data_dir), "ab") as handle:
        handle.write(b"\0" * 100)
    seen: list[Seen] = []

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await answer("Salvage what can be read", seen=seen)
        await answer("OK", seen=seen)  # what the salvage kept
        await until(lambda: running(launcher))
        assert launcher.window.today_page.cards["contacts"].value_label.text() == "20"
        launcher.request_quit()
        return await main

    assert run_qasync(scenario()) == 0
    assert "There is no backup" in seen[0].informative
    assert seen[1].title == "Salvaged" and seen[1].text.endswith("nothing was lost.")
    assert nicknames(data_dir, clock) == set(names)


@pytest.mark.parametrize("what", ["dangling link", "folder"])
def test_what_stands_in_the_database_place_is_refused_in_a_box(
    run_qasync, launcher: Launcher, data_dir: Path, what: str,
) -> None:
    data_dir.mkdir()
    target = data_dir.parent / "elsewhere" / "pintuan.sqlite3"
    if what == "folder":
        database_path(data_dir).mkdir()
    else:
        database_path(data_dir).symlink_to(target)

    async def scenario() -> str:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.error_box is not None and launcher.error_box.isVisible())
        assert launcher.error_box is not None
        text = launcher.error_box.text()
        launcher.error_box.accept()
        assert await main == 1
        return text

    text = run_qasync(scenario())
    if what == "folder":
        assert text == f"{database_path(data_dir)} is a folder, not a database: move it away and try again."
        assert database_path(data_dir).is_dir() and not any(database_path(data_dir).iterdir())
    else:
        assert text.startswith(f"{database_path(data_dir)} is a link to {target}, which does not exist")
        assert not target.exists() and not target.parent.exists()  # the window never creates the link's target
    assert launcher.controller is None


# -- while running ----------------------------------------------------------------------------------------


def _damage_while_running(launcher: Launcher) -> asyncio.Future[bool]:
    """Stop the timers, damage the contacts table in the database thread, then run the background check."""
    assert launcher.controller is not None and launcher.services is not None
    controller, store = launcher.controller, launcher.services.store
    controller.stop()

    async def go() -> bool:
        await launcher.runner.run(damage_table, store.path, "contact", store.engine.dispose)
        return await controller.check()

    return asyncio.ensure_future(go())


def test_damage_found_while_running_stops_writing_moves_the_file_and_restores(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock,
) -> None:
    make_data(data_dir, clock, ["小美", "阿强", "Lily"], backup_after=2)
    seen: list[Seen] = []

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: running(launcher))
        assert launcher.window.today_page.cards["contacts"].value_label.text() == "3"
        check = _damage_while_running(launcher)
        asked: dict[str, object] = {}

        def look() -> None:  # while the question is open, before the answer acts
            asked["bad"] = corrupt_copies(data_dir)
            asked["in place"] = database_path(data_dir).exists()

        restore = asyncio.ensure_future(answer("Restore the newest backup (…", seen=seen, before=look))
        await until(lambda: seen)
        bad = asked["bad"]
        assert isinstance(bad, list) and len(bad) == 1
        assert asked["in place"] is False  # moved before the user was asked
        damaged_bytes = bad[0].read_bytes()
        assert await check is False
        await restore
        await until(lambda: running(launcher) and launcher.services is not None)
        await until(lambda: launcher.window.today_page.cards["contacts"].value_label.text() == "2")
        assert bad[0].read_bytes() == damaged_bytes  # nothing wrote to it afterwards
        launcher.request_quit()
        return await main

    assert run_qasync(scenario()) == 0
    assert seen[0].title == "Your data is damaged" and "Salvage" not in " ".join(seen[0].buttons)
    assert nicknames(data_dir, clock) == {"小美", "阿强"}


def test_damage_found_while_running_then_quit_leaves_the_file_aside(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock,
) -> None:
    make_data(data_dir, clock, ["小美", "阿强"])

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: running(launcher))
        check = _damage_while_running(launcher)
        seen = await answer("Quit")
        assert "Salvage what can be read" in seen.buttons  # no backup: salvage is offered
        assert await check is False
        return await main

    assert run_qasync(scenario()) == 1
    assert not database_path(data_dir).exists() and len(corrupt_copies(data_dir)) == 1
    assert launcher.services is None and launcher._opened is None


# -- the environment's faults and our bugs ----------------------------------------------------------------


@pytest.fixture
def controller(qtbot, data_dir: Path, settings: QSettings, filled: Services, runner: DbRunner) -> WindowController:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    controller = WindowController(window, filled, runner)
    runner.on_failure = controller.reporter.on_task_failed
    return controller


def test_a_full_disk_during_a_save_is_told_and_the_window_keeps_running(
    run_qasync, controller: WindowController, filled: Services,
) -> None:
    page = controller.window.groups_page
    engine = filled.store.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def no_room(dbapi_connection, _record) -> None:  # a real SQLITE_FULL: the file may not grow
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", no_room)
    engine.dispose()
    page.new_button.click()
    page.name_edit.insert("满了的群")
    page.rules_edit.setPlainText("规" * 10_000)

    async def save() -> tuple[bool, Seen]:
        return await asyncio.gather(page.save(), answer("OK"))

    saved, seen = run_qasync(save())
    assert saved is False
    assert seen.title == "Could not finish"
    assert seen.text == f"The disk holding {filled.store.path} is full: free some space and try again."
    assert "满了的群" not in [g["name"] for g in filled.queries.groups()]
    assert page.name_edit.text() == "满了的群"  # the form keeps what was typed

    event.remove(engine, "connect", no_room)
    engine.dispose()
    assert run_qasync(page.save()) is True
    assert "满了的群" in [g["name"] for g in filled.queries.groups()]


def test_a_bug_is_logged_with_its_traceback_and_told_and_repeats_go_to_the_status_bar(
    run_qasync, controller: WindowController, data_dir: Path,
) -> None:
    ctx = controller.context

    def broken() -> None:
        raise ZeroDivisionError("a bug in a service")

    def broken_load() -> None:
        raise KeyError("a bug in a page's load")

    # Every status bar message, kept: a later one (a page's load, a backup) may replace it before a poll sees it.
    messages: list[str] = []
    controller.window.statusBar().messageChanged.connect(messages.append)

    async def scenario() -> tuple[object, Seen, Seen]:
        written, seen = await asyncio.gather(ctx.write(broken), answer("OK"))
        # In the background (a page's load): told in a dialog too; a failure while it is open, in the status bar.
        controller.runner.spawn(ctx.read(broken_load), name="load page")
        await until(lambda: len(controller.reporter.shown) == 2)
        controller.runner.spawn(ctx.read(broken), name="load page")
        await until(lambda: any("ZeroDivisionError" in m for m in messages))
        return written, seen, await answer("OK")

    # A guard against a hang, not a speed test: the window's first page loads share the database thread with the
    # broken write, and on a loaded two-core machine took the whole of the default 20 seconds.
    written, seen, background = run_qasync(scenario(), 60.0)
    log = data_dir / LOG_DIRNAME / LOG_FILENAME
    assert written is None
    assert seen.title == "Something went wrong"
    assert seen.text.startswith("Something went wrong inside Pintuan Quest (a bug: ZeroDivisionError).")
    assert str(log) in seen.text and "The window keeps running." in seen.text
    assert background.text.startswith("Something went wrong inside Pintuan Quest (a bug: KeyError).")
    assert len(controller.reporter.shown) == 2  # the failure while a dialog was open was not a third one
    text = log.read_text(encoding="utf-8")
    assert text.count("Traceback") == 3
    assert "ZeroDivisionError: a bug in a service" in text and "KeyError: \"a bug in a page's load\"" in text


def test_automatic_backups_follow_writes_at_most_every_30_minutes(
    run_qasync, controller: WindowController, filled: Services, data_dir: Path,
) -> None:
    ctx = controller.context
    privacy = controller.window.privacy_page  # built: it lists the new backup

    async def scenario() -> None:
        await ctx.write(filled.contacts.create, nickname="王姐")
        await until(lambda: list_backups(data_dir / BACKUP_DIRNAME))
        await until(lambda: privacy.backup_list.topLevelItemCount() == 1 or privacy in controller._stale)
        await ctx.write(filled.contacts.create, nickname="李姐")
        # The second write's turn: the newest backup is minutes old, so none is due.
        assert await controller.auto_backup() is None

    run_qasync(scenario())
    made = list_backups(data_dir / BACKUP_DIRNAME)
    assert [(b.reason, b.verified) for b in made] == [("auto", True)]
