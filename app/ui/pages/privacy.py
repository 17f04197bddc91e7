"""The Privacy & Export page: export and import under share presets (:mod:`app.ui.pages.privacy_export`), and
where the data lives, its backups (restore, a second folder), checks, the game's rebuild."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas import PRIVACY
from app.backups import Backup, load_backups, mirror_latest, second_folder, set_second_folder
from app.paths import DB_FILENAME
from app.ui.changes import BACKUPS, CONTACTS, DEALS, GROUPS, HELPS, HISTORY, LEDGER, PROFILE, REQUESTS
from app.ui.context import spawn_if_attached
from app.ui.dialogs import Icon, Role, ask, choose_folder
from app.ui.pages.privacy_export import ExportPanel
from app.ui.parts import error_style
from app.ui.progress import run_with_progress
from app.ui.text_style import DETAIL_HEADING, heading

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.context import PageContext

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Backup


class PrivacyPage(QWidget):
    """Everything stays on this computer: exports under share presets, imports, the data folder, backups, checks
    and the game's rebuild."""

    # The backups, the presets and the audit log, and every kind of record the export's preview counts.
    AREAS = frozenset({BACKUPS, PRIVACY, PROFILE, GROUPS, CONTACTS, DEALS, HELPS, REQUESTS, LEDGER, HISTORY})
    RELOADS_AFTER_OWN_WRITES = True  # a restore, an export or an import reloads the page itself

    COL_WHEN, COL_SIZE, COL_VERIFIED, COL_KIND = range(4)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.ctx: PageContext | None = None
        self.tz: dt.tzinfo | None = None
        self._build()
        self._connect()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Privacy & Export")))
        intro = QLabel(self.tr(
            "Everything you record stays in one file on this computer: {path}. Nothing is sent anywhere."
        ).format(path=self.data_dir / DB_FILENAME))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Privacy & Export"))
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.exchange = ExportPanel()
        self.exchange.reload_page = self.reload  # an import also adds a backup to the other tab
        self.tabs.addTab(self.exchange, self.tr("Export && import"))
        backups = QWidget()
        self.tabs.addTab(backups, self.tr("Backups && checks"))
        layout = QVBoxLayout(backups)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading(self.tr("Backups"), DETAIL_HEADING))
        self.auto_label = QLabel(self.tr(
            "A backup is taken by itself every 30 minutes while your data changes, and before every upgrade or "
            "restore. Older ones are thinned out: all from the last two days are kept, then one a day for two "
            "weeks, one a week for two months and one a month for a year."
        ))
        self.auto_label.setWordWrap(True)
        layout.addWidget(self.auto_label)
        self.backup_list = QTreeWidget()
        self.backup_list.setAccessibleName(self.tr("Backups"))
        self.backup_list.setHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("Verified"), self.tr("Kind")])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setUniformRowHeights(True)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_list.setAlternatingRowColors(True)
        header = self.backup_list.header()
        header.setStretchLastSection(True)
        for column in (self.COL_WHEN, self.COL_SIZE, self.COL_VERIFIED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.backup_list, 1)
        self.no_backups = QLabel(self.tr("No backups yet."))
        layout.addWidget(self.no_backups)
        self.no_backups.hide()

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("R&estore…"))
        self.restore_button.setToolTip(self.tr("Replace your data with the selected backup (asks first)"))
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        self.backup_status.setAccessibleName(self.tr("Backup result"))
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_status)

        layout.addSpacing(4)
        self.second_label = QLabel()
        self.second_label.setWordWrap(True)
        self.second_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.second_label)
        second = QHBoxLayout()
        self.second_button = QPushButton(self.tr("&Second folder…"))
        self.second_button.setToolTip(self.tr("Copy every backup to another folder too, best on another drive"))
        self.clear_second_button = QPushButton(self.tr("Stop copying &there"))
        second.addWidget(self.second_button)
        second.addWidget(self.clear_second_button)
        second.addStretch(1)
        layout.addLayout(second)
        self.mirror_label = QLabel()
        self.mirror_label.setWordWrap(True)
        self.mirror_label.setObjectName("warning")
        self.mirror_label.setStyleSheet(error_style())
        self.mirror_label.hide()
        layout.addWidget(self.mirror_label)

        layout.addSpacing(8)
        layout.addWidget(heading(self.tr("Checks"), DETAIL_HEADING))
        checks = QHBoxLayout()
        self.check_button = QPushButton(self.tr("&Check the database"))
        self.rebuild_button = QPushButton(self.tr("&Rebuild the game from the records"))
        checks.addWidget(self.check_button)
        checks.addWidget(self.rebuild_button)
        checks.addStretch(1)
        layout.addLayout(checks)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Result"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        layout.addSpacing(8)
        layout.addWidget(heading(self.tr("Erase everything"), DETAIL_HEADING))
        wipe = QHBoxLayout()
        self.wipe_button = QPushButton(self.tr("&Wipe everything…"))
        self.wipe_button.setToolTip(self.tr("Delete all your data and every backup, after you type a word to "
                                            "confirm"))
        wipe.addWidget(self.wipe_button)
        wipe.addStretch(1)
        layout.addLayout(wipe)
        for button in self._buttons():
            button.setAccessibleName(button.text().replace("&", ""))
            button.setEnabled(False)
        self._show_second_folder(None, False)

    def _buttons(self) -> list[QPushButton]:
        return [self.backup_button, self.restore_button, self.second_button, self.clear_second_button,
                self.check_button, self.rebuild_button, self.wipe_button]

    def _connect(self) -> None:
        self.backup_button.clicked.connect(self.on_backup_clicked)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self.second_button.clicked.connect(self.on_second_clicked)
        self.clear_second_button.clicked.connect(self.on_clear_second_clicked)
        self.check_button.clicked.connect(self.on_check_clicked)
        self.rebuild_button.clicked.connect(self.on_rebuild_clicked)
        self.wipe_button.clicked.connect(self.on_wipe_clicked)
        self.backup_list.itemSelectionChanged.connect(self.on_backup_selection_changed)

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx
        self.tz = ctx.services.clock.tz
        self.exchange.attach(ctx)
        self._enable(True)

    def _enable(self, enabled: bool) -> None:
        for button in self._buttons():
            button.setEnabled(enabled and self.ctx is not None)
        self.on_backup_selection_changed()

    # -- data -------------------------------------------------------------------------------------------

    def load(self, services: Services) -> dict[str, Any]:
        data = load_backups(services.store.data_dir)
        data["mirror_error"] = services.store.mirror_error
        data["exchange"] = ExportPanel.load(services)
        return data

    def set_data(self, data: dict[str, Any]) -> None:
        self.exchange.set_data(data["exchange"])
        selected = self.selected_backup()
        self.backup_list.clear()
        locale = QLocale()
        for backup in data["backups"]:
            item = QTreeWidgetItem([
                self.when(backup),
                locale.formattedDataSize(backup.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat),
                self.tr("Yes") if backup.verified else self.tr("No (incomplete or damaged)"),
                self.kind(backup.reason),
            ])
            item.setData(self.COL_WHEN, BACKUP_ROLE, backup)
            item.setTextAlignment(self.COL_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(self.COL_WHEN, str(backup.path))
            self.backup_list.addTopLevelItem(item)
            if selected is not None and backup.path == selected.path:
                item.setSelected(True)
        empty = not data["backups"]
        self.no_backups.setVisible(empty)
        self.backup_list.setVisible(not empty)
        self._show_second_folder(data["second_folder"], data["second_folder_missing"])
        error = data.get("mirror_error")
        self.mirror_label.setText(error or "")
        self.mirror_label.setVisible(bool(error))
        self.on_backup_selection_changed()

    def _show_second_folder(self, folder: Path | None, missing: bool) -> None:
        if folder is None:
            self.second_label.setText(self.tr("Second folder: none. Backups stay on this drive only."))
        elif missing:
            self.second_label.setText(self.tr("Second folder: {path} (not there now: is its drive plugged in?)")
                                      .format(path=folder))
        else:
            self.second_label.setText(self.tr("Second folder: {path} receives a copy of each backup.")
                                      .format(path=folder))
        self.clear_second_button.setVisible(folder is not None)

    def when(self, backup: Backup) -> str:
        return backup.at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")

    def kind(self, reason: str) -> str:
        if reason == "manual":
            return self.tr("Taken when you asked")
        if reason == "auto":
            return self.tr("Automatic")
        if reason == "before-restore":
            return self.tr("Before a restore")
        if reason == "import":
            return self.tr("Before an import")
        if reason.startswith("before-"):
            return self.tr("Before an upgrade")
        return reason

    def selected_backup(self) -> Backup | None:
        items = self.backup_list.selectedItems()
        return items[0].data(self.COL_WHEN, BACKUP_ROLE) if items else None

    def select_backup(self, path: Path) -> None:
        """Select the row of the backup at ``path`` (what a click does)."""
        for row in range(self.backup_list.topLevelItemCount()):
            item = self.backup_list.topLevelItem(row)
            if item is not None and item.data(self.COL_WHEN, BACKUP_ROLE).path == path:
                self.backup_list.setCurrentItem(item)
                return
        raise LookupError(path)

    # -- slots ------------------------------------------------------------------------------------------

    def on_backup_selection_changed(self) -> None:
        backup = self.selected_backup()
        self.restore_button.setEnabled(self.ctx is not None and self.backup_button.isEnabled()
                                       and backup is not None and backup.verified)

    def on_backup_clicked(self) -> None:
        spawn_if_attached(self, self.backup, "backup")

    def on_restore_clicked(self) -> None:
        spawn_if_attached(self, self.restore, "restore")

    def on_second_clicked(self) -> None:
        spawn_if_attached(self, self.choose_second_folder, "second folder")

    def on_clear_second_clicked(self) -> None:
        spawn_if_attached(self, lambda: self.set_second_folder(None), "clear second folder")

    def on_check_clicked(self) -> None:
        spawn_if_attached(self, self.check, "check")

    def on_rebuild_clicked(self) -> None:
        spawn_if_attached(self, self.rebuild, "rebuild")

    def on_wipe_clicked(self) -> None:
        spawn_if_attached(self, self.wipe, "wipe")

    # -- actions ----------------------------------------------------------------------------------------

    async def wipe(self) -> bool:
        """Wipe everything after the typed confirmation (:func:`app.ui.erasure.wipe`); every page reloads."""
        from app.ui.erasure import wipe

        assert self.ctx is not None
        result = await wipe(self.ctx, self)
        if result is None or not shiboken6.isValid(self):
            return False
        self.status.setText(self.tr("Everything was wiped."))
        await self.reload()
        return True

    async def reload(self) -> None:
        assert self.ctx is not None
        data = await self.ctx.read(self.load, self.ctx.services)
        if shiboken6.isValid(self):
            self.set_data(data)

    async def backup(self) -> Path | None:
        """A backup now, in the database thread; its path, or None when it failed (and was told)."""
        assert self.ctx is not None
        backups = self.ctx.services.backups
        self.backup_status.setText(self.tr("Backing up…"))
        try:
            made = Path((await self.ctx.read(backups.backup)).record["path"])
        except Exception as exc:
            self.backup_status.setText("")
            await self.ctx.reporter.report(exc, "backup", parent=self)
            return None
        self.backup_status.setText(self.tr("Backed up to {path}.").format(path=made))
        await self.reload()
        return made

    async def restore(self) -> bool:
        """Restore the selected backup after asking; the current data is backed up first. True when restored."""
        from app.recovery import restore

        assert self.ctx is not None
        backup = self.selected_backup()
        if backup is None:
            return False
        ctx, when = self.ctx, self.when(backup)
        answer = await ask(
            self, self.tr("Restore this backup?"),
            self.tr("Replace your data with the backup taken {when}?").format(when=when),
            [(True, self.tr("&Restore"), Role.AcceptRole), (False, self.tr("Cancel"), Role.RejectRole)],
            icon=Icon.Question, default=False, escape=False,
            informative=self.tr("Your data as it is now is backed up first, so you can come back to it from this "
                                "list."))
        if not answer or not shiboken6.isValid(self):
            return False
        self._enable(False)
        self.backup_status.setText(self.tr("Restoring the backup taken {when}…").format(when=when))
        try:
            outcome = await ctx.read(restore, self.data_dir, backup.path)
        except Exception as exc:
            if shiboken6.isValid(self):
                self.backup_status.setText("")
                self._enable(True)
            await ctx.reporter.report(exc, "restore", parent=self)
            return False
        ctx.announce(outcome, self)  # every page reloads from the restored data (this one below)
        if not shiboken6.isValid(self):
            return True
        self._enable(True)
        previous = outcome.record["previous"]
        if previous is not None:
            self.backup_status.setText(self.tr("Restored the backup taken {when}. Your data as it was is in the backup "
                                        "{name}.").format(when=when, name=Path(previous).name))
        else:
            self.backup_status.setText(self.tr("Restored the backup taken {when}.").format(when=when))
        await self.reload()
        return True

    async def choose_second_folder(self) -> Path | None:
        """Pick the second folder and copy the newest backup there at once; the folder, or None."""
        assert self.ctx is not None
        current = await self.ctx.read(second_folder, self.data_dir)
        folder = await choose_folder(self, self.tr("Choose a second folder for backups"), current)
        if folder is None or not shiboken6.isValid(self):
            return None
        return folder if await self.set_second_folder(folder) else None

    async def set_second_folder(self, folder: Path | None) -> bool:
        """Set (or with None, forget) the second folder; True when it was taken."""
        assert self.ctx is not None
        ctx, data_dir = self.ctx, self.data_dir

        def apply() -> str | None:
            set_second_folder(data_dir, folder)
            return mirror_latest(data_dir) if folder is not None else None

        try:
            error = await ctx.read(apply)
        except Exception as exc:
            await ctx.reporter.report(exc, "second folder", parent=self)
            return False
        await self.reload()  # the list and the folder's line first, then what happened
        if not shiboken6.isValid(self):
            return True
        if folder is None:
            self.backup_status.setText(self.tr("Backups are no longer copied to a second folder; the copies already "
                                        "there stay."))
        elif error:
            self.backup_status.setText(error)
        else:
            self.backup_status.setText(self.tr("Backups are now copied to {path} too.").format(path=folder))
        return True

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
        done, rebuilt = await run_with_progress(
            self.ctx, self, services.game.recompute, total=total, cancel_after=cancel_after,
            label=self.tr("Rebuilding the game from your records…"), title=self.tr("Rebuilding"))
        if not done:
            self.status.setText(self.tr("Cancelled: nothing was changed."))
            return False
        self.status.setText(self.tr("The game was rebuilt from your records."))
        self.ctx.announce(rebuilt, self)  # the game's areas (and the history's derived events)
        return True
