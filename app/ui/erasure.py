"""Erasure in the window (docs/window.md, "Erasure"): erase a contact, wipe everything, and forget a field's old
values after clearing it. Every question is awaited (``open()``, never ``exec()``); the work runs in the database
thread behind a busy dialog; every page reloads from the write's areas after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs import Icon, Role, answered, ask, tell

if TYPE_CHECKING:
    from app.services.base import OpResult
    from app.ui.context import PageContext


class Erasure(QObject):
    """Holds the translations of the erasure's questions and answers (the context of their ``tr``)."""

    def field_names(self) -> dict[str, str]:
        return {"wechat_id": self.tr("WeChat ID"), "phone": self.tr("phone number"), "notes": self.tr("notes"),
                "url": self.tr("link")}

    def copies(self, backups: dict[str, Any]) -> str:
        """What happened to the backups, in a sentence or two (empty when there were none)."""
        parts = []
        if backups.get("rewritten"):
            parts.append(self.tr("Backups rewritten without it: {count}.").format(count=len(backups["rewritten"])))
        if backups.get("removed"):
            parts.append(self.tr("Backups removed because they could not be rewritten: {count}.").format(
                count=len(backups["removed"])))
        if backups.get("failed"):
            parts.append(self.tr("These could be neither rewritten nor removed: delete them yourself: {paths}")
                         .format(paths=", ".join(backups["failed"])))
        return " ".join(parts)


def texts() -> Erasure:
    return Erasure()


async def busy_write(ctx: PageContext, parent: QWidget, label: str, fn: Callable[..., OpResult],
                     *args: Any, **kwargs: Any) -> OpResult | None:
    """One service call behind a busy dialog (no Cancel: an erasure is not stopped half-way); None on failure."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # no button
    dialog.setWindowTitle(texts().tr("Erasing"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    try:
        return await ctx.write(fn, *args, parent=parent, **kwargs)
    finally:
        if shiboken6.isValid(dialog):
            dialog.reset()
            dialog.deleteLater()


async def erase_contact(ctx: PageContext, parent: QWidget, contact_id: str, name: str) -> OpResult | None:
    """Ask (what goes, what stays), erase the contact, say what was done; the result, or None (No, or failed)."""
    t = texts()
    answer = await ask(
        parent, t.tr("Erase this contact?"),
        t.tr("Erase {name} for good?").format(name=name),
        [(True, t.tr("&Erase"), Role.DestructiveRole), (False, t.tr("Cancel"), Role.RejectRole)],
        icon=Icon.Warning, default=False, escape=False,
        informative=t.tr(
            "Goes: their nickname, WeChat ID, phone number and notes, and your notes on settling up with them, from "
            "the contact, from every earlier version kept in the history, and from your backups (in both backup "
            "folders).\n"
            "Stays: every help and settlement with them, under a pseudonym (\"Member #…\"), so your balances, "
            "points and badges do not change. Files you exported before are not touched.\n"
            "This cannot be undone."))
    if not answer or not shiboken6.isValid(parent):
        return None
    result = await busy_write(ctx, parent, t.tr("Erasing {name}…").format(name=name),
                              ctx.services.erasure.erase_contact, contact_id)
    if result is None or not shiboken6.isValid(parent):
        return result
    done = (result.record or {}).get("erasure", {})
    await tell(parent, t.tr("Contact erased"),
               t.tr("{name} is now {pseudonym}.").format(name=name, pseudonym=done.get("pseudonym", "")),
               icon=Icon.Information, informative=t.copies(done.get("backups", {})))
    return result


async def ask_forget(parent: QWidget, fields: Sequence[str]) -> bool:
    """After a field was cleared: also take its old values out of the history (and the backups)? Default No."""
    t = texts()
    names = t.field_names()
    listed = t.tr(", ").join(names.get(f, f) for f in fields)
    answer = await ask(
        parent, t.tr("Remove the old value?"), t.tr("Also remove the old value from the history?"),
        [(True, t.tr("&Remove it"), Role.YesRole), (False, t.tr("&Keep it"), Role.NoRole)],
        icon=Icon.Question, default=False, escape=False,
        informative=t.tr("You cleared: {fields}. Removing takes every earlier value out of the history and your "
                         "backups; the history then only says that it changed.").format(fields=listed))
    return answer is True


def cleared(before: dict[str, Any] | None, fields: dict[str, Any], names: Sequence[str]) -> list[str]:
    """The fields among ``names`` that had a value and that ``fields`` clears."""
    if before is None:
        return []
    return [n for n in names if n in fields and (before.get(n) or "") and not (fields[n] or "").strip()]


class WipeDialog(QDialog):
    """Wipe everything: what goes, and a word to type before the button works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wipe everything?"))
        self.setAccessibleName(self.tr("Wipe everything?"))
        self.word = self.tr("WIPE")
        text = QLabel(self.tr(
            "This deletes every group, contact, deal, help and settlement, the whole history, your points and "
            "badges, and every backup in both backup folders. A new, empty profile starts. Files you exported are "
            "not touched. This cannot be undone."))
        text.setWordWrap(True)
        prompt = QLabel(self.tr("Type {word} to confirm:").format(word=self.word))
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Confirmation word"))
        prompt.setBuddy(self.edit)
        self.buttons = QDialogButtonBox()
        self.wipe_button = QPushButton(self.tr("&Wipe everything"))
        self.wipe_button.setEnabled(False)
        self.wipe_button.setAutoDefault(False)
        self.buttons.addButton(self.wipe_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.wipe_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self.on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def on_text_changed(self, text: str) -> None:
        self.wipe_button.setEnabled(text.strip() == self.word)


async def wipe(ctx: PageContext, parent: QWidget) -> OpResult | None:
    """Ask with the typed word, wipe, say what was done; the result, or None (cancelled, or failed)."""
    dialog = WipeDialog(parent)
    confirmed = await answered(dialog, lambda result: result == QDialog.DialogCode.Accepted)
    if not confirmed or not shiboken6.isValid(parent):
        return None
    t = texts()
    result = await busy_write(ctx, parent, t.tr("Wiping everything…"), ctx.services.erasure.wipe)
    if result is None or not shiboken6.isValid(parent):
        return result
    backups = (result.record or {}).get("backups", {})
    removed = t.tr("Backups removed: {count}.").format(count=len(backups.get("removed", [])))
    failed = (t.tr("These could not be removed: delete them yourself: {paths}")
              .format(paths=", ".join(backups["failed"])) if backups.get("failed") else "")
    await tell(parent, t.tr("Everything wiped"), t.tr("All your data was deleted; a new, empty profile starts."),
               icon=Icon.Information, informative=" ".join(p for p in (removed, failed) if p))
    return result
