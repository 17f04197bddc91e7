"""What every page needs: the services, the one database runner, and the one "operation done" signal.

Pages never hold a database session: they read through ``load`` functions that run in the worker thread and
return plain data, and they write through :meth:`PageContext.write`, which runs a service call in the worker,
tells any failure through the window's one :class:`~app.ui.failures.FailureReporter` (bad input, the
environment's fault, a damaged database, our bug), and announces what changed, and who changed it, once
(:mod:`app.ui.changes` says which pages that concerns).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.ui.failures import FailureReporter

if TYPE_CHECKING:
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.tasks import DbRunner

log = logging.getLogger(__name__)

T = TypeVar("T")


class DataPage(Protocol):
    """A page the controller keeps up to date: ``load`` runs in the worker, ``set_data`` on the UI thread."""

    def load(self, services: Services) -> Any: ...

    def set_data(self, data: Any) -> None: ...


def spawn_if_attached(page: Any, coro: Callable[[], Coroutine[Any, Any, Any]], name: str) -> None:
    """Start ``coro()`` on the page's runner once the page has its context (before that, a click does nothing)."""
    ctx = getattr(page, "ctx", None)
    if ctx is not None and not ctx.runner.closed:  # nor once the window has closed (a late language change)
        ctx.runner.spawn(coro(), name=name)


class PageContext(QObject):
    """The services and the runner, shared by every page; ``operation_done`` fires once after each write.

    ``operation_done(result, initiator)``: the write's ``OpResult`` (None when everything may have changed: a
    restore, a rebuild of the game) and the widget that wrote (None when not said). ``written_versions`` holds,
    while it is emitted, SQLite's ``data_version`` just before and just after the write, so that the window can
    tell its own writes from another program's.
    """

    operation_done = Signal(object, object)  # (OpResult | None, initiator)

    def __init__(self, services: Services, runner: DbRunner, parent: QObject | None = None, *,
                 reporter: FailureReporter | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.reporter = reporter or FailureReporter(None, services.store.data_dir, services.clock, self)
        self.written_versions: tuple[int, int] | None = None

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a read in the database thread and return its plain result."""
        return await self.runner.run(fn, *args)

    async def run_write(self, fn: Callable[[], T]) -> tuple[T, tuple[int, int]]:
        """Run a write in the database thread; its result and ``data_version`` just before and after it."""
        version = self.services.store.data_version

        def job() -> tuple[T, tuple[int, int]]:
            before = version()
            result = fn()
            return result, (before, version())

        return await self.runner.run(job)

    async def write(self, fn: Callable[..., OpResult], *args: Any, parent: QWidget | None = None,
                    initiator: QObject | None = None, **kwargs: Any) -> OpResult | None:
        """Run one service call; on failure tell it (bad input, disk full, a bug…) and return None.

        ``initiator`` (by default ``parent``) is announced with the result: the page that wrote.
        """
        try:
            result, versions = await self.run_write(lambda: fn(*args, **kwargs))
        except Exception as exc:  # sorted out by the reporter: nothing of this write was kept
            await self.reporter.report(exc, getattr(fn, "__qualname__", "write"), parent=parent)
            return None
        self.announce(result, parent if initiator is None else initiator, versions)
        return result

    def announce(self, result: OpResult | None, initiator: QObject | None = None,
                 versions: tuple[int, int] | None = None) -> None:
        """Tell every listener once what changed (None: everything may have) and who changed it."""
        self.written_versions = versions
        try:
            self.operation_done.emit(result, initiator)
        finally:
            self.written_versions = None

    def spawn_write(self, fn: Callable[..., OpResult], *args: Any, parent: QWidget | None = None,
                    **kwargs: Any) -> None:
        """Fire-and-forget :meth:`write` from a slot."""
        self.runner.spawn(self.write(fn, *args, parent=parent, **kwargs), name=getattr(fn, "__name__", "write"))
