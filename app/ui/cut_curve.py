"""A bargain's cut curve: the price after each cut toward the target, then the forecast of the cuts still needed.

Drawn with QPainter from a :class:`~app.services.forecast.BargainForecast` (plain data, read in the database
thread): the price so far as steps from the original price, the target as a dashed line, the likely continuation
dashed with the range between the fastest and slowest pace shaded, and above it one line of text that says how
many more helpers it takes and how sure that is. Tooltips name each cut; with the keyboard focus, the arrow keys
(and Home/End) move from cut to cut. Colours come from the palette and :func:`app.ui.theme.colour` at paint time,
so the chart follows a theme switch; the page is rebuilt on a language switch.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QHelpEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from app.services.forecast import MAX_MORE, BargainForecast
from app.ui.format import money
from app.ui.theme import colour

FUTURE_SHOWN = 12  # forecast cuts drawn at least (the range may go on past the right edge)
HIT = 9.0  # how near (px) the pointer must be to a point for its tooltip


class CutChart(QWidget):
    """The chart alone (the summary line stands above it in :class:`CutCurve`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forecast: BargainForecast | None = None
        self.selected: int | None = None  # the cut the keyboard is on (0-based)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(110)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Cut curve"))

    def sizeHint(self) -> QSize:
        return QSize(320, 140)

    def set_forecast(self, forecast: BargainForecast | None) -> None:
        self.forecast = forecast
        self.selected = None
        self.setAccessibleDescription(self.describe())
        self.update()

    # -- geometry ---------------------------------------------------------------------------------------------

    def _span(self) -> tuple[int, int, int]:
        """(cuts made, forecast cuts drawn, highest price)."""
        f = self.forecast
        assert f is not None
        made = len(f.cuts)
        future = max(len(f.path), len(f.path_low), len(f.path_high))
        shown = min(future, max(FUTURE_SHOWN, 2 * len(f.path), made // 2)) if future else 0
        top = max([f.original_fen or 0, f.current_fen or 0, f.target_fen or 0, *(c.price_fen for c in f.cuts), 1])
        return made, shown, top

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        f = self.forecast
        labels = [money(f.original_fen), money(f.target_fen)] if f is not None else []
        left = max((metrics.horizontalAdvance(t) for t in labels), default=0) + 10
        return QRectF(left, metrics.height() / 2 + 2, max(self.width() - left - 8, 10),
                      max(self.height() - metrics.height() * 2 - 6, 10))

    def _point(self, number: float, price: float) -> QPointF:
        made, shown, top = self._span()
        plot = self._plot()
        x = plot.left() + plot.width() * number / max(made + shown, 1)
        y = plot.bottom() - plot.height() * price / top
        return QPointF(x, y)

    def _cut_points(self) -> list[QPointF]:
        f = self.forecast
        return [] if f is None else [self._point(c.number, c.price_fen) for c in f.cuts]

    # -- painting ---------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        f = self.forecast
        if f is None or f.original_fen is None:
            painter.setPen(colour("muted"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No prices to draw yet") if f is not None else "")
            return
        made, shown, _top = self._span()
        plot = self._plot()
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(grid, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        # The price labels on the left: the original price and the target.
        painter.setPen(text)
        metrics = self.fontMetrics()
        start = self._point(0, f.original_fen)
        painter.drawText(QRectF(0, start.y() - metrics.height() / 2, plot.left() - 6, metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, money(f.original_fen))
        if f.target_fen is not None:
            target = self._point(0, f.target_fen)
            painter.setPen(QPen(colour("positive"), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), target.y()), QPointF(plot.right(), target.y()))
            painter.setPen(colour("positive"))
            painter.drawText(QRectF(0, target.y() - metrics.height() / 2, plot.left() - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, money(f.target_fen))
        # The axis's words: the helpers, counted from the left.
        painter.setPen(colour("muted"))
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, "0")
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignRight, self.tr("{count} helpers").format(count=made + shown))
        if not f.cuts:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No cuts yet"))
            return
        # Where the cuts made end and the forecast begins, when it leaves room for the words at both ends.
        now_x = self._point(made, 0).x()
        label = str(made)
        half = metrics.horizontalAdvance(label) / 2
        right_words = metrics.horizontalAdvance(self.tr("{count} helpers").format(count=made + shown))
        if shown and plot.left() + 2 * half + 8 < now_x - half and now_x + half + 8 < plot.right() - right_words:
            painter.drawLine(QPointF(now_x, plot.bottom()), QPointF(now_x, plot.bottom() + 3))
            painter.drawText(QRectF(now_x - half - 2, plot.bottom() + 2, 2 * half + 4, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, label)
        self._paint_forecast(painter, made)
        # The price so far: a step down at each cut.
        accent = colour("accent")
        steps = QPolygonF([start])
        level = start.y()
        for point in self._cut_points():
            steps.append(QPointF(point.x(), level))
            steps.append(point)
            level = point.y()
        painter.setPen(QPen(accent, 2))
        painter.drawPolyline(steps)
        painter.setBrush(accent)
        for i, point in enumerate(self._cut_points()):
            radius = 4.5 if i == self.selected else 2.5
            painter.drawEllipse(point, radius, radius)
        if self.selected is not None and self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(text, 1))
            point = self._cut_points()[self.selected]
            painter.drawEllipse(point, 7, 7)

    def _paint_forecast(self, painter: QPainter, made: int) -> None:
        f = self.forecast
        assert f is not None and f.current_fen is not None
        if not f.path:
            return
        accent = QColor(colour("accent"))
        last = self._point(made, f.current_fen)
        target = f.target_fen or 0
        # The range: between the fastest and the slowest pace (the shorter one waits at the target).
        length = max(len(f.path_low), len(f.path_high))
        fast = [*f.path_low, *[target] * (length - len(f.path_low))]
        slow = [*f.path_high, *[target] * (length - len(f.path_high))]
        band = QPolygonF([last, *(self._point(made + 1 + i, p) for i, p in enumerate(fast))])
        for i in range(length - 1, -1, -1):
            band.append(self._point(made + 1 + i, slow[i]))
        shade = QColor(accent)
        shade.setAlphaF(0.22)
        painter.save()
        painter.setClipRect(self._plot().adjusted(0, -2, 0, 2))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(shade)
        painter.drawPolygon(band)
        line = QPolygonF([last, *(self._point(made + 1 + i, p) for i, p in enumerate(f.path))])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(accent, 1.5, Qt.PenStyle.DashLine))
        painter.drawPolyline(line)
        painter.restore()

    # -- tooltips and keys ------------------------------------------------------------------------------------

    def point_text(self, index: int) -> str:
        f = self.forecast
        assert f is not None
        cut = f.cuts[index]
        return self.tr("Cut {number}: −{amount} → {price}").format(
            number=cut.number, amount=money(cut.amount_fen), price=money(cut.price_fen))

    def describe(self) -> str:
        f = self.forecast
        if f is None or not f.cuts:
            return self.tr("No cuts yet")
        return self.tr("{count} cuts from {original} to {current}").format(
            count=len(f.cuts), original=money(f.original_fen), current=money(f.current_fen))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.point_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.point_text(index), self)
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.update()
        return super().event(event)

    def point_at(self, pos: QPointF) -> int | None:
        best, nearest = None, HIT
        for i, point in enumerate(self._cut_points()):
            distance = (point - pos).manhattanLength()
            if distance <= nearest:
                best, nearest = i, distance
        return best

    def keyPressEvent(self, event: QKeyEvent) -> None:
        f = self.forecast
        count = len(f.cuts) if f is not None else 0
        key = Qt.Key(event.key())
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
        if not count or key not in (*moves, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = count - 1
        elif self.selected is None:
            index = count - 1 if moves[key] < 0 else 0
        else:
            index = min(max(self.selected + moves[key], 0), count - 1)
        self.select(index)

    def select(self, index: int) -> None:
        """Put the keyboard on a cut: drawn bigger, its text as tooltip and accessible description."""
        self.selected = index
        text = self.point_text(index)
        self.setAccessibleDescription(text)
        QToolTip.showText(self.mapToGlobal(self._cut_points()[index].toPoint()), text, self)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        QToolTip.hideText()
        self.update()
        super().focusOutEvent(event)


class CutCurve(QWidget):
    """The summary line ("About 7 more helpers …") over the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("forecastText")
        self.summary.setWordWrap(True)
        self.chart = CutChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)

    def set_forecast(self, forecast: BargainForecast | None) -> None:
        self.chart.set_forecast(forecast)
        self.summary.setText(self.summary_text(forecast))
        self.summary.setVisible(bool(self.summary.text()))
        self.chart.setAccessibleDescription(f"{self.chart.describe()}. {self.summary.text()}")

    def summary_text(self, f: BargainForecast | None) -> str:
        if f is None:
            return ""
        sure = {"low": self.tr("a rough guess"), "medium": self.tr("fairly sure"), "high": self.tr("quite sure")}
        learned = self.tr("learned from {count} of your bargains, {sure}").format(
            count=f.learned_from, sure=sure.get(f.confidence, ""))
        if f.state == "forecast" and f.more is not None:
            if f.high is None:
                likely = self.tr("likely {low} or more").format(low=f.low)
            elif f.low != f.high:
                likely = self.tr("likely {low}–{high}").format(low=f.low, high=f.high)
            else:  # every pace learned gives the same number
                likely = self.tr("every pace seen gives the same")
            if f.more == 1:
                return self.tr("About 1 more helper ({likely}; {learned})").format(likely=likely, learned=learned)
            return self.tr("About {count} more helpers ({likely}; {learned})").format(
                count=f.more, likely=likely, learned=learned)
        if f.state == "too_far":
            return self.tr("More than {count} more helpers at this pace ({learned})").format(
                count=MAX_MORE, learned=learned)
        if f.state == "reached":
            return self.tr("Target price reached: no more helpers needed.")
        if f.state == "no_cuts":
            return self.tr("No cuts yet: the forecast of helpers still needed starts with the first cut.")
        if f.state == "no_history":
            return self.tr("No forecast yet: it learns from your finished bargains with three cuts or more, and "
                           "there are none yet.")
        if f.state == "not_mine":
            return self.tr("No forecast for someone else's bargain: only the cuts you know of are logged.")
        return self.tr("No forecast: this bargain has no target price.")
