"""The command line's ``links flag URL [--deal DEAL] [--note TEXT]``: record that a link looks like a fraud.

The verb of the ``links`` command that judges nothing by itself: the check's verdict and reasons are printed in
the words the window uses (:mod:`app.privacy.link_words`) and kept in the ``link.flagged`` fact.
"""

from __future__ import annotations

import argparse

from app.cli.context import Context
from app.i18n import translate
from app.privacy.link_words import reasons_text, verdict_text
from app.text import shown


def flag_link(ctx: Context, args: argparse.Namespace) -> int:
    """``links flag``: one ``link.flagged`` fact (the deal's own link when URL is ``-`` and a deal is given)."""
    url = None if args.url in ("", "-") else args.url
    result = ctx.services().links.flag(url, deal=args.deal, note=args.note or "")
    record = result.record or {}
    if args.json:
        ctx.print_json(record)
        return 0
    ctx.print(translate("cli", "Flagged the link {url}: {verdict}.").format(
        url=shown(record.get("url", ""), 200), verdict=verdict_text(str(record.get("verdict", "")))))
    for line in reasons_text(record.get("reasons", [])):
        ctx.print(f"  - {line}")
    return 0

