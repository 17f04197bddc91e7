"""The PDF report (``export --format pdf``): Qt lays the HTML report out and prints it; every preset, nothing of
other people's in a friends or public PDF (its extracted text and its raw bytes), Chinese that comes out as text,
the command line's offscreen application, and the window's Export… for the two report formats."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pypdf
import pytest

from app.exchange.export import export
from app.privacy.presets import BUILT_IN
from app.services import Services
from app.ui.context import PageContext
from app.ui.pages.privacy import PrivacyPage
from app.ui.report_pdf import write_pdf
from app.ui.tasks import DbRunner
from tests.test_export import MINE, THEIRS, seeded  # noqa: F401  (a fixture)
from tests.ui.boxes import pick_file

ROOT = Path(__file__).resolve().parents[2]


def pdf_of(services: Services, preset: str, folder: Path, **kwargs: Any) -> Path:
    done = export(services, BUILT_IN[preset], folder / f"{preset}.pdf", "pdf", pdf_writer=write_pdf, **kwargs)
    assert done.format == "pdf"
    return done.path


def pdf_text(path: Path) -> str:
    """The text a reader extracts, each run of spaces and tabs as one space (pypdf writes a gap as a tab)."""
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"[ \t]+", " ", "\n".join(page.extract_text() for page in reader.pages))


def raw_streams(path: Path) -> bytes:
    """The PDF's bytes, then each of its streams inflated (Qt compresses the pages' text and the fonts)."""
    data = path.read_bytes()
    out = [data]
    for found in re.finditer(rb"(?<!end)stream\r?\n", data):
        with contextlib.suppress(zlib.error):  # an uncompressed stream is in ``data`` as it is
            out.append(zlib.decompressobj().decompress(data[found.end():]))
    assert len(out) > 3
    return b"\n".join(out)


@pytest.mark.parametrize("preset", ["backup", "friends", "public"])
def test_every_preset_prints_a_pdf_that_is_audited(
    qapp, seeded: Services, tmp_path: Path, preset: str,  # noqa: F811
) -> None:
    path = pdf_of(seeded, preset, tmp_path)
    reader = pypdf.PdfReader(path)
    assert path.read_bytes().startswith(b"%PDF-") and len(reader.pages) >= 1
    text = pdf_text(path)
    assert "Pintuan Quest report" in text and "Level" in text
    assert re.search(rf"Made on \d{{4}}-\d{{2}}-\d{{2}} with the share preset '{preset}'", text)  # digits as text
    assert reader.metadata is not None and reader.metadata.title == "Pintuan Quest report"
    [row] = seeded.privacy.audit()
    assert (row["format"], row["preset"], row["file_name"]) == ("pdf", preset, f"{preset}.pdf")
    if preset == "backup":
        compact = re.sub(r"\s+", "", text)
        assert "龙傲天同学" in compact and "我的秘密空气炸锅" in compact
    if preset == "public":
        assert "The preset lets out their number only" in text


@pytest.mark.parametrize("preset", ["friends", "public"])
def test_a_friends_or_public_pdf_holds_nothing_of_other_people(
    qapp, seeded: Services, tmp_path: Path, preset: str,  # noqa: F811
) -> None:
    path = pdf_of(seeded, preset, tmp_path)
    text = pdf_text(path)
    compact = re.sub(r"\s+", "", text)  # a value a line break cut in two
    raw = raw_streams(path)
    for value in THEIRS + MINE:
        assert value not in text and value not in compact, value
        for encoded in (value.encode("utf-8"), value.encode("utf-16-be")):
            assert encoded not in raw, value
    if preset == "friends":
        assert "Member#" in compact


def test_a_chinese_report_s_pdf_has_its_chinese_words_as_text(qapp, seeded: Services, tmp_path: Path) -> None:  # noqa: F811
    text = pdf_text(pdf_of(seeded, "friends", tmp_path, lang="zh_CN"))
    # 生, 人, 长 and 见 share their glyph with a Kangxi or supplement radical in Noto Sans CJK: still ideographs
    compact = re.sub(r"\s+", "", text)
    for words in ("拼团任务报告", "人情账", "等级、积分和徽章", "群友#", "逐月统计", "母婴群", "生成", "个人资料",
                  "见下文"):
        assert words in compact, words
    assert not re.search("[\u2e80-\u2fdf]", text)  # no radical where an ideograph was written
    assert re.search(r"\d{4}-\d{2}-\d{2}\s*生成", text)  # digits stay digits


def test_no_heading_ends_a_page_and_every_heading_is_drawn(qapp, services: Services, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from app.ui.report_pdf import _heading, document, paginate

    group = services.groups.create(name="群", vertical="home").entity_id
    who = services.contacts.create(nickname="甲", groups=[str(group)]).entity_id
    for number in range(40):  # lists long enough to cross pages
        services.deals.create(kind="group_buy", title=f"团 {number}", group=str(group), participants_needed=3)
        services.helps.create(direction="given", kind="share", contact=str(who), group=str(group))
    made = []

    def writer(report: Any, target: Path) -> None:
        made.append(report)
        write_pdf(report, target)

    path = export(services, BUILT_IN["backup"], tmp_path / "r.pdf", "pdf", pdf_writer=writer).path
    assert len(pypdf.PdfReader(path).pages) >= 3 and "Page 1 of " in pdf_text(path)
    page = QImage(600, 900, QImage.Format.Format_RGB32)  # a small page: more page ends to fall on
    page.setDotsPerMeterX(3937)
    page.setDotsPerMeterY(3937)
    doc = document(made[0])
    assert paginate(doc, page) >= 3
    layout, height = doc.documentLayout(), doc.pageSize().height()
    block, headings = doc.begin(), []
    while block.isValid():
        if _heading(block):
            content = block.next()
            while _heading(content) or not content.text().strip():
                content = content.next()
            top, bottom = layout.blockBoundingRect(block).top(), layout.blockBoundingRect(content).bottom()
            assert layout.blockBoundingRect(block).height() > 0, block.text()  # drawn
            assert int(top // height) == int(bottom // height), block.text()  # with what it heads
            headings.append(block.text())
        block = block.next()
    assert {"Deals", "Helps", "Ledger", "Month by month"} <= set(headings)


@pytest.mark.slow
def test_the_command_line_prints_a_pdf_on_its_own_offscreen_application(tmp_path: Path) -> None:
    data, target = tmp_path / "data", tmp_path / "r.pdf"
    run = [sys.executable, "-m", "app", "--data-dir", str(data)]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY, no QT_QPA_PLATFORM
    subprocess.run([*run, "add", "contact", "--nickname", "龙傲天同学"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    done = subprocess.run([*run, "export", "--preset", "friends", "--format", "pdf", "-o", str(target),
                           "--lang", "zh_CN"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = pdf_text(target)
    assert "拼团任务报告" in text and "龙傲天同学" not in text


@pytest.mark.parametrize(("fmt", "name"), [("html", "report.html"), ("pdf", "report.pdf")])
def test_the_window_exports_a_report_through_its_file_dialog(
    qtbot, filled: Services, runner: DbRunner, tmp_path: Path, run_qasync, fmt: str, name: str,
) -> None:
    page = PrivacyPage(filled.store.data_dir)
    qtbot.addWidget(page)
    page.show()
    page.attach(PageContext(filled, runner))
    page.set_data(page.load(filled))
    panel = page.exchange
    folder = tmp_path / "out"
    folder.mkdir()
    panel.folder = folder
    panel.select_preset("friends")
    panel.format_combo.setCurrentIndex(panel.format_combo.findData(fmt))

    async def scenario() -> tuple[Path | None, str]:
        return await asyncio.gather(panel.export(), pick_file(folder / name))  # type: ignore[return-value]

    path, proposed = run_qasync(scenario())
    assert Path(proposed).name == f"pintuan-export-friends-2026-11-25.{fmt}"
    assert path == folder / name and sorted(p.name for p in folder.iterdir()) == [name]
    text = path.read_text(encoding="utf-8") if fmt == "html" else pdf_text(path)
    assert "Pintuan Quest report" in text and "小美" not in text and "宝妈拼团群" not in text
    assert panel.audit_list.topLevelItem(0).text(2) == fmt.upper()
