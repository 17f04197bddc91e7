"""The History page's model: the filtered activity log, newest first, read lazily in blocks.

Memory stays bounded on any size of log: :class:`HistoryModel` reports the filter's full row count (so the
scroll bar is honest and "jump to the end" is one scroll) but holds rows only in a small cache of blocks of
:data:`BLOCK_SIZE` (at most :data:`MAX_BLOCKS`, least recently shown evicted first) plus one ``(at, seq)`` key
per block read, which lets the next block be read with a keyset query. A row not in the cache shows a
placeholder and asks for its block; the page reads it in the database thread and hands it back on the UI
thread, and the model announces it with ``dataChanged``.

A refresh of the same filter keeps the views' selection and scroll position: when the log only grew at the top
(the usual write) the new rows are inserted there, and when the filter's rows are the same they are redrawn in
place, the blocks in view read again; anything else resets the model.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from app.services.history import Key, key_of
from app.ui.format import local_time
from app.ui.models import ActivityTableModel
from app.ui.pages.history_details import HistoryDetails
from app.ui.parts import MUTED_COLOR
from app.ui.rows_model import ROW_ROLE, Index

BLOCK_SIZE = 500
MAX_BLOCKS = 20  # 10,000 formatted rows at most, whatever the size of the log


class HistoryModel(QAbstractTableModel):
    """The filtered log, newest first: a row count, a bounded cache of blocks, and requests for the rest."""

    COL_TIME, COL_WHAT, COL_DETAILS = range(3)
    COLUMN_COUNT = 3

    blocks_wanted = Signal(list)  # block numbers the view needs and the cache lacks

    def __init__(self, parent: Any = None, block_size: int = BLOCK_SIZE, max_blocks: int = MAX_BLOCKS) -> None:
        super().__init__(parent)
        self.block_size = block_size
        self.max_blocks = max_blocks
        self.generation = 0  # bumped by every reset: blocks read for an older filter are dropped
        self._total = 0
        self._blocks: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self.anchors: dict[int, Key] = {}  # row number → (at, seq) of the last row of every block read
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._recheck: set[int] = set()  # blocks kept across a refresh: read again, or dropped when out of view
        self._head: list[Any] = []  # the ids of the first block at the last reset: what a refresh compares
        self._names: dict[str, dict[str, str]] = {}
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)
        # Shares the labels and the "details" wording with the Today page's model (same translations).
        self._activity = ActivityTableModel(self)
        self._texts = HistoryDetails(self)
        self._extra_labels: dict[str, str] | None = None
        self._want_timer = QTimer(self)
        self._want_timer.setSingleShot(True)
        self._want_timer.setInterval(0)
        self._want_timer.timeout.connect(self.on_want_timer_timeout)

    # -- labels -----------------------------------------------------------------------------------------

    def type_labels(self) -> dict[str, str]:
        """Every activity type as the user reads it, game events included."""
        if self._extra_labels is None:
            self._extra_labels = {
                **self._activity.type_labels(),
                "quest.step_completed": self.tr("Quest step done"),
                "quest.completed": self.tr("Quest completed"),
                "achievement.unlocked": self.tr("Badge earned"),
                "level.reached": self.tr("Level reached"),
            }
        return self._extra_labels

    def _format(self, activity: dict[str, Any]) -> dict[str, Any]:
        payload = activity.get("payload") or {}
        type_ = activity["type"]
        if type_.startswith("quest."):
            details = self._quest(payload)
        elif type_ == "achievement.unlocked":
            details = self._texts.badge(payload, self._names.get("badge", {}))
        elif type_ == "level.reached":
            details = self._texts.level(payload)
        else:
            details = self._details(activity)
        if not details and payload.get("points"):
            details = self.tr("{points} points").format(points=payload["points"])
        if payload.get("late") is True:  # back-dated: in the ledger, not in the dailies (docs/quests.md)
            details = self.tr("{details} · logged late: no daily quest or streak day").format(details=details)
            details = details.lstrip(" ·")
        if activity.get("superseded_by"):
            # What replaced it, as the query found it (a record it lacks: "corrected").
            details = self._texts.with_status(details, activity.get("replaced_by_type") or "?")
        return {
            "activity": activity,
            "time": local_time(activity.get("at"), self._tz, self._now),
            "what": self.type_labels().get(activity["type"], activity["type"]),
            "details": details,
        }

    def _details(self, activity: dict[str, Any]) -> str:
        """Names and amounts, then what an edit changed or what a trust change, merge or reopening was."""
        payload = activity.get("payload") or {}
        type_, entity = activity["type"], activity.get("entity_type") or ""
        changes = payload.get("changes")
        if isinstance(changes, dict) and changes:
            texts = self._texts.changes(entity, changes, self.name, self._tz, self._now)
            return " · ".join(p for p in (self._edited(activity, changes), *texts) if p)
        details = self._activity.details(activity, self._names)
        if type_ == "contact.trust_changed":
            extra = self._texts.trust_change(payload)
        elif type_ == "contact.merged":
            return self._texts.merged(payload, self.name("contact", payload.get("kept_id")))
        elif type_ == "deal.reopened":
            extra = self._texts.reopened(payload)
        else:
            return details
        return " · ".join(p for p in (details, extra) if p)

    def _edited(self, activity: dict[str, Any], changes: dict[str, Any]) -> str | None:
        """Whose help or which group's request an edit changed (as it was, unless the edit changed that), or the
        name of the group, contact or deal edited."""
        entity = activity.get("entity_type")
        if entity in ("group", "contact", "deal"):
            return self.name(entity, activity.get("entity_id"))
        before = activity.get("corrected_payload") or {}
        kind = "contact" if entity == "help" else "group"
        return None if f"{kind}_id" in changes else self.name(kind, before.get(f"{kind}_id"))

    def name(self, kind: str, ident: Any) -> str | None:
        """A group's, contact's or deal's name: as it is, or as its deletion kept it."""
        if not ident:
            return None
        key = str(ident)
        gone: dict[str, Any] = self._names.get("gone") or {}
        return self._names.get(kind, {}).get(key) or gone.get(kind, {}).get(key)

    def _quest(self, payload: dict[str, Any]) -> str:
        """"Chain — step · 10 points" for a quest event (the titles in the language the page was read in)."""
        titles = self._names.get("quest", {})
        chain = payload.get("chain_id")
        parts = [titles.get(str(chain), str(chain or ""))]
        if payload.get("step_id"):
            parts.append(titles.get(f"{chain}/{payload['step_id']}", str(payload["step_id"])))
        text = " — ".join(p for p in parts if p)
        if payload.get("points"):
            text += " · " + self.tr("{points} points").format(points=payload["points"])
        return text

    # -- feeding ----------------------------------------------------------------------------------------

    def reset(self, total: int, first: list[dict[str, Any]], names: dict[str, dict[str, str]],
              tz: dt.tzinfo, now: dt.datetime, *, refresh: bool = False) -> None:
        """A new filter or fresh data: the count and the newest block; every other block is read again.

        ``refresh``: fresh data for the filter shown, which keeps what it can (see the module).
        """
        grown = self._grown_by(total, first) if refresh else None
        self.generation += 1
        self._pending.clear()
        self._wanted.clear()
        self._recheck.clear()
        if grown is None:
            self.beginResetModel()
            self._total = total
            self._blocks.clear()
            self.anchors.clear()
            self._names, self._tz, self._now = names, tz, now
            if first:
                self._store(0, first)
            self.endResetModel()
        elif grown:
            # Rows before every row shown: the views move their selection down with them. The blocks' row numbers
            # all moved, so only the first block is kept.
            self.beginInsertRows(QModelIndex(), 0, grown - 1)
            self._total = total
            self._blocks.clear()
            self.anchors.clear()
            self._names, self._tz, self._now = names, tz, now
            self._store(0, first)
            self.endInsertRows()
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, self.COLUMN_COUNT - 1))
        else:
            # The same rows: redraw the first block, read again the others kept (a correction may mark a row
            # superseded); until then they show what they showed. A deep change may have moved keys: no anchors.
            kept = [block for block in self._blocks if block != 0]
            self.anchors.clear()
            self._names, self._tz, self._now = names, tz, now
            self._store(0, first)
            for block in kept:
                self._recheck.add(block)
                self._want(block)
            self.dataChanged.emit(self.index(0, 0), self.index(len(first) - 1, self.COLUMN_COUNT - 1))
        self._head = [row.get("id") for row in first]

    def _grown_by(self, total: int, first: list[dict[str, Any]]) -> int | None:
        """How many rows came on top of those shown (0: the same rows), or None when the rows changed otherwise."""
        ids = [row.get("id") for row in first]
        if not ids or not self._head or None in ids:
            return None
        for grown in range(len(ids)):
            if total != self._total + grown:
                continue
            overlap = len(ids) - grown
            if ids[grown:] == self._head[:overlap] and (grown or len(ids) == len(self._head)):
                return grown
        return None

    def put_block(self, generation: int, block: int, rows: list[dict[str, Any]] | None) -> None:
        """A block read in the database thread (None: skipped because no longer in view)."""
        if generation != self.generation:
            return
        self._pending.discard(block)
        rechecked = block in self._recheck
        self._recheck.discard(block)
        if rows is None and rechecked:
            self._blocks.pop(block, None)  # kept from before a refresh, and not read again: read it when shown
        if not rows:
            return
        rows = rows[: max(0, self._total - block * self.block_size)]
        if not rows:
            return
        self._store(block, rows)
        first = block * self.block_size
        self.dataChanged.emit(self.index(first, 0), self.index(first + len(rows) - 1, self.COLUMN_COUNT - 1))

    def _store(self, block: int, rows: list[dict[str, Any]]) -> None:
        self._blocks[block] = [self._format(r) for r in rows]
        self._blocks.move_to_end(block)
        self.anchors[block * self.block_size + len(rows) - 1] = key_of(rows[-1])
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)

    def _want(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        self._wanted.add(block)
        self._want_timer.start()

    def on_want_timer_timeout(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        if wanted:
            self.blocks_wanted.emit(wanted)

    def cached_blocks(self) -> list[int]:
        return list(self._blocks)

    def is_cached(self, row: int) -> bool:
        rows = self._blocks.get(row // self.block_size)
        return rows is not None and row % self.block_size < len(rows)

    # -- Qt ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._activity.headerData(section, orientation, role)  # the same three columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        block, offset = divmod(index.row(), self.block_size)
        rows = self._blocks.get(block)
        if rows is None or offset >= len(rows):
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(block)
                return "…" if index.column() == self.COL_TIME else ""
            return None
        if block != next(reversed(self._blocks)):
            self._blocks.move_to_end(block)  # shown now: evict it last
        row, col = rows[offset], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row["time"], row["what"], row["details"])[col]
        if role == ROW_ROLE:
            return row["activity"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["details"] if col == self.COL_DETAILS and row["details"] else None
        if role == Qt.ItemDataRole.ForegroundRole and row["activity"].get("superseded_by"):
            return MUTED_COLOR
        return None
