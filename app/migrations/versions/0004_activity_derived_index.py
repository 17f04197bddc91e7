"""A partial index on activity (kind) for the game's derived events: counted and cleared without a scan.

Partial (``WHERE kind = 'derived'``) so that queries about facts, nearly every row, never take it for a narrow
index: SQLite has no statistics to tell it otherwise.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index("ix_activity_derived", ["kind"], unique=False, sqlite_where=sa.text("kind = 'derived'"))


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_derived")
