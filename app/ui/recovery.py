"""A damaged or missing database in the window: say what happened, then restore, salvage or start empty.

The core never writes to a database that failed a check: it is moved aside first (``*.corrupt-<time>``). Here
the user chooses what comes next in a box the coroutine awaits, and the choice runs in the database thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import DamagedDatabase, StoreError
from app.i18n import translate
from app.ui.dialogs import Icon, Role, ask, tell
from app.ui.failures import classify

if TYPE_CHECKING:
    from app.backups import Backup
    from app.clock import Clock
    from app.ui.tasks import DbRunner

log = logging.getLogger(__name__)

RESTORE, SALVAGE, EMPTY, QUIT = "restore", "salvage", "empty", "quit"


@dataclass(frozen=True)
class Options:
    """What can be offered: the newest verified backup, and the newest damaged copy worth salvaging."""

    backup: Backup | None
    damaged: Path | None  # None when there is none, or it holds nothing to read (empty, not SQLite at all)


def find_options(data_dir: Path) -> Options:
    """Runs in the database thread: lists the backups folder and the copies moved aside."""
    from app.backups import BACKUP_DIRNAME, latest_verified, read_header
    from app.damage import corrupt_copies

    backup = latest_verified(Path(data_dir) / BACKUP_DIRNAME)
    copies = [p for p in corrupt_copies(data_dir) if read_header(p) is not None]
    return Options(backup, copies[-1] if copies else None)


def when(moment: dt.datetime, clock: Clock) -> str:
    return moment.astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")


def explain(problem: StoreError, data_dir: Path, options: Options, clock: Clock) -> tuple[str, str, str]:
    """The box's title, what happened, and what each choice does."""
    if isinstance(problem, DamagedDatabase):
        title = translate("Recovery", "Your data is damaged")
        text = translate("Recovery", "Your database is damaged, so Pintuan Quest stopped before writing anything "
                                     "to it. The damaged file was moved aside to:\n{bad}").format(bad=problem.bad_copy)
    else:
        title = translate("Recovery", "Your data is missing")
        text = translate("Recovery", "There is no database in {folder}, but there are backups or damaged copies of "
                                     "one, so Pintuan Quest will not start on empty data without asking.").format(
            folder=data_dir)
    if options.backup is not None:
        informative = translate("Recovery", "Restore the newest backup (from {when}) to go on from there. Starting "
                                            "empty keeps the backups and the damaged copy where they are.").format(
            when=when(options.backup.at, clock))
    elif options.damaged is not None:
        informative = translate("Recovery", "There is no backup. Salvage copies everything that can still be read "
                                            "into a new database. Starting empty keeps the damaged copy where it is.")
    else:
        informative = translate("Recovery", "There is no backup, and the file held nothing that can be read. You can "
                                            "start empty; the damaged copy stays where it is.")
    return title, text, informative


async def choose(parent: QWidget | None, problem: StoreError, data_dir: Path, options: Options,
                 clock: Clock) -> str:
    """Ask what to do; one of RESTORE, SALVAGE, EMPTY, QUIT."""
    title, text, informative = explain(problem, data_dir, options, clock)
    buttons: list[tuple[str, str, Role]] = []
    if options.backup is not None:
        label = translate("Recovery", "Restore the newest backup ({when})").format(when=when(options.backup.at, clock))
        buttons.append((RESTORE, label, Role.AcceptRole))
    elif options.damaged is not None:
        buttons.append((SALVAGE, translate("Recovery", "Salvage what can be read"), Role.AcceptRole))
    buttons.append((EMPTY, translate("Recovery", "Start empty"), Role.ActionRole))
    buttons.append((QUIT, translate("Recovery", "Quit"), Role.RejectRole))
    answer = await ask(parent, title, text, buttons, icon=Icon.Critical, default=buttons[0][0], escape=QUIT,
                       informative=informative, details=problem.message)
    return answer or QUIT


class _Relay(QObject):
    """Carries the table being salvaged from the database thread to the progress dialog (a queued signal)."""

    table = Signal(str)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.table.connect(self.on_table)

    def on_table(self, name: str) -> None:
        self.dialog.setLabelText(translate("Recovery", "Salvaging what can be read… ({table})").format(table=name))


async def salvage_with_progress(parent: QWidget | None, runner: DbRunner, data_dir: Path, bad: Path) -> str:
    """Salvage ``bad`` into a new database in the database thread, a busy dialog naming each table; a summary."""
    from app.recovery import salvage

    label = translate("Recovery", "Salvaging what can be read…")
    dialog = QProgressDialog(parent, labelText=label, minimum=0, maximum=0)
    dialog.setCancelButton(None)  # salvage runs to its end: it builds the new file aside, then puts it in place
    dialog.setWindowTitle(translate("Recovery", "Salvaging"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    relay = _Relay(dialog)
    try:
        outcome = await runner.run(lambda: salvage(data_dir, bad, progress=relay.table.emit))
    finally:
        dialog.reset()
        dialog.deleteLater()
    kept, lost = sum(outcome.rows.values()), sum(outcome.lost.values())
    if lost:
        return translate("Recovery", "Salvaged {kept} records from the damaged copy; {lost} could not be read.").format(
            kept=kept, lost=lost)
    return translate("Recovery", "Salvaged {kept} records from the damaged copy; nothing was lost.").format(kept=kept)


async def recover(parent: QWidget | None, runner: DbRunner, data_dir: Path, problem: StoreError,
                  clock: Clock) -> str | None:
    """Offer recovery until one works or the user quits: what was done (for the status bar), or None to quit.

    A choice that fails (a full disk, an unreadable backup) is told, and the choice is offered again.
    """
    from app.recovery import restore_latest, start_empty

    while True:
        options = await runner.run(find_options, data_dir)
        choice = await choose(parent, problem, data_dir, options, clock)
        try:
            if choice == RESTORE:
                assert options.backup is not None
                await runner.run(restore_latest, data_dir)
                done = translate("Recovery", "Restored the backup from {when}.")
                return done.format(when=when(options.backup.at, clock))
            if choice == SALVAGE:
                assert options.damaged is not None
                summary = await salvage_with_progress(parent, runner, data_dir, options.damaged)
                await tell(parent, translate("Recovery", "Salvaged"), summary, icon=Icon.Information)
                return summary
            if choice == EMPTY:
                await runner.run(start_empty, data_dir)
                done = translate("Recovery", "Started with empty data; the backups and damaged copies are still in "
                                             "{folder}.")
                return done.format(folder=data_dir)
            return None
        except Exception as exc:  # the environment's fault or our bug: say so, and let the user choose again
            failure = classify(exc, data_dir, clock, f"recovery ({choice})")
            log.warning("Recovery by %s failed: %s", choice, failure.message)
            await tell(parent, translate("Recovery", "Could not recover"), failure.message, icon=Icon.Critical)
