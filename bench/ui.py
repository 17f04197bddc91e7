"""Benchmark the desktop app's start and its History page: the figures issue 4 asks for, in one run.

Run ``.venv/bin/python bench/ui.py [--data-dir-100k D] [--data-dir-1m D] [--runs 5]``.

1. Start to first paint, each run in a fresh process: the parent notes the wall clock just before it starts
   the child and passes it in; the child (this file with ``--child bare|app``) puts an event filter on the
   main window when it is shown, and on the window's first ``QEvent.Paint`` posts a zero-time timer (so the
   whole first frame, children included, is painted), prints the elapsed time and leaves with ``os._exit(0)``.
   The filter watches that window only (``QWidget.show`` is wrapped to install it): an application-wide
   Python filter, the first probe, has every event of every object converted for Python, and the first object
   of a class PySide6 does not wrap (a list widget's inner model, say) makes it load every type of the module
   (~190 enums, ~30 ms) -- a cost of the probe, not of the window, that grows with the window's widgets and
   so weighed on the app but not on the bare window. ``--probe app-filter`` measures the old way.
   ``bare`` is a plain ``QMainWindow``; ``app`` is the real start (``app.main.main`` -> ``run_window`` ->
   ``Launcher``: the window shows first, the store opens after) on a 100,000-activity demo folder.
   ``python -c pass`` is measured the same way, as the interpreter's own share. One warm-up run of each kind
   is discarded, then the kinds are interleaved; medians are printed. The children get an empty
   ``XDG_CONFIG_HOME``, so no saved window state or language of the user's applies; in it the first-run dialog
   is marked done (a returning user's start).
2. History open and jump to the end on 1,000,000 activities: ``bench/ui_history.py`` run on that folder (its
   ``main`` ends the process with ``os._exit`` and its ``measure`` reports by printing, so it is run as a
   subprocess and its output parsed).

Without ``--data-dir-100k``/``--data-dir-1m`` (or with a folder that has no database yet) the demo folders are
built first: about 10 s for 100,000 activities, about 90 s for a million. Qt runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HISTORY_BENCH = ROOT / "bench" / "ui_history.py"
MARK = "FIRST_PAINT_S="


# --- child: one start, measured to the first painted frame ------------------------------------------------------
def _seed_settings() -> None:
    """Mark the first-run dialog done in the (empty, temporary) settings: the bench times a returning user's start."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui.app import APP_NAME, ORGANISATION

    try:
        from app.ui.first_run import DONE_KEY
    except ImportError:  # no first-run dialog in this version
        DONE_KEY = "first_run/done"  # noqa: N806
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    settings = QSettings()
    settings.setValue(DONE_KEY, True)
    settings.sync()
    os._exit(0)


def _child(kind: str, started: float, data_dir: str | None, probe: str = "window") -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                self.seen = True
                QTimer.singleShot(0, self.report)  # after the whole frame (children paint after the window)
            return False

        def report(self) -> None:
            print(f"{MARK}{time.time() - started:.6f}", flush=True)
            os._exit(0)  # skip teardown: the figure is out, and PySide6 can crash in the final collection

    app = QApplication.instance() or QApplication([sys.argv[0]])
    watcher = FirstPaint()
    if probe == "app-filter":
        app.installEventFilter(watcher)
    else:
        real_show = QWidget.show

        def show(widget: QWidget) -> None:
            if isinstance(widget, QMainWindow):
                widget.installEventFilter(watcher)  # before the show: the first paint follows it
            real_show(widget)

        QWidget.show = show  # type: ignore[method-assign]  # the main window's own show, bare or the app's
    if kind == "bare":
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1280, 800)
        window.show()
        app.exec()
    else:
        sys.path.insert(0, str(ROOT))
        from app.main import main

        main(["--data-dir", str(data_dir), "--lang", "en"])  # run_window reuses the QApplication made above
    print("the window closed before its first paint", file=sys.stderr)
    os._exit(1)


# --- parent -----------------------------------------------------------------------------------------------------
def _child_env(config_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config_home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _start_once(kind: str, data_dir: Path, env: dict[str, str], probe: str = "window") -> float:
    if kind == "python":
        started = time.time()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        return time.time() - started
    started = time.time()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--started", repr(started),
           "--probe", probe]
    if kind == "app":
        cmd += ["--child-data-dir", str(data_dir)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return float(line[len(MARK) :])
    raise RuntimeError(f"child {kind} gave no figure (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def _ensure_100k(data_dir: Path | None, activities: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from app.clock import FixedClock
    from app.demo import create_demo_folder
    from app.store import Store
    from bench.ui_history import NOW, ZONE  # the demo's clock, as ui_history builds its folder

    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="pintuan-ui-bench-")) / "data"
    if not Store.exists(data_dir):
        started = time.perf_counter()
        create_demo_folder(data_dir, FixedClock(NOW, ZONE), activities=activities)
        print(f"built a {activities:,}-activity demo folder {data_dir} in {time.perf_counter() - started:.0f} s")
    return data_dir


HISTORY_FIGURES = {
    "rows": re.compile(r"^rows: ([\d,]+)"),
    "open": re.compile(r"^open \(first block \+ count, painted\): (\d+) ms"),
    "open_warm": re.compile(r"^open again \(warm\): (\d+) ms"),
    "next_block": re.compile(r"^next block .*: (\d+) ms"),
    "jump_end": re.compile(r"^jump to end \(oldest block, painted\): (\d+) ms"),
    "jump_middle": re.compile(r"^jump to the middle .*: (\d+) ms"),
    "rss": re.compile(r"^RSS after random jumps: (\d+) MB"),
    "built": re.compile(r"^built demo folder .* in (\d+) s"),
}


def _history(data_dir: Path | None, activities: int) -> dict[str, str]:
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="pintuan-ui-bench-")) / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, str(HISTORY_BENCH), "--data-dir", str(data_dir), "--activities", str(activities)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"{HISTORY_BENCH.name} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    found = {"folder": str(data_dir)}
    for line in proc.stdout.splitlines():
        for key, pattern in HISTORY_FIGURES.items():
            if match := pattern.match(line):
                found[key] = match.group(1)
    missing = {"rows", "open", "jump_end"} - found.keys()
    if missing:
        raise RuntimeError(f"{HISTORY_BENCH.name} output lacks {sorted(missing)}:\n{proc.stdout}")
    return found


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir-100k", type=Path, help="a 100,000-activity demo folder to reuse (built when empty)")
    parser.add_argument("--data-dir-1m", type=Path, help="a 1,000,000-activity demo folder to reuse (built when empty)")
    parser.add_argument("--runs", type=int, default=5, help="fresh starts of each kind (default 5)")
    parser.add_argument("--skip-history", action="store_true", help="only the start-up figures")
    parser.add_argument("--probe", choices=("window", "app-filter"), default="window",
                        help="how a child sees the first paint: a filter on the main window (default), or the "
                             "first, application-wide one (which costs the app ~30 ms more than the bare window)")
    parser.add_argument("--child", choices=("bare", "app", "seed"), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--child-data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.child == "seed":
            _seed_settings()
        _child(args.child, args.started if args.started is not None else time.time(), args.child_data_dir,
               args.probe)
        return

    small = _ensure_100k(args.data_dir_100k, 100_000)
    kinds = ("python", "bare", "app")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="pintuan-ui-bench-config-") as config_home:
        env = _child_env(Path(config_home))
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "seed"], env=env, check=True)
        for kind in kinds:  # warm-up: byte code compiled, files in the page cache
            _start_once(kind, small, env, args.probe)
        for _ in range(args.runs):
            for kind in kinds:
                times[kind].append(_start_once(kind, small, env, args.probe))
    history = None if args.skip_history else _history(args.data_dir_1m, 1_000_000)

    median = {kind: statistics.median(values) for kind, values in times.items()}
    labels = {
        "python": "interpreter start (python -c pass)",
        "bare": "bare PySide6 QMainWindow, start to first paint",
        "app": "Pintuan Quest window (100,000 activities), start to first paint",
    }
    rows: list[tuple[str, str, str]] = []
    for kind in kinds:
        spread = f"min {_ms(min(times[kind]))}, max {_ms(max(times[kind]))}, n={len(times[kind])}"
        rows.append((labels[kind], _ms(median[kind]), spread))
    extra = median["app"] - median["bare"]
    rows.append(("app minus bare window", _ms(extra), f"app = {median['app'] / median['bare']:.2f} x bare"))
    if history is not None:
        rows.append(
            (
                f"history open, {history['rows']} activities (first block + count, painted)",
                f"{history['open']} ms",
                f"cold; warm {history.get('open_warm', '?')} ms",
            )
        )
        rows.append(
            (
                "history jump to end (oldest block, painted)",
                f"{history['jump_end']} ms",
                f"middle {history.get('jump_middle', '?')} ms; RSS {history.get('rss', '?')} MB",
            )
        )

    width = max(len(label) for label, _, _ in rows)
    print()
    print(
        f"Pintuan Quest UI bench (Python {sys.version.split()[0]}, QT_QPA_PLATFORM=offscreen, "
        f"{os.cpu_count()} CPUs); start-up: median of {args.runs} fresh processes, first paint seen by "
        f"{'an application-wide filter' if args.probe == 'app-filter' else 'a filter on the main window'}"
    )
    print(f"{'measure':<{width}}  {'median':>9}  notes")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 40}")
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>9}  {note}")
    print()
    print(f"100k folder: {small}")
    if history is not None:
        built = f" (built in {history['built']} s)" if "built" in history else ""
        print(f"1M folder:   {history['folder']}{built}")


if __name__ == "__main__":
    main()
