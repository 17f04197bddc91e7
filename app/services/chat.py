"""Logging what an exported chat proposes (:mod:`app.exchange.chat_import`): one proposal at a time, through the
services that write every other entry, only once the user accepted it. The chat itself is never stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app.errors import AlreadyLogged, DuplicateDeal, InvalidInput
from app.exchange.share_text import deal_prices
from app.i18n import translate
from app.model import Contact, Group, HelpExchange, HelpRequest, Profile
from app.services.base import EARLIEST_BEFORE_PROFILE, OpResult, get, profile_name

if TYPE_CHECKING:
    from app.exchange.chat_import import ChatRead, Proposal
    from app.services import Services

HELP_KINDS = {"bargain": "bargain_cut", "boost": "boost_click", "group_buy": "join_group"}


def earliest(services: Services) -> dt.datetime:
    """The earliest time an entry may have: a year before the profile began (``check_not_too_early``)."""
    with services.store.read() as session:
        began = session.scalar(select(func.min(Profile.created_at)))
    start = services.clock.now() if began is None else (
        began if began.tzinfo is not None else began.replace(tzinfo=dt.UTC))
    return start - EARLIEST_BEFORE_PROFILE


def group_name(services: Services, group: str) -> str:
    """The group's name; :class:`NotFound` (a clear message) when no group is called ``group``."""
    with services.store.read() as session:
        return get(session, Group, group).name


def read(services: Services, path: Path, *, me: Iterable[str] = (),
         progress: Callable[[int, int], None] | None = None) -> ChatRead:
    """The proposals of the chat export at ``path``; the user's names in a QQ export: ``me`` and the profile's."""
    from app.exchange.chat_import import read_chat

    with services.store.read() as session:
        names = [*me, profile_name(session)]
    return read_chat(path, now=services.clock.now(), tz=services.clock.tz, earliest=earliest(services),
                     me=[n for n in names if n], progress=progress)


def fields_of(proposal: Proposal, group: str) -> tuple[str, dict[str, Any]]:
    """The service (``helps``, ``requests`` or ``deals``) and the fields that log ``proposal`` in ``group``."""
    if proposal.kind == "help":
        return "helps", {"direction": "given", "kind": HELP_KINDS.get(proposal.share_kind, "other"),
                         "contact": proposal.contact, "group": group, "at": proposal.at, "note": proposal.shown_title,
                         "add_new": True}
    if proposal.kind == "request":
        return "requests", {"group": group, "at": proposal.at, "note": proposal.shown_title}
    return "deals", {"kind": "group_buy", "title": proposal.shown_title, "url": proposal.url, "group": group,
                     "mine": proposal.contact is None, "started_at": proposal.at,
                     **deal_prices("group_buy", proposal.price_fen, proposal.needed)}


def logged_already(services: Services, proposal: Proposal, group: str) -> bool:
    """Whether ``proposal``'s help or request is logged already: one at the same second (a chat's time), with the
    same contact or in the same group. Importing a chat again, or a newer export that still holds the old
    messages, must not log every help twice (a deal is found again by its link)."""
    with services.store.read() as session:
        if proposal.kind == "help" and proposal.contact:
            query = (select(HelpExchange.id).join(Contact, Contact.id == HelpExchange.contact_id)
                     .where(HelpExchange.at == proposal.at, Contact.nickname == proposal.contact))
        elif proposal.kind == "request":
            query = (select(HelpRequest.id).join(Group, Group.id == HelpRequest.group_id)
                     .where(HelpRequest.at == proposal.at, Group.id == get(session, Group, group).id))
        else:
            return False
        return session.scalar(query.limit(1)) is not None


def accept(services: Services, proposal: Proposal, group: str) -> OpResult:
    """Log one proposal as a fact, back-dated to its message whatever its time (``imported``: the fair-play rules'
    allowance for back-dated entries applies); a contact named for the first time is added with it, as the quick
    log adds one. :class:`AlreadyLogged` when it is logged already."""
    if logged_already(services, proposal, group):
        raise AlreadyLogged(translate("ChatImport", "This entry is logged already: the chat was imported before."))
    service, fields = fields_of(proposal, group)
    result: OpResult = getattr(services, service).create(imported=True, **fields)
    return result


def accept_all(services: Services, proposals: Iterable[Proposal], group: str,
               progress: Callable[[int, int], None] | None = None,
               refused: list[tuple[Proposal, str]] | None = None) -> dict[str, int]:
    """Log every proposal, each in its own write; a deal whose link is logged already is counted as ``already``,
    one the services refuse (a contact's name that two contacts share) as ``refused`` (with why, into ``refused``)
    and the others are logged all the same."""
    group_name(services, group)
    done = {"accepted": 0, "already": 0, "refused": 0}
    for index, proposal in enumerate(proposals, 1):
        try:
            accept(services, proposal, group)
            done["accepted"] += 1
        except (DuplicateDeal, AlreadyLogged):
            done["already"] += 1
        except InvalidInput as exc:
            done["refused"] += 1
            if refused is not None:
                refused.append((proposal, exc.message))
        if progress is not None:
            progress(index, 0)
    return done
