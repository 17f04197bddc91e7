"""How the window stays current: a write reloads the pages that show what it changed (the one on screen now, the
others when shown), the page that wrote loads once, the command line's writes still reload everything, and a
refresh keeps the tables' selection and scroll position.

Loads are counted with the controller's ``page_loaded`` signal through real writes on a real window.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from app.backups import BACKUP_DIRNAME, list_backups
from app.clock import FixedClock
from app.services import Services
from app.store import Store
from app.ui.changes import ALL_AREAS, areas_of, areas_shown
from app.ui.controller import WindowController
from app.ui.main_window import MainWindow
from app.ui.rows_model import ROW_ROLE, RowsModel
from app.ui.tasks import DbRunner
from tests.ui.boxes import answer, until

PAGES = ["today_page", "groups_page", "contacts_page", "deals_page", "ledger_page", "quests_page", "badges_page",
         "charts_page", "history_page", "privacy_page"]


class Window:
    """A real window and its controller on the test's data, every page built and loaded, loads counted."""

    def __init__(self, window: MainWindow, controller: WindowController, services: Services) -> None:
        self.window, self.controller, self.services = window, controller, services
        self.loads: list[str] = []
        controller.page_loaded.connect(lambda page: self.loads.append(self.name(page)))

    def name(self, page: QWidget) -> str:
        return next(n for n in PAGES if getattr(self.window, n) is page)

    def page(self, name: str) -> Any:
        return getattr(self.window, name)

    async def settle(self) -> None:
        """Until every task the window started (loads, the work after a write) has ended."""
        await until(lambda: self.controller.runner.pending == 0)

    async def show(self, name: str) -> None:
        self.window.show_page(self.page(name))
        await self.settle()

    def stale(self) -> set[str]:
        return {self.name(p) for p in self.controller._stale}

    async def start(self, on: str) -> None:
        await self.controller.poll()
        self.window.build_all_pages()  # each loads as it is built
        await self.show(on)
        await self.settle()
        assert await self.controller.poll() is False
        self.loads.clear()


@pytest.fixture
def community(services: Services, clock: FixedClock) -> Services:
    """A group, 40 contacts with a help each (tables long enough to scroll), and a backup taken just now (so no
    automatic one is due: it would reload the Privacy page)."""
    services.groups.create(name="宝妈拼团群")
    for i in range(40):
        services.contacts.create(nickname=f"群友{i:02d}", groups=["宝妈拼团群"])
        clock.advance(minutes=1)
        services.helps.create(direction="given", kind="share", contact=f"群友{i:02d}", group="宝妈拼团群")
    services.store.backup("manual")
    return services


@pytest.fixture
def win(qtbot, data_dir: Path, settings: QSettings, community: Services) -> Iterator[Window]:
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    runner = DbRunner()
    controller = WindowController(window, community, runner)
    yield Window(window, controller, community)
    runner.shutdown()


def outside(data_dir: Path, clock: FixedClock) -> Services:
    """What the command line writes through: its own connection to the same file."""
    return Services(Store.open(data_dir), clock)


def test_a_write_reloads_only_the_pages_that_show_what_it_changed(run_qasync, win: Window) -> None:
    async def scenario() -> Any:
        await win.start(on="deals_page")
        page = win.page("deals_page")
        result = await page.ctx.write(win.services.deals.create, kind="boost", title="新助力", parent=page)
        assert result is not None
        await win.settle()
        assert win.loads == ["deals_page"]  # the page on screen, at once and once
        stale = win.stale()
        assert await win.controller.poll() is False  # the window's own write is not news to the poll
        for name in PAGES:
            await win.show(name)
        return result, stale

    result, stale = run_qasync(scenario())
    # A deal, its fact in the history, the game that counts it, the export's preview that counts both, and the
    # contact's page, which lists a contact's deals; not the groups or the ledger.
    assert stale == {"today_page", "contacts_page", "quests_page", "badges_page", "charts_page", "history_page",
                     "privacy_page"}
    assert stale | {"deals_page"} == {n for n in PAGES if areas_shown(win.page(n)) & areas_of(result)}
    # Off screen, each of them loaded once when shown; the others not at all.
    assert sorted(win.loads) == sorted(["deals_page", *stale])


def test_the_page_that_wrote_loads_once(run_qasync, qtbot, win: Window) -> None:
    async def scenario() -> None:
        await win.start(on="contacts_page")
        page = win.page("contacts_page")
        page.new_button.click()
        qtbot.keyClicks(page._name_field(), "Newbie")
        page.save_button.click()
        await win.settle()

    run_qasync(scenario())
    page = win.page("contacts_page")
    assert win.loads.count("contacts_page") == 1
    assert win.loads == ["contacts_page"]  # nothing else on screen
    assert [i.data() for i in page.view.selectionModel().selectedRows()] == ["Newbie"]
    assert "ledger_page" in win.stale() and "groups_page" not in win.stale()


def test_a_page_that_reloads_itself_is_not_reloaded_again(run_qasync, win: Window) -> None:
    refills: list[int] = []

    async def scenario() -> None:
        await win.start(on="privacy_page")
        page = win.page("privacy_page")
        page.backup_list.model().modelReset.connect(lambda: refills.append(1))  # every refill of its list
        page.select_backup(list_backups(win.window.data_dir / BACKUP_DIRNAME)[0].path)
        page.restore_button.click()
        await answer("Restore")
        await until(lambda: "Restored the backup" in page.backup_status.text())
        await win.settle()

    run_qasync(scenario())
    assert len(refills) == 1  # its own reload; the window's reload after the restore left it alone
    assert "privacy_page" not in win.loads
    assert win.stale() == set(PAGES) - {"privacy_page"}  # a restore changed everything


def test_writes_from_outside_still_reload_everything(run_qasync, win: Window, data_dir: Path,
                                                    clock: FixedClock) -> None:
    cli = outside(data_dir, clock)

    async def scenario() -> None:
        await win.start(on="contacts_page")
        cli.contacts.create(nickname="命令行来的")
        assert await win.controller.poll() is True
        assert win.loads == ["contacts_page"]
        assert win.stale() == set(PAGES) - {"contacts_page"}  # what changed is not known: everything

        # Another program writes, then the window does before the poll looked: the window's write cannot tell
        # what the other changed, so it reloads everything too, and the poll then has nothing new.
        for name in PAGES:
            await win.show(name)
        await win.show("contacts_page")
        win.loads.clear()
        cli.groups.create(name="外面的群")
        page = win.page("contacts_page")
        await page.ctx.write(win.services.deals.create, kind="boost", title="窗口的", parent=page)
        await win.settle()
        assert win.loads == ["contacts_page"]
        assert win.stale() == set(PAGES) - {"contacts_page"}
        assert await win.controller.poll() is False

    try:
        run_qasync(scenario())
    finally:
        cli.store.close()
    names = [win.page("contacts_page").model.row(i)["nickname"]
             for i in range(win.page("contacts_page").model.rowCount())]
    assert "命令行来的" in names


def selected_ids(view: Any) -> list[Any]:
    return [(i.data(ROW_ROLE) or {}).get("id") or (i.data(ROW_ROLE) or {}).get("contact_id")
            for i in view.selectionModel().selectedRows()]


async def scrolled(win: Window, view: Any, row: int) -> tuple[list[Any], int]:
    """Select ``row`` as a click would, scroll to the middle; what is selected and the scroll position."""
    view.selectRow(row)
    bar = view.verticalScrollBar()
    await until(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    await win.settle()
    return selected_ids(view), bar.value()


@pytest.mark.parametrize("name", ["contacts_page", "ledger_page"])
def test_a_refresh_keeps_the_selection_and_the_scroll_position(run_qasync, win: Window, name: str) -> None:
    async def scenario() -> None:
        await win.start(on=name)
        page = win.page(name)
        view = page.view if name == "contacts_page" else page.contacts_view
        selected, value = await scrolled(win, view, 30)
        assert selected and value > 0

        # The same rows, some of them changed (a new group for a contact; a help that moves a balance).
        if name == "contacts_page":
            await page.ctx.write(win.services.groups.create, name="新群")
        else:
            await page.ctx.write(win.services.helps.create, direction="received", kind="share", contact="群友03")
        await win.settle()
        assert win.loads == [name]
        assert selected_ids(view) == selected and view.verticalScrollBar().value() == value

        # A row more: the selected one is still selected, the table is where it was.
        await page.ctx.write(win.services.contacts.create, nickname="阿新")
        if name == "ledger_page":  # a contact is in the ledger once there is a help with them
            await win.settle()
            await page.ctx.write(win.services.helps.create, direction="given", kind="share", contact="阿新")
        await win.settle()
        assert win.loads == [name] * (3 if name == "ledger_page" else 2)
        assert (page.model if name == "contacts_page" else page.contact_model).rowCount() == 41
        assert selected_ids(view) == selected and view.verticalScrollBar().value() == value

    run_qasync(scenario())


def test_the_history_keeps_the_selection_and_what_is_in_view(run_qasync, win: Window) -> None:
    async def scenario() -> None:
        await win.start(on="history_page")
        page = win.page("history_page")
        view, model = page.view, page.model
        selected, value = await scrolled(win, view, 60)
        top = model.index(view.rowAt(0), 0).data(ROW_ROLE)["id"]
        total = model.rowCount()

        # New entries on top: the rows in view stay in view, the selected one selected.
        await page.ctx.write(win.services.helps.create, direction="given", kind="share", contact="群友07")
        await win.settle()
        assert win.loads == ["history_page"] and model.rowCount() > total
        assert selected_ids(view) == selected
        assert model.index(view.rowAt(0), 0).data(ROW_ROLE)["id"] == top

        # A filter whose rows a write does not change: redrawn in place, nothing moves.
        page.type_combo.setCurrentIndex(page.type_combo.findText("Helps"))
        await win.settle()
        selected, value = await scrolled(win, view, 20)
        await page.ctx.write(win.services.contacts.edit, "群友09", nickname="群友九")  # a name the entries show
        await win.settle()
        assert win.loads == ["history_page", "history_page"]
        assert selected_ids(view) == selected and view.verticalScrollBar().value() == value
        assert any("群友九" in (model.index(r, 2).data() or "") for r in range(model.rowCount()))

    run_qasync(scenario())


def test_every_page_declares_its_areas() -> None:
    from app.ui.pages import badges, contacts, deals, groups, history, ledger, privacy, quests, settings
    from app.ui.today_page import TodayPage

    pages = [TodayPage, groups.GroupsPage, contacts.ContactsPage, deals.DealsPage, ledger.LedgerPage,
             quests.QuestsPage, badges.BadgesPage, history.HistoryPage, privacy.PrivacyPage, settings.SettingsPage]
    for page in pages:
        assert isinstance(page.AREAS, frozenset) and page.AREAS <= ALL_AREAS, page
    shown = set().union(*(page.AREAS for page in pages))
    assert shown == ALL_AREAS  # every area of the contract is shown somewhere


class Rows(RowsModel):
    """The shared base with two plain columns: what every page's table model builds on."""

    COLUMN_COUNT = 2

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self._replace(rows)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        return str(row["v"]) if role == Qt.ItemDataRole.DisplayRole else None


tables = st.lists(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 2)), max_size=8,
                           unique_by=lambda pair: pair[0]), min_size=1, max_size=5)


@given(tables)
@hypothesis_settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_rows_model_moves_what_the_views_hold_with_the_rows(qtmodeltester, steps: list) -> None:
    """Whatever a refresh does (rows gone, new, moved, changed), the model ends with exactly the new rows, every
    index a view holds (its selection, its current row) follows its row or lets go when the row went, changed rows
    are announced, and a sort proxy above stays sorted."""
    model = Rows()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(0)
    qtmodeltester.check(model, force_py=True)  # and it watches every signal from here on
    changes: list[int] = []
    model.dataChanged.connect(lambda *_: changes.append(1))
    for step in steps:
        rows = [{"id": key, "v": value} for key, value in step]
        before = {model.row(r)["id"]: model.row(r) for r in range(model.rowCount())}
        held = [(key, QPersistentModelIndex(model.index(r, 1))) for r, key in enumerate(before)]
        changes.clear()
        model.set_rows(rows)
        assert [model.row(r) for r in range(model.rowCount())] == rows
        keys = [row["id"] for row in rows]
        for key, index in held:
            if key in keys:
                assert index.isValid() and index.column() == 1 and keys[index.row()] == key
            else:
                assert not index.isValid()
        if before and any(key in before and before[key] != row for key, row in zip(keys, rows, strict=True)):
            assert changes
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == sorted(str(v) for _, v in step)


def test_the_areas_of_a_write(services: Services) -> None:
    """The window reloads for the services' areas (docs/changes.md); a new time zone moves every page's dates."""
    group = services.groups.create(name="宝妈拼团群")
    assert {"groups", "history", "game", "points"} <= areas_of(group)  # its fact is in the history, the game counts it
    contact = services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    helped = services.helps.create(direction="given", kind="share", contact="小美")
    assert {"helps", "history", "points"} <= areas_of(helped)
    assert "groups" not in areas_of(helped) and "groups" not in areas_of(contact)
    assert {"ledger", "history"} <= areas_of(services.ledger.settle("小美"))
    assert areas_of(services.profile.set_timezone("Europe/Paris")) == ALL_AREAS  # every day key moved
    assert areas_of(None) == ALL_AREAS  # a restore, a rebuild: anything
    assert areas_of(SimpleNamespace(areas={"deals"}, changed={"group": ()})) == {"deals"}
