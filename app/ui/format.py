"""How the window writes money, times and durations: fen as ¥, UTC ISO strings in the user's zone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

MINUS = "\u2212"  # a real minus sign: lines up with digits, unlike a hyphen


def money(fen: int | None) -> str:
    """Integer fen as ``¥12.50`` (``−¥1.00`` when negative, ``—`` when unknown)."""
    if fen is None:
        return "—"
    sign = MINUS if fen < 0 else ""
    yuan, rest = divmod(abs(int(fen)), 100)
    return f"{sign}¥{yuan:,}.{rest:02d}"


def count_text(count: int) -> str:
    """A count with its digits grouped as English and Chinese both write them: ``12,345`` (Qt's default locale is
    "C" unless the language set one, and C groups nothing)."""
    return f"{int(count):,}"


def signed(count: int) -> str:
    """A balance with its sign: ``+2``, ``−1``, ``0``."""
    if count > 0:
        return f"+{count}"
    if count < 0:
        return f"{MINUS}{-count}"
    return "0"


def parse_utc(value: str | dt.datetime | None) -> dt.datetime | None:
    """An aware datetime from the services' ISO strings (``2026-11-25T12:00:00Z``)."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def local_datetime(value: str | dt.datetime | None, tz: dt.tzinfo) -> str:
    """A moment in the user's zone as a full date and time, "2026-06-21 17:02" (a record kept, like a badge's
    award, where "Today" would soon be wrong)."""
    moment = parse_utc(value)
    return "—" if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def local_time(value: str | dt.datetime | None, tz: dt.tzinfo, now: dt.datetime) -> str:
    """A moment in the user's zone, relative to their calendar: "Today 20:05", "Yesterday 09:10", "11-02 18:00"."""
    moment = parse_utc(value)
    if moment is None:
        return "—"
    local = moment.astimezone(tz)
    today = now.astimezone(tz).date()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return QCoreApplication.translate("Format", "Today {time}").format(time=clock)
    if days == -1:
        return QCoreApplication.translate("Format", "Yesterday {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("Format", "Tomorrow {time}").format(time=clock)
    if local.year == today.year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def time_left(value: str | dt.datetime | None, now: dt.datetime) -> str:
    """What is left until a deadline: "2 d 5 h left", "40 min left", "Overdue"."""
    moment = parse_utc(value)
    if moment is None:
        return ""
    seconds = int((moment - now).total_seconds())
    if seconds <= 0:
        return QCoreApplication.translate("Format", "Overdue")
    minutes = seconds // 60
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return QCoreApplication.translate("Format", "{days} d {hours} h left").format(days=days, hours=hours)
    if hours and minutes:
        return QCoreApplication.translate("Format", "{hours} h {minutes} min left").format(hours=hours, minutes=minutes)
    if hours:
        return QCoreApplication.translate("Format", "{hours} h left").format(hours=hours)
    return QCoreApplication.translate("Format", "{minutes} min left").format(minutes=max(minutes, 1))
