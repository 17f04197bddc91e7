"""Demo data, the rows: the planned world and events rendered exactly as the services would have stored them.

Same activity types, entities and :func:`~app.services.base.snapshot` payloads as the services write, activities
in time order so that ``seq`` follows ``at``. The facts' rows are tuples in the stored form of the model's types
(:class:`~app.services.bulk.BulkTable`); a test copies every row through typed inserts and checks the stored bytes
are the same.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.demo import entities as e
from app.demo.content import SETTLEMENT_HOW
from app.demo.plan import DemoPlan
from app.kinds import ActivityKind
from app.model import (
    Activity,
    ActivityWindow,
    BargainCut,
    Contact,
    ContactGroup,
    Deal,
    DealKind,
    DealStatus,
    Group,
    HelpExchange,
    HelpRequest,
    LedgerSettlement,
    Platform,
    PriceTier,
    Profile,
    Role,
    Trust,
    Vertical,
)
from app.services.bulk import BulkLoad, BulkTable, Row
from app.services.records import plain

_V4_KEEP = ~((0xF000 << 64) | (0xC000 << 48))  # version nibble and variant bits cleared…
_V4_MARK = (4 << 76) | (0x8000 << 48)  # …and set to version 4, RFC 4122 variant
FACT = ActivityKind.fact.value
CORRECTION = ActivityKind.correction.value

ACTIVITY_ROWS = BulkTable.of(
    Activity, "id", "type", "kind", "at", "recorded_at", "entity_type", "entity_id", "payload", "corrects",
    "superseded_by",
)
HELP_ROWS = BulkTable.of(
    HelpExchange, "id", "direction", "kind", "contact_id", "group_id", "deal_id", "amount_fen", "at", "note",
    "created_at",
)
REQUEST_ROWS = BulkTable.of(HelpRequest, "id", "group_id", "deal_id", "at", "note", "created_at")
CUT_ROWS = BulkTable.of(BargainCut, "id", "deal_id", "help_id", "contact_id", "amount_fen", "at")
SETTLEMENT_ROWS = BulkTable.of(LedgerSettlement, "id", "contact_id", "at", "note", "how", "amount_fen", "helps")

Batch = list[tuple[BulkTable, list[Row]]]
TABLES = (HELP_ROWS, REQUEST_ROWS, SETTLEMENT_ROWS, CUT_ROWS, ACTIVITY_ROWS)  # parents first


def uuid4_hex(bits: int) -> str:
    """``uuid.UUID(int=bits, version=4).hex`` without building the object (a million of them add up)."""
    return f"{(bits & _V4_KEEP) | _V4_MARK:032x}"


def _dashed(hex_: str) -> str:
    """``str(uuid.UUID(hex_))``: the 8-4-4-4-12 form payloads use."""
    return f"{hex_[:8]}-{hex_[8:12]}-{hex_[12:16]}-{hex_[16:20]}-{hex_[20:]}"


def _utc(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def _members(**values: Any) -> str:
    """``"key": value`` pairs exactly as ``json.dumps`` writes them inside an object (to be joined by ", ")."""
    return json.dumps(values)[1:-1]


def window_minutes(windows: list[tuple[int, dt.time, dt.time]]) -> bytes:
    """For each minute of the week (Monday 00:00 first, local time), 1 if it is in one of the windows, else 0.

    What :func:`~app.services.validate.in_windows` says of any moment in that minute (windows start and end on
    whole minutes), read by index instead of tested window by window; no windows: every minute is in.
    """
    week = 7 * 1440
    if not windows:
        return b"\x01" * week
    mask = bytearray(week)
    for weekday, start, end in windows:
        first = weekday * 1440 + start.hour * 60 + start.minute
        last = weekday * 1440 + end.hour * 60 + end.minute
        if end <= start:  # crosses midnight into the next day (Sunday's into Monday's)
            last += 1440
        for minute in range(first, last):
            mask[minute % week] = 1
    return bytes(mask)


class _Stamps:
    """Whole seconds since the epoch as SQLite's stored ``DateTime`` text (what ``UTCDateTime`` would bind)."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._seconds = [f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(86_400)]

    def __call__(self, ts: int) -> str:
        day, second = divmod(ts, 86_400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = _utc(day * 86_400).strftime("%Y-%m-%d")
        return prefix + self._seconds[second]


class DemoRows:
    """Renders a built plan: the world through typed inserts, then the facts and their records as row tuples."""

    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.tz = plan.tz
        self.rng = plan.rng
        self.stamp = _Stamps()
        # Each entity's part of a payload, as JSON text (a million json.dumps calls cost more than the insert):
        # a group's for "not in a window" and "in a window", a contact's per trust, a deal's.
        self.group_json: list[tuple[str, str]] = []
        self.contact_json: list[dict[str, str]] = []
        self.deal_json: list[str] = []
        self.requests_per_day: dict[tuple[int, int], int] = {}
        self.pending_cuts: dict[int, str] = {}  # serial of a help's transaction → id of its cut, written with it
        self.balances = [0] * len(plan.contacts)

    # -- groups, contacts, deals ------------------------------------------------------------------------

    def write_world(self, load: BulkLoad) -> None:
        """The profile (unless there is one), groups, contacts and deals, through typed inserts (a few thousand)."""
        plan = self.plan
        profile = dict(plan.profile, created_at=_utc(plan.profile["created_at"]))
        if load.session.scalar(select(Profile.id).limit(1)) is None:
            load.insert(Profile, [profile])
        groups, windows = [], []
        for g in plan.groups:
            part = _members(group_id=str(g.id), group_vertical=g.vertical, group_platform=g.platform,
                            group_role=g.role, group_request_limit=g.limit)
            self.group_json.append((f'{part}, "in_window": false', f'{part}, "in_window": true'))
            groups.append({
                "id": g.id, "name": g.name, "platform": Platform(g.platform), "vertical": Vertical(g.vertical),
                "my_role": Role(g.role), "rules": g.rules, "daily_request_limit": g.limit, "joined_at": _utc(g.joined),
                "left_at": _utc(g.left) if g.left is not None else None, "archived": False, "notes": "",
                "created_at": _utc(g.created), "updated_at": _utc(g.left if g.left is not None else g.created),
            })
            windows += [
                {"id": uuid.UUID(int=self.rng.getrandbits(128), version=4), "group_id": g.id, "weekday": d,
                 "start": s, "end": end}
                for d, s, end in g.windows
            ]
        contacts, links = [], []
        for c in plan.contacts:
            self.contact_json.append({
                trust: _members(contact_id=str(c.id), contact_trust=trust) for trust in (c.first_trust, c.trust)
            })
            contacts.append({
                "id": c.id, "nickname": c.nickname, "wechat_id": c.wechat_id, "phone": c.phone, "trust": Trust(c.trust),
                "notes": c.notes, "archived": False, "created_at": _utc(c.created),
                "updated_at": _utc(c.changed if c.changed is not None else c.created),
            })
            links += [{"contact_id": c.id, "group_id": plan.groups[g].id} for g in c.groups]
        deals, tiers = [], []
        for d in plan.deals:
            self.deal_json.append(_members(deal_id=str(d.id), deal_kind=d.kind))
            deals.append({
                "id": d.id, "kind": DealKind(d.kind), "title": d.title, "url": d.url, "url_key": d.url_key,
                "url_verdict": d.url_verdict, "url_reasons": d.url_reasons,
                "group_id": plan.groups[d.group].id, "mine": d.mine, "original_fen": d.original,
                "target_fen": d.target, "current_fen": d.current, "participants_needed": d.needed,
                "participants_joined": d.joined, "deadline": _utc(d.deadline), "status": DealStatus(d.status),
                "started_at": _utc(d.started), "closed_at": _utc(d.closed) if d.closed is not None else None,
                "archived": False, "notes": d.notes, "created_at": _utc(d.started), "updated_at": _utc(d.last_change),
            })
            tiers += [
                {"id": uuid.UUID(int=self.rng.getrandbits(128), version=4), "deal_id": d.id,
                 "min_participants": n, "price_fen": price}
                for n, price in d.tiers
            ]
        for model, rows in (
            (Group, groups), (ActivityWindow, windows), (Contact, contacts), (ContactGroup, links),
            (Deal, deals), (PriceTier, tiers),
        ):
            load.insert(model, rows)

    # -- facts ------------------------------------------------------------------------------------------

    def batches(self, size: int) -> Iterator[tuple[int, Batch]]:
        """The events in time order, ``size`` at a time: (events rendered, their rows, parents first)."""
        events = self.plan.events
        events.sort()  # (ts, serial, sub): the order the services would have appended them in
        for start in range(0, len(events), size):
            chunk = events[start : start + size]
            yield len(chunk), self._render(chunk)

    def _render(self, chunk: list[e.Event]) -> Batch:
        plan, tz, stamp, bits = self.plan, self.tz, self.stamp, self.rng.getrandbits

        def new_id() -> str:
            """``uuid4_hex(rng.getrandbits(128))`` in one call (two ids per fact)."""
            return f"{(bits(128) & _V4_KEEP) | _V4_MARK:032x}"

        groups, contacts, deals = plan.groups, plan.contacts, plan.deals
        ghex = [g.id.hex for g in groups]
        chex = [c.id.hex for c in contacts]
        dhex = [d.id.hex for d in deals]
        group_json, contact_json, deal_json = self.group_json, self.contact_json, self.deal_json
        minutes = [window_minutes(g.windows) for g in groups]
        from_ts = dt.datetime.fromtimestamp
        no_group = _members(group_id=None, group_vertical=None, group_platform=None, group_role=None,
                            group_request_limit=None, in_window=None)
        no_contact = _members(contact_id=None, contact_trust=None)
        no_deal = _members(deal_id=None, deal_kind=None)
        activities: list[Row] = []
        helps: list[Row] = []
        requests: list[Row] = []
        cuts: list[Row] = []
        settlements: list[Row] = []
        fact = activities.append

        def payload(ts: int, g: int, c: int, d: int, kind: str = "null", amount: int | None = None,
                    extra: str = "") -> str:
            """``json.dumps(snapshot(...))`` for these entities at ``ts`` (plus ``extra`` members)."""
            if g == e.NO:
                group = no_group
            else:
                local = from_ts(ts, tz)
                group = group_json[g][minutes[g][local.weekday() * 1440 + local.hour * 60 + local.minute]]
            person = no_contact if c == e.NO else contact_json[c][contacts[c].trust_at(ts)]
            deal = no_deal if d == e.NO else deal_json[d]
            money = "null" if amount is None else amount
            return f'{{{group}, {person}, "kind": {kind}, {deal}, "amount_fen": {money}{extra}}}'

        for ts, serial, _sub, code, g, c, d, kind, amount, note, flags in chunk:
            at = stamp(ts)
            if code == e.HELP:
                ident = new_id()
                direction = "received" if flags & e.RECEIVED else "given"
                kind_name = e.HELP_KINDS[kind]
                helps.append((ident, direction, kind_name, chex[c], ghex[g] if g != e.NO else None,
                               dhex[d] if d != e.NO else None, amount, at, note, at))
                if flags & e.LINKED:  # the cut's row waits for its help: the row points at the help
                    cuts.append((self.pending_cuts.pop(serial), dhex[d], ident, chex[c], amount, at))
                self.balances[c] += -1 if flags & e.RECEIVED else 1
                fact((new_id(), f"help.{direction}", FACT, at, at, "help", ident,
                      payload(ts, g, c, d, f'"{kind_name}"', amount), None, None))
            elif code == e.CUT:
                cut = new_id()
                if flags & e.LINKED:
                    self.pending_cuts[serial] = cut
                else:
                    cuts.append((cut, dhex[d], None, chex[c] if c != e.NO else None, amount, at))
                text = payload(ts, deals[d].group, c, d, '"bargain_cut"', amount, f', "cut_id": "{_dashed(cut)}"')
                fact((new_id(), "deal.cut", FACT, at, at, "deal", dhex[d], text, None, None))
            elif code == e.REQUEST:
                ident = new_id()
                requests.append((ident, ghex[g], dhex[d] if d != e.NO else None, at, note, at))
                key = (g, dt.datetime.fromtimestamp(ts, tz).toordinal())
                today = self.requests_per_day[key] = self.requests_per_day.get(key, 0) + 1
                limit = groups[g].limit
                over = "true" if limit is not None and today > limit else "false"
                text = payload(ts, g, e.NO, d, extra=f', "requests_today": {today}, "over_limit": {over}')
                fact((new_id(), "request.posted", FACT, at, at, "request", ident, text, None, None))
            elif code == e.SETTLED:
                ident = new_id()
                how, paid = SETTLEMENT_HOW.get(note, ("even", None))
                settlements.append((ident, chex[c], at, note, how, paid, None))
                text = payload(ts, e.NO, c, e.NO, amount=paid,
                               extra=f', "balance": {self.balances[c]}, "how": "{how}"')
                self.balances[c] = 0
                fact((new_id(), "ledger.settled", FACT, at, at, "settlement", ident, text, None, None))
            elif code in (e.DEAL_OPENED, e.DEAL_CLOSED):
                deal = deals[d]
                if code == e.DEAL_OPENED:
                    type_ = "deal.started" if deal.mine else "deal.joined"
                else:
                    type_ = f"deal.{deal.status}"
                fact((new_id(), type_, FACT, at, at, "deal", dhex[d], payload(ts, deal.group, e.NO, d), None, None))
            elif code == e.GROUP_JOINED:
                text = payload(ts, g, e.NO, e.NO)
                fact((new_id(), "group.joined", FACT, at, stamp(groups[g].created), "group", ghex[g], text, None, None))
            elif code == e.GROUP_EDITED:
                text = json.dumps({"changes": {"left_at": [None, plain(_utc(ts))]}})
                fact((new_id(), "group.edited", CORRECTION, at, at, "group", ghex[g], text, None, None))
            elif code == e.GROUP_LEFT:
                fact((new_id(), "group.left", FACT, at, at, "group", ghex[g], payload(ts, g, e.NO, e.NO), None, None))
            elif code == e.CONTACT_ADDED:
                text = payload(ts, e.NO, c, e.NO)
                fact((new_id(), "contact.added", FACT, at, at, "contact", chex[c], text, None, None))
            elif code == e.CONTACT_EDITED:
                person = contacts[c]
                text = json.dumps({"changes": {"trust": [person.first_trust, person.trust]}})
                fact((new_id(), "contact.edited", CORRECTION, at, at, "contact", chex[c], text, None, None))
            elif code == e.TRUST_CHANGED:
                text = payload(ts, e.NO, c, e.NO, extra=f', "previous_trust": {json.dumps(contacts[c].first_trust)}')
                fact((new_id(), "contact.trust_changed", FACT, at, at, "contact", chex[c], text, None, None))
            else:  # pragma: no cover - the plan only makes the codes above
                raise AssertionError(f"unknown demo event {code}")
        return list(zip(TABLES, (helps, requests, settlements, cuts, activities), strict=True))
