"""Reminders in the window: checked each minute in the database thread, shown as tray messages where the desktop
has a system tray and always in the reminder bar on Today; clicking one opens the deal, the contact or the quests.

What is due, and the once-only and quiet-hours rules, are in :mod:`app.services.reminders`; this module only shows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.services.reminders import FiredKeys, Reminder, due
from app.ui.setting_keys import quiet_now

if TYPE_CHECKING:
    from app.ui.context import PageContext
    from app.ui.main_window import MainWindow
    from app.ui.reminder_bar import ReminderBar

log = logging.getLogger(__name__)

CHECK_MS = 60_000
FIRED_KEY = "reminders/fired"  # the keys of the reminders shown already (JSON: key → when), bounded
MESSAGE_MS = 10_000  # how long a tray message stays
BAR_ROWS = 4  # the bar keeps the newest reminders not dismissed, up to this many


def load_fired(settings: QSettings) -> FiredKeys:
    """The fired keys kept in the settings (anything unreadable counts as none)."""
    try:
        stored = json.loads(str(settings.value(FIRED_KEY, "{}") or "{}"))
    except ValueError:
        stored = {}
    return FiredKeys(stored if isinstance(stored, dict) else {})


def save_fired(settings: QSettings, fired: FiredKeys) -> None:
    settings.setValue(FIRED_KEY, json.dumps(fired.as_dict(), sort_keys=True))


class ReminderCenter(QObject):
    """Checks every minute what is due (in the database thread, through the window's runner), shows what is new
    as a tray message (when there is a tray) and in Today's reminder bar, and opens what a click asks for.

    The tray icon, where the desktop has one, also has a menu: Quick log, Open Pintuan Quest, Quit. Closing the
    window still quits the app: the tray goes with it.
    """

    checked = Signal(list)  # the reminders a check showed (new ones only)

    def __init__(self, window: MainWindow, context: PageContext, settings: QSettings, *,
                 check_ms: int = CHECK_MS, tray: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.settings = settings
        self.fired = load_fired(settings)
        self.shown: list[Reminder] = []  # in the bar: fired, not dismissed, still relevant
        self._last_message: Reminder | None = None
        self._now: dt.datetime | None = None
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.on_timer_timeout)
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray: QSystemTrayIcon | None = self._build_tray() if use_tray else None
        window.retranslated.connect(self.on_window_retranslated)
        window.closed.connect(self.stop)
        self._attach_bar()

    # -- tray -------------------------------------------------------------------------------------------

    def _build_tray(self) -> QSystemTrayIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():
            from app.resource_files import resource_path

            icon = QIcon(str(resource_path("icons", "pintuan-quest.svg")))
        tray = QSystemTrayIcon(icon, self)
        tray.messageClicked.connect(self.on_tray_message_clicked)
        tray.activated.connect(self.on_tray_activated)
        self._build_tray_menu(tray)
        return tray

    def _build_tray_menu(self, tray: QSystemTrayIcon) -> None:
        old = tray.contextMenu()
        menu = QMenu()
        tray.setToolTip(self.tr("Pintuan Quest"))
        quick_log = QAction(self.tr("Quick log…"), menu)
        quick_log.triggered.connect(self.on_quick_log)
        open_window = QAction(self.tr("Open Pintuan Quest"), menu)
        open_window.triggered.connect(self.bring_to_front)
        quit_app = QAction(self.tr("Quit"), menu)
        quit_app.triggered.connect(self.window.close)
        for action in (quick_log, open_window):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_app)
        tray.setContextMenu(menu)
        self._menu = menu  # the tray does not own its menu
        if old is not None:
            old.deleteLater()

    def on_quick_log(self) -> None:
        self.bring_to_front()
        self.window.quick_log_requested.emit()

    def on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.bring_to_front()

    def on_tray_message_clicked(self) -> None:
        if self._last_message is not None:
            self.open(self._last_message)
        else:
            self.bring_to_front()
            self.window.show_page(self.window.today_page)

    def bring_to_front(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    # -- checking ---------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.tray is not None:
            self.tray.show()
        self.timer.start()
        self.on_timer_timeout()  # the first look at once, not a minute after the start

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def on_timer_timeout(self) -> None:
        runner = self.context.runner
        if self._checking or runner.closed:
            return  # one check at a time: a slow one must not pile up behind the timer
        runner.spawn(self.check(), name="reminders")

    async def check(self) -> list[Reminder]:
        """Read what is due, show what is new (never in quiet hours); returns the reminders shown now."""
        self._checking = True
        try:
            services = self.context.services
            now, reminders = await self.context.runner.run(due, services)
            tz = services.clock.tz
        finally:
            self._checking = False
        self._now = now
        new = self.fired.take(reminders, now, quiet=quiet_now(self.settings, now.astimezone(tz)))
        if new:
            save_fired(self.settings, self.fired)
        self.shown = ([r for r in self.shown if r.relevant(now)] + new)[-BAR_ROWS:]
        self._message(new, now)
        self._fill_bar()
        self.checked.emit(new)
        return new

    def _message(self, new: list[Reminder], now: dt.datetime) -> None:
        """One tray message: the reminder itself, or for several at once, how many and their sentences (a click
        then shows Today, where the bar has a button for each)."""
        if not new or self.tray is None or not self.tray.isVisible():
            return
        if len(new) == 1:
            self._last_message = new[0]
            title, text = new[0].title(), new[0].text(now)
        else:
            self._last_message = None
            title = self.tr("{count} reminders").format(count=len(new))
            text = "\n".join(r.text(now) for r in new[:3])
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    # -- the bar ----------------------------------------------------------------------------------------

    def bar(self) -> ReminderBar:
        bar: ReminderBar = self.window.today_page.reminder_bar
        return bar

    def _attach_bar(self) -> None:
        bar = self.bar()
        bar.open_requested.connect(self.open)
        bar.dismissed.connect(self.dismiss)
        self._fill_bar()

    def _fill_bar(self) -> None:
        self.bar().set_reminders(self.shown, self._now)

    def dismiss(self, reminder: Reminder) -> None:
        self.shown = [r for r in self.shown if r.key != reminder.key]
        self._fill_bar()

    def on_window_retranslated(self) -> None:
        # Today was built again in the new language: its bar is new and empty.
        self._attach_bar()
        if self.tray is not None:
            self._build_tray_menu(self.tray)

    # -- opening ----------------------------------------------------------------------------------------

    def open(self, reminder: Reminder) -> None:
        """Show what ``reminder`` is about: the deal or the contact selected on its page, or the quests."""
        self.bring_to_front()
        window = self.window
        if reminder.target in ("deal", "contact") and reminder.target_id:
            page: Any = window.deals_page if reminder.target == "deal" else window.contacts_page
            window.show_page(page)
            page.show_record(reminder.target_id)
        else:
            window.show_page(window.quests_page)
