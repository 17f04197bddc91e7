"""The Quests page as a storyline: the level and the points to the next one on top; then the daily and weekly quests
with the time left to their reset; then each story chain as a card with its story, the steps done, the active step
with its progress bar, what counts toward it and its reward; the locked chains last, each with why. "Install quest
pack…" adds a chain from a file: a file the game refuses is said on the page and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.i18n import current_language
from app.quests.levels import points_for_level
from app.services.game_views import step_progress
from app.ui.changes import GAME, LEVEL, POINTS, QUESTS
from app.ui.context import spawn_if_attached
from app.ui.format import count_text, time_left
from app.ui.parts import error_label, show_error
from app.ui.quest_words import goal_words, reward_words
from app.ui.text_style import DETAIL_HEADING, heading
from app.ui.theme import colour_hex

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

STATUS_COLOURS = {"done": "positive", "active": "accent", "locked": "muted"}  # app.ui.theme: follow the theme
BODY_MAX_W = 1100  # on a wide screen the cards stop widening: a story line stays readable
TICK_MS = 60_000  # the reset countdowns move with the clock, a minute at a time


def next_reset(repeat: str | None, now: dt.datetime, tz: dt.tzinfo) -> dt.datetime | None:
    """When a repeating chain starts over: the next local midnight (daily) or Monday 00:00 (weekly)."""
    if repeat not in ("daily", "weekly"):
        return None
    local = now.astimezone(tz)
    days = 1 if repeat == "daily" else 7 - local.weekday()
    day = local.date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)


def chain_words(services: Services, lang: str) -> dict[str, dict[str, Any]]:
    """For each chain: each step's description, what counts toward it and its reward, and the chain's reward, in
    words (the catalogue's, so a pack's chain is said as well as the built-in ones)."""
    catalogue = services.game.catalogue
    words: dict[str, dict[str, Any]] = {}
    for chain in catalogue.chains:
        own = chain.id in catalogue.installed  # a pack's rewards: points of the user's own, never a badge
        words[chain.id] = {
            "min_level": chain.min_level,
            "reward": reward_words(chain.reward.points, None if own else badge_title(services, chain.reward.badge,
                                                                                     lang), own),
            "steps": [{"description": step.description.get(lang) if step.description else "",
                       "counts": goal_words(step.goal),
                       "reward": reward_words(step.reward.points,
                                              None if own else badge_title(services, step.reward.badge, lang), own)}
                      for step in chain.steps],
        }
    return words


def badge_title(services: Services, badge_id: str | None, lang: str) -> str | None:
    """A reward badge's title in ``lang`` (its id when the catalogue has no such badge)."""
    ach = services.game.catalogue.achievement(badge_id) if badge_id else None
    return ach.title.get(lang) if ach else badge_id


class QuestCard(QFrame):
    """One chain: reachable with Tab (the page scrolls to it), read out as its title, status and active step."""

    def __init__(self, page: QuestsPage, chain_id: str) -> None:
        super().__init__()
        self.page = page
        self.chain_id = chain_id
        self.setObjectName("questCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bar: QProgressBar | None = None
        self.reset_label: QLabel | None = None
        self.repeat: str | None = None
        self.lines: list[QLabel] = []  # every text on the card, in reading order (for tests and screen readers)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.page.scroll_area.ensureWidgetVisible(self, 0, 24)
        super().focusInEvent(event)


class QuestsPage(QWidget):
    """Quest chains (任务链) as a story, daily and weekly quests with their reset, and quest packs."""

    AREAS = frozenset({GAME, QUESTS, POINTS, LEVEL})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.cards: dict[str, QuestCard] = {}
        self.data: dict[str, Any] | None = None
        self.install_task: Any = None
        self._build()
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.on_tick)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        self.install_button = QPushButton(self.tr("&Install quest pack…"))
        self.install_button.setObjectName("installPack")
        self.install_button.setToolTip(self.tr("Add a quest chain from a .toml file: its points count apart from "
                                               "your level"))
        top_row = QWidget()
        top_row.setMaximumWidth(BODY_MAX_W)  # in line with the cards, on a wide screen too
        top = QHBoxLayout(top_row)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(heading(self.tr("Quests")))
        top.addStretch(1)
        top.addWidget(self.install_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(top_row)
        self.level_label = QLabel(self.tr("Level 1"))
        self.level_label.setObjectName("questLevel")
        self.level_label.setAccessibleName(self.tr("Level and points"))
        self.level_label.setFont(heading(factor=DETAIL_HEADING).font())
        layout.addWidget(self.level_label)
        self.level_bar = QProgressBar()
        self.level_bar.setAccessibleName(self.tr("Progress to the next level"))
        self.level_bar.setTextVisible(True)
        self.level_bar.setMaximumHeight(18)
        self.level_bar.setMaximumWidth(BODY_MAX_W)
        layout.addWidget(self.level_bar)
        self.own_label = QLabel()
        self.own_label.setObjectName("ownPoints")
        self.own_label.setWordWrap(True)
        self.own_label.hide()
        layout.addWidget(self.own_label)
        self.install_error = error_label("installError")
        self.install_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.install_error)
        self.install_note = QLabel()
        self.install_note.setObjectName("installNote")
        self.install_note.setWordWrap(True)
        self.install_note.hide()
        layout.addWidget(self.install_note)

        self.body = QWidget()
        self.body.setObjectName("questBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 4, 8, 4)
        self.body_layout.setSpacing(10)
        self.body.setMaximumWidth(BODY_MAX_W)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("questScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take the focus, and it scrolls to them
        self.scroll_area.setAccessibleName(self.tr("Quest chains"))
        self._keep_scroll: int | None = None
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self.on_scroll_range)
        self.scroll_area.verticalScrollBar().actionTriggered.connect(self.on_scrolled)
        layout.addWidget(self.scroll_area, 1)
        self.install_button.clicked.connect(self.on_install_clicked)
        self.follow_theme()

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx

    def load(self, services: Services) -> dict[str, Any]:
        """Runs in the database thread: the chains as ``quests --json`` has them, the score, and the steps in
        words."""
        lang = current_language()
        # score(): level and points only; points() would read the whole points ledger (slow on a long history).
        return {"chains": services.game.quests(lang), "points": services.game.score(),
                "words": chain_words(services, lang), "now": services.clock.now(), "tz": services.clock.tz}

    def _status(self, status: str) -> str:
        return {"done": self.tr("Done"), "active": self.tr("In progress"), "locked": self.tr("Locked")}[status]

    # -- filling ---------------------------------------------------------------------------------------------

    def set_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self._set_level(data["points"])
        focused = next((cid for cid, card in self.cards.items() if card.hasFocus()), None)
        value = self.scroll_area.verticalScrollBar().value()
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.cards = {}
        chains = data["chains"]
        repeating = [c for c in chains if c["repeat"] and c["status"] != "locked"]
        story = [c for c in chains if not c["repeat"] and c["status"] == "active"]
        done = [c for c in chains if not c["repeat"] and c["status"] == "done"]
        locked = [c for c in chains if c["status"] == "locked"]
        # The story under way first, the day's and week's quests, the chapters done, what is still to come.
        for title, group in ((self.tr("Your story"), story), (self.tr("Daily and weekly quests"), repeating),
                             (self.tr("Chapters done"), done), (self.tr("Still locked"), locked)):
            if not group:
                continue
            self.body_layout.addWidget(heading(title, DETAIL_HEADING))
            for chain in group:
                card = self._card(chain, data["words"].get(chain["id"], {}))
                self.cards[chain["id"]] = card
                self.body_layout.addWidget(card)
        self.body_layout.addStretch(1)
        self._tab_order()
        self.update_clock(data["now"])
        self._keep_scroll = value or None  # where the reader was, once the new cards are laid out (on_scroll_range)
        if focused in self.cards:
            self.cards[focused].setFocus()
        self.ticker.start()

    def on_scroll_range(self, _minimum: int, maximum: int) -> None:
        """A reload keeps the page scrolled where it was read: as soon as the new cards are that long again."""
        if self._keep_scroll is not None and maximum >= self._keep_scroll:
            self.scroll_area.verticalScrollBar().setValue(self._keep_scroll)
            self._keep_scroll = None

    def on_scrolled(self, _action: int) -> None:
        self._keep_scroll = None  # the reader scrolled: the page goes where they take it

    def _set_level(self, points: dict[str, Any]) -> None:
        text = self.tr("Level {level} · {points} points · next level at {next}").format(
            level=points["level"], points=count_text(points["points"]), next=count_text(points["next_level_at"]))
        own = int(points.get("own_points") or 0)
        if own:  # the user's own packs: shown apart, never toward the level
            text += " · " + self.tr("your own quests: {points} points").format(points=count_text(own))
        self.level_label.setText(text)
        start = points_for_level(points["level"])  # the bar shows the way through the current level
        self.level_bar.setRange(0, max(1, points["next_level_at"] - start))
        self.level_bar.setValue(max(0, min(points["points"], points["next_level_at"]) - start))
        self.level_bar.setFormat(self.tr("{left} points to level {level}").format(
            left=count_text(max(0, points["next_level_at"] - points["points"])), level=points["level"] + 1))
        packs = [c for c in (self.data or {}).get("chains", []) if c.get("installed")]
        self.own_label.setText(self.tr("Quest packs you installed pay their points apart, as your own quests: "
                                       "they never raise your level. So far: {points} points.")
                               .format(points=count_text(own)))
        self.own_label.setVisible(bool(packs) or bool(own))

    def _card(self, chain: dict[str, Any], words: dict[str, Any]) -> QuestCard:
        card = QuestCard(self, chain["id"])
        card.repeat = chain["repeat"]
        box = QVBoxLayout(card)
        box.setContentsMargins(14, 10, 14, 12)
        box.setSpacing(4)
        steps, step_words = chain["steps"], words.get("steps", [])
        done = sum(1 for s in steps if s["status"] == "done")
        title = QLabel(chain["title"])
        title.setObjectName("questTitle")
        title.setFont(heading(factor=1.05).font())
        title.setWordWrap(True)
        state = QLabel(self._status(chain["status"]))
        if len(steps) > 1 and not chain["locked_reason"]:
            state.setText(f"{state.text()} · " + self.tr("{done} of {steps} steps").format(done=done, steps=len(steps)))
        state.setObjectName(f"questState_{chain['status']}")
        top = QHBoxLayout()
        top.addWidget(title, 1)
        if chain.get("installed"):
            pack = QLabel(self.tr("Your pack"))
            pack.setObjectName("packTag")
            pack.setToolTip(self.tr("A quest pack you installed: its points count apart, never toward your level"))
            top.addWidget(pack, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(state, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        card.lines += [title, state]
        if chain["repeat"]:
            card.reset_label = QLabel()
            card.reset_label.setObjectName("questReset")
            box.addWidget(card.reset_label)
            card.lines.append(card.reset_label)
        if chain["locked_reason"]:
            reason = chain["locked_reason"]
            level = int(words.get("min_level") or 1)
            if level > int((self.data or {}).get("points", {}).get("level", 1)) and f" {level}" not in reason:
                reason += " " + self.tr("Then reach level {level}.").format(level=level)  # the level, too
            why = QLabel("🔒 " + reason)
            why.setObjectName("questLocked")
            why.setWordWrap(True)
            box.addWidget(why)
            card.lines.append(why)
        story = QLabel(chain["story"])
        story.setObjectName("questStory")
        story.setWordWrap(True)
        box.addWidget(story)
        card.lines.append(story)
        if chain["status"] == "locked":
            # A locked chain: its steps are for later; say how many and what the whole chain pays.
            total = [self.tr("One step") if len(steps) == 1 else self.tr("{steps} steps").format(steps=len(steps))]
            if words.get("reward"):
                total.append(self.tr("on completion {reward}").format(reward=words["reward"]))
            later = QLabel(" · ".join(total))
            later.setObjectName("questLater")
            box.addWidget(later)
            card.lines.append(later)
        else:
            for index, step in enumerate(steps):
                said = step_words[index] if index < len(step_words) else {}
                if step["status"] == "active":
                    self._active_step(card, box, step, said)
                else:
                    mark = "✓" if step["status"] == "done" else "○"
                    line = QLabel(f"{mark}  {step['title']}")
                    line.setObjectName(f"questStep_{step['status']}")
                    line.setWordWrap(True)
                    box.addWidget(line)
                    card.lines.append(line)
            if chain["status"] != "done" and words.get("reward"):
                end = QLabel(self.tr("Completing the chain: {reward}").format(reward=words["reward"]))
                end.setObjectName("questReward")
                box.addWidget(end)
                card.lines.append(end)
        active = next((s for s in steps if s["status"] == "active"), None)
        read = [chain["title"], self._status(chain["status"]), chain["locked_reason"] or ""]
        if active:
            read.append(self.tr("Now: {step}, {progress}").format(step=active["title"],
                                                                  progress=step_progress(active)))
        card.setAccessibleName(chain["title"])
        card.setAccessibleDescription(". ".join(r for r in read[1:] if r))
        return card

    def _active_step(self, card: QuestCard, box: QVBoxLayout, step: dict[str, Any], said: dict[str, Any]) -> None:
        title = QLabel(f"▶  {step['title']}")
        title.setObjectName("questStep_active")
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        card.lines.append(title)
        inner = QVBoxLayout()
        inner.setContentsMargins(22, 0, 0, 2)
        inner.setSpacing(3)
        if said.get("description"):
            text = QLabel(said["description"])
            text.setObjectName("questStepText")
            text.setWordWrap(True)
            inner.addWidget(text)
            card.lines.append(text)
        if said.get("counts"):
            counts = QLabel(self.tr("What counts: {goal}").format(goal=said["counts"]))
            counts.setObjectName("questCounts")
            counts.setWordWrap(True)
            inner.addWidget(counts)
            card.lines.append(counts)
        bar = QProgressBar()
        bar.setObjectName("questBar")
        bar.setRange(0, max(1, int(step["target"])))
        bar.setValue(min(int(step["progress"]), int(step["target"])))
        bar.setFormat(self._of(step))
        bar.setAccessibleName(self.tr("Progress of {step}").format(step=step["title"]))
        bar.setMaximumWidth(420)
        bar.setMaximumHeight(18)
        card.bar = bar
        row = QHBoxLayout()
        row.addWidget(bar, 1)
        if said.get("reward"):
            reward = QLabel(self.tr("Reward: {reward}").format(reward=said["reward"]))
            reward.setObjectName("questReward")
            row.addWidget(reward)
            card.lines.append(reward)
        row.addStretch(0)
        inner.addLayout(row)
        box.addLayout(inner)

    def _of(self, step: dict[str, Any]) -> str:
        """A step's progress as its bar says it: "2 of 3", "¥4.30 of ¥10.00"."""
        progress, _, target = step_progress(step).partition("/")
        return self.tr("{progress} of {target}").format(progress=progress, target=target)

    def _tab_order(self) -> None:
        previous: QWidget = self.install_button
        for card in self.cards.values():
            QWidget.setTabOrder(previous, card)
            previous = card

    # -- the clock -------------------------------------------------------------------------------------------

    def update_clock(self, now: dt.datetime) -> None:
        """The time left to each daily and weekly quest's reset at ``now``; past a reset, the page is read again
        (a new day's quests start at step one)."""
        if self.data is None:
            return
        tz = self.data["tz"]
        for card in self.cards.values():
            if card.reset_label is None:
                continue
            reset = next_reset(card.repeat, now, tz)
            card.reset_label.setText(self.tr("Resets: {left}").format(left=time_left(reset, now)))
        loaded = self.data["now"].astimezone(tz).date()
        if now.astimezone(tz).date() != loaded:
            spawn_if_attached(self, self.reload, "quests after reset")

    def on_tick(self) -> None:
        if self.ctx is not None and self.isVisible():
            self.update_clock(self.ctx.services.clock.now())

    async def reload(self) -> None:
        assert self.ctx is not None
        self.set_data(await self.ctx.read(self.load, self.ctx.services))

    # -- packs -----------------------------------------------------------------------------------------------

    def on_install_clicked(self) -> None:
        spawn_if_attached(self, self.choose_and_install, "install pack")

    async def choose_and_install(self) -> None:
        from app.ui.dialogs import choose_file

        path = await choose_file(self, self.tr("Install quest pack"), Path.home(),
                                 [self.tr("Quest packs (*.toml)"), self.tr("All files (*)")], save=False)
        if path is not None:
            await self.install(path)

    async def install(self, path: Path) -> bool:
        """Install the pack at ``path``; what the game refuses (a malformed file, an unfair goal, an old version)
        is said on the page in its own words and nothing changes. True when installed."""
        ctx = self.ctx
        assert ctx is not None
        show_error(self.install_error, None)
        self.install_note.hide()
        self.install_button.setEnabled(False)
        try:
            result, versions = await ctx.run_write(lambda: ctx.services.game.install(path))
        except InvalidInput as exc:
            show_error(self.install_error, self.tr("The pack {file} was not installed: {why}").format(
                file=path.name, why=exc.message))
            return False
        except Exception as exc:  # the environment's fault or a bug: the window's one reporter tells it
            await ctx.reporter.report(exc, "install pack", parent=self)
            return False
        finally:
            self.install_button.setEnabled(True)
        self.install_note.setText(self.tr("Installed the quest pack “{id}” (version {version}). Its points count "
                                          "apart, as your own quests.").format(**(result.record or {})))
        self.install_note.show()
        ctx.announce(result, self, versions)
        return True

    # -- theme -----------------------------------------------------------------------------------------------

    def follow_theme(self) -> None:
        """Cards and their lines in the theme's shades (again after a change of theme: app.ui.theme)."""
        muted, accent, positive = (colour_hex(STATUS_COLOURS[s]) for s in ("locked", "active", "done"))
        self.setStyleSheet(
            "QWidget#questBody { background: transparent; }"
            "QFrame#questCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
            f"QFrame#questCard:focus {{ border: 2px solid {accent}; }}"
            "QFrame#questCard QLabel { background: transparent; border: none; }"
            f"QLabel#questState_done, QLabel#questStep_done {{ color: {positive}; }}"
            f"QLabel#questState_active, QLabel#questReset {{ color: {accent}; }}"
            f"QLabel#questState_locked, QLabel#questLocked, QLabel#questStep_locked, QLabel#questLater,"
            f" QLabel#questStory, QLabel#ownPoints, QLabel#questCounts {{ color: {muted}; }}"
            f"QLabel#packTag {{ color: {accent}; border: 1px solid {accent}; border-radius: 4px; padding: 0 4px; }}"
            f"QLabel#installNote {{ color: {positive}; }}"
        )

