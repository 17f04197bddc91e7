"""An exported group chat (a WeChatMsg CSV, a QQ text export) read into proposals for the log.

No Qt, no database: :func:`read_chat` reads the file once, streaming (the csv module over a text stream, or line by
line), bounded (:data:`MAX_BYTES` for the file, :data:`LINE_MAX` for a line, :data:`FIELD_MAX` for a message), and
refuses what is no chat export (binary, a .zip, NUL bytes, other columns) with a :class:`Refused` naming the place.
Each message's text goes through :func:`app.exchange.share_text.parse_share`; a share becomes a :class:`Proposal`:

* a bargain or boost share the user posted: ``request`` (the user asked the group; ``direction`` ``received``, the
  way the help asked for goes);
* one another member posted: ``help`` (a help asked of the user; accepting it logs a help ``given`` to them);
* a group-buy invitation, from anyone: ``deal`` (``direction`` null).

Nothing is stored here: only what the user accepts is logged (:mod:`app.services.chat`). Messages from before the
earliest time the fair-play rules accept, and messages in the future, are left out and counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from app.clock import iso
from app.exchange.rows_in import Refused, refuse
from app.exchange.share_text import Share, fallback_title, parse_share
from app.i18n import translate

MAX_BYTES = 512 * 1024 * 1024  # a chat export bigger than this is refused unread
LINE_MAX = 1024 * 1024  # one line of the file, in characters: a longer one is refused, never held whole
FIELD_MAX = 64 * 1024  # one message's text, in characters (a share text is a few hundred)
TICK = 2_000  # messages between two calls of progress
WECHAT_COLUMNS = ("localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent",
                  "StrTime", "Remark", "NickName", "Sender")
TEXT, APP_MESSAGE = "1", "49"  # WeChatMsg's Type: a text message, an app message (a shared link card)
QQ_MESSAGE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (.+?)(?:\((\d{4,12})\)|<([^<>\s]+)>)\s*$")
QQ_OBJECT = re.compile(r"消息对象\s*[:：]\s*(.+?)\s*$")
XML_FIELD = re.compile(r"<(title|des|url)>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</\1>", re.DOTALL)
ZIP_MAGIC = b"PK\x03\x04"
HEAD_LINES = 20  # lines of a QQ export before its first message in which its header must show

Kind = Literal["request", "help", "deal"]
Format = Literal["wechat_csv", "qq_text"]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Proposal:
    """One log entry a chat proposes; :meth:`as_json` is what ``import-chat --json`` prints (a contract)."""

    at: dt.datetime  # aware, UTC
    kind: Kind
    direction: str | None  # request: received; help: given; deal: None
    contact: str | None  # the poster's name; None for the user's own messages
    title: str
    url: str | None
    price_fen: int | None
    source_line: int  # where the message starts: the line (QQ) or the row counting the header as 1 (CSV)
    share_kind: str = "bargain"  # the share's kind (bargain, group_buy, boost): the help's kind when accepted
    link_verdict: str | None = None  # app.privacy.links.judge's verdict on the link
    needed: int | None = None  # a group buy's people still needed (not in the JSON: the contract has no such key)
    platform: str | None = None  # the share's platform (pinduoduo, jd…): a title for a share that names no product

    @property
    def shown_title(self) -> str:
        """The title to show and to log: the share's, or its platform and kind when it names no product."""
        return self.title or fallback_title(self.share_kind, self.platform)

    def as_json(self) -> dict[str, Any]:
        return {"at": iso(self.at), "kind": self.kind, "direction": self.direction, "contact": self.contact,
                "title": self.title, "url": self.url, "price_fen": self.price_fen, "source_line": self.source_line}


@dataclass
class ChatRead:
    """What one file gave: its format, the chat's name when it says it, the proposals, and what was left out."""

    format: Format
    chat_name: str | None = None
    messages: int = 0  # every message read, of any type
    proposals: list[Proposal] = field(default_factory=list)
    too_old: int = 0  # shares from before the earliest time the fair-play rules accept
    future: int = 0  # shares dated after now


@dataclass(frozen=True)
class Message:
    """One message as a reader gives it: when, who (None: the user), its text, where it starts."""

    at: dt.datetime
    sender: str | None
    text: str
    line: int


def read_chat(path: Path, *, now: dt.datetime, tz: dt.tzinfo, earliest: dt.datetime | None = None,
              me: Collection[str] = (), progress: Progress | None = None, max_bytes: int = MAX_BYTES) -> ChatRead:
    """The proposals of the chat export at ``path`` (its format told by its content, not its name).

    ``tz``: the zone a QQ export's times are in (the user's); ``me``: the user's own names in a QQ export (WeChatMsg
    marks the user's messages itself); ``earliest``: shares before it are left out as too old (counted), as are
    shares after ``now``. ``progress(done, 0)`` every :data:`TICK` messages. Raises :class:`Refused`.
    """
    if not path.is_file():
        raise refuse(str(path), translate("import", "no such file") if not path.exists() else
                     translate("import", "not a regular file (a folder, a device or a pipe)"))
    if path.stat().st_size > max_bytes:
        raise _too_big(max_bytes)
    with path.open("rb") as raw:
        stream = _text(_Capped(raw, max_bytes), path.name)
        lines = _lines(stream)
        kind, head = _detect(lines, path.name)
        result = ChatRead(format=kind)
        messages = (_wechat(head, lines) if kind == "wechat_csv" else
                    _qq(head, lines, tz, {m.strip() for m in me if m.strip()}, result))
        for message in messages:
            result.messages += 1
            if progress is not None and result.messages % TICK == 0:
                progress(result.messages, 0)
            _propose(message, result, now, earliest)
    return result


def _too_big(limit: int) -> Refused:
    return refuse(translate("import", "the file"), translate(
        "import", "larger than the import cap of {size} MiB").format(size=limit // (1024 * 1024)))


class _Capped(io.RawIOBase):
    """The file's bytes, refused past ``limit`` as they are read: a file that grows while it is read (another
    program still writing it) is held to the cap its size was checked against."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw, self.limit, self.done = raw, limit, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.done = self.raw.seek(offset, whence)
        return self.done

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        self.done += len(data)
        if self.done > self.limit:
            raise _too_big(self.limit)
        buffer[:len(data)] = data
        return len(data)


def _text(raw: IO[bytes] | _Capped, name: str) -> IO[str]:
    """The file as text: UTF-8 (a BOM allowed) or UTF-16 with its BOM; a .zip or other binary refused."""
    start = raw.read(4)
    raw.seek(0)
    if start.startswith(ZIP_MAGIC):
        raise refuse(name, translate("import", "a .zip archive, not a chat export: unzip it and choose the .csv or "
                                               ".txt inside"))
    encoding = "utf-16" if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    return io.TextIOWrapper(io.BufferedReader(raw) if isinstance(raw, _Capped) else raw, encoding=encoding,
                            errors="strict", newline="")


class _Lines:
    """The text's lines, each checked (no NUL, at most LINE_MAX characters), numbered from 1; never more held."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            line = self.stream.readline(LINE_MAX + 1)
        except UnicodeDecodeError:
            raise refuse(self._place(1), translate(
                "import", "not text in UTF-8 or UTF-16 (a binary file, or another encoding: export the chat "
                          "again as UTF-8)")) from None
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > LINE_MAX and not line.endswith("\n"):
            raise refuse(self._place(0), translate("import", "a line longer than {size} characters").format(
                size=f"{LINE_MAX:,}"))
        if "\x00" in line:
            raise refuse(self._place(0), translate("import", "a NUL character: a binary file, not a chat export"))
        return line

    def _place(self, ahead: int) -> str:
        return translate("import", "line {line}").format(line=self.number + ahead)


def _lines(stream: IO[str]) -> _Lines:
    return _Lines(stream)


def _detect(lines: _Lines, name: str) -> tuple[Format, list[str]]:
    """The format, from the first lines: a CSV header naming WeChatMsg's columns, or QQ's "消息记录" header."""
    head: list[str] = []
    for line in lines:
        head.append(line)
        text = line.strip()
        if not text:
            if len(head) > HEAD_LINES:
                break
            continue
        if len(head) == 1 or not any(h.strip() for h in head[:-1]):
            if text.startswith("localId") or "StrContent" in text:
                return "wechat_csv", head
            if text.startswith("消息记录"):
                return "qq_text", head
        if QQ_OBJECT.match(text):
            return "qq_text", head
        if len(head) >= HEAD_LINES:
            break
    raise refuse(name, translate("import", "neither a WeChatMsg CSV export (a header with the columns {columns}) "
                                           "nor a QQ text export (消息记录…, 消息对象:…)").format(
        columns=", ".join(WECHAT_COLUMNS)))


# -- WeChatMsg CSV -----------------------------------------------------------------------------------------------


def _wechat(head: list[str], lines: _Lines) -> Iterator[Message]:
    rows = _Counted(_chain(head, lines))
    reader = csv.reader(rows, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise _row_refused(1, translate("import", "not a well-formed CSV row ({problem})").format(
            problem=exc)) from None
    missing = [c for c in WECHAT_COLUMNS if c not in header]
    if missing or len(set(header)) != len(header):
        raise refuse(translate("import", "line {line}").format(line=1), translate(
            "import", "the columns are not WeChatMsg's: missing {missing}").format(
            missing=", ".join(missing) or translate("import", "none (a column is named twice)")))
    at = {name: header.index(name) for name in WECHAT_COLUMNS}
    while True:
        start = rows.given + 1  # the row's first line (a message may span lines)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over the csv module's limit (128 KiB), a stray quote
            raise _row_refused(start, translate("import", "not a well-formed CSV row ({problem})").format(
                problem=exc)) from None
        if not row:
            continue
        if len(row) != len(header):
            raise _row_refused(start, translate("import", "{count} fields where the header names {columns}").format(
                count=len(row), columns=len(header)))
        kind = row[at["Type"]].strip()
        if kind not in (TEXT, APP_MESSAGE):
            yield Message(_EPOCH, None, "", start)  # a sticker, a picture…: counted, never a share
            continue
        text = row[at["StrContent"]]
        if len(text) > FIELD_MAX:
            raise _row_refused(start, translate("import", "a message longer than {size} characters").format(
                size=f"{FIELD_MAX:,}"))
        if kind == APP_MESSAGE:
            text = _app_text(text)
        try:
            when = dt.datetime.fromtimestamp(int(row[at["CreateTime"]].strip()), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise _row_refused(start, translate("import", "CreateTime is not a time in Unix seconds")) from None
        own = row[at["IsSender"]].strip() == "1"
        sender = None if own else (row[at["Remark"]].strip() or row[at["NickName"]].strip()
                                   or row[at["Sender"]].strip() or row[at["TalkerId"]].strip() or "?")
        yield Message(when, sender, text, start)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _chain(head: list[str], lines: _Lines) -> Iterator[str]:
    yield from head
    yield from lines


class _Counted:
    """Lines handed to the csv module, counted: the next row starts at line ``given + 1``."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines, self.given = lines, 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.given += 1
        return line


def _row_refused(line: int, problem: str) -> Refused:
    return refuse(translate("import", "line {line}").format(line=line), problem)


def _app_text(content: str) -> str:
    """An app message's card (XML) as the text it shows: its title, description and link; other text as it is."""
    found = {key: value.strip() for key, value in XML_FIELD.findall(content)[:6]}
    if not found:
        return content
    return " ".join(found[key] for key in ("title", "des", "url") if found.get(key))


# -- QQ text export ------------------------------------------------------------------------------------------


def _local_time(text: str) -> dt.datetime:
    """"2024-01-01 12:00:00" (as QQ_MESSAGE matched it) as a naive datetime; ValueError for an impossible one.
    Not strptime: it took a fifth of a 100,000-message export's reading."""
    day, time = text.split(" ")
    year, month, date = day.split("-")
    hour, minute, second = time.split(":")
    return dt.datetime(int(year), int(month), int(date), int(hour), int(minute), int(second))


def _qq(head: list[str], lines: _Lines, tz: dt.tzinfo, me: set[str], result: ChatRead) -> Iterator[Message]:
    """Messages of a QQ export: a "date time name(number)" or "name<address>" line, then the message's lines."""
    current: tuple[dt.datetime, str | None, int] | None = None
    body: list[str] = []
    size = 0
    number = 0
    for line in _chain(head, lines):
        number += 1
        text = line.rstrip("\r\n")
        if current is None and (found := QQ_OBJECT.match(text.strip())):
            result.chat_name = found.group(1)[:200]
            continue
        match = QQ_MESSAGE.match(text)
        if match:
            if current is not None:
                yield Message(current[0], current[1], "\n".join(body).strip(), current[2])
            try:
                local = _local_time(match.group(1))
            except ValueError:
                raise refuse(translate("import", "line {line}").format(line=number),
                             translate("import", "not a date and time")) from None
            name = match.group(2).strip()
            sender = None if name in me or (match.group(3) or match.group(4) or "") in me else name
            current = (local.replace(tzinfo=tz).astimezone(dt.UTC), sender, number)
            body, size = [], 0
            continue
        if current is not None:
            size += len(text)
            if size > FIELD_MAX:
                raise refuse(translate("import", "line {line}").format(line=current[2]), translate(
                    "import", "a message longer than {size} characters").format(size=f"{FIELD_MAX:,}"))
            body.append(text)
    if current is not None:
        yield Message(current[0], current[1], "\n".join(body).strip(), current[2])


# -- proposals ------------------------------------------------------------------------------------------------


def _propose(message: Message, result: ChatRead, now: dt.datetime, earliest: dt.datetime | None) -> None:
    if not message.text:
        return
    share = parse_share(message.text)
    if share is None:
        return
    if earliest is not None and message.at < earliest:
        result.too_old += 1
        return
    if message.at > now:
        result.future += 1
        return
    result.proposals.append(proposal_of(share, message))


def proposal_of(share: Share, message: Message) -> Proposal:
    """What one share in the chat proposes (see the module's text for the rules)."""
    kind: Kind
    if share.kind == "group_buy":
        kind, direction = "deal", None
    elif message.sender is None:
        kind, direction = "request", "received"
    else:
        kind, direction = "help", "given"
    return Proposal(at=message.at, kind=kind, direction=direction, contact=message.sender,
                    title=share.title.strip()[:200], url=share.url, price_fen=share.price_fen,
                    source_line=message.line, share_kind=share.kind, link_verdict=share.link_verdict,
                    needed=share.needed,
                    platform=share.platform)
