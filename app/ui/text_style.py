"""Bold, larger text for titles and headings: one place for the sizes the pages use."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

PAGE_TITLE = 1.6  # a page's title (Groups, Ledger, Settings…)
DETAIL_HEADING = 1.2  # the heading of a detail pane


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """``widget``'s font, ``factor`` times larger (a font sized in pixels keeps its size) and bold if asked."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def heading(text: str = "", factor: float = PAGE_TITLE) -> QLabel:
    """A bold label ``factor`` times the normal size: a page title by default."""
    label = QLabel(text)
    label.setFont(scaled_font(label, factor, bold=True))
    return label
