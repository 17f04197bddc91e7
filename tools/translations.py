"""Translations: ``python tools/translations.py update`` refreshes the .ts sources from the code (pyside6-lupdate),
``python tools/translations.py release`` compiles them to the .qm files the app loads (pyside6-lrelease),
``python tools/translations.py unfinished`` prints the messages still without a translation as JSON
(``{context: {source: ""}}``) and ``python tools/translations.py fill FILE.json`` writes the translations of
such a file into the .ts source (then ``release``).

Both the widgets' ``self.tr`` and the core's ``app.i18n.translate("context", "text")`` are found by lupdate.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def unfinished(lang: str = "zh_CN") -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for context in ET.parse(ts_path(lang)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and (translation.get("type") == "unfinished" or not translation.text):
                found.setdefault(name, {})[message.findtext("source") or ""] = ""
    return found


def fill(mapping: dict[str, dict[str, str]], lang: str = "zh_CN") -> int:
    """Write translations ``{context: {source: text}}`` into the .ts file; returns how many were written."""
    tree = ET.parse(ts_path(lang))
    count = 0
    for context in tree.getroot().iter("context"):
        texts = mapping.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = texts.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text and translation is not None:
                translation.text = text
                translation.attrib.pop("type", None)
                count += 1
    with open(ts_path(lang), "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    update()  # lupdate writes the file back in its own layout
    return count


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        print("\n".join(map(str, update())))
    elif command == "release":
        print("\n".join(map(str, release())))
    elif command == "unfinished":
        print(json.dumps(unfinished(), ensure_ascii=False, indent=1))
    elif command == "fill" and len(sys.argv) > 2:
        print(fill(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))), "translations written")
    else:
        raise SystemExit("usage: python tools/translations.py update|release|unfinished|fill FILE.json")
