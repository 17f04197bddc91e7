"""The export's sections read from the store, as plain records (the field names of ``list … --json``), streaming.

docs/export.md names the sections and their order. Big sections (helps, the log) are read in batches through a
server-side cursor, never whole; the small ones (groups, contacts, deals) with their lists (windows, groups, tiers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
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
    LedgerSettlement,
    SharePreset,
)
from app.privacy.classes import KEYS
from app.services.records import contact_record, deal_record, group_record, plain, table_columns

SECTION_NAMES = (
    "groups", "contacts", "deals", "requests", "helps", "cuts", "settlements", "activities", "presets", "exports",
)
BATCH = 2_000

MODELS: dict[str, type[Base]] = {
    "groups": Group, "contacts": Contact, "deals": Deal, "cuts": BargainCut, "requests": HelpRequest,
    "helps": HelpExchange, "settlements": LedgerSettlement, "activities": Activity, "presets": SharePreset,
    "exports": ExportAudit,
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
