"""The quest content format (docs/quests.md): chains, steps, goals and achievements, validated on load.

Content is data: built-in packs live in ``app/quests/content/``, users install their own. A file that does not
fit is refused whole with messages that name the file, the key and what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.quests.pack_toml import MAX_DIGITS as MAX_DIGITS
from app.quests.pack_toml import MAX_KEY_PARTS as MAX_KEY_PARTS
from app.quests.pack_toml import MAX_NESTING as MAX_NESTING
from app.quests.pack_toml import MAX_PACK_BYTES as MAX_PACK_BYTES
from app.quests.pack_toml import _toml_problem as _toml_problem
from app.quests.pack_toml import parse_toml as parse_toml
from app.quests.pack_toml import read_pack_bytes as read_pack_bytes

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
ID = Annotated[str, Field(pattern=ID_PATTERN)]
Scalar = str | int | float | bool | None

# Loading limits (docs/quests.md#limits): a content file is data from anywhere, so what it can cost is bounded.
MAX_GOAL_DEPTH = 6  # goals inside "all" / "any" inside each other, the step's own goal counting as 1
MAX_GOAL_CHILDREN = 20  # goals in one "all" / "any"

# The facts goals can match and the payload keys they can test (docs/activities.md): a typo in a pack is an
# error, not a goal that silently never completes.
FACT_TYPES = frozenset({
    "group.joined", "group.left", "contact.added", "contact.trust_changed", "deal.started", "deal.joined",
    "deal.cut", "deal.succeeded", "deal.failed", "deal.expired", "deal.cancelled", "request.posted",
    "help.given", "help.received", "ledger.settled", "link.flagged", "privacy.preset_saved", "export.made",
})
PAYLOAD_KEYS = frozenset({
    "group_id", "group_vertical", "group_platform", "group_role", "group_request_limit", "in_window",
    "contact_id", "contact_trust", "kind", "deal_id", "deal_kind", "amount_fen", "requests_today",
    "over_limit", "previous_trust", "balance", "cut_id", "automatic", "verdict", "previewed", "format",
})
# Payload fields a goal may sum.
NUMERIC_FIELDS = ("amount_fen", "group_request_limit", "requests_today", "balance")


def _check_event_and_keys(event: str | None, where: dict[str, Any], distinct: str | None) -> None:
    if event is not None and event not in FACT_TYPES:
        raise ValueError(f"unknown event '{event}'; goals match these facts: {', '.join(sorted(FACT_TYPES))}")
    for key in [*where, *([distinct] if distinct else [])]:
        if key not in PAYLOAD_KEYS:
            raise ValueError(f"unknown payload key '{key}' (see docs/activities.md)")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A bilingual text; English is required, Simplified Chinese recommended."""

    en: str = Field(min_length=1, max_length=2000)
    zh_CN: str | None = Field(default=None, min_length=1, max_length=2000)

    def get(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return (self.zh_CN or self.en) if lang == "zh_CN" else self.en


class Compare(Strict):
    """Two counts of activities side by side: ``left op right`` must hold (``given >= received``)."""

    left: Goal
    op: Literal[">=", ">"] = ">="
    right: Goal

    @model_validator(mode="after")
    def _counts(self) -> Compare:
        for side in (self.left, self.right):
            if side.event is None or any(getattr(side, k) is not None for k in
                                         ("count", "distinct", "at_least", "within_days", "streak_days", "compare")):
                raise ValueError("each side of 'compare' counts one event (with 'where', or 'sum' of a field): no "
                                 "'count', 'distinct', 'within_days', 'streak_days' or nested 'compare'")
        return self

    def holds(self, left: int, right: int) -> bool:
        return left > right if self.op == ">" else left >= right


class Goal(Strict):
    """What a step asks for; a leaf matches activities, ``all``/``any`` combine goals, ``compare`` weighs two counts
    (over ``within_days``, or since the step began)."""

    event: str | None = Field(default=None, pattern=r"^[a-z_]+\.[a-z_]+$")
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    count: int | None = Field(default=None, ge=1, le=100_000)
    distinct: str | None = None
    sum: str | None = None
    at_least: int | None = Field(default=None, ge=1)
    within_days: int | None = Field(default=None, ge=1, le=366)
    streak_days: int | None = Field(default=None, ge=2, le=366)
    all: list[Goal] | None = Field(default=None, min_length=1, max_length=MAX_GOAL_CHILDREN)
    any: list[Goal] | None = Field(default=None, min_length=1, max_length=MAX_GOAL_CHILDREN)
    compare: Compare | None = None

    @model_validator(mode="after")
    def _shape(self) -> Goal:
        if self.compare is not None:
            extra = [k for k in ("event", "count", "distinct", "sum", "at_least", "streak_days", "all", "any")
                     if getattr(self, k) is not None]
            if extra or self.where:
                raise ValueError("a goal with 'compare' takes only 'within_days' beside it")
            return self
        combined = [k for k in ("all", "any") if getattr(self, k) is not None]
        if combined:
            leaf_keys = [k for k in ("event", "count", "distinct", "sum", "at_least", "within_days", "streak_days")
                         if getattr(self, k) is not None]
            if len(combined) > 1 or leaf_keys or self.where:
                raise ValueError("a goal with 'all' or 'any' takes no other key")
            return self
        if self.event is None:
            raise ValueError("a goal needs 'event' (or 'all' / 'any')")
        _check_event_and_keys(self.event, self.where, self.distinct)
        if (self.sum is None) != (self.at_least is None):
            raise ValueError("'sum' and 'at_least' go together")
        if self.sum is not None and (self.count is not None or self.distinct is not None):
            raise ValueError("'sum' counts money, not activities: drop 'count' / 'distinct'")
        if self.sum is not None and self.sum not in NUMERIC_FIELDS:
            raise ValueError(f"'sum' takes a numeric payload field: {', '.join(NUMERIC_FIELDS)}")
        if self.streak_days is not None and (self.within_days is not None or self.sum is not None):
            raise ValueError("'streak_days' cannot be combined with 'within_days' or 'sum'")
        return self

    @property
    def target(self) -> int:
        """The number the leaf must reach (days of a streak, fen of a sum, activities otherwise)."""
        if self.streak_days is not None:
            return self.streak_days
        if self.at_least is not None:
            return self.at_least
        return self.count or 1

    def depth(self) -> int:
        """How deep goals nest here: 1 for a leaf, one more for each level of ``all`` / ``any``."""
        deepest, todo = 0, [(self, 1)]
        while todo:  # no recursion: this check runs before anything else walks the goal
            goal, level = todo.pop()
            deepest = max(deepest, level)
            todo.extend((child, level + 1) for child in (goal.all or goal.any or []))
        return deepest

    def events(self) -> set[str]:
        """Every activity type this goal listens to."""
        if self.event is not None:
            return {self.event}
        if self.compare is not None:
            return self.compare.left.events() | self.compare.right.events()
        return set().union(*(child.events() for child in (self.all or self.any or [])))


Compare.model_rebuild()


class Reward(Strict):
    points: int = Field(default=0, ge=0, le=10_000)
    badge: ID | None = None


class Step(Strict):
    id: ID
    title: Text
    description: Text | None = None
    goal: Goal
    reward: Reward = Field(default_factory=Reward)


class Chain(Strict):
    """A quest chain (任务链): steps that complete in order."""

    id: ID
    version: int = Field(ge=1)
    title: Text
    story: Text
    requires: list[ID] = Field(default_factory=list)
    min_level: int = Field(default=1, ge=1, le=1000)
    repeat: Literal["daily", "weekly"] | None = None
    reward: Reward = Field(default_factory=Reward)
    steps: list[Step] = Field(min_length=1, max_length=50)

    @field_validator("steps")
    @classmethod
    def _unique_steps(cls, steps: list[Step]) -> list[Step]:
        seen: set[str] = set()
        for step in steps:
            if step.id in seen:
                raise ValueError(f"step id '{step.id}' is used twice")
            seen.add(step.id)
        return steps


class Metric(Strict):
    """What an achievement counts: matching activities, distinct values, a sum, or the longest daily streak."""

    event: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    also: list[str] = Field(default_factory=list, max_length=5)  # other events counted the same way
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    distinct: str | None = None
    sum: str | None = None
    streak: bool = False

    @property
    def types(self) -> frozenset[str]:
        """Every event this metric counts."""
        return frozenset((self.event, *self.also))

    @model_validator(mode="after")
    def _one_kind(self) -> Metric:
        for event in (self.event, *self.also):
            _check_event_and_keys(event, self.where, self.distinct)
        if sum((self.distinct is not None, self.sum is not None, self.streak)) > 1:
            raise ValueError("a metric counts one way: 'distinct', 'sum' or 'streak'")
        if self.sum is not None and self.sum not in NUMERIC_FIELDS:
            raise ValueError(f"'sum' takes a numeric payload field: {', '.join(NUMERIC_FIELDS)}")
        return self


class Achievement(Strict):
    """A tiered achievement (成就); each tier is a badge (徽章)."""

    id: ID
    title: Text
    description: Text
    metric: Metric
    penalty: Metric | None = None  # subtracted from the metric (e.g. requests beyond a group's limit)
    tiers: list[int] = Field(min_length=1, max_length=5)
    hidden: bool = False
    glyph: str | None = Field(default=None, min_length=1, max_length=2)
    tier_points: list[int] | None = None

    @field_validator("tiers")
    @classmethod
    def _increasing(cls, tiers: list[int]) -> list[int]:
        if any(t < 1 for t in tiers) or any(b <= a for a, b in zip(tiers, tiers[1:], strict=False)):
            raise ValueError("tiers must be positive and increasing")
        return tiers

    @model_validator(mode="after")
    def _points(self) -> Achievement:
        if self.tier_points is not None and len(self.tier_points) != len(self.tiers):
            raise ValueError("'tier_points' needs one number per tier")
        return self


class AchievementFile(Strict):
    achievement: list[Achievement] = Field(min_length=1)


TIER_NAMES = ("bronze", "silver", "gold", "platinum", "diamond")
DEFAULT_TIER_POINTS = (20, 50, 100, 200, 400)


MAX_ERRORS_SHOWN = 5


def _format_errors(name: str, error: ValidationError) -> str:
    lines = []
    items = error.errors()
    for item in items[:MAX_ERRORS_SHOWN]:
        key = ".".join(str(part) for part in item["loc"]) or translate("quests", "(top level)")
        lines.append(f"{key}: {item['msg']}")
    if len(items) > MAX_ERRORS_SHOWN:  # a file of thousands of wrong keys still gets a readable line
        lines.append(translate("quests", "and {count} more problems").format(count=len(items) - MAX_ERRORS_SHOWN))
    return f"{name}: " + "; ".join(lines)


def parse_chain(name: str, data: bytes) -> Chain:
    """One chain file's bytes, validated; :class:`InvalidInput` names the file, the key and the problem."""
    parsed = parse_toml(name, data)
    try:
        chain = Chain.model_validate(parsed)
    except ValidationError as exc:
        raise InvalidInput(_format_errors(name, exc)) from None
    for index, step in enumerate(chain.steps):
        if step.goal.depth() > MAX_GOAL_DEPTH:
            raise InvalidInput(
                translate("quests", "{file}: steps.{index}.goal: goals nested more than {limit} deep.").format(
                    file=name, index=index, limit=MAX_GOAL_DEPTH)
            )
    return chain


def load_chain(path: Path) -> Chain:
    """One chain file, validated; :class:`InvalidInput` names the file, the key and the problem."""
    return parse_chain(path.name, read_pack_bytes(path))


class Rules(Strict):
    """The numbers of the fair-play rules (content/rules.toml)."""

    owe_after_days: int = Field(default=7, ge=1, le=366)
    owe_cut_percent: int = Field(default=25, ge=0, le=100)
    free_amount_cap_fen: int = Field(default=500, ge=0)
    adds_per_day: int = Field(default=5, ge=1)
    late_paid_per_day: int = Field(default=3, ge=0)
    new_people_per_week: int = Field(default=2, ge=0)
    rest_days: int = Field(default=1, ge=0, le=3)


def parse_rules(name: str, data: bytes) -> Rules:
    try:
        return Rules.model_validate(parse_toml(name, data))
    except ValidationError as exc:
        raise InvalidInput(_format_errors(name, exc)) from None


def parse_achievements(name: str, data: bytes) -> list[Achievement]:
    parsed = parse_toml(name, data)
    try:
        return AchievementFile.model_validate(parsed).achievement
    except ValidationError as exc:
        raise InvalidInput(_format_errors(name, exc)) from None


def load_achievements(path: Path) -> list[Achievement]:
    return parse_achievements(path.name, read_pack_bytes(path))


def check_pack(chains: list[Chain], achievements: list[Achievement]) -> None:
    """Rules across files: unique ids, known prerequisites and badges, no prerequisite cycles."""
    ids: dict[str, int] = {}
    for chain in chains:
        ids[chain.id] = ids.get(chain.id, 0) + 1
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise InvalidInput(translate("quests", "Chain id used twice: {ids}.").format(ids=", ".join(twice)))
    known_badges = {a.id for a in achievements}
    if len(known_badges) != len(achievements):
        raise InvalidInput(translate("quests", "An achievement id is used twice."))
    for chain in chains:
        for need in chain.requires:
            if need not in ids:
                raise InvalidInput(
                    translate("quests", "Chain '{chain}' requires an unknown chain '{need}'.").format(
                        chain=chain.id, need=need
                    )
                )
        for reward in [chain.reward, *(s.reward for s in chain.steps)]:
            if reward.badge and reward.badge not in known_badges:
                raise InvalidInput(
                    translate("quests", "Chain '{chain}' rewards an unknown badge '{badge}'.").format(
                        chain=chain.id, badge=reward.badge
                    )
                )
    by_id = {c.id: c for c in chains}
    state: dict[str, int] = {}

    def visit(cid: str, trail: list[str]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            raise InvalidInput(
                translate("quests", "Chains require each other in a circle: {trail}.").format(
                    trail=" → ".join([*trail, cid])
                )
            )
        state[cid] = 1
        for need in by_id[cid].requires:
            visit(need, [*trail, cid])
        state[cid] = 2

    for cid in by_id:
        visit(cid, [])


def slug_ok(text: str) -> bool:
    """True when ``text`` is a valid chain, step or achievement id."""
    return re.fullmatch(ID_PATTERN, text) is not None
