"""Validation of user-given values: each bad value raises one :class:`InvalidInput` with a message fit for a user."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import INPUT_SLACK, NAME_MAX, NOTE_MAX, NUMBER_MAX, TIME_MAX, WINDOW_MAX
from app.text import code_point, is_surrogate, nfc, offending, shown, unify_line_breaks

E = TypeVar("E", bound=enum.StrEnum)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
MAX_FEN = 100_000_000_00  # 100 million yuan: anything above is a typo


def label(field: str) -> str:
    """The field's name as the user reads it, in the user's language."""
    labels = {
        "name": translate("field", "name"),
        "nickname": translate("field", "nickname"),
        "contact": translate("field", "contact"),
        "group": translate("field", "group"),
        "title": translate("field", "title"),
        "note": translate("field", "note"),
        "notes": translate("field", "notes"),
        "rules": translate("field", "rules"),
        "WeChat ID": translate("field", "WeChat ID"),
        "phone": translate("field", "phone"),
        "time": translate("field", "time"),
        "at": translate("field", "time"),
        "kind": translate("field", "kind"),
        "status": translate("field", "status"),
        "direction": translate("field", "direction"),
        "platform": translate("field", "platform"),
        "role": translate("field", "role"),
        "trust": translate("field", "trust"),
        "vertical": translate("field", "vertical"),
        "tier participants": translate("field", "tier participants"),
        "participants joined": translate("field", "participants joined"),
        "participants needed": translate("field", "participants needed"),
        "request limit": translate("field", "request limit"),
        "amount": translate("field", "amount"),
        "amount_fen": translate("field", "amount"),
        "tier price": translate("field", "tier price"),
        "original price": translate("field", "original price"),
        "target price": translate("field", "target price"),
        "current price": translate("field", "current price"),
        "original_fen": translate("field", "original price"),
        "target_fen": translate("field", "target price"),
        "current_fen": translate("field", "current price"),
        "joined_at": translate("field", "joined date"),
        "left_at": translate("field", "left date"),
        "deadline": translate("field", "deadline"),
        "started_at": translate("field", "start time"),
        "window": translate("field", "activity window"),
        "url": translate("field", "link"),
        "how": translate("field", "how you settled"),
        "helps": translate("field", "helps settled"),
    }
    return labels.get(field, field.replace("_", " "))


def _limit(text: str, field: str, maximum: int) -> str:
    if len(text) > maximum:
        raise InvalidInput(
            translate("validation", "The {field} is too long ({length} characters; at most {max}).").format(
                field=label(field), length=len(text), max=maximum
            ),
            field,
        )
    return text


def _bad_character(value: str, index: int, field: str, multiline: bool) -> InvalidInput:
    char, where = value[index], label(field)
    if is_surrogate(char):
        message = translate(
            "validation", "The {field} is not valid text: it contains {code}, from a byte that is not UTF-8."
        ).format(field=where, code=code_point(char))
    elif not multiline and char in "\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        message = translate(
            "validation", "The {field} must be one line: it contains a line break or tab ({code})."
        ).format(field=where, code=code_point(char))
    else:
        message = translate(
            "validation",
            "The {field} contains the invisible or control character {code} (character {position}); remove it.",
        ).format(field=where, code=code_point(char), position=index + 1)
    return InvalidInput(message, field)


def text(value: object, field: str, maximum: int, *, multiline: bool = False) -> str:
    """Checked text: NFC, no control, bidi-override or zero-width character (a multi-line field keeps newline
    and tab, with every line end made ``\\n``); a single-line field is trimmed. ``None`` is empty text.

    Linear in the input, and an input far over ``maximum`` is refused before it is read (see app/text.py).
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(translate("validation", "The {field} must be text.").format(field=label(field)), field)
    if len(value) > maximum * INPUT_SLACK:
        _limit(value, field, maximum)
    value = unify_line_breaks(value) if multiline else value.strip()
    for index in offending(value, multiline=multiline):
        raise _bad_character(value, index, field, multiline)
    result = nfc(value)
    return _limit(result if multiline else result.strip(), field, maximum)


def name(value: str | None, field: str) -> str:
    result = text(value, field, NAME_MAX)
    if not result:
        raise InvalidInput(translate("validation", "The {field} must not be empty.").format(field=label(field)), field)
    return result


def optional_text(value: str | None, field: str, maximum: int = NAME_MAX) -> str | None:
    return text(value, field, maximum) or None


def note(value: str | None, field: str = "note") -> str:
    return text(value, field, NOTE_MAX, multiline=True)


def choice(cls: type[E], value: str | E, field: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise InvalidInput(
            translate("validation", "Unknown {field} '{value}'; choose one of: {allowed}.").format(
                field=label(field), value=shown(value), allowed=allowed
            ),
            field,
        ) from None


def fen(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(
            translate("validation", "The {field} must be a whole number of fen.").format(field=label(field)), field
        )
    if value < 0:
        raise InvalidInput(
            translate("validation", "The {field} must not be negative (got {value}).").format(
                field=label(field), value=value
            ),
            field,
        )
    if value > MAX_FEN:
        raise InvalidInput(
            translate("validation", "The {field} is implausibly large ({value} fen).").format(
                field=label(field), value=value
            ),
            field,
        )
    return value


def count(value: int | None, field: str, minimum: int = 0) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value > 1_000_000:
        raise InvalidInput(
            translate("validation", "The {field} must be a whole number from {min} on (got {value}).").format(
                field=label(field), min=minimum, value=shown(value)
            ),
            field,
        )
    return value


_YUAN = re.compile(r"^\d+(\.\d{1,2})?$")


def yuan_to_fen(text: str, field: str = "amount") -> int:
    """``"12.50"`` → 1250; refuses negative amounts, more than two decimals and anything not a number."""
    bad = InvalidInput(
        translate("validation", "'{value}' is not an amount in yuan (e.g. 12.50).").format(value=shown(text, 40)), field
    )
    if len(text) > NUMBER_MAX:  # refused unread: the regex and Decimal never see a huge input
        raise bad
    cleaned = text.strip().removeprefix("¥").removeprefix("￥").strip()
    if not _YUAN.match(cleaned) or len(cleaned) > 15:
        raise bad
    result = fen(int(Decimal(cleaned) * 100), field)
    assert result is not None
    return result


def yuan_text(fen: int | None) -> str:
    """Fen as the plain yuan a person types (``1250`` → ``12.50``; the inverse of :func:`yuan_to_fen`), empty when
    unknown."""
    return "" if fen is None else f"{fen // 100}.{fen % 100:02d}"


def aware(value: dt.datetime | None, field: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise InvalidInput(
            translate("validation", "The {field} must be a date and time.").format(field=label(field)), field
        )
    if value.tzinfo is None:
        raise InvalidInput(
            translate("validation", "The {field} needs a time zone.").format(field=label(field)), field
        )
    if not (dt.datetime(2000, 1, 1, tzinfo=dt.UTC) <= value <= dt.datetime(2100, 1, 1, tzinfo=dt.UTC)):
        raise InvalidInput(
            translate("validation", "The {field} {value} is not a plausible date.").format(
                field=label(field), value=value.isoformat()
            ),
            field,
        )
    return value.astimezone(dt.UTC)


def parse_datetime(text: str, tz: dt.tzinfo, field: str = "time") -> dt.datetime:
    """ISO 8601; local time (``tz``) unless the text carries an offset. A bare date means local midnight."""
    bad = InvalidInput(
        translate("validation", "'{value}' is not a date and time (use ISO 8601, e.g. 2026-11-25T20:30).")
        .format(value=shown(text, 40)),
        field,
    )
    if len(text) > TIME_MAX:
        raise bad
    raw = text.strip()
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        raise bad from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    result = aware(value, field)
    assert result is not None
    return result


# Applied to a spec whose runs of white space are already single spaces, and anchored after its first digit:
# every part is fixed or bounded, so matching is linear (the old one-regex form backtracked cubically on
# spaces: 20,000 of them ran for minutes).
_FIRST_DIGIT = re.compile(r"\d")
_TIMES = re.compile(r"(?P<h1>\d{1,2}):(?P<m1>\d{2}) ?[-–~] ?(?P<h2>\d{1,2}):(?P<m2>\d{2})")
_DAY_LISTS = re.compile(r"[,，、]")
_DAY_RANGE = re.compile(r" ?[-–~至到] ?")


def _weekday(token: str) -> int | None:
    token = token.strip().lower()
    for day, (short, full) in enumerate(zip(WEEKDAYS, _FULL_WEEKDAYS, strict=True)):
        if token in (short, full) or (len(token) >= 3 and full.startswith(token)):
            return day
    for prefix in ("周", "星期", "礼拜"):
        if token.startswith(prefix) and token[len(prefix) :] in _ZH_WEEKDAYS:
            return _ZH_WEEKDAYS[token[len(prefix) :]]
    return None


def parse_window(spec: str) -> list[tuple[int, dt.time, dt.time]]:
    """``"Mon-Fri 20:00-22:00"``, ``"Sat,Sun 09:00-11:00"``, ``"daily 20:00-22:00"``, ``"周一-周五 20:00-22:00"``.

    Returns one (weekday, start, end) per day; an end before the start crosses midnight.
    """
    bad = InvalidInput(
        translate("validation", "'{value}' is not an activity window (e.g. \"Mon-Fri 20:00-22:00\").").format(
            value=shown(spec)
        ),
        "window",
    )
    compact = " ".join(text(spec, "window", WINDOW_MAX).split())
    first_digit = _FIRST_DIGIT.search(compact)
    match = _TIMES.fullmatch(compact, first_digit.start()) if first_digit else None
    if first_digit is None or match is None or not compact[: first_digit.start()].strip():
        raise bad
    try:
        start = dt.time(int(match["h1"]), int(match["m1"]))
        end = dt.time(int(match["h2"]), int(match["m2"]))
    except ValueError:
        raise bad from None
    if start == end:
        raise bad
    days_text = compact[: first_digit.start()].strip().lower()
    days: list[int] = []
    if days_text in ("daily", "every day", "everyday", "每天", "每日"):
        days = list(range(7))
    else:
        for part in _DAY_LISTS.split(days_text):
            if not part.strip():
                raise bad
            ends = _DAY_RANGE.split(part.strip())
            if len(ends) == 1:
                day = _weekday(ends[0])
                if day is None:
                    raise bad
                days.append(day)
            elif len(ends) == 2:
                first, last = _weekday(ends[0]), _weekday(ends[1])
                if first is None or last is None:
                    raise bad
                day = first
                while True:
                    days.append(day)
                    if day == last:
                        break
                    day = (day + 1) % 7
            else:
                raise bad
    return [(day, start, end) for day in sorted(set(days))]


def day_names() -> tuple[str, ...]:
    """Monday to Sunday, short, in the language in force (``parse_window`` reads both languages back)."""
    return (translate("windows", "Mon"), translate("windows", "Tue"), translate("windows", "Wed"),
            translate("windows", "Thu"), translate("windows", "Fri"), translate("windows", "Sat"),
            translate("windows", "Sun"))


def describe_windows(windows: Iterable[Mapping[str, Any]]) -> str:
    """A group's one-window-per-day records (``weekday``, ``start``, ``end``) as a person writes them, in the
    language in force: ``Mon-Fri 20:00-22:00; Sat,Sun 09:00-11:00``, ``周一至周五 20:00-22:00；周六、周日 09:00-11:00``.
    :func:`parse_window` reads each part back."""
    by_time: dict[tuple[str, str], set[int]] = {}
    for window in windows:
        by_time.setdefault((str(window["start"])[:5], str(window["end"])[:5]), set()).add(int(window["weekday"]))
    parts = []
    for (start, end), days in sorted(by_time.items(), key=lambda item: (min(item[1]), item[0])):
        parts.append(f"{_days_text(sorted(days))} {start}-{end}")
    return translate("windows", "; ").join(parts)


def _days_text(days: list[int]) -> str:
    if len(days) == 7:
        return translate("windows", "Daily")
    names = day_names()
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][1] + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    texts = []
    for first, last in runs:
        if first == last:
            texts.append(names[first])
        elif last == first + 1:
            texts.append(names[first] + translate("windows", ",") + names[last])
        else:
            texts.append(translate("windows", "{first}-{last}").format(first=names[first], last=names[last]))
    return translate("windows", ",").join(texts)


def format_window(weekday: int, start: dt.time, end: dt.time) -> str:
    return f"{WEEKDAYS[weekday].title()} {start:%H:%M}-{end:%H:%M}"


FUTURE_SLACK = dt.timedelta(minutes=5)  # clocks of two devices disagree a little


def not_in_future(when: dt.datetime | None, now: dt.datetime, message: str, field: str = "at") -> None:
    """Refuse a moment after ``now`` (give or take :data:`FUTURE_SLACK`): nobody logs what has not happened."""
    if when is not None and when > now + FUTURE_SLACK:
        raise InvalidInput(message, field)


def open_window(windows: Iterable[tuple[int, dt.time, dt.time]],
                local: dt.datetime) -> tuple[int, dt.time, dt.time] | None:
    """The window a local time falls in (the first one, when several overlap), or None."""
    day, moment = local.weekday(), local.time().replace(tzinfo=None)
    for weekday, start, end in windows:
        if start < end:
            if weekday == day and start <= moment < end:
                return weekday, start, end
        elif (weekday == day and moment >= start) or ((weekday + 1) % 7 == day and moment < end):
            return weekday, start, end
    return None


def in_windows(windows: list[tuple[int, dt.time, dt.time]], local: dt.datetime) -> bool:
    """Whether a local time falls in one of the windows (none at all: the group has no restriction)."""
    return not windows or open_window(windows, local) is not None


Rules = Mapping[str, Callable[[Any], Any]]


def clean(fields: Mapping[str, Any], rules: Rules) -> dict[str, Any]:
    """Check every given field with its rule; a field without a rule is a programming error, refused too."""
    unknown = set(fields) - set(rules)
    if unknown:
        raise InvalidInput(
            translate("validation", "Unknown field: {field}.").format(field=", ".join(sorted(unknown)))
        )
    return {key: rules[key](value) for key, value in fields.items()}


def ref(value: Any) -> Any:
    """A name or id of another record, or None; resolved by the service."""
    return value or None
