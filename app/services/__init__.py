"""Use cases: the only code that writes. Each call is one transaction and returns what changed."""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import Clock
from app.quests.game import Game
from app.services.contacts import ContactService
from app.services.deals import DealService
from app.services.groups import GroupService
from app.services.helps import HelpService, RequestService
from app.services.ledger import LedgerService
from app.services.profile import ProfileService
from app.services.queries import QueryService
from app.store import Store


@dataclass
class Services:
    """The services over one store and clock, built once at start-up and passed to whoever needs them."""

    store: Store
    clock: Clock

    def __post_init__(self) -> None:
        self.game = Game(self.store, self.clock)
        game = self.game
        self.groups = GroupService(self.store, self.clock, game)
        self.contacts = ContactService(self.store, self.clock, game)
        self.deals = DealService(self.store, self.clock, game)
        self.requests = RequestService(self.store, self.clock, game)
        self.helps = HelpService(self.store, self.clock, game)
        self.ledger = LedgerService(self.store, self.clock, game)
        self.queries = QueryService(self.store, self.clock)
        self.profile = ProfileService(self.store, self.clock, game)
