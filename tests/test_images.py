"""Pictures brought in (an avatar, a deal's screenshot) come out clean: no EXIF, GPS, XMP, comment or text chunk
survives, read back with independent walkers of JPEG segments, PNG chunks and RIFF chunks (struct, not Pillow);
the orientation is applied; bad input is refused with nothing changed; a backup export carries them back."""

from __future__ import annotations

import base64
import io
import json
import sqlite3
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, PngImagePlugin

from app.clock import FixedClock
from app.errors import InvalidInput
from app.exchange.export import export
from app.exchange.importer import import_file
from app.images import clean_again, clean_image
from app.limits import AVATAR_SIDE_MAX, IMAGE_BYTES_MAX, IMAGE_SIDE_MAX
from app.privacy.presets import BUILT_IN
from app.services import Services, open_services

MARK = b"SECRET-PLACE-31.2304N"  # a marker hidden in every metadata block of the inputs
ORIENTATION, GPS_IFD, XMP_NS = 0x0112, 0x8825, b"http://ns.adobe.com/xap/1.0/\x00"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:City="' + MARK + b'"/></rdf:RDF>' \
      b"</x:xmpmeta>"

# -- independent readers ----------------------------------------------------------------------------------------


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """The markers and payloads of a JPEG's header segments, up to the start of scan."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    pos, found = 2, []
    while pos < len(data):
        assert data[pos] == 0xFF, f"no marker at {pos}"
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
        marker = data[pos]
        pos += 1
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            found.append((marker, b""))
            continue
        (length,) = struct.unpack(">H", data[pos:pos + 2])
        found.append((marker, data[pos + 2:pos + length]))
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
    return found


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The type and data of every chunk of a PNG, its CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, found = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body), f"bad CRC in {kind!r}"
        found.append((kind, body))
        pos += 12 + length
        if kind == b"IEND":
            break
    return found


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The FourCC and data of every chunk of a WebP (RIFF) file."""
    riff, size, webp = struct.unpack("<4sI4s", data[:12])
    assert (riff, webp) == (b"RIFF", b"WEBP") and size == len(data) - 8, "not a WebP"
    pos, found = 12, []
    while pos < len(data):
        kind, length = struct.unpack("<4sI", data[pos:pos + 8])
        found.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 8 + length + (length & 1)
    return found


def assert_clean(data: bytes, mime: str) -> None:
    """No metadata block of any kind, and no byte of the marker, in a stored picture."""
    assert MARK not in data and b"Exif" not in data and b"xmpmeta" not in data
    if mime == "image/jpeg":
        markers = {m for m, _ in jpeg_segments(data)}
        assert not markers & {0xE1, 0xE2, 0xED, 0xFE}, [hex(m) for m in markers]  # APP1, APP2, APP13, COM
    elif mime == "image/png":
        kinds = {k for k, _ in png_chunks(data)}
        assert not kinds & {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP", b"tIME"}, kinds
    else:
        kinds = {k for k, _ in riff_chunks(data)}
        assert not kinds & {b"EXIF", b"XMP ", b"ICCP"}, kinds


# -- hostile inputs, made with Pillow and hand-made blocks -------------------------------------------------------


def exif_bytes(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker " + MARK.decode()  # Make
    if orientation is not None:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (31.0, 13.0, 49.0), "E", (121.0, 28.0, 12.0)
    return exif.tobytes()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_everything(size: tuple[int, int] = (64, 48), orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif_bytes(orientation), comment=MARK)
    data = out.getvalue()
    extra = segment(0xE1, XMP_NS + XMP) + segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + MARK)
    return data[:2] + extra + data[2:]


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_everything(size: tuple[int, int] = (40, 30), mode: str = "RGB", orientation: int | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARK.decode())
    info.add_text("Location", MARK.decode(), zip=True)  # zTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new(mode, size, (0, 120, 200, 128)[:len(mode)]).save(out, "PNG", pnginfo=info,
                                                               exif=exif_bytes(orientation))
    data = out.getvalue()
    at = data.index(b"IDAT") - 4  # hand-made chunks before the pixels
    return data[:at] + chunk(b"tIME", b"\x07\xea\x0b\x19\x0c\x00\x00") + chunk(b"tEXt", b"GPS\x00" + MARK) + data[at:]


def webp_with_everything() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 200, 10)).save(out, "WEBP", exif=exif_bytes(), xmp=XMP, quality=80)
    return out.getvalue()


def bomb_png() -> bytes:
    """A tiny PNG that claims 30,000 × 30,000 pixels."""
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    return out.getvalue()


def plain_png(size: tuple[int, int] = (4, 3), colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


BAD = {
    "gif": gif,
    "truncated": lambda: jpeg_with_everything((300, 200))[:700],
    "text": lambda: "不是图片，只是文字\n".encode() * 20,
    "empty": lambda: b"",
    "bomb": bomb_png,
    "too big": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * IMAGE_BYTES_MAX,
}

# -- the cleaning itself ---------------------------------------------------------------------------------------


def test_the_inputs_do_carry_what_must_go() -> None:
    """The walkers see the metadata in the inputs: what the other tests find gone was there."""
    jpeg = {m for m, _ in jpeg_segments(jpeg_with_everything())}
    assert {0xE1, 0xED, 0xFE} <= jpeg
    assert Image.open(io.BytesIO(jpeg_with_everything())).getexif().get_ifd(GPS_IFD)
    assert {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"} <= {k for k, _ in png_chunks(png_with_everything())}
    assert {b"EXIF", b"XMP "} <= {k for k, _ in riff_chunks(webp_with_everything())}


@pytest.mark.parametrize(("make", "mime"), [
    (jpeg_with_everything, "image/jpeg"), (png_with_everything, "image/png"), (webp_with_everything, "image/webp"),
])
def test_a_picture_comes_out_without_its_metadata(make: Any, mime: str) -> None:
    source = make()
    picture = clean_image(source)
    assert picture.mime == mime
    assert_clean(picture.data, mime)
    assert Image.open(io.BytesIO(picture.data)).size == (picture.width, picture.height)


def test_the_orientation_is_applied_before_the_metadata_goes() -> None:
    picture = clean_image(jpeg_with_everything((2, 1), orientation=6))
    assert (picture.width, picture.height) == (1, 2)
    assert Image.open(io.BytesIO(picture.data)).size == (1, 2)
    # PNG (lossless): a red pixel left of a blue one, turned a quarter clockwise, is above it
    out = io.BytesIO()
    two = Image.new("RGB", (2, 1))
    two.putpixel((0, 0), (255, 0, 0))
    two.putpixel((1, 0), (0, 0, 255))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    two.save(out, "PNG", exif=exif.tobytes())
    turned = clean_image(out.getvalue())
    upright = Image.open(io.BytesIO(turned.data)).convert("RGB")
    assert upright.size == (1, 2)
    assert upright.getpixel((0, 0)) == (255, 0, 0) and upright.getpixel((0, 1)) == (0, 0, 255)
    assert_clean(turned.data, "image/png")


def test_the_content_decides_the_format_not_the_name(tmp_path: Path) -> None:
    named_jpeg = tmp_path / "photo.jpg"
    named_jpeg.write_bytes(png_with_everything())
    assert clean_image(named_jpeg).mime == "image/png"
    named_png = tmp_path / "photo.png"
    named_png.write_bytes(gif())
    with pytest.raises(InvalidInput, match="JPEG, PNG or WebP"):
        clean_image(named_png)


def test_a_phone_photo_with_more_frames_is_a_jpeg_of_its_first() -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "MPO", save_all=True, exif=exif_bytes(),
                                           append_images=[Image.new("RGB", (40, 30), "blue")])
    picture = clean_image(out.getvalue())
    assert (picture.mime, picture.width, picture.height) == ("image/jpeg", 40, 30)
    assert_clean(picture.data, picture.mime)
    assert picture.data.count(b"\xff\xd8") == 1  # one picture (an FF in the scan data is always stuffed: FF00)


def test_a_16_bit_grey_png_keeps_its_levels() -> None:
    out = io.BytesIO()
    Image.new("I;16", (8, 4), 40_000).save(out, "PNG")
    picture = clean_image(out.getvalue())
    assert Image.open(io.BytesIO(picture.data)).convert("L").getpixel((0, 0)) == 40_000 // 256


def test_big_pictures_are_scaled_down_and_transparency_kept() -> None:
    wide = clean_image(plain_png((3000, 1000)))
    assert (wide.width, wide.height) == (IMAGE_SIDE_MAX, 683)
    avatar = clean_image(plain_png((1000, 3000)), max_side=AVATAR_SIDE_MAX)
    assert (avatar.width, avatar.height) == (171, AVATAR_SIDE_MAX)
    clear = clean_image(png_with_everything(mode="RGBA"))
    assert Image.open(io.BytesIO(clear.data)).mode == "RGBA"


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_with_a_clear_message(name: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        clean_image(BAD[name]())
    assert raised.value.field == "image" and raised.value.message.endswith(".")
    path = tmp_path / "file.png"
    path.write_bytes(BAD[name]())
    with pytest.raises(InvalidInput):
        clean_image(path)


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Cannot read the picture nope.webp"):
        clean_image(tmp_path / "nope.webp")


@pytest.mark.parametrize("make", [jpeg_with_everything, png_with_everything, webp_with_everything])
def test_a_picture_read_again_is_kept_only_when_it_holds_nothing_but_pixels(make: Any) -> None:
    clean = clean_image(make())
    kept = clean_again(clean.data)
    assert kept == clean  # a backup's picture comes back byte for byte
    for hidden in (make(), clean.data + MARK):  # metadata, or anything after its end: written again
        again = clean_again(hidden)
        assert MARK not in again.data
        assert_clean(again.data, clean.mime)
    turned = clean_again(jpeg_with_everything((2, 1), orientation=6))
    assert (turned.width, turned.height) == (1, 2)


# -- the services ------------------------------------------------------------------------------------------------


def image_rows(services: Services) -> list[tuple[Any, ...]]:
    with sqlite3.connect(services.store.path) as db:
        return db.execute("SELECT id, mime, width, height, data FROM image ORDER BY id").fetchall()


def test_the_avatar_is_set_replaced_and_cleared_and_the_old_picture_goes(services: Services) -> None:
    first = services.profile.set_avatar(jpeg_with_everything()).record
    assert first is not None and first["avatar_id"]
    stored = services.images.avatar()
    assert stored is not None and stored["id"] == first["avatar_id"]
    assert_clean(stored["data"], stored["mime"])
    second = services.profile.set_avatar(webp_with_everything()).record
    assert second is not None and second["avatar_id"] != first["avatar_id"]
    assert [row[0] for row in image_rows(services)] == [second["avatar_id"].replace("-", "")]
    assert_clean(image_rows(services)[0][4], "image/webp")
    services.profile.set_avatar(None)
    assert services.profile.get()["avatar_id"] is None and image_rows(services) == []
    assert services.images.avatar() is None


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_refused_picture_changes_nothing(name: str, services: Services) -> None:
    services.profile.set_avatar(plain_png())
    deal = services.deals.create(kind="boost", title="截图", image=plain_png(colour="blue"))
    before = (image_rows(services), services.profile.get(), services.queries.deals())
    with pytest.raises(InvalidInput):
        services.profile.set_avatar(BAD[name]())
    with pytest.raises(InvalidInput):
        services.deals.edit(str(deal.entity_id), image=BAD[name](), title="改了")
    with pytest.raises(InvalidInput):
        services.deals.create(kind="boost", title="新的", image=BAD[name]())
    assert (image_rows(services), services.profile.get(), services.queries.deals()) == before


def test_a_deal_screenshot_is_replaced_cleared_and_deleted_with_its_deal(services: Services) -> None:
    made = services.deals.create(kind="bargain", title="砍价锅", original_fen=1000, image=png_with_everything())
    ref = str(made.entity_id)
    first = made.record["image_id"] if made.record else None
    assert first and len(image_rows(services)) == 1
    assert_clean(image_rows(services)[0][4], "image/png")
    second = services.deals.edit(ref, image=jpeg_with_everything()).record["image_id"]  # type: ignore[index]
    assert second != first and [r[0] for r in image_rows(services)] == [second.replace("-", "")]
    services.deals.edit(ref, image=None)
    assert image_rows(services) == []
    services.deals.edit(ref, image=plain_png())
    assert len(image_rows(services)) == 1
    services.deals.delete(ref)
    assert image_rows(services) == []
    # The log keeps the pictures' ids, never their bytes.
    with sqlite3.connect(services.store.path) as db:
        payloads = [json.loads(p) for (p,) in db.execute(
            "SELECT payload FROM activity WHERE type = 'deal.edited' ORDER BY seq")]
    assert [p["changes"]["image_id"][1] for p in payloads] == [second, None, payloads[2]["changes"]["image_id"][1]]
    assert all(set(p["changes"]) == {"image_id"} for p in payloads)


# -- the command line -------------------------------------------------------------------------------------------


def test_the_command_line_sets_and_clears_pictures(cli: Any, tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_with_everything((80, 40), orientation=6))
    assert cli.ok("profile", "--avatar", str(photo)) == (
        "Picture set (40 × 80 pixels, stored without its metadata).\n")
    assert "Picture: 40 × 80" in cli.ok("profile")
    avatar_id = cli.json("profile")["avatar_id"]
    assert avatar_id
    deal = cli.json("add", "deal", "--kind", "boost", "--title", "截图", "--image", str(photo))
    assert deal["image_id"] and deal["image_id"] != avatar_id
    bad = tmp_path / "anim.png"
    bad.write_bytes(gif())
    assert "JPEG, PNG or WebP" in cli.fails("edit", "deal", deal["id"], "--image", str(bad))
    assert cli.json("edit", "deal", deal["id"], "--title", "截图2")["image_id"] == deal["image_id"]
    assert cli.json("edit", "deal", deal["id"], "--no-image")["image_id"] is None
    assert cli.json("edit", "deal", deal["id"], "--image", str(photo))["image_id"]
    assert cli.json("edit", "deal", deal["id"], "--image", "")["image_id"] is None
    assert cli.ok("profile", "--no-avatar") == "Your picture was removed.\n"
    assert cli.json("profile")["avatar_id"] is None


# -- backups ----------------------------------------------------------------------------------------------------


def test_pictures_round_trip_through_a_backup_and_stay_out_of_other_exports(
        services: Services, tmp_path: Path, clock: FixedClock) -> None:
    services.profile.set_avatar(jpeg_with_everything())
    deal = services.deals.create(kind="boost", title="截图", image=webp_with_everything())
    source = image_rows(services)
    backup = export(services, BUILT_IN["backup"], tmp_path / "backup.json").path
    written = json.loads(backup.read_text(encoding="utf-8"))
    assert len(written["images"]) == 2
    for record in written["images"]:
        assert_clean(base64.b64decode(record["data"]), record["mime"])
    for name in ("friends", "public"):
        other = json.loads(export(services, BUILT_IN[name], tmp_path / f"{name}.json").path.read_text("utf-8"))
        assert other["images"] == [] and other["summary"].get("counts", {}).get("images", 2) == 2
        assert "avatar_id" not in (other["profile"] or {})  # no id of a picture that is not there
        assert all("image_id" not in d for d in other["deals"])
    target = open_services(tmp_path / "restored", clock)
    try:
        result = import_file(target, backup)
        assert result.record is not None and result.record["counts"]["images"] == 2
        assert image_rows(target) == source
        assert target.images.avatar() == services.images.avatar()
        assert target.queries.deals()[0]["image_id"] == deal.record["image_id"]  # type: ignore[index]
        again = import_file(target, backup)
        assert again.record is not None and again.record["added"] == again.record["updated"] == 0
        assert image_rows(target) == source
    finally:
        target.store.close()


def test_an_imported_picture_is_cleaned_again_and_a_bad_one_refuses_the_file(
        services: Services, tmp_path: Path, clock: FixedClock) -> None:
    services.profile.set_avatar(plain_png())
    backup = export(services, BUILT_IN["backup"], tmp_path / "backup.json").path
    written = json.loads(backup.read_text(encoding="utf-8"))
    # A hostile file: a picture full of metadata, claiming another type and size.
    written["images"][0].update(data=base64.b64encode(jpeg_with_everything()).decode(), mime="image/png",
                                width=1, height=1)
    dirty = tmp_path / "dirty.json"
    dirty.write_text(json.dumps(written), encoding="utf-8")
    target = open_services(tmp_path / "restored", clock)
    try:
        import_file(target, dirty)
        (stored,) = image_rows(target)
        assert stored[1:4] == ("image/jpeg", 64, 48)
        assert_clean(stored[4], "image/jpeg")
    finally:
        target.store.close()
    for name, data in (("gif", base64.b64encode(gif()).decode()), ("not base64", "!!no$$"),
                       ("bomb", base64.b64encode(bomb_png()).decode())):
        written["images"][0]["data"] = data
        hostile = tmp_path / f"{name}.json"
        hostile.write_text(json.dumps(written), encoding="utf-8")
        other = open_services(tmp_path / name, clock)
        try:
            before = (image_rows(other), other.profile.get())
            with pytest.raises(InvalidInput, match=r"images\[0\]\.data"):
                import_file(other, hostile)
            assert (image_rows(other), other.profile.get()) == before
        finally:
            other.store.close()


def test_a_backup_from_before_pictures_still_imports(services: Services, tmp_path: Path, clock: FixedClock) -> None:
    services.deals.create(kind="boost", title="旧的")
    backup = export(services, BUILT_IN["backup"], tmp_path / "backup.json").path
    written = json.loads(backup.read_text(encoding="utf-8"))
    del written["images"]
    written["summary"]["counts"].pop("images", None)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(written), encoding="utf-8")
    target = open_services(tmp_path / "restored", clock)
    try:
        assert import_file(target, old).record["added"] >= 1  # type: ignore[index]
        assert [d["title"] for d in target.queries.deals()] == ["旧的"]
    finally:
        target.store.close()
