"""Finds bundled resources both in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder that holds icons, badge art and translations.

    An installed wheel carries it inside the package (``app/resources``); a checkout keeps it at the top of
    the repository, beside ``app/``.
    """
    inside = _PACKAGE_DIR / "resources"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one resource, e.g. ``resource_path("i18n", "pintuan_zh_CN.qm")``."""
    return resources_dir().joinpath(*parts)
