"""The profile's time zone (an IANA name): days, streaks and the game follow it instead of the process's zone.

A database from before cannot tell which zone its facts were recorded in, so the column starts with the zone of
the machine that runs the migration (``app.clock.local_zone_name()``), which on a machine that never moved is the
right one. The user can change it in Settings or with ``profile --timezone``, which recomputes the game; and since
the game's stored state now names the zone it was built in, the first open after this migration rebuilds it in
the profile's zone (a state built under several process zones is made consistent).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.clock import local_zone_name

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
    op.execute(sa.text("UPDATE profile SET timezone = :zone").bindparams(zone=local_zone_name()))
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.alter_column("timezone", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("timezone")
