"""The Badges page: every achievement as its badge art, earned ones in colour, hidden ones as ??? until earned."""

from __future__ import annotations

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
MYSTERY = Achievement.model_validate({
    "id": "mystery", "title": {"en": "???", "zh_CN": "？？？"}, "description": {"en": "A hidden achievement"},
    "metric": {"event": "help.given"}, "tiers": [1], "glyph": "?",
})
CACHE = ("cache", "badges")


def badge_images(services: Services, badges: list[dict[str, Any]], lang: str) -> dict[str, str]:
    """Draw (or reuse from the data folder's cache) the art of each badge's earned tier, or its first."""
    from app.quests.badges import badge_path

    catalogue = services.game.catalogue
    folder = services.store.data_dir.joinpath(*CACHE)
    paths: dict[str, str] = {}
    for badge in badges:
        achievement = catalogue.achievement(badge["id"])
        if achievement is None:
            continue
        if badge["title"] is None:  # hidden and unearned: a mystery badge, its own art would spoil it
            achievement = MYSTERY
        tier = max(1, badge["earned_tier"])
        paths[badge["id"]] = str(badge_path(folder, achievement, tier, ICON_PX * 2, lang))
    return paths


class BadgesPage(QWidget):
    """Achievements (成就) and their badges (徽章)."""

    AREAS = frozenset({GAME, BADGES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
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
        """Runs in the database thread; draws missing badge art into the cache."""
        lang = current_language()
        badges = services.game.badges(lang)
        return {"badges": badges, "images": badge_images(services, badges, lang)}

    def _tier_name(self, tier: int) -> str:
        names = [self.tr("bronze"), self.tr("silver"), self.tr("gold"), self.tr("platinum"), self.tr("diamond")]
        return names[tier - 1] if 1 <= tier <= len(names) else ""

    def set_data(self, data: dict[str, Any]) -> None:
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
            path = data["images"].get(badge["id"])
            if path and Path(path).is_file():
                pixmap = QPixmap(path)
                icon = QIcon(pixmap)
                if tier == 0:
                    icon = QIcon(icon.pixmap(QSize(ICON_PX, ICON_PX), QIcon.Mode.Disabled))
                item.setIcon(icon)
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
