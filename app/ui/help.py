"""The Help menu's windows: every keyboard shortcut, and About.

Both open without a nested event loop (``show``/``open``), so they never run inside a coroutine's turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.ui.parts import translate, without_mnemonic
from app.ui.text_style import heading


def keys_text(keys: QKeySequence | str) -> str:
    """Keys as this platform writes them (Ctrl+N; ⌘N on a Mac)."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def menu_shortcuts(menus: Sequence[QMenu]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``menus`` that has keys, in menu order."""
    found = []
    for menu in menus:
        for action in menu.actions():
            if isinstance(action, QAction) and not action.shortcut().isEmpty():
                what = without_mnemonic(action.text().removesuffix("…"))
                found.append((keys_text(action.shortcut()), translate("HelpWindows", "{menu}: {action}").format(
                    menu=without_mnemonic(menu.title()), action=what)))
    return found


def other_shortcuts() -> list[tuple[str, str]]:
    """The keys that belong to a page or a dialog rather than to a menu."""
    return [
        (keys_text(QKeySequence(QKeySequence.StandardKey.Save)),
         translate("HelpWindows", "Save the form you are editing")),
        (keys_text("Ctrl+Z"), translate("HelpWindows", "Undo what a notice just reported (while it shows)")),
        (keys_text("Alt+1") + " · " + keys_text("Alt+2") + " · " + keys_text("Alt+3"),
         translate("HelpWindows", "Quick log: helped someone · got help · asked a group")),
        (keys_text(QKeySequence(QKeySequence.StandardKey.Paste)),
         translate("HelpWindows", "Today: paste a share text as a new deal (the quick log: fill it from one)")),
        (translate("HelpWindows", "Alt + underlined letter"), translate("HelpWindows", "Go to that field or button")),
        (keys_text("Return"), translate("HelpWindows", "Save the quick log; open the selected row")),
        (keys_text("Esc"), translate("HelpWindows", "Close a dialog without saving")),
        (keys_text("Tab") + " · " + keys_text("Shift+Tab"), translate("HelpWindows", "Next · previous field")),
    ]


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut: the menus' (read from the actions themselves) and the pages'."""

    def __init__(self, menus: Sequence[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(heading(self.tr("Keyboard shortcuts"), 1.3))
        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        for keys, what in [*menu_shortcuts(menus), *other_shortcuts()]:
            self.table.addTopLevelItem(QTreeWidgetItem([keys, what]))
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.topLevelItem(i).text(0), self.table.topLevelItem(i).text(1))
                for i in range(self.table.topLevelItemCount())]


def about_text(data_dir: Path) -> str:
    return translate(
        "HelpWindows",
        "<h3>Pintuan Quest {version}</h3>"
        "<p>A private, offline logbook and game for group-buy and bargain-help communities.</p>"
        "<p>Everything you record stays on this computer, in <code>{folder}</code>. Nothing is sent anywhere "
        "unless you export it yourself.</p>"
        "<p>Free software under the MIT License. Bundled fonts and icons keep their own licences.</p>"
    ).format(version=__version__, folder=str(data_dir).replace("&", "&amp;").replace("<", "&lt;"))


def show_about(parent: QWidget, data_dir: Path) -> QMessageBox:
    """About, as a window of its own (``open``: no nested event loop)."""
    box = QMessageBox(parent)
    box.setWindowTitle(translate("HelpWindows", "About Pintuan Quest"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(data_dir))
    if not parent.windowIcon().isNull():
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_shortcuts(parent: QWidget, menus: Sequence[QMenu]) -> ShortcutsDialog:
    dialog = ShortcutsDialog(menus, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
