"""``export --format card``: a share card, one 1080 × 1350 PNG of the player's level, points, top badges and counts.

Drawn with Pillow (no Qt: the command line draws it headless, the window shows the same bytes as its preview).
The preset decides what the card says, through the same classes as every export:

- safe (level, points, badges, counts): shown, or the card says it shares none of them;
- personal: the display name and the groups' names when kept; the groups' kinds ("Mother & baby group") when
  generalised; neither when dropped;
- third-party: never on a card, whatever the preset (no contact is named on it).

The PNG holds the picture's chunks only: no text, time, EXIF or physical-size chunk (``png_chunks.pixels_only``).
"""

from __future__ import annotations

import collections
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select

from app.exchange.baked_badges import badge_art, earned_tiers
from app.files import atomic_write_bytes
from app.fonts import Font, font, regular_font
from app.i18n import current_language, translate
from app.model import Group
from app.privacy.classes import Sensitivity
from app.privacy.presets import Action, Preset
from app.privacy.redact import vertical_label
from app.quests.badge_draw import blur
from app.quests.levels import points_for_level
from app.quests.schema import Achievement
from app.services import Services

WIDTH, HEIGHT = 1080, 1350  # a portrait 4:5 picture, what chat apps and feeds show whole
TOP_BADGES = 6
COUNTED = ("helps", "deals", "cuts", "contacts")  # the sections whose numbers the card shows
_SCALE = 2  # drawn at twice the size and scaled down: smooth edges on shapes Pillow does not smooth

# A light theme: warm paper, a coral accent (the colour of a group-buy's button), ink and a soft grey.
PAPER_TOP, PAPER_BOTTOM = (255, 243, 234), (255, 252, 249)
ACCENT, ACCENT_DEEP = (232, 80, 58), (196, 58, 40)
INK, GREY, TRACK = (43, 43, 51), (120, 120, 132), (246, 226, 218)
PANEL = (255, 255, 255)
LOGO = "拼"  # the mark of the app, in every language (拼团: buying together)


@dataclass
class CardData:
    """What a card shows, already passed through the preset (the drawing decides nothing about privacy)."""

    lang: str
    day: str  # the day it was made (local), for the footer
    safe: bool  # level, points, badges and counts shown
    level: int = 1
    points: int = 0
    level_start: int = 0
    next_level_at: int = 0
    badges: list[tuple[Achievement, int]] = field(default_factory=list)  # the top ones: achievement, tier
    badges_earned: int = 0  # tiers earned in all
    counts: dict[str, int] = field(default_factory=dict)
    name: str | None = None  # the display name: only when personal data is kept
    groups: list[str] = field(default_factory=list)  # names (kept) or kinds (generalised)


def _clean(text: str) -> str:
    """A name as drawn: no control, format (bidi, zero-width) or private-use characters, spaces collapsed."""
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs"))
    return " ".join(kept.split())


def card_data(services: Services, preset: Preset, lang: str | None = None) -> CardData:
    """Gather what the preset lets the card show (reads only)."""
    from app.exchange.export import section_counts

    lang = lang or current_language()
    now = services.clock.now()
    data = CardData(lang=lang, day=now.astimezone(services.clock.tz).date().isoformat(),
                    safe=preset.action(Sensitivity.safe) != Action.drop)
    if data.safe:
        score = services.game.score()
        data.level, data.points = score["level"], score["points"]
        data.level_start, data.next_level_at = points_for_level(data.level), score["next_level_at"]
        tiers = earned_tiers(services, lang)
        best: dict[str, tuple[Achievement, int]] = {}
        for earned in tiers:  # in tier order: the last one seen is the highest
            best[earned.achievement.id] = (earned.achievement, earned.tier)
        order = {a.id: i for i, a in enumerate(services.game.catalogue.achievements)}
        data.badges = sorted(best.values(), key=lambda pair: (-pair[1], order.get(pair[0].id, 0)))[:TOP_BADGES]
        data.badges_earned = len(tiers)
        counts = section_counts(services)
        data.counts = {name: counts.get(name, 0) for name in COUNTED}
    personal = preset.action(Sensitivity.personal)
    if personal == Action.drop:
        return data
    with services.store.read() as session:
        rows = session.execute(select(Group.name, Group.vertical).where(Group.archived.is_(False))
                               .order_by(Group.joined_at, Group.name)).all()
    if personal == Action.keep:
        data.name = _clean(services.profile.get().get("display_name") or "") or None
        data.groups = [_clean(name) for name, _ in rows if _clean(name)]
    else:
        kinds = collections.Counter(vertical_label(str(getattr(v, "value", v))) for _, v in rows)
        data.groups = [label if n == 1 else translate("share card", "{kind} ×{count}").format(kind=label, count=n)
                       for label, n in kinds.most_common()]
    return data


# -- drawing ----------------------------------------------------------------------------------------------------


def _px(value: float) -> int:
    return round(value * _SCALE)


def _font(size: float, bold: bool = True) -> Font:
    return font(_px(size)) if bold else regular_font(_px(size))


def _fit(draw: ImageDraw.ImageDraw, text: str, size: float, width: float, bold: bool = True,
         smallest: float | None = None) -> tuple[str, Font]:
    """The text at the largest size down to ``smallest`` that fits ``width``; cut with an ellipsis below it."""
    smallest = smallest or size
    while size > smallest and draw.textlength(text, font=_font(size, bold)) > _px(width):
        size = max(smallest, size * 0.92)
    face = _font(size, bold)
    shown = text
    while len(shown) > 1 and draw.textlength(shown, font=face) > _px(width):
        shown = shown[:-2].rstrip() + "…"
    return shown, face


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, face: Font,
          fill: tuple[int, ...], anchor: str = "la") -> None:
    draw.text((_px(xy[0]), _px(xy[1])), text, font=face, fill=fill, anchor=anchor)


def _shadowed_panel(card: Image.Image, box: tuple[float, float, float, float], radius: float,
                    fill: tuple[int, ...] = PANEL) -> None:
    """A rounded white panel lifted off the paper by a soft shadow."""
    x0, y0, x1, y1 = (_px(v) for v in box)
    shadow = Image.new("L", card.size, 0)
    ImageDraw.Draw(shadow).rounded_rectangle((x0, y0 + _px(8), x1, y1 + _px(8)), _px(radius), fill=60)
    shadow = blur(shadow, _px(14))
    card.paste((196, 120, 96), (0, 0), shadow)
    ImageDraw.Draw(card).rounded_rectangle((x0, y0, x1, y1), _px(radius), fill=fill)


def _paper() -> Image.Image:
    size = (_px(WIDTH), _px(HEIGHT))
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    card = Image.composite(Image.new("RGB", size, PAPER_BOTTOM), Image.new("RGB", size, PAPER_TOP), ramp)
    glow = Image.new("L", size, 0)
    glow_draw = ImageDraw.Draw(glow)
    glow_draw.ellipse((_px(760), _px(-200), _px(1260), _px(300)), fill=34)
    glow_draw.ellipse((_px(-180), _px(1120), _px(200), _px(1500)), fill=22)
    card.paste(ACCENT, (0, 0), blur(glow, _px(6)))
    return card


def _header(card: Image.Image, data: CardData) -> None:
    draw = ImageDraw.Draw(card)
    margin = 72
    draw.rounded_rectangle((_px(margin), _px(60), _px(margin + 68), _px(128)), _px(18), fill=ACCENT)
    _text(draw, (margin + 34, 94), LOGO, _font(40), (255, 255, 255), "mm")
    _text(draw, (margin + 88, 94), translate("share card", "Pintuan Quest"), _font(34), INK, "lm")
    title = (translate("share card", "{name}'s helping record").format(name=data.name) if data.name
             else translate("share card", "My helping record"))
    shown, face = _fit(draw, title, 60, WIDTH - 2 * margin, smallest=40)
    _text(draw, (margin, 196), shown, face, INK, "lm")


def _level_panel(card: Image.Image, data: CardData) -> None:
    margin, top, bottom = 72, 262, 482
    _shadowed_panel(card, (margin, top, WIDTH - margin, bottom), 36)
    draw = ImageDraw.Draw(card)
    cx, cy, r = margin + 130, (top + bottom) / 2, 84
    draw.ellipse((_px(cx - r), _px(cy - r), _px(cx + r), _px(cy + r)), fill=ACCENT)
    draw.ellipse((_px(cx - r + 8), _px(cy - r + 8), _px(cx + r - 8), _px(cy + r - 8)), outline=(255, 214, 200),
                 width=_px(3))
    _text(draw, (cx, cy - 40), translate("share card", "LEVEL"), _font(22), (255, 226, 216), "mm")
    number, face = _fit(draw, f"{data.level:,}", 80, 2 * r - 36, smallest=36)
    _text(draw, (cx, cy + 14), number, face, (255, 255, 255), "mm")
    left, right = cx + r + 48, WIDTH - margin - 48
    points = translate("share card", "{points} points").format(points=f"{data.points:,}")
    shown, face = _fit(draw, points, 54, right - left, smallest=32)
    _text(draw, (left, top + 78), shown, face, INK, "lm")
    span = max(1, data.next_level_at - data.level_start)
    done = min(1.0, max(0.0, (data.points - data.level_start) / span))
    bar_top, bar_height = top + 126, 22
    draw.rounded_rectangle((_px(left), _px(bar_top), _px(right), _px(bar_top + bar_height)), _px(11), fill=TRACK)
    if done > 0:
        end = left + max(bar_height, (right - left) * done)
        draw.rounded_rectangle((_px(left), _px(bar_top), _px(end), _px(bar_top + bar_height)), _px(11), fill=ACCENT)
    to_go = translate("share card", "{points} points to level {level}").format(
        points=f"{max(0, data.next_level_at - data.points):,}", level=f"{data.level + 1:,}")
    shown, face = _fit(draw, to_go, 26, right - left, bold=False, smallest=20)
    _text(draw, (left, bar_top + bar_height + 34), shown, face, GREY, "lm")


def _badges(card: Image.Image, data: CardData, art: Callable[[Achievement, int, int], bytes]) -> None:
    margin, top, bottom = 72, 520, 1090
    draw = ImageDraw.Draw(card)
    _text(draw, (margin, top + 22), translate("share card", "Top badges"), _font(36), INK, "lm")
    if data.badges_earned:
        earned = translate("share card", "{count} earned").format(count=f"{data.badges_earned:,}")
        _text(draw, (WIDTH - margin, top + 22), earned, _font(26, bold=False), GREY, "rm")
    area_top = top + 58
    if not data.badges:
        line = translate("share card", "No badges yet: the first one is a few helps away.")
        shown, face = _fit(draw, line, 30, WIDTH - 2 * margin, bold=False, smallest=22)
        _text(draw, (WIDTH / 2, (area_top + bottom) / 2), shown, face, GREY, "mm")
        return
    rows = 1 if len(data.badges) <= 3 else 2
    size = 300 if rows == 1 else 252
    columns = min(3, len(data.badges)) if rows == 1 else 3
    cell = (WIDTH - 2 * margin) / 3
    gap = 10
    block = rows * size + (rows - 1) * gap
    y0 = area_top + ((bottom - area_top) - block) / 2
    x_start = margin + (3 - columns) * cell / 2
    for index, (achievement, tier) in enumerate(data.badges):
        row, column = divmod(index, 3)
        picture = Image.open(io.BytesIO(art(achievement, tier, _px(size)))).convert("RGBA")
        x = x_start + column * cell + (cell - size) / 2
        card.paste(picture, (_px(x), _px(y0 + row * (size + gap))), picture)


def _counts(card: Image.Image, data: CardData) -> None:
    margin, top, height, gap = 72, 1108, 112, 18
    labels = {"helps": translate("share card", "Helps"), "deals": translate("share card", "Deals"),
              "cuts": translate("share card", "Bargain cuts"), "contacts": translate("share card", "Group friends")}
    width = (WIDTH - 2 * margin - gap * (len(COUNTED) - 1)) / len(COUNTED)
    draw = ImageDraw.Draw(card)
    for index, name in enumerate(COUNTED):
        x = margin + index * (width + gap)
        draw.rounded_rectangle((_px(x), _px(top), _px(x + width), _px(top + height)), _px(24), fill=PANEL,
                               outline=TRACK, width=_px(2))
        number, face = _fit(draw, f"{data.counts.get(name, 0):,}", 44, width - 24, smallest=26)
        _text(draw, (x + width / 2, top + 44), number, face, ACCENT_DEEP, "mm")
        label, face = _fit(draw, labels[name], 24, width - 20, bold=False, smallest=18)
        _text(draw, (x + width / 2, top + 86), label, face, GREY, "mm")


def _groups_line(draw: ImageDraw.ImageDraw, groups: list[str], width: float) -> tuple[str, Font]:
    """"My groups: A · B · C · 2 more": as many whole names as fit, then how many more (a name cut short only alone)."""
    face = _font(24, bold=False)
    separator = translate("share card", " · ")
    for shown in range(len(groups), 0, -1):
        names = separator.join(groups[:shown])
        if shown < len(groups):
            names += separator + translate("share card", "{count} more").format(count=len(groups) - shown)
        line = translate("share card", "My groups: {groups}").format(groups=names)
        if draw.textlength(line, font=face) <= _px(width):
            return line, face
    return _fit(draw, line, 24, width, bold=False)


def _footer(draw: ImageDraw.ImageDraw, data: CardData) -> None:
    footer = translate("share card", "Made with Pintuan Quest · {day}").format(day=data.day)
    _text(draw, (WIDTH / 2, 1306), footer, _font(22, bold=False), GREY, "mm")


def _groups_and_footer(card: Image.Image, data: CardData) -> None:
    margin = 72
    draw = ImageDraw.Draw(card)
    if data.groups:
        shown, face = _groups_line(draw, data.groups, WIDTH - 2 * margin)
        _text(draw, (WIDTH / 2, 1258), shown, face, INK, "mm")
    _footer(draw, data)


def _without_game(card: Image.Image, data: CardData) -> None:
    """A card of a preset that keeps the game to itself: that said, and the groups (if any) listed in a panel."""
    margin = 72
    draw = ImageDraw.Draw(card)
    line = translate("share card", "This card shares no levels, points, badges or counts.")
    shown, face = _fit(draw, line, 30, WIDTH - 2 * margin, bold=False, smallest=22)
    _text(draw, (margin, 290), shown, face, GREY, "lm")
    if data.groups:
        rows = data.groups[:12]
        if len(data.groups) > len(rows):
            rows[-1] = translate("share card", "{count} more").format(count=len(data.groups) - len(rows) + 1)
        top = 360
        _shadowed_panel(card, (margin, top, WIDTH - margin, top + 110 + 64 * len(rows)), 36)
        draw = ImageDraw.Draw(card)
        _text(draw, (margin + 48, top + 60), translate("share card", "My groups"), _font(36), INK, "lm")
        for index, name in enumerate(rows):
            shown, face = _fit(draw, name, 30, WIDTH - 2 * margin - 96, bold=False, smallest=22)
            _text(draw, (margin + 48, top + 130 + 64 * index), shown, face, INK, "lm")
    _footer(draw, data)


def draw_card(data: CardData, art: Callable[[Achievement, int, int], bytes]) -> bytes:
    """The card as PNG bytes, pixels only. ``art(achievement, tier, px)``: a badge's picture (PNG bytes)."""
    card = _paper()
    _header(card, data)
    if data.safe:
        _level_panel(card, data)
        _badges(card, data, art)
        _counts(card, data)
        _groups_and_footer(card, data)
    else:
        _without_game(card, data)
    picture = card.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    from app.exchange.png_chunks import pixels_only

    return pixels_only(out.getvalue())


def render_card(services: Services, preset: Preset, lang: str | None = None) -> tuple[bytes, CardData]:
    """The card of the data under ``preset``: its PNG bytes and what it shows."""
    data = card_data(services, preset, lang)
    return draw_card(data, lambda achievement, tier, px: badge_art(services, achievement, tier, px, data.lang)), data


def card_counts(data: CardData) -> dict[str, int]:
    """What the audit log records of a card: the badges on it."""
    return {"badges": len(data.badges)}


def write_card(services: Services, preset: Preset, target: Path, png: bytes | None = None,
               shown: CardData | None = None) -> dict[str, int]:
    """Write the card (``png``: the one already drawn, e.g. the preview the user saw) and return its audit counts."""
    if png is None or shown is None:
        png, shown = render_card(services, preset)
    atomic_write_bytes(target, png)
    return card_counts(shown)

