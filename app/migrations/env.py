"""Alembic environment: run on a connection the store hands over, or on a URL for autogenerate."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from app.model import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Revisions stay frozen: write plain SQLAlchemy types, never the app's own decorators."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


OPTIONS: dict[str, Any] = {"target_metadata": target_metadata, "render_as_batch": True, "render_item": render_item}


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url, "give sqlalchemy.url or a connection"
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
