"""The Contacts page (群友): a searchable table of contacts beside a form to add, edit, archive and delete them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from app.ui.changes import CONTACTS, GROUPS
from app.ui.pages.record_page import RecordPage
from app.ui.parts import MUTED_COLOR, NEGATIVE_COLOR, add_rows, choice_combo, set_choice
from app.ui.rows_model import ROW_ROLE, SORT_ROLE, RowsModel

if TYPE_CHECKING:
    from app.services import Services

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
        self._replace([dict(r) for r in rows])

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


class ContactsPage(RecordPage):
    """The people you help and who help you: trust, WeChat ID, their groups and notes."""

    AREAS = frozenset({CONTACTS, GROUPS})  # and the groups to pick from

    NAME_COLUMN = ContactTableModel.COL_NICKNAME
    NAME_KEY = "nickname"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.contact_model = ContactTableModel()
        super().__init__(self.contact_model, parent)
        self.contact_model.setParent(self)
        self.setObjectName("contactsPage")

    def load(self, services: Services) -> dict[str, Any]:
        """Every contact, and the groups to pick theirs from (runs in the database thread)."""
        groups = [{"id": g["id"], "name": g["name"], "archived": g["archived"]} for g in services.queries.groups()]
        return {"contacts": services.queries.contacts(), "groups": groups}

    def rows_of(self, data: Any) -> list[dict[str, Any]]:
        return list(data["contacts"])

    def set_data(self, data: Any) -> None:
        self._groups = list(data["groups"])
        self.contact_model.set_group_names({g["id"]: g["name"] for g in self._groups})
        # Fresh group names with the ticks as they are; a clean form is then refilled from its record.
        self._fill_group_list(self._checked_groups())
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
            (self.tr("&Groups"), self.groups_list, self.groups_list),
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
        try:
            self.groups_list.clear()
            for group in sorted(self._groups, key=lambda g: g["name"]):
                if group["archived"] and group["id"] not in checked:
                    continue
                item = QListWidgetItem(group["name"])
                item.setData(Qt.ItemDataRole.UserRole, group["id"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if group["id"] in checked else Qt.CheckState.Unchecked)
                self.groups_list.addItem(item)
        finally:
            self._filling = filling

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
