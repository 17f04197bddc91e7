"""The sidebar icons: one per page, drawn from SVG at the size asked, in the palette's colours."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

from app.ui.icons import page_icon
from app.ui.main_window import MainWindow


def ink(icon: QIcon, size: int, mode: QIcon.Mode, scale: float = 1.0) -> set[str]:
    """The opaque colours of the icon drawn at ``size`` logical pixels and ``scale`` device pixels each."""
    image = icon.pixmap(QSize(size, size), scale, mode).toImage()
    assert image.width() == round(size * scale)
    colours = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                colours.add(QColor(pixel.red(), pixel.green(), pixel.blue()).name())
    return colours


def test_every_page_has_an_icon_in_the_palette_colours(qtbot, data_dir: Path, settings: QSettings) -> None:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    # Before the first frame: blanks of the icons' size, so that the titles do not move when the icons come.
    blanks = [window.sidebar.item(row).data(Qt.ItemDataRole.DecorationRole) for row in range(window.sidebar.count())]
    assert len(blanks) == 11
    for blank in blanks:
        assert isinstance(blank, QPixmap) and blank.size() == window.sidebar.iconSize()
        assert ink(QIcon(blank), 18, QIcon.Mode.Normal) == set()
    window.show()
    qtbot.waitUntil(window.has_painted)
    icons = [window.sidebar.item(row).icon() for row in range(window.sidebar.count())]
    assert len(icons) == 11 and not any(icon.isNull() for icon in icons)

    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    selected = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name()
    for icon in icons:
        assert ink(icon, 18, QIcon.Mode.Normal) == {text}
        assert ink(icon, 18, QIcon.Mode.Selected) == {selected}
        # A HiDPI screen asks for twice the pixels: drawn at that size, in the same colour.
        assert ink(icon, 18, QIcon.Mode.Normal, 2.0) == {text}


def test_a_missing_icon_is_empty_not_an_error() -> None:
    assert page_icon("no-such-page").isNull()


def test_a_changed_copy_of_an_icon_keeps_working(qtbot) -> None:
    # Changing a copy detaches it: Qt clones the engine, which must outlive the call that made it.
    copy = QIcon(page_icon("today"))
    copy.addPixmap(QPixmap(4, 4))
    copy.setIsMask(True)
    assert not copy.pixmap(QSize(16, 16)).isNull()
    assert not page_icon("today").pixmap(QSize(16, 16)).isNull()
