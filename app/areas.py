"""The areas of the change contract: what a write can change, by name (docs/changes.md).

Plain names with no imports, so that the window can declare what its pages show before any database code loads;
``app/services/changes.py`` ties each area to its rows and files.
"""

from __future__ import annotations

GROUPS = "groups"  # groups and their activity windows
CONTACTS = "contacts"  # contacts and the groups they are met in
DEALS = "deals"  # deals, their price tiers and bargain cuts
HELPS = "helps"  # help exchanges
REQUESTS = "requests"  # help requests
LEDGER = "ledger"  # settlements ("we are even") and the balances kept from the helps
HISTORY = "history"  # the activity log: facts, corrections and the game's derived events
GAME = "game"  # any of the game's rows (state, points ledger, checkpoints) or its content (quest packs)
QUESTS = "quests"  # a quest chain's progress, a chain completed, or the chains installed
BADGES = "badges"  # an achievement's progress or tier
POINTS = "points"  # the points ledger (entries added or removed) or the score's points
LEVEL = "level"  # the score's level
PROFILE = "profile"  # the profile record (its name; created on first use)
SETTINGS = "settings"  # the profile's language and time zone: how every date, day and text is shown and counted
BACKUPS = "backups"  # the files in the data folder's backups/
PRIVACY = "privacy"  # the saved share presets and the audit log of exports
IMAGES = "images"  # the pictures (the profile's avatar, deals' screenshots); their owner's area comes with them

GAME_PARTS = frozenset({QUESTS, BADGES, POINTS, LEVEL})  # each comes with GAME
DATA = frozenset({
    GROUPS, CONTACTS, DEALS, HELPS, REQUESTS, LEDGER, HISTORY, GAME, *GAME_PARTS, PROFILE, SETTINGS, PRIVACY, IMAGES,
})
"""Every area the database holds: what replacing the database (a restore, a demo reset) reports."""
AREAS = DATA | {BACKUPS}
