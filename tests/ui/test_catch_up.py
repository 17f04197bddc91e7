"""A correction far back, on the running window: it commits at once, the game catches up in the background with
progress in the status bar, and the pages show the game up to date at the end; a window that starts with facts
waiting (closed before its catch-up ended) catches up by itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.services import Services, game_store
from app.store import Store
from app.ui.launcher import Launcher
from tests.ui.boxes import until


@pytest.fixture(autouse=True)
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(game_store, "CHECKPOINT_EVERY", 3)
    monkeypatch.setattr("app.services.game.REPLAY_INLINE", 4)
    monkeypatch.setattr("app.services.game.CATCH_UP_CHUNK", 3)


def make_data(data_dir: Path, clock: FixedClock) -> list[str]:
    """A group, two contacts and twelve helps an hour apart; their ids, oldest first."""
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        services.groups.create(name="宝妈拼团群")
        services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
        services.contacts.create(nickname="阿强")
        ids = []
        for i in range(12):
            clock.advance(hours=1)
            made = services.helps.create(direction="given", kind="share", contact=["小美", "阿强"][i % 2])
            ids.append(str(made.entity_id))
        return ids
    finally:
        store.close()


def test_a_correction_far_back_catches_up_in_the_background(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock
) -> None:
    helps = make_data(data_dir, clock)

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and launcher.controller.poll_timer.isActive())
        controller = launcher.controller
        services = controller.services
        messages: list[str] = []
        launcher.window.statusBar().messageChanged.connect(messages.append)
        result = await controller.context.write(services.helps.delete, helps[0])
        assert result is not None and result.catching_up
        await until(lambda: "The game is up to date." in messages)
        assert any("catching up" in m and "facts counted" in m for m in messages)
        assert await controller.runner.run(services.game.pending) == 0
        assert await controller.runner.run(services.game.verify) == []
        launcher.request_quit()
        return await asyncio.wait_for(main, 10)

    assert run_qasync(scenario(), timeout=60) == 0


def test_a_window_that_starts_with_facts_waiting_catches_up(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock
) -> None:
    helps = make_data(data_dir, clock)
    store = Store.open(data_dir)
    try:
        assert Services(store, clock).helps.delete(helps[1]).catching_up  # and the window closed before it ended
        assert Services(store, clock).game.pending() > 0
    finally:
        store.close()

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and launcher.controller.poll_timer.isActive())
        services = launcher.controller.services
        await until(lambda: launcher.window.statusBar().currentMessage() == "The game is up to date.")
        assert await launcher.controller.runner.run(services.game.verify) == []
        launcher.request_quit()
        return await asyncio.wait_for(main, 10)

    assert run_qasync(scenario(), timeout=60) == 0


def test_today_says_the_score_is_being_recounted_until_the_catch_up_ends(
    qtbot, data_dir: Path, clock: FixedClock, settings
) -> None:
    # While facts wait, the stored score is the one from before the correction (level 1, 0 points for a correction
    # at the start): Today must not show that as the user's score.
    from app.ui.main_window import MainWindow
    from app.ui.today_page import load_today

    helps = make_data(data_dir, clock)
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        page = window.today_page
        page.set_data(load_today(services))
        assert page.game_label.text().startswith("Level 4 · ")
        scored = page.game_label.text()
        assert services.helps.delete(helps[0]).catching_up
        page.set_data(load_today(services))
        assert page.game_label.text() == "Your level and points are being recounted after a correction…"
        services.game.catch_up()
        page.set_data(load_today(services))
        assert page.game_label.text().startswith("Level ") and page.game_label.text() != scored  # one help fewer
    finally:
        store.close()
