"""bench/simulate.py: its archetypes do what they say, its table names them with their shares, its verdict holds."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.model import Activity, ActivityKind, Deal, HelpExchange
from app.store import Store
from bench import simulate
from bench.simulate import CHEATER, HONEST, OTHER, REFERENCE, Outcome, archetype, check, live


def _rows(**points: tuple[str, int]) -> list[Outcome]:
    return [Outcome("good neighbour", 1000, REFERENCE)] + [
        Outcome(name.replace("_", " "), value, role) for name, (role, value) in points.items()
    ]


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def test_check_holds_cheaters_below_half_and_honest_members_at_seventy_percent() -> None:
    assert check(_rows(sneak=(CHEATER, 499), rester=(HONEST, 700), lurker=(OTHER, 999))) == []
    problems = check(_rows(sneak=(CHEATER, 500), rester=(HONEST, 699), keen=(HONEST, 1200), lurker=(OTHER, 1000)))
    assert len(problems) == 3, problems
    assert "sneak (500, 50%) is not below half" in problems[1]
    assert "rester (699, 70%) is below 70 %" in problems[2]  # 69.9 % shows rounded: the test is on points
    assert problems[0].startswith("lurker (1000) is not below the good neighbour")
    assert not any("keen" in p for p in problems)  # an honest member may do better than the yardstick
    assert check([Outcome("good neighbour", 1000, REFERENCE, verified=False)]) == [
        "good neighbour: the stored game differs from a recompute"
    ]


def test_a_short_run_prints_each_archetype_with_its_share_and_exits_by_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = ["smart free-rider", "sock puppeteer", "rests on Wednesdays", "back-dater"]
    code = simulate.main(["--days", "8", "--story-days", "10", *(f"--only={n}" for n in names)])
    out, err = capsys.readouterr()
    shares = {m[1].strip(): int(m[2]) for m in re.finditer(r"^(\S[\w -]+?)\s+\w+\s+\d+\s+(\d+)%", out, re.M)}
    assert set(shares) == {"good neighbour", *names}
    assert shares["good neighbour"] == 100
    assert re.search(r"story chains over 10 days of a good neighbour: \d+ of \d+ points \(\d+\.\d%\)", out)
    assert code == (1 if "FAILED" in err else 0)
    failed = {n for n in names if f"{n} (" in err}
    for name in names:  # the verdict agrees with the shares printed
        role = archetype(name).role
        bad = shares[name] >= 50 if role == CHEATER else shares[name] < 70
        if shares[name] not in (49, 50, 69, 70):  # rounded to the edge: decided on points, not on the print
            assert (name in failed) == bad, (name, shares[name], err)


def test_the_late_logger_logs_the_good_neighbours_days_a_day_later_and_not_back_dated(store: Store) -> None:
    live(archetype("logs a day late"), store, 4, seed=7)
    with store.read() as session:
        helps = session.scalars(select(HelpExchange)).all()
        delays = [_aware(h.created_at) - _aware(h.at) for h in helps]
        late = [f.payload for f in session.scalars(select(Activity).where(
            Activity.kind == ActivityKind.fact, Activity.type.like("help.%"))) if f.payload.get("late")]
    assert delays and all(dt.timedelta(hours=10) <= d <= dt.timedelta(hours=29) for d in delays), delays
    assert late == []


def test_the_back_dater_logs_only_late_entries_and_a_year_too_far_is_refused(store: Store) -> None:
    member = live(archetype("back-dater"), store, 6, seed=7)  # the sixth day, 2026-09-06, is the first Sunday
    assert member.refused == 1  # the date over a year before the profile began; the rest was taken
    with store.read() as session:
        marks = [f.payload.get("late") for f in session.scalars(select(Activity).where(
            Activity.kind == ActivityKind.fact, Activity.type == "help.given"))]
    assert len(marks) == member.writes - member.refused - 6  # less the six contacts added
    assert set(marks) == {True}


def test_the_sock_puppeteer_invents_three_contacts_a_day_and_a_group_buy_of_one(store: Store) -> None:
    member = live(archetype("sock puppeteer"), store, 2, seed=7)
    assert len(member.contacts) == simulate.CONTACTS  # the puppets are apart from the world's contacts
    with store.read() as session:
        deals = [(d.participants_needed, d.participants_joined, d.status.value) for d in session.scalars(select(Deal))]
        puppets = {h.contact_id for h in session.scalars(select(HelpExchange))}
    assert len(puppets) == 6
    assert deals == [(1, 1, "succeeded")] * 2


def test_story_points_are_the_quest_points_of_the_chains_that_do_not_repeat() -> None:
    story = simulate.story_ids()
    assert "first-steps" in story and "daily-helper" not in story and "weekly-clear-accounts" not in story
    row = simulate.simulate(archetype("good neighbour"), 5, seed=7)
    assert row.story_points == sum(v for k, v in row.points_by_chain.items() if k in story) > 0
    assert row.story_points < sum(row.points_by_chain.values()) <= row.points
