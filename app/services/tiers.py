"""A group buy's price tiers: the one parser of tier text (the form's and the command line's) and the one check."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import NUMBER_MAX
from app.services import validate as v
from app.text import shown

Tier = tuple[int, int]  # (participants from which it applies, price in fen)

_SEPARATORS = re.compile(r"[;；,，\n]")
# Bounded by the length check before it: a tier is two numbers and a colon, with spaces and a currency sign.
_TIER = re.compile(r"^\s*(\d+)\s*[:：]\s*(\S+)\s*$")
_TIER_MAX = 2 * NUMBER_MAX + 8


def _bad_tier(part: str, in_fen: bool) -> InvalidInput:
    if in_fen:
        message = translate("validation", "A tier is PARTICIPANTS:FEN, e.g. 3:2990, not '{value}'.")
    else:
        message = translate("validation", "'{value}' is not a price tier: write participants:yuan, e.g. 3:29.90.")
    return InvalidInput(message.format(value=shown(part.strip(), 40)), "tiers")


def parse_tier(text: str, *, in_fen: bool = False) -> Tier:
    """``"3:29.90"`` → ``(3, 2990)``; with ``in_fen`` (the command line's ``--tier``) ``"3:2990"`` → the same."""
    match = _TIER.match(text) if len(text) <= _TIER_MAX else None
    if match is None or int(match.group(1)) < 1:
        raise _bad_tier(text, in_fen)
    price = match.group(2)
    if in_fen:
        if not price.isdecimal() or not price.isascii():
            raise _bad_tier(text, in_fen)
        return int(match.group(1)), int(price)
    return int(match.group(1)), v.yuan_to_fen(price, "tier price")


def parse_tiers(text: str) -> list[Tier]:
    """``"2:39.90; 3:29.90"`` (participants:yuan, as the form takes them) → ``[(2, 3990), (3, 2990)]``."""
    return [parse_tier(part) for part in _SEPARATORS.split(text) if part.strip()]


def tiers_text(tiers: Iterable[Mapping[str, Any]] | Iterable[Sequence[int]]) -> str:
    """Tiers (pairs or a record's dicts) as a person types them: ``2:39.90; 3:29.90``."""
    parts = []
    for tier in tiers:
        people, fen = (tier["min_participants"], tier["price_fen"]) if isinstance(tier, Mapping) else tier
        parts.append(f"{people}:{v.yuan_text(fen)}")
    return "; ".join(parts)


def clean_tiers(value: str | Iterable[Sequence[int]] | None) -> list[Tier]:
    """Tiers as pairs (or tier text), checked and sorted: no two at one count, more people never cost more."""
    pairs = parse_tiers(value) if isinstance(value, str) else value or ()
    tiers: dict[int, int] = {}
    for participants, price in pairs:
        v.count(participants, "tier participants", 1)
        v.fen(price, "tier price")
        if participants in tiers:
            raise InvalidInput(
                translate("validation", "Two price tiers start at {count} participants.").format(count=participants),
                "tiers",
            )
        tiers[participants] = price
    ordered = sorted(tiers.items())
    for (_, cheaper_first), (_, later) in zip(ordered, ordered[1:], strict=False):
        if later > cheaper_first:
            raise InvalidInput(
                translate("validation", "A price tier with more participants must not cost more."), "tiers"
            )
    return ordered
