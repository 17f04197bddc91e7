"""What History's Details column says beyond names and amounts: what an edit changed ("amount ¥5.00 → ¥8.00"),
what became of a fact (edited, deleted, merged…), the badge and level a game event names; every value in words of
the user's language (the enum values the log keeps, "bargain_cut", "gold", never show).

The words the pages already have are taken from the catalogue under the class that has them (see
:func:`app.ui.parts.translate`), so that History says "Trusted" or "Bargain cut" as the page it comes from does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from app.services.validate import label
from app.ui.format import local_time, money
from app.ui.parts import deal_kind_labels, help_kind_labels, translate

NOTE_SHOWN = 24  # characters of a note or name shown in a change before "…"
TIME_FIELDS = frozenset({"at", "joined_at", "left_at", "deadline", "started_at"})
TIER_NAMES = ("bronze", "silver", "gold", "platinum", "diamond")


def trust_labels() -> dict[str, str]:
    return {key: translate("ContactTableModel", text)
            for key, text in (("trusted", "Trusted"), ("normal", "Normal"), ("blocked", "Blocked"))}


def group_choice_labels() -> dict[str, dict[str, str]]:
    """A group's platform, vertical and role as the Groups page says them."""
    def words(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
        return {key: translate("GroupTableModel", text) for key, text in pairs}

    return {
        "platform": words((("wechat", "WeChat"), ("qq", "QQ"), ("dingtalk", "DingTalk"), ("other", "Other"))),
        "vertical": words((("mother_baby", "Mother & baby"), ("fresh_food", "Fresh food"), ("digital", "Digital"),
                           ("home", "Home"), ("beauty", "Beauty"), ("other", "Other"))),
        "my_role": words((("owner", "Owner"), ("admin", "Admin"), ("member", "Member"))),
    }


def deal_status_labels() -> dict[str, str]:
    return {key: translate("DealTableModel", key.capitalize())
            for key in ("open", "succeeded", "failed", "expired", "cancelled")}


def tier_labels() -> dict[str, str]:
    """A badge's tiers as the toast that gave them says them ("Gold", "金")."""
    return {name: translate("Toast", name.capitalize()) for name in TIER_NAMES}


class HistoryDetails(QObject):
    """Texts of History's Details column (a QObject for ``tr``: lupdate files them under this class)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields: dict[str, str] | None = None

    # -- what became of a fact -------------------------------------------------------------------------------

    def with_status(self, details: str, replaced_by: str | None) -> str:
        """``details`` followed by what replaced the fact: "(edited)", "(deleted)"… (as it was: no replacement)."""
        if not replaced_by:
            return details
        if replaced_by.endswith(".deleted"):
            status = self.tr("deleted")
        elif replaced_by == "contact.merged":
            status = self.tr("merged")
        elif replaced_by == "deal.cut_removed":
            status = self.tr("removed")
        elif replaced_by == "deal.reopened":
            status = self.tr("reopened")
        elif replaced_by.endswith(".edited") or "." in replaced_by:
            status = self.tr("edited")  # a correction, or the fact's new version (an edit of a help or request)
        else:
            status = self.tr("corrected")
        return self.tr("{details} ({status})").format(details=details, status=status).strip()

    # -- game events ----------------------------------------------------------------------------------------

    def badge(self, payload: dict[str, Any], titles: dict[str, str]) -> str:
        """"Helping Hand (Bronze)"."""
        ident = str(payload.get("achievement_id") or "")
        title = titles.get(ident, ident)
        tier = tier_labels().get(str(payload.get("tier_name") or ""))
        return self.tr("{badge} ({tier})").format(badge=title, tier=tier) if tier else title

    def level(self, payload: dict[str, Any]) -> str:
        return self.tr("Level {level}").format(level=payload.get("level", "?"))

    def merged(self, payload: dict[str, Any], kept: str | None) -> str:
        """"小美 merged into 美美"."""
        return self.tr("{merged} merged into {kept}").format(
            merged=payload.get("merged_nickname") or "—", kept=kept or "—")

    def trust_change(self, payload: dict[str, Any]) -> str:
        labels = trust_labels()
        old, new = payload.get("previous_trust"), payload.get("contact_trust")
        return self.change("trust", labels.get(str(old), "—"), labels.get(str(new), "—"))

    def reopened(self, payload: dict[str, Any]) -> str:
        status = deal_status_labels().get(str(payload.get("previous_status") or ""))
        return self.tr("was {status}").format(status=status) if status else ""

    # -- an edit's changes ----------------------------------------------------------------------------------

    def change(self, field: str, old: str, new: str) -> str:
        """"amount ¥5.00 → ¥8.00"."""
        return self.tr("{field} {old} → {new}").format(field=self.field(field), old=old, new=new)

    def field(self, name: str) -> str:
        """A field of a record as a change names it, in lower case ("amount", "contact")."""
        if self._fields is None:
            self._fields = {
                "contact_id": self.tr("contact"),
                "group_id": self.tr("group"),
                "deal_id": self.tr("deal"),
                "archived": self.tr("archived"),
                "mine": self.tr("started by me"),
                "groups": self.tr("groups"),
                "tiers": self.tr("price tiers"),
                "windows": label("window"),
                "my_role": label("role"),
                "daily_request_limit": label("request limit"),
                "wechat_id": label("WeChat ID"),
                "participants_needed": label("participants needed"),
                "participants_joined": label("participants joined"),
            }
        return self._fields.get(name) or label(name)

    def changes(self, entity: str, changes: dict[str, Any], names: Callable[[str, Any], str | None],
                tz: dt.tzinfo, now: dt.datetime) -> list[str]:
        """One "field old → new" per changed field, in the order the edit wrote them; ``names(kind, id)`` finds a
        group's, contact's or deal's name."""
        texts = []
        for field, pair in changes.items():
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                continue
            old, new = (self.value(entity, field, v, names, tz, now) for v in pair)
            texts.append(self.change(field, old, new))
        return texts

    def value(self, entity: str, field: str, value: Any, names: Callable[[str, Any], str | None],
              tz: dt.tzinfo, now: dt.datetime) -> str:
        """One value of a change in words: money in yuan, names for ids, labels for choices, local times."""
        if value is None or value == "" or value == []:
            return "—"
        if field.endswith("_fen"):
            return money(int(value))
        if field in ("contact_id", "group_id", "deal_id"):
            return names(field.removesuffix("_id"), value) or self.tr("a deleted record")
        if field in TIME_FIELDS:
            return local_time(str(value), tz, now)
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        choices = self._choices(entity, field)
        if choices is not None:
            return choices.get(str(value), str(value).replace("_", " "))
        if field == "groups" and isinstance(value, list):
            return self.tr(", ").join(names("group", g) or self.tr("a deleted record") for g in value)
        if field == "tiers" and isinstance(value, list):
            return self.tr("; ").join(self._tier(t) for t in value)
        if isinstance(value, list):
            return self.tr(", ").join(str(v) for v in value)
        text = str(value)
        if isinstance(value, str):
            text = " ".join(text.split())
            text = text if len(text) <= NOTE_SHOWN else text[: NOTE_SHOWN - 1] + "…"
            return self.tr("“{text}”").format(text=text)
        return text

    def _tier(self, tier: Any) -> str:
        if isinstance(tier, list | tuple) and len(tier) == 2:
            people, fen = tier
            return self.tr("{people} people {price}").format(people=people, price=money(int(fen)))
        return str(tier)

    @staticmethod
    def _choices(entity: str, field: str) -> dict[str, str] | None:
        if field == "kind":
            return deal_kind_labels() if entity == "deal" else help_kind_labels()
        if field == "direction":
            return {"given": translate("ExchangeTableModel", "You helped"),
                    "received": translate("ExchangeTableModel", "Helped you")}
        if field == "trust":
            return trust_labels()
        if field == "status":
            return deal_status_labels()
        return group_choice_labels().get(field)
