"""Typed errors: bad input from the user, and faults of the environment, each with a message fit to show."""

from __future__ import annotations

from pathlib import Path


class PintuanError(Exception):
    """Base of the errors the app expects and explains; anything else is our bug."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(PintuanError):
    """A value the user gave is not acceptable; nothing was written."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InvalidInput):
    """No record matches the name or id the user gave."""


class Ambiguous(InvalidInput):
    """A name matches several records; the message lists them with their ids."""


class DuplicateDeal(InvalidInput):
    """A deal with the same product link is already logged."""

    def __init__(self, message: str, existing_id: str) -> None:
        super().__init__(message, field="url")
        self.existing_id = existing_id


class AlreadyLogged(InvalidInput):
    """An entry read from a chat is logged already (the same chat, or a newer export of it, imported again)."""


class Cancelled(PintuanError):
    """The user stopped a long task (an export, an import); nothing of it was left behind."""

    exit_code = 130  # a command stopped by Ctrl+C exits so as well


class StoreError(PintuanError):
    """The environment's fault (unreadable, read-only, corrupt or newer database): tell the user what to do."""

    exit_code = 1


class NewerSchema(StoreError):
    """The database was written by a newer version of the app."""


class DamagedDatabase(StoreError):
    """The database failed a check: it was moved aside (``bad_copy``) and nothing was written to it."""

    def __init__(self, message: str, bad_copy: Path | None = None) -> None:
        super().__init__(message)
        self.bad_copy = bad_copy


class MissingDatabase(StoreError):
    """The folder has no database but has backups or damaged copies: never start silently on an empty one."""


class BackupNotVerified(StoreError):
    """A backup's copy failed its integrity check because the database itself is damaged (``problem``)."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem
