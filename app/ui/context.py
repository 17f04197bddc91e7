"""What every page needs: the services, the one database runner, and the one "operation done" signal.

Pages never hold a database session: they read through ``load`` functions that run in the worker thread and
return plain data, and they write through :meth:`PageContext.write`, which runs a service call in the worker,
tells any failure through the window's one :class:`~app.ui.failures.FailureReporter` (bad input, the
environment's fault, a damaged database, our bug), and announces what changed to every page at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.ui.failures import FailureReporter

if TYPE_CHECKING:
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.tasks import DbRunner

log = logging.getLogger(__name__)


class DataPage(Protocol):
    """A page the controller keeps up to date: ``load`` runs in the worker, ``set_data`` on the UI thread."""

    def load(self, services: Services) -> Any: ...

    def set_data(self, data: Any) -> None: ...


def spawn_if_attached(page: Any, coro: Callable[[], Coroutine[Any, Any, Any]], name: str) -> None:
    """Start ``coro()`` on the page's runner once the page has its context (before that, a click does nothing)."""
    ctx = getattr(page, "ctx", None)
    if ctx is not None:
        ctx.runner.spawn(coro(), name=name)


class PageContext(QObject):
    """The services and the runner, shared by every page; ``operation_done`` fires after each write."""

    operation_done = Signal(object)  # the OpResult

    def __init__(self, services: Services, runner: DbRunner, parent: QObject | None = None, *,
                 reporter: FailureReporter | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.reporter = reporter or FailureReporter(None, services.store.data_dir, services.clock, self)

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a read in the database thread and return its plain result."""
        return await self.runner.run(fn, *args)

    async def write(self, fn: Callable[..., OpResult], *args: Any, parent: QWidget | None = None,
                    **kwargs: Any) -> OpResult | None:
        """Run one service call; on failure tell it (bad input, disk full, a bug…) and return None."""
        try:
            result = await self.runner.run(lambda: fn(*args, **kwargs))
        except Exception as exc:  # sorted out by the reporter: nothing of this write was kept
            await self.reporter.report(exc, getattr(fn, "__qualname__", "write"), parent=parent)
            return None
        self.operation_done.emit(result)
        return result

    def spawn_write(self, fn: Callable[..., OpResult], *args: Any, parent: QWidget | None = None,
                    **kwargs: Any) -> None:
        """Fire-and-forget :meth:`write` from a slot."""
        self.runner.spawn(self.write(fn, *args, parent=parent, **kwargs), name=getattr(fn, "__name__", "write"))
