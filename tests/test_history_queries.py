"""The History page's queries: keyset blocks cover the log exactly once, in order; every filter; the counts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from app.clock import FixedClock
from app.demo import generate_demo
from app.services import Services
from app.services.history import HistoryFilter, HistoryQuery, key_of
from tests.conftest import SHANGHAI


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from app.store import Store
    from tests.conftest import START

    clock = FixedClock(START, SHANGHAI)
    store = Store.open(tmp_path_factory.mktemp("history") / "data")
    generate_demo(store, clock, activities=2200)  # with the game's events, over 3,000 rows
    services = Services(store, clock)
    everything = services.queries.activities()
    yield HistoryQuery(store, clock), services, everything
    store.close()


def _walk(query: HistoryQuery, f: HistoryFilter, limit: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    after = None
    while True:
        page = query.page(f, after, limit)
        rows += page
        if len(page) < limit:
            return rows
        after = key_of(page[-1])


def _order_key(row: dict[str, Any]) -> tuple[dt.datetime, int]:
    return key_of(row)


def _day(row: dict[str, Any]) -> dt.date:
    return key_of(row)[0].astimezone(SHANGHAI).date()


@pytest.mark.parametrize("limit", [1, 7, 500])
def test_keyset_pages_cover_every_row_once_in_order(world: Any, limit: int) -> None:
    query, _, everything = world
    rows = _walk(query, HistoryFilter(), limit)
    assert [r["seq"] for r in rows] == [r["seq"] for r in everything]
    assert len({r["seq"] for r in rows}) == len(rows) == query.count(HistoryFilter())
    keys = [_order_key(r) for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_ties_on_at_are_split_by_seq(world: Any) -> None:
    query, _, everything = world
    # Derived game events share their cause's ``at``: the demo is full of ties.
    ats = [r["at"] for r in everything]  # ISO strings
    assert len(set(ats)) < len(ats)
    assert [r["seq"] for r in _walk(query, HistoryFilter(), 3)] == [r["seq"] for r in everything]


@pytest.mark.parametrize("start,limit", [(0, 500), (1, 500), (499, 10), (500, 500), (1700, 500), (3000, 500)])
def test_rows_from_any_position(world: Any, start: int, limit: int) -> None:
    query, _, everything = world
    total = len(everything)
    expected = [r["seq"] for r in everything[start:start + limit]]
    # From nothing known, from an anchor right above, from the far end.
    assert [r["seq"] for r in query.rows(HistoryFilter(), start, limit, {}, total)] == expected
    if start:
        anchor = {start - 1: key_of(everything[start - 1])}
        assert [r["seq"] for r in query.rows(HistoryFilter(), start, limit, anchor, total)] == expected
        far = {0: key_of(everything[0])}
        assert [r["seq"] for r in query.rows(HistoryFilter(), start, limit, far, total)] == expected


def test_oldest_block_is_the_end_of_the_log(world: Any) -> None:
    query, _, everything = world
    assert [r["seq"] for r in query.oldest(HistoryFilter(), 50)] == [r["seq"] for r in everything[-50:]]


def _check(query: HistoryQuery, f: HistoryFilter, expected: list[dict[str, Any]]) -> None:
    assert expected, "the filter should keep something in the demo"
    assert [r["seq"] for r in _walk(query, f, 97)] == [r["seq"] for r in expected]
    assert query.count(f) == len(expected)


def test_filter_by_type_and_kind(world: Any) -> None:
    query, _, everything = world
    types = ("help.given", "help.received")
    _check(query, HistoryFilter(types=types), [r for r in everything if r["type"] in types])
    _check(query, HistoryFilter(kinds=("derived",)), [r for r in everything if r["kind"] == "derived"])


def _about(row: dict[str, Any], kind: str, ident: uuid.UUID) -> bool:
    own = row["entity_type"] == kind and str(row["entity_id"]) == str(ident)
    return own or (row["payload"] or {}).get(f"{kind}_id") == str(ident)


def test_filter_by_group_and_contact(world: Any) -> None:
    query, services, everything = world
    group = services.queries.groups()[0]
    gid = uuid.UUID(str(group["id"]))
    _check(query, HistoryFilter(group_id=gid), [r for r in everything if _about(r, "group", gid)])
    busiest = max(
        (c for c in services.queries.contacts()),
        key=lambda c: sum(_about(r, "contact", uuid.UUID(str(c["id"]))) for r in everything[:400]),
    )
    cid = uuid.UUID(str(busiest["id"]))
    expected = [r for r in everything if _about(r, "contact", cid)]
    _check(query, HistoryFilter(contact_id=cid), expected)
    both = [r for r in expected if _about(r, "group", gid)]
    if both:
        _check(query, HistoryFilter(group_id=gid, contact_id=cid), both)


def test_filter_by_local_days_of_shanghai(world: Any) -> None:
    query, _, everything = world
    day = _day(everything[100])
    f = HistoryFilter(date_from=day, date_to=day)
    start, end = query.utc_bounds(f)
    assert start == dt.datetime.combine(day, dt.time(0), SHANGHAI)
    assert start is not None and start.hour == 16  # midnight in Shanghai is 16:00 UTC the day before
    assert end is not None and end - start == dt.timedelta(days=1)
    _check(query, f, [r for r in everything if _day(r) == day])
    week = HistoryFilter(date_from=day - dt.timedelta(days=6), date_to=day)
    _check(query, week, [
        r for r in everything if day - dt.timedelta(days=6) <= _day(r) <= day
    ])
    only_from = HistoryFilter(date_from=day)
    _check(query, only_from, [r for r in everything if _day(r) >= day])


def test_filter_by_text(world: Any) -> None:
    query, services, everything = world
    _check(query, HistoryFilter(text="settled"), [r for r in everything if "settled" in r["type"]])
    # Names are not in the payload (ids are): a deal's title finds its activities.
    deal = services.queries.deals()[0]
    did = uuid.UUID(str(deal["id"]))
    found = _walk(query, HistoryFilter(text=deal["title"]), 500)
    assert {r["seq"] for r in everything if _about(r, "deal", did)} <= {r["seq"] for r in found}
    # The page passes the types whose translated label matched.
    helped = HistoryFilter(text="Helped", text_types=("help.given",))
    assert {r["type"] for r in _walk(query, helped, 500)} >= {"help.given"}
    # LIKE wildcards are taken literally.
    assert query.count(HistoryFilter(text="%")) == 0
    assert query.count(HistoryFilter(text="no such thing at all")) == 0


def test_filters_combine(world: Any) -> None:
    query, _, everything = world
    day = _day(everything[0])
    f = HistoryFilter(types=("help.given",), date_from=day - dt.timedelta(days=30))
    expected = [
        r for r in everything
        if r["type"] == "help.given" and _day(r) >= day - dt.timedelta(days=30)
    ]
    _check(query, f, expected)
    start = len(expected) // 2
    assert [r["seq"] for r in query.rows(f, start, 5, {}, len(expected))] == [
        r["seq"] for r in expected[start:start + 5]
    ]


def test_empty_log(services: Services) -> None:
    query = HistoryQuery(services.store, services.clock)
    assert query.count(HistoryFilter()) == 0
    assert query.page(HistoryFilter()) == []
    assert query.rows(HistoryFilter(), 0, 500, {}, 0) == []
