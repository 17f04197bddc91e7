"""Pictures brought in (the profile's avatar, a deal's screenshot): decoded and re-encoded from their pixels only.

A file is decoded only from an allowed format (JPEG, PNG, WebP: the decoded format, not the file's name), with
Pillow's decompression-bomb limit on (its warning is an error), its EXIF orientation applied, then written again
from a new image built of the pixel data alone: no EXIF, GPS, XMP, ICC profile, comment or text chunk survives.
Anything else (a GIF, a truncated file, text, a bomb, an empty or too big file) raises ``InvalidInput``.
"""

from __future__ import annotations

import io
import struct
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


def _refused(message: str) -> InvalidInput:
    return InvalidInput(message, "image")


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
            raise _refused(translate("validation", "Cannot read the picture {name}: {reason}.").format(
                name=path.name, reason=error.strerror or error)) from error
    if not data:
        raise _refused(translate("validation", "The picture file is empty."))
    if len(data) > IMAGE_BYTES_MAX:
        raise _refused(translate("validation", "The picture is larger than {size} MB: choose a smaller file.").format(
            size=IMAGE_BYTES_MAX // (1024 * 1024)))
    return data


def _decode(data: bytes) -> tuple[Image.Image, str]:
    """The picture's pixels with its orientation applied, and its format; InvalidInput for anything else."""
    wrong = _refused(translate("validation", "This file is not a picture the app takes: choose a JPEG, PNG or WebP "
                                             "image."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            source = Image.open(io.BytesIO(data), formats=list(FORMATS))
            fmt = {"MPO": "JPEG"}.get(source.format or "", source.format or "")  # a phone's JPEG with more frames
            if fmt not in FORMATS:
                raise wrong
            width, height = source.size
            if width <= 0 or height <= 0 or width * height > IMAGE_PIXELS_MAX:
                raise _refused(translate("validation", "The picture is too large ({width} × {height} pixels).").format(
                    width=width, height=height))
            source.seek(0)  # an animated PNG or WebP: its first frame
            source.load()
            upright = ImageOps.exif_transpose(source)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _refused(translate("validation", "The picture is too large to open safely.")) from error
        except UnidentifiedImageError as error:
            raise wrong from error
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, MemoryError) as error:
            # Pillow's ways of saying the file is cut short or damaged.
            damaged = translate("validation", "The picture is damaged or incomplete and cannot be read.")
            raise _refused(damaged) from error
    return upright, fmt


def clean_image(source: bytes | str | Path, *, max_side: int = IMAGE_SIDE_MAX) -> CleanImage:
    """Decode ``source`` (the bytes, or a file's path) and write it again from its pixels alone, scaled down to fit
    ``max_side``; the format is kept (JPEG, PNG or WebP). Raises InvalidInput for anything not such a picture."""
    picture, fmt = _decode(_read(source))
    if picture.mode.startswith("I"):  # a 16-bit grey PNG: its levels to 8 bits (convert() would clip them)
        picture = picture.convert("I").point(lambda level: level * (1 / 256)).convert("L")
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


def clean_again(data: bytes) -> CleanImage:
    """A picture from an import file (hostile until checked): decoded like any picture brought in, and kept byte
    for byte only when it is already as :func:`clean_image` writes them (its blocks all pixel data, nothing after
    its end, upright, within the size), so that a backup restores its pictures losslessly; else re-encoded."""
    _read(data)  # empty or too big: refused
    picture, fmt = _decode(data)
    oriented = picture.getexif().get(_ORIENTATION, 1) not in (None, 1)
    if not oriented and max(picture.size) <= IMAGE_SIDE_MAX and _only_pixels(data, fmt):
        return CleanImage(FORMATS[fmt], picture.width, picture.height, data)
    return clean_image(data)


_ORIENTATION = 0x0112
_JPEG_KEPT = {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD}  # frames (baseline, extended, progressive), tables, restarts
_PNG_KEPT = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
_VP8X_METADATA = 0x20 | 0x08 | 0x04 | 0x02  # ICC profile, EXIF, XMP, animation


def _only_pixels(data: bytes, fmt: str) -> bool:
    """Whether the file holds nothing but what a decoder needs for its pixels (a whitelist of blocks)."""
    try:
        if fmt == "JPEG":
            return _jpeg_only_pixels(data)
        if fmt == "PNG":
            return _png_only_pixels(data)
        return _webp_only_pixels(data)
    except (struct.error, IndexError, ValueError):
        return False


def _jpeg_only_pixels(data: bytes) -> bool:
    if data[:2] != b"\xff\xd8":
        return False
    pos = 2
    while True:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xD9:  # the end: nothing may follow
            return pos + 2 == len(data)
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        body = data[pos + 4:pos + 2 + length]
        if marker == 0xE0:
            if not body.startswith(b"JFIF\x00") or len(body) != 14:  # JFIF's header alone, no thumbnail
                return False
        elif marker != 0xDA and marker not in _JPEG_KEPT:
            return False
        pos += 2 + length
        if marker == 0xDA:  # entropy-coded data up to the next marker (FF00 is a byte, FFD0-D7 restarts)
            while not (data[pos] == 0xFF and data[pos + 1] not in range(0xD0, 0xD8) and data[pos + 1] != 0):
                pos += 1


def _png_only_pixels(data: bytes) -> bool:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind not in _PNG_KEPT:
            return False
        pos += 12 + int(length)
        if kind == b"IEND":
            return pos == len(data)
    return False


def _webp_only_pixels(data: bytes) -> bool:
    riff, size, webp = struct.unpack("<4sI4s", data[:12])
    if riff != b"RIFF" or webp != b"WEBP" or size != len(data) - 8:
        return False
    pos = 12
    while pos < len(data):
        kind, length = struct.unpack("<4sI", data[pos:pos + 8])
        if kind not in _WEBP_KEPT or (kind == b"VP8X" and data[pos + 8] & _VP8X_METADATA):
            return False
        pos += 8 + length + (length & 1)
    return pos == len(data)
