"""A contact's page inside the Contacts page: their balance in words (互助往来), every exchange with them, their
groups and deals, and the form that edits them, as tabs under the contact's name.

The data are ``services.contacts.detail(id)`` (plain records); the exchanges are a table model over them, so a
contact with thousands of exchanges costs one row of widgets, not thousands: rows have one fixed height and the
columns fixed starting widths, so Qt never measures every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.format import count_text, local_time, money, parse_utc
from app.ui.models import _BalanceModel
from app.ui.parts import (
    MUTED_COLOR,
    NEGATIVE_COLOR,
    POSITIVE_COLOR,
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    balance_color,
    deal_kind_labels,
    deal_status_labels,
    hbox,
    help_kind_labels,
    sort_proxy,
    table_view,
)
from app.ui.rows_model import TimedRowsModel
from app.ui.text_style import heading, scaled_font


class ContactExchangeModel(TimedRowsModel):
    """Every exchange with one contact (``contacts.detail(id)["exchanges"]``): date, direction, kind, ¥, group,
    deal, note. Exchanges before the last settlement (not in the balance) are greyed."""

    COL_DATE, COL_DIRECTION, COL_KIND, COL_AMOUNT, COL_GROUP, COL_DEAL, COL_NOTE = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # Read once, not per cell: a sort of thousands of rows by kind asks for a label at every comparison.
        self._kinds = help_kind_labels()
        self._directions = self.direction_labels()

    def _headers(self) -> Sequence[str]:
        return (self.tr("Date"), self.tr("Direction"), self.tr("Kind"), self.tr("¥"), self.tr("Group"),
                self.tr("Deal"), self.tr("Note"))

    def direction_labels(self) -> dict[str, str]:
        return {"given": self.tr("You helped"), "received": self.tr("Helped you")}

    def kind_label(self, kind: str) -> str:
        return self._kinds.get(kind, kind)

    def time_text(self, row: dict[str, Any]) -> str:
        return local_time(row["at"], self._tz, self._now)

    def set_rows(self, rows: Sequence[dict[str, Any]], tz: dt.tzinfo | None = None,
                 now: dt.datetime | None = None) -> None:
        self.set_time(tz, now)
        self._replace(list(rows))

    def _display(self, row: dict[str, Any], col: int) -> str:
        if col == self.COL_DATE:
            return self.time_text(row)
        if col == self.COL_DIRECTION:
            return self._directions.get(row["direction"], row["direction"])
        if col == self.COL_KIND:
            return self.kind_label(row["kind"])
        if col == self.COL_AMOUNT:
            return money(row["amount_fen"]) if row.get("amount_fen") is not None else ""
        key = {self.COL_GROUP: "group_name", self.COL_DEAL: "deal_title", self.COL_NOTE: "note"}.get(col)
        return str(row.get(key) or "") if key else ""

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_DATE:
                return row["at"]
            if col == self.COL_AMOUNT:
                return row.get("amount_fen") or 0
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_AMOUNT:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.get("counted", True):
                return MUTED_COLOR
            if col == self.COL_DIRECTION:
                return POSITIVE_COLOR if row["direction"] == "given" else NEGATIVE_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.get("counted", True):
                return self.tr("Before your last settlement: not in the balance")
            if col in (self.COL_GROUP, self.COL_DEAL, self.COL_NOTE):
                return self._display(row, col) or None
        return None


class ContactGroupModel(_BalanceModel):
    """The contact's groups (``detail["groups"]``) and what was exchanged in each: balance, counts, yuan."""

    KEY = "id"

    def _headers(self) -> Sequence[str]:
        return (self.tr("Group"), self.tr("Balance"), self.tr("You helped"), self.tr("Helped you"),
                self.tr("Given ¥"), self.tr("Received ¥"))

    def name(self, row: dict[str, Any]) -> str:
        if not row.get("member"):
            return self.tr("{name} (no longer a member)").format(name=row["name"])
        if row.get("archived"):
            return self.tr("{name} (archived)").format(name=row["name"])
        return str(row["name"])


class ContactDealModel(TimedRowsModel):
    """The deals the contact helped with or was helped on (``detail["deals"]``): title, kind, status, counts, cut."""

    COL_TITLE, COL_KIND, COL_STATUS, COL_GIVEN, COL_RECEIVED, COL_CUT = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kinds = deal_kind_labels()
        self._statuses = deal_status_labels()

    def _headers(self) -> Sequence[str]:
        return (self.tr("Deal"), self.tr("Kind"), self.tr("Status"), self.tr("You helped"), self.tr("Helped you"),
                self.tr("Cut ¥"))

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._replace(list(rows))

    def _display(self, row: dict[str, Any], col: int) -> str:
        return (
            str(row["title"]),
            self._kinds.get(row["kind"], row["kind"]),
            self._statuses.get(row["status"], row["status"]),
            count_text(row["given_count"]),
            count_text(row["received_count"]),
            money(row["cut_fen"]) if row["cut_fen"] else "",
        )[col]

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            numbers = {self.COL_GIVEN: "given_count", self.COL_RECEIVED: "received_count", self.COL_CUT: "cut_fen"}
            return row[numbers[col]] if col in numbers else self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_GIVEN:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and row["status"] != "open":
            return MUTED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_CUT:
            return self.tr("Cut off the price in the bargain cuts exchanged with this contact")
        return None


def _exchange_table(name: str, model: ContactExchangeModel) -> QTableView:
    """The exchanges' table: one fixed row height and set column widths (:meth:`ContactDetailView.fit_columns`),
    the note taking the rest; nothing measured per row, whatever their number."""
    view = table_view(name, sort_proxy(model, model), sort_column=model.COL_DATE, order=Qt.SortOrder.DescendingOrder)
    view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(max(24, view.fontMetrics().height() + 8))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class ContactDetailView(QWidget):
    """The contact's balance in words above three tabs: their exchanges (with Edit and Delete), their groups and
    deals, and ``form`` (the page's fields to edit them)."""

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exchange_model = ContactExchangeModel(self)
        self.group_model = ContactGroupModel(self)
        self.deal_model = ContactDealModel(self)
        self.contact_id: str | None = None  # whose detail is shown
        self.detail: dict[str, Any] | None = None
        self._build(form)

    def _build(self, form: QWidget) -> None:
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("contactVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setFont(scaled_font(self.verdict_label, 1.0, bold=True))
        self.summary_label = QLabel()
        self.summary_label.setObjectName("contactSummary")
        self.summary_label.setAccessibleName(self.tr("Balance with this contact"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.exchanges_view = _exchange_table(self.tr("Exchanges with this contact"), self.exchange_model)
        self.exchanges_proxy = self.exchanges_view.model()
        self.edit_button = QPushButton(self.tr("&Edit exchange…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected exchange"))
        self.edit_button.setToolTip(self.tr("Correct who, what, how much or when (double-click works too)"))
        self.delete_button = QPushButton(self.tr("De&lete exchange…"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected exchange"))
        self.delete_button.setToolTip(self.tr("A help logged by mistake: remove it (the history keeps a note)"))
        self.exchanges_empty = QLabel(self.tr("No help exchanged yet. Log one with Ctrl+N."))
        self.exchanges_empty.setObjectName("emptyText")
        self.exchanges_empty.setWordWrap(True)
        exchanges = QWidget()
        box = QVBoxLayout(exchanges)
        box.setContentsMargins(0, 8, 0, 0)
        box.addWidget(self.exchanges_view, 1)
        box.addWidget(self.exchanges_empty)
        box.addLayout(hbox(self.edit_button, self.delete_button, None))

        self.groups_view = table_view(self.tr("Groups of this contact"), sort_proxy(self.group_model, self),
                                      stretch=ContactGroupModel.COL_NAME, sort_column=ContactGroupModel.COL_NAME)
        self.deals_view = table_view(self.tr("Deals with this contact"), sort_proxy(self.deal_model, self),
                                     stretch=ContactDealModel.COL_TITLE)
        self.groups_empty = QLabel(self.tr("In no group."))
        self.deals_empty = QLabel(self.tr("No deal yet."))
        for label in (self.groups_empty, self.deals_empty):
            label.setObjectName("emptyText")
        places = QWidget()
        box = QVBoxLayout(places)
        box.setContentsMargins(0, 8, 0, 0)
        for title, view, empty, stretch in ((self.tr("Groups"), self.groups_view, self.groups_empty, 1),
                                            (self.tr("Deals"), self.deals_view, self.deals_empty, 2)):
            box.addWidget(heading(title, 1.0))
            box.addWidget(view, stretch)
            box.addWidget(empty)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("About this contact"))
        self.tabs.setDocumentMode(True)
        self.exchanges_tab = self.tabs.addTab(exchanges, "")
        self.places_tab = self.tabs.addTab(places, "")
        self.form_tab = self.tabs.addTab(form, self.tr("&Details"))
        self.tabs.setTabToolTip(self.form_tab, self.tr("Nickname, trust, WeChat ID, phone, groups and notes"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        self.show_detail(None)

    # -- what it shows -----------------------------------------------------------------------------------

    def show_loading(self, contact_id: str) -> None:
        """A contact was picked whose page is being read: the last one's goes, the tab chosen stays."""
        self.contact_id = contact_id
        self.detail = None
        for model in (self.exchange_model, self.group_model, self.deal_model):
            model.set_rows([])
        self.verdict_label.setText(self.tr("Loading…"))
        self.verdict_label.setStyleSheet("")
        self.verdict_label.show()
        self.summary_label.hide()

    def show_detail(self, detail: dict[str, Any] | None, tz: dt.tzinfo | None = None,
                    now: dt.datetime | None = None) -> None:
        """Show ``contacts.detail(id)`` (None: no contact, a new one being written: only the form)."""
        self.detail = detail
        self.contact_id = None if detail is None else str(detail["contact"]["id"])
        rows = detail["exchanges"] if detail else []
        self.exchange_model.set_rows(rows, tz, now)
        self.fit_columns(rows, now)
        self.group_model.set_rows(detail["groups"] if detail else [])
        self.deal_model.set_rows(detail["deals"] if detail else [])
        self.exchanges_empty.setVisible(detail is not None and not rows)
        self.exchanges_view.setVisible(bool(rows))
        self.groups_empty.setVisible(not self.group_model.rowCount())
        self.deals_empty.setVisible(not self.deal_model.rowCount())
        self.tabs.setTabText(self.exchanges_tab, self.tr("E&xchanges ({count})").format(count=count_text(len(rows))))
        places = len(detail["groups"]) + len(detail["deals"]) if detail else 0
        self.tabs.setTabText(self.places_tab, self.tr("Gro&ups and deals ({count})").format(count=count_text(places)))
        was_new = not self.tabs.isTabEnabled(self.exchanges_tab)
        for tab in (self.exchanges_tab, self.places_tab):
            self.tabs.setTabEnabled(tab, detail is not None)
        if detail is None:
            self.tabs.setCurrentIndex(self.form_tab)
        elif was_new:  # from a new contact's form to someone's page: their exchanges first
            self.tabs.setCurrentIndex(self.exchanges_tab)
        verdict, figures = self.summary(detail, tz or dt.UTC) if detail else ("", "")
        self.verdict_label.setText(verdict)
        self.summary_label.setText(figures)
        self.verdict_label.setVisible(detail is not None)
        self.summary_label.setVisible(bool(figures))
        balance = detail["balance"]["balance"] if detail else 0
        color = balance_color(balance)
        self.verdict_label.setStyleSheet(f"color: {color.name()};" if color is not None else "")
        self._fit_height(self.groups_view, self.group_model.rowCount())

    @staticmethod
    def _fit_height(view: QTableView, rows: int) -> None:
        """A short table no taller than its rows (up to six; it scrolls beyond), leaving the room to the next."""
        height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        view.setMaximumHeight(height + max(min(rows, 6), 1) * view.verticalHeader().defaultSectionSize() + 2)

    def fit_columns(self, rows: Sequence[dict[str, Any]], now: dt.datetime | None) -> None:
        """Columns as wide as their longest text can be (from the labels and sample texts, never by reading every
        row): dates need their year only when some exchange is from another year."""
        m = self.exchange_model
        year = (now or dt.datetime.now(dt.UTC)).year
        old = any(not str(r["at"]).startswith(str(year)) for r in rows[-1:])  # newest first: the oldest is last
        samples = {
            m.COL_DATE: ["2026-12-31 23:59" if old else "12-31 23:59",
                         *(m.time_text({"at": now - dt.timedelta(days=d)}) for d in (0, 1) if now)],
            m.COL_DIRECTION: list(m.direction_labels().values()),
            m.COL_KIND: list(help_kind_labels().values()),
            m.COL_AMOUNT: ["¥9,999.99"],
            m.COL_GROUP: ["宝妈拼团群群"],
            m.COL_DEAL: ["婴儿推车婴儿推车"],
        }
        metrics = self.exchanges_view.fontMetrics()
        for col, texts in samples.items():
            title = str(m.headerData(col, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(t) for t in [*texts, title])
            self.exchanges_view.setColumnWidth(col, widest + 20)

    def summary(self, detail: dict[str, Any], tz: dt.tzinfo) -> tuple[str, str]:
        """The balance in words: who owes whom; then the figures it counts, and every exchange ever."""
        name = str(detail["contact"]["nickname"])
        kept, totals = detail["balance"], detail["totals"]
        if not totals["given_count"] and not totals["received_count"]:
            return self.tr("No help exchanged with {name} yet.").format(name=name), ""
        balance = kept["balance"]
        if balance > 0:
            verdict = self.tr("{name} owes you: you helped them {count} more times than they helped you.")
        elif balance < 0:
            verdict = self.tr("You owe {name}: they helped you {count} more times than you helped them.")
        else:
            verdict = self.tr("You and {name} are even.")
        verdict = verdict.format(name=name, count=count_text(abs(balance)))
        figures = {"given": count_text(kept["given_count"]), "given_money": money(kept["given_fen"]),
                   "received": count_text(kept["received_count"]), "received_money": money(kept["received_fen"])}
        if kept.get("since"):
            counted = self.tr("Since you settled up on {date}: you helped them {given}× ({given_money}), they "
                              "helped you {received}× ({received_money}).").format(
                date=self._day(kept["since"], tz), **figures)
        else:
            counted = self.tr("You helped them {given}× ({given_money}), they helped you {received}× "
                              "({received_money}).").format(**figures)
        count = totals["given_count"] + totals["received_count"]
        first, last = self._day(totals["first"], tz), self._day(totals["last"], tz)
        if first == last:
            ever = self.tr("{count} exchanges in all, on {first}.")
        else:
            ever = self.tr("{count} exchanges in all, from {first} to {last}.")
        return verdict, "\n".join((counted, ever.format(count=count_text(count), first=first, last=last)))

    @staticmethod
    def _day(value: str | None, tz: dt.tzinfo) -> str:
        moment = parse_utc(value)
        return moment.astimezone(tz).date().isoformat() if moment else ""

    def selected_exchange(self) -> dict[str, Any] | None:
        rows = self.exchanges_view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def show_exchanges(self) -> None:
        """Bring the exchanges to the front, the keyboard in their table (Enter on a contact)."""
        if self.tabs.isTabEnabled(self.exchanges_tab):
            self.tabs.setCurrentIndex(self.exchanges_tab)
            self.exchanges_view.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.exchanges_view.currentIndex().row() < 0 and self.exchange_model.rowCount():
                self.exchanges_view.selectRow(0)

    def show_form(self) -> None:
        self.tabs.setCurrentIndex(self.form_tab)

