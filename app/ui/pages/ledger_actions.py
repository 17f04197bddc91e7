"""The Ledger page's actions: settle up with a contact (saying how), correct or delete one exchange, merge two
contacts, copy a polite reminder for a contact who owes the user.

Each write asks first (the settle-up dialog, or ``_confirm``, which the tests answer). A mixin of
:class:`~app.ui.pages.ledger.LedgerPage`; its texts keep the page's translation context, ``LedgerPage``.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.dialogs import answered
from app.ui.pages.ledger_parts import SettleDialog
from app.ui.parts import PageMixin, translate
from app.ui.quick_log import QuickLogDialog, load_choices
from app.ui.rows_model import ROW_ROLE


class LedgerActionsMixin(PageMixin):
    """The Ledger page's buttons' slots and the writes behind them, one at a time (the page's ``_busy_write``)."""

    _editor: QuickLogDialog | None  # the exchange being corrected
    _opening_editor: bool
    _contacts: list[dict[str, Any]]  # the ledger's rows, one a contact

    def on_settle_clicked(self) -> None:
        spawn_if_attached(self, self.settle, "settle")

    def on_remind_clicked(self) -> None:
        self.copy_reminder()

    def on_merge_clicked(self) -> None:
        spawn_if_attached(self, self.merge, "merge")

    def on_delete_exchange_clicked(self) -> None:
        spawn_if_attached(self, self.delete_exchange, "delete exchange")

    def on_edit_exchange_clicked(self, *_: Any) -> None:
        spawn_if_attached(self, self.edit_exchange, "edit exchange")

    async def settle(self) -> bool:
        """Settle up with the selected contact: the dialog asks how (even, a favour, a red packet, partly), how much
        and a note; a full settlement starts their balance again, a partial one moves it."""
        row = self.current_row()
        if self.ctx is None or row is None or self._busy:
            return False
        fields = await self._ask_settlement(row)
        if fields is None:
            return False
        result = await self._busy_write(self.ctx.services.ledger.settle, row["contact_id"], **fields)
        if result is None:
            return False
        if fields["how"] != "partial":
            self.exchange_model.set_rows([], self._tz, self._now)  # the refresh after the write brings the rest
        return True

    async def _ask_settlement(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """The settle-up dialog, awaited (never ``exec()``); its fields, or None when cancelled."""
        dialog = SettleDialog(self if isinstance(self, QWidget) else None, str(row["nickname"]), int(row["balance"]))
        self._settle_dialog = dialog
        return await answered(dialog, lambda result: dialog.values() if result == QDialog.DialogCode.Accepted
                              else None)

    def reminder_text(self, row: dict[str, Any]) -> str:
        """A friendly message asking a contact who owes the user for a hand: it names the helps, blames no one."""
        count = int(row["balance"])
        if count == 1:
            text = translate("LedgerPage", "Hi {name}! When you have a moment, could you give me a hand with a "
                                           "bargain cut or a click? I was happy to help you once lately and hope we "
                                           "keep helping each other. No rush at all — thank you!")
        else:
            text = translate("LedgerPage", "Hi {name}! When you have a moment, could you give me a hand with a "
                                           "bargain cut or a click? I was happy to help you {count} times lately and "
                                           "hope we keep helping each other. No rush at all — thank you!")
        return text.format(name=row["nickname"], count=count)

    def copy_reminder(self) -> str | None:
        """Copy the reminder for the selected contact (one who owes the user) and say so; nothing is sent."""
        row = self.current_row()
        if row is None or row["balance"] <= 0:
            return None
        text = self.reminder_text(row)
        QGuiApplication.clipboard().setText(text)
        self._tell_copied(row)
        return text

    def _tell_copied(self, row: dict[str, Any]) -> None:
        from app.ui.toast import Toast

        window = self.window() if isinstance(self, QWidget) else None
        if window is None:
            return
        for old in window.findChildren(Toast):
            if not old.closed:
                old.dismiss()
        toast = Toast(window)
        toast.set_content(
            translate("LedgerPage", "Reminder copied"),
            [("📋", translate("LedgerPage", "Paste it in your chat with {name}: nothing was sent.").format(
                name=row["nickname"]))])
        toast.popup()
        self._toast = toast

    async def edit_exchange(self) -> QuickLogDialog | None:
        """Open the selected exchange in the quick-log form to correct it (the game recomputes on save)."""
        editor = self._editor
        if editor is not None and shiboken6.isValid(editor) and editor.isVisible():
            editor.raise_()  # one editor at a time (a double-click is two activations)
            editor.activateWindow()
            return editor
        exchange = self.selected_exchange()
        row = self.current_row()
        if self.ctx is None or exchange is None or row is None or self._busy or self._opening_editor:
            return None
        services = self.ctx.services
        self._opening_editor = True
        try:
            (contacts, groups), names = await self.ctx.read(
                lambda: (load_choices(services), services.queries.names()))
        finally:
            self._opening_editor = False
        if not shiboken6.isValid(self):
            return None
        dialog = QuickLogDialog(self.ctx, None, parent=self)
        self._editor = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_choices(contacts, groups)
        dialog.start_edit(exchange, row["nickname"], names["group"].get(exchange.get("group_id") or ""))
        dialog.open()
        return dialog

    def selected_exchange(self) -> dict[str, Any] | None:
        """The exchange selected in the (sorted) table: its row through the proxy, never the model's row number."""
        rows = self.exchanges_view.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return dict(row) if row is not None else None

    async def delete_exchange(self) -> bool:
        """Delete the selected help exchange, after asking (the services' correction; the game recomputes)."""
        exchange = self.selected_exchange()
        if self.ctx is None or exchange is None or self._busy:
            return False
        if not await self._confirm(
                translate("LedgerPage", "Delete this help exchange? The history keeps a note that it was removed."),
                translate("LedgerPage", "Delete exchange?")):
            return False
        return await self._busy_write(self.ctx.services.helps.delete, exchange["id"]) is not None

    async def merge(self) -> bool:
        """Fold the selected contact into the one chosen in the combo, after asking."""
        row = self.current_row()
        keep = self.merge_combo.currentData()
        if self.ctx is None or row is None or not keep or self._busy:
            return False
        text = translate(
            "LedgerPage",
            "Merge {other} into {keep}? {other}'s helps, cuts and groups move to {keep}, and {other} is removed. "
            "This cannot be undone."
        ).format(other=row["nickname"], keep=self.merge_combo.currentText())
        if not await self._confirm(text, translate("LedgerPage", "Merge contacts?")):
            return False
        result = await self._busy_write(self.ctx.services.contacts.merge, keep, row["contact_id"])
        if result is None:
            return False
        self._contacts = [r for r in self._contacts if r["contact_id"] != row["contact_id"]]
        self.current_id = keep  # the refresh after the write selects the kept contact
        self._show_contact(next((r for r in self._contacts if r["contact_id"] == keep), None))
        return True

    async def _confirm(self, text: str, title: str | None = None) -> bool:
        return await confirm(self, title or translate("LedgerPage", "Are you sure?"), text)
