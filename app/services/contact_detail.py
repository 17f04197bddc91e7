"""One contact's page as plain data: their balance (互助往来), every exchange with them, their groups and deals.

Read as rows, not entities: a contact helped daily for years has thousands of exchanges, and the window shows them
all. Group names and deal titles come joined in, so the page needs no second read to show them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import BargainCut, Contact, ContactGroup, Deal, Group, HelpExchange
from app.services import balances
from app.services.balances import Balance
from app.services.records import contact_record, plain, plain_rows, table_columns


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and amounts of ``rows`` (exchanges) by direction, as a ledger balance has them."""
    given = [r for r in rows if r["direction"] == "given"]
    received = [r for r in rows if r["direction"] == "received"]
    return Balance(len(given), len(received), sum(r["amount_fen"] or 0 for r in given),
                   sum(r["amount_fen"] or 0 for r in received)).as_dict()


def exchanges(session: Session, contact_id: uuid.UUID, since: dt.datetime | None) -> list[dict[str, Any]]:
    """Every help exchanged with the contact, newest first, with its group's name and deal's title, and whether it
    counts in the balance (``counted``: after the last settlement ``since``)."""
    keys, cols = table_columns(HelpExchange)
    query = (
        select(*cols, Group.name, Deal.title)
        .outerjoin(Group, Group.id == HelpExchange.group_id)
        .outerjoin(Deal, Deal.id == HelpExchange.deal_id)
        .where(HelpExchange.contact_id == contact_id)
        .order_by(HelpExchange.at.desc(), HelpExchange.id)
    )
    rows = session.execute(query).all()
    width, at = len(keys), keys.index("at")
    records = plain_rows(keys, (row[:width] for row in rows))
    for record, row in zip(records, rows, strict=True):
        record["group_name"] = row[width]
        record["deal_title"] = row[width + 1]
        record["counted"] = since is None or row[at] > since
    return records


def _groups(session: Session, contact_id: uuid.UUID, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contact's groups, and any other group they exchanged help in, each with its figures."""
    member = set(session.scalars(select(ContactGroup.group_id).where(ContactGroup.contact_id == contact_id)))
    ids = member | {uuid.UUID(r["group_id"]) for r in rows if r["group_id"]}
    if not ids:
        return []
    found = session.execute(select(Group.id, Group.name, Group.archived).where(Group.id.in_(ids))).all()
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["group_id"]:
            by_group.setdefault(row["group_id"], []).append(row)
    groups = [
        {"id": str(ident), "name": name, "archived": archived, "member": ident in member,
         **_figures(by_group.get(str(ident), []))}
        for ident, name, archived in found
    ]
    return sorted(groups, key=lambda g: (g["name"], g["id"]))


def _deals(session: Session, contact_id: uuid.UUID, rows: list[dict[str, Any]], now: dt.datetime
           ) -> list[dict[str, Any]]:
    """The deals the contact's exchanges were for, or that they cut a price of, latest started first."""
    cut = dict(session.execute(
        select(BargainCut.deal_id, func.sum(BargainCut.amount_fen))
        .where(BargainCut.contact_id == contact_id)
        .group_by(BargainCut.deal_id)
    ).all())
    ids = set(cut) | {uuid.UUID(r["deal_id"]) for r in rows if r["deal_id"]}
    if not ids:
        return []
    found = session.execute(
        select(Deal.id, Deal.title, Deal.kind, Deal.status, Deal.deadline, Deal.mine, Deal.started_at)
        .where(Deal.id.in_(ids))
        .order_by(Deal.started_at.desc(), Deal.id)
    ).all()
    by_deal: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["deal_id"]:
            by_deal.setdefault(row["deal_id"], []).append(row)
    deals = []
    for ident, title, kind, status, deadline, mine, started in found:
        status_text = plain(status)
        if status_text == "open" and deadline is not None and deadline <= now:
            status_text = "expired"  # as the Deals page reads it before the expiry is written
        deals.append({"id": str(ident), "title": title, "kind": plain(kind), "status": status_text,
                      "mine": mine, "started_at": plain(started), "cut_fen": int(cut.get(ident) or 0),
                      **_figures(by_deal.get(str(ident), []))})
    return deals


def contact_detail(session: Session, contact: Contact, now: dt.datetime) -> dict[str, Any]:
    """``{contact, balance, totals, exchanges, groups, deals}`` of one contact.

    ``balance`` is the ledger's (the helps after the last settlement, ``balance["since"]``; ``balance`` > 0: you
    helped them more); ``totals`` count every exchange ever, ``first``/``last`` their times.
    """
    since = balances.last_settlement(session, contact.id)
    rows = exchanges(session, contact.id, since)
    kept = balances.per_contact(session, [contact.id]).get(contact.id, Balance())
    totals = {**_figures(rows), "first": rows[-1]["at"] if rows else None, "last": rows[0]["at"] if rows else None}
    return {
        "contact": contact_record(contact),
        "balance": {**kept.as_dict(), "since": plain(since)},
        "totals": totals,
        "exchanges": rows,
        "groups": _groups(session, contact.id, rows),
        "deals": _deals(session, contact.id, rows, now),
    }


def exchange(session: Session, ref: str) -> dict[str, Any] | None:
    """One help exchange with its contact's nickname and group's name (what the edit form shows); None when there
    is no such help (deleted meanwhile)."""
    try:
        ident = uuid.UUID(str(ref))
    except ValueError:
        return None
    keys, cols = table_columns(HelpExchange)
    row = session.execute(
        select(*cols, Contact.nickname, Group.name)
        .join(Contact, Contact.id == HelpExchange.contact_id)
        .outerjoin(Group, Group.id == HelpExchange.group_id)
        .where(HelpExchange.id == ident)
    ).first()
    if row is None:
        return None
    record = plain_rows(keys, [row[:len(keys)]])[0]
    record["contact_name"], record["group_name"] = row[len(keys)], row[len(keys) + 1]
    return record
