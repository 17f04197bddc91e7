"""The core never sees a screen: nothing outside app.ui imports QtWidgets, QtGui or qasync."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys

    FORBIDDEN = ("PySide6.QtWidgets", "PySide6.QtGui", "qasync")

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name in FORBIDDEN or name.startswith(tuple(f + "." for f in FORBIDDEN)):
                raise ImportError(f"{name} imported outside app.ui")
            return None

    sys.meta_path.insert(0, Block())
    """
)


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )


def test_every_core_module_imports_without_qt_widgets() -> None:
    result = _run(
        """
        import importlib, pkgutil, app
        seen = []
        for info in pkgutil.walk_packages(app.__path__, "app."):
            name = info.name
            if name.startswith(("app.ui", "app.migrations")) or name == "app.__main__":
                continue
            importlib.import_module(name)
            seen.append(name)
        print(len(seen), " ".join(seen))
        """
    )
    assert result.returncode == 0, result.stderr
    count, names = result.stdout.split(" ", 1)
    assert int(count) >= 15
    for module in ("app.main", "app.store", "app.model", "app.services.ledger", "app.cli.commands"):
        assert module in names.split()


def test_data_commands_run_without_qt_widgets(tmp_path: Path) -> None:
    result = _run(
        """
        import sys
        from app.main import main
        code = main(["add", "group", "--name", "生鲜团购", "--data-dir", sys.argv[1]])
        code += main(["list", "groups", "--json", "--data-dir", sys.argv[1]])
        code += main(["ledger", "--data-dir", sys.argv[1]])
        sys.exit(code)
        """,
        str(tmp_path / "d"),
    )
    assert result.returncode == 0, result.stderr
    assert "生鲜团购" in result.stdout
