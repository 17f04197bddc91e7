"""The store: pragmas in force, migrations on open, newer-schema refusal, backups, checks, outside changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import DamagedDatabase, MissingDatabase, NewerSchema, StoreError
from app.model import Contact, Group
from app.store import Store, database_path, head_revision

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema_*.sqlite3"))


def test_pragmas_in_force_on_every_connection(store: Store) -> None:
    assert store.pragmas() == {
        "journal_mode": "wal",
        "synchronous": "2",  # FULL
        "foreign_keys": "1",
        "busy_timeout": "10000",
        "trusted_schema": "0",
        "secure_delete": "1",
    }


def test_an_empty_file_is_never_taken_for_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir()
    database_path(data_dir).touch()
    with pytest.raises(DamagedDatabase, match="empty file") as raised:
        Store.open(data_dir)
    assert raised.value.bad_copy is not None and raised.value.bad_copy.name.startswith("pintuan.sqlite3.corrupt-")
    assert not database_path(data_dir).exists()
    with pytest.raises(MissingDatabase, match="restore --empty"):  # the next start asks too: never silently empty
        Store.open(data_dir)


def test_first_open_creates_folder_and_database(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder"
    store = Store.open(target)
    store.close()
    assert database_path(target).is_file()
    assert not (target / "backups").exists(), "a brand-new database needs no backup"


def test_refuses_a_database_from_a_newer_app(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    before = database_path(store.data_dir).read_bytes()
    with pytest.raises(NewerSchema, match="newer version"):
        Store.open(store.data_dir)
    assert database_path(store.data_dir).read_bytes() == before


def test_a_file_that_is_not_a_database_is_explained(data_dir: Path) -> None:
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not an SQLite database.*restore --empty"):
        Store.open(data_dir)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_saved_schema_upgrades_to_head_with_its_data(fixture: Path, tmp_path: Path) -> None:
    shutil.copy(fixture, database_path(tmp_path))
    old_revision = sqlite3.connect(fixture).execute("SELECT version_num FROM alembic_version").fetchone()[0]
    store = Store.open(tmp_path)
    try:
        assert store.current_revision() == head_revision()
        assert store.check().ok
        with store.read() as session:
            names = set(session.scalars(select(Group.name)))
            nicknames = set(session.scalars(select(Contact.nickname)))
        assert {"宝妈拼团群", "Campus Deals"} <= names
        assert {"小美", "Alice"} <= nicknames
        backups = list((tmp_path / "backups").glob("*.sqlite3"))
        assert bool(backups) == (old_revision != head_revision())
    finally:
        store.close()


NEXT_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("scratch")
"""


def test_pending_migration_runs_after_a_backup(
    store: Store, services: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.store

    scripts = tmp_path / "migrations"
    shutil.copytree(app.store.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9001_scratch.py").write_text(NEXT_REVISION.format(head=head))
    with store.write() as session:
        session.add(Group(name="老群", created_at=services.clock.now(), updated_at=services.clock.now()))  # type: ignore[attr-defined]
    store.close()
    monkeypatch.setattr(app.store, "MIGRATIONS_DIR", scripts)
    reopened = Store.open(store.data_dir)
    try:
        assert reopened.current_revision() == "9001"
        backups = list((store.data_dir / "backups").glob("pintuan-*-before-9001.sqlite3"))
        assert len(backups) == 1
        saved = sqlite3.connect(backups[0])
        assert saved.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert saved.execute('SELECT name FROM "group"').fetchall() == [("老群",)]
        saved.close()
    finally:
        reopened.close()


def test_backup_is_a_consistent_copy_and_keeps_the_last_two_days(store: Store, services: object) -> None:
    from app.services import Services

    assert isinstance(services, Services)
    services.groups.create(name="生鲜团购")
    paths = [store.backup(f"n{i:02d}").path for i in range(13)]
    kept = sorted((store.data_dir / "backups").glob("*.sqlite3"))
    assert kept == sorted(paths)  # everything from the last 48 hours stays
    copy = sqlite3.connect(paths[-1])
    assert copy.execute('SELECT name FROM "group"').fetchall() == [("生鲜团购",)]
    copy.close()


def test_check_finds_foreign_key_problems(store: Store) -> None:
    raw = sqlite3.connect(store.path)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute(
        "INSERT INTO activity_window (id, group_id, weekday, start, \"end\") "
        "VALUES ('00000000000000000000000000000001', '00000000000000000000000000000002', 1, '20:00:00', '21:00:00')"
    )
    raw.commit()
    raw.close()
    report = store.check()
    assert not report.ok
    assert report.foreign_key_problems and "activity_window" in report.foreign_key_problems[0]


def test_writes_take_the_lock_up_front(store: Store) -> None:
    other = sqlite3.connect(store.path, timeout=0)
    try:
        with store.write() as session:
            session.execute(select(Group.id)).all()  # a read first: the transaction still holds the write lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write committed
        other.rollback()
    finally:
        other.close()


def test_data_version_sees_other_writers(store: Store) -> None:
    first = store.data_version()
    assert store.data_version() == first
    outside = sqlite3.connect(store.path)
    outside.execute("CREATE TABLE scratch (x)")
    outside.commit()
    outside.close()
    assert store.data_version() != first
