"""The window's language: the app's and Qt's own catalogues installed on the application, swapped live.

Installing a translator makes Qt send ``QEvent.LanguageChange`` to every top-level window; the main window
answers it by building its pages again (see :meth:`app.ui.main_window.MainWindow.retranslate`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from app import i18n

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

_installed: list[QTranslator] = []


def apply_language(lang: str | None) -> str:
    """Use ``lang`` (None or "": the system's) for the window and the messages; returns the language in force."""
    app = QCoreApplication.instance()
    wanted = i18n.normalise_language(lang or None)
    # The command line's start read this catalogue already: parsing it again would cost the first frame ~4 ms.
    lang = wanted if wanted == i18n.current_language() else i18n.set_language(wanted)
    _set_locale(lang)
    if app is None:
        return lang
    remove_translators()
    translator = i18n.translator()
    if translator is not None and app.installTranslator(translator):
        _installed.append(translator)
    if lang != "en":
        from PySide6.QtCore import QLibraryInfo, QTranslator  # English needs neither (nor their types' set-up)

        qt_base = QTranslator(app)
        if qt_base.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
    # Installing and removing translators sends LanguageChange to the application and its windows.
    return lang


def remove_translators() -> None:
    """Take the installed catalogues off the application (at the end of a run, or before others go on)."""
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def _set_locale(lang: str) -> None:
    # Dates and numbers follow the UI language, not a system locale in another language.
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    elif QLocale.system().language() == QLocale.Language.English:
        QLocale.setDefault(QLocale.system())  # keep the user's English (en_GB dates stay en_GB)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
