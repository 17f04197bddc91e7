"""An imported chat as its adversary uses it (found by the adversarial review): imported twice, or made up with
recent times to farm the game. What a chat logs is back-dated whatever its time, and logged once."""

from __future__ import annotations

import datetime as dt

import pytest
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


def test_a_file_that_grows_while_it_is_read_is_held_to_the_cap(tmp_path) -> None:
    """Found by the review: the cap was checked against the size before reading; a file another program kept
    writing was read past it (3.5 GB). /proc files say size 0 and hold text: the stand-in for a growing file."""
    from pathlib import Path

    from app.exchange.chat_import import Refused, read_chat

    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(Refused, match="cap"):
        read_chat(status, now=START, tz=dt.UTC, max_bytes=64)
    with pytest.raises(Refused, match="not a regular file"):
        read_chat(tmp_path, now=START, tz=dt.UTC)


def test_accept_all_exits_1_when_some_of_the_chat_was_not_logged(cli, tmp_path) -> None:
    from tests.chat_files import wechat_csv

    assert cli("add", "group", "--name", GROUP)[0] == 0
    for name in ("小红", "小红"):
        cli("add", "contact", "--nickname", name)
    made = wechat_csv(tmp_path / "w.csv", 300, start=START - dt.timedelta(days=20), end=START - dt.timedelta(hours=1))
    code, out, err = cli("import-chat", str(made.path), "--group", GROUP, "--accept-all")
    assert code == 1 and "not logged" in err and "Logged" in out
    code, out, _ = cli("import-chat", str(made.path), "--group", GROUP, "--accept-all")
    assert "Logged 0 entries" in out and code == 1  # the same refusals; the rest logged already
