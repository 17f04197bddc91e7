"""The export's sections read from the store, as plain records (the field names of ``list … --json``), streaming.

docs/export.md names the sections and their order. Big sections (helps, the log) are read in batches through a
server-side cursor, never whole; the small ones (groups, contacts, deals) with their lists (windows, groups, tiers).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, Boolean, Uuid, func, select
from sqlalchemy.orm import Session, selectinload

from app.model import (
    Activity,
    ActivityKind,
    BargainCut,
    Base,
    Contact,
    Deal,
    ExportAudit,
    Group,
    HelpExchange,
    HelpRequest,
    Image,
    LedgerSettlement,
    SharePreset,
)
from app.model_types import UTCDateTime
from app.privacy.classes import KEYS
from app.services.records import contact_record, deal_record, group_record, plain, table_columns

SECTION_NAMES = (
    "groups", "contacts", "deals", "requests", "helps", "cuts", "settlements", "activities", "presets", "exports",
    "images",
)
BATCH = 2_000
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

MODELS: dict[str, type[Base]] = {
    "groups": Group, "contacts": Contact, "deals": Deal, "cuts": BargainCut, "requests": HelpRequest,
    "helps": HelpExchange, "settlements": LedgerSettlement, "activities": Activity, "presets": SharePreset,
    "exports": ExportAudit, "images": Image,
}
# The log's facts and corrections: the game's derived events are recomputed by whoever reads the file.
NOT_DERIVED = Activity.kind != ActivityKind.derived


def count(session: Session, section: str) -> int:
    model = MODELS[section]
    query = select(func.count()).select_from(model)
    if model is Activity:
        query = query.where(NOT_DERIVED)
    return int(session.scalar(query) or 0)


def records(session: Session, section: str) -> Iterator[dict[str, Any]]:
    """The section's records, in a stable order (the log by its sequence, the rest by id)."""
    if section == "groups":
        groups = select(Group).options(selectinload(Group.windows)).order_by(Group.id)
        for group in session.scalars(groups):
            record = group_record(group)
            for window, row in zip(record["windows"], group.windows, strict=True):
                window["id"] = str(row.id)  # kept by a backup, so that its import is the same table
            yield record
    elif section == "contacts":
        contacts = select(Contact).options(selectinload(Contact.groups)).order_by(Contact.id)
        yield from (contact_record(c) for c in session.scalars(contacts))
    elif section == "deals":
        deals = select(Deal).options(selectinload(Deal.tiers)).order_by(Deal.id)
        for deal in session.scalars(deals):
            record = deal_record(deal, cuts=False)
            for tier, kept in zip(record["tiers"], deal.tiers, strict=True):
                tier["id"] = str(kept.id)
            yield record
    elif section == "images":  # the pictures' bytes in base64 (JSON holds no bytes)
        for record in _rows(session, Image):
            record["data"] = base64.b64encode(record["data"]).decode("ascii")
            yield record
    else:
        yield from _rows(session, MODELS[section])


def section_of(model: type[Base]) -> str:
    return next(name for name, m in MODELS.items() if m is model)


def _rows(session: Session, model: type[Base]) -> Iterator[dict[str, Any]]:
    keys, cols = table_columns(model)
    query = select(*cols)
    if model is Activity:
        query = query.where(NOT_DERIVED).order_by(Activity.seq)
    else:
        query = query.order_by(cols[keys.index(KEYS.get(section_of(model), "id"))])
    result = session.execute(query.execution_options(yield_per=BATCH))
    for batch in result.partitions():
        for row in batch:
            yield {key: plain(value) for key, value in zip(keys, row, strict=True)}


# -- a backup's flat sections, made into JSON by SQLite itself ----------------------------------------------------

def _sql_value(column: Any) -> str:
    """The SQL that turns a stored column into its value in ``list … --json`` (NULL stays NULL: JSON null)."""
    name = f'"{column.name}"'
    kind = column.type
    if isinstance(kind, Uuid):
        return (f"substr({name}, 1, 8) || '-' || substr({name}, 9, 4) || '-' || substr({name}, 13, 4) || '-' || "
                f"substr({name}, 17, 4) || '-' || substr({name}, 21)")
    if isinstance(kind, UTCDateTime):  # plain(): isoformat (no fraction when it is 0) and a Z
        return (f"substr({name}, 1, 10) || 'T' || substr({name}, 12, 8) || "
                f"CASE substr({name}, 20) WHEN '.000000' THEN '' ELSE substr({name}, 20) END || 'Z'")
    if isinstance(kind, Boolean):
        return f"json(CASE {name} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
    return name


def json_texts(session: Session, section: str) -> Iterator[str] | None:
    """A flat section's records as JSON text, built by SQLite's ``json_object`` (a backup: nothing is redacted,
    so the rows need not become Python objects); None for the sections with lists (groups, contacts, deals)."""
    if section in ("groups", "contacts", "deals", "images"):  # lists; the pictures' bytes (base64 in Python)
        return None
    model = MODELS[section]
    keys, cols = table_columns(model)
    # JSON columns (the log's payloads) are stored with their text escaped to ASCII: written again so that the file
    # holds the text as it reads (and a search of its bytes finds it), at the end of the record. SQLite's json()
    # does it when the stored text has no escape \u (json.dumps wrote it: its numbers and key order are those
    # Python would write again, and only its spaces go); the rest (and text that is no JSON) is written from Python.
    plain_pairs = [(k, c) for k, c in zip(keys, cols, strict=True) if not isinstance(c.type, JSON)]
    json_keys = [k for k, c in zip(keys, cols, strict=True) if isinstance(c.type, JSON)]
    record = "json_object(" + ", ".join(f"'{key}', {_sql_value(col)}" for key, col in plain_pairs) + ")"
    plain = " AND ".join(f"instr(\"{k}\", '\\u') = 0 AND json_valid(\"{k}\")" for k in json_keys)
    if json_keys:  # the record's closing brace off (its last value is never an object), the payloads after it
        made = "".join(f" || ',\"{k}\":' || json(\"{k}\")" for k in json_keys)
        record = f"CASE WHEN {plain} THEN rtrim({record}, '}}'){made} || '}}' END, {record}"
    extra = "".join(f', "{key}"' for key in json_keys)
    where = "WHERE kind != 'derived' ORDER BY seq" if model is Activity else f'ORDER BY "{KEYS.get(section, "id")}"'
    db = session.connection().connection.driver_connection
    cursor = db.execute(  # type: ignore[union-attr]
        f'SELECT {record}{extra} FROM "{model.__tablename__}" {where}')
    if not json_keys:
        return (row[0] for row in cursor)
    return (row[0] if row[0] is not None else _with_json(row[1:], json_keys) for row in cursor)


def _with_json(row: tuple[Any, ...], keys: list[str]) -> str:
    text = row[0][:-1]
    for key, value in zip(keys, row[1:], strict=True):
        parsed = json.loads(value) if value is not None else None
        shown = _COMPACT.encode(parsed)
        text += f',"{key}":{shown}'
    return str(text) + "}"
