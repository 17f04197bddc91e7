"""Product links: validation, normalisation (the key that finds the same product logged twice) and safety.

:func:`judge` checks a link offline and gives a :class:`LinkCheck`: a verdict (``ok``, ``warn``, ``danger``) and
the reason codes of :data:`REASONS` (docs/safety.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import INPUT_SLACK, URL_MAX
from app.text import code_point, offending, shown

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


def judge(url: str) -> LinkCheck:
    """Check ``url`` offline (never raises: what the input rules would refuse is ``danger``)."""
    try:
        check_url(url)
    except InvalidInput:
        return LinkCheck(url, Verdict.danger, ("bad_scheme",))
    return LinkCheck(url, Verdict.warn, ("unknown_domain",))


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


def normalise_url(url: str) -> str:
    """A key equal for the same product however it was shared.

    Lowercases scheme and host, drops ``www.``, default ports, user info, fragments, tracking parameters and
    a trailing slash, and sorts what is left of the query. ``http`` and ``https`` count as the same.
    """
    parts = urlsplit(check_url(url))
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.").removeprefix("m.")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path.rstrip("/") or ""
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    # Hash-routed shop pages (``#/pages/goods?id=1``) name the product in the fragment: keep those.
    fragment = parts.fragment if parts.fragment.startswith("/") or "?" in parts.fragment else ""
    return urlunsplit(("https", netloc, path, urlencode(query), fragment))
