"""UI fixtures: a throw-away settings file, a filled database, and a way to run coroutines on qasync."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

# isort: off
# PySide6 before qasync: qasync binds to the first Qt binding it finds.
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
import qasync

# isort: on
from app import i18n
from app.clock import FixedClock
from app.services import Services
from app.ui.language import remove_translators
from app.ui.tasks import DbRunner


@pytest.fixture(autouse=True)
def english_window() -> Iterator[None]:
    """A test that switched the window's language leaves the next one in English."""
    locale = QLocale()
    yield
    remove_translators()
    i18n.set_language("en")
    QLocale.setDefault(locale)
    # Collect the test's Qt objects caught in reference cycles here, in the GUI thread: left to the collector,
    # they may be destroyed during the next test inside the database thread, and Qt warns ("Timers cannot be
    # stopped from another thread"), which fails that test.
    gc.collect()


@pytest.fixture
def runner() -> Iterator[DbRunner]:
    """The window's one database runner, shut down after the test."""
    runner = DbRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def launcher(qtbot, qapp, data_dir: Path, settings: QSettings, clock: FixedClock) -> Any:
    """The real window's launcher on the test's data folder (``amain()`` runs it on the loop)."""
    from app.ui.launcher import Launcher

    launcher = Launcher(qapp, data_dir, settings=settings, clock=clock)
    qtbot.addWidget(launcher.window)
    return launcher


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in the test's folder, never the user's."""
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def filled(services: Services, clock: FixedClock) -> Services:
    """A small community: a group, two contacts, a bargain due tomorrow and helps both ways."""
    services.groups.create(name="宝妈拼团群", platform="wechat", vertical="mother_baby")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.contacts.create(nickname="阿强")
    services.deals.create(
        kind="bargain", title="婴儿推车", group="宝妈拼团群", mine=True,
        original_fen=59900, target_fen=9900, deadline=clock.now() + dt.timedelta(days=1),
    )
    services.helps.create(direction="given", kind="bargain_cut", contact="小美", group="宝妈拼团群", amount_fen=1250)
    services.helps.create(
        direction="received", kind="bargain_cut", contact="小美", group="宝妈拼团群", deal="婴儿推车", amount_fen=830
    )
    services.helps.create(direction="received", kind="boost_click", contact="小美", group="宝妈拼团群")
    return services


@pytest.fixture
def run_qasync(qapp: QApplication) -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """Run a coroutine to completion on a qasync loop over the test's QApplication (Qt timers run too).

    Inside the coroutine, ``await`` — never ``qtbot.waitUntil``/``waitSignal`` (see STACK-NOTES).
    """

    def run(coro: Coroutine[Any, Any, Any], timeout: float = 20.0) -> Any:
        try:
            with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
                return runner.run(asyncio.wait_for(coro, timeout))
        finally:
            # The closed loop's timer object still has Qt timers running (qasync only flags it stopped): let
            # it die here, on its own thread, not in a garbage collection a later test's worker thread runs.
            gc.collect()

    return run
