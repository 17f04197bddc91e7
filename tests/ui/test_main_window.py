"""The main window and its Today page, driven through the services and read back from the widgets."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.errors import NewerSchema
from app.services import Services
from app.store import Store
from app.ui.launcher import Launcher
from app.ui.main_window import MainWindow
from app.ui.models import ROW_ROLE, ActivityTableModel, BalanceTableModel, DueDealsModel
from app.ui.pages.settings import BUDGET_KEY
from app.ui.tasks import DbRunner
from app.ui.today_page import load_today


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def find_row(model, column: int, text: str) -> int:
    texts = column_texts(model, column)
    assert text in texts, f"{text!r} not in {texts!r}"
    return texts.index(text)


@pytest.fixture
def window(qtbot, data_dir: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    return window


def test_today_page_shows_counts_deadlines_ledger_and_activities(window: MainWindow, filled: Services) -> None:
    page = window.today_page
    page.set_data(load_today(filled))

    assert window.windowTitle() == "Pintuan Quest"
    assert window.sidebar.currentItem().text() == "Today"
    assert window.pages.currentWidget() is page
    assert str(window.data_dir) in window.folder_label.text()
    assert page.greeting.text() == "Good evening"  # 20:00 in Shanghai
    assert {key: card.value_label.text() for key, card in page.cards.items()} == {
        "groups": "1", "contacts": "2", "open_deals": "1", "helps": "3",
    }
    assert not page.welcome.isVisibleTo(window)

    # The bargain due tomorrow, with its price so far (¥599.00 − ¥8.30) and what is left.
    due = page.due_model
    row = find_row(due, DueDealsModel.COL_TITLE, "婴儿推车")
    assert due.index(row, DueDealsModel.COL_KIND).data() == "Bargain"
    assert due.index(row, DueDealsModel.COL_PROGRESS).data() == "¥590.70 → ¥99.00"
    assert due.index(row, DueDealsModel.COL_DEADLINE).data() == "Tomorrow 20:00"
    assert due.index(row, DueDealsModel.COL_LEFT).data() == "1 d 0 h left"
    assert not page.due_section.is_empty()

    # 小美: one help given, two received → balance −1, so she is on the "you owe" list.
    balances = page.balance_model
    row = find_row(balances, BalanceTableModel.COL_CONTACT, "小美")
    assert balances.index(row, BalanceTableModel.COL_BALANCE).data() == "\u22121"
    assert balances.index(row, BalanceTableModel.COL_GIVEN).data() == "1"
    assert balances.index(row, BalanceTableModel.COL_RECEIVED).data() == "2"
    assert balances.index(row, BalanceTableModel.COL_GIVEN_FEN).data() == "¥12.50"
    assert balances.index(row, BalanceTableModel.COL_RECEIVED_FEN).data() == "¥8.30"
    assert balances.index(row, 0).data(ROW_ROLE)["nickname"] == "小美"
    assert "阿强" in column_texts(balances, BalanceTableModel.COL_CONTACT)
    assert page.owe_list.count() == 1
    assert page.owe_list.item(0).text().startswith("小美\n")
    assert page.takes_section.is_empty()
    # The view sorts by balance, the one who is owed the most first.
    assert page.balance_proxy.index(0, BalanceTableModel.COL_CONTACT).data() == "小美"

    # The latest activity first, its type readable and its ids shown as names, in local time.
    activities = page.activity_model
    assert activities.rowCount() == 8
    assert activities.index(0, ActivityTableModel.COL_WHAT).data() == "Got help"
    assert activities.index(0, ActivityTableModel.COL_TIME).data() == "Today 20:00"
    assert activities.index(0, ActivityTableModel.COL_DETAILS).data() == "小美 · Boost click · 宝妈拼团群"
    row = find_row(activities, ActivityTableModel.COL_WHAT, "Helped")
    assert activities.index(row, ActivityTableModel.COL_DETAILS).data() == "小美 · Bargain cut · ¥12.50 · 宝妈拼团群"
    assert "Joined a group" in column_texts(activities, ActivityTableModel.COL_WHAT)


def test_today_page_shows_the_streak_the_help_budget_and_the_groups_open_now(
    window: MainWindow, filled: Services, settings: QSettings, clock: FixedClock
) -> None:
    page = window.today_page
    filled.groups.edit("宝妈拼团群", windows=["Mon-Fri 19:00-22:00"])
    filled.groups.create(name="周末群", windows=["Sat 09:00-11:00"])
    filled.helps.create(direction="given", kind="boost_click", contact="阿强",
                        at=clock.now() - dt.timedelta(days=1))
    settings.setValue(BUDGET_KEY, 2)
    page.set_data(load_today(filled))
    assert page.streak_label.text() == "Help streak: 2 days"
    assert page.budget_label.text() == "Helps given today: 1 of 2"
    assert page.open_label.text() == "Open now: 宝妈拼团群 until 22:00"

    # Over the budget: said, and the chip is marked.
    for _ in range(2):
        filled.helps.create(direction="given", kind="boost_click", contact="阿强")
    page.set_data(load_today(filled))
    assert page.budget_label.text() == "Helps given today: 3 of 2, over your budget"
    assert page.budget_label.property("over") is True
    # A budget changed in Settings shows when the page is shown again, without a reload.
    settings.setValue(BUDGET_KEY, 0)
    window.show()
    assert page.budget_label.text() == "Helps given today: 3"

    clock.advance(days=2)  # Friday 20:00: no help yesterday, this week's rest day (the default: one a week)
    page.set_data(load_today(filled))
    assert page.streak_label.text() == "Help streak: 2 days"
    clock.advance(days=1)  # Saturday: a second day missed, and no freeze yet: the streak is over
    page.set_data(load_today(filled))
    assert page.streak_label.text() == "No help streak yet: help someone today"
    clock.advance(hours=4)  # midnight: every window closed
    page.set_data(load_today(filled))
    assert page.open_label.text() == "No group is in its activity window now"


def test_the_window_fits_a_small_laptop_screen(window: MainWindow) -> None:
    # 1024×600 less the desktop's panels: every page lays out in the window's smallest size.
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1000 and minimum.height() <= 560, minimum


def test_every_activity_type_has_a_readable_label() -> None:
    labels = ActivityTableModel().type_labels()
    assert len(labels) == 32
    assert labels["help.given"] == "Helped"
    assert all(label and label != key for key, label in labels.items())


def test_empty_database_shows_friendly_lines(window: MainWindow, services: Services) -> None:
    page = window.today_page
    page.set_data(load_today(services))
    assert page.welcome.isVisibleTo(window)
    for section in (page.due_section, page.activity_section, page.balance_section, page.owe_section,
                    page.takes_section):
        assert section.is_empty()
        assert section.empty_label.text()


def test_models_pass_the_model_tester(qtmodeltester, filled: Services) -> None:
    data = load_today(filled)
    balances = BalanceTableModel()
    balances.set_rows(data["ledger"]["contacts"])
    qtmodeltester.check(balances, force_py=True)
    due = DueDealsModel()
    due.set_rows(data["due"], data["tz"], data["now"])
    qtmodeltester.check(due, force_py=True)
    activities = ActivityTableModel()
    activities.set_rows(data["activities"], data["names"], data["tz"], data["now"])
    qtmodeltester.check(activities, force_py=True)


def test_today_follows_the_clock_without_any_write(qtbot, run_qasync, window: MainWindow, filled: Services,
                                                 clock: FixedClock) -> None:
    from app.ui.controller import WindowController

    filled.groups.edit("宝妈拼团群", windows=["Mon-Fri 19:00-22:00"])
    runner = DbRunner()
    try:
        controller = WindowController(window, filled, runner)
        run_qasync(controller.poll())
        page = window.today_page
        assert page.open_label.text() == "Open now: 宝妈拼团群 until 22:00"
        assert page.budget_label.text() == "Helps given today: 1"
        clock.advance(hours=13)  # Thursday 09:00: the window closed, a new day began
        run_qasync(controller.expire_and_poll())  # the minute timer's work
        assert page.open_label.text() == "No group is in its activity window now"
        assert page.budget_label.text() == "Helps given today: 0"
        assert page.streak_label.text() == "Help streak: 1 day"  # yesterday's help: alive until tonight
    finally:
        runner.shutdown()


def test_the_go_menu_shows_every_page_title_whole(window: MainWindow) -> None:
    # A menu reads "&" as the key of the letter after it: "Privacy & Export" showed as "Privacy _Export".
    shown = [a.text().replace("&&", "\0").replace("&", "").replace("\0", "&") for a in window.go_menu.actions()]
    assert "Privacy & Export" in shown


def test_the_help_menu_lists_every_shortcut_and_says_what_the_app_is(qtbot, window: MainWindow) -> None:
    """There was no Help menu: no list of the keys, no About."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app import __version__
    from app.ui.help import ShortcutsDialog

    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Go", "&Help"]
    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible())
    rows = dict(dialog.rows())
    assert rows["Ctrl+N"] == "File: Quick log"
    assert rows["Ctrl+,"] == "Go: Settings"
    assert rows["Ctrl+9"] == "Go: History"
    assert rows["Ctrl+0"] == "Go: Privacy & Export"  # the tenth page: the number row's last key
    assert rows["Ctrl+F"] == "Go: Find" and rows["F1"] == "Help: Keyboard shortcuts"
    assert "Ctrl+S" in rows and "Ctrl+Z" in rows and "Esc" in rows
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    box = window.show_about()
    assert box.isVisible()
    assert f"Pintuan Quest {__version__}" in box.text() and "MIT" in box.text()
    assert str(window.data_dir) in box.text()
    box.close()


def test_shortcuts_and_geometry(qtbot, window: MainWindow, data_dir: Path, settings: QSettings) -> None:
    assert window.today_action.shortcut() == QKeySequence("Ctrl+1")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.sidebar.setCurrentRow(-1)
    window.today_action.trigger()
    assert window.sidebar.currentRow() == 0
    window.show()
    window.resize(790, 540)  # the offscreen screen is 800x600
    size = (window.width(), window.height())
    window.quit_action.trigger()
    assert not window.isVisible()

    again = MainWindow(data_dir, settings)
    qtbot.addWidget(again)
    assert again.height() == size[1] == 540  # the width is held up by the pages' minimum width


def test_launcher_opens_the_store_follows_outside_writes_and_quits(
    qtbot, qapp, run_qasync, monkeypatch: pytest.MonkeyPatch, data_dir: Path, settings: QSettings,
    filled: Services, clock: FixedClock,
) -> None:
    # A deal whose deadline passed while the window was closed: expired on start.
    filled.deals.create(kind="boost", title="过期的助力", deadline=clock.now() + dt.timedelta(hours=1))
    clock.advance(hours=2)
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)

    async def until(condition, seconds: float = 5.0) -> None:
        deadline = asyncio.get_running_loop().time() + seconds
        while not condition():
            assert asyncio.get_running_loop().time() < deadline, "timed out"
            await asyncio.sleep(0.01)

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and launcher.controller.poll_timer.isActive())
        window = launcher.window
        page = window.today_page
        assert window.isVisible()
        assert "小美" in column_texts(page.balance_model, BalanceTableModel.COL_CONTACT)
        # Expiring wrote to the database; the controller reloaded the page straight after.
        assert "Deal expired" in column_texts(page.activity_model, ActivityTableModel.COL_WHAT)
        assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]  # the check passed
        assert not main.done()

        # The command line writes through its own connection while the window is open: the poll sees it.
        filled.contacts.create(nickname="王姐")
        await until(lambda: "王姐" in column_texts(page.balance_model, BalanceTableModel.COL_CONTACT))
        launcher.controller.stop()
        assert not await launcher.controller.poll()

        launcher.request_quit()
        return await main

    assert run_qasync(scenario()) == 0
    assert launcher.services is None and launcher._opened is None
    assert launcher.runner.pending == 0


def test_launcher_shows_store_errors_and_exits_with_1(
    qtbot, qapp, run_qasync, monkeypatch: pytest.MonkeyPatch, data_dir: Path, settings: QSettings, clock: FixedClock
) -> None:
    def newer(*args, **kwargs):
        raise NewerSchema("written by a newer version of Pintuan Quest")

    monkeypatch.setattr(Store, "open", newer)
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        while launcher.error_box is None or not launcher.error_box.isVisible():
            await asyncio.sleep(0.01)
        assert "newer version" in launcher.error_box.text()
        launcher.error_box.accept()
        return await main

    assert run_qasync(scenario()) == 1


def test_quitting_while_the_store_opens_waits_for_it_and_closes_it(
    qtbot, qapp, run_qasync, monkeypatch: pytest.MonkeyPatch, data_dir: Path, settings: QSettings, clock: FixedClock
) -> None:
    opened: list[Store] = []
    closed: list[Store] = []
    real_open, real_close = Store.open, Store.close

    def slow_open(path: Path, **options: Any) -> Store:
        time.sleep(0.2)  # a migration in progress
        opened.append(real_open(path, **options))
        return opened[-1]

    def close(self: Store) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(Store, "close", close)

    monkeypatch.setattr(Store, "open", slow_open)
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await asyncio.sleep(0.05)
        launcher.request_quit()
        return await main

    assert run_qasync(scenario()) == 0
    assert len(opened) == 1 and closed == opened
    assert launcher.controller is None


def test_db_runner_logs_failures_of_spawned_tasks(run_qasync, caplog: pytest.LogCaptureFixture) -> None:
    runner = DbRunner()

    def boom() -> None:
        raise ValueError("boom")

    async def scenario() -> int:
        task = runner.spawn(runner.run(boom), name="boom")
        await asyncio.wait([task])
        await asyncio.sleep(0)
        return await runner.run(sum, [1, 2])

    try:
        assert run_qasync(scenario()) == 3
    finally:
        runner.shutdown()
    assert runner.pending == 0
    assert "Background task boom failed" in caplog.text



def test_main_window_opens_on_a_demo_database(qtbot, tmp_path: Path, settings: QSettings, clock: FixedClock) -> None:
    from app.demo import create_demo_folder

    folder = tmp_path / "demo"
    counts = create_demo_folder(folder, clock, activities=600, seed=7)
    store = Store.open(folder)
    try:
        services = Services(store, clock)
        window = MainWindow(folder, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.today_page.set_data(load_today(services))
        page = window.today_page
        assert page.cards["contacts"].value_label.text() == str(counts["contacts"])
        assert page.activity_model.rowCount() == 20
        assert page.balance_model.rowCount() == counts["contacts"]
        assert not page.welcome.isVisibleTo(window)
    finally:
        store.close()


def test_pages_are_built_when_first_shown_and_then_loaded(qtbot, run_qasync, window: MainWindow,
                                                         filled: Services) -> None:
    from app.ui.controller import WindowController
    from app.ui.pages.ledger import LedgerPage

    # Only Today exists at start: the other pages' code (and the database code they import) waits.
    assert window.data_pages() == []
    assert [type(window.pages.widget(i)).__name__ for i in range(3)] == ["TodayPage", "QWidget", "QWidget"]
    runner = DbRunner()
    try:
        controller = WindowController(window, filled, runner)
        run_qasync(controller.poll())
        ledger_row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index("Ledger")

        async def open_ledger() -> LedgerPage:
            window.sidebar.setCurrentRow(ledger_row)  # what a click, or Ctrl+5, does
            page = window.pages.currentWidget()
            assert isinstance(page, LedgerPage) and window.pages.currentIndex() == ledger_row
            while page.contact_model.rowCount() == 0:  # filled by the controller, not by the test
                await asyncio.sleep(0.01)
            return page

        page = run_qasync(open_ledger())
        assert page.ctx is controller.context
        assert window.ledger_page is page and window.data_pages() == [page]
        # Built once: showing it again keeps the same page.
        window.sidebar.setCurrentRow(0)
        window.sidebar.setCurrentRow(ledger_row)
        assert window.pages.currentWidget() is page
    finally:
        runner.shutdown()


def test_the_window_shows_before_any_database_code_is_imported(tmp_path: Path) -> None:
    # What runs before the first paint (the command line's entry, the first-run check, the window with its
    # pages' placeholders) must not import SQLAlchemy, Alembic or pydantic: they take ~0.3 s to import.
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qapp = QApplication([])\n"
        "import app.main, app.ui.app, app.ui.first_run\n"
        "from app.ui.main_window import MainWindow\n"
        "from app.cli.parser import build_parser\n"
        "build_parser().parse_args(['--data-dir', sys.argv[1]])\n"
        "window = MainWindow(sys.argv[1], QSettings(sys.argv[1] + '/ui.ini', QSettings.Format.IniFormat))\n"
        "window.show(); qapp.processEvents()\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'pydantic') if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_demo_says_it_is_the_demo(qtbot, tmp_path: Path, settings: QSettings,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.paths import default_demo_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    demo = MainWindow(default_demo_dir(), settings)
    own = MainWindow(tmp_path / "share" / "pintuan-quest", settings)
    for window in (demo, own):
        qtbot.addWidget(window)
    assert demo.windowTitle() == "Pintuan Quest — demo data" and demo.folder_label.text().startswith("Demo folder:")
    assert own.windowTitle() == "Pintuan Quest" and own.folder_label.text().startswith("Data folder:")


def test_quitting_before_the_first_paint_opens_nothing(qtbot, qapp, run_qasync, monkeypatch: pytest.MonkeyPatch,
                                                       data_dir: Path, settings: QSettings, clock: FixedClock) -> None:
    from PySide6.QtWidgets import QMainWindow

    monkeypatch.setattr(MainWindow, "paintEvent", QMainWindow.paintEvent)  # a window that starts minimised
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)

    async def scenario() -> int:
        main = asyncio.ensure_future(launcher.amain())
        await asyncio.sleep(0.05)  # inside the wait for a first paint that never comes
        launcher.request_quit()
        return await asyncio.wait_for(main, 0.3)  # at once, not after the wait's timeout

    assert run_qasync(scenario()) == 0
    assert launcher.services is None and launcher._opened is None
    assert not Store.exists(data_dir)  # the data folder was never opened, let alone created


def test_only_takes_follows_the_clock_on_the_minute_refresh(qtbot, window: MainWindow, services: Services,
                                                            clock: FixedClock) -> None:
    from app.ui.today_page import load_today_clock

    services.contacts.create(nickname="阿强")
    for _ in range(3):
        services.helps.create(direction="given", kind="other", contact="阿强")
    page = window.today_page
    page.set_data(load_today(services))
    assert page.takes_list.count() == 1  # 阿强 only takes
    clock.advance(days=31)  # no write: the three helps leave the 30-day window
    page.set_clock_data(load_today_clock(services))  # what the controller does each minute
    assert page.takes_list.count() == 0 and page.takes_section.is_empty()
    assert services.ledger.only_takes() == services.ledger.summary()["only_takes"] == []


def test_the_cycle_collector_runs_in_the_gui_thread_only(qtbot) -> None:
    import gc

    from PySide6.QtWidgets import QApplication

    from app.ui.launcher import GuiThreadCollector

    collector = GuiThreadCollector(QApplication.instance())
    try:
        assert not gc.isenabled()  # never in the database thread by itself
        class Cycle:
            pass

        for _ in range(gc.get_threshold()[0] + 10):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        assert gc.get_count()[0] > gc.get_threshold()[0]
        collector.collect()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        collector.stop()
    assert gc.isenabled()


def test_the_greeting_uses_the_name_given_at_first_run(window: MainWindow, services: Services) -> None:
    page = window.today_page
    page.set_data(load_today(services))
    assert page.greeting.text() == "Good evening"  # the clock: 20:00 in Shanghai
    services.profile.edit(display_name="小美")
    page.set_data(load_today(services))
    assert page.greeting.text() == "Good evening, 小美"


def test_a_settlement_in_the_history_says_how_it_was_made(qapp, services: Services) -> None:
    """History said "Settled up" and nothing of the red packet or the favour."""
    services.contacts.create(nickname="小美")
    services.helps.create(direction="received", kind="share", contact="小美")
    services.ledger.settle("小美", how="hongbao", amount_fen=888)
    model = ActivityTableModel()
    model.set_rows(services.queries.activities(limit=5), services.queries.names(), services.clock.tz,
                   services.clock.now())
    settled = [model.index(r, ActivityTableModel.COL_DETAILS).data() for r in range(model.rowCount())
               if model.index(r, ActivityTableModel.COL_WHAT).data() == "Settled up"]
    assert settled == ["小美 · Red packet · ¥8.88"]
