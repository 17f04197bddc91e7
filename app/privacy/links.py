"""Product links: validation, normalisation (the key that finds the same product logged twice) and safety.

:func:`judge` checks a link offline and gives a :class:`LinkCheck`: a verdict (``ok``, ``warn``, ``danger``) and
the reason codes of :data:`REASONS` (docs/safety.md).
"""

from __future__ import annotations

import contextlib
import enum
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, unquote_plus, urlencode, urlsplit, urlunsplit

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import INPUT_SLACK, URL_MAX
from app.resource_files import resource_path
from app.text import code_point, offending, shown

if TYPE_CHECKING:
    from tldextract import TLDExtract

# Query parameters that track who shared a link or where it was clicked; they never name the product.
TRACKING_PARAMS = frozenset(
    {
        "spm", "scm", "pvid", "share_from", "share_uid", "share_crt_v", "sharer", "shareid", "share_token",
        "sourcetype", "source", "src", "from", "fromsource", "ut_sk", "sp_tk", "tk", "ttid", "suid", "un",
        "share_medium", "refer", "referer", "referrer", "ref", "cpsid", "union_lens", "xcx_source",
        "_wv", "_wvx", "bxsign", "tbsharesource", "wxshare", "isappinstalled", "nsukey", "chksm", "mpshare",
        "scene", "clicktime", "enterid", "sessionid", "timestamp", "t", "_t", "fbclid", "gclid",
        "msclkid", "yclid", "mc_cid", "mc_eid", "refer_page_name", "refer_page_id", "refer_page_sn",
        "_x_share_id", "share_uin", "_oc_refer", "launch_type",
    }
)
TRACKING_PREFIXES = ("utm_", "share_", "_wx", "refer_")


class Verdict(enum.StrEnum):
    ok = "ok"
    warn = "warn"
    danger = "danger"


# The reason codes a verdict gives, as strings (``links check --json`` prints them; a contract).
REASONS = (
    "userinfo", "backslash", "punycode", "mixed_scripts", "confusable", "zero_width", "suffix_spoof", "lookalike",
    "shortener", "ip_host", "not_https", "bad_scheme", "unknown_domain",
)


@dataclass(frozen=True)
class LinkCheck:
    """What the offline check says of one link: its verdict and why (reason codes, most serious first)."""

    url: str
    verdict: Verdict
    reasons: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"url": self.url, "verdict": str(self.verdict), "reasons": list(self.reasons)}


# -- the offline check ---------------------------------------------------------------------------------------

# The reason codes that make a link dangerous; the others ask for care (``warn``).
DANGER = frozenset(
    {"userinfo", "backslash", "punycode", "mixed_scripts", "confusable", "zero_width", "suffix_spoof", "lookalike",
     "bad_scheme"}
)
_ORDER = {code: (code not in DANGER, index) for index, code in enumerate(REASONS)}  # dangerous ones first

OFFICIAL_FILE = ("links", "official_domains.toml")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Blank fillers and joiners a host can hold that are not in the categories the input rules refuse.
_BLANKS = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_DOTS = re.compile("[.\u3002\uff0e\uff61]")  # what IDNA reads as a label separator
# Characters and pairs that read alike in an ASCII name, for the look-alike skeleton.
_LOOKS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"), ("3", "e"), ("5", "s"),
          ("-", ""), ("_", ""))


@dataclass(frozen=True)
class Domains:
    """The data file ``resources/links/official_domains.toml`` (docs/safety.md#link-safety)."""

    official: tuple[str, ...]  # the platforms' domains: each one and its subdomains are official
    shorteners: tuple[str, ...]
    names: tuple[str, ...]  # the official domains' registrable names (yangkeduo, taobao, jd…): look-alikes' models
    spellings: tuple[str, ...]  # other names of the platforms (拼多多): a host holding one imitates it


@functools.cache
def domains() -> Domains:
    """The official domains and shorteners, read once from the data file."""
    data = tomllib.loads(resource_path(*OFFICIAL_FILE).read_text(encoding="utf-8"))
    platforms = data["platforms"].values()
    official = tuple(str(d).lower().strip(".") for p in platforms for d in p["domains"])
    return Domains(
        official=official,
        shorteners=tuple(str(d).lower().strip(".") for d in data["shorteners"]["domains"]),
        names=tuple(dict.fromkeys(d.split(".")[0] for d in official)),  # registrable domains: the first label
        spellings=tuple(str(n).lower() for p in platforms for n in p.get("names", ())),
    )


@functools.cache
def _extractor() -> TLDExtract:
    """tldextract on its bundled public suffix list: never the network, no cache folder."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _extract(host: str) -> tuple[str, str, str]:
    """(subdomain, registrable name, public suffix) of an ASCII host: ``item.jd.com`` is item, jd, com."""
    parts = _extractor()(host)
    return parts.subdomain, parts.domain, parts.suffix


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@dataclass(frozen=True)
class _Url:
    """An http(s) link split the way a browser splits it (the WHATWG URL standard's special schemes)."""

    scheme: str
    userinfo: str | None
    host: str
    port: str
    path: str
    query: str | None
    fragment: str | None
    backslash: bool  # before the query: read as "/", so where the host ends is not where it seems


def _parse(text: str) -> _Url | None:
    """The parts of ``text`` as a browser reads them; None without a scheme.

    Unlike :func:`urllib.parse.urlsplit`, a backslash ends the host (``https://evil.com\\@jd.com/`` goes to
    evil.com) and any number of slashes may follow the scheme.
    """
    match = _SCHEME.match(text)
    if match is None:
        return None
    rest, hash_, fragment = text[match.end():].partition("#")
    rest, mark, query = rest.partition("?")
    backslash = "\\" in rest
    authority, slash, path = rest.replace("\\", "/").lstrip("/").partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("[") and "]" in hostport:
        close = hostport.index("]") + 1
        host, port = hostport[:close], hostport[close:].removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    return _Url(
        scheme=match.group(1).lower(), userinfo=userinfo if at else None, host=host, port=port, path=slash + path,
        query=query if mark else None, fragment=fragment if hash_ else None, backslash=backslash,
    )


def _ascii_host(host: str) -> str:
    """The host a browser looks up: percent-decoded, mapped to ASCII by IDNA (UTS 46), lower case, no final dot."""
    text = unquote(host)
    if not text.isascii():
        import idna

        try:
            text = idna.encode(text, uts46=True, transitional=False).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            text = unicodedata.normalize("NFKC", text)
    return text.lower().rstrip(".")


def _unicode_label(label: str) -> str:
    """A label as a person reads it: ``xn--…`` decoded (left as it is when it is not valid punycode)."""
    if label.startswith("xn--"):
        with contextlib.suppress(UnicodeError, ValueError):
            return label[4:].encode("ascii").decode("punycode")
    return label


def _homoglyphs() -> dict[str, list[dict[str, str]]]:
    from confusable_homoglyphs.confusables import confusables_data  # type: ignore[import-untyped]

    table: dict[str, list[dict[str, str]]] = confusables_data
    return table


def _confusable(char: str) -> bool:
    """A non-ASCII character that reads as an ASCII one: a compatibility form (fullwidth ｊ, ligature ﬁ) or a
    homoglyph of another script (Cyrillic у, Greek ο)."""
    if unicodedata.normalize("NFKC", char) != char:
        return True
    return any(glyph["c"].isascii() for glyph in _homoglyphs().get(char, ()))


def _mixed_scripts(label: str) -> bool:
    from confusable_homoglyphs.categories import unique_aliases  # type: ignore[import-untyped]

    return len(set(unique_aliases(label)) - {"COMMON", "INHERITED"}) > 1


@functools.lru_cache(maxsize=4096)
def skeleton(label: str) -> str:
    """What a name looks like: ASCII look-alikes for other scripts' letters, then 0→o, 1→l, rn→m and such."""
    chars = []
    for char in unicodedata.normalize("NFKC", label).lower():
        if not char.isascii():
            char = next((g["c"].lower() for g in _homoglyphs().get(char, ()) if g["c"].isascii()), char)
        chars.append(char)
    text = "".join(chars)
    for seen, read in _LOOKS:
        text = text.replace(seen, read)
    return text


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment): ``pinduodou`` is 1 from ``pinduoduo``."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _is_ip(host: str) -> bool:
    """A host a browser reads as an IP address: IPv6 in brackets, or IPv4 in any form it takes (192.168.1.1,
    3232235777, 0xC0A80101, 0300.0250.1.1): the WHATWG rule is a last label that is a number."""
    if host.startswith("["):
        return True
    last = host.removesuffix(".").rpartition(".")[2]
    return bool(re.fullmatch(r"[0-9]+|0x[0-9a-f]*", last))


def _suffix_spoof(host: str) -> bool:
    """An official domain (or its dot written as a hyphen) at the start of a label and more after it:
    ``mobile.yangkeduo.com.evil.cn``, ``pinduoduo.com-login.xyz``, ``yangkeduo-com.top``."""
    return bool(_spoof_pattern().search(host))


@functools.cache
def _spoof_pattern() -> re.Pattern[str]:
    written = {w for domain in domains().official for w in (domain, domain.replace(".", "-"))}
    names = "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
    return re.compile(rf"(?:^|[.\-])(?:{names})(?=[.\-])")


def _lookalike(labels: list[str], registrable: int) -> bool:
    """A label imitates a platform: it holds one of its names, reads the same (skeleton), is a hyphenated
    variant (``jd-com``), or the registrable name is a small edit away from one (``yangkeduoo``).

    Short names (jd, ele) only match whole: an edit distance on them would flag half the web."""
    known = domains()
    for index, label in enumerate(labels):
        if any(name in label for name in known.spellings):
            return True
        seen = skeleton(label)
        tokens = label.split("-")
        for name in known.names:
            model = skeleton(name)
            if seen == model or (len(name) >= 5 and model in seen) or (len(tokens) > 1 and name in tokens):
                return True
            if index == registrable and len(name) >= 5 and seen:
                limit = 2 if len(name) >= 8 else 1
                if (abs(len(seen) - len(model)) <= limit and (limit == 2 or seen[0] == model[0])
                        and _distance(seen, model) <= limit):
                    return True
    return False


def _host_reasons(host: str) -> set[str]:
    """The reasons the host of an http(s) link gives (as written: percent-encoded, non-ASCII…)."""
    reasons = set()
    if "%" in host:
        reasons.add("confusable")  # a percent-encoded host hides its letters from the reader
    written = unquote(host)
    if _BLANKS.search(written):
        reasons.add("zero_width")
        written = _BLANKS.sub("", written)
    if not written.strip("[].\u3002\uff0e\uff61"):
        return reasons | {"bad_scheme"}
    if _is_ip(written.lower()):
        return reasons | {"ip_host"}
    shown = [_unicode_label(label) for label in _DOTS.split(written.lower())]
    if any(label.startswith("xn--") for label in _DOTS.split(written.lower())):
        reasons.add("punycode")
    foreign = not all(label.isascii() for label in shown)
    if foreign:
        if any(_mixed_scripts(label) for label in shown):
            reasons.add("mixed_scripts")
        if any(_confusable(char) for label in shown for char in label if not char.isascii()):
            reasons.add("confusable")
    if any(char in "\u3002\uff0e\uff61" for char in written):
        reasons.add("confusable")  # a full-width or ideographic dot (jd.com。evil.cn): IDNA reads it as "."
    ascii_host = _ascii_host(written)
    if _is_ip(ascii_host):
        return reasons | {"ip_host"}
    known = domains()
    if any(_under(ascii_host, domain) for domain in known.official):
        pass
    elif any(_under(ascii_host, domain) for domain in known.shorteners):
        reasons.add("shortener")
    else:
        labels = [_unicode_label(label) for label in ascii_host.split(".")]
        suffix = _extract(ascii_host)[2]
        kept = len(labels) - (len(suffix.split(".")) if suffix else 0)
        if _suffix_spoof(ascii_host):
            reasons.add("suffix_spoof")
        if _lookalike([unicodedata.normalize("NFKC", label) for label in labels[:kept]], kept - 1):
            reasons.add("lookalike")
        if not reasons & {"suffix_spoof", "lookalike"}:
            reasons.add("unknown_domain")
    if foreign and not reasons:
        reasons.add("unknown_domain")  # a host written in another script is never ok
    return reasons


def _check(url: str, reasons: set[str]) -> LinkCheck:
    ordered = tuple(sorted(reasons, key=_ORDER.__getitem__))
    verdict = Verdict.danger if reasons & DANGER else Verdict.warn if reasons else Verdict.ok
    return LinkCheck(url, verdict, ordered)


@functools.lru_cache(maxsize=1024)
def _judge_cached(url: str) -> LinkCheck:
    """:func:`_judge` keeping its last answers: a list of deals is judged again on each read."""
    return _judge(url)


def _judge(url: str) -> LinkCheck:
    if len(url) > URL_MAX * INPUT_SLACK:  # not even read
        return LinkCheck(url, Verdict.danger, ("bad_scheme",))
    reasons: set[str] = set()
    text = url.strip()
    hidden = set(offending(text)) | {index for index, char in enumerate(text) if char.isspace()}
    if hidden:
        reasons.add("zero_width")  # what a browser drops or a reader cannot see: the link is not what it shows
        text = "".join(char for index, char in enumerate(text) if index not in hidden)
    if len(text) > URL_MAX:
        reasons.add("bad_scheme")
    parsed = _parse(text)
    if parsed is None or parsed.scheme not in ("http", "https"):
        return _check(url, reasons | {"bad_scheme"})
    try:
        check_url(url)
    except InvalidInput:
        if not reasons:
            reasons.add("bad_scheme")  # no host, a bad port: not a link the app takes
    if parsed.userinfo is not None:
        reasons.add("userinfo")
    if parsed.backslash:
        reasons.add("backslash")
    if parsed.scheme == "http":
        reasons.add("not_https")
    return _check(url, reasons | _host_reasons(parsed.host))


def judge(url: str) -> LinkCheck:
    """Check ``url`` offline (never raises: what the input rules would refuse is ``danger``).

    Official https links are ``ok``; official ones over http, shorteners, IP hosts and other domains ``warn``;
    anything that hides where the link goes (user info, a backslash, look-alike or invisible characters, an
    official name in front of another domain, a scheme other than http/https) ``danger``. docs/safety.md has the
    rules.
    """
    if not isinstance(url, str):
        return LinkCheck("", Verdict.danger, ("bad_scheme",))
    try:
        return _judge_cached(url) if len(url) <= URL_MAX else _judge(url)  # no long text kept in memory
    except Exception:  # a bug here must not stop the user pasting a link: the link is then not trusted
        return LinkCheck(url, Verdict.danger, ("bad_scheme",))


def stored_verdict(url: str | None) -> tuple[str | None, list[str] | None]:
    """A deal's ``url_verdict`` and ``url_reasons`` for its link (both None without one)."""
    if not url:
        return None, None
    check = judge(url)
    return str(check.verdict), list(check.reasons)


def reason_text(code: str) -> str:
    """One reason code as a sentence for the user."""
    texts = {
        "userinfo": translate("links", "A name and '@' stand before the address: the link opens what comes after "
                                       "the '@'."),
        "backslash": translate("links", "It holds a backslash (\\), which a browser reads as '/': it opens "
                                        "another site than it seems to."),
        "punycode": translate("links", "The address is written in punycode (xn--…), which can hide look-alike "
                                       "letters."),
        "mixed_scripts": translate("links", "The address mixes alphabets, such as Latin and Cyrillic letters."),
        "confusable": translate("links", "The address uses characters that look like others (full-width or "
                                         "foreign letters)."),
        "zero_width": translate("links", "It holds spaces or invisible characters."),
        "suffix_spoof": translate("links", "A platform's name is followed by another domain, which is where the "
                                           "link goes."),
        "lookalike": translate("links", "The address imitates a shopping platform's but is not one of its "
                                        "domains."),
        "shortener": translate("links", "A short link: where it leads is hidden until it is opened."),
        "ip_host": translate("links", "It goes to a bare IP address, not a named site."),
        "not_https": translate("links", "Not encrypted (http, not https)."),
        "bad_scheme": translate("links", "Not a web link the app takes (only http and https links, with an "
                                         "address, at most 2,000 characters)."),
        "unknown_domain": translate("links", "Not one of the shopping platforms' official domains."),
    }
    return texts.get(code, code)


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _too_long(length: int) -> InvalidInput:
    return InvalidInput(
        translate("validation", "The link is too long ({length} characters; at most {max}).").format(
            length=length, max=URL_MAX
        ),
        "url",
    )


def check_url(url: str) -> str:
    """Return the link trimmed, or raise :class:`InvalidInput` when it is not an http(s) link with a host.

    White space, control, bidi and zero-width characters inside are refused: ``urlsplit`` would silently drop
    a tab or newline, and the stored link would not be the one shown.
    """
    if not isinstance(url, str):
        raise InvalidInput(translate("validation", "A link must be text."), "url")
    if len(url) > URL_MAX * INPUT_SLACK:
        raise _too_long(len(url))
    text = url.strip()
    end = len(text)
    index = min(next(offending(text), end), next((i for i, char in enumerate(text) if char.isspace()), end))
    if index < end:
        raise InvalidInput(
            translate(
                "validation",
                "The link contains a space or an invisible character ({code}) at character {position}; copy it again.",
            ).format(code=code_point(text[index]), position=index + 1),
            "url",
        )
    if len(text) > URL_MAX:
        raise _too_long(len(text))
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        host, parts = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or " " in text:
        raise InvalidInput(
            translate("validation", "'{value}' is not a web link (it should start with https://).").format(
                value=shown(url, 200)
            ),
            "url",
        )
    return text


def strip_tracking(url: str) -> str:
    """The link without tracking and referral parameters (for sharing)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


# Parameters a stored deal link keeps besides the product's (kept_params.toml): they name the deal itself — the
# group order one joins, the bargain one cuts, the variant chosen — so without them the link opens another deal.
# A share preset's generalised link still drops them (they tie the link to whoever started the group or bargain).
DEAL_PARAMS = frozenset({"group_order_id", "bargain_id", "sku_id", "skuid", "sku"})


def _keep_list(host: str) -> frozenset[str] | None:
    """The parameters a link on ``host`` keeps (app/privacy/kept_params.toml), None for a domain not listed."""
    from app.privacy.redact import kept_params

    return next((params for domain, params in kept_params().items() if _under(host, domain)), None)


def clean_link(url: str) -> str:
    """A deal's link as it is stored: checked (:func:`check_url` refuses what it refuses), NFC, and without the
    sharer's tracking: where the domain has a keep-list (app/privacy/kept_params.toml) only the parameters it
    names stay, elsewhere those of :data:`TRACKING_PARAMS` go. A host written in other letters is stored as IDNA
    maps it, the host a browser opens (``ｍobile.yangkeduo.com`` as ``mobile.yangkeduo.com``, a Cyrillic look-alike
    as its ``xn--`` form); the rest stays as typed (the query not re-encoded), so the user recognises the link. Its
    verdict is taken from the text as typed (:func:`typed_verdict`): the disguise is remembered.
    """
    text = _idna_host(unicodedata.normalize("NFC", check_url(url)))
    if len(text) > URL_MAX:
        raise _too_long(len(text))
    parsed = _parse(text)
    keep = _keep_list(_ascii_host(parsed.host)) if parsed is not None else None
    if keep is not None:
        keep |= DEAL_PARAMS
    head, hash_, fragment = text.partition("#")
    base, mark, query = head.partition("?")
    if not mark:
        return text

    def kept(piece: str) -> bool:
        key = unquote_plus(piece.partition("=")[0])
        return key.lower() in keep if keep is not None else not _is_tracking(key)

    pieces = [piece for piece in query.split("&") if piece and kept(piece)]
    return base + ("?" + "&".join(pieces) if pieces else "") + hash_ + fragment


def _idna_host(text: str) -> str:
    """``text`` with a host written in other letters replaced by its IDNA (UTS 46) ASCII form, when it has one."""
    parsed, match = _parse(text), _SCHEME.match(text)
    if parsed is None or match is None or parsed.host.isascii():
        return text
    mapped = _ascii_host(parsed.host)
    if not mapped.isascii():
        return text
    start = match.end()
    while start < len(text) and text[start] in "/\\":
        start += 1
    end = min((i for i in (text.find(c, start) for c in "/\\?#") if i >= 0), default=len(text))
    at = text.rfind("@", start, end)
    host_start = at + 1 if at >= 0 else start
    if not text.startswith(parsed.host, host_start):
        return text
    return text[:host_start] + mapped + text[host_start + len(parsed.host):]


def typed_verdict(typed: str | None, stored: str | None) -> tuple[str | None, list[str] | None]:
    """The verdict kept with a stored link: the worse of the link as typed and as stored (with both reasons), so a
    link typed in look-alike letters stays ``danger`` after its host was mapped to ASCII."""
    if not typed or not stored or typed == stored:
        return stored_verdict(stored)
    first = judge(typed)
    return worse_verdict(stored, str(first.verdict), list(first.reasons))


def worse_verdict(stored: str | None, verdict: object, reasons: object) -> tuple[str | None, list[str] | None]:
    """The stored link's own verdict, made worse by an earlier one (``verdict``, ``reasons``: the link as typed,
    or what an imported file says) but never better: a file cannot vouch for a link. An earlier verdict that is
    not one of ours (an unknown word or reason code) is ignored."""
    own, own_reasons = stored_verdict(stored)
    if own is None or verdict not in set(Verdict) or not isinstance(reasons, list):
        return own, own_reasons
    if not all(isinstance(code, str) and code in REASONS for code in reasons):
        return own, own_reasons
    order = [Verdict.ok, Verdict.warn, Verdict.danger]
    worst = max(Verdict(str(verdict)), Verdict(own), key=order.index)
    merged = {*reasons, *(own_reasons or [])}
    ranked = sorted(merged, key=lambda code: (code not in DANGER, REASONS.index(code)))
    return str(worst), ranked if worst != Verdict.ok else []


def normalise_url(url: str) -> str:
    """A key equal for the same product however it was shared.

    Lowercases scheme and host, drops ``www.``, default ports, user info, fragments, tracking parameters and
    a trailing slash, and sorts what is left of the query. ``http`` and ``https`` count as the same. The host is
    the one a browser opens (after a user name and '@', before a backslash; IDNA-mapped to ASCII), so a link
    that only shows an official name never counts as that product.
    """
    parsed = _parse(check_url(url))
    assert parsed is not None  # check_url took it: it has a scheme
    host = _ascii_host(parsed.host).strip("[]")
    host = host.removeprefix("www.").removeprefix("m.")
    port = int(parsed.port) if parsed.port.isdigit() else parsed.port or None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parsed.path.rstrip("/") or ""
    query = sorted(
        (k, v) for k, v in parse_qsl(parsed.query or "", keep_blank_values=True) if not _is_tracking(k)
    )
    # Hash-routed shop pages (``#/pages/goods?id=1``) name the product in the fragment: keep those.
    fragment = parsed.fragment or ""
    fragment = fragment if fragment.startswith("/") or "?" in fragment else ""
    return urlunsplit(("https", netloc, path, urlencode(query), fragment))
