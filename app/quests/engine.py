"""The game engine: turns current facts into quest progress, achievements, points and levels.

Incremental and complete at once: each new fact is matched only against the chains and achievements indexed
by its type, reading and writing just the state rows they need, so recording one fact costs the same with a
thousand or a million activities behind it. A full recompute runs the very same code over every current fact
in the order they were recorded, so both reach the same state, the same points and the same derived
activities (their ids come from their cause: uuid5 of the source fact and the rule).

Pure rules: the engine is handed facts and a :class:`State`, and returns what they earned in an
:class:`Outcome`; it opens no transaction and knows no database (``app/services/game*.py`` keep it in one).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from app.clock import zone_name
from app.quests import fairplay, goals
from app.quests.catalogue import Catalogue
from app.quests.fairplay import fact_points, judge
from app.quests.levels import level_for_points
from app.quests.schema import DEFAULT_TIER_POINTS, TIER_NAMES, Achievement, Chain, Reward

NAMESPACE = uuid.UUID("5b0f3c1e-8d7a-4f57-9a63-2f1d8c0e4b21")
META_KEY = "meta"
SCORE_KEY = "score"
LAYOUT = 3  # 2: checkpoints and undo steps beside the state; 3: distinct sets as keys of their own
OWN_QUEST = "own_quest"  # the reason of points a user's own pack paid: shown apart, never toward the level
RULES = 7  # the fair-play rules (app/quests/fairplay.py): a state counted under other rules is rebuilt


class Fact(NamedTuple):
    """What the engine reads of one current fact (a named tuple: a replay makes one per fact, and a frozen
    dataclass took longer to build than the fact's JSON to parse)."""

    id: uuid.UUID
    type: str
    at: dt.datetime
    recorded_at: dt.datetime
    payload: dict[str, Any]


@dataclass
class Outcome:
    """What one pass produced: derived activities and points entries to write, and a summary for the UI."""

    derived: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    held_back: set[str] = field(default_factory=set)  # which fair-play rules held facts back (fairplay.WHY)

    @property
    def summary(self) -> list[dict[str, Any]]:
        return [{"type": row["type"], **row["payload"]} for row in self.derived]


class State(Protocol):
    """The game state by key, as the engine reads and writes it: ``get`` a value to read and change in place,
    then ``put`` it. Where it lives (memory, the database) is the caller's business."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...


def period_of(chain: Chain, local: dt.date) -> str:
    if chain.repeat == "daily":
        return local.isoformat()
    if chain.repeat == "weekly":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return "all"


@dataclass
class _Dispatch:
    """The achievements listening to one fact type, sorted by how a fact's payload selects them."""

    always: list[tuple[Achievement, bool]]  # no filter: every fact of the type counts (False: nothing to test)
    by_value: dict[str, dict[Any, list[tuple[Achievement, bool]]]]  # one filter of one plain value: by key, value
    others: list[tuple[Achievement, bool]]  # lists of values, several keys, penalties: tested one by one (True)
    order: dict[str, int]  # id -> place in the catalogue

    @classmethod
    def of(cls, achievements: tuple[Achievement, ...]) -> _Dispatch:
        dispatch = cls([], {}, [], {a.id: i for i, a in enumerate(achievements)})
        for ach in achievements:
            where = ach.metric.where
            if ach.penalty is not None:
                dispatch.others.append((ach, True))
            elif not where:
                dispatch.always.append((ach, False))
            elif len(where) == 1 and not isinstance(next(iter(where.values())), list | dict):
                (key, value), = where.items()
                dispatch.by_value.setdefault(key, {}).setdefault(value, []).append((ach, False))
            else:
                dispatch.others.append((ach, True))
        return dispatch


class Engine:
    """Game rules over one catalogue and one time zone (the user's local calendar)."""

    def __init__(self, catalogue: Catalogue, tz: dt.tzinfo, rest_days: int | None = None) -> None:
        self.catalogue = catalogue
        self.tz = tz
        # Missed days a week a streak bridges: the profile's (Settings), else the content's default.
        self.rest_days = catalogue.rules.rest_days if rest_days is None else rest_days
        self._events: dict[int, frozenset[str]] = {}  # id(goal) -> the types it listens to (asked for every fact)
        # Chains found open in the state being fed: within a run they stay open (completions and the level only
        # grow), so their conditions are read once, not for every fact.
        self._open: set[str] = set()
        self._open_in: object = None
        self._dispatch: dict[str, _Dispatch] = {}
        self._keys: dict[str, str] = {}  # achievement id -> its state key (built once, not for every fact)

    # -- one fact ---------------------------------------------------------------------------------------

    def apply(self, cache: State, fact: Fact, out: Outcome) -> None:
        local = fact.at.astimezone(self.tz).date()
        day = local.toordinal()
        score = cache.get(SCORE_KEY)
        first = score is None
        if first:
            score = {"points": 0, "level": 1}
        level_before = int(score["level"])
        entries = len(out.points)
        # Which chains this fact may advance is decided before any of them does (a chain it completes unlocks
        # the ones that require it from the next fact on). Most chains have no condition: no state to read.
        if cache is not self._open_in:
            self._open, self._open_in = set(), cache
        chains = self.catalogue.chains_by_event.get(fact.type, ())
        open_ = self._open
        unlocked = [c for c in chains if c.id in open_ or self._is_open(cache, c, level_before)]
        periods: dict[str | None, str] = {}

        def earn(points: int, reason: str, source_type: str, source_id: str) -> None:
            if points <= 0:
                return
            key = "own_points" if reason == OWN_QUEST else "points"  # the user's own quests never raise the level
            score[key] = int(score.get(key, 0)) + points
            out.points.append({"at": fact.at, "points": points, "reason": reason, "source_type": source_type,
                               "source_id": source_id, "activity_id": fact.id})

        # The day it was logged matters only to a back-dated fact and to the log's first: not converted for the rest
        # (a replay runs this for every fact).
        logged = (fact.recorded_at.astimezone(self.tz).date().toordinal()
                  if fact.payload.get("late") is True or cache.get(fairplay.FIRST_DAY) is None else None)
        judged = judge(fact.type, fact.payload, day, cache.get, cache.put, self.catalogue.rules, logged)
        if judged.why is not None:
            out.held_back.add(judged.why)
        for points, reason in fact_points(fact.type, fact.payload, day, cache.get, cache.put, judged.stranger):
            if judged.counts:
                earn(points, reason, "activity", str(fact.id))
        if judged.counts:
            seen = fact if judged.payload is fact.payload else fact._replace(payload=judged.payload)
            for ach, tested in self._measured(seen):
                if judged.late and ach.metric.streak:
                    continue  # a back-dated entry is no streak day
                self._measure(cache, ach, seen, day, out, earn, tested)
            for chain in unlocked:
                if judged.late and chain.repeat is not None:
                    continue  # nor a daily or weekly quest
                period = periods.get(chain.repeat)
                if period is None:
                    period = periods[chain.repeat] = period_of(chain, local)
                self._advance(cache, chain, period, seen, day, out, earn, late=judged.late)
        if not first and len(out.points) == entries:
            return  # no points: the score and so the level are as they were
        level = level_for_points(int(score["points"]))
        for reached in range(level_before + 1, level + 1):
            self._derive(out, fact, f"level:{reached}", "level.reached", {"level": reached})
        score["level"] = max(level, level_before)
        cache.put(SCORE_KEY, score)

    def _measured(self, fact: Fact) -> list[tuple[Achievement, bool]]:
        """The achievements this fact may count for, in catalogue order, found without testing each one: most
        filter on one payload value ("kind" is "bargain_cut"), looked up in a table built once per type. Each
        comes with whether :meth:`_measure` must still test the fact against it (True only for ``others``)."""
        dispatch = self._dispatch.get(fact.type)
        if dispatch is None:
            dispatch = self._dispatch[fact.type] = _Dispatch.of(self.catalogue.achievements_by_event.get(fact.type, ()))
        if not dispatch.by_value and not dispatch.others:
            return dispatch.always
        found = list(dispatch.always)
        payload = fact.payload
        for key, table in dispatch.by_value.items():
            try:
                found.extend(table.get(payload.get(key), ()))
            except TypeError:  # an unhashable value (a list) equals no plain value
                continue
        found.extend(dispatch.others)
        if len(found) > 1:
            order = dispatch.order
            found.sort(key=lambda pair: order[pair[0].id])  # the catalogue's order, as before
        return found

    def _is_open(self, cache: State, chain: Chain, level: int) -> bool:
        if chain.id in self._open:
            return True
        if (not chain.requires and chain.min_level <= level) or self.locked_reason(cache, chain, level) is None:
            self._open.add(chain.id)
            return True
        return False

    def locked_reason(self, cache: State, chain: Chain, level: int | None = None) -> str | None:
        """None when the chain is open to progress, else why not (``requires:a,b`` or ``level:N``)."""
        missing = [need for need in chain.requires if not cache.get(f"completed:{need}", 0)]
        if missing:
            return "requires:" + ",".join(missing)
        if level is None:
            level = int(cache.get(SCORE_KEY, {"level": 1})["level"])
        if level < chain.min_level:
            return f"level:{chain.min_level}"
        return None

    def _advance(self, cache: State, chain: Chain, period: str, fact: Fact, day: int, out: Outcome,
                 earn: Callable[[int, str, str, str], None], *, late: bool = False) -> None:
        key = f"chain:{chain.id}:{period}"
        state = cache.get(key)
        if state is None:
            state = {"step": 0, "done": False, "goal": goals.new_state(chain.steps[0].goal)}
        if state["done"]:
            return
        step = chain.steps[state["step"]]
        events = self._events.get(id(step.goal))
        if events is None:
            events = self._events[id(step.goal)] = frozenset(step.goal.events())
        if fact.type not in events:
            return
        if late and goals.time_boxed(step.goal):
            return  # a back-dated entry does not fill a streak or a "within N days" step
        if chain.id in self.catalogue.installed and not fairplay.fair_step(step.goal):
            return  # a user's pack never pays for taking help or for requests over a group's limit
        if goals.advance(step.goal, state["goal"], fact.type, fact.payload, day, self.rest_days):
            tag = f"{chain.id}/{step.id}"
            paid = self._paid(cache, chain, step.reward, day)
            self._derive(out, fact, f"step:{chain.id}:{period}:{step.id}", "quest.step_completed",
                         {"chain_id": chain.id, "step_id": step.id, "period": period, "points": paid.points})
            self._reward(cache, paid, fact, out, earn, "quest", tag, self._reason(chain))
            if state["step"] + 1 < len(chain.steps):
                state["step"] += 1
                state["goal"] = goals.new_state(chain.steps[state["step"]].goal)
            else:
                state["done"] = True
                cache.put(f"completed:{chain.id}", int(cache.get(f"completed:{chain.id}", 0)) + 1)
                paid = self._paid(cache, chain, chain.reward, day)
                self._derive(out, fact, f"chain:{chain.id}:{period}", "quest.completed",
                             {"chain_id": chain.id, "period": period, "points": paid.points})
                self._reward(cache, paid, fact, out, earn, "quest", chain.id, self._reason(chain))
        cache.put(key, state)

    def _paid(self, cache: State, chain: Chain, reward: Reward, day: int) -> Reward:
        """What a reward pays: a user's pack at most what the built-in content's largest step does; a daily or
        weekly quest less while helps received are left unreturned (:func:`fairplay.quest_share`)."""
        points = reward.points
        if chain.id in self.catalogue.installed:
            points = min(points, self.catalogue.reward_cap)
        if chain.repeat is not None and points:
            points = int(points * fairplay.quest_share(cache.get, day, self.catalogue.rules))
        return reward if points == reward.points else reward.model_copy(update={"points": points})

    def _reason(self, chain: Chain) -> str:
        return OWN_QUEST if chain.id in self.catalogue.installed else "quest"

    def _reward(self, cache: State, reward: Reward, fact: Fact, out: Outcome,
                earn: Callable[[int, str, str, str], None], source_type: str, source_id: str,
                reason: str = "quest") -> None:
        earn(reward.points, reason, source_type, source_id)
        if reward.badge and reason != OWN_QUEST:  # badges come from the built-in content's chains only
            ach = self.catalogue.achievement(reward.badge)
            if ach is not None:
                state = cache.get(f"ach:{ach.id}", {})
                if int(state.get("tier", 0)) < 1:
                    self._unlock(ach, 0, 1, fact, out, earn)
                    state["tier"] = 1
                    cache.put(f"ach:{ach.id}", state)

    def _measure(self, cache: State, ach: Achievement, fact: Fact, day: int, out: Outcome,
                 earn: Callable[[int, str, str, str], None], tested: bool = True) -> None:
        metric, payload = ach.metric, fact.payload
        if tested:
            hit = fact.type in metric.types and (not metric.where or goals.matches(fact.type, metric.where,
                                                                                     fact.type, payload))
            penalty = ach.penalty is not None and fact.type in ach.penalty.types and goals.matches(
                fact.type, ach.penalty.where, fact.type, payload)
            if not hit and not penalty:
                return
        else:  # found by its type and its one filter's value (_Dispatch): it counts, and it has no penalty
            hit, penalty = True, False
        key = self._keys.get(ach.id)
        if key is None:
            key = self._keys[ach.id] = f"ach:{ach.id}"
        state = cache.get(key, {})
        if hit:
            counted = state.get("metric")
            if counted is None:
                counted = state["metric"] = {}
            value = goals.measure(metric, counted, payload, day,
                                  _member(cache, f"in:{ach.id}:metric:") if metric.distinct is not None else None,
                                  self.rest_days)
        else:
            value = int(state.get("metric", {}).get("value", 0))
        if ach.penalty is not None:
            if penalty:
                goals.measure(ach.penalty, state.setdefault("penalty", {}), payload, day,
                              _member(cache, f"in:{ach.id}:penalty:") if ach.penalty.distinct is not None else None)
            value -= int(state.get("penalty", {}).get("value", 0))
        if value < 0:
            value = 0
        state["value"] = value
        tier_before = int(state.get("tier", 0))
        tiers = ach.tiers
        tier = tier_before
        while tier < len(tiers) and value >= tiers[tier]:  # tiers ascend: only the next ones can be reached
            tier += 1
        if tier > tier_before:
            self._unlock(ach, tier_before, tier, fact, out, earn)
            state["tier"] = tier
        cache.put(key, state)

    def _unlock(self, ach: Achievement, before: int, after: int, fact: Fact, out: Outcome,
                earn: Callable[[int, str, str, str], None]) -> None:
        rewards = ach.tier_points or list(DEFAULT_TIER_POINTS[: len(ach.tiers)])
        for tier in range(before + 1, after + 1):
            self._derive(out, fact, f"ach:{ach.id}:{tier}", "achievement.unlocked",
                         {"achievement_id": ach.id, "tier": tier, "tier_name": TIER_NAMES[tier - 1]})
            earn(rewards[tier - 1], "achievement", "achievement", f"{ach.id}/{tier}")

    @staticmethod
    def _derive(out: Outcome, fact: Fact, rule: str, type_: str, payload: dict[str, Any]) -> None:
        out.derived.append({
            "id": uuid.uuid5(NAMESPACE, f"{fact.id}|{rule}"),
            "type": type_,
            "kind": "derived",
            "at": fact.at,
            "recorded_at": fact.recorded_at,
            "entity_type": "game",
            "entity_id": uuid.uuid5(NAMESPACE, payload.get("chain_id") or payload.get("achievement_id") or "level"),
            "payload": {**payload, "source_activity_id": str(fact.id)},
            "corrects": None,
            "superseded_by": None,
        })

    @property
    def meta(self) -> dict[str, Any]:
        """What a state is built from besides the facts: the content, the zone whose days it counted in, and the
        layout of the state and its checkpoints (a state of another layout is rebuilt, not read)."""
        return {"fingerprint": self.catalogue.fingerprint, "timezone": zone_name(self.tz), "layout": LAYOUT,
                "rules": RULES, "rest_days": self.rest_days}


def _member(cache: State, prefix: str) -> Callable[[str], bool]:
    """A distinct set kept as keys of their own (``prefix`` + value): adds a value, says whether it is new."""
    def add(value: str) -> bool:
        key = prefix + value
        if cache.get(key):
            return False
        cache.put(key, 1)
        return True
    return add


def copy_value(value: Any) -> Any:
    """A deep copy of a JSON-ready value (dicts, lists, scalars), cheaper than :func:`copy.deepcopy`."""
    if isinstance(value, dict):
        return {k: copy_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_value(v) for v in value]
    return value
