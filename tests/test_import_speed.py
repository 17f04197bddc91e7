"""The import's fast path (one record a line, parsed by the json module) gives what the streaming path gives, and
leaves to it whatever it does not vouch for: a record with a key twice, NaN or too deep is still refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.errors import InvalidInput
from app.exchange.export import export
from app.exchange.importer import import_file, rows
from app.exchange.reader import DEFAULT_MAX_BYTES, NotLines, read_export, read_lines, read_streaming
from app.privacy.presets import BUILT_IN
from app.services import Services, open_services
from tests.conftest import SHANGHAI, START


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A real backup export of a demo history (every section, Chinese text, payloads)."""
    folder = tmp_path_factory.mktemp("speed")
    clock = FixedClock(START, SHANGHAI)
    create_demo_folder(folder / "demo", clock, activities=400, seed=5)
    services = open_services(folder / "demo", clock)
    try:
        yield export(services, BUILT_IN["backup"], folder / "backup.json").path
    finally:
        services.store.close()


def test_the_fast_path_reads_a_real_export_as_the_streaming_path_does(backup: Path) -> None:
    fast = list(read_lines(backup))  # raises NotLines if it did not take the whole file
    assert fast == list(read_streaming(backup)) == list(read_export(backup))
    assert {section for section, _ in fast} >= {"format_version", "groups", "helps", "activities"}
    assert len(fast) > 400


def test_a_pretty_printed_export_gives_the_same_rows(backup: Path, tmp_path: Path) -> None:
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(backup.read_bytes()), ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(NotLines):
        next(read_lines(pretty))
    assert list(rows(pretty, DEFAULT_MAX_BYTES)) == list(rows(backup, DEFAULT_MAX_BYTES))


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def replace_record(path: Path, out: Path, section: str, change: str) -> Path:
    """``out``: ``path`` with the first record of ``section`` given ``change`` as its first key, on its line."""
    lines = lines_of(path)
    at = lines.index(f'"{section}": [') + 1
    assert lines[at].startswith("{")
    lines[at] = "{" + change + "," + lines[at][1:]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.mark.parametrize("section, change, problem", [
    ("helps", '"id":"00000000-0000-4000-8000-000000000000"', "a key given twice"),
    ("helps", '"x":NaN', "not valid JSON"),
    ("helps", '"x":Infinity', "not valid JSON"),
    ("activities", '"x":1e400', "overflow"),
    ("activities", '"x":' + "1" * 30, "overflow"),
    ("activities", '"x":' + '{"a":' * 20 + "1" + "}" * 20, "nested deeper than 16"),
    ("activities", '"' + "k" * 300 + '":1', "a key longer than 200 characters"),
    ("activities", '"x":"' + "y" * 1_100_000 + '"', "a text longer than 1 MiB"),
])
def test_a_bad_record_on_one_line_is_refused_as_the_streaming_path_refuses_it(
    backup: Path, tmp_path: Path, services: Services, section: str, change: str, problem: str,
) -> None:
    bad = replace_record(backup, tmp_path / "bad.json", section, change)
    taken = []
    with pytest.raises(NotLines):  # the fast path stops before the record, and never gives it
        for item in read_lines(bad):
            taken.append(item)
    assert section not in {name for name, _ in taken}
    with pytest.raises(InvalidInput) as caught:
        list(read_export(bad))
    with pytest.raises(InvalidInput) as streaming:
        list(read_streaming(bad))
    assert caught.value.message == streaming.value.message
    assert f"Refused at {section}[0]" in caught.value.message and problem in caught.value.message
    with pytest.raises(InvalidInput):
        import_file(services, bad)
    assert services.queries.helps() == []


def test_a_record_line_with_escapes_takes_the_careful_path_and_reads_the_same(backup: Path, tmp_path: Path) -> None:
    lines = lines_of(backup)
    at = lines.index('"helps": [') + 1
    record = json.loads(lines[at].rstrip(","))
    record["note"] = "tab\there \u0001 \U0001f600 \"quoted\""
    lines[at] = json.dumps(record, ensure_ascii=True, separators=(",", ":")) + ","
    odd = tmp_path / "odd.json"
    odd.write_text("\n".join(lines), encoding="utf-8")
    fast = list(read_lines(odd))
    assert fast == list(read_streaming(odd))
    assert [r for s, r in fast if s == "helps"][0]["note"] == record["note"]


def test_a_truncated_or_extended_file_is_refused_by_the_streaming_path(backup: Path, tmp_path: Path) -> None:
    data = backup.read_bytes()
    for name, bad in (("cut", data[: len(data) // 2]), ("more", data + b"{}"), ("comma", data.replace(
            b"\n],\n", b",\n],\n", 1))):
        path = tmp_path / f"{name}.json"
        path.write_bytes(bad)
        with pytest.raises(InvalidInput) as caught:
            list(read_export(path))
        with pytest.raises(InvalidInput) as streaming:
            list(read_streaming(path))
        assert caught.value.message == streaming.value.message, name


@pytest.mark.parametrize("payload", [
    {"a": 1, "b": [1.5, 0.1, 1e-07, 1e300, -0.0, 12345678901234567890123], "c": None, "d": True},
    {"text": "小美 / \\ \" \n \t \u007f \u0001 \U0001f600", "nested": {"x": {"y": []}}},
    {"nan": float("nan")},  # json.dumps would store it; SQLite's json() refuses it: written from Python
    {},
])
def test_a_payload_made_by_sqlite_reads_as_python_writes_it(services: Services, payload: dict[str, object]) -> None:
    from app.exchange import sections

    services.contacts.create(nickname="小美")
    stored = json.dumps(payload)  # as SQLAlchemy's JSON type stores it
    db = services.store.engine.raw_connection()
    try:
        db.execute("UPDATE activity SET payload = ?", (stored,))
        db.commit()
    finally:
        db.close()
    with services.store.read() as session:
        texts = list(sections.json_texts(session, "activities") or [])
        records = list(sections.records(session, "activities"))
    assert len(texts) == len(records) > 0
    for text, record in zip(texts, records, strict=True):
        written = json.dumps(record.pop("payload"), ensure_ascii=False, separators=(",", ":"))
        assert text.endswith(f',"payload":{written}}}')  # the payload last, as Python writes it
        assert json.loads(text[: -len(written) - 12] + "}") == record
