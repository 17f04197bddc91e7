"""The project's one gettext-style helper: translations for code outside ``app/ui``.

The command line and the services use :func:`translate`, the Qt widgets use ``self.tr``; both read the same
Qt Linguist catalogue (``resources/i18n/pintuan_<lang>.qm``), so ``pyside6-lupdate`` finds every string.
The catalogue is read here without Qt: importing QtCore costs a command a tenth of a second, and its import hook
slows every import after it. The window gets a ``QTranslator`` of the same file from :func:`translator`.
"""

from __future__ import annotations

import os
import struct
from typing import TYPE_CHECKING

from app.resource_files import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

LANGUAGES = ("en", "zh_CN")
_CATALOGUE_NAME = "pintuan_{lang}.qm"

# The .qm format (Qt's qtranslator.cpp): a magic number, then sections of (tag, 32-bit length, data).
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_SECTION_MESSAGES = 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_OBSOLETE1 = 1, 3, 5
_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 6, 7, 8
_NULL = 0xFFFFFFFF

_messages: dict[tuple[str, str], str] | None = None
_translator: QTranslator | None = None
_language = "en"


def detect_language() -> str:
    """The user's language from the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def normalise_language(lang: str | None) -> str:
    """Map ``zh``, ``zh-CN``, ``zh_CN.UTF-8``… to ``zh_CN``; anything else to English."""
    if not lang:
        return detect_language()
    return "zh_CN" if lang.lower().replace("-", "_").startswith("zh") else "en"


def catalogue_path(lang: str) -> str:
    return str(resource_path("i18n", _CATALOGUE_NAME.format(lang=lang)))


def read_catalogue(data: bytes) -> dict[tuple[str, str], str]:
    """The messages of a .qm file without a disambiguation comment: (context, source text) -> translation.

    Only what ``lrelease`` writes by default (every message with its source text and context). A message with
    several translations (plural forms) keeps its first, as ``QTranslator.translate`` without ``n`` does.
    """
    if not data.startswith(QM_MAGIC):
        raise ValueError("not a Qt translation file")
    found: dict[tuple[str, str], str] = {}
    at = len(QM_MAGIC)
    while at + 5 <= len(data):
        tag, size = data[at], struct.unpack_from(">I", data, at + 1)[0]
        at += 5
        if tag == _SECTION_MESSAGES:
            _read_messages(data, at, at + size, found)
        at += size
    return found


def _read_messages(data: bytes, at: int, end: int, found: dict[tuple[str, str], str]) -> None:
    translation: str | None = None
    source = context = comment = ""
    while at < end:
        tag = data[at]
        at += 1
        if tag == _TAG_END:
            if not comment and translation is not None:
                found.setdefault((context, source), translation)
            translation, source, context, comment = None, "", "", ""
            continue
        if tag == _TAG_OBSOLETE1:  # a 32-bit number of no use here
            at += 4
            continue
        (size,) = struct.unpack_from(">I", data, at)
        at += 4
        if size == _NULL:
            continue
        raw = data[at:at + size]
        at += size
        if tag == _TAG_TRANSLATION:
            if translation is None:
                translation = raw.decode("utf-16-be")
        elif tag == _TAG_SOURCE:
            source = raw.decode("utf-8")
        elif tag == _TAG_CONTEXT:
            context = raw.decode("utf-8")
        elif tag == _TAG_COMMENT:
            comment = raw.decode("utf-8")


def set_language(lang: str | None) -> str:
    """Load the catalogue for ``lang`` (None: from the environment). Returns the language in force."""
    global _messages, _translator, _language
    lang = normalise_language(lang)
    _language = lang
    _messages = None
    _translator = None
    if lang != "en":
        try:
            with open(catalogue_path(lang), "rb") as handle:
                _messages = read_catalogue(handle.read())
        except (OSError, ValueError, struct.error, UnicodeDecodeError):
            _messages = None  # as QTranslator.load failing: English
    return lang


def current_language() -> str:
    return _language


def translator() -> QTranslator | None:
    """A translator of the same catalogue, for the UI to install on its application (imports QtCore)."""
    global _translator
    if _translator is None and _messages is not None:
        from PySide6.QtCore import QTranslator

        translator = QTranslator()
        if translator.load(catalogue_path(_language)):
            _translator = translator
    return _translator


def translate(context: str, text: str) -> str:
    """Translate ``text`` in ``context``; placeholders use ``str.format`` names, filled in after."""
    if _messages is None:
        return text
    return _messages.get((context, text)) or text


def translate_in(lang: str | None, context: str, text: str) -> str:
    """Translate ``text`` into ``lang`` (a profile's language, say) whatever the language in force."""
    lang = normalise_language(lang)
    if lang == _language:
        return translate(context, text)
    if lang == "en":
        return text
    try:
        with open(catalogue_path(lang), "rb") as handle:
            messages = read_catalogue(handle.read())
    except (OSError, ValueError, struct.error, UnicodeDecodeError):
        return text
    return messages.get((context, text)) or text
