"""The window's start: the real window's first frame before asyncio, qasync, the command line's grammar and the
database code, the window's own options read as the command line's parser reads them, and the wait for the first
frame."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from app.cli.parser import build_parser
from app.clock import FixedClock
from app.main import _window_args
from app.ui.app import show_first_frame
from app.ui.cards import OVER_COLOR
from app.ui.launcher import Launcher
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# The real start (app.main.main, as `python -m app --data-dir D --lang en` runs it), watched from outside: a filter
# put on the main window when it is shown reports, once its first frame is painted, which modules were loaded by
# then and what the frame showed.
PROBE = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    qapp = QApplication([sys.argv[0]])
    qapp.setApplicationName("Pintuan Quest")
    qapp.setOrganizationName("pintuan-quest")
    QSettings().setValue("first_run/done", True)  # a returning user's start

    # (argparse itself comes with PySide6; the command line's grammar is app.cli.parser.)
    LATER = ("asyncio", "qasync", "app.cli.parser", "sqlalchemy", "alembic", "pydantic", "PySide6.QtSvg",
             "app.ui.launcher", "app.ui.pages.settings", "app.ui.first_run", "platformdirs")

    class FirstFrame(QObject):
        def eventFilter(self, window, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = True
                QTimer.singleShot(0, lambda: self.report(window))
            return False

        def report(self, window):
            print(json.dumps({
                "loaded": sorted(name for name in LATER if name in sys.modules),
                "sidebar": [window.sidebar.item(row).text() for row in range(window.sidebar.count())],
                "page": type(window.pages.currentWidget()).__name__,
                "status": window.statusBar().currentMessage(),
                "title": window.windowTitle(),
            }), flush=True)
            os._exit(0)

    watcher = FirstFrame()
    real_show = QWidget.show

    def show(widget):
        if isinstance(widget, QMainWindow):
            widget.installEventFilter(watcher)
        real_show(widget)

    QWidget.show = show
    from app.main import main

    main(["--data-dir", sys.argv[1], "--lang", "en"])
    os._exit(1)  # the window closed before its first frame
    """
)


def test_the_real_start_paints_the_window_before_asyncio_qasync_and_the_database(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    frame = json.loads(done.stdout.strip().splitlines()[-1])
    assert frame["loaded"] == []
    # The real window, not a splash: every page in the sidebar, Today on screen, the store being opened.
    assert frame["sidebar"] == ["Today", "Groups", "Contacts", "Deals", "Ledger", "Quests", "Badges", "Charts",
                                "History", "Privacy & Export", "Settings"]
    assert frame["page"] == "TodayPage"
    assert frame["status"] == "Opening your data…"
    assert frame["title"] == "Pintuan Quest"


# -- the window's options, without the command line's parser ----------------------------------------------------

WINDOW_TOKENS = ["--data-dir", "--lang", "--demo", "en", "zh_CN", "fr", "/tmp/x", "data", "", "-x", "--data",
                 "--data-dir=/tmp/y", "--lang=zh_CN", "--lang=xx", "--demo=1", "--help", "list", "groups", "--"]


def _parsed(argv: list[str]) -> tuple[object, ...] | None:
    """What the full parser makes of ``argv`` (data folder, language, demo, command), or None for an error."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        return None
    return (getattr(args, "data_dir", None), getattr(args, "lang", None), args.demo, args.command)


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--data-dir", "/tmp/d"], ["--data-dir=/tmp/d", "--lang", "zh_CN"], ["--lang=en", "--demo"],
    ["--data-dir", "a", "--data-dir", "b"], ["--data-dir", ""], ["--lang", "zh_CN", "--lang", "en"],
])
def test_the_window_options_are_read_as_the_parser_reads_them(argv: list[str], capsys) -> None:
    fast = _window_args(argv)
    assert fast is not None
    assert (getattr(fast, "data_dir", None), getattr(fast, "lang", None), fast.demo, fast.command) == _parsed(argv)


@pytest.mark.parametrize("argv", [
    ["list", "groups"], ["--help"], ["--version"], ["--data"], ["--lang", "fr"], ["--lang=xx"], ["--data-dir"],
    ["--data-dir", "--demo"], ["--demo=1"], ["--data-dir", "-x"], ["--"], ["demo", "--activities", "10"],
])
def test_anything_else_goes_to_the_parser(argv: list[str]) -> None:
    assert _window_args(argv) is None


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WINDOW_TOKENS), max_size=6))
def test_the_window_options_never_disagree_with_the_parser(argv: list[str]) -> None:
    fast = _window_args(argv)
    if fast is not None:  # else the parser reads them, as before
        got = (getattr(fast, "data_dir", None), getattr(fast, "lang", None), fast.demo, fast.command)
        assert got == _parsed(argv), argv


# -- the wait for the first frame ------------------------------------------------------------------------------


def test_the_start_waits_for_the_first_frame_then_the_icons_and_tables_come(qtbot, data_dir: Path,
                                                                             settings: QSettings) -> None:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    page = window.today_page
    sections = [page.due_section, page.activity_section, page.owe_section, page.takes_section, page.balance_section]
    assert not window.has_painted()
    assert [section.content for section in sections] == [None] * 5  # the first frame: the cards' headings
    assert show_first_frame(window, timeout=30)  # returns on the frame, long before the timeout
    assert window.has_painted() and window.isVisible()
    assert not any(window.sidebar.item(row).icon().isNull() for row in range(window.sidebar.count()))
    assert [type(section.content).__name__ for section in sections] == ["QTableView", "QTableView", "QListWidget",
                                                                        "QListWidget", "QTableView"]
    assert page.due_view.model() is page.due_model and page.balance_view.isSortingEnabled()


def test_the_today_tables_are_there_whenever_asked_for(qtbot, settings: QSettings) -> None:
    from app.ui.today_page import TodayPage

    page = TodayPage(settings)  # never shown: asking for a list builds the tables and lists
    qtbot.addWidget(page)
    assert page.owe_list.count() == 0 and page.owe_section.content is page.owe_list
    assert page.activity_section.content is page.activity_view


def test_a_window_closed_before_its_first_frame_ends_the_wait(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                              data_dir: Path, settings: QSettings) -> None:
    monkeypatch.setattr(MainWindow, "paintEvent", QMainWindow.paintEvent)  # as a window that starts minimised
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    QTimer.singleShot(0, window.close)
    assert not show_first_frame(window, timeout=30)  # at once: the 30 s would fail the suite's timeout
    assert not window.has_painted()


def test_a_window_that_never_paints_is_waited_for_no_longer_than_the_timeout(
    qtbot, monkeypatch: pytest.MonkeyPatch, data_dir: Path, settings: QSettings
) -> None:
    monkeypatch.setattr(MainWindow, "paintEvent", QMainWindow.paintEvent)
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    assert show_first_frame(window, timeout=0.05)  # still open: the start goes on without the frame
    assert not window.has_painted()


def test_the_launcher_does_not_wait_again_for_a_frame_already_painted(
    qtbot, qapp: QApplication, run_qasync, data_dir: Path, settings: QSettings, clock: FixedClock
) -> None:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    assert show_first_frame(window, timeout=30)
    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock, window=window)
    assert launcher.window is window

    async def scenario() -> None:
        # The frame is on screen already: no first_painted signal will come again.
        await asyncio.wait_for(launcher._first_paint(timeout=60), 1.0)

    try:
        run_qasync(scenario())
    finally:
        launcher.runner.shutdown()


# -- Today's painted cards --------------------------------------------------------------------------------------


def test_the_chip_over_the_budget_has_an_orange_line(qtbot, data_dir: Path, settings: QSettings) -> None:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    chip = window.today_page.budget_label
    chip.setText("Helps given today: 3 of 2, over your budget")
    chip.resize(chip.sizeHint())

    def line() -> QColor:
        return chip.grab().toImage().pixelColor(chip.width() // 2, 0)

    assert line().name() == chip.palette().color(QPalette.ColorRole.Midlight).name()
    chip.set_over(True)
    assert line().name() == OVER_COLOR.name() and chip.property("over") is True
    chip.set_over(False)
    assert line().name() == chip.palette().color(QPalette.ColorRole.Midlight).name()


def test_the_demo_folder_is_told_apart_by_its_name_first(qtbot, tmp_path: Path, settings: QSettings,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from app.paths import default_demo_dir
    from app.ui.main_window import DEMO_DIR_NAME

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert default_demo_dir().name == DEMO_DIR_NAME  # the name the window looks for first
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / DEMO_DIR_NAME).mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "share" / DEMO_DIR_NAME)  # another name, the demo folder behind it
    elsewhere = tmp_path / "other" / DEMO_DIR_NAME  # the demo's name, not the demo folder
    for folder, demo in ((default_demo_dir(), True), (tmp_path / "link", True), (elsewhere, False),
                         (tmp_path / "mine", False)):
        window = MainWindow(folder, settings)
        qtbot.addWidget(window)
        assert window.is_demo() is demo, folder
