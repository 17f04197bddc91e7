"""Rules for text: which characters a stored field may hold, the key names are compared by, and safe display.

Controls, bidi embeddings/overrides/isolates, zero-width characters, a BOM and lone surrogates are invisible
or rewrite what a terminal or a table shows (a tab or newline forges a row, ESC drives the terminal, U+202E
reverses the text after it). Fields refuse them; output escapes any that an older database still holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Every code point of the categories Cc, Cf, Zl, Zp and Cs (tests/test_text_rules.py checks the list against
# unicodedata), written out because building it at import would cost a scan of 1.1 million code points.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"  # 🏴 + tag letters + cancel tag = the flags of England, Scotland, Wales
_TAGS = range(0xE0020, 0xE0080)
_LINE_BREAKS = re.compile(r"\r\n?")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _emoji_side(char: str) -> bool:
    """A character that can stand next to a zero-width joiner inside one emoji (👩‍💻, 👨‍👩‍👧, 🏳️‍🌈)."""
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _allowed_in_context(text: str, index: int) -> bool:
    """Format characters that are part of a visible emoji: a joiner between two emoji, a flag's tags."""
    char = text[index]
    if char == _ZWJ:
        return 0 < index < len(text) - 1 and _emoji_side(text[index - 1]) and _emoji_side(text[index + 1])
    if ord(char) in _TAGS:
        before = text[index - 1] if index else ""
        return before == _BLACK_FLAG or (before != "" and ord(before) in _TAGS)
    return False


def offending(text: str, *, multiline: bool = False) -> Iterator[int]:
    """Indexes of the characters a field may not hold; a multi-line field allows newline and tab.

    Linear in the text: one regex scan with a character class, then a constant look at each hit.
    """
    for match in _SUSPECT.finditer(text):
        index = match.start()
        char = text[index]
        if multiline and char in "\n\t":
            continue
        if _allowed_in_context(text, index):
            continue
        yield index


def code_point(char: str) -> str:
    """``U+202E``: how a message names a character the user cannot see."""
    return f"U+{ord(char):04X}"


def is_surrogate(char: str) -> bool:
    """A lone surrogate: how Python hands over a byte that was not UTF-8 (``\\xff`` becomes ``\\udcff``)."""
    return "\ud800" <= char <= "\udfff"


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def undecodable_byte(text: str) -> str:
    """The first byte Python could not decode, as ``\\xff`` (its surrogate's ``U+DCFF`` if not from a byte)."""
    char = next(c for c in text if is_surrogate(c))
    return f"\\x{ord(char) - 0xDC00:02x}" if "\udc80" <= char <= "\udcff" else code_point(char)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def unify_line_breaks(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``: the one line break multi-line fields keep."""
    return _LINE_BREAKS.sub("\n", text)


def fold(text: str | None) -> str | None:
    """The key names are compared by: case-folded NFC, so "Café" (either form) and "CAFÉ" or "ärger" and
    "ÄRGER" are the same name. Deterministic (registered as an SQL function)."""
    if text is None:
        return None
    return nfc(nfc(text).casefold())


def _escaped(char: str) -> str:
    special = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in special:
        return special[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape(text: str) -> str:
    """The text with every character a single-line field refuses written as ``\\t``, ``\\n``, ``\\x1b``,
    ``\\u202e``…: it can neither break a line or a column nor reach a terminal raw. Backslashes stay as they
    are (output for people, not a reversible encoding)."""
    if _SUSPECT.search(text) is None:  # the common case, on every cell of a million-row listing
        return text
    bad = list(offending(text))
    if not bad:
        return text
    parts: list[str] = []
    last = 0
    for index in bad:
        parts.append(text[last:index])
        parts.append(_escaped(text[index]))
        last = index + 1
    parts.append(text[last:])
    return "".join(parts)


def shown(value: object, limit: int = 80) -> str:
    """A value the user gave, as an error message quotes it: escaped and cut to ``limit`` characters."""
    text = value if isinstance(value, str) else str(value)
    cut = text[:limit]
    return escape(cut) + ("…" if len(text) > limit else "")


def json_safe(dumped: str) -> str:
    """JSON text with the characters :func:`escape` targets written as ``\\uXXXX`` (still the same JSON).

    ``json.dumps(ensure_ascii=False)`` escapes only C0 controls; DEL, C1 controls (U+009B is a CSI on some
    terminals) and bidi overrides would reach the terminal raw. They can only occur inside strings.
    """

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in "\n\r\t":  # only ever the layout between tokens: inside strings json.dumps escaped them
            return char
        code = ord(char)
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return _SUSPECT.sub(replace, dumped)
