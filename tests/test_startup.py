"""A command loads only what it needs: no Alembic unless a migration is due, no Qt, and the cheap stand-ins for
both (the schema's head read from the scripts, the catalogue read without QTranslator, a zone found from its own
file) give the answers of what they stand in for."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import zoneinfo
from pathlib import Path

import pytest

from app import clock, i18n
from app.revisions import script_head, stored_revision
from app.store import MIGRATIONS_DIR, Store, head_revision

ROOT = Path(__file__).resolve().parent.parent

# Runs the commands given as JSON in a fresh interpreter, then prints which of the heavy packages it imported.
PROBE = textwrap.dedent(
    """
    import json, sys
    from app.main import main
    codes = [main(argv) for argv in json.loads(sys.argv[1])]
    heavy = sorted({name.split(".")[0] for name in sys.modules} & {"alembic", "mako", "PySide6", "PIL"})
    print(json.dumps({"codes": codes, "heavy": heavy}))
    """
)


def _probe(*commands: list[str]) -> dict[str, list[object]]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(commands)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False, env=dict(os.environ, LANG="zh_CN.UTF-8"))
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder with a database at the head revision, a contact and a help."""
    data = tmp_path / "data"
    assert _probe(["add", "contact", "--nickname", "小美", "--data-dir", str(data)])["codes"] == [0]
    return data


def test_plain_commands_import_neither_alembic_nor_qt(folder: Path) -> None:
    data = str(folder)
    probe = _probe(
        ["add", "help", "--direction", "given", "--kind", "share", "--contact", "小美", "--data-dir", data],
        ["list", "helps", "--data-dir", data],
        ["ledger", "--data-dir", data, "--lang", "zh_CN"],
        ["delete", "contact", "nobody", "--data-dir", data],  # bad input: exit 2
    )
    assert probe == {"codes": [0, 0, 0, 2], "heavy": []}


def test_a_due_migration_still_runs_through_alembic(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_0004.sqlite3", folder / "pintuan.sqlite3")
    probe = _probe(["list", "helps", "--data-dir", str(folder)])
    assert probe["codes"] == [0] and "alembic" in probe["heavy"]
    conn = sqlite3.connect(folder / "pintuan.sqlite3")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    conn.close()
    assert list((folder / "backups").glob("*-before-*.sqlite3")), "a migration backs up first"


def test_the_scripts_head_is_alembics(tmp_path: Path) -> None:
    assert script_head(MIGRATIONS_DIR) == head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_next.py").write_text(
        f'revision: str = "9001"\ndown_revision: str | None = "{head_revision()}"\n', encoding="utf-8")
    assert script_head(scripts) == "9001"
    (scripts / "versions" / "9002_branch.py").write_text(
        f"revision = '9002'\ndown_revision = '{head_revision()}'\n", encoding="utf-8")
    assert script_head(scripts) is None  # two heads: Alembic decides
    (scripts / "versions" / "9003_merge.py").write_text(
        "revision = '9003'\ndown_revision = ('9001', '9002')\n", encoding="utf-8")
    assert script_head(scripts) == "9003"
    (scripts / "versions" / "9004_odd.py").write_text("revision = make_one()\n", encoding="utf-8")
    assert script_head(scripts) is None


def test_the_stored_revision_only_when_there_is_exactly_one(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3")
    assert stored_revision(conn) is None
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    assert stored_revision(conn) is None
    conn.execute("INSERT INTO alembic_version VALUES ('0005')")
    assert stored_revision(conn) == "0005"
    conn.execute("INSERT INTO alembic_version VALUES ('0006')")
    assert stored_revision(conn) is None
    conn.close()


def test_a_database_at_head_is_not_migrated(store: Store) -> None:
    assert store.at_head()
    assert store.migrate() is False
    assert not list((store.data_dir / "backups").glob("*-before-*"))


def test_the_catalogue_reads_as_qtranslator_does() -> None:
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    qt = QTranslator()
    assert qt.load(i18n.catalogue_path("zh_CN"))
    i18n.set_language("zh_CN")
    tree = ET.parse(ROOT / "resources" / "i18n" / "pintuan_zh_CN.ts")
    pairs = [(ctx.findtext("name") or "", msg.findtext("source") or "")
             for ctx in tree.getroot().iter("context") for msg in ctx.iter("message")]
    assert len(pairs) > 500
    differ = [(c, s) for c, s in pairs if i18n.translate(c, s) != (qt.translate(c, s) or s)]
    assert not differ, differ[:5]
    assert i18n.translate("cli", "Nothing yet.") != "Nothing yet."  # translated, not passed through
    assert i18n.translate("cli", "no such message") == "no such message"


def test_a_broken_catalogue_falls_back_to_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "pintuan_zh_CN.qm"
    bad.write_bytes(i18n.QM_MAGIC + b"\x69\x00\x00\x01\x00\x03\xff")  # a section longer than the file
    monkeypatch.setattr(i18n, "catalogue_path", lambda lang: str(bad))
    assert i18n.set_language("zh_CN") == "zh_CN"
    assert i18n.translate("cli", "Nothing yet.") == "Nothing yet."


def test_a_zone_is_found_from_its_own_file_as_the_whole_list_would() -> None:
    listed = zoneinfo.available_timezones() - clock.NOT_ZONES
    names = {"", "../UTC", "zone.tab", "posix/Asia/Shanghai", "right/UTC", "localtime", "posixrules"}
    for root in zoneinfo.TZPATH:
        for folder, dirs, files in os.walk(root):
            names.update(os.path.relpath(os.path.join(folder, n), root) for n in (*dirs, *files))
    wrong = sorted(name for name in names if clock._listed(name) != (name in listed))
    assert not wrong, wrong[:10]
    assert clock.find_zone(" asia/SHANGHAI ") == zoneinfo.ZoneInfo("Asia/Shanghai")
    assert clock.zone_name(zoneinfo.ZoneInfo("Asia/Shanghai")) == "Asia/Shanghai"


def test_a_command_process_freezes_its_loaded_code_and_collects_again(folder: Path) -> None:
    code = textwrap.dedent(
        """
        import atexit, gc, sys
        atexit.register(lambda: print(gc.get_freeze_count(), gc.isenabled()))
        from app.main import run
        sys.argv = ["pintuan-quest", "list", "helps", "--data-dir", sys.argv[1]]
        run()
        """
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    frozen, enabled = done.stdout.split()[-2:]
    assert int(frozen) > 100_000 and enabled == "True"


def test_a_command_run_in_process_freezes_nothing(folder: Path) -> None:
    import gc
    import io

    from app.main import main

    before = gc.get_freeze_count()
    assert main(["list", "helps", "--data-dir", str(folder)], out=io.StringIO()) == 0
    assert gc.get_freeze_count() == before and gc.isenabled()
