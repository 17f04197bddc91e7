"""The Groups page (社群): a searchable table of groups beside a form to add, edit, archive and delete them.

It also holds :class:`RecordPage`, the table-plus-form frame the Contacts page shares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.services.validate import WEEKDAYS, parse_window
from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.models import ROW_ROLE, SORT_ROLE, _RowsModel
from app.ui.selection import select_record
from app.ui.text_style import DETAIL_HEADING, heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

ERROR_COLOR = "#c0392b"  # readable on light and dark backgrounds
_ARCHIVED_COLOR = QColor("#8a8a8a")
_SEPARATORS = re.compile(r"[;；\n]")


def compact_windows(windows: Sequence[dict[str, Any]]) -> str:
    """The group record's one-window-per-day list as the user typed it: ``Mon-Fri 20:00-22:00; Sat 09:00-11:00``."""
    by_time: dict[tuple[str, str], set[int]] = {}
    for window in windows:
        by_time.setdefault((window["start"], window["end"]), set()).add(int(window["weekday"]))
    parts = []
    for (start, end), days in sorted(by_time.items(), key=lambda item: (min(item[1]), item[0])):
        parts.append(f"{_days_text(sorted(days))} {start}-{end}")
    return "; ".join(parts)


def _days_text(days: list[int]) -> str:
    if len(days) == 7:
        return "Daily"
    names = [day.title() for day in WEEKDAYS]
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][1] + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    texts = []
    for first, last in runs:
        if first == last:
            texts.append(names[first])
        elif last == first + 1:
            texts.append(f"{names[first]},{names[last]}")
        else:
            texts.append(f"{names[first]}-{names[last]}")
    return ",".join(texts)


def window_specs(text: str) -> list[str]:
    """The windows typed in one field, split on ``;``; raises :class:`InvalidInput` on the first bad one."""
    specs = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    for spec in specs:
        parse_window(spec)
    return specs


class RecordPage(QWidget):
    """A table of records with sorting and search, beside a detail form with New, Save, Archive and Delete.

    Subclasses build the form's rows, fill it from a record, read the fields back, and name their service.
    """

    NAME_COLUMN = 0
    STRETCH_COLUMN = 0  # the column that takes the table's spare width
    NAME_KEY = "name"

    def __init__(self, model: _RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)
        self.proxy.setFilterKeyColumn(self.NAME_COLUMN)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.current_id: str | None = None
        self._dirty = False
        self._filling = False
        self._restoring = False
        self._busy = False
        self._build()
        self._connect()
        self._fill(None)

    # -- what subclasses provide ------------------------------------------------------------------------

    def _texts(self) -> dict[str, str]:
        raise NotImplementedError

    def _build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def _fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def _service(self, services: Services) -> Any:
        raise NotImplementedError

    def _form_error(self) -> str | None:
        """Why the form cannot be saved as it stands (shown in red), or None."""
        return None

    def _name_field(self) -> QLineEdit:
        raise NotImplementedError

    def rows_of(self, data: Any) -> list[dict[str, Any]]:
        return list(data)

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        texts = self._texts()
        self.title = heading(texts["title"])

        self.search = QLineEdit()
        self.search.setPlaceholderText(texts["search"])
        self.search.setAccessibleName(texts["search_name"])
        self.search.setClearButtonEnabled(True)

        self.view = QTableView()
        self.view.setAccessibleName(texts["table"])
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(self.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        # Until the first data arrive the list says it is loading, not that there is nothing (a long history
        # takes a moment, and "No deals yet" would alarm).
        self._empty_text = texts["empty"]
        self.empty_label = QLabel(QCoreApplication.translate("RecordPage", "Loading…"))
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("emptyText")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty_label)

        self.detail = QFrame()
        self.detail.setObjectName("detail")
        self.heading = heading(factor=DETAIL_HEADING)
        self.heading.setObjectName("detailHeading")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_form(self.form)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.form_error.hide()

        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setAccessibleName(texts["new"])
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(texts["save"])
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setDefault(True)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setAccessibleName(self.tr("Archive or unarchive"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(texts["delete"])
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)

        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(16, 12, 16, 12)
        detail_layout.addWidget(self.heading)
        detail_layout.addLayout(self.form)
        detail_layout.addWidget(self.form_error)
        detail_layout.addStretch(1)
        detail_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])  # scaled to the real width on the first layout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(splitter)
        self.setStyleSheet(
            "QFrame#detail { background: palette(base); border: 1px solid palette(midlight); border-radius: 8px; }"
            " QLabel#emptyText { color: palette(placeholder-text); }"
        )
        # Search, table, the form top to bottom, then the buttons: the order they are read in.
        chain: list[QWidget] = [self.search, self.view, *self._form_widgets(), self.save_button,
                                self.new_button, self.archive_button, self.delete_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _form_widgets(self) -> list[QWidget]:
        widgets = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is None:
                continue
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widgets.append(widget)
            else:  # a box holding a field and its error line
                children = widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                widgets += [w for w in children if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        return widgets

    def _connect(self) -> None:
        self.search.textChanged.connect(self.on_search_text_changed)
        self.view.selectionModel().selectionChanged.connect(self.on_view_selection_changed)
        self.new_button.clicked.connect(self.on_new_clicked)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.archive_button.clicked.connect(self.on_archive_clicked)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self._name_field().returnPressed.connect(self.on_save_clicked)

    # -- the page interface -----------------------------------------------------------------------------

    def attach(self, ctx: PageContext) -> None:
        """The database is open: writing becomes possible."""
        self.ctx = ctx
        self._update_state()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_data(self, data: Any) -> None:
        """Show fresh records; the selected one stays selected, and unsaved edits in the form stay."""
        rows = self.rows_of(data)
        self._restoring = True
        try:
            self.model.set_rows(rows)
            record = self._select(self.current_id)
        finally:
            self._restoring = False
        if self.current_id is not None:
            if record is None:  # deleted meanwhile
                self._fill(None)
            elif not self._dirty:
                self._fill(record)
        self.empty_label.setText(self._empty_text)
        self.empty_label.setVisible(not rows)
        self._update_state()

    # -- slots ------------------------------------------------------------------------------------------

    def on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def on_view_selection_changed(self, *_: Any) -> None:
        if self._restoring:
            return
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._fill(rows[0].data(ROW_ROLE))

    def on_form_edited(self, *_: Any) -> None:
        if not self._filling:
            self._dirty = True
        self._update_state()

    def on_new_clicked(self) -> None:
        self.view.clearSelection()
        self._fill(None)
        self._name_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def on_save_clicked(self) -> None:
        if self.ctx is not None and self.save_button.isEnabled():
            self.ctx.runner.spawn(self.save(), name="save")

    def on_archive_clicked(self) -> None:
        spawn_if_attached(self, self.toggle_archived, "archive")

    def on_delete_clicked(self) -> None:
        spawn_if_attached(self, self.delete, "delete")

    # -- writes -----------------------------------------------------------------------------------------

    async def save(self) -> bool:
        """Create or edit the record in the form; True when the service took it."""
        if self.ctx is None or self._busy or self._form_error() is not None:
            return False
        service = self._service(self.ctx.services)
        fields = self._fields()
        self._set_busy(True)
        try:
            if self.current_id is None:
                result = await self.ctx.write(service.create, parent=self, **fields)
            else:
                result = await self.ctx.write(service.edit, self.current_id, parent=self, **fields)
        finally:
            self._set_busy(False)
        if result is None:
            return False
        if result.record is not None:
            self._fill(result.record)
        elif result.entity_id is not None:
            self.current_id = str(result.entity_id)
            self._dirty = False
        return True

    async def toggle_archived(self) -> bool:
        """Archive the selected record, or bring it back; its history stays."""
        record = self.current_record()
        if self.ctx is None or record is None:
            return False
        service = self._service(self.ctx.services)
        result = await self.ctx.write(service.archive, record["id"], not record.get("archived"), parent=self)
        if result is None:
            return False
        if result.record is not None and not self._dirty:
            self._fill(result.record)
        return True

    async def delete(self) -> bool:
        """Delete the selected record after asking; the service refuses one that history depends on."""
        record = self.current_record()
        if self.ctx is None or record is None:
            return False
        if not await self._confirm(self._texts()["confirm"].format(name=record[self.NAME_KEY])):
            return False
        result = await self.ctx.write(self._service(self.ctx.services).delete, record["id"], parent=self)
        if result is None:
            return False
        self.view.clearSelection()
        self._fill(None)
        return True

    async def _confirm(self, text: str) -> bool:
        return await confirm(self, self.tr("Delete?"), text)

    # -- state ------------------------------------------------------------------------------------------

    def current_record(self) -> dict[str, Any] | None:
        if self.current_id is None:
            return None
        for row in range(self.model.rowCount()):
            record = self.model.row(row)
            if record["id"] == self.current_id:
                return record
        return self._shown

    def _select(self, ident: str | None) -> dict[str, Any] | None:
        return select_record(self.view, self.proxy, "id", ident)

    def _fill(self, row: dict[str, Any] | None) -> None:
        self._shown = row
        self.current_id = None if row is None else str(row["id"])
        self._filling = True
        try:
            self._fill_form(row)
        finally:
            self._filling = False
        self._dirty = False
        texts = self._texts()
        self.heading.setText(texts["new_heading"] if row is None else str(row[self.NAME_KEY]))
        self._update_state()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_state()

    def _update_state(self) -> None:
        error = self._form_error()
        self.form_error.setText(error or "")
        self.form_error.setVisible(bool(error))
        attached = self.ctx is not None and not self._busy
        record = self.current_record()
        self.detail.setEnabled(self.ctx is not None)
        self.new_button.setEnabled(attached)
        self.save_button.setEnabled(attached and error is None)
        self.archive_button.setEnabled(attached and record is not None)
        self.delete_button.setEnabled(attached and record is not None)
        archived = bool(record and record.get("archived"))
        self.archive_button.setText(self.tr("Unarchive") if archived else self.tr("Archive"))


class GroupTableModel(_RowsModel):
    """Groups (``services.queries.groups()``): name, platform, vertical, role, request limit, windows, archived."""

    COL_NAME, COL_PLATFORM, COL_VERTICAL, COL_ROLE, COL_LIMIT, COL_WINDOWS, COL_ARCHIVED = range(7)
    COLUMN_COUNT = 7

    def _headers(self) -> Sequence[str]:
        return (
            self.tr("Name"), self.tr("Platform"), self.tr("Vertical"), self.tr("My role"),
            self.tr("Request limit"), self.tr("Active windows"), self.tr("Archived"),
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
        self._replace([{**r, "windows_text": compact_windows(r.get("windows") or [])} for r in rows])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_NAME:
            return str(row["name"])
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
        if col == self.COL_ARCHIVED:
            return self.tr("Archived") if row.get("archived") else ""
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_LIMIT:
                limit = row.get("daily_request_limit")
                return -1 if limit is None else int(limit)
            if col == self.COL_ARCHIVED:
                return int(bool(row.get("archived")))
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.get("archived"):
            return _ARCHIVED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_NAME and row.get("rules"):
                return row["rules"]
            if col == self.COL_WINDOWS and row["windows_text"]:
                return row["windows_text"]
        return None


class GroupsPage(RecordPage):
    """Every group with its platform, role, rules (群规) and activity windows; add, edit, archive, delete."""

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
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, text in labels.items():
            combo.addItem(text, value)
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
        self.windows_error = QLabel()
        self.windows_error.setObjectName("windowsError")
        self.windows_error.setWordWrap(True)
        self.windows_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.windows_error.hide()
        windows_box = QWidget()
        box = QVBoxLayout(windows_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.windows_edit)
        box.addWidget(self.windows_error)
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
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Platform"), self.platform_combo)
        form.addRow(self.tr("&Vertical"), self.vertical_combo)
        form.addRow(self.tr("My &role"), self.role_combo)
        form.addRow(self.tr("Request &limit"), self.limit_spin)
        form.addRow(self.tr("Active &windows"), windows_box)
        form.addRow(self.tr("R&ules"), self.rules_edit)
        form.addRow(self.tr("N&otes"), self.notes_edit)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None and isinstance(label.widget(), QLabel):
                buddy = field.widget()
                label.widget().setBuddy(self.windows_edit if buddy is windows_box else buddy)

    def _name_field(self) -> QLineEdit:
        return self.name_edit

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        row = row or {}
        self.name_edit.setText(row.get("name", ""))
        self._set_combo(self.platform_combo, row.get("platform", "wechat"))
        self._set_combo(self.vertical_combo, row.get("vertical", "other"))
        self._set_combo(self.role_combo, row.get("my_role", "member"))
        limit = row.get("daily_request_limit")
        self.limit_spin.setValue(-1 if limit is None else int(limit))
        self.windows_edit.setText(compact_windows(row.get("windows") or []))
        self.rules_edit.setPlainText(row.get("rules") or "")
        self.notes_edit.setPlainText(row.get("notes") or "")

    def _windows_error(self) -> str | None:
        try:
            window_specs(self.windows_edit.text())
        except InvalidInput as exc:
            return exc.message
        return None

    def _form_error(self) -> str | None:
        # The windows' own message sits under their field; the general line only says what else is missing.
        error = self._windows_error()
        self.windows_error.setText(error or "")
        self.windows_error.setVisible(error is not None)
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
