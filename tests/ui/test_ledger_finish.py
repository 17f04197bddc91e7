"""The Ledger page, finished: the empty state after the last exchange goes, columns that fit at the default sizes,
a merge that starts with no choice, "You owe" / "Only takes" that show their lines, settling up said how, the
settlement history, and the copyable reminder."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView

from app import i18n
from app.clock import FixedClock
from app.demo import create_demo_folder
from app.services import Services
from app.store import Store
from app.ui.context import PageContext
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.pages.ledger import ExchangeTableModel, LedgerContactModel, LedgerGroupModel, LedgerPage
from app.ui.pages.ledger_parts import SettleDialog
from app.ui.tasks import DbRunner
from tests.ui.boxes import answering, until


def contact_id(services: Services, nickname: str) -> str:
    return {c["nickname"]: c["id"] for c in services.queries.contacts()}[nickname]


def shown_rows(view: QTableView) -> int:
    return view.model().rowCount() if view.isVisibleTo(view.window()) else 0


@pytest.fixture
def page(qtbot, services: Services, runner: DbRunner) -> LedgerPage:
    page = LedgerPage()
    qtbot.addWidget(page)
    page.attach(PageContext(services, runner))
    page.resize(1000, 640)
    page.show()
    return page


def refresh(page: LedgerPage, services: Services) -> None:
    """What the window does after a write: the page's data again."""
    page.set_data(page.load(services))


async def pick(page: LedgerPage, ident: str) -> None:
    assert page.select_contact(ident)
    if page._drill_task is not None:
        await page._drill_task


# -- 1. the last exchange deleted --------------------------------------------------------------------------


def test_deleting_the_last_exchange_empties_the_table_and_shows_the_empty_state(
        run_qasync, monkeypatch: pytest.MonkeyPatch, page: LedgerPage, services: Services) -> None:
    services.contacts.create(nickname="小美")
    services.helps.create(direction="given", kind="share", contact="小美", note="转发")
    refresh(page, services)
    assert shown_rows(page.contacts_view) == 1 and not page.empty_label.isVisibleTo(page)
    run_qasync(pick(page, contact_id(services, "小美")))
    page.exchanges_view.selectRow(0)
    assert page.delete_exchange_button.isEnabled() and page.edit_exchange_button.isEnabled()
    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.delete_exchange()) is True
    refresh(page, services)
    assert page.empty_label.isVisibleTo(page)
    assert shown_rows(page.contacts_view) == 0, "the empty state replaces the table"
    assert page.exchange_model.rowCount() == 0
    assert not page.delete_exchange_button.isEnabled() and not page.edit_exchange_button.isEnabled()


def test_edit_and_delete_follow_the_selection_when_the_exchanges_reload(
        run_qasync, monkeypatch: pytest.MonkeyPatch, page: LedgerPage, services: Services) -> None:
    services.contacts.create(nickname="小美")
    for note in ("一", "二"):
        services.helps.create(direction="given", kind="share", contact="小美", note=note)
    refresh(page, services)
    ident = contact_id(services, "小美")
    run_qasync(pick(page, ident))
    page.exchanges_view.selectRow(0)
    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.delete_exchange()) is True

    async def reload() -> None:
        refresh(page, services)
        await page._drill_task

    run_qasync(reload())
    assert page.exchange_model.rowCount() == 1
    assert not page.exchanges_view.selectionModel().selectedRows()
    assert not page.delete_exchange_button.isEnabled() and not page.edit_exchange_button.isEnabled()
    page.exchanges_view.selectRow(0)
    assert page.delete_exchange_button.isEnabled()


# -- 2. and 4. the page at the default sizes, in both languages --------------------------------------------


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ledger-demo") / "demo"
    create_demo_folder(folder, FixedClock(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)), activities=1500, seed=4)
    return folder


@pytest.fixture
def window_page(qtbot, demo_folder: Path, clock: FixedClock, tmp_path: Path) -> Iterator[Any]:
    """The Ledger page in the real window on demo data: ``open(lang, size)`` gives it shown at that size."""
    store = Store.open(demo_folder)
    runner = DbRunner()
    services = Services(store, clock)
    windows: list[MainWindow] = []

    def open_(lang: str, size: tuple[int, int]) -> tuple[LedgerPage, Services]:
        apply_language(lang)
        window = MainWindow(demo_folder, QSettings(str(tmp_path / f"{lang}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(*size)
        window.show()
        window.build_all_pages()
        page = window.ledger_page
        page.attach(PageContext(services, runner, window))
        page.set_data(page.load(services))
        window.sidebar.setCurrentRow(window.pages.indexOf(page))
        # The contact with the most exchanges, their exchanges shown (the drill-down's read, done here).
        busiest = max(services.ledger.summary()["contacts"], key=lambda r: r["given_count"] + r["received_count"])
        page.select_contact(busiest["contact_id"])
        data = services.ledger.contact(busiest["contact_id"])
        page.exchange_model.set_rows(data["exchanges"], page._tz, page._now)
        page.show_settlements(data["settlements"])
        for _ in range(3):  # the lists' delayed layout, after the window settled
            QApplication.processEvents()
        return page, services

    yield open_
    runner.shutdown()
    store.close()
    i18n.set_language("en")


SIZES = [(1280, 800), (1024, 640)]


def _cut(view: QTableView, column: int) -> bool:
    """The column is narrower than its widest text (Qt then elides it: "5-503 …")."""
    return view.horizontalHeader().sectionSize(column) < view.sizeHintForColumn(column)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_names_and_numbers_fit_and_the_note_stretches(window_page: Any, lang: str, size: tuple[int, int]) -> None:
    page, _ = window_page(lang, size)
    for column in range(LedgerContactModel.COLUMN_COUNT):
        assert not _cut(page.contacts_view, column), (lang, size, column)
    assert not _cut(page.groups_view, LedgerGroupModel.COL_NAME), (lang, size)
    view = page.exchanges_view
    for column in (ExchangeTableModel.COL_DATE, ExchangeTableModel.COL_DIRECTION, ExchangeTableModel.COL_KIND,
                   ExchangeTableModel.COL_AMOUNT):
        assert not _cut(view, column), (lang, size, column)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(ExchangeTableModel.COL_NOTE) == header.ResizeMode.Stretch
    note_left = header.sectionViewportPosition(ExchangeTableModel.COL_NOTE)
    assert note_left + 100 <= view.viewport().width(), f"the Note column is pushed off ({lang}, {size})"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_you_owe_and_only_takes_show_their_lines(window_page: Any, lang: str, size: tuple[int, int]) -> None:
    page, _ = window_page(lang, size)
    for widget in (page.owe_list, page.takes_list):
        assert widget.count() >= 2, "the demo has several"
        # Each line is whole: wrapped to the list's width, as tall as its wrapped text, never cut with "…".
        for i in range(widget.count()):
            text = widget.item(i).text()
            wrapped = widget.fontMetrics().boundingRect(0, 0, widget.viewport().width() - 6, 10_000,
                                                        int(Qt.TextFlag.TextWordWrap), text).height()
            rect = widget.visualItemRect(widget.item(i))
            assert rect.height() >= wrapped, (lang, size, text)
            assert rect.width() <= widget.viewport().width()
            if i:  # laid out at this width: each row starts where the one above ends (a stale row overlaps)
                assert rect.top() == widget.visualItemRect(widget.item(i - 1)).bottom() + 1, (lang, size, text)
        # It shows at least two whole rows before it scrolls (it was ~90 px with lines cut).
        visible = sum(1 for i in range(widget.count())
                      if widget.visualItemRect(widget.item(i)).bottom() <= widget.viewport().height())
        assert visible >= min(2, widget.count()), (lang, size, visible)


def test_the_lists_are_no_taller_than_their_lines(qtbot, page: LedgerPage, services: Services) -> None:
    services.contacts.create(nickname="阿强")
    services.helps.create(direction="received", kind="share", contact="阿强")
    refresh(page, services)
    QApplication.processEvents()
    owe = page.owe_list
    assert owe.count() == 1
    row = owe.visualItemRect(owe.item(0)).height()
    assert owe.height() <= row + 2 * owe.frameWidth() + 8, "one line, one line's height"


# -- 3. merge starts with no choice ----------------------------------------------------------------------------


def test_merge_into_starts_with_no_choice(run_qasync, page: LedgerPage, services: Services) -> None:
    for name in ("小美", "小美2", "阿强"):
        services.contacts.create(nickname=name)
        services.helps.create(direction="given", kind="share", contact=name)
    refresh(page, services)
    page.select_contact(contact_id(services, "小美2"))
    assert page.merge_combo.currentIndex() == -1
    assert page.merge_combo.currentText() == ""
    assert page.merge_combo.placeholderText() == "Choose a contact…"
    assert not page.merge_button.isEnabled()
    assert run_qasync(page.merge()) is False  # nothing chosen: nothing merged
    assert len(services.queries.contacts()) == 3
    page.merge_combo.setCurrentIndex(page.merge_combo.findData(contact_id(services, "小美")))
    assert page.merge_button.isEnabled()
    # Another contact picked: the choice starts again.
    page.select_contact(contact_id(services, "阿强"))
    assert page.merge_combo.currentIndex() == -1 and not page.merge_button.isEnabled()


# -- 5. and 6. settling up says how; the history lists it ------------------------------------------------------


async def open_settle(page: LedgerPage, ident: str) -> tuple[asyncio.Future[bool], SettleDialog]:
    """Pick the contact and click Settle up: the running settlement and its dialog, shown."""
    await pick(page, ident)
    task = asyncio.ensure_future(page.settle())
    await until(lambda: getattr(page, "_settle_dialog", None) is not None and page._settle_dialog.isVisible())
    return task, page._settle_dialog


def test_settle_up_asks_how_and_the_history_lists_it(run_qasync, page: LedgerPage, services: Services,
                                                     clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    clock.advance(hours=-1)
    for _ in range(5):
        services.helps.create(direction="given", kind="share", contact="小美")
    clock.advance(hours=1)
    refresh(page, services)
    ident = contact_id(services, "小美")

    async def flow() -> bool:
        task, dialog = await open_settle(page, ident)
        assert dialog.how() == "even" and not dialog.helps_spin.isEnabled()
        # Each choice has its key (Alt+E, F, R, P).
        assert [r.text() for r in dialog.radios.values()] == [
            "We are &even (the balance starts again from zero)", "A &favour returned (outside the app)",
            "A &red packet (红包)", "&Partly: some helps settled, the rest still counts"]
        dialog.choose("partial")
        assert dialog.helps_spin.isEnabled() and dialog.helps_spin.maximum() == 5
        dialog.helps_spin.setValue(2)
        dialog.amount_edit.setText("6.666")
        assert not dialog.ok_button.isEnabled() and dialog.amount_error.isVisibleTo(dialog)
        dialog.amount_edit.setText("6.66")
        assert dialog.ok_button.isEnabled()
        dialog.note_edit.setText("请她喝了奶茶")
        dialog.ok_button.click()
        return await task

    assert run_qasync(flow()) is True
    row = services.ledger.contact(ident)
    assert (row["balance"], row["settled"]) == (3, 2)
    assert [(s["how"], s["helps"], s["amount_fen"], s["note"]) for s in row["settlements"]] == [
        ("partial", 2, 666, "请她喝了奶茶")]

    async def reload() -> None:
        refresh(page, services)
        await page._drill_task

    run_qasync(reload())
    assert page.history_list.isVisibleTo(page)
    assert [page.history_list.item(i).text() for i in range(page.history_list.count())] == [
        "Today 20:00 · Partly · helps settled: 2 · ¥6.66 · 请她喝了奶茶"]
    assert "Helps settled in part since: 2." in page.summary_label.text()
    assert "+3" in page.summary_label.text()


def test_a_cancelled_settle_up_writes_nothing(run_qasync, page: LedgerPage, services: Services) -> None:
    services.contacts.create(nickname="阿强")
    services.helps.create(direction="received", kind="share", contact="阿强")
    refresh(page, services)
    ident = contact_id(services, "阿强")

    async def flow() -> bool:
        task, dialog = await open_settle(page, ident)
        dialog.reject()
        return await task

    assert run_qasync(flow()) is False
    assert services.ledger.contact(ident)["settlements"] == []
    assert not page.history_list.isVisibleTo(page)


# -- 7. a polite reminder, copied --------------------------------------------------------------------------------


def test_copy_reminder_for_a_contact_who_owes(run_qasync, qtbot, services: Services, runner: DbRunner,
                                              tmp_path: Path) -> None:
    from app.ui.toast import Toast

    for name, given, received in (("小美", 3, 0), ("阿强", 0, 1), ("Coco", 1, 0)):
        services.contacts.create(nickname=name)
        for _ in range(given):
            services.helps.create(direction="given", kind="share", contact=name)
        for _ in range(received):
            services.helps.create(direction="received", kind="share", contact=name)
    window = MainWindow(tmp_path, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    page = window.ledger_page
    page.attach(PageContext(services, runner, window))
    refresh(page, services)
    QApplication.clipboard().setText("something else")

    page.select_contact(contact_id(services, "阿强"))  # the user owes 阿强: no reminder to send
    assert not page.remind_button.isEnabled()
    assert page.copy_reminder() is None
    assert QApplication.clipboard().text() == "something else"

    page.select_contact(contact_id(services, "小美"))
    assert page.remind_button.isEnabled()
    page.remind_button.click()
    text = QApplication.clipboard().text()
    assert text == ("Hi 小美! When you have a moment, could you give me a hand with a bargain cut or a click? I was "
                    "happy to help you 3 times lately and hope we keep helping each other. No rush at all — thank you!")
    toasts = [t for t in window.findChildren(Toast) if t.isVisible()]
    assert len(toasts) == 1 and toasts[0].message_label.text() == "Reminder copied"
    assert toasts[0].texts() == ["Paste it in your chat with 小美: nothing was sent."]

    page.select_contact(contact_id(services, "Coco"))
    assert "help you once lately" in page.copy_reminder()
    assert len([t for t in window.findChildren(Toast) if t.isVisible()]) == 1  # the new toast replaced the old
