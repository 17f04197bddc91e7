"""The command line's commands: each turns parsed flags into service calls and prints the outcome."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import DatabaseError, OperationalError

from app.cli.output import cell, json_text
from app.clock import Clock
from app.errors import InvalidInput, StoreError
from app.i18n import current_language, translate
from app.limits import NUMBER_MAX
from app.quests.game import Game
from app.services import Services
from app.services import validate as v
from app.services.base import OpResult
from app.store import Store, database_path, environment_error
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

    def __init__(self, data_dir: Path, clock: Clock, out: TextIO) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.out = out
        self._store: Store | None = None
        self._folder_existed = data_dir.exists()
        self._database_existed = Store.exists(data_dir)

    def has_database(self) -> bool:
        return Store.exists(self.data_dir)

    def services(self) -> Services:
        if self._store is None:
            self._store = Store.open(self.data_dir)
            services = Services(self._store, self.clock)
            services.profile.ensure()
            services.game.ensure_current()
        return Services(self._store, self.clock)

    def game(self) -> Game:
        """The game over the data, or over an empty state when the folder has no database yet."""
        if self.has_database():
            return self.services().game
        return Game(None, self.clock, data_dir=self.data_dir)

    def close(self, *, failed: bool = False) -> None:
        """Close the store; after a failed command, remove a database that this very command created."""
        if self._store is not None:
            self._store.close()
            self._store = None
        if failed and not self._database_existed and Store.exists(self.data_dir):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database_path(self.data_dir)}{suffix}").unlink(missing_ok=True)
            if not self._folder_existed:
                shutil.rmtree(self.data_dir, ignore_errors=True)

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


def _tier(text: str) -> tuple[int, int]:
    participants, sep, price = text.partition(":")
    if not sep or len(text) > 2 * NUMBER_MAX:
        raise InvalidInput(
            translate("cli", "A tier is PARTICIPANTS:FEN, e.g. 3:2990, not '{value}'.").format(
                value=shown(text, 40)
            ),
            "tier",
        )
    return _int(participants, "tier"), _int(price, "tier")


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
            fields[key] = [_tier(t) for t in value]
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
    fields = fields_from(args, ctx.clock)
    if args.entity == "deal":
        result = services.deals.create(allow_duplicate=args.allow_duplicate, **fields)
    else:
        result = _service(services, args.entity).create(**fields)
    _report(ctx, result, args, "added")
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    fields = fields_from(args, ctx.clock)
    if not fields:
        raise InvalidInput(translate("cli", "Nothing to change: give at least one field flag."))
    services = _existing(ctx)
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
    at = v.parse_datetime(args.at, ctx.clock.tz, "at") if args.at else None
    services = _existing(ctx)
    services.ledger.settle(args.contact, at=at, note=args.note)
    ctx.print(
        translate("cli", "Settled up with {contact}: the balance counts from here.").format(contact=cell(args.contact))
    )
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
    "deals": lambda s, n: s.queries.deals(n),
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
        services = ctx.services()
        if args.entity == "deals":
            services.deals.expire_due()
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
        summary = ctx.services().ledger.summary()
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
    if not ctx.has_database():
        raise StoreError(translate("cli", "There is no database in {path}.").format(path=ctx.data_dir))
    store = Store.open(ctx.data_dir, migrate=False)
    try:
        report = store.check()
    except (OperationalError, DatabaseError) as exc:
        raise environment_error(store.path, exc.orig or exc) from exc
    finally:
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
    return 0 if report.ok else 1


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    path = _existing(ctx).store.backup("manual")
    ctx.print(translate("cli", "Backed up to {path}.").format(path=path))
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
        ctx.game().uninstall(args.pack_id)
        ctx.print(translate("cli", "Removed quest pack {id}.").format(id=args.pack_id))
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


def cmd_badges(ctx: Context, args: argparse.Namespace) -> int:
    game = ctx.game()
    if args.verb == "render":
        from app.quests.badges import render_all

        paths = render_all(list(game.catalogue.achievements), Path(args.out).expanduser(),
                           lang=current_language())
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
    if not ctx.has_database():
        raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir))
    from app.ui.screenshots import render_screenshots

    paths = render_screenshots(ctx.data_dir, Path(args.out).expanduser(), current_language())
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
    "merge": cmd_merge,
    "list": cmd_list,
    "ledger": cmd_ledger,
    "check": cmd_check,
    "backup": cmd_backup,
    "demo": cmd_demo,
}
