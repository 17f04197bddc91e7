"""The Contacts page (群友): a searchable table of contacts beside the picked contact's page: their balance in
words, every exchange with them (each can be corrected or deleted there), their groups and deals, and the form to
add, edit, archive and delete them (:mod:`.contact_detail`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound
from app.ui.changes import CONTACTS, DEALS, GROUPS, HELPS, LEDGER
from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.erasure import erase_contact
from app.ui.help_editor import HelpEditor
from app.ui.pages.contact_detail import ContactDetailView
from app.ui.pages.record_page import RecordPage
from app.ui.parts import MUTED_COLOR, NEGATIVE_COLOR, add_rows, choice_combo, set_choice, tab_order
from app.ui.rows_model import ROW_ROLE, SORT_ROLE, RowsModel

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.quick_log import QuickLogDialog

_TRUST_ORDER = ("trusted", "normal", "blocked")


class ContactTableModel(RowsModel):
    """Contacts (``services.queries.contacts()``): nickname, trust, WeChat ID, how many groups, archived."""

    COL_NICKNAME, COL_TRUST, COL_WECHAT, COL_GROUPS, COL_ARCHIVED = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._group_names: dict[str, str] = {}

    def _headers(self) -> Sequence[str]:
        return (self.tr("Nickname"), self.tr("Trust"), self.tr("WeChat ID"), self.tr("Groups"), self.tr("Archived"))

    def trust_labels(self) -> dict[str, str]:
        return {"trusted": self.tr("Trusted"), "normal": self.tr("Normal"), "blocked": self.tr("Blocked")}

    def set_group_names(self, names: dict[str, str]) -> None:
        """Id → name of the groups, for the groups column's tooltip."""
        if names != self._group_names:
            self._group_names = dict(names)
            self._redraw()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        # The services list contacts in the order people look for them (Chinese by pinyin): the nickname sorts so.
        self._replace([{**r, "name_rank": rank} for rank, r in enumerate(rows)])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_NICKNAME:
            return str(row["nickname"])
        if col == self.COL_TRUST:
            return self.trust_labels().get(row["trust"], row["trust"])
        if col == self.COL_WECHAT:
            return row.get("wechat_id") or ""
        if col == self.COL_GROUPS:
            return str(len(row.get("group_ids") or []))
        if col == self.COL_ARCHIVED:
            return self.tr("Archived") if row.get("archived") else ""
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_GROUPS:
                return len(row.get("group_ids") or [])
            if col == self.COL_TRUST:
                return _TRUST_ORDER.index(row["trust"]) if row["trust"] in _TRUST_ORDER else len(_TRUST_ORDER)
            if col == self.COL_ARCHIVED:
                return int(bool(row.get("archived")))
            if col == self.COL_NICKNAME:
                return int(row.get("name_rank", 0))
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.get("archived"):
                return MUTED_COLOR
            if col == self.COL_TRUST and row.get("trust") == "blocked":
                return NEGATIVE_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_GROUPS:
            names = [self._group_names.get(g, g) for g in row.get("group_ids") or []]
            return "\n".join(sorted(names)) or None
        return None


def read_detail(services: Services, contact_id: str) -> tuple[dict[str, Any] | None, dt.tzinfo, dt.datetime]:
    """One contact's page (None when they were deleted meanwhile), and the zone and time to show it in (runs in the
    database thread)."""
    try:
        detail = services.contacts.detail(contact_id)
    except NotFound:
        detail = None
    return detail, services.clock.tz, services.clock.now()


class ContactsPage(RecordPage):
    """The people you help and who help you: their balance and exchanges, groups and deals; trust, WeChat ID,
    notes."""

    # Contacts and the groups to pick from; the helps, settlements and deals the picked contact's page shows.
    AREAS = frozenset({CONTACTS, GROUPS, HELPS, LEDGER, DEALS})

    NAME_COLUMN = ContactTableModel.COL_NICKNAME
    # The last column (mostly empty) takes the spare width, or gives it up first: names are never cut.
    STRETCH_COLUMN = ContactTableModel.COL_ARCHIVED
    NAME_KEY = "nickname"
    FORGETTABLE = ("wechat_id", "phone", "notes")  # cleared: their old values may leave the history too
    PANE_SIZES = (440, 760)  # the contact's exchanges need the width more than the list of names

    def __init__(self, parent: QWidget | None = None) -> None:
        self.contact_model = ContactTableModel()
        self._detail_task: asyncio.Task[Any] | None = None
        super().__init__(self.contact_model, parent)
        self.contact_model.setParent(self)
        self.setObjectName("contactsPage")
        self.help_editor = HelpEditor(self)

    def load(self, services: Services) -> dict[str, Any]:
        """Every contact, the groups to pick theirs from, and the picked contact's page (runs in the database
        thread)."""
        groups = [{"id": g["id"], "name": g["name"], "archived": g["archived"]} for g in services.queries.groups()]
        data = {"contacts": services.queries.contacts(), "groups": groups}
        picked = self.current_id  # a plain string, read once: the user may pick another meanwhile
        if picked is not None:
            data["detail"] = (picked, *read_detail(services, picked))
        return data

    def rows_of(self, data: Any) -> list[dict[str, Any]]:
        return list(data["contacts"])

    def set_data(self, data: Any) -> None:
        self._groups = list(data["groups"])
        self.contact_model.set_group_names({g["id"]: g["name"] for g in self._groups})
        # Fresh group names with the ticks as they are; a clean form is then refilled from its record.
        self._fill_group_list(self._checked_groups())
        picked, *detail = data.get("detail") or (None,)
        if picked is not None and picked == self.current_id:
            self.contact_view.show_detail(*detail)  # before the form is refilled: no second read for it
        super().set_data(data)

    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Contacts"),
            "search": self.tr("Search contacts by nickname"),
            "search_name": self.tr("Search contacts"),
            "table": self.tr("Contacts"),
            "empty": self.tr("No contacts yet. Press New to add someone you help or who helps you."),
            "new": self.tr("New contact"),
            "save": self.tr("Save contact"),
            "delete": self.tr("Delete contact"),
            "new_heading": self.tr("New contact"),
            "confirm": self.tr("Delete the contact '{name}'? This cannot be undone."),
        }

    def _build_form(self, form: QFormLayout) -> None:
        self._groups: list[dict[str, Any]] = []
        self.nickname_edit = QLineEdit()
        self.nickname_edit.setAccessibleName(self.tr("Nickname"))
        self.nickname_edit.setPlaceholderText(self.tr("e.g. 小美"))
        self.nickname_edit.textChanged.connect(self.on_form_edited)
        self.trust_combo = choice_combo(self.tr("Trust"), self.contact_model.trust_labels())
        self.trust_combo.currentIndexChanged.connect(self.on_form_edited)
        self.wechat_edit = QLineEdit()
        self.wechat_edit.setAccessibleName(self.tr("WeChat ID"))
        self.wechat_edit.textChanged.connect(self.on_form_edited)
        self.phone_edit = QLineEdit()
        self.phone_edit.setAccessibleName(self.tr("Phone"))
        self.phone_edit.textChanged.connect(self.on_form_edited)
        self.groups_list = QListWidget()
        self.groups_list.setAccessibleName(self.tr("Groups of this contact"))
        self.groups_list.setAccessibleDescription(self.tr("Tick the groups this contact is in"))
        self.groups_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.groups_list.setMinimumHeight(70)
        self.groups_list.setMaximumHeight(140)
        self.groups_list.itemChanged.connect(self.on_form_edited)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(60)
        self.notes_edit.setMaximumHeight(140)
        self.notes_edit.textChanged.connect(self.on_form_edited)
        add_rows(form, [
            (self.tr("&Nickname"), self.nickname_edit, self.nickname_edit),
            (self.tr("&Trust"), self.trust_combo, self.trust_combo),
            (self.tr("&WeChat ID"), self.wechat_edit, self.wechat_edit),
            (self.tr("&Phone"), self.phone_edit, self.phone_edit),
            # Not "&Groups": Alt+G is the window's Go menu (tests/ui/test_contacts_finish.py checks every page).
            (self.tr("G&roups"), self.groups_list, self.groups_list),
            (self.tr("N&otes"), self.notes_edit, self.notes_edit),
        ])

    def _name_field(self) -> QLineEdit:
        return self.nickname_edit

    def _checked_groups(self) -> list[str]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in (self.groups_list.item(i) for i in range(self.groups_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _fill_group_list(self, checked: Sequence[str]) -> None:
        """One checkable line per group; archived groups only when the contact is in them."""
        filling, self._filling = self._filling, True
        metrics = self.groups_list.fontMetrics()
        # One height for every line: a Latin name alone got a shorter line than a Chinese one (another font).
        height = metrics.boundingRect("宝Ag").height() + 2
        try:
            self.groups_list.clear()
            for group in sorted(self._groups, key=lambda g: g["name"]):
                if group["archived"] and group["id"] not in checked:
                    continue
                item = QListWidgetItem(group["name"])
                item.setData(Qt.ItemDataRole.UserRole, group["id"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if group["id"] in checked else Qt.CheckState.Unchecked)
                item.setSizeHint(QSize(metrics.horizontalAdvance(group["name"]) + 3 * height, height))
                self.groups_list.addItem(item)
        finally:
            self._filling = filling

    def _place_form(self, layout: QVBoxLayout) -> None:
        """The form goes in the contact's page, as its Details tab."""
        form = QWidget()
        box = QVBoxLayout(form)
        box.setContentsMargins(0, 8, 0, 0)
        box.addLayout(self.form)
        box.addWidget(self.form_error)
        box.addStretch(1)
        self.contact_view = ContactDetailView(form)
        layout.addWidget(self.contact_view, 1)

    def _build(self) -> None:
        super()._build()
        # Erase: beside Delete, and on the list's context menu (docs/window.md, "Erasure").
        self.erase_button = QPushButton(self.tr("Erase…"))
        self.erase_button.setAccessibleName(self.tr("Erase this contact"))
        self.erase_button.setToolTip(self.tr("Take this contact's nickname, WeChat ID, phone and notes out of "
                                             "everything, backups included; their helps stay under a pseudonym"))
        row = next(item.layout() for item in (self.detail.layout().itemAt(i)
                                              for i in range(self.detail.layout().count()))
                   if item.layout() is not None and item.layout().indexOf(self.delete_button) >= 0)
        row.insertWidget(row.indexOf(self.delete_button) + 1, self.erase_button)
        self.erase_action = QAction(self.tr("Erase this contact…"), self.view)
        self.view.addAction(self.erase_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view = self.contact_view
        tab_order([self.view, view.tabs, view.exchanges_view, view.edit_button, view.delete_button,
                   view.groups_view, view.deals_view, *self._form_widgets(), self.save_button])

    def _connect(self) -> None:
        super()._connect()
        view = self.contact_view
        self.view.activated.connect(self.on_view_activated)
        view.exchanges_view.activated.connect(self.on_edit_exchange_clicked)
        view.exchanges_view.selectionModel().selectionChanged.connect(self.on_exchange_selection_changed)
        view.edit_button.clicked.connect(self.on_edit_exchange_clicked)
        view.delete_button.clicked.connect(self.on_delete_exchange_clicked)
        self.erase_button.clicked.connect(self.on_erase_clicked)
        self.erase_action.triggered.connect(self.on_erase_clicked)

    # -- the contact's page -----------------------------------------------------------------------------

    def _fill(self, row: dict[str, Any] | None) -> None:
        super()._fill(row)
        if row is None:
            self.contact_view.show_detail(None)
        elif str(row["id"]) != self.contact_view.contact_id:
            self.contact_view.show_loading(str(row["id"]))
            self._spawn_detail(str(row["id"]))

    def _spawn_detail(self, contact_id: str) -> None:
        """Read the contact's page in the worker (only while an event loop runs: in the app, always)."""
        if self.ctx is None:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._detail_task is not None and not self._detail_task.done():
            self._detail_task.cancel()  # another contact was picked before the last one's page came
        self._detail_task = self.ctx.runner.spawn(self.load_detail(contact_id), name="contact detail")

    async def load_detail(self, contact_id: str) -> dict[str, Any] | None:
        """Read one contact's page and show it, unless another contact was picked meanwhile."""
        if self.ctx is None:
            return None
        detail, tz, now = await self.ctx.read(read_detail, self.ctx.services, contact_id)
        if contact_id != self.current_id:
            return None
        self.contact_view.show_detail(detail, tz, now)
        self._update_state()
        return detail

    def on_view_activated(self, *_: Any) -> None:
        self.contact_view.show_exchanges()

    def on_new_clicked(self) -> None:
        super().on_new_clicked()
        self.contact_view.show_form()

    def on_erase_clicked(self) -> None:
        spawn_if_attached(self, self.erase, "erase contact")

    async def erase(self) -> bool:
        """Erase the selected contact after asking what goes and what stays (:func:`app.ui.erasure.erase_contact`)."""
        record = self.current_record()
        if self.ctx is None or record is None or self._busy:
            return False
        result = await erase_contact(self.ctx, self, str(record["id"]), str(record["nickname"]))
        if result is None or not shiboken6.isValid(self):
            return False
        if result.record is not None and not self._dirty:
            self._fill(result.record)
        return True

    def on_exchange_selection_changed(self, *_: Any) -> None:
        self._update_state()

    def on_edit_exchange_clicked(self, *_: Any) -> None:
        spawn_if_attached(self, self.edit_exchange, "edit exchange")

    def on_delete_exchange_clicked(self) -> None:
        spawn_if_attached(self, self.delete_exchange, "delete exchange")

    async def edit_exchange(self) -> QuickLogDialog | None:
        """Open the selected exchange in the quick-log form to correct it (the page refreshes on save)."""
        exchange = self.contact_view.selected_exchange()
        if self.ctx is None or exchange is None or self._busy:
            return None
        return await self.help_editor.open(self.ctx, str(exchange["id"]))

    async def delete_exchange(self) -> bool:
        """Delete the selected exchange after asking (the services' correction; the game recomputes)."""
        exchange = self.contact_view.selected_exchange()
        if self.ctx is None or exchange is None or self._busy:
            return False
        question = self.tr("Delete this exchange ({what}, {when})? The history keeps a note that it was removed.")
        model = self.contact_view.exchange_model
        what = model.direction_labels().get(exchange["direction"], "") + " · " + model.kind_label(exchange["kind"])
        text = question.format(what=what, when=model.time_text(exchange))
        if not await confirm(self, self.tr("Delete exchange?"), text):
            return False
        return await self._busy_write(self.ctx.services.helps.delete, str(exchange["id"])) is not None

    def _update_state(self) -> None:
        super()._update_state()
        view = getattr(self, "contact_view", None)
        if view is None:  # the frame's first update comes before the page's parts are built
            return
        chosen = (self.ctx is not None and not self._busy and self.current_id is not None
                  and view.selected_exchange() is not None)
        picked = self.ctx is not None and not self._busy and self.current_record() is not None
        for erase in (getattr(self, "erase_button", None), getattr(self, "erase_action", None)):
            if erase is not None:  # built after the frame's first update
                erase.setEnabled(picked)
        view.edit_button.setEnabled(chosen)
        view.delete_button.setEnabled(chosen)

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        row = row or {}
        self.nickname_edit.setText(row.get("nickname", ""))
        set_choice(self.trust_combo, row.get("trust", "normal"))
        self.wechat_edit.setText(row.get("wechat_id") or "")
        self.phone_edit.setText(row.get("phone") or "")
        self.notes_edit.setPlainText(row.get("notes") or "")
        self._fill_group_list(list(row.get("group_ids") or []))

    def _form_error(self) -> str | None:
        return "" if not self.nickname_edit.text().strip() else None

    def _fields(self) -> dict[str, Any]:
        return {
            "nickname": self.nickname_edit.text().strip(),
            "trust": self.trust_combo.currentData(),
            "wechat_id": self.wechat_edit.text(),
            "phone": self.phone_edit.text(),
            "groups": self._checked_groups(),
            "notes": self.notes_edit.toPlainText(),
        }

    def _service(self, services: Services) -> Any:
        return services.contacts
