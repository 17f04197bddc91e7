"""The Deals page's form: its fields, filled from a deal, checked by the services as the user types, and read back.

A mixin of :class:`~app.ui.pages.deals.DealsPage` (a :class:`~app.ui.pages.record_page.RecordPage`); its texts
keep the page's translation context, ``DealsPage``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from app.limits import IMAGE_SIDE_MAX
from app.services.validate import yuan_text
from app.ui.context import spawn_if_attached
from app.ui.drafts import Checker, DraftCheck
from app.ui.format import parse_utc
from app.ui.links import LinkVerdict, flag_link, open_link
from app.ui.pages.deals_tiers import TierEditor
from app.ui.parts import (
    PageMixin,
    add_rows,
    choice_combo,
    deal_kind_labels,
    error_label,
    field_box,
    set_choice,
    show_error,
    translate,
)
from app.ui.picture import PictureBox

PRICES = ("original_fen", "target_fen", "current_fen")
UNCHANGED = object()  # the form's screenshot as the deal has it (else: new bytes, or None to remove it)


def _deals(services: Any) -> Any:
    return services.deals.check_draft


class DealFormMixin(PageMixin):
    """Builds, fills and reads the deal form (RecordPage's hooks): only the fields of the chosen kind show. The
    services check it as the user types (:class:`~app.ui.drafts.DraftCheck`); it shows what they say."""

    def _yuan_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.on_form_edited)
        return edit

    def _build_form(self, form: QFormLayout) -> None:
        self.draft = DraftCheck(self, self._draft, self.on_draft_checked)
        self.kind_combo = choice_combo(translate("DealsPage", "Kind of deal"), deal_kind_labels())
        self.kind_combo.currentIndexChanged.connect(self.on_form_edited)
        self.kind_combo.currentIndexChanged.connect(self.on_kind_changed)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(translate("DealsPage", "Deal title"))
        self.title_edit.setPlaceholderText(translate("DealsPage", "e.g. 婴儿推车"))
        self.title_edit.textChanged.connect(self.on_form_edited)
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(translate("DealsPage", "Link"))
        self.url_edit.setPlaceholderText(translate("DealsPage", "https://…"))
        self.url_edit.textChanged.connect(self.on_form_edited)
        self.url_edit.textChanged.connect(self.on_url_changed)
        self.open_link_button = QPushButton(translate("DealsPage", "Ope&n…"))
        self.open_link_button.setAccessibleName(translate("DealsPage", "Open the link in your browser"))
        self.open_link_button.setToolTip(translate("DealsPage", "Open the link in your browser (asks first)"))
        self.open_link_button.clicked.connect(self.on_open_link_clicked)
        self.open_link_button.setEnabled(False)
        # Under the link: what the offline check says of it as it is typed or pasted, and "Flag…" beside it.
        self.link_verdict = LinkVerdict()
        self.flag_link_button = QPushButton(translate("DealsPage", "Fl&ag…"))
        self.flag_link_button.setAccessibleName(translate("DealsPage", "Flag this link as suspicious"))
        self.flag_link_button.setToolTip(translate("DealsPage", "Flag this link as suspicious: your history keeps "
                                                                "it, with what the check says of it"))
        self.flag_link_button.clicked.connect(self.on_flag_link_clicked)
        self.flag_link_button.setEnabled(False)
        self.flag_link_button.hide()
        verdict_row = field_box(self.link_verdict, self.flag_link_button)
        verdict_row.layout().setStretch(0, 1)
        verdict_row.layout().setAlignment(self.flag_link_button, Qt.AlignmentFlag.AlignTop)  # by the first line
        link_box = field_box(field_box(self.url_edit, self.open_link_button), verdict_row, vertical=True)
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(translate("DealsPage", "Group"))
        self.group_combo.addItem(translate("DealsPage", "No group"), None)
        self.group_combo.currentIndexChanged.connect(self.on_form_edited)
        self.mine_check = QCheckBox(translate("DealsPage", "I started this deal"))
        self.mine_check.setAccessibleName(translate("DealsPage", "My own deal"))
        self.mine_check.toggled.connect(self.on_form_edited)

        self.original_edit = self._yuan_edit(translate("DealsPage", "Original price in yuan"),
                                             translate("DealsPage", "Original ¥"))
        self.target_edit = self._yuan_edit(translate("DealsPage", "Target price in yuan"),
                                           translate("DealsPage", "Target ¥"))
        self.current_edit = self._yuan_edit(translate("DealsPage", "Current price in yuan"),
                                            translate("DealsPage", "Now ¥"))
        self.prices_error = error_label("pricesError")
        self.target_label = QLabel(translate("DealsPage", "target"))
        self.current_label = QLabel(translate("DealsPage", "now"))
        prices_row = field_box(self.original_edit, self.target_label, self.target_edit, self.current_label,
                               self.current_edit)
        prices_box = field_box(prices_row, self.prices_error, vertical=True)

        self.tier_editor = TierEditor()
        self.tier_editor.changed.connect(self.on_form_edited)
        self.tiers_error = error_label("tiersError")
        tiers_box = field_box(self.tier_editor, self.tiers_error, vertical=True)

        self.needed_spin = QSpinBox()
        self.needed_spin.setAccessibleName(translate("DealsPage", "Participants needed"))
        self.needed_spin.setRange(0, 100_000)
        self.needed_spin.setSpecialValueText(translate("DealsPage", "—"))
        self.needed_spin.valueChanged.connect(self.on_form_edited)
        self.joined_spin = QSpinBox()
        self.joined_spin.setAccessibleName(translate("DealsPage", "Participants joined"))
        self.joined_spin.setRange(0, 100_000)
        self.joined_spin.valueChanged.connect(self.on_form_edited)
        joined_label = QLabel(translate("DealsPage", "joined"))
        people_box = field_box(self.needed_spin, joined_label, self.joined_spin)

        self.deadline_check = QCheckBox(translate("DealsPage", "Deadline"))
        self.deadline_check.setAccessibleName(translate("DealsPage", "Has a deadline"))
        self.deadline_check.toggled.connect(self.on_deadline_toggled)
        self.deadline_edit = QDateTimeEdit()
        self.deadline_edit.setAccessibleName(translate("DealsPage", "Deadline"))
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setEnabled(False)
        self.deadline_edit.dateTimeChanged.connect(self.on_form_edited)
        deadline_box = field_box(self.deadline_check, self.deadline_edit)
        deadline_box.layout().setStretch(1, 1)

        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(translate("DealsPage", "Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(40)
        self.notes_edit.setMaximumHeight(60)
        self.notes_edit.textChanged.connect(self.on_form_edited)
        self.picture = PictureBox(translate("DealsPage", "Screenshot of the deal"), IMAGE_SIDE_MAX)
        self.picture.chosen.connect(self.on_picture_chosen)
        self.picture.removed.connect(self.on_picture_removed)
        self._picture_change: Any = UNCHANGED
        self._picture_of: str | None = None  # the deal whose stored screenshot the box shows
        self.tiers_box, self.people_box = tiers_box, people_box
        add_rows(form, [
            (translate("DealsPage", "&Kind"), self.kind_combo, self.kind_combo),
            (translate("DealsPage", "&Title"), self.title_edit, self.title_edit),
            (translate("DealsPage", "&Link"), link_box, self.url_edit),
            (translate("DealsPage", "G&roup"), self.group_combo, self.group_combo),
            ("", self.mine_check, None),
            (translate("DealsPage", "&Prices"), prices_box, self.original_edit),
            (translate("DealsPage", "T&iers"), tiers_box, self.tier_editor.table),
            (translate("DealsPage", "N&eeded"), people_box, self.needed_spin),
            (translate("DealsPage", "&When"), deadline_box, self.deadline_check),
            (translate("DealsPage", "N&otes"), self.notes_edit, self.notes_edit),
            (translate("DealsPage", "S&creenshot"), self.picture, self.picture.choose_button),
        ])
        self.on_kind_changed()

    def on_kind_changed(self, *_: Any) -> None:
        """Only the fields of the chosen kind: cut prices for a bargain, tiers for a group buy, counts for both."""
        kind = self.kind_combo.currentData()
        for widget in (self.target_label, self.target_edit, self.current_label, self.current_edit):
            widget.setVisible(kind == "bargain")
        self.form.setRowVisible(self.tiers_box, kind == "group_buy")
        self.form.setRowVisible(self.people_box, kind != "bargain")

    def _fill_group_combo(self, chosen: str | None) -> None:
        self.group_combo.clear()
        self.group_combo.addItem(translate("DealsPage", "No group"), None)
        for group in sorted(self._groups, key=lambda g: g["name"]):
            if group["archived"] and group["id"] != chosen:
                continue
            self.group_combo.addItem(group["name"], group["id"])
        index = self.group_combo.findData(chosen) if chosen else 0
        self.group_combo.setCurrentIndex(max(index, 0))

    def _name_field(self) -> QLineEdit:
        return self.title_edit

    def _fill_form(self, row: dict[str, Any] | None) -> None:
        row = row or {}
        set_choice(self.kind_combo, row.get("kind", "group_buy"))
        self.title_edit.setText(row.get("title", ""))
        self.url_edit.setText(row.get("url") or "")
        self.url_edit.setCursorPosition(0)  # the start of a long link shows: its domain
        self._fill_group_combo(row.get("group_id"))
        self.mine_check.setChecked(bool(row.get("mine", True)))
        self.original_edit.setText(yuan_text(row.get("original_fen")))
        self.target_edit.setText(yuan_text(row.get("target_fen")))
        self.current_edit.setText(yuan_text(row.get("current_fen")))
        self.tier_editor.set_tiers(row.get("tiers") or [])
        self.needed_spin.setValue(int(row.get("participants_needed") or 0))
        self.joined_spin.setValue(int(row.get("participants_joined") or 0))
        deadline = parse_utc(row.get("deadline"))
        self.deadline_check.setChecked(deadline is not None)
        if deadline is None:
            deadline = (self.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
        self.deadline_edit.setDateTime(self._qdatetime(deadline))
        self.notes_edit.setPlainText(row.get("notes") or "")
        self._fill_picture(row)
        if hasattr(self, "progress_frame"):
            self._show_progress(row or None)
        self.draft.changed()  # another record: its draft is checked against it

    def _fill_picture(self, row: dict[str, Any]) -> None:
        """The deal's stored screenshot (read in the database thread), no change pending."""
        edited, self._picture_change = self._picture_change is not UNCHANGED, UNCHANGED
        image_id = row.get("image_id")
        key = f"{row.get('id')}:{image_id}"
        if not image_id:
            self._picture_of = key
            self.picture.show_picture(None)
        elif key != self._picture_of or edited:  # another deal, another picture, or one changed here: read it
            self._picture_of = key
            self.picture.show_picture(None)
            spawn_if_attached(self, lambda: self.show_stored_picture(key, str(image_id)), "deal picture")

    async def show_stored_picture(self, key: str, image_id: str) -> bool:
        """Show a stored screenshot once read, if the form still shows that deal and no other one was chosen."""
        picture = await self.ctx.read(self.ctx.services.images.get, image_id)
        if key != self._picture_of or self._picture_change is not UNCHANGED:
            return False
        self.picture.show_picture(picture["data"] if picture else None)
        return picture is not None

    def on_picture_chosen(self, data: bytes) -> None:
        self._picture_change = data
        self.on_form_edited()

    def on_picture_removed(self) -> None:
        self._picture_change = None
        self.on_form_edited()

    def _qdatetime(self, moment: dt.datetime) -> QDateTime:
        local = moment.astimezone(self._tz)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))

    def _deadline(self) -> dt.datetime | None:
        if not self.deadline_check.isChecked():
            return None
        value = self.deadline_edit.dateTime()
        date, clock = value.date(), value.time()
        local = dt.datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute(), clock.second(),
                            tzinfo=self._tz)
        return local.astimezone(dt.UTC)

    def _form_error(self) -> str | None:
        # Each message sits under its field, the rest on the form's line. A form not yet edited says nothing (an
        # empty new deal needs no scolding): its Save just waits for what is missing.
        draft, edited = self.draft, self._dirty
        # The tiers table's own check says which row is wrong; the services' check, once the rows are understood.
        tiers = self.tier_editor.problems() if self.kind_combo.currentData() == "group_buy" else []
        show_error(self.prices_error, "\n".join(draft.of(*PRICES)) if edited else None)
        show_error(self.tiers_error, "\n".join(tiers or draft.of("tiers")) if edited else None)
        if draft.ok and not tiers:
            return None
        return "\n".join(draft.others(*PRICES, "tiers")) if edited else ""

    def _fields(self) -> dict[str, Any]:
        """The form as the service takes it: prices and tiers as typed (the service reads and checks them)."""
        needed = self.needed_spin.value()
        fields: dict[str, Any] = {
            "kind": self.kind_combo.currentData(),
            "title": self.title_edit.text().strip(),
            "url": self.url_edit.text().strip() or None,
            "group": self.group_combo.currentData(),
            "mine": self.mine_check.isChecked(),
            "original_fen": self.original_edit.text(),
            "tiers": self.tier_editor.text(),
            "participants_needed": needed or None,
            "participants_joined": self.joined_spin.value(),
            "deadline": self._deadline(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self._picture_change is not UNCHANGED:
            fields["image"] = self._picture_change
        if fields["kind"] == "bargain":
            fields["target_fen"] = self.target_edit.text()
            if self.current_edit.text().strip():  # empty: a new bargain starts at its original price, an old one
                fields["current_fen"] = self.current_edit.text()  # keeps its own
        return fields

    def _draft(self) -> tuple[Checker, str | None, dict[str, Any]]:
        return _deals, self.current_id, self._fields()

    def attach(self, ctx: Any) -> None:
        super().attach(ctx)
        self.picture.ctx = ctx
        self.draft.changed()  # the services can check the form from now on
        self.flag_link_button.setEnabled(bool(self.url_edit.text().strip()))

    def on_form_edited(self, *args: Any) -> None:
        super().on_form_edited(*args)
        self.draft.changed()

    def on_draft_checked(self) -> None:
        self._update_state()

    async def save(self) -> bool:
        """Save the form once the services have checked it as it stands (a quick Ctrl+S never skips the check)."""
        if self.ctx is None or self._busy:
            return False
        self.tier_editor.commit()  # a price still being typed counts
        await self.draft.settled()
        self._update_state()
        return bool(await super().save())

    def on_url_changed(self, text: str) -> None:
        has_link = bool(text.strip())
        self.open_link_button.setEnabled(has_link)
        self.link_verdict.show_link(text)
        self.url_edit.setAccessibleDescription(self.link_verdict.text())  # read out with the field itself
        self.flag_link_button.setVisible(has_link)
        self.flag_link_button.setEnabled(has_link and self.ctx is not None)

    def _flagger(self, link: str) -> Any:
        """What flags ``link`` from this form: with the deal shown, if it is saved (None while detached)."""
        ctx, deal = self.ctx, self.current_id
        if ctx is None:
            return None
        return lambda: flag_link(self, ctx, link, deal)

    def on_open_link_clicked(self) -> None:
        """Open the link as it stands in the field, after asking (:func:`app.ui.links.open_link`)."""
        link = self.url_edit.text()
        flag = self._flagger(link)
        spawn_if_attached(self, lambda: open_link(self, link, flag), "open link")

    def on_flag_link_clicked(self) -> None:
        """Flag the link as it stands in the field (of the deal shown, when it is saved)."""
        flag = self._flagger(self.url_edit.text().strip())
        if flag is not None:
            spawn_if_attached(self, flag, "flag link")

    def on_deadline_toggled(self, checked: bool) -> None:
        self.deadline_edit.setEnabled(checked)
        self.on_form_edited()
