"""Issuers: the bulletin's title, issuing body, place and year, and each outline node's issuer.

A node's issuer comes from the structure first (the name before the colon of a case, a record's
publisher, an article's issuer line, a ``【place】`` heading or the organ opening a ``【…】`` item's
text), then from a task's lead unit (``牵头单位:``; with none, the
first ``责任单位``; or ``(X牵头,Y配合)`` / ``(X负责)``), then from its parent, then from the
bulletin. The bulletin's issuer is read from what the text says of itself: a publisher field, an
issuer or signature line (maybe dated), an author line (``…课题组``), a briefing's masthead
(``中共…县委组织部编``) or a header's ``来源:`` naming an organ; these must all name one body
(a short form and a full one merge into the full one), or a byline's ``作者单位:``. Else the organ
whose head reports in a duty report (``丁河镇党委书记…述职报告``), the organ presenting at a press
conference (not the 新闻办 hosting it); else an organ acting in the title or
opening (``市委组织部组织开展``, ``市委决定``), the subject of an opening clause
(``2019年,市委编办围绕…``), the organiser of an event (``由…局主办``), the organ an editor's
note names; else the department whose domain a yearbook chapter covers (``组织工作``). A
compilation from several issuers has none; news outlets and authors are never issuers.

Names are cleaned (no leading ``中共``) and, where the bulletin states its place, a short form
(``市委组织部``) is completed (``杭州市委组织部``, with the whole place a title opens on, as
``青石山州``); the raw form is kept in ``issuer_raw``. A place is taken from the title, then a
signature, then the opening; a two-character place must not be glued from the word before it
(``谱写新县`` holds no place ``写新县``): when a cheap rule cannot tell, jieba segments the few
characters around (loaded lazily, once). The year is the one reported on: see :func:`bulletin_year`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from casekit.models import NodeFields
from casekit.outline import ORGAN_SUFFIX, RECORD_ISSUER, is_issuer_line

_LEVELS = "省市县区州旗"
_BAD_PREFIX_CHARS = (
    "全我本该各每的在和与及对于是为了等向从到经由把将让给同其此个年月日省市县区乡镇村级委部党以到至赴在、"
)
_PLACE_BAD_PREFIX = re.compile(f"[{_BAD_PREFIX_CHARS}]")
_LEVEL_CHAR = re.compile(r"[市县区旗州]")
_ANY_LEVEL = re.compile(rf"[{_LEVELS}]")
# two name characters (CJK, not a function word or a level) and a level: a place, by level
_PLACE_CANDIDATE = {
    lv: re.compile(rf"[^\W\d_a-zA-Z{_BAD_PREFIX_CHARS}]{{2}}[{lv or '市县区旗州'}]")
    for lv in ("", *"市县区旗州")
}
_CJK2 = re.compile(r"[\u4e00-\u9fff]{1,2}")
# the same, found at every position (overlapping) in one scan
_PLACE_TRIPLE = {lv: re.compile(f"(?=({p.pattern}))") for lv, p in _PLACE_CANDIDATE.items()}
_ORGAN_TAIL = r"(?:委员会|党工委|工委|委|人民政府|政府)(?:组织部|宣传部|统战部|政法委|办公室)?"
_PLACE_MAX = 8  # characters of a place name before an organ's level in _ACTING_ORGAN, _ORGAN_ANY
# what every organ of _ACTING_ORGAN and _ORGAN_ANY holds: a level, then the first character
# of an organ tail (委, 党工委, 工委, 委员会, 人民政府, 政府)
_LEVEL_AND_TAIL = re.compile(f"[{_LEVELS}][委党工人政]")
# an organ acting in the opening of a bulletin: 市委组织部组织开展, 市委决定, 县委印发
_CITED = re.compile(r"根据|按照|依据|遵照|贯彻|落实|响应|经")
# the place before an organ: characters that are not a citing verb or a function word
_PLACE_CHAR = (
    rf"(?:(?!{_CITED.pattern})[^\W\d_全我本该各每的在和与及对于是为了等向从到由把将让给同其此个年月日,。])"
)
_ACTING_ORGAN = re.compile(
    rf"(?P<o>(?:{_PLACE_CHAR}{{2,{_PLACE_MAX}}}?)?[{_LEVELS}]{_ORGAN_TAIL}|[{_LEVELS}]委组织部)"
    r"(?=组织开展|开展|决定|印发|制定|研究决定|部署|出台|举办|召开|发布|推出|组织(?!部)|关于)"
)
# the department a yearbook chapter or a system report is about
_DOMAIN_ORGAN = {
    "组织": "委组织部",
    "宣传": "委宣传部",
    "统战": "委统战部",
    "政法": "委政法委",
    "纪检": "纪委",
}
_DOMAIN = re.compile(r"(?:全|我)(?P<lv>[市县区省])(?P<d>组织|宣传|统战|政法|纪检)(?:系统|战线|工作)")
_DOMAIN_TITLE = re.compile(r"^(?P<d>组织|宣传|统战|政法|纪检)(?:工作|系统)$")
_JUNK_LINE = re.compile(r"当前位置|https?:|www\.|URL|›|>>|首页|登录|注册")
_LEAD = re.compile(r"牵头单位\s*:\s*(?P<v>[^;)]+)")
_RESP = re.compile(r"(?P<f>责任单位|配合单位|参与单位|协办单位)\s*:\s*(?P<v>[^;)]+)")
# a task's units in brackets without field names: (县农业农村局牵头,县财政局配合) / (县民政局负责)
_PAREN_LEAD = re.compile(
    r"\((?:由)?(?P<l>[^()::;]{2,40}?)(?:牵头|负责)(?:[,;](?P<r>[^()::;]{2,60}?)(?:配合|参与|协助|协同|协办))?\)"
)
_ORGAN_END = re.compile(rf"(?:{ORGAN_SUFFIX}|[省市县区镇乡]|街道|各[^、,]{{1,8}})$")
_UNIT_SEP = re.compile(r"[、,;]")
# words that open a predicate, so they cannot continue a place name (嘉荫县坚持… → 嘉荫县)
_VERB_START = (
    "坚持|探索|创新|积极|着力|立足|围绕|通过|以|在|把|将|针对|聚焦|结合|大力|不断|全面|深入|扎实|强化|推行|"
    "推进|开展|建立|实施|采取|充分|认真|按照|根据|抓住|牢固|转变|加大|切实|注重|依托|紧扣|紧紧|率先|先后|"
    "高度|持续|精心|主动|全力|从|对|为|于|是|的|和|与|今年|近年|始终|一直|进一步|多措|不仅"
)
_SUBJECT = re.compile(
    rf"(?:^|(?<=[,。;:]))(?P<s>(?:(?!{_VERB_START})[\u4e00-\u9fff]{{2,4}}?(?:自治州|地区|省|市|县|区|州|盟|旗|镇|乡|街道)){{1,4}}"
    rf"(?:{_ORGAN_TAIL}|组织部|党委|党工委)?)"
)
# 年 first, so the scan jumps from one 年 to the next; the four digits are looked behind
_YEAR = re.compile(r"年(?<=[12][09]\d\d年)")
# a publication date written with dashes, slashes or dots (发布时间:2021-05-06)
_ISO_DATE = re.compile(
    r"(?<!\d)(?P<y>[12][09]\d\d)[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"
)
# the year a title names as the one reported on: 2021年度 / 2022年 (not 到2025年, 2021-2025年)
_TITLE_YEAR = re.compile(r"(?<![\d到至\-—~])(?P<y>[12][09]\d\d)年(?!\d)(?P<d>度)?")
_RANGE_AFTER = re.compile(r"年?(?:度)?\s*[-—~至到]\s*[12]\d{3}")
# a year set as a target (到2025年, 力争2024年底, 预计2023年) or named as a baseline (比2021年,
# 较2020年, 2021年同期, 与2019年相比): neither is the year reported on
_TARGET_BEFORE = re.compile(r"(?:(?<!截)至|到|力争|预计|争取|确保|计划|目标|预期)(?:在|于|到)?$")
_BASELINE_BEFORE = re.compile(r"(?:比|较|与|同|较之|相比)$")
_BASELINE_AFTER = re.compile(r"(?:底|末)?(?:同期|相比|比|基础上|水平)")
_HEADER_CHARS = 600
_FOOTER_CHARS = 300
_MONTH_AFTER = re.compile(r"\d{1,2}月")
_DATE_FIELD = re.compile(r"(?:发布|发表|发文|印发|成文)?(?:时间|日期)\s*:\s*$")
# a date closing a signature or header line: 州委组织部 2022年12月 / (2021年11月)
_TRAILING_DATE = re.compile(
    r"\s*[(\[]?(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,2}月"
    r"(?:[\d〇○零一二三四五六七八九十]{1,3}日)?[)\]]?$"
)
# the body behind an author line: 清河市委组织部课题组
_AUTHOR_LINE = re.compile(r"(?P<o>.{2,30}?)(?:联合课题组|课题调研组|课题组|调研组|写作组|联合调研组)")
# a briefing's masthead: 中共清河县委组织部编 / …编印 / …主办 (maybe with its issue and date)
_COMPILED_BY = re.compile(r"(?P<o>\S{2,30}?)(?:编印|编发|编辑|主办|编)")
# a page header's source field; its value is the issuer when it is an organ, not a news outlet
_SOURCE_FIELD = re.compile(r"(?:来源|信息来源|文章来源|稿源|供稿)\s*:\s*(?P<v>[^\s:]{2,30})")
# a byline naming the author's unit: (作者单位:攸县网岭镇党委)
_BYLINE = re.compile(rf"作者单位\s*:\s*(?P<v>[\u4e00-\u9fff()]{{2,30}}?{ORGAN_SUFFIX})(?=[)\s,;、]|$)")
# the head of an organ reporting on duty: 丁河镇党委书记…述职报告 / 县卫健局党组书记述责述廉报告
_DUTY_REPORT = re.compile(
    rf"^(?:中共)?(?P<o>(?!关于)[\u4e00-\u9fff]{{0,12}}?(?:[省市县区旗州盟镇乡村]|街道|社区)"
    rf"[\u4e00-\u9fff()]{{0,12}}?(?:{ORGAN_SUFFIX}))(?:党委|党组|党总支|党支部)?"
    r"(?:副?书记|副?主任|副?部长|副?局长|副?镇长|副?乡长|副?县长|副?区长|副?市长|负责人)"
    r"[^。]{0,40}?(?:述职|述责|述廉)"
)
# an organ presenting at a press conference: 市委组织部副部长王强介绍… / 市委组织部发布…
_PRESENTS = re.compile(
    rf"(?P<o>(?:{_PLACE_CHAR}{{2,{_PLACE_MAX}}}?)?[{_LEVELS}][\u4e00-\u9fff]{{0,8}}?{ORGAN_SUFFIX})"
    r"(?:(?:主要|有关)?负责(?:同志|人)|[副常务]{0,2}(?:部长|书记|主任|局长)[\u4e00-\u9fff]{0,3})?"
    r"(?:介绍|发布|解读|通报)"
)
_PRESS_HOST = re.compile(r"新闻办|新闻办公室|新闻中心|宣传部")
_MEDIA = re.compile(r"报|网|电视|广播|新闻|融媒体|杂志|期刊|客户端|公众号|出版|传媒|频道")
# an editor's note, which names the compiler of what follows
_EDITOR_NOTE = re.compile(r"^[(【\[]?(?:编者按|编者的话|编前语|按语)[)】\]]?\s*:?")
# a line opening an item of the outline (一、 (一) 1. 案例1 第一部分), or a yearbook's 【heading】
_ITEM_START = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|\(?[一二三四五六七八九十\d]{1,3}[)、.]|(?:典型)?案例|第[一二三四五六七八九十])"
)
_BRACKET_HEAD = re.compile(r"^【[^】]{1,20}】")
# an organ anywhere: place characters, a level, then a Party or government tail
_ORGAN_ANY = re.compile(rf"(?:{_PLACE_CHAR}{{2,{_PLACE_MAX}}}?)?[{_LEVELS}]{_ORGAN_TAIL}")
# the organiser of an event: 由清河市人社局主办的…
_ORGANISER = re.compile(
    rf"由(?P<o>[\u4e00-\u9fff()]{{2,24}}?{ORGAN_SUFFIX})(?:主办|举办|承办|组织|牵头|发起|指导)"
)
# the subject of an opening clause: an organ of a place followed by its predicate
_CLAUSE_LEAD = re.compile(
    # a news dateline (本报讯(记者 王芳)), then a time phrase
    r"^(?:(?:本报讯|[\u4e00-\u9fff]{2,10}讯)\s*(?:\([^)]{0,20}\))?\s*)?"
    r"(?:(?:[12]\d{3}年)?(?:以来|来|初|底|上半年|下半年|\d{1,2}月(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?)?|近年来|近年|"
    r"今年以来|今年|近期|近日|日前|目前|当前|去年以来|去年)\s*"
)
_SUBJECT_ORGAN = re.compile(
    rf"(?P<o>(?!{_VERB_START})[^\W\d_全我本该各每的在和与及对于是为了等向从到由把将让给同其此个年月日]"
    rf"[\u4e00-\u9fff()]{{0,20}}?{ORGAN_SUFFIX})"
    rf"(?={_VERB_START}|指导|组织(?!部)|牵头|联合|召开|举办|出台|印发|制定|推出|启动|部署|研究|会同|统筹|"
    r"先后|还|又|也|已|共|今年|去年)"
)

_ANNIVERSARY = {"建党": 1921, "新中国成立": 1949, "建国": 1949, "改革开放": 1978}
_ANNIV = re.compile(r"(?P<e>建党|新中国成立|建国|改革开放)(?P<n>\d{1,3})周年")
_CN_SESSION = {"十六": 2002, "十七": 2007, "十八": 2012, "十九": 2017, "二十": 2022}
# years of the plenums after each congress (一中 … 七中); the congress year itself opens the list
_PLENUM_OFFSETS = (0, 1, 1, 2, 3, 4, 5)
_PLENUM = re.compile(r"(?P<c>十六|十七|十八|十九|二十)届(?P<n>[一二三四五六七])中全会")
_CONGRESS = re.compile(r"(?:党的|党)?(?P<c>十六|十七|十八|十九|二十)大")
_CN_SMALL = "一二三四五六七"


def _is_junk(line: str) -> bool:
    """Navigation left over at the top of a page (a long sentence citing a URL is not junk)."""
    return bool(_JUNK_LINE.search(line)) and (len(line) <= 50 or line.startswith("当前位置"))


def _lines(text: str, first: int | None = None) -> list[str]:
    """Non-empty stripped lines; with ``first``, only from the first few lines of the text."""
    raw = text.split("\n") if first is None else text.split("\n", first)[:first]
    return [s.strip() for s in raw if s.strip()]


def bulletin_title(text: str) -> str | None:
    """The title line: a short first line that is not a sentence, a field, a marker or an organ
    (nor the title of the first article of a compilation)."""
    lines = _lines(text, 8)
    for k, line in enumerate(lines[:3]):
        if _is_junk(line):
            continue
        if not _is_title(line):
            return None
        if k + 1 < len(lines) and is_issuer_line(lines[k + 1]) and _n_issuer_lines(_lines(text)) > 1:
            return None
        return line
    return None


def _is_title(line: str) -> bool:
    return (
        2 <= len(line) <= 60
        and not re.search(r"[。!?;:,]$|[。:]", line)
        and not is_issuer_line(line)
        and not re.match(r"[一二三四五六七八九十\d(①【]", line)
    )


def _n_issuer_lines(lines: list[str]) -> int:
    return sum(1 for s in lines if is_issuer_line(s))


def bulletin_place(text: str, title: str | None = None) -> str | None:
    """The place the bulletin is about: named in its title, else its signature, else its
    opening, else most often."""
    for span in (title or "", _signature(text), _opening(text), text):
        place = _most_named_place(span)
        if place:
            return place
    return None


def _signature(text: str) -> str:
    """Organ lines among the last lines of the text (a signature, maybe above its date)."""
    tail = text[-_FOOTER_CHARS:].split("\n")[-4:]
    return "\n".join(s for line in tail if (s := line.strip()) and is_issuer_line(_undated(s)))


def _opening(text: str) -> str:
    lines = [s for s in _lines(text, 6)[:4] if not _is_junk(s)]
    return "\n".join(lines[:2])


def _most_named_place(span: str, level: str | None = None) -> str | None:
    """The place named most often in ``span``: two characters and a level (杭州市), or three
    (哈尔滨市) when the longer form always goes with the shorter one."""
    short: dict[str, int] = {}  # plain dicts: Counter calls a Python __missing__ per new key
    longer: dict[str, int] = {}
    first: dict[str, int] = {}
    starts: dict[str, list[int]] = {}
    candidate = _PLACE_TRIPLE.get(level or "")
    if candidate is None:  # 省: no two-character form to count
        return None
    for m in candidate.finditer(span):  # overlapping: 北岭青州市 holds 岭青州 and 青州市
        name, a = m.group(1), m.start()
        if not _CJK2.fullmatch(name, 0, 2):
            continue
        i = a + 2
        short[name] = short.get(name, 0) + 1
        if name in starts:
            starts[name].append(a)
        else:
            first[name], starts[name] = i, [a]
        if i >= 3 and _CJK2.match(span[i - 3]) and not _PLACE_BAD_PREFIX.match(span[i - 3]):
            longer[span[i - 3 : i + 1]] = longer.get(span[i - 3 : i + 1], 0) + 1
    # the most named place whose name begins a word somewhere (not 写新县 of 谱写新县)
    if not short:
        return None
    best = max(short, key=lambda p: (short[p], -first[p]))
    if not any(_begins_word(span, a) for a in starts[best]):
        ranked = sorted(short, key=lambda p: (-short[p], first[p]))
        best = next((p for p in ranked if any(_begins_word(span, a) for a in starts[p])), None)
        if best is None:
            return None
    ext = [p for p, n in longer.items() if p.endswith(best) and n == short[best]]
    return ext[0] if len(ext) == 1 and short[best] > 1 else best


_jieba_cut = None


def _begins_word(span: str, a: int) -> bool:
    """Whether the two-character place name at ``span[a]`` is not glued from a verb before it:
    after a non-CJK character or a function word (cheap), else when jieba's segmentation of the
    few characters around has a boundary at ``a`` or one word holding both name characters (哈尔滨,
    whose longer form then wins), not a word ending inside the name (谱写|新县)."""
    if a == 0 or not _CJK2.match(span[a - 1]) or _PLACE_BAD_PREFIX.match(span[a - 1]):
        return True
    global _jieba_cut
    if _jieba_cut is None:  # loaded once, only when a place follows another word character
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _jieba_cut = jieba.lcut
    w0 = max(0, a - 4)
    return _word_starts_at(span[w0 : a + 4], a - w0)


@lru_cache(maxsize=4096)
def _word_starts_at(window: str, a: int) -> bool:
    """jieba's verdict on ``window[a:]`` starting a two-character place name (cached: a text
    names its place again and again in the same words)."""
    pos = 0
    for token in _jieba_cut(window, HMM=False):
        end = pos + len(token)
        if end > a:
            return pos == a or end >= a + 2
        pos = end
    return True


def clean_issuer(raw: str, place: str | None = None) -> str:
    """Issuer as the text names it, without 中共 or spaces; ``市委…`` completed with the place."""
    name = re.sub(r"\s+", "", raw).strip(":,。")
    if name.startswith("中共"):
        name = name[2:]
    # a short form opening on the level of the bulletin's place (市委… in 杭州市) is that place's
    if place and len(name) >= 2 and name[0] == place[-1] and name[0] in _LEVELS:
        name = place + name[1:]
    return name


def bulletin_issuer(text: str, title: str | None) -> tuple[str | None, str | None]:
    """(clean, raw) issuer of the bulletin, or (None, None) when nothing supports one."""
    lines = _lines(text)
    place_of = _placer(text, title)
    structural = _structural_issuers(lines)
    if structural:
        return _one_issuer(structural, place_of)
    raw = _reporting_organ(title or "") or _presenter(text)
    if raw:
        return clean_issuer(raw, place_of(raw)), raw
    for span in (title or "", _opening(text)):
        raw = _acting_organ(span)
        if raw:
            return clean_issuer(raw, place_of(raw)), raw
    raw = _opening_actor(text, title)
    if raw:
        return clean_issuer(raw, place_of(raw)), raw
    return _domain_issuer(text, title, place_of)


def _reporting_organ(title: str) -> str | None:
    """The organ whose head reports in a duty report (丁河镇党委书记抓基层党建述职报告 → 丁河镇党委)."""
    m = _DUTY_REPORT.search(title) if "述" in title else None
    return m.group("o") if m else None


def _presenter(text: str) -> str | None:
    """At a press conference the organ presenting the measures issues them, not the host (新闻办)."""
    head = text[:_HEADER_CHARS]
    if "发布会" not in head:
        return None
    for m in _PRESENTS.finditer(head):
        if not _PRESS_HOST.search(m.group("o")):
            return m.group("o")
    return None


def _structural_issuers(lines: list[str]) -> list[str]:
    """Names the layout gives as the issuer: publisher fields, organ lines (a signature may carry
    its date), and in the header an author line (…课题组) or a source field naming an organ."""
    # cheap tests first: a field holds a colon; an organ line, its date removed, is short
    found = [m.group("v").strip() for s in lines if ":" in s and (m := RECORD_ISSUER.fullmatch(s))]
    found += [m.group("v") for s in lines if "作者单位" in s and (m := _BYLINE.search(s))]
    organ_lines = [k for k, s in enumerate(lines) if len(s) <= 50 and is_issuer_line(_undated(s))]
    if organ_lines and organ_lines[-1] - organ_lines[0] == len(organ_lines) - 1:
        organ_lines = organ_lines[:1]  # one signature block: joint issuers, the first one leads
    found += [_undated(lines[k]) for k in organ_lines]
    for line in lines[:6]:
        author = _AUTHOR_LINE.fullmatch(_undated(line))
        if author and is_issuer_line(author.group("o")):
            found.append(author.group("o"))
        found += _masthead_organs(line)
        source = _SOURCE_FIELD.search(line) if len(line) <= 80 else None
        if source and is_issuer_line(source.group("v")) and not _MEDIA.search(source.group("v")):
            found.append(source.group("v"))
    return found


def _masthead_organs(line: str) -> list[str]:
    """The organ a briefing's masthead says compiles it (中共清河县委组织部编 2023年4月10日)."""
    if len(line) > 60 or ("编" not in line and "主办" not in line):
        return []
    tokens = (_COMPILED_BY.fullmatch(_undated(t)) for t in line.split())
    return [m.group("o") for m in tokens if m and is_issuer_line(m.group("o"))]


def _undated(line: str) -> str:
    """A short line without the date it ends on (a signature: 清河市委组织部 2022年12月)."""
    return _TRAILING_DATE.sub("", line) if len(line) <= 50 and line[-1] in "月日)]" else line


def _one_issuer(names: list[str], place_of) -> tuple[str | None, str | None]:
    """The issuer all ``names`` denote, the fullest form kept (东城区委组织部 and 青禾市东城区委
    组织部 are one body); none when they name several bodies (a compilation)."""
    cleaned = [(clean_issuer(raw, place_of(raw)), raw) for raw in names]
    best, best_raw = max(cleaned, key=lambda c: len(c[0]))
    if any(not best.endswith(name) for name, _ in cleaned):
        return None, None
    return best, best_raw


def _opening_actor(text: str, title: str | None) -> str | None:
    """An organ of a place acting in the opening: the subject of an opening clause
    (``2019年,清河市委编办围绕…``), the organiser of an event (``由…局主办的``), or the organ an
    editor's note names as compiler."""
    lines = [s for s in _lines(text, 8) if not _is_junk(s) and s != title][:2]
    for line in lines:
        if _ITEM_START.match(line):
            break  # the outline has begun: what follows is an item's, not the bulletin's
        body = _BRACKET_HEAD.sub("", line)
        organiser = _ORGANISER.search(body, 0, 200)
        if organiser:
            return organiser.group("o")
        if _EDITOR_NOTE.match(body):
            organ = _uncited(_ORGAN_ANY, body)
            if organ:
                return organ
        first = re.split(r"[。!?;]", body, maxsplit=1)[0]
        for clause in first.split(",")[:3]:
            m = _SUBJECT_ORGAN.match(_CLAUSE_LEAD.sub("", clause))
            if m and _ANY_LEVEL.search(m.group("o")):
                return m.group("o")
    return None


def _acting_organ(span: str) -> str | None:
    """The first organ acting in ``span``; one cited as a source (根据省委部署) does not act."""
    return _uncited(_ACTING_ORGAN, span)


def _uncited(pattern: re.Pattern[str], span: str) -> str | None:
    """The first organ ``pattern`` finds in ``span`` outside a clause citing it (根据省委部署).

    ``pattern`` is one of the organ patterns, each holding a level and an organ tail: spans
    without that pair are ruled out by one cheap search first, and no organ starts more than a
    place name before the first pair (the scan starts there)."""
    pair = _LEVEL_AND_TAIL.search(span)
    if pair is None:
        return None
    for m in pattern.finditer(span, max(0, pair.start() - _PLACE_MAX)):
        clause = span[max(span.rfind(c, 0, m.start()) for c in ",。;:") + 1 : m.start()]
        if not _CITED.search(clause):
            return m.group("o") if "o" in pattern.groupindex else m.group(0)
    return None


def _placer(text: str, title: str | None):
    """A function giving, for a short organ name, the place of its level the bulletin names most."""

    def place_of(raw: str) -> str | None:
        level = raw[0] if raw and raw[0] in _LEVELS else None
        if level is None:
            return None
        place = _title_place(title or "", level)
        if place:
            return place
        for span in (title or "", _signature(text), _opening(text), text):
            place = _most_named_place(span, level)
            if place:
                return place
        return None

    return place_of


def _title_place(title: str, level: str) -> str | None:
    """The place of ``level`` a title opens on, whole (青石山州, 东城区 in 青禾市东城区…): the name
    characters before the first level character, back to the start or a higher level."""
    i = title.find(level)
    j = i
    while j > 0 and i - j < 6 and _CJK2.match(title[j - 1]) and not _PLACE_BAD_PREFIX.match(title[j - 1]):
        j -= 1
    return title[j : i + 1] if i - j >= 2 else None


def _domain_issuer(text: str, title: str | None, place_of) -> tuple[str | None, str | None]:
    """A chapter on 组织工作, or opening on 全市组织系统: the department of that domain."""
    t = _DOMAIN_TITLE.match(title or "")
    m = _DOMAIN.search(_opening(text) + "\n" + (title or ""))
    domain = t.group("d") if t else (m.group("d") if m else None)
    if domain is None:
        return None, None
    level = m.group("lv") if m else _dominant_level(text)
    if level is None:
        return None, None
    raw = level + _DOMAIN_ORGAN[domain]
    return clean_issuer(raw, place_of(raw)), raw


def _dominant_level(text: str) -> str | None:
    counts = Counter(m.group(1) for m in re.finditer(r"全([市县区省])", text))
    return counts.most_common(1)[0][0] if counts else None


def bulletin_year(text: str, title: str | None = None) -> int | None:
    """The year reported on, by these rules in turn:

    1. a year the title names (``关于2021年度…考核情况的通报`` → 2021, even if issued in 2022),
       not a target (``到2025年``) nor a range (``2021-2025年``);
    2. the year the body writes most often, leaving out target years (after 到/至/力争/预计…)
       and baselines (``比2021年``, ``2021年同期``): a plan written in 2023 about 2025 is 2023's;
    3. the year of the publication date (a dated header or signature line, ``发布时间:2021-05-06``);
    4. one dated by a known event (建党95周年, 十八届六中全会).
    """
    named = _title_year(bulletin_title(text) if title is None else title)
    if named is not None:
        return named
    body: dict[int, float] = {}  # insertion order = order of first mention
    published: dict[int, int] = {}
    for m in _YEAR.finditer(text):
        start = m.start() - 4
        year = int(text[start : m.start()])
        if (start and text[start - 1].isdigit()) or not 1949 <= year <= 2099:
            continue
        if _MONTH_AFTER.match(text, m.end()) and _on_dateline(text, start, m.end()):  # cheap test first
            published[year] = published.get(year, 0) + 1
        elif not _target_or_baseline(text, start, m.end()):
            body[year] = body.get(year, 0) + 1
    for span in (text[:_HEADER_CHARS], text[max(_HEADER_CHARS, len(text) - _FOOTER_CHARS) :]):
        for m in _ISO_DATE.finditer(span):  # a page's publication date sits in its header or footer
            published[int(m.group("y"))] = published.get(int(m.group("y")), 0) + 1
    if body:  # ties go to the year of publication, then to the first mentioned
        return max(body, key=lambda y: (body[y], published.get(y, 0)))
    if published:
        return max(published, key=published.__getitem__)
    anniv = [_ANNIVERSARY[m.group("e")] + int(m.group("n")) for m in _ANNIV.finditer(text)]
    if anniv:
        return Counter(anniv).most_common(1)[0][0]
    plenums = [
        _CN_SESSION[m.group("c")] + _PLENUM_OFFSETS[_CN_SMALL.index(m.group("n"))]
        for m in _PLENUM.finditer(text)
    ]
    if plenums:
        return max(plenums)
    congresses = [_CN_SESSION[m.group("c")] for m in _CONGRESS.finditer(text)]
    return max(congresses) if congresses else None


def _title_year(title: str | None) -> int | None:
    """The one year a title names outside a range or a target (N年度 wins over N年)."""
    if not title or "年" not in title:
        return None
    years = [
        (m.group("d") is not None, int(m.group("y")))
        for m in _TITLE_YEAR.finditer(title)
        if not _RANGE_AFTER.match(title, m.end() - 1 - (m.group("d") is not None))
        and not _TARGET_BEFORE.search(title, 0, m.start())
    ]
    fiscal = {y for d, y in years if d}
    plain = {y for _, y in years}
    if len(fiscal) == 1:
        return fiscal.pop()
    return plain.pop() if len(plain) == 1 and not fiscal else None


def _target_or_baseline(text: str, start: int, end: int) -> bool:
    """Whether the year at ``text[start:end]`` is a target (到2025年) or a baseline (比2021年)."""
    before = text[max(0, start - 4) : start]
    return bool(
        _TARGET_BEFORE.search(before) or _BASELINE_BEFORE.search(before) or _BASELINE_AFTER.match(text, end)
    )


def _on_dateline(text: str, start: int, end: int) -> bool:
    """Whether the year ``text[start:end]`` is a publication date: a date line (``2023年6月8日``,
    ``(2021年11月)``), a signature or byline ending on its date, or a header's date field."""
    if not _MONTH_AFTER.match(text, end):
        return False
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    line = text[a : len(text) if b < 0 else b]
    if len(line) > 60:
        return False
    if _DATE_FIELD.search(line, 0, start - a):
        return True
    rest = _undated(line).strip()
    return len(line) <= 40 and (not rest or is_issuer_line(rest))


def subject_body(sentence: str) -> str | None:
    """The place or organ that is the subject of a sentence (``…,嘉荫县坚持…`` → 嘉荫县)."""
    for m in _SUBJECT.finditer(sentence):
        s = m.group("s")
        if not _PLACE_BAD_PREFIX.match(s):
            return s
    return None


def lead_and_responsible(text: str) -> tuple[list[str], list[str]]:
    """Units named after 牵头单位 and after 责任单位 (配合单位…) in a task's text. With no lead
    named, the first unit listed as responsible leads (the genre lists the lead first); a
    bracket ``(X牵头,Y配合)`` or ``(X负责)`` names them without field names."""
    # every field name ends on 单位 (maybe cut by a line break); most texts name no unit
    if not ("单位" in text or "牵头" in text or "负责)" in text or "单\n位" in text):
        return [], []
    flat = text.replace("\n", "")
    lead = [u for m in _LEAD.finditer(flat) for u in _split_units(m.group("v"))]
    resp: list[str] = []
    first_responsible: list[str] = []
    for m in _RESP.finditer(flat):
        units = _split_units(m.group("v"))
        resp += units
        if m.group("f") == "责任单位" and not first_responsible:
            first_responsible = units[:1]
    if not lead and not resp:
        return _bracketed_units(flat)
    return lead or first_responsible, resp


def _bracketed_units(flat: str) -> tuple[list[str], list[str]]:
    """(X牵头,Y配合) → ([X], [Y]); (X负责) → ([X], [X]); units must be organs."""
    for m in _PAREN_LEAD.finditer(flat):
        lead = _split_units(m.group("l"))
        if not lead or not all(_ORGAN_END.search(u) for u in lead):
            continue
        others = _split_units(m.group("r") or "")
        return lead[:1], (others or lead)
    return [], []


def _split_units(s: str) -> list[str]:
    return [u.strip() for u in _UNIT_SEP.split(s) if u.strip()]


def assign_issuers(
    nodes: list[NodeFields], bulletin_issuer: str | None, place: str | None
) -> list[NodeFields]:
    """Each node's issuer: its own (case, record, article, lead unit), else its parent's, else
    the bulletin's; ``issuer_source`` says which."""
    by_path: dict[str, NodeFields] = {}
    out: list[NodeFields] = []
    for node in nodes:
        update = _own_issuer(node, place)
        if update.get("issuer") is None:
            parent = by_path.get(node.path.rpartition(".")[0])
            if parent is not None and parent.issuer:
                update.update(issuer=parent.issuer, issuer_source="inherited")
            elif bulletin_issuer:
                update.update(issuer=bulletin_issuer, issuer_source="bulletin")
            else:
                update.update(issuer=None, issuer_source=None)
        new = node.model_copy(update=update)
        by_path[node.path] = new
        out.append(new)
    return out


def _own_issuer(node: NodeFields, place: str | None) -> dict:
    update: dict = {}
    lead, resp = lead_and_responsible(node.text)
    if lead or resp:
        update.update(lead_units=lead, responsible_units=resp)
    raw = node.issuer_raw
    source = node.issuer_source
    if raw is None and node.kind == "article":
        raw, source = subject_body(node.title + "," + node.text[:200]), "article"
    if raw is None and node.label == "【】" and (opener := _SUBJECT_ORGAN.match(node.text, 0, 60)):
        raw, source = opener.group("o"), "case"  # 【“微治理”工作法】弥阳街道党工委以…: the organ acting
    if raw is None and lead:
        raw, source = lead[0], "lead_unit"
    if raw:
        update.update(issuer=clean_issuer(raw, place), issuer_raw=raw, issuer_source=source)
    return update
