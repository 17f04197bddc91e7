"""The Ledger page (互助余额): balances per contact and per group, who you owe, who only takes, and each exchange.

Selecting a contact loads the exchanges behind their balance (``services.ledger.contact``) through the runner;
from there the user settles up ("we are even") or merges the contact into another that is the same person.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.format import local_time, money, signed
from app.ui.models import ROW_ROLE, SORT_ROLE, Index, _RowsModel
from app.ui.quick_log import QuickLogDialog, load_choices
from app.ui.selection import select_record
from app.ui.text_style import DETAIL_HEADING, heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OWED_COLOR = QColor("#c0392b")
_AHEAD_COLOR = QColor("#2e8b57")
_MUTED_COLOR = QColor("#8a8a8a")


def _balance_color(balance: int) -> QColor | None:
    if balance < 0:
        return _OWED_COLOR
    if balance > 0:
        return _AHEAD_COLOR
    return None


class _BalanceModel(_RowsModel):
    """Shared by the two balance tables: counts, signed balance and yuan, right-aligned and colored."""

    NAME_KEY = "name"
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
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_BALANCE:
                return _balance_color(row["balance"])
            if row.get("archived"):
                return _MUTED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_BALANCE:
            return self.tr("Helps given minus helps received since the last settlement")
        return None


class LedgerContactModel(_BalanceModel):
    """Per contact (``summary()["contacts"]``): nickname, balance, given, received, given ¥, received ¥, since."""

    NAME_KEY = "nickname"
    COL_SINCE = 6
    COLUMN_COUNT = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)

    def _headers(self) -> Sequence[str]:
        return (self.tr("Contact"), self.tr("Balance"), self.tr("Given"), self.tr("Received"), self.tr("Given ¥"),
                self.tr("Received ¥"), self.tr("Since"))

    def set_time(self, tz: dt.tzinfo, now: dt.datetime) -> None:
        self._tz, self._now = tz, now

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

    def _headers(self) -> Sequence[str]:
        return (self.tr("Group"), self.tr("Balance"), self.tr("Given"), self.tr("Received"), self.tr("Given ¥"),
                self.tr("Received ¥"))

    def name(self, row: dict[str, Any]) -> str:
        return str(row["name"]) if row.get("name") else self.tr("No group")


class ExchangeTableModel(_RowsModel):
    """One contact's exchanges since the last settlement (``ledger.contact(id)["exchanges"]``), newest first."""

    COL_DATE, COL_DIRECTION, COL_KIND, COL_AMOUNT, COL_NOTE = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)

    def _headers(self) -> Sequence[str]:
        return (self.tr("Date"), self.tr("Direction"), self.tr("Kind"), self.tr("¥"), self.tr("Note"))

    def kind_labels(self) -> dict[str, str]:
        return {"bargain_cut": self.tr("Bargain cut"), "join_group": self.tr("Joined group buy"),
                "boost_click": self.tr("Boost click"), "share": self.tr("Shared"), "other": self.tr("Other help")}

    def direction_labels(self) -> dict[str, str]:
        return {"given": self.tr("You helped"), "received": self.tr("Helped you")}

    def set_rows(self, rows: Sequence[dict[str, Any]], tz: dt.tzinfo | None = None,
                 now: dt.datetime | None = None) -> None:
        self._tz = tz or self._tz
        self._now = now or self._now
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
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_DIRECTION:
            return _AHEAD_COLOR if row["direction"] == "given" else _OWED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_NOTE and row.get("note"):
            return row["note"]
        return None


def _table(model: _RowsModel, name: str, stretch: int, sort_column: int, order: Qt.SortOrder,
           parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, order)
    return view, proxy


class LedgerPage(QWidget):
    """Reciprocity at a glance: balances per contact and group, and the exchanges behind one contact's balance."""

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

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setMaximumHeight(96)
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return widget

    def _build(self) -> None:
        self.title = heading(self.tr("Ledger"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search contacts by nickname"))
        self.search.setAccessibleName(self.tr("Search the ledger"))
        self.search.setClearButtonEnabled(True)

        self.contacts_view, self.contacts_proxy = _table(
            self.contact_model, self.tr("Balance per contact"), LedgerContactModel.COL_NAME,
            LedgerContactModel.COL_BALANCE, Qt.SortOrder.AscendingOrder, self)
        self.contacts_proxy.setFilterKeyColumn(LedgerContactModel.COL_NAME)
        self.groups_view, self.groups_proxy = _table(
            self.group_model, self.tr("Balance per group"), LedgerGroupModel.COL_NAME,
            LedgerGroupModel.COL_NAME, Qt.SortOrder.AscendingOrder, self)
        self.empty_label = QLabel(self.tr("Nothing in the ledger yet. Log a help given or received (Ctrl+N)."))
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.search)
        left_layout.addWidget(heading(self.tr("Per contact"), 1.0))
        left_layout.addWidget(self.contacts_view, 3)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(heading(self.tr("Per group"), 1.0))
        left_layout.addWidget(self.groups_view, 2)

        self.owe_list = self._list(self.tr("You owe"))
        self.takes_list = self._list(self.tr("Only takes"))
        owe_box = QVBoxLayout()
        owe_box.addWidget(heading(self.tr("You owe"), 1.0))
        owe_box.addWidget(self.owe_list)
        takes_box = QVBoxLayout()
        takes_box.addWidget(heading(self.tr("Only takes"), 1.0))
        takes_box.addWidget(self.takes_list)
        lists = QHBoxLayout()
        lists.addLayout(owe_box)
        lists.addLayout(takes_box)

        self.detail = QFrame()
        self.detail.setObjectName("detail")
        self.heading = heading(factor=DETAIL_HEADING)
        self.heading.setObjectName("detailHeading")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("contactSummary")
        self.summary_label.setWordWrap(True)
        self.exchanges_view, self.exchanges_proxy = _table(
            self.exchange_model, self.tr("Exchanges with this contact"), ExchangeTableModel.COL_NOTE,
            ExchangeTableModel.COL_DATE, Qt.SortOrder.DescendingOrder, self)
        self.settle_button = QPushButton(self.tr("Settle up"))
        self.settle_button.setAccessibleName(self.tr("Settle up with this contact"))
        self.settle_button.setToolTip(self.tr("We are even: the balance counts from now"))
        self.merge_combo = QComboBox()
        self.merge_combo.setAccessibleName(self.tr("Contact to merge into"))
        self.merge_combo.setMinimumContentsLength(10)
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_exchange_button)
        buttons.addWidget(self.delete_exchange_button)
        buttons.addStretch(1)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.settle_button)
        contact_buttons.addStretch(1)
        contact_buttons.addWidget(self.merge_button)
        contact_buttons.addWidget(self.merge_combo)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(16, 12, 16, 12)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.summary_label)
        detail_layout.addWidget(self.exchanges_view, 1)
        detail_layout.addLayout(buttons)
        detail_layout.addLayout(contact_buttons)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(lists)
        right_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(splitter)
        self.setStyleSheet(
            "QFrame#detail { background: palette(base); border: 1px solid palette(midlight); border-radius: 8px; }"
            " QLabel#emptyText { color: palette(placeholder-text); }"
        )
        chain: list[QWidget] = [self.search, self.contacts_view, self.groups_view, self.owe_list, self.takes_list,
                                self.exchanges_view, self.settle_button, self.merge_button, self.merge_combo]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.on_search_text_changed)
        self.contacts_view.selectionModel().selectionChanged.connect(self.on_contact_selection_changed)
        self.owe_list.itemActivated.connect(self.on_list_item_activated)
        self.owe_list.itemClicked.connect(self.on_list_item_activated)
        self.takes_list.itemActivated.connect(self.on_list_item_activated)
        self.takes_list.itemClicked.connect(self.on_list_item_activated)
        self.settle_button.clicked.connect(self.on_settle_clicked)
        self.delete_exchange_button.clicked.connect(self.on_delete_exchange_clicked)
        self.edit_exchange_button.clicked.connect(self.on_edit_exchange_clicked)
        self.exchanges_view.activated.connect(self.on_edit_exchange_clicked)
        self.exchanges_view.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        self.merge_button.clicked.connect(self.on_merge_clicked)
        self.merge_combo.currentIndexChanged.connect(lambda *_: self._update_state())

    # -- the page interface -----------------------------------------------------------------------------

    def attach(self, ctx: PageContext) -> None:
        """The database is open: settling and merging become possible."""
        self.ctx = ctx
        self._update_state()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def load(self, services: Services) -> dict[str, Any]:
        """The ledger summary and the time (runs in the database thread)."""
        return {"summary": services.ledger.summary(), "now": services.clock.now(), "tz": services.clock.tz}

    def set_data(self, data: Any) -> None:
        """Fresh balances; the selected contact stays selected and their exchanges reload."""
        summary = data["summary"]
        self._tz, self._now = data["tz"], data["now"]
        self._contacts = list(summary["contacts"])
        self._restoring = True
        try:
            self.contact_model.set_time(self._tz, self._now)
            self.contact_model.set_rows(summary["contacts"])
            self.group_model.set_rows(summary["groups"])
            found = self._select(self.current_id)
        finally:
            self._restoring = False
        self._fill_list(self.owe_list, summary["you_owe"], self._owe_text)
        self._fill_list(self.takes_list, summary["only_takes"], self._takes_text)
        self.empty_label.setVisible(not any(r["given_count"] or r["received_count"] for r in summary["contacts"]))
        if found is None:
            self._show_contact(None)
        else:
            self._show_contact(found, keep_exchanges=True)
            self._spawn_drill_down(found["contact_id"])

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
        self.current_id = None if row is None else row["contact_id"]
        if not keep_exchanges:
            self.exchange_model.set_rows([], self._tz, self._now)
        if row is None:
            self.heading.setText(self.tr("Pick a contact"))
            self.summary_label.setText(self.tr("Select a contact to see the exchanges behind their balance."))
        else:
            self.heading.setText(str(row["nickname"]))
            since = (self.tr("since {when}").format(when=local_time(row["since"], self._tz, self._now))
                     if row.get("since") else self.tr("since the start"))
            self.summary_label.setText(self.tr(
                "Balance {balance} {since}: you helped {given}× ({given_fen}), they helped {received}× "
                "({received_fen})."
            ).format(balance=signed(row["balance"]), since=since, given=row["given_count"],
                     given_fen=money(row["given_fen"]), received=row["received_count"],
                     received_fen=money(row["received_fen"])))
        self._fill_merge_combo()
        self._update_state()

    def _fill_merge_combo(self) -> None:
        chosen = self.merge_combo.currentData()
        self.merge_combo.blockSignals(True)
        try:
            self.merge_combo.clear()
            for row in sorted(self._contacts, key=lambda r: r["nickname"]):
                if row["contact_id"] != self.current_id:
                    self.merge_combo.addItem(str(row["nickname"]), row["contact_id"])
            index = self.merge_combo.findData(chosen) if chosen else -1
            self.merge_combo.setCurrentIndex(index if index >= 0 else (0 if self.merge_combo.count() else -1))
        finally:
            self.merge_combo.blockSignals(False)

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
        self.exchange_model.set_rows(data["exchanges"], self._tz, self._now)
        return data

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

    def on_settle_clicked(self) -> None:
        spawn_if_attached(self, self.settle, "settle")

    def on_merge_clicked(self) -> None:
        spawn_if_attached(self, self.merge, "merge")

    # -- writes -----------------------------------------------------------------------------------------

    async def settle(self) -> bool:
        """"We are even" with the selected contact, after asking; their balance counts from now."""
        row = self.current_row()
        if self.ctx is None or row is None or self._busy:
            return False
        text = self.tr("Settle up with {name}? Their balance of {balance} starts again from zero.").format(
            name=row["nickname"], balance=signed(row["balance"]))
        if not await self._confirm(text, self.tr("Settle up?")):
            return False
        self._set_busy(True)
        try:
            result = await self.ctx.write(self.ctx.services.ledger.settle, row["contact_id"], parent=self)
        finally:
            self._set_busy(False)
        if result is None:
            return False
        self.exchange_model.set_rows([], self._tz, self._now)  # the refresh after the write brings the balance
        return True

    def on_delete_exchange_clicked(self) -> None:
        spawn_if_attached(self, self.delete_exchange, "delete exchange")

    def on_edit_exchange_clicked(self, *_: Any) -> None:
        spawn_if_attached(self, self.edit_exchange, "edit exchange")

    async def edit_exchange(self) -> QuickLogDialog | None:
        """Open the selected exchange in the quick-log form to correct it (the game recomputes on save)."""
        editor = self._editor
        if editor is not None and shiboken6.isValid(editor) and editor.isVisible():
            editor.raise_()  # one editor at a time (a double-click is two activations)
            editor.activateWindow()
            return editor
        exchange = self.selected_exchange()
        row = self.current_row()
        if self.ctx is None or exchange is None or row is None or self._busy or self._opening_editor:
            return None
        services = self.ctx.services
        self._opening_editor = True
        try:
            (contacts, groups), names = await self.ctx.read(
                lambda: (load_choices(services), services.queries.names()))
        finally:
            self._opening_editor = False
        if not shiboken6.isValid(self):
            return None
        dialog = QuickLogDialog(self.ctx, None, parent=self)
        self._editor = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_choices(contacts, groups)
        dialog.start_edit(exchange, row["nickname"], names["group"].get(exchange.get("group_id") or ""))
        dialog.open()
        return dialog

    def selected_exchange(self) -> dict[str, Any] | None:
        rows = self.exchanges_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.exchange_model.row(rows[0].row())

    async def delete_exchange(self) -> bool:
        """Delete the selected help exchange, after asking (the services' correction; the game recomputes)."""
        exchange = self.selected_exchange()
        if self.ctx is None or exchange is None or self._busy:
            return False
        if not await self._confirm(self.tr("Delete this help exchange? The history keeps a note that it was removed."),
                             self.tr("Delete exchange?")):
            return False
        self._set_busy(True)
        try:
            result = await self.ctx.write(self.ctx.services.helps.delete, exchange["id"], parent=self)
        finally:
            self._set_busy(False)
        return result is not None

    async def merge(self) -> bool:
        """Fold the selected contact into the one chosen in the combo, after asking."""
        row = self.current_row()
        keep = self.merge_combo.currentData()
        if self.ctx is None or row is None or not keep or self._busy:
            return False
        text = self.tr(
            "Merge {other} into {keep}? {other}'s helps, cuts and groups move to {keep}, and {other} is removed. "
            "This cannot be undone."
        ).format(other=row["nickname"], keep=self.merge_combo.currentText())
        if not await self._confirm(text, self.tr("Merge contacts?")):
            return False
        self._set_busy(True)
        try:
            result = await self.ctx.write(self.ctx.services.contacts.merge, keep, row["contact_id"], parent=self)
        finally:
            self._set_busy(False)
        if result is None:
            return False
        self._contacts = [r for r in self._contacts if r["contact_id"] != row["contact_id"]]
        self.current_id = keep  # the refresh after the write selects the kept contact
        self._show_contact(next((r for r in self._contacts if r["contact_id"] == keep), None))
        return True

    async def _confirm(self, text: str, title: str | None = None) -> bool:
        return await confirm(self, title or self.tr("Are you sure?"), text)

    # -- state ------------------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_state()

    def _update_state(self) -> None:
        row = self.current_row()
        ready = self.ctx is not None and not self._busy and row is not None
        self.settle_button.setEnabled(ready)
        chosen = ready and bool(self.exchanges_view.selectionModel().selectedRows())
        self.delete_exchange_button.setEnabled(chosen)
        self.edit_exchange_button.setEnabled(chosen)
        self.merge_combo.setEnabled(ready and self.merge_combo.count() > 0)
        self.merge_button.setEnabled(ready and self.merge_combo.currentData() is not None)
