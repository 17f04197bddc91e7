"""The commands that read and print: list, ledger, and the game's quests, badges and points."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import Context
from app.cli.output import cell
from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.services.deal_values import with_values

if TYPE_CHECKING:
    from app.services import Services

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
TIER_MARKS = ("·", "🥉", "🥈", "🥇", "🏅", "💎")


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


def cmd_quests(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.game_views import step_progress

    if args.verb == "install":
        done = ctx.game().install(Path(args.file)).record or {}
        ctx.print(translate("cli", "Installed quest pack {id} (version {version}).").format(**done))
        return 0
    if args.verb == "uninstall":
        from app.services.game import GameService

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
            ctx.print(f"    {marks[step['status']]} {cell(step['title'])} ({step_progress(step)})")
    return 0


def out_folder(text: str) -> Path:
    """An output folder named by ``--out``. ``Path("")`` is the current folder: an empty value is a slip, not a
    request to fill it with images."""
    if not text.strip():
        raise InvalidInput(translate("cli", "--out needs a folder name."), "out")
    return Path(text).expanduser()


def cmd_badges(ctx: Context, args: argparse.Namespace) -> int:
    out = out_folder(args.out) if args.verb == "render" else None
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
    if points["own_points"]:
        ctx.print(translate("cli", "Your own quests: {points} points (shown apart: they do not raise the level).")
                  .format(points=points["own_points"]))
    for entry in points["entries"][-10:]:
        ctx.print(f"  {entry['at']}\t+{entry['points']}\t{cell(entry['reason'])}\t{cell(entry['source_id'])}")
    return 0

