"""Crash harness: a writer process is killed with SIGKILL at random moments, then the folder is checked.

The writer records helps through the services, backs up, installs a quest pack, or opens (and so migrates) a
database of an older schema; the harness kills it at a random moment (a seeded random operation, then a random
delay within that operation's usual duration), then opens the folder as the next start would and checks that every
acknowledged write is there, ``integrity_check`` and ``foreign_key_check`` are clean, every file with a backup's
final name is a whole database, and the game equals a recompute (bench/crash_checks.py). The next round continues on
the same folder.

Run ``.venv/bin/python bench/crash.py --kills 10 [--seed S] [--data-dir DIR]``: one line per kill, then
``kills: N, committed: C, lost: L``; exit 1 when any check failed. tests/test_crash.py runs 20 kills.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import selectors
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from app.backups import set_second_folder  # noqa: E402
from app.clock import SystemClock  # noqa: E402
from app.quests.schema import load_chain  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.game import GameService  # noqa: E402
from app.store import Store, head_revision  # noqa: E402
from bench.crash_checks import PACK, ZONE, Folder, check_folder  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
GROUPS = (("拼团生鲜群", "fresh_food"), ("Crash Digital", "digital"))
CONTACTS = ("小美", "Alice", "阿强")
HELP_KINDS = ("share", "boost_click", "join_group", "other")
# One block of rounds: what each kill aims at (its order is shuffled per block). "migrate" runs when a writer opens
# a copy of an older-schema database: the backup before the upgrade, then the upgrade.
BLOCK = ("help", "backup", "migrate", "install", "help")
# A first guess of each operation's duration (seconds), replaced by what the rounds measure.
GUESS = {"migrate": 0.3, "help": 0.03, "backup": 0.1, "install": 0.5}
FIRST_OP = 2  # the writer's operation 0 migrates, 1 makes the groups and contacts; the plan's come after
WAIT_S = 120.0  # a writer that shows no sign of life for this long has hung


# -- the writer process ------------------------------------------------------------------------------------


def writer_main() -> None:
    """The writer: imports first (while the previous round is checked), then reads its plan and writes until killed.

    Prints ``start <i> <op>`` before operation i, ``ack <kind> <value>`` once a write returned, ``done <i>`` after.
    """
    import alembic.command
    import alembic.script  # noqa: F401

    line = sys.stdin.readline()
    if not line.strip():
        return  # the harness is done with this spare writer
    plan = json.loads(line)
    rng = random.Random(plan["seed"])
    folder = Path(plan["folder"])

    store = Store.open(folder, migrate=False)  # what Store.open(folder) does, in two steps to mark the second
    emit("start 0 migrate")
    store.migrate()
    emit("done 0", "start 1 setup")
    services = Services(store, SystemClock(ZONE))
    services.profile.ensure()
    services.game.ensure_current()
    groups = {g["name"]: g["id"] for g in services.queries.groups()}
    for name, vertical in GROUPS:
        if name not in groups:
            groups[name] = str(services.groups.create(name=name, vertical=vertical).entity_id)
            emit(f"ack group {groups[name]}")
    contacts = {c["nickname"]: c["id"] for c in services.queries.contacts()}
    for nickname in CONTACTS:
        if nickname not in contacts:
            contacts[nickname] = str(services.contacts.create(nickname=nickname).entity_id)
            emit(f"ack contact {contacts[nickname]}")
    emit("done 1")

    ops: list[str] = plan["ops"]
    group_ids = [groups[name] for name, _ in GROUPS]
    contact_ids = [contacts[name] for name in CONTACTS]
    for i, op in enumerate(itertools.chain(ops, itertools.repeat("help")), start=FIRST_OP):
        emit(f"start {i} {op}")
        if op == "help":
            fields: dict[str, Any] = {"direction": rng.choice(("given", "received")), "kind": rng.choice(HELP_KINDS),
                                      "contact": rng.choice(contact_ids)}
            if rng.random() < 0.7:
                fields["group"] = rng.choice(group_ids)
            made = services.helps.create(**fields)
            emit(f"ack help {made.entity_id}", f"done {i}")
        elif op == "backup":
            backup = store.backup("auto")
            lines = [f"ack backup {backup.path.name}"]
            if store.mirror_error:
                lines.append(f"error {store.mirror_error}")
            emit(*lines, f"done {i}")
        elif op == "install":
            version = _install_next(services.game, Path(plan["scratch"]))
            emit(f"ack pack {version}", f"done {i}")
        else:
            raise ValueError(op)


def _install_next(game: GameService, scratch: Path) -> int:
    """Install the example pack one version above the installed one (a newer version replaces it)."""
    installed = game.packs_dir / f"{load_chain(PACK).id}.toml"
    version = (load_chain(installed).version if installed.exists() else 0) + 1
    scratch.mkdir(parents=True, exist_ok=True)
    source = scratch / f"pack-{version}.toml"
    source.write_text(PACK.read_text(encoding="utf-8").replace("\nversion = 1\n", f"\nversion = {version}\n"),
                      encoding="utf-8")
    game.install(source)
    return version


def emit(*lines: str) -> None:
    """Lines to the harness in one write: an acknowledgement and its ``done`` arrive together or not at all."""
    data = "".join(f"{line}\n" for line in lines).encode()
    while data:
        data = data[os.write(1, data):]


# -- the harness ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    """A whole run: kills done, writes acknowledged and missing, problems, and where the kills landed."""

    kills: int = 0
    committed: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)
    targeted: Counter[str] = field(default_factory=Counter)  # the operation each kill aimed at
    landed: Counter[str] = field(default_factory=Counter)  # kills that came while that operation was running
    seconds: float = 0.0

    @property
    def last_line(self) -> str:
        return f"kills: {self.kills}, committed: {self.committed}, lost: {self.lost}"


@dataclass
class Round:
    """What one writer did before its kill, as its output told."""

    acks: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    inside: str | None = None  # the operation running when the kill came
    ended: int | None = None  # exit status when the writer ended by itself (a failure)
    stalled: bool = False


@dataclass(frozen=True)
class Killed:
    """A round whose writer was killed: where, what the kill aimed at, after what delay, what the writer said."""

    folder: Folder
    target: str
    delay: float
    round: Round


class Writer:
    """One writer subprocess and its output, read line by line without blocking."""

    def __init__(self, log: IO[bytes]) -> None:
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.crash import writer_main; writer_main()"
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=log, bufsize=0)
        assert self.proc.stdout is not None
        self._out = self.proc.stdout
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)
        self.eof = False
        self.last_read = time.monotonic()

    def send(self, plan: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(plan) + "\n").encode())
        self.proc.stdin.close()

    def lines(self, timeout: float) -> list[str]:
        """The complete lines that arrive within ``timeout`` seconds (maybe none); sets ``eof`` at the end."""
        if self.eof or not self._selector.select(timeout):
            return []
        chunk = os.read(self._out.fileno(), 65536)
        self.last_read = time.monotonic()
        if not chunk:
            self.eof = True  # a partial last line cannot be an acknowledgement: emit() writes whole lines
            return []
        *done, self._buffer = (self._buffer + chunk).split(b"\n")
        return [line.decode() for line in done if line]

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.proc.stdin and not self.proc.stdin.closed:
                self.proc.stdin.close()  # a spare writer reads an empty plan and leaves
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self._selector.close()
        self._out.close()


def run(kills: int, seed: int, data_dir: Path, progress: Callable[[str], None] | None = None) -> Result:
    """Kill ``kills`` writers in ``data_dir`` (created when missing) and check the data after each kill."""
    return Harness(seed, Path(data_dir), progress or (lambda _line: None)).run(kills)


class Harness:
    """The rounds of one run: plans, kills, checks, and the durations measured so far."""

    def __init__(self, seed: int, root: Path, progress: Callable[[str], None]) -> None:
        self.rng = random.Random(seed)
        self.root = root
        self.progress = progress
        self.durations = dict(GUESS)
        self.result = Result()
        self.lost: set[str] = set()
        mirror = root / "mirror"
        mirror.mkdir(parents=True, exist_ok=True)
        self.main = Folder(root / "main", mirror=mirror)
        self.main.path.mkdir(parents=True, exist_ok=True)
        set_second_folder(self.main.path, mirror)
        head = head_revision()
        self.fixtures = [f for f in sorted(FIXTURES.glob("schema_*.sqlite3")) if _revision(f) != head]

    def run(self, kills: int) -> Result:
        started = time.perf_counter()
        targets: list[str] = []
        with open(self.root / "writers.log", "ab") as log:
            writer = Writer(log)
            try:
                for k in range(1, kills + 1):
                    if not targets:
                        targets = list(BLOCK)
                        self.rng.shuffle(targets)
                    target = targets.pop()
                    if target == "migrate" and not self.fixtures:
                        target = "help"  # no older schema to migrate from: this version has only one
                    folder = self._old_folder(k) if target == "migrate" else self.main
                    at, delay = self._plan(writer, folder, target)
                    current, writer = writer, Writer(log)  # the next one imports while this round runs
                    killed = self._kill(k, current, folder, target, at, delay)
                    if killed is None or not self._check(k, kills, killed):
                        break
            finally:
                writer.close()
        self.result.seconds = time.perf_counter() - started
        return self.result

    def _plan(self, writer: Writer, folder: Folder, target: str) -> tuple[int, float]:
        """Send the writer its work; the number of the operation the kill aims at, and the delay after its start."""
        ops = ["help"] * self.rng.randint(0, 6)
        if target != "backup" and self.rng.random() < 0.3:
            ops.insert(self.rng.randint(0, len(ops)), "backup")
        at = 0  # the migration
        if target != "migrate":
            ops.append(target)
            at = FIRST_OP + len(ops) - 1
        ops += ["help"] * 3
        writer.send({"folder": str(folder.path), "ops": ops, "seed": self.rng.randrange(2**32),
                     "scratch": str(self.root / "scratch")})
        return at, self.rng.uniform(0, 1.25 * self.durations[target])

    def _kill(self, k: int, writer: Writer, folder: Folder, target: str, at: int, delay: float) -> Killed | None:
        """Kill the writer at the chosen moment and note what it acknowledged; None when it failed on its own."""
        done = self._watch(writer, at, delay, migrating=folder is not self.main)
        self.result.targeted[target] += 1
        if done.ended is not None or done.stalled:
            why = "hung" if done.stalled else f"ended by itself (status {done.ended})"
            log = (self.root / "writers.log").read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            self._fail(f"kill {k}: the writer {why} before its kill; the end of its log:\n" + "\n".join(log))
            return None
        self.result.kills += 1
        if done.inside:
            self.result.landed[done.inside] += 1
        for kind, value in done.acks:
            if kind in ("help", "group", "contact"):
                folder.rows.setdefault(kind, set()).add(uuid.UUID(value))
            elif kind == "pack":
                folder.pack_version = max(folder.pack_version, int(value))
        self.result.committed += len(done.acks)
        return Killed(folder, target, delay, done)

    def _check(self, k: int, kills: int, killed: Killed) -> bool:
        """Check the folder of the round just killed; False when it cannot even be opened."""
        folder, target, delay, done = killed.folder, killed.target, killed.delay, killed.round
        found = check_folder(folder, [value for kind, value in done.acks if kind == "backup"])
        found.problems += [f"writer: {e}" for e in done.errors]
        missing = {f"{folder.path.name}: {m}" for m in found.missing} - self.lost  # each loss is told once
        self.lost |= missing
        self.result.lost = len(self.lost)
        for problem in found.problems + [f"acknowledged but missing: {m}" for m in sorted(missing)]:
            self._fail(f"kill {k} ({target} in {folder.path.name}): {problem}")
        where = f"inside {done.inside}" if done.inside else "between operations"
        verdict = "FAILED" if found.problems or found.missing else "ok"
        self.progress(f"kill {k}/{kills}: aimed at {target} in {folder.path.name} (+{delay * 1000:.0f} ms), "
                      f"landed {where}, {len(done.acks)} writes acknowledged, check {verdict}")
        if folder is not self.main and verdict == "ok":
            shutil.rmtree(folder.path, ignore_errors=True)
        return found.opened

    def _old_folder(self, k: int) -> Folder:
        """A copy of an older-schema database in a folder of its own: the writer's open migrates it."""
        fixture = self.rng.choice(self.fixtures)
        folder = Folder(self.root / f"old-{k}")
        folder.path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fixture, folder.path / "pintuan.sqlite3")
        folder.before = fixture
        return folder

    def _watch(self, writer: Writer, at: int, delay: float, *, migrating: bool) -> Round:
        """Read the writer until operation ``at`` starts, let it run ``delay`` seconds, kill it, read the rest."""
        out = Round()
        running: dict[str, tuple[str, float]] = {}  # operation number -> (kind, start time)
        kill_at: float | None = None
        while kill_at is None or time.monotonic() < kill_at:
            wait = WAIT_S if kill_at is None else kill_at - time.monotonic()
            for line in writer.lines(max(0.0, wait)):
                self._line(line, out, running, migrating)
                if kill_at is None and line.startswith(f"start {at} "):
                    kill_at = time.monotonic() + delay
            if writer.eof:
                out.ended = writer.proc.wait()
                writer.close()
                return out
            if kill_at is None and time.monotonic() - writer.last_read >= WAIT_S:
                out.stalled = True
                writer.kill()
                writer.close()
                return out
        writer.kill()
        while not writer.eof:
            for line in writer.lines(5.0):
                self._line(line, out, running, migrating)
        writer.close()
        if running:
            out.inside = next(iter(running.values()))[0]
        return out

    def _line(self, line: str, out: Round, running: dict[str, tuple[str, float]], migrating: bool) -> None:
        word, _, rest = line.partition(" ")
        if word == "start":
            number, kind = rest.split()
            running[number] = (kind, time.monotonic())
        elif word == "done":
            kind, began = running.pop(rest, ("", 0.0))
            # Later delays aim within what the operation takes now (the history, and so backups, grow); a migration
            # is aimed at only where there is one.
            if kind in self.durations and (kind != "migrate" or migrating):
                self.durations[kind] = time.monotonic() - began
        elif word == "ack":
            kind, value = rest.split(" ", 1)
            out.acks.append((kind, value))
        elif word == "error":
            out.errors.append(rest)

    def _fail(self, problem: str) -> None:
        self.result.problems.append(problem)
        self.progress(f"  PROBLEM {problem}")


def _revision(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


# -- the command line ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10, help="how many writers to kill (default 10)")
    parser.add_argument("--seed", type=int, default=None, help="the random seed (default: a new one, printed)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the folder to work in (default: a temporary one, removed when every check passed)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    root = args.data_dir or Path(tempfile.mkdtemp(prefix="pintuan-crash-"))
    print(f"seed {seed}, folder {root}", flush=True)
    result = run(args.kills, seed, root, lambda line: print(line, flush=True))
    landed = ", ".join(f"{kind} {n}" for kind, n in sorted(result.landed.items())) or "none"
    print(f"{result.seconds:.1f} s; kills that landed inside an operation: {landed}")
    if result.problems:
        print(f"{len(result.problems)} problems (the folder is kept: {root}):")
        for problem in result.problems:
            print(f"  {problem}")
    elif args.data_dir is None:
        shutil.rmtree(root, ignore_errors=True)
    print(result.last_line, flush=True)
    return 1 if result.problems or result.lost else 0


if __name__ == "__main__":
    sys.exit(main())
