"""The command line's privacy commands: ``export``, ``import``, ``presets`` (``presets save``/``delete``), ``audit``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import Context
from app.cli.output import cell
from app.i18n import translate


def _progress(ctx: Context, what: str) -> object:
    """A line on a terminal's standard error, written over as the work goes (none when it is not a terminal).
    A total of 0 means not known yet: the file is being checked."""
    checking = translate("cli", "Checking: {done} records…")

    def shown(done: int, total: int) -> None:
        text = what if total else checking
        ctx.err.write("\r" + text.format(done=f"{done:,}", total=f"{total:,}"))
        ctx.err.flush()

    return shown if ctx.err.isatty() else None


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.exchange.export import check_target, export, plan

    services = ctx.reader() if args.dry_run else ctx.existing()
    preset = services.privacy.preset(args.preset)
    target = check_target(Path(args.output), args.format)
    the_plan = plan(services, preset)
    if args.dry_run:
        if args.json:
            ctx.print_json({**the_plan.as_dict(), "format": args.format, "output": str(target)})
            return 0
        ctx.print(translate("cli", "An export with the preset '{preset}' as {format} to {path} would write:").format(
            preset=preset.name, format=args.format, path=target))
        for name, figures in the_plan.classes.items():
            ctx.print(f"  {name:<12} {figures['action']:<11} " + translate("cli", "{count} records").format(
                count=f"{figures['records']:,}"))
        for name, count in the_plan.counts.items():
            shown = translate("cli", "as records") if the_plan.rows[name] else translate("cli", "as a count only")
            ctx.print(f"  {name:<12} {count:>9,}  {shown}")
        ctx.print(translate("cli", "Nothing was written (--dry-run)."))
        return 0
    progress = _progress(ctx, translate("cli", "Exporting: {done} of {total} records…"))
    pdf_writer = None
    if args.format == "pdf":  # drawn by Qt, on an offscreen application: the other formats never load QtGui
        from app.ui.report_pdf import pdf_application, write_pdf

        pdf_application()
        pdf_writer = write_pdf
    lang = getattr(args, "lang", None)  # the report's language: --lang, else the profile's
    done = export(services, preset, target, args.format, progress=progress,  # type: ignore[arg-type]
                  lang=lang if isinstance(lang, str) else None, pdf_writer=pdf_writer)
    if progress is not None:
        ctx.err.write("\n")
    if args.json:
        ctx.print_json({"output": str(done.path), "format": done.format, "preset": preset.name,
                        "counts": done.counts, "bytes": done.bytes})
        return 0
    if done.format == "card":
        text = translate("cli", "Wrote the share card with the preset '{preset}' to {path}.")
    elif done.format == "badges":
        text = translate("cli", "Wrote {count} baked Open Badges with the preset '{preset}' to {path}.")
    else:
        text = translate("cli", "Exported {count} records with the preset '{preset}' to {path}.")
    ctx.print(text.format(count=f"{sum(done.counts.values()):,}", preset=preset.name, path=done.path))
    return 0


def cmd_presets(ctx: Context, args: argparse.Namespace) -> int:
    if args.verb == "save":
        ctx.existing().privacy.save_preset(args.name, safe=args.safe, personal=args.personal,
                                           third_party=args.third_party)
        ctx.print(translate("cli", "Saved the preset '{name}'.").format(name=args.name.strip()))
        return 0
    if args.verb == "delete":
        ctx.existing().privacy.delete_preset(args.name)
        ctx.print(translate("cli", "Deleted the preset '{name}'.").format(name=args.name.strip()))
        return 0
    if ctx.has_database():
        records = ctx.reader().privacy.preset_records()
    else:
        from app.privacy.presets import BUILT_IN, describe

        records = [{**p.as_dict(), "built_in": True, "shares": describe(p)} for p in BUILT_IN.values()]
    if args.json:
        ctx.print_json(records)
        return 0
    for record in records:
        kind = translate("cli", "built in") if record["built_in"] else translate("cli", "yours")
        ctx.print(translate("cli", "{name} ({kind}): safe {safe}, personal {personal}, third_party {third_party}")
                  .format(name=cell(record["name"]), kind=kind, safe=record["safe"], personal=record["personal"],
                          third_party=record["third_party"]))
        for line in record["shares"]:
            ctx.print(f"  {line}")
    return 0


def cmd_audit(ctx: Context, args: argparse.Namespace) -> int:
    rows = ctx.reader().privacy.audit() if ctx.has_database() else []
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print(translate("cli", "Nothing has been exported yet."))
        return 0
    for row in rows:
        ctx.print(f"{row['at']}\t{cell(row['preset'])}\t{row['format']}\t{row['records']:,}\t{cell(row['file_name'])}")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.exchange.importer import import_file, scan

    source = Path(args.file).expanduser()
    if args.dry_run and not ctx.has_database():  # nothing to merge with: every record would be added
        found = scan(source)
        report: dict[str, Any] = {"counts": found.counts, "added": sum(found.counts.values()), "updated": 0,
                                  "unchanged": 0, "deleted": 0, "matching_contacts": [], "dry_run": True}
        areas: list[str] = []
    else:
        services = ctx.reader() if args.dry_run else ctx.services()
        progress = _progress(ctx, translate("cli", "Importing: {done} of {total} records…"))
        result = import_file(services, source, dry_run=args.dry_run, progress=progress)  # type: ignore[arg-type]
        if progress is not None:
            ctx.err.write("\n")
        report, areas = result.record or {}, sorted(result.changes.areas)
    if args.json:
        ctx.print_json({**report, "areas": areas})
        return 0
    text = (translate("cli", "Would import {file}: {added} added, {updated} updated, {unchanged} unchanged, "
                             "{deleted} deleted. Nothing was written (--dry-run).") if args.dry_run else
            translate("cli", "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged, "
                             "{deleted} deleted."))
    ctx.print(text.format(file=source.name, **{k: f"{report.get(k, 0):,}" for k in
                                                  ("added", "updated", "unchanged", "deleted")}))
    for pair in report.get("matching_contacts", []):
        ctx.print(translate("cli", "  '{new}' shares a nickname with '{old}': if they are one person, run "
                                   "merge contacts {old_id} {new_id}").format(
            new=cell(pair["imported_nickname"]), old=cell(pair["existing_nickname"]),
            old_id=pair["existing_id"], new_id=pair["imported_id"]))
    return 0
