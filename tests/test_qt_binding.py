"""The Qt binding in use survives a long session: PySide6 6.12.0 dropped a reference to None on each call of a
Qt method that returns nothing, and Python 3.11 aborted ("Fatal Python error: none_dealloc") after some 50,000
of them — minutes of a real window."""

from __future__ import annotations

import subprocess
import sys


def test_many_calls_of_qt_methods_that_return_nothing_do_not_kill_python() -> None:
    code = (
        "from PySide6.QtCore import QObject\n"
        "o = QObject()\n"
        "for _ in range(300_000):\n"
        "    o.setObjectName('x')\n"
        "print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "alive", done.stderr[-500:]
