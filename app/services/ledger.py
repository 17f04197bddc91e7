"""The reciprocity ledger (互助余额): balances per contact and per group, "you owe", "only takes", settling up."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import asdict, astuple, dataclass
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from app.i18n import translate
from app.model import Contact, Direction, Group, HelpExchange, LedgerSettlement
from app.services import validate as v
from app.services.base import OpResult, Service, get, snapshot
from app.services.records import columns, plain

ONLY_TAKES_MIN_GIVEN = 3
ONLY_TAKES_DAYS = 30


@dataclass(frozen=True)
class Balance:
    """Helps given and received (counts and fen) since the last settlement; balance = given − received."""

    given_count: int = 0
    received_count: int = 0
    given_fen: int = 0
    received_fen: int = 0

    @property
    def balance(self) -> int:
        return self.given_count - self.received_count

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "balance": self.balance}


def _sums(*key: Any) -> Select[Any]:
    """Counts and sums of the exchanges since each contact's last settlement, grouped by ``key``."""
    last = (
        select(LedgerSettlement.contact_id, func.max(LedgerSettlement.at).label("since"))
        .group_by(LedgerSettlement.contact_id)
        .subquery()
    )
    given = HelpExchange.direction == Direction.given
    received = HelpExchange.direction == Direction.received
    amount = func.coalesce(HelpExchange.amount_fen, 0)
    return (
        select(
            *key,
            func.sum(case((given, 1), else_=0)),
            func.sum(case((received, 1), else_=0)),
            func.sum(case((given, amount), else_=0)),
            func.sum(case((received, amount), else_=0)),
        )
        .outerjoin(last, last.c.contact_id == HelpExchange.contact_id)
        .where(or_(last.c.since.is_(None), HelpExchange.at > last.c.since))
        .group_by(*key)
    )


def contact_balances(session: Session, ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, Balance]:
    """Balances per contact; of the contacts ``ids`` only, when given (read through their index)."""
    query = _sums(HelpExchange.contact_id)
    if ids is not None:
        query = query.where(HelpExchange.contact_id.in_(ids))
    rows = session.execute(query)
    return {row[0]: Balance(*(int(x or 0) for x in row[1:])) for row in rows}


def both_balances(session: Session) -> tuple[dict[uuid.UUID, Balance], dict[uuid.UUID | None, Balance]]:
    """Per contact and per group from one pass over the exchanges (grouped by both, added up here)."""
    by_contact: dict[uuid.UUID, Balance] = {}
    by_group: dict[uuid.UUID | None, Balance] = {}
    for contact_id, group_id, *sums in session.execute(_sums(HelpExchange.contact_id, HelpExchange.group_id)):
        values = [int(x or 0) for x in sums]
        for table, key in ((by_contact, contact_id), (by_group, group_id)):
            old = table.get(key)
            table[key] = Balance(*values) if old is None else Balance(
                *(a + b for a, b in zip(astuple(old), values, strict=True)))
    return by_contact, by_group


def last_settlements(session: Session) -> dict[uuid.UUID, dt.datetime]:
    rows = session.execute(
        select(LedgerSettlement.contact_id, func.max(LedgerSettlement.at)).group_by(LedgerSettlement.contact_id)
    )
    return {row[0]: row[1] for row in rows}


def _takers(contact_rows: list[dict[str, Any]], only_takes: dict[str, int]) -> list[dict[str, Any]]:
    takers = [r for r in contact_rows if r["contact_id"] in only_takes]
    takers.sort(key=lambda r: (-only_takes[r["contact_id"]], r["nickname"]))
    return [{**r, "given_last_30_days": only_takes[r["contact_id"]]} for r in takers]


class LedgerService(Service):
    """Reads the ledger and writes settlements."""

    def summary(self) -> dict[str, Any]:
        """``{contacts, groups, you_owe, only_takes}``: the shape of ``ledger --json``."""
        now = self.clock.now()
        with self.store.read() as session:
            balances, by_group = both_balances(session)
            settled = last_settlements(session)
            contacts = session.execute(
                select(Contact.id, Contact.nickname, Contact.trust, Contact.archived).order_by(Contact.nickname)
            ).all()
            contact_rows = []
            for ident, nickname, trust, archived in contacts:
                bal = balances.get(ident, Balance())
                contact_rows.append(
                    {"contact_id": str(ident), "nickname": nickname, "trust": trust.value, "archived": archived,
                     **bal.as_dict(), "since": plain(settled.get(ident))}
                )
            names = {ident: name for ident, name in session.execute(select(Group.id, Group.name))}
            group_rows = [
                {"group_id": plain(ident), "name": names.get(ident) if ident else None, **bal.as_dict()}
                for ident, bal in by_group.items()
            ]
            group_rows.sort(key=lambda r: (r["name"] is None, r["name"] or ""))
            only_takes = self._only_takes(session, now)
        you_owe = sorted((r for r in contact_rows if r["balance"] < 0), key=lambda r: (r["balance"], r["nickname"]))
        return {
            "contacts": contact_rows,
            "groups": group_rows,
            "you_owe": you_owe,
            "only_takes": _takers(contact_rows, only_takes),
        }

    def only_takes(self) -> list[dict[str, Any]]:
        """The ``only_takes`` part of :meth:`summary` alone: it changes with the clock (the last 30 days), and is
        cheap without the balances (a minute's refresh reads it)."""
        with self.store.read() as session:
            only_takes = self._only_takes(session, self.clock.now())
            ids = [uuid.UUID(i) for i in only_takes]
            rows = session.execute(
                select(Contact.id, Contact.nickname, Contact.trust, Contact.archived).where(Contact.id.in_(ids))
            ).all() if ids else []
            balances = contact_balances(session, ids) if ids else {}
            settled = last_settlements(session) if ids else {}
            contact_rows = [
                {"contact_id": str(ident), "nickname": nickname, "trust": trust.value, "archived": archived,
                 **balances.get(ident, Balance()).as_dict(), "since": plain(settled.get(ident))}
                for ident, nickname, trust, archived in rows
            ]
        return _takers(contact_rows, only_takes)

    def _only_takes(self, session: Session, now: dt.datetime) -> dict[str, int]:
        """Contacts helped at least 3 times in the last 30 days who gave nothing back in that time."""
        since = now - dt.timedelta(days=ONLY_TAKES_DAYS)
        given = HelpExchange.direction == Direction.given
        rows = session.execute(
            select(
                HelpExchange.contact_id,
                func.sum(case((given, 1), else_=0)),
                func.sum(case((given, 0), else_=1)),
            )
            .where(HelpExchange.at >= since, HelpExchange.at <= now)
            .group_by(HelpExchange.contact_id)
        )
        return {
            str(ident): int(g)
            for ident, g, r in rows
            if int(g or 0) >= ONLY_TAKES_MIN_GIVEN and int(r or 0) == 0
        }

    def contact(self, ref: str) -> dict[str, Any]:
        """One contact's balance and the exchanges behind it (the drill-down)."""
        with self.store.read() as session:
            contact = get(session, Contact, ref)
            since = last_settlements(session).get(contact.id)
            query = select(HelpExchange).where(HelpExchange.contact_id == contact.id)
            if since is not None:
                query = query.where(HelpExchange.at > since)
            exchanges = [columns(h) for h in session.scalars(query.order_by(HelpExchange.at.desc()))]
            balance = contact_balances(session).get(contact.id, Balance())
            return {"contact_id": str(contact.id), "nickname": contact.nickname, **balance.as_dict(),
                    "since": plain(since), "exchanges": exchanges}

    def settle(self, ref: str, *, at: dt.datetime | None = None, note: str = "") -> OpResult:
        """"We are even": the contact's balance counts from now (or ``at``)."""
        text = v.note(note)
        when = v.aware(at, "time")
        with self.tx() as tx:
            contact = get(tx.session, Contact, ref)
            v.not_in_future(when, tx.now, translate("validation", "A settlement cannot be in the future."))
            when = when or tx.now
            before = contact_balances(tx.session).get(contact.id, Balance())
            settlement = LedgerSettlement(contact_id=contact.id, at=when, note=text)
            tx.session.add(settlement)
            tx.session.flush()
            payload = snapshot(tz=self.clock.tz, at=when, contact=contact)
            payload["balance"] = before.balance
            tx.append("ledger.settled", "settlement", settlement.id, payload, at=when)
            tx.touch("settlement", settlement.id)  # the contact's row is unchanged: its balance is the ledger's
            return tx.result("settlement", settlement.id, columns(settlement))
