"""A badge in detail, as the services give it (no Qt): each tier's threshold, when it was earned and by which fact."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.errors import InvalidInput
from app.services import Services
from app.store import Store


def _eleven_helps(services: Services, clock: FixedClock) -> list[uuid.UUID]:
    """Eleven helps three hours apart: the first a share for 阿强, the tenth a ¥12.50 bargain cut for 小美."""
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美")
    services.contacts.create(nickname="阿强")
    ids = []
    for i in range(11):
        cut = i == 9
        result = services.helps.create(direction="given", kind="bargain_cut" if cut else "share",
                                       contact="小美" if i % 2 else "阿强", group="宝妈拼团群",
                                       amount_fen=1250 if cut else None)
        assert result.entity_id is not None
        ids.append(result.entity_id)
        clock.advance(hours=3)
    return ids


def test_each_tier_names_the_fact_that_crossed_its_threshold(services: Services, clock: FixedClock) -> None:
    _eleven_helps(services, clock)
    detail = services.game.badge_detail("helping-hand")
    assert detail["title"] == "Helping Hand" and detail["progress"] == 11 and detail["earned_tier"] == 2
    assert detail["next"] == {"tier": 3, "name": "gold", "threshold": 50}
    first, second, third = detail["levels"][:3]
    assert (first["tier"], first["threshold"], first["earned"]) == (1, 1, True)
    assert first["at"] == "2026-11-25T12:00:00Z"  # the first help
    assert first["by"]["type"] == "help.given" and first["by"]["kind"] == "share"
    assert (first["by"]["contact"], first["by"]["group"]) == ("阿强", "宝妈拼团群")
    assert (second["threshold"], second["at"]) == (10, "2026-11-26T15:00:00Z")  # the tenth, 27 hours on
    assert second["by"]["kind"] == "bargain_cut" and second["by"]["amount_fen"] == 1250
    assert (second["by"]["contact"], second["by"]["group"], second["by"]["deal"]) == ("小美", "宝妈拼团群", None)
    assert second["quest"] is None
    assert third == {"tier": 3, "name": "gold", "threshold": 50, "earned": False, "at": None, "recorded_at": None,
                     "by": None, "quest": None}
    assert [level["threshold"] for level in detail["levels"]] == [1, 10, 50, 200, 1000]


def test_a_correction_moves_the_award_to_the_fact_that_now_crosses_it(services: Services,
                                                                        clock: FixedClock) -> None:
    """Deleting the help that took the badge over 10 makes the eleventh the one: the game replays, and the detail
    reads the award the replay wrote (the same as a rebuild from nothing gives)."""
    ids = _eleven_helps(services, clock)
    services.helps.delete(str(ids[9]))
    detail = services.game.badge_detail("helping-hand")
    second = detail["levels"][1]
    assert second["earned"] and second["at"] == "2026-11-26T18:00:00Z"  # the eleventh help
    assert second["by"]["at"] == second["at"] and (second["by"]["kind"], second["by"]["contact"]) == ("share", "阿强")
    services.game.recompute()
    assert services.game.badge_detail("helping-hand") == detail


def test_money_badges_keep_fen_and_hidden_ones_keep_their_secret(services: Services, clock: FixedClock) -> None:
    _eleven_helps(services, clock)
    money = services.game.badge_detail("price-slasher")
    assert money["unit"] == "fen" and 0 < money["progress"] <= 1250  # fair play may count less of one cut
    assert [level["threshold"] for level in money["levels"]] == [1000, 5000, 20000, 100000]  # fen, as stored
    assert money["next"] == {"tier": 1, "name": "bronze", "threshold": 1000}
    secret = services.game.badge_detail("unbroken")  # hidden, not earned: nothing that would give it away
    assert secret["title"] is None and secret["description"] is None
    assert secret["tiers"] == [] and secret["levels"] == [] and secret["next"] is None
    with pytest.raises(InvalidInput, match="No badge 'nope'"):
        services.game.badge_detail("nope")


def test_every_award_of_a_demo_names_its_fact_and_a_quest_only_when_its_reward(tmp_path: Path,
                                                                                 clock: FixedClock) -> None:
    folder = tmp_path / "demo"
    create_demo_folder(folder, clock, activities=1500, seed=1)  # its "Give and Take" quest pays Clear Accounts
    store = Store.open(folder)
    try:
        services = Services(store, clock)
        game = services.game
        earned, by_quest = 0, []
        for badge in game.badges():
            detail = game.badge_detail(badge["id"])
            for level in detail["levels"]:
                assert level["earned"] == (level["tier"] <= badge["earned_tier"])
                if not level["earned"]:
                    continue
                earned += 1
                assert level["by"] is not None and level["by"]["at"] == level["at"], (badge["id"], level)
                if level["quest"] is not None:  # a quest gave it: one whose step or end pays this very badge
                    chains = [c for c in game.catalogue.chains if c.title.en == level["quest"]]
                    rewards = {s.reward.badge for c in chains for s in c.steps} | {c.reward.badge for c in chains}
                    assert badge["id"] in rewards
                    by_quest.append(badge["id"])
        assert earned > 10
        assert by_quest == ["fair-ledger"], "the demo's quest award (Clear Accounts, from Give and Take)"
    finally:
        store.close()
