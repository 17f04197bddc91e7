"""Lengths the database and the forms agree on (cheap to import: the window's forms need them before SQLAlchemy)."""

NAME_MAX = 200
NOTE_MAX = 10_000
URL_MAX = 2_000
WINDOW_MAX = 200  # one activity window, e.g. "Mon-Fri 20:00-22:00"; the Groups form parses it on each keystroke
NUMBER_MAX = 40  # an amount or a count as typed, with its spaces and currency sign
TIME_MAX = 64  # an ISO 8601 date and time
INPUT_SLACK = 4  # NFC can lengthen text (at most 3×): an input over 4× its limit is refused before it is read
IMAGE_BYTES_MAX = 20 * 1024 * 1024  # a picture brought in (a screenshot, an avatar): a bigger file is refused unread
IMAGE_PIXELS_MAX = 40_000_000  # its decoded size (a decompression bomb is tiny on disk): Pillow's limit is set to it
IMAGE_SIDE_MAX = 2048  # a deal's screenshot is scaled down to fit this square
AVATAR_SIDE_MAX = 512  # the profile's avatar likewise
