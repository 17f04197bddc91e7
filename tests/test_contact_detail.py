"""A contact's page as plain data (``services.contacts.detail``): balance, every exchange, groups and deals."""

from __future__ import annotations

import datetime as dt

import pytest

from app.clock import FixedClock
from app.errors import NotFound
from app.services import Services


@pytest.fixture
def community(services: Services, clock: FixedClock) -> Services:
    services.groups.create(name="宝妈拼团群")
    services.groups.create(name="数码群")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.contacts.create(nickname="阿强")
    services.deals.create(kind="bargain", title="婴儿推车", group="宝妈拼团群", original_fen=59900, target_fen=9900,
                          deadline=clock.now() + dt.timedelta(days=2))
    services.deals.create(kind="group_buy", title="耳机", group="数码群", participants_needed=3,
                          deadline=clock.now() + dt.timedelta(hours=1))
    return services


def test_a_contact_with_no_exchange_has_an_empty_page(community: Services) -> None:
    detail = community.contacts.detail("阿强")
    assert detail["contact"]["nickname"] == "阿强"
    assert detail["exchanges"] == [] and detail["groups"] == [] and detail["deals"] == []
    assert detail["balance"] == {"given_count": 0, "received_count": 0, "given_fen": 0, "received_fen": 0,
                                 "balance": 0, "since": None, "settled": 0}  # settled: helps settled in part
    assert detail["totals"]["first"] is None


def test_every_exchange_with_names_groups_deals_and_balance(community: Services, clock: FixedClock) -> None:
    s = community
    s.helps.create(direction="given", kind="bargain_cut", contact="小美", group="宝妈拼团群", deal="婴儿推车",
                   amount_fen=1250, at=clock.now() - dt.timedelta(days=3))
    s.helps.create(direction="received", kind="join_group", contact="小美", group="数码群", deal="耳机",
                   at=clock.now() - dt.timedelta(days=2), note="拉了我")
    s.helps.create(direction="received", kind="boost_click", contact="小美", at=clock.now() - dt.timedelta(days=1))
    s.helps.create(direction="given", kind="share", contact="阿强", group="数码群")  # someone else's

    detail = s.contacts.detail("小美")
    rows = detail["exchanges"]
    assert [(r["direction"], r["kind"], r["group_name"], r["deal_title"], r["amount_fen"]) for r in rows] == [
        ("received", "boost_click", None, None, None),
        ("received", "join_group", "数码群", "耳机", None),
        ("given", "bargain_cut", "宝妈拼团群", "婴儿推车", 1250),
    ]
    assert rows[1]["note"] == "拉了我" and all(r["counted"] for r in rows)
    assert detail["balance"]["balance"] == -1  # she helped twice, the user once: the user owes her
    assert detail["balance"]["given_fen"] == 1250
    assert (detail["totals"]["given_count"], detail["totals"]["received_count"]) == (1, 2)
    assert detail["totals"]["first"] == rows[-1]["at"] and detail["totals"]["last"] == rows[0]["at"]
    # Her groups: the one she was added to, and the one a help named (which makes her a member of it).
    groups = {g["name"]: (g["member"], g["given_count"], g["received_count"]) for g in detail["groups"]}
    assert groups == {"宝妈拼团群": (True, 1, 0), "数码群": (True, 0, 1)}
    deals = {d["title"]: (d["kind"], d["status"], d["given_count"], d["received_count"], d["cut_fen"])
             for d in detail["deals"]}
    assert deals == {"婴儿推车": ("bargain", "open", 1, 0, 1250), "耳机": ("group_buy", "open", 0, 1, 0)}


def test_settled_exchanges_are_listed_but_not_counted(community: Services, clock: FixedClock) -> None:
    s = community
    s.helps.create(direction="given", kind="bargain_cut", contact="小美", at=clock.now() - dt.timedelta(days=5))
    s.ledger.settle("小美", at=clock.now() - dt.timedelta(days=4))
    s.helps.create(direction="received", kind="boost_click", contact="小美", at=clock.now() - dt.timedelta(days=1))
    detail = s.contacts.detail("小美")
    assert [r["counted"] for r in detail["exchanges"]] == [True, False]
    assert detail["balance"]["balance"] == -1 and detail["balance"]["since"] is not None
    assert (detail["totals"]["given_count"], detail["totals"]["received_count"]) == (1, 1)


def test_a_deal_past_its_deadline_reads_expired(community: Services, clock: FixedClock) -> None:
    community.helps.create(direction="given", kind="join_group", contact="小美", deal="耳机")
    clock.advance(hours=2)
    assert [d["status"] for d in community.contacts.detail("小美")["deals"]] == ["expired"]


def test_an_exchange_read_for_the_edit_form(community: Services) -> None:
    result = community.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")
    record = community.helps.record(str(result.entity_id))
    assert record is not None
    assert (record["contact_name"], record["group_name"], record["kind"]) == ("小美", "宝妈拼团群", "share")
    community.helps.delete(str(result.entity_id))
    assert community.helps.record(str(result.entity_id)) is None
    assert community.helps.record("not an id") is None


def test_an_unknown_contact_is_refused(community: Services) -> None:
    with pytest.raises(NotFound):
        community.contacts.detail("nobody")


def add_many(services: Services, clock: FixedClock, nickname: str, count: int) -> None:
    """``count`` helps with one contact, written as rows (the services' write of each would take minutes)."""
    from sqlalchemy import select

    from app.model import Contact, Direction, HelpExchange, HelpKind
    from app.services import balances

    with services.store.write() as session:
        contact_id = session.scalar(select(Contact.id).where(Contact.nickname == nickname))
        start = clock.now() - dt.timedelta(days=count)
        session.add_all(
            HelpExchange(direction=Direction.given if i % 3 else Direction.received, kind=HelpKind.boost_click,
                         contact_id=contact_id, amount_fen=i, at=start + dt.timedelta(days=i), created_at=clock.now())
            for i in range(count)
        )
        session.flush()
        balances.refill_all(session)  # the kept balances, as a bulk load rebuilds them


def test_thousands_of_exchanges_all_come_back(community: Services, clock: FixedClock) -> None:
    add_many(community, clock, "阿强", 3000)
    rows = community.contacts.detail("阿强")["exchanges"]
    assert len(rows) == 3000
    assert [r["amount_fen"] for r in rows[:3]] == [2999, 2998, 2997]  # newest first
    assert sum(r["direction"] == "received" for r in rows) == 1000
    assert community.contacts.detail("阿强")["balance"]["balance"] == 1000
