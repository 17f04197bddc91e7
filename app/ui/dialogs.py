"""Message boxes a coroutine can await: opened with ``open()`` and answered through a future, never ``exec()``.

A nested event loop inside a qasync task lets another task start inside it, which breaks the loop (see
STACK-NOTES); these helpers keep the one loop running while the user reads the box.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QLabel, QMessageBox, QWidget

T = TypeVar("T")
R = TypeVar("R")

Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole


async def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Sequence[tuple[T, str, Role]],
    *,
    icon: Icon = Icon.Question,
    default: T | None = None,
    escape: T | None = None,
    informative: str = "",
    details: str = "",
    rich_informative: bool = False,
) -> T | None:
    """Show ``text`` with one push button per ``(answer, label, role)`` and return the answer of the one clicked.

    Closing the box (Escape, the title bar) answers ``escape``. The box is window-modal over ``parent`` and is
    closed if the awaiting task is cancelled. ``rich_informative``: the informative text is HTML (the caller
    escapes what it quotes), for a word in colour; the main text is always plain.
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths and database messages are never markup
    box.setAccessibleName(title)
    if informative:
        box.setInformativeText(informative)
        info = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if isinstance(info, QLabel):
            info.setTextFormat(Qt.TextFormat.RichText if rich_informative else Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    answers: dict[QAbstractButton, T] = {}
    for answer, label, role in buttons:
        button = box.addButton(label, role)
        button.setAccessibleName(label.replace("&", ""))
        button.setObjectName("answer")  # one of the answers (QMessageBox adds Show Details… of its own)
        answers[button] = answer
        if answer == default:
            box.setDefaultButton(button)
        if answer == escape:
            box.setEscapeButton(button)
    return await answered(box, lambda _result: answers.get(box.clickedButton(), escape))


async def answered(dialog: QDialog, answer: Callable[[int], R]) -> R:
    """Open ``dialog`` window-modal and wait for it to close; ``answer(result)`` is read as it closes.

    ``open()``, never ``exec()``: a nested event loop inside a coroutine lets other tasks re-enter the loop. The
    dialog is closed and deleted when the waiting task ends, cancelled or not.
    """
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    done: asyncio.Future[R] = asyncio.get_running_loop().create_future()

    def on_finished(result: int) -> None:
        if not done.done():
            done.set_result(answer(result))

    dialog.finished.connect(on_finished)
    dialog.open()
    try:
        return await done
    finally:
        if shiboken6.isValid(dialog):
            dialog.finished.disconnect(on_finished)
            dialog.close()
            dialog.deleteLater()


async def tell(parent: QWidget | None, title: str, text: str, *, icon: Icon = Icon.Warning,
               informative: str = "", details: str = "") -> None:
    """Show a message with one OK button and wait until it is closed."""
    ok = QCoreApplication.translate("Dialogs", "OK")
    await ask(parent, title, text, [(True, ok, Role.AcceptRole)], icon=icon, default=True, escape=True,
              informative=informative, details=details)


async def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    """Let the user pick an existing folder; None when cancelled."""
    dialog = QFileDialog(parent, title, str(start or Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)

    def chosen(result: int) -> Path | None:
        files = dialog.selectedFiles()
        return Path(files[0]) if result == QDialog.DialogCode.Accepted and files else None

    return await answered(dialog, chosen)


async def choose_file(parent: QWidget | None, title: str, start: Path, name_filters: Sequence[str], *,
                      save: bool, default_suffix: str = "") -> Path | None:
    """Let the user pick a file to open (an existing one) or to save (asking before replacing one); None when
    cancelled. ``start`` is a folder, or a file name in one (proposed when saving)."""
    dialog = QFileDialog(parent, title)
    if start.is_dir():
        dialog.setDirectory(str(start))
    else:
        dialog.setDirectory(str(start.parent))
        dialog.selectFile(start.name)
    dialog.setNameFilters(list(name_filters))
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(default_suffix)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)

    def chosen(result: int) -> Path | None:
        files = dialog.selectedFiles()
        return Path(files[0]) if result == QDialog.DialogCode.Accepted and files else None

    return await answered(dialog, chosen)
