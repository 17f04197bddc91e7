"""The words of the demo data: group names, rules, nicknames, products, shop links and notes (zh and en), and the
functions that draw names from them."""

from __future__ import annotations

import random
from typing import NamedTuple


class GroupSeed(NamedTuple):
    """A community to draw: its name, platform, vertical and whether it speaks English."""

    name: str
    platform: str
    vertical: str
    english: bool = False


GROUPS: tuple[GroupSeed, ...] = (
    GroupSeed("宝妈拼团群", "wechat", "mother_baby"),
    GroupSeed("小区生鲜团购", "wechat", "fresh_food"),
    GroupSeed("数码砍价互助群", "qq", "digital"),
    GroupSeed("Campus Deals", "qq", "digital", True),
    GroupSeed("阳光花园业主团购", "wechat", "fresh_food"),
    GroupSeed("萌娃好物分享群", "wechat", "mother_baby"),
    GroupSeed("美妆互助砍价群", "wechat", "beauty"),
    GroupSeed("家居好物拼团", "wechat", "home"),
    GroupSeed("砍价助力互助2群", "wechat", "other"),
    GroupSeed("Office Snack Club", "dingtalk", "fresh_food", True),
    GroupSeed("精打细算妈妈团", "wechat", "mother_baby"),
    GroupSeed("农家直供水果群", "wechat", "fresh_food"),
    GroupSeed("学生党数码团", "qq", "digital"),
    GroupSeed("Bargain Buddies", "wechat", "other", True),
    GroupSeed("公司福利拼单群", "dingtalk", "home"),
    GroupSeed("一起拼·省钱群", "wechat", "other"),
    GroupSeed("护肤品拼单小分队", "wechat", "beauty"),
    GroupSeed("Expat Moms Shanghai", "wechat", "mother_baby", True),
    GroupSeed("翠苑三区菜篮子", "wechat", "fresh_food"),
    GroupSeed("游戏外设砍价群", "qq", "digital"),
    GroupSeed("Home & Living Swap", "wechat", "home", True),
    GroupSeed("母婴用品互助群", "qq", "mother_baby"),
    GroupSeed("每日鲜果拼团", "wechat", "fresh_food"),
    GroupSeed("大学城互助群", "qq", "other"),
    GroupSeed("Gadget Hunters", "dingtalk", "digital", True),
    GroupSeed("清洁好物团购", "wechat", "home"),
    GroupSeed("彩妆试色互助群", "wechat", "beauty"),
    GroupSeed("海鲜产地直发群", "wechat", "fresh_food"),
    GroupSeed("二胎妈妈交流群", "wechat", "mother_baby"),
    GroupSeed("Weekend Fresh Box", "wechat", "fresh_food", True),
)

# Weekly activity windows (活动时段), in the syntax the command line takes; an empty tuple means no limits.
WINDOWS: tuple[tuple[str, ...], ...] = (
    ("Mon-Fri 20:00-22:00", "Sat,Sun 09:00-11:00"),
    ("daily 19:30-21:30",),
    ("daily 12:00-13:00", "daily 20:00-22:30"),
    ("Sat,Sun 08:00-10:30",),
    ("Mon-Fri 21:00-23:00",),
    ("daily 22:00-00:30",),
    ("周一-周五 19:00-21:00", "周六,周日 10:00-12:00"),
    (),
)

RULES_ZH = (
    "群规：\n1. 只发拼团、砍价、助力链接，禁止广告和无关链接；\n2. 每人每天最多发{limit}条求助；\n"
    "3. 帮忙后请回复“已砍”“已助力”，有来有往；\n4. 活动时段外请勿刷屏；\n5. 不得私加群友推销，违者移出群聊。",
    "本群规则：\n· 拼团截止前请及时付款，成团后统一发货；\n· 求助请附上商品名和截止时间；\n"
    "· 每天发链接不超过{limit}次，先帮别人再求助；\n· 禁止发布刷单、返利等可疑链接。",
    "群公约：互帮互助，砍一刀回一刀；\n请在活动时段内发布链接；\n每人每日限发{limit}条；\n"
    "陌生链接请先确认是否官方店铺，谨防诈骗。",
)
RULES_EN = (
    "House rules: deals and bargain links only, at most {limit} requests a day, say 'done' after you help, "
    "no spam outside the evening window.",
    "Be kind, help back, no referral spam. Post at most {limit} links a day and include the deadline.",
)
UNLIMITED_ZH = "不限"
UNLIMITED_EN = "a few"

NICKNAMES_ZH = (
    "小美", "阿强", "王姐", "李阿姨", "张叔", "小雨", "糖糖", "豆豆妈", "乐乐爸", "阿珍", "小胖", "陈老师",
    "刘姐", "周周", "晴天", "月亮", "橙子", "果果妈", "小鹿", "阿飞", "大伟", "芳芳", "静静", "老赵",
    "孙阿姨", "小林", "佳佳", "然然妈", "婷婷", "小芳", "阿杰", "胖虎", "甜甜圈", "木子", "一一妈", "团团",
    "杨哥", "吴姐", "小七", "欢欢", "安安妈", "老郑", "米粒", "小宇", "慧慧", "阿梅", "丁丁", "小蔡",
)
NICKNAMES_EN = (
    "Amy", "Kevin", "Lily", "Tom", "Grace", "Jason", "Coco", "Vivian", "Leo", "Emma", "Sunny", "Mia",
    "Jack", "Cindy", "Eric", "Nina",
)
NICKNAME_SUFFIXES = ("", "", "", "妈妈", "🌸", "～", "家", "_", "💕")

CONTACT_NOTES = (
    "住3号楼，取货方便", "砍价很积极，记得回砍", "水果团长，每周二开团", "同事，午饭时间常发链接",
    "宝宝同班同学家长", "Met at the campus market", "经常帮忙助力", "只在晚上回消息",
)
TAKER_NOTE = "总找人帮忙，很少回砍"
BLOCKED_NOTE = "发过可疑返利链接，已拉黑"


class Product(NamedTuple):
    """A product as a group would post it: Chinese and English title and a usual price in fen."""

    zh: str
    en: str
    price_fen: int


PRODUCTS: dict[str, tuple[Product, ...]] = {
    "mother_baby": (
        Product("婴幼儿配方奶粉 3段 800g", "Infant formula stage 3, 800 g", 23_800),
        Product("纸尿裤 L码 54片", "Nappies size L, 54 pcs", 10_990),
        Product("婴儿手口湿巾 80抽×10包", "Baby wipes 10 × 80", 3_990),
        Product("宝宝有机米粉 2罐", "Organic baby rice cereal, 2 tins", 8_900),
        Product("儿童绘本套装 10册", "Picture books for kids, 10 vols", 5_990),
        Product("婴儿推车 轻便可折叠", "Foldable light stroller", 59_900),
    ),
    "fresh_food": (
        Product("丹东99草莓 3斤", "Dandong strawberries, 1.5 kg", 5_990),
        Product("智利车厘子 JJ级 2斤", "Chilean cherries JJ, 1 kg", 8_990),
        Product("阳光玫瑰葡萄 2串", "Shine Muscat grapes, 2 bunches", 3_990),
        Product("赣南脐橙 10斤", "Gannan navel oranges, 5 kg", 3_590),
        Product("散养土鸡蛋 30枚", "Free-range eggs, 30", 2_990),
        Product("妃子笑荔枝 5斤", "Lychees, 2.5 kg", 6_990),
        Product("舟山带鱼 2斤", "Zhoushan hairtail, 1 kg", 7_990),
    ),
    "digital": (
        Product("蓝牙耳机 主动降噪", "Noise-cancelling Bluetooth earbuds", 19_900),
        Product("充电宝 20000mAh 快充", "20000 mAh fast-charge power bank", 8_900),
        Product("快充数据线 3条装", "Fast-charge cables, 3 pack", 2_990),
        Product("机械键盘 茶轴", "Mechanical keyboard, brown switches", 23_900),
        Product("智能手环 心率血氧", "Fitness band with heart rate", 15_900),
        Product("无线鼠标 静音款", "Silent wireless mouse", 4_990),
    ),
    "home": (
        Product("洗衣液 3kg×2瓶", "Laundry detergent 2 × 3 kg", 4_990),
        Product("抽纸 24包整箱", "Tissues, 24 packs", 3_990),
        Product("纯棉四件套 1.8m", "Cotton bedding set, 1.8 m", 16_900),
        Product("收纳箱 3个装", "Storage boxes, 3 pack", 5_900),
        Product("不粘锅 28cm", "Non-stick pan, 28 cm", 12_900),
        Product("洗碗块 60颗", "Dishwasher tablets, 60", 6_990),
    ),
    "beauty": (
        Product("补水面膜 30片", "Hydrating face masks, 30", 7_900),
        Product("氨基酸洗面奶 120g", "Amino-acid cleanser, 120 g", 4_900),
        Product("防晒霜 SPF50+", "Sunscreen SPF50+", 8_900),
        Product("口红礼盒 3支装", "Lipstick gift set, 3", 19_900),
        Product("精华液 30ml", "Serum, 30 ml", 29_900),
    ),
    "other": (
        Product("视频会员年卡", "Video streaming, 1 year", 14_800),
        Product("电影票 2张", "Two cinema tickets", 7_800),
        Product("外卖满减红包", "Food delivery voucher", 2_000),
        Product("健身月卡", "Gym pass, 1 month", 19_900),
        Product("景区门票 2张", "Two theme park tickets", 25_800),
    ),
}

BOOST_TASKS_ZH = ("{product} 助力领券", "外卖红包助力", "抢票加速包助力", "签到助力领现金", "{product} 好友助力免单")
BOOST_TASKS_EN = ("Boost for a {product} coupon", "Food voucher boost", "Train ticket speed-up boost")
FREE_PREFIX_ZH = "砍价免费拿："
FREE_PREFIX_EN = "Bargain for free: "
HALF_PREFIX_ZH = "砍价低价购："
HALF_PREFIX_EN = "Bargain: "

# Shop link patterns; {id} is the goods id. Some carry tracking parameters, which the stored link loses (clean_link).
SHOP_LINKS = (
    "https://mobile.yangkeduo.com/goods.html?goods_id={id}",
    "https://mobile.yangkeduo.com/goods.html?goods_id={id}&share_uid={share}&refer_share_channel=message",
    "https://item.taobao.com/item.htm?id={id}",
    "https://item.taobao.com/item.htm?id={id}&spm=a2141.7631564.0.0&sourceType=item",
    "https://detail.tmall.com/item.htm?id={id}",
    "https://item.jd.com/{id}.html",
    "https://item.m.jd.com/product/{id}.html?utm_source=weixin&utm_medium=weixin",
    "https://haohuo.jinritemai.com/views/product/detail?id={id}",
)

DEAL_NOTES = ("差一人成团，明晚截止", "团长说周五发货", "Free shipping above ¥59", "记得用红包", "已付款，等成团")
HELP_NOTES_GIVEN = ("帮砍了一刀", "已助力", "群里@我了", "顺手转发到朋友圈", "helped after dinner")
HELP_NOTES_RECEIVED = ("谢谢帮砍！", "她主动帮忙的", "thanks!", "回砍了一刀", "凌晨还在帮我点")
REQUEST_NOTES = (
    "求砍一刀🙏", "帮忙点一下，谢谢~", "差1人成团，有需要的姐妹吗？", "助力一下，回助！",
    "Need 2 more for this group buy", "今晚十点截止，求助力", "",
)
SETTLEMENT_NOTES = ("当面结清，请喝了奶茶", "We are even — bought her a coffee", "互相抵消，重新计数", "")
# How each of those settled, and a red packet's amount in fen (the note without words: a ¥6.66 红包).
SETTLEMENT_HOW: dict[str, tuple[str, int | None]] = {
    "当面结清，请喝了奶茶": ("favour", None), "We are even — bought her a coffee": ("favour", None),
    "互相抵消，重新计数": ("even", None), "": ("hongbao", 666),
}


def nickname(rng: random.Random, used: set[str], english: bool) -> str:
    """A group nickname not in ``used`` (then added to it), in Chinese or English styles."""
    for attempt in range(50):
        if english:
            name = rng.choice(NICKNAMES_EN)
            if rng.random() < 0.4 or attempt > 5:
                name = f"{name} {rng.choice('ABCDEFGHJKLMNPRSTWYZ')}."
        else:
            name = rng.choice(NICKNAMES_ZH)
            style = rng.random()
            if style < 0.3 or attempt > 5:
                name = f"{rng.randint(1, 12)}-{rng.randint(1, 6)}0{rng.randint(1, 4)} {name}"
            elif style < 0.6:
                name += rng.choice(NICKNAME_SUFFIXES)
        if attempt > 20:
            name = f"{name}{attempt}"
        if name not in used:
            used.add(name)
            return name
    raise AssertionError("no free nickname")  # pragma: no cover - 50 attempts always find one


def wechat_id(rng: random.Random) -> str:
    """A WeChat id as people choose them: a generated ``wxid_`` or a name and a year."""
    if rng.random() < 0.5:
        return "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(12))
    stem = rng.choice(("lily", "sunny", "mama", "xiaomei", "aqiang", "coco", "leo", "tangtang", "doudou"))
    return f"{stem}_{rng.randint(1980, 2023)}"
