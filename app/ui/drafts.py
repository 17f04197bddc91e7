"""A form's draft checked by the services as the user types: the rules live in the core, never in the form.

Each change asks the service's ``check_draft`` (in the database thread, through the page context's ``read``) for
every problem the write would meet; the form shows each message beside its field. At most one check runs at a
time and the newest draft is checked after it, so typing fast queues no backlog and an old answer never
overwrites a newer one. Saving awaits :meth:`DraftCheck.settled` first, so a quick Enter never writes a draft
that was not checked.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6

from app.errors import InvalidInput
from app.services.commands import Problem

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

# The service's check for a draft: ``check_draft(ref, **fields)`` of ``services.deals``, ``services.helps``…
Checker = Callable[["Services"], Callable[..., list[Problem]]]
# What the form says now: the record edited (None: a new one) and the fields, or None when there is no draft.
Draft = Callable[[], "tuple[Checker, str | None, dict[str, Any]] | None"]


class DraftCheck:
    """Checks a form's draft in the database thread after each change; ``on_checked`` runs on the UI thread."""

    def __init__(self, owner: Any, draft: Draft, on_checked: Callable[[], None]) -> None:
        self._owner = owner  # a widget with a ``ctx`` (a PageContext, or None before the database is open)
        self._draft = draft
        self._on_checked = on_checked
        self._changes = 0  # counts the changes; the problems shown are those of change number ``_checked``
        self._checked = -1
        self._task: asyncio.Task[None] | None = None
        self.problems: list[Problem] = []

    @property
    def known(self) -> bool:
        """Whether some draft was checked yet (before that, the form cannot know whether it may be saved)."""
        return self._checked >= 0

    @property
    def ok(self) -> bool:
        """The last draft checked had no problem (the newest may be on its way: :meth:`settled` waits for it)."""
        return self.known and not self.problems

    def of(self, *fields: str | None) -> list[str]:
        """The messages about ``fields`` (a ``None`` among them: about the whole draft)."""
        return [p.message for p in self.problems if p.field in fields]

    def others(self, *fields: str | None) -> list[str]:
        """The messages about any field but ``fields``."""
        return [p.message for p in self.problems if p.field not in fields]

    def changed(self) -> None:
        """The form changed: check it (now, or after the check that is running)."""
        self._changes += 1
        if self._task is None or self._task.done():
            self._start()

    def _start(self) -> None:
        ctx: PageContext | None = getattr(self._owner, "ctx", None)
        if ctx is None or ctx.runner.closed:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # typed into outside the event loop (a test): settled() checks it when awaited
            return
        self._task = ctx.runner.spawn(self._run(), name="draft check")

    async def settled(self) -> list[Problem]:
        """The problems of the draft as it stands now, checked first if it was not yet."""
        while self._checked != self._changes and shiboken6.isValid(self._owner):
            if self._task is None or self._task.done():
                self._start()
                if self._task is None or self._task.done():  # no database yet: nothing can be checked
                    break
            await asyncio.shield(self._task)
        return self.problems

    async def _run(self) -> None:
        while self._checked != self._changes:
            changes = self._changes
            problems = await self._check()
            if not shiboken6.isValid(self._owner):
                return
            self._checked = changes
            if changes == self._changes:  # else a newer draft is checked next: this answer is already old
                self.problems = problems
                self._on_checked()

    async def _check(self) -> list[Problem]:
        ctx: PageContext | None = getattr(self._owner, "ctx", None)
        draft = self._draft()
        if ctx is None or draft is None:
            return []
        checker, ref, fields = draft
        check = functools.partial(checker(ctx.services), ref, **fields)
        try:
            problems: list[Problem] = await ctx.read(check)
        except InvalidInput as exc:  # the record edited was deleted meanwhile: the refresh that follows shows it
            return [Problem(None, exc.message)]
        return problems
