"""The reciprocity ledger (人情账): balances per contact and per group, "you owe", "only takes", settling up.

A settlement says how (:class:`~app.model.SettleHow`): "we are even", a favour returned or a red packet (红包, with
its amount) start the contact's balance again from zero; a partial one settles some helps and the count goes on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.i18n import translate
from app.model import Contact, Direction, Group, HelpExchange, LedgerSettlement, SettleHow
from app.services import balances
from app.services import validate as v
from app.services.balances import Balance as Balance  # where the ledger's readers look
from app.services.base import OpResult, Service, check_not_too_early, get, snapshot
from app.services.changes import LEDGER
from app.services.records import columns, plain
from app.text import shown

ONLY_TAKES_MIN_GIVEN = 3
ONLY_TAKES_DAYS = 30


def contact_balances(session: Session, ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, Balance]:
    """Balances per contact; of the contacts ``ids`` only, when given (the kept balances: a few rows per contact)."""
    return balances.per_contact(session, ids)


def last_settlements(session: Session) -> dict[uuid.UUID, dt.datetime]:
    """Each settled contact's latest full settlement: where their balance starts."""
    return {row[0]: row[1] for row in session.execute(balances.last_full_query())}


def settlement_row(settlement: LedgerSettlement) -> dict[str, Any]:
    """One settlement as the history shows it: ``{id, at, how, amount_fen, helps, note}``."""
    return {"id": str(settlement.id), "at": plain(settlement.at), "how": settlement.how.value,
            "amount_fen": settlement.amount_fen, "helps": settlement.helps, "note": settlement.note}


def _helps(value: object) -> int:
    """The helps a partial settlement settles: a whole number of at least one."""
    if value is None:
        raise InvalidInput(translate("validation", "Say how many helps the partial settlement settles."), "helps")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(translate("validation", "A partial settlement settles one help or more (got {value})."
                                     ).format(value=shown(str(value))), "helps")
    return value


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
            settled = balances.last_full_query().subquery()
            partly = balances.partly_settled_query().subquery()
            rows = session.execute(
                select(Contact.id, Contact.nickname, Contact.trust, Contact.archived,
                       *(figures.c[f] for f in balances.FIGURES), partly.c.settled, settled.c.since)
                .outerjoin(figures, figures.c.contact_id == Contact.id)
                .outerjoin(settled, settled.c.contact_id == Contact.id)
                .outerjoin(partly, partly.c.contact_id == Contact.id)
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
        """One contact's balance, the exchanges behind it (the drill-down) and every settlement, newest first."""
        with self.store.read() as session:
            contact = get(session, Contact, ref)
            since = balances.last_settlement(session, contact.id)
            query = select(HelpExchange).where(HelpExchange.contact_id == contact.id)
            if since is not None:
                query = query.where(HelpExchange.at > since)
            exchanges = [columns(h) for h in session.scalars(query.order_by(HelpExchange.at.desc()))]
            balance = contact_balances(session, [contact.id]).get(contact.id, Balance())
            settlements = [settlement_row(s) for s in session.scalars(
                select(LedgerSettlement).where(LedgerSettlement.contact_id == contact.id)
                .order_by(LedgerSettlement.at.desc(), LedgerSettlement.id))]
            return {"contact_id": str(contact.id), "nickname": contact.nickname, **balance.as_dict(),
                    "since": plain(since), "exchanges": exchanges, "settlements": settlements}

    def settle(self, ref: str, *, at: dt.datetime | None = None, note: str = "", how: str = "even",
               amount_fen: int | None = None, helps: int | None = None) -> OpResult:
        """Settle up with a contact at now (or ``at``), and say ``how``.

        ``even``, ``favour`` or ``hongbao``: the balance counts again from zero. ``partial``: ``helps`` (at least
        one, at most the balance's size) are settled, the balance moves that many towards zero and goes on counting.
        ``amount_fen``: a red packet's amount, or money that went with the others (optional).
        """
        text = v.note(note)
        when = v.aware(at, "time")
        kind = v.choice(SettleHow, how, "how")
        amount = v.fen(amount_fen, "amount_fen")
        partial = kind == SettleHow.partial
        count = _helps(helps) if partial else None
        if not partial and helps is not None:
            raise InvalidInput(translate("validation", "Only a partial settlement names how many helps it settles."),
                               "helps")
        with self.tx() as tx:
            contact = get(tx.session, Contact, ref)
            v.not_in_future(when, tx.now, translate("validation", "A settlement cannot be in the future."))
            check_not_too_early(tx.session, when, tx.now)
            when = when or tx.now
            before = contact_balances(tx.session, [contact.id]).get(contact.id, Balance())
            signed_helps = None
            if count is not None:
                signed_helps = self._partial(tx.session, contact, before.balance, count, when)
            settlement = LedgerSettlement(contact_id=contact.id, at=when, note=text, how=kind, amount_fen=amount,
                                          helps=signed_helps)
            tx.session.add(settlement)
            tx.session.flush()
            if partial or balances.settled(tx.session, contact.id):
                tx.changes.mark(LEDGER)  # the kept balances, or the balance a partial settlement moved
            payload = snapshot(tz=self.clock.tz, at=when, contact=contact, amount_fen=amount, logged=tx.now)
            payload["balance"] = before.balance
            payload["how"] = kind.value
            if signed_helps is not None:
                payload["helps"] = signed_helps
            tx.append("ledger.settled", "settlement", settlement.id, payload, at=when)
            tx.touch("settlement", settlement.id)  # the contact's row is unchanged: its balance is the ledger's
            return tx.result("settlement", settlement.id, columns(settlement))

    @staticmethod
    def _partial(session: Session, contact: Contact, balance: int, count: int, when: dt.datetime) -> int:
        """The helps a partial settlement settles, signed like ``balance``: refused when there is no balance, when
        it would settle more than the balance, or when it is dated at or before the last full settlement."""
        if balance == 0:
            raise InvalidInput(translate("validation", "{name}'s balance is even: nothing to settle in part."
                                         ).format(name=contact.nickname), "helps")
        if count > abs(balance):
            raise InvalidInput(translate("validation", "Only {balance} helps are open with {name}: a partial "
                                         "settlement cannot settle {count}.").format(
                balance=abs(balance), name=contact.nickname, count=count), "helps")
        since = balances.last_settlement(session, contact.id)
        if since is not None and when <= since:
            raise InvalidInput(translate("validation", "A partial settlement must come after the last full one."),
                               "at")
        return count if balance > 0 else -count
