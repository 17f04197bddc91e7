"""Ledger balances under any sequence of logging, editing, deleting and settling: a stateful property test.

A pure-Python model keeps the exchanges and settlements (full ones, said how, and partial ones of some helps); after
every step the ledger summary and the history log must agree with it, and refused writes must change nothing.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, multiple, rule
from sqlalchemy import func, select

from app import model as m
from app.clock import FixedClock
from app.errors import InvalidInput, NotFound
from app.services import Services
from app.store import Store
from tests.conftest import SHANGHAI, START

RECORDED = [m.ActivityKind.fact, m.ActivityKind.correction]

AMOUNTS = st.none() | st.integers(min_value=0, max_value=100_000)
DIRECTIONS = st.sampled_from(["given", "received"])
KINDS = st.sampled_from(["bargain_cut", "join_group", "boost_click", "share", "other"])


@dataclass
class Exchange:
    """The model of one help exchange."""

    contact: uuid.UUID
    direction: str
    amount: int | None
    at: dt.datetime


class LedgerMachine(RuleBasedStateMachine):
    """Random writes through the services against a model of what the ledger should say."""

    contacts = Bundle("contacts")
    helps = Bundle("helps")

    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="ledger-machine-")
        self.store = Store.open(Path(self._tmp.name) / "data")
        self.clock = FixedClock(START, SHANGHAI)
        self.services = Services(self.store, self.clock)
        self.exchanges: dict[uuid.UUID, Exchange] = {}
        self.settlements: dict[uuid.UUID, list[dt.datetime]] = {}  # the full ones
        self.partial: dict[uuid.UUID, list[tuple[dt.datetime, int]]] = {}  # (when, helps settled, signed)

    def teardown(self) -> None:
        self.store.close()
        self._tmp.cleanup()

    # -- rules ---------------------------------------------------------------------------------------------

    @initialize(target=contacts)
    def first_contacts(self) -> Any:
        return multiple(*(self._new_contact("normal") for _ in range(2)))

    @rule(target=contacts, trust=st.sampled_from(["trusted", "normal", "blocked"]))
    def add_contact(self, trust: str) -> uuid.UUID:
        return self._new_contact(trust)

    @rule(
        target=helps, contact=contacts, direction=DIRECTIONS, kind=KINDS, amount=AMOUNTS,
        # Often "now", and often without moving the clock: a help logged at the very moment of a settlement
        # must not count (balances count exchanges strictly after the last settlement).
        days_ago=st.just(0) | st.integers(min_value=0, max_value=10),
        advance_hours=st.sampled_from([0, 0, 0, 1, 7, 30]),
    )
    def log_help(
        self, contact: uuid.UUID, direction: str, kind: str, amount: int | None, days_ago: int, advance_hours: int
    ) -> uuid.UUID:
        self.clock.advance(hours=advance_hours)
        at = self.clock.now() - dt.timedelta(days=days_ago)
        result = self.services.helps.create(
            direction=direction, kind=kind, contact=str(contact), amount_fen=amount, at=at
        )
        assert result.entity_id is not None
        assert result.record is not None and result.record["amount_fen"] == amount
        self.exchanges[result.entity_id] = Exchange(contact, direction, amount, at)
        return result.entity_id

    @rule(hours=st.integers(min_value=1, max_value=24 * 12))
    def advance_clock(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    @rule(contact=contacts, note=st.sampled_from(["", "请喝奶茶了", "红包两清"]),
          how=st.sampled_from(["even", "favour", "hongbao"]), amount=AMOUNTS)
    def settle(self, contact: uuid.UUID, note: str, how: str, amount: int | None) -> None:
        result = self.services.ledger.settle(str(contact), note=note, how=how, amount_fen=amount)
        fact = self._one_activity(result.entity_id, "ledger.settled")
        assert fact["payload"]["balance"] == self._balance(contact)
        assert (fact["payload"]["how"], fact["payload"]["amount_fen"]) == (how, amount)
        self.settlements[contact].append(self.clock.now())

    @rule(contact=contacts, data=st.data())
    def settle_partly(self, contact: uuid.UUID, data: st.DataObject) -> None:
        balance = self._balance(contact)
        since = max(self.settlements[contact], default=None)
        if balance == 0 or since == self.clock.now():  # nothing to settle, or not after the last full one
            before = self._row_counts()
            try:
                self.services.ledger.settle(str(contact), how="partial", helps=1)
            except InvalidInput:
                pass
            else:
                raise AssertionError("a partial settlement was accepted")
            assert self._row_counts() == before
            return
        count = data.draw(st.integers(min_value=1, max_value=abs(balance)), label="helps")
        result = self.services.ledger.settle(str(contact), how="partial", helps=count)
        signed = count if balance > 0 else -count
        fact = self._one_activity(result.entity_id, "ledger.settled")
        assert (fact["payload"]["balance"], fact["payload"]["helps"]) == (balance, signed)
        self.partial[contact].append((self.clock.now(), signed))

    @rule(help_id=helps, amount=AMOUNTS, flip=st.booleans())
    def edit_help(self, help_id: uuid.UUID, amount: int | None, flip: bool) -> None:
        exchange = self.exchanges[help_id]
        direction = exchange.direction
        if flip:
            direction = "received" if direction == "given" else "given"
        changed = amount != exchange.amount or direction != exchange.direction
        before = len(self.services.queries.activities(kinds=RECORDED))
        self.services.helps.edit(str(help_id), amount_fen=amount, direction=direction)
        after = sorted(self.services.queries.activities(entity_id=help_id), key=lambda a: -a["seq"])
        if changed:
            # the correction and the replacement
            assert len(self.services.queries.activities(kinds=RECORDED)) == before + 2
            assert {after[0]["type"], after[1]["type"]} == {"help.edited", f"help.{direction}"}
        else:
            assert len(self.services.queries.activities(kinds=RECORDED)) == before
        exchange.amount, exchange.direction = amount, direction

    @rule(help_id=consumes(helps))
    def delete_help(self, help_id: uuid.UUID) -> None:
        self.services.helps.delete(str(help_id))
        del self.exchanges[help_id]
        latest = self.services.queries.activities(limit=1, entity_id=help_id)[0]
        assert (latest["type"], latest["kind"]) == ("help.deleted", "correction")

    @rule(
        contact=contacts,
        attempt=st.sampled_from(
            ["negative_amount", "unknown_kind", "long_note", "unknown_contact", "long_settle_note", "float_amount"]
        ),
    )
    def invalid_write(self, contact: uuid.UUID, attempt: str) -> None:
        before = self._row_counts()
        summary = self.services.ledger.summary()
        fields: dict[str, Any] = {"direction": "given", "kind": "share", "contact": str(contact)}
        expected: type[Exception] = InvalidInput
        if attempt == "negative_amount":
            fields["amount_fen"] = -1
        elif attempt == "float_amount":
            fields["amount_fen"] = 1.5
        elif attempt == "unknown_kind":
            fields["kind"] = "hug"
        elif attempt == "long_note":
            fields["note"] = "砍" * 10_001
        elif attempt == "unknown_contact":
            fields["contact"] = str(uuid.uuid4())
            expected = NotFound
        try:
            if attempt == "long_settle_note":
                self.services.ledger.settle(str(contact), note="x" * 10_001)
            else:
                self.services.helps.create(**fields)
        except expected:
            pass
        else:
            raise AssertionError(f"{attempt} was accepted")
        assert self._row_counts() == before
        assert self.services.ledger.summary() == summary

    # -- invariants ----------------------------------------------------------------------------------------

    @invariant()
    def balances_match_the_model(self) -> None:
        rows = {row["contact_id"]: row for row in self.services.ledger.summary()["contacts"]}
        assert set(rows) == {str(c) for c in self.settlements}
        for contact in self.settlements:
            row = rows[str(contact)]
            expected = self._expected(contact)
            actual = {key: row[key] for key in expected}
            assert actual == expected, (contact, actual, expected)
            assert row["balance"] == self._balance(contact)

    @invariant()
    def every_help_has_exactly_one_current_fact(self) -> None:
        helps = {uuid.UUID(h["id"]): h for h in self.services.queries.helps()}
        assert set(helps) == set(self.exchanges)
        current = [
            a for a in self.services.queries.activities(kinds=[m.ActivityKind.fact], current_only=True)
            if a["type"].startswith("help.")
        ]
        assert len(current) == len(helps)
        by_help = {uuid.UUID(a["entity_id"]): a for a in current}
        assert set(by_help) == set(helps)
        for help_id, exchange in self.exchanges.items():
            fact = by_help[help_id]
            assert fact["type"] == f"help.{exchange.direction}"
            assert fact["payload"]["amount_fen"] == exchange.amount
            assert fact["payload"]["contact_id"] == str(exchange.contact)

    @invariant()
    def corrections_supersede(self) -> None:
        log = self.services.queries.activities(types=["help.given", "help.received", "help.edited", "help.deleted"])
        by_id = {a["id"]: a for a in log}
        for entry in log:
            if entry["kind"] != "correction":
                continue
            corrected = by_id[entry["corrects"]]
            assert corrected["kind"] == "fact" and corrected["entity_id"] == entry["entity_id"]
            if entry["type"] == "help.deleted":
                assert corrected["superseded_by"] == entry["id"]
            else:
                assert corrected["superseded_by"] == entry["payload"]["replacement"]
                assert by_id[entry["payload"]["replacement"]]["kind"] == "fact"

    # -- helpers -------------------------------------------------------------------------------------------

    def _new_contact(self, trust: str) -> uuid.UUID:
        result = self.services.contacts.create(nickname=f"群友{len(self.settlements) + 1}", trust=trust)
        assert result.entity_id is not None
        self.settlements[result.entity_id] = []
        self.partial[result.entity_id] = []
        return result.entity_id

    def _expected(self, contact: uuid.UUID) -> dict[str, int]:
        since = max(self.settlements[contact], default=None)
        counted = [
            e for e in self.exchanges.values() if e.contact == contact and (since is None or e.at > since)
        ]
        given = [e for e in counted if e.direction == "given"]
        received = [e for e in counted if e.direction == "received"]
        return {
            "given_count": len(given),
            "received_count": len(received),
            "given_fen": sum(e.amount or 0 for e in given),
            "received_fen": sum(e.amount or 0 for e in received),
        }

    def _balance(self, contact: uuid.UUID) -> int:
        """Helps given − received since the last full settlement, less the helps settled in part since."""
        since = max(self.settlements[contact], default=None)
        expected = self._expected(contact)
        settled = sum(n for at, n in self.partial[contact] if since is None or at > since)
        return expected["given_count"] - expected["received_count"] - settled

    def _one_activity(self, entity_id: uuid.UUID | None, type_: str) -> dict[str, Any]:
        assert entity_id is not None
        [activity] = self.services.queries.activities(entity_id=entity_id, types=[type_])
        return activity

    def _row_counts(self) -> dict[str, int]:
        with self.store.read() as session:
            return {
                table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in (m.Contact, m.HelpExchange, m.LedgerSettlement, m.Activity, m.ContactGroup)
            }


LedgerMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TestLedger = LedgerMachine.TestCase
