"""What the player sees of the game's state: a quest chain's status and steps (badges, points and the score are
read in :class:`~app.services.game.GameService` itself)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import translate
from app.quests import goals
from app.quests.catalogue import Catalogue
from app.quests.engine import Engine, State, period_of
from app.quests.schema import Chain


def chain_view(engine: Engine, catalogue: Catalogue, cache: State, chain: Chain, today: dt.date,
               lang: str) -> dict[str, Any]:
    """One chain as ``quests --json`` shows it: its status, why it is locked, and each step's progress."""
    reason = engine.locked_reason(cache, chain)
    state = cache.get(f"chain:{chain.id}:{period_of(chain, today)}")
    done = bool(state and state["done"])
    current = len(chain.steps) if done else (state["step"] if state else 0)
    steps = []
    for index, step in enumerate(chain.steps):
        if index < current:
            status, (progress, target) = "done", (step.goal.target, step.goal.target)
        elif index == current and reason is None:
            status, (progress, target) = "active", goals.progress(step.goal, state["goal"] if state else None)
        else:
            status, (progress, target) = "locked", goals.progress(step.goal, None)
        if status == "done":
            progress, target = goals.progress(step.goal, None)[1], goals.progress(step.goal, None)[1]
        steps.append({"id": step.id, "title": step.title.get(lang), "status": status,
                      "progress": progress, "target": target, "unit": goals.unit(step.goal)})
    return {
        "id": chain.id,
        "title": chain.title.get(lang),
        "story": chain.story.get(lang),
        "status": "locked" if reason else ("done" if done else "active"),
        "locked_reason": reason_text(catalogue, reason, lang),
        "repeat": chain.repeat,
        "installed": chain.id in catalogue.installed,
        "steps": steps,
    }


def reason_text(catalogue: Catalogue, reason: str | None, lang: str) -> str | None:
    """Why a chain is locked, in words: a level to reach, or the chains to complete first."""
    if reason is None:
        return None
    kind, _, value = reason.partition(":")
    if kind == "level":
        return translate("quests", "Reach level {level}.").format(level=value)
    titles = []
    for chain_id in value.split(","):
        chain = catalogue.chain(chain_id)
        titles.append(chain.title.get(lang) if chain else chain_id)
    # A title quoted and a list joined as each language does: 请先完成「好邻居」、「新手上路」。
    quoted = [translate("quest title in a sentence", "{title}").format(title=title) for title in titles]
    return translate("quests", "Complete {chains} first.").format(
        chains=translate("quest titles in a sentence", ", ").join(quoted))


def step_progress(step: dict[str, Any]) -> str:
    """A step's progress as read: money in yuan (``¥4.30/¥10.00``), anything else as counted (``2/3``)."""
    return f"{measure_text(step['progress'], step.get('unit'))}/{measure_text(step['target'], step.get('unit'))}"


def measure_text(value: int, unit: str | None) -> str:
    """A count or a sum as read: money (``fen``) in yuan (``¥1,000.00``), anything else with its digits grouped."""
    if unit == "fen":
        return f"¥{value // 100:,}.{value % 100:02d}"
    return f"{value:,}"
