"""The first-run dialog: defaults, the two starts, what it stores, and that it is asked only once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton

from app import i18n
from app.services import Services
from app.ui.first_run import DONE_KEY, FirstRunDialog, needs_first_run
from app.ui.pages.settings import LANGUAGE_KEY


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def dialog(qtbot, settings: QSettings, tmp_path: Path, english: None) -> FirstRunDialog:
    dialog = FirstRunDialog(settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_defaults(dialog: FirstRunDialog, settings: QSettings, tmp_path: Path) -> None:
    assert dialog.display_name() == ""
    assert dialog.language() == "en"
    assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] == ["en", "zh_CN"]
    assert [dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())] == ["English", "简体中文"]
    assert dialog.choice() == "empty"
    assert dialog.empty_button.isDefault()
    assert not dialog.demo_button.isDefault()
    assert dialog.demo_dir() == tmp_path / "demo"
    text = dialog.explanation.text()
    assert "stays on this computer" in text and "export it yourself" in text
    assert text.count(".") == 2  # two sentences
    assert needs_first_run(settings)
    assert settings.value(LANGUAGE_KEY) is None  # nothing written before the user decides


def test_language_preselected_from_current_language(qtbot, settings: QSettings) -> None:
    before = i18n.current_language()
    i18n.set_language("zh_CN")
    try:
        dialog = FirstRunDialog(settings)
        qtbot.addWidget(dialog)
        assert dialog.language() == "zh_CN"
        assert dialog.language_combo.currentText() == "简体中文"
    finally:
        i18n.set_language(before)


def test_default_demo_dir_is_not_the_data_dir(qtbot, settings: QSettings, english: None) -> None:
    from app.paths import default_data_dir, default_demo_dir

    dialog = FirstRunDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.demo_dir() == default_demo_dir()
    assert dialog.demo_dir() != default_data_dir()


def test_start_empty_by_button(qtbot, dialog: FirstRunDialog, settings: QSettings) -> None:
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == "empty"
    assert settings.value(LANGUAGE_KEY) == "en"
    assert not needs_first_run(settings)


def test_choosing_demo(qtbot, dialog: FirstRunDialog, settings: QSettings) -> None:
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == "demo"
    assert not dialog.isVisible()
    assert not needs_first_run(settings)


def test_demo_by_keyboard(qtbot, dialog: FirstRunDialog) -> None:
    dialog.demo_button.setFocus()
    qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Space)
    assert dialog.choice() == "demo"


def test_name_and_language_stored(qtbot, dialog: FirstRunDialog, settings: QSettings, tmp_path: Path) -> None:
    qtbot.keyClicks(dialog.name_edit, "  Xiaomei ")  # QTest types Latin-1 only: Chinese names via setText
    dialog.name_edit.setText(dialog.name_edit.text() + "小美  ")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter: the default button, Start empty
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == "empty"
    assert dialog.display_name() == "Xiaomei 小美"
    assert dialog.language() == "zh_CN"
    assert settings.value(LANGUAGE_KEY) == "zh_CN"
    # Written to disk: a fresh QSettings on the same file sees it.
    again = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert again.value(LANGUAGE_KEY) == "zh_CN"
    assert not needs_first_run(again)


def test_apply_to_profile(qtbot, dialog: FirstRunDialog, services: Services) -> None:
    dialog.name_edit.setText("Xiaomei")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    dialog.apply_to(services.profile)
    profile = services.profile.get()
    assert profile["display_name"] == "Xiaomei"
    assert profile["locale"] == "zh_CN"


def test_escape_starts_empty(qtbot, dialog: FirstRunDialog, settings: QSettings) -> None:
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == "empty"
    assert not needs_first_run(settings)


def test_needs_first_run_flips(qtbot, settings: QSettings, tmp_path: Path, english: None) -> None:
    assert FirstRunDialog.needs_first_run(settings)
    dialog = FirstRunDialog(settings, demo_dir=tmp_path / "demo")
    qtbot.addWidget(dialog)
    assert needs_first_run(settings)  # opening it is not enough
    dialog.reject()
    assert not FirstRunDialog.needs_first_run(settings)
    assert not needs_first_run(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    settings.setValue(DONE_KEY, "false")
    assert needs_first_run(settings)


def test_accessible_names(dialog: FirstRunDialog) -> None:
    assert dialog.accessibleName()
    widgets = [w for kind in (QLineEdit, QComboBox, QPushButton) for w in dialog.findChildren(kind)]
    assert len(widgets) == 6  # name, language, time zone (a box and its text field), two buttons
    for widget in widgets:
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_the_first_start_writes_the_profile_and_opens_the_demo_when_asked(qapp, tmp_path, monkeypatch) -> None:
    from PySide6.QtCore import QSettings

    from app.services import Services
    from app.store import Store
    from app.ui import app as ui_app
    from app.ui.first_run import FirstRunDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    demo_dir = tmp_path / "demo"

    def exec_(self: FirstRunDialog) -> int:
        self.name_edit.setText("小美妈妈")
        self.demo_button.click()
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", exec_)
    monkeypatch.setattr(FirstRunDialog, "demo_dir", lambda self: demo_dir)
    opened = ui_app._first_run(settings, tmp_path / "mine")
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert opened == demo_dir and Store.exists(demo_dir) and not (tmp_path / "mine").exists()
    store = Store.open(demo_dir)
    try:
        from app.clock import SystemClock

        assert Services(store, SystemClock()).profile.get()["display_name"] == "小美妈妈"
    finally:
        store.close()


def test_first_start_speaks_the_systems_chinese_and_follows_the_language_chosen(
    qtbot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under LANG=zh_CN.UTF-8 the welcome was preselected 简体中文 with every word English; picking a language
    changed nothing until the window opened."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.app import _first_run
    from app.ui.language import apply_language, remove_translators

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog) and w.isVisible())
        try:  # whatever happens, the dialog closes: a failure must not leave the test waiting on it
            seen["title"] = dialog.windowTitle()
            seen["button"] = dialog.empty_button.text()
            seen["label"] = dialog.language_label.text()
            dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
            seen["english"] = dialog.windowTitle()
            seen["english button"] = dialog.empty_button.text()
            dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
            seen["again"] = dialog.empty_button.text()
        finally:
            dialog.empty_button.click()

    before = i18n.current_language()
    try:
        QTimer.singleShot(0, answer)
        assert _first_run(settings, tmp_path / "data") == tmp_path / "data"
    finally:
        remove_translators()
        apply_language(before)
        remove_translators()
    assert seen["title"] == "欢迎使用拼团任务" and seen["button"] == "从空白开始"
    assert "语言" in seen["label"]
    assert seen["english"] == "Welcome to Pintuan Quest" and seen["english button"] == "Start empty"
    assert seen["again"] == "从空白开始"
    assert settings.value(LANGUAGE_KEY) == "zh_CN"
