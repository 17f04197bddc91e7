"""PNG files at the chunk level: keep only the picture's chunks, and bake one Open Badges iTXt chunk in.

Pillow writes what it is told, but an exported picture must carry nothing but pixels whatever Pillow's defaults
become: :func:`pixels_only` keeps the chunks a picture needs (a whitelist) and drops every other one (text, EXIF,
time, physical size, colour profiles). :func:`bake` then adds the one chunk an Open Badges image holds.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What a picture needs to be drawn the same: the header, the palette and its transparency, the pixels, the end.
PICTURE_CHUNKS = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"})


def chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Each chunk's type and data; ValueError on a file that is not a whole, well-formed PNG."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    at = len(SIGNATURE)
    while at < len(data):
        if at + 12 > len(data):
            raise ValueError("a PNG chunk is cut short")
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if len(body) != length or zlib.crc32(kind + body) != crc:
            raise ValueError(f"the PNG chunk {kind!r} is damaged")
        yield kind, body
        at += 12 + length
        if kind == b"IEND":
            return
    raise ValueError("a PNG file without its end")


def chunk(kind: bytes, body: bytes) -> bytes:
    """One chunk as the file holds it: length, type, data, CRC."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def pixels_only(data: bytes) -> bytes:
    """The PNG with only the chunks of :data:`PICTURE_CHUNKS`, in their order."""
    return SIGNATURE + b"".join(chunk(kind, body) for kind, body in chunks(data) if kind in PICTURE_CHUNKS)


def itxt(keyword: str, text: str) -> bytes:
    """An uncompressed iTXt chunk, no language tag and no translated keyword (what the Open Badges baking asks)."""
    name = keyword.encode("latin-1")
    if not 1 <= len(name) <= 79 or b"\0" in name:
        raise ValueError("a PNG keyword has 1 to 79 characters")
    return chunk(b"iTXt", name + b"\0" + b"\0\0" + b"\0" + b"\0" + text.encode("utf-8"))


def bake(data: bytes, keyword: str, text: str) -> bytes:
    """The picture (pixels only) with one iTXt chunk ``keyword`` holding ``text``, right after the header."""
    clean = pixels_only(data)
    header_end = len(SIGNATURE) + 8 + 13 + 4  # IHDR always comes first and holds 13 bytes
    return clean[:header_end] + itxt(keyword, text) + clean[header_end:]
