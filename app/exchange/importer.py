"""Importing a ``backup`` export: into an empty folder losslessly, into one with data as an idempotent merge.

The file is read once, streaming (:mod:`app.exchange.reader`), to check it whole (its envelope and every record,
field by field), its checked rows spooled to a temporary file; they are loaded from there in one write transaction
through the bulk path (which rebuilds the ledger's balances and the game at its end). A refused file changes
nothing; a verified backup is taken before the load writes. docs/export.md gives the merge rules; in short, by id:

* groups, contacts, deals: the record with the later ``updated_at`` wins (its windows, tiers and groups with it);
* helps and requests: the side whose log has the later entry about the record wins;
* cuts, settlements, the log's entries, presets and the audit: added when new, never changed;
* a fact superseded on either side stays superseded (when both sides corrected it, by the later correction);
* a record deleted on one side is deleted by the merge when its deletion is later than the other side's last entry
  about it (and nothing refers to it any more), and not brought back by importing the file again;
* the profile: the older one (its secret makes the pseudonyms, so two machines end up with one).
"""

from __future__ import annotations

import json
import marshal
import sqlite3
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from app.errors import Cancelled
from app.exchange.reader import DEFAULT_MAX_BYTES, SECTIONS, read_export
from app.exchange.rows_in import (
    EXPORT_FIELDS,
    IMAGE_FIELDS,
    PRESET_FIELDS,
    PROFILE_FIELDS,
    TIER_FIELDS,
    WINDOW_FIELDS,
    Field,
    clean_picture,
    convert,
    fields_of,
    refuse,
    to_stored,
    url_key,
)
from app.i18n import translate
from app.model import (
    Activity,
    BargainCut,
    Contact,
    Deal,
    Group,
    HelpExchange,
    HelpRequest,
    LedgerSettlement,
)
from app.privacy.links import worse_verdict
from app.services import Services
from app.services.base import OpResult
from app.services.bulk import BulkLoad, BulkTable, bulk_load
from app.services.changes import Changes

BATCH = 2_000
Progress = Callable[[int, int], None]
TICK = 1000  # records between two calls of progress (and two looks at cancel)

TABLES = {
    "groups": "group", "contacts": "contact", "deals": "deal", "cuts": "bargain_cut", "requests": "help_request",
    "helps": "help_exchange", "settlements": "ledger_settlement", "activities": "activity",
    "presets": "share_preset", "exports": "export_audit", "images": "image",
}
# A deal's link verdict: whatever the file says, the link is judged again here (a file must not vouch for a link).
LINK_CHECK = ("url_verdict", "url_reasons")
FIELDS: dict[str, dict[str, Field]] = {
    "groups": fields_of(Group), "contacts": fields_of(Contact), "deals": fields_of(Deal, skip=("url_key", *LINK_CHECK)),
    "cuts": fields_of(BargainCut), "requests": fields_of(HelpRequest), "helps": fields_of(HelpExchange),
    "settlements": fields_of(LedgerSettlement), "activities": fields_of(Activity),
    "presets": PRESET_FIELDS, "exports": EXPORT_FIELDS, "images": IMAGE_FIELDS,
}
EXTRA = {"groups": ("windows",), "contacts": ("group_ids",), "deals": ("tiers", *LINK_CHECK)}
OPTIONAL = {"activities": ("seq",), "settlements": ("how", "amount_fen", "helps")}
# What a field that came with a later schema is in an older export (0010: every settlement was "we are even").
DEFAULTS = {"settlements": {"how": "even", "amount_fen": None, "helps": None}}
KEY = {"presets": "name"}  # the rest: "id"
# A record's lists, stored in their own tables: (table, the column naming the parent).
CHILDREN = {"windows": ("activity_window", "group_id"), "tiers": ("price_tier", "deal_id"),
            "group_ids": ("contact_group", "contact_id")}
VERSIONED = {"groups", "contacts", "deals"}  # the later updated_at wins
LOGGED = {"helps": "help", "requests": "request"}  # the side with the later log entry wins


@dataclass
class Scan:
    """What the checking pass found: counts, the profile, and per record the newest entry of the file's log."""

    counts: dict[str, int] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    newest: dict[str, str] = field(default_factory=dict)  # entity id (hex) -> newest recorded_at in the file's log
    deleted: dict[str, str] = field(default_factory=dict)  # entity id (hex) -> when the file's log deleted it


def rows(path: Path, max_bytes: int) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Every record of the file, checked and in stored form: (section, index, row)."""
    index: dict[str, int] = {}
    for key, value in read_export(path, max_bytes=max_bytes):
        if key == "profile":
            if value is not None:
                # rest_days came with schema 0009: an older export has none (the default is kept)
                yield "profile", 0, convert(PROFILE_FIELDS, value, "profile", optional=("rest_days",))
            continue
        if key not in SECTIONS:
            continue
        n = index[key] = index.get(key, -1) + 1
        place = f"{key}[{n}]"
        row = convert(FIELDS[key], value, place, optional=OPTIONAL.get(key, ()), extra=EXTRA.get(key, ()))
        if key in DEFAULTS:
            row = {**DEFAULTS[key], **row}
        if key == "images":
            clean_picture(row, place)
        _children(key, row, place)
        yield key, n, row


def _children(section: str, row: dict[str, Any], place: str) -> None:
    """A group's windows, a deal's tiers, a contact's groups: checked and converted in place."""
    if section == "groups":
        row["windows"] = [_child(WINDOW_FIELDS, w, f"{place}.windows[{i}]") for i, w in enumerate(_list(row, place))]
    elif section == "deals":
        row["tiers"] = [_child(TIER_FIELDS, t, f"{place}.tiers[{i}]") for i, t in enumerate(_list(row, place))]
        row["url_key"] = url_key(row.get("url"))
        # Judged again: the file's word can make the verdict worse (a link typed in look-alike letters, stored in
        # ASCII), never better (LINK_CHECK).
        verdict, reasons = worse_verdict(row.get("url"), row.get("url_verdict"), row.get("url_reasons"))
        row["url_verdict"], row["url_reasons"] = verdict, json.dumps(reasons) if reasons is not None else None
    elif section == "contacts":
        ids = _list(row, place)
        row["group_ids"] = [convert({"id": FIELDS["groups"]["id"]}, {"id": g}, f"{place}.group_ids[{i}]")["id"]
                            for i, g in enumerate(ids)]


def _list(row: dict[str, Any], place: str) -> list[Any]:
    name = {"windows", "tiers", "group_ids"} & row.keys()
    key = next(iter(name), "")
    value = row.get(key, [])
    if not isinstance(value, list):
        raise refuse(f"{place}.{key}", translate("import", "a list expected"))
    return value


def _child(fields: dict[str, Field], record: Any, place: str) -> dict[str, Any]:
    if isinstance(record, dict) and "id" not in record:
        record = {**record, "id": str(uuid.uuid4())}  # an export from before children carried their ids
    return convert(fields, record, place, extra=("text",))


def scan(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None, spool: IO[bytes] | None = None) -> Scan:
    """The checking pass: the whole file read and every record checked; nothing is written. ``progress`` is
    called with ``(records checked, 0)``: the total is not known yet. ``spool``: the rows written to it, in
    batches, for :func:`spooled` to give back."""
    found = Scan()
    batch: list[tuple[str, int, dict[str, Any]]] = []
    for done, item in enumerate(rows(path, max_bytes), 1):
        if done % TICK == 0:
            _tick(done, 0, progress, cancelled)
        section, _, row = item
        found.counts[section] = found.counts.get(section, 0) + 1
        if section == "profile":
            found.profile = row
        elif section == "activities" and row["entity_type"] in {"help", "request", "group", "contact", "deal"}:
            entity, when = row["entity_id"], row["recorded_at"]
            if row["type"].endswith(".deleted"):
                found.deleted[entity] = max(when, found.deleted.get(entity, ""))
            else:
                found.newest[entity] = max(when, found.newest.get(entity, ""))
        if spool is not None:
            batch.append(item)
            if len(batch) >= BATCH:
                _spool(spool, batch)
                batch = []
    if spool is not None:
        _spool(spool, batch)
        spool.seek(0)
    return found


def _spool(spool: IO[bytes], batch: list[tuple[str, int, dict[str, Any]]]) -> None:
    # One blob a batch, its length first: marshal.load on a file reads it in small pieces, loads on bytes does not.
    if batch:
        blob = marshal.dumps(batch)
        spool.write(len(blob).to_bytes(8, "little") + blob)


def spooled(spool: IO[bytes]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """The rows :func:`scan` spooled, in file order (a file of our own making: read back without checks)."""
    while size := int.from_bytes(spool.read(8), "little"):
        yield from marshal.loads(spool.read(size))


class _DryRun(Exception):
    """Leaves the load's transaction (rolled back) with what it would have done."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.report = report


def import_file(services: Services, path: Path, *, dry_run: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> OpResult:
    """Check the file whole, back up, then load it in one transaction; what changed, by area. ``dry_run``: the
    load runs and is rolled back, so the counts are what an import would do, and nothing is written."""
    with tempfile.TemporaryFile(prefix="pintuan-import-") as spool:
        found = scan(path, max_bytes=max_bytes, progress=progress, cancelled=cancelled, spool=spool)
        total = sum(found.counts.values())
        if not dry_run and _has_data(services):
            services.backups.backup("import")  # verified; a failure stops the import before it writes
        try:
            with bulk_load(services.store, services.clock, _big_tables(found)) as load:
                merge = _Merge(load, found)
                for done, (section, n, row) in enumerate(_pictures_first(spool), 1):
                    merge.add(section, n, row)
                    if done % TICK == 0:
                        _tick(done, total, progress, cancelled)
                merge.finish()
                report = {**merge.report, "matching_contacts": merge.matching_contacts()}
                if dry_run:
                    raise _DryRun(report)
        except _DryRun as run:
            return OpResult.of("import", Changes(), {"counts": found.counts, **run.report, "dry_run": True})
    return OpResult.of("import", load.changes, {"counts": found.counts, **report, "dry_run": False})


def _pictures_first(spool: IO[bytes]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """The spooled rows, the pictures first: the profile (in the header) and the deals point at them."""
    yield from (item for item in spooled(spool) if item[0] == "images")
    spool.seek(0)
    yield from (item for item in spooled(spool) if item[0] != "images")


def _big_tables(found: Scan) -> list[BulkTable]:
    """The big tables whose secondary indexes an import into an empty one builds at its end (bulk_load keeps those
    of a table that holds rows). Not the log's when the file deletes something: finish() looks it up by entity."""
    names = ["help_request", "help_exchange", "bargain_cut"] + ([] if found.deleted else ["activity"])
    return [BulkTable(name, ()) for name in names]


def _tick(done: int, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(translate("import", "The import was cancelled; nothing was changed."))
    if progress is not None:
        progress(done, total)


def nickname_key(nickname: str) -> str:
    """What two nicknames share when they name the same person for the eye: case, width and spaces aside."""
    return " ".join(unicodedata.normalize("NFKC", nickname).casefold().split())


def _has_data(services: Services) -> bool:
    with services.store.read() as session:
        return any(session.execute(select(model).limit(1)).first() is not None for model in (Group, Contact, Activity))


class _Merge:
    """The load pass: each record inserted, merged with the one of the same id, or left as it is."""

    def __init__(self, load: BulkLoad, found: Scan) -> None:
        self.load, self.db, self.found = load, load.db, found
        self.report = {"added": 0, "updated": 0, "unchanged": 0, "deleted": 0}
        self.supersede: list[tuple[str, str]] = []
        self.added_contacts: set[str] = set()
        self.pending: list[tuple[str, int, dict[str, Any]]] = []
        # Known once: what this side deleted (and when), and the log's last number (a file's entry after it keeps
        # its own number, as in an import into an empty folder; one at or before it gets the next free one).
        self.deleted_here = dict(self.db.execute(
            "SELECT entity_id, max(recorded_at) FROM activity WHERE type LIKE '%.deleted' GROUP BY entity_id"))
        self.last_seq = int(self.db.execute("SELECT coalesce(max(seq), 0) FROM activity").fetchone()[0])
        self.merged = self._merged_contacts()

    def _merged_contacts(self) -> dict[str, str]:
        """Contacts merged into another on this side: merged id -> the id kept (followed to the last merge)."""
        into = {uuid.UUID(merged).hex: uuid.UUID(kept).hex for merged, kept in self.db.execute(
            "SELECT json_extract(payload, '$.merged_id'), json_extract(payload, '$.kept_id') FROM activity "
            "WHERE type = 'contact.merged' AND superseded_by IS NULL")}
        for merged in into:
            seen = {merged}
            while into[merged] in into and into[merged] not in seen:
                seen.add(into[merged])
                into[merged] = into[into[merged]]
        return into

    def _merged_away(self, section: str, row: dict[str, Any]) -> bool:
        """A contact merged into another here stays merged: its record and its settlements (the merge dropped
        them) are left out, and what the file's records say of it is said of the contact kept."""
        if section == "contacts" and row["id"] in self.merged:
            return True
        contact = row.get("contact_id")
        if contact in self.merged:
            if section == "settlements":
                return True
            row["contact_id"] = self.merged[contact]
        return False

    def add(self, section: str, n: int, row: dict[str, Any]) -> None:
        if self.merged and self._merged_away(section, row):
            self.report["unchanged"] += 1
            return
        if self.pending and (self.pending[0][0] != section or len(self.pending) >= BATCH):
            self.flush()
        if section == "profile":
            self._one(section, n, row)
        else:
            self.pending.append((section, n, row))

    def _one(self, section: str, n: int, row: dict[str, Any]) -> None:
        to_stored(PROFILE_FIELDS if section == "profile" else FIELDS[section], row)
        try:
            if section == "profile":
                self._profile(row)
            else:
                self._record(section, row)
        except sqlite3.IntegrityError as exc:
            raise refuse(f"{section}[{n}]", translate("import", "it does not fit the data ({problem})").format(
                problem=str(exc)[:200])) from None

    def flush(self) -> None:
        """The pending records of one section: those already here one by one, the new ones in one statement."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        section = batch[0][0]
        table, key = TABLES[section], KEY.get(section, "id")
        here: set[Any] = set()
        ids = [row[key] for _, _, row in batch]
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            here.update(r[0] for r in self.db.execute(
                f'SELECT "{key}" FROM "{table}" WHERE "{key}" IN ({", ".join("?" * len(part))})', part))
        newest_here = self._newest_here(section, here)
        new: list[tuple[int, dict[str, Any]]] = []
        for _, n, row in batch:
            if row[key] in here and not CHILDREN.keys() & row.keys() and (
                    section not in LOGGED or self.found.newest.get(row[key], "") <= newest_here.get(row[key], "")):
                # What _record decides for a record already here that does not win (the log's, a cut, a help whose
                # log here is as new): left as it is, without a query of its own.
                self.report["unchanged"] += 1
                if section == "activities" and row.get("superseded_by"):
                    self.supersede.append((row["id"], row["superseded_by"]))
            elif row[key] in here or CHILDREN.keys() & row.keys() or self._deleted_here(section, row[key]):
                self._one(section, n, row)
            else:
                new.append((n, row))
        for _, row in new:
            to_stored(FIELDS[section], row)
        if section == "activities":
            for _, row in new:
                if row.get("seq") is None or row["seq"] <= self.last_seq:
                    row.pop("seq", None)
                if row.get("superseded_by"):
                    self.supersede.append((row["id"], row["superseded_by"]))
        by_columns: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
        for n, row in new:
            by_columns.setdefault(tuple(row), []).append((n, row))
        for columns, group in by_columns.items():
            names = ", ".join(f'"{c}"' for c in columns)
            self.db.execute("SAVEPOINT merge_batch")
            try:
                self.db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})',
                                    [list(row.values()) for _, row in group])
            except sqlite3.IntegrityError:
                self.db.execute("ROLLBACK TO merge_batch")
                self.db.execute("RELEASE merge_batch")
                for n, row in group:  # one by one, to name the record that does not fit
                    self._one(section, n, row)
                continue
            self.db.execute("RELEASE merge_batch")
            self.load.mark(table, columns)
            self.report["added"] += len(group)
            if section == "contacts":
                self.added_contacts.update(row["id"] for _, row in group)

    def _record(self, section: str, row: dict[str, Any]) -> None:
        table, key = TABLES[section], KEY.get(section, "id")
        ident = row[key]
        children: dict[str, Any] = {k: row.pop(k) for k in CHILDREN if k in row}
        existing = self.db.execute(f'SELECT * FROM "{table}" WHERE "{key}" = ?', (ident,)).fetchone()
        if existing is None:
            if self._deleted_here(section, ident):
                self.report["unchanged"] += 1
                return
            if section == "activities" and self._has_seq_clash(row):
                row.pop("seq", None)
            self._insert(table, row)
            self._children(section, ident, children)
            self.load.mark(table, row)
            self.report["added"] += 1
            if section == "contacts":
                self.added_contacts.add(ident)
        elif self._incoming_wins(section, table, ident, row):
            names = [c for c in row if c != key]
            sets = ", ".join(f'"{c}" = ?' for c in names)
            self.db.execute(f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?', [*(row[c] for c in names), ident])
            self._children(section, ident, children, replace=True)
            self.load.mark(table, names)
            self.report["updated"] += 1
        else:
            self.report["unchanged"] += 1
        if section == "activities" and row.get("superseded_by"):
            self.supersede.append((ident, row["superseded_by"]))

    def _newest_here(self, section: str, here: set[Any]) -> dict[str, str]:
        """For helps and requests already here: the newest entry of this side's log about each (as _incoming_wins)."""
        if section not in LOGGED or not here:
            return {}
        ids, newest = list(here), dict[str, str]()
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            newest.update(self.db.execute(
                f"SELECT entity_id, max(recorded_at) FROM activity WHERE entity_id IN ({', '.join('?' * len(part))}) "
                "AND kind != 'derived' GROUP BY entity_id", part))
        return {k: v or "" for k, v in newest.items()}

    def _has_seq_clash(self, row: dict[str, Any]) -> bool:
        seq = row.get("seq")
        return seq is None or self.db.execute("SELECT 1 FROM activity WHERE seq = ?", (seq,)).fetchone() is not None

    def _deleted_here(self, section: str, ident: str) -> bool:
        """Deleted on this side later than the file's last entry about it: it stays deleted."""
        if section not in VERSIONED and section not in LOGGED:
            return False
        when = self.deleted_here.get(ident)
        return when is not None and when >= self.found.newest.get(ident, "")

    def _incoming_wins(self, section: str, table: str, ident: str, row: dict[str, Any]) -> bool:
        if section in VERSIONED:
            here = self.db.execute(f'SELECT updated_at FROM "{table}" WHERE id = ?', (ident,)).fetchone()[0]
            return bool(row["updated_at"] > here)
        if section in LOGGED:
            here = self.db.execute(
                "SELECT max(recorded_at) FROM activity WHERE entity_id = ? AND kind != 'derived'", (ident,)
            ).fetchone()[0]
            return self.found.newest.get(ident, "") > (here or "")
        return False

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        names = ", ".join(f'"{c}"' for c in row)
        self.db.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})', list(row.values()))

    def _children(self, section: str, ident: str, children: dict[str, Any], *, replace: bool = False) -> None:
        for key, (table, parent) in CHILDREN.items():
            if key not in children:
                continue
            if replace:
                self.db.execute(f'DELETE FROM "{table}" WHERE "{parent}" = ?', (ident,))
            for child in children[key]:
                if key == "group_ids":
                    self.db.execute("INSERT OR IGNORE INTO contact_group (contact_id, group_id) VALUES (?, ?)",
                                    (ident, child))
                else:
                    self._insert(table, {**{k: v for k, v in child.items() if k != "text"}, parent: ident})

    def _profile(self, row: dict[str, Any]) -> None:
        """The older profile stays (its secret keeps the pseudonyms of both machines' exports the same)."""
        here = self.db.execute("SELECT id, created_at, avatar_id FROM profile ORDER BY created_at LIMIT 1").fetchone()
        if here is not None and here[1] <= row["created_at"]:
            if here[2] is None and row.get("avatar_id") is not None:  # the file's picture, where there is none
                self.db.execute("UPDATE profile SET avatar_id = ? WHERE id = ?", (row["avatar_id"], here[0]))
                self.load.mark("profile", ("avatar_id",))
                self.report["updated"] += 1
                return
            self.report["unchanged"] += 1
            return
        self.db.execute("DELETE FROM profile")
        self._insert("profile", row)
        self.load.mark("profile", row)
        self.report["updated" if here is not None else "added"] += 1

    def finish(self) -> None:
        """After every row: supersessions merged, deletions the file's log made later than this side's entries."""
        self.flush()
        for fact, by in self.supersede:
            self.db.execute(
                "UPDATE activity SET superseded_by = :by WHERE id = :fact AND (superseded_by IS NULL OR ("
                "superseded_by != :by AND (SELECT recorded_at FROM activity WHERE id = :by) > "
                "(SELECT recorded_at FROM activity AS a WHERE a.id = activity.superseded_by)))",
                {"fact": fact, "by": by},
            )
        for ident, when in self.found.deleted.items():
            self._delete_if_later(ident, when)
        # The file's pictures that nothing points at (their deal or profile lost the merge) are not kept.
        gone = self.db.execute(
            "DELETE FROM image WHERE id NOT IN (SELECT avatar_id FROM profile WHERE avatar_id IS NOT NULL "
            "UNION SELECT image_id FROM deal WHERE image_id IS NOT NULL)").rowcount
        if gone:
            self.load.mark("image", ())

    def matching_contacts(self) -> list[dict[str, str]]:
        """Each contact the file added whose nickname matches one that was here: the pairs to offer to merge."""
        if not self.added_contacts:
            return []
        here: dict[str, tuple[str, str]] = {}
        brought: list[tuple[str, str]] = []
        for ident, nickname in self.db.execute("SELECT id, nickname FROM contact ORDER BY nickname, id"):
            if ident in self.added_contacts:
                brought.append((ident, nickname))
            else:
                here.setdefault(nickname_key(nickname), (ident, nickname))
        pairs = []
        for ident, nickname in brought:
            match = here.get(nickname_key(nickname))
            if match is not None:
                pairs.append({"imported_id": str(uuid.UUID(ident)), "imported_nickname": nickname,
                              "existing_id": str(uuid.UUID(match[0])), "existing_nickname": match[1]})
        return pairs

    def _delete_if_later(self, ident: str, when: str) -> None:
        newest = self.db.execute(
            "SELECT max(recorded_at) FROM activity WHERE entity_id = ? AND kind != 'derived' "
            "AND type NOT LIKE '%.deleted'", (ident,)).fetchone()[0]
        if newest is not None and newest > when:
            return
        for table in ("help_exchange", "help_request", "deal", "contact", "group"):
            self.db.execute("SAVEPOINT merge_delete")
            try:
                gone = self.db.execute(f'DELETE FROM "{table}" WHERE id = ?', (ident,)).rowcount
            except sqlite3.IntegrityError:  # still referred to: it stays
                self.db.execute("ROLLBACK TO merge_delete")
                gone = 0
            self.db.execute("RELEASE merge_delete")
            if gone:
                self.load.mark(table, ())
                self.report["deleted"] += 1
                return
