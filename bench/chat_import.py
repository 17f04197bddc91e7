"""Benchmark reading an exported chat into proposals: the figure of issue 14 ("the time to read a 100,000-message
chat export").

For each format (a WeChatMsg CSV and a QQ text export, made by tests/chat_files.py: about 10 % shares, stickers,
two-line messages, a fifth of them older than the fair-play rules accept), a file of ``--messages`` messages is
written to a temporary folder, then read by ``app.exchange.chat_import.read_chat`` (streaming, every message's text
through the share parser) ``--runs`` times; the best wall time and the peak memory the read allocated are printed.

Run ``.venv/bin/python bench/chat_import.py [--messages 100000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from app.exchange.chat_import import read_chat  # noqa: E402
from tests.chat_files import ME_NAME, SHANGHAI, qq_text, wechat_csv  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pintuan-chat-bench-"))
    earliest = NOW - dt.timedelta(days=365)
    for name, make in (("WeChatMsg CSV", wechat_csv), ("QQ text", qq_text)):
        made = make(folder / f"chat-{make.__name__}", args.messages, start=earliest - dt.timedelta(days=90),
                    end=NOW - dt.timedelta(hours=1))
        best = float("inf")
        for _ in range(max(1, args.runs)):
            started = time.perf_counter()
            found = read_chat(made.path, now=NOW, tz=SHANGHAI, earliest=earliest, me=[ME_NAME])
            best = min(best, time.perf_counter() - started)
        tracemalloc.start()
        read_chat(made.path, now=NOW, tz=SHANGHAI, earliest=earliest, me=[ME_NAME])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = made.path.stat().st_size / 1024 / 1024
        print(f"{name:<14} {found.messages:>9,} messages ({size:.1f} MiB): {best:.2f} s best of {args.runs}, "
              f"{found.messages / best:,.0f} messages/s; {len(found.proposals):,} proposals, {found.too_old:,} too "
              f"old; peak {peak / 1024 / 1024:.1f} MiB allocated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
