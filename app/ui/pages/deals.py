"""The Deals page (拼团 / 砍价 / 助力): a table of deals beside a form, with bargain progress and a live deadline.

The form reuses :class:`RecordPage`; below it a read-only view shows how far a deal has come: for a bargain each
helper's cut and what is left to cut, for a group buy who has joined and the price tiers, and the time left.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, PintuanError
from app.services.validate import yuan_to_fen
from app.ui.format import local_time, money, parse_utc, time_left
from app.ui.models import ROW_ROLE, SORT_ROLE, _RowsModel
from app.ui.pages.groups import _ARCHIVED_COLOR, ERROR_COLOR, RecordPage

if TYPE_CHECKING:
    from app.services import Services

_TIER_SEPARATORS = re.compile(r"[;；,，\n]")
_TIER = re.compile(r"^\s*(\d+)\s*[:：]\s*(\S+)\s*$")
_CLOSED_COLOR = QColor("#8a8a8a")
_OVERDUE_COLOR = QColor("#c0392b")
_STATUS_ORDER = ("open", "succeeded", "failed", "expired", "cancelled")
GROUP_COLUMN_WIDTH = 120


def _status_key(row: dict[str, Any]) -> float:
    """Sort by status (open first), then open deals by the soonest deadline, closed ones by the latest."""
    status = _STATUS_ORDER.index(row["status"]) if row["status"] in _STATUS_ORDER else len(_STATUS_ORDER)
    deadline = parse_utc(row.get("deadline"))
    if deadline is None:
        return status * 1e11 + 1e10  # no deadline: after the dated ones, open or closed
    moment = deadline.timestamp()
    return status * 1e11 + (moment if status == 0 else 1e10 - moment)
REFRESH_MS = 30_000


def _translate(text: str) -> str:
    return QCoreApplication.translate("DealsPage", text)


def parse_tiers(text: str) -> list[tuple[int, int]]:
    """``"2:39.90; 3:29.90"`` (participants:yuan) → ``[(2, 3990), (3, 2990)]``; raises :class:`InvalidInput`."""
    tiers = []
    for part in (p.strip() for p in _TIER_SEPARATORS.split(text)):
        if not part:
            continue
        match = _TIER.match(part)
        if match is None or int(match.group(1)) < 1:
            raise InvalidInput(
                _translate("'{tier}' is not a price tier: write participants:yuan, e.g. 3:29.90.").format(tier=part),
                "tiers",
            )
        tiers.append((int(match.group(1)), yuan_to_fen(match.group(2), "tier price")))
    return tiers


def tiers_text(tiers: Sequence[dict[str, Any]] | Sequence[tuple[int, int]]) -> str:
    """The record's tiers as the user types them: ``2:39.90; 3:29.90``."""
    parts = []
    for tier in tiers:
        people, fen = (tier["min_participants"], tier["price_fen"]) if isinstance(tier, dict) else tier
        parts.append(f"{people}:{fen // 100}.{fen % 100:02d}")
    return "; ".join(parts)


def yuan_text(fen: int | None) -> str:
    """Fen as the plain yuan a person types (``1250`` → ``12.50``), empty when unknown."""
    return "" if fen is None else f"{fen // 100}.{fen % 100:02d}"


def price_now(deal: dict[str, Any]) -> int | None:
    """What the deal costs now: a bargain's current price, a group buy's best tier reached, else the original."""
    if deal.get("kind") == "group_buy" and deal.get("tiers"):
        joined = deal.get("participants_joined") or 0
        reached = [t["price_fen"] for t in deal["tiers"] if t["min_participants"] <= joined]
        if reached:
            return min(reached)
        if deal.get("original_fen") is None:
            return deal["tiers"][0]["price_fen"]
    current = deal.get("current_fen")
    return deal.get("original_fen") if current is None else current


class DealTableModel(_RowsModel):
    """Deals (``services.queries.deals()``): title, kind, status, price now, deadline with time left, group."""

    COL_TITLE, COL_KIND, COL_STATUS, COL_PRICE, COL_DEADLINE, COL_GROUP = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._group_names: dict[str, str] = {}
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)

    def _headers(self) -> Sequence[str]:
        return (self.tr("Title"), self.tr("Kind"), self.tr("Status"), self.tr("Price now"), self.tr("Deadline"),
                self.tr("Group"))

    def kind_labels(self) -> dict[str, str]:
        return {"group_buy": self.tr("Group buy"), "bargain": self.tr("Bargain"), "boost": self.tr("Boost")}

    def status_labels(self) -> dict[str, str]:
        return {"open": self.tr("Open"), "succeeded": self.tr("Succeeded"), "failed": self.tr("Failed"),
                "expired": self.tr("Expired"), "cancelled": self.tr("Cancelled")}

    def set_context(self, group_names: dict[str, str], tz: dt.tzinfo, now: dt.datetime) -> None:
        """The group names, zone and time the next rows are shown with."""
        self._group_names, self._tz, self._now = dict(group_names), tz, now

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._replace([dict(r) for r in rows])

    def set_now(self, now: dt.datetime) -> None:
        """The clock moved on: the deadlines' time left is redrawn."""
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_DEADLINE), self.index(len(self._rows) - 1,
                                                                               self.COL_DEADLINE))

    def deadline_text(self, row: dict[str, Any], *, full: bool = False) -> str:
        """An open deal's time left (what matters while it runs; ``full``: with the deadline), else the deadline."""
        if not row.get("deadline"):
            return "—"
        when = local_time(row["deadline"], self._tz, self._now)
        if row.get("status") != "open":
            return when
        left = time_left(row["deadline"], self._now)
        return self.tr("{when} ({left})").format(when=when, left=left) if full else left

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_TITLE:
            return str(row["title"])
        if col == self.COL_KIND:
            return self.kind_labels().get(row["kind"], row["kind"])
        if col == self.COL_STATUS:
            status = self.status_labels().get(row["status"], row["status"])
            return self.tr("{status}, archived").format(status=status) if row.get("archived") else status
        if col == self.COL_PRICE:
            return money(price_now(row))
        if col == self.COL_DEADLINE:
            return self.deadline_text(row)
        if col == self.COL_GROUP:
            return self._group_names.get(row.get("group_id") or "", "") if row.get("group_id") else ""
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_PRICE:
                price = price_now(row)
                return -1 if price is None else price
            if col == self.COL_DEADLINE:
                return row.get("deadline") or "9999"
            if col == self.COL_STATUS:
                return _status_key(row)
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.get("archived"):
                return _ARCHIVED_COLOR
            if row.get("status") != "open":
                return _CLOSED_COLOR
            deadline = parse_utc(row.get("deadline"))
            if col == self.COL_DEADLINE and deadline is not None and deadline <= self._now:
                return _OVERDUE_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_TITLE:  # the whole title (the column may elide it), its link and notes
                return "\n".join(str(v) for v in (row.get("title"), row.get("url"), row.get("notes")) if v)
            if col == self.COL_GROUP:
                return self._display(row, col) or None
            if col == self.COL_DEADLINE:
                return self.deadline_text(row, full=True)
        return None


class CutTableModel(_RowsModel):
    """A bargain's cuts (``deal_record(...)["cuts"]``), newest first: who cut, how much, when."""

    COL_WHO, COL_AMOUNT, COL_WHEN = range(3)
    COLUMN_COUNT = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}
        self._tz: dt.tzinfo = dt.UTC
        self._now = dt.datetime.now(dt.UTC)

    def _headers(self) -> Sequence[str]:
        return (self.tr("Helper"), self.tr("Cut"), self.tr("When"))

    def set_rows(self, cuts: Sequence[dict[str, Any]], names: dict[str, str] | None = None,
                 tz: dt.tzinfo | None = None, now: dt.datetime | None = None) -> None:
        self._names = dict(names or {})
        self._tz = tz or self._tz
        self._now = now or self._now
        self._replace(sorted((dict(c) for c in cuts), key=lambda c: c.get("at") or "", reverse=True))

    def who(self, row: dict[str, Any]) -> str:
        if not row.get("contact_id"):
            return self.tr("Someone")
        return self._names.get(row["contact_id"], self.tr("Someone"))

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_WHO:
                return self.who(row)
            if col == self.COL_AMOUNT:
                return money(row["amount_fen"])
            if col == self.COL_WHEN:
                return local_time(row.get("at"), self._tz, self._now)
            return None
        if role == SORT_ROLE:
            if col == self.COL_AMOUNT:
                return row["amount_fen"]
            if col == self.COL_WHEN:
                return row.get("at") or ""
            return self.who(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DealsPage(RecordPage):
    """Group buys, bargains and boosts: prices, tiers, who cut how much, what is left and the time left."""

    NAME_COLUMN = DealTableModel.COL_TITLE
    STRETCH_COLUMN = DealTableModel.COL_TITLE
    NAME_KEY = "title"

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
        self._build_progress()
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

    def _fill_group_combo(self, chosen: str | None) -> None:
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("No group"), None)
        for group in sorted(self._groups, key=lambda g: g["name"]):
            if group["archived"] and group["id"] != chosen:
                continue
            self.group_combo.addItem(group["name"], group["id"])
        index = self.group_combo.findData(chosen) if chosen else 0
        self.group_combo.setCurrentIndex(max(index, 0))

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

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {ERROR_COLOR};")
        label.hide()
        return label

    def _yuan_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.on_form_edited)
        return edit

    @staticmethod
    def _box(*widgets: QWidget, vertical: bool = False) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box) if vertical else QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if vertical else 6)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def _build_form(self, form: QFormLayout) -> None:
        model = self.deal_model
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of deal"))
        for value, text in model.kind_labels().items():
            self.kind_combo.addItem(text, value)
        self.kind_combo.currentIndexChanged.connect(self.on_form_edited)
        self.kind_combo.currentIndexChanged.connect(self.on_kind_changed)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Deal title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. 婴儿推车"))
        self.title_edit.textChanged.connect(self.on_form_edited)
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Link"))
        self.url_edit.setPlaceholderText(self.tr("https://…"))
        self.url_edit.textChanged.connect(self.on_form_edited)
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(self.tr("Group"))
        self.group_combo.addItem(self.tr("No group"), None)
        self.group_combo.currentIndexChanged.connect(self.on_form_edited)
        self.mine_check = QCheckBox(self.tr("I started this deal"))
        self.mine_check.setAccessibleName(self.tr("My own deal"))
        self.mine_check.toggled.connect(self.on_form_edited)

        self.original_edit = self._yuan_edit(self.tr("Original price in yuan"), self.tr("Original ¥"))
        self.target_edit = self._yuan_edit(self.tr("Target price in yuan"), self.tr("Target ¥"))
        self.current_edit = self._yuan_edit(self.tr("Current price in yuan"), self.tr("Now ¥"))
        self.prices_error = self._error_label("pricesError")
        self.target_label = QLabel(self.tr("target"))
        self.current_label = QLabel(self.tr("now"))
        prices_row = self._box(self.original_edit, self.target_label, self.target_edit, self.current_label,
                               self.current_edit)
        prices_box = self._box(prices_row, self.prices_error, vertical=True)

        self.tiers_edit = QLineEdit()
        self.tiers_edit.setAccessibleName(self.tr("Price tiers"))
        self.tiers_edit.setPlaceholderText(self.tr("participants:yuan, e.g. 2:39.90; 3:29.90"))
        self.tiers_edit.textChanged.connect(self.on_form_edited)
        self.tiers_error = self._error_label("tiersError")
        tiers_box = self._box(self.tiers_edit, self.tiers_error, vertical=True)

        self.needed_spin = QSpinBox()
        self.needed_spin.setAccessibleName(self.tr("Participants needed"))
        self.needed_spin.setRange(0, 100_000)
        self.needed_spin.setSpecialValueText(self.tr("—"))
        self.needed_spin.valueChanged.connect(self.on_form_edited)
        self.joined_spin = QSpinBox()
        self.joined_spin.setAccessibleName(self.tr("Participants joined"))
        self.joined_spin.setRange(0, 100_000)
        self.joined_spin.valueChanged.connect(self.on_form_edited)
        joined_label = QLabel(self.tr("joined"))
        people_box = self._box(self.needed_spin, joined_label, self.joined_spin)

        self.deadline_check = QCheckBox(self.tr("Deadline"))
        self.deadline_check.setAccessibleName(self.tr("Has a deadline"))
        self.deadline_check.toggled.connect(self.on_deadline_toggled)
        self.deadline_edit = QDateTimeEdit()
        self.deadline_edit.setAccessibleName(self.tr("Deadline"))
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setEnabled(False)
        self.deadline_edit.dateTimeChanged.connect(self.on_form_edited)
        deadline_box = self._box(self.deadline_check, self.deadline_edit)
        deadline_box.layout().setStretch(1, 1)

        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(40)
        self.notes_edit.setMaximumHeight(60)
        self.notes_edit.textChanged.connect(self.on_form_edited)
        self.tiers_box, self.people_box = tiers_box, people_box
        for text, widget, buddy in (
            (self.tr("&Kind"), self.kind_combo, self.kind_combo),
            (self.tr("&Title"), self.title_edit, self.title_edit),
            (self.tr("&Link"), self.url_edit, self.url_edit),
            (self.tr("&Group"), self.group_combo, self.group_combo),
            ("", self.mine_check, None),
            (self.tr("&Prices"), prices_box, self.original_edit),
            (self.tr("T&iers"), tiers_box, self.tiers_edit),
            (self.tr("N&eeded"), people_box, self.needed_spin),
            (self.tr("&When"), deadline_box, self.deadline_check),
            (self.tr("N&otes"), self.notes_edit, self.notes_edit),
        ):
            form.addRow(text, widget)
            label = form.labelForField(widget)
            if isinstance(label, QLabel) and buddy is not None:
                label.setBuddy(buddy)
        self.on_kind_changed()

    def on_kind_changed(self, *_: Any) -> None:
        """Only the fields of the chosen kind: cut prices for a bargain, tiers for a group buy, counts for both."""
        kind = self.kind_combo.currentData()
        for widget in (self.target_label, self.target_edit, self.current_label, self.current_edit):
            widget.setVisible(kind == "bargain")
        self.form.setRowVisible(self.tiers_box, kind == "group_buy")
        self.form.setRowVisible(self.people_box, kind != "bargain")

    def _build_progress(self) -> None:
        """The read-only view of how far the deal has come, and its status buttons, above New/Save."""
        self.progress_frame = QFrame()
        self.progress_frame.setObjectName("progress")
        self.progress_heading = QLabel(self.tr("Progress"))
        font = self.progress_heading.font()
        font.setBold(True)
        self.progress_heading.setFont(font)
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        self.time_left_label.setAccessibleName(self.tr("Time left"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Deal progress"))
        self.progress_bar.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressText")
        self.progress_label.setWordWrap(True)
        self.left_label = QLabel()
        self.left_label.setObjectName("leftText")
        left_font = self.left_label.font()
        left_font.setBold(True)
        self.left_label.setFont(left_font)
        self.tiers_label = QLabel()
        self.tiers_label.setObjectName("tiersText")
        self.tiers_label.setWordWrap(True)
        self.cuts_view = QTableView()
        self.cuts_view.setAccessibleName(self.tr("Cuts of this bargain"))
        self.cuts_view.setModel(self.cut_model)
        self.cuts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cuts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cuts_view.setShowGrid(False)
        self.cuts_view.setAlternatingRowColors(True)
        self.cuts_view.setTabKeyNavigation(False)
        self.cuts_view.verticalHeader().setVisible(False)
        self.cuts_view.verticalHeader().setDefaultSectionSize(22)
        header = self.cuts_view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CutTableModel.COL_WHO, QHeaderView.ResizeMode.Stretch)
        self.cuts_view.setMinimumHeight(60)
        self.cuts_view.setMaximumHeight(110)

        self.succeeded_button = QPushButton(self.tr("Succeeded"))
        self.succeeded_button.setAccessibleName(self.tr("Mark the deal as succeeded"))
        self.failed_button = QPushButton(self.tr("Failed"))
        self.failed_button.setAccessibleName(self.tr("Mark the deal as failed"))
        self.cancel_button = QPushButton(self.tr("Cancel deal"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the deal"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setAccessibleName(self.tr("Reopen the deal"))
        self.succeeded_button.clicked.connect(lambda: self.on_status_clicked("succeeded"))
        self.failed_button.clicked.connect(lambda: self.on_status_clicked("failed"))
        self.cancel_button.clicked.connect(lambda: self.on_status_clicked("cancelled"))
        self.reopen_button.clicked.connect(lambda: self.on_status_clicked("open"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.succeeded_button)
        status_row.addWidget(self.failed_button)
        status_row.addWidget(self.cancel_button)
        status_row.addWidget(self.reopen_button)
        status_row.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.progress_heading)
        top.addStretch(1)
        top.addWidget(self.time_left_label)
        layout = QVBoxLayout(self.progress_frame)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.cuts_view)
        layout.addWidget(self.left_label)
        layout.addWidget(self.tiers_label)
        layout.addLayout(status_row)
        self.progress_frame.setStyleSheet("QFrame#progress { border-top: 1px solid palette(midlight); }")
        detail_layout = self.detail.layout()
        assert isinstance(detail_layout, QVBoxLayout)
        detail_layout.insertWidget(detail_layout.count() - 2, self.progress_frame)  # above the stretch and buttons
        chain: list[QWidget] = [self.delete_button, self.cuts_view, self.succeeded_button, self.failed_button,
                                self.cancel_button, self.reopen_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _name_field(self) -> QLineEdit:
        return self.title_edit

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        row = row or {}
        index = self.kind_combo.findData(row.get("kind", "group_buy"))
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.title_edit.setText(row.get("title", ""))
        self.url_edit.setText(row.get("url") or "")
        self._fill_group_combo(row.get("group_id"))
        self.mine_check.setChecked(bool(row.get("mine", True)))
        self.original_edit.setText(yuan_text(row.get("original_fen")))
        self.target_edit.setText(yuan_text(row.get("target_fen")))
        self.current_edit.setText(yuan_text(row.get("current_fen")))
        self.tiers_edit.setText(tiers_text(row.get("tiers") or []))
        self.needed_spin.setValue(int(row.get("participants_needed") or 0))
        self.joined_spin.setValue(int(row.get("participants_joined") or 0))
        deadline = parse_utc(row.get("deadline"))
        self.deadline_check.setChecked(deadline is not None)
        if deadline is None:
            deadline = (self.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
        self.deadline_edit.setDateTime(self._qdatetime(deadline))
        self.notes_edit.setPlainText(row.get("notes") or "")
        if hasattr(self, "progress_frame"):
            self._show_progress(row or None)

    def _qdatetime(self, moment: dt.datetime) -> QDateTime:
        local = moment.astimezone(self._tz)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))

    def _deadline(self) -> dt.datetime | None:
        if not self.deadline_check.isChecked():
            return None
        value = self.deadline_edit.dateTime()
        date, clock = value.date(), value.time()
        local = dt.datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute(), clock.second(),
                            tzinfo=self._tz)
        return local.astimezone(dt.UTC)

    @staticmethod
    def _fen(edit: QLineEdit, field: str) -> int | None:
        text = edit.text().strip()
        return yuan_to_fen(text, field) if text else None

    def _price_error(self) -> str | None:
        try:
            original = self._fen(self.original_edit, "original price")
            if self.kind_combo.currentData() != "bargain":
                return None
            target = self._fen(self.target_edit, "target price")
            current = self._fen(self.current_edit, "current price")
        except InvalidInput as exc:
            return exc.message
        if original is not None and target is not None and target > original:
            return self.tr("The target price is above the original price.")
        if current is not None and original is not None and current > original:
            return self.tr("The current price is above the original price.")
        if current is not None and target is not None and current < target:
            return self.tr("The current price is below the target price.")
        return None

    def _tiers_error(self) -> str | None:
        try:
            parse_tiers(self.tiers_edit.text())
        except InvalidInput as exc:
            return exc.message
        return None

    def _form_error(self) -> str | None:
        # Each field's own message sits under it; Save stays disabled without a title.
        prices, tiers = self._price_error(), self._tiers_error()
        for label, error in ((self.prices_error, prices), (self.tiers_error, tiers)):
            label.setText(error or "")
            label.setVisible(error is not None)
        if prices is not None or tiers is not None or not self.title_edit.text().strip():
            return ""
        return None

    def _fields(self) -> dict[str, Any]:
        needed = self.needed_spin.value()
        fields: dict[str, Any] = {
            "kind": self.kind_combo.currentData(),
            "title": self.title_edit.text().strip(),
            "url": self.url_edit.text().strip() or None,
            "group": self.group_combo.currentData(),
            "mine": self.mine_check.isChecked(),
            "original_fen": self._fen(self.original_edit, "original price"),
            "tiers": parse_tiers(self.tiers_edit.text()),
            "participants_needed": needed or None,
            "participants_joined": self.joined_spin.value(),
            "deadline": self._deadline(),
            "notes": self.notes_edit.toPlainText(),
        }
        if fields["kind"] == "bargain":
            fields["target_fen"] = self._fen(self.target_edit, "target price")
            current = self._fen(self.current_edit, "current price")
            if current is not None:  # empty: a new bargain starts at its original price, an old one keeps its own
                fields["current_fen"] = current
        return fields

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

    # -- the progress view ------------------------------------------------------------------------------

    def _show_progress(self, row: dict[str, Any] | None) -> None:
        frame = self.progress_frame
        frame.setVisible(row is not None)
        if row is None:
            self.cut_model.set_rows([])
            return
        kind = row.get("kind")
        status = self.deal_model.status_labels().get(row.get("status", ""), row.get("status", ""))
        self.progress_heading.setText(self.tr("Progress · {status}").format(status=status))
        self._show_time_left(row)
        bargain = kind == "bargain"
        self.cuts_view.setVisible(bargain)
        self.left_label.setVisible(bargain)
        self.tiers_label.setVisible(not bargain)
        if bargain:
            self._show_bargain(row)
        else:
            self._show_joined(row)

    def _show_bargain(self, row: dict[str, Any]) -> None:
        cuts = row.get("cuts")
        if cuts is None:  # the list's record: counts only; the cuts themselves are read for this deal now
            count, helpers = int(row.get("cut_count") or 0), int(row.get("helper_count") or 0)
            if self._cuts_of != row.get("id"):
                self.cut_model.set_rows([], self._contact_names, self._tz, self.now())
            self._load_cuts(row)
        else:
            count, helpers = len(cuts), len({c.get("contact_id") or c["id"] for c in cuts})
            self.cut_model.set_rows(cuts, self._contact_names, self._tz, self.now())
        original, target, current = row.get("original_fen"), row.get("target_fen"), row.get("current_fen")
        cut_so_far = original - current if original is not None and current is not None else sum(
            c["amount_fen"] for c in cuts or [])
        if original is not None and target is not None:
            total = max(original - target, 0)
            self.progress_bar.setVisible(True)
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(min(cut_so_far, max(total, 1)) if total else 1)
            self.progress_bar.setFormat(self.tr("{cut} of {total} cut").format(cut=money(cut_so_far),
                                                                               total=money(total)))
            left = max((current if current is not None else original) - target, 0)
            self.left_label.setText(self.tr("{left} left to cut").format(left=money(left)) if left
                                    else self.tr("Target price reached"))
        else:
            self.progress_bar.setVisible(False)
            self.left_label.setText(self.tr("Now {price}").format(price=money(price_now(row))))
        self.progress_label.setText(
            self.tr("{count} cuts by {helpers} helpers · {original} → now {current} (target {target})").format(
                count=count, helpers=helpers, original=money(original), current=money(current),
                target=money(target))
            if count else self.tr("No cuts yet: ask your groups to help (帮砍一刀).")
        )

    def _load_cuts(self, row: dict[str, Any]) -> None:
        """Read the shown bargain's cuts in the database thread, then list them if it is still the one shown."""
        if self.ctx is None or not row.get("id"):
            return
        if self._cuts_task is not None and not self._cuts_task.done():
            self._cuts_task.cancel()
        self._cuts_task = self.ctx.runner.spawn(self._read_cuts(str(row["id"])), name="deal cuts")

    async def _read_cuts(self, deal_id: str) -> None:
        assert self.ctx is not None
        try:
            cuts = await self.ctx.read(self.ctx.services.queries.deal_cuts, deal_id)
        except PintuanError:  # deleted meanwhile: the refresh that follows the delete shows the rest
            return
        current = self.current_record()
        if not shiboken6.isValid(self) or current is None or current.get("id") != deal_id:
            return
        self._cuts_of = deal_id
        # Draw the progress again from the cuts themselves: the list, its counts and a bargain without a current
        # price (its progress is the sum of the cuts) then agree.
        self._show_bargain({**current, "cuts": cuts})

    def _show_joined(self, row: dict[str, Any]) -> None:
        self.cut_model.set_rows([])
        self._cuts_of = None
        needed, joined = row.get("participants_needed"), int(row.get("participants_joined") or 0)
        if needed:
            self.progress_bar.setVisible(True)
            self.progress_bar.setRange(0, int(needed))
            self.progress_bar.setValue(min(joined, int(needed)))
            self.progress_bar.setFormat(self.tr("{joined}/{needed} joined").format(joined=joined, needed=needed))
            missing = max(int(needed) - joined, 0)
            self.progress_label.setText(self.tr("{count} more needed").format(count=missing) if missing
                                        else self.tr("Enough people have joined"))
        else:
            self.progress_bar.setVisible(False)
            self.progress_label.setText(self.tr("{joined} joined").format(joined=joined))
        lines = []
        for tier in row.get("tiers") or []:
            mark = "✓ " if tier["min_participants"] <= joined else "· "
            lines.append(mark + self.tr("{count} people: {price}").format(count=tier["min_participants"],
                                                                         price=money(tier["price_fen"])))
        if lines:
            lines.insert(0, self.tr("Price tiers (now {price}):").format(price=money(price_now(row))))
        self.tiers_label.setText("\n".join(lines))
        self.tiers_label.setVisible(bool(lines))

    def _show_time_left(self, row: dict[str, Any] | None) -> None:
        if row is None or not row.get("deadline"):
            self.time_left_label.setText(self.tr("No deadline") if row is not None else "")
            self.time_left_label.setStyleSheet("")
            return
        now = self.now()
        when = local_time(row["deadline"], self._tz, now)
        if row.get("status") == "open":
            self.time_left_label.setText(self.tr("Ends {when} · {left}").format(
                when=when, left=time_left(row["deadline"], now)))
            deadline = parse_utc(row["deadline"])
            overdue = deadline is not None and deadline <= now
            self.time_left_label.setStyleSheet(f"color: {ERROR_COLOR};" if overdue else "")
        else:
            self.time_left_label.setText(self.tr("Deadline was {when}").format(when=when))
            self.time_left_label.setStyleSheet("")

    # -- slots ------------------------------------------------------------------------------------------

    def on_timer_timeout(self) -> None:
        """Every 30 s: the time left in the table and under the form moves on."""
        self.deal_model.set_now(self.now())
        self._show_time_left(self.current_record())

    def on_deadline_toggled(self, checked: bool) -> None:
        self.deadline_edit.setEnabled(checked)
        self.on_form_edited()

    def on_status_clicked(self, status: str) -> None:
        if self.ctx is not None:
            self.ctx.runner.spawn(self.set_status(status), name="deal status")

    # -- writes -----------------------------------------------------------------------------------------

    async def set_status(self, status: str) -> bool:
        """Close the selected deal as succeeded, failed or cancelled, or reopen it."""
        record = self.current_record()
        if self.ctx is None or record is None or self._busy:
            return False
        self._set_busy(True)
        try:
            result = await self.ctx.write(self.ctx.services.deals.set_status, record["id"], status, parent=self)
        finally:
            self._set_busy(False)
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

