"""The bargain forecast: the decay learned from past bargains, the helpers still needed, and its error."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.services import Services
from app.services.forecast import (
    FEW_SPREAD,
    MAX_MORE,
    ForecastService,
    PastBargain,
    evaluate,
    fit_decay,
    forecast,
    learn,
    naive_more,
    project,
)

# Cuts of 2520/n fen: whole numbers for n up to 10, a decay of exactly 1.
HARMONIC = tuple(2520 // n for n in range(1, 11))


def harmonic_bargain(cuts: int) -> PastBargain:
    """A past bargain whose first ``cuts`` cuts were 2520/n fen, then one last cut that took what was left."""
    amounts = (*HARMONIC[:cuts], 100)
    return PastBargain(amounts, sum(amounts), True)


def cut_list(*amounts: int) -> list[tuple[str | None, int]]:
    return [(f"2026-11-{20 + i:02d}T12:00:00Z", a) for i, a in enumerate(amounts)]


def test_fit_decay_of_a_harmonic_bargain_is_one_and_leaves_out_the_last_cut() -> None:
    assert fit_decay(HARMONIC[:6], reached=False) == pytest.approx(1.0)
    # The last cut of a bargain that reached its target only took what was left: 100 fen would bend the line.
    assert fit_decay((*HARMONIC[:6], 100), reached=True) == pytest.approx(1.0)
    assert fit_decay((*HARMONIC[:6], 100), reached=False) != pytest.approx(1.0)
    assert fit_decay((2520, 1260, 9), reached=True) is None  # two usable cuts: no line
    assert fit_decay((500, 500, 500, 500), reached=False) == pytest.approx(0.0)  # even cuts: no decay


def test_learn_gives_the_median_decay_its_range_and_the_naive_mean() -> None:
    model = learn([harmonic_bargain(4), harmonic_bargain(6), harmonic_bargain(8)])
    assert model.decay == pytest.approx(1.0)
    assert (model.low_decay, model.high_decay) == (pytest.approx(1.0), pytest.approx(1.0))
    assert model.learned_from == 3
    assert model.confidence == "medium"
    assert model.mean_helpers == pytest.approx((5 + 7 + 9) / 3)  # cuts of the bargains that reached the target
    assert naive_more(model, 2) == 5
    assert naive_more(model, 30) == 1  # never fewer than one more while the target is not reached


def test_a_harmonic_bargain_needs_exactly_the_cuts_that_cover_what_is_left() -> None:
    model = learn([harmonic_bargain(4), harmonic_bargain(6), harmonic_bargain(8)])
    # 2520 + 1260 cut; the next cuts would be 840, 630, 504: 1974 fen left needs exactly three more helpers.
    original, target = 10000, 10000 - 2520 - 1260 - 1974
    result = forecast("d", original, target, original - 3780, cut_list(2520, 1260), model)
    assert result.state == "forecast"
    assert (result.more, result.low, result.high) == (3, 3, 3)
    assert result.path == (target + 1134, target + 504, target)  # the price after each forecast cut
    assert [c.price_fen for c in result.cuts] == [7480, 6220]
    assert [c.number for c in result.cuts] == [1, 2]
    assert result.learned_from == 3 and result.confidence == "medium"
    # One fen more to cut: a fourth helper.
    assert forecast("d", original, target - 1, original - 3780, cut_list(2520, 1260), model).more == 4


def test_one_cut_is_enough_to_forecast() -> None:
    model = learn([harmonic_bargain(5)] * 3)
    result = forecast("d", 5000, 5000 - 2520 - 1260 - 840, 5000 - 2520, cut_list(2520), model)
    assert result.state == "forecast"
    assert result.more == 2


def test_few_past_bargains_give_low_confidence_and_a_wider_range() -> None:
    model = learn([harmonic_bargain(6)])
    assert model.confidence == "low"
    assert model.low_decay == pytest.approx(1.0 - FEW_SPREAD)
    assert model.high_decay == pytest.approx(1.0 + FEW_SPREAD)
    # At a decay of 1 the next cuts are 630, 504, 420, 360: 1800 fen left needs four more.
    result = forecast("d", 20000, 20000 - 4620 - 1800, 20000 - 4620, cut_list(2520, 1260, 840), model)
    assert result.state == "forecast"
    assert result.more == 4
    assert result.low is not None and result.high is not None
    assert result.low < result.more < result.high
    assert len(result.path_low) < len(result.path) <= len(result.path_high)


def test_without_history_there_is_no_forecast() -> None:
    model = learn([])
    assert model.decay is None and model.learned_from == 0 and model.confidence == "none"
    result = forecast("d", 10000, 0, 6220, cut_list(2520, 1260), model)
    assert result.state == "no_history"
    assert result.more is None and result.path == ()
    assert len(result.cuts) == 2  # the curve so far is still drawn
    # Bargains without enough cuts to fit teach nothing either.
    assert learn([PastBargain((300, 200), 500, True)]).decay is None


def test_target_reached_no_cuts_and_no_target() -> None:
    model = learn([harmonic_bargain(6)] * 3)
    reached = forecast("d", 3000, 0, 0, cut_list(2520, 480), model)
    assert (reached.state, reached.more) == ("reached", 0)
    assert forecast("d", 3000, 0, 3000, [], model).state == "no_cuts"
    assert forecast("d", None, None, 3000, cut_list(100), model).state == "no_target"


def test_too_far_past_the_limit() -> None:
    model = learn([harmonic_bargain(6)] * 3)
    assert project([1], 10 * MAX_MORE, 1.0)[0] is None  # one-fen cuts cannot cover that within the limit
    result = forecast("d", 10**7, 0, 10**7 - 10, cut_list(5, 3, 2), model)
    assert result.state == "too_far"
    assert result.more is None and len(result.path) == MAX_MORE


def realistic_bargains(rng: random.Random, count: int) -> list[PastBargain]:
    """Bargains as the apps run them: big first cuts, then ever smaller ones (n^-decay, noisy), until a number of
    helpers that varies a lot from bargain to bargain; the last cut takes what is left."""
    out = []
    for _ in range(count):
        helpers = int(rng.paretovariate(1.2) * 6) + 3
        decay = rng.uniform(0.9, 1.3)
        weights = [n ** -decay * rng.uniform(0.7, 1.3) for n in range(1, helpers + 1)]
        gap = rng.randint(2000, 60000)
        amounts = [max(1, round(gap * w / sum(weights))) for w in weights[:-1]]
        last = gap - sum(amounts)
        if last < 1:
            continue
        out.append(PastBargain((*amounts, last), gap, True))
    return out


def test_the_model_beats_the_naive_mean_on_realistic_bargains() -> None:
    history = realistic_bargains(random.Random(14), 60)
    result = evaluate(history)
    assert result.bargains >= 50
    assert result.points >= 3 * 40
    assert result.model_mae < 0.7 * result.naive_mae, result
    assert result.within_range > 0.5


def test_the_service_reads_the_deal_and_the_users_finished_bargains(services: Services) -> None:
    started = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
    for number, cuts in enumerate((5, 6, 7)):
        amounts = (*HARMONIC[:cuts], 100)
        deal = services.deals.create(kind="bargain", title=f"锅 {number}", original_fen=sum(amounts), target_fen=0,
                                     mine=True, started_at=started)
        for i, amount in enumerate(amounts):
            services.deals.record_cut(str(deal.entity_id), amount, at=started + dt.timedelta(hours=i + 1))
    # Someone else's bargain, only my cut known: not the user's history.
    other = services.deals.create(kind="bargain", title="别人的", original_fen=9000, target_fen=0, started_at=started)
    services.deals.record_cut(str(other.entity_id), 10, at=started + dt.timedelta(hours=1))
    open_deal = services.deals.create(kind="bargain", title="新锅", original_fen=10000, target_fen=10000 - 5754,
                                      mine=True, started_at=started)
    ref = str(open_deal.entity_id)
    for i, amount in enumerate((2520, 1260)):
        services.deals.record_cut(ref, amount, at=started + dt.timedelta(hours=i + 1))
    result = ForecastService(services.store, services.clock).bargain(ref)
    assert result.learned_from == 3
    assert result.decay == pytest.approx(1.0)
    assert (result.state, result.more) == ("forecast", 3)
    assert result.current_fen == 10000 - 3780
    assert [c.amount_fen for c in result.cuts] == [2520, 1260]
    assert result.cuts[0].at is not None and result.cuts[0].at.startswith("2026-11-01T13:00")
    # Someone else's bargain: no forecast from the one cut the user knows of.
    theirs = ForecastService(services.store, services.clock).bargain(str(other.entity_id))
    assert (theirs.state, theirs.more, theirs.path) == ("not_mine", None, ())
    assert [c.amount_fen for c in theirs.cuts] == [10]
