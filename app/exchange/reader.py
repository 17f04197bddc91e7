"""Reading an export file streaming and bounded, refusing hostile input before anything is written.

One pass of ijson's events (yajl2_c: it validates UTF-8 and refuses NaN, Infinity, truncation and trailing data)
builds one record at a time; this module adds what a parser does not check: the size cap (on decompressed bytes
for ``.gz`` and ``.zip``), duplicate keys, depth, string length, integer range, and the envelope of
docs/export.md (keys, their order and types). Each refusal names its place (``helps[12].at``).
"""

from __future__ import annotations

import gzip
import io
import math
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson  # type: ignore[import-untyped]

from app.exchange.rows_in import INT_MAX, Refused, refuse
from app.exchange.sections import SECTION_NAMES
from app.i18n import translate

SECTIONS = SECTION_NAMES
HEADER_KEYS = ("format_version", "app", "exported_at", "preset", "profile", "summary")
FORMAT_VERSIONS = frozenset({1})
DEFAULT_MAX_BYTES = 2 * 1024**3
MAX_DEPTH = 16
MAX_STRING = 1_048_576
MAX_VALUES = 200_000  # values in one record or one header entry: a record is a few dozen
ACTIONS = ("keep", "generalise", "drop")
CLASSES = ("safe", "personal", "third_party")

__all__ = ["DEFAULT_MAX_BYTES", "FORMAT_VERSIONS", "HEADER_KEYS", "SECTIONS", "Refused", "read_export"]


class _Capped(io.RawIOBase):
    """A stream that refuses to give more than ``limit`` bytes (a zip or gzip bomb stops at the cap)."""

    def __init__(self, inner: IO[bytes], limit: int) -> None:
        self.inner, self.limit, self.read_bytes = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(min(len(buffer), 1 << 16))
        self.read_bytes += len(data)
        if self.read_bytes > self.limit:
            raise _too_big(self.limit)
        buffer[: len(data)] = data
        return len(data)


def _too_big(limit: int) -> Refused:
    return refuse(translate("import", "the file"), translate(
        "import", "larger than the import cap of {size} MiB").format(size=limit // (1024 * 1024)))


def _open(path: Path, max_bytes: int) -> IO[bytes]:
    if not path.is_file():
        raise refuse(str(path), translate("import", "no such file"))
    name = path.name.lower()
    if name.endswith(".zip"):
        try:
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError):
            raise refuse(path.name, translate("import", "not a readable .zip")) from None
        if len(members) != 1 or not members[0].filename.lower().endswith(".json") or members[0].flag_bits & 1:
            raise refuse(path.name, translate("import", "a .zip must hold exactly one .json file, unencrypted"))
        return io.BufferedReader(_Capped(archive.open(members[0]), max_bytes))
    if name.endswith(".gz"):
        return io.BufferedReader(_Capped(gzip.GzipFile(path, "rb"), max_bytes))  # type: ignore[arg-type]
    if path.stat().st_size > max_bytes:
        raise _too_big(max_bytes)
    return path.open("rb")


def read_export(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, backup_only: bool = True,
                ) -> Iterator[tuple[str, Any]]:
    """("format_version", 1), the other header entries, then one (section, record) per record, in file order."""
    with _open(Path(path), max_bytes) as stream:
        reader = _Reader(ijson.basic_parse(stream, use_float=True), backup_only)
        try:
            head = stream.peek(3)[:3] if isinstance(stream, io.BufferedReader) else b""
            if head == b"\xef\xbb\xbf":
                raise refuse("byte 0", translate("import", "a byte order mark: the file must be plain UTF-8"))
            yield from reader.top()
        except ijson.JSONError as exc:
            raise refuse(reader.place, translate("import", "not valid JSON ({problem})").format(
                problem=str(exc)[:120])) from None
        except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile):
            raise refuse(reader.place, translate("import", "the file cannot be read to its end")) from None
        except UnicodeDecodeError:
            raise refuse(reader.place, translate("import", "broken UTF-8")) from None


class _Reader:
    def __init__(self, events: Iterator[tuple[str, Any]], backup_only: bool) -> None:
        self.events, self.backup_only = events, backup_only
        self.place = "byte 0"
        self.values = 0

    def _next(self) -> tuple[str, Any]:
        try:
            return next(self.events)
        except StopIteration:
            raise refuse(self.place, translate("import", "the file ends too early")) from None

    def top(self) -> Iterator[tuple[str, Any]]:
        event, _ = self._next()
        if event != "start_map":
            raise refuse("the file", translate("import", "not one JSON object"))
        order = [*HEADER_KEYS, *SECTIONS]
        at, seen = 0, set()
        while True:
            event, key = self._next()
            if event == "end_map":
                break
            if key not in order:
                raise refuse(str(key)[:60], translate("import", "not a part of an export"))
            if order.index(key) < at:
                raise refuse(key, translate("import", "out of order, or given twice"))
            if at == 0 and key != "format_version":
                raise refuse(key, translate("import", "format_version must come first"))
            at = order.index(key) + 1
            seen.add(key)
            self.place = key
            if key in SECTIONS:
                yield from self._section(key)
            else:
                value = self._value(key, 1)
                self._check_header(key, value)
                yield key, value
        missing = [k for k in order if k not in seen]
        if missing:
            raise refuse(missing[0], translate("import", "missing"))
        for _extra in self.events:  # yajl refuses trailing data itself; anything it yields is extra
            raise refuse("the end", translate("import", "more after the object"))

    def _section(self, name: str) -> Iterator[tuple[str, Any]]:
        event, _ = self._next()
        if event != "start_array":
            raise refuse(name, translate("import", "a list of records expected"))
        index = 0
        while True:
            event, _ = self._next()
            if event == "end_array":
                return
            self.place = f"{name}[{index}]"
            if event != "start_map":
                raise refuse(self.place, translate("import", "a record (an object) expected"))
            self.values = 0
            yield name, self._map(self.place, 2)
            index += 1

    def _value(self, place: str, depth: int) -> Any:
        event, value = self._next()
        return self._from(event, value, place, depth)

    def _from(self, event: str, value: Any, place: str, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise refuse(place, translate("import", "too many values in one record"))
        if depth > MAX_DEPTH:
            raise refuse(place, translate("import", "nested deeper than {max}").format(max=MAX_DEPTH))
        if event == "start_map":
            return self._map(place, depth + 1)
        if event == "start_array":
            items: list[Any] = []
            while True:
                event, value = self._next()
                if event == "end_array":
                    return items
                items.append(self._from(event, value, f"{place}[{len(items)}]", depth + 1))
        if event == "string" and len(value) > MAX_STRING:
            raise refuse(place, translate("import", "a text longer than 1 MiB"))
        if event == "number":
            if isinstance(value, float) and not math.isfinite(value):
                raise refuse(place, translate("import", "not a finite number"))
            if isinstance(value, int) and not -INT_MAX - 1 <= value <= INT_MAX:
                raise refuse(place, translate("import", "a number too large"))
        if event in ("end_map", "end_array", "map_key"):
            raise refuse(place, translate("import", "not valid JSON"))
        return value

    def _map(self, place: str, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            raise refuse(place, translate("import", "nested deeper than {max}").format(max=MAX_DEPTH))
        out: dict[str, Any] = {}
        while True:
            event, key = self._next()
            if event == "end_map":
                return out
            if key in out:
                raise refuse(f"{place}.{str(key)[:60]}", translate("import", "a key given twice"))
            if len(key) > 200:
                raise refuse(place, translate("import", "a key longer than 200 characters"))
            out[key] = self._value(f"{place}.{key}", depth)

    def _check_header(self, key: str, value: Any) -> None:
        ok = {
            "format_version": type(value) is int and value in FORMAT_VERSIONS,
            "app": value == "pintuan-quest",
            "exported_at": isinstance(value, str) and len(value) <= 64,
            "preset": isinstance(value, dict) and set(value) == {"name", *CLASSES} and isinstance(value["name"], str)
            and all(value[k] in ACTIONS for k in CLASSES),
            "profile": value is None or isinstance(value, dict),
            "summary": isinstance(value, dict) and set(value) <= {"level", "points", "badges", "counts"},
        }[key]
        if not ok:
            if key == "format_version":
                raise refuse(key, translate("import", "a format this version of the app does not know ({value})")
                             .format(value=str(value)[:20]))
            raise refuse(key, translate("import", "not what an export holds here"))
        if key == "preset" and self.backup_only and not all(value[k] == "keep" for k in CLASSES):
            raise refuse(key, translate(
                "import", "a '{name}' export holds pseudonyms and gaps, not data to restore: import a backup export")
                .format(name=str(value["name"])[:40]))
