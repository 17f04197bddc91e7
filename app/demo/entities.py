"""Demo data, the things planned: event codes, the planned groups, contacts and deals, and the world's size.

An event is a plain tuple (a million of them are sorted), its fourth field one of the codes below; times are whole
seconds since the epoch (UTC).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass, field

DAY = 86_400
HOUR = 3_600
HISTORY_DAYS = 183

# Event codes (the fourth field of an event).
GROUP_JOINED, GROUP_EDITED, GROUP_LEFT = 0, 1, 2
CONTACT_ADDED, CONTACT_EDITED, TRUST_CHANGED = 3, 4, 5
DEAL_OPENED, DEAL_CLOSED, CUT, HELP, REQUEST, SETTLED = 6, 7, 8, 9, 10, 11

# Event flags: a help was received (else given); a help and a cut belong together.
RECEIVED, LINKED = 1, 2

HELP_KINDS = ("bargain_cut", "join_group", "boost_click", "share", "other")
BARGAIN_CUT, JOIN_GROUP, BOOST_CLICK, SHARE, OTHER = range(5)
NO = -1  # no group / contact / deal

# (ts, serial, sub, code, group, contact, deal, kind, amount, text, flags); (ts, serial, sub) is unique, so
# sorting events orders them as the services would have appended them.
Event = tuple[int, int, int, int, int, int, int, int, "int | None", str, int]


@dataclass(slots=True)
class GroupPlan:
    """A community: its row, when things can happen in it, and who can be met there."""

    id: uuid.UUID
    name: str
    platform: str
    vertical: str
    english: bool
    role: str
    rules: str
    limit: int | None
    windows: list[tuple[int, dt.time, dt.time]]
    joined: int
    created: int
    left: int | None
    weight: float
    lo: int = 0
    hi: int = 0
    slot_start: list[int] = field(default_factory=list)
    slot_cum: list[float] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    member_created: list[int] = field(default_factory=list)
    cum_give: list[float] = field(default_factory=list)
    cum_recv: list[float] = field(default_factory=list)


@dataclass(slots=True)
class ContactPlan:
    """A member: the row, a trust that may change once, groups, and how much and which way they help."""

    id: uuid.UUID
    nickname: str
    wechat_id: str | None
    phone: str | None
    trust: str
    first_trust: str
    changed: int | None
    created: int
    notes: str
    groups: list[int]
    weight: float
    p_given: float
    role: str = "normal"  # "taker" (only takes) or "generous" (you owe them)

    def trust_at(self, ts: int) -> str:
        return self.first_trust if self.changed is None or ts < self.changed else self.trust

    def blocked_from(self) -> int | None:
        if self.trust != "blocked":
            return None
        return self.changed if self.changed is not None else self.created


@dataclass(slots=True)
class DealPlan:
    """A deal and its outcome; ``cuts`` is how many price cuts it will get."""

    id: uuid.UUID
    kind: str
    title: str
    url: str | None
    url_key: str | None
    group: int
    mine: bool
    original: int | None
    target: int | None
    current: int | None
    needed: int | None
    joined: int
    deadline: int
    status: str
    started: int
    closed: int | None
    notes: str
    tiers: list[tuple[int, int]]
    free: bool = False
    cuts: int = 0
    last_change: int = 0
    number: int = 0
    url_verdict: str | None = None  # the link's offline check (app.privacy.links.judge), as the app stores it
    url_reasons: list[str] | None = None

    @property
    def end(self) -> int:
        return self.closed if self.closed is not None else self.deadline


def nice_price(fen: float) -> int:
    """A shop-like price in fen: whole yuan minus ten fen (¥39.9)."""
    return max(1, round(fen / 100)) * 100 - 10


def sizes(activities: int) -> tuple[int, int, int]:
    """Groups, contacts and deals for a history of this many activities (sublinear: volume is helps)."""
    root = math.isqrt(activities)
    groups = min(40, 6 + root // 29)
    contacts = max(12, min(30 + 2 * root, activities // 12))
    deals = max(6, min(8 + 2 * root, activities // 15))
    return groups, contacts, deals
