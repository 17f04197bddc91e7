"""The Settings page: language, theme, quiet hours, the daily help budget and the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.ui.context import PageContext

LANGUAGE_KEY = "settings/language"
THEME_KEY = "settings/theme"
QUIET_FROM_KEY = "settings/quiet_from"
QUIET_TO_KEY = "settings/quiet_to"
BUDGET_KEY = "settings/daily_help_budget"
THEMES = ("system", "light", "dark")


def apply_theme(theme: str) -> None:
    """Follow the system's light or dark scheme, or force one (Qt 6.8+ style hints)."""
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "setColorScheme"):
        return
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    hints.setColorScheme(scheme)


class SettingsPage(QWidget):
    """Preferences kept in QSettings; the language and the theme apply at once."""

    def __init__(self, data_dir: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.ctx: PageContext | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        title = QLabel(self.tr("Settings"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setAccessibleName(self.tr("Language"))
        self._select(self.language, str(self.settings.value(LANGUAGE_KEY, "")))
        form.addRow(self.tr("&Language"), self.language)

        self.theme = QComboBox()
        for value, label in zip(THEMES, (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark")),
                                strict=True):
            self.theme.addItem(label, value)
        self.theme.setAccessibleName(self.tr("Theme"))
        self._select(self.theme, str(self.settings.value(THEME_KEY, "system")))
        form.addRow(self.tr("&Theme"), self.theme)

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

        folder = QHBoxLayout()
        self.folder_label = QLabel(str(self.data_dir))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.open_folder)
        form.addRow(self.tr("Data folder"), folder)
        layout.addLayout(form)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.theme.currentIndexChanged.connect(self.on_theme_changed)
        self.quiet_from.timeChanged.connect(self.on_quiet_changed)
        self.quiet_to.timeChanged.connect(self.on_quiet_changed)
        self.budget.valueChanged.connect(self.on_budget_changed)
        self.open_folder.clicked.connect(self.on_open_folder_clicked)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx

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

    def on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def values(self) -> dict[str, Any]:
        return {key: self.settings.value(key) for key in (LANGUAGE_KEY, THEME_KEY, QUIET_FROM_KEY, QUIET_TO_KEY,
                                                          BUDGET_KEY)}
