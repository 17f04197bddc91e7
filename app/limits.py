"""Lengths the database and the forms agree on (cheap to import: the window's forms need them before SQLAlchemy)."""

NAME_MAX = 200
NOTE_MAX = 10_000
URL_MAX = 2_000
