"""What a deal's record implies (its price now, what is left to cut, how far it has come), computed in one place.

Functions of the plain record (``deal_record`` or a row of ``queries.deals()``), so the window, the command line
and the services read the same numbers from the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Progress:
    """How far a deal has come: ``done`` of ``total`` (fen cut for a bargain, people joined for a group buy)."""

    done: int
    total: int

    @property
    def left(self) -> int:
        """What is still missing (never below zero)."""
        return max(self.total - self.done, 0)

    @property
    def reached(self) -> bool:
        return self.done >= self.total


def tiers_reached(deal: Record) -> list[tuple[dict[str, Any], bool]]:
    """A group buy's tiers, each with whether enough people have joined for it."""
    joined = int(deal.get("participants_joined") or 0)
    return [(dict(t), t["min_participants"] <= joined) for t in deal.get("tiers") or ()]


def price_now(deal: Record) -> int | None:
    """What the deal costs now: a bargain's current price, a group buy's best tier reached, else the original."""
    if deal.get("kind") == "group_buy" and deal.get("tiers"):
        reached = [int(t["price_fen"]) for t, ok in tiers_reached(deal) if ok]
        if reached:
            return min(reached)
        if deal.get("original_fen") is None:
            return int(deal["tiers"][0]["price_fen"])
    price = deal.get("current_fen")
    if price is None:
        price = deal.get("original_fen")
    return None if price is None else int(price)


def cut_so_far(deal: Record, cuts: Iterable[Record] | None = None) -> int:
    """How much a bargain's price has come down: original − current, or the sum of its cuts without both."""
    original, current = deal.get("original_fen"), deal.get("current_fen")
    if original is not None and current is not None:
        return int(original - current)
    if cuts is None and deal.get("cut_fen") is not None:  # a list's record: the sum of its cuts, read for it
        return int(deal["cut_fen"])
    return sum(int(c["amount_fen"]) for c in cuts or ())


def left_to_cut(deal: Record) -> int | None:
    """What a bargain still has to come down to reach its target; None without a target or a price."""
    target = deal.get("target_fen")
    price = deal.get("current_fen")
    if price is None:
        price = deal.get("original_fen")
    if target is None or price is None:
        return None
    return max(int(price) - int(target), 0)


def cut_progress(deal: Record, cuts: Iterable[Record] | None = None) -> Progress | None:
    """A bargain's cuts so far of the whole cut its target asks for; None without an original and a target."""
    original, target = deal.get("original_fen"), deal.get("target_fen")
    if original is None or target is None:
        return None
    return Progress(cut_so_far(deal, cuts), max(int(original) - int(target), 0))


def join_progress(deal: Record) -> Progress | None:
    """A group buy's people joined of the people needed; None when no number is needed."""
    needed = deal.get("participants_needed")
    if not needed:
        return None
    return Progress(int(deal.get("participants_joined") or 0), int(needed))


def with_values(deals: Iterable[Record]) -> list[dict[str, Any]]:
    """The records with their derived values added (``price_now_fen``, ``left_to_cut_fen``) for ``--json``."""
    return [{**d, "price_now_fen": price_now(d), "left_to_cut_fen": left_to_cut(d)} for d in deals]
