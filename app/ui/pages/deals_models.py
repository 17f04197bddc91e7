"""The Deals page's table models (the deals, a bargain's cuts) and how its form shows a price."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from app.services.deal_values import cut_progress, join_progress, price_now
from app.ui.format import local_time, money, parse_utc, time_left
from app.ui.parts import MUTED_COLOR, NEGATIVE_COLOR, RIGHT, deal_kind_labels
from app.ui.rows_model import ROW_ROLE, SORT_ROLE, TimedRowsModel

_STATUS_ORDER = ("open", "succeeded", "failed", "expired", "cancelled")


def _status_key(row: dict[str, Any]) -> float:
    """Sort by status (open first), then open deals by the soonest deadline, closed ones by the latest."""
    status = _STATUS_ORDER.index(row["status"]) if row["status"] in _STATUS_ORDER else len(_STATUS_ORDER)
    deadline = parse_utc(row.get("deadline"))
    if deadline is None:
        return status * 1e11 + 1e10  # no deadline: after the dated ones, open or closed
    moment = deadline.timestamp()
    return status * 1e11 + (moment if status == 0 else 1e10 - moment)


def progress_key(row: dict[str, Any]) -> float:
    """Sorts the progress column: the deals nearest to done first (the share still missing; at the same share, a
    group buy missing fewer people first), the deals without a measure of progress last."""
    if row.get("kind") == "bargain":
        cut = cut_progress(row)
        if cut is None:
            return 2.0
        return 0.0 if not cut.total else cut.left / cut.total
    joined = join_progress(row)
    if joined is None:
        return 2.0
    return joined.left / joined.total + min(joined.left, 999) / 1e6


class DealTableModel(TimedRowsModel):
    """Deals (``services.queries.deals()``): title, progress, price now, deadline with time left, status, kind,
    group: what a user reads first comes first, where a narrow list still shows it. A bargain's progress is a bar
    painted by :class:`~app.ui.pages.deals_delegate.CutBarDelegate`."""

    COL_TITLE, COL_PROGRESS, COL_PRICE, COL_DEADLINE, COL_STATUS, COL_KIND, COL_GROUP = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._group_names: dict[str, str] = {}

    def _headers(self) -> Sequence[str]:
        return (self.tr("Title"), self.tr("Progress"), self.tr("Price now"), self.tr("Deadline"), self.tr("Status"),
                self.tr("Kind"), self.tr("Group"))

    def status_labels(self) -> dict[str, str]:
        return {"open": self.tr("Open"), "succeeded": self.tr("Succeeded"), "failed": self.tr("Failed"),
                "expired": self.tr("Expired"), "cancelled": self.tr("Cancelled")}

    def set_context(self, group_names: dict[str, str], tz: dt.tzinfo, now: dt.datetime) -> None:
        """The group names, zone and time the next rows are shown with."""
        if group_names != self._group_names:
            self._group_names = dict(group_names)
            self._redraw()
        self.set_time(tz, now)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._replace([dict(r) for r in rows])

    def set_now(self, now: dt.datetime) -> None:
        """The clock moved on: the deadlines' time left is redrawn."""
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_DEADLINE), self.index(len(self._rows) - 1,
                                                                               self.COL_DEADLINE))

    def deadline_text(self, row: dict[str, Any], *, full: bool = False) -> str:
        """An open deal's time left (what matters while it runs; ``full``: with the deadline), else the deadline."""
        if not row.get("deadline"):
            return "—"
        when = local_time(row["deadline"], self._tz, self._now)
        if row.get("status") != "open":
            return when
        left = time_left(row["deadline"], self._now)
        return self.tr("{when} ({left})").format(when=when, left=left) if full else left

    def progress_text(self, row: dict[str, Any]) -> str:
        """How far a deal has come, in a few words: "Needs 1 more" for a group buy, "97% cut" for a bargain."""
        if row.get("kind") == "bargain":
            cut = cut_progress(row)
            if cut is None:
                return "—"
            if cut.reached:
                return self.tr("Target reached")
            return self.tr("{percent}% cut").format(percent=cut.done * 100 // max(cut.total, 1))
        joined = join_progress(row)
        if joined is None:
            count = int(row.get("participants_joined") or 0)
            return self.tr("{count} joined").format(count=count) if count else "—"
        if joined.reached:
            return self.tr("Full ({joined}/{needed})").format(joined=joined.done, needed=joined.total)
        if row.get("kind") == "group_buy":
            return self.tr("Needs {count} more").format(count=joined.left)
        return self.tr("Boosts to go: {count}").format(count=joined.left)

    def progress_tip(self, row: dict[str, Any]) -> str | None:
        """The numbers behind the progress column: a bargain's prices, a group buy's people."""
        if row.get("kind") == "bargain":
            cut = cut_progress(row)
            if cut is None:
                return None
            return self.tr("{original} → target {target}, now {current}: {cut} of {total} cut").format(
                original=money(row.get("original_fen")), target=money(row.get("target_fen")),
                current=money(price_now(row)), cut=money(cut.done), total=money(cut.total))
        joined = join_progress(row)
        if joined is None:
            return None
        return self.tr("{joined} of {needed} joined").format(joined=joined.done, needed=joined.total)

    def _display(self, row: dict[str, Any], col: int) -> str | None:
        if col == self.COL_TITLE:
            return str(row["title"])
        if col == self.COL_KIND:
            return deal_kind_labels().get(row["kind"], row["kind"])
        if col == self.COL_PROGRESS:
            return self.progress_text(row)
        if col == self.COL_STATUS:
            status = self.status_labels().get(row["status"], row["status"])
            return self.tr("{status}, archived").format(status=status) if row.get("archived") else status
        if col == self.COL_PRICE:
            return money(price_now(row))
        if col == self.COL_DEADLINE:
            return self.deadline_text(row)
        if col == self.COL_GROUP:
            return self._group_names.get(row.get("group_id") or "", "") if row.get("group_id") else ""
        return None

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            if col == self.COL_PRICE:
                price = price_now(row)
                return -1 if price is None else price
            if col == self.COL_DEADLINE:
                return row.get("deadline") or "9999"
            if col == self.COL_STATUS:
                return _status_key(row)
            if col == self.COL_PROGRESS:
                return progress_key(row)
            return self._display(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_PRICE:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.get("archived") or row.get("status") != "open":
                return MUTED_COLOR
            deadline = parse_utc(row.get("deadline"))
            if col == self.COL_DEADLINE and deadline is not None and deadline <= self._now:
                return NEGATIVE_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_TITLE:  # the whole title (the column may elide it), its link and notes
                return "\n".join(str(v) for v in (row.get("title"), row.get("url"), row.get("notes")) if v)
            if col == self.COL_GROUP:
                return self._display(row, col) or None
            if col == self.COL_DEADLINE:
                return self.deadline_text(row, full=True)
            if col == self.COL_PROGRESS:
                return self.progress_tip(row)
        return None


TIP_CUTS = 12  # the nameless cuts listed one by one in their row's tooltip
ANONYMOUS = "anonymous"  # the key of the one row that stands for every cut without a known helper


class CutTableModel(TimedRowsModel):
    """A bargain's cuts (``deal_record(...)["cuts"]``), newest first: who cut, how much, when.

    A named helper's cuts show one a row; the cuts by nobody known (no contact, or one not found) show as one row,
    "Someone ×3", with their sum and the latest time (each of them in its tooltip), where they were a column of
    identical "Someone" rows.
    """

    COL_WHO, COL_AMOUNT, COL_WHEN = range(3)
    COLUMN_COUNT = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}

    def _headers(self) -> Sequence[str]:
        return (self.tr("Helper"), self.tr("Cut"), self.tr("When"))

    def set_rows(self, cuts: Sequence[dict[str, Any]], names: dict[str, str] | None = None,
                 tz: dt.tzinfo | None = None, now: dt.datetime | None = None) -> None:
        if (names or {}) != self._names:
            self._names = dict(names or {})
            self._redraw()
        self.set_time(tz, now)
        named = [dict(c) for c in cuts if c.get("contact_id") in self._names]
        nameless = [dict(c) for c in cuts if c.get("contact_id") not in self._names]
        if len(nameless) > 1:
            nameless.sort(key=lambda c: c.get("at") or "", reverse=True)
            named.append({"id": ANONYMOUS, "contact_id": None, "amount_fen": sum(c["amount_fen"] for c in nameless),
                          "at": nameless[0].get("at"), "cuts": nameless})
        else:
            named += nameless
        self._replace(sorted(named, key=lambda c: c.get("at") or "", reverse=True))

    def who(self, row: dict[str, Any]) -> str:
        if "cuts" in row:
            return self.tr("Someone ×{count}").format(count=len(row["cuts"]))
        if not row.get("contact_id"):
            return self.tr("Someone")
        return self._names.get(row["contact_id"], self.tr("Someone"))

    def _tip(self, row: dict[str, Any]) -> str | None:
        """The cuts one "Someone ×3" row stands for, each with its amount and time."""
        if "cuts" not in row:
            return None
        lines = [self.tr("{count} cuts by helpers without a name:").format(count=len(row["cuts"]))]
        shown = row["cuts"][:TIP_CUTS]
        lines += [f"{money(c['amount_fen'])}  {local_time(c.get('at'), self._tz, self._now)}" for c in shown]
        if len(row["cuts"]) > len(shown):
            lines.append(self.tr("… and {count} more").format(count=len(row["cuts"]) - len(shown)))
        return "\n".join(lines)

    def _data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_WHO:
                return self.who(row)
            if col == self.COL_AMOUNT:
                return money(row["amount_fen"])
            if col == self.COL_WHEN:
                return local_time(row.get("at"), self._tz, self._now)
            return None
        if role == SORT_ROLE:
            if col == self.COL_AMOUNT:
                return row["amount_fen"]
            if col == self.COL_WHEN:
                return row.get("at") or ""
            return self.who(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_AMOUNT:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row)
        return None
