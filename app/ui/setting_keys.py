"""The window's QSettings keys, apart from the pages that edit them: what the start reads before its first frame.

The Settings page and the first-run dialog import half the UI (and asyncio); the start only needs these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

LANGUAGE_KEY = "settings/language"
THEME_KEY = "settings/theme"
QUIET_FROM_KEY = "settings/quiet_from"
QUIET_TO_KEY = "settings/quiet_to"
BUDGET_KEY = "settings/daily_help_budget"
DONE_KEY = "first_run/done"  # the first-run dialog was answered


def truthy(value: object) -> bool:
    """QSettings gives back ``"true"`` from an INI file and ``True`` from memory: read both."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def needs_first_run(settings: QSettings) -> bool:
    """True until the first-run dialog has been through once (``first_run/done`` set)."""
    return not truthy(settings.value(DONE_KEY, False))
