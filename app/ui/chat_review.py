"""File ▸ Import chat…: an exported group chat read off the UI thread, then a review queue of what it proposes.

The queue is a non-modal dialog: each proposal is accepted (Enter or A), edited in the quick log first (E), or
skipped (S or Delete); Accept all logs the rest. Nothing is logged without an accept, and the chat itself is never
kept: closing the queue forgets what was not accepted.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.ui.dialogs import choose_file, tell
from app.ui.format import count_text, money
from app.ui.progress import run_with_progress

if TYPE_CHECKING:
    from app.exchange.chat_import import ChatRead, Proposal
    from app.services import Services
    from app.ui.context import PageContext

BATCH = 25  # proposals logged per write by Accept all: the queue shrinks as it goes, other writes go between


def group_names(services: Services) -> list[str]:
    """The names of the groups a chat may be logged in (not archived), for the queue's choice."""
    return [str(g["name"]) for g in services.queries.groups(include_archived=False)]


async def import_chat(parent: QWidget, ctx: PageContext, path: Path | None = None, *,
                      cancel_after: int | None = None) -> ChatReviewDialog | None:
    """Choose a chat export (unless ``path``), read it behind a progress dialog, show its review queue."""
    from app.services import chat

    if path is None:
        path = await choose_file(parent, Q.translate("ChatReviewDialog", "Import a chat"), Path.home(),
                                 [Q.translate("ChatReviewDialog", "Chat exports (*.csv *.txt)"),
                                  Q.translate("ChatReviewDialog", "All files (*)")], save=False)
        if path is None:
            return None
    groups = await ctx.read(group_names, ctx.services)
    if not groups:
        await tell(parent, Q.translate("ChatReviewDialog", "No group yet"),
                   Q.translate("ChatReviewDialog", "Add the chat's group on the Groups page first: what the chat "
                                                   "proposes is logged in one of your groups."))
        return None
    services, source = ctx.services, path
    try:
        done, found = await run_with_progress(
            ctx, parent, lambda report: chat.read(services, source, progress=lambda n, _t: report(n, 0)),
            total=0, cancel_after=cancel_after, title=Q.translate("ChatReviewDialog", "Import chat"),
            label=Q.translate("ChatReviewDialog", "Reading {file}…").format(file=path.name))
    except InvalidInput as exc:
        await tell(parent, Q.translate("ChatReviewDialog", "Cannot import this chat"), exc.message,
                   informative=Q.translate("ChatReviewDialog", "Only a WeChatMsg CSV export or a QQ text export "
                                                               "can be read. Nothing was changed."))
        return None
    if not done or not shiboken6.isValid(parent):
        return None
    dialog = ChatReviewDialog(ctx, path.name, found, groups, parent)
    dialog.show()
    return dialog


class ChatReviewDialog(QDialog):
    """The proposals of one chat, one row each: accept, edit, skip, all with keys."""

    def __init__(self, ctx: PageContext, file_name: str, found: ChatRead, groups: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.found = found
        self.proposals: list[Proposal] = list(found.proposals)
        self.logged_count = 0
        self.busy = False
        self.task: asyncio.Task[Any] | None = None
        self.editor: QDialog | None = None
        self.setWindowTitle(self.tr("Review the chat: {file}").format(file=file_name))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed, the proposals not accepted are forgotten
        self._build(file_name, groups)
        self._fill()

    def _build(self, file_name: str, groups: list[str]) -> None:
        self.summary_label = QLabel(self.tr("{file}: {messages} messages, {count} proposals. Nothing is logged until "
                                            "you accept it; the chat itself is not kept.").format(
            file=file_name, messages=count_text(self.found.messages), count=count_text(len(self.proposals))))
        self.summary_label.setWordWrap(True)
        self.left_out_label = QLabel(self.left_out_text())
        self.left_out_label.setObjectName("leftOut")
        self.left_out_label.setWordWrap(True)
        self.left_out_label.setVisible(bool(self.left_out_label.text()))
        self.group_combo = QComboBox()
        self.group_combo.addItems(groups)
        self.group_combo.setAccessibleName(self.tr("Group"))
        if self.found.chat_name in groups:
            self.group_combo.setCurrentText(self.found.chat_name)
        group_label = QLabel(self.tr("Log &in group:"))
        group_label.setBuddy(self.group_combo)
        group_row = QHBoxLayout()
        group_row.addWidget(group_label)
        group_row.addWidget(self.group_combo, 1)

        self.view = QTreeWidget()
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Proposals"))
        self.view.setHeaderLabels([self.tr("Time"), self.tr("Kind"), self.tr("Contact"), self.tr("Title"),
                                   self.tr("Price"), self.tr("Link")])
        header = self.view.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 2, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.accept_button = QPushButton(self.tr("&Accept"))
        self.accept_button.setToolTip(self.tr("Log the selected proposal (Enter or A)"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Change it in the quick log before it is logged (E)"))
        self.skip_button = QPushButton(self.tr("&Skip"))
        self.skip_button.setToolTip(self.tr("Leave it out: nothing is logged (S or Delete)"))
        self.accept_all_button = QPushButton(self.tr("Accept a&ll"))
        self.close_button = QPushButton(self.tr("Close"))
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)  # until there is something to say: no empty line above the buttons
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.edit_button, self.skip_button, self.accept_all_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.left_out_label)
        layout.addLayout(group_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(900, 560)

        self.accept_button.clicked.connect(self.on_accept)
        self.edit_button.clicked.connect(self.on_edit)
        self.skip_button.clicked.connect(self.on_skip)
        self.accept_all_button.clicked.connect(self.on_accept_all)
        self.close_button.clicked.connect(self.close)
        keys = [(Qt.Key.Key_Return, self.on_accept), (Qt.Key.Key_Enter, self.on_accept), (Qt.Key.Key_A, self.on_accept),
                (Qt.Key.Key_E, self.on_edit), (Qt.Key.Key_S, self.on_skip), (Qt.Key.Key_Delete, self.on_skip)]
        self.shortcuts = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    def showEvent(self, event: QShowEvent) -> None:
        """The list has the keys (A, E, S): it takes the focus, not the group's box (a letter there picks another
        group, and the entries would go to it)."""
        super().showEvent(event)
        self.view.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def say(self, text: str) -> None:
        """The line under the list: what was just done."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def left_out_text(self) -> str:
        """How many shares were left out, and why (empty when none were)."""
        parts = []
        if self.found.too_old == 1:
            parts.append(self.tr("One share was left out as too old: an entry may not be more than a year before "
                                 "you began using Pintuan Quest."))
        elif self.found.too_old:
            parts.append(self.tr("{count} shares were left out as too old: an entry may not be more than a year "
                                 "before you began using Pintuan Quest.").format(count=count_text(self.found.too_old)))
        if self.found.future == 1:
            parts.append(self.tr("One share dated in the future was left out."))
        elif self.found.future:
            parts.append(self.tr("{count} shares dated in the future were left out.").format(
                count=count_text(self.found.future)))
        return "\n".join(parts)

    def kind_text(self, proposal: Proposal) -> str:
        return {"request": self.tr("You asked"), "help": self.tr("Help asked of you"),
                "deal": self.tr("Group buy")}[proposal.kind]

    def _fill(self) -> None:
        tz = self.ctx.services.clock.tz
        verdicts = {"ok": self.tr("OK"), "warn": self.tr("Check it"), "danger": self.tr("Dangerous")}
        self.view.clear()
        for proposal in self.proposals:
            item = QTreeWidgetItem([
                proposal.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), self.kind_text(proposal),
                proposal.contact or self.tr("You"), proposal.shown_title, money(proposal.price_fen),
                verdicts.get(proposal.link_verdict or "", "—")])
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(3, proposal.url or proposal.shown_title)
            self.view.addTopLevelItem(item)
        if self.proposals:
            self._select(0)
        self._update()

    def _select(self, index: int) -> None:
        item = self.view.topLevelItem(index)
        if item is not None:
            self.view.setCurrentItem(item)

    def _update(self) -> None:
        has = bool(self.proposals) and not self.busy
        for button in (self.accept_button, self.edit_button, self.skip_button, self.accept_all_button):
            button.setEnabled(has)
        self.group_combo.setEnabled(not self.busy)
        if not self.proposals and not self.busy:
            self.say(self.tr("Done: {count} logged from this chat.").format(
                count=count_text(self.logged_count)))

    def current(self) -> int | None:
        """The index of the selected proposal, None when there is none."""
        item = self.view.currentItem()
        index = self.view.indexOfTopLevelItem(item) if item is not None else -1
        return index if 0 <= index < len(self.proposals) else None

    def group(self) -> str:
        return self.group_combo.currentText()

    def remove(self, index: int) -> None:
        """Take the proposal at ``index`` out of the queue; the next one is selected."""
        del self.proposals[index]
        self.view.takeTopLevelItem(index)
        if self.proposals:
            self._select(min(index, len(self.proposals) - 1))
        self._update()

    # -- actions ---------------------------------------------------------------------------------------

    def on_accept(self) -> None:
        if not self.busy and self.current() is not None:
            self.task = self.ctx.runner.spawn(self.accept_current(), name="accept proposal")

    def on_skip(self) -> None:
        index = self.current()
        if not self.busy and index is not None:
            self.remove(index)

    def on_accept_all(self) -> None:
        if not self.busy and self.proposals:
            self.task = self.ctx.runner.spawn(self.accept_all(), name="accept all proposals")

    async def accept_current(self) -> bool:
        """Log the selected proposal; True when it was logged (a refusal is told, and the proposal stays)."""
        from app.services import chat

        index = self.current()
        if index is None:
            return False
        proposal = self.proposals[index]
        self.busy = True
        self._update()
        try:
            result = await self.ctx.write(chat.accept, self.ctx.services, proposal, self.group(), parent=self)
        finally:
            self.busy = False
        if not shiboken6.isValid(self):
            return False
        if result is not None and proposal in self.proposals:
            self.logged_count += 1
            self.remove(self.proposals.index(proposal))
            self.say(self.tr("Logged: {title}").format(title=proposal.shown_title))
        self._update()
        return result is not None

    async def accept_all(self) -> int:
        """Log every proposal left, a batch per write; the queue shrinks as it goes. Returns how many were logged."""
        from app.services import chat

        services, group = self.ctx.services, self.group()
        self.busy = True
        self._update()
        logged = 0
        pending = list(self.proposals)
        kept: list[tuple[Proposal, str]] = []  # refused by the services: they stay in the queue
        try:
            for start in range(0, len(pending), BATCH):
                batch = pending[start:start + BATCH]
                refused: list[tuple[Proposal, str]] = []
                try:
                    done, _versions = await self.ctx.run_write(
                        lambda b=batch, r=refused: chat.accept_all(services, b, group, refused=r))
                except Exception as exc:  # told by the window's reporter; the rest stays in the queue
                    await self.ctx.reporter.report(exc, "accept chat", parent=self)
                    break
                logged += done["accepted"]
                if not shiboken6.isValid(self):
                    break
                self.logged_count += done["accepted"]
                kept += refused
                stay = {p.source_line for p, _ in refused}
                for proposal in batch:
                    if proposal.source_line not in stay and proposal in self.proposals:
                        index = self.proposals.index(proposal)
                        del self.proposals[index]
                        self.view.takeTopLevelItem(index)
                left = count_text(len(pending) - start - len(batch))
                self.say(self.tr("Logging… {count} left").format(count=left))
        finally:
            if logged:
                self.ctx.announce(None, self)  # many entries: every page reads again
            if shiboken6.isValid(self):
                self.busy = False
                if self.proposals:
                    self._select(0)
                self._update()
                if kept:
                    self.say(self.tr("{count} could not be logged and stay in the list; the "
                                                      "first: {why}").format(count=count_text(len(kept)),
                                                                             why=kept[0][1]))
        return logged

    def on_edit(self) -> None:
        index = self.current()
        if self.busy or index is None:
            return
        proposal = self.proposals[index]
        if proposal.kind == "deal":
            self.edit_deal(index)
            return
        self.editor = self.edit_in_quick_log(proposal)

    def edit_in_quick_log(self, proposal: Proposal) -> QDialog:
        """The quick log, filled with what the proposal says; saving it takes the proposal out of the queue."""
        from app.ui.quick_log import QuickLogDialog
        from app.ui.quick_log_write import GIVEN, REQUEST

        dialog = QuickLogDialog(self.ctx, None, self)
        dialog.set_what(REQUEST if proposal.kind == "request" else GIVEN)
        dialog._select_kind({"boost": "boost_click", "group_buy": "join_group"}.get(proposal.share_kind,
                                                                                   "bargain_cut"))
        dialog.contact_edit.setText(proposal.contact or "")
        dialog.group_edit.setText(self.group())
        dialog.note_edit.setText(proposal.shown_title)

        def saved(_result: object) -> None:
            if shiboken6.isValid(self) and proposal in self.proposals:
                self.logged_count += 1
                self.remove(self.proposals.index(proposal))

        dialog.saved.connect(saved)
        dialog.open()  # showing it sets the time to now: the message's time after
        dialog._set_when(proposal.at)
        dialog._when_touched = True  # logged at the message's time
        dialog.draft.changed()
        return dialog

    def edit_deal(self, index: int) -> None:
        """A group buy goes to the Deals page's form, filled in; it is logged when saved there."""
        proposal = self.proposals[index]
        window = self.parent()
        page = getattr(window, "deals_page", None) if window is not None else None
        if page is None:
            return
        window.show_page(page)
        page.on_new_clicked()
        page.title_edit.setText(proposal.shown_title)
        page.url_edit.setText(proposal.url or "")
        page.url_edit.setCursorPosition(0)
        page.mine_check.setChecked(proposal.contact is None)
        if proposal.price_fen is not None:  # the form has no price of its own for a group buy (only tiers)
            page.notes_edit.setPlainText(self.tr("Group price in the chat: {price}").format(
                price=money(proposal.price_fen)))
        group = page.group_combo.findText(self.group())
        if group >= 0:
            page.group_combo.setCurrentIndex(group)
        self.remove(index)
        self.say(self.tr("“{title}” is in the Deals page's form: save it there.").format(
            title=proposal.shown_title))
