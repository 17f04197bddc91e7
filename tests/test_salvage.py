"""Salvage: one table's page damaged, every row of the other tables recovered by ``restore --salvage``."""

from __future__ import annotations

import io
import random
import re
import sqlite3
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.main import main
from app.recovery import DERIVED_TABLES
from app.services import Services
from app.store import Store, database_path

PAGE = 4096


def _cli(data_dir: Path, clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--data-dir", str(data_dir)], clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _fill(services: Services, clock: FixedClock) -> None:
    services.profile.ensure()
    rng = random.Random(3)
    groups = [str(services.groups.create(name=f"群{i}", windows=["Sat 09:00-11:00"]).entity_id) for i in range(3)]
    contacts = [str(services.contacts.create(nickname=f"友{i}", groups=[groups[i % 3]]).entity_id)
                for i in range(12)]
    deal = str(services.deals.create(kind="group_buy", title="草莓 3斤", tiers=[(2, 3990), (3, 2990)],
                                     group=groups[0]).entity_id)
    for i in range(10):
        clock.advance(minutes=7)
        services.requests.create(group=groups[i % 3], deal=deal if i % 2 else None, note="求助" * i)
    for _ in range(200):
        clock.advance(minutes=rng.randint(1, 20))
        services.helps.create(direction=rng.choice(["given", "received"]), kind="share",
                              contact=rng.choice(contacts), note="帮忙" * rng.randint(0, 30))
    clock.advance(minutes=1)
    services.ledger.settle(contacts[0])


def _rows(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Every row of every table as a set, but what a recompute derives from the facts (derived tables and events)."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: set(conn.execute(f'SELECT * FROM "{t}"' + (" WHERE kind <> 'derived'" if t == "activity" else "")))
                for t in tables if t not in DERIVED_TABLES}


def _readable(path: Path, table: str) -> set[tuple[object, ...]]:
    """The rows of ``table`` still readable one by one in a damaged file."""
    found = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for rowid in range(1, 10_000):
            try:
                found.update(conn.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (rowid,)))
            except sqlite3.DatabaseError:
                continue
    return found


@pytest.mark.parametrize("table", ["help_exchange", "activity", "help_request"])
def test_salvage_recovers_every_row_of_the_other_tables(table: str, data_dir: Path, clock: FixedClock) -> None:
    store = Store.open(data_dir)
    _fill(Services(store, clock), clock)
    store.close()
    path = database_path(data_dir)
    before = _rows(path)
    with sqlite3.connect(path) as conn:
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
        cells = conn.execute("SELECT ncell FROM dbstat WHERE pageno = ?", (leaves[len(leaves) // 2],)).fetchone()[0]
    damaged_page = leaves[len(leaves) // 2]
    assert cells > 0
    with open(path, "r+b") as handle:  # random bytes over one leaf page of the table, the rest untouched
        handle.seek((damaged_page - 1) * PAGE)
        handle.write(random.Random(damaged_page).randbytes(PAGE))
    still_readable = {r for r in _readable(path, table) if table != "activity" or r[3] != "derived"}
    assert len(still_readable) < len(before[table]), "the damage must cost rows of this table"

    code, _, err = _cli(data_dir, clock, "check")
    assert code == 1 and "restore --salvage" in err and ".corrupt-" in err
    code, out, err = _cli(data_dir, clock, "restore", "--salvage")
    assert code == 0, err

    after = _rows(path)
    for other in before:
        if other != table:
            assert after[other] == before[other], f"{other}: rows lost or changed by the salvage"
    assert still_readable <= after[table] <= before[table], "every row still readable is salvaged, nothing else"
    # The loss is told, never silent (the number counts failed reads, not rows: a page's rows are unknown).
    told = re.search(r"\((\d+) could not be read\)", out)
    assert told is not None and int(told[1]) > 0, out
    code, _, err = _cli(data_dir, clock, "check")
    assert code == 0, err


def test_salvage_without_a_readable_schema_puts_no_empty_database_in_place(
        data_dir: Path, clock: FixedClock) -> None:
    store = Store.open(data_dir)
    Services(store, clock).contacts.create(nickname="Alice")
    store.close()
    path = database_path(data_dir)
    with open(path, "r+b") as handle:  # the schema, past the 100-byte header
        handle.seek(100)
        handle.write(random.Random(1).randbytes(PAGE - 100))
    code, _, err = _cli(data_dir, clock, "list", "contacts", "--json")
    assert code == 1 and ".corrupt-" in err
    code, _, err = _cli(data_dir, clock, "restore", "--salvage")
    assert code == 1 and "Nothing could be read" in err and "restore --empty" in err
    assert not path.exists(), "no empty database stands in for the lost one"
    code, out, err = _cli(data_dir, clock, "list", "contacts", "--json")
    assert (code, out) == (1, "") and "restore --salvage" in err
