"""Quest packs and the paths the user names: nothing outside quests/ removed, hostile packs refused in one line.

Disk-full and read-only cases run on a small tmpfs when the tests may mount one (root on Linux); elsewhere they
are skipped with the reason, and the same promises are checked with a failing ``fsync`` from the system.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from app import files
from app.clock import FixedClock
from app.errors import InvalidInput, StoreError
from app.quests import schema
from app.quests.catalogue import load_catalogue
from tests.disks import fill, tmpfs
from tests.test_cli import Cli

HEAD = 'id = "{id}"\nversion = {version}\ntitle = {{ en = "T" }}\nstory = {{ en = "S" }}\n'
STEP = '[[steps]]\nid = "one"\ntitle = {{ en = "One" }}\ngoal = {goal}\n'


def pack_text(pack_id: str = "my-pack", version: int = 1, goal: str = '{ event = "help.given" }') -> str:
    return HEAD.format(id=pack_id, version=version) + STEP.format(goal=goal)


def nested_goal(levels: int) -> str:
    """A goal with ``levels`` goals inside each other (1: a leaf)."""
    goal = '{ event = "help.given" }'
    for _ in range(levels - 1):
        goal = "{ all = [" + goal + "] }"
    return goal


@pytest.fixture
def world(cli: Cli) -> Cli:
    cli.ok("add", "contact", "--nickname", "Alice")
    cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "Alice")
    return cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- uninstall removes nothing but an installed pack ---------------------------------------------------------------


@pytest.mark.parametrize("as_absolute", [False, True])
def test_uninstall_refuses_a_path_and_removes_nothing_outside(world: Cli, tmp_path: Path, as_absolute: bool) -> None:
    victim = write(tmp_path / "project" / "pyproject.toml", "[project]\n")
    world.ok("quests", "install", str(write(tmp_path / "my-pack.toml", pack_text())))
    quests = world.data_dir / "quests"
    pack_id = str(victim.with_suffix("")) if as_absolute else os.path.relpath(victim.with_suffix(""), quests)
    err = world.fails("quests", "uninstall", pack_id)
    assert "No installed pack" in err
    assert victim.read_text() == "[project]\n"
    assert sorted(p.name for p in quests.iterdir()) == ["my-pack.toml"]


@pytest.mark.parametrize("pack_id", ["", ".", "my-pack/../my-pack", "MY-PACK", "my-pack\n", "x" * 65, "a\x00b"])
def test_uninstall_takes_only_an_installed_id(world: Cli, tmp_path: Path, pack_id: str) -> None:
    world.ok("quests", "install", str(write(tmp_path / "my-pack.toml", pack_text())))
    assert "No installed pack" in world.fails("quests", "uninstall", pack_id)
    assert (world.data_dir / "quests" / "my-pack.toml").is_file()


def test_uninstall_of_a_symlinked_pack_removes_the_link_not_its_target(world: Cli, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "linked.toml", pack_text("linked"))
    (world.data_dir / "quests").mkdir()
    (world.data_dir / "quests" / "linked.toml").symlink_to(outside)
    assert any(c["id"] == "linked" for c in world.json("quests"))  # followed: it is a regular file
    world.ok("quests", "uninstall", "linked")
    assert outside.read_text(encoding="utf-8") == pack_text("linked")
    assert list((world.data_dir / "quests").iterdir()) == []


def test_install_over_a_symlink_replaces_the_link_not_its_target(world: Cli, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "my-pack.toml", pack_text())
    (world.data_dir / "quests").mkdir()
    link = world.data_dir / "quests" / "my-pack.toml"
    link.symlink_to(outside)
    world.ok("quests", "install", str(write(tmp_path / "v2.toml", pack_text(version=2))))
    assert outside.read_text(encoding="utf-8") == pack_text()
    assert not link.is_symlink() and "version = 2" in link.read_text(encoding="utf-8")


# -- hostile packs: one line, exit 2, the file named, nothing installed ------------------------------------------


HOSTILE = {
    "arrays-500-deep": HEAD.format(id="deep", version=1) + "x = " + "[" * 500 + "]" * 500 + "\n",
    "goal-all-300-deep": pack_text("deep", goal=nested_goal(300)),
    "int-5000-digits": HEAD.format(id="big", version="1" * 5000),
    "hex-int-5000-digits": HEAD.format(id="big", version="0x" + "f" * 5000),
    "int-with-underscores": HEAD.format(id="big", version="_".join("1" * 5000)),
    "dotted-key-5000-parts": HEAD.format(id="dots", version=1) + "a." * 5000 + "b = 1\n",
    "dotted-key-under-a-deep-header": HEAD.format(id="dots", version=1) + "[a.b.c.d.e]\nf.g.h.i = 1\n",
    "goal-7-deep": pack_text("deep", goal=nested_goal(7)),
    "goal-21-children": pack_text("wide", goal="{ any = [" + ", ".join(['{ event = "help.given" }'] * 21) + "] }"),
    "not-utf8": "id = \"x\"\n# \udcff\n",
    "thousands-of-wrong-keys": HEAD.format(id="keys", version=1) + "".join(f"k{i} = {i}\n" for i in range(5000)),
}
EXPECTED = {
    "arrays-500-deep": "nested more than 24 deep",
    "goal-all-300-deep": "nested more than 24 deep",
    "int-5000-digits": "longer than 15 digits",
    "hex-int-5000-digits": "longer than 15 digits",
    "int-with-underscores": "longer than 15 digits",
    "dotted-key-5000-parts": "more than 8 parts",
    "dotted-key-under-a-deep-header": "more than 8 parts",
    "goal-7-deep": "goals nested more than 6 deep",
    "goal-21-children": "at most 20 items",
    "not-utf8": "not UTF-8",
    "thousands-of-wrong-keys": "and 4996 more problems",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_pack_is_one_line_naming_the_file(world: Cli, tmp_path: Path, case: str) -> None:
    pack = tmp_path / f"{case}.toml"
    pack.write_bytes(HOSTILE[case].encode("utf-8", "surrogateescape"))
    err = world.fails("quests", "install", str(pack))
    assert f"{case}.toml" in err and EXPECTED[case] in err, err
    assert len(err) < 1000
    assert not (world.data_dir / "quests").exists()


def test_the_deepest_goal_allowed_installs_and_counts(world: Cli, tmp_path: Path) -> None:
    world.ok("quests", "install", str(write(tmp_path / "deep.toml", pack_text("deep", goal=nested_goal(6)))))
    assert next(c for c in world.json("quests") if c["id"] == "deep")["status"] == "done"


def test_a_pack_over_the_size_cap_is_refused(world: Cli, tmp_path: Path) -> None:
    pack = write(tmp_path / "large.toml", pack_text("large") + "# " + "x" * schema.MAX_PACK_BYTES + "\n")
    err = world.fails("quests", "install", str(pack))
    assert "large.toml" in err and "too large" in err


@pytest.mark.timeout(60)
def test_a_fifo_given_as_the_pack_is_refused_at_once(world: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    err = world.fails("quests", "install", str(fifo))
    assert "pack.toml" in err and "named pipe" in err


def test_a_folder_or_a_missing_file_given_as_the_pack(world: Cli, tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    assert "is a folder" in world.fails("quests", "install", str(tmp_path / "folder.toml"))
    assert "Cannot read" in world.fails("quests", "install", str(tmp_path / "missing.toml"))


# -- a bad pack in quests/: one clear line, and the way out works -------------------------------------------------


@pytest.mark.timeout(60)
def test_a_fifo_in_quests_is_one_line_and_uninstall_removes_it(world: Cli) -> None:
    quests = world.data_dir / "quests"
    quests.mkdir()
    os.mkfifo(quests / "evil.toml")
    for argv in (("quests",), ("list", "contacts"), ("add", "contact", "--nickname", "Bob"), ("badges",)):
        err = world.fails(*argv, code=1)
        assert "evil.toml" in err and "named pipe" in err and "quests uninstall evil" in err, err
    world.ok("quests", "uninstall", "evil")
    assert not (quests / "evil.toml").exists()
    world.ok("add", "contact", "--nickname", "Bob")
    world.ok("recompute", "--verify")


def test_a_broken_pack_in_quests_does_not_block_removing_another(world: Cli, tmp_path: Path) -> None:
    world.ok("quests", "install", str(write(tmp_path / "good.toml", pack_text("good"))))
    write(world.data_dir / "quests" / "bad.toml", HOSTILE["arrays-500-deep"])
    err = world.fails("quests", code=1)
    assert "bad.toml" in err and "nested more than 24 deep" in err and "quests uninstall bad" in err
    # Removing the good one works, then the broken one is still reported in one line.
    code, out, err = world("quests", "uninstall", "good")
    assert code == 1 and "Removed quest pack good." in out and "bad.toml" in err and err.count("\n") == 1
    world.ok("quests", "uninstall", "bad")
    assert all(not c["installed"] for c in world.json("quests"))


def test_a_badly_named_broken_file_says_to_delete_it(cli: Cli) -> None:
    write(cli.data_dir / "quests" / "My Pack.toml", "not toml")
    err = cli.fails("quests", code=1)
    assert "My Pack.toml" in err and "delete the file" in err


def test_installed_packs_that_do_not_fit_together_are_the_folders_fault(cli: Cli) -> None:
    write(cli.data_dir / "quests" / "a.toml", pack_text("same"))
    write(cli.data_dir / "quests" / "b.toml", pack_text("same"))
    err = cli.fails("quests", code=1)
    assert "do not fit together" in err and "Chain id used twice: same" in err


@pytest.mark.parametrize("target", ["fifo", "dangling", "regular"])
def test_symlinks_in_quests_are_followed_to_regular_files_only(cli: Cli, tmp_path: Path, target: str) -> None:
    quests = cli.data_dir / "quests"
    quests.mkdir(parents=True)
    pointee = tmp_path / "elsewhere.toml"
    if target == "fifo":
        os.mkfifo(pointee)
    elif target == "regular":
        write(pointee, pack_text("linked"))
    (quests / "linked.toml").symlink_to(pointee)
    if target == "regular":
        assert next(c for c in cli.json("quests") if c["id"] == "linked")["installed"] is True
        return
    err = cli.fails("quests", code=1)
    assert "linked.toml" in err and ("named pipe" in err if target == "fifo" else "Cannot read" in err)


def test_install_writes_the_bytes_it_validated(world: Cli, tmp_path: Path) -> None:
    pack = write(tmp_path / "my-pack.toml", pack_text())
    world.ok("quests", "install", str(pack))
    assert (world.data_dir / "quests" / "my-pack.toml").read_bytes() == pack.read_bytes()
    assert [p.name for p in (world.data_dir / "quests").iterdir()] == ["my-pack.toml"]


# -- reading files: regular only, bounded, never blocking -----------------------------------------------------------


@pytest.mark.timeout(60)
def test_a_fifo_swapped_in_after_the_check_does_not_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    real_stat = os.stat
    regular = real_stat(__file__)

    def stat_before_the_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return regular if Path(path) == fifo else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_before_the_swap)  # the check saw a regular file; the open gets a FIFO
    with pytest.raises(files.NotRegularFile, match="named pipe"):
        files.read_regular_file(fifo, 1000)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_the_size_limit_holds_for_files_that_report_no_size() -> None:
    proc = Path("/proc/self/status")
    assert os.stat(proc).st_size == 0 and stat.S_ISREG(os.stat(proc).st_mode)
    with pytest.raises(files.FileTooLarge):
        files.read_regular_file(proc, 10)


def test_read_regular_file_reads_exactly_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert files.read_regular_file(path, 100) == b"x" * 100
    with pytest.raises(files.FileTooLarge):
        files.read_regular_file(path, 99)
    assert files.is_regular_file(path) and not files.is_regular_file(tmp_path)
    assert not files.is_regular_file(tmp_path / "missing") and not files.is_regular_file(Path("a\x00b"))


# -- writing files: whole or not at all ---------------------------------------------------------------------------


def test_atomic_write_keeps_the_old_file_when_the_disk_fills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pack.toml"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the system's answer on a full disk; tmpfs tests below do it for real
    with pytest.raises(OSError) as caught:
        files.atomic_write_bytes(target, b"new" * 1000)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["pack.toml"]


def test_atomic_write_applies_the_umask_and_replaces_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"keep")
    link = tmp_path / "link"
    link.symlink_to(outside)
    files.atomic_write_bytes(link, b"new")
    assert outside.read_bytes() == b"keep" and not link.is_symlink() and link.read_bytes() == b"new"
    old = os.umask(0o027)
    try:
        files._umask.cache_clear()
        files.atomic_write_bytes(tmp_path / "private", b"x")
    finally:
        os.umask(old)
        files._umask.cache_clear()
    assert stat.S_IMODE(os.stat(tmp_path / "private").st_mode) == 0o640


def test_atomic_writes_from_threads_never_show_half_a_file(tmp_path: Path) -> None:
    target = tmp_path / "shared"
    payloads = [bytes([n]) * 200_000 for n in range(8)]
    threads = [threading.Thread(target=files.atomic_write_bytes, args=(target, p)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads and [p.name for p in tmp_path.iterdir()] == ["shared"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 160 KiB tmpfs for the test (room for two large badges)."""
    with tmpfs(tmp_path / "disk", "160k") as where:
        yield where


def remount_read_only(where: Path) -> None:
    done = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"remounting read-only was refused: {done.stderr.strip()}")


def big_pack(pack_id: str = "big-pack") -> str:
    text = HEAD.format(id=pack_id, version=1)
    for i in range(40):
        text += f'[[steps]]\nid = "s{i}"\ntitle = {{ en = "{"y" * 1900}" }}\ngoal = {{ event = "help.given" }}\n'
    return text


def test_install_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, clock: FixedClock,
                                                               small_disk: Path) -> None:
    small = Cli(small_disk / "data", clock)
    small_quests = small_disk / "data" / "quests"
    small_quests.mkdir(parents=True)
    small.ok("quests", "install", str(write(tmp_path / "my-pack.toml", pack_text())))
    before = (small_quests / "my-pack.toml").read_bytes()
    fill(small_quests)
    err = small.fails("quests", "install", str(write(tmp_path / "big-pack.toml", big_pack())), code=1)
    assert "disk holding" in err and "full" in err and "big-pack.toml" in err
    assert sorted(p.name for p in small_quests.iterdir()) == ["filler.bin", "my-pack.toml"]
    assert (small_quests / "my-pack.toml").read_bytes() == before
    (small_quests / "filler.bin").unlink()
    small.ok("quests", "install", str(tmp_path / "big-pack.toml"))


def test_install_and_uninstall_on_a_read_only_disk(tmp_path: Path, clock: FixedClock, small_disk: Path) -> None:
    small = Cli(small_disk / "data", clock)
    small.ok("quests", "install", str(write(tmp_path / "my-pack.toml", pack_text())))
    remount_read_only(small_disk)
    err = small.fails("quests", "install", str(write(tmp_path / "v2.toml", pack_text(version=2))), code=1)
    assert "cannot be written" in err
    err = small.fails("quests", "uninstall", "my-pack", code=1)
    assert "cannot be written" in err and "my-pack.toml" in err
    assert (small_disk / "data" / "quests" / "my-pack.toml").read_text(encoding="utf-8") == pack_text()


# -- badges render --out --------------------------------------------------------------------------------------------


def test_render_refuses_a_file_or_a_path_under_a_file(cli: Cli, tmp_path: Path) -> None:
    afile = write(tmp_path / "afile", "keep")
    for out in (afile, afile / "sub"):
        err = cli.fails("badges", "render", "--out", str(out))
        assert str(out) in err and "not a folder" in err
    assert afile.read_text() == "keep"


def test_render_refuses_an_empty_out(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for out in ("", "  "):
        assert "--out needs a folder name" in cli.fails("badges", "render", "--out", out)
    assert list(tmp_path.iterdir()) == []


def test_render_on_a_full_disk_leaves_only_whole_pictures(cli: Cli, small_disk: Path) -> None:
    err = cli.fails("badges", "render", "--out", str(small_disk / "art"), code=1)
    assert "disk holding" in err and "full" in err
    left = list((small_disk / "art").iterdir())
    assert left and all(p.suffix == ".png" for p in left)  # no temporary file stays behind
    for path in left:
        with Image.open(path) as picture:
            picture.verify()


def test_render_on_a_read_only_disk_is_exit_1(cli: Cli, small_disk: Path) -> None:
    (small_disk / "art").mkdir()
    remount_read_only(small_disk)
    err = cli.fails("badges", "render", "--out", str(small_disk / "art"), code=1)
    assert "cannot be written" in err


# -- the TOML scan: never refuses what is valid within the limits, never lets the parser fail ------------------


KEYS = st.sampled_from(["a", "b-c", "d_e", "1", '"x.y"', "'[z]'", '"#q"', '"\\"k"'])
TEXT = st.text(alphabet=st.sampled_from(list("ab ,.=#[]{}'\"\\\n\t0123") + ["中"]), max_size=12)
SCALARS = st.one_of(TEXT, st.integers(-(10**15) + 1, 10**15 - 1), st.booleans())


def _string(value: str, form: int) -> str:
    if form == 1 and "'" not in value and "\n" not in value:
        return f"'{value}'"
    if form == 2 and "'''" not in value and not value.startswith("\n"):
        return f"'''{value}'''"
    if form == 3:
        return '"""' + json.dumps(value, ensure_ascii=False)[1:-1] + '"""'
    return json.dumps(value, ensure_ascii=False)


def _toml(value: Any, form: int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value, form)
    if isinstance(value, list):
        return "[\n  " + ", # [[ {\n  ".join(_toml(v, form) for v in value) + "\n]"
    return "{ " + ", ".join(f"{k} = {_toml(v, form)}" for k, v in value.items()) + " }"


def _nest(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # A named function, not a two-line lambda: hypothesis reads the source to see that the argument is used.
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3))


VALUES = st.recursive(SCALARS, _nest, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=4), st.integers(0, 3), KEYS)
def test_the_scan_passes_every_valid_document_within_the_limits(doc: dict[str, Any], form: int, table: str) -> None:
    text = "".join(f"{k} = {_toml(v, form)} # ] '\n" for k, v in doc.items()) + f"[tbl.{table}]\nk.l = 1\n"
    expected = tomllib.loads(text)
    assert schema.parse_toml("doc.toml", text.encode()) == expected


NOISE = st.text(alphabet=st.sampled_from(list("[]{}\"'#=.,\n ax0123_\\")), max_size=400)


@settings(max_examples=400, deadline=None)
@given(NOISE, st.integers(0, 600), NOISE)
def test_any_text_is_parsed_or_refused_in_one_line(before: str, depth: int, after: str) -> None:
    text = before + "\nx = " + "[" * depth + after + "]" * depth + "\n" + before
    try:
        schema.parse_chain("noise.toml", text.encode())
    except InvalidInput as exc:
        assert exc.message.startswith("noise.toml") and "\n" not in exc.message


def test_builtin_content_and_the_examples_pass_the_scan() -> None:
    catalogue = load_catalogue()
    assert catalogue.chains and catalogue.achievements
    root = Path(__file__).resolve().parent.parent
    for path in [*(root / "docs" / "examples").glob("*.toml"), *(root / "app" / "quests" / "content").rglob("*.toml")]:
        assert schema._toml_problem(path.read_text(encoding="utf-8")) is None, path


def test_store_error_for_installed_and_invalid_input_for_a_candidate(cli: Cli, tmp_path: Path) -> None:
    write(cli.data_dir / "quests" / "bad.toml", "x = [[[")
    with pytest.raises(StoreError, match="bad.toml"):
        load_catalogue(cli.data_dir)
    with pytest.raises(InvalidInput, match="candidate.toml"):
        load_catalogue(None, extra=(write(tmp_path / "candidate.toml", "x = [[["),))


def test_the_badge_cache_takes_only_a_language_code_for_its_file_names(tmp_path: Path) -> None:
    from app.quests import badges

    achievement = load_catalogue().achievements[0]
    cache = tmp_path / "cache"
    for lang in ("../../x", "en/..", "", "zh_CN\n"):
        with pytest.raises(ValueError, match="language code"):
            badges.badge_path(cache, achievement, 1, 64, lang)
    assert not cache.exists() and list(tmp_path.iterdir()) == []
    assert badges.badge_path(cache, achievement, 1, 64, "zh_CN").parent == cache
