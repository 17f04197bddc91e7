"""Write docs/export.schema.json, the JSON Schema of an export, from the schema's columns and the field classes.

Run ``python tools/export_schema.py`` after a change to app/model.py or app/privacy/classes.py; a test checks the
file is current (tests/test_export.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import JSON, Boolean, Integer  # noqa: E402
from sqlalchemy import inspect as sa_inspect  # noqa: E402

from app.exchange.sections import MODELS, SECTION_NAMES  # noqa: E402
from app.model import Profile  # noqa: E402
from app.privacy.classes import SECTIONS  # noqa: E402
from app.privacy.links import REASONS  # noqa: E402

TARGET = ROOT / "docs" / "export.schema.json"
ACTION = {"enum": ["keep", "generalise", "drop"]}
# The lists some records carry beside their columns (``list … --json``).
EXTRA: dict[str, dict[str, Any]] = {
    "windows": {"type": "array", "items": {
        "type": "object", "required": ["weekday", "start", "end"],
        "properties": {"id": {"type": "string"}, "weekday": {"type": "integer", "minimum": 0, "maximum": 6},
                       "start": {"type": "string"},
                       "end": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": False}},
    "tiers": {"type": "array", "items": {
        "type": "object", "required": ["min_participants", "price_fen"],
        "properties": {"id": {"type": "string"}, "min_participants": {"type": "integer"},
                       "price_fen": {"type": "integer"}},
        "additionalProperties": False}},
    "group_ids": {"type": "array", "items": {"type": "string"}},
    "url_reasons": {"type": ["array", "null"], "items": {"enum": list(REASONS)}},  # a JSON column holding a list
}


def column_type(column: Any) -> dict[str, Any]:
    if isinstance(column.type, Boolean):
        kind: Any = "boolean"
    elif isinstance(column.type, Integer):
        kind = "integer"
    elif isinstance(column.type, JSON):
        kind = "object"
    else:
        kind = "string"  # text, ids, times (ISO 8601, or a day when a preset coarsens them), enums
    return {"type": [kind, "null"] if column.nullable else kind}


def record_schema(section: str, model: Any) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for attr in sa_inspect(model).column_attrs:
        if attr.key in SECTIONS[section]:
            props[attr.key] = EXTRA[attr.key] if attr.key in EXTRA else column_type(attr.columns[0])
    for key in SECTIONS[section]:
        if key not in props:
            props[key] = EXTRA[key]
    return {"type": "object", "properties": dict(sorted(props.items())), "additionalProperties": False}


def schema() -> dict[str, Any]:
    sections = {name: {"type": "array", "items": record_schema(name, MODELS[name])} for name in SECTION_NAMES}
    header = {
        "format_version": {"const": 1},
        "app": {"const": "pintuan-quest"},
        "exported_at": {"type": "string"},
        "preset": {"type": "object", "required": ["name", "safe", "personal", "third_party"],
                   "properties": {"name": {"type": "string"}, "safe": ACTION, "personal": ACTION,
                                  "third_party": ACTION},
                   "additionalProperties": False},
        "profile": {"oneOf": [{"type": "null"}, record_schema("profile", Profile)]},
        "summary": {"type": "object", "properties": {
            "level": {"type": "integer"}, "points": {"type": "integer"},
            "badges": {"type": "array", "items": {"type": "string"}},
            "counts": {"type": "object", "properties": {n: {"type": "integer", "minimum": 0} for n in SECTION_NAMES},
                       "additionalProperties": False}},
            "additionalProperties": False},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pintuan-quest.invalid/export.schema.json",
        "title": "Pintuan Quest export, format 1 (docs/export.md)",
        "type": "object",
        "required": [*header, *SECTION_NAMES],
        "properties": {**header, **sections},
        "additionalProperties": False,
    }


def text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(text(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
