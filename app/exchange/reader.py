"""Reading an export file streaming and bounded, refusing hostile input before anything is written.

One pass of ijson's events (yajl2_c: it validates UTF-8 and refuses NaN, Infinity, truncation and trailing data)
builds one record at a time; this module adds what a parser does not check: the size cap (on decompressed bytes
for ``.gz`` and ``.zip``), duplicate keys, depth, string length, integer range, and the envelope of
docs/export.md (keys, their order and types). Each refusal names its place (``helps[12].at``).

A file in the shape our export writes (one header entry or one record per line) is read the fast way first: each
line parsed alone by the json module, with the same checks, and a line that is anything but plainly good parsed by
ijson as above. At the first thing that path does not vouch for, the file is read again the streaming way (the
records already given are skipped, as they are the same), so a refusal is always the streaming path's own.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import math
import re
import zipfile
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import ijson  # type: ignore[import-untyped]

from app.exchange.rows_in import INT_MAX, Refused, refuse
from app.exchange.sections import SECTION_NAMES
from app.i18n import translate
from app.limits import IMAGE_BYTES_MAX

SECTIONS = SECTION_NAMES
LATER_SECTIONS = ("images",)  # sections a file from before them lacks (format 1 written before pictures)
HEADER_KEYS = ("format_version", "app", "exported_at", "preset", "profile", "summary")
FORMAT_VERSIONS = frozenset({1})
DEFAULT_MAX_BYTES = 2 * 1024**3
MAX_DEPTH = 16
MAX_STRING = 1_048_576
# A picture's bytes in base64 (``images[n].data``): up to the size of a picture brought in (app.limits).
MAX_PICTURE_TEXT = (IMAGE_BYTES_MAX + 2) // 3 * 4
PICTURE_DATA = re.compile(r"images\[\d+\]\.data")
MAX_VALUES = 200_000  # values in one record or one header entry: a record is a few dozen
ACTIONS = ("keep", "generalise", "drop")
# The fast path: a line longer than LINE_MAX is never held (the streaming path reads it); a record line shorter than
# PLAIN_BYTES can hold no text longer than MAX_STRING and no more than MAX_VALUES values (each takes a byte), and
# one with at most PLAIN_BRACKETS brackets is never nested deeper than MAX_DEPTH.
LINE_MAX = 8 * 1024 * 1024
PLAIN_BYTES = min(MAX_STRING, MAX_VALUES)
PLAIN_BRACKETS = 8
KEY_LINE = re.compile(rb'"([a-z_]{1,40})": ')
CLASSES = ("safe", "personal", "third_party")

__all__ = ["DEFAULT_MAX_BYTES", "FORMAT_VERSIONS", "HEADER_KEYS", "SECTIONS", "NotLines", "Refused", "read_export",
           "read_lines", "read_streaming"]


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
    fast = read_lines(path, max_bytes=max_bytes, backup_only=backup_only)
    given = 0
    try:
        while True:
            try:
                item = next(fast)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - whatever the fast path does not vouch for, the streaming path decides
                break
            given += 1
            yield item
    finally:
        fast.close()
    for item in read_streaming(path, max_bytes=max_bytes, backup_only=backup_only):
        if given:
            given -= 1
        else:
            yield item


def read_streaming(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, backup_only: bool = True,
                   ) -> Iterator[tuple[str, Any]]:
    """What :func:`read_export` gives, read by ijson's events whatever the file's layout; refuses what is wrong."""
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


class NotLines(Exception):
    """The fast path met something it does not vouch for (another layout, or something wrong): read it streaming."""


def read_lines(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, backup_only: bool = True,
               ) -> Generator[tuple[str, Any], None, None]:
    """What :func:`read_streaming` gives, for a file in the layout our export writes (one entry or record a line);
    raises :class:`NotLines` (or a reading error) at anything else, having given only what is the same."""
    with _open(Path(path), max_bytes) as stream:
        yield from _Lines(stream, backup_only).top()


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as the streaming path takes it: no key twice, none longer than 200 characters."""
    out = dict(pairs)
    if len(out) != len(pairs) or (out and max(map(len, out)) > 200):
        raise NotLines
    return out


def _no_constant(name: str) -> Any:
    raise NotLines  # NaN, Infinity, -Infinity: not JSON


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400
        raise NotLines
    return value


def _int(text: str) -> int:
    value = int(text)
    if len(text) > 18 and not -INT_MAX - 1 <= value <= INT_MAX:
        raise NotLines
    return value


# A record line whose text is plain (see PLAIN_BYTES): parsed in C; the hooks refuse what the streaming path refuses.
_DECODER = json.JSONDecoder(object_pairs_hook=_unique, parse_constant=_no_constant, parse_float=_finite,
                            parse_int=_int)


class _Lines:
    """The fast path over a stream: the envelope checked as the streaming path does, one line at a time."""

    def __init__(self, stream: IO[bytes], backup_only: bool) -> None:
        self.stream = stream
        self.reader = _Reader(iter(()), backup_only)  # its checks and counts, fed one line's events at a time

    def _line(self) -> bytes:
        text = self.stream.readline(LINE_MAX + 1)
        if len(text) > LINE_MAX or not text.endswith(b"\n"):
            raise NotLines
        return text

    def top(self) -> Iterator[tuple[str, Any]]:
        if self._line() != b"{\n":
            raise NotLines
        envelope = _Envelope()
        last = False
        while not last:
            text = self._line()
            match = KEY_LINE.match(text)
            if match is None:
                raise NotLines
            key, rest = match.group(1).decode(), text[match.end():]
            envelope.enter(key)
            if key in SECTIONS:
                if rest in (b"[],\n", b"[]\n"):
                    last = rest == b"[]\n"
                elif rest == b"[\n":
                    last = yield from self._section(key)
                else:
                    raise NotLines
            else:
                if not rest.endswith(b",\n"):  # a header entry is never the last
                    raise NotLines
                self.reader.place = key
                value = self._careful(rest[:-2], functools.partial(_Reader._value, place=key, depth=1))
                self.reader._check_header(key, value)
                yield key, value
        envelope.finish()
        if self._line() != b"}\n" or self.stream.read(1) != b"":
            raise NotLines

    def _section(self, name: str) -> Generator[tuple[str, Any], None, bool]:
        """The records up to the closing line; whether that line ends the object (no comma after it)."""
        index, comma = 0, True
        while True:
            text = self._line()
            if text in (b"],\n", b"]\n"):
                if comma:  # "[" then "]" on its own line, or a comma before the "]": left to the streaming path
                    raise NotLines
                return text == b"]\n"
            if not comma:
                raise NotLines
            comma = text.endswith(b",\n")
            body = text[:-2] if comma else text[:-1]
            place = f"{name}[{index}]"
            yield name, self._record(body, place)
            index += 1

    def _record(self, body: bytes, place: str) -> dict[str, Any]:
        if not (body.startswith(b"{") and body.endswith(b"}")):
            raise NotLines
        if (len(body) < PLAIN_BYTES and body.count(b"{") + body.count(b"[") <= PLAIN_BRACKETS
                and b"\\u" not in body):
            try:
                text = body.decode("utf-8")
                value, end = _DECODER.raw_decode(text)
                if end == len(text) and type(value) is dict:
                    return value
            except (NotLines, ValueError):
                pass  # the careful path below decides (and refuses, if it must, through the streaming path)
        return self._careful(body, lambda reader: reader._record_at(place))  # type: ignore[no-any-return]

    def _careful(self, body: bytes, parse: Callable[[_Reader], Any]) -> Any:
        """One line's value parsed by ijson with every check of the streaming path (the same parser: the same
        value); anything wrong ends the fast path."""
        reader = self.reader
        reader.events = ijson.basic_parse(io.BytesIO(body), use_float=True)
        try:
            value = parse(reader)
            for _extra in reader.events:
                raise NotLines
        except (Refused, ijson.JSONError, UnicodeDecodeError):
            raise NotLines from None
        return value


class _Envelope:
    """The object's keys: known, in order, each once, ``format_version`` first, none missing."""

    def __init__(self) -> None:
        self.order = [*HEADER_KEYS, *SECTIONS]
        self.at = 0
        self.seen: set[str] = set()

    def enter(self, key: Any) -> None:
        order = self.order
        if key not in order:
            raise refuse(str(key)[:60], translate("import", "not a part of an export"))
        if order.index(key) < self.at:
            raise refuse(key, translate("import", "out of order, or given twice"))
        if self.at == 0 and key != "format_version":
            raise refuse(key, translate("import", "format_version must come first"))
        self.at = order.index(key) + 1
        self.seen.add(key)

    def finish(self) -> None:
        missing = [k for k in self.order if k not in self.seen and k not in LATER_SECTIONS]
        if missing:
            raise refuse(missing[0], translate("import", "missing"))


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
        envelope = _Envelope()
        while True:
            event, key = self._next()
            if event == "end_map":
                break
            envelope.enter(key)
            self.place = key
            if key in SECTIONS:
                yield from self._section(key)
            else:
                value = self._value(key, 1)
                self._check_header(key, value)
                yield key, value
        envelope.finish()
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
            yield name, self._record(self.place)
            index += 1

    def _record_at(self, place: str) -> dict[str, Any]:
        """A record read whole (a line of the fast path), its opening brace included."""
        event, _ = self._next()
        if event != "start_map":
            raise refuse(place, translate("import", "a record (an object) expected"))
        return self._record(place)

    def _record(self, place: str) -> dict[str, Any]:
        """A record, its opening brace read: its values are counted afresh."""
        self.values = 0
        return self._map(place, 2)

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
            if PICTURE_DATA.fullmatch(place) is None:
                raise refuse(place, translate("import", "a text longer than 1 MiB"))
            if len(value) > MAX_PICTURE_TEXT:
                raise refuse(place, translate("import", "a picture larger than {size} MB").format(
                    size=IMAGE_BYTES_MAX // (1024 * 1024)))
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
