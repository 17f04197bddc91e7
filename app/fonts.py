"""Fonts for drawing with Pillow: a bold face that writes Simplified Chinese, found on this system.

Used wherever the app draws text into images (badge art, later share cards); nothing is bundled: Noto Sans
CJK comes with the system (``fonts-noto-cjk`` on Debian), with fontconfig and Pillow's own font as fallbacks.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Bold CJK faces, most wanted first; a .ttc is searched for its Simplified Chinese face.
_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",  # Arch
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Bold.ttc",  # Fedora
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",  # Microsoft YaHei Bold
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
)
_PREFERRED_FACES = ("CJK SC", "YaHei", "PingFang SC", " SC", "GB")


@dataclass(frozen=True)
class FontSource:
    """Where the badge font comes from; ``path`` None means Pillow's built-in font."""

    path: str | None
    index: int = 0


def _face_index(path: str) -> int | None:
    """The index of the Simplified Chinese face in a font file (0 for a single face), None if unreadable."""
    first: int | None = None
    for index in range(32):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            break
        first = index if first is None else first
        if any(want in family for want in _PREFERRED_FACES):
            return index
    return first


def _fc_match() -> FontSource | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{file}\n%{index}", "Noto Sans CJK SC:bold:lang=zh-cn"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.splitlines()
    if not lines or not Path(lines[0]).is_file():
        return None
    index = int(lines[1]) if len(lines) > 1 and lines[1].isdigit() else 0
    try:
        ImageFont.truetype(lines[0], 12, index=index)
    except OSError:
        return None
    return FontSource(lines[0], index)


@functools.cache
def font_source() -> FontSource:
    """The font badges are drawn with: a known CJK file, else what fontconfig offers, else Pillow's own."""
    for name in _FONT_FILES:
        if Path(name).is_file():
            index = _face_index(name)
            if index is not None:
                return FontSource(name, index)
    return _fc_match() or FontSource(None)


def _load(source: FontSource, size: int) -> Font | None:
    if source.path is not None:
        try:
            return ImageFont.truetype(source.path, size, index=source.index)
        except OSError:
            pass
    return None


@functools.lru_cache(maxsize=128)
def font(size: int) -> Font:
    return _load(font_source(), size) or ImageFont.load_default(size)


@functools.lru_cache(maxsize=1024)
def covers(char: str) -> bool:
    """Whether the badge font has a real glyph for ``char`` (not the empty box of a missing one)."""
    if not char.strip():
        return False
    face = font(48)
    if not isinstance(face, ImageFont.FreeTypeFont):
        return char.isascii()

    def ink(text: str) -> bytes:
        image = Image.new("L", (96, 96))
        ImageDraw.Draw(image).text((24, 24), text, font=face, fill=255)
        return image.tobytes()

    return ink(char) != ink("\U0010fffd")


@functools.cache
def _regular_source() -> FontSource:
    """The regular weight beside the bold file (``…-Bold.ttc`` → ``…-Regular.ttc``), else the bold one."""
    bold = font_source()
    if bold.path is not None and "Bold" in Path(bold.path).name:
        path = Path(bold.path).with_name(Path(bold.path).name.replace("Bold", "Regular"))
        index = _face_index(str(path)) if path.is_file() else None
        if index is not None:
            return FontSource(str(path), index)
    return bold


@functools.lru_cache(maxsize=128)
def regular_font(size: int) -> Font:
    """The regular weight of the CJK face, for running text (share cards); the bold one where it has none."""
    return _load(_regular_source(), size) or font(size)
