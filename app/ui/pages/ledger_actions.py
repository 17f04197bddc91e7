"""The Ledger page's writes: settle up with a contact, correct or delete one exchange, merge two contacts.

Each asks first (``_confirm``, which the tests answer). A mixin of :class:`~app.ui.pages.ledger.LedgerPage`; its
texts keep the page's translation context, ``LedgerPage``.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt

from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.format import signed
from app.ui.parts import PageMixin, translate
from app.ui.quick_log import QuickLogDialog, load_choices


class LedgerActionsMixin(PageMixin):
    """The Ledger page's buttons' slots and the writes behind them, one at a time (the page's ``_busy_write``)."""

    _editor: QuickLogDialog | None  # the exchange being corrected
    _opening_editor: bool
    _contacts: list[dict[str, Any]]  # the ledger's rows, one a contact

    def on_settle_clicked(self) -> None:
        spawn_if_attached(self, self.settle, "settle")

    def on_merge_clicked(self) -> None:
        spawn_if_attached(self, self.merge, "merge")

    def on_delete_exchange_clicked(self) -> None:
        spawn_if_attached(self, self.delete_exchange, "delete exchange")

    def on_edit_exchange_clicked(self, *_: Any) -> None:
        spawn_if_attached(self, self.edit_exchange, "edit exchange")

    async def settle(self) -> bool:
        """"We are even" with the selected contact, after asking; their balance counts from now."""
        row = self.current_row()
        if self.ctx is None or row is None or self._busy:
            return False
        text = translate("LedgerPage", "Settle up with {name}? Their balance of {balance} starts again from zero."
                         ).format(name=row["nickname"], balance=signed(row["balance"]))
        if not await self._confirm(text, translate("LedgerPage", "Settle up?")):
            return False
        result = await self._busy_write(self.ctx.services.ledger.settle, row["contact_id"])
        if result is None:
            return False
        self.exchange_model.set_rows([], self._tz, self._now)  # the refresh after the write brings the balance
        return True

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
        rows = self.exchanges_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.exchange_model.row(rows[0].row())

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
