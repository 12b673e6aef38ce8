"""relink: empty the machine's link state, so the next update compares every stored report again

Revision ID: 0006
Revises: 0005

Before the blocking index filed unplaced reports under their own key, a placed loose report never looked
among the unplaced ones, so a pair that links on its text alone was found only when the unplaced report
came second. Stores linked then lack those links, and ``tollwatch incidents --refresh`` cannot find them:
it restores the stored links, it does not compare the reports again. This migration drops the stored
reports, their links and their block rows; the incident rows, their ids and the analysts' decisions stay.
The next update (or decision) then links every stored report again, as one batch, and rewrites the
incidents that changed, keeping their ids (``tollwatch.incidents.storage``). No schema changes, so the
downgrade has nothing to undo.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("incident_links", "incident_blocks", "incident_reports"):
        op.execute(f"DELETE FROM {table}")


def downgrade() -> None:
    pass
