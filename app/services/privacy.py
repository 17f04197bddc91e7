"""Share presets (built in and the user's) and the audit log of exports: the writes and reads of the privacy page."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.clock import iso
from app.errors import InvalidInput, NotFound
from app.i18n import translate
from app.model import ExportAudit, Profile, SharePreset
from app.privacy.classes import Sensitivity
from app.privacy.presets import BUILT_IN, Preset, check_action, check_name, describe
from app.services.base import OpResult, Service, snapshot

PRESET_FIELDS = tuple(s.value for s in Sensitivity)
# The namespace of the presets' entity ids in the log (a preset is keyed by its name): uuid5(PRESET_NAMESPACE, name).
PRESET_NAMESPACE = uuid.UUID("7d41c2a9-3e58-4b6f-8a10-c95e2b7f4d13")


def preset_id(name: str) -> uuid.UUID:
    """The entity id of a preset of the user's in the log's ``privacy.preset_saved`` facts."""
    return uuid.uuid5(PRESET_NAMESPACE, name)


class PrivacyService(Service):
    """The only writer of share presets and of the export audit."""

    # -- presets ----------------------------------------------------------------------------------------------

    def presets(self) -> list[Preset]:
        """The built-in presets, then the user's by name."""
        with self.store.read() as session:
            rows = session.scalars(select(SharePreset).order_by(SharePreset.name)).all()
            custom = [Preset(r.name, check_action(r.safe, "safe"), check_action(r.personal, "personal"),
                             check_action(r.third_party, "third_party")) for r in rows]
        return [*BUILT_IN.values(), *custom]

    def preset(self, name: str) -> Preset:
        """A preset by name (what ``--preset`` takes)."""
        text = str(name).strip()
        for preset in self.presets():
            if preset.name == text:
                return preset
        known = ", ".join(p.name for p in self.presets())
        raise NotFound(translate("privacy", "No preset '{name}'. The presets are: {known}.").format(
            name=text[:60], known=known))

    def preset_records(self) -> list[dict[str, Any]]:
        """The shape of ``presets --json``: each preset, its actions and what it shares in plain words."""
        return [{**p.as_dict(), "built_in": p.built_in, "shares": describe(p)} for p in self.presets()]

    def save_preset(self, name: str, **actions: str) -> OpResult:
        """Save (or replace) a custom preset; every class must be given."""
        text = check_name(name)
        missing = [f for f in PRESET_FIELDS if actions.get(f) in (None, "")]
        if missing:
            raise InvalidInput(translate("privacy", "Say what the preset does with: {classes}.").format(
                classes=", ".join(missing)), missing[0])
        checked = {f: check_action(actions[f], f).value for f in PRESET_FIELDS}
        with self.tx() as tx:
            row = tx.session.get(SharePreset, text)
            if row is None:
                tx.session.add(SharePreset(name=text, created_at=tx.now, **checked))
            else:
                for key, value in checked.items():
                    setattr(row, key, value)
            tx.changes.touch("preset")
            # A fact for the game (Guardian, chapter 2): the user made a preset of their own.
            tx.append("privacy.preset_saved", "preset", preset_id(text),
                      {**snapshot(tz=self.clock.tz, at=tx.now), "preset": text, "replaced": row is not None})
            return tx.result("preset", None, {"name": text, **checked})

    def delete_preset(self, name: str) -> OpResult:
        text = str(name).strip()
        if text in BUILT_IN:
            raise InvalidInput(translate("privacy", "'{name}' is a built-in preset; it cannot be deleted.").format(
                name=text), "name")
        with self.tx() as tx:
            row = tx.session.get(SharePreset, text)
            if row is None:
                raise NotFound(translate("privacy", "No preset '{name}'.").format(name=text[:60]))
            tx.session.delete(row)
            tx.changes.touch("preset")
            return tx.result("preset", None, None)

    # -- the audit --------------------------------------------------------------------------------------------

    def record_export(self, preset: Preset, fmt: str, path: Path, counts: dict[str, int], *,
                      previewed: bool = False) -> OpResult:
        """One line of the audit log: an export was written; and its ``export.made`` fact. ``previewed``: the user
        saw the preview of what this preset lets out before exporting (the window's Export tab shows it for the
        selected preset; the command line says False, even after ``export --dry-run``)."""
        with self.tx() as tx:
            row = ExportAudit(at=tx.now, preset=preset.name, classes=preset.as_dict(), format=fmt,
                              file_name=path.name[:255], counts=dict(counts), records=sum(counts.values()))
            tx.session.add(row)
            tx.session.flush()
            tx.touch("export", row.id)
            tx.append("export.made", "export", row.id,
                      {**snapshot(tz=self.clock.tz, at=tx.now), "preset": preset.name, "format": fmt,
                       "records": row.records, "previewed": bool(previewed)})
            return tx.result("export", row.id, audit_record(row))

    def audit(self) -> list[dict[str, Any]]:
        """Every export, newest first (the shape of ``audit --json``)."""
        with self.store.read() as session:
            rows = session.scalars(select(ExportAudit).order_by(ExportAudit.at.desc())).all()
            return [audit_record(r) for r in rows]

    def secret(self) -> str:
        """The profile's secret, behind the pseudonyms (empty before the profile exists)."""
        with self.store.read() as session:
            return session.scalar(select(Profile.secret).order_by(Profile.created_at).limit(1)) or ""


def audit_record(row: ExportAudit) -> dict[str, Any]:
    return {"id": str(row.id), "at": iso(row.at), "preset": row.preset, "classes": row.classes,
            "format": row.format, "file_name": row.file_name, "counts": row.counts, "records": row.records}
