"""Outline parser: split a normalized bulletin into its numbered initiatives at every level.

Input is the normalized text (see docs/DESIGN.md): one paragraph per line, ASCII digits and
``, : ; ( )``. Output is a flat list of :class:`~casekit.models.NodeFields` in reading order.

Three layouts are recognised, tried in this order:

- **records** of a list of submissions (``发布者:XX`` / ``举措:`` then paragraphs): one node per
  record, its title the record's name field (``案例名称:``, ``项目名称:``, before or after the
  publisher) or else the first sentence of the measure, its sections as children; the same
  fields written as bracketed labels repeating record after record (``【申报单位】…`` /
  ``【品牌名称】…`` / ``【主要做法】``) are records too, not ``【…】`` headings;
- **compilations of articles** (title line(s), an organ name alone on a line, the article):
  one node per article, its sections as children; leading structured text forms an article too;
  an organ line followed only by date lines is a signature and opens no article;
- **plain documents**: explicit markers at every level (``一、`` ``(一)`` ``1、`` ``1.`` ``(1)``
  ``1)`` ``①`` ``第一,`` ``第一部分`` ``【…】`` ``案例1:``, WeChat ``01`` / ``PART 1``, briefing symbols
  ``★ ◆ ▲ ●`` at one level), at the start of a paragraph or of a clause; a regulation's
  ``第一章`` chapters holding its ``第一条`` articles (numbered on through the chapters); rows of a
  flattened task table (a bare number line, then one cell per line; the unit cell is the row's
  lead unit), or of a table flattened one row per line under a header naming a unit and a name
  column (``序号 单位 项目名称``: each row a case of its unit); briefing items named by their place,
  ``【扎兰屯市】`` or ``根河市:标题`` (two or more, one level; a speaker label of a Q&A such as
  ``日报记者:`` or ``副部长张三:`` is none); and
  runs of unnumbered paragraphs opening with a short headline sentence (not an exhortation such
  as ``希望…`` / ``各…要…`` nor a prepositional statement, which close a notice). A bare marker
  line takes the next line as its heading. A document's title (``关于…的通知``) and a sign-off
  date line are never nodes.

A numbered heading ``东城区:标题`` or ``案例2:东城区——标题`` is a case: the name is its issuer.
Levels are not fixed by marker style: a style first seen inside an item nests below it, a style
already open returns to its level. A marker counts only where it continues a sequence, so a
``(1)`` inside a sentence, ``3.5万`` or ``2011.`` does not split. Lines still cut by a fixed-width
wrap are read as one paragraph. In-paragraph enumerations (一是…二是…) become ``points``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from casekit.models import NodeFields, NodeKind

# --- marker patterns -------------------------------------------------------------------------

_CN_DIGITS = "一二三四五六七八九十"
_CN_NUM = f"[{_CN_DIGITS}]{{1,3}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# One alternation, one group per style; group "nX" holds the ordinal. Longer forms first.
_MARKER = re.compile(
    rf"第(?P<n_di>{_CN_NUM})(?P<suf>部分|章|节|篇|条)?(?(suf)|[,、:. ])"
    rf"|(?P<n_cn>{_CN_NUM})、"
    rf"|\((?P<n_pcn>{_CN_NUM})\)"
    r"|(?P<n_ar>\d{1,2})、(?!\d)"
    r"|(?P<n_dot>\d{1,2})\.(?![\d%])"
    r"|\((?P<n_par>\d{1,2})\)"
    r"|(?P<n_rp>\d{1,2})\)"
    rf"|(?P<n_circ>[{_CIRCLED}])"
    # a WeChat section number alone or before its heading (01 / 02 标题), PART 1
    r"|(?P<n_wx>0[1-9])(?=[ ]|$)"
    r"|(?i:part)[ ]?(?P<n_part>\d{1,2})(?=[ :.]|$)"
    # a numbered case of a case list: 案例1: / 典型案例一 / 经验3、
    rf"|(?:典型)?(?:案例|经验|事例)(?P<n_case>\d{{1,2}}|{_CN_NUM})(?:\s*[:、.]\s*|\s+)"
)
_STYLE_OF = {
    "n_di": "第",
    "n_cn": "一、",
    "n_pcn": "(一)",
    "n_ar": "1、",
    "n_dot": "1.",
    "n_par": "(1)",
    "n_rp": "1)",
    "n_circ": "①",
    "n_case": "案例",
    "n_wx": "01",
    "n_part": "PART",
}
_ARTICLE_STYLE = "第条"
_MARKER_FIRST = set("第(典案经事Pp" + _CN_DIGITS + _CIRCLED + "0123456789")
# a briefing item set off by a symbol (★ 东城镇:标题); one level, whatever the symbol
_SYMBOL_CHARS = "★☆◆◇▲△●○■□▶►◎▪•"
_SYMBOL = re.compile(rf"[{_SYMBOL_CHARS}]\s*(?=[\u4e00-\u9fff“])")
_SYMBOL_STYLE = "•"
# a flattened table row: its number alone on a line, then one cell per line (task, time, unit)
_BARE_NUMBER = re.compile(r"\d{1,3}")
_ROW_STYLE = "row"
_ROW_CELLS = 6
_FIGURE_CELL = re.compile(r"[\d,.%+-]+")
# a table flattened one row per line under its header (序号 单位 项目名称): the header's column
# names say which cell is the unit and which the project's name; a row is its number and cells
_TABLE_HEADER = re.compile(r"(?:序号|编号|序)\s+[^\n]{2,60}")
_UNIT_COLUMN = re.compile(
    r"(?:申报|报送|推荐|责任|牵头|所在|实施)?(?:单位|部门|乡镇|党组织)(?:名称)?|申报主体|地区"
)
_NAME_COLUMN = re.compile(
    r"(?:项目|案例|举措|品牌|成果|创新|经验|工作法)(?:名称|题目)?|名称|题目|标题|(?:工作)?(?:做法|举措)"
)
_TABLE_ROW = re.compile(r"\d{1,3}(?=\s+\S)")
_TABLE_STYLE = "trow"
# a briefing item named by its place: 【扎兰屯市】 or 根河市:标题, both at one level
_PLACE_STYLE = "place"
# lines that are never nodes: a document's own title (关于…的通知) and a sign-off date
_DOC_TITLE = re.compile(
    r"关于[^。]{2,60}的(?:实施意见|实施方案|工作方案|通知|意见|决定|通报|方案|报告|办法|规定|批复|请示|函)"
)
_DATE_FIRST = set("(12〇○零一二三四五六七八九")
_DATE_LINE = re.compile(
    r"[(]?(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,2}月"
    r"[\d〇○零一二三四五六七八九十]{1,3}日[)]?"
)
_BRACKET = re.compile(r"【(?P<t>[^】\n]{1,40})】")
# styles allowed to open a clause inside a paragraph (after 。; : ! ?)
_INLINE_STYLES = {"(一)", "(1)", "1)", "①", "一、", "1、"}
_INLINE_CUE = re.compile(rf"[。;:!?]\s*(?=[(\d{_CN_DIGITS}{_CIRCLED}])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENT_END = re.compile(r"[。!?]")
_CLAUSE_END = re.compile(r"[,;]")
_MAX_TITLE = 100
_HEAD_END = re.compile(r"[。!?:]")
# a paragraph may end on these; a long line ending otherwise was cut (closing quotes included:
# a paragraph ending on a quotation closes it with 。)
_TERMINAL = "。!?;:…"
# a headline must not open like narrative: time phrases, connectives, figures
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"“[^”]*”")
_SAYS = re.compile(r"(?:指出|强调|要求|表示|认为|提出|如下|说|称|介绍|透露|显示|包括|是)$")
# a speaker label of a Q&A or an interview (通化日报记者: / 市委组织部副部长李明:), not a case
_SPEAKER = re.compile(
    r"(?:记者|主持人|发言人|部长|书记|主任|局长|处长|科长|省长|市长|县长|区长|镇长|乡长|旗长|主席|负责人|同志|"
    r"代表|委员|干部|党员|群众|村民|居民|网友|嘉宾)[\u4e00-\u9fff]{0,3}$"
    r"|(?:日报|晚报|报社|电视台|广播|融媒体|新闻|网)[\u4e00-\u9fff]{0,4}$|^(?:问|答)$"
)
_NARRATIVE_START = re.compile(
    r"^(?:\d|[一二三四五六七八九十]+是|近年|今年|去年|年内|年初|年底|目前|当前|同时|此外|另外|其中|因此|为此|"
    r"对此|经过|截至|截止|据|该|这|此|我们|他|她|在此|随着|自从|会上|会议)"
)
# nor like an exhortation or a passive, prepositional statement (closing remarks of a notice):
# 希望…, 要…, 各级党组织要…, 对受表彰的…,由县委颁发…
_NOT_HEADLINE = re.compile(
    r"^(?:希望|望|请|务必|必须|要(?![素件点])|由|按照|根据|依据|对(?![照标接表口症外])|"
    r"[各全][^,。]{0,12}(?:要(?![素件点求])|应(?![用急对])|须|务必))"
)

# --- records and articles ------------------------------------------------------------------

RECORD_ISSUER = re.compile(
    r"(?:发布者|发布单位|报送单位|申报单位|推荐单位|供稿单位|来源单位|选送单位|单位)\s*:\s*(?P<v>\S.{0,40})"
)
_RECORD_MEASURE = re.compile(
    r"(?:举措|做法|主要做法|创新做法|具体做法|经验做法|基本做法|内容|主要内容|简介|案例简介|举措内容)\s*:\s*"
)
# other labelled parts of a record's text, cut off like the measure label
_RECORD_FIELD = re.compile(
    r"(?:工作成效|主要成效|取得成效|实施成效|成效|工作成果|实际效果|实施效果|效果|特色亮点|创新亮点|亮点|"
    r"经验启示|启示|背景|工作背景|案例背景)\s*:\s*"
)
# any other short field of a record's header
# a record's field label written as a bracket heading: 【申报单位】…
_FIELD_LABEL = re.compile(r"【(?P<t>[\u4e00-\u9fff]{2,8})】")
_OTHER_FIELD = re.compile(r"[\u4e00-\u9fff]{2,8}\s*:\s*[^。!?]{0,40}")
# the heading field of a record: 案例名称, 项目名称, 创新举措名称, 标题, 题目…
_RECORD_TITLE = re.compile(
    r"(?:(?:案例|项目|举措|创新举措|创新项目|创新案例|经验|品牌|活动|成果|典型)?名称|标题|题目|案例标题|案例题目)"
    r"\s*:\s*(?P<v>\S.{0,60})"
)
ORGAN_SUFFIX = (
    r"(?:组织部|宣传部|统战部|委员会|党工委|工委|党委|党组|纪委|政法委|委|人民政府|政府|办公室|办|厅|局|"
    r"人民法院|法院|人民检察院|检察院|管委会|管理委员会|中心|总工会|工会|团委|妇联|协会|学校|大学|公司|集团)"
)
# the characters an organ name ends on
_ORGAN_LAST_CHARS = frozenset(
    alt[-1] for alt in ORGAN_SUFFIX.removeprefix("(?:").removesuffix(")").split("|")
)
# an organ name alone on a line: the issuer line of an article
_ISSUER_LINE = re.compile(rf"(?:中共)?[\u4e00-\u9fff()]{{1,24}}{ORGAN_SUFFIX}")
# the name before the colon of a case: an organ or a place, maybe with a bracketed alias
_CASE_SEP = re.compile(r":|——|—")
_UNIT_SPLIT = re.compile(r"[、,;]")
# a case's name is not a verb phrase (召开动员会:…)
_CASE_VERBS = (
    "召开|建立|加强|推进|开展|完善|实施|成立|组建|设立|强化|健全|深化|创新|打造|构建|落实|做好|抓好|举办|"
    "培育|发展|提升|规范|严格"
)
PLACE_OR_ORGAN = re.compile(
    rf"(?!{_CASE_VERBS})[\u4e00-\u9fff()]{{1,20}}?(?:{ORGAN_SUFFIX}|省|市|区|县|旗|州|盟|镇|乡|街道|村|社区|"
    r"学院|医院|研究院|联合会|商会|派出所|研究所|事务所|管理处|管理站|支队|大队|中队|总队|海关|银行)"
    r"(?:\([\u4e00-\u9fff]{1,10}\))?"
)

_FIELD_LINE_MAX = 64  # longer than any publisher field or organ line (with stray spaces)
_ENUM_CUE = "。;,:!?\n"
# 一是 / 首先 / 其次 / 再次 / 第一, at the start or after a cue; written first-character-first so
# the scan only stops on one of these characters
_ENUM = re.compile(
    rf"[{_CN_DIGITS}首其再第](?<![^{_ENUM_CUE}].)"
    rf"(?:(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*是|(?<=首)先|(?<=[其再])次|(?<=第)[{_CN_DIGITS}]+,)"
)


@dataclass(slots=True)
class _Para:
    start: int
    end: int


@dataclass(slots=True)
class _Node:
    start: int
    head_end: int
    kind: NodeKind
    label: str = ""
    title: str = ""
    style: str = ""
    ordinal: int | None = None
    issuer_raw: str | None = None
    issuer_source: str | None = None
    children: list[_Node] = field(default_factory=list)
    end: int = 0


@dataclass(slots=True)
class _Cand:
    """A candidate node found while scanning paragraphs, before nesting."""

    start: int
    marker_end: int
    style: str
    ordinal: int | None
    label: str
    inline: bool
    limit: int  # end of the paragraph (inline) or of the text the heading may take
    unit: str | None = None  # the unit cell of a table row
    title: str | None = None  # the name cell of a one-line table row


# --- small helpers ---------------------------------------------------------------------------


def cn_ordinal(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (一, 十二, 二十三), or of a circled digit."""
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    if s.isdigit():
        return int(s)
    digits = {c: i + 1 for i, c in enumerate(_CN_DIGITS[:9])}
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        t = digits.get(tens, 1 if tens == "" else 0)
        o = digits.get(ones, 0) if ones else 0
        return t * 10 + o if t and (not ones or o) else None
    return digits.get(s) if len(s) == 1 else None


def _clean(s: str) -> str:
    return s.replace("\n", "").strip()


def paragraphs(text: str) -> list[_Para]:
    """Lines as paragraphs, rejoining lines cut by a fixed-width wrap or a page break."""
    parts = text.split("\n")
    starts = accumulate((len(part) + 1 for part in parts), initial=0)
    # starts has one item more than parts (the end of the text)
    lines = [
        (a, a + len(part)) for a, part in zip(starts, parts, strict=False) if part and not part.isspace()
    ]
    width = _wrap_width(text, lines)
    paras: list[_Para] = []
    prev_len = 0
    for a, b in lines:
        # cheap first test of _is_continuation, inline (most lines end their paragraph): a short
        # line or one ending a sentence ends its paragraph unless the text is hard-wrapped
        if (
            paras
            and (
                (width is not None and prev_len >= width - 1)
                or (last := text[paras[-1].end - 1]).isspace()
                or not (prev_len < 30 or last in _TERMINAL or last in "】)")
            )
            and _is_continuation(text[paras[-1].start : paras[-1].end], prev_len, text[a:b], width)
        ):
            paras[-1].end = b
        else:
            paras.append(_Para(a, b))
        prev_len = b - a
    return paras


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width of a hard-wrapped text: many lines of about one length, most of them cut
    mid-sentence (lines of real paragraphs end on 。)."""
    if len(lines) < 8:
        return None
    counts = dict(Counter(b - a for a, b in lines))  # a dict: no Counter.__missing__ calls
    get = counts.get
    near_counts = [get(w - 1, 0) + n + get(w + 1, 0) for w, n in counts.items()]
    best = list(counts)[near_counts.index(max(near_counts))]  # the first best, as max() gives
    near = [(a, b) for a, b in lines if abs(b - a - best) <= 1]
    if best < 20 or len(near) < 0.4 * len(lines):
        return None
    cut = sum(1 for a, b in near if text[b - 1] not in _TERMINAL)
    return best if cut >= 0.5 * len(near) else None


def _is_continuation(prev: str, prev_line_len: int, line: str, width: int | None) -> bool:
    """A line continues the previous one when that one ran to the wrap width or stopped mid-sentence."""
    last = prev.rstrip()
    if not last or _BRACKET.match(line) or _SYMBOL.match(line) or RECORD_ISSUER.match(line):
        return False
    if is_issuer_line(line.strip()):
        return False
    if _TABLE_ROW.match(line) and _TABLE_ROW.match(prev):
        return False  # rows of a table flattened one per line
    if width is not None and prev_line_len >= width - 1:
        # a full-width line ends wherever the wrap fell; only a fresh marker line breaks it
        return _line_marker(line) is None or last[-1] not in _TERMINAL
    if prev_line_len < 30 or last[-1] in _TERMINAL or last[-1] in "】)":
        return False
    if _line_marker(line) is not None:
        return False
    return not _looks_like_heading(last)


def _looks_like_heading(s: str) -> bool:
    """A short numbered heading standing alone on its line (its body follows on the next)."""
    return len(s) <= 40 and _line_marker(s) is not None and "。" not in s


def _line_marker(s: str, pos: int = 0, endpos: int | None = None) -> tuple[str, re.Match[str], int] | None:
    """(style, match, ordinal) of a numbering marker at ``s[pos]``."""
    if pos >= len(s) or s[pos] not in _MARKER_FIRST:
        return None
    m = _MARKER.match(s, pos, len(s) if endpos is None else endpos)
    if not m:
        return None
    key = m.lastgroup  # the one alternative that matched; 第 may close on its suffix group
    if key == "suf":
        key = "n_di"
    n = cn_ordinal(m.group(key))
    if n is None:
        return None
    style = _STYLE_OF[key]
    if style == "第":
        style = "第" + (m.group("suf") or ",")
    return style, m, n


# four CJK characters at least (what the text after a headline must hold), in one C call
_FOUR_CJK = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4}")
_HEADLINE_SPAN = 70  # characters of a paragraph _headline reads at its default limit


def _headline(s: str, limit: int = 28) -> int | None:
    """Length of a short headline sentence opening ``s`` (end punctuation included), or None."""
    m = _HEAD_END.search(s, 0, limit + 2)
    if not m or m.start() < 4 or not _FOUR_CJK.match(s, m.end(), m.end() + 40):
        return None
    head = s[: m.start()]
    if "\n" in head or _NARRATIVE_START.match(head) or _NOT_HEADLINE.match(head):
        return None
    if head.count("“") != head.count("”"):
        return None
    if _DIGIT.search(head) and _DIGIT.search(_QUOTED.sub("", head)):
        return None  # a figure outside quotation marks: a statement of fact, not a measure
    if s[m.start()] == ":" and (_SAYS.search(head) or _SPEAKER.search(head)):
        return None  # 会议指出: / 主要做法如下: / 记者: introduce speech or a list, not a measure
    return m.end()


def _title_span(text: str, start: int, limit: int) -> tuple[str, int]:
    """Heading of a node whose heading starts at ``start``: its first sentence, kept readable."""
    seg = text[start:limit]
    m = _SENT_END.search(seg)
    stop = m.start() if m else len(seg)
    head_end = start + (m.end() if m else len(seg))
    title = _clean(seg[:stop])
    if len(title) > _MAX_TITLE:
        cut = max((m.end() for m in _CLAUSE_END.finditer(title, 0, _MAX_TITLE)), default=_MAX_TITLE)
        title = title[:cut].rstrip(",;")
    return title.rstrip(":;,"), head_end


# --- candidates and nesting ------------------------------------------------------------------


def _scan(text: str, paras: list[_Para]) -> list[_Cand]:
    """Every marker, bracket heading and headline paragraph, in reading order."""
    cands: list[_Cand] = []
    symbols = 0
    # where an inline cue may stand: one scan of the block instead of one per paragraph (a cue
    # found in a paragraph is found here too, at the same start)
    cues = [m.start() for m in _INLINE_CUE.finditer(text, paras[0].start, paras[-1].end)] if paras else []
    columns: tuple[int, int, int] | None = None  # (cells, unit cell, name cell) of a table header
    for k, p in enumerate(paras):
        start = _lstrip_pos(text, p.start, p.end) if text[p.start].isspace() else p.start
        if text[start] in "序编" and (header := _table_columns(text, start, p.end)):
            columns = header
            continue
        if columns is not None:
            row = _table_row(text, start, p.end, columns)
            if row is not None:
                cands.append(row)
                continue
            columns = None
        head = _paragraph_candidate(text, start, p.end)
        if head is not None:
            if k + 1 < len(paras) and _lstrip_pos(text, head.marker_end, p.end) == p.end:
                head.limit = paras[k + 1].end  # a bare marker line (01): its heading is the next line
            if head.style != _ROW_STYLE or _fill_row(text, paras, k, head):
                cands.append(head)
                symbols += head.style == _SYMBOL_STYLE
        skip = head.marker_end if head else p.start
        i = bisect_left(cues, skip)
        if i < len(cues) and cues[i] < p.end:
            cands.extend(_inline_markers(text, p, skip))
    if symbols == 1:
        cands = [c for c in cands if c.style != _SYMBOL_STYLE]  # one starred line is decoration
    if sum(c.style == _PLACE_STYLE for c in cands) == 1:
        cands = [_lone_place(text, c) for c in cands]
        cands = [c for c in cands if c is not None]
    for c, nxt in pairwise(cands):
        c.limit = min(c.limit, max(nxt.start, c.marker_end))  # a heading stops at the next marker
    return _keep_headline_runs(cands, paras)


def _paragraph_candidate(text: str, start: int, end: int) -> _Cand | None:
    """The node a paragraph opens: a bracket heading, a marker, a symbol or a headline sentence."""
    first = text[start]  # each pattern but the headline has its first characters: tested first
    if end - start <= 70 and (first == "关" or first in _DATE_FIRST) and _never_a_node(text, start, end):
        return None
    if first == "【" and (b := _BRACKET.match(text, start, end)):
        style = _PLACE_STYLE if _is_place(b.group("t")) else "【】"
        return _Cand(start, b.end(), style, None, "【】", False, end)
    if first in _MARKER_FIRST and (lm := _line_marker(text, start, end)):
        style, m, n = lm
        return _Cand(start, m.end(), style, n, m.group(0).strip(), False, end)
    if end - start <= 3 and _BARE_NUMBER.fullmatch(text, start, end):
        return _Cand(start, end, _ROW_STYLE, int(text[start:end]), text[start:end], False, end)
    if first in _SYMBOL_CHARS and (sym := _SYMBOL.match(text, start, end)):
        return _Cand(start, sym.end(), _SYMBOL_STYLE, None, text[start], False, end)
    if "\u4e00" <= first <= "\u9fff" and _place_colon(text, start, end):
        return _Cand(start, start, _PLACE_STYLE, None, "", False, end)
    # a headline ends within 30 characters and is followed by 40 more it reads
    if _headline(text[start : min(end, start + _HEADLINE_SPAN)]) is not None:
        return _Cand(start, start, "H", None, "", False, end)
    return None


def _fill_row(text: str, paras: list[_Para], k: int, row: _Cand) -> bool:
    """Whether the bare number at ``paras[k]`` opens a row of a task table: the next line is a
    task (words, not another number) and no cell is a figure (a row of a statistics table is not
    an initiative); the row's unit cell is the last cell naming an organ or a place."""
    cells = []
    for p in paras[k + 1 : k + 1 + _ROW_CELLS]:
        s = _para_text(text, p)
        if _BARE_NUMBER.fullmatch(s):
            break
        cells.append(s)
    if not cells or not _CJK.search(cells[0]) or len(cells[0]) > _MAX_TITLE:
        return False
    if any(_FIGURE_CELL.fullmatch(cell) for cell in cells[1:]):
        return False
    for cell in reversed(cells[1:]):
        unit = _UNIT_SPLIT.split(cell, maxsplit=1)[0]
        if len(unit) <= 24 and PLACE_OR_ORGAN.fullmatch(unit):
            row.unit = unit
            break
    return True


def _lone_place(text: str, c: _Cand) -> _Cand | None:
    """A lone place item is none: a 【place】 stays a heading, a ``place:`` line a headline, if any."""
    if c.style != _PLACE_STYLE:
        return c
    if c.label == "【】":
        c.style = "【】"
        return c
    if _headline(text[c.start : min(c.limit, c.start + _HEADLINE_SPAN)]) is None:
        return None
    c.style = "H"
    return c


def _is_place(name: str) -> bool:
    """A place or an organ, not a speaker (鄂伦春自治旗, 弥阳街道党工委; not 市委组织部部长李明)."""
    return 2 <= len(name) <= 24 and bool(PLACE_OR_ORGAN.fullmatch(name)) and not _SPEAKER.search(name)


def _place_colon(text: str, start: int, end: int) -> bool:
    """A briefing item ``根河市:“银发先锋”…``: a place or organ, a colon, then its measure."""
    colon = text.find(":", start + 2, min(end, start + 25))
    return colon > 0 and _is_place(text[start:colon]) and bool(_FOUR_CJK.match(text, colon + 1, colon + 40))


def _table_columns(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(cells, unit cell, name cell) of a flattened table's header line (序号 单位 项目名称), or
    None: a header names a unit column and a name column, in short cells without punctuation."""
    if not _TABLE_HEADER.fullmatch(text, start, end):
        return None
    cells = text[start:end].split()
    if len(cells) < 3 or any(len(c) > 8 or not _CJK.fullmatch(c[0]) for c in cells):
        return None
    unit = next((i for i, c in enumerate(cells) if _UNIT_COLUMN.fullmatch(c)), None)
    name = next((i for i, c in enumerate(cells) if i != unit and _NAME_COLUMN.fullmatch(c)), None)
    return None if unit is None or name is None else (len(cells), unit, name)


def _table_row(text: str, start: int, end: int, columns: tuple[int, int, int]) -> _Cand | None:
    """A row under a table header: its number, then its cells (the name cell takes any spaces
    left over, a name may hold one)."""
    m = _TABLE_ROW.match(text, start, end)
    if not m:
        return None
    n, unit, name = columns
    cells = text[m.end() : end].split()
    if len(cells) < n - 1:
        return None
    extra = len(cells) - (n - 1)
    i_unit = unit - 1 + (extra if unit > name else 0)
    title = " ".join(cells[name - 1 : name + extra])
    ordinal = int(m.group())
    return _Cand(start, m.end(), _TABLE_STYLE, ordinal, m.group(), False, end, cells[i_unit], title)


def _never_a_node(text: str, start: int, end: int) -> bool:
    """A document's title line (关于…的通知) or a sign-off date line."""
    first = text[start]
    if first == "关":
        return bool(_DOC_TITLE.fullmatch(text, start, end))
    return first in _DATE_FIRST and bool(_DATE_LINE.fullmatch(text, start, end))


def _inline_markers(text: str, p: _Para, skip: int) -> list[_Cand]:
    """Markers opening a clause inside the paragraph (after 。; : ! ?)."""
    found: list[_Cand] = []
    for cue in _INLINE_CUE.finditer(text, skip, p.end):
        pos = cue.end()
        lm = _line_marker(text, pos, p.end)
        if lm and lm[0] in _INLINE_STYLES:
            style, m, n = lm
            found.append(_Cand(pos, m.end(), style, n, m.group(0).strip(), True, p.end))
    return found


def _keep_headline_runs(cands: list[_Cand], paras: list[_Para]) -> list[_Cand]:
    """Headline paragraphs are nodes only in runs of two or more under the same parent.

    Inline markers (the children of a headline paragraph) do not break a run; any other marker
    does, and so do more than two ordinary paragraphs in between.
    """
    para_starts = [p.start for p in paras]
    heads = [k for k, c in enumerate(cands) if c.style == "H"]
    runs: list[list[int]] = []
    for k in heads:
        if runs and _joins_run(cands, runs[-1][-1], k, para_starts):
            runs[-1].append(k)
        else:
            runs.append([k])
    drop = {k for run in runs if len(run) < 2 for k in run}
    return [c for k, c in enumerate(cands) if k not in drop]


def _joins_run(cands: list[_Cand], prev: int, k: int, para_starts: list[int]) -> bool:
    """Whether headline ``k`` continues the run ending at headline ``prev``."""
    if any(not c.inline for c in cands[prev + 1 : k]):
        return False
    return bisect_left(para_starts, cands[k].start) - bisect_left(para_starts, cands[prev].start) <= 3


def _has_successor(cands: list[_Cand], i: int) -> bool:
    """Whether an inline item 1 is followed by its item 2 before its style restarts."""
    c = cands[i]
    for d in cands[i + 1 :]:
        if d.start - c.start > 4000:
            return False
        if d.style == c.style and d.ordinal == (c.ordinal or 0) + 1:
            return True
        if not d.inline and d.style == c.style and d.ordinal == 1:
            return False
    return False


def _nest(text: str, cands: list[_Cand], end: int) -> list[_Node]:
    """Build the tree with a stack of open styles; reject markers that break their sequence."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    last_article = 0  # articles (第X条) are numbered on through the chapters
    for i, c in enumerate(cands):
        level = next((k for k, n in enumerate(stack) if n.style == c.style), None)
        if c.ordinal is not None:
            if level is not None and c.ordinal != (stack[level].ordinal or 0) + 1:
                if c.ordinal != 1 or c.inline:
                    continue  # breaks its sequence; a line-start 1 restarts the list at its level
            elif (
                level is None
                and c.ordinal != 1
                and not (c.style == _ARTICLE_STYLE and c.ordinal == last_article + 1)
            ):
                continue
            if c.style == _ARTICLE_STYLE:
                last_article = c.ordinal
            if (
                (c.inline or c.style in (_ROW_STYLE, _TABLE_STYLE))
                and c.ordinal == 1
                and not _has_successor(cands, i)
            ):
                continue
        node = _make_node(text, c)
        if level is not None:
            del stack[level:]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    _set_ends(roots, end, text)
    return roots


def _make_node(text: str, c: _Cand) -> _Node:
    limit = c.limit
    if c.label == "【】":
        b = _BRACKET.match(text, c.start)
        title = _clean(b.group("t")) if b else ""
        node = _Node(c.start, c.marker_end, "heading", "【】", title, c.style)
        if _is_place(title):  # 【扎兰屯市】: the place heads its item and is its issuer
            node.issuer_raw, node.issuer_source = title, "case"
        return node
    kind: NodeKind = "paragraph" if c.style == "H" else "case" if c.style == "案例" else "numbered"
    if c.title is not None:  # a one-line table row: its unit is the case's issuer
        return _Node(c.start, limit, "case", c.label, c.title, c.style, c.ordinal, c.unit, "case")
    node = _Node(c.start, c.marker_end, kind, c.label, "", c.style, c.ordinal)
    _fill_heading(text, node, c.marker_end, limit)
    if c.unit:
        node.issuer_raw, node.issuer_source = c.unit, "lead_unit"
    return node


def _fill_heading(text: str, node: _Node, pos: int, limit: int) -> None:
    """Title and head end of a node; a ``上城区:标题`` heading makes it a case."""
    title, head_end = _title_span(text, pos, limit)
    if node.kind in ("numbered", "case"):
        m = _CASE_SEP.search(title, 0, 30)
        name, rest = (title[: m.start()], title[m.end() :]) if m else ("", "")
        if rest and 2 <= len(name) <= 24 and PLACE_OR_ORGAN.fullmatch(name) and not _SPEAKER.search(name):
            node.kind, node.issuer_raw, node.issuer_source = "case", name, "case"
            title = rest.strip()
    node.title, node.head_end = title, head_end


def _set_ends(nodes: list[_Node], end: int, text: str) -> None:
    """A node ends where its next sibling starts (or its parent ends), trailing space excluded."""
    for k, n in enumerate(nodes):
        stop = nodes[k + 1].start if k + 1 < len(nodes) else end
        while stop > n.start and text[stop - 1].isspace():
            stop -= 1
        n.end = max(stop, n.head_end)
        n.head_end = min(n.head_end, n.end)
        _set_ends(n.children, n.end, text)


def _parse_block(text: str, paras: list[_Para], end: int) -> list[_Node]:
    return _nest(text, _scan(text, paras), end)


# --- records and articles --------------------------------------------------------------------


def _para_text(text: str, p: _Para) -> str:
    return text[p.start : p.end].strip()


def _lstrip_pos(text: str, start: int, end: int) -> int:
    """The first non-space position of ``text[start:end]`` (normalized lines rarely have any)."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _parse_records(text: str, paras: list[_Para], by_title: bool = False) -> list[_Node] | None:
    """Submission records: one node per publisher field (or, ``by_title``, per name field when
    no record names its publisher), its measure's sections as children."""
    # a publisher field is a short line: test only those before copying every paragraph
    heads = [
        i
        for i, p in enumerate(paras)
        if p.end - p.start <= _FIELD_LINE_MAX
        and text.find(":", p.start, p.end) >= 0  # cheap test first: a field has a colon
        and RECORD_ISSUER.fullmatch(_para_text(text, p))
    ]
    if not heads and by_title:
        heads = [
            i
            for i, p in enumerate(paras)
            if p.end - p.start <= _FIELD_LINE_MAX and _RECORD_TITLE.fullmatch(_para_text(text, p))
        ]
        by_title = len(heads) >= 2
    else:
        by_title = False
    if not heads:
        return None
    lines = [_para_text(text, p) for p in paras]
    if not any(_RECORD_MEASURE.match(s) for s in lines):
        return None
    nodes: list[_Node] = []
    for k, i in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(paras)
        if by_title:
            titled, first = _RECORD_TITLE.fullmatch(lines[i]), i
        else:
            if stop < len(paras) and stop - 1 > i and _RECORD_TITLE.fullmatch(lines[stop - 1]):
                stop -= 1  # the next record's title field
            titled = _RECORD_TITLE.fullmatch(lines[i - 1]) if i > 0 else None
            first = i - 1 if titled else i
            if titled is None:  # the heading field may follow the publisher
                titled = next(filter(None, (_RECORD_TITLE.fullmatch(s) for s in lines[i + 1 : stop])), None)
        publisher = RECORD_ISSUER.fullmatch(lines[i])
        raw = publisher.group("v").strip() if publisher else None
        node = _Node(paras[first].start, paras[i].end, "record", issuer_raw=raw, issuer_source="record")
        body = _record_body(text, paras[i + 1 : stop])
        _fill_untitled(text, node, body, paras[stop - 1].end, titled.group("v").strip() if titled else None)
        nodes.append(node)
    return nodes


def _bracket_field_view(text: str, paras: list[_Para]) -> str | None:
    """The text with bracketed field labels (【申报单位】…, repeated record after record) written as
    ``label :``, same length, so the record parser reads them (a publisher or name label alone on
    its line takes the next line as its value); None when the 【…】 labels are headings (each
    different, as in a yearbook) or name no record field."""
    labels = [m for p in paras if (m := _FIELD_LABEL.match(text, p.start, p.end))]
    counts = Counter(m.group("t") for m in labels)
    if len(labels) < 4 or max(counts.values()) < 2:
        return None
    if not any(_is_header_field(t) for t in counts):
        return None
    parts: list[str] = []
    pos = 0
    for m in labels:
        parts += [text[pos : m.start()], m.group("t"), " :"]
        pos = m.end()
        if text.startswith("\n", pos) and _is_header_field(m.group("t")):
            parts.append(" ")
            pos += 1
    parts.append(text[pos:])
    return "".join(parts)


def _is_header_field(label: str) -> bool:
    """A record's publisher or name field (申报单位, 案例名称), as opposed to its text's parts."""
    return bool(RECORD_ISSUER.fullmatch(label + ":x") or _RECORD_TITLE.fullmatch(label + ":x"))


def _parse_bracket_records(text: str, paras: list[_Para]) -> list[_Node] | None:
    view = _bracket_field_view(text, paras) if "【" in text else None
    return _parse_records(view, paragraphs(view), by_title=True) if view else None


def _record_body(text: str, paras: list[_Para]) -> list[_Para]:
    """Paragraphs of a record's measure text, with field labels cut off."""
    body: list[_Para] = []
    for p in paras:
        s = _para_text(text, p)
        lead = _lstrip_pos(text, p.start, p.end)
        m = _RECORD_MEASURE.match(text, lead, p.end) or _RECORD_FIELD.match(text, lead, p.end)
        if m:
            if m.end() < p.end:
                body.append(_Para(m.end(), p.end))
            continue
        if _RECORD_TITLE.fullmatch(s) or (not body and _OTHER_FIELD.fullmatch(s)):
            continue  # the heading field, or a field before the text (单位名称:…, 联系人:…)
        body.append(p)
    return body


def _fill_untitled(text: str, node: _Node, body: list[_Para], end: int, title: str | None) -> None:
    """A record or untitled article: its title is given or its first sentence; the rest nests."""
    node.end = end
    if not body:
        node.title = title or ""
        return
    if title:
        node.title = title
        node.head_end = body[0].start
        node.children = _parse_block(text, body, end)
        return
    node.title, node.head_end = _title_span(text, body[0].start, body[0].end)
    node.children = _parse_block(text, body[1:], end)


def is_issuer_line(s: str) -> bool:
    """An organ name alone (the last character, a set lookup, rules most lines out first)."""
    return len(s) <= 30 and s[-1:] in _ORGAN_LAST_CHARS and bool(_ISSUER_LINE.fullmatch(s))


def _is_title_line(s: str) -> bool:
    return 2 <= len(s) <= 40 and not _SENT_END.search(s) and s[-1] not in ",;:" and not is_issuer_line(s)


def _parse_articles(text: str, paras: list[_Para]) -> list[_Node] | None:
    """A compilation: title line(s), an organ alone on a line, the article; two or more of them."""
    issuers = [
        i
        for i, p in enumerate(paras)
        if p.end - p.start <= _FIELD_LINE_MAX
        and is_issuer_line(_para_text(text, p))
        and not _is_signature(text, paras, i)
    ]
    # two or more, each followed by a text: adjacent organ lines are joint signatories
    if len(issuers) < 2 or min(b - a for a, b in zip(issuers, [*issuers[1:], len(paras)], strict=True)) < 2:
        return None
    starts: list[int] = []
    floor = 0
    for i in issuers:
        j = i
        while j - 1 >= floor and i - j < 3 and _is_title_line(_para_text(text, paras[j - 1])):
            j -= 1
        starts.append(j)
        floor = i + 1
    nodes: list[_Node] = []
    lead = _leading_article(text, paras[: starts[0]], paras[starts[0]].start)
    if lead:
        nodes.append(lead)
    for k, (first, i) in enumerate(zip(starts, issuers, strict=True)):
        stop = starts[k + 1] if k + 1 < len(starts) else len(paras)
        end = paras[stop - 1].end if stop > i + 1 else paras[i].end
        title = " ".join(_para_text(text, p) for p in paras[first:i])
        node = _Node(paras[first].start, paras[i].end, "article", issuer_raw=_para_text(text, paras[i]))
        node.issuer_source = "article"
        _fill_untitled(text, node, paras[i + 1 : stop], end, title or None)
        nodes.append(node)
    return nodes


def _is_signature(text: str, paras: list[_Para], i: int) -> bool:
    """An organ line with nothing after it but date lines signs the document; it opens no article."""
    return all(_DATE_LINE.fullmatch(_para_text(text, p)) for p in paras[i + 1 :])


def _leading_article(text: str, paras: list[_Para], end: int) -> _Node | None:
    """Text before the first titled article is an article too when it has structure of its own."""
    while paras and _is_title_line(_para_text(text, paras[0])):
        paras = paras[1:]
    if len(paras) < 2:
        return None
    stop = end
    while stop > paras[0].start and text[stop - 1].isspace():
        stop -= 1
    node = _Node(paras[0].start, paras[0].start, "article")
    _fill_untitled(text, node, paras, stop, None)
    return node if node.children else None


# --- flattening ------------------------------------------------------------------------------


def enumeration_points(s: str) -> list[str]:
    """In-paragraph enumerations (一是…二是…, 首先…其次…, 第一,…第二,…) as a list of strings."""
    if "是" not in s and "首先" not in s and "第" not in s:
        return []
    starts = [m.start() for m in _ENUM.finditer(s)]
    if len(starts) < 2:
        return []
    points = []
    for k, a in enumerate(starts):
        b = starts[k + 1] if k + 1 < len(starts) else len(s)
        seg = s[a:b]
        if k + 1 == len(starts):
            m = _SENT_END.search(seg)
            seg = seg[: m.end()] if m else seg
        points.append(_clean(seg).rstrip(",;"))
    return points


def _flatten(text: str, nodes: list[_Node], prefix: str, level: int, out: list[NodeFields]) -> None:
    for k, n in enumerate(nodes, 1):
        path = f"{prefix}.{k}" if prefix else str(k)
        own_end = n.children[0].start if n.children else n.end
        own = text[n.head_end : own_end].strip() if n.head_end < own_end else ""
        out.append(
            NodeFields(
                path=path,
                level=level,
                kind=n.kind,
                label=n.label,
                title=n.title,
                text=own,
                start=n.start,
                end=n.end,
                issuer_raw=n.issuer_raw,
                issuer_source=n.issuer_source,  # type: ignore[arg-type]
                points=enumeration_points(own),
            )
        )
        _flatten(text, n.children, path, level + 1, out)


def parse_outline(text: str) -> list[NodeFields]:
    """The bulletin's outline as a flat list of nodes in reading order (one "whole" node if none)."""
    paras = paragraphs(text)
    roots = None
    if paras:
        roots = (
            _parse_records(text, paras) or _parse_bracket_records(text, paras) or _parse_articles(text, paras)
        )
        if not roots:
            end = paras[-1].end
            roots = _parse_block(text, paras, end)
    if not roots:
        return [_whole(text)]
    out: list[NodeFields] = []
    _flatten(text, roots, "", 1, out)
    return out


def _whole(text: str) -> NodeFields:
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    title, _ = _title_span(text, lead, len(text)) if stripped else ("", 0)
    return NodeFields(
        path="1",
        level=1,
        kind="whole",
        label="",
        title=title if len(title) <= 60 else "",
        text=stripped,
        start=lead,
        end=lead + len(stripped),
        points=enumeration_points(stripped),
    )
