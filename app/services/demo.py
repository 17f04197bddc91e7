"""Demo data: fill an empty store with a realistic, deterministic history, bulk-written in chunks with progress.

:mod:`app.services.demo_plan` draws the world and every fact; this module renders them into rows exactly as the
services would have written them (same activity types, entities and :func:`~app.services.base.snapshot`
payloads) and inserts them with SQLAlchemy Core, one transaction per chunk, activities in time order so that
``seq`` follows ``at``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import TableClause, column, delete, insert, select, table, text
from sqlalchemy.orm import Session

from app.clock import Clock, ZonedClock
from app.errors import InvalidInput
from app.i18n import translate
from app.model import (
    Activity,
    ActivityKind,
    ActivityWindow,
    BargainCut,
    Base,
    Contact,
    ContactGroup,
    Deal,
    DealKind,
    DealStatus,
    Group,
    HelpExchange,
    HelpRequest,
    LedgerBalance,
    LedgerSettlement,
    Platform,
    PriceTier,
    Profile,
    Role,
    Trust,
    Vertical,
)
from app.services import demo_plan
from app.services import demo_world as w
from app.services.base import profile_zone, snapshot
from app.services.queries import QueryService
from app.services.records import plain
from app.services.validate import in_windows
from app.store import Store, copy_database, database_path

MAX_ACTIVITIES = 10_000_000
CHUNK = 40_000  # activities per write transaction, at most
MIN_CHUNK = 100
CACHE_KIB = 262_144  # page cache while a chunk is written (big indexes stay in memory); restored after
_V4_KEEP = ~((0xF000 << 64) | (0xC000 << 48))  # version nibble and variant bits cleared…
_V4_MARK = (4 << 76) | (0x8000 << 48)  # …and set to version 4, RFC 4122 variant
FACT = ActivityKind.fact.value
CORRECTION = ActivityKind.correction.value


# The five big tables are written through untyped table clauses, with values already in the form the model's
# column types bind them (UUID as 32 hex digits, DateTime as "YYYY-MM-DD HH:MM:SS.ffffff" UTC, JSON as
# json.dumps text): SQLAlchemy's per-value bind processors cost as much as SQLite's own insert. A test copies
# every row through typed inserts and checks the stored bytes are the same.
DEMO_ACTIVITIES = 3000  # the size of the demo the window and `--demo` make: a few months of a busy user


def _bulk(model: type[Base]) -> TableClause:
    """The model's table without column types (and without ``seq``, which SQLite numbers)."""
    names = [c.name for c in model.__table__.columns if c.name != "seq"]
    return table(model.__tablename__, *(column(name) for name in names))


ACTIVITY_ROWS = _bulk(Activity)
HELP_ROWS = _bulk(HelpExchange)
REQUEST_ROWS = _bulk(HelpRequest)
CUT_ROWS = _bulk(BargainCut)
SETTLEMENT_ROWS = _bulk(LedgerSettlement)


def iter_generate_demo(
    store: Store, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1
) -> Iterator[tuple[int, int]]:
    """Fill an empty, migrated store with demo data; yields (activities written, activities to write) per chunk.

    The checks run at once (bad size, data already there: :class:`InvalidInput`, nothing written); the work runs
    as the generator is consumed. Each chunk is one transaction, so stopping early leaves a partial demo behind.
    """
    if isinstance(activities, bool) or not demo_plan.MIN_ACTIVITIES <= activities <= MAX_ACTIVITIES:
        raise InvalidInput(
            translate("demo", "The demo needs between {min} and {max} activities (got {value}).").format(
                min=demo_plan.MIN_ACTIVITIES, max=MAX_ACTIVITIES, value=activities
            ),
            "activities",
        )
    with store.read() as session:
        _refuse_data(session, store)
    return _Writer(store, demo_plan.DemoPlan(_zoned(store, clock), activities, seed)).run()


def _zoned(store: Store, clock: Clock) -> Clock:
    """The clock in the zone of the folder's profile when it has one (the demo's days are then the user's)."""
    with store.read() as session:
        zone = profile_zone(session)
    return ZonedClock(clock, zone) if zone is not None else clock


def generate_demo(store: Store, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1,
                  progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Fill an empty, migrated store with demo data; returns the number of records per table.

    ``progress(done)`` is called after each chunk with the activities written so far.
    """
    from app.services.game import GameService

    for done, _total in iter_generate_demo(store, clock, activities=activities, seed=seed):
        if progress is not None:
            progress(done)
    clock = _zoned(store, clock)
    GameService(store, clock).recompute()
    return QueryService(store, clock).counts()


def _refuse_data(session: Session, store: Store) -> None:
    for model in (Group, Contact, Deal, HelpExchange, HelpRequest, LedgerSettlement, Activity):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise InvalidInput(
                translate(
                    "demo",
                    "Demo data only goes into an empty data folder; {path} already holds groups, contacts or history.",
                ).format(path=store.data_dir),
            )


def uuid4_hex(bits: int) -> str:
    """``uuid.UUID(int=bits, version=4).hex`` without building the object (a million of them add up)."""
    return f"{(bits & _V4_KEEP) | _V4_MARK:032x}"


def _dashed(hex_: str) -> str:
    """``str(uuid.UUID(hex_))``: the 8-4-4-4-12 form payloads use."""
    return f"{hex_[:8]}-{hex_[8:12]}-{hex_[12:16]}-{hex_[16:20]}-{hex_[20:]}"


def _utc(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


class _Stamps:
    """Whole seconds since the epoch as SQLite's stored ``DateTime`` text (what ``UTCDateTime`` would bind)."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}

    def __call__(self, ts: int) -> str:
        day, second = divmod(ts, 86_400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = _utc(day * 86_400).strftime("%Y-%m-%d")
        return f"{prefix} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000"


class _Writer:
    """Renders the planned events into rows and writes them chunk by chunk."""

    def __init__(self, store: Store, plan: demo_plan.DemoPlan) -> None:
        self.store = store
        self.plan = plan
        self.tz = plan.tz
        self.rng = plan.rng
        self.stamp = _Stamps()
        self.blank = snapshot(tz=self.tz, at=_utc(plan.now))
        self.group_parts: list[dict[str, Any]] = []
        self.contact_parts: list[dict[str, dict[str, Any]]] = []
        self.deal_parts: list[dict[str, Any]] = []
        self.requests_per_day: dict[tuple[int, int], int] = {}
        self.pending_cuts: dict[int, str] = {}  # serial of a help's transaction → id of its cut, written with it
        self.balances: list[int] = []
        # Each contact's kept balance (app.services.balances) per group index: given, received, given fen,
        # received fen since their last settlement (whole seconds, ``since``); written with each chunk.
        self.kept: dict[int, dict[int, list[int]]] = {}
        self.since: dict[int, int] = {}

    # -- the run ----------------------------------------------------------------------------------------

    def run(self) -> Iterator[tuple[int, int]]:
        plan = self.plan.build()
        self.balances = [0] * len(plan.contacts)
        with self.store.write() as session:
            _refuse_data(session, self.store)
            self._write_world(session)
        yield 0, plan.target
        events = plan.events
        events.sort()
        written = 0
        size = min(CHUNK, max(MIN_CHUNK, len(events) // 20))  # a small demo still reports (and cancels) often
        for start in range(0, len(events), size):
            chunk = events[start : start + size]
            self._write_chunk(chunk)
            written += len(chunk)
            yield written, plan.target

    def _hex(self) -> str:
        return uuid4_hex(self.rng.getrandbits(128))

    # -- groups, contacts, deals ------------------------------------------------------------------------

    def _write_world(self, session: Session) -> None:
        plan, now = self.plan, _utc(self.plan.now)
        profile = dict(plan.profile, created_at=_utc(plan.profile["created_at"]))
        if session.scalar(select(Profile.id).limit(1)) is None:
            session.execute(insert(Profile), [profile])
        groups, windows = [], []
        for g in plan.groups:
            transient = Group(
                id=g.id, platform=Platform(g.platform), vertical=Vertical(g.vertical), my_role=Role(g.role),
                daily_request_limit=g.limit,
                windows=[ActivityWindow(weekday=d, start=s, end=e) for d, s, e in g.windows],
            )
            self.group_parts.append(self._part(snapshot(tz=self.tz, at=now, group=transient)))
            groups.append({
                "id": g.id, "name": g.name, "platform": Platform(g.platform), "vertical": Vertical(g.vertical),
                "my_role": Role(g.role), "rules": g.rules, "daily_request_limit": g.limit, "joined_at": _utc(g.joined),
                "left_at": _utc(g.left) if g.left is not None else None, "archived": False, "notes": "",
                "created_at": _utc(g.created), "updated_at": _utc(g.left if g.left is not None else g.created),
            })
            windows += [
                {"id": uuid.UUID(int=self.rng.getrandbits(128), version=4), "group_id": g.id, "weekday": d,
                 "start": s, "end": e}
                for d, s, e in g.windows
            ]
        contacts, links = [], []
        for c in plan.contacts:
            self.contact_parts.append({
                trust: self._part(snapshot(tz=self.tz, at=now, contact=Contact(id=c.id, trust=Trust(trust))))
                for trust in dict.fromkeys((c.first_trust, c.trust))
            })
            contacts.append({
                "id": c.id, "nickname": c.nickname, "wechat_id": c.wechat_id, "phone": c.phone, "trust": Trust(c.trust),
                "notes": c.notes, "archived": False, "created_at": _utc(c.created),
                "updated_at": _utc(c.changed if c.changed is not None else c.created),
            })
            links += [{"contact_id": c.id, "group_id": plan.groups[g].id} for g in c.groups]
        deals, tiers = [], []
        for d in plan.deals:
            kind = DealKind(d.kind)
            self.deal_parts.append(self._part(snapshot(tz=self.tz, at=now, deal=Deal(id=d.id, kind=kind))))
            deals.append({
                "id": d.id, "kind": kind, "title": d.title, "url": d.url, "url_key": d.url_key,
                "group_id": plan.groups[d.group].id, "mine": d.mine, "original_fen": d.original,
                "target_fen": d.target, "current_fen": d.current, "participants_needed": d.needed,
                "participants_joined": d.joined, "deadline": _utc(d.deadline), "status": DealStatus(d.status),
                "started_at": _utc(d.started), "closed_at": _utc(d.closed) if d.closed is not None else None,
                "archived": False, "notes": d.notes, "created_at": _utc(d.started), "updated_at": _utc(d.last_change),
            })
            tiers += [
                {"id": uuid.UUID(int=self.rng.getrandbits(128), version=4), "deal_id": d.id,
                 "min_participants": n, "price_fen": price}
                for n, price in d.tiers
            ]
        for model, rows in (
            (Group, groups), (ActivityWindow, windows), (Contact, contacts), (ContactGroup, links),
            (Deal, deals), (PriceTier, tiers),
        ):
            if rows:
                session.execute(insert(model), rows)

    def _part(self, payload: dict[str, Any]) -> dict[str, Any]:
        """What one entity adds to a snapshot (its keys that differ from an empty snapshot, but ``in_window``)."""
        return {k: v for k, v in payload.items() if k != "in_window" and v != self.blank[k]}

    # -- facts ------------------------------------------------------------------------------------------

    def _payload(self, ts: int, group: int, contact: int, deal: int, kind: str | None = None,
                 amount: int | None = None) -> dict[str, Any]:
        """``snapshot(...)`` for these entities at ``ts``, built from their cached parts."""
        payload = self.blank.copy()
        if group != w.NO:
            payload.update(self.group_parts[group])
            local = dt.datetime.fromtimestamp(ts, self.tz)
            payload["in_window"] = in_windows(self.plan.groups[group].windows, local)
        if contact != w.NO:
            payload.update(self.contact_parts[contact][self.plan.contacts[contact].trust_at(ts)])
        if deal != w.NO:
            payload.update(self.deal_parts[deal])
        payload["kind"] = kind
        payload["amount_fen"] = amount
        return payload

    def _write_chunk(self, chunk: list[w.Event]) -> None:
        plan = self.plan
        groups, contacts, deals = plan.groups, plan.contacts, plan.deals
        ghex = [g.id.hex for g in groups]
        chex = [c.id.hex for c in contacts]
        dhex = [d.id.hex for d in deals]
        activities: list[dict[str, Any]] = []
        helps: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        cuts: list[dict[str, Any]] = []
        settlements: list[dict[str, Any]] = []

        def fact(type_: str, entity_type: str, entity_id: str, payload: dict[str, Any], at: str,
                 recorded_at: str | None = None, kind: str = FACT) -> None:
            activities.append({
                "id": self._hex(), "type": type_, "kind": kind, "at": at, "recorded_at": recorded_at or at,
                "entity_type": entity_type, "entity_id": entity_id, "payload": json.dumps(payload), "corrects": None,
                "superseded_by": None,
            })

        for ts, serial, _sub, code, g, c, d, kind, amount, note, flags in chunk:
            at = self.stamp(ts)
            if code == w.HELP:
                ident = self._hex()
                direction = "received" if flags & w.RECEIVED else "given"
                kind_name = w.HELP_KINDS[kind]
                helps.append({
                    "id": ident, "direction": direction, "kind": kind_name, "contact_id": chex[c],
                    "group_id": ghex[g] if g != w.NO else None, "deal_id": dhex[d] if d != w.NO else None,
                    "amount_fen": amount, "at": at, "note": note, "created_at": at,
                })
                if flags & w.LINKED:  # the cut's row waits for its help: the row points at the help
                    cuts.append({"id": self.pending_cuts.pop(serial), "deal_id": dhex[d], "help_id": ident,
                                 "contact_id": chex[c], "amount_fen": amount, "at": at})
                self.balances[c] += -1 if flags & w.RECEIVED else 1
                if ts > self.since.get(c, -1):  # a help at the very second of a settlement is settled
                    figures = self.kept.setdefault(c, {}).setdefault(g, [0, 0, 0, 0])
                    side = 1 if flags & w.RECEIVED else 0
                    figures[side] += 1
                    figures[2 + side] += amount or 0
                fact(f"help.{direction}", "help", ident, self._payload(ts, g, c, d, kind_name, amount), at)
            elif code == w.CUT:
                cut = self._hex()
                if flags & w.LINKED:
                    self.pending_cuts[serial] = cut
                else:
                    cuts.append({"id": cut, "deal_id": dhex[d], "help_id": None,
                                 "contact_id": chex[c] if c != w.NO else None, "amount_fen": amount, "at": at})
                payload = self._payload(ts, deals[d].group, c, d, "bargain_cut", amount)
                payload["cut_id"] = _dashed(cut)
                fact("deal.cut", "deal", dhex[d], payload, at)
            elif code == w.REQUEST:
                ident = self._hex()
                requests.append({"id": ident, "group_id": ghex[g], "deal_id": dhex[d] if d != w.NO else None,
                                 "at": at, "note": note, "created_at": at})
                key = (g, dt.datetime.fromtimestamp(ts, self.tz).toordinal())
                today = self.requests_per_day[key] = self.requests_per_day.get(key, 0) + 1
                payload = self._payload(ts, g, w.NO, d)
                limit = groups[g].limit
                payload["requests_today"] = today
                payload["over_limit"] = limit is not None and today > limit
                fact("request.posted", "request", ident, payload, at)
            elif code == w.SETTLED:
                ident = self._hex()
                settlements.append({"id": ident, "contact_id": chex[c], "at": at, "note": note})
                payload = self._payload(ts, w.NO, c, w.NO)
                payload["balance"] = self.balances[c]
                self.balances[c] = 0
                self.kept[c] = {}
                self.since[c] = max(ts, self.since.get(c, ts))
                fact("ledger.settled", "settlement", ident, payload, at)
            elif code in (w.DEAL_OPENED, w.DEAL_CLOSED):
                deal = deals[d]
                if code == w.DEAL_OPENED:
                    type_ = "deal.started" if deal.mine else "deal.joined"
                else:
                    type_ = f"deal.{deal.status}"
                fact(type_, "deal", dhex[d], self._payload(ts, deal.group, w.NO, d), at)
            elif code == w.GROUP_JOINED:
                payload = self._payload(ts, g, w.NO, w.NO)
                fact("group.joined", "group", ghex[g], payload, at, self.stamp(groups[g].created))
            elif code == w.GROUP_EDITED:
                changes = {"changes": {"left_at": [None, plain(_utc(ts))]}}
                fact("group.edited", "group", ghex[g], changes, at, kind=CORRECTION)
            elif code == w.GROUP_LEFT:
                fact("group.left", "group", ghex[g], self._payload(ts, g, w.NO, w.NO), at)
            elif code == w.CONTACT_ADDED:
                fact("contact.added", "contact", chex[c], self._payload(ts, w.NO, c, w.NO), at)
            elif code == w.CONTACT_EDITED:
                person = contacts[c]
                changes = {"changes": {"trust": [person.first_trust, person.trust]}}
                fact("contact.edited", "contact", chex[c], changes, at, kind=CORRECTION)
            elif code == w.TRUST_CHANGED:
                payload = self._payload(ts, w.NO, c, w.NO)
                payload["previous_trust"] = contacts[c].first_trust
                fact("contact.trust_changed", "contact", chex[c], payload, at)
            else:  # pragma: no cover - the plan only makes the codes above
                raise AssertionError(f"unknown demo event {code}")

        with self.store.write() as session:
            cache = session.execute(text("PRAGMA cache_size")).scalar()
            session.execute(text(f"PRAGMA cache_size=-{CACHE_KIB}"))
            try:
                for rows, target in (
                    (helps, HELP_ROWS), (requests, REQUEST_ROWS), (settlements, SETTLEMENT_ROWS), (cuts, CUT_ROWS),
                    (activities, ACTIVITY_ROWS),
                ):
                    if rows:
                        session.execute(insert(target), rows)
                self._write_balances(session)
            finally:
                session.execute(text(f"PRAGMA cache_size={int(cache or -2000)}"))

    def _write_balances(self, session: Session) -> None:
        """The kept balances as of the chunk just written (a few thousand rows: written whole each time)."""
        contacts, groups = self.plan.contacts, self.plan.groups
        rows = [
            {"contact_id": contacts[c].id, "group_id": groups[g].id if g != w.NO else None,
             "given_count": f[0], "received_count": f[1], "given_fen": f[2], "received_fen": f[3]}
            for c, by_group in self.kept.items() for g, f in by_group.items()
        ]
        session.execute(delete(LedgerBalance))
        if rows:
            session.execute(insert(LedgerBalance), rows)


def create_demo_folder(data_dir: Path, clock: Clock, *, activities: int = DEMO_ACTIVITIES,
                       seed: int = 1) -> dict[str, int]:
    """Fill ``data_dir`` with demo data; a folder without a database is built aside and moved in only when complete,
    so an interrupted run never leaves a half-filled demo behind."""
    data_dir = Path(data_dir)
    if Store.exists(data_dir):
        store = Store.open(data_dir)
        try:
            return generate_demo(store, clock, activities=activities, seed=seed)
        finally:
            store.close()
    with _built_aside(data_dir, clock, activities=activities, seed=seed) as (building, counts):
        data_dir.mkdir(parents=True, exist_ok=True)
        database_path(building).replace(database_path(data_dir))
    return counts


def reset_demo_folder(data_dir: Path, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1,
                      progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Replace whatever is in the demo folder ``data_dir`` with fresh demo data; returns the counts.

    The new demo is built aside, then copied over the old database in one step (SQLite's backup API), so a window
    that has the demo open shows the fresh data at its next poll. ``progress(done)`` gets the activities written
    so far (out of ``activities``); an exception it raises (a cancel) stops the work and changes nothing.
    """
    data_dir = Path(data_dir)
    with _built_aside(data_dir, clock, activities=activities, seed=seed, progress=progress) as (building, counts):
        target = database_path(data_dir)
        if Store.exists(data_dir):
            try:
                copy_database(database_path(building), target)
                return counts
            except sqlite3.DatabaseError:
                # A damaged demo cannot be copied over (nothing can have it open): put the new file in its place.
                for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
                    leftover.unlink(missing_ok=True)
        data_dir.mkdir(parents=True, exist_ok=True)
        database_path(building).replace(target)
    return counts


@contextlib.contextmanager
def _built_aside(data_dir: Path, clock: Clock, *, activities: int, seed: int,
                 progress: Callable[[int], None] | None = None) -> Iterator[tuple[Path, dict[str, int]]]:
    """A complete demo database in a temporary sibling folder of ``data_dir``, removed after the block."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.partial-", dir=data_dir.parent))
    try:
        store = Store.open(building)
        try:
            counts = generate_demo(store, clock, activities=activities, seed=seed, progress=progress)
        finally:
            store.close()
        yield building, counts
    finally:
        shutil.rmtree(building, ignore_errors=True)
