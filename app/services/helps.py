"""Help exchanges (互助) and help requests: the facts the ledger and the game count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.errors import InvalidInput
from app.i18n import translate
from app.model import (
    BargainCut,
    Contact,
    ContactGroup,
    Deal,
    DealKind,
    Direction,
    Group,
    HelpExchange,
    HelpKind,
    HelpRequest,
)
from app.services import balances
from app.services import validate as v
from app.services.base import OpResult, Service, Tx, current_facts, get, requests_on_day, snapshot
from app.services.deals import DealService
from app.services.records import columns, plain

HELP_TYPES = ("help.given", "help.received")


HELP_RULES: v.Rules = {
    "direction": lambda x: v.choice(Direction, x, "direction"),
    "kind": lambda x: v.choice(HelpKind, x, "kind"),
    "contact": v.ref,
    "group": v.ref,
    "deal": v.ref,
    "amount_fen": lambda x: v.fen(x, "amount"),
    "at": lambda x: v.aware(x, "time"),
    "note": v.note,
}
REQUEST_RULES: v.Rules = {
    "group": v.ref,
    "deal": v.ref,
    "at": lambda x: v.aware(x, "time"),
    "note": v.note,
}


class HelpService(Service):
    """The only writer of help exchanges; a bargain cut on a deal is recorded on the deal in the same write."""

    def __init__(self, store: Any, clock: Any, game: Any = None) -> None:
        super().__init__(store, clock, game)
        self._deals = DealService(store, clock)

    def create(self, **fields: Any) -> OpResult:
        for required in ("direction", "kind", "contact"):
            if not fields.get(required):
                raise InvalidInput(
                    translate("validation", "A help exchange needs a {field}.").format(field=required), required
                )
        data = v.clean(fields, HELP_RULES)
        with self.tx() as tx:
            help_ = HelpExchange(created_at=tx.now, note="")
            self._apply(tx, help_, data)
            tx.session.add(help_)
            tx.session.flush()
            balances.help_added(tx.session, help_)
            self._record_cut(tx, help_)
            tx.append(f"help.{help_.direction.value}", "help", help_.id, self._snapshot(tx, help_), at=help_.at)
            tx.touch("help", help_.id)
            return tx.result("help", help_.id, columns(help_))

    def _apply(self, tx: Tx, help_: HelpExchange, data: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        session = tx.session
        resolved: dict[str, Any] = {}
        for key, value in data.items():
            if key == "contact":
                resolved["contact_id"] = get(session, Contact, value).id
            elif key == "group":
                resolved["group_id"] = get(session, Group, value).id if value else None
            elif key == "deal":
                resolved["deal_id"] = get(session, Deal, value).id if value else None
            else:
                resolved[key] = value
        v.not_in_future(resolved.get("at"), tx.now, translate("validation", "A help cannot be in the future."))
        if resolved.get("deal_id") and "group_id" not in resolved and help_.group_id is None:
            deal = session.get(Deal, resolved["deal_id"])
            resolved["group_id"] = deal.group_id if deal else None
        if help_.at is None and resolved.get("at") is None:
            resolved["at"] = tx.now
        for key, value in resolved.items():
            if getattr(help_, key) != value:
                changes[key] = [plain(getattr(help_, key)), plain(value)]
                setattr(help_, key, value)
        if help_.group_id and help_.contact_id:
            link = session.get(ContactGroup, (help_.contact_id, help_.group_id))
            if link is None:
                session.add(ContactGroup(contact_id=help_.contact_id, group_id=help_.group_id))
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
        )

    def edit(self, ref: str, **fields: Any) -> OpResult:
        data = v.clean(fields, HELP_RULES)
        with self.tx() as tx:
            help_ = get(tx.session, HelpExchange, ref)
            cut = self._cut_of(tx, help_)
            before = balances.entry(help_)
            changes = self._apply(tx, help_, data)
            if not changes:
                return tx.result("help", help_.id, columns(help_))
            tx.session.flush()
            balances.help_changed(tx.session, before, help_)
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
            return tx.result("help", help_.id, columns(help_))

    def _cut_of(self, tx: Tx, help_: HelpExchange) -> BargainCut | None:
        return tx.session.scalars(select(BargainCut).where(BargainCut.help_id == help_.id)).first()

    def delete(self, ref: str) -> OpResult:
        with self.tx() as tx:
            help_ = get(tx.session, HelpExchange, ref)
            cut = self._cut_of(tx, help_)
            if cut is not None:
                self._deals.uncut(tx, cut)
            balances.help_removed(tx.session, help_)
            return tx.remove(help_, "help", columns(help_))


class RequestService(Service):
    """The only writer of help requests (what a group's daily request limit counts)."""

    def create(self, **fields: Any) -> OpResult:
        if not fields.get("group"):
            raise InvalidInput(translate("validation", "A request needs a group."), "group")
        data = v.clean(fields, REQUEST_RULES)
        with self.tx() as tx:
            request = HelpRequest(created_at=tx.now, note="")
            self._apply(tx, request, data)
            tx.session.add(request)
            tx.session.flush()
            tx.append("request.posted", "request", request.id, self._snapshot(tx, request), at=request.at)
            tx.touch("request", request.id)
            return tx.result("request", request.id, columns(request))

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
        v.not_in_future(resolved.get("at"), tx.now, translate("validation", "A request cannot be in the future."))
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
        )
        today = requests_on_day(tx.session, group.id, request.at, self.clock.tz)
        payload["requests_today"] = today
        limit = group.daily_request_limit
        payload["over_limit"] = limit is not None and today > limit
        return payload

    def edit(self, ref: str, **fields: Any) -> OpResult:
        data = v.clean(fields, REQUEST_RULES)
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

    def delete(self, ref: str) -> OpResult:
        with self.tx() as tx:
            request = get(tx.session, HelpRequest, ref)
            return tx.remove(request, "request", columns(request))

