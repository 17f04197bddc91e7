"""The Privacy & Export page: where the data lives, its backups and checks, and rebuilding the game.

Exports, share cards and redaction come with the privacy issue; this page shows what already exists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store import BACKUP_DIRNAME
from app.ui.context import spawn_if_attached
from app.ui.progress import run_with_progress
from app.ui.text_style import heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext


class PrivacyPage(QWidget):
    """Everything stays on this computer: the data folder, backups, checks and the game's rebuild."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.ctx: PageContext | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Privacy & Export")))
        intro = QLabel(self.tr(
            "Everything you record stays in one file on this computer: {path}. Nothing is sent anywhere."
        ).format(path=self.data_dir / "pintuan.sqlite3"))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Backups (taken before every upgrade, and when you ask):")))
        self.backups = QListWidget()
        self.backups.setAccessibleName(self.tr("Backups"))
        layout.addWidget(self.backups, 1)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.check_button = QPushButton(self.tr("&Check the database"))
        self.rebuild_button = QPushButton(self.tr("&Rebuild the game from the records"))
        for button in (self.backup_button, self.check_button, self.rebuild_button):
            button.setAccessibleName(button.text().replace("&", ""))
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.backup_button.clicked.connect(self.on_backup_clicked)
        self.check_button.clicked.connect(self.on_check_clicked)
        self.rebuild_button.clicked.connect(self.on_rebuild_clicked)

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx
        for button in (self.backup_button, self.check_button, self.rebuild_button):
            button.setEnabled(True)

    def load(self, services: Services) -> dict[str, Any]:
        folder = services.store.data_dir / BACKUP_DIRNAME
        files = sorted(folder.glob("pintuan-*.sqlite3"), reverse=True) if folder.is_dir() else []
        return {"backups": [(p.name, p.stat().st_size, p.stat().st_mtime) for p in files]}

    def set_data(self, data: dict[str, Any]) -> None:
        self.backups.clear()
        for name, size, mtime in data["backups"]:
            when = dt.datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M")
            self.backups.addItem(f"{when}   {name}   {size / 1_048_576:.1f} MB")
        if not data["backups"]:
            self.backups.addItem(self.tr("No backups yet."))

    # -- actions ----------------------------------------------------------------------------------------

    def on_backup_clicked(self) -> None:
        spawn_if_attached(self, self.backup, "backup")

    def on_check_clicked(self) -> None:
        spawn_if_attached(self, self.check, "check")

    def on_rebuild_clicked(self) -> None:
        spawn_if_attached(self, self.rebuild, "rebuild")

    async def backup(self) -> Path:
        assert self.ctx is not None
        store = self.ctx.services.store
        path: Path = await self.ctx.read(lambda: store.backup("manual").path)
        self.status.setText(self.tr("Backed up to {path}.").format(path=path))
        self.set_data(await self.ctx.read(self.load, self.ctx.services))
        return path

    async def check(self) -> bool:
        assert self.ctx is not None
        self.status.setText(self.tr("Checking…"))
        report = await self.ctx.read(self.ctx.services.store.check)
        self.status.setText(self.tr("The database is sound.") if report.ok
                            else self.tr("Problems found: run `python -m app check` for the details."))
        return bool(report.ok)

    async def rebuild(self, *, cancel_after: int | None = None) -> bool:
        """Recompute the game with a progress dialog and Cancel; a cancelled rebuild changes nothing."""
        assert self.ctx is not None
        services = self.ctx.services
        total = int((await self.ctx.read(services.queries.counts))["activities"])
        done, _ = await run_with_progress(
            self.ctx, self, services.game.recompute, total=total, cancel_after=cancel_after,
            label=self.tr("Rebuilding the game from your records…"), title=self.tr("Rebuilding"))
        if not done:
            self.status.setText(self.tr("Cancelled: nothing was changed."))
            return False
        self.status.setText(self.tr("The game was rebuilt from your records."))
        self.ctx.operation_done.emit(None)
        return True
