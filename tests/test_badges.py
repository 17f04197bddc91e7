"""Badge art: sizes, byte-identical output without metadata, distinct tiers, real glyphs, file names, the cache."""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from app import fonts
from app.quests import badges
from app.quests.schema import TIER_NAMES, Achievement


def make(
    id: str = "helping-hand", en: str = "Helping Hand", zh: str | None = "援手", glyph: str | None = "援",
    tiers: int = 5, hidden: bool = False,
) -> Achievement:
    data: dict[str, Any] = {
        "id": id, "title": {"en": en}, "description": {"en": "Help others", "zh_CN": "帮助群友"},
        "metric": {"event": "help.given"}, "tiers": [10 * 3**i for i in range(tiers)], "hidden": hidden,
    }
    if zh is not None:
        data["title"]["zh_CN"] = zh
    if glyph is not None:
        data["glyph"] = glyph
    return Achievement.model_validate(data)


def image(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def alpha_at(picture: Image.Image, xy: tuple[int, int]) -> int:
    value = picture.getchannel("A").getpixel(xy)
    assert isinstance(value, int)
    return value


def chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG, read by hand (and each CRC checked)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc
        found.append(kind.decode("ascii"))
        at += 12 + length
    return found


def centre_difference(a: bytes, b: bytes) -> float:
    """The mean brightness difference in the middle third, where the glyph sits."""
    first, second = image(a), image(b)
    w = first.width
    box = (w // 3, w // 3, 2 * w // 3, 2 * w // 3)
    diff = ImageChops.difference(first.crop(box).convert("L"), second.crop(box).convert("L"))
    return float(ImageStat.Stat(diff).mean[0])


@pytest.fixture(autouse=True)
def fresh_font_caches() -> Iterator[None]:
    fonts.font.cache_clear()
    fonts.covers.cache_clear()
    yield
    fonts.font.cache_clear()
    fonts.covers.cache_clear()


@pytest.mark.parametrize("size", [32, 64, 100, 256])
def test_a_badge_is_an_rgba_png_of_the_asked_size(size: int) -> None:
    data = badges.render_badge(make(), 1, size)
    picture = image(data)
    assert picture.format == "PNG"
    assert picture.size == (size, size)
    assert picture.mode == "RGBA"
    assert alpha_at(picture, (0, 0)) == 0  # a transparent corner: the badge is a shape, not a square
    assert picture.getchannel("A").getextrema() == (0, 255)


def test_the_same_badge_gives_the_same_bytes() -> None:
    first = badges.render_badge(make(), 3, 256, "zh_CN")
    fonts.font.cache_clear()
    fonts.covers.cache_clear()
    assert badges.render_badge(make(), 3, 256, "zh_CN") == first
    assert badges.render_badge(make(), 3, 64) == badges.render_badge(make(), 3, 64)


def test_no_metadata_chunks() -> None:
    for size in (256, 64):
        kinds = chunks(badges.render_badge(make(), 2, size))
        assert kinds[0] == "IHDR" and kinds[-1] == "IEND"
        assert set(kinds) == {"IHDR", "IDAT", "IEND"}


def test_each_tier_has_its_own_shape_and_metal() -> None:
    pictures = [image(badges.render_badge(make(), tier, 64)) for tier in range(1, 6)]
    assert len({p.tobytes() for p in pictures}) == 5
    for i, first in enumerate(pictures):
        for second in pictures[i + 1:]:
            silhouette = ImageChops.difference(first.getchannel("A"), second.getchannel("A"))
            assert sum(silhouette.point(lambda v: 255 if v > 128 else 0).histogram()[255:]) > 40
            colour = ImageChops.difference(first.convert("RGB"), second.convert("RGB")).convert("L")
            assert ImageStat.Stat(colour).mean[0] > 8


def test_the_glyph_is_drawn_in_the_middle() -> None:
    help_badge = badges.render_badge(make(glyph="援"), 3, 256)
    cut_badge = badges.render_badge(make(glyph="砍"), 3, 256)
    assert centre_difference(help_badge, cut_badge) > 10
    small_help, small_cut = badges.render_badge(make(glyph="援"), 3, 64), badges.render_badge(make(glyph="砍"), 3, 64)
    assert centre_difference(small_help, small_cut) > 10


def test_the_title_is_on_the_ribbon_at_256_px_only() -> None:
    helping, other = make(en="Helping Hand"), make(en="Another Title")
    assert badges.render_badge(helping, 1, 256) != badges.render_badge(other, 1, 256)
    assert badges.render_badge(helping, 1, 256, "zh_CN") != badges.render_badge(helping, 1, 256, "en")
    assert badges.render_badge(helping, 1, 64) == badges.render_badge(other, 1, 64)
    # the ribbon reaches out past the medal; at 64 px there is none
    assert alpha_at(image(badges.render_badge(helping, 1, 256)), (20, 230)) > 200
    assert alpha_at(image(badges.render_badge(helping, 1, 64)), (1, 55)) == 0


def test_a_missing_glyph_falls_back_to_the_first_character_of_the_title() -> None:
    assert badges.badge_glyph(make(glyph=None)) == "援"
    assert badges.render_badge(make(glyph=None), 1, 64) == badges.render_badge(make(glyph="援"), 1, 64)
    assert badges.badge_glyph(make(zh=None, glyph=None, en="helping hand")) == "H"


def test_without_any_cjk_font_the_badge_still_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "font_source", lambda: fonts.FontSource(None))
    monkeypatch.setattr(badges, "font_source", lambda: fonts.FontSource(None))
    achievement = make()
    assert badges.badge_glyph(achievement) == "H"  # Pillow's own font has no 援
    assert badges.badge_title(achievement, "zh_CN") == "Helping Hand"
    assert image(badges.render_badge(achievement, 2, 256, "zh_CN")).size == (256, 256)


def test_bad_tiers_and_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="tiers 1 to 2"):
        badges.render_badge(make(tiers=2), 3, 64)
    with pytest.raises(ValueError, match="tiers 1 to 5"):
        badges.render_badge(make(), 0, 64)
    with pytest.raises(ValueError, match="size"):
        badges.render_badge(make(), 1, 16)


def test_render_all_writes_every_tier_of_every_achievement(tmp_path: Path) -> None:
    achievements = [make(tiers=4), make(id="night-owl", en="Night Owl", zh="夜猫子", glyph=None, tiers=2, hidden=True)]
    written = badges.render_all(achievements, tmp_path / "out")
    assert len(written) == (4 + 2) * 2
    expected = {f"helping-hand-{TIER_NAMES[t]}-{s}.png" for t in range(4) for s in (256, 64)}
    expected |= {f"night-owl-{TIER_NAMES[t]}-{s}.png" for t in range(2) for s in (256, 64)}
    assert {p.name for p in written} == expected
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(expected)
    assert image((tmp_path / "out" / "night-owl-silver-64.png").read_bytes()).size == (64, 64)


def test_the_cache_draws_once_and_is_keyed_by_the_art(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache" / "badges"
    path = badges.badge_path(cache, make(), 2, 64, "en")
    assert path.parent == cache
    assert path.name.startswith("helping-hand-silver-64-en-") and path.suffix == ".png"
    assert path.read_bytes() == badges.render_badge(make(), 2, 64, "en")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert badges.badge_path(cache, make(), 2, 64, "en") == path
    assert path.stat().st_mtime_ns == 1_000_000_000  # not drawn again
    assert list(cache.iterdir()) == [path]  # no temporary file left behind

    assert badges.badge_path(cache, make(en="Renamed"), 2, 64, "en") != path
    real = badges._art()
    monkeypatch.setattr(badges, "_art", lambda: ("a newer art version", real[1]))
    assert badges.badge_path(cache, make(), 2, 64, "en") != path
