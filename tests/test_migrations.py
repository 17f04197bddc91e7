"""Migrations: a saved database for every revision upgrades to the head with all its rows; pytest-alembic's checks."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import alembic.config
import pytest
from alembic.script import ScriptDirectory
from pytest_alembic import Config as AlembicTestConfig
from pytest_alembic import MigrationContext
from pytest_alembic import runner as alembic_runner_for
from pytest_alembic import tests as builtin

from app.clock import FixedClock
from app.services import Services
from app.store import MIGRATIONS_DIR, Store, database_path, head_revision

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = ROOT / "tests" / "fixtures"
SAVED = sorted(FIXTURES_DIR.glob("schema_*.sqlite3"))

Rows = dict[tuple[Any, ...], dict[str, Any]]


def _alembic_config() -> alembic.config.Config:
    cfg = alembic.config.Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _revisions() -> list[str]:
    """Every revision in the history, oldest first."""
    return [script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()][::-1]


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema_")


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name"
        )
    ]


def _contents(path: Path) -> dict[str, Rows]:
    """Every row of every table, keyed by primary key (rowid where a table has none)."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        contents: dict[str, Rows] = {}
        for table in _tables(conn):
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            key = [row["name"] for row in sorted(info, key=lambda row: row["pk"]) if row["pk"]]
            select = f'SELECT * FROM "{table}"' if key else f'SELECT rowid AS "rowid", * FROM "{table}"'
            key = key or ["rowid"]
            contents[table] = {tuple(row[name] for name in key): dict(row) for row in conn.execute(select).fetchall()}
        return contents
    finally:
        conn.close()


def _normalised_sql(sql: str | None) -> str | None:
    # Batch operations rewrite CREATE statements with their own quoting and spacing: compare what they say.
    if sql is None:
        return None
    sql = sql.replace('"', "").replace("`", "")
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(r"\s*([(),])\s*", r"\1", sql).strip()
    # A batch copy writes a table's constraints in no set order (Alembic keeps them in a set): compare them sorted.
    head, paren, body = sql.partition("(")
    if not head.startswith("CREATE TABLE") or not body.endswith(")"):
        return sql
    items, depth, start = [], 0, 0
    for index, char in enumerate(body[:-1]):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(body[start:index])
            start = index + 1
    items.append(body[start:-1])
    columns = [item for item in items if not item.startswith("CONSTRAINT")]
    constraints = sorted(item for item in items if item.startswith("CONSTRAINT"))
    return head + paren + ",".join(columns + constraints) + ")"


def _schema(path: Path) -> dict[str, tuple[str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return {name: (kind, table, _normalised_sql(sql)) for kind, name, table, sql in rows}


def _pragma(path: Path, name: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(row) for row in conn.execute(f"PRAGMA {name}")]
    finally:
        conn.close()


def _lost_or_changed(before: dict[str, Rows], after: dict[str, Rows]) -> list[str]:
    """What of ``before`` is not in ``after``: dropped tables, lost rows, changed values in kept columns."""
    problems: list[str] = []
    for table, rows in before.items():
        if table not in after:
            problems.append(f"table {table} ({len(rows)} rows) is gone")
            continue
        for key, old in rows.items():
            new = after[table].get(key)
            if new is None:
                problems.append(f"{table} {key}: row lost")
                continue
            problems += [
                f"{table} {key}.{column}: {old[column]!r} became {new[column]!r}"
                for column in old.keys() & new.keys()
                if old[column] != new[column]
            ]
    return problems


@pytest.fixture(scope="module")
def head_schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, str | None]]:
    """The schema of a brand-new database, created by the app at the head."""
    folder = tmp_path_factory.mktemp("fresh")
    Store.open(folder).close()
    return _schema(database_path(folder))


# -- every revision has its saved database ---------------------------------------------------------------


def test_every_revision_has_a_saved_database() -> None:
    revisions = _revisions()
    saved = {_revision_of(fixture) for fixture in SAVED}
    missing = [revision for revision in revisions if revision not in saved]
    assert not missing, f"no saved database for {missing}: run `python tools/make_fixture.py` at that revision"
    assert saved <= set(revisions), f"saved databases of unknown revisions: {sorted(saved - set(revisions))}"
    assert revisions[-1] == head_revision()


@pytest.mark.parametrize("fixture", SAVED, ids=[f.stem for f in SAVED])
def test_saved_database_is_at_its_revision(fixture: Path) -> None:
    assert _pragma(fixture, "journal_mode") == [("delete",)], "a saved database must be one self-contained file"
    conn = sqlite3.connect(fixture)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(_revision_of(fixture),)]
    finally:
        conn.close()


def _make_fixture_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_fixture", ROOT / "tools" / "make_fixture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_maker_puts_rows_in_every_table(tmp_path: Path) -> None:
    """The next saved database will cover every table, so its upgrade test compares real rows everywhere."""
    store = Store.open(tmp_path)
    try:
        clock = FixedClock(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC), ZoneInfo("Asia/Shanghai"))
        _make_fixture_module().fill(Services(store, clock))
    finally:
        store.close()
    contents = _contents(database_path(tmp_path))
    assert sorted(table for table, rows in contents.items() if not rows) == []


# -- every saved database upgrades to the head with its data ---------------------------------------------


@pytest.mark.parametrize("fixture", SAVED, ids=[f.stem for f in SAVED])
def test_saved_database_upgrades_to_head_keeping_every_row(
    fixture: Path, tmp_path: Path, head_schema: dict[str, tuple[str, str, str | None]]
) -> None:
    target = database_path(tmp_path)
    shutil.copy(fixture, target)
    before = _contents(target)
    assert sum(len(rows) for rows in before.values()) > 0, "an empty saved database proves nothing"

    Store.open(tmp_path).close()

    after = _contents(target)
    assert _lost_or_changed(before, after) == []
    assert _pragma(target, "integrity_check") == [("ok",)]
    assert _pragma(target, "foreign_key_check") == []
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    finally:
        conn.close()
    # Names first, for a readable failure; then each object's definition.
    schema = _schema(target)
    assert sorted(schema) == sorted(head_schema)
    assert schema == head_schema


def test_comparison_sees_a_lost_row_and_a_changed_value() -> None:
    """The helper the upgrade test relies on reports what went missing, not just that something did."""
    before: dict[str, Rows] = {"t": {(1,): {"id": 1, "v": "a"}, (2,): {"id": 2, "v": "b"}}, "gone": {(1,): {"id": 1}}}
    after: dict[str, Rows] = {"t": {(1,): {"id": 1, "v": "A", "new": 0}}}
    assert sorted(_lost_or_changed(before, after)) == [
        "t (1,).v: 'a' became 'A'",
        "t (2,): row lost",
        "table gone (1 rows) is gone",
    ]


# -- pytest-alembic's built-in checks ----------------------------------------------------------------------


@pytest.fixture
def alembic_runner(tmp_path: Path) -> Iterator[MigrationContext]:
    """pytest-alembic's runner over a connection of the app's own engine (its pragmas, foreign keys on).

    Built here, not by the plugin's fixtures: its collector breaks under pytest 9 (pyproject disables it). A
    connection, not the engine, because env.py hands ``cfg.attributes["connection"]`` to Alembic as is.
    """
    store = Store.open(tmp_path, migrate=False)
    try:
        with (
            store.engine.connect() as conn,
            alembic_runner_for(config=AlembicTestConfig(alembic_config=_alembic_config()), engine=conn) as context,
        ):
            yield context
    finally:
        store.close()


def test_alembic_single_head_revision(alembic_runner: MigrationContext) -> None:
    builtin.test_single_head_revision(alembic_runner)


def test_alembic_upgrade(alembic_runner: MigrationContext) -> None:
    builtin.test_upgrade(alembic_runner)


def test_alembic_model_definitions_match_ddl(alembic_runner: MigrationContext) -> None:
    builtin.test_model_definitions_match_ddl(alembic_runner)


def test_alembic_up_down_consistency(alembic_runner: MigrationContext) -> None:
    builtin.test_up_down_consistency(alembic_runner)
