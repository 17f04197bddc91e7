"""The profile: the one user of a data folder (display name, language, and the secret behind pseudonyms)."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select

from app.i18n import current_language
from app.model import Profile
from app.services import validate as v
from app.services.base import OpResult, Service
from app.services.records import columns

PROFILE_RULES: v.Rules = {
    "display_name": lambda x: v.optional_text(x, "name") or "",
    "locale": lambda x: "zh_CN" if str(x).lower().startswith("zh") else "en",
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
        """Create the profile if the folder has none (a fresh random secret; the language now in use)."""
        with self.tx() as tx:
            profile = tx.session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).first()
            if profile is None:
                profile = Profile(
                    display_name="", locale=current_language(), created_at=tx.now, secret=secrets.token_hex(32)
                )
                tx.session.add(profile)
                tx.session.flush()
                tx.touch("profile", profile.id)
            return tx.result("profile", profile.id, columns(profile))

    def edit(self, **fields: Any) -> OpResult:
        data = v.clean(fields, PROFILE_RULES)
        self.ensure()
        with self.tx() as tx:
            profile = tx.session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).one()
            for key, value in data.items():
                setattr(profile, key, value)
            tx.touch("profile", profile.id)
            return tx.result("profile", profile.id, columns(profile))
