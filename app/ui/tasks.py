"""The one way the window does database work: a one-worker executor awaited on the qasync loop."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

FailureHook = Callable[[BaseException, str, "DbRunner"], None]

log = logging.getLogger(__name__)

T = TypeVar("T")


class DbRunner:
    """Runs blocking database calls one at a time off the UI thread and keeps the tasks that await them.

    ``run`` executes ``fn`` in the worker thread and returns its result on the UI thread, so the code after
    the ``await`` may touch widgets; ``fn`` itself must never touch a widget. ``spawn`` starts a coroutine as
    a task, holds a reference until it ends (asyncio keeps only weak ones) and hands any exception it raises to
    ``on_failure`` (the window's :class:`~app.ui.failures.FailureReporter`), or logs it when none is set.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pintuan-db")
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False
        self.on_failure: FailureHook | None = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the database thread; raises what ``fn`` raised."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        """Start ``coro`` on the running loop; its exception, if any, is logged rather than lost."""
        if self._closed:
            coro.close()
            raise RuntimeError("DbRunner is shut down")
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if self.on_failure is None or self._closed:
            log.error("Background task %s failed", task.get_name(), exc_info=exc)
            return
        try:
            self.on_failure(exc, task.get_name(), self)
        except Exception:  # the reporter must never hide the failure it was given
            log.exception("Reporting the failure of %s failed", task.get_name())
            log.error("Background task %s failed", task.get_name(), exc_info=exc)

    def cancel_others(self) -> None:
        """Cancel every spawned task but the one running now (before the store is closed under them)."""
        current = asyncio.current_task()
        for task in list(self._tasks):
            if task is not current:
                task.cancel()

    @property
    def closed(self) -> bool:
        """Shut down: ``spawn`` refuses new work."""
        return self._closed

    @property
    def pending(self) -> int:
        """How many spawned tasks have not finished yet."""
        return len(self._tasks)

    def shutdown(self) -> None:
        """Cancel the spawned tasks and wait for the call in progress (a migration is never cut short)."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
