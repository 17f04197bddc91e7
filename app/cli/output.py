"""Text output of the command line: every value is escaped, so stored text cannot forge a row or drive the terminal."""

from __future__ import annotations

import json
from typing import Any

from app.text import escape, json_safe

__all__ = ["cell", "escape", "json_text"]


def cell(value: Any) -> str:
    """One value of a tab-separated row or a plain line: empty for None, else its text escaped (a tab in an
    old record's name prints as ``\\t`` and cannot add a column)."""
    return "" if value is None else escape(str(value))


def json_text(value: Any) -> str:
    """Pretty JSON that is also safe on a terminal (no raw DEL, C1 or bidi controls)."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))
