"""The ledger's kept balances: each contact's helps per group since their last settlement, changed by the writes.

A help counts in its contact's balance when it is dated strictly after the contact's last full settlement (how
"even", "favour" or "hongbao"; a partial one starts nothing again). The table
``ledger_balance`` holds, per contact and group (or no group), the helps that count, so that the ledger reads a
few thousand rows instead of adding up every help: each write that changes what counts (a help logged, edited or
deleted, a settlement, a merge) calls in here in its own transaction. :func:`recount` is the same figures added up
from the helps, for the tests that prove the two always agree and for a rebuild (a salvage, the demo).

A partial settlement is no help and in no group: it is kept in ``ledger_settlement`` alone (``helps``, signed like
the balance), and a contact's balance is their kept helps minus their partial settlements since their last full
one (:func:`partly_settled`, a few rows a contact), so that correcting or deleting a help never undoes it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, replace
from typing import Any, cast

from sqlalchemy import CursorResult, Result, Select, case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.model import Direction, HelpExchange, LedgerBalance, LedgerSettlement, SettleHow

Key = tuple[uuid.UUID, uuid.UUID | None]  # (contact, group or None)
FIGURES = ("given_count", "received_count", "given_fen", "received_fen")


@dataclass(frozen=True)
class Balance:
    """Helps given and received (counts and fen) since the last settlement, and the helps settled in part since
    (``settled``, signed like the balance); balance = given − received − settled."""

    given_count: int = 0
    received_count: int = 0
    given_fen: int = 0
    received_fen: int = 0
    settled: int = 0

    @property
    def balance(self) -> int:
        return self.given_count - self.received_count - self.settled

    def figures(self) -> dict[str, int]:
        # Not dataclasses.asdict: it deep-copies, and the ledger makes one per contact (thousands) per read.
        return {"given_count": self.given_count, "received_count": self.received_count,
                "given_fen": self.given_fen, "received_fen": self.received_fen}

    def as_dict(self) -> dict[str, Any]:
        return {**self.figures(), "settled": self.settled, "balance": self.balance}

    def __add__(self, other: Balance) -> Balance:
        return Balance(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def empty(self) -> bool:
        return not (self.given_count or self.received_count)


@dataclass(frozen=True)
class Entry:
    """What one help adds to its contact's balance, and when (it counts after the contact's last settlement)."""

    contact_id: uuid.UUID
    group_id: uuid.UUID | None
    direction: Direction
    amount_fen: int | None
    at: dt.datetime

    def figures(self, sign: int) -> Balance:
        amount = (self.amount_fen or 0) * sign
        if self.direction == Direction.given:
            return Balance(given_count=sign, given_fen=amount)
        return Balance(received_count=sign, received_fen=amount)


def entry(help_: HelpExchange) -> Entry:
    """The help as it is now: take it before an edit changes the help, to take its old figures out after."""
    return Entry(help_.contact_id, help_.group_id, help_.direction, help_.amount_fen, help_.at)


# -- the writes ------------------------------------------------------------------------------------------------


FULL = LedgerSettlement.how != SettleHow.partial  # a settlement that starts the balance again


def last_settlement(session: Session, contact_id: uuid.UUID) -> dt.datetime | None:
    """When the contact's balance starts: their latest full settlement (from its index), or None."""
    return session.scalar(
        select(func.max(LedgerSettlement.at)).where(LedgerSettlement.contact_id == contact_id, FULL)
    )


def last_full_query() -> Select[uuid.UUID, dt.datetime]:
    """``(contact_id, since)``: each settled contact's latest full settlement."""
    return (select(LedgerSettlement.contact_id, func.max(LedgerSettlement.at).label("since"))
            .where(FULL).group_by(LedgerSettlement.contact_id))


def help_added(session: Session, help_: HelpExchange) -> bool:
    """A help was logged (call after the flush that wrote it). Each write here returns whether a kept row changed
    (the write then reports the ledger's area)."""
    return _count(session, entry(help_), +1)


def help_removed(session: Session, help_: HelpExchange) -> bool:
    """A help is being deleted."""
    return _count(session, entry(help_), -1)


def help_changed(session: Session, before: Entry, help_: HelpExchange) -> bool:
    """A help was edited: ``before`` is what :func:`entry` gave before the edit."""
    after = entry(help_)
    if after == before:
        return False
    taken = _count(session, before, -1)
    return _count(session, after, +1) or taken


def settled(session: Session, contact_id: uuid.UUID) -> bool:
    """A full settlement was added (flushed): the contact's balance counts again from their latest one.

    Re-added from the contact's helps after it, through the (contact, time) index: a settlement is recent, so few.
    """
    return refill_contact(session, contact_id)


def contact_merged(session: Session, keep_id: uuid.UUID, other_id: uuid.UUID) -> bool:
    """``other``'s helps now point at ``keep`` and its settlements are gone (flushed or pending): ``keep``'s balance
    counts every help from ``keep``'s own last settlement on; ``other`` has none left."""
    gone = _changed(session.execute(delete(LedgerBalance).where(LedgerBalance.contact_id == other_id)))
    return refill_contact(session, keep_id) or bool(gone)


def refill_contact(session: Session, contact_id: uuid.UUID) -> bool:
    """Add up one contact's balance again from their helps after their last settlement."""
    since = last_settlement(session, contact_id)
    gone = _changed(session.execute(delete(LedgerBalance).where(LedgerBalance.contact_id == contact_id)))
    query = _figures(HelpExchange.contact_id, HelpExchange.group_id).where(HelpExchange.contact_id == contact_id)
    if since is not None:
        query = query.where(HelpExchange.at > since)
    return bool(_insert(session, query) or gone)


def refill_all(session: Session) -> None:
    """Add up every balance again from the helps (a rebuild: salvaged rows, a database filled in bulk)."""
    session.execute(delete(LedgerBalance))
    _insert(session, _since_last_settlement(_figures(HelpExchange.contact_id, HelpExchange.group_id)))


def _count(session: Session, item: Entry, sign: int) -> bool:
    since = last_settlement(session, item.contact_id)
    if since is not None and item.at <= since:
        return False  # settled already: not in the balance
    add(session, {(item.contact_id, item.group_id): item.figures(sign)})
    return True


def add(session: Session, changes: dict[Key, Balance]) -> None:
    """Add figures to the kept rows (negative ones take away); a row left with no help in it goes.

    One UPDATE in the usual case (the row is there): an INSERT follows when it is not, a DELETE of the row when it
    is left empty; a help's write pays one statement, not a read and a write.
    """
    conn = session.connection()  # plain SQL: the ORM's bulk-update machinery costs more than the statement
    for (contact_id, group_id), change in changes.items():
        same_group = LedgerBalance.group_id.is_(None) if group_id is None else LedgerBalance.group_id == group_id
        here = (LedgerBalance.contact_id == contact_id, same_group)
        figures = change.figures()
        added = {f: getattr(LedgerBalance, f) + n for f, n in figures.items() if n}
        if not added:
            continue
        if not _changed(conn.execute(update(LedgerBalance).where(*here).values(**added))):
            if not change.empty:
                conn.execute(insert(LedgerBalance).values(contact_id=contact_id, group_id=group_id, **figures))
        elif any(n < 0 for n in figures.values()):
            conn.execute(delete(LedgerBalance).where(
                *here, LedgerBalance.given_count == 0, LedgerBalance.received_count == 0))


def _insert(session: Session, query: Select[Any]) -> int:
    """Insert the figures ``query`` selects; how many rows it inserted."""
    return _changed(session.execute(insert(LedgerBalance).from_select(["contact_id", "group_id", *FIGURES], query)))


def _changed(result: Result[Any]) -> int:
    """The rows an INSERT, UPDATE or DELETE changed."""
    return int(cast(CursorResult[Any], result).rowcount)


# -- the reads -------------------------------------------------------------------------------------------------


def _sums() -> list[Any]:
    return [func.sum(getattr(LedgerBalance, f)).label(f) for f in FIGURES]


def per_contact_query() -> Select[Any]:
    """``(contact_id, given_count, received_count, given_fen, received_fen)`` per contact with a balance."""
    return select(LedgerBalance.contact_id, *_sums()).group_by(LedgerBalance.contact_id)


def per_contact(session: Session, ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, Balance]:
    """Balances per contact (of the contacts ``ids`` only, when given), partial settlements taken off; a contact
    with neither a help nor a partial settlement since their last full one is left out."""
    query = per_contact_query()
    if ids is not None:
        query = query.where(LedgerBalance.contact_id.in_(ids))
    found = {row[0]: Balance(*(int(x or 0) for x in row[1:])) for row in session.execute(query)}
    for contact_id, settled in partly_settled(session, ids).items():
        found[contact_id] = replace(found.get(contact_id, Balance()), settled=settled)
    return found


def partly_settled_query() -> Select[uuid.UUID, int | None]:
    """``(contact_id, settled)``: the helps settled in part since each contact's last full settlement."""
    last = last_full_query().subquery()
    return (
        select(LedgerSettlement.contact_id, func.sum(LedgerSettlement.helps).label("settled"))
        .outerjoin(last, last.c.contact_id == LedgerSettlement.contact_id)
        .where(LedgerSettlement.how == SettleHow.partial,
               or_(last.c.since.is_(None), LedgerSettlement.at > last.c.since))
        .group_by(LedgerSettlement.contact_id)
    )


def partly_settled(session: Session, ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, int]:
    """The helps settled in part per contact (of ``ids`` only, when given) since their last full settlement."""
    query = partly_settled_query()
    if ids is not None:
        query = query.where(LedgerSettlement.contact_id.in_(ids))
    return {contact_id: int(settled) for contact_id, settled in session.execute(query) if settled}


def per_group(session: Session) -> dict[uuid.UUID | None, Balance]:
    """Balances per group (None: helps in no group), summed over the contacts; a group with none is left out."""
    query = select(LedgerBalance.group_id, *_sums()).group_by(LedgerBalance.group_id)
    return {row[0]: Balance(*(int(x or 0) for x in row[1:])) for row in session.execute(query)}


def kept(session: Session) -> list[tuple[Key, Balance]]:
    """The kept rows as they are (what the tests compare with :func:`recount`)."""
    rows = session.execute(select(LedgerBalance.contact_id, LedgerBalance.group_id,
                                  *(getattr(LedgerBalance, f) for f in FIGURES)))
    return [((contact_id, group_id), Balance(*figures)) for contact_id, group_id, *figures in rows]


def recount(session: Session, contact_ids: Iterable[uuid.UUID] | None = None) -> dict[Key, Balance]:
    """The balances added up from every help since each contact's last settlement: what :func:`kept` must say."""
    query = _since_last_settlement(_figures(HelpExchange.contact_id, HelpExchange.group_id))
    if contact_ids is not None:
        query = query.where(HelpExchange.contact_id.in_(list(contact_ids)))
    return {(c, g): Balance(*(int(x or 0) for x in sums)) for c, g, *sums in session.execute(query)}


def _figures(*key: Any) -> Select[Any]:
    """Counts and sums of the helps, grouped by ``key``."""
    given = HelpExchange.direction == Direction.given
    received = HelpExchange.direction == Direction.received
    amount = func.coalesce(HelpExchange.amount_fen, 0)
    return select(
        *key,
        func.sum(case((given, 1), else_=0)),
        func.sum(case((received, 1), else_=0)),
        func.sum(case((given, amount), else_=0)),
        func.sum(case((received, amount), else_=0)),
    ).group_by(*key)


def _since_last_settlement(query: Select[Any]) -> Select[Any]:
    last = last_full_query().subquery()
    return query.outerjoin(last, last.c.contact_id == HelpExchange.contact_id).where(
        or_(last.c.since.is_(None), HelpExchange.at > last.c.since)
    )
