"""The profile's time zone: days, streaks, daily quests and the game follow it, whatever the process's zone."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.clock import FixedClock, ZonedClock, find_zone, zone_name
from app.demo import generate_demo
from app.errors import InvalidInput
from app.model import GameState
from app.quests.engine import Engine
from app.services import Services
from app.services.game import differences
from app.store import Store, database_path
from tests.conftest import SHANGHAI, START
from tests.test_cli import Cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _run(*argv: str, tz: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "TZ": tz}, check=False,
    )


def _daily_keys(store: Store) -> set[str]:
    with store.read() as session:
        return {k for k in session.scalars(select(GameState.key)) if k.startswith("chain:daily-")}


# -- the zone's names ----------------------------------------------------------------------------------------

def test_zone_names_are_read_as_the_zone_database_spells_them() -> None:
    assert find_zone(" asia/shanghai ") == SHANGHAI
    assert find_zone("Mars/Olympus") is None and find_zone("") is None
    assert find_zone("localtime") is None and find_zone("../etc/passwd") is None
    assert zone_name(SHANGHAI) == "Asia/Shanghai"
    assert zone_name(dt.UTC) == "UTC"
    # A machine whose zone has no name (an unreadable TZ): its whole-hour offset as an Etc zone (signs inverted).
    assert zone_name(dt.timezone(dt.timedelta(hours=8))) == "Etc/GMT-8"
    assert zone_name(dt.timezone(dt.timedelta(hours=-5))) == "Etc/GMT+5"


def test_a_new_profile_takes_the_clock_zone_and_services_follow_the_stored_one(store: Store) -> None:
    created = Services(store, FixedClock(START, SHANGHAI))
    assert created.profile.get()["timezone"] == "Asia/Shanghai"
    elsewhere = Services(store, FixedClock(START, LOS_ANGELES))  # the same data opened by a process in LA
    assert elsewhere.clock.tz == SHANGHAI
    assert elsewhere.clock.now() == START


def test_an_unknown_zone_is_refused_and_nothing_changes(services: Services) -> None:
    before = services.profile.get()
    with pytest.raises(InvalidInput, match="not a time zone"):
        services.profile.set_timezone("Mars/Olympus")
    with pytest.raises(InvalidInput):
        services.profile.edit(timezone="localtime")
    assert services.profile.get() == before
    assert services.clock.tz == SHANGHAI


# -- the game follows the profile's zone ------------------------------------------------------------------------

def test_verify_is_clean_under_another_process_zone(tmp_path: Path) -> None:
    """The bug: data recorded in Shanghai failed ``recompute --verify`` when checked from Los Angeles."""
    data = str(tmp_path / "d")
    made = _run("demo", "--activities", "2000", "--data-dir", data, tz="Asia/Shanghai")
    assert made.returncode == 0, made.stderr
    verified = _run("recompute", "--verify", "--data-dir", data, tz="America/Los_Angeles")
    assert verified.returncode == 0, verified.stdout[-2000:]
    assert "matches the facts" in verified.stdout
    # A write from Los Angeles counts in Shanghai's days too: the state stays the one a recompute gives.
    friend = _run("add", "contact", "--nickname", "洛杉矶的朋友", "--data-dir", data, tz="America/Los_Angeles")
    assert friend.returncode == 0, friend.stderr
    added = _run("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "洛杉矶的朋友",
                 "--at", "2026-11-20 23:30", "--json", "--data-dir", data, tz="America/Los_Angeles")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["at"] == "2026-11-20T15:30:00Z"  # 23:30 in Shanghai, the profile's zone
    assert _run("recompute", "--verify", "--data-dir", data, tz="Asia/Shanghai").returncode == 0
    views = [_run("quests", "--json", "--data-dir", data, tz=tz).stdout for tz in ("Asia/Shanghai", "Pacific/Apia")]
    assert views[0] == views[1]
    shown = _run("profile", "--json", "--data-dir", data, tz="America/Los_Angeles")
    assert json.loads(shown.stdout) == {"display_name": "小林", "locale": "zh_CN", "timezone": "Asia/Shanghai",
                                        "rest_days": 1, "avatar_id": None}


def test_changing_the_zone_rebuilds_the_game_in_it(store: Store, clock: FixedClock) -> None:
    generate_demo(store, clock, activities=600)
    services = Services(store, clock)
    shanghai_days = _daily_keys(store)
    result = services.profile.set_timezone("america/los_angeles")
    assert result.record is not None and result.record["timezone"] == "America/Los_Angeles"
    assert services.clock.tz == LOS_ANGELES
    assert services.game.verify() == []
    assert _daily_keys(store) != shanghai_days  # the daily quests were counted again, in Los Angeles' days
    with store.read() as session:
        assert session.get(GameState, "meta").value["timezone"] == "America/Los_Angeles"  # type: ignore[union-attr]
        assert differences(session, Engine(services.game.catalogue, SHANGHAI))  # a Shanghai state would differ
    # Opened again by a process in Shanghai: Los Angeles it is, and the state is current.
    again = Services(store, FixedClock(START, SHANGHAI))
    assert again.clock.tz == LOS_ANGELES
    assert again.game.ensure_current().record == {"recomputed": False}
    assert again.game.verify() == []
    # The same zone again: nothing to rebuild.
    assert services.profile.set_timezone("America/Los_Angeles").record["timezone"] == "America/Los_Angeles"  # type: ignore[index]


def test_a_zone_changed_by_another_program_is_followed(store: Store, clock: FixedClock) -> None:
    window = Services(store, clock)
    window.contacts.create(nickname="小美")
    command_line = Services(store, clock)
    command_line.profile.set_timezone("America/Los_Angeles")
    assert window.clock.tz == SHANGHAI  # not looked yet
    # A write of the window before it looked takes the stored zone (under the write lock), not its stale one.
    window.helps.create(direction="given", kind="bargain_cut", contact="小美")
    assert window.clock.tz == LOS_ANGELES
    assert window.game.verify() == []
    command_line.profile.set_timezone("Asia/Tokyo")
    assert window.refresh_zone() is True and window.clock.tz == ZoneInfo("Asia/Tokyo")
    assert window.refresh_zone() is False


@pytest.mark.parametrize("process_zone", ["America/Los_Angeles", "Asia/Shanghai", "UTC", "Pacific/Kiritimati"])
def test_a_help_at_2330_in_shanghai_counts_for_that_shanghai_day(data_dir: Path, process_zone: str) -> None:
    setup = Cli(data_dir, FixedClock(dt.datetime(2026, 11, 20, 20, 0, tzinfo=SHANGHAI), SHANGHAI))
    setup.ok("add", "group", "--name", "宝妈拼团群")
    for name in ("小美", "阿强"):
        setup.ok("add", "contact", "--nickname", name, "--group", "宝妈拼团群")
    setup.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")  # first steps done

    # 23:45 in Shanghai on the 25th: the 25th in Los Angeles too, but already the 26th in Kiritimati.
    clock = FixedClock(dt.datetime(2026, 11, 25, 23, 45, tzinfo=SHANGHAI), ZoneInfo(process_zone))
    cli = Cli(data_dir, clock)
    for name in ("小美", "阿强"):
        made = cli.json("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", name,
                        "--at", "2026-11-25 23:30")
        assert made["at"] == "2026-11-25T15:30:00Z"

    def daily() -> dict[str, object]:
        return next(c for c in cli.json("quests") if c["id"] == "daily-bargain-buddy")

    assert daily()["status"] == "done"
    store = Store.open(data_dir)
    try:
        keys = _daily_keys(store)
        assert "chain:daily-bargain-buddy:2026-11-25" in keys
        assert {key.rsplit(":", 1)[1] for key in keys} == {"2026-11-25"}  # no day of the process's zone
        assert Services(store, clock).queries.day_summary()["given_today"] == 2
        clock.advance(minutes=30)  # 00:15 in Shanghai: a new day there, whatever the process's zone says
        summary = Services(store, clock).queries.day_summary()
        assert summary["given_today"] == 0 and summary["streak"] == 1
        assert daily()["status"] == "active"
        assert Services(store, clock).game.verify() == []
    finally:
        store.close()


# -- the command line ----------------------------------------------------------------------------------------------

def test_profile_command_shows_and_changes_the_zone(cli: Cli) -> None:
    assert cli.json("profile") == {"display_name": "", "locale": "en", "timezone": "Asia/Shanghai", "rest_days": 1,
                                   "avatar_id": None}
    assert not cli.data_dir.exists()  # showing creates nothing
    cli.ok("add", "contact", "--nickname", "小美")
    assert "Time zone: Asia/Shanghai" in cli.ok("profile")
    err = cli.fails("profile", "--timezone", "Mars/Olympus")
    assert "not a time zone" in err
    out = cli.ok("profile", "--timezone", "europe/paris")
    assert "Europe/Paris" in out and "Asia/Shanghai" in out
    assert "already Europe/Paris" in cli.ok("profile", "--timezone", "Europe/Paris")
    assert cli.json("profile")["timezone"] == "Europe/Paris"
    assert "matches the facts" in cli.ok("recompute", "--verify")


def test_a_bad_zone_on_a_new_folder_creates_nothing(cli: Cli) -> None:
    cli.fails("profile", "--timezone", "Nowhere")
    assert not cli.data_dir.exists()


# -- the migration -------------------------------------------------------------------------------------------------

def test_the_migration_gives_an_old_profile_the_machine_zone(tmp_path: Path) -> None:
    """A database of schema 0004 cannot say where it was recorded: the migrating machine's zone is taken."""
    data = tmp_path / "d"
    data.mkdir()
    shutil.copy(FIXTURES / "schema_0004.sqlite3", database_path(data))
    old = sqlite3.connect(database_path(data))
    old.execute("INSERT INTO profile (id, display_name, locale, created_at, secret) VALUES (?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, "老用户", "zh_CN", "2026-01-01 00:00:00", "ab" * 32))
    old.commit()
    old.close()
    opened = subprocess.run(
        [sys.executable, "-c", f"from app.store import Store; Store.open({str(data)!r}).close()"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "TZ": "Asia/Kolkata"}, check=False,
    )
    assert opened.returncode == 0, opened.stderr
    new = sqlite3.connect(database_path(data))
    try:
        assert new.execute("SELECT display_name, timezone FROM profile").fetchall() == [("老用户", "Asia/Kolkata")]
        columns = {row[1]: row[3] for row in new.execute("PRAGMA table_info(profile)")}
        assert columns["timezone"] == 1  # NOT NULL
    finally:
        new.close()
    store = Store.open(data)
    try:
        services = Services(store, FixedClock(START, SHANGHAI))
        assert services.clock.tz == ZoneInfo("Asia/Kolkata")
        # The old state named no zone: rebuilt in the profile's.
        assert services.game.ensure_current().record == {"recomputed": True}
        assert services.game.verify() == []
    finally:
        store.close()


def test_zoned_clock_keeps_the_base_clock_moving() -> None:
    base = FixedClock(START, SHANGHAI)
    zoned = ZonedClock(ZonedClock(base, LOS_ANGELES), dt.UTC)
    assert zoned.base is base and zoned.tz == dt.UTC
    base.advance(hours=1)
    assert zoned.now() == START + dt.timedelta(hours=1)
