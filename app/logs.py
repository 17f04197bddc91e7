"""The log of our own bugs: a rotated file in the data folder, with the traceback the user can send us."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_DIRNAME = "logs"
LOG_FILENAME = "pintuan.log"
LOG_BYTES = 1_000_000
LOG_KEPT = 3


def log_folder(data_dir: Path) -> Path:
    """``logs/`` in the data folder when it exists and can be written, else the user's log folder."""
    import platformdirs

    from app.paths import APP_NAME

    folder = Path(data_dir) / LOG_DIRNAME
    try:
        if Path(data_dir).is_dir():
            folder.mkdir(exist_ok=True)
            return folder
    except OSError:
        pass
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def attach(data_dir: Path, logger: logging.Logger | None = None) -> Path | None:
    """Send ``logger``'s (default: the root logger's) warnings and errors to the rotated file; its path."""
    folder = log_folder(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILENAME, maxBytes=LOG_BYTES, backupCount=LOG_KEPT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    target = logger or logging.getLogger()
    for old in [h for h in target.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        target.removeHandler(old)
        old.close()
    target.addHandler(handler)
    return folder / LOG_FILENAME


def log_bug(data_dir: Path, exc: BaseException, what: str) -> Path | None:
    """Write ``exc`` with its traceback to the log; the log's path, or None when nothing could be written."""
    logger = logging.getLogger("pintuan.bug")
    path = attach(data_dir, logger)
    logger.propagate = False
    try:
        logger.error("%s failed", what, exc_info=(type(exc), exc, exc.__traceback__))
    finally:
        for handler in list(logger.handlers):
            handler.close()
            logger.removeHandler(handler)
    return path
