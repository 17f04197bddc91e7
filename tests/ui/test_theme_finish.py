"""A theme switched live applies to everything the window shows, both ways, as the user sees it (rendered pixels):
the sidebar and its icons, Today's cards and headings, pages with a style sheet, text fields' borders, the toast,
and the colours that carry a meaning; the palettes read well."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.main_window import MainWindow
from app.ui.parts import DETAIL_STYLE, NEGATIVE_COLOR, error_label, show_error
from app.ui.theme import COLOUR_PAIRS, apply_theme, contrast, dark_palette, field_border, is_dark, light_palette
from app.ui.toast import Toast

ROLES = QPalette.ColorRole


@pytest.fixture(autouse=True)
def system_theme() -> Iterator[None]:
    yield
    apply_theme("system")


@pytest.fixture
def window(qtbot, tmp_path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitUntil(window.has_painted)  # the sidebar's icons come with the first frame
    return window


def seen(window: QWidget, widget: QWidget, point: QPoint | None = None) -> QColor:
    """The colour the user sees at ``point`` of ``widget`` (its middle by default), from the whole window drawn."""
    image = window.grab().toImage()
    at = widget.mapTo(window, point if point is not None else widget.rect().center())
    return QColor(image.pixelColor(at).rgb())


def colours_in(image: QImage, rect: QRect) -> list[QColor]:
    return [QColor(image.pixelColor(x, y).rgb()) for y in range(rect.top(), rect.bottom() + 1)
            for x in range(rect.left(), rect.right() + 1)]


def strongest(image: QImage, rect: QRect, against: QColor) -> float:
    """The highest contrast of a pixel in ``rect`` against ``against``: how well ink there stands out."""
    return max(contrast(c, against) for c in colours_in(image, rect))


def switch(window: MainWindow, theme: str) -> None:
    """Choose ``theme`` in Settings, as the user does, and let the change reach every widget."""
    page = window.settings_page
    page.theme.setCurrentIndex(page.theme.findData(theme))
    QApplication.processEvents()


def check_window(window: MainWindow, dark: bool) -> None:
    palette = QApplication.palette()
    assert is_dark(palette) == dark
    window.show_page(window.today_page)
    QApplication.processEvents()
    image = window.grab().toImage()
    sidebar = window.sidebar
    # The sidebar's empty part, below the last page: the window colour of the theme.
    below = sidebar.mapTo(window, QPoint(sidebar.width() // 2, sidebar.height() - 10))
    background = QColor(image.pixelColor(below).rgb())
    assert background == palette.color(ROLES.Window)
    assert (background.lightness() < 80) == dark
    # An icon of a page not shown (Groups): drawn in ink that stands out from the sidebar in this theme.
    item = sidebar.visualItemRect(sidebar.item(1))
    icon = QRect(sidebar.viewport().mapTo(window, item.topLeft()), item.size()).adjusted(0, 0, -item.width() + 40, 0)
    assert strongest(image, icon, background) >= 4.5
    selected = sidebar.visualItemRect(sidebar.item(0))  # Today, shown: the selection colour
    assert seen(window, sidebar.viewport(), selected.center() + QPoint(40, 0)) == palette.color(ROLES.Highlight)
    # Today's cards, their headings and the greeting: the theme's base colour and readable text on it.
    today = window.today_page
    card = today.cards["groups"]
    fill = seen(window, card, QPoint(card.width() - 12, 8))
    assert fill == palette.color(ROLES.Base)
    assert (fill.lightness() < 80) == dark
    heading = today.due_section.heading
    assert strongest(image, QRect(heading.mapTo(window, QPoint(0, 0)), heading.size()), fill) >= 4.5
    greeting = today.greeting
    assert strongest(image, QRect(greeting.mapTo(window, QPoint(0, 0)), greeting.size()), background) >= 4.5


def check_form_page(window: MainWindow, dark: bool) -> None:
    """A page with a style sheet (Groups, with its detail pane): its colours, and its fields' borders."""
    page = window.groups_page
    page.name_edit.setEnabled(True)  # as when the data are open
    page.name_edit.setPlaceholderText("")  # the field's own colour beside its border
    window.show_page(page)
    QApplication.processEvents()
    palette = QApplication.palette()
    image = window.grab().toImage()
    pane = page.detail
    fill = QColor(image.pixelColor(pane.mapTo(window, QPoint(pane.width() // 2, pane.height() - 60))).rgb())
    assert fill == palette.color(ROLES.Base)
    assert (fill.lightness() < 80) == dark
    title = page.title
    background = palette.color(ROLES.Window)
    assert strongest(image, QRect(title.mapTo(window, QPoint(0, 0)), title.size()), background) >= 4.5
    for edit in (page.search, page.name_edit):  # on the window, and on the pane
        left = edit.mapTo(window, QPoint(0, edit.height() // 2))
        border = QColor(image.pixelColor(left).rgb())
        inside = QColor(image.pixelColor(left + QPoint(4, 0)).rgb())
        outside = QColor(image.pixelColor(left - QPoint(3, 0)).rgb())
        assert contrast(border, inside) >= 2.5 and contrast(border, outside) >= 2.5, edit.accessibleName()


def test_switching_live_applies_everywhere_and_back(window: MainWindow) -> None:
    window.groups_page  # built before the switch: a page with a style sheet  # noqa: B018
    apply_theme("light")
    check_window(window, dark=False)
    check_form_page(window, dark=False)
    switch(window, "dark")
    check_window(window, dark=True)
    check_form_page(window, dark=True)
    switch(window, "light")
    check_window(window, dark=False)
    check_form_page(window, dark=False)


def test_a_window_started_dark_is_dark_and_a_platform_change_is_followed(qtbot, tmp_path: Path,
                                                                         settings: QSettings) -> None:
    apply_theme("dark")
    window = MainWindow(tmp_path, settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitUntil(window.has_painted)
    check_window(window, dark=True)
    check_form_page(window, dark=True)
    # The desktop's own switch (theme "system"): the platform sets the palette, the window follows after it.
    apply_theme("system")
    QApplication.setPalette(light_palette())
    qtbot.waitUntil(lambda: window.groups_page.detail.palette().color(ROLES.Base) == QColor("#ffffff"))
    check_window(window, dark=False)
    check_form_page(window, dark=False)


FIELDS = [QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("on_card", [False, True], ids=["on-window", "on-card"])
def test_text_fields_have_visible_borders_and_focus(qtbot, theme: str, on_card: bool) -> None:
    apply_theme(theme)
    palette = QApplication.palette()
    top = QWidget()
    qtbot.addWidget(top)
    outer = QVBoxLayout(top)
    holder = QFrame()
    holder.setObjectName("detail")
    if on_card:
        top.setStyleSheet(DETAIL_STYLE)  # the detail pane of a page: fields on the base colour
    outer.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(12, 12, 12, 12)
    fields = [kind() for kind in FIELDS]
    for field in fields:
        layout.addWidget(field)
        field.setFixedWidth(200)
    fields[-1].setFixedHeight(60)
    top.show()
    qtbot.waitExposed(top)
    image = top.grab().toImage()
    for field in fields:
        left = field.mapTo(top, QPoint(0, field.height() // 2))
        border = QColor(image.pixelColor(left).rgb())
        inside = QColor(image.pixelColor(left + QPoint(3, 0)).rgb())
        outside = QColor(image.pixelColor(left - QPoint(3, 0)).rgb())
        name = type(field).__name__
        assert contrast(border, outside) >= 2.5, (name, border.name(), outside.name())
        # A combo box is a button: its shade sets it apart, its border less so.
        assert contrast(border, inside) >= (1.8 if isinstance(field, QComboBox) else 2.5), (name, border.name())
    # The field with the keyboard focus is told apart: its border takes the selection colour.
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    highlight = palette.color(ROLES.Highlight)
    fields[0].setFocus()
    for index, field in enumerate(fields):
        if isinstance(field, QPlainTextEdit):
            field.setFocus()  # a date edit takes Tab to its next part
        elif index:  # by the keyboard, as Fusion shows a combo box's focus only then
            qtbot.keyClick(fields[index - 1], Qt.Key.Key_Tab)
        qtbot.waitUntil(field.hasFocus)
        if isinstance(field, QPlainTextEdit) and not on_card:
            continue  # Fusion shows its caret only; the pages' detail panes (DETAIL_STYLE) add the border
        image = top.grab().toImage()
        edge = QRect(field.mapTo(top, QPoint(field.width() // 2 - 20, 0)), QSize(40, 2))
        nearest = min(abs(c.hue() - highlight.hue()) + abs(c.saturation() - highlight.saturation()) // 4
                      for c in colours_in(image, edge))
        assert nearest < 25, (type(field).__name__, nearest)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_palettes_read_well(qapp: QApplication, theme: str) -> None:
    palette = light_palette() if theme == "light" else dark_palette()
    body = [(ROLES.WindowText, ROLES.Window), (ROLES.Text, ROLES.Base), (ROLES.Text, ROLES.AlternateBase),
            (ROLES.ButtonText, ROLES.Button), (ROLES.HighlightedText, ROLES.Highlight),
            (ROLES.PlaceholderText, ROLES.Base), (ROLES.PlaceholderText, ROLES.Window),
            (ROLES.PlaceholderText, ROLES.AlternateBase), (ROLES.Link, ROLES.Base), (ROLES.Link, ROLES.Window),
            (ROLES.ToolTipText, ROLES.ToolTipBase)]
    for text, background in body:
        assert contrast(palette.color(text), palette.color(background)) >= 4.5, (text, background)
    shade = 1 if theme == "dark" else 0
    for name, pair in COLOUR_PAIRS.items():
        needed = 3.0 if name == "over" else 4.5  # "over" is a border, the others are text
        for background in (ROLES.Base, ROLES.Window, ROLES.AlternateBase):
            assert contrast(QColor(pair[shade]), palette.color(background)) >= needed, (name, background)
    assert contrast(field_border(palette), palette.color(ROLES.Base)) >= 3.0


def test_the_toast_and_the_meaning_colours_follow_a_switch(window: MainWindow) -> None:
    apply_theme("light")
    label = error_label("error")
    window.today_page.layout().addWidget(label)
    show_error(label, "Something is wrong")
    toast = Toast(window)
    toast.set_content("Help logged", [("✓", "Quest step done")])
    toast.popup()
    QApplication.processEvents()

    def toast_colours() -> tuple[QColor, float]:
        image = window.grab().toImage()
        card = QColor(image.pixelColor(toast.mapTo(window, QPoint(toast.width() - 40, toast.height() - 6))).rgb())
        text = toast.message_label
        return card, strongest(image, QRect(text.mapTo(window, QPoint(0, 0)), text.size()), card)

    def error_ink() -> float:
        image = window.grab().toImage()
        return strongest(image, QRect(label.mapTo(window, QPoint(0, 0)), label.size()),
                         QApplication.palette().color(ROLES.Window))

    light_card, readable = toast_colours()
    assert light_card.lightness() < 80 and readable >= 4.5  # dark on a light window, like a notification
    assert NEGATIVE_COLOR.name() == COLOUR_PAIRS["negative"][0] and error_ink() >= 4.5
    switch(window, "dark")
    dark_card, readable = toast_colours()
    assert dark_card.lightness() > 180 and readable >= 4.5  # the inverse of a dark window
    assert contrast(dark_card, QApplication.palette().color(ROLES.Window)) >= 4.5
    # The shared colours changed in place (models return them), and the error line took the dark red.
    assert NEGATIVE_COLOR.name() == COLOUR_PAIRS["negative"][1] and error_ink() >= 4.5
    assert COLOUR_PAIRS["negative"][1] in label.styleSheet()
    switch(window, "light")
    assert toast_colours()[0] == light_card
    assert NEGATIVE_COLOR.name() == COLOUR_PAIRS["negative"][0] and error_ink() >= 4.5


def test_quest_statuses_take_the_theme_shade(window: MainWindow) -> None:
    import datetime as dt

    page = window.quests_page
    step = {"title": "First help", "status": "done", "id": "s1", "kind": "count", "target": 1, "progress": 1}
    chain = {"id": "c1", "title": "Helper", "repeat": None, "status": "active", "story": "", "locked_reason": "",
             "steps": [step]}
    page.set_data({"chains": [chain], "points": {"level": 1, "points": 5, "next_level_at": 100}, "words": {},
                   "now": dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC), "tz": dt.UTC})

    def shade() -> QColor:
        state = page.findChild(QLabel, "questState_active")
        state.ensurePolished()
        return state.palette().color(state.foregroundRole())

    apply_theme("light")
    QApplication.processEvents()
    assert shade() == QColor(COLOUR_PAIRS["accent"][0])
    switch(window, "dark")
    assert shade() == QColor(COLOUR_PAIRS["accent"][1])


def test_headings_and_muted_text_are_palette_roles(window: MainWindow) -> None:
    """No page title or caption is painted in a fixed colour: a label's text is the palette's, whatever the theme."""
    switch(window, "dark")
    for label in window.today_page.findChildren(QLabel):
        role = label.foregroundRole()
        assert label.palette().color(role) in (QApplication.palette().color(ROLES.WindowText),
                                               QApplication.palette().color(ROLES.PlaceholderText),
                                               QApplication.palette().color(ROLES.Text)), label.objectName()
