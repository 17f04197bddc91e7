"""The game's central invariant: the state kept incrementally equals a full recompute from the facts.

Hypothesis draws random streams of writes through the real services — groups with request limits and activity
windows, contacts whose trust changes and who get merged, helps given and received of every kind with amounts
and times spread over days (some back-dated), requests inside and outside windows and beyond limits, deals with
cuts, join counts and outcomes, settlements — with corrections mixed in (edits and deletions of helps and
requests, group edits, re-opened deals). After the stream the stored game must verify, and a recompute on a copy
of the database must rebuild the same state rows, points ledger and derived activities.

It runs once with a small catalogue that uses every goal and metric kind, and once with the built-in content.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import InvalidInput
from app.model import Activity, ActivityKind, GameState, PointsEntry
from app.quests.catalogue import Catalogue, load_catalogue
from app.quests.schema import Achievement, Chain
from app.services import Services, game, game_store
from app.store import DB_FILENAME, Store
from tests.conftest import SHANGHAI, START

# -- a catalogue that uses every goal kind ----------------------------------------------------------------------


def _step(ident: str, goal: dict[str, Any], points: int = 5, badge: str | None = None) -> dict[str, Any]:
    reward: dict[str, Any] = {"points": points}
    if badge:
        reward["badge"] = badge
    return {"id": ident, "title": {"en": ident}, "goal": goal, "reward": reward}


def _chain(ident: str, steps: list[dict[str, Any]], **extra: Any) -> Chain:
    return Chain.model_validate(
        {"id": ident, "version": 1, "title": {"en": ident}, "story": {"en": ident}, "steps": steps, **extra}
    )


def _ach(ident: str, metric: dict[str, Any], tiers: list[int], **extra: Any) -> Achievement:
    return Achievement.model_validate({"id": ident, "title": {"en": ident}, "description": {"en": ident},
                                       "metric": metric, "tiers": tiers, **extra})


@functools.cache
def small_catalogue() -> Catalogue:
    given_ = "help.given"
    chains = [
        _chain("counting", [
            _step("kinds", {"event": given_, "count": 2, "where": {"kind": ["share", "boost_click"]}}),
            _step("people", {"event": given_, "distinct": "contact_id", "count": 2}, 10),
            _step("money", {"event": given_, "sum": "amount_fen", "at_least": 500}, 20, badge="marker"),
        ], reward={"points": 5}),
        _chain("windowed", [
            _step("two-in-two", {"event": given_, "count": 2, "within_days": 2}),
            _step("polite", {"event": "request.posted", "count": 2, "within_days": 3,
                             "where": {"in_window": True, "over_limit": False}}),
            _step("people", {"event": given_, "distinct": "contact_id", "count": 2, "within_days": 3}),
            _step("money", {"event": given_, "sum": "amount_fen", "at_least": 300, "within_days": 2}, 15),
        ]),
        _chain("streaky", [
            _step("helps", {"event": given_, "streak_days": 2}),
            _step("asks", {"event": "request.posted", "streak_days": 2}, 12),
        ]),
        _chain("combo", [
            _step("both", {"all": [{"event": "deal.started"}, {"event": "help.received"}]}),
            _step("either", {"any": [{"event": "deal.succeeded"}, {"event": "deal.cut", "count": 2},
                                     {"event": "ledger.settled"}]}, 25),
        ], requires=["counting"]),
        _chain("levelled", [
            _step("trusted", {"event": given_, "where": {"contact_trust": "trusted"}}),
            _step("guard", {"event": "contact.trust_changed", "where": {"contact_trust": "blocked"}}, 30),
        ], min_level=2),
        _chain("daily", [_step("two", {"event": given_, "count": 2}, 3)], repeat="daily"),
        _chain("weekly", [
            _step("people", {"event": given_, "distinct": "contact_id", "count": 2}),
            _step("ask", {"event": "request.posted", "where": {"over_limit": False}}, 8),
        ], repeat="weekly"),
        _chain("fresh", [
            _step("fresh", {"event": given_, "where": {"group_vertical": ["fresh_food", "mother_baby"]}}),
            _step("owner", {"event": "request.posted", "where": {"group_role": "owner"}}, 6),
        ]),
    ]
    achievements = [
        _ach("helper", {"event": given_}, [1, 3, 6, 10]),
        _ach("friends", {"event": given_, "distinct": "contact_id"}, [2, 4]),
        _ach("saver", {"event": given_, "sum": "amount_fen"}, [300, 1000, 3000], tier_points=[5, 10, 15]),
        _ach("habit", {"event": given_, "streak": True}, [2, 3]),
        _ach("polite", {"event": "request.posted"}, [1, 3, 5],
             penalty={"event": "request.posted", "where": {"over_limit": True}}),
        _ach("cutter", {"event": "deal.cut"}, [1, 3], hidden=True),
        _ach("marker", {"event": "group.joined"}, [5]),
        _ach("taker", {"event": "help.received"}, [2]),
    ]
    return Catalogue.build(chains, achievements)


@functools.cache
def builtin_catalogue() -> Catalogue:
    return load_catalogue(None)


CATALOGUES = {"small": small_catalogue, "builtin": builtin_catalogue}

# -- the random streams ----------------------------------------------------------------------------------------

IDX = st.integers(min_value=0, max_value=1_000)
HOURS = st.sampled_from([0.1, 0.5, 1, 2, 3, 5, 8, 11, 16, 23, 24, 26, 49])
BACK = st.sampled_from([0, 0, 0, 0.5, 3, 20, 30, 75])  # hours to back-date a fact by
AMOUNT = st.none() | st.integers(min_value=0, max_value=800)
KIND = st.sampled_from(["bargain_cut", "join_group", "boost_click", "share", "other"])
DIRECTION = st.sampled_from(["given", "given", "received"])
TRUST = st.sampled_from(["normal", "normal", "trusted", "blocked"])
VERTICAL = st.sampled_from(["fresh_food", "mother_baby", "digital", "other"])
LIMIT = st.sampled_from([None, 1, 2, 3])
WINDOWS = st.sampled_from([[], ["Mon-Sun 19:00-22:00"], ["Mon-Fri 20:00-21:00", "Sat,Sun 09:00-23:00"]])
ROLE = st.sampled_from(["member", "member", "owner", "admin"])
HELP_EDIT = st.one_of(
    st.tuples(st.just("kind"), KIND),
    st.tuples(st.just("amount_fen"), AMOUNT),
    st.tuples(st.just("contact"), IDX),
    st.tuples(st.just("direction"), DIRECTION),
    st.tuples(st.just("at"), BACK),
    st.tuples(st.just("note"), st.sampled_from(["thanks", "paid back", ""])),
)

OPS = st.one_of(
    st.tuples(st.just("advance"), HOURS),
    st.tuples(st.just("advance"), HOURS),
    st.tuples(st.just("group"), LIMIT, WINDOWS, VERTICAL, ROLE),
    st.tuples(st.just("contact"), TRUST),
    st.tuples(st.just("trust"), IDX, TRUST),
    st.tuples(st.just("help"), DIRECTION, IDX, KIND, AMOUNT, st.none() | IDX, BACK),
    st.tuples(st.just("help"), DIRECTION, IDX, KIND, AMOUNT, st.none() | IDX, BACK),
    st.tuples(st.just("help"), DIRECTION, IDX, KIND, AMOUNT, st.none() | IDX, BACK),
    st.tuples(st.just("request"), IDX, BACK),
    st.tuples(st.just("request"), IDX, BACK),
    st.tuples(st.just("deal"), st.sampled_from(["bargain", "group_buy", "boost"]), IDX, st.booleans()),
    st.tuples(st.just("cut"), IDX, IDX, st.integers(min_value=1, max_value=600), DIRECTION),
    st.tuples(st.just("join"), IDX, st.integers(min_value=0, max_value=4)),
    st.tuples(st.just("status"), IDX, st.sampled_from(["succeeded", "failed", "open"])),
    st.tuples(st.just("settle"), IDX, BACK),
    st.tuples(st.just("edit_help"), IDX, HELP_EDIT),
    st.tuples(st.just("delete_help"), IDX),
    st.tuples(st.just("edit_request"), IDX, BACK),
    st.tuples(st.just("delete_request"), IDX),
    st.tuples(st.just("edit_group"), IDX, VERTICAL, LIMIT),
    st.tuples(st.just("merge"), IDX, IDX),
)


class World:
    """The services over one temporary store, and the records the stream created so far."""

    def __init__(self, folder: Path, catalogue: Catalogue) -> None:
        self.clock = FixedClock(START, SHANGHAI)
        self.store = Store.open(folder / "data")
        self.services = Services(self.store, self.clock)
        self.services.game._catalogue = catalogue
        self.groups: list[str] = []
        self.contacts: list[str] = []
        self.deals: list[tuple[str, str]] = []
        self.helps: list[str] = []
        self.requests: list[str] = []
        self.refused = 0
        svc = self.services
        self.groups.append(str(svc.groups.create(name="G0", windows=["Mon-Sun 19:00-22:00"],
                                                 daily_request_limit=2, vertical="fresh_food").entity_id))
        for trust in ("normal", "trusted"):
            self.contacts.append(str(svc.contacts.create(nickname=f"P{len(self.contacts)}", trust=trust).entity_id))

    def back(self, hours: float) -> dt.datetime | None:
        return None if not hours else self.clock.now() - dt.timedelta(hours=hours)

    @staticmethod
    def pick(items: list[Any], index: int | None) -> Any:
        if index is None or not items:
            return None
        return items[index % len(items)]

    def run(self, op: tuple[Any, ...]) -> None:
        try:
            self._run(op)
        except InvalidInput:
            self.refused += 1  # a refused write changes nothing; the stream goes on

    def _run(self, op: tuple[Any, ...]) -> None:
        svc = self.services
        name, *args = op
        if name == "advance":
            self.clock.advance(hours=args[0])
        elif name == "group":
            limit, windows, vertical, role = args
            self.groups.append(str(svc.groups.create(
                name=f"G{len(self.groups)}", daily_request_limit=limit, windows=windows, vertical=vertical,
                my_role=role,
            ).entity_id))
        elif name == "contact":
            self.contacts.append(str(svc.contacts.create(nickname=f"P{uuid.uuid4().hex[:6]}",
                                                         trust=args[0]).entity_id))
        elif name == "trust":
            svc.contacts.edit(self.pick(self.contacts, args[0]), trust=args[1])
        elif name == "help":
            direction, who, kind, amount, group, back = args
            fields: dict[str, Any] = {"direction": direction, "kind": kind, "contact": self.pick(self.contacts, who),
                                      "amount_fen": amount, "at": self.back(back)}
            if group is not None:
                fields["group"] = self.pick(self.groups, group)
            self.helps.append(str(svc.helps.create(**fields).entity_id))
        elif name == "request":
            self.requests.append(str(svc.requests.create(group=self.pick(self.groups, args[0]),
                                                         at=self.back(args[1])).entity_id))
        elif name == "deal":
            kind, group, mine = args
            extra: dict[str, Any] = {"original_fen": 2_000, "target_fen": 500} if kind == "bargain" else {}
            if kind == "group_buy":
                extra["participants_needed"] = 3
            deal = svc.deals.create(kind=kind, title=f"Deal {len(self.deals)}", mine=mine,
                                    group=self.pick(self.groups, group), **extra)
            self.deals.append((str(deal.entity_id), kind))
        elif name == "cut":
            bargains = [d for d, kind in self.deals if kind == "bargain"]
            deal = self.pick(bargains, args[0])
            if deal is not None:
                self.helps.append(str(svc.helps.create(
                    direction=args[3], kind="bargain_cut", contact=self.pick(self.contacts, args[1]), deal=deal,
                    amount_fen=args[2],
                ).entity_id))
        elif name == "join":
            buys = [d for d, kind in self.deals if kind == "group_buy"]
            deal = self.pick(buys, args[0])
            if deal is not None:
                svc.deals.join_count(deal, args[1])
        elif name == "status":
            deal = self.pick(self.deals, args[0])
            if deal is not None:
                svc.deals.set_status(deal[0], args[1])
        elif name == "settle":
            svc.ledger.settle(self.pick(self.contacts, args[0]), at=self.back(args[1]))
        elif name == "edit_help":
            ref = self.pick(self.helps, args[0])
            if ref is not None:
                field, value = args[1]
                if field == "contact":
                    value = self.pick(self.contacts, value)
                elif field == "at":
                    value = self.back(value) or self.clock.now()
                svc.helps.edit(ref, **{field: value})
        elif name == "delete_help":
            ref = self.pick(self.helps, args[0])
            if ref is not None:
                svc.helps.delete(ref)
                self.helps.remove(ref)
        elif name == "edit_request":
            ref = self.pick(self.requests, args[0])
            if ref is not None:
                svc.requests.edit(ref, at=self.back(args[1]) or self.clock.now())
        elif name == "delete_request":
            ref = self.pick(self.requests, args[0])
            if ref is not None:
                svc.requests.delete(ref)
                self.requests.remove(ref)
        elif name == "edit_group":
            svc.groups.edit(self.pick(self.groups, args[0]), vertical=args[1], daily_request_limit=args[2])
        elif name == "merge":
            keep, other = self.pick(self.contacts, args[0]), self.pick(self.contacts, args[1])
            if keep != other and len(self.contacts) > 2:
                svc.contacts.merge(keep, other)
                self.contacts.remove(other)
        else:  # pragma: no cover
            raise AssertionError(name)


# -- comparing the game of two stores ---------------------------------------------------------------------------


def game_rows(store: Store) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[uuid.UUID, tuple[Any, ...]]]:
    with store.read() as session:
        state = {row.key: row.value for row in session.scalars(select(GameState))}
        points = [
            (p.at, p.points, p.reason, p.source_type, p.source_id, p.activity_id)
            for p in session.scalars(select(PointsEntry).order_by(PointsEntry.seq))
        ]
        events = {
            a.id: (a.type, a.at, a.recorded_at, a.entity_type, a.entity_id, a.payload)
            for a in session.scalars(select(Activity).where(Activity.kind == ActivityKind.derived))
        }
    return state, points, events


def copy_store(store: Store, folder: Path) -> Store:
    """A copy of the database through SQLite's backup API (the WAL included), opened as a store."""
    folder.mkdir(parents=True)
    source = sqlite3.connect(store.path)
    target = sqlite3.connect(folder / DB_FILENAME)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return Store.open(folder)


def check_incremental_equals_recompute(world: World, catalogue: Catalogue, folder: Path) -> None:
    world.services.game.catch_up()
    assert world.services.game.pending() == 0
    assert world.services.game.verify() == []
    stored = game_rows(world.store)
    # Equal to a recompute is not enough: an engine that earns nothing would be. Every world joined a group.
    assert world.services.game.points()["points"] > 0, "nothing was earned"
    assert set(stored[0]) - {"meta", "score"}, "no state was kept"
    copy = copy_store(world.store, folder / "copy")
    try:
        fresh = Services(copy, FixedClock(world.clock.now(), SHANGHAI))
        fresh.game._catalogue = catalogue
        fresh.game.recompute()
        rebuilt = game_rows(copy)
    finally:
        copy.close()
    assert rebuilt[0] == stored[0], "game_state rows differ"
    assert rebuilt[1] == stored[1], "points ledger differs"
    assert rebuilt[2] == stored[2], "derived activities differ"


@pytest.mark.parametrize("which", sorted(CATALOGUES))
@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow,
                                                               HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=12, max_size=50), every=st.sampled_from([1, 3, 7, 2_000]),
       inline=st.sampled_from([0, 6, 50_000]))
def test_incremental_game_equals_recompute(which: str, ops: list[tuple[Any, ...]], every: int, inline: int) -> None:
    """``every``: facts between checkpoints, small so that corrections go back across several of them; ``inline``:
    the most facts a correction replays in its write (the rest, and every fact recorded meanwhile, wait for the
    catch-up, which runs at the end)."""
    catalogue = CATALOGUES[which]()
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory(prefix="game-property-") as tmp:
        patch.setattr(game_store, "CHECKPOINT_EVERY", every)
        patch.setattr(game, "REPLAY_INLINE", inline)
        folder = Path(tmp)
        world = World(folder, catalogue)
        try:
            for op in ops:
                world.run(op)
            check_incremental_equals_recompute(world, catalogue, folder)
        finally:
            world.store.close()


def test_a_long_stream_with_every_operation_stays_consistent() -> None:
    """One fixed, long stream through the small catalogue: every kind of write, many days, many corrections."""
    catalogue = small_catalogue()
    ops: list[tuple[Any, ...]] = [
        ("group", 1, ["Mon-Sun 19:00-22:00"], "mother_baby", "owner"),
        ("contact", "trusted"), ("contact", "normal"), ("contact", "blocked"),
        ("deal", "bargain", 0, True), ("deal", "group_buy", 1, False), ("deal", "boost", 0, True),
    ]
    for day in range(21):
        ops += [
            ("help", "given", day, ["share", "boost_click", "bargain_cut", "other", "join_group"][day % 5],
             100 * (day % 4) or None, day % 2, [0, 3, 30][day % 3]),
            ("help", "received", day + 1, "share", None, None, 0),
            ("request", day, [0, 0.5, 20][day % 3]),
            ("request", day, 0),
            ("request", day, 0),
            ("cut", 0, day, 50, "received"),
            ("join", 0, day % 4),
            ("trust", day, ["trusted", "normal", "blocked"][day % 3]),
            ("settle", day, 0) if day % 4 == 0 else ("advance", 1),
            ("edit_help", day * 7, ("amount_fen", 300)) if day % 3 == 0 else ("delete_help", day * 5),
            ("edit_request", day, 2) if day % 2 else ("delete_request", day),
            ("edit_group", day, ["digital", "fresh_food"][day % 2], [1, 2][day % 2]),
            ("status", day, ["succeeded", "open", "failed"][day % 3]),
            ("advance", 23 if day % 5 else 49),
        ]
        if day == 10:  # 'combo' opens once 'counting' is done: a deal started now counts for it
            ops += [("deal", "bargain", 1, True), ("help", "received", 2, "share", None, None, 0)]
    ops += [("merge", 1, 2), ("help", "given", 1, "share", 50, 0, 0)]
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory(prefix="game-property-") as tmp:
        patch.setattr(game_store, "CHECKPOINT_EVERY", 5)
        folder = Path(tmp)
        world = World(folder, catalogue)
        try:
            for op in ops:
                world.run(op)
            assert world.services.game.points()["points"] > 0
            assert any(b["earned_tier"] for b in world.services.game.badges())
            check_incremental_equals_recompute(world, catalogue, folder)
        finally:
            world.store.close()
