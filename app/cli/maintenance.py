"""The commands that look after the data: check, backup, backups, restore, demo, recompute, screenshots."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import Context
from app.cli.reports import out_folder
from app.errors import InvalidInput
from app.i18n import current_language, translate


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """The full check; a database whose pages fail it is moved aside (never written again) and the user told."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    from app.damage import damaged, environment_error, is_corruption
    from app.store import Store

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
    services = ctx.existing()
    store = services.store
    made = services.backups.backup("manual").record or {}
    if args.json:
        ctx.print_json(made)
    else:
        ctx.print(translate("cli", "Backed up to {path} (verified).").format(path=made["path"]))
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
        ctx.print(f"{backup.at.astimezone(ctx.clock.tz):%Y-%m-%d %H:%M:%S}\t{backup.size:,}\t{backup.path}{mark}")
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
    restored = (recovery.restore_latest(ctx.data_dir, now=now) if args.latest
                else recovery.restore(ctx.data_dir, Path(args.backup), now=now)).record or {}
    ctx.print(translate("cli", "Restored {path}.").format(path=restored["source"]))
    if restored["previous"] is not None:
        ctx.print(translate("cli", "What was there before is kept in {path}.").format(path=restored["previous"]))
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from app.demo import create_demo_folder

    counts = create_demo_folder(ctx.data_dir, ctx.clock, activities=args.activities, seed=args.seed)
    ctx.print(
        translate("cli", "Demo data written to {path}: {counts}.").format(
            path=ctx.data_dir, counts=", ".join(f"{k} {n}" for k, n in counts.items())
        )
    )
    return 0


def cmd_recompute(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.existing()
    if args.verify:
        problems = services.game.verify()
        for problem in problems:
            ctx.print(problem)
        ctx.print(translate("cli", "The game state matches the facts.") if not problems
                  else translate("cli", "The stored game state differs from a recompute."))
        return 1 if problems else 0
    out = services.game.recompute().record or {}
    ctx.print(
        translate("cli", "Rebuilt the game from the facts: {events} game events, {entries} points entries.").format(
            events=out["events"], entries=out["entries"]
        )
    )
    return 0


def cmd_screenshots(ctx: Context, args: argparse.Namespace) -> int:
    """Draws with Qt on its own offscreen application; the other commands never load QtGui."""
    out = out_folder(args.out)
    if not ctx.has_database():
        raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir))
    from app.ui.screenshots import render_screenshots

    paths = render_screenshots(ctx.data_dir, out, current_language(), size=args.size, theme=args.theme)
    ctx.print(translate("cli", "Saved {count} screenshots in {path}.").format(count=len(paths), path=args.out))
    return 0
