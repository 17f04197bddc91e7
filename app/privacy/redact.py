"""The one privacy pipeline: a record of a section, as a preset lets it leave the machine.

Every exporter (JSON, CSV, later the share cards and the report) passes each record through a :class:`Redactor`;
nothing leaves beside it. Pseudonyms are made with a keyed HMAC from the profile's secret, never a plain hash
(a phone number or a nickname could be found again by hashing guesses), so they agree across the user's exports
and machines, and nobody without the secret can tie them back.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import tomllib
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from app.i18n import translate, translate_in
from app.privacy.classes import (
    CHANGES,
    KEYS,
    SECTIONS,
    Field,
    Sensitivity,
    Shape,
    change_field,
    entity_field,
    payload_field,
)
from app.privacy.presets import Action, Preset

KEPT_PARAMS_FILE = Path(__file__).with_name("kept_params.toml")
_DROP = object()  # what a generalisation returns for a field that goes


def vertical_label(vertical: object) -> str:
    labels = {
        "mother_baby": translate("privacy", "Mother & baby group"),
        "fresh_food": translate("privacy", "Fresh food group"),
        "digital": translate("privacy", "Digital goods group"),
        "home": translate("privacy", "Home goods group"),
        "beauty": translate("privacy", "Beauty group"),
    }
    return labels.get(str(vertical), translate("privacy", "Group"))


@functools.cache
def kept_params() -> dict[str, frozenset[str]]:
    """The per-domain keep-list of link parameters (app/privacy/kept_params.toml), longest domain first."""
    data = tomllib.loads(KEPT_PARAMS_FILE.read_text(encoding="utf-8"))
    domains = {str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in data["domains"].items()}
    return dict(sorted(domains.items(), key=lambda item: -len(item[0])))


def kept_link(url: str) -> str:
    """The link with only the query parameters its domain's keep-list names (no fragment, no user info)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    keep = next((params for domain, params in kept_params().items()
                 if host == domain or host.endswith("." + domain)), frozenset())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() in keep]
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, urlencode(query), ""))


class Redactor:
    """Applies one preset to records; ``secret`` is the profile's, ``tz`` its zone (a time's day is a local day)."""

    def __init__(self, preset: Preset, secret: str, tz: dt.tzinfo) -> None:
        self.preset = preset
        self.key = secret.encode("utf-8")
        self.tz = tz
        self.everything = preset.is_backup

    # -- sections ----------------------------------------------------------------------------------------------

    def rows_leave(self, section: str) -> bool:
        """Whether a section's records leave one by one (else only their count: their id is dropped). Pictures
        leave only with a preset that keeps their class: a generalised picture is none."""
        key = SECTIONS[section][KEYS.get(section, "id")]
        if key.shape == Shape.picture:
            return self.preset.action(key.sensitivity) == Action.keep
        return self.preset.action(key.sensitivity) != Action.drop

    def record(self, section: str, record: dict[str, Any]) -> dict[str, Any]:
        """The record as the preset lets it leave (fields dropped are absent)."""
        if self.everything:
            return record
        fields = SECTIONS[section]
        out: dict[str, Any] = {}
        for key, value in record.items():
            field = fields.get(key)
            if section == "activities" and key == "entity_id":
                field = entity_field(str(record.get("entity_type")))
            if section == "activities" and key == "payload":
                out[key] = self.payload(str(record.get("entity_type")), str(record.get("type")), value,
                                        record.get("entity_id"))
                continue
            made = self.value(field, value, record) if field is not None else _DROP
            if made is not _DROP:
                out[key] = made
        return out

    def payload(self, entity_type: str, type_: str, payload: Any, entity_id: Any) -> dict[str, Any]:
        """A log entry's payload, key by key; an unknown key is dropped (a backup keeps everything)."""
        if self.everything or not isinstance(payload, dict):
            return payload if isinstance(payload, dict) else {}
        deletion = type_.endswith(".deleted")
        context = {**payload, "entity_id": entity_id}
        out: dict[str, Any] = {}
        for key, value in payload.items():
            if key == CHANGES and isinstance(value, dict):
                out[key] = self._changes(entity_type, value, context)
                continue
            field = payload_field(entity_type, key, deletion=deletion)
            made = self.value(field, value, context) if field is not None else _DROP
            if made is not _DROP:
                out[key] = made
        return out

    def _changes(self, entity_type: str, changes: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, pair in changes.items():
            field = change_field(entity_type, key)
            if field is None or not isinstance(pair, list):
                continue
            if field.shape == Shape.nickname:
                field = Field(field.sensitivity, field.shape, owner="entity_id")
            made = [self.value(field, v, context) for v in pair]
            if all(m is not _DROP for m in made):
                out[key] = made
        return out

    # -- one value ----------------------------------------------------------------------------------------------

    def value(self, field: Field, value: Any, record: dict[str, Any]) -> Any:
        action = self.preset.action(field.sensitivity)
        if action == Action.keep:
            return value
        if action == Action.drop:
            return _DROP
        return self.generalise(field, value, record)

    def generalise(self, field: Field, value: Any, record: dict[str, Any]) -> Any:
        shape = field.shape
        if value is None or shape == Shape.plain:
            return value
        if shape in (Shape.text, Shape.secret):
            return _DROP
        if shape == Shape.time:
            return self.day(value)
        if shape == Shape.group_name:
            return vertical_label(record.get("vertical"))
        if shape == Shape.contact_id:
            return self.pseudo_id(value)
        if shape == Shape.nickname:
            owner = record.get(field.owner)
            return self.pseudonym(owner) if owner is not None else translate("privacy", "Member")
        if shape == Shape.link:
            return kept_link(str(value))
        return _DROP  # a shape this version does not know: nothing leaves

    def day(self, value: Any) -> Any:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return _DROP
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(self.tz).date().isoformat()

    def _mac(self, ident: Any) -> bytes:
        text = str(ident).strip().lower()
        return hmac.new(self.key, b"contact:" + text.encode("utf-8"), hashlib.sha256).digest()

    def pseudo_id(self, ident: Any) -> str:
        """A contact's id in an export that hides them: stable, unrelated to the real one without the secret."""
        return str(uuid.UUID(bytes=self._mac(ident)[:16], version=4))

    def pseudonym(self, ident: Any, lang: str | None = None) -> str:
        """"Member #7KQ2M9XA" in the language in force (or in ``lang``: an erased contact's, in the profile's)."""
        code = base64.b32encode(self._mac(ident)[16:21]).decode("ascii")  # 40 bits: 8 letters and digits
        if lang is not None:
            return translate_in(lang, "privacy", "Member #{code}").format(code=code)
        return translate("privacy", "Member #{code}").format(code=code)




__all__ = ["Redactor", "Sensitivity", "kept_link", "vertical_label"]
