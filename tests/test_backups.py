"""Backups: verified before they count, thinned like Anki's, listed, restored, copied to a second folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from app import backups
from app.backups import Backup, list_backups, to_thin, write_backup
from app.clock import FixedClock
from app.store import Store, database_path
from tests.conftest import START
from tests.test_cli import Cli

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _at(hours: float) -> Backup:
    when = NOW - dt.timedelta(hours=hours)
    return Backup(Path(f"pintuan-{backups.stamp_of(when)}-auto.sqlite3"), when, 1, True, "auto")


# (ages in hours of the verified backups, the ages that thinning removes)
THINNING_CASES = [
    ([], []),
    ([0.5], []),
    ([0, 1, 2, 24, 47], []),  # everything from the last 48 hours stays
    ([1, 49, 49.5, 50], [49.5, 50]),  # one a day after that (the newest of the day: 49 h is 11:00 of Dec 2)
    ([1, 24 * 3 + 1, 24 * 3 + 2, 24 * 4 + 1], [24 * 3 + 2]),
    # weeks after 14 days (weeks of the Unix epoch, from Thursday): Thu 19 Nov alone, Tue 17 and Wed 18 together
    ([1, 24 * 15, 24 * 16, 24 * 17], [24 * 17]),
    ([1, 24 * 100, 24 * 101, 24 * 140], [24 * 101]),  # months after 8 weeks
    ([1, 24 * 366, 24 * 400], [24 * 366, 24 * 400]),  # nothing older than a year...
    ([24 * 400], []),  # ...but the newest is always kept
]


@pytest.mark.parametrize(("ages", "removed"), THINNING_CASES)
def test_thinning_keeps_the_newest_of_each_period(ages: list[float], removed: list[float]) -> None:
    found = [_at(age) for age in ages]
    gone = to_thin(found, NOW)
    assert sorted(round((NOW - b.at).total_seconds() / 3600, 3) for b in gone) == sorted(removed)


def test_thinning_ignores_unverified_files() -> None:
    good = _at(30 * 24)
    partial = Backup(Path("p.sqlite3"), NOW - dt.timedelta(days=30, hours=1), 0, False, "auto")
    assert to_thin([good, partial], NOW) == []  # the unverified file neither counts nor pushes the good one out


def test_thinning_is_stable_as_time_goes_on() -> None:
    """What is kept today is not removed tomorrow just because the periods moved."""
    found = [_at(h) for h in range(0, 24 * 60, 5)]
    kept = [b for b in found if b not in to_thin(found, NOW)]
    later = NOW + dt.timedelta(hours=7)
    again = [b for b in kept if b not in to_thin(kept, later)]
    assert len(kept) - len(again) <= 2


@pytest.fixture
def world(cli: Cli) -> Cli:
    cli.ok("add", "group", "--name", "宝妈拼团群")
    cli.ok("add", "contact", "--nickname", "小美")
    cli.ok("backup")
    return cli


def _names(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return sorted(r[0] for r in conn.execute("SELECT nickname FROM contact"))
    finally:
        conn.close()


def test_backup_is_verified_and_a_plain_file(world: Cli) -> None:
    made = json.loads(world.ok("backup", "--json"))
    assert set(made) == {"path", "at", "size", "verified"} and made["verified"] is True
    path = Path(made["path"])
    assert path.is_file() and not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file the sqlite3 tool opens
    assert conn.execute("SELECT nickname FROM contact").fetchall() == [("小美",)]
    conn.close()
    listed = world.json("backups")
    assert isinstance(listed, list) and listed[0] == made  # newest first
    assert all(set(b) == {"path", "at", "size", "verified"} for b in listed)


def test_a_partial_backup_never_counts(world: Cli, data_dir: Path) -> None:
    folder = data_dir / "backups"
    good = list_backups(folder)[-1]
    # What an interrupted copy of the old code left: a final name, 0 bytes or half a file, a journal beside it.
    empty = folder / f"pintuan-{backups.stamp_of(START + dt.timedelta(hours=1))}-manual.sqlite3"
    empty.touch()
    half = folder / f"pintuan-{backups.stamp_of(START + dt.timedelta(hours=2))}-manual.sqlite3"
    half.write_bytes(good.path.read_bytes()[: good.size // 2])
    listed = {Path(b["path"]).name: b["verified"] for b in world.json("backups")}
    assert listed[empty.name] is False and listed[half.name] is False and listed[good.path.name] is True
    assert backups.latest_verified(folder) == good
    world.ok("add", "contact", "--nickname", "Alice")
    out = world.ok("restore", "--latest")
    assert good.path.name in out
    assert _names(data_dir) == ["小美"]


def test_temporary_files_of_a_killed_backup_are_swept(world: Cli, data_dir: Path) -> None:
    folder = data_dir / "backups"
    dead = 2**22 + 12345  # above the default pid_max of many systems; checked below
    while backups.pid_alive(dead):
        dead += 1
    leftover = folder / f".pintuan-tmp-{dead}-pintuan-20261125T120000000000Z-manual.sqlite3"
    leftover.write_bytes(b"half")
    Path(f"{leftover}-journal").write_bytes(b"j")
    world.ok("backup")
    assert not leftover.exists() and not Path(f"{leftover}-journal").exists()
    assert all(b.verified for b in list_backups(folder))


def test_restore_backs_up_the_current_state_first(world: Cli, data_dir: Path) -> None:
    first = json.loads(world.ok("backup", "--json"))
    world.ok("add", "contact", "--nickname", "Alice")
    out = world.ok("restore", first["path"])
    assert "kept in" in out
    assert _names(data_dir) == ["小美"]
    before = [b for b in list_backups(data_dir / "backups") if b.reason == "before-restore"]
    assert len(before) == 1
    conn = sqlite3.connect(before[0].path)
    assert sorted(r[0] for r in conn.execute("SELECT nickname FROM contact")) == ["Alice", "小美"]
    conn.close()
    assert world.ok("recompute", "--verify").strip().endswith("matches the facts.")


@pytest.mark.parametrize("kind", ["text", "fifo", "missing", "half"])
def test_restoring_a_bad_file_changes_nothing(world: Cli, data_dir: Path, tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "bad.sqlite3"
    if kind == "text":
        bad.write_text("not a database")
    elif kind == "fifo":
        os.mkfifo(bad)  # must be refused without opening it (opening would hang)
    elif kind == "half":
        good = Path(json.loads(world.ok("backup", "--json"))["path"])
        bad.write_bytes(good.read_bytes()[:1500])
    before = database_path(data_dir).read_bytes()
    world.fails("restore", str(bad), code=2)
    assert _names(data_dir) == ["小美"]
    assert database_path(data_dir).read_bytes() == before
    assert not [b for b in list_backups(data_dir / "backups") if b.reason == "before-restore"]


def test_restore_latest_without_backups_is_one_line(cli: Cli) -> None:
    cli.ok("add", "group", "--name", "群")
    for backup in list_backups(cli.data_dir / "backups"):
        backup.path.unlink()
    assert "no verified backup" in cli.fails("restore", "--latest", code=1)


def test_a_missing_database_with_backups_is_not_replaced_silently(world: Cli, data_dir: Path) -> None:
    world.ok("backup")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database_path(data_dir)}{suffix}").unlink(missing_ok=True)
    err = world.fails("add", "contact", "--nickname", "Bob", code=1)
    assert "restore --latest" in err and "restore --empty" in err
    assert not database_path(data_dir).exists()
    world.ok("restore", "--latest")
    assert _names(data_dir) == ["小美"]


def test_restore_empty_starts_anew_on_purpose(world: Cli, data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database_path(data_dir)}{suffix}").unlink(missing_ok=True)
    world.ok("restore", "--empty")
    assert _names(data_dir) == []
    world.fails("restore", "--empty", code=2)  # never over an existing database


def test_automatic_backup_at_most_every_30_minutes(cli: Cli, data_dir: Path) -> None:
    folder = data_dir / "backups"
    cli.ok("add", "group", "--name", "群")
    assert list_backups(folder) == []  # a new folder: nothing to back up before its first write
    cli.ok("add", "contact", "--nickname", "Ann")
    assert [b.reason for b in list_backups(folder)] == ["auto"]  # before the second write: there was none yet
    conn = sqlite3.connect(list_backups(folder)[0].path)
    assert conn.execute('SELECT count(*) FROM "group"').fetchone()[0] == 1  # taken before that write
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
    conn.close()
    cli.ok("add", "contact", "--nickname", "Cy")
    assert len(list_backups(folder)) == 1  # 0 minutes later
    cli.clock.advance(minutes=31)
    cli.ok("list", "contacts")  # reading changes nothing: no backup
    assert len(list_backups(folder)) == 1
    cli.ok("add", "contact", "--nickname", "Bo")
    assert [b.reason for b in list_backups(folder)] == ["auto", "auto"]


def test_second_folder_receives_each_backup(world: Cli, data_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "usb"
    world.fails("backups", "--second-folder", str(second), code=2)  # it must exist
    second.mkdir()
    world.ok("backups", "--second-folder", str(second))
    made = json.loads(world.ok("backup", "--json"))
    copy = second / Path(made["path"]).name
    assert copy.read_bytes() == Path(made["path"]).read_bytes()
    second.rename(tmp_path / "unplugged")
    code, out, err = world("backup")  # the drive is gone: the backup itself still succeeds, with a warning
    assert code == 0 and "second folder" in err
    world.ok("backups", "--no-second-folder")
    assert world.ok("backup").count("\n") == 1


def test_a_failed_migration_puts_the_data_back(store: Store, services: object, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import app.store
    from app.errors import StoreError
    from app.model import Group
    from app.store import head_revision

    with store.write() as session:
        session.add(Group(name="老群", created_at=START, updated_at=START))
    store.close()
    scripts = tmp_path / "migrations"
    shutil.copytree(app.store.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9002_broken.py").write_text(BROKEN.format(head=head_revision()))
    monkeypatch.setattr(app.store, "MIGRATIONS_DIR", scripts)
    with pytest.raises(StoreError, match="put back as it was"):
        Store.open(store.data_dir)
    monkeypatch.undo()
    reopened = Store.open(store.data_dir)
    try:
        assert reopened.current_revision() == head_revision()
        assert reopened.check().ok
        conn = sqlite3.connect(reopened.path)
        assert conn.execute('SELECT name FROM "group"').fetchall() == [("老群",)]
        assert "half" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        conn.close()
    finally:
        reopened.close()


BROKEN = '''"""broken"""
import sqlalchemy as sa
from alembic import op

revision = "9002"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half", sa.Column("id", sa.Integer, primary_key=True))
    op.execute('UPDATE "group" SET name = \\'changed\\'')
    raise RuntimeError("this revision fails half-way")


def downgrade() -> None:
    pass
'''


def test_write_backup_of_a_missing_source_leaves_nothing(tmp_path: Path) -> None:
    from app.errors import StoreError

    folder = tmp_path / "backups"
    with pytest.raises(StoreError):
        write_backup(tmp_path / "none.sqlite3", folder, "manual", NOW)
    assert list(folder.iterdir()) == []


REBUILD = '''"""rebuild a referenced table"""
from alembic import op

revision = "9003"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("help_exchange", recreate="always"):
        pass


def downgrade() -> None:
    pass
'''


def test_a_migration_that_rebuilds_a_table_keeps_the_references(
    data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuilding help_exchange with foreign keys on would null every bargain cut's help (ON DELETE SET NULL)."""
    import shutil

    import app.store
    from app.services import Services
    from app.store import head_revision

    store = Store.open(data_dir)
    services = Services(store, clock)
    services.contacts.create(nickname="小美")
    deal = services.deals.create(kind="bargain", title="奶粉", original_fen=10000, target_fen=0, mine=True)
    services.helps.create(direction="received", kind="bargain_cut", contact="小美", deal=str(deal.entity_id),
                          amount_fen=100)
    store.close()
    conn = sqlite3.connect(database_path(data_dir))
    linked = conn.execute("SELECT count(*) FROM bargain_cut WHERE help_id IS NOT NULL").fetchone()[0]
    conn.close()
    assert linked == 1
    scripts = tmp_path / "migrations"
    shutil.copytree(app.store.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9003_rebuild.py").write_text(REBUILD.format(head=head_revision()))
    monkeypatch.setattr(app.store, "MIGRATIONS_DIR", scripts)
    Store.open(data_dir).close()
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9003"
    assert conn.execute("SELECT count(*) FROM bargain_cut WHERE help_id IS NOT NULL").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # a fresh connection: nothing leaked here
    conn.close()


def test_salvage_reads_a_truncated_file(world: Cli, data_dir: Path) -> None:
    from app.services import Services

    store = Store.open(data_dir)
    services = Services(store, world.clock)
    for i in range(300):
        services.contacts.create(nickname=f"友{i:03d}", notes="n" * 200)
    store.close()
    for backup in list_backups(data_dir / "backups"):
        backup.path.unlink()
    world.ok("check")  # checkpoints the log into the file
    path = database_path(data_dir)
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size - 1000)
    err = world.fails("list", "contacts", code=1)
    assert "restore --salvage" in err and ".corrupt-" in err
    out = world.ok("restore", "--salvage")
    assert "Salvaged" in out
    names = _names(data_dir)
    assert "小美" in names and len(names) >= 250  # all but what stood on the lost page(s)
    world.ok("check")
    assert world.ok("recompute", "--verify").strip().endswith("matches the facts.")


def test_a_pack_install_backs_up_first_and_a_refused_pack_does_not(world: Cli, data_dir: Path, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 'x'\n[[[", encoding="utf-8")
    world.fails("quests", "install", str(bad))
    assert not [b for b in list_backups(data_dir / "backups") if b.reason == "before-pack"]
    world.ok("quests", "install", str(root / "docs" / "examples" / "fresh-food-friend.toml"))
    assert [b.reason for b in list_backups(data_dir / "backups")].count("before-pack") == 1


def test_screenshots_refuse_an_empty_out(world: Cli) -> None:
    world.fails("screenshots", "--out", "")


def test_the_automatic_backup_finds_a_damaged_database_before_a_write(world: Cli, data_dir: Path) -> None:
    """Damage inside a page no command reads: the verification of the due backup finds it, nothing is written."""
    world.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    world.clock.advance(minutes=31)
    world.ok("add", "contact", "--nickname", "Bo")  # the data changed since the last backup
    world.clock.advance(minutes=31)
    world.ok("check")  # checkpoints everything into the file
    conn = sqlite3.connect(database_path(data_dir))
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_help_exchange_direction_at'").fetchone()[0]
    conn.close()
    with open(database_path(data_dir), "r+b") as handle:  # scramble an index page: reads go by the tables
        handle.seek((root - 1) * page_size + 8)
        handle.write(bytes(range(256)) * 4)
    before = sorted(p.name for p in data_dir.iterdir())
    err = world.fails("add", "contact", "--nickname", "Cy", code=1)
    assert "is damaged" in err and ".corrupt-" in err
    assert not database_path(data_dir).exists()
    assert len([p for p in data_dir.iterdir() if ".corrupt-" in p.name and p.suffix != ""]) >= 1
    assert sorted(p.name for p in data_dir.iterdir()) != before
