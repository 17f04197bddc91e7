"""Importing an exported chat: the readers (WeChatMsg CSV, QQ text), the proposals, ``import-chat`` and accepting."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InvalidInput, NotFound
from app.exchange.chat_import import FIELD_MAX, Message, Proposal, Refused, proposal_of, read_chat
from app.exchange.share_text import Share, parse_share
from app.model import Activity
from app.paths import database_path
from app.services import Services, chat
from tests.chat_files import BARGAIN, ME_NAME, SHANGHAI, Generated, qq_text, wechat_csv
from tests.conftest import START
from tests.test_cli import Cli

EARLIEST = START - dt.timedelta(days=365)  # the profile begins at START in these tests
BEGIN = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)  # the chats start before EARLIEST: their first months are too old
END = START - dt.timedelta(hours=1)
ONE_SHARE = "【拼多多】帮我砍一刀，已砍到¥5.80 https://mobile.yangkeduo.com/goods.html?goods_id=1"


def _read(path: Path, **kwargs: object) -> object:
    return read_chat(path, now=START, tz=SHANGHAI, earliest=EARLIEST, me=[ME_NAME], **kwargs)  # type: ignore[arg-type]


def _expected(made: Generated) -> tuple[list[tuple[dt.datetime, str | None, int, str]], int, int]:
    """What the reader must propose, from the generator's own record: (at, contact, line, kind), too old, future."""
    shares = [(m, parse_share(m.text)) for m in made.messages if not m.sticker]
    shares = [(m, s) for m, s in shares if s is not None]
    old = sum(1 for m, _ in shares if m.at < EARLIEST)
    future = sum(1 for m, _ in shares if m.at > START)
    kept = [(m.at, m.sender, m.line, "deal" if s.kind == "group_buy" else "request" if m.sender is None else "help")
            for m, s in shares if EARLIEST <= m.at <= START]
    return kept, old, future


@pytest.mark.parametrize("make", [wechat_csv, qq_text], ids=["wechat", "qq"])
def test_ten_thousand_messages_become_the_proposals_generated(tmp_path: Path, make: object) -> None:
    made = make(tmp_path / "chat.txt", 10_000, start=BEGIN, end=END)  # type: ignore[operator]
    found = _read(made.path)
    kept, old, future = _expected(made)
    assert found.messages == 10_000  # type: ignore[attr-defined]
    got = [(p.at, p.contact, p.source_line, p.kind) for p in found.proposals]  # type: ignore[attr-defined]
    assert got == kept
    assert len(kept) > 300 and old > 100  # the chat has shares to find and old ones to leave out
    assert (found.too_old, found.future) == (old, future)  # type: ignore[attr-defined]
    bargains_by_me = sum(1 for k in kept if k[3] == "request")
    assert 20 < bargains_by_me < len(kept) and any(k[3] == "help" for k in kept)
    first = found.proposals[0]  # type: ignore[attr-defined]
    assert first.at.tzinfo == dt.UTC and first.url and first.url.startswith("https://mobile.yangkeduo.com/")


def test_the_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    csv_named_txt = wechat_csv(tmp_path / "chat.txt", 50, start=EARLIEST, end=END)
    qq_named_csv = qq_text(tmp_path / "chat.csv", 50, start=EARLIEST, end=END)
    assert _read(csv_named_txt.path).format == "wechat_csv"  # type: ignore[attr-defined]
    qq = _read(qq_named_csv.path)
    assert qq.format == "qq_text" and qq.chat_name == "拼团互助群"  # type: ignore[attr-defined]


def test_qq_times_are_local_and_the_users_own_messages_have_no_contact(tmp_path: Path) -> None:
    path = tmp_path / "qq.txt"
    path.write_text("消息记录（此消息记录为文本格式，不支持重新导入）\n\n消息对象:宝妈群\n\n"
                    f"2026-11-20 20:00:00 {ME_NAME}(10001)\n{ONE_SHARE}\n\n"
                    f"2026-11-20 21:30:05 小红<xh@example.com>\n今天好\n{ONE_SHARE}\n\n"
                    "2026-11-20 21:31:00 阿强(20002)\n[表情]\n", encoding="utf-8")
    found = _read(path)
    assert found.messages == 3  # type: ignore[attr-defined]
    mine, theirs = found.proposals  # type: ignore[attr-defined]
    assert mine.as_json() == {"at": "2026-11-20T12:00:00Z", "kind": "request", "direction": "received",
                              "contact": None, "title": mine.title, "url": mine.url, "price_fen": 580,
                              "source_line": 5}
    assert (theirs.kind, theirs.direction, theirs.contact, theirs.source_line) == ("help", "given", "小红", 8)
    assert theirs.at == dt.datetime(2026, 11, 20, 13, 30, 5, tzinfo=dt.UTC)


def test_proposals_follow_who_posted_what() -> None:
    """The rules of the mapping, whatever the share parser answers."""
    at = START - dt.timedelta(days=1)

    def of(kind: str, sender: str | None) -> tuple[str, str | None, str | None]:
        share = Share(kind=kind, title=" T ", url=None, price_fen=990, needed=2, platform=None,  # type: ignore[arg-type]
                      link_verdict=None)
        p = proposal_of(share, Message(at, sender, "x", 3))
        return p.kind, p.direction, p.contact

    assert of("bargain", None) == ("request", "received", None)
    assert of("boost", None) == ("request", "received", None)
    assert of("bargain", "小红") == ("help", "given", "小红")
    assert of("group_buy", "小红") == ("deal", None, "小红")
    assert of("group_buy", None) == ("deal", None, None)


def test_wechat_app_messages_and_multi_line_rows(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    head = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
    t = int((START - dt.timedelta(days=2)).timestamp())
    card = ("<msg><appmsg><title>【拼多多】帮我砍一刀，已砍到¥5.80</title>"
            "<url>https://mobile.yangkeduo.com/goods.html?goods_id=1</url></appmsg></msg>")
    path.write_text(head + f'1,g,1,0,0,{t},2,"two\nlines",x,,小红,w1\n'
                    f'2,g,49,5,0,{t + 60},2,"{card}",x,老李备注,老李,w2\n'
                    f'3,g,47,0,1,{t + 61},2,{ONE_SHARE},x,,,w3\n', encoding="utf-8")
    found = _read(path)
    assert found.messages == 3  # type: ignore[attr-defined]
    (card_share,) = found.proposals  # type: ignore[attr-defined]  # the sticker row's text is no message
    assert (card_share.contact, card_share.source_line, card_share.price_fen) == ("老李备注", 4, 580)


def test_a_utf16_export_is_read(tmp_path: Path) -> None:
    made = qq_text(tmp_path / "q.txt", 200, start=EARLIEST, end=END)
    utf16 = tmp_path / "q16.txt"
    utf16.write_text(made.path.read_text(encoding="utf-8"), encoding="utf-16")
    assert [p.as_json() for p in _read(utf16).proposals] == [  # type: ignore[attr-defined]
        p.as_json() for p in _read(made.path).proposals]  # type: ignore[attr-defined]


HEAD = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"


@pytest.mark.parametrize(("content", "words"), [
    (b"\x00\x01\x02binary\xff\xfe\x00", "UTF-8"),
    (HEAD.encode() + b"1,g,1,0,0,1,2,a\x00b,x,,n,s\n", "NUL"),
    (HEAD.encode() + b"1,g,1,0,0,1,2,\"" + b"x" * (10 * 1024 * 1024) + b"\",x,,n,s\n", "longer than"),
    (HEAD.encode() + b"1,g,1,0,0,1,2,\"" + b"x\n" * (5 * 1024 * 1024) + b"\",x,,n,s\n", "well-formed"),
    (HEAD.encode() + b"1,g,1,0,0,1,2,\"" + b"x" * 70_000 + b"\",x,,n,s\n", "a message longer"),
    (b"name,age\nx,1\n", "neither"),
    (b"localId,TalkerId,Type\n1,2,3\n", "missing"),
    (HEAD.encode() + b"1,g,1,0,0,1,2\n", "fields"),
    (HEAD.encode() + b"1,g,1,0,0,soon,2,hi,x,,n,s\n", "Unix"),
    ("消息记录\n消息对象:群\n\n2024-13-45 12:00:00 a(12345)\nhi\n".encode(), "date"),
    (b"", "neither"),
])
def test_hostile_files_are_refused_with_a_clear_message(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(Refused) as caught:
        _read(path)
    assert words in caught.value.message


def test_a_zip_and_a_file_over_the_cap_are_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("chat.csv", HEAD)
    with pytest.raises(Refused, match="unzip"):
        _read(path)
    big = wechat_csv(tmp_path / "big.csv", 100, start=EARLIEST, end=END)
    with pytest.raises(Refused, match="cap of 0 MiB"):
        _read(big.path, max_bytes=1000)
    long_message = tmp_path / "long.txt"
    long_message.write_text("消息记录\n消息对象:群\n\n2026-01-01 12:00:00 a(12345)\n" + ("字" * 1000 + "\n") * 70)
    with pytest.raises(Refused, match=f"longer than {FIELD_MAX:,}"):
        _read(long_message)


# -- accepting ------------------------------------------------------------------------------------------------


def _bargain(at: dt.datetime, sender: str | None, goods: int = 1, line: int = 2) -> Proposal:
    share = parse_share(BARGAIN.format(price="5.80", goods=goods))
    assert share is not None
    return proposal_of(share, Message(at, sender, "", line))


def test_accepted_proposals_become_facts_back_dated_and_marked_late(services: Services) -> None:
    services.groups.create(name="宝妈群")
    at = START - dt.timedelta(days=10)
    help_ = chat.accept(services, _bargain(at, "新朋友"), "宝妈群")
    request = chat.accept(services, _bargain(at, None), "宝妈群")
    deal_share = Share(kind="group_buy", title="纸巾", url="https://mobile.yangkeduo.com/goods.html?goods_id=9",
                       price_fen=1290, needed=2, platform=None, link_verdict=None)
    deal = chat.accept(services, proposal_of(deal_share, Message(at, "小红", "", 2)), "宝妈群")
    assert help_.record and help_.record["direction"] == "given" and help_.record["kind"] == "bargain_cut"
    assert request.record and deal.record and deal.record["kind"] == "group_buy" and deal.record["mine"] is False
    assert deal.record["original_fen"] == 1290 and deal.record["participants_needed"] == 2  # as a paste fills it
    contacts = [c["nickname"] for c in services.queries.contacts()]
    assert "新朋友" in contacts  # added with the help, as the quick log adds one
    with services.store.read() as session:
        logged = {a.type: (a.at, dict(a.payload)) for a in session.scalars(select(Activity))
                  if a.type in ("help.given", "request.posted", "deal.joined")}
    assert set(logged) == {"help.given", "request.posted", "deal.joined"}
    for when, _payload in logged.values():
        assert when.replace(tzinfo=dt.UTC) == at
    assert logged["help.given"][1].get("late") is True  # back-dated honestly: the fair-play rules see it


def test_accepting_needs_an_existing_group_and_skipping_leaves_nothing(services: Services) -> None:
    with pytest.raises(NotFound):
        chat.accept_all(services, [_bargain(START - dt.timedelta(days=1), "x")], "无此群")
    assert services.queries.contacts() == []
    with pytest.raises(InvalidInput):  # a proposal older than the rules accept is refused by the service too
        services.groups.create(name="群")
        chat.accept(services, _bargain(EARLIEST - dt.timedelta(days=1), "x"), "群")


# -- the command -------------------------------------------------------------------------------------------------


def _sha(folder: Path) -> dict[str, str]:
    """Every file of the data folder (the database, its -wal, the backups) by its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def grouped(cli: Cli) -> Cli:
    cli.ok("add", "group", "--name", "拼团互助群")
    return cli


def test_import_chat_json_prints_the_proposals_and_writes_nothing(grouped: Cli, tmp_path: Path) -> None:
    made = qq_text(tmp_path / "q.txt", 10_000, start=BEGIN, end=END)
    assert database_path(grouped.data_dir).is_file()
    before = _sha(grouped.data_dir)
    code, out, err = grouped("import-chat", str(made.path), "--group", "拼团互助群", "--json")
    assert code == 0
    rows = json.loads(out)
    kept, old, _ = _expected(made)
    assert len(rows) == len(kept) and all(set(r) == {"at", "kind", "direction", "contact", "title", "url",
                                                     "price_fen", "source_line"} for r in rows)
    assert rows[0]["at"].endswith("Z") and rows[0]["source_line"] == kept[0][2]
    assert f"Left out {old:,} shares" in err
    assert _sha(grouped.data_dir) == before
    assert grouped.json("list", "helps") == [] and grouped.json("list", "requests") == []


def test_import_chat_accept_all_logs_them(grouped: Cli, tmp_path: Path) -> None:
    made = wechat_csv(tmp_path / "w.csv", 400, start=EARLIEST + dt.timedelta(days=300), end=END)
    kept, _, _ = _expected(made)
    out = grouped.ok("import-chat", str(made.path), "--group", "拼团互助群")
    assert f"{len(kept)} proposals from 400 messages" in out
    assert grouped.json("list", "helps") == []
    code, out, _ = grouped("import-chat", str(made.path), "--group", "拼团互助群", "--accept-all")
    assert code == 0 and f"Logged {len(kept)} entries" in out
    helps, requests = grouped.json("list", "helps"), grouped.json("list", "requests")
    assert len(helps) == sum(1 for k in kept if k[3] == "help")
    assert len(requests) == sum(1 for k in kept if k[3] == "request")


def test_import_chat_refuses_a_bad_file_or_group_with_exit_2(grouped: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert "unzip" in grouped.fails("import-chat", str(bad), "--group", "拼团互助群")
    made = qq_text(tmp_path / "q.txt", 20, start=EARLIEST, end=END)
    assert "No group" in grouped.fails("import-chat", str(made.path), "--group", "无此群")


def test_accept_all_logs_the_rest_when_one_is_refused(services: Services) -> None:
    services.groups.create(name="群")
    services.contacts.create(nickname="小红")
    services.contacts.create(nickname="小红")  # two of one name: a help for 小红 cannot say which
    at = START - dt.timedelta(days=2)
    proposals = [_bargain(at, "小红", line=2), _bargain(at, "阿强", line=3), _bargain(at, None, line=4)]
    refused: list[tuple[Proposal, str]] = []
    done = chat.accept_all(services, proposals, "群", refused=refused)
    assert done == {"accepted": 2, "already": 0, "refused": 1}
    assert [(p.source_line, "小红" in why) for p, why in refused] == [(2, True)]
    assert len(services.queries.helps()) == 1 and len(services.queries.requests()) == 1


def test_import_chat_speaks_chinese(cli: Cli) -> None:
    from tests.test_cli_finish import _no_english, _zh

    code, text = _zh(cli, "import-chat", "--help")
    assert code == 0 and "记下所有提议" in text and "聊天所在的群" in text
    _no_english(text)
    code, text = _zh(cli, "import-chat", "chat.csv")  # --group missing
    assert code == 2 and text.count("\n") == 1 and "--group" in text
