"""The profile: the one user of a data folder (name, language, time zone, and the secret behind pseudonyms)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select

from app.clock import ZonedClock, find_zone, zone_name
from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.model import Profile
from app.services import validate as v
from app.services.base import OpResult, Service
from app.services.game import GameService
from app.services.records import columns


def time_zone(value: Any) -> str:
    """An IANA zone name as the zone database spells it (``asia/shanghai`` gives ``Asia/Shanghai``)."""
    zone = find_zone(str(value or ""))
    if zone is None:
        raise InvalidInput(
            translate("validation", "'{zone}' is not a time zone: give a name such as Asia/Shanghai.").format(
                zone=str(value)[:100]
            ),
            "timezone",
        )
    return zone.key


PROFILE_RULES: v.Rules = {
    "display_name": lambda x: v.optional_text(x, "name") or "",
    "locale": lambda x: "zh_CN" if str(x).lower().startswith("zh") else "en",
    "timezone": time_zone,
}


class ProfileService(Service):
    """Reads the profile, creating it on first use, and edits it."""

    def get(self) -> dict[str, Any]:
        with self.store.read() as session:
            profile = session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).first()
            if profile is not None:
                return columns(profile)
        return self.ensure().record or {}

    def ensure(self) -> OpResult:
        """Create the profile if the folder has none (a fresh random secret; the language and zone now in use)."""
        with self.tx() as tx:
            profile = tx.session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).first()
            if profile is None:
                profile = Profile(
                    display_name="", locale=current_language(), created_at=tx.now, secret=secrets.token_hex(32),
                    timezone=zone_name(self.clock.tz),
                )
                tx.session.add(profile)
                tx.session.flush()
                tx.touch("profile", profile.id)
            return tx.result("profile", profile.id, columns(profile))

    def edit(self, **fields: Any) -> OpResult:
        """Change the name, language or time zone; a new zone rebuilds the game in the same transaction."""
        data = v.clean(fields, PROFILE_RULES)
        self.ensure()
        new_zone: dt.tzinfo | None = None
        with self.tx() as tx:
            profile = tx.session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).one()
            zone = data.pop("timezone", profile.timezone)
            for key, value in data.items():
                setattr(profile, key, value)
            if zone != profile.timezone:
                # Every day key, daily quest and streak depends on the zone: rebuild the game from the facts now,
                # so that the stored state is never one built in another zone.
                profile.timezone = zone
                new_zone = find_zone(zone)
                assert new_zone is not None
                self._game().recompute_in(tx.session, new_zone)
            tx.touch("profile", profile.id)
            result = tx.result("profile", profile.id, columns(profile))
        if new_zone is not None and isinstance(self.clock, ZonedClock):
            self.clock.zone = new_zone  # committed: from now on, this store's days are the new zone's
        return result

    def set_timezone(self, name: str) -> OpResult:
        """Store the user's IANA time zone and rebuild the game in it (bad names raise ``InvalidInput``)."""
        return self.edit(timezone=name)

    def _game(self) -> GameService:
        return self.game if isinstance(self.game, GameService) else GameService(self.store, self.clock)
