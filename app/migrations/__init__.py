"""Alembic environment and revisions of the schema."""
