"""Opening a deal's link in the browser: only a web link, and only after the user has read it and said yes.

A link pasted from a group chat can lead anywhere, so the window never opens one on a click alone: it names the
whole link and its domain (the punycode form too, when the domain is written in other letters, so a lookalike
shows), and opens it with :func:`QDesktopServices.openUrl` only when the user chose Open (Enter and Escape both
mean Cancel). A link that is not http or https is never handed to the system at all. The question is awaited
(:func:`app.ui.dialogs.ask`), never ``exec()``-ed inside a coroutine.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs import ask, tell
from app.ui.parts import translate

Role = QMessageBox.ButtonRole
Formatting = QUrl.ComponentFormattingOption

WEB_SCHEMES = ("http", "https")
LINE = 60  # a long link is shown over lines this long: a message box does not wrap a word


def web_url(text: str) -> QUrl | None:
    """``text`` as a web link with a host; None when it is anything else (``file:``, ``javascript:``, no host)."""
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in WEB_SCHEMES or not url.host():
        return None
    return url


def domain_text(url: QUrl) -> str:
    """The link's domain as the user reads it, with its punycode form when that differs (``例子.com (xn--…)``)."""
    shown = url.host(Formatting.FullyDecoded)
    encoded = url.host(Formatting.FullyEncoded)
    return shown if shown == encoded else f"{shown} ({encoded})"


def wrapped(text: str, width: int = LINE) -> str:
    """A long link over lines of at most ``width`` characters, each broken after a ``/ ? & =`` where one is near."""
    lines = []
    while len(text) > width:
        cut = max(text.rfind(mark, width // 2, width) for mark in "/?&=")
        cut = width if cut < 0 else cut + 1
        lines.append(text[:cut])
        text = text[cut:]
    lines.append(text)
    return "\n".join(lines)


async def open_link(parent: QWidget | None, text: str) -> bool:
    """Ask before opening ``text`` in the browser; True when it was handed to the system to open."""
    link = text.strip()
    url = web_url(link)
    if url is None:
        refused = translate("Links", "Only web links (starting with http:// or https://) can be opened:")
        await tell(parent, translate("Links", "Not a web link"), refused + "\n\n" + wrapped(link))
        return False
    domain = translate("Links", "Domain: {domain}").format(domain=domain_text(url))
    answer = await ask(
        parent, translate("Links", "Open link?"),
        translate("Links", "Open in your browser?") + "\n\n" + wrapped(link) + "\n\n" + domain,
        [(True, translate("Links", "&Open"), Role.AcceptRole), (False, translate("Links", "&Cancel"), Role.RejectRole)],
        default=False, escape=False,
    )
    if answer is not True:
        return False
    if not QDesktopServices.openUrl(url):
        await tell(parent, translate("Links", "Link not opened"), translate("Links", "No browser could open the link."))
        return False
    return True
