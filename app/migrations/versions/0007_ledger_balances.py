"""Ledger balances kept by the writes, and the indexes the pages read through at a million activities.

``ledger_balance`` holds each contact's helps per group since their last settlement (the writes keep it); it is
filled here from the helps and settlements already recorded. ``help_exchange (contact_id, direction, at)`` answers
"only takes" contact by contact; ``bargain_cut (deal_id, contact_id)`` (in place of ``(deal_id)``) counts each
deal's cuts and helpers from the index alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The balances as the ledger counted them before: helps strictly after the contact's latest settlement.
FILL = """
INSERT INTO ledger_balance (contact_id, group_id, given_count, received_count, given_fen, received_fen)
SELECT h.contact_id, h.group_id,
       SUM(CASE WHEN h.direction = 'given' THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.direction = 'received' THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.direction = 'given' THEN COALESCE(h.amount_fen, 0) ELSE 0 END),
       SUM(CASE WHEN h.direction = 'received' THEN COALESCE(h.amount_fen, 0) ELSE 0 END)
FROM help_exchange AS h
LEFT OUTER JOIN (SELECT contact_id, MAX(at) AS since FROM ledger_settlement GROUP BY contact_id) AS s
    ON s.contact_id = h.contact_id
WHERE s.since IS NULL OR h.at > s.since
GROUP BY h.contact_id, h.group_id
"""


def upgrade() -> None:
    op.create_table(
        "ledger_balance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("given_count", sa.Integer(), nullable=False),
        sa.Column("received_count", sa.Integer(), nullable=False),
        sa.Column("given_fen", sa.Integer(), nullable=False),
        sa.Column("received_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], name=op.f("fk_ledger_balance_contact_id_contact"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["group_id"], ["group.id"], name=op.f("fk_ledger_balance_group_id_group"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_balance")),
    )
    with op.batch_alter_table("ledger_balance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_balance_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ux_ledger_balance_contact_group", ["contact_id", "group_id"], unique=True)
    with op.batch_alter_table("help_exchange", schema=None) as batch_op:
        batch_op.create_index("ix_help_exchange_contact_direction_at", ["contact_id", "direction", "at"], unique=False)
    with op.batch_alter_table("bargain_cut", schema=None) as batch_op:
        batch_op.drop_index("ix_bargain_cut_deal_id")
        batch_op.create_index("ix_bargain_cut_deal_contact", ["deal_id", "contact_id"], unique=False)
    op.execute(FILL)


def downgrade() -> None:
    with op.batch_alter_table("bargain_cut", schema=None) as batch_op:
        batch_op.drop_index("ix_bargain_cut_deal_contact")
        batch_op.create_index("ix_bargain_cut_deal_id", ["deal_id"], unique=False)
    with op.batch_alter_table("help_exchange", schema=None) as batch_op:
        batch_op.drop_index("ix_help_exchange_contact_direction_at")
    with op.batch_alter_table("ledger_balance", schema=None) as batch_op:
        batch_op.drop_index("ux_ledger_balance_contact_group")
        batch_op.drop_index(batch_op.f("ix_ledger_balance_group_id"))
    op.drop_table("ledger_balance")
