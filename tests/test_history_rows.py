"""History's rows after undos, edits and deletions (issue 12): an Undo leaves no row, every superseded fact says
what replaced it, a deleted record keeps its name, and the game says what a correction took back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.clock import FixedClock
from app.services import Services
from app.services.history import HistoryFilter, HistoryQuery

EVERYTHING = HistoryFilter()


@pytest.fixture
def world(services: Services, clock: FixedClock) -> Services:
    return new_user(services, clock)


def new_user(services: Services, clock: FixedClock) -> Services:
    """A group, two contacts and a bargain of the user's own, each a minute apart (the log's order is clear); no
    help yet."""
    services.groups.create(name="宝妈拼团群", vertical="mother_baby")
    clock.advance(minutes=1)
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    clock.advance(minutes=1)
    services.contacts.create(nickname="小红")
    clock.advance(minutes=1)
    services.deals.create(kind="bargain", title="婴儿推车", group="宝妈拼团群", mine=True,
                          original_fen=59900, target_fen=9900, deadline=clock.now() + dt.timedelta(days=1))
    clock.advance(minutes=1)
    return services


def history(services: Services, f: HistoryFilter = EVERYTHING) -> list[dict[str, Any]]:
    query = HistoryQuery(services.store, services.clock)
    rows = query.page(f, None, 1000)
    assert query.count(f) == len(rows)  # the count leaves out what the rows leave out
    return rows


def types(rows: list[dict[str, Any]]) -> list[str]:
    return [r["type"] for r in rows if r["kind"] != "derived"]


def test_an_undo_leaves_no_row_and_the_log_keeps_everything(world: Services, clock: FixedClock) -> None:
    before = types(history(world))
    result = world.helps.create(direction="received", kind="bargain_cut", contact="小美", deal="婴儿推车",
                                amount_fen=830)
    clock.advance(minutes=1)
    assert types(history(world))[:2] == ["help.received", "deal.cut"]
    world.helps.delete(str(result.entity_id), undo=True)

    # Neither the help, nor the cut it made on the deal, nor their undoing: History is as before the help.
    assert types(history(world)) == before
    for f in (HistoryFilter(types=("help.received", "help.deleted")), HistoryFilter(kinds=("correction",)),
              HistoryFilter(types=("deal.cut", "deal.cut_removed"))):
        assert history(world, f) == [], f
    # The log itself keeps all four (export and the game read it), the undoing marked as such.
    logged = {a["type"]: a for a in world.queries.activities(limit=10)}
    assert {"help.received", "help.deleted", "deal.cut", "deal.cut_removed"} <= logged.keys()
    assert logged["help.deleted"]["payload"]["undo"] is True
    assert logged["deal.cut_removed"]["payload"]["undo"] is True


def test_an_undone_request_leaves_no_row_beside_a_deleted_one(world: Services) -> None:
    before = history(world)
    result = world.requests.create(group="宝妈拼团群")
    world.requests.delete(str(result.entity_id), undo=True)
    assert [r["id"] for r in history(world)] == [r["id"] for r in before]


def test_the_blocks_read_anywhere_leave_out_what_an_undo_took_back(world: Services, clock: FixedClock) -> None:
    for i in range(30):
        result = world.helps.create(direction="given", kind="share", contact="小美", note=f"n{i}")
        clock.advance(minutes=1)
        if i % 3 == 0:
            world.helps.delete(str(result.entity_id), undo=True)
            clock.advance(minutes=1)
    query = HistoryQuery(world.store, world.clock)
    f = HistoryFilter(types=("help.given", "help.deleted"))
    total = query.count(f)
    assert total == 20
    whole = query.page(f, None, 100)
    # a block after an anchor, one far from any, and one read from the oldest end: the same rows
    assert query.rows(f, 5, 5, {4: (dt.datetime.fromisoformat(whole[4]["at"]), whole[4]["seq"])}, total) == whole[5:10]
    assert [r["id"] for r in query.rows(f, 8, 4, {}, total)] == [r["id"] for r in whole[8:12]]
    assert [r["id"] for r in query.oldest(f, 3)] == [r["id"] for r in whole[-3:]]


def test_a_deletion_keeps_both_rows_and_each_fact_says_what_replaced_it(world: Services, clock: FixedClock) -> None:
    result = world.helps.create(direction="given", kind="bargain_cut", contact="小美", amount_fen=500)
    clock.advance(minutes=1)
    world.helps.edit(str(result.entity_id), amount_fen=800, contact="小红")
    clock.advance(minutes=1)
    world.helps.delete(str(result.entity_id))
    rows = [r for r in history(world) if r["entity_id"] == str(result.entity_id)]
    # The edit's new version keeps the help's time: both versions sit under the edit and the deletion.
    assert [r["type"] for r in rows] == ["help.deleted", "help.edited", "help.given", "help.given"]
    deleted, edited, newer, older = rows
    assert "undo" not in deleted["payload"]
    assert newer["replaced_by_type"] == "help.deleted"
    assert older["replaced_by_type"] == "help.given"  # its new version: an edit
    # The edit's row knows whose help it was before: the old fact's snapshot.
    contacts = {c["nickname"]: c["id"] for c in world.queries.contacts()}
    assert edited["corrected_payload"]["contact_id"] == str(contacts["小美"])
    assert edited["payload"]["changes"]["amount_fen"] == [500, 800]


def test_deleted_and_merged_records_keep_their_names(world: Services) -> None:
    groups = {g["name"]: g["id"] for g in world.queries.groups()}
    contacts = {c["nickname"]: c["id"] for c in world.queries.contacts()}
    world.groups.create(name="临时群")
    temporary = next(g["id"] for g in world.queries.groups() if g["name"] == "临时群")
    world.groups.delete("临时群")
    world.contacts.merge("小美", "小红")
    world.deals.delete("婴儿推车")
    gone = HistoryQuery(world.store, world.clock).gone_names()
    assert gone["group"] == {str(temporary): "临时群"}
    assert gone["contact"] == {str(contacts["小红"]): "小红"}
    assert list(gone["deal"].values()) == ["婴儿推车"]
    assert str(groups["宝妈拼团群"]) not in gone["group"]


# == what the game says of a correction ======================================================================


def only_help(services: Services) -> Any:
    """The first help of a new user: it completes the first quest, earns a badge and level 2."""
    result = services.helps.create(direction="given", kind="share", contact="小美")
    assert services.game.score()["level"] == 2
    return result


def lost(result: Any) -> set[tuple[str, Any]]:
    return {(e["type"], e.get("achievement_id") or e.get("chain_id") or e.get("level")) for e in result.news.lost}


@pytest.mark.parametrize("undo", [False, True])
def test_deleting_the_only_help_says_what_the_game_took_back(world: Services, undo: bool) -> None:
    result = only_help(world)
    earned = {(e["type"], e.get("achievement_id") or e.get("chain_id") or e.get("level")) for e in result.game}
    deleted = world.helps.delete(str(result.entity_id), undo=undo)
    assert world.game.score()["level"] == 1
    assert {("level.reached", 2), ("quest.completed", "first-steps"), ("achievement.unlocked", "helping-hand")} \
        <= lost(deleted)
    assert lost(deleted) == earned  # exactly what the help gave: nothing earned before it
    assert deleted.game == []


def test_an_edit_that_gives_back_what_it_took_says_nothing(world: Services) -> None:
    result = only_help(world)
    edited = world.helps.edit(str(result.entity_id), note="a coffee", amount_fen=300)
    # The new version of the fact earns the same steps, badge and level again: neither gained nor lost.
    assert edited.game == [] and edited.news.lost == []
    assert world.game.score()["level"] == 2


def test_an_edit_that_changes_what_counts_says_what_it_took_and_gave(world: Services) -> None:
    result = world.helps.create(direction="given", kind="bargain_cut", contact="小美", amount_fen=500)
    cut_badges = {e["achievement_id"] for e in result.game if e["type"] == "achievement.unlocked"}
    edited = world.helps.edit(str(result.entity_id), kind="boost_click")
    taken = {e["achievement_id"] for e in edited.news.lost if e["type"] == "achievement.unlocked"}
    assert taken and taken <= cut_badges  # the bargain badge, not the first help's
    assert "helping-hand" not in taken
    assert all(e["type"] != "achievement.unlocked" or e["achievement_id"] != "helping-hand" for e in edited.game)
