"""argparse's own words ("usage:", "options:", its errors) in the user's language, from the project's catalogue.

argparse looks its words up with ``gettext`` (``from gettext import gettext as _, ngettext`` in its module), which
knows nothing of our Qt catalogue. While one of our parsers builds itself or parses (:func:`argparse_words`),
those two names in the argparse module answer from the table below instead; they are put back after, so any
other parser in the process speaks argparse's English as before. Each message is written out as a
``translate("argparse", "…")`` call, so ``pyside6-lupdate`` finds it like every other string of the app.

:class:`Formatter` lays the help out by terminal columns (a Chinese character is two wide) and puts a full-width
colon after a Chinese heading.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from app.cli.columns import char_width, width, wrap
from app.i18n import translate

# Messages of argparse a user never meets: mistakes in our own grammar (caught by our tests), or parts of
# argparse we do not use (FileType). tests/test_cli_finish.py checks that every other message of the running
# Python's argparse is in the table.
UNSHOWN = frozenset({
    ".__call__() not defined", "conflicting subparser: %s", "conflicting subparser alias: %s",
    "cannot merge actions - two groups are named %r", "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "conflicting option string: %s", "conflicting option strings: %s",
    "mutually exclusive arguments must be optional", "cannot have multiple subparser arguments",
    "%r is not callable", 'argument "-" with mode %r', "can't open '%(filename)s': %(error)s",
    "%(prog)s: error: %(message)s\n",  # Parser.error writes its own line
})


def words() -> dict[str, str]:
    """argparse's English messages (Python 3.11) -> the same in the current language."""
    return {
        "usage: ": translate("argparse", "usage: "),
        "positional arguments": translate("argparse", "positional arguments"),
        "options": translate("argparse", "options"),
        "subcommands": translate("argparse", "subcommands"),
        "show this help message and exit": translate("argparse", "show this help message and exit"),
        "show program's version number and exit": translate("argparse", "show program's version number and exit"),
        "argument %(argument_name)s: %(message)s": translate("argparse", "argument %(argument_name)s: %(message)s"),
        "unrecognized arguments: %s": translate("argparse", "unrecognized arguments: %s"),
        "not allowed with argument %s": translate("argparse", "not allowed with argument %s"),
        "ignored explicit argument %r": translate("argparse", "ignored explicit argument %r"),
        "the following arguments are required: %s":
            translate("argparse", "the following arguments are required: %s"),
        "one of the arguments %s is required": translate("argparse", "one of the arguments %s is required"),
        "expected one argument": translate("argparse", "expected one argument"),
        "expected at most one argument": translate("argparse", "expected at most one argument"),
        "expected at least one argument": translate("argparse", "expected at least one argument"),
        "expected %s argument": translate("argparse", "expected %s argument"),
        "expected %s arguments": translate("argparse", "expected %s arguments"),
        "ambiguous option: %(option)s could match %(matches)s":
            translate("argparse", "ambiguous option: %(option)s could match %(matches)s"),
        "unexpected option string: %s": translate("argparse", "unexpected option string: %s"),
        "invalid %(type)s value: %(value)r": translate("argparse", "invalid %(type)s value: %(value)r"),
        "invalid choice: %(value)r (choose from %(choices)s)":
            translate("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
        "unknown parser %(parser_name)r (choices: %(choices)s)":
            translate("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    }


@contextlib.contextmanager
def argparse_words() -> Iterator[None]:
    """While the block runs, argparse's ``_`` and ``ngettext`` answer in the current language. Re-entrant (a
    subcommand's parser runs inside its parent's parse)."""
    table = words()

    def gettext(message: str) -> str:
        return table.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    names = vars(argparse)  # the module's globals, where its functions look ``_`` up at each call
    saved = {"_": names["_"], "ngettext": names["ngettext"]}
    names.update(_=gettext, ngettext=ngettext)
    try:
        yield
    finally:
        names.update(saved)


class Formatter(argparse.HelpFormatter):
    """argparse's help laid out in terminal columns: help text wrapped by display width, the usage lines
    aligned under a translated "usage:", a Chinese heading followed by a full-width colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            if char_width(heading[-1]) == 2:
                text = text.replace(f"{heading}:\n", f"{heading}：\n")
        return text

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None) -> str:
        if prefix is None:
            prefix = words()["usage: "]
        if width(prefix) == len(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        # argparse measures the prefix in characters to indent the usage's next lines: lay it out with a blank
        # prefix as wide as the real one, then put the real one in its place
        blank = " " * width(prefix)
        return prefix + super()._format_usage(usage, actions, groups, blank)[len(blank):]

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))
