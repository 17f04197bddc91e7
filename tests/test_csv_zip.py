"""The CSV export zip: round trip, formula neutralising, streaming, cancel and failure leave nothing behind."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import InvalidInput, StoreError
from app.exchange.csv_zip import ExportCancelled, cell_text, neutralise, write_csv_zip

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\0")
# Any text (st.text leaves out surrogates: never UTF-8, tested apart), often after a character that matters.
TEXT = st.builds(str.__add__, st.sampled_from(["", *DANGEROUS, "'", '"', "\n", "\ufeff"]),
                 st.text(st.one_of(st.sampled_from([*DANGEROUS, ",", '"', "\n"]), st.characters(codec="utf-8"))))


def read_members(path: Path) -> dict[str, list[list[str]]]:
    """Every member of the zip, in order, read back as Excel would: UTF-8 with BOM, CSV rows."""
    found: dict[str, list[list[str]]] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            raw = archive.read(info)
            assert raw.startswith(b"\xef\xbb\xbf"), info.filename
            found[info.filename] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return found


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_round_trip_keeps_order_chinese_and_types(tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    tables = [
        ("contacts", ["id", "name", "note"], [(1, "王小明", "团长, \"老王\"\n第二行"), (2, "李雷", None)]),
        ("deals", ["id", "price_fen", "paid", "tags", "title"],
         iter([(7, -300, True, ["水果", "团购"], "=HYPERLINK(\"x\")"), (8, 0, False, {"k": "值"}, "-5 元")])),
        ("empty_table", ["id"], []),
    ]
    counts = write_csv_zip(target, tables)

    assert counts == {"contacts": 2, "deals": 2, "empty_table": 0}
    members = read_members(target)
    assert list(members) == ["contacts.csv", "deals.csv", "empty_table.csv"]
    assert members["contacts.csv"] == [
        ["id", "name", "note"], ["1", "王小明", "团长, \"老王\"\n第二行"], ["2", "李雷", ""],
    ]
    assert members["deals.csv"] == [
        ["id", "price_fen", "paid", "tags", "title"],
        ["7", "-300", "true", '["水果","团购"]', "'=HYPERLINK(\"x\")"],
        ["8", "0", "false", '{"k":"值"}', "'-5 元"],
    ]
    assert members["empty_table.csv"] == [["id"]]
    with zipfile.ZipFile(target) as archive:
        raw = archive.read("contacts.csv")
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert raw.startswith("\ufeffid,name,note\r\n1,".encode())  # CRLF line ends, BOM once
    assert leftovers(tmp_path) == []


def test_cell_text_rules() -> None:
    assert [cell_text(v) for v in (None, True, False, 0, -300, "", "abc")] == ["", "true", "false", "0", "-300",
                                                                               "", "abc"]
    assert cell_text("-300") == "'-300"  # text that looks like a number is still text
    assert cell_text(["=1", {"a": None}]) == '["=1",{"a":null}]'
    assert cell_text([]) == "[]"
    assert neutralise("\0=x\0y") == "'=xy"  # a NUL start is neutralised, then every NUL dropped
    assert neutralise("a\0b") == "ab"
    assert [neutralise(c + "1") for c in DANGEROUS] == ["'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1", "'1"]
    assert neutralise(" =1") == " =1"  # only the first character counts (OWASP)
    with pytest.raises(TypeError, match="float"):
        cell_text(1.5)


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    target = tmp_path / "s.zip"
    write_csv_zip(target, [("t", ["a", "b"], [("x\ud800y\udfff", ["\udc80"])])])
    assert read_members(target)["t.csv"][1] == ["x\ufffdy\ufffd", '["\ufffd"]']


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=8))
def test_any_text_reads_back_harmless(rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "h.zip"
        write_csv_zip(target, [("t", [f"c{i}" for i in range(width)], rows)])
        back = read_members(target)["t.csv"][1:]
    assert len(back) == len(rows)
    for sent, got in zip(rows, back, strict=True):
        assert len(got) == len(sent)
        for original, cell in zip(sent, got, strict=True):
            assert not cell.startswith(DANGEROUS)
            assert "\0" not in cell
            if not original.startswith(DANGEROUS) and "\0" not in original:
                assert cell == original
            else:
                assert cell == ("'" + original if original.startswith(DANGEROUS) else original).replace("\0", "")


def test_rows_are_pulled_lazily_and_progress_reported(tmp_path: Path) -> None:
    pulled = 0
    seen: list[tuple[int, int]] = []

    def rows() -> Iterator[Sequence[object]]:
        nonlocal pulled
        for i in range(50_000):
            pulled += 1
            yield (i, f"行 {i}")

    counts = write_csv_zip(tmp_path / "big.zip", [("big", ["id", "name"], rows())],
                           progress=lambda total: seen.append((total, pulled)))
    assert counts == {"big": 50_000}
    # At each report exactly that many rows had been pulled: none read ahead of what was written.
    assert seen == [(n, n) for n in (10_000, 20_000, 30_000, 40_000, 50_000)]
    back = read_members(tmp_path / "big.zip")["big.csv"]
    assert len(back) == 50_001 and back[-1] == ["49999", "行 49999"]


def test_cancel_midway_leaves_old_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    target.write_bytes(b"the old export")
    pulled = 0
    asked: list[int] = []

    def rows() -> Iterator[Sequence[object]]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield (i,)

    def cancelled() -> bool:
        asked.append(pulled)
        return pulled >= 2_500

    with pytest.raises(ExportCancelled):
        write_csv_zip(target, [("a", ["id"], [(1,)]), ("b", ["id"], rows())], cancelled=cancelled)
    # Asked with 0, 1,000, 2,000 and 3,000 rows written (a's one, then b's: b's pulled row is not yet written).
    assert asked == [0, 1_000, 2_000, 3_000]
    assert target.read_bytes() == b"the old export"
    assert sorted(os.listdir(tmp_path)) == ["export.zip"]


def test_cancel_with_no_old_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        write_csv_zip(tmp_path / "export.zip", [("a", ["id"], [])], cancelled=lambda: True)
    assert os.listdir(tmp_path) == []


def test_failing_rows_leave_old_file_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    write_csv_zip(target, [("a", ["id"], [(1,)])])
    before = target.read_bytes()

    def rows() -> Iterator[Sequence[object]]:
        yield from ((i,) for i in range(1_234))
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write_csv_zip(target, [("a", ["id"], rows())])
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["export.zip"]


@pytest.mark.parametrize("name", ["export.csv", "export", "export.zip.tmp"])
def test_refuses_a_path_not_ending_in_zip(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"\.zip") as caught:
        write_csv_zip(tmp_path / name, [("a", ["id"], [])])
    assert caught.value.field == "path"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["Contacts", "../evil", "a.b", "", "表", "a1"])
def test_refuses_table_names_that_are_not_plain(tmp_path: Path, name: str) -> None:
    target = tmp_path / "export.zip"
    with pytest.raises(InvalidInput, match="table name") as caught:
        write_csv_zip(target, [("good", ["id"], [(1,)]), (name, ["id"], [])])
    assert caught.value.field == "table"
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_an_environment_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing"):
        write_csv_zip(tmp_path / "missing" / "export.zip", [("a", ["id"], [])])
    assert os.listdir(tmp_path) == []


def test_libreoffice_opens_a_member(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: no soffice or libreoffice on PATH to convert a member to .xlsx")
    target = tmp_path / "export.zip"
    write_csv_zip(target, [("contacts", ["id", "name", "note"], [(1, "王小明", "=1+1"), (-300, "李雷", None)])])
    with zipfile.ZipFile(target) as archive:
        archive.extract("contacts.csv", tmp_path)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()  # a private profile: a running LibreOffice would take the job
    # Headless conversion ignores the BOM and reads Windows-1252 (LibreOffice 7.4): name UTF-8 (76) as the
    # import dialog would detect it. Comma-separated (44), quoted by " (34), from line 1.
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--infilter=CSV:44,34,76,1",
                    "--convert-to", "xlsx", "--outdir", str(out), str(tmp_path / "contacts.csv")],
                   check=True, timeout=120, capture_output=True)
    converted = out / "contacts.xlsx"
    assert converted.exists()
    with zipfile.ZipFile(converted) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert '<t xml:space="preserve">id</t>' in strings  # the BOM was taken as the encoding mark, not text
    assert "王小明" in strings and "李雷" in strings
    assert "&apos;=1+1" in strings  # the neutralised formula is text
    assert "<f>" not in sheet and "<v>-300</v>" in sheet  # no formula; the int stayed a number
