"""Checking the stored game: is it built by this content, and does it equal a replay of the facts?"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Activity, ActivityKind, GameState, PointsEntry
from app.quests.engine import META_KEY, Engine, Outcome
from app.quests.undo import MISSING
from app.services.game_store import LOAD, TrackedState, count_after, current_facts, decode, newest_mark, raw, values_at


def is_current(session: Session, engine: Engine) -> bool:
    """Whether the stored state was built by this content, in this zone, in this layout."""
    row = raw(session).execute(LOAD, (META_KEY,)).fetchone()
    return row is not None and decode(row[0]) == engine.meta


def differences(session: Session, engine: Engine) -> list[str]:
    """Where the stored game differs from a replay of the facts in memory (empty when they agree)."""
    state = TrackedState(None)
    out = Outcome()
    for _, fact in current_facts(session):
        engine.apply(state, fact, out)
    state.put(META_KEY, engine.meta)
    problems: list[str] = []
    mark = newest_mark(session)
    if mark is not None and (waiting_facts := count_after(session, mark.applied_seq)):
        problems.append(f"catching up: {waiting_facts} facts not counted yet")
    stored = {row.key: row.value for row in session.scalars(select(GameState))}
    expected = {k: v for k, v in state.values.items() if v is not None}
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
        for a in session.scalars(select(Activity).where(Activity.kind == ActivityKind.derived).order_by(Activity.seq))
    }
    expected_derived = {d["id"]: (d["type"], d["at"], d["payload"]) for d in out.derived}
    if stored_derived != expected_derived or list(stored_derived) != list(expected_derived):
        missing = len(set(expected_derived) - set(stored_derived))
        extra = len(set(stored_derived) - set(expected_derived))
        problems.append(f"derived activities: {missing} missing, {extra} extra, different or out of order")
    # The checkpoints must lead back: undoing every step from the newest state reaches the empty state.
    undone = values_at(session, 0)
    gone = {k for k, v in undone.items() if v is MISSING}
    kept = sorted(({k for k in stored if k != META_KEY} - gone) | (set(undone) - gone))
    if kept:
        problems.append(f"checkpoints: going back to the start leaves {len(kept)} keys, e.g. {kept[:3]}")
    return problems[:50]
