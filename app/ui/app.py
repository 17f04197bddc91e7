"""Starts the desktop window on qasync: the window first, then the store, opened off the UI thread."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# isort: off
# PySide6 before qasync: qasync binds to the first Qt binding it finds.
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
import qasync

# isort: on
from app.clock import Clock, SystemClock, find_zone
from app.errors import StoreError
from app.resource_files import resource_path
from app.ui.language import apply_language, remove_translators
from app.ui.main_window import MainWindow
from app.ui.tasks import DbRunner

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.controller import WindowController

log = logging.getLogger(__name__)

APP_NAME = "Pintuan Quest"
ORGANISATION = "pintuan-quest"
DESKTOP_ID = "pintuan-quest"  # packaging/pintuan-quest.desktop
FIRST_PAINT_WAIT_S = 0.5


class Launcher:
    """One run of the window: shows it, opens the store in the background, shuts everything down after."""

    def __init__(self, app: QApplication, data_dir: Path, *, settings: QSettings, clock: Clock) -> None:
        self.app = app
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.window = MainWindow(self.data_dir, settings)
        self.runner = DbRunner()
        self.services: Services | None = None
        self._opened: Services | None = None
        self.controller: WindowController | None = None
        self.error_box: QMessageBox | None = None
        self.exit_code = 0
        self._quit: asyncio.Event | None = None
        self._quitting = False
        self._end_first_paint_wait: Callable[[], None] | None = None

    async def amain(self) -> int:
        """The window's whole life on the qasync loop; returns the exit code."""
        self._quit = asyncio.Event()
        self.app.aboutToQuit.connect(self.request_quit)
        try:
            self.window.show()
            self.window.show_status(QCoreApplication.translate("Launcher", "Opening your data…"), 0)
            # Open the store after the first frame: importing the database code in the worker thread holds
            # Python's lock, and would slow the window's first paint several times over.
            await self._first_paint()
            if not self._quitting:
                self.runner.spawn(self._open(), name="open")
            await self._quit.wait()
        finally:
            self.app.aboutToQuit.disconnect(self.request_quit)
            self._shutdown()
            self._quit = None  # bound to the loop: let the loop go with this run
        return self.exit_code

    async def _first_paint(self, timeout: float = FIRST_PAINT_WAIT_S) -> None:
        """Wait until the window has painted once, or was closed, or ``timeout`` passed (a window that starts
        minimised never paints)."""
        # One future that any of the three resolves: when the app quits, the loop may stop within a turn or two,
        # so the wait must end in a single step (as awaiting ``_quit`` does), not through helper tasks.
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def done(*_: object) -> None:
            if not ready.done():
                ready.set_result(None)

        self._end_first_paint_wait = done
        self.window.first_painted.connect(done)
        timer = loop.call_later(timeout, done)
        try:
            await ready
        finally:
            timer.cancel()
            self.window.first_painted.disconnect(done)
            self._end_first_paint_wait = None

    def request_quit(self) -> None:
        self._quitting = True
        if self._end_first_paint_wait is not None:
            self._end_first_paint_wait()
        if self._quit is not None:
            self._quit.set()

    async def _open(self) -> None:
        try:
            services = await self.runner.run(self._open_services)
        except StoreError as exc:
            log.error("Cannot open the data folder %s: %s", self.data_dir, exc.message)
            self._fatal(exc.message)
            return
        except Exception as exc:  # our bug: keep the traceback, still tell the user
            log.exception("Unexpected error opening %s", self.data_dir)
            self._fatal(
                QCoreApplication.translate("Launcher", "Unexpected error while opening your data: {error}").format(
                    error=exc
                )
            )
            return
        if self._quitting:
            return
        self.services = services
        from app.ui.controller import WindowController

        self.controller = WindowController(self.window, services, self.runner)
        self.controller.refreshed.connect(self.on_controller_refreshed)
        self.window.statusBar().clearMessage()
        self.controller.start()

    def _open_services(self) -> Services:
        """Open (and migrate) the store and build the services; runs in the database thread.

        SQLAlchemy and the migrations are imported here, after the window is on screen. The result is kept
        so that it is closed even when the window was closed while the store was opening.
        """
        from app.services import Services
        from app.store import Store

        self._opened = Services(Store.open(self.data_dir), self.clock)
        self._opened.profile.ensure()
        self._opened.game.ensure_current()  # a new app version or pack: rebuild the game before showing it
        return self._opened

    def on_controller_refreshed(self) -> None:
        self.window.statusBar().clearMessage()

    def _fatal(self, message: str) -> None:
        """Show why the data cannot be opened; the app ends with code 1 when the box is closed."""
        self.exit_code = 1
        self.window.statusBar().clearMessage()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Launcher", "Cannot open your data"),
            message,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(self.request_quit)
        self.error_box = box
        # open(), not exec(): a nested event loop inside a qasync task would stall the loop's other tasks.
        box.open()

    def _shutdown(self) -> None:
        # Runs after the Qt loop has ended or is about to: nothing here may await.
        if self.controller is not None:
            self.controller.stop()
        if self.window.isVisible():
            self.window.save_geometry()
        self.runner.shutdown()  # waits for the database thread, so _opened is final
        if self._opened is not None:
            self._opened.store.close()
            self._opened = None
        self.services = None


def _first_run(settings: QSettings, data_dir: Path) -> Path:
    """The first start: name, language, empty start or a demo tour; returns the folder to open."""
    from app.store import Store
    from app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.exec()
    dialog.deleteLater()  # a parentless dialog must not outlive the application
    target = data_dir
    if dialog.choice() == "demo":
        from app.services.demo import create_demo_folder

        target = dialog.demo_dir()
        if not Store.exists(target):
            create_demo_folder(target, SystemClock(find_zone(dialog.timezone())))  # the tour's days are the user's
    from app.services import Services

    store = Store.open(target)
    try:
        dialog.apply_to(Services(store, SystemClock()).profile)
    finally:
        store.close()
    return target


def run_window(data_dir: Path, *, lang: str | None = None, argv: list[str] | None = None,
               first_run: bool = True) -> int:
    """Run the desktop window on ``data_dir`` until it is closed; returns the process exit code."""
    app: Any = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName(DESKTOP_ID)
    icon = QIcon(str(resource_path("icons", "pintuan-quest.svg")))
    if not icon.isNull():
        app.setWindowIcon(icon)
    settings = QSettings()
    from app.ui.first_run import needs_first_run
    from app.ui.pages.settings import LANGUAGE_KEY, THEME_KEY
    from app.ui.theme import apply_theme

    if first_run and needs_first_run(settings):
        data_dir = _first_run(settings, data_dir)

    # --lang wins; then the language chosen in Settings; then the system's.
    apply_language(lang or str(settings.value(LANGUAGE_KEY, "")) or None)
    apply_theme(str(settings.value(THEME_KEY, "system")))
    launcher = Launcher(app, data_dir, settings=settings, clock=SystemClock())
    try:
        return int(qasync.run(launcher.amain()))
    finally:
        remove_translators()
