"""Chat exports made up for the tests and the bench: a WeChatMsg CSV and a QQ text export, deterministic.

No real people's chats: every name and text is generated. :func:`generate` returns the file's path and what it
holds, so that a test can count what the reader must find without trusting the reader.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from app.exchange.chat_import import WECHAT_COLUMNS

# Share texts the share parser's first cut already recognises (a bargain: 砍 and a link), and a group buy.
BARGAIN = "【拼多多】帮我砍一刀，已砍到¥{price} https://mobile.yangkeduo.com/goods.html?goods_id={goods}"
GROUP_BUY = "【拼多多】{title}拼团价¥{price}，还差{needed}人 https://mobile.yangkeduo.com/goods.html?goods_id={goods}"
CHAT = ["早上好", "今天有什么好价吗？", "谢谢大家", "收到", "刚砍完，谢啦", "哈哈哈", "这个链接打不开",
        "明天见", "有人一起拼吗", "砍了", "okay thanks", "已助力", "[微笑]", "好的好的", "群里今天好热闹"]
STICKER = "[表情]"
NAMES = ["小红", "阿强", "Lily", "王阿姨", "团长大人", "老李", "Momo", "快乐的猫", "张三", "美美"]
ME_NAME, ME_QQ = "我自己", "10001"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Sent:
    """One generated message: when (UTC), who (None: the user), its text, the line it starts on."""

    at: dt.datetime
    sender: str | None
    text: str
    line: int
    sticker: bool = False


@dataclass
class Generated:
    path: Path
    messages: list[Sent] = field(default_factory=list)

    def shares(self) -> list[Sent]:
        return [m for m in self.messages if "https://" in m.text]


def _messages(count: int, *, seed: int, start: dt.datetime, end: dt.datetime, future: int) -> list[tuple[
        dt.datetime, str | None, str, bool]]:
    """(at, sender or None for the user, text, is a sticker), in time order; ``future`` after ``end``."""
    rng = random.Random(seed)
    span = (end - start).total_seconds()
    times = sorted(start + dt.timedelta(seconds=rng.random() * span) for _ in range(count - future))
    times += [end + dt.timedelta(hours=1 + i) for i in range(future)]
    out = []
    for i, at in enumerate(times):
        at = at.replace(microsecond=0)
        mine = rng.random() < 0.15
        sender = None if mine else rng.choice(NAMES)
        roll = rng.random()
        sticker = False
        if roll < 0.06:
            text = BARGAIN.format(price=f"{rng.randint(1, 99)}.{rng.randint(0, 99):02d}", goods=1000 + i)
        elif roll < 0.09:
            text = GROUP_BUY.format(title="纸巾", price=f"{rng.randint(5, 50)}.90", needed=rng.randint(1, 4),
                                    goods=5000 + i)
        elif roll < 0.19:
            text, sticker = STICKER, True
        elif roll < 0.22:
            text = rng.choice(CHAT) + "\n" + rng.choice(CHAT)  # a message of two lines
        else:
            text = rng.choice(CHAT)
        out.append((at, sender, text, sticker))
    return out


def wechat_csv(path: Path, count: int = 10_000, *, seed: int = 14, start: dt.datetime, end: dt.datetime,
               future: int = 3) -> Generated:
    """A WeChatMsg CSV of ``count`` messages between ``start`` and ``end`` (UTC), ``future`` more after ``end``."""
    result = Generated(path)
    line = 1
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(WECHAT_COLUMNS)
        for i, (at, sender, text, sticker) in enumerate(_messages(count, seed=seed, start=start, end=end,
                                                                    future=future)):
            line += 1
            kind = "47" if sticker else ("49" if "拼团价" in text and i % 2 else "1")
            content = "<msg><emoji md5='x'/></msg>" if sticker else text
            if kind == "49":  # a link card: its text in the card's XML
                title, url = text.rsplit(" ", 1)
                content = f"<msg><appmsg><title>{title}</title><des></des><url>{url}</url></appmsg></msg>"
            nick = sender or ME_NAME
            row = [str(i + 1), "4455@chatroom", kind, "0", "0" if sender else "1", str(int(at.timestamp())), "2",
                   content, at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"), "", nick, f"wxid_{nick}"]
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow(row)
            out.write(buffer.getvalue())
            result.messages.append(Sent(at, sender, text, line, sticker))
            line += buffer.getvalue().count("\n") - 1
    return result


def qq_text(path: Path, count: int = 10_000, *, seed: int = 14, start: dt.datetime, end: dt.datetime,
            future: int = 3, tz: dt.tzinfo = SHANGHAI) -> Generated:
    """A QQ text export of ``count`` messages (times written in ``tz``), like :func:`wechat_csv`'s."""
    result = Generated(path)
    header = ["消息记录（此消息记录为文本格式，不支持重新导入）", "",
              "================================================================", "消息分组:我的QQ群",
              "================================================================", "消息对象:拼团互助群",
              "================================================================", ""]
    line = len(header)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\n".join(header) + "\n")
        for i, (at, sender, text, sticker) in enumerate(_messages(count, seed=seed, start=start, end=end,
                                                                    future=future)):
            stamp = at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
            who = f"{ME_NAME}({ME_QQ})" if sender is None else (
                f"{sender}<{sender.lower()}@example.com>" if i % 7 == 0 else f"{sender}({20000 + len(sender)})")
            body = text.split("\n")
            out.write(f"{stamp} {who}\n" + "\n".join(body) + "\n\n")
            result.messages.append(Sent(at, sender, text, line + 1, sticker))
            line += len(body) + 2
    return result
