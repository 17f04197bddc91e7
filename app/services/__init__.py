"""Use cases: the only code that writes. Each call is one transaction and returns what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.clock import Clock, ZonedClock
from app.services.backup import BackupService
from app.services.base import profile_zone
from app.services.contacts import ContactService
from app.services.deals import DealService
from app.services.erasure import ErasureService
from app.services.forecast import ForecastService
from app.services.game import GameService
from app.services.groups import GroupService
from app.services.helps import HelpService, RequestService
from app.services.images import ImageService
from app.services.ledger import LedgerService
from app.services.links import LinkService
from app.services.privacy import PrivacyService
from app.services.profile import ProfileService
from app.services.queries import QueryService
from app.store import Store


@dataclass
class Services:
    """The services over one store and clock, built once at start-up and passed to whoever needs them."""

    store: Store
    clock: Clock

    def __post_init__(self) -> None:
        # One clock in the profile's zone, shared by every service and the game: "today", streaks, budgets and
        # the game's days follow the zone the data was recorded in, not the zone of the process that runs.
        # Before the profile exists, the given clock's zone (the machine's), which the new profile then takes.
        self.clock = ZonedClock(self.clock, self._stored_zone() or self.clock.tz)
        self.game = GameService(self.store, self.clock)
        game = self.game
        self.groups = GroupService(self.store, self.clock, game)
        self.contacts = ContactService(self.store, self.clock, game)
        self.deals = DealService(self.store, self.clock, game)
        self.requests = RequestService(self.store, self.clock, game)
        self.helps = HelpService(self.store, self.clock, game)
        self.ledger = LedgerService(self.store, self.clock, game)
        self.queries = QueryService(self.store, self.clock)
        self.forecast = ForecastService(self.store, self.clock)  # a bargain's cut curve and helpers still needed
        self.profile = ProfileService(self.store, self.clock, game)
        self.backups = BackupService(self.store, self.clock)
        self.privacy = PrivacyService(self.store, self.clock, game)  # its facts: a preset saved, an export made
        self.erasure = ErasureService(self.store, self.clock, game)
        self.links = LinkService(self.store, self.clock, game)
        self.images = ImageService(self.store, self.clock)

    def _stored_zone(self) -> dt.tzinfo | None:
        with self.store.read() as session:
            return profile_zone(session)

    def refresh_zone(self) -> bool:
        """Follow a zone another program stored since (the window calls this when the data changed); True if
        the zone changed."""
        zone = self._stored_zone()
        if zone is None or not isinstance(self.clock, ZonedClock) or zone == self.clock.zone:
            return False
        self.clock.zone = zone
        return True


def open_services(data_dir: Path, clock: Clock, *, create: bool = True, reading: bool = False) -> Services:
    """The one way in: the store opened (checked, migrated), the services built, the game brought up to date.

    For the command line, the window, screenshots, restores and the benches alike. ``create``: a new folder gets
    a database (else :class:`StoreError`). ``reading``: nothing is written unless the game is stale (the profile
    is made by the first write instead), so that a reading command never waits for the write lock.
    """
    store = Store.open(data_dir, create=create)
    try:
        services = Services(store, clock)
        if not reading:
            services.profile.ensure()
        services.game.ensure_current()  # a new app version or pack: rebuild the game before anything reads it
    except BaseException:
        store.close()  # a damaged page found while reading: the file may have to be moved aside
        raise
    return services
