"""Reminders: what is worth a nudge now, each at most once, never during quiet hours (no Qt here).

Three kinds: a deal of the user's ending within two hours (an open deal whose deadline is in ``(now, now + 2 h]``),
help owed for more than a week (a contact whose help the user has not returned for over seven days), and a daily
quest not done by the evening (19:00 local time). :func:`due` reads them from the services (in the database
thread); :class:`FiredKeys` remembers which were shown, so that each fires once. Each reminder has a stable key
(``deal-ending:<deal id>:<deadline>``, ``owed:<contact id>:<since day>``, ``daily:<local date>``): a deal given a
new deadline, a debt that started again after being returned, another day's quest, is a new reminder.

A reminder due during quiet hours is not shown, and not remembered as shown: it is read again after the quiet hours
and shown then if it is still due (a deal that ended meanwhile no longer is; yesterday's daily quest neither).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.i18n import translate
from app.model import Contact, Direction, HelpExchange
from app.services import balances

if TYPE_CHECKING:
    from app.services import Services

ENDING_WITHIN = dt.timedelta(hours=2)
OWED_AFTER = dt.timedelta(days=7)
EVENING = dt.time(19, 0)
KEEP_FIRED = dt.timedelta(days=45)  # a fired key older than this is forgotten: a debt still owed then comes back once
MAX_FIRED = 5000  # and never more than this many kept (the newest)
NEW_PER_CHECK = 10  # reminders shown by one check (a minute): a wall of them says nothing, the rest come after
SHOWN_TITLES = 2  # daily quests named in a reminder; the others counted
OWED_PER_DAY = 3  # "a favour to return" shown at most this often in 24 hours (the longest waiting first)

DEAL_ENDING = "deal-ending"
OWED = "owed"
DAILY = "daily"


@dataclass(frozen=True)
class Reminder:
    """One reminder as plain data. ``target`` says what clicking it opens: ``"deal"`` or ``"contact"`` (with
    ``target_id``), or ``"quests"``. ``until``: when it stops being relevant (a deal's deadline), if ever."""

    key: str
    kind: str
    target: str
    target_id: str | None = None
    until: dt.datetime | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # what the text says: a title, a name, a count

    def title(self) -> str:
        """The headline, in the language in force when it is asked for (not when it was read)."""
        if self.kind == DEAL_ENDING:
            return translate("Reminders", "A deal ends soon")
        if self.kind == OWED:
            return translate("Reminders", "A favour to return")
        return translate("Reminders", "Today's quest is still open")

    def text(self, now: dt.datetime | None = None) -> str:
        """The sentence that says what and why; ``now`` gives a deal's time left (else its minutes when read)."""
        facts = self.facts
        if self.kind == DEAL_ENDING:
            minutes = int(facts["minutes_left"])
            if now is not None and self.until is not None:
                minutes = max(1, int((self.until - now).total_seconds() // 60))
            if minutes >= 60:
                left = translate("Reminders", "{hours} h {minutes} min").format(hours=minutes // 60,
                                                                                 minutes=minutes % 60)
            else:
                left = translate("Reminders", "{minutes} min").format(minutes=minutes)
            return translate("Reminders", "“{title}” ends in {left}.").format(title=facts["title"], left=left)
        if self.kind == OWED:
            return translate("Reminders", "{name} helped you {days} days ago and is still waiting for a favour "
                                          "back.").format(name=facts["nickname"], days=facts["days"])
        names = list(facts["titles"])
        titles = translate("Reminders", ", ").join(
            translate("Reminders", "“{title}”").format(title=t) for t in names[:SHOWN_TITLES])
        if len(names) > SHOWN_TITLES:
            return translate("Reminders", "Not done yet today: {titles} and {count} more.").format(
                titles=titles, count=len(names) - SHOWN_TITLES)
        return translate("Reminders", "Not done yet today: {titles}.").format(titles=titles)

    def relevant(self, now: dt.datetime) -> bool:
        """Whether it still means something at ``now`` (a deal that ended no longer does)."""
        return self.until is None or now < self.until


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def deals_ending(services: Services, now: dt.datetime) -> list[Reminder]:
    """Open deals whose deadline is in ``(now, now + 2 h]``, soonest first."""
    found = []
    for deal in services.queries.deals_due(ENDING_WITHIN):
        deadline_text = deal.get("deadline")
        if deal.get("status") != "open" or deal.get("archived") or not isinstance(deadline_text, str):
            continue
        deadline = _moment(deadline_text)
        if not now < deadline <= now + ENDING_WITHIN:
            continue
        minutes = max(1, int((deadline - now).total_seconds() // 60))
        found.append(Reminder(f"{DEAL_ENDING}:{deal['id']}:{iso(deadline)}", DEAL_ENDING, "deal", str(deal["id"]),
                              deadline, {"title": deal["title"], "minutes_left": minutes}))
    return found


def help_owed(services: Services, now: dt.datetime) -> list[Reminder]:
    """Contacts the user owes (more helps received than given since their last settlement) whose oldest help not
    returned yet came more than seven days ago; the longest waiting first.

    Helps go back in order: a help given returns the oldest one received, so of the ``n`` the user owes, the
    oldest still open is the ``n``-th newest received since the contact's last full settlement.
    """
    tz = services.clock.tz
    found: list[tuple[dt.datetime, Reminder]] = []
    with services.store.read() as session:
        owing = {ident: -bal.balance for ident, bal in balances.per_contact(session).items() if bal.balance < 0}
        if not owing:
            return []
        contacts = {ident: (nickname, archived) for ident, nickname, archived in session.execute(
            select(Contact.id, Contact.nickname, Contact.archived).where(Contact.id.in_(list(owing))))}
        for ident, since in _oldest_open(session, owing).items():
            nickname, archived = contacts.get(ident, (None, True))
            if archived or nickname is None or now - since <= OWED_AFTER:
                continue
            day = since.astimezone(tz).date()
            days = (now.astimezone(tz).date() - day).days
            found.append((since, Reminder(f"{OWED}:{ident}:{day.isoformat()}", OWED, "contact", str(ident), None,
                                          {"nickname": nickname, "days": days, "owed": owing[ident]})))
    found.sort(key=lambda pair: pair[0])
    return [reminder for _, reminder in found]


def _oldest_open(session: Session, owing: Mapping[uuid.UUID, int]) -> dict[uuid.UUID, dt.datetime]:
    """Per contact owed ``n`` helps: when the ``n``-th newest help received since their last full settlement came
    (the oldest one received, if fewer). One pass, ranked in SQLite, whatever the number of contacts."""
    last = balances.last_full_query().subquery()
    rank = func.row_number().over(partition_by=HelpExchange.contact_id, order_by=HelpExchange.at.desc())
    ranked = (
        select(HelpExchange.contact_id, HelpExchange.at, rank.label("n"))
        .outerjoin(last, last.c.contact_id == HelpExchange.contact_id)
        .where(HelpExchange.direction == Direction.received, HelpExchange.contact_id.in_(list(owing)),
               or_(last.c.since.is_(None), HelpExchange.at > last.c.since))
        .subquery()
    )
    oldest: dict[uuid.UUID, tuple[int, dt.datetime]] = {}
    for ident, at, n in session.execute(select(ranked.c.contact_id, ranked.c.at, ranked.c.n)
                                        .where(ranked.c.n <= max(owing.values()))):
        if n <= owing[ident] and n > oldest.get(ident, (0, at))[0]:
            oldest[ident] = (n, at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC))
    return {ident: at for ident, (_, at) in oldest.items()}


def daily_quests(services: Services, now: dt.datetime) -> list[Reminder]:
    """From 19:00 local time: the daily quests open today and not done yet, as one reminder."""
    local = now.astimezone(services.clock.tz)
    if local.time() < EVENING:
        return []
    chains = [c for c in services.game.quests() if c.get("repeat") == "daily" and c.get("status") == "active"]
    if not chains:
        return []
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), local.tzinfo)
    return [Reminder(f"{DAILY}:{local.date().isoformat()}", DAILY, "quests", None, midnight.astimezone(dt.UTC),
                     {"titles": [str(c["title"]) for c in chains], "ids": [str(c["id"]) for c in chains]})]


def due(services: Services) -> tuple[dt.datetime, list[Reminder]]:
    """The time now and every reminder due at it, fired or not (runs in the database thread)."""
    now = services.clock.now()
    return now, [*deals_ending(services, now), *help_owed(services, now), *daily_quests(services, now)]


class FiredKeys:
    """The keys of the reminders shown already, with when: each reminder fires once. Bounded: keys older than
    :data:`KEEP_FIRED` are forgotten (a debt still owed is reminded again then), and at most :data:`MAX_FIRED` are kept;
    one check shows at most :data:`NEW_PER_CHECK`, so a busy day never fills them (a forgotten key would fire again)."""

    def __init__(self, fired: Mapping[str, str] | None = None) -> None:
        self._fired: dict[str, dt.datetime] = {}
        for key, when in (fired or {}).items():
            try:
                moment = _moment(str(when))
            except ValueError:
                continue
            if moment.tzinfo is not None:
                self._fired[str(key)] = moment

    def __contains__(self, key: object) -> bool:
        return key in self._fired

    def __len__(self) -> int:
        return len(self._fired)

    def take(self, reminders: Iterable[Reminder], now: dt.datetime, *, quiet: bool) -> list[Reminder]:
        """The reminders to show now: those not fired yet and still relevant, none in quiet hours (and those are
        then not remembered: they come again after them), at most :data:`OWED_PER_DAY` debts a day. The ones
        returned count as fired from now on."""
        if quiet:
            return []
        # An old logbook may owe dozens: a few nudges a day, the longest waiting first, not a wall of them.
        owed_left = OWED_PER_DAY - sum(1 for key, when in self._fired.items()
                                       if key.startswith(OWED + ":") and now - when < dt.timedelta(days=1))
        new = []
        for reminder in reminders:
            if reminder.key in self._fired or not reminder.relevant(now):
                continue
            if reminder.kind == OWED:
                if owed_left <= 0:
                    continue
                owed_left -= 1
            new.append(reminder)
            if len(new) == NEW_PER_CHECK:
                break
        for reminder in new:
            self._fired[reminder.key] = now
        self.prune(now)
        return new

    def prune(self, now: dt.datetime) -> None:
        kept = sorted(((when, key) for key, when in self._fired.items() if now - when <= KEEP_FIRED), reverse=True)
        self._fired = {key: when for when, key in kept[:MAX_FIRED]}

    def as_dict(self) -> dict[str, str]:
        """What to store (QSettings): key → when it fired (ISO, UTC)."""
        return {key: iso(when) for key, when in self._fired.items()}
