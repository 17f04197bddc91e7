"""Pictures and link verdicts: an ``image`` table, the profile's avatar, a deal's screenshot and its link's verdict.

``image`` holds pictures brought in (re-encoded from their pixels, no metadata). ``profile.avatar_id`` and
``deal.image_id`` point at one (none before). ``deal.url_verdict`` and ``deal.url_reasons`` keep the offline link
check's verdict (``ok``, ``warn``, ``danger``) and reason codes; links stored before have none until next saved.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "image",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mime", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("width > 0 AND height > 0", name=op.f("ck_image_size")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_image")),
    )
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("avatar_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_profile_avatar_id_image"), "image", ["avatar_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url_verdict", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("url_reasons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("image_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_deal_image_id_image"), "image", ["image_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_column("image_id")
        batch_op.drop_column("url_reasons")
        batch_op.drop_column("url_verdict")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("avatar_id")
    op.drop_table("image")
