"""Translations: the Chinese catalogue is complete and its compiled .qm is up to date with the code."""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import i18n
from app.main import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translations as tool  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg.find("translation")  # type: ignore[misc]
        for ctx in tree.getroot().iter("context")
        for msg in ctx.iter("message")
    }


def test_catalogue_has_every_string_of_the_code(tmp_path: Path) -> None:
    fresh = tool.update(tmp_path)[0]
    committed = set(_messages(tool.ts_path("zh_CN")))
    missing = set(_messages(fresh)) - committed
    assert not missing, f"run `python tools/translations.py update` and translate: {sorted(missing)[:10]}"


def test_every_chinese_message_is_finished_and_keeps_its_placeholders() -> None:
    problems = []
    for (context, source), translation in _messages(tool.ts_path("zh_CN")).items():
        text = (translation.text or "").strip() or "".join(f.text or "" for f in translation.iter("numerusform"))
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"unfinished: {context}: {source}")
        elif set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
            problems.append(f"placeholders differ: {context}: {source} -> {text}")
    assert not problems, "\n".join(problems[:20])


CJK = re.compile(r"[\u4e00-\u9fff]")
INPUT_SYNTAX = re.compile(r"[\w.]+:[\w.]+(?:; [\w.]+:[\w.]+)*")  # what is typed: "人数:元", "2:39.90; 3:29.90"
FILE_FILTER = re.compile(r"\(\*[^)]*\)")  # "(*.json)": Qt reads file dialog filters in ASCII brackets


def test_chinese_keeps_its_words_and_its_punctuation() -> None:
    """活动 is an activity window (活动时段), never a deal; a balance is not money (余额); Chinese sentences take
    full-width punctuation, not "?" or ", "."""
    problems = []
    for (context, source), translation in _messages(tool.ts_path("zh_CN")).items():
        text = translation.text or ""
        if not CJK.search(text):
            continue
        if re.search(r"活动(?!时段)", text) or "余额" in text:
            problems.append(f"word: {context}: {source} -> {text}")
        text = INPUT_SYNTAX.sub("", text)
        bare = FILE_FILTER.sub("", re.sub(r"\{[a-z_]+\}|--?[a-z-]+|https?://\S+|&[a-z]+;", "", text))
        if re.search(r"[?!;]|, |(?<![0-9A-Za-z]):(?![0-9])", bare):
            problems.append(f"punctuation: {context}: {source} -> {text}")
    assert not problems, "\n".join(problems[:20])


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    built = tool.release(target_dir=tmp_path)[0]
    committed = ROOT / "resources" / "i18n" / built.name
    assert committed.read_bytes() == built.read_bytes(), "run `python tools/translations.py release` and commit the .qm"


def test_command_line_errors_speak_chinese(tmp_path: Path) -> None:
    err = io.StringIO()
    code = main(["add", "deal", "--kind", "coupon", "--title", "x", "--data-dir", str(tmp_path), "--lang", "zh_CN"],
                out=io.StringIO(), err=err)
    assert code == 2
    message = err.getvalue()
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert "group_buy, bargain, boost" in message
    assert i18n.current_language() == "zh_CN"
    err = io.StringIO()
    main(["add", "help", "--contact", "小美", "--data-dir", str(tmp_path), "--lang", "zh_CN"], out=io.StringIO(),
         err=err)
    assert "互助记录必须填写方向" in err.getvalue()  # was "互助记录必须填写direction"


@pytest.mark.parametrize("value", ["zh", "zh-CN", "zh_CN.UTF-8", "ZH_cn"])
def test_language_names_normalise(value: str) -> None:
    assert i18n.normalise_language(value) == "zh_CN"
    assert i18n.normalise_language("de_DE") == "en"


def test_resources_are_found_from_the_checkout() -> None:
    from app.resource_files import resource_path

    assert resource_path("i18n", "pintuan_zh_CN.qm").is_file()
    assert resource_path("icons", "pintuan-quest.svg").is_file()


def test_every_context_is_a_class_or_a_translate_call_so_qt_finds_it_at_run_time() -> None:
    # lupdate files ``toast.tr("…")`` (a call on a variable) under the context "toast", but Qt looks the text up
    # under the class, "Toast": such a message is translated in the catalogue and shows in English.
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "app").rglob("*.py"))
    contexts = {name for name, _source in _messages(ROOT / "resources" / "i18n" / "pintuan_zh_CN.ts")}
    orphans = sorted(name for name in contexts if not re.search(rf"class {re.escape(name)}\b", code)
                     and not re.search(rf"translate\(\s*[\"']{re.escape(name)}[\"']", code))
    assert orphans == []
