"""The window's one error model: bad input, the environment's fault, a damaged database, or our bug.

Every failure of the window's database work comes here: a write through :class:`~app.ui.context.PageContext`
and any background task of the :class:`~app.ui.tasks.DbRunner`. The environment's faults (disk full, read-only,
locked, missing permissions) are one translated line in a dialog, and the window keeps running; a damaged
database is handed to whoever can close the store and offer recovery; anything else is our bug, written with
its traceback to the rotated log in the data folder and named in a short message.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from app.errors import BackupNotVerified, DamagedDatabase, InvalidInput, PintuanError
from app.ui.dialogs import Icon, tell

if TYPE_CHECKING:
    from app.clock import Clock
    from app.ui.tasks import DbRunner

log = logging.getLogger(__name__)

REPORT_TASK = "report failure"


class Kind(enum.Enum):
    """Whose fault a failure is, which decides how the window tells it."""

    INPUT = "input"  # the user's value was refused; nothing was written
    ENVIRONMENT = "environment"  # disk full, read-only, locked, no permission: what happened and what to do
    DAMAGED = "damaged"  # the database file is corrupt: stop writing, move it aside, offer recovery
    BUG = "bug"  # ours: logged with its traceback


@dataclass(frozen=True)
class Failure:
    """A failure sorted out: its kind and the one line to show (for DAMAGED, the problem or the moved copy)."""

    kind: Kind
    message: str
    damaged: DamagedDatabase | None = None  # already moved aside by the core
    log_file: Path | None = None


def _is_sqlite(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) or isinstance(getattr(exc, "orig", None), sqlite3.Error)


def classify(exc: BaseException, data_dir: Path, clock: Clock, what: str) -> Failure:
    """Sort ``exc`` into one of the :class:`Kind` s; a bug is written to the log here, with its traceback."""
    if isinstance(exc, InvalidInput):
        return Failure(Kind.INPUT, exc.message)
    if isinstance(exc, DamagedDatabase):
        return Failure(Kind.DAMAGED, exc.message, damaged=exc)
    if isinstance(exc, BackupNotVerified):  # the automatic backup found the database damaged: not moved yet
        return Failure(Kind.DAMAGED, exc.message)
    if isinstance(exc, PintuanError):
        return Failure(Kind.ENVIRONMENT, exc.message)
    if _is_sqlite(exc):
        from app.damage import is_corruption

        if is_corruption(exc):
            # Not moved aside here: the window still has the file open, and must stop writing first.
            return Failure(Kind.DAMAGED, str(getattr(exc, "orig", None) or exc))
    from app.main import explain

    known = explain(exc, data_dir, clock, move=False)  # the window moves a damaged file once it let go of it
    if isinstance(known, DamagedDatabase):
        return Failure(Kind.DAMAGED, known.message)
    if known is not None:
        return Failure(Kind.ENVIRONMENT, known.message)
    from app.logs import log_bug

    path = log_bug(data_dir, exc, what)
    if path is not None:
        text = QCoreApplication.translate(
            "Failures", "Something went wrong inside Pintuan Quest (a bug: {error}). The details were written to "
                        "{log}; please send that file with a word on what you were doing. The window keeps running."
        ).format(error=type(exc).__name__, log=path)
    else:
        text = QCoreApplication.translate(
            "Failures", "Something went wrong inside Pintuan Quest (a bug: {error}), and the details could not be "
                        "written to a log. The window keeps running."
        ).format(error=type(exc).__name__)
    return Failure(Kind.BUG, text, log_file=path)


class FailureReporter(QObject):
    """Tells the user about one failure at a time, in dialogs the failing coroutine awaits (never ``exec()``).

    ``damaged`` fires (once, until :meth:`reset_damaged`) with the :class:`Failure` of a corrupt database: the
    launcher closes the store, moves the file aside and offers recovery; nothing else may write meanwhile.
    """

    damaged = Signal(object)  # the Failure

    def __init__(self, window: QWidget | None, data_dir: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.shown: list[Failure] = []  # every failure told in a dialog, for tests and the status bar's repeats
        self._showing = False
        self._damaged_sent = False

    def reset_damaged(self) -> None:
        """The database was recovered: a new corruption is news again."""
        self._damaged_sent = False

    async def report(self, exc: BaseException, what: str, *, parent: QWidget | None = None,
                     background: bool = False) -> Failure:
        """Tell ``exc`` the way its kind wants; returns the :class:`Failure` once the user has read it.

        ``background``: a failure nobody asked for (a poll, a page's load, the automatic backup) is shown in a
        dialog once; while a dialog is open, or when it says the same as the last one, it goes to the status bar.
        """
        failure = classify(exc, self.data_dir, self.clock, what)
        if failure.kind is Kind.INPUT:
            self._not_saved(failure.message, parent)
            return failure
        if failure.kind is Kind.DAMAGED:
            log.error("The database in %s is damaged (%s): %s", self.data_dir, what, failure.message)
            self.report_damaged(failure)
            return failure
        if failure.kind is Kind.ENVIRONMENT:
            log.warning("%s failed: %s", what, failure.message)
        repeat = bool(self.shown) and self.shown[-1].message == failure.message
        if background and (self._showing or repeat):
            self._status(failure.message)
            return failure
        await self._tell(failure, parent)
        return failure

    def report_damaged(self, failure: Failure) -> None:
        """Hand a damaged database to the launcher (once: the writes that fail meanwhile need no second go)."""
        if not self._damaged_sent:
            self._damaged_sent = True
            self.damaged.emit(failure)

    def on_task_failed(self, exc: BaseException, name: str, runner: DbRunner) -> None:
        """The :class:`DbRunner`'s hook for a background task that raised: report it in a task of its own."""
        if name == REPORT_TASK or runner.closed:  # reporting itself failed: the runner has logged it
            return
        runner.spawn(self.report(exc, name, background=True), name=REPORT_TASK)

    async def _tell(self, failure: Failure, parent: QWidget | None) -> None:
        if failure.kind is Kind.BUG:
            title = QCoreApplication.translate("Failures", "Something went wrong")
        else:
            title = QCoreApplication.translate("Failures", "Could not finish")
        self.shown.append(failure)
        self._showing = True
        try:
            await tell(parent or self.window, title, failure.message, icon=Icon.Critical)
        finally:
            self._showing = False

    def _not_saved(self, message: str, parent: QWidget | None) -> None:
        # Bad input: the page's form stays as it is, and the box needs no answer, so it is not awaited.
        title = QCoreApplication.translate("PageContext", "Not saved")
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent or self.window)
        box.setAccessibleName(title)
        box.open()

    def _status(self, message: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(message, 15_000)
