"""The services, headless: each call's records, activities and refusals, read back through the public APIs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from app import model as m
from app.clock import FixedClock
from app.errors import Ambiguous, DuplicateDeal, InvalidInput, NotFound
from app.privacy.links import check_url, normalise_url
from app.services import Services
from app.services.base import SNAPSHOT_KEYS
from app.services.validate import in_windows, parse_datetime, parse_window, yuan_to_fen
from app.store import Store
from tests.conftest import SHANGHAI

UTC = dt.UTC
TABLES = (
    m.Group, m.ActivityWindow, m.ContactGroup, m.Contact, m.Deal, m.PriceTier, m.BargainCut,
    m.HelpRequest, m.HelpExchange, m.LedgerSettlement, m.Activity,
)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


# -- helpers -----------------------------------------------------------------------------------------------


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    """A moment in Shanghai in 2026 (2026-11-25 is a Wednesday)."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def t(hhmm: str) -> dt.time:
    return dt.time.fromisoformat(hhmm)


def row_counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in TABLES
        }


def history(services: Services, entity_id: uuid.UUID | str, *types: str) -> list[dict[str, Any]]:
    """The activities about one entity, oldest first."""
    ident = entity_id if isinstance(entity_id, uuid.UUID) else uuid.UUID(entity_id)
    return list(reversed(services.queries.activities(entity_id=ident, types=types or None)))


def one(rows: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(rows) == 1, rows
    return rows[0]


def current_facts(services: Services, entity_id: uuid.UUID | str, *types: str) -> list[dict[str, Any]]:
    return [a for a in history(services, entity_id, *types) if a["kind"] == "fact" and a["superseded_by"] is None]


def deal(services: Services, ident: uuid.UUID | str) -> dict[str, Any]:
    return one([d for d in services.queries.deals() if d["id"] == str(ident)])


def contact(services: Services, ident: uuid.UUID | str) -> dict[str, Any]:
    return one([c for c in services.queries.contacts() if c["id"] == str(ident)])


def balance(services: Services, ident: uuid.UUID | str) -> dict[str, Any]:
    return one([r for r in services.ledger.summary()["contacts"] if r["contact_id"] == str(ident)])


def new_group(services: Services, name: str = "宝妈互助群", **fields: Any) -> uuid.UUID:
    result = services.groups.create(name=name, **fields)
    assert result.entity_id is not None
    return result.entity_id


def new_contact(services: Services, nickname: str = "小红", **fields: Any) -> uuid.UUID:
    result = services.contacts.create(nickname=nickname, **fields)
    assert result.entity_id is not None
    return result.entity_id


def new_help(services: Services, who: uuid.UUID, direction: str = "given", **fields: Any) -> uuid.UUID:
    fields.setdefault("kind", "boost_click")
    result = services.helps.create(direction=direction, contact=str(who), **fields)
    assert result.entity_id is not None
    return result.entity_id


def new_bargain(services: Services, original: int = 10_000, target: int = 2_000, **fields: Any) -> uuid.UUID:
    result = services.deals.create(
        kind="bargain", title="空气炸锅", original_fen=original, target_fen=target, **fields
    )
    assert result.entity_id is not None
    return result.entity_id


# -- groups ------------------------------------------------------------------------------------------------


def test_group_create_keeps_windows_including_ones_crossing_midnight(services: Services, clock: FixedClock) -> None:
    result = services.groups.create(
        name="宝妈互助群", vertical="mother_baby", daily_request_limit=3,
        windows=["Mon-Fri 20:00-22:00", "周六 09:00-11:00", "daily 22:00-02:00"],
    )
    texts = [w["text"] for w in result.record["windows"]] if result.record else []
    assert len(texts) == 5 + 1 + 7
    assert {"Mon 20:00-22:00", "Fri 20:00-22:00", "Sat 09:00-11:00", "Sun 22:00-02:00"} <= set(texts)
    assert "Sat 20:00-22:00" not in texts

    [stored] = services.queries.groups()
    assert stored["windows"] == result.record["windows"]
    assert stored["vertical"] == "mother_baby" and stored["daily_request_limit"] == 3
    joined = one(history(services, stored["id"]))
    assert (joined["type"], joined["kind"], joined["at"]) == ("group.joined", "fact", iso(clock.now()))
    assert joined["payload"]["group_vertical"] == "mother_baby"
    assert joined["payload"]["in_window"] is True  # Wednesday 20:00 in Shanghai


def test_group_create_refuses_a_bad_window_and_writes_nothing(services: Services, store: Store) -> None:
    before = row_counts(store)
    with pytest.raises(InvalidInput):
        services.groups.create(name="群", windows=["Mon-Fri 20:00-22:00", "someday 10:00-11:00"])
    assert row_counts(store) == before


def test_group_edit_is_a_correction_and_earlier_snapshots_keep_the_old_values(services: Services) -> None:
    group = new_group(services, vertical="mother_baby")
    who = new_contact(services)
    first_help = new_help(services, who, group=str(group))

    services.groups.edit(str(group), vertical="digital", name="数码群")

    edited = one(history(services, group, "group.edited"))
    assert edited["kind"] == "correction"
    assert edited["payload"]["changes"] == {"vertical": ["mother_baby", "digital"], "name": ["宝妈互助群", "数码群"]}
    old_fact = one(history(services, first_help))
    assert old_fact["payload"]["group_vertical"] == "mother_baby"
    assert old_fact["superseded_by"] is None
    assert one(history(services, group, "group.joined"))["superseded_by"] is None  # joined_at did not change

    second_help = new_help(services, who, group=str(group))
    assert one(history(services, second_help))["payload"]["group_vertical"] == "digital"


def test_group_edit_without_changes_appends_nothing(services: Services) -> None:
    group = new_group(services, vertical="home")
    before = len(services.queries.activities())
    services.groups.edit(str(group), vertical="home")
    assert len(services.queries.activities()) == before


def test_group_left_at_appends_group_left(services: Services, clock: FixedClock) -> None:
    group = new_group(services, joined_at=clock.now() - dt.timedelta(days=30))
    left = clock.now() - dt.timedelta(days=1)
    services.groups.edit(str(group), left_at=left)
    fact = one(history(services, group, "group.left"))
    assert (fact["kind"], fact["at"]) == ("fact", iso(left))
    assert one(services.queries.groups())["left_at"] == iso(left)

    with pytest.raises(InvalidInput):
        services.groups.edit(str(group), left_at=clock.now() - dt.timedelta(days=60))
    assert one(services.queries.groups())["left_at"] == iso(left)


def test_group_archive_and_unarchive(services: Services) -> None:
    group = new_group(services)
    services.groups.archive(str(group))
    assert services.queries.groups(include_archived=False) == []
    assert one(services.queries.groups())["archived"] is True
    services.groups.archive(str(group), archived=False)
    assert one(services.queries.groups(include_archived=False))["archived"] is False


def test_group_delete_is_refused_when_referenced(services: Services, store: Store) -> None:
    group = new_group(services)
    services.requests.create(group=str(group))
    before = row_counts(store)
    with pytest.raises(InvalidInput, match="archive"):
        services.groups.delete(str(group))
    assert row_counts(store) == before


def test_group_delete_when_unused_supersedes_joined(services: Services, store: Store) -> None:
    group = new_group(services, windows=["Mon-Fri 20:00-22:00"])
    new_contact(services, groups=[str(group)])
    joined = one(history(services, group, "group.joined"))

    services.groups.delete(str(group))

    assert services.queries.groups() == []
    deleted = one(history(services, group, "group.deleted"))
    assert deleted["kind"] == "correction" and deleted["corrects"] == joined["id"]
    assert one(history(services, group, "group.joined"))["superseded_by"] == deleted["id"]
    counts = row_counts(store)
    assert counts["activity_window"] == 0 and counts["contact_group"] == 0
    with pytest.raises(NotFound):
        services.groups.edit(str(group), name="x")


# -- contacts ----------------------------------------------------------------------------------------------


def test_contact_create_with_groups_by_name_and_id(services: Services) -> None:
    g1 = new_group(services, "宝妈互助群")
    g2 = new_group(services, "数码拼团")
    result = services.contacts.create(nickname="小红", wechat_id="xh_123", groups=["宝妈互助群", str(g2)])
    assert result.record is not None
    assert sorted(result.record["group_ids"]) == sorted([str(g1), str(g2)])
    added = one(history(services, result.record["id"]))
    assert added["type"] == "contact.added" and added["payload"]["contact_trust"] == "normal"


def test_contact_create_in_an_unknown_group_writes_nothing(services: Services, store: Store) -> None:
    before = row_counts(store)
    with pytest.raises(NotFound):
        services.contacts.create(nickname="小红", groups=["nowhere"])
    assert row_counts(store) == before


def test_trust_change_is_a_fact_with_the_previous_trust(services: Services) -> None:
    who = new_contact(services)
    services.contacts.edit(str(who), trust="trusted")
    fact = one(history(services, who, "contact.trust_changed"))
    assert fact["kind"] == "fact"
    assert fact["payload"]["previous_trust"] == "normal"
    assert fact["payload"]["contact_trust"] == "trusted"
    assert one(history(services, who, "contact.edited"))["kind"] == "correction"
    assert contact(services, who)["trust"] == "trusted"

    services.contacts.edit(str(who), notes="买过两次")
    assert len(history(services, who, "contact.trust_changed")) == 1


def test_ambiguous_name_lists_every_id(services: Services) -> None:
    a = new_contact(services, "Amy")
    b = new_contact(services, "amy")
    assert services.contacts.edit("Amy", notes="exact match wins").entity_id == a
    with pytest.raises(Ambiguous) as info:
        services.contacts.edit("AMY", trust="trusted")
    assert str(a) in info.value.message and str(b) in info.value.message

    c = new_contact(services, "小红")
    d = new_contact(services, "小红")
    with pytest.raises(Ambiguous) as info:
        new_help(services, "小红")  # type: ignore[arg-type]
    assert str(c) in info.value.message and str(d) in info.value.message


def test_unknown_contact_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.contacts.edit("nobody", trust="trusted")
    with pytest.raises(NotFound):
        services.contacts.delete(str(uuid.uuid4()))


def test_contact_delete_refused_with_helps_allowed_without(services: Services, store: Store) -> None:
    helped = new_contact(services, "小红")
    new_help(services, helped)
    before = row_counts(store)
    with pytest.raises(InvalidInput, match="archive or merge"):
        services.contacts.delete(str(helped))
    assert row_counts(store) == before

    lonely = new_contact(services, "小明")
    services.contacts.edit(str(lonely), trust="blocked")
    services.contacts.delete(str(lonely))
    deleted = one(history(services, lonely, "contact.deleted"))
    assert deleted["kind"] == "correction"
    assert current_facts(services, lonely) == []
    assert [c["id"] for c in services.queries.contacts()] == [str(helped)]


def test_merge_moves_helps_drops_the_others_settlements_and_reissues_facts(
    services: Services, store: Store, clock: FixedClock
) -> None:
    g1, g2 = new_group(services, "群一"), new_group(services, "群二")
    keep = new_contact(services, "小红", groups=[str(g1)])
    other = new_contact(services, "小红2", wechat_id="xh_wx", groups=[str(g2)])
    services.ledger.settle(str(other), at=clock.now() - dt.timedelta(days=5))
    day = dt.timedelta(days=1)
    keep_helps = [new_help(services, keep, amount_fen=100, at=clock.now() - day),
                  new_help(services, keep, amount_fen=200, at=clock.now() - 2 * day)]
    other_helps = [new_help(services, other, amount_fen=50, at=clock.now() - day),
                   new_help(services, other, "received", amount_fen=700, at=clock.now() - 3 * day)]
    old_facts = {h: one(current_facts(services, h)) for h in other_helps}

    result = services.contacts.merge(str(keep), str(other))

    assert result.record is not None
    assert result.record["wechat_id"] == "xh_wx"
    assert sorted(result.record["group_ids"]) == sorted([str(g1), str(g2)])
    assert [c["id"] for c in services.queries.contacts()] == [str(keep)]
    with pytest.raises(NotFound):
        services.contacts.edit(str(other), notes="gone")
    assert {h["contact_id"] for h in services.queries.helps()} == {str(keep)}
    with store.read() as session:
        # The merged record's settlement goes with it; the kept contact's balance starts from its own.
        assert set(session.scalars(select(m.LedgerSettlement.contact_id))) == set()

    for help_id in other_helps:
        fact = one(current_facts(services, help_id))
        assert fact["payload"]["contact_id"] == str(keep)
        assert fact["type"] == old_facts[help_id]["type"] and fact["at"] == old_facts[help_id]["at"]
        old = one([a for a in history(services, help_id) if a["id"] == old_facts[help_id]["id"]])
        assert old["superseded_by"] == fact["id"]
    for help_id in keep_helps:
        assert one(current_facts(services, help_id))["payload"]["contact_id"] == str(keep)
    merged = one(history(services, other, "contact.merged"))
    assert merged["kind"] == "correction" and merged["payload"]["kept_id"] == str(keep)
    assert one(history(services, other, "contact.added"))["superseded_by"] == merged["id"]

    row = balance(services, keep)
    assert (row["given_count"], row["received_count"], row["given_fen"], row["received_fen"]) == (3, 1, 350, 700)


def test_merge_keeps_the_kept_contacts_own_wechat_id(services: Services) -> None:
    keep = new_contact(services, "小红", wechat_id="keep_wx")
    other = new_contact(services, "小红2", wechat_id="other_wx", phone="13800000000")
    record = services.contacts.merge(str(keep), str(other)).record
    assert record is not None
    assert (record["wechat_id"], record["phone"]) == ("keep_wx", "13800000000")
    with pytest.raises(InvalidInput):
        services.contacts.merge(str(keep), str(keep))


def test_merge_leaves_no_current_fact_naming_the_merged_contact(services: Services) -> None:
    keep = new_contact(services, "小红")
    other = new_contact(services, "小红2")
    bargain = new_bargain(services)
    new_help(services, other, "received", kind="bargain_cut", deal=str(bargain), amount_fen=500)

    services.contacts.merge(str(keep), str(other))

    assert [c["contact_id"] for c in deal(services, bargain)["cuts"]] == [str(keep)]  # the cut row itself moved
    current = services.queries.activities(kinds=[m.ActivityKind.fact], current_only=True)
    assert [a["type"] for a in current if a["payload"].get("contact_id") == str(other)] == []


# -- deals -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "bargain", "original_fen": 1000, "target_fen": 1500},
        {"kind": "bargain", "original_fen": 1000, "target_fen": 100, "current_fen": 1200},
        {"kind": "bargain", "original_fen": 1000, "target_fen": 100, "current_fen": 50},
        {"kind": "bargain", "original_fen": 1000, "deadline": dt.datetime(2026, 11, 25, 11, tzinfo=UTC)},
        {"kind": "bargain", "original_fen": 1000, "deadline": dt.datetime(2026, 11, 25, 12, tzinfo=UTC)},
        {"kind": "bargain", "original_fen": -1},
        {"kind": "bargain", "original_fen": 1000, "target_fen": -5},
        {"kind": "lottery", "original_fen": 1000},
        {"kind": "bargain", "original_fen": 10.5},
        {"kind": "bargain", "url": "javascript:alert(1)"},
        {"kind": "bargain", "colour": "red"},
        {"kind": "bargain", "group": "no such group"},
    ],
    ids=[
        "target-above-original", "current-above-original", "current-below-target", "deadline-before-start",
        "deadline-at-start", "negative-price", "negative-target", "unknown-kind", "float-price", "bad-url",
        "unknown-field", "unknown-group",
    ],
)
def test_invalid_deal_raises_and_writes_nothing(services: Services, store: Store, fields: dict[str, Any]) -> None:
    before = row_counts(store)
    activities = len(services.queries.activities())
    with pytest.raises(InvalidInput):
        services.deals.create(title="空气炸锅", **fields)
    assert row_counts(store) == before
    assert len(services.queries.activities()) == activities


def test_bargain_current_defaults_to_original(services: Services) -> None:
    ident = new_bargain(services, original=9900, target=100)
    record = deal(services, ident)
    assert (record["current_fen"], record["status"], record["cuts"]) == (9900, "open", [])
    assert one(history(services, ident))["type"] == "deal.joined"
    mine = services.deals.create(kind="boost", title="助力免单", mine=True).entity_id
    assert mine is not None
    assert one(history(services, mine))["type"] == "deal.started"


def test_group_buy_tiers_sorted_and_participants_needed_defaults_to_lowest(services: Services) -> None:
    ident = services.deals.create(
        kind="group_buy", title="有机苹果 5斤", tiers=[(5, 800), (2, 1000), (10, 600)]
    ).entity_id
    record = deal(services, ident)  # type: ignore[arg-type]
    assert record["tiers"] == [
        {"min_participants": 2, "price_fen": 1000},
        {"min_participants": 5, "price_fen": 800},
        {"min_participants": 10, "price_fen": 600},
    ]
    assert record["participants_needed"] == 2


@pytest.mark.parametrize(
    "tiers", [[(2, 1000), (2, 900)], [(2, 900), (5, 1000)], [(0, 900)], [(3, -1)]],
    ids=["duplicate-tier", "more-participants-cost-more", "zero-participants", "negative-price"],
)
def test_bad_tiers_are_refused(services: Services, store: Store, tiers: list[tuple[int, int]]) -> None:
    before = row_counts(store)
    with pytest.raises(InvalidInput):
        services.deals.create(kind="group_buy", title="有机苹果", tiers=tiers)
    assert row_counts(store) == before


def test_joining_enough_participants_succeeds(services: Services, clock: FixedClock) -> None:
    ident = services.deals.create(kind="group_buy", title="有机苹果", tiers=[(3, 800), (5, 700)]).entity_id
    assert ident is not None
    services.deals.join_count(str(ident), 2)
    assert deal(services, ident)["status"] == "open"
    assert history(services, ident, "deal.succeeded") == []
    clock.advance(hours=2)
    services.deals.join_count(str(ident), 3)
    record = deal(services, ident)
    assert (record["status"], record["participants_joined"], record["closed_at"]) == ("succeeded", 3, iso(clock.now()))
    fact = one(history(services, ident, "deal.succeeded"))
    assert (fact["kind"], fact["at"]) == ("fact", iso(clock.now()))


def test_bargain_cut_through_a_help_follows_edits_and_deletion(services: Services, clock: FixedClock) -> None:
    bargain = new_bargain(services)
    helper = new_contact(services)
    help_id = new_help(services, helper, "received", kind="bargain_cut", deal=str(bargain), amount_fen=1500)

    record = deal(services, bargain)
    assert record["current_fen"] == 8500
    [cut] = record["cuts"]
    assert (cut["amount_fen"], cut["help_id"], cut["contact_id"]) == (1500, str(help_id), str(helper))
    first_cut = one(history(services, bargain, "deal.cut"))
    assert first_cut["payload"]["amount_fen"] == 1500 and first_cut["payload"]["contact_id"] == str(helper)

    services.helps.edit(str(help_id), amount_fen=3000)
    record = deal(services, bargain)
    assert record["current_fen"] == 7000
    assert [(c["amount_fen"], c["help_id"]) for c in record["cuts"]] == [(3000, str(help_id))]
    removed = one(history(services, bargain, "deal.cut_removed"))
    assert removed["kind"] == "correction" and removed["corrects"] == first_cut["id"]
    assert [f["payload"]["amount_fen"] for f in current_facts(services, bargain, "deal.cut")] == [3000]

    services.helps.delete(str(help_id))
    record = deal(services, bargain)
    assert (record["current_fen"], record["cuts"], record["status"]) == (10_000, [], "open")
    assert current_facts(services, bargain, "deal.cut") == []


def test_deleting_one_of_two_equal_cuts_supersedes_its_own_fact(services: Services) -> None:
    bargain = new_bargain(services)
    a, b = new_contact(services, "小红"), new_contact(services, "小明")
    new_help(services, a, "received", kind="bargain_cut", deal=str(bargain), amount_fen=500)
    second = new_help(services, b, "received", kind="bargain_cut", deal=str(bargain), amount_fen=500)

    services.helps.delete(str(second))

    assert [c["contact_id"] for c in deal(services, bargain)["cuts"]] == [str(a)]
    assert [f["payload"]["contact_id"] for f in current_facts(services, bargain, "deal.cut")] == [str(a)]


def test_a_cut_larger_than_what_is_left_is_refused(services: Services, store: Store) -> None:
    bargain = new_bargain(services, original=10_000, target=2_000)
    helper = new_contact(services)
    new_help(services, helper, "received", kind="bargain_cut", deal=str(bargain), amount_fen=5000)
    before = row_counts(store)
    with pytest.raises(InvalidInput, match="3000"):
        new_help(services, helper, "received", kind="bargain_cut", deal=str(bargain), amount_fen=3001)
    assert row_counts(store) == before
    assert deal(services, bargain)["current_fen"] == 5000


def test_reaching_the_target_succeeds(services: Services, clock: FixedClock) -> None:
    bargain = new_bargain(services, original=10_000, target=2_000)
    a, b = new_contact(services, "小红"), new_contact(services, "小明")
    new_help(services, a, "received", kind="bargain_cut", deal=str(bargain), amount_fen=6000)
    assert deal(services, bargain)["status"] == "open"
    clock.advance(minutes=5)
    new_help(services, b, "received", kind="bargain_cut", deal=str(bargain), amount_fen=2000)
    record = deal(services, bargain)
    assert (record["current_fen"], record["status"], record["closed_at"]) == (2000, "succeeded", iso(clock.now()))
    assert one(history(services, bargain, "deal.succeeded"))["kind"] == "fact"


def test_a_cut_on_a_deal_that_is_not_a_bargain_is_refused(services: Services) -> None:
    boost = services.deals.create(kind="group_buy", title="拼团").entity_id
    with pytest.raises(InvalidInput):
        services.deals.record_cut(str(boost), 100)
    services.deals.record_cut(str(new_bargain(services)), 100)


@pytest.mark.parametrize("status", ["succeeded", "failed", "cancelled"])
def test_set_status_and_reopen(services: Services, clock: FixedClock, status: str) -> None:
    ident = new_bargain(services)
    services.deals.set_status(str(ident), status)
    record = deal(services, ident)
    assert (record["status"], record["closed_at"]) == (status, iso(clock.now()))
    closing = one(history(services, ident, f"deal.{status}"))
    assert closing["kind"] == "fact"

    other = "failed" if status != "failed" else "succeeded"
    with pytest.raises(InvalidInput, match="re-open"):
        services.deals.set_status(str(ident), other)

    services.deals.set_status(str(ident), "open")
    record = deal(services, ident)
    assert (record["status"], record["closed_at"]) == ("open", None)
    reopened = one(history(services, ident, "deal.reopened"))
    assert reopened["kind"] == "correction" and reopened["payload"] == {"previous_status": status}
    assert one(history(services, ident, f"deal.{status}"))["superseded_by"] == reopened["id"]

    services.deals.set_status(str(ident), other)
    assert deal(services, ident)["status"] == other
    with pytest.raises(InvalidInput):
        services.deals.set_status(str(ident), "vanished")


def test_expire_due_closes_past_deadlines_at_the_deadline(services: Services, clock: FixedClock) -> None:
    deadline = clock.now() + dt.timedelta(days=2)
    due = new_bargain(services, deadline=deadline)
    later = new_bargain(services, deadline=clock.now() + dt.timedelta(days=5))
    no_deadline = new_bargain(services)

    services.deals.expire_due()
    assert deal(services, due)["status"] == "open"

    clock.advance(days=3)
    result = services.deals.expire_due()
    assert result.changed["deal"] == (due,)
    record = deal(services, due)
    assert (record["status"], record["closed_at"]) == ("expired", iso(deadline))
    fact = one(history(services, due, "deal.expired"))
    assert (fact["kind"], fact["at"], fact["recorded_at"]) == ("fact", iso(deadline), iso(clock.now()))
    assert deal(services, later)["status"] == "open" and deal(services, no_deadline)["status"] == "open"

    before = len(services.queries.activities())
    services.deals.expire_due()
    assert len(services.queries.activities()) == before


BASE_LINK = "https://mobile.yangkeduo.com/goods.html?goods_id=1&share_uid=9&utm_source=wx"
SAME_PRODUCT = [
    "https://mobile.yangkeduo.com/goods.html?utm_medium=x&goods_id=1",
    "http://mobile.yangkeduo.com/goods.html?goods_id=1",
    "https://www.mobile.yangkeduo.com/goods.html?goods_id=1",
    "https://mobile.yangkeduo.com/goods.html/?goods_id=1",
    "https://mobile.yangkeduo.com/goods.html?goods_id=1#comments",
    "HTTPS://Mobile.YangKeDuo.com:443/goods.html?goods_id=1&refer_page_name=index",
]
OTHER_PRODUCT = [
    "https://mobile.yangkeduo.com/goods.html?goods_id=2",
    "https://item.taobao.com/goods.html?goods_id=1",
    "https://mobile.yangkeduo.com/other.html?goods_id=1",
    "https://mobile.yangkeduo.com/goods.html?goods_id=1&sku_id=7",
]


@pytest.mark.parametrize("link", SAME_PRODUCT)
def test_duplicate_link_is_refused_unless_allowed(services: Services, store: Store, link: str) -> None:
    first = new_bargain(services, url=BASE_LINK)
    before = row_counts(store)
    with pytest.raises(DuplicateDeal) as info:
        services.deals.create(kind="group_buy", title="同款", url=link)
    assert info.value.existing_id == str(first)
    assert row_counts(store) == before

    second = services.deals.create(kind="group_buy", title="同款", url=link, allow_duplicate=True).entity_id
    [pair] = services.deals.duplicates()
    assert sorted(d["id"] for d in pair) == sorted([str(first), str(second)])
    # Both stored, without their sharers' tracking parameters.
    assert not any(t in d["url"] for d in pair for t in ("utm_", "share_uid", "refer_page_name")), pair


@pytest.mark.parametrize("link", OTHER_PRODUCT)
def test_other_products_are_not_duplicates(services: Services, link: str) -> None:
    new_bargain(services, url=BASE_LINK)
    services.deals.create(kind="group_buy", title="别的", url=link)
    assert services.deals.duplicates() == []


def test_editing_a_link_into_a_duplicate_is_refused(services: Services) -> None:
    first = new_bargain(services, url=BASE_LINK)
    second = new_bargain(services, url=OTHER_PRODUCT[0])
    with pytest.raises(DuplicateDeal) as info:
        services.deals.edit(str(second), url=SAME_PRODUCT[0])
    assert info.value.existing_id == str(first)
    assert deal(services, second)["url"] == OTHER_PRODUCT[0]
    services.deals.edit(str(second), url=SAME_PRODUCT[0], allow_duplicate=True)
    assert len(services.deals.duplicates()) == 1


def test_a_link_with_a_bad_port_is_invalid_input(services: Services, store: Store) -> None:
    before = row_counts(store)
    with pytest.raises(InvalidInput):
        services.deals.create(kind="bargain", title="坏端口", url="https://shop.example.com:99999/item?id=1")
    assert row_counts(store) == before


# -- requests ----------------------------------------------------------------------------------------------


def test_requests_today_counts_the_local_day(services: Services, clock: FixedClock) -> None:
    clock.advance(days=1)  # the moments below are all in the past
    group = new_group(services)
    moments = [
        local(25, 23, 30),  # Wed 23:30 Shanghai = 15:30 UTC
        local(26, 0, 30),  # Thu 00:30 Shanghai = 16:30 UTC the same UTC day, another local day
        local(26, 7, 30),  # 23:30 UTC Wednesday, but Thursday in Shanghai
        local(26, 9, 0),  # 01:00 UTC Thursday
    ]
    counts = []
    for moment in moments:
        ident = services.requests.create(group=str(group), at=moment).entity_id
        assert ident is not None
        counts.append(one(history(services, ident))["payload"]["requests_today"])
    assert counts == [1, 1, 2, 3]


def test_over_limit_past_the_daily_request_limit(services: Services, clock: FixedClock) -> None:
    clock.advance(days=2)  # the moments below are in the past: requests cannot be logged ahead
    limited = new_group(services, "限两次", daily_request_limit=2)
    free = new_group(services, "不限")
    flags = []
    for hour in (9, 12, 15):
        for group in (limited, free):
            ident = services.requests.create(group=str(group), at=local(25, hour)).entity_id
            payload = one(history(services, ident))["payload"]  # type: ignore[arg-type]
            flags.append((group, payload["over_limit"], payload["group_request_limit"]))
    assert [(f, lim) for g, f, lim in flags if g == limited] == [(False, 2), (False, 2), (True, 2)]
    assert [(f, lim) for g, f, lim in flags if g == free] == [(False, None)] * 3
    next_day = services.requests.create(group=str(limited), at=local(26, 9)).entity_id
    assert one(history(services, next_day))["payload"]["over_limit"] is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("windows", "moment", "inside"),
    [
        (["Mon-Fri 19:00-22:00"], local(25, 20), True),
        (["Mon-Fri 19:00-22:00"], local(25, 23), False),
        (["Mon-Fri 19:00-22:00"], local(28, 20), False),
        (["daily 22:00-02:00"], local(26, 1), True),
        (["daily 22:00-02:00"], local(26, 3), False),
        (["周日 23:00-01:00"], local(30, 0, 30), True),  # Monday 00:30, in Sunday's window
        ([], local(25, 4), True),
    ],
)
def test_request_in_window(services: Services, clock: FixedClock, windows: list[str], moment: dt.datetime,
                           inside: bool) -> None:
    clock.advance(days=7)  # every moment above is in the past
    group = new_group(services, windows=windows)
    ident = services.requests.create(group=str(group), at=moment).entity_id
    assert one(history(services, ident))["payload"]["in_window"] is inside  # type: ignore[arg-type]


def test_request_edit_and_delete_supersede(services: Services) -> None:
    group = new_group(services, daily_request_limit=5)
    ident = services.requests.create(group=str(group), at=local(25, 10), note="帮砍一刀").entity_id
    assert ident is not None
    posted = one(history(services, ident))

    services.requests.edit(str(ident), at=local(25, 11))
    edited = one(history(services, ident, "request.edited"))
    replacement = one(current_facts(services, ident, "request.posted"))
    assert edited["kind"] == "correction" and edited["corrects"] == posted["id"]
    assert edited["payload"]["replacement"] == replacement["id"]
    assert replacement["at"] == iso(local(25, 11)) and replacement["payload"]["requests_today"] == 1
    old = one([a for a in history(services, ident) if a["id"] == posted["id"]])
    assert old["superseded_by"] == replacement["id"]

    services.requests.delete(str(ident))
    deleted = one(history(services, ident, "request.deleted"))
    assert deleted["kind"] == "correction" and deleted["corrects"] == replacement["id"]
    assert current_facts(services, ident) == []
    assert services.queries.requests() == []


# -- helps -------------------------------------------------------------------------------------------------


def test_help_payload_snapshot_has_every_key(services: Services, clock: FixedClock) -> None:
    group = new_group(services, vertical="fresh_food", platform="qq", my_role="admin", daily_request_limit=4,
                      windows=["Mon-Fri 19:00-22:00"])
    who = new_contact(services, trust="trusted")
    bargain = new_bargain(services, group=str(group))
    help_id = new_help(services, who, "received", kind="bargain_cut", deal=str(bargain), amount_fen=250)
    fact = one(history(services, help_id))
    assert len(SNAPSHOT_KEYS) == 12
    assert set(fact["payload"]) == set(SNAPSHOT_KEYS)
    assert fact["payload"] == {
        "group_id": str(group), "group_vertical": "fresh_food", "group_platform": "qq", "group_role": "admin",
        "group_request_limit": 4, "in_window": True, "contact_id": str(who), "contact_trust": "trusted",
        "kind": "bargain_cut", "deal_id": str(bargain), "deal_kind": "bargain", "amount_fen": 250,
    }
    assert (fact["type"], fact["kind"], fact["at"]) == ("help.received", "fact", iso(clock.now()))

    bare = one(history(services, new_help(services, who)))["payload"]
    assert set(bare) == set(SNAPSHOT_KEYS)
    assert bare["group_id"] is None and bare["in_window"] is None and bare["amount_fen"] is None


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"note": "x" * 10_001}, InvalidInput),
        ({"contact": ""}, InvalidInput),
        ({"contact": None}, InvalidInput),
        ({"contact": "nobody"}, NotFound),
        ({"amount_fen": -1}, InvalidInput),
        ({"kind": "hug"}, InvalidInput),
        ({"direction": "sideways"}, InvalidInput),
        ({"at": dt.datetime(2026, 11, 25, 20, 0)}, InvalidInput),
        ({"group": "no such group"}, NotFound),
    ],
    ids=["long-note", "empty-contact", "no-contact", "unknown-contact", "negative", "kind", "direction",
         "naive-time", "unknown-group"],
)
def test_invalid_help_writes_nothing(
    services: Services, store: Store, fields: dict[str, Any], error: type[Exception]
) -> None:
    who = new_contact(services)
    before = row_counts(store)
    data: dict[str, Any] = {"direction": "given", "kind": "share", "contact": str(who), **fields}
    with pytest.raises(error):
        services.helps.create(**data)
    assert row_counts(store) == before


def test_note_of_exactly_ten_thousand_characters_is_kept(services: Services) -> None:
    help_id = new_help(services, new_contact(services), note="好" * 10_000)
    assert one(services.queries.helps())["id"] == str(help_id)
    assert len(one(services.queries.helps())["note"]) == 10_000


def test_help_edit_appends_correction_and_replacement(services: Services) -> None:
    who = new_contact(services)
    help_id = new_help(services, who, amount_fen=100)
    original = one(history(services, help_id))

    services.helps.edit(str(help_id), amount_fen=250)

    edited = one(history(services, help_id, "help.edited"))
    replacement = one(current_facts(services, help_id))
    assert replacement["type"] == "help.given" and replacement["payload"]["amount_fen"] == 250
    assert edited["kind"] == "correction" and edited["corrects"] == original["id"]
    assert edited["payload"] == {"changes": {"amount_fen": [100, 250]}, "replacement": replacement["id"]}
    old = one([a for a in history(services, help_id) if a["id"] == original["id"]])
    assert old["superseded_by"] == replacement["id"] and old["payload"]["amount_fen"] == 100

    services.helps.edit(str(help_id), direction="received")
    flipped = one(current_facts(services, help_id))
    assert flipped["type"] == "help.received"
    assert one([a for a in history(services, help_id) if a["id"] == replacement["id"]])["superseded_by"] == (
        flipped["id"]
    )
    assert one(services.queries.helps())["direction"] == "received"

    before = len(services.queries.activities())
    services.helps.edit(str(help_id), direction="received", amount_fen=250)
    assert len(services.queries.activities()) == before


def test_help_delete_supersedes_the_fact(services: Services) -> None:
    help_id = new_help(services, new_contact(services), amount_fen=100)
    fact = one(history(services, help_id))
    services.helps.delete(str(help_id))
    deleted = one(history(services, help_id, "help.deleted"))
    assert deleted["kind"] == "correction" and deleted["corrects"] == fact["id"]
    assert deleted["payload"]["amount_fen"] == 100
    assert one(history(services, help_id, "help.given"))["superseded_by"] == deleted["id"]
    assert services.queries.helps() == []
    with pytest.raises(NotFound):
        services.helps.delete(str(help_id))


def test_help_for_a_deal_takes_the_deals_group_and_links_the_contact(services: Services) -> None:
    group = new_group(services)
    boost = services.deals.create(kind="boost", title="助力免单", group=str(group)).entity_id
    who = new_contact(services)
    assert contact(services, who)["group_ids"] == []

    help_id = new_help(services, who, deal=str(boost))

    [record] = services.queries.helps()
    assert (record["id"], record["group_id"], record["deal_id"]) == (str(help_id), str(group), str(boost))
    assert one(history(services, help_id))["payload"]["group_id"] == str(group)
    assert contact(services, who)["group_ids"] == [str(group)]


def test_help_in_a_group_links_the_contact_once(services: Services) -> None:
    g1, g2 = new_group(services, "群一"), new_group(services, "群二")
    who = new_contact(services, groups=[str(g1)])
    new_help(services, who, group=str(g2))
    new_help(services, who, group=str(g2))
    assert sorted(contact(services, who)["group_ids"]) == sorted([str(g1), str(g2)])


# -- ledger ------------------------------------------------------------------------------------------------


def _totals(row: dict[str, Any]) -> tuple[int, int, int, int, int]:
    return row["given_count"], row["received_count"], row["given_fen"], row["received_fen"], row["balance"]


def test_ledger_balances_per_contact_and_group(services: Services) -> None:
    g1, g2 = new_group(services, "群一"), new_group(services, "群二")
    a, b, c = new_contact(services, "阿芳"), new_contact(services, "小白"), new_contact(services, "陈姐")
    new_help(services, a, amount_fen=120, group=str(g1))
    new_help(services, a, amount_fen=None, group=str(g1))
    new_help(services, a, "received", amount_fen=300, group=str(g2))
    new_help(services, b, amount_fen=50, group=str(g2))
    new_help(services, c, "received", amount_fen=1)

    summary = services.ledger.summary()
    rows = {r["contact_id"]: _totals(r) for r in summary["contacts"]}
    assert rows == {str(a): (2, 1, 120, 300, 1), str(b): (1, 0, 50, 0, 1), str(c): (0, 1, 0, 1, -1)}
    groups = {r["name"]: _totals(r) for r in summary["groups"]}
    assert groups == {"群一": (2, 0, 120, 0, 2), "群二": (1, 1, 50, 300, 0), None: (0, 1, 0, 1, -1)}
    assert [r["contact_id"] for r in summary["you_owe"]] == [str(c)]

    detail = services.ledger.contact(str(a))
    assert _totals(detail) == (2, 1, 120, 300, 1) and len(detail["exchanges"]) == 3


def test_you_owe_lists_contacts_who_gave_more(services: Services) -> None:
    a, b = new_contact(services, "阿芳"), new_contact(services, "小白")
    for _ in range(3):
        new_help(services, a, "received")
    new_help(services, a, "given")
    new_help(services, b, "received")
    owe = services.ledger.summary()["you_owe"]
    assert [(r["contact_id"], r["balance"]) for r in owe] == [(str(a), -2), (str(b), -1)]


def test_only_takes(services: Services, clock: FixedClock) -> None:
    days = [dt.timedelta(days=d) for d in (1, 5, 20)]
    taker, fair, light = new_contact(services, "只拿"), new_contact(services, "有来有往"), new_contact(services, "少")
    for ago in days:
        new_help(services, taker, at=clock.now() - ago)
        new_help(services, fair, at=clock.now() - ago)
    new_help(services, taker, "received", at=clock.now() - dt.timedelta(days=40))
    new_help(services, fair, "received", at=clock.now() - dt.timedelta(days=10))
    new_help(services, light, at=clock.now())
    new_help(services, light, at=clock.now())

    [row] = services.ledger.summary()["only_takes"]
    assert (row["contact_id"], row["given_last_30_days"]) == (str(taker), 3)

    clock.advance(days=11)  # the help 20 days ago is now 31 days old
    assert services.ledger.summary()["only_takes"] == []


def test_settle_resets_the_balance(services: Services, clock: FixedClock) -> None:
    a, b = new_contact(services, "阿芳"), new_contact(services, "小白")
    new_help(services, a, amount_fen=100, at=clock.now() - dt.timedelta(days=2))
    new_help(services, a, amount_fen=200, at=clock.now() - dt.timedelta(days=1))
    new_help(services, a, "received", amount_fen=50, at=clock.now() - dt.timedelta(hours=3))
    new_help(services, b, amount_fen=10)

    result = services.ledger.settle(str(a), note="请喝奶茶了")
    settled = one(history(services, result.entity_id, "ledger.settled"))  # type: ignore[arg-type]
    assert settled["payload"]["balance"] == 1 and settled["payload"]["contact_id"] == str(a)
    assert settled["at"] == iso(clock.now())
    row = balance(services, a)
    assert _totals(row) == (0, 0, 0, 0, 0) and row["since"] == iso(clock.now())
    assert _totals(balance(services, b)) == (1, 0, 10, 0, 1)

    new_help(services, a, amount_fen=999, at=clock.now() - dt.timedelta(hours=1))  # happened before settling
    clock.advance(hours=1)
    new_help(services, a, "received", amount_fen=30)
    assert _totals(balance(services, a)) == (0, 1, 0, 30, -1)
    assert [e["amount_fen"] for e in services.ledger.contact(str(a))["exchanges"]] == [30]


# -- validate ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Mon-Fri 20:00-22:00", [(d, t("20:00"), t("22:00")) for d in range(MON, SAT)]),
        ("周六 09:00-11:00", [(SAT, t("09:00"), t("11:00"))]),
        ("daily 22:00-02:00", [(d, t("22:00"), t("02:00")) for d in range(7)]),
        ("每天 8:00-9:30", [(d, t("08:00"), t("09:30")) for d in range(7)]),
        ("Sat,Sun 09:00-11:00", [(SAT, t("09:00"), t("11:00")), (SUN, t("09:00"), t("11:00"))]),
        ("周一-周五 20:00–22:00", [(d, t("20:00"), t("22:00")) for d in range(MON, SAT)]),
        ("星期一至星期三 07:00~08:00", [(d, t("07:00"), t("08:00")) for d in (MON, TUE, WED)]),
        ("Fri-Mon 10:00-11:00", [(d, t("10:00"), t("11:00")) for d in (MON, FRI, SAT, SUN)]),
        ("  wednesday   23:00 - 00:30 ", [(WED, t("23:00"), t("00:30"))]),
    ],
)
def test_parse_window(spec: str, expected: list[tuple[int, dt.time, dt.time]]) -> None:
    assert parse_window(spec) == expected


@pytest.mark.parametrize(
    "spec",
    ["", "20:00-22:00", "Mon 20:00", "Mon 25:00-26:00", "Mon 20:60-21:00", "Mon 20:00-20:00",
     "Funday 10:00-11:00", "Mon-Tue-Wed 10:00-11:00", "Mon,,Tue 10:00-11:00", "周八 10:00-11:00"],
)
def test_parse_window_refuses(spec: str) -> None:
    with pytest.raises(InvalidInput):
        parse_window(spec)


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (dt.datetime(2026, 11, 29, 22, 0), True),  # Sunday 22:00: start of Sunday's window
        (dt.datetime(2026, 11, 29, 21, 59), False),
        (dt.datetime(2026, 11, 30, 1, 59), True),  # Monday 01:59: Sunday's window, past midnight
        (dt.datetime(2026, 11, 30, 2, 0), False),  # end is exclusive
        (dt.datetime(2026, 11, 25, 1, 0), False),  # Wednesday 01:00: Tuesday has no window
        (dt.datetime(2026, 11, 24, 12, 30), True),  # Tuesday's ordinary window
    ],
)
def test_in_windows_across_midnight(moment: dt.datetime, inside: bool) -> None:
    windows = [(SUN, t("22:00"), t("02:00")), (TUE, t("12:00"), t("13:00"))]
    assert in_windows(windows, moment.replace(tzinfo=SHANGHAI)) is inside
    assert in_windows([], moment) is True


@pytest.mark.parametrize(("text", "fen"), [("12.50", 1250), ("¥3", 300), ("￥ 0.05", 5), (" 7 ", 700), ("0", 0)])
def test_yuan_to_fen(text: str, fen: int) -> None:
    assert yuan_to_fen(text) == fen


@pytest.mark.parametrize("text", ["1.234", "-1", "abc", "", "¥", "NaN", "Infinity", "1,000", "1000000001"])
def test_yuan_to_fen_refuses(text: str) -> None:
    with pytest.raises(InvalidInput):
        yuan_to_fen(text)


@pytest.mark.parametrize("text", ["1e30", "9" * 29])
def test_yuan_to_fen_refuses_huge_numbers_as_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput):
        yuan_to_fen(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25T20:30", dt.datetime(2026, 11, 25, 12, 30, tzinfo=UTC)),  # local (Shanghai) time
        ("2026-11-25 20:30", dt.datetime(2026, 11, 25, 12, 30, tzinfo=UTC)),
        ("2026-11-25T20:30+08:00", dt.datetime(2026, 11, 25, 12, 30, tzinfo=UTC)),
        ("2026-11-25T20:30+00:00", dt.datetime(2026, 11, 25, 20, 30, tzinfo=UTC)),
        ("2026-11-25T12:30Z", dt.datetime(2026, 11, 25, 12, 30, tzinfo=UTC)),
        ("2026-11-25", dt.datetime(2026, 11, 24, 16, 0, tzinfo=UTC)),  # local midnight
    ],
)
def test_parse_datetime(text: str, expected: dt.datetime) -> None:
    value = parse_datetime(text, SHANGHAI)
    assert value == expected and value.tzinfo == UTC


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01T10:00", "tomorrow", "", "1999-12-31", "2100-01-02"])
def test_parse_datetime_refuses(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_datetime(text, SHANGHAI)


# -- links -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("link", SAME_PRODUCT)
def test_normalise_url_equal_for_the_same_product(link: str) -> None:
    assert normalise_url(link) == normalise_url(BASE_LINK) == "https://mobile.yangkeduo.com/goods.html?goods_id=1"


@pytest.mark.parametrize("link", OTHER_PRODUCT)
def test_normalise_url_differs_for_other_products(link: str) -> None:
    assert normalise_url(link) != normalise_url(BASE_LINK)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://x", "not a url", "https://", "", "https://exa mple.com/", "//x.com/a"]
)
def test_check_url_refuses(link: str) -> None:
    with pytest.raises(InvalidInput):
        check_url(link)


def test_check_url_trims() -> None:
    assert check_url("  https://item.jd.com/100.html \n") == "https://item.jd.com/100.html"


def test_profile_is_created_once_with_a_secret_and_can_be_edited(services: Services) -> None:
    first = services.profile.get()
    assert len(first["secret"]) == 64 and first["locale"] == "en"
    assert services.profile.get() == first
    services.profile.ensure()
    edited = services.profile.edit(display_name="  小美妈妈 ", locale="zh-CN").record
    assert edited is not None
    assert (edited["display_name"], edited["locale"], edited["secret"]) == ("小美妈妈", "zh_CN", first["secret"])
    with services.store.read() as session:
        from sqlalchemy import func, select

        from app.model import Profile

        assert session.scalar(select(func.count()).select_from(Profile)) == 1


def test_deleting_a_contact_supersedes_its_settlement_facts(services: Services) -> None:
    contact = new_contact(services, "临时")
    services.ledger.settle(str(contact))
    [settled] = services.queries.activities(types=["ledger.settled"])
    services.contacts.delete(str(contact))
    [after] = services.queries.activities(types=["ledger.settled"])
    assert settled["superseded_by"] is None and after["superseded_by"] is not None


def test_an_automatic_success_is_undone_with_the_cut_that_made_it(services: Services) -> None:
    contact = new_contact(services, "小美")
    deal = services.deals.create(kind="bargain", title="锅", original_fen=1000, target_fen=900, mine=True)
    cut = services.helps.create(direction="received", kind="bargain_cut", contact=str(contact),
                                deal=str(deal.entity_id), amount_fen=100)
    assert services.queries.deals()[0]["status"] == "succeeded"
    services.helps.delete(str(cut.entity_id))
    reopened = services.queries.deals()[0]
    assert (reopened["status"], reopened["current_fen"]) == ("open", 1000)
    assert services.queries.activities(types=["deal.succeeded"], current_only=True) == []
    manual = services.deals.create(kind="group_buy", title="团", participants_needed=2, participants_joined=2)
    services.deals.edit(str(manual.entity_id), participants_joined=1)
    assert services.queries.deals()[0]["status"] == "open"


def test_a_settlement_cannot_be_in_the_future(services: Services, clock: FixedClock) -> None:
    contact = new_contact(services, "小美")
    with pytest.raises(InvalidInput, match="future"):
        services.ledger.settle(str(contact), at=clock.now() + dt.timedelta(days=30))


def test_hash_routed_links_and_pid_name_different_products() -> None:
    from app.privacy.links import normalise_url

    assert normalise_url("https://h5.shop.cn/#/pages/goods/detail?id=1") != normalise_url(
        "https://h5.shop.cn/#/pages/goods/detail?id=2"
    )
    assert normalise_url("https://x.cn/item?pid=111") != normalise_url("https://x.cn/item?pid=222")
    assert normalise_url("https://x.cn/item?id=1#reviews") == normalise_url("https://x.cn/item?id=1")


def test_an_overlong_link_is_refused() -> None:
    from app.privacy.links import check_url

    with pytest.raises(InvalidInput, match="too long"):
        check_url("https://x.cn/" + "a" * 5000)


def test_helps_and_requests_cannot_be_logged_ahead(services: Services, clock: FixedClock) -> None:
    group = new_group(services)
    services.contacts.create(nickname="小美")
    soon = clock.now() + dt.timedelta(minutes=4)  # another device's clock may run a little fast
    later = clock.now() + dt.timedelta(hours=1)
    before = services.queries.counts()
    with pytest.raises(InvalidInput, match="A help cannot be in the future"):
        services.helps.create(direction="given", kind="share", contact="小美", at=later)
    with pytest.raises(InvalidInput, match="A request cannot be in the future"):
        services.requests.create(group=str(group), at=later)
    assert services.queries.counts() == before
    ident = services.helps.create(direction="given", kind="share", contact="小美", at=soon).entity_id
    with pytest.raises(InvalidInput, match="A help cannot be in the future"):
        services.helps.edit(str(ident), at=later)
    assert services.queries.helps()[0]["at"] == soon.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def test_deal_list_without_cuts_counts_them_and_cuts_are_read_per_deal(services: Services,
                                                                      clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    services.deals.create(kind="bargain", title="推车", original_fen=10000, target_fen=0)
    services.deals.create(kind="boost", title="咖啡")
    services.deals.record_cut("推车", 100, contact="小美", at=clock.now() - dt.timedelta(hours=2))
    services.deals.record_cut("推车", 200, contact="小美", at=clock.now() - dt.timedelta(hours=1))
    services.deals.record_cut("推车", 50)  # someone not in the contacts
    full = {d["title"]: d for d in services.queries.deals()}
    light = {d["title"]: d for d in services.queries.deals(with_cuts=False)}
    assert "cuts" not in light["推车"] and len(full["推车"]["cuts"]) == 3
    assert (light["推车"]["cut_count"], light["推车"]["helper_count"]) == (3, 2)
    assert (light["咖啡"]["cut_count"], light["咖啡"]["helper_count"]) == (0, 0)
    assert (light["推车"]["cut_fen"], light["咖啡"]["cut_fen"]) == (350, 0)  # the cuts' sum, for the list's bar
    assert {k: v for k, v in full["推车"].items() if k != "cuts"} == \
        {k: v for k, v in light["推车"].items() if k not in ("cut_count", "helper_count", "cut_fen")}
    cuts = services.queries.deal_cuts("推车")
    assert [c["amount_fen"] for c in cuts] == [50, 200, 100]  # newest first
    assert sorted(cuts, key=lambda c: c["id"]) == sorted(full["推车"]["cuts"], key=lambda c: c["id"])
    assert services.queries.deals_due(dt.timedelta(days=1)) == []  # no deadlines yet
    services.deals.edit("推车", deadline=clock.now() + dt.timedelta(hours=5))
    due = services.queries.deals_due(dt.timedelta(days=1))
    assert [d["title"] for d in due] == ["推车"]
    assert "cuts" not in due[0] and (due[0]["cut_count"], due[0]["helper_count"]) == (3, 2)


def test_ledger_balances_per_contact_and_group_match_a_plain_recount(services: Services, clock: FixedClock) -> None:
    import random

    rng = random.Random(7)
    groups = [None, "宝妈拼团群", "Campus Deals"]
    for name in groups[1:]:
        services.groups.create(name=name)
    contacts = ["小美", "阿强", "Alice", "王姐"]
    for name in contacts:
        services.contacts.create(nickname=name)
    settled: dict[str, dt.datetime] = {}
    for _ in range(120):
        clock.advance(minutes=rng.randint(1, 600))
        who = rng.choice(contacts)
        if rng.random() < 0.06:
            services.ledger.settle(who)
            settled[who] = clock.now()
            continue
        services.helps.create(direction=rng.choice(["given", "received"]), kind="share", contact=who,
                              group=rng.choice(groups), amount_fen=rng.choice([None, 50, 1234]))
    ids = {c["id"]: c["nickname"] for c in services.queries.contacts()}
    group_ids = {g["id"]: g["name"] for g in services.queries.groups()}
    expected_c: dict[str, list[int]] = {}
    expected_g: dict[str | None, list[int]] = {}
    for h in services.queries.helps():
        name = ids[h["contact_id"]]
        if name in settled and dt.datetime.fromisoformat(h["at"]) <= settled[name]:
            continue  # before the last settlement with that contact: not in the balance any more
        given = h["direction"] == "given"
        add = (1, 0, h["amount_fen"] or 0, 0) if given else (0, 1, 0, h["amount_fen"] or 0)
        for table, key in ((expected_c, name), (expected_g, group_ids.get(h["group_id"]))):
            table[key] = [a + b for a, b in zip(table.get(key, [0, 0, 0, 0]), add, strict=True)]
    summary = services.ledger.summary()
    fields = ("given_count", "received_count", "given_fen", "received_fen")
    got_c = {r["nickname"]: [r[f] for f in fields] for r in summary["contacts"] if any(r[f] for f in fields)}
    got_g = {r["name"]: [r[f] for f in fields] for r in summary["groups"]}
    assert got_c == expected_c
    assert got_g == expected_g


def test_a_help_naming_someone_new_adds_them_with_it_only_when_asked(services: Services) -> None:
    services.groups.create(name="宝妈拼团群")
    problems = services.helps.check_draft(direction="given", kind="share", contact="小美", group="新群")
    assert {(p.field, p.new) for p in problems} == {("contact", True), ("group", True)}
    with pytest.raises(InvalidInput):
        services.helps.create(direction="given", kind="share", contact="小美")
    assert services.queries.contacts() == []  # refused: nobody added
    assert services.helps.check_draft(direction="given", kind="share", contact="小美", group="新群", add_new=True) == []
    services.helps.create(direction="given", kind="share", contact="小美", group="新群", add_new=True)
    (contact,) = services.queries.contacts()
    assert contact["nickname"] == "小美"
    assert {g["name"] for g in services.queries.groups()} == {"宝妈拼团群", "新群"}
    assert [h["contact_id"] for h in services.queries.helps()] == [contact["id"]]
    # A name no record may have is a problem even when adding: a tab, say.
    tabbed = services.helps.check_draft(direction="given", kind="share", contact="小\t美", add_new=True)
    assert [p.field for p in tabbed] == ["contact"]
    with pytest.raises(InvalidInput):
        services.helps.create(direction="given", kind="share", contact="小\t美", add_new=True)
    assert len(services.queries.contacts()) == 1 and len(services.queries.helps()) == 1


def test_a_refused_entry_adds_nobody_even_when_asked(services: Services) -> None:
    with pytest.raises(InvalidInput):  # an amount no help can have: the whole write is refused
        services.helps.create(direction="given", kind="bargain_cut", contact="新人", amount_fen=-5, add_new=True)
    assert services.queries.contacts() == [] and services.queries.helps() == []
    services.requests.create(group="新开的群", add_new=True)
    assert [g["name"] for g in services.queries.groups()] == ["新开的群"]
