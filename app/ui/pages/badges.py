"""The Badges page: every achievement as a tile (its badge art, earned ones in colour, hidden ones as ??? until
earned; its tier and its progress to the next one), the tiles spread over the page's width; a click, Enter or Space
opens the badge's detail (:mod:`app.ui.pages.badge_detail`)."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPixmap, QResizeEvent, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.quests.schema import TIER_NAMES, Achievement
from app.services.game_badges import next_tier
from app.services.game_views import measure_text
from app.ui.changes import BADGES, GAME
from app.ui.context import spawn_if_attached
from app.ui.parts import POSITIVE_COLOR, tier_labels
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext
    from app.ui.pages.badge_detail import BadgeDetailDialog

ICON_PX = 96
LOAD_BUDGET = 0.02  # seconds of drawing in a load; a badge's art takes ~40 ms, its cached file ~0.05 ms
MYSTERY = Achievement.model_validate({
    "id": "mystery", "title": {"en": "???", "zh_CN": "？？？"}, "description": {"en": "A hidden achievement"},
    "metric": {"event": "help.given"}, "tiers": [1], "glyph": "?",
})
CACHE = ("cache", "badges")

TILE_W = 176  # a tile's least width: the grid has as many columns as fit, spread evenly over the width
PAD = 10  # inside a tile, around what it shows: nothing is drawn against the frame
INSET = 4  # between a tile's cell and its highlight
BAR_H = 6
BAR_MAX_W = 120
TILE_ROLE = Qt.ItemDataRole.UserRole + 3  # the tile's texts and progress (a Tile)
# Each tier's colour, readable on light and dark backgrounds alike (bronze … diamond).
TIER_COLORS = ("#b0703c", "#7f8c95", "#c39a12", "#3f97a8", "#4a7fe0")


@dataclass(frozen=True)
class Tile:
    """What one tile shows: its title, its tier (``level`` 0: none yet), and its progress to the next tier."""

    badge_id: str
    title: str
    tier: str
    level: int
    progress: str  # "7 / 10", "¥7.50 / ¥10.00"; "" for a hidden badge
    fraction: float | None  # how far to the next tier (1.0: every tier earned); None: no bar


def tier_color(level: int) -> QColor | None:
    return QColor(TIER_COLORS[level - 1]) if 1 <= level <= len(TIER_COLORS) else None


def badge_art(services: Services, lang: str, badge: dict[str, Any]) -> str | None:
    """The cached art of the badge's earned tier, or its first (drawn into the data folder's cache when missing)."""
    return tier_art(services, lang, badge, max(1, badge["earned_tier"]), ICON_PX * 2)


def tier_art(services: Services, lang: str, badge: dict[str, Any], tier: int, size: int) -> str | None:
    """The cached art of one tier of a badge at ``size`` px (a hidden badge not earned: the mystery badge's)."""
    from app.quests.badges import badge_path

    achievement = services.game.catalogue.achievement(badge["id"])
    if achievement is None:
        return None
    if badge["title"] is None:  # hidden and unearned: a mystery badge, its own art would spoil it
        achievement, tier = MYSTERY, 1
    folder = services.store.data_dir.joinpath(*CACHE)
    return str(badge_path(folder, achievement, tier, size, lang))


def badge_images(services: Services, badges: list[dict[str, Any]], lang: str, *,
                 budget: float | None = None) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The art of each badge (see :func:`badge_art`) by badge id; with a ``budget`` (seconds), the badges left once
    it is spent come back undrawn. Art in the cache takes microseconds; drawing one takes tens of milliseconds."""
    started = time.perf_counter()
    paths: dict[str, str] = {}
    later: list[dict[str, Any]] = []
    for badge in badges:
        if budget is not None and time.perf_counter() - started > budget:
            later.append(badge)
            continue
        path = badge_art(services, lang, badge)
        if path is not None:
            paths[badge["id"]] = path
    return paths, later


def progress_text(badge: dict[str, Any]) -> str:
    """The progress toward the next tier as read: ``7 / 10``, ``¥7.50 / ¥10.00`` (money in yuan), digits grouped."""
    unit = badge.get("unit")
    step = next_tier(badge)
    value = measure_text(int(badge["progress"]), unit)
    return value if step is None else f"{value} / {measure_text(int(step['threshold']), unit)}"


def progress_fraction(badge: dict[str, Any]) -> float | None:
    """How far the badge is to its next tier (1.0 when every tier is earned); None for a hidden one."""
    if not badge["tiers"]:
        return None
    step = next_tier(badge)
    if step is None:
        return 1.0
    return max(0.0, min(1.0, int(badge["progress"]) / max(1, int(step["threshold"]))))


class BadgeDelegate(QStyledItemDelegate):
    """Paints a tile: the art, the title (two lines at most), the tier, a thin bar and the progress in words."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        return base, bold, small

    def tile_height(self, option: QStyleOptionViewItem) -> int:
        return self.parts(QRect(0, 0, TILE_W, 0), option)["progress"].bottom() + 1 + PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(TILE_W - 2 * INSET, self.tile_height(option))

    def parts(self, rect: QRect, option: QStyleOptionViewItem) -> dict[str, QRect]:
        """Where a tile in ``rect`` draws each part: ``art``, ``title`` (two lines), ``tier``, ``bar`` (its track)
        and ``progress``."""
        base, bold, small = self._fonts(option)
        width, left = rect.width() - 2 * PAD, rect.left() + PAD
        art = QRect(rect.center().x() - ICON_PX // 2 + 1, rect.top() + PAD, ICON_PX, ICON_PX)
        title = QRect(left, art.bottom() + 1 + 6, width, 2 * QFontMetrics(bold).lineSpacing())
        tier = QRect(left, title.bottom() + 1, width, QFontMetrics(base).lineSpacing())
        bar_w = min(width, BAR_MAX_W)
        bar = QRect(rect.center().x() - bar_w // 2 + 1, tier.bottom() + 1 + 6, bar_w, BAR_H)
        progress = QRect(left, bar.bottom() + 1 + 4, width, QFontMetrics(small).lineSpacing())
        return {"art": art, "title": title, "tier": tier, "bar": bar, "progress": progress}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        tile = index.data(TILE_ROLE)
        if not isinstance(tile, Tile):
            super().paint(painter, option, index)
            return
        palette, state, rect = option.palette, option.state, QRect(option.rect)
        parts = self.parts(rect, option)
        base, bold, small = self._fonts(option)
        text = palette.color(palette.ColorRole.Text)
        highlight = palette.color(palette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(INSET, INSET, -INSET, -INSET)
        lit = 50 if state & QStyle.StateFlag.State_Selected else 22 if state & QStyle.StateFlag.State_MouseOver else 0
        if lit:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(highlight.red(), highlight.green(), highlight.blue(), lit))
            painter.drawRoundedRect(card, 10, 10)
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(highlight)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 10, 10)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, parts["art"])
        painter.setFont(bold)
        painter.setPen(text)
        area = parts["title"]
        line_h = QFontMetrics(bold).lineSpacing()
        lines = _wrapped(tile.title, bold, area.width(), 2)
        y = area.top() + (2 - len(lines)) * line_h // 2  # one line sits in the middle of the two kept for it
        for line in lines:
            painter.drawText(QRect(area.left(), y, area.width(), line_h), Qt.AlignmentFlag.AlignHCenter, line)
            y += line_h
        painter.setFont(base)
        painter.setPen(tier_color(tile.level) or palette.color(palette.ColorRole.PlaceholderText))
        painter.drawText(parts["tier"], Qt.AlignmentFlag.AlignHCenter,
                         QFontMetrics(base).elidedText(tile.tier, Qt.TextElideMode.ElideRight, parts["tier"].width()))
        if tile.fraction is not None:
            track = parts["bar"]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(text.red(), text.green(), text.blue(), 40))
            painter.drawRoundedRect(track, BAR_H / 2, BAR_H / 2)
            done = round(track.width() * tile.fraction)
            if done > 0:
                painter.setBrush(POSITIVE_COLOR if tile.fraction >= 1.0 else highlight)
                painter.drawRoundedRect(QRect(track.left(), track.top(), max(done, BAR_H), BAR_H), BAR_H / 2,
                                        BAR_H / 2)
        painter.setFont(small)
        painter.setPen(text)
        painter.drawText(parts["progress"], Qt.AlignmentFlag.AlignHCenter, QFontMetrics(small).elidedText(
            tile.progress, Qt.TextElideMode.ElideRight, parts["progress"].width()))
        painter.restore()


def _wrapped(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` broken into lines of ``width`` px, ``most`` of them at most (the last one elided if it goes on)."""
    layout = QTextLayout(text, font)
    lines: list[str] = []
    rest = 0
    layout.beginLayout()
    while len(lines) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart(): line.textStart() + line.textLength()].strip())
        rest = line.textStart() + line.textLength()
    layout.endLayout()
    if lines and rest < len(text):
        lines[-1] = QFontMetrics(font).elidedText(lines[-1] + "…" + text[rest:], Qt.TextElideMode.ElideRight, width)
    return lines


class BadgeGrid(QListWidget):
    """The tiles, as many columns as fit in the width (spread evenly, recomputed on every resize); a click, Enter
    or Space on a tile asks for its detail (``opened``)."""

    opened = Signal(str)  # a badge's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = BadgeDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setMouseTracking(True)  # the tile under the mouse is lit
        self.clicked.connect(self._open)
        self.activated.connect(self._open)  # Enter; a double click (its first click opened it already)
        self.reflow()

    def reflow(self) -> None:
        """As many columns as tiles of :data:`TILE_W` fit in the viewport, the width shared evenly between them."""
        width = self.layout_width()
        columns = max(1, width // TILE_W)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        # Qt wraps a row that reaches the width's last pixel: the cells share one pixel less than the width.
        size = QSize(max(TILE_W, (width - 1) // columns), self.delegate.tile_height(option))
        if size != self.gridSize():
            self.setGridSize(size)

    def layout_width(self) -> int:
        """The width Qt lays the tiles out in: the viewport's, less a scroll bar's while none shows (QListView keeps
        room for one that may come)."""
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        if not bar.isVisible() and self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        return width

    def columns(self) -> int:
        return max(1, self.layout_width() // max(1, self.gridSize().width()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # the viewport's size (scroll bars come and go)
        super().resizeEvent(event)
        self.reflow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            self._open(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        item = self.item(index.row()) if index.isValid() else None
        tile = item.data(TILE_ROLE) if item is not None else None
        if isinstance(tile, Tile):
            self.opened.emit(tile.badge_id)


def load_detail(services: Services, badge_id: str, lang: str) -> dict[str, Any]:
    """Runs in the database thread: the badge's detail (:meth:`GameService.badge_detail`), the art of its earned
    tier (or its first) large, and each tier's art small (``tier_art``, by tier)."""
    from app.ui.pages.badge_detail import TIER_ICON_PX

    detail = services.game.badge_detail(badge_id, lang)
    tiers = {level["tier"]: tier_art(services, lang, detail, level["tier"], TIER_ICON_PX * 2)
             for level in detail["levels"]}
    return {"detail": detail, "art": badge_art(services, lang, detail), "tier_art": tiers}


class BadgesPage(QWidget):
    """Achievements (成就) and their badges (徽章)."""

    AREAS = frozenset({GAME, BADGES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.images: dict[str, str] = {}  # badge id → the art shown (or to show) for it
        self._items: dict[str, tuple[QListWidgetItem, int]] = {}  # badge id → its item and earned tier
        self._shown = 0  # counts the lists shown, so late art finds its list
        self.detail: BadgeDetailDialog | None = None  # the badge detail open, if any
        self._opening = False  # a detail is being read or shown: another click waits for it to close
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Badges")))
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.grid = BadgeGrid()
        self.grid.setAccessibleName(self.tr("Badges"))
        self.grid.opened.connect(self.open_detail)
        layout.addWidget(self.grid, 1)

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx

    def load(self, services: Services) -> dict[str, Any]:
        """Runs in the database thread: the badges, and their art as far as it is cached or drawn within
        :data:`LOAD_BUDGET`; ``draw`` draws the rest one by one after the page shows (the first time, the art of
        every badge takes a second or more, and the page would wait for it)."""
        lang = current_language()
        badges = services.game.badges(lang)
        images, later = badge_images(services, badges, lang, budget=LOAD_BUDGET)
        return {"badges": badges, "images": images, "later": later,
                "draw": functools.partial(badge_art, services, lang)}

    def tier_name(self, tier: int) -> str:
        """A tier by its number (1 = Bronze), as the user reads it."""
        return tier_labels().get(TIER_NAMES[tier - 1], "") if 1 <= tier <= len(TIER_NAMES) else ""

    def tile(self, badge: dict[str, Any]) -> Tile:
        """What a badge's tile shows."""
        tier = int(badge["earned_tier"])
        if badge["title"] is None:
            return Tile(badge["id"], self.tr("???"), self.tr("Hidden"), 0, "", None)
        state = self.tier_name(tier) if tier else self.tr("Not earned yet")
        return Tile(badge["id"], badge["title"], state, tier, progress_text(badge), progress_fraction(badge))

    def set_data(self, data: dict[str, Any]) -> None:
        self._shown += 1  # art still being drawn for an earlier list goes to no item of this one
        self.images = dict(data["images"])
        self._items = {}
        badges = data["badges"]
        earned = sum(1 for b in badges if b["earned_tier"] > 0)
        text = self.tr("{earned} of {total} achievements earned")
        self.summary.setText(text.format(earned=earned, total=len(badges)))
        current = self.grid.currentItem()
        current_id = current.data(TILE_ROLE).badge_id if current is not None else None
        self.grid.clear()
        for badge in badges:
            tile = self.tile(badge)
            item = QListWidgetItem(tile.title)
            item.setData(TILE_ROLE, tile)
            self._items[badge["id"]] = (item, tile.level)
            self._set_icon(badge["id"])
            step = next_tier(badge)
            tip = [badge["description"] or self.tr("A hidden achievement: keep playing to find it.")]
            if step is not None:
                tip.append(self.tr("Next tier: {tier} at {value}").format(
                    tier=self.tier_name(step["tier"]), value=measure_text(step["threshold"], badge.get("unit"))))
            item.setToolTip("\n".join(tip))
            spoken = [tile.title, tile.tier, tile.progress]
            item.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(part for part in spoken if part))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip[0])
            self.grid.addItem(item)
            if badge["id"] == current_id:
                self.grid.setCurrentItem(item)  # a reload keeps the keyboard's place
        if data.get("later"):
            self._draw_later(data["later"], data["draw"])

    def open_detail(self, badge_id: str) -> None:
        """Show a badge's detail (read in the database thread); one at a time."""
        if self._opening:
            return
        if self.ctx is None:
            return
        self._opening = True
        spawn_if_attached(self, functools.partial(self._show_detail, badge_id), "badge detail")

    async def _show_detail(self, badge_id: str) -> None:
        from app.ui.dialogs import answered
        from app.ui.pages.badge_detail import BadgeDetailDialog

        assert self.ctx is not None
        try:
            data = await self.ctx.read(load_detail, self.ctx.services, badge_id, current_language())
            self.detail = BadgeDetailDialog(data, self.ctx.services.clock.tz, self)
            await answered(self.detail, lambda _result: None)
        finally:
            self.detail = None
            self._opening = False

    def _set_icon(self, badge_id: str) -> None:
        item, tier = self._items[badge_id]
        path = self.images.get(badge_id)
        if path and Path(path).is_file():
            icon = QIcon(QPixmap(path))
            if tier == 0:
                icon = QIcon(icon.pixmap(QSize(ICON_PX, ICON_PX), QIcon.Mode.Disabled))
            item.setIcon(icon)

    def _draw_later(self, badges: list[dict[str, Any]], draw: Callable[[dict[str, Any]], str | None]) -> None:
        """Draw the art the load left, one badge per turn of the database thread, each icon set as it comes."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            running = False
        else:
            running = True
        if self.ctx is None or not running:  # no window around it (a test, the screenshots): draw it here
            for badge in badges:
                self._art_drawn(badge["id"], draw(badge))
            return
        self.ctx.runner.spawn(self._draw_in_turn(self.ctx, self._shown, badges, draw), name="badge art")

    async def _draw_in_turn(self, ctx: PageContext, shown: int, badges: list[dict[str, Any]],
                            draw: Callable[[dict[str, Any]], str | None]) -> None:
        for badge in badges:
            if shown != self._shown:
                return  # a newer list is shown: it draws what it still misses
            path = await ctx.read(draw, badge)  # one at a time: other database work never waits long
            if shown == self._shown:
                self._art_drawn(badge["id"], path)

    def _art_drawn(self, badge_id: str, path: str | None) -> None:
        if path is not None:
            self.images[badge_id] = path
            self._set_icon(badge_id)
