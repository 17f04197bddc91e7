"""What a run of the game changed, by area: the rows it may change are read around it, so that a write reports
only what really changed (a quest that moved, a badge, points, the level), never the whole game by default.

An incremental run (new facts) only adds: its output says what it added, and only the state keys it wrote are
compared. A rollback or a recompute deletes and writes again: the rows after the checkpoint it goes back to (all
of them, for a recompute) are digested before and after.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.quests.engine import Outcome
from app.services.changes import GAME, HISTORY, POINTS, state_areas
from app.services.game_store import Mark, Run, decode, raw

KEYS_PER_QUERY = 500


def stored_state(db: sqlite3.Connection, keys: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored value (as SQLite returns it) of each of ``keys`` that has a row; of every key when None."""
    if keys is None:
        return dict(db.execute("SELECT key, value FROM game_state"))
    wanted, found = sorted(keys), dict[str, Any]()
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        part = wanted[start : start + KEYS_PER_QUERY]
        found.update(db.execute(f"SELECT key, value FROM game_state WHERE key IN ({', '.join('?' * len(part))})",
                                part))
    return found


def _digest(db: sqlite3.Connection, query: str, params: tuple[Any, ...]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for row in db.execute(query, params):
        digest.update(repr(row).encode())
    return digest.digest()


class Watch:
    """The game's rows as a run found them; :meth:`areas` then tells which areas the run changed.

    ``back``: the checkpoint a rollback goes back to (the rows after it are digested); ``whole``: a recompute (every
    row). Neither: an incremental run from the newest checkpoint. Make it before the run writes anything, call
    :meth:`fed` once the facts are fed (before ``finish``), and :meth:`areas` after ``finish``.
    """

    def __init__(self, session: Session, back: Mark | None = None, *, whole: bool = False) -> None:
        self.db = raw(session)
        self.whole = whole
        self.ranges: list[tuple[set[str], str, tuple[Any, ...]]] = []
        if whole:
            back = Mark(-1, 0, 0, 0)
        if back is not None:
            self.ranges = [
                ({GAME}, "SELECT * FROM game_checkpoint WHERE n >= ? ORDER BY n", (back.n,)),
                ({GAME}, "SELECT * FROM game_undo WHERE n >= ? ORDER BY n, key", (back.n,)),
                ({GAME, POINTS}, "SELECT * FROM points_entry WHERE seq > ? ORDER BY seq", (back.points_seq,)),
                ({HISTORY}, "SELECT * FROM activity WHERE seq > ? AND kind = 'derived' ORDER BY seq",
                 (back.derived_seq,)),
            ]
        self.digests = [_digest(self.db, query, params) for _, query, params in self.ranges]
        self.start: tuple[Any, ...] | None = None
        self.before: dict[str, Any] = stored_state(self.db) if whole else {}
        self.keys: set[str] | None = None

    def fed(self, run: Run) -> None:
        """Read the stored values of the keys the run will write (the rows are as they were until ``finish``)."""
        if not self.whole:
            self.keys = set(run.state.dirty)
            self.before = stored_state(self.db, self.keys)
        self.start = self.db.execute("SELECT * FROM game_checkpoint WHERE n = ?", (run.marks[0].n,)).fetchone()

    def areas(self, run: Run, out: Outcome) -> set[str]:
        """The areas the finished run changed."""
        after = stored_state(self.db, self.keys)
        areas: set[str] = set()
        for key in set(self.before) | set(after):
            old, new = self.before.get(key), after.get(key)
            if old != new:
                areas |= state_areas(key, decode(old) if old is not None else None,
                                     decode(new) if new is not None else None)
        if self.ranges:
            for (names, query, params), digest in zip(self.ranges, self.digests, strict=True):
                if _digest(self.db, query, params) != digest:
                    areas |= names
            return areas
        # Only added to: the start checkpoint counts the facts fed, and the output is what the run added.
        start = self.db.execute("SELECT * FROM game_checkpoint WHERE n = ?", (run.marks[0].n,)).fetchone()
        if start != self.start or len(run.marks) > 1:
            areas.add(GAME)
        if out.points:
            areas |= {GAME, POINTS}
        if out.derived:
            areas.add(HISTORY)
        return areas
