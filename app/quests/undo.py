"""Undo steps for the game state: what takes a value back to what it was, kept small for big values.

A checkpoint keeps, for each state key that changed after it, the step that takes the key's value back to the
value it had at the checkpoint. Achievement state holds sets that grow for years (every contact ever helped),
so a step is a patch that names only the entries that changed, not the whole value. Steps are JSON-ready.

* ``{"d": 1}``: the key (or entry) did not exist: delete it.
* ``{"v": value}``: put this value back.
* ``{"p": {name: step, ...}}``: a dict whose entries ``name`` each take their own step back.
"""

from __future__ import annotations

from typing import Any

MISSING: Any = object()
DELETE: dict[str, Any] = {"d": 1}


def step_back(before: Any, after: Any) -> dict[str, Any]:
    """The step that turns ``after`` back into ``before`` (either may be :data:`MISSING`)."""
    if before is MISSING:
        return DELETE
    if isinstance(before, dict) and isinstance(after, dict):
        patch = {}
        for name in before.keys() | after.keys():
            old, new = before.get(name, MISSING), after.get(name, MISSING)
            if old is MISSING or new is MISSING or old != new:
                patch[name] = step_back(old, new)
        return {"p": patch}
    return {"v": before}


def take_back(value: Any, step: dict[str, Any]) -> Any:
    """``value`` with ``step`` applied (a new value where it changes; :data:`MISSING` for a deleted one)."""
    if "d" in step:
        return MISSING
    if "v" in step:
        return step["v"]
    result = dict(value) if isinstance(value, dict) else {}
    for name, inner in step["p"].items():
        back = take_back(result.get(name, MISSING), inner)
        if back is MISSING:
            result.pop(name, None)
        else:
            result[name] = back
    return result
