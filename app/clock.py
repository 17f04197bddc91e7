"""Clocks: the one source of "now" and of the user's local time zone, injectable for tests."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
import zoneinfo
from dataclasses import dataclass, field
from typing import Protocol

UTC = dt.UTC
# Files in the zone database's folder that are not zones of their own (the machine's copy, a POSIX default).
NOT_ZONES = frozenset({"localtime", "posixrules"})
# A zone name as the zone database spells it: no "." or ".." parts, no leading "/" (anything else: the long way).
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


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


@functools.cache
def _zones() -> dict[str, str]:
    """Every IANA zone name, by its lower-case form (reading the zone folder takes tens of milliseconds: once)."""
    return {name.lower(): name for name in zoneinfo.available_timezones() - NOT_ZONES}


def zone_names() -> list[str]:
    """The IANA zone names this machine knows, sorted (what a zone chooser offers)."""
    return sorted(_zones().values())


def find_zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone called ``name`` (case and surrounding spaces ignored), or None when there is no such zone."""
    text = str(name).strip()
    if _listed(text):  # the usual case, a stored name: its one file read instead of the whole folder
        return zoneinfo.ZoneInfo(text)
    key = _zones().get(text.lower())
    return zoneinfo.ZoneInfo(key) if key is not None else None


def _listed(key: str) -> bool:
    """Whether ``zoneinfo.available_timezones()`` lists ``key`` as it is spelt, from its own file alone.

    The same test that function makes while it walks the zone folders: not under ``right/`` or ``posix/``, reached
    through real folders (the walk follows no linked folder), and a file that starts as zone data does. False
    sends the caller the long way, which is exact, so a doubt here costs time, never an answer.
    """
    parts = key.split("/")
    if key in NOT_ZONES or parts[0] in ("right", "posix") or not _PLAIN_KEY.fullmatch(key):
        return False
    for root in zoneinfo.TZPATH:
        try:
            folder = root
            for part in parts[:-1]:
                folder = os.path.join(folder, part)
                if not stat.S_ISDIR(os.lstat(folder).st_mode):
                    raise NotADirectoryError(folder)
            with open(os.path.join(folder, parts[-1]), "rb") as handle:
                if handle.read(4) == b"TZif":
                    return True
        except OSError:
            continue
    return False


def zone_name(tz: dt.tzinfo) -> str:
    """The IANA name that stands for ``tz``: its own key; for a fixed whole-hour offset the ``Etc/GMT`` zone of
    that offset (their signs are inverted: ``Etc/GMT-8`` is UTC+8); otherwise ``UTC``."""
    key = getattr(tz, "key", None)
    found = find_zone(key) if isinstance(key, str) else None
    if found is not None:
        return found.key
    offset = tz.utcoffset(None) if isinstance(tz, dt.timezone) else None
    if offset is not None and offset % dt.timedelta(hours=1) == dt.timedelta(0):
        hours = offset // dt.timedelta(hours=1)
        return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC"


def local_zone_name() -> str:
    """The machine's zone as an IANA name (what a new profile starts with)."""
    return zone_name(local_timezone())


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def __init__(self, tz: dt.tzinfo | None = None) -> None:
        self._tz = tz

    @property
    def tz(self) -> dt.tzinfo:
        # Looked up when first asked: a command on data with a profile works in the profile's zone and never asks.
        if self._tz is None:
            self._tz = local_timezone()
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


class ZonedClock:
    """Another clock's "now" in the zone of the data (the profile's), which can change while the app runs.

    Every service over one store shares one: days, weeks, streaks, budgets and the game's day keys then follow
    the zone the user recorded in, never the zone of the process that happens to run.
    """

    def __init__(self, base: Clock, zone: dt.tzinfo) -> None:
        self.base: Clock = base.base if isinstance(base, ZonedClock) else base
        self.zone = zone

    @property
    def tz(self) -> dt.tzinfo:
        return self.zone

    def now(self) -> dt.datetime:
        return self.base.now()
