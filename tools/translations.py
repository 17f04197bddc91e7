"""Translations: ``python tools/translations.py update`` refreshes the .ts sources from the code (pyside6-lupdate),
``python tools/translations.py release`` compiles them to the .qm files the app loads (pyside6-lrelease).

Both the widgets' ``self.tr`` and the core's ``app.i18n.translate("context", "text")`` are found by lupdate.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts)


def ts_path(lang: str) -> Path:
    return I18N / f"pintuan_{lang}.ts"


def update(target_dir: Path = I18N) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        target = target_dir / f"pintuan_{lang}.ts"
        if target_dir != I18N and ts_path(lang).exists():
            shutil.copy(ts_path(lang), target)
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-target-language", lang,
             "-ts", str(target)],
            cwd=ROOT, check=True, capture_output=True,
        )
        written.append(target)
    return written


def release(source_dir: Path = I18N, target_dir: Path = I18N) -> list[Path]:
    written = []
    for lang in LANGUAGES:
        qm = target_dir / f"pintuan_{lang}.qm"
        subprocess.run(
            [tool("pyside6-lrelease"), str(source_dir / f"pintuan_{lang}.ts"), "-qm", str(qm)],
            cwd=ROOT, check=True, capture_output=True,
        )
        written.append(qm)
    return written


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        print("\n".join(map(str, update())))
    elif command == "release":
        print("\n".join(map(str, release())))
    else:
        raise SystemExit("usage: python tools/translations.py update|release")
