"""``export --format badges``: each earned tier as an Open Badges 3.0 baked PNG, read back with a PNG reader of
this file's own (not Pillow, not the app's): one iTXt ``openbadgecredential`` chunk and no other text, the
credential's shape, the salted identity hash, and nothing of other people's or (friends, public) of the user's."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from app.errors import InvalidInput
from app.exchange.export import export
from app.privacy.presets import BUILT_IN
from app.services import Services
from tests import test_export as part1

# Part 1's history (contacts with old and new handles, notes, links with tracking parameters), its markers.
seeded = part1.seeded
out = part1.out
MY_NAME = "我的真名张秀英"  # the profile's display name: personal

TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf"}


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk of a PNG, its CRC checked: an independent reader (struct and zlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert len(body) == length and zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        found.append((kind, body))
        at += 12 + length
        if kind == b"IEND":
            break
    assert at == len(data), "bytes after IEND"
    assert found[0][0] == b"IHDR" and found[-1][0] == b"IEND"
    return found


def itxt(body: bytes) -> tuple[str, int, str, str, str]:
    """An iTXt chunk's keyword, compression flag, language tag, translated keyword and text."""
    keyword, rest = body.split(b"\0", 1)
    flag, rest = rest[0], rest[2:]
    language, rest = rest.split(b"\0", 1)
    translated, text = rest.split(b"\0", 1)
    if flag:
        text = zlib.decompress(text)
    return keyword.decode("latin-1"), flag, language.decode(), translated.decode("utf-8"), text.decode("utf-8")


def baked(path: Path) -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Each member of the zip: its bytes and the credential of its one openbadgecredential chunk."""
    members = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            texts = [(k, b) for k, b in png_chunks(data) if k in TEXT_CHUNKS]
            assert len(texts) == 1 and texts[0][0] == b"iTXt", (name, [k for k, _ in texts])
            keyword, flag, _, _, text = itxt(texts[0][1])
            assert keyword == "openbadgecredential" and flag == 0, (keyword, flag)
            members[name] = (data, json.loads(text))
    return members


@pytest.fixture
def named(seeded: Services) -> Services:
    seeded.profile.edit(display_name=MY_NAME)
    return seeded


def test_each_earned_tier_is_a_baked_png_holding_one_open_badges_3_credential(named: Services, out: Path) -> None:
    done = export(named, BUILT_IN["backup"], out / "badges.zip", "badges")
    members = baked(done.path)
    earned = {(b["id"], t) for b in named.game.badges() for t in range(1, b["earned_tier"] + 1)}
    tier_names = ("bronze", "silver", "gold", "platinum", "diamond")
    assert earned and set(members) == {f"{a}-{tier_names[t - 1]}.png" for a, t in earned}
    profile = named.profile.get()
    salts = set()
    for name, (_, document) in members.items():
        assert document["@context"] == ["https://www.w3.org/ns/credentials/v2",
                                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
        assert set(document["type"]) == {"VerifiableCredential", "OpenBadgeCredential"}
        assert document["id"].startswith("urn:uuid:")
        assert document["issuer"] == {"id": f"urn:uuid:{profile['id']}", "type": ["Profile"], "name": MY_NAME}
        moment = dt.datetime.fromisoformat(document["validFrom"])
        assert document["validFrom"].endswith("Z") and moment.tzinfo is not None
        subject = document["credentialSubject"]
        assert subject["type"] == ["AchievementSubject"] and "id" not in subject
        [identity] = subject["identifier"]
        assert identity["type"] == "IdentityObject" and identity["identityType"] == "identifier"
        assert identity["hashed"] is True and len(identity["salt"]) >= 16
        # IdentityHash: the identifier with the salt appended, SHA-256, hex (OB 3.0 data model, "IdentityHash").
        expected = hashlib.sha256((profile["id"] + identity["salt"]).encode("utf-8")).hexdigest()
        assert identity["identityHash"] == f"sha256${expected}"
        salts.add(identity["salt"])
        achievement = subject["achievement"]
        assert achievement["type"] == ["Achievement"] and achievement["id"].startswith("urn:uuid:")
        assert achievement["name"] and achievement["description"] and achievement["criteria"]["narrative"]
        assert achievement["name"] == document["name"]
        assert name.split("-")[-1].removesuffix(".png").capitalize() in document["name"]
        assert json.dumps(document).count(profile["id"]) == 1  # the issuer's; the recipient's only hashed
    assert len(salts) == len(members)  # a fresh salt per badge
    audit = named.privacy.audit()[0]
    assert audit["format"] == "badges" and audit["records"] == len(members) and audit["file_name"] == "badges.zip"


def test_valid_from_is_the_time_the_tier_was_earned_or_its_day(named: Services, out: Path) -> None:
    kept = baked(export(named, BUILT_IN["backup"], out / "b.zip", "badges").path)
    days = baked(export(named, BUILT_IN["friends"], out / "f.zip", "badges").path)
    for name, (_, document) in kept.items():
        detail = named.game.badge_detail(name.rsplit("-", 1)[0])
        tier = ("bronze", "silver", "gold", "platinum", "diamond").index(name.rsplit("-", 1)[1][:-4]) + 1
        at = detail["levels"][tier - 1]["at"]
        assert dt.datetime.fromisoformat(document["validFrom"]) == dt.datetime.fromisoformat(at)
        local_day = dt.datetime.fromisoformat(at).astimezone(named.clock.tz).date().isoformat()
        assert days[name][1]["validFrom"] == f"{local_day}T00:00:00Z"


@pytest.mark.parametrize("preset", ["friends", "public"])
def test_a_friends_or_public_badge_holds_nothing_of_other_people_nor_the_user_s_name_or_id(
    named: Services, out: Path, preset: str,
) -> None:
    done = export(named, BUILT_IN[preset], out / f"{preset}.zip", "badges")
    members = baked(done.path)
    assert members
    profile = named.profile.get()
    secrets = [*part1.THEIRS, *part1.MINE, MY_NAME, profile["id"], profile["secret"]]
    whole = done.path.read_bytes()
    for value in secrets:
        assert value.encode("utf-8") not in whole, value
    for name, (data, document) in members.items():
        text = json.dumps(document, ensure_ascii=False)
        chunk_texts = " ".join(itxt(b)[4] for k, b in png_chunks(data) if k == b"iTXt")
        for value in secrets:
            assert value not in text and value not in chunk_texts and value.encode("utf-8") not in data, (name, value)
        assert "name" not in document["issuer"]
        assert document["issuer"]["id"] != f"urn:uuid:{profile['id']}"
    issuers = {document["issuer"]["id"] for _, document in members.values()}
    assert len(issuers) == 1  # one pseudonymous issuer, the same on every badge
    if preset == "public":  # no time of the user's: the day of the export
        today = named.clock.now().astimezone(dt.UTC).date().isoformat()
        assert {document["validFrom"] for _, document in members.values()} == {f"{today}T00:00:00Z"}


def test_a_preset_that_drops_the_badges_writes_an_empty_zip_and_a_wrong_name_is_refused(
    named: Services, out: Path,
) -> None:
    named.privacy.save_preset("nothing", safe="drop", personal="drop", third_party="drop")
    done = export(named, named.privacy.preset("nothing"), out / "none.zip", "badges")
    with zipfile.ZipFile(done.path) as archive:
        assert archive.namelist() == []
    with pytest.raises(InvalidInput):
        export(named, BUILT_IN["public"], out / "badges.png", "badges")
    assert not (out / "badges.png").exists()


def test_the_command_line_writes_badges(cli: Any, out: Path) -> None:
    cli.ok("add", "contact", "--nickname", "阿芳")
    for _ in range(3):
        cli.ok("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "阿芳")
    target = out / "mine.zip"
    shown = cli.ok("export", "--preset", "public", "--format", "badges", "-o", str(target))
    members = baked(target)
    assert members and str(len(members)) in shown and target.name in shown
    assert all(json.dumps(document, ensure_ascii=False).count("阿芳") == 0 for _, document in members.values())
