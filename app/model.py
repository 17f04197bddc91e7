"""The schema: SQLAlchemy ORM entities, the one place it is written.

Ids are UUIDs (data from two machines can merge), money is integer fen, times are UTC. Every change to this
file ships with a new Alembic revision in ``app/migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The kinds need no database: they have their own module, and are named here for the tables and older imports.
from app.kinds import ActivityKind as ActivityKind
from app.kinds import DealKind as DealKind
from app.kinds import DealStatus as DealStatus
from app.kinds import Direction as Direction
from app.kinds import HelpKind as HelpKind
from app.kinds import Platform as Platform
from app.kinds import Role as Role
from app.kinds import SettleHow as SettleHow
from app.kinds import Trust as Trust
from app.kinds import Vertical as Vertical
from app.limits import NAME_MAX, URL_MAX
from app.model_types import UTC as UTC
from app.model_types import Base as Base
from app.model_types import UTCDateTime as UTCDateTime
from app.model_types import enum_column
from app.model_types import new_id as new_id


class Profile(Base):
    """The one user of this data folder."""

    __tablename__ = "profile"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    display_name: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    locale: Mapped[str] = mapped_column(String(16), default="en")
    created_at: Mapped[dt.datetime]
    # Random key for pseudonymising contacts in shared exports; never leaves the machine.
    secret: Mapped[str] = mapped_column(String(64))
    # The IANA zone the user lives in (e.g. "Asia/Shanghai"): days, weeks, streaks and the game follow it, not
    # the zone of whichever process opens the data. Set at creation from the machine; changed in Settings.
    timezone: Mapped[str] = mapped_column(String(64))
    # Missed days a week a streak bridges (0 to 3; humane streaks, docs/quests.md), set in Settings; None: the
    # built-in content's default (content/rules.toml).
    rest_days: Mapped[int | None] = mapped_column(Integer)
    # The user's picture (an :class:`Image`, cleaned of every metadata when it was brought in).
    avatar_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))


class Image(Base):
    """A picture the user brought in (an avatar, a deal's screenshot): decoded, re-encoded from its pixels only.

    No EXIF, GPS, XMP, comment or text chunk survives the import (``app/images.py``); ``data`` is the clean file.
    """

    __tablename__ = "image"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    mime: Mapped[str] = mapped_column(String(20))  # image/png, image/jpeg or image/webp
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime]

    __table_args__ = (CheckConstraint("width > 0 AND height > 0", name="size"),)


class Group(Base):
    """A community (社群) the user belongs to."""

    __tablename__ = "group"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    platform: Mapped[Platform] = mapped_column(enum_column(Platform, "platform"), default=Platform.wechat)
    vertical: Mapped[Vertical] = mapped_column(enum_column(Vertical, "vertical"), default=Vertical.other)
    my_role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.member)
    rules: Mapped[str] = mapped_column(Text, default="")
    daily_request_limit: Mapped[int | None] = mapped_column(Integer)
    joined_at: Mapped[dt.datetime | None]
    left_at: Mapped[dt.datetime | None]
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    windows: Mapped[list[ActivityWindow]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="ActivityWindow.weekday"
    )

    __table_args__ = (CheckConstraint("daily_request_limit IS NULL OR daily_request_limit >= 0", name="limit"),)


class ActivityWindow(Base):
    """One weekly slot in which a group is active (活动时段); end before start crosses midnight."""

    __tablename__ = "activity_window"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday … 6 = Sunday, in local time
    start: Mapped[dt.time] = mapped_column(Time)
    end: Mapped[dt.time] = mapped_column(Time)

    group: Mapped[Group] = relationship(back_populates="windows")

    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),)


class ContactGroup(Base):
    """Which groups a contact is met in."""

    __tablename__ = "contact_group"

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("group.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Contact(Base):
    """Another member (群友)."""

    __tablename__ = "contact"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    nickname: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    wechat_id: Mapped[str | None] = mapped_column(String(NAME_MAX))
    phone: Mapped[str | None] = mapped_column(String(40))
    trust: Mapped[Trust] = mapped_column(enum_column(Trust, "trust"), default=Trust.normal)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    groups: Mapped[list[Group]] = relationship(secondary="contact_group", order_by="Group.name")


class Deal(Base):
    """Something to buy cheaper together: a group buy (拼团), a bargain (砍价) or a boost (助力)."""

    __tablename__ = "deal"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[DealKind] = mapped_column(enum_column(DealKind, "deal_kind"))
    title: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    url: Mapped[str | None] = mapped_column(String(URL_MAX))
    # The link after normalisation (tracking parameters dropped…), to find the same product logged twice.
    url_key: Mapped[str | None] = mapped_column(String(URL_MAX), index=True)
    # The offline link check's verdict ("ok", "warn", "danger") and its reason codes, kept with the link.
    url_verdict: Mapped[str | None] = mapped_column(String(8))
    url_reasons: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # An optional screenshot of the deal (an :class:`Image`).
    image_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    mine: Mapped[bool] = mapped_column(Boolean, default=False)
    original_fen: Mapped[int | None] = mapped_column(Integer)
    target_fen: Mapped[int | None] = mapped_column(Integer)
    current_fen: Mapped[int | None] = mapped_column(Integer)
    participants_needed: Mapped[int | None] = mapped_column(Integer)
    participants_joined: Mapped[int] = mapped_column(Integer, default=0)
    deadline: Mapped[dt.datetime | None] = mapped_column(index=True)
    status: Mapped[DealStatus] = mapped_column(enum_column(DealStatus, "deal_status"), default=DealStatus.open)
    started_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None]
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    tiers: Mapped[list[PriceTier]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="PriceTier.min_participants"
    )
    cuts: Mapped[list[BargainCut]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="BargainCut.at"
    )

    __table_args__ = (
        CheckConstraint("original_fen IS NULL OR original_fen >= 0", name="original"),
        CheckConstraint("target_fen IS NULL OR target_fen >= 0", name="target"),
        CheckConstraint("current_fen IS NULL OR current_fen >= 0", name="current"),
        CheckConstraint("participants_joined >= 0", name="joined"),
        Index("ix_deal_status_deadline", "status", "deadline"),
    )


class PriceTier(Base):
    """A group-buy price that applies from a number of participants on."""

    __tablename__ = "price_tier"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    min_participants: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(Integer)

    deal: Mapped[Deal] = relationship(back_populates="tiers")

    __table_args__ = (
        CheckConstraint("min_participants >= 1", name="participants"),
        CheckConstraint("price_fen >= 0", name="price"),
    )


class BargainCut(Base):
    """One cut of a bargain's price (砍一刀), by a helper, maybe logged as a help exchange."""

    __tablename__ = "bargain_cut"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    help_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("help_exchange.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    amount_fen: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime]

    deal: Mapped[Deal] = relationship(back_populates="cuts")

    __table_args__ = (
        CheckConstraint("amount_fen >= 0", name="amount"),
        # A deal's cuts, and its count of cuts and helpers read from the index alone (the Deals page).
        Index("ix_bargain_cut_deal_contact", "deal_id", "contact_id"),
    )


class HelpRequest(Base):
    """The user asked a group for help (maybe for a deal): what a group's daily request limit counts."""

    __tablename__ = "help_request"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group.id"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deal.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class HelpExchange(Base):
    """One act of help (互助), given or received."""

    __tablename__ = "help_exchange"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, "direction"))
    kind: Mapped[HelpKind] = mapped_column(enum_column(HelpKind, "help_kind"))
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deal.id"), index=True)
    amount_fen: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]

    __table_args__ = (
        CheckConstraint("amount_fen IS NULL OR amount_fen >= 0", name="amount"),
        Index("ix_help_exchange_contact_at", "contact_id", "at"),
        Index("ix_help_exchange_direction_at", "direction", "at"),  # today's helps, the streak
        Index("ix_help_exchange_contact_direction_at", "contact_id", "direction", "at"),  # "only takes"
    )


class LedgerSettlement(Base):
    """Settling up with a contact, and how (``how``): "we are even", a favour returned or a red packet (红包) start
    their balance again from here; a partial settlement moves it ``helps`` towards zero and the count goes on."""

    __tablename__ = "ledger_settlement"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    how: Mapped[SettleHow] = mapped_column(enum_column(SettleHow, "settle_how"), default=SettleHow.even,
                                           server_default=SettleHow.even.value)
    amount_fen: Mapped[int | None] = mapped_column(Integer)  # a red packet's amount, or what went with a favour
    # Partial only: the helps settled, signed like the balance (positive: the contact owed the user); the balance
    # after it is the balance before minus this.
    helps: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_ledger_settlement_contact_at", "contact_id", "at"),
        CheckConstraint("amount_fen IS NULL OR amount_fen >= 0", name="amount"),
        CheckConstraint("(how = 'partial') = (helps IS NOT NULL AND helps != 0)", name="partial"),
    )


class LedgerBalance(Base):
    """A contact's helps in one group (or in none) since their last settlement, kept by the writes that change them.

    Derived from help_exchange and ledger_settlement (:mod:`app.services.balances` keeps it, in the same
    transaction): the ledger reads it instead of adding up every help. Only rows with a help in them are kept.
    """

    __tablename__ = "ledger_balance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    given_count: Mapped[int] = mapped_column(Integer, default=0)
    received_count: Mapped[int] = mapped_column(Integer, default=0)
    given_fen: Mapped[int] = mapped_column(Integer, default=0)
    received_fen: Mapped[int] = mapped_column(Integer, default=0)

    # Unique for a group; for "no group" (NULL, which SQLite never finds equal) the keeper looks before it adds.
    __table_args__ = (Index("ux_ledger_balance_contact_group", "contact_id", "group_id", unique=True),)


class Activity(Base):
    """One entry of the history log (动态): a fact, a correction of one, or a derived game event.

    Facts are never rewritten: a correction appends a new entry and sets ``superseded_by`` on the fact it
    replaces. ``payload`` snapshots, at that moment, the fields rules filter on (docs/activities.md).
    """

    __tablename__ = "activity"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(unique=True, default=new_id)
    type: Mapped[str] = mapped_column(String(40))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind, "activity_kind"))
    at: Mapped[dt.datetime]  # when it happened
    recorded_at: Mapped[dt.datetime]  # when it was written
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[uuid.UUID]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    corrects: Mapped[uuid.UUID | None]  # on a correction: the fact it corrects
    superseded_by: Mapped[uuid.UUID | None]  # on a fact: the entry that replaced it

    __table_args__ = (
        Index("ix_activity_type_at", "type", "at"),
        Index("ix_activity_at", "at"),
        Index("ix_activity_entity", "entity_id"),
        # The game's derived events, few among a million facts: counted and cleared without a scan. Partial, so
        # that queries about facts never mistake it for a narrow one (SQLite has no statistics to tell).
        Index("ix_activity_derived", "kind", sqlite_where=text("kind = 'derived'")),
    )


class GameState(Base):
    """One piece of the game's derived state (quest progress, achievement counters…), rebuilt by a recompute."""

    __tablename__ = "game_state"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class GameCheckpoint(Base):
    """A place in the facts' recording order the game can go back to: the state after every fact up to
    ``fact_seq``, the derived events and points entries up to ``derived_seq`` and ``points_seq`` (docs/quests.md)."""

    __tablename__ = "game_checkpoint"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fact_seq: Mapped[int] = mapped_column(Integer)
    derived_seq: Mapped[int] = mapped_column(Integer)
    points_seq: Mapped[int] = mapped_column(Integer)
    since: Mapped[int] = mapped_column(Integer, default=0)  # facts applied after it (kept on the newest only)
    applied_seq: Mapped[int] = mapped_column(Integer)  # the newest fact applied (on the newest; later ones wait)


class GameUndo(Base):
    """The step that takes one state key back to its value at checkpoint ``n`` (``app/quests/undo.py``)."""

    __tablename__ = "game_undo"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    step: Mapped[Any] = mapped_column(JSON)


class PointsEntry(Base):
    """One line of the points ledger (积分): how many points, why, and from which activity or rule."""

    __tablename__ = "points_entry"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    points: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(200))
    activity_id: Mapped[uuid.UUID | None]  # the fact that earned it


ENTITIES: dict[str, type[Base]] = {
    "group": Group,
    "contact": Contact,
    "deal": Deal,
    "request": HelpRequest,
    "help": HelpExchange,
    "settlement": LedgerSettlement,
}

# The privacy tables (share presets, the export audit) live in their own module; they are part of the schema.
from app.model_privacy import ExportAudit as ExportAudit  # noqa: E402
from app.model_privacy import SharePreset as SharePreset  # noqa: E402
