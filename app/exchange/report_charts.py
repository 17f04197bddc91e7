"""The report's bar charts, drawn without Qt: laid out once as shapes, then written as inline SVG (the HTML report)
or drawn into a PNG with Pillow (the PDF report: Qt's rich text has no SVG).

Every label is the caller's text: the SVG writer escapes it like any other markup.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw

from app.fonts import font

WIDTH, HEIGHT = 640, 240
COLOURS = ("#1e7b45", "#1565c0", "#b35a12", "#6a3fb0", "#c0392b", "#666666")
INK, GRID, MUTED = "#1a1a1a", "#dddddd", "#666666"


@dataclass
class Chart:
    """Bars: one group per label, one bar per series in it (``horizontal``: one bar per label, across)."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[int]]]  # (legend name, one value per label)
    horizontal: bool = False
    description: str = ""  # what a screen reader says of it


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: int
    anchor: str = "start"  # start, middle or end
    colour: str = INK


@dataclass
class Drawing:
    width: int
    height: int
    shapes: list[Rect | Text] = field(default_factory=list)


def nice_top(value: int) -> int:
    """The axis's top: 1, 2 or 5 times a power of ten, at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def layout(chart: Chart) -> Drawing:
    return _across(chart) if chart.horizontal else _upright(chart)


def _upright(chart: Chart) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    add = drawing.shapes.append
    left, right, top, bottom = 48, WIDTH - 8, 28, HEIGHT - 34
    peak = nice_top(max((v for _, values in chart.series for v in values), default=0))
    for step in range(5):  # four bands of the grid, their values at the left
        value = peak * step // 4
        y = bottom - (bottom - top) * step / 4
        add(Rect(left, y, right - left, 1, GRID))
        add(Text(left - 6, y + 4, f"{value:,}", 11, "end", MUTED))
    x = float(right)
    for index, (name, _) in enumerate(reversed(chart.series)):  # the legend, right-aligned above the bars
        colour = COLOURS[(len(chart.series) - 1 - index) % len(COLOURS)]
        add(Text(x, 16, name, 12, "end"))
        x -= _text_width(name, 12) + 6
        add(Rect(x - 10, 7, 10, 10, colour))
        x -= 22
    count = max(len(chart.labels), 1)
    slot = (right - left) / count
    bar = min(28.0, slot * 0.8 / max(len(chart.series), 1))
    every = max(1, math.ceil(count / max(1, int((right - left) // 56))))  # labels that fit, evenly spaced
    for index, label in enumerate(chart.labels):
        middle = left + slot * (index + 0.5)
        start = middle - bar * len(chart.series) / 2
        for number, (_, values) in enumerate(chart.series):
            height = (bottom - top) * values[index] / peak
            if height > 0:
                add(Rect(start + number * bar, bottom - height, bar - 1, height, COLOURS[number % len(COLOURS)]))
        if index % every == 0:
            add(Text(middle, bottom + 16, label, 11, "middle", MUTED))
    return drawing


def _across(chart: Chart) -> Drawing:
    row = 26
    height = 16 + row * max(len(chart.labels), 1)
    drawing = Drawing(WIDTH, height)
    add = drawing.shapes.append
    label_width = max((_text_width(label, 12) for label in chart.labels), default=0) + 12
    left, right = min(label_width, WIDTH / 3), WIDTH - 64
    values = chart.series[0][1] if chart.series else []
    peak = max(values, default=0) or 1
    for index, label in enumerate(chart.labels):
        y = 8 + row * index
        value = values[index] if index < len(values) else 0
        add(Text(left - 8, y + 15, label, 12, "end"))
        width = (right - left) * value / peak
        if width > 0:
            add(Rect(left, y + 3, max(width, 1), row - 8, COLOURS[index % len(COLOURS)]))
        add(Text(left + width + 6, y + 15, f"{value:,}", 12))
    return drawing


def _text_width(text: str, size: int) -> float:
    return float(font(size).getlength(text))


# -- the two writers ------------------------------------------------------------------------------------------


def svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element to put inline in HTML (its text escaped)."""
    drawing = layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{drawing.width}" '
             f'height="{drawing.height}" viewBox="0 0 {drawing.width} {drawing.height}">',
             f"<title>{escape(chart.description or chart.title)}</title>"]
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            parts.append(f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                         f'fill="{shape.colour}"/>')
        else:
            parts.append(f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
                         f'text-anchor={quoteattr(shape.anchor)} fill="{shape.colour}">{escape(shape.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def png(chart: Chart, scale: int = 3) -> bytes:
    """The chart as a PNG, ``scale`` pixels to the SVG's one (sharp when printed)."""
    drawing = layout(chart)
    image = Image.new("RGB", (drawing.width * scale, drawing.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            x0, y0 = shape.x * scale, shape.y * scale
            draw.rectangle((x0, y0, x0 + max(shape.w * scale - 1, 0), y0 + max(shape.h * scale - 1, 0)),
                           fill=shape.colour)
        else:
            draw.text((shape.x * scale, shape.y * scale), shape.text, font=font(shape.size * scale),
                      fill=shape.colour, anchor=_ANCHORS[shape.anchor])
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
