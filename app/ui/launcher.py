"""One run of the window on qasync, once its first frame is on screen: the store opened off the UI thread.

asyncio and qasync are imported here, not in :mod:`app.ui.app`: the window paints its first frame before them.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# isort: off
# PySide6 before qasync: qasync binds to the first Qt binding it finds.
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
import qasync

# isort: on
from app.clock import Clock, SystemClock
from app.errors import DamagedDatabase, MissingDatabase, StoreError
from app.ui.app import FIRST_PAINT_WAIT_S, opening_text
from app.ui.failures import Failure, Kind, classify
from app.ui.main_window import MainWindow
from app.ui.tasks import DbRunner

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.controller import WindowController

log = logging.getLogger(__name__)


class Launcher:
    """One run of the window: shows it, opens the store in the background, shuts everything down after.

    ``window``: one already built (and perhaps shown) for ``data_dir``; by default a new one.
    """

    def __init__(self, app: QApplication, data_dir: Path, *, settings: QSettings, clock: Clock,
                 window: MainWindow | None = None) -> None:
        self.app = app
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.window = window if window is not None else MainWindow(self.data_dir, settings)
        self.runner = DbRunner()
        self.services: Services | None = None
        self._opened: Services | None = None
        self.controller: WindowController | None = None
        self.error_box: QMessageBox | None = None
        self.exit_code = 0
        self._quit: asyncio.Event | None = None
        self._quitting = False
        self._recovering = False
        self._log_file: Path | None = None
        self._end_first_paint_wait: Callable[[], None] | None = None

    async def amain(self) -> int:
        """The window's whole life on the qasync loop; returns the exit code."""
        self._quit = asyncio.Event()
        self.app.aboutToQuit.connect(self.request_quit)
        try:
            self.window.show()
            self.window.show_status(opening_text(), 0)
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
        if self.window.has_painted():  # run_window waited for it before it imported this module
            return
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
        services = await self._open_or_recover()
        if services is None or self._quitting:
            return
        from app.ui.controller import WindowController

        self.controller = WindowController(self.window, services, self.runner)
        self.controller.refreshed.connect(self.on_controller_refreshed)
        self.controller.reporter.damaged.connect(self.on_store_damaged)
        self.controller.start()

    async def _open_or_recover(self, problem: StoreError | None = None) -> Services | None:
        """Open the store; a damaged or missing database is offered recovery first. None: nothing to show.

        ``problem``: a damaged database found while the window ran, already moved aside.
        """
        from app.ui.recovery import recover

        note = None
        while True:
            if problem is not None:
                self.window.statusBar().clearMessage()
                note = await recover(self.window, self.runner, self.data_dir, problem, self.clock)
                if note is None:  # Quit: nothing was changed
                    self.exit_code = 1
                    self.request_quit()
                    return None
                problem = None
            try:
                services = await self.runner.run(self._open_services)
            except (DamagedDatabase, MissingDatabase) as exc:
                self._attach_log()
                log.error("Cannot open the data folder %s: %s", self.data_dir, exc.message)
                problem = exc
                continue
            except StoreError as exc:
                self._attach_log()
                log.error("Cannot open the data folder %s: %s", self.data_dir, exc.message)
                self._fatal(exc.message)
                return None
            except Exception as exc:  # an SQLite error while reading (a damaged page), or our bug (logged)
                self._attach_log()
                failure = classify(exc, self.data_dir, self.clock, "opening the data folder")
                if failure.kind is not Kind.DAMAGED:
                    self._fatal(failure.message)
                    return None
                try:
                    problem = await self._move_aside(failure)
                except StoreError as moved:
                    self._fatal(moved.message)
                    return None
                continue
            self._attach_log()
            if self._quitting:
                return None
            self.services = services
            self.window.statusBar().clearMessage()
            if note:
                self.window.show_status(note, 15_000)
            return services

    def _open_services(self) -> Services:
        """Open (and migrate) the store and build the services; runs in the database thread.

        SQLAlchemy and the migrations are imported here, after the window is on screen. The result is kept
        so that it is closed even when the window was closed while the store was opening.
        """
        from app.services import open_services

        self._opened = open_services(self.data_dir, self.clock)
        return self._opened

    async def _move_aside(self, failure: Failure) -> DamagedDatabase:
        """The damaged database moved aside (in the database thread), once nothing has it open; its error."""
        if failure.damaged is not None:  # the core moved it already
            return failure.damaged
        from app.damage import damaged

        return await self.runner.run(damaged, self.data_dir, failure.message)

    def _attach_log(self) -> None:
        # Warnings, errors and tracebacks go to <data>/logs/pintuan.log (rotated) from now on; the data folder
        # exists once the store was opened, or tried to be.
        from app.logs import attach

        if self._log_file is None:
            self._log_file = attach(self.data_dir)

    def _detach_log(self) -> None:
        import logging.handlers

        root = logging.getLogger()
        for handler in list(root.handlers):
            rotating = isinstance(handler, logging.handlers.RotatingFileHandler)
            if rotating and self._log_file is not None and Path(handler.baseFilename) == self._log_file:
                root.removeHandler(handler)
                handler.close()
        self._log_file = None

    def on_store_damaged(self, failure: Failure) -> None:
        """A damaged database found while the window runs: stop writing, move it aside, offer recovery."""
        if self._recovering or self._quitting or self.runner.closed:
            return
        self._recovering = True
        self.runner.spawn(self._recover_while_running(failure), name="recover")

    async def _recover_while_running(self, failure: Failure) -> None:
        controller = self.controller
        assert controller is not None
        controller.stop()
        self.runner.cancel_others()  # no poll, load or write may reach the file once it is moved
        opened, self._opened, self.services = self._opened, None, None
        try:
            if opened is not None:
                await self.runner.run(opened.store.close)  # after the call in progress, if any
            problem = await self._move_aside(failure)
        except StoreError as exc:
            self._fatal(exc.message)
            return
        services = await self._open_or_recover(problem)
        if services is None:
            return
        controller.replace_services(services)
        self._recovering = False
        controller.start()

    def on_controller_refreshed(self) -> None:
        # Only "Opening your data…": what a recovery did stays for the user to read.
        if self.window.statusBar().currentMessage() == opening_text():
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
        self._detach_log()


def run(app: QApplication, window: MainWindow, data_dir: Path, settings: QSettings) -> int:
    """Run the shown ``window`` on a qasync loop until it is closed; returns the process exit code."""
    launcher = Launcher(app, data_dir, settings=settings, clock=SystemClock(), window=window)
    collector = GuiThreadCollector(app)
    try:
        return int(qasync.run(launcher.amain()))
    finally:
        collector.stop()


class GuiThreadCollector(QObject):
    """Python's cycle collector, run in the GUI thread only (the pattern of pyqtgraph's GarbageCollector).

    Left automatic, it runs in whichever thread happens to allocate, often the database thread: a Qt object
    caught in a reference cycle is then destroyed there, which Qt does not allow for objects of the GUI thread
    ("Timers cannot be stopped from another thread", or a crash). Every second the generations that are due
    are collected here instead.
    """

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
        if due:
            gc.collect(max(due))

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
