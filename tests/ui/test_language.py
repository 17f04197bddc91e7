"""Switching the language in Settings retranslates the open window at once, data and all."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QLabel

from app import i18n
from app.clock import FixedClock
from app.services import Services
from app.ui.language import remove_translators
from app.ui.launcher import Launcher
from app.ui.models import BalanceTableModel
from app.ui.pages.settings import LANGUAGE_KEY


def sidebar_texts(window) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_switching_language_retranslates_the_window(qtbot, qapp, run_qasync, data_dir: Path, settings: QSettings,
                                                    filled: Services, clock: FixedClock) -> None:
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)
    window = launcher.window

    async def until(condition, seconds: float = 10.0) -> None:
        deadline = asyncio.get_running_loop().time() + seconds
        while not condition():
            assert asyncio.get_running_loop().time() < deadline, "timed out"
            await asyncio.sleep(0.01)

    def balances() -> list[str]:
        model = window.today_page.balance_model
        return [model.index(row, BalanceTableModel.COL_CONTACT).data() for row in range(model.rowCount())]

    def choose(lang: str) -> None:
        combo = window.settings_page.language
        combo.setCurrentIndex(combo.findData(lang))

    async def scenario() -> None:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and "小美" in balances())
        assert sidebar_texts(window)[0] == "Today"
        assert menu_titles(window) == ["&File", "&Go", "&Help"]
        window.show_page(window.settings_page)
        old_settings_page = window.settings_page
        assert old_settings_page.ctx is launcher.controller.context  # Settings writes too (the demo reset)

        choose("zh_CN")
        await until(lambda: sidebar_texts(window)[0] == "今日")
        assert sidebar_texts(window)[-1] == "设置"
        assert menu_titles(window) == ["文件(&F)", "转到(&G)", "帮助(&H)"]
        # Still on Settings, a new page built in Chinese, showing the choice just made.
        assert window.pages.currentWidget() is window.settings_page is not old_settings_page
        assert window.sidebar.currentRow() == window.pages.indexOf(window.settings_page)
        assert window.settings_page.language.currentData() == "zh_CN"
        assert window.settings_page.ctx is launcher.controller.context
        titles = [label.text() for label in window.settings_page.findChildren(QLabel)]
        assert "设置" in titles
        assert settings.value(LANGUAGE_KEY) == "zh_CN"
        # The messages outside the widgets follow, and so do dates and numbers.
        assert i18n.current_language() == "zh_CN"
        assert QLocale().language() == QLocale.Language.Chinese
        # The new pages are wired to the data: the Today page refills, the shortcuts work.
        await until(lambda: "小美" in balances())
        window.today_action.trigger()
        assert window.pages.currentWidget() is window.today_page
        shortcuts = {action.shortcut().toString() for action in window.go_menu.actions()}
        assert {"Ctrl+1", "Ctrl+9", "Ctrl+,", "Ctrl+F"} <= shortcuts
        assert len(window.go_menu.actions()) == len(set(window.go_menu.actions()))

        window.show_page(window.settings_page)
        choose("en")
        await until(lambda: sidebar_texts(window)[0] == "Today")
        assert menu_titles(window) == ["&File", "&Go", "&Help"]
        assert i18n.current_language() == "en"
        await until(lambda: "小美" in balances())

        launcher.request_quit()
        assert await main == 0

    try:
        run_qasync(scenario())
    finally:
        remove_translators()
        i18n.set_language("en")



def test_the_combo_shows_the_language_in_force(qtbot, tmp_path: Path, settings: QSettings) -> None:
    from app.ui.pages.settings import SettingsPage

    settings.setValue(LANGUAGE_KEY, "zh_CN")  # saved, but this run was started with --lang en
    page = SettingsPage(tmp_path, settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(page)
    assert page.language.currentData() == "en"  # so choosing 简体中文 is a change, and applies
    settings.setValue(LANGUAGE_KEY, "")
    again = SettingsPage(tmp_path, settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(again)
    assert again.language.currentData() == ""  # "Follow the system" stays chosen
