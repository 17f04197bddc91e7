"""Badge art (徽章): each achievement tier drawn as a polished PNG with Pillow, deterministic and cached.

The shapes and metal palettes of the tiers are data (``resources/badges/tiers.toml``); this module draws them
at four times the asked size and scales down with LANCZOS, so edges stay smooth. No Qt here: the command line
renders badges headless and the UI only loads the PNG files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageChops

from app.backups import os_error
from app.errors import InvalidInput
from app.files import atomic_write_bytes
from app.fonts import covers, font_source
from app.i18n import translate
from app.quests.badge_draw import RGB, Canvas, TierArt, blur, solid
from app.quests.schema import TIER_NAMES, Achievement
from app.resource_files import resource_path

CODE_VERSION = 1  # bump when a change of this file changes pixels; tiers.toml is hashed on its own
MIN_SIZE, MAX_SIZE = 32, 1024
TITLE_MIN_SIZE = 128  # below this the ribbon text cannot be read, so the badge is drawn without it
_SUPERSAMPLE = 4
_WORK_LIMIT = 2048  # the largest canvas side drawn: a 1024 px badge is drawn at 2× instead of 4×
def _rgb(text: str) -> RGB:
    value = int(text.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


@functools.cache
def _art() -> tuple[str, dict[str, TierArt]]:
    """The art file's digest and each tier's look."""
    raw = resource_path("badges", "tiers.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    tiers = {
        t["name"]: TierArt(
            name=t["name"], rim=tuple(map(_rgb, t["rim"])), face=tuple(map(_rgb, t["face"])),
            glyph=_rgb(t["glyph"]), glyph_edge=_rgb(t["glyph_edge"]), ribbon=tuple(map(_rgb, t["ribbon"])),
            ribbon_text=_rgb(t["ribbon_text"]), sparkles=tuple(tuple(s) for s in t["sparkles"]),
            layers=tuple(t["layers"]),
        )
        for t in data["tier"]
    }
    missing = [name for name in TIER_NAMES if name not in tiers]
    if missing:
        raise ValueError(f"tiers.toml has no art for {', '.join(missing)}")
    digest = hashlib.sha256(raw).hexdigest()
    return f"{data['art_version']}-{CODE_VERSION}-{digest}", tiers


def badge_glyph(achievement: Achievement) -> str:
    """The character in the middle: the glyph, else the first of the Chinese title, else of the English one."""
    candidates = [achievement.glyph, (achievement.title.zh_CN or "")[:1], achievement.title.en[:1].upper()]
    present = [c for c in candidates if c and c.strip()]
    for text in present:
        if all(covers(c) for c in text if c not in "\ufe0e\ufe0f\u200d"):
            return text
    return present[0] if present else "?"


def badge_title(achievement: Achievement, lang: str) -> str:
    """The ribbon text: the title in ``lang``, in English when the font cannot write the Chinese one."""
    title = achievement.title.get(lang)
    return title if all(covers(c) for c in title if c.strip()) else achievement.title.en


def _check(achievement: Achievement, tier: int, size: int) -> str:
    if not 1 <= tier <= len(achievement.tiers):
        raise ValueError(f"'{achievement.id}' has tiers 1 to {len(achievement.tiers)}, not {tier}")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"badge size must be {MIN_SIZE} to {MAX_SIZE} px, not {size}")
    return TIER_NAMES[tier - 1]


def render_badge(achievement: Achievement, tier: int, size: int, lang: str = "en") -> bytes:
    """One tier (1 = bronze … 5 = diamond) of one achievement as an RGBA PNG of ``size`` px, without metadata."""
    art = _art()[1][_check(achievement, tier, size)]
    scale = max(2, min(_SUPERSAMPLE, _WORK_LIMIT // size))
    w = size * scale
    titled = size >= TITLE_MIN_SIZE
    canvas = Canvas(art, w, (w / 2, w * (0.43 if titled else 0.49)), w * (0.405 if titled else 0.455), fine=size >= 96)
    face_mask: Image.Image | None = None
    face_layer: dict[str, Any] = {}
    for layer in art.layers:
        if layer["kind"] == "bevel":
            canvas.bevel(layer)
        elif layer["kind"] == "beads":
            canvas.beads(layer)
        elif layer["kind"] == "face":
            face_mask, face_layer = canvas.face(layer), layer
        else:
            raise ValueError(f"unknown badge layer {layer['kind']!r}")
    if face_mask is None:
        raise ValueError(f"the {art.name} art has no face layer")
    face = canvas.radius * float(face_layer["scale"])
    box = face * float(face_layer.get("glyph", 1.0)) * (1.15 if size <= 64 else 1.0)
    lift = -0.05 * face if titled else 0.0
    canvas.glyph(badge_glyph(achievement), face_mask, box, lift + face * float(face_layer.get("glyph_dy", 0.0)))
    canvas.gloss(face_mask)
    canvas.sparkles()
    if titled:
        canvas.ribbon(badge_title(achievement, lang))
    alpha = ImageChops.offset(canvas.image.getchannel("A"), 0, round(w * 0.018))
    shadow = solid(canvas.image.size, (0, 0, 0), blur(alpha, w * 0.012), 0.4)
    shadow.alpha_composite(canvas.image)
    picture = shadow.resize((size, size), Image.Resampling.LANCZOS)
    picture.info.clear()
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False, pnginfo=None)
    return out.getvalue()


def cache_key(achievement: Achievement, tier: int, size: int, lang: str) -> str:
    """A short hash of everything that shapes the picture: art, code, font, Pillow, glyph and title."""
    font = font_source()
    parts = {
        "art": _art()[0], "font": f"{font.path}#{font.index}", "pillow": PIL.__version__,
        "glyph": badge_glyph(achievement), "title": badge_title(achievement, lang), "tier": tier, "size": size,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def badge_path(cache_dir: Path, achievement: Achievement, tier: int, size: int, lang: str = "en") -> Path:
    """The cached PNG of one badge (e.g. ``DATA/cache/badges``), drawn only when missing."""
    name = _check(achievement, tier, size)
    if not re.fullmatch(r"[A-Za-z]{2,3}(_[A-Za-z]{2,4})?", lang):  # it becomes part of a file name
        raise ValueError(f"not a language code: {lang!r}")
    path = cache_dir / f"{achievement.id}-{name}-{size}-{lang}-{cache_key(achievement, tier, size, lang)}.png"
    if not path.is_file():
        data = render_badge(achievement, tier, size, lang)
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, durable=False)  # a reader never sees half a file; a cache can be redrawn
    return path


def render_all(
    achievements: Iterable[Achievement], out_dir: Path, sizes: Sequence[int] = (256, 64), lang: str = "en"
) -> list[Path]:
    """Every tier of every achievement, hidden ones included, as ``<id>-<tier name>-<size>.png``.

    Each file is written whole or not at all (a temporary name beside it, renamed into place).
    :class:`InvalidInput` when ``out_dir`` cannot be a folder (a file has its name, or a name above it);
    :class:`StoreError` when the system refuses to write (permissions, read-only or full disk).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InvalidInput(
            translate("badges", "{path} is not a folder (it or a folder above it is a file): give a folder.")
            .format(path=out_dir)
        ) from None
    except OSError as exc:
        raise os_error(out_dir, exc) from None
    written: list[Path] = []
    for achievement in achievements:
        for tier in range(1, len(achievement.tiers) + 1):
            for size in sizes:
                path = out_dir / f"{achievement.id}-{TIER_NAMES[tier - 1]}-{size}.png"
                try:
                    atomic_write_bytes(path, render_badge(achievement, tier, size, lang))
                except OSError as exc:
                    raise os_error(path, exc) from None
                written.append(path)
    return written
