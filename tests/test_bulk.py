"""The bulk path: rows copied from a store the services wrote give the same game; indexes and cache come back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.model import Activity, Base, Contact, HelpExchange, HelpRequest, Profile
from app.services import Services
from app.services.bulk import BulkTable, bulk_load
from app.services.changes import (
    BADGES,
    CONTACTS,
    DEALS,
    GAME,
    GROUPS,
    HELPS,
    HISTORY,
    LEDGER,
    POINTS,
    PROFILE,
    REQUESTS,
    SETTINGS,
)
from app.store import Store, database_path

COPIED = (Profile, Contact, HelpExchange, Activity)


def bulk_table(model: type[Base]) -> BulkTable:
    return BulkTable.of(model, *(c.name for c in Base.metadata.tables[model.__tablename__].columns if c.name != "seq"))


def stored_rows(store: Store, table: BulkTable) -> list[tuple[Any, ...]]:
    """The table's rows as SQLite holds them (facts only: the game's derived events are the game's)."""
    derived = " WHERE kind != 'derived' ORDER BY seq" if table.name == "activity" else " ORDER BY rowid"
    with sqlite3.connect(database_path(store.data_dir)) as db:
        return db.execute(f'SELECT {", ".join(table.columns)} FROM "{table.name}"{derived}').fetchall()


def indexes(store: Store) -> set[tuple[str, str]]:
    with sqlite3.connect(database_path(store.data_dir)) as db:
        return set(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def a_week_of_helps(services: Services, clock: FixedClock) -> None:
    for nickname in ("小美", "阿强", "王姐"):
        services.contacts.create(nickname=nickname)
    for day in range(7):
        for n, nickname in enumerate(("小美", "阿强", "王姐")[: day % 3 + 1]):
            services.helps.create(direction="given" if n % 2 == 0 else "received", kind="share", contact=nickname)
        clock.advance(days=1)


def test_rows_copied_through_the_bulk_path_give_the_game_the_services_gave(
    store: Store, services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    a_week_of_helps(services, clock)
    copy = Store.open(tmp_path / "copy")
    try:
        before = indexes(copy)
        with bulk_load(copy, clock, [bulk_table(m) for m in COPIED]) as load:
            for model in COPIED:
                table = bulk_table(model)
                load.add(table, stored_rows(store, table))
        assert load.rows == sum(len(stored_rows(store, bulk_table(m))) for m in COPIED)
        areas = load.changes.areas  # what an import's OpResult would report: the tables it filled, the game's parts
        assert {CONTACTS, HELPS, LEDGER, HISTORY, GAME, POINTS, BADGES} <= areas  # LEDGER: the balances kept
        assert not {GROUPS, DEALS, REQUESTS, PROFILE, SETTINGS} & areas  # no profile was made there
        for model in COPIED:
            assert stored_rows(copy, bulk_table(model)) == stored_rows(store, bulk_table(model))
        again = Services(copy, clock)
        assert again.game.verify() == []
        assert again.game.points() == services.game.points() and services.game.points()["points"] > 0
        assert again.game.badges() == services.game.badges()
        assert again.ledger.summary() == services.ledger.summary()  # the balances kept, added up at the load's end
        assert indexes(copy) == before and copy.check().ok
    finally:
        copy.close()


def test_empty_tables_lose_their_secondary_indexes_for_the_load_only(
    store: Store, services: Services, clock: FixedClock
) -> None:
    a_week_of_helps(services, clock)  # help_exchange has rows, help_request none
    before = indexes(store)
    helps, requests = bulk_table(HelpExchange), bulk_table(HelpRequest)
    with bulk_load(store, clock, [helps, requests]) as load:
        during = {name for (name,) in load.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_help_exchange_contact_at", "ix_help_exchange_direction_at"} <= during
    assert not {"ix_help_request_at", "ix_help_request_group_id", "ix_help_request_deal_id"} & during
    assert "sqlite_autoindex_help_request_1" in during  # a unique index stays: it is a check
    assert indexes(store) == before and store.check().ok


def test_a_failed_load_leaves_nothing_behind(store: Store, services: Services, clock: FixedClock) -> None:
    a_week_of_helps(services, clock)
    contacts, activities = bulk_table(Contact), bulk_table(Activity)
    rows = {t.name: stored_rows(store, t) for t in (contacts, activities)}
    points, before = services.game.points(), indexes(store)
    with sqlite3.connect(database_path(store.data_dir)) as db:
        counts = [db.execute(f'SELECT count(*) FROM "{m.__tablename__}"').fetchone() for m in COPIED]
    cache = None
    with pytest.raises(sqlite3.IntegrityError), bulk_load(store, clock, [contacts, activities]) as load:
        cache = load.db.execute("PRAGMA cache_size").fetchone()[0]
        load.add(contacts, [("f" * 32, *rows["contact"][0][1:])])  # a new contact…
        load.add(activities, rows["activity"][:1])  # …then an activity whose id is taken
    assert cache is not None and cache < -100_000  # the load had its big cache…
    with store.engine.connect() as conn:  # …and the connection it used is back to the usual one
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
    with sqlite3.connect(database_path(store.data_dir)) as db:
        assert [db.execute(f'SELECT count(*) FROM "{m.__tablename__}"').fetchone() for m in COPIED] == counts
    assert services.game.points() == points and indexes(store) == before


def test_a_bulk_table_names_every_column_it_must_fill() -> None:
    with pytest.raises(ValueError, match="unknown"):
        BulkTable.of(HelpRequest, "id", "group_id", "at", "note", "created_at", "colour")
    with pytest.raises(ValueError, match=r"missing \['created_at'\]"):
        BulkTable.of(HelpRequest, "id", "group_id", "at", "note")
    table = BulkTable.of(HelpRequest, "id", "group_id", "at", "note", "created_at")  # deal_id may be NULL
    assert table.sql == (
        'INSERT INTO "help_request" ("id", "group_id", "at", "note", "created_at") VALUES (?, ?, ?, ?, ?)'
    )
    assert "seq" not in bulk_table(Activity).columns  # SQLite numbers the history


def test_the_game_counts_days_in_the_profile_zone(tmp_path: Path) -> None:
    utc_clock = FixedClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), dt.UTC)
    source = Store.open(tmp_path / "source")
    copy = Store.open(tmp_path / "copy")
    try:
        services = Services(source, utc_clock)
        services.profile.set_timezone("America/New_York")
        a_week_of_helps(services, utc_clock)
        with bulk_load(copy, utc_clock, [bulk_table(m) for m in COPIED]) as load:  # a clock in UTC…
            for model in COPIED:
                load.add(bulk_table(model), stored_rows(source, bulk_table(model)))
        assert {PROFILE, SETTINGS} <= load.changes.areas  # the profile's zone is a setting
        again = Services(copy, utc_clock)
        assert again.game.verify() == []  # …and the game still follows the profile's zone
        assert again.game.points() == services.game.points()
    finally:
        source.close()
        copy.close()
