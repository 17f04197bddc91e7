"""Read-only queries: the lists the command line prints and the pages show, as plain records."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.orm import selectinload

from app.collation import sorted_by_name
from app.errors import InvalidInput
from app.model import (
    Activity,
    ActivityKind,
    BargainCut,
    Contact,
    ContactGroup,
    Deal,
    Direction,
    Group,
    HelpExchange,
    HelpRequest,
    LedgerBalance,
    PriceTier,
)
from app.services.base import Service, get, parse_uuid, profile_name, profile_rest_days, requests_on_day
from app.services.records import (
    activity_record,
    columns,
    cut_record,
    deal_record,
    group_record,
    link_verdict,
    plain_rows,
    table_columns,
)
from app.services.validate import describe_windows, open_window

MAX_STREAK_DAYS = 3660  # ten years of daily help: the walk back stops there


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
            groups = sorted_by_name(session.scalars(query), lambda g: g.name)[:limit]
            return [group_record(g) for g in groups]

    def contacts(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Contacts by nickname, each with its ``group_ids`` (by group name)."""
        keys, cols = table_columns(Contact)
        query = select(*cols).order_by(Contact.nickname, Contact.id)
        name = keys.index("nickname")
        # Read as rows, not entities: thousands of contacts cost ten times less without the ORM's bookkeeping.
        with self.store.read() as session:
            rows = sorted_by_name(session.execute(query).all(), lambda row: str(row[name]))[:limit]
            links = (
                select(ContactGroup.contact_id, ContactGroup.group_id)
                .join(Group, Group.id == ContactGroup.group_id)
                .order_by(Group.name, Group.id)
            )
            if limit is not None:
                links = links.where(ContactGroup.contact_id.in_([row[0] for row in rows]))
            groups: dict[uuid.UUID, list[str]] = {}
            for contact_id, group_id in session.execute(links):
                groups.setdefault(contact_id, []).append(str(group_id))
        return [{**record, "group_ids": groups.get(row[0], [])}
                for row, record in zip(rows, plain_rows(keys, rows), strict=True)]

    def deals(self, limit: int | None = None, status: str | None = None, *,
              with_cuts: bool = True) -> list[dict[str, Any]]:
        """Deals, latest started first. Without cuts (the window's list: a bargain may have thousands), each
        record has ``cut_count``, ``helper_count`` and ``cut_fen`` (their sum) instead, and :meth:`deal_cuts`
        reads one deal's cuts."""
        query = select(Deal).order_by(Deal.started_at.desc(), Deal.id)
        if status:
            query = query.where(Deal.status == status)
        return self._deal_records(_limited(query, limit), with_cuts)

    def deals_due(self, within: dt.timedelta) -> list[dict[str, Any]]:
        """Open deals whose deadline comes within ``within``, soonest first (counts of cuts, as :meth:`deals`
        gives them with ``with_cuts=False``)."""
        now = self.clock.now()
        query = (
            select(Deal)
            .where(Deal.status == "open", Deal.deadline.is_not(None), Deal.deadline <= now + within)
            .order_by(Deal.deadline)
        )
        return self._deal_records(query, with_cuts=False)

    def deal_cuts(self, ref: str) -> list[dict[str, Any]]:
        """One deal's cuts, newest first."""
        with self.store.read() as session:
            deal = get(session, Deal, ref)
            query = select(BargainCut).where(BargainCut.deal_id == deal.id).order_by(BargainCut.at.desc())
            return [cut_record(c) for c in session.scalars(query)]

    def _deal_records(self, query: Select[Any], with_cuts: bool) -> list[dict[str, Any]]:
        return [link_verdict(self._expired_on_read(r)) for r in self._deal_rows(query, with_cuts)]

    def _expired_on_read(self, record: dict[str, Any]) -> dict[str, Any]:
        """An open deal past its deadline reads as expired, before any write records the expiry: reading never
        writes (the window's timer and the next command that writes make it a fact)."""
        deadline = record.get("deadline")
        if record.get("status") != "open" or not isinstance(deadline, str):
            return record
        if dt.datetime.fromisoformat(deadline.replace("Z", "+00:00")) <= self.clock.now():
            return {**record, "status": "expired"}
        return record

    def _deal_rows(self, query: Select[Any], with_cuts: bool) -> list[dict[str, Any]]:
        if with_cuts:
            with self.store.read() as session:
                return [deal_record(d) for d in session.scalars(
                    query.options(selectinload(Deal.tiers), selectinload(Deal.cuts)))]
        # The list without cuts is read as rows, not entities: thousands of deals cost several times less so.
        keys, cols = table_columns(Deal)
        with self.store.read() as session:
            rows = session.execute(query.with_only_columns(*cols)).all()
            ids = [row[0] for row in rows]
            few = len(ids) <= 500  # else all of them: one pass beats a long list of ids
            tier_query = select(PriceTier.deal_id, PriceTier.min_participants, PriceTier.price_fen).order_by(
                PriceTier.deal_id, PriceTier.min_participants)
            if few:
                tier_query = tier_query.where(PriceTier.deal_id.in_(ids))
            tiers: dict[uuid.UUID, list[dict[str, int]]] = {}
            for deal_id, participants, price in session.execute(tier_query):
                tiers.setdefault(deal_id, []).append({"min_participants": participants, "price_fen": price})
            # How many cuts and helpers per deal, counted by SQLite from the (deal, contact) index (a cut without
            # a contact is its own helper).
            anonymous = func.sum(case((BargainCut.contact_id.is_(None), 1), else_=0))
            stats_query = select(BargainCut.deal_id, func.count(),
                                 func.count(distinct(BargainCut.contact_id)) + anonymous,
                                 func.sum(BargainCut.amount_fen)).group_by(BargainCut.deal_id)
            if few:
                stats_query = stats_query.where(BargainCut.deal_id.in_(ids))
            stats = {deal_id: (int(n), int(h), int(f or 0)) for deal_id, n, h, f in session.execute(stats_query)}
        records = []
        for deal_id, record in zip(ids, plain_rows(keys, rows), strict=True):
            del record["url_key"]
            cuts, helpers, cut_fen = stats.get(deal_id, (0, 0, 0))
            records.append({**record, "tiers": tiers.get(deal_id, []), "cut_count": cuts, "helper_count": helpers,
                            "cut_fen": cut_fen})
        return records

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

    def counts(self, *, history: bool = True) -> dict[str, int]:
        """How many records of each kind there are; without ``history``, not the activities and game events (the
        Today page's cards: counting a million activities is most of the cost)."""
        with self.store.read() as session:
            counts = {
                name: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in (
                    ("groups", Group), ("contacts", Contact), ("deals", Deal), ("requests", HelpRequest),
                    ("helps", HelpExchange),
                )
            }
            if history:
                # Both from indexes (a count of the whole table, and ix_activity_derived): no scan of a long history.
                total = int(session.scalar(select(func.count()).select_from(Activity)) or 0)
                derived = Activity.kind == ActivityKind.derived
                counts["game_events"] = int(
                    session.scalar(select(func.count()).select_from(Activity).where(derived)) or 0
                )
                counts["activities"] = total - counts["game_events"]
            counts["open_deals"] = int(
                session.scalar(select(func.count()).select_from(Deal).where(Deal.status == "open")) or 0
            )
            return counts

    def names(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
        """Id → display name of groups, contacts and deals (for showing history); of the records ``ids`` only, when
        given (a few entries' names, looked up by id rather than all of them read)."""
        wanted = None if ids is None else [u for u in map(parse_uuid, ids) if u is not None]
        found: dict[str, dict[str, str]] = {}
        with self.store.read() as session:
            for kind, ident, label in (("group", Group.id, Group.name), ("contact", Contact.id, Contact.nickname),
                                       ("deal", Deal.id, Deal.title)):
                query = select(ident, label)
                if wanted is not None:
                    query = query.where(ident.in_(wanted))
                found[kind] = {str(i): n for i, n in session.execute(query)}
        return found

    def group_rules(self, group: str, at: dt.datetime | None = None) -> dict[str, Any] | None:
        """What a group asks of a request at ``at`` (now when None), for the quick log to show before saving:
        whether its activity window is open, the requests logged there that day against its daily limit, and the
        helps the user gave and got there since their last settlements. None when no group has that name or id.
        Nothing is posted or shared: it only reads the log."""
        moment = at or self.clock.now()
        local = moment.astimezone(self.clock.tz)
        with self.store.read() as session:
            try:
                found = get(session, Group, group)
            except InvalidInput:  # not found, or several of that name: the draft check says which
                return None
            windows = [(w.weekday, w.start, w.end) for w in found.windows]
            window = open_window(windows, local)
            given, received = session.execute(
                select(func.coalesce(func.sum(LedgerBalance.given_count), 0),
                       func.coalesce(func.sum(LedgerBalance.received_count), 0))
                .where(LedgerBalance.group_id == found.id)
            ).one()
            return {
                "id": str(found.id),
                "name": found.name,
                "windows": describe_windows(
                    {"weekday": w.weekday, "start": f"{w.start:%H:%M}", "end": f"{w.end:%H:%M}"} for w in found.windows
                ),
                "window_open": None if not windows else window is not None,
                "until": None if window is None else window[2].strftime("%H:%M"),
                "limit": found.daily_request_limit,
                "requests_today": requests_on_day(session, found.id, moment, self.clock.tz),
                "given": int(given),
                "received": int(received),
            }

    def day_summary(self) -> dict[str, Any]:
        """Today in the user's zone: helps given so far, the streak of days with a help given, open groups.

        ``streak`` counts the days in a row on which the user gave at least one help, as the game counts streaks:
        a missed day is bridged by a rest day (one a week by default, the profile's choice) or by a freeze (one
        for every seven days of the streak, two held at most; ``freezes`` is how many it holds now), and today
        breaks nothing before it is over. ``open_groups`` are the groups (not archived) whose activity window is
        open now, with the time it closes, soonest first. ``name`` is the user's, for the greeting ("" for none).
        """
        now = self.clock.now()
        tz = self.clock.tz
        today = now.astimezone(tz).date()
        with self.store.read() as session:
            given_today = int(session.scalar(
                select(func.count()).select_from(HelpExchange).where(
                    HelpExchange.direction == Direction.given,
                    HelpExchange.at >= _day_start(today, tz),
                    HelpExchange.at < _day_start(today + dt.timedelta(days=1), tz),
                )
            ) or 0)
            streak, freezes = self._streak(session, today, tz)
            name = profile_name(session)
            groups = session.scalars(
                select(Group).options(selectinload(Group.windows)).where(Group.archived.is_(False))
            )
            local = now.astimezone(tz)
            open_groups = []
            for group in groups:
                window = open_window([(w.weekday, w.start, w.end) for w in group.windows], local)
                if window is not None:
                    open_groups.append({"id": str(group.id), "name": group.name, "until": window[2].strftime("%H:%M")})
        # Closing soonest first; a window across midnight closes "tomorrow", after today's.
        moment = local.strftime("%H:%M")
        open_groups.sort(key=lambda g: (g["until"] <= moment, g["until"], g["name"]))
        return {"given_today": given_today, "streak": streak, "freezes": freezes, "open_groups": open_groups,
                "name": name}

    @staticmethod
    def _streak(session: Any, today: dt.date, tz: dt.tzinfo) -> tuple[int, int]:
        """The help streak alive today and the freezes it holds, by the game's humane rules (a rest day a week, a
        freeze for every seven days: ``app/quests/goals.py``). One indexed lookup per active day, back to a gap no
        run can cross."""
        from app.quests.catalogue import builtin_rules
        from app.quests.goals import FREEZES_HELD, streak_now

        stored = profile_rest_days(session)
        rest = builtin_rules().rest_days if stored is None else stored
        widest = 2 * rest + FREEZES_HELD
        given = HelpExchange.direction == Direction.given
        days: set[str] = set()
        before, previous = today + dt.timedelta(days=1), today + dt.timedelta(days=1)
        while len(days) < MAX_STREAK_DAYS:
            latest = session.scalar(select(func.max(HelpExchange.at)).where(given, HelpExchange.at < _day_start(
                before, tz)))
            if latest is None:
                break
            day = latest.astimezone(tz).date()
            if (previous - day).days > widest + 1:
                break  # a gap no run crosses: the streak alive today starts after it
            days.add(str(day.toordinal()))
            before = previous = day
        return streak_now(days, today.toordinal(), rest)


def _day_start(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """Local midnight of ``day`` as a UTC moment."""
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)
