"""The profile: the one user of a data folder (name, language, time zone, and the secret behind pseudonyms)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select

from app.clock import ZonedClock, find_zone, zone_name
from app.errors import InvalidInput
from app.i18n import current_language, translate
from app.limits import AVATAR_SIDE_MAX
from app.model import Profile
from app.services import validate as v
from app.services.base import OpResult, Service, Tx
from app.services.changes import COLUMN_AREAS, PROFILE
from app.services.game import GameService
from app.services.images import ImageSource, add_image, cleaned, drop_image
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


def rest_days(value: Any) -> int:
    """Missed days a week a streak bridges: 0 to 3."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = -1
    if not 0 <= days <= 3 or isinstance(value, bool):
        raise InvalidInput(translate("validation", "Rest days must be a whole number from 0 to 3."), "rest_days")
    return days


PROFILE_RULES: v.Rules = {
    "display_name": lambda x: v.optional_text(x, "name") or "",
    "locale": lambda x: "zh_CN" if str(x).lower().startswith("zh") else "en",
    "timezone": time_zone,
    "rest_days": rest_days,
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
            profile = self._ensure(tx)
            return tx.result("profile", profile.id, columns(profile))

    def _ensure(self, tx: Tx) -> Profile:
        profile = tx.session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).first()
        if profile is None:
            profile = Profile(
                display_name="", locale=current_language(), created_at=tx.now, secret=secrets.token_hex(32),
                timezone=zone_name(self.clock.tz),
            )
            tx.session.add(profile)
            tx.session.flush()
            tx.touch("profile", profile.id)
            # A new row: every column's area, the language and zone (settings) with the rest.
            tx.changes.mark(*{COLUMN_AREAS.get(("profile", c.key), PROFILE) for c in Profile.__table__.columns})
        return profile

    def edit(self, **fields: Any) -> OpResult:
        """Change the name, language or time zone; a new zone rebuilds the game in the same transaction."""
        data = v.clean(fields, PROFILE_RULES)
        new_zone: dt.tzinfo | None = None
        with self.tx() as tx:
            profile = self._ensure(tx)
            zone = data.pop("timezone", profile.timezone)
            recount = "rest_days" in data and data["rest_days"] != profile.rest_days
            for key, value in data.items():
                if getattr(profile, key) != value:
                    setattr(profile, key, value)
                    self._changed(tx, profile, key)
            if recount and zone == profile.timezone:  # streaks count otherwise: rebuild the game now
                tx.session.flush()  # the engine reads the new rest days in this transaction
                self._game().recompute_in(tx, find_zone(profile.timezone) or self.clock.tz)
            if zone != profile.timezone:
                # Every day key, daily quest and streak depends on the zone: rebuild the game from the facts now,
                # so that the stored state is never one built in another zone.
                profile.timezone = zone
                self._changed(tx, profile, "timezone")
                new_zone = find_zone(zone)
                assert new_zone is not None
                tx.session.flush()
                self._game().recompute_in(tx, new_zone)
            result = tx.result("profile", profile.id, columns(profile))
        if new_zone is not None and isinstance(self.clock, ZonedClock):
            self.clock.zone = new_zone  # committed: from now on, this store's days are the new zone's
        return result

    @staticmethod
    def _changed(tx: Tx, profile: Profile, column: str) -> None:
        """The language and the zone are settings (COLUMN_AREAS); the rest is the profile record."""
        area = COLUMN_AREAS.get(("profile", column))
        if area is None:
            tx.touch("profile", profile.id)
        else:
            tx.changes.mark(area)

    def set_avatar(self, source: ImageSource) -> OpResult:
        """Set the avatar from a picture (a path or bytes: cleaned, at most AVATAR_SIDE_MAX pixels a side), or take
        it away (None or ""); the picture it replaces is deleted. A refused file raises InvalidInput: nothing is
        written."""
        picture = cleaned(source, AVATAR_SIDE_MAX)
        with self.tx() as tx:
            profile = self._ensure(tx)
            old = profile.avatar_id
            if picture is None and old is None:
                return tx.result("profile", profile.id, columns(profile))
            profile.avatar_id = add_image(tx, picture) if picture is not None else None
            tx.touch("profile", profile.id)
            tx.session.flush()
            drop_image(tx, old)
            return tx.result("profile", profile.id, columns(profile))

    def set_rest_days(self, days: int) -> OpResult:
        """Missed days a week a streak bridges (0 to 3), and the game counted again with them."""
        return self.edit(rest_days=days)

    def set_timezone(self, name: str) -> OpResult:
        """Store the user's IANA time zone and rebuild the game in it (bad names raise ``InvalidInput``)."""
        return self.edit(timezone=name)

    def _game(self) -> GameService:
        return self.game if isinstance(self.game, GameService) else GameService(self.store, self.clock)
