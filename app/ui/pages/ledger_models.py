"""The Ledger page's table models: balances per contact and per group, and one contact's exchanges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from app.ui.format import local_time, money
from app.ui.models import _BalanceModel
from app.ui.parts import NEGATIVE_COLOR, POSITIVE_COLOR, RIGHT, help_kind_labels
from app.ui.rows_model import ROW_ROLE, SORT_ROLE, Index, TimedRowsModel


class LedgerContactModel(_BalanceModel):
    """Per contact (``summary()["contacts"]``): nickname, balance, given, received, given ¥, received ¥, since."""

    NAME_KEY = "nickname"
    COL_SINCE = 6
    COLUMN_COUNT = 7

    def _headers(self) -> Sequence[str]:
        return (self.tr("Contact"), self.tr("Balance"), self.tr("Given"), self.tr("Received"), self.tr("Given ¥"),
                self.tr("Received ¥"), self.tr("Since"))

    def name(self, row: dict[str, Any]) -> str:
        name = str(row["nickname"])
        if row.get("trust") == "blocked":
            return self.tr("{name} (blocked)").format(name=name)
        if row.get("archived"):
            return self.tr("{name} (archived)").format(name=name)
        return name

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_SINCE:
            return local_time(row["since"], self._tz, self._now) if row.get("since") else self.tr("Always")
        return super()._display(row, col)

    def _sort(self, row: dict[str, Any], col: int) -> Any:
        if col == self.COL_SINCE:
            return row.get("since") or ""
        return super()._sort(row, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_SINCE:
            return None
        return super().data(index, role)


class LedgerGroupModel(_BalanceModel):
    """Per group (``summary()["groups"]``): name, balance, given, received, given ¥, received ¥."""

    KEY = "group_id"  # None for the helps in no group: one row, a key like the others

    def _headers(self) -> Sequence[str]:
        return (self.tr("Group"), self.tr("Balance"), self.tr("Given"), self.tr("Received"), self.tr("Given ¥"),
                self.tr("Received ¥"))

    def name(self, row: dict[str, Any]) -> str:
        return str(row["name"]) if row.get("name") else self.tr("No group")


class ExchangeTableModel(TimedRowsModel):
    """One contact's exchanges since the last settlement (``ledger.contact(id)["exchanges"]``), newest first."""

    COL_DATE, COL_DIRECTION, COL_KIND, COL_AMOUNT, COL_NOTE = range(5)
    COLUMN_COUNT = 5

    def _headers(self) -> Sequence[str]:
        return (self.tr("Date"), self.tr("Direction"), self.tr("Kind"), self.tr("¥"), self.tr("Note"))

    def kind_labels(self) -> dict[str, str]:
        return help_kind_labels()

    def direction_labels(self) -> dict[str, str]:
        return {"given": self.tr("You helped"), "received": self.tr("Helped you")}

    def set_rows(self, rows: Sequence[dict[str, Any]], tz: dt.tzinfo | None = None,
                 now: dt.datetime | None = None) -> None:
        self.set_time(tz, now)
        self._replace([dict(r) for r in rows])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_DATE:
            return local_time(row.get("at"), self._tz, self._now)
        if col == self.COL_DIRECTION:
            return self.direction_labels().get(row["direction"], row["direction"])
        if col == self.COL_KIND:
            return self.kind_labels().get(row["kind"], row["kind"])
        if col == self.COL_AMOUNT:
            return money(row["amount_fen"]) if row.get("amount_fen") is not None else ""
        if col == self.COL_NOTE:
            return row.get("note") or ""
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_DATE:
                return row.get("at") or ""
            if col == self.COL_AMOUNT:
                return row.get("amount_fen") or 0
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_AMOUNT:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_DIRECTION:
            return POSITIVE_COLOR if row["direction"] == "given" else NEGATIVE_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_NOTE and row.get("note"):
            return row["note"]
        return None
