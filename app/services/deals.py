"""Deals (拼团 / 砍价 / 助力): create, edit, cuts, join counts, outcomes, expiry and duplicate links."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import DuplicateDeal, InvalidInput
from app.i18n import translate
from app.limits import IMAGE_SIDE_MAX
from app.model import (
    BargainCut,
    Contact,
    Deal,
    DealKind,
    DealStatus,
    Group,
    HelpExchange,
    HelpRequest,
    PriceTier,
)
from app.privacy.links import normalise_url, stored_verdict, typed_verdict
from app.services import validate as v
from app.services.base import OpResult, Service, Tx, current_facts, get, imported_payload, references, snapshot
from app.services.commands import CreateDeal, EditDeal, Problem, deal_problems, reference_problems
from app.services.erasure import forget_in, with_cleanup
from app.services.images import add_image, cleaned, drop_image
from app.services.records import deal_record, plain

if TYPE_CHECKING:  # Pillow loads with the first picture, not with every command
    from app.images import CleanImage

CLOSING = {
    DealStatus.succeeded: "deal.succeeded",
    DealStatus.failed: "deal.failed",
    DealStatus.expired: "deal.expired",
    DealStatus.cancelled: "deal.cancelled",
}
OPENING = ("deal.started", "deal.joined")


_AGREEING = ("kind", "original_fen", "target_fen", "current_fen", "deadline", "started_at")


def _check_consistency(deal: Deal) -> None:
    """The stored deal's values agree (checked after a write applied its values to it)."""
    for _, problem in deal_problems({key: getattr(deal, key) for key in _AGREEING}):
        raise problem


def _duplicate(session: Session, url_key: str | None, deal_id: uuid.UUID | None) -> DuplicateDeal | None:
    """The refusal of a link another deal already has (what ``--allow-duplicate`` overrides), or None."""
    query = select(Deal).where(Deal.url_key == url_key)
    if deal_id is not None:
        query = query.where(Deal.id != deal_id)
    existing = session.scalars(query.limit(1)).first()
    if existing is None:
        return None
    return DuplicateDeal(
        translate(
            "validation",
            "This link is already logged as the deal '{title}' ({id}); log it anyway with --allow-duplicate.",
        ).format(title=existing.title, id=existing.id),
        str(existing.id),
    )


def _set_link(deal: Deal, url: str | None) -> None:
    """The link's duplicate key and its offline verdict, kept with it (a dangerous link is stored all the same:
    the user may be logging the fraud)."""
    deal.url_key = normalise_url(url) if url else None
    deal.url_verdict, deal.url_reasons = stored_verdict(url)


def _judge_typed(deal: Deal, typed: Any) -> None:
    """The verdict kept with the link: the worse of the link as typed and as stored (a disguised host stays
    disguised in its verdict after it was stored in ASCII)."""
    if isinstance(typed, str) and deal.url:
        deal.url_verdict, deal.url_reasons = typed_verdict(typed.strip(), deal.url)


def _deal_snapshot(service: Service, deal: Deal, at: dt.datetime, session: Any, **extra: Any) -> dict[str, Any]:
    group = session.get(Group, deal.group_id) if deal.group_id else None
    payload = snapshot(tz=service.clock.tz, at=at, group=group, deal=deal, **extra)
    if deal.kind == DealKind.group_buy and deal.participants_needed is not None:
        payload["participants_needed"] = deal.participants_needed  # the game pays no group buy of one
    return payload


class DealService(Service):
    """The only writer of deals."""

    def create(self, *, allow_duplicate: bool = False, imported: bool = False, **fields: Any) -> OpResult:
        """A new deal; ``image``: a screenshot (a path or bytes), cleaned before anything is written;
        ``imported``: read from an exported chat (back-dated, as :meth:`HelpService.create` says)."""
        picture = cleaned(fields.pop("image", None), IMAGE_SIDE_MAX)
        data = CreateDeal.of(fields).clean()
        with self.tx() as tx:
            deal = Deal(created_at=tx.now, updated_at=tx.now, status=DealStatus.open)
            deal.started_at = data.pop("started_at", None) or tx.now
            deal.participants_joined = 0
            self._apply(tx, deal, data)
            _judge_typed(deal, fields.get("url"))
            if deal.kind == DealKind.bargain and deal.current_fen is None:
                deal.current_fen = deal.original_fen
            _check_consistency(deal)
            if deal.url_key and not allow_duplicate:
                self._refuse_duplicate(tx, deal)
            if picture is not None:
                deal.image_id = add_image(tx, picture)
            tx.session.add(deal)
            tx.session.flush()
            tx.append(
                "deal.started" if deal.mine else "deal.joined", "deal", deal.id,
                imported_payload(_deal_snapshot(self, deal, deal.started_at, tx.session), imported),
                at=deal.started_at,
            )
            self._auto_close(tx, deal)
            tx.touch("deal", deal.id)
            return tx.result("deal", deal.id, deal_record(deal))

    def _apply(self, tx: Tx, deal: Deal, data: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        for key, value in data.items():
            if key == "group":
                group_id = get(tx.session, Group, value).id if value else None
                if deal.group_id != group_id:
                    changes["group_id"] = [plain(deal.group_id), plain(group_id)]
                    deal.group_id = group_id
            elif key == "tiers":
                old = [(t.min_participants, t.price_fen) for t in deal.tiers]
                if old != value:
                    changes["tiers"] = [old, value]
                    deal.tiers = [PriceTier(min_participants=n, price_fen=p) for n, p in value]
                    if deal.participants_needed is None and value:
                        deal.participants_needed = value[0][0]
            elif getattr(deal, key) != value:
                changes[key] = [plain(getattr(deal, key)), plain(value)]
                setattr(deal, key, value)
                if key == "url":
                    _set_link(deal, value)
        return changes

    @staticmethod
    def _set_image(tx: Tx, deal: Deal, picture: CleanImage | None, changes: dict[str, list[Any]]) -> None:
        """Replace or take away the deal's screenshot; the old picture's row is deleted, the log keeps ids only."""
        old = deal.image_id
        if picture is None and old is None:
            return
        deal.image_id = add_image(tx, picture) if picture is not None else None
        changes["image_id"] = [plain(old), plain(deal.image_id)]
        tx.session.flush()
        drop_image(tx, old)

    def _refuse_duplicate(self, tx: Tx, deal: Deal) -> None:
        duplicate = _duplicate(tx.session, deal.url_key, deal.id)
        if duplicate is not None:
            raise duplicate

    def check_draft(self, ref: str | None = None, *, allow_duplicate: bool = False, **fields: Any) -> list[Problem]:
        """Every problem that creating a deal with ``fields`` (editing deal ``ref``, with one) would meet, each with
        the message the write gives; nothing is written. Forms call it as the user types."""
        fields.pop("image", None)  # a picture is checked when it is chosen (app.images.clean_image)
        command = (CreateDeal if ref is None else EditDeal).of(fields)
        data, problems = command.check()
        with self.store.read() as session:
            deal = get(session, Deal, ref) if ref is not None else None
            problems += reference_problems(session, data, {"group": Group})
            stored = {key: getattr(deal, key) for key in _AGREEING} if deal is not None else {}
            merged = {**stored, **{key: data[key] for key in _AGREEING if key in data}}
            if deal is None:  # what create does: it starts now, a bargain at its original price
                merged["started_at"] = merged.get("started_at") or self.clock.now()
                if merged.get("kind") == DealKind.bargain and merged.get("current_fen") is None:
                    merged["current_fen"] = merged.get("original_fen")
            problems += [Problem(field, problem.message) for field, problem in deal_problems(merged)]
            url = data.get("url")
            if url and not allow_duplicate and (deal is None or url != deal.url):
                duplicate = _duplicate(session, normalise_url(url), deal.id if deal is not None else None)
                if duplicate is not None:
                    problems.append(Problem("url", duplicate.message))
        return problems

    def duplicates(self) -> list[list[dict[str, Any]]]:
        """Groups of deals that share a product link."""
        with self.store.read() as session:
            keys = session.scalars(
                select(Deal.url_key).where(Deal.url_key.is_not(None)).group_by(Deal.url_key).having(func.count() > 1)
            ).all()
            return [
                [deal_record(d) for d in session.scalars(select(Deal).where(Deal.url_key == key))]
                for key in keys
            ]

    def edit(self, ref: str, *, allow_duplicate: bool = False, forget_old: bool = False, **fields: Any) -> OpResult:
        """Change a deal; ``image``: a new screenshot (a path or bytes), or None / "" to take it away; ``forget_old``:
        the old values of the link or notes this edit changes are taken out of the history, the file and its backups
        too (docs/privacy.md, "Erasure")."""
        status = fields.pop("status", None)
        new_image = "image" in fields
        picture = cleaned(fields.pop("image", None), IMAGE_SIDE_MAX)
        data = EditDeal.of(fields).clean()
        scrubs = []
        with self.tx() as tx:
            deal = get(tx.session, Deal, ref)
            changes = self._apply(tx, deal, data)
            if "url" in changes:
                _judge_typed(deal, fields.get("url"))
            if new_image:
                self._set_image(tx, deal, picture, changes)
            _check_consistency(deal)
            if "url" in changes and deal.url_key and not allow_duplicate:
                self._refuse_duplicate(tx, deal)
            if changes:
                deal.updated_at = tx.now
                tx.touch("deal", deal.id)
                tx.session.flush()
                replaced = []
                if {"kind", "mine", "group_id", "started_at"} & changes.keys():
                    replaced = current_facts(tx.session, deal.id, OPENING)
                tx.correct("deal.edited", "deal", deal.id, {"changes": changes}, replaces=replaced)
                if replaced:
                    tx.append(
                        "deal.started" if deal.mine else "deal.joined", "deal", deal.id,
                        _deal_snapshot(self, deal, deal.started_at, tx.session), at=deal.started_at,
                    )
            if status is not None:
                chosen = v.choice(DealStatus, status, "status")
                if chosen == DealStatus.expired:
                    raise InvalidInput(
                        translate("validation", "A deal expires by itself at its deadline; choose another status."),
                        "status",
                    )
                self._close(tx, deal, chosen)
            else:
                self._auto_close(tx, deal)
            if forget_old and (scrub := forget_in(tx, "deal", deal, changes, self.game)) is not None:
                scrubs.append(scrub)
            result = tx.result("deal", deal.id, deal_record(deal))
        return with_cleanup(self, result, scrubs)

    def set_status(self, ref: str, status: str, at: dt.datetime | None = None) -> OpResult:
        """Close a deal: succeeded, failed or cancelled (or back to open)."""
        with self.tx() as tx:
            deal = get(tx.session, Deal, ref)
            self._close(tx, deal, v.choice(DealStatus, status, "status"), at=v.aware(at, "time"))
            return tx.result("deal", deal.id, deal_record(deal))

    def _close(
        self, tx: Tx, deal: Deal, status: DealStatus, at: dt.datetime | None = None, *, automatic: bool = False
    ) -> None:
        if status == deal.status:
            return
        tx.touch("deal", deal.id)
        if status == DealStatus.open:
            # Re-opening corrects the earlier outcome.
            tx.correct(
                "deal.reopened", "deal", deal.id, {"previous_status": deal.status.value},
                replaces=current_facts(tx.session, deal.id, list(CLOSING.values())),
            )
            deal.status, deal.closed_at = DealStatus.open, None
            return
        if deal.status != DealStatus.open:
            raise InvalidInput(
                translate("validation", "The deal is already {status}; re-open it first.").format(
                    status=deal.status.value
                ),
                "status",
            )
        when = at or tx.now
        deal.status, deal.closed_at, deal.updated_at = status, when, tx.now
        payload = _deal_snapshot(self, deal, when, tx.session)
        if automatic:
            payload["automatic"] = True
        if deal.kind == DealKind.group_buy and status == DealStatus.succeeded:
            payload["participants"] = deal.participants_joined  # the game pays no group buy of one
        tx.append(CLOSING[status], "deal", deal.id, payload, at=when)

    @staticmethod
    def _reached(deal: Deal) -> bool:
        """A group buy with enough participants, or a bargain cut down to its target."""
        return (
            deal.kind == DealKind.group_buy
            and deal.participants_needed is not None
            and deal.participants_joined >= deal.participants_needed
        ) or (
            deal.kind == DealKind.bargain
            and deal.target_fen is not None
            and deal.current_fen is not None
            and deal.current_fen <= deal.target_fen
            and bool(deal.cuts)
        )

    def _auto_close(self, tx: Tx, deal: Deal) -> None:
        """Succeed a deal that reached its goal; re-open one whose automatic success no longer holds."""
        if deal.status == DealStatus.open and self._reached(deal):
            self._close(tx, deal, DealStatus.succeeded, automatic=True)
        elif deal.status == DealStatus.succeeded and not self._reached(deal):
            closing = current_facts(tx.session, deal.id, ["deal.succeeded"])
            if closing and closing[-1].payload.get("automatic"):
                self._close(tx, deal, DealStatus.open)

    def join_count(self, ref: str, joined: int) -> OpResult:
        return self.edit(ref, participants_joined=joined)

    def record_cut(
        self, ref: str, amount_fen: int, *, contact: str | None = None, at: dt.datetime | None = None
    ) -> OpResult:
        """A cut of a bargain's price that is not logged as a help exchange."""
        with self.tx() as tx:
            deal = get(tx.session, Deal, ref)
            who = get(tx.session, Contact, contact) if contact else None
            self.cut(tx, deal, amount_fen, contact=who, at=v.aware(at, "time") or tx.now)
            tx.touch("deal", deal.id)
            return tx.result("deal", deal.id, deal_record(deal))

    def cut(
        self,
        tx: Tx,
        deal: Deal,
        amount_fen: int | None,
        *,
        contact: Contact | None,
        at: dt.datetime,
        help_id: uuid.UUID | None = None,
    ) -> BargainCut:
        """Record one cut on a bargain inside the caller's transaction (a help exchange shares it)."""
        if deal.kind != DealKind.bargain:
            raise InvalidInput(
                translate("validation", "Only a bargain deal takes price cuts; '{title}' is a {kind}.").format(
                    title=deal.title, kind=deal.kind.value
                ),
                "deal",
            )
        amount = v.fen(amount_fen, "amount") or 0
        if deal.current_fen is not None:
            left = deal.current_fen - (deal.target_fen or 0)
            if amount > left:
                raise InvalidInput(
                    translate("validation", "A cut of {amount} fen is more than is left to cut ({left} fen).")
                    .format(amount=amount, left=left),
                    "amount_fen",
                )
            deal.current_fen -= amount
        cut = BargainCut(amount_fen=amount, at=at, contact_id=contact.id if contact else None, help_id=help_id)
        deal.cuts.append(cut)
        deal.updated_at = tx.now
        tx.touch("deal", deal.id)
        tx.session.flush()
        tx.append(
            "deal.cut", "deal", deal.id,
            {**_deal_snapshot(self, deal, at, tx.session, contact=contact, kind="bargain_cut", amount_fen=amount),
             "cut_id": str(cut.id)},
            at=at,
        )
        self._auto_close(tx, deal)
        return cut

    def uncut(self, tx: Tx, cut: BargainCut) -> None:
        """Take back a cut (its help exchange was edited or deleted)."""
        deal = tx.session.get(Deal, cut.deal_id)
        assert deal is not None
        tx.touch("deal", deal.id)
        if deal.current_fen is not None:
            deal.current_fen += cut.amount_fen
        facts = [f for f in current_facts(tx.session, deal.id, ["deal.cut"]) if f.payload.get("cut_id") == str(cut.id)]
        tx.correct(
            "deal.cut_removed", "deal", deal.id, {"amount_fen": cut.amount_fen, "cut_id": str(cut.id)}, replaces=facts
        )
        deal.cuts.remove(cut)
        tx.session.delete(cut)
        self._auto_close(tx, deal)

    def expire_due(self) -> OpResult:
        """Every open deal whose deadline has passed becomes expired (at its deadline)."""
        with self.tx() as tx:
            due = tx.session.scalars(
                select(Deal).where(Deal.status == DealStatus.open, Deal.deadline.is_not(None), Deal.deadline <= tx.now)
            ).all()
            for deal in due:
                assert deal.deadline is not None
                self._close(tx, deal, DealStatus.expired, at=deal.deadline)
            return tx.result("deal", None, None)

    def delete(self, ref: str) -> OpResult:
        with self.tx() as tx:
            deal = get(tx.session, Deal, ref)
            used = references(tx.session, (HelpExchange, HelpRequest), "deal_id", deal.id)
            if used:
                raise InvalidInput(
                    translate(
                        "validation",
                        "The deal '{title}' has {count} helps or requests: archive it instead of deleting.",
                    ).format(title=deal.title, count=used),
                )
            image_id = deal.image_id
            result = tx.remove(deal, "deal", {"title": deal.title})
            tx.session.flush()
            drop_image(tx, image_id)
            return result
