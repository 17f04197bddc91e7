"""Light and dark: a forced Dark is dark even where the platform does not follow the colour scheme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme, is_dark


@pytest.fixture(autouse=True)
def system_theme() -> Iterator[None]:
    yield
    apply_theme("system")


def test_dark_light_and_back(qtbot, qapp: QApplication, tmp_path: Path, settings: QSettings) -> None:
    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.has_painted)  # the sidebar's icons come with the first frame
    light = qapp.palette().color(QPalette.ColorRole.Window)
    apply_theme("dark")
    assert is_dark(qapp.palette())
    # Text stays readable on it, and the sidebar icons are drawn in the dark palette's text colour.
    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightness() - qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150
    image = window.sidebar.item(0).icon().pixmap(18, QIcon.Mode.Normal).toImage()
    inks = {QColor(image.pixelColor(x, y).rgb()).name() for x in range(18) for y in range(18)
            if image.pixelColor(x, y).alpha() == 255}
    assert inks == {text.name()}
    # Today's cards and chips are painted from the palette: dark now, without being built again.
    card, chip = window.today_page.cards["groups"], window.today_page.streak_label
    qapp.processEvents()  # the palette reaches the widgets through events
    assert card.grab().toImage().pixelColor(card.width() // 2, 3) == qapp.palette().color(QPalette.ColorRole.Base)
    assert chip.grab().toImage().pixelColor(chip.width() // 2, 2) == qapp.palette().color(
        QPalette.ColorRole.AlternateBase)
    apply_theme("light")
    assert not is_dark(qapp.palette())
    apply_theme("system")
    assert qapp.palette().color(QPalette.ColorRole.Window) == light
    # No palette of ours is left set: the platform's follows the desktop again.
    assert not qapp.testAttribute(Qt.ApplicationAttribute.AA_SetPalette)
