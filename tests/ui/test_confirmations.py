"""Every confirmation on the running window, answered Yes and No by clicking the real box on the qasync loop.

Before, each ran a nested event loop (``QMessageBox.question``) inside a coroutine: the poll task re-entered
it (qasync: "Cannot enter into task … while another task … is being executed"), the window then no longer saw
writes from the command line, and quitting left the process running. After each answer, a write from outside
must show in the window and quitting must end the loop with 0.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.services import Services
from app.store import Store
from app.ui.launcher import Launcher
from app.ui.pages.ledger_parts import SettleDialog
from tests.ui.boxes import answer, until, visible

FLOWS = ["settle up", "delete exchange", "merge contacts", "delete group", "reset demo"]


def make_data(data_dir: Path, clock: FixedClock) -> None:
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        services.groups.create(name="宝妈拼团群")
        services.groups.create(name="空群")  # nothing refers to it: deleting it is allowed
        services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
        services.contacts.create(nickname="阿强")
        services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")
    finally:
        store.close()


def write_from_outside(data_dir: Path, clock: FixedClock, nickname: str) -> int:
    """What the command line does meanwhile: another connection adds a contact. The contacts there now."""
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        services.contacts.create(nickname=nickname)
        return len(services.queries.contacts())
    finally:
        store.close()


def contact_id(data_dir: Path, clock: FixedClock, nickname: str) -> str:
    store = Store.open(data_dir)
    try:
        return next(str(c["id"]) for c in Services(store, clock).queries.contacts() if c["nickname"] == nickname)
    finally:
        store.close()


async def start(flow: str, launcher: Launcher, data_dir: Path, clock: FixedClock) -> asyncio.Future[bool]:
    """Open the page of ``flow``, select what it acts on and click its button; the question box is then open."""
    window = launcher.window
    if flow == "reset demo":
        page = window.settings_page
        window.show_page(page)
        page.demo_dir = data_dir.parent / "demo"  # never the user's real demo folder
        return asyncio.ensure_future(page.reset_demo())
    if flow == "delete group":
        page = window.groups_page
        window.show_page(page)
        await until(lambda: page.proxy.rowCount() == 2)
        names = [page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())]
        page.view.selectRow(names.index("空群"))
        return asyncio.ensure_future(page.delete())
    page = window.ledger_page
    window.show_page(page)
    await until(lambda: page.select_contact(contact_id(data_dir, clock, "小美")))
    if flow == "settle up":
        return asyncio.ensure_future(page.settle())
    if flow == "merge contacts":
        await until(lambda: page.merge_combo.count() > 0)
        page.merge_combo.setCurrentIndex(0)  # it starts with no choice
        return asyncio.ensure_future(page.merge())
    await until(lambda: page.exchange_model.rowCount() == 1)
    page.exchanges_view.selectRow(0)
    return asyncio.ensure_future(page.delete_exchange())


@pytest.mark.parametrize("reply", ["No", "Yes"])
@pytest.mark.parametrize("flow", FLOWS)
def test_a_confirmation_keeps_the_window_alive(
    run_qasync, launcher: Launcher, data_dir: Path, clock: FixedClock, flow: str, reply: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_data(data_dir, clock)
    cards = launcher.window.today_page.cards

    async def scenario() -> tuple[bool, int]:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and launcher.controller.poll_timer.isActive())
        task = await start(flow, launcher, data_dir, clock)
        asking = SettleDialog if flow == "settle up" else QMessageBox  # settling up asks how, in its own dialog
        await until(lambda: visible(asking))
        ticks: list[int] = []
        launcher.controller.poll_timer.timeout.connect(lambda: ticks.append(1))
        await until(lambda: len(ticks) >= 2)  # the window polled twice while the box was open
        if flow == "settle up":
            dialog = visible(SettleDialog)[-1]
            (dialog.accept if reply == "Yes" else dialog.reject)()
        else:
            await answer(reply)
        done = await task
        launcher.window.show_page(launcher.window.today_page)  # pages off screen reload when shown
        now = write_from_outside(data_dir, clock, "外来的人")
        await until(lambda: cards["contacts"].value_label.text() == str(now))
        launcher.request_quit()
        return done, await asyncio.wait_for(main, 10)

    with caplog.at_level(logging.ERROR):
        done, code = run_qasync(scenario(), timeout=60)
    assert code == 0
    assert done is (reply == "Yes")
    assert not [r for r in caplog.records if "Cannot enter into task" in r.getMessage()]
