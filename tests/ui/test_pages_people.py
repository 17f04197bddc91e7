"""The Groups and Contacts pages: what their tables and forms show, search, and writes through the page context."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.services import Services
from app.ui.context import PageContext
from app.ui.models import ROW_ROLE
from app.ui.pages.contacts import ContactsPage, ContactTableModel
from app.ui.pages.groups import GroupsPage, GroupTableModel, compact_windows, window_specs
from app.ui.tasks import DbRunner
from tests.ui.boxes import answering


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select(page, name: str) -> None:
    """Click the row whose name is ``name``, as a person would (an archived one says so after it)."""
    texts = [page.proxy.index(row, page.NAME_COLUMN).data(ROW_ROLE)[page.NAME_KEY]
             for row in range(page.proxy.rowCount())]
    assert name in texts, f"{name!r} not in {texts!r}"
    page.view.selectRow(texts.index(name))


@pytest.fixture
def people(services: Services) -> Services:
    services.groups.create(
        name="宝妈拼团群", platform="wechat", vertical="mother_baby", my_role="admin", daily_request_limit=2,
        windows=["Mon-Fri 20:00-22:00", "Sat 09:00-11:00"], rules="每天最多两次砍价请求",
    )
    services.groups.create(name="生鲜团购群", platform="qq", vertical="fresh_food", archived=True)
    services.groups.create(name="Digital Deals", platform="dingtalk", vertical="digital")
    services.contacts.create(
        nickname="小美", trust="trusted", wechat_id="xiaomei88", groups=["宝妈拼团群", "生鲜团购群"]
    )
    services.contacts.create(nickname="阿强", trust="blocked")
    services.contacts.create(nickname="Lily", groups=["Digital Deals"], archived=True)
    services.helps.create(direction="given", kind="bargain_cut", contact="小美", group="宝妈拼团群", amount_fen=1250)
    return services


@pytest.fixture
def ctx(people: Services, runner: DbRunner) -> PageContext:
    return PageContext(people, runner)


@pytest.fixture
def groups_page(qtbot, people: Services) -> GroupsPage:
    page = GroupsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(people))
    return page


@pytest.fixture
def contacts_page(qtbot, people: Services) -> ContactsPage:
    page = ContactsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(people))
    return page


def test_windows_text_round_trips() -> None:
    windows = [{"weekday": d, "start": "20:00", "end": "22:00"} for d in range(5)]
    windows += [{"weekday": 5, "start": "09:00", "end": "11:00"}, {"weekday": 0, "start": "07:00", "end": "08:00"}]
    text = compact_windows(windows)
    assert text == "Mon 07:00-08:00; Mon-Fri 20:00-22:00; Sat 09:00-11:00"
    assert window_specs(text) == ["Mon 07:00-08:00", "Mon-Fri 20:00-22:00", "Sat 09:00-11:00"]
    every = compact_windows([{"weekday": d, "start": "21:00", "end": "01:00"} for d in range(7)])
    assert every == "Daily 21:00-01:00"
    assert compact_windows([{"weekday": d, "start": "08:00", "end": "09:00"} for d in (0, 1, 3, 4, 5)]) == (
        "Mon,Tue,Thu-Sat 08:00-09:00"
    )
    assert window_specs(" 周一-周五 20:00-22:00 ；") == ["周一-周五 20:00-22:00"]


def test_groups_table_shows_labels_and_raw_values(groups_page: GroupsPage) -> None:
    model = groups_page.group_model
    row = column_texts(model, GroupTableModel.COL_NAME).index("宝妈拼团群")
    shown = [model.index(row, col).data() for col in range(model.columnCount())]
    assert shown == [
        "宝妈拼团群", "WeChat", "Mother & baby", "Admin", "2 a day", "Mon-Fri 20:00-22:00; Sat 09:00-11:00",
    ]
    record = model.index(row, 0).data(ROW_ROLE)
    assert (record["platform"], record["vertical"], record["my_role"]) == ("wechat", "mother_baby", "admin")
    assert model.index(row, GroupTableModel.COL_NAME).data(Qt.ItemDataRole.ToolTipRole) == "每天最多两次砍价请求"
    archived = column_texts(model, GroupTableModel.COL_NAME).index("生鲜团购群 (archived)")
    assert model.index(archived, GroupTableModel.COL_NAME).data(ROW_ROLE)["name"] == "生鲜团购群"
    assert model.index(archived, GroupTableModel.COL_LIMIT).data() == "—"
    # Sorted by name through the proxy, Chinese by pinyin: Digital Deals, 宝妈 (bǎo), 生鲜 (shēng).
    assert column_texts(groups_page.proxy, 0) == ["Digital Deals", "宝妈拼团群", "生鲜团购群 (archived)"]
    assert not groups_page.empty_label.isVisibleTo(groups_page)


def test_models_pass_the_model_tester(qtmodeltester, groups_page: GroupsPage, contacts_page: ContactsPage) -> None:
    qtmodeltester.check(groups_page.group_model, force_py=True)
    qtmodeltester.check(contacts_page.contact_model, force_py=True)


def test_search_filters_case_insensitively(qtbot, groups_page: GroupsPage, contacts_page: ContactsPage) -> None:
    qtbot.keyClicks(groups_page.search, "digital")
    assert column_texts(groups_page.proxy, 0) == ["Digital Deals"]
    groups_page.search.clear()
    assert groups_page.proxy.rowCount() == 3
    contacts_page.search.insert("小")  # QTest types Latin-1 only
    assert column_texts(contacts_page.proxy, 0) == ["小美"]


def test_selecting_a_group_fills_the_form(groups_page: GroupsPage) -> None:
    page = groups_page
    assert page.heading.text() == "New group"
    select(page, "宝妈拼团群")
    assert page.heading.text() == "宝妈拼团群"
    assert page.name_edit.text() == "宝妈拼团群"
    assert page.platform_combo.currentData() == "wechat" and page.platform_combo.currentText() == "WeChat"
    assert page.vertical_combo.currentData() == "mother_baby"
    assert page.role_combo.currentText() == "Admin"
    assert page.limit_spin.value() == 2
    assert page.windows_edit.text() == "Mon-Fri 20:00-22:00; Sat 09:00-11:00"
    assert page.rules_edit.toPlainText() == "每天最多两次砍价请求"
    select(page, "生鲜团购群")
    assert page.limit_spin.text() == "No limit"


def test_page_is_read_only_until_attached(groups_page: GroupsPage, ctx: PageContext) -> None:
    page = groups_page
    select(page, "宝妈拼团群")
    assert not page.detail.isEnabled()
    assert not page.save_button.isEnabled() and not page.delete_button.isEnabled()
    page.attach(ctx)
    assert page.detail.isEnabled() and page.save_button.isEnabled() and page.delete_button.isEnabled()


def test_an_invalid_window_disables_save_and_says_why(qtbot, groups_page: GroupsPage, ctx: PageContext) -> None:
    page = groups_page
    page.attach(ctx)
    select(page, "宝妈拼团群")
    page.windows_edit.clear()
    qtbot.keyClicks(page.windows_edit, "Mon-Fri 20:00-22:00; Someday 25:00")
    assert not page.save_button.isEnabled()
    assert page.windows_error.isVisibleTo(page)
    assert "Someday 25:00" in page.windows_error.text()
    assert "is not an activity window" in page.windows_error.text()
    page.windows_edit.clear()
    qtbot.keyClicks(page.windows_edit, "daily 21:00-23:00")
    assert page.save_button.isEnabled()
    assert not page.windows_error.isVisibleTo(page)
    page.name_edit.clear()
    assert not page.save_button.isEnabled()


def test_editing_a_group_saves_through_the_service(
    qtbot, run_qasync, groups_page: GroupsPage, ctx: PageContext, people: Services
) -> None:
    page = groups_page
    page.attach(ctx)
    done = []
    ctx.operation_done.connect(lambda result, _initiator: done.append(result))
    select(page, "宝妈拼团群")
    page.windows_edit.clear()
    qtbot.keyClicks(page.windows_edit, "Mon-Fri 19:00-22:00; Sat,Sun 09:00-11:00")
    page.limit_spin.setValue(-1)
    page.role_combo.setCurrentIndex(page.role_combo.findData("owner"))
    page.notes_edit.insertPlainText("群主很热心")

    assert run_qasync(page.save()) is True
    assert len(done) == 1
    saved = {g["name"]: g for g in people.queries.groups()}["宝妈拼团群"]
    assert saved["daily_request_limit"] is None and saved["my_role"] == "owner" and saved["notes"] == "群主很热心"
    assert compact_windows(saved["windows"]) == "Mon-Fri 19:00-22:00; Sat,Sun 09:00-11:00"

    page.set_data(page.load(people))
    assert page.name_edit.text() == "宝妈拼团群"  # still selected after the refresh
    assert [i.data() for i in page.view.selectionModel().selectedRows()] == ["宝妈拼团群"]
    row = column_texts(page.group_model, 0).index("宝妈拼团群")
    assert page.group_model.index(row, GroupTableModel.COL_ROLE).data() == "Owner"


def test_new_group_and_archive(qtbot, run_qasync, groups_page: GroupsPage, ctx: PageContext, people: Services) -> None:
    page = groups_page
    page.attach(ctx)
    select(page, "Digital Deals")
    page.new_button.click()
    assert page.name_edit.text() == "" and not page.save_button.isEnabled()
    assert not page.delete_button.isEnabled()
    page.name_edit.insert("数码拼团")
    page.vertical_combo.setCurrentIndex(page.vertical_combo.findData("digital"))
    assert run_qasync(page.save()) is True
    page.set_data(page.load(people))
    assert page.heading.text() == "数码拼团"
    assert [i.data() for i in page.view.selectionModel().selectedRows()] == ["数码拼团"]
    assert {g["name"]: g["vertical"] for g in people.queries.groups()}["数码拼团"] == "digital"

    assert page.archive_button.text() == "Archive"
    assert run_qasync(page.toggle_archived()) is True
    page.set_data(page.load(people))
    assert {g["name"]: g["archived"] for g in people.queries.groups()}["数码拼团"] is True
    assert page.archive_button.text() == "Unarchive"


def test_delete_asks_first_and_history_blocks_it(
    run_qasync, monkeypatch: pytest.MonkeyPatch, groups_page: GroupsPage, ctx: PageContext, people: Services
) -> None:
    page = groups_page
    page.attach(ctx)
    asked: list[str] = []
    answer = [False]

    async def confirm(text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(page, "_confirm", confirm)
    select(page, "Digital Deals")
    assert run_qasync(page.delete()) is False
    assert asked == ["Delete the group 'Digital Deals'? This cannot be undone."]
    assert "Digital Deals" in [g["name"] for g in people.queries.groups()]

    answer[0] = True
    assert run_qasync(page.delete()) is True
    assert "Digital Deals" not in [g["name"] for g in people.queries.groups()]
    assert page.heading.text() == "New group"

    # A group with a help in the ledger: the service refuses and the page shows its message.
    page.set_data(page.load(people))
    select(page, "宝妈拼团群")
    assert run_qasync(page.delete()) is False
    boxes = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and "archive it instead" in boxes[0].text()
    boxes[0].close()
    assert "宝妈拼团群" in [g["name"] for g in people.queries.groups()]


def test_contacts_table_and_form(contacts_page: ContactsPage) -> None:
    page = contacts_page
    model = page.contact_model
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())}
    assert rows == {
        "小美": ["小美", "Trusted", "xiaomei88", "2", ""],
        "阿强": ["阿强", "Blocked", "", "0", ""],
        "Lily": ["Lily", "Normal", "", "1", "Archived"],
    }
    row = column_texts(model, 0).index("小美")
    assert model.index(row, ContactTableModel.COL_GROUPS).data(Qt.ItemDataRole.ToolTipRole) == "宝妈拼团群\n生鲜团购群"
    assert model.index(row, 0).data(ROW_ROLE)["trust"] == "trusted"

    select(page, "小美")
    assert page.nickname_edit.text() == "小美"
    assert page.trust_combo.currentData() == "trusted"
    assert page.wechat_edit.text() == "xiaomei88"
    ticked = [page.groups_list.item(i).text() for i in range(page.groups_list.count())
              if page.groups_list.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == ["宝妈拼团群", "生鲜团购群"]
    # 阿强 is in no group: the archived group is not offered to him.
    select(page, "阿强")
    offered = [page.groups_list.item(i).text() for i in range(page.groups_list.count())]
    assert offered == ["Digital Deals", "宝妈拼团群"]


def test_editing_a_contact_saves_and_keeps_unsaved_edits_on_refresh(
    qtbot, run_qasync, contacts_page: ContactsPage, ctx: PageContext, people: Services
) -> None:
    page = contacts_page
    page.attach(ctx)
    select(page, "阿强")
    page.trust_combo.setCurrentIndex(page.trust_combo.findData("normal"))
    qtbot.keyClicks(page.wechat_edit, "aqiang_01")
    for i in range(page.groups_list.count()):
        if page.groups_list.item(i).text() == "宝妈拼团群":
            page.groups_list.item(i).setCheckState(Qt.CheckState.Checked)
    # Another page writes meanwhile: the refresh keeps what is being typed here.
    people.contacts.create(nickname="王姐")
    page.set_data(page.load(people))
    assert page.wechat_edit.text() == "aqiang_01" and page.trust_combo.currentData() == "normal"
    assert "王姐" in column_texts(page.contact_model, 0)

    assert run_qasync(page.save()) is True
    saved = {c["nickname"]: c for c in people.queries.contacts()}["阿强"]
    group_ids = {g["name"]: g["id"] for g in people.queries.groups()}
    assert saved["trust"] == "normal" and saved["wechat_id"] == "aqiang_01"
    assert saved["group_ids"] == [group_ids["宝妈拼团群"]]


def test_contact_with_history_cannot_be_deleted_but_archived(
    run_qasync, monkeypatch: pytest.MonkeyPatch, contacts_page: ContactsPage, ctx: PageContext, people: Services
) -> None:
    page = contacts_page
    page.attach(ctx)
    monkeypatch.setattr(page, "_confirm", answering(False))
    select(page, "小美")
    assert run_qasync(page.delete()) is False
    assert "小美" in [c["nickname"] for c in people.queries.contacts()]
    monkeypatch.setattr(page, "_confirm", answering(True))
    assert run_qasync(page.delete()) is False  # she has a help in the ledger
    for box in page.findChildren(QMessageBox):
        box.close()
    assert run_qasync(page.toggle_archived()) is True
    assert {c["nickname"]: c["archived"] for c in people.queries.contacts()}["小美"] is True


def test_focus_search_and_accessible_names(qtbot, groups_page: GroupsPage, contacts_page: ContactsPage) -> None:
    for page in (groups_page, contacts_page):
        interactive = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox)
        for widget in page.findChildren(QWidget):
            reachable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page)
            if isinstance(widget, interactive) and widget.window() is page and reachable:
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QSpinBox | QComboBox):
                    continue
                assert widget.accessibleName(), f"{type(widget).__name__} on {page.objectName()} has no name"
        page.show()
        qtbot.waitExposed(page)
        page.focus_search()
        assert page.focusWidget() is page.search  # hasFocus() needs an active window, which offscreen lacks
        page.hide()



def test_a_list_says_it_is_loading_until_its_data_arrive(qtbot, services: Services) -> None:
    page = ContactsPage()
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.isVisible() and page.empty_label.text() == "Loading…"
    page.set_data(page.load(services))  # an empty database: now it may say so
    assert page.empty_label.isVisible() and page.empty_label.text().startswith("No contacts yet")
    services.contacts.create(nickname="小美")
    page.set_data(page.load(services))
    assert not page.empty_label.isVisible()


def test_windows_show_and_read_back_in_chinese() -> None:
    """Typed as "周一-周五 20:00-22:00", the window was shown (and saved again) as "Mon-Fri 20:00-22:00"."""
    from app import i18n
    from app.i18n import translate
    from app.services.validate import parse_window

    windows = [{"weekday": d, "start": "20:00", "end": "22:00"} for d in range(5)]
    windows += [{"weekday": d, "start": "09:00", "end": "11:00"} for d in (5, 6)]
    windows += [{"weekday": 2, "start": "07:00", "end": "08:00"}]
    before = i18n.current_language()
    i18n.set_language("zh_CN")
    try:
        text = compact_windows(windows)
        assert text == "周一至周五 20:00-22:00；周三 07:00-08:00；周六、周日 09:00-11:00"
        assert compact_windows([{"weekday": d, "start": "21:00", "end": "01:00"} for d in range(7)]) == (
            "每天 21:00-01:00")
        again = [(day, start.strftime("%H:%M"), end.strftime("%H:%M"))
                 for spec in window_specs(text) for day, start, end in parse_window(spec)]
        assert sorted(again) == sorted((w["weekday"], w["start"], w["end"]) for w in windows)
        example = translate("GroupsPage", "Mon-Fri 20:00-22:00; Sat 09:00-11:00")
        assert example == "周一至周五 20:00-22:00；周六 09:00-11:00"  # the field's example was English
        assert [parse_window(spec) for spec in window_specs(example)]
    finally:
        i18n.set_language(before)


def test_groups_table_gives_the_windows_their_width(groups_page: GroupsPage) -> None:
    """At the default size the header read "Active wind" and the values "Daily 12…" beside a wide, empty
    Archived column."""
    groups_page.resize(1090, 700)  # its size in a window of 1280×800
    groups_page.show()
    QApplication.processEvents()
    header = groups_page.view.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(groups_page.group_model.columnCount()):
        title = groups_page.group_model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) >= metrics.horizontalAdvance(title), title
    windows = header.sectionSize(GroupTableModel.COL_WINDOWS)
    text = groups_page.view.fontMetrics().horizontalAdvance("Mon-Fri 20:00-22:00; Sat 09:00-11:00")
    assert windows >= 0.9 * text  # was a third of it
    assert windows == max(header.sectionSize(col) for col in range(header.count()))
