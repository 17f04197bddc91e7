"""The Groups form checks its activity windows on every keystroke: hostile text is refused fast and by name."""

from __future__ import annotations

import pytest

from app.services import Services
from app.ui.context import PageContext
from app.ui.pages.groups import GroupsPage
from app.ui.tasks import DbRunner


@pytest.fixture
def groups_page(qtbot, services: Services, runner: DbRunner) -> GroupsPage:
    services.groups.create(name="宝妈拼团群", windows=["Mon-Fri 20:00-22:00"])
    page = GroupsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(services))
    page.attach(PageContext(services, runner))
    page.view.selectRow(0)
    return page


@pytest.mark.timeout(30)
def test_windows_field_refuses_huge_and_hidden_text_without_hanging(qtbot, groups_page: GroupsPage) -> None:
    """Long runs of spaces once took seconds to minutes per keystroke (the parser backtracked cubically)."""
    page = groups_page
    page.windows_edit.setText("Mon" + " " * 20_000 + "x")
    assert not page.save_button.isEnabled()
    assert "too long" in page.windows_error.text()
    page.windows_edit.setText("Mon\u202e-Fri 20:00-22:00")
    assert "U+202E" in page.windows_error.text() and "\u202e" not in page.windows_error.text()
    page.windows_edit.clear()
    qtbot.keyClicks(page.windows_edit, "Mon-Fri 20:00-22:00; Sat 09:00-11:00")  # keyClicks types Latin-1 only
    assert page.save_button.isEnabled() and not page.windows_error.isVisibleTo(page)
