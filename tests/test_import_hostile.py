"""A corpus of more than 200 malformed or hostile files: each refused whole, naming its place, within 5 s, with the
database unchanged and the process's memory bounded."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import resource
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.errors import InvalidInput
from app.exchange.export import export
from app.exchange.importer import import_file
from app.paths import database_path
from app.privacy.presets import BUILT_IN
from app.services import Services

Mutation = Callable[[dict[str, Any]], None]


def digest(path: Path) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        db.close()


def corpus(valid: bytes, folder: Path) -> list[tuple[str, Path]]:
    files: list[tuple[str, Path]] = []

    def add(label: str, data: bytes, suffix: str = ".json") -> None:
        path = folder / f"{len(files):03d}{suffix}"
        path.write_bytes(data)
        files.append((label, path))

    document = json.loads(valid)
    for i in range(80):  # truncated anywhere
        add(f"truncated {i}", valid[: len(valid) * i // 80])
    for i in range(40):  # a byte that is never UTF-8, anywhere
        at = 1 + len(valid) * i // 40
        add(f"0xff at {at}", valid[:at] + b"\xff" + valid[at:])

    def mutated(label: str, change: Mutation) -> None:
        copy = json.loads(valid)
        change(copy)
        add(label, json.dumps(copy, ensure_ascii=False).encode())

    for key in ("format_version", "app", "exported_at", "preset", "profile", "summary"):
        for bad in ([1], "x" * 100, 3.5, {"a": 1}):
            if key == "profile" and isinstance(bad, dict):
                continue
            mutated(f"{key} = {bad!r:.20}", lambda d, k=key, b=bad: d.__setitem__(k, b))
        mutated(f"{key} missing", lambda d, k=key: d.pop(k))
    for version in (0, 2, "1", True, -1, 10**30):
        mutated(f"format_version {version!r}", lambda d, v=version: d.__setitem__("format_version", v))
    for name in ("friends", "public"):
        mutated(f"{name} preset", lambda d, n=name: d.__setitem__(
            "preset", {"name": n, "safe": "keep", "personal": "generalise", "third_party": "drop"}))
    for section in ("groups", "contacts", "deals", "helps", "activities"):
        mutated(f"{section} not a list", lambda d, s=section: d.__setitem__(s, {"a": 1}))
        mutated(f"{section} holds a number", lambda d, s=section: d.__setitem__(s, [1]))
        mutated(f"{section} record with an unknown field", lambda d, s=section: d[s][0].__setitem__("x", 1))
        mutated(f"{section} record without id", lambda d, s=section: d[s][0].pop("id"))
        mutated(f"{section} record with a bad id", lambda d, s=section: d[s][0].__setitem__("id", "nope"))
        mutated(f"{section} record with a list id", lambda d, s=section: d[s][0].__setitem__("id", [1]))
    for field, value in (("at", "2026-13-40"), ("at", 5), ("amount_fen", 2**70), ("amount_fen", "3"),
                         ("direction", "sideways"), ("kind", None), ("note", "x" * 20_000), ("contact_id", None)):
        mutated(f"helps[0].{field} = {value!r:.20}", lambda d, f=field, v=value: d["helps"][0].__setitem__(f, v))
    mutated("unknown top-level key", lambda d: d.__setitem__("extra", 1))
    mutated("deep payload", lambda d: d["activities"][0].__setitem__("payload", _deep(40)))
    # (A reference to nothing is refused by the load, tests/test_import.py; here the same help is already in the
    # folder, so the merge keeps this side's and never writes the file's.)
    text = valid.decode()
    first_id = text.index('"id":')
    add("a duplicate key", (text[:first_id] + '"id":"x",' + text[first_id:]).encode())
    add("NaN", text.replace('"amount_fen":', '"amount_fen":NaN,"x":', 1).encode())
    add("Infinity", text.replace('"amount_fen":', '"amount_fen":Infinity,"x":', 1).encode())
    add("a huge integer", text.replace('"format_version": 1', '"format_version": ' + "9" * 400, 1).encode())
    add("a BOM", b"\xef\xbb\xbf" + valid)
    add("trailing data", valid + b"{}")
    add("two objects", valid + valid)
    add("an array", b"[" + valid + b"]")
    add("a string", b'"hello"')
    add("empty", b"")
    add("deep nesting", b"[" * 100_000 + b"]" * 100_000)
    add("format_version not first", ('{"app": "pintuan-quest", ' + text.lstrip()[1:]).encode())
    add("utf-16", text.encode("utf-16"))
    add("a long string", text.replace('"app": "pintuan-quest"', '"app": "' + "x" * 1_100_000 + '"', 1).encode())
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb") as zipped:
        for _ in range(64):
            zipped.write(b" " * (1 << 20))  # 64 MiB of spaces, over the test's cap of 16 MiB
    add("a gzip bomb", bomb.getvalue(), ".json.gz")
    for label, members in (("a zip of none", {}), ("a zip of two", {"a.json": valid, "b.json": valid}),
                           ("a zip of text", {"a.txt": valid}), ("a zip bomb", {"a.json": b" " * (64 << 20)})):
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        add(label, packed.getvalue(), ".zip")
    add("not a zip", b"PK\x03\x04 nothing", ".zip")
    add("not gzip", valid, ".json.gz")
    del document
    return files


def _deep(n: int) -> Any:
    value: Any = 1
    for _ in range(n):
        value = {"a": value}
    return value


def valid_export(services: Services, tmp_path: Path) -> bytes:
    """A small valid backup: a record in every section the corpus mutates."""
    group = services.groups.create(name="宝妈群", windows=["Mon 20:00-21:00"]).entity_id
    who = services.contacts.create(nickname="小美", groups=[str(group)]).entity_id
    services.deals.create(kind="group_buy", title="草莓", tiers=[(2, 3990)], group=str(group))
    services.helps.create(direction="given", kind="share", contact=str(who), amount_fen=300)
    services.helps.create(direction="received", kind="share", contact=str(who))
    return export(services, BUILT_IN["backup"], tmp_path / "valid.json").path.read_bytes()


def test_every_hostile_file_is_refused_in_time_with_nothing_changed(services: Services, tmp_path: Path) -> None:
    valid = valid_export(services, tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = corpus(valid, folder)
    assert len(files) >= 200
    before = digest(database_path(services.store.data_dir))
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    slow, accepted = [], []
    for label, path in files:
        began = time.perf_counter()
        try:
            import_file(services, path, max_bytes=16 << 20)
        except InvalidInput as exc:
            assert exc.message.startswith("Refused at "), (label, exc.message)
        else:
            accepted.append(label)
        if time.perf_counter() - began > 5:
            slow.append(label)
    assert accepted == [] and slow == []
    assert digest(database_path(services.store.data_dir)) == before
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024  # KiB on Linux
    assert grown_mib < 256


@pytest.mark.parametrize("label", ["a duplicate key", "NaN", "a BOM", "a gzip bomb"])
def test_a_refusal_names_its_place(services: Services, tmp_path: Path, label: str) -> None:
    valid = valid_export(services, tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    path = dict(corpus(valid, folder))[label]
    with pytest.raises(InvalidInput) as caught:
        import_file(services, path, max_bytes=16 << 20)
    expected = {"a duplicate key": "Refused at profile.id", "NaN": "Refused at", "a BOM": "Refused at byte 0",
                "a gzip bomb": "larger than the import cap"}[label]
    assert expected in caught.value.message
