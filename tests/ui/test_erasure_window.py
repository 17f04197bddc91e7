"""Erasure in the running window: erase a contact, forget a cleared field's old value, wipe everything; each
answered by clicking the real box on the qasync loop, No first (nothing changes), then Yes (nothing is left in the
data folder's bytes). After each, the window still polls and quits with 0."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.services import Services, open_services
from app.store import Store
from app.ui.erasure import WipeDialog
from app.ui.launcher import Launcher
from tests.test_erasure import leaks, marker
from tests.ui.boxes import Seen, answer, until, visible


def make_data(data_dir: Path, clock: FixedClock, m: dict[str, str]) -> None:
    store = Store.open(data_dir)
    try:
        services = Services(store, clock)
        services.profile.ensure()
        services.contacts.create(nickname=m["nick"], phone=m["phone"], notes=m["notes"])
        services.contacts.edit(m["nick"], phone=m["phone2"])  # the first number is in the history only
        services.contacts.create(nickname="阿强")
        services.helps.create(direction="given", kind="share", contact=m["nick"])
        services.backups.backup()
    finally:
        store.close()


def contacts(data_dir: Path, clock: FixedClock) -> list[dict[str, Any]]:
    store = Store.open(data_dir)
    try:
        return Services(store, clock).queries.contacts()
    finally:
        store.close()


Flow = Callable[[Launcher], Awaitable[Any]]


def run_window(run_qasync: Any, launcher: Launcher, flow: Flow, caplog: pytest.LogCaptureFixture) -> Any:
    """Start the window, run ``flow`` on it, then quit; the flow's result (the window must quit with 0)."""
    async def scenario() -> Any:
        main = asyncio.ensure_future(launcher.amain())
        await until(lambda: launcher.controller is not None and launcher.controller.poll_timer.isActive())
        out = await flow(launcher)
        ticks: list[int] = []
        launcher.controller.poll_timer.timeout.connect(lambda: ticks.append(1))
        await until(lambda: len(ticks) >= 1)  # the window still polls
        launcher.request_quit()
        assert await asyncio.wait_for(main, 10) == 0
        return out

    with caplog.at_level(logging.ERROR):
        out = run_qasync(scenario(), timeout=60)
    assert not [r for r in caplog.records if "Cannot enter into task" in r.getMessage()]
    return out


async def pick(launcher: Launcher, nickname: str) -> Any:
    page = launcher.window.contacts_page
    launcher.window.show_page(page)
    await until(lambda: page.proxy.rowCount() == 2)
    names = [page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())]
    page.view.selectRow(names.index(nickname))
    await until(lambda: page.current_id is not None)
    return page


@pytest.fixture
def window(run_qasync: Any, launcher: Launcher, caplog: pytest.LogCaptureFixture) -> Callable[[Flow], Any]:
    """Runs a flow on the real window (:func:`run_window`)."""
    return lambda flow: run_window(run_qasync, launcher, flow, caplog)


@pytest.fixture
def m(data_dir: Path, clock: FixedClock) -> dict[str, str]:
    """The markers, written into the data folder (a contact, its history, a backup)."""
    markers = {key: marker(key[:2]) for key in ("nick", "phone", "phone2", "notes")}
    make_data(data_dir, clock, markers)
    return markers


@pytest.mark.parametrize("reply", ["Cancel", "Erase"])
def test_erase_a_contact_from_their_page(window: Any, data_dir: Path, clock: FixedClock, m: dict[str, str],
                                         reply: str) -> None:
    seen: list[Seen] = []

    async def flow(launcher: Launcher) -> Any:
        page = await pick(launcher, m["nick"])
        assert page.erase_button.isEnabled() and page.erase_action.isEnabled()
        task = asyncio.ensure_future(page.erase())
        await answer(reply, seen=seen)
        if reply == "Erase":
            await answer("OK", seen=seen)
        done = await task

        def names() -> set[str]:
            return {page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())}

        if done:
            await until(lambda: m["nick"] not in names())  # the list shows the pseudonym without a restart
        return done, names()

    done, names = window(flow)
    question = seen[0]
    assert m["nick"] in question.text and "Stays" in question.informative and "backups" in question.informative
    if reply == "Cancel":
        assert done is False and m["nick"] in names
        assert {c["nickname"] for c in contacts(data_dir, clock)} == {m["nick"], "阿强"}
        assert leaks(list(m.values()), data_dir)  # nothing changed
        return
    assert done is True
    pseudonym = next(c["nickname"] for c in contacts(data_dir, clock) if c["nickname"] != "阿强")
    assert pseudonym.startswith("Member #") and pseudonym in names  # the list shows it at once
    assert pseudonym in seen[1].text and "Backups rewritten without it: 1." in seen[1].informative
    assert leaks(list(m.values()), data_dir) == []


@pytest.mark.parametrize("reply", ["Keep it", "Remove it"])
def test_clearing_a_phone_asks_whether_to_forget_it(window: Any, data_dir: Path, clock: FixedClock,
                                                    m: dict[str, str], reply: str) -> None:
    seen: list[Seen] = []

    async def flow(launcher: Launcher) -> Any:
        page = await pick(launcher, m["nick"])
        page.phone_edit.setText("")
        task = asyncio.ensure_future(page.save())
        await answer(reply, seen=seen)
        return await task

    assert window(flow) is True
    assert seen[0].text == "Also remove the old value from the history?" and "phone number" in seen[0].informative
    assert next(c for c in contacts(data_dir, clock) if c["nickname"] == m["nick"])["phone"] is None
    if reply == "Keep it":
        assert leaks([m["phone"], m["phone2"]], data_dir)  # the history keeps the old numbers
    else:
        assert leaks([m["phone"], m["phone2"]], data_dir) == []
    assert leaks([m["nick"], m["notes"]], data_dir)  # the rest stays


@pytest.mark.parametrize("word", ["", "WIPE"])
def test_wipe_everything_needs_the_typed_word(window: Any, data_dir: Path, clock: FixedClock, m: dict[str, str],
                                              word: str) -> None:
    seen: list[Seen] = []

    async def flow(launcher: Launcher) -> Any:
        page = launcher.window.privacy_page
        launcher.window.show_page(page)
        await until(lambda: page.wipe_button.isEnabled())
        task = asyncio.ensure_future(page.wipe())
        await until(lambda: visible(WipeDialog))
        dialog = visible(WipeDialog)[-1]
        assert isinstance(dialog, WipeDialog)
        dialog.edit.setText("wipe")  # not the word: the button stays off
        assert not dialog.wipe_button.isEnabled()
        if not word:
            dialog.reject()
            return await task
        dialog.edit.setText(word)
        assert dialog.wipe_button.isEnabled()
        dialog.wipe_button.click()
        await answer("OK", seen=seen)
        done = await task
        contacts_page = launcher.window.contacts_page
        launcher.window.show_page(contacts_page)
        await until(lambda: contacts_page.proxy.rowCount() == 0)
        return done

    done = window(flow)
    if not word:
        assert done is False
        assert len(contacts(data_dir, clock)) == 2 and list((data_dir / "backups").glob("pintuan-*"))
        return
    assert done is True and "Backups removed: 1." in seen[0].informative
    assert contacts(data_dir, clock) == []
    for path in (data_dir / "backups").glob("pintuan-*"):  # the window may back up the new, empty data at once
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM contact").fetchone() == (0,)
    assert leaks(list(m.values()), data_dir) == []


def test_clearing_a_groups_rules_asks_too(window: Any, data_dir: Path, clock: FixedClock) -> None:
    rules = marker("ru")
    services = open_services(data_dir, clock)
    try:
        services.groups.create(name="规矩群", rules=rules)
    finally:
        services.store.close()
    seen: list[Seen] = []

    async def flow(launcher: Launcher) -> Any:
        page = launcher.window.groups_page
        launcher.window.show_page(page)
        await until(lambda: page.proxy.rowCount() >= 1)
        names = [page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())]
        page.view.selectRow(names.index("规矩群"))
        await until(lambda: page.current_id is not None)
        page.rules_edit.setPlainText("")
        task = asyncio.ensure_future(page.save())
        await answer("Remove it", seen=seen)
        return await task

    assert window(flow) is True
    assert "group rules" in seen[0].informative
    assert leaks([rules], data_dir) == []
