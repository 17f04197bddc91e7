"""Every exported field's sensitivity class and how it is generalised: declared once, beside the schema.

An export is made of *sections* (``groups``, ``contacts``, … ``activities``, see docs/export.md) whose records keep
the field names of ``list … --json``; the log's payloads are classified key by key the same way. A field has a
:class:`Sensitivity` (what a preset decides on) and a :class:`Shape` (how "generalise" treats it). A test holds
that every column of the schema and every payload key the services write has a class here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Sensitivity(enum.StrEnum):
    safe = "safe"  # counts, kinds, badge ids, levels, my own non-identifying settings
    personal = "personal"  # my group names, deal titles, my notes, exact times, my records' ids and amounts
    third_party = "third_party"  # contacts' nicknames and handles, their notes, links' query parameters


class Shape(enum.StrEnum):
    """What "generalise" makes of a field."""

    plain = "plain"  # kept as it is (an id of my own record, an amount, a kind)
    text = "text"  # free text (notes, titles, names of mine): dropped
    time = "time"  # an exact time: its local day, ``YYYY-MM-DD``
    group_name = "group_name"  # a group's name: a label of its vertical ("Mother & baby group")
    contact_id = "contact_id"  # a contact's id (or a reference to one): a keyed pseudonymous id
    nickname = "nickname"  # a contact's nickname: their pseudonym, "Member #7KQ2M9XA"
    link = "link"  # a product link: only the query parameters on the domain's keep-list
    secret = "secret"  # the profile's secret (it can tie pseudonyms back to ids): dropped
    picture = "picture"  # a stored picture (an avatar, a deal's screenshot): leaves whole when kept, else not at all


@dataclass(frozen=True)
class Field:
    sensitivity: Sensitivity
    shape: Shape = Shape.plain
    owner: str = "id"  # for a nickname: the field holding the contact's id (its pseudonym is made from it)


SAFE = Field(Sensitivity.safe)
MINE = Field(Sensitivity.personal)  # an id of my own record, an amount, a figure: kept when generalised
TEXT = Field(Sensitivity.personal, Shape.text)
TIME = Field(Sensitivity.personal, Shape.time)
CONTACT = Field(Sensitivity.third_party, Shape.contact_id)
THEIRS = Field(Sensitivity.third_party, Shape.text)  # a handle or note about someone else
PICTURE = Field(Sensitivity.personal, Shape.picture)  # a picture's fields: only a preset that keeps personal data

SECTIONS: dict[str, dict[str, Field]] = {
    "profile": {
        "id": MINE, "display_name": TEXT, "locale": SAFE, "timezone": SAFE, "rest_days": SAFE, "created_at": TIME,
        "avatar_id": PICTURE,
        # The secret makes the pseudonyms: it leaves only with the third-party data it protects (a backup).
        "secret": Field(Sensitivity.third_party, Shape.secret),
    },
    "groups": {
        "id": MINE, "name": Field(Sensitivity.personal, Shape.group_name), "platform": SAFE, "vertical": SAFE,
        "my_role": SAFE, "rules": TEXT, "daily_request_limit": SAFE, "joined_at": TIME, "left_at": TIME,
        "archived": SAFE, "notes": TEXT, "created_at": TIME, "updated_at": TIME, "windows": MINE,
    },
    "contacts": {
        "id": CONTACT, "nickname": Field(Sensitivity.third_party, Shape.nickname), "wechat_id": THEIRS,
        "phone": THEIRS, "trust": MINE, "notes": THEIRS, "archived": SAFE, "created_at": TIME, "updated_at": TIME,
        "group_ids": MINE,
    },
    "deals": {
        "id": MINE, "kind": SAFE, "title": TEXT, "url": Field(Sensitivity.third_party, Shape.link),
        "group_id": MINE, "mine": SAFE, "original_fen": MINE, "target_fen": MINE, "current_fen": MINE,
        "participants_needed": SAFE, "participants_joined": SAFE, "deadline": TIME, "status": SAFE,
        "started_at": TIME, "closed_at": TIME, "archived": SAFE, "notes": TEXT, "created_at": TIME,
        "updated_at": TIME, "tiers": MINE, "url_verdict": SAFE, "url_reasons": SAFE, "image_id": PICTURE,
    },
    "cuts": {"id": MINE, "deal_id": MINE, "help_id": MINE, "contact_id": CONTACT, "amount_fen": MINE, "at": TIME},
    "requests": {"id": MINE, "group_id": MINE, "deal_id": MINE, "at": TIME, "note": TEXT, "created_at": TIME},
    "helps": {
        "id": MINE, "direction": SAFE, "kind": SAFE, "contact_id": CONTACT, "group_id": MINE, "deal_id": MINE,
        "amount_fen": MINE, "at": TIME, "note": TEXT, "created_at": TIME,
    },
    "settlements": {
        "id": MINE, "contact_id": CONTACT, "at": TIME, "note": TEXT, "how": MINE, "amount_fen": MINE, "helps": MINE,
    },
    "activities": {
        "seq": MINE, "id": MINE, "type": SAFE, "kind": SAFE, "at": TIME, "recorded_at": TIME, "entity_type": SAFE,
        # A contact's facts name the contact: classed by the entity (see :func:`entity_field`).
        "entity_id": MINE, "payload": MINE, "corrects": MINE, "superseded_by": MINE,
    },
    # The user's own presets and the audit of their exports (a backup carries them, so that its import is whole).
    "presets": {"name": MINE, "safe": SAFE, "personal": SAFE, "third_party": SAFE, "created_at": TIME},
    "exports": {
        "id": MINE, "at": TIME, "preset": MINE, "classes": SAFE, "format": SAFE, "file_name": TEXT, "counts": SAFE,
        "records": SAFE,
    },
    # The pictures (already clean: re-encoded from their pixels when brought in), ``data`` in base64.
    "images": {"id": PICTURE, "mime": PICTURE, "width": PICTURE, "height": PICTURE, "data": PICTURE,
               "created_at": PICTURE},
}
KEYS = {"presets": "name"}  # the field that names a section's record (the others: "id")

# The sections of the log's entity types: a payload's ``changes`` and a deletion's copy hold that section's fields.
ENTITY_SECTIONS = {
    "group": "groups", "contact": "contacts", "deal": "deals", "cut": "cuts", "request": "requests",
    "help": "helps", "settlement": "settlements",
}

PAYLOAD: dict[str, Field] = {
    # the snapshot every fact carries (app.services.base.snapshot)
    "group_id": MINE, "group_vertical": SAFE, "group_platform": SAFE, "group_role": SAFE,
    "group_request_limit": SAFE, "in_window": SAFE, "contact_id": CONTACT, "contact_trust": MINE, "kind": SAFE,
    "deal_id": MINE, "deal_kind": SAFE, "amount_fen": MINE,
    # what some facts and corrections add
    "cut_id": MINE, "balance": MINE, "previous_trust": MINE, "previous_status": SAFE, "over_limit": SAFE,
    "requests_today": SAFE, "replacement": MINE, "moved_records": SAFE, "late": SAFE, "deal_unpriced": SAFE,
    "participants": SAFE,
    "erased": SAFE, "merged": SAFE, "rewritten": SAFE,  # contact.erased: field names and counts, never values
    # link.flagged: the link as the user gave it, the offline check's verdict and reasons then, the user's note
    "url": Field(Sensitivity.third_party, Shape.link), "verdict": SAFE, "reasons": SAFE, "note": THEIRS,
    # privacy.preset_saved and export.made: the preset's name (the user's), the format, the records, the preview
    "preset": MINE, "replaced": SAFE, "format": SAFE, "records": SAFE, "previewed": SAFE,
    "kept_id": CONTACT, "merged_id": CONTACT, "how": MINE, "helps": MINE,
    "merged_nickname": Field(Sensitivity.third_party, Shape.nickname, owner="merged_id"),
    # deletions copy the record's name (its other fields, for helps and requests, are the section's)
    "nickname": Field(Sensitivity.third_party, Shape.nickname, owner="entity_id"),
    "title": TEXT, "name": Field(Sensitivity.personal, Shape.group_name),
    # the game's events (derived: exported by no preset today, classified for when they are)
    "achievement_id": SAFE, "tier": SAFE, "tier_name": SAFE, "source_activity_id": MINE, "level": SAFE,
    "chain_id": SAFE, "period": SAFE, "points": SAFE, "step_id": SAFE,
}
CHANGES = "changes"  # {field: [old, new]} of the entity's section


def entity_field(entity_type: str) -> Field:
    """The class of an activity's ``entity_id``: a contact's facts point at the contact."""
    return CONTACT if entity_type == "contact" else MINE


# Keys of a correction's ``changes`` that name a field by another name than its section's.
CHANGE_ALIASES = {("contact", "groups"): "group_ids"}


def change_field(entity_type: str, key: str) -> Field | None:
    """The class of a key of a correction's ``changes``: the entity's section's field of that name."""
    section = SECTIONS.get(ENTITY_SECTIONS.get(entity_type, ""), {})
    return section.get(CHANGE_ALIASES.get((entity_type, key), key))


def payload_field(entity_type: str, key: str, *, deletion: bool = False) -> Field | None:
    """The class of a payload key (None: unknown, which an export refuses to guess about and drops).

    A deletion's payload copies the record: its keys are the entity's section's fields first.
    """
    if deletion:
        found = SECTIONS.get(ENTITY_SECTIONS.get(entity_type, ""), {}).get(key)
        if found is not None and key != "nickname":
            return found
    return PAYLOAD.get(key)
