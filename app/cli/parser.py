"""The command line's grammar: subcommands and one flag per field, named after it (docs/cli.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from app import __version__
from app.cli.argparse_text import Formatter, argparse_words
from app.i18n import translate
from app.text import escape, shown

KINDS = ("group", "contact", "deal", "request", "help")
LIST_KINDS = ("groups", "contacts", "deals", "requests", "helps", "activities")


def _list_kind(text: str) -> str:
    """``list deal`` as ``list deals``: ``add`` takes the singular, so ``list`` takes both."""
    return {"activity": "activities", **{k: f"{k}s" for k in KINDS}}.get(text, text)


S = argparse.SUPPRESS


class Parser(argparse.ArgumentParser):
    """argparse that speaks the user's language (its own words too: see :mod:`app.cli.argparse_text`) and reports
    a usage error in one line, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        with argparse_words():  # the -h flag's help and the sections' headings are made here
            super().__init__(*args, **kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with argparse_words():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with argparse_words():
            return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        line = translate("cli", "{message} (see --help)").format(message=escape(message))
        sys.stderr.write(f"{self.prog}: {line}\n")
        raise SystemExit(2)


def _number(text: str) -> int:
    """A whole number flag (argparse would name its type, "invalid int value")."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli", "'{value}' is not a whole number.").format(value=shown(text, 40))) from None


def _limit(text: str) -> int:
    value = _number(text)
    if not 0 <= value <= 1_000_000_000:
        raise argparse.ArgumentTypeError(
            translate("cli", "'{value}' is not between 0 and 1,000,000,000.").format(value=shown(text, 40)))
    return value


def _common() -> Parser:
    """Options accepted both before and after the subcommand."""
    common = Parser(add_help=False)
    common.add_argument("--data-dir", default=S, metavar="DIR", help=translate("cli", "the data folder to use"))
    common.add_argument("--lang", default=S, choices=("en", "zh_CN"), help=translate("cli", "language of messages"))
    return common


def _group_flags(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--name", default=S, help=_required(translate("cli", "the group's name"), edit))
    p.add_argument("--platform", default=S, help="wechat | qq | dingtalk | other")
    p.add_argument("--vertical", default=S, help="mother_baby | fresh_food | digital | home | beauty | other")
    p.add_argument("--role", default=S, dest="my_role", help="owner | admin | member")
    p.add_argument("--rules", default=S, help=translate("cli", "the group's rules (群规)"))
    p.add_argument(
        "--window", default=S, action="append", dest="windows", metavar="SPEC",
        help=translate("cli", 'an activity window, e.g. "Mon-Fri 20:00-22:00" (repeatable)'),
    )
    p.add_argument("--request-limit", default=S, dest="daily_request_limit", metavar="N",
                   help=translate("cli", "requests for help allowed a day"))
    p.add_argument("--joined-at", default=S, metavar="WHEN", help=translate("cli", "when you joined"))
    p.add_argument("--left-at", default=S, metavar="WHEN", help=translate("cli", "when you left"))
    _archived_and_note(p)


def _archived_and_note(p: argparse.ArgumentParser) -> None:
    p.add_argument("--archived", default=S, action=argparse.BooleanOptionalAction,
                   help=translate("cli", "archived: kept, but out of the way"))
    p.add_argument("--note", default=S, dest="notes", help=translate("cli", "a note"))


def _contact_flags(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--nickname", default=S, help=_required(translate("cli", "the contact's nickname"), edit))
    p.add_argument("--wechat-id", default=S, help=translate("cli", "their WeChat ID (private)"))
    p.add_argument("--phone", default=S, help=translate("cli", "their phone number (private)"))
    p.add_argument("--trust", default=S, help="trusted | normal | blocked")
    p.add_argument("--group", default=S, action="append", dest="groups", metavar="GROUP",
                   help=translate("cli", "a group the contact is met in (repeatable)"))
    _archived_and_note(p)


def _money_flags(p: argparse.ArgumentParser, name: str, what: str) -> None:
    """``--NAME-fen FEN`` and its twin in yuan, ``--NAME YUAN`` (also spelt ``--NAME-yuan``): one of them."""
    money = p.add_mutually_exclusive_group()
    money.add_argument(f"--{name}-fen", default=S, metavar="FEN",
                       help=translate("cli", "{what}, in fen (100 fen = ¥1)").format(what=what))
    money.add_argument(f"--{name}", f"--{name}-yuan", default=S, dest=f"{name}_yuan", metavar="YUAN",
                       help=translate("cli", "{what}, in yuan (at most two decimals)").format(what=what))


def _deal_flags(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--kind", default=S, help=_required("group_buy | bargain | boost", edit))
    p.add_argument("--title", default=S, help=_required(translate("cli", "what it is, e.g. the product"), edit))
    p.add_argument("--url", default=S, help=translate("cli", "its link (http or https)"))
    p.add_argument("--group", default=S, help=translate("cli", "the group it is in, by name or id"))
    p.add_argument("--mine", default=S, action=argparse.BooleanOptionalAction,
                   help=translate("cli", "a deal I started (default: one I joined)"))
    _money_flags(p, "original", translate("cli", "the original price"))
    _money_flags(p, "target", translate("cli", "the target price (0: free)"))
    _money_flags(p, "current", translate("cli", "the price now"))
    tiers = p.add_mutually_exclusive_group()
    tiers.add_argument("--tier", default=S, action="append", dest="tiers", metavar="PARTICIPANTS:FEN",
                       help=translate("cli", "a group-buy price tier in fen, e.g. 3:2990 (repeatable)"))
    tiers.add_argument("--tier-yuan", default=S, action="append", dest="tiers_yuan", metavar="PARTICIPANTS:YUAN",
                       help=translate("cli", "a group-buy price tier in yuan, e.g. 3:29.90 (repeatable)"))
    p.add_argument("--needed", default=S, dest="participants_needed", metavar="N",
                   help=translate("cli", "participants needed (default: the smallest tier's)"))
    p.add_argument("--joined-count", default=S, dest="participants_joined", metavar="N",
                   help=translate("cli", "participants so far"))
    p.add_argument("--deadline", default=S, metavar="WHEN", help=translate("cli", "when it ends"))
    p.add_argument("--at", default=S, dest="started_at", metavar="WHEN", help=translate("cli", "when it started"))
    _archived_and_note(p)
    p.add_argument("--allow-duplicate", action="store_true",
                   help=translate("cli", "log it even if the same link is already logged"))
    image = p.add_mutually_exclusive_group()
    image.add_argument("--image", default=S, metavar="PATH",
                       help=translate("cli", "a screenshot of it: a JPEG, PNG or WebP file, stored without its "
                                             "metadata (\"\": none)"))
    if edit:
        image.add_argument("--no-image", dest="image", action="store_const", const="", default=S,
                           help=translate("cli", "remove its screenshot"))
    if edit:
        p.add_argument("--status", default=S, help="open | succeeded | failed | cancelled")


def _request_flags(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--group", default=S, help=_required(translate("cli", "the group asked, by name or id"), edit))
    p.add_argument("--deal", default=S, help=translate("cli", "the deal it is for, by title or id"))
    p.add_argument("--at", default=S, metavar="WHEN", help=_when_help())
    p.add_argument("--note", default=S, help=translate("cli", "a note, one line"))


def _help_flags(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--direction", default=S, help=_required("given | received", edit))
    p.add_argument("--kind", default=S, help=_required("bargain_cut | join_group | boost_click | share | other", edit))
    p.add_argument("--contact", default=S,
                   help=_required(translate("cli", "who: a contact's nickname or id"), edit))
    p.add_argument("--group", default=S, help=translate("cli", "the group it happened in, by name or id"))
    p.add_argument("--deal", default=S, help=translate("cli", "the deal it helped, by title or id"))
    _money_flags(p, "amount", translate("cli", "the amount cut or paid"))
    p.add_argument("--at", default=S, metavar="WHEN", help=_when_help())
    p.add_argument("--note", default=S, help=translate("cli", "a note, one line"))


def _required(text: str, edit: bool) -> str:
    """A flag's help, saying it is required when adding (argparse would show it in [brackets] all the same)."""
    return text if edit else translate("cli", "{help} (required)").format(help=text)


def _ref_help() -> str:
    return translate("cli", "the record's id (a group, contact or deal also by its name)")


def _out_help() -> str:
    return translate("cli", "the folder to write the images into (made if missing)")


def _json_help() -> str:
    return translate("cli", "print JSON, for scripts (docs/cli.md gives its shape)")


def _when_help() -> str:
    return translate("cli", "when it happened, e.g. 2026-11-25T20:00 in your time zone (default: now)")


FLAGS: dict[str, Callable[[argparse.ArgumentParser, bool], None]] = {
    "group": _group_flags,
    "contact": _contact_flags,
    "deal": _deal_flags,
    "request": _request_flags,
    "help": _help_flags,
}


def window_size(text: str) -> tuple[int, int]:
    """``1024x640`` -> (1024, 640); anything else is a usage error."""
    width, _, height = text.lower().partition("x")
    if width.strip().isdecimal() and height.strip().isdecimal():
        size = (int(width), int(height))
        if 320 <= size[0] <= 7680 and 240 <= size[1] <= 4320:
            return size
    raise argparse.ArgumentTypeError(
        translate("cli", "'{value}' is not a window size from 320x240 to 7680x4320, such as 1024x640.").format(
            value=shown(text, 40)))


def build_parser() -> Parser:
    common = _common()
    parser = Parser(
        prog="pintuan-quest",
        description=translate("cli", "Pintuan Quest: your private logbook of group buys and bargain help."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=translate("cli", "print the version and exit"))
    parser.add_argument("--demo", action="store_true", help=translate("cli", "open the window on demo data"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    demo = sub.add_parser("demo", parents=[common], help=translate("cli", "fill a data folder with demo data"))
    demo.add_argument("--activities", type=_number, default=3000, metavar="N",
                      help=translate("cli", "how many activities to generate (default 3,000)"))
    demo.add_argument("--seed", type=_number, default=1, metavar="N",
                      help=translate("cli", "the same seed gives the same data (default 1)"))

    add = sub.add_parser("add", parents=[common], help=translate("cli", "add a record"))
    add_kinds = add.add_subparsers(dest="entity", metavar="KIND", required=True, parser_class=Parser)
    edit = sub.add_parser("edit", parents=[common], help=translate("cli", "change a record"))
    edit_kinds = edit.add_subparsers(dest="entity", metavar="KIND", required=True, parser_class=Parser)
    kinds_help = {
        "group": translate("cli", "a group you are in (社群)"),
        "contact": translate("cli", "someone you swap favours with (群友)"),
        "deal": translate("cli", "a group buy, bargain or boost you started or joined"),
        "request": translate("cli", "a request for help you posted in a group"),
        "help": translate("cli", "a help you gave or got"),
    }
    for kind in KINDS:
        a = add_kinds.add_parser(kind, parents=[common], help=kinds_help[kind])
        FLAGS[kind](a, False)
        a.add_argument("--json", action="store_true", help=translate("cli", "print the new record as JSON"))
        e = edit_kinds.add_parser(kind, parents=[common], help=kinds_help[kind])
        e.add_argument("ref", metavar="ID", help=_ref_help())
        FLAGS[kind](e, True)
        e.add_argument("--json", action="store_true", help=translate("cli", "print the record as JSON"))
        if kind in ("contact", "deal", "group", "help"):
            e.add_argument("--forget-old", action="store_true",
                           help=translate("cli", "also take the old values of the fields this changes (handles, "
                                                 "phone, link, notes) out of the history and the backups"))

    delete = sub.add_parser("delete", parents=[common], help=translate("cli", "delete a record"))
    delete.add_argument("entity", metavar="KIND", choices=KINDS, help=" | ".join(KINDS))
    delete.add_argument("ref", metavar="ID", help=_ref_help())

    settle = sub.add_parser("settle", parents=[common],
                            help=translate("cli", "settle up with a contact: even, a favour, a red packet, or partly"))
    settle.add_argument("contact", metavar="CONTACT", help=translate("cli", "who: a contact's nickname or id"))
    settle.add_argument("--how", default="even", choices=("even", "favour", "hongbao", "partial"),
                        help=translate("cli", "even (default), favour (returned one), hongbao (a red packet), "
                                              "partial (some helps: give --helps)"))
    settle.add_argument("--helps", default=None, type=_number, metavar="N",
                        help=translate("cli", "with --how partial: how many helps it settles"))
    settle.add_argument("--amount-yuan", default=None, metavar="YUAN",
                        help=translate("cli", "the red packet's amount (or money that went with it), in yuan"))
    settle.add_argument("--at", default=None, metavar="WHEN", help=_when_help())
    settle.add_argument("--note", default="", help=translate("cli", "a note, one line"))
    settle.add_argument("--json", action="store_true", help=translate("cli", "print the settlement as JSON"))

    profile = sub.add_parser("profile", parents=[common],
                             help=translate("cli", "show your name, language, time zone and rest days; change them"))
    profile.add_argument("--name", default=None, metavar="NAME",
                         help=translate("cli", "the name the window greets you by (empty: none)"))
    profile.add_argument("--timezone", default=None, metavar="ZONE",
                         help=translate("cli", "your IANA time zone, e.g. Asia/Shanghai (rebuilds the game)"))
    profile.add_argument("--rest-days", default=None, metavar="N",
                         help=translate("cli", "missed days a week that keep a streak, 0 to 3 (rebuilds the game)"))
    avatar = profile.add_mutually_exclusive_group()
    avatar.add_argument("--avatar", default=None, metavar="PATH",
                        help=translate("cli", "your picture: a JPEG, PNG or WebP file, stored without its metadata "
                                              "(\"\": none)"))
    avatar.add_argument("--no-avatar", dest="avatar", action="store_const", const="",
                        help=translate("cli", "remove your picture"))
    profile.add_argument("--json", action="store_true", help=_json_help())

    merge = sub.add_parser("merge", parents=[common], help=translate("cli", "merge two contacts"))
    merge.add_argument("what", choices=("contacts",), metavar="contacts", type=_list_kind,
                       help=translate("cli", "what to merge: contacts"))
    merge.add_argument("keep", metavar="KEEP", help=translate("cli", "the contact that stays, by nickname or id"))
    merge.add_argument("other", metavar="OTHER",
                       help=translate("cli", "the same person logged twice: moved into KEEP, then removed"))

    lst = sub.add_parser("list", parents=[common], help=translate("cli", "list records"))
    lst.add_argument("entity", metavar="KIND", choices=LIST_KINDS, type=_list_kind,
                     help=translate("cli", "groups, contacts, deals, requests, helps or activities (or one of "
                                           "them: deal, help…)"))
    lst.add_argument("--json", action="store_true", help=_json_help())
    lst.add_argument("--limit", type=_limit, default=None, metavar="N",
                     help=translate("cli", "at most N rows (default: all)"))

    ledger = sub.add_parser("ledger", parents=[common], help=translate("cli", "show the reciprocity ledger"))
    ledger.add_argument("--json", action="store_true", help=_json_help())

    check = sub.add_parser("check", parents=[common], help=translate("cli", "check the database"))
    check.add_argument("--json", action="store_true", help=_json_help())

    backup = sub.add_parser("backup", parents=[common], help=translate("cli", "back up the database now"))
    backup.add_argument("--json", action="store_true", help=_json_help())

    listing = sub.add_parser("backups", parents=[common], help=translate("cli", "list the backups"))
    listing.add_argument("--json", action="store_true", help=_json_help())
    second = listing.add_mutually_exclusive_group()
    second.add_argument("--second-folder", default=None, metavar="DIR",
                        help=translate("cli", "also copy every backup into this folder (another drive)"))
    second.add_argument("--no-second-folder", action="store_true",
                        help=translate("cli", "stop copying backups into a second folder"))

    restore = sub.add_parser("restore", parents=[common],
                             help=translate("cli", "restore a backup (the current state is backed up first)"))
    source = restore.add_mutually_exclusive_group(required=True)
    source.add_argument("backup", nargs="?", default=None, metavar="BACKUP",
                        help=translate("cli", "a backup file (see `backups`)"))
    source.add_argument("--latest", action="store_true", help=translate("cli", "the newest verified backup"))
    source.add_argument("--salvage", nargs="?", const="", default=None, metavar="DAMAGED",
                        help=translate("cli", "recover what can be read from a damaged copy (default: the newest)"))
    source.add_argument("--empty", action="store_true",
                        help=translate("cli", "start anew with an empty database (only where there is none)"))

    quests = sub.add_parser("quests", parents=[common], help=translate("cli", "show quest chains; install packs"))
    quests.add_argument("--json", action="store_true", help=_json_help())
    quest_verbs = quests.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
    install = quest_verbs.add_parser("install", parents=[common], help=translate("cli", "install a quest pack"))
    install.add_argument("file", metavar="FILE.toml", help=translate("cli", "the pack file (docs/quests.md)"))
    uninstall = quest_verbs.add_parser("uninstall", parents=[common], help=translate("cli", "remove a quest pack"))
    uninstall.add_argument("pack_id", metavar="ID", help=translate("cli", "an installed pack's id"))

    badges = sub.add_parser("badges", parents=[common], help=translate("cli", "show achievements and badges"))
    badges.add_argument("--json", action="store_true", help=_json_help())
    badge_verbs = badges.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
    render = badge_verbs.add_parser("render", parents=[common], help=translate("cli", "draw every badge as PNG"))
    render.add_argument("--out", required=True, metavar="DIR", help=_out_help())

    shots = sub.add_parser("screenshots", parents=[common], help=translate("cli", "render every page to PNG"))
    shots.add_argument("--out", required=True, metavar="DIR", help=_out_help())
    shots.add_argument("--size", type=window_size, default=(1280, 800), metavar="WxH",
                       help=translate("cli", "window size in pixels, e.g. 1024x640 (default 1280x800)"))
    shots.add_argument("--theme", choices=("light", "dark"), default="light",
                       help=translate("cli", "light or dark (default light)"))

    points = sub.add_parser("points", parents=[common], help=translate("cli", "show points and level"))
    points.add_argument("--json", action="store_true", help=_json_help())
    points.add_argument("--all", action="store_true",
                        help=translate("cli", "print every points entry, not the last 10"))

    recompute = sub.add_parser("recompute", parents=[common], help=translate("cli", "rebuild the game from the facts"))
    recompute.add_argument("--verify", action="store_true",
                           help=translate("cli", "compare with the stored state instead; exit 1 on any difference"))
    _privacy_commands(sub, common)
    _erasure_commands(sub, common)
    _links_command(sub, common)
    _parse_share_command(sub, common)
    _chat_command(sub, common)
    return parser


def _erasure_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    erase = sub.add_parser("erase", parents=[common],
                           help=translate("cli", "erase a contact's details for good (history kept under a pseudonym)"))
    erase.add_argument("what", choices=("contact",), metavar="contact", help=translate("cli", "what to erase: contact"))
    erase.add_argument("contact", metavar="CONTACT", help=translate("cli", "who: a contact's nickname or id"))
    erase.add_argument("--json", action="store_true", help=translate("cli", "print what was done as JSON"))
    wipe = sub.add_parser("wipe", parents=[common],
                          help=translate("cli", "delete all data and every backup, for good"))
    wipe.add_argument("--yes-really", action="store_true",
                      help=translate("cli", "required: without it nothing is deleted"))
    wipe.add_argument("--json", action="store_true", help=translate("cli", "print what was done as JSON"))


def _links_command(sub: Any, common: argparse.ArgumentParser) -> None:
    links = sub.add_parser("links", parents=[common],
                           help=translate("cli", "check links offline; flag a suspicious one"))
    verbs = links.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=Parser)
    check = verbs.add_parser("check", parents=[common],
                             help=translate("cli", "judge links (ok, warn or danger, with reasons) without the "
                                                   "network or a data folder"))
    check.add_argument("urls", nargs="+", metavar="URL", help=translate("cli", "the links to judge, as typed"))
    check.add_argument("--json", action="store_true",
                       help=translate("cli", "print one JSON object per link (the output is always JSON lines)"))
    _link_flag_command(verbs, common)


def _parse_share_command(sub: Any, common: argparse.ArgumentParser) -> None:
    share = sub.add_parser("parse-share", parents=[common],
                           help=translate("cli", "read a pasted share text (拼团, 砍价, 助力): what deal it proposes; "
                                                 "nothing is written"))
    share.add_argument("text", metavar="TEXT",
                       help=translate("cli", "the share text (- to read it from standard input)"))
    share.add_argument("--json", action="store_true",
                       help=translate("cli", "print what it proposes as one JSON object (an empty one for no share)"))


def _link_flag_command(verbs: Any, common: argparse.ArgumentParser) -> None:
    flag = verbs.add_parser("flag", parents=[common], help=translate("cli", "record that a link looks like a fraud"))
    flag.add_argument("url", metavar="URL",
                      help=translate("cli", "the link, as it was shared (- for the deal's own link, with --deal)"))
    flag.add_argument("--deal", default=None, metavar="DEAL", help=translate("cli", "the deal it belongs to"))
    flag.add_argument("--note", default=None, metavar="TEXT", help=translate("cli", "why, in your words"))
    flag.add_argument("--json", action="store_true", help=_json_help())


def _privacy_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser("export", parents=[common],
                            help=translate("cli", "export your history under a share preset"))
    export.add_argument("--preset", required=True, metavar="PRESET",
                        help=translate("cli", "backup, friends, public or one of yours (see `presets`)"))
    export.add_argument("--format", choices=("json", "csv", "html", "pdf", "card", "badges"), default="json",
                        help=translate("cli", "json, csv (a .zip of tables), a report to read (html or pdf), card (a "
                                              "share card .png) or badges (a .zip of Open Badges 3.0 baked .png); "
                                              "default json"))
    export.add_argument("-o", "--output", required=True, metavar="PATH",
                        help=translate("cli", "the file to write (a .zip for csv and badges, a .png for card)"))
    export.add_argument("--dry-run", action="store_true",
                        help=translate("cli", "show what would leave, by class and section; write nothing"))
    export.add_argument("--json", action="store_true", help=_json_help())

    imp = sub.add_parser("import", parents=[common],
                         help=translate("cli", "import a backup export (merged with the data already here)"))
    imp.add_argument("file", metavar="PATH", help=translate("cli", "a backup export: .json, .json.gz or .zip"))
    imp.add_argument("--dry-run", action="store_true",
                     help=translate("cli", "check the file and count what would change; write nothing"))
    imp.add_argument("--json", action="store_true", help=_json_help())

    presets = sub.add_parser("presets", parents=[common], help=translate("cli", "list or save share presets"))
    presets.add_argument("--json", action="store_true", help=_json_help())
    verbs = presets.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
    save = verbs.add_parser("save", parents=[common], help=translate("cli", "save a preset of yours"))
    save.add_argument("name", metavar="NAME", help=translate("cli", "1 to 40 of a-z 0-9 - _"))
    classes = (("--safe", "safe", translate("cli", "counts, kinds, levels, points, badges (required)")),
               ("--personal", "personal", translate("cli", "your groups, titles, notes, amounts, times (required)")),
               ("--third-party", "third_party",
                translate("cli", "other people's nicknames, handles, notes, links (required)")))
    for flag, dest, what in classes:
        save.add_argument(flag, dest=dest, required=True, metavar="keep|generalise|drop", help=what)
    remove = verbs.add_parser("delete", parents=[common], help=translate("cli", "delete a preset of yours"))
    remove.add_argument("name", metavar="NAME", help=translate("cli", "a preset of yours"))

    audit = sub.add_parser("audit", parents=[common], help=translate("cli", "list what was exported, and when"))
    audit.add_argument("--json", action="store_true", help=_json_help())


def _chat_command(sub: Any, common: argparse.ArgumentParser) -> None:
    chat = sub.add_parser("import-chat", parents=[common],
                          help=translate("cli", "propose log entries from an exported group chat (a WeChatMsg CSV or "
                                                "a QQ text export); nothing is logged without --accept-all"))
    chat.add_argument("file", metavar="PATH", help=translate("cli", "the exported chat: .csv or .txt"))
    chat.add_argument("--group", required=True, metavar="GROUP",
                      help=translate("cli", "the group the chat is from (it must exist)"))
    chat.add_argument("--me", action="append", metavar="NAME",
                      help=translate("cli", "your name in a QQ export (your profile's name counts already)"))
    chat.add_argument("--accept-all", action="store_true", help=translate("cli", "log every proposal"))
    chat.add_argument("--json", action="store_true", help=_json_help())
