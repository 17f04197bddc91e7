"""Demo data, the facts: how many of each, and every help, cut, request and settlement, drawn from a seed.

The world (groups, contacts, deals) comes from :class:`~app.demo.world.WorldPlan`; this adds the volume:
about 45% helps, 15% requests, the rest deal, contact, group and settlement facts, most of them bargain cuts.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import accumulate

from app.clock import Clock
from app.demo import content as txt
from app.demo.entities import (
    BARGAIN_CUT,
    BOOST_CLICK,
    CUT,
    DAY,
    DEAL_CLOSED,
    HELP,
    HOUR,
    JOIN_GROUP,
    LINKED,
    NO,
    OTHER,
    RECEIVED,
    REQUEST,
    SETTLED,
    SHARE,
    DealPlan,
    sizes,
)
from app.demo.world import WorldPlan

MIN_ACTIVITIES = 100

# Shares of the activities: helps and requests; the rest are deal, contact, group and settlement facts.
HELP_SHARE = 0.45
REQUEST_SHARE = 0.15


class DemoPlan(WorldPlan):
    """Draws the world and the facts for ``activities`` activities before ``clock.now()``."""

    def __init__(self, clock: Clock, activities: int, seed: int) -> None:
        super().__init__(clock, activities, seed)
        self._links_left = 0

    def build(self) -> DemoPlan:
        """The whole plan: the world, then the facts in proportion, adding up to exactly ``activities``."""
        self.build_world(*sizes(self.target))
        settlements = 3 + min(5, self.target // 200_000)
        helps = round(self.target * HELP_SHARE)
        requests = round(self.target * REQUEST_SHARE)
        others_bargains = [d for d in self.deals if d.kind == "bargain" and not d.mine]
        won_bargains = [d for d in self.deals if d.kind == "bargain" and d.mine and d.status == "succeeded"]
        fixed = len(self.events) + len(won_bargains)  # a won bargain closes with its last cut, planned later
        remaining = self.target - fixed - settlements
        cuts = remaining - helps - requests
        short = len(others_bargains) + len(won_bargains) - cuts
        if short > 0:
            fewer_helps = min(helps, math.ceil(short * 0.75))
            fewer_requests = min(requests, short - fewer_helps)
            helps, requests = helps - fewer_helps, requests - fewer_requests
            cuts = remaining - helps - requests
        if remaining < 0 or cuts < len(others_bargains):
            raise ValueError(f"{self.target} activities are too few for a demo world")
        helps += settlements - self._plan_settlements(settlements)
        deal_helps = self._plan_deal_helps(others_bargains, budget=helps // 2)
        deal_helps += self._plan_regulars(budget=helps - deal_helps)
        my_bargains = [d for d in self.deals if d.kind == "bargain" and d.mine]
        my_cuts = cuts - len(others_bargains)
        helps += self._allocate_cuts(my_bargains, my_cuts)
        self._links_left = max(0, min(int(helps * 0.2), helps - deal_helps))
        share = self._links_left / my_cuts if my_cuts > 0 else 0.0
        deal_helps += sum(self._plan_bargain(d, share) for d in my_bargains)
        self._plan_requests(requests)
        self._plan_free_helps(helps - deal_helps)
        return self

    # -- helps on deals, cuts ---------------------------------------------------------------------------

    def _deal_time(self, deal: DealPlan, lo: int | None = None) -> int:
        end = min(deal.end, self.now)
        return self._between(deal.started + 1 if lo is None else lo, end)

    def _plan_deal_helps(self, others_bargains: list[DealPlan], budget: int) -> int:
        """Friends joining my group buys and clicking my boosts; my one help on each friend's deal."""
        rng = self.rng
        helps = 0
        for number, deal in enumerate(self.deals):
            group = self.groups[deal.group]
            if deal.mine and deal.kind in ("group_buy", "boost") and helps < budget:
                logged = deal.joined - 1 if deal.kind == "group_buy" else deal.joined
                logged = max(0, logged - rng.randint(0, max(0, logged) // 3))
                kind = JOIN_GROUP if deal.kind == "group_buy" else BOOST_CLICK
                avoid: set[int] = set()
                for _ in range(min(logged, budget - helps)):
                    ts = self._deal_time(deal)
                    contact = self._member(group, ts, True, avoid)
                    if contact is None:
                        continue
                    avoid.add(contact)
                    self._help(ts, deal.group, contact, number, kind, None, received=True)
                    helps += 1
            elif not deal.mine:
                ts = self._deal_time(deal)
                contact = self._member(group, ts, False) if helps < budget else None
                kind = {"group_buy": JOIN_GROUP, "bargain": BARGAIN_CUT, "boost": BOOST_CLICK}[deal.kind]
                if deal.kind == "bargain":
                    assert deal.original is not None and deal.target is not None and deal.current is not None
                    amount = max(1, min(deal.original - deal.target, int(deal.original * rng.uniform(0.005, 0.05))))
                    deal.current -= amount
                    deal.cuts = 1
                    deal.last_change = max(deal.last_change, ts)
                    serial = self._next_serial()
                    self._event(ts, CUT, serial=serial, deal=number, contact=NO if contact is None else contact,
                                amount=amount, flags=LINKED if contact is not None else 0)
                    if contact is not None:
                        self._help(ts, deal.group, contact, number, kind, amount, received=False, serial=serial)
                        helps += 1
                elif contact is not None:
                    self._help(ts, deal.group, contact, number, kind, None, received=False)
                    helps += 1
        assert sum(d.cuts for d in others_bargains) == len(others_bargains)
        return helps

    def _help(self, ts: int, group: int, contact: int, deal: int, kind: int, amount: int | None, *, received: bool,
              serial: int | None = None, linked: bool = False) -> None:
        rng = self.rng
        notes = txt.HELP_NOTES_RECEIVED if received else txt.HELP_NOTES_GIVEN
        note = rng.choice(notes) if rng.random() < 0.08 else ""
        flags = (RECEIVED if received else 0) | (LINKED if linked or serial is not None else 0)
        self._event(ts, HELP, serial=serial, sub=2, group=group, contact=contact, deal=deal, kind=kind,
                    amount=amount, text=note, flags=flags)

    def _plan_regulars(self, budget: int) -> int:
        """Recent helps that make the "only takes" and "you owe" lists show someone."""
        rng = self.rng
        helps = 0
        for number, contact in enumerate(self.contacts):
            if contact.role == "normal" or helps + 4 > budget:
                continue
            group = next((g for g in contact.groups if self.groups[g].left is None), contact.groups[0])
            received = contact.role == "generous"
            for _ in range(4 if contact.role == "taker" else 3):
                ts = self.now - rng.randint(HOUR, 27 * DAY)
                kind = rng.choice((BOOST_CLICK, BARGAIN_CUT, SHARE))
                amount = rng.randint(5, 300) if kind == BARGAIN_CUT else None
                self._help(ts, group, number, NO, kind, amount, received=received)
                helps += 1
        return helps

    def _allocate_cuts(self, bargains: list[DealPlan], total: int) -> int:
        """Spread ``total`` cuts over my bargains (free-for-cuts ones draw most); returns cuts left over."""
        rng = self.rng
        caps, alloc, weights = [], [], []
        for deal in bargains:
            assert deal.original is not None and deal.target is not None
            room = deal.original - deal.target
            caps.append(room if deal.status == "succeeded" else room - 1)
            alloc.append(1 if deal.status == "succeeded" else 0)
            weights.append(rng.paretovariate(1.1) * (4 if deal.free else 1))
        rest = total - sum(alloc)
        for i in range(len(alloc) - 1, -1, -1):  # too few cuts for every won bargain: some expire instead
            if rest >= 0:
                break
            if alloc[i]:
                alloc[i], rest = 0, rest + 1
        active = [i for i in range(len(alloc)) if alloc[i] < caps[i]]
        while rest > 0 and active:
            whole = sum(weights[i] for i in active)
            given = 0
            for i in active:
                share = min(caps[i] - alloc[i], int(rest * weights[i] / whole))
                alloc[i] += share
                given += share
            rest -= given
            if given == 0:
                for i in sorted(active, key=lambda j: -weights[j]):
                    if rest == 0:
                        break
                    alloc[i] += 1
                    rest -= 1
            active = [i for i in active if alloc[i] < caps[i]]
        for deal, cuts in zip(bargains, alloc, strict=True):
            deal.cuts = cuts
            if cuts == 0 and deal.status == "succeeded":
                deal.status, deal.closed = "expired", deal.deadline
                deal.last_change = deal.deadline
                self._event(deal.deadline, DEAL_CLOSED, deal=deal.number)
        return max(0, rest)

    def _plan_bargain(self, deal: DealPlan, share: float) -> int:
        """My bargain's cuts on a falling curve, big first; ``share`` of them logged as helps from members."""
        rng = self.rng
        m = deal.cuts
        if m == 0:
            return 0
        assert deal.original is not None and deal.target is not None
        room = deal.original - deal.target
        won = deal.status == "succeeded"
        end = min(deal.end, self.now)
        if won:
            total = room
        else:
            fraction = rng.uniform(0.9, 0.999) if deal.free else rng.uniform(0.5, 0.97)
            total = max(m, min(room - 1, int(room * fraction)))
        span = max(1, end - deal.started - 1)
        times = sorted(deal.started + 1 + int(span * rng.random() ** 1.6) for _ in range(m - 1 if won else m))
        if won:
            times.append(end)
        weights = [(i + 1) ** -1.1 * rng.uniform(0.6, 1.4) for i in range(m)]
        whole = sum(weights)
        spare = total - m
        amounts, done, running = [], 0, 0.0
        for w in weights:
            running += w
            upto = int(spare * running / whole)
            amounts.append(1 + upto - done)
            done = upto
        amounts[-1] += spare - done
        deal.current = deal.original - total
        deal.last_change = max(deal.last_change, times[-1])
        number = deal.number
        group = self.groups[deal.group]
        used: set[int] = set()
        helps = 0
        for i, (ts, amount) in enumerate(zip(times, amounts, strict=True)):
            serial = self._next_serial()
            contact = self._member(group, ts, True, used) if self._links_left and rng.random() < share else None
            self._event(ts, CUT, serial=serial, deal=number, contact=NO if contact is None else contact,
                        amount=amount, flags=LINKED if contact is not None else 0)
            if won and i == m - 1:
                self._event(ts, DEAL_CLOSED, serial=serial, sub=1, deal=number)
            if contact is not None:
                used.add(contact)
                self._links_left -= 1
                self._help(ts, deal.group, contact, number, BARGAIN_CUT, amount, received=True, serial=serial)
                helps += 1
        if won:
            deal.closed = times[-1]
        return helps

    # -- requests, free helps, settlements --------------------------------------------------------------

    def _plan_requests(self, count: int) -> None:
        rng = self.rng
        mine = [i for i, d in enumerate(self.deals) if d.mine]
        on_deals = min(count, int(count * 0.35)) if mine else 0
        for number in rng.choices(mine, k=on_deals) if on_deals else []:
            deal = self.deals[number]
            self._event(self._deal_time(deal, deal.started), REQUEST, group=deal.group, deal=number,
                        text=rng.choice(txt.REQUEST_NOTES))
        weights = list(accumulate(g.weight for g in self.groups))
        for number in rng.choices(range(len(self.groups)), cum_weights=weights, k=count - on_deals):
            self._event(self._group_time(self.groups[number]), REQUEST, group=number,
                        text=rng.choice(txt.REQUEST_NOTES) if rng.random() < 0.5 else "")

    def _plan_free_helps(self, count: int) -> None:
        """Everyday helps not tied to a logged deal, in the groups' rhythm."""
        rng = self.rng
        weights = list(accumulate(g.weight for g in self.groups))
        given_kinds = (BARGAIN_CUT, SHARE, BOOST_CLICK, JOIN_GROUP, OTHER)
        received_kinds = (SHARE, BOOST_CLICK, BARGAIN_CUT, OTHER)
        groups = rng.choices(range(len(self.groups)), cum_weights=weights, k=count)
        for number in groups:
            received = rng.random() < 0.28
            for _ in range(200):
                group = self.groups[number]
                ts = self._group_time(group)
                contact = self._member(group, ts, received)
                if contact is not None:
                    break
                number = bisect_right(weights, rng.random() * weights[-1])
            else:  # pragma: no cover - every group has early members who help both ways
                raise RuntimeError("demo plan: no member to help")
            if received:
                kind = rng.choices(received_kinds, (40, 25, 20, 15))[0]
            else:
                kind = rng.choices(given_kinds, (45, 20, 20, 8, 7))[0]
            amount = rng.randint(1, 600) if kind == BARGAIN_CUT else None
            self._help(ts, number, contact, NO, kind, amount, received=received)

    def _plan_settlements(self, count: int) -> int:
        rng = self.rng
        latest = self.now - 30 * DAY
        candidates = [
            i for i, c in enumerate(self.contacts)
            if c.role == "normal" and c.trust != "blocked" and c.created <= latest
        ]
        chosen = rng.sample(candidates, min(count, len(candidates)))
        for number in chosen:
            contact = self.contacts[number]
            ts = self._between(max(contact.created + 14 * DAY, self.now - 120 * DAY), self.now - 2 * DAY)
            self._event(ts, SETTLED, contact=number, text=rng.choice(txt.SETTLEMENT_NOTES))
        return len(chosen)
