"""The built-in quest content: it loads, it is bilingual, it rewards helping and never spam or free-riding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.quests.catalogue import CONTENT_DIR, Catalogue, load_catalogue
from app.quests.schema import Chain, Goal, Metric, Text, load_chain
from app.services import Services

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = DOCS / "examples" / "fresh-food-friend.toml"
STORY_CHAINS = ("first-steps", "good-neighbour", "group-buy-captain", "bargain-master", "guardian", "community-pillar")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def leaves(goal: Goal, parents: tuple[Goal, ...] = ()) -> Iterator[tuple[Goal, tuple[Goal, ...]]]:
    """Every leaf of a goal tree, with the combinations above it (nearest last)."""
    children = goal.all or goal.any
    if goal.compare is not None:  # the two counts it weighs
        children = [goal.compare.left, goal.compare.right]
    if children is None:
        yield goal, parents
        return
    for child in children:
        yield from leaves(child, (*parents, goal))


def chain_leaves(catalogue: Catalogue) -> Iterator[tuple[str, Goal, tuple[Goal, ...]]]:
    for chain in catalogue.chains:
        for step in chain.steps:
            for leaf, parents in leaves(step.goal):
                yield f"{chain.id}/{step.id}", leaf, parents


def texts(chain: Chain) -> Iterator[tuple[str, Text]]:
    yield f"{chain.id}.title", chain.title
    yield f"{chain.id}.story", chain.story
    for step in chain.steps:
        yield f"{chain.id}/{step.id}.title", step.title
        if step.description is not None:
            yield f"{chain.id}/{step.id}.description", step.description


def documented_facts() -> tuple[set[str], set[str]]:
    """The fact types and payload keys of docs/activities.md (the contract goals are written against)."""
    text = (DOCS / "activities.md").read_text(encoding="utf-8")
    snapshot = text.split("## The snapshot", 1)[1].split("## Types", 1)[0]
    keys = set(re.findall(r"^\| `([a-z_]+)` \|", snapshot, flags=re.MULTILINE))
    facts = text.split("### Facts", 1)[1].split("### Corrections", 1)[0]
    types: set[str] = set()
    for line in facts.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([a-z_]+\.[a-z_]+)`", cells[0]) if cells else None
        if match:
            types.add(match[1])
            keys |= set(re.findall(r"(?:^|, )`([a-z_]+)`", cells[-1]))  # not the values quoted inside
    return types, keys


# -- the catalogue ------------------------------------------------------------------------------------------------


def test_catalogue_loads_and_validates_as_a_whole(catalogue: Catalogue) -> None:
    assert catalogue.fingerprint
    rebuilt = Catalogue.build(list(catalogue.chains), list(catalogue.achievements))
    assert {c.id for c in rebuilt.chains} == {c.id for c in catalogue.chains}
    files = sorted(p.stem for p in (CONTENT_DIR / "chains").glob("*.toml"))
    assert files == sorted(c.id for c in catalogue.chains), "one chain per file, named after its id"


def test_enough_chains_quests_and_achievements(catalogue: Catalogue) -> None:
    story = [c for c in catalogue.chains if c.repeat is None]
    assert len(story) >= 6
    assert set(STORY_CHAINS) <= {c.id for c in story}
    assert sum(c.repeat == "daily" for c in catalogue.chains) >= 3
    assert sum(c.repeat == "weekly" for c in catalogue.chains) >= 2
    assert len(catalogue.achievements) >= 25
    assert sum(a.hidden for a in catalogue.achievements) >= 4
    assert catalogue.achievement("helping-hand") is not None


def test_every_text_is_bilingual(catalogue: Catalogue) -> None:
    missing = [where for chain in catalogue.chains for where, text in texts(chain) if not (text.en and text.zh_CN)]
    for ach in catalogue.achievements:
        for where, text in ((f"{ach.id}.title", ach.title), (f"{ach.id}.description", ach.description)):
            if not (text.en and text.zh_CN):
                missing.append(where)
    assert missing == []


def test_every_achievement_has_a_glyph(catalogue: Catalogue) -> None:
    assert [a.id for a in catalogue.achievements if not a.glyph or len(a.glyph) != 1] == []


def test_progression(catalogue: Catalogue) -> None:
    by_id = {c.id: c for c in catalogue.chains}

    def needs(chain_id: str) -> set[str]:
        out: set[str] = set()
        for need in by_id[chain_id].requires:
            out |= {need, *needs(need)}
        return out

    first = by_id["first-steps"]
    assert first.requires == [] and first.min_level == 1 and first.repeat is None
    for chain in catalogue.chains:
        if chain.id != "first-steps":
            assert "first-steps" in needs(chain.id), chain.id
        if chain.repeat is None and chain.id != "first-steps":
            assert 2 <= chain.min_level <= 40, chain.id  # story for the long run (a chapter at 28)
            assert 3 <= len(chain.steps) <= 6, chain.id
            assert all(10 <= s.reward.points <= 150 for s in chain.steps), chain.id
        if chain.repeat is not None:
            assert all(5 <= s.reward.points <= 30 for s in chain.steps), chain.id
            assert chain.reward.points <= 30, chain.id


def test_tiers_are_spread(catalogue: Catalogue) -> None:
    for ach in catalogue.achievements:
        assert len(ach.tiers) >= 3, ach.id
        assert ach.tiers[-1] >= 2 * ach.tiers[0] or ach.metric.distinct is not None, ach.id


# -- what the content may count ---------------------------------------------------------------------------------


def test_goals_and_metrics_use_documented_activities(catalogue: Catalogue) -> None:
    types, keys = documented_facts()
    assert {"help.given", "request.posted", "ledger.settled"} <= types
    assert {"contact_id", "group_role", "over_limit", "in_window", "amount_fen"} <= keys
    problems = []
    for where, leaf, _ in chain_leaves(catalogue):
        used = {*leaf.where, *filter(None, (leaf.distinct, leaf.sum))}
        if leaf.event not in types or not used <= keys:
            problems.append((where, leaf.event, sorted(used - keys)))
    for ach in catalogue.achievements:
        for metric in filter(None, (ach.metric, ach.penalty)):
            used = {*metric.where, *filter(None, (metric.distinct, metric.sum))}
            if not metric.types <= types or not used <= keys:
                problems.append((ach.id, metric.event, sorted(used - keys)))
    assert problems == []


def _polite(where: dict[str, object]) -> bool:
    return where.get("over_limit") is False


def test_no_reward_for_requests_beyond_the_limit(catalogue: Catalogue) -> None:
    rude = [where for where, leaf, _ in chain_leaves(catalogue)
            if leaf.event == "request.posted" and not _polite(leaf.where)]
    metrics: list[tuple[str, Metric]] = [(a.id, a.metric) for a in catalogue.achievements]
    rude += [aid for aid, m in metrics if m.event == "request.posted" and not _polite(m.where)]
    assert rude == []
    # Requests beyond the limit only ever count against: as a penalty.
    for ach in catalogue.achievements:
        if ach.penalty is not None and ach.penalty.event == "request.posted":
            assert ach.penalty.where.get("over_limit") is True, ach.id


def test_built_in_requests_also_keep_the_window(catalogue: Catalogue) -> None:
    wheres = [leaf.where for _, leaf, _ in chain_leaves(catalogue) if leaf.event == "request.posted"]
    wheres += [a.metric.where for a in catalogue.achievements if "request.posted" in a.metric.types]
    assert wheres and all(w.get("in_window") is True for w in wheres)


def test_receiving_counts_only_together_with_giving(catalogue: Catalogue) -> None:
    taking = [a.id for a in catalogue.achievements if a.metric.types & {"help.received", "deal.cut"}]
    assert taking == [], "an achievement cannot pair receiving with giving"
    for where, leaf, parents in chain_leaves(catalogue):
        if leaf.event not in ("help.received", "deal.cut"):
            continue
        if parents and parents[-1].compare is not None:  # weighed against giving: it counts against
            assert parents[-1].compare.right is leaf, f"{where}: receiving can only be the side that counts against"
            continue
        assert parents and parents[-1].all is not None, f"{where}: receiving must sit in an 'all'"
        siblings = [g for g, _ in leaves(parents[-1])]
        assert any(g.event == "help.given" for g in siblings), f"{where}: receiving needs giving beside it"


def test_nothing_rewards_helping_blocked_contacts(catalogue: Catalogue) -> None:
    def blocked(where: dict[str, object]) -> bool:
        value = where.get("contact_trust")
        return value == "blocked" or (isinstance(value, list) and "blocked" in value)

    assert [w for w, leaf, _ in chain_leaves(catalogue) if leaf.event == "help.given" and blocked(leaf.where)] == []
    assert [a.id for a in catalogue.achievements if "help.given" in a.metric.types and blocked(a.metric.where)] == []


def test_badge_rewards_name_achievements(catalogue: Catalogue) -> None:
    ids = {a.id for a in catalogue.achievements}
    badges = [s.reward.badge for c in catalogue.chains for s in c.steps if s.reward.badge]
    assert badges and set(badges) <= ids
    first = catalogue.chain("first-steps")
    assert first is not None and first.steps[-1].reward.badge == "helping-hand"


# -- the documentation's packs ----------------------------------------------------------------------------------


def test_the_example_pack_validates() -> None:
    chain = load_chain(EXAMPLE)
    assert chain.id == "fresh-food-friend" and len(chain.steps) == 3
    assert all(leaf.where.get("group_vertical") == "fresh_food" for s in chain.steps for leaf, _ in leaves(s.goal))
    loaded = load_catalogue(extra=(EXAMPLE,))
    assert loaded.installed == frozenset({"fresh-food-friend"})


def test_the_packs_in_quests_md_validate(tmp_path: Path) -> None:
    text = (DOCS / "quests.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL) if "[[steps]]" in b]
    assert len(blocks) >= 2
    ids = set()
    for n, block in enumerate(blocks):
        path = tmp_path / f"block{n}.toml"
        path.write_text(block, encoding="utf-8")
        chain = load_chain(path)
        ids.add(chain.id)
        if chain.id not in {c.id for c in load_catalogue().chains}:  # a pack, not a quote of a built-in chain
            load_catalogue(extra=(path,))
    assert "fresh-food-friend" in ids


# -- playing it ---------------------------------------------------------------------------------------------------


def _earned(services: Services) -> dict[str, int]:
    return {b["id"]: b["earned_tier"] for b in services.game.badges() if b["earned_tier"] >= 1}


def test_a_new_member_earns_a_first_badge_in_minutes(services: Services, clock: FixedClock) -> None:
    services.groups.create(name="Sunny Gardens 阳光花园")
    clock.advance(minutes=1)
    contact = services.contacts.create(nickname="Aunt Li 李阿姨")
    clock.advance(minutes=1)
    services.helps.create(direction="given", kind="share", contact=str(contact.entity_id))
    earned = _earned(services)
    assert earned.get("helping-hand", 0) >= 1
    quests = {q["id"]: q for q in services.game.quests()}
    assert quests["first-steps"]["status"] == "done"
    points = services.game.points()
    assert points["level"] >= 2
    assert any(e["source_id"] == "first-steps/first-help" for e in points["entries"])


def test_requests_beyond_the_limit_count_against_good_manners(services: Services, clock: FixedClock) -> None:
    group = services.groups.create(name="Fresh 生鲜", vertical="fresh_food", daily_request_limit=1)
    for _ in range(3):  # one within the limit, two beyond it
        services.requests.create(group=str(group.entity_id))
        clock.advance(minutes=5)
    manners = next(b for b in services.game.badges() if b["id"] == "good-manners")
    assert manners["progress"] == 0 and manners["earned_tier"] == 0


def test_daily_helper_wants_two_different_people(services: Services, clock: FixedClock) -> None:
    group = services.groups.create(name="Home 家居", vertical="home")
    first = services.contacts.create(nickname="Xiao Wang 小王")
    second = services.contacts.create(nickname="Lao Zhang 老张")
    clock.advance(days=1)  # contacts added today are no "different people" yet (docs/quests.md, "Fair play")
    services.helps.create(direction="given", kind="share", contact=str(first.entity_id), group=str(group.entity_id))

    def daily() -> str:
        return next(q for q in services.game.quests() if q["id"] == "daily-helper")["status"]

    for _ in range(3):
        services.helps.create(direction="given", kind="boost_click", contact=str(first.entity_id),
                              group=str(group.entity_id))
    assert daily() == "active"
    services.helps.create(direction="given", kind="boost_click", contact=str(second.entity_id),
                          group=str(group.entity_id))
    assert daily() == "done"
