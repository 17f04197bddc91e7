"""Plain records of the entities: what services return and ``--json`` prints (keys = schema fields + ``id``)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import inspect

from app.clock import iso
from app.model import Activity, BargainCut, Base, Contact, Deal, Group
from app.privacy.links import stored_verdict
from app.services.validate import format_window

_AS_IS = frozenset({str, int, bool, float, type(None)})  # exactly these: a StrEnum is a str, and becomes its value


def plain(value: Any) -> Any:
    """A JSON-ready value: UUIDs and enums as strings, times in ISO 8601 (UTC for datetimes)."""
    if type(value) in _AS_IS:  # most values: no need to ask about every other type first
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def columns(obj: Base) -> dict[str, Any]:
    return {attr.key: plain(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def table_columns(model: type[Base]) -> tuple[list[str], list[Any]]:
    """The keys :func:`columns` gives a record of ``model``, and the columns to select for them, in that order."""
    attrs = inspect(model).column_attrs
    return [a.key for a in attrs], [a.columns[0] for a in attrs]


def plain_rows(keys: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Records of selected rows, as :func:`columns` makes them of entities (for lists read without the ORM)."""
    return [{key: plain(value) for key, value in zip(keys, row, strict=True)} for row in rows]


def group_record(group: Group) -> dict[str, Any]:
    record = columns(group)
    record["windows"] = [
        {"weekday": w.weekday, "start": plain(w.start), "end": plain(w.end),
         "text": format_window(w.weekday, w.start, w.end)}
        for w in group.windows
    ]
    return record


def contact_record(contact: Contact) -> dict[str, Any]:
    record = columns(contact)
    record["group_ids"] = [str(g.id) for g in contact.groups]
    return record


def deal_record(deal: Deal, *, cuts: bool = True) -> dict[str, Any]:
    """A deal with its tiers and (unless ``cuts`` is False: a bargain may have thousands) its cuts."""
    record = columns(deal)
    record.pop("url_key", None)
    link_verdict(record)
    record["tiers"] = [{"min_participants": t.min_participants, "price_fen": t.price_fen} for t in deal.tiers]
    if cuts:
        record["cuts"] = [cut_record(c) for c in deal.cuts]
    return record


def link_verdict(record: dict[str, Any]) -> dict[str, Any]:
    """A deal's record with its link's verdict: a link stored before links were checked (no verdict kept) is
    judged as it is read; nothing is written (``judge`` keeps its recent answers, so a list read again is cheap)."""
    if record.get("url") and record.get("url_verdict") is None:
        record["url_verdict"], record["url_reasons"] = stored_verdict(record["url"])
    return record


def cut_record(cut: BargainCut) -> dict[str, Any]:
    return {"id": str(cut.id), "amount_fen": cut.amount_fen, "at": plain(cut.at),
            "contact_id": plain(cut.contact_id), "help_id": plain(cut.help_id)}


def activity_record(activity: Activity) -> dict[str, Any]:
    return columns(activity)


def record(obj: Base) -> dict[str, Any]:
    if isinstance(obj, Group):
        return group_record(obj)
    if isinstance(obj, Contact):
        return contact_record(obj)
    if isinstance(obj, Deal):
        return deal_record(obj)
    return columns(obj)
