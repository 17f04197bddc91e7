"""The demo data generator: deterministic, in proportion, consistent, and written as the services would write it."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, insert, select

from app.clock import FixedClock
from app.demo import create_demo_folder, generate_demo, iter_generate_demo, reset_demo_folder
from app.demo.entities import sizes
from app.demo.rows import uuid4_hex, window_minutes
from app.errors import InvalidInput
from app.model import (
    Activity,
    ActivityKind,
    BargainCut,
    Base,
    Contact,
    ContactGroup,
    Deal,
    DealKind,
    DealStatus,
    Direction,
    Group,
    HelpExchange,
    HelpKind,
    HelpRequest,
    LedgerSettlement,
)
from app.privacy.links import normalise_url
from app.services import Services
from app.services.base import SNAPSHOT_KEYS, requests_on_day, snapshot
from app.services.ledger import LedgerService
from app.services.queries import QueryService
from app.services.validate import in_windows
from app.store import Store, database_path

FACT_TYPES = {
    "group.joined", "group.left", "contact.added", "contact.trust_changed", "deal.started", "deal.joined",
    "deal.cut", "deal.succeeded", "deal.failed", "deal.expired", "request.posted", "help.given", "help.received",
    "ledger.settled",
}
CORRECTION_TYPES = {"group.edited", "contact.edited"}


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as stored."""
    with store.engine.connect() as conn:
        return {
            t.name: list(conn.exec_driver_sql(f'SELECT * FROM "{t.name}" ORDER BY rowid'))
            for t in Base.metadata.sorted_tables
        }


def test_same_seed_same_rows_other_seed_other_rows(tmp_path: Path, clock: FixedClock) -> None:
    stores = [Store.open(tmp_path / name) for name in ("a", "b", "c")]
    try:
        for s, seed in zip(stores, (7, 7, 8), strict=True):
            generate_demo(s, clock, activities=1200, seed=seed)
        first, again, other = (dump(s) for s in stores)
    finally:
        for s in stores:
            s.close()
    assert first == again
    # The user's own privacy settings (presets, the export audit) and pictures are none of the demo's.
    mine = {"share_preset", "export_audit", "image"}
    assert all(first[name] for name in first if name not in mine), "every table has rows"
    for name in ("profile", "group", "contact", "deal", "help_exchange", "activity"):
        assert first[name] != other[name]


def test_counts_follow_the_requested_size(store: Store, clock: FixedClock) -> None:
    counts = generate_demo(store, clock, activities=2000, seed=2)
    assert counts == QueryService(store, clock).counts()
    assert counts["activities"] == 2000
    assert 0.40 <= counts["helps"] / 2000 <= 0.50
    assert 0.13 <= counts["requests"] / 2000 <= 0.17
    assert 6 <= counts["groups"] <= 40
    assert counts["contacts"] <= 2000 // 10 and counts["deals"] <= 2000 // 10
    with store.read() as session:
        by_type = dict(
            session.execute(
                select(Activity.type, func.count()).where(Activity.kind != ActivityKind.derived).group_by(Activity.type)
            ).all()
        )
    assert set(by_type) <= FACT_TYPES | CORRECTION_TYPES
    assert {"help.given", "help.received", "deal.cut", "request.posted", "ledger.settled", "deal.succeeded"} <= set(
        by_type
    )


def test_world_grows_sublinearly() -> None:
    small, large = sizes(1_000), sizes(1_000_000)
    assert small[0] >= 6 and large[0] == 40
    assert large[1] < 1_000_000 // 100 and large[2] < 1_000_000 // 100


def test_progress_is_reported_per_chunk(store: Store, clock: FixedClock) -> None:
    steps = list(iter_generate_demo(store, clock, activities=1000, seed=1))
    assert steps[0] == (0, 1000)
    assert steps[-1] == (1000, 1000)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_store_is_sound_and_ledger_reads_it(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=2500, seed=4)
    report = store.check()
    assert report.ok, report.as_dict()
    summary = LedgerService(store, clock).summary()
    assert len(summary["contacts"]) == QueryService(store, clock).counts()["contacts"]
    assert summary["you_owe"] and all(row["balance"] < 0 for row in summary["you_owe"])
    assert summary["only_takes"] and all(row["given_last_30_days"] >= 3 for row in summary["only_takes"])
    assert {row["group_id"] for row in summary["groups"]} <= {str(g["id"]) for g in QueryService(store, clock).groups()}


def test_bulk_rows_are_stored_as_typed_inserts_would_store_them(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    generate_demo(store, clock, activities=600, seed=3)
    copy = Store.open(tmp_path / "copy")
    try:
        with store.read() as source, copy.write() as target:
            for table in Base.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in source.execute(select(table))]
                if rows:
                    target.execute(insert(table), rows)
        assert dump(copy) == dump(store)
    finally:
        copy.close()


def test_history_reads_in_time_order(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=1500, seed=6)
    now = clock.now()
    with store.read() as session:
        rows = session.execute(
            select(Activity.at, Activity.recorded_at, Activity.kind)
            .where(Activity.kind != ActivityKind.derived)  # the game's events are added after the facts
            .order_by(Activity.seq)
        ).all()
    times = [at for at, _, _ in rows]
    assert times == sorted(times)
    assert all(at <= recorded <= now for at, recorded, _ in rows)
    assert {kind for _, _, kind in rows} == {ActivityKind.fact, ActivityKind.correction}
    recent = [at for at in times if at >= now - dt.timedelta(days=184)]
    assert len(recent) >= 0.98 * len(times)
    assert times[-1] >= now - dt.timedelta(days=2)


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
def test_payloads_are_the_services_snapshots(tmp_path: Path, zone: str) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), ZoneInfo(zone))
    store = Store.open(tmp_path / "data")
    try:
        generate_demo(store, clock, activities=1500, seed=5)
        with store.read() as session:
            _check_payloads(session, clock)
    finally:
        store.close()


def _trust_at(session: Any, contact: Contact, at: dt.datetime) -> str:
    change = session.scalars(
        select(Activity).where(Activity.entity_id == contact.id, Activity.type == "contact.trust_changed")
    ).first()
    if change is not None and at < change.at:
        return str(change.payload["previous_trust"])
    return contact.trust.value


def _check_payloads(session: Any, clock: FixedClock) -> None:
    facts = list(session.scalars(select(Activity).where(Activity.kind == ActivityKind.fact)))
    assert all(set(SNAPSHOT_KEYS) <= set(a.payload) for a in facts)
    by_entity: dict[uuid.UUID, list[Activity]] = {}
    for fact in facts:
        by_entity.setdefault(fact.entity_id, []).append(fact)
    groups = {g.id: g for g in session.scalars(select(Group))}
    contacts = {c.id: c for c in session.scalars(select(Contact))}
    deals = {d.id: d for d in session.scalars(select(Deal))}

    def expected(at: dt.datetime, group: Any, contact: Any, deal: Any, **extra: Any) -> dict[str, Any]:
        payload = snapshot(
            tz=clock.tz, at=at, group=groups.get(group), contact=contacts.get(contact), deal=deals.get(deal), **extra
        )
        if contact is not None:
            payload["contact_trust"] = _trust_at(session, contacts[contact], at)
        return payload

    helps = list(session.scalars(select(HelpExchange)))
    for help_ in helps:
        (fact,) = by_entity[help_.id]
        assert (fact.type, fact.entity_type, fact.at) == (f"help.{help_.direction.value}", "help", help_.at)
        assert fact.payload == expected(
            help_.at, help_.group_id, help_.contact_id, help_.deal_id,
            kind=help_.kind.value, amount_fen=help_.amount_fen,
        )
    cut_facts = {a.payload["cut_id"]: a for a in facts if a.type == "deal.cut"}
    cuts = list(session.scalars(select(BargainCut)))
    assert len(cut_facts) == len(cuts)
    for cut in cuts:
        fact = cut_facts[str(cut.id)]
        deal = deals[cut.deal_id]
        assert (fact.entity_id, fact.at) == (deal.id, cut.at)
        assert fact.payload == {
            **expected(cut.at, deal.group_id, cut.contact_id, deal.id, kind="bargain_cut", amount_fen=cut.amount_fen),
            "cut_id": str(cut.id),
        }
    for request in session.scalars(select(HelpRequest)):
        (fact,) = by_entity[request.id]
        today = requests_on_day(session, request.group_id, request.at, clock.tz)
        limit = groups[request.group_id].daily_request_limit
        assert fact.payload == {
            **expected(request.at, request.group_id, None, request.deal_id),
            "requests_today": today, "over_limit": limit is not None and today > limit,
        }
    for settlement in session.scalars(select(LedgerSettlement)):
        (fact,) = by_entity[settlement.id]
        earlier = session.scalar(
            select(func.max(LedgerSettlement.at)).where(
                LedgerSettlement.contact_id == settlement.contact_id, LedgerSettlement.at < settlement.at
            )
        )
        balance = sum(
            (1 if h.direction == Direction.given else -1)
            for h in helps
            if h.contact_id == settlement.contact_id and h.at <= settlement.at and (earlier is None or h.at > earlier)
        )
        assert fact.payload == {
            **expected(settlement.at, None, settlement.contact_id, None, amount_fen=settlement.amount_fen),
            "balance": balance, "how": settlement.how.value,
        }
    for deal in deals.values():
        types = [(a.type, a.at) for a in by_entity[deal.id] if a.type != "deal.cut"]
        opening = ("deal.started" if deal.mine else "deal.joined", deal.started_at)
        closing = [] if deal.status == DealStatus.open else [(f"deal.{deal.status.value}", deal.closed_at)]
        assert sorted(types, key=lambda t: t[1]) == [opening, *closing]
        assert all(a.payload == expected(a.at, deal.group_id, None, deal.id) for a in by_entity[deal.id]
                   if a.type != "deal.cut")
    for group in groups.values():
        joined = by_entity[group.id][0]
        assert (joined.type, joined.at, joined.recorded_at) == ("group.joined", group.joined_at, group.created_at)
        assert all(a.payload == expected(a.at, group.id, None, None) for a in by_entity[group.id])
    for contact in contacts.values():
        added, *changed = by_entity[contact.id]
        assert (added.type, added.at) == ("contact.added", contact.created_at)
        assert added.payload == expected(added.at, None, contact.id, None)
        for change in changed:
            assert change.type == "contact.trust_changed"
            assert change.payload == {**expected(change.at, None, contact.id, None),
                                      "previous_trust": change.payload["previous_trust"]}
            assert change.payload["previous_trust"] != contact.trust.value


def test_records_are_consistent(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=3000, seed=9)
    now = clock.now()
    with store.read() as session:
        deals = list(session.scalars(select(Deal)))
        links = set(session.execute(select(ContactGroup.contact_id, ContactGroup.group_id)).all())
        helps = list(session.scalars(select(HelpExchange)))
        kinds = {d.kind for d in deals}
        assert kinds == {DealKind.group_buy, DealKind.bargain, DealKind.boost}
        assert {(h.contact_id, h.group_id) for h in helps if h.group_id} <= links
        keys = [d.url_key for d in deals if d.url]
        assert keys == [normalise_url(d.url) for d in deals if d.url] and len(set(keys)) == len(keys)
        for deal in deals:
            assert deal.started_at < deal.deadline if deal.deadline else True
            if deal.deadline is not None and deal.deadline <= now:
                assert deal.status != DealStatus.open
            if deal.status == DealStatus.open:
                assert deal.closed_at is None and deal.deadline is not None and deal.deadline > now
            else:
                assert deal.closed_at is not None and deal.started_at < deal.closed_at <= now
            if deal.kind == DealKind.group_buy:
                tiers = [(t.min_participants, t.price_fen) for t in deal.tiers]
                assert tiers == sorted(tiers) and [p for _, p in tiers] == sorted((p for _, p in tiers), reverse=True)
                done = deal.participants_joined >= (deal.participants_needed or 0)
                assert done == (deal.status == DealStatus.succeeded)
            if deal.kind == DealKind.bargain:
                assert deal.original_fen is not None and deal.target_fen is not None
                cuts = sorted(deal.cuts, key=lambda c: c.at)
                assert deal.current_fen == deal.original_fen - sum(c.amount_fen for c in cuts)
                assert deal.target_fen <= deal.current_fen <= deal.original_fen
                won = deal.current_fen == deal.target_fen
                assert won == (deal.status == DealStatus.succeeded)
                if won:
                    assert cuts[-1].at == deal.closed_at
                if deal.mine and len(cuts) >= 10:  # the price falls fast first, then slowly
                    half = len(cuts) // 2
                    assert sum(c.amount_fen for c in cuts[:half]) > sum(c.amount_fen for c in cuts[half:])
                for cut in cuts:
                    assert deal.started_at < cut.at <= min(deal.closed_at or now, now)
                    if cut.help_id is not None:
                        help_ = session.get(HelpExchange, cut.help_id)
                        assert help_ is not None and help_.deal_id == deal.id
                        same = (help_.amount_fen, help_.contact_id, help_.at)
                        assert same == (cut.amount_fen, cut.contact_id, cut.at)
        cut_helps = set(session.scalars(select(BargainCut.help_id).where(BargainCut.help_id.is_not(None))))
        for help_ in helps:
            if help_.deal_id is not None:
                on = session.get(Deal, help_.deal_id)
                assert on is not None and help_.group_id == on.group_id
                is_cut = help_.kind == HelpKind.bargain_cut and on.kind == DealKind.bargain
                assert is_cut == (help_.id in cut_helps)
                assert on.started_at < help_.at <= (on.closed_at or now)
            contact = session.get(Contact, help_.contact_id)
            assert contact is not None and contact.created_at <= help_.at


def test_help_facts_gather_in_activity_windows(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=3000, seed=1)
    with store.read() as session:
        windowed = {g.id for g in session.scalars(select(Group)) if g.windows}
        flags = [
            a.payload["in_window"]
            for a in session.scalars(select(Activity).where(Activity.type.in_(["help.given", "help.received"])))
            if uuid.UUID(a.payload["group_id"]) in windowed and a.payload["deal_id"] is None
        ]
    # The windows cover a fifth of the week at most; far more helps than that fall inside them.
    assert len(flags) > 300 and sum(flags) / len(flags) > 0.5


def test_services_keep_working_after_the_demo(store: Store, clock: FixedClock, services: Services) -> None:
    generate_demo(store, clock, activities=800, seed=1)
    with store.read() as session:
        contact_id, group_id = session.execute(select(ContactGroup.contact_id, ContactGroup.group_id).limit(1)).one()
        last = session.scalar(select(func.max(Activity.seq))) or 0
    result = services.helps.create(direction="given", kind="share", contact=str(contact_id), group=str(group_id))
    # The help is the next fact (the game may derive a level after it).
    activity = next(a for a in services.queries.activities(limit=5) if a["id"] == str(result.activities[0]))
    assert activity["seq"] == last + 1
    assert set(SNAPSHOT_KEYS) == set(activity["payload"])
    with store.read() as session:
        cut = session.scalars(select(BargainCut).where(BargainCut.help_id.is_not(None)).limit(1)).one()
        help_id, cut_id, amount, deal = cut.help_id, cut.id, cut.amount_fen, session.get(Deal, cut.deal_id)
        assert deal is not None
        deal_id, price = deal.id, deal.current_fen
    services.helps.delete(str(help_id))  # takes the cut back: finds the demo's deal.cut fact by its cut_id
    with store.read() as session:
        fact = session.scalars(
            select(Activity).where(Activity.type == "deal.cut", Activity.payload["cut_id"].as_string() == str(cut_id))
        ).one()
        assert fact.superseded_by is not None
        after = session.get(Deal, deal_id)
        assert after is not None and after.current_fen == (price or 0) + amount


def test_refuses_a_store_with_data_and_changes_nothing(store: Store, clock: FixedClock, services: Services) -> None:
    services.contacts.create(nickname="小美")
    before = dump(store)
    with pytest.raises(InvalidInput, match="empty"):
        iter_generate_demo(store, clock, activities=500)
    with pytest.raises(InvalidInput, match="empty"):
        generate_demo(store, clock, activities=500)
    assert dump(store) == before


@pytest.mark.parametrize("activities", [0, 99, 10_000_001])
def test_refuses_sizes_out_of_range(store: Store, clock: FixedClock, activities: int) -> None:
    with pytest.raises(InvalidInput, match="between 100 and 10000000"):
        generate_demo(store, clock, activities=activities)
    assert not any(QueryService(store, clock).counts().values())


def test_smallest_size_still_adds_up(store: Store, clock: FixedClock) -> None:
    counts = generate_demo(store, clock, activities=100, seed=3)
    assert counts["activities"] == 100 and counts["helps"] > 0 and counts["requests"] > 0
    assert store.check().ok


def test_uuid4_hex_is_uuid4() -> None:
    rng = random.Random(0)
    for _ in range(1000):
        bits = rng.getrandbits(128)
        assert uuid4_hex(bits) == uuid.UUID(int=bits, version=4).hex


def test_reset_replaces_the_demo_under_an_open_store(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "demo"
    create_demo_folder(folder, clock, activities=300, seed=1)
    store = Store.open(folder)  # a window that has the demo open
    try:
        services = Services(store, clock)
        services.contacts.create(nickname="试用时加的人")
        version = store.data_version()
        seen: list[int] = []
        counts = reset_demo_folder(folder, clock, activities=400, seed=2, progress=seen.append).record
        assert seen and seen[-1] == 400 and seen == sorted(seen)
        # The open store reads the fresh demo at once, and notices the change like any other write.
        assert services.queries.counts() == counts
        assert "试用时加的人" not in {c["nickname"] for c in services.queries.contacts()}
        assert store.data_version() != version
        assert services.game.verify() == []
        services.contacts.create(nickname="之后再加")  # and keeps working
    finally:
        store.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".demo.partial-")]


def test_a_cancelled_reset_changes_nothing(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "demo"
    before = create_demo_folder(folder, clock, activities=300, seed=1)
    data = database_path(folder).read_bytes()

    def cancel(done: int) -> None:
        raise KeyboardInterrupt  # what a Cancel button's callback raises, by another name

    with pytest.raises(KeyboardInterrupt):
        reset_demo_folder(folder, clock, activities=400, seed=2, progress=cancel)
    assert database_path(folder).read_bytes() == data
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".demo.partial-")]
    store = Store.open(folder)
    try:
        assert Services(store, clock).queries.counts() == before
    finally:
        store.close()


def test_reset_makes_the_demo_folder_when_missing(tmp_path: Path, clock: FixedClock) -> None:
    counts = reset_demo_folder(tmp_path / "new" / "demo", clock, activities=200).record or {}
    assert counts["activities"] >= 200 and Store.exists(tmp_path / "new" / "demo")


def test_reset_replaces_a_damaged_demo(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "demo"
    create_demo_folder(folder, clock, activities=200)
    database_path(folder).write_bytes(b"this is not a database" * 100)
    (folder / (database_path(folder).name + "-wal")).write_bytes(b"junk")
    counts = reset_demo_folder(folder, clock, activities=200).record
    store = Store.open(folder)
    try:
        assert Services(store, clock).queries.counts() == counts
    finally:
        store.close()


def test_a_small_demo_reports_progress_often(store: Store, clock: FixedClock) -> None:
    steps = [done for done, _ in iter_generate_demo(store, clock, activities=3000)]
    assert len(steps) >= 15 and steps[-1] == 3000


def test_a_cancelled_demo_writes_nothing(store: Store, clock: FixedClock) -> None:
    before = dump(store)
    with sqlite3.connect(database_path(store.data_dir)) as db:
        schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    seen: list[int] = []

    def cancel(done: int) -> None:
        seen.append(done)
        if done >= 1000:  # a few chunks are in when the user cancels
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate_demo(store, clock, activities=3000, seed=1, progress=cancel)
    assert seen[-1] >= 1000
    assert dump(store) == before
    with sqlite3.connect(database_path(store.data_dir)) as db:
        assert db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert generate_demo(store, clock, activities=300, seed=1)["activities"] >= 300  # and the store takes one


window_times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(
    windows=st.lists(st.tuples(st.integers(0, 6), window_times, window_times).filter(lambda w: w[1] != w[2]),
                     max_size=4),
    moment=st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 1, 1)),
)
def test_window_minutes_say_what_in_windows_says(windows: list[tuple[int, dt.time, dt.time]],
                                                 moment: dt.datetime) -> None:
    mask = window_minutes(windows)
    assert bool(mask[moment.weekday() * 1440 + moment.hour * 60 + moment.minute]) == in_windows(windows, moment)


def test_every_id_is_a_version_4_uuid(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=500, seed=1)
    with store.engine.connect() as conn:
        for table in ("activity", "help_exchange", "help_request", "bargain_cut", "ledger_settlement"):
            only = " WHERE kind != 'derived'" if table == "activity" else ""  # the game's ids are its own
            ids = [row[0] for row in conn.exec_driver_sql(f'SELECT id FROM "{table}"{only}')]
            assert ids and all(uuid.UUID(hex=i).version == 4 and uuid.UUID(hex=i).variant == uuid.RFC_4122
                               for i in ids), table
