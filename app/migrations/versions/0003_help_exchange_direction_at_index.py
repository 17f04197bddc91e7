"""An index on help_exchange (direction, at): the Today page's helps given today and the streak.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("help_exchange", schema=None) as batch_op:
        batch_op.create_index("ix_help_exchange_direction_at", ["direction", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("help_exchange", schema=None) as batch_op:
        batch_op.drop_index("ix_help_exchange_direction_at")
