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
NOT_FIELDS = {"command", "entity", "ref", "json", "data_dir", "lang", "demo", "allow_duplicate"}


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


def fields_from(args: argparse.Namespace, clock: Clock) -> dict[str, Any]:
    """The record fields the user gave as flags, converted to the services' types."""
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
        elif key in TIME_FIELDS:
            fields[key] = v.parse_datetime(value, clock.tz, key) if value.strip() else None
        elif key in LIST_FIELDS and value == [""]:
            fields[key] = []  # `--window ""` clears the list
        elif key == "tiers":
            fields[key] = [parse_tier(t, in_fen=True) for t in value]
        else:
            fields[key] = value
    return fields
