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
from typing import IO, Any

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

FORMAT_VERSION = 1
FORMATS = ("json", "csv")
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
        raise InvalidInput(translate("export", "The format must be json or csv."), "format")
    target = Path(path).expanduser()
    if fmt == "csv" and target.suffix.lower() != ".zip":
        raise InvalidInput(translate(
            "export", "A CSV export is a .zip holding one file per table: give a name ending in .zip."), "output")
    if target.is_dir():
        raise InvalidInput(translate("export", "{path} is a folder: give the name of a file.").format(path=target),
                           "output")
    if not target.parent.is_dir():
        raise InvalidInput(translate("export", "There is no folder {path}.").format(path=target.parent), "output")
    return target


def export(services: Services, preset: Preset, path: Path, fmt: str = "json", *,
           progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
           previewed: bool = False) -> Exported:
    """Write the export and record it in the audit log (``previewed``: the user saw this preset's preview first,
    which the log's ``export.made`` fact keeps)."""
    target = check_target(path, fmt)
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
        else:
            write_csv_zip(target, csv_tables(header, streams))
    size = os.stat(target).st_size
    counts = {name: n if the_plan.rows[name] else 0 for name, n in the_plan.counts.items()}
    services.privacy.record_export(preset, fmt, target, counts, previewed=previewed)
    return Exported(target, fmt, counts, size)


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
    """A default file name: ``pintuan-export-<preset>-<date>.json`` (or ``.zip`` for CSV)."""
    return f"pintuan-export-{preset.name}-{now.date().isoformat()}.{'zip' if fmt == 'csv' else 'json'}"
