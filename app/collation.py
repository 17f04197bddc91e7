"""Names in the order people look for them: Chinese by pinyin (阿强, 宝妈拼团群, 临时群…), numbers by value
(群2 before 群10), letters without regard to case.

By code point, 临时群 came before 宝妈拼团群. The order is ICU's Chinese collation, through Qt's ``QCollator``
(PySide6 ships ICU): Chinese names by pinyin, then Latin ones. In English the Latin names come first. QtCore is
imported only for a list that has a name outside ASCII (it costs a command a third of a second to load), so the
window, which has it already, and lists of plain names pay nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from app.i18n import current_language

T = TypeVar("T")


@functools.cache
def _collator() -> Any:
    from PySide6.QtCore import QCollator, QLocale, Qt

    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def _plain_key(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def name_key(names: Iterable[str]) -> Callable[[str], Any]:
    """A sort key for ``names`` (all of those a list will sort: it picks the cheap key when they are ASCII)."""
    if all(name.isascii() for name in names):
        return _plain_key
    collator = _collator()
    latin_first = current_language() == "en"

    def key(name: str) -> tuple[bool, Any, str]:
        text = name.strip()
        han_first = bool(text) and not text[0].isascii()
        return (latin_first and han_first, collator.sortKey(text), name)

    return key


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` ordered by ``name(item)`` as :mod:`app.collation` says."""
    listed = list(items)
    key = name_key(name(item) for item in listed)
    return sorted(listed, key=lambda item: key(name(item)))
