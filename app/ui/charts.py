"""Small charts drawn with QPainter (no QtCharts, no QtGraphs): a calendar heatmap, pairs of bars, a line.

Each chart is one focusable widget over a list of *items* (a day, a month, a point): the mouse's tooltip and the
keyboard's highlighted item give the item's exact date and value, which is also the chart's accessible description
and goes out as ``highlighted`` (for a status line). Left/Right move the highlight (the heatmap: Up/Down a day,
Left/Right a week), Home/End go to the first/last item. Without data a chart shows its ``empty_text``.
Colours come from the palette and :func:`app.ui.theme.colour`, so a switch of theme repaints them; month and day names
come from Qt's locale (the language's), numbers from :mod:`app.ui.format`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.ui.format import count_text
from app.ui.theme import colour

if TYPE_CHECKING:
    from app.services.charts import Heatmap

LEVELS = (0.3, 0.5, 0.75, 1.0)  # the heatmap's four shades of activity: how much of the full colour each has


def mix(base: QColor, ink: QColor, amount: float) -> QColor:
    """``amount`` of the way from ``base`` to ``ink``."""
    return QColor.fromRgbF(base.redF() + (ink.redF() - base.redF()) * amount,
                           base.greenF() + (ink.greenF() - base.greenF()) * amount,
                           base.blueF() + (ink.blueF() - base.blueF()) * amount)


def axis_top(value: int) -> int:
    """The value axis's top: four equal steps of 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 4:
        return 4
    step = value / 4
    power = 10 ** math.floor(math.log10(step))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= step:
            return int(math.ceil(factor * power)) * 4
    return value  # not reached


def shade_steps(counts: list[int]) -> list[int]:
    """Where the heatmap's shades 2, 3 and 4 start: the quartiles of the days with entries (fewer steps when the
    days differ little: the same count is always the same shade)."""
    active = sorted(n for n in counts if n > 0)
    if not active:
        return []
    steps = {active[min(len(active) - 1, len(active) * k // 4)] for k in (1, 2, 3)}
    return sorted(step for step in steps if step > active[0])


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def month_name(day: dt.date) -> str:
    """A month as an axis shows it: "Mar", "3月"."""
    return QLocale().standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)


class Chart(QWidget):
    """What the charts share: the items, the highlight, tooltips, keys, the empty state and the colours."""

    highlighted = Signal(str)  # the highlighted item's words (date and value)
    EMPTY_HEIGHT = 64  # an empty chart: a box with its words, no room kept for what is not there

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.current = -1
        self.loaded = False  # no data yet (being read): nothing said, not "no data"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # -- what each chart says -------------------------------------------------------------------------------

    def count(self) -> int:
        return 0

    def is_empty(self) -> bool:
        return self.count() == 0

    def item_rect(self, index: int) -> QRectF:
        return QRectF()

    def item_text(self, index: int) -> str:
        return ""

    def paint_chart(self, painter: QPainter) -> None:
        pass

    def step(self, key: int) -> int:
        """How far ``key`` moves the highlight (0: not a key this chart uses)."""
        return {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key), 0)

    # -- shared ---------------------------------------------------------------------------------------------

    def ink(self, role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> QColor:
        return self.palette().color(role)

    def item_at(self, point: QPointF) -> int:
        if self.is_empty():
            return -1
        return next((i for i in range(self.count()) if self.item_rect(i).contains(point)), -1)

    def set_current(self, index: int, *, tip: bool = True) -> None:
        """Highlight item ``index``: its words become the description, the signal's and (focused) the tooltip."""
        if self.is_empty() or not 0 <= index < self.count():
            return
        self.current = index
        text = self.item_text(index)
        self.setAccessibleDescription(text)
        if QAccessible.isActive():  # a screen reader says the new value, as it would a list's new current item
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        self.highlighted.emit(text)
        if tip and self.hasFocus():
            rect = self.item_rect(index)
            QToolTip.showText(self.mapToGlobal(rect.center().toPoint()), text, self)
        self.update()

    def reset(self) -> None:
        """New data: the highlight (if any) on the newest item, the empty text as the description when empty."""
        self.loaded = True
        if self.is_empty():
            self.current = -1
            self.setAccessibleDescription(self.empty_text)
        elif self.current >= 0:
            self.set_current(min(self.current, self.count() - 1), tip=False)
        else:
            self.setAccessibleDescription("")
        self.updateGeometry()
        self.update()

    def follow_theme(self) -> None:
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LocaleChange, QEvent.Type.FontChange,
                            QEvent.Type.LanguageChange):
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.item_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.item_text(index), self)
            elif self.is_empty():
                QToolTip.showText(event.globalPos(), self.empty_text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_empty():
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(self.count() - 1)
        elif (move := self.step(key)) != 0:
            start = self.current if self.current >= 0 else self.count() - 1
            self.set_current(max(0, min(self.count() - 1, start + move)))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.is_empty():
            self.set_current(self.current if self.current >= 0 else self.count() - 1)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.item_at(event.position())
        if index >= 0:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_current(index)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if self.is_empty():
                if self.loaded:
                    box = QRectF(self.rect()).adjusted(1, 4, -1, -4)
                    painter.setPen(QPen(mix(self.ink(QPalette.ColorRole.Window), self.ink(), 0.25), 1,
                                        Qt.PenStyle.DashLine))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(box, 6, 6)
                    painter.setPen(colour("muted"))
                    painter.drawText(box.adjusted(12, 4, -12, -4),
                                     int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            else:
                self.paint_chart(painter)
                if self.hasFocus() and self.current >= 0:
                    pen = QPen(self.ink(QPalette.ColorRole.Highlight), 2)
                    painter.setPen(pen)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(self.item_rect(self.current).adjusted(-1, -1, 1, 1), 2, 2)
            if self.hasFocus() and self.is_empty():
                painter.setPen(QPen(self.ink(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
                painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        finally:
            painter.end()

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())


# -- the calendar heatmap ---------------------------------------------------------------------------------------


class CalendarHeatmap(Chart):
    """A year of days in columns of weeks (Monday on top), shaded by the entries of each day; rest days dotted."""

    CELL_MAX = 22.0
    GAP = 3.0

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(empty_text, parent)
        self.heatmap: Heatmap | None = None
        self.steps: list[int] = []  # the quartiles of the active days' counts: where a darker shade starts

    def set_data(self, heatmap: Heatmap) -> None:
        self.heatmap = heatmap
        self.steps = shade_steps(list(heatmap.counts.values()))
        self.reset()

    def count(self) -> int:
        if self.heatmap is None:
            return 0
        return (self.heatmap.last - self.heatmap.first).days + 1

    def is_empty(self) -> bool:
        return self.heatmap is None or self.heatmap.total == 0

    def day(self, index: int) -> dt.date:
        assert self.heatmap is not None
        return self.heatmap.first + dt.timedelta(days=index)

    def index_of(self, day: dt.date) -> int:
        assert self.heatmap is not None
        return (day - self.heatmap.first).days

    def step(self, key: int) -> int:
        return {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(key), 0)

    def _left(self) -> float:
        metrics = QFontMetrics(self.font())
        names = [QLocale().dayName(d, QLocale.FormatType.ShortFormat) for d in (1, 3, 5)]
        return float(max(metrics.horizontalAdvance(n) for n in names) + 8)

    def _top(self) -> float:
        return float(QFontMetrics(self.font()).height() + 4)

    def _cell(self) -> float:
        weeks = max(1, math.ceil(self.count() / 7))
        room = (self.width() - self._left() - 4) / weeks - self.GAP
        return max(6.0, min(self.CELL_MAX, room))

    def height_for(self, cell: float) -> int:
        """The height that shows seven rows of ``cell`` and the legend under them."""
        line = QFontMetrics(self.font()).height()
        return int(self._top() + 7 * (cell + self.GAP) + max(line, 12) + 12)

    def sizeHint(self) -> QSize:
        return QSize(int(self._left() + 53 * (14 + self.GAP)), self.height_for(14))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._left() + 53 * (6 + self.GAP)) + 4, self.height_for(6))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def reset(self) -> None:
        super().reset()
        self._fit_height()

    def _fit_height(self) -> None:
        """The cells follow the width, the height follows the cells (an empty heatmap: a line of words)."""
        height = self.EMPTY_HEIGHT if self.loaded and self.is_empty() else self.height_for(self._cell())
        if height != self.height():
            self.setFixedHeight(height)

    def item_rect(self, index: int) -> QRectF:
        cell = self._cell()
        week, weekday = divmod(index, 7)
        return QRectF(self._left() + week * (cell + self.GAP), self._top() + weekday * (cell + self.GAP), cell, cell)

    def level(self, n: int) -> int:
        """0 for no entry, else 1 to 4: the quarter of the active days ``n`` is in (a busy day makes no other pale)."""
        if n <= 0:
            return 0
        return 1 + sum(1 for step in self.steps if n >= step)

    def shade(self, level: int) -> QColor:
        base = self.ink(QPalette.ColorRole.Base)
        if level == 0:
            return mix(base, self.ink(QPalette.ColorRole.WindowText), 0.1)
        return mix(base, colour("positive"), LEVELS[level - 1])

    def item_text(self, index: int) -> str:
        assert self.heatmap is not None
        day = self.day(index)
        n = self.heatmap.counts.get(day, 0)
        text = self.tr("{date}: {count} entries").format(
            date=QLocale().toString(qdate(day), QLocale.FormatType.LongFormat), count=count_text(n))
        if day in self.heatmap.rest:
            text += "\n" + self.tr("A rest day: the streak went on")
        return text

    def paint_chart(self, painter: QPainter) -> None:
        assert self.heatmap is not None
        heatmap = self.heatmap
        metrics = QFontMetrics(self.font())
        muted = colour("muted")
        painter.setPen(muted)
        left, top, cell = self._left(), self._top(), self._cell()
        for row, weekday in ((0, 1), (2, 3), (4, 5)):
            rect = self.item_rect(row)
            painter.drawText(QRectF(0, rect.top() - 3, left - 6, cell + 6),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             QLocale().dayName(weekday, QLocale.FormatType.ShortFormat))
        last_label = -1e9
        for index in range(0, self.count(), 7):  # a month's name above the week its first day is in
            monday = self.day(index)
            sunday = monday + dt.timedelta(days=6)
            if monday.day == 1 or sunday.month != monday.month or index == 0:
                first = monday if monday.day == 1 or index == 0 else sunday.replace(day=1)
                x = self.item_rect(index).left()
                name = month_name(first)
                x = min(x, self.width() - metrics.horizontalAdvance(name) - 2.0)
                if x - last_label > metrics.horizontalAdvance(name) + 6:
                    painter.drawText(QPointF(x, top - 6 - metrics.descent() + 2), name)
                    last_label = x
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(self.count()):
            rect = self.item_rect(index)
            day = self.day(index)
            painter.setBrush(self.shade(self.level(heatmap.counts.get(day, 0))))
            painter.drawRoundedRect(rect, 2, 2)
            if day in heatmap.rest:
                painter.setBrush(muted)
                radius = max(1.5, cell / 6)
                painter.drawEllipse(rect.center(), radius, radius)
        self._legend(painter, top + 7 * (cell + self.GAP) + 6)

    def _legend(self, painter: QPainter, y: float) -> None:
        metrics = QFontMetrics(self.font())
        cell = min(self._cell(), 12.0)
        x = self._left()
        baseline = y + (cell + metrics.ascent() - metrics.descent()) / 2
        muted = colour("muted")
        less, more, rest = self.tr("Less"), self.tr("More"), self.tr("Rest day")
        painter.setPen(muted)
        painter.drawText(QPointF(x, baseline), less)
        x += metrics.horizontalAdvance(less) + 6
        painter.setPen(Qt.PenStyle.NoPen)
        for level in range(5):
            painter.setBrush(self.shade(level))
            painter.drawRoundedRect(QRectF(x, y, cell, cell), 2, 2)
            x += cell + 3
        painter.setPen(muted)
        painter.drawText(QPointF(x + 3, baseline), more)
        x += metrics.horizontalAdvance(more) + 24
        if self.heatmap is not None and self.heatmap.rest_per_week > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.shade(0))
            painter.drawRoundedRect(QRectF(x, y, cell, cell), 2, 2)
            painter.setBrush(muted)
            painter.drawEllipse(QPointF(x + cell / 2, y + cell / 2), max(1.5, cell / 6), max(1.5, cell / 6))
            painter.setPen(muted)
            painter.drawText(QPointF(x + cell + 6, baseline), rest)


# -- axes for bars and lines ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One row of values under a name, in a colour of :data:`app.ui.theme.COLOUR_PAIRS`."""

    name: str
    colour: str
    values: list[int]


class _Plot(Chart):
    """A value axis on the left, month labels below, a legend on top: what bars and lines share."""

    HEIGHT = 220

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(empty_text, parent)
        self.days: list[dt.date] = []
        self.series: list[Series] = []
        self.axis_text: Callable[[int], str] = count_text
        self.tips: Callable[[int], str] | None = None

    def set_data(self, days: Sequence[dt.date], series: Sequence[Series], *,
                 axis_text: Callable[[int], str] = count_text, tips: Callable[[int], str] | None = None) -> None:
        """``days``: where each value is (a month's first day, a week's Monday); ``tips(i)``: item i's words."""
        self.days, self.series = list(days), list(series)
        self.axis_text, self.tips = axis_text, tips
        self.reset()

    def count(self) -> int:
        return len(self.days)

    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def sizeHint(self) -> QSize:
        return QSize(480, self.EMPTY_HEIGHT if self.loaded and self.is_empty() else self.HEIGHT)

    def top_value(self) -> int:
        return axis_top(max((v for s in self.series for v in s.values), default=0))

    def plot_rect(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        top = self.top_value()
        left = max(metrics.horizontalAdvance(self.axis_text(top * k // 4)) for k in range(5)) + 10
        return QRectF(left, metrics.height() + 14, self.width() - left - 8,
                      self.height() - 2 * metrics.height() - 24)

    def slot(self, index: int) -> QRectF:
        plot = self.plot_rect()
        width = plot.width() / max(1, self.count())
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def y_of(self, value: int) -> float:
        plot = self.plot_rect()
        return plot.bottom() - plot.height() * value / max(1, self.top_value())

    def day_label(self, index: int) -> str:
        day = self.days[index]
        if day.month == 1 or index == 0:
            # The subclasses share it: one context, not one a class.
            return QCoreApplication.translate("Chart", "{month} {year}").format(month=month_name(day), year=day.year)
        return month_name(day)

    def item_text(self, index: int) -> str:
        if self.tips is not None:
            return self.tips(index)
        lines = [QLocale().toString(qdate(self.days[index]), QLocale.FormatType.LongFormat)]
        lines += [f"{s.name}: {self.axis_text(s.values[index])}" for s in self.series]
        return "\n".join(lines)

    def paint_axes(self, painter: QPainter) -> None:
        metrics = QFontMetrics(self.font())
        plot = self.plot_rect()
        top = self.top_value()
        grid = mix(self.ink(QPalette.ColorRole.Base), self.ink(), 0.18)
        muted = colour("muted")
        for k in range(5):
            y = round(plot.bottom() - plot.height() * k / 4) + 0.5
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             self.axis_text(top * k // 4))
        widest = max(metrics.horizontalAdvance(self.day_label(i)) for i in range(self.count())) + 10
        every = max(1, math.ceil(widest / max(1.0, self.slot(0).width())))
        last_right = -1e9
        for index in range(self.count()):
            label = self.day_label(index)
            new_month = index == 0 or self.days[index].month != self.days[index - 1].month
            if not new_month or (index % every and self.count() <= 13):
                continue
            slot = self.slot(index)
            width = metrics.horizontalAdvance(label)
            x = slot.center().x() - width / 2 if self.count() <= 13 else slot.left()
            x = max(0.0, min(x, self.width() - width - 2.0))
            if x < last_right + 8:
                continue
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 6), label)
            last_right = x + width
        x = plot.right()  # the legend, right-aligned above the plot
        for series in reversed(self.series):
            width = metrics.horizontalAdvance(series.name)
            painter.setPen(self.ink())
            painter.drawText(QPointF(x - width, metrics.ascent() + 2), series.name)
            x -= width + 6
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour(series.colour))
            painter.drawRoundedRect(QRectF(x - 10, metrics.ascent() + 2 - 10, 10, 10), 2, 2)
            x -= 26


class BarPairs(_Plot):
    """Two bars an item (e.g. helps given and received in a month), side by side."""

    def item_rect(self, index: int) -> QRectF:
        slot = self.slot(index)
        return slot.adjusted(2, 0, -2, 0)

    def paint_chart(self, painter: QPainter) -> None:
        self.paint_axes(painter)
        bottom = self.plot_rect().bottom()
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(self.count()):
            slot = self.slot(index)
            bar = min(22.0, slot.width() * 0.8 / max(1, len(self.series)))
            start = slot.center().x() - bar * len(self.series) / 2
            for number, series in enumerate(self.series):
                y = self.y_of(series.values[index])
                if bottom - y > 0:
                    painter.setBrush(colour(series.colour))
                    painter.drawRect(QRectF(start + number * bar, y, bar - 2, bottom - y))


class LineChart(_Plot):
    """One line or more through the items' values, the first one's area lightly filled, a dot at the highlight."""

    def item_rect(self, index: int) -> QRectF:
        return self.slot(index)

    def point(self, series: Series, index: int) -> QPointF:
        return QPointF(self.slot(index).center().x(), self.y_of(series.values[index]))

    def paint_chart(self, painter: QPainter) -> None:
        self.paint_axes(painter)
        bottom = self.plot_rect().bottom()
        for number, series in enumerate(self.series):
            ink = colour(series.colour)
            path = QPainterPath(self.point(series, 0))
            for index in range(1, self.count()):
                path.lineTo(self.point(series, index))
            if number == 0:
                area = QPainterPath(path)
                area.lineTo(QPointF(self.slot(self.count() - 1).center().x(), bottom))
                area.lineTo(QPointF(self.slot(0).center().x(), bottom))
                area.closeSubpath()
                fill = QColor(ink)
                fill.setAlphaF(0.18)
                painter.fillPath(area, fill)
            painter.setPen(QPen(ink, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            if self.count() <= 16:
                painter.setBrush(ink)
                painter.setPen(Qt.PenStyle.NoPen)
                for index in range(self.count()):
                    painter.drawEllipse(self.point(series, index), 3, 3)
        if self.current >= 0 and self.series:
            painter.setPen(QPen(self.ink(), 1.5))
            painter.setBrush(self.ink(QPalette.ColorRole.Base))
            painter.drawEllipse(self.point(self.series[0], self.current), 4.5, 4.5)

