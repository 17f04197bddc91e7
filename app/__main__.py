"""Entry point for ``python -m app``."""

from app.main import run

run()
