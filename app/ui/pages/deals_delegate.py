"""The Deals list's progress column for a bargain: a small bar of what has been cut of the whole cut its target
asks for (original → target, the fill up to the current price), and the share cut beside it.

Painted with the view's palette, so it reads in the light and the dark theme alike: the track is the text colour
faint, the fill the selection colour (green once the target is reached, grey for a closed deal), and on a selected
row both take the selected text's colour. Other kinds of deal show the model's text ("Needs 1 more").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.deal_values import Progress, cut_progress
from app.ui.parts import POSITIVE_COLOR, ROW_ROLE

Index = QModelIndex | QPersistentModelIndex

BAR_HEIGHT = 8
BAR_MIN_WIDTH = 30
GAP = 6


def bar_progress(index: Index) -> Progress | None:
    """The cut progress the delegate paints for this cell, None when it shows text instead."""
    row = index.data(ROW_ROLE)
    if not isinstance(row, dict) or row.get("kind") != "bargain":
        return None
    return cut_progress(row)


def share_text(progress: Progress) -> str:
    """What the bar's end says: the share cut ("97%"), a tick once the target is reached."""
    if progress.reached:
        return "✓"
    return f"{progress.done * 100 // max(progress.total, 1)}%"


class CutBarDelegate(QStyledItemDelegate):
    """Paints a bargain's cut bar and its share in the progress column; anything else as text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        progress = bar_progress(index)
        if progress is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        share = share_text(progress)
        opt.text = ""  # the background, the selection and the focus frame as for any cell; the rest is ours
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        row = index.data(ROW_ROLE)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        track = QColor(text_colour)
        track.setAlphaF(0.18)
        if selected:
            fill = QColor(text_colour)
        elif row.get("status") != "open" or row.get("archived"):
            fill = palette.color(QPalette.ColorRole.PlaceholderText)
        elif progress.reached:
            fill = QColor(POSITIVE_COLOR)
        else:
            fill = palette.color(QPalette.ColorRole.Highlight)

        rect = opt.rect.adjusted(GAP, 0, -GAP, 0)
        metrics = opt.fontMetrics
        # The same room for "7%" as for "100%": the bars of a column line up.
        text_width = min(metrics.horizontalAdvance("100%") + 1, max(rect.width() - BAR_MIN_WIDTH - GAP, 0))
        bar_width = max(rect.width() - text_width - GAP, 0)
        bar = QRectF(rect.left(), rect.center().y() - BAR_HEIGHT / 2 + 1, bar_width, BAR_HEIGHT)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        done = min(progress.done, progress.total) / progress.total if progress.total else 1.0
        if done > 0:
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), max(bar.width() * done, BAR_HEIGHT), BAR_HEIGHT),
                                    BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        if text_width:
            painter.setPen(text_colour)
            painter.setFont(opt.font)
            text_rect = rect.adjusted(rect.width() - text_width, 0, 0, 0)
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), share)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        if bar_progress(index) is None:
            return hint
        return QSize(2 * BAR_MIN_WIDTH + option.fontMetrics.horizontalAdvance("100%") + 3 * GAP, hint.height())
