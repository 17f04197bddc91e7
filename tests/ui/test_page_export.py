"""The Privacy & Export page's export and import: presets in plain words, the preview, a preset made and deleted,
export and import through the real file dialogs with progress and Cancel (a cancel leaves nothing behind), the
audit log, and the merge of look-alike contacts an import brings."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.clock import FixedClock
from app.exchange.export import export
from app.privacy.presets import BUILT_IN
from app.services import Services, open_services
from app.ui.context import PageContext
from app.ui.pages.privacy import PrivacyPage
from app.ui.pages.privacy_export import ExportPanel, MergeDialog, PresetDialog
from app.ui.tasks import DbRunner
from tests.ui.boxes import Seen, answer, pick_file, shown


@pytest.fixture
def page(qtbot, filled: Services, runner: DbRunner) -> PrivacyPage:
    page = PrivacyPage(filled.store.data_dir)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.attach(PageContext(filled, runner))
    page.set_data(page.load(filled))
    return page


def preview(panel: ExportPanel) -> dict[str, dict[str, tuple[str, str]]]:
    """The preview tree as {group: {row: (records, how)}}."""
    tree = panel.preview
    out = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        out[group.text(0)] = {group.child(j).text(0): (group.child(j).text(1), group.child(j).text(2))
                              for j in range(group.childCount())}
    return out


def audit(panel: ExportPanel) -> list[list[str]]:
    return [[panel.audit_list.topLevelItem(i).text(c) for c in range(5)]
            for i in range(panel.audit_list.topLevelItemCount())]


def test_the_presets_say_in_plain_words_what_they_share_and_the_preview_counts_it(page: PrivacyPage) -> None:
    panel = page.exchange
    assert page.tabs.currentWidget() is panel
    titles = [panel.preset_list.item(i).text() for i in range(panel.preset_list.count())]
    assert titles == ["Backup: everything, to restore or move to another computer",
                      "Friends: no one else's details, pseudonyms instead",
                      "Public: level, points, badges and counts only"]
    assert panel.selected_preset().name == "backup" and panel.export_button.isEnabled()
    assert not panel.delete_preset_button.isEnabled()  # a built-in preset stays
    assert "Other people's nicknames, WeChat IDs, phone numbers, notes and full links: shared." in \
        panel.shares_label.text()
    backup = preview(panel)
    assert backup["Records, by kind"]["Contacts"] == ("2", "one by one")
    assert backup["Records, by kind"]["Help exchanges"] == ("3", "one by one")
    assert backup["Kinds of data"]["Other people's details (nicknames, IDs, phones, links)"][1] == "shared as they are"
    panel.select_preset("friends")
    assert "Other people as pseudonyms" in panel.shares_label.text()
    friends = preview(panel)["Kinds of data"]
    assert friends["Other people's details (nicknames, IDs, phones, links)"][1] == \
        "pseudonyms; links keep the product's id only"
    assert friends["Your own details (groups, deals, notes, times)"][1] == "groups by their kind, times to the day"
    panel.select_preset("public")
    public = preview(panel)
    assert public["Kinds of data"]["Other people's details (nicknames, IDs, phones, links)"] == ("", "left out")
    assert public["Records, by kind"]["Contacts"] == ("2", "only their number")
    assert panel.no_audit.isVisible() and not panel.audit_list.isVisible()


def test_a_preset_is_made_in_its_dialog_and_deleted_after_asking(
    page: PrivacyPage, filled: Services, run_qasync,
) -> None:
    panel = page.exchange
    seen: list[Seen] = []

    async def scenario() -> tuple[str | None, str | None]:
        async def fill(name: str, *, save: bool) -> list[str]:
            dialog = await shown(PresetDialog)
            assert isinstance(dialog, PresetDialog)
            problems = []
            dialog.name_edit.setText("For Mum!")  # refused as typed: the problem shows and Save is off
            problems.append(dialog.problem.text())
            assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
            dialog.name_edit.setText(name)
            third = dialog.combos[next(s for s in dialog.combos if s.value == "third_party")]
            third.setCurrentIndex(third.findData("generalise"))
            assert "Other people as pseudonyms" in dialog.words.text()
            if save:
                dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
            else:
                dialog.reject()
            return problems

        cancelled, _ = await asyncio.gather(panel.new_preset(), fill("never", save=False))
        made, problems = await asyncio.gather(panel.new_preset(), fill("for-mum", save=True))
        assert problems[0].startswith("A preset's name is 1 to 40 lower-case letters")
        return cancelled, made

    cancelled, made = run_qasync(scenario())
    assert cancelled is None and made == "for-mum"
    assert filled.privacy.preset("for-mum").as_dict() == {
        "name": "for-mum", "safe": "keep", "personal": "generalise", "third_party": "generalise"}
    assert panel.selected_preset().name == "for-mum" and panel.preset_list.currentItem().text() == "for-mum (yours)"
    assert panel.delete_preset_button.isEnabled()

    async def delete(button: str) -> bool:
        deleted, _ = await asyncio.gather(panel.delete_preset(), answer(button, seen=seen))
        return deleted

    assert run_qasync(delete("Cancel")) is False
    assert [p.name for p in filled.privacy.presets()][-1] == "for-mum"
    assert run_qasync(delete("Delete")) is True
    assert seen[0].text == "Delete the preset 'for-mum'? Exports already made with it stay as they are."
    assert [p.name for p in filled.privacy.presets()] == ["backup", "friends", "public"]
    assert panel.preset_list.count() == 3


def test_an_export_goes_where_the_user_says_and_is_audited_and_a_cancel_leaves_nothing(
    page: PrivacyPage, filled: Services, tmp_path: Path, run_qasync, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.exchange.export.TICK", 1)  # progress (and a look at Cancel) at every record
    panel = page.exchange
    out = tmp_path / "out"
    out.mkdir()
    panel.folder = out
    panel.select_preset("friends")

    async def scenario(target: Path | None) -> tuple[Path | None, str]:
        path, proposed = await asyncio.gather(panel.export(), pick_file(target))
        return path, proposed

    assert run_qasync(scenario(None))[0] is None  # Cancel in the file dialog
    assert list(out.iterdir()) == [] and panel.no_audit.isVisible()
    path, proposed = run_qasync(scenario(out / "for-friends.json"))
    assert Path(proposed).name == "pintuan-export-friends-2026-11-25.json"
    assert path == out / "for-friends.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["preset"]["name"] == "friends" and "小美" not in text and "宝妈拼团群" not in text
    assert panel.status.text().startswith("Exported ") and str(path) in panel.status.text()
    assert audit(panel)[0][1:] == ["friends", "JSON", audit(panel)[0][3], "for-friends.json"]
    assert int(audit(panel)[0][3]) > 0

    panel.format_combo.setCurrentIndex(panel.format_combo.findData("csv"))
    panel.select_preset("backup")
    assert run_qasync(panel.export(out / "all.zip", cancel_after=0)) is None  # Cancel in the progress dialog
    assert sorted(p.name for p in out.iterdir()) == ["for-friends.json"]  # no file, no temporary one
    assert panel.status.text() == "Export cancelled: no file was written."
    assert len(audit(panel)) == 1
    assert run_qasync(panel.export(out / "all.zip")) == out / "all.zip"
    assert [row[1:3] for row in audit(panel)] == [["backup", "CSV"], ["friends", "JSON"]]
    assert panel.export_button.isEnabled()


@pytest.fixture
def other_machine(tmp_path: Path, clock: FixedClock) -> Path:
    """A backup export from another computer: a 小美 of its own (another id) with a help, and 阿花."""
    services = open_services(tmp_path / "other", clock)
    try:
        services.contacts.create(nickname="小美")
        services.contacts.create(nickname="阿花")
        services.helps.create(direction="given", kind="share", contact="阿花", note="从另一台电脑")
        return export(services, BUILT_IN["backup"], tmp_path / "other.json").path
    finally:
        services.store.close()


def nicknames(services: Services) -> list[str]:
    return sorted(c["nickname"] for c in services.queries.contacts())


def test_an_import_shows_what_it_would_change_first_and_a_no_or_a_cancel_changes_nothing(
    page: PrivacyPage, filled: Services, other_machine: Path, run_qasync, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.exchange.importer.TICK", 1)
    panel = page.exchange
    seen: list[Seen] = []

    async def declined() -> object:
        record, _, _ = await asyncio.gather(panel.import_(), pick_file(other_machine), answer("Cancel", seen=seen))
        return record

    assert run_qasync(declined()) is None
    assert seen[0].title == "Import this backup?"
    assert seen[0].text.startswith("Importing other.json adds ")
    assert nicknames(filled) == ["小美", "阿强"]
    assert panel.status.text() == "Import cancelled: nothing was changed."
    assert run_qasync(panel.import_(other_machine, cancel_after=0)) is None  # Cancel while it checks
    assert nicknames(filled) == ["小美", "阿强"] and panel.import_button.isEnabled()


def test_an_import_merges_and_offers_to_merge_the_look_alike_contacts(
    page: PrivacyPage, filled: Services, other_machine: Path, run_qasync,
) -> None:
    panel = page.exchange
    announced: list[object] = []
    panel.ctx.operation_done.connect(lambda result, _who: announced.append(result))

    async def merge(tick: bool) -> dict:
        async def answer_merge() -> list[str]:
            dialog = await shown(MergeDialog)
            assert isinstance(dialog, MergeDialog)
            rows = [dialog.pairs.item(i).text() for i in range(dialog.pairs.count())]
            if not tick:
                dialog.pairs.item(0).setCheckState(Qt.CheckState.Unchecked)
            dialog.accept()
            return rows

        record, _, rows = await asyncio.gather(panel.import_(other_machine), answer("Import"), answer_merge())
        assert rows == ["小美 (imported) into 小美 (yours)"]
        return record

    record = run_qasync(merge(tick=True))
    assert record["added"] > 0 and len(record["matching_contacts"]) == 1
    assert nicknames(filled) == ["小美", "阿强", "阿花"]  # the two 小美 are one
    assert "从另一台电脑" in [h["note"] for h in filled.queries.helps()]
    kinds = [page.backup_list.topLevelItem(i).text(3) for i in range(page.backup_list.topLevelItemCount())]
    assert kinds == ["Before an import"]  # taken before the import wrote, listed on the other tab at once
    assert panel.status.text().startswith("Imported other.json: ")
    assert panel.status.text().endswith("Look-alike contacts merged: 1.")
    assert announced and announced[0] is not None and "contacts" in announced[0].areas
    # The same file again: nothing to import, and no question.
    again = run_qasync(panel.import_(other_machine))
    assert again["dry_run"] is True and panel.status.text() == "Nothing to import: everything in other.json is here " \
        "already."


def test_an_import_whose_merge_is_declined_keeps_both_contacts(
    page: PrivacyPage, filled: Services, other_machine: Path, run_qasync,
) -> None:
    panel = page.exchange

    async def scenario() -> None:
        async def keep_apart() -> None:
            dialog = await shown(MergeDialog)
            dialog.reject()

        await asyncio.gather(panel.import_(other_machine), answer("Import"), keep_apart())

    run_qasync(scenario())
    assert nicknames(filled) == ["小美", "小美", "阿强", "阿花"]


def test_a_hostile_file_is_refused_with_its_place_and_changes_nothing(
    page: PrivacyPage, filled: Services, tmp_path: Path, run_qasync,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 1, "format_version": 2}', encoding="utf-8")
    seen: list[Seen] = []

    async def scenario() -> object:
        record, _ = await asyncio.gather(page.exchange.import_(bad), answer("OK", seen=seen))
        return record

    assert run_qasync(scenario()) is None
    assert seen[0].title == "Cannot import this file"
    assert seen[0].text == "Refused at format_version: out of order, or given twice"
    assert nicknames(filled) == ["小美", "阿强"] and page.exchange.import_button.isEnabled()
    assert page.exchange.status.text() == "bad.json was not imported: nothing was changed."


def test_the_page_is_reachable_by_keyboard(page: PrivacyPage) -> None:
    panel = page.exchange
    mnemonics = [b.text() for b in (panel.new_preset_button, panel.delete_preset_button, panel.export_button,
                                    panel.import_button)]
    assert all("&" in text for text in mnemonics)
    assert all(w.focusPolicy() != Qt.FocusPolicy.NoFocus for w in (panel.preset_list, panel.format_combo,
                                                                    panel.audit_list))

