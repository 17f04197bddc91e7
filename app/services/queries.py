"""Read-only queries: the lists the command line prints and the pages show, as plain records."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.model import Activity, ActivityKind, Contact, Deal, Group, HelpExchange, HelpRequest
from app.services.base import Service
from app.services.records import activity_record, columns, contact_record, deal_record, group_record


def _limited(query: Select[Any], limit: int | None, offset: int = 0) -> Select[Any]:
    if offset:
        query = query.offset(offset)
    return query.limit(limit) if limit is not None else query


class QueryService(Service):
    """Lists of every kind of record, newest or by name, with an optional limit."""

    def groups(self, limit: int | None = None, include_archived: bool = True) -> list[dict[str, Any]]:
        query = select(Group).options(selectinload(Group.windows)).order_by(Group.name, Group.id)
        if not include_archived:
            query = query.where(Group.archived.is_(False))
        with self.store.read() as session:
            return [group_record(g) for g in session.scalars(_limited(query, limit))]

    def contacts(self, limit: int | None = None) -> list[dict[str, Any]]:
        query = select(Contact).options(selectinload(Contact.groups)).order_by(Contact.nickname, Contact.id)
        with self.store.read() as session:
            return [contact_record(c) for c in session.scalars(_limited(query, limit))]

    def deals(self, limit: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
        query = (
            select(Deal)
            .options(selectinload(Deal.tiers), selectinload(Deal.cuts))
            .order_by(Deal.started_at.desc(), Deal.id)
        )
        if status:
            query = query.where(Deal.status == status)
        with self.store.read() as session:
            return [deal_record(d) for d in session.scalars(_limited(query, limit))]

    def deals_due(self, within: dt.timedelta) -> list[dict[str, Any]]:
        """Open deals whose deadline comes within ``within``, soonest first."""
        now = self.clock.now()
        query = (
            select(Deal)
            .options(selectinload(Deal.tiers), selectinload(Deal.cuts))
            .where(Deal.status == "open", Deal.deadline.is_not(None), Deal.deadline <= now + within)
            .order_by(Deal.deadline)
        )
        with self.store.read() as session:
            return [deal_record(d) for d in session.scalars(query)]

    def requests(self, limit: int | None = None) -> list[dict[str, Any]]:
        query = select(HelpRequest).order_by(HelpRequest.at.desc(), HelpRequest.id)
        with self.store.read() as session:
            return [columns(r) for r in session.scalars(_limited(query, limit))]

    def helps(self, limit: int | None = None) -> list[dict[str, Any]]:
        query = select(HelpExchange).order_by(HelpExchange.at.desc(), HelpExchange.id)
        with self.store.read() as session:
            return [columns(h) for h in session.scalars(_limited(query, limit))]

    def activities(
        self,
        limit: int | None = None,
        offset: int = 0,
        *,
        types: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        entity_id: uuid.UUID | None = None,
        current_only: bool = False,
    ) -> list[dict[str, Any]]:
        """The history log, newest first (by when it happened; derived game events sit with their cause)."""
        query = select(Activity).order_by(Activity.at.desc(), Activity.seq.desc())
        if types:
            query = query.where(Activity.type.in_(types))
        if kinds:
            query = query.where(Activity.kind.in_(kinds))
        if entity_id is not None:
            query = query.where(Activity.entity_id == entity_id)
        if current_only:
            query = query.where(Activity.superseded_by.is_(None))
        with self.store.read() as session:
            return [activity_record(a) for a in session.scalars(_limited(query, limit, offset))]

    def counts(self) -> dict[str, int]:
        """How many records of each kind there are."""
        with self.store.read() as session:
            counts = {
                name: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in (
                    ("groups", Group), ("contacts", Contact), ("deals", Deal), ("requests", HelpRequest),
                    ("helps", HelpExchange),
                )
            }
            derived = Activity.kind == ActivityKind.derived
            counts["activities"] = int(session.scalar(select(func.count()).select_from(Activity).where(~derived)) or 0)
            counts["game_events"] = int(session.scalar(select(func.count()).select_from(Activity).where(derived)) or 0)
            counts["open_deals"] = int(
                session.scalar(select(func.count()).select_from(Deal).where(Deal.status == "open")) or 0
            )
            return counts

    def names(self) -> dict[str, dict[str, str]]:
        """Id → display name of groups, contacts and deals (for showing history)."""
        with self.store.read() as session:
            return {
                "group": {str(i): n for i, n in session.execute(select(Group.id, Group.name))},
                "contact": {str(i): n for i, n in session.execute(select(Contact.id, Contact.nickname))},
                "deal": {str(i): n for i, n in session.execute(select(Deal.id, Deal.title))},
            }
