"""Erasure: a contact's details gone for good, a field's old values forgotten, or everything wiped.

The log keeps facts forever, but not other people's data against the user's will (docs/privacy.md, "Erasure").
Erasing a contact replaces their nickname by their pseudonym and empties their WeChat ID, phone and notes: in the
record, in every log entry that copied them (their edits' ``changes``, a merge's ``merged_nickname``) and in their
settlements' notes, also for the contacts merged into them. The facts stay (the history is kept under the
pseudonym), so the game is unchanged; its tables are rebuilt only if they held any of the values. Then the file
is vacuumed, its write-ahead log emptied, and every backup (both folders) and damaged copy rewritten with the same
erasure, or removed when it cannot be (:mod:`app.scrub`). A ``contact.erased`` correction records it, without
the values.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import exists, select

from app import scrub as sc
from app.backups import second_folder
from app.errors import NotFound
from app.logs import LOG_DIRNAME, LOG_FILENAME
from app.model import Activity, Base, Contact, LedgerSettlement, Profile
from app.privacy.presets import BUILT_IN
from app.privacy.redact import Redactor
from app.services.base import OpResult, Service, Tx, get, parse_uuid
from app.services.changes import AREAS, BACKUPS, Changes
from app.services.game import GameService
from app.services.game_store import raw
from app.services.profile import ProfileService
from app.services.records import contact_record

# A contact's fields that are someone else's data: all of them go when the contact is erased.
CONTACT_FIELDS = ("nickname", "wechat_id", "phone", "notes")
# The fields whose old values an edit forgets on request (``forget_old``): a contact's handles and notes, a deal's
# link and notes, a group's rules and notes, a help's note.
FORGETTABLE = {
    "contact": ("wechat_id", "phone", "notes"), "deal": ("url", "notes"), "group": ("rules", "notes"),
    "help": ("note",),
}
# A field's companions in the record: a deal's normalised link goes with its link.
COMPANIONS = {("deal", "url"): ("url_key",)}


def merged_into(session: Any, ident: uuid.UUID) -> list[uuid.UUID]:
    """The contact and every contact merged into it (followed through merges of merges), the contact first."""
    into: dict[uuid.UUID, list[uuid.UUID]] = {}
    rows = session.execute(
        select(Activity.entity_id, Activity.payload["kept_id"].as_string()).where(Activity.type == "contact.merged")
    )
    for merged, kept in rows:
        kept_id = parse_uuid(str(kept)) if kept else None
        if kept_id is not None:
            into.setdefault(kept_id, []).append(merged)
    found, todo = [ident], [ident]
    while todo:
        for merged in into.get(todo.pop(), []):
            if merged not in found:
                found.append(merged)
                todo.append(merged)
    return found


def _texts(values: Iterable[Any]) -> set[str]:
    return {v for v in values if isinstance(v, str) and v}


def logged_values(session: Any, table: str, ids: Sequence[uuid.UUID], fields: Iterable[str],
                  copies: Iterable[str] = ()) -> set[str]:
    """Every value of ``fields`` in the records' corrections (old and new) and of the ``copies`` keys."""
    keys, copied = set(fields), set(copies)
    found: set[str] = set()
    query = select(Activity.payload).where(Activity.entity_type == table, Activity.entity_id.in_(ids))
    for payload in session.scalars(query):
        if not isinstance(payload, dict):
            continue
        changes = payload.get("changes")
        if isinstance(changes, dict):
            for key in keys & changes.keys():
                pair = changes[key]
                found |= _texts(pair if isinstance(pair, list) else [])
        found |= _texts(payload.get(key) for key in copied)
    return found


def scrub_in(tx: Tx, scrub: sc.Scrub, game: Any) -> sc.Outcome:
    """Apply ``scrub`` to the live file inside ``tx``; rebuild the game there if its tables held a value."""
    tx.session.flush()
    conn = raw(tx.session)
    done = sc.apply(conn, scrub)
    if sc.game_holds(conn, scrub.values) and isinstance(game, GameService):
        game.recompute_in(tx, tx.clock.tz)
        done.game_cleared = True
    tx.session.expire_all()  # the rows changed under the session: read them again
    return done


def forget_in(tx: Tx, table: str, record: Any, fields: Iterable[str], game: Any) -> sc.Scrub | None:
    """Forget the old values of ``fields`` of one record (an edit's ``forget_old``): every correction of the record
    keeps that the field changed, not what it was. Returns the scrub, for the backups; None when nothing applies."""
    fields = [f for f in fields if f in FORGETTABLE.get(table, ())]
    if not fields:
        return None
    tx.session.flush()
    values = logged_values(tx.session, table, [record.id], fields)
    now = {f: getattr(record, f) for f in fields}
    now.update({c: getattr(record, c) for f in fields for c in COMPANIONS.get((table, f), ())})
    scrub = sc.Scrub(table, (record.id,), record=now, changes=frozenset(fields),
                     values=frozenset(values - _texts(now.values())))
    scrub_in(tx, scrub, game)
    return scrub


def cleanup(service: Service, scrubs: Sequence[sc.Scrub]) -> dict[str, Any]:
    """After the erasure committed: nothing readable left in the file, its log, its backups and damaged copies."""
    compacted = sc.compact(service.store.path)
    copies = sc.rewrite_copies(sc.copies_of(service.store.data_dir, second_folder(service.store.data_dir)), scrubs)
    return {"compacted": compacted, "backups": copies.as_dict()}


def with_cleanup(service: Service, result: OpResult, scrubs: Sequence[sc.Scrub]) -> OpResult:
    """``result`` with what :func:`cleanup` did in its record (``erasure``) and the backups' area."""
    if not scrubs:
        return result
    done = cleanup(service, scrubs)
    changes = Changes()
    changes.merge(result.changes)
    if done["backups"]["rewritten"] or done["backups"]["removed"]:
        changes.mark(BACKUPS)
    return dataclasses.replace(result, record={**(result.record or {}), "erasure": done}, changes=changes)


class ErasureService(Service):
    """Erase a contact; wipe everything. Each leaves nothing readable behind (module docstring)."""

    def erase_contact(self, ref: str) -> OpResult:
        """Erase a contact (by name or id; the id of a deleted or merged-away contact erases what the log kept).

        The record's ``erasure`` says what was done: records, log entries and settlement notes rewritten, the
        backups rewritten or removed (``backups``), whether the game was rebuilt.
        """
        ProfileService(self.store, self.clock).ensure()  # its secret makes the pseudonym
        with self.tx() as tx:
            session = tx.session
            contact, ident = self._find(session, ref)
            ids = merged_into(session, ident)
            profile = session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).one()
            name = Redactor(BUILT_IN["backup"], profile.secret, self.clock.tz).pseudonym(ident, profile.locale)
            values = logged_values(session, "contact", ids, CONTACT_FIELDS, ("nickname", "merged_nickname"))
            if contact is not None:
                values |= _texts(getattr(contact, f) for f in CONTACT_FIELDS)
            settlements = list(session.scalars(
                select(LedgerSettlement).where(LedgerSettlement.contact_id.in_(ids), LedgerSettlement.note != "")))
            values |= _texts(s.note for s in settlements)
            values.discard(name)
            scrub = sc.Scrub(
                "contact", tuple(ids), record={"nickname": name, "wechat_id": None, "phone": None, "notes": ""},
                changes=frozenset(CONTACT_FIELDS), copies={"nickname": name, "merged_nickname": name},
                settlements=True, values=frozenset(values),
            )
            for settlement in settlements:
                tx.touch("settlement", settlement.id)
            done = scrub_in(tx, scrub, self.game)
            tx.correct("contact.erased", "contact", ident, {
                "erased": list(CONTACT_FIELDS), "merged": len(ids) - 1, "rewritten": done.activities,
            })
            tx.touch("contact", ident)
            record = contact_record(contact) if contact is not None else {"id": str(ident), "nickname": name}
            result = tx.result("contact", ident, record)
        summary = {"pseudonym": name, "contacts": len(ids), "activities": done.activities,
                   "settlements": done.settlements, "game_rebuilt": done.game_cleared}
        out = with_cleanup(self, result, [scrub])
        erasure = {**summary, **(out.record or {}).get("erasure", {})}
        return dataclasses.replace(out, record={**(out.record or {}), "erasure": erasure})

    @staticmethod
    def _find(session: Any, ref: str) -> tuple[Contact | None, uuid.UUID]:
        try:
            contact = get(session, Contact, ref)
            return contact, contact.id
        except NotFound:
            ident = parse_uuid(ref)
            logged = ident is not None and session.scalar(select(exists().where(
                Activity.entity_type == "contact", Activity.entity_id == ident)))
            if ident is None or not logged:
                raise
            return None, ident

    def wipe(self) -> OpResult:
        """Delete every record, the log, the game and every backup (both folders) and damaged copy; the folder is
        left with a fresh, empty profile. The record: ``rows`` deleted and the ``backups`` removed (or not)."""
        rows = 0
        with self.store.write() as session:
            conn = raw(session)
            for table in reversed(Base.metadata.sorted_tables):
                rows += max(conn.execute(f'DELETE FROM "{table.name}"').rowcount, 0)
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                conn.execute("DELETE FROM sqlite_sequence")
        compacted = sc.compact(self.store.path)
        copies = sc.remove_copies(sc.copies_of(self.store.data_dir, second_folder(self.store.data_dir)))
        # The bug log may quote a record in a message: it goes too.
        logs = sc.remove_copies(sorted((self.store.data_dir / LOG_DIRNAME).glob(f"{LOG_FILENAME}*")))
        ProfileService(self.store, self.clock, self.game).ensure()
        if isinstance(self.game, GameService):
            self.game.ensure_current()
        return OpResult.of("wipe", Changes.of(*AREAS),
                           {"rows": rows, "compacted": compacted, "backups": copies.as_dict(),
                            "logs": len(logs.removed)})
