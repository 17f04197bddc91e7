"""Pasting a share text in the window (app/ui/paste_share.py): Ctrl+V on Today proposes a deal (or, for a 助力
request, a help in the quick log), filled for the user to check; nothing is saved, and text that is no share
only says so."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from app.services import Services
from app.ui.controller import WindowController
from app.ui.main_window import MainWindow
from app.ui.tasks import DbRunner

BARGAIN = ("【拼多多】帮我砍一刀，已砍到¥5.80，就差你了！https://mobile.yangkeduo.com/bargain.html?goods_id=123"
           "&share_uid=9 婴儿湿巾80抽")
GROUP = "【拼多多】拼团价¥29.9 还差2人 维达抽纸 https://mobile.yangkeduo.com/goods.html?goods_id=4455"
BOOST = "【京东】帮我助力领现金红包 https://pro.m.jd.com/mall/active/zhuli.html?id=1"
LOOKALIKE = "【拼多多】帮我砍一刀 蓝牙耳机 已砍到¥9.9 https://mobile.yangkeduo.corn/bargain.html?id=5"


@pytest.fixture
def win(qtbot, data_dir: Path, settings: QSettings, services: Services) -> Iterator[tuple[MainWindow, Any]]:
    services.contacts.create(nickname="小美")
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    runner = DbRunner()
    controller = WindowController(window, services, runner)
    yield window, controller
    if controller._quick_log is not None:
        controller._quick_log.close()
    runner.shutdown()


def paste_on_today(qtbot, window: MainWindow, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    window.show_page(window.today_page)
    window.today_page.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(window.today_page, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_v_on_today_fills_a_new_bargain_and_saves_nothing(qtbot, win, services: Services) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, BARGAIN)
    page = window.built_page("deals_page")
    assert page is not None and window.pages.currentWidget() is page
    assert page.current_id is None and page._dirty  # a new deal, not saved
    assert page.kind_combo.currentData() == "bargain"
    assert page.title_edit.text() == "婴儿湿巾80抽"
    assert page.url_edit.text() == "https://mobile.yangkeduo.com/bargain.html?goods_id=123"  # tracking dropped
    assert page.current_edit.text() == "5.80"
    assert not page.mine_check.isChecked()
    assert page.link_verdict.isVisibleTo(page) and page.link_verdict.text().startswith("✓")
    assert "check the new deal" in window.statusBar().currentMessage()
    assert services.queries.deals() == []


def test_a_group_invitation_fills_its_price_and_the_people_needed(qtbot, win) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, GROUP)
    page = window.built_page("deals_page")
    assert page.kind_combo.currentData() == "group_buy"
    assert (page.title_edit.text(), page.original_edit.text(), page.needed_spin.value()) == ("维达抽纸", "29.90", 2)


def test_a_lookalike_link_shows_its_danger_under_the_field(qtbot, win) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, LOOKALIKE)
    page = window.built_page("deals_page")
    assert page.url_edit.text() == "https://mobile.yangkeduo.corn/bargain.html?id=5"
    assert page.link_verdict.text().startswith("✕")


def test_text_that_is_no_share_only_says_so(qtbot, win) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, "今晚一起吃火锅吗？")
    assert window.pages.currentWidget() is window.today_page
    assert window.statusBar().currentMessage() == "No share found in the clipboard."
    assert window.built_page("deals_page") is None


def test_unsaved_edits_in_the_deal_form_are_not_overwritten(qtbot, win) -> None:
    window, _controller = win
    page = window.page("deals_page")
    page.on_new_clicked()
    page.title_edit.setText("我自己的草稿")
    paste_on_today(qtbot, window, BARGAIN)
    assert page.title_edit.text() == "我自己的草稿"
    assert "unsaved changes" in window.statusBar().currentMessage()


def test_a_boost_request_opens_the_quick_log_on_a_boost_click(qtbot, run_qasync, win, services) -> None:
    window, controller = win

    async def scenario() -> Any:
        paste_on_today(qtbot, window, BOOST)
        for _ in range(2000):  # the dialog opens once its names are read in the database thread
            dialog = controller._quick_log
            if dialog is not None and dialog.isVisible() and dialog.note_edit.text():
                return dialog
            await asyncio.sleep(0.005)
        raise AssertionError("the quick log did not open")

    dialog = run_qasync(scenario())
    assert dialog.kind() == "boost_click"
    assert dialog.note_edit.text() == "https://pro.m.jd.com/mall/active/zhuli.html"
    assert dialog.share_link_verdict.isVisibleTo(dialog) and dialog.share_link_verdict.text().startswith("✓")
    assert services.queries.helps() == []


def test_the_quick_logs_paste_button_and_ctrl_v_in_the_note(qtbot, run_qasync, win) -> None:
    window, controller = win
    run_qasync(controller.open_quick_log())
    dialog = controller._quick_log
    QGuiApplication.clipboard().setText("hello there")
    dialog.share_button.click()
    assert dialog.hint_label.text() == "No share found in the clipboard."
    assert dialog.note_edit.text() == ""
    dialog.note_edit.setFocus()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.note_edit.text() == "hello there"  # plain text pastes as text

    QGuiApplication.clipboard().setText(GROUP)
    dialog.note_edit.clear()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.kind() == "join_group"
    assert dialog.note_edit.text() == "维达抽纸 https://mobile.yangkeduo.com/goods.html?goods_id=4455"

    QGuiApplication.clipboard().setText(LOOKALIKE)
    dialog.share_button.click()
    assert dialog.kind() == "bargain_cut"
    assert dialog.share_link_verdict.text().startswith("✕")


def test_the_keyboard_help_lists_ctrl_v() -> None:
    from app.ui.help import other_shortcuts

    assert dict(other_shortcuts())["Ctrl+V"].startswith("Today: paste a share text")


def test_a_disguise_that_normalising_undid_still_shows_as_danger(qtbot, run_qasync, win, services) -> None:
    """A fullwidth ｍ in an official host maps to the real host: the form gets the link as typed, judged so."""
    window, _controller = win
    paste_on_today(qtbot, window, "【拼多多】帮我砍一刀 台灯 已砍到¥3 https://ｍobile.yangkeduo.com/bargain.html?bargain_id=3")
    page = window.built_page("deals_page")
    assert page.url_edit.text() == "https://ｍobile.yangkeduo.com/bargain.html?bargain_id=3"
    assert page.link_verdict.text().startswith("✕")
    assert run_qasync(page.save()) is True
    [deal] = services.queries.deals()
    assert deal["url"] == "https://mobile.yangkeduo.com/bargain.html?bargain_id=3" and deal["url_verdict"] == "danger"


def test_the_proposed_group_buy_saves_as_shown_once_the_user_saves(qtbot, run_qasync, win, services) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, GROUP)
    page = window.built_page("deals_page")
    assert services.queries.deals() == []
    assert run_qasync(page.save()) is True
    [deal] = services.queries.deals()
    assert (deal["kind"], deal["title"], deal["url"], deal["original_fen"], deal["participants_needed"]) == (
        "group_buy", "维达抽纸", "https://mobile.yangkeduo.com/goods.html?goods_id=4455", 2990, 2)
    assert not deal["mine"]


def test_a_proposed_bargain_saves_with_its_price_now(qtbot, run_qasync, win, services) -> None:
    window, _controller = win
    paste_on_today(qtbot, window, BARGAIN)
    page = window.built_page("deals_page")
    assert run_qasync(page.save()) is True
    [deal] = services.queries.deals()
    assert (deal["kind"], deal["current_fen"], deal["url_verdict"]) == ("bargain", 580, "ok")


def test_ctrl_v_with_the_focus_on_the_sidebar_after_clicking_today(qtbot, win) -> None:
    """A user clicks Today in the sidebar (the focus stays there) and presses Ctrl+V: the share is proposed
    (found in the real window: the shortcut listened on the Today page alone)."""
    window, _controller = win
    QGuiApplication.clipboard().setText(BARGAIN)
    window.show_page(window.today_page)
    window.sidebar.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    page = window.built_page("deals_page")
    assert page is not None and window.pages.currentWidget() is page
    assert page.title_edit.text() == "婴儿湿巾80抽"
