"""The Quests page: level and points, then every quest chain with its steps and progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.quests.levels import points_for_level
from app.services.game_views import step_progress
from app.ui.changes import GAME, LEVEL, POINTS, QUESTS
from app.ui.format import count_text
from app.ui.text_style import heading
from app.ui.theme import colour

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

STATUS_COLOURS = {"done": "positive", "active": "accent", "locked": "muted"}  # app.ui.theme.colour: follow the theme
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's status (done, active, locked) in the status column


class QuestsPage(QWidget):
    """Quest chains (任务链), daily and weekly quests, with what is done and what is next."""

    AREAS = frozenset({GAME, QUESTS, POINTS, LEVEL})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Quests")))
        self.level_label = QLabel(self.tr("Level 1"))
        self.level_label.setAccessibleName(self.tr("Level and points"))
        layout.addWidget(self.level_label)
        self.level_bar = QProgressBar()
        self.level_bar.setAccessibleName(self.tr("Progress to the next level"))
        self.level_bar.setTextVisible(True)
        layout.addWidget(self.level_bar)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Quest chains"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Quest"), self.tr("Status"), self.tr("Progress")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx

    def load(self, services: Services) -> dict[str, Any]:
        """Runs in the database thread."""
        lang = current_language()
        # score(): level and points only; points() would read the whole points ledger (slow on a long history).
        return {"chains": services.game.quests(lang), "points": services.game.score()}

    def _status(self, status: str) -> str:
        return {"done": self.tr("Done"), "active": self.tr("In progress"), "locked": self.tr("Locked")}[status]

    def set_data(self, data: dict[str, Any]) -> None:
        points = data["points"]
        text = self.tr("Level {level} · {points} points · next level at {next}").format(
            level=points["level"], points=count_text(points["points"]), next=count_text(points["next_level_at"]))
        if points.get("own_points"):  # the user's own packs: shown apart, never toward the level
            text += " · " + self.tr("your own quests: {points} points").format(points=count_text(points["own_points"]))
        self.level_label.setText(text)
        start = points_for_level(points["level"])  # the bar shows the way through the current level
        self.level_bar.setRange(0, max(1, points["next_level_at"] - start))
        self.level_bar.setValue(max(0, min(points["points"], points["next_level_at"]) - start))
        expanded = {self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                    for i in range(self.tree.topLevelItemCount()) if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for chain in data["chains"]:
            # Not "Daily" again after "Daily: Bargain Buddy": when it starts over.
            repeats = {"daily": self.tr("resets daily"), "weekly": self.tr("resets weekly")}
            repeat = repeats.get(chain["repeat"] or "", "")
            title = f"{chain['title']}  ·  {repeat}" if repeat else chain["title"]
            done_steps = sum(1 for s in chain["steps"] if s["status"] == "done")
            item = QTreeWidgetItem([title, self._status(chain["status"]), f"{done_steps}/{len(chain['steps'])}"])
            item.setData(0, Qt.ItemDataRole.UserRole, chain["id"])
            item.setFont(0, bold)
            item.setData(1, STATUS_ROLE, chain["status"])
            item.setToolTip(0, chain["story"] + ("\n\n" + chain["locked_reason"] if chain["locked_reason"] else ""))
            if chain["locked_reason"]:
                # Said on a line of its own under the chain: in the status column it took the width of the titles.
                reason = QTreeWidgetItem([chain["locked_reason"]])
                reason.setFlags(Qt.ItemFlag.ItemIsEnabled)
                reason.setForeground(0, QBrush(colour(STATUS_COLOURS["locked"])))
                item.addChild(reason)
                item.setToolTip(1, chain["locked_reason"])
            for step in chain["steps"]:
                child = QTreeWidgetItem([step["title"], self._status(step["status"]), step_progress(step)])
                child.setData(1, STATUS_ROLE, step["status"])
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            if chain["locked_reason"]:
                item.child(0).setFirstColumnSpanned(True)  # only once in the tree
            item.setExpanded(chain["id"] in expanded or chain["status"] == "active")
        self.follow_theme()

    def follow_theme(self) -> None:
        """Each status in its colour, in the theme's shade (again after a change of theme: app.ui.theme)."""
        items = QTreeWidgetItemIterator(self.tree)
        while (item := items.value()) is not None:
            status = item.data(1, STATUS_ROLE)
            if status in STATUS_COLOURS:
                item.setForeground(1, QBrush(colour(STATUS_COLOURS[status])))
            items += 1

