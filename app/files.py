"""Careful file access: read only regular files of bounded size, write whole files or nothing.

Paths the user names can be anything: a folder, a named pipe (FIFO) that blocks the reader forever, a device, a
symbolic link to any of these, or a file swapped for one of them between a check and the open. Readers here
check with ``stat`` before opening (opening some devices has effects), open without blocking and check again
on the open descriptor. Writers write to a temporary file beside the target, flush it to disk and rename it over
the target, so a crash or a full disk leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.i18n import translate

# Opening a FIFO for reading blocks until a writer comes; with O_NONBLOCK it returns at once, and fstat then
# tells what was opened. O_NOCTTY: opening a terminal must not make it ours. O_BINARY: no newline translation.
_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 16


class UnsafeFile(Exception):
    """A file the app refuses to read; ``message`` is translated and names the file."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class NotRegularFile(UnsafeFile):
    """A folder, named pipe, device or socket where a regular file was expected."""


class FileTooLarge(UnsafeFile):
    """A regular file larger than the reader allows."""

    def __init__(self, path: Path, message: str, limit: int) -> None:
        super().__init__(path, message)
        self.limit = limit


def describe_mode(mode: int) -> str:
    """What kind of file ``mode`` (an ``st_mode``) is, in words for a message."""
    if stat.S_ISDIR(mode):
        return translate("files", "a folder")
    if stat.S_ISFIFO(mode):
        return translate("files", "a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return translate("files", "a device")
    if stat.S_ISSOCK(mode):
        return translate("files", "a socket")
    if stat.S_ISREG(mode):
        return translate("files", "a regular file")
    return translate("files", "a special file")


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's language, by the error's number: ``strerror`` ("[Errno 2] No such
    file or directory") is English whatever the language."""
    reasons = {
        errno.ENOENT: translate("files", "no such file or folder"),
        errno.EACCES: translate("files", "permission denied"),
        errno.EPERM: translate("files", "the system does not allow it"),
        errno.ENOSPC: translate("files", "the disk is full"),
        errno.EDQUOT: translate("files", "your disk quota is used up"),
        errno.EROFS: translate("files", "the disk is read-only"),
        errno.EISDIR: translate("files", "it is a folder"),
        errno.ENOTDIR: translate("files", "part of the path is not a folder"),
        errno.EEXIST: translate("files", "it already exists"),
        errno.ENOTEMPTY: translate("files", "the folder is not empty"),
        errno.ENAMETOOLONG: translate("files", "the name is too long"),
        errno.ELOOP: translate("files", "too many symbolic links"),
        errno.EIO: translate("files", "a read or write error (the disk may be failing)"),
        errno.EBUSY: translate("files", "it is in use"),
        errno.ETXTBSY: translate("files", "it is in use"),
        errno.EMFILE: translate("files", "too many files are open"),
        errno.ENFILE: translate("files", "too many files are open"),
        errno.EXDEV: translate("files", "it is on another disk"),
        errno.EINVAL: translate("files", "the name or the request is not valid here"),
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    if exc.errno is None:
        return exc.strerror or str(exc)
    return translate("files", "system error {code}").format(code=errno.errorcode.get(exc.errno, exc.errno))


def is_regular_file(path: Path, *, follow_symlinks: bool = True) -> bool:
    """True when ``path`` is a regular file (through symbolic links unless told not to); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path, follow_symlinks=follow_symlinks).st_mode)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return False


def _not_regular(path: Path, mode: int) -> NotRegularFile:
    return NotRegularFile(
        path,
        translate("files", "{path} is {kind}, not a regular file.").format(path=path, kind=describe_mode(mode)),
    )


def _too_large(path: Path, limit: int) -> FileTooLarge:
    return FileTooLarge(
        path,
        translate("files", "{path} is larger than {limit} bytes.").format(path=path, limit=f"{limit:,}"),
        limit,
    )


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed), at most ``limit`` of them.

    Raises :class:`NotRegularFile` or :class:`FileTooLarge` (both :class:`UnsafeFile`), or the ``OSError`` of a
    missing or unreadable file. Never blocks on a FIFO, even one swapped in after the first check; never reads
    more than ``limit + 1`` bytes, even from a file whose size the system reports as 0 (``/proc``).
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except ValueError as exc:  # a NUL in the name: no such file can exist
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path)) from exc
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if info.st_size > limit:
            raise _too_large(path, limit)
        data = bytearray()
        while len(data) <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - len(data)))
            if not chunk:
                break
            data += chunk
        if len(data) > limit:
            raise _too_large(path, limit)
        return bytes(data)
    finally:
        os.close(fd)


@functools.cache
def _umask() -> int:
    """The process umask, read without setting it where the system tells it (setting it races with threads)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    old = os.umask(0o022)
    os.umask(old)
    return old


def _sync_folder(folder: Path) -> None:
    """Flush a rename to disk; where folders cannot be opened or synced (Windows, some file systems), skip it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        # The new file is already in place: a failed folder sync only weakens the promise after a power cut.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o666, durable: bool = True) -> None:
    """Make ``path`` hold ``data``: written to a temporary file beside it, then renamed over it in one step.

    On any error the temporary file is removed, ``path`` is left as it was and the ``OSError`` propagates
    (``app.backups.os_error`` turns it into a message). A symbolic link at ``path`` is replaced, never followed.
    ``mode`` is applied less the umask, as ``open`` would. ``durable``: flush the data and the rename to disk
    first (skip only for caches, which can be rebuilt).
    """
    with atomic_output(path, mode=mode, durable=durable) as file:
        file.write(data)


@contextlib.contextmanager
def atomic_output(path: Path, *, mode: int = 0o666, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write ``path`` through, streaming: a temporary file beside it, renamed over it (flushed to disk,
    when ``durable``) as the block ends; on any error or cancel it is removed and ``path`` is left as it was."""
    path = Path(path)
    # A short prefix: the temporary name must stay within the file system's name limit.
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            if durable:
                os.fsync(file.fileno())
        os.chmod(temp, mode & ~_umask())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        _sync_folder(path.parent)


def shown(name: object, limit: int = 200) -> str:
    """A user-given name or path as it may appear in a one-line message: control characters escaped, cut short."""
    text = str(name)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
