"""The History page: the whole activity log as a timeline, filtered and searched, on a lazily reading model.

Memory stays bounded on any size of log: :class:`HistoryModel` reports the filter's full row count (so the
scroll bar is honest and "jump to the end" is one scroll) but holds rows only in a small cache of blocks of
:data:`BLOCK_SIZE` (at most :data:`MAX_BLOCKS`, least recently shown evicted first) plus one ``(at, seq)`` key
per block read, which lets the next block be read with a keyset query. A row not in the cache shows a
placeholder and asks for its block; the page reads it in the database thread and hands it back on the UI
thread, and the model announces it with ``dataChanged``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.history import HistoryFilter, HistoryQuery, Key, key_of
from app.ui.context import spawn_if_attached
from app.ui.format import local_time
from app.ui.models import ROW_ROLE, ActivityTableModel
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

log = logging.getLogger(__name__)

BLOCK_SIZE = 500
MAX_BLOCKS = 20  # 10,000 formatted rows at most, whatever the size of the log
SEARCH_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "Any date"

Index = QModelIndex | QPersistentModelIndex
_SUPERSEDED_COLOR = QColor("#8a8a8a")


def quest_titles(services: Services) -> dict[str, str]:
    """Chain id → title and "chain/step" → step title, in the current language (runs in the database thread)."""
    titles: dict[str, str] = {}
    for chain in services.game.catalogue.chains:
        titles[chain.id] = chain.title.get()
        for step in chain.steps:
            titles[f"{chain.id}/{step.id}"] = step.title.get()
    return titles


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
        self._names: dict[str, dict[str, str]] = {}
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)
        # Shares the labels and the "details" wording with the Today page's model (same translations).
        self._activity = ActivityTableModel(self)
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
        details = self._activity.details(activity, self._names)
        if activity["type"].startswith("quest."):
            details = self._quest(payload)
        if not details and payload.get("points"):
            details = self.tr("{points} points").format(points=payload["points"])
        if activity.get("superseded_by"):
            details = self.tr("{details} (corrected)").format(details=details).strip()
        return {
            "activity": activity,
            "time": local_time(activity.get("at"), self._tz, self._now),
            "what": self.type_labels().get(activity["type"], activity["type"]),
            "details": details,
        }

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
              tz: dt.tzinfo, now: dt.datetime) -> None:
        """A new filter or fresh data: the count and the newest block; every other block is read again."""
        self.beginResetModel()
        self.generation += 1
        self._total = total
        self._blocks.clear()
        self.anchors.clear()
        self._pending.clear()
        self._wanted.clear()
        self._names, self._tz, self._now = names, tz, now
        if first:
            self._store(0, first)
        self.endResetModel()

    def put_block(self, generation: int, block: int, rows: list[dict[str, Any]] | None) -> None:
        """A block read in the database thread (None: skipped because no longer in view)."""
        if generation != self.generation:
            return
        self._pending.discard(block)
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
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMN_COUNT:
            return None
        return (self.tr("When"), self.tr("What"), self.tr("Details"))[section]

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
            return _SUPERSEDED_COLOR
        return None


class HistoryPage(QWidget):
    """Filters on top, the timeline below, the count and "newest"/"oldest" at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.ctx: PageContext | None = None
        self.model = HistoryModel(self)
        self.filter = HistoryFilter()
        self._group_ids: list[str] = []
        self._contact_ids: list[str] = []
        self._visible = (0, 0)  # first and last row in view, read by the database thread
        self._build()
        self._connect()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = heading(self.tr("History"))

        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Type of activity"))
        self._fill_types()
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(self.tr("Group"))
        self.contact_combo = QComboBox()
        self.contact_combo.setAccessibleName(self.tr("Contact"))
        for combo in (self.type_combo, self.group_combo, self.contact_combo):
            combo.setMaxVisibleItems(20)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.group_combo.addItem(self.tr("All groups"), None)
        self.contact_combo.addItem(self.tr("All contacts"), None)
        self.from_edit = self._date_edit(self.tr("From date"))
        self.to_edit = self._date_edit(self.tr("To date"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search history…"))
        self.search.setAccessibleName(self.tr("Search history"))
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        # Two rows, the search and the dates on top: one row of eight controls would make the window wider
        # than a laptop's half screen.
        from_label, to_label = QLabel(self.tr("From")), QLabel(self.tr("To"))
        from_label.setBuddy(self.from_edit)
        to_label.setBuddy(self.to_edit)
        search_row = QHBoxLayout()
        search_row.setSpacing(8)
        search_row.addWidget(self.search, 1)
        search_row.addSpacing(8)
        search_row.addWidget(from_label)
        search_row.addWidget(self.from_edit)
        search_row.addWidget(to_label)
        search_row.addWidget(self.to_edit)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(8)
        filter_row.addWidget(self.type_combo)
        filter_row.addWidget(self.group_combo)
        filter_row.addWidget(self.contact_combo)
        filter_row.addStretch(1)
        filter_row.addWidget(self.clear_button)
        filters = QVBoxLayout()
        filters.setSpacing(8)
        filters.addLayout(search_row)
        filters.addLayout(filter_row)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Activity history"))
        self.view.setAccessibleDescription(self.tr("Every activity, newest first"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: Qt never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(24, self.fontMetrics().height() + 8))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(HistoryModel.COL_TIME, 150)
        self.view.setColumnWidth(HistoryModel.COL_WHAT, 190)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of entries"))
        self.newest_button = QPushButton(self.tr("Newest"))
        self.newest_button.setAccessibleName(self.tr("Jump to the newest entry"))
        self.oldest_button = QPushButton(self.tr("Oldest"))
        self.oldest_button.setAccessibleName(self.tr("Jump to the oldest entry"))
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.newest_button)
        footer.addWidget(self.oldest_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self._show_count(0)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("Any date"))
        edit.setDate(NO_DATE)
        return edit

    def _fill_types(self) -> None:
        """Families first (several types at once), then every single type by its label."""
        labels = self.model.type_labels()
        families: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
            (self.tr("All activities"), (), ()),
            (self.tr("What I recorded"), (), ("fact", "correction")),
            (self.tr("Helps"), ("help.given", "help.received"), ()),
            (self.tr("Requests"), tuple(t for t in labels if t.startswith("request.")), ()),
            (self.tr("Deals"), tuple(t for t in labels if t.startswith("deal.")), ()),
            (self.tr("Groups"), tuple(t for t in labels if t.startswith("group.")), ()),
            (self.tr("Contacts"), tuple(t for t in labels if t.startswith("contact.")), ()),
            (self.tr("Corrections"), (), ("correction",)),
            (self.tr("Game events"), (), ("derived",)),
        ]
        for label, types, kinds in families:
            self.type_combo.addItem(label, (types, kinds))
        self.type_combo.insertSeparator(self.type_combo.count())
        for kind, label in sorted(labels.items(), key=lambda item: item[1].casefold()):
            self.type_combo.addItem(label, ((kind,), ()))

    def _connect(self) -> None:
        self.type_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.group_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.contact_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.from_edit.dateChanged.connect(self.on_filter_changed)
        self.to_edit.dateChanged.connect(self.on_filter_changed)
        self.search.textChanged.connect(self.on_search_text_changed)
        self._search_timer.timeout.connect(self.on_filter_changed)
        self.clear_button.clicked.connect(self.on_clear_clicked)
        self.newest_button.clicked.connect(self.on_newest_clicked)
        self.oldest_button.clicked.connect(self.on_oldest_clicked)
        self.model.blocks_wanted.connect(self.on_model_blocks_wanted)
        self.view.verticalScrollBar().valueChanged.connect(self._note_visible)
        self.model.modelReset.connect(self._note_visible)

    # -- the page interface -----------------------------------------------------------------------------

    def attach(self, ctx: PageContext) -> None:
        """The database is open: filter changes and scrolling can read from it."""
        self.ctx = ctx

    def load(self, services: Services) -> dict[str, Any]:
        """The newest block and the count for the current filter (runs in the database thread)."""
        f = self.filter
        query = HistoryQuery(services.store, services.clock)
        rows = query.page(f, None, self.model.block_size)
        total = query.count(f) if len(rows) == self.model.block_size else len(rows)
        names = {**services.queries.names(), "quest": quest_titles(services)}
        return {
            "filter": f, "total": total, "rows": rows, "names": names,
            "tz": services.clock.tz, "now": services.clock.now(),
        }

    def set_data(self, data: dict[str, Any]) -> None:
        if data["filter"] != self.filter:
            return  # the filter changed while this was read; its own read follows
        self._fill_names(data["names"])
        self.model.reset(data["total"], data["rows"], data["names"], data["tz"], data["now"])
        self._show_count(data["total"])

    async def refresh(self) -> None:
        """Read the current filter's first block and count, then show them."""
        assert self.ctx is not None
        data = await self.ctx.read(self.load, self.ctx.services)
        self.set_data(data)

    async def fetch_blocks(self, blocks: list[int]) -> None:
        """Read the blocks the view asked for, one database call each, skipping those scrolled away since."""
        assert self.ctx is not None
        query = HistoryQuery(self.ctx.services.store, self.ctx.services.clock)
        size, f = self.model.block_size, self.filter
        for block in blocks:
            generation, total = self.model.generation, self.model.rowCount()
            anchors = dict(self.model.anchors)

            def read(block: int = block, anchors: dict[int, Key] = anchors, total: int = total) -> Any:
                first, last = self._visible  # a plain tuple: safe to read from this thread
                if (block + 1) * size < first - size or block * size > last + size:
                    return None
                return query.rows(f, block * size, size, anchors, total)

            try:
                rows = await self.ctx.read(read)
            except Exception:
                self.model.put_block(generation, block, None)
                raise
            self.model.put_block(generation, block, rows)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- slots ------------------------------------------------------------------------------------------

    def on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def on_filter_changed(self, *_args: Any) -> None:
        new = self._current_filter()
        if new == self.filter:
            return
        self.filter = new
        spawn_if_attached(self, self.refresh, "history-filter")

    def on_clear_clicked(self) -> None:
        for widget in (self.type_combo, self.group_combo, self.contact_combo, self.from_edit, self.to_edit):
            widget.blockSignals(True)
        self.type_combo.setCurrentIndex(0)
        self.group_combo.setCurrentIndex(0)
        self.contact_combo.setCurrentIndex(0)
        self.from_edit.setDate(NO_DATE)
        self.to_edit.setDate(NO_DATE)
        for widget in (self.type_combo, self.group_combo, self.contact_combo, self.from_edit, self.to_edit):
            widget.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.on_filter_changed()

    def on_newest_clicked(self) -> None:
        self.view.scrollToTop()

    def on_oldest_clicked(self) -> None:
        self.view.scrollToBottom()

    def on_model_blocks_wanted(self, blocks: list[int]) -> None:
        self._note_visible()
        if self.ctx is not None:
            self.ctx.runner.spawn(self.fetch_blocks(blocks), name="history-blocks")

    # -- helpers ----------------------------------------------------------------------------------------

    def _note_visible(self, *_args: Any) -> None:
        viewport = self.view.viewport()
        first = self.view.rowAt(0)
        last = self.view.rowAt(viewport.height() - 1)
        first = max(first, 0)
        self._visible = (first, last if last >= 0 else first + viewport.height() // 20 + 1)

    def _current_filter(self) -> HistoryFilter:
        types, kinds = self.type_combo.currentData() or ((), ())
        group, contact = self.group_combo.currentData(), self.contact_combo.currentData()
        text = self.search.text().strip()
        folded = text.casefold()
        text_types = tuple(t for t, label in self.model.type_labels().items() if folded and folded in label.casefold())
        return HistoryFilter(
            types=tuple(types), kinds=tuple(kinds),
            group_id=uuid.UUID(group) if group else None,
            contact_id=uuid.UUID(contact) if contact else None,
            date_from=self._date(self.from_edit), date_to=self._date(self.to_edit),
            text=text, text_types=text_types,
        )

    @staticmethod
    def _date(edit: QDateEdit) -> dt.date | None:
        date = edit.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

    def _fill_names(self, names: dict[str, dict[str, str]]) -> None:
        pairs = ((self.group_combo, "group", "_group_ids"), (self.contact_combo, "contact", "_contact_ids"))
        for combo, kind, attr in pairs:
            items = sorted(names.get(kind, {}).items(), key=lambda item: item[1].casefold())
            ids = [ident for ident, _ in items]
            if ids == getattr(self, attr):
                continue
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for ident, name in items:
                combo.addItem(name, ident)
            found = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            setattr(self, attr, ids)
            if current and found < 0:  # the record went away: show everything again
                self.on_filter_changed()

    def _show_count(self, total: int) -> None:
        text = self.tr("%Ln entries", "", total)
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)
