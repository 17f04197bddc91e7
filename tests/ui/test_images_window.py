"""Pictures in the window: the avatar in Settings and a deal's screenshot in its form are chosen, shown, refused
(the message shown, the picture kept), removed, and stored clean; the file dialog takes JPEG, PNG and WebP."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services import Services
from app.ui.context import PageContext
from app.ui.pages.deals import DealsPage
from app.ui.pages.settings import SettingsPage
from app.ui.tasks import DbRunner
from tests.test_images import assert_clean, gif, jpeg_with_everything, png_with_everything


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {"photo.jpg": jpeg_with_everything((120, 60), orientation=6), "shot.png": png_with_everything(),
            "anim.gif": gif(), "cut.jpg": jpeg_with_everything((300, 200))[:600]}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in made}


@pytest.fixture
def settings_page(qtbot, services: Services, runner: DbRunner, tmp_path: Path) -> SettingsPage:
    page = SettingsPage(services.store.data_dir, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                        demo_dir=tmp_path / "demo")
    qtbot.addWidget(page)
    page.show()
    page.attach(PageContext(services, runner))
    return page


def test_the_avatar_is_chosen_shown_refused_and_removed(run_qasync, settings_page: SettingsPage, services: Services,
                                                        files: dict[str, Path]) -> None:
    page, box = settings_page, settings_page.avatar

    async def go() -> None:
        assert await page.show_avatar() is False
        assert box.data is None and box.thumb.text() == "No picture" and not box.remove_button.isEnabled()
        assert await box.choose(files["photo.jpg"]) is True
        for _ in range(50):  # the write it starts runs in the database thread
            if services.images.avatar() is not None:
                break
            await asyncio.sleep(0.05)
        stored = services.images.avatar()
        assert stored is not None and (stored["width"], stored["height"]) == (60, 120)  # turned upright
        assert_clean(stored["data"], stored["mime"])
        assert box.data == stored["data"] and not box.thumb.icon().isNull() and box.remove_button.isEnabled()
        assert "60 × 120 pixels" in box.thumb.toolTip()
        for bad in ("anim.gif", "cut.jpg"):  # refused: the message shows, the picture stays
            assert await box.choose(files[bad]) is False
            assert box.error.isVisibleTo(page) and box.error.text().endswith(".")
            assert box.data == stored["data"] and services.images.avatar() == stored
        assert "JPEG, PNG or WebP" in (await _message(box, files["anim.gif"]))
        box.remove_button.click()
        for _ in range(50):
            if services.profile.get()["avatar_id"] is None:
                break
            await asyncio.sleep(0.05)
        assert services.images.avatar() is None and box.data is None
        assert not box.error.isVisibleTo(page)

    run_qasync(go())


async def _message(box, path: Path) -> str:
    await box.choose(path)
    return str(box.error.text())


def test_the_file_dialog_takes_jpeg_png_and_webp(run_qasync, settings_page: SettingsPage) -> None:
    box = settings_page.avatar

    async def go() -> bool:
        task = asyncio.ensure_future(box.choose())
        for _ in range(50):
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
            if dialogs:
                break
            await asyncio.sleep(0.02)
        (dialog,) = dialogs
        assert dialog.nameFilters() == ["Pictures (*.jpg *.jpeg *.png *.webp)"]
        assert dialog.fileMode() == QFileDialog.FileMode.ExistingFile
        dialog.reject()
        return await task

    assert run_qasync(go()) is False
    assert box.data is None


def test_a_deal_screenshot_is_chosen_saved_shown_larger_and_removed(
        qtbot, run_qasync, services: Services, runner: DbRunner, files: dict[str, Path]) -> None:
    services.deals.create(kind="boost", title="外卖红包助力", mine=True)
    services.deals.create(kind="boost", title="抢票加速包", mine=True)
    page = DealsPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    ctx = PageContext(services, runner)
    page.attach(ctx)
    page.set_data(page.load(services))
    titles = [page.proxy.index(r, page.NAME_COLUMN).data() for r in range(page.proxy.rowCount())]
    page.view.selectRow(titles.index("外卖红包助力"))
    box = page.picture

    async def go() -> None:
        assert box.data is None and not page._dirty
        assert await box.choose(files["anim.gif"]) is False  # refused: nothing to save
        assert not page._dirty and box.error.text()
        assert await box.choose(files["shot.png"]) is True
        assert page._dirty  # Save is enabled once the services have checked the draft (save() waits for it)
        assert await page.save() is True
        (deal,) = [d for d in services.queries.deals() if d["title"] == "外卖红包助力"]
        stored = services.images.get(deal["image_id"])
        assert stored is not None and stored["mime"] == "image/png"
        assert_clean(stored["data"], "image/png")
        # Another deal shows none; back on this one, its screenshot is read from the services.
        page.view.selectRow(titles.index("抢票加速包"))
        assert box.data is None
        page.view.selectRow(titles.index("外卖红包助力"))
        assert await page.show_stored_picture(page._picture_of, deal["image_id"]) is True
        assert box.data == stored["data"]
        viewer = box.show_larger()
        assert viewer is not None and viewer.isVisible()
        assert viewer.image.pixmap().size().toTuple() == (stored["width"], stored["height"])
        viewer.close()
        box.remove_button.click()
        assert page._dirty
        assert await page.save() is True
        (deal,) = [d for d in services.queries.deals() if d["title"] == "外卖红包助力"]
        assert deal["image_id"] is None and services.images.get(stored["id"]) is None

    run_qasync(go())
