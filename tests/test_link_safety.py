"""The offline link check's rules (app/privacy/links.py), the ``links check`` command, and deal links as stored:
clean, with their verdict, keyed by the host a browser opens. The corpus is in tests/test_link_corpus.py."""

from __future__ import annotations

import io
import json
import os
import random
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import update

from app.clock import FixedClock
from app.errors import DuplicateDeal, InvalidInput
from app.main import main
from app.model import Deal
from app.privacy import links
from app.privacy.links import DANGER, REASONS, Verdict, clean_link, domains, judge, normalise_url, reason_text
from app.services import Services
from app.store import Store
from tests.conftest import SHANGHAI, START

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "https://mobile.yangkeduo.com/goods.html?goods_id=42"


# -- the check -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", [
    "mobile.yangkeduo.com", "yangkeduo.com", "p.pinduoduo.com", "mobile.pinduoduo.com", "www.pinduoduo.com",
    "item.taobao.com", "h5.m.taobao.com", "detail.tmall.com", "item.jd.com", "www.meituan.com", "h5.ele.me",
])
def test_the_issues_official_hosts_are_ok_over_https_and_warn_over_http(host: str) -> None:
    assert judge(f"https://{host}/x").verdict == Verdict.ok
    assert judge(f"https://{host}/x").reasons == ()
    assert judge(f"http://{host}/x").reasons == ("not_https",)
    assert judge(f"http://{host}/x").verdict == Verdict.warn


def test_the_data_file_loads_with_every_platform_and_the_shorteners() -> None:
    known = domains()
    assert {"yangkeduo.com", "pinduoduo.com", "taobao.com", "tmall.com", "jd.com", "meituan.com", "ele.me"} <= set(
        known.official)
    assert {"yangkeduo", "pinduoduo", "taobao", "tmall", "jd", "meituan", "ele"} <= set(known.names)
    assert {"t.cn", "url.cn", "dwz.cn", "bit.ly"} <= set(known.shorteners)
    assert not set(known.official) & set(known.shorteners)
    assert all(d == d.lower().strip(".") and " " not in d for d in known.official + known.shorteners)
    data = tomllib.loads(links.resource_path(*links.OFFICIAL_FILE).read_text(encoding="utf-8"))
    assert all(platform["domains"] for platform in data["platforms"].values())
    for domain in known.official:  # registrable domains: their first label is the name look-alikes are held to
        _, name, suffix = links._extract(domain)
        assert f"{name}.{suffix}" == domain


@pytest.mark.parametrize("url", [
    "https://ｙａｎｇｋｅｄｕｏ.com/", "https://ｊｄ.com/", "https://jd\u3002com/", "https://\u0443angkeduo.com/",
    "https://\u4e2d\u6587.com/", "https://xn--80ak6aa92e.com/", "https://\u62fc\u591a\u591a.com/",
    "https://item.jd.c\u00f6m/", "https://taob\u00e0o.com/",
])
def test_a_host_written_with_non_ascii_characters_is_never_ok(url: str) -> None:
    check = judge(url)
    assert check.verdict != Verdict.ok, check
    assert check.reasons


def test_the_real_host_is_the_one_a_browser_opens() -> None:
    assert judge("https://mobile.yangkeduo.com@evil.com/x").reasons == ("userinfo", "unknown_domain")
    assert judge("https://evil.com\\@mobile.yangkeduo.com/x").reasons == ("backslash", "unknown_domain")
    assert judge("https://jd.com\\@evil.com/").reasons == ("backslash",)  # goes to jd.com: still danger
    assert judge("https://jd.com\\@evil.com/").verdict == Verdict.danger
    assert judge("https://jd.com/?next=\\@evil.com").verdict == Verdict.ok  # a backslash in the query moves nothing


def test_reasons_are_codes_of_the_contract_dangerous_ones_first() -> None:
    check = judge("http://mobile.yangkeduo.com@3232235777/")
    assert check.reasons == ("userinfo", "ip_host", "not_https")
    assert check.verdict == Verdict.danger
    assert set(REASONS) > DANGER
    assert check.as_json() == {"url": "http://mobile.yangkeduo.com@3232235777/", "verdict": "danger",
                               "reasons": ["userinfo", "ip_host", "not_https"]}
    assert all(reason_text(code) and reason_text(code) != code for code in REASONS)


@pytest.mark.parametrize(("url", "reason"), [
    ("x" * 10_000_000, "bad_scheme"),  # refused unread
    ("https://jd.com/" + "a" * 2_000, "bad_scheme"),  # over the 2,000 characters a link may have
    ("https://jd.com/\x00", "zero_width"),
    ("https://jd.com/\x1b[31m", "zero_width"),
    ("https://jd.com/\ud800", "zero_width"),  # a lone surrogate (an undecodable byte)
    ("", "bad_scheme"),
    ("   ", "bad_scheme"),
])
def test_what_the_input_rules_refuse_is_danger(url: str, reason: str) -> None:
    with pytest.raises(InvalidInput):
        links.check_url(url)
    check = judge(url)
    assert check.verdict == Verdict.danger and reason in check.reasons


def test_judge_never_raises_on_random_hostile_text() -> None:
    rng = random.Random(13)
    pieces = ["https://", "http://", "javascript:", "@", "\\", "/", ":", "?", "#", "%", "%zz", "[", "]", ".", "-",
              "xn--", "xn--zz", "jd", "com", "yangkeduo", "\u200b", "\u202e", "ｙ", "у", "\u3002", "0x", "999999",
              "\ud800", " ", "\t", "拼多多", "..", "\u0301", "\U0001f600"]
    for _ in range(3_000):
        url = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        check = links._judge(url)  # without judge()'s safety net: a bug here must show
        assert set(check.reasons) <= set(REASONS)
        assert (check.verdict == Verdict.danger) == bool(set(check.reasons) & DANGER), (url, check)
        assert check.verdict != Verdict.ok or check.reasons == ()
    assert judge(None).verdict == Verdict.danger  # type: ignore[arg-type]


def test_the_check_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Exception, match="[Ss]ocket"):  # pytest-socket is on for the whole suite
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    links._extractor.cache_clear()
    links.domains.cache_clear()
    links._judge_cached.cache_clear()
    assert judge("https://item.jd.com.evil.cn/").reasons[0] == "suffix_spoof"  # the public suffix list read anew
    assert "mixed_scripts" in judge("https://t\u0430obao.com/").reasons  # the confusables table, bundled


# -- the command -----------------------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=FixedClock(START, SHANGHAI), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_links_check_prints_one_json_object_per_line_and_creates_no_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "none"
    urls = [PRODUCT, "https://evil.com\\@mobile.yangkeduo.com/", "javascript:alert(1)", "https://拼多多.com/",
            "https://jd.com/\u202e", "not a link at all"]
    for flag in ([], ["--json"]):
        code, out, err = run("links", "check", *flag, *urls, "--data-dir", str(folder))
        assert code == 0 and err == ""
        lines = [json.loads(line) for line in out.splitlines()]
        assert [line["url"] for line in lines] == urls
        assert [line["verdict"] for line in lines] == ["ok", "danger", "danger", "danger", "danger", "danger"]
        assert lines[1]["reasons"] == ["backslash", "unknown_domain"]
        assert all(set(line) == {"url", "verdict", "reasons"} for line in lines)
        assert "拼多多" in out and "\u202e" not in out  # not ASCII-escaped; a bidi override cannot reach the terminal
    assert not folder.exists()


def test_links_check_without_a_link_is_a_usage_error() -> None:
    code, out, err = run("links", "check")
    assert code == 2 and out == "" and err.count("\n") == 1
    code, out, err = run("--lang", "zh_CN", "links", "check", "--help")
    assert code == 0 and "URL" in out


def test_links_check_in_a_fresh_process_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "c"),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "app", "links", "check", "https://t.cn/x", "http://3232235777/"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["reasons"] for line in done.stdout.splitlines()] == [
        ["shortener"], ["ip_host", "not_https"]]
    assert list(home.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["home"]


# -- deal links as stored --------------------------------------------------------------------------------------


def test_a_deal_link_is_stored_without_tracking_and_with_its_verdict(services: Services) -> None:
    made = services.deals.create(kind="group_buy", title="奶粉", url=(
        " https://mobile.yangkeduo.com/goods.html?goods_id=42&share_uid=9&refer_page_name=x&_wv=1&sku_id=7#top "))
    record = made.record
    assert record["url"] == "https://mobile.yangkeduo.com/goods.html?goods_id=42&sku_id=7#top"
    assert record["url_verdict"] == "ok" and record["url_reasons"] == []
    other = services.deals.create(kind="group_buy", title="别处", url=(
        "http://shop.example.com/p?utm_source=wx&id=5&spm=a.b&q=%E5%A5%B6"))
    assert other.record["url"] == "http://shop.example.com/p?id=5&q=%E5%A5%B6"  # as typed, only tracking gone
    assert other.record["url_verdict"] == "warn" and other.record["url_reasons"] == ["not_https", "unknown_domain"]
    nfc = services.deals.create(kind="group_buy", title="NFC", url="https://example.com/cafe\u0301").record
    assert nfc["url"] == "https://example.com/caf\u00e9"
    [listed] = [d for d in services.queries.deals() if d["id"] == str(made.entity_id)]
    assert listed["url_verdict"] == "ok" and listed["url_reasons"] == []


def test_a_dangerous_link_is_stored_with_its_verdict_and_edits_recompute_it(services: Services) -> None:
    deal = services.deals.create(kind="group_buy", title="可疑", url="https://mobile.yangkeduo.com@evil.com/x")
    assert deal.record["url"] == "https://mobile.yangkeduo.com@evil.com/x"
    assert deal.record["url_verdict"] == "danger" and deal.record["url_reasons"] == ["userinfo", "unknown_domain"]
    edited = services.deals.edit(str(deal.entity_id), url=PRODUCT).record
    assert edited["url_verdict"] == "ok" and edited["url_reasons"] == []
    cleared = services.deals.edit(str(deal.entity_id), url="").record
    assert cleared["url"] is None and cleared["url_verdict"] is None and cleared["url_reasons"] is None
    with pytest.raises(InvalidInput):
        services.deals.create(kind="group_buy", title="x", url="https://yang\u200bkeduo.com/")  # refused as today


def test_userinfo_and_backslash_links_key_as_the_real_host(services: Services) -> None:
    assert normalise_url("https://mobile.yangkeduo.com@evil.com/x").startswith("https://evil.com/")
    assert normalise_url("https://evil.com\\@mobile.yangkeduo.com/x") == "https://evil.com/@mobile.yangkeduo.com/x"
    assert normalise_url("https://ｊｄ.com/1.html") == normalise_url("https://jd.com/1.html")  # as a browser opens it
    services.deals.create(kind="group_buy", title="真", url="https://mobile.yangkeduo.com/x")
    services.deals.create(kind="group_buy", title="伪", url="https://evil.com\\@mobile.yangkeduo.com/x")
    services.deals.create(kind="group_buy", title="伪2", url="https://mobile.yangkeduo.com@evil.com/x")
    assert services.deals.duplicates() == []
    with pytest.raises(DuplicateDeal):
        services.deals.create(kind="group_buy", title="同", url="https://user@evil.com/x")


def test_a_deal_stored_before_links_were_checked_is_judged_when_read(services: Services, store: Store) -> None:
    deal = services.deals.create(kind="group_buy", title="旧", url="https://t.cn/abc").entity_id
    with store.write() as session:
        session.execute(update(Deal).where(Deal.id == deal).values(url_verdict=None, url_reasons=None))
    for listed in (services.queries.deals(), services.queries.deals(with_cuts=False)):
        [record] = listed
        assert record["url_verdict"] == "warn" and record["url_reasons"] == ["shortener"]
    with store.read() as session:
        assert session.get(Deal, deal).url_verdict is None  # judged, not written


def test_clean_link_keeps_the_text_the_user_recognises() -> None:
    assert clean_link("https://jd.com/x?sku=2&pvid=9&%E4%B8%AD=1") == "https://jd.com/x?sku=2"  # jd's keep-list
    assert clean_link("https://example.com/a?x=1&&from=wx&y=") == "https://example.com/a?x=1&y="
    assert clean_link("https://example.com/a?utm_source=x") == "https://example.com/a"
    # The host as IDNA maps it (the one a browser opens); the path and query as typed.
    assert clean_link("https://ｊｄ.com/?sku=1&pvid=2") == "https://jd.com/?sku=1"
    assert clean_link("https://уangkeduo.com/goods.html?goods_id=1") == "https://xn--angkeduo-wch.com/goods.html?goods_id=1"
    assert clean_link("https://u@ｊｄ.com/中文?sku=ｊｄ") == "https://u@jd.com/中文?sku=ｊｄ"
    assert clean_link("https://m.example.com/#/pages/goods?id=1&spm=2") == "https://m.example.com/#/pages/goods?id=1&spm=2"
    with pytest.raises(InvalidInput):
        clean_link("https://jd.com/\u200b")


def test_the_command_line_warns_of_a_dangerous_deal_link(tmp_path: Path) -> None:
    clock = FixedClock(START, SHANGHAI)
    argv = ["add", "deal", "--kind", "group_buy", "--title", "钓鱼", "--url", "https://evil.com\\@item.jd.com/1",
            "--data-dir", str(tmp_path / "d")]
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, clock=clock, out=out, err=err) == 0
    assert err.getvalue().count("\n") == 1 and "(backslash, unknown_domain)" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["add", "deal", "--kind", "group_buy", "--title", "好", "--url", PRODUCT, "--data-dir",
                 str(tmp_path / "d")], clock=clock, out=out, err=err) == 0
    assert err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert main(["list", "deals", "--json", "--data-dir", str(tmp_path / "d")], clock=clock, out=out, err=err) == 0
    verdicts = {d["title"]: (d["url_verdict"], d["url_reasons"]) for d in json.loads(out.getvalue())}
    assert verdicts == {"钓鱼": ("danger", ["backslash", "unknown_domain"]), "好": ("ok", [])}


def test_an_imported_deal_gets_its_verdict_from_the_check_not_from_the_file(
    services: Services, tmp_path: Path, clock: FixedClock,
) -> None:
    from app.exchange.export import export
    from app.exchange.importer import import_file
    from app.privacy.presets import BUILT_IN
    from app.services import open_services

    services.deals.create(kind="group_buy", title="伪", url="https://mobile.yangkeduo.com@evil.com/x")
    path = export(services, BUILT_IN["backup"], tmp_path / "backup.json").path
    text = path.read_text(encoding="utf-8")
    forged = text.replace('"url_verdict":"danger"', '"url_verdict":"ok"').replace(
        '"url_reasons":["userinfo","unknown_domain"]', '"url_reasons":[]')
    assert forged != text
    path.write_text(forged, encoding="utf-8")
    other = open_services(tmp_path / "other", clock)
    try:
        import_file(other, path)
        [deal] = other.queries.deals()
    finally:
        other.store.close()
    assert deal["url_verdict"] == "danger" and deal["url_reasons"] == ["userinfo", "unknown_domain"]


@pytest.mark.parametrize(("typed", "stored", "reason"), [
    ("https://ｍobile.yangkeduo.com/goods.html?goods_id=2", "https://mobile.yangkeduo.com/goods.html?goods_id=2",
     "confusable"),
    ("https://уangkeduo.com/goods.html?goods_id=3", "https://xn--angkeduo-wch.com/goods.html?goods_id=3", "lookalike"),
])
def test_a_disguised_host_is_stored_as_the_browser_reads_it_and_stays_dangerous(
    services: Services, tmp_path: Path, clock: FixedClock, typed: str, stored: str, reason: str,
) -> None:
    """IDNA maps a fullwidth 'ｍ' to 'm': the stored link is the official one a browser opens, but the verdict
    remembers the disguise, through an edit and through a backup's export and import."""
    from app.exchange.export import export
    from app.exchange.importer import import_file
    from app.privacy.presets import BUILT_IN
    from app.services import open_services

    deal = services.deals.create(kind="bargain", title="伪装", url=typed).record or {}
    assert deal["url"] == stored and deal["url_verdict"] == "danger" and reason in deal["url_reasons"]
    services.deals.edit("伪装", notes="改个备注")  # the link not edited: its verdict stays
    [row] = [d for d in services.queries.deals() if d["title"] == "伪装"]
    assert row["url_verdict"] == "danger" and reason in row["url_reasons"]
    path = export(services, BUILT_IN["backup"], tmp_path / "backup.json").path
    other = open_services(tmp_path / "other", clock)
    try:
        import_file(other, path)
        [imported] = other.queries.deals()
    finally:
        other.store.close()
    assert imported["url"] == stored and imported["url_verdict"] == "danger" and reason in imported["url_reasons"]


def test_a_file_cannot_vouch_for_a_link_nor_invent_a_reason() -> None:
    from app.privacy.links import worse_verdict

    assert worse_verdict("https://evil.com/", "ok", []) == ("warn", ["unknown_domain"])
    assert worse_verdict("https://item.jd.com/1.html", "danger", ["confusable"]) == ("danger", ["confusable"])
    assert worse_verdict("https://item.jd.com/1.html", "danger", ["<script>"]) == ("ok", [])
    assert worse_verdict("https://item.jd.com/1.html", "terrible", ["confusable"]) == ("ok", [])
    assert worse_verdict("https://item.jd.com/1.html", "danger", "confusable") == ("ok", [])


@pytest.mark.parametrize(("url", "stored"), [
    ("https://mobile.yangkeduo.com/pincard_ask.html?group_order_id=5555&refer_share_uin=abc",
     "https://mobile.yangkeduo.com/pincard_ask.html?group_order_id=5555"),
    ("https://mobile.yangkeduo.com/bargain_detail.html?bargain_id=888&share_uid=1",
     "https://mobile.yangkeduo.com/bargain_detail.html?bargain_id=888"),
    ("https://item.taobao.com/item.htm?id=600123&sku_id=42&spm=a1", "https://item.taobao.com/item.htm?id=600123&sku_id=42"),
    ("https://detail.tmall.com/item.htm?id=600124&skuId=43&spm=a1", "https://detail.tmall.com/item.htm?id=600124&skuId=43"),
])
def test_a_stored_link_keeps_what_names_the_deal(url: str, stored: str) -> None:
    """The review found a group order's and a bargain's id dropped: the stored link opened no deal at all, and
    another group order of the same page counted as a duplicate."""
    assert clean_link(url) == stored


def test_two_group_orders_of_one_page_are_two_deals(services: Services) -> None:
    services.deals.create(kind="group_buy", title="甲", url="https://mobile.yangkeduo.com/pincard_ask.html?group_order_id=1")
    services.deals.create(kind="group_buy", title="乙", url="https://mobile.yangkeduo.com/pincard_ask.html?group_order_id=2")
    assert len(services.queries.deals()) == 2
