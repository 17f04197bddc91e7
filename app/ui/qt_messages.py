"""Qt's own messages, minus the noise of platforms that cannot do what a window asks and need not."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# Said by the offscreen and minimal platforms for every top-level window they show: nothing is wrong.
NOISE = frozenset({"This plugin does not support propagateSizeHints()"})

_installed = False


def quiet_platform_noise() -> None:
    """Drop :data:`NOISE` from Qt's messages; every other one still goes where it went (stderr by default)."""
    global _installed
    if _installed:
        return
    previous: Any = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)
    _installed = True
