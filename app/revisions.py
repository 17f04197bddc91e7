"""The schema's head revision read from the migration scripts' text, and the one a database holds, without Alembic.

Importing Alembic costs a command a tenth of a second; on almost every open the database is already at the head,
and these two cheap reads prove it. Anything unusual (no single head, several stored revisions, no table) answers
None, and the store then asks Alembic, which has the last word.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

# The assignments Alembic's script template writes: ``revision: str = "0005"``, ``down_revision = None``.
_REVISION = re.compile(r"""^revision\s*(?::[^=\n]*)?=\s*['"]([^'"\n]+)['"]""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=\n]*)?=\s*(.+)$""", re.MULTILINE)
_QUOTED = re.compile(r"""['"]([^'"\n]+)['"]""")


def script_head(migrations_dir: Path) -> str | None:
    """The one revision no other script revises, from ``migrations_dir/versions/*.py``; None when unclear."""
    revisions: set[str] = set()
    revised: set[str] = set()
    try:
        scripts = sorted((migrations_dir / "versions").glob("*.py"))
        for script in scripts:
            text = script.read_text(encoding="utf-8")
            revision, down = _REVISION.findall(text), _DOWN.findall(text)
            if len(revision) != 1 or len(down) != 1:
                return None  # not a script of the usual shape: let Alembic read it
            revisions.add(revision[0])
            revised.update(_QUOTED.findall(down[0]))
    except (OSError, UnicodeDecodeError):
        return None
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """The revision in a database's ``alembic_version`` when it holds exactly one; None otherwise."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchmany(2)
    except sqlite3.OperationalError:  # no such table: a new database
        return None
    return str(rows[0][0]) if len(rows) == 1 else None
