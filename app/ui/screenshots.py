"""``python -m app screenshots``: every page of the window rendered to PNG, offscreen, for review and docs."""

from __future__ import annotations

import os
import re
from pathlib import Path

SIZE = (1280, 800)


def render_screenshots(
    data_dir: Path, out_dir: Path, lang: str, *, size: tuple[int, int] = SIZE, theme: str = "light"
) -> list[Path]:
    """Open the window on ``data_dir`` offscreen and save each page as ``NN-<page>.png``; returns the files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.clock import SystemClock
    from app.services import open_services
    from app.ui.app import show_first_frame
    from app.ui.context import PageContext
    from app.ui.language import apply_language, remove_translators
    from app.ui.main_window import MainWindow
    from app.ui.qt_messages import quiet_platform_noise
    from app.ui.setting_keys import THEME_KEY
    from app.ui.tasks import DbRunner
    from app.ui.theme import apply_theme
    from app.ui.today_page import load_today

    quiet_platform_noise()  # "This plugin does not support propagateSizeHints()", once a page
    app = QApplication.instance() or QApplication(["pintuan-quest"])
    apply_language(lang)
    apply_theme(theme)
    out_dir.mkdir(parents=True, exist_ok=True)
    services = open_services(data_dir, SystemClock(), create=False, reading=True)
    store = services.store
    written: list[Path] = []
    try:
        settings = QSettings(str(out_dir / ".screenshots.ini"), QSettings.Format.IniFormat)
        settings.setValue(THEME_KEY, theme)  # Settings shows the theme the pictures are in
        window = MainWindow(data_dir, settings)
        window.build_all_pages()
        runner = DbRunner()
        context = PageContext(services, runner, window)
        for page in window.data_pages():
            if hasattr(page, "attach"):
                page.attach(context)  # forms enabled, as the user sees them
        window.resize(*size)
        show_first_frame(window)  # the sidebar's icons come with the first frame
        window.today_page.set_data(load_today(services))
        from app.services.reminders import FiredKeys, due
        from app.ui.reminders import BAR_ROWS

        now, reminders = due(services)  # the reminder bar after a first check now, quiet hours or not
        shown = FiredKeys().take(reminders, now, quiet=False)[-BAR_ROWS:]
        window.today_page.reminder_bar.set_reminders(shown, now)
        for index in range(window.pages.count()):
            page = window.pages.widget(index)
            if page in window.data_pages():
                page.set_data(page.load(services))
            window.sidebar.setCurrentRow(index)
            app.processEvents()
            name = re.sub(r"page$", "", type(page).__name__.lower())
            path = out_dir / f"{index + 1:02d}-{name}-{lang}.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
        runner.shutdown()
        (out_dir / ".screenshots.ini").unlink(missing_ok=True)
    finally:
        store.close()
        remove_translators()
        apply_theme("system")  # the palette is the application's: leave it as it was found
    return written
