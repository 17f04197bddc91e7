"""The Contacts page finished (issue 12): a contact's page with their balance in words, every exchange, their groups
and deals; correcting or deleting an exchange there (and from History); page mnemonics that never clash with the
menu bar's Alt keys."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QHeaderView, QLabel, QTabWidget, QWidget

from app.clock import FixedClock
from app.services import Services
from app.ui.context import PageContext
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.models import ROW_ROLE
from app.ui.pages.contact_detail import ContactExchangeModel
from app.ui.pages.contacts import ContactsPage
from app.ui.pages.history import HistoryPage
from app.ui.tasks import DbRunner
from tests.test_contact_detail import add_many
from tests.ui.boxes import answer


@pytest.fixture
def community(services: Services, clock: FixedClock) -> Services:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.contacts.create(nickname="阿强")
    services.deals.create(kind="bargain", title="婴儿推车", group="宝妈拼团群", original_fen=59900, target_fen=9900)
    services.helps.create(direction="given", kind="bargain_cut", contact="小美", group="宝妈拼团群", deal="婴儿推车",
                          amount_fen=1250, at=clock.now() - dt.timedelta(days=2), note="帮她砍了一刀")
    services.helps.create(direction="received", kind="boost_click", contact="小美",
                          at=clock.now() - dt.timedelta(hours=1))
    services.helps.create(direction="received", kind="share", contact="小美", group="宝妈拼团群")
    return services


@pytest.fixture
def ctx(community: Services, runner: DbRunner) -> PageContext:
    return PageContext(community, runner)


@pytest.fixture
def page(qtbot, community: Services, ctx: PageContext) -> ContactsPage:
    page = ContactsPage()
    qtbot.addWidget(page)
    page.attach(ctx)
    page.set_data(page.load(community))
    return page


def pick(run_qasync, page: ContactsPage, nickname: str) -> None:
    """Click the contact's row, as a person would, and wait for their page to be read."""

    async def click() -> None:
        names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
        page.view.selectRow(names.index(nickname))
        assert page._detail_task is not None
        await page._detail_task

    run_qasync(click())


def shown_rows(page: ContactsPage) -> list[list[str]]:
    proxy = page.contact_view.exchanges_proxy
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def test_picking_a_contact_shows_their_balance_exchanges_groups_and_deals(run_qasync, page: ContactsPage) -> None:
    view = page.contact_view
    assert not view.tabs.isTabEnabled(view.exchanges_tab)  # nobody picked: only the form for a new contact
    pick(run_qasync, page, "小美")
    assert view.verdict_label.text() == "You owe 小美: they helped you 1 more times than you helped them."
    assert view.summary_label.text().splitlines() == [
        "You helped them 1× (¥12.50), they helped you 2× (¥0.00).",
        "3 exchanges in all, from 2026-11-23 to 2026-11-25.",
    ]
    assert view.tabs.tabText(view.exchanges_tab).replace("&", "") == "Exchanges (3)"
    assert view.tabs.currentIndex() == view.exchanges_tab
    m = ContactExchangeModel
    assert [[r[m.COL_DIRECTION], r[m.COL_KIND], r[m.COL_AMOUNT], r[m.COL_GROUP], r[m.COL_DEAL], r[m.COL_NOTE]]
            for r in shown_rows(page)] == [
        ["Helped you", "Shared", "", "宝妈拼团群", "", ""],
        ["Helped you", "Boost click", "", "", "", ""],
        ["You helped", "Bargain cut", "¥12.50", "宝妈拼团群", "婴儿推车", "帮她砍了一刀"],
    ]
    assert shown_rows(page)[0][m.COL_DATE] == "Today 20:00"
    groups = view.group_model
    assert [groups.index(0, c).data() for c in range(4)] == ["宝妈拼团群", "0", "1", "1"]
    deals = view.deal_model
    assert [deals.index(0, c).data() for c in range(6)] == ["婴儿推车", "Bargain", "Open", "1", "0", "¥12.50"]
    # Enter (or a double-click) on a contact puts the keyboard in their exchanges.
    view.tabs.setCurrentIndex(view.form_tab)
    page.view.activated.emit(page.view.currentIndex())
    assert view.tabs.currentIndex() == view.exchanges_tab


def test_a_contact_with_no_exchange_says_so(run_qasync, page: ContactsPage) -> None:
    pick(run_qasync, page, "阿强")
    view = page.contact_view
    assert view.verdict_label.text() == "No help exchanged with 阿强 yet."
    assert view.exchanges_empty.isVisibleTo(page) and not view.exchanges_view.isVisibleTo(page)
    page.on_new_clicked()
    assert view.tabs.currentIndex() == view.form_tab and page.contact_view.contact_id is None


def test_thousands_of_exchanges_make_one_table_of_fixed_rows(run_qasync, qtbot, page: ContactsPage,
                                                             community: Services, clock: FixedClock) -> None:
    add_many(community, clock, "阿强", 5000)
    page.show()
    qtbot.waitExposed(page)
    pick(run_qasync, page, "阿强")
    view = page.contact_view
    assert view.exchange_model.rowCount() == 5000
    assert view.tabs.tabText(view.exchanges_tab).replace("&", "") == "Exchanges (5,000)"
    table = view.exchanges_view
    # Nothing measured per row: fixed heights, no column sized to its contents, no widget in a cell.
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    header = table.horizontalHeader()
    assert all(header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents for c in range(7))
    assert len(table.findChildren(QWidget)) < 30
    table.sortByColumn(ContactExchangeModel.COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert shown_rows(page)[0][ContactExchangeModel.COL_AMOUNT] == "¥49.99"
    assert "more times" in view.verdict_label.text()


def test_an_exchange_is_corrected_from_the_contact_page(run_qasync, page: ContactsPage,
                                                        community: Services) -> None:
    pick(run_qasync, page, "小美")
    view = page.contact_view
    assert not view.edit_button.isEnabled()  # nothing selected yet
    view.exchanges_view.selectRow(2)  # the bargain cut
    assert view.edit_button.isEnabled() and view.delete_button.isEnabled()
    dialog = run_qasync(page.edit_exchange())
    assert dialog.windowTitle() == "Edit help" and dialog.isVisible()
    assert (dialog.contact_edit.text(), dialog.group_edit.text(), dialog.amount_edit.text()) == \
        ("小美", "宝妈拼团群", "12.50")
    assert run_qasync(page.edit_exchange()) is dialog  # a second activation raises the same form
    dialog.amount_edit.setText("20")
    assert run_qasync(dialog.save()) is not None
    assert not shiboken6.isValid(dialog)
    page.set_data(page.load(community))  # the window's refresh after the write
    assert shown_rows(page)[2][ContactExchangeModel.COL_AMOUNT] == "¥20.00"
    assert "(¥20.00)" in view.summary_label.text()


def test_an_exchange_is_deleted_after_a_real_question(run_qasync, page: ContactsPage, community: Services) -> None:
    pick(run_qasync, page, "小美")
    page.contact_view.exchanges_view.selectRow(1)  # the boost click
    before = len(community.queries.helps())

    async def delete(choice: str) -> tuple[bool, str]:
        task = page.ctx.runner.spawn(page.delete_exchange())
        seen = await answer(choice)
        return await task, seen.text

    done, text = run_qasync(delete("No"))
    assert not done and "Helped you · Boost click" in text and len(community.queries.helps()) == before
    done, _ = run_qasync(delete("Yes"))
    assert done and len(community.queries.helps()) == before - 1
    page.set_data(page.load(community))
    assert [r[ContactExchangeModel.COL_KIND] for r in shown_rows(page)] == ["Shared", "Bargain cut"]
    assert community.game.verify() == []


def test_history_edits_a_help_in_the_same_form(qtbot, run_qasync, community: Services, ctx: PageContext) -> None:
    page = HistoryPage()
    qtbot.addWidget(page)
    page.attach(ctx)
    page.set_data(page.load(community))
    whats = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    page.view.selectRow(whats.index("Added a contact"))
    assert not page.edit_button.isEnabled()  # not a help
    help_row = next(r for r in range(page.model.rowCount())
                    if page.model.index(r, 2).data() and "¥12.50" in page.model.index(r, 2).data())
    page.view.selectRow(help_row)
    assert page.edit_button.isEnabled()
    dialog = run_qasync(page.edit_help())
    assert dialog.windowTitle() == "Edit help" and dialog.amount_edit.text() == "12.50"
    dialog.note_edit.setText("改过了")
    assert run_qasync(dialog.save()) is not None
    assert "改过了" in [h["note"] for h in community.queries.helps()]
    page.set_data(page.load(community))
    entries = [page.model.index(r, 0).data(ROW_ROLE) for r in range(page.model.rowCount())]
    given = [r for r, e in enumerate(entries) if e["type"] == "help.given"]
    assert len(given) == 2  # the entry as it was (corrected since), and as it is now
    for row in given:
        page.view.selectRow(row)
        assert page.edit_button.isEnabled() is (entries[row]["superseded_by"] is None)


# -- mnemonics --------------------------------------------------------------------------------------------

MENU_BAR_KEYS = {"F", "G", "H"}  # &File, &Go, and &Help: a menu bar's keys, whichever menus it has now


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def page_mnemonics(page: QWidget) -> list[tuple[str, str]]:
    """(key, text) of every Alt key on the page: labels with a buddy, buttons, tabs."""
    keys = [(mnemonic(label.text()), label.text()) for label in page.findChildren(QLabel)
            if label.buddy() is not None]
    keys += [(mnemonic(button.text()), button.text()) for button in page.findChildren(QAbstractButton)
             if not button.inherits("QToolButton")]
    keys += [(mnemonic(tabs.tabText(i)), tabs.tabText(i)) for tabs in page.findChildren(QTabWidget)
             for i in range(tabs.count())]
    return [(key, text) for key, text in keys if key]


PAGES = ["groups_page", "contacts_page", "deals_page", "ledger_page", "quests_page", "badges_page", "charts_page",
         "history_page", "privacy_page", "settings_page"]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("name", PAGES)
def test_no_page_mnemonic_clashes_with_the_menu_bar(qtbot, tmp_path: Path, lang: str, name: str) -> None:
    """Alt+G on the Contacts form opened the Go menu, not the Groups field: a page's Alt keys must leave the menu
    bar's alone (in each language: a translation carries its own), and name one thing each."""
    apply_language(lang)
    window = MainWindow(tmp_path, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    page = window.page(name)
    menu_keys = {mnemonic(action.text()) for action in window.menuBar().actions()} - {None}
    assert {"F", "G"} <= menu_keys
    keys = page_mnemonics(page)
    assert keys or name in ("quests_page", "badges_page", "charts_page"), "no Alt key found: the search is broken"
    clashes = [text for key, text in keys if key in menu_keys | MENU_BAR_KEYS]
    assert not clashes, f"Alt keys of the menu bar taken on {name}: {clashes}"
    seen: dict[str, str] = {}
    twice = []
    for key, text in keys:
        if key in seen and seen[key] != text:
            twice.append(f"{seen[key]} / {text}")
        seen[key] = text
    assert not twice, f"One Alt key for two things on {name}: {twice}"


def test_alt_r_reaches_the_groups_field_and_alt_g_the_go_menu(qtbot, tmp_path: Path, community: Services,
                                                              ctx: PageContext) -> None:
    window = MainWindow(tmp_path, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    page = window.page("contacts_page")
    page.attach(ctx)
    page.set_data(page.load(community))
    window.sidebar.setCurrentRow(window.pages.indexOf(page))
    window.show()
    window.activateWindow()
    if QApplication.platformName() == "offscreen":  # no window is ever active there, and shortcuts need one
        pytest.skip("shortcuts need an active window: run under Xvfb (QT_QPA_PLATFORM=xcb xvfb-run -a …)")
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.nickname_edit.setFocus()
    qtbot.keyClick(page.nickname_edit, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.groups_list
    qtbot.keyClick(page.groups_list, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.go_menu.isVisible, timeout=2000)
    window.go_menu.close()
