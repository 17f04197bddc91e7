"""Badge art, the drawing: a tier's shield, metal, dome light, ribbon and glyph on a supersampled Pillow canvas.

:mod:`app.quests.badges` decides what to draw (the tier's art, the title, the size) and caches the PNG files.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from app.fonts import Font
from app.fonts import font as load_font

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


class Canvas:
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
        rim_shadow = blur(rim_shadow, drop * 0.6)
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
        shadow = blur(ImageChops.offset(edge, 0, max(1, round(box * 0.035))), box * 0.03)
        self.overlay(solid(self.image.size, (0, 0, 0), shadow, 0.45), face_mask)
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
        self.overlay(solid(self.image.size, (255, 255, 255), alpha, 1.0))

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
        glow = blur(glow, self.radius * 0.04)
        self.overlay(solid(self.image.size, (255, 255, 255), ImageChops.lighter(glow, star), 1.0))

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


def blur(mask: Image.Image, radius: float) -> Image.Image:
    """A Gaussian blur computed at a quarter of the resolution: the same softness, a tenth of the time."""
    small = mask.resize((mask.width // 4, mask.height // 4), Image.Resampling.BOX)
    return small.filter(ImageFilter.GaussianBlur(radius / 4)).resize(mask.size, Image.Resampling.BILINEAR)


def solid(size: tuple[int, int], colour: RGB, alpha: Image.Image, strength: float) -> Image.Image:
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
