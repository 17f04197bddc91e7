"""Settling up says how: "we are even", a favour returned, a red packet (红包) with its amount, or partly (some helps).

The services, the kept balances, the game, the migration of older settlements, export and import, and the command
line's ``settle``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.errors import InvalidInput
from app.exchange.export import export
from app.exchange.importer import import_file
from app.privacy.presets import BUILT_IN
from app.services import Services, open_services
from app.store import Store, database_path
from tests.test_ledger_balances import assert_kept_equals_recount

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _helps(services: Services, name: str, given: int, received: int = 0) -> None:
    for _ in range(given):
        services.helps.create(direction="given", kind="share", contact=name, amount_fen=100)
    for _ in range(received):
        services.helps.create(direction="received", kind="share", contact=name, amount_fen=50)


@pytest.fixture
def xiaomei(services: Services, clock: FixedClock) -> Services:
    """小美 owes the user five helps (given 5, received none), logged an hour ago."""
    services.contacts.create(nickname="小美")
    clock.advance(hours=-1)
    _helps(services, "小美", 5)
    clock.advance(hours=1)
    return services


def balance(services: Services, name: str) -> int:
    return int(services.ledger.contact(name)["balance"])


def test_a_full_settlement_says_how_and_starts_again_from_zero(xiaomei: Services, clock: FixedClock) -> None:
    result = xiaomei.ledger.settle("小美", how="hongbao", amount_fen=888, note="过年红包")
    assert result.record is not None
    assert (result.record["how"], result.record["amount_fen"], result.record["helps"]) == ("hongbao", 888, None)
    assert balance(xiaomei, "小美") == 0
    fact = xiaomei.queries.activities(entity_id=result.entity_id)[0]
    assert fact["type"] == "ledger.settled"
    assert (fact["payload"]["how"], fact["payload"]["amount_fen"], fact["payload"]["balance"]) == ("hongbao", 888, 5)
    clock.advance(minutes=5)
    xiaomei.ledger.settle("小美", how="favour", note="请她喝奶茶")
    history = xiaomei.ledger.contact("小美")["settlements"]
    assert [(s["how"], s["amount_fen"], s["note"]) for s in history] == [
        ("favour", None, "请她喝奶茶"), ("hongbao", 888, "过年红包")]  # newest first


def test_the_default_is_we_are_even(xiaomei: Services) -> None:
    result = xiaomei.ledger.settle("小美")
    assert result.record is not None and result.record["how"] == "even"
    assert balance(xiaomei, "小美") == 0


def test_a_partial_settlement_moves_the_balance_and_keeps_counting(xiaomei: Services, clock: FixedClock) -> None:
    result = xiaomei.ledger.settle("小美", how="partial", helps=2, note="帮我砍了两刀（线下）")
    assert result.record is not None and result.record["helps"] == 2
    row = xiaomei.ledger.contact("小美")
    # The helps stay (they happened); two of them are settled, and the balance counts on from three.
    assert (row["given_count"], row["settled"], row["balance"], row["since"]) == (5, 2, 3, None)
    assert len(row["exchanges"]) == 5
    fact = xiaomei.queries.activities(entity_id=result.entity_id)[0]
    assert (fact["payload"]["how"], fact["payload"]["helps"], fact["payload"]["balance"]) == ("partial", 2, 5)
    summary = {r["nickname"]: r for r in xiaomei.ledger.summary()["contacts"]}
    assert summary["小美"]["balance"] == 3 and summary["小美"]["settled"] == 2
    # Logging goes on from there; a second partial settles more; a full one clears what was settled in part.
    clock.advance(minutes=1)
    _helps(xiaomei, "小美", 1)
    assert balance(xiaomei, "小美") == 4
    clock.advance(minutes=1)
    xiaomei.ledger.settle("小美", how="partial", helps=4)
    assert balance(xiaomei, "小美") == 0
    clock.advance(minutes=1)
    _helps(xiaomei, "小美", 0, 1)
    assert balance(xiaomei, "小美") == -1
    clock.advance(minutes=1)
    xiaomei.ledger.settle("小美")
    row = xiaomei.ledger.contact("小美")
    assert (row["given_count"], row["settled"], row["balance"]) == (0, 0, 0)
    assert assert_kept_equals_recount(xiaomei.store) == {}
    assert xiaomei.game.verify() == []


def test_a_partial_settlement_when_the_user_owes(services: Services) -> None:
    services.contacts.create(nickname="阿强")
    _helps(services, "阿强", 1, 4)
    assert balance(services, "阿强") == -3
    result = services.ledger.settle("阿强", how="partial", helps=2, amount_fen=1000)
    assert result.record is not None and result.record["helps"] == -2  # signed like the balance
    assert balance(services, "阿强") == -1
    assert [r["nickname"] for r in services.ledger.summary()["you_owe"]] == ["阿强"]
    services.ledger.settle("阿强", how="partial", helps=1)
    assert services.ledger.summary()["you_owe"] == []


def test_correcting_a_help_never_undoes_a_partial_settlement(xiaomei: Services) -> None:
    xiaomei.ledger.settle("小美", how="partial", helps=3)
    first = xiaomei.ledger.contact("小美")["exchanges"][0]
    xiaomei.helps.delete(first["id"])
    assert balance(xiaomei, "小美") == 1  # four helps, three of them settled
    assert assert_kept_equals_recount(xiaomei.store)


@pytest.mark.parametrize(("fields", "field"), [
    ({"how": "partial"}, "helps"),  # how many?
    ({"how": "partial", "helps": 0}, "helps"),
    ({"how": "partial", "helps": 6}, "helps"),  # more than the five open
    ({"how": "partial", "helps": True}, "helps"),
    ({"how": "even", "helps": 2}, "helps"),  # only a partial one names helps
    ({"how": "hug"}, "how"),
    ({"how": "hongbao", "amount_fen": -1}, "amount_fen"),
    ({"how": "hongbao", "amount_fen": 1.5}, "amount_fen"),
])
def test_refused_settlements_change_nothing(xiaomei: Services, fields: dict[str, Any], field: str) -> None:
    before = xiaomei.ledger.contact("小美")
    with pytest.raises(InvalidInput) as refused:
        xiaomei.ledger.settle("小美", **fields)
    assert refused.value.field == field
    assert xiaomei.ledger.contact("小美") == before


def test_a_partial_settlement_needs_a_balance_and_must_follow_the_last_full_one(
        xiaomei: Services, clock: FixedClock) -> None:
    xiaomei.ledger.settle("小美", at=clock.now() - dt.timedelta(minutes=10))
    with pytest.raises(InvalidInput, match="even"):
        xiaomei.ledger.settle("小美", how="partial", helps=1)
    _helps(xiaomei, "小美", 2)
    with pytest.raises(InvalidInput, match="after the last full"):
        xiaomei.ledger.settle("小美", how="partial", helps=1, at=clock.now() - dt.timedelta(minutes=20))
    xiaomei.ledger.settle("小美", how="partial", helps=1)
    assert balance(xiaomei, "小美") == 1


def test_the_game_counts_a_partial_settlement_as_a_settlement(xiaomei: Services) -> None:
    before = len(xiaomei.queries.activities(types=["ledger.settled"]))
    xiaomei.ledger.settle("小美", how="partial", helps=1)
    assert len(xiaomei.queries.activities(types=["ledger.settled"])) == before + 1
    assert xiaomei.game.verify() == []  # a replay from the log gives the same game


# -- the migration, export and import ---------------------------------------------------------------------


def test_older_settlements_become_we_are_even(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "schema_0009.sqlite3", database_path(tmp_path))
    with sqlite3.connect(database_path(tmp_path)) as conn:
        before = conn.execute("SELECT id, contact_id, at, note FROM ledger_settlement").fetchall()
    assert before, "the saved database has a settlement"
    Store.open(tmp_path).close()
    with sqlite3.connect(database_path(tmp_path)) as conn:
        after = conn.execute(
            "SELECT id, contact_id, at, note, how, amount_fen, helps FROM ledger_settlement").fetchall()
    assert after == [(*row, "even", None, None) for row in before]


def test_export_and_import_carry_how_and_an_older_export_imports_as_even(
        xiaomei: Services, tmp_path: Path, clock: FixedClock) -> None:
    xiaomei.ledger.settle("小美", how="partial", helps=2, amount_fen=520, note="一半")
    path = export(xiaomei, BUILT_IN["backup"], tmp_path / "backup.json").path
    data = json.loads(path.read_text(encoding="utf-8"))
    [settlement] = data["settlements"]
    assert (settlement["how"], settlement["helps"], settlement["amount_fen"]) == ("partial", 2, 520)

    target = open_services(tmp_path / "new", clock)
    try:
        import_file(target, path)
        [row] = target.ledger.contact("小美")["settlements"]
        assert (row["how"], row["helps"], row["amount_fen"], row["note"]) == ("partial", 2, 520, "一半")
        assert target.ledger.contact("小美")["balance"] == 3
    finally:
        target.store.close()

    for key in ("how", "helps", "amount_fen"):  # a file written before schema 0010
        del settlement[key]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    older = open_services(tmp_path / "older", clock)
    try:
        import_file(older, path)
        [row] = older.ledger.contact("小美")["settlements"]
        assert (row["how"], row["helps"], row["amount_fen"]) == ("even", None, None)
        assert older.ledger.contact("小美")["balance"] == 0
    finally:
        older.store.close()


# -- the command line ---------------------------------------------------------------------------------------


def test_the_command_line_settles_with_how(cli: Any, clock: FixedClock) -> None:
    cli.ok("add", "contact", "--nickname", "小美")
    for _ in range(4):
        cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    clock.advance(minutes=1)
    out = cli.ok("settle", "小美", "--how", "partial", "--helps", "3", "--note", "线下还了")
    assert out == "Settled 3 helps with 小美: the balance is now +1.\n"
    clock.advance(minutes=1)
    record = cli.json("settle", "小美", "--how", "hongbao", "--amount-yuan", "8.88")
    assert (record["how"], record["amount_fen"]) == ("hongbao", 888)
    clock.advance(minutes=1)
    assert cli.ok("settle", "小美", "--how", "favour") == (
        "Settled up with 小美 (a favour returned): the balance counts from here.\n")
    assert "12.345" in cli.fails("settle", "小美", "--how", "hongbao", "--amount-yuan", "12.345")
    assert "how many helps" in cli.fails("settle", "小美", "--how", "partial")
    assert "--how" in cli.fails("settle", "小美", "--how", "hug")
