"""The quick-log dialog's write: its fields as one service call (a help, a request, or an edit of a help), the
same call's draft for the services to check as the user types, and its time field read in the user's zone. A mixin
of :class:`~app.ui.quick_log.QuickLogDialog`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QTime

from app.ui.drafts import Checker
from app.ui.parts import PageMixin

if TYPE_CHECKING:
    from app.services.base import OpResult

KIND_KEY = "quick_log/kind"
GIVEN, RECEIVED, REQUEST = "given", "received", "request"


class QuickLogWriteMixin(PageMixin):
    """Saves what the dialog says: a new entry at the moment it is saved (unless its time was changed), or an edit."""

    def _edited_at(self) -> dt.datetime:
        assert self._editing is not None
        at = self._editing["at"]
        return at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))

    def _set_when(self, moment: dt.datetime) -> None:
        """Show ``moment`` in the When field (local time, to the minute); not a change by the user."""
        local = moment.astimezone(self.ctx.services.clock.tz)
        self.when_edit.blockSignals(True)
        self.when_edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                             QTime(local.hour, local.minute)))
        self.when_edit.blockSignals(False)
        self._when_touched = False

    def _chosen_when(self) -> dt.datetime:
        moment = self.when_edit.dateTime()
        date, time = moment.date(), moment.time()
        return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(),
                           tzinfo=self.ctx.services.clock.tz)

    def _when(self) -> dt.datetime:
        """The time in the When field; the help's own time (to the second) when the minute was not changed."""
        original = self._edited_at()
        same_minute = original.astimezone(self.ctx.services.clock.tz).replace(second=0, microsecond=0)
        chosen = self._chosen_when()
        return original if chosen == same_minute else chosen

    def _new_when(self) -> dict[str, dt.datetime]:
        """``{"at": …}`` when the user set a time for a new entry; nothing (the service's now) otherwise."""
        return {"at": self._chosen_when()} if self._when_touched else {}

    def _edit_fields(self) -> dict[str, Any]:
        """What the edit form says; names left as they were go by id, so a namesake cannot be picked up."""
        editing = self._editing
        assert editing is not None
        contact = self.contact_edit.text().strip()
        group = self.group_edit.text().strip()
        return {
            "direction": self.what(),
            "kind": self.kind(),
            "contact": editing["contact_id"] if contact == editing["contact_name"] else contact,
            "group": (editing["group_id"] if group and group == editing["group_name"] else group) or None,
            "amount_fen": self.amount_text(),
            "note": self.note_edit.text().strip(),
            "at": self._when(),
        }

    def _call(self) -> tuple[str, str | None, dict[str, Any]]:
        """The write the dialog stands for: the service (``helps`` or ``requests``), the help edited (None: a new
        entry) and the fields, as the services take them (the amount as typed: they read and check it)."""
        if self._editing is not None:
            return "helps", str(self._editing["id"]), self._edit_fields()
        group = self.group_edit.text().strip() or None
        note = self.note_edit.text().strip()
        add_new = {"add_new": True} if self.new_names() and self.add_new_box.isChecked() else {}
        if self.what() == REQUEST:
            return "requests", None, {"group": group, "note": note, **self._new_when(), **add_new}
        return "helps", None, {
            "direction": self.what(), "kind": self.kind(), "contact": self.contact_edit.text().strip(),
            "group": group, "amount_fen": self.amount_text(), "note": note, **self._new_when(), **add_new,
        }

    def _draft(self) -> tuple[Checker, str | None, dict[str, Any]]:
        service, ref, fields = self._call()
        fields.pop("add_new", None)  # checked as it stands: a new name comes back as one (``Problem.new``)
        return (lambda services: getattr(services, service).check_draft), ref, fields

    def clear(self) -> None:
        """Empty the fields for the next entry (the choice of what and kind stay)."""
        for edit in (self.contact_edit, self.group_edit, self.amount_edit, self.note_edit):
            edit.clear()
        self.add_new_box.setChecked(True)  # the next new name is offered again

    async def save(self) -> OpResult | None:
        """Write the entry once the services have checked it as it stands; on success remember the kind, clear,
        accept and emit ``saved``."""
        if self._saving:
            return None
        self._set_saving(True)  # from the check on: a second Enter meanwhile starts no second write
        try:
            await self.draft.settled()
            if not self.can_save():
                return None
            service, ref, fields = self._call()
            writer = getattr(self.ctx.services, service)
            if ref is not None:
                result = await self.ctx.write(writer.edit, ref, **fields, parent=self)
            else:
                result = await self.ctx.write(writer.create, **fields, parent=self)
        finally:
            self._set_saving(False)
        if result is None:
            return None
        if service == "helps" and ref is None and self._settings is not None:
            self._settings.setValue(KIND_KEY, fields["kind"])
        self.clear()
        self.accept()
        self.saved.emit(result)
        return result
