"""Points for the facts themselves, with the community's fairness rules (docs/quests.md, "Fair play").

* Helping someone earns points, but helping the same contact again on the same local day earns less each
  time (10, 5, 2, 1, then nothing): ten clicks for one friend are not ten good deeds. Helping a contact you
  blocked earns nothing.
* Paying back: a help that brings a contact you owed back to even (or better) earns a bonus.
* Asking for help earns a little for the first request of the day in a group, inside the group's activity
  window; a second request that day, one outside the window, or one beyond the daily limit earns nothing.
* Receiving help earns nothing: the game never rewards taking.
* The "balanced" bonus is paid at most once per contact per local day (no ping-pong with one friend).

:func:`judge` decides, before a fact reaches the quests and achievements, what they may read of it:

* a back-dated fact (``late`` in its payload) earns no daily or weekly quest, streak day or time-boxed step;
* settling up while the user owes the contact earns nothing (it is allowed, and the ledger counts it);
* an amount tied to no deal, or to one without a price, counts at most ¥10 (one typed ¥1,000 cut is not a year
  of bargaining); on a priced bargain the services refuse a cut above what is left;
* a contact added today who has not helped the user yet is not one of the "different people" goals count;
* adding groups and contacts counts for at most five of each a day;
* a group buy that "succeeds" with fewer than two participants logged earns nothing;
* helps received and not returned within ``owe_after_days`` cut what daily and weekly quests pay (:func:`quest_share`).

The numbers are the built-in content's (content/rules.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.quests.schema import Rules

HELP_POINTS = (10, 5, 2, 1)
BALANCED_BONUS = 5
REQUEST_POINTS = 2
FACT_POINTS = {
    "group.joined": (2, "joined"),
    "deal.started": (3, "deal"),
    "deal.joined": (2, "deal"),
    "deal.succeeded": (3, "deal"),
}

ADDS = {"group.joined": "group_id", "contact.added": "contact_id"}
# Facts whose contact is one of the "different people" goals count (blocking a stranger added today still counts).
PEOPLE_FACTS = frozenset({"help.given", "help.received", "deal.cut", "ledger.settled"})

Get = Callable[[str, Any], Any]
Set = Callable[[str, Any], None]


@dataclass(frozen=True, slots=True)
class Judged:
    """What the quests and achievements may read of one fact."""

    payload: dict[str, Any]  # the fact's payload, or a copy with an amount capped or a fresh contact hidden
    counts: bool = True  # False: the fact earns nothing in the game (its state effects still happen)
    late: bool = False  # back-dated: no daily or weekly quest, streak day or time-boxed step


def judge(type_: str, payload: dict[str, Any], day: int, get: Get, put: Set, rules: Rules) -> Judged:
    """The fair-play view of one fact (docs/quests.md, "Fair play"); keeps its counters through ``get``/``put``.
    Runs before :func:`fact_points`, which changes the balances it reads."""
    late = payload.get("late") is True
    contact = payload.get("contact_id")
    if contact and type_ in ("help.received", "help.given") and payload.get("contact_trust") != "blocked":
        _track_debt(type_, contact, day, get, put)
    if type_ in ADDS:
        ident = payload.get(ADDS[type_])
        if ident and get(f"born:{ident}", None) is None:
            put(f"born:{ident}", day)
        added = int(get(f"adds:{type_}:{day}", 0)) + 1
        put(f"adds:{type_}:{day}", added)
        if added > rules.adds_per_day:
            return Judged(payload, counts=False, late=late)
    if type_ == "ledger.settled" and contact and int(payload.get("balance") or 0) < 0:
        return Judged(payload, counts=False, late=late)
    if type_ == "deal.succeeded" and payload.get("deal_kind") == "group_buy" \
            and isinstance(payload.get("participants"), int) and payload["participants"] < 2:
        return Judged(payload, counts=False, late=late)  # a "group" of one is no group buy
    if type_ == "help.received" and contact:
        put(f"helped_me:{contact}", 1)
    view = payload
    amount = payload.get("amount_fen")
    unbounded = not payload.get("deal_id") or payload.get("deal_unpriced") is True
    if isinstance(amount, int) and amount > rules.free_amount_cap_fen and unbounded:
        view = {**view, "amount_fen": rules.free_amount_cap_fen}
    if contact and type_ in PEOPLE_FACTS and get(f"born:{contact}", None) == day \
            and not get(f"helped_me:{contact}", None):
        view = {**view, "contact_id": None}  # not one of the "different people" yet: invented today?
    return Judged(view, late=late)


def fact_points(type_: str, payload: dict[str, Any], day: int, get: Get, put: Set) -> list[tuple[int, str]]:
    """The (points, reason) entries one fact earns; keeps its counters through ``get``/``put``."""
    contact = payload.get("contact_id")
    if type_ == "help.given" and contact:
        entries: list[tuple[int, str]] = []
        blocked = payload.get("contact_trust") == "blocked"
        today: dict[str, int] = dict(get(f"helped:{day}", {}))
        done_today = today.get(contact, 0)
        today[contact] = done_today + 1
        put(f"helped:{day}", today)
        if not blocked and done_today < len(HELP_POINTS):
            entries.append((HELP_POINTS[done_today], "help" if done_today == 0 else "help_again_today"))
        balance = int(get(f"bal:{contact}", 0))
        put(f"bal:{contact}", balance + 1)
        if balance < 0 <= balance + 1 and not blocked:
            evened: dict[str, int] = dict(get(f"balanced:{day}", {}))
            if contact not in evened:
                evened[contact] = 1
                put(f"balanced:{day}", evened)
                entries.append((BALANCED_BONUS, "balanced"))
        return entries
    if type_ == "help.received" and contact:
        put(f"bal:{contact}", int(get(f"bal:{contact}", 0)) - 1)
        return []
    if type_ == "ledger.settled" and contact:
        put(f"bal:{contact}", 0)
        return []
    if type_ == "request.posted":
        first_today = payload.get("requests_today", 1) == 1
        if payload.get("over_limit") or payload.get("in_window") is False or not first_today:
            return []
        return [(REQUEST_POINTS, "request")]
    if type_ in FACT_POINTS:
        points, reason = FACT_POINTS[type_]
        return [(points, reason)]
    return []


def _track_debt(type_: str, contact: str, day: int, get: Get, put: Set) -> None:
    """Helps received and not yet returned: per contact the days they came (oldest first), and per day how many
    are still open. A help given to the contact returns the oldest; settling up returns none (the game waits for
    a help back)."""
    days: list[int] = list(get(f"owe:{contact}", []))
    if type_ == "help.received":
        days.append(day)
        changed = day
    elif days:
        changed = days.pop(0)
    else:
        return
    put(f"owe:{contact}", days)
    open_: dict[str, int] = dict(get("owed_days", {}))
    count = open_.get(str(changed), 0) + (1 if type_ == "help.received" else -1)
    if count > 0:
        open_[str(changed)] = count
    else:
        open_.pop(str(changed), None)
    put("owed_days", open_)


def quest_share(get: Get, day: int, rules: Rules) -> float:
    """What a daily or weekly quest pays on ``day``, as a share of its reward: each help received more than
    ``owe_after_days`` before and not returned cuts ``owe_cut_percent`` of it (never below nothing)."""
    open_: dict[str, int] = get("owed_days", {})
    overdue = sum(n for d, n in open_.items() if int(d) <= day - rules.owe_after_days)
    return max(0.0, 1.0 - overdue * rules.owe_cut_percent / 100)


TAKING = "help.received"


def fair_step(goal: Any) -> bool:
    """Whether a step's goal may pay in a user's own pack: never for taking help, nor for a request over a group's
    limit (``over_limit`` true) or outside its window (``in_window`` false)."""
    if goal.event == TAKING:
        return False
    if goal.compare is not None:  # "take more than you give" is no goal
        return goal.compare.left.event != TAKING and fair_step(goal.compare.left)
    where = goal.where or {}
    for key, bad in (("over_limit", True), ("in_window", False)):
        wanted = where.get(key)
        if wanted is bad or (isinstance(wanted, list) and bad in wanted):
            return False
    return all(fair_step(child) for child in (goal.all or goal.any or []))
