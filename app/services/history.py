"""Read-only queries of the History page: the activity log filtered, counted and read a block at a time.

Rows come newest first, ordered by ``(at desc, seq desc)``; ``ix_activity_at`` is ``(at)`` plus the implicit
rowid (= ``seq``), so that order is an index walk. Blocks are read with keyset pagination ("rows after this
``(at, seq)``"), never a large ``OFFSET`` over full rows: the cost of a page stays flat at a million rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.model import Activity, ActivityKind, Contact, Deal, Group
from app.services.base import Service
from app.services.records import activity_record

Key = tuple[dt.datetime, int]
"""Where a row sits in the log: its ``(at, seq)``."""

NAME_MATCH_LIMIT = 50  # ids a text search expands names into; more would make a slow query, not a better one
ID_CHUNK = 500  # ids in one IN (…) list

# The corrections an Undo may write (``payload.undo``): the deletion of the record logged, and the removal of the cut
# its help made on a deal. History leaves them out, with what they undid.
UNDO_TYPES = tuple(f"{kind}.deleted" for kind in ("help", "request", "deal", "group", "contact", "settlement")) + (
    "deal.cut_removed",
)
# The corrections whose payload keeps the name of a record that is gone: type → (entity kind, payload key).
GONE_NAMES = {
    "group.deleted": ("group", "name"),
    "contact.deleted": ("contact", "nickname"),
    "deal.deleted": ("deal", "title"),
    "contact.merged": ("contact", "merged_nickname"),
}


@dataclass(frozen=True)
class HistoryFilter:
    """What the History page shows; empty fields do not filter.

    ``date_from``/``date_to`` are local calendar days (inclusive) in the clock's zone. ``text`` matches the
    type, the entity type, the payload's JSON text and the names of groups, contacts and deals; ``text_types``
    adds the types whose *translated* label matched (the page knows the labels, the service does not).
    """

    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    group_id: uuid.UUID | None = None
    contact_id: uuid.UUID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    text_types: tuple[str, ...] = ()


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _payload_text() -> ColumnElement[str]:
    # SQLite keeps JSON as text: search it as such, without a CAST.
    return type_coerce(Activity.payload, String)


def _payload_id(key: str, ident: uuid.UUID) -> ColumnElement[bool]:
    # The LIKE is a cheap pre-filter (a substring test), the json_extract the exact test.
    return and_(
        _payload_text().like(f"%{ident}%"),
        Activity.payload[key].as_string() == str(ident),
    )


def _about(kind: str, ident: uuid.UUID) -> ColumnElement[bool]:
    """Rows about a group/contact: their own entries, and every fact whose snapshot names them."""
    return or_(and_(Activity.entity_type == kind, Activity.entity_id == ident), _payload_id(f"{kind}_id", ident))


def _chunks(ids: Sequence[Any]) -> list[Sequence[Any]]:
    return [ids[i : i + ID_CHUNK] for i in range(0, len(ids), ID_CHUNK)]


def undone_seqs(session: Session) -> set[int]:
    """The rows an Undo took back, the Undo's own corrections with them: every row about a record whose logging
    was undone, and the facts (a deal's cut) the Undo's other corrections replaced.

    Found through the type and entity indexes: an Undo is rare, and the log can hold a million rows.
    """
    query = select(Activity.seq, Activity.id, Activity.type, Activity.entity_id).where(
        Activity.type.in_(UNDO_TYPES),
        Activity.kind == ActivityKind.correction,
        _payload_text().like('%"undo": true%'),
        Activity.payload["undo"].as_boolean(),
    )
    undos = session.execute(query).all()
    hidden = {row.seq for row in undos}
    records = [row.entity_id for row in undos if row.type.endswith(".deleted")]
    for part in _chunks(records):
        hidden.update(session.scalars(select(Activity.seq).where(Activity.entity_id.in_(part))))
    others = [row for row in undos if not row.type.endswith(".deleted")]
    for part in _chunks(others):
        hidden.update(session.scalars(select(Activity.seq).where(
            Activity.entity_id.in_({row.entity_id for row in part}),
            Activity.superseded_by.in_([row.id for row in part]),
        )))
    return hidden


def annotate(session: Session, activities: Sequence[Activity]) -> list[dict[str, Any]]:
    """Records of ``activities`` with what the page says of them beside their own fields: ``replaced_by_type``,
    the type of the entry that superseded a fact (an edit's new version, a deletion…), and on a correction
    ``corrected_payload``, the snapshot of the fact it corrected (whose help an edit changed). One look-up by id."""
    rows = [activity_record(a) for a in activities]
    wanted = list({i for a in activities for i in (a.superseded_by, a.corrects) if i is not None})
    found: dict[uuid.UUID, tuple[str, dict[str, Any]]] = {}
    for part in _chunks(wanted):
        query = select(Activity.id, Activity.type, Activity.payload).where(Activity.id.in_(part))
        found.update((ident, (type_, payload)) for ident, type_, payload in session.execute(query))
    for activity, row in zip(activities, rows, strict=True):
        if activity.superseded_by in found:
            row["replaced_by_type"] = found[activity.superseded_by][0]
        if activity.corrects in found:
            row["corrected_payload"] = found[activity.corrects][1]
    return rows


class HistoryQuery(Service):
    """Counts and blocks of the filtered history log, newest first, as plain records.

    What an Undo took back is left out (:func:`undone_seqs`, read once per query object: the page makes one per read).
    """

    _hidden: list[int] | None = None

    def hidden(self) -> list[int]:
        """The seqs of the rows an Undo took back (left out of every count and block)."""
        if self._hidden is None:
            with self.store.read() as session:
                self._hidden = sorted(undone_seqs(session))
        return self._hidden

    def gone_names(self) -> dict[str, dict[str, str]]:
        """Id → name of the groups, contacts and deals that were deleted (or merged away), as their deletion
        kept it: the rows about them still name them."""
        found: dict[str, dict[str, str]] = {kind: {} for kind, _ in GONE_NAMES.values()}
        query = select(Activity.type, Activity.entity_id, Activity.payload).where(
            Activity.type.in_(tuple(GONE_NAMES))).order_by(Activity.seq)
        with self.store.read() as session:
            for type_, ident, payload in session.execute(query):
                kind, key = GONE_NAMES[type_]
                name = (payload or {}).get(key)
                if isinstance(name, str) and name:
                    found[kind][str(ident)] = name
        return found

    def utc_bounds(self, f: HistoryFilter) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The filter's local days as a UTC half-open range ``[start, end)``."""
        tz = self.clock.tz

        def midnight(day: dt.date) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(0)).replace(tzinfo=tz).astimezone(dt.UTC)

        start = midnight(f.date_from) if f.date_from else None
        end = midnight(f.date_to + dt.timedelta(days=1)) if f.date_to else None
        return start, end

    def _conditions(self, f: HistoryFilter, *, hide: bool = True) -> list[ColumnElement[bool]]:
        """The filter's conditions; ``hide``: with the one that leaves out what an Undo took back."""
        where: list[ColumnElement[bool]] = []
        if f.types:
            # With a group/contact test every row is read anyway: a sequential scan beats ~N index look-ups
            # through ix_activity_type_at, so "|| ''" keeps SQLite off that index then.
            by_record = f.group_id is not None or f.contact_id is not None
            column = Activity.type.op("||")("") if by_record else Activity.type
            where.append(column.in_(f.types))
        if f.kinds:
            where.append(Activity.kind.in_(f.kinds))
        if f.group_id is not None:
            where.append(_about("group", f.group_id))
        if f.contact_id is not None:
            where.append(_about("contact", f.contact_id))
        start, end = self.utc_bounds(f)
        if start is not None:
            where.append(Activity.at >= start)
        if end is not None:
            where.append(Activity.at < end)
        text = f.text.strip()
        if text:
            where.append(self._text_condition(text, f.text_types))
        hidden = self.hidden() if hide else []
        if hidden:
            # seq is the rowid, which every index holds: the index-only reads stay index-only.
            where.append(Activity.seq.not_in(hidden))
        return where

    def _text_condition(self, text: str, text_types: Sequence[str]) -> ColumnElement[bool]:
        pattern = _like_pattern(text)
        matches: list[ColumnElement[bool]] = [
            Activity.type.like(pattern, escape="\\"),
            Activity.entity_type.like(pattern, escape="\\"),
            _payload_text().like(pattern, escape="\\"),
        ]
        if text_types:
            matches.append(Activity.type.in_(text_types))
        ids = self._named(pattern)
        if ids:
            matches.append(Activity.entity_id.in_(ids))
            # Payload ids are strings; a name found is only worth a substring test per id.
            matches += [_payload_text().like(f"%{ident}%") for ident in ids]
        return or_(*matches)

    def _named(self, pattern: str) -> list[uuid.UUID]:
        """Ids of the groups, contacts and deals whose name matches (the payload holds ids, not names)."""
        with self.store.read() as session:
            ids: list[uuid.UUID] = []
            for column, ident in ((Group.name, Group.id), (Contact.nickname, Contact.id), (Deal.title, Deal.id)):
                query = select(ident).where(column.like(pattern, escape="\\")).limit(NAME_MATCH_LIMIT)
                ids += session.scalars(query)
            return ids[:NAME_MATCH_LIMIT]

    def _select(self, f: HistoryFilter, *columns: Any) -> Select[Any]:
        query = select(*columns) if columns else select(Activity)
        where = self._conditions(f)
        return query.where(*where) if where else query

    @staticmethod
    def _after(query: Select[Any], after: Key | None, newest_first: bool) -> Select[Any]:
        if after is None:
            return query
        at, seq = after
        # ``at <=`` / ``at >=`` is the index range; the OR only sorts out ties on ``at``.
        if newest_first:
            return query.where(Activity.at <= at, or_(Activity.at < at, Activity.seq < seq))
        return query.where(Activity.at >= at, or_(Activity.at > at, Activity.seq > seq))

    @staticmethod
    def _ordered(query: Select[Any], newest_first: bool) -> Select[Any]:
        if newest_first:
            return query.order_by(Activity.at.desc(), Activity.seq.desc())
        return query.order_by(Activity.at.asc(), Activity.seq.asc())

    # -- public -----------------------------------------------------------------------------------------

    def count(self, f: HistoryFilter) -> int:
        """How many rows the filter keeps: all it matches, less the few an Undo took back (a test of every row
        against them would triple the cost of counting a million rows)."""
        where = self._conditions(f, hide=False)
        hidden = self.hidden()
        with self.store.read() as session:
            total = int(session.scalar(select(func.count(Activity.seq)).where(*where)) or 0)
            if hidden:
                query = select(func.count(Activity.seq)).where(*where, Activity.seq.in_(hidden))
                total -= int(session.scalar(query) or 0)
            return total

    def page(self, f: HistoryFilter, after: Key | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """Up to ``limit`` rows following ``after`` (None: from the newest), newest first."""
        query = self._ordered(self._after(self._select(f), after, True), True).limit(limit)
        with self.store.read() as session:
            return annotate(session, list(session.scalars(query)))

    def oldest(self, f: HistoryFilter, limit: int = 500, skip: int = 0) -> list[dict[str, Any]]:
        """The ``limit`` rows just newer than the ``skip`` oldest ones, returned newest first ("jump to end")."""
        query = self._ordered(self._select(f), False).offset(skip).limit(limit)
        with self.store.read() as session:
            rows = annotate(session, list(session.scalars(query)))
        rows.reverse()
        return rows

    def key_after(self, f: HistoryFilter, after: Key | None, skip: int) -> Key | None:
        """The key ``skip`` rows past ``after`` (newest first): reads only ``(at, seq)``, so the index covers it."""
        query = self._ordered(self._after(self._select(f, Activity.at, Activity.seq), after, True), True)
        with self.store.read() as session:
            row = session.execute(query.offset(skip).limit(1)).first()
        return (row[0], row[1]) if row else None

    def rows(
        self, f: HistoryFilter, start: int, limit: int, anchors: Mapping[int, Key], total: int
    ) -> list[dict[str, Any]]:
        """Rows ``[start, start + limit)`` of the newest-first order, reached the cheapest way.

        ``anchors`` maps positions already seen to their keys. Right after an anchor, this is one keyset
        page; otherwise the nearer end wins: a covering-index skip from the nearest anchor above, or an
        ascending read from the oldest row when the block is closer to the end (a jump to the end is cheap).
        """
        if start <= 0:
            return self.page(f, None, limit)
        end = min(start + limit, total)
        above = max((p for p in anchors if p < start), default=-1)
        gap_above = start - above - 1
        gap_below = total - end
        if gap_above == 0:
            return self.page(f, anchors[above], limit)
        if gap_below < gap_above:
            return self.oldest(f, end - start, gap_below)
        key = self.key_after(f, anchors.get(above), gap_above - 1)
        return self.page(f, key, limit) if key is not None else []


def key_of(row: Mapping[str, Any]) -> Key:
    """A record's place in the log (records carry ``at`` as an ISO string)."""
    at = row["at"]
    moment = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)
    return (moment, int(row["seq"]))
