"""The share-text parser's edges (app/exchange/share_text.py): limits, hostile text, what each field holds."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from app.exchange.share_text import TEXT_MAX, TITLE_MAX, parse_share
from app.main import main

BARGAIN = "【拼多多】帮我砍一刀，已砍到¥5.80 https://mobile.yangkeduo.com/bargain.html?goods_id=1 婴儿湿巾"


def test_a_share_as_json_has_the_contracts_keys_and_values() -> None:
    share = parse_share(BARGAIN)
    assert share is not None
    assert share.as_json() == {
        "kind": "bargain", "title": "婴儿湿巾", "url": "https://mobile.yangkeduo.com/bargain.html?goods_id=1",
        "price_fen": 580, "needed": None, "platform": "pinduoduo", "link_verdict": "ok",
    }


@pytest.mark.parametrize("text", ["", " ", "\n\n", "砍", "¥", "https://", "【】", "帮我砍一刀 ¥5"])
def test_fragments_are_no_share(text: str) -> None:
    assert parse_share(text) is None


def test_text_over_the_cap_is_no_share_even_when_it_holds_one() -> None:
    assert parse_share(BARGAIN + " " * (TEXT_MAX - len(BARGAIN) - 1)) is not None
    assert parse_share(BARGAIN + " " * (TEXT_MAX - len(BARGAIN) + 1)) is None


@pytest.mark.parametrize("piece", ["https://" + "a." * 40, "¥1," * 30, "还差" * 50, "【" * 30 + "拼多多",
                                   "http://x" + "%" * 50, "砍" + "1,000," * 40, "砍 ht tp://a", "hi, 砍 a ",
                                   "还差1人拼团"])
def test_hostile_text_of_a_megabyte_returns(piece: str) -> None:
    """No pattern backtracks badly: a megabyte of repeated tricky pieces is refused at once, and the same pieces
    filling the whole allowed length are read to the end (no timing: the test simply returns)."""
    assert parse_share(piece * (1_000_000 // len(piece))) is None
    parse_share((piece * (TEXT_MAX // len(piece)))[:TEXT_MAX])


def test_random_text_never_raises() -> None:
    rng = random.Random(14)
    alphabet = "砍拼团助力人差还剩¥￥$元.,:/【】 \nhttps://jd.com0123456789abcXYZ（）！？\u200b\u202e"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        share = parse_share(text)
        if share is not None:
            assert share.kind in ("bargain", "group_buy", "boost")
            assert len(share.title) <= TITLE_MAX
            assert share.price_fen is None or share.price_fen >= 0


def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    share = parse_share("【拼多多】帮我砍一刀 " + "超长商品名称" * 30 + " https://mobile.yangkeduo.com/bargain.html")
    assert share is not None
    assert len(share.title) == TITLE_MAX and share.title.endswith("…")


def test_a_taobao_code_is_no_price_but_a_price_beside_it_is() -> None:
    share = parse_share("【淘宝】帮我砍一刀 ￥12ab34CD￥ 电饭煲")
    assert share is not None and share.price_fen is None and share.title == "电饭煲"
    share = parse_share("【淘宝】帮我砍一刀 ￥12ab34CD￥ 电饭煲 还差￥１２")
    assert share is not None and share.price_fen == 1200


def test_a_disguised_link_keeps_its_danger_and_claims_no_platform_of_its_own() -> None:
    share = parse_share("帮我砍一刀 保温杯 已砍到¥3 https://jd.com@evil.example/x")
    assert share is not None
    assert share.link_verdict == "danger" and share.platform is None  # the link's "jd.com" is a disguise
    plain = parse_share("帮我砍一刀 保温杯 已砍到¥3 https://evil.example/x")
    assert plain is None  # an unknown site and no platform header: a link to some other site


def test_the_first_shopping_link_wins_over_other_links() -> None:
    share = parse_share("看攻略 https://www.zhihu.com/p/1 再帮我砍一刀 https://item.jd.com/9.html 台灯")
    assert share is not None and share.url == "https://item.jd.com/9.html" and share.platform == "jd"


def test_a_group_count_is_read_in_chinese_numerals_and_english() -> None:
    share = parse_share("【拼多多】拼团还差两人 毛巾 https://mobile.yangkeduo.com/goods.html?goods_id=3")
    assert share is not None and share.needed == 2
    share = parse_share("Join my group buy on JD: 4 spots left https://item.jd.com/1.html")
    assert share is not None and share.needed == 4 and share.kind == "group_buy"


# -- parse-share on the command line ------------------------------------------------------------------------------


def _run(argv: list[str], tmp_path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--data-dir", str(tmp_path / "data")], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_parse_share_json_prints_the_contract_and_touches_no_data_folder(tmp_path: Path) -> None:
    code, out, err = _run(["parse-share", BARGAIN, "--json"], tmp_path)
    assert (code, err) == (0, "")
    assert json.loads(out) == parse_share(BARGAIN).as_json()  # type: ignore[union-attr]
    assert not (tmp_path / "data").exists()


def test_parse_share_prints_an_empty_object_for_no_share(tmp_path: Path) -> None:
    assert _run(["parse-share", "晚上吃什么", "--json"], tmp_path) == (0, "{}\n", "")


def test_parse_share_reads_standard_input_with_its_line_breaks(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("【拼多多】拼团价¥29.9\n还差2人\n维达抽纸\n"
                                                 "https://mobile.yangkeduo.com/goods.html?goods_id=4\n"))
    code, out, _ = _run(["parse-share", "-", "--json"], tmp_path)
    assert code == 0
    assert json.loads(out) | {"title": None} == {
        "kind": "group_buy", "title": None, "url": "https://mobile.yangkeduo.com/goods.html?goods_id=4",
        "price_fen": 2990, "needed": 2, "platform": "pinduoduo", "link_verdict": "ok",
    }
    assert json.loads(out)["title"] == "维达抽纸"


def test_parse_share_refuses_too_long_a_text_plainly(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BARGAIN * 1000))
    code, out, err = _run(["parse-share", "-"], tmp_path)
    assert code == 2 and out == "" and "too long" in err and "Traceback" not in err


def test_parse_share_for_a_person_in_chinese(tmp_path: Path) -> None:
    code, out, _ = _run(["parse-share", BARGAIN, "--lang", "zh_CN"], tmp_path)
    assert code == 0
    assert "¥5.80" in out and "婴儿湿巾" in out and "https://mobile.yangkeduo.com/bargain.html?goods_id=1" in out
    code, out, _ = _run(["parse-share", "hello"], tmp_path)
    assert code == 0 and out == "No share found in this text.\n"


def test_parse_share_imports_neither_qt_nor_pil_nor_alembic() -> None:
    from tests.test_startup import _probe

    probe = _probe(["parse-share", BARGAIN, "--json"], ["parse-share", BARGAIN])
    assert probe == {"codes": [0, 0], "heavy": []}


def test_the_verdict_is_the_worst_of_the_shares_links() -> None:
    """Found by the review: a look-alike second link hid behind a good first one, and a bare look-alike (no
    scheme) was proposed with no verdict at all."""
    two = parse_share("帮我砍一刀 https://mobile.yangkeduo.com/x https://mobile.yangkedou.com/y")
    assert two is not None and two.url == "https://mobile.yangkeduo.com/x" and two.link_verdict == "danger"
    bare = parse_share("【拼多多】帮我砍一刀 已砍到¥5.80 yangkeduo.com.evil.cn/x")
    assert bare is not None and bare.link_verdict == "danger" and bare.url == "https://yangkeduo.com.evil.cn/x"


def test_invisible_format_characters_stay_out_of_the_title() -> None:
    share = parse_share("【拼多多】帮我砍一刀 已砍到¥5.80 https://mobile.yangkeduo.com/ 保温\u200b杯 \u202egpj.exe")
    assert share is not None
    assert not any(c in share.title for c in "\u200b\u202e") and "保温杯" in share.title
