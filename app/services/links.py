"""Links the user flagged as suspicious: one ``link.flagged`` fact each, with the offline check's verdict then.

The fact's entity is the link itself (``entity_type`` ``link``), whether or not a deal carries it: its id is
:func:`link_id`, a UUID 5 of the link's normalised form, so the same product link flagged twice (from two deals,
or shared with other tracking parameters) has one entity id. A deal the link belongs to is named by the payload's
``deal_id`` (and the snapshot of the deal's group), not by the entity: deleting the deal afterwards, the natural
next step after flagging a fraud, supersedes the deal's own facts but never the flag (docs/activities.md).
"""

from __future__ import annotations

import uuid
from typing import Any

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import INPUT_SLACK, URL_MAX
from app.model import Deal, Group
from app.privacy.links import judge, normalise_url
from app.services import validate as v
from app.services.base import OpResult, Service, get, snapshot
from app.text import has_surrogate

# The namespace of the links' entity ids (uuid5 of the normalised link): fixed, so that an import or another
# installation gives the same link the same id.
LINK_NAMESPACE = uuid.UUID("0b9a3f52-6c1e-4d8b-9e27-5a4f1c7d2e60")


def link_id(url: str) -> uuid.UUID:
    """The entity id of a link: a UUID 5 of its normalised form, or of the trimmed text when it is not a web link
    (``javascript:…`` cannot be normalised, and is flagged all the same)."""
    text = url.strip()
    try:
        key = normalise_url(text)
    except InvalidInput:
        key = text
    return uuid.uuid5(LINK_NAMESPACE, key)


def _checked_url(url: object) -> str:
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput(translate("validation", "Give the link to flag."), "url")
    if len(url) > URL_MAX * INPUT_SLACK or has_surrogate(url):
        raise InvalidInput(translate("validation", "The link is too long or not text; it cannot be flagged."), "url")
    return url.strip()[:URL_MAX * INPUT_SLACK]


class LinkService(Service):
    """The only writer of ``link.flagged``."""

    def flag(self, url: str | None = None, *, deal: str | None = None, note: str = "") -> OpResult:
        """Record that the user found ``url`` suspicious (a deal's own link when only ``deal`` is given).

        The payload: the snapshot (the deal and its group when there is one), ``url`` as given (trimmed),
        ``verdict`` and ``reasons`` of :func:`app.privacy.links.judge` at this moment, and ``note``.
        """
        text_note = v.note(note)
        with self.tx() as tx:
            found = get(tx.session, Deal, deal) if deal else None
            if url is None or not str(url).strip():
                if found is None or not found.url:
                    raise InvalidInput(translate("validation", "Give the link to flag."), "url")
                url = found.url
            link = _checked_url(url)
            check = judge(link)
            group = tx.session.get(Group, found.group_id) if found is not None and found.group_id else None
            payload: dict[str, Any] = snapshot(tz=self.clock.tz, at=tx.now, group=group, deal=found)
            payload.update({"url": link, "verdict": str(check.verdict), "reasons": list(check.reasons),
                            "note": text_note})
            entity = link_id(link)
            tx.append("link.flagged", "link", entity, payload)
            record = {"id": str(entity), "url": link, "verdict": str(check.verdict), "reasons": list(check.reasons),
                      "deal_id": payload["deal_id"], "note": text_note}
            return tx.result("link", entity, record)
