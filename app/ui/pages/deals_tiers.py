"""A group buy's price tiers as a small table (participants | price in yuan) with Add and Remove, where the form
once took them as text ("2:39.90; 3:29.90").

It checks what it holds as the user types (at least 2 participants, each count once, a price above zero with at most
two decimals, more participants never costing more) and hands the form the same tier text as before
(:func:`app.services.tiers.tiers_text`), so the services read and check tiers as they always have. Its texts keep
the page's translation context, ``DealsPage``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.services.tiers import tiers_text
from app.services.validate import yuan_text, yuan_to_fen
from app.ui.format import money
from app.ui.parts import RIGHT, translate

COL_PEOPLE, COL_PRICE = range(2)
MIN_PEOPLE = 2
MAX_PEOPLE = 100_000
ROW_HEIGHT = 24
ROWS_SHOWN = 3


class _PeopleDelegate(QStyledItemDelegate):
    """Participants are typed in a spin box from 2 up."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(MIN_PEOPLE, MAX_PEOPLE)
        spin.setAccessibleName(translate("DealsPage", "Participants"))
        spin.setFrame(False)
        return spin


class _TierTable(QTableWidget):
    """Insert adds a tier and Delete removes the current one, as the buttons beside the table do."""

    def __init__(self, editor: TierEditor) -> None:
        super().__init__(0, 2)
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Insert:
                self._editor.add_tier()
                return
            if event.key() == Qt.Key.Key_Delete:
                self._editor.remove_tier()
                return
        super().keyPressEvent(event)


class TierEditor(QWidget):
    """The tiers table and its buttons; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _TierTable(self)
        self.table.setObjectName("tiersTable")
        self.table.setAccessibleName(translate("DealsPage", "Price tiers"))
        self.table.setHorizontalHeaderLabels([translate("DealsPage", "Participants"),
                                              translate("DealsPage", "Price (¥)")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                                   & ~QAbstractItemView.EditTrigger.CurrentChanged)
        self.table.setItemDelegateForColumn(COL_PEOPLE, _PeopleDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.table.setMinimumHeight(header.sizeHint().height() + 2 * ROW_HEIGHT + 4)
        self.table.setMaximumHeight(header.sizeHint().height() + ROWS_SHOWN * ROW_HEIGHT + 4)
        self.table.itemChanged.connect(self.on_item_changed)
        self.table.currentCellChanged.connect(self.on_current_changed)

        self.add_button = QPushButton(translate("DealsPage", "A&dd tier"))
        self.add_button.setAccessibleName(translate("DealsPage", "Add a price tier"))
        self.add_button.setToolTip(translate("DealsPage", "Add a price tier (Insert in the table)"))
        self.add_button.clicked.connect(self.add_tier)
        self.remove_button = QPushButton(translate("DealsPage", "Re&move tier"))
        self.remove_button.setAccessibleName(translate("DealsPage", "Remove the selected price tier"))
        self.remove_button.setToolTip(translate("DealsPage", "Remove the selected price tier (Delete in the table)"))
        self.remove_button.clicked.connect(self.remove_tier)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- contents ---------------------------------------------------------------------------------------

    def set_tiers(self, tiers: Iterable[Mapping[str, Any]]) -> None:
        """Show a deal's tiers (``{"min_participants", "price_fen"}``), one a row; ``changed`` does not fire."""
        blocked = self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for tier in tiers:
                self._append(int(tier["min_participants"]), yuan_text(int(tier["price_fen"])))
        finally:
            self.table.blockSignals(blocked)
        self._update_buttons()

    def rows(self) -> list[tuple[str, str]]:
        """Each row as typed: (participants, price); rows left wholly empty are skipped."""
        result = []
        for row in range(self.table.rowCount()):
            people, price = (self._text(row, col) for col in (COL_PEOPLE, COL_PRICE))
            if people or price:
                result.append((people, price))
        return result

    def text(self) -> str:
        """The tiers as the services read them (``2:39.90; 3:29.90``); as typed when a row is not understood."""
        pairs = self.pairs()
        if pairs is not None:
            return tiers_text(pairs)
        return "; ".join(f"{people}:{price}" for people, price in self.rows())

    def pairs(self) -> list[tuple[int, int]] | None:
        """The tiers as (participants, price in fen) in the table's order; None while a row is not understood."""
        pairs = []
        for people, price in self.rows():
            try:
                pairs.append((int(people), yuan_to_fen(price, "tier price")))
            except (ValueError, InvalidInput):
                return None
        return pairs

    def problems(self) -> list[str]:
        """What stops these tiers from being saved, each in a sentence the user can act on; empty when none."""
        found: list[str] = []
        seen: dict[int, int] = {}
        for number, (people_text, price_text) in enumerate(self.rows(), start=1):
            people = int(people_text) if people_text.isdecimal() and people_text.isascii() else None
            if people is None or people < MIN_PEOPLE:
                message = translate("DealsPage", "Tier {row}: the participants must be a whole number, at least 2.")
                found.append(message.format(row=number))
            elif people in seen:
                message = translate("DealsPage", "Tiers {first} and {row} are both for {count} participants.")
                found.append(message.format(first=seen[people], row=number, count=people))
            else:
                seen[people] = number
            if not price_text:
                found.append(translate("DealsPage", "Tier {row} needs a price.").format(row=number))
                continue
            try:
                fen: int | None = yuan_to_fen(price_text, "tier price")
            except InvalidInput:
                fen = None
            if fen is None or fen <= 0:
                message = translate("DealsPage", "Tier {row}: '{price}' is not a price in yuan above zero, with at "
                                                 "most two decimals (e.g. 29.90).")
                found.append(message.format(row=number, price=price_text[:20]))
        if found:
            return found
        pairs = sorted(self.pairs() or [])
        for (people, price), (more, dearer) in zip(pairs, pairs[1:], strict=False):
            if dearer > price:
                message = translate("DealsPage", "More participants must not cost more: {more} people pay {dearer}, "
                                                 "{people} people {price}.")
                found.append(message.format(more=more, dearer=money(dearer), people=people, price=money(price)))
        return found

    # -- editing ----------------------------------------------------------------------------------------

    def add_tier(self) -> None:
        """A new row below the others, for one more participant than the most so far; its price is typed next."""
        counts = [int(p) for p, _ in self.rows() if p.isdecimal() and p.isascii()]
        row = self._append(max(counts, default=MIN_PEOPLE - 1) + 1, "")
        self.table.setCurrentCell(row, COL_PRICE)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(self.table.model().index(row, COL_PRICE))
        self._edited()

    def remove_tier(self) -> None:
        """Remove the row of the current cell."""
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), self.table.currentColumn())
        self._edited()

    def commit(self) -> None:
        """Take a cell being typed in (as leaving it would), so a Ctrl+S while typing saves what is typed."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            current = self.table.currentIndex()
            self.table.setCurrentIndex(QModelIndex())
            self.table.setCurrentIndex(current)

    def on_item_changed(self, _item: QTableWidgetItem) -> None:
        self._edited()

    def on_current_changed(self, *_: Any) -> None:
        self._update_buttons()

    def _edited(self) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0 and self.table.rowCount() > 0)

    def _append(self, people: int, price: str) -> int:
        row = self.table.rowCount()
        blocked = self.table.blockSignals(True)
        try:
            self.table.insertRow(row)
            people_item = QTableWidgetItem()
            people_item.setData(Qt.ItemDataRole.EditRole, people)
            people_item.setData(Qt.ItemDataRole.TextAlignmentRole, RIGHT)
            price_item = QTableWidgetItem(price)
            price_item.setData(Qt.ItemDataRole.TextAlignmentRole, RIGHT)
            self.table.setItem(row, COL_PEOPLE, people_item)
            self.table.setItem(row, COL_PRICE, price_item)
        finally:
            self.table.blockSignals(blocked)
        return row

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        value = item.data(Qt.ItemDataRole.EditRole) if item is not None else None
        return "" if value is None else str(value).strip()
