"""Erasure on the command line: ``erase contact CONTACT`` and ``wipe --yes-really`` (docs/cli.md, "Erasure").

Neither asks anything: no command of this one ever waits for typed input. ``wipe`` refuses to run without
``--yes-really`` (exit 2, saying how).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import Context
from app.cli.output import cell
from app.errors import InvalidInput
from app.i18n import translate


def copies_text(backups: dict[str, Any]) -> list[str]:
    """What happened to the backups and damaged copies, a line each kind (none when there were none)."""
    lines = []
    if backups.get("rewritten"):
        lines.append(translate("cli", "Backups rewritten without it: {count}.").format(count=len(backups["rewritten"])))
    if backups.get("removed"):
        lines.append(translate("cli", "Backups removed (they could not be rewritten): {paths}").format(
            paths=", ".join(backups["removed"])))
    if backups.get("failed"):
        lines.append(translate("cli", "Could not rewrite or remove: {paths}: delete them yourself.").format(
            paths=", ".join(backups["failed"])))
    return lines


def cmd_erase(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.existing().erasure.erase_contact(args.contact)
    record = result.record or {}
    done = record.get("erasure", {})
    if args.json:
        ctx.print_json(done | {"contact_id": str(result.entity_id)})
        return 1 if done.get("backups", {}).get("failed") else 0
    ctx.print(translate("cli", "Erased {contact} ({id}): now {pseudonym}; their WeChat ID, phone and notes are gone.")
              .format(contact=cell(args.contact), id=result.entity_id, pseudonym=done.get("pseudonym", "")))
    ctx.print(translate("cli", "Log entries rewritten: {activities}; settlement notes cleared: {settlements}; "
                               "contacts merged into them: {merged}.").format(
        activities=done.get("activities", 0), settlements=done.get("settlements", 0),
        merged=max(int(done.get("contacts", 1)) - 1, 0)))
    for line in copies_text(done.get("backups", {})):
        ctx.print(line)
    if not done.get("compacted", True):
        ctx.warn(translate("cli", "Another program kept the write-ahead log open: run the command again once it "
                                  "is closed."))
    return 1 if done.get("backups", {}).get("failed") else 0


def cmd_wipe(ctx: Context, args: argparse.Namespace) -> int:
    if not args.yes_really:
        raise InvalidInput(translate(
            "cli", "wipe deletes every record, the whole history and every backup of {path}, for good. "
                   "To do it, run: wipe --yes-really").format(path=ctx.data_dir))
    result = ctx.existing().erasure.wipe()
    record = result.record or {}
    if args.json:
        ctx.print_json(record)
        return 1 if record.get("backups", {}).get("failed") else 0
    backups = record.get("backups", {})
    ctx.print(translate("cli", "Wiped {path}: {rows} rows deleted; {count} backups and damaged copies removed. "
                               "A new, empty profile starts there.").format(
        path=ctx.data_dir, rows=record.get("rows", 0), count=len(backups.get("removed", []))))
    if backups.get("failed"):
        ctx.print(translate("cli", "Could not rewrite or remove: {paths}: delete them yourself.").format(
            paths=", ".join(backups["failed"])))
        return 1
    return 0
