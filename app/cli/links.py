"""``links check``: the offline link check (app/privacy/links.py) on the command line. It needs no data folder."""

from __future__ import annotations

import argparse
import json

from app.cli.context import Context
from app.privacy.links import judge
from app.text import json_safe


def cmd_links(ctx: Context, args: argparse.Namespace) -> int:
    """``links check`` (below) or ``links flag`` (app/cli/link_flag.py)."""
    if args.verb == "flag":
        from app.cli.link_flag import flag_link

        return flag_link(ctx, args)
    return check_links(ctx, args)


def check_links(ctx: Context, args: argparse.Namespace) -> int:
    """One JSON object per link, one per line, whatever the verdicts (exit 0): ``{"url", "verdict", "reasons"}``.

    ``--json`` is accepted for symmetry with the other commands; the output is JSON lines either way.
    """
    for url in args.urls:
        ctx.print(json_safe(json.dumps(judge(url).as_json(), ensure_ascii=False)))
    return 0
