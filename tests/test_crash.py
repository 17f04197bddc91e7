"""The crash harness (bench/crash.py, bench/crash_checks.py): killed writers lose nothing; the checks catch damage."""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.services import Services
from app.store import Store
from bench import crash
from bench.crash_checks import Folder, check_folder
from tests.conftest import SHANGHAI, START

SEED = 20261125


@pytest.mark.slow
def test_twenty_kills_lose_no_acknowledged_write(tmp_path: Path) -> None:
    lines: list[str] = []
    result = crash.run(20, SEED, tmp_path, lines.append)
    report = "\n".join(lines)
    assert result.problems == [], report
    assert (result.kills, result.lost) == (20, 0), report
    assert result.committed >= 20, report
    # Every kind of moment was aimed at, and kills did land while operations ran, not only between them.
    assert result.targeted == {"help": 8, "backup": 4, "install": 4, "migrate": 4}, report
    assert sum(result.landed.values()) >= 5, report


@pytest.mark.slow
def test_the_bench_ends_with_the_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = crash.main(["--kills", "2", "--seed", "7", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert status == 0, out
    assert re.fullmatch(r"kills: 2, committed: \d+, lost: 0", out[-1]), out


# -- the checks find what they look for -------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    """A folder with a help, a backup and the game up to date, as a killed writer could leave it."""
    path = tmp_path / "data"
    store = Store.open(path)
    services = Services(store, FixedClock(START, SHANGHAI))
    contact = services.contacts.create(nickname="小美").entity_id
    made = services.helps.create(direction="given", kind="share", contact=str(contact)).entity_id
    assert made is not None and contact is not None
    store.backup("auto")
    store.close()
    return Folder(path, rows={"help": {made}, "contact": {contact}})


def only_backup(folder: Folder) -> Path:
    (backup,) = folder.backups.glob("pintuan-2*.sqlite3")
    return backup


def test_a_whole_folder_passes(folder: Folder) -> None:
    found = check_folder(folder, [only_backup(folder).name])
    assert (found.problems, found.missing, found.opened) == ([], [], True)


def test_an_acknowledged_help_that_is_gone_counts_as_lost(folder: Folder) -> None:
    ghost = uuid.uuid4()
    folder.rows["help"].add(ghost)
    found = check_folder(folder)
    assert found.missing == [f"help {ghost}"]
    assert found.problems == []


def test_an_acknowledged_backup_that_is_gone_counts_as_lost(folder: Folder) -> None:
    name = only_backup(folder).name
    only_backup(folder).unlink()
    assert check_folder(folder, [name]).missing == [f"backup {name} in {folder.backups}"]


def test_a_partial_file_with_a_backups_final_name_is_found(folder: Folder) -> None:
    backup = only_backup(folder)
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    (problem,) = check_folder(folder).problems
    assert "final name but is not whole" in problem and backup.name in problem


def test_a_backup_with_damaged_pages_is_found(folder: Folder) -> None:
    backup = only_backup(folder)
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # the header stays sane: only a full check sees the damage
    backup.write_bytes(bytes(data))
    (problem,) = check_folder(folder).problems
    assert "fails its check" in problem


def test_a_stray_file_among_the_backups_is_found_but_temporary_files_may_stay(folder: Folder) -> None:
    (folder.backups / ".pintuan-tmp-1-pintuan-20260101T000000000000Z-auto.sqlite3").write_bytes(b"half")
    stray = folder.backups / "pintuan-copy.sqlite3"
    stray.write_bytes(only_backup(folder).read_bytes())
    (problem,) = check_folder(folder).problems
    assert str(stray) in problem


def test_a_game_that_differs_from_a_recompute_is_found(folder: Folder) -> None:
    with sqlite3.connect(folder.path / "pintuan.sqlite3") as conn:
        deleted = conn.execute("DELETE FROM points_entry").rowcount
    assert deleted > 0
    (problem,) = check_folder(folder).problems
    assert "differs from a recompute" in problem


def test_rows_of_the_old_database_changed_after_its_migration_are_found(folder: Folder, tmp_path: Path) -> None:
    folder.before = tmp_path / "before.sqlite3"
    shutil.copyfile(folder.path / "pintuan.sqlite3", folder.before)
    assert check_folder(folder).problems == []
    # What a batch migration with foreign keys on did to bargain cuts: a reference quietly nulled.
    with sqlite3.connect(folder.path / "pintuan.sqlite3") as conn:
        conn.execute("UPDATE contact SET wechat_id = NULL, nickname = '小丽'")
    (problem,) = check_folder(folder).problems
    assert problem.startswith("contact: 1 rows of the old database were lost or changed")


def test_a_folder_that_cannot_be_opened_is_found(folder: Folder) -> None:
    (folder.path / "pintuan.sqlite3").write_bytes(b"not a database at all, but long enough to have a header" * 4)
    found = check_folder(folder)
    assert not found.opened
    assert "cannot open the folder" in found.problems[0]
