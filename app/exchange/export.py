"""Exporting the whole history under a share preset: the preview, then the file (JSON, or CSV through csv_zip.py).

Every record passes through :class:`app.privacy.redact.Redactor`; the file is written streaming to a temporary
file beside the target and renamed over it at the end, so a cancel or a failure leaves nothing behind. Each export
is recorded in the audit log. docs/export.md is the format's contract.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from app.clock import iso
from app.errors import Cancelled, InvalidInput
from app.exchange import sections
from app.exchange.csv_zip import Table, write_csv_zip
from app.files import atomic_output
from app.i18n import translate
from app.model import Profile
from app.privacy.classes import SECTIONS, Sensitivity
from app.privacy.presets import Action, Preset
from app.privacy.redact import Redactor
from app.services import Services
from app.services.records import columns

if TYPE_CHECKING:
    from app.exchange.report import Report

FORMAT_VERSION = 1
FORMATS = ("json", "csv", "html", "pdf", "card", "badges")
# Each format's file name ending (the formats whose file must end so are checked in check_target).
SUFFIXES = {"json": ".json", "csv": ".zip", "html": ".html", "pdf": ".pdf", "card": ".png", "badges": ".zip"}
PdfWriter = Callable[["Report", Path], None]  # app.ui.report_pdf.write_pdf: Qt draws the PDF
Progress = Callable[[int, int], None]  # (records done, records in all)
TICK = 1000  # records between two calls of progress (and two looks at cancel)


@dataclass
class Plan:
    """What an export with a preset would write: the preview the user sees before anything is written."""

    preset: Preset
    counts: dict[str, int]  # records per section
    rows: dict[str, bool]  # whether a section's records leave one by one (else only their count)
    classes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "preset": self.preset.as_dict(),
            "classes": self.classes,
            "sections": {name: {"records": n, "leave_as": "records" if self.rows[name] else "count"}
                         for name, n in self.counts.items()},
        }


def section_counts(services: Services) -> dict[str, int]:
    """The records of each section (one count query each): what every preset's plan starts from."""
    with services.store.read() as session:
        return {name: sections.count(session, name) for name in sections.SECTION_NAMES}


def plan(services: Services, preset: Preset, counts: dict[str, int] | None = None) -> Plan:
    """Count what would leave, by section and by class; nothing is written. ``counts``: the sections' counts
    when the caller has them (several presets' plans count once)."""
    redactor = Redactor(preset, "", services.clock.tz)
    counts = dict(counts) if counts is not None else section_counts(services)
    rows = {name: redactor.rows_leave(name) for name in counts}
    classes: dict[str, dict[str, Any]] = {}
    for sensitivity in Sensitivity:
        action = preset.action(sensitivity)
        leaving = 0
        if action != Action.drop:
            leaving = sum(n for name, n in counts.items()
                          if rows[name] and any(f.sensitivity == sensitivity for f in SECTIONS[name].values()))
        classes[sensitivity.value] = {"action": action.value, "records": leaving}
    return Plan(preset, counts, rows, classes)


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    counts: dict[str, int]
    bytes: int


def check_target(path: Path, fmt: str) -> Path:
    """The file to write: its folder must exist; a folder in its place is refused. CSV goes into a ``.zip``."""
    if fmt not in FORMATS:
        raise InvalidInput(translate("export", "The format must be one of {formats}.").format(
            formats=", ".join(FORMATS)), "format")
    target = Path(path).expanduser()
    if fmt == "csv" and target.suffix.lower() != ".zip":
        raise InvalidInput(translate(
            "export", "A CSV export is a .zip holding one file per table: give a name ending in .zip."), "output")
    if fmt in ("card", "badges") and target.suffix.lower() != SUFFIXES[fmt]:
        raise InvalidInput(translate("export", "A share card is a .png picture: give a name ending in .png.")
                           if fmt == "card" else translate(
            "export", "Open Badges come as a .zip of baked .png badges: give a name ending in .zip."), "output")
    if target.is_dir():
        raise InvalidInput(translate("export", "{path} is a folder: give the name of a file.").format(path=target),
                           "output")
    if not target.parent.is_dir():
        raise InvalidInput(translate("export", "There is no folder {path}.").format(path=target.parent), "output")
    return target


def export(services: Services, preset: Preset, path: Path, fmt: str = "json", *,
           progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
           lang: str | None = None, pdf_writer: PdfWriter | None = None, previewed: bool = False) -> Exported:
    """Write the export and record it in the audit log. A report (html, pdf) is in ``lang`` (None: the profile's
    language); a PDF is drawn by ``pdf_writer`` (the UI layer's: only it may use Qt's painting). ``previewed``: the
    user saw this preset's preview first, which the log's ``export.made`` fact keeps."""
    target = check_target(path, fmt)
    if fmt in ("card", "badges"):
        return _export_pictures(services, preset, target, fmt, progress=progress, cancelled=cancelled,
                                previewed=previewed)
    if fmt == "pdf" and pdf_writer is None:
        raise InvalidInput(translate("export", "A PDF report needs the window's drawing code."), "format")
    the_plan = plan(services, preset)
    services.profile.ensure()  # its secret keys the pseudonyms: never an empty key
    redactor = Redactor(preset, services.privacy.secret(), services.clock.tz)
    summary = _summary(services, the_plan)
    with services.store.read() as session:
        profile = session.query(Profile).order_by(Profile.created_at).first()
        header = {
            "format_version": FORMAT_VERSION,
            "app": "pintuan-quest",
            "exported_at": iso(services.clock.now()),
            "preset": preset.as_dict(),
            "profile": redactor.record("profile", columns(profile)) if profile is not None else None,
            "summary": summary,
        }
        ticker = _Ticker(the_plan.total, progress, cancelled)
        streams: dict[str, Iterator[Any]] = {}
        for name in sections.SECTION_NAMES:
            texts = sections.json_texts(session, name) if redactor.everything and fmt == "json" else None
            if not the_plan.rows[name]:
                streams[name] = iter(())
            elif texts is not None:  # a backup's JSON: SQLite writes the records' text
                streams[name] = ticker.count(texts)
            else:
                streams[name] = _redacted(redactor, name, ticker.count(sections.records(session, name)))
        if fmt == "json":
            with atomic_output(target) as file:
                write_json(file, header, streams)
        elif fmt == "csv":
            write_csv_zip(target, csv_tables(header, streams))
        else:
            report = _report(services, header, streams, the_plan, lang or (profile.locale if profile else None))
            if pdf_writer is not None and fmt == "pdf":
                pdf_writer(report, target)
            else:
                from app.exchange.report import html

                with atomic_output(target) as file:
                    file.write(html(report).encode("utf-8"))
    size = os.stat(target).st_size
    counts = {name: n if the_plan.rows[name] else 0 for name, n in the_plan.counts.items()}
    services.privacy.record_export(preset, fmt, target, counts, previewed=previewed)
    return Exported(target, fmt, counts, size)


def _export_pictures(services: Services, preset: Preset, target: Path, fmt: str, *, progress: Progress | None,
                     cancelled: Callable[[], bool] | None, previewed: bool) -> Exported:
    """A share card (``share_card.py``) or the zip of baked badges (``baked_badges.py``), audited like the rest."""
    if fmt == "card":
        from app.exchange.share_card import write_card

        counts = write_card(services, preset, target)
    else:
        from app.exchange.baked_badges import write_badges

        counts = {"badges": write_badges(services, preset, target, progress=progress, cancelled=cancelled)}
    services.privacy.record_export(preset, fmt, target, counts, previewed=previewed)
    return Exported(target, fmt, counts, os.stat(target).st_size)
def _report(services: Services, header: dict[str, Any], streams: dict[str, Iterator[Any]], the_plan: Plan,
            lang: str | None) -> Report:
    """The report's contents from the redacted streams, in ``lang`` (the pseudonyms' words included)."""
    from app.exchange.report import build, in_language
    from app.i18n import current_language

    catalogue = services.game.catalogue

    def make() -> Report:
        wanted = current_language()

        def badge_title(ident: str) -> str:
            found = catalogue.achievement(ident)
            return found.title.get(wanted) if found is not None else ident

        return build(header, streams, the_plan.rows, the_plan.counts, badge_title, wanted)

    return in_language(lang, make)


def _redacted(redactor: Redactor, section: str, items: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    # A function, not a generator expression in the loop: that would read the loop's last section name.
    return (redactor.record(section, item) for item in items)


def csv_tables(header: dict[str, Any], streams: dict[str, Iterator[dict[str, Any]]]) -> Iterator[Table]:
    """The export as tables: ``export`` (the header), ``profile``, ``summary``, then one per section; the columns are
    the section's fields the preset lets out (a field it drops is no column)."""
    about = {k: header[k] for k in ("format_version", "app", "exported_at")}
    yield "export", [*about, "preset"], iter([[*about.values(), header["preset"]["name"]]])
    profile = header["profile"] or {}
    yield "profile", list(profile), iter([list(profile.values())] if profile else [])
    summary = header["summary"]
    yield "summary", list(summary), iter([list(summary.values())] if summary else [])
    for name, stream in streams.items():
        first = next(stream, None)
        columns = [k for k in SECTIONS[name] if first is not None and k in first]
        if first is None:
            yield name, columns, iter(())
            continue
        yield name, columns, ([record.get(c) for c in columns] for record in itertools.chain([first], stream))


def write_json(file: IO[bytes], header: dict[str, Any], streams: dict[str, Iterator[Any]]) -> None:
    """The JSON object of docs/export.md, one record per line inside its section's array."""
    pieces: list[str] = []  # written a thousand records at a time: one write (and one encode) a record costs

    def put(text: str) -> None:
        pieces.append(text)
        if len(pieces) >= 1000:
            file.write("".join(pieces).encode("utf-8"))
            pieces.clear()

    put("{\n")
    for key, value in header.items():
        put(f"{json.dumps(key)}: {_dumps(value)},\n")
    last = len(streams) - 1
    for index, (name, stream) in enumerate(streams.items()):
        put(f"{json.dumps(name)}: [")
        separator = "\n"
        for record in stream:
            put(separator)
            put(record if isinstance(record, str) else _dumps(record))
            separator = ",\n"
        put(("" if separator == "\n" else "\n") + ("]\n" if index == last else "],\n"))
    put("}\n")
    file.write("".join(pieces).encode("utf-8"))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _summary(services: Services, the_plan: Plan) -> dict[str, Any]:
    """Level, points, the badges earned and the counts: the safe class (dropped with it)."""
    if the_plan.preset.action(Sensitivity.safe) == Action.drop:
        return {}
    score = services.game.score()
    badges = [b["id"] for b in services.game.badges() if b["earned_tier"] > 0]
    return {"level": score["level"], "points": score["points"], "badges": badges, "counts": dict(the_plan.counts)}


class _Ticker:
    """Counts records as they are written: progress every 1,000, and the user's cancel between two records."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def count(self, items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            self.done += 1
            if self.done % TICK == 0:
                if self.cancelled is not None and self.cancelled():
                    raise Cancelled(translate("export", "The export was cancelled; no file was written."))
                if self.progress is not None:
                    self.progress(self.done, self.total)
            yield item


def today_name(now: dt.datetime, preset: Preset, fmt: str) -> str:
    """A default file name: ``pintuan-export-<preset>-<date>.json`` (``.zip`` for CSV and badges, ``.html``,
    ``.pdf``, ``.png`` for a card)."""
    return f"pintuan-export-{preset.name}-{now.date().isoformat()}{SUFFIXES.get(fmt, '.json')}"
