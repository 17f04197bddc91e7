"""The Today page's cards: a section with a heading (or a friendly line when it is empty), a big number, and the
rounded chips and notes, all painted in the palette's colours.

They draw their own rounded boxes rather than take a style sheet: a style sheet on the page would put every
widget under it (tables, headers, scroll bars) through Qt's style-sheet style, which costs the window's first
frame several milliseconds for boxes a painter draws in a few calls. Colours are read from the palette when
painting, so both themes, and a switch between them, need nothing more.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.ui.text_style import scaled_font
from app.ui.theme import colour

OVER_COLOR = colour("over")  # a chip's border when its figure is over a limit (the day's help budget): themed


def _rounded(widget: QWidget, fill: QPalette.ColorRole, radius: float, border: QColor | None = None) -> None:
    """Paint ``widget``'s rounded box: ``fill`` inside a one-pixel line (the palette's midlight by default)."""
    palette = widget.palette()
    painter = QPainter(widget)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border or palette.color(QPalette.ColorRole.Midlight), 1))
        painter.setBrush(palette.color(fill))
        painter.drawRoundedRect(QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    finally:
        painter.end()


def muted(label: QLabel) -> QLabel:
    """``label`` in the palette's placeholder colour (captions, dates, empty-table lines)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class Card(QFrame):
    """A rounded box in the palette's base colour: what a section and a stat card are drawn on."""

    RADIUS = 8.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(1, 1, 1, 1)  # the line's pixel: the content sits inside it

    def paintEvent(self, event: QPaintEvent) -> None:
        _rounded(self, QPalette.ColorRole.Base, self.RADIUS)


class Bubble(QLabel):
    """A label on a rounded, lightly shaded box: the day's chips, the welcome note.

    ``over``: the figure it shows is over a limit; its border turns orange (also readable as the ``over``
    property).
    """

    def __init__(self, text: str = "", *, radius: float = 10.0, padding: tuple[int, int] = (10, 3),
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._radius = radius
        horizontal, vertical = padding
        self.setContentsMargins(horizontal + 1, vertical + 1, horizontal + 1, vertical + 1)  # + the line
        # A framed QLabel indents its text by half an "x" (Qt's rule for a negative indent): as it was drawn
        # when the box came from a style sheet.
        self.setIndent(self.fontMetrics().horizontalAdvance("x") // 2)
        self.setProperty("over", False)

    def set_over(self, over: bool) -> None:
        if self.property("over") != over:
            self.setProperty("over", over)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        _rounded(self, QPalette.ColorRole.AlternateBase, self._radius, OVER_COLOR if self.property("over") else None)
        super().paintEvent(event)


class Section(Card):
    """A card with a heading, its content, and a friendly line instead when there is nothing to show.

    ``content`` may come later (:meth:`set_content`): until then the card shows its heading only.
    """

    def __init__(self, title: str, content: QWidget | None, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        self.heading = QLabel(title)
        self.heading.setObjectName("sectionHeading")
        self.heading.setFont(scaled_font(self, 1.15, bold=True))
        # At the top, also while it is alone in the card (and the layout gives it the card's height).
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.content: QWidget | None = None
        self.empty_label = muted(QLabel(empty_text))
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setContentsMargins(4, 8, 4, 8)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_label)
        self._stack.hide()  # neither the content nor "nothing to show" until the content is there
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self._stack, 1)
        if content is not None:
            self.set_content(content)

    def set_content(self, content: QWidget) -> None:
        """Show ``content`` under the heading (once)."""
        self.content = content
        self._stack.insertWidget(0, content)
        self._stack.setCurrentWidget(content)
        self._stack.show()

    def set_empty(self, empty: bool) -> None:
        if self.content is not None:
            self._stack.setCurrentWidget(self.empty_label if empty else self.content)

    def is_empty(self) -> bool:
        return self._stack.currentWidget() is self.empty_label


class StatCard(Card):
    """One big number with its label underneath."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.value_label = QLabel("—")  # until the data arrive: no count rather than a wrong 0
        self.value_label.setObjectName("statValue")
        self.value_label.setFont(scaled_font(self, 2.0, bold=True))
        self.caption = muted(QLabel(label))
        self.caption.setObjectName("statCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._label = label

    def set_value(self, value: int) -> None:
        self.value_label.setText(QLocale().toString(value))
        self.setAccessibleName(f"{self._label}: {value}")
