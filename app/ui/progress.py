"""Long jobs in the database thread with a progress dialog and Cancel, the window staying responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import Cancelled

if TYPE_CHECKING:
    from app.ui.context import PageContext

__all__ = ["Cancelled", "Report", "run_with_progress"]


class _Progress(QObject):
    """Carries progress from the database thread to the UI thread (a queued signal): (done, total or -1)."""

    moved = Signal(int, int)


class Report(Protocol):
    """What a job calls as it goes: ``done`` so far, and the total when it learns it (0: not known yet)."""

    def __call__(self, done: int, total: int | None = None) -> None: ...


async def run_with_progress(ctx: PageContext, parent: QWidget, job: Callable[[Report], Any], *, total: int,
                            label: str, title: str, cancel_after: int | None = None) -> tuple[bool, Any]:
    """Run ``job(report)`` in the database thread behind a window-modal progress dialog with Cancel.

    ``job`` calls ``report(done)`` as it goes (``done`` out of ``total``), or ``report(done, total)`` when the
    total is learnt on the way (0: not known yet, the dialog shows that it is busy); after Cancel, that call raises
    :class:`~app.errors.Cancelled`, which the job lets through once it has undone its work. A job may raise it
    itself. Returns ``(True, result)``, or ``(False, None)`` when cancelled. ``cancel_after`` cancels by itself
    once ``done`` reaches it (for tests).
    """
    cancel = QCoreApplication.translate("Progress", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, max(1, total), parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)  # the job may still be writing when its count reaches the total
    dialog.setAutoClose(False)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    relay = _Progress()

    def moved(done: int, total: int) -> None:
        if total >= 0 and dialog.maximum() != total:
            dialog.setMaximum(total)  # 0: a busy bar
        if dialog.maximum() > 0:
            dialog.setValue(min(done, dialog.maximum()))

    relay.moved.connect(moved)

    def report(done: int, total: int | None = None) -> None:  # runs in the database thread
        relay.moved.emit(done, -1 if total is None else total)
        if stop.is_set() or (cancel_after is not None and done >= cancel_after):
            raise Cancelled(cancel)

    try:
        return True, await ctx.read(lambda: job(report))
    except Cancelled:
        return False, None
    finally:
        dialog.reset()
        dialog.deleteLater()
