"""``export --format card``: the share card is a 1080 × 1350 PNG holding nothing but its picture (read back with
the test's own chunk reader), not blank, and what it shows passed through the preset: the name and group names
only when personal data is kept, the groups' kinds for friends, nothing personal for the public and nothing of
other people's ever."""

from __future__ import annotations

import dataclasses
import io
import struct
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from app import i18n
from app.exchange.export import export
from app.exchange.share_card import HEIGHT, WIDTH, CardData, card_data, render_card
from app.privacy.presets import BUILT_IN
from app.services import Services
from tests import test_export as part1
from tests.test_baked_badges import MY_NAME, TEXT_CHUNKS, png_chunks

seeded = part1.seeded
out = part1.out
GROUP = "绝密宝妈群名字"  # part 1's group name: personal


@pytest.fixture
def named(seeded: Services) -> Services:
    seeded.profile.edit(display_name=MY_NAME)
    return seeded


def shown_text(data: CardData) -> str:
    """Everything a card's data holds, as text (what the drawing writes comes only from here)."""
    return repr(dataclasses.asdict(data))


def test_the_card_is_a_1080_by_1350_png_of_pixels_only_and_not_blank(named: Services, out: Path) -> None:
    done = export(named, BUILT_IN["backup"], out / "card.png", "card")
    data = done.path.read_bytes()
    chunks = png_chunks(data)
    assert not [kind for kind, _ in chunks if kind in TEXT_CHUNKS]
    assert {kind for kind, _ in chunks} <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert (width, height) == (WIDTH, HEIGHT) == (1080, 1350)
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    assert picture.size == (1080, 1350) and not picture.info.get("exif")
    spread = ImageStat.Stat(picture).stddev
    assert min(spread) > 20, spread  # a drawing, not a flat colour
    assert len(picture.getcolors(1 << 20) or []) > 1000  # text, badges, shades
    audit = named.privacy.audit()[0]
    assert audit["format"] == "card" and audit["file_name"] == "card.png" and audit["counts"] == {"badges": 2}


def test_backup_shows_the_name_the_groups_and_the_top_badges(named: Services) -> None:
    data = card_data(named, BUILT_IN["backup"])
    assert data.name == MY_NAME and data.groups == [GROUP]
    assert [(a.id, tier) for a, tier in data.badges] == [("helping-hand", 1), ("knife-skills", 1)]
    assert data.badges_earned == 2 and data.counts["helps"] == 2 and data.counts["contacts"] == 1
    assert data.level >= 1 and data.points > 0 and data.next_level_at > data.points


@pytest.mark.parametrize("preset", ["friends", "public"])
def test_a_friends_or_public_card_holds_nothing_of_other_people_nor_the_user_s_details(
    named: Services, out: Path, preset: str,
) -> None:
    data = card_data(named, BUILT_IN[preset])
    text = shown_text(data)
    profile = named.profile.get()
    markers = [*part1.THEIRS, *part1.MINE, MY_NAME, profile["id"], profile["secret"]]
    for value in markers:
        assert value not in text, value
    png = export(named, BUILT_IN[preset], out / f"{preset}.png", "card").path.read_bytes()
    for value in markers:
        assert value.encode("utf-8") not in png and value.encode("utf-16-be") not in png, value
    assert data.name is None and data.badges and data.counts
    if preset == "friends":
        assert data.groups == ["Mother & baby group"]
    else:
        assert data.groups == []


def test_a_preset_without_the_safe_class_draws_a_card_that_says_so(named: Services, out: Path) -> None:
    named.privacy.save_preset("names-only", safe="drop", personal="keep", third_party="drop")
    data = card_data(named, named.privacy.preset("names-only"))
    assert not data.safe and data.badges == [] and data.counts == {} and data.points == 0
    assert data.name == MY_NAME
    png = export(named, named.privacy.preset("names-only"), out / "names.png", "card").path.read_bytes()
    assert min(ImageStat.Stat(Image.open(io.BytesIO(png)).convert("RGB")).stddev) > 5


def test_the_card_speaks_chinese(named: Services) -> None:
    english, _ = render_card(named, BUILT_IN["public"], "en")
    i18n.set_language("zh_CN")
    chinese, data = render_card(named, BUILT_IN["public"], "zh_CN")
    assert data.lang == "zh_CN" and chinese != english
    picture = Image.open(io.BytesIO(chinese)).convert("RGB")
    assert min(ImageStat.Stat(picture).stddev) > 20


def test_a_card_with_a_wrong_name_is_refused_and_the_command_line_writes_one(cli: Any, out: Path) -> None:
    cli.ok("add", "contact", "--nickname", "阿芳")
    code, _, error = cli("export", "--preset", "public", "--format", "card", "-o", str(out / "card.zip"))
    assert code != 0 and ".png" in error and not (out / "card.zip").exists()
    shown = cli.ok("export", "--preset", "friends", "--format", "card", "-o", str(out / "card.png"))
    assert "share card" in shown and (out / "card.png").is_file()
    assert b"\xe9\x98\xbf\xe8\x8a\xb3" not in (out / "card.png").read_bytes()  # 阿芳
