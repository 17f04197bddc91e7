"""The Today page: the game, the day (streak, help budget, open groups), deadlines, the ledger, activities.

What it shows is read by :mod:`app.ui.today_data`; its cards are in :mod:`app.ui.cards`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QSettings, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.cards import Bubble, Section, StatCard, muted
from app.ui.changes import ALL_AREAS, BADGES
from app.ui.format import count_text
from app.ui.reminder_bar import ReminderBar
from app.ui.setting_keys import BUDGET_KEY
from app.ui.text_style import scaled_font
from app.ui.today_data import load_today as load_today  # where the controller and the tests look
from app.ui.today_data import load_today_clock as load_today_clock

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QTableView

SECTION_MIN_HEIGHT = 176  # a card's heading, a table's header and three rows
# What TodayPage.build_content makes: the models of the data and the tables and lists that show them.
CONTENT = frozenset({"balance_model", "balance_proxy", "due_model", "activity_model", "due_view", "activity_view",
                     "balance_view", "owe_list", "takes_list"})


def _table(name: str, description: str, model: QAbstractItemModel, stretch: int) -> QTableView:
    from app.ui.parts import table_view

    view = table_view(name, model, stretch=stretch)
    view.setAccessibleDescription(description)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.horizontalHeader().setMinimumSectionSize(48)
    return view


class TodayPage(QWidget):
    """What matters today at a glance; filled by :meth:`set_data` with what :func:`load_today` returned."""

    AREAS = ALL_AREAS - {BADGES}  # everything but the badges (the daily budget is a setting)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.settings = settings  # the daily help budget is a setting
        self._given_today: int | None = None
        self._content_built = False
        self._build()

    def __getattr__(self, name: str) -> Any:
        # The models, tables and lists (CONTENT) exist once build_content ran: asking for one builds them.
        if name in CONTENT and not self.__dict__.get("_content_built", True):
            self.build_content()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.greeting = QLabel(self.tr("Today"))
        self.greeting.setObjectName("greeting")
        self.greeting.setFont(scaled_font(self, 1.8, bold=True))
        self.date_label = muted(QLabel())
        self.date_label.setObjectName("dateLabel")
        self.welcome = Bubble(
            self.tr(
                "Welcome! Nothing is recorded yet. The groups, contacts, deals and helps you record "
                "will show up here."
            ),
            radius=8, padding=(14, 10),
        )
        self.welcome.setObjectName("welcome")
        self.welcome.setWordWrap(True)
        self.welcome.hide()

        self.cards = {
            "groups": StatCard(self.tr("Groups")),
            "contacts": StatCard(self.tr("Contacts")),
            "open_deals": StatCard(self.tr("Open deals")),
            "helps": StatCard(self.tr("Helps")),
        }
        cards_row = QHBoxLayout()
        cards_row.setSpacing(12)
        for card in self.cards.values():
            cards_row.addWidget(card)

        # The tables and lists come right after the window's first frame (build_content): ~10 ms of building and
        # painting the first frame does without; until then each card shows its heading.
        self.due_section = Section(
            self.tr("Deadlines soon"), None, self.tr("No deadlines in the next three days. Relax!")
        )
        self.activity_section = Section(
            self.tr("Recent activity"), None, self.tr("No activity yet. What you record shows up here.")
        )
        self.owe_section = Section(self.tr("You owe"), None, self.tr("You owe nobody a favour. Nice!"))
        self.takes_section = Section(self.tr("Only takes"), None, self.tr("Nobody only takes."))
        self.balance_section = Section(
            self.tr("Balances"), None, self.tr("No contacts yet. Add the people you help and who help you.")
        )

        lists_row = QHBoxLayout()
        lists_row.setSpacing(12)
        lists_row.addWidget(self.owe_section)
        lists_row.addWidget(self.takes_section)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.addWidget(self.due_section, 0, 0)
        grid.addWidget(self.activity_section, 1, 0)
        grid.addLayout(lists_row, 0, 1)
        grid.addWidget(self.balance_section, 1, 1)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 9)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 3)

        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.greeting)
        header.addWidget(self.date_label)
        self.game_label = QLabel()
        self.game_label.setObjectName("gameLabel")
        self.game_label.setAccessibleName(self.tr("Level, points and quests"))
        self.game_label.setWordWrap(True)
        header.addWidget(self.game_label)
        header.addSpacing(6)
        header.addLayout(self._build_day_row())

        # On a small screen (1024×640) the page scrolls rather than squeezing its lists to a line and a half.
        for section in (self.due_section, self.activity_section, self.owe_section, self.takes_section,
                        self.balance_section):
            section.setMinimumHeight(SECTION_MIN_HEIGHT)
        content = QWidget()
        content.setObjectName("todayContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addLayout(header)
        self.reminder_bar = ReminderBar()  # filled by app.ui.reminders; hidden while there are none
        layout.addWidget(self.reminder_bar)
        layout.addWidget(self.welcome)
        layout.addLayout(cards_row)
        layout.addLayout(grid, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("todayScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def build_content(self) -> None:
        """The models and the tables and lists in the cards (once): after the first frame, or when first asked for."""
        if self._content_built:
            return
        self._content_built = True
        from PySide6.QtCore import QSortFilterProxyModel

        from app.ui.models import SORT_ROLE, ActivityTableModel, BalanceTableModel, DueDealsModel

        self.balance_model = BalanceTableModel(self)
        self.balance_proxy = QSortFilterProxyModel(self)
        self.balance_proxy.setSourceModel(self.balance_model)
        self.balance_proxy.setSortRole(SORT_ROLE)
        self.due_model = DueDealsModel(self)
        self.activity_model = ActivityTableModel(self)

        self.due_view = _table(self.tr("Deadlines soon"), self.tr("Open deals whose deadline is within three days"),
                                self.due_model, DueDealsModel.COL_TITLE)
        # The progress column already reads as the kind ("¥590.70 → ¥99.00", "1 of 3 joined"); the kind is in
        # the title's tooltip, which leaves the title room on a small screen.
        self.due_view.setColumnHidden(DueDealsModel.COL_KIND, True)
        self.due_section.set_content(self.due_view)

        self.activity_view = _table(self.tr("Recent activity"), self.tr("The latest entries of your history"),
                                    self.activity_model, ActivityTableModel.COL_DETAILS)
        self.activity_section.set_content(self.activity_view)

        self.owe_list = QListWidget()
        self.owe_list.setAccessibleName(self.tr("You owe"))
        self.owe_list.setAccessibleDescription(self.tr("Contacts who helped you more often than you helped them"))
        self.takes_list = QListWidget()
        self.takes_list.setAccessibleName(self.tr("Only takes"))
        self.takes_list.setAccessibleDescription(
            self.tr("Contacts you helped several times lately who gave nothing back")
        )
        for widget in (self.owe_list, self.takes_list):
            widget.setFrameShape(QFrame.Shape.NoFrame)
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setSpacing(3)
            widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.owe_section.set_content(self.owe_list)
        self.takes_section.set_content(self.takes_list)

        self.balance_view = _table(self.tr("Balances"), self.tr("Helps given and received per contact"),
                                   self.balance_proxy, BalanceTableModel.COL_CONTACT)
        self.balance_view.setSortingEnabled(True)
        self.balance_view.sortByColumn(BalanceTableModel.COL_BALANCE, Qt.SortOrder.AscendingOrder)
        # The amounts are in each row's tooltip: the counts are what the page is about, and they fit.
        for column in (BalanceTableModel.COL_GIVEN_FEN, BalanceTableModel.COL_RECEIVED_FEN):
            self.balance_view.setColumnHidden(column, True)
        self.balance_section.set_content(self.balance_view)

    def _build_day_row(self) -> QHBoxLayout:
        """Three chips about today: the help streak, the day's help budget, the groups open now."""
        self.streak_label = Bubble()
        self.streak_label.setToolTip(self.tr(
            "Days in a row on which you helped someone. A rest day a week (Settings) and streak freezes, one for "
            "every seven days of a streak, cover missed days; missing a day never costs points."))
        self.budget_label = Bubble()
        self.budget_label.setToolTip(self.tr("Helps you gave today, and the daily budget set in Settings"))
        self.open_label = Bubble()
        row = QHBoxLayout()
        row.setSpacing(8)
        for label in (self.streak_label, self.budget_label, self.open_label):
            label.setObjectName("chip")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(label)
        row.addStretch(1)
        return row

    # -- data -------------------------------------------------------------------------------------------

    def set_data(self, data: dict[str, Any]) -> None:
        """Show what :func:`load_today` returned (on the UI thread)."""
        self.set_clock_data(data)

        game = data.get("game")
        if game and game.get("pending"):
            self.game_label.setText(self.tr("Your level and points are being recounted after a correction…"))
        elif game:
            active = [c["title"] for c in game["quests"] if c["status"] == "active" and not c["repeat"]]
            text = self.tr("Level {level} · {points} points · {left} to the next level").format(
                level=count_text(game["level"]), points=count_text(game["points"]),
                left=count_text(max(0, game["next_level_at"] - game["points"])),
            )
            if active:
                titles = self.tr(", ").join(active[:3])  # "、" in Chinese
                text += "  ·  " + self.tr("Quests in progress: {titles}").format(titles=titles)
            self.game_label.setText(text)
        self.game_label.setVisible(bool(game))

        counts = data["counts"]
        for key, card in self.cards.items():
            card.set_value(int(counts.get(key, 0)))
        recorded = sum(int(counts.get(k, 0)) for k in ("groups", "contacts", "deals", "helps", "requests"))
        self.welcome.setVisible(recorded == 0)

        ledger = data["ledger"]
        self.balance_model.set_rows(ledger["contacts"])
        self.balance_section.set_empty(not ledger["contacts"])
        self._fill_owe(ledger["you_owe"])

    def set_clock_data(self, data: dict[str, Any]) -> None:
        """Show what :func:`load_today_clock` returned (also the first part of :meth:`set_data`)."""
        self.build_content()
        now: dt.datetime = data["now"]
        tz: dt.tzinfo = data["tz"]
        local = now.astimezone(tz)
        self.greeting.setText(self._greeting(local.hour, str(data["day"].get("name") or "")))
        date = QDate(local.year, local.month, local.day)
        self.date_label.setText(QLocale().toString(date, QLocale.FormatType.LongFormat))

        self.due_model.set_rows(data["due"], tz, now)
        self.due_section.set_empty(not data["due"])

        self.activity_model.set_rows(data["activities"], data["names"], tz, now)
        self.activity_section.set_empty(not data["activities"])

        day = data.get("day")
        if day is not None:
            self._show_day(day)
        if "only_takes" in data:
            self._fill_takes(data["only_takes"])

    def _show_day(self, day: dict[str, Any]) -> None:
        streak = int(day["streak"])
        if streak == 0:
            text = self.tr("No help streak yet: help someone today")
        elif streak == 1:
            text = self.tr("Help streak: 1 day")
        else:
            text = self.tr("Help streak: {days} days").format(days=streak)
        freezes = int(day.get("freezes", 0))
        if freezes:
            text += " · " + (self.tr("1 streak freeze") if freezes == 1
                             else self.tr("{count} streak freezes").format(count=freezes))
        self.streak_label.setText(text)
        self.streak_label.setAccessibleName(text)
        self._given_today = int(day["given_today"])
        self._show_budget()
        groups = day["open_groups"]
        shown = 3  # one line; the tooltip has them all
        parts = [self.tr("{group} until {time}").format(group=g["name"], time=g["until"]) for g in groups]
        if groups:
            text = self.tr("Open now: {groups}").format(groups=self.tr(", ").join(parts[:shown]))
            if len(groups) > shown:
                text += " " + self.tr("and {count} more").format(count=len(groups) - shown)
        else:
            text = self.tr("No group is in its activity window now")
        self.open_label.setText(text)
        self.open_label.setAccessibleName(text)
        self.open_label.setToolTip("\n".join(parts) if parts else
                                   self.tr("Groups whose activity window (活动时段) is open now"))

    def _show_budget(self) -> None:
        """The day's help budget (a setting, read each time: it may have changed since the last load)."""
        if self._given_today is None:
            return
        budget = int(str(self.settings.value(BUDGET_KEY, 0) or 0)) if self.settings is not None else 0
        given = self._given_today
        if budget <= 0:
            text = self.tr("Helps given today: {given}").format(given=given)
        elif given > budget:
            text = self.tr("Helps given today: {given} of {budget}, over your budget").format(
                given=given, budget=budget)
        else:
            text = self.tr("Helps given today: {given} of {budget}").format(given=given, budget=budget)
        self.budget_label.setText(text)
        self.budget_label.setAccessibleName(text)
        self.budget_label.set_over(budget > 0 and given > budget)

    def showEvent(self, event: QShowEvent) -> None:
        self._show_budget()
        super().showEvent(event)

    def _greeting(self, hour: int, name: str = "") -> str:
        """The time of day's greeting, with the user's name when they gave one."""
        if name:
            if 5 <= hour < 12:
                return self.tr("Good morning, {name}").format(name=name)
            if 12 <= hour < 18:
                return self.tr("Good afternoon, {name}").format(name=name)
            return self.tr("Good evening, {name}").format(name=name)
        if 5 <= hour < 12:
            return self.tr("Good morning")
        if 12 <= hour < 18:
            return self.tr("Good afternoon")
        return self.tr("Good evening")

    def _fill_owe(self, rows: list[dict[str, Any]]) -> None:
        self.owe_list.clear()
        for row in rows:
            detail = self.tr("received {received} · gave {given}").format(
                received=row["received_count"], given=row["given_count"]
            )
            self._add_person(self.owe_list, row["nickname"], detail)
        self.owe_section.set_empty(not rows)

    def _fill_takes(self, rows: list[dict[str, Any]]) -> None:
        self.takes_list.clear()
        for row in rows:
            detail = self.tr("you helped {count}× in 30 days").format(count=row["given_last_30_days"])
            self._add_person(self.takes_list, row["nickname"], detail)
        self.takes_section.set_empty(not rows)

    @staticmethod
    def _add_person(view: QListWidget, name: str, detail: str) -> None:
        # Two lines (name, then why) fit the narrow cards without eliding the part that matters.
        item = QListWidgetItem(f"{name}\n{detail}")
        # The delegate sizes wrapped items from the view's width at insertion time, which may be far off.
        item.setSizeHint(QSize(0, view.fontMetrics().lineSpacing() * 2 + 8))
        item.setToolTip(f"{name}: {detail}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}: {detail}")
        view.addItem(item)
