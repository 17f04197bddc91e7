"""Wires the main window to the services: loads the pages, expires deals, follows outside writes, backs up."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.errors import PintuanError
from app.ui.changes import ALL_AREAS, GAME_AREAS, HISTORY, areas_of, areas_shown, reloads_itself
from app.ui.context import PageContext
from app.ui.failures import Failure, FailureReporter, Kind
from app.ui.today_page import load_today, load_today_clock

if TYPE_CHECKING:
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.main_window import MainWindow
    from app.ui.tasks import DbRunner

log = logging.getLogger(__name__)

POLL_MS = 1000
EXPIRE_MS = 60_000
BACKUP_MS = 5 * 60_000  # how often to ask whether an automatic backup is due (it is, at most every 30 minutes)


class WindowController(QObject):
    """Keeps the window's pages in step with the database, all database work going through the runner.

    After each of the window's writes (``operation_done(result, initiator)``) it reloads the pages whose
    ``AREAS`` meet the areas the write changed: the page on screen at once, the others when they are next shown;
    a page that reloads itself after its own write is left to do so. The command line may write while the window
    is open, so the controller also watches SQLite's ``data_version`` every second and reloads everything when
    another program moved it (the window's own writes are remembered, so they do not count). Every minute it
    expires the deals whose deadline has passed. After the window's writes, and every few minutes for the command
    line's, it takes an automatic backup when one is due (data changed, and the newest is 30 minutes old).
    Failures go to ``reporter``; a damaged database is the launcher's to handle.
    """

    refreshed = Signal()
    page_loaded = Signal(object)  # a page (Today too) was given fresh data

    def __init__(
        self,
        window: MainWindow,
        services: Services,
        runner: DbRunner,
        *,
        poll_ms: int = POLL_MS,
        expire_ms: int = EXPIRE_MS,
        backup_ms: int = BACKUP_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.runner = runner
        self._version: int | None = None
        self._stale: set[Any] = set()
        self._quick_log: Any = None
        self._backup_failed = False
        self.reporter = FailureReporter(window, services.store.data_dir, services.clock, self)
        self.context = PageContext(services, runner, self, reporter=self.reporter)
        self._attach_pages()
        from app.ui.reminders import ReminderCenter

        self.reminders = ReminderCenter(window, self.context, window.settings)  # tray, Today's reminder bar
        self._poll_task: asyncio.Task[bool] | None = None
        self._catch_up_task: asyncio.Task[int] | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.expire_timer = QTimer(self)
        self.expire_timer.setInterval(expire_ms)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(backup_ms)
        self._connect()

    def _attach_pages(self) -> None:
        # Every page that writes gets the context, loaded or not (Settings resets the demo through it).
        for index in range(self.window.pages.count()):
            page = self.window.pages.widget(index)
            if hasattr(page, "attach"):
                page.attach(self.context)

    def _connect(self) -> None:
        self.poll_timer.timeout.connect(self.on_poll_timer_timeout)
        self.expire_timer.timeout.connect(self.on_expire_timer_timeout)
        self.backup_timer.timeout.connect(self.on_backup_timer_timeout)
        self.window.pages.currentChanged.connect(self.on_page_changed)
        self.window.quick_log_requested.connect(self.on_quick_log_requested)
        self.window.import_chat_requested.connect(self.on_import_chat_requested)
        self.window.retranslated.connect(self.on_window_retranslated)
        self.window.page_built.connect(self.on_page_built)
        self.context.operation_done.connect(self.on_operation_done)
        from app.ui.paste_share import SharePaste

        self.share_paste = SharePaste(self)  # Ctrl+V of a share text on Today

    def start(self) -> None:
        """Load the pages now, then check the database and expire due deals, then keep watching."""
        self.runner.on_failure = self.reporter.on_task_failed
        self.runner.spawn(self._start(), name="start")

    async def _start(self) -> None:
        await self.poll()
        if not await self.check():
            return  # the launcher closes the store and offers recovery
        await self.expire_and_poll()
        if await self.runner.run(self.services.game.pending):
            self.start_catch_up()  # a correction far back, left by a window that was closed before it finished
        self.poll_timer.start()
        self.expire_timer.start()
        self.backup_timer.start()
        self.reminders.start()

    def stop(self) -> None:
        self.poll_timer.stop()
        self.expire_timer.stop()
        self.backup_timer.stop()
        self.reminders.stop()
        self._poll_task = None  # a task holds its loop: let the loop go when the window's run ends

    def replace_services(self, services: Services) -> None:
        """Go on with ``services`` (a recovered database): every page reads from them from now on."""
        self.services = services
        self.context.services = services
        self._version = None
        self._backup_failed = False
        self.reporter.reset_damaged()

    # -- slots ------------------------------------------------------------------------------------------

    def on_poll_timer_timeout(self) -> None:
        # One poll at a time: a slow refresh must not pile up behind the timer.
        if self._poll_task is None or self._poll_task.done():
            self._poll_task = self.runner.spawn(self.poll(), name="poll")

    def on_expire_timer_timeout(self) -> None:
        self.runner.spawn(self.expire_and_poll(), name="expire")

    def on_backup_timer_timeout(self) -> None:
        self.runner.spawn(self.auto_backup(), name="auto backup")

    # -- work -------------------------------------------------------------------------------------------

    async def poll(self) -> bool:
        """Reload when another connection committed since the last look; True when it reloaded."""
        version = await self.runner.run(self.services.store.data_version)
        if version == self._version:
            return False
        await self.reload_all(version)
        return True

    async def reload_all(self, version: int | None = None, initiator: object = None) -> None:
        """Everything may have changed (another program wrote, a restore): reload as after a start."""
        if version is None:
            version = await self.runner.run(self.services.store.data_version)
        # Read the version before loading: a write that lands during the load is seen by the next poll.
        self._version = version
        # The command line may have changed the profile's time zone: the days shown follow the stored one.
        await self.runner.run(self.services.refresh_zone)
        await self.refresh(initiator)

    async def refresh(self, initiator: object = None) -> None:
        """Reload Today and the page on screen; the other pages reload when they are shown."""
        await self.reload_areas(ALL_AREAS, initiator, everything=True)

    async def reload_areas(self, areas: frozenset[str], initiator: object = None, *, everything: bool = False
                           ) -> None:
        """Reload the pages that show any of ``areas``: the one on screen now, the others when next shown.

        ``everything``: what changed is not known (another program wrote), so every page reloads, whatever it shows
        (the Privacy page's backups too). The ``initiator`` is skipped when it reloads itself after its own writes.
        """
        current = self.window.pages.currentWidget()
        now: list[Any] = []
        for page in self._pages():
            if page is initiator and reloads_itself(page):
                continue
            if not everything and not areas & areas_shown(page):
                continue
            if page is current:
                now.append(page)
            else:
                self._stale.add(page)
        for page in now:
            await self.load_page(page)
        self.refreshed.emit()

    def _pages(self) -> list[Any]:
        """Today and every page built so far (the others load when they are built)."""
        return [self.window.today_page, *self.window.data_pages()]

    async def load_page(self, page: Any) -> None:
        """Read what ``page`` shows in the database thread and show it (``page_loaded`` then says so)."""
        # Fresh from here: a write that lands while this reads marks the page stale again, for its next showing.
        self._stale.discard(page)
        try:
            if page is self.window.today_page:
                data = await self.runner.run(load_today, self.services)
            else:
                data = await self.runner.run(page.load, self.services)
        except BaseException:
            self._stale.add(page)
            raise
        if not shiboken6.isValid(page):
            return  # built again in another language while it loaded
        page.set_data(data)
        self.page_loaded.emit(page)

    def on_page_changed(self, index: int) -> None:
        page = self.window.pages.widget(index)
        if page in self._stale and not self.runner.closed:  # a page shown while the window closes loads nothing
            self.runner.spawn(self.load_page(page), name="load page")

    def on_window_retranslated(self) -> None:
        # New pages in the new language: give them the services and fill them; the quick-log dialog is made
        # again on its next use.
        self._attach_pages()
        if self._quick_log is not None:
            self._quick_log.deleteLater()
            self._quick_log = None
        self._version = None
        if not self.runner.closed:
            self.runner.spawn(self.poll(), name="after language change")
            # Built anew and empty, like a page built on first use: filled now, on screen or not.
            if self.window.pages.currentWidget() is not self.window.today_page:
                self.runner.spawn(self.load_page(self.window.today_page), name="load new today")

    def on_page_built(self, page: Any) -> None:
        # A page built on first use: give it the services and fill it.
        if hasattr(page, "attach"):
            page.attach(self.context)
        if page in self.window.data_pages() and not self.runner.closed:
            self.runner.spawn(self.load_page(page), name="load new page")

    def on_quick_log_requested(self) -> None:
        self.runner.spawn(self.open_quick_log(), name="quick log")

    def on_import_chat_requested(self) -> None:
        from app.ui.chat_review import import_chat

        self.runner.spawn(import_chat(self.window, self.context), name="import chat")

    async def open_quick_log(self, share: Any = None) -> None:
        """Ctrl+N: the quick-log dialog, its completers filled with today's contacts and groups (and filled from a
        pasted ``share``, app/ui/paste_share.py, when one is given)."""
        from app.ui.quick_log import QuickLogDialog, load_choices
        from app.ui.toast import Toast

        if self._quick_log is None:
            self._quick_log = QuickLogDialog(self.context, self.window.settings, parent=self.window)
            self._quick_log.saved.connect(lambda result: Toast.show_result(self.window, self.context, result))
        contacts, groups = await self.context.read(load_choices, self.services)
        self._quick_log.set_choices(contacts, groups)
        self._quick_log.open()
        if share is not None:
            self._quick_log.apply_share(share)

    def on_operation_done(self, result: object, initiator: object = None) -> None:
        # A write in the window: reload what it touched at once instead of waiting for the next poll, then back up
        # if it is due. Read the versions now: they are only there while the signal is emitted.
        known = result is not None and self._own_write(self.context.written_versions)
        self.tell_game(result, initiator)
        self.runner.spawn(self._after_write(result, initiator, known), name="after write")

    def tell_game(self, result: object, initiator: object = None) -> Any:
        """A write that took back what the game gave (a deletion, an edit), or that earned a step, a badge or a level
        (a save on a page), says so in a toast, as the quick log's toast says what it gave; the quick log and a
        toast's Undo tell it themselves. Returns the toast, if any (none in the quiet hours)."""
        from app.ui.toast import Toast

        news = getattr(result, "news", None)
        if news is None or not (news.lost or getattr(result, "game", None)) or isinstance(initiator, Toast):
            return None
        if initiator is not None and initiator is self._quick_log:
            return None
        return Toast.show_news(self.window, self.context, result)  # type: ignore[arg-type]

    def _own_write(self, versions: tuple[int, int] | None) -> bool:
        """Take ``data_version`` after one of the window's writes as seen, unless another program wrote before
        it and no poll saw that yet; True when the write's areas say all that changed."""
        if versions is None:
            return False
        before, after = versions
        if self._version == after:
            return True  # a poll already saw this write and reloaded everything
        if self._version != before:
            return False  # another program wrote since the last poll: everything may have changed
        self._version = after
        return True

    async def _after_write(self, result: object, initiator: object = None, known: bool = True) -> None:
        if known:
            await self.reload_areas(areas_of(result), initiator)
        else:
            await self.reload_all(initiator=initiator)
        if getattr(result, "catching_up", False):
            self.start_catch_up()
        await self.auto_backup()

    def start_catch_up(self) -> None:
        """Count, in the background, the facts a correction far back left waiting (one catch-up at a time)."""
        if self._catch_up_task is None or self._catch_up_task.done():
            self._catch_up_task = self.runner.spawn(self.catch_up(), name="catch up")

    async def catch_up(self) -> int:
        """A chunk of facts per transaction, so that the window's own writes go on in between; progress in the
        status bar, and the pages reloaded at the end. Returns how many facts were counted."""
        game = self.services.game
        total = await self.runner.run(game.pending)
        done = 0
        while total:
            step, versions = await self.context.run_write(game.catch_up_step)
            counted = (step.record or {})["counted"]
            self._own_write(versions)  # not a change to reload everything for: the pages reload at the end
            if not counted:
                break
            done += counted
            total = max(total, done)
            self.window.show_status(
                self.tr("The game is catching up with a correction: {done} of {total} facts counted…")
                .format(done=f"{done:,}", total=f"{total:,}"), 0,
            )
        if done:
            self.window.show_status(self.tr("The game is up to date."))
            await self.reload_areas(GAME_AREAS | {HISTORY})
        return done

    async def auto_backup(self) -> OpResult | None:
        """A backup in the database thread when one is due; the pages that show the backups then list it."""
        try:
            result = await self.runner.run(self.services.backups.auto_backup)
        except PintuanError as exc:
            if self._backup_failed:  # told once already (a full disk stays full): not every few minutes
                log.warning("Automatic backup failed again: %s", exc.message)
                return None
            self._backup_failed = True
            raise
        self._backup_failed = False
        if result.record is None:
            return None
        log.info("Automatic backup %s", result.record["path"])
        mirror_error = self.services.store.mirror_error
        if mirror_error:
            self.window.show_status(mirror_error, 15_000)
        await self.reload_areas(result.areas)
        return result

    async def expire(self) -> bool:
        """Expire the open deals whose deadline has passed and show it; True when there were any."""
        result, versions = await self.context.run_write(self.services.deals.expire_due)
        expired = result.changed.get("deal", ())
        if not expired:
            self._own_write(versions)
            return False
        log.info("Expired %d deals past their deadline", len(expired))
        if self._own_write(versions):
            await self.reload_areas(areas_of(result))
        else:
            await self.reload_all()
        return True

    async def expire_and_poll(self) -> None:
        """Each minute: expire due deals (and show it at once); otherwise bring Today up to the minute.

        Today shows time-bound things that change with no write at all: the groups open now, the day's helps
        (a new day starts at zero) and the streak, the time left on deals.
        """
        if not await self.expire():
            self.window.today_page.set_clock_data(await self.runner.run(load_today_clock, self.services))

    async def check(self) -> bool:
        """``PRAGMA quick_check`` in the database thread; a failure hands the database to the launcher's recovery
        (the file is moved aside once the window has stopped writing, and the user is asked what to do)."""
        try:
            ok = await self.runner.run(self.services.store.quick_check)
        except Exception as exc:  # a damaged page may fail the check itself; so may a locked or vanished file
            failure = await self.reporter.report(exc, "quick_check", background=True)
            return failure.kind is not Kind.DAMAGED
        if not ok:
            log.warning("quick_check failed on %s", self.window.data_dir)
            problem = QCoreApplication.translate("Controller", "the quick integrity check found problems")
            self.reporter.report_damaged(Failure(Kind.DAMAGED, problem))
        return ok
