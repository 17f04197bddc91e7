"""The Settings page: language, theme, time zone, quiet hours, the daily help budget, the data folder and the demo."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QProcess, QSettings, Qt, QTime, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.clock import zone_name
from app.i18n import current_language
from app.limits import AVATAR_SIDE_MAX, NAME_MAX
from app.paths import default_demo_dir
from app.ui.changes import PROFILE, SETTINGS
from app.ui.confirm import confirm
from app.ui.context import spawn_if_attached
from app.ui.picture import PictureBox
from app.ui.progress import run_with_progress
from app.ui.setting_keys import BUDGET_KEY as BUDGET_KEY
from app.ui.setting_keys import LANGUAGE_KEY as LANGUAGE_KEY
from app.ui.setting_keys import QUIET_FROM_KEY as QUIET_FROM_KEY
from app.ui.setting_keys import QUIET_TO_KEY as QUIET_TO_KEY
from app.ui.setting_keys import THEME_KEY as THEME_KEY
from app.ui.text_style import heading
from app.ui.theme import THEMES, apply_theme
from app.ui.zone_combo import ZoneCombo

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

log = logging.getLogger(__name__)
# The keys are re-exported above (``as``): they were defined here first, and tests and modules still look here.


class SettingsPage(QWidget):
    """Preferences kept in QSettings; the language and the theme apply at once."""

    AREAS = frozenset({SETTINGS, PROFILE})

    def __init__(self, data_dir: Path, settings: QSettings, parent: QWidget | None = None, *,
                 demo_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.demo_dir = Path(demo_dir) if demo_dir is not None else default_demo_dir()
        self.settings = settings
        self.ctx: PageContext | None = None
        self.zone_box: QMessageBox | None = None  # the open "change the time zone?" question
        self.zone_task: asyncio.Task[bool] | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Settings")))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.name_edit = QLineEdit()  # the name Today greets the user by (the profile's; first run asks it)
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setMinimumWidth(220)
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Optional: Today greets you by it"))
        self.name_edit.setEnabled(False)  # until the profile is read
        self._name_shown = ""  # the name stored, as last shown: an unchanged field writes nothing
        form.addRow(self.tr("Your &name"), self.name_edit)

        self.avatar = PictureBox(self.tr("Your picture"), AVATAR_SIDE_MAX)
        self.avatar.setEnabled(False)  # until the profile is read
        avatar_label = QLabel(self.tr("Your &picture"))
        avatar_label.setBuddy(self.avatar.choose_button)
        form.addRow(avatar_label, self.avatar)

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setAccessibleName(self.tr("Language"))
        chosen = str(self.settings.value(LANGUAGE_KEY, "") or "")
        # The language in force: --lang may have overridden the saved choice for this run.
        self._select(self.language, current_language() if chosen else "")
        form.addRow(self.tr("&Language"), self.language)

        self.theme = QComboBox()
        for value, label in zip(THEMES, (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark")),
                                strict=True):
            self.theme.addItem(label, value)
        self.theme.setAccessibleName(self.tr("Theme"))
        self._select(self.theme, str(self.settings.value(THEME_KEY, "system")))
        form.addRow(self.tr("&Theme"), self.theme)

        zone = QVBoxLayout()
        zone.setContentsMargins(0, 0, 0, 0)
        self.zone = ZoneCombo()
        self.zone.setAccessibleName(self.tr("Time zone"))
        self.zone.setToolTip(self.tr("Your days, streaks and daily quests follow this zone."))
        self.zone.setEnabled(False)  # until the data is open
        self.zone_status = QLabel()
        self.zone_status.setAccessibleName(self.tr("Time zone status"))
        zone.addWidget(self.zone)
        zone.addWidget(self.zone_status)
        zone_label = QLabel(self.tr("Time &zone"))
        zone_label.setBuddy(self.zone)  # a row of a layout has no buddy of its own: Alt+Z, and no raw "&"
        form.addRow(zone_label, zone)

        quiet = QHBoxLayout()
        self.quiet_from = QTimeEdit(QTime.fromString(str(self.settings.value(QUIET_FROM_KEY, "22:30")), "HH:mm"))
        self.quiet_to = QTimeEdit(QTime.fromString(str(self.settings.value(QUIET_TO_KEY, "08:00")), "HH:mm"))
        names = (self.tr("Quiet hours start"), self.tr("Quiet hours end"))
        for edit, name in zip((self.quiet_from, self.quiet_to), names, strict=True):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        quiet.addWidget(self.quiet_from)
        quiet.addWidget(QLabel(self.tr("to")))
        quiet.addWidget(self.quiet_to)
        quiet.addStretch(1)
        quiet_label = QLabel(self.tr("&Quiet hours"))
        quiet_label.setBuddy(self.quiet_from)  # Alt+Q reaches the first time field
        form.addRow(quiet_label, quiet)

        self.budget = QSpinBox()
        self.budget.setRange(0, 200)
        self.budget.setSpecialValueText(self.tr("No limit"))
        self.budget.setSuffix(self.tr(" helps a day"))
        self.budget.setValue(int(str(self.settings.value(BUDGET_KEY, 0) or 0)))
        self.budget.setAccessibleName(self.tr("Daily help budget"))
        form.addRow(self.tr("Daily help &budget"), self.budget)

        rest = QVBoxLayout()
        rest.setContentsMargins(0, 0, 0, 0)
        self.rest_days = QSpinBox()
        self.rest_days.setRange(0, 3)
        self.rest_days.setSuffix(self.tr(" a week"))
        self.rest_days.setAccessibleName(self.tr("Streak rest days"))
        self.rest_days.setToolTip(self.tr(
            "Days a week you may miss without breaking a streak; they do not count in it. Every seven days of a "
            "streak also earn a freeze for one more missed day. Missing a day never costs points."))
        self.rest_days.setValue(1)  # the content's default, until the profile is read
        self.rest_days.setEnabled(False)
        self.rest_status = QLabel()
        self.rest_status.setAccessibleName(self.tr("Rest days status"))
        rest.addWidget(self.rest_days)
        rest.addWidget(self.rest_status)
        rest_label = QLabel(self.tr("Streak &rest days"))
        rest_label.setBuddy(self.rest_days)
        form.addRow(rest_label, rest)
        self.rest_timer = QTimer(self)  # one recount after the arrows stop, not one per click
        self.rest_timer.setSingleShot(True)
        self.rest_timer.setInterval(700)

        folder = QHBoxLayout()
        self.folder_label = QLabel(str(self.data_dir))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.open_folder)
        form.addRow(self.tr("Data folder"), folder)

        self.demo_note = QLabel(self.tr("A made-up community to try things on, kept apart from your own data."))
        self.demo_folder_label = QLabel(str(self.demo_dir))
        self.demo_folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reset_demo_button = QPushButton(self.tr("Reset de&mo data…"))
        self.reset_demo_button.setAccessibleName(self.tr("Reset the demo data"))
        self.open_demo_button = QPushButton(self.tr("Open the &demo in a new window"))
        self.open_demo_button.setAccessibleName(self.tr("Open the demo data in a new window"))
        self.open_demo_button.setVisible(not self._showing_demo())
        demo_buttons = QHBoxLayout()
        demo_buttons.addWidget(self.reset_demo_button)
        demo_buttons.addWidget(self.open_demo_button)
        demo_buttons.addStretch(1)
        demo_widget = QWidget()
        demo_box = QVBoxLayout(demo_widget)
        demo_box.setContentsMargins(0, 0, 0, 0)
        demo_box.addWidget(self.demo_note)
        demo_box.addWidget(self.demo_folder_label)
        demo_box.addLayout(demo_buttons)
        self.demo_status = QLabel()
        self.demo_status.setWordWrap(False)
        self.demo_status.setAccessibleName(self.tr("Demo data status"))
        demo_box.addWidget(self.demo_status)
        form.addRow(self.tr("Demo data"), demo_widget)
        layout.addLayout(form)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.theme.currentIndexChanged.connect(self.on_theme_changed)
        self.zone.activated.connect(self.on_zone_chosen)
        self.zone.lineEdit().editingFinished.connect(self.on_zone_editing_finished)
        self.quiet_from.timeChanged.connect(self.on_quiet_changed)
        self.quiet_to.timeChanged.connect(self.on_quiet_changed)
        self.budget.valueChanged.connect(self.on_budget_changed)
        self.name_edit.editingFinished.connect(lambda: spawn_if_attached(self, self.save_name, "name"))
        self.avatar.chosen.connect(lambda data: spawn_if_attached(self, lambda: self.save_avatar(data), "avatar"))
        self.avatar.removed.connect(lambda: spawn_if_attached(self, lambda: self.save_avatar(None), "avatar"))
        self.rest_days.valueChanged.connect(lambda _value: self.rest_timer.start())
        self.rest_timer.timeout.connect(lambda: spawn_if_attached(self, self.save_rest_days, "rest days"))
        self.open_folder.clicked.connect(self.on_open_folder_clicked)
        self.reset_demo_button.clicked.connect(self.on_reset_demo_clicked)
        self.open_demo_button.clicked.connect(self.on_open_demo_clicked)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx
        self.zone.setEnabled(True)
        self._show_zone_in_force()
        spawn_if_attached(self, self.show_rest_days, "rest days")
        spawn_if_attached(self, self.show_name, "name")
        self.avatar.ctx = ctx
        spawn_if_attached(self, self.show_avatar, "avatar")

    async def show_avatar(self) -> bool:
        """The profile's picture in its box (reading creates no profile); True when there is one."""
        assert self.ctx is not None
        picture = await self.ctx.read(self.ctx.services.images.avatar)
        if shiboken6.isValid(self):
            self.avatar.show_picture(picture["data"] if picture else None)
            self.avatar.setEnabled(True)
        return picture is not None

    async def save_avatar(self, data: bytes | None) -> bool:
        """Store the picture chosen (already cleaned and shown), or take it away; a failure shows the stored one."""
        assert self.ctx is not None
        result = await self.ctx.write(self.ctx.services.profile.set_avatar, data, parent=self)
        if result is None and shiboken6.isValid(self):
            await self.show_avatar()
        return result is not None

    async def show_name(self) -> str:
        """The profile's name in its field (reading creates no profile)."""
        assert self.ctx is not None
        name = await self.ctx.read(stored_name, self.ctx.services)
        if shiboken6.isValid(self) and not self.name_edit.hasFocus():
            self.name_edit.setText(name)
            self.name_edit.setEnabled(True)
            self._name_shown = name
        return name

    async def save_name(self) -> bool:
        """Store the name typed, when it changed; a name no one can have is refused and the field shows the last."""
        assert self.ctx is not None
        name = self.name_edit.text().strip()
        if not self.name_edit.isEnabled() or name == self._name_shown:
            return False
        self._name_shown = name
        result = await self.ctx.write(self.ctx.services.profile.edit, display_name=name, parent=self)
        if result is None and shiboken6.isValid(self):
            await self.show_name()
        return result is not None

    async def show_rest_days(self) -> int:
        """The profile's rest days in the spin box (the content's default when none was chosen)."""
        from app.quests.schema import Rules

        assert self.ctx is not None
        days = await self.ctx.read(stored_rest_days, self.ctx.services)  # reading creates no profile
        days = Rules().rest_days if days is None else days
        if shiboken6.isValid(self) and not self.rest_timer.isActive():
            self.rest_days.blockSignals(True)
            self.rest_days.setValue(days)
            self.rest_days.blockSignals(False)
            self.rest_days.setEnabled(True)
        return days

    async def save_rest_days(self) -> bool:
        """Store the rest days chosen; the game counts streaks again with them (in the database thread)."""
        assert self.ctx is not None
        days = self.rest_days.value()
        self.rest_status.setText(self.tr("Counting your streaks again…"))
        result = await self.ctx.write(self.ctx.services.profile.set_rest_days, days, parent=self)
        if not shiboken6.isValid(self):
            return result is not None
        self.rest_status.setText(self.tr("Streaks now keep {days} rest days a week.").format(days=days)
                                 if result is not None else "")
        return result is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_zone_in_force()  # the command line may have changed it while another page was shown

    def zone_in_force(self) -> str | None:
        """The profile's zone as the open data has it (no database read: the services' clock follows it)."""
        return zone_name(self.ctx.services.clock.tz) if self.ctx is not None else None

    def _show_zone_in_force(self) -> None:
        current = self.zone_in_force()
        if current is not None and not self._zone_busy():
            self.zone.set_zone(current)

    def on_language_changed(self) -> None:
        from app.ui.language import apply_language

        lang = self.language.currentData()
        self.settings.setValue(LANGUAGE_KEY, lang)
        apply_language(lang)  # the window builds its pages again in the new language

    def on_theme_changed(self) -> None:
        theme = self.theme.currentData()
        self.settings.setValue(THEME_KEY, theme)
        apply_theme(theme)

    def on_quiet_changed(self) -> None:
        self.settings.setValue(QUIET_FROM_KEY, self.quiet_from.time().toString("HH:mm"))
        self.settings.setValue(QUIET_TO_KEY, self.quiet_to.time().toString("HH:mm"))

    def on_budget_changed(self, value: int) -> None:
        self.settings.setValue(BUDGET_KEY, value)

    def _zone_busy(self) -> bool:
        return self.zone_box is not None or (self.zone_task is not None and not self.zone_task.done())

    def on_zone_editing_finished(self) -> None:
        # Enter in the completer's list finishes the edit before the completion lands: look once it has, and
        # only if the text is still the one finished (a completion, or new typing, is not for this check).
        text = self.zone.currentText()
        QTimer.singleShot(0, self, lambda: self.check_zone_text(text))

    def check_zone_text(self, finished: str) -> None:
        """Typed text that was not chosen (no zone, or left with Tab) goes back to the zone in force."""
        current = self.zone_in_force()
        text = self.zone.currentText()
        if self._zone_busy() or current is None or text != finished or text == current:
            return
        if self.zone.zone() is None:
            self.zone_status.setText(self.tr("'{zone}' is not a time zone.").format(zone=self.zone.currentText()))
        self.zone.set_zone(current)

    def on_zone_chosen(self) -> None:
        """A zone picked from the list, or typed and confirmed with Enter: ask first, the game is rebuilt."""
        if self.ctx is None or self._zone_busy():
            return
        current, chosen = self.zone_in_force(), self.zone.zone()
        if chosen is None or chosen == current:
            return  # not a zone: the check after editing says so
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Change the time zone?"),
            self.tr("Count your days in {new} instead of {old}? Daily quests, streaks and points are rebuilt from "
                    "everything you recorded; this can take a moment on a long history.").format(
                        new=chosen, old=current),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result: self.on_zone_answered(box, chosen))
        self.zone_box = box
        # open(), not exec(): asking must not run a nested event loop while the database tasks are running.
        box.open()

    def on_zone_answered(self, box: QMessageBox, chosen: str) -> None:
        self.zone_box = None
        box.deleteLater()
        yes = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
        if not yes or self.ctx is None or self.ctx.runner.closed:
            self.zone.set_zone(self.zone_in_force() or "")
            return
        self.zone_task = self.ctx.runner.spawn(self.change_zone(chosen), name="change time zone")

    async def change_zone(self, name: str) -> bool:
        """Store the new zone and rebuild the game in it (in the database thread); every page then reloads."""
        if self.ctx is None:
            return False
        ctx = self.ctx
        self.zone.setEnabled(False)
        self.zone_status.setText(self.tr("Rebuilding the game in {zone}…").format(zone=name))
        result = await ctx.write(ctx.services.profile.set_timezone, name, parent=self)
        if not shiboken6.isValid(self):  # built again in another language meanwhile
            return result is not None
        self.zone.setEnabled(True)
        if result is None:
            self.zone_status.clear()
            self.zone.set_zone(self.zone_in_force() or "")
            return False
        self.zone.set_zone(name)
        self.zone_status.setText(self.tr("Your days now follow {zone}.").format(zone=name))
        return True

    def on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def _showing_demo(self) -> bool:
        return self.data_dir.resolve() == self.demo_dir.resolve()

    def on_reset_demo_clicked(self) -> None:
        spawn_if_attached(self, self.reset_demo, "reset demo")

    def on_open_demo_clicked(self) -> None:
        # Another process: this window stays on the user's own data.
        QProcess.startDetached(sys.executable, ["-m", "app", "--demo"])

    async def reset_demo(self, *, cancel_after: int | None = None) -> bool:
        """Fresh demo data in the demo folder, after asking, with progress and Cancel (which changes nothing)."""
        if self.ctx is None:
            return False
        text = self.tr("Replace the demo data with a fresh made-up community? Anything recorded in the demo is "
                       "lost. Your own data is not touched.")
        if not await self._confirm(text):
            return False
        from app.demo import DEMO_ACTIVITIES, reset_demo_folder

        clock, folder = self.ctx.services.clock, self.demo_dir
        self.reset_demo_button.setEnabled(False)
        ctx, showing = self.ctx, self._showing_demo()
        try:
            done, reset = await run_with_progress(
                ctx, self, lambda report: reset_demo_folder(folder, clock, progress=report),
                total=DEMO_ACTIVITIES, cancel_after=cancel_after,
                label=self.tr("Making fresh demo data…"), title=self.tr("Demo data"))
        except Exception as exc:  # a full disk, a folder we may not write: say so, the demo is as it was
            log.exception("Resetting the demo data in %s failed", folder)
            if shiboken6.isValid(self):
                self.reset_demo_button.setEnabled(True)
                self.demo_status.setText(self.tr("Could not reset the demo data: {error}").format(error=exc))
            return False
        if not shiboken6.isValid(self):  # the window was rebuilt in another language meanwhile
            if done and showing:
                ctx.announce(reset)
            return bool(done)
        self.reset_demo_button.setEnabled(True)
        if not done:
            self.demo_status.setText(self.tr("Cancelled: the demo data was not changed."))
            return False
        self.demo_status.setText(self.tr("Fresh demo data is ready."))
        if self._showing_demo():
            self.ctx.announce(reset, self)  # every page reloads
        return True

    async def _confirm(self, text: str) -> bool:
        return await confirm(self, self.tr("Reset demo data?"), text)


def stored_name(services: Services) -> str:
    """In the database thread: the profile's name, empty when none (or no profile yet)."""
    from app.services.base import profile_name

    with services.store.read() as session:
        return profile_name(session)


def stored_rest_days(services: Services) -> int | None:
    """In the database thread: the profile's rest days, None when none was chosen (or there is no profile yet)."""
    from app.services.base import profile_rest_days

    with services.store.read() as session:
        return profile_rest_days(session)
