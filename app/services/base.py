"""What every service shares: the write transaction, activity appending, payload snapshots and look-ups."""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock, ZonedClock, find_zone
from app.errors import Ambiguous, InvalidInput, NotFound
from app.i18n import translate
from app.limits import INPUT_SLACK, NAME_MAX
from app.model import (
    Activity,
    ActivityKind,
    Base,
    Contact,
    Deal,
    Group,
    HelpRequest,
    Profile,
)
from app.services.changes import Changes
from app.services.validate import in_windows
from app.store import Store
from app.text import fold, has_surrogate, nfc, shown

T = TypeVar("T", bound=Base)


class GameHook(Protocol):
    """The game, as the services see it: it runs inside each write transaction."""

    def after(self, tx: Tx) -> None: ...

# The payload keys every fact carries (null where they do not apply); docs/activities.md lists them.
SNAPSHOT_KEYS = (
    "group_id",
    "group_vertical",
    "group_platform",
    "group_role",
    "group_request_limit",
    "in_window",
    "contact_id",
    "contact_trust",
    "kind",
    "deal_id",
    "deal_kind",
    "amount_fen",
)


@dataclass
class GameNews:
    """What the game says of a write. It runs as the transaction ends, after the write made its result."""

    catching_up: bool = False  # the game went back and left the facts after it to GameService.catch_up
    held_back: tuple[str, ...] = ()  # fair-play rules that held this write's facts back (app/quests/fairplay.WHY)
    # What a correction took back and the replay did not earn again: quest steps, quests, badges, levels, in the
    # shape of ``OpResult.game`` (the events' type and payload).
    lost: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class OpResult:
    """What one service call changed: the UI refreshes from this, never by polling."""

    entity_type: str
    entity_id: uuid.UUID | None
    changed: dict[str, tuple[uuid.UUID, ...]]
    activities: tuple[uuid.UUID, ...]
    record: dict[str, Any] | None = None
    game: list[dict[str, Any]] = field(default_factory=list)  # quest steps, chains, badges, levels it earned
    news: GameNews = field(default_factory=lambda: GameNews())  # filled by the game as the transaction ends
    changes: Changes = field(default_factory=Changes)  # the game adds its part as the transaction ends

    @classmethod
    def of(cls, entity_type: str, changes: Changes, record: dict[str, Any] | None = None) -> OpResult:
        """The result of a write that is no transaction of its own (a backup, a restore, a recompute)."""
        return cls(entity_type=entity_type, entity_id=None, changed={}, activities=(), record=record, changes=changes)

    @property
    def catching_up(self) -> bool:
        """The game left facts to GameService.catch_up (a correction far back)."""
        return self.news.catching_up

    @property
    def areas(self) -> frozenset[str]:
        """What changed, by area (``app/services/changes.py``, docs/changes.md); empty when nothing did."""
        return self.changes.areas


@dataclass
class Tx:
    """One write transaction of a service call; collects what it touched and appended."""

    session: Session
    clock: Clock
    now: dt.datetime
    activities: list[uuid.UUID] = field(default_factory=list)
    changed: dict[str, set[uuid.UUID]] = field(default_factory=dict)
    facts: list[Activity] = field(default_factory=list)  # new facts, in recording order, for the game
    superseded: list[Activity] = field(default_factory=list)  # facts replaced: the game goes back before them
    game: list[dict[str, Any]] = field(default_factory=list)  # what the game derived (quests, badges, levels)
    news: GameNews = field(default_factory=lambda: GameNews())  # what the game says of this write, once it ran
    changes: Changes = field(default_factory=Changes)  # the areas: from the touches, and the game's as it ends
    # Rows the write looked up and uses again later: the session's identity map holds its rows weakly, so a row
    # nothing refers to is loaded again by the next ``session.get`` (a help's contact and group: two queries).
    held: list[Any] = field(default_factory=list)
    # An Undo: every correction of this write says so (``payload.undo``), and History leaves the record out.
    undo: bool = False

    def touch(self, entity_type: str, entity_id: uuid.UUID) -> None:
        """Mark a row of ``entity_type`` as written: every path that writes one touches it (its area follows)."""
        self.changed.setdefault(entity_type, set()).add(entity_id)
        self.changes.touch(entity_type)

    def append(
        self,
        type_: str,
        entity_type: str,
        entity_id: uuid.UUID,
        payload: dict[str, Any],
        *,
        at: dt.datetime | None = None,
        kind: ActivityKind = ActivityKind.fact,
        corrects: uuid.UUID | None = None,
    ) -> Activity:
        activity = Activity(
            id=uuid.uuid4(),
            type=type_,
            kind=kind,
            at=at or self.now,
            recorded_at=self.now,
            entity_type=entity_type,
            entity_id=entity_id,
            payload=payload,
            corrects=corrects,
        )
        self.session.add(activity)
        self.activities.append(activity.id)
        if kind == ActivityKind.fact:
            self.facts.append(activity)
        self.touch("activity", activity.id)
        return activity

    def correct(
        self,
        type_: str,
        entity_type: str,
        entity_id: uuid.UUID,
        payload: dict[str, Any],
        *,
        replaces: Sequence[Activity] = (),
    ) -> Activity:
        """Append a correction; the facts it ``replaces`` are marked superseded by it."""
        correction = self.append(
            type_,
            entity_type,
            entity_id,
            {**payload, "undo": True} if self.undo else payload,
            kind=ActivityKind.correction,
            corrects=replaces[0].id if replaces else None,
        )
        for fact in replaces:
            fact.superseded_by = correction.id
        self.superseded.extend(replaces)
        return correction

    def replace(self, old: Activity, type_: str, payload: dict[str, Any], at: dt.datetime) -> Activity:
        """Append a new version of a fact and mark the old one superseded by it."""
        new = self.append(type_, old.entity_type, old.entity_id, payload, at=at)
        old.superseded_by = new.id
        self.superseded.append(old)
        return new

    def remove(self, obj: Any, entity_type: str, payload: dict[str, Any], also: Sequence[Activity] = ()) -> OpResult:
        """Delete a record: a ``<entity>.deleted`` correction supersedes all of its current facts (and ``also``)."""
        self.correct(
            f"{entity_type}.deleted", entity_type, obj.id, payload,
            replaces=[*current_facts(self.session, obj.id), *also],
        )
        self.session.delete(obj)
        self.touch(entity_type, obj.id)
        return self.result(entity_type, obj.id, None)

    def result(self, entity_type: str, entity_id: uuid.UUID | None, record: dict[str, Any] | None) -> OpResult:
        return OpResult(
            entity_type=entity_type,
            entity_id=entity_id,
            changed={k: tuple(sorted(v, key=str)) for k, v in self.changed.items()},
            activities=tuple(self.activities),
            record=record,
            game=self.game,
            news=self.news,
            changes=self.changes,
        )


class Service:
    """Base of the services: holds the store and the clock, opens one transaction per call."""

    def __init__(self, store: Store, clock: Clock, game: GameHook | None = None) -> None:
        self.store = store
        self.clock = clock
        self.game = game

    @contextlib.contextmanager
    def tx(self) -> Iterator[Tx]:
        """One write transaction; the game runs on its facts before it commits."""
        with self.store.write() as session:
            if isinstance(self.clock, ZonedClock):
                # Another program may have changed the zone since this one looked; with the write lock held, the
                # stored zone is the one in force for this write's days, budgets and game.
                self.clock.zone = profile_zone(session) or self.clock.zone
            tx = Tx(session=session, clock=self.clock, now=self.clock.now())
            yield tx
            if self.game is not None:
                self.game.after(tx)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.clock.tz)


def profile_zone(session: Session) -> dt.tzinfo | None:
    """The profile's time zone; None before the profile exists (or when its name is unknown on this machine)."""
    name = session.scalar(select(Profile.timezone).order_by(Profile.created_at).limit(1))
    return find_zone(name) if name else None


def profile_name(session: Session) -> str:
    """The name the user gave (first run, ``profile --name``); empty before the profile exists or without one."""
    return str(session.scalar(select(Profile.display_name).order_by(Profile.created_at).limit(1)) or "")


def profile_rest_days(session: Session) -> int | None:
    """The profile's rest days a week for streaks; None before the profile exists (the content's default)."""
    value = session.scalar(select(Profile.rest_days).order_by(Profile.created_at).limit(1))
    return int(value) if value is not None else None


def current_facts(session: Session, entity_id: uuid.UUID, types: Sequence[str] | None = None) -> list[Activity]:
    """The facts about one entity that no correction has replaced, oldest first."""
    query = select(Activity).where(
        Activity.entity_id == entity_id,
        Activity.kind == ActivityKind.fact,
        Activity.superseded_by.is_(None),
    )
    if types is not None:
        query = query.where(Activity.type.in_(types))
    return list(session.scalars(query.order_by(Activity.seq)))


def references(session: Session, models: Sequence[Any], column: str, ident: uuid.UUID) -> int:
    """How many rows of ``models`` point at ``ident`` through their ``column``."""
    return sum(
        int(session.scalar(select(func.count()).select_from(m).where(getattr(m, column) == ident)) or 0)
        for m in models
    )


def group_windows(group: Group) -> list[tuple[int, dt.time, dt.time]]:
    return [(w.weekday, w.start, w.end) for w in group.windows]


def snapshot(
    *,
    tz: dt.tzinfo,
    at: dt.datetime,
    group: Group | None = None,
    contact: Contact | None = None,
    deal: Deal | None = None,
    kind: str | None = None,
    amount_fen: int | None = None,
    logged: dt.datetime | None = None,
) -> dict[str, Any]:
    """The fields rules filter on, as they are at this moment (a later edit never changes them). ``logged``: when
    the record was first logged; an entry dated well before it, or before its contact or group was added, is
    marked ``late`` (it counts in the ledger and the history, not for daily quests or streaks: docs/quests.md)."""
    payload = {
        "group_id": str(group.id) if group else None,
        "group_vertical": group.vertical.value if group else None,
        "group_platform": group.platform.value if group else None,
        "group_role": group.my_role.value if group else None,
        "group_request_limit": group.daily_request_limit if group else None,
        "in_window": in_windows(group_windows(group), at.astimezone(tz)) if group else None,
        "contact_id": str(contact.id) if contact else None,
        "contact_trust": contact.trust.value if contact else None,
        "kind": kind,
        "deal_id": str(deal.id) if deal else None,
        "deal_kind": deal.kind.value if deal else None,
        "amount_fen": amount_fen,
    }
    if logged is not None and is_late(at, logged, contact, group):
        payload["late"] = True
    if deal is not None and amount_fen and deal.current_fen is None:
        payload["deal_unpriced"] = True  # nothing bounds the amount: the game counts it as one tied to no deal
    return payload


LATE_AFTER = dt.timedelta(hours=48)  # an entry dated longer before it was logged is back-dated


def imported_payload(payload: dict[str, Any], imported: bool) -> dict[str, Any]:
    """A fact's payload, marked back-dated (``late``) and ``imported`` when it was read from an exported chat: such
    an entry is logged after the fact however recent its message, and a made-up chat file must earn no more than
    catching up by hand does (the fair-play rules' daily allowance for back-dated entries, docs/quests.md)."""
    if imported:
        payload["late"] = True
        payload["imported"] = True
    return payload


def is_late(at: dt.datetime, logged: dt.datetime, contact: Contact | None, group: Group | None) -> bool:
    """Back-dated: more than 48 hours before it was logged, or before its contact or group was added."""
    if at < logged - LATE_AFTER:
        return True
    return any(row is not None and at < _aware(row.created_at) for row in (contact, group))


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


EARLIEST_BEFORE_PROFILE = dt.timedelta(days=365)


def check_not_too_early(session: Session, when: dt.datetime | None, now: dt.datetime) -> None:
    """A date the user enters may not be more than a year before the profile began (before 2000 is refused by
    :func:`app.services.validate.aware`): a typo in the year, or a history made up to farm the game."""
    if when is None:
        return
    began = session.scalar(select(func.min(Profile.created_at)))
    start = _aware(began) if began is not None else now
    earliest = start - EARLIEST_BEFORE_PROFILE
    if when < earliest:
        raise InvalidInput(translate(
            "validation", "That time is more than a year before you began using Pintuan Quest: give a time from "
            "{date} on.").format(date=earliest.date().isoformat()), "at")


def local_day_bounds(moment: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC start and end of the local calendar day that contains ``moment``."""
    local = moment.astimezone(tz)
    start = dt.datetime.combine(local.date(), dt.time(), tzinfo=tz)
    end = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def requests_on_day(session: Session, group_id: uuid.UUID, moment: dt.datetime, tz: dt.tzinfo) -> int:
    """How many requests the group had on ``moment``'s local day, up to and including ``moment``."""
    start, _ = local_day_bounds(moment, tz)
    return int(
        session.scalar(
            select(func.count())
            .select_from(HelpRequest)
            .where(HelpRequest.group_id == group_id, HelpRequest.at >= start, HelpRequest.at <= moment)
        )
        or 0
    )


# -- look-ups by name or id ------------------------------------------------------------------------------

_LABELS = {Group: "name", Contact: "nickname", Deal: "title"}


def _what(model: type[Base]) -> str:
    return {
        Group: translate("lookup", "group"),
        Contact: translate("lookup", "contact"),
        Deal: translate("lookup", "deal"),
    }.get(model, translate("lookup", "record"))


def parse_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except (ValueError, AttributeError):
        return None


def _register_fold(session: Session) -> None:
    """Make ``pq_fold(text)`` (:func:`app.text.fold`) callable in this session's SQL.

    SQLite's own ``lower()`` and ``NOCASE`` fold ASCII only. Registering costs microseconds, so it is done
    on each look-up rather than by hooking every connection the store opens.
    """
    connection = session.connection().connection.driver_connection
    connection.create_function("pq_fold", 1, fold, deterministic=True)  # type: ignore[union-attr]


def _by_name(session: Session, model: type[T], label: str, text: str) -> list[T]:
    """The records named ``text``: the ones equal to it in NFC if any, else the ones equal case-folded.

    Both compare by Python's Unicode rules, so "ärger" finds "ÄRGER", and a name stored decomposed (by an
    older version) is found, or reported as ambiguous, like the same name composed. The exact match uses
    the name's index (names are stored NFC; older ones as typed, composed or decomposed); only a miss scans
    every name through ``pq_fold`` (measured: ~50 ms for 40,000 deals).
    """
    column = getattr(model, label)
    forms = {text, unicodedata.normalize("NFD", text)}
    exact = [m for m in session.scalars(select(model).where(column.in_(forms))) if nfc(getattr(m, label)) == text]
    if exact:
        return exact
    _register_fold(session)
    return list(session.scalars(select(model).where(func.pq_fold(column) == fold(text))))


def get(session: Session, model: type[T], ref: str | uuid.UUID) -> T:
    """One record by id (or by name, for groups, contacts and deals)."""
    ident = ref if isinstance(ref, uuid.UUID) else parse_uuid(ref)
    if ident is not None:
        found = session.get(model, ident)
        if found is not None:
            return found
    label = _LABELS.get(model)
    # A name no record can have (undecodable, far too long) is not looked for: the database never sees it.
    if (label is not None and isinstance(ref, str) and ref.strip() and len(ref) <= NAME_MAX * INPUT_SLACK
            and not has_surrogate(ref)):
        text = nfc(ref.strip())
        matches = _by_name(session, model, label, text)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            listing = "; ".join(f"{shown(getattr(m, label))} ({m.id})" for m in matches)  # type: ignore[attr-defined]
            raise Ambiguous(
                translate("lookup", "'{name}' matches {count} records: {listing}. Give the id instead.").format(
                    name=shown(text), count=len(matches), listing=listing
                ),
                label,
            )
    raise NotFound(
        translate("lookup", "No {what} '{ref}'.").format(what=_what(model), ref=shown(ref, 200)),
    )
