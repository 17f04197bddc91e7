"""Typed commands: each write's input as one dataclass, checked in one place for the write and for a draft.

A service builds its command from its ``**fields`` (:meth:`Command.of`); :meth:`Command.clean` returns the
checked values or raises the first problem as :class:`InvalidInput` (the write: nothing is kept), and
:meth:`Command.check` runs the same rules to the end and lists every problem (a form's draft, as the user types).
A field left out is :data:`UNSET` (an edit leaves it as it is), unlike ``None`` (cleared). A create command is a
plain subclass of its edit command, adding only what is required: it shares the fields and the generated
``__init__`` (each dataclass made costs about a millisecond of the command line's start-up).

Prices take fen, or the yuan a person types (``"12.50"``); tiers take (participants, fen) pairs, or the tier text
a person types (``"2:39.90; 3:29.90"``): a form hands over its text, and the rules that read it live here only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.i18n import translate
from app.model import Base, DealKind, Direction, HelpKind, Platform, Role, Trust, Vertical
from app.privacy.links import clean_link
from app.services import validate as v
from app.services.base import get, parse_uuid
from app.services.tiers import clean_tiers

Window = tuple[int, dt.time, dt.time]


class Unset(enum.Enum):
    """The type of :data:`UNSET`: a field the caller did not give."""

    UNSET = "unset"


UNSET = Unset.UNSET


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft: the field it is about (the command's key; None for the whole) and the message
    the write would give."""

    field: str | None
    message: str
    new: bool = False  # a name no record has: the quick log can add it with the entry (``add_new``)


Report = Callable[[str | None, InvalidInput], None]


def _raise(_field: str | None, problem: InvalidInput) -> None:
    raise problem


def price(value: int | str | None, field: str) -> int | None:
    """A price or amount: fen, or the yuan a person types (``"12.50"``, ``"¥8"``); empty text is no price."""
    if isinstance(value, str):
        return v.yuan_to_fen(value, field) if value.strip() else None
    return v.fen(value, field)


def clean_windows(value: Iterable[Window | str] | None) -> list[Window]:
    """Activity windows, as parsed triples or as text (``"Mon-Fri 20:00-22:00"``), each day once, sorted."""
    found: list[Window] = []
    for item in value or ():
        found.extend(v.parse_window(item) if isinstance(item, str) else [item])
    seen = set()
    for weekday, start, end in found:
        if not 0 <= weekday <= 6 or start == end:
            raise InvalidInput(translate("validation", "An activity window is not valid."), "window")
        seen.add((weekday, start, end))
    return sorted(seen)


@dataclass(frozen=True, kw_only=True)
class Command:
    """Base of the commands: the fields as given, their rules, and the checks across fields."""

    RULES: ClassVar[v.Rules] = {}

    @classmethod
    def of(cls, fields: Mapping[str, Any]) -> Self:
        """The command for a service's ``**fields``; a field it does not know is refused (a programming error)."""
        unknown = set(fields) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise InvalidInput(
                translate("validation", "Unknown field: {field}.").format(field=", ".join(sorted(unknown)))
            )
        return cls(**fields)

    def given(self) -> dict[str, Any]:
        """The fields the caller gave, in the order the command declares them."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if getattr(self, f.name) is not UNSET}

    def clean(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """The checked values of the given fields; the first problem is raised (``now``: for rules on time)."""
        return self._run(_raise, now)

    def check(self, now: dt.datetime | None = None) -> tuple[dict[str, Any], list[Problem]]:
        """The values that passed their rules, and every problem (not only the first)."""
        problems: list[Problem] = []
        data = self._run(lambda field, problem: problems.append(Problem(field, problem.message)), now)
        return data, problems

    def _run(self, report: Report, now: dt.datetime | None) -> dict[str, Any]:
        missing = set()
        for field, problem in self._missing():
            report(field, problem)
            missing.add(field)
        data: dict[str, Any] = {}
        for key, value in self.given().items():
            if key in missing:  # said once: "A deal needs a title", not also "The title must not be empty"
                continue
            try:
                data[key] = self.RULES[key](value)
            except InvalidInput as problem:
                report(key, problem)
        for field, wrong in self._across(data, now):
            report(field, wrong)
        return data

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        """The required fields left out (none for an edit)."""
        return iter(())

    def _across(self, data: Mapping[str, Any], now: dt.datetime | None) -> Iterator[tuple[str, InvalidInput]]:
        """The rules between checked values (a time not in the future, an end not before a start)."""
        return iter(())


def reference_problems(session: Session, data: Mapping[str, Any], models: Mapping[str, type[Base]]) -> list[Problem]:
    """The names or ids in ``data`` that find no record of their model, or several (for a draft check)."""
    found = []
    for key, model in models.items():
        if data.get(key):
            try:
                get(session, model, data[key])
            except NotFound as problem:
                found.append(_not_found(key, str(data[key]), problem))
            except InvalidInput as problem:
                found.append(Problem(key, problem.message))
    return found


def _not_found(key: str, ref: str, problem: NotFound) -> Problem:
    """A name no record has: ``new`` when a contact or group may be added by it (``helps.create(add_new=True)``);
    a name no record may have (a tab in it, say) says why instead."""
    if key not in ("contact", "group") or parse_uuid(ref) is not None:
        return Problem(key, problem.message)
    draft = CreateContact.of({"nickname": ref}) if key == "contact" else CreateGroup.of({"name": ref})
    _, refused = draft.check()
    return Problem(key, refused[0].message) if refused else Problem(key, problem.message, new=True)


def _not_in_future(
    data: Mapping[str, Any], now: dt.datetime | None, message: str
) -> Iterator[tuple[str, InvalidInput]]:
    if now is None:
        return
    try:
        v.not_in_future(data.get("at"), now, message)
    except InvalidInput as problem:
        yield "at", problem


# -- help exchanges and requests ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EditHelp(Command):
    """A change to a help exchange (互助): only the given fields change."""

    RULES: ClassVar[v.Rules] = {
        "direction": lambda x: v.choice(Direction, x, "direction"),
        "kind": lambda x: v.choice(HelpKind, x, "kind"),
        "contact": v.ref,
        "group": v.ref,
        "deal": v.ref,
        "amount_fen": lambda x: price(x, "amount"),
        "at": lambda x: v.aware(x, "time"),
        "note": v.note,
    }

    direction: Direction | str | None | Unset = UNSET
    kind: HelpKind | str | None | Unset = UNSET
    contact: str | None | Unset = UNSET  # a name or an id, resolved by the service
    group: str | None | Unset = UNSET
    deal: str | None | Unset = UNSET
    amount_fen: int | str | None | Unset = UNSET
    at: dt.datetime | None | Unset = UNSET
    note: str | None | Unset = UNSET

    def _across(self, data: Mapping[str, Any], now: dt.datetime | None) -> Iterator[tuple[str, InvalidInput]]:
        return _not_in_future(data, now, translate("validation", "A help cannot be in the future."))


class RecordHelp(EditHelp):
    """A new help exchange: a direction, a kind and a contact at least."""

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        for required in ("direction", "kind", "contact"):
            if not self.given().get(required):
                message = translate("validation", "A help exchange needs a {field}.")
                yield required, InvalidInput(message.format(field=v.label(required)), required)


@dataclass(frozen=True, kw_only=True)
class EditRequest(Command):
    """A change to a help request."""

    RULES: ClassVar[v.Rules] = {
        "group": v.ref,
        "deal": v.ref,
        "at": lambda x: v.aware(x, "time"),
        "note": v.note,
    }

    group: str | None | Unset = UNSET
    deal: str | None | Unset = UNSET
    at: dt.datetime | None | Unset = UNSET
    note: str | None | Unset = UNSET

    def _across(self, data: Mapping[str, Any], now: dt.datetime | None) -> Iterator[tuple[str, InvalidInput]]:
        return _not_in_future(data, now, translate("validation", "A request cannot be in the future."))


class RecordRequest(EditRequest):
    """A help request posted in a group (what its daily request limit counts)."""

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        if not self.given().get("group"):
            yield "group", InvalidInput(translate("validation", "A request needs a group."), "group")


# -- deals ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EditDeal(Command):
    """A change to a deal (拼团 / 砍价 / 助力); its status is the service's own argument."""

    RULES: ClassVar[v.Rules] = {
        "kind": lambda x: v.choice(DealKind, x, "kind"),
        "title": lambda x: v.name(x, "title"),
        "url": lambda x: clean_link(x) if x else None,  # stored without tracking
        "group": v.ref,
        "mine": bool,
        "original_fen": lambda x: price(x, "original price"),
        "target_fen": lambda x: price(x, "target price"),
        "current_fen": lambda x: price(x, "current price"),
        "tiers": clean_tiers,
        "participants_needed": lambda x: v.count(x, "participants needed", 1),
        "participants_joined": lambda x: v.count(x, "participants joined", 0),
        "deadline": lambda x: v.aware(x, "deadline"),
        "started_at": lambda x: v.aware(x, "started_at"),
        "archived": bool,
        "notes": lambda x: v.note(x, "notes"),
    }

    kind: DealKind | str | None | Unset = UNSET
    title: str | None | Unset = UNSET
    url: str | None | Unset = UNSET
    group: str | None | Unset = UNSET
    mine: bool | Unset = UNSET
    original_fen: int | str | None | Unset = UNSET
    target_fen: int | str | None | Unset = UNSET
    current_fen: int | str | None | Unset = UNSET
    tiers: str | Iterable[tuple[int, int]] | None | Unset = UNSET
    participants_needed: int | None | Unset = UNSET
    participants_joined: int | None | Unset = UNSET
    deadline: dt.datetime | None | Unset = UNSET
    started_at: dt.datetime | None | Unset = UNSET
    archived: bool | Unset = UNSET
    notes: str | None | Unset = UNSET


class CreateDeal(EditDeal):
    """A new deal: a kind and a title at least."""

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        for required in ("kind", "title"):
            if not self.given().get(required):
                yield required, InvalidInput(
                    translate("validation", "A deal needs a {field}.").format(field=v.label(required)), required
                )


def _yuan(fen: int) -> str:
    """Fen as the yuan the forms show and take (the same message serves the window and the command line)."""
    return "¥" + v.yuan_text(fen)


def deal_problems(deal: Mapping[str, Any]) -> list[tuple[str, InvalidInput]]:
    """The rules between a deal's values (as stored, or as a draft would leave them): a bargain's target, current
    and original prices agree, and the deadline comes after the start."""
    found: list[tuple[str, InvalidInput]] = []
    original, target, current = deal.get("original_fen"), deal.get("target_fen"), deal.get("current_fen")
    if deal.get("kind") == DealKind.bargain:
        if original is not None and target is not None and target > original:
            found.append(("target_fen", InvalidInput(
                translate("validation", "The target price ({target}) is above the original price ({original}).")
                .format(target=_yuan(target), original=_yuan(original)),
                "target_fen",
            )))
        if current is not None and original is not None and current > original:
            found.append(("current_fen", InvalidInput(
                translate("validation", "The current price is above the original price."), "current_fen"
            )))
        if current is not None and target is not None and current < target:
            found.append(("current_fen", InvalidInput(
                translate("validation", "The current price is below the target price."), "current_fen"
            )))
    deadline, started = deal.get("deadline"), deal.get("started_at")
    if deadline is not None and started is not None and deadline <= started:
        found.append(("deadline", InvalidInput(
            translate("validation", "The deadline is before the deal starts."), "deadline"
        )))
    return found


# -- groups and contacts -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EditGroup(Command):
    """A change to a group (社群)."""

    RULES: ClassVar[v.Rules] = {
        "name": lambda x: v.name(x, "name"),
        "platform": lambda x: v.choice(Platform, x, "platform"),
        "vertical": lambda x: v.choice(Vertical, x, "vertical"),
        "my_role": lambda x: v.choice(Role, x, "role"),
        "rules": lambda x: v.note(x, "rules"),
        "windows": clean_windows,
        "daily_request_limit": lambda x: v.count(x, "request limit"),
        "joined_at": lambda x: v.aware(x, "joined_at"),
        "left_at": lambda x: v.aware(x, "left_at"),
        "archived": bool,
        "notes": lambda x: v.note(x, "notes"),
    }

    name: str | None | Unset = UNSET
    platform: Platform | str | None | Unset = UNSET
    vertical: Vertical | str | None | Unset = UNSET
    my_role: Role | str | None | Unset = UNSET
    rules: str | None | Unset = UNSET
    windows: Iterable[Window | str] | None | Unset = UNSET
    daily_request_limit: int | None | Unset = UNSET
    joined_at: dt.datetime | None | Unset = UNSET
    left_at: dt.datetime | None | Unset = UNSET
    archived: bool | Unset = UNSET
    notes: str | None | Unset = UNSET

    def _across(self, data: Mapping[str, Any], now: dt.datetime | None) -> Iterator[tuple[str, InvalidInput]]:
        joined, left = data.get("joined_at"), data.get("left_at")
        if joined and left and left < joined:
            yield "left_at", left_before_joined()


def left_before_joined() -> InvalidInput:
    """A group left before it was joined (the service checks it again against the stored dates)."""
    return InvalidInput(translate("validation", "The group cannot be left before it was joined."), "left_at")


class CreateGroup(EditGroup):
    """A new group: a name at least."""

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        if "name" not in self.given():
            yield "name", InvalidInput(translate("validation", "A group needs a name."), "name")


@dataclass(frozen=True, kw_only=True)
class EditContact(Command):
    """A change to a contact (群友)."""

    RULES: ClassVar[v.Rules] = {
        "nickname": lambda x: v.name(x, "nickname"),
        "wechat_id": lambda x: v.optional_text(x, "WeChat ID"),
        "phone": lambda x: v.optional_text(x, "phone", 40),
        "trust": lambda x: v.choice(Trust, x, "trust"),
        "notes": lambda x: v.note(x, "notes"),
        "archived": bool,
        "groups": lambda x: list(x or []),
    }

    nickname: str | None | Unset = UNSET
    wechat_id: str | None | Unset = UNSET
    phone: str | None | Unset = UNSET
    trust: Trust | str | None | Unset = UNSET
    notes: str | None | Unset = UNSET
    archived: bool | Unset = UNSET
    groups: Iterable[str] | None | Unset = UNSET


class CreateContact(EditContact):
    """A new contact: a nickname at least."""

    def _missing(self) -> Iterator[tuple[str, InvalidInput]]:
        if "nickname" not in self.given():
            yield "nickname", InvalidInput(translate("validation", "A contact needs a nickname."), "nickname")
