"""A time-zone chooser: an editable list of the IANA zones that completes what the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.clock import find_zone, zone_names


class ZoneCombo(QComboBox):
    """Every zone the machine knows; typing "shang" offers Asia/Shanghai. :meth:`zone` is None for a non-zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Typing must never add a made-up entry to the list: a name is chosen, or it is not a zone.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.addItems(zone_names())
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "shang" and "Shanghai" both find Asia/Shanghai
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(22)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)  # a screen reader lands in the text field, not the box around it

    def zone(self) -> str | None:
        """The IANA name in the box as the zone database spells it, or None when the text is no zone."""
        found = find_zone(self.currentText())
        return found.key if found is not None else None

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(name)
