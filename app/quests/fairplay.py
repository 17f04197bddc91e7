"""Points for the facts themselves, with the community's fairness rules (docs/quests.md, "Fair play").

* Helping someone earns points, but helping the same contact again on the same local day earns less each
  time (10, 5, 2, 1, then nothing): ten clicks for one friend are not ten good deeds. Helping a contact you
  blocked earns nothing.
* Paying back: a help that brings a contact you owed back to even (or better) earns a bonus.
* Asking for help earns a little for the first request of the day in a group, inside the group's activity
  window; a second request that day, one outside the window, or one beyond the daily limit earns nothing.
* Receiving help earns nothing: the game never rewards taking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

HELP_POINTS = (10, 5, 2, 1)
BALANCED_BONUS = 5
REQUEST_POINTS = 2
FACT_POINTS = {
    "group.joined": (2, "joined"),
    "deal.started": (3, "deal"),
    "deal.joined": (2, "deal"),
    "deal.succeeded": (3, "deal"),
}

Get = Callable[[str, Any], Any]
Set = Callable[[str, Any], None]


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
