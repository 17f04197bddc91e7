"""The Ledger page's parts: lists as tall as their lines, and the dialog that asks how a settlement settled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.limits import NOTE_MAX
from app.services import validate as v
from app.ui.format import signed
from app.ui.parts import add_rows, error_label, field_box, input_error, show_error

HOWS = ("even", "favour", "hongbao", "partial")


class StretchWhenRoom(QObject):
    """A table's ``column`` takes the spare width when there is some; when the columns' contents need more than the
    table has, it keeps its contents' width and the table scrolls sideways (a stretched column would be cut)."""

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged, model.dataChanged):
            signal.connect(self.update)

    def update(self, *_: Any) -> None:
        header = self.view.horizontalHeader()
        need = sum(max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
                   for c in range(header.count()) if not header.isSectionHidden(c))
        room = need <= self.view.viewport().width()
        mode = QHeaderView.ResizeMode.Stretch if room else QHeaderView.ResizeMode.ResizeToContents
        if header.sectionResizeMode(self.column) != mode:
            header.setSectionResizeMode(self.column, mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the list's width (Qt's own measure wraps to no width: one line, cut)."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(1, self._view.viewport().width()), 1)
        hint = super().sizeHint(wrapped, index)
        # A little room under the last line: a line of Chinese or emoji falls back to a taller font than the one
        # measured, and a row a few pixels short loses its wrapped last line.
        return QSize(hint.width(), hint.height() + self._view.fontMetrics().descent())


class FitList(QListWidget):
    """A list whose lines wrap to its width and that is as tall as they are, up to ``max_height``; then it scrolls.

    Its width comes from the layout, its height from its lines: a short list takes no more room than it needs,
    and a long one never pushes the page's table away.
    """

    def __init__(self, name: str, max_height: int = 120) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # the lines wrap again when the width changes
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # As tall as its lines when there is room, shorter (down to one line, then it scrolls) when there is not:
        # it never raises the window's least height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setItemDelegate(_WrapDelegate(self))
        self._max_height = max_height
        self._laid_out_width = -1
        self.model().rowsInserted.connect(self.fit)
        self.model().rowsRemoved.connect(self.fit)
        self.model().modelReset.connect(self.fit)
        self.fit()

    def set_max_height(self, height: int) -> None:
        if height != self._max_height:
            self._max_height = height
            self.fit()

    def content_height(self) -> int:
        """The height that shows every line (its frame included)."""
        rows = sum(self.sizeHintForRow(i) for i in range(self.count())) + 2 * self.spacing() * self.count()
        return rows + 2 * self.frameWidth()

    def _one_line(self) -> int:
        return (self.sizeHintForRow(0) if self.count() else self.fontMetrics().lineSpacing()) + 2 * self.frameWidth()

    def fit(self, *_: Any) -> None:
        """As tall as the lines, at least one line, at most ``max_height`` (then it scrolls)."""
        height = max(self._one_line(), min(self.content_height(), self._max_height))
        if height != self.maximumHeight():
            self.setMaximumHeight(height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        # No width of its own: the lines wrap to the width the layout gives (their unwrapped length would widen
        # the whole pane).
        return QSize(self.fontMetrics().averageCharWidth() * 16, self.maximumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 10, min(self._one_line(), self.maximumHeight()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport narrows when the scroll bar shows (the list itself keeps its size): wrap again then too.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self._relayout()
        return handled

    def _relayout(self) -> None:
        width = self.viewport().width()
        if width != self._laid_out_width:
            self._laid_out_width = width
            self.doItemsLayout()  # wrap the lines to the new width before measuring them
            self.fit()


class SettleDialog(QDialog):
    """How a settlement with one contact settled: even, a favour returned, a red packet (and how much), or partly
    (how many helps); and a note. OK stays disabled while the amount is not one."""

    def __init__(self, parent: QWidget | None, nickname: str, balance: int) -> None:
        super().__init__(parent)
        self.balance = balance
        self.setWindowTitle(self.tr("Settle up with {name}").format(name=nickname))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your balance with {name} is {balance}. How did you settle up?").format(
            name=nickname, balance=signed(balance)))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.group = QButtonGroup(self)
        labels = {
            "even": self.tr("We are &even (the balance starts again from zero)"),
            "favour": self.tr("A &favour returned (outside the app)"),
            "hongbao": self.tr("A &red packet (红包)"),
            "partial": self.tr("&Partly: some helps settled, the rest still counts"),
        }
        self.radios: dict[str, QRadioButton] = {}
        for how in HOWS:
            radio = QRadioButton(labels[how])
            radio.setAccessibleName(labels[how].replace("&", ""))
            self.radios[how] = radio
            self.group.addButton(radio)
            layout.addWidget(radio)
        self.radios["even"].setChecked(True)
        self.radios["partial"].setEnabled(balance != 0)
        if balance == 0:
            self.radios["partial"].setToolTip(self.tr("The balance is even: nothing to settle in part"))

        form = QFormLayout()
        layout.addLayout(form)
        self.helps_spin = QSpinBox()
        self.helps_spin.setAccessibleName(self.tr("Helps settled"))
        self.helps_spin.setRange(1, max(1, abs(balance)))
        self.helps_spin.setValue(max(1, abs(balance) // 2))
        self.amount_edit = QLineEdit()
        self.amount_edit.setAccessibleName(self.tr("Amount in yuan"))
        self.amount_edit.setPlaceholderText(self.tr("optional, e.g. 6.66"))
        self.amount_edit.setMaxLength(16)
        self.amount_error = error_label("amountError")
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("optional, e.g. bought her a milk tea"))
        self.note_edit.setMaxLength(NOTE_MAX)
        add_rows(form, [
            (self.tr("&Helps settled:"), self.helps_spin, self.helps_spin),
            (self.tr("&Amount (¥):"), field_box(self.amount_edit, self.amount_error, vertical=True), self.amount_edit),
            (self.tr("&Note:"), self.note_edit, self.note_edit),
        ])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Settle up"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self.amount_edit.textChanged.connect(lambda *_: self._update())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self._update()

    def how(self) -> str:
        return next(how for how, radio in self.radios.items() if radio.isChecked())

    def choose(self, how: str) -> None:
        self.radios[how].setChecked(True)

    def _amount_error(self) -> str | None:
        text = self.amount_edit.text().strip()
        return input_error(lambda: v.yuan_to_fen(text, "amount")) if text else None

    def _update(self) -> None:
        partial = self.how() == "partial"
        self.helps_spin.setEnabled(partial)
        error = self._amount_error()
        show_error(self.amount_error, error)
        self.ok_button.setEnabled(error is None)

    def values(self) -> dict[str, Any]:
        """What the service's ``settle`` takes: ``how``, ``helps`` (partly only), ``amount_fen``, ``note``."""
        text = self.amount_edit.text().strip()
        how = self.how()
        return {"how": how, "helps": self.helps_spin.value() if how == "partial" else None,
                "amount_fen": v.yuan_to_fen(text, "amount") if text else None, "note": self.note_edit.text().strip()}
