"""Import of a backup export: lossless into an empty folder, idempotent merges between machines in either order,
the later edit winning, deletions kept, hostile and non-backup files refused with nothing changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.errors import InvalidInput
from app.exchange.export import export
from app.exchange.importer import import_file
from app.paths import database_path
from app.privacy.presets import BUILT_IN
from app.services import Services, open_services
from tests.conftest import SHANGHAI, START

# Tables compared row for row; the game's are compared by what they hold (their derived ids are new).
DATA_TABLES = ("profile", "group", "activity_window", "contact", "contact_group", "deal", "price_tier",
               "bargain_cut", "help_request", "help_exchange", "ledger_settlement", "ledger_balance",
               "share_preset", "export_audit")


def table(path: Path, name: str, *, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")') if r[1] not in drop]
        names = ", ".join(f'"{c}"' for c in cols)
        return sorted(db.execute(f'SELECT {names} FROM "{name}"').fetchall(), key=repr)
    finally:
        db.close()


def facts(path: Path) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT seq, id, type, kind, at, recorded_at, entity_type, entity_id, payload, corrects, "
                          "superseded_by FROM activity WHERE kind != 'derived' ORDER BY seq").fetchall()
    finally:
        db.close()


def game(services: Services) -> tuple[Any, ...]:
    return services.game.score(), [(b["id"], b["earned_tier"], b["progress"]) for b in services.game.badges()]


def open_at(folder: Path, clock: FixedClock) -> Services:
    return open_services(folder, clock)


@pytest.fixture
def demo(tmp_path: Path, clock: FixedClock) -> Services:
    folder = tmp_path / "demo"
    create_demo_folder(folder, clock, activities=600, seed=3)
    services = open_at(folder, clock)
    services.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    yield services
    services.store.close()


def backup_of(services: Services, path: Path) -> Path:
    return export(services, BUILT_IN["backup"], path).path


def test_a_backup_imports_into_an_empty_folder_losslessly(demo: Services, tmp_path: Path, clock: FixedClock) -> None:
    exported = backup_of(demo, tmp_path / "backup.json")
    target = open_at(tmp_path / "new", clock)
    try:
        result = import_file(target, exported)
        assert result.record is not None and result.record["added"] > 600
        for name in DATA_TABLES:
            drop = ("id",) if name == "ledger_balance" else ()  # its own row numbers
            source = table(database_path(demo.store.data_dir), name, drop=drop)
            if name == "export_audit":  # the export that wrote the file is audited after it
                source = [row for row in source if "backup.json" not in row]
            assert table(database_path(tmp_path / "new"), name, drop=drop) == source, name
        logged = facts(database_path(demo.store.data_dir))
        assert logged[-1][2] == "export.made"  # the export that wrote the file is logged after it, like its audit
        assert facts(database_path(tmp_path / "new")) == logged[:-1]
        assert game(target) == game(demo)
        assert target.privacy.secret() == demo.privacy.secret()
    finally:
        target.store.close()


def test_importing_the_same_file_again_changes_nothing(demo: Services, tmp_path: Path, clock: FixedClock) -> None:
    exported = backup_of(demo, tmp_path / "backup.json")
    target = open_at(tmp_path / "new", clock)
    try:
        import_file(target, exported)
        before = {name: table(database_path(tmp_path / "new"), name) for name in DATA_TABLES}
        again = import_file(target, exported)
        assert again.record is not None
        assert (again.record["added"], again.record["updated"], again.record["deleted"]) == (0, 0, 0)
        assert {name: table(database_path(tmp_path / "new"), name) for name in DATA_TABLES} == before
    finally:
        target.store.close()


def machine(tmp_path: Path, name: str, clock: FixedClock, seed_file: Path | None = None) -> Services:
    services = open_at(tmp_path / name, clock)
    if seed_file is not None:
        import_file(services, seed_file)
    return services


def test_two_machines_merge_without_duplicates_in_either_order_and_the_later_edit_wins(
    tmp_path: Path, clock: FixedClock,
) -> None:
    first = machine(tmp_path, "a", clock)
    who = first.contacts.create(nickname="小美", phone="13800000000").entity_id
    first.helps.create(direction="given", kind="share", contact=str(who))
    common = backup_of(first, tmp_path / "common.json")
    second = machine(tmp_path, "b", clock, common)
    try:
        clock.advance(minutes=5)
        first.contacts.edit(str(who), phone="13911111111")  # edited on A first…
        first.helps.create(direction="received", kind="share", contact=str(who), note="on A")
        clock.advance(minutes=5)
        second.contacts.edit(str(who), phone="13922222222")  # …and later on B: B's edit wins
        second.helps.create(direction="given", kind="boost_click", contact=str(who), note="on B")
        from_a, from_b = backup_of(first, tmp_path / "a.json"), backup_of(second, tmp_path / "b.json")
        results = []
        for order, files in (("ab", (from_a, from_b)), ("ba", (from_b, from_a))):
            merged = machine(tmp_path, order, clock)
            try:
                for file in files:
                    import_file(merged, file)
                contacts = merged.queries.contacts()
                helps = sorted(h["note"] for h in merged.queries.helps())
                log = sorted(a[1] for a in facts(database_path(tmp_path / order)))
                results.append((len(contacts), contacts[0]["phone"], helps, log))
            finally:
                merged.store.close()
        assert results[0] == results[1]
        count, phone, helps, log = results[0]
        assert (count, phone, helps) == (1, "13922222222", ["", "on A", "on B"])
        assert len(log) == len(set(log))  # no entry twice
        edits = [a for a in facts(database_path(tmp_path / "a")) if a[2] == "contact.edited"]
        assert edits  # both edits stay in the log (checked on the merged folders above through the ids)
    finally:
        first.store.close()
        second.store.close()


def test_a_deletion_on_one_machine_survives_the_merge(tmp_path: Path, clock: FixedClock) -> None:
    first = machine(tmp_path, "a", clock)
    who = first.contacts.create(nickname="小美").entity_id
    help_id = first.helps.create(direction="given", kind="share", contact=str(who)).entity_id
    common = backup_of(first, tmp_path / "common.json")
    second = machine(tmp_path, "b", clock, common)
    try:
        clock.advance(minutes=5)
        second.helps.delete(str(help_id))
        import_file(second, backup_of(first, tmp_path / "a.json"))  # A still has it: it does not come back
        assert second.queries.helps() == []
        import_file(first, backup_of(second, tmp_path / "b.json"))  # and A learns of the deletion
        assert first.queries.helps() == []
    finally:
        first.store.close()
        second.store.close()


def test_an_import_names_the_contacts_whose_nickname_matches_one_already_here(
    tmp_path: Path, clock: FixedClock,
) -> None:
    first = machine(tmp_path, "a", clock)
    second = machine(tmp_path, "b", clock)
    try:
        mine = first.contacts.create(nickname="Alice Wang").entity_id
        first.contacts.create(nickname="小美")
        theirs = second.contacts.create(nickname="  alice   WANG").entity_id  # the same person, typed otherwise
        second.contacts.create(nickname="Bob")
        second.helps.create(direction="given", kind="share", contact=str(theirs))
        from_b = backup_of(second, tmp_path / "b.json")
        dry = import_file(first, from_b, dry_run=True).record
        done = import_file(first, from_b).record
        pair = {"imported_id": str(theirs), "imported_nickname": "alice   WANG",
                "existing_id": str(mine), "existing_nickname": "Alice Wang"}
        assert dry is not None and done is not None
        assert dry["matching_contacts"] == done["matching_contacts"] == [pair]
        assert import_file(first, from_b).record["matching_contacts"] == []  # nothing new the second time
        first.contacts.merge(str(mine), str(theirs))  # what the window offers: one Alice, with B's help
        names = sorted(c["nickname"] for c in first.queries.contacts())
        assert names == ["Alice Wang", "Bob", "小美"]
        assert [h["contact_id"] for h in first.queries.helps()] == [str(mine)]
        # The same file again does not bring the merged Alice back; a later file's new help for her goes to
        # the Alice kept.
        again = import_file(first, from_b).record
        assert again["added"] == 0 and again["matching_contacts"] == []
        clock.advance(minutes=5)
        second.helps.create(direction="received", kind="share", contact=str(theirs), note="later on B")
        import_file(first, backup_of(second, tmp_path / "b2.json"))
        assert sorted(c["nickname"] for c in first.queries.contacts()) == names
        assert {h["note"]: h["contact_id"] for h in first.queries.helps()}["later on B"] == str(mine)
    finally:
        first.store.close()
        second.store.close()


def test_a_friends_export_is_refused_and_changes_nothing(demo: Services, tmp_path: Path) -> None:
    friends = export(demo, BUILT_IN["friends"], tmp_path / "friends.json").path
    before = table(database_path(demo.store.data_dir), "contact")
    with pytest.raises(InvalidInput) as caught:
        import_file(demo, friends)
    assert "pseudonym" in caught.value.message
    assert table(database_path(demo.store.data_dir), "contact") == before


@pytest.mark.parametrize("mutate, place", [
    (lambda d: d["helps"][1].update(at="yesterday"), "helps[1].at"),
    (lambda d: d["contacts"][0].update(trust="best"), "contacts[0].trust"),
    (lambda d: d["groups"][0].pop("name"), "groups[0].name"),
    (lambda d: d["helps"][0].update(contact_id="00000000-0000-4000-8000-000000000000"), "helps[0]"),
    (lambda d: d["deals"][0].update(surprise=1), "deals[0].surprise"),
    (lambda d: d["activities"][0].update(payload=[1]), "activities[0].payload"),
    (lambda d: d["helps"][0].update(amount_fen=True), "helps[0].amount_fen"),
])
def test_a_bad_record_is_refused_with_its_place_and_nothing_changes(
    demo: Services, tmp_path: Path, mutate: Any, place: str,
) -> None:
    document = json.loads(backup_of(demo, tmp_path / "b.json").read_text(encoding="utf-8"))
    mutate(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = open_at(tmp_path / "new", FixedClock(START, SHANGHAI))
    try:
        before = {name: table(database_path(tmp_path / "new"), name) for name in DATA_TABLES}
        with pytest.raises(InvalidInput) as caught:
            import_file(target, bad)
        assert place in caught.value.message
        assert {name: table(database_path(tmp_path / "new"), name) for name in DATA_TABLES} == before
    finally:
        target.store.close()


def test_the_command_line_imports_with_a_dry_run_first(demo: Services, tmp_path: Path, cli: Any) -> None:
    exported = backup_of(demo, tmp_path / "backup.json")
    preview = cli.json("import", str(exported), "--dry-run")
    assert preview["dry_run"] is True and preview["added"] > 600
    assert not cli.data_dir.exists() or cli.json("list", "contacts") == []
    done = cli.json("import", str(exported))
    # The folder's new profile is replaced by the file's older one: counted as updated, not added.
    assert done["added"] + done["updated"] == preview["added"] and "helps" in done["areas"]
    again = cli.json("import", str(exported))
    assert again["added"] == again["updated"] == 0


def test_export_and_import_show_progress_on_a_terminal_and_nothing_in_a_pipe(
    demo: Services, tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from app.main import main
    from tests.test_cli import Terminal

    monkeypatch.setattr("app.exchange.export.TICK", 100)
    monkeypatch.setattr("app.exchange.importer.TICK", 100)
    folder = ["--data-dir", str(demo.store.data_dir)]
    demo.store.close()
    target = tmp_path / "backup.json"
    err = Terminal()
    assert main(["export", "--preset", "backup", "-o", str(target), *folder], clock=cli.clock, out=io.StringIO(),
                err=err) == 0
    total = sum(json.loads(target.read_text(encoding="utf-8"))["summary"]["counts"].values())
    lines = err.getvalue().split("\r")[1:]
    assert lines[0] == f"Exporting: 100 of {total:,} records…"
    assert len(lines) == total // 100 and lines[-1].endswith("records…\n")
    err = Terminal()
    into = ["--data-dir", str(tmp_path / "new")]
    assert main(["import", str(target), *into], clock=cli.clock, out=io.StringIO(), err=err) == 0
    lines = err.getvalue().split("\r")[1:]
    # The checking pass counts without a total, then the load counts out of the file's records.
    records = total + 1  # the profile is a record too
    assert lines[0] == "Checking: 100 records…" and lines[total // 100] == f"Importing: 100 of {records:,} records…"
    assert len(lines) == 2 * (records // 100) and lines[-1].endswith("records…\n")
    code, _, piped = cli("import", str(target))  # in a pipe: no progress
    assert code == 0 and piped == ""
