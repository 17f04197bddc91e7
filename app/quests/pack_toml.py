"""Reading a pack's TOML safely: bounded in size, nesting, key length and digits before ``tomllib`` sees it.

A content file is data from anywhere (docs/quests.md#limits): what it can cost to read is bounded here, and a
file that does not fit is refused with a message naming the file and the line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.files import FileTooLarge, UnsafeFile, os_reason, read_regular_file
from app.i18n import translate

# Loading limits (docs/quests.md#limits): a content file is data from anywhere, so what it can cost is bounded.
MAX_PACK_BYTES = 256 * 1024  # over 20 times any built-in file; the slowest such file parses in under a second
MAX_NESTING = 24  # arrays and tables inside each other (the deepest goals allowed need 16)
MAX_KEY_PARTS = 8  # parts of a dotted key with its table header's ("[[steps]]" and "goal.where.kind": four)
MAX_DIGITS = 15  # digits of a number: far above any count, sum in fen or version a pack needs


# The pieces of TOML that matter to :func:`_toml_problem`, everything else skipped in one step. Strings and comments
# are whole tokens (brackets, dots and digits inside them do not count); a closing run of four or five quotes ends
# a multi-line string with one or two quotes of content; an unterminated string runs to the end (the parser
# stops there with an error anyway).
_TOKENS = re.compile(
    r"""(?P<skip>[^"'#0-9_\[\]{}=,.\n]+)"""
    r"""|(?P<string>"{3}(?:\\[\s\S]|[^\\])*?"{3}"{0,2}|"{3}[\s\S]*"""
    r"""|'{3}[\s\S]*?'{3}'{0,2}|'{3}[\s\S]*"""
    r"""|"(?:\\.|[^"\\\n])*"?|'[^'\n]*'?|\#[^\n]*)"""
    r"""|(?P<digits>[0-9_]+)"""
    r"""|(?P<mark>[\[\]{}=,.\n])"""
)


def _toml_problem(text: str) -> tuple[int, str] | None:
    """Where and why ``text`` would make the TOML parser recurse, blow up or fail on a number, before parsing.

    Python's ``tomllib`` recurses once per nested array or inline table (a few hundred levels exhaust the stack),
    keeps a set entry for every prefix of a dotted key (memory grows with the square of its length) and turns
    an integer into ``int`` (past 4,300 digits a ``ValueError``). This scan follows strings, comments, keys and
    brackets well enough for any valid TOML; on invalid TOML the parser stops at the first error anyway.
    """
    stack: list[str] = []  # "[" an array, "{" an inline table
    key, header, parts = True, False, 1
    table_parts = 0  # a key under a table header nests below the header's parts
    for token in _TOKENS.finditer(text):
        kind = token.lastgroup
        if kind == "digits":
            if not key and len(token[0].replace("_", "")) > MAX_DIGITS:
                return token.start(), translate("quests", "a number longer than {limit} digits").format(
                    limit=MAX_DIGITS)
            continue
        if kind != "mark":
            continue
        c = token[0]
        if c == "\n":
            if not stack:
                key, header, parts = True, False, table_parts + 1
        elif key and c == ".":
            parts += 1
            if parts > MAX_KEY_PARTS:
                return token.start(), translate("quests", "a key of more than {limit} parts (with its table's)").format(
                    limit=MAX_KEY_PARTS)
        elif c == "[" and key and not stack and not header:
            header, parts = True, 1  # a table header; "[[" opens an array of tables
        elif c == "]" and header:
            key, table_parts = False, parts
        elif c == "=" and key:
            key = False
        elif c in "[{" and not key:
            stack.append(c)
            if len(stack) > MAX_NESTING:
                return token.start(), translate("quests", "arrays or tables nested more than {limit} deep").format(
                    limit=MAX_NESTING)
            if c == "{":
                key, parts = True, 1
        elif c in "]}" and stack:
            stack.pop()
        elif c == "," and stack and stack[-1] == "{":
            key, parts = True, 1
    return None


def _shape_problem(data: Any) -> str | None:
    """What is too deep or too large in parsed TOML (dotted keys nest without brackets; hex numbers are long)."""
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, dict | list):
            if depth > MAX_NESTING:
                return translate("quests", "arrays or tables nested more than {limit} deep").format(limit=MAX_NESTING)
            todo.extend((child, depth + 1) for child in (value.values() if isinstance(value, dict) else value))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
            return translate("quests", "a number longer than {limit} digits").format(limit=MAX_DIGITS)
    return None


def parse_toml(name: str, data: bytes) -> dict[str, Any]:
    """A TOML document's bytes, parsed within the limits; :class:`InvalidInput` names ``name`` and the problem."""
    if len(data) > MAX_PACK_BYTES:
        raise InvalidInput(translate("quests", "{file} is too large for a quest pack (at most {limit} bytes).")
                           .format(file=name, limit=f"{MAX_PACK_BYTES:,}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(translate("quests", "{file} is not UTF-8 text.").format(file=name)) from None
    problem = _toml_problem(text)
    if problem is not None:
        at, what = problem
        raise InvalidInput(translate("quests", "{file}: line {line}: {problem}.").format(
            file=name, line=text.count("\n", 0, at) + 1, problem=what))
    try:
        parsed = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError is one
        raise InvalidInput(
            translate("quests", "{file} is not valid TOML: {reason}").format(file=name, reason=exc)
        ) from None
    shape = _shape_problem(parsed)
    if shape is not None:
        raise InvalidInput(translate("quests", "{file}: {problem}.").format(file=name, problem=shape))
    return parsed


def read_pack_bytes(path: Path) -> bytes:
    """A content file's bytes: a regular file (symbolic links followed) of at most ``MAX_PACK_BYTES``."""
    try:
        return read_regular_file(path, MAX_PACK_BYTES)
    except FileTooLarge:
        raise InvalidInput(translate("quests", "{file} is too large for a quest pack (at most {limit} bytes).")
                           .format(file=path, limit=f"{MAX_PACK_BYTES:,}")) from None
    except UnsafeFile as exc:
        raise InvalidInput(exc.message) from None
    except OSError as exc:
        raise InvalidInput(
            translate("quests", "Cannot read {file}: {reason}").format(file=path, reason=os_reason(exc))
        ) from None
