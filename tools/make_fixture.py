"""Save a small database of the current schema as ``tests/fixtures/schema_<revision>.sqlite3``.

Run once whenever a new Alembic revision is added (``python tools/make_fixture.py``); the migration tests
upgrade every saved database to the head, so old schemas stay covered forever. Never regenerate an old one.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

from app.clock import FixedClock
from app.services import Services
from app.store import Store, head_revision

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def _png(width: int, height: int, colour: str) -> bytes:
    """A small picture for the avatar and a deal's screenshot (stored through the services, re-encoded)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()



def fill(services: Services) -> None:
    """A little of everything (a row in every table), with Chinese and English names."""
    s = services
    s.profile.edit(display_name="阿美", locale="zh_CN", rest_days=2)
    s.profile.set_avatar(_png(4, 4, "orange"))
    s.groups.create(name="宝妈拼团群", vertical="mother_baby", windows=["Mon-Fri 20:00-22:00"], daily_request_limit=2,
                    rules="每天最多发两次砍价链接，先帮别人再求助。")
    s.groups.create(name="Campus Deals", platform="qq", vertical="digital", my_role="admin")
    s.contacts.create(nickname="小美", groups=["宝妈拼团群"], wechat_id="xiaomei_88")
    s.contacts.create(nickname="Alice", trust="trusted")
    deal = s.deals.create(kind="bargain", title="婴儿奶粉 900g", url="https://mobile.yangkeduo.com/goods.html?goods_id=1",
                          group="宝妈拼团群", mine=True, original_fen=25800, target_fen=0,
                          deadline=s.clock.now() + dt.timedelta(days=1), image=_png(3, 6, "white"))
    s.deals.create(kind="group_buy", title="草莓 3斤", tiers=[(2, 3990), (3, 2990)], group="宝妈拼团群")
    s.helps.create(direction="received", kind="bargain_cut", contact="小美", deal=str(deal.entity_id), amount_fen=1234)
    s.helps.create(direction="given", kind="boost_click", contact="Alice", group="Campus Deals")
    s.requests.create(group="宝妈拼团群", deal=str(deal.entity_id))
    s.ledger.settle("Alice")
    s.privacy.save_preset("for-mum", safe="keep", personal="generalise", third_party="drop")
    s.privacy.record_export(s.privacy.preset("for-mum"), "json", Path("导出.json"), {"groups": 2, "helps": 2})
    conn = sqlite3.connect(s.store.path)
    try:
        fill_raw(conn)
    finally:
        conn.close()


def fill_raw(conn: sqlite3.Connection) -> None:
    """Values no service writes yet: a link verdict."""
    conn.execute("UPDATE deal SET url_verdict = 'ok', url_reasons = '[]' WHERE url IS NOT NULL")
    conn.commit()


def main() -> None:
    revision = head_revision()
    target = FIXTURES / f"schema_{revision}.sqlite3"
    if target.exists():
        raise SystemExit(f"{target} exists: fixtures of shipped schemas are never regenerated")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        fill(Services(store, FixedClock(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC), ZoneInfo("Asia/Shanghai"))))
        source = sqlite3.connect(store.path)
        dest = sqlite3.connect(target)
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
        dest.execute("VACUUM")
        dest.close()
        source.close()
        store.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
