"""What the pages repeat, in one place: their tables' roles and colours, the read-only table view and its proxy, the
search line and the two panes of a page, form rows with their error lines, the labels of the deal kinds, and the
one-write-at-a-time of a page (:class:`BusyWrites`).

Texts written here, and in the mixins a page is split into (:data:`PageMixin`), keep the translation context the
catalogue holds them under: see :func:`translate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.ui.text_style import DETAIL_HEADING, heading
from app.ui.theme import COLOUR_PAIRS, colour, colour_hex

if TYPE_CHECKING:
    # Imported where they are built: the Today page, built before the window's first frame, uses none of them,
    # and PySide6 sets up a class (and its enums) when it is first imported (~1 ms for these four).
    from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

    from app.services.base import OpResult

    PageMixin = QWidget  # a page's mixin is checked as the widget it is mixed into
else:
    PageMixin = object

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

# A light and a dark shade each (app.ui.theme.COLOUR_PAIRS): the QColors are changed in place when the theme changes,
# so a model that returns one paints the theme's shade; a style sheet naming ERROR_COLOR gets the dark one in dark.
ERROR_COLOR = COLOUR_PAIRS["negative"][0]  # for style sheets (the light shade): better error_style()
NEGATIVE_COLOR = colour("negative")  # owed, overdue, blocked
POSITIVE_COLOR = colour("positive")  # ahead, helped
MUTED_COLOR = colour("muted")  # archived, closed, corrected


def error_style() -> str:
    """A style sheet for an error line in the theme's red (the other theme's red after a switch)."""
    return f"color: {colour_hex('negative')};"


def balance_color(balance: int) -> QColor | None:
    """Red when the contact helped more (you owe), green when you did, none when even."""
    if balance < 0:
        return NEGATIVE_COLOR
    if balance > 0:
        return POSITIVE_COLOR
    return None


# The detail pane beside a page's table, and the line that stands in for an empty table.
# Fusion draws no focus on a multi-line text field (a line edit's border turns the selection colour): the same here.
DETAIL_STYLE = (
    "QFrame#detail { background: palette(base); border: 1px solid palette(midlight); border-radius: 8px; }"
    " QLabel#emptyText { color: palette(placeholder-text); }"
    " QPlainTextEdit:focus { border: 1px solid palette(highlight); }"
)


def translate(context: str, text: str) -> str:
    """``text`` in the window's language, as a class named ``context`` would translate it with ``self.tr``.

    For a class's texts written outside it (in a mixin or a shared helper): lupdate files ``self.tr`` texts under
    the class they are written in, and ``translate("Context", "text")`` under its first argument.
    """
    return QCoreApplication.translate(context, text)


def without_mnemonic(text: str) -> str:
    """A label's text as it is read out: "&Helped someone" → "Helped someone", "帮了别人(&H)" → "帮了别人"."""
    return re.sub(r"\(&\w\)$", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def settle_how_labels() -> dict[str, str]:
    """How a settlement was made, as the Ledger and History say it."""
    return {
        "even": translate("LedgerPage", "Even"),
        "favour": translate("LedgerPage", "Favour returned"),
        "hongbao": translate("LedgerPage", "Red packet"),
        "partial": translate("LedgerPage", "Partly"),
    }


def deal_kind_labels() -> dict[str, str]:
    """The deal kinds as the user reads them (the catalogue has them under DealTableModel)."""
    return {
        "group_buy": translate("DealTableModel", "Group buy"),
        "bargain": translate("DealTableModel", "Bargain"),
        "boost": translate("DealTableModel", "Boost"),
    }


def deal_status_labels() -> dict[str, str]:
    """The deal statuses as the user reads them (the catalogue has them under DealTableModel)."""
    return {
        "open": translate("DealTableModel", "Open"),
        "succeeded": translate("DealTableModel", "Succeeded"),
        "failed": translate("DealTableModel", "Failed"),
        "expired": translate("DealTableModel", "Expired"),
        "cancelled": translate("DealTableModel", "Cancelled"),
    }


def help_kind_labels() -> dict[str, str]:
    """The kinds of help as the user reads them (the catalogue has them under ExchangeTableModel), one wording for
    the ledger, Today and History."""
    return {
        "bargain_cut": translate("ExchangeTableModel", "Bargain cut"),
        "join_group": translate("ExchangeTableModel", "Joined group buy"),
        "boost_click": translate("ExchangeTableModel", "Boost click"),
        "share": translate("ExchangeTableModel", "Shared"),
        "other": translate("ExchangeTableModel", "Other help"),
    }


def tier_labels() -> dict[str, str]:
    """A badge's tiers as the user reads them, capitalised ("Gold", 金), never the enum's name (the catalogue has them
    under Toast, which says them first); one wording for the toasts, the Badges page and its detail."""
    return {
        "bronze": translate("Toast", "Bronze"),
        "silver": translate("Toast", "Silver"),
        "gold": translate("Toast", "Gold"),
        "platinum": translate("Toast", "Platinum"),
        "diamond": translate("Toast", "Diamond"),
    }


# -- tables -------------------------------------------------------------------------------------------------


def sort_proxy(model: QAbstractItemModel, parent: QObject) -> QSortFilterProxyModel:
    """Sorts ``model`` by its sort role (names in the user's locale) and filters it ignoring case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def table_view(name: str, model: QAbstractItemModel | None = None, *, stretch: int | None = None,
               sort_column: int | None = None, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    """A read-only table: whole rows picked one at a time, no grid, no editing, Tab leaves it, headers left-aligned.

    With ``stretch`` the columns fit their contents and that one takes the spare width; with ``sort_column`` a
    click on a header sorts, and the table starts sorted by that column.
    """
    view = QTableView()
    view.setAccessibleName(name)
    if model is not None:
        view.setModel(model)
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
    if stretch is not None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if sort_column is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_column, order)
    return view


# -- page layout --------------------------------------------------------------------------------------------


def search_edit(placeholder: str, name: str) -> QLineEdit:
    """The search line above a page's table."""
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setClearButtonEnabled(True)
    return edit


def focus_search(edit: QLineEdit) -> None:
    """Ctrl+F: into the search line, its text selected to be typed over."""
    edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
    edit.selectAll()


def detail_pane() -> tuple[QFrame, QLabel, QVBoxLayout]:
    """The framed pane beside a page's table, its heading on top of its layout (the caller adds the rest)."""
    frame = QFrame()
    frame.setObjectName("detail")
    title = heading(factor=DETAIL_HEADING)
    title.setObjectName("detailHeading")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.addWidget(title)
    return frame, title, layout


def two_panes(page: QWidget, left: QWidget, right: QWidget, sizes: Sequence[int]) -> None:
    """Lay ``page`` out as a table side and a detail side, split 3:2 and never collapsed."""
    from PySide6.QtWidgets import QSplitter

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes(list(sizes))  # scaled to the real width on the first layout
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.addWidget(splitter)
    page.setStyleSheet(DETAIL_STYLE)


def hbox(*items: QWidget | None) -> QHBoxLayout:
    """A row of widgets; ``None`` stands for a stretch, which pushes the widgets after it to the right."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row


def tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (the order they are read in)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


# -- forms --------------------------------------------------------------------------------------------------


def choice_combo(name: str, labels: dict[str, str]) -> QComboBox:
    """A combo box of ``labels`` (value → text), each value its item's data."""
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, text in labels.items():
        combo.addItem(text, value)
    return combo


def set_choice(combo: QComboBox, value: object) -> None:
    """Choose the item whose data is ``value`` (the first one when there is none)."""
    combo.setCurrentIndex(max(combo.findData(value), 0))


def add_rows(form: QFormLayout, rows: Sequence[tuple[str, QWidget, QWidget | None]]) -> None:
    """Add ``(label text, field, buddy)`` rows to ``form``; the label's mnemonic focuses the buddy."""
    for text, widget, buddy in rows:
        form.addRow(text, widget)
        label = form.labelForField(widget)
        if isinstance(label, QLabel) and buddy is not None:
            label.setBuddy(buddy)


def input_error(check: Callable[[], object]) -> str | None:
    """Why a field's text is refused, as ``check()`` says by raising :class:`InvalidInput`; None when it passes."""
    try:
        check()
    except InvalidInput as exc:
        return exc.message
    return None


def error_label(name: str) -> QLabel:
    """A form's error line: red, wrapped, hidden until :func:`show_error` has something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(error_style())
    label.hide()
    return label


def show_error(label: QLabel, error: str | None) -> None:
    """Say ``error`` in an error line, or hide the line when there is none."""
    label.setText(error or "")
    label.setVisible(bool(error))


def field_box(*widgets: QWidget, vertical: bool = False) -> QWidget:
    """Widgets side by side (or a field above its error line) in one form row."""
    box = QWidget()
    layout = QVBoxLayout(box) if vertical else QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2 if vertical else 6)
    for widget in widgets:
        layout.addWidget(widget)
    return box


# -- writes -------------------------------------------------------------------------------------------------


class BusyWrites(PageMixin):
    """A page's writes one at a time: while one runs the page is busy, and its ``_update_state`` disables buttons."""

    _busy = False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_state()

    async def _busy_write(self, fn: Callable[..., OpResult], *args: Any, **kwargs: Any) -> OpResult | None:
        """One service call through the page's context, the page busy meanwhile; None when it was refused."""
        self._set_busy(True)
        try:
            return await self.ctx.write(fn, *args, parent=self, **kwargs)
        finally:
            self._set_busy(False)
