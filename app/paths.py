"""Where the data lives: the user's folder and the demo's (cheap to import: no database code)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "pintuan-quest"
DB_FILENAME = "pintuan.sqlite3"


def database_path(data_dir: Path) -> Path:
    """The one database file of a data folder."""
    return Path(data_dir) / DB_FILENAME


def default_data_dir() -> Path:
    """The user's real data folder."""
    import platformdirs  # only when no --data-dir names one

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_demo_dir() -> Path:
    """A folder for demo data, apart from the user's real data."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME + "-demo", appauthor=False))
