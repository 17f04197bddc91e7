"""The command line's commands by name. Each one's module is imported when it runs: a command loads the code it
needs and no more (``backups`` never imports the game, ``add`` never imports the restore code)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from app.cli.context import Context as Context
from app.cli.loading import code_loading

Command = Callable[[Context, argparse.Namespace], int]

# Command name -> the module of app.cli that holds it; its function is ``cmd_<name>``.
HOMES = {
    "add": "records", "edit": "records", "delete": "records", "settle": "records", "profile": "records",
    "merge": "records",
    "list": "reports", "ledger": "reports", "quests": "reports", "badges": "reports", "points": "reports",
    "check": "maintenance", "backup": "maintenance", "backups": "maintenance", "restore": "maintenance",
    "demo": "maintenance", "recompute": "maintenance", "screenshots": "maintenance",
    "export": "privacy", "import": "privacy", "presets": "privacy", "audit": "privacy",
    "erase": "erasure", "wipe": "erasure",
    "links": "links",
    "parse-share": "share",
    "import-chat": "chat",
}


def _load(name: str) -> Command:
    with code_loading():  # a command's module may bring the database and game code with it
        module = importlib.import_module(f"app.cli.{HOMES[name]}")
    command: Command = getattr(module, f"cmd_{name.replace('-', '_')}")
    return command


def _lazy(name: str) -> Command:
    def run(ctx: Context, args: argparse.Namespace) -> int:
        return _load(name)(ctx, args)

    run.__name__ = run.__qualname__ = f"cmd_{name}"
    return run


COMMANDS: dict[str, Command] = {name: _lazy(name) for name in HOMES}


def __getattr__(name: str) -> Any:
    """``from app.cli.commands import cmd_add`` as before the commands moved to their modules."""
    if name.startswith("cmd_") and name[4:].replace("_", "-") in HOMES:
        return _load(name[4:].replace("_", "-"))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
