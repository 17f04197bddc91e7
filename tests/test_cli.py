"""The command line end to end: mostly in-process through ``main(argv)``, a few through a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.main import main

ROOT = Path(__file__).resolve().parent.parent


class Cli:
    """Runs commands against one data folder with a fixed clock and captures what they print."""

    def __init__(self, data_dir: Path, clock: FixedClock) -> None:
        self.data_dir = data_dir
        self.clock = clock

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main([*argv, "--data-dir", str(self.data_dir)], clock=self.clock, out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert code == 0, err
        assert err == ""
        return out

    def json(self, *argv: str) -> Any:
        return json.loads(self.ok(*argv, "--json"))

    def fails(self, *argv: str, code: int = 2) -> str:
        got, out, err = self(*argv)
        assert got == code, (out, err)
        assert err.count("\n") == 1, f"one line expected, got: {err!r}"
        return err


@pytest.fixture
def world(cli: Cli) -> Cli:
    cli.ok("add", "group", "--name", "宝妈拼团群", "--vertical", "mother_baby", "--window", "Mon-Fri 19:00-22:00",
           "--window", "Sat 09:00-11:00", "--request-limit", "2", "--rules", "先帮别人再求助")
    cli.ok("add", "contact", "--nickname", "小美", "--group", "宝妈拼团群", "--wechat-id", "xm88")
    cli.ok("add", "contact", "--nickname", "Alice", "--trust", "trusted")
    return cli


def test_add_every_kind_and_list_as_json(world: Cli) -> None:
    deal = world.json("add", "deal", "--kind", "bargain", "--title", "婴儿奶粉", "--original", "258.00",
                      "--target-fen", "0", "--group", "宝妈拼团群", "--mine", "--deadline", "2026-11-27T20:00",
                      "--url", "https://mobile.yangkeduo.com/goods.html?goods_id=42&share_uid=7")
    assert deal["original_fen"] == 25800 and deal["current_fen"] == 25800 and deal["mine"] is True
    assert deal["deadline"] == "2026-11-27T12:00:00Z"  # 20:00 in Shanghai
    help_ = world.json("add", "help", "--direction", "received", "--kind", "bargain_cut", "--contact", "小美",
                       "--deal", deal["id"], "--amount", "12.50", "--at", "2026-11-25T20:03+08:00")
    assert help_["amount_fen"] == 1250 and help_["group_id"] == deal["group_id"]
    world.ok("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "小美",
             "--group", "宝妈拼团群", "--amount-fen", "35")
    world.ok("add", "request", "--group", "宝妈拼团群", "--deal", "婴儿奶粉")
    world.ok("add", "deal", "--kind", "group_buy", "--title", "草莓 3斤", "--tier", "2:3990", "--tier", "3:2990",
             "--joined-count", "1")

    groups = world.json("list", "groups")
    assert groups[0]["name"] == "宝妈拼团群" and groups[0]["daily_request_limit"] == 2
    assert [w["text"] for w in groups[0]["windows"]][:1] == ["Mon 19:00-22:00"]
    assert len(groups[0]["windows"]) == 6
    contacts = world.json("list", "contacts")
    assert {c["nickname"] for c in contacts} == {"小美", "Alice"}
    assert set(contacts[0]) >= {"id", "nickname", "wechat_id", "phone", "trust", "notes", "group_ids"}
    deals = world.json("list", "deals")
    by_title = {d["title"]: d for d in deals}
    assert by_title["婴儿奶粉"]["current_fen"] == 25800 - 1250
    assert by_title["婴儿奶粉"]["cuts"][0]["amount_fen"] == 1250
    assert by_title["草莓 3斤"]["tiers"] == [{"min_participants": 2, "price_fen": 3990},
                                           {"min_participants": 3, "price_fen": 2990}]
    assert by_title["草莓 3斤"]["participants_needed"] == 2
    assert len(world.json("list", "helps")) == 2
    assert world.json("list", "requests")[0]["deal_id"] == deal["id"]
    activities = world.json("list", "activities")
    assert set(activities[0]) == {"seq", "id", "type", "kind", "at", "recorded_at", "entity_type", "entity_id",
                                  "payload", "corrects", "superseded_by"}
    types = [a["type"] for a in activities]
    assert {"group.joined", "contact.added", "deal.started", "deal.joined", "deal.cut", "help.received",
            "help.given", "request.posted"} <= set(types)
    assert len(world.json("list", "activities", "--limit", "3")) == 3


def test_ledger_json_shape_and_settle(world: Cli) -> None:
    for _ in range(3):
        world.ok("add", "help", "--direction", "given", "--kind", "boost_click", "--contact", "Alice")
    world.ok("add", "help", "--direction", "received", "--kind", "join_group", "--contact", "小美")
    ledger = world.json("ledger")
    assert set(ledger) == {"contacts", "groups", "you_owe", "only_takes"}
    alice = next(c for c in ledger["contacts"] if c["nickname"] == "Alice")
    assert (alice["given_count"], alice["received_count"], alice["balance"]) == (3, 0, 3)
    assert [c["nickname"] for c in ledger["you_owe"]] == ["小美"]
    assert [c["nickname"] for c in ledger["only_takes"]] == ["Alice"]
    world.clock.advance(minutes=1)
    assert "Alice" in world.ok("settle", "Alice")
    alice = next(c for c in world.json("ledger")["contacts"] if c["nickname"] == "Alice")
    assert alice["balance"] == 0 and alice["since"] is not None


def test_edit_delete_and_merge(world: Cli) -> None:
    helped = world.json("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    edited = world.json("edit", "help", helped["id"], "--amount-fen", "88", "--note", "转发到三个群")
    assert edited["amount_fen"] == 88 and edited["note"] == "转发到三个群"
    types = [a["type"] for a in world.json("list", "activities") if a["kind"] != "derived"]
    assert types[:2] == ["help.given", "help.edited"]
    world.ok("delete", "help", helped["id"])
    assert world.json("list", "helps") == []
    world.ok("add", "contact", "--nickname", "美美")
    world.ok("add", "help", "--direction", "received", "--kind", "boost_click", "--contact", "美美")
    world.ok("merge", "contacts", "小美", "美美")
    contacts = world.json("list", "contacts")
    assert {c["nickname"] for c in contacts} == {"小美", "Alice"}
    group = world.json("edit", "group", "宝妈拼团群", "--archived", "--request-limit", "3")
    assert group["archived"] is True and group["daily_request_limit"] == 3
    world.ok("add", "group", "--name", "临时群")
    world.ok("delete", "group", "临时群")
    assert "临时群" not in {g["name"] for g in world.json("list", "groups")}


def test_deal_status_and_expiry_before_listing(world: Cli) -> None:
    deal = world.json("add", "deal", "--kind", "boost", "--title", "助力领红包", "--deadline", "2026-11-26T12:00")
    world.clock.advance(days=2)
    deals = world.json("list", "deals")
    assert deals[0]["status"] == "expired"  # read as expired; the next write records it
    reopened = world.json("edit", "deal", deal["id"], "--status", "open", "--deadline", "2026-11-30T12:00")
    assert reopened["status"] == "open"
    assert world.json("edit", "deal", deal["id"], "--status", "cancelled")["status"] == "cancelled"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("add", "deal", "--kind", "bargain", "--title", "x", "--original-fen", "100", "--target-fen", "200"),
         "above the original"),
        (("add", "deal", "--kind", "bargain", "--title", "x", "--original-fen", "-5"), "negative"),
        (("add", "deal", "--kind", "coupon", "--title", "x"), "group_buy, bargain, boost"),
        (("add", "deal", "--kind", "boost", "--title", "x", "--at", "2026-11-25T10:00",
          "--deadline", "2026-11-24T10:00"), "deadline is before"),
        (("add", "group", "--name", "   "), "must not be empty"),
        (("add", "group", "--name", "g", "--window", "Someday 20:00-22:00"), "activity window"),
        (("add", "help", "--direction", "given", "--kind", "share", "--contact", "Nobody"), "No contact"),
        (("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", "--amount", "1.234"),
         "amount in yuan"),
        (("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", "--at", "2026-02-30"),
         "not a date"),
        (("add", "contact", "--nickname", "n", "--note", "x" * 10_001), "too long"),
        (("add", "deal", "--kind", "boost", "--title", "x", "--url", "javascript:alert(1)"), "not a web link"),
        (("add", "help", "--direction", "given"), "needs a kind"),
        (("add", "group", "--name", "g", "--request-limit", "many"), "whole number"),
        (("add", "deal", "--kind", "group_buy", "--title", "x", "--tier", "3"), "PARTICIPANTS:FEN"),
        (("edit", "group", "宝妈拼团群"), "Nothing to change"),
        (("add", "group", "--name", "g", "--bogus"), "unrecognized arguments"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(world: Cli, argv: tuple[str, ...], message: str) -> None:
    before = world.json("list", "activities")
    err = world.fails(*argv)
    assert message in err
    assert world.json("list", "activities") == before


def test_ambiguous_name_lists_the_ids(world: Cli) -> None:
    first = world.json("list", "contacts")
    world.ok("add", "contact", "--nickname", "小美")
    err = world.fails("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    ids = [c["id"] for c in world.json("list", "contacts") if c["nickname"] == "小美"]
    assert len(ids) == 2 and all(i in err for i in ids)
    assert first


def test_duplicate_link_is_refused_unless_allowed(world: Cli) -> None:
    first = world.json("add", "deal", "--kind", "bargain", "--title", "耳机", "--url",
                       "https://item.jd.com/100012.html?utm_source=wechat")
    err = world.fails("add", "deal", "--kind", "bargain", "--title", "耳机 again", "--url",
                      "http://www.item.jd.com/100012.html/#reviews")
    assert first["id"] in err
    world.ok("add", "deal", "--kind", "bargain", "--title", "耳机 again", "--url",
             "https://item.jd.com/100012.html", "--allow-duplicate")


def test_data_dir_before_or_after_the_subcommand(data_dir: Path, clock: FixedClock) -> None:
    out = io.StringIO()
    assert main(["--data-dir", str(data_dir), "add", "group", "--name", "前"], clock=clock, out=out) == 0
    assert main(["add", "group", "--name", "后", "--data-dir", str(data_dir)], clock=clock, out=out) == 0
    out = io.StringIO()
    assert main(["list", "groups", "--json", "--data-dir", str(data_dir)], clock=clock, out=out) == 0
    assert {g["name"] for g in json.loads(out.getvalue())} == {"前", "后"}


def test_reads_on_an_empty_folder_create_nothing(cli: Cli) -> None:
    assert cli.json("list", "groups") == []
    assert cli.json("ledger") == {"contacts": [], "groups": [], "you_owe": [], "only_takes": []}
    assert not cli.data_dir.exists()
    cli.fails("check", code=1)


def test_check_passes_and_reports_problems(world: Cli) -> None:
    report = world.json("check")
    assert report["ok"] is True and report["quick_check"] == ["ok"] and report["revision"] == report["head"]
    import sqlite3

    db = sqlite3.connect(world.data_dir / "pintuan.sqlite3")
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("INSERT INTO contact_group VALUES ('00000000000000000000000000000009', "
               "'00000000000000000000000000000008')")
    db.commit()
    db.close()
    code, out, _ = world("check", "--json")
    assert code == 1 and json.loads(out)["foreign_key_problems"]


def test_backup_command(world: Cli) -> None:
    out = world.ok("backup")
    assert "backups" in out
    assert len(list((world.data_dir / "backups").glob("*-manual.sqlite3"))) == 1


def _subprocess(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=env or os.environ.copy(), check=False,
    )


def test_subprocess_round_trip(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    added = _subprocess("add", "contact", "--nickname", "王姐", "--data-dir", data)
    assert added.returncode == 0, added.stderr
    listed = _subprocess("list", "contacts", "--json", "--data-dir", data)
    assert json.loads(listed.stdout)[0]["nickname"] == "王姐"
    bad = _subprocess("add", "help", "--direction", "sideways", "--kind", "share", "--contact", "王姐",
                      "--data-dir", data)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "given, received" in bad.stderr


def test_window_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _subprocess("--data-dir", str(tmp_path / "d"), env=env)
    assert result.returncode == 1
    assert "xvfb-run" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "d").exists()


def test_demo_command_fills_a_folder_once(cli: Cli) -> None:
    out = cli.ok("demo", "--activities", "400", "--seed", "3")
    assert str(cli.data_dir) in out
    activities = [a for a in cli.json("list", "activities") if a["kind"] != "derived"]
    assert len(activities) == 400
    assert cli.json("check")["ok"] is True
    err = cli.fails("demo", "--activities", "400")
    assert "empty data folder" in err
    assert len([a for a in cli.json("list", "activities") if a["kind"] != "derived"]) == 400
    assert not list(cli.data_dir.parent.glob(".*partial*")), "the build folder is cleaned up"


def test_demo_command_refuses_a_silly_size_and_creates_nothing(cli: Cli) -> None:
    err = cli.fails("demo", "--activities", "5")
    assert "between" in err
    assert not cli.data_dir.exists()


def test_summer_time_follows_the_zone_rules(tmp_path: Path) -> None:
    env = {**os.environ, "TZ": "Europe/Berlin"}
    data = str(tmp_path / "d")
    assert _subprocess("add", "contact", "--nickname", "c", "--data-dir", data, env=env).returncode == 0
    for when in ("2026-07-01T20:30", "2026-01-15T20:30"):
        made = _subprocess("add", "help", "--direction", "given", "--kind", "share", "--contact", "c", "--at", when,
                           "--json", "--data-dir", data, env=env)
        assert made.returncode == 0, made.stderr
        expected = "2026-07-01T18:30:00Z" if when.startswith("2026-07") else "2026-01-15T19:30:00Z"
        assert json.loads(made.stdout)["at"] == expected


def test_same_group_twice_counts_once(world: Cli) -> None:
    contact = world.json("add", "contact", "--nickname", "c2", "--group", "宝妈拼团群", "--group", "宝妈拼团群")
    assert len(contact["group_ids"]) == 1
    group_id = contact["group_ids"][0]
    edited = world.json("edit", "contact", contact["id"], "--group", group_id, "--group", "宝妈拼团群")
    assert edited["group_ids"] == [group_id]


def test_a_failed_first_write_leaves_no_database(cli: Cli) -> None:
    cli.fails("add", "group", "--name", "")
    cli.fails("add", "help", "--direction", "given", "--kind", "share", "--contact", "nobody")
    assert not cli.data_dir.exists()


def test_check_on_a_damaged_file_is_one_line(cli: Cli) -> None:
    cli.data_dir.mkdir()
    (cli.data_dir / "pintuan.sqlite3").write_bytes(b"garbage" * 1000)
    err = cli.fails("check", code=1)
    assert "is damaged (not an SQLite database)" in err


def test_huge_limit_is_bad_input(world: Cli) -> None:
    world.fails("list", "activities", "--limit", "99999999999999999999")


def test_lists_are_cleared_with_one_empty_value(world: Cli) -> None:
    group = world.json("edit", "group", "宝妈拼团群", "--window", "")
    assert group["windows"] == []


def test_expired_is_not_a_status_to_set(world: Cli) -> None:
    deal = world.json("add", "deal", "--kind", "boost", "--title", "助力")
    assert "expires by itself" in world.fails("edit", "deal", deal["id"], "--status", "expired")


def test_a_stale_display_is_explained_not_aborted(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = ":97"
    result = _subprocess("--data-dir", str(tmp_path / "d"), env=env)
    assert result.returncode == 1 and "xvfb-run" in result.stderr


def test_game_commands_json_shapes(world: Cli) -> None:
    assert world.json("quests")[0]["status"] in ("active", "locked", "done")
    world.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", "--group", "宝妈拼团群")
    chains = {c["id"]: c for c in world.json("quests")}
    first = chains["first-steps"]
    assert set(first) >= {"id", "title", "status", "locked_reason", "repeat", "steps"}
    assert first["status"] == "done" and first["locked_reason"] is None
    assert set(first["steps"][0]) == {"id", "title", "status", "progress", "target", "unit"}
    badges = world.json("badges")
    assert set(badges[0]) >= {"id", "title", "hidden", "tiers", "earned_tier", "progress"}
    assert any(b["earned_tier"] >= 1 for b in badges)
    assert all(b["title"] is None for b in badges if b["hidden"] and b["earned_tier"] == 0)
    points = world.json("points")
    assert set(points) == {"level", "points", "next_level_at", "own_points", "entries"}
    assert points["points"] == sum(e["points"] for e in points["entries"])
    assert {"at", "points", "reason", "source_type", "source_id"} == set(points["entries"][0])
    assert any(e["source_type"] == "quest" and e["source_id"] == "first-steps/first-help" for e in points["entries"])
    assert world.ok("recompute", "--verify")
    before = world.json("points")
    world.ok("recompute")
    assert world.json("points") == before


def test_game_reads_on_an_empty_folder_create_nothing(cli: Cli) -> None:
    assert cli.json("points") == {"level": 1, "points": 0, "next_level_at": 50, "own_points": 0, "entries": []}
    assert all(b["earned_tier"] == 0 for b in cli.json("badges"))
    assert cli.json("quests")
    assert not cli.data_dir.exists()


def test_recompute_verify_catches_tampering(world: Cli) -> None:
    import sqlite3

    world.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    db = sqlite3.connect(world.data_dir / "pintuan.sqlite3")
    db.execute("UPDATE points_entry SET points = points + 1000 WHERE seq = 1")
    db.commit()
    db.close()
    code, out, _ = world("recompute", "--verify")
    assert code == 1 and "points" in out
    world.ok("recompute")
    world.ok("recompute", "--verify")


def test_installing_a_pack(world: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "my-pack.toml"
    pack.write_text(
        'id = "my-pack"\nversion = 1\ntitle = { en = "Mine", zh_CN = "我的" }\nstory = { en = "A story." }\n'
        '[[steps]]\nid = "one"\ntitle = { en = "Help once" }\ngoal = { event = "help.given" }\n'
        'reward = { points = 7 }\n',
        encoding="utf-8",
    )
    world.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    world.ok("quests", "install", str(pack))
    assert (world.data_dir / "quests" / "my-pack.toml").is_file()
    mine = next(c for c in world.json("quests") if c["id"] == "my-pack")
    assert mine["status"] == "done" and mine["installed"] is True  # the whole history counts
    assert "already installed" in world.fails("quests", "install", str(pack))
    pack.write_text(pack.read_text().replace("version = 1", "version = 2").replace("points = 7", "points = 9"))
    world.ok("quests", "install", str(pack))
    assert any(e["source_id"] == "my-pack/one" and e["points"] == 9 for e in world.json("points")["entries"])
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "Bad Id"\nversion = 0\n', encoding="utf-8")
    err = world.fails("quests", "install", str(broken))
    assert "broken.toml" in err and "id" in err
    assert not (world.data_dir / "quests" / "broken.toml").exists()
    world.ok("quests", "uninstall", "my-pack")
    assert all(c["id"] != "my-pack" for c in world.json("quests"))
    world.ok("recompute", "--verify")


def test_badges_render_draws_every_tier(cli: Cli, tmp_path: Path) -> None:
    from app.quests.catalogue import load_catalogue

    out = tmp_path / "art"
    cli.ok("badges", "render", "--out", str(out))
    expected = sum(len(a.tiers) for a in load_catalogue().achievements) * 2
    files = sorted(out.glob("*.png"))
    assert len(files) == expected
    assert (out / "helping-hand-bronze-256.png").is_file() and (out / "helping-hand-bronze-64.png").is_file()
    assert not cli.data_dir.exists()


def test_a_pack_with_a_typo_in_an_event_or_key_is_refused(world: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "typo.toml"
    base = ('id = "typo"\nversion = 1\ntitle = { en = "T" }\nstory = { en = "S" }\n'
            '[[steps]]\nid = "one"\ntitle = { en = "One" }\n')
    pack.write_text(base + 'goal = { event = "help.gave" }\n', encoding="utf-8")
    assert "unknown event 'help.gave'" in world.fails("quests", "install", str(pack))
    pack.write_text(base + 'goal = { event = "help.given", where = { contact = "x" } }\n', encoding="utf-8")
    assert "unknown payload key 'contact'" in world.fails("quests", "install", str(pack))


class Terminal(io.StringIO):
    """Standard error as a terminal: progress is shown there."""

    def isatty(self) -> bool:
        return True


def test_a_write_finishes_the_catch_up_of_a_correction_far_back(
    world: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The correction commits at once; the command still counts every waiting fact before it exits, with
    progress on a terminal (none in a pipe), so that the next command reads the game up to date."""
    monkeypatch.setattr("app.services.game_store.CHECKPOINT_EVERY", 3)
    monkeypatch.setattr("app.services.game.REPLAY_INLINE", 4)
    monkeypatch.setattr("app.services.game.CATCH_UP_CHUNK", 4)
    helps = []
    for _ in range(10):
        world.clock.advance(hours=1)
        helps.append(world.json("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")["id"])
    points = world.json("points")["points"]
    err = Terminal()
    code = main(["delete", "help", helps[0], "--data-dir", str(world.data_dir)], clock=world.clock,
                out=io.StringIO(), err=err)
    assert code == 0
    assert "Catching up the game: 12 of 12 facts counted…" in err.getvalue()
    assert err.getvalue().count("\r") == 3 and err.getvalue().endswith("\n")  # chunks of 4: 4, 8, 12
    assert world.json("points")["points"] < points  # a help less, every other one counted again
    world.ok("delete", "help", helps[1])  # in a pipe: the same catch-up, nothing printed (ok() checks stderr)
    code, out, err2 = world("recompute", "--verify")
    assert code == 0, (out, err2)


def test_a_catch_up_that_fails_is_reported_and_the_correction_is_kept(
    world: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catch-up is part of the command: when SQLite refuses its write, the command says so and exits 1
    (before, the failure was swallowed while closing and the command exited 0 with the game behind)."""
    import sqlite3

    from app.paths import database_path

    monkeypatch.setattr("app.services.game_store.CHECKPOINT_EVERY", 3)
    monkeypatch.setattr("app.services.game.REPLAY_INLINE", 4)
    helps = []
    for _ in range(10):
        world.clock.advance(hours=1)
        helps.append(world.json("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")["id"])
    with sqlite3.connect(database_path(world.data_dir)) as conn:  # the catch-up's first step is refused
        conn.execute("CREATE TRIGGER refuse BEFORE UPDATE ON game_checkpoint WHEN NEW.since > 0 "
                     "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    code, _, err = world("delete", "help", helps[0])
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    with sqlite3.connect(database_path(world.data_dir)) as conn:
        conn.execute("DROP TRIGGER refuse")
    assert helps[0] not in {h["id"] for h in world.json("list", "helps")}  # the correction itself was committed
    world.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "Alice")  # this write catches up
    code, out, err = world("recompute", "--verify")
    assert code == 0, (out, err)


def test_game_text_reads_as_words_grouped_digits_yuan_and_local_times(world: Cli) -> None:
    for _ in range(12):
        world.ok("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "小美", "--amount",
                 "0.50")
    badges = world.ok("badges")
    assert "[1, 10" not in badges and "1 · 10 · 50 · 200 · 1,000" in badges  # no Python lists
    assert "¥10.00 · ¥50.00 · ¥200.00 · ¥1,000.00" in badges and "100000" not in badges  # money in yuan
    assert "of 50 for Gold" in badges
    points = world.ok("points")
    entries = world.json("points")["entries"]
    assert f"The last 10 of {len(entries)} entries (--all shows every one):" in points
    assert "Z\t" not in points and "-" not in points.splitlines()[-1].split("\t")[-1]  # local times, no ids
    assert "First Steps — " in world.ok("points", "--all") and len(world.ok("points", "--all").splitlines()) == \
        len(entries) + 1
    assert "Daily: One Good Turn · resets daily" in world.ok("quests")
    zh = world.ok("quests", "--lang", "zh_CN")
    assert "[daily]" not in zh and "每天重置" in zh
    assert "当天又帮了同一个人" in world.ok("points", "--lang", "zh_CN")


def test_list_takes_the_singular_that_add_takes(world: Cli) -> None:
    assert world.json("list", "contact") == world.json("list", "contacts")
    assert world.json("list", "activity", "--limit", "3") == world.json("list", "activities", "--limit", "3")


def test_profile_name_sets_the_greeting_name_and_refuses_a_tab(cli: Cli) -> None:
    assert cli.ok("profile", "--name", "小美") == "Name set to 小美.\n"
    assert cli.json("profile")["display_name"] == "小美"
    assert "tab" in cli.fails("profile", "--name", "小\t美")
    assert cli.json("profile")["display_name"] == "小美"  # unchanged


def test_add_help_lists_the_kinds_and_says_what_is_required(cli: Cli) -> None:
    text = cli.ok("add", "--help")
    assert all(kind in text for kind in ("group ", "contact ", "deal ", "request ", "help "))
    assert "someone you swap favours with" in text
    flags = " ".join(cli.ok("add", "help", "--help").split())  # argparse wraps its columns
    assert "--contact CONTACT who: a contact's nickname or id (required)" in flags
    assert "--at WHEN when it happened" in flags and "--json print the new record as JSON" in flags
    assert "(required)" not in cli.ok("edit", "help", "--help")
