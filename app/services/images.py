"""The pictures' rows: stored already clean (``app/images.py``), read back as bytes, removed with their owner."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.model import Image, Profile
from app.services.base import Service, Tx

if TYPE_CHECKING:  # Pillow loads with the first picture, not with every command (tests/test_startup.py)
    from app.images import CleanImage

ImageSource = bytes | str | Path | None
"""What a service takes for a picture: a file's path or its bytes; None or "" takes the picture away."""


def cleaned(source: ImageSource, max_side: int) -> CleanImage | None:
    """The picture re-encoded from its pixels (InvalidInput for anything else), or None to take it away.

    Called before the transaction opens: a refused file writes nothing."""
    if source is None or (isinstance(source, str) and not source.strip()):
        return None
    from app.images import clean_image

    return clean_image(source, max_side=max_side)


def add_image(tx: Tx, picture: CleanImage) -> uuid.UUID:
    """Store a clean picture in the caller's transaction; its new id."""
    row = Image(id=uuid.uuid4(), mime=picture.mime, width=picture.width, height=picture.height, data=picture.data,
                created_at=tx.now)
    tx.session.add(row)
    tx.session.flush()
    tx.touch("image", row.id)
    return row.id


def drop_image(tx: Tx, image_id: uuid.UUID | None) -> None:
    """Delete a picture its owner no longer points at (replaced, taken away, or its deal deleted)."""
    if image_id is None:
        return
    row = tx.session.get(Image, image_id)
    if row is not None:
        tx.session.delete(row)
        tx.touch("image", image_id)


def image_record(row: Image, *, data: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {"id": str(row.id), "mime": row.mime, "width": row.width, "height": row.height}
    if data:
        record["data"] = row.data
    return record


class ImageService(Service):
    """Reads a stored picture: the window shows its bytes (QPixmap.loadFromData); only the owners' writes add one."""

    def get(self, image_id: str | uuid.UUID | None) -> dict[str, Any] | None:
        """``id``, ``mime``, ``width``, ``height`` and ``data`` (the clean file's bytes), or None."""
        if not image_id:
            return None
        try:
            key = image_id if isinstance(image_id, uuid.UUID) else uuid.UUID(str(image_id))
        except ValueError:
            return None
        with self.store.read() as session:
            row = session.get(Image, key)
            return image_record(row) if row is not None else None

    def avatar(self) -> dict[str, Any] | None:
        """The profile's picture, as :meth:`get` gives it; None without one (reading creates no profile)."""
        with self.store.read() as session:
            image_id = session.scalars(select(Profile.avatar_id).order_by(Profile.created_at).limit(1)).first()
            row = session.get(Image, image_id) if image_id is not None else None
            return image_record(row) if row is not None else None
