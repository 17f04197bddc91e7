"""A picture in a form (the profile's avatar, a deal's screenshot): a thumbnail, Choose… and Remove, and a larger
view on a click.

The file chosen is cleaned in the database thread (:func:`app.images.clean_image`: JPEG, PNG or WebP only,
re-encoded from its pixels); a refused file says why under the thumbnail and leaves the picture shown as it was.
Pictures are shown from their bytes (``QPixmap.loadFromData``), never from a path.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.images import SUFFIXES, clean_image
from app.ui.dialogs import choose_file
from app.ui.parts import error_label, hbox, show_error

THUMB = 96  # the thumbnail's side, in pixels


def pixmap_of(data: bytes | None) -> QPixmap:
    """The picture's pixmap (null for no bytes, or bytes Qt cannot read)."""
    pixmap = QPixmap()
    if data:
        pixmap.loadFromData(data)
    return pixmap


class PictureViewer(QDialog):
    """The picture larger, fitted to the screen; not modal (opened with ``show()``), closed with Escape or Close."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.image = QLabel()
        self.image.setObjectName("pictureLarge")
        self.image.setAccessibleName(title)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = pixmap_of(data)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() * 0.8 if screen is not None else QSize(1024, 768)
        if pixmap.width() > room.width() or pixmap.height() > room.height():
            pixmap = pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(buttons)


class PictureBox(QWidget):
    """A thumbnail (a click shows it larger) with Choose… and Remove; the owner stores what the user picks.

    ``chosen(bytes)``: a clean picture was picked (already shown); ``removed()``: Remove was clicked (the
    thumbnail is empty). ``ctx`` (the page's context) must be set before a file can be chosen.
    """

    chosen = Signal(bytes)
    removed = Signal()

    def __init__(self, name: str, max_side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.max_side = max_side
        self.ctx: Any = None
        self.data: bytes | None = None
        self.thumb = QToolButton()
        self.thumb.setObjectName("pictureThumb")
        self.thumb.setAccessibleName(name)
        self.thumb.setIconSize(QSize(THUMB, THUMB))
        self.thumb.setFixedSize(THUMB + 8, THUMB + 8)
        self.thumb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.thumb.clicked.connect(self.on_thumb_clicked)
        self.choose_button = QPushButton(self.tr("Choose picture…"))
        self.choose_button.setAccessibleName(self.tr("Choose a picture for: {name}").format(name=name))
        self.choose_button.clicked.connect(self.on_choose_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the picture: {name}").format(name=name))
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.note = QLabel(self.tr("JPEG, PNG or WebP; stored without its location and camera data."))
        self.note.setObjectName("pictureNote")
        self.note.setWordWrap(True)
        self.error = error_label("pictureError")
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(hbox(self.choose_button, self.remove_button, None))
        side.addWidget(self.note)
        side.addWidget(self.error)
        side.addStretch(1)
        row = hbox(self.thumb)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(side, 1)
        self.setLayout(row)
        self.viewer: PictureViewer | None = None
        self.show_picture(None)

    def show_picture(self, data: bytes | None) -> None:
        """Show ``data`` (a stored picture's bytes), or the empty thumbnail; a message of a refusal is cleared."""
        self.data = data or None
        pixmap = pixmap_of(self.data)
        if pixmap.isNull():
            self.data = None
            self.thumb.setIcon(QIcon())
            self.thumb.setText(self.tr("No picture"))
            self.thumb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.thumb.setToolTip("")
        else:
            self.thumb.setIcon(QIcon(pixmap))
            self.thumb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            self.thumb.setToolTip(self.tr("{width} × {height} pixels: click to see it larger").format(
                width=pixmap.width(), height=pixmap.height()))
        self.thumb.setEnabled(self.data is not None)
        self.remove_button.setEnabled(self.data is not None)
        show_error(self.error, None)

    def on_thumb_clicked(self) -> None:
        self.show_larger()

    def show_larger(self) -> PictureViewer | None:
        if self.data is None:
            return None
        if self.viewer is not None and shiboken6.isValid(self.viewer):
            self.viewer.close()
        self.viewer = PictureViewer(self.data, self.name, self.window())
        self.viewer.show()
        return self.viewer

    def on_choose_clicked(self) -> None:
        if self.ctx is not None and not self.ctx.runner.closed:
            self.ctx.runner.spawn(self.choose(), name="choose picture")

    async def choose(self, path: Path | None = None) -> bool:
        """Ask for a file (unless ``path`` is given), clean it and show it; a refused file says why and the
        picture shown stays. True when a picture was chosen (``chosen`` was emitted)."""
        if self.ctx is None:
            return False
        if path is None:
            filters = [self.tr("Pictures ({patterns})").format(patterns=" ".join(f"*{s}" for s in SUFFIXES))]
            path = await choose_file(self, self.tr("Choose a picture"), Path.home(), filters, save=False)
            if path is None or not shiboken6.isValid(self):
                return False
        try:
            picture = await self.ctx.read(functools.partial(clean_image, path, max_side=self.max_side))
        except InvalidInput as exc:
            if shiboken6.isValid(self):
                show_error(self.error, exc.message)
            return False
        if not shiboken6.isValid(self):
            return False
        self.show_picture(picture.data)
        self.chosen.emit(picture.data)
        return True

    def on_remove_clicked(self) -> None:
        self.show_picture(None)
        self.removed.emit()
