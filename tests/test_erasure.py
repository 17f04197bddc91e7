"""Erasure (docs/privacy.md, "Erasure"): marker strings written into a contact, edited, merged, backed up in both
folders, then erased, forgotten or wiped; the bytes of every file of the data folder and of the second backup
folder are scanned for each marker in every form it may be stored in."""

from __future__ import annotations

import json
import random
import secrets
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app import backups, i18n
from app.clock import FixedClock
from app.services import Services, open_services
from tests.test_cli import Cli

CJK = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥鼠牛虎兔龙蛇马羊猴鸡狗猪"


def marker(prefix: str = "") -> str:
    """A text found nowhere else: random ASCII and random Chinese."""
    return prefix + secrets.token_hex(5) + "".join(random.choice(CJK) for _ in range(5))


def forms(text: str) -> list[bytes]:
    """Every way ``text`` (or its Chinese or ASCII part alone) may sit in a file: UTF-8, UTF-16 (both byte
    orders) and the ``\\uXXXX`` escapes json.dumps writes by default (how the log's payloads are stored)."""
    ascii_part = "".join(c for c in text if c.isascii())
    cjk_part = "".join(c for c in text if not c.isascii())
    found = []
    for part in {text, ascii_part, cjk_part} - {""}:
        found += [part.encode("utf-8"), part.encode("utf-16-le"), part.encode("utf-16-be"),
                  json.dumps(part)[1:-1].encode("ascii"), json.dumps(part)[1:-1].upper().encode("ascii")]
    return found


def files_in(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in sorted(folder.rglob("*")) if p.is_file()]


def leaks(markers: list[str], *folders: Path) -> list[tuple[str, str]]:
    """(marker, file) for each marker found in the bytes of any file under ``folders``."""
    found = []
    for path in files_in(*folders):
        data = path.read_bytes()
        found += [(m, str(path)) for m in markers if any(f in data for f in forms(m))]
    return found


def game_rows(services: Services) -> dict[str, Any]:
    conn = sqlite3.connect(services.store.path)
    try:
        # A recompute numbers the derived events anew: the checkpoints' derived_seq is left out, their content kept.
        queries = {
            "state": "SELECT * FROM game_state ORDER BY key",
            "undo": "SELECT * FROM game_undo ORDER BY n, key",
            "checkpoints": "SELECT n, fact_seq, points_seq, since, applied_seq FROM game_checkpoint ORDER BY n",
            "points": "SELECT * FROM points_entry ORDER BY seq",
            "derived": "SELECT type, at, payload FROM activity WHERE kind = 'derived' ORDER BY seq",
        }
        return {name: conn.execute(query).fetchall() for name, query in queries.items()}
    finally:
        conn.close()


@pytest.fixture
def second(tmp_path: Path, data_dir: Path, services: Services) -> Path:
    folder = tmp_path / "second"
    folder.mkdir()
    backups.set_second_folder(data_dir, folder)
    return folder


@pytest.fixture
def person(services: Services, second: Path) -> dict[str, str]:
    """A contact with markers everywhere, edited (the corrections carry old values), with helps, settlements and a
    contact merged into it, and backups of every stage in both folders."""
    m = {key: marker(key[:2]) for key in (
        "nick", "nick2", "wechat", "wechat2", "phone", "phone2", "notes", "notes2",
        "b_nick", "b_phone", "b_wechat", "b_notes", "b_notes2", "settle_a", "settle_b")}
    services.groups.create(name="宝妈群")
    services.contacts.create(nickname=m["nick"], wechat_id=m["wechat"], phone=m["phone"], notes=m["notes"],
                             groups=["宝妈群"])
    services.contacts.create(nickname=m["b_nick"], phone=m["b_phone"], wechat_id=m["b_wechat"], notes=m["b_notes"])
    services.helps.create(direction="given", kind="share", contact=m["nick"], group="宝妈群")
    services.helps.create(direction="received", kind="join_group", contact=m["b_nick"])
    gone = services.helps.create(direction="given", kind="boost_click", contact=m["nick"])
    services.helps.delete(str(gone.entity_id))
    services.backups.backup()
    services.contacts.edit(m["nick"], nickname=m["nick2"], wechat_id=m["wechat2"], phone=m["phone2"],
                           notes=m["notes2"])
    services.contacts.edit(m["b_nick"], notes=m["b_notes2"])
    services.ledger.settle(m["b_nick"], note=m["settle_b"])
    services.backups.backup()
    services.contacts.merge(m["nick2"], m["b_nick"])
    services.helps.create(direction="received", kind="share", contact=m["nick2"])
    services.ledger.settle(m["nick2"], note=m["settle_a"])
    services.backups.backup()
    assert leaks(list(m.values()), services.store.data_dir, second)  # the test can see them before
    return m


def test_erasing_a_contact_leaves_none_of_their_details_in_any_file(
        services: Services, person: dict[str, str], second: Path, data_dir: Path, cli: Cli) -> None:
    helps_before = services.contacts.detail(person["nick2"])["balance"]
    result = services.erasure.erase_contact(person["nick2"])
    done = (result.record or {})["erasure"]
    assert done["contacts"] == 2  # and the one merged into it
    assert done["compacted"] is True
    assert len(done["backups"]["rewritten"]) == 6 and not done["backups"]["removed"]  # three, in two folders

    assert leaks(list(person.values()), data_dir, second) == []
    wal = Path(f"{services.store.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0

    # The history is kept under the pseudonym; the record has nothing of theirs left.
    detail = services.contacts.detail(str(result.entity_id))
    record = detail["contact"]
    assert record["nickname"] == done["pseudonym"] and done["pseudonym"].startswith("Member #")
    assert (record["wechat_id"], record["phone"], record["notes"]) == (None, None, "")
    assert detail["balance"] == helps_before
    activities = cli.json("list", "activities")
    text = json.dumps(activities, ensure_ascii=False)
    assert not [m for m in person.values() if any(part in text for part in (m[:12], m[-5:]))]
    erased = [a for a in activities if a["type"] == "contact.erased"]
    assert len(erased) == 1 and erased[0]["kind"] == "correction"
    assert erased[0]["payload"]["erased"] == ["nickname", "wechat_id", "phone", "notes"]
    merged = next(a for a in activities if a["type"] == "contact.merged")
    assert merged["payload"]["merged_nickname"] == done["pseudonym"]

    # Every backup still opens and holds the pseudonym.
    for path in (*data_dir.joinpath("backups").glob("pintuan-*.sqlite3"), *second.glob("pintuan-*.sqlite3")):
        conn = sqlite3.connect(path)
        names = {row[0] for row in conn.execute("SELECT nickname FROM contact")}
        conn.close()
        assert names == {done["pseudonym"]}
        assert backups.integrity_problems(path) == []

    # The game equals a fresh recompute.
    assert services.game.verify() == []
    before = game_rows(services)
    services.game.recompute()
    assert game_rows(services) == before


def test_the_pseudonym_is_in_the_profiles_language(data_dir: Path, clock: FixedClock) -> None:
    i18n.set_language("zh_CN")
    services = open_services(data_dir, clock)
    try:
        services.contacts.create(nickname="小红", phone="138")
        i18n.set_language("en")  # the language in force does not matter: the profile's does
        done = (services.erasure.erase_contact("小红").record or {})["erasure"]
        assert done["pseudonym"].startswith("群友 #")
    finally:
        services.store.close()


def test_a_deleted_or_merged_away_contact_is_erased_by_its_id(services: Services, second: Path) -> None:
    nick, phone, other = marker("n"), marker("p"), marker("o")
    gone = services.contacts.create(nickname=nick, phone=phone).entity_id
    services.contacts.edit(nick, phone="")
    services.contacts.delete(nick)
    away = services.contacts.create(nickname=other).entity_id
    services.contacts.create(nickname="keep")
    services.contacts.merge("keep", other)
    services.backups.backup()
    assert leaks([nick, phone, other], services.store.data_dir, second)
    services.erasure.erase_contact(str(gone))
    services.erasure.erase_contact(str(away))
    assert leaks([nick, phone, other], services.store.data_dir, second) == []
    with pytest.raises(Exception, match="No contact"):
        services.erasure.erase_contact(marker())


def test_clearing_a_field_forgets_its_old_values_only_when_asked(services: Services, second: Path) -> None:
    phone, wechat, url_secret = marker("p"), marker("w"), secrets.token_hex(8)
    services.contacts.create(nickname="阿强", phone=phone, wechat_id=wechat)
    services.deals.create(kind="bargain", title="奶粉", original_fen=1000,
                          url=f"https://mobile.yangkeduo.com/goods.html?goods_id=1&refer_share_uid={url_secret}")
    services.backups.backup()
    services.contacts.edit("阿强", wechat_id="")  # not asked: the old value stays in the history
    assert leaks([wechat], services.store.data_dir)
    result = services.contacts.edit("阿强", phone="", forget_old=True)
    assert (result.record or {})["erasure"]["backups"]["rewritten"]
    assert leaks([phone], services.store.data_dir, second) == []
    assert leaks([wechat], services.store.data_dir)  # only the fields this edit changed are forgotten
    services.deals.edit("奶粉", url="", forget_old=True)
    assert leaks([url_secret], services.store.data_dir, second) == []
    edits = [a for a in services.queries.activities() if a["type"] == "contact.edited"]
    assert {"phone": [None, None]} in [a["payload"]["changes"] for a in edits]
    assert services.contacts.detail("阿强")["contact"]["nickname"] == "阿强"  # the rest is untouched
    assert services.game.verify() == []


def test_a_backup_that_cannot_be_rewritten_is_removed_and_said(services: Services, data_dir: Path) -> None:
    nick = marker("n")
    services.contacts.create(nickname=nick)
    made = services.backups.backup().record or {}
    broken = data_dir / "backups" / "pintuan-20260101T000000000000Z-manual.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + nick.encode() * 200)
    damaged = data_dir / "pintuan.sqlite3.corrupt-20260101T000000000000Z"  # a copy moved aside: it still opens
    shutil.copyfile(made["path"], damaged)
    done = (services.erasure.erase_contact(nick).record or {})["erasure"]
    assert done["backups"]["removed"] == [str(broken)]
    assert done["backups"]["rewritten"] == [made["path"], str(damaged)]
    assert not broken.exists() and damaged.exists()
    assert leaks([nick], data_dir) == []


def test_wipe_leaves_an_empty_profile_and_no_backups(services: Services, person: dict[str, str], second: Path,
                                                     data_dir: Path) -> None:
    secret = services.profile.get()
    logs = data_dir / "logs"
    logs.mkdir()
    (logs / "pintuan.log.1").write_text(f"WARNING could not save {person['nick2']}\n", encoding="utf-8")
    result = services.erasure.wipe()
    record = result.record or {}
    assert len(record["backups"]["removed"]) == 6 and not record["backups"]["failed"] and record["logs"] == 1
    assert leaks(list(person.values()), data_dir, second) == []
    assert not list(second.glob("pintuan-*")) and not list((data_dir / "backups").glob("pintuan-*"))
    assert services.queries.contacts() == [] and services.queries.activities() == []
    assert services.profile.get()["id"] != secret["id"]  # a fresh profile
    assert services.game.verify() == []


def test_the_command_line_erases_wipes_and_forgets(cli: Cli, data_dir: Path) -> None:
    nick, phone = marker("n"), marker("p")
    cli.ok("add", "contact", "--nickname", nick, "--phone", phone)
    cli.ok("backup")
    count = len(backups.list_backups(data_dir / "backups"))
    out = cli.ok("edit", "contact", nick, "--phone", "", "--forget-old")
    assert f"Backups rewritten without it: {count}." in out
    assert leaks([phone], data_dir) == []
    out = cli.ok("erase", "contact", nick)
    assert "Member #" in out and f"Backups rewritten without it: {count}." in out
    assert leaks([nick], data_dir) == []
    err = cli.fails("wipe")
    assert "--yes-really" in err
    assert cli.json("list", "contacts")  # nothing was deleted
    out = cli.ok("wipe", "--yes-really")
    assert f"{count} backups" in out
    assert cli.json("list", "contacts") == []


def test_a_game_table_holding_a_value_is_rebuilt(services: Services, data_dir: Path) -> None:
    nick = marker("n")
    services.contacts.create(nickname=nick)
    services.helps.create(direction="given", kind="share", contact=nick)
    conn = sqlite3.connect(services.store.path)
    with conn:  # as if an older game had kept a name in its state
        conn.execute("INSERT INTO game_state (key, value) VALUES (?, ?)", ("test:name", json.dumps(nick)))
    conn.close()
    done = (services.erasure.erase_contact(nick).record or {})["erasure"]
    assert done["game_rebuilt"] is True
    assert leaks([nick], data_dir) == []
    assert services.game.verify() == []


def test_a_groups_rules_and_notes_and_a_helps_note_are_forgotten_when_asked(
    services: Services, second: Path, cli: Cli,
) -> None:
    """The issue's 'a note' is any note: a group's rules and notes and a help's note keep no old value either."""
    rules, notes, help_note, kept = marker("r"), marker("n"), marker("h"), marker("k")
    services.groups.create(name="宝妈群", rules=rules, notes=notes)
    services.contacts.create(nickname="小美")
    done = services.helps.create(direction="given", kind="bargain_cut", contact="小美", note=kept)
    services.helps.edit(str(done.entity_id), note=help_note)  # the correction holds [kept, help_note]
    services.backups.backup()
    services.groups.edit("宝妈群", rules="", notes="", forget_old=True)
    assert leaks([rules, notes], services.store.data_dir, second) == []
    cli.ok("edit", "help", str(done.entity_id), "--note", "", "--forget-old")
    assert leaks([help_note, kept], services.store.data_dir, second) == []
    assert services.game.verify() == []
