"""Export and import on the Privacy & Export page: share presets in plain words, the preview, the export and the
import with progress and Cancel, the merge of look-alike contacts an import brings, and the audit log.

Everything that leaves goes through :mod:`app.exchange.export` (the one privacy pipeline); a cancelled export
leaves no file (it is written beside the target and renamed at the end) and a cancelled import changes nothing
(one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.i18n import current_language
from app.privacy.classes import Sensitivity
from app.privacy.presets import Action, Preset, check_name, describe
from app.ui.context import spawn_if_attached
from app.ui.dialogs import Icon, Role, answered, ask, choose_file, tell
from app.ui.parts import error_style
from app.ui.progress import run_with_progress
from app.ui.text_style import DETAIL_HEADING, heading

if TYPE_CHECKING:
    from app.exchange.export import Plan
    from app.services import Services
    from app.services.base import OpResult
    from app.ui.context import PageContext

PRESET_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Preset
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2  # a merge offer's pair


class ExportPanel(QWidget):
    """Presets, preview, export, import and the audit log; data through ``load`` / ``set_data`` like a page."""

    COL_WHAT, COL_RECORDS, COL_AS = range(3)
    AUDIT_WHEN, AUDIT_PRESET, AUDIT_FORMAT, AUDIT_RECORDS, AUDIT_FILE = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: PageContext | None = None
        self.tz: dt.tzinfo | None = None
        self.folder = Path.home()  # where the last export went or the last import came from
        self._plans: dict[str, Plan] = {}
        self._busy = False
        self.reload_page: Callable[[], Awaitable[None]] | None = None  # the whole page's reload, when in one
        self._build()
        self._connect()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        layout.addLayout(top, 4)

        left = QVBoxLayout()
        top.addLayout(left, 2)
        presets_heading = heading(self.tr("Share presets"), DETAIL_HEADING)
        left.addWidget(presets_heading)
        self.preset_list = QListWidget()
        self.preset_list.setAccessibleName(self.tr("Share presets"))
        self.preset_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        presets_heading.setBuddy(self.preset_list)
        left.addWidget(self.preset_list, 1)
        preset_buttons = QHBoxLayout()
        self.new_preset_button = QPushButton(self.tr("&New preset…"))
        self.new_preset_button.setToolTip(self.tr("Choose for each kind of data: share it, generalise it or leave "
                                                  "it out"))
        self.delete_preset_button = QPushButton(self.tr("&Delete preset"))
        self.delete_preset_button.setToolTip(self.tr("Delete the selected preset of yours (asks first)"))
        preset_buttons.addWidget(self.new_preset_button)
        preset_buttons.addWidget(self.delete_preset_button)
        preset_buttons.addStretch(1)
        left.addLayout(preset_buttons)

        right = QVBoxLayout()
        top.addLayout(right, 3)
        self.shares_heading = heading(self.tr("What it shares"), DETAIL_HEADING)
        right.addWidget(self.shares_heading)
        self.shares_label = QLabel()
        self.shares_label.setWordWrap(True)
        self.shares_label.setAccessibleName(self.tr("What the preset shares"))
        self.shares_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.shares_label)
        self.preview = QTreeWidget()
        self.preview.setAccessibleName(self.tr("Preview: what would leave"))
        self.preview.setHeaderLabels([self.tr("What would leave"), self.tr("Records"), self.tr("How")])
        self.preview.setUniformRowHeights(True)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(self.COL_WHAT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_RECORDS, QHeaderView.ResizeMode.ResizeToContents)
        right.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        format_label = QLabel(self.tr("F&ormat:"))
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.format_combo.addItem(self.tr("JSON (one file)"), "json")
        self.format_combo.addItem(self.tr("CSV for spreadsheets (a .zip)"), "csv")
        self.format_combo.addItem(self.tr("Report to read, as a web page (HTML)"), "html")
        self.format_combo.addItem(self.tr("Report to read or print (PDF)"), "pdf")
        self.format_combo.addItem(self.tr("Share card (a .png picture)"), "card")
        self.format_combo.addItem(self.tr("Open Badges (a .zip of baked .png badges)"), "badges")
        # As wide as a short name: the longest would widen the whole window (the list shows every name whole).
        self.format_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.format_combo.setMinimumContentsLength(16)
        format_label.setBuddy(self.format_combo)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Write your history with the selected preset to a file"))
        actions.addWidget(format_label)
        actions.addWidget(self.format_combo)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        right.addLayout(actions)
        # A second row: on one row with Export… they widened the window past a small laptop's screen.
        more = QHBoxLayout()
        self.card_button = QPushButton(self.tr("Share c&ard…"))
        self.card_button.setToolTip(self.tr("See the share card of the selected preset, then save it as a picture"))
        more.addWidget(self.card_button)
        more.addStretch(1)
        self.import_button = QPushButton(self.tr("&Import a backup…"))
        self.import_button.setToolTip(self.tr("Bring in a backup export from another computer or from before: it "
                                              "is merged with your data, and you see what changes first"))
        more.addWidget(self.import_button)
        right.addLayout(more)

        layout.addSpacing(4)
        audit_heading = heading(self.tr("Exports made"), DETAIL_HEADING)
        layout.addWidget(audit_heading)
        self.audit_list = QTreeWidget()
        self.audit_list.setAccessibleName(self.tr("Exports made"))
        self.audit_list.setHeaderLabels([self.tr("When"), self.tr("Preset"), self.tr("Format"), self.tr("Records"),
                                         self.tr("File")])
        self.audit_list.setRootIsDecorated(False)
        self.audit_list.setUniformRowHeights(True)
        self.audit_list.setAlternatingRowColors(True)
        audit_heading.setBuddy(self.audit_list)
        header = self.audit_list.header()
        header.setStretchLastSection(True)
        for column in (self.AUDIT_WHEN, self.AUDIT_PRESET, self.AUDIT_FORMAT, self.AUDIT_RECORDS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.audit_list, 1)
        self.no_audit = QLabel(self.tr("No exports yet. Each export is listed here: when, with which preset, and "
                                       "how many records left."))
        self.no_audit.setWordWrap(True)
        layout.addWidget(self.no_audit)
        self.no_audit.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export and import result"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        for button in self._buttons():
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.setEnabled(False)

    def _buttons(self) -> list[QPushButton]:
        return [self.new_preset_button, self.delete_preset_button, self.export_button, self.card_button,
                self.import_button]

    def _connect(self) -> None:
        self.preset_list.currentItemChanged.connect(lambda *_: self.show_preset())
        self.new_preset_button.clicked.connect(lambda: spawn_if_attached(self, self.new_preset, "new preset"))
        self.delete_preset_button.clicked.connect(
            lambda: spawn_if_attached(self, self.delete_preset, "delete preset"))
        self.export_button.clicked.connect(lambda: spawn_if_attached(self, self.export, "export"))
        self.card_button.clicked.connect(lambda: spawn_if_attached(self, self.share_card, "share card"))
        self.import_button.clicked.connect(lambda: spawn_if_attached(self, self.import_, "import"))

    def attach(self, ctx: PageContext) -> None:
        self.ctx = ctx
        self.tz = ctx.services.clock.tz
        self._enable(True)

    def _enable(self, enabled: bool) -> None:
        self._busy = not enabled
        for button in self._buttons():
            button.setEnabled(enabled and self.ctx is not None)
        preset = self.selected_preset()
        self.delete_preset_button.setEnabled(enabled and self.ctx is not None and preset is not None
                                             and not preset.built_in)
        self.export_button.setEnabled(enabled and self.ctx is not None and preset is not None)
        self.card_button.setEnabled(self.export_button.isEnabled())

    # -- data -------------------------------------------------------------------------------------------

    @staticmethod
    def load(services: Services) -> dict[str, Any]:
        """In the database thread: the presets, what each would let out (the preview), the audit log."""
        from app.exchange.export import plan, section_counts

        presets = services.privacy.presets()
        counts = section_counts(services)  # the same for every preset: counted once
        return {"presets": presets, "plans": {p.name: plan(services, p, counts) for p in presets},
                "audit": services.privacy.audit()}

    def set_data(self, data: dict[str, Any]) -> None:
        selected = self.selected_preset()
        keep = selected.name if selected is not None else "backup"
        self._plans = data["plans"]
        self.preset_list.blockSignals(True)
        self.preset_list.clear()
        for preset in data["presets"]:
            label = self.preset_title(preset)
            item = QListWidgetItem(label if preset.built_in else self.tr("{name} (yours)").format(name=label))
            item.setData(PRESET_ROLE, preset)
            item.setToolTip("\n".join(describe(preset)))
            self.preset_list.addItem(item)
        names = [p.name for p in data["presets"]]
        self.preset_list.setCurrentRow(names.index(keep) if keep in names else 0)
        self.preset_list.blockSignals(False)
        self.show_preset()
        self._show_audit(data["audit"])

    def preset_title(self, preset: Preset) -> str:
        """A built-in preset's name and purpose in the window's language; a custom one's own name."""
        titles = {
            "backup": self.tr("Backup: everything, to restore or move to another computer"),
            "friends": self.tr("Friends: no one else's details, pseudonyms instead"),
            "public": self.tr("Public: level, points, badges and counts only"),
        }
        return titles.get(preset.name, preset.name) if preset.built_in else preset.name

    def selected_preset(self) -> Preset | None:
        item = self.preset_list.currentItem()
        return item.data(PRESET_ROLE) if item is not None else None

    def select_preset(self, name: str) -> None:
        """Select the preset called ``name`` (what a click does)."""
        for row in range(self.preset_list.count()):
            item = self.preset_list.item(row)
            if item.data(PRESET_ROLE).name == name:
                self.preset_list.setCurrentItem(item)
                return
        raise LookupError(name)

    def show_preset(self) -> None:
        """The selected preset in plain words, and the preview of what an export with it would let out."""
        preset = self.selected_preset()
        self.preview.clear()
        self._enable(not self._busy)
        if preset is None:
            self.shares_label.setText("")
            return
        self.shares_label.setText("\n".join(f"• {line}" for line in describe(preset)))
        the_plan = self._plans.get(preset.name)
        if the_plan is None:
            return
        locale = QLocale()
        kinds = QTreeWidgetItem([self.tr("Kinds of data"), "", ""])
        self.preview.addTopLevelItem(kinds)
        for sensitivity in Sensitivity:
            figures = the_plan.classes[sensitivity.value]
            action = Action(figures["action"])
            row = QTreeWidgetItem([self.class_name(sensitivity), locale.toString(int(figures["records"]))
                                   if action != Action.drop else "", self.action_words(sensitivity, action)])
            row.setTextAlignment(self.COL_RECORDS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(self.COL_AS, row.text(self.COL_AS))
            kinds.addChild(row)
        records = QTreeWidgetItem([self.tr("Records, by kind"), "", ""])
        self.preview.addTopLevelItem(records)
        for name, count in the_plan.counts.items():
            how = self.tr("one by one") if the_plan.rows[name] else self.tr("only their number")
            row = QTreeWidgetItem([self.section_name(name), locale.toString(count), how])
            row.setTextAlignment(self.COL_RECORDS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            records.addChild(row)
        self.preview.expandAll()

    def class_name(self, sensitivity: Sensitivity) -> str:
        return {
            Sensitivity.safe: self.tr("Counts, levels, points and badges"),
            Sensitivity.personal: self.tr("Your own details (groups, deals, notes, times)"),
            Sensitivity.third_party: self.tr("Other people's details (nicknames, IDs, phones, links)"),
        }[sensitivity]

    def action_words(self, sensitivity: Sensitivity, action: Action) -> str:
        if action == Action.keep:
            return self.tr("shared as they are")
        if action == Action.drop:
            return self.tr("left out")
        if sensitivity == Sensitivity.third_party:
            return self.tr("pseudonyms; links keep the product's id only")
        if sensitivity == Sensitivity.personal:
            return self.tr("groups by their kind, times to the day")
        return self.tr("shared as they are")

    def section_name(self, name: str) -> str:
        names = {
            "groups": self.tr("Groups"), "contacts": self.tr("Contacts"), "deals": self.tr("Deals"),
            "requests": self.tr("Help requests"), "helps": self.tr("Help exchanges"),
            "cuts": self.tr("Bargain cuts"), "settlements": self.tr("Settled balances"),
            "activities": self.tr("History entries"), "presets": self.tr("Your presets"),
            "exports": self.tr("Earlier exports (this list)"), "badges": self.tr("Badges"),
            "images": self.tr("Pictures (avatar, screenshots)"),
        }
        return names.get(name, name)

    def _show_audit(self, audit: list[dict[str, Any]]) -> None:
        self.audit_list.clear()
        locale = QLocale()
        for entry in audit:
            item = QTreeWidgetItem([self.when(entry["at"]), entry["preset"], entry["format"].upper(),
                                    locale.toString(int(entry["records"])), entry["file_name"]])
            item.setTextAlignment(self.AUDIT_RECORDS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(self.AUDIT_RECORDS, "\n".join(
                f"{self.section_name(k)}: {locale.toString(int(v))}" for k, v in entry["counts"].items() if v))
            self.audit_list.addTopLevelItem(item)
        self.no_audit.setVisible(not audit)
        self.audit_list.setVisible(bool(audit))

    def when(self, at: str) -> str:
        return dt.datetime.fromisoformat(at).astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    # -- presets ----------------------------------------------------------------------------------------

    async def new_preset(self) -> str | None:
        """Ask for a name and an action per class, then save the preset; its name, or None when cancelled."""
        assert self.ctx is not None
        taken = {self.preset_list.item(i).data(PRESET_ROLE).name for i in range(self.preset_list.count())}
        dialog = PresetDialog(self)
        chosen = await answered(
            dialog, lambda result: dialog.values() if result == QDialog.DialogCode.Accepted else None)
        if chosen is None or not shiboken6.isValid(self):
            return None
        name, actions = chosen
        if name in taken and not await self._confirm_replace(name):
            return None
        services = self.ctx.services
        result = await self.ctx.write(lambda: services.privacy.save_preset(name, **actions), parent=self)
        if result is None or not shiboken6.isValid(self):
            return None
        await self.reload()
        self.select_preset(name)
        self.status.setText(self.tr("Saved the preset '{name}'.").format(name=name))
        return name

    async def _confirm_replace(self, name: str) -> bool:
        answer = await ask(self, self.tr("Replace the preset?"),
                           self.tr("You already have a preset called '{name}'. Replace it?").format(name=name),
                           [(True, self.tr("&Replace"), Role.AcceptRole), (False, self.tr("Cancel"), Role.RejectRole)],
                           default=False, escape=False)
        return answer is True

    async def delete_preset(self) -> bool:
        """Delete the selected preset of the user's after asking."""
        assert self.ctx is not None
        preset = self.selected_preset()
        if preset is None or preset.built_in:
            return False
        answer = await ask(self, self.tr("Delete the preset?"),
                           self.tr("Delete the preset '{name}'? Exports already made with it stay as they are.")
                           .format(name=preset.name),
                           [(True, self.tr("&Delete"), Role.DestructiveRole), (False, self.tr("Cancel"),
                                                                               Role.RejectRole)],
                           icon=Icon.Warning, default=False, escape=False)
        if answer is not True or not shiboken6.isValid(self):
            return False
        if await self.ctx.write(self.ctx.services.privacy.delete_preset, preset.name, parent=self) is None:
            return False
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Deleted the preset '{name}'.").format(name=preset.name))
            self.preset_list.setCurrentRow(0)
            await self.reload()
        return True

    # -- export -----------------------------------------------------------------------------------------

    async def export(self, path: Path | None = None, *, cancel_after: int | None = None) -> Path | None:
        """Export with the selected preset and format to a file the user picks; the file, or None (cancelled,
        or refused and told)."""
        from app.exchange.export import SUFFIXES, check_target, export, today_name
        from app.ui.report_pdf import gui_thread_writer

        assert self.ctx is not None
        preset, fmt = self.selected_preset(), str(self.format_combo.currentData())
        if preset is None or self._busy:
            return None
        ctx = self.ctx
        if path is None:
            proposed = self.folder / today_name(ctx.services.clock.now(), preset, fmt)
            filters = {"json": [self.tr("JSON files (*.json)")], "csv": [self.tr("Zip archives (*.zip)")],
                       "html": [self.tr("Web pages (*.html)")], "pdf": [self.tr("PDF documents (*.pdf)")],
                       "card": [self.tr("PNG pictures (*.png)")], "badges": [self.tr("Zip archives (*.zip)")]}[fmt]
            path = await choose_file(self, self.tr("Export with the preset '{name}'").format(name=preset.name),
                                     proposed, filters, save=True, default_suffix=SUFFIXES[fmt].lstrip("."))
            if path is None or not shiboken6.isValid(self):
                return None
        try:
            target = check_target(path, fmt)
        except InvalidInput as exc:
            await tell(self, self.tr("Cannot export there"), exc.message)
            return None
        the_plan = self._plans.get(preset.name)
        total = the_plan.total if the_plan is not None else 0
        self._enable(False)
        self.status.setText(self.tr("Exporting with the preset '{name}'…").format(name=preset.name))
        services = ctx.services
        pdf_writer = gui_thread_writer() if fmt == "pdf" else None
        lang = current_language()  # a report in the window's language (never a swap of the catalogue it uses)
        previewed = the_plan is not None  # this preset's preview was on show beside the button (export.made)
        try:
            done, exported = await run_with_progress(
                ctx, self, lambda report: export(services, preset, target, fmt, progress=report, lang=lang,
                                                 pdf_writer=pdf_writer, previewed=previewed),
                total=total, cancel_after=cancel_after, title=self.tr("Exporting"),
                label=self.tr("Writing {file}…").format(file=target.name))
        except Exception as exc:
            if shiboken6.isValid(self):
                self.status.setText("")
                self._enable(True)
            await ctx.reporter.report(exc, "export", parent=self)
            return None
        if not shiboken6.isValid(self):
            return None
        self._enable(True)
        if not done:
            self.status.setText(self.tr("Export cancelled: no file was written."))
            return None
        self.folder = target.parent
        done_text = (self.tr("Wrote the share card with the preset '{name}' to {path}.") if fmt == "card" else
                     self.tr("Wrote {count} baked Open Badges with the preset '{name}' to {path}.") if fmt == "badges"
                     else self.tr("Exported {count} records with the preset '{name}' to {path}."))
        self.status.setText(done_text.format(
            count=QLocale().toString(sum(exported.counts.values())), name=preset.name, path=exported.path))
        await self.reload()
        return Path(exported.path)

    async def share_card(self, path: Path | None = None, *, save: bool | None = None) -> Path | None:
        """The selected preset's share card: previewed, then saved where the user says (share_card_dialog.py)."""
        from app.ui.pages.share_card_dialog import share_card

        return await share_card(self, path, save=save)

    # -- import -----------------------------------------------------------------------------------------

    async def import_(self, path: Path | None = None, *, cancel_after: int | None = None) -> dict[str, Any] | None:
        """Import a backup export the user picks: a dry run first, what it would change shown and confirmed, then
        the import; look-alike contacts it brought are offered for merging. The import's record, or None."""
        assert self.ctx is not None
        if self._busy:
            return None
        ctx = self.ctx
        if path is None:
            path = await choose_file(
                self, self.tr("Import a backup export"), self.folder,
                [self.tr("Pintuan Quest exports (*.json *.json.gz *.zip)"), self.tr("All files (*)")], save=False)
            if path is None or not shiboken6.isValid(self):
                return None
        source = Path(path)
        self._enable(False)
        try:
            result = await self._import(source, cancel_after)
        except InvalidInput as exc:  # a refused file: where and why, and that nothing changed
            if shiboken6.isValid(self):
                self.status.setText(self.tr("{file} was not imported: nothing was changed.").format(
                    file=source.name))
            await tell(self, self.tr("Cannot import this file"), exc.message,
                       informative=self.tr("Only a backup export of Pintuan Quest, whole and unchanged, can be "
                                           "imported. Nothing was changed."))
            return None
        except Exception as exc:
            if shiboken6.isValid(self):
                self.status.setText("")
            await ctx.reporter.report(exc, "import", parent=self)
            return None
        finally:
            if shiboken6.isValid(self):
                self._enable(True)
        if result is None or not shiboken6.isValid(self):
            return None
        if result.record is None or result.record["dry_run"]:  # nothing to import
            return result.record
        self.folder = source.parent
        ctx.announce(result, self)  # every page shows what came in; the game has caught up
        record = result.record
        self.status.setText(self.import_summary(source.name, record))
        await self.reload()
        if record["matching_contacts"] and shiboken6.isValid(self):
            await self.offer_merge(record["matching_contacts"])
        return record

    async def _import(self, source: Path, cancel_after: int | None) -> OpResult | None:
        """The dry run, the question, the import: its result (the dry run's when there is nothing to import), or
        None when the user cancelled."""
        from app.exchange.importer import import_file

        assert self.ctx is not None
        ctx, services = self.ctx, self.ctx.services
        self.status.setText(self.tr("Checking {file}…").format(file=source.name))
        done, preview = await run_with_progress(
            ctx, self, lambda report: import_file(services, source, dry_run=True, progress=report),
            total=0, cancel_after=cancel_after, title=self.tr("Importing"),
            label=self.tr("Checking {file}…").format(file=source.name))
        if not done or not shiboken6.isValid(self):
            self._import_cancelled()
            return None
        record = preview.record
        if not (record["added"] or record["updated"] or record["deleted"]):
            self.status.setText(self.tr("Nothing to import: everything in {file} is here already.").format(
                file=source.name))
            return preview
        if not await self._confirm_import(source, record) or not shiboken6.isValid(self):
            self._import_cancelled()
            return None
        self.status.setText(self.tr("Importing {file}…").format(file=source.name))
        done, result = await run_with_progress(
            ctx, self, lambda report: import_file(services, source, progress=report),
            total=0, cancel_after=cancel_after, title=self.tr("Importing"),
            label=self.tr("Importing {file}…").format(file=source.name))
        if not done or not shiboken6.isValid(self):
            self._import_cancelled()
            return None
        return result

    def _import_cancelled(self) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Import cancelled: nothing was changed."))

    def import_summary(self, file: str, record: dict[str, Any]) -> str:
        locale = QLocale()
        return self.tr("Imported {file}: {added} added, {updated} updated, {deleted} deleted, {unchanged} already "
                       "here.").format(file=file, **{k: locale.toString(int(record[k])) for k in
                                                     ("added", "updated", "deleted", "unchanged")})

    async def _confirm_import(self, source: Path, record: dict[str, Any]) -> bool:
        locale = QLocale()
        figures = {k: locale.toString(int(record[k])) for k in ("added", "updated", "deleted", "unchanged")}
        answer = await ask(
            self, self.tr("Import this backup?"),
            self.tr("Importing {file} adds {added} records, updates {updated} and deletes {deleted}; {unchanged} are "
                    "here already.").format(file=source.name, **figures),
            [(True, self.tr("&Import"), Role.AcceptRole), (False, self.tr("Cancel"), Role.RejectRole)],
            default=True, escape=False,
            informative=self.tr("Where a record was changed on both sides, the later change wins, and both stay in "
                                "the history. Your data as it is now is backed up first."))
        return answer is True

    async def offer_merge(self, pairs: list[dict[str, str]]) -> int:
        """Offer to merge each contact the import brought into the one here with the same nickname; how many were
        merged."""
        assert self.ctx is not None
        dialog = MergeDialog(self, pairs)
        chosen = await answered(dialog, lambda result: dialog.ticked() if result == QDialog.DialogCode.Accepted else [])
        merged = 0
        for row in chosen:
            pair = pairs[row]
            if not shiboken6.isValid(self):
                break
            result = await self.ctx.write(self.ctx.services.contacts.merge, pair["existing_id"], pair["imported_id"],
                                          parent=self)
            merged += result is not None
        if merged and shiboken6.isValid(self):
            self.status.setText(self.status.text() + " " + self.tr("Look-alike contacts merged: {count}.").format(
                count=merged))
        return merged

    async def reload(self) -> None:
        if self.reload_page is not None:
            await self.reload_page()
            return
        assert self.ctx is not None
        data = await self.ctx.read(self.load, self.ctx.services)
        if shiboken6.isValid(self):
            self.set_data(data)


class PresetDialog(QDialog):
    """A new preset: its name and, for each kind of data, keep, generalise or drop; its plain words as it is."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New share preset"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. for-mum"))
        self.name_edit.setMaxLength(40)
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.combos: dict[Sensitivity, QComboBox] = {}
        labels = {
            Sensitivity.safe: self.tr("&Counts, levels, badges:"),
            Sensitivity.personal: self.tr("&Your own details:"),
            Sensitivity.third_party: self.tr("&Other people's details:"),
        }
        defaults = {Sensitivity.safe: Action.keep, Sensitivity.personal: Action.generalise,
                    Sensitivity.third_party: Action.drop}
        for sensitivity, label in labels.items():
            combo = QComboBox()
            combo.setAccessibleName(label.replace("&", "").rstrip(":"))
            combo.addItem(self.tr("Share"), Action.keep.value)
            combo.addItem(self.tr("Generalise"), Action.generalise.value)
            combo.addItem(self.tr("Leave out"), Action.drop.value)
            combo.setCurrentIndex(combo.findData(defaults[sensitivity].value))
            combo.currentIndexChanged.connect(self._update)
            self.combos[sensitivity] = combo
            form.addRow(label, combo)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAccessibleName(self.tr("What it shares"))
        layout.addWidget(self.words)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("warning")
        self.problem.setStyleSheet(error_style())
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.setMinimumWidth(460)
        self._update()

    def chosen_actions(self) -> dict[str, str]:
        return {s.value: str(combo.currentData()) for s, combo in self.combos.items()}

    def values(self) -> tuple[str, dict[str, str]]:
        return self.name_edit.text().strip(), self.chosen_actions()

    def _update(self) -> None:
        actions = self.chosen_actions()
        preset = Preset("", Action(actions["safe"]), Action(actions["personal"]), Action(actions["third_party"]))
        self.words.setText("\n".join(f"• {line}" for line in describe(preset)))
        problem = ""
        if self.name_edit.text().strip():
            try:
                check_name(self.name_edit.text())
            except InvalidInput as exc:
                problem = exc.message
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name_edit.text().strip()) and not problem)


class MergeDialog(QDialog):
    """The contacts an import brought whose nickname matches one here: tick those that are one person."""

    def __init__(self, parent: QWidget | None, pairs: list[dict[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge contacts?"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("The import brought contacts with the same nickname as contacts you already had. Tick "
                              "those that are one person: their helps, cuts and groups move to your contact. A merge "
                              "cannot be undone."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.pairs = QListWidget()
        self.pairs.setAccessibleName(self.tr("Contacts to merge"))
        for pair in pairs:
            item = QListWidgetItem(self.tr("{new} (imported) into {old} (yours)").format(
                new=pair["imported_nickname"], old=pair["existing_nickname"]))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(PAIR_ROLE, pair)
            self.pairs.addItem(item)
        layout.addWidget(self.pairs)
        buttons = QDialogButtonBox()
        merge = buttons.addButton(self.tr("&Merge the ticked ones"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("&Keep them apart"), QDialogButtonBox.ButtonRole.RejectRole)
        merge.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def ticked(self) -> list[int]:
        return [row for row in range(self.pairs.count())
                if self.pairs.item(row).checkState() == Qt.CheckState.Checked]
