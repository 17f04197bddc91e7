"""The quick-log dialog (Ctrl+N): a help given or received, or a request posted, in a few keystrokes.

The same dialog edits a help logged earlier (:meth:`QuickLogDialog.start_edit`), with its time as well. Its fields
become one service call in :mod:`app.ui.quick_log_write`.
"""

from __future__ import annotations

import asyncio
import html
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.limits import NAME_MAX, NOTE_MAX
from app.services.commands import price
from app.ui.drafts import DraftCheck
from app.ui.format import count_text
from app.ui.links import LinkVerdict
from app.ui.parts import error_label, field_box, show_error, without_mnemonic
from app.ui.paste_share import HELP_KINDS, clipboard_share, form_link, no_share_text, share_note
from app.ui.quick_log_write import GIVEN, KIND_KEY, RECEIVED, REQUEST, QuickLogWriteMixin
from app.ui.theme import colour_hex

if TYPE_CHECKING:
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.context import PageContext

DEFAULT_KIND = "bargain_cut"
WHATS = (GIVEN, RECEIVED, REQUEST)


def load_choices(services: Services) -> tuple[list[str], list[str]]:
    """The contact and group names the dialog completes (runs in the database thread)."""
    return ([c["nickname"] for c in services.queries.contacts()],
            [g["name"] for g in services.queries.groups(include_archived=False)])


class QuickLogDialog(QuickLogWriteMixin, QDialog):
    """Records one help exchange or request through the services; ``saved`` carries the OpResult."""

    saved = Signal(object)  # the OpResult of the write

    def __init__(self, ctx: PageContext, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings  # remembers the last kind logged; None for an editor
        self._saving = False
        self._editing: dict[str, Any] | None = None  # the help being edited, with its contact's and group's names
        self.save_task: asyncio.Task[OpResult | None] | None = None
        self.draft = DraftCheck(self, self._draft, self._show_problems)  # the services check what it says
        self.setWindowTitle(self.tr("Quick log"))
        self.setAccessibleName(self.tr("Quick log"))
        self._build()
        self._connect()
        self._select_kind(str(settings.value(KIND_KEY, DEFAULT_KIND)) if settings is not None else DEFAULT_KIND)
        self.set_what(GIVEN)

    # -- layout -----------------------------------------------------------------------------------------

    def kind_labels(self) -> dict[str, str]:
        return {
            "bargain_cut": self.tr("Bargain cut (砍一刀)"),
            "join_group": self.tr("Joined a group buy (参团)"),
            "boost_click": self.tr("Boost click (助力)"),
            "share": self.tr("Share (转发)"),
            "other": self.tr("Other"),
        }

    def _build(self) -> None:
        self.what_group = QButtonGroup(self)
        self.what_buttons: dict[str, QRadioButton] = {}
        what_row = QHBoxLayout()
        what_row.setSpacing(16)
        # Underlined keys as well as Alt+1…3: none of them is a field's (Kind, Contact, Group, Amount, Note, When).
        labels = {GIVEN: self.tr("&Helped someone"), RECEIVED: self.tr("G&ot help"),
                  REQUEST: self.tr("Asked a g&roup for help")}
        for number, what in enumerate(WHATS, start=1):
            button = QRadioButton(labels[what])
            button.setAccessibleName(without_mnemonic(labels[what]))
            button.setToolTip(self.tr("Alt+{number}").format(number=number))
            self.what_group.addButton(button, number)
            self.what_buttons[what] = button
            what_row.addWidget(button)
        what_row.addStretch(1)
        self.what_box = QWidget()
        self.what_box.setLayout(what_row)
        what_row.setContentsMargins(0, 0, 0, 0)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of help"))
        for value, text in self.kind_labels().items():
            self.kind_combo.addItem(text, value)

        self._contact_names = QStringListModel(self)
        self._group_names = QStringListModel(self)
        self.contact_edit = QLineEdit()
        self.contact_edit.setAccessibleName(self.tr("Contact"))
        self.contact_edit.setMaxLength(NAME_MAX)
        self.contact_edit.setCompleter(self._completer(self._contact_names))
        self.group_edit = QLineEdit()
        self.group_edit.setAccessibleName(self.tr("Group"))
        self.group_edit.setMaxLength(NAME_MAX)
        self.group_edit.setCompleter(self._completer(self._group_names))

        self.amount_edit = QLineEdit()
        self.amount_edit.setAccessibleName(self.tr("Amount in yuan"))
        self.amount_edit.setPlaceholderText(self.tr("e.g. 12.50"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount_edit.setMaximumWidth(140)
        self.amount_error = error_label("amountError")
        self.amount_box = field_box(self.amount_edit, self.amount_error, vertical=True)

        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("Optional"))

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.kind_label = self._add_row(self.tr("&Kind"), self.kind_combo)
        self.contact_label = self._add_row(self.tr("&Contact"), self.contact_edit)
        self.group_label = self._add_row(self.tr("&Group"), self.group_edit)
        # What the group asks (its window, its daily limit) and the user's helps there: read, never posted.
        self.rules_label = QLabel()
        self.rules_label.setObjectName("groupRules")
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextFormat(Qt.TextFormat.RichText)
        self.rules_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.rules_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # wrap at the
        # form's width, not at a few words
        self.form.addRow("", self.rules_label)
        self.form.setRowVisible(self.rules_label, False)
        self._rules: dict[str, Any] | None = None
        self._rules_wanted = 0  # changes asked for; the rules shown are those read for change ``_rules_read``
        self._rules_read = 0
        self.rules_task: asyncio.Task[None] | None = None
        self.amount_label = self._add_row(self.tr("&Amount (¥)"), self.amount_box)
        self.amount_label.setBuddy(self.amount_edit)
        self.note_label = self._add_row(self.tr("&Note"), self.note_edit)
        # A pasted share's link (in the note): what the offline check says of it, as under a deal's link field.
        self.share_link_verdict = LinkVerdict()
        self.form.addRow("", self.share_link_verdict)
        self.form.setRowVisible(self.share_link_verdict, False)
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setAccessibleName(self.tr("When it happened"))
        self.when_edit.setToolTip(self.tr("Leave it for now; change it to log something from earlier"))
        self.when_label = self._add_row(self.tr("&When"), self.when_edit)
        self._when_touched = False  # untouched, a new entry is logged at the moment it is saved

        # A contact or group named for the first time: added with the entry, as Splitwise adds a friend.
        self.add_new_box = QCheckBox()
        self.add_new_box.setObjectName("addNew")
        self.add_new_box.setChecked(True)
        self.add_new_box.setVisible(False)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.share_button = QPushButton(self.tr("&Paste share"))
        self.share_button.setAccessibleName(self.tr("Paste a share text"))
        self.share_button.setToolTip(self.tr("Fill the entry from a share text copied from a chat (拼团, 砍价, 助力)"))
        self.share_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.share_button)
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.what_box)
        layout.addLayout(self.form)
        layout.addWidget(self.add_new_box)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

        self.what_shortcuts = []
        for number, what in enumerate(WHATS, start=1):
            shortcut = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key(Qt.Key.Key_0.value + number)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda what=what: self.on_what_shortcut_activated(what))
            self.what_shortcuts.append(shortcut)

    def _add_row(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)
        return label

    def _completer(self, model: QStringListModel) -> QCompleter:
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # Chinese names are found by any part
        popup = completer.popup()
        if popup is not None:
            popup.setAccessibleName(self.tr("Suggestions"))
        return completer


    def _connect(self) -> None:
        self.what_group.idToggled.connect(self.on_what_toggled)
        for edit in (self.contact_edit, self.group_edit, self.amount_edit, self.note_edit):
            edit.textChanged.connect(self.on_field_changed)
        self.kind_combo.currentIndexChanged.connect(self.on_field_changed)
        self.group_edit.textChanged.connect(self.rules_changed)
        self.when_edit.dateTimeChanged.connect(self.on_when_changed)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.add_new_box.toggled.connect(lambda _checked: self._show_problems())
        self.cancel_button.clicked.connect(self.reject)
        self.share_button.clicked.connect(self.on_share_clicked)
        self.note_edit.installEventFilter(self)  # Ctrl+V of a share text fills the entry

    # -- public -----------------------------------------------------------------------------------------

    def set_choices(self, contacts: list[str], groups: list[str]) -> None:
        """The names the contact and group fields complete (from ``queries.contacts()``/``groups()``)."""
        self._contact_names.setStringList(list(contacts))
        self._group_names.setStringList(list(groups))

    def what(self) -> str:
        return WHATS[max(self.what_group.checkedId(), 1) - 1]

    def set_what(self, what: str) -> None:
        self.what_buttons[what].setChecked(True)
        self._update_rows()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def amount_text(self) -> str | None:
        """The amount as typed (the services read and check it), None when empty."""
        return self.amount_edit.text().strip() or None

    def amount_fen(self) -> int | None:
        """The typed amount in fen; None when empty; raises :class:`InvalidInput` when it is not an amount."""
        return price(self.amount_text(), "amount")

    def problem(self) -> str | None:
        """Why the entry cannot be saved as it stands, in the services' words (the first reason); None when it
        can; empty while the services have not checked it yet."""
        if not self.draft.known:
            return ""
        return None if self.draft.ok else self.draft.problems[0].message

    def start_edit(self, help_: dict[str, Any], contact: str, group: str | None) -> None:
        """Edit ``help_`` (a row of ``ledger.contact()["exchanges"]``), showing its contact's and group's names."""
        self._editing = {**help_, "contact_name": contact, "group_name": group or ""}
        self.setWindowTitle(self.tr("Edit help"))
        self.setAccessibleName(self.tr("Edit help"))
        self.save_button.setText(self.tr("Save changes"))
        self.save_button.setAccessibleName(self.tr("Save changes"))
        self.what_buttons[REQUEST].setEnabled(False)  # a help stays a help
        self.what_shortcuts[WHATS.index(REQUEST)].setEnabled(False)
        self.set_what(str(help_["direction"]))
        self._select_kind(str(help_["kind"]))
        self.contact_edit.setText(contact)
        self.group_edit.setText(group or "")
        amount = help_.get("amount_fen")
        self.amount_edit.setText("" if amount is None else f"{amount / 100:.2f}")
        self.note_edit.setText(str(help_.get("note") or ""))
        self._set_when(self._edited_at())
        self.draft.changed()

    def apply_share(self, share: Any) -> None:
        """Fill the entry from a pasted share (app/ui/paste_share.py): the kind of help it asks for (a request
        keeps its own fields), the product and link as the note, the link's verdict under it. Nothing is saved."""
        if self.what() != REQUEST:
            self._select_kind(HELP_KINDS[share.kind])
        self.note_edit.setText(share_note(share))
        self.note_edit.setCursorPosition(0)
        check = self.share_link_verdict.show_link(form_link(share))
        self.form.setRowVisible(self.share_link_verdict, check is not None)
        self.note_edit.setAccessibleDescription(self.share_link_verdict.text())
        self.draft.changed()
        first = self.group_edit if self.what() == REQUEST else self.contact_edit
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_share_clicked(self) -> None:
        share = clipboard_share()
        if share is None:
            self.hint_label.setText(no_share_text())
            return
        self.apply_share(share)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+V in the note with a share in the clipboard fills the entry; any other text is pasted as text.
        if (watched is self.note_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Paste)):
            share = clipboard_share()
            if share is not None:
                self.apply_share(share)
                return True
        return super().eventFilter(watched, event)

    # -- slots ------------------------------------------------------------------------------------------

    def on_what_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_rows()
            if self._rules is not None:
                self._show_rules()  # the limit matters to a request only

    def on_what_shortcut_activated(self, what: str) -> None:
        if not self.what_buttons[what].isEnabled():
            return
        self.set_what(what)
        self.what_buttons[what].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_when_changed(self, *_: object) -> None:
        self._when_touched = True
        self.draft.changed()
        self.rules_changed()

    def on_field_changed(self, *_: object) -> None:
        self.draft.changed()

    # -- the group's rules --------------------------------------------------------------------------------

    def rules_changed(self) -> None:
        """The group, the time or what is logged changed: read the group's rules again (after a read running)."""
        self._rules_wanted += 1
        if self.rules_task is not None and not self.rules_task.done():
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # outside the event loop (a test typing): :meth:`rules_settled` reads them
            return
        self.rules_task = self.ctx.runner.spawn(self._read_rules(), name="quick_log.rules")

    async def rules_settled(self) -> dict[str, Any] | None:
        """The rules of the group as the dialog names it now, read first if they were not yet."""
        while self._rules_read != self._rules_wanted:
            if self.rules_task is None or self.rules_task.done():
                self.rules_task = self.ctx.runner.spawn(self._read_rules(), name="quick_log.rules")
            await asyncio.shield(self.rules_task)
        return self._rules

    async def _read_rules(self) -> None:
        while self._rules_read != self._rules_wanted:
            wanted = self._rules_wanted
            group = self.group_edit.text().strip()
            at = self._chosen_when() if self._when_touched or self._editing is not None else None
            rules = await self.ctx.read(self.ctx.services.queries.group_rules, group, at) if group else None
            if not shiboken6.isValid(self):
                return
            self._rules_read = wanted
            if wanted == self._rules_wanted:
                self._rules = rules
                self._show_rules()

    def _show_rules(self) -> None:
        rules = self._rules
        lines = self.rules_lines(rules) if rules is not None else []
        warn = colour_hex("negative")
        self.rules_label.setText("<br>".join(
            f'<span style="color:{warn}">{html.escape(text)}</span>' if warning else html.escape(text)
            for text, warning in lines
        ))
        self.rules_label.setAccessibleName(" ".join(text for text, _warning in lines))
        self.form.setRowVisible(self.rules_label, bool(lines))
        # As tall as its lines at the fields' width (a wrapped label's own guess is made at another width).
        self.rules_label.setFixedHeight(max(self.rules_label.heightForWidth(self.group_edit.width()), 0))
        self.adjustSize()

    def rules_lines(self, rules: dict[str, Any]) -> list[tuple[str, bool]]:
        """What the dialog says of the group, each line with whether it warns."""
        lines: list[tuple[str, bool]] = []
        request = self.what() == REQUEST
        if rules["window_open"] is True:
            lines.append((self.tr("Its activity window is open until {time}.").format(time=rules["until"]), False))
        elif rules["window_open"] is False:
            lines.append((self.tr("Outside its activity window ({windows}).").format(windows=rules["windows"]),
                          request))
        limit, today = rules["limit"], int(rules["requests_today"])
        if request and limit is not None:
            if today >= int(limit):
                lines.append((self.tr("You already asked there {count} times that day: its limit is {limit} a "
                                      "day.").format(count=count_text(today), limit=count_text(limit)), True))
            else:
                lines.append((self.tr("Requests there that day: {count} of {limit}.").format(
                    count=count_text(today), limit=count_text(limit)), False))
        lines.append((self.tr("There you helped {given} times and were helped {received} times.").format(
            given=count_text(rules["given"]), received=count_text(rules["received"])), False))
        return lines

    def on_save_clicked(self) -> None:
        if self.save_task is None or self.save_task.done():
            self.save_task = self.ctx.runner.spawn(self.save(), name="quick_log.save")

    # -- state ------------------------------------------------------------------------------------------

    def _update_rows(self) -> None:
        what = self.what()
        helps = what != REQUEST
        for field in (self.kind_combo, self.contact_edit, self.amount_box):
            self.form.setRowVisible(field, helps)
        self.group_label.setText(self.tr("&Group") if not helps else self.tr("&Group (optional)"))
        self.contact_edit.setPlaceholderText(
            self.tr("Who did you help?") if what == GIVEN else self.tr("Who helped you?")
        )
        self.group_edit.setPlaceholderText(
            self.tr("Which group did you ask?") if not helps else self.tr("Where did it happen?")
        )
        self.draft.changed()
        self._show_problems()
        self.adjustSize()

    def _show_problems(self) -> None:
        """Say what the services found: the amount's message under it, the first other one as the hint; a name
        no record has, as the offer to add it with the entry."""
        error = "\n".join(self.draft.of("amount_fen")) or None
        show_error(self.amount_error, error)
        self.amount_edit.setAccessibleDescription(error or "")
        new = self.new_names()
        self.add_new_box.setText(self._add_new_text(new))
        self.add_new_box.setVisible(bool(new))
        others = [p.message for p in self.draft.problems if p.field != "amount_fen" and p.field not in new]
        if not others and new and not self.add_new_box.isChecked():
            others = [p.message for p in self.draft.problems if p.field in new]
        self.hint_label.setText(others[0] if others else "")
        self.save_button.setEnabled(self.can_save() and not self._saving)

    def new_names(self) -> dict[str, str]:
        """The fields (``contact``, ``group``) of a new entry that name someone or a group new to the log."""
        if self._editing is not None:
            return {}
        edits = {"contact": self.contact_edit, "group": self.group_edit}
        return {p.field: edits[p.field].text().strip() for p in self.draft.problems
                if p.new and p.field in edits}

    def can_save(self) -> bool:
        """Checked, and nothing in the way but names to add with the entry (when the box says so)."""
        new = self.new_names()
        return (self.draft.known and all(p.field in new for p in self.draft.problems)
                and (not new or self.add_new_box.isChecked()))

    def _add_new_text(self, new: dict[str, str]) -> str:
        if "contact" in new and "group" in new:
            return self.tr("Add “{contact}” as a new contact and “{group}” as a new group").format(**new)
        if "contact" in new:
            return self.tr("Add “{contact}” as a new contact").format(**new)
        if "group" in new:
            return self.tr("Add “{group}” as a new group").format(**new)
        return ""

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self._show_problems()

    def _select_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        self.kind_combo.setCurrentIndex(index if index >= 0 else self.kind_combo.findData(DEFAULT_KIND))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._editing is None and not event.spontaneous():
            # A new entry: now, unless changed (a restore from minimised keeps what was chosen).
            self._set_when(self.ctx.services.clock.now())
        first = self.group_edit if self.what() == REQUEST else self.contact_edit
        first.setFocus(Qt.FocusReason.OtherFocusReason)
