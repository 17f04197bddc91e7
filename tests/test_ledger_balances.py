"""The ledger's kept balances always equal the balances added up from the helps, whatever the writes did.

A stateful property test drives every write that changes a balance (helps logged, back-dated, edited in every
field that counts, deleted; settlements, back-dated too; contacts merged and deleted) and after each step compares
the kept rows with a re-aggregation, and the ledger's figures with both. Then the other ways rows get there: the
migration that fills the table, the demo's bulk writer, a salvage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, multiple, rule
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import InvalidInput
from app.model import LedgerSettlement
from app.services import Services, balances
from app.services.balances import Balance, Key
from app.services.demo import generate_demo
from app.store import Store, database_path
from tests.conftest import SHANGHAI, START

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AMOUNTS = st.none() | st.integers(min_value=0, max_value=100_000)
DIRECTIONS = st.sampled_from(["given", "received"])
AGO = st.sampled_from([0, 0, 1, 5, 30, 24 * 3, 24 * 12])  # hours back: now (the moment of a settlement), or before


def _state(store: Store) -> tuple[list[tuple[Key, Balance]], dict[Key, Balance]]:
    with store.read() as session:
        return balances.kept(session), balances.recount(session)


def assert_kept_equals_recount(store: Store) -> dict[Key, Balance]:
    """The kept rows are one per (contact, group), hold no empty balance, and equal a re-aggregation."""
    rows, recount = _state(store)
    kept = dict(rows)
    assert len(kept) == len(rows), "two kept rows for one contact and group"
    assert all(not b.empty for b in kept.values()), "a kept row with no help in it"
    assert kept == recount
    return recount


class BalancesMachine(RuleBasedStateMachine):
    """Random writes through the services; the kept balances are checked against the helps after each."""

    contacts = Bundle("contacts")
    helps = Bundle("helps")

    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="balances-machine-")
        self.store = Store.open(Path(self._tmp.name) / "data")
        self.clock = FixedClock(START, SHANGHAI)
        self.services = Services(self.store, self.clock)
        self.groups: list[str | None] = [None]
        self.names = 0

    def teardown(self) -> None:
        self.store.close()
        self._tmp.cleanup()

    @initialize(target=contacts)
    def world(self) -> Any:
        for name in ("宝妈拼团群", "Campus Deals"):
            self.groups.append(str(self.services.groups.create(name=name).entity_id))
        return multiple(*(self._new_contact() for _ in range(3)))

    @rule(target=contacts)
    def add_contact(self) -> uuid.UUID:
        return self._new_contact()

    @rule(target=helps, contact=contacts, group=st.integers(0, 2), direction=DIRECTIONS, amount=AMOUNTS,
          ago=AGO, advance=st.sampled_from([0, 0, 1, 5]))
    def log_help(self, contact: uuid.UUID, group: int, direction: str, amount: int | None, ago: int,
                 advance: int) -> uuid.UUID:
        self.clock.advance(hours=advance)
        result = self.services.helps.create(
            direction=direction, kind="share", contact=str(contact), group=self.groups[group], amount_fen=amount,
            at=self.clock.now() - dt.timedelta(hours=ago),
        )
        assert result.entity_id is not None
        return result.entity_id

    @rule(help_id=helps, data=st.data())
    def edit_help(self, help_id: uuid.UUID, data: st.DataObject) -> None:
        fields: dict[str, Any] = {}
        for name, values in (
            ("direction", DIRECTIONS), ("amount_fen", AMOUNTS), ("group", st.sampled_from(self.groups)),
            ("contact", st.sampled_from(sorted(self._contact_ids()))), ("at", AGO),
        ):
            if data.draw(st.booleans(), label=f"change {name}"):
                value = data.draw(values, label=name)
                fields[name] = self.clock.now() - dt.timedelta(hours=value) if name == "at" else value
        self.services.helps.edit(str(help_id), **fields)

    @rule(help_id=consumes(helps))
    def delete_help(self, help_id: uuid.UUID) -> None:
        self.services.helps.delete(str(help_id))

    @rule(contact=contacts, ago=AGO)
    def settle(self, contact: uuid.UUID, ago: int) -> None:
        expected = self.services.ledger.contact(str(contact))["balance"]
        result = self.services.ledger.settle(str(contact), at=self.clock.now() - dt.timedelta(hours=ago))
        fact = self.services.queries.activities(entity_id=result.entity_id)[0]
        assert fact["payload"]["balance"] == expected  # the balance it settled, from the kept rows

    @rule(contact=contacts, ago=AGO, data=st.data())
    def settle_partly(self, contact: uuid.UUID, ago: int, data: st.DataObject) -> None:
        balance = self.services.ledger.contact(str(contact))["balance"]
        at = self.clock.now() - dt.timedelta(hours=ago)
        count = data.draw(st.integers(min_value=1, max_value=max(1, abs(balance) + 1)), label="helps")
        with self.store.read() as session:
            since = balances.last_settlement(session, contact)
        if balance == 0 or count > abs(balance) or (since is not None and at <= since):
            with pytest.raises(InvalidInput):
                self.services.ledger.settle(str(contact), how="partial", helps=count, at=at)
            return
        self.services.ledger.settle(str(contact), how="partial", helps=count, at=at)
        assert self.services.ledger.contact(str(contact))["balance"] == balance - (count if balance > 0 else -count)

    @rule(keep=contacts, other=consumes(contacts))
    def merge(self, keep: uuid.UUID, other: uuid.UUID) -> None:
        if keep == other:
            with pytest.raises(InvalidInput):
                self.services.contacts.merge(str(keep), str(other))
            return
        self.services.contacts.merge(str(keep), str(other))

    @rule(contact=consumes(contacts))
    def delete_contact(self, contact: uuid.UUID) -> None:
        # One with helps is refused and nothing changes (the invariant checks the balances stayed right).
        with contextlib.suppress(InvalidInput):
            self.services.contacts.delete(str(contact))

    @rule(hours=st.integers(min_value=1, max_value=24 * 5))
    def advance_clock(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    @invariant()
    def kept_balances_equal_a_recount(self) -> None:
        recount = assert_kept_equals_recount(self.store)
        summary = self.services.ledger.summary()
        per_contact: dict[str, Balance] = {}
        per_group: dict[str | None, Balance] = {}
        for (contact, group), balance in recount.items():
            per_contact[str(contact)] = per_contact.get(str(contact), Balance()) + balance
            key = str(group) if group else None
            per_group[key] = per_group.get(key, Balance()) + balance
        partly = _partly_settled(self.store)
        for row in summary["contacts"]:
            assert {k: row[k] for k in balances.FIGURES} == _figures(per_contact.get(row["contact_id"], Balance()))
            settled = partly.get(row["contact_id"], 0)
            assert (row["settled"], row["balance"]) == (settled, row["given_count"] - row["received_count"] - settled)
        assert {r["group_id"]: {k: r[k] for k in balances.FIGURES} for r in summary["groups"]} == {
            g: _figures(b) for g, b in per_group.items()
        }

    def _new_contact(self) -> uuid.UUID:
        self.names += 1
        result = self.services.contacts.create(nickname=f"群友{self.names}")
        assert result.entity_id is not None
        return result.entity_id

    def _contact_ids(self) -> set[str]:
        return {c["id"] for c in self.services.queries.contacts()}


def _partly_settled(store: Store) -> dict[str, int]:
    """The helps settled in part since each contact's last full settlement, added up in Python from every row."""
    with store.read() as session:
        rows = session.execute(select(LedgerSettlement.contact_id, LedgerSettlement.at, LedgerSettlement.how,
                                      LedgerSettlement.helps)).all()
    full: dict[str, dt.datetime] = {}
    for contact, at, how, _helps in rows:
        if how != "partial" and (str(contact) not in full or at > full[str(contact)]):
            full[str(contact)] = at
    settled: dict[str, int] = {}
    for contact, at, how, helps in rows:
        since = full.get(str(contact))
        if how == "partial" and (since is None or at > since):
            settled[str(contact)] = settled.get(str(contact), 0) + helps
    return settled


def _figures(balance: Balance) -> dict[str, int]:
    return {k: getattr(balance, k) for k in balances.FIGURES}


BalancesMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TestBalances = BalancesMachine.TestCase


# -- the other ways balances are written --------------------------------------------------------------------


def test_a_help_at_the_moment_of_a_settlement_is_settled(services: Services) -> None:
    services.contacts.create(nickname="小美")
    services.helps.create(direction="given", kind="share", contact="小美")
    services.ledger.settle("小美")
    services.helps.create(direction="received", kind="share", contact="小美", amount_fen=500)  # same instant
    assert services.ledger.contact("小美")["given_count"] == 0
    assert services.ledger.contact("小美")["received_count"] == 0
    assert assert_kept_equals_recount(services.store) == {}


def test_an_older_settlement_changes_nothing_and_a_later_edit_moves_a_help_out(
    services: Services, clock: FixedClock
) -> None:
    services.contacts.create(nickname="小美")
    services.ledger.settle("小美", at=clock.now() - dt.timedelta(days=2))
    help_id = services.helps.create(direction="given", kind="share", contact="小美", amount_fen=300).entity_id
    services.ledger.settle("小美", at=clock.now() - dt.timedelta(days=3))  # before the last: no change
    assert services.ledger.contact("小美")["given_fen"] == 300
    services.helps.edit(str(help_id), at=clock.now() - dt.timedelta(days=4))  # back before the settlement
    assert services.ledger.contact("小美")["given_count"] == 0
    assert assert_kept_equals_recount(services.store) == {}


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_000[1-6].sqlite3")), ids=lambda p: p.stem)
def test_the_migration_fills_the_balances_from_the_helps(fixture: Path, tmp_path: Path) -> None:
    shutil.copy(fixture, database_path(tmp_path))
    with sqlite3.connect(database_path(tmp_path)) as conn:
        helps = conn.execute("SELECT count(*) FROM help_exchange").fetchone()[0]
    store = Store.open(tmp_path)
    try:
        recount = assert_kept_equals_recount(store)
        assert helps and recount, "the saved database has helps that count"
    finally:
        store.close()


def test_the_demo_writes_the_balances_it_builds(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=3000, seed=7)
    with store.read() as session:
        settled = session.execute(select(LedgerSettlement.id)).first()
    assert settled is not None, "the demo settles up with someone: the test covers settlements"
    assert len(assert_kept_equals_recount(store)) > 10
