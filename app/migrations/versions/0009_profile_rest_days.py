"""The profile's rest days: missed days a week that do not break a streak (humane streaks, set in Settings).

Every existing profile starts with none chosen (NULL): the built-in content's default (one a week) applies. The
game's stored state names the rest days it was counted with, so the first open after this migration counts streaks
again with them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rest_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("rest_days")
