"""The window's QSettings keys, apart from the pages that edit them: what the start reads before its first frame.

The Settings page and the first-run dialog import half the UI (and asyncio); the start only needs these names.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.quiet import DEFAULT_FROM, DEFAULT_TO, in_quiet_hours, parse_time

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


def quiet_now(settings: QSettings, local_now: dt.datetime) -> bool:
    """Whether ``local_now`` (in the user's time zone) is in the quiet hours set on the Settings page."""
    start = parse_time(settings.value(QUIET_FROM_KEY, "22:30"), DEFAULT_FROM)
    end = parse_time(settings.value(QUIET_TO_KEY, "08:00"), DEFAULT_TO)
    return in_quiet_hours(local_now.time(), start, end)
