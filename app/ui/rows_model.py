"""The base of every page's table model: rows as plain dicts, updated in place when their keys stay the same (so a
refresh keeps the selection and the scroll position), and rows shown in the user's zone at the time of the load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.ui.parts import ROW_ROLE, SORT_ROLE

__all__ = ["NO_KEY", "ROW_ROLE", "SORT_ROLE", "Index", "RowsModel", "TimedRowsModel"]

Index = QModelIndex | QPersistentModelIndex
NO_KEY = object()  # a row without a key: its table is replaced as a whole


def _unique(keys: list[Hashable]) -> bool:
    return NO_KEY not in keys and len(set(keys)) == len(keys)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending ``numbers`` as (first, last) runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of plain rows, brought up to date in place on every refresh.

    Rows are told apart by ``row[KEY]``: a refresh removes the rows that went, moves those that moved, inserts the
    new ones and announces the changed ones with ``dataChanged``, so that the views' selection, current row and
    scroll position (and a sort proxy's) survive it. Rows without a unique key are replaced as a whole (a reset).
    """

    COLUMN_COUNT = 0
    KEY = "id"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row(self, number: int) -> dict[str, Any]:
        return self._rows[number]

    def key(self, row: dict[str, Any]) -> Hashable:
        """What identifies ``row`` from one refresh to the next (:data:`NO_KEY` when nothing does)."""
        return row.get(self.KEY, NO_KEY)

    def _replace(self, rows: list[dict[str, Any]]) -> None:
        """Show ``rows``: in place when the rows have unique keys (see the class), else by a reset."""
        old_keys = [self.key(r) for r in self._rows]
        new_keys = [self.key(r) for r in rows]
        if not self._rows or not rows or not _unique(old_keys) or not _unique(new_keys):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        new_set = set(new_keys)
        self._remove_gone([i for i, k in enumerate(old_keys) if k not in new_set])
        old_set = set(old_keys)
        self._reorder([k for k in new_keys if k in old_set])
        self._insert_new(rows, [k not in old_set for k in new_keys])
        changed = [i for i, (shown, fresh) in enumerate(zip(self._rows, rows, strict=True)) if shown is not fresh
                   and shown != fresh]
        for first, last in _runs(changed):
            # One run at a time: a sort proxy places the rows announced among rows it already knows.
            self._rows[first:last + 1] = rows[first:last + 1]
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.COLUMN_COUNT - 1))
        self._rows = rows

    def _remove_gone(self, gone: list[int]) -> None:
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            self.endRemoveRows()

    def _reorder(self, keys: list[Hashable]) -> None:
        """Put the rows (the same ones) in the order of ``keys``, moving the views' persistent indexes along."""
        if [self.key(r) for r in self._rows] == keys:
            return
        self.layoutAboutToBeChanged.emit()
        position = {k: i for i, k in enumerate(keys)}
        moved_from = self.persistentIndexList()
        moved_to = [self.index(position[self.key(self._rows[i.row()])], i.column()) for i in moved_from]
        self._rows.sort(key=lambda r: position[self.key(r)])
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _insert_new(self, rows: list[dict[str, Any]], new: list[bool]) -> None:
        # Left to right: when a run is inserted at ``first``, the rows before it are already the final ones.
        for first, last in _runs([i for i, is_new in enumerate(new) if is_new]):
            self.beginInsertRows(QModelIndex(), first, last)
            self._rows[first:first] = rows[first:last + 1]
            self.endInsertRows()

    def _redraw(self) -> None:
        """Something every row is shown with changed (the time, a name they refer to): draw them all again."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    def _headers(self) -> Sequence[str]:
        return ()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._data(self._rows[index.row()], index.column(), role)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        """What one cell shows for ``role``; subclasses answer per column."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        return None


class TimedRowsModel(RowsModel):
    """Rows that show times: in the user's zone, and relative to the moment of the last load."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)

    def set_time(self, tz: dt.tzinfo | None, now: dt.datetime | None) -> None:
        """The zone and the time the rows are shown with (None: as they were)."""
        tz, now = tz or self._tz, now or self._now
        if (tz, now) != (self._tz, self._now):
            self._tz, self._now = tz, now
            self._redraw()  # "in 5 minutes", "Today 09:00": every row's times read differently now
