"""Game checkpoints and undo steps: a correction replays the game from the checkpoint before it, not from the start.

The tables start empty; the game's state records its layout, so the first open after this migration rebuilds the
game once, writing its checkpoints as it goes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "game_checkpoint",
        sa.Column("n", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fact_seq", sa.Integer(), nullable=False),
        sa.Column("derived_seq", sa.Integer(), nullable=False),
        sa.Column("points_seq", sa.Integer(), nullable=False),
        sa.Column("since", sa.Integer(), nullable=False),
        sa.Column("applied_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_game_checkpoint")),
    )
    op.create_table(
        "game_undo",
        sa.Column("n", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("step", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("n", "key", name=op.f("pk_game_undo")),
    )


def downgrade() -> None:
    op.drop_table("game_undo")
    op.drop_table("game_checkpoint")
