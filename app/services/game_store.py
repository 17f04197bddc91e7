"""The game kept in the database: runs of the engine over facts, checkpoints, and going back to one.

A *run* feeds facts to the pure engine in recording order and keeps what they earned: the state rows, the
derived events and points entries (numbered in the facts' order, so that "everything after a fact" is a range),
and every :data:`CHECKPOINT_EVERY` facts a checkpoint with, for each key the facts after it changed, the step
back to the key's value at the checkpoint (``app/quests/undo.py``). Recording a fact is a run over one fact.

A correction *rolls back* to the newest checkpoint before the fact it supersedes: the steps of that checkpoint
and the later ones take the changed keys back, the events and points after it are deleted, and a run replays
only the facts that follow. A recompute is a run over every fact from an empty state.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.model import Activity, ActivityKind, GameCheckpoint, GameState, GameUndo, PointsEntry
from app.quests.engine import META_KEY, Engine, Fact, Outcome
from app.quests.undo import MISSING, step_back, take_back

# Facts between two checkpoints: a correction of a recent fact replays at most this many (bench/corrections.py
# measured the choice: replay cost grows with it, the undo steps kept shrink with it).
CHECKPOINT_EVERY = 500
CHUNK = 20_000


def fact_of(activity: Activity) -> Fact:
    return Fact(activity.id, activity.type, activity.at, activity.recorded_at, dict(activity.payload))


FACTS = (
    "SELECT seq, id, type, at, recorded_at, payload FROM activity"
    " WHERE seq > ? AND kind = 'fact' AND superseded_by IS NULL ORDER BY seq"
)


def current_facts(session: Session, after: int = 0) -> Iterator[tuple[int, Fact]]:
    """``(seq, fact)`` for every fact no correction has replaced, recorded after ``after``, in recording order.

    Read through the connection itself: a replay reads every fact, and SQLAlchemy's row processing would double
    the cost of reading them (the columns are decoded here as the ORM's types store them).
    """
    cursor = raw(session).execute(FACTS, (after,))
    utc, parse, make_id, loads = dt.UTC, dt.datetime.fromisoformat, uuid.UUID, json.loads
    while rows := cursor.fetchmany(CHUNK):
        for seq, ident, type_, at, recorded_at, payload in rows:
            yield seq, Fact(make_id(ident), type_, parse(at).replace(tzinfo=utc),
                            parse(recorded_at).replace(tzinfo=utc), loads(payload))


class TrackedState:
    """The engine's :class:`~app.quests.engine.State` for one run.

    Values are loaded from the database on first use (none when ``session`` is None: a recompute starts empty),
    changed in memory and written by the run at its end. For the open segment (the facts since the last
    checkpoint) it remembers, as JSON text, each key's value when the segment began.
    """

    def __init__(self, session: Session | None, preset: dict[str, Any] | None = None) -> None:
        self.db = raw(session) if session is not None else None
        self.values: dict[str, Any] = {}
        self.dirty: set[str] = set()
        self.before: dict[str, Any] = {}  # the open segment's starting values, as stored JSON (None: absent)
        self.changed: set[str] = set()
        for key, value in (preset or {}).items():  # values a rollback restored: written even if no fact changes them
            self.values[key] = None if value is MISSING else value
            self.dirty.add(key)

    def _remember(self, key: str) -> None:
        if key in self.before:
            return
        if key not in self.values:
            row = self.db.execute(LOAD, (key,)).fetchone() if self.db is not None else None
            self.before[key] = row[0] if row is not None else None
            self.values[key] = decode(row[0]) if row is not None else None
        else:
            value = self.values[key]
            self.before[key] = json.dumps(value) if value is not None else None

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self.before:
            self._remember(key)
        value = self.values[key]
        return default if value is None else value

    def put(self, key: str, value: Any) -> None:
        if key not in self.before:
            self._remember(key)
        self.values[key] = value
        self.dirty.add(key)
        if key != META_KEY:
            self.changed.add(key)

    def close_segment(self, stored: dict[str, Any] | None = None) -> dict[str, Any]:
        """The steps back to the segment's start for the keys it changed; starts the next segment.

        ``stored``: steps an earlier run kept for this segment, from its own start back to the checkpoint; the steps
        returned then go back to the checkpoint (and replace them).
        """
        stored = stored or {}
        steps = {}
        for key in self.changed:
            text = self.before[key]
            before, after = MISSING if text is None else decode(text), _missing(self.values[key])
            if key in stored:
                before = take_back(before, stored[key])
            elif before == after:
                continue
            steps[key] = step_back(before, after)
        self.before.clear()
        self.changed.clear()
        return steps


LOAD = "SELECT value FROM game_state WHERE key = ?"


def decode(stored: Any) -> Any:
    """A JSON column's value as SQLite returns it: text, or a number (the column's affinity made it one)."""
    return json.loads(stored) if isinstance(stored, str) else stored


def raw(session: Session) -> sqlite3.Connection:
    """The session's own SQLite connection, for the game's many small reads and writes (the ORM adds ~100 µs each).

    The session is flushed first, so that what the ORM holds is in the database."""
    session.flush()
    return session.connection().connection.driver_connection  # type: ignore[return-value]


def _missing(value: Any) -> Any:
    return MISSING if value is None else value


@dataclass
class Mark:
    """A checkpoint as the run keeps it (a :class:`GameCheckpoint` row)."""

    n: int
    fact_seq: int
    derived_seq: int
    points_seq: int
    since: int = 0
    applied_seq: int = -1  # -1: its fact_seq (nothing applied after it yet)

    def __post_init__(self) -> None:
        if self.applied_seq < 0:
            self.applied_seq = self.fact_seq


class Run:
    """One pass of the engine over facts in recording order, from checkpoint ``start`` on; :meth:`finish` writes it."""

    def __init__(self, session: Session, engine: Engine, start: Mark, state: TrackedState,
                 *, stored_steps: bool = True) -> None:
        self.session = session
        self.engine = engine
        self.state = state
        self.out = Outcome()
        self.marks = [start]
        self.steps: dict[int, dict[str, Any]] = {}
        self.stored_steps = stored_steps  # the start checkpoint may hold steps from earlier runs: merge with them
        db = raw(session)
        self.derived_base = int(db.execute("SELECT max(seq) FROM activity").fetchone()[0] or 0) + 1
        self.points_base = int(db.execute("SELECT max(seq) FROM points_entry").fetchone()[0] or 0) + 1

    def feed(self, facts: Iterable[tuple[int, Fact]], progress: Callable[[int], None] | None = None) -> None:
        for count, (seq, fact) in enumerate(facts, 1):
            self.engine.apply(self.state, fact, self.out)
            mark = self.marks[-1]
            mark.since += 1
            mark.applied_seq = seq
            if mark.since >= CHECKPOINT_EVERY:
                self._close(mark, seq)
            if progress is not None and count % CHUNK == 0:
                progress(count)

    def _close(self, mark: Mark, seq: int) -> None:
        self.steps[mark.n] = self.state.close_segment(self._stored(mark.n))
        self.marks.append(Mark(
            mark.n + 1, seq, self.derived_base - 1 + len(self.out.derived), self.points_base - 1 + len(self.out.points),
        ))

    def _stored(self, n: int) -> dict[str, Any]:
        """Steps earlier runs kept for checkpoint ``n`` (only the start checkpoint of an incremental run has any)."""
        if not self.stored_steps or n != self.marks[0].n or not self.state.changed:
            return {}
        keys, db = sorted(self.state.changed), raw(self.session)
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            query = f"SELECT key, step FROM game_undo WHERE n = ? AND key IN ({', '.join('?' * len(part))})"
            found.update((key, decode(step)) for key, step in db.execute(query, (n, *part)))
        return found

    def finish(self, *, fresh: bool = False) -> Outcome:
        """Write the state, the events and points, the steps and the checkpoints. ``fresh``: the state is empty."""
        last = self.marks[-1]
        self.steps[last.n] = self.state.close_segment(self._stored(last.n))
        self._write_state(fresh)
        db = raw(self.session)
        db.executemany(INSERT_DERIVED, [
            (self.derived_base + i, r["id"].hex, r["type"], r["kind"], stored_time(r["at"]),
             stored_time(r["recorded_at"]), r["entity_type"], r["entity_id"].hex, json.dumps(r["payload"]))
            for i, r in enumerate(self.out.derived)
        ])
        db.executemany(INSERT_POINTS, [
            (self.points_base + i, stored_time(p["at"]), p["points"], p["reason"], p["source_type"], p["source_id"],
             p["activity_id"].hex if p["activity_id"] is not None else None)
            for i, p in enumerate(self.out.points)
        ])
        db.executemany(
            "INSERT INTO game_undo (n, key, step) VALUES (?, ?, ?) "
            "ON CONFLICT (n, key) DO UPDATE SET step = excluded.step",
            [(n, k, json.dumps(s)) for n, steps in self.steps.items() for k, s in sorted(steps.items())],
        )
        first, *added = self.marks
        db.execute("UPDATE game_checkpoint SET since = ?, applied_seq = ? WHERE n = ?",
                   (first.since, first.applied_seq, first.n))
        db.executemany(
            "INSERT INTO game_checkpoint (n, fact_seq, derived_seq, points_seq, since, applied_seq)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(m.n, m.fact_seq, m.derived_seq, m.points_seq, m.since, m.applied_seq) for m in added],
        )
        return self.out

    def _write_state(self, fresh: bool) -> None:
        values = self.state.values
        keys = sorted(self.state.dirty)
        db = raw(self.session)
        if not fresh:
            db.executemany("DELETE FROM game_state WHERE key = ?", [(k,) for k in keys if values[k] is None])
        db.executemany(
            "INSERT INTO game_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(k, json.dumps(values[k])) for k in keys if values[k] is not None],
        )


# The game's rows written through the connection, in the form SQLAlchemy's types store them (uuid as 32 hex
# digits, times as naive UTC text with microseconds, JSON as text): the ORM's bulk insert doubled a replay's cost.
INSERT_DERIVED = (
    "INSERT INTO activity (seq, id, type, kind, at, recorded_at, entity_type, entity_id, payload)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_POINTS = (
    "INSERT INTO points_entry (seq, at, points, reason, source_type, source_id, activity_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def stored_time(moment: dt.datetime) -> str:
    """An aware time as ``UTCDateTime`` stores it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


MARK = "SELECT n, fact_seq, derived_seq, points_seq, since, applied_seq FROM game_checkpoint"


def newest_mark(session: Session) -> Mark | None:
    row = raw(session).execute(f"{MARK} ORDER BY n DESC LIMIT 1").fetchone()
    return Mark(*row) if row is not None else None


def mark_before(session: Session, seq: int) -> Mark:
    """The newest checkpoint whose state knows nothing of the fact at ``seq``."""
    return Mark(*raw(session).execute(f"{MARK} WHERE fact_seq < ? ORDER BY n DESC LIMIT 1", (seq,)).fetchone())


def values_at(session: Session, n: int) -> dict[str, Any]:
    """The value (or :data:`MISSING`) at checkpoint ``n`` of every key changed after it."""
    by_key: dict[str, list[Any]] = {}
    db = raw(session)
    for key, step in db.execute("SELECT key, step FROM game_undo WHERE n >= ? ORDER BY n DESC", (n,)):
        by_key.setdefault(key, []).append(decode(step))
    values = {}
    for key, steps in by_key.items():
        row = db.execute(LOAD, (key,)).fetchone()
        value = decode(row[0]) if row is not None else MISSING
        for step in steps:  # newest first: each takes the value back one segment
            value = take_back(value, step)
        values[key] = value
    return values


def start(session: Session, engine: Engine) -> Run:
    """A run over every fact from an empty state: the game's tables are cleared first."""
    session.flush()
    for model in (GameUndo, GameCheckpoint, GameState, PointsEntry):
        session.execute(delete(model))
    session.execute(delete(Activity).where(Activity.kind == ActivityKind.derived))
    first_seq = int(session.scalar(select(func.max(Activity.seq))) or 0)
    mark = Mark(0, 0, first_seq, 0)
    session.add(GameCheckpoint(**vars(mark)))
    session.flush()
    run = Run(session, engine, mark, TrackedState(None), stored_steps=False)
    run.state.put(META_KEY, engine.meta)
    return run


def rollback(session: Session, engine: Engine, mark: Mark) -> tuple[Run, list[dict[str, Any]]]:
    """Go back to checkpoint ``mark`` (:func:`mark_before` the oldest corrected fact); the run then replays what
    follows it.

    Returns the run and the derived events that were deleted, oldest first, in the shape of
    :attr:`~app.quests.engine.Outcome.summary` (what the replay earns again is no news; what it does not is lost).
    """
    session.flush()
    restored = values_at(session, mark.n)
    gone = derived_events(session, after=mark.derived_seq)
    session.execute(delete(Activity).where(Activity.kind == ActivityKind.derived, Activity.seq > mark.derived_seq))
    session.execute(delete(PointsEntry).where(PointsEntry.seq > mark.points_seq))
    session.execute(delete(GameUndo).where(GameUndo.n >= mark.n))
    session.execute(delete(GameCheckpoint).where(GameCheckpoint.n > mark.n))
    mark.since = 0
    mark.applied_seq = mark.fact_seq
    session.execute(update(GameCheckpoint).where(GameCheckpoint.n == mark.n).values(since=0, applied_seq=mark.fact_seq))
    return Run(session, engine, mark, TrackedState(session, restored), stored_steps=False), gone


def derived_events(session: Session, after: int = 0) -> list[dict[str, Any]]:
    """The game events written after ``after`` (a seq), oldest first, as :attr:`Outcome.summary` has them."""
    query = (select(Activity.type, Activity.payload)
             .where(Activity.kind == ActivityKind.derived, Activity.seq > after).order_by(Activity.seq))
    return [{"type": type_, **payload} for type_, payload in session.execute(query)]


def count_after(session: Session, seq: int) -> int:
    """How many current facts were recorded after ``seq``."""
    return int(session.scalar(
        select(func.count()).select_from(Activity)
        .where(Activity.seq > seq, Activity.kind == ActivityKind.fact, Activity.superseded_by.is_(None))
    ) or 0)


def waiting(session: Session, mark: Mark, before: int) -> bool:
    """Whether current facts recorded before ``before`` still wait to be counted (a catch-up is due)."""
    row = raw(session).execute(
        "SELECT 1 FROM activity WHERE seq > ? AND seq < ? AND kind = 'fact' AND superseded_by IS NULL LIMIT 1",
        (mark.applied_seq, before),
    ).fetchone()
    return row is not None


def facts_after(newest: Mark, back: Mark) -> int:
    """About how many facts going back from ``newest`` to ``back`` replays (counted by the checkpoints between)."""
    return (newest.n - back.n) * CHECKPOINT_EVERY + newest.since
