"""A bargain's cut curve and a forecast of the helpers it still needs, learned from the user's own past bargains.

The model, in one sentence: bargain apps give big first cuts then ever smaller ones, and the n-th cut is about
``first × n^-decay``. The ``decay`` is learned from the user's finished bargains (a straight line through the log
of each bargain's cuts against the log of their number; the median over bargains, its 10th and 90th percentiles
for the range); an open bargain's own cuts give its scale (the median of ``cut × n^decay``), and the cuts that
follow are added up until they cover what is left to cut. A cut is never below one fen (as in the apps), and a
forecast past :data:`MAX_MORE` helpers says "more than that" instead of a number.

How sure: the number of past bargains it learned from (:data:`FEW` or fewer: "low"). Without any, no forecast.
One read, plain dataclasses out; no Qt here.
"""

from __future__ import annotations

import math
import statistics
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.clock import Clock
from app.model import BargainCut, Deal, DealKind, DealStatus
from app.services.base import get
from app.services.records import plain
from app.store import Store

MAX_MORE = 300  # past this many more helpers the forecast says "more than" (and stops adding up cuts)
FEW = 3  # fewer past bargains than this: low confidence
MANY = 10  # this many or more: high confidence
HISTORY_MAX = 200  # the most recent finished bargains learned from (one read stays small)
MIN_CUTS = 3  # a past bargain's cuts needed to fit its decay (its last cut left out when it reached the target)
DECAY_RANGE = (0.0, 3.0)  # a fitted decay is kept within these
FEW_SPREAD = 0.25  # with too few bargains for percentiles, the range is the decay ± this


@dataclass(frozen=True)
class PastBargain:
    """One past bargain's shape: its cuts in order, the gap between its original and target price, and
    whether the cuts reached the target."""

    cuts: tuple[int, ...]
    gap: int
    reached: bool


@dataclass(frozen=True)
class Model:
    """What the past bargains taught: the decay of cuts (median and an 80% range) and the naive figure."""

    decay: float | None
    low_decay: float | None  # the slowest decay seen (10th percentile): cuts stay big, fewer helpers
    high_decay: float | None  # the fastest (90th percentile): more helpers
    learned_from: int  # past bargains whose decay was fitted
    mean_helpers: float | None  # the mean number of cuts a bargain that reached its target needed (the naive)

    @property
    def confidence(self) -> str:
        if self.learned_from == 0:
            return "none"
        if self.learned_from < FEW:
            return "low"
        return "medium" if self.learned_from < MANY else "high"


@dataclass(frozen=True)
class CutPoint:
    """One cut of the shown bargain and the price after it."""

    number: int  # 1 for the first cut
    at: str | None
    amount_fen: int
    price_fen: int


@dataclass(frozen=True)
class BargainForecast:
    """A bargain's cut curve and what is forecast for it.

    ``state``: "forecast" (``more`` and its range are set), "too_far" (more than :data:`MAX_MORE` helpers at this
    pace), "reached" (the target price is reached), "no_cuts", "no_history" (nothing to learn from yet),
    "no_target" (no target or original price to forecast toward), "not_mine" (someone else's bargain: its cuts
    are not all logged, so no forecast). ``high`` None with a ``more``: "or more".
    ``path``/``path_low``/``path_high``: the price after each forecast cut, for the likely, fastest and slowest
    pace (the chart's dashed line and shaded range).
    """

    deal_id: str
    original_fen: int | None
    target_fen: int | None
    current_fen: int | None
    cuts: tuple[CutPoint, ...]
    state: str
    more: int | None = None
    low: int | None = None
    high: int | None = None
    learned_from: int = 0
    confidence: str = "none"
    decay: float | None = None
    path: tuple[int, ...] = field(default=())
    path_low: tuple[int, ...] = field(default=())
    path_high: tuple[int, ...] = field(default=())


def fit_decay(cuts: Sequence[int], reached: bool) -> float | None:
    """The decay of one bargain's cuts: minus the slope of log(cut) against log(number), least squares.

    The last cut of a bargain that reached its target only takes what was left, so it is left out; cuts of zero
    carry no shape. None with fewer than :data:`MIN_CUTS` usable cuts."""
    used = list(cuts[:-1] if reached else cuts)
    points = [(math.log(i), math.log(a)) for i, a in enumerate(used, 1) if a > 0]
    if len(points) < MIN_CUTS:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    slope = sxy / sxx
    return min(max(-slope, DECAY_RANGE[0]), DECAY_RANGE[1])


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    at = q * (len(ordered) - 1)
    lo, hi = math.floor(at), math.ceil(at)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (at - lo)


def learn(history: Sequence[PastBargain]) -> Model:
    """The model from past bargains (any outcome: the decay is a shape; only reached ones give the naive mean)."""
    decays = [d for b in history if (d := fit_decay(b.cuts, b.reached)) is not None]
    reached = [len(b.cuts) for b in history if b.reached and b.cuts]
    mean = statistics.fmean(reached) if reached else None
    if not decays:
        return Model(None, None, None, 0, mean)
    decay = statistics.median(decays)
    if len(decays) < FEW:
        low, high = max(decay - FEW_SPREAD, DECAY_RANGE[0]), decay + FEW_SPREAD
    else:
        low, high = _quantile(decays, 0.1), _quantile(decays, 0.9)
    return Model(decay, low, high, len(decays), mean)


def project(cuts: Sequence[int], left: int, decay: float, limit: int = MAX_MORE) -> tuple[int | None, list[int]]:
    """How many more cuts cover ``left`` fen after ``cuts``, each ``scale × n^-decay`` (at least one fen), and
    what is left after each of them; None (and the path so far) past ``limit`` cuts or without a cut to scale by."""
    scaled = [a * i ** decay for i, a in enumerate(cuts, 1) if a > 0]
    if not scaled:
        return None, []
    scale = statistics.median(scaled)
    path: list[int] = []
    number = len(cuts)
    while left > 0:
        if len(path) >= limit:
            return None, path
        number += 1
        left -= max(1, round(scale * number ** -decay))
        path.append(max(left, 0))
    return len(path), path


def naive_more(model: Model, done: int) -> int | None:
    """The naive forecast: the mean number of cuts past bargains needed, minus those made (at least one)."""
    if model.mean_helpers is None:
        return None
    return max(1, round(model.mean_helpers - done))


def forecast(deal_id: str, original: int | None, target: int | None, current: int | None,
             cuts: Sequence[tuple[str | None, int]], model: Model) -> BargainForecast:
    """The forecast for one bargain from its prices, its cuts ``(at, amount_fen)`` in order, and the model."""
    amounts = [a for _, a in cuts]
    start = original if original is not None else (current + sum(amounts) if current is not None else None)
    points: list[CutPoint] = []
    price = start
    for number, (at, amount) in enumerate(cuts, 1):
        price = None if price is None else max(price - amount, 0)
        points.append(CutPoint(number, at, amount, price if price is not None else 0))
    now = current if current is not None else price
    base = BargainForecast(str(deal_id), start, target, now, tuple(points), "no_target",
                           learned_from=model.learned_from, confidence=model.confidence, decay=model.decay)
    if start is None or target is None or now is None:
        return base
    left = now - target
    if left <= 0:
        return _with(base, state="reached", more=0, low=0, high=0)
    if not amounts or not any(amounts):
        return _with(base, state="no_cuts")
    if model.decay is None or model.low_decay is None or model.high_decay is None:
        return _with(base, state="no_history")
    more, path = project(amounts, left, model.decay)
    fast, fast_path = project(amounts, left, model.low_decay)
    slow, slow_path = project(amounts, left, model.high_decay)
    prices = [tuple(target + rest for rest in p) for p in (path, fast_path, slow_path)]
    if more is None:
        return _with(base, state="too_far", low=fast, path=prices[0], path_low=prices[1], path_high=prices[2])
    known = [n for n in (more, fast, slow) if n is not None]
    return _with(base, state="forecast", more=more, low=min(known), high=None if slow is None else max(known),
                 path=prices[0], path_low=prices[1], path_high=prices[2])


def _with(base: BargainForecast, **changes: object) -> BargainForecast:
    return replace(base, **changes)  # type: ignore[arg-type]


class ForecastService:
    """Reads a bargain and the user's past bargains in one transaction and forecasts it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def bargain(self, ref: str) -> BargainForecast:
        with self.store.read() as session:
            deal = get(session, Deal, ref)
            cuts = [(plain(at), amount) for at, amount in session.execute(
                select(BargainCut.at, BargainCut.amount_fen).where(BargainCut.deal_id == deal.id)
                .order_by(BargainCut.at, BargainCut.id))]
            history = past_bargains(session, exclude=deal.id)
            result = forecast(str(deal.id), deal.original_fen, deal.target_fen, deal.current_fen, cuts,
                              learn(history))
            if not deal.mine and result.state in ("forecast", "too_far", "no_history"):
                # Someone else's bargain: only the cuts the user gave (or saw) are logged, not its whole curve.
                return replace(result, state="not_mine", more=None, low=None, high=None, path=(), path_low=(),
                               path_high=())
            return result


def past_bargains(session: Session, exclude: uuid.UUID | None = None) -> list[PastBargain]:
    """The user's own finished bargains (the most recent :data:`HISTORY_MAX`) with their cuts in order.

    Ids are read as the text SQLite keeps (no UUID object made per cut: a long history has thousands of cuts)."""
    query = (select(type_coerce(Deal.id, String), Deal.original_fen, Deal.target_fen, Deal.status)
             .where(Deal.kind == DealKind.bargain, Deal.mine.is_(True), Deal.status != DealStatus.open,
                    Deal.original_fen.is_not(None), Deal.target_fen.is_not(None))
             .order_by(Deal.started_at.desc()).limit(HISTORY_MAX))
    if exclude is not None:
        query = query.where(Deal.id != exclude)
    deals = session.execute(query).all()
    if not deals:
        return []
    cuts: dict[str, list[int]] = {}
    cut_query = (select(type_coerce(BargainCut.deal_id, String), BargainCut.amount_fen)
                 .where(BargainCut.deal_id.in_(query.with_only_columns(Deal.id).scalar_subquery()))
                 .order_by(BargainCut.deal_id, BargainCut.at, BargainCut.id))
    for deal_id, amount in session.execute(cut_query):
        cuts.setdefault(deal_id, []).append(amount)
    out = []
    for deal_id, original, target, status in deals:
        if original is None or target is None:  # (the query asked for both)
            continue
        amounts = cuts.get(deal_id, [])
        reached = status == DealStatus.succeeded and sum(amounts) >= original - target
        out.append(PastBargain(tuple(amounts), max(original - target, 0), reached))
    return out


@dataclass(frozen=True)
class Evaluation:
    """The forecast's error on held-out bargains next to the naive mean's (mean absolute error, in helpers)."""

    bargains: int  # held-out bargains that reached their target
    points: int  # forecasts made (several points of each held-out bargain's history)
    model_mae: float
    naive_mae: float
    within_range: float  # the share of forecasts whose range held the true number


def evaluate(history: Sequence[PastBargain], fractions: Sequence[float] = (0.25, 0.5, 0.75)) -> Evaluation:
    """Leave one out: each bargain that reached its target is held out in turn, the model learned from the rest,
    and at each of ``fractions`` of its cuts the helpers still needed are forecast, by the model and by the naive
    mean; a forecast past :data:`MAX_MORE` counts as :data:`MAX_MORE`."""
    model_errors: list[float] = []
    naive_errors: list[float] = []
    inside = 0
    held = 0
    for i, bargain in enumerate(history):
        total = len(bargain.cuts)
        if not bargain.reached or total < 2:
            continue
        model = learn([b for j, b in enumerate(history) if j != i])
        if model.decay is None or model.mean_helpers is None:
            continue
        held += 1
        for done in sorted({min(max(1, round(total * f)), total - 1) for f in fractions}):
            actual = total - done
            shown = forecast("", bargain.gap, 0, bargain.gap - sum(bargain.cuts[:done]),
                             [(None, a) for a in bargain.cuts[:done]], model)
            guess = shown.more if shown.more is not None else MAX_MORE
            naive = naive_more(model, done)
            assert naive is not None
            model_errors.append(abs(guess - actual))
            naive_errors.append(abs(naive - actual))
            low = shown.low if shown.low is not None else MAX_MORE
            inside += low <= actual <= (shown.high if shown.high is not None else math.inf)
    count = len(model_errors)
    return Evaluation(held, count, statistics.fmean(model_errors) if count else math.nan,
                      statistics.fmean(naive_errors) if count else math.nan, inside / count if count else math.nan)
