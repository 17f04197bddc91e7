"""The main window: a sidebar of pages, the pages in a stack, the data folder in the status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from app.ui.today_page import TodayPage

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
DEFAULT_SIZE = QSize(1200, 760)
ICON_SIZE = QSize(18, 18)
# The last part of app.paths.default_demo_dir() on every platform (platformdirs puts the app's name last); a test
# holds the two together. Written out so that telling the demo folder from another needs no platformdirs.
DEMO_DIR_NAME = "pintuan-quest-demo"
ICON_ROLE = Qt.ItemDataRole.UserRole + 1  # a sidebar item's icon name (resources/icons/pages/<name>.svg)


def _page_class(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"app.ui.pages.{module}"), name)


class _LazyPage:
    """``window.groups_page`` and the like: the page, built on first access (see :meth:`MainWindow.page`)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> Any:
        return self if window is None else window.page(self.name)


class MainWindow(QMainWindow):
    """The application's one main window; a view only: the controller fills its pages."""

    closed = Signal()
    quick_log_requested = Signal()
    import_chat_requested = Signal()  # File ▸ Import chat…
    retranslated = Signal()  # the pages were built again in a new language
    page_built = Signal(QWidget)  # a page was built on first use: it wants the services and its data
    first_painted = Signal()  # the first frame is on screen

    groups_page = _LazyPage()
    contacts_page = _LazyPage()
    deals_page = _LazyPage()
    ledger_page = _LazyPage()
    quests_page = _LazyPage()
    badges_page = _LazyPage()
    charts_page = _LazyPage()
    history_page = _LazyPage()
    privacy_page = _LazyPage()
    settings_page = _LazyPage()

    def __init__(self, data_dir: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.settings = settings
        self.data_dir = Path(data_dir)
        self._ui_objects: list[QObject] = []  # the menus and actions a language change builds again
        self._lazy: dict[str, tuple[int, Callable[[], QWidget]]] = {}  # page name → (index, factory)
        self._built: dict[str, QWidget] = {}
        self._retranslate_pending = False
        self._paint_seen = False
        self._painted = False
        self._blank_icon: QPixmap | None = None
        self._build()
        self._build_translated()
        self._connect()
        self._restore_geometry()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        """The frame that stays across language changes: the sidebar, the page stack and the status bar."""
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setFixedWidth(184)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sidebar.setSpacing(2)
        self.sidebar.setIconSize(ICON_SIZE)
        self.follow_theme()

        self.pages = QStackedWidget()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Plain)
        divider.setStyleSheet("color: palette(midlight);")
        layout.addWidget(divider)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.folder_label)

    def follow_theme(self) -> None:
        """The sidebar's look in the application palette's colours (again after each change of theme: app.ui.theme).

        Written out, not ``palette(window)``: a style sheet takes those from the widget's own palette, and an item
        view's is the one with the darker borders (app.ui.theme).
        """
        palette = QApplication.palette()

        def hexa(role: QPalette.ColorRole) -> str:
            return palette.color(role).name()

        roles = QPalette.ColorRole
        sheet = (
            f"QListWidget#sidebar {{ background: {hexa(roles.Window)}; padding: 12px 8px; outline: 0; }}"
            f"QListWidget#sidebar::item {{ padding: 8px 12px; border-radius: 6px; color: {hexa(roles.WindowText)}; }}"
            f"QListWidget#sidebar::item:selected {{ background: {hexa(roles.Highlight)};"
            f" color: {hexa(roles.HighlightedText)}; }}"
            f"QListWidget#sidebar::item:hover:!selected {{ background: {hexa(roles.Midlight)}; }}"
            # Keyboard focus in the sidebar: a ring inside the current page's item (the outline is off).
            f"QListWidget#sidebar::item:selected:focus {{ border: 2px solid {hexa(roles.HighlightedText)}; }}"
        )
        if sheet != self.sidebar.styleSheet():
            self.sidebar.setStyleSheet(sheet)

    def _build_translated(self) -> None:
        """Everything with words on it: built once, and again after each language change."""
        if self.is_demo():
            # Never mistaken for the user's own data: the title and the status bar say it is the demo.
            self.setWindowTitle(self.tr("Pintuan Quest — demo data"))
        else:
            self.setWindowTitle(self.tr("Pintuan Quest"))
        self.sidebar.setAccessibleName(self.tr("Pages"))
        folder = self.tr("Demo folder: {path}") if self.is_demo() else self.tr("Data folder: {path}")
        self.folder_label.setText(folder.format(path=self.data_dir))
        self.folder_label.setAccessibleName(self.tr("Data folder"))
        self._build_actions()
        self.today_page = TodayPage(self.settings, self.pages)
        if self._painted:  # built again in another language: no first frame to wait for
            self.today_page.build_content()
        self._add_page(self.tr("Today"), self.today_page, "today")
        self._build_data_pages()
        self.sidebar.setCurrentRow(0)

    def is_demo(self) -> bool:
        """Whether this window shows the demo folder (``--demo``, the first-run tour), not the user's data."""
        try:
            resolved = self.data_dir.resolve()
            # Only a folder of the demo's name can be it, unless the demo folder is a link to a folder of another
            # name and that folder was given: shown then as a data folder. Any other folder is told apart without
            # loading platformdirs, which would cost the first frame ~5 ms.
            if DEMO_DIR_NAME not in (self.data_dir.name, resolved.name):
                return False
            from app.paths import default_demo_dir

            return resolved == default_demo_dir().resolve()
        except OSError:
            return False

    def _add_page(self, title: str, page: QWidget, icon: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        item.setData(ICON_ROLE, icon)
        self._set_icon(item)
        self.sidebar.addItem(item)
        self.pages.addWidget(page)

    def _set_icon(self, item: QListWidgetItem) -> None:
        """The page's icon once the first frame is on screen; before, a blank pixmap of its size.

        The icons need QtSvg, QIcon's set-up and ten SVG files drawn: work the first frame does without. The blank
        keeps the titles where the icons put them, so nothing moves when the icons come a frame later.
        """
        if self._painted:
            from app.ui.icons import page_icon

            item.setIcon(page_icon(str(item.data(ICON_ROLE))))
            return
        if self._blank_icon is None:
            self._blank_icon = QPixmap(ICON_SIZE)
            self._blank_icon.fill(Qt.GlobalColor.transparent)
        item.setData(Qt.ItemDataRole.DecorationRole, self._blank_icon)

    def _show_icons(self) -> None:
        for row in range(self.sidebar.count()):
            self._set_icon(self.sidebar.item(row))

    def _build_data_pages(self) -> None:
        """The pages after Today, in the sidebar's order: placeholders now, each built when first wanted.

        A page's module imports the services' code (SQLAlchemy, pydantic): building them all before the window
        first paints would make every start wait for code the user may not need yet.
        """
        specs: list[tuple[str, str, str, Callable[[], QWidget]]] = [
            ("groups_page", self.tr("Groups"), "groups", lambda: _page_class("groups", "GroupsPage")()),
            ("contacts_page", self.tr("Contacts"), "contacts", lambda: _page_class("contacts", "ContactsPage")()),
            ("deals_page", self.tr("Deals"), "deals", lambda: _page_class("deals", "DealsPage")()),
            ("ledger_page", self.tr("Ledger"), "ledger", lambda: _page_class("ledger", "LedgerPage")()),
            ("quests_page", self.tr("Quests"), "quests", lambda: _page_class("quests", "QuestsPage")()),
            ("badges_page", self.tr("Badges"), "badges", lambda: _page_class("badges", "BadgesPage")()),
            ("charts_page", self.tr("Charts"), "charts", lambda: _page_class("charts", "ChartsPage")()),
            ("history_page", self.tr("History"), "history", lambda: _page_class("history", "HistoryPage")()),
            ("privacy_page", self.tr("Privacy & Export"), "privacy",
             lambda: _page_class("privacy", "PrivacyPage")(self.data_dir)),
            ("settings_page", self.tr("Settings"), "settings",
             lambda: _page_class("settings", "SettingsPage")(self.data_dir, self.settings)),
        ]
        for name, title, icon, factory in specs:
            placeholder = QWidget()
            placeholder.setObjectName(f"{name}Placeholder")
            self._add_page(title, placeholder, icon)
            index = self.pages.count() - 1
            self._lazy[name] = (index, factory)
            # Ctrl+2…9 then Ctrl+0 (Ctrl+1 is Today, as a keyboard's number row goes); a page after the tenth is in
            # the Go menu without one.
            # A menu reads "&" as the next letter's key: "Privacy & Export" needs it doubled to show.
            self._add_shortcut(title.replace("&", "&&"), index,
                               QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_0 + (index + 1) % 10)) if index <= 9
                               else QKeySequence())
        self.settings_action = self._add_shortcut(self.tr("&Settings…"), self.pages.count() - 1,
                                                  QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def _action(self, title: str) -> QAction:
        # Not QAction(title, parent): PySide6 tries that call against QAction(QIcon, text, parent) too, which sets
        # up QIcon's type and its enums (~2 ms) before the first frame, for no icon.
        action = QAction(self)
        action.setText(title)
        return action

    def _add_shortcut(self, title: str, index: int, keys: QKeySequence) -> QAction:
        action = self._action(title)
        action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False, i=index: self.sidebar.setCurrentRow(i))
        self.go_menu.addAction(action)
        self._ui_objects.append(action)
        return action

    def page(self, name: str) -> QWidget:
        """The page called ``name`` (e.g. ``"groups_page"``), built now if it was not yet."""
        built = self._built.get(name)
        if built is not None:
            return built
        index, factory = self._lazy[name]
        page = factory()
        placeholder = self.pages.widget(index)
        was_current = self.pages.currentIndex() == index
        self.pages.blockSignals(True)
        self.pages.insertWidget(index, page)
        if placeholder is not None:
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        if was_current:
            self.pages.setCurrentIndex(index)
        self.pages.blockSignals(False)
        self._built[name] = page
        self.page_built.emit(page)
        return page

    def built_page(self, name: str) -> QWidget | None:
        """The page called ``name`` if it was built already, else None (never builds it)."""
        return self._built.get(name)

    def build_all_pages(self) -> None:
        """Build every page now (screenshots, and tests that walk them all)."""
        for name in list(self._lazy):
            self.page(name)

    def _build_for_row(self, row: int) -> None:
        for name, (index, _factory) in self._lazy.items():
            if index == row:
                self.page(name)
                return

    def data_pages(self) -> list[QWidget]:
        """Every built page the controller loads (the ones with ``load`` and ``set_data``)."""
        return [self.pages.widget(i) for i in range(self.pages.count())
                if hasattr(self.pages.widget(i), "load") and hasattr(self.pages.widget(i), "set_data")]

    def _build_actions(self) -> None:
        self.today_action = self._action(self.tr("&Today"))
        self.today_action.triggered.connect(self.on_today_action_triggered)
        self.today_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_1))
        self.quit_action = self._action(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.go_menu.addAction(self.today_action)
        self.quick_log_action = self._action(self.tr("&Quick log…"))
        self.quick_log_action.setShortcut(QKeySequence.StandardKey.New)
        self.quick_log_action.triggered.connect(self.quick_log_requested)
        file_menu.insertAction(self.quit_action, self.quick_log_action)
        self.import_chat_action = self._action(self.tr("&Import chat…"))
        self.import_chat_action.triggered.connect(self.import_chat_requested)
        file_menu.insertAction(self.quit_action, self.import_chat_action)
        self._ui_objects.append(self.import_chat_action)
        self.find_action = self._action(self.tr("&Find"))
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.on_find_action_triggered)
        self.go_menu.addAction(self.find_action)
        self.quit_action.triggered.connect(self.close)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"))
        self.shortcuts_action.setShortcuts([QKeySequence(Qt.Key.Key_F1), QKeySequence("Ctrl+/")])
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = self._action(self.tr("&About Pintuan Quest"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)
        self._ui_objects += [self.today_action, self.quit_action, self.quick_log_action, self.find_action,
                             self.shortcuts_action, self.about_action, file_menu, self.go_menu, self.help_menu]

    def show_shortcuts(self) -> QWidget:
        """Help ▸ Keyboard shortcuts (F1): every key, the menus' read from their actions."""
        from app.ui.help import show_shortcuts

        menus = [m for m in (a.menu() for a in self.menuBar().actions()) if isinstance(m, QMenu)]
        return show_shortcuts(self, menus)

    def show_about(self) -> QWidget:
        from app.ui.help import show_about

        return show_about(self, self.data_dir)

    def _connect(self) -> None:
        self.sidebar.currentRowChanged.connect(self.on_sidebar_row_changed)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._paint_seen:
            self._paint_seen = True
            QTimer.singleShot(0, self._on_first_frame)  # after the whole frame: the children paint after us

    def _on_first_frame(self) -> None:
        self._painted = True
        self._show_icons()
        self.today_page.build_content()
        self.first_painted.emit()

    def has_painted(self) -> bool:
        """Whether the first frame is on screen (``first_painted`` was emitted)."""
        return self._painted

    # -- language ---------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._retranslate_pending:
            # Removing one catalogue and installing another sends two events: build once, after both.
            self._retranslate_pending = True
            QTimer.singleShot(0, self.retranslate)
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Build the pages, menus and actions again in the language now installed, on the same page.

        The pages are made of many hand-built widgets; building them again is simpler and surer than keeping a
        list of every text to set. The controller hears ``retranslated`` and fills the new pages.
        """
        self._retranslate_pending = False
        current = self.pages.currentIndex()
        self.menuBar().clear()
        for obj in self._ui_objects:
            obj.deleteLater()
        self._ui_objects.clear()
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        for page in [self.pages.widget(i) for i in range(self.pages.count())]:
            if page is not None:
                self.pages.removeWidget(page)
                page.deleteLater()
        self._lazy.clear()
        self._built.clear()
        self._build_translated()
        self.sidebar.blockSignals(False)
        row = max(0, min(current, self.pages.count() - 1))
        self.sidebar.setCurrentRow(row)
        self._build_for_row(row)
        self.pages.setCurrentIndex(row)
        self.retranslated.emit()

    # -- slots ------------------------------------------------------------------------------------------

    def on_sidebar_row_changed(self, row: int) -> None:
        if row >= 0:
            self._build_for_row(row)
            self.pages.setCurrentIndex(row)

    def on_find_action_triggered(self) -> None:
        page = self.pages.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def on_today_action_triggered(self) -> None:
        self.show_page(self.today_page)

    def show_page(self, page: QWidget) -> None:
        self.sidebar.setCurrentRow(self.pages.indexOf(page))

    # -- messages ---------------------------------------------------------------------------------------

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- geometry ---------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if not geometry or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry().size()
            self.resize(DEFAULT_SIZE.boundedTo(available * 0.9))
        state = self._settings.value(STATE_KEY)
        if state:
            self.restoreState(state)

    def save_geometry(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.closed.emit()
        super().closeEvent(event)
