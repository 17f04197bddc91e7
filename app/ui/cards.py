"""The Today page's cards: a section with a heading (or a friendly line when it is empty), and a big number."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.ui.text_style import scaled_font


class Section(QFrame):
    """A card with a heading, its content, and a friendly line instead when there is nothing to show."""

    def __init__(self, title: str, content: QWidget, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        self.heading = QLabel(title)
        self.heading.setObjectName("sectionHeading")
        self.heading.setFont(scaled_font(self, 1.15, bold=True))
        self.content = content
        self.empty_label = QLabel(empty_text)
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setContentsMargins(4, 8, 4, 8)
        self._stack = QStackedWidget()
        self._stack.addWidget(content)
        self._stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self._stack, 1)

    def set_empty(self, empty: bool) -> None:
        self._stack.setCurrentWidget(self.empty_label if empty else self.content)

    def is_empty(self) -> bool:
        return self._stack.currentWidget() is self.empty_label


class StatCard(QFrame):
    """One big number with its label underneath."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.value_label = QLabel("—")  # until the data arrive: no count rather than a wrong 0
        self.value_label.setObjectName("statValue")
        self.value_label.setFont(scaled_font(self, 2.0, bold=True))
        self.caption = QLabel(label)
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
