"""The report as a PDF (``export --format pdf``): the HTML report in the subset Qt's rich text draws, laid out by a
QTextDocument and printed by a QPdfWriter. Here, because only the UI layer may use Qt's painting; the command line
starts an offscreen application for it (:func:`pdf_application`).

Qt's rich text has no SVG: the charts go in as PNG (drawn by :mod:`app.exchange.report_charts` with Pillow) through
the document's resources. The text is set in Noto Sans CJK SC when the system has it, so that Chinese comes out as
text (a reader can search and copy it), not as boxes.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    QSizeF,
    Qt,
    QThread,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.exchange import report_charts
from app.exchange.report import Report, html
from app.files import atomic_output

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
                "PingFang SC")
CHART_WIDTH = 620  # the charts' width on the page, in CSS pixels (the PNG holds three times as many)


def pdf_application() -> QGuiApplication:
    """The application Qt needs to lay out text: the one running, else an offscreen one (a PDF needs no display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.qt_messages import quiet_platform_noise

    quiet_platform_noise()
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else QGuiApplication(["pintuan-quest"])


def cjk_family() -> str | None:
    """The first of :data:`CJK_FAMILIES` the system has."""
    known = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in known), None)


def report_font() -> QFont:
    """The report's text font: the CJK face (else the application's), without its ``locl`` feature: in a Latin run
    Noto Sans CJK's ``locl`` swaps the digits for glyphs no code point maps to, and Qt's PDF then gives them no
    Unicode (a reader copies "on 2026" as control characters). The SC face draws Simplified Chinese without it."""
    family = cjk_family()
    font = QFont(family) if family else QFont()
    font.setFeature(QFont.Tag("locl"), 0)
    font.setPointSizeF(10)
    return font


def document(report: Report) -> QTextDocument:
    """The report laid out by Qt, its charts as PNG resources."""
    doc = QTextDocument()
    doc.setDefaultFont(report_font())
    markup = []
    for index, chart in enumerate(report.charts):
        name = f"chart-{index}.png"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                        QImage.fromData(report_charts.png(chart)))
        size = report_charts.layout(chart)
        markup.append(f'<img src="{name}" width="{CHART_WIDTH}" '
                      f'height="{round(CHART_WIDTH * size.height / size.width)}">')
    doc.setHtml(html(report, charts=markup, for_qt=True))
    return doc


def pdf_bytes(report: Report) -> bytes:
    doc = document(report)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 16, 18, 14), QPageLayout.Unit.Millimeter)
    writer.setTitle(report.title)
    writer.setCreator("Pintuan Quest")
    print_pages(doc, writer, report.words.get("page", "{page} / {pages}"))
    buffer.close()
    return searchable(bytes(data.data()))


def print_pages(doc: QTextDocument, writer: QPdfWriter, page_words: str) -> None:
    """Lay ``doc`` out on the writer's pages and paint them, each with its number at the foot."""
    pages = paginate(doc, writer)
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            paint_page(painter, doc, page, page_words.format(page=page + 1, pages=pages))
    finally:
        painter.end()


def paginate(doc: QTextDocument, device: QPaintDevice) -> int:
    """Lay ``doc`` out in pages of ``device`` (its lengths in the device's dots: fonts, images and tables at their
    print size), a line at each page's foot left for its number; a heading that would end a page goes to the next
    one with what it heads. The number of pages."""
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(device.width(), device.height() - _foot(device)))
    keep_headings_with_next(doc)
    return doc.pageCount()


def paint_page(painter: QPainter, doc: QTextDocument, page: int, number: str) -> None:
    """Paint one page of a :func:`paginate`-d document, and its number at the foot, right."""
    device = painter.device()
    width, height = doc.pageSize().width(), doc.pageSize().height()
    painter.save()
    painter.translate(0, -page * height)
    doc.drawContents(painter, QRectF(0, page * height, width, height))
    painter.restore()
    font = QFont(doc.defaultFont())
    font.setPointSizeF(8)
    painter.setFont(font)
    painter.setPen(QColor("#666666"))
    painter.drawText(QRectF(0, height, width, _foot(device)),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), number)


def _foot(device: QPaintDevice) -> float:
    return device.logicalDpiY() * 0.3  # about 7.5 mm


def keep_headings_with_next(doc: QTextDocument) -> None:
    """A page break before each heading (``<h1>``…``<h3>``, or a run of them) that the layout would leave at the foot
    of a page, apart from the table, chart or text it heads."""
    page_height = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        content = block.next()
        while content.isValid() and (_heading(content) or not content.text().strip()):
            content = content.next()  # a heading's first line of content (an image is one character)
        if _heading(block) and content.isValid():
            top = layout.blockBoundingRect(block).top()
            if int(top // page_height) != int(layout.blockBoundingRect(content).bottom() // page_height):
                form = block.blockFormat()
                form.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(form)
                # Everything after it moves: laid out again whole (Qt's partial relayout of a paginated document
                # leaves a heading after a table with no height, undrawn).
                doc.markContentsDirty(0, doc.characterCount())
                block = content  # the headings between are on the new page with it
                continue
        block = block.next()


def _heading(block: QTextBlock) -> bool:
    return 0 < block.blockFormat().headingLevel() <= 3


_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_RADICAL = re.compile(rb"<(2[EF][0-9A-F]{2})>")
_RANGE = re.compile(rb"<([0-9A-F]{4})> <([0-9A-F]{4})> <")


def searchable(pdf: bytes, family: str | None = None) -> bytes:
    """The PDF with its fonts' Unicode maps giving ideographs, not Kangxi radicals.

    Noto Sans CJK draws the radical U+2F63 and the ideograph 生 U+751F with one glyph, and Qt maps a glyph back to
    the first code point that has it: a reader would copy and search "⽣成" for "生成". Each radical in a
    ``ToUnicode`` map is replaced by the ideograph of its glyph in ``family`` (the report's CJK face), four hex
    digits for four, so no offset moves.
    """
    shared = shared_glyphs(family or cjk_family() or "")
    if not shared:
        return pdf

    def ideograph(found: re.Match[bytes]) -> bytes:
        plain = shared.get(int(found.group(1), 16))
        return found.group(0) if plain is None else b"<%04X>" % plain

    out = bytearray(pdf)
    for number in sorted(set(_TO_UNICODE.findall(pdf))):
        head = re.search(rb"\n" + number + rb" 0 obj\n<< /Length (\d+) >>\nstream\n", pdf)
        if head is None:
            continue
        start, end = head.end(), head.end() + int(head.group(1))
        lines = pdf[start:end].split(b"\n")
        for index, line in enumerate(lines):
            ranged = _RANGE.match(line)
            if ranged is not None and ranged.group(1) != ranged.group(2) and b"[" not in line:
                continue  # a run of consecutive code points: changing its first would shift the others
            lines[index] = _RADICAL.sub(ideograph, line)
        fixed = b"\n".join(lines)
        assert len(fixed) == end - start
        out[start:end] = fixed
    return bytes(out)


@functools.cache
def shared_glyphs(family: str) -> dict[int, int]:
    """Radicals (U+2E80–U+2FDF) that ``family`` draws with an ideograph's glyph: radical -> that ideograph."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
    by_glyph: dict[int, int] = {}
    for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=True):
        if glyph:
            by_glyph.setdefault(glyph, ord(char))
    radicals = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
    return {ord(char): by_glyph[glyph] for char, glyph in zip(radicals, raw.glyphIndexesForString(radicals),
                                                                strict=True) if glyph in by_glyph}


def write_pdf(report: Report, target: Path) -> None:
    """Write the report to ``target``: beside it first, renamed at the end (a failure leaves no file)."""
    content = pdf_bytes(report)
    with atomic_output(target) as file:
        file.write(content)


class _Printer(QObject):
    """Draws a PDF on the thread it lives in (the GUI's), for a caller on another thread, who waits."""

    asked = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.failure: BaseException | None = None
        self.asked.connect(self._print, Qt.ConnectionType.BlockingQueuedConnection)

    def _print(self, report: Report, target: Path) -> None:
        try:
            write_pdf(report, target)
        except BaseException as exc:  # handed to the waiting thread, which raises it
            self.failure = exc


def gui_thread_writer() -> Callable[[Report, Path], None]:
    """A ``pdf_writer`` for an export run on the database thread: the report's records are read and summed up
    there, and the PDF drawn on the GUI thread (Qt's text layout starts timers, which a thread without an event
    loop cannot run). Make it on the GUI thread."""
    printer = _Printer()

    def write(report: Report, target: Path) -> None:
        if QThread.currentThread() == printer.thread():
            write_pdf(report, target)
            return
        printer.failure = None
        printer.asked.emit(report, target)
        if printer.failure is not None:
            raise printer.failure

    return write
