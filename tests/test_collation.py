"""Names in the order people look for them: Chinese by pinyin, numbers by value, case aside."""

from __future__ import annotations

import pytest

from app import i18n
from app.collation import sorted_by_name
from app.services import Services

NAMES = ["临时群", "宝妈拼团群", "群10", "群2", "bob", "Alice", "阿强", "张三"]


@pytest.fixture
def language():
    before = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(before)


def test_chinese_names_sort_by_pinyin_after_latin_ones_in_english(language) -> None:
    language("en")
    assert sorted_by_name(NAMES, str) == ["Alice", "bob", "阿强", "宝妈拼团群", "临时群", "群2", "群10", "张三"]


def test_in_chinese_the_chinese_names_come_first(language) -> None:
    language("zh_CN")
    assert sorted_by_name(NAMES, str) == ["阿强", "宝妈拼团群", "临时群", "群2", "群10", "张三", "Alice", "bob"]


def test_plain_names_sort_without_case(language) -> None:
    assert sorted_by_name(["bob", "Alice", "carol", "Bob"], str) == ["Alice", "Bob", "bob", "carol"]


def test_the_lists_of_groups_and_contacts_and_the_command_line_follow_it(services: Services, cli, language) -> None:
    """By code point, 临时群 came before 宝妈拼团群 everywhere."""
    language("en")
    for name in ("临时群", "宝妈拼团群", "Campus Deals"):
        services.groups.create(name=name)
    for nickname in ("张三", "阿强", "小美"):
        services.contacts.create(nickname=nickname)
    assert [g["name"] for g in services.queries.groups()] == ["Campus Deals", "宝妈拼团群", "临时群"]
    assert [g["name"] for g in services.queries.groups(limit=2)] == ["Campus Deals", "宝妈拼团群"]
    assert [c["nickname"] for c in services.queries.contacts()] == ["阿强", "小美", "张三"]
    out = cli.ok("list", "groups")
    assert out.index("宝妈拼团群") < out.index("临时群")


def test_the_contacts_page_keeps_the_pinyin_order(qtbot, services: Services, language) -> None:
    from app.ui.pages.contacts import ContactsPage

    language("zh_CN")
    for nickname in ("张三", "阿强", "小美", "Bob"):
        services.contacts.create(nickname=nickname)
    page = ContactsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(services))
    shown = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    assert shown == ["阿强", "小美", "张三", "Bob"]
