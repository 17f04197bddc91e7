"""Share presets: for each sensitivity class, keep, generalise or drop. Three built in; the user saves more."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from app.errors import InvalidInput
from app.i18n import translate
from app.privacy.classes import Sensitivity


class Action(enum.StrEnum):
    keep = "keep"
    generalise = "generalise"
    drop = "drop"


@dataclass(frozen=True)
class Preset:
    name: str
    safe: Action
    personal: Action
    third_party: Action
    built_in: bool = False

    def action(self, sensitivity: Sensitivity) -> Action:
        return Action(getattr(self, sensitivity.value))

    @property
    def is_backup(self) -> bool:
        """Everything kept: a file the user can restore from (any other holds pseudonyms or gaps)."""
        return all(self.action(s) == Action.keep for s in Sensitivity)

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "safe": self.safe.value, "personal": self.personal.value,
                "third_party": self.third_party.value}


BUILT_IN = {
    p.name: p
    for p in (
        Preset("backup", Action.keep, Action.keep, Action.keep, built_in=True),
        Preset("friends", Action.keep, Action.generalise, Action.generalise, built_in=True),
        Preset("public", Action.keep, Action.drop, Action.drop, built_in=True),
    )
}

NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def check_name(name: str) -> str:
    """A custom preset's name: lower-case letters, digits, ``-`` and ``_`` (it is typed after ``--preset``)."""
    text = name.strip() if isinstance(name, str) else ""
    if not NAME_RE.fullmatch(text):
        raise InvalidInput(translate(
            "privacy", "A preset's name is 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or "
            "digit."), "name")
    if text in BUILT_IN:
        raise InvalidInput(translate("privacy", "'{name}' is a built-in preset; choose another name.").format(
            name=text), "name")
    return text


def check_action(value: str, field: str) -> Action:
    try:
        return Action(str(value).strip().lower().replace("generalize", "generalise"))
    except ValueError:
        raise InvalidInput(translate("privacy", "{field} must be keep, generalise or drop.").format(
            field=field), field) from None


def describe(preset: Preset) -> list[str]:
    """What the preset shares, in plain words, one line per class."""
    words = {
        Sensitivity.safe: {
            Action.keep: translate("privacy", "Counts, kinds, levels, points and badges: shared."),
            Action.generalise: translate("privacy", "Counts, kinds, levels, points and badges: shared."),
            Action.drop: translate("privacy", "Counts, kinds, levels, points and badges: left out."),
        },
        Sensitivity.personal: {
            Action.keep: translate("privacy", "Your group names, deal titles, notes, amounts and exact times: shared."),
            Action.generalise: translate(
                "privacy", "Your groups shown by their kind, deal titles and notes left out, times to the day."),
            Action.drop: translate("privacy", "Your groups, deals, notes, amounts and times: left out."),
        },
        Sensitivity.third_party: {
            Action.keep: translate(
                "privacy", "Other people's nicknames, WeChat IDs, phone numbers, notes and full links: shared."),
            Action.generalise: translate(
                "privacy", "Other people as pseudonyms (\"Member #…\"); their handles and notes left out; links "
                "keep only the product's id."),
            Action.drop: translate("privacy", "Other people and links: left out."),
        },
    }
    return [words[s][preset.action(s)] for s in Sensitivity]
