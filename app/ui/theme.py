"""Light or dark: follow the system, or force one; our own palettes, and everything made to follow a switch live.

Qt 6.8+ asks the platform theme for a forced colour scheme (``QStyleHints.setColorScheme``), which native dialogs and
title bars follow; the widgets get our :func:`light_palette` or :func:`dark_palette` (readable: body text at least
4.5:1 on its background), and ``system`` takes the platform's palette again. The style is Fusion everywhere: it
draws with the palette (the Windows and macOS styles ignore much of it).

A palette set on the application reaches most widgets by itself, but not all that the window shows:

- A style sheet resolves ``palette(...)`` when it is set: every widget with one has it set again.
- A widget that writes colours out has a ``follow_theme()`` method: it is called.
- Colours that carry a meaning (owed, ahead, an error) come in a light and a dark shade (:data:`COLOUR_PAIRS`):
  :func:`colour` gives one shared ``QColor`` per meaning, changed in place, so a model that returns it paints the
  new shade; a style sheet that names one shade gets the other.
- Fusion draws the border of a text field, a combo box, a check box and an item view a little darker than the
  window colour: nearly the field's own colour in a dark palette. Those classes get a palette of their own
  (``QApplication.setPalette(palette, class)``) whose window colour puts the border at a visible contrast.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

# Colours with a meaning: (light, dark). Text ones read at >= 4.5:1 on the base and window colours of their palette.
COLOUR_PAIRS: dict[str, tuple[str, str]] = {
    "negative": ("#c0392b", "#ff7b72"),  # owed, overdue, an error line
    "positive": ("#1e7b45", "#5cc98a"),  # ahead, helped, done
    "muted": ("#666666", "#a0a0a6"),  # archived, closed, locked
    "accent": ("#1565c0", "#7ab4ff"),  # in progress
    "over": ("#b35a12", "#f0a050"),  # a chip's border when its figure is over a limit (3:1: not text)
    "caution": ("#9a5b00", "#e8b04a"),  # amber text: a link to be careful with (4.5:1 on base and window)
}
# Fusion draws a field's border as its window colour darker(140); the border is this far from the field's base colour
# towards its text colour (light palette, dark palette): about 3:1 against the field and the window around it.
BORDER_MIX = (0.5, 0.42)
FIELD_CLASSES = ("QLineEdit", "QAbstractSpinBox", "QComboBox", "QPlainTextEdit", "QTextEdit", "QCheckBox",
                 "QRadioButton", "QAbstractItemView", "QProgressBar")
# Item views whose empty parts Fusion fills with the window colour: the application's palette unchanged.
PLAIN_CLASSES = ("QHeaderView",)

_INSTALLED = "pintuanThemeInstalled"  # the application's property: Fusion set and the palette followed
_own_palette = False  # whether the palette in force is ours (to undo when the theme goes back to the system's)
_following = False  # a follow-up of a palette change is on its way (or running): do not queue another
_colours: dict[str, QColor] = {name: QColor(light) for name, (light, _dark) in COLOUR_PAIRS.items()}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(name: str) -> QColor:
    """The shared colour for ``name`` in :data:`COLOUR_PAIRS`, kept in the current theme's shade."""
    return _colours[name]


def colour_hex(name: str) -> str:
    """``#rrggbb`` of :func:`colour`, for a style sheet (which gets the other shade after a switch)."""
    return _colours[name].name()


def install(app: QApplication) -> None:
    """Fusion, and the widgets' followers of a palette change (the platform's too), once per application."""
    if app.property(_INSTALLED):
        return
    app.setProperty(_INSTALLED, True)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.paletteChanged.connect(_on_palette_changed)
    follow_palette()


def apply_theme(theme: str) -> None:
    """``system`` follows the desktop; ``light`` and ``dark`` force one. Applies at once to every open window."""
    global _own_palette, _following
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    install(app)
    hints = QGuiApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    _following = True  # followed below, once the palette is in force
    try:
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(scheme)  # native dialogs and title bars
        if theme in ("light", "dark"):
            app.setPalette(dark_palette() if theme == "dark" else light_palette())
            _own_palette = True
        elif _own_palette:
            app.setPalette(QPalette())  # back to the platform's palette, which then follows the desktop again
            _own_palette = False
    finally:
        follow_palette()


def _on_palette_changed(palette: QPalette) -> None:
    # Qt says so before the widgets have the new palette: the shades now, for the widgets about to repaint; the rest
    # once the widgets have it.
    global _following
    _set_shades(is_dark(palette))
    if not _following:
        _following = True
        QTimer.singleShot(0, follow_palette)


def _set_shades(dark: bool) -> None:
    for name, pair in COLOUR_PAIRS.items():
        _colours[name].setRgba(QColor(pair[dark]).rgba())


def follow_palette() -> None:
    """Bring what the palette does not reach by itself to the application's palette now in force."""
    global _following
    _following = False
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    palette = app.palette()
    dark = is_dark(palette)
    _set_shades(dark)
    _fit_fields(palette)
    _restyle(app, dark)


def field_border(palette: QPalette) -> QColor:
    """The colour of a text field's border: between its base and text colours (:data:`BORDER_MIX`)."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    mix = BORDER_MIX[is_dark(palette)]

    def between(b: float, t: float) -> float:
        return b + (t - b) * mix

    return QColor.fromRgbF(between(base.redF(), text.redF()), between(base.greenF(), text.greenF()),
                           between(base.blueF(), text.blueF()))


def _fit_fields(palette: QPalette) -> None:
    # Fusion's outline is the window colour darker(140) (value / 1.4): a window colour 1.4 times as bright puts it
    # at the border colour.
    border = field_border(palette)
    fields = QPalette(palette)
    window = QColor.fromHsvF(max(border.hsvHueF(), 0.0), border.hsvSaturationF(), min(1.0, border.valueF() * 1.4))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        fields.setColor(group, QPalette.ColorRole.Window, window)
    for name in FIELD_CLASSES:
        QApplication.setPalette(fields, name)  # type: ignore[arg-type]  # the stubs say bytes; only str works
    for name in PLAIN_CLASSES:
        QApplication.setPalette(palette, name)  # type: ignore[arg-type]


def _restyle(app: QApplication, dark: bool) -> None:
    """Set again every style sheet that names the palette or a colour of :data:`COLOUR_PAIRS` (now the theme's), and
    call ``follow_theme()`` of the widgets that have one (those that write colours out)."""
    swaps = [(pair[not dark], pair[dark]) for pair in COLOUR_PAIRS.values()]
    for widget in app.allWidgets():
        follow = getattr(widget, "follow_theme", None)
        if callable(follow):
            follow()
        sheet = widget.styleSheet()
        if not sheet:
            continue
        new = sheet
        for old_colour, new_colour in swaps:
            new = _replace_colour(new, old_colour, new_colour)
        if new != sheet or "palette(" in new:
            widget.setStyleSheet("")  # the same text again would not be looked at
            widget.setStyleSheet(new)


def _replace_colour(sheet: str, old: str, new: str) -> str:
    return sheet.replace(old, new).replace(old.upper(), new)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def linear(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palette(colours: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    palette.setColor(QPalette.ColorRole.Accent, QColor(colours[QPalette.ColorRole.Highlight]))
    for role, value in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return palette


def light_palette() -> QPalette:
    """Fusion's light palette with darker grey text and selection, so that both read at 4.5:1 or more."""
    roles = QPalette.ColorRole
    return _palette({
        roles.Window: "#efefef", roles.WindowText: "#1a1a1a", roles.Base: "#ffffff", roles.AlternateBase: "#f6f6f7",
        roles.ToolTipBase: "#ffffdc", roles.ToolTipText: "#1a1a1a", roles.PlaceholderText: "#666666",
        roles.Text: "#1a1a1a", roles.Button: "#efefef", roles.ButtonText: "#1a1a1a", roles.BrightText: "#ffffff",
        roles.Light: "#ffffff", roles.Midlight: "#cacaca", roles.Mid: "#b8b8b8", roles.Dark: "#9f9f9f",
        roles.Shadow: "#767676", roles.Highlight: "#1f6fc5", roles.HighlightedText: "#ffffff",
        roles.Link: "#0b5cad", roles.LinkVisited: "#6a3fb0",
    }, {roles.WindowText: "#8c8c8c", roles.Text: "#8c8c8c", roles.ButtonText: "#8c8c8c", roles.Base: "#efefef",
        roles.Highlight: "#919191", roles.Accent: "#919191"})


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style, with readable disabled text and a clear focus colour."""
    roles = QPalette.ColorRole
    return _palette({
        roles.Window: "#2b2b2e", roles.WindowText: "#e8e8e8", roles.Base: "#1f1f22",
        roles.AlternateBase: "#29292d", roles.ToolTipBase: "#3a3a3e", roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#a0a0a6", roles.Text: "#e8e8e8", roles.Button: "#36363a",
        roles.ButtonText: "#e8e8e8", roles.BrightText: "#ff6b6b", roles.Light: "#4a4a50",
        roles.Midlight: "#3d3d42", roles.Mid: "#333337", roles.Dark: "#1a1a1c", roles.Shadow: "#000000",
        roles.Highlight: "#2a6fc9", roles.HighlightedText: "#ffffff", roles.Link: "#7ab4ff",
        roles.LinkVisited: "#b99aff",
    }, {roles.WindowText: "#7c7c82", roles.Text: "#7c7c82", roles.ButtonText: "#7c7c82", roles.Base: "#27272a",
        roles.Highlight: "#44444a", roles.Accent: "#44444a"})
