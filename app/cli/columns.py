"""Text laid out for a terminal: widths in columns, not characters (a Chinese character takes two), tables whose
columns line up in both languages, and help text wrapped to the terminal in both."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Punctuation that may not begin a line (it stays with what comes before) or end one (it goes with what follows).
_NO_LINE_START = set("，。、；：？！）」』】》〉”’…,.;:?!)]}%")
_NO_LINE_END = set("（「『【《〈“‘([{¥")
_SPACES = re.compile(r"\s+")


def char_width(char: str) -> int:
    """How many terminal columns ``char`` takes: 2 for wide and full-width characters (CJK, most emoji), 0 for
    combining marks, variation selectors and joiners, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal (one line)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``columns`` columns: on the right (left-aligned), or, with ``right``, on the
    left (numbers)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def clip(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` columns, ending in "…" when it was cut."""
    if width(text) <= columns:
        return text
    used, kept = 1, []
    for char in text:
        used += char_width(char)
        if used > columns:
            break
        kept.append(char)
    return "".join(kept) + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool], indent: str = "") -> list[str]:
    """Lines of a table: the header, then the rows, each column as wide as its widest cell, two spaces apart;
    the columns marked in ``right`` (numbers) aligned on the right. Trailing spaces are dropped."""
    widths = [max(width(line[i]) for line in (header, *rows)) for i in range(len(header))]
    return [
        (indent + "  ".join(pad(text, widths[i], right=right[i]) for i, text in enumerate(line))).rstrip()
        for line in (header, *rows)
    ]


def _atoms(text: str) -> list[tuple[bool, str]]:
    """The pieces a line may break between, each with whether a space came before it: a word of narrow
    characters, or one wide character; punctuation is kept with its neighbour (``，`` with what comes before)."""
    atoms: list[tuple[bool, str]] = []
    space = glue = False
    for char in text:
        if char.isspace():
            space, glue = True, False
            continue
        wide = char_width(char) == 2
        joins = atoms and not space and (
            glue or char in _NO_LINE_START or (not wide and char_width(atoms[-1][1][-1]) < 2)
        )
        if joins:
            atoms[-1] = (atoms[-1][0], atoms[-1][1] + char)
        else:
            atoms.append((space, char))
        space, glue = False, char in _NO_LINE_END
    return atoms


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` columns, broken at spaces or between wide characters (Chinese has
    no spaces between words); a word longer than a line (a link, a flag) stands alone on its line, uncut."""
    lines: list[str] = []
    line, used = "", 0
    for spaced, atom in _atoms(_SPACES.sub(" ", text).strip()):
        gap = 1 if spaced and line else 0
        size = width(atom)
        if line and used + gap + size > columns:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += " " * gap + atom
        used += gap + size
    if line:
        lines.append(line)
    return lines
