"""Correcting one help exchange from a page (Contacts, History): the quick-log form opened on it, one at a time.

The help is read again by id when the form opens, so the form shows it as it is now (another page may have edited
it), and a help deleted meanwhile is said to be gone instead of opening an empty form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from app.ui.dialogs import tell
from app.ui.quick_log import QuickLogDialog, load_choices

if TYPE_CHECKING:
    from app.ui.context import PageContext


class HelpEditor:
    """Opens the quick-log form on a help for a page; a second request while one is open raises that one."""

    def __init__(self, page: QWidget) -> None:
        self._page = page
        self.dialog: QuickLogDialog | None = None
        self._opening = False

    def is_open(self) -> bool:
        dialog = self.dialog
        return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()

    async def open(self, ctx: PageContext, help_id: str) -> QuickLogDialog | None:
        """Open the form on help ``help_id`` (window-modal, never ``exec()``); the dialog, or None when it could not
        be (another is being opened, the help is gone, the page went away)."""
        if self.is_open():
            assert self.dialog is not None
            self.dialog.raise_()  # one editor at a time (a double-click is two activations)
            self.dialog.activateWindow()
            return self.dialog
        if self._opening:
            return None
        services = ctx.services
        self._opening = True
        try:
            help_, (contacts, groups) = await ctx.read(lambda: (services.helps.record(help_id),
                                                                load_choices(services)))
        finally:
            self._opening = False
        page = self._page
        if not shiboken6.isValid(page):
            return None
        if help_ is None:
            await tell(page, QCoreApplication.translate("HelpEditor", "Help not found"),
                       QCoreApplication.translate("HelpEditor", "This help was deleted meanwhile."))
            return None
        dialog = QuickLogDialog(ctx, None, parent=page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_choices(contacts, groups)
        dialog.start_edit(help_, str(help_["contact_name"]), help_["group_name"])
        dialog.open()
        self.dialog = dialog
        return dialog
