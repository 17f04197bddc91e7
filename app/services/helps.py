"""Help exchanges (互助) and help requests: the facts the ledger and the game count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.model import (
    BargainCut,
    Contact,
    ContactGroup,
    Deal,
    DealKind,
    Group,
    HelpExchange,
    HelpKind,
    HelpRequest,
)
from app.services import balances, newcomers
from app.services.base import (
    OpResult,
    Service,
    Tx,
    check_not_too_early,
    current_facts,
    get,
    imported_payload,
    requests_on_day,
    snapshot,
)
from app.services.changes import LEDGER
from app.services.commands import (
    EditHelp,
    EditRequest,
    Problem,
    RecordHelp,
    RecordRequest,
    reference_problems,
)
from app.services.contact_detail import exchange
from app.services.deals import DealService
from app.services.records import columns, plain

HELP_TYPES = ("help.given", "help.received")


class HelpService(Service):
    """The only writer of help exchanges; a bargain cut on a deal is recorded on the deal in the same write."""

    def __init__(self, store: Any, clock: Any, game: Any = None) -> None:
        super().__init__(store, clock, game)
        self._deals = DealService(store, clock)

    def create(self, *, add_new: bool = False, imported: bool = False, **fields: Any) -> OpResult:
        """Record a help; ``add_new``: a contact or group it names that no record has is added with it;
        ``imported``: read from an exported chat, so logged after the fact whatever its time (back-dated)."""
        data = RecordHelp.of(fields).clean(self.clock.now())
        with self.tx() as tx:
            if add_new:
                newcomers.add_new(tx, data)
            help_ = HelpExchange(created_at=tx.now, note="")
            self._apply(tx, help_, data)
            tx.session.add(help_)
            tx.session.flush()
            if balances.help_added(tx.session, help_):
                tx.changes.mark(LEDGER)  # the kept balances
            self._record_cut(tx, help_)
            tx.append(f"help.{help_.direction.value}", "help", help_.id,
                      imported_payload(self._snapshot(tx, help_), imported), at=help_.at)
            tx.touch("help", help_.id)
            return tx.result("help", help_.id, columns(help_))

    def check_draft(self, ref: str | None = None, *, add_new: bool = False, **fields: Any) -> list[Problem]:
        """Every problem that recording a help with ``fields`` (editing help ``ref``, with one) would meet, each
        with the message the write gives; nothing is written. The quick log calls it as the user types. A name
        no record has (and may have) is a problem marked ``new``; with ``add_new`` it is no problem."""
        data, problems = (RecordHelp if ref is None else EditHelp).of(fields).check(self.clock.now())
        with self.store.read() as session:
            if ref is not None:
                get(session, HelpExchange, ref)
            found = reference_problems(session, data, {"contact": Contact, "group": Group, "deal": Deal})
            if add_new:
                found = [p for p in found if not p.new]
            return problems + found

    def _apply(self, tx: Tx, help_: HelpExchange, data: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        session = tx.session
        resolved: dict[str, Any] = {}
        models: dict[str, type[Contact | Group | Deal]] = {"contact": Contact, "group": Group, "deal": Deal}
        for key, value in data.items():
            if key in models:
                row = get(session, models[key], value) if value or key == "contact" else None
                if row is not None:
                    tx.held.append(row)  # the snapshot reads it again
                resolved[f"{key}_id"] = row.id if row is not None else None
            else:
                resolved[key] = value
        if resolved.get("deal_id") and "group_id" not in resolved and help_.group_id is None:
            deal = session.get(Deal, resolved["deal_id"])
            resolved["group_id"] = deal.group_id if deal else None
        check_not_too_early(session, resolved.get("at"), tx.now)
        if help_.at is None and resolved.get("at") is None:
            resolved["at"] = tx.now
        for key, value in resolved.items():
            if getattr(help_, key) != value:
                changes[key] = [plain(getattr(help_, key)), plain(value)]
                setattr(help_, key, value)
        if help_.group_id and help_.contact_id:
            link = session.get(ContactGroup, (help_.contact_id, help_.group_id))
            if link is None:  # a new link is the contact's: its groups now list this one
                session.add(ContactGroup(contact_id=help_.contact_id, group_id=help_.group_id))
                tx.touch("contact", help_.contact_id)
        return changes

    def _record_cut(self, tx: Tx, help_: HelpExchange) -> None:
        if help_.kind != HelpKind.bargain_cut or help_.deal_id is None:
            return
        deal = tx.session.get(Deal, help_.deal_id)
        if deal is None or deal.kind != DealKind.bargain:
            return
        contact = tx.session.get(Contact, help_.contact_id)
        self._deals.cut(tx, deal, help_.amount_fen, contact=contact, at=help_.at, help_id=help_.id)

    def _snapshot(self, tx: Tx, help_: HelpExchange) -> dict[str, Any]:
        session = tx.session
        return snapshot(
            tz=self.clock.tz,
            at=help_.at,
            group=session.get(Group, help_.group_id) if help_.group_id else None,
            contact=session.get(Contact, help_.contact_id),
            deal=session.get(Deal, help_.deal_id) if help_.deal_id else None,
            kind=help_.kind.value,
            amount_fen=help_.amount_fen,
            logged=help_.created_at,
        )

    def edit(self, ref: str, *, forget_old: bool = False, **fields: Any) -> OpResult:
        """Change a help; ``forget_old``: the old note this edit changes is taken out of the history, the file and
        its backups too (docs/privacy.md, "Erasure")."""
        from app.services.erasure import forget_in, with_cleanup

        data = EditHelp.of(fields).clean(self.clock.now())
        scrubs = []
        with self.tx() as tx:
            help_ = get(tx.session, HelpExchange, ref)
            cut = self._cut_of(tx, help_)
            before = balances.entry(help_)
            changes = self._apply(tx, help_, data)
            if not changes:
                return tx.result("help", help_.id, columns(help_))
            tx.session.flush()
            if balances.help_changed(tx.session, before, help_):
                tx.changes.mark(LEDGER)  # the kept balances
            if cut is not None and {"kind", "deal_id", "amount_fen", "at", "contact_id"} & changes.keys():
                self._deals.uncut(tx, cut)
                tx.session.flush()
                self._record_cut(tx, help_)
            elif cut is None and {"kind", "deal_id"} & changes.keys():
                self._record_cut(tx, help_)
            facts = current_facts(tx.session, help_.id, HELP_TYPES)
            correction = tx.correct("help.edited", "help", help_.id, {"changes": changes}, replaces=facts)
            new = tx.append(f"help.{help_.direction.value}", "help", help_.id, self._snapshot(tx, help_), at=help_.at)
            for fact in facts:
                fact.superseded_by = new.id
            correction.payload = {"changes": changes, "replacement": str(new.id)}
            tx.touch("help", help_.id)
            if forget_old and (scrub := forget_in(tx, "help", help_, changes, self.game)) is not None:
                scrubs.append(scrub)
            result = tx.result("help", help_.id, columns(help_))
        return with_cleanup(self, result, scrubs)

    def record(self, ref: str) -> dict[str, Any] | None:
        """One help with its contact's nickname and group's name, as the edit form shows it; None when it is gone."""
        with self.store.read() as session:
            return exchange(session, ref)

    def _cut_of(self, tx: Tx, help_: HelpExchange) -> BargainCut | None:
        return tx.session.scalars(select(BargainCut).where(BargainCut.help_id == help_.id)).first()

    def delete(self, ref: str, *, undo: bool = False) -> OpResult:
        """Delete a help (its cut on a deal with it); ``undo``: the Undo of its logging, which History leaves out."""
        with self.tx() as tx:
            tx.undo = undo
            help_ = get(tx.session, HelpExchange, ref)
            cut = self._cut_of(tx, help_)
            if cut is not None:
                self._deals.uncut(tx, cut)
            if balances.help_removed(tx.session, help_):
                tx.changes.mark(LEDGER)  # the kept balances
            return tx.remove(help_, "help", columns(help_))


class RequestService(Service):
    """The only writer of help requests (what a group's daily request limit counts)."""

    def create(self, *, add_new: bool = False, imported: bool = False, **fields: Any) -> OpResult:
        """Record a request; ``add_new``: a group it names that no record has is added with it; ``imported`` as
        for helps."""
        data = RecordRequest.of(fields).clean(self.clock.now())
        with self.tx() as tx:
            if add_new:
                newcomers.add_new(tx, data)
            request = HelpRequest(created_at=tx.now, note="")
            self._apply(tx, request, data)
            tx.session.add(request)
            tx.session.flush()
            tx.append("request.posted", "request", request.id, imported_payload(self._snapshot(tx, request), imported),
                      at=request.at)
            tx.touch("request", request.id)
            return tx.result("request", request.id, columns(request))

    def check_draft(self, ref: str | None = None, *, add_new: bool = False, **fields: Any) -> list[Problem]:
        """Every problem that posting a request with ``fields`` (editing request ``ref``, with one) would meet;
        nothing is written. ``add_new`` as for helps."""
        data, problems = (RecordRequest if ref is None else EditRequest).of(fields).check(self.clock.now())
        with self.store.read() as session:
            if ref is not None:
                get(session, HelpRequest, ref)
            found = reference_problems(session, data, {"group": Group, "deal": Deal})
            if add_new:
                found = [p for p in found if not p.new]
            return problems + found

    def _apply(self, tx: Tx, request: HelpRequest, data: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        resolved: dict[str, Any] = {}
        for key, value in data.items():
            if key == "group":
                resolved["group_id"] = get(tx.session, Group, value).id
            elif key == "deal":
                resolved["deal_id"] = get(tx.session, Deal, value).id if value else None
            else:
                resolved[key] = value
        check_not_too_early(tx.session, resolved.get("at"), tx.now)
        if request.at is None and resolved.get("at") is None:
            resolved["at"] = tx.now
        for key, value in resolved.items():
            if getattr(request, key) != value:
                changes[key] = [plain(getattr(request, key)), plain(value)]
                setattr(request, key, value)
        return changes

    def _snapshot(self, tx: Tx, request: HelpRequest) -> dict[str, Any]:
        group = tx.session.get(Group, request.group_id)
        assert group is not None
        payload = snapshot(
            tz=self.clock.tz,
            at=request.at,
            group=group,
            deal=tx.session.get(Deal, request.deal_id) if request.deal_id else None,
            logged=request.created_at,
        )
        today = requests_on_day(tx.session, group.id, request.at, self.clock.tz)
        payload["requests_today"] = today
        limit = group.daily_request_limit
        payload["over_limit"] = limit is not None and today > limit
        return payload

    def edit(self, ref: str, **fields: Any) -> OpResult:
        data = EditRequest.of(fields).clean(self.clock.now())
        with self.tx() as tx:
            request = get(tx.session, HelpRequest, ref)
            changes = self._apply(tx, request, data)
            if changes:
                tx.session.flush()
                facts = current_facts(tx.session, request.id, ["request.posted"])
                correction = tx.correct("request.edited", "request", request.id, {"changes": changes}, replaces=facts)
                new = tx.append("request.posted", "request", request.id, self._snapshot(tx, request), at=request.at)
                for fact in facts:
                    fact.superseded_by = new.id
                correction.payload = {"changes": changes, "replacement": str(new.id)}
                tx.touch("request", request.id)
            return tx.result("request", request.id, columns(request))

    def delete(self, ref: str, *, undo: bool = False) -> OpResult:
        """Delete a request; ``undo``: the Undo of its logging, which History leaves out."""
        with self.tx() as tx:
            tx.undo = undo
            request = get(tx.session, HelpRequest, ref)
            return tx.remove(request, "request", columns(request))

