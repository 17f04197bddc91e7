"""File ▸ Import chat…: a generated chat export read into the review queue; accept, edit, skip by keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow

from app.exchange.chat_import import ChatRead, Message, proposal_of
from app.exchange.share_text import Share, parse_share
from app.services import Services
from app.ui.chat_review import ChatReviewDialog, import_chat
from app.ui.context import PageContext
from app.ui.quick_log import QuickLogDialog
from app.ui.tasks import DbRunner
from tests.chat_files import qq_text, wechat_csv
from tests.conftest import START
from tests.ui import test_quick_log

EARLIEST = START - dt.timedelta(days=365)
GROUP = "拼团互助群"
window = test_quick_log.window  # the fixture: the dialogs' parent, as in the app


@pytest.fixture
def ctx(services: Services, runner: DbRunner) -> PageContext:
    services.groups.create(name="另一个群")
    services.groups.create(name=GROUP)
    return PageContext(services, runner)


def _open(qtbot, run_qasync, window: QMainWindow, ctx: PageContext, path: Path) -> ChatReviewDialog:
    dialog = run_qasync(import_chat(window, ctx, path))
    assert isinstance(dialog, ChatReviewDialog)
    qtbot.addWidget(dialog)
    dialog.windowHandle().requestActivate()  # for its keys; outside async code only
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.view.setFocus()
    return dialog


def _expected(made) -> list:
    return [m for m in made.messages if not m.sticker and parse_share(m.text) and EARLIEST <= m.at <= START]


def test_ten_thousand_messages_fill_the_queue_and_keys_accept_and_skip(
        qtbot, run_qasync, window: QMainWindow, ctx: PageContext, services: Services, tmp_path: Path) -> None:
    made = qq_text(tmp_path / "chat.txt", 10_000, start=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
                   end=START - dt.timedelta(hours=1))
    dialog = _open(qtbot, run_qasync, window, ctx, made.path)
    expected = _expected(made)
    old = sum(1 for m in made.messages if not m.sticker and parse_share(m.text) and m.at < EARLIEST)
    assert dialog.view.topLevelItemCount() == len(expected) == len(dialog.proposals)
    assert dialog.group() == GROUP  # the chat's name (消息对象) picks its group
    assert f"{old:,} shares were left out as too old" in dialog.left_out_label.text()
    first, second, third, fourth = dialog.proposals[:4]
    assert dialog.view.topLevelItem(0).text(2) == (first.contact or "You")
    before = len(services.queries.contacts())

    async def keys() -> None:
        qtbot.keyClick(dialog.view, Qt.Key.Key_A)
        assert dialog.task is not None
        assert await dialog.task is True
        qtbot.keyClick(dialog.view, Qt.Key.Key_S)
        qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        assert await dialog.task is True

    run_qasync(keys())
    assert dialog.view.topLevelItemCount() == len(dialog.proposals) == len(expected) - 4
    assert second not in dialog.proposals and third not in dialog.proposals
    helps, requests, deals = services.queries.helps(), services.queries.requests(), services.queries.deals()
    assert len(helps) + len(requests) + len(deals) == 2  # the two accepted (a group buy is a deal), no skipped one
    names = {c["nickname"] for c in services.queries.contacts()}
    for skipped in (second, third):
        if skipped.contact and skipped.contact not in {first.contact, fourth.contact}:
            assert skipped.contact not in names
    assert len(names) - before <= 2
    assert dialog.logged_count == 2


def test_accept_all_logs_every_proposal(qtbot, run_qasync, window: QMainWindow, ctx: PageContext,
                                        services: Services, tmp_path: Path) -> None:
    made = wechat_csv(tmp_path / "w.csv", 600, start=EARLIEST + dt.timedelta(days=200),
                      end=START - dt.timedelta(hours=1))
    dialog = _open(qtbot, run_qasync, window, ctx, made.path)
    expected = _expected(made)
    assert len(dialog.proposals) == len(expected) > 30
    dialog.group_combo.setCurrentText(GROUP)
    helps_wanted = sum(1 for p in dialog.proposals if p.kind == "help")
    requests_wanted = sum(1 for p in dialog.proposals if p.kind == "request")
    assert run_qasync(dialog.accept_all()) == len(expected)
    assert dialog.view.topLevelItemCount() == 0 and not dialog.accept_all_button.isEnabled()
    assert len(services.queries.helps()) == helps_wanted and len(services.queries.requests()) == requests_wanted
    assert "Done" in dialog.status_label.text()


def test_edit_opens_the_quick_log_filled_in_and_saving_logs_it(
        qtbot, run_qasync, window: QMainWindow, ctx: PageContext, services: Services, tmp_path: Path) -> None:
    made = wechat_csv(tmp_path / "w.csv", 300, start=EARLIEST + dt.timedelta(days=300),
                      end=START - dt.timedelta(hours=1))
    dialog = _open(qtbot, run_qasync, window, ctx, made.path)
    index = next(i for i, p in enumerate(dialog.proposals) if p.kind == "help")
    proposal = dialog.proposals[index]
    dialog.view.setCurrentItem(dialog.view.topLevelItem(index))
    dialog.group_combo.setCurrentText(GROUP)
    qtbot.keyClick(dialog.view, Qt.Key.Key_E)
    editor = dialog.editor
    assert isinstance(editor, QuickLogDialog) and editor.isVisible()
    assert editor.contact_edit.text() == proposal.contact and editor.group_edit.text() == GROUP
    assert editor.note_edit.text() == proposal.shown_title and editor.kind() == "bargain_cut"
    editor.amount_edit.setText("1.50")
    assert run_qasync(editor.save()) is not None
    assert proposal not in dialog.proposals
    (help_,) = services.queries.helps()
    assert help_["amount_fen"] == 150 and help_["direction"] == "given"
    assert dt.datetime.fromisoformat(str(help_["at"]).replace("Z", "+00:00")).replace(second=0) == \
        proposal.at.replace(second=0)


def test_a_refused_file_opens_no_queue_and_changes_nothing(
        qtbot, run_qasync, window: QMainWindow, ctx: PageContext, services: Services, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    bad = tmp_path / "chat.csv"
    bad.write_bytes(b"\x00\x01binary\xff")
    told: list[str] = []

    def close_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                told.append(widget.text())
                widget.accept()
                return
        QTimer.singleShot(20, close_box)

    QTimer.singleShot(20, close_box)
    assert run_qasync(import_chat(window, ctx, bad)) is None
    assert told and "UTF-8" in told[0]
    assert services.queries.helps() == [] and services.queries.requests() == []


def test_the_file_menu_has_import_chat(qtbot, tmp_path: Path) -> None:
    from app.ui.main_window import MainWindow

    main = MainWindow(tmp_path, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    file_menu = main.menuBar().actions()[0].menu()
    assert main.import_chat_action in file_menu.actions()
    fired: list[bool] = []
    main.import_chat_requested.connect(lambda: fired.append(True))
    main.import_chat_action.trigger()
    assert fired == [True]


def test_edit_a_group_buy_fills_the_deals_form_and_saving_there_logs_it(
        qtbot, run_qasync, ctx: PageContext, services: Services, tmp_path: Path) -> None:
    from app.ui.pages.deals import DealsPage

    class Window(QMainWindow):  # the main window's part the queue uses: its Deals page and show_page
        def __init__(self) -> None:
            super().__init__()
            self.deals_page = DealsPage()
            self.deals_page.set_data(self.deals_page.load(services))
            self.deals_page.attach(ctx)
            self.setCentralWidget(self.deals_page)
            self.shown: list[object] = []

        def show_page(self, page: object) -> None:
            self.shown.append(page)

    main = Window()
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    # A group buy as the share parser proposes one (its first cut knows bargains only).
    share = Share(kind="group_buy", title="抽纸 3 提", url="https://mobile.yangkeduo.com/goods.html?goods_id=77",
                  price_fen=1290, needed=2, platform="pinduoduo", link_verdict="ok")
    proposal = proposal_of(share, Message(START - dt.timedelta(days=1), "小红", "", 5))
    dialog = ChatReviewDialog(ctx, "chat.txt", ChatRead(format="qq_text", messages=1, proposals=[proposal]),
                              ["另一个群", GROUP], main)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.view.setFocus()
    dialog.group_combo.setCurrentText(GROUP)
    qtbot.keyClick(dialog.view, Qt.Key.Key_E)
    page = main.deals_page
    assert main.shown == [page] and proposal not in dialog.proposals
    assert page.title_edit.text() == proposal.title and page.group_combo.currentText() == GROUP
    assert page.url_edit.text() == proposal.url and page.mine_check.isChecked() is (proposal.contact is None)
    run_qasync(page.save())
    (deal,) = services.queries.deals()
    assert (deal["title"], deal["kind"], deal["mine"]) == (proposal.title, "group_buy", False)
    assert "¥12.90" in deal["notes"]


def test_cancelling_the_reading_opens_no_queue(run_qasync, window: QMainWindow, ctx: PageContext,
                                               tmp_path: Path) -> None:
    made = wechat_csv(tmp_path / "w.csv", 10_000, start=EARLIEST, end=START - dt.timedelta(hours=1))
    assert run_qasync(import_chat(window, ctx, made.path, cancel_after=4_000)) is None
    assert not [w for w in window.findChildren(ChatReviewDialog) if w.isVisible()]


def test_the_list_has_the_focus_when_the_queue_opens(qtbot, run_qasync, window: QMainWindow, ctx: PageContext,
                                                     services: Services, tmp_path: Path) -> None:
    """Found in the real window: the group's box had the focus, so A (accept) picked another group by its letter
    and nothing was accepted. A share that names no product is listed and logged by its platform and kind."""
    made = wechat_csv(tmp_path / "chat.csv", 300, start=START - dt.timedelta(days=30),
                      end=START - dt.timedelta(hours=1))
    dialog = run_qasync(import_chat(window, ctx, made.path))
    qtbot.addWidget(dialog)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.view
    titles = [dialog.view.topLevelItem(i).text(3) for i in range(dialog.view.topLevelItemCount())]
    assert "?" not in titles and "" not in titles
    assert "Pinduoduo bargain" in titles
    group = dialog.group()
    first = dialog.proposals[0]

    async def accept() -> None:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A)
        assert await dialog.task is True

    run_qasync(accept())
    assert dialog.group() == group
    notes = [h["note"] for h in services.queries.helps()] + [r["note"] for r in services.queries.requests()]
    assert notes == [first.shown_title] and first.shown_title != ""
