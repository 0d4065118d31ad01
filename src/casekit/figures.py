"""Figures: every count, yuan amount and percentage stated in a normalized bulletin.

``extract_figures(text)`` scans the normalized text (docs/DESIGN.md) with one precompiled
pattern: an optional qualifier, a numeral (Arabic, Chinese, financial or mixed, ``万``/``亿``
scales), an optional second numeral (range or fraction) and a measure word, then decides from
the surroundings whether the match is a figure at all. ``parse_number(text)`` reads a numeral
alone.

Decisions worth knowing:

- Kinds: ``count`` (numeral + measure word — people, things, also livestock and vessels:
  ``尾 羽 头 只 匹 艘 口``..., compound measure words kept whole: ``人次 户次 架次 车次 台套
  头只``; points of a speech: ``三点意见``, ``归纳为四点。`` — or + noun for ``N大X``,
  ``十部门``, ``3000万游客``),
  ``money`` (yuan: 元/块钱/人民币/RMB/¥; other currencies are ``measure``),
  ``percent`` (``%``, ``百分之`` with decimals after ``点``, ``N成`` for every Chinese digit,
  fractions ``4/5`` and ``三分之一``, ``一半``),
  ``percentage_point`` (``百分点``), ``area`` (平方米, 亩, 公顷) and ``measure`` (weights
  斤/公斤/吨/克, volumes 升/立方米, power 千瓦, lengths 公里: quantities, never counts).
- ``N点`` is a count only when 点 ends the clause or stands before a noun of the genre
  (意见, 要求, 建议, 体会...) and no time word precedes the numeral: clock times (``下午3点``,
  ``三点半``, ``12点30分``, ``8点钟``, ``8点至10点``) and decimals (``三点五``, ``3.5点``) are not.
- Not figures: a numeral after ``第`` (ordinal), inside “…” ‘…’ 《…》 (names), the article-like
  ``一`` and the ordinal-like lone ``二``, numerals before time words (the measure-word list
  holds no time unit; ``个月``/``个小时`` are rejected), tiers (``级`` is no measure word),
  ``N次`` after a ``每`` in the same clause (frequencies), moves in a ranking (``前进3位``,
  ``上升5位``, ``下降2名``, ``4个位次``, ``12个名次``; ``3位专家``, ``提升3名干部`` stay counts
  of people: a noun follows), numerals glued to Latin letters,
  ``/``, ``+``, ``=`` (URLs, codes, formulas), runs of 9+ digits (phones, ids), a measure word
  followed by ``一`` (``四个一批``-style formulas), vague numerals (``数十名``, ``几百人``,
  ``数亿元``), a bare ``千``/``万``/``亿`` with no qualifier (``千人计划``, ``亿元村``) and a few
  fixed political slogans. A bare scale word with a measure word before ``以上``/``以下``/
  ``以内``/``级`` states a threshold and is a figure: ``亿元以上项目`` -> 1e8 ``over``,
  ``千万元级企业`` -> 1e7 exact (``级`` is no qualifier).
- Intervals: exact -> ``low = high = value``; ``over`` -> ``low = value`` (the stated number,
  also for 余/多 which strictly exceed it), ``high`` null; ``under`` -> ``low`` null,
  ``high = value``; ``approx`` (约, 左右, 上下, 来) -> both null (no band is invented); a
  range ``2-3名`` (also with the unit on both sides: ``1万元至2万元``, ``10%—20%``) -> two
  figures with the same span, both ``low=2, high=3``; a falling pair (``9人到7人``) or two
  different units (``3名至5人``) is no range but two figures. ``十几万``:
  value 100000 (like ``十多万``), qualifier ``over``, ``low`` 110000, ``high`` 190000.
- ``text``: the qualifier characters next to the number on either side (``近2亿元``,
  ``30%以上``); for a count with no measure word, the noun too (``十部门``, ``两大功能``).
  A numeral right after ``每`` is a rate, not a figure (``每3人``).
- A qualifier before the base of a share qualifies the percentage after it when they are
  joined by a short noun phrase and ``的`` (no punctuation or digit, at most 15 characters):
  ``不低于财政收入的2%`` -> 2 ``over``, ``不超过上年度的5%`` -> ``under``; its ``text`` stays
  ``2%``. Only qualifier words of two or more characters (约, 近 alone end other words).
- A prefix qualifier carries over a list: in ``不低于1/2和1/3`` the second figure is ``over``
  too (its ``text`` stays ``1/3``).
- Flattened tables: a bare number is a figure only as a cell under a header line naming
  every numeric column's unit in parentheses (``党员数(名)占比(%)``), in rows of a label and
  exactly that many numbers; the label is the subject.
- ``subject``: the words after the figure up to a verb or function word, else the last word
  before it. Words come from jieba's dictionary (loaded once, on the first subject) by
  backward maximum matching over at most 14 characters of the clause, cached.

Speed (a Python call costs ~0.2 µs, so the per-candidate and per-figure paths are flat): the
seed regex rejects numeral runs that cannot start a figure inside the engine; each candidate is
matched once, its groups read with one ``groups()`` call, and the common shape (plain numeral +
measure word, ``%`` or ``元``) decided inline in ``_interpret``; the candidate loop and the
figure building are inlined in ``extract_figures``; a ``Figure`` is built without pydantic
validation, every field being of its type by construction (``_make_figure``); a sentence's
bounds are found by two regex searches, it is cut once and reused by the figures it holds.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import Any, NamedTuple

from casekit.models import Figure, FigureKind, Qualifier

# ---------------------------------------------------------------- numerals

_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# each character's digit value: everyday, financial (壹贰叁) and traditional forms
_CN_DIGITS = {
    ch: d
    for d, chars in enumerate(
        ("零〇○", "一壹", "二贰貳两兩", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖")
    )
    for ch in chars
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_D = "".join(_CN_DIGITS)
_CN_U = "".join(_CN_UNITS)
_CN_B = "".join(_CN_BIG)
# 百 of 百分之/百分点 belongs to the percent word, 千 of 千克/千瓦 to the measure word
_CN_CHAR = rf"(?:[{_CN_D}十拾仟佰{_CN_B}]|百(?!分[之点])|千(?![克瓦]))"
_NUMERAL = rf"(?:{_ARABIC}|{_CN_CHAR})(?:{_ARABIC}|{_CN_CHAR})*"
_NUMERAL_RE = re.compile(rf"(?:{_NUMERAL})\Z")
_TOKEN_RE = re.compile(rf"\d+(?:\.\d+)?|[{_CN_D}{_CN_U}{_CN_B}点]")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3})")
_ARABIC_ONLY = re.compile(r"\d+(?:\.\d+)?\Z")


def parse_number(text: str) -> float | None:
    """Read a numeral standing alone: ``"一千二百三十万"`` -> 12300000.0, ``"13万2"`` -> 132000.0.

    Arabic (with ``,`` separators, decimals, full-width digits), Chinese and financial numerals,
    digit-by-digit numerals (``二〇一一``), mixed forms (``3.5万``, ``3万4000``, ``25万6千``) and
    the colloquial trailing digit (``13万2``, ``三千五``). ``None`` when it is not a numeral.
    """
    if not isinstance(text, str):
        return None
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> float | None:
    s = text.strip().translate(_WIDTH)
    if "," in s:
        s = _THOUSANDS_RE.sub("", s)
    if not s:
        return None
    if _ARABIC_ONLY.match(s):
        value: float | None = float(s)
    else:
        tokens = _TOKEN_RE.findall(s)
        value = _parse_tokens(tokens) if "".join(tokens) == s else None
    return value if value is not None and math.isfinite(value) else None


def _parse_tokens(tokens: list[str]) -> float | None:
    """Positional reading of numeral tokens; ``None`` for malformed sequences."""
    total = section = 0.0
    number: float | None = None
    last_scale = 0.0  # scale of the last unit seen, for the colloquial trailing digit
    digit_run = 0  # consecutive bare digits (二〇一一 is read digit by digit)
    for i, tok in enumerate(tokens):
        if tok == "点":
            return _with_decimal(tokens, i, total + section, number)
        if tok[0].isdigit():
            if number is not None:
                return None
            number = float(tok)
            digit_run = 0
        elif tok in _CN_DIGITS:
            d = _CN_DIGITS[tok]
            number = d if number is None or digit_run == 0 else number * 10 + d
            digit_run += 1
            if d == 0:
                last_scale = 0.0
        elif tok in _CN_UNITS:
            unit = _CN_UNITS[tok]
            section += (1 if number is None else number) * unit
            number, last_scale, digit_run = None, unit, 0
        else:
            big = _CN_BIG[tok]
            if big == 100_000_000:
                total = ((total + section + (number or 0)) or 1) * big
            else:
                total += ((section + (number or 0)) or 1) * big
            section, number, last_scale, digit_run = 0.0, None, big, 0
    if number is not None:
        single = digit_run == 1 or (tokens[-1][0].isdigit() and len(tokens[-1]) == 1)
        if last_scale >= 100 and single and len(tokens) >= 2:
            number *= last_scale / 10  # 三千五 = 3500, 13万2 = 132000
        section += number
    return float(total + section)


def _with_decimal(tokens: list[str], i: int, whole: float, number: float | None) -> float | None:
    """``三点五`` -> 3.5: digits after 点 are decimals."""
    frac = "".join(str(_CN_DIGITS.get(t, t)) for t in tokens[i + 1 :])
    if not frac.isdigit():
        return None
    return whole + (number or 0) + float("0." + frac)


# ---------------------------------------------------------------- the master pattern


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


_PRE = _words(
    "不低于 不少于 不超过 不高于 不多于 不足 不到 超过 多于 高于 低于 将近 接近 大约 约为 约占 约有 "
    "逾 超 近 约 上"
)
_SUF = ("以上", "以下", "以内", "左右", "上下", "有余")
_OVER = {"不低于", "不少于", "超过", "多于", "高于", "逾", "超", "上", "余", "多", "以上", "有余"}
_UNDER = {"不超过", "不高于", "不多于", "不足", "不到", "低于", "将近", "接近", "近", "以下", "以内"}
_APPROX = {"大约", "约为", "约占", "约有", "约", "左右", "上下", "来", "几"}
_QUALIFIER_OF: dict[str | None, Qualifier] = {
    **dict.fromkeys(_OVER, "over"),
    **dict.fromkeys(_UNDER, "under"),
    **dict.fromkeys(_APPROX, "approx"),
}

_COUNT_UNITS = _words(
    # compound measure words are one unit (人次 person-times, 台套 sets, 头只 head of livestock)
    "人次 场次 户次 件次 架次 车次 辆次 艘次 班次 台次 批次 例次 家次 台套 头只 "
    "个 名 人 次 场 家 项 件 条 类 种 支 张 本 "
    "套 台 处 部 户 期 批 幢 栋 座 所 门 篇 位 对 组 份 册 辆 间 "
    "笔 宗 起 枚 首 幅 堂 轮 片 棵 株 头 只 块 封 例 盏 "
    # livestock, vessels, containers and other everyday classifiers (尾 fish, 羽 poultry)
    "尾 羽 匹 艘 架 口 根 顶 卷 款 箱 袋 盒 瓶"
)
_COUNT_UNIT_SET = {u for u in _COUNT_UNITS if len(u) == 1}
_AREA_UNITS = ("平方公里", "平方千米", "平方米", "万亩", "亩", "公顷")
# weights, volumes, power, lengths and other currencies: quantities, not counts of things
_MEASURE_UNITS = _words("公里 千米 米 海里 千克 公斤 斤 克 吨 升 立方米 千瓦时 千瓦 兆瓦 美元 欧元 港元")
_MONEY_UNITS = ("元", "块钱")
_PCT_UNITS = ("个百分点", "百分点", "%", "成")
# 点 counts points of a speech (三点意见) but is also a clock hour: decided by _is_point_count
_POINT = "点"
_UNITS = sorted(
    set(_COUNT_UNITS + _AREA_UNITS + _MEASURE_UNITS + _MONEY_UNITS + _PCT_UNITS + ("大", _POINT)),
    key=len,
    reverse=True,
)


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CN_ONE = rf"[{_CN_D}]"
_RANGE_SEP = "-|~|～|—|–|至|到"
_FIGURE_HEAD = (
    rf"(?P<pre>{_alt(_PRE)})?"
    r"(?P<cur>人民币|RMB|¥|￥|百分之|千分之)?"
    # 九十二点五: decimals after 点 are Chinese digits only (12点30 is a time)
    rf"(?P<n1>一半|半数|{_NUMERAL}(?:点[{_CN_D}]+)?)(?P<m1>余|多|来|几)?(?P<s1>[万亿]{{1,2}})?(?P<p1>余|多)?"
)
# 1万元至2万元, 10%—20%: the same unit written on both sides of a range sign
_UNIT_BEFORE_SEP = (
    rf"(?:(?P<u1>{_alt(_UNITS)})(?=(?:{_RANGE_SEP}){_NUMERAL}(?:余|多)?[万亿]{{0,2}}(?:余|多)?(?P=u1)))?"
)
_FIGURE_TAIL = (
    rf"(?:(?P<sep>{_RANGE_SEP}|/|分之)(?P<n2>{_NUMERAL})(?P<m2>余|多)?(?P<s2>[万亿]{{1,2}})?(?P<p2>余|多)?)?"
    rf"(?P<unit>{_alt(_UNITS)})?"
    rf"(?:(?P<jiao>{_CN_ONE}|\d)角)?(?:(?P<fen>{_CN_ONE}|\d)分)?"
    rf"(?P<suf>{_alt(_SUF)})?"
)
_FIGURE_RE = re.compile(_FIGURE_HEAD + _UNIT_BEFORE_SEP + _FIGURE_TAIL)
# the same without the repeated unit: each side of a descending 5个到3个 read on its own
_SINGLE_RE = re.compile(_FIGURE_HEAD + "(?:(?P<u1>(?!)))?" + _FIGURE_TAIL)


class _Groups(NamedTuple):
    """The groups of a ``_FIGURE_RE`` match, read once (``m.groups()`` is one cheap call)."""

    pre: str | None
    cur: str | None
    n1: str
    m1: str | None
    s1: str | None
    p1: str | None
    u1: str | None
    sep: str | None
    n2: str | None
    m2: str | None
    s2: str | None
    p2: str | None
    unit: str | None
    jiao: str | None
    fen: str | None
    suf: str | None


assert _Groups._fields == tuple(sorted(_FIGURE_RE.groupindex, key=_FIGURE_RE.groupindex.get))


def _groups_of(m: re.Match[str]) -> _Groups:
    return tuple.__new__(_Groups, m.groups())


_LONG_DIGITS_RE = re.compile(r"\d{9}")  # phone numbers, ids, codes: no count has 9 bare digits
_PURE_SCALE_RE = re.compile(r"[千仟万萬亿億]+")
_ROUND_RE = re.compile(rf"[{_CN_U}{_CN_B}]+")  # 百, 千万: a round numeral with no digit
_FULLWIDTH_RE = re.compile(r"[０-９．％]+")
_FULLWIDTH_CHARS = "０１２３４５６７８９．％"
_CURRENCIES = ("人民币", "RMB", "¥", "￥")
_PRE_SET = set(_PRE)
_PRE_LAST = {w[-1] for w in _PRE + _CURRENCIES}
# characters that can follow the numeral of a figure: measure words, 余/多, range and fraction
# signs, 角, 大, 成, %, decimal and thousands separators, 以上/左右/上下
# (千克, 千瓦: the 千 is taken by the numeral run, so the second character counts too)
_FOLLOW = {u[0] for u in _UNITS} | {u[1] for u in _UNITS if u[0] == "千"}
_FOLLOW |= set("余多来几-~～—–至到/分角.,%以左上点")


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_SEED = rf"[0-9{_CN_D}{_CN_U}{_CN_B}半]"
# a whole numeral run that may start a figure, rejected inside the regex engine when it can't
# (统一, 一些, 三年): it must follow a qualifier's last character, hold a scale (万, 亿, 半)
# or be followed by a character a figure continues with
# (it opens with the bare class so that the engine skips other characters at C speed)
_SEED_RE = re.compile(
    rf"{_SEED}(?<!{_SEED}{_SEED})"
    rf"(?:(?<=[{_char_class(_PRE_LAST)}]{_SEED}){_SEED}*+"
    rf"|(?<=[万亿萬億半]){_SEED}*+"
    rf"|(?={_SEED}*?[万亿萬億半]){_SEED}*+"
    rf"|{_SEED}*+(?=[{_char_class(_FOLLOW)}]|\Z))"
)
_PERCENT_WORDS = ("百分之", "千分之")
_HALVES = ("一半", "半数")
_SCALE_CHARS = set("千仟万萬亿億")
# characters before or after a numeral that glue it to a code, URL or formula
_GLUE_BEFORE = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/=&#_+.:-@")
_GLUE_AFTER = frozenset("+=@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SENT_END_RE = re.compile(r"[。!?;！？；\n]")
_CLAUSE_PUNCT = set("。!?;！？；\n,，:：、")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_QUOTE_RE = re.compile(
    r"“[^“”\n]{0,80}”|‘[^‘’\n]{0,80}’|《[^《》\n]{0,120}》|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\""
)

# words that begin with a measure-word character but are nouns of their own (十部门, 三项目)
_NOUNS_AFTER_NUMERAL = ("部门", "项目", "家庭", "场所", "处室", "门类", "部委", "户籍")
_NOUN_FIRST = {w[0] for w in _NOUNS_AFTER_NUMERAL}
# units whose kind and reported unit follow from the unit alone
_UNIT_KINDS: dict[str, tuple[FigureKind, str]] = {
    **dict.fromkeys(_MONEY_UNITS, ("money", "元")),
    "%": ("percent", "%"),
    "个百分点": ("percentage_point", "百分点"),
    "百分点": ("percentage_point", "百分点"),
    **{u: ("area", u) for u in _AREA_UNITS},
    **{u: ("measure", u) for u in _MEASURE_UNITS},
}
# fixed political formulas written without quotation marks
_SLOGANS = _words(
    "三个代表 四个全面 四个意识 四个自信 两个维护 两个确立 八项规定 三严三实 "
    "五位一体 两学一做 三会一课 一岗双责 两个责任 两个务必"
)
# a measure word that turns into another word with the next character
_UNIT_FALSE_NEXT = {
    "个": ("月", "工作日", "小时", "星期", "季度", "年头", "周", "半月", "学期", "位次", "名次"),
    "名": ("单", "义", "称", "字", "誉", "额", "列", "次"),
    "人": ("民", "大", "代", "计划", "均", "口", "类", "生", "事", "才"),
    "家": ("庭", "长", "乡", "属", "园", "风", "族", "居"),
    "次": ("全会", "会议", "党代会", "代表大会", "性"),
    "期": ("间", "限", "刊"),
    "对": ("接", "象", "照", "于", "比", "待", "口"),
    "起": ("来", "点", "步", "草", "到"),
    "门": ("户", "槛", "诊", "口"),
    "部": ("署", "长", "分", "位", "曲"),
    "场": ("所", "地", "景", "馆"),
    "处": ("理", "置", "室"),
    "组": ("织", "成", "建", "长"),
    "位": ("置", "于", "次"),
    "间": ("隔",),
    "批": ("准", "复", "示", "评"),
    "片": ("区",),
    "条": ("件", "例", "款"),
    "类": ("似",),
    "头": ("雁",),
    "尾": ("声", "款", "号", "数"),
    "羽": ("毛", "绒"),
    "匹": ("配",),
    "架": ("构", "设", "空"),
    "口": ("号", "径", "岸", "碑", "头", "罩", "语", "腔"),
    "根": ("本", "据", "源", "治", "除", "基", "植", "子"),
    "顶": ("层", "级", "端", "尖"),
    "卷": ("入", "烟"),
    "款": ("项", "额"),
    "瓶": ("颈",),
    "盒": ("饭",),
    "升": ("至", "到", "为", "级", "高", "格", "入", "学", "职", "值", "温", "华"),
    "克": ("服", "难", "隆", "制", "星"),
    "成": (*"员立为本果效就熟功长型绩交都", "不变"),
    "大": ("以来", "精神", "报告", "代表", "会议", "期间", "召开", "胜利", "和", "、", "以后"),
}
# the article-like 一 (一名新兵) and the ordinal-like lone 二 (二次推荐)
_ARTICLES = {"一", "壹", "二", "贰", "貳"}
_FREQ_UNITS = {"次", "回", "遍"}
# a move in a ranking (较上年前进3位, 排名下降2名): places, not people; 晋升 promotes people
_RANK_UNITS = {"位", "名"}
_RANK_VERB_RE = re.compile(
    r"(?:前进|后退|退后|上升|下降|提升|跃升|攀升|下滑|回升|前移|后移|上移|下移|(?<![晋提])升|(?<!空)降)了?\Z"
)
_RANK_VERB_LAST = set("进退升降滑移了")
_AFTER_RANK = set("居列排位名次")  # 上升5位居全市第2, 前进3位列全省
# units that need no look at their surroundings beyond the formula check (not 成, 大, 块, 次)
_FAST_KINDS: dict[str, tuple[FigureKind, str]] = {
    **{u: ("count", u) for u in _COUNT_UNITS if u not in _FREQ_UNITS and u != "块"},
    **_UNIT_KINDS,
}
# numerals whose first character calls for the general checks: round, scale or vague numerals
_SLOW_FIRST = set("十拾百佰千仟万萬亿億")
_FORMULA_NEXT = ("一", "“一")  # 四个一批, 五个一工程
_MONEY_NOUNS_RE = re.compile(
    r"(?:投资|资金|收入|利润|产值|销售额|经费|营业额|税收|总额|金额|补贴|奖金|基金|收益|贷款|投入|成本|费用)"
    r"(?:总额|总计|累计)?(?:达到|达|为|是|共|约|超过|超|近|逾|突破)?$"
)
_COUNT_NOUNS_RE = re.compile(
    r"(?:人数|户数|人口|数量|总数|人次|规模)(?:达到|达|为|是|共|约|超过|超|近|逾|突破)?$"
)
_THRESHOLD_SUF = {"以上", "以下", "以内"}
# 不低于 + base of a share + 的 + percent: words of two or more characters only (约, 近, 超
# alone end other words); at most _SHARE_SPAN characters from the qualifier to the number
_SHARE_SPAN = 15
_SHARE_QUALIFIER_RE = re.compile(
    rf"({_alt([w for w in _PRE if len(w) > 1])})"
    rf"[^\d%.,;:!?、()“”《》\s。，；：！？（）]{{1,{_SHARE_SPAN - 1}}}的\Z"
)
# what 三点/五点 introduce in a speech or a summary
_POINT_NOUNS = _words(
    "意见 要求 建议 体会 做法 经验 启示 感受 感想 心得 认识 思考 看法 想法 打算 希望 措施 举措 "
    "问题 原因 理由 内容 共识 成效 收获 教训 不足 优势 特点 原则 主张 结论 考虑 期望 承诺 规定 "
    "改进 措施 目标 任务 方面 好处 作用 意义 变化 经验做法"
)
# a time word just before the numeral makes N点 a clock hour: 下午3点, 晚上8点, 5日10点, 8点到10点
_TIME_BEFORE_RE = re.compile(r"(?:[午晚早夜晨日号天]|[晚早]上|[定将拟并已]于|点(?:到|至|-|—|~))\Z")
_NOT_NOUN_START = set("的是为在和与及以等用于把将被从对向到至也都又并而或就即了着过")
_SUBJECT_STOP = frozenset(
    _words(
        "的 是 为 在 和 与 及 以 等 进行 开展 实现 达到 达 共 共计 累计 "
        "分别 其中 占 参与 参加 完成 获得 受到 得到 通过 提供 解决 建立 建成 "
        "组织 帮助 落实 推荐 选派 选拔 培训 服务 覆盖 涉及 包括 均 都 已 将 "
        "并 还 同时 从 对 向 给 由 被 把 了 中 上 下 内 外 有 年 月 日 "
        "到 至 比 较 增长 提高 超过 联合 进 入 来 去 开始 成立 组建 设立 "
        "作为 用于 左右 以上 以下"
    )
)


# ---------------------------------------------------------------- extraction


def extract_figures(text: str) -> list[Figure]:
    """Every count, yuan amount, percentage (and area/measure) in ``text``, in reading order.

    Offsets point into ``text``; ``text[f.start:f.end] == f.text``. Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    # the normalized text has ASCII digits: a dozen substring searches (memchr speed) spare
    # it the character-class scan of the substitution
    has_fullwidth = any(c in text for c in _FULLWIDTH_CHARS)
    scan = _FULLWIDTH_RE.sub(_to_ascii, text) if has_fullwidth else text
    quoted = [q.span() for q in _QUOTE_RE.finditer(scan)]
    sentences = _Sentences(text, scan)
    figures: list[Figure] = []
    prev: dict[str, Any] | None = None
    # the loop of _candidates and the body of _to_figure, inlined: a call per candidate or
    # per figure is a measurable share of the time
    last_end = 0
    match = _FIGURE_RE.match
    new_groups = tuple.__new__
    subject_after = _SUBJ_AFTER_RE.match
    for seed in _SEED_RE.finditer(scan):
        pos = seed.start()
        if pos < last_end:
            continue
        if pos and scan[pos - 1] in _PRE_LAST and not scan.startswith(_PERCENT_WORDS, pos):
            pos = max(last_end, _qualifier_start(scan, pos))
        m = match(scan, pos)
        if m is None:
            continue
        last_end = m.end()
        g = new_groups(_Groups, m.groups())
        if not (g.unit or g.sep or g.cur or _maybe_bare(g, scan, last_end)):
            continue
        try:
            found = _interpret(m, g, scan, quoted)
            if not found and g.u1:
                found = _split_range(m, scan, quoted)
        except (ValueError, OverflowError, ZeroDivisionError):
            found = []
        for spec in found:
            if spec["qualifier"] is None and spec["inherit"]:
                if spec["kind"] == "percent":
                    _share_qualifier(spec, scan)
                if prev is not None and spec["qualifier"] is None and prev["qualifier"] is not None:
                    _inherit_qualifier(spec, prev, scan)
            start, end = spec["start"], spec["end"]
            lo, hi, sentence = sentences.last
            if start < lo or end > hi:
                sentence = sentences.around(start, end)
            after = subject_after(text, end)
            subject = _subject_after(after.group()) if after else None
            if subject is None:
                subject = _subject_before_of(text, start)
            if spec["unit"] is None and spec["kind"] == "count" and subject and text.startswith(subject, end):
                end += len(subject)  # no measure word: the noun is part of the surface (十部门)
            figures.append(_make_figure(spec, subject, text[start:end], start, end, sentence))
        if found:
            prev = found[-1]
    if "(" in scan and _UNIT_HEAD_RE.search(scan):
        table = [_to_figure(spec, text, sentences) for spec in _table_specs(scan)]
        if table:
            figures = sorted(figures + table, key=lambda f: f.start)
    return figures


# ---------------------------------------------------------------- flattened tables

# a column header naming its unit in parentheses: 党员数(名), 占比(%), 金额(万元)
_UNIT_HEAD_RE = re.compile(r"\((名|个|人|人次|户|家|项|次|所|件|%|元|万元|亿元)\)")
_HEAD_UNITS: dict[str, tuple[FigureKind, str, float]] = {
    **{u: ("count", u, 1.0) for u in _words("名 个 人 人次 户 家 项 次 所 件")},
    "%": ("percent", "%", 1.0),
    "元": ("money", "元", 1.0),
    "万元": ("money", "元", 1e4),
    "亿元": ("money", "元", 1e8),
}
_CELL = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# a row: a label (not starting with a digit: no years, no codes) then numeric cells only
_TABLE_ROW_RE = re.compile(rf"([^\s\d][^\n]*?)((?: +{_CELL})+) *")
_CELL_RE = re.compile(_CELL)
_MAX_HEADER = 60


def _table_specs(scan: str) -> list[dict[str, Any]]:
    """Cells of flattened tables. Bare numbers are figures only here: under a header line
    that names the unit of every numeric column in parentheses, in rows whose numeric cells
    match those columns one to one (a row that does not fit ends the table)."""
    specs: list[dict[str, Any]] = []
    done = 0
    for head in _UNIT_HEAD_RE.finditer(scan):
        if head.start() < done:
            continue
        line_start = scan.rfind("\n", 0, head.start()) + 1
        row_start = _line_end(scan, head.start())
        header = scan[line_start:row_start]
        if len(header) > _MAX_HEADER or any(c in header for c in "。,;!?"):
            continue  # prose that mentions a unit in parentheses
        units = [_HEAD_UNITS[u] for u in _UNIT_HEAD_RE.findall(header)]
        while row_start < len(scan):
            row_start += 1  # past the newline
            row_end = _line_end(scan, row_start)
            row = _TABLE_ROW_RE.fullmatch(scan, row_start, row_end)
            cells = list(_CELL_RE.finditer(scan, row.start(2), row.end(2))) if row else []
            if not row or len(cells) != len(units):
                break
            label = row.group(1).strip()
            for cell, (kind, unit, scale) in zip(cells, units, strict=True):
                value = float(cell.group().replace(",", "")) * scale
                spec = _spec(kind, value, unit, None, cell.start(), cell.end())
                specs.append({**spec, "pre_word": None, "inherit": False, "subject": label})
            row_start = row_end
        done = row_start
    return specs


def _line_end(scan: str, pos: int) -> int:
    end = scan.find("\n", pos)
    return len(scan) if end < 0 else end


def _to_ascii(m: re.Match[str]) -> str:
    return m.group().translate(_WIDTH)


def _split_range(m: re.Match[str], scan: str, quoted: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """``5个到3个`` is no range (it falls): each side is a figure of its own."""
    found: list[dict[str, Any]] = []
    for part in (_SINGLE_RE.match(scan, m.start(), m.end("u1")), _FIGURE_RE.match(scan, m.start("n2"))):
        if part is not None:
            found += _interpret(part, _groups_of(part), scan, quoted)
    return found


def _qualifier_start(scan: str, pos: int) -> int:
    """Start of the qualifier and currency words written just before the numeral at ``pos``."""
    for cur in _CURRENCIES:
        if scan.startswith(cur, pos - len(cur)):
            pos -= len(cur)
            break
    for size in (3, 2, 1):
        if pos >= size and scan[pos - size : pos] in _PRE_SET:
            return pos - size
    return pos


def _maybe_bare(g: _Groups, scan: str, end: int) -> bool:
    """Cheap pre-test for a numeral without measure word (most such matches are no figure)."""
    n1: str = g.n1  # type: ignore[assignment]
    if n1 in _HALVES or g.s1 or "万" in n1 or "亿" in n1:
        return True
    return scan.startswith(_NOUNS_AFTER_NUMERAL, end)


_FAR = 1 << 62


# group number of _FIGURE_RE: m.start(13) is cheaper than m.start("unit")
_G_UNIT = _FIGURE_RE.groupindex["unit"]
# a character before the numeral that makes it no figure: ordinals and rates (第3名, 每3人)
# and the characters that glue a numeral to a code, URL or formula
_REJECT_BEFORE = _GLUE_BEFORE | {"第", "每"}


def _interpret(
    m: re.Match[str], g: _Groups, scan: str, quoted: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Decide whether a pattern match is a figure; return zero, one or two figure specs.
    The common shape (plain numeral + measure word, ``%`` or ``元``) is decided inline."""
    pre, cur, n1, m1, s1, p1, _, sep, n2, _, _, _, unit, jiao, fen, suf = g
    if n1 in _ARTICLES and not sep and not s1 and unit != "成":
        return []  # 一名新兵, 二次推荐; but 二成 is 20%
    # pre, cur and n1 are the first groups, written one after the other
    num_start = m.start() + len(pre) if pre else m.start()
    n1_start = num_start + len(cur) if cur else num_start
    # ordinals, rates and codes (第3名, 每3人, A3), quoted names, glued numerals, slogans
    if num_start and scan[num_start - 1] in _REJECT_BEFORE:
        return []
    if quoted:
        i = bisect.bisect_right(quoted, (num_start, _FAR)) - 1  # _inside(num_start, quoted)
        if i >= 0 and quoted[i][0] < num_start < quoted[i][1]:
            return []
    n1_end = n1_start + len(n1)
    if n1_end < len(scan):  # _is_glued, inlined
        after = scan[n1_end]
        if after in _GLUE_AFTER or (after == "/" and not sep):
            return []
    if len(n1) >= 9 and _LONG_DIGITS_RE.search(n1) is not None:
        return []
    if scan.startswith(_SLOGANS, n1_start):
        return []
    start = num_start - len(pre) if pre else num_start
    if pre and not _prefix_is_qualifier(scan, start, pre, n1):
        pre, start = None, num_start
    if n2 and sep in ("/", "分之"):
        return _mark_prefix(_fraction(m, scan, start, pre, suf), pre)
    if unit:
        unit_start = m.start(_G_UNIT)
        end = unit_end = unit_start + len(unit)
        # a measure-word match that actually starts another word (十部门, 三人民) is none
        falses = _UNIT_FALSE_NEXT.get(unit)
        if (unit[0] in _NOUN_FIRST and scan.startswith(_NOUNS_AFTER_NUMERAL, unit_start)) or (
            falses and scan.startswith(falses, end)
        ):
            unit, suf, end = None, None, unit_start
        elif suf or (unit == "元" and (jiao or fen)):
            end = m.end()  # 30%以上, 123元1角1分
    else:
        end = m.end()
    if sep and n2 and not unit:
        return []  # 1-10 without a measure word: dates, codes
    if (
        unit in _FAST_KINDS
        and not (cur or sep or m1 or p1 or jiao or fen)
        and n1[0] not in _SLOW_FIRST
        and not (len(n1) == 2 and n1[0] in _CN_DIGITS)
    ):
        # the common case in one step (the same result as the general path): a plain
        # numeral (no round, vague or paired numeral), a measure word, % or 元, maybe a qualifier
        value = _parse_cached(n1)
        if value is None:
            return []
        kind, unit = _FAST_KINDS[unit]
        if kind == "count" and scan.startswith(_FORMULA_NEXT, unit_end):
            return []  # 四个一批, 四个“一”: formulas
        if unit in _RANK_UNITS and _is_rank_move(scan, start, unit_end):
            return []
        if s1:
            value *= _scale(s1)
        qual = (pre and _QUALIFIER_OF.get(pre)) or (suf and _QUALIFIER_OF.get(suf)) or None
        return _mark_prefix([_spec(kind, value, unit, qual, start, end)], pre)
    kind, unit_out = _kind_of(m, g, scan, unit, end)
    if kind is None:
        return []
    if unit == "大" and scan[end : end + 1] in _COUNT_UNIT_SET:
        unit_out, end = scan[end], end + 1  # 十大类: the measure word after 大 is the unit
    return _mark_prefix(_specs(g, kind, unit_out, pre, suf, start, end), pre)


def _mark_prefix(specs: list[dict[str, Any]], pre: str | None) -> list[dict[str, Any]]:
    for spec in specs:
        spec["pre_word"] = pre
        spec["inherit"] = pre is None
    return specs


def _prefix_is_qualifier(scan: str, pos: int, pre: str, n1: str) -> bool:
    """``约``/``近``/``超``/``上`` can end another word (制约, 最近, 赶超, 以上); ``上`` means
    "over" only before a round scale (上万名, 上亿元), else it is a place (会上5名代表)."""
    if pre == "上" and not _ROUND_RE.fullmatch(n1):
        return False
    if len(pre) > 1 or pos == 0:
        return True
    before = scan[pos - 1]
    return not (
        (pre == "约" and before in "制预签节契公条邀")
        or (pre == "近" and before in "附最亲贴邻靠将接")
        or (pre == "超" and before in "赶高")
        or (pre == "上" and before in "以向之马线晚早")
    )


def _kind_of(
    m: re.Match[str], g: _Groups, scan: str, unit: str | None, end: int
) -> tuple[FigureKind | None, str | None]:
    """The figure's kind and reported unit, or ``(None, None)`` when it is no figure."""
    n1, cur = g.n1, g.cur
    if cur in _PERCENT_WORDS:
        return "percent", "%"
    if n1 in _HALVES:
        return ("percent", "%") if unit is None else (None, None)
    if not _numeral_ok(m, g, scan):
        return None, None
    if cur:
        return "money", "元"
    if unit is None:
        return _bare_kind(m, g, scan, end)
    fixed = _UNIT_KINDS.get(unit)
    if fixed:
        return fixed
    if unit == "成":
        return ("percent", "%") if _is_small_cn(n1) and not g.s1 else (None, None)
    unit_end = m.end("unit")
    if unit == _POINT:  # whole points only; 8点到10点 is a span of time: no range of points
        whole = not g.sep and "." not in n1 and (_parse_cached(n1) or 0) >= 1  # no 零点
        point = whole and _is_point_count(scan, m.start("n1"), unit_end)
        return ("count", _POINT) if point else (None, None)
    if unit == "大":
        return _da_kind(g, scan, unit_end)
    if unit == "块":
        nxt = scan[unit_end : unit_end + 1]
        return ("money", "元") if not nxt or not _CJK_RE.match(nxt) else ("count", "块")
    return _count_kind(scan, unit, m.start(), unit_end)


def _numeral_ok(m: re.Match[str], g: _Groups, scan: str) -> bool:
    """Reject bare scale words, vague and quoted round numerals and malformed numerals."""
    n1 = g.n1
    first = n1[0]
    bare_scale = first in _SCALE_CHARS and _PURE_SCALE_RE.fullmatch(n1)
    if bare_scale and not (g.pre or g.cur or g.m1 or g.p1 or _is_threshold(g, scan, m)):
        return False  # 千人计划, 万人: a bare scale needs 近/超/上 before it or 余/多 after it
    if first in "十百千万亿" and _after_vague(scan, m.start("n1")):
        return False  # 数十名, 几百人: no number is stated
    start = m.start("n1")
    if start > 0 and scan[start - 1] == "”" and _ROUND_RE.fullmatch(n1):
        return False  # “天大的小事”百名党员“…”: a round numeral glued to a quoted name is part of it
    return _parse_cached(n1) is not None


def _is_threshold(g: _Groups, scan: str, m: re.Match[str]) -> bool:
    """``亿元以上项目``, ``千万元级企业``: a bare scale word with a measure word before 以上,
    以下, 以内 or 级 states a threshold (the scale's value), not a vague amount."""
    if not g.unit or g.s1 or g.sep:
        return False
    return g.suf in _THRESHOLD_SUF or scan.startswith("级", m.end("unit"))


def _is_point_count(scan: str, n1_start: int, unit_end: int) -> bool:
    """``三点意见``, ``归纳为四点。``: points of a speech, not a clock hour (``下午3点``, ``三点半``,
    ``12点30分``, ``8点钟``) — the numeral must not follow a time word and 点 must end the
    clause or stand before a noun of the genre."""
    if _TIME_BEFORE_RE.search(scan, max(0, n1_start - 3), n1_start):
        return False
    nxt = scan[unit_end : unit_end + 1]
    return not nxt or nxt in _CLAUSE_PUNCT or scan.startswith(_POINT_NOUNS, unit_end)


def _after_vague(scan: str, pos: int) -> bool:
    return (pos > 0 and scan[pos - 1] in "数几") or scan.startswith("若干", pos - 2)


def _is_small_cn(n1: str) -> bool:
    return (len(n1) == 1 and n1 in _CN_DIGITS) or n1 == "十"


def _da_kind(g: _Groups, scan: str, end: int) -> tuple[FigureKind | None, str | None]:
    """``五大功能``: a count without measure word, for small numerals only (十七大 is a congress)."""
    value = _parse_cached(g.n1)
    nxt = scan[end : end + 1]
    if value is None or not 2 <= value <= 10 or g.s1 or g.m1 or not _CJK_RE.match(nxt):
        return None, None
    return "count", None


def _bare_kind(m: re.Match[str], g: _Groups, scan: str, end: int) -> tuple[FigureKind | None, str | None]:
    """A numeral with no measure word: ``十部门``, ``3000万游客``, ``受益人数超6万``, ``投资3亿``."""
    if g.sep:
        return None, None
    rest = scan[end : end + 4]
    if rest.startswith(_NOUNS_AFTER_NUMERAL) and not g.m1:
        return "count", None
    n1 = g.n1
    scaled = bool(g.s1) or any(c in _CN_BIG for c in n1)
    if not scaled or n1[0] in _CN_BIG:
        return None, None
    before = scan[max(0, m.start() - 12) : m.start()]
    if _MONEY_NOUNS_RE.search(before):
        return "money", "元"
    if _COUNT_NOUNS_RE.search(before):
        return "count", None
    nxt = rest[:1]
    if n1[0].isdigit() and _CJK_RE.match(nxt) and nxt not in _NOT_NOUN_START:
        return "count", None
    return None, None


def _count_kind(scan: str, unit: str, start: int, unit_end: int) -> tuple[FigureKind | None, str | None]:
    """A numeral + measure word: reject formulas and frequencies."""
    if scan.startswith(_FORMULA_NEXT, unit_end):
        return None, None  # 四个一批, 五个一工程, 四个“一”: formulas
    if unit in _FREQ_UNITS and _after_every(scan, start):
        return None, None
    if unit in _RANK_UNITS and _is_rank_move(scan, start, unit_end):
        return None, None
    return "count", unit


def _is_rank_move(scan: str, start: int, unit_end: int) -> bool:
    """``较上年前进3位``, ``排名下降2名,居…``: places gained or lost in a ranking. A noun after
    the measure word makes it people again (``提升3名干部``)."""
    if not start or scan[start - 1] not in _RANK_VERB_LAST:
        return False
    if not _RANK_VERB_RE.search(scan, max(0, start - 3), start):
        return False
    nxt = scan[unit_end : unit_end + 1]
    return not _CJK_RE.match(nxt) or nxt in _NOT_NOUN_START or nxt in _AFTER_RANK


def _after_every(scan: str, pos: int) -> bool:
    """A ``每`` earlier in the same clause makes ``N次`` a frequency (每季度开展1次)."""
    i = pos - 1
    while i >= 0 and pos - i <= 12 and scan[i] not in _CLAUSE_PUNCT:
        if scan[i] == "每":
            return True
        i -= 1
    return False


def _fraction(
    m: re.Match[str], scan: str, start: int, pre: str | None, suf: str | None
) -> list[dict[str, Any]]:
    """``4/5`` -> 80, ``三分之一`` -> 33.33, as percent."""
    a, b = parse_number(m.group("n1")), parse_number(m.group("n2"))
    if a is None or b is None or m.group("unit") or m.group("s1") or m.group("m1"):
        return []
    if m.group("sep") == "分之":
        a, b = b, a
    if b == 0 or not 0 < a <= b or b > 100 or a != int(a) or b != int(b):
        return []
    end = m.end("suf") if suf else m.end("n2")
    if end < len(scan) and (scan[end] in "/年月日号" or scan[end].isdigit()):  # 3/4月: a date
        return []
    if m.group("sep") == "/" and (_looks_like_date(scan, m) or m.group("cur")):
        return []
    value = round(a / b * 100, 2)
    qual = _qualifier(pre, None, suf)
    return [_spec("percent", value, "%", qual, start, end)]


def _looks_like_date(scan: str, m: re.Match[str]) -> bool:
    return (m.start("n1") > 0 and scan[m.start("n1") - 1] in "/-.") or not m.group("n1").isdigit()


def _specs(
    g: _Groups,
    kind: FigureKind,
    unit: str | None,
    pre: str | None,
    suf: str | None,
    start: int,
    end: int,
) -> list[dict[str, Any]]:
    """Value, interval and qualifier of a (possibly ranged) figure."""
    n1, s1 = g.n1, g.s1
    scale1 = _scale(s1) if s1 else 1.0
    v1 = _value(n1, scale1, g.cur)
    if v1 is None:
        return []
    raw_unit = g.unit
    if raw_unit == "成" and unit == "%":
        v1 *= 10  # 三成 = 30%
    elif raw_unit == "元" and (g.jiao or g.fen):
        jiao, fen = _parse_cached(g.jiao or "0") or 0, _parse_cached(g.fen or "0") or 0
        v1 += jiao / 10 + fen / 100  # 123元1角1分
    mid = g.m1 or g.p1
    if g.sep and g.n2:
        return _range_specs(g, kind, unit, v1, start, end)
    pair = _adjacent_range(n1) if len(n1) == 2 else None
    if pair and not mid:
        lo, hi = (x * scale1 for x in pair)
        return [_spec(kind, v, unit, "range", start, end, lo, hi) for v in (lo, hi)]
    if mid == "几":  # 十几万: 10万 plus 1..9 of the unit below 十 (万), so 11万 to 19万
        step = _CN_UNITS.get(n1[-1], 0) / 10 * scale1
        if not step:
            return []
        return [_spec(kind, v1, unit, "over", start, end, v1 + step, v1 + 9 * step)]
    qual = _qualifier(pre, mid, suf)
    return [_spec(kind, v1, unit, qual, start, end)]


def _range_specs(
    g: _Groups, kind: FigureKind, unit: str | None, v1: float, start: int, end: int
) -> list[dict[str, Any]]:
    """``2-3名``, ``5-10万元`` (the scale is shared), ``1万元至2万元``: two figures, one interval."""
    n2 = g.n2
    v2 = _value(n2, _scale(g.s2), None)
    if v2 is None:
        return []
    shared = _trailing_scale(n2) * _scale(g.s2)
    n1_scaled = g.s1 or any(c in _CN_BIG for c in g.n1)
    if not n1_scaled and shared != 1 and v1 < v2 / shared + 1e-9:
        v1 *= shared  # 5-10万元: the scale is shared
    if v1 >= v2:
        return []
    return [_spec(kind, v, unit, "range", start, end, v1, v2) for v in (v1, v2)]


def _trailing_scale(n: str) -> float:
    """The 万/亿 scale a numeral ends with (``10万`` -> 10000), 1 if none."""
    stripped = n.rstrip(_CN_B)
    return _scale(n[len(stripped) :]) if stripped else 1.0


def _scale(s: str | None) -> float:
    value = 1.0
    for c in s or "":
        value *= _CN_BIG[c]
    return value


def _value(n: str, scale: float, cur: str | None) -> float | None:
    if n in _HALVES:
        return 50.0
    v = _parse_cached(n)
    if v is None:
        return None
    if cur == "千分之":
        return round(v / 10, 4)
    return v * scale


def _adjacent_range(n: str) -> tuple[float, float] | None:
    """``两三``, ``三五``, ``七八``: two single digits in rising order read as a range."""
    if len(n) != 2 or n[0] not in _CN_DIGITS or n[1] not in _CN_DIGITS:
        return None
    a, b = _CN_DIGITS[n[0]], _CN_DIGITS[n[1]]
    return (float(a), float(b)) if 0 < a < b else None


def _qualifier(pre: str | None, mid: str | None, suf: str | None) -> Qualifier | None:
    """The word before the number wins (约30门左右 is approx), then 余/多, then the suffix."""
    return _QUALIFIER_OF.get(pre) or _QUALIFIER_OF.get(mid) or _QUALIFIER_OF.get(suf)


def _spec(
    kind: FigureKind,
    value: float,
    unit: str | None,
    qual: Qualifier | None,
    start: int,
    end: int,
    low: float | None = None,
    high: float | None = None,
) -> dict[str, Any]:
    if qual is None:
        low = high = value
    elif qual == "over" and low is None:
        low = value
    elif qual == "under":
        high = value
    return {
        "kind": kind,
        "value": value,
        "unit": unit,
        "qualifier": qual,
        "low": low,
        "high": high,
        "start": start,
        "end": end,
    }


def _inherit_qualifier(spec: dict[str, Any], prev: dict[str, Any] | None, scan: str) -> None:
    """``不低于1/2和1/3``: a list item right after a qualified figure shares its qualifier."""
    if prev is None or spec["qualifier"] is not None or not spec["inherit"] or prev["qualifier"] is None:
        return
    if prev["qualifier"] == "range" or prev["kind"] != spec["kind"]:
        return
    gap = scan[prev["end"] : spec["start"]]
    if gap in ("、", "和", "及", "与", "或", ",") and prev.get("pre_word"):
        spec["qualifier"] = prev["qualifier"]
        over = prev["qualifier"] == "over"
        spec["low"], spec["high"] = (spec["value"], None) if over else (None, spec["value"])
        if prev["qualifier"] == "approx":
            spec["low"] = spec["high"] = None
        spec["pre_word"] = prev["pre_word"]


def _share_qualifier(spec: dict[str, Any], scan: str) -> None:
    """``不低于财政收入的2%``, ``不超过上年度的5%``: the qualifier is written before the base of
    the share, joined to the number by a short noun phrase and 的 (no punctuation, no digit
    between). The ``text`` stays the number's own surface."""
    start = spec["start"]
    if start < 3 or scan[start - 1] != "的":
        return
    found = _SHARE_QUALIFIER_RE.search(scan, max(0, start - _SHARE_SPAN - 3), start)
    if found is None:
        return
    word = found.group(1)
    qual = _QUALIFIER_OF[word]
    value = spec["value"]
    spec["qualifier"] = qual
    spec["low"] = value if qual == "over" else None
    spec["high"] = value if qual == "under" else None
    spec["pre_word"] = word  # a list after it shares it: 不低于收入的2%和3%
    spec["inherit"] = False


_new_object = object.__new__
_set_slot = object.__setattr__
_SET_FIELDS = frozenset(
    ("kind", "value", "low", "high", "unit", "qualifier", "subject", "text", "start", "end", "sentence")
)
_SCHEMA_VERSION: str = Figure.model_fields["schema_version"].default


def _to_figure(spec: dict[str, Any], text: str, sentences: _Sentences) -> Figure:
    start, end = spec["start"], spec["end"]
    sentence = sentences.around(start, end)
    subject = spec["subject"] if "subject" in spec else _subject(text, start, end)
    if spec["unit"] is None and spec["kind"] == "count" and subject and text.startswith(subject, end):
        end += len(subject)  # no measure word: the noun is part of the surface (十部门, 3000万游客)
    return _make_figure(spec, subject, text[start:end], start, end, sentence)


def _make_figure(
    spec: dict[str, Any], subject: str | None, surface: str, start: int, end: int, sentence: str
) -> Figure:
    """A ``Figure`` built without validation (4 µs each, the largest cost per figure), the same
    object ``Figure(...)`` makes: every field is of its type by construction — kind and
    qualifier come from this module's literal tables, value/low/high are made floats here,
    strings are slices of the text or constants, offsets are ints."""
    low, high = spec["low"], spec["high"]
    fig = _new_object(Figure)
    _set_slot(
        fig,
        "__dict__",
        {
            "schema_version": _SCHEMA_VERSION,
            "id": None,
            "bulletin_id": None,
            "initiative_id": None,
            "kind": spec["kind"],
            "value": float(spec["value"]),
            "low": None if low is None else float(low),
            "high": None if high is None else float(high),
            "unit": spec["unit"],
            "qualifier": spec["qualifier"],
            "subject": subject,
            "text": surface,
            "start": start,
            "end": end,
            "sentence": sentence,
        },
    )
    _set_slot(fig, "__pydantic_fields_set__", set(_SET_FIELDS))
    _set_slot(fig, "__pydantic_extra__", None)
    _set_slot(fig, "__pydantic_private__", None)
    return fig


class _Sentences:
    """The sentence around a span, its bounds found by two regex searches (one backwards, in
    the reversed text) instead of listing every bound of the text; each sentence is cut
    once, and the last one kept for the next figures (most sentences hold several)."""

    def __init__(self, text: str, scan: str) -> None:
        self.text = text
        self.scan = scan
        self.reverse = scan[::-1]
        self.cache: dict[tuple[int, int], str] = {}
        self.last = (0, -1, "")  # (first, last) offset of a span inside the last sentence

    def around(self, start: int, end: int) -> str:
        lo, hi, sentence = self.last
        if lo <= start and end <= hi:
            return sentence
        scan = self.scan
        size = len(scan)
        before = _SENT_END_RE.search(self.reverse, size - start)  # the last bound before start
        left = size - before.start() if before else 0
        after = _SENT_END_RE.search(scan, start)
        inside = after is None or after.start() >= end  # no bound within the span
        if not inside:
            after = _SENT_END_RE.search(scan, end)
        right = after.start() + 1 if after else size
        found = self.cache.get((left, right))
        if found is None:
            found = self.cache[(left, right)] = self.text[left:right].strip()
        if inside:  # every span from left up to the bound finds the same sentence
            self.last = (left, right - 1 if after else right, found)
        return found


# ---------------------------------------------------------------- subjects

_lexicon: dict[str, bool] | None = None
_MAX_WORD = 6


def _words_of_lexicon() -> dict[str, bool]:
    """The words of 2 to 6 characters of jieba's dictionary, loaded once, on the first subject
    looked up. Only real words (its FREQ also holds every prefix, with frequency 0), so that
    ``in`` replaces a ``get`` call; a dict, not a set: a dict of strings is not tracked by the
    garbage collector, a set of 300k words would be traversed by every full collection."""
    global _lexicon
    if _lexicon is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.check_initialized()
        words = (w for w, freq in jieba.dt.FREQ.items() if freq and 1 < len(w) <= _MAX_WORD)
        _lexicon = dict.fromkeys(words, True)
    return _lexicon


def _cut(window: str) -> list[str]:
    """Backward maximum matching over jieba's dictionary: on a dozen characters it finds the
    words of the noun phrases wanted here (受益|人数, 工作|队员) several times faster than
    ``jieba.lcut``."""
    known = _words_of_lexicon()
    words: list[str] = []
    end = len(window)
    while end > 0:
        size = _MAX_WORD if end > _MAX_WORD else end
        while size > 1 and window[end - size : end] not in known:
            size -= 1
        words.append(window[end - size : end])
        end -= size
    words.reverse()
    return words


_GENERIC_HEADS = frozenset(_words("人数 户数 人次 数量 总数 规模 比例 总额 金额 资金 费用 面积"))
_SUBJ_AFTER_RE = re.compile(r"[^\n。!?;,:、()“”《》\"'0-9%]{1,14}")
_SUBJ_BEFORE_RE = re.compile(r"[^\n。!?;,:、()“”《》\"'0-9%]{1,14}$")


def _subject(text: str, start: int, end: int) -> str | None:
    after = _SUBJ_AFTER_RE.match(text, end)
    if after:
        subject = _subject_after(after.group())
        if subject:
            return subject
    return _subject_before_of(text, start)


def _subject_before_of(text: str, start: int) -> str | None:
    before = _SUBJ_BEFORE_RE.search(text, max(0, start - 14), start)
    return _subject_before(before.group()) if before else None


@lru_cache(maxsize=8192)
def _subject_after(window: str) -> str | None:
    words: list[str] = []
    for w in _cut(window):
        if w in _SUBJECT_STOP and words:
            break
        if w in _SUBJECT_STOP:
            continue
        words.append(w)
    subject = "".join(words).lstrip("的")
    return subject if len(subject) >= 1 and _CJK_RE.match(subject) else None


@lru_cache(maxsize=8192)
def _subject_before(window: str) -> str | None:
    words = _cut(window)
    while words and (words[-1] in _SUBJECT_STOP or len(words[-1]) == 1):
        words.pop()
    if not words:
        return None
    # the last word names what is counted; a generic head (人数, 总额) needs the word before it
    subject = "".join(words[-2:]) if words[-1] in _GENERIC_HEADS else words[-1]
    return subject if _CJK_RE.match(subject) else None
