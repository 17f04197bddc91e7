"""The environment failing under the app: a busy database, a full disk, a read-only folder, our own bug.

Every command answers with one line (exit 1 for the environment), and what was saved stays as it was.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backups import list_backups
from app.clock import FixedClock
from app.store import database_path
from tests.disks import fill, tmpfs
from tests.test_cli import Cli

READ_COMMANDS = [
    ("list", "helps"), ("list", "deals"), ("list", "activities", "--limit", "5"), ("ledger",), ("quests",),
    ("badges",), ("points",), ("backups",), ("check",),
]


@pytest.fixture
def world(data_dir: Path, clock: FixedClock) -> Cli:
    cli = Cli(data_dir, clock)
    cli.ok("add", "group", "--name", "宝妈拼团群")
    cli.ok("add", "contact", "--nickname", "小美", "--group", "宝妈拼团群")
    cli.ok("add", "deal", "--kind", "bargain", "--title", "奶粉", "--original", "100", "--target-fen", "0",
           "--deadline", "2026-11-25T20:30")
    for _ in range(3):
        cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    clock.advance(hours=1)  # the deal is due: `list deals` would like to expire it
    return cli


def _helps(data_dir: Path) -> int:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return int(conn.execute("SELECT count(*) FROM help_exchange").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: " ".join(a))
def test_read_commands_answer_while_another_program_writes(world: Cli, argv: tuple[str, ...]) -> None:
    """Another connection holds the write lock for the whole command: a read must not need it (it would fail)."""
    writer = sqlite3.connect(database_path(world.data_dir), timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE contact SET notes = 'being edited'")
        code, out, err = world(*argv)
        assert code == 0, err
        assert err == ""
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_waits_for_the_lock_then_says_busy_in_one_line(world: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.store

    monkeypatch.setattr(app.store, "PRAGMAS", tuple(
        (name, "200" if name == "busy_timeout" else value) for name, value in app.store.PRAGMAS
    ))
    writer = sqlite3.connect(database_path(world.data_dir), timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        err = world.fails("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", code=1)
        assert "busy in another program" in err
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _helps(world.data_dir) == 3


# -- a full disk and a read-only folder, on a small tmpfs of their own ------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "24m") as where:
        yield where


def test_a_full_disk_changes_nothing_and_says_so(small_disk: Path, clock: FixedClock) -> None:
    cli = Cli(small_disk / "data", clock)
    cli.ok("add", "group", "--name", "宝妈拼团群")
    cli.ok("add", "contact", "--nickname", "小美")
    cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    cli.ok("backup")
    before = list_backups(small_disk / "data" / "backups")
    watcher = sqlite3.connect(database_path(small_disk / "data"))  # keeps the -shm so that this test can read
    watcher.execute("SELECT count(*) FROM help_exchange").fetchone()
    filler = fill(small_disk)
    refused = 0
    for _ in range(30):  # many writes: some pages may still fit; the ones that do not are refused whole
        code, _out, err = cli("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美",
                              "--note", "x" * 4000)
        assert code in (0, 1), err
        if code == 1:
            assert err.count("\n") == 1 and "full" in err and "Traceback" not in err
            refused += 1
    assert refused > 0
    helps_then = _helps(small_disk / "data")
    err = cli.fails("backup", code=1)
    assert "full" in err
    assert list_backups(small_disk / "data" / "backups") == before  # no partial backup, none pushed out
    assert not [p for p in (small_disk / "data" / "backups").iterdir() if p.name.startswith(".pintuan-tmp")]
    code, _out, err = Cli(small_disk / "demo", cli.clock)("demo", "--activities", "1000")
    assert code == 1 and err.count("\n") <= 2 and "Traceback" not in err
    assert not (small_disk / "demo" / "pintuan.sqlite3").exists()
    filler.unlink()
    cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
    assert _helps(small_disk / "data") == helps_then + 1
    assert cli.ok("check").strip().endswith("All good.")
    assert cli.ok("recompute", "--verify").strip().endswith("matches the facts.")
    assert not (small_disk / "data" / "logs").exists()  # no bug was logged: every failure was explained
    watcher.close()


def test_a_read_only_folder_reads_and_refuses_writes_in_one_line(tmp_path: Path, clock: FixedClock) -> None:
    with tmpfs(tmp_path / "ro", "8m") as disk:
        cli = Cli(disk / "data", clock)
        cli.ok("add", "group", "--name", "宝妈拼团群")
        cli.ok("add", "contact", "--nickname", "小美")
        cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        try:
            err = cli.fails("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", code=1)
            assert "read-only" in err or "cannot be written" in err
            err = cli.fails("settle", "小美", code=1)
            assert "read-only" in err or "cannot be written" in err
            assert cli.fails("backup", code=1)
            for argv in (("list", "helps"), ("ledger",), ("points",)):
                code, out, err = cli(*argv)
                assert code in (0, 1) and "Traceback" not in err
                assert code == 0 or err.count("\n") == 1
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert _helps(disk / "data") == 1


def test_our_own_bug_is_logged_with_its_traceback(world: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import commands

    def broken(ctx: object, args: object) -> int:
        raise KeyError("a bug of ours")

    monkeypatch.setitem(commands.COMMANDS, "ledger", broken)
    err = world.fails("ledger", code=1)
    assert "a bug" in err and "KeyError" in err and "Traceback" not in err
    log = world.data_dir / "logs" / "pintuan.log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug of ours" in text


def test_paths_that_cannot_be_a_data_folder_are_one_line(tmp_path: Path, clock: FixedClock) -> None:
    file = tmp_path / "a-file"
    file.write_text("x")
    for where in (Path("/" + "x" * 5000), tmp_path / ("y" * 300), file, file / "under"):
        cli = Cli(where, clock)
        for argv in (("add", "group", "--name", "g"), ("list", "helps"), ("backup",), ("check",)):
            code, _out, err = cli(*argv)
            assert code in (0, 1, 2), err
            assert code == 0 or (err.count("\n") == 1 and "Traceback" not in err and "a bug" not in err), err
    assert file.read_text() == "x"


def test_broken_pipe_ends_quietly(world: Cli) -> None:
    import sys

    for argv in (["list", "activities"], ["ledger"], ["badges"]):
        done = subprocess.run(
            f"{sys.executable} -m app {' '.join(argv)} --data-dir {world.data_dir} | head -n 1",
            shell=True, capture_output=True, text=True, check=False, timeout=120,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_nothing_in_place_of_the_database_reads_as_nothing_yet(tmp_path: Path, clock: FixedClock) -> None:
    """A folder, a dangling link: the reading commands say what is wrong instead of "Nothing yet"."""
    folder_case = Cli(tmp_path / "a", clock)
    (tmp_path / "a" / "pintuan.sqlite3").mkdir(parents=True)
    link_case = Cli(tmp_path / "b", clock)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "pintuan.sqlite3").symlink_to(tmp_path / "b" / "gone.sqlite3")
    for cli, says in ((folder_case, "is a folder"), (link_case, "does not exist")):
        for argv in (("list", "helps"), ("ledger",), ("points",), ("add", "group", "--name", "g")):
            err = cli.fails(*argv, code=1)
            assert says in err
    assert not (tmp_path / "b" / "gone.sqlite3").exists()  # the link's target is never created


def test_a_crash_in_rollback_mode_leaves_a_hot_journal_that_the_next_open_rolls_back(
    world: Cli, data_dir: Path
) -> None:
    """Found by the crash harness: a kill while an old (rollback-journal) database was being switched to WAL."""
    import sys

    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    crash = (
        "import os, sqlite3\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1')\n"  # spill to the file: the journal holds the only good copy
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute('UPDATE contact SET nickname = \\'half\\'')\n"
        "c.execute('CREATE TABLE filler(x)')\n"
        "c.execute('INSERT INTO filler SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS "
        "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n)')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", crash], check=True)
    assert Path(f"{path}-journal").exists()
    assert "小美" in world.ok("list", "contacts")
    assert world.ok("check").strip().endswith("All good.")


def test_the_demo_window_on_a_file_is_one_line(tmp_path: Path, clock: FixedClock) -> None:
    """`--demo --data-dir FILE` fails before any window opens: one line, exit 1, the file untouched."""
    import io

    from app.main import main

    file = tmp_path / "a-file"
    file.write_text("x")
    for where in (file, file / "under"):
        err = io.StringIO()
        code = main(["--demo", "--data-dir", str(where)], clock=clock, out=io.StringIO(), err=err)
        lines = [line for line in err.getvalue().splitlines() if line.startswith("pintuan-quest:")]
        assert code == 1 and len(lines) == 1 and "Traceback" not in err.getvalue(), err.getvalue()
    assert file.read_text() == "x"


def test_listing_deals_never_writes_and_the_next_write_records_the_expiry(world: Cli) -> None:
    """The world's bargain is past its deadline: it lists as expired, but only a write makes that a fact."""
    path = database_path(world.data_dir)

    def facts() -> list[str]:
        conn = sqlite3.connect(path)
        try:
            return [r[0] for r in conn.execute("SELECT type FROM activity WHERE type = 'deal.expired'")]
        finally:
            conn.close()

    def status() -> str:
        conn = sqlite3.connect(path)
        try:
            return str(conn.execute("SELECT status FROM deal").fetchone()[0])
        finally:
            conn.close()

    before = path.stat().st_mtime_ns, Path(f"{path}-wal").stat().st_mtime_ns if Path(f"{path}-wal").exists() else 0
    assert [d["status"] for d in world.json("list", "deals")] == ["expired"]
    after = path.stat().st_mtime_ns, Path(f"{path}-wal").stat().st_mtime_ns if Path(f"{path}-wal").exists() else 0
    assert after == before and status() == "open" and facts() == []
    world.ok("add", "contact", "--nickname", "阿强")
    assert status() == "expired" and facts() == ["deal.expired"]


def test_a_value_that_no_longer_parses_is_damage_only_when_met_reading_rows(tmp_path: Path) -> None:
    """A flipped byte in a stored time fails SQLAlchemy's parse of the row: damage. The same error raised by our
    own code (parsing what a user typed, say) is a bug or bad input, never a reason to move the database aside."""
    import datetime as dt

    from sqlalchemy import Column, DateTime, MetaData, Table, create_engine, select, text

    from app.damage import damaged_value

    path = tmp_path / "t.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (at DATETIME)")
        conn.execute("INSERT INTO t VALUES ('2026-\x111-26 00:33:00.000000')")
    engine = create_engine(f"sqlite:///{path}")
    table = Table("t", MetaData(), Column("at", DateTime))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 1
        try:
            conn.execute(select(table.c.at)).all()
        except ValueError as exc:
            assert damaged_value(exc)
        else:
            raise AssertionError("the damaged time was read")
    engine.dispose()
    try:
        dt.datetime.fromisoformat("2026-\x111-26")  # the same message, from code that reads no row
    except ValueError as exc:
        assert not damaged_value(exc)
