"""100 damaged databases through the command line: never a traceback, never silently empty, never written to.

A small realistic database is generated once (through the services), then each case damages a copy in its own way
(truncation, garbage pages, header fields, the write-ahead log, what stands in the file's place, files of other
kinds) and runs what a user would: a read (``list helps``), a write (``add help``), ``check``, and ``restore``.
``bench/corruption.py`` runs the same cases and prints how many ended which way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from app.backups import BACKUP_DIRNAME
from app.backups import ro_uri as backups_ro
from app.clock import FixedClock
from app.logs import LOG_DIRNAME, LOG_FILENAME
from app.main import main
from app.services import Services
from app.store import Store, database_path

ZONE = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DB = "pintuan.sqlite3"
PREFIX = "pintuan-quest: "
HELPS = 300
WAL_HELPS = 40


# -- the original -----------------------------------------------------------------------------------------


@dataclass
class Original:
    """The generated databases every case starts from, and what they hold."""

    root: Path
    plain: Path  # a data folder: one checkpointed database
    wal: Path  # a data folder: the same database with WAL_HELPS more helps still in its -wal
    other_wal: Path  # the -wal of another Pintuan Quest database, same page size
    help_ids: list[str]  # of ``plain``, in the order written
    wal_help_ids: list[str]  # written into ``wal``'s log, in order
    pages: dict[str, list[tuple[int, str]]]  # table or index -> [(page number, leaf/internal)] in ``plain``
    page_size: int
    clock_end: dt.datetime

    def backups_of(self, source: str) -> Path:
        return self.root / f"backups-{source}"


def _fill(services: Services, clock: FixedClock, seed: int, helps: int) -> tuple[list[str], list[str], list[str]]:
    """Groups, contacts, a deal, requests and ``helps`` helps; the ids of the contacts, groups and helps."""
    rng = random.Random(seed)
    groups = [str(services.groups.create(name=f"拼团群{i}", vertical="mother_baby",
                                         windows=["Mon-Fri 19:00-22:00"]).entity_id) for i in range(4)]
    contacts = [str(services.contacts.create(nickname=f"好友{i}", wechat_id=f"wx{seed}{i}",
                                             groups=[groups[i % 4]]).entity_id) for i in range(30)]
    deal = str(services.deals.create(kind="bargain", title="婴儿奶粉", original_fen=25800, target_fen=0,
                                     group=groups[0], mine=True).entity_id)
    for i in range(8):
        services.requests.create(group=groups[i % 4], deal=deal if i % 2 else None)
    return contacts, groups, _helps(services, clock, rng, contacts, groups, helps)


def _helps(services: Services, clock: FixedClock, rng: random.Random, contacts: list[str], groups: list[str],
           count: int) -> list[str]:
    ids = []
    for _ in range(count):
        clock.advance(minutes=rng.randint(1, 30))
        ids.append(str(services.helps.create(
            direction=rng.choice(["given", "received"]), kind=rng.choice(["boost_click", "share", "join_group"]),
            contact=rng.choice(contacts), group=rng.choice(groups), note="谢谢" * rng.randint(0, 40),
        ).entity_id))
    return ids


@contextlib.contextmanager
def seeded_ids(seed: int) -> Iterator[None]:
    """Random ids from a seeded generator: the same ids, so the same pages, and the same table on every run."""
    rng = random.Random(seed)
    with mock.patch("uuid.uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4)):
        yield


def build_original(root: Path) -> Original:
    """Generate the databases (a few seconds): ``plain``, ``wal`` with an un-checkpointed log, and their backups."""
    with seeded_ids(1):
        return _build_original(root)


def _build_original(root: Path) -> Original:
    clock = FixedClock(START, ZONE)
    plain = root / "plain"
    store = Store.open(plain)
    services = Services(store, clock)
    services.profile.ensure()
    contacts, groups, help_ids = _fill(services, clock, 7, HELPS)
    store.backup("manual", now=clock.now())
    store.close()
    shutil.move(plain / "backups", root / "backups-plain")

    # The same database with more helps still only in its write-ahead log: a connection holding the file open
    # (and never checkpointing) keeps the log when the store closes; the files are copied while it is open.
    wal = root / "wal"
    shutil.copytree(plain, wal)
    holder = sqlite3.connect(database_path(wal))
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    store = Store.open(wal)
    services = Services(store, clock)
    wal_help_ids = _helps(services, clock, random.Random(8), contacts, groups, WAL_HELPS)
    store.close()
    assert Path(f"{database_path(wal)}-wal").stat().st_size > 32 * 1024, "the helps must still be in the log"
    saved = root / "wal-saved"
    saved.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{database_path(wal)}{suffix}", saved / f"{DB}{suffix}")
    store_backup = root / "backups-wal"
    _backup_of(saved, store_backup, clock.now())
    holder.close()
    shutil.rmtree(wal)
    saved.rename(wal)

    other_wal = logged_database(root / "other", clock, 30)

    conn = sqlite3.connect(database_path(plain))
    pages: dict[str, list[tuple[int, str]]] = {}
    for name, pageno, pagetype in conn.execute("SELECT name, pageno, pagetype FROM dbstat ORDER BY pageno"):
        pages.setdefault(name, []).append((int(pageno), str(pagetype)))
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    return Original(root, plain, wal, other_wal, help_ids, wal_help_ids, pages, page_size, clock.now())


def logged_database(folder: Path, clock: FixedClock, helps: int) -> Path:
    """Another Pintuan Quest database whose data is all still in its -wal; a copy of that log."""
    store = Store.open(folder)
    Services(store, clock).profile.ensure()
    store.close()
    holder = sqlite3.connect(database_path(folder))
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    store = Store.open(folder)
    _fill(Services(store, clock), clock, 9, helps)
    store.close()
    log = folder.parent / f"{folder.name}.sqlite3-wal"
    shutil.copyfile(f"{database_path(folder)}-wal", log)
    holder.close()
    return log


def _backup_of(folder: Path, backups: Path, now: dt.datetime) -> None:
    """A verified backup of the database in ``folder`` (read through its -wal) made by the app's own code."""
    from app.backups import write_backup

    copy = folder.parent / f"{folder.name}-for-backup"
    shutil.copytree(folder, copy)
    write_backup(database_path(copy), backups, "manual", now)
    shutil.rmtree(copy)


# -- the damage -------------------------------------------------------------------------------------------

Damage = Callable[[Path, Original, random.Random], None]


@dataclass(frozen=True)
class Case:
    """One way a database can be damaged, and what a user has beside it."""

    name: str
    kind: str  # truncation, garbage, header, wal, filesystem, foreign
    damage: Damage
    source: str = "plain"  # which original: "plain" or "wal"
    backup: bool = False  # whether a verified backup of the original is in the data folder
    seed: int = 0


def _db(folder: Path) -> Path:
    return folder / DB


def _size(folder: Path) -> int:
    return _db(folder).stat().st_size


def cut_by(count: int) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        os.truncate(_db(folder), max(0, _size(folder) - count))
    return damage


def cut_to(size: int) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        os.truncate(_db(folder), size)
    return damage


def cut_mid_page(folder: Path, original: Original, rng: random.Random) -> None:
    size = _size(folder)
    at = rng.randrange(original.page_size, size)
    if at % original.page_size == 0:
        at += 1
    os.truncate(_db(folder), at)


def cut_pages_to(fraction: float) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        pages = _size(folder) // original.page_size
        os.truncate(_db(folder), max(1, int(pages * fraction)) * original.page_size)
    return damage


def _write(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def _page_of(original: Original, name: str, which: str) -> int:
    """A page of table or index ``name``: its root, a leaf, its last leaf, or its first interior page."""
    pages = original.pages[name]
    if which == "root":
        return pages[0][0]
    if which == "interior":
        return next(p for p, kind in pages if kind == "internal")
    leaves = [p for p, kind in pages if kind == "leaf"]
    return leaves[-1] if which == "last leaf" else leaves[len(leaves) // 2]


def garbage(name: str, which: str = "leaf", *, zeros: bool = False) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        page = _page_of(original, name, which)
        data = bytes(original.page_size) if zeros else rng.randbytes(original.page_size)
        _write(_db(folder), (page - 1) * original.page_size, data)
    return damage


def garbage_page(page: int | None = None, *, skip_header: bool = False) -> Damage:
    """Random bytes over one page (a random one when None); ``skip_header`` spares page 1's 100-byte header."""
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        pages = _size(folder) // original.page_size
        number = page if page is not None else rng.randrange(2, pages + 1)
        number = pages if number == -1 else number
        start = (number - 1) * original.page_size + (100 if skip_header else 0)
        _write(_db(folder), start, rng.randbytes(original.page_size - (100 if skip_header else 0)))
    return damage


def flip_bytes(count: int) -> Damage:
    """Bit rot: ``count`` bytes past the header changed at random places."""
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        size = _size(folder)
        with open(_db(folder), "r+b") as handle:
            for _ in range(count):
                at = rng.randrange(100, size)
                handle.seek(at)
                old = handle.read(1)[0]
                handle.seek(at)
                handle.write(bytes([old ^ (1 << rng.randrange(8))]))
    return damage


def header(offset: int, fmt: str, value: int | Callable[[int], int]) -> Damage:
    """Set one big-endian field of the 100-byte header (``value`` may compute it from the old one)."""
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        with open(_db(folder), "r+b") as handle:
            handle.seek(offset)
            (old,) = struct.unpack(fmt, handle.read(struct.calcsize(fmt)))
            new = value(old) if callable(value) else value
            handle.seek(offset)
            handle.write(struct.pack(fmt, new))
    return damage


def both(*damages: Damage) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        for one in damages:
            one(folder, original, rng)
    return damage


def _wal(folder: Path) -> Path:
    return folder / f"{DB}-wal"


def lose_wal(folder: Path, original: Original, rng: random.Random) -> None:
    _wal(folder).unlink()
    with contextlib.suppress(FileNotFoundError):
        (folder / f"{DB}-shm").unlink()


def cut_wal(size: int | None = None, *, frames: float | None = None) -> Damage:
    """Truncate the -wal to ``size`` bytes, or mid-frame after ``frames`` (a fraction) of its frames."""
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        wal = _wal(folder)
        if frames is not None:
            count = (wal.stat().st_size - 32) // (24 + original.page_size)
            os.truncate(wal, 32 + int(count * frames) * (24 + original.page_size) + 24 + original.page_size // 2)
        else:
            os.truncate(wal, size or 0)
    return damage


def garbage_wal(*, whole: bool) -> Damage:
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        wal = _wal(folder)
        size = wal.stat().st_size
        if whole:
            wal.write_bytes(rng.randbytes(size))
        else:  # one frame in the middle
            count = (size - 32) // (24 + original.page_size)
            _write(wal, 32 + (count // 2) * (24 + original.page_size), rng.randbytes(24 + original.page_size))
    return damage


def wal_of_other_database(folder: Path, original: Original, rng: random.Random) -> None:
    shutil.copyfile(original.other_wal, _wal(folder))


def wal_of_other_program(folder: Path, original: Original, rng: random.Random) -> None:
    other = folder.parent / "other-program"
    other.mkdir()
    holder = sqlite3.connect(other / "places.sqlite")
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    holder.executemany("INSERT INTO moz_places (url) VALUES (?)", [(f"https://example.org/{i}",) for i in range(500)])
    holder.commit()
    shutil.copyfile(other / "places.sqlite-wal", _wal(folder))
    holder.close()


def half_checkpoint(folder: Path, original: Original, rng: random.Random) -> None:
    """A checkpoint interrupted half-way, then the log lost: the first half of the logged pages copied in."""
    wal = _wal(folder).read_bytes()
    size = original.page_size
    frames = (len(wal) - 32) // (24 + size)
    with open(_db(folder), "r+b") as handle:
        for i in range(frames // 2):
            start = 32 + i * (24 + size)
            (page,) = struct.unpack(">I", wal[start:start + 4])
            handle.seek((page - 1) * size)
            handle.write(wal[start + 24:start + 24 + size])
    lose_wal(folder, original, rng)


def replace_with(make: Callable[[Path, random.Random], None]) -> Damage:
    """Put something else where the database was (the original file is removed first)."""
    def damage(folder: Path, original: Original, rng: random.Random) -> None:
        _db(folder).unlink()
        make(_db(folder), rng)
    return damage


def _dangling(path: Path, rng: random.Random) -> None:
    path.symlink_to(path.parent.parent / "moved-away" / DB)


def _link_to_folder(path: Path, rng: random.Random) -> None:
    target = path.parent.parent / "a-folder"
    target.mkdir()
    path.symlink_to(target)


def _link_loop(path: Path, rng: random.Random) -> None:
    path.symlink_to(path)


def _folder(path: Path, rng: random.Random) -> None:
    path.mkdir()


def _fifo(path: Path, rng: random.Random) -> None:
    os.mkfifo(path)


def _socket(path: Path, rng: random.Random) -> None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()


def _text(path: Path, rng: random.Random) -> None:
    path.write_text("购物清单\n牛奶 2 盒\n" * 200, encoding="utf-8")


def _png(path: Path, rng: random.Random) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"".join(b"\x00" + rng.randbytes(48) for _ in range(16)))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def _zip_of_database(path: Path, rng: random.Random) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(DB, rng.randbytes(20_000))


def _random(path: Path, rng: random.Random) -> None:
    path.write_bytes(rng.randbytes(100_000))


def _other_program(path: Path, rng: random.Random) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.executemany("INSERT INTO moz_places (url) VALUES (?)", [(f"https://example.org/{i}",) for i in range(50)])
    conn.commit()
    conn.close()


def _no_tables(path: Path, rng: random.Random) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def newer_schema(folder: Path, original: Original, rng: random.Random) -> None:
    with contextlib.closing(sqlite3.connect(_db(folder))) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


def no_revision(folder: Path, original: Original, rng: random.Random) -> None:
    with contextlib.closing(sqlite3.connect(_db(folder))) as conn, conn:
        conn.execute("DELETE FROM alembic_version")


def link_to_good_copy(folder: Path, original: Original, rng: random.Random) -> None:
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    _db(folder).rename(elsewhere / DB)
    _db(folder).symlink_to(elsewhere / DB)


def missing(folder: Path, original: Original, rng: random.Random) -> None:
    _db(folder).unlink()


def unchanged(folder: Path, original: Original, rng: random.Random) -> None:
    pass


def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, kind: str, damage: Damage, **options: Any) -> None:
        cases.append(Case(name, kind, damage, seed=len(cases), **options))

    # Truncation: the header's page count no longer matches the size (or the size is no whole number of pages).
    add("cut by 1,000 bytes", "truncation", cut_by(1000), backup=True)
    add("cut by 1,000 bytes, no backup", "truncation", cut_by(1000))
    add("cut by 1 byte", "truncation", cut_by(1))
    add("cut by one page", "truncation", cut_by(4096), backup=True)
    add("cut by one page, no backup", "truncation", cut_by(4096))
    add("cut to 90% of its pages", "truncation", cut_pages_to(0.9), backup=True)
    add("cut to half its pages", "truncation", cut_pages_to(0.5))
    add("cut to two pages", "truncation", cut_to(2 * 4096), backup=True)
    add("cut to the first page", "truncation", cut_to(4096))
    add("cut to the header", "truncation", cut_to(100), backup=True)
    add("cut inside the header", "truncation", cut_to(60))
    add("cut to 0 bytes", "truncation", cut_to(0), backup=True)
    add("cut to 0 bytes, no backup", "truncation", cut_to(0))
    for i in range(4):
        add(f"cut mid-page #{i + 1}", "truncation", cut_mid_page, backup=i % 2 == 0)

    # Garbage over whole pages: the schema, tables, indexes, the last page; random bytes or zeros; bit rot.
    add("garbage over page 1, header too", "garbage", garbage_page(1), backup=True)
    add("garbage over the schema (page 1 past the header)", "garbage", garbage_page(1, skip_header=True),
        backup=True)
    add("garbage over the schema, no backup", "garbage", garbage_page(1, skip_header=True))
    add("garbage over a help_exchange leaf", "garbage", garbage("help_exchange"), backup=True)
    add("garbage over a help_exchange leaf, no backup", "garbage", garbage("help_exchange"))
    add("garbage over help_exchange's last leaf", "garbage", garbage("help_exchange", "last leaf"))
    add("garbage over help_exchange's root", "garbage", garbage("help_exchange", "root"), backup=True)
    add("garbage over the contact table", "garbage", garbage("contact", "root"))
    add("garbage over the group table", "garbage", garbage("group", "root"), backup=True)
    add("garbage over an activity leaf", "garbage", garbage("activity"))
    add("garbage over activity's root", "garbage", garbage("activity", "root"), backup=True)
    add("garbage over the alembic_version table", "garbage", garbage("alembic_version", "root"))
    add("garbage over the profile table", "garbage", garbage("profile", "root"), backup=True)
    add("garbage over a game_state page", "garbage", garbage("game_state", "root"))
    add("garbage over a points_entry leaf", "garbage", garbage("points_entry"), backup=True)
    add("garbage over a help index leaf (contact, at)", "garbage", garbage("ix_help_exchange_contact_at"))
    add("garbage over help_exchange's id index", "garbage", garbage("sqlite_autoindex_help_exchange_1"),
        backup=True)
    add("garbage over the deal title index", "garbage", garbage("ix_deal_title", "root"))
    add("garbage over an activity index", "garbage", garbage("ix_activity_at"), backup=True)
    add("garbage over the last page", "garbage", garbage_page(-1))
    add("zeros over a help_exchange leaf", "garbage", garbage("help_exchange", zeros=True), backup=True)
    for i in range(3):
        add(f"garbage over a random page #{i + 1}", "garbage", garbage_page(), backup=i % 2 == 1)
    for i, count in enumerate((1, 3, 10, 40)):
        add(f"{count} flipped bytes #{i + 1}", "garbage", flip_bytes(count), backup=i % 2 == 0)

    # Header fields.
    add("magic string", "header", header(0, ">16s", lambda _: b"SQLite format 4\x00"), backup=True)
    add("page size not a power of two", "header", header(16, ">H", 1000))
    add("page size 1024 instead of 4096", "header", header(16, ">H", 1024), backup=True)
    add("page size 8192 instead of 4096", "header", header(16, ">H", 8192))
    add("page count +100", "header", header(28, ">I", lambda n: n + 100), backup=True)
    add("page count -50", "header", header(28, ">I", lambda n: n - 50))
    add("page count 0", "header", header(28, ">I", 0), backup=True)
    add("freelist count 1,000,000", "header", header(36, ">I", 1_000_000), backup=True)
    add("freelist count 1,000,000, no backup", "header", header(36, ">I", 1_000_000))
    add("freelist count 5 (none free)", "header", header(36, ">I", 5))
    add("first freelist page 9,999", "header", both(header(32, ">I", 9999), header(36, ">I", 1)), backup=True)
    add("change counter != version-valid-for", "header", header(24, ">I", lambda n: n + 1))
    add("stale valid-for and a bogus page count", "header",
        both(header(24, ">I", lambda n: n + 1), header(28, ">I", 9999)), backup=True)
    add("schema cookie", "header", header(40, ">I", lambda n: n + 17))
    add("schema format 9", "header", header(44, ">I", 9), backup=True)
    add("text encoding UTF-16le", "header", header(56, ">I", 2))
    add("text encoding 7", "header", header(56, ">I", 7), backup=True)
    add("read version 3", "header", header(19, ">B", 3))
    add("write version 3", "header", header(18, ">B", 3), backup=True)
    add("32 reserved bytes per page", "header", header(20, ">B", 32))
    add("payload fractions", "header", header(21, ">B", 0), backup=True)

    # The write-ahead log (WAL_HELPS helps only in it).
    add("WAL intact", "wal", unchanged, source="wal")
    add("WAL lost", "wal", lose_wal, source="wal", backup=True)
    add("WAL lost, no backup", "wal", lose_wal, source="wal")
    add("WAL cut mid-frame half-way", "wal", cut_wal(frames=0.5), source="wal", backup=True)
    add("WAL cut to its header", "wal", cut_wal(32), source="wal")
    add("WAL of 0 bytes", "wal", cut_wal(0), source="wal")
    add("WAL all garbage", "wal", garbage_wal(whole=True), source="wal", backup=True)
    add("WAL frame of garbage half-way", "wal", garbage_wal(whole=False), source="wal")
    add("WAL of another Pintuan Quest database", "wal", wal_of_other_database, source="wal", backup=True)
    add("WAL of another Pintuan Quest database, no backup", "wal", wal_of_other_database, source="wal")
    add("WAL of another program's database", "wal", wal_of_other_program, source="wal", backup=True)
    add("WAL kept, database cut by 1,000 bytes", "wal", cut_by(1000), source="wal", backup=True)
    add("checkpoint interrupted half-way, WAL lost", "wal", half_checkpoint, source="wal", backup=True)
    add("checkpoint interrupted half-way, WAL lost, no backup", "wal", half_checkpoint, source="wal")

    # What stands in the database's place.
    add("dangling symlink", "filesystem", replace_with(_dangling), backup=True)
    add("dangling symlink, no backup", "filesystem", replace_with(_dangling))
    add("symlink to a folder", "filesystem", replace_with(_link_to_folder))
    add("symlink loop", "filesystem", replace_with(_link_loop), backup=True)
    add("symlink to the database elsewhere", "filesystem", link_to_good_copy)
    add("folder in place", "filesystem", replace_with(_folder), backup=True)
    add("folder in place, no backup", "filesystem", replace_with(_folder))
    add("FIFO in place", "filesystem", replace_with(_fifo), backup=True)
    add("socket in place", "filesystem", replace_with(_socket))
    add("database deleted, backups kept", "filesystem", missing, backup=True)

    # Files of other kinds.
    add("text file", "foreign", replace_with(_text), backup=True)
    add("PNG image", "foreign", replace_with(_png))
    add("zip archive", "foreign", replace_with(_zip_of_database), backup=True)
    add("100 KB of random bytes", "foreign", replace_with(_random), backup=True)
    add("another program's SQLite database", "foreign", replace_with(_other_program), backup=True)
    add("another program's SQLite database, no backup", "foreign", replace_with(_other_program))
    add("an SQLite file with no tables", "foreign", replace_with(_no_tables), backup=True)
    add("newer schema revision 9999", "foreign", newer_schema, backup=True)
    add("newer schema revision 9999, no backup", "foreign", newer_schema)
    add("alembic_version emptied", "foreign", no_revision, backup=True)
    return cases


CASES = _cases()


# -- running a case ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """One command line: its exit code and what it printed, or the exception that escaped ``main``."""

    argv: tuple[str, ...]
    code: int
    out: str
    err: str
    escaped: str | None = None

    @property
    def ok(self) -> bool:
        return self.code == 0 and self.escaped is None


@dataclass
class Result:
    """What the commands did to one damaged folder."""

    case: Case
    folder: Path
    runs: dict[str, Run] = field(default_factory=dict)
    moved: list[str] = field(default_factory=list)  # names of the damaged copies moved aside
    moved_by: str | None = None  # the command that moved the database aside
    write_first: dict[str, Run] = field(default_factory=dict)  # on a second copy: the write before anything else
    write_first_moved: list[str] = field(default_factory=list)
    link_target_created: bool = False
    bug_logs: list[str] = field(default_factory=list)
    untouched: bool | None = None  # for a file refused but not moved aside: whether its bytes are as they were

    @property
    def outcome(self) -> str:
        return classify(self)


READ = ("list", "helps", "--json")
WRITE = ("add", "help", "--direction", "given", "--kind", "share", "--contact", "好友1")
CHECK = ("check",)


def run_main(folder: Path, clock: FixedClock, argv: tuple[str, ...]) -> Run:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main([*argv, "--data-dir", str(folder)], clock=clock, out=out, err=err)
    except BaseException as exc:  # noqa: BLE001 - recorded and failed on by the test, never hidden
        return Run(argv, -1, out.getvalue(), err.getvalue(), f"{type(exc).__name__}: {exc}")
    return Run(argv, code, out.getvalue(), err.getvalue())


def prepare(case: Case, original: Original, folder: Path) -> None:
    """A copy of the case's original in ``folder`` (with its backups when the case has them), then the damage."""
    source = original.wal if case.source == "wal" else original.plain
    folder.mkdir(parents=True)
    for entry in source.iterdir():
        shutil.copyfile(entry, folder / entry.name)
    if case.backup:
        shutil.copytree(original.backups_of(case.source), folder / "backups")
    case.damage(folder, original, random.Random(case.seed))


def _digest(folder: Path) -> bytes | None:
    """The database file's bytes (through a link), or None when no regular file is there."""
    path = _db(folder)
    return path.read_bytes() if path.is_file() else None


def _same_rows(before: Path, after: Path) -> bool:
    """Whether two SQLite files hold the same schema and rows (a file copied back over itself, byte for byte
    different but the same data)."""
    try:
        dumps = []
        for path in (before, after):
            with contextlib.closing(sqlite3.connect(backups_ro(path), uri=True)) as conn:
                dumps.append(list(conn.iterdump()))
    except (sqlite3.Error, OSError):
        return False
    return dumps[0] == dumps[1]


def _moved(folder: Path) -> list[str]:
    """The damaged copies moved aside (their -wal and -shm, moved with them, not counted)."""
    return sorted(p.name for p in folder.glob(f"{DB}.corrupt-*") if not p.name.endswith(("-wal", "-shm")))


def run_case(case: Case, original: Original, workdir: Path) -> Result:
    """Damage a copy and run read, write, check, read again, then restore what was moved aside."""
    with seeded_ids(100 + case.seed):
        return _run_case(case, original, workdir)


def _run_case(case: Case, original: Original, workdir: Path) -> Result:
    clock = FixedClock(original.clock_end + dt.timedelta(minutes=5), ZONE)
    folder = workdir / "data"
    prepare(case, original, folder)
    target = Path(os.path.realpath(_db(folder))) if os.path.islink(_db(folder)) else None
    target_existed = target is not None and os.path.lexists(target)
    before = _digest(folder)
    if before is not None:
        shutil.copyfile(_db(folder), workdir / "before.sqlite3")
    result = Result(case, folder)
    for step, argv in (("read", READ), ("write", WRITE), ("check", CHECK), ("again", READ)):
        result.runs[step] = run_main(folder, clock, argv)
        clock.advance(seconds=1)
        if result.moved_by is None and _moved(folder):
            result.moved_by = step
    result.moved = _moved(folder)
    if not result.moved and not result.runs["read"].ok:
        result.untouched = _digest(folder) == before or _same_rows(workdir / "before.sqlite3", _db(folder))
    result.link_target_created = target is not None and not target_existed and os.path.lexists(target)
    if result.moved:
        restore = ("restore", "--latest") if case.backup else ("restore", "--salvage")
        result.runs["restore"] = run_main(folder, clock, restore)
        result.runs["after"] = run_main(folder, clock, READ)
    result.bug_logs = [str(p) for p in (folder / LOG_DIRNAME).glob(f"{LOG_FILENAME}*")]

    # The same damage again, where the first thing the user does is a write.
    second = workdir / "write-first" / "data"
    prepare(case, original, second)
    result.write_first["write"] = run_main(second, clock, WRITE)
    if result.write_first["write"].ok:  # what a write that went ahead left behind
        result.write_first["check"] = run_main(second, clock, CHECK)
    result.write_first_moved = _moved(second)
    result.bug_logs += [str(p) for p in (second / LOG_DIRNAME).glob(f"{LOG_FILENAME}*")]
    return result


def _ids(run: Run) -> list[str] | None:
    if not run.ok:
        return None
    return [row["id"] for row in json.loads(run.out)]


def expected_ids(result: Result, original: Original) -> set[str]:
    """The helps the case's original holds."""
    ids = set(original.help_ids)
    if result.case.source == "wal":
        ids |= set(original.wal_help_ids)
    return ids


def earlier_commit(ids: list[str], original: Original) -> bool:
    """The rows of an earlier commit of the WAL database: the checkpointed rows and the log's first few."""
    found = set(ids)
    if not set(original.help_ids) <= found:
        return False
    logged = [i for i in original.wal_help_ids if i in found]
    return len(found) == len(original.help_ids) + len(logged) and logged == original.wal_help_ids[:len(logged)]


def classify(result: Result) -> str:
    """What became of the damaged file, in a few words, for the table."""
    read, check = result.runs["read"], result.runs["check"]
    if result.moved:
        if result.moved_by == "check":
            return "moved aside by check (reads and writes went ahead)"
        problem = result.runs[result.moved_by or "read"].err
        if any(f"damaged ({s}" in problem for s in CHEAP_CHECK):
            return "moved aside by the cheap check on open"
        return "moved aside when SQLite met the damage"
    if read.ok and check.ok:
        if len(json.loads(read.out)) < HELPS + (WAL_HELPS if result.case.source == "wal" else 0):
            return "opened at an earlier commit (WAL lost or cut)"
        return "opened intact"
    if "There is no database" in read.err:
        return "refused: no database, backups beside"
    if any(s in read.err for s in ("is a folder", "is a link", "not a regular file")):
        return "refused: folder, link, pipe or socket in place"
    if any(s in read.err for s in ("another program", "newer version")):
        return "refused: another program's or a newer database"
    if "Upgrading" in read.err:
        return "refused: its upgrade failed, data put back"
    if "Cannot open" in read.err:
        return "refused: SQLite cannot open it"
    return "refused: " + read.err.removeprefix(PREFIX)[:60].strip()


def recovery(result: Result) -> str | None:
    """How the data came back after the file was moved aside; None when nothing was moved."""
    restore = result.runs.get("restore")
    if restore is None:
        return None
    if not restore.ok:
        return "salvage found nothing readable (exit 1)" if "--salvage" in restore.argv else "restore failed"
    return "recovered by restore --latest" if "--latest" in restore.argv else "salvaged"


# -- judging a case ---------------------------------------------------------------------------------------

MOVED_NAME = re.compile(r"^pintuan\.sqlite3\.corrupt-\d{8}T\d{12}Z$")
CHEAP_CHECK = ("truncated", "size ", "free-page count", "empty file", "not an SQLite database", "an SQLite file")


def _one_line(run: Run) -> bool:
    return run.err.startswith(PREFIX) and run.err.count("\n") == 1 and run.err.endswith("\n")


def judge(result: Result, original: Original) -> list[str]:
    """The rules every case must keep; the broken ones, in words (empty when all hold)."""
    broken: list[str] = []
    case = result.case
    runs = {**result.runs, **{f"write-first {k}": r for k, r in result.write_first.items()}}
    for step, run in runs.items():
        if run.escaped:
            broken.append(f"{step}: an exception escaped main(): {run.escaped}")
        if "Traceback" in run.out + run.err:
            broken.append(f"{step}: a traceback was printed")
        if run.code not in (0, 1):
            broken.append(f"{step}: exit {run.code}")
        # ``check`` may instead print its whole report, ending with its verdict, and exit 1.
        report = run.argv == CHECK and run.err == "" and run.out.endswith("Problems found.\n")
        if run.code != 0 and not _one_line(run) and not report:
            broken.append(f"{step}: not one line on failure: {run.err!r}")
        if run.code == 0 and run.err:
            broken.append(f"{step}: printed on stderr while succeeding: {run.err!r}")
    if result.bug_logs:
        broken.append(f"a bug was logged: {result.bug_logs}")
    if result.link_target_created:
        broken.append("the target of the dangling link was created")
    if result.untouched is False:
        broken.append("a file that was refused (not moved aside) was changed")

    # Never silently empty: a read that succeeds shows every row the original had (or, for a write-ahead log
    # that was lost or cut, exactly the rows of an earlier commit, on a file that passes the full check).
    expected = expected_ids(result, original)
    written = json_id(result.runs["write"])
    for step in ("read", "again"):
        ids = _ids(result.runs[step])
        if ids is None:
            continue
        got = set(ids) - ({written} if written and step == "again" else set())
        if got == expected:
            continue
        if case.source == "wal" and earlier_commit(sorted(got, key=_order(original)), original):
            continue  # the rows of the log's later commits went with the log: nothing in the file can tell
        broken.append(f"{step}: {len(got)} rows instead of {len(expected)}")

    # A damaged file moved aside: named for what it is, and the message says where and what to run.
    moved_by = result.runs[result.moved_by] if result.moved_by else None
    for name in result.moved:
        if not MOVED_NAME.match(name):
            broken.append(f"moved aside under an unexpected name: {name}")
    if moved_by is not None:
        bad = str(result.folder / result.moved[-1])
        if bad not in moved_by.err:
            broken.append(f"the message does not name the damaged copy {bad}: {moved_by.err!r}")
        # A write before the check may have taken a verified backup of its own (the damage lay where its check did
        # not read): then restoring it is the right advice too.
        taken = any((result.folder / BACKUP_DIRNAME).glob("*.sqlite3"))
        hint = ("restore --latest",) if case.backup or taken else ("restore --salvage", "restore --empty")
        if not any(h in moved_by.err for h in hint):
            broken.append(f"the message does not say {' or '.join(hint)}: {moved_by.err!r}")

    # Writes: never on a file the cheap check or SQLite found damaged. One that went ahead (the damage lay in
    # pages neither the open nor the write reads) must leave a file that `check` then moves aside.
    pairs = [(result.runs["write"], result.runs["check"], result.moved_by == "check")]
    if "check" in result.write_first:
        pairs.append((result.write_first["write"], result.write_first["check"], bool(result.write_first_moved)))
    for write, check, moved in pairs:
        if write.ok and not check.ok and not moved:
            broken.append(f"a write went ahead on a file that check then failed without moving it: {check.err!r}")
        if write.ok and moved and case.kind not in ("garbage", "wal", "header"):
            broken.append("a write went ahead on a file damaged in a way the cheap check should have seen")

    # Getting the data back.
    restore, after = result.runs.get("restore"), result.runs.get("after")
    if restore is not None and after is not None:
        if case.backup:
            if not restore.ok:
                broken.append(f"restore --latest failed: {restore.err!r}")
            elif set(_ids(after) or []) != expected:
                broken.append(f"after restore --latest: {len(_ids(after) or [])} rows instead of {len(expected)}")
        elif restore.ok:
            ids = set(_ids(after) or [])
            shown = _ids(result.runs["read"])  # what the damaged file showed before (a lost log took the rest)
            baseline = (set(shown) if shown is not None else expected) | ({written} if written else set())
            lost = re.search(r"\((\d+) could not be read\)", restore.out)
            if not ids <= expected | ({written} if written else set()):
                broken.append(f"after salvage: {len(ids - expected)} rows that were never written")
            if len(ids) < len(baseline) and not (lost and int(lost[1]) > 0):
                broken.append(f"after salvage: {len(ids)} of {len(baseline)} rows, yet it said none were lost")
            if written and result.moved_by == "check" and written not in ids:
                broken.append("the help written before check moved the file aside was not salvaged")
        elif after.ok:
            broken.append("salvage failed, yet a read then answered as if there were a database")
    return broken


def json_id(run: Run) -> str | None:
    """The id a successful ``add`` printed (``Added help exchange (<id>).``)."""
    match = re.search(r"\(([0-9a-f-]{32,36})\)\.$", run.out.strip()) if run.ok else None
    return match[1] if match else None


def _order(original: Original) -> Callable[[str], int]:
    rank = {i: n for n, i in enumerate(original.help_ids + original.wal_help_ids)}
    return lambda i: rank.get(i, -1)


# -- the tests --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Original:
    return build_original(tmp_path_factory.mktemp("original"))


FOREIGN_LOG = ("SQLite applies any -wal whose frames check out, whoever wrote it: a log of another Pintuan Quest "
               "database whose pages fit ours shows that database's helps as ours. Telling needs an identity kept "
               "outside the file (the profile id, say), which the app does not keep yet.")
# Whether a foreign log's pages fit ours depends on where each table's pages fall, which moves with the schema:
# the cases below are the known limitation of test_a_log_of_another_small_database_is_not_taken_for_ours.
KNOWN = {"WAL of another Pintuan Quest database", "WAL of another Pintuan Quest database, no backup"}


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.xfail(strict=False, reason=FOREIGN_LOG) if c.name in KNOWN else ())
             for c in CASES],
    ids=[c.name for c in CASES],
)
def test_a_damaged_database_is_refused_or_moved_aside_never_written_or_empty(
    case: Case, original: Original, tmp_path: Path
) -> None:
    result = run_case(case, original, tmp_path)
    assert judge(result, original) == [], result.outcome


def test_there_are_100_cases_of_every_kind() -> None:
    kinds = {c.kind for c in CASES}
    assert len(CASES) == 100 and len({c.name for c in CASES}) == 100
    assert kinds == {"truncation", "garbage", "header", "wal", "filesystem", "foreign"}
    assert 30 < sum(c.backup for c in CASES) < 70, "about half the cases have a verified backup beside"


# -- the failures 5 and 6, one by one -------------------------------------------------------------


def _case(name: str, damage: Damage, *, backup: bool) -> Case:
    return Case(name, "header", damage, backup=backup)


@pytest.mark.parametrize("backup", [True, False], ids=["backup", "no backup"])
@pytest.mark.parametrize("damage", [cut_by(1000), header(36, ">I", 1_000_000)],
                         ids=["cut by 1,000 bytes", "bogus freelist count"])
def test_failure_5_no_read_or_write_goes_ahead_on_a_damaged_file(
    damage: Damage, backup: bool, original: Original, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    prepare(_case("failure 5", damage, backup=backup), original, folder)
    damaged_bytes = _db(folder).read_bytes()
    clock = FixedClock(original.clock_end, ZONE)
    for argv in (READ, WRITE, CHECK, ("list", "helps")):
        run = run_main(folder, clock, argv)
        assert run.code == 1 and _one_line(run) and run.out == "", (argv, run)
    first = run_main(folder, clock, READ)  # still refused: the database was moved aside by the first read
    assert first.code == 1 and ("restore --latest" if backup else "restore --salvage") in first.err
    [bad] = _moved(folder)
    assert (folder / bad).read_bytes() == damaged_bytes, "nothing was written to the damaged file"
    assert not _db(folder).exists(), "no new, empty database in its place"


def test_failure_5_a_small_bogus_freelist_count_stops_the_write(original: Original, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    prepare(_case("freelist 5", header(36, ">I", 5), backup=True), original, folder)
    damaged_bytes = _db(folder).read_bytes()
    run = run_main(folder, FixedClock(original.clock_end, ZONE), WRITE)
    assert run.code == 1 and _one_line(run) and "restore --latest" in run.err
    [bad] = _moved(folder)
    assert bad in run.err and (folder / bad).read_bytes() == damaged_bytes


@pytest.mark.parametrize("backup", [True, False], ids=["backup", "no backup"])
@pytest.mark.parametrize("what", ["0 bytes", "dangling symlink", "folder"])
def test_failure_6_nothing_silently_empty(what: str, backup: bool, original: Original, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    damage = {"0 bytes": cut_to(0), "dangling symlink": replace_with(_dangling), "folder": replace_with(_folder)}
    prepare(_case(what, damage[what], backup=backup), original, folder)
    clock = FixedClock(original.clock_end, ZONE)
    said = {"0 bytes": "empty file", "dangling symlink": "which does not exist", "folder": "is a folder"}[what]
    runs = [run_main(folder, clock, argv) for argv in (("list", "helps"), READ, WRITE, CHECK, ("list", "helps"))]
    for run in runs:
        assert run.code == 1 and _one_line(run) and run.out == "", run
        assert "Nothing yet" not in run.err
    assert said in runs[0].err
    if what == "0 bytes":  # moved aside by the first read; every later command says what to run
        assert all(("restore --latest" if backup else "restore --empty") in run.err for run in runs)
        assert not _db(folder).exists() and len(_moved(folder)) == 1
    else:
        assert all(said in run.err for run in runs)
        assert os.path.islink(_db(folder)) if what == "dangling symlink" else _db(folder).is_dir()
    assert not (folder.parent / "moved-away").exists(), "the link's target was not created"


@pytest.mark.xfail(strict=True, reason=FOREIGN_LOG)
def test_a_log_of_another_small_database_is_not_taken_for_ours(original: Original, tmp_path: Path) -> None:
    with seeded_ids(2):
        log = logged_database(tmp_path / "small", FixedClock(START, ZONE), 10)
    folder = tmp_path / "data"
    prepare(Case("foreign log", "wal", unchanged), original, folder)
    shutil.copyfile(log, folder / f"{DB}-wal")
    run = run_main(folder, FixedClock(original.clock_end, ZONE), READ)
    assert run.code == 1 or set(_ids(run) or []) == set(original.help_ids), f"{len(_ids(run) or [])} helps shown"
