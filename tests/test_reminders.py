"""Reminders (app.services.reminders): deals ending within two hours, help owed for over a week, the daily quest in
the evening; each fires once, never in quiet hours, and after them only if still due. A fake clock moves."""

from __future__ import annotations

import datetime as dt

from app import i18n
from app.clock import FixedClock
from app.quiet import in_quiet_hours
from app.services import Services
from app.services.reminders import MAX_FIRED, NEW_PER_CHECK, OWED_PER_DAY, FiredKeys, Reminder, due

QUIET_FROM, QUIET_TO = dt.time(22, 30), dt.time(8, 0)


def check(services: Services, fired: FiredKeys) -> list[Reminder]:
    """One check as the window does it each minute: read what is due, show what was not shown, outside quiet hours."""
    now, reminders = due(services)
    local = now.astimezone(services.clock.tz).time()
    return fired.take(reminders, now, quiet=in_quiet_hours(local, QUIET_FROM, QUIET_TO))


def deal(services: Services, clock: FixedClock, title: str, hours: float) -> str:
    result = services.deals.create(kind="bargain", title=title, original_fen=59900, target_fen=9900,
                                   deadline=clock.now() + dt.timedelta(hours=hours))
    return str(result.entity_id)


def test_a_deal_two_hours_from_its_deadline_fires_once(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)  # 12:00 in Shanghai: not quiet
    deal_id = deal(services, clock, "婴儿推车", hours=3)
    fired = FiredKeys()
    assert check(services, fired) == []  # three hours left: not yet
    clock.advance(hours=1)  # exactly two hours left
    shown = check(services, fired)
    assert [(r.kind, r.target, r.target_id) for r in shown] == [("deal-ending", "deal", deal_id)]
    assert shown[0].text() == "“婴儿推车” ends in 2 h 0 min."
    assert shown[0].title() == "A deal ends soon"
    clock.advance(minutes=1)
    assert check(services, fired) == []  # not again on the next check
    clock.advance(minutes=50)
    assert check(services, fired) == []
    # Kept as a setting would keep it, then read back: still fired.
    again = FiredKeys(fired.as_dict())
    assert check(services, again) == []


def test_no_reminder_for_a_closed_deal_or_one_that_ended(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)
    closed = deal(services, clock, "已成功的砍价", hours=1)
    services.deals.set_status(closed, "succeeded")
    deal(services, clock, "远的砍价", hours=5)
    fired = FiredKeys()
    assert check(services, fired) == []
    clock.advance(hours=6)  # the far one passed its deadline without a check in its last two hours
    assert check(services, fired) == []


def test_quiet_hours_hold_a_reminder_until_they_end_if_still_due(services: Services, clock: FixedClock) -> None:
    # 23:00 in Shanghai, inside 22:30–08:00.
    clock.current = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
    late = deal(services, clock, "半夜截止", hours=1.5)  # ends at 00:30, in the quiet hours
    morning = deal(services, clock, "早上截止", hours=10)  # ends at 09:00
    fired = FiredKeys()
    assert check(services, fired) == []  # quiet
    assert len(fired) == 0  # and not counted as shown
    clock.advance(hours=8, minutes=30)  # 07:30: still quiet; the deal ending at 09:00 is due now
    assert check(services, fired) == []
    clock.advance(minutes=30)  # 08:00: the quiet hours are over
    shown = check(services, fired)
    assert [r.target_id for r in shown] == [morning]  # the one that ended at night is not shown any more
    assert late not in {r.target_id for r in shown}
    clock.advance(minutes=1)
    assert check(services, fired) == []


def test_help_owed_for_more_than_a_week(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 20, 4, 0, tzinfo=dt.UTC)  # 12:00 in Shanghai
    services.contacts.create(nickname="小美")
    services.contacts.create(nickname="阿强")
    helper = str(services.queries.contacts()[1]["id"])
    assert services.queries.contacts()[1]["nickname"] == "小美"
    services.helps.create(direction="received", kind="bargain_cut", contact="小美", amount_fen=830)
    services.helps.create(direction="received", kind="boost_click", contact="阿强")
    clock.advance(days=1)
    services.helps.create(direction="given", kind="boost_click", contact="阿强")  # returned: 阿强 is owed nothing
    fired = FiredKeys()
    clock.advance(days=6)  # six days and a bit since 小美's help: not yet overdue... (7 days to the minute)
    assert check(services, fired) == []
    clock.advance(days=1, minutes=1)  # more than a week
    shown = check(services, fired)
    assert [(r.kind, r.target, r.target_id) for r in shown] == [("owed", "contact", helper)]
    assert shown[0].text() == "小美 helped you 8 days ago and is still waiting for a favour back."
    assert shown[0].key == f"owed:{helper}:2026-11-20"
    clock.advance(hours=1)
    assert check(services, fired) == []  # once
    services.helps.create(direction="given", kind="bargain_cut", contact="小美")
    clock.advance(days=10)
    assert check(services, fired) == []  # returned: nothing owed


def test_the_oldest_help_not_returned_counts(services: Services, clock: FixedClock) -> None:
    """Two helps received, one returned: the one still open is the second, and the week runs from it."""
    clock.current = dt.datetime(2026, 11, 1, 4, 0, tzinfo=dt.UTC)
    services.contacts.create(nickname="小美")
    services.helps.create(direction="received", kind="share", contact="小美")
    clock.advance(days=5)
    services.helps.create(direction="received", kind="share", contact="小美")
    services.helps.create(direction="given", kind="share", contact="小美")
    fired = FiredKeys()
    clock.advance(days=6)  # 11 days since the first, 6 since the second (still open)
    assert check(services, fired) == []
    clock.advance(days=2)
    shown = check(services, fired)
    assert [r.key.rsplit(":", 1)[1] for r in shown] == ["2026-11-06"]


def _start_the_game(services: Services) -> None:
    """First steps done (a group, a contact, a help given): the daily quests open from then on."""
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")


def test_a_daily_quest_not_done_by_the_evening(services: Services, clock: FixedClock) -> None:
    _start_the_game(services)
    clock.current = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)  # the next day, 10:00 in Shanghai
    fired = FiredKeys()
    assert check(services, fired) == []  # the morning: no nudge
    clock.advance(hours=9)  # 19:00
    shown = check(services, fired)
    assert [(r.kind, r.target, r.key) for r in shown] == [("daily", "quests", "daily:2026-11-26")]
    open_daily = {c["title"] for c in services.game.quests() if c["repeat"] == "daily" and c["status"] == "active"}
    assert open_daily == set(shown[0].facts["titles"])
    assert shown[0].text().startswith(f"Not done yet today: “{shown[0].facts['titles'][0]}”")
    clock.advance(hours=1)
    assert check(services, fired) == []  # once a day
    clock.advance(days=1)  # the next evening (20:00): a new day's reminder
    assert [r.key for r in check(services, fired)] == ["daily:2026-11-27"]


def test_a_daily_quest_done_is_not_named(services: Services, clock: FixedClock) -> None:
    _start_the_game(services)
    clock.current = dt.datetime(2026, 11, 26, 11, 30, tzinfo=dt.UTC)  # 19:30 the next day
    services.helps.create(direction="given", kind="share", contact="小美", group="宝妈拼团群")  # One Good Turn: done
    shown = check(services, FiredKeys())
    assert len(shown) == 1
    assert "daily-good-turn" not in shown[0].facts["ids"]
    assert set(shown[0].facts["ids"]) == {
        c["id"] for c in services.game.quests() if c["repeat"] == "daily" and c["status"] == "active"}


def test_no_daily_reminder_before_the_game_opens_the_daily_quests(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)  # 20:00, nothing recorded: dailies locked
    assert check(services, FiredKeys()) == []


def test_texts_follow_the_language_in_force(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)
    deal(services, clock, "婴儿推车", hours=0.5)
    _, reminders = due(services)
    i18n.set_language("zh_CN")
    text = reminders[0].text()
    assert "婴儿推车" in text and "ends in" not in text


def test_fired_keys_stay_bounded_and_forget_old_ones() -> None:
    now = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)
    fired = FiredKeys({"old": "2026-09-01T00:00:00Z", "bad": "not a time"})
    assert "old" in fired and "bad" not in fired
    many = [Reminder(f"deal-ending:{i}:2026-11-25T05:00:00Z", "deal-ending", "deal", str(i))
            for i in range(MAX_FIRED + 50)]
    for minute in range(MAX_FIRED // NEW_PER_CHECK + 10):
        assert len(fired.take(many, now + dt.timedelta(minutes=minute), quiet=False)) <= NEW_PER_CHECK
    assert len(fired) == MAX_FIRED and "old" not in fired


def test_a_wall_of_reminders_comes_a_few_a_minute_and_none_twice() -> None:
    """Found by the review: 1,500 deals ending at once fired 1,500, then the 500 the bound had dropped, again
    every minute."""
    now = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)
    fired = FiredKeys()
    many = [Reminder(f"deal-ending:{i}:2026-11-25T05:00:00Z", "deal-ending", "deal", str(i)) for i in range(1500)]
    seen: list[str] = []
    for minute in range(200):
        seen += [r.key for r in fired.take(many, now + dt.timedelta(minutes=minute), quiet=False)]
    assert len(seen) == len(set(seen)) == 1500


def test_a_long_list_of_debts_comes_a_few_a_day_the_longest_waiting_first(
        services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 10, 1, 4, 0, tzinfo=dt.UTC)
    names = [f"群友{i}" for i in range(OWED_PER_DAY + 2)]
    for name in names:
        services.contacts.create(nickname=name)
        services.helps.create(direction="received", kind="share", contact=name)
        clock.advance(hours=1)
    clock.advance(days=10)
    fired = FiredKeys()
    first = check(services, fired)
    assert [r.facts["nickname"] for r in first] == names[:OWED_PER_DAY]
    clock.advance(hours=2)
    assert check(services, fired) == []  # the day's few were shown
    clock.advance(days=1)
    assert [r.facts["nickname"] for r in check(services, fired)] == names[OWED_PER_DAY:]


def test_settling_up_ends_the_debt(services: Services, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 11, 1, 4, 0, tzinfo=dt.UTC)
    services.contacts.create(nickname="小美")
    services.helps.create(direction="received", kind="share", contact="小美")
    clock.advance(days=3)
    services.ledger.settle("小美", how="hongbao", amount_fen=500)
    clock.advance(days=10)
    assert check(services, FiredKeys()) == []
    services.helps.create(direction="received", kind="share", contact="小美")  # a new debt after the settlement
    clock.advance(days=8)
    assert [r.key.rsplit(":", 1)[1] for r in check(services, FiredKeys())] == ["2026-11-14"]
