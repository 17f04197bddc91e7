"""A quest step's goal and reward in plain words, for the Quests page: "3 helps you give (bargain cut), within 7
days", "+40 points · badge: Many Hands". Built from the goal itself (app.quests.schema.Goal), so a pack's steps are
said as well as the built-in ones."""

from __future__ import annotations

from typing import Any

from app.quests.schema import Goal
from app.services.game_views import measure_text
from app.ui.format import count_text
from app.ui.parts import deal_kind_labels, help_kind_labels, translate


def event_words() -> dict[str, str]:
    """What each activity type is, as counted ("helps you give")."""
    return {
        "help.given": translate("QuestWords", "helps you give"),
        "help.received": translate("QuestWords", "helps you receive"),
        "request.posted": translate("QuestWords", "requests you post"),
        "deal.started": translate("QuestWords", "deals you start"),
        "deal.joined": translate("QuestWords", "deals you join"),
        "deal.succeeded": translate("QuestWords", "deals that succeed"),
        "deal.cut": translate("QuestWords", "cuts of a bargain's price"),
        "group.joined": translate("QuestWords", "groups you add"),
        "contact.added": translate("QuestWords", "contacts you add"),
        "contact.trust_changed": translate("QuestWords", "changes of a contact's trust"),
        "ledger.settled": translate("QuestWords", "times you settle up"),
        "link.flagged": translate("QuestWords", "links you flag"),
        "privacy.preset_saved": translate("QuestWords", "share presets you save"),
        "export.made": translate("QuestWords", "exports you make"),
    }


def distinct_words() -> dict[str, str]:
    """What a ``distinct`` goal counts ("different people")."""
    return {
        "contact_id": translate("QuestWords", "different people"),
        "group_id": translate("QuestWords", "different groups"),
        "group_vertical": translate("QuestWords", "different kinds of group"),
    }


def _value_words(key: str, value: Any) -> str:
    """One ``where`` value as read: a help's or a deal's kind by its label, anything else as written."""
    labels = {"kind": help_kind_labels(), "deal_kind": deal_kind_labels()}.get(key, {})
    values = value if isinstance(value, list) else [value]
    return translate("QuestWords", " or ").join(labels.get(str(v), str(v)) for v in values)


def goal_words(goal: Goal) -> str:
    """What counts toward ``goal``, in one line of the window's language."""
    if goal.compare is not None:
        left = _leaf_name(goal.compare.left)
        right = _leaf_name(goal.compare.right)
        text = (translate("QuestWords", "more {left} than {right}") if goal.compare.op == ">"
                else translate("QuestWords", "at least as many {left} as {right}")).format(left=left, right=right)
        return _within(text, goal)
    if goal.all is not None:
        return translate("QuestWords", "; and ").join(goal_words(part) for part in goal.all)
    if goal.any is not None:
        return translate("QuestWords", "; or ").join(goal_words(part) for part in goal.any)
    name = _leaf_name(goal)
    if goal.streak_days is not None:
        text = translate("QuestWords", "{what}, on {days} days in a row").format(what=name, days=goal.streak_days)
    elif goal.sum is not None:
        amount = measure_text(goal.target, "fen" if goal.sum == "amount_fen" else "count")
        text = translate("QuestWords", "{what}, {amount} in all").format(what=name, amount=amount)
    elif goal.distinct is not None:
        people = distinct_words().get(goal.distinct, goal.distinct)
        text = translate("QuestWords", "{what}, for {count} {distinct}").format(
            what=name, count=count_text(goal.target), distinct=people)
    else:
        text = translate("QuestWords", "{what}: {count}").format(count=count_text(goal.target), what=name)
    return _within(text, goal)


def _leaf_name(goal: Goal) -> str:
    """The activity a leaf counts, with its conditions: "helps you give (Bargain cut)"."""
    name = event_words().get(goal.event or "", goal.event or "")
    conditions = [_value_words(key, value) for key, value in goal.where.items() if key in ("kind", "deal_kind")]
    if goal.where.get("in_window") is True:
        conditions.append(translate("QuestWords", "inside the group's hours"))
    if goal.where.get("over_limit") is False:
        conditions.append(translate("QuestWords", "within the group's daily limit"))
    roles = goal.where.get("group_role")
    if roles is not None:
        conditions.append(translate("QuestWords", "in groups you run") if "member" not in str(roles)
                          else translate("QuestWords", "in your groups"))
    if conditions:
        name = translate("QuestWords", "{what} ({which})").format(
            what=name, which=translate("QuestWords", ", ").join(conditions))
    return name


def _within(text: str, goal: Goal) -> str:
    if goal.within_days is None:
        return text
    return translate("QuestWords", "{what}, within {days} days").format(what=text, days=goal.within_days)


def reward_words(points: int, badge: str | None, own: bool = False) -> str:
    """A reward as read: "+40 points · badge: Many Hands"; a pack's points said to be the user's own."""
    parts = []
    if points:
        text = (translate("QuestWords", "+{points} points of your own") if own
                else translate("QuestWords", "+{points} points"))
        parts.append(text.format(points=count_text(points)))
    if badge:
        parts.append(translate("QuestWords", "badge: {badge}").format(badge=badge))
    return " · ".join(parts)
