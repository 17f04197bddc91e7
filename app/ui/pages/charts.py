"""The Charts page (统计): a year of activity as a calendar heatmap, helps given and received per month, points over
time and the money the user's own deals saved, each read in one call of :class:`app.services.charts.ChartService`
in the database thread and drawn by the QPainter widgets of :mod:`app.ui.charts`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.ui.changes import DEALS, HELPS, HISTORY, POINTS, PROFILE, SETTINGS
from app.ui.charts import BarPairs, CalendarHeatmap, Chart, LineChart, Series, qdate
from app.ui.format import count_text, money
from app.ui.text_style import DETAIL_HEADING, heading

if TYPE_CHECKING:
    from app.services import Services
    from app.services.charts import ChartData
    from app.ui.context import PageContext


def money_axis(fen: int) -> str:
    """Whole yuan on an axis: ``¥1,200``."""
    return money(fen).rsplit(".", 1)[0]


class ChartsPage(QWidget):
    """Charts of the user's own log: nothing here is a list to edit, only what the data says at a glance."""

    # Facts of every kind (the heatmap), helps, the points ledger, deals that succeeded, and the profile's rest days.
    AREAS = frozenset({HISTORY, HELPS, POINTS, DEALS, PROFILE, SETTINGS})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.data: ChartData | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(6)
        layout.addWidget(heading(self.tr("Charts")))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.heatmap = CalendarHeatmap(self.tr("Nothing recorded in the last year yet: each help, request or deal "
                                               "you log colours its day here."))
        self.helps = BarPairs(self.tr("No helps yet: the helps you give and receive show here, month by month."))
        self.points = LineChart(self.tr("No points yet: helping others earns them, and they show here week by "
                                        "week."))
        self.saved = LineChart(self.tr("No money saved yet: when a deal of your own succeeds, what it saved "
                                       "shows here."))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        self.status_labels: dict[Chart, QLabel] = {}
        self._section(grid, 0, 0, 2, self.tr("Activity in the last year"), self.heatmap)
        self._section(grid, 3, 0, 1, self.tr("Helps given and received per month"), self.helps)
        self._section(grid, 3, 1, 1, self.tr("Money saved by your deals"), self.saved)
        self._section(grid, 6, 0, 2, self.tr("Points over time"), self.points)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _section(self, grid: QGridLayout, row: int, column: int, span: int, title: str, chart: Chart) -> None:
        label = heading(title, DETAIL_HEADING)
        label.setContentsMargins(0, 8, 0, 2)
        status = QLabel()
        status.setObjectName("chartStatus")
        status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        chart.setAccessibleName(title)
        chart.highlighted.connect(lambda text: status.setText(text.replace("\n", " · ")))
        self.status_labels[chart] = status
        grid.addWidget(label, row, column, 1, span)
        grid.addWidget(chart, row + 1, column, 1, span)
        grid.addWidget(status, row + 2, column, 1, span)

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx

    def load(self, services: Services) -> dict[str, Any]:
        """Runs in the database thread: the charts' one read."""
        from app.services.charts import ChartService

        return {"charts": ChartService(services.store, services.clock).data()}

    def set_data(self, data: dict[str, Any]) -> None:
        charts: ChartData = data["charts"]
        self.data = charts
        for label in self.status_labels.values():
            label.clear()
        heatmap = charts.heatmap
        self.summary.setVisible(heatmap.total > 0)  # nothing to sum up: the heatmap says so in words
        days = sum(1 for n in heatmap.counts.values() if n)
        self.summary.setText(self.tr("{entries} entries on {days} days since {date} · {rest} rest days").format(
            entries=count_text(heatmap.total), days=count_text(days), rest=count_text(len(heatmap.rest)),
            date=QLocale().toString(qdate(heatmap.first), self.tr("MMMM d, yyyy"))))
        self.heatmap.set_data(heatmap)
        months = [m.month for m in charts.helps]
        given, received = self.tr("Given"), self.tr("Received")
        self.helps.set_data(months, [Series(given, "positive", [m.given for m in charts.helps]),
                                     Series(received, "accent", [m.received for m in charts.helps])],
                            tips=lambda i: self._month_tip(i))
        self.points.set_data([p.day for p in charts.points],
                             [Series(self.tr("Points"), "accent", [p.total for p in charts.points])],
                             tips=lambda i: self._points_tip(i))
        self.saved.set_data([p.day for p in charts.saved],
                            [Series(self.tr("Saved in all"), "positive", [p.total for p in charts.saved])],
                            axis_text=money_axis, tips=lambda i: self._saved_tip(i))

    def month_text(self, month: dt.date) -> str:
        """A month with its year, in the language's words: "March 2026", "2026年3月"."""
        return QLocale().toString(qdate(month), self.tr("MMMM yyyy"))

    def _month_tip(self, index: int) -> str:
        assert self.data is not None
        pair = self.data.helps[index]
        return "\n".join([self.month_text(pair.month), self.tr("Given: {count}").format(count=count_text(pair.given)),
                          self.tr("Received: {count}").format(count=count_text(pair.received))])

    def _points_tip(self, index: int) -> str:
        assert self.data is not None
        point = self.data.points[index]
        week = self.tr("Week of {date}").format(date=QLocale().toString(qdate(point.day),
                                                                          QLocale.FormatType.LongFormat))
        return "\n".join([week, self.tr("Earned that week: {points}").format(points=count_text(point.value)),
                          self.tr("Points in all: {points}").format(points=count_text(point.total))])

    def _saved_tip(self, index: int) -> str:
        assert self.data is not None
        point = self.data.saved[index]
        return "\n".join([self.month_text(point.day),
                          self.tr("Saved that month: {money}").format(money=money(point.value)),
                          self.tr("Saved in all: {money}").format(money=money(point.total))])
