"""The Badges page: every achievement as its badge art, earned ones in colour, hidden ones as ??? until earned."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import current_language
from app.quests.schema import Achievement
from app.ui.changes import BADGES, GAME
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

ICON_PX = 96
LOAD_BUDGET = 0.02  # seconds of drawing in a load; a badge's art takes ~40 ms, its cached file ~0.05 ms
MYSTERY = Achievement.model_validate({
    "id": "mystery", "title": {"en": "???", "zh_CN": "？？？"}, "description": {"en": "A hidden achievement"},
    "metric": {"event": "help.given"}, "tiers": [1], "glyph": "?",
})
CACHE = ("cache", "badges")


def badge_art(services: Services, lang: str, badge: dict[str, Any]) -> str | None:
    """The cached art of the badge's earned tier, or its first (drawn into the data folder's cache when missing)."""
    from app.quests.badges import badge_path

    achievement = services.game.catalogue.achievement(badge["id"])
    if achievement is None:
        return None
    if badge["title"] is None:  # hidden and unearned: a mystery badge, its own art would spoil it
        achievement = MYSTERY
    folder = services.store.data_dir.joinpath(*CACHE)
    return str(badge_path(folder, achievement, max(1, badge["earned_tier"]), ICON_PX * 2, lang))


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


class BadgesPage(QWidget):
    """Achievements (成就) and their badges (徽章)."""

    AREAS = frozenset({GAME, BADGES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.images: dict[str, str] = {}  # badge id → the art shown (or to show) for it
        self._items: dict[str, tuple[QListWidgetItem, int]] = {}  # badge id → its item and earned tier
        self._shown = 0  # counts the lists shown, so late art finds its list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Badges")))
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.grid = QListWidget()
        self.grid.setAccessibleName(self.tr("Badges"))
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(ICON_PX, ICON_PX))
        self.grid.setGridSize(QSize(ICON_PX + 64, ICON_PX + 56))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setSpacing(8)
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

    def _tier_name(self, tier: int) -> str:
        names = [self.tr("bronze"), self.tr("silver"), self.tr("gold"), self.tr("platinum"), self.tr("diamond")]
        return names[tier - 1] if 1 <= tier <= len(names) else ""

    def set_data(self, data: dict[str, Any]) -> None:
        self._shown += 1  # art still being drawn for an earlier list goes to no item of this one
        self.images = dict(data["images"])
        self._items = {}
        badges = data["badges"]
        earned = sum(1 for b in badges if b["earned_tier"] > 0)
        text = self.tr("{earned} of {total} achievements earned")
        self.summary.setText(text.format(earned=earned, total=len(badges)))
        self.grid.clear()
        for badge in badges:
            title = badge["title"] or "???"
            tier = badge["earned_tier"]
            label = f"{title}\n{self._tier_name(tier)}" if tier else title
            item = QListWidgetItem(label)
            self._items[badge["id"]] = (item, tier)
            self._set_icon(badge["id"])
            next_at = next((t for t in badge["tiers"] if t > badge["progress"]), None)
            tip = [badge["description"] or self.tr("A hidden achievement: keep playing to find it.")]
            tip.append(self.tr("Progress: {value}").format(value=badge["progress"]))
            if next_at is not None:
                tip.append(self.tr("Next tier at {value}").format(value=next_at))
            item.setToolTip("\n".join(tip))
            state = self._tier_name(tier) or self.tr("not earned")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {state}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.grid.addItem(item)
        if data.get("later"):
            self._draw_later(data["later"], data["draw"])

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
