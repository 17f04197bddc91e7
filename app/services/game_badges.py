"""What the player sees of the badges: every achievement as a row of the Badges page (``badges --json``), and one
badge in detail, each tier with when it was earned and by which fact.

Where an award comes from: when a fact takes an achievement over a tier's threshold (or completes a quest whose
reward is the badge), the engine writes a derived ``achievement.unlocked`` activity with the fact's time and
``source_activity_id``, the fact's id (``app/quests/engine.py``). A correction rolls the derived activities back
and replays the facts after it, so the stored ones always name the current fact that earned the tier: the link is
read, never guessed. An award a quest gave comes right after that quest's own event in the same replay (the
engine derives them in that order), which is how the detail tells the two apart.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import iso
from app.model import Activity, ActivityKind, Contact, Deal, Group
from app.quests import goals
from app.quests.catalogue import Catalogue
from app.quests.engine import State
from app.quests.schema import TIER_NAMES, Achievement

UNLOCKED = "achievement.unlocked"
QUEST_EVENTS = ("quest.step_completed", "quest.completed")


def badge_row(ach: Achievement, cache: State, lang: str) -> dict[str, Any]:
    """One achievement as the Badges page lists it: a hidden one without title, tiers or progress until earned."""
    state = cache.get(f"ach:{ach.id}", {})
    earned = int(state.get("tier", 0))
    secret = ach.hidden and earned == 0
    return {
        "id": ach.id,
        "title": None if secret else ach.title.get(lang),
        "description": None if secret else ach.description.get(lang),
        "hidden": ach.hidden,
        "tiers": [] if secret else list(ach.tiers),  # its thresholds would give it away
        "tier_names": [] if secret else list(TIER_NAMES[: len(ach.tiers)]),
        "earned_tier": earned,
        "progress": 0 if secret else int(state.get("value", 0)),
        "unit": goals.unit_of_metric(ach.metric),
    }


def next_tier(row: dict[str, Any]) -> dict[str, Any] | None:
    """The first tier not earned yet, ``{tier, name, threshold}``; None when every tier is earned (or hidden)."""
    earned, tiers = int(row["earned_tier"]), row["tiers"]
    if earned >= len(tiers):
        return None
    return {"tier": earned + 1, "name": TIER_NAMES[earned], "threshold": tiers[earned]}


def badge_detail(session: Session | None, catalogue: Catalogue, cache: State, ach: Achievement,
                 lang: str) -> dict[str, Any]:
    """``ach`` as :func:`badge_row` gives it, plus ``next`` (:func:`next_tier`) and ``levels``: each tier with its
    ``threshold`` and, once earned, ``at``/``recorded_at`` (UTC ISO) and ``by``, the fact that earned it
    (:func:`fact_view`), with ``quest``, the title of the quest whose reward it was, when a quest gave it."""
    row = badge_row(ach, cache, lang)
    awards = _awards(session, ach.id) if session is not None and row["earned_tier"] else {}
    sources = _facts(session, {award["source"] for award in awards.values()}) if session is not None else {}
    levels = []
    for tier, (name, threshold) in enumerate(zip(row["tier_names"], row["tiers"], strict=True), start=1):
        award = awards.get(tier)
        level: dict[str, Any] = {"tier": tier, "name": name, "threshold": threshold,
                                 "earned": tier <= row["earned_tier"], "at": None, "recorded_at": None, "by": None,
                                 "quest": None}
        if award is not None:
            level.update(at=award["at"], recorded_at=award["recorded_at"], by=sources.get(award["source"]),
                         quest=_quest_title(catalogue, ach.id, award["before"], lang))
        levels.append(level)
    return {**row, "next": next_tier(row), "levels": levels}


def _awards(session: Session, ach_id: str) -> dict[int, dict[str, Any]]:
    """The stored awards of one achievement by tier: when, the fact's id, and the derived event just before it."""
    query = (select(Activity.seq, Activity.at, Activity.recorded_at, Activity.payload)
             .where(Activity.kind == ActivityKind.derived, Activity.type == UNLOCKED,
                    Activity.payload["achievement_id"].as_string() == ach_id)
             .order_by(Activity.seq))
    awards: dict[int, dict[str, Any]] = {}
    for seq, at, recorded_at, payload in session.execute(query):
        source = _uuid(payload.get("source_activity_id"))
        if source is None:
            continue
        before = session.execute(select(Activity.type, Activity.payload).where(
            Activity.seq == seq - 1, Activity.kind == ActivityKind.derived)).first()
        tier = int(payload["tier"])
        # A quest gives a badge's first tier, derived right after the quest's event from the same fact.
        quest: tuple[str, dict[str, Any]] | None = None
        if before is not None and tier == 1 and before[0] in QUEST_EVENTS \
                and _uuid(before[1].get("source_activity_id")) == source:
            quest = (before[0], before[1])
        awards[tier] = {"at": iso(at), "recorded_at": iso(recorded_at), "source": source, "before": quest}
    return awards


def _quest_title(catalogue: Catalogue, ach_id: str, before: tuple[str, dict[str, Any]] | None,
                 lang: str) -> str | None:
    """The quest whose reward the award was: the quest event derived right before it, if its reward is this badge
    (the engine derives a quest's step or completion, then the badge it gives)."""
    if before is None or before[0] not in QUEST_EVENTS:
        return None
    payload = before[1]
    chain = catalogue.chain(str(payload.get("chain_id")))
    if chain is None:
        return None
    if before[0] == "quest.completed":
        reward = chain.reward
    else:
        step = next((s for s in chain.steps if s.id == payload.get("step_id")), None)
        if step is None:
            return None
        reward = step.reward
    return chain.title.get(lang) if reward.badge == ach_id else None


def _facts(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The facts by id, each as :func:`fact_view` gives it (names looked up once for all of them)."""
    if not ids:
        return {}
    facts = list(session.scalars(select(Activity).where(Activity.id.in_(ids))))
    wanted: dict[str, set[uuid.UUID]] = {"contact": set(), "group": set(), "deal": set()}
    for fact in facts:
        for kind, found in wanted.items():
            ident = _uuid((fact.payload or {}).get(f"{kind}_id"))
            if ident is not None:
                found.add(ident)
    names: dict[str, dict[uuid.UUID, str]] = {}
    columns: dict[str, tuple[Any, Any]] = {"contact": (Contact.id, Contact.nickname), "group": (Group.id, Group.name),
                                           "deal": (Deal.id, Deal.title)}
    for kind, (ident, label) in columns.items():
        names[kind] = {}
        if wanted[kind]:
            names[kind] = {row[0]: row[1] for row in session.execute(select(ident, label).where(
                ident.in_(wanted[kind])))}
    return {fact.id: fact_view(fact, names) for fact in facts}


def fact_view(fact: Activity, names: dict[str, dict[uuid.UUID, str]]) -> dict[str, Any]:
    """A fact as the badge detail tells it: its type, when, the kind of help and amount, and the names of the
    contact, group and deal it was about (None where it had none, or the record is gone)."""
    payload = fact.payload or {}

    def name(kind: str) -> str | None:
        ident = _uuid(payload.get(f"{kind}_id"))
        return names.get(kind, {}).get(ident) if ident is not None else None

    return {"id": str(fact.id), "type": fact.type, "at": iso(fact.at), "kind": payload.get("kind"),
            "amount_fen": payload.get("amount_fen"), "deal_kind": payload.get("deal_kind"),
            "contact": name("contact"), "group": name("group"), "deal": name("deal")}


def _uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None
