"""Flags to record fields: numbers, times, prices and lists read from the parsed command line."""

from __future__ import annotations

import argparse
from typing import Any

from app.clock import Clock
from app.errors import InvalidInput
from app.i18n import translate
from app.limits import NUMBER_MAX
from app.services import validate as v
from app.services.tiers import parse_tier
from app.text import shown

# Flags whose values are numbers, times or prices, and how to read them.
INT_FIELDS = {
    "daily_request_limit", "participants_needed", "participants_joined", "original_fen", "target_fen",
    "current_fen", "amount_fen",
}
LIST_FIELDS = {"windows", "tiers", "groups"}
TIME_FIELDS = {"joined_at", "left_at", "deadline", "started_at", "at"}
YUAN_FIELDS = {"original_yuan": "original_fen", "target_yuan": "target_fen", "current_yuan": "current_fen",
               "amount_yuan": "amount_fen"}
NOT_FIELDS = {"command", "entity", "ref", "json", "data_dir", "lang", "demo", "allow_duplicate", "forget_old"}


def _int(value: str, field: str) -> int:
    bad = InvalidInput(
        translate("cli", "--{flag} takes a whole number, not '{value}'.").format(
            flag=field.replace("_", "-"), value=shown(value, 40)
        ),
        field,
    )
    if len(str(value)) > NUMBER_MAX:  # refused unread: int() of a long digit string is not linear
        raise bad
    try:
        return int(str(value).strip())
    except ValueError:
        raise bad from None


def _tier_yuan(text: str) -> tuple[int, int]:
    """``--tier-yuan 3:29.90`` → ``(3, 2990)``; refused with the flag named (the form's own message speaks of
    the form)."""
    try:
        return parse_tier(text)
    except InvalidInput:
        raise InvalidInput(
            translate("cli", "--tier-yuan takes PARTICIPANTS:YUAN with at most two decimals, e.g. 3:29.90, "
                             "not '{value}'.").format(value=shown(text.strip(), 40)),
            "tiers",
        ) from None


def read_flags(args: argparse.Namespace) -> dict[str, Any]:
    """The record fields the user gave as flags, numbers, money and tiers converted and checked; times are
    still text (:func:`with_times`). Needs nothing opened: a bad value is refused before the data is touched."""
    fields: dict[str, Any] = {}
    for key, value in vars(args).items():
        if key in NOT_FIELDS:
            continue
        if key in YUAN_FIELDS:
            target = YUAN_FIELDS[key]
            if target in vars(args):
                raise InvalidInput(
                    translate("cli", "Give the amount once: in fen or in yuan."), target
                )
            fields[target] = v.yuan_to_fen(value, target) if value.strip() else None
        elif key in INT_FIELDS:
            fields[key] = _int(value, key) if str(value).strip() else None
        elif key in LIST_FIELDS and value == [""]:
            fields[key] = []  # `--window ""` clears the list
        elif key == "tiers":
            fields[key] = [parse_tier(t, in_fen=True) for t in value]
        elif key == "tiers_yuan":  # argparse lets only one of --tier and --tier-yuan through
            fields["tiers"] = [] if value == [""] else [_tier_yuan(t) for t in value]
        else:
            fields[key] = value
    return fields


def with_times(fields: dict[str, Any], clock: Clock) -> dict[str, Any]:
    """:func:`read_flags`' fields with the times read, in the clock's zone when they name none."""
    return {key: (v.parse_datetime(value, clock.tz, key) if value.strip() else None) if key in TIME_FIELDS
            else value for key, value in fields.items()}
