"""The commands that change records: add, edit, delete, settle, merge, and the profile."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.context import Context
from app.cli.fields import NOT_FIELDS, read_flags, with_times
from app.cli.output import cell
from app.clock import zone_name
from app.errors import InvalidInput
from app.i18n import current_language, translate

if TYPE_CHECKING:
    from app.services import Services
    from app.services.base import OpResult

PROFILE_SHOWN = ("display_name", "locale", "timezone", "rest_days", "avatar_id")  # never the secret


def _kind_label(kind: str) -> str:
    return {
        "group": translate("cli", "group"),
        "contact": translate("cli", "contact"),
        "deal": translate("cli", "deal"),
        "request": translate("cli", "request"),
        "help": translate("cli", "help exchange"),
    }.get(kind, kind)


def _report(ctx: Context, result: OpResult, args: argparse.Namespace, verb: str) -> None:
    if getattr(args, "json", False):
        ctx.print_json(result.record)
        return
    record = result.record or {}
    label = record.get("name") or record.get("nickname") or record.get("title") or ""
    text = {
        "added": translate("cli", "Added {kind} {label} ({id})."),
        "edited": translate("cli", "Saved {kind} {label} ({id})."),
        "deleted": translate("cli", "Deleted {kind} {id}."),
    }[verb]
    ctx.print(" ".join(text.format(kind=_kind_label(args.entity), label=cell(label), id=result.entity_id).split()))
    _held_back(ctx, result)


def _held_back(ctx: Context, result: OpResult) -> None:
    """Why the game paid less for this write than it seems to (a fair-play rule: docs/quests.md)."""
    if result.news.held_back:
        from app.quests.fairplay import held_back_text

        rules = ctx.services().game.catalogue.rules
        for why in result.news.held_back:
            ctx.print(held_back_text(why, rules))


def _dangerous_link(ctx: Context, result: OpResult, fields: dict[str, Any]) -> None:
    """A warning on stderr when the deal's new link is ``danger``: it is stored all the same (the user may be
    logging the fraud), with its verdict."""
    record = result.record or {}
    if result.entity_type == "deal" and fields.get("url") and record.get("url_verdict") == "danger":
        reasons = ", ".join(record.get("url_reasons") or ())
        ctx.warn(translate("cli", "The link looks dangerous ({reasons}): it is saved with that verdict; do not "
                                  "open it unless you are sure where it goes (`links check` explains).").format(
            reasons=reasons))


def _service(services: Services, kind: str) -> Any:
    return {
        "group": services.groups, "contact": services.contacts, "deal": services.deals,
        "request": services.requests, "help": services.helps,
    }[kind]


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    fields = read_flags(args)  # a bad number or price: refused before the data is opened
    services = ctx.services()
    fields = with_times(fields, services.clock)  # times without a zone are the profile's local times
    if args.entity == "deal":
        result = services.deals.create(allow_duplicate=args.allow_duplicate, **fields)
    else:
        result = _service(services, args.entity).create(**fields)
    _report(ctx, result, args, "added")
    _dangerous_link(ctx, result, fields)
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    if all(key in NOT_FIELDS for key in vars(args)):
        raise InvalidInput(translate("cli", "Nothing to change: give at least one field flag."))
    fields = read_flags(args)  # a bad number or price: refused before the data is opened
    services = ctx.existing()
    fields = with_times(fields, services.clock)  # times without a zone are the profile's local times
    forget = {"forget_old": True} if getattr(args, "forget_old", False) else {}
    if args.entity == "deal":
        result = services.deals.edit(args.ref, allow_duplicate=args.allow_duplicate, **forget, **fields)
    else:
        result = _service(services, args.entity).edit(args.ref, **forget, **fields)
    _report(ctx, result, args, "edited")
    if forget and not args.json:
        from app.cli.erasure import copies_text

        for line in copies_text((result.record or {}).get("erasure", {}).get("backups", {})):
            ctx.print(line)
    _dangerous_link(ctx, result, fields)
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    result = _service(ctx.existing(), args.entity).delete(args.ref)
    _report(ctx, result, args, "deleted")
    return 0


def cmd_settle(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import validate as v

    services = ctx.existing()
    at = v.parse_datetime(args.at, services.clock.tz, "at") if args.at else None
    amount = v.yuan_to_fen(args.amount_yuan, "amount") if args.amount_yuan else None
    result = services.ledger.settle(args.contact, at=at, note=args.note, how=args.how, amount_fen=amount,
                                    helps=args.helps)
    if args.json:
        ctx.print_json(result.record)
        return 0
    name = cell(args.contact)
    if args.how == "partial":
        balance = services.ledger.contact(args.contact)["balance"]
        ctx.print(translate("cli", "Settled {count} helps with {contact}: the balance is now {balance}.").format(
            count=args.helps, contact=name, balance=f"{balance:+d}" if balance else "0"))
    else:
        how = {
            "even": translate("cli", "we are even"),
            "favour": translate("cli", "a favour returned"),
            "hongbao": translate("cli", "a red packet"),
        }[args.how]
        if amount is not None:
            how = f"{how} ¥{v.yuan_text(amount)}"
        ctx.print(translate("cli", "Settled up with {contact} ({how}): the balance counts from here.").format(
            contact=name, how=how))
    _held_back(ctx, result)
    return 0


def cmd_profile(ctx: Context, args: argparse.Namespace) -> int:
    """Show the name, language, time zone and rest days; ``--timezone`` and ``--rest-days`` change them and
    rebuild the game; ``--name`` sets the name the window greets the user by."""
    if args.avatar is not None:
        result = ctx.services().profile.set_avatar(args.avatar)  # a refused file: exit 2, nothing written
        avatar = ctx.services().images.get((result.record or {}).get("avatar_id"))
        if avatar is None:
            ctx.print(translate("cli", "Your picture was removed."))
        else:
            ctx.print(translate("cli", "Picture set ({width} × {height} pixels, stored without its metadata).")
                      .format(width=avatar["width"], height=avatar["height"]))
        if args.name is None and args.rest_days is None and args.timezone is None:
            return 0
    if args.name is not None:
        ctx.services().profile.edit(display_name=args.name)  # a name no one can have: exit 2, nothing written
        ctx.print(translate("cli", "Name set to {name}.").format(name=cell(args.name.strip()) or "—"))
        if args.rest_days is None and args.timezone is None:
            return 0
    if args.rest_days is not None:
        from app.services.profile import rest_days

        days = rest_days(args.rest_days)  # a bad number: exit 2 before anything is opened or created
        ctx.services().profile.set_rest_days(days)
        ctx.print(translate("cli", "Rest days set to {days} a week; streaks were counted again with them.").format(
            days=days))
        if args.timezone is None:
            return 0
    if args.timezone is not None:
        from app.services.profile import time_zone

        zone = time_zone(args.timezone)  # a bad name: exit 2 before anything is opened or created
        services = ctx.services()
        before = services.profile.get()["timezone"]
        services.profile.set_timezone(zone)
        if zone == before:
            ctx.print(translate("cli", "The time zone is already {zone}.").format(zone=zone))
        else:
            ctx.print(translate("cli", "Time zone set to {zone} (was {old}); the game was rebuilt in it.").format(
                zone=zone, old=before))
        return 0
    if ctx.has_database():
        profile = ctx.services().profile.get()
    else:  # what a new profile would start with; reading creates nothing
        profile = {"display_name": "", "locale": current_language(), "timezone": zone_name(ctx.clock.tz),
                   "rest_days": None, "avatar_id": None}
    shown = {key: profile[key] for key in PROFILE_SHOWN}
    if shown["rest_days"] is None:  # none chosen: the built-in content's
        from app.quests.schema import Rules

        shown["rest_days"] = Rules().rest_days
    if args.json:
        ctx.print_json(shown)
        return 0
    ctx.print(translate("cli", "Name: {value}").format(value=cell(shown["display_name"]) or "—"))
    ctx.print(translate("cli", "Language: {value}").format(value=shown["locale"]))
    ctx.print(translate("cli", "Time zone: {value}").format(value=shown["timezone"]))
    ctx.print(translate("cli", "Rest days a week (streaks): {value}").format(value=shown["rest_days"]))
    avatar = ctx.services().images.get(shown["avatar_id"]) if shown["avatar_id"] else None
    ctx.print(translate("cli", "Picture: {value}").format(
        value=f"{avatar['width']} × {avatar['height']}" if avatar else "—"))
    return 0


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.existing().contacts.merge(args.keep, args.other)
    record = result.record or {}
    ctx.print(
        translate("cli", "Merged {other} into {keep} ({id}).").format(
            other=cell(args.other), keep=cell(record.get("nickname", args.keep)), id=result.entity_id
        )
    )
    return 0
