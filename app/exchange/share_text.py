"""Share texts pasted from a chat (【拼多多】…¥12.9…帮我砍一刀… and a link): what deal or help they propose.

:func:`parse_share` reads one text and gives a :class:`Share`, or ``None`` for text that is no share (plain chat,
an empty text, a bare link to a site that is no shopping platform, fragments). No Qt, no database: the window's
paste, ``parse-share`` and ``import-chat`` all read through it.

How a text is read (docs/cli.md#parse-share has the rules for users):

- the links are found in the text as written (a link glued to Chinese text ends where the Chinese starts),
  normalised by :func:`app.privacy.links.clean_link` and judged on the text as typed (a look-alike stays
  ``danger``); the rest of the text is read after NFKC (fullwidth ￥１２.９ is ¥12.9);
- the kind comes from the words: 砍 / "cut the price" is a bargain, 拼团 / 拼单 / 参团 / "group buy" a group buy,
  助力 / 点一下 / "boost" a boost (in that order), or else from the link's path (…kanjia…, …group_order…);
- a text is a share only with a kind and some evidence of a real share: a shopping link (a platform's own domain,
  a link shortener, a disguised link), a 【platform】 header with a price, a count, a title or a Taobao code, or a
  price together with a count of people. Plain chat, a lone "帮我砍一刀", a lone price or a bare link are none;
- texts longer than :data:`TEXT_MAX` are no share (a chat message is never that long): no pattern runs on them.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from app.errors import InvalidInput
from app.i18n import translate
from app.privacy.links import OFFICIAL_FILE, clean_link, judge, typed_verdict
from app.resource_files import resource_path

ShareKind = Literal["bargain", "group_buy", "boost"]

TEXT_MAX = 10_000  # characters: longer text is no share
TITLE_MAX = 80
LINKS_MAX = 8  # links judged in one text (a share has one or two): the rest are only taken out of the text

# Platforms by their header 【…】 or their name in the text, and the platforms' own short-link domains.
_NAMES = {
    "拼多多": "pinduoduo", "pinduoduo": "pinduoduo", "pdd": "pinduoduo", "淘宝": "taobao", "手淘": "taobao",
    "taobao": "taobao", "天猫": "tmall", "tmall": "tmall", "京东": "jd", "jd": "jd", "美团": "meituan",
    "meituan": "meituan", "饿了么": "eleme", "ele.me": "eleme", "eleme": "eleme",
}
_SHORT_LINKS = {"tb.cn": "taobao", "3.cn": "jd", "dpurl.cn": "meituan"}
# A platform named in the text, the first one: Chinese names anywhere, English ones as words ("jd" and "pdd",
# too short to tell from a code, only in a header).
_NAMED = re.compile("|".join(
    re.escape(name) if not name.isascii() else rf"\b{re.escape(name)}\b"
    for name in sorted(_NAMES, key=len, reverse=True) if not name.isascii() or len(name) > 2))

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
# A link: the scheme, a host (any letters but white space and Chinese punctuation; Chinese characters only as a
# label followed by a dot, so 拼多多.com is a host and "…jd.com快来" ends at "jd.com"), then an ASCII path.
_URL = re.compile(
    rf"h\s?t\s?t\s?p\s?s?://(?:[{_CJK}]+[.\u3002]|[^\s/?#\\<>\"'{_CJK}{_CJK_PUNCT}])+(?:[/?#\\][!-~]*)?",
    re.IGNORECASE,
)
_URL_TRAIL = ".,;:!?)]}'\"*>"
_TAOBAO_CODE = re.compile(r"[¥$€₤¢]([A-Za-z0-9]{4,20})[¥$€₤¢]|\(\(([A-Za-z0-9]{4,20})\)\)")
_CODE_TAIL = re.compile(r"^\s?/?\s?[A-Z]{2}\d{4}\b")  # the channel mark after a Taobao code (/ CZ0001)
_HEADER = re.compile(r"[【\[]\s*([^【】\[\]\n]{1,12}?)\s*[】\]]")
_NUM = r"(\d{1,3}(?:,\d{3})+|\d{1,7})(?:\.(\d{1,2}))?"
# "0元购" (a bargain's name for "free") is no price.
_PRICE = re.compile(rf"(?:[¥$]|rmb|cny)\s?{_NUM}(?!\d)|(?<![\d.,]){_NUM}\s?(?:元(?!购)|块|yuan|rmb)", re.IGNORECASE)
# What a price is: the words just before it (up to 8 characters) say.
_NOW = re.compile(r"(已砍到|砍到了?|砍至|现价|仅需|只要|到手价?|券后价?|拼团价|拼单价|团购价|团价|拼购价|now|cut to|"
                  r"down to|group price|only|for)\s?[:：]?\s?$", re.IGNORECASE)
_LEFT = re.compile(r"(还差|仅差|只差|再砍|还剩|只剩|仅剩|差|left|to go)\s?[:：]?\s?$", re.IGNORECASE)
_LEFT_AFTER = re.compile(r"^\s?(left|to go|more to cut)", re.IGNORECASE)
_OLD = re.compile(
    r"(原价|单买价?|单独购买价?|市场价|划线价|日常价|专柜价|原|was|originally|retail|regular)\s?[:：]?\s?$",
    re.IGNORECASE,
)
_DIGITS = {"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NEEDED = re.compile(
    r"(?:还差|仅差|只差|就差|差|仅剩|还剩|只剩|剩|再邀|再拉|邀请|还需|再来)\s?(\d{1,4}|[一二两俩三四五六七八九十])\s?"
    r"(?:个人|人|位|个名额|名额|个位置|个好友|位好友|名好友|名)"
    r"|(\d{1,4})\s?more\s(?:people|persons?|friends?|members?|buyers?|spots?|places?)"
    r"|need\s(\d{1,4})\smore|(\d{1,4})\s(?:spots?|places?|seats?)\s(?:left|remaining)",
    re.IGNORECASE,
)
_BARGAIN = re.compile(r"砍|cut\s(?:the\s|my\s)?price|price\scut|cut\s(?:once|one|it)\b|cut\sfor\sme|bargain|kanjia",
                      re.IGNORECASE)
_GROUP = re.compile(r"拼团|拼单|参团|一起拼|成团|开团|团购|拼购|拼好饭|group[\s-]?buy|join\smy\sgroup|team\sup|pintuan",
                    re.IGNORECASE)
_BOOST = re.compile(r"助力|点一下|点一点|帮我点|帮忙点|戳一下|boost|help\sme\s(?:tap|click)", re.IGNORECASE)
_LINK_KINDS = (
    (re.compile(r"kanjia|bargain|cut_price", re.IGNORECASE), "bargain"),
    (re.compile(r"group_order|pintuan|group_buy|pindan", re.IGNORECASE), "group_buy"),
    (re.compile(r"assist|zhuli|boost|help_", re.IGNORECASE), "boost"),
)
# Words that are no part of a product's name: calls to action, the platforms' boilerplate, labels.
_NOISE = re.compile(
    r"帮我砍一刀|帮我砍一下|帮忙砍一刀|帮忙砍一下|砍一刀|帮我砍价|帮忙砍价|帮我助力一下|帮我助力|帮忙助力|助力一下|帮我点一下|点开就行|点开|就行|"
    r"帮忙点一下|帮我点一点|点一下|就差你了|就差你|快来|来帮我|求助力|求砍|拜托|谢谢|感谢|多谢|[帮]?我在|我正在|正在|我发现|发现了?一个好东西|"
    r"好东西|一起拼[单购]?|拼单|参团|拼团|成团|开团|团购价?|复制这条信息|复制整段话|复制本条消息|复制|整段|打开|"
    r"手机淘宝|手淘|淘宝|天猫|京东|拼多多|美团外卖|美团|饿了么|app|APP|点击链接|点击|链接|即可|查看|直接|进入|领取|领|免费拿|"
    r"免费|送你|红包|现金|已砍到|砍到了?|砍至|还差|仅剩|还剩|只差|差|个?名额|位好友|个?人|就能|即可|给你|朋友|好友|"
    r"一起|帮我|帮忙|我|你|吧|啊|呀|哦|了|的|用|在|去|看看|一下|现价|仅需|只要|到手价?|券后价?|拼团价|原价|单买价?|"
    r"help me cut the price|help me|cut the price|cut|bargain|join my group buy|join my group|group buy|"
    r"for only|only|for|needed|more people|more|people|please|thanks|thank you|boost|tap|click|link|here|"
    r"on pinduoduo|on taobao|on jd|pinduoduo|taobao|tmall|meituan|ele\.me|now|left|to go|I'm|I am|my",
    re.IGNORECASE,
)
# Calls to action at a piece's start (帮我砍一刀，… / Help me get …) and end (…就能免费拿).
_LEAD = re.compile(
    r"^(?:(?:帮我|帮忙|快来|来|我在|我正在|正在|我发现了?|发现了?|一起拼[单购]?|我想要|我想|想要|求|"
    r"(?:拼多多|淘宝|天猫|京东|美团|饿了么)上?|成团|参团|拼团|开团|拼购|砍价|"
    r"(?:砍|助力|拼|领取|领|免费拿|拿|抢|买|看看?)(?:一刀|一下)?)\s?[:：]?\s?"
    r"|(?:hi|hey|hello|all|everyone|guys|please|pls|(?:could|can|would) you(?: please)?|"
    r"help me (?:cut the price of|get|buy|bargain for)|join my group buy (?:of|for)|get|buy|the|this|my|a)"
    r"[\s,!]*(?:\s|$))+",
    re.IGNORECASE,
)
_TAIL = re.compile(r"(?:\s?(?:就能|即可|可以|免费拿|免费领|0元拿|领到|拿到|到手|了|啦|吧|哦|呀))+$")
_QUOTED = re.compile(r"[「“《『\"]([^」”》』\"\n]{2,80})[」”》』\"]")
_SPLIT = re.compile(r"[\n，。！？!?；;~～…|、,:：]+|\s{2,}|\s[-—]+\s")
# Price labels left at a piece's end once the price is out (…原价 / …is down to).
_LABEL_TAIL = re.compile(
    r"(?:\s?(?:已砍到|砍到了?|砍至|现价|仅需|只要|到手价?|券后价?|拼团价|拼单价|团购价|团价|拼购价|原价|单买价?|单独购买价?|市场价|划线价|"
    r"还差|只差|仅差)|(?:^|\s)(?:is|are|now|down to|cut to|only|for|was|originally|at|price|group price|left))+$",
    re.IGNORECASE,
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d\u2b00-\u2bff]")


@dataclass(frozen=True)
class Share:
    """What one share text proposes (``parse-share --json`` prints :meth:`as_json`; a contract)."""

    kind: ShareKind
    title: str
    url: str | None  # normalised (app.privacy.links.clean_link)
    price_fen: int | None  # the price now: a bargain's after the cuts so far, or what is left to cut; a group price
    needed: int | None  # people still needed (还差3人 → 3)
    platform: str | None  # pinduoduo, taobao, tmall, jd, meituan, eleme
    link_verdict: str | None  # app.privacy.links.judge: ok, warn, danger
    # The link as the text had it (not in as_json): a form fed with it judges it as typed, so a disguise that
    # normalising undid (ｍobile.yangkeduo.com) still shows as one.
    typed_url: str | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "typed_url"}


def fallback_title(kind: str, platform: str | None) -> str:
    """What to call a share that names no product ("帮我砍一刀，已砍到¥5.80" and a link): its platform and kind."""
    names = {"pinduoduo": translate("ShareText", "Pinduoduo"), "taobao": translate("ShareText", "Taobao"),
             "tmall": translate("ShareText", "Tmall"), "jd": translate("ShareText", "JD"),
             "meituan": translate("ShareText", "Meituan"), "eleme": translate("ShareText", "Ele.me")}
    name = names.get(platform or "")
    if kind == "group_buy":
        text = translate("ShareText", "{platform} group buy") if name else translate("ShareText", "A group buy")
    elif kind == "boost":
        text = translate("ShareText", "{platform} boost") if name else translate("ShareText", "A boost")
    else:
        text = translate("ShareText", "{platform} bargain") if name else translate("ShareText", "A bargain")
    return text.format(platform=name)


def deal_prices(kind: str, price_fen: int | None, needed: int | None) -> dict[str, int | None]:
    """The deal fields a share's price and count fill, the same from a paste and from a chat: a bargain's price is
    its price now; a group buy's or a boost's is the deal's price (the form's one price field for them), and the
    people still needed are the deal's."""
    bargain = kind == "bargain"
    return {"current_fen": price_fen if bargain else None, "original_fen": None if bargain else price_fen,
            "participants_needed": None if bargain else needed}


_SEVERITY = ("ok", "warn", "danger")


@dataclass(frozen=True)
class _Link:
    typed: str
    url: str | None  # None: the link is broken (clean_link refused it)
    verdict: str
    platform: str | None
    shopping: bool  # a platform's domain, a shortener, or a disguised link


@functools.cache
def _official() -> dict[str, str]:
    """Each official domain and its platform (resources/links/official_domains.toml)."""
    data = tomllib.loads(resource_path(*OFFICIAL_FILE).read_text(encoding="utf-8"))
    return {str(d).lower().strip("."): name for name, p in data["platforms"].items() for d in p["domains"]}


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    host = re.split(r"[/?#\\]", rest, maxsplit=1)[0].rpartition("@")[2].partition(":")[0]
    return host.lower().rstrip(".")


def _platform_of_host(host: str) -> str | None:
    for domains in (_official(), _SHORT_LINKS):
        for domain, platform in domains.items():
            if host == domain or host.endswith("." + domain):
                return platform
    return None


def _link(typed: str) -> _Link:
    typed = re.sub(r"^h\s?t\s?t\s?p\s?(s?)\s?://", lambda m: f"http{m.group(1)}://", typed, flags=re.IGNORECASE)
    try:
        url: str | None = clean_link(typed)
    except InvalidInput:
        url = None
    check = judge(typed)
    verdict = str(check.verdict)
    reasons = set(check.reasons)
    if url is not None:
        verdict = typed_verdict(typed, url)[0] or verdict
    platform = _platform_of_host(_host(url)) if url is not None and verdict != "danger" else None
    shopping = platform is not None or verdict == "danger" or "shortener" in reasons
    return _Link(typed, url, verdict, platform, shopping)


@functools.cache
def _bare_link() -> re.Pattern[str]:
    """A link written without its scheme (p.pinduoduo.com/aB3d, ele.me/s/Gq72, 3.cn/1Xq) on a platform's own
    domain or short-link domain: chat apps show these as links, and members paste them so."""
    domains = sorted({*_official(), *_SHORT_LINKS}, key=len, reverse=True)
    names = "|".join(re.escape(d) for d in domains)
    # More labels after the domain (yangkeduo.com.evil.cn) are kept: the link check then calls the look-alike so.
    return re.compile(rf"(?<![\w.@/-])(?:[a-z0-9-]+\.)*(?:{names})(?:\.[a-z0-9-]+)*(?:/[!-~]*)?(?![\w.-])",
                      re.IGNORECASE)


def _links(text: str) -> tuple[list[_Link], str]:
    """The links in ``text`` (with a scheme, then bare ones on the platforms' domains) and the text without them."""
    found: list[_Link] = []
    for match in _URL.finditer(text):
        if len(found) < LINKS_MAX:
            found.append(_link(match.group(0).rstrip(_URL_TRAIL)))
    text = _URL.sub(" ", text)
    for match in _bare_link().finditer(text):
        if len(found) < LINKS_MAX:
            found.append(_link("https://" + match.group(0).rstrip(_URL_TRAIL)))
    return found, _bare_link().sub(" ", text)


def _fen(whole: str, cents: str | None) -> int:
    return int(whole.replace(",", "")) * 100 + int((cents or "0").ljust(2, "0"))


def _price(text: str, kind: str) -> int | None:
    """The price the text says the item is at now (see :class:`Share`)."""
    now: list[int] = []
    left: list[int] = []
    plain: list[int] = []
    for match in _PRICE.finditer(text):
        whole, cents = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        fen = _fen(whole, cents)
        before = text[max(0, match.start() - 10):match.start()]
        after = text[match.end():match.end() + 14]
        if _NOW.search(before):
            now.append(fen)
        elif _LEFT.search(before) or _LEFT_AFTER.search(after):
            left.append(fen)
        elif not _OLD.search(before):
            plain.append(fen)
    if now:
        return now[-1] if kind == "bargain" else now[0]
    if left and kind == "bargain":
        return left[-1]
    if plain:
        return plain[0]
    return left[-1] if left else None


def _needed(text: str) -> int | None:
    for match in _NEEDED.finditer(text):
        number = next(g for g in match.groups() if g)
        value = _DIGITS.get(number) or int(number)
        if value > 0:
            return value
    return None


def _kind(text: str, links: list[_Link]) -> ShareKind | None:
    if _BARGAIN.search(text):
        return "bargain"
    if _GROUP.search(text):
        return "group_buy"
    if _BOOST.search(text):
        return "boost"
    for link in links:
        for pattern, kind in _LINK_KINDS:
            if link.shopping and pattern.search(link.typed.split("://", 1)[-1].partition("/")[2]):
                return kind  # type: ignore[return-value]
    return None


def _header_platform(text: str) -> tuple[str | None, bool]:
    """The platform the text names (its 【header】 first) and whether it has a platform header."""
    for match in _HEADER.finditer(text):
        platform = _NAMES.get(match.group(1).strip().lower())
        if platform is not None:
            return platform, True
    found = _NAMED.search(text.lower())
    return (_NAMES[found.group(0)] if found else None), False


def _title(text: str) -> str:
    """The product's name: a quoted name, else the longest piece left once calls to action, prices and
    boilerplate are out."""
    text = _HEADER.sub(" ", text)
    quoted = _QUOTED.search(text)
    if quoted is not None and not _NOISE.fullmatch(quoted.group(1).strip()):
        return _trim(quoted.group(1))
    text = _EMOJI.sub(" ", text)
    text = _NEEDED.sub(" ", text)
    text = _PRICE.sub(" ", text)
    best = ""
    for piece in _SPLIT.split(text):
        piece = piece.strip(" \t-—:：,.()（）[]【】")
        rest = _NOISE.sub("", piece)
        if len(re.sub(r"[\W_]", "", rest)) < 2:
            continue
        score = len(re.sub(r"[\W_]", "", rest))
        if score > len(re.sub(r"[\W_]", "", _NOISE.sub("", best))):
            best = piece
    return _trim(_strip_calls(best))


def _strip_calls(piece: str) -> str:
    """A piece without the calls to action at its start or end (帮我砍一刀，… / …就能免费拿)."""
    piece = _LEAD.sub("", piece.strip())
    piece = _LABEL_TAIL.sub("", _TAIL.sub("", piece))
    piece = re.sub(r"\s(?:on|at|from)\s(?:pinduoduo|taobao|tmall|jd|meituan|ele\.me)$", "", piece, flags=re.IGNORECASE)
    piece = re.sub(r"^(?:一个|这个|这款|个)", "", piece)
    return piece.strip(" \t-—:：,.，。!！?？")


def _trim(title: str) -> str:
    # Invisible format characters (a right-to-left override that shows "exe.jpg" as "gpj.exe", zero widths) out.
    title = "".join(c for c in title if unicodedata.category(c) != "Cf")
    title = re.sub(r"\s+", " ", title).strip()
    return title if len(title) <= TITLE_MAX else title[:TITLE_MAX - 1].rstrip() + "…"


def parse_share(text: str) -> Share | None:
    """The share ``text`` proposes, or ``None`` when it is no share (module docstring: the rules)."""
    if not isinstance(text, str) or not text.strip() or len(text) > TEXT_MAX:
        return None
    if not (_BARGAIN.search(text) or _GROUP.search(text) or _BOOST.search(text) or _URL.search(text)):
        return None  # most chat: no word of a share and no link (the quick way out for a whole chat export)
    links, rest = _links(text)
    rest = unicodedata.normalize("NFKC", rest)
    codes = [m for m in _TAOBAO_CODE.finditer(rest) if re.search("[A-Za-z]", m.group(1) or m.group(2) or "")]
    for match in reversed(codes):
        rest = rest[:match.start()] + " " + _CODE_TAIL.sub("", rest[match.end():])
    kind = _kind(rest, links)
    if kind is None:
        return None
    named, has_header = _header_platform(rest)
    link = next((item for item in links if item.shopping), links[0] if links else None)
    # The share is as safe as its worst link: a look-alike second link must not hide behind a good first one.
    verdict = max((item.verdict for item in links), key=_SEVERITY.index, default=None)
    price = _price(rest, kind)
    needed = _needed(rest) if kind != "bargain" or re.search("人|people|friend", rest) else None
    title = _title(rest)
    evidence = (
        (link is not None and (link.shopping or has_header))
        or (has_header and bool(price is not None or needed is not None or title or codes))
        or bool(codes)
        or (price is not None and needed is not None)
    )
    if not evidence:
        return None
    return Share(
        kind=kind, title=title, url=link.url if link else None, price_fen=price, needed=needed,
        platform=(link.platform if link else None) or named, link_verdict=verdict,
        typed_url=link.typed if link else None,
    )
