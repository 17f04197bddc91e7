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

* a back-dated fact (``late`` in its payload) earns no daily or weekly quest, streak day or time-boxed step, and
  only ``late_paid_per_day`` of them earn anything at all per local day they are logged on;
* a contact counts from the day after it was added (except those added on the day the log began): helps, cuts
  and settlements with it today earn nothing;
* a contact is one of the user's people once it helped the user or was helped on a second day (or was added the
  day the log began), for at most ``new_people_per_week`` new ones a week: until then a first help pays 5, paying
  it back earns no "balanced" bonus, and "different people" goals do not count it;
* settling up while the user owes the contact earns nothing (it is allowed, and the ledger counts it);
* a request while a help received is overdue (not returned within ``owe_after_days``) earns nothing;
* an amount tied to no deal, or to one without a price, counts at most ¥5 (one typed ¥1,000 cut is not a year
  of bargaining); on a priced bargain the services refuse a cut above what is left;
* adding groups and contacts counts for at most five of each a day;
* a group buy for fewer than two participants, or that "succeeds" with fewer than two logged, earns nothing;
* helps received and not returned within ``owe_after_days`` cut what daily and weekly quests pay (:func:`quest_share`).

The numbers are the built-in content's (content/rules.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.quests.schema import Rules

HELP_POINTS = (10, 5, 2, 1)
FIRST_HELP_POINTS = 5  # a help to someone not yet one of the user's people (never helped before, never helped back)
BALANCED_BONUS = 5
REQUEST_POINTS = 2
FACT_POINTS = {
    "group.joined": (2, "joined"),
    "deal.started": (3, "deal"),
    "deal.joined": (2, "deal"),
    "deal.succeeded": (3, "deal"),
}

ADDS = {"group.joined": "group_id", "contact.added": "contact_id"}
# Facts with a contact that count in the game only from the day after the contact was added (blocking a stranger
# added today still counts).
PEOPLE_FACTS = frozenset({"help.given", "help.received", "deal.cut", "ledger.settled"})
# Facts that can earn: a back-dated one uses up the day's allowance (``late_paid_per_day``).
EARNING = frozenset({"help.given", "request.posted", "ledger.settled", "deal.cut", *FACT_POINTS})
FIRST_DAY = "first_day"

# Why a fact earned less than it seems to (Judged.why), as the window and the command line explain it.
LATE_ALLOWANCE = "late_allowance"  # back-dated, beyond the day's allowance
NEW_CONTACT = "new_contact"  # a contact added today
TOO_MANY_ADDS = "too_many_adds"  # beyond the day's adds
SETTLED_OWING = "settled_owing"  # settled up while owing the contact
ASKED_OWING = "asked_owing"  # a request while a help received is overdue
GROUP_OF_ONE = "group_of_one"  # a group buy of fewer than two
AMOUNT_CAPPED = "amount_capped"  # an amount tied to no deal, counted as the cap
WHY = (LATE_ALLOWANCE, NEW_CONTACT, TOO_MANY_ADDS, SETTLED_OWING, ASKED_OWING, GROUP_OF_ONE, AMOUNT_CAPPED)

Get = Callable[[str, Any], Any]
Set = Callable[[str, Any], None]


@dataclass(frozen=True, slots=True)
class Judged:
    """What the quests and achievements may read of one fact."""

    payload: dict[str, Any]  # the fact's payload, or a copy with an amount capped
    counts: bool = True  # False: the fact earns nothing in the game (its state effects still happen)
    late: bool = False  # back-dated: no daily or weekly quest, streak day or time-boxed step
    why: str | None = None  # which rule held it back (one of :data:`WHY`): the toast and the CLI say so
    stranger: bool = False  # its contact is not one of the user's people yet: a first help pays less


def judge(type_: str, payload: dict[str, Any], day: int, get: Get, put: Set, rules: Rules,
          logged_day: int | None = None) -> Judged:
    """The fair-play view of one fact (docs/quests.md, "Fair play"); keeps its counters through ``get``/``put``.
    ``day`` is the local day the fact is dated, ``logged_day`` the one it was logged on (default: the same).
    Runs before :func:`fact_points`, which changes the balances it reads."""
    logged_day = day if logged_day is None else logged_day
    if get(FIRST_DAY, None) is None:
        put(FIRST_DAY, logged_day)  # the day the log began: everyone added then is already known
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
            return Judged(payload, counts=False, late=late, why=TOO_MANY_ADDS)
    if late and type_ in EARNING:  # catching up is paid a little each day, a made-up month is not
        paid = int(get(f"late_paid:{logged_day}", 0)) + 1
        put(f"late_paid:{logged_day}", paid)
        if paid > rules.late_paid_per_day:
            return Judged(payload, counts=False, late=late, why=LATE_ALLOWANCE)
    if contact and type_ in PEOPLE_FACTS and _fresh(contact, day, get):
        return Judged(payload, counts=False, late=late, why=NEW_CONTACT)  # counts from tomorrow (invented today?)
    if type_ == "ledger.settled" and contact and int(payload.get("balance") or 0) < 0:
        return Judged(payload, counts=False, late=late, why=SETTLED_OWING)
    if type_ == "request.posted" and overdue(get, day, rules):
        return Judged(payload, counts=False, late=late, why=ASKED_OWING)  # give back before asking for more
    if type_.startswith("deal.") and payload.get("deal_kind") == "group_buy" and any(
            isinstance(payload.get(key), int) and payload[key] < 2 for key in ("participants", "participants_needed")):
        return Judged(payload, counts=False, late=late, why=GROUP_OF_ONE)  # a "group" of one is no group buy
    view, why = payload, None
    stranger = bool(contact) and type_ in PEOPLE_FACTS and not _one_of_my_people(type_, str(contact), day, get, put,
                                                                                   rules)
    if stranger:
        view = {**view, "contact_id": None}  # not one of the "different people" goals count, yet
    amount = payload.get("amount_fen")
    unbounded = not payload.get("deal_id") or payload.get("deal_unpriced") is True
    if isinstance(amount, int) and amount > rules.free_amount_cap_fen and unbounded:
        view, why = {**view, "amount_fen": rules.free_amount_cap_fen}, AMOUNT_CAPPED
    return Judged(view, late=late, why=why, stranger=stranger)


def _one_of_my_people(type_: str, contact: str, day: int, get: Get, put: Set, rules: Rules) -> bool:
    """Whether ``contact`` is one of the user's people for this fact: added the day the log began, or they have
    helped the user (this fact may be that help), or the user helped them on an earlier day, and this week has
    room for a new one (``new_people_per_week``). One help to someone, never repeated, makes no "different
    person": a sock puppet is helped once, and a stream of invented contacts outruns the weekly room."""
    if get(f"person:{contact}", None):
        return True
    if get(f"born:{contact}", None) == get(FIRST_DAY, None):
        return True  # added the day the log began: the people the user came with
    first = get(f"first_helped:{contact}", None)
    if type_ in ("help.received", "deal.cut") or (first is not None and first < day):
        week = f"new_people:{(day - 1) // 7}"  # ordinal 1 is a Monday
        count = int(get(week, 0))
        if count < rules.new_people_per_week:
            put(week, count + 1)
            put(f"person:{contact}", 1)
            return True
    if type_ == "help.given" and first is None:
        put(f"first_helped:{contact}", day)
    return False


def _fresh(contact: str, day: int, get: Get) -> bool:
    """Added on ``day``, after the day the log began: not one of the user's people yet."""
    born = get(f"born:{contact}", None)
    return bool(born == day and born != get(FIRST_DAY, None))


def fact_points(type_: str, payload: dict[str, Any], day: int, get: Get, put: Set,
                stranger: bool = False) -> list[tuple[int, str]]:
    """The (points, reason) entries one fact earns; keeps its counters through ``get``/``put``. ``stranger``: the
    contact is not one of the user's people yet (:class:`Judged`), so a first help pays :data:`FIRST_HELP_POINTS`."""
    contact = payload.get("contact_id")
    if type_ == "help.given" and contact:
        entries: list[tuple[int, str]] = []
        blocked = payload.get("contact_trust") == "blocked"
        today: dict[str, int] = dict(get(f"helped:{day}", {}))
        done_today = today.get(contact, 0)
        today[contact] = done_today + 1
        put(f"helped:{day}", today)
        if not blocked and done_today < len(HELP_POINTS):
            paid = FIRST_HELP_POINTS if stranger and done_today == 0 else HELP_POINTS[done_today]
            entries.append((paid, "help" if done_today == 0 else "help_again_today"))
        balance = int(get(f"bal:{contact}", 0))
        put(f"bal:{contact}", balance + 1)
        if balance < 0 <= balance + 1 and not blocked and not stranger:
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
        # A partial settlement moves the balance by the helps it settled; any other starts it again from zero.
        partly = payload.get("helps") if payload.get("how") == "partial" else None
        put(f"bal:{contact}", int(get(f"bal:{contact}", 0)) - int(partly) if isinstance(partly, int) else 0)
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


def overdue(get: Get, day: int, rules: Rules) -> int:
    """Helps received more than ``owe_after_days`` before ``day`` and not returned yet."""
    open_: dict[str, int] = get("owed_days", {})
    return sum(n for d, n in open_.items() if int(d) <= day - rules.owe_after_days)


def quest_share(get: Get, day: int, rules: Rules) -> float:
    """What a daily or weekly quest pays on ``day``, as a share of its reward: each help received more than
    ``owe_after_days`` before and not returned cuts ``owe_cut_percent`` of it (never below nothing)."""
    return max(0.0, 1.0 - overdue(get, day, rules) * rules.owe_cut_percent / 100)


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


def held_back_text(why: str, rules: Rules) -> str:
    """What the window and the command line say when a rule of :data:`WHY` held a write back (docs/quests.md)."""
    from app.i18n import translate

    texts = {
        LATE_ALLOWANCE: translate("fairplay", "Back-dated, beyond the {n} a day the game pays: it is in your ledger "
                                              "and history, and earns nothing.").format(n=rules.late_paid_per_day),
        NEW_CONTACT: translate("fairplay", "A contact you added today counts in the game from tomorrow: this is in "
                                           "your ledger, and earns nothing today."),
        TOO_MANY_ADDS: translate("fairplay", "Adding counts for {n} a day in the game: this one is saved, and earns "
                                             "nothing.").format(n=rules.adds_per_day),
        SETTLED_OWING: translate("fairplay", "Settled while you owe them: the ledger starts again from here, and the "
                                             "game pays nothing for it."),
        ASKED_OWING: translate("fairplay", "A help you received over {days} days ago is not returned yet: requests "
                                           "earn nothing until you give back.").format(days=rules.owe_after_days),
        GROUP_OF_ONE: translate("fairplay", "A group buy of fewer than two people earns nothing in the game."),
        AMOUNT_CAPPED: translate("fairplay", "An amount tied to no deal counts at most {cap} in the game; your "
                                             "ledger keeps what you typed.").format(
            cap=f"¥{rules.free_amount_cap_fen / 100:g}"),
    }
    return texts.get(why, why)
