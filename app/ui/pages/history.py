"""The History page: the whole activity log as a timeline, filtered and searched, on a lazily reading model.

The page holds the filters and reads the blocks :class:`~app.ui.pages.history_model.HistoryModel` asks for in the
database thread; the model keeps only a bounded cache of them, whatever the size of the log.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.history import HistoryFilter, HistoryQuery, Key
from app.ui.changes import CONTACTS, DEALS, GROUPS, HISTORY
from app.ui.context import spawn_if_attached
from app.ui.help_editor import HelpEditor
from app.ui.models import ROW_ROLE
from app.ui.pages.history_model import HistoryModel
from app.ui.parts import focus_search, hbox, search_edit, table_view
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext
    from app.ui.quick_log import QuickLogDialog

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "Any date"


def quest_titles(services: Services) -> dict[str, str]:
    """Chain id → title and "chain/step" → step title, in the current language (runs in the database thread)."""
    titles: dict[str, str] = {}
    for chain in services.game.catalogue.chains:
        titles[chain.id] = chain.title.get()
        for step in chain.steps:
            titles[f"{chain.id}/{step.id}"] = step.title.get()
    return titles


def badge_titles(services: Services) -> dict[str, str]:
    """Achievement id → its title in the current language (runs in the database thread)."""
    return {ach.id: ach.title.get() for ach in services.game.catalogue.achievements}


class HistoryPage(QWidget):
    """Filters on top, the timeline below, the count and "newest"/"oldest" at the bottom."""

    AREAS = frozenset({HISTORY, GROUPS, CONTACTS, DEALS})  # and the records its entries name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.ctx: PageContext | None = None
        self.model = HistoryModel(self)
        self.filter = HistoryFilter()
        self._group_ids: list[str] = []
        self._contact_ids: list[str] = []
        self._visible = (0, 0)  # first and last row in view, read by the database thread
        self._shown_filter: HistoryFilter | None = None  # the filter of the rows the model holds
        self.help_editor = HelpEditor(self)
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
        self.search = search_edit(self.tr("Search history…"), self.tr("Search history"))
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
        filter_row = hbox(self.type_combo, self.group_combo, self.contact_combo, None, self.clear_button)
        filter_row.setSpacing(8)
        filters = QVBoxLayout()
        filters.setSpacing(8)
        filters.addLayout(search_row)
        filters.addLayout(filter_row)

        self.view = table_view(self.tr("Activity history"), self.model)
        self.view.setAccessibleDescription(self.tr("Every activity, newest first"))
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.view.verticalHeader()
        # Fixed heights: Qt never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(24, self.fontMetrics().height() + 8))
        header = self.view.horizontalHeader()
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
        self.edit_button = QPushButton(self.tr("&Edit help…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected help"))
        self.edit_button.setToolTip(self.tr("Correct who, what, how much or when (double-click works too)"))
        self.edit_button.setEnabled(False)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.edit_button)
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
        self.model.rowsInserted.connect(self.on_model_rows_inserted)
        self.view.selectionModel().selectionChanged.connect(self.on_view_selection_changed)
        self.view.activated.connect(self.on_edit_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)

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
        names = {**services.queries.names(), "quest": quest_titles(services), "badge": badge_titles(services),
                 "gone": query.gone_names()}
        return {
            "filter": f, "total": total, "rows": rows, "names": names,
            "tz": services.clock.tz, "now": services.clock.now(),
        }

    def set_data(self, data: dict[str, Any]) -> None:
        if data["filter"] != self.filter:
            return  # the filter changed while this was read; its own read follows
        self._fill_names(data["names"])
        # Fresh rows of the filter shown keep the selection and the scroll position (see HistoryModel.reset);
        # rows that changed otherwise reset the table, and the selected entry is found again if it is in view.
        selected = self._selected_id()
        refresh, self._shown_filter = data["filter"] == self._shown_filter, data["filter"]
        self.model.reset(data["total"], data["rows"], data["names"], data["tz"], data["now"], refresh=refresh)
        if selected is not None and self._selected_id() is None:
            self._select_id(selected)
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
        focus_search(self.search)

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

    def on_view_selection_changed(self, *_args: Any) -> None:
        self.edit_button.setEnabled(self.selected_help() is not None)

    def on_edit_clicked(self, *_args: Any) -> None:
        spawn_if_attached(self, self.edit_help, "edit help")

    async def edit_help(self) -> QuickLogDialog | None:
        """Open the selected help in the quick-log form to correct it (the same form as the Ledger's and Contacts')."""
        help_id = self.selected_help()
        if self.ctx is None or help_id is None:
            return None
        return await self.help_editor.open(self.ctx, help_id)

    def selected_help(self) -> str | None:
        """The id of the help the selected entry records, when it is a help as it stands (not corrected since)."""
        rows = self.view.selectionModel().selectedRows()
        activity = rows[0].data(ROW_ROLE) if rows else None
        if not activity or activity.get("entity_type") != "help" or activity.get("superseded_by"):
            return None
        return str(activity["entity_id"]) if activity.get("type") in ("help.given", "help.received") else None

    def on_newest_clicked(self) -> None:
        self.view.scrollToTop()

    def on_oldest_clicked(self) -> None:
        self.view.scrollToBottom()

    def on_model_blocks_wanted(self, blocks: list[int]) -> None:
        self._note_visible()
        if self.ctx is not None:
            self.ctx.runner.spawn(self.fetch_blocks(blocks), name="history-blocks")

    def on_model_rows_inserted(self, _parent: Any, first: int, last: int) -> None:
        # New entries on top: a reader scrolled down keeps the rows they were reading in view (at the top they see
        # the new ones).
        bar = self.view.verticalScrollBar()
        if first == 0 and bar.value() > 0:
            self.view.updateGeometries()  # the scroll range grows with the rows now, not at the next layout
            bar.setValue(bar.value() + (last + 1) * self.view.verticalHeader().defaultSectionSize())

    # -- helpers ----------------------------------------------------------------------------------------

    def _selected_id(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        activity = rows[0].data(ROW_ROLE) if rows else None
        return activity.get("id") if activity else None

    def _select_id(self, ident: Any) -> None:
        for row in range(min(self.model.rowCount(), self.model.block_size)):
            if self.model.is_cached(row) and (self.model.index(row, 0).data(ROW_ROLE) or {}).get("id") == ident:
                self.view.selectRow(row)
                return

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
