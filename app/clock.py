"""Clocks: the one source of "now" and of the user's local time zone, injectable for tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

UTC = dt.UTC


def iso(moment: dt.datetime) -> str:
    """An aware datetime as ISO 8601 in UTC with a ``Z`` (the form every JSON output uses)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Clock(Protocol):
    """What the services need to know about time."""

    @property
    def tz(self) -> dt.tzinfo: ...

    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


def local_timezone() -> dt.tzinfo:
    """The machine's local time zone with its daylight-saving rules (follows ``TZ`` when set)."""
    import tzlocal

    try:
        return tzlocal.get_localzone()
    except Exception:  # noqa: BLE001 - an unreadable zone setting: today's fixed offset is the best guess
        tz = dt.datetime.now().astimezone().tzinfo
        assert tz is not None
        return tz


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def __init__(self, tz: dt.tzinfo | None = None) -> None:
        self._tz = tz or local_timezone()

    @property
    def tz(self) -> dt.tzinfo:
        return self._tz

    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to: makes deadlines, "today" and streaks testable."""

    current: dt.datetime
    zone: dt.tzinfo = field(default=UTC)

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.current = self.current.astimezone(UTC)

    @property
    def tz(self) -> dt.tzinfo:
        return self.zone

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)
