"""Someone or some group named for the first time while logging: the quick log offers to add them with the entry
(as Splitwise adds a friend while adding an expense), in the entry's own transaction, so a refused entry adds
nobody."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.errors import Ambiguous, NotFound
from app.model import Base, Contact, Group
from app.services.base import Tx, get, parse_uuid
from app.services.commands import CreateContact, CreateGroup
from app.services.contacts import add_contact
from app.services.groups import add_group

# The fields of an entry that may name someone or a group new to the log, with their record and how to make one.
NEW: dict[str, tuple[type[Base], type[CreateContact] | type[CreateGroup], str]] = {
    "group": (Group, CreateGroup, "name"),
    "contact": (Contact, CreateContact, "nickname"),
}


def is_new(session: Session, model: type[Base], ref: object) -> bool:
    """Whether ``ref`` is a name no record of ``model`` has (an id that finds nothing is no name to add)."""
    if not isinstance(ref, str) or not ref.strip() or parse_uuid(ref) is not None:
        return False
    try:
        get(session, model, ref)
    except NotFound:
        return True
    except Ambiguous:
        return False
    return False


def new_names(session: Session, data: Mapping[str, Any]) -> dict[str, str]:
    """The fields of ``data`` (``group``, ``contact``) that name someone new: field -> the name."""
    return {key: str(data[key]).strip() for key, (model, _, _) in NEW.items()
            if key in data and is_new(session, model, data[key])}


def add_new(tx: Tx, data: Mapping[str, Any]) -> None:
    """Add the group and the contact ``data`` names and no record has: the group first, so that a new contact
    named with it is one of its members."""
    names = new_names(tx.session, data)
    if "group" in names:
        add_group(tx, CreateGroup.of({"name": names["group"]}).clean())
    if "contact" in names:
        group = data.get("group")
        add_contact(tx, CreateContact.of({"nickname": names["contact"], "groups": [group] if group else []}).clean())
