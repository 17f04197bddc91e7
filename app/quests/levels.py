"""The level curve (等级): quadratic, like Habitica's — each level needs 50 points more than the one before."""

from __future__ import annotations

import math

STEP = 25  # level L starts at STEP * L * (L - 1) points: 0, 50, 150, 300, 500, 750, …


def points_for_level(level: int) -> int:
    """Total points at which ``level`` is reached (level 1 at 0)."""
    return STEP * level * (level - 1)


def level_for_points(points: int) -> int:
    """The level a total of ``points`` gives."""
    if points <= 0:
        return 1
    level = int((1 + math.sqrt(1 + 4 * points / STEP)) / 2)
    while points_for_level(level + 1) <= points:
        level += 1
    while level > 1 and points_for_level(level) > points:
        level -= 1
    return level
