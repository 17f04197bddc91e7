"""Light or dark: follow the system, or force one; a dark palette of our own where the platform cannot.

Qt 6.8+ asks the platform theme for a forced colour scheme (``QStyleHints.setColorScheme``). Without a platform
theme that honours it (plain X11 sessions, the offscreen platform) nothing would change, so a forced Dark that
leaves the palette light gets :func:`dark_palette` instead, and going back takes the style's own palette again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_own_palette = False  # whether the palette in force is ours (to undo when the theme changes again)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(theme: str) -> None:
    """``system`` follows the desktop; ``light`` and ``dark`` force one."""
    global _own_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)
    if _own_palette:
        app.setPalette(QPalette())  # back to the platform's palette, which then follows the desktop again
        _own_palette = False
    # A platform that took the request reports the scheme (its palette may follow a moment later): leave it be.
    taken = hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark
    if theme == "dark" and not taken and not is_dark(app.palette()):
        app.setPalette(dark_palette())
        _own_palette = True


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style, with readable disabled text and a clear focus colour."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2b2e", roles.WindowText: "#e8e8e8", roles.Base: "#1f1f22",
        roles.AlternateBase: "#29292d", roles.ToolTipBase: "#3a3a3e", roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#9a9aa0", roles.Text: "#e8e8e8", roles.Button: "#36363a",
        roles.ButtonText: "#e8e8e8", roles.BrightText: "#ff6b6b", roles.Light: "#4a4a50",
        roles.Midlight: "#3d3d42", roles.Mid: "#333337", roles.Dark: "#1a1a1c", roles.Shadow: "#000000",
        roles.Highlight: "#2f7bd8", roles.HighlightedText: "#ffffff", roles.Link: "#6aa9ff",
        roles.LinkVisited: "#b18cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#76767c"))
    palette.setColor(disabled, roles.Highlight, QColor("#44444a"))
    return palette
