"""The command line's commands: each turns parsed flags into service calls and prints the outcome."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import DatabaseError, OperationalError

from app.cli.output import cell, escape, json_text
from app.clock import Clock, zone_name
from app.errors import BackupNotVerified, InvalidInput, StoreError
from app.i18n import current_language, translate
from app.limits import NUMBER_MAX
from app.services import Services, open_services
from app.services import validate as v
from app.services.base import OpResult
from app.services.deal_values import with_values
from app.services.game import GameService
from app.services.profile import time_zone
from app.services.tiers import parse_tier
from app.store import Store, damaged, database_path, environment_error, is_corruption, refuse_new
from app.text import shown

# Flags whose values are numbers, times or prices, and how to read them.
INT_FIELDS = {
    "daily_request_limit", "participants_needed", "participants_joined", "original_fen", "target_fen",
    "current_fen", "amount_fen",
}
LIST_FIELDS = {"windows", "tiers", "groups"}
TIME_FIELDS = {"joined_at", "left_at", "deadline", "started_at", "at"}
YUAN_FIELDS = {"original_yuan": "original_fen", "target_yuan": "target_fen", "current_yuan": "current_fen",
               "amount_yuan": "amount_fen"}
NOT_FIELDS = {"command", "entity", "ref", "json", "data_dir", "lang", "demo", "allow_duplicate"}


class Context:
    """What a command needs: the data folder, the clock, where to print."""

    def __init__(self, data_dir: Path, clock: Clock, out: TextIO, err: TextIO | None = None) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.out = out
        self.err = err or sys.stderr
        self._store: Store | None = None
        self._folder_existed = data_dir.exists()
        self._database_existed = Store.exists(data_dir)
        self._wrote = False  # a writer opened the store: the game catches up before the command exits

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
        if self._store is None:
            services = open_services(self.data_dir, self.clock)
            self._store = services.store
            if self._database_existed:  # before the command's write: see _auto_backup
                self._auto_backup(self._store)
            services.deals.expire_due()  # a write the user's command causes records what reads only showed
            self._wrote = True
        return Services(self._store, self.clock)

    def reader(self) -> Services:
        """The services for a command that only reads: no write lock unless the schema or the game is stale."""
        if self._store is None:
            self._store = open_services(self.data_dir, self.clock, create=False, reading=True).store
        return Services(self._store, self.clock)

    def game(self) -> GameService:
        """The game over the data, or over an empty state when the folder has no database yet."""
        if self.has_database():
            return self.reader().game
        return GameService(None, self.clock, data_dir=self.data_dir)

    def close(self, *, failed: bool = False) -> None:
        """Close the store; after a failed command, remove a database that this very command created.

        After a write, the game first counts what a correction far back left waiting, so that the next command
        (``points``, ``recompute --verify``) sees it up to date; a terminal shows the progress.
        """
        if self._store is not None and self._wrote and not failed:
            self._catch_up(Services(self._store, self.clock))
        if self._store is not None:
            self._store.close()
            self._store = None
        if failed and not self._database_existed and Store.exists(self.data_dir):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database_path(self.data_dir)}{suffix}").unlink(missing_ok=True)
            if not self._folder_existed:
                shutil.rmtree(self.data_dir, ignore_errors=True)

    def _catch_up(self, services: Services) -> None:
        def shown(done: int, total: int) -> None:
            self.err.write("\r" + translate("cli", "Catching up the game: {done} of {total} facts counted…")
                           .format(done=f"{done:,}", total=f"{total:,}"))
            self.err.flush()

        if services.game.catch_up(shown if self.err.isatty() else None) and self.err.isatty():
            self.err.write("\n")

    def _auto_backup(self, store: Store) -> None:
        """Before a command writes: a backup when the data changed and the last one is 30 minutes old.

        Its verification doubles as an integrity check at most every 30 minutes: a database it finds damaged is
        moved aside before anything is written to it. Any other failure (a full disk) is a warning only.
        """
        try:
            store.auto_backup(now=self.clock.now())
        except BackupNotVerified as exc:
            store.close()
            self._store = None
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


def _int(value: str, field: str) -> int:
    bad = InvalidInput(
        translate("cli", "--{flag} takes a whole number, not '{value}'.").format(
            flag=field.replace("_", "-"), value=shown(value, 40)
        ),
        field,
    )
    if len(str(value)) > NUMBER_MAX:  # refused unread: int() of a long digit string is not linear
        raise bad
    try:
        return int(str(value).strip())
    except ValueError:
        raise bad from None


def fields_from(args: argparse.Namespace, clock: Clock) -> dict[str, Any]:
    """The record fields the user gave as flags, converted to the services' types."""
    fields: dict[str, Any] = {}
    for key, value in vars(args).items():
        if key in NOT_FIELDS:
            continue
        if key in YUAN_FIELDS:
            target = YUAN_FIELDS[key]
            if target in vars(args):
                raise InvalidInput(
                    translate("cli", "Give the amount once: in fen or in yuan."), target
                )
            fields[target] = v.yuan_to_fen(value, target) if value.strip() else None
        elif key in INT_FIELDS:
            fields[key] = _int(value, key) if str(value).strip() else None
        elif key in TIME_FIELDS:
            fields[key] = v.parse_datetime(value, clock.tz, key) if value.strip() else None
        elif key in LIST_FIELDS and value == [""]:
            fields[key] = []  # `--window ""` clears the list
        elif key == "tiers":
            fields[key] = [parse_tier(t, in_fen=True) for t in value]
        else:
            fields[key] = value
    return fields


def _kind_label(kind: str) -> str:
    return {
        "group": translate("cli", "group"),
        "contact": translate("cli", "contact"),
        "deal": translate("cli", "deal"),
        "request": translate("cli", "request"),
        "help": translate("cli", "help exchange"),
    }.get(kind, kind)


def _report(ctx: Context, result: OpResult, args: argparse.Namespace, verb: str) -> None:
    if getattr(args, "json", False):
        ctx.print_json(result.record)
        return
    record = result.record or {}
    label = record.get("name") or record.get("nickname") or record.get("title") or ""
    text = {
        "added": translate("cli", "Added {kind} {label} ({id})."),
        "edited": translate("cli", "Saved {kind} {label} ({id})."),
        "deleted": translate("cli", "Deleted {kind} {id}."),
    }[verb]
    ctx.print(" ".join(text.format(kind=_kind_label(args.entity), label=cell(label), id=result.entity_id).split()))


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services()
    fields = fields_from(args, services.clock)  # times without a zone are the profile's local times
    if args.entity == "deal":
        result = services.deals.create(allow_duplicate=args.allow_duplicate, **fields)
    else:
        result = _service(services, args.entity).create(**fields)
    _report(ctx, result, args, "added")
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    if all(key in NOT_FIELDS for key in vars(args)):
        raise InvalidInput(translate("cli", "Nothing to change: give at least one field flag."))
    services = _existing(ctx)
    fields = fields_from(args, services.clock)  # times without a zone are the profile's local times
    if args.entity == "deal":
        result = services.deals.edit(args.ref, allow_duplicate=args.allow_duplicate, **fields)
    else:
        result = _service(services, args.entity).edit(args.ref, **fields)
    _report(ctx, result, args, "edited")
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    result = _service(_existing(ctx), args.entity).delete(args.ref)
    _report(ctx, result, args, "deleted")
    return 0


def _service(services: Services, kind: str) -> Any:
    return {
        "group": services.groups, "contact": services.contacts, "deal": services.deals,
        "request": services.requests, "help": services.helps,
    }[kind]


def _existing(ctx: Context) -> Services:
    if not ctx.has_database():
        raise InvalidInput(
            translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir)
        )
    return ctx.services()


def cmd_settle(ctx: Context, args: argparse.Namespace) -> int:
    services = _existing(ctx)
    at = v.parse_datetime(args.at, services.clock.tz, "at") if args.at else None
    services.ledger.settle(args.contact, at=at, note=args.note)
    ctx.print(
        translate("cli", "Settled up with {contact}: the balance counts from here.").format(contact=cell(args.contact))
    )
    return 0


PROFILE_SHOWN = ("display_name", "locale", "timezone")  # never the secret


def cmd_profile(ctx: Context, args: argparse.Namespace) -> int:
    """Show the name, language and time zone; ``--timezone`` changes the zone and rebuilds the game in it."""
    if args.timezone is not None:
        zone = time_zone(args.timezone)  # a bad name: exit 2 before anything is opened or created
        services = ctx.services()
        before = services.profile.get()["timezone"]
        services.profile.set_timezone(zone)
        if zone == before:
            ctx.print(translate("cli", "The time zone is already {zone}.").format(zone=zone))
        else:
            ctx.print(translate("cli", "Time zone set to {zone} (was {old}); the game was rebuilt in it.").format(
                zone=zone, old=before))
        return 0
    if ctx.has_database():
        profile = ctx.services().profile.get()
    else:  # what a new profile would start with; reading creates nothing
        profile = {"display_name": "", "locale": current_language(), "timezone": zone_name(ctx.clock.tz)}
    shown = {key: profile[key] for key in PROFILE_SHOWN}
    if args.json:
        ctx.print_json(shown)
        return 0
    ctx.print(translate("cli", "Name: {value}").format(value=cell(shown["display_name"]) or "—"))
    ctx.print(translate("cli", "Language: {value}").format(value=shown["locale"]))
    ctx.print(translate("cli", "Time zone: {value}").format(value=shown["timezone"]))
    return 0


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    result = _existing(ctx).contacts.merge(args.keep, args.other)
    record = result.record or {}
    ctx.print(
        translate("cli", "Merged {other} into {keep} ({id}).").format(
            other=cell(args.other), keep=cell(record.get("nickname", args.keep)), id=result.entity_id
        )
    )
    return 0


LISTS: dict[str, Callable[[Services, int | None], list[dict[str, Any]]]] = {
    "groups": lambda s, n: s.queries.groups(n),
    "contacts": lambda s, n: s.queries.contacts(n),
    "deals": lambda s, n: with_values(s.queries.deals(n)),
    "requests": lambda s, n: s.queries.requests(n),
    "helps": lambda s, n: s.queries.helps(n),
    "activities": lambda s, n: s.queries.activities(n),
}
COLUMNS = {
    "groups": ("id", "name", "platform", "vertical", "my_role", "daily_request_limit", "archived"),
    "contacts": ("id", "nickname", "trust", "wechat_id", "archived"),
    "deals": ("id", "kind", "title", "status", "current_fen", "deadline"),
    "requests": ("id", "at", "group_id", "deal_id"),
    "helps": ("id", "at", "direction", "kind", "contact_id", "amount_fen"),
    "activities": ("seq", "at", "type", "kind", "entity_type", "entity_id"),
}


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    if ctx.has_database():
        services = ctx.reader()  # reads never write: a deal past its deadline reads as expired
        rows = LISTS[args.entity](services, args.limit)
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print(translate("cli", "Nothing yet."))
        return 0
    columns = COLUMNS[args.entity]
    ctx.print("\t".join(columns))
    for row in rows:
        ctx.print("\t".join(cell(row.get(c)) for c in columns))
    return 0


def cmd_ledger(ctx: Context, args: argparse.Namespace) -> int:
    if ctx.has_database():
        summary = ctx.reader().ledger.summary()
    else:
        summary = {"contacts": [], "groups": [], "you_owe": [], "only_takes": []}
    if args.json:
        ctx.print_json(summary)
        return 0
    if not summary["contacts"]:
        ctx.print(translate("cli", "Nothing yet."))
        return 0
    ctx.print(translate("cli", "Balance per contact (helps given − received since the last settlement):"))
    for row in summary["contacts"]:
        ctx.print(f"  {cell(row['nickname'])}\t{row['balance']:+d}\t{row['given_count']}/{row['received_count']}")
    if summary["you_owe"]:
        ctx.print(translate("cli", "You owe:") + " " + ", ".join(cell(r["nickname"]) for r in summary["you_owe"]))
    if summary["only_takes"]:
        ctx.print(translate("cli", "Only takes:") + " " + ", ".join(cell(r["nickname"]) for r in summary["only_takes"]))
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """The full check; a database whose pages fail it is moved aside (never written again) and the user told."""
    store = Store.open(ctx.data_dir, migrate=False, create=False)
    try:
        report = store.check()
    except (OperationalError, DatabaseError) as exc:
        store.close()
        if is_corruption(exc):
            raise damaged(ctx.data_dir, str(exc.orig or exc), ctx.clock.now()) from exc
        raise environment_error(store.path, exc.orig or exc) from exc
    store.close()
    if args.json:
        ctx.print_json(report.as_dict())
    else:
        ctx.print(translate("cli", "quick_check: {value}").format(value=", ".join(report.quick_check)))
        ctx.print(translate("cli", "integrity_check: {value}").format(value=", ".join(report.integrity_check)))
        ctx.print(
            translate("cli", "foreign keys: {value}").format(
                value=", ".join(report.foreign_key_problems) or "ok"
            )
        )
        ctx.print(
            translate("cli", "schema: {revision} (this app: {head})").format(
                revision=report.revision, head=report.head
            )
        )
        ctx.print(translate("cli", "All good.") if report.ok else translate("cli", "Problems found."))
    if report.quick_check != ["ok"] or report.integrity_check != ["ok"]:
        problem = next(p for p in (*report.quick_check, *report.integrity_check) if p != "ok")
        raise damaged(ctx.data_dir, problem, ctx.clock.now())
    return 0 if report.ok else 1


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    store = _existing(ctx).store
    made = store.backup("manual", now=ctx.clock.now())
    if args.json:
        ctx.print_json(made.as_dict())
    else:
        ctx.print(translate("cli", "Backed up to {path} (verified).").format(path=made.path))
    if store.mirror_error:
        ctx.warn(store.mirror_error)
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    from app import backups

    if args.second_folder is not None or args.no_second_folder:
        if not ctx.data_dir.is_dir():
            raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir))
        folder = Path(args.second_folder) if args.second_folder else None
        backups.set_second_folder(ctx.data_dir, folder)
        ctx.print(translate("cli", "Backups are also copied to {path}.").format(path=folder) if folder
                  else translate("cli", "Backups are no longer copied to a second folder."))
        return 0
    found = backups.list_backups(ctx.data_dir / backups.BACKUP_DIRNAME)
    if args.json:
        ctx.print_json([b.as_dict() for b in reversed(found)])
        return 0
    if not found:
        ctx.print(translate("cli", "No backups yet."))
        return 0
    for backup in reversed(found):
        mark = "" if backup.verified else "  " + translate("cli", "(not verified: not counted as a backup)")
        ctx.print(f"{backup.at.astimezone(ctx.clock.tz):%Y-%m-%d %H:%M:%S}\t{backup.size}\t{backup.path}{mark}")
    second = backups.second_folder(ctx.data_dir)
    if second is not None:
        ctx.print(translate("cli", "Second folder: {path}").format(path=second))
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from app import recovery

    now = ctx.clock.now()
    if args.empty:
        recovery.start_empty(ctx.data_dir)
        ctx.print(translate("cli", "Started anew with an empty database in {path}.").format(path=ctx.data_dir))
        return 0
    if args.salvage is not None:
        outcome = recovery.salvage(ctx.data_dir, Path(args.salvage) if args.salvage else None)
        lost = sum(outcome.lost.values())
        ctx.print(
            translate("cli", "Salvaged {rows} rows from {path} into a new database ({lost} could not be read).")
            .format(rows=sum(outcome.rows.values()), path=outcome.source, lost=lost)
        )
        return 0
    outcome = (recovery.restore_latest(ctx.data_dir, now=now) if args.latest
               else recovery.restore(ctx.data_dir, Path(args.backup), now=now))
    ctx.print(translate("cli", "Restored {path}.").format(path=outcome.source))
    if outcome.previous is not None:
        ctx.print(translate("cli", "What was there before is kept in {path}.").format(path=outcome.previous))
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.demo import create_demo_folder

    counts = create_demo_folder(ctx.data_dir, ctx.clock, activities=args.activities, seed=args.seed)
    ctx.print(
        translate("cli", "Demo data written to {path}: {counts}.").format(
            path=ctx.data_dir, counts=", ".join(f"{k} {n}" for k, n in counts.items())
        )
    )
    return 0


TIER_MARKS = ("·", "🥉", "🥈", "🥇", "🏅", "💎")


def cmd_quests(ctx: Context, args: argparse.Namespace) -> int:
    if args.verb == "install":
        done = ctx.game().install(Path(args.file))
        ctx.print(translate("cli", "Installed quest pack {id} (version {version}).").format(**done))
        return 0
    if args.verb == "uninstall":
        # The pack files alone first: removing a pack must work while an installed pack is broken (the way
        # out its error names), so the game is brought up to date only once the file is gone.
        GameService(None, ctx.clock, data_dir=ctx.data_dir).uninstall(args.pack_id)
        ctx.print(translate("cli", "Removed quest pack {id}.").format(id=args.pack_id))
        if ctx.has_database():
            ctx.reader()
        return 0
    chains = ctx.game().quests()
    if args.json:
        ctx.print_json(chains)
        return 0
    marks = {"done": "✔", "active": "▶", "locked": "🔒"}
    for chain in chains:
        # Titles come from quest packs, which anyone can write: escaped like stored text.
        repeat = f" [{cell(chain['repeat'])}]" if chain["repeat"] else ""
        reason = f" — {cell(chain['locked_reason'])}" if chain["locked_reason"] else ""
        ctx.print(f"{marks[chain['status']]} {cell(chain['title'])}{repeat}{reason}")
        for step in chain["steps"]:
            ctx.print(f"    {marks[step['status']]} {cell(step['title'])} ({step['progress']}/{step['target']})")
    return 0


def _out_folder(text: str) -> Path:
    """An output folder named by ``--out``. ``Path("")`` is the current folder: an empty value is a slip, not a
    request to fill it with images."""
    if not text.strip():
        raise InvalidInput(translate("cli", "--out needs a folder name."), "out")
    return Path(text).expanduser()


def cmd_badges(ctx: Context, args: argparse.Namespace) -> int:
    out = _out_folder(args.out) if args.verb == "render" else None
    game = ctx.game()
    if args.verb == "render":
        from app.quests.badges import render_all

        assert out is not None
        paths = render_all(list(game.catalogue.achievements), out, lang=current_language())
        ctx.print(translate("cli", "Drew {count} badge images in {path}.").format(count=len(paths), path=args.out))
        return 0
    badges = game.badges()
    if args.json:
        ctx.print_json(badges)
        return 0
    for badge in badges:
        title = cell(badge["title"]) or "???"
        ctx.print(f"{TIER_MARKS[badge['earned_tier']]} {title}\t{badge['progress']}\t{cell(badge['tiers'])}")
    return 0


def cmd_points(ctx: Context, args: argparse.Namespace) -> int:
    points = ctx.game().points()
    if args.json:
        ctx.print_json(points)
        return 0
    ctx.print(
        translate("cli", "Level {level}, {points} points ({next} for the next level).").format(
            level=points["level"], points=points["points"], next=points["next_level_at"]
        )
    )
    for entry in points["entries"][-10:]:
        ctx.print(f"  {entry['at']}\t+{entry['points']}\t{cell(entry['reason'])}\t{cell(entry['source_id'])}")
    return 0


def cmd_recompute(ctx: Context, args: argparse.Namespace) -> int:
    services = _existing(ctx)
    if args.verify:
        problems = services.game.verify()
        for problem in problems:
            ctx.print(problem)
        ctx.print(translate("cli", "The game state matches the facts.") if not problems
                  else translate("cli", "The stored game state differs from a recompute."))
        return 1 if problems else 0
    out = services.game.recompute()
    ctx.print(
        translate("cli", "Rebuilt the game from the facts: {events} game events, {entries} points entries.").format(
            events=len(out.derived), entries=len(out.points)
        )
    )
    return 0


def cmd_screenshots(ctx: Context, args: argparse.Namespace) -> int:
    """Draws with Qt on its own offscreen application; the other commands never load QtGui."""
    out = _out_folder(args.out)
    if not ctx.has_database():
        raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir))
    from app.ui.screenshots import render_screenshots

    paths = render_screenshots(ctx.data_dir, out, current_language())
    ctx.print(translate("cli", "Saved {count} screenshots in {path}.").format(count=len(paths), path=args.out))
    return 0


COMMANDS: dict[str, Callable[[Context, argparse.Namespace], int]] = {
    "screenshots": cmd_screenshots,
    "quests": cmd_quests,
    "badges": cmd_badges,
    "points": cmd_points,
    "recompute": cmd_recompute,
    "add": cmd_add,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "settle": cmd_settle,
    "profile": cmd_profile,
    "merge": cmd_merge,
    "list": cmd_list,
    "ledger": cmd_ledger,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "demo": cmd_demo,
}
