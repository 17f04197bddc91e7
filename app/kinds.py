"""The kinds a record can be of: platforms, verticals, roles, trust, deal kinds and states, help kinds, settlements."""

from __future__ import annotations

import enum


class Platform(enum.StrEnum):
    wechat = "wechat"
    qq = "qq"
    dingtalk = "dingtalk"
    other = "other"


class Vertical(enum.StrEnum):
    mother_baby = "mother_baby"
    fresh_food = "fresh_food"
    digital = "digital"
    home = "home"
    beauty = "beauty"
    other = "other"


class Role(enum.StrEnum):
    owner = "owner"
    admin = "admin"
    member = "member"


class Trust(enum.StrEnum):
    trusted = "trusted"
    normal = "normal"
    blocked = "blocked"


class DealKind(enum.StrEnum):
    group_buy = "group_buy"
    bargain = "bargain"
    boost = "boost"


class DealStatus(enum.StrEnum):
    open = "open"
    succeeded = "succeeded"
    failed = "failed"
    expired = "expired"
    cancelled = "cancelled"


class Direction(enum.StrEnum):
    given = "given"
    received = "received"


class SettleHow(enum.StrEnum):
    """How a contact and the user settled up: the first three start the balance again from zero."""

    even = "even"  # "we are even", nothing more said
    favour = "favour"  # a favour returned (outside the app)
    hongbao = "hongbao"  # a red packet (红包), its amount in fen when known
    partial = "partial"  # some helps settled: the balance moves that many towards zero and keeps counting


class HelpKind(enum.StrEnum):
    bargain_cut = "bargain_cut"
    join_group = "join_group"
    boost_click = "boost_click"
    share = "share"
    other = "other"


class ActivityKind(enum.StrEnum):
    """A *fact* the user recorded, a *correction* of one, or a *derived* game event."""

    fact = "fact"
    correction = "correction"
    derived = "derived"
