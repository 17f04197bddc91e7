"""Contacts (群友): create, edit, archive, delete, and merge two records of the same person."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update

from app.errors import InvalidInput
from app.i18n import translate
from app.model import (
    Activity,
    ActivityKind,
    BargainCut,
    Contact,
    Group,
    HelpExchange,
    LedgerSettlement,
    Trust,
)
from app.services import balances
from app.services import validate as v
from app.services.base import OpResult, Service, Tx, current_facts, get, references, snapshot
from app.services.changes import LEDGER
from app.services.commands import CreateContact, EditContact
from app.services.contact_detail import contact_detail
from app.services.erasure import forget_in, with_cleanup
from app.services.records import contact_record, plain


def _unique(groups: list[Group]) -> list[Group]:
    """The same group named twice (by name and by id, say) counts once."""
    return list({g.id: g for g in groups}.values())


def _deals_cut_by(tx: Tx, contact_id: uuid.UUID) -> list[uuid.UUID]:
    """The deals with a cut made by the contact."""
    return list(tx.session.scalars(select(BargainCut.deal_id).where(BargainCut.contact_id == contact_id).distinct()))


def add_contact(tx: Tx, data: dict[str, Any]) -> Contact:
    """A new contact from checked ``data`` (``CreateContact``), in ``tx``: also for a help that names someone new."""
    group_refs = data.pop("groups", [])
    contact = Contact(created_at=tx.now, updated_at=tx.now, **data)
    contact.trust = data.get("trust", Trust.normal)
    contact.groups = _unique([get(tx.session, Group, ref) for ref in group_refs])
    tx.session.add(contact)
    tx.session.flush()
    tx.append("contact.added", "contact", contact.id, snapshot(tz=tx.clock.tz, at=tx.now, contact=contact))
    tx.touch("contact", contact.id)
    return contact


class ContactService(Service):
    """The only writer of contacts."""

    def create(self, **fields: Any) -> OpResult:
        data = CreateContact.of(fields).clean()
        with self.tx() as tx:
            contact = add_contact(tx, data)
            return tx.result("contact", contact.id, contact_record(contact))

    def edit(self, ref: str, *, forget_old: bool = False, **fields: Any) -> OpResult:
        """Change a contact; ``forget_old``: the old values of the WeChat ID, phone or notes this edit changes are
        taken out of the history, the file and its backups too (docs/privacy.md, "Erasure")."""
        data = EditContact.of(fields).clean()
        scrubs = []
        with self.tx() as tx:
            contact = get(tx.session, Contact, ref)
            changes: dict[str, list[Any]] = {}
            old_trust = contact.trust
            for key, value in data.items():
                if key == "groups":
                    groups = _unique([get(tx.session, Group, r) for r in value])
                    if {g.id for g in groups} != {g.id for g in contact.groups}:
                        changes[key] = [[str(g.id) for g in contact.groups], [str(g.id) for g in groups]]
                        contact.groups = groups
                elif getattr(contact, key) != value:
                    changes[key] = [plain(getattr(contact, key)), plain(value)]
                    setattr(contact, key, value)
            if changes:
                contact.updated_at = tx.now
                tx.correct("contact.edited", "contact", contact.id, {"changes": changes})
                if contact.trust != old_trust:
                    payload = snapshot(tz=self.clock.tz, at=tx.now, contact=contact)
                    payload["previous_trust"] = old_trust.value
                    tx.append("contact.trust_changed", "contact", contact.id, payload)
                tx.touch("contact", contact.id)
                if forget_old and (scrub := forget_in(tx, "contact", contact, changes, self.game)) is not None:
                    scrubs.append(scrub)
            result = tx.result("contact", contact.id, contact_record(contact))
        return with_cleanup(self, result, scrubs)

    def detail(self, ref: str) -> dict[str, Any]:
        """One contact's page: their balance, every exchange with them, their groups and deals
        (:func:`~app.services.contact_detail.contact_detail`)."""
        with self.store.read() as session:
            return contact_detail(session, get(session, Contact, ref), self.clock.now())

    def archive(self, ref: str, archived: bool = True) -> OpResult:
        return self.edit(ref, archived=archived)

    def delete(self, ref: str) -> OpResult:
        """Delete a contact with no help exchanges; one with history is archived or merged instead."""
        with self.tx() as tx:
            contact = get(tx.session, Contact, ref)
            helps = references(tx.session, (HelpExchange,), "contact_id", contact.id)
            if helps:
                raise InvalidInput(
                    translate(
                        "validation",
                        "'{name}' has {count} help exchanges in the ledger: archive or merge the contact instead.",
                    ).format(name=contact.nickname, count=helps),
                )
            settlements = list(
                tx.session.scalars(select(LedgerSettlement.id).where(LedgerSettlement.contact_id == contact.id))
            )
            extra = [f for ident in settlements for f in current_facts(tx.session, ident)]
            # The database deletes the contact's settlements with it and forgets it on the cuts it made.
            for ident in settlements:
                tx.touch("settlement", ident)
            for ident in _deals_cut_by(tx, contact.id):
                tx.touch("deal", ident)
            return tx.remove(contact, "contact", {"nickname": contact.nickname}, also=extra)

    def merge(self, keep_ref: str, other_ref: str) -> OpResult:
        """Fold ``other`` into ``keep``: its helps, cuts, settlements and groups move; its facts are re-issued."""
        with self.tx() as tx:
            keep = get(tx.session, Contact, keep_ref)
            other = get(tx.session, Contact, other_ref)
            if keep.id == other.id:
                raise InvalidInput(translate("validation", "A contact cannot be merged with itself."))
            for key in ("wechat_id", "phone"):
                if not getattr(keep, key) and getattr(other, key):
                    setattr(keep, key, getattr(other, key))
            if other.notes:
                keep.notes = v.note((keep.notes + "\n" + other.notes).strip(), "notes")
            keep.groups = _unique([*keep.groups, *other.groups])
            keep.updated_at = tx.now
            moved = self._move_references(tx, keep, other)
            # The other record's settlements go with it: the kept contact's own settlement stays the start of
            # its balance, and the merged helps count from there.
            settlements = list(
                tx.session.scalars(select(LedgerSettlement).where(LedgerSettlement.contact_id == other.id))
            )
            facts = [*current_facts(tx.session, other.id),
                     *(f for s in settlements for f in current_facts(tx.session, s.id))]
            for settlement in settlements:
                tx.touch("settlement", settlement.id)
                tx.session.delete(settlement)
            if balances.contact_merged(tx.session, keep.id, other.id):
                tx.changes.mark(LEDGER)  # the kept balances
            self._reissue_facts(tx, keep, other, moved)
            tx.correct(
                "contact.merged", "contact", other.id,
                {"kept_id": str(keep.id), "merged_id": str(other.id), "merged_nickname": other.nickname,
                 "moved_records": len(moved)},
                replaces=facts,
            )
            tx.session.delete(other)
            tx.touch("contact", keep.id)
            tx.touch("contact", other.id)
            return tx.result("contact", keep.id, contact_record(keep))

    def _move_references(self, tx: Tx, keep: Contact, other: Contact) -> list[uuid.UUID]:
        """Point the other contact's helps and cuts at the kept one; returns the moved help ids."""
        session = tx.session
        moved = list(session.scalars(select(HelpExchange.id).where(HelpExchange.contact_id == other.id)))
        for ident in moved:
            tx.touch("help", ident)
        for ident in _deals_cut_by(tx, other.id):
            tx.touch("deal", ident)
        for model in (HelpExchange, BargainCut):
            session.execute(update(model).where(model.contact_id == other.id).values(contact_id=keep.id))
        return moved

    def _reissue_facts(self, tx: Tx, keep: Contact, other: Contact, entity_ids: list[uuid.UUID]) -> None:
        """Facts that named the merged contact are replaced by copies naming the kept one.

        Those are the facts of the moved helps and settlements, and the cuts the other contact made on deals.
        """
        current = select(Activity).where(Activity.kind == ActivityKind.fact, Activity.superseded_by.is_(None))
        facts = list(tx.session.scalars(current.where(Activity.entity_id.in_(entity_ids)))) if entity_ids else []
        facts += tx.session.scalars(
            current.where(Activity.type == "deal.cut", Activity.payload["contact_id"].as_string() == str(other.id))
        )
        for fact in facts:
            payload = dict(fact.payload)
            payload["contact_id"] = str(keep.id)
            tx.replace(fact, fact.type, payload, fact.at)
