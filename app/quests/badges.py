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
import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from app.backups import os_error
from app.errors import InvalidInput
from app.files import atomic_write_bytes
from app.fonts import Font, covers, font_source
from app.fonts import font as load_font
from app.i18n import translate
from app.quests.schema import TIER_NAMES, Achievement
from app.resource_files import resource_path

CODE_VERSION = 1  # bump when a change of this file changes pixels; tiers.toml is hashed on its own
MIN_SIZE, MAX_SIZE = 32, 1024
TITLE_MIN_SIZE = 128  # below this the ribbon text cannot be read, so the badge is drawn without it
_SUPERSAMPLE = 4
_WORK_LIMIT = 2048  # the largest canvas side drawn: a 1024 px badge is drawn at 2× instead of 4×
_LIGHT = (-0.5, -0.866)  # toward the light: the upper left, mostly above

Point = tuple[float, float]
RGB = tuple[int, int, int]

@dataclass(frozen=True)
class TierArt:
    """One tier's look, read from ``tiers.toml``."""

    name: str
    rim: tuple[RGB, ...]
    face: tuple[RGB, ...]
    glyph: RGB
    glyph_edge: RGB
    ribbon: tuple[RGB, ...]
    ribbon_text: RGB
    sparkles: tuple[tuple[float, float, float], ...]
    layers: tuple[dict[str, Any], ...]


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


# --- geometry and colour ---------------------------------------------------------------------------------------


def _shield() -> list[Point]:
    """A heater shield: arched top, straight sides, curved to a point at the bottom."""
    points: list[Point] = []
    for i in range(24):  # the arched top, left to right
        t = i / 24
        points.append(((2 * t - 1) * 0.86, (1 - t) ** 2 * -0.8 + 2 * (1 - t) * t * -1.06 + t * t * -0.8))
    points.append((0.86, -0.8))
    for i in range(33):  # the right flank down to the tip
        t = i / 32
        bx = (1 - t) ** 3 * 0.86 + 3 * (1 - t) ** 2 * t * 0.86 + 3 * (1 - t) * t * t * 0.5
        by = (1 - t) ** 3 * 0.02 + 3 * (1 - t) ** 2 * t * 0.55 + 3 * (1 - t) * t * t * 0.86 + t**3 * 1.0
        points.append((bx, by))
    left = [(-x, y) for x, y in reversed(points[25:-1])]
    return [*points, *left, (-0.86, -0.8)]


def _outline(layer: dict[str, Any]) -> list[Point]:
    """A layer's shape in unit coordinates, clockwise on screen, around the origin."""
    shape = layer["shape"]
    turn = math.radians(float(layer.get("rotate", -90)))
    if shape == "circle":
        return [(math.cos(a), math.sin(a)) for a in (2 * math.pi * i / 192 for i in range(192))]
    if shape == "polygon":
        sides = int(layer["sides"])
        return [(math.cos(turn + 2 * math.pi * i / sides), math.sin(turn + 2 * math.pi * i / sides))
                for i in range(sides)]
    if shape == "star":
        points, dip = int(layer["points"]), float(layer["dip"])
        long, short = float(layer.get("long", 1.0)), float(layer.get("short", layer.get("long", 1.0)))
        out: list[Point] = []
        for i in range(2 * points):
            radius = dip if i % 2 else (long if i % 4 == 0 else short)
            angle = turn + math.pi * i / points
            out.append((radius * math.cos(angle), radius * math.sin(angle)))
        return out
    if shape == "shield":
        return _shield()
    raise ValueError(f"unknown badge shape {shape!r}")


def _sample(stops: Sequence[RGB], t: float) -> RGB:
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    f = t - i
    a, b = stops[i], stops[i + 1]
    return (round(a[0] + (b[0] - a[0]) * f), round(a[1] + (b[1] - a[1]) * f), round(a[2] + (b[2] - a[2]) * f))


def _mix(a: RGB, b: RGB, f: float) -> RGB:
    return _sample((a, b), f)


@functools.cache
def _dome_field() -> Image.Image:
    """A small 'L' field, 0 at the lit spot up and left of centre and growing away from it: a dome's light."""
    n = 96
    image = Image.new("L", (n, n))
    image.putdata([min(255, round(255 * math.hypot(x / (n - 1) * 2 - 0.6, y / (n - 1) * 2 - 0.45) / 2.0))
                   for y in range(n) for x in range(n)])
    return image


def _paint(field: Image.Image, stops: Sequence[RGB]) -> Image.Image:
    """Map an 'L' field through colour stops into an RGB image."""
    table = [_sample(stops, v / 255) for v in range(256)]
    channels = [field.point([c[k] for c in table]) for k in range(3)]
    return Image.merge("RGB", channels)


# --- drawing ---------------------------------------------------------------------------------------------------


class _Canvas:
    """The supersampled picture of one badge, drawn layer by layer."""

    def __init__(self, art: TierArt, width: int, centre: Point, radius: float, fine: bool) -> None:
        self.art, self.w, self.radius, self.fine = art, width, radius, fine
        self.cx, self.cy = centre
        self.image = Image.new("RGBA", (width, width), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.image)

    def at(self, points: Iterable[Point], scale: float) -> list[Point]:
        r = self.radius * scale
        return [(self.cx + x * r, self.cy + y * r) for x, y in points]

    def overlay(self, layer: Image.Image, clip: Image.Image | None = None) -> None:
        if clip is not None:
            layer.putalpha(ImageChops.multiply(layer.getchannel("A"), clip))
        self.image.alpha_composite(layer)

    def bevel(self, layer: dict[str, Any]) -> None:
        unit = _outline(layer)
        scale = float(layer["scale"])
        outer, inner = self.at(unit, scale), self.at(unit, scale * float(layer["inner"]))
        self.draw.polygon(outer, fill=_sample(self.art.rim, 0.5))
        for i in range(len(outer)):
            j = (i + 1) % len(outer)
            ex, ey = outer[j][0] - outer[i][0], outer[j][1] - outer[i][1]
            length = math.hypot(ex, ey) or 1.0
            nx, ny = ey / length, -ex / length
            mx, my = (outer[i][0] + outer[j][0]) / 2 - self.cx, (outer[i][1] + outer[j][1]) / 2 - self.cy
            if nx * mx + ny * my < 0:
                nx, ny = -nx, -ny
            lit = nx * _LIGHT[0] + ny * _LIGHT[1]
            self.draw.polygon([outer[i], outer[j], inner[j], inner[i]], fill=_sample(self.art.rim, (1 - lit) / 2))
        line = max(1, round(self.radius * 0.012))
        self.draw.polygon(outer, outline=_mix(self.art.rim[-1], (0, 0, 0), 0.35), width=line)

    def beads(self, layer: dict[str, Any]) -> None:
        count, ring = int(layer["count"]), self.radius * float(layer["scale"])
        bead = self.radius * 0.032
        for i in range(count):
            a = 2 * math.pi * i / count
            x, y = self.cx + ring * math.cos(a), self.cy + ring * math.sin(a)
            self.draw.ellipse((x - bead * 0.8, y - bead * 0.8, x + bead * 1.25, y + bead * 1.25), fill=self.art.rim[-1])
            self.draw.ellipse((x - bead, y - bead, x + bead, y + bead), fill=self.art.rim[2])
            self.draw.ellipse((x - bead * 0.7, y - bead * 0.7, x + bead * 0.1, y + bead * 0.1), fill=self.art.rim[0])

    def face(self, layer: dict[str, Any]) -> Image.Image:
        """The plate: a lit dome gradient, sunburst lines, an inner shadow at the top; returns its mask."""
        scale = float(layer["scale"])
        mask = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(mask).polygon(self.at(_outline(layer), scale), fill=255)
        box = mask.getbbox() or (0, 0, self.w, self.w)
        size = (box[2] - box[0], box[3] - box[1])
        paint = _paint(_dome_field().resize(size, Image.Resampling.BILINEAR), self.art.face)
        self.image.paste(paint, box[:2], mask.crop(box))
        rays = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        ray_draw, reach = ImageDraw.Draw(rays), self.radius * scale * 1.1
        for i in range(0, 72, 2):
            ray_draw.pieslice((self.cx - reach, self.cy - reach, self.cx + reach, self.cy + reach),
                              i * 5, i * 5 + 5, fill=(255, 255, 255, 22 if self.fine else 9))
        self.overlay(rays, mask)
        drop = max(2, round(self.radius * 0.05))
        rim_shadow = ImageChops.subtract(mask, ImageChops.offset(mask, 0, drop))
        rim_shadow = _blur(rim_shadow, drop * 0.6)
        shade = Image.new("RGBA", self.image.size, (*_mix(self.art.rim[-1], (0, 0, 0), 0.5), 0))
        shade.putalpha(rim_shadow.point(lambda v: v * 150 // 255))
        self.overlay(shade, mask)
        return mask

    def glyph(self, text: str, face_mask: Image.Image, box: float, dy: float) -> None:
        font_px = max(8, round(box))
        for _ in range(2):
            font = load_font(font_px)
            left, top, right, bottom = font.getbbox(text, anchor="lt")
            ink = max(right - left, bottom - top, 1)
            font_px = max(8, round(font_px * box / ink))
        font = load_font(font_px)
        left, top, right, bottom = font.getbbox(text, anchor="lt")
        gx, gy = self.cx, self.cy + dy
        xy = (gx - (left + right) / 2, gy - (top + bottom) / 2)
        stroke = max(1, round(box * 0.055))
        fill = Image.new("L", self.image.size, 0)
        edge = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(fill).text(xy, text, font=font, fill=255, anchor="lt")
        ImageDraw.Draw(edge).text(xy, text, font=font, fill=255, anchor="lt", stroke_width=stroke, stroke_fill=255)
        shadow = _blur(ImageChops.offset(edge, 0, max(1, round(box * 0.035))), box * 0.03)
        self.overlay(_solid(self.image.size, (0, 0, 0), shadow, 0.45), face_mask)
        self.image.paste(self.art.glyph_edge, (0, 0), edge)
        top_colour = _mix(self.art.glyph, self.art.glyph_edge, 0.28)
        ramp = Image.linear_gradient("L").resize((1, max(1, round(bottom - top))), Image.Resampling.BILINEAR)
        colours = _paint(ramp, (top_colour, self.art.glyph, self.art.glyph)).resize(
            (self.w, ramp.height), Image.Resampling.NEAREST)
        layer = Image.new("RGB", self.image.size, self.art.glyph)
        layer.paste(colours, (0, round(xy[1] + top)))
        self.image.paste(layer, (0, 0), fill)

    def gloss(self, face_mask: Image.Image) -> None:
        box = face_mask.getbbox() or (0, 0, self.w, self.w)
        height = box[3] - box[1]
        shine = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(shine).ellipse((box[0] - height * 0.2, box[1] - height * 0.55,
                                       box[2] + height * 0.1, box[1] + height * 0.5), fill=255)
        fade = Image.linear_gradient("L").resize((self.w, round(height * 0.55)), Image.Resampling.BILINEAR)
        ramp = Image.new("L", self.image.size, 255)
        ramp.paste(fade.point(lambda v: 255 - v), (0, box[1]))
        ramp.paste(255, (0, 0, self.w, box[1]))
        ramp.paste(0, (0, box[1] + fade.height, self.w, self.w))
        alpha = ImageChops.multiply(ImageChops.multiply(shine, ramp), face_mask).point(lambda v: v * 70 // 255)
        self.overlay(_solid(self.image.size, (255, 255, 255), alpha, 1.0))

    def sparkles(self) -> None:
        if not self.art.sparkles:
            return
        glow = Image.new("L", self.image.size, 0)
        star = Image.new("L", self.image.size, 0)
        for x, y, s in self.art.sparkles:
            (px, py), r = self.at([(x, y)], 1.0)[0], self.radius * s
            ImageDraw.Draw(glow).ellipse((px - r * 0.55, py - r * 0.55, px + r * 0.55, py + r * 0.55), fill=200)
            points = [(px + r * (1 if i % 2 == 0 else 0.2) * math.cos(math.pi * i / 4 - math.pi / 2),
                       py + r * (1 if i % 2 == 0 else 0.2) * math.sin(math.pi * i / 4 - math.pi / 2))
                      for i in range(8)]
            ImageDraw.Draw(star).polygon(points, fill=255)
        glow = _blur(glow, self.radius * 0.04)
        self.overlay(_solid(self.image.size, (255, 255, 255), ImageChops.lighter(glow, star), 1.0))

    def ribbon(self, title: str) -> None:
        w, colours = self.w, self.art.ribbon
        top, bottom, drop = 0.76 * w, 0.92 * w, 0.05 * w
        mid = (top + bottom) / 2 + drop
        for side in (-1, 1):
            def x(f: float, side: int = side) -> float:
                return w / 2 + side * (w / 2 - f * w)
            self.draw.polygon([(x(0.17), top + drop), (x(0.005), top + drop), (x(0.06), mid),
                               (x(0.005), bottom + drop), (x(0.17), bottom + drop)], fill=colours[2])
            self.draw.polygon([(x(0.075), bottom), (x(0.17), bottom + drop), (x(0.17), bottom)],
                              fill=_mix(colours[2], (0, 0, 0), 0.45))
        band = _paint(Image.linear_gradient("L").resize((1, round(bottom - top))), colours[:2] + colours[1:2])
        band_box = (round(0.075 * w), round(top))
        self.image.paste(band.resize((w - 2 * band_box[0], band.height)), band_box)
        stitch = _mix(colours[0], self.art.ribbon_text, 0.5)
        line, inset = max(1, round(w * 0.005)), w * 0.02
        for y in (top + inset, bottom - inset):
            self.draw.line((band_box[0] + inset, y, w - band_box[0] - inset, y), fill=stitch, width=line)
        height, room = bottom - top - 2 * inset, w - 2 * band_box[0] - 4 * inset
        font, shown = _fit(title, round(height * 0.84), round(height * 0.45), room)
        centre = (w / 2, (top + bottom) / 2)
        self.draw.text((centre[0], centre[1] + w * 0.006), shown, font=font, fill=_mix(colours[2], (0, 0, 0), 0.3),
                       anchor="mm")
        self.draw.text(centre, shown, font=font, fill=self.art.ribbon_text, anchor="mm")


def _blur(mask: Image.Image, radius: float) -> Image.Image:
    """A Gaussian blur computed at a quarter of the resolution: the same softness, a tenth of the time."""
    small = mask.resize((mask.width // 4, mask.height // 4), Image.Resampling.BOX)
    return small.filter(ImageFilter.GaussianBlur(radius / 4)).resize(mask.size, Image.Resampling.BILINEAR)


def _solid(size: tuple[int, int], colour: RGB, alpha: Image.Image, strength: float) -> Image.Image:
    layer = Image.new("RGBA", size, (*colour, 0))
    layer.putalpha(alpha if strength >= 1 else alpha.point(lambda v: round(v * strength)))
    return layer


def _fit(text: str, largest: int, smallest: int, room: float) -> tuple[Font, str]:
    """The largest font that fits ``text`` into ``room``; below ``smallest`` the text is cut with an ellipsis."""
    px = largest
    while px > smallest and load_font(px).getlength(text) > room:
        px = max(smallest, int(px * 0.93))
    font = load_font(px)
    shown = text
    while len(shown) > 1 and font.getlength(shown) > room:
        shown = shown[:-2].rstrip() + "…"
    return font, shown


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
    canvas = _Canvas(art, w, (w / 2, w * (0.43 if titled else 0.49)), w * (0.405 if titled else 0.455), fine=size >= 96)
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
    shadow = _solid(canvas.image.size, (0, 0, 0), _blur(alpha, w * 0.012), 0.4)
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
