"""Backups as service calls: a backup now, or one when due, each returning what it changed (the backups folder)."""

from __future__ import annotations

from app.services.base import OpResult, Service
from app.services.changes import BACKUPS, Changes


class BackupService(Service):
    """Takes the store's verified backups; the result's record is the backup's (``Backup.as_dict``)."""

    def backup(self, reason: str = "manual") -> OpResult:
        """A verified backup now (copied to the second folder too, if one is set: ``store.mirror_error`` says why
        not); old ones thinned out."""
        made = self.store.backup(reason, now=self.clock.now())
        return OpResult.of("backup", Changes.of(BACKUPS), made.as_dict())

    def auto_backup(self) -> OpResult:
        """A backup when the data changed and the newest is 30 minutes old; no record, no areas when not due."""
        made = self.store.auto_backup(now=self.clock.now())
        if made is None:
            return OpResult.of("backup", Changes())
        return OpResult.of("backup", Changes.of(BACKUPS), made.as_dict())
