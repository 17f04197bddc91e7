"""The change contract (docs/changes.md): every write reports exactly the areas whose rows or files it changed.

The oracle reads the database file and the data folder before and after each write, by itself: every row of every
table (a table's area from ``TABLE_AREAS``, a column's from ``COLUMN_AREAS``, a game-state row's from
``state_areas``) and the files of the folders in ``FOLDER_AREAS``. Every public write of the services has cases
here, found by introspection: a new write without one fails :func:`test_every_write_has_a_case`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from app import recovery
from app.clock import FixedClock
from app.demo import reset_demo_folder
from app.errors import InvalidInput
from app.model import Base, Contact, Deal, DealStatus
from app.services import Services, game_store, queries
from app.services.base import OpResult, Service
from app.services.changes import (
    BACKUPS,
    COLUMN_AREAS,
    DATA,
    DEALS,
    FOLDER_AREAS,
    GAME,
    GAME_PARTS,
    TABLE_AREAS,
    Changes,
    state_areas,
)
from app.services.game import GameService
from app.store import Store, database_path

PACK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "fresh-food-friend.toml"

# -- the oracle: what really changed ------------------------------------------------------------------------


def snapshot(data_dir: Path) -> dict[Any, Any]:
    """The rows of every table, split by area (``(table, area)``: the sorted rows of its columns in that area), the
    game state by key, and the files of the data folder's watched folders."""
    shot: dict[Any, Any] = {}
    conn = sqlite3.connect(f"file:{database_path(data_dir)}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'alembic_version'")]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if table == "game_state":
                shot[table] = dict(rows)
                continue
            areas = {c: COLUMN_AREAS.get((table, c), TABLE_AREAS[table]) for c in columns}
            for area in set(areas.values()):
                picked = [i for i, c in enumerate(columns) if areas[c] == area]
                shot[(table, area)] = sorted(repr([row[i] for i in picked]) for row in rows)
    finally:
        conn.close()
    for name in FOLDER_AREAS:
        folder = data_dir / name
        files = sorted(folder.iterdir()) if folder.is_dir() else []
        shot[f"folder:{name}"] = [(p.name, p.stat().st_size, p.read_bytes() if p.suffix == ".toml" else b"")
                                  for p in files if p.is_file()]
    return shot


def changed_areas(before: dict[Any, Any], after: dict[Any, Any]) -> set[str]:
    areas: set[str] = set()
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "game_state":
            old, new = old or {}, new or {}
            for state_key in old.keys() | new.keys():
                if old.get(state_key) != new.get(state_key):
                    areas |= state_areas(state_key, old.get(state_key), new.get(state_key))
        elif isinstance(key, tuple):
            areas.add(key[1])
        else:
            areas.add(FOLDER_AREAS[key.removeprefix("folder:")])
    if areas & GAME_PARTS:
        areas.add(GAME)
    return areas


# -- a small community with a bit of everything ----------------------------------------------------------


@dataclass
class World:
    """The services over a community: ids by name."""

    s: Services
    clock: FixedClock
    store: Store
    ids: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


def build(services: Services, clock: FixedClock, store: Store) -> World:
    s, ids = services, {}
    s.profile.ensure()

    def keep(name: str, result: OpResult) -> None:
        ids[name] = str(result.entity_id)

    keep("shop", s.groups.create(name="团购群", windows=["Mon-Fri 19:00-22:00"], daily_request_limit=3))
    keep("club", s.groups.create(name="读书会"))
    keep("lonely", s.groups.create(name="没人说话的群"))  # only a contact links to it
    keep("alice", s.contacts.create(nickname="Alice", groups=[ids["shop"]]))
    keep("bob", s.contacts.create(nickname="Bob", groups=[ids["lonely"]]))
    keep("carol", s.contacts.create(nickname="Carol"))
    keep("dan", s.contacts.create(nickname="Dan", groups=[ids["club"]]))
    keep("pot", s.deals.create(kind="bargain", title="砍价锅", group=ids["shop"], original_fen=1000, target_fen=600))
    keep("fruit", s.deals.create(kind="group_buy", title="拼团水果", group=ids["shop"], participants_needed=3,
                                 participants_joined=1, deadline=clock.now() + dt.timedelta(hours=2)))
    keep("spare", s.deals.create(kind="group_buy", title="没人要的", tiers=[(2, 500), (5, 400)]))
    s.deals.record_cut(ids["pot"], 100, contact=ids["carol"])  # Carol's cut, no help logged
    clock.advance(minutes=5)
    keep("cut_help", s.helps.create(direction="received", kind="bargain_cut", contact=ids["alice"],
                                    deal=ids["pot"], amount_fen=100))
    keep("share", s.helps.create(direction="given", kind="share", contact=ids["dan"], group=ids["club"]))
    keep("request", s.requests.create(group=ids["shop"], deal=ids["fruit"]))
    s.ledger.settle(ids["carol"], note="两清")
    clock.advance(minutes=5)
    return World(s, clock, store, ids)


# -- the cases ----------------------------------------------------------------------------------------------

Call = Callable[[], OpResult]


@dataclass(frozen=True)
class Case:
    """One write, made ready by ``prepare`` (which may write first: the call alone is measured)."""

    method: str
    prepare: Callable[[World], Call]
    refused: bool = False  # the write must raise InvalidInput and change nothing
    replaces: bool = False  # the database is replaced: every area is reported
    far: bool = False  # needs a correction far back: only with SMALL game thresholds


CASES: dict[str, Case] = {}


def case(method: str, *, refused: bool = False, replaces: bool = False,
         far: bool = False) -> Callable[[Callable[[World], Call]], Any]:
    def register(prepare: Callable[[World], Call]) -> Callable[[World], Call]:
        CASES[f"{method}:{prepare.__name__}"] = Case(method, prepare, refused, replaces, far)
        return prepare
    return register


@case("groups.create")
def group_with_windows(w: World) -> Call:
    return lambda: w.s.groups.create(name="新群", windows=["Sat 10:00-12:00"])


@case("groups.edit")
def group_rules(w: World) -> Call:
    return lambda: w.s.groups.edit(w["shop"], rules="不许刷屏", windows=["Mon-Sun 19:00-22:00"])


@case("groups.edit")
def group_unchanged(w: World) -> Call:
    return lambda: w.s.groups.edit(w["shop"], name="团购群")


@case("groups.edit")
def group_joined_earlier(w: World) -> Call:
    return lambda: w.s.groups.edit(w["club"], joined_at=w.clock.now() - dt.timedelta(days=30))


@case("groups.archive")
def group_archived(w: World) -> Call:
    return lambda: w.s.groups.archive(w["club"])


@case("groups.delete")
def group_a_contact_is_met_in(w: World) -> Call:
    return lambda: w.s.groups.delete(w["lonely"])  # Bob's link goes with it: his groups change


@case("groups.delete", refused=True)
def group_with_deals(w: World) -> Call:
    return lambda: w.s.groups.delete(w["shop"])


@case("contacts.create")
def contact_in_a_group(w: World) -> Call:
    return lambda: w.s.contacts.create(nickname="Eve", groups=[w["club"]])


@case("contacts.edit")
def contact_trust_and_groups(w: World) -> Call:
    return lambda: w.s.contacts.edit(w["bob"], trust="trusted", groups=[w["club"]])


@case("contacts.edit")
def contact_notes(w: World) -> Call:
    return lambda: w.s.contacts.edit(w["bob"], notes="住在三号楼")


@case("contacts.edit")
def contact_unchanged(w: World) -> Call:
    return lambda: w.s.contacts.edit(w["bob"], nickname="Bob")


@case("contacts.edit")
def contact_phone_forgotten(w: World) -> Call:
    w.s.contacts.edit(w["bob"], phone="13800000000")
    return lambda: w.s.contacts.edit(w["bob"], phone="", forget_old=True)  # the old number out of the history


@case("erasure.erase_contact")
def contact_erased(w: World) -> Call:
    w.s.contacts.edit(w["carol"], phone="13800000000")
    return lambda: w.s.erasure.erase_contact(w["carol"])  # her record, her edit's payload, her settlement's note


@case("erasure.wipe", replaces=True)
def wiped(w: World) -> Call:
    return lambda: w.s.erasure.wipe()


@case("contacts.archive")
def contact_archived(w: World) -> Call:
    return lambda: w.s.contacts.archive(w["bob"])


@case("contacts.delete")
def contact_with_a_settlement_and_a_cut(w: World) -> Call:
    return lambda: w.s.contacts.delete(w["carol"])  # the database drops the settlement and forgets the cut's helper


@case("contacts.delete", refused=True)
def contact_with_helps(w: World) -> Call:
    return lambda: w.s.contacts.delete(w["alice"])


@case("contacts.merge")
def contacts_merged(w: World) -> Call:
    return lambda: w.s.contacts.merge(w["alice"], w["carol"])  # Carol's cut and settlement move or go


@case("contacts.merge", refused=True)
def contact_with_itself(w: World) -> Call:
    return lambda: w.s.contacts.merge(w["alice"], w["alice"])


@case("deals.create")
def deal_full_at_once(w: World) -> Call:
    return lambda: w.s.deals.create(kind="group_buy", title="够人了", participants_needed=2, participants_joined=2)


@case("deals.edit")
def deal_cancelled_by_an_edit(w: World) -> Call:
    return lambda: w.s.deals.edit(w["fruit"], status="cancelled", notes="不买了")


@case("deals.edit")
def deal_unchanged(w: World) -> Call:
    return lambda: w.s.deals.edit(w["fruit"], title="拼团水果")


@case("deals.edit")
def deal_started_earlier(w: World) -> Call:
    return lambda: w.s.deals.edit(w["spare"], started_at=w.clock.now() - dt.timedelta(days=1))


@case("deals.set_status")
def deal_succeeded(w: World) -> Call:
    return lambda: w.s.deals.set_status(w["fruit"], "succeeded")


@case("deals.set_status")
def deal_status_unchanged(w: World) -> Call:
    return lambda: w.s.deals.set_status(w["fruit"], "open")


@case("deals.set_status", refused=True)
def deal_closed_twice(w: World) -> Call:
    w.s.deals.set_status(w["fruit"], "failed")
    return lambda: w.s.deals.set_status(w["fruit"], "succeeded")


@case("deals.join_count")
def deal_joined_by_enough(w: World) -> Call:
    return lambda: w.s.deals.join_count(w["fruit"], 3)


@case("deals.record_cut")
def deal_cut_to_its_target(w: World) -> Call:
    return lambda: w.s.deals.record_cut(w["pot"], 200, contact=w["bob"])


@case("deals.expire_due")
def deal_past_its_deadline(w: World) -> Call:
    w.clock.advance(hours=3)
    return lambda: w.s.deals.expire_due()


@case("deals.expire_due")
def deal_none_due(w: World) -> Call:
    return lambda: w.s.deals.expire_due()


@case("deals.delete")
def deal_with_tiers(w: World) -> Call:
    return lambda: w.s.deals.delete(w["spare"])


@case("deals.delete", refused=True)
def deal_with_helps(w: World) -> Call:
    return lambda: w.s.deals.delete(w["pot"])


@case("requests.create")
def request_posted(w: World) -> Call:
    return lambda: w.s.requests.create(group=w["shop"])


@case("requests.edit")
def request_moved(w: World) -> Call:
    return lambda: w.s.requests.edit(w["request"], at=w.clock.now() - dt.timedelta(days=1), note="昨天发的")


@case("requests.delete")
def request_deleted(w: World) -> Call:
    return lambda: w.s.requests.delete(w["request"])


@case("helps.create")
def help_cut_that_succeeds_the_deal(w: World) -> Call:
    # Bob is not in the shop group yet: the help links him to it, and his cut brings the pot to its target.
    return lambda: w.s.helps.create(direction="received", kind="bargain_cut", contact=w["bob"], group=w["shop"],
                                    deal=w["pot"], amount_fen=200)


@case("helps.create")
def help_given(w: World) -> Call:
    return lambda: w.s.helps.create(direction="given", kind="share", contact=w["alice"])


@case("helps.create", refused=True)
def help_in_the_future(w: World) -> Call:
    return lambda: w.s.helps.create(direction="given", kind="share", contact=w["alice"],
                                    at=w.clock.now() + dt.timedelta(days=1))


@case("helps.edit")
def help_cut_made_larger(w: World) -> Call:
    return lambda: w.s.helps.edit(w["cut_help"], amount_fen=300)


@case("helps.edit")
def help_note(w: World) -> Call:
    return lambda: w.s.helps.edit(w["share"], note="谢谢")


@case("helps.delete")
def help_with_a_cut_that_had_succeeded_the_deal(w: World) -> Call:
    w.s.deals.record_cut(w["pot"], 200)  # the pot reaches its target: succeeded automatically
    return lambda: w.s.helps.delete(w["cut_help"])  # its cut goes: the pot is open again


@case("ledger.settle")
def settled(w: World) -> Call:
    return lambda: w.s.ledger.settle(w["alice"])


@case("profile.ensure")
def profile_there(w: World) -> Call:
    return lambda: w.s.profile.ensure()


@case("privacy.save_preset")
def preset_saved(w: World) -> Call:
    return lambda: w.s.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")


@case("privacy.save_preset")
def preset_replaced(w: World) -> Call:
    w.s.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    return lambda: w.s.privacy.save_preset("for-mum", safe="keep", personal="drop", third_party="drop")


@case("privacy.save_preset", refused=True)
def preset_named_as_a_built_in(w: World) -> Call:
    return lambda: w.s.privacy.save_preset("friends", safe="keep", personal="keep", third_party="keep")


@case("privacy.delete_preset")
def preset_deleted(w: World) -> Call:
    w.s.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    return lambda: w.s.privacy.delete_preset("for-mum")


@case("privacy.record_export")
def export_audited(w: World) -> Call:
    return lambda: w.s.privacy.record_export(w.s.privacy.preset("friends"), "json", Path("x.json"), {"helps": 3})


@case("links.flag")
def link_flagged_on_a_deal(w: World) -> Call:
    return lambda: w.s.links.flag("https://mobile.yangkeduo.com@evil.example/goods.html", deal=w["pot"])


@case("links.flag")
def link_flagged_alone(w: World) -> Call:
    return lambda: w.s.links.flag("javascript:alert(1)", note="陌生人私聊发的")


@case("links.flag", refused=True)
def link_flagged_of_a_deal_without_one(w: World) -> Call:
    return lambda: w.s.links.flag(deal=w["spare"])


@case("profile.edit")
def profile_name(w: World) -> Call:
    return lambda: w.s.profile.edit(display_name="小王")


@case("profile.edit")
def profile_language(w: World) -> Call:
    return lambda: w.s.profile.edit(locale="zh_CN")


@case("profile.edit")
def profile_unchanged(w: World) -> Call:
    return lambda: w.s.profile.edit(timezone="Asia/Shanghai")


@case("profile.set_timezone")
def zone_far_away(w: World) -> Call:
    return lambda: w.s.profile.set_timezone("America/Los_Angeles")


@case("profile.set_rest_days")
def rest_days_changed(w: World) -> Call:
    return lambda: w.s.profile.set_rest_days(2)


def _picture(colour: str = "red") -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (4, 3), colour).save(out, "PNG")
    return out.getvalue()


@case("profile.set_avatar")
def avatar_set(w: World) -> Call:
    return lambda: w.s.profile.set_avatar(_picture())


@case("profile.set_avatar")
def avatar_replaced(w: World) -> Call:
    w.s.profile.set_avatar(_picture())
    return lambda: w.s.profile.set_avatar(_picture("blue"))  # the old picture's row goes


@case("profile.set_avatar")
def avatar_cleared(w: World) -> Call:
    w.s.profile.set_avatar(_picture())
    return lambda: w.s.profile.set_avatar(None)


@case("profile.set_avatar")
def avatar_none_cleared(w: World) -> Call:
    return lambda: w.s.profile.set_avatar("")


@case("profile.set_avatar", refused=True)
def avatar_not_a_picture(w: World) -> Call:
    return lambda: w.s.profile.set_avatar(b"GIF89a not a picture we take")


@case("deals.create")
def deal_with_a_screenshot(w: World) -> Call:
    return lambda: w.s.deals.create(kind="boost", title="截图", image=_picture())


@case("deals.edit")
def deal_screenshot_replaced(w: World) -> Call:
    w.s.deals.edit(w["spare"], image=_picture())
    return lambda: w.s.deals.edit(w["spare"], image=_picture("green"))


@case("deals.edit")
def deal_screenshot_cleared(w: World) -> Call:
    w.s.deals.edit(w["spare"], image=_picture())
    return lambda: w.s.deals.edit(w["spare"], image=None)


@case("deals.delete")
def deal_with_a_screenshot_deleted(w: World) -> Call:
    w.s.deals.edit(w["spare"], image=_picture())
    return lambda: w.s.deals.delete(w["spare"])  # its picture goes with it


@case("game.recompute")
def recomputed(w: World) -> Call:
    return lambda: w.s.game.recompute()


@case("game.ensure_current")
def game_current(w: World) -> Call:
    return lambda: w.s.game.ensure_current()


@case("game.ensure_current")
def game_built_by_other_content(w: World) -> Call:
    (w.store.data_dir / "quests").mkdir()
    (w.store.data_dir / "quests" / PACK.name).write_bytes(PACK.read_bytes())
    w.s.game._catalogue = None
    return lambda: w.s.game.ensure_current()


@case("helps.create")
def help_while_the_game_is_stale(w: World) -> Call:
    game_built_by_other_content(w)  # the write rebuilds the game before it counts the help
    return lambda: w.s.helps.create(direction="given", kind="share", contact=w["alice"])


@case("game.install")
def pack_installed(w: World) -> Call:
    return lambda: w.s.game.install(PACK)


@case("game.install", refused=True)
def pack_installed_twice(w: World) -> Call:
    w.s.game.install(PACK)
    return lambda: w.s.game.install(PACK)


@case("game.uninstall")
def pack_removed(w: World) -> Call:
    w.s.game.install(PACK)
    return lambda: w.s.game.uninstall(PACK.stem)


@case("game.catch_up", far=True)
def caught_up(w: World) -> Call:
    far_back(w)
    return lambda: w.s.game.catch_up()


@case("game.catch_up_step", far=True)
def caught_up_a_step(w: World) -> Call:
    far_back(w)
    return lambda: w.s.game.catch_up_step()


@case("game.catch_up_step")
def nothing_to_catch_up(w: World) -> Call:
    return lambda: w.s.game.catch_up_step()


@case("helps.delete")
def help_far_back(w: World) -> Call:
    first = help_run(w)
    return lambda: w.s.helps.delete(first)  # the game goes back and leaves the rest to catch_up


@case("backups.backup")
def backed_up(w: World) -> Call:
    return lambda: w.s.backups.backup()


@case("backups.auto_backup")
def first_automatic_backup(w: World) -> Call:
    return lambda: w.s.backups.auto_backup()


@case("backups.auto_backup")
def automatic_backup_not_due(w: World) -> Call:
    w.s.backups.backup()
    return lambda: w.s.backups.auto_backup()


@case("recovery.restore", replaces=True)
def restored(w: World) -> Call:
    made = w.s.backups.backup().record
    assert made is not None
    w.s.contacts.create(nickname="后来的人")
    return lambda: recovery.restore(w.store.data_dir, Path(made["path"]), now=w.clock.now())


@case("demo.reset_demo_folder", replaces=True)
def demo_reset(w: World) -> Call:
    return lambda: reset_demo_folder(w.store.data_dir, w.clock, activities=100)


def help_run(w: World) -> str:
    """Helps enough that deleting the first is a correction far back (with the thresholds made small)."""
    first = w.s.helps.create(direction="given", kind="share", contact=w["alice"]).entity_id
    for i in range(12):
        w.clock.advance(minutes=10)
        w.s.helps.create(direction="given", kind="boost_click", contact=w[("alice", "bob", "dan")[i % 3]])
    return str(first)


def far_back(w: World) -> None:
    w.s.helps.delete(help_run(w))
    assert w.s.game.pending() > 0


def small_game(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checkpoints, inline replays and catch-up chunks small enough for a handful of facts: a correction goes back
    to a checkpoint, or far back (then the game catches up later), instead of replaying everything inline."""
    monkeypatch.setattr(game_store, "CHECKPOINT_EVERY", 4)
    monkeypatch.setattr("app.services.game.REPLAY_INLINE", 6)
    monkeypatch.setattr("app.services.game.CATCH_UP_CHUNK", 5)


SMALL, AS_SHIPPED = "small", "as-shipped"
RUNS = [pytest.param(name, game, id=f"{name}-{game}")
        for name, spec in sorted(CASES.items()) for game in (SMALL, AS_SHIPPED) if game == SMALL or not spec.far]


# -- the tests ----------------------------------------------------------------------------------------------

READS = {
    "deals.check_draft", "helps.check_draft", "requests.check_draft",  # a form's draft: read in store.read()
    "deals.duplicates", "ledger.contact", "ledger.only_takes", "ledger.summary", "profile.get", "game.badges",
    "game.pending", "game.points", "game.quests", "game.score", "game.verify",
    "game.engine_for",  # the rules for a session the caller holds: it reads the profile there
    "privacy.audit", "privacy.preset", "privacy.preset_records", "privacy.presets", "privacy.secret",
    "contacts.detail", "game.badge_detail", "helps.record",  # a contact's page, a badge's detail, a help to edit
    "images.get", "images.avatar",  # a picture's bytes, for the window to show
}
READ_ONLY_SERVICES = {"queries"}  # QueryService: reading never writes (test_query_service_never_writes)


def service_methods(services: Services) -> dict[str, Any]:
    """``service.method`` for every public method of the services, but the parts of another write (they take its
    transaction, ``tx``)."""
    found = {}
    for attr, obj in vars(services).items():
        if not isinstance(obj, Service | GameService):
            continue
        for name, member in inspect.getmembers(type(obj), inspect.isfunction):
            if name.startswith("_") or hasattr(Service, name) or "tx" in inspect.signature(member).parameters:
                continue
            found[f"{attr}.{name}"] = member
    return found


def test_every_write_has_a_case(services: Services) -> None:
    methods = service_methods(services)
    writes = {c.method for c in CASES.values()} & methods.keys()
    unclassified = {m for m in methods if m not in READS | writes and m.split(".")[0] not in READ_ONLY_SERVICES}
    assert not unclassified, f"public methods neither a read nor a write with a case here: {sorted(unclassified)}"
    for name in writes:
        assert inspect.signature(methods[name]).return_annotation == "OpResult", f"{name} must return an OpResult"
    for name in methods.keys() - writes:
        assert inspect.signature(methods[name]).return_annotation != "OpResult", f"{name} returns an OpResult"
    assert not READS - methods.keys(), "READS names a method that is gone"
    others = {c.method for c in CASES.values()} - methods.keys()
    assert others == {"recovery.restore", "demo.reset_demo_folder"}


def test_query_service_never_writes() -> None:
    source = inspect.getsource(queries)
    assert "self.tx(" not in source and ".write()" not in source


def test_every_table_has_an_area(store: Store) -> None:
    assert set(Base.metadata.tables) == set(TABLE_AREAS)
    with sqlite3.connect(database_path(store.data_dir)) as conn:
        stored = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert stored - {"alembic_version", "sqlite_sequence"} == set(TABLE_AREAS)
    assert {table for table, _ in COLUMN_AREAS} <= set(TABLE_AREAS)


@pytest.mark.parametrize(("name", "game"), RUNS)
def test_the_areas_are_what_changed(name: str, game: str, services: Services, clock: FixedClock, store: Store,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    spec = CASES[name]
    if game == SMALL:
        small_game(monkeypatch)
    world = build(services, clock, store)
    call = spec.prepare(world)
    before = snapshot(store.data_dir)
    if spec.refused:
        with pytest.raises(InvalidInput):
            call()
        assert snapshot(store.data_dir) == before, "a refused write changed something"
        return
    result = call()
    changed = changed_areas(before, snapshot(store.data_dir))
    if spec.replaces:
        assert result.areas >= DATA and changed <= result.areas
        return
    missing, extra = sorted(changed - result.areas), sorted(result.areas - changed)
    assert result.areas == changed, f"reported {sorted(result.areas)}: missing {missing}, extra {extra}"


# -- the tricky ones: the case really is what its name says ----------------------------------------------


def test_a_help_that_cuts_a_bargain_to_its_target_reports_the_deal_and_the_contact(
    services: Services, clock: FixedClock, store: Store
) -> None:
    world = build(services, clock, store)
    result = CASES["helps.create:help_cut_that_succeeds_the_deal"].prepare(world)()
    with store.read() as session:
        pot = session.get(Deal, uuid.UUID(world.ids["pot"]))
        bob = session.get(Contact, uuid.UUID(world.ids["bob"]))
        assert pot is not None and pot.status == DealStatus.succeeded
        assert bob is not None and world.ids["shop"] in {str(g.id) for g in bob.groups}
    assert {"helps", DEALS, "contacts", "history", GAME} <= result.areas
    assert world.ids["pot"] in {str(i) for i in result.changed["deal"]}
    assert world.ids["bob"] in {str(i) for i in result.changed["contact"]}


def test_a_write_that_changes_nothing_reports_nothing(services: Services, clock: FixedClock, store: Store) -> None:
    world = build(services, clock, store)
    for result in (services.groups.edit(world["shop"], name="团购群"),
                   services.deals.set_status(world["fruit"], "open"),
                   services.profile.edit(display_name=""), services.game.ensure_current()):
        assert result.areas == frozenset() and result.changed == {}


def test_a_new_profile_is_the_profile_and_the_settings(services: Services, store: Store) -> None:
    before = snapshot(store.data_dir)
    result = services.profile.ensure()
    assert result.areas == changed_areas(before, snapshot(store.data_dir)) == {"profile", "settings"}


def test_the_areas_are_checked() -> None:
    with pytest.raises(ValueError, match="entity type"):
        Changes().touch("nothing")
    with pytest.raises(ValueError, match="unknown areas"):
        Changes.of("everything")
    assert Changes.of("points").areas == {"points", GAME}
    assert BACKUPS not in DATA
