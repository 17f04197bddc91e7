"""Erasure in the window (docs/window.md, "Erasure"): erase a contact, wipe everything, and forget a field's old
values after clearing it. Every question is awaited (``open()``, never ``exec()``); the work runs in the database
thread behind a busy dialog; every page reloads from the write's areas after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
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
from app.ui.parts import translate

if TYPE_CHECKING:
    from app.services.base import OpResult
    from app.ui.context import PageContext


def field_names() -> dict[str, str]:
    return {"wechat_id": translate("Erasure", "WeChat ID"), "phone": translate("Erasure", "phone number"),
            "notes": translate("Erasure", "notes"), "url": translate("Erasure", "link"),
            "rules": translate("Erasure", "group rules")}


def copies_text(backups: dict[str, Any]) -> str:
    """What happened to the backups, in a sentence or two (empty when there were none)."""
    parts = []
    if backups.get("rewritten"):
        text = translate("Erasure", "Backups rewritten without it: {count}.")
        parts.append(text.format(count=len(backups["rewritten"])))
    if backups.get("removed"):
        text = translate("Erasure", "Backups removed because they could not be rewritten: {count}.")
        parts.append(text.format(count=len(backups["removed"])))
    if backups.get("failed"):
        text = translate("Erasure", "These could be neither rewritten nor removed: delete them yourself: {paths}")
        parts.append(text.format(paths=", ".join(backups["failed"])))
    return " ".join(parts)


async def busy_write(ctx: PageContext, parent: QWidget, label: str, fn: Callable[..., OpResult],
                     *args: Any, **kwargs: Any) -> OpResult | None:
    """One service call behind a busy dialog (no Cancel: an erasure is not stopped half-way); None on failure."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # no button
    dialog.setWindowTitle(translate("Erasure", "Erasing"))
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
    erase, cancel = translate("Erasure", "&Erase"), translate("Erasure", "Cancel")
    answer = await ask(
        parent, translate("Erasure", "Erase this contact?"),
        translate("Erasure", "Erase {name} for good?").format(name=name),
        [(True, erase, Role.DestructiveRole), (False, cancel, Role.RejectRole)],
        icon=Icon.Warning, default=False, escape=False,
        informative=translate(
            "Erasure",
            "Goes: their nickname, WeChat ID, phone number and notes, and your notes on settling up with them, from "
            "the contact, from every earlier version kept in the history, and from your backups (in both backup "
            "folders).\n"
            "Stays: every help and settlement with them, under a pseudonym (\"Member #…\"), so your balances, "
            "points and badges do not change. Files you exported before are not touched.\n"
            "This cannot be undone."))
    if not answer or not shiboken6.isValid(parent):
        return None
    result = await busy_write(ctx, parent, translate("Erasure", "Erasing {name}…").format(name=name),
                              ctx.services.erasure.erase_contact, contact_id)
    if result is None or not shiboken6.isValid(parent):
        return result
    done = (result.record or {}).get("erasure", {})
    now = translate("Erasure", "{name} is now {pseudonym}.").format(name=name, pseudonym=done.get("pseudonym", ""))
    await tell(parent, translate("Erasure", "Contact erased"), now, icon=Icon.Information,
               informative=copies_text(done.get("backups", {})))
    return result


async def ask_forget(parent: QWidget, fields: Sequence[str]) -> bool:
    """After a field was cleared: also take its old values out of the history (and the backups)? Default No."""
    names = field_names()
    listed = translate("Erasure", ", ").join(names.get(f, f) for f in fields)
    remove, keep = translate("Erasure", "&Remove it"), translate("Erasure", "&Keep it")
    answer = await ask(
        parent, translate("Erasure", "Remove the old value?"),
        translate("Erasure", "Also remove the old value from the history?"),
        [(True, remove, Role.YesRole), (False, keep, Role.NoRole)],
        icon=Icon.Question, default=False, escape=False,
        informative=translate("Erasure", "You cleared: {fields}. Removing takes every earlier value out of the "
                                         "history and your backups; the history then only says that it changed.")
        .format(fields=listed))
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
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
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
    label = translate("Erasure", "Wiping everything…")
    result = await busy_write(ctx, parent, label, ctx.services.erasure.wipe)
    if result is None or not shiboken6.isValid(parent):
        return result
    backups = (result.record or {}).get("backups", {})
    removed = translate("Erasure", "Backups removed: {count}.").format(count=len(backups.get("removed", [])))
    failed = (translate("Erasure", "These could not be removed: delete them yourself: {paths}")
              .format(paths=", ".join(backups["failed"])) if backups.get("failed") else "")
    await tell(parent, translate("Erasure", "Everything wiped"),
               translate("Erasure", "All your data was deleted; a new, empty profile starts."),
               icon=Icon.Information, informative=" ".join(p for p in (removed, failed) if p))
    return result
