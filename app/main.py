"""Command line and start-up: language, data folder, then a command or the desktop window.

Qt's GUI modules and qasync are imported only inside :func:`open_window`, so data commands start fast and
run on machines without a screen. The window's start skips the command line's grammar (argparse and its
hundred flags) when it is given nothing but window options: see :func:`_window_args`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO

from app import i18n
from app.i18n import translate

if TYPE_CHECKING:
    from app.clock import Clock
    from app.errors import PintuanError

# Paths may hold any bytes the file system allows (Python passes those as lone surrogates): not refused.
_PATH_ARGS = ("data_dir", "out", "file")


def _lang_from(argv: Sequence[str]) -> str | None:
    """``--lang`` is read before parsing, so that even usage errors speak the user's language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _window_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """What the full parser would make of ``argv`` when it holds only the window's options (``--data-dir DIR``,
    ``--lang en|zh_CN``, ``--demo``, each possibly repeated: the last wins); None for anything else (a command,
    ``--help``, an abbreviation, a bad value), which the full parser then handles, errors included."""
    found: dict[str, object] = {"command": None, "demo": False}
    i = 0
    while i < len(argv):
        flag, equals, value = argv[i].partition("=")
        if flag == "--demo" and not equals:
            found["demo"] = True
            i += 1
            continue
        if flag not in ("--data-dir", "--lang"):
            return None
        if not equals:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            if value.startswith("-"):  # argparse takes it for an option, not a value
                return None
            i += 1
        if flag == "--lang" and value not in i18n.LANGUAGES:
            return None
        found[flag[2:].replace("-", "_")] = value
        i += 1
    return SimpleNamespace(**found)


def _undecodable(argv: Sequence[str], args: object) -> str | None:
    """A message for the first argument that was not UTF-8 (``$'bad\\xffname'``), naming its flag; else None.

    Python hands such bytes over as lone surrogates, which the database cannot store: without this check the
    command would end in a UnicodeEncodeError traceback.
    """
    from app.text import has_surrogate, shown, undecodable_byte

    paths = {getattr(args, key, None) for key in _PATH_ARGS}
    for i, arg in enumerate(argv):
        flag, equals, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
        if not equals:
            flag, value = (argv[i - 1] if i and argv[i - 1].startswith("--") else ""), arg
        if value in paths or not has_surrogate(value):
            continue
        message = (translate("cli", "The value of {flag} ('{value}') is not valid text: byte {byte} is not UTF-8.")
                   if flag else translate("cli", "The argument '{value}' is not valid text: byte {byte} is not UTF-8."))
        return message.format(flag=flag, value=shown(value), byte=undecodable_byte(value))
    return None


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run one command (or open the window) and return the exit code: 0 ok, 1 problem, 2 bad input."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    err = err or sys.stderr
    i18n.set_language(_lang_from(argv))
    args: Any = _window_args(argv)  # a SimpleNamespace, or argparse's Namespace below
    if args is None:
        from app.cli.parser import build_parser

        parser = build_parser()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
        except BrokenPipeError:  # --help read by `| head`
            return _closed_pipe()
    # The window's own options cannot hold undecodable text but in a path, which is allowed: nothing to check.
    undecodable = None if isinstance(args, SimpleNamespace) else _undecodable(argv, args)
    if undecodable is not None:
        err.write(f"pintuan-quest: {undecodable}\n")
        return 2
    demo = bool(getattr(args, "demo", False))
    if getattr(args, "data_dir", None):
        data_dir = Path(args.data_dir).expanduser()
    else:  # platformdirs only when no folder was given (~5 ms before the window's first frame otherwise)
        from app.paths import default_data_dir, default_demo_dir

        data_dir = default_demo_dir() if demo or getattr(args, "command", None) == "demo" else default_data_dir()
    command = getattr(args, "command", None)
    if command is None:
        return open_window(data_dir, demo=demo, clock=clock, err=err, lang=_lang_from(argv))
    # The commands import the database and game code: the window's start does not wait for them.
    from app.cli.commands import COMMANDS, Context
    from app.clock import SystemClock

    clock = clock or SystemClock()

    ctx: Context | None = None
    failed = True
    try:
        ctx = Context(data_dir, clock, out, err)
        code = COMMANDS[command](ctx, args)
        failed = code == 2
        if not failed:
            ctx.finish()
        return code
    except BrokenPipeError:
        failed = False
        return _closed_pipe()
    except Exception as exc:
        return report(exc, data_dir, clock, err, f"pintuan-quest {command}")
    finally:
        if ctx is not None:
            with contextlib.suppress(Exception):  # closing must not turn an answered command into a traceback
                ctx.close(failed=failed)


def report(exc: Exception, data_dir: Path, clock: Clock, err: TextIO, what: str) -> int:
    """Say what failed in one line and return the exit code: the user's input (2), the environment's fault (1),
    or our bug (1, logged with its traceback to the data folder's log, whose path the line names)."""
    from app.errors import PintuanError

    known = exc if isinstance(exc, PintuanError) else explain(exc, data_dir, clock)
    if known is not None:  # escaped: a stored name quoted in a message must not break the one line
        from app.text import escape

        err.write(f"pintuan-quest: {escape(known.message)}\n")
        return known.exit_code
    from app.logs import log_bug

    log = log_bug(data_dir, exc, what)
    where = str(log) if log else translate("cli", "(the log could not be written)")
    err.write(
        "pintuan-quest: "
        + translate("cli", "Something went wrong inside Pintuan Quest (a bug): {error}. Details: {log}").format(
            error=type(exc).__name__, log=where
        )
        + "\n"
    )
    return 1


def explain(exc: BaseException, data_dir: Path, clock: Clock, *, move: bool = True) -> PintuanError | None:
    """The environment's failures as one line saying what happened and what to do; None for our bugs.

    A damaged database is moved aside (``move``) and its :class:`DamagedDatabase` returned; the window passes
    ``move=False``: it still has the file open and must stop using it before it is moved.
    """
    import sqlite3

    from app.backups import os_error

    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error) or isinstance(exc, sqlite3.Error):
        from app.damage import environment_error, is_corruption
        from app.paths import database_path

        if is_corruption(exc):
            return _damaged(data_dir, str(orig or exc), clock, move)
        return environment_error(database_path(data_dir), orig or exc)
    if isinstance(exc, OSError):
        return os_error(Path(exc.filename) if exc.filename else data_dir, exc)
    if isinstance(exc, RecursionError | MemoryError):
        return PintuanError(translate("cli", "The input is too large or too deeply nested to handle."))
    from app.damage import damaged_value

    if damaged_value(exc):
        return _damaged(data_dir, str(exc), clock, move)
    # A value that cannot be read back (a flipped bit in an enum, an id, a date) is damage, not our bug, when
    # the database fails its integrity check (which compares rows with their indexes and verifies the CHECK
    # constraints). Only on this failure path: on a large database the check takes seconds.
    problem = _damage(data_dir)
    return _damaged(data_dir, problem, clock, move) if problem is not None else None


def _damaged(data_dir: Path, problem: str, clock: Clock, move: bool) -> PintuanError:
    from app.damage import damaged
    from app.errors import DamagedDatabase
    from app.paths import database_path

    if not move:
        return DamagedDatabase(
            translate("store", "{path} is damaged ({problem}).").format(path=database_path(data_dir),
                                                                         problem=problem)
        )
    try:
        return damaged(data_dir, problem, clock.now())
    except PintuanError as moved:  # it could not be moved (read-only folder): say that instead
        return moved


def _damage(data_dir: Path) -> str | None:
    """The first problem ``PRAGMA integrity_check`` finds in the database, or None (none, or no database)."""
    import sqlite3

    from app.damage import is_corruption
    from app.paths import database_path

    path = database_path(data_dir)
    if not path.is_file():
        return None
    # Not read-only: SQLite skips the CHECK constraints in the checks of a read-only connection. Nothing is
    # written; the command's own connection is still open, so closing this one checkpoints nothing.
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(1)")]
    except sqlite3.Error as exc:
        return str(exc) if is_corruption(exc) else None
    return None if rows == ["ok"] else rows[0]


def _closed_pipe() -> int:
    """The reader of our output went away (``| head``): stop quietly, as other command-line tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        if os.environ.get("WAYLAND_DISPLAY"):
            return True
        display = os.environ.get("DISPLAY", "")
        if not display:
            return False
        host, _, number = display.partition(":")
        if host in ("", "unix"):  # a local X server listens on its socket; a stale DISPLAY would abort Qt
            return os.path.exists(f"/tmp/.X11-unix/X{number.split('.')[0]}")
        return True
    return True


def open_window(data_dir: Path, *, demo: bool, clock: Clock | None, err: TextIO, lang: str | None = None) -> int:
    """Start the desktop app; with ``demo``, fill an empty demo folder first (on ``clock``, by default the
    system's)."""
    if not has_display():
        err.write(
            translate(
                "cli",
                "No display found: the window needs a graphical session. On a server, run it on a virtual "
                "screen: xvfb-run -a python -m app",
            )
            + "\n"
        )
        return 1
    if demo:
        from app.clock import SystemClock

        clock = clock or SystemClock()
        try:
            _ensure_demo(data_dir, clock, err)
        except Exception as exc:  # a file where the folder should be, a full disk…: one line, never a traceback
            return report(exc, data_dir, clock, err, "pintuan-quest --demo")
    # No automatic garbage collection until the window is up: the passes its imports and widgets would set off
    # only delay the first frame; the window's GuiThreadCollector collects in the GUI thread after it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from app.ui.app import run_window

        return run_window(data_dir, lang=lang, first_run=not demo)
    finally:
        if collecting:
            gc.enable()


def _ensure_demo(data_dir: Path, clock: Clock, err: TextIO) -> None:
    from app.demo import create_demo_folder
    from app.store import Store

    if Store.exists(data_dir):
        return
    err.write(translate("cli", "Creating demo data in {path}…").format(path=data_dir) + "\n")
    create_demo_folder(data_dir, clock)


def run() -> None:
    """The console script ``pintuan-quest`` and ``python -m app``."""
    from app.cli.loading import one_command_process

    one_command_process()
    code = main()
    try:
        # Output still buffered when the reader went away (``| head``) fails here, not in the interpreter's
        # flush at exit, which would print "Exception ignored … BrokenPipeError" and exit 120.
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    sys.exit(code)
