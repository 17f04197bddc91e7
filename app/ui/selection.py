"""Selecting a record in a sorted, filtered table by its id (shared by the pages with tables)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView


def select_record(view: QAbstractItemView, proxy: QSortFilterProxyModel, key: str, value: str | None
                  ) -> dict[str, Any] | None:
    """Select and show the row whose record has ``record[key] == value``; returns that record, or None.

    A row selected already is left as it is, scrolled where the user left it (a refresh keeps the selection).
    """
    if value is None:
        return None
    model: Any = proxy.sourceModel()
    for number in range(model.rowCount()):
        record = model.row(number)
        if record[key] == value:
            index = proxy.mapFromSource(model.index(number, 0))
            selection = view.selectionModel()
            if index.isValid() and [i.row() for i in selection.selectedRows()] != [index.row()]:
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                view.scrollTo(index)
            return dict(record)
    return None
