"""The Groups page (社群): a searchable table of groups beside a form to add, edit, archive and delete them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.services.validate import describe_windows, parse_window
from app.ui.changes import GROUPS
from app.ui.pages.record_page import RecordPage
from app.ui.parts import (
    MUTED_COLOR,
    add_rows,
    choice_combo,
    error_label,
    field_box,
    input_error,
    set_choice,
    show_error,
)
from app.ui.rows_model import ROW_ROLE, SORT_ROLE, RowsModel

if TYPE_CHECKING:
    from app.services import Services

_SEPARATORS = re.compile(r"[;；\n]")  # describe_windows writes "; " and "；"


def compact_windows(windows: Sequence[dict[str, Any]]) -> str:
    """The group record's one-window-per-day list as the user writes it, in the language in force."""
    return describe_windows(windows)


def window_specs(text: str) -> list[str]:
    """The windows typed in one field, split on ``;``; raises :class:`InvalidInput` on the first bad one."""
    specs = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    for spec in specs:
        parse_window(spec)
    return specs


class GroupTableModel(RowsModel):
    """Groups (``services.queries.groups()``): name, platform, vertical, role, request limit, windows.

    An archived group says so after its name, greyed: a column of its own took a table's width for a word few
    rows have, and cut the windows to "Daily 12…".
    """

    COL_NAME, COL_PLATFORM, COL_VERTICAL, COL_ROLE, COL_LIMIT, COL_WINDOWS = range(6)
    COLUMN_COUNT = 6

    def _headers(self) -> Sequence[str]:
        return (
            self.tr("Name"), self.tr("Platform"), self.tr("Vertical"), self.tr("My role"),
            self.tr("Limit"), self.tr("Active windows"),
        )

    def platform_labels(self) -> dict[str, str]:
        return {"wechat": self.tr("WeChat"), "qq": self.tr("QQ"), "dingtalk": self.tr("DingTalk"),
                "other": self.tr("Other")}

    def vertical_labels(self) -> dict[str, str]:
        return {"mother_baby": self.tr("Mother & baby"), "fresh_food": self.tr("Fresh food"),
                "digital": self.tr("Digital"), "home": self.tr("Home"), "beauty": self.tr("Beauty"),
                "other": self.tr("Other")}

    def role_labels(self) -> dict[str, str]:
        return {"owner": self.tr("Owner"), "admin": self.tr("Admin"), "member": self.tr("Member")}

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        # The services list groups in the order people look for them (Chinese by pinyin): the name column sorts so.
        self._replace([{**r, "windows_text": compact_windows(r.get("windows") or []), "name_rank": rank}
                       for rank, r in enumerate(rows)])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_NAME:
            return self.tr("{name} (archived)").format(name=row["name"]) if row.get("archived") else str(row["name"])
        if col == self.COL_PLATFORM:
            return self.platform_labels().get(row["platform"], row["platform"])
        if col == self.COL_VERTICAL:
            return self.vertical_labels().get(row["vertical"], row["vertical"])
        if col == self.COL_ROLE:
            return self.role_labels().get(row["my_role"], row["my_role"])
        if col == self.COL_LIMIT:
            limit = row.get("daily_request_limit")
            return "—" if limit is None else self.tr("{count} a day").format(count=limit)
        if col == self.COL_WINDOWS:
            return row["windows_text"]
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_LIMIT:
                limit = row.get("daily_request_limit")
                return -1 if limit is None else int(limit)
            if col == self.COL_NAME:
                return int(row["name_rank"])
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.get("archived"):
            return MUTED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_NAME and row.get("rules"):
                return row["rules"]
            if col == self.COL_WINDOWS and row["windows_text"]:
                return row["windows_text"]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and section == self.COL_LIMIT:
            return self.tr("How many requests the group allows a day")
        return super().headerData(section, orientation, role)


class GroupsPage(RecordPage):
    """Every group with its platform, role, rules (群规) and activity windows; add, edit, archive, delete."""

    AREAS = frozenset({GROUPS})
    FORGETTABLE = ("rules", "notes")  # cleared: their old values may leave the history too (app/ui/erasure.py)

    NAME_COLUMN = GroupTableModel.COL_NAME
    STRETCH_COLUMN = GroupTableModel.COL_WINDOWS
    NAME_KEY = "name"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.group_model = GroupTableModel()
        super().__init__(self.group_model, parent)
        self.group_model.setParent(self)
        self.setObjectName("groupsPage")

    def load(self, services: Services) -> list[dict[str, Any]]:
        """Every group, archived ones too (runs in the database thread)."""
        return services.queries.groups()

    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Groups"),
            "search": self.tr("Search groups by name"),
            "search_name": self.tr("Search groups"),
            "table": self.tr("Groups"),
            "empty": self.tr("No groups yet. Press New to add the first group you are in."),
            "new": self.tr("New group"),
            "save": self.tr("Save group"),
            "delete": self.tr("Delete group"),
            "new_heading": self.tr("New group"),
            "confirm": self.tr("Delete the group '{name}'? This cannot be undone."),
        }

    def _combo(self, name: str, labels: dict[str, str]) -> QComboBox:
        combo = choice_combo(name, labels)
        combo.currentIndexChanged.connect(self.on_form_edited)
        return combo

    def _build_form(self, form: QFormLayout) -> None:
        model = self.group_model
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 宝妈拼团群"))
        self.name_edit.textChanged.connect(self.on_form_edited)
        self.platform_combo = self._combo(self.tr("Platform"), model.platform_labels())
        self.vertical_combo = self._combo(self.tr("Vertical"), model.vertical_labels())
        self.role_combo = self._combo(self.tr("My role"), model.role_labels())
        self.limit_spin = QSpinBox()
        self.limit_spin.setAccessibleName(self.tr("Daily request limit"))
        self.limit_spin.setRange(-1, 1000)
        self.limit_spin.setSpecialValueText(self.tr("No limit"))
        self.limit_spin.valueChanged.connect(self.on_form_edited)
        self.windows_edit = QLineEdit()
        self.windows_edit.setAccessibleName(self.tr("Active windows"))
        self.windows_edit.setPlaceholderText(self.tr("Mon-Fri 20:00-22:00; Sat 09:00-11:00"))
        self.windows_edit.textChanged.connect(self.on_form_edited)
        self.windows_error = error_label("windowsError")
        windows_box = field_box(self.windows_edit, self.windows_error, vertical=True)
        self.rules_edit = QPlainTextEdit()
        self.rules_edit.setAccessibleName(self.tr("Group rules"))
        self.rules_edit.setPlaceholderText(self.tr("The group's rules (群规), e.g. no ads, one request a day"))
        self.rules_edit.setTabChangesFocus(True)
        self.rules_edit.textChanged.connect(self.on_form_edited)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self.on_form_edited)
        for edit in (self.rules_edit, self.notes_edit):
            edit.setMinimumHeight(60)
            edit.setMaximumHeight(120)
        add_rows(form, [
            (self.tr("&Name"), self.name_edit, self.name_edit),
            (self.tr("&Platform"), self.platform_combo, self.platform_combo),
            (self.tr("&Vertical"), self.vertical_combo, self.vertical_combo),
            (self.tr("My &role"), self.role_combo, self.role_combo),
            (self.tr("Request &limit"), self.limit_spin, self.limit_spin),
            (self.tr("Active &windows"), windows_box, self.windows_edit),
            (self.tr("R&ules"), self.rules_edit, self.rules_edit),
            (self.tr("N&otes"), self.notes_edit, self.notes_edit),
        ])

    def _name_field(self) -> QLineEdit:
        return self.name_edit

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        row = row or {}
        self.name_edit.setText(row.get("name", ""))
        set_choice(self.platform_combo, row.get("platform", "wechat"))
        set_choice(self.vertical_combo, row.get("vertical", "other"))
        set_choice(self.role_combo, row.get("my_role", "member"))
        limit = row.get("daily_request_limit")
        self.limit_spin.setValue(-1 if limit is None else int(limit))
        self.windows_edit.setText(compact_windows(row.get("windows") or []))
        self.rules_edit.setPlainText(row.get("rules") or "")
        self.notes_edit.setPlainText(row.get("notes") or "")

    def _form_error(self) -> str | None:
        # The windows' own message sits under their field; the general line only says what else is missing.
        error = input_error(lambda: window_specs(self.windows_edit.text()))
        show_error(self.windows_error, error)
        if error is not None or not self.name_edit.text().strip():
            return ""  # Save stays disabled; an empty name needs no scolding
        return None

    def _fields(self) -> dict[str, Any]:
        limit = self.limit_spin.value()
        return {
            "name": self.name_edit.text().strip(),
            "platform": self.platform_combo.currentData(),
            "vertical": self.vertical_combo.currentData(),
            "my_role": self.role_combo.currentData(),
            "daily_request_limit": None if limit < 0 else limit,
            "windows": window_specs(self.windows_edit.text()),
            "rules": self.rules_edit.toPlainText(),
            "notes": self.notes_edit.toPlainText(),
        }

    def _service(self, services: Services) -> Any:
        return services.groups
