"""Long jobs in the database thread with a progress dialog and Cancel, the window staying responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from app.ui.context import PageContext


class Cancelled(Exception):
    """The user cancelled a long job; the job undoes what it started (a transaction rolls back)."""


class _Progress(QObject):
    """Carries progress from the database thread to the UI thread (a queued signal)."""

    moved = Signal(int)


Report = Callable[[int], None]


async def run_with_progress(ctx: PageContext, parent: QWidget, job: Callable[[Report], Any], *, total: int,
                            label: str, title: str, cancel_after: int | None = None) -> tuple[bool, Any]:
    """Run ``job(report)`` in the database thread behind a window-modal progress dialog with Cancel.

    ``job`` calls ``report(done)`` as it goes (``done`` out of ``total``); after Cancel, that call raises
    :class:`Cancelled`, which the job lets through once it has undone its work. Returns ``(True, result)``, or
    ``(False, None)`` when cancelled. ``cancel_after`` cancels by itself once ``done`` reaches it (for tests).
    """
    cancel = QCoreApplication.translate("Progress", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, max(1, total), parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    relay = _Progress()
    relay.moved.connect(dialog.setValue)

    def report(done: int) -> None:  # runs in the database thread
        relay.moved.emit(done)
        if stop.is_set() or (cancel_after is not None and done >= cancel_after):
            raise Cancelled

    try:
        return True, await ctx.read(lambda: job(report))
    except Cancelled:
        return False, None
    finally:
        dialog.reset()
        dialog.deleteLater()
