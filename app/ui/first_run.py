"""The first-run dialog: the user's name, language and time zone, and an empty start or a demo tour."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_zone_name
from app.i18n import LANGUAGES, current_language
from app.limits import NAME_MAX
from app.paths import default_demo_dir
from app.ui.language import apply_language
from app.ui.setting_keys import DONE_KEY as DONE_KEY  # re-exported: where the tests and the bench look
from app.ui.setting_keys import LANGUAGE_KEY
from app.ui.setting_keys import needs_first_run as _needs_first_run
from app.ui.text_style import heading
from app.ui.zone_combo import ZoneCombo

if TYPE_CHECKING:
    from app.services.base import OpResult
    from app.services.profile import ProfileService

EMPTY, DEMO = "empty", "demo"
CHOICES = (EMPTY, DEMO)
# Each language is shown in its own name, never translated (as on the Settings page).
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class FirstRunDialog(QDialog):
    """Asked once: name (optional), language and time zone, then "Start empty" or "Take a tour on demo data".

    Enter and Esc both start empty. On closing, the language goes to ``LANGUAGE_KEY`` and ``first_run/done`` is
    set; the caller reads :meth:`choice`, applies name, language and zone to the profile (:meth:`apply_to`) and,
    for the tour, opens the demo folder (:meth:`demo_dir`), never the user's own.
    """

    def __init__(self, settings: QSettings, parent: QWidget | None = None, *, demo_dir: Path | None = None,
                 detected_zone: str | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._detected_zone = detected_zone or local_zone_name()
        self._demo_dir = Path(demo_dir) if demo_dir is not None else default_demo_dir()
        self._choice = EMPTY
        self.setModal(True)
        self._build()
        self.retranslate()
        self.empty_button.clicked.connect(lambda: self._finish(EMPTY))
        self.demo_button.clicked.connect(lambda: self._finish(DEMO))
        # Choosing a language shows the dialog in it at once (the window then opens in it too).
        self.language_combo.currentIndexChanged.connect(self._language_chosen)

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)

        self.title = heading("", 1.5)
        layout.addWidget(self.title)

        self.explanation = QLabel()
        self.explanation.setObjectName("privacyNote")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setClearButtonEnabled(True)
        self.language_combo = QComboBox()
        for value in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(value, value), value)
        index = self.language_combo.findData(current_language())
        self.language_combo.setCurrentIndex(max(index, 0))
        self.zone_combo = ZoneCombo()
        self.zone_combo.set_zone(self._detected_zone)
        self.name_label, self.language_label, self.zone_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.name_label, self.name_edit), (self.language_label, self.language_combo),
                             (self.zone_label, self.zone_combo)):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)

        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        note_font = self.demo_note.font()
        note_font.setPointSizeF(note_font.pointSizeF() * 0.92)  # a side note: smaller, but full contrast
        self.demo_note.setFont(note_font)
        layout.addWidget(self.demo_note)
        layout.addStretch(1)

        self.empty_button = QPushButton()
        self.empty_button.setDefault(True)
        self.demo_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        layout.addLayout(buttons)

        self.setTabOrder(self.name_edit, self.language_combo)
        self.setTabOrder(self.language_combo, self.zone_combo)
        self.setTabOrder(self.zone_combo, self.demo_button)
        self.setTabOrder(self.demo_button, self.empty_button)
        self.name_edit.setFocus()
        self.setMinimumWidth(460)

    def retranslate(self) -> None:
        """Every text of the dialog, in the language in force (again when the user picks another)."""
        welcome = self.tr("Welcome to Pintuan Quest")
        self.setWindowTitle(welcome)
        self.setAccessibleName(welcome)
        self.title.setText(welcome)
        self.explanation.setText(
            self.tr("Everything you record stays on this computer. "
                    "Nothing is sent anywhere unless you export it yourself.")
        )
        self.explanation.setAccessibleName(self.tr("Privacy"))
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Optional"))
        self.language_combo.setAccessibleName(self.tr("Language"))
        self.zone_combo.setAccessibleName(self.tr("Time zone"))
        self.zone_combo.setToolTip(self.tr("Found on this computer; your days and daily quests follow it."))
        self.name_label.setText(self.tr("Your &name"))
        self.language_label.setText(self.tr("&Language"))
        self.zone_label.setText(self.tr("Time &zone"))
        self.demo_note.setText(
            self.tr("The tour uses made-up people and groups in a folder of its own; your data stays empty.")
        )
        self.empty_button.setText(self.tr("Start empty"))
        self.empty_button.setAccessibleName(self.tr("Start empty"))
        self.demo_button.setText(self.tr("Take a tour on demo data"))
        self.demo_button.setAccessibleName(self.tr("Take a tour on demo data"))
        self.demo_button.setAccessibleDescription(
            self.tr("Opens demo data in {folder}").format(folder=str(self._demo_dir))
        )
        self.demo_button.setToolTip(self.tr("Demo folder: {folder}").format(folder=str(self._demo_dir)))

    def _language_chosen(self) -> None:
        apply_language(self.language())
        self.retranslate()  # now: Qt's LanguageChange only arrives with the next events

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- results ----------------------------------------------------------------------------------------

    def choice(self) -> str:
        """``"empty"`` or ``"demo"`` (``"empty"`` too when the dialog was dismissed with Esc)."""
        return self._choice

    def display_name(self) -> str:
        return self.name_edit.text().strip()

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def timezone(self) -> str:
        """The zone chosen, or the one found on this computer when the box holds no zone."""
        return self.zone_combo.zone() or self._detected_zone

    def demo_dir(self) -> Path:
        """Where the tour's demo data lives: apart from the user's real data folder."""
        return self._demo_dir

    def apply_to(self, profile: ProfileService) -> OpResult:
        """Store name, language and zone in the data folder's profile (the caller's thread; a quick write, or a
        game rebuild when the zone differs from the one the data has)."""
        return profile.edit(display_name=self.display_name(), locale=self.language(), timezone=self.timezone())

    @staticmethod
    def needs_first_run(settings: QSettings) -> bool:
        """True until the dialog has been through once (``first_run/done`` set)."""
        return _needs_first_run(settings)

    # -- closing ----------------------------------------------------------------------------------------

    def _finish(self, choice: str) -> None:
        self._choice = choice if choice in CHOICES else EMPTY
        self._settings.setValue(LANGUAGE_KEY, self.language())
        self._settings.setValue(DONE_KEY, True)
        self._settings.sync()
        super().accept()

    def accept(self) -> None:
        self._finish(self._choice)

    def reject(self) -> None:
        """Esc (or closing the window) is a plain empty start: the dialog never comes back half-done."""
        self._finish(EMPTY)


needs_first_run = FirstRunDialog.needs_first_run
