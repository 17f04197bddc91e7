"""A non-modal notification in the window's bottom-right corner: what was saved, what it earned, and Undo."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QEnterEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.quests.fairplay import held_back_text
from app.quests.schema import DEFAULT_TIER_POINTS
from app.ui.format import count_text
from app.ui.parts import tier_labels, translate
from app.ui.setting_keys import quiet_now
from app.ui.theme import is_dark

if TYPE_CHECKING:
    from app.services.base import OpResult
    from app.ui.context import PageContext

TIMEOUT_MS = 6000
MARGIN = 16
WIDTH = 380
ART_PX = 64  # the badge's art on the card; drawn from the Badges page's cached picture (app.ui.pages.badges)
ART_SOURCE_PX = 192  # the size the Badges page caches: the same file serves both
Line = tuple[str, str] | tuple[str, str, str]  # (mark, text) or (mark, text, points: "+40")
# The card's colours on a light window (False) and on a dark one (True): text at 4.5:1 or more on the card.
TOAST_COLOURS = {
    False: {"card": "#2b2d31", "border": "#4a4d55", "text": "#f1f1f3", "line": "#d6d7db", "accent": "#8ab4ff",
            "edge": "#5a6a8a", "hover": "#3a3f4b", "close": "#c4c5ca"},
    True: {"card": "#ececf0", "border": "#c4c6cc", "text": "#1b1b1f", "line": "#3a3b40", "accent": "#1a56b0",
           "edge": "#8ea3c8", "hover": "#dcdde3", "close": "#4a4b50"},
}


class Toast(QWidget):
    """A frameless card laid over its parent window for a few seconds; hovering or focusing it keeps it."""

    undone = Signal(object)  # the OpResult of the undo
    dismissed = Signal()

    def __init__(self, parent: QWidget, ctx: PageContext | None = None, *, timeout_ms: int = TIMEOUT_MS) -> None:
        """``ctx``: runs the undo write (through its runner); fill the card with :meth:`set_content`."""
        super().__init__(parent)
        self.ctx = ctx
        self._undo: Callable[[], Awaitable[Any]] | None = None
        self._timeout_ms = timeout_ms
        self.undo_task: asyncio.Task[Any] | None = None
        self.closed = False
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)  # never takes the focus or the window
        self.setAccessibleName(self.tr("Notification"))
        self._build()
        self._connect()
        parent.installEventFilter(self)

    def _build(self) -> None:
        self.message_label = QLabel()
        self.message_label.setObjectName("toastMessage")
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.close_button = QPushButton("×")
        self.close_button.setObjectName("toastClose")
        self.close_button.setAccessibleName(self.tr("Close notification"))
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setFixedSize(24, 24)
        self.art_label = QLabel()
        self.art_label.setObjectName("toastArt")
        self.art_label.setFixedSize(ART_PX, ART_PX)
        self.art_label.setVisible(False)
        self.art = QPixmap()  # the badge shown (null: none)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.message_label, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self.line_labels: list[QLabel] = []
        self.points_labels: list[QLabel] = []
        self._marks: list[QLabel] = []
        self.lines_box = QGridLayout()
        self.lines_box.setHorizontalSpacing(8)
        self.lines_box.setVerticalSpacing(3)
        self.lines_box.setColumnStretch(1, 1)

        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("toastUndo")
        self.undo_button.setAccessibleName(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo (Ctrl+Z)"))
        self.undo_button.setVisible(False)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.undo_button)

        card = QFrame()
        card.setObjectName("toastCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(16, 12, 12, 10)
        inner.setSpacing(6)
        inner.addLayout(top)
        body = QHBoxLayout()
        body.setSpacing(10)
        body.addWidget(self.art_label, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self.lines_box, 1)
        inner.addLayout(body)
        inner.addLayout(bottom)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        self.follow_theme()
        self.setFixedWidth(WIDTH)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self._timeout_ms)
        self.undo_shortcut = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z), self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_shortcut.setEnabled(False)

    def follow_theme(self) -> None:
        """A card in the inverse of the window's colours, like a system notification: dark on a light window, light
        on a dark one; the focused button gets a clear ring. Again after a change of theme (app.ui.theme)."""
        c = TOAST_COLOURS[is_dark(QApplication.palette())]
        sheet = (
            f"QFrame#toastCard {{ background: {c['card']}; border: 1px solid {c['border']}; border-radius: 10px; }}"
            f"QLabel {{ color: {c['text']}; background: transparent; }}"
            f"QLabel#toastLine {{ color: {c['line']}; }}"
            f"QLabel#toastPoints {{ color: {c['accent']}; font-weight: bold; }}"
            f"QPushButton#toastUndo {{ color: {c['accent']}; background: transparent; border: 1px solid {c['edge']};"
            " border-radius: 6px; padding: 4px 14px; font-weight: bold; }"
            f"QPushButton#toastUndo:hover {{ background: {c['hover']}; }}"
            f"QPushButton#toastClose {{ color: {c['close']}; background: transparent; border: none;"
            " border-radius: 12px; font-size: 16px; }"
            f"QPushButton#toastClose:hover {{ background: {c['hover']}; }}"
            f"QPushButton#toastUndo:focus {{ border: 2px solid {c['accent']}; background: {c['hover']}; }}"
            f"QPushButton#toastClose:focus {{ border: 2px solid {c['accent']}; }}"
        )
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def _connect(self) -> None:
        self.timer.timeout.connect(self.dismiss)
        self.close_button.clicked.connect(self.dismiss)
        self.undo_button.clicked.connect(self.on_undo_clicked)
        self.undo_shortcut.activated.connect(self.on_undo_clicked)

    # -- building from a service result -----------------------------------------------------------------

    @staticmethod
    def show_result(parent_window: QWidget, ctx: PageContext, result: OpResult, *,
                    timeout_ms: int = TIMEOUT_MS, settings: QSettings | None = None) -> Toast | None:
        """Show what one quick-log write did and earned, with Undo and the art of a badge it earned; replaces a
        toast already showing. In the quiet hours nothing pops up: the news goes to the status bar (None)."""
        for old in parent_window.findChildren(Toast):
            if not old.closed:
                old.dismiss()
        request = result.entity_type == "request"
        delete = ctx.services.requests.delete if request else ctx.services.helps.delete
        entity_id = str(result.entity_id)

        async def undo() -> OpResult | None:
            # An Undo (History leaves out the entry and its undoing); the toast tells what it took back itself.
            return await ctx.write(delete, entity_id, undo=True, parent=parent_window, initiator=toast)

        toast = Toast(parent_window, ctx, timeout_ms=timeout_ms)
        # translate(), not toast.tr(): lupdate files a call on a variable under the variable's name, not the class.
        message = translate("Toast", "Request logged") if request else translate("Toast", "Help logged")
        lines = toast.game_lines(ctx, result.game) + toast.loss_lines(ctx, result.news.lost)
        if logged_late(result.record):
            lines.append(("⏱", translate("Toast", "Logged late (over two days back): it counts in your ledger and "
                                                  "history, not for daily quests or streaks.")))
        rules = ctx.services.game.catalogue.rules
        lines += [("ⓘ", held_back_text(why, rules)) for why in result.news.held_back]
        toast.set_content(message, lines, undo=undo, art=toast.art_for(ctx, result.game))
        if quiet(parent_window, ctx, settings):
            toast.to_status_bar(parent_window)
            return None
        toast.popup()
        return toast

    def set_content(self, message: str, lines: list[Line], undo: Callable[[], Awaitable[Any]] | None = None,
                    art: QPixmap | None = None) -> None:
        """The headline, the (mark, text[, points]) lines under it, what Undo runs (None: no Undo button) and the
        art of the badge it earned (None or a null pixmap: none)."""
        self.message_label.setText(message)
        for label in [*self.line_labels, *self._marks, *self.points_labels]:
            label.deleteLater()
        self.line_labels, self._marks, self.points_labels = [], [], []
        self.art = art if art is not None else QPixmap()
        self.art_label.setPixmap(self.art)
        self.art_label.setVisible(not self.art.isNull())
        for row, (mark, text, *points) in enumerate(lines):
            if points and points[0]:
                points_label = QLabel(points[0])
                points_label.setObjectName("toastPoints")
                self.lines_box.addWidget(points_label, row, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
                self.points_labels.append(points_label)
            mark_label = QLabel(mark)
            mark_label.setObjectName("toastMark")
            label = QLabel(text)
            label.setObjectName("toastLine")
            label.setWordWrap(True)
            self.lines_box.addWidget(mark_label, row, 0, Qt.AlignmentFlag.AlignTop)
            self.lines_box.addWidget(label, row, 1)
            self.line_labels.append(label)
            self._marks.append(mark_label)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        self.undo_shortcut.setEnabled(undo is not None)
        self.setAccessibleDescription("\n".join([message, *(" ".join([text, *rest]) for _, text, *rest in lines)]))

    def texts(self) -> list[str]:
        """The game lines as shown."""
        return [label.text() for label in self.line_labels]

    def tier_name(self, name: str) -> str:
        return tier_labels().get(name, name)

    @staticmethod
    def _titles(ctx: PageContext, event: dict[str, Any]) -> dict[str, str]:
        """The chain, step and badge an event names, in the window's language."""
        catalogue = ctx.services.game.catalogue
        lang = current_language()
        chain = catalogue.chain(str(event.get("chain_id", "")))
        step = next((s for s in chain.steps if s.id == event.get("step_id")), None) if chain else None
        achievement = catalogue.achievement(str(event.get("achievement_id", "")))
        return {
            "chain": chain.title.get(lang) if chain else str(event.get("chain_id", "")),
            "step": step.title.get(lang) if step else str(event.get("step_id", "")),
            "badge": achievement.title.get(lang) if achievement else str(event.get("achievement_id", "")),
        }

    @staticmethod
    def _in_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # What was done first, then what it earned: steps, quests, badges, levels.
        order = ["quest.step_completed", "quest.completed", "achievement.unlocked", "level.reached"]
        return sorted(events, key=lambda e: order.index(e["type"]) if e.get("type") in order else 0)

    def game_lines(self, ctx: PageContext, events: list[dict[str, Any]]) -> list[Line]:
        """One readable line per game event, with the points it paid: quest steps, quests, badges, levels (and
        what a level opens)."""
        lines: list[Line] = []
        for event in self._in_order(events):
            kind, titles, points = event.get("type"), self._titles(ctx, event), self.points_text(ctx, event)
            if kind == "quest.step_completed":
                lines.append(("✓", self.tr("Quest step done: {chain} — {step}").format(**titles), points))
            elif kind == "quest.completed":
                lines.append(("★", self.tr("Quest completed: {chain}").format(**titles), points))
            elif kind == "achievement.unlocked":
                lines.append(("◆", self.tr("Badge earned: {badge} ({tier})").format(
                    badge=titles["badge"], tier=self.tier_name(str(event.get("tier_name", "")))), points))
            elif kind == "level.reached":
                lines.append(("▲", self.tr("Level {level} reached!").format(level=event.get("level"))))
                opens = self.opened_by(ctx, int(event.get("level") or 0))
                if opens:
                    lines.append(("🔓", self.tr("Now open: {chains}").format(
                        chains=translate("quest titles in a sentence", ", ").join(opens))))
        return lines

    def points_text(self, ctx: PageContext, event: dict[str, Any]) -> str:
        """The points an event paid, "+40"; a quest pack's as the user's own ("+40 own"); "" for none."""
        catalogue = ctx.services.game.catalogue
        if event.get("type") == "achievement.unlocked":
            ach = catalogue.achievement(str(event.get("achievement_id", "")))
            tier = int(event.get("tier") or 0)
            rewards = (ach.tier_points or list(DEFAULT_TIER_POINTS)) if ach else []
            points = rewards[tier - 1] if 1 <= tier <= len(rewards) else 0
        else:
            points = int(event.get("points") or 0)
        if points <= 0:
            return ""
        if event.get("chain_id") in catalogue.installed:
            return self.tr("+{points} own").format(points=count_text(points))
        return f"+{count_text(points)}"

    @staticmethod
    def opened_by(ctx: PageContext, level: int) -> list[str]:
        """The titles of the chains (built-in or a pack's) that wait for ``level``."""
        lang = current_language()
        return [chain.title.get(lang) for chain in ctx.services.game.catalogue.chains if chain.min_level == level > 1]

    @staticmethod
    def art_for(ctx: PageContext, events: list[dict[str, Any]]) -> QPixmap:
        """The art of the best badge tier the events earned (a quest step's reward badge, when no badge was
        earned), from the Badges page's cache; a null pixmap when they earned none or the art cannot be drawn."""
        from app.ui.pages.badges import tier_art

        earned = [e for e in events if e.get("type") == "achievement.unlocked"]
        badge, tier = None, 1
        if earned:
            best = max(earned, key=lambda e: int(e.get("tier") or 1))
            badge, tier = str(best.get("achievement_id")), int(best.get("tier") or 1)
        else:
            catalogue = ctx.services.game.catalogue
            for event in events:
                chain = catalogue.chain(str(event.get("chain_id", "")))
                if chain is None or chain.id in catalogue.installed:
                    continue  # a pack's steps give no badge
                step = next((s for s in chain.steps if s.id == event.get("step_id")), None)
                reward = step.reward if step else chain.reward
                if reward.badge:
                    badge = reward.badge
                    break
        if badge is None:
            return QPixmap()
        try:
            path = tier_art(ctx.services, current_language(), {"id": badge, "title": badge}, tier, ART_SOURCE_PX)
        except (OSError, ValueError):
            return QPixmap()  # a full disk or a read-only cache: the toast says it in words all the same
        art = QPixmap(path) if path else QPixmap()
        if art.isNull():
            return art
        ratio = QApplication.primaryScreen().devicePixelRatio() if QApplication.primaryScreen() else 1.0
        art = art.scaled(int(ART_PX * ratio), int(ART_PX * ratio), Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
        art.setDevicePixelRatio(ratio)
        return art

    def to_status_bar(self, parent_window: QWidget) -> None:
        """In the quiet hours: the headline and the game's news in the window's status bar, nothing popping up."""
        parts = [self.message_label.text(), *self.texts()]
        text = " · ".join(part for part in parts if part)
        if hasattr(parent_window, "show_status"):
            parent_window.show_status(text, 15_000)
        elif isinstance(parent_window, QMainWindow):
            parent_window.statusBar().showMessage(text, 15_000)
        self.dismiss()

    def loss_lines(self, ctx: PageContext, events: list[dict[str, Any]]) -> list[Line]:
        """One line per thing a correction took back (``GameNews.lost``), the level's fall as one line: "Level 2 →
        1"."""
        lines: list[Line] = []
        levels = [int(e["level"]) for e in events if e.get("type") == "level.reached" and e.get("level")]
        for event in self._in_order(events):
            kind, titles = event.get("type"), self._titles(ctx, event)
            if kind == "quest.step_completed":
                lines.append(("↶", self.tr("Quest step taken back: {chain} — {step}").format(**titles)))
            elif kind == "quest.completed":
                lines.append(("↶", self.tr("Quest taken back: {chain}").format(**titles)))
            elif kind == "achievement.unlocked":
                lines.append(("↶", self.tr("Badge taken back: {badge} ({tier})").format(
                    badge=titles["badge"], tier=self.tier_name(str(event.get("tier_name", ""))))))
        if levels:
            lines.append(("▼", self.tr("Level {before} → {after}").format(before=max(levels),
                                                                           after=min(levels) - 1)))
        return lines

    @staticmethod
    def show_news(parent_window: QWidget, ctx: PageContext, result: OpResult, message: str | None = None, *,
                  timeout_ms: int = TIMEOUT_MS, settings: QSettings | None = None) -> Toast | None:
        """Tell what a write (an Undo, a deletion, an edit, a save on a page) took back from the game, and what it
        gave, with the art of a badge it earned; None when the game says nothing of it, or in the quiet hours (the
        news goes to the status bar). A toast already showing gives way, unless it is running its Undo."""
        if not result.news.lost and not result.game:
            return None
        toast = Toast(parent_window, ctx, timeout_ms=timeout_ms)
        lines = toast.game_lines(ctx, result.game) + toast.loss_lines(ctx, result.news.lost)
        for old in parent_window.findChildren(Toast):
            undoing = old.undo_task is not None and not old.undo_task.done()
            if old is not toast and not old.closed and not undoing:
                old.dismiss()
        toast.set_content(message or toast.headline(result), lines, art=toast.art_for(ctx, result.game))
        if quiet(parent_window, ctx, settings):
            toast.to_status_bar(parent_window)
            return None
        toast.popup()
        return toast

    def headline(self, result: OpResult) -> str:
        """"Help deleted", "Group saved"…: the write a game toast follows."""
        deleted = result.record is None
        headlines = {
            "help": (self.tr("Help saved"), self.tr("Help deleted")),
            "request": (self.tr("Request saved"), self.tr("Request deleted")),
            "deal": (self.tr("Deal saved"), self.tr("Deal deleted")),
            "group": (self.tr("Group saved"), self.tr("Group deleted")),
            "contact": (self.tr("Contact saved"), self.tr("Contact deleted")),
        }
        saved, gone = headlines.get(result.entity_type, (self.tr("Saved"), self.tr("Deleted")))
        return gone if deleted else saved

    # -- showing and hiding -----------------------------------------------------------------------------

    def popup(self) -> None:
        """Show in the parent's bottom-right corner and start the countdown."""
        self.adjustSize()
        self._place()
        self.show()  # WA_ShowWithoutActivating: the window keeps its focus, the user goes on typing
        self.raise_()
        self.timer.start()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.resize(WIDTH, self.heightForWidth(WIDTH) if self.hasHeightForWidth() else self.sizeHint().height())
        area = parent.rect()
        central = parent.centralWidget() if isinstance(parent, QMainWindow) else None
        if central is not None:  # above the status bar, inside the pages
            area = central.geometry()
        self.move(QPoint(area.right() - self.width() - MARGIN + 1, area.bottom() - self.height() - MARGIN + 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def enterEvent(self, event: QEnterEvent) -> None:
        self.timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if not self.closed and not self.isAncestorOf(self.focusWidget() or self):
            self.timer.start()
        super().leaveEvent(event)

    def focusInEvent(self, event: Any) -> None:
        self.timer.stop()
        super().focusInEvent(event)

    def dismiss(self) -> None:
        """Hide and delete the toast."""
        if self.closed:
            return
        self.closed = True
        self.timer.stop()
        self.undo_shortcut.setEnabled(False)
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.dismissed.emit()
        self.deleteLater()

    # -- undo -------------------------------------------------------------------------------------------

    def on_undo_clicked(self) -> None:
        if self._undo is None or self.closed or (self.undo_task is not None and not self.undo_task.done()):
            return
        if self.ctx is not None:
            self.undo_task = self.ctx.runner.spawn(self.undo(), name="toast.undo")
        else:
            self.undo_task = asyncio.ensure_future(self.undo())

    async def undo(self) -> Any:
        """Run the undo write, then close; returns its OpResult (None when the service refused)."""
        if self._undo is None:
            return None
        self.timer.stop()
        self.undo_button.setEnabled(False)
        result = await self._undo()
        if result is not None:
            self.undone.emit(result)
        parent = self.parentWidget()
        self.dismiss()
        if result is not None and self.ctx is not None and parent is not None:
            # What the Undo took back, as this toast told what it gave: "Level 2 → 1", a badge taken back…
            self.show_news(parent, self.ctx, result, translate("Toast", "Undone"), timeout_ms=self._timeout_ms)
        return result


def quiet(parent_window: QWidget, ctx: PageContext, settings: QSettings | None = None) -> bool:
    """Whether it is the quiet hours the Settings page set (``settings``, else the window's own): nothing pops up."""
    settings = settings if settings is not None else getattr(parent_window, "settings", None)
    if not isinstance(settings, QSettings):
        return False
    clock = ctx.services.clock
    return quiet_now(settings, clock.now().astimezone(clock.tz))


def logged_late(record: dict[str, Any] | None) -> bool:
    """Whether the help or request just logged is back-dated by more than the game allows for its dailies."""
    from app.services.base import is_late

    if not record or not record.get("at") or not record.get("created_at"):
        return False
    at, created = (dt.datetime.fromisoformat(str(record[k]).replace("Z", "+00:00")) for k in ("at", "created_at"))
    return is_late(at, created, None, None)  # the record's own times: the rule the fact's "late" flag follows
