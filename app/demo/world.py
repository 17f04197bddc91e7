"""Demo data, the world: seeded groups, contacts and deals with their own facts, and when and where things happen.

Times are whole seconds since the epoch (UTC) while planning; :mod:`app.demo.rows` renders the plan into rows.
Every random draw comes from one ``random.Random(seed)`` in a fixed order, so a seed and a clock give one plan.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from app.clock import Clock, zone_name
from app.demo import content as txt
from app.demo.entities import (
    CONTACT_ADDED,
    CONTACT_EDITED,
    DAY,
    DEAL_CLOSED,
    DEAL_OPENED,
    GROUP_EDITED,
    GROUP_JOINED,
    GROUP_LEFT,
    HISTORY_DAYS,
    HOUR,
    NO,
    TRUST_CHANGED,
    ContactPlan,
    DealPlan,
    Event,
    GroupPlan,
    nice_price,
)
from app.privacy.links import clean_link, normalise_url, stored_verdict
from app.services.validate import parse_window


class WorldPlan:
    """Draws the groups, contacts and deals of a demo history of ``activities`` activities before ``clock.now()``."""

    def __init__(self, clock: Clock, activities: int, seed: int) -> None:
        self.tz = clock.tz
        self.target = activities
        self.rng = random.Random(seed)
        self.now = math.floor(clock.now().timestamp())
        self.origin = self.now - HISTORY_DAYS * DAY
        self.groups: list[GroupPlan] = []
        self.contacts: list[ContactPlan] = []
        self.deals: list[DealPlan] = []
        self.events: list[Event] = []
        self.serial = 0
        self.profile: dict[str, Any] = {}
        self._midnights: list[int] = []
        self._first_day = dt.date.min

    # -- helpers ----------------------------------------------------------------------------------------

    def _next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def _event(self, ts: int, code: int, *, sub: int = 0, serial: int | None = None, group: int = NO,
               contact: int = NO, deal: int = NO, kind: int = NO, amount: int | None = None, text: str = "",
               flags: int = 0) -> None:
        number = self._next_serial() if serial is None else serial
        self.events.append((ts, number, sub, code, group, contact, deal, kind, amount, text, flags))

    def _local_ts(self, day: dt.date, moment: dt.time) -> int:
        return math.floor(dt.datetime.combine(day, moment, tzinfo=self.tz).timestamp())

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _between(self, lo: int, hi: int) -> int:
        return lo if hi <= lo else self.rng.randint(lo, hi)

    # -- the world --------------------------------------------------------------------------------------

    def build_world(self, groups: int, contacts: int, deals: int) -> None:
        """The profile, groups, contacts and deals, with their facts."""
        self._calendar()
        self.profile = {
            "id": self._uuid(), "display_name": "小林", "locale": "zh_CN", "created_at": self.origin,
            "secret": f"{self.rng.getrandbits(256):064x}", "timezone": zone_name(self.tz),
        }
        self._plan_groups(groups)
        self._plan_contacts(contacts)
        self._plan_deals(deals)

    def _calendar(self) -> None:
        first = dt.datetime.fromtimestamp(self.origin, self.tz).date() - dt.timedelta(days=2)
        last = dt.datetime.fromtimestamp(self.now, self.tz).date() + dt.timedelta(days=1)
        self._first_day = first
        self._midnights = [
            self._local_ts(first + dt.timedelta(days=i), dt.time()) for i in range((last - first).days + 1)
        ]

    # -- groups -----------------------------------------------------------------------------------------

    def _plan_groups(self, count: int) -> None:
        rng = self.rng
        seeds = list(txt.GROUPS[:4]) + rng.sample(txt.GROUPS[4:], len(txt.GROUPS) - 4)
        for index in range(count):
            seed = seeds[index % len(seeds)]
            name = seed.name
            if index >= len(seeds):
                number = index // len(seeds) + 1
                name = f"{name} #{number}" if seed.english else f"{name.removesuffix('群')}{number}群"
            role = rng.choices(("member", "admin", "owner"), (80, 14, 6))[0]
            if index == 2:
                role = "admin"
            elif index == 9:
                role = "owner"
            limit = None if rng.random() < 0.3 else rng.randint(1, 5)
            specs = rng.choice(txt.WINDOWS)
            windows = sorted({w for spec in specs for w in parse_window(spec)})
            if seed.english:
                rules = rng.choice(txt.RULES_EN).format(limit=limit if limit is not None else txt.UNLIMITED_EN)
            else:
                rules = rng.choice(txt.RULES_ZH).format(limit=limit if limit is not None else txt.UNLIMITED_ZH)
            if index < max(3, count * 3 // 4):
                joined = self.origin - rng.randint(10, 400) * DAY - rng.randint(0, DAY)
                created = self.origin + rng.randint(0, 2 * DAY)
            else:
                joined = created = self.origin + rng.randint(10 * DAY, 150 * DAY)
            group = GroupPlan(
                id=self._uuid(), name=name, platform=seed.platform, vertical=seed.vertical, english=seed.english,
                role=role, rules=rules, limit=limit, windows=windows, joined=joined, created=created, left=None,
                weight=min(12.0, rng.paretovariate(1.3)),
            )
            group.lo = created
            if index == 5 and count >= 7:
                group.left = created + int((self.now - created) * rng.uniform(0.55, 0.8))
            group.hi = group.left if group.left is not None else self.now
            self._slots(group)
            self.groups.append(group)
            number = len(self.groups) - 1
            self._event(joined, GROUP_JOINED, group=number)
            if group.left is not None:
                serial = self._next_serial()
                self._event(group.left, GROUP_EDITED, serial=serial, group=number)
                self._event(group.left, GROUP_LEFT, serial=serial, sub=1, group=number)

    def _slots(self, group: GroupPlan) -> None:
        """The group's activity-window occurrences between ``lo`` and ``hi``, for drawing times in them."""
        total = 0.0
        first = dt.datetime.fromtimestamp(group.lo, self.tz).date() - dt.timedelta(days=1)
        days = (dt.datetime.fromtimestamp(group.hi, self.tz).date() - first).days + 1
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            for weekday, start, end in group.windows:
                if weekday != day.weekday():
                    continue
                begin = self._local_ts(day, start)
                finish = self._local_ts(day + dt.timedelta(days=1) if end <= start else day, end)
                begin, finish = max(begin, group.lo), min(finish, group.hi)
                if finish > begin:
                    total += finish - begin
                    group.slot_start.append(begin)
                    group.slot_cum.append(total)

    def _group_time(self, group: GroupPlan) -> int:
        """A moment in the group: mostly inside its activity windows, else at a waking hour."""
        rng = self.rng
        if group.slot_cum and rng.random() < 0.7:
            r = rng.random() * group.slot_cum[-1]
            i = min(bisect_right(group.slot_cum, r), len(group.slot_cum) - 1)
            before = group.slot_cum[i - 1] if i else 0.0
            return min(group.hi, group.slot_start[i] + int(r - before))
        first = (dt.datetime.fromtimestamp(group.lo, self.tz).date() - self._first_day).days
        last = (dt.datetime.fromtimestamp(group.hi, self.tz).date() - self._first_day).days
        for _ in range(8):
            ts = self._midnights[rng.randint(first, last)] + rng.randint(7 * HOUR + 1800, DAY - 1)
            if group.lo <= ts <= group.hi:
                return ts
        return rng.randint(group.lo, group.hi)

    # -- contacts ---------------------------------------------------------------------------------------

    def _plan_contacts(self, count: int) -> None:
        rng = self.rng
        used: set[str] = set()
        gweights = list(accumulate(g.weight for g in self.groups))
        roles = ["taker"] * 2 + ["generous"] * 3 + ["normal"] * (count - 5)
        for index in range(count):
            role = roles[index] if count >= 12 else "normal"
            trust = "normal"
            if role == "normal":
                trust = rng.choices(("normal", "trusted", "blocked"), (88, 8, 4))[0]
                if index == 6:
                    trust = "blocked"
                elif index == 7:
                    trust = "trusted"
            early = role != "normal" or rng.random() < 0.65
            created = self.origin + (rng.randint(0, 14 * DAY) if early else rng.randint(14 * DAY, 170 * DAY))
            changed = None
            first_trust = trust
            if trust != "normal" and (rng.random() < 0.7 or index in (6, 7)):
                first_trust = "normal"
                changed = self._between(min(created + 20 * DAY, self.now - 3 * DAY), self.now - 3 * DAY)
            picks: list[int] = []
            for _ in range(rng.choices((1, 2, 3), (60, 30, 10))[0]):
                g = bisect_right(gweights, rng.random() * gweights[-1])
                if g not in picks:
                    picks.append(g)
            if role != "normal":
                picks = [g for g in picks if self.groups[g].left is None] or [0]
            english = any(self.groups[g].english for g in picks) and rng.random() < 0.7
            contact = ContactPlan(
                id=self._uuid(), nickname=txt.nickname(rng, used, english),
                wechat_id=txt.wechat_id(rng) if rng.random() < 0.6 else None,
                phone=f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"
                if rng.random() < 0.3 else None,
                trust=trust, first_trust=first_trust, changed=changed, created=created,
                notes=rng.choice(txt.CONTACT_NOTES) if rng.random() < 0.15 else "",
                groups=picks, weight=min(30.0, rng.paretovariate(1.3)) * (2 if trust == "trusted" else 1),
                p_given=rng.uniform(0.35, 0.75), role=role,
            )
            if role == "taker":
                contact.p_given, contact.weight, contact.notes = 1.0, 6.0, txt.TAKER_NOTE
            elif role == "generous":
                contact.p_given, contact.weight = 0.0, 4.0
            elif trust == "blocked":
                contact.notes = txt.BLOCKED_NOTE
            self.contacts.append(contact)
            number = len(self.contacts) - 1
            self._event(created, CONTACT_ADDED, contact=number)
            if changed is not None:
                serial = self._next_serial()
                self._event(changed, CONTACT_EDITED, serial=serial, contact=number)
                self._event(changed, TRUST_CHANGED, serial=serial, sub=1, contact=number)
        self._fill_groups()

    def _fill_groups(self) -> None:
        """Every group gets at least three members; then the arrays that pick a member at a moment."""
        rng = self.rng
        for number, group in enumerate(self.groups):
            members = [i for i, c in enumerate(self.contacts) if number in c.groups]
            while len(members) < 3:
                extra = rng.randrange(len(self.contacts))
                if extra not in members:
                    members.append(extra)
                    self.contacts[extra].groups.append(number)
            members.sort(key=lambda i: (self.contacts[i].created, i))
            group.members = members
            group.member_created = [self.contacts[i].created for i in members]
            group.cum_give = list(accumulate(self.contacts[i].weight * self.contacts[i].p_given for i in members))
            group.cum_recv = list(
                accumulate(self.contacts[i].weight * (1 - self.contacts[i].p_given) for i in members)
            )

    def _member(self, group: GroupPlan, ts: int, received: bool, avoid: set[int] | None = None) -> int | None:
        """A member of the group, known by ``ts`` and not blocked then, drawn by how much they help that way."""
        rng = self.rng
        known = bisect_right(group.member_created, ts)
        cum = group.cum_recv if received else group.cum_give
        if known == 0 or cum[known - 1] <= 0:
            return None
        for _ in range(6):
            i = min(bisect_right(cum, rng.random() * cum[known - 1], 0, known), known - 1)
            contact = group.members[i]
            blocked = self.contacts[contact].blocked_from()
            if (blocked is None or ts < blocked) and (avoid is None or contact not in avoid):
                return contact
        return None

    # -- deals ------------------------------------------------------------------------------------------

    def _plan_deals(self, count: int) -> None:
        rng = self.rng
        usable = [i for i, g in enumerate(self.groups) if g.hi - g.lo > 3 * DAY]
        weights = list(accumulate(self.groups[i].weight for i in usable))
        goods: set[int] = set()
        for _ in range(count):
            number = usable[bisect_right(weights, rng.random() * weights[-1])]
            group = self.groups[number]
            kind = rng.choices(("group_buy", "bargain", "boost"), (45, 40, 15))[0]
            mine = rng.random() < 0.55
            vertical = group.vertical if rng.random() < 0.85 else rng.choice(tuple(txt.PRODUCTS))
            product = rng.choice(txt.PRODUCTS[vertical])
            duration = {
                "group_buy": rng.choices((DAY, 2 * DAY, 7 * DAY), (60, 25, 15))[0],
                "bargain": rng.choice((DAY, 2 * DAY, 3 * DAY)),
                "boost": rng.choice((12 * HOUR, DAY)),
            }[kind]
            if group.left is None and rng.random() < 0.15:
                started = self.now - rng.randint(HOUR, 3 * DAY)
            else:
                started = self._group_time(group)
                if started > group.hi - duration:
                    started = self._between(group.lo, group.hi - duration)
            started = max(started, group.lo)
            deal = self._deal(kind, mine, number, product, started, started + duration, goods)
            deal.number = len(self.deals)
            self.deals.append(deal)
            self._event(deal.started, DEAL_OPENED, deal=deal.number)
            if deal.closed is not None and not (deal.kind == "bargain" and deal.mine and deal.status == "succeeded"):
                self._event(deal.closed, DEAL_CLOSED, deal=deal.number)

    def _deal(self, kind: str, mine: bool, group: int, product: txt.Product, started: int, deadline: int,
              goods: set[int]) -> DealPlan:
        rng = self.rng
        english = self.groups[group].english
        name = product.en if english else product.zh
        price = nice_price(product.price_fen * rng.uniform(0.85, 1.15))
        past = deadline <= self.now
        deal = DealPlan(
            id=self._uuid(), kind=kind, title=name, url=None, url_key=None, group=group, mine=mine,
            original=None, target=None, current=None, needed=None, joined=0, deadline=deadline, status="open",
            started=started, closed=None, notes=rng.choice(txt.DEAL_NOTES) if rng.random() < 0.1 else "", tiers=[],
        )
        if kind == "group_buy":
            levels = rng.choice(((2, 3, 5), (2, 3), (3, 5, 10), (2, 4)))
            factors = (0.8, 0.68, 0.58)
            tiers: list[tuple[int, int]] = []
            for level, factor in zip(levels, factors, strict=False):
                tier_price = nice_price(price * factor)
                if tiers and tier_price >= tiers[-1][1]:
                    tier_price = max(0, tiers[-1][1] - 100)
                tiers.append((level, tier_price))
            deal.tiers, deal.original = tiers, price
            deal.needed = rng.choice(levels[:2])
            deal.title = f"{name} ({deal.needed}-person group)" if english else f"{name}（{deal.needed}人团）"
            outcome = rng.choices(("succeeded", "expired", "failed"), (65, 25, 10))[0] if past else (
                "succeeded" if rng.random() < 0.4 else "open"
            )
            deal.joined = deal.needed if outcome == "succeeded" else rng.randint(1, deal.needed - 1)
        elif kind == "bargain":
            deal.free = rng.random() < 0.55
            deal.original = price
            deal.target = 0 if deal.free else nice_price(price * 0.5)
            prefix = (txt.FREE_PREFIX_EN if deal.free else txt.HALF_PREFIX_EN) if english else (
                txt.FREE_PREFIX_ZH if deal.free else txt.HALF_PREFIX_ZH
            )
            deal.title = prefix + name
            deal.current = price
            if not past:
                outcome = "open"
            elif mine:
                outcome = rng.choices(("succeeded", "expired", "failed"), (40, 50, 10))[0]
            else:  # a friend's bargain: only my cut is known, so it never shows as won here
                outcome = rng.choices(("expired", "failed"), (75, 25))[0]
        else:
            tasks = txt.BOOST_TASKS_EN if english else txt.BOOST_TASKS_ZH
            deal.title = rng.choice(tasks).format(product=name)
            deal.needed = rng.randint(3, 20)
            outcome = rng.choices(("succeeded", "expired"), (75, 25))[0] if past else (
                "succeeded" if rng.random() < 0.3 else "open"
            )
            deal.joined = deal.needed if outcome == "succeeded" else rng.randint(0, deal.needed - 1)
        deal.status = outcome
        if outcome == "succeeded":
            span = min(deadline, self.now) - started
            deal.closed = started + int(span * rng.uniform(0.3, 0.95)) + 1
        elif outcome == "expired":
            deal.closed = deadline
        elif outcome == "failed":
            deal.closed = started + int((deadline - started) * rng.uniform(0.4, 0.95)) + 1
        if kind != "boost" or rng.random() < 0.5:
            deal.url = clean_link(self._link(goods))  # stored as the app stores a link: without tracking
            deal.url_key = normalise_url(deal.url)
            deal.url_verdict, deal.url_reasons = stored_verdict(deal.url)
        deal.last_change = deal.closed if deal.closed is not None else started
        return deal

    def _link(self, goods: set[int]) -> str:
        rng = self.rng
        while True:
            number = rng.randrange(10**9, 10**12)
            if number not in goods:
                goods.add(number)
                break
        return rng.choice(txt.SHOP_LINKS).format(id=number, share=f"{rng.getrandbits(40):010x}")
