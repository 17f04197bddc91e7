"""Answering the window's real dialogs from an async test, as a person would: find the box, click a button."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget


@dataclass
class Seen:
    """What a message box said, and the buttons it offered."""

    title: str
    text: str
    informative: str
    details: str
    buttons: list[str]


async def until(condition: Callable[[], object], seconds: float = 10.0) -> None:
    """Wait on the loop (timers and tasks run) until ``condition()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


def visible(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


async def answer(button: str, *, seen: list[Seen] | None = None, seconds: float = 10.0,
                 before: Callable[[], object] | None = None) -> Seen:
    """Wait for a message box to show, then click the button whose text (without ``&``) is ``button``.

    ``before`` runs while the box is open, just before the click: what a test must see before the answer acts.

    ``button`` ending in ``…`` matches a button whose text starts with what comes before it.
    """
    await until(lambda: visible(QMessageBox), seconds)
    box = visible(QMessageBox)[-1]
    assert isinstance(box, QMessageBox)
    buttons = [b for b in box.buttons() if b.objectName() == "answer"]  # not Show Details…
    labels = [b.text().replace("&", "") for b in buttons]
    shown = Seen(box.windowTitle(), box.text(), box.informativeText(), box.detailedText(), labels)
    if seen is not None:
        seen.append(shown)
    matches = [i for i, label in enumerate(labels)
               if label == button or (button.endswith("…") and label.startswith(button[:-1]))]
    assert matches, f"{button!r} not in {labels!r} ({box.text()!r})"
    if before is not None:
        before()
    buttons[matches[0]].click()
    await until(lambda: box not in visible(QMessageBox))
    return shown


async def pick_folder(folder: Path | None) -> None:
    """Wait for the folder chooser, then choose ``folder`` (None: Cancel)."""
    await until(lambda: visible(QFileDialog))
    dialog = visible(QFileDialog)[-1]
    assert isinstance(dialog, QFileDialog)
    if folder is None:
        dialog.reject()
    else:
        dialog.setDirectory(str(folder))  # in the folder, as after a double-click on it; then Choose
        dialog.accept()


def damage_table(db: Path, table: str, engine_dispose: Callable[[], None] | None = None) -> None:
    """Overwrite the root page of ``table`` with garbage, as a failing disk would (after a checkpoint)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        page_size, = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    if engine_dispose is not None:
        engine_dispose()  # the open connections' page caches would hide the damage
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(os.urandom(page_size))


def answering(value: bool, asked: list[str] | None = None) -> Callable[..., Awaitable[bool]]:
    """A stand-in for a page's ``_confirm`` that answers ``value`` at once (and notes what was asked)."""

    async def confirm(text: str, title: str | None = None) -> bool:
        if asked is not None:
            asked.append(text)
        return value

    return confirm


async def pick_file(path: Path | None) -> str:
    """Wait for the file chooser, then choose ``path`` (None: Cancel); the name it proposed."""
    await until(lambda: visible(QFileDialog))
    dialog = visible(QFileDialog)[-1]
    assert isinstance(dialog, QFileDialog)
    proposed = dialog.selectedFiles()[0] if dialog.selectedFiles() else ""
    if path is None:
        dialog.reject()
    else:
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.accept()
    await until(lambda: dialog not in visible(QFileDialog))
    return proposed


async def shown(kind: type[QWidget], seconds: float = 10.0) -> QWidget:
    """Wait for a window of ``kind`` (a dialog of ours) to show, and return it."""
    await until(lambda: visible(kind), seconds)
    return visible(kind)[-1]
