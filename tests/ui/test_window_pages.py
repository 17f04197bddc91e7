"""Every page opens on a demo database, and every interactive control can be found by a screen reader."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.services import Services
from app.store import Store
from app.ui.context import PageContext
from app.ui.main_window import MainWindow
from app.ui.tasks import DbRunner
from app.ui.today_page import load_today

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit)


def _inside_another_control(widget: QWidget) -> bool:
    """Line edits inside spin boxes and combo boxes, clear buttons, headers, corner buttons: Qt's own parts."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit) or parent.inherits("QCalendarWidget") \
                or parent.inherits("QMenuBar"):
            return True
        parent = parent.parentWidget()
    return False


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    return id(widget) in buddies


def test_every_page_opens_on_demo_data_and_controls_have_names(qtbot, tmp_path: Path, clock: FixedClock,
                                                                settings: QSettings) -> None:
    folder = tmp_path / "demo"
    create_demo_folder(folder, clock, activities=800, seed=4)
    store = Store.open(folder)
    runner = DbRunner()
    try:
        services = Services(store, clock)
        window = MainWindow(folder, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        context = PageContext(services, runner, window)
        window.today_page.set_data(load_today(services))
        window.build_all_pages()
        for page in window.data_pages():
            if hasattr(page, "attach"):
                page.attach(context)
            page.set_data(page.load(services))
        for index in range(window.pages.count()):
            window.sidebar.setCurrentRow(index)
            assert window.pages.currentIndex() == index
        buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() is not None}
        unnamed = [
            f"{type(w).__name__} {w.objectName()!r} in {type(w.window()).__name__}"
            for w in window.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and not _inside_another_control(w) and not _named(w, buddies)
        ]
        assert not unnamed, unnamed[:10]
        unreachable = [type(w).__name__ for w in window.findChildren(QWidget)
                       if isinstance(w, QLineEdit | QComboBox | QAbstractButton) and not _inside_another_control(w)
                       and w.isEnabled() and w.focusPolicy() == Qt.FocusPolicy.NoFocus
                       and not w.inherits("QToolButton")]
        assert not unreachable, unreachable[:10]
    finally:
        runner.shutdown()
        store.close()
