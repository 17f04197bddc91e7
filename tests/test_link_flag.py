"""Flagging a link (``link.flagged``), saving a preset (``privacy.preset_saved``) and exporting (``export.made``):
the facts the services append, their payloads' classes, the command line's ``links flag``, and the Guardian chain's
second chapter completed from those facts alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import InvalidInput
from app.exchange.export import export
from app.model import Activity, ActivityKind
from app.privacy.classes import payload_field
from app.privacy.links import judge
from app.privacy.presets import BUILT_IN
from app.quests.catalogue import Catalogue, load_catalogue
from app.quests.schema import Rules
from app.services import Services
from app.services.base import SNAPSHOT_KEYS
from app.services.links import link_id
from app.store import Store

HOSTILE = "https://mobile.yangkeduo.com@evil.example/goods.html?goods_id=42"


def facts(services: Services, type_: str) -> list[Activity]:
    with services.store.read() as session:
        rows = session.scalars(select(Activity).where(Activity.type == type_).order_by(Activity.seq)).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


@pytest.fixture
def deal(services: Services) -> str:
    group = services.groups.create(name="宝妈拼团群", vertical="mother_baby")
    result = services.deals.create(kind="group_buy", title="婴儿推车", url=HOSTILE, group=str(group.entity_id),
                                   participants_needed=3)
    return str(result.entity_id)


def test_flag_records_exactly_one_link_flagged_with_the_verdict(services: Services, deal: str) -> None:
    result = services.links.flag(HOSTILE, deal=deal, note="群里陌生人发的")
    flagged = facts(services, "link.flagged")
    assert len(flagged) == 1
    fact = flagged[0]
    assert fact.kind == ActivityKind.fact and fact.entity_type == "link"
    assert fact.entity_id == link_id(HOSTILE) == result.entity_id
    check = judge(HOSTILE)
    payload = fact.payload
    assert set(SNAPSHOT_KEYS) <= payload.keys()
    assert payload["url"] == HOSTILE
    assert payload["verdict"] == str(check.verdict)
    assert payload["reasons"] == list(check.reasons)
    assert payload["deal_id"] == deal and payload["deal_kind"] == "group_buy"
    assert payload["group_vertical"] == "mother_baby"
    assert payload["note"] == "群里陌生人发的"
    # Every key has a class: an export knows what to do with it (the link is someone else's data).
    assert all(payload_field("link", key) is not None for key in payload)
    assert payload_field("link", "url").sensitivity == "third_party"  # type: ignore[union-attr]


def test_a_deals_own_link_is_flagged_by_the_deal_alone(services: Services, deal: str) -> None:
    services.links.flag(deal=deal)
    (fact,) = facts(services, "link.flagged")
    assert fact.payload["url"] == HOSTILE and fact.payload["deal_id"] == deal


def test_a_link_without_a_deal_and_a_bad_scheme_is_flagged_as_danger(services: Services) -> None:
    services.links.flag("  javascript:alert(1)  ")
    (fact,) = facts(services, "link.flagged")
    assert fact.payload["url"] == "javascript:alert(1)"
    assert fact.payload["verdict"] == "danger" and "bad_scheme" in fact.payload["reasons"]
    assert fact.payload["deal_id"] is None and fact.payload["group_id"] is None


def test_the_same_product_shared_twice_is_one_link(services: Services) -> None:
    first = services.links.flag("https://mobile.yangkeduo.com/goods.html?goods_id=42&share_uid=7")
    second = services.links.flag("https://MOBILE.yangkeduo.com/goods.html?goods_id=42&refer_page_name=x")
    assert first.entity_id == second.entity_id
    assert services.links.flag("https://mobile.yangkeduo.com/goods.html?goods_id=43").entity_id != first.entity_id


def test_nothing_to_flag_is_refused_and_writes_nothing(services: Services) -> None:
    bare = services.deals.create(kind="boost", title="助力")
    for call in (lambda: services.links.flag(""), lambda: services.links.flag(deal=str(bare.entity_id)),
                 lambda: services.links.flag("x" * 100_000)):
        with pytest.raises(InvalidInput):
            call()
    assert facts(services, "link.flagged") == []


def test_deleting_the_deal_keeps_the_flag(services: Services, deal: str) -> None:
    services.links.flag(deal=deal)
    services.deals.delete(deal)
    (fact,) = facts(services, "link.flagged")
    assert fact.superseded_by is None


def test_saving_a_preset_and_exporting_append_their_facts(services: Services, tmp_path: Path) -> None:
    services.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    services.privacy.save_preset("for-mum", safe="keep", personal="drop", third_party="drop")
    saved = facts(services, "privacy.preset_saved")
    assert [(f.payload["preset"], f.payload["replaced"]) for f in saved] == [("for-mum", False), ("for-mum", True)]
    assert saved[0].entity_type == "preset" and saved[0].entity_id == saved[1].entity_id

    export(services, services.privacy.preset("for-mum"), tmp_path / "a.json")
    export(services, BUILT_IN["friends"], tmp_path / "b.zip", "csv", previewed=True)
    made = facts(services, "export.made")
    assert [(f.payload["preset"], f.payload["format"], f.payload["previewed"]) for f in made] == [
        ("for-mum", "json", False), ("friends", "csv", True)]
    audit = services.privacy.audit()
    assert {str(f.entity_id) for f in made} == {row["id"] for row in audit}
    assert [f.payload["records"] for f in made] == [row["records"] for row in reversed(audit)]
    for fact in [*saved, *made]:
        assert set(SNAPSHOT_KEYS) <= fact.payload.keys()
        assert all(payload_field(fact.entity_type, key) is not None for key in fact.payload)


def chapter_two(store: Store, clock: FixedClock) -> Services:
    """Services whose game has only the real chapter 2, opened from the start (its own steps, not its place)."""
    real = next(c for c in load_catalogue().chains if c.id == "guardian-links")
    assert real.requires == ["guardian"]
    opened = real.model_copy(update={"requires": [], "min_level": 1})
    services = Services(store, clock)
    services.game._catalogue = Catalogue.build([opened], [], rules=Rules(rest_days=0))
    return services


def steps_done(services: Services) -> dict[str, Any]:
    (chain,) = [c for c in services.game.quests() if c["id"] == "guardian-links"]
    return {"status": chain["status"], "done": [s["id"] for s in chain["steps"] if s["status"] == "done"]}


def test_chapter_two_completes_from_a_flag_a_preset_and_a_previewed_export(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    services = chapter_two(store, clock)
    services.profile.ensure()
    services.links.flag("javascript:alert(1)")
    services.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    export(services, services.privacy.preset("for-mum"), tmp_path / "unseen.json")  # not previewed: no step
    assert steps_done(services) == {"status": "active", "done": ["flag-a-link", "own-preset"]}
    export(services, services.privacy.preset("for-mum"), tmp_path / "seen.json", previewed=True)
    assert steps_done(services) == {"status": "done", "done": ["flag-a-link", "own-preset", "look-before-sharing"]}
    assert services.game.verify() == []  # a recompute from the facts agrees


def test_the_command_line_flags_a_link_and_says_so(cli: Any) -> None:
    assert cli("add", "deal", "--kind", "boost", "--title", "助力红包", "--url", HOSTILE)[0] == 0  # warned on stderr
    out = cli.ok("links", "flag", HOSTILE, "--deal", "助力红包")
    assert out.startswith(f"Flagged the link {HOSTILE}: ")
    assert "The address hides another site after an '@'" in out or "not one of the known" in out
    record = cli.json("links", "flag", "javascript:alert(1)")
    assert record["verdict"] == "danger" and "bad_scheme" in record["reasons"]
    listed = cli.json("list", "activities")
    flagged = [a for a in listed if a["type"] == "link.flagged"]
    assert len(flagged) == 2 and flagged[0]["entity_type"] == "link"
    assert json.dumps(flagged[0]["payload"]["reasons"])


def test_the_command_line_flags_a_deals_own_link_and_refuses_nothing_to_flag(cli: Any) -> None:
    assert cli("add", "deal", "--kind", "boost", "--title", "助力红包", "--url", HOSTILE)[0] == 0  # warned on stderr
    cli.ok("add", "deal", "--kind", "boost", "--title", "无链接")
    record = cli.json("links", "flag", "-", "--deal", "助力红包", "--note", "假的")
    assert record["url"] == HOSTILE and record["note"] == "假的" and record["deal_id"]
    cli.fails("links", "flag", "-", "--deal", "无链接")
    cli.fails("links", "flag", HOSTILE, "--deal", "没有这个")
    cli.fails("links", "flag")
    assert len([a for a in cli.json("list", "activities") if a["type"] == "link.flagged"]) == 1
