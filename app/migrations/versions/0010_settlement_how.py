"""How a settlement settled: "we are even", a favour returned, a red packet (红包) and its amount, or partly.

``ledger_settlement`` gains ``how`` (every settlement recorded before was "we are even": they all become
``even``), ``amount_fen`` (a red packet's amount, none before) and ``helps`` (the helps a partial settlement
settled, signed like the balance; none before, as no settlement was partial). The kept balances do not change: a
full settlement starts the balance again as before, and there are no partial ones yet.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOW = ("even", "favour", "hongbao", "partial")


def upgrade() -> None:
    with op.batch_alter_table("ledger_settlement", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "how", sa.Enum(*HOW, name="settle_how", native_enum=False, create_constraint=True, length=16),
            server_default="even", nullable=False))
        batch_op.add_column(sa.Column("amount_fen", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("helps", sa.Integer(), nullable=True))
        batch_op.create_check_constraint("amount", "amount_fen IS NULL OR amount_fen >= 0")
        batch_op.create_check_constraint("partial", "(how = 'partial') = (helps IS NOT NULL AND helps != 0)")


def downgrade() -> None:
    with op.batch_alter_table("ledger_settlement", schema=None) as batch_op:
        batch_op.drop_constraint("partial", type_="check")
        batch_op.drop_constraint("amount", type_="check")
        batch_op.drop_constraint("settle_how", type_="check")
        batch_op.drop_column("helps")
        batch_op.drop_column("amount_fen")
        batch_op.drop_column("how")
