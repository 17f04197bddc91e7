"""The game over one store: runs after every write, recomputes, shows quests, badges and points, manages packs."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock, iso
from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.model import Activity, ActivityKind, PointsEntry
from app.quests import goals
from app.quests.catalogue import PACKS_DIRNAME, Catalogue, load_catalogue
from app.quests.engine import SCORE_KEY, Engine, Outcome, StateCache, period_of
from app.quests.levels import points_for_level
from app.quests.schema import TIER_NAMES, Chain, load_chain
from app.store import Store

if TYPE_CHECKING:
    from app.services.base import Tx


class Game:
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
        return Engine(self.catalogue, self.clock.tz)

    # -- keeping the state current ------------------------------------------------------------------------

    def after(self, tx: Tx) -> None:
        """Run inside a service's transaction once its facts are written."""
        if not tx.facts and not tx.corrected:
            return
        engine = self.engine
        tx.session.flush()
        if tx.corrected or not engine.is_current(tx.session):
            # Only what the recompute adds is news to the user: the rest of the history was earned before.
            known = set(tx.session.scalars(select(Activity.id).where(Activity.kind == ActivityKind.derived)))
            out = engine.recompute(tx.session)
            tx.game.extend(e for e, row in zip(out.summary, out.derived, strict=True) if row["id"] not in known)
        else:
            out = engine.process(tx.session, tx.facts)
            tx.game.extend(out.summary)

    def ensure_current(self, progress: Callable[[int], None] | None = None) -> bool:
        """Recompute when the state was built by other content (a new app version, a pack); True if it did.

        Looks first without the write lock, so that reading commands never wait for a writer when all is current.
        """
        with self._store.read() as session:
            if self.engine.is_current(session):
                return False
        with self._store.write() as session:
            engine = self.engine
            if engine.is_current(session):
                return False
            engine.recompute(session, progress)
            return True

    def recompute_in(self, session: Session, zone: dt.tzinfo) -> Outcome:
        """Rebuild the state inside the caller's transaction with the days of ``zone`` (a new profile zone)."""
        return Engine(self.catalogue, zone).recompute(session)

    def recompute(self, progress: Callable[[int], None] | None = None) -> Outcome:
        with self._store.write() as session:
            return self.engine.recompute(session, progress)

    def verify(self) -> list[str]:
        """Differences between the stored state and a recompute from the facts."""
        with self._store.read() as session:
            return self.engine.differences(session)

    # -- what the player sees -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _state(self) -> Iterator[tuple[StateCache, Session | None]]:
        """The stored state, or an empty one for a folder with no database yet (reading creates nothing)."""
        if self.store is None:
            yield StateCache(None), None
            return
        with self.store.read() as session:
            yield StateCache(session), session

    def quests(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every chain with its status and steps (the shape of ``quests --json``)."""
        lang = lang or current_language()
        today = self.clock.now().astimezone(self.clock.tz).date()
        engine = self.engine
        with self._state() as (cache, _):
            return [self._chain_view(engine, cache, chain, today, lang) for chain in self.catalogue.chains]

    def _chain_view(self, engine: Engine, cache: StateCache, chain: Chain, today: dt.date,
                    lang: str) -> dict[str, Any]:
        reason = engine.locked_reason(cache, chain)
        state = cache.get(f"chain:{chain.id}:{period_of(chain, today)}")
        done = bool(state and state["done"])
        current = len(chain.steps) if done else (state["step"] if state else 0)
        steps = []
        for index, step in enumerate(chain.steps):
            if index < current:
                status, (progress, target) = "done", (step.goal.target, step.goal.target)
            elif index == current and reason is None:
                status, (progress, target) = "active", goals.progress(step.goal, state["goal"] if state else None)
            else:
                status, (progress, target) = "locked", goals.progress(step.goal, None)
            if status == "done":
                progress, target = goals.progress(step.goal, None)[1], goals.progress(step.goal, None)[1]
            steps.append({"id": step.id, "title": step.title.get(lang), "status": status,
                          "progress": progress, "target": target})
        return {
            "id": chain.id,
            "title": chain.title.get(lang),
            "story": chain.story.get(lang),
            "status": "locked" if reason else ("done" if done else "active"),
            "locked_reason": self._reason_text(reason, lang),
            "repeat": chain.repeat,
            "installed": chain.id in self.catalogue.installed,
            "steps": steps,
        }

    def _reason_text(self, reason: str | None, lang: str) -> str | None:
        if reason is None:
            return None
        kind, _, value = reason.partition(":")
        if kind == "level":
            return translate("quests", "Reach level {level}.").format(level=value)
        titles = []
        for chain_id in value.split(","):
            chain = self.catalogue.chain(chain_id)
            titles.append(chain.title.get(lang) if chain else chain_id)
        return translate("quests", "Complete {chains} first.").format(chains=", ".join(titles))

    def badges(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every achievement, hidden ones without title until earned (the shape of ``badges --json``)."""
        lang = lang or current_language()
        with self._state() as (cache, _):
            rows = []
            for ach in self.catalogue.achievements:
                state = cache.get(f"ach:{ach.id}", {})
                earned = int(state.get("tier", 0))
                secret = ach.hidden and earned == 0
                rows.append({
                    "id": ach.id,
                    "title": None if secret else ach.title.get(lang),
                    "description": None if secret else ach.description.get(lang),
                    "hidden": ach.hidden,
                    "tiers": list(ach.tiers),
                    "tier_names": list(TIER_NAMES[: len(ach.tiers)]),
                    "earned_tier": earned,
                    "progress": int(state.get("value", 0)),
                })
            return rows

    def score(self) -> dict[str, int]:
        """Level, points and the next level's threshold, without the ledger's entries (cheap at any size)."""
        with self._state() as (cache, _):
            score = cache.get(SCORE_KEY, {"points": 0, "level": 1})
        level = int(score["level"])
        return {"level": level, "points": int(score["points"]), "next_level_at": points_for_level(level + 1)}

    def points(self) -> dict[str, Any]:
        """``{level, points, next_level_at, entries}`` (the shape of ``points --json``)."""
        with self._state() as (cache, session):
            score = cache.get(SCORE_KEY, {"points": 0, "level": 1})
            entries = [
                {"at": iso(p.at), "points": p.points, "reason": p.reason, "source_type": p.source_type,
                 "source_id": p.source_id}
                for p in (session.scalars(select(PointsEntry).order_by(PointsEntry.seq)) if session else [])
            ]
        level = int(score["level"])
        return {"level": level, "points": int(score["points"]), "next_level_at": points_for_level(level + 1),
                "entries": entries}

    # -- packs ----------------------------------------------------------------------------------------------

    @property
    def packs_dir(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / PACKS_DIRNAME

    def install(self, path: Path) -> dict[str, Any]:
        """Validate a pack and copy it beside the built-in content; a newer version replaces the installed one."""
        path = Path(path)
        chain = load_chain(path)
        builtin = {c.id for c in self.catalogue.chains if c.id not in self.catalogue.installed}
        if chain.id in builtin:
            raise InvalidInput(
                translate("quests", "'{id}' is a built-in chain; give your pack another id.").format(id=chain.id)
            )
        target = self.packs_dir / f"{chain.id}.toml"
        if target.exists():
            installed = load_chain(target)
            if chain.version <= installed.version:
                raise InvalidInput(
                    translate("quests", "Version {version} of '{id}' is already installed; raise 'version' to upgrade.")
                    .format(version=installed.version, id=chain.id)
                )
        others = tuple(p for p in sorted(self.packs_dir.glob("*.toml")) if p != target)
        load_catalogue(None, extra=(*others, path))  # the whole catalogue must still hold together
        self.packs_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        shutil.copyfile(path, partial)
        partial.replace(target)
        self._catalogue = None
        if self.store is not None:
            self.ensure_current()
        return {"id": chain.id, "version": chain.version, "path": str(target)}

    def uninstall(self, chain_id: str) -> dict[str, Any]:
        target = self.packs_dir / f"{chain_id}.toml"
        if not target.is_file():
            raise InvalidInput(translate("quests", "No installed pack '{id}'.").format(id=chain_id))
        dependants = [c.id for c in self.catalogue.chains if chain_id in c.requires]
        if dependants:
            raise InvalidInput(
                translate("quests", "Other chains require '{id}': {chains}.").format(
                    id=chain_id, chains=", ".join(dependants)
                )
            )
        target.unlink()
        self._catalogue = None
        if self.store is not None:
            self.ensure_current()
        return {"id": chain_id}
