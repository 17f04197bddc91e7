"""Links in the window: the offline check's verdict under a link field, and opening a link only after asking.

A link pasted from a group chat can lead anywhere. :class:`LinkVerdict` is the line under a link field that says
what :func:`app.privacy.links.judge` makes of it as the user types or pastes: a green check for an official
shopping platform's link, an amber "Caution" or a red "Danger" with the reasons in plain words
(:mod:`app.privacy.link_words`), each said in words, not by its colour alone.

The window never opens a link on a click alone (:func:`open_link`): it names the whole link and its domain (the
punycode form too, when the domain is written in other letters). An ``ok`` link opens when the user chose Open;
any other asks again with the verdict and its reasons (a danger's in red), Cancel being the default and what Enter
and Escape mean, and offers to flag the link; a link that is not http or https, or that the check finds a
``bad_scheme``, is never handed to the system at all. The questions are awaited (:func:`app.ui.dialogs.ask`), never
``exec()``-ed inside a coroutine.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.privacy.link_words import reasons_text, verdict_text
from app.privacy.links import LinkCheck, Verdict, judge
from app.ui.dialogs import ask, tell
from app.ui.parts import translate
from app.ui.theme import colour_hex

if TYPE_CHECKING:
    from app.ui.context import PageContext

Role = QMessageBox.ButtonRole
Icon = QMessageBox.Icon
Formatting = QUrl.ComponentFormattingOption
Flagger = Callable[[], Awaitable[object]]  # flags the link being asked about (through the page's context)

MARKS = {Verdict.ok: "✓", Verdict.warn: "⚠", Verdict.danger: "✕"}
COLOURS = {Verdict.ok: "positive", Verdict.warn: "caution", Verdict.danger: "negative"}
OPEN, FLAG, CANCEL = "open", "flag", "cancel"

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


def verdict_line(check: LinkCheck) -> str:
    """The verdict as one line of plain text: its mark, its word, then its reasons ("⚠ Caution: …")."""
    mark, heading = MARKS.get(check.verdict, "•"), verdict_text(check.verdict)
    if check.verdict == Verdict.ok or not check.reasons:
        return f"{mark} {heading}"
    return translate("Links", "{mark} {verdict}: {reasons}").format(
        mark=mark, verdict=heading, reasons=sentences(reasons_text(check.reasons)))


def sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space after an English one, none after a Chinese full stop."""
    text = ""
    for part in parts:
        text += part if not text or text.endswith(("。", "！", "？")) else " " + part
    return text


class LinkVerdict(QLabel):
    """The line under a link field: what the offline check says of the text in it, updated as it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkVerdict")
        self.setWordWrap(True)
        self.setAccessibleName(translate("Links", "Link check"))
        self.check: LinkCheck | None = None
        self.hide()

    def show_link(self, text: str) -> LinkCheck | None:
        """Judge ``text`` and say the verdict; hidden (and None) for an empty field."""
        link = text.strip()
        self.check = judge(link) if link else None
        if self.check is None:
            self.clear()
            self.setStyleSheet("")
            self.hide()
            return None
        line = verdict_line(self.check)
        self.setText(line)
        self.setAccessibleDescription(line)
        self.setToolTip(line)
        self.setStyleSheet(f"color: {colour_hex(COLOURS[self.check.verdict])};")  # the theme swaps the shade
        self.show()
        self._fit()
        return self.check

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as its wrapped lines: a word-wrapped label in a form row is otherwise given one or two lines'
        height and its reasons are cut off (seen in the deal form at 1366 × 768 in Chinese)."""
        needed = self.heightForWidth(max(self.width(), 1))
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def _verdict_html(check: LinkCheck) -> str:
    """The verdict and its reasons for a question's informative text: the heading in the verdict's colour, a
    danger's reasons in red too, each reason on its own line (escaped: the words are ours, but never markup)."""
    colour = colour_hex(COLOURS[check.verdict])
    heading = html.escape(f"{MARKS[check.verdict]} {verdict_text(check.verdict)}", quote=False)
    reasons = "".join(f"<br>• {html.escape(line, quote=False)}" for line in reasons_text(check.reasons))
    if check.verdict == Verdict.danger:
        return f'<span style="color:{colour}"><b>{heading}</b>{reasons}</span>'
    return f'<span style="color:{colour}"><b>{heading}</b></span>{reasons}'


async def open_link(parent: QWidget | None, text: str, flag: Flagger | None = None) -> bool:
    """Ask before opening ``text`` in the browser; True when it was handed to the system to open.

    ``flag``: offered in the question about a link that is not ``ok`` ("Flag this link"), and run when chosen.
    """
    link = text.strip()
    check = judge(link)
    url = web_url(link)
    flag_button = [(FLAG, translate("Links", "&Flag this link"), Role.ActionRole)] if flag is not None else []
    if url is None or "bad_scheme" in check.reasons:
        refused = translate("Links", "Only web links (starting with http:// or https://) can be opened:")
        answer = await ask(parent, translate("Links", "Not a web link"), refused + "\n\n" + wrapped(link),
                           [*flag_button, (CANCEL, translate("Dialogs", "OK"), Role.AcceptRole)],
                           icon=Icon.Critical, default=CANCEL, escape=CANCEL, informative=_verdict_html(check),
                           rich_informative=True)
        if answer == FLAG and flag is not None:
            await flag()
        return False
    domain = translate("Links", "Domain: {domain}").format(domain=domain_text(url))
    cancel = (CANCEL, translate("Links", "&Cancel"), Role.RejectRole)
    if check.verdict == Verdict.ok:
        answer = await ask(
            parent, translate("Links", "Open link?"),
            translate("Links", "Open in your browser?") + "\n\n" + wrapped(link) + "\n\n" + domain,
            [(OPEN, translate("Links", "&Open"), Role.AcceptRole), cancel], default=CANCEL, escape=CANCEL,
        )
    else:
        danger = check.verdict == Verdict.danger
        title = translate("Links", "Dangerous link") if danger else translate("Links", "Open link?")
        question = (translate("Links", "This link looks dangerous. Open it anyway?") if danger else
                    translate("Links", "This link may not be what it seems. Open it anyway?"))
        answer = await ask(
            parent, title, question + "\n\n" + wrapped(link) + "\n\n" + domain,
            [(OPEN, translate("Links", "Open &anyway"), Role.AcceptRole), *flag_button, cancel],
            icon=Icon.Critical if danger else Icon.Warning, default=CANCEL, escape=CANCEL,
            informative=_verdict_html(check), rich_informative=True,
        )
    if answer == FLAG and flag is not None:
        await flag()
        return False
    if answer != OPEN:
        return False
    if not QDesktopServices.openUrl(url):
        await tell(parent, translate("Links", "Link not opened"), translate("Links", "No browser could open the link."))
        return False
    return True


async def flag_link(parent: QWidget, ctx: PageContext, url: str, deal: str | None = None) -> bool:
    """Record ``url`` (of ``deal``) as suspicious through the services, and say so in a toast with what the game
    gave for it; False when the write was refused (and told)."""
    from app.ui.toast import Toast

    window = parent.window()
    toast = Toast(window, ctx)  # the write's initiator: the window's news leaves what it earned to this toast
    result: Any = await ctx.write(ctx.services.links.flag, url, deal=deal, parent=parent, initiator=toast)
    if result is None:
        toast.dismiss()
        return False
    for old in window.findChildren(Toast):
        if old is not toast and not old.closed:
            old.dismiss()
    toast.set_content(translate("Links", "Link flagged: your history keeps it."), toast.game_lines(ctx, result.game),
                      art=toast.art_for(ctx, result.game))
    toast.popup()
    return True
