"""A badge in detail: its art large, its description, the progress to its next tier, and each tier with its
threshold and, once earned, when and by which activity (the fact that crossed the threshold)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.game_views import measure_text
from app.ui.format import local_datetime, money
from app.ui.models import ActivityTableModel
from app.ui.pages.badges import ICON_PX, tier_color
from app.ui.parts import help_kind_labels, tier_labels
from app.ui.text_style import DETAIL_HEADING, heading

ART_PX = ICON_PX * 2  # the art as the page's cache holds it, shown at its size
TIER_ICON_PX = 48
ABOUT_MIN_W = 360  # the column beside the art
MUTED = "color: palette(placeholder-text);"


class BadgeDetailDialog(QDialog):
    """One badge: art, description, the next tier's progress bar, and every tier with how it was earned."""

    def __init__(self, data: dict[str, Any], tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        detail = data["detail"]
        self.detail = detail
        self.tz = tz
        secret = detail["title"] is None
        title = self.tr("???") if secret else detail["title"]
        self.setWindowTitle(self.tr("Badge: {title}").format(title=title))
        self.setAccessibleName(self.windowTitle())
        labels = tier_labels()
        earned = int(detail["earned_tier"])

        art = QLabel()
        art.setFixedSize(ART_PX, ART_PX)
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if data.get("art") and Path(data["art"]).is_file():
            pixmap = QPixmap(data["art"])
            if not earned:
                pixmap = QIcon(pixmap).pixmap(QSize(ART_PX, ART_PX), QIcon.Mode.Disabled)
            art.setPixmap(pixmap)
        art.setAccessibleName(title)

        self.title_label = heading(title, DETAIL_HEADING * 1.2)
        self.title_label.setWordWrap(True)
        self.tier_label = QLabel()
        if secret:
            self.tier_label.setText(self.tr("Hidden"))
            self.tier_label.setStyleSheet(MUTED)
        elif earned:
            name = labels.get(detail["tier_names"][earned - 1], "")
            self.tier_label.setText(self.tr("{tier} · {earned} of {total} tiers").format(
                tier=name, earned=earned, total=len(detail["tiers"])))
            color = tier_color(earned)
            self.tier_label.setStyleSheet(f"color: {color.name()}; font-weight: bold;" if color else "")
        else:
            self.tier_label.setText(self.tr("Not earned yet"))
            self.tier_label.setStyleSheet(MUTED)
        self.description = QLabel(detail["description"] or self.tr("A hidden achievement: keep playing to find it."))
        self.description.setWordWrap(True)

        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Progress to the next tier"))
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.progress_label = QLabel()
        unit = detail.get("unit")
        step = detail.get("next")
        progress = int(detail["progress"])
        if secret:
            self.next_label.hide()
            self.bar.hide()
            self.progress_label.hide()
        elif step is None:
            self.next_label.setText(self.tr("Every tier earned."))
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.progress_label.setText(self.measure(progress, unit))
        else:
            threshold = int(step["threshold"])
            self.next_label.setText(self.tr("Next: {tier} at {threshold}").format(
                tier=labels.get(step["name"], ""), threshold=self.measure(threshold, unit)))
            self.bar.setRange(0, threshold)
            self.bar.setValue(min(progress, threshold))
            self.progress_label.setText(f"{measure_text(progress, unit)} / {measure_text(threshold, unit)}")
        self.bar.setAccessibleDescription(self.progress_label.text())

        about = QVBoxLayout()
        about.setSpacing(6)
        about.addWidget(self.title_label)
        about.addWidget(self.tier_label)
        about.addWidget(self.description)
        about.addSpacing(6)
        about.addWidget(self.next_label)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.progress_label)
        about.addLayout(bar_row)
        about.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(art, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column = QWidget()  # a width of its own: wrapped labels alone would let the column shrink to a word
        column.setLayout(about)
        column.setMinimumWidth(ABOUT_MIN_W)
        about.setContentsMargins(0, 0, 0, 0)
        top.addWidget(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addLayout(top)
        self.tier_rows: list[tuple[QLabel, QLabel, QLabel]] = []  # (name, threshold, how it was earned) by tier
        if detail["levels"]:
            layout.addSpacing(8)
            layout.addWidget(heading(self.tr("Tiers"), DETAIL_HEADING))
            layout.addWidget(self._tiers(detail, data.get("tier_art") or {}), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setDefault(True)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().expandedTo(QSize(640, 0)))
        if parent is not None:
            self.setMaximumHeight(max(360, parent.window().height() - 40))

    def measure(self, value: int, unit: str | None) -> str:
        """A threshold or a progress as read: ``¥100.00`` for money, ``30 days`` for a streak, ``1,000`` else."""
        if unit == "days":
            return self.tr("{count} days").format(count=f"{value:,}")
        return measure_text(value, unit)

    def _tiers(self, detail: dict[str, Any], art: dict[int, str | None]) -> QScrollArea:
        labels = tier_labels()
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(2, 1)
        for row, level in enumerate(detail["levels"]):
            tier = int(level["tier"])
            icon = QLabel()
            icon.setFixedSize(TIER_ICON_PX, TIER_ICON_PX)
            path = art.get(tier)
            if path and Path(path).is_file():
                mode = QIcon.Mode.Normal if level["earned"] else QIcon.Mode.Disabled
                icon.setPixmap(QIcon(QPixmap(path)).pixmap(QSize(TIER_ICON_PX, TIER_ICON_PX), mode))
            name = QLabel(labels.get(level["name"], ""))
            color = tier_color(tier)
            name.setStyleSheet(f"color: {color.name()}; font-weight: bold;" if color and level["earned"]
                               else "font-weight: bold; " + MUTED)
            threshold = QLabel(self.tr("Reach {threshold}").format(
                threshold=self.measure(int(level["threshold"]), detail.get("unit"))))
            how = QLabel(self.earned_text(level))
            how.setWordWrap(True)
            how.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not level["earned"]:
                how.setStyleSheet(MUTED)
            grid.addWidget(icon, 2 * row, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(name, 2 * row, 1)
            grid.addWidget(threshold, 2 * row, 2)
            grid.addWidget(how, 2 * row + 1, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            grid.setRowMinimumHeight(2 * row + 1, TIER_ICON_PX - name.sizeHint().height() + 6)
            self.tier_rows.append((name, threshold, how))
        area = QScrollArea()
        area.setWidget(box)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumHeight(min(box.sizeHint().height(), 3 * (TIER_ICON_PX + 8)))
        return area

    def earned_text(self, level: dict[str, Any]) -> str:
        """When a tier was earned, in the user's zone, and by what; or that it is still to earn."""
        if not level["earned"]:
            return self.tr("Not earned yet")
        when = local_datetime(level.get("at"), self.tz)
        fact = level.get("by")
        if fact is None:
            return self.tr("Earned {when}").format(when=when) if level.get("at") else self.tr("Earned")
        what = self.fact_text(fact)
        if level.get("quest"):
            return self.tr("Earned {when} by completing the quest “{quest}”: {fact}").format(
                when=when, quest=level["quest"], fact=what)
        return self.tr("Earned {when}: {fact}").format(when=when, fact=what)

    def fact_text(self, fact: dict[str, Any]) -> str:
        """A fact in a few words: "Bargain cut (¥3.24) for 小美 in 宝妈拼团群", "Joined a deal: 婴儿推车"."""
        contact, group, deal = fact.get("contact"), fact.get("group"), fact.get("deal")
        types = ActivityTableModel().type_labels()
        if fact["type"] in ("help.given", "help.received"):
            what = help_kind_labels().get(fact.get("kind") or "", types[fact["type"]])
            if fact.get("amount_fen"):
                what = self.tr("{kind} ({amount})").format(kind=what, amount=money(fact["amount_fen"]))
            if contact and group:
                return self.tr("{what} for {contact} in {group}").format(what=what, contact=contact, group=group)
            if contact:
                return self.tr("{what} for {contact}").format(what=what, contact=contact)
        else:
            what = types.get(fact["type"], fact["type"])
            name = deal or contact
            if name and group:
                return self.tr("{what}: {name} in {group}").format(what=what, name=name, group=group)
            if name:
                return self.tr("{what}: {name}").format(what=what, name=name)
        if group:
            return self.tr("{what} in {group}").format(what=what, group=group)
        return what
