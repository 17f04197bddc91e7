"""``export --format badges``: each earned badge tier as an Open Badges 3.0 baked PNG, all in one zip.

A baked badge is the tier's art (``app/quests/badges.py``) with one uncompressed iTXt chunk ``openbadgecredential``
holding the OpenBadgeCredential JSON (the W3C Verifiable Credential data model), and no other metadata chunk.
The credential is self-issued and unsigned: the issuer is the user's profile, the recipient the same profile,
its id salted and hashed. The preset decides what the credential says of the user (docs/export.md):

- personal data kept: the profile's id and display name as the issuer, the exact time each tier was earned;
- generalised: a pseudonymous issuer id (keyed by the profile's secret), no name, the day it was earned;
- dropped: the pseudonymous issuer, no name, and the day of the export as ``validFrom``.

Nobody else's data is in a badge under any preset. The zip is written beside the target and renamed at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.clock import iso
from app.errors import Cancelled
from app.files import atomic_output
from app.i18n import current_language, translate
from app.model import Activity, ActivityKind, Profile
from app.privacy.classes import Sensitivity
from app.privacy.presets import Action, Preset
from app.privacy.redact import Redactor
from app.quests.schema import TIER_NAMES, Achievement
from app.services import Services
from app.services.game_badges import UNLOCKED
from app.services.game_views import measure_text

KEYWORD = "openbadgecredential"
CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SIZE = 256  # px: the art at the size badge displays use
CACHE = ("cache", "badges")  # the badge art's cache in the data folder (the Badges page's)
_ACHIEVEMENTS = uuid.UUID("6f0d3c1e-4b1a-5c57-9e0b-7a1f2c3d4e5f")  # names the achievements' ids (uuid5)


@dataclass(frozen=True)
class Earned:
    """One earned tier of an achievement, and when (``None``: the award's entry was not found)."""

    achievement: Achievement
    tier: int
    at: dt.datetime | None


@dataclass(frozen=True)
class Issuer:
    """Who the badges are from and to: the profile, as the preset lets it show."""

    profile_id: str  # the real id: only ever hashed (with a salt) into the recipient's identity
    id: str  # the issuer's URI: the profile's id, or a pseudonymous one
    name: str | None


def earned_tiers(services: Services, lang: str) -> list[Earned]:
    """Every tier earned, of every achievement, in the catalogue's order; each with the time of its award."""
    catalogue = services.game.catalogue
    earned = {row["id"]: int(row["earned_tier"]) for row in services.game.badges(lang) if row["earned_tier"] > 0}
    times: dict[tuple[str, int], dt.datetime] = {}
    if earned:
        with services.store.read() as session:
            query = (select(Activity.at, Activity.payload)
                     .where(Activity.kind == ActivityKind.derived, Activity.type == UNLOCKED)
                     .order_by(Activity.seq))
            for at, payload in session.execute(query):
                key = (str(payload.get("achievement_id")), int(payload.get("tier", 0)))
                times[key] = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    out: list[Earned] = []
    for achievement in catalogue.achievements:
        for tier in range(1, earned.get(achievement.id, 0) + 1):
            out.append(Earned(achievement, tier, times.get((achievement.id, tier))))
    return out


def issuer(services: Services, preset: Preset) -> Issuer:
    """The profile as the issuer: its id and name when the preset keeps personal data, else a keyed pseudonym."""
    services.profile.ensure()
    with services.store.read() as session:
        profile = session.scalars(select(Profile).order_by(Profile.created_at).limit(1)).one()
        real, name, secret = str(profile.id), profile.display_name.strip(), profile.secret
    if preset.action(Sensitivity.personal) == Action.keep:
        return Issuer(real, f"urn:uuid:{real}", name or None)
    mac = hmac.new(secret.encode("utf-8"), b"profile:" + real.encode("utf-8"), hashlib.sha256).digest()
    return Issuer(real, f"urn:uuid:{uuid.UUID(bytes=mac[:16], version=4)}", None)


def identity_hash(identity: str, salt: str) -> str:
    """Open Badges' IdentityHash: ``sha256$`` and the hex SHA-256 of the identifier with the salt appended."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def valid_from(earned: Earned, preset: Preset, redactor: Redactor, now: dt.datetime) -> str:
    """When the credential is valid from: the award's time, its day, or the export's day (personal dropped)."""
    action = preset.action(Sensitivity.personal)
    if action == Action.keep and earned.at is not None:
        return iso(earned.at)
    if action == Action.generalise and earned.at is not None:
        return f"{redactor.day(iso(earned.at))}T00:00:00Z"
    return f"{now.astimezone(dt.UTC).date().isoformat()}T00:00:00Z"


def tier_label(tier: int) -> str:
    from app.cli.reports import tier_names

    name = TIER_NAMES[tier - 1]
    return tier_names().get(name, name)


def criteria(achievement: Achievement, tier: int, lang: str) -> str:
    """What earning the tier took, in words: the goal and the tier's threshold."""
    from app.quests.goals import unit_of_metric

    unit = unit_of_metric(achievement.metric)
    threshold = achievement.tiers[tier - 1]
    amount = (translate("badges", "{count} days").format(count=f"{threshold:,}") if unit == "days"
              else measure_text(threshold, unit))
    return translate("badges", "{goal} The {tier} tier is earned at {amount}.").format(
        goal=achievement.description.get(lang).strip(), tier=tier_label(tier), amount=amount)


def credential(earned: Earned, who: Issuer, when: str, lang: str, secret: str) -> dict[str, Any]:
    """The OpenBadgeCredential of one earned tier (Open Badges 3.0, VC data model 2.0), unsigned."""
    achievement, tier = earned.achievement, earned.tier
    title = achievement.title.get(lang)
    name = translate("badges", "{title} ({tier})").format(title=title, tier=tier_label(tier))
    key = f"{achievement.id}/{TIER_NAMES[tier - 1]}"
    # Stable per profile and tier (a wallet sees a new export as the same credential), unlinkable without the secret.
    mac = hmac.new(secret.encode("utf-8"), b"badge:" + key.encode("utf-8"), hashlib.sha256).digest()
    salt = secrets.token_hex(16)
    issuer_profile: dict[str, Any] = {"id": who.id, "type": ["Profile"]}
    if who.name:
        issuer_profile["name"] = who.name
    return {
        "@context": list(CONTEXT),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "id": f"urn:uuid:{uuid.UUID(bytes=mac[:16], version=4)}",
        "name": name,
        "issuer": issuer_profile,
        "validFrom": when,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash(who.profile_id, salt),
                "identityType": "identifier",
                "hashed": True,
                "salt": salt,
            }],
            "achievement": {
                "id": f"urn:uuid:{uuid.uuid5(_ACHIEVEMENTS, 'pintuan-quest/' + key)}",
                "type": ["Achievement"],
                "name": name,
                "description": achievement.description.get(lang),
                "criteria": {"narrative": criteria(achievement, tier, lang)},
            },
        },
    }


def member_name(earned: Earned) -> str:
    """The file of one tier in the zip: ``<achievement>-<tier>.png``."""
    return f"{earned.achievement.id}-{TIER_NAMES[earned.tier - 1]}.png"


def badge_art(services: Services, achievement: Achievement, tier: int, size: int, lang: str) -> bytes:
    """A tier's picture at ``size`` px, from the badge art's cache in the data folder (drawn when missing)."""
    from app.quests.badges import badge_path, render_badge

    folder = services.store.data_dir.joinpath(*CACHE)
    try:
        return badge_path(folder, achievement, tier, size, lang).read_bytes()
    except OSError:  # a cache that cannot be written is no reason to fail an export
        return render_badge(achievement, tier, size, lang)


def write_badges(services: Services, preset: Preset, target: Path, *,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """Write the zip of baked badges; how many it holds. A preset that drops the safe class (badges) writes an
    empty zip."""
    from app.exchange.png_chunks import bake

    lang = current_language()
    tiers = earned_tiers(services, lang) if preset.action(Sensitivity.safe) != Action.drop else []
    who = issuer(services, preset)
    secret = services.privacy.secret()
    redactor = Redactor(preset, secret, services.clock.tz)
    now = services.clock.now()
    with atomic_output(target) as file, zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as archive:
        for done, earned in enumerate(tiers):
            if cancelled is not None and cancelled():
                raise Cancelled(translate("export", "The export was cancelled; no file was written."))
            document = credential(earned, who, valid_from(earned, preset, redactor, now), lang, secret)
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            info = zipfile.ZipInfo(member_name(earned), date_time=(1980, 1, 1, 0, 0, 0))  # no time: it is personal
            picture = badge_art(services, earned.achievement, earned.tier, SIZE, lang)
            archive.writestr(info, bake(picture, KEYWORD, text))
            if progress is not None:
                progress(done + 1, len(tiers))
    return len(tiers)
