"""The HTML report (``export --format html``): every preset, nothing of other people's in a friends or public one
(the part-1 leak test's markers), hostile names escaped, a section the preset reduces to a count shown as its
count, long lists cut to the latest with the rest counted, the report's language, the audit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from app import i18n
from app.errors import Cancelled
from app.exchange import report_charts
from app.exchange.export import export
from app.privacy.presets import BUILT_IN
from app.services import Services
from tests.test_export import MINE, THEIRS, out, seeded  # noqa: F401  (fixtures)

HOSTILE = "<script>alert('x')</script>"


def html_of(services: Services, preset: str, folder: Path, **kwargs: Any) -> str:
    done = export(services, BUILT_IN[preset], folder / f"{preset}.html", "html", **kwargs)
    assert done.format == "html"
    return done.path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("preset", ["backup", "friends", "public"])
def test_every_preset_writes_one_self_contained_page_and_is_audited(
    seeded: Services, out: Path, preset: str,  # noqa: F811
) -> None:
    text = html_of(seeded, preset, out)
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", text)  # nothing fetched from elsewhere
    assert "<script" not in text.lower()
    assert "Pintuan Quest report" in text and "Level" in text
    [row] = seeded.privacy.audit()
    assert row["format"] == "html" and row["preset"] == preset and row["file_name"] == f"{preset}.html"


@pytest.mark.parametrize("preset", ["friends", "public"])
def test_a_friends_or_public_report_holds_nothing_of_other_people_nor_old_values(
    seeded: Services, out: Path, preset: str,  # noqa: F811
) -> None:
    data = (out / f"{preset}.html")
    export(seeded, BUILT_IN[preset], data, "html")
    raw = data.read_bytes()
    for value in THEIRS + MINE:
        assert value.encode("utf-8") not in raw, value
    text = raw.decode("utf-8")
    if preset == "friends":
        assert "Member #" in text  # the ledger names contacts by their pseudonym
        assert "Mother &amp; baby group" in text  # a group by its kind
        assert "<svg" in text and "Helps given and received per month" in text
    else:
        assert "<svg" not in text  # no records leave: nothing to draw
        assert "The preset lets out their number only" in text


def test_a_backup_report_shows_the_real_names(seeded: Services, out: Path) -> None:  # noqa: F811
    text = html_of(seeded, "backup", out)
    assert "龙傲天同学" in text and "绝密宝妈群名字" in text and "我的秘密空气炸锅" in text
    assert "¥3.00" in text  # the cut of 300 fen, in yuan


def test_every_user_string_is_escaped(services: Services, out: Path) -> None:  # noqa: F811
    group = services.groups.create(name=HOSTILE, vertical="home").entity_id
    who = services.contacts.create(nickname=HOSTILE + "<img src=x onerror=alert(1)>", groups=[str(group)]).entity_id
    services.deals.create(kind="group_buy", title="</td></table><h1>pwned</h1>", group=str(group),
                          participants_needed=3)
    services.helps.create(direction="given", kind="share", contact=str(who), group=str(group))
    services.profile.ensure()
    text = html_of(services, "backup", out)
    assert "<script>" not in text and "<img src=x" not in text and "<h1>pwned" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "&lt;/td&gt;&lt;/table&gt;&lt;h1&gt;pwned&lt;/h1&gt;" in text


def test_the_svg_chart_escapes_its_labels_and_scales_its_bars() -> None:
    chart = report_charts.Chart("t", ["<b>&", "x"], [("<i>", [3, 7])])
    text = report_charts.svg(chart)
    assert "<b>" not in text and "&lt;b&gt;&amp;" in text and "&lt;i&gt;" in text
    heights = [float(h) for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" '
                                            r'fill="#1e7b45"', text)]
    heights = heights[1:]  # the first is the legend's swatch
    assert len(heights) == 2 and heights[1] / heights[0] == pytest.approx(7 / 3, rel=0.02)
    assert report_charts.nice_top(7) == 10 and report_charts.nice_top(130) == 200


def test_long_lists_show_the_latest_and_count_the_rest(services: Services, out: Path) -> None:  # noqa: F811
    from app.exchange.report import LATEST

    who = services.contacts.create(nickname="甲").entity_id
    for _ in range(LATEST + 5):
        services.helps.create(direction="received", kind="share", contact=str(who))
    text = html_of(services, "friends", out)
    assert "…and 5 more, not listed here." in text
    helps = text.split("<h2>Helps</h2>", 1)[1].split("</table>", 1)[0]
    assert helps.count("<tr>") == LATEST + 1  # the header and the latest rows


def test_the_report_follows_the_profile_s_language_or_the_one_asked(seeded: Services, out: Path) -> None:  # noqa: F811
    seeded.profile.ensure()
    with seeded.store.write() as session:
        from app.model import Profile

        session.query(Profile).update({"locale": "zh_CN"})
    chinese = html_of(seeded, "friends", out)
    assert "拼团任务报告" in chinese and "人情账" in chinese and "群友 #" in chinese
    assert 'lang="zh-CN"' in chinese and "Noto Sans CJK SC" in chinese
    assert i18n.current_language() == "en"  # the command's own language is back
    english = html_of(seeded, "friends", out, lang="en")
    assert "Pintuan Quest report" in english and "拼团任务报告" not in english


def test_the_command_line_writes_a_report_in_the_language_asked(cli: Any, out: Path) -> None:  # noqa: F811
    cli.ok("add", "contact", "--nickname", "龙傲天同学", "--phone", "13912345678")
    target = out / "r.html"
    done = cli.json("export", "--preset", "friends", "--format", "html", "-o", str(target), "--lang", "zh_CN")
    assert done["format"] == "html"
    text = target.read_text(encoding="utf-8")
    assert "拼团任务报告" in text and "13912345678" not in text and "龙傲天同学" not in text


def test_a_preset_of_the_user_s_own_shows_what_it_lets_out_and_counts_the_rest(
    seeded: Services, out: Path,  # noqa: F811
) -> None:
    seeded.privacy.save_preset("mine", safe="drop", personal="keep", third_party="drop")
    done = export(seeded, seeded.privacy.preset("mine"), out / "mine.html", "html")
    text = done.path.read_text(encoding="utf-8")
    for value in THEIRS:
        assert value not in text, value
    assert "我的秘密空气炸锅" in text and "我自己的小本本" not in text  # a help's note is not in the report
    ledger = text.split("<h2>Ledger</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Records: 1. The preset lets out their number only." in ledger  # contacts are other people's
    assert "Level" not in text and "Deals by status" not in text  # the safe class (level, statuses) left out
    assert "None" not in text


def test_a_cancelled_report_leaves_no_file_and_no_audit(services: Services, out: Path) -> None:  # noqa: F811
    who = services.contacts.create(nickname="甲").entity_id
    for _ in range(1100):
        services.helps.create(direction="given", kind="share", contact=str(who))
    with pytest.raises(Cancelled):
        export(services, BUILT_IN["friends"], out / "r.html", "html", cancelled=lambda: True)
    assert list(out.iterdir()) == [] and services.privacy.audit() == []
