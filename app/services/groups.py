"""Groups (社群): create, edit, archive, delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.errors import InvalidInput
from app.i18n import translate
from app.model import ActivityWindow, ContactGroup, Deal, Group, HelpExchange, HelpRequest, Platform, Role, Vertical
from app.services import validate as v
from app.services.base import OpResult, Service, Tx, current_facts, get, references, snapshot
from app.services.commands import CreateGroup, EditGroup, left_before_joined
from app.services.records import group_record, plain


def add_group(tx: Tx, data: dict[str, Any]) -> Group:
    """A new group from checked ``data`` (``CreateGroup``), in ``tx``: also for a help that names a new group."""
    windows = data.pop("windows", [])
    group = Group(created_at=tx.now, updated_at=tx.now, **data)
    group.platform = data.get("platform", Platform.wechat)
    group.vertical = data.get("vertical", Vertical.other)
    group.my_role = data.get("my_role", Role.member)
    group.windows = [ActivityWindow(weekday=d, start=s, end=e) for d, s, e in windows]
    tx.session.add(group)
    tx.session.flush()
    joined(tx, group)
    if group.left_at is not None:
        left(tx, group)
    tx.touch("group", group.id)
    return group


def joined(tx: Tx, group: Group) -> None:
    at = group.joined_at or tx.now
    tx.append("group.joined", "group", group.id, snapshot(tz=tx.clock.tz, at=at, group=group), at=at)


def left(tx: Tx, group: Group) -> None:
    assert group.left_at is not None
    tx.append("group.left", "group", group.id, snapshot(tz=tx.clock.tz, at=group.left_at, group=group),
              at=group.left_at)


class GroupService(Service):
    """The only writer of groups."""

    def create(self, **fields: Any) -> OpResult:
        data = CreateGroup.of(fields).clean()
        with self.tx() as tx:
            group = add_group(tx, data)
            return tx.result("group", group.id, group_record(group))


    def edit(self, ref: str, *, forget_old: bool = False, **fields: Any) -> OpResult:
        """Change a group; ``forget_old``: the old values of the rules or notes this edit changes are taken out of
        the history, the file and its backups too (docs/privacy.md, "Erasure")."""
        from app.services.erasure import forget_in, with_cleanup

        data = EditGroup.of(fields).clean()
        scrubs = []
        with self.tx() as tx:
            group = get(tx.session, Group, ref)
            changes: dict[str, list[Any]] = {}
            for key, value in data.items():
                if key == "windows":
                    old = [(w.weekday, w.start, w.end) for w in group.windows]
                    if old != value:
                        changes[key] = [[v.format_window(*w) for w in old], [v.format_window(*w) for w in value]]
                        group.windows = [ActivityWindow(weekday=d, start=s, end=e) for d, s, e in value]
                elif getattr(group, key) != value:
                    changes[key] = [plain(getattr(group, key)), plain(value)]
                    setattr(group, key, value)
            if group.joined_at and group.left_at and group.left_at < group.joined_at:
                raise left_before_joined()
            if not changes:
                return tx.result("group", group.id, group_record(group))
            group.updated_at = tx.now
            tx.session.flush()
            replaced = []
            if "joined_at" in changes:
                replaced += current_facts(tx.session, group.id, ["group.joined"])
            if "left_at" in changes:
                replaced += current_facts(tx.session, group.id, ["group.left"])
            tx.correct("group.edited", "group", group.id, {"changes": changes}, replaces=replaced)
            if "joined_at" in changes:
                joined(tx, group)
            if "left_at" in changes and group.left_at is not None:
                left(tx, group)
            tx.touch("group", group.id)
            if forget_old and (scrub := forget_in(tx, "group", group, changes, self.game)) is not None:
                scrubs.append(scrub)
            result = tx.result("group", group.id, group_record(group))
        return with_cleanup(self, result, scrubs)

    def archive(self, ref: str, archived: bool = True) -> OpResult:
        return self.edit(ref, archived=archived)

    def delete(self, ref: str) -> OpResult:
        """Delete a group that nothing refers to; one with history must be archived instead."""
        with self.tx() as tx:
            group = get(tx.session, Group, ref)
            used = references(tx.session, (HelpExchange, HelpRequest, Deal), "group_id", group.id)
            if used:
                raise InvalidInput(
                    translate(
                        "validation",
                        "The group '{name}' has {count} helps, requests or deals: archive it instead of deleting.",
                    ).format(name=group.name, count=used),
                )
            # The database deletes the group's links with it: the contacts met there no longer list it.
            for ident in tx.session.scalars(select(ContactGroup.contact_id).where(ContactGroup.group_id == group.id)):
                tx.touch("contact", ident)
            return tx.remove(group, "group", {"name": group.name})
