"""The loaded quest content: built-in chains and achievements plus the packs the user installed."""

from __future__ import annotations

import functools
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InvalidInput, StoreError
from app.files import os_reason
from app.i18n import translate
from app.quests.schema import (
    Achievement,
    Chain,
    Rules,
    check_pack,
    parse_achievements,
    parse_chain,
    parse_rules,
    read_pack_bytes,
    slug_ok,
)

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
    rules: Rules = field(default_factory=Rules)
    reward_cap: int = 0  # the built-in content's largest step reward: the most a step of a user's pack pays

    @classmethod
    def build(cls, chains: list[Chain], achievements: list[Achievement], installed: frozenset[str] = frozenset(),
              fingerprint: str = "", rules: Rules | None = None) -> Catalogue:
        check_pack(chains, achievements)
        chains = _ordered(chains)
        by_event: dict[str, list[Chain]] = defaultdict(list)
        for chain in chains:
            for event in sorted(set().union(*(step.goal.events() for step in chain.steps))):
                by_event[event].append(chain)
        ach_by_event: dict[str, list[Achievement]] = defaultdict(list)
        for ach in achievements:
            for metric in filter(None, (ach.metric, ach.penalty)):
                for event in sorted(metric.types):
                    if ach not in ach_by_event[event]:
                        ach_by_event[event].append(ach)
        return cls(
            chains=tuple(chains),
            achievements=tuple(achievements),
            installed=installed,
            fingerprint=fingerprint,
            rules=rules or Rules(),
            chains_by_event={k: tuple(v) for k, v in by_event.items()},
            achievements_by_event={k: tuple(v) for k, v in ach_by_event.items()},
            reward_cap=max((step.reward.points for chain in chains if chain.id not in installed
                            for step in chain.steps), default=0),
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


@dataclass(frozen=True)
class PackSource:
    """A content file's bytes, read once: what is validated is what is fingerprinted and what is installed."""

    path: Path
    data: bytes

    @classmethod
    def read(cls, path: Path) -> PackSource:
        """Read within the loading limits (regular files only); :class:`InvalidInput` names the file."""
        return cls(Path(path), read_pack_bytes(Path(path)))

    def chain(self) -> Chain:
        return parse_chain(self.path.name, self.data)


def builtin_files() -> list[Path]:
    return sorted((CONTENT_DIR / "chains").glob("*.toml"))


def builtin_chains() -> list[Chain]:
    return [PackSource.read(p).chain() for p in builtin_files()]


@functools.cache
def builtin_rules() -> Rules:
    """The fair-play numbers of the built-in content (content/rules.toml), read once."""
    source = PackSource.read(CONTENT_DIR / "rules.toml")
    return parse_rules(source.path.name, source.data)


def packs_folder(data_dir: Path) -> Path:
    return Path(data_dir) / PACKS_DIRNAME


def installed_names(data_dir: Path | None) -> list[str]:
    """The file names of the installed packs (``ID.toml``) in the data folder's ``quests/``, sorted."""
    if data_dir is None:
        return []
    folder = packs_folder(data_dir)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:  # not a folder, or unreadable
        raise StoreError(
            translate("quests", "Cannot read the quest packs folder {path}: {reason}").format(
                path=folder, reason=os_reason(exc))
        ) from None
    # Hidden names are temporary files of an install in progress (or one that a power cut interrupted).
    return sorted(n for n in names if n.endswith(".toml") and not n.startswith("."))


def broken_pack(path: Path, problem: InvalidInput) -> StoreError:
    """An installed pack that cannot be loaded: the data folder's fault, with the way out."""
    pack_id = path.name.removesuffix(".toml")
    if slug_ok(pack_id):
        text = translate("quests", "{problem} (an installed quest pack, in {folder}: fix it, or remove it with "
                                   "'pintuan-quest quests uninstall {id}')")
    else:
        text = translate("quests", "{problem} (an installed quest pack, in {folder}: fix it, or delete the file)")
    return StoreError(text.format(problem=problem.message, folder=path.parent, id=pack_id))


def load_installed(data_dir: Path | None, *, skip: str | None = None,
                   broken: list[Path] | None = None) -> list[tuple[PackSource, Chain]]:
    """The installed packs but ``skip`` (a file name), each read and validated on its own.

    A pack that cannot be loaded raises :class:`StoreError` naming it; with ``broken`` given, it is listed there
    and left out instead (for removing packs, which must work while another one is broken).
    """
    packs = []
    for name in installed_names(data_dir):
        if name == skip:
            continue
        assert data_dir is not None
        path = packs_folder(data_dir) / name
        try:
            source = PackSource.read(path)
            packs.append((source, source.chain()))
        except InvalidInput as exc:
            if broken is None:
                raise broken_pack(path, exc) from None
            broken.append(path)
    return packs


def fingerprint(sources: list[PackSource]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.path.name.encode())
        digest.update(source.data)
    return digest.hexdigest()[:16]


def assemble(packs: list[tuple[PackSource, Chain]]) -> Catalogue:
    """The built-in content with ``packs``; :class:`InvalidInput` when they do not hold together."""
    builtin = [PackSource.read(p) for p in builtin_files()]
    achievements_source = PackSource.read(CONTENT_DIR / "achievements.toml")
    achievements = parse_achievements(achievements_source.path.name, achievements_source.data)
    rules_source = PackSource.read(CONTENT_DIR / "rules.toml")
    return Catalogue.build(
        [*(s.chain() for s in builtin), *(chain for _, chain in packs)],
        achievements,
        frozenset(chain.id for _, chain in packs),
        fingerprint([achievements_source, rules_source, *builtin, *(source for source, _ in packs)]),
        parse_rules(rules_source.path.name, rules_source.data),
    )


def load_catalogue(data_dir: Path | None = None, *, extra: tuple[Path, ...] = ()) -> Catalogue:
    """Built-in content, the packs installed in ``data_dir``, and ``extra`` files (a pack being checked).

    A broken ``extra`` file, or one that does not fit with the rest, is :class:`InvalidInput`; installed packs
    that cannot be loaded or do not fit together are the data folder's fault, :class:`StoreError`.
    """
    installed = load_installed(data_dir)
    if extra:
        sources = [PackSource.read(p) for p in extra]
        return assemble([*installed, *((s, s.chain()) for s in sources)])
    try:
        return assemble(installed)
    except InvalidInput as exc:
        if not installed:
            raise  # the built-in content alone: our bug, which the tests catch
        raise StoreError(
            translate("quests", "The quest packs installed in {path} do not fit together: {problem}").format(
                path=packs_folder(data_dir) if data_dir else "", problem=exc.message)
        ) from None
