"""The privacy tables: the user's saved share presets and the audit log of everything exported.

Part of the schema (:mod:`app.model` imports it); apart only to keep each file short.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.model_types import Base, new_id


class SharePreset(Base):
    """A custom share preset: for each sensitivity class, keep, generalise or drop (docs/privacy.md)."""

    __tablename__ = "share_preset"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    safe: Mapped[str] = mapped_column(String(12))
    personal: Mapped[str] = mapped_column(String(12))
    third_party: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime]


class ExportAudit(Base):
    """One export: when, with which preset and format, to which file, and how many records of each section."""

    __tablename__ = "export_audit"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    preset: Mapped[str] = mapped_column(String(40))
    classes: Mapped[dict[str, Any]] = mapped_column(JSON)  # the preset's actions then (a custom one may change)
    format: Mapped[str] = mapped_column(String(8))
    file_name: Mapped[str] = mapped_column(String(255))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    records: Mapped[int] = mapped_column(Integer)
