"""Loading a command's code fast in a process that runs one command and exits (``python -m app COMMAND``).

Importing the database and game code makes some hundreds of thousands of objects that all live until the process
ends. Python's cycle collector, run every few hundred new objects and now and then through all of them, finds
nothing to free among them and costs such a command about a tenth of its run: paused while the code loads, which
is then frozen (``gc.freeze``: moved out of the collector's sight) before the collector runs again. Pausing alone
would not do: the first collections after it would walk every new object once more.

Only where :func:`app.main.run` marked the process as running one command: in a process that lives on (the tests,
a program calling :func:`app.main.main`), freezing would keep whatever cyclic garbage exists at that moment for good.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_one_command = False


def one_command_process() -> None:
    """Mark this process as one that runs a single command and exits."""
    global _one_command
    _one_command = True


@contextlib.contextmanager
def code_loading() -> Iterator[None]:
    """Around imports of heavy code: the collector paused and the loaded code frozen (one-command processes)."""
    if not _one_command or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
