"""The Ledger page (人情账): balances per contact and per group, who you owe, who only takes, and each exchange.

Selecting a contact loads the exchanges behind their balance and their past settlements
(``services.ledger.contact``) through the runner; from there the user settles up and says how (even, a favour
returned, a red packet, partly), corrects or deletes an exchange, copies a polite reminder for a contact who owes
them, or merges the contact into another that is the same person (those writes in :mod:`.ledger_actions`; the
table models in :mod:`.ledger_models`; the lists that fit their lines and the settle-up dialog in
:mod:`.ledger_parts`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.changes import CONTACTS, GROUPS, HELPS, LEDGER
from app.ui.format import local_time, money, signed
from app.ui.models import ROW_ROLE
from app.ui.pages.ledger_actions import LedgerActionsMixin
from app.ui.pages.ledger_models import ExchangeTableModel, LedgerContactModel, LedgerGroupModel
from app.ui.pages.ledger_parts import FitList, StretchWhenRoom
from app.ui.parts import (
    BusyWrites,
    detail_pane,
    focus_search,
    hbox,
    search_edit,
    settle_how_labels,
    sort_proxy,
    tab_order,
    table_view,
    two_panes,
)
from app.ui.quick_log import QuickLogDialog
from app.ui.selection import select_record
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext


def _table(model: QAbstractItemModel, name: str, stretch: int, sort_column: int, order: Qt.SortOrder,
           parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sorted table whose columns fit their contents (names and numbers whole) and ``stretch`` takes the rest."""
    proxy = sort_proxy(model, parent)
    return table_view(name, proxy, stretch=stretch, sort_column=sort_column, order=order), proxy


def in_ledger(row: dict[str, Any]) -> bool:
    """A contact the ledger has something on: helps since their last settlement, helps settled in part, or a
    settlement (a contact with none of these is only a contact, on the Contacts page)."""
    return bool(row["given_count"] or row["received_count"] or row.get("settled") or row.get("since"))


LIST_SHARE = 0.16  # of the page's height, at most, for each of "You owe" / "Only takes" before it scrolls
HISTORY_SHARE = 0.14  # the settlement history's
NOTE_MIN = 100  # px of the exchanges' note always in view beside their date, direction, kind and amount
COLUMN_PAD = 14  # px a table column adds to its text (margins, the sort arrow)


class LedgerPage(LedgerActionsMixin, BusyWrites, QWidget):
    """Reciprocity at a glance: balances per contact and group, and the exchanges behind one contact's balance."""

    AREAS = frozenset({LEDGER, HELPS, CONTACTS, GROUPS})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor: QuickLogDialog | None = None
        self._opening_editor = False
        self.setObjectName("ledgerPage")
        self.ctx: PageContext | None = None
        self.current_id: str | None = None
        self._contacts: list[dict[str, Any]] = []
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)
        self._busy = False
        self._restoring = False
        self._drill_task: asyncio.Task[Any] | None = None
        self.contact_model = LedgerContactModel(self)
        self.group_model = LedgerGroupModel(self)
        self.exchange_model = ExchangeTableModel(self)
        self._build()
        self._connect()
        self._show_contact(None)

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = heading(self.tr("Ledger"))
        self.search = search_edit(self.tr("Search contacts by nickname"), self.tr("Search the ledger"))

        # Names and numbers fit their contents, the name takes the spare width; a narrow window scrolls the table
        # sideways rather than cut a name (a stretched name column was cut to "5-503 …").
        self.contacts_view, self.contacts_proxy = _table(
            self.contact_model, self.tr("Balance per contact"), LedgerContactModel.COL_NAME,
            LedgerContactModel.COL_BALANCE, Qt.SortOrder.AscendingOrder, self)
        self.contacts_proxy.setFilterKeyColumn(LedgerContactModel.COL_NAME)
        self._stretch_names = StretchWhenRoom(self.contacts_view, LedgerContactModel.COL_NAME)
        self.groups_view, self.groups_proxy = _table(
            self.group_model, self.tr("Balance per group"), LedgerGroupModel.COL_NAME,
            LedgerGroupModel.COL_NAME, Qt.SortOrder.AscendingOrder, self)
        self._stretch_groups = StretchWhenRoom(self.groups_view, LedgerGroupModel.COL_NAME)
        self.empty_label = QLabel(self.tr("Nothing in the ledger yet. Log a help given or received (Ctrl+N)."))
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.contacts_heading = heading(self.tr("Per contact"), 1.0)
        self.groups_heading = heading(self.tr("Per group"), 1.0)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.contacts_heading)
        left_layout.addWidget(self.contacts_view, 3)
        left_layout.addWidget(self.empty_label, 1)
        left_layout.addWidget(self.groups_heading)
        left_layout.addWidget(self.groups_view, 2)

        self.owe_list = FitList(self.tr("You owe"))
        self.takes_list = FitList(self.tr("Only takes"))
        owe_box = QVBoxLayout()
        owe_box.addWidget(heading(self.tr("You owe"), 1.0))
        owe_box.addWidget(self.owe_list)
        owe_box.addStretch(1)
        takes_box = QVBoxLayout()
        takes_box.addWidget(heading(self.tr("Only takes"), 1.0))
        takes_box.addWidget(self.takes_list)
        takes_box.addStretch(1)
        lists = QHBoxLayout()
        lists.addLayout(owe_box, 1)
        lists.addLayout(takes_box, 1)

        self.detail, self.heading, detail_layout = detail_pane()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("contactSummary")
        self.summary_label.setWordWrap(True)
        self.exchanges_view, self.exchanges_proxy = _table(
            self.exchange_model, self.tr("Exchanges with this contact"), ExchangeTableModel.COL_NOTE,
            ExchangeTableModel.COL_DATE, Qt.SortOrder.DescendingOrder, self)
        self.settle_button = QPushButton(self.tr("Settle &up…"))
        self.settle_button.setAccessibleName(self.tr("Settle up with this contact"))
        self.settle_button.setToolTip(self.tr("Even, a favour returned, a red packet, or partly: say how"))
        self.remind_button = QPushButton(self.tr("Copy &reminder"))
        self.remind_button.setAccessibleName(self.tr("Copy a friendly reminder for this contact"))
        self.remind_button.setToolTip(self.tr("A polite message asking for a hand, copied for you to paste in "
                                              "your chat: nothing is sent"))
        self.merge_combo = QComboBox()
        self.merge_combo.setAccessibleName(self.tr("Contact to merge into"))
        self.merge_combo.setPlaceholderText(self.tr("Choose a contact…"))
        self.merge_combo.setMinimumContentsLength(10)
        self.merge_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history_heading = heading(self.tr("Settlements"), 1.0)
        self.history_list = FitList(self.tr("Past settlements with this contact"))
        self.history_list.setSelectionMode(FitList.SelectionMode.NoSelection)
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.merge_button = QPushButton(self.tr("Merge into…"))
        self.merge_button.setAccessibleName(self.tr("Merge this contact into the chosen one"))
        self.merge_button.setToolTip(self.tr("The same person logged twice: their helps move to the chosen contact"))
        self.edit_exchange_button = QPushButton(self.tr("&Edit exchange…"))
        self.edit_exchange_button.setAccessibleName(self.tr("Edit the selected exchange"))
        self.edit_exchange_button.setToolTip(self.tr("Correct who, what, how much or when (double-click works too)"))
        self.delete_exchange_button = QPushButton(self.tr("Delete exchange"))
        self.delete_exchange_button.setAccessibleName(self.tr("Delete the selected exchange"))
        self.delete_exchange_button.setToolTip(
            self.tr("A help logged by mistake: remove it (the history keeps a note)")
        )
        # Two rows: the exchange's buttons under the table, the contact's below them; one row would make the
        # pane so wide that the balance tables beside it must scroll.
        buttons = hbox(self.edit_exchange_button, self.delete_exchange_button, None)
        contact_buttons = hbox(self.settle_button, self.remind_button, None, self.merge_button, self.merge_combo)
        detail_layout.addWidget(self.summary_label)
        detail_layout.addWidget(self.exchanges_view, 1)
        detail_layout.addLayout(buttons)
        detail_layout.addLayout(contact_buttons)
        detail_layout.addWidget(self.history_heading)
        detail_layout.addWidget(self.history_list)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(lists)
        right_layout.addWidget(self.detail, 1)
        # Wide enough for the exchanges' date, direction, kind and amount with the note beside them; the balance
        # tables on the left scroll sideways in a narrow window instead.
        right.setMinimumWidth(self._detail_min_width())

        two_panes(self, left, right, [700, 500])
        tab_order([self.search, self.contacts_view, self.groups_view, self.owe_list, self.takes_list,
                   self.exchanges_view, self.edit_exchange_button, self.delete_exchange_button, self.settle_button,
                   self.remind_button, self.merge_button, self.merge_combo])

    def _detail_min_width(self) -> int:
        """The least width that shows an exchange's widest date, direction, kind and amount with the note beside."""
        fm = self.fontMetrics()
        model = self.exchange_model
        dates = [QCoreApplication.translate("Format", "Yesterday {time}").format(time="00:00"),
                 QCoreApplication.translate("Format", "Today {time}").format(time="00:00"), "00-00 00:00"]
        columns = [dates, list(model.direction_labels().values()), list(model.kind_labels().values()), ["¥999.99"]]
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(columns))]
        fixed = sum(max(fm.horizontalAdvance(t) for t in [header, *texts]) + COLUMN_PAD
                    for header, texts in zip(headers, columns, strict=True))
        margins = self.detail.layout().contentsMargins()
        scroll = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return fixed + NOTE_MIN + margins.left() + margins.right() + scroll + 4

    def _connect(self) -> None:
        self.search.textChanged.connect(self.on_search_text_changed)
        self.contacts_view.selectionModel().selectionChanged.connect(self.on_contact_selection_changed)
        self.owe_list.itemActivated.connect(self.on_list_item_activated)
        self.owe_list.itemClicked.connect(self.on_list_item_activated)
        self.takes_list.itemActivated.connect(self.on_list_item_activated)
        self.takes_list.itemClicked.connect(self.on_list_item_activated)
        self.settle_button.clicked.connect(self.on_settle_clicked)
        self.remind_button.clicked.connect(self.on_remind_clicked)
        self.delete_exchange_button.clicked.connect(self.on_delete_exchange_clicked)
        self.edit_exchange_button.clicked.connect(self.on_edit_exchange_clicked)
        self.exchanges_view.activated.connect(self.on_edit_exchange_clicked)
        self.exchanges_view.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        # Rows reloaded or gone take the selection with them without a selectionChanged: Edit and Delete follow.
        for signal in (self.exchanges_proxy.modelReset, self.exchanges_proxy.rowsRemoved,
                       self.exchanges_proxy.layoutChanged):
            signal.connect(lambda *_: self._update_state())
        self.merge_button.clicked.connect(self.on_merge_clicked)
        self.merge_combo.currentIndexChanged.connect(lambda *_: self._update_state())

    # -- the page interface -----------------------------------------------------------------------------

    def attach(self, ctx: PageContext) -> None:
        """The database is open: settling and merging become possible."""
        self.ctx = ctx
        self._update_state()

    def focus_search(self) -> None:
        focus_search(self.search)

    def load(self, services: Services) -> dict[str, Any]:
        """The ledger summary and the time (runs in the database thread)."""
        return {"summary": services.ledger.summary(), "now": services.clock.now(), "tz": services.clock.tz}

    def set_data(self, data: Any) -> None:
        """Fresh balances; the selected contact stays selected and their exchanges reload."""
        summary = data["summary"]
        self._tz, self._now = data["tz"], data["now"]
        self._contacts = list(summary["contacts"])  # every contact: the merge may fold into one with no helps
        shown = [r for r in summary["contacts"] if in_ledger(r)]
        self._restoring = True
        try:
            self.contact_model.set_time(self._tz, self._now)
            self.contact_model.set_rows(shown)
            self.group_model.set_rows(summary["groups"])
            found = self._select(self.current_id)
            if found is None:  # rows went from under the current index: Qt may have selected a neighbour
                self.contacts_view.clearSelection()
        finally:
            self._restoring = False
        self._fill_list(self.owe_list, summary["you_owe"], self._owe_text)
        self._fill_list(self.takes_list, summary["only_takes"], self._takes_text)
        self._show_empty(not shown)
        if found is None:
            self._show_contact(None)
        else:
            self._show_contact(found, keep_exchanges=True)
            self._spawn_drill_down(found["contact_id"])

    def _show_empty(self, empty: bool) -> None:
        """An empty ledger shows its empty state where the balance tables were."""
        self.empty_label.setVisible(empty)
        for widget in (self.contacts_heading, self.contacts_view, self.groups_heading, self.groups_view):
            widget.setVisible(not empty)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = event.size().height()
        for widget in (self.owe_list, self.takes_list):
            widget.set_max_height(max(60, int(height * LIST_SHARE)))
        self.history_list.set_max_height(max(48, int(height * HISTORY_SHARE)))

    def _owe_text(self, row: dict[str, Any]) -> str:
        return self.tr("{name}: helped you {count} more times").format(name=row["nickname"], count=-row["balance"])

    def _takes_text(self, row: dict[str, Any]) -> str:
        return self.tr("{name}: {count} helps in 30 days, none back").format(
            name=row["nickname"], count=row["given_last_30_days"])

    def _fill_list(self, widget: QListWidget, rows: Sequence[dict[str, Any]], text: Any) -> None:
        widget.clear()
        for row in rows:
            item = QListWidgetItem(text(row))
            item.setToolTip(self.tr("Show {name}'s exchanges").format(name=row["nickname"]))
            item.setData(Qt.ItemDataRole.UserRole, row["contact_id"])
            widget.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("Nobody"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)

    # -- selection and drill-down -----------------------------------------------------------------------

    def _select(self, contact_id: str | None) -> dict[str, Any] | None:
        return select_record(self.contacts_view, self.contacts_proxy, "contact_id", contact_id)

    def select_contact(self, contact_id: str) -> bool:
        """Select a contact as a click on their row would; False when they are not in the ledger."""
        self.search.clear()
        row = self._select(contact_id)
        return row is not None

    def current_row(self) -> dict[str, Any] | None:
        if self.current_id is None:
            return None
        return next((r for r in self._contacts if r["contact_id"] == self.current_id), None)

    def _show_contact(self, row: dict[str, Any] | None, *, keep_exchanges: bool = False) -> None:
        same = row is not None and row["contact_id"] == self.current_id
        self.current_id = None if row is None else row["contact_id"]
        if not keep_exchanges:
            self.exchange_model.set_rows([], self._tz, self._now)
            self.show_settlements([])
        if row is None:
            self.heading.setText(self.tr("Pick a contact"))
            self.summary_label.setText(self.tr("Select a contact to see the exchanges behind their balance."))
        else:
            self.heading.setText(str(row["nickname"]))
            since = (self.tr("since {when}").format(when=local_time(row["since"], self._tz, self._now))
                     if row.get("since") else self.tr("since the start"))
            text = self.tr(
                "Balance {balance} {since}: you helped {given}× ({given_fen}), they helped {received}× "
                "({received_fen})."
            ).format(balance=signed(row["balance"]), since=since, given=row["given_count"],
                     given_fen=money(row["given_fen"]), received=row["received_count"],
                     received_fen=money(row["received_fen"]))
            if row.get("settled"):
                text += " " + self.tr("Helps settled in part since: {count}.").format(count=abs(int(row["settled"])))
            self.summary_label.setText(text)
        self._fill_merge_combo(keep=same)
        self._update_state()

    def _fill_merge_combo(self, *, keep: bool) -> None:
        """The other contacts, by name; no choice made (a merge is chosen, never preselected), or the one made
        for this contact when its row is only refreshed (``keep``)."""
        chosen = self.merge_combo.currentData() if keep else None
        self.merge_combo.blockSignals(True)
        try:
            self.merge_combo.clear()
            for row in sorted(self._contacts, key=lambda r: r["nickname"]):
                if row["contact_id"] != self.current_id:
                    self.merge_combo.addItem(str(row["nickname"]), row["contact_id"])
            self.merge_combo.setCurrentIndex(self.merge_combo.findData(chosen) if chosen else -1)
        finally:
            self.merge_combo.blockSignals(False)

    def how_label(self, how: str) -> str:
        return settle_how_labels().get(how, how)

    def settlement_text(self, row: dict[str, Any]) -> str:
        """One past settlement: when, how, how much or how many, and its note."""
        parts = [local_time(row["at"], self._tz, self._now), self.how_label(row["how"])]
        if row.get("helps"):
            parts.append(self.tr("helps settled: {count}").format(count=abs(int(row["helps"]))))
        if row.get("amount_fen") is not None:
            parts.append(money(row["amount_fen"]))
        if row.get("note"):
            parts.append(str(row["note"]))
        return " · ".join(parts)

    def show_settlements(self, rows: Sequence[dict[str, Any]]) -> None:
        """The contact's past settlements, newest first; the history hides while there are none."""
        self.history_list.clear()
        for row in rows:
            item = QListWidgetItem(self.settlement_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.history_list.addItem(item)
        self.history_heading.setVisible(bool(rows))
        self.history_list.setVisible(bool(rows))

    def _spawn_drill_down(self, contact_id: str) -> None:
        if self.ctx is None:
            return
        self._spawn(self.load_contact(contact_id), "ledger drill-down")

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        """Start ``coro`` on the runner when an event loop runs (in the app, always); otherwise drop it."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            return
        assert self.ctx is not None
        if self._drill_task is not None and not self._drill_task.done() and name == "ledger drill-down":
            self._drill_task.cancel()
        task = self.ctx.runner.spawn(coro, name=name)
        if name == "ledger drill-down":
            self._drill_task = task

    async def load_contact(self, contact_id: str) -> dict[str, Any] | None:
        """Read one contact's exchanges in the worker and show them, unless another contact was picked meanwhile."""
        if self.ctx is None:
            return None
        data = await self.ctx.read(self.ctx.services.ledger.contact, contact_id)
        if contact_id != self.current_id:
            return None
        chosen = self.selected_exchange()
        self.exchange_model.set_rows(data["exchanges"], self._tz, self._now)
        self._reselect_exchange(None if chosen is None else chosen["id"])
        self.show_settlements(data.get("settlements", []))
        return data

    def _reselect_exchange(self, exchange_id: str | None) -> None:
        """The exchange selected before a reload stays selected when it is still there; else none is."""
        self.exchanges_view.clearSelection()
        if exchange_id is not None:
            select_record(self.exchanges_view, self.exchanges_proxy, "id", exchange_id)
        self._update_state()

    # -- slots ------------------------------------------------------------------------------------------

    def on_search_text_changed(self, text: str) -> None:
        self.contacts_proxy.setFilterFixedString(text.strip())

    def on_contact_selection_changed(self, *_: Any) -> None:
        if self._restoring:
            return
        rows = self.contacts_view.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].data(ROW_ROLE)
        self._show_contact(row)
        self._spawn_drill_down(row["contact_id"])

    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        if contact_id:
            self.select_contact(contact_id)

    # -- writes -----------------------------------------------------------------------------------------

    # -- state ------------------------------------------------------------------------------------------

    def _update_state(self) -> None:
        row = self.current_row()
        ready = self.ctx is not None and not self._busy and row is not None
        self.settle_button.setEnabled(ready)
        self.remind_button.setEnabled(ready and row is not None and row["balance"] > 0)
        chosen = ready and bool(self.exchanges_view.selectionModel().selectedRows())
        self.delete_exchange_button.setEnabled(chosen)
        self.edit_exchange_button.setEnabled(chosen)
        self.merge_combo.setEnabled(ready and self.merge_combo.count() > 0)
        self.merge_button.setEnabled(ready and self.merge_combo.currentData() is not None)
