"""Export under share presets: every field classified, nothing of other people's leaving a friends or public
export (old values in the log's corrections included), the file valid against its JSON Schema, the audit log."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from app.errors import Cancelled, InvalidInput, NotFound
from app.exchange.export import export, plan
from app.exchange.sections import MODELS, SECTION_NAMES
from app.model import Activity, ActivityKind, Profile
from app.privacy.classes import PAYLOAD, SECTIONS, change_field, payload_field
from app.privacy.presets import BUILT_IN, Action, Preset
from app.services import Services
from tools import export_schema

ROOT = Path(__file__).resolve().parents[1]

# Distinctive values of other people and of the user: a friends or public export must hold none of THEIRS.
THEIRS = ["龙傲天同学", "wx_secret_7788", "13912345678", "她家住在幸福小区三号楼", "旧昵称老王头", "wx_old_5566",
          "13800009999", "旧备注邻居大姐", "sharer_uid_424242", "user_token_9f8e7d"]
MINE = ["绝密宝妈群名字", "我的秘密空气炸锅", "我自己的小本本"]


@pytest.fixture
def seeded(services: Services) -> Services:
    """A history with distinctive names, handles and notes; the contact edited, so old values sit in the log."""
    group = services.groups.create(name="绝密宝妈群名字", vertical="mother_baby").entity_id
    who = services.contacts.create(nickname="旧昵称老王头", wechat_id="wx_old_5566", phone="13800009999",
                                   notes="旧备注邻居大姐", groups=[str(group)]).entity_id
    services.contacts.edit(str(who), nickname="龙傲天同学", wechat_id="wx_secret_7788", phone="13912345678",
                           notes="她家住在幸福小区三号楼")
    other = services.contacts.create(nickname="路人甲乙丙").entity_id
    deal = services.deals.create(
        kind="bargain", title="我的秘密空气炸锅", original_fen=10_000, target_fen=2_000, group=str(group),
        url="https://mobile.yangkeduo.com/goods.html?goods_id=123456&share_uid=sharer_uid_424242",
    ).entity_id
    services.deals.edit(str(deal), url="https://item.taobao.com/item.htm?id=998877&ut_sk=user_token_9f8e7d&x=1")
    services.helps.create(direction="given", kind="bargain_cut", contact=str(who), deal=str(deal), amount_fen=300,
                          note="我自己的小本本")
    services.helps.create(direction="received", kind="share", contact=str(other), group=str(group))
    gone = services.helps.create(direction="given", kind="share", contact=str(other)).entity_id
    services.helps.delete(str(gone))
    services.ledger.settle(str(other), note="我自己的小本本")
    services.contacts.merge(str(who), str(other))
    return services


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for the exports, apart from the data folder (tmp_path/data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def export_text(services: Services, name: str, out: Path, fmt: str = "json") -> str:
    """The export's text: for CSV, every member of the zip, decompressed."""
    done = export(services, BUILT_IN[name], out / f"{name}.{'zip' if fmt == 'csv' else 'json'}", fmt)
    if fmt == "json":
        return done.path.read_text(encoding="utf-8")
    with zipfile.ZipFile(done.path) as archive:
        return "\n".join(archive.read(m).decode("utf-8-sig") for m in archive.namelist())


def test_every_column_of_every_section_and_every_payload_key_has_a_class(seeded: Services) -> None:
    for name in SECTION_NAMES:
        keys = {a.key for a in sa_inspect(MODELS[name]).column_attrs} - {"url_key"}  # url_key: not exported
        assert keys <= SECTIONS[name].keys(), (name, keys - SECTIONS[name].keys())
    assert {a.key for a in sa_inspect(Profile).column_attrs} == SECTIONS["profile"].keys()
    with seeded.store.read() as session:
        entries = session.scalars(select(Activity)).all()
        seen = {(a.entity_type, a.type, key, tuple(a.payload[key]) if key == "changes" else ())
                for a in entries for key in a.payload}
    assert any(t == "contact.merged" for _, t, _, _ in seen) and any(k == "changes" for _, _, k, _ in seen)
    for entity_type, type_, key, changed in seen:
        if key == "changes":
            for field in changed:
                assert change_field(entity_type, field) is not None, (type_, field)
        else:
            assert payload_field(entity_type, key, deletion=type_.endswith(".deleted")) is not None, (type_, key)
    assert "changes" not in PAYLOAD  # handled by its entity's fields


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("preset", ["friends", "public"])
def test_a_friends_or_public_export_holds_nothing_of_other_people_nor_old_values(
    seeded: Services, out: Path, preset: str, fmt: str,
) -> None:
    text = export_text(seeded, preset, out, fmt)
    for value in THEIRS:
        assert value not in text, value
    for value in MINE:  # group names, deal titles and notes: generalised (friends) or dropped (public)
        assert value not in text, value
    if preset == "friends":
        # Links keep only the product's parameter, the old one in the log's correction as well.
        assert "share_uid" not in text and "ut_sk" not in text and "&x=1" not in text
        assert "goods.html?goods_id=123456" in text and "item.htm?id=998877" in text
        assert "Mother & baby group" in text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_backup_export_holds_everything_including_old_values_and_the_secret(
    seeded: Services, out: Path, fmt: str,
) -> None:
    text = export_text(seeded, "backup", out, fmt)
    for value in THEIRS + MINE:
        if value in ("sharer_uid_424242", "user_token_9f8e7d"):  # links are stored without the sharers' tracking
            assert value not in text, value
        else:
            assert value in text, value
    assert seeded.privacy.secret() in text


def test_pseudonyms_are_keyed_stable_across_exports_and_not_a_plain_hash(seeded: Services, out: Path) -> None:
    first = json.loads(export_text(seeded, "friends", out))
    second = json.loads(export(seeded, BUILT_IN["friends"], out / "again.json").path.read_text("utf-8"))
    [kept] = first["contacts"]  # the other was merged into it
    assert kept["nickname"].startswith("Member #") and second["contacts"] == first["contacts"]
    backup = json.loads(export_text(seeded, "backup", out))
    real_id = backup["contacts"][0]["id"]
    assert kept["id"] != real_id
    plain = {hashlib.sha256(real_id.encode()).hexdigest(), hashlib.sha256("龙傲天同学".encode()).hexdigest()}
    assert not any(h[:8].upper() in kept["nickname"] or h[:32] in kept["id"].replace("-", "") for h in plain)
    helps = [h for h in first["helps"] if h["direction"] == "given"]
    assert {h["contact_id"] for h in helps} == {kept["id"]}  # references follow the pseudonymous id


def test_every_export_is_valid_against_the_json_schema_and_the_schema_file_is_current(
    seeded: Services, out: Path,
) -> None:
    schema_file = ROOT / "docs" / "export.schema.json"
    assert schema_file.read_text(encoding="utf-8") == export_schema.text(), "run python tools/export_schema.py"
    validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    seeded.privacy.save_preset("mine", safe="drop", personal="keep", third_party="generalise")
    for preset in seeded.privacy.presets():
        document = json.loads(export(seeded, preset, out / f"{preset.name}.json").path.read_text("utf-8"))
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == [], (preset.name, errors[:3])
        assert list(document)[0] == "format_version" and document["format_version"] == 1


def test_public_exports_counts_only(seeded: Services, out: Path) -> None:
    document = json.loads(export_text(seeded, "public", out))
    assert all(document[name] == [] for name in SECTION_NAMES)
    assert document["summary"]["counts"]["helps"] == 2 and document["summary"]["level"] >= 1
    assert set(document["profile"]) == {"locale", "timezone", "rest_days"}


def test_the_log_in_a_backup_has_facts_and_corrections_but_no_derived_events(
    seeded: Services, out: Path,
) -> None:
    document = json.loads(export_text(seeded, "backup", out))
    kinds = {a["kind"] for a in document["activities"]}
    assert kinds == {ActivityKind.fact.value, ActivityKind.correction.value}
    with seeded.store.read() as session:
        derived = session.scalars(select(Activity).where(Activity.kind == ActivityKind.derived)).all()
    assert derived  # the game earned something, and it stayed out


def test_the_preview_counts_by_class_and_section_and_writes_nothing(seeded: Services, out: Path) -> None:
    friends = plan(seeded, BUILT_IN["friends"]).as_dict()
    assert friends["sections"]["helps"] == {"records": 2, "leave_as": "records"}
    assert friends["classes"]["third_party"]["action"] == "generalise"
    assert friends["classes"]["third_party"]["records"] > 0
    public = plan(seeded, BUILT_IN["public"]).as_dict()
    assert public["classes"]["third_party"] == {"action": "drop", "records": 0}
    assert {s["leave_as"] for s in public["sections"].values()} == {"count"}
    assert list(out.iterdir()) == [] and seeded.privacy.audit() == []


def test_each_export_is_in_the_audit_log(seeded: Services, out: Path) -> None:
    export_text(seeded, "friends", out)
    export_text(seeded, "public", out)
    newest, oldest = seeded.privacy.audit()
    assert (newest["preset"], oldest["preset"]) == ("public", "friends")
    assert oldest["file_name"] == "friends.json" and oldest["format"] == "json"
    assert oldest["counts"]["helps"] == 2 and newest["records"] == 0


def test_a_cancelled_export_leaves_no_file_and_an_old_file_untouched(
    services: Services, out: Path,
) -> None:
    who = services.contacts.create(nickname="甲").entity_id
    for _ in range(1100):
        services.helps.create(direction="given", kind="share", contact=str(who))
    target = out / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(Cancelled):
        export(services, BUILT_IN["backup"], target, cancelled=lambda: True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in out.iterdir()) == ["out.json"]
    assert services.privacy.audit() == []


def test_custom_presets_are_saved_checked_and_deleted(services: Services) -> None:
    services.privacy.save_preset("for-mum", safe="keep", personal="generalize", third_party="drop")
    assert services.privacy.preset("for-mum") == Preset("for-mum", Action.keep, Action.generalise, Action.drop)
    services.privacy.save_preset("for-mum", safe="keep", personal="keep", third_party="drop")
    assert services.privacy.preset("for-mum").personal == Action.keep
    for name, actions, field in [
        ("friends", {"safe": "keep", "personal": "keep", "third_party": "keep"}, "name"),
        ("Bad Name", {"safe": "keep", "personal": "keep", "third_party": "keep"}, "name"),
        ("x\ty", {"safe": "keep", "personal": "keep", "third_party": "keep"}, "name"),
        ("ok", {"safe": "keep", "personal": "maybe", "third_party": "keep"}, "personal"),
        ("ok", {"safe": "keep", "personal": "keep"}, "third_party"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            services.privacy.save_preset(name, **actions)
        assert caught.value.field == field
    with pytest.raises(InvalidInput):
        services.privacy.delete_preset("backup")
    services.privacy.delete_preset("for-mum")
    with pytest.raises(NotFound):
        services.privacy.preset("for-mum")


def test_an_export_to_a_folder_or_a_missing_folder_is_refused(services: Services, out: Path) -> None:
    for path, fmt in [(out, "json"), (out / "no" / "x.json", "json"), (out / "x.csv", "csv"), (out / "x.zip", "xml")]:
        with pytest.raises(InvalidInput):
            export(services, BUILT_IN["backup"], path, fmt)
    assert list(out.iterdir()) == []


def test_the_command_line_exports_previews_and_lists(cli: Any, out: Path) -> None:
    cli.ok("add", "contact", "--nickname", "龙傲天同学", "--phone", "13912345678")
    out = out / "f.json"
    preview = cli.json("export", "--preset", "friends", "-o", str(out), "--dry-run")
    assert preview["sections"]["contacts"]["records"] == 1 and not out.exists()
    assert "Nothing was written" in cli.ok("export", "--preset", "public", "-o", str(out), "--dry-run")
    done = cli.json("export", "--preset", "friends", "--format", "json", "-o", str(out))
    assert done["counts"]["contacts"] == 1 and "13912345678" not in out.read_text(encoding="utf-8")
    cli.ok("presets", "save", "mine", "--safe", "keep", "--personal", "drop", "--third-party", "generalise")
    names = [p["name"] for p in cli.json("presets")]
    assert names == ["backup", "friends", "public", "mine"]
    [row] = cli.json("audit")
    assert row["preset"] == "friends" and row["file_name"] == "f.json"
    assert "No preset 'nope'" in cli.fails("export", "--preset", "nope", "-o", str(out))


def test_a_csv_export_is_a_zip_of_one_table_per_section_that_a_spreadsheet_reads(seeded: Services, out: Path) -> None:
    done = export(seeded, BUILT_IN["friends"], out / "friends.zip", "csv")
    with zipfile.ZipFile(done.path) as archive:
        names = archive.namelist()
        helps = archive.read("helps.csv").decode("utf-8-sig").splitlines()
    assert names == ["export.csv", "profile.csv", "summary.csv", *(f"{n}.csv" for n in SECTION_NAMES)]
    assert helps[0].split(",")[:3] == ["id", "direction", "kind"] and len(helps) == 1 + 2
    assert "note" not in helps[0]  # dropped by the preset: no column
    assert seeded.privacy.audit()[0]["format"] == "csv"


def test_a_backup_s_records_made_by_sqlite_are_those_of_list_json(seeded: Services) -> None:
    from app.exchange import sections

    seeded.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    seeded.privacy.record_export(seeded.privacy.preset("for-mum"), "json", Path("x.json"), {"helps": 1})
    with seeded.store.read() as session:
        for name in SECTION_NAMES:
            texts = sections.json_texts(session, name)
            if texts is None:
                continue
            made = [json.loads(text) for text in texts]
            assert made == list(sections.records(session, name)), name
            assert made or name in ("requests", "settlements"), name
