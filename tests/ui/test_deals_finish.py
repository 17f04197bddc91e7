"""The Deals page finished (issue 12): a progress column, links opened only after asking, anonymous helpers on one
row, the progress bar's words beside it, and a table for a group buy's price tiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QObject, QRect, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QStyleOptionViewItem

from app.clock import FixedClock
from app.privacy.links import Verdict, judge
from app.services import Services
from app.ui.context import PageContext
from app.ui.language import apply_language
from app.ui.links import open_link, web_url, wrapped
from app.ui.pages.deals import TITLE_MIN_WIDTH, DealsPage, DealTableModel
from app.ui.pages.deals_delegate import CutBarDelegate
from app.ui.pages.deals_models import CutTableModel
from app.ui.tasks import DbRunner
from tests.ui.boxes import answer, until, visible

LINK = "https://item.taobao.com/item.htm?id=6655443322&utm_source=wechat"
STORED = "https://item.taobao.com/item.htm?id=6655443322"  # LINK as the deal keeps it: without its tracking


@pytest.fixture
def deals(services: Services, clock: FixedClock) -> Services:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.contacts.create(nickname="阿强")
    services.deals.create(kind="bargain", title="婴儿推车", group="宝妈拼团群", url=LINK, original_fen=60000,
                          target_fen=10000, deadline=clock.now() + dt.timedelta(days=1))
    for fen, who in ((1250, "小美"), (800, None), (700, "阿强"), (500, None), (300, None)):
        services.deals.record_cut("婴儿推车", fen, contact=who)
    services.deals.create(kind="group_buy", title="Fresh milk", original_fen=4990, tiers=[(2, 3990), (3, 2990)],
                          participants_needed=2, participants_joined=1)
    services.deals.create(kind="group_buy", title="纸尿裤", participants_needed=4, participants_joined=4)
    services.deals.create(kind="bargain", title="锅", original_fen=10000, target_fen=5000, current_fen=5000)
    services.deals.create(kind="boost", title="Free coffee")
    return services


@pytest.fixture
def ctx(deals: Services, runner: DbRunner) -> PageContext:
    return PageContext(deals, runner)


@pytest.fixture
def page(qtbot, deals: Services, ctx: PageContext) -> DealsPage:
    page = DealsPage()
    qtbot.addWidget(page)
    page.set_data(page.load(deals))
    page.attach(ctx)
    return page


def row_of(model, title: str) -> int:
    titles = [model.index(r, DealTableModel.COL_TITLE).data() for r in range(model.rowCount())]
    assert title in titles, titles
    return titles.index(title)


def select(page: DealsPage, title: str) -> None:
    page.view.selectRow(row_of(page.proxy, title))


def progress(page: DealsPage, title: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    model = page.deal_model
    return model.index(row_of(model, title), DealTableModel.COL_PROGRESS).data(role)


# -- 1. the progress column ----------------------------------------------------------------------------------


def test_the_list_says_how_far_each_deal_has_come(page: DealsPage) -> None:
    assert page.deal_model.headerData(DealTableModel.COL_PROGRESS, Qt.Orientation.Horizontal) == "Progress"
    assert progress(page, "Fresh milk") == "Needs 1 more"
    assert progress(page, "纸尿裤") == "Full (4/4)"
    assert progress(page, "婴儿推车") == "7% cut"  # ¥35.50 of the ¥500.00 to cut
    assert progress(page, "锅") == "Target reached"
    assert progress(page, "Free coffee") == "—"
    assert progress(page, "婴儿推车", Qt.ItemDataRole.ToolTipRole) == (
        "¥600.00 → target ¥100.00, now ¥564.50: ¥35.50 of ¥500.00 cut")
    assert progress(page, "Fresh milk", Qt.ItemDataRole.ToolTipRole) == "1 of 2 joined"


def test_the_progress_column_sorts_the_nearest_to_done_first(page: DealsPage) -> None:
    page.view.sortByColumn(DealTableModel.COL_PROGRESS, Qt.SortOrder.AscendingOrder)
    titles = [page.proxy.index(r, DealTableModel.COL_TITLE).data() for r in range(page.proxy.rowCount())]
    # Done (a full group, a bargain at its target), then half joined, then 7 % cut; nothing to measure last.
    assert titles[2:] == ["Fresh milk", "婴儿推车", "Free coffee"]
    assert set(titles[:2]) == {"纸尿裤", "锅"}


def test_the_list_says_it_in_chinese(page: DealsPage) -> None:
    apply_language("zh_CN")
    assert progress(page, "Fresh milk") == "还差1人成团"
    assert page.deal_model.headerData(DealTableModel.COL_PROGRESS, Qt.Orientation.Horizontal) == "进度"


def paint_cell(page: DealsPage, title: str, palette: QPalette, *, selected: bool = False) -> QImage:
    """The progress cell of ``title`` painted by the list's delegate onto an image, with ``palette``."""
    delegate = page.view.itemDelegateForColumn(DealTableModel.COL_PROGRESS)
    assert isinstance(delegate, CutBarDelegate)
    index = page.proxy.index(row_of(page.proxy, title), DealTableModel.COL_PROGRESS)
    option = QStyleOptionViewItem()
    option.initFrom(page.view)
    option.rect = QRect(0, 0, 200, 24)
    option.palette = palette
    if selected:
        option.state |= option.state.State_Selected
    image = QImage(QSize(200, 24), QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


def palette_of(base: str, text: str, highlight: str) -> QPalette:
    """A theme's palette, as far as the delegate reads it."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Base, base), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Highlight, highlight), (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#888888")):
        palette.setColor(role, QColor(colour))
    return palette


LIGHT = ("#ffffff", "#202020", "#c05020")
DARK = ("#1e1e1e", "#e6e6e6", "#3d7fd9")


def bar_fill(image: QImage, colour: QColor) -> int:
    """How many pixels of the bar's middle line are ``colour`` (within a little anti-aliasing)."""
    y = image.height() // 2 + 1
    same = 0
    for x in range(image.width()):
        pixel = image.pixelColor(x, y)
        if max(abs(pixel.red() - colour.red()), abs(pixel.green() - colour.green()),
               abs(pixel.blue() - colour.blue())) <= 8:
            same += 1
    return same


def test_a_bargains_cut_bar_is_painted_in_the_themes_colours(page: DealsPage) -> None:
    for palette in (palette_of(*LIGHT), palette_of(*DARK)):
        highlight = palette.color(QPalette.ColorRole.Highlight)
        half = paint_cell(page, "婴儿推车", palette)  # 7 % of the bar
        filled = bar_fill(half, highlight)
        assert 3 <= filled <= 20, filled
        track = bar_fill(half, palette.color(QPalette.ColorRole.Base))
        assert track < 150  # the rest of the bar is the faint track, not the background
    # A group buy's cell is text, painted as any cell (no bar).
    assert bar_fill(paint_cell(page, "Fresh milk", palette_of(*LIGHT)), QColor(LIGHT[2])) == 0


# -- 2. links ------------------------------------------------------------------------------------------------


class Browser(QObject):
    """Stands in for the browser: QDesktopServices hands it the URLs it would have opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser(qapp) -> Iterator[Browser]:
    browser = Browser()
    for scheme in ("http", "https", "file", "ftp"):
        QDesktopServices.setUrlHandler(scheme, browser, "open")
    yield browser
    for scheme in ("http", "https", "file", "ftp"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_the_lists_link_action_asks_first_and_opens_only_on_yes(run_qasync, page: DealsPage,
                                                                 browser: Browser) -> None:
    select(page, "婴儿推车")
    assert page.open_link_action in page.view.actions()
    assert page.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert page.open_link_action.isEnabled()
    assert page.open_link_action.shortcut().toString() == "Ctrl+Return"
    defaults: list[str] = []

    def default_button() -> None:
        box = visible(QMessageBox)[-1]
        assert isinstance(box, QMessageBox)
        defaults.append(box.defaultButton().text().replace("&", ""))

    async def flow() -> None:
        page.open_link_action.trigger()  # its key, Ctrl+Enter, needs an active window (none offscreen)
        seen = await answer("Cancel", before=default_button)
        assert seen.title == "Open link?"
        assert STORED in seen.text.replace("\n", "")
        assert "Domain: item.taobao.com" in seen.text
        if judge(LINK).verdict == Verdict.ok:  # an official link: the question as before (tests/ui/test_link_verdicts)
            assert "Open in your browser?" in seen.text
            assert seen.buttons == ["Open", "Cancel"]
        else:
            assert "Open it anyway?" in seen.text and "Flag this link" in seen.buttons
        await until(lambda: not visible(QMessageBox))
        assert browser.opened == []  # No: nothing opened
        page.open_link_action.trigger()
        await answer("Open…")  # "Open", or "Open anyway" for a link the check is not sure of
        await until(lambda: bool(browser.opened))

    run_qasync(flow())
    assert defaults == ["Cancel"]
    assert browser.opened == [STORED]


def test_enter_on_the_question_means_cancel(run_qasync, page: DealsPage, browser: Browser) -> None:
    select(page, "婴儿推车")

    async def flow() -> bool:
        task = page.ctx.runner.spawn(open_link(page, LINK))
        await until(lambda: visible(QMessageBox))
        QTest.keyClick(visible(QMessageBox)[-1], Qt.Key.Key_Return)
        return await task

    assert run_qasync(flow()) is False
    assert browser.opened == []


def test_the_forms_open_button_opens_the_link_as_typed(run_qasync, page: DealsPage, browser: Browser) -> None:
    select(page, "婴儿推车")
    assert page.url_edit.cursorPosition() == 0  # the start of a long link shows: its domain
    page.url_edit.setText("https://例子.com/商品?id=1")
    assert page.open_link_button.isEnabled()

    async def flow() -> None:
        page.open_link_button.click()
        seen = await answer("Open…")  # never "ok": a host in other letters
        assert "例子.com (xn--fsqu00a.com)" in seen.text  # the lookalike-revealing form beside it
        await until(lambda: bool(browser.opened))

    run_qasync(flow())
    assert QUrl(browser.opened[0]).host(QUrl.ComponentFormattingOption.FullyEncoded) == "xn--fsqu00a.com"
    page.url_edit.clear()
    assert not page.open_link_button.isEnabled()


@pytest.mark.parametrize("link", ["file:///etc/passwd", "ftp://example.com/a", "javascript:alert(1)", "example.com"])
def test_only_web_links_are_ever_opened(run_qasync, page: DealsPage, browser: Browser, link: str) -> None:
    async def flow() -> bool:
        task = page.ctx.runner.spawn(open_link(page, link))
        seen = await answer("OK")
        assert seen.title == "Not a web link" and link in seen.text
        assert "Only web links (starting with http:// or https://) can be opened" in seen.text
        return await task

    assert run_qasync(flow()) is False
    assert browser.opened == []
    assert web_url(link) is None


def test_a_long_link_is_shown_whole_over_lines() -> None:
    long = "https://item.m.jd.com/product/100012043978.html?" + "&".join(f"p{i}=value{i}" for i in range(20))
    lines = wrapped(long).split("\n")
    assert "".join(lines) == long and len(lines) > 3 and max(len(line) for line in lines) <= 60


def test_the_list_action_is_off_for_a_deal_without_a_link(page: DealsPage) -> None:
    select(page, "Fresh milk")
    assert not page.open_link_action.isEnabled()
    assert not page.open_link_button.isEnabled()


# -- 3. anonymous helpers --------------------------------------------------------------------------------------


def test_anonymous_cuts_show_as_one_row(run_qasync, page: DealsPage) -> None:
    async def pick() -> None:
        select(page, "婴儿推车")
        await page._cuts_task

    run_qasync(pick())
    model = page.cut_model
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    names = [r[0] for r in rows]
    assert sorted(names) == sorted(["小美", "阿强", "Someone ×3"])  # named helpers one a row
    anonymous = rows[names.index("Someone ×3")]
    assert anonymous[1] == "¥16.00"  # 8.00 + 5.00 + 3.00
    tip = model.index(names.index("Someone ×3"), CutTableModel.COL_WHO).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == "3 cuts by helpers without a name:" and len(tip.splitlines()) == 4
    apply_language("zh_CN")
    assert model.index(names.index("Someone ×3"), 0).data() == "某人 ×3"


def test_a_single_anonymous_cut_stays_someone() -> None:
    model = CutTableModel()
    model.set_rows([{"id": "a", "contact_id": None, "amount_fen": 100, "at": "2026-11-25T10:00:00Z"},
                    {"id": "b", "contact_id": "c1", "amount_fen": 50, "at": "2026-11-25T11:00:00Z"}],
                   {"c1": "小美"}, dt.UTC, dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["小美", "Someone"]


# -- 4. the bar's words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_joined_words_sit_beside_the_bar_never_across_it(qtbot, page: DealsPage, lang: str) -> None:
    apply_language(lang)
    page.resize(1024 - 180, 640 - 50)  # the page's share of a 1024×640 window
    page.show()
    qtbot.waitExposed(page)
    select(page, "Fresh milk")
    QApplication.processEvents()
    bar, words = page.progress_bar, page.progress_value
    assert not bar.isTextVisible()  # nothing drawn over the bar's fill edge
    assert words.isVisible() and words.text().startswith("1/2 joined" if lang == "en" else "已参与 1/2 人")
    assert words.parentWidget() is bar.parentWidget()
    assert not words.geometry().intersects(bar.geometry())
    assert words.geometry().left() >= bar.geometry().right()
    assert words.width() >= words.fontMetrics().horizontalAdvance(words.text())  # not cut
    assert bar.width() >= 60


# -- 5. the tiers table ----------------------------------------------------------------------------------------


def checked(run_qasync, page: DealsPage) -> DealsPage:
    run_qasync(page.draft.settled())
    return page


def test_a_deals_tiers_load_into_the_table(page: DealsPage) -> None:
    select(page, "Fresh milk")
    editor = page.tier_editor
    assert editor.table.horizontalHeaderItem(0).text() == "Participants"
    assert editor.table.horizontalHeaderItem(1).text() == "Price (¥)"
    assert editor.rows() == [("2", "39.90"), ("3", "29.90")]
    assert editor.text() == "2:39.90; 3:29.90"  # what the services read, as before
    assert page.form.labelForField(page.tiers_box).buddy() is editor.table


def test_tiers_are_added_and_removed_from_the_keyboard_and_saved(qtbot, run_qasync, page: DealsPage,
                                                               deals: Services) -> None:
    page.show()
    qtbot.waitExposed(page)
    select(page, "Fresh milk")
    editor = page.tier_editor
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)  # Add tier: a row for 4, its price being typed
    editor_widget = page.focusWidget()  # the window's focus (offscreen, no window is ever active)
    assert editor.table.isAncestorOf(editor_widget)
    qtbot.keyClicks(editor_widget, "19.9")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    assert editor.rows() == [("2", "39.90"), ("3", "29.90"), ("4", "19.9")]
    assert checked(run_qasync, page).save_button.isEnabled()
    # Insert in the table adds one more; Delete removes the current row.
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    assert [r[0] for r in editor.rows()] == ["2", "3", "4", "5"]
    editor.table.setCurrentCell(3, 0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [r[0] for r in editor.rows()] == ["2", "3", "4"]
    editor.table.setCurrentCell(0, 0)
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    assert editor.rows() == [("3", "29.90"), ("4", "19.9")]
    assert run_qasync(page.save()) is True
    saved = {d["title"]: d for d in deals.queries.deals()}["Fresh milk"]
    assert [(t["min_participants"], t["price_fen"]) for t in saved["tiers"]] == [(3, 2990), (4, 1990)]


BAD_TIERS = [
    ([(1, "39.90")], "Tier 1: the participants must be a whole number, at least 2."),
    ([(2, "39.90"), (2, "29.90")], "Tiers 1 and 2 are both for 2 participants."),
    ([(2, "")], "Tier 1 needs a price."),
    ([(2, "0")], "Tier 1: '0' is not a price in yuan above zero, with at most two decimals (e.g. 29.90)."),
    ([(2, "39.999")], "Tier 1: '39.999' is not a price in yuan above zero, with at most two decimals (e.g. 29.90)."),
    ([(2, "-3")], "Tier 1: '-3' is not a price in yuan above zero, with at most two decimals (e.g. 29.90)."),
    ([(2, "29.90"), (3, "39.90")], "More participants must not cost more: 3 people pay ¥39.90, 2 people ¥29.90."),
]


@pytest.mark.parametrize(("tiers", "message"), BAD_TIERS)
def test_wrong_tiers_say_why_and_save_nothing(run_qasync, page: DealsPage, deals: Services,
                                              tiers: list[tuple[int, str]], message: str) -> None:
    select(page, "Fresh milk")
    editor = page.tier_editor
    editor.set_tiers([])
    for people, price in tiers:
        editor.add_tier()
        editor.table.closePersistentEditor(editor.table.currentItem())
        row = editor.table.rowCount() - 1
        editor.table.item(row, 0).setData(Qt.ItemDataRole.EditRole, people)
        editor.table.item(row, 1).setText(price)
    assert not checked(run_qasync, page).save_button.isEnabled()
    assert page.tiers_error.isVisibleTo(page) and page.tiers_error.text() == message
    before = deals.queries.deals()
    assert run_qasync(page.save()) is False
    assert deals.queries.deals() == before


def test_the_tiers_message_speaks_chinese(run_qasync, page: DealsPage) -> None:
    apply_language("zh_CN")
    select(page, "Fresh milk")
    page.tier_editor.table.item(1, 1).setText("45")
    checked(run_qasync, page)
    assert page.tiers_error.text() == "人数越多，价格不能越高：3 人要 ¥45.00，2 人却只要 ¥39.90。"


# -- the list at 1024×640 --------------------------------------------------------------------------------------


def test_a_narrow_list_keeps_the_title_readable(qtbot, page: DealsPage) -> None:
    page.resize(1024 - 180, 640 - 50)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    header = page.view.horizontalHeader()
    assert header.sectionSize(DealTableModel.COL_TITLE) >= TITLE_MIN_WIDTH
    assert header.sectionViewportPosition(DealTableModel.COL_PROGRESS) < page.view.viewport().width()
    page.resize(1920 - 180, 1080 - 50)
    QApplication.processEvents()
    others = sum(header.sectionSize(c) for c in range(header.count()) if c != DealTableModel.COL_TITLE)
    assert header.sectionSize(DealTableModel.COL_TITLE) == page.view.viewport().width() - others  # no gap


def test_the_model_still_passes_the_model_tester(qtmodeltester, run_qasync, page: DealsPage) -> None:
    async def pick() -> None:
        select(page, "婴儿推车")
        await page._cuts_task

    run_qasync(pick())
    qtmodeltester.check(page.deal_model, force_py=True)
    qtmodeltester.check(page.cut_model, force_py=True)
    assert QModelIndex() is not None
