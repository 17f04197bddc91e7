"""The project's one gettext-style helper: translations for code outside ``app/ui``.

The command line and the services use :func:`translate`, the Qt widgets use ``self.tr``; both read the same
Qt Linguist catalogue (``resources/i18n/pintuan_<lang>.qm``), so ``pyside6-lupdate`` finds every string.
Only QtCore is imported here: the command line never loads QtGui or QtWidgets.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTranslator

from app.resource_files import resource_path

LANGUAGES = ("en", "zh_CN")
_CATALOGUE_NAME = "pintuan_{lang}.qm"

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


def set_language(lang: str | None) -> str:
    """Load the catalogue for ``lang`` (None: from the environment). Returns the language in force."""
    global _translator, _language
    lang = normalise_language(lang)
    _language = lang
    _translator = None
    if lang != "en":
        translator = QTranslator()
        if translator.load(catalogue_path(lang)):
            _translator = translator
    return lang


def current_language() -> str:
    return _language


def translator() -> QTranslator | None:
    """The loaded translator, for the UI to install on its application."""
    return _translator


def translate(context: str, text: str) -> str:
    """Translate ``text`` in ``context``; placeholders use ``str.format`` names, filled in after."""
    if _translator is None:
        return text
    return _translator.translate(context, text) or text
