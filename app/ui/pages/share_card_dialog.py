"""The share card from the Privacy & Export page: drawn for the selected preset, shown as a preview, then saved
where the user says (the very picture previewed) and recorded in the audit log like every export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import InvalidInput
from app.i18n import translate
from app.ui.dialogs import answered, choose_file, tell

if TYPE_CHECKING:
    from app.exchange.share_card import CardData
    from app.privacy.presets import Preset
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.pages.privacy_export import ExportPanel

PREVIEW_HEIGHT = 540  # px: the card (1080 × 1350) at 40 %, whole on a 768 px high screen with the dialog's buttons


class ShareCardDialog(QDialog):
    """The card as it will be saved, with Save… and Close."""

    def __init__(self, parent: QWidget | None, png: bytes, preset_title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share card"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("The card for the preset \u201c{preset}\u201d, as it will be saved. It holds only the "
                               "picture: no names or times hidden in the file.").format(preset=preset_title))
        about.setWordWrap(True)
        layout.addWidget(about)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.picture = QLabel()
        self.picture.setAccessibleName(self.tr("Share card preview"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(pixmap.scaledToHeight(PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        layout.addWidget(self.picture, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("&Save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        about.setMaximumWidth(max(420, self.picture.pixmap().width() + 40))


def save_card(services: Services, preset: Preset, target: Path, png: bytes, shown: CardData) -> OpResult:
    """Write the card previewed and record it in the audit log (in the database thread)."""
    from app.exchange.share_card import write_card

    counts = write_card(services, preset, target, png, shown)
    return services.privacy.record_export(preset, "card", target, counts, previewed=True)  # the card was on show


async def share_card(panel: ExportPanel, path: Path | None = None, *, save: bool | None = None) -> Path | None:
    """Draw the selected preset's card, show it, and save it where the user says; the file, or None. ``save``
    answers the preview by itself (for tests)."""
    from app.exchange.export import check_target, today_name
    from app.exchange.share_card import render_card

    preset, ctx = panel.selected_preset(), panel.ctx
    if preset is None or ctx is None or panel._busy:
        return None
    panel._enable(False)
    panel.status.setText(translate("ShareCardDialog", "Drawing the share card…"))
    try:
        png, shown = await ctx.read(render_card, ctx.services, preset)
    except Exception as exc:
        if shiboken6.isValid(panel):
            panel.status.setText("")
            panel._enable(True)
        await ctx.reporter.report(exc, "share card", parent=panel)
        return None
    if not shiboken6.isValid(panel):
        return None
    panel._enable(True)
    panel.status.setText("")
    if save is None:
        dialog = ShareCardDialog(panel, png, panel.preset_title(preset))
        save = await answered(dialog, lambda result: result == QDialog.DialogCode.Accepted)
    if not save or not shiboken6.isValid(panel):
        return None
    if path is None:
        proposed = panel.folder / today_name(ctx.services.clock.now(), preset, "card")
        path = await choose_file(panel, translate("ShareCardDialog", "Save the share card"), proposed,
                                 [translate("ShareCardDialog", "PNG pictures (*.png)")], save=True,
                                 default_suffix="png")
        if path is None or not shiboken6.isValid(panel):
            return None
    try:
        target = check_target(path, "card")
    except InvalidInput as exc:
        await tell(panel, translate("ShareCardDialog", "Cannot save there"), exc.message)
        return None
    services: Any = ctx.services
    if await ctx.write(lambda: save_card(services, preset, target, png, shown), parent=panel) is None:
        return None
    if shiboken6.isValid(panel):
        panel.folder = target.parent
        panel.status.setText(translate("ShareCardDialog", "Saved the share card with the preset '{name}' to "
                                                          "{path}.").format(name=preset.name, path=target))
        await panel.reload()
    return target
