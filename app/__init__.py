"""Pintuan Quest: a private, offline logbook and game for group-buy and bargain-help communities."""

__version__ = "0.1.0"
