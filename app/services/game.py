"""The game service: what the game does to the store (after each write, recompute, verify, packs) and what it shows."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.backups import os_error
from app.clock import Clock, iso
from app.errors import InvalidInput
from app.files import atomic_write_bytes, shown
from app.i18n import current_language, translate
from app.model import PointsEntry
from app.quests.catalogue import (
    PACKS_DIRNAME,
    Catalogue,
    PackSource,
    assemble,
    builtin_chains,
    installed_names,
    load_catalogue,
    load_installed,
)
from app.quests.engine import SCORE_KEY, Engine, Outcome, State
from app.quests.fairplay import fair_step
from app.quests.levels import points_for_level
from app.quests.schema import Chain, slug_ok
from app.services.base import OpResult, profile_rest_days
from app.services.changes import BACKUPS, QUESTS, Changes
from app.services.game_badges import badge_detail, badge_row
from app.services.game_changes import Watch
from app.services.game_check import differences as differences
from app.services.game_check import is_current as is_current
from app.services.game_store import (
    Run,
    TrackedState,
    count_after,
    current_facts,
    derived_events,
    fact_of,
    facts_after,
    mark_before,
    newest_mark,
    rollback,
    start,
    waiting,
)
from app.services.game_views import chain_view
from app.store import Store

if TYPE_CHECKING:
    from app.services.base import Tx

# Facts a correction replays inside its write (a few seconds at most); beyond, the write commits at once and
# catch_up replays them in chunks of CATCH_UP_CHUNK facts, each its own transaction.
REPLAY_INLINE = 50_000
UNTIL_THE_END = 2**62  # a seq after every fact
CATCH_UP_CHUNK = 20_000


class GameService:
    """Quest chains, achievements, points and levels derived from the facts of one store."""

    def __init__(
        self, store: Store | None, clock: Clock, catalogue: Catalogue | None = None, data_dir: Path | None = None
    ) -> None:
        """``store`` None: a folder without a database, read as an empty game (``data_dir`` finds its packs)."""
        self.store = store
        self.clock = clock
        self._catalogue = catalogue
        self.data_dir = Path(data_dir) if data_dir is not None else (store.data_dir if store else None)

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.data_dir)
        return self._catalogue

    @property
    def _store(self) -> Store:
        if self.store is None:
            raise InvalidInput(translate("quests", "There is no data yet."))
        return self.store

    @property
    def engine(self) -> Engine:
        """The rules in the data's zone, with the content's rest days (what showing the quests needs)."""
        return Engine(self.catalogue, self.clock.tz)

    def engine_for(self, session: Session, zone: dt.tzinfo | None = None) -> Engine:
        """The rules as this data counts: its zone and the profile's rest days (read in ``session``)."""
        return Engine(self.catalogue, zone or self.clock.tz, profile_rest_days(session))

    # -- keeping the state current ------------------------------------------------------------------------

    def after(self, tx: Tx) -> None:
        """Run inside a service's transaction once its facts are written.

        New facts are fed to the engine; a correction (facts superseded) first goes back to the checkpoint before
        the oldest fact it replaces and replays what follows, unless that is more than :data:`REPLAY_INLINE`
        facts: then the write commits with the game gone back, and :meth:`catch_up` replays the rest (the game is
        "catching up" meanwhile, and new facts wait their turn). A state built by other content is rebuilt.
        """
        if not tx.facts and not tx.superseded:
            return
        session = tx.session
        session.flush()
        engine = self.engine_for(session)
        mark = newest_mark(session)
        if mark is None or not is_current(session, engine):
            # Only what the recompute adds is news to the user: the rest of the history was earned before.
            known = derived_events(session)
            out = self._recompute(session, engine, tx.changes)
            tell(tx, known, out.summary)
        elif tx.superseded:
            seq = min(fact.seq for fact in tx.superseded)
            # Facts already waiting for a catch-up would be replayed too: then this waits its turn as well.
            backlog = waiting(session, mark, min((fact.seq for fact in tx.facts), default=UNTIL_THE_END))
            back = mark_before(session, seq)
            behind = facts_after(mark, back)
            watch = Watch(session, back)
            run, gone = rollback(session, engine, back)
            if backlog or behind > REPLAY_INLINE:
                _finish(run, watch, tx.changes)
                tx.news.catching_up = True
                return
            run.feed(current_facts(session, after=run.marks[0].fact_seq))
            out = _finish(run, watch, tx.changes)
            tell(tx, gone, out.summary)
        elif waiting(session, mark, min(fact.seq for fact in tx.facts)):
            tx.news.catching_up = True  # older facts wait for catch_up: these are counted after them, in order
        else:
            watch = Watch(session)
            run = Run(session, engine, mark, TrackedState(session))
            run.feed((fact.seq, fact_of(fact)) for fact in tx.facts)
            out = _finish(run, watch, tx.changes)
            tx.game.extend(out.summary)
            tx.news.held_back = tuple(sorted(out.held_back))

    def pending(self) -> int:
        """How many facts the game has not counted yet (a correction far back left them to :meth:`catch_up`)."""
        if self.store is None:
            return 0
        with self.store.read() as session:
            mark = newest_mark(session)
            return count_after(session, mark.applied_seq) if mark is not None else 0

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> OpResult:
        """Count the facts waiting since a far correction, a chunk per transaction (writes go on in between).

        ``progress(done, total)`` after each chunk. The record's ``counted``: how many facts were counted.
        """
        done, total, changes = 0, self.pending(), Changes()
        while counted := self._catch_up_step(changes):
            done += counted
            if progress is not None:
                progress(done, max(total, done))
        return OpResult.of("game", changes, {"counted": done})

    def catch_up_step(self) -> OpResult:
        """Count the next :data:`CATCH_UP_CHUNK` waiting facts in one transaction; the record's ``counted``: how
        many (0: none waited)."""
        changes = Changes()
        return OpResult.of("game", changes, {"counted": self._catch_up_step(changes)})

    def _catch_up_step(self, changes: Changes) -> int:
        with self._store.write() as session:
            engine = self.engine_for(session)
            mark = newest_mark(session)
            if mark is None or not is_current(session, engine):
                return 0  # nothing to catch up from: ensure_current rebuilds a stale game
            facts = list(itertools.islice(current_facts(session, after=mark.applied_seq), CATCH_UP_CHUNK))
            if facts:
                watch = Watch(session)
                run = Run(session, engine, mark, TrackedState(session))
                run.feed(facts)
                _finish(run, watch, changes)
            return len(facts)

    @staticmethod
    def _recompute(session: Session, engine: Engine, changes: Changes,
                   progress: Callable[[int], None] | None = None) -> Outcome:
        watch = Watch(session, whole=True)
        run = start(session, engine)
        run.feed(current_facts(session), progress)
        return _finish(run, watch, changes, fresh=True)

    def ensure_current(self, progress: Callable[[int], None] | None = None) -> OpResult:
        """Recompute when the state was built by other content (a new app version, a pack); the record's
        ``recomputed`` says whether it did.

        Looks first without the write lock, so that reading commands never wait for a writer when all is current.
        """
        changes = Changes()
        with self._store.read() as session:
            if is_current(session, self.engine_for(session)):
                return OpResult.of("game", changes, {"recomputed": False})
        with self._store.write() as session:
            engine = self.engine_for(session)
            if is_current(session, engine):
                return OpResult.of("game", changes, {"recomputed": False})
            self._recompute(session, engine, changes, progress)
        return OpResult.of("game", changes, {"recomputed": True})

    def recompute_in(self, tx: Tx, zone: dt.tzinfo) -> Outcome:
        """Rebuild the state inside the caller's transaction with the days of ``zone`` (a new profile zone) and
        the profile's rest days as they are in the transaction."""
        return self._recompute(tx.session, self.engine_for(tx.session, zone), tx.changes)

    def recompute(self, progress: Callable[[int], None] | None = None) -> OpResult:
        """Rebuild the game from the facts; the record counts the game events and points entries it made."""
        changes = Changes()
        with self._store.write() as session:
            out = self._recompute(session, self.engine_for(session), changes, progress)
        return OpResult.of("game", changes, {"events": len(out.derived), "entries": len(out.points)})

    def verify(self) -> list[str]:
        """Differences between the stored state and a recompute from the facts."""
        with self._store.read() as session:
            return differences(session, self.engine_for(session))

    # -- what the player sees -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _state(self) -> Iterator[tuple[State, Session | None]]:
        """The stored state, or an empty one for a folder with no database yet (reading creates nothing)."""
        if self.store is None:
            yield TrackedState(None), None
            return
        with self.store.read() as session:
            yield TrackedState(session), session

    def quests(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every chain with its status and steps (the shape of ``quests --json``)."""
        lang = lang or current_language()
        today = self.clock.now().astimezone(self.clock.tz).date()
        engine = self.engine
        with self._state() as (cache, _):
            catalogue = self.catalogue
            return [chain_view(engine, catalogue, cache, chain, today, lang) for chain in catalogue.chains]

    def badges(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every achievement, hidden ones without title, tiers or progress until earned (the shape of
        ``badges --json``)."""
        lang = lang or current_language()
        with self._state() as (cache, _):
            return [badge_row(ach, cache, lang) for ach in self.catalogue.achievements]

    def badge_detail(self, achievement_id: str, lang: str | None = None) -> dict[str, Any]:
        """One badge as :meth:`badges` lists it, with ``next`` (the next tier and its threshold) and ``levels``: each
        tier with its threshold and, once earned, when and by which fact (see :mod:`app.services.game_badges`)."""
        lang = lang or current_language()
        ach = self.catalogue.achievement(achievement_id)
        if ach is None:
            raise InvalidInput(translate("quests", "No badge '{id}'.").format(id=shown(achievement_id)))
        with self._state() as (cache, session):
            return badge_detail(session, self.catalogue, cache, ach, lang)

    def score(self) -> dict[str, int]:
        """Level, points and the next level's threshold, without the ledger's entries (cheap at any size)."""
        with self._state() as (cache, _):
            score = cache.get(SCORE_KEY, {"points": 0, "level": 1})
        level = int(score["level"])
        return {"level": level, "points": int(score["points"]), "next_level_at": points_for_level(level + 1),
                "own_points": int(score.get("own_points", 0))}

    def points(self) -> dict[str, Any]:
        """``{level, points, next_level_at, own_points, entries}`` (the shape of ``points --json``): ``points``
        count toward the level; ``own_points`` are what the user's own quest packs paid (entries ``own_quest``)."""
        with self._state() as (cache, session):
            score = cache.get(SCORE_KEY, {"points": 0, "level": 1})
            entries = [
                {"at": iso(p.at), "points": p.points, "reason": p.reason, "source_type": p.source_type,
                 "source_id": p.source_id}
                for p in (session.scalars(select(PointsEntry).order_by(PointsEntry.seq)) if session else [])
            ]
        level = int(score["level"])
        return {"level": level, "points": int(score["points"]), "next_level_at": points_for_level(level + 1),
                "own_points": int(score.get("own_points", 0)), "entries": entries}

    # -- packs ----------------------------------------------------------------------------------------------

    @property
    def packs_dir(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / PACKS_DIRNAME

    def install(self, path: Path) -> OpResult:
        """Validate a pack and copy it beside the built-in content; a newer version replaces the installed one.

        Only ``quests/ID.toml`` is written (the id validated), with the very bytes that were validated, through a
        temporary file beside it: a failure (disk full, read-only) leaves the installed packs as they were.
        """
        source = PackSource.read(Path(path))
        chain = source.chain()
        unfair = [step.id for step in chain.steps if not fair_step(step.goal)]
        if unfair:
            raise InvalidInput(translate(
                "quests", "Step '{step}' pays for receiving help or for a request over a group's limit or outside "
                "its hours: the game never rewards taking. Change its goal.").format(step=unfair[0]))
        if chain.id in {c.id for c in builtin_chains()}:
            raise InvalidInput(
                translate("quests", "'{id}' is a built-in chain; give your pack another id.").format(id=chain.id)
            )
        name = f"{chain.id}.toml"
        others = load_installed(self.data_dir, skip=name)
        if name in installed_names(self.data_dir):
            try:
                installed: Chain | None = PackSource.read(self.packs_dir / name).chain()
            except InvalidInput:
                installed = None  # a broken copy: a valid pack of the same id is its repair
            if installed is not None and chain.version <= installed.version:
                raise InvalidInput(
                    translate("quests", "Version {version} of '{id}' is already installed; raise 'version' to upgrade.")
                    .format(version=installed.version, id=chain.id)
                )
        assemble([*others, (source, chain)])  # the whole catalogue must still hold together
        changes = Changes.of(QUESTS)
        if self.store is not None:  # a pack changes the game: keep the state before it (once it is known good)
            self.store.backup("before-pack", now=self.clock.now())
            changes.mark(BACKUPS)
        target = self.packs_dir / name
        try:
            self.packs_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, source.data)
        except OSError as exc:
            raise os_error(target, exc) from None
        self._catalogue = None
        if self.store is not None:
            changes.merge(self.ensure_current().changes)
        return OpResult.of("pack", changes, {"id": chain.id, "version": chain.version, "path": str(target)})

    def uninstall(self, chain_id: str) -> OpResult:
        """Remove an installed pack: only a file listed in the data folder's ``quests/`` is ever removed.

        Works while another installed pack is broken (removing packs is the way out the error names).
        """
        name = f"{chain_id}.toml"
        # The id comes from the user: a path ("../x", "/x") or any name not installed is refused before any file
        # is touched.
        if not slug_ok(chain_id) or name not in installed_names(self.data_dir):
            raise InvalidInput(translate("quests", "No installed pack '{id}'.").format(id=shown(chain_id)))
        others = load_installed(self.data_dir, skip=name, broken=[])
        dependants = [c.id for _, c in others if chain_id in c.requires]
        if dependants:
            raise InvalidInput(
                translate("quests", "Other chains require '{id}': {chains}.").format(
                    id=chain_id, chains=", ".join(dependants)
                )
            )
        target = self.packs_dir / name
        try:
            target.unlink()
        except FileNotFoundError:
            raise InvalidInput(translate("quests", "No installed pack '{id}'.").format(id=chain_id)) from None
        except OSError as exc:
            raise os_error(target, exc) from None
        self._catalogue = None
        changes = Changes.of(QUESTS)
        if self.store is not None:
            changes.merge(self.ensure_current().changes)
        return OpResult.of("pack", changes, {"id": chain_id})


def event_key(event: dict[str, Any]) -> tuple[Any, ...]:
    """What a game event gave, whichever fact caused it: the same step of the same period, tier of a badge, level."""
    return tuple(event.get(k) for k in ("type", "chain_id", "step_id", "period", "achievement_id", "tier", "level"))


def tell(tx: Tx, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
    """What a replay changed for the user, from the events it deleted (``before``) and wrote (``after``): what it
    gave that was not there is ``tx.game``, what it did not give again is ``tx.news.lost``. An edit that takes
    back a badge and gives it again through the new version of the fact says nothing of it."""
    had, has = {event_key(e) for e in before}, {event_key(e) for e in after}
    tx.game.extend(e for e in after if event_key(e) not in had)
    tx.news.lost.extend(e for e in before if event_key(e) not in has)


def _finish(run: Run, watch: Watch, changes: Changes, *, fresh: bool = False) -> Outcome:
    """Write what the run earned and mark on ``changes`` the areas that really changed."""
    watch.fed(run)
    out = run.finish(fresh=fresh)
    changes.mark(*watch.areas(run, out))
    return out
