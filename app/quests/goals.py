"""Goal evaluation: a goal's progress is a small JSON-ready state, updated one matching activity at a time.

The same code serves the incremental engine and a full recompute, so both reach the same state.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from app.quests.schema import Goal, Metric

State = dict[str, Any]


def matches(event: str | None, where: dict[str, Any], type_: str, payload: dict[str, Any]) -> bool:
    if event != type_:
        return False
    for key, wanted in where.items():
        value = payload.get(key)
        if isinstance(wanted, list):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


def new_state(goal: Goal) -> State:
    children = goal.all or goal.any
    if children is not None:
        return {"done": False, "children": [new_state(c) for c in children]}
    return {"done": False}


FREEZES_HELD = 2  # streak freezes a run can hold at once
FREEZE_EVERY = 7  # active days in a run that earn one freeze


def _run_through(days: dict[str, int], day: int, rest: int = 0) -> int:
    """The longest run of active days (keys of ``days``) in the stretch around ``day``: humane streaks.

    A missing day does not break a run when it is one of the ``rest`` days each ISO week allows, or when a freeze
    covers it (a run earns one for every seven active days, holding two at most). Rest and frozen days keep the
    run alive without counting in it. Only active days count; the result depends on the set of days alone, so
    logging a day late gives the same run as logging it on time.
    """
    return _walk(days, day, rest)[0]


def streak_now(days: Container[str], today: int, rest: int = 0) -> tuple[int, int]:
    """The streak alive on ``today`` (local day ordinals as strings in ``days``) and the freezes it holds: the
    humane rules of :func:`_run_through`, with today not over yet (no entry today breaks nothing)."""
    _, run, freezes = _walk(days, today, rest, until=today if str(today) in days else today - 1)
    return run, freezes


def _walk(days: Container[str], day: int, rest: int, until: int | None = None) -> tuple[int, int, int]:
    """Walk the stretch of active days around ``day`` (from the last gap before it no run can cross, to the first
    such gap after it, or to ``until``): the best run, and the run and freezes held where the walk stopped."""
    widest = 2 * rest + FREEZES_HELD  # no gap longer than this can be bridged
    start = day
    while True:  # back to a gap no run can cross
        back = next((start - g for g in range(1, widest + 2) if str(start - g) in days), None)
        if back is None:
            break
        start = back
    best = run = freezes = 0
    used: dict[int, int] = {}  # ISO week ordinal -> rest days used in the current run
    current = start
    last_active = start
    while current - last_active <= widest + 1 and (until is None or current <= until):
        if str(current) in days:
            run += 1
            last_active = current
            if run % FREEZE_EVERY == 0:
                freezes = min(FREEZES_HELD, freezes + 1)
            best = max(best, run)
        else:
            week = (current - 1) // 7  # ordinal 1 is a Monday: weeks from Monday to Sunday
            if used.get(week, 0) < rest:
                used[week] = used.get(week, 0) + 1
            elif freezes > 0:
                freezes -= 1
            else:
                if current > day:
                    break
                run, freezes, used = 0, 0, {}
        current += 1
    return best, run, freezes


def _add_day(state: State, day: int, rest: int = 0) -> int:
    """Mark ``day`` in a streak's set of days (a JSON object used as a set); returns the best run around it."""
    days: dict[str, int] = state.setdefault("days", {})
    days[str(day)] = 1
    return _run_through(days, day, rest)


def _add_value(state: State, value: Any) -> int:
    """Add a value to a set of distinct values (a JSON object used as a set); returns how many there are."""
    values: dict[str, int] = state.setdefault("values", {})
    values[str(value)] = 1
    return len(values)


def advance(goal: Goal, state: State, type_: str, payload: dict[str, Any], day: int, rest: int = 0) -> bool:
    """Feed one activity (its type, payload and local day number); True when this made the goal complete.

    A ``compare`` is a condition, not a tally: it holds or not after each activity (and may stop holding), so
    an ``all`` around it completes at a moment when every part holds at once."""
    if goal.compare is not None:
        return _compare(goal, state, type_, payload, day)
    if state["done"]:
        return False
    children = goal.all or goal.any
    if children is not None:
        for child, child_state in zip(children, state["children"], strict=True):
            advance(child, child_state, type_, payload, day, rest)
        flags = [c["done"] for c in state["children"]]
        state["done"] = all(flags) if goal.all is not None else any(flags)
        return bool(state["done"])
    if not matches(goal.event, goal.where, type_, payload):
        return False
    if goal.streak_days is not None:
        if str(day) in state.get("days", ()):
            return False  # a day already counted: the runs are as they were
        state["progress"] = max(state.get("progress", 0), _add_day(state, day, rest))
    elif goal.within_days is not None:
        value: Any = _value(goal, payload)
        if goal.distinct is not None and value is None:
            return False
        # Per local day: a count, a sum, or a set of values. Nothing is dropped, so a fact logged late still
        # meets the others of its days.
        window: dict[str, Any] = state.setdefault("window", {})
        key = str(day)
        if goal.distinct is not None:
            window.setdefault(key, {})[str(value)] = 1
        else:
            window[key] = int(window.get(key, 0)) + int(value or 0)
        days = [window[str(d)] for d in range(day - goal.within_days + 1, day + 1) if str(d) in window]
        if goal.distinct is not None:
            state["progress"] = len({v for values in days for v in values})
        else:
            state["progress"] = sum(days)
    elif goal.distinct is not None:
        value = payload.get(goal.distinct)
        if value is None:
            return False
        state["progress"] = _add_value(state, value)
    elif goal.sum is not None:
        state["progress"] = state.get("progress", 0) + int(payload.get(goal.sum) or 0)
    else:
        state["progress"] = state.get("progress", 0) + 1
    state["done"] = state["progress"] >= goal.target
    return bool(state["done"])


def _compare(goal: Goal, state: State, type_: str, payload: dict[str, Any], day: int) -> bool:
    compare = goal.compare
    assert compare is not None
    before = bool(state["done"])
    for name, side in (("left", compare.left), ("right", compare.right)):
        if matches(side.event, side.where, type_, payload):
            counts: dict[str, int] = state.setdefault(name, {})
            key = str(day) if goal.within_days is not None else "all"
            counts[key] = int(counts.get(key, 0)) + int(_value(side, payload) or 0)

    def total(name: str) -> int:
        counts = state.get(name, {})
        if goal.within_days is None:
            return int(counts.get("all", 0))
        return sum(int(counts.get(str(d), 0)) for d in range(day - goal.within_days + 1, day + 1))

    state["done"] = compare.holds(total("left"), total("right"))
    return bool(state["done"]) and not before


def unit(goal: Goal) -> str:
    """What a goal's progress counts, for showing it: ``fen`` (money: shown in yuan), ``days`` or ``count``."""
    if goal.sum == "amount_fen":
        return "fen"
    if goal.streak_days is not None:
        return "days"
    return "count"


def unit_of_metric(metric: Metric) -> str:
    """What an achievement's progress counts, as :func:`unit` says it of a goal."""
    if metric.sum == "amount_fen":
        return "fen"
    return "days" if metric.streak else "count"


def time_boxed(goal: Goal) -> bool:
    """Whether the goal (or a part of it) counts days: a streak, or activities within N days."""
    if goal.streak_days is not None or goal.within_days is not None:
        return True
    return any(time_boxed(child) for child in (goal.all or goal.any or []))


def _value(goal: Goal, payload: dict[str, Any]) -> Any:
    if goal.distinct is not None:
        return payload.get(goal.distinct)
    if goal.sum is not None:
        return payload.get(goal.sum) or 0
    return 1


def progress(goal: Goal, state: State | None) -> tuple[int, int]:
    """(progress, target) for showing: a combined goal adds up its parts (an ``any`` shows its best part)."""
    children = goal.all or goal.any
    if children is not None:
        parts = [progress(c, s) for c, s in zip(children, (state or {}).get("children", [None] * len(children)),
                                                strict=True)]
        if goal.any is not None:
            best = max(parts, key=lambda p: p[0] / p[1])
            return (best[1] if state and state["done"] else best[0]), best[1]
        return sum(min(p, t) for p, t in parts), sum(t for _, t in parts)
    target = goal.target
    if state is None:
        return 0, target
    return (target if state["done"] else min(int(state.get("progress", 0)), target)), target


def measure(metric: Metric, state: State, payload: dict[str, Any], day: int,
            member: Callable[[str], bool] | None = None, rest: int = 0) -> int:
    """Feed one matching activity to an achievement metric; returns the metric's new value.

    ``member(value)``: for a distinct metric, records the value in a set kept outside ``state`` and says whether
    it is new. Such sets grow for years (every contact ever helped): kept inside, they would be read and written
    whole with every fact. Without it, the set is kept in ``state["values"]``.
    """
    if metric.distinct is not None:
        value = payload.get(metric.distinct)
        if member is None:
            if value is not None:
                _add_value(state, value)
            state["value"] = len(state.get("values", {}))
        else:
            state["value"] = int(state.get("value", 0)) + (1 if value is not None and member(str(value)) else 0)
    elif metric.sum is not None:
        state["value"] = state.get("value", 0) + int(payload.get(metric.sum) or 0)
    elif metric.streak:
        if str(day) not in state.get("days", ()):  # a day already counted leaves the runs as they were
            state["value"] = max(state.get("value", 0), _add_day(state, day, rest))
    else:
        state["value"] = state.get("value", 0) + 1
    return int(state["value"])
