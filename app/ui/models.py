"""Qt item models of the Today page (ledger balances, deals near their deadline, the latest activities); their base
is :mod:`app.ui.rows_model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from app.privacy.link_words import verdict_text
from app.text import shown
from app.ui.format import count_text, local_time, money, signed, time_left
from app.ui.parts import (
    LEFT,
    MUTED_COLOR,
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    balance_color,
    deal_kind_labels,
    help_kind_labels,
    settle_how_labels,
)
from app.ui.rows_model import NO_KEY, RowsModel, TimedRowsModel


class _BalanceModel(TimedRowsModel):
    """Under Today's and the Ledger's balance tables: counts, signed balance and yuan, right-aligned, coloured."""

    NAME_KEY = "name"
    KEY = "contact_id"
    COL_NAME, COL_BALANCE, COL_GIVEN, COL_RECEIVED, COL_GIVEN_FEN, COL_RECEIVED_FEN = range(6)
    COLUMN_COUNT = 6

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._replace([dict(r) for r in rows])

    def name(self, row: dict[str, Any]) -> str:
        return str(row[self.NAME_KEY])

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        return {
            self.COL_NAME: lambda: self.name(row),
            self.COL_BALANCE: lambda: signed(row["balance"]),
            self.COL_GIVEN: lambda: str(row["given_count"]),
            self.COL_RECEIVED: lambda: str(row["received_count"]),
            self.COL_GIVEN_FEN: lambda: money(row["given_fen"]),
            self.COL_RECEIVED_FEN: lambda: money(row["received_fen"]),
        }.get(col, lambda: None)()

    def _sort(self, row: dict[str, Any], col: int) -> Any:
        keys = {self.COL_BALANCE: "balance", self.COL_GIVEN: "given_count", self.COL_RECEIVED: "received_count",
                self.COL_GIVEN_FEN: "given_fen", self.COL_RECEIVED_FEN: "received_fen"}
        return row[keys[col]] if col in keys else self._display(row, col)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.COL_NAME:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_BALANCE:
                return balance_color(row["balance"])
            if row.get("archived"):
                return MUTED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_BALANCE:
            return self.tr("Helps given minus helps received since the last settlement")
        return None


class BalanceTableModel(_BalanceModel):
    """Per-contact reciprocity balances (``services.ledger.summary()["contacts"]``), each row's verdict its tooltip."""

    NAME_KEY = "nickname"
    COL_CONTACT = _BalanceModel.COL_NAME

    def _headers(self) -> Sequence[str]:
        return (
            self.tr("Contact"), self.tr("Balance"), self.tr("Given"), self.tr("Received"),
            self.tr("Cut for them"), self.tr("Cut for you"),
        )

    def name(self, row: dict[str, Any]) -> str:
        name = str(row["nickname"])
        if row.get("trust") == "blocked":
            return self.tr("{name} (blocked)").format(name=name)
        return name

    def _sort(self, row: dict[str, Any], col: int) -> Any:
        return row["nickname"] if col == self.COL_CONTACT else super()._sort(row, col)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if col == self.COL_CONTACT else RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return balance_color(row["balance"]) if col == self.COL_BALANCE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return super()._data(row, col, role)

    def _tooltip(self, row: dict[str, Any]) -> str:
        if row["balance"] > 0:
            verdict = self.tr("You helped {name} more often than they helped you.").format(name=row["nickname"])
        elif row["balance"] < 0:
            verdict = self.tr("{name} helped you more often than you helped them.").format(name=row["nickname"])
        else:
            verdict = self.tr("You and {name} are even.").format(name=row["nickname"])
        amounts = self.tr("Cut for them: {given} · Cut for you: {received}").format(
            given=money(row["given_fen"]), received=money(row["received_fen"])
        )
        return f"{verdict}\n{amounts}"


class DueDealsModel(TimedRowsModel):
    """Open deals whose deadline is near (``services.queries.deals_due``), soonest first."""

    COL_TITLE, COL_KIND, COL_PROGRESS, COL_DEADLINE, COL_LEFT = range(5)
    COLUMN_COUNT = 5

    def _headers(self) -> Sequence[str]:
        return (self.tr("Deal"), self.tr("Kind"), self.tr("Progress"), self.tr("Deadline"), self.tr("Left"))

    def kind_label(self, kind: str | None) -> str:
        return deal_kind_labels().get(kind or "", kind or "")

    def set_rows(self, rows: Sequence[dict[str, Any]], tz: dt.tzinfo, now: dt.datetime) -> None:
        self.set_time(tz, now)
        self._replace([dict(r) for r in rows])

    def progress(self, row: dict[str, Any]) -> str:
        # The rows come from the services, so they are loaded by now (the window paints before they are).
        from app.services.deal_values import join_progress, price_now

        if row.get("kind") == "bargain":
            current = price_now(row)
            if row.get("target_fen") is None:
                return money(current)
            return self.tr("{current} → {target}").format(current=money(current), target=money(row["target_fen"]))
        joined = join_progress(row) if row.get("kind") == "group_buy" else None
        if joined is not None:
            return self.tr("{joined} of {needed} joined").format(joined=joined.done, needed=joined.total)
        return ""

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_TITLE:
                return row["title"]
            if col == self.COL_KIND:
                return self.kind_label(row.get("kind"))
            if col == self.COL_PROGRESS:
                return self.progress(row)
            if col == self.COL_DEADLINE:
                return local_time(row.get("deadline"), self._tz, self._now)
            if col == self.COL_LEFT:
                return time_left(row.get("deadline"), self._now)
            return None
        if role == SORT_ROLE:
            if col in (self.COL_DEADLINE, self.COL_LEFT):
                return row.get("deadline")
            return self._data(row, col, Qt.ItemDataRole.DisplayRole)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_TITLE:
            return self.tr("{kind}: {title}").format(kind=self.kind_label(row.get("kind")), title=row["title"])
        return None


class ActivityTableModel(RowsModel):
    """The latest entries of the history log, with ids in their payload shown as names."""

    COL_TIME, COL_WHAT, COL_DETAILS = range(3)
    COLUMN_COUNT = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: dict[str, str] | None = None

    def _headers(self) -> Sequence[str]:
        return (self.tr("When"), self.tr("What"), self.tr("Details"))

    def key(self, row: dict[str, Any]) -> Hashable:
        return row["activity"].get("id", NO_KEY)

    def type_labels(self) -> dict[str, str]:
        """Every activity type the services append, as the user reads it."""
        if self._labels is None:
            self._labels = {
                "group.joined": self.tr("Joined a group"),
                "group.left": self.tr("Left a group"),
                "group.edited": self.tr("Edited a group"),
                "group.deleted": self.tr("Deleted a group"),
                "contact.added": self.tr("Added a contact"),
                "contact.edited": self.tr("Edited a contact"),
                "contact.trust_changed": self.tr("Changed trust"),
                "contact.deleted": self.tr("Deleted a contact"),
                "contact.merged": self.tr("Merged contacts"),
                "contact.erased": self.tr("Erased a contact"),
                "deal.started": self.tr("Started a deal"),
                "deal.joined": self.tr("Joined a deal"),
                "deal.edited": self.tr("Edited a deal"),
                "deal.cut": self.tr("Price cut"),
                "deal.cut_removed": self.tr("Removed a price cut"),
                "deal.succeeded": self.tr("Deal succeeded"),
                "deal.failed": self.tr("Deal failed"),
                "deal.expired": self.tr("Deal expired"),
                "deal.cancelled": self.tr("Deal cancelled"),
                "deal.reopened": self.tr("Deal reopened"),
                "deal.deleted": self.tr("Deleted a deal"),
                "request.posted": self.tr("Asked for help"),
                "request.edited": self.tr("Edited a request"),
                "request.deleted": self.tr("Deleted a request"),
                "help.given": self.tr("Helped"),
                "help.received": self.tr("Got help"),
                "help.edited": self.tr("Edited a help"),
                "help.deleted": self.tr("Deleted a help"),
                "ledger.settled": self.tr("Settled up"),
                "link.flagged": self.tr("Flagged a link"),
                "privacy.preset_saved": self.tr("Saved a share preset"),
                "export.made": self.tr("Exported"),
            }
        return self._labels

    def help_kind_label(self, kind: str | None) -> str | None:
        return help_kind_labels().get(kind or "")  # as the ledger says it, not the enum's lower-case name

    def set_rows(
        self,
        activities: Sequence[dict[str, Any]],
        names: dict[str, dict[str, str]],
        tz: dt.tzinfo,
        now: dt.datetime,
    ) -> None:
        labels = self.type_labels()
        rows = []
        for activity in activities:
            rows.append({
                "activity": activity,
                "time": local_time(activity.get("at"), tz, now),
                "what": labels.get(activity["type"], activity["type"]),
                "details": self.details(activity, names),
            })
        self._replace(rows)

    def details(self, activity: dict[str, Any], names: dict[str, dict[str, str]]) -> str:
        """Who, what kind of help and how much first; then the deal and the group it happened in."""
        payload = activity.get("payload") or {}
        contact, deal, group = (self._name(activity, names, kind) for kind in ("contact", "deal", "group"))
        parts = [contact]
        if activity.get("entity_type") == "help":
            parts.append(self.help_kind_label(payload.get("kind")))
        if activity.get("type") == "ledger.settled" and payload.get("how"):  # even, a favour, a red packet, partly
            parts.append(settle_how_labels().get(str(payload["how"]), str(payload["how"])))
        if payload.get("amount_fen"):
            parts.append(money(payload["amount_fen"]))
        parts += [*self._privacy_details(activity.get("type"), payload), deal, group]
        if activity.get("type") == "link.flagged":  # the link last: long, it would hide the deal's name
            parts.append(shown(payload.get("url") or "", 80))
        return " · ".join(dict.fromkeys(p for p in parts if p))

    def _privacy_details(self, type_: Any, payload: dict[str, Any]) -> list[str]:
        """A flagged link's verdict; a preset's name; an export's preset, format and records."""
        if type_ == "link.flagged":
            return [verdict_text(str(payload.get("verdict", "")))]
        if type_ == "privacy.preset_saved":
            return [self.tr("preset '{name}'").format(name=shown(payload.get("preset") or "", 40))]
        if type_ == "export.made":
            records = self.tr("{count} records").format(count=count_text(int(payload.get("records") or 0)))
            return [self.tr("preset '{name}'").format(name=shown(payload.get("preset") or "", 40)),
                    str(payload.get("format") or "").upper(), records]
        return []

    @staticmethod
    def _name(activity: dict[str, Any], names: dict[str, dict[str, str]], kind: str) -> str | None:
        payload = activity.get("payload") or {}
        own = activity.get("entity_type") == kind
        ident = payload.get(f"{kind}_id") or (activity.get("entity_id") if own else None)
        name = names.get(kind, {}).get(str(ident)) if ident else None
        if name is None and ident:  # a deleted record, named as its deletion kept it (History reads those)
            gone: dict[str, Any] = names.get("gone") or {}
            name = gone.get(kind, {}).get(str(ident))
        if name is None and own:
            # A deleted record: the correction's payload keeps the name it had.
            name = payload.get({"group": "name", "contact": "nickname", "deal": "title"}[kind])
        if name is None and kind == "contact":
            name = payload.get("merged_nickname")
        return name

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row["time"], row["what"], row["details"])[col] if 0 <= col < 3 else None
        if role == SORT_ROLE:
            if col == self.COL_TIME:
                return row["activity"].get("seq", 0)
            return self._data(row, col, Qt.ItemDataRole.DisplayRole)
        if role == ROW_ROLE:
            return row["activity"]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_DETAILS and row["details"]:
            return row["details"]
        return None
