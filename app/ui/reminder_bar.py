"""The reminder bar on Today: the reminders shown, each with a button that opens what it is about, and Dismiss.

Light on purpose (Today is built before the first frame): no services here; :mod:`app.ui.reminders` fills it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.ui.cards import Card, _rounded
from app.ui.theme import colour

if TYPE_CHECKING:
    from app.services.reminders import Reminder


class ReminderRow(QWidget):
    """One reminder in the bar: its headline and sentence, a button that opens what it is about, and Dismiss."""

    open_clicked = Signal(object)
    dismiss_clicked = Signal(object)

    def __init__(self, reminder: Reminder, now: dt.datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setObjectName("reminderRow")
        headline = reminder.title()
        text = reminder.text(now)
        self.label = QLabel(f"<b>{_escape(headline)}</b>&nbsp;&nbsp;{_escape(text)}")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(f"{headline}: {text}")
        open_text = {"deal": self.tr("Open the deal"), "contact": self.tr("Open the contact")}.get(
            reminder.target, self.tr("Open the quests"))
        self.open_button = QPushButton(open_text)
        self.open_button.setObjectName("reminderOpen")
        self.open_button.setAccessibleDescription(f"{headline}: {text}")
        self.dismiss_button = QToolButton()
        self.dismiss_button.setObjectName("reminderDismiss")
        self.dismiss_button.setText("✕")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Dismiss this reminder"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleDescription(f"{headline}: {text}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.open_button.clicked.connect(lambda: self.open_clicked.emit(self.reminder))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_clicked.emit(self.reminder))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReminderBar(Card):
    """The reminders on Today (hidden when there are none): one row each, newest first."""

    open_requested = Signal(object)  # a Reminder
    dismissed = Signal(object)  # a Reminder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBar")
        self.setAccessibleName(self.tr("Reminders"))
        self.rows: list[ReminderRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 8, 8, 8)
        self._layout.setSpacing(4)
        self.hide()

    def set_reminders(self, reminders: list[Reminder], now: dt.datetime | None = None) -> None:
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for reminder in reminders:
            row = ReminderRow(reminder, now, self)
            row.open_clicked.connect(self.open_requested)
            row.dismiss_clicked.connect(self.dismissed)
            self._layout.addWidget(row)
            self.rows.append(row)
        widest = max((row.open_button.sizeHint().width() for row in self.rows), default=0)
        for row in self.rows:  # one column of buttons, not a ragged edge
            row.open_button.setMinimumWidth(widest)
        self.setVisible(bool(reminders))

    def paintEvent(self, event: QPaintEvent) -> None:
        _rounded(self, QPalette.ColorRole.AlternateBase, self.RADIUS, colour("accent"))
