"""The report (``export --format html`` and ``pdf``): the history a preset lets out, summed up for a person to read.

It is made from the records the privacy pipeline yields for the JSON export (``export.export`` hands over its
redacted streams): nothing is read from the store around them. The records are summed up as they stream (per
month, per status, per contact) and only the latest of each list are kept, so that a 100,000-activity history
costs about what a small one does. A section the preset lets out as a count only shows its count.

The words go through ``translate("report", …)`` in the report's language (the profile's, or ``--lang``); the
HTML is written by Jinja2 with autoescape on: every record's text is the user's or someone else's, never markup.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from app import i18n
from app.exchange import report_charts
from app.exchange.report_charts import Chart
from app.i18n import translate
from app.resource_files import resource_path
from app.services.game_views import measure_text

LATEST = 30  # rows a list shows (the latest); the rest are counted
MONTHS = 24  # months the monthly table lists (the latest with something); the chart, the last 12
CHART_MONTHS = 12


@dataclass
class Table:
    """One list of the report: its latest rows as text, and how many more there are."""

    title: str
    total: int
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # columns of figures (aligned right)
    as_count: bool = False  # the preset lets out only the number of records
    note: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.rows), 0) if not self.as_count else 0


@dataclass
class Report:
    lang: str
    title: str
    subtitle: str
    profile: list[tuple[str, str]]
    figures: list[tuple[str, str]]
    badges: list[str]
    counts: list[tuple[str, str, str]]  # (section, records, how they left)
    charts: list[Chart]
    tables: list[Table]
    words: dict[str, str]


def in_language(lang: str | None, make: Callable[[], Report]) -> Report:
    """Build the report with the catalogue of ``lang`` (None: the one in force), then put the previous one back."""
    before = i18n.current_language()
    wanted = i18n.normalise_language(lang) if lang else before
    if wanted == before:
        return make()
    i18n.set_language(wanted)
    try:
        return make()
    finally:
        i18n.set_language(before)


# -- the words ------------------------------------------------------------------------------------------------


def section_labels() -> dict[str, str]:
    return {
        "groups": translate("report", "Groups"), "contacts": translate("report", "Contacts"),
        "deals": translate("report", "Deals"), "requests": translate("report", "Help requests"),
        "helps": translate("report", "Helps"), "cuts": translate("report", "Bargain cuts"),
        "settlements": translate("report", "Settlements"), "activities": translate("report", "History entries"),
        "presets": translate("report", "Share presets"), "exports": translate("report", "Earlier exports"),
        "images": translate("report", "Pictures (avatar, screenshots)"),
    }


def _labels() -> dict[str, dict[str, str]]:
    """Kinds and states as the window says them (their words are in the catalogue under the window's classes)."""
    return {
        "status": {
            "open": translate("DealTableModel", "Open"), "succeeded": translate("DealTableModel", "Succeeded"),
            "failed": translate("DealTableModel", "Failed"), "expired": translate("DealTableModel", "Expired"),
            "cancelled": translate("DealTableModel", "Cancelled"),
        },
        "deal_kind": {
            "group_buy": translate("DealTableModel", "Group buy"), "bargain": translate("DealTableModel", "Bargain"),
            "boost": translate("DealTableModel", "Boost"),
        },
        "help_kind": {
            "bargain_cut": translate("ExchangeTableModel", "Bargain cut"),
            "join_group": translate("ExchangeTableModel", "Joined group buy"),
            "boost_click": translate("ExchangeTableModel", "Boost click"),
            "share": translate("ExchangeTableModel", "Shared"),
            "other": translate("ExchangeTableModel", "Other help"),
        },
        "direction": {"given": translate("report", "Given"), "received": translate("report", "Received")},
        "trust": {"trusted": translate("report", "Trusted"), "normal": translate("report", "Normal"),
                  "blocked": translate("report", "Blocked")},
        "platform": {"wechat": translate("report", "WeChat"), "qq": "QQ", "dingtalk": translate("report", "DingTalk"),
                     "other": translate("report", "Other")},
        "role": {"owner": translate("report", "Owner"), "admin": translate("report", "Admin"),
                 "member": translate("report", "Member")},
    }


def _count(n: int) -> str:
    return f"{n:,}"


def _money(fen: Any) -> str:
    return measure_text(int(fen), "fen") if isinstance(fen, int) else ""


def _day(value: Any) -> str:
    """A time as its day: a generalised time is one already, a kept one is ISO (its first ten characters)."""
    return str(value)[:10] if value else ""


def _month(value: Any) -> str:
    return str(value)[:7] if value else ""


class _Latest:
    """The ``n`` records with the greatest key, kept in a heap while the rest stream past."""

    def __init__(self, n: int = LATEST) -> None:
        self.n, self.order = n, itertools.count()
        self.heap: list[tuple[str, int, dict[str, Any]]] = []

    def add(self, key: str, record: dict[str, Any]) -> None:
        item = (key, next(self.order), record)
        if len(self.heap) < self.n:
            heapq.heappush(self.heap, item)
        elif item > self.heap[0]:
            heapq.heapreplace(self.heap, item)

    def newest_first(self) -> list[dict[str, Any]]:
        return [record for _, _, record in sorted(self.heap, reverse=True)]


# -- building -------------------------------------------------------------------------------------------------


def build(header: dict[str, Any], streams: dict[str, Iterator[dict[str, Any]]], rows_leave: dict[str, bool],
          counts: dict[str, int], badge_title: Callable[[str], str], lang: str) -> Report:
    """The report of an export: ``header`` and ``streams`` as ``export`` makes them for JSON (redacted),
    ``rows_leave`` which sections leave record by record, ``counts`` every section's records."""
    words = _words()
    labels = _labels()
    names = section_labels()
    made = _Collector(labels)
    for name, stream in streams.items():
        getattr(made, "take_" + name, made.skip)(stream)
    summary = header.get("summary") or {}
    preset = header["preset"]["name"]
    report = Report(
        lang=lang, title=translate("report", "Pintuan Quest report"),
        subtitle=translate("report", "Made on {date} with the share preset '{preset}'.").format(
            date=_day(header.get("exported_at")), preset=preset),
        profile=_profile(header.get("profile") or {}), figures=[], badges=[], counts=[], charts=[], tables=[],
        words=words,
    )
    if summary:
        report.figures = [(translate("report", "Level"), _count(int(summary.get("level", 0)))),
                          (translate("report", "Points"), _count(int(summary.get("points", 0)))),
                          (translate("report", "Badges earned"), _count(len(summary.get("badges", []))))]
        report.badges = [badge_title(str(b)) for b in summary.get("badges", [])]
    shown = {"groups": translate("report", "listed below"), "deals": translate("report", "latest listed below"),
             "helps": translate("report", "latest listed below"), "contacts": translate("report", "in the ledger"),
             "cuts": translate("report", "in the ledger"), "settlements": translate("report", "in the ledger"),
             "requests": translate("report", "per month"), "activities": translate("report", "per month")}
    for name, n in counts.items():
        how = (shown.get(name, translate("report", "counted")) if rows_leave.get(name)
               else translate("report", "number only (the preset)"))
        report.counts.append((names[name], _count(n), how))
    report.charts = made.charts(rows_leave)
    report.tables = made.tables(rows_leave, counts, names)
    return report


def _words() -> dict[str, str]:
    return {
        "profile": translate("report", "Profile"), "summary": translate("report", "Level, points and badges"),
        "records": translate("report", "What is in it"), "section": translate("report", "Records"),
        "number": translate("report", "Number"), "how": translate("report", "In this report"),
        "charts": translate("report", "Charts"), "no_badges": translate("report", "No badges earned yet."),
        "no_records": translate("report", "None."),
        "count_only": translate("report", "Records: {count}. The preset lets out their number only."),
        "more": translate("report", "…and {count} more, not listed here."),
        "page": translate("report", "Page {page} of {pages}"),
        "footer": translate("report", "Written by Pintuan Quest. Other people's details appear only as the share "
                                      "preset allows."),
    }


def _profile(profile: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    if profile.get("display_name"):
        lines.append((translate("report", "Name"), str(profile["display_name"])))
    if profile.get("created_at"):
        lines.append((translate("report", "Member since"), _day(profile["created_at"])))
    if profile.get("timezone"):
        lines.append((translate("report", "Time zone"), str(profile["timezone"])))
    return lines


class _Collector:
    """Sums the sections up as their records stream past."""

    def __init__(self, labels: dict[str, dict[str, str]]) -> None:
        self.labels = labels
        self.groups: dict[str, str] = {}  # id -> name as it leaves (or its vertical's label)
        self.group_rows: list[dict[str, Any]] = []
        self.nicknames: dict[str, str] = {}
        self.trust: dict[str, str] = {}
        self.monthly: dict[str, Counter[str]] = defaultdict(Counter)
        self.status: Counter[str] = Counter()
        self.deals = _Latest()
        self.helps = _Latest()
        self.ledger: dict[str, Counter[str]] = defaultdict(Counter)
        self.last_settled: dict[str, str] = {}
        self.cut_fen = 0
        self.types: Counter[str] = Counter()

    def skip(self, stream: Iterator[dict[str, Any]]) -> None:
        for _ in stream:
            pass

    def take_groups(self, stream: Iterator[dict[str, Any]]) -> None:
        from app.privacy.redact import vertical_label

        for group in stream:
            name = str(group.get("name") or vertical_label(group.get("vertical")))
            self.groups[str(group.get("id"))] = name
            if len(self.group_rows) < LATEST * 4:  # groups are few; a list of hundreds says nothing more
                self.group_rows.append({**group, "name": name})

    def take_contacts(self, stream: Iterator[dict[str, Any]]) -> None:
        for contact in stream:
            ident = str(contact.get("id"))
            self.nicknames[ident] = str(contact.get("nickname") or "")
            self.trust[ident] = str(contact.get("trust") or "")
            self.ledger[ident]  # every contact has a line, helped or not

    def take_deals(self, stream: Iterator[dict[str, Any]]) -> None:
        for deal in stream:
            if deal.get("status"):  # a preset that drops the safe class drops it
                self.status[str(deal["status"])] += 1
            started = deal.get("started_at") or deal.get("created_at")
            if started:
                self.monthly[_month(started)]["deals"] += 1
            self.deals.add(str(started or ""), deal)

    def take_requests(self, stream: Iterator[dict[str, Any]]) -> None:
        for request in stream:
            if request.get("at"):
                self.monthly[_month(request["at"])]["requests"] += 1

    def take_helps(self, stream: Iterator[dict[str, Any]]) -> None:
        for help_ in stream:
            direction = str(help_.get("direction"))
            if help_.get("at"):
                self.monthly[_month(help_["at"])][direction] += 1
            if help_.get("contact_id"):
                self.ledger[str(help_["contact_id"])][direction] += 1
            self.helps.add(str(help_.get("at") or ""), help_)

    def take_cuts(self, stream: Iterator[dict[str, Any]]) -> None:
        for cut in stream:
            self.cut_fen += int(cut.get("amount_fen") or 0)

    def take_settlements(self, stream: Iterator[dict[str, Any]]) -> None:
        for settlement in stream:
            who = settlement.get("contact_id")
            if who:
                self.ledger[str(who)]["settled"] += 1
                day = _day(settlement.get("at"))
                self.last_settled[str(who)] = max(self.last_settled.get(str(who), ""), day)

    def take_activities(self, stream: Iterator[dict[str, Any]]) -> None:
        for entry in stream:
            if entry.get("at"):
                self.monthly[_month(entry["at"])]["entries"] += 1

    # -- what the report shows -----------------------------------------------------------------------------

    def months(self) -> list[str]:
        """Every month from the first with something to the last, gaps included, the last ``MONTHS``."""
        known = sorted(m for m in self.monthly if len(m) == 7)
        if not known:
            return []
        year, month = int(known[-1][:4]), int(known[-1][5:])
        first = known[0]
        out: list[str] = []
        while len(out) < MONTHS:
            label = f"{year:04d}-{month:02d}"
            if label < first:
                break
            out.append(label)
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return out[::-1]

    def charts(self, rows_leave: dict[str, bool]) -> list[Chart]:
        charts = []
        months = self.months()[-CHART_MONTHS:]
        while months and not (self.monthly[months[0]]["given"] or self.monthly[months[0]]["received"]):
            months.pop(0)  # the chart starts with the first month of helps
        if rows_leave.get("helps") and months:
            given = [self.monthly[m]["given"] for m in months]
            received = [self.monthly[m]["received"] for m in months]
            if any(given) or any(received):
                title = translate("report", "Helps given and received per month")
                charts.append(Chart(title, months, [(translate("report", "Given"), given),
                                                    (translate("report", "Received"), received)],
                                    description=title))
        if rows_leave.get("deals") and self.status:
            status = self.labels["status"]
            order = [s for s in status if self.status[s]] + sorted(s for s in self.status if s not in status)
            title = translate("report", "Deals by status")
            charts.append(Chart(title, [status.get(s, s) for s in order],
                                [(translate("report", "Deals"), [self.status[s] for s in order])],
                                horizontal=True, description=title))
        return charts

    def tables(self, rows_leave: dict[str, bool], counts: dict[str, int], names: dict[str, str]) -> list[Table]:
        tables = [self._monthly(rows_leave), self._groups(rows_leave, counts, names),
                  self._deals(rows_leave, counts, names), self._helps(rows_leave, counts, names),
                  self._ledger(rows_leave, counts)]
        return [t for t in tables if t is not None]

    def _monthly(self, rows_leave: dict[str, bool]) -> Table | None:
        columns = [("given", translate("report", "Helps given")), ("received", translate("report", "Helps received")),
                   ("requests", translate("report", "Help requests")), ("deals", translate("report", "Deals started")),
                   ("entries", translate("report", "History entries"))]
        leave = {"given": "helps", "received": "helps", "requests": "requests", "deals": "deals",
                 "entries": "activities"}
        columns = [(k, title) for k, title in columns if rows_leave.get(leave[k])]
        # the months with something shown, the latest first (a month with nothing is no row)
        months = [m for m in sorted(self.monthly, reverse=True)
                  if len(m) == 7 and any(self.monthly[m][k] for k, _ in columns)]
        if not months:
            return None
        table = Table(translate("report", "Month by month"), len(months),
                      [translate("report", "Month"), *(title for _, title in columns)],
                      numeric=frozenset(range(1, len(columns) + 1)))
        table.rows = [[m, *(_count(self.monthly[m][k]) for k, _ in columns)] for m in months[:MONTHS]]
        return table

    def _groups(self, rows_leave: dict[str, bool], counts: dict[str, int], names: dict[str, str]) -> Table:
        table = Table(names["groups"], counts.get("groups", 0), as_count=not rows_leave.get("groups"))
        platform, role = self.labels["platform"], self.labels["role"]
        table.columns = [translate("report", "Group"), translate("report", "Platform"), translate("report", "My role"),
                         translate("report", "Joined")]
        table.rows = [[str(g["name"]), platform.get(str(g.get("platform")), str(g.get("platform") or "")),
                       role.get(str(g.get("my_role")), ""), _day(g.get("joined_at"))] for g in self.group_rows]
        return table

    def _deals(self, rows_leave: dict[str, bool], counts: dict[str, int], names: dict[str, str]) -> Table:
        table = Table(names["deals"], counts.get("deals", 0), as_count=not rows_leave.get("deals"),
                      numeric=frozenset({5, 6}))
        table.columns = [translate("report", "Started"), translate("report", "Deal"), translate("report", "Kind"),
                         translate("report", "Status"), translate("report", "Group"), translate("report", "Price now"),
                         translate("report", "Target price")]
        kinds, status = self.labels["deal_kind"], self.labels["status"]
        table.rows = [[_day(d.get("started_at") or d.get("created_at")), str(d.get("title") or "—"),
                       kinds.get(str(d.get("kind")), ""), status.get(str(d.get("status")), str(d.get("status") or "")),
                       self.groups.get(str(d.get("group_id")), ""), _money(d.get("current_fen")),
                       _money(d.get("target_fen"))] for d in self.deals.newest_first()]
        if not any(row[1] != "—" for row in table.rows):  # titles dropped by the preset: no empty column
            table.columns.pop(1)
            table.rows = [row[:1] + row[2:] for row in table.rows]
            table.numeric = frozenset({4, 5})
        return table

    def _helps(self, rows_leave: dict[str, bool], counts: dict[str, int], names: dict[str, str]) -> Table:
        table = Table(names["helps"], counts.get("helps", 0), as_count=not rows_leave.get("helps"),
                      numeric=frozenset({5}))
        table.columns = [translate("report", "Day"), translate("report", "Direction"), translate("report", "Kind"),
                         translate("report", "Contact"), translate("report", "Group"), translate("report", "Amount")]
        direction, kinds = self.labels["direction"], self.labels["help_kind"]
        table.rows = [[_day(h.get("at")), direction.get(str(h.get("direction")), ""),
                       kinds.get(str(h.get("kind")), ""), self.nicknames.get(str(h.get("contact_id")), ""),
                       self.groups.get(str(h.get("group_id")), ""), _money(h.get("amount_fen"))]
                      for h in self.helps.newest_first()]
        return table

    def _ledger(self, rows_leave: dict[str, bool], counts: dict[str, int]) -> Table:
        total = len(self.ledger) if rows_leave.get("contacts") else counts.get("contacts", 0)
        table = Table(translate("report", "Ledger"), total, as_count=not rows_leave.get("contacts"),
                      numeric=frozenset({2, 3, 4}))
        table.columns = [translate("report", "Contact"), translate("report", "Trust"),
                         translate("report", "Helps given"), translate("report", "Helps received"),
                         translate("report", "Settled"), translate("report", "Last settled")]
        busiest = heapq.nlargest(LATEST, self.ledger.items(),
                                 key=lambda item: (item[1]["given"] + item[1]["received"], item[0]))
        trust = self.labels["trust"]
        table.rows = [[self.nicknames.get(who, ""), trust.get(self.trust.get(who, ""), ""), _count(f["given"]),
                       _count(f["received"]), _count(f["settled"]), self.last_settled.get(who, "")]
                      for who, f in busiest]
        table.note = translate("report", "The contacts you helped or were helped by most; all helps since the start.")
        if self.cut_fen:
            table.note += " " + translate("report", "Bargain cuts: {amount} in all.").format(
                amount=_money(self.cut_fen))
        return table


# -- writing --------------------------------------------------------------------------------------------------


def environment() -> jinja2.Environment:
    """Jinja2 with autoescape on for every template (the names are ``.html.j2``, which ``select_autoescape`` would
    not know): a nickname ``<script>`` is text."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("report"))), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def html(report: Report, *, charts: list[str] | None = None, for_qt: bool = False) -> str:
    """The report as one HTML page. ``charts``: each chart's markup (default: inline SVG); ``for_qt``: the subset
    Qt's rich text draws (the PDF)."""
    drawn = charts if charts is not None else [report_charts.svg(c) for c in report.charts]
    return environment().get_template("report.html.j2").render(
        report=report, charts=[(c, Markup(m)) for c, m in zip(report.charts, drawn, strict=True)], for_qt=for_qt,
        lang="zh-CN" if report.lang == "zh_CN" else "en")
