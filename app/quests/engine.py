"""The game engine: turns current facts into quest progress, achievements, points and levels.

Incremental and complete at once: each new fact is matched only against the chains and achievements indexed
by its type, reading and writing just the state rows they need, so recording one fact costs the same with a
thousand or a million activities behind it. A full recompute runs the very same code over every current fact
in the order they were recorded, so both reach the same state, the same points and the same derived
activities (their ids come from their cause: uuid5 of the source fact and the rule).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.clock import zone_name
from app.model import Activity, ActivityKind, GameState, PointsEntry
from app.quests import goals
from app.quests.catalogue import Catalogue
from app.quests.fairplay import fact_points
from app.quests.levels import level_for_points
from app.quests.schema import DEFAULT_TIER_POINTS, TIER_NAMES, Achievement, Chain, Reward

NAMESPACE = uuid.UUID("5b0f3c1e-8d7a-4f57-9a63-2f1d8c0e4b21")
META_KEY = "meta"
SCORE_KEY = "score"
CHUNK = 20_000


@dataclass(frozen=True)
class Fact:
    """What the engine reads of one current fact."""

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

    @property
    def summary(self) -> list[dict[str, Any]]:
        return [{"type": row["type"], **row["payload"]} for row in self.derived]


class StateCache:
    """Game state rows by key: loaded on demand from the database (incremental) or kept in memory (recompute)."""

    def __init__(self, session: Session | None) -> None:
        self.session = session
        self.values: dict[str, Any] = {}
        self.dirty: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        """The value to read and change in place (then :meth:`put` it); a stored row is copied once on load."""
        if key not in self.values and self.session is not None:
            row = self.session.get(GameState, key)
            self.values[key] = _copy(row.value) if row is not None else None
        value = self.values.get(key)
        return default if value is None else value

    def put(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.dirty.add(key)

    def write(self, session: Session) -> None:
        for key in sorted(self.dirty):
            row = session.get(GameState, key)
            if row is None:
                session.add(GameState(key=key, value=self.values[key]))
            else:
                row.value = self.values[key]
        self.dirty.clear()


def period_of(chain: Chain, local: dt.date) -> str:
    if chain.repeat == "daily":
        return local.isoformat()
    if chain.repeat == "weekly":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return "all"


class Engine:
    """Game rules over one catalogue and one time zone (the user's local calendar)."""

    def __init__(self, catalogue: Catalogue, tz: dt.tzinfo) -> None:
        self.catalogue = catalogue
        self.tz = tz

    # -- one fact ---------------------------------------------------------------------------------------

    def apply(self, cache: StateCache, fact: Fact, out: Outcome) -> None:
        local = fact.at.astimezone(self.tz).date()
        day = local.toordinal()
        score = cache.get(SCORE_KEY, {"points": 0, "level": 1})
        level_before = int(score["level"])
        unlocked = {c.id: self.locked_reason(cache, c, level_before) is None
                    for c in self.catalogue.chains_by_event.get(fact.type, ())}

        def earn(points: int, reason: str, source_type: str, source_id: str) -> None:
            if points <= 0:
                return
            score["points"] = int(score["points"]) + points
            out.points.append({"at": fact.at, "points": points, "reason": reason, "source_type": source_type,
                               "source_id": source_id, "activity_id": fact.id})

        for points, reason in fact_points(fact.type, fact.payload, day, cache.get, cache.put):
            earn(points, reason, "activity", str(fact.id))
        for ach in self.catalogue.achievements_by_event.get(fact.type, ()):
            self._measure(cache, ach, fact, day, out, earn)
        for chain in self.catalogue.chains_by_event.get(fact.type, ()):
            if unlocked[chain.id]:
                self._advance(cache, chain, period_of(chain, local), fact, day, out, earn)
        level = level_for_points(int(score["points"]))
        for reached in range(level_before + 1, level + 1):
            self._derive(out, fact, f"level:{reached}", "level.reached", {"level": reached})
        score["level"] = max(level, level_before)
        cache.put(SCORE_KEY, score)

    def locked_reason(self, cache: StateCache, chain: Chain, level: int | None = None) -> str | None:
        """None when the chain is open to progress, else why not (``requires:a,b`` or ``level:N``)."""
        missing = [need for need in chain.requires if not cache.get(f"completed:{need}", 0)]
        if missing:
            return "requires:" + ",".join(missing)
        if level is None:
            level = int(cache.get(SCORE_KEY, {"level": 1})["level"])
        if level < chain.min_level:
            return f"level:{chain.min_level}"
        return None

    def _advance(self, cache: StateCache, chain: Chain, period: str, fact: Fact, day: int, out: Outcome,
                 earn: Callable[[int, str, str, str], None]) -> None:
        key = f"chain:{chain.id}:{period}"
        state = cache.get(key)
        if state is None:
            state = {"step": 0, "done": False, "goal": goals.new_state(chain.steps[0].goal)}
        if state["done"]:
            return
        step = chain.steps[state["step"]]
        if fact.type not in step.goal.events():
            return
        if goals.advance(step.goal, state["goal"], fact.type, fact.payload, day):
            tag = f"{chain.id}/{step.id}"
            self._derive(out, fact, f"step:{chain.id}:{period}:{step.id}", "quest.step_completed",
                         {"chain_id": chain.id, "step_id": step.id, "period": period, "points": step.reward.points})
            self._reward(cache, step.reward, fact, out, earn, "quest", tag)
            if state["step"] + 1 < len(chain.steps):
                state["step"] += 1
                state["goal"] = goals.new_state(chain.steps[state["step"]].goal)
            else:
                state["done"] = True
                cache.put(f"completed:{chain.id}", int(cache.get(f"completed:{chain.id}", 0)) + 1)
                self._derive(out, fact, f"chain:{chain.id}:{period}", "quest.completed",
                             {"chain_id": chain.id, "period": period, "points": chain.reward.points})
                self._reward(cache, chain.reward, fact, out, earn, "quest", chain.id)
        cache.put(key, state)

    def _reward(self, cache: StateCache, reward: Reward, fact: Fact, out: Outcome,
                earn: Callable[[int, str, str, str], None], source_type: str, source_id: str) -> None:
        earn(reward.points, "quest", source_type, source_id)
        if reward.badge:
            ach = self.catalogue.achievement(reward.badge)
            if ach is not None:
                state = cache.get(f"ach:{ach.id}", {})
                if int(state.get("tier", 0)) < 1:
                    self._unlock(ach, 0, 1, fact, out, earn)
                    state["tier"] = 1
                    cache.put(f"ach:{ach.id}", state)

    def _measure(self, cache: StateCache, ach: Achievement, fact: Fact, day: int, out: Outcome,
                 earn: Callable[[int, str, str, str], None]) -> None:
        hit = goals.matches(ach.metric.event, ach.metric.where, fact.type, fact.payload)
        penalty = ach.penalty is not None and goals.matches(
            ach.penalty.event, ach.penalty.where, fact.type, fact.payload
        )
        if not hit and not penalty:
            return
        state = cache.get(f"ach:{ach.id}", {})
        if hit:
            goals.measure(ach.metric, state.setdefault("metric", {}), fact.payload, day)
        if penalty and ach.penalty is not None:
            goals.measure(ach.penalty, state.setdefault("penalty", {}), fact.payload, day)
        value = max(0, int(state.get("metric", {}).get("value", 0)) - int(state.get("penalty", {}).get("value", 0)))
        state["value"] = value
        tier_before = int(state.get("tier", 0))
        tier = max(tier_before, sum(1 for t in ach.tiers if value >= t))
        if tier > tier_before:
            self._unlock(ach, tier_before, tier, fact, out, earn)
            state["tier"] = tier
        cache.put(f"ach:{ach.id}", state)

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
            "kind": ActivityKind.derived,
            "at": fact.at,
            "recorded_at": fact.recorded_at,
            "entity_type": "game",
            "entity_id": uuid.uuid5(NAMESPACE, payload.get("chain_id") or payload.get("achievement_id") or "level"),
            "payload": {**payload, "source_activity_id": str(fact.id)},
            "corrects": None,
            "superseded_by": None,
        })

    # -- passes -----------------------------------------------------------------------------------------

    def process(self, session: Session, facts: Iterable[Activity]) -> Outcome:
        """Feed newly written facts (in recording order) inside the writer's transaction."""
        cache = StateCache(session)
        out = Outcome()
        for activity in facts:
            self.apply(cache, _fact(activity), out)
        cache.write(session)
        _write(session, out)
        return out

    def replay(self, session: Session, progress: Callable[[int], None] | None = None) -> tuple[StateCache, Outcome]:
        """Run every current fact through the rules in memory; nothing is written."""
        cache = StateCache(None)
        out = Outcome()
        for n, fact in enumerate(current_facts(session), 1):
            self.apply(cache, fact, out)
            if progress is not None and n % CHUNK == 0:
                progress(n)
        cache.put(META_KEY, self.meta)
        return cache, out

    def recompute(self, session: Session, progress: Callable[[int], None] | None = None) -> Outcome:
        """Rebuild the whole game state from the facts, replacing what was stored."""
        cache, out = self.replay(session, progress)
        session.flush()
        session.execute(delete(Activity).where(Activity.kind == ActivityKind.derived))
        session.execute(delete(PointsEntry))
        session.execute(delete(GameState))
        rows = [{"key": k, "value": v} for k, v in sorted(cache.values.items()) if v is not None]
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(GameState), rows[start : start + CHUNK])
        _write(session, out)
        return out

    def is_current(self, session: Session) -> bool:
        meta = session.get(GameState, META_KEY)
        return meta is not None and meta.value == self.meta

    @property
    def meta(self) -> dict[str, str]:
        """What a state is built from besides the facts: the content, and the zone whose days it counted in."""
        return {"fingerprint": self.catalogue.fingerprint, "timezone": zone_name(self.tz)}

    def differences(self, session: Session) -> list[str]:
        """Where the stored game state differs from a recompute (empty when they agree)."""
        cache, out = self.replay(session)
        problems: list[str] = []
        stored = {row.key: row.value for row in session.scalars(select(GameState))}
        expected = {k: v for k, v in cache.values.items() if v is not None}
        for key in sorted(set(stored) | set(expected)):
            if stored.get(key) != expected.get(key):
                problems.append(f"state {key}: stored {stored.get(key)!r}, recomputed {expected.get(key)!r}")
        stored_points = [
            (p.at, p.points, p.reason, p.source_type, p.source_id, p.activity_id)
            for p in session.scalars(select(PointsEntry).order_by(PointsEntry.seq))
        ]
        expected_points = [
            (p["at"], p["points"], p["reason"], p["source_type"], p["source_id"], p["activity_id"]) for p in out.points
        ]
        if stored_points != expected_points:
            problems.append(f"points ledger: {len(stored_points)} stored entries, {len(expected_points)} recomputed")
        stored_derived = {
            a.id: (a.type, a.at, a.payload)
            for a in session.scalars(select(Activity).where(Activity.kind == ActivityKind.derived))
        }
        expected_derived = {d["id"]: (d["type"], d["at"], d["payload"]) for d in out.derived}
        if stored_derived != expected_derived:
            missing = len(set(expected_derived) - set(stored_derived))
            extra = len(set(stored_derived) - set(expected_derived))
            problems.append(f"derived activities: {missing} missing, {extra} extra or different")
        return problems[:50]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _fact(activity: Activity) -> Fact:
    return Fact(activity.id, activity.type, activity.at, activity.recorded_at, dict(activity.payload))


def current_facts(session: Session) -> Iterator[Fact]:
    """Every fact no correction has replaced, in recording order."""
    query = (
        select(Activity.id, Activity.type, Activity.at, Activity.recorded_at, Activity.payload)
        .where(Activity.kind == ActivityKind.fact, Activity.superseded_by.is_(None))
        .order_by(Activity.seq)
        .execution_options(yield_per=CHUNK)
    )
    for row in session.execute(query):
        yield Fact(*row)


def _write(session: Session, out: Outcome) -> None:
    for start in range(0, len(out.derived), CHUNK):
        session.execute(insert(Activity), out.derived[start : start + CHUNK])
    for start in range(0, len(out.points), CHUNK):
        session.execute(insert(PointsEntry), out.points[start : start + CHUNK])
