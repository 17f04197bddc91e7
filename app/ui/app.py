"""Starts the desktop window: the window's first frame first, then qasync and the store (:mod:`app.ui.launcher`).

Everything imported here runs before the first paint, so it stays lean: no asyncio, qasync or database code
(together ~0.3 s); they load once the window is on screen.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.resource_files import resource_path
from app.ui.language import apply_language, remove_translators
from app.ui.main_window import MainWindow
from app.ui.qt_messages import quiet_platform_noise
from app.ui.setting_keys import LANGUAGE_KEY, THEME_KEY, needs_first_run
from app.ui.theme import apply_theme

if TYPE_CHECKING:
    from app.ui.launcher import GuiThreadCollector, Launcher

log = logging.getLogger(__name__)

APP_NAME = "Pintuan Quest"
ORGANISATION = "pintuan-quest"
DESKTOP_ID = "pintuan-quest"  # packaging/pintuan-quest.desktop
FIRST_PAINT_WAIT_S = 0.5

__all__ = ["APP_NAME", "DESKTOP_ID", "FIRST_PAINT_WAIT_S", "ORGANISATION", "GuiThreadCollector", "Launcher",
           "opening_text", "run_window", "show_first_frame"]


def __getattr__(name: str) -> Any:
    # The launcher lived here; it moved to app.ui.launcher so that importing this module stays cheap.
    if name in ("Launcher", "GuiThreadCollector"):
        from app.ui import launcher

        return getattr(launcher, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def opening_text() -> str:
    """The status bar's message while the store opens."""
    return QCoreApplication.translate("Launcher", "Opening your data…")


def _first_run(settings: QSettings, data_dir: Path, lang: str | None = None) -> Path:
    """The first start: name, language, empty start or a demo tour; returns the folder to open.

    The welcome speaks ``lang`` (``--lang``), else the system's language, before anything was chosen.
    """
    from app.clock import SystemClock, find_zone
    from app.errors import StoreError
    from app.store import Store
    from app.ui.first_run import FirstRunDialog

    apply_language(lang or None)
    dialog = FirstRunDialog(settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.exec()
    dialog.deleteLater()  # a parentless dialog must not outlive the application
    target = data_dir
    if dialog.choice() == "demo":
        from app.services.demo import create_demo_folder

        target = dialog.demo_dir()
        if not Store.exists(target):
            create_demo_folder(target, SystemClock(find_zone(dialog.timezone())))  # the tour's days are the user's
    from app.services import Services

    try:
        store = Store.open(target)
    except StoreError as exc:  # damaged or missing: the window says so and offers recovery
        log.error("Cannot open %s after the first start: %s", target, exc.message)
        return target
    try:
        dialog.apply_to(Services(store, SystemClock()).profile)
    finally:
        store.close()
    return target


def show_first_frame(window: MainWindow, timeout: float = FIRST_PAINT_WAIT_S) -> bool:
    """Show ``window`` and run Qt's events until its first frame is painted, it is closed, or ``timeout`` passed
    (a window that starts minimised never paints); returns whether it is still open.

    A plain Qt event loop, before qasync owns the loop: no coroutine exists yet, so none can run inside it.
    """
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    window.first_painted.connect(loop.quit)
    window.closed.connect(loop.quit)
    try:
        window.show()
        if not window.has_painted() and window.isVisible():
            timer.start(int(timeout * 1000))
            loop.exec()
    finally:
        timer.stop()
        window.first_painted.disconnect(loop.quit)
        window.closed.disconnect(loop.quit)
    return window.isVisible()


def run_window(data_dir: Path, *, lang: str | None = None, argv: list[str] | None = None,
               first_run: bool = True) -> int:
    """Run the desktop window on ``data_dir`` until it is closed; returns the process exit code."""
    quiet_platform_noise()
    app: Any = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName(DESKTOP_ID)
    settings = QSettings()
    apply_theme(str(settings.value(THEME_KEY, "system")))  # the first-run dialog too: Fusion, fields with borders
    if first_run and needs_first_run(settings):
        _set_window_icon(app)
        data_dir = _first_run(settings, data_dir, lang)

    try:
        # --lang wins; then the language chosen in Settings; then the system's.
        apply_language(lang or str(settings.value(LANGUAGE_KEY, "")) or None)
        window = MainWindow(data_dir, settings)
        window.show_status(opening_text(), 0)
        if not show_first_frame(window):
            return 0  # closed before its first frame: nothing was opened
        _set_window_icon(app)  # read from its SVG file by QtSvg's plugin: not needed by the first frame
        # asyncio, qasync and the launcher (~40 ms of imports) load once the first frame is on screen.
        from app.ui import launcher

        return launcher.run(app, window, data_dir, settings)
    finally:
        remove_translators()


def _set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    if app.windowIcon().isNull():
        icon = QIcon(str(resource_path("icons", "pintuan-quest.svg")))
        if not icon.isNull():
            app.setWindowIcon(icon)
