"""``parse-share``: what one pasted share text proposes (app/exchange/share_text.py). It needs no data folder."""

from __future__ import annotations

import argparse
import sys

from app.cli.context import Context
from app.errors import InvalidInput
from app.exchange.share_text import TEXT_MAX, Share, parse_share
from app.i18n import translate
from app.privacy.link_words import verdict_text
from app.text import escape


def _text(args: argparse.Namespace) -> str:
    """The text given, or standard input for ``-`` (read up to just past the cap: a longer text is refused)."""
    text = str(args.text)
    if text == "-":
        text = sys.stdin.read(TEXT_MAX + 1)
    if len(text) > TEXT_MAX:
        raise InvalidInput(
            translate("cli", "The text is too long for a share text (more than {max:,} characters).").format(
                max=TEXT_MAX
            ),
            "text",
        )
    return text


def cmd_parse_share(ctx: Context, args: argparse.Namespace) -> int:
    """Print the proposal as JSON (``{}`` for no share, exit 0 either way) or as a few lines for a person."""
    share = parse_share(_text(args))
    if args.json:
        ctx.print_json(share.as_json() if share is not None else {})
        return 0
    if share is None:
        ctx.print(translate("cli", "No share found in this text."))
        return 0
    for line in share_lines(share):
        ctx.print(escape(line))
    return 0


def kind_name(kind: str) -> str:
    return {
        "bargain": translate("cli", "Bargain (砍价)"),
        "group_buy": translate("cli", "Group buy (拼团)"),
        "boost": translate("cli", "Boost (助力)"),
    }[kind]


def platform_name(platform: str) -> str:
    names = {
        "pinduoduo": translate("cli", "Pinduoduo"), "taobao": translate("cli", "Taobao"),
        "tmall": translate("cli", "Tmall"), "jd": translate("cli", "JD"), "meituan": translate("cli", "Meituan"),
        "eleme": translate("cli", "Ele.me"),
    }
    return names.get(platform, platform)


def _yuan(fen: int) -> str:
    """¥ with grouped yuan (as ``list`` shows money; app.services.game_views.measure_text would load the database
    code into a command that needs none)."""
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def share_lines(share: Share) -> list[str]:
    """The share as a few labelled lines; the fields it lacks are left out."""
    lines = [translate("cli", "Kind: {kind}").format(kind=kind_name(share.kind))]
    if share.title:
        lines.append(translate("cli", "Title: {title}").format(title=share.title))
    if share.platform:
        lines.append(translate("cli", "Platform: {platform}").format(platform=platform_name(share.platform)))
    verdict = verdict_text(str(share.link_verdict))
    if share.url:
        lines.append(translate("cli", "Link: {url} ({verdict})").format(url=share.url, verdict=verdict))
    elif share.link_verdict:
        lines.append(translate("cli", "Link: unreadable ({verdict})").format(verdict=verdict))
    if share.price_fen is not None:
        lines.append(translate("cli", "Price: {price}").format(price=_yuan(share.price_fen)))
    if share.needed is not None:
        lines.append(translate("cli", "People still needed: {count}").format(count=share.needed))
    return lines
