"""Shared fixtures: a fresh database per test, a fake clock in a fixed zone, the services over both."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import i18n  # noqa: E402
from app.clock import FixedClock  # noqa: E402
from app.services import Services  # noqa: E402
from app.store import Store  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Wednesday, 20:00 in Shanghai: inside a "Mon-Fri 19:00-22:00" window.
START = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START, SHANGHAI)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    store = Store.open(data_dir)
    yield store
    store.close()


@pytest.fixture
def services(store: Store, clock: FixedClock) -> Services:
    return Services(store, clock)


@pytest.fixture
def cli(data_dir: Path, clock: FixedClock) -> Any:
    """The command line on the test's data folder (``tests.test_cli.Cli``)."""
    from tests.test_cli import Cli

    return Cli(data_dir, clock)



_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without the interpreter's teardown once the run is reported: PySide6 6.12 can crash while
    destroying Qt objects at exit (after every test passed), which would turn a green run red."""
    if not _EXIT_STATUS or "PySide6.QtWidgets" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_EXIT_STATUS[-1])
