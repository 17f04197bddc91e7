"""The loaded quest content: built-in chains and achievements plus the packs the user installed."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from app.quests.schema import Achievement, Chain, check_pack, load_achievements, load_chain

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PACKS_DIRNAME = "quests"


@dataclass(frozen=True)
class Catalogue:
    """Chains and achievements, indexed by the activity types their goals listen to."""

    chains: tuple[Chain, ...]
    achievements: tuple[Achievement, ...]
    installed: frozenset[str] = frozenset()
    fingerprint: str = ""
    chains_by_event: dict[str, tuple[Chain, ...]] = field(default_factory=dict)
    achievements_by_event: dict[str, tuple[Achievement, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, chains: list[Chain], achievements: list[Achievement], installed: frozenset[str] = frozenset(),
              fingerprint: str = "") -> Catalogue:
        check_pack(chains, achievements)
        chains = _ordered(chains)
        by_event: dict[str, list[Chain]] = defaultdict(list)
        for chain in chains:
            for event in sorted(set().union(*(step.goal.events() for step in chain.steps))):
                by_event[event].append(chain)
        ach_by_event: dict[str, list[Achievement]] = defaultdict(list)
        for ach in achievements:
            for metric in filter(None, (ach.metric, ach.penalty)):
                if ach not in ach_by_event[metric.event]:
                    ach_by_event[metric.event].append(ach)
        return cls(
            chains=tuple(chains),
            achievements=tuple(achievements),
            installed=installed,
            fingerprint=fingerprint,
            chains_by_event={k: tuple(v) for k, v in by_event.items()},
            achievements_by_event={k: tuple(v) for k, v in ach_by_event.items()},
        )

    def chain(self, chain_id: str) -> Chain | None:
        return next((c for c in self.chains if c.id == chain_id), None)

    def achievement(self, achievement_id: str) -> Achievement | None:
        return next((a for a in self.achievements if a.id == achievement_id), None)


def _ordered(chains: list[Chain]) -> list[Chain]:
    """Story chains in the order they open (prerequisites, then level), then daily, then weekly quests."""
    by_id = {c.id: c for c in chains}
    depth: dict[str, int] = {}

    def depth_of(chain: Chain) -> int:
        if chain.id not in depth:
            depth[chain.id] = 1 + max((depth_of(by_id[r]) for r in chain.requires if r in by_id), default=0)
        return depth[chain.id]

    repeat_rank = {None: 0, "daily": 1, "weekly": 2}
    return sorted(chains, key=lambda c: (repeat_rank[c.repeat], depth_of(c), c.min_level, c.id))


def builtin_files() -> list[Path]:
    return sorted((CONTENT_DIR / "chains").glob("*.toml"))


def pack_files(data_dir: Path | None) -> list[Path]:
    if data_dir is None:
        return []
    return sorted((Path(data_dir) / PACKS_DIRNAME).glob("*.toml"))


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_catalogue(data_dir: Path | None = None, *, extra: tuple[Path, ...] = ()) -> Catalogue:
    """Built-in content, the packs installed in ``data_dir``, and ``extra`` files (a pack being checked)."""
    builtin = [load_chain(p) for p in builtin_files()]
    pack_paths = [*pack_files(data_dir), *extra]
    packs = [load_chain(p) for p in pack_paths]
    achievements_file = CONTENT_DIR / "achievements.toml"
    achievements = load_achievements(achievements_file)
    return Catalogue.build(
        [*builtin, *packs],
        achievements,
        frozenset(c.id for c in packs),
        fingerprint([achievements_file, *builtin_files(), *pack_paths]),
    )
