"""The Deals page (拼团 / 砍价 / 助力): a table of deals beside a form, with bargain progress and a live deadline.

The form reuses :class:`RecordPage` (its fields in :mod:`.deals_form`); below it a read-only view
(:mod:`.deals_progress`) shows how far a deal has come: for a bargain each helper's cut and what is left to cut,
for a group buy who has joined and the price tiers, and the time left. The page loads the deals and writes their
status; its table models are in :mod:`.deals_models`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHeaderView, QScrollArea, QVBoxLayout, QWidget

from app.ui.changes import CONTACTS, DEALS, GROUPS
from app.ui.context import spawn_if_attached
from app.ui.links import flag_link, open_link
from app.ui.pages.deals_delegate import CutBarDelegate
from app.ui.pages.deals_form import DealFormMixin
from app.ui.pages.deals_models import CutTableModel, DealTableModel
from app.ui.pages.deals_progress import DealProgressMixin
from app.ui.pages.record_page import RecordPage

if TYPE_CHECKING:
    from app.services import Services

GROUP_COLUMN_WIDTH = 120
TITLE_MIN_WIDTH = 150  # a narrow list scrolls sideways rather than squeeze the title to "砍…"
REFRESH_MS = 30_000


class DealsPage(DealProgressMixin, DealFormMixin, RecordPage):
    """Group buys, bargains and boosts: prices, tiers, who cut how much, what is left and the time left."""

    AREAS = frozenset({DEALS, GROUPS, CONTACTS})  # and the groups and helpers by name

    NAME_COLUMN = DealTableModel.COL_TITLE
    STRETCH_COLUMN = DealTableModel.COL_TITLE
    NAME_KEY = "title"
    FORGETTABLE = ("url", "notes")  # cleared: their old values may leave the history too (app/ui/erasure.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.deal_model = DealTableModel()
        self.cut_model = CutTableModel()
        self._cuts_task: asyncio.Task[None] | None = None
        self._cuts_of: str | None = None  # the deal whose cuts the cut list shows
        self._groups: list[dict[str, Any]] = []
        self._contact_names: dict[str, str] = {}
        self._tz: dt.tzinfo = dt.UTC
        self._loaded_now = dt.datetime.now(dt.UTC)
        self._loaded_at = time.monotonic()
        super().__init__(self.deal_model, parent)
        self.deal_model.setParent(self)
        self.cut_model.setParent(self)
        self.setObjectName("dealsPage")
        # Open deals first, soonest deadline first; then the closed ones, latest first (see _status_key).
        self.view.sortByColumn(DealTableModel.COL_STATUS, Qt.SortOrder.AscendingOrder)
        # The title is what the user reads: the group's name gets a fixed width (its tooltip has it all).
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DealTableModel.COL_GROUP, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DealTableModel.COL_GROUP, GROUP_COLUMN_WIDTH)
        # The title takes the spare width, as a stretched column would, but never less than TITLE_MIN_WIDTH.
        header.setSectionResizeMode(DealTableModel.COL_TITLE, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self.on_section_resized)
        self.view.viewport().installEventFilter(self)
        self.view.setItemDelegateForColumn(DealTableModel.COL_PROGRESS, CutBarDelegate(self.view))
        # The list's context menu (and its key) opens the selected deal's link, after asking.
        self.open_link_action = QAction(self.tr("Open link in browser…"), self.view)
        self.open_link_action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                                            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)])
        self.open_link_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_link_action.triggered.connect(self.on_open_list_link)
        self.view.addAction(self.open_link_action)
        self.flag_link_action = QAction(self.tr("Flag link as suspicious"), self.view)
        self.flag_link_action.triggered.connect(self.on_flag_list_link)
        self.view.addAction(self.flag_link_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._build_progress()
        self._scroll_detail()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.timer.start()
        self._show_progress(None)

    # -- data -------------------------------------------------------------------------------------------

    def load(self, services: Services) -> dict[str, Any]:
        """Every deal, the groups and contact names, and the time (runs in the database thread)."""
        groups = [{"id": g["id"], "name": g["name"], "archived": g["archived"]} for g in services.queries.groups()]
        return {
            "deals": services.queries.deals(with_cuts=False),  # a deal's cuts are read when it is shown
            "groups": groups,
            "contacts": services.queries.names()["contact"],
            "now": services.clock.now(),
            "tz": services.clock.tz,
        }

    def rows_of(self, data: Any) -> list[dict[str, Any]]:
        return list(data["deals"])

    def set_data(self, data: Any) -> None:
        self._tz = data["tz"]
        self._loaded_now, self._loaded_at = data["now"], time.monotonic()
        self._groups = list(data["groups"])
        self._contact_names = dict(data["contacts"])
        filling, self._filling = self._filling, True
        try:
            self._fill_group_combo(self.group_combo.currentData())
        finally:
            self._filling = filling
        self.deal_model.set_context({g["id"]: g["name"] for g in self._groups}, self._tz, self.now())
        super().set_data(data)
        self._show_progress(self.current_record())  # fresh cuts even while the form holds unsaved edits

    def now(self) -> dt.datetime:
        """The services' time at the last load, moved on by the time since (a fake clock stays consistent)."""
        return self._loaded_now + dt.timedelta(seconds=time.monotonic() - self._loaded_at)

    # -- RecordPage -------------------------------------------------------------------------------------

    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Deals"),
            "search": self.tr("Search deals by title"),
            "search_name": self.tr("Search deals"),
            "table": self.tr("Deals"),
            "empty": self.tr("No deals yet. Press New to log a group buy, a bargain or a boost."),
            "new": self.tr("New deal"),
            "save": self.tr("Save deal"),
            "delete": self.tr("Delete deal"),
            "new_heading": self.tr("New deal"),
            "confirm": self.tr("Delete the deal '{name}'? This cannot be undone."),
        }

    def _service(self, services: Services) -> Any:
        return services.deals

    def _update_state(self) -> None:
        super()._update_state()
        if not hasattr(self, "progress_frame"):
            return
        record = self.current_record()
        attached = self.ctx is not None and not self._busy and record is not None
        is_open = bool(record and record.get("status") == "open")
        for button in (self.succeeded_button, self.failed_button, self.cancel_button):
            button.setEnabled(attached and is_open)
        self.reopen_button.setEnabled(attached and not is_open)
        self.reopen_button.setVisible(record is not None and not is_open)
        self.open_link_action.setEnabled(self.ctx is not None and bool(record and record.get("url")))
        self.flag_link_action.setEnabled(self.open_link_action.isEnabled())

    def _scroll_detail(self) -> None:
        """The form and the progress under it scroll when the window is too low for them (a group buy's tiers
        table, a bargain's cuts, at 1024×640 in Chinese), rather than force the window taller than the screen; the
        buttons below them stay in view."""
        outer = self.detail.layout()
        assert isinstance(outer, QVBoxLayout)
        self.detail_inner = QWidget()
        self.detail_inner.setObjectName("detailInner")
        inner = QVBoxLayout(self.detail_inner)
        inner.setContentsMargins(0, 0, 4, 0)  # room for the scroll bar beside the fields
        while outer.count() > 1:  # all but the buttons: the heading, the form, its error, the progress, the stretch
            item = outer.takeAt(0)
            widget, layout = item.widget(), item.layout()
            if widget is not None:
                inner.addWidget(widget)
            elif layout is not None:
                inner.addLayout(layout)
            else:
                inner.addStretch(1)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setStyleSheet("QScrollArea#detailScroll, QWidget#detailInner { background: transparent; }")
        self.detail_scroll.viewport().setAutoFillBackground(False)
        self.detail_scroll.setWidget(self.detail_inner)
        outer.insertWidget(0, self.detail_scroll, 1)
        self.detail_inner.installEventFilter(self)  # its fields never narrower than they need (no side scrolling)
        self._fit_detail_width()

    def _fit_detail_width(self) -> None:
        bar = self.detail_scroll.verticalScrollBar().sizeHint().width()
        self.detail_scroll.setMinimumWidth(self.detail_inner.minimumSizeHint().width() + bar)

    # -- the title's width ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_title()
        elif event.type() == QEvent.Type.LayoutRequest and watched is self.detail_inner:
            self._fit_detail_width()
        return super().eventFilter(watched, event)

    def on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index != DealTableModel.COL_TITLE:
            self._fit_title()

    def _fit_title(self) -> None:
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != DealTableModel.COL_TITLE and not header.isSectionHidden(c))
        width = max(TITLE_MIN_WIDTH, self.view.viewport().width() - others)
        if header.sectionSize(DealTableModel.COL_TITLE) != width:
            header.resizeSection(DealTableModel.COL_TITLE, width)

    # -- slots ------------------------------------------------------------------------------------------

    def on_timer_timeout(self) -> None:
        """Every 30 s: the time left in the table and under the form moves on."""
        self.deal_model.set_now(self.now())
        self._show_time_left(self.current_record())

    def on_open_list_link(self) -> None:
        """The list's "Open link in browser…": the selected deal's saved link, after asking."""
        record = self.current_record()
        if record is not None and record.get("url") and self.ctx is not None:
            link, deal, ctx = str(record["url"]), str(record["id"]), self.ctx
            spawn_if_attached(self, lambda: open_link(self, link, lambda: flag_link(self, ctx, link, deal)),
                              "open link")

    def on_flag_list_link(self) -> None:
        """The list's "Flag link as suspicious": the selected deal's saved link, at once (a toast says so)."""
        record = self.current_record()
        if record is not None and record.get("url") and self.ctx is not None:
            link, deal, ctx = str(record["url"]), str(record["id"]), self.ctx
            spawn_if_attached(self, lambda: flag_link(self, ctx, link, deal), "flag link")

    def on_status_clicked(self, status: str) -> None:
        if self.ctx is not None:
            self.ctx.runner.spawn(self.set_status(status), name="deal status")

    # -- writes -----------------------------------------------------------------------------------------

    async def set_status(self, status: str) -> bool:
        """Close the selected deal as succeeded, failed or cancelled, or reopen it."""
        record = self.current_record()
        if self.ctx is None or record is None or self._busy:
            return False
        result = await self._busy_write(self.ctx.services.deals.set_status, record["id"], status)
        if result is None:
            return False
        if result.record is not None:
            self._replace_row(result.record)
        return True

    async def toggle_archived(self) -> bool:
        """Archive the selected deal, or bring it back (deals archive through ``edit``)."""
        record = self.current_record()
        if self.ctx is None or record is None:
            return False
        result = await self.ctx.write(self.ctx.services.deals.edit, record["id"], archived=not record.get("archived"),
                                      parent=self)
        if result is None:
            return False
        if result.record is not None:
            self._replace_row(result.record)
        return True

    def _replace_row(self, record: dict[str, Any]) -> None:
        """Show a written record at once (the refresh after the write brings the rest)."""
        rows = [record if r["id"] == record["id"] else r for r in (self.model.row(i)
                                                                     for i in range(self.model.rowCount()))]
        self._restoring = True
        try:
            self.deal_model.set_rows(rows)
            self._select(record["id"])
        finally:
            self._restoring = False
        if self._dirty:
            self._shown = record
            self._show_progress(record)
            self._update_state()
        else:
            self._fill(record)

