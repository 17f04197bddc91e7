"""Demo data into a store: a realistic, deterministic history, written through the bulk path with progress.

:mod:`app.demo.plan` draws the world and every fact, :mod:`app.demo.rows` renders them as the services would have
stored them, and :func:`app.services.bulk.bulk_load` writes them in one transaction with the game rebuilt at its end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock, ZonedClock
from app.demo.plan import MIN_ACTIVITIES, DemoPlan
from app.demo.rows import TABLES, DemoRows
from app.errors import InvalidInput
from app.i18n import translate
from app.model import Activity, Contact, Deal, Group, HelpExchange, HelpRequest, LedgerSettlement
from app.services.base import profile_zone
from app.services.bulk import bulk_load
from app.services.queries import QueryService
from app.store import Store

MAX_ACTIVITIES = 10_000_000
CHUNK = 40_000  # activities rendered and inserted between two progress reports, at most
MIN_CHUNK = 100
DEMO_ACTIVITIES = 3000  # the size of the demo the window and `--demo` make: a few months of a busy user


def iter_generate_demo(
    store: Store, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1
) -> Generator[tuple[int, int], None, None]:
    """Fill an empty, migrated store with demo data and its game; yields (activities written, activities to write).

    The checks run at once (bad size, data already there: :class:`InvalidInput`, nothing written); the work runs
    as the generator is consumed, in one transaction that commits, game rebuilt, after the last step. Stopping
    early (closing the generator, or an exception while it is suspended) writes nothing.
    """
    if isinstance(activities, bool) or not MIN_ACTIVITIES <= activities <= MAX_ACTIVITIES:
        raise InvalidInput(
            translate("demo", "The demo needs between {min} and {max} activities (got {value}).").format(
                min=MIN_ACTIVITIES, max=MAX_ACTIVITIES, value=activities
            ),
            "activities",
        )
    with store.read() as session:
        _refuse_data(session, store)
    return _generate(store, clock, activities, seed)


def _zoned(store: Store, clock: Clock) -> Clock:
    """The clock in the zone of the folder's profile when it has one (the demo's days are then the user's)."""
    with store.read() as session:
        zone = profile_zone(session)
    return ZonedClock(clock, zone) if zone is not None else clock


def _generate(store: Store, clock: Clock, activities: int, seed: int) -> Generator[tuple[int, int], None, None]:
    # The plan is drawn before the write lock is taken: other writers wait only for the writing.
    plan = DemoPlan(_zoned(store, clock), activities, seed).build()
    rows = DemoRows(plan)
    size = min(CHUNK, max(MIN_CHUNK, len(plan.events) // 20))  # a small demo still reports (and cancels) often
    with bulk_load(store, clock, TABLES) as load:
        _refuse_data(load.session, store)  # again, under the write lock
        rows.write_world(load)
        yield 0, plan.target
        written = 0
        for count, batch in rows.batches(size):
            load.add_all(batch)
            written += count
            yield written, plan.target


def generate_demo(store: Store, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1,
                  progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Fill an empty, migrated store with demo data; returns the number of records per table.

    ``progress(done)`` is called after each chunk with the activities written so far; an exception it raises
    (a cancel) stops the work and writes nothing.
    """
    with contextlib.closing(iter_generate_demo(store, clock, activities=activities, seed=seed)) as steps:
        for done, _total in steps:
            if progress is not None:
                progress(done)
    return QueryService(store, _zoned(store, clock)).counts()


def _refuse_data(session: Session, store: Store) -> None:
    for model in (Group, Contact, Deal, HelpExchange, HelpRequest, LedgerSettlement, Activity):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise InvalidInput(
                translate(
                    "demo",
                    "Demo data only goes into an empty data folder; {path} already holds groups, contacts or history.",
                ).format(path=store.data_dir),
            )
