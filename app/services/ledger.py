"""The reciprocity ledger (互助余额): balances per contact and per group, "you owe", "only takes", settling up."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.i18n import translate
from app.model import Contact, Direction, Group, HelpExchange, LedgerSettlement
from app.services import balances
from app.services import validate as v
from app.services.balances import Balance as Balance  # where the ledger's readers look
from app.services.base import OpResult, Service, check_not_too_early, get, snapshot
from app.services.changes import LEDGER
from app.services.records import columns, plain

ONLY_TAKES_MIN_GIVEN = 3
ONLY_TAKES_DAYS = 30


def contact_balances(session: Session, ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, Balance]:
    """Balances per contact; of the contacts ``ids`` only, when given (the kept balances: a few rows per contact)."""
    return balances.per_contact(session, ids)


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
            # One pass over the contacts with their kept balance and last settlement joined in.
            figures = balances.per_contact_query().subquery()
            settled = (
                select(LedgerSettlement.contact_id, func.max(LedgerSettlement.at).label("since"))
                .group_by(LedgerSettlement.contact_id)
                .subquery()
            )
            rows = session.execute(
                select(Contact.id, Contact.nickname, Contact.trust, Contact.archived,
                       *(figures.c[f] for f in balances.FIGURES), settled.c.since)
                .outerjoin(figures, figures.c.contact_id == Contact.id)
                .outerjoin(settled, settled.c.contact_id == Contact.id)
                .order_by(Contact.nickname)
            )
            contact_rows = []
            for ident, nickname, trust, archived, *counts, since in rows:
                bal = Balance(*(int(x or 0) for x in counts))
                contact_rows.append(
                    {"contact_id": str(ident), "nickname": nickname, "trust": trust.value, "archived": archived,
                     **bal.as_dict(), "since": plain(since)}
                )
            by_group = balances.per_group(session)
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
            kept = contact_balances(session, ids) if ids else {}
            settled = last_settlements(session) if ids else {}
            contact_rows = [
                {"contact_id": str(ident), "nickname": nickname, "trust": trust.value, "archived": archived,
                 **kept.get(ident, Balance()).as_dict(), "since": plain(settled.get(ident))}
                for ident, nickname, trust, archived in rows
            ]
        return _takers(contact_rows, only_takes)

    def _only_takes(self, session: Session, now: dt.datetime) -> dict[str, int]:
        """Contacts helped at least 3 times in the last 30 days who gave nothing back in that time."""
        since = now - dt.timedelta(days=ONLY_TAKES_DAYS)

        def in_window(direction: Direction) -> tuple[Any, ...]:
            return (HelpExchange.contact_id == Contact.id, HelpExchange.direction == direction,
                    HelpExchange.at >= since, HelpExchange.at <= now)

        # Contact by contact through the (contact, direction, time) index: a few thousand contacts, where the last
        # 30 days may hold tens of thousands of helps to group.
        given = select(func.count()).select_from(HelpExchange).where(*in_window(Direction.given)).scalar_subquery()
        rows = session.execute(select(Contact.id, given).where(~exists().where(*in_window(Direction.received))))
        return {str(ident): int(g) for ident, g in rows if int(g or 0) >= ONLY_TAKES_MIN_GIVEN}

    def contact(self, ref: str) -> dict[str, Any]:
        """One contact's balance and the exchanges behind it (the drill-down)."""
        with self.store.read() as session:
            contact = get(session, Contact, ref)
            since = balances.last_settlement(session, contact.id)
            query = select(HelpExchange).where(HelpExchange.contact_id == contact.id)
            if since is not None:
                query = query.where(HelpExchange.at > since)
            exchanges = [columns(h) for h in session.scalars(query.order_by(HelpExchange.at.desc()))]
            balance = contact_balances(session, [contact.id]).get(contact.id, Balance())
            return {"contact_id": str(contact.id), "nickname": contact.nickname, **balance.as_dict(),
                    "since": plain(since), "exchanges": exchanges}

    def settle(self, ref: str, *, at: dt.datetime | None = None, note: str = "") -> OpResult:
        """"We are even": the contact's balance counts from now (or ``at``)."""
        text = v.note(note)
        when = v.aware(at, "time")
        with self.tx() as tx:
            contact = get(tx.session, Contact, ref)
            v.not_in_future(when, tx.now, translate("validation", "A settlement cannot be in the future."))
            check_not_too_early(tx.session, when, tx.now)
            when = when or tx.now
            before = contact_balances(tx.session, [contact.id]).get(contact.id, Balance())
            settlement = LedgerSettlement(contact_id=contact.id, at=when, note=text)
            tx.session.add(settlement)
            tx.session.flush()
            if balances.settled(tx.session, contact.id):
                tx.changes.mark(LEDGER)  # the kept balances
            payload = snapshot(tz=self.clock.tz, at=when, contact=contact, logged=tx.now)
            payload["balance"] = before.balance
            tx.append("ledger.settled", "settlement", settlement.id, payload, at=when)
            tx.touch("settlement", settlement.id)  # the contact's row is unchanged: its balance is the ledger's
            return tx.result("settlement", settlement.id, columns(settlement))
