"""Quiet hours: the span of the day (in the user's time zone) when nothing pops up — no toast, no reminder."""

from __future__ import annotations

import datetime as dt

DEFAULT_FROM = dt.time(22, 30)
DEFAULT_TO = dt.time(8, 0)


def parse_time(text: object, default: dt.time) -> dt.time:
    """``"HH:MM"`` (as the Settings page stores it) as a time; anything else gives ``default``."""
    try:
        hours, minutes = str(text).strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        return default


def in_quiet_hours(moment: dt.time, start: dt.time, end: dt.time) -> bool:
    """Whether the local time ``moment`` falls in the quiet span ``start``..``end`` (end excluded).

    A span that passes midnight (22:30 to 08:00) wraps; an empty span (start == end) is never quiet.
    """
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end
