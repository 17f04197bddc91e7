"""The Quests page as a storyline (issue 14): its progress is the one ``quests --json`` prints, the dailies count
down to their reset, and a quest pack that the game refuses is said on the page and changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from app.clock import FixedClock
from app.demo import generate_demo
from app.services import Services
from app.store import Store
from app.ui.context import PageContext
from app.ui.pages.quests import QuestsPage, next_reset
from app.ui.tasks import DbRunner
from tests.test_cli import Cli

Run = Callable[[Coroutine[Any, Any, Any]], Any]

GOOD_PACK = """
id = "morning-walk"
version = 1
title = { en = "Morning Walk", zh_CN = "晨间散步" }
story = { en = "On the way to the market, help whoever asks.", zh_CN = "去菜场的路上，谁问就帮谁。" }
requires = ["first-steps"]

[[steps]]
id = "help-once"
title = { en = "Help someone on the way" }
goal = { event = "help.given" }
reward = { points = 10 }
"""


@pytest.fixture
def demo(cli: Cli, data_dir: Path, clock: FixedClock) -> Iterator[Services]:
    """The demo database (a year of a member's log), read through the services the window uses."""
    store = Store.open(data_dir)
    generate_demo(store, clock, activities=2000, seed=3)
    yield Services(store, clock)
    store.close()


@pytest.fixture
def page(qtbot: Any) -> QuestsPage:
    page = QuestsPage()
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    return page


def step_lines(page: QuestsPage, chain_id: str, mark: str) -> list[str]:
    return [label.text().removeprefix(mark).strip() for label in page.cards[chain_id].lines
            if label.text().startswith(mark)]


def test_the_page_shows_the_progress_quests_json_prints(page: QuestsPage, demo: Services, cli: Cli) -> None:
    page.set_data(page.load(demo))
    printed = cli.json("quests")
    assert [chain["id"] for chain in printed] and set(page.cards) == {chain["id"] for chain in printed}
    statuses = {"done": "Done", "active": "In progress", "locked": "Locked"}
    seen_active = 0
    for chain in printed:
        card = page.cards[chain["id"]]
        assert card.lines[0].text() == chain["title"]
        assert card.lines[1].text().startswith(statuses[chain["status"]]), chain["id"]
        assert chain["story"] in [label.text() for label in card.lines]
        if chain["status"] == "locked":
            assert any(label.text() == "🔒 " + chain["locked_reason"] or
                       label.text().startswith("🔒 " + chain["locked_reason"] + " ") for label in card.lines)
            assert card.bar is None
            continue
        done = [s["title"] for s in chain["steps"] if s["status"] == "done"]
        assert step_lines(page, chain["id"], "✓") == done
        active = [s for s in chain["steps"] if s["status"] == "active"]
        if active:
            seen_active += 1
            assert step_lines(page, chain["id"], "▶") == [active[0]["title"]]
            assert card.bar is not None
            assert (card.bar.value(), card.bar.maximum()) == (active[0]["progress"], active[0]["target"])
            texts = [label.text() for label in card.lines]
            assert any(text.startswith("What counts: ") for text in texts)
        else:
            assert card.bar is None
    assert seen_active, "the demo has chains under way"
    points = cli.json("points")
    assert page.level_label.text().startswith(f"Level {points['level']} · ")
    assert page.level_bar.format() == f"{points['next_level_at'] - points['points']:,} points to level " \
                                      f"{points['level'] + 1}"


def test_a_step_says_what_counts_and_what_it_pays(page: QuestsPage, services: Services) -> None:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美")
    services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")
    page.set_data(page.load(services))
    texts = [label.text() for label in page.cards["good-neighbour"].lines]
    assert "▶  Cut three prices" in texts
    assert "What counts: helps you give (Bargain cut): 3" in texts
    assert "Reward: +40 points" in texts
    assert "Completing the chain: +300 points" in texts
    assert "○  Help three different people within a week" in texts  # what comes after, not yet open
    locked = [label.text() for label in page.cards["lao-chen-away"].lines]
    assert any(text.startswith("🔒 Complete ") and text.endswith(" Then reach level 14.") for text in locked), locked


def test_dailies_count_down_to_their_reset(page: QuestsPage, services: Services, clock: FixedClock) -> None:
    page.set_data(page.load(services))
    now = clock.now()  # a Wednesday, 20:00 in Shanghai
    assert next_reset("daily", now, clock.tz) == dt.datetime(2026, 11, 26, tzinfo=clock.tz)
    assert next_reset("weekly", now, clock.tz) == dt.datetime(2026, 11, 30, tzinfo=clock.tz)
    daily, weekly = page.cards["daily-good-turn"].reset_label, page.cards["weekly-five-neighbours"].reset_label
    assert daily is not None and weekly is not None
    assert daily.text() == "Resets: 4 h left"
    assert weekly.text() == "Resets: 4 d 4 h left"
    page.update_clock(now + dt.timedelta(hours=3, minutes=35))  # the clock moves: so does the countdown
    assert daily.text() == "Resets: 25 min left"
    assert page.cards["first-steps"].reset_label is None  # a story chain does not start over


def test_a_broken_pack_is_refused_on_the_page_and_changes_nothing(
    page: QuestsPage, services: Services, runner: DbRunner, run_qasync: Run, tmp_path: Path, cli: Cli
) -> None:
    services.contacts.create(nickname="小美")
    page.attach(PageContext(services, runner))
    page.set_data(page.load(services))
    before = (cli.json("quests"), services.game.score(), services.store.data_version())
    broken = tmp_path / "broken.toml"
    broken.write_text(GOOD_PACK.replace("reward = { points = 10 }", "reward = { points = 10, colour = 'red' }"),
                      encoding="utf-8")
    unfair = tmp_path / "unfair.toml"
    unfair.write_text(GOOD_PACK.replace('"help.given"', '"help.received"'), encoding="utf-8")

    assert not run_qasync(page.install(broken))
    error = page.install_error.text()
    assert page.install_error.isVisible() and error.startswith("The pack broken.toml was not installed: ")
    assert "colour" in error  # the key that is wrong, in the game's own words
    assert not run_qasync(page.install(unfair))
    assert "never rewards taking" in page.install_error.text()
    assert not (services.store.data_dir / "quests").exists() or not list((services.store.data_dir / "quests")
                                                                         .iterdir())
    assert (cli.json("quests"), services.game.score(), services.store.data_version()) == before
    assert "morning-walk" not in page.cards and page.install_button.isEnabled()


def test_a_pack_installed_through_the_file_dialog_shows_apart(
    page: QuestsPage, services: Services, runner: DbRunner, run_qasync: Run, tmp_path: Path
) -> None:
    services.groups.create(name="宝妈拼团群")  # First Steps done: the pack's chain, which requires it, is open
    services.contacts.create(nickname="小美")
    services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")
    ctx = PageContext(services, runner)
    page.attach(ctx)
    page.set_data(page.load(services))
    pack = tmp_path / "morning-walk.toml"
    pack.write_text(GOOD_PACK, encoding="utf-8")
    announced: list[Any] = []
    ctx.operation_done.connect(lambda result, initiator: announced.append((result, initiator)))

    async def scenario() -> None:
        page.install_button.click()  # the file dialog opens window-modal, without a nested event loop
        dialog = None
        while dialog is None:
            await asyncio.sleep(0.01)
            dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)
                           and w.isVisible()), None)
        dialog.setDirectory(str(tmp_path))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(pack.name)  # as typed in the dialog
        dialog.accept()
        while not page.install_note.isVisible() and not page.install_error.isVisible():
            await asyncio.sleep(0.01)
        page.set_data(await ctx.read(page.load, services))

    run_qasync(scenario())
    assert not page.install_error.isVisible(), page.install_error.text()
    assert page.install_note.text().startswith("Installed the quest pack “morning-walk” (version 1).")
    assert [initiator for _, initiator in announced] == [page]  # every page hears of it once
    card = page.cards["morning-walk"]
    assert "Your pack" in [label.text() for label in card.findChildren(type(card.lines[0]))]
    assert page.own_label.isVisible() and "never raise your level" in page.own_label.text()
    assert "Reward: +10 points of your own" in [label.text() for label in card.lines]


def test_cards_take_the_keyboard_focus_in_order(page: QuestsPage, services: Services, qtbot: Any) -> None:
    page.set_data(page.load(services))
    page.windowHandle().requestActivate()
    qtbot.waitUntil(page.isActiveWindow)
    order = []
    for _ in range(4):
        qtbot.keyClick(page.windowHandle(), Qt.Key.Key_Tab)  # as typed: to the window, which moves its focus
        order.append(QApplication.focusWidget())
    cards = list(page.cards.values())
    assert order == [page.install_button, *cards[:3]]  # the button, then chain after chain
    assert cards[0].accessibleName() == "First Steps"  # read out as its title, then where it stands
    assert cards[0].accessibleDescription() == "In progress. Now: Log a group you are in, 0/1"


def test_a_reload_keeps_the_page_where_it_was_read(page: QuestsPage, demo: Services, qtbot: Any) -> None:
    page.set_data(page.load(demo))
    bar = page.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 900)
    bar.setValue(900)
    page.set_data(page.load(demo))  # a write elsewhere: the cards are made again (the page empties for a moment)
    # Back where it was once the new cards are laid out (without the fix: at the top, and this times out).
    qtbot.waitUntil(lambda: bar.value() == 900 and page._keep_scroll is None, timeout=2000)
