"""The frame the Groups, Contacts and Deals pages share: a searchable, sorted table beside a detail form with New,
Save, Archive and Delete (the service refuses to delete a record that history depends on, and says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.erasure import ask_forget, cleared
from app.ui.parts import (
    BusyWrites,
    detail_pane,
    error_label,
    focus_search,
    hbox,
    search_edit,
    show_error,
    sort_proxy,
    tab_order,
    table_view,
    two_panes,
)
from app.ui.rows_model import ROW_ROLE, RowsModel
from app.ui.selection import select_record
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext


class RecordPage(BusyWrites, QWidget):
    """A table of records with sorting and search, beside a detail form with New, Save, Archive and Delete.

    Subclasses build the form's rows, fill it from a record, read the fields back, and name their service.
    """

    NAME_COLUMN = 0
    STRETCH_COLUMN = 0  # the column that takes the table's spare width
    NAME_KEY = "name"
    PANE_SIZES = (820, 380)  # the table's side and the detail's, scaled to the page's width: the table needs it more
    # Fields whose old values the user may have taken out of the history when a save clears them (app/ui/erasure.py).
    FORGETTABLE: tuple[str, ...] = ()

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.model = model
        self.proxy = sort_proxy(model, self)
        self.proxy.setFilterKeyColumn(self.NAME_COLUMN)
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

        self.search = search_edit(texts["search"], texts["search_name"])
        self.view = table_view(texts["table"], self.proxy, stretch=self.STRETCH_COLUMN, sort_column=self.NAME_COLUMN)
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

        self.detail, self.heading, detail_layout = detail_pane()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_form(self.form)
        self.form_error = error_label("formError")

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
        buttons = hbox(self.new_button, None, self.archive_button, self.delete_button, self.save_button)

        self._place_form(detail_layout)
        detail_layout.addLayout(buttons)

        two_panes(self, left, self.detail, list(self.PANE_SIZES))
        # Search, table, the form top to bottom, then the buttons: the order they are read in.
        tab_order([self.search, self.view, *self._form_widgets(), self.save_button, self.new_button,
                   self.archive_button, self.delete_button])

    def _place_form(self, layout: QVBoxLayout) -> None:
        """Put the form and its error line in the detail pane, above the buttons (a page may put more there)."""
        layout.addLayout(self.form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)

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
        focus_search(self.search)

    def set_data(self, data: Any) -> None:
        """Show fresh records; the selected one stays selected, and unsaved edits in the form stay."""
        rows = self.rows_of(data)
        self._restoring = True
        try:
            self.model.set_rows(rows)
            record = self._select(self.current_id)
            if record is None:  # rows went from under the current index: Qt may have selected a neighbour
                self.view.clearSelection()
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
        if self.current_id is None:
            result = await self._busy_write(service.create, **fields)
        else:
            options = {}
            gone = cleared(self.current_record(), fields, self.FORGETTABLE)
            if gone and await ask_forget(self, gone):  # asked before the write: one write does both
                options["forget_old"] = True
            if self.ctx is None or self.current_id is None:
                return False
            result = await self._busy_write(service.edit, self.current_id, **options, **fields)
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

    def show_record(self, ident: str) -> None:
        """Select the record ``ident`` (a reminder opens it): now if it is listed, else when the data comes."""
        self.search.clear()
        self.current_id = ident
        record = self._select(ident)
        if record is not None:
            self._fill(record)

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

    def _update_state(self) -> None:
        error = self._form_error()
        show_error(self.form_error, error)
        attached = self.ctx is not None and not self._busy
        record = self.current_record()
        self.detail.setEnabled(self.ctx is not None)
        self.new_button.setEnabled(attached)
        self.save_button.setEnabled(attached and error is None)
        self.archive_button.setEnabled(attached and record is not None)
        self.delete_button.setEnabled(attached and record is not None)
        archived = bool(record and record.get("archived"))
        self.archive_button.setText(self.tr("Unarchive") if archived else self.tr("Archive"))

