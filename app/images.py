"""Pictures brought in (the profile's avatar, a deal's screenshot): decoded and re-encoded from their pixels only.

A file is decoded only from an allowed format (JPEG, PNG, WebP: the decoded format, not the file's name), with
Pillow's decompression-bomb limit on (its warning is an error), its EXIF orientation applied, then written again
from a new image built of the pixel data alone: no EXIF, GPS, XMP, ICC profile, comment or text chunk survives.
Anything else (a GIF, a truncated file, text, a bomb, an empty or too big file) raises ``InvalidInput``.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import IMAGE_BYTES_MAX, IMAGE_PIXELS_MAX, IMAGE_SIDE_MAX

# What is decoded (Pillow's plugin names), and the type each is stored as.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MIMES = frozenset(FORMATS.values())
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # for file dialogs only: the content decides
_QUALITY = 88

Image.MAX_IMAGE_PIXELS = IMAGE_PIXELS_MAX  # on for every decode in the app (None would turn it off)


@dataclass(frozen=True)
class CleanImage:
    """A picture as stored: its type, size and the re-encoded file."""

    mime: str
    width: int
    height: int
    data: bytes


def _refused(text: str, **values: object) -> InvalidInput:
    return InvalidInput(translate("validation", text).format(**values), "image")


def _read(source: bytes | str | Path) -> bytes:
    """The file's bytes, refusing an empty or a too big one before reading it whole."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(IMAGE_BYTES_MAX + 1)
        except OSError as error:
            raise _refused("Cannot read the picture {name}: {reason}", name=path.name,
                           reason=error.strerror or error) from error
    if not data:
        raise _refused("The picture file is empty.")
    if len(data) > IMAGE_BYTES_MAX:
        raise _refused("The picture is larger than {size} MB: choose a smaller file.",
                       size=IMAGE_BYTES_MAX // (1024 * 1024))
    return data


def _decode(data: bytes) -> tuple[Image.Image, str]:
    """The picture's pixels with its orientation applied, and its format; InvalidInput for anything else."""
    wrong = _refused("This file is not a picture the app takes: choose a JPEG, PNG or WebP image.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            source = Image.open(io.BytesIO(data), formats=list(FORMATS))
            fmt = source.format or ""
            if fmt not in FORMATS:
                raise wrong
            width, height = source.size
            if width <= 0 or height <= 0 or width * height > IMAGE_PIXELS_MAX:
                raise _refused("The picture is too large ({width} × {height} pixels).", width=width, height=height)
            source.seek(0)  # an animated PNG or WebP: its first frame
            source.load()
            upright = ImageOps.exif_transpose(source)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _refused("The picture is too large to open safely.") from error
        except UnidentifiedImageError as error:
            raise wrong from error
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, MemoryError) as error:
            # Pillow's ways of saying the file is cut short or damaged.
            raise _refused("The picture is damaged or incomplete and cannot be read.") from error
    return upright, fmt


def clean_image(source: bytes | str | Path, *, max_side: int = IMAGE_SIDE_MAX) -> CleanImage:
    """Decode ``source`` (the bytes, or a file's path) and write it again from its pixels alone, scaled down to fit
    ``max_side``; the format is kept (JPEG, PNG or WebP). Raises InvalidInput for anything not such a picture."""
    picture, fmt = _decode(_read(source))
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
    pixels = picture.convert(mode)
    # A new image of the pixel data alone: nothing of the source's info (EXIF, XMP, ICC, comments, text) follows.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    if max(clean.size) > max_side:
        clean.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=_QUALITY, optimize=True)
    elif fmt == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=_QUALITY, method=4)
    return CleanImage(FORMATS[fmt], clean.width, clean.height, out.getvalue())
