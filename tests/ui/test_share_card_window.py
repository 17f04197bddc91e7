"""The share card in the window: the Privacy & Export page's "Share card…" shows the selected preset's card, saves
the picture previewed where the user says, and lists it with the exports; Export… writes cards and badges too."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit

from app.services import Services
from app.ui.pages.privacy import PrivacyPage
from app.ui.pages.share_card_dialog import PREVIEW_HEIGHT, ShareCardDialog
from tests.test_baked_badges import png_chunks
from tests.ui import test_page_export
from tests.ui.boxes import pick_file, shown, until, visible

page = test_page_export.page  # the Privacy & Export page on the small community of tests/ui/conftest.py


async def pick_unfocused(path: Path) -> str:
    """:func:`pick_file` once the chooser's name field has lost the focus it takes when the preview closes (Qt
    leaves a focused field's text alone on selectFile)."""
    await until(lambda: visible(QFileDialog))
    for field in visible(QFileDialog)[-1].findChildren(QLineEdit):
        field.clearFocus()
    return await pick_file(path)


def audit(page: PrivacyPage) -> list[list[str]]:
    tree = page.exchange.audit_list
    return [[tree.topLevelItem(i).text(c) for c in range(5)] for i in range(tree.topLevelItemCount())]


def test_share_card_previews_the_preset_s_card_and_saves_that_picture(
    page: PrivacyPage, filled: Services, tmp_path: Path, run_qasync,
) -> None:
    panel = page.exchange
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    panel.folder = tmp_path
    panel.select_preset("public")
    assert panel.card_button.isEnabled()
    seen: dict[str, object] = {}

    async def look_and(button: str) -> None:
        dialog = await shown(ShareCardDialog)
        assert isinstance(dialog, ShareCardDialog)
        pixmap = dialog.picture.pixmap()
        seen["size"] = (pixmap.width(), pixmap.height())
        seen["about"] = " ".join(label.text() for label in dialog.findChildren(type(dialog.picture)))
        if button == "save":
            dialog.save_button.click()
        else:
            dialog.reject()

    async def closed() -> Path | None:
        path, _ = await asyncio.gather(panel.share_card(), look_and("close"))
        return path

    assert run_qasync(closed()) is None and list(tmp_path.iterdir()) == []
    assert seen["size"] == (PREVIEW_HEIGHT * 1080 // 1350, PREVIEW_HEIGHT)
    assert "Public" in str(seen["about"])

    async def saved() -> tuple[Path | None, str]:
        path, _, proposed = await asyncio.gather(panel.share_card(), look_and("save"),
                                                 pick_unfocused(tmp_path / "mine.png"))
        return path, proposed

    path, proposed = run_qasync(saved())
    assert Path(proposed).name == "pintuan-export-public-2026-11-25.png"
    assert path == tmp_path / "mine.png" and path.is_file()
    assert not {kind for kind, _ in png_chunks(path.read_bytes())} - {b"IHDR", b"IDAT", b"IEND", b"PLTE", b"tRNS"}
    assert panel.status.text() == f"Saved the share card with the preset 'public' to {path}."
    assert audit(page)[0][1:3] == ["public", "CARD"] and audit(page)[0][4] == "mine.png"
    assert filled.privacy.audit()[0]["format"] == "card"


def test_export_offers_the_card_and_the_badges(page: PrivacyPage, filled: Services, tmp_path: Path,
                                               run_qasync) -> None:
    panel = page.exchange
    formats = [panel.format_combo.itemData(i) for i in range(panel.format_combo.count())]
    assert {"card", "badges"} <= set(formats)
    panel.select_preset("friends")
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("badges"))
    panel.folder = tmp_path = tmp_path / "out"
    tmp_path.mkdir()

    async def export() -> tuple[Path | None, str]:
        path, proposed = await asyncio.gather(panel.export(), pick_file(tmp_path / "badges.zip"))
        return path, proposed

    path, proposed = run_qasync(export())
    assert Path(proposed).suffix == ".zip" and path == tmp_path / "badges.zip"
    with zipfile.ZipFile(path) as archive:
        assert all(name.endswith(".png") for name in archive.namelist())
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("card"))
    assert panel.status.text().startswith("Wrote ") and "baked Open Badges" in panel.status.text()
    assert run_qasync(panel.export(tmp_path / "card.png")) == tmp_path / "card.png"
    assert panel.status.text() == f"Wrote the share card with the preset 'friends' to {tmp_path / 'card.png'}."
    assert [row[1:3] for row in audit(page)][:2] == [["friends", "CARD"], ["friends", "BADGES"]]
