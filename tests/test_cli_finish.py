"""The command line finished (issue 12): argparse's own words and OS errors in Chinese, tiers in yuan, a ledger a
person can read, output closed early, and ``list`` taking the singular."""

from __future__ import annotations

import argparse
import ast
import errno
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app import i18n
from app.cli.argparse_text import UNSHOWN, words
from app.cli.columns import width, wrap
from app.cli.parser import KINDS, build_parser
from app.files import os_reason
from app.main import main
from tests.test_cli import Cli

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _english_fragments() -> set[str]:
    """The literal pieces of argparse's messages ("invalid choice: ", " (choose from "), and the OS's."""
    pieces = set()
    for message in words():
        for piece in re.split(r"%(?:\([a-z_]+\))?[sr]", message):
            if re.search(r"[A-Za-z]{4}", piece):
                pieces.add(piece.strip(" :("))
    return pieces | {"Errno", "No such file or directory", "Permission denied", "error:"}


def _zh(cli: Cli, *argv: str) -> tuple[int, str]:
    code, out, err = cli(*argv, "--lang", "zh_CN")
    return code, out + err


def _no_english(text: str) -> None:
    found = sorted(piece for piece in _english_fragments() if piece in text)
    assert not found, f"argparse's English in Chinese output: {found}\n{text}"


@pytest.mark.parametrize("argv", [
    ("--help",), ("add", "--help"), ("add", "deal", "--help"), ("list", "--help"), ("ledger", "--help"),
])
def test_help_in_chinese_has_no_english_argparse_words(cli: Cli, argv: tuple[str, ...]) -> None:
    code, text = _zh(cli, *argv)
    assert code == 0
    assert text.startswith("用法：pintuan-quest")
    assert "选项：" in text and CJK.search(text.split("选项：")[1])
    _no_english(text)


@pytest.mark.parametrize("argv", [
    ("list",),  # a missing required argument
    ("export", "--preset", "backup"),  # a missing required flag
    ("list", "dealz"),  # an unknown choice
    ("add", "dealz"),  # an unknown kind
    ("list", "deals", "--limit", "x"),  # not a number
    ("list", "deals", "--bogus"),  # an unknown flag
    ("list", "deals", "--json=yes"),  # a value for a flag that takes none
    ("list", "deals", "--limit"),  # a flag without its value
    ("add", "deal", "--tier", "2:3990", "--tier-yuan", "3:29.90"),  # two flags that exclude each other
    ("screenshots", "--out", "x", "--size", "10x"),
])
def test_usage_errors_in_chinese_are_one_translated_line(cli: Cli, argv: tuple[str, ...]) -> None:
    code, text = _zh(cli, *argv)
    assert code == 2
    assert text.count("\n") == 1 and CJK.search(text), text
    assert text.rstrip().endswith("（参见 --help）"), text
    _no_english(text)


def test_usage_errors_stay_english_in_english(cli: Cli) -> None:
    code, _out, err = cli("list", "dealz")
    assert code == 2 and "invalid choice: 'dealz'" in err and err.rstrip().endswith("(see --help)")
    code, out, _err = cli("add", "--help")
    assert code == 0 and out.startswith("usage: pintuan-quest add") and "\noptions:\n" in out
    assert "show this help message and exit" in out


def test_argparse_is_itself_again_after_our_parser_ran(cli: Cli) -> None:
    import gettext

    cli("list", "dealz", "--lang", "zh_CN")
    assert vars(argparse)["_"] is gettext.gettext and vars(argparse)["ngettext"] is gettext.ngettext
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")


def test_every_message_argparse_can_show_a_user_is_in_the_table() -> None:
    """A newer Python's argparse with a new message fails here, not silently in English."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert found, "argparse no longer translates through _(): see app/cli/argparse_text.py"
    assert sorted(found - set(words()) - UNSHOWN) == []


def test_the_language_of_a_usage_error_comes_from_the_environment_too(cli: Cli,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    err = io.StringIO()  # --lang without its value: the locale's language
    assert main(["ledger", "--data-dir", str(cli.data_dir), "--lang"], out=io.StringIO(), err=err) == 2
    assert "后面需要一个值" in err.getvalue()
    _no_english(err.getvalue())


def test_help_is_wrapped_by_display_width_and_the_usage_lines_line_up(cli: Cli,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    _code, text = _zh(cli, "add", "help", "--help")
    lines = text.splitlines()
    options = lines.index("选项：")
    assert all(width(line) <= 72 for line in lines[options:]), "\n".join(lines[options:])
    usage = lines[:lines.index("")]
    assert len(usage) > 1
    indent = width("用法：pintuan-quest add help ")
    assert all(len(line) - len(line.lstrip()) == indent for line in usage[1:]), usage


def test_a_missing_file_is_said_in_chinese_with_its_path(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "pack.toml"
    for argv in (("quests", "install", str(missing)), ("restore", str(missing.with_suffix(".sqlite3")))):
        code, text = _zh(cli, *argv)
        assert code == 2 and text.count("\n") == 1
        assert "文件或文件夹不存在" in text and str(missing.parent) in text, text
        _no_english(text)


def test_os_errors_are_words_in_the_users_language() -> None:
    numbers = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EISDIR, errno.ENOTDIR,
               errno.EEXIST, errno.ENAMETOOLONG, errno.EIO, errno.EBUSY, errno.EMFILE)
    english = {os_reason(OSError(n, os.strerror(n))) for n in numbers}
    assert "no such file or folder" in english and not any("Errno" in e for e in english)
    i18n.set_language("zh_CN")
    for number in numbers:
        assert CJK.search(os_reason(OSError(number, os.strerror(number), "/x"))), number
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "系统错误 ECHILD"


# -- tiers in yuan -------------------------------------------------------------------------------------------


def _tiers(record: dict[str, Any]) -> list[tuple[int, int]]:
    return [(t["min_participants"], t["price_fen"]) for t in record["tiers"]]


def test_tiers_in_yuan_beside_tiers_in_fen(cli: Cli) -> None:
    in_yuan = cli.json("add", "deal", "--kind", "group_buy", "--title", "草莓", "--tier-yuan", "2:39.9",
                       "--tier-yuan", "3:29.90")
    in_fen = cli.json("add", "deal", "--kind", "group_buy", "--title", "蓝莓", "--tier", "2:3990", "--tier", "3:2990")
    assert _tiers(in_yuan) == _tiers(in_fen) == [(2, 3990), (3, 2990)]
    edited = cli.json("edit", "deal", in_yuan["id"], "--tier-yuan", "5:19")
    assert _tiers(edited) == [(5, 1900)]
    assert _tiers(cli.json("edit", "deal", in_yuan["id"], "--tier-yuan", "")) == []
    # the other money flags have their yuan twin spelt the same way
    cli.ok("add", "contact", "--nickname", "小美")
    help_ = cli.json("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "小美",
                     "--amount-yuan", "1.5")
    assert help_["amount_fen"] == 150
    bargain = cli.json("add", "deal", "--kind", "bargain", "--title", "奶粉", "--original-yuan", "258",
                       "--target-yuan", "0")
    assert (bargain["original_fen"], bargain["target_fen"]) == (25800, 0)


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("value", ["2:39.999", "2:-1", "x", "0:10", "2:"])
def test_a_bad_tier_in_yuan_is_refused_and_changes_nothing(cli: Cli, value: str) -> None:
    deal = cli.json("add", "deal", "--kind", "group_buy", "--title", "草莓", "--tier-yuan", "2:39.90")
    cli.clock.advance(minutes=40)  # a write now would first take an automatic backup
    before = _snapshot(cli.data_dir)
    for argv in (("add", "deal", "--kind", "group_buy", "--title", "橙子"), ("edit", "deal", deal["id"])):
        err = cli.fails(*argv, "--tier-yuan", value)
        assert "--tier-yuan" in err and f"'{value}'" in err and "3:29.90" in err
        code, text = _zh(cli, *argv, "--tier-yuan", value)
        assert code == 2 and "--tier-yuan 的格式" in text and f"“{value}”" in text
    assert _snapshot(cli.data_dir) == before


# -- the ledger as text ---------------------------------------------------------------------------------------


@pytest.fixture
def ledger_world(cli: Cli) -> Cli:
    names = ("小美", "Alice", "阿强🌸", "Bob", "王姐姐姐", "Quiet")
    for name in names:
        cli.ok("add", "contact", "--nickname", name)
    for name, given, received in (("小美", 3, 0), ("Alice", 1, 2), ("阿强🌸", 0, 4), ("Bob", 2, 2), ("王姐姐姐", 5, 1)):
        for direction, times in (("given", given), ("received", received)):
            for _ in range(times):
                cli.ok("add", "help", "--direction", direction, "--kind", "share", "--contact", name,
                       "--amount", "1.25")
    return cli


def _table(lines: list[str], header_word: str) -> list[str]:
    """The lines of the table whose header holds ``header_word``: up to the next blank or unindented line."""
    start = next(i for i, line in enumerate(lines) if line.startswith("  ") and header_word in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_ledger_text_has_headers_sorted_rows_and_aligned_columns(ledger_world: Cli, lang: str) -> None:
    lines = ledger_world.ok("ledger", "--lang", lang).splitlines()
    i18n.set_language(lang)
    t = i18n.translate
    contacts = _table(lines, t("cli", "Last settled"))
    for word in ("Contact", "Balance", "Given", "Received", "¥ given", "¥ received"):
        assert t("cli", word) in contacts[0]
    quiet = t("cli", "(and {count} contacts with no help since you last settled up)").format(count=1)
    assert contacts[-1] == "  " + quiet  # below the table, not a row of it
    contacts = contacts[:-1]
    rows = contacts[1:]
    order = [next(n for n in ("小美", "Alice", "阿强🌸", "Bob", "王姐姐姐") if n in row) for row in rows]
    assert order == ["王姐姐姐", "小美", "Bob", "Alice", "阿强🌸"]  # +4, +3, 0, -1, -4: owed to you first
    assert "+4" in rows[0] and "-4" in rows[-1] and "¥6.25" in rows[0]  # 5 helps of ¥1.25
    assert all("Quiet" not in line for line in contacts)
    # everything but the last (left-aligned) column ends at the same terminal column, CJK and emoji included
    ends = {width(line[:line.rindex("  ")].rstrip()) for line in contacts}
    assert len(ends) == 1, contacts
    owe = _table(lines, t("cli", "Helps to return"))
    assert len({width(line) for line in owe}) == 1, owe  # the numbers right-aligned under their header
    assert [line.split()[0] for line in owe[1:]] == ["阿强🌸", "Alice"]  # one name a line, most owed first
    assert all(CJK.search(line) for line in lines[:3]) == (lang == "zh_CN")


def test_ledger_json_keeps_its_shape(ledger_world: Cli) -> None:
    ledger = ledger_world.json("ledger")
    assert set(ledger) == {"contacts", "groups", "you_owe", "only_takes"}
    # Fields may be added (``settled``: the settlement history), never removed or renamed.
    assert set(ledger["contacts"][0]) >= {"contact_id", "nickname", "trust", "archived", "given_count",
                                          "received_count", "given_fen", "received_fen", "balance", "since"}
    assert [c["nickname"] for c in ledger["contacts"]] == sorted(c["nickname"] for c in ledger["contacts"])


def test_a_long_name_is_cut_and_cannot_push_the_columns(cli: Cli) -> None:
    cli.ok("add", "contact", "--nickname", "很长" * 40)
    cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "很长" * 40)
    row = _table(cli.ok("ledger").splitlines(), "Last settled")[1]
    assert "…" in row and width(row) < 100


# -- small pieces -----------------------------------------------------------------------------------------------


def test_display_width_and_wrapping() -> None:
    assert (width("小美"), width("Amy"), width("e\u0301"), width("🌸"), width("¥")) == (4, 3, 1, 2, 1)
    text = "发生的时间，如 2026-11-25T20:00，按你的时区（默认：现在）。when it happened, in your time zone"
    lines = wrap(text, 20)
    assert all(width(line) <= 20 for line in lines), lines
    assert not any(line[0] in "，。）：" for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("https://example.com/a-very-long-link", 10) == ["https://example.com/a-very-long-link"]


@pytest.mark.parametrize("kind", [*KINDS, "activity"])
def test_list_takes_the_singular_and_the_plural(cli: Cli, kind: str) -> None:
    cli.ok("add", "group", "--name", "宝妈拼团群")
    plural = "activities" if kind == "activity" else f"{kind}s"
    assert cli.json("list", kind) == cli.json("list", plural)


def test_quests_say_daily_and_weekly_in_chinese(cli: Cli) -> None:
    code, text = _zh(cli, "quests")
    assert code == 0 and "每天重置" in text and "每周重置" in text
    assert not re.search(r"daily|weekly", text, re.IGNORECASE), text


# -- output closed early ---------------------------------------------------------------------------------------

PIPED = [
    ("ledger",), ("badges",), ("points",), ("points", "--all"), ("list", "activities"), ("list", "deal"),
    ("quests",), ("export", "--preset", "backup", "-o", "{tmp}/x.json", "--dry-run"), ("backups",), ("check",),
    ("presets",), ("audit",), ("profile",), ("recompute", "--verify"), ("--help",), ("add", "deal", "--help"),
    ("--version",), ("links", "check", "https://item.jd.com/1.html", "https://t.cn/x", "javascript:x"),
    ("parse-share", "【拼多多】帮我砍一刀 已砍到¥5 https://mobile.yangkeduo.com/bargain.html 台灯"),
]
# Commands that print a line or two after writing (nothing a reader would cut short) or open the window.
NOT_PIPED = {"demo", "add", "edit", "delete", "settle", "merge", "backup", "restore", "screenshots", "import",
             "erase", "wipe", "import-chat"}


def test_every_command_is_piped_or_said_not_to_need_it() -> None:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {argv[0] for argv in PIPED if not argv[0].startswith("-")} | NOT_PIPED


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("piped") / "demo"
    assert main(["demo", "--data-dir", str(folder), "--activities", "300"], out=io.StringIO(),
                err=io.StringIO()) == 0
    return folder


@pytest.mark.parametrize("argv", PIPED, ids=" ".join)
def test_output_closed_early_ends_quietly(demo_folder: Path, argv: tuple[str, ...]) -> None:
    """`… | head -1`: the reader is gone before the first byte, so every write fails with EPIPE."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "zh_CN.UTF-8"}
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", *(a.format(tmp=demo_folder.parent) for a in argv),
             "--data-dir", str(demo_folder)],
            env=env, stdout=write, stderr=subprocess.PIPE, timeout=120, check=False)
    finally:
        os.close(write)
    assert done.stderr == b"" and done.returncode == 0, done.stderr.decode()


def test_json_output_is_still_json(ledger_world: Cli) -> None:
    assert json.loads(ledger_world.ok("ledger", "--json"))["you_owe"][0]["nickname"] == "阿强🌸"


def test_list_shows_money_in_yuan_and_json_keeps_fen(cli: Cli) -> None:
    cli.ok("add", "contact", "--nickname", "小美")
    cli.ok("add", "deal", "--kind", "bargain", "--title", "奶粉", "--original", "258", "--target-fen", "0")
    cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", "--amount-fen", "35")
    deals, helps = cli.ok("list", "deal").splitlines(), cli.ok("list", "help").splitlines()
    assert deals[0].split("\t")[4] == "price_now" and deals[1].split("\t")[4] == "¥258.00"
    assert helps[0].split("\t")[-1] == "amount" and helps[1].split("\t")[-1] == "¥0.35"
    assert cli.json("list", "deals")[0]["current_fen"] == 25800 and cli.json("list", "helps")[0]["amount_fen"] == 35


def _parsers(parser: argparse.ArgumentParser, name: str = "") -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found += _parsers(sub, f"{name} {sub_name}".strip())
    return found


def test_every_flag_and_argument_says_what_it_is() -> None:
    bare = [f"{name}: {'/'.join(action.option_strings) or action.dest}"
            for name, parser in _parsers(build_parser()) for action in parser._actions
            if not isinstance(action, argparse._SubParsersAction) and not action.help]
    assert bare == []
