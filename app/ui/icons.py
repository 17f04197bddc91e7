"""Sharp monochrome icons at any scale: the SVGs in ``resources/icons/pages`` drawn in the palette's colours.

The files draw in ``#000000``; the engine puts the palette's text colour in its place when it paints (the
highlighted-text colour for a selected item, the disabled one for a disabled control), so the icons follow
light and dark themes, and renders the SVG at the exact device size, so they stay crisp at any DPI.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.resource_files import resource_path

INK = b"#000000"


class TintedSvgIconEngine(QIconEngine):
    """Paints one SVG in the colour the icon's mode calls for."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}
        self._clones: list[QIconEngine] = []

    def clone(self) -> QIconEngine:
        # Qt takes the clone for a detached copy of the icon, but PySide6 leaves it owned by Python: without a
        # reference here it is freed on return and the copy points at freed memory (a crash on first use).
        engine = TintedSvgIconEngine(self._svg)
        self._clones.append(engine)
        return engine

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        elif mode == QIcon.Mode.Selected:
            color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
        else:
            color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
        name = color.name()
        renderer = self._renderers.get(name)
        if renderer is None:
            renderer = QSvgRenderer(QByteArray(self._svg.replace(INK, name.encode())))
            self._renderers[name] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, rect.toRectF())

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        finally:
            painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size


@cache
def page_icon(name: str) -> QIcon:
    """The sidebar icon ``resources/icons/pages/<name>.svg``; an empty icon when the file is missing."""
    path = resource_path("icons", "pages", f"{name}.svg")
    try:
        svg = path.read_bytes()
    except OSError:
        return QIcon()
    return QIcon(TintedSvgIconEngine(svg))
