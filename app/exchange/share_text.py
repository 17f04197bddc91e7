"""Share texts pasted from a chat (【拼多多】…¥12.9…帮我砍一刀… and a link): what deal or help they propose.

:func:`parse_share` reads one text and gives a :class:`Share`, or ``None`` for text that is no share (plain chat,
an empty text, a bare link to a site that is no shopping platform, fragments). No Qt, no database: the window's
paste, ``parse-share`` and ``import-chat`` all read through it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

ShareKind = Literal["bargain", "group_buy", "boost"]

_URL = re.compile(r"https?://[^\s\u3000<>\"'，。！？】]+", re.IGNORECASE)
_PRICE = re.compile(r"[¥￥]\s*(\d+(?:\.\d{1,2})?)")


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

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def parse_share(text: str) -> Share | None:
    """The share ``text`` proposes, or ``None`` when it is no share. (A first cut: the parser is being written.)"""
    if "砍" not in text or not _URL.search(text):
        return None
    price = _PRICE.search(text)
    url = _URL.search(text)
    return Share(
        kind="bargain", title=text.split("http")[0].strip()[:80], url=url.group(0) if url else None,
        price_fen=round(float(price.group(1)) * 100) if price else None, needed=None, platform=None,
        link_verdict=None,
    )
