"""What a command runs in: the data folder, the clock, where to print, and the services opened once, when needed.

Cheap to import: the database and game code load only when a command asks for its services.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.loading import code_loading
from app.cli.output import escape, json_text
from app.clock import Clock
from app.damage import refuse_new
from app.errors import BackupNotVerified, InvalidInput, StoreError
from app.i18n import translate
from app.paths import database_path

if TYPE_CHECKING:
    from app.services import Services
    from app.services.game import GameService
    from app.store import Store


class Context:
    """What a command needs: the data folder, the clock, where to print."""

    def __init__(self, data_dir: Path, clock: Clock, out: TextIO, err: TextIO | None = None) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.out = out
        self.err = err or sys.stderr
        self._services: Services | None = None
        self._folder_existed = data_dir.exists()
        self._database_existed = database_path(data_dir).is_file()
        self._wrote = False  # a writer opened the store: the game catches up before the command exits

    @property
    def _store(self) -> Store | None:
        return self._services.store if self._services is not None else None

    def has_database(self) -> bool:
        """Whether there is a database to read. Whatever stands in its place (a folder, a dangling link, a pipe)
        counts, so that opening it explains the problem; a lost one (backups or damaged copies beside) raises
        :class:`MissingDatabase`: a read must never answer "nothing yet" for data that exists somewhere."""
        if os.path.lexists(database_path(self.data_dir)):
            return True
        refuse_new(self.data_dir)
        return False

    def services(self) -> Services:
        """The services for a command that writes: the store opened (created when new), the profile made."""
        if self._services is None:
            with code_loading():
                from app.services import open_services
            services = open_services(self.data_dir, self.clock)
            self._services = services
            if self._database_existed:  # before the command's write: see _auto_backup
                self._auto_backup(services.store)
            services.deals.expire_due()  # a write the user's command causes records what reads only showed
            self._wrote = True
        return self._services

    def reader(self) -> Services:
        """The services for a command that only reads: no write lock unless the schema or the game is stale."""
        if self._services is None:
            with code_loading():
                from app.services import open_services
            self._services = open_services(self.data_dir, self.clock, create=False, reading=True)
        return self._services

    def existing(self) -> Services:
        """The services for a command that changes what is there: bad input when there is no data yet."""
        if not self.has_database():
            raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=self.data_dir))
        return self.services()

    def game(self) -> GameService:
        """The game over the data, or over an empty state when the folder has no database yet."""
        if self.has_database():
            return self.reader().game
        with code_loading():
            from app.services.game import GameService
        return GameService(None, self.clock, data_dir=self.data_dir)

    def finish(self) -> None:
        """After a command that wrote succeeded: the game counts what a correction far back left waiting, so that
        the next command (``points``, ``recompute --verify``) sees it up to date; a terminal shows the progress.

        Part of the command, not of closing: a catch-up that fails (a full disk) is reported like any failure.
        """
        if self._services is not None and self._wrote:
            self._catch_up(self._services)

    def close(self, *, failed: bool = False) -> None:
        """Close the store; after a failed command, remove a database that this very command created."""
        if self._services is not None:
            self._services.store.close()
            self._services = None
        if failed and not self._database_existed and database_path(self.data_dir).is_file():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database_path(self.data_dir)}{suffix}").unlink(missing_ok=True)
            if not self._folder_existed:
                shutil.rmtree(self.data_dir, ignore_errors=True)

    def _catch_up(self, services: Services) -> None:
        def shown(done: int, total: int) -> None:
            self.err.write("\r" + translate("cli", "Catching up the game: {done} of {total} facts counted…")
                           .format(done=f"{done:,}", total=f"{total:,}"))
            self.err.flush()

        caught_up = services.game.catch_up(shown if self.err.isatty() else None).record or {}
        if caught_up["counted"] and self.err.isatty():
            self.err.write("\n")

    def _auto_backup(self, store: Store) -> None:
        """Before a command writes: a backup when the data changed and the last one is 30 minutes old.

        Its verification doubles as an integrity check at most every 30 minutes: a database it finds damaged is
        moved aside before anything is written to it. Any other failure (a full disk) is a warning only.
        """
        from app.damage import damaged

        try:
            store.auto_backup(now=self.clock.now())
        except BackupNotVerified as exc:
            store.close()
            self._services = None
            raise damaged(self.data_dir, exc.problem, self.clock.now()) from exc
        except StoreError as exc:
            self.warn(exc.message)
        if store.mirror_error:
            self.warn(store.mirror_error)

    def warn(self, text: str) -> None:
        self.err.write(f"pintuan-quest: {escape(text)}\n")

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, value: Any) -> None:
        self.out.write(json_text(value) + "\n")
