"""``ledger`` as text: each table explained by a line above it, columns aligned in both languages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from app.cli.columns import clip, table, wrap
from app.cli.output import cell
from app.i18n import translate
from app.services.game_views import measure_text

TEXT_COLUMNS = 80  # explanations are wrapped to a classic terminal's width
NAME_COLUMNS = 24  # a longer name is cut with "…": one name cannot push every column off the screen
INDENT = "  "


def _count(value: int) -> str:
    return f"{value:,}"


def _balance(value: int) -> str:
    return f"{value:+,}" if value else "0"


def _contact(row: dict[str, Any]) -> str:
    name = clip(cell(row["nickname"]), NAME_COLUMNS)
    if row.get("trust") == "blocked":
        return translate("cli", "{name} (blocked)").format(name=name)
    if row.get("archived"):
        return translate("cli", "{name} (archived)").format(name=name)
    return name


def _group(row: dict[str, Any]) -> str:
    return clip(cell(row["name"]), NAME_COLUMNS) if row["name"] else translate("cli", "(no group)")


def _figures(row: dict[str, Any]) -> list[str]:
    return [_balance(row["balance"]), _count(row["given_count"]), _count(row["received_count"]),
            measure_text(row["given_fen"], "fen"), measure_text(row["received_fen"], "fen")]


def _section(text: str | Sequence[str], header: Sequence[str], rows: Sequence[Sequence[str]],
             right: Sequence[bool]) -> list[str]:
    """A blank line, the explanation (each paragraph wrapped), then the table."""
    paragraphs = [text] if isinstance(text, str) else text
    return ["", *(line for paragraph in paragraphs for line in wrap(paragraph, TEXT_COLUMNS)),
            *table(header, rows, right, INDENT)]


def _by_balance(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The user's largest credit first, their largest debt last (both ends are what asks for doing), then the
    busiest, then by name."""
    return sorted(rows, key=lambda r: (-r["balance"], -(r["given_count"] + r["received_count"]),
                                       str(r[name] or "").casefold()))


def ledger_lines(summary: dict[str, Any], tz: dt.tzinfo) -> list[str]:
    """The tables per contact and per group, then who the user owes and who only takes, one per line."""
    figures = [translate("cli", "Balance"), translate("cli", "Given"), translate("cli", "Received"),
               translate("cli", "¥ given"), translate("cli", "¥ received")]
    numbers = [False, True, True, True, True, True]

    def since(row: dict[str, Any]) -> str:
        if not row.get("since"):
            return translate("cli", "never")
        return f"{dt.datetime.fromisoformat(str(row['since']).replace('Z', '+00:00')).astimezone(tz):%Y-%m-%d}"

    active = _by_balance([r for r in summary["contacts"] if r["given_count"] or r["received_count"]], "nickname")
    lines = _section(
        (translate("cli", "Helps exchanged with each contact since you last settled up with them."),
                  translate("cli", "Balance = helps you gave − helps you received: +3, you helped them 3 times "
                                   "more; −2, they helped you 2 times more. ¥: the amounts of those helps."),
                  translate("cli", "Sorted by balance: those you helped most first, those who helped you most "
                                   "last.")),
        [translate("cli", "Contact"), *figures, translate("cli", "Last settled")],
        [[_contact(r), *_figures(r), since(r)] for r in active], [*numbers, False])[1:]
    quiet = len(summary["contacts"]) - len(active)
    if quiet:
        lines.append(INDENT + translate("cli", "(and {count} contacts with no help since you last settled up)")
                     .format(count=_count(quiet)))
    if summary["groups"]:
        lines += _section(translate("cli", "Per group (the same helps, by the group they happened in):"),
                          [translate("cli", "Group"), *figures],
                          [[_group(r), *_figures(r)] for r in _by_balance(summary["groups"], "name")], numbers)
    if summary["you_owe"]:
        lines += _section(
            translate("cli", "You owe ({count}: they helped you more than you helped them), most first:").format(
                count=_count(len(summary["you_owe"]))),
            [translate("cli", "Contact"), translate("cli", "Helps to return")],
            [[_contact(r), _count(-r["balance"])] for r in summary["you_owe"]], [False, True])
    if summary["only_takes"]:
        lines += _section(
            translate("cli", "Only takes ({count}: you helped them 3 times or more in the last 30 days, they helped "
                             "you not once):").format(count=_count(len(summary["only_takes"]))),
            [translate("cli", "Contact"), translate("cli", "Your helps in 30 days")],
            [[_contact(r), _count(r["given_last_30_days"])] for r in summary["only_takes"]], [False, True])
    return lines
