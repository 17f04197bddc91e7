"""Pasting a share text (Ctrl+V on Today, or in the quick log): a deal or a help proposed, never saved unasked.

A share copied from a group chat (【拼多多】…帮我砍一刀…¥5.80 and a link; a 拼团 invitation; a 助力 request) is read
by :func:`app.exchange.share_text.parse_share`. On Today, Ctrl+V (when no text field has the focus) opens the Deals
page on a new deal filled from it (kind, title, link with its verdict, price, people needed) for the user to check
and save; a 助力 request opens the quick log instead, on a boost click with the product and link as its note. The
quick log's "Paste share" button (and Ctrl+V in its note when the clipboard holds a share) fills it the same way.
Text that is no share changes nothing: the status bar (or the quick log's hint) says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from app.exchange.share_text import Share, deal_prices, parse_share
from app.limits import NOTE_MAX
from app.privacy.links import judge
from app.ui.parts import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The quick log's kind of help for each kind of share: what the user does for it.
HELP_KINDS = {"bargain": "bargain_cut", "group_buy": "join_group", "boost": "boost_click"}


def clipboard_share() -> Share | None:
    """The share the clipboard's text proposes, or None (no text, or text that is no share)."""
    clipboard = QGuiApplication.clipboard()
    return parse_share(clipboard.text()) if clipboard is not None else None


def no_share_text() -> str:
    return translate("PasteShare", "No share found in the clipboard.")


def form_link(share: Share) -> str:
    """The link a form gets: the normalised one, unless normalising undid a disguise (a fullwidth or look-alike
    letter in the host, judged worse as typed): then the link as typed, so the form's check shows the danger and
    the services store the verdict of the text as typed, as for a link typed by hand."""
    if share.url is None:
        return ""  # broken: nothing a form would take
    if share.typed_url and str(judge(share.url).verdict) != share.link_verdict:
        return share.typed_url
    return share.url


def share_note(share: Share) -> str:
    """The share in a help's note: the product and the link (the note's limit kept)."""
    note = " ".join(part for part in (share.title, form_link(share)) if part)
    return note[:NOTE_MAX]


def deal_fields(share: Share) -> dict[str, Any]:
    """A new deal's form as the share fills it: the price is a bargain's price now, else the deal's price."""
    return {
        "kind": share.kind,
        "title": share.title,
        "url": form_link(share) or None,
        **deal_prices(share.kind, share.price_fen, share.needed),
        "mine": False,  # a share in a chat is someone's deal, joined or helped
    }


def fill_deal_form(page: Any, share: Share) -> bool:
    """Start a new deal on the Deals ``page`` filled from ``share``, unsaved (its Save waits for the user). False,
    changing nothing, when the form holds unsaved edits of its own."""
    if getattr(page, "_dirty", False):
        return False
    page.on_new_clicked()
    fields = deal_fields(share)
    page.kind_combo.setCurrentIndex(max(page.kind_combo.findData(fields["kind"]), 0))
    page.title_edit.setText(fields["title"])
    page.url_edit.setText(fields["url"] or "")
    page.url_edit.setCursorPosition(0)
    page.mine_check.setChecked(False)
    for edit, key in ((page.current_edit, "current_fen"), (page.original_edit, "original_fen")):
        if fields[key] is not None:
            edit.setText(f"{fields[key] // 100}.{fields[key] % 100:02d}")
    if fields["participants_needed"]:
        page.needed_spin.setValue(int(fields["participants_needed"]))
    page.on_form_edited()  # a proposal is an edit: saved only by the user's Save
    target = page.title_edit if not fields["title"] else page.original_edit
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def deal_status(share: Share) -> str:
    """What the status bar says once a share filled the deal form."""
    if share.url is None and share.link_verdict is not None:
        return translate("PasteShare", "Share read, but its link is broken and was left out: check the new deal "
                                       "and save it.")
    return translate("PasteShare", "Share read: check the new deal and save it.")


def paste_action(parent: QWidget, handler: Any) -> QAction:
    """Ctrl+V anywhere in ``parent``'s window (a text field with the focus takes its own Ctrl+V first): also with
    the focus on the sidebar, where it is after a click on Today."""
    action = QAction(translate("PasteShare", "Paste share text"), parent)
    action.setShortcut(QKeySequence.StandardKey.Paste)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(handler)
    parent.addAction(action)
    return action


class SharePaste:
    """Ctrl+V in the window outside a text field (on Today, the sidebar, a list): the controller's window, deals
    page and quick log put to a pasted share's use."""

    def __init__(self, controller: Any) -> None:
        self.controller = controller
        self.window = controller.window
        self.action = paste_action(self.window, self.on_paste)

    def on_paste(self) -> None:
        share = clipboard_share()
        if share is None:
            self.window.show_status(no_share_text())
        elif share.kind == "boost":
            self.controller.runner.spawn(self.controller.open_quick_log(share), name="quick log from share")
        else:
            self.propose_deal(share)

    def propose_deal(self, share: Share) -> bool:
        page = self.window.page("deals_page")
        self.window.show_page(page)
        if not fill_deal_form(page, share):
            self.window.show_status(translate("PasteShare", "The deal form holds unsaved changes: save or discard "
                                                            "them, then paste the share again."), 8000)
            return False
        self.window.show_status(deal_status(share), 8000)
        return True
