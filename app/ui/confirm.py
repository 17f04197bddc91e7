"""The one way a page asks before something destructive: a Yes/No question whose default is No.

Awaited, never ``exec()``: a modal dialog's nested event loop inside a coroutine let the window's poll task
re-enter the loop (qasync's "Cannot enter into task … while another task … is being executed"), after which the
window no longer saw outside writes and quitting left the process running.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs import ask

Role = QMessageBox.ButtonRole


async def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask ``text``; True only when the user chose Yes (Enter and Escape both mean No)."""
    yes = QCoreApplication.translate("Confirm", "&Yes")
    no = QCoreApplication.translate("Confirm", "&No")
    answer = await ask(parent, title, text, [(True, yes, Role.YesRole), (False, no, Role.NoRole)],
                       default=False, escape=False)
    return answer is True
