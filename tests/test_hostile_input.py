"""Hostile input on the command line and in the services: refused in one line with exit 2 and nothing written,
never a traceback; stored text (even from an older database) printed escaped; a closed pipe ends quietly."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import InvalidInput
from app.main import main
from app.services import Services
from app.store import Store, database_path
from app.text import offending
from tests.conftest import SHANGHAI
from tests.test_cli import Cli as BaseCli

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("contact", '"group"', "deal", "help_exchange", "help_request", "activity", "ledger_settlement")

# Any code point, lone surrogates included (what Python makes of bytes that are not UTF-8), and huge strings.
ANY_CHAR = st.characters(exclude_categories=())
HOSTILE_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=60),
    st.sampled_from(["\x1b[2J", "a\tb\nc", "\u202eexe.txt", "\ufeffAmy", "bad\udcffname", "\u200b", "\x9b31m"]),
    st.tuples(st.text(ANY_CHAR, min_size=1, max_size=3), st.integers(1, 30_000)).map(lambda t: t[0] * t[1]),
)
HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def printable(output: str) -> bool:
    """No character in the output but newlines, the tabs between columns, and text that shows as itself."""
    return not list(offending(output, multiline=True))


class Cli(BaseCli):
    """The shared in-process command line, with the database's row counts at hand."""

    def counts(self) -> dict[str, int]:
        if not database_path(self.data_dir).exists():
            return {}
        with sqlite3.connect(database_path(self.data_dir)) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def refused_or_done(self, *argv: str) -> tuple[int, str]:
        """Run a command that must either succeed or be refused as bad input with nothing written."""
        before = self.counts()
        code, out, err = self(*argv)
        if code == 0:
            assert err == ""
        else:
            assert code == 2, (code, err)
            assert err.count("\n") == 1 and err.startswith("pintuan-quest: "), err
            assert "Traceback" not in err
            assert self.counts() == before, "a refused command wrote something"
        for stream in (out, err):  # nothing printed can break a row or drive the terminal
            assert printable(stream), stream
        return code, err


@pytest.fixture
def cli(data_dir: Path, clock: FixedClock) -> Cli:
    return Cli(data_dir, clock)


@pytest.fixture
def world(cli: Cli) -> Cli:
    cli.ok("add", "group", "--name", "宝妈拼团群", "--window", "Mon-Fri 19:00-22:00")
    cli.ok("add", "contact", "--nickname", "小美", "--group", "宝妈拼团群")
    cli.ok("add", "deal", "--kind", "bargain", "--title", "奶粉", "--original", "258", "--target-fen", "0")
    return cli


# -- the reproductions of the issue --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("add", "contact", "--nickname", "ev\til\nforged\trow"), "U+0009"),
        (("add", "contact", "--nickname", "esc\x1b[31mred"), "U+001B"),
        (("add", "contact", "--nickname", "x\u202egnp.exe"), "U+202E"),
        (("add", "contact", "--nickname", "\ufeffAmy"), "U+FEFF"),
        (("add", "contact", "--nickname", "A\u200bmy"), "U+200B"),
        (("add", "contact", "--nickname", "Amy", "--wechat-id", "a\x85b"), "U+0085"),
        (("add", "contact", "--nickname", "Amy", "--note", "ding\x07"), "U+0007"),
        (("add", "group", "--name", "g", "--rules", "\u2066hidden\u2069"), "U+2066"),
        (("add", "deal", "--kind", "group_buy", "--title", "t\x7f"), "U+007F"),
        (("add", "deal", "--kind", "group_buy", "--title", "t", "--url", "https://a.example/x\ny"), "U+000A"),
        (("add", "group", "--name", "g", "--window", "Mon-Fri\t20:00-22:00"), "U+0009"),
    ],
)
def test_control_bidi_and_invisible_characters_are_refused_by_name(cli: Cli, argv: tuple[str, ...],
                                                                     code: str) -> None:
    got, err = cli.refused_or_done(*argv)
    assert got == 2 and code in err
    assert cli.counts() == {}  # the refused first write left no database behind


def test_a_byte_that_is_not_utf8_is_refused_naming_the_flag(world: Cli) -> None:
    before = world.counts()
    for argv, flag, byte in (
        (("add", "contact", "--nickname", "bad\udcffname"), "--nickname", "\\xff"),
        (("add", "contact", "--nickname=bad\udcffname"), "--nickname", "\\xff"),
        (("edit", "contact", "小美", "--note", "x\udcff"), "--note", "\\xff"),
        (("edit", "contact", "\udcff", "--trust", "trusted"), "argument", "\\xff"),
        (("settle", "小\udce4"), "argument", "\\xe4"),
    ):
        code, err = world.refused_or_done(*argv)
        assert code == 2 and f"{flag} (" in err or f"The {flag} '" in err, err
        assert f"byte {byte} is not UTF-8" in err
    assert world.counts() == before


def test_a_path_may_hold_any_bytes(tmp_path: Path, clock: FixedClock) -> None:
    """File names are not text fields: a data folder whose name is not UTF-8 still works."""
    cli = Cli(tmp_path / "data-\udcff", clock)
    assert "Nothing yet" in cli.ok("list", "contacts")


def test_window_parsing_is_no_longer_cubic(cli: Cli) -> None:
    """20,000 spaces used to keep `add group` busy for minutes."""
    code, err = cli.refused_or_done("add", "group", "--name", "g", "--window", " " * 20_000 + "x")
    assert code == 2 and "too long" in err


def test_look_ups_ignore_case_beyond_ascii(cli: Cli) -> None:
    cli.ok("add", "contact", "--nickname", "ÄRGER")
    assert "trusted" in cli.ok("edit", "contact", "ärger", "--trust", "trusted", "--json")


# -- stored text from an older database ------------------------------------------------------------------------


def _poison(cli: Cli, sql: str, *params: Any) -> None:
    """Write what an older version let through, straight into the database."""
    with sqlite3.connect(database_path(cli.data_dir)) as conn:
        conn.execute(sql, params)


def test_old_values_with_controls_cannot_forge_rows_or_reach_the_terminal(world: Cli) -> None:
    world.ok("add", "help", "--direction", "given", "--kind", "boost_click", "--contact", "小美")
    evil = "ev\til\nforged\trow\x1b[2J\u202e"
    _poison(world, "UPDATE contact SET nickname = ?", evil)
    _poison(world, 'UPDATE "group" SET name = ?', "g\nforged")
    _poison(world, "UPDATE deal SET title = ?", "d\r\x9bx")

    for argv, rows in ((("list", "contacts"), 2), (("list", "groups"), 2), (("list", "deals"), 2),
                       (("ledger",), None)):
        out = world.ok(*argv)
        assert printable(out), out
        if rows is not None:
            lines = out.rstrip("\n").split("\n")
            assert len(lines) == rows and {line.count("\t") for line in lines} == {lines[0].count("\t")}
    listed = world.ok("list", "contacts")
    assert "ev\\til\\nforged\\trow\\x1b[2J\\u202e" in listed
    assert "ev\\til" in world.ok("ledger")
    # JSON keeps the value itself (readers decode it) but no raw control reaches the terminal either.
    raw_json = world.ok("list", "contacts", "--json")
    assert "\x1b" not in raw_json and "\u202e" not in raw_json and '"ev\\til\\nforged' in raw_json


def test_old_decomposed_twin_makes_a_name_ambiguous(world: Cli) -> None:
    """An older version stored "Café" as typed: composed and decomposed are two records that look the same."""
    first = world.ok("add", "contact", "--nickname", "Café", "--json")
    world.ok("add", "contact", "--nickname", "Zed")
    _poison(world, "UPDATE contact SET nickname = ? WHERE nickname = 'Zed'", "Cafe\u0301")
    code, err = world.refused_or_done("edit", "contact", "Café", "--trust", "trusted")
    assert code == 2 and "matches 2 records" in err
    assert '"id"' in first


# -- property tests: anything goes in, only exit 0 or one line with exit 2 comes out -----------------------------

TEXT_FLAGS = {
    "contact": ["--nickname", "--wechat-id", "--phone", "--note", "--trust", "--group"],
    "group": ["--name", "--window", "--rules", "--note", "--platform", "--request-limit", "--joined-at"],
    "deal": ["--title", "--url", "--tier", "--original", "--target-fen", "--needed", "--deadline", "--at",
             "--group", "--note"],
    "help": ["--contact", "--amount", "--at", "--deal", "--note", "--kind"],
}


@HYPOTHESIS
@given(kind=st.sampled_from(sorted(TEXT_FLAGS)), data=st.data())
def test_add_with_arbitrary_text_is_done_or_refused_cleanly(world: Cli, kind: str, data: st.DataObject) -> None:
    flag = data.draw(st.sampled_from(TEXT_FLAGS[kind]))
    value = data.draw(HOSTILE_TEXT)
    required = {"contact": ["--nickname=Amy"], "group": ["--name=G"], "deal": ["--kind=bargain", "--title=T"],
                "help": ["--direction=given", "--kind=share", "--contact=小美"]}[kind]
    world.refused_or_done("add", kind, *required, f"{flag}={value}")


@HYPOTHESIS
@given(ref=HOSTILE_TEXT, value=HOSTILE_TEXT, flag=st.sampled_from(["--nickname", "--note", "--phone"]))
def test_edit_and_look_ups_with_arbitrary_text(world: Cli, ref: str, value: str, flag: str) -> None:
    world.refused_or_done("edit", "contact", ref, "--trust=trusted")
    world.refused_or_done("edit", "contact", "小美", f"{flag}={value}")
    world.refused_or_done("settle", f"--at={value}", "小美")
    world.refused_or_done("merge", "contacts", "小美", ref)


@HYPOTHESIS
@given(number=st.one_of(st.integers(), st.floats(allow_nan=True).map(repr), st.text(ANY_CHAR, max_size=30)),
       flag=st.sampled_from(["--amount", "--amount-fen"]))
def test_amounts_of_any_shape(world: Cli, number: Any, flag: str) -> None:
    world.refused_or_done("add", "help", "--direction=received", "--kind=bargain_cut", "--contact=小美",
                          "--deal=奶粉", f"{flag}={number}")


# -- the services, without the command line ------------------------------------------------------------------


def _counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        conn = session.connection()
        return {t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0) for t in TABLES}


MAYBE_TEXT = HOSTILE_TEXT | st.none()
ANY_TIME = st.none() | st.datetimes(
    timezones=st.none() | st.sampled_from([dt.UTC, SHANGHAI, dt.timezone(dt.timedelta(hours=-23, minutes=-59))])
)
ANY_COUNT = st.none() | st.integers() | st.integers(-3, 3)
# Each field gets any value of the type the services declare for it (text, a number, a time, a list of them).
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    **dict.fromkeys(["nickname", "wechat_id", "phone", "notes", "note", "trust", "name", "rules", "title", "url",
                     "deal", "group"], MAYBE_TEXT),
    **dict.fromkeys(["groups", "windows"], st.lists(HOSTILE_TEXT, max_size=3)),
    **dict.fromkeys(["daily_request_limit", "original_fen", "participants_needed", "amount_fen"], ANY_COUNT),
    **dict.fromkeys(["joined_at", "left_at", "deadline", "at"], ANY_TIME),
    "tiers": st.lists(st.tuples(st.integers(), st.integers()), max_size=3),
}
SERVICE_FIELDS = {
    "contact": ["nickname", "wechat_id", "phone", "notes", "trust", "groups"],
    "group": ["name", "rules", "notes", "windows", "daily_request_limit", "joined_at", "left_at"],
    "deal": ["title", "url", "tiers", "original_fen", "participants_needed", "deadline", "notes", "group"],
    "help": ["amount_fen", "at", "note", "deal", "group"],
    "settle": ["note", "at"],
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(call=st.sampled_from(sorted(SERVICE_FIELDS)), data=st.data())
def test_services_take_any_value_and_write_all_or_nothing(services: Services, store: Store,
                                                          call: str, data: st.DataObject) -> None:
    if not _counts(store)["contact"]:
        services.contacts.create(nickname="小美")
        services.deals.create(kind="bargain", title="奶粉", original_fen=10_000, target_fen=0)
    chosen = data.draw(st.sampled_from(SERVICE_FIELDS[call]).flatmap(
        lambda key: FIELD_VALUES[key].map(lambda value: {key: value})))
    before = _counts(store)
    try:
        if call == "contact":
            services.contacts.create(**{"nickname": "Amy", **chosen})
        elif call == "group":
            services.groups.create(**{"name": "G", **chosen})
        elif call == "deal":
            services.deals.create(**{"kind": "bargain", "title": "T", **chosen})
        elif call == "help":
            services.helps.create(**{"direction": "received", "kind": "bargain_cut", "contact": "小美", **chosen})
        else:
            services.ledger.settle("小美", **chosen)
    except InvalidInput as exc:
        assert "\n" not in exc.message and not list(offending(exc.message)), exc.message
        assert _counts(store) == before


# -- a reader that goes away ---------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [("list", "activities"), ("ledger",), ("badges",)])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, argv: tuple[str, ...]) -> None:
    """`… | head -1` must not end in a BrokenPipeError traceback: exit 0 (docs/cli.md), nothing on stderr.

    The reader is gone before the first byte, so even output small enough to stay buffered until exit fails.
    """
    data_dir = tmp_path / "demo"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    base = [sys.executable, "-m", "app"]
    subprocess.run([*base, "demo", "--data-dir", str(data_dir), "--activities", "300"], env=env, check=True,
                   capture_output=True, timeout=120)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: every write fails with EPIPE
    try:
        done = subprocess.run([*base, *argv, "--data-dir", str(data_dir)], env=env, stdout=write,
                              stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    assert done.stderr == b""
    assert done.returncode == 0


def test_an_error_quoting_a_stored_name_stays_one_line(tmp_path: Path) -> None:
    """A name stored by an older version with a newline in it, quoted by an error message, is escaped."""
    import sqlite3

    from app.clock import FixedClock
    from tests.conftest import SHANGHAI, START

    data = tmp_path / "data"
    clock = FixedClock(START, SHANGHAI)
    assert main(["add", "group", "--name", "群", "--data-dir", str(data)], clock=clock, out=io.StringIO(),
                err=io.StringIO()) == 0
    out = io.StringIO()
    assert main(["add", "deal", "--kind", "bargain", "--title", "奶粉", "--original", "10", "--target-fen", "0",
                 "--group", "群", "--json", "--data-dir", str(data)], clock=clock, out=out, err=io.StringIO()) == 0
    deal = json.loads(out.getvalue())["id"]
    assert main(["add", "help", "--direction", "received", "--kind", "bargain_cut", "--contact", "小美",
                 "--deal", deal, "--data-dir", str(data)], clock=clock, out=io.StringIO(), err=io.StringIO()) in (0, 2)
    assert main(["add", "request", "--group", "群", "--deal", deal, "--data-dir", str(data)], clock=clock,
                out=io.StringIO(), err=io.StringIO()) == 0
    conn = sqlite3.connect(data / "pintuan.sqlite3")
    conn.execute("UPDATE deal SET title = 'forged\nrow\x1b[31m'")
    conn.commit()
    conn.close()
    err = io.StringIO()
    code = main(["delete", "deal", deal, "--data-dir", str(data)], clock=clock, out=io.StringIO(), err=err)
    assert code == 2 and err.getvalue().count("\n") == 1 and "\x1b" not in err.getvalue()
