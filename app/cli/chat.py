"""The command line's ``import-chat``: what an exported group chat proposes, printed or logged."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import Context
from app.cli.output import cell
from app.errors import InvalidInput
from app.i18n import translate

if TYPE_CHECKING:
    from app.exchange.chat_import import Proposal


def cmd_import_chat(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import chat

    source = Path(args.file).expanduser()
    if not ctx.has_database():
        raise InvalidInput(translate("cli", "There is no data in {path} yet.").format(path=ctx.data_dir))
    services = ctx.services() if args.accept_all else ctx.reader()  # reading alone writes nothing
    group = chat.group_name(services, args.group)  # before reading the file: a wrong name fails at once
    found = chat.read(services, source, me=args.me or ())
    left_out = translate("cli", "Left out {old} shares from before {date} (the earliest time an entry may have) "
                                "and {future} dated in the future.")
    if found.too_old or found.future:
        ctx.err.write(left_out.format(old=f"{found.too_old:,}", future=f"{found.future:,}",
                                      date=chat.earliest(services).date().isoformat()) + "\n")
    if args.accept_all:
        refused: list[tuple[Proposal, str]] = []
        done = chat.accept_all(services, found.proposals, args.group, refused=refused)
        for proposal, why in refused:
            ctx.warn(translate("cli", "Line {line} not logged: {why}").format(line=proposal.source_line, why=why))
        ctx.print(translate("cli", "Logged {accepted} entries from {file} in {group}; {already} were logged "
                                   "already.").format(accepted=f"{done['accepted']:,}", file=source.name,
                                                      group=cell(group), already=f"{done['already']:,}"))
        return 1 if refused else 0  # a script must see that some of the chat was not logged
    if args.json:
        ctx.print_json([p.as_json() for p in found.proposals])
        return 0
    kinds = {"request": translate("cli", "request"), "help": translate("cli", "help"),
             "deal": translate("cli", "deal")}
    for p in found.proposals:
        when = p.at.astimezone(services.clock.tz).strftime("%Y-%m-%d %H:%M")
        price = "" if p.price_fen is None else f"¥{p.price_fen // 100:,}.{p.price_fen % 100:02d}"
        who = cell(p.contact) if p.contact else translate("cli", "you")
        ctx.print(f"{p.source_line:>7}  {when}  {kinds[p.kind]:<8} {who}  {cell(p.shown_title)}  {price}")
    ctx.print(translate("cli", "{count} proposals from {messages} messages; nothing was logged (--accept-all logs "
                               "them).").format(count=f"{len(found.proposals):,}",
                                                messages=f"{found.messages:,}"))
    return 0
