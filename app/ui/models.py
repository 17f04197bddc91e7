"""Qt item models of the Today page (ledger balances, deals near their deadline, the latest activities) and the
bases of every page's table models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.ui.format import local_time, money, signed, time_left
from app.ui.parts import LEFT, MUTED_COLOR, RIGHT, ROW_ROLE, SORT_ROLE, balance_color, deal_kind_labels

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


class _RowsModel(QAbstractTableModel):
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


class _TimedRowsModel(_RowsModel):
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


class _BalanceModel(_TimedRowsModel):
    """Under Today's and the Ledger's balance tables: counts, signed balance and yuan, right-aligned, coloured."""

    NAME_KEY = "name"
    KEY = "contact_id"
    COL_NAME, COL_BALANCE, COL_GIVEN, COL_RECEIVED, COL_GIVEN_FEN, COL_RECEIVED_FEN = range(6)
    COLUMN_COUNT = 6

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._replace([dict(r) for r in rows])

    def name(self, row: dict[str, Any]) -> str:
        return str(row[self.NAME_KEY])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        return {
            self.COL_NAME: lambda: self.name(row),
            self.COL_BALANCE: lambda: signed(row["balance"]),
            self.COL_GIVEN: lambda: str(row["given_count"]),
            self.COL_RECEIVED: lambda: str(row["received_count"]),
            self.COL_GIVEN_FEN: lambda: money(row["given_fen"]),
            self.COL_RECEIVED_FEN: lambda: money(row["received_fen"]),
        }.get(col, lambda: None)()

    def _sort(self, row: dict[str, Any], col: int) -> Any:
        keys = {self.COL_BALANCE: "balance", self.COL_GIVEN: "given_count", self.COL_RECEIVED: "received_count",
                self.COL_GIVEN_FEN: "given_fen", self.COL_RECEIVED_FEN: "received_fen"}
        return row[keys[col]] if col in keys else self._display(row, col)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.COL_NAME:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_BALANCE:
                return balance_color(row["balance"])
            if row.get("archived"):
                return MUTED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_BALANCE:
            return self.tr("Helps given minus helps received since the last settlement")
        return None


class BalanceTableModel(_BalanceModel):
    """Per-contact reciprocity balances (``services.ledger.summary()["contacts"]``), each row's verdict its tooltip."""

    NAME_KEY = "nickname"
    COL_CONTACT = _BalanceModel.COL_NAME

    def _headers(self) -> Sequence[str]:
        return (
            self.tr("Contact"), self.tr("Balance"), self.tr("Given"), self.tr("Received"),
            self.tr("Cut for them"), self.tr("Cut for you"),
        )

    def name(self, row: dict[str, Any]) -> str:
        name = str(row["nickname"])
        if row.get("trust") == "blocked":
            return self.tr("{name} (blocked)").format(name=name)
        return name

    def _sort(self, row: dict[str, Any], col: int) -> Any:
        return row["nickname"] if col == self.COL_CONTACT else super()._sort(row, col)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if col == self.COL_CONTACT else RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return balance_color(row["balance"]) if col == self.COL_BALANCE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return super()._data(row, col, role)

    def _tooltip(self, row: dict[str, Any]) -> str:
        if row["balance"] > 0:
            verdict = self.tr("You helped {name} more often than they helped you.").format(name=row["nickname"])
        elif row["balance"] < 0:
            verdict = self.tr("{name} helped you more often than you helped them.").format(name=row["nickname"])
        else:
            verdict = self.tr("You and {name} are even.").format(name=row["nickname"])
        amounts = self.tr("Cut for them: {given} · Cut for you: {received}").format(
            given=money(row["given_fen"]), received=money(row["received_fen"])
        )
        return f"{verdict}\n{amounts}"


class DueDealsModel(_TimedRowsModel):
    """Open deals whose deadline is near (``services.queries.deals_due``), soonest first."""

    COL_TITLE, COL_KIND, COL_PROGRESS, COL_DEADLINE, COL_LEFT = range(5)
    COLUMN_COUNT = 5

    def _headers(self) -> Sequence[str]:
        return (self.tr("Deal"), self.tr("Kind"), self.tr("Progress"), self.tr("Deadline"), self.tr("Left"))

    def kind_label(self, kind: str | None) -> str:
        return deal_kind_labels().get(kind or "", kind or "")

    def set_rows(self, rows: Sequence[dict[str, Any]], tz: dt.tzinfo, now: dt.datetime) -> None:
        self.set_time(tz, now)
        self._replace([dict(r) for r in rows])

    def progress(self, row: dict[str, Any]) -> str:
        # The rows come from the services, so they are loaded by now (the window paints before they are).
        from app.services.deal_values import join_progress, price_now

        if row.get("kind") == "bargain":
            current = price_now(row)
            if row.get("target_fen") is None:
                return money(current)
            return self.tr("{current} → {target}").format(current=money(current), target=money(row["target_fen"]))
        joined = join_progress(row) if row.get("kind") == "group_buy" else None
        if joined is not None:
            return self.tr("{joined} of {needed} joined").format(joined=joined.done, needed=joined.total)
        return ""

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_TITLE:
                return row["title"]
            if col == self.COL_KIND:
                return self.kind_label(row.get("kind"))
            if col == self.COL_PROGRESS:
                return self.progress(row)
            if col == self.COL_DEADLINE:
                return local_time(row.get("deadline"), self._tz, self._now)
            if col == self.COL_LEFT:
                return time_left(row.get("deadline"), self._now)
            return None
        if role == SORT_ROLE:
            if col in (self.COL_DEADLINE, self.COL_LEFT):
                return row.get("deadline")
            return self._data(row, col, Qt.ItemDataRole.DisplayRole)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_TITLE:
            return self.tr("{kind}: {title}").format(kind=self.kind_label(row.get("kind")), title=row["title"])
        return None


class ActivityTableModel(_RowsModel):
    """The latest entries of the history log, with ids in their payload shown as names."""

    COL_TIME, COL_WHAT, COL_DETAILS = range(3)
    COLUMN_COUNT = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: dict[str, str] | None = None

    def _headers(self) -> Sequence[str]:
        return (self.tr("When"), self.tr("What"), self.tr("Details"))

    def key(self, row: dict[str, Any]) -> Hashable:
        return row["activity"].get("id", NO_KEY)

    def type_labels(self) -> dict[str, str]:
        """Every activity type the services append, as the user reads it."""
        if self._labels is None:
            self._labels = {
                "group.joined": self.tr("Joined a group"),
                "group.left": self.tr("Left a group"),
                "group.edited": self.tr("Edited a group"),
                "group.deleted": self.tr("Deleted a group"),
                "contact.added": self.tr("Added a contact"),
                "contact.edited": self.tr("Edited a contact"),
                "contact.trust_changed": self.tr("Changed trust"),
                "contact.deleted": self.tr("Deleted a contact"),
                "contact.merged": self.tr("Merged contacts"),
                "deal.started": self.tr("Started a deal"),
                "deal.joined": self.tr("Joined a deal"),
                "deal.edited": self.tr("Edited a deal"),
                "deal.cut": self.tr("Price cut"),
                "deal.cut_removed": self.tr("Removed a price cut"),
                "deal.succeeded": self.tr("Deal succeeded"),
                "deal.failed": self.tr("Deal failed"),
                "deal.expired": self.tr("Deal expired"),
                "deal.cancelled": self.tr("Deal cancelled"),
                "deal.reopened": self.tr("Deal reopened"),
                "deal.deleted": self.tr("Deleted a deal"),
                "request.posted": self.tr("Asked for help"),
                "request.edited": self.tr("Edited a request"),
                "request.deleted": self.tr("Deleted a request"),
                "help.given": self.tr("Helped"),
                "help.received": self.tr("Got help"),
                "help.edited": self.tr("Edited a help"),
                "help.deleted": self.tr("Deleted a help"),
                "ledger.settled": self.tr("Settled up"),
            }
        return self._labels

    def help_kind_label(self, kind: str | None) -> str | None:
        labels = {
            "bargain_cut": self.tr("bargain cut"),
            "join_group": self.tr("joined group buy"),
            "boost_click": self.tr("boost click"),
            "share": self.tr("shared"),
            "other": self.tr("other help"),
        }
        return labels.get(kind or "")

    def set_rows(
        self,
        activities: Sequence[dict[str, Any]],
        names: dict[str, dict[str, str]],
        tz: dt.tzinfo,
        now: dt.datetime,
    ) -> None:
        labels = self.type_labels()
        rows = []
        for activity in activities:
            rows.append({
                "activity": activity,
                "time": local_time(activity.get("at"), tz, now),
                "what": labels.get(activity["type"], activity["type"]),
                "details": self.details(activity, names),
            })
        self._replace(rows)

    def details(self, activity: dict[str, Any], names: dict[str, dict[str, str]]) -> str:
        """Who, what kind of help and how much first; then the deal and the group it happened in."""
        payload = activity.get("payload") or {}
        contact, deal, group = (self._name(activity, names, kind) for kind in ("contact", "deal", "group"))
        parts = [contact]
        if activity.get("entity_type") == "help":
            parts.append(self.help_kind_label(payload.get("kind")))
        if payload.get("amount_fen"):
            parts.append(money(payload["amount_fen"]))
        parts += [deal, group]
        return " · ".join(dict.fromkeys(p for p in parts if p))

    @staticmethod
    def _name(activity: dict[str, Any], names: dict[str, dict[str, str]], kind: str) -> str | None:
        payload = activity.get("payload") or {}
        own = activity.get("entity_type") == kind
        ident = payload.get(f"{kind}_id") or (activity.get("entity_id") if own else None)
        name = names.get(kind, {}).get(str(ident)) if ident else None
        if name is None and own:
            # A deleted record: the correction's payload keeps the name it had.
            name = payload.get({"group": "name", "contact": "nickname", "deal": "title"}[kind])
        if name is None and kind == "contact":
            name = payload.get("merged_nickname")
        return name

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row["time"], row["what"], row["details"])[col] if 0 <= col < 3 else None
        if role == SORT_ROLE:
            if col == self.COL_TIME:
                return row["activity"].get("seq", 0)
            return self._data(row, col, Qt.ItemDataRole.DisplayRole)
        if role == ROW_ROLE:
            return row["activity"]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_DETAILS and row["details"]:
            return row["details"]
        return None
