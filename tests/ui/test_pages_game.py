"""The Quests and Badges pages show the game's state, read through the services."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from app.services import Services
from app.ui.context import PageContext
from app.ui.main_window import MainWindow
from app.ui.pages.badges import TILE_ROLE, BadgesPage
from app.ui.pages.quests import QuestsPage
from app.ui.tasks import DbRunner


def _new_user(services: Services) -> None:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美")
    services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")


def test_quests_page_shows_chains_steps_and_level(qtbot, services: Services) -> None:
    _new_user(services)
    page = QuestsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(services))
    first = page.cards["first-steps"]
    texts = [label.text() for label in first.lines]
    assert texts[0] == "First Steps" and texts[1] == "Done · 3 of 3 steps"
    assert "✓  Do your first favour" in texts
    assert page.cards["daily-good-turn"].reset_label is not None  # a daily says when it starts over
    locked = [card for card in page.cards.values() if card.lines[1].text() == "Locked"]
    assert locked, "later chains wait for their prerequisites"
    assert all(card.lines[2].text().startswith("🔒 ") for card in locked)  # why, on a line of its own
    points = services.game.points()
    assert f"Level {points['level']}" in page.level_label.text()
    assert page.level_bar.value() == points["points"] - 50  # level 2 starts at 50 points
    assert "your own quests" not in page.level_label.text()
    data = page.load(services)
    data["points"]["own_points"] = 1200  # what a pack of the user's paid: shown apart from the level
    page.set_data(data)
    assert page.level_label.text().endswith(" · your own quests: 1,200 points")  # digits grouped


def test_badges_page_shows_earned_art_and_hides_secrets(qtbot, services: Services) -> None:
    _new_user(services)
    page = BadgesPage()
    qtbot.addWidget(page)
    data = page.load(services)
    page.set_data(data)
    tiles = [page.grid.item(i).data(TILE_ROLE) for i in range(page.grid.count())]
    assert ("Helping Hand", "Bronze") in [(tile.title, tile.tier) for tile in tiles]
    assert "???" in [tile.title for tile in tiles]  # hidden achievements keep their secret
    assert all(not page.grid.item(i).icon().isNull() for i in range(page.grid.count()))
    cached = list((services.store.data_dir / "cache" / "badges").glob("*.png"))
    assert len(cached) == len(set(page.images.values()))
    assert page.summary.text().startswith("1 of ")


def test_badges_load_leaves_undrawn_art_to_after_the_page_shows(
    qtbot, services: Services, runner: DbRunner, run_qasync
) -> None:
    """The first time, the art of every badge takes a second or more: the load draws what fits in its budget, the
    rest is drawn a badge at a time after the page shows, in the database thread; the next load finds it cached."""
    _new_user(services)
    page = BadgesPage()
    qtbot.addWidget(page)
    page.attach(PageContext(services, runner))
    cache = services.store.data_dir / "cache" / "badges"

    async def scenario() -> tuple[dict[str, Any], int]:
        data = await runner.run(page.load, services)
        page.set_data(data)  # shows at once: the icons still to draw come after
        without_art = sum(page.grid.item(i).icon().isNull() for i in range(page.grid.count()))
        while runner.pending:
            await asyncio.sleep(0.01)
        return data, without_art

    first, without_art = run_qasync(scenario())
    assert first["later"], "a fresh cache: the load leaves art to draw after"
    assert without_art == len(first["later"])
    assert len(first["images"]) + len(first["later"]) == page.grid.count()
    assert all(not page.grid.item(i).icon().isNull() for i in range(page.grid.count()))
    assert len(list(cache.glob("*.png"))) == len(set(page.images.values()))
    again = page.load(services)
    assert again["later"] == [] and again["images"] == page.images


def test_the_window_lists_the_game_pages(qtbot, tmp_path: Path, settings: QSettings) -> None:
    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[:1] == ["Today"] and {"Quests", "Badges"} <= set(titles)
    assert window.quests_page in window.data_pages() and window.today_page not in window.data_pages()


def test_screenshots_command_renders_every_page(qapp, services: Services, tmp_path: Path) -> None:
    import io

    from PySide6.QtGui import QImage

    from app.main import main

    _new_user(services)
    out = tmp_path / "shots"
    code = main(["screenshots", "--data-dir", str(services.store.data_dir), "--out", str(out)], out=io.StringIO())
    assert code == 0
    files = sorted(out.glob("*.png"))
    assert [f.name for f in files][:2] == ["01-today-en.png", "02-groups-en.png"]
    assert len(files) >= 5
    image = QImage(str(files[0]))
    assert (image.width(), image.height()) == (1280, 800)
    light = image.pixelColor(5, image.height() - 5).lightness()

    small = tmp_path / "small"
    args = ["--size", "1024x640", "--theme", "dark"]
    code = main(["screenshots", "--data-dir", str(services.store.data_dir), "--out", str(small), *args],
                out=io.StringIO())
    assert code == 0
    dark = QImage(str(small / "01-today-en.png"))
    assert (dark.width(), dark.height()) == (1024, 640)
    assert dark.pixelColor(5, dark.height() - 5).lightness() < light
    assert main(["screenshots", "--data-dir", str(services.store.data_dir), "--out", str(small), "--size", "big"],
                out=io.StringIO(), err=io.StringIO()) == 2


def test_settings_page_keeps_preferences_and_ctrl_comma_opens_it(qtbot, tmp_path: Path, settings: QSettings) -> None:
    from app.ui.pages.settings import BUDGET_KEY, LANGUAGE_KEY, THEME_KEY

    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    page = window.settings_page
    assert window.pages.currentWidget() is page
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    page.budget.setValue(12)
    assert settings.value(LANGUAGE_KEY) == "zh_CN" and settings.value(THEME_KEY) == "dark"
    assert int(settings.value(BUDGET_KEY)) == 12
    again = MainWindow(tmp_path, settings)
    qtbot.addWidget(again)
    assert again.settings_page.budget.value() == 12 and again.settings_page.theme.currentData() == "dark"
    page.theme.setCurrentIndex(page.theme.findData("system"))


def test_today_shows_level_points_and_quests_in_progress(qtbot, services: Services) -> None:
    from app.ui.today_page import TodayPage, load_today

    _new_user(services)
    page = TodayPage()
    qtbot.addWidget(page)
    page.set_data(load_today(services))
    score = services.game.score()
    assert score == {k: services.game.points()[k] for k in ("level", "points", "next_level_at", "own_points")}
    text = page.game_label.text()
    assert f"Level {score['level']}" in text and f"{score['points']} points" in text
    assert "Good Neighbour" in text  # unlocked by First Steps, now in progress
    data = load_today(services)
    data["game"] = {**data["game"], "points": 12590, "next_level_at": 12650, "level": 22}
    data["game"]["quests"] = [{"title": t, "status": "active", "repeat": None} for t in ("Guardian", "Host")]
    page.set_data(data)
    assert page.game_label.text() == ("Level 22 · 12,590 points · 60 to the next level  ·  "
                                      "Quests in progress: Guardian, Host")  # was "12590" and "Guardian、Host"


def test_screenshots_say_nothing_of_the_platforms_size_hints(services: Services, tmp_path: Path) -> None:
    # The offscreen platform said "This plugin does not support propagateSizeHints()" once a page, on stderr.
    import os
    import subprocess
    import sys

    _new_user(services)
    services.store.close()
    done = subprocess.run(
        [sys.executable, "-m", "app", "screenshots", "--data-dir", str(services.store.data_dir), "--out",
         str(tmp_path / "shots")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr
    assert len(list((tmp_path / "shots").glob("*.png"))) >= 5
