"""An imported chat as its adversary uses it (found by the adversarial review): imported twice, or made up with
recent times to farm the game. What a chat logs is back-dated whatever its time, and logged once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.exchange.chat_import import Message, Proposal, proposal_of
from app.exchange.share_text import parse_share
from app.model import Activity
from app.services import Services, chat
from tests.chat_files import BARGAIN
from tests.conftest import START

GROUP = "宝妈群"
FRIENDS = [f"邻居{i}" for i in range(20)]


def _shares(count: int, *, own: int = 0) -> list[Proposal]:
    """``count`` bargain shares by the friends, all from the last hour (not back-dated by their time), then
    ``own`` of the user's."""
    found = []
    for i in range(count + own):
        share = parse_share(BARGAIN.format(price="5.80", goods=1000 + i))
        assert share is not None
        sender = FRIENDS[i % len(FRIENDS)] if i < count else None
        at = START - dt.timedelta(minutes=60 - i % 60, seconds=i)
        found.append(proposal_of(share, Message(at, sender, "", i + 2)))
    return found


def _people(services: Services) -> None:
    """A group and twenty contacts, added on the day the log began (so they count at once)."""
    services.groups.create(name=GROUP)
    for name in FRIENDS:
        services.contacts.create(nickname=name)


def test_importing_the_same_chat_again_logs_nothing_twice(services: Services) -> None:
    _people(services)
    proposals = _shares(30, own=5)
    first = chat.accept_all(services, proposals, GROUP)
    helps, requests = len(services.queries.helps()), len(services.queries.requests())
    again = chat.accept_all(services, proposals, GROUP)
    assert first == {"accepted": 35, "already": 0, "refused": 0}
    assert again == {"accepted": 0, "already": 35, "refused": 0}
    assert (len(services.queries.helps()), len(services.queries.requests())) == (helps, requests) == (30, 5)


def test_a_made_up_chat_of_recent_helps_earns_no_more_than_the_days_catching_up(services: Services) -> None:
    """Two hundred helps "from the last hour" earn what the day's allowance for back-dated entries pays (three),
    not two hundred helps' worth (the review's farm reached level 8 and platinum badges from one file)."""
    _people(services)
    shares = _shares(200)
    chat.accept_all(services, shares[:3], GROUP)  # the day's allowance: what catching up by hand earns
    allowed, badges = services.game.score(), services.game.badges()
    chat.accept_all(services, shares[3:], GROUP)
    farmed = services.game.score()
    assert len(services.queries.helps()) == 200
    with services.store.read() as session:
        payloads = [a.payload for a in session.scalars(select(Activity).where(Activity.type == "help.given"))]
    assert len(payloads) == 200 and all(p.get("late") is True and p.get("imported") is True for p in payloads)
    assert farmed == allowed  # the 197 more earn nothing: no points, no level
    assert services.game.badges() == badges  # no tier, no progress toward one
