"""The Deals and Ledger pages: what their tables show, bargain progress, tiers, and writes through the context."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.clock import FixedClock
from app.errors import InvalidInput
from app.services import Services
from app.ui.context import PageContext
from app.ui.pages.deals import DealsPage, DealTableModel
from app.ui.pages.ledger import ExchangeTableModel, LedgerContactModel, LedgerPage
from app.ui.tasks import DbRunner
from tests.ui.boxes import answering


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_deal(page: DealsPage, title: str) -> None:
    texts = column_texts(page.proxy, page.NAME_COLUMN)
    assert title in texts, f"{title!r} not in {texts!r}"
    page.view.selectRow(texts.index(title))


def contact_id(services: Services, nickname: str) -> str:
    return {c["nickname"]: c["id"] for c in services.queries.contacts()}[nickname]


@pytest.fixture
def community(services: Services, clock: FixedClock) -> Services:
    services.groups.create(name="宝妈拼团群", platform="wechat", vertical="mother_baby")
    services.groups.create(name="Digital Deals", platform="qq", vertical="digital")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.contacts.create(nickname="阿强")
    services.contacts.create(nickname="小美2")
    services.deals.create(
        kind="bargain", title="婴儿推车", group="宝妈拼团群", mine=True,
        original_fen=59900, target_fen=9900, deadline=clock.now() + dt.timedelta(days=1, hours=5, minutes=30),
    )
    services.deals.record_cut("婴儿推车", 1250, contact="小美", at=clock.now() - dt.timedelta(hours=2))
    services.deals.record_cut("婴儿推车", 830, contact="阿强", at=clock.now() - dt.timedelta(hours=1))
    services.deals.create(
        kind="group_buy", title="Fresh milk", group="Digital Deals", mine=False,
        original_fen=4990, tiers=[(2, 3990), (3, 2990)], participants_needed=3, participants_joined=2,
    )
    services.deals.create(kind="boost", title="Free coffee", mine=True)
    services.helps.create(direction="given", kind="bargain_cut", contact="小美", group="宝妈拼团群", amount_fen=1250)
    services.helps.create(direction="received", kind="boost_click", contact="阿强", group="宝妈拼团群")
    services.helps.create(direction="received", kind="share", contact="阿强", note="转发了链接")
    services.helps.create(direction="given", kind="other", contact="小美2")
    return services


@pytest.fixture
def ctx(community: Services, runner: DbRunner) -> PageContext:
    return PageContext(community, runner)


@pytest.fixture
def deals_page(qtbot, community: Services) -> DealsPage:
    page = DealsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(community))
    return page


@pytest.fixture
def ledger_page(qtbot, community: Services) -> LedgerPage:
    page = LedgerPage()
    qtbot.addWidget(page)
    page.set_data(page.load(community))
    return page


# -- Deals -------------------------------------------------------------------------------------------------


def test_deals_table_shows_data(deals_page: DealsPage) -> None:
    model = deals_page.deal_model
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(7)] for r in range(model.rowCount())}
    # An open deal's time left in the list (narrow), the deadline itself in its tooltip.
    assert rows["婴儿推车"] == ["婴儿推车", "4% cut", "¥578.20", "1 d 5 h left", "Open", "Bargain", "宝妈拼团群"]
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("婴儿推车")
    tip = model.index(row, DealTableModel.COL_DEADLINE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "11-27 01:30 (1 d 5 h left)"
    assert rows["Fresh milk"] == ["Fresh milk", "Needs 1 more", "¥39.90", "—", "Open", "Group buy", "Digital Deals"]
    assert rows["Free coffee"][:2] == ["Free coffee", "—"] and rows["Free coffee"][4:6] == ["Open", "Boost"]
    deals_page.search.insert("婴儿")
    assert column_texts(deals_page.proxy, 0) == ["婴儿推车"]


def test_models_pass_the_model_tester(qtmodeltester, deals_page: DealsPage, ledger_page: LedgerPage) -> None:
    select_deal(deals_page, "婴儿推车")
    for model in (deals_page.deal_model, deals_page.cut_model, ledger_page.contact_model, ledger_page.group_model,
                  ledger_page.exchange_model):
        qtmodeltester.check(model, force_py=True)


def test_open_deals_come_first_soonest_deadline_first(qtbot, community: Services, clock: FixedClock) -> None:
    community.deals.create(kind="boost", title="早就成功", deadline=clock.now() + dt.timedelta(hours=1))
    community.deals.create(kind="boost", title="刚成功", deadline=clock.now() + dt.timedelta(hours=3))
    community.deals.create(kind="boost", title="没有截止", mine=True)
    for title in ("早就成功", "刚成功", "没有截止"):
        community.deals.set_status(title, "succeeded")
    clock.advance(hours=4)
    community.deals.create(kind="boost", title="明天截止", deadline=clock.now() + dt.timedelta(hours=20))
    page = DealsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(community))
    titles = column_texts(page.proxy, DealTableModel.COL_TITLE)
    assert titles[:2] == ["明天截止", "婴儿推车"]  # open, by deadline (20 h, then 1 d 1 h)
    assert set(titles[2:4]) == {"Fresh milk", "Free coffee"}  # open without a deadline
    assert titles[4:] == ["刚成功", "早就成功", "没有截止"]  # closed: the latest first, undated last
    tip = page.proxy.index(0, DealTableModel.COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("明天截止")


def test_a_bargain_shows_each_cut_and_what_is_left(run_qasync, deals_page: DealsPage, ctx: PageContext) -> None:
    page = deals_page
    page.attach(ctx)

    async def pick() -> None:
        # The list holds counts only; the shown bargain's cuts are read for it in the database thread.
        select_deal(page, "婴儿推车")
        assert page._cuts_task is not None and "2 cuts by 2 helpers" in page.progress_label.text()
        await page._cuts_task

    run_qasync(pick())
    assert page.heading.text() == "婴儿推车"
    assert page.kind_combo.currentData() == "bargain"
    assert (page.original_edit.text(), page.target_edit.text(), page.current_edit.text()) == (
        "599.00", "99.00", "578.20")
    assert page.progress_frame.isVisibleTo(page) and page.cuts_view.isVisibleTo(page)
    cuts = [[page.cut_model.index(r, c).data() for c in range(3)] for r in range(page.cut_model.rowCount())]
    assert cuts == [["阿强", "¥8.30", "Today 19:00"], ["小美", "¥12.50", "Today 18:00"]]
    assert page.left_label.text() == "¥479.20 left to cut"
    assert page.progress_bar.maximum() == 50000 and page.progress_bar.value() == 2080
    assert page.progress_value.text() == "¥20.80 of ¥500.00 cut"
    assert "1 d 5 h left" in page.time_left_label.text()


def test_a_group_buy_shows_joined_and_tiers(deals_page: DealsPage) -> None:
    page = deals_page
    select_deal(page, "Fresh milk")
    assert page.tier_editor.rows() == [("2", "39.90"), ("3", "29.90")]
    assert (page.needed_spin.value(), page.joined_spin.value()) == (3, 2)
    assert not page.cuts_view.isVisibleTo(page)
    assert page.progress_value.text() == "2/3 joined" and page.progress_label.text() == "1 more needed"
    assert "✓ 2 people ¥39.90 · 3 people ¥29.90" in page.tiers_label.text()
    assert not page.deadline_check.isChecked() and "No deadline" in page.time_left_label.text()


def test_time_left_moves_on_with_the_timer(deals_page: DealsPage) -> None:
    page = deals_page
    select_deal(page, "婴儿推车")
    assert page.timer.isActive() and page.timer.interval() == 30_000
    page._loaded_now += dt.timedelta(hours=2)  # two hours later
    page.on_timer_timeout()
    assert "1 d 3 h left" in page.time_left_label.text()
    row = column_texts(page.deal_model, 0).index("婴儿推车")
    assert "1 d 3 h left" in page.deal_model.index(row, DealTableModel.COL_DEADLINE).data()


def checked(run_qasync, page: DealsPage) -> DealsPage:
    """The page once the services have checked its form (they do as the user types, on the event loop)."""
    run_qasync(page.draft.settled())
    return page


def test_prices_and_tiers_validate_as_you_type(qtbot, run_qasync, deals_page: DealsPage, ctx: PageContext,
                                               community: Services) -> None:
    page = deals_page
    page.attach(ctx)
    select_deal(page, "Fresh milk")
    assert checked(run_qasync, page).save_button.isEnabled()
    page.original_edit.clear()
    qtbot.keyClicks(page.original_edit, "12.345")
    assert not checked(run_qasync, page).save_button.isEnabled() and page.prices_error.isVisibleTo(page)
    assert "not an amount in yuan" in page.prices_error.text()
    page.original_edit.clear()
    qtbot.keyClicks(page.original_edit, "49.90")
    assert checked(run_qasync, page).save_button.isEnabled() and not page.prices_error.isVisibleTo(page)
    page.tier_editor.table.item(1, 1).setText("three")
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert page.tiers_error.text() == ("Tier 2: 'three' is not a price in yuan above zero, with at most two decimals "
                                       "(e.g. 29.90).")
    page.tier_editor.table.item(1, 0).setData(Qt.ItemDataRole.EditRole, 4)
    page.tier_editor.table.item(1, 1).setText("25")
    assert checked(run_qasync, page).save_button.isEnabled()
    # More people never pay more. Nothing is saved.
    page.tier_editor.table.item(1, 1).setText("45")
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert page.tiers_error.text() == "More participants must not cost more: 4 people pay ¥45.00, 2 people ¥39.90."
    before = community.queries.deals()
    assert run_qasync(page.save()) is False
    assert community.queries.deals() == before


def test_inconsistent_prices_show_the_services_words_and_save_nothing(qtbot, run_qasync, deals_page: DealsPage,
                                                                      ctx: PageContext, community: Services) -> None:
    page = deals_page
    page.attach(ctx)
    select_deal(page, "婴儿推车")  # ¥599.00 down to ¥99.00, now ¥578.20
    assert checked(run_qasync, page).save_button.isEnabled()
    page.target_edit.clear()
    qtbot.keyClicks(page.target_edit, "600")
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert page.prices_error.text().splitlines() == [
        "The target price (¥600.00) is above the original price (¥599.00).",
        "The current price is below the target price.",
    ]
    # The same words the write gives when it is asked anyway; nothing is written.
    before = community.queries.deals()
    with pytest.raises(InvalidInput, match=r"The target price \(¥600.00\) is above the original price"):
        community.deals.edit(page.current_id, **page._fields())
    assert run_qasync(page.save()) is False
    assert community.queries.deals() == before
    # Typed fast, the check that runs when a newer draft comes is never the one shown.

    async def typing() -> None:
        page.target_edit.clear()
        qtbot.keyClicks(page.target_edit, "98")
        await page.draft.settled()

    run_qasync(typing())
    assert page.save_button.isEnabled() and not page.prices_error.isVisibleTo(page)
    assert run_qasync(page.save()) is True
    assert {d["title"]: d for d in community.queries.deals()}["婴儿推车"]["target_fen"] == 9800


def test_a_new_deal_waits_for_a_title_without_scolding(qtbot, run_qasync, deals_page: DealsPage,
                                                       ctx: PageContext) -> None:
    page = deals_page
    page.attach(ctx)
    page.new_button.click()
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert not page.form_error.isVisibleTo(page)  # nothing typed yet: nothing to scold
    qtbot.keyClicks(page.title_edit, "x")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Backspace)
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert page.form_error.text() == "A deal needs a title."
    qtbot.keyClicks(page.title_edit, "Tissues")
    assert checked(run_qasync, page).save_button.isEnabled() and not page.form_error.isVisibleTo(page)


def test_new_deal_saves_through_the_service(qtbot, run_qasync, deals_page: DealsPage, ctx: PageContext,
                                            community: Services) -> None:
    page = deals_page
    page.attach(ctx)
    page.new_button.click()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("group_buy"))
    page.title_edit.insert("纸尿裤")
    page.group_combo.setCurrentIndex(page.group_combo.findText("宝妈拼团群"))
    qtbot.keyClicks(page.original_edit, "129")
    page.tier_editor.add_tier()
    page.tier_editor.table.item(0, 1).setText("99.90")
    page.tier_editor.add_tier()
    page.tier_editor.table.item(1, 0).setData(Qt.ItemDataRole.EditRole, 5)
    page.tier_editor.table.item(1, 1).setText("79")
    page.needed_spin.setValue(5)
    page.joined_spin.setValue(1)
    page.deadline_check.setChecked(True)
    assert page.deadline_edit.isEnabled()
    assert run_qasync(page.save()) is True
    saved = {d["title"]: d for d in community.queries.deals()}["纸尿裤"]
    assert saved["kind"] == "group_buy" and saved["original_fen"] == 12900
    assert [(t["min_participants"], t["price_fen"]) for t in saved["tiers"]] == [(2, 9990), (5, 7900)]
    assert (saved["participants_needed"], saved["participants_joined"]) == (5, 1)
    assert saved["deadline"] is not None and saved["group_id"] is not None
    page.set_data(page.load(community))
    assert page.heading.text() == "纸尿裤"


def test_status_buttons_close_and_reopen(run_qasync, deals_page: DealsPage, ctx: PageContext,
                                         community: Services) -> None:
    page = deals_page
    page.attach(ctx)
    select_deal(page, "Free coffee")
    assert page.succeeded_button.isEnabled() and not page.reopen_button.isVisibleTo(page)
    assert run_qasync(page.set_status("cancelled")) is True
    assert {d["title"]: d["status"] for d in community.queries.deals()}["Free coffee"] == "cancelled"
    assert not page.succeeded_button.isEnabled() and page.reopen_button.isEnabled()
    assert "Cancelled" in page.progress_heading.text()
    assert run_qasync(page.set_status("open")) is True
    assert {d["title"]: d["status"] for d in community.queries.deals()}["Free coffee"] == "open"


def test_delete_asks_first(run_qasync, monkeypatch: pytest.MonkeyPatch, deals_page: DealsPage, ctx: PageContext,
                           community: Services) -> None:
    page = deals_page
    page.attach(ctx)
    asked: list[str] = []
    answer = [False]

    async def confirm(text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(page, "_confirm", confirm)
    select_deal(page, "Free coffee")
    assert run_qasync(page.delete()) is False
    assert asked == ["Delete the deal 'Free coffee'? This cannot be undone."]
    assert "Free coffee" in [d["title"] for d in community.queries.deals()]
    answer[0] = True
    assert run_qasync(page.delete()) is True
    assert "Free coffee" not in [d["title"] for d in community.queries.deals()]
    assert page.heading.text() == "New deal"


# -- Ledger ------------------------------------------------------------------------------------------------


def test_ledger_tables_and_lists(ledger_page: LedgerPage) -> None:
    page = ledger_page
    model = page.contact_model
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(7)] for r in range(model.rowCount())}
    assert rows["小美"] == ["小美", "+1", "1", "0", "¥12.50", "¥0.00", "Always"]
    assert rows["阿强"] == ["阿强", "−2", "0", "2", "¥0.00", "¥0.00", "Always"]
    groups = {page.group_model.index(r, 0).data(): [page.group_model.index(r, c).data() for c in range(6)]
              for r in range(page.group_model.rowCount())}
    assert groups["宝妈拼团群"] == ["宝妈拼团群", "0", "1", "1", "¥12.50", "¥0.00"]
    assert groups["No group"][:4] == ["No group", "0", "1", "1"]
    owe = [page.owe_list.item(i).text() for i in range(page.owe_list.count())]
    assert owe == ["阿强: helped you 2 more times"]
    assert page.takes_list.item(0).text() == "Nobody"
    # Sorted by balance, lowest first: who you owe on top.
    assert column_texts(page.contacts_proxy, LedgerContactModel.COL_NAME)[0] == "阿强"


def test_drill_down_loads_the_selected_contacts_exchanges(run_qasync, ledger_page: LedgerPage, ctx: PageContext,
                                                          community: Services) -> None:
    page = ledger_page
    page.attach(ctx)
    ident = contact_id(community, "阿强")

    async def pick() -> None:
        assert page.select_contact(ident)
        assert page.current_id == ident and page.heading.text() == "阿强"
        task = page._drill_task
        assert task is not None
        await task

    run_qasync(pick())
    shown = [[page.exchange_model.index(r, c).data() for c in range(5)] for r in range(page.exchange_model.rowCount())]
    assert sorted(shown) == sorted([
        ["Today 20:00", "Helped you", "Boost click", "", ""],
        ["Today 20:00", "Helped you", "Shared", "", "转发了链接"],
    ])
    assert "−2" in page.summary_label.text()


def test_settle_up_through_the_page_zeroes_the_balance(run_qasync, monkeypatch: pytest.MonkeyPatch,
                                                       ledger_page: LedgerPage, ctx: PageContext,
                                                       community: Services, clock: FixedClock) -> None:
    page = ledger_page
    page.attach(ctx)
    ident = contact_id(community, "阿强")
    page.select_contact(ident)
    asked: list[str] = []

    def answer(fields: dict[str, object] | None) -> object:
        async def ask(row: dict[str, object]) -> dict[str, object] | None:
            asked.append(f"{row['nickname']} {row['balance']}")
            return fields
        return ask

    monkeypatch.setattr(page, "_ask_settlement", answer(None))  # the settle-up dialog, cancelled
    assert run_qasync(page.settle()) is False
    assert {r["nickname"]: r["balance"] for r in community.ledger.summary()["contacts"]}["阿强"] == -2
    assert asked == ["阿强 -2"]

    monkeypatch.setattr(page, "_ask_settlement", answer({"how": "even", "helps": None, "amount_fen": None,
                                                         "note": ""}))
    clock.advance(minutes=1)
    assert run_qasync(page.settle()) is True
    assert {r["nickname"]: r["balance"] for r in community.ledger.summary()["contacts"]}["阿强"] == 0
    page.set_data(page.load(community))
    assert page.current_id == ident
    row = column_texts(page.contact_model, 0).index("阿强")
    assert page.contact_model.index(row, LedgerContactModel.COL_BALANCE).data() == "0"
    assert page.owe_list.item(0).text() == "Nobody"


def test_merge_through_the_page_leaves_one_contact(run_qasync, monkeypatch: pytest.MonkeyPatch,
                                                   ledger_page: LedgerPage, ctx: PageContext,
                                                   community: Services) -> None:
    page = ledger_page
    page.attach(ctx)
    page.select_contact(contact_id(community, "小美2"))
    keep = contact_id(community, "小美")
    page.merge_combo.setCurrentIndex(page.merge_combo.findData(keep))
    assert [page.merge_combo.itemText(i) for i in range(page.merge_combo.count())] == ["小美", "阿强"]
    monkeypatch.setattr(page, "_confirm", answering(False))
    assert run_qasync(page.merge()) is False
    assert len(community.queries.contacts()) == 3
    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.merge()) is True
    names = [c["nickname"] for c in community.queries.contacts()]
    assert sorted(names) == ["小美", "阿强"]
    assert {r["nickname"]: r["given_count"] for r in community.ledger.summary()["contacts"]}["小美"] == 2
    page.set_data(page.load(community))
    assert page.current_id == keep and page.heading.text() == "小美"
    assert "小美2" not in column_texts(page.contact_model, 0)


def test_accessible_names(qtbot, deals_page: DealsPage, ledger_page: LedgerPage) -> None:
    select_deal(deals_page, "婴儿推车")
    interactive = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QDateTimeEdit)
    for page in (deals_page, ledger_page):
        for widget in page.findChildren(QWidget):
            reachable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page)
            if isinstance(widget, interactive) and widget.window() is page and reachable:
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QSpinBox | QComboBox | QDateTimeEdit):
                    continue
                assert widget.accessibleName(), f"{type(widget).__name__} on {page.objectName()} has no name"


def test_a_logged_help_is_deleted_from_the_drill_down(run_qasync, monkeypatch: pytest.MonkeyPatch,
                                                      ledger_page: LedgerPage, ctx: PageContext,
                                                      community: Services) -> None:
    page = ledger_page
    page.attach(ctx)
    ident = contact_id(community, "阿强")
    before = len(community.queries.helps())

    async def pick() -> None:
        assert page.select_contact(ident)
        await page._drill_task

    run_qasync(pick())
    assert not page.delete_exchange_button.isEnabled()  # nothing selected yet
    page.exchanges_view.selectRow(0)
    assert page.delete_exchange_button.isEnabled()
    monkeypatch.setattr(page, "_confirm", answering(False))
    assert run_qasync(page.delete_exchange()) is False
    assert len(community.queries.helps()) == before
    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.delete_exchange()) is True
    assert len(community.queries.helps()) == before - 1
    assert community.queries.activities(types=["help.deleted"])
    assert community.game.verify() == []


def test_a_logged_help_is_edited_from_the_drill_down(run_qasync, ledger_page: LedgerPage, ctx: PageContext,
                                                     community: Services, clock: FixedClock) -> None:
    page = ledger_page
    page.attach(ctx)
    ident = contact_id(community, "阿强")

    async def pick() -> None:
        assert page.select_contact(ident)
        await page._drill_task

    run_qasync(pick())
    assert not page.edit_exchange_button.isEnabled()  # nothing selected yet
    notes = column_texts(page.exchanges_proxy, ExchangeTableModel.COL_NOTE)
    page.exchanges_view.selectRow(notes.index("转发了链接"))
    assert page.edit_exchange_button.isEnabled()
    original = next(h for h in community.queries.helps() if h["note"] == "转发了链接")

    dialog = run_qasync(page.edit_exchange())
    assert dialog.windowTitle() == "Edit help" and dialog.isVisible()
    assert dialog.what() == "received" and dialog.kind() == "share"
    assert dialog.contact_edit.text() == "阿强" and dialog.group_edit.text() == ""
    assert not dialog.what_buttons["request"].isEnabled()
    dialog.on_what_shortcut_activated("request")  # Alt+3: a help stays a help
    assert dialog.what() == "received" and dialog.contact_edit.isVisibleTo(dialog)
    assert run_qasync(page.edit_exchange()) is dialog  # a second activation raises the same editor
    assert dialog.when_edit.isVisibleTo(dialog)

    # A bad amount cannot be saved; nothing is written.
    dialog.amount_edit.setText("3.5.0")
    run_qasync(dialog.draft.settled())
    assert not dialog.save_button.isEnabled()
    assert run_qasync(dialog.save()) is None
    # A contact that does not exist: the service's message as a hint, the dialog stays, nothing is written.
    dialog.amount_edit.setText("3.50")
    dialog.contact_edit.setText("没有这个人")
    assert run_qasync(dialog.save()) is None
    assert dialog.hint_label.text() == "No contact '没有这个人'."
    assert next(h for h in community.queries.helps() if h["id"] == original["id"]) == original
    dialog.contact_edit.setText("阿强")

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("boost_click"))
    dialog.group_edit.setText("宝妈拼团群")
    yesterday = (clock.now() - dt.timedelta(days=1)).astimezone(clock.tz)
    dialog.when_edit.setDateTime(QDateTime(QDate(yesterday.year, yesterday.month, yesterday.day), QTime(9, 15)))
    result = run_qasync(dialog.save())
    assert result is not None
    assert not shiboken6.isValid(dialog)  # closed, and gone
    edited = next(h for h in community.queries.helps() if h["id"] == original["id"])
    assert edited["kind"] == "boost_click" and edited["amount_fen"] == 350
    assert edited["contact_id"] == ident and edited["group_id"] == community.queries.groups()[1]["id"]
    assert edited["note"] == "转发了链接"
    assert dt.datetime.fromisoformat(edited["at"]).astimezone(clock.tz).strftime("%d %H:%M") == \
        f"{yesterday.day:02d} 09:15"
    assert community.queries.activities(types=["help.edited"])
    assert community.game.verify() == []


def test_an_edit_that_changes_nothing_keeps_the_time_to_the_second(run_qasync, ledger_page: LedgerPage,
                                                                   ctx: PageContext, community: Services) -> None:
    page = ledger_page
    page.attach(ctx)

    async def pick() -> None:
        assert page.select_contact(contact_id(community, "小美"))
        await page._drill_task

    run_qasync(pick())
    page.exchanges_view.selectRow(0)
    before = community.queries.helps()
    dialog = run_qasync(page.edit_exchange())
    assert run_qasync(dialog.save()) is not None
    assert community.queries.helps() == before
    assert not community.queries.activities(types=["help.edited"])


def test_a_bargain_without_a_current_price_shows_the_sum_of_its_cuts(qtbot, run_qasync, services: Services,
                                                                      ctx: PageContext) -> None:
    # Logged by title only, cut three times, then given its prices: it has no current price of its own.
    services.deals.create(kind="bargain", title="锅")
    for fen in (500, 700, 800):
        services.deals.record_cut("锅", fen)
    services.deals.edit("锅", original_fen=10000, target_fen=5000)
    page = DealsPage()
    qtbot.addWidget(page)
    page.attach(ctx)

    async def pick() -> None:
        page.set_data(page.load(services))
        select_deal(page, "锅")
        await page._cuts_task

    run_qasync(pick())
    assert page.progress_bar.text() == "¥20.00 of ¥50.00 cut"
    # Three cuts by nobody named: one row for the three of them.
    assert page.cut_model.rowCount() == 1 and "3 cuts by 3 helpers" in page.progress_label.text()
    assert page.cut_model.index(0, 0).data() == "Someone ×3" and page.cut_model.index(0, 1).data() == "¥20.00"
