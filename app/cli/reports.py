"""The commands that read and print: list, ledger, and the game's quests, badges and points."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import Context
from app.cli.output import cell
from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.quests.schema import TIER_NAMES
from app.services.deal_values import with_values
from app.services.game_views import measure_text

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
    "deals": ("id", "kind", "title", "status", "price_now", "deadline"),
    "requests": ("id", "at", "group_id", "deal_id"),
    "helps": ("id", "at", "direction", "kind", "contact_id", "amount"),
    "activities": ("seq", "at", "type", "kind", "entity_type", "entity_id"),
}
# Text columns shown in yuan (the window's price and amount); --json keeps the fen fields.
IN_YUAN = {"price_now": "price_now_fen", "amount": "amount_fen"}
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
        ctx.print("\t".join(_yuan(row.get(IN_YUAN[c])) if c in IN_YUAN else cell(row.get(c)) for c in columns))
    return 0


def _yuan(fen: int | None) -> str:
    return "" if fen is None else measure_text(fen, "fen")


def cmd_ledger(ctx: Context, args: argparse.Namespace) -> int:
    tz = ctx.clock.tz
    if ctx.has_database():
        services = ctx.reader()
        summary, tz = services.ledger.summary(), services.clock.tz
    else:
        summary = {"contacts": [], "groups": [], "you_owe": [], "only_takes": []}
    if args.json:
        ctx.print_json(summary)
        return 0
    if not summary["contacts"]:
        ctx.print(translate("cli", "Nothing yet."))
        return 0
    from app.cli.ledger_text import ledger_lines

    for line in ledger_lines(summary, tz):
        ctx.print(line)
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
    repeats = {"daily": translate("cli", "resets daily"), "weekly": translate("cli", "resets weekly")}
    for chain in chains:
        # Titles come from quest packs, which anyone can write: escaped like stored text.
        repeat = f" · {repeats.get(chain['repeat'], cell(chain['repeat']))}" if chain["repeat"] else ""
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
    names = tier_names()
    for badge in badges:
        title = cell(badge["title"]) or "???"
        unit, tiers, earned = badge.get("unit"), badge["tiers"], badge["earned_tier"]
        if not tiers:  # a secret badge: nothing to say before it is earned
            ctx.print(f"{TIER_MARKS[earned]} {title}")
            continue
        if earned < len(tiers):
            progress = translate("cli", "{progress} of {target} for {tier}").format(
                progress=measure_text(badge["progress"], unit), target=measure_text(tiers[earned], unit),
                tier=names.get(badge["tier_names"][earned], badge["tier_names"][earned]))
        else:
            progress = translate("cli", "{progress}, every tier earned").format(
                progress=measure_text(badge["progress"], unit))
        ladder = " · ".join(measure_text(t, unit) for t in tiers)
        ctx.print(f"{TIER_MARKS[earned]} {title}\t{progress}\t" + translate("cli", "(tiers: {ladder})").format(
            ladder=ladder))
    return 0


def tier_names() -> dict[str, str]:
    """The tiers' names as the command line prints them."""
    return {"bronze": translate("cli", "Bronze"), "silver": translate("cli", "Silver"),
            "gold": translate("cli", "Gold"), "platinum": translate("cli", "Platinum"),
            "diamond": translate("cli", "Diamond")}


def cmd_points(ctx: Context, args: argparse.Namespace) -> int:
    points = ctx.game().points()
    if args.json:
        ctx.print_json(points)
        return 0
    ctx.print(
        translate("cli", "Level {level}, {points} points ({next} for the next level).").format(
            level=points["level"], points=f"{points['points']:,}", next=f"{points['next_level_at']:,}"
        )
    )
    if points["own_points"]:
        ctx.print(translate("cli", "Your own quests: {points} points (shown apart: they do not raise the level).")
                  .format(points=f"{points['own_points']:,}"))
    entries = points["entries"] if args.all else points["entries"][-LAST_ENTRIES:]
    if len(entries) < len(points["entries"]):
        ctx.print(translate("cli", "The last {shown} of {total} entries (--all shows every one):").format(
            shown=len(entries), total=f"{len(points['entries']):,}"))
    source = _source_names(ctx)
    for entry in entries:
        when = dt.datetime.fromisoformat(entry["at"].replace("Z", "+00:00")).astimezone(ctx.clock.tz)
        ctx.print(f"  {when:%Y-%m-%d %H:%M}\t+{entry['points']:,}\t{_reason(entry['reason'])}\t"
                  f"{source(entry)}".rstrip())
    return 0


LAST_ENTRIES = 10


def _reason(reason: str) -> str:
    """A points entry's reason in words."""
    words = {
        "help": translate("cli", "a help"), "help_again_today": translate("cli", "a help to the same person again"),
        "balanced": translate("cli", "a favour returned"), "request": translate("cli", "a polite request"),
        "joined": translate("cli", "joined a group"), "deal": translate("cli", "a deal"),
        "quest": translate("cli", "a quest"), "achievement": translate("cli", "a badge"),
        "own_quest": translate("cli", "your own quest"),
    }
    return words.get(reason, cell(reason))


def _source_names(ctx: Context) -> Callable[[dict[str, Any]], str]:
    """What a points entry came from, by name: the quest (and step) or the badge (and tier); nothing for a fact
    (its time and reason say it)."""
    catalogue, lang, names = ctx.game().catalogue, current_language(), tier_names()

    def name(entry: dict[str, Any]) -> str:
        parts = str(entry["source_id"]).split("/")
        if entry["source_type"] == "quest":
            chain = catalogue.chain(parts[0])
            if chain is None:
                return cell(entry["source_id"])
            step = next((s for s in chain.steps if len(parts) > 1 and s.id == parts[1]), None)
            return cell(chain.title.get(lang) + (f" — {step.title.get(lang)}" if step else ""))
        if entry["source_type"] == "achievement":
            badge = catalogue.achievement(parts[0])
            tier = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            tier_name = names.get(TIER_NAMES[tier - 1], "") if 0 < tier <= len(TIER_NAMES) else ""
            return cell(f"{badge.title.get(lang)} ({tier_name})" if badge else entry["source_id"])
        return ""
    return name

