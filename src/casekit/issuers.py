"""Issuers: the bulletin's title, issuing body, place and year, and each outline node's issuer.

A node's issuer comes from the structure first (the name before the colon of a case, a record's
publisher, an article's issuer line), then from a task's lead unit (``牵头单位:``), then from its
parent, then from the bulletin. The bulletin's issuer is read from what the text says of itself:
a single publisher or issuer line, an organ acting in the opening paragraph (``市委组织部组织开展``,
``市委决定``), or the department whose domain a yearbook chapter covers (``组织工作``). A
compilation from several issuers has none; news outlets and authors are never issuers.

Names are cleaned (no leading ``中共``) and, where the bulletin states its place, a short form
(``市委组织部``) is completed (``杭州市委组织部``); the raw form is kept in ``issuer_raw``.
"""

from __future__ import annotations

import re
from collections import Counter

from casekit.models import NodeFields
from casekit.outline import RECORD_ISSUER, is_issuer_line

_LEVELS = "省市县区州旗"
_PLACE_BAD_PREFIX = re.compile(
    r"[全我本该各每的在和与及对于是为了等向从到经由把将让给同其此个年月日省市县区乡镇村级委部党以到至赴在、]"
)
_LEVEL_CHAR = re.compile(r"[市县区旗州]")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{1,2}")
_ORGAN_TAIL = r"(?:委员会|党工委|工委|委|人民政府|政府)(?:组织部|宣传部|统战部|政法委|办公室)?"
# an organ acting in the opening of a bulletin: 市委组织部组织开展, 市委决定, 县委印发
_CITED = re.compile(r"根据|按照|依据|遵照|贯彻|落实|响应|经")
# the place before an organ: characters that are not a citing verb or a function word
_PLACE_CHAR = (
    rf"(?:(?!{_CITED.pattern})[^\W\d_全我本该各每的在和与及对于是为了等向从到由把将让给同其此个年月日,。])"
)
_ACTING_ORGAN = re.compile(
    rf"(?P<o>(?:{_PLACE_CHAR}{{2,8}}?)?[{_LEVELS}]{_ORGAN_TAIL}|[{_LEVELS}]委组织部)"
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
_RESP = re.compile(r"(?:责任单位|配合单位|参与单位)\s*:\s*(?P<v>[^;)]+)")
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
_YEAR = re.compile(r"[12][09]\d\d年")
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
    """The place the bulletin is about: named in its title, else its opening, else most often."""
    for span in (title or "", _opening(text), text):
        place = _most_named_place(span)
        if place:
            return place
    return None


def _opening(text: str) -> str:
    lines = [s for s in _lines(text, 6)[:4] if not _is_junk(s)]
    return "\n".join(lines[:2])


def _most_named_place(span: str, level: str | None = None) -> str | None:
    """The place named most often in ``span``: two characters and a level (杭州市), or three
    (哈尔滨市) when the longer form always goes with the shorter one."""
    short: Counter[str] = Counter()
    longer: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _LEVEL_CHAR.finditer(span):
        lv, i = m.group(0), m.start()
        if (level and lv != level) or i < 2:
            continue
        two = span[i - 2 : i]
        if not _CJK2.fullmatch(two) or _PLACE_BAD_PREFIX.search(two):
            continue
        short[two + lv] += 1
        first.setdefault(two + lv, i)
        if i >= 3 and _CJK2.match(span[i - 3]) and not _PLACE_BAD_PREFIX.match(span[i - 3]):
            longer[span[i - 3 : i + 1]] += 1
    if not short:
        return None
    best = max(short, key=lambda p: (short[p], -first[p]))
    ext = [p for p, n in longer.items() if p.endswith(best) and n == short[best]]
    return ext[0] if len(ext) == 1 and short[best] > 1 else best


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
    structural = [m.group("v").strip() for s in lines if (m := RECORD_ISSUER.fullmatch(s))]
    organ_lines = [k for k, s in enumerate(lines) if is_issuer_line(s)]
    if organ_lines and organ_lines[-1] - organ_lines[0] == len(organ_lines) - 1:
        organ_lines = organ_lines[:1]  # one signature block: joint issuers, the first one leads
    structural += [lines[k] for k in organ_lines]
    if structural:
        if len({clean_issuer(s) for s in structural}) > 1:
            return None, None  # a compilation from several issuers
        return clean_issuer(structural[0]), structural[0]
    place_of = _placer(text, title)
    for span in (title or "", _opening(text)):
        raw = _acting_organ(span)
        if raw:
            return clean_issuer(raw, place_of(raw)), raw
    return _domain_issuer(text, title, place_of)


def _acting_organ(span: str) -> str | None:
    """The first organ acting in ``span``; one cited as a source (根据省委部署) does not act."""
    for m in _ACTING_ORGAN.finditer(span):
        clause = span[max(span.rfind(c, 0, m.start()) for c in ",。;:") + 1 : m.start()]
        if not _CITED.search(clause):
            return m.group("o")
    return None


def _placer(text: str, title: str | None):
    """A function giving, for a short organ name, the place of its level the bulletin names most."""

    def place_of(raw: str) -> str | None:
        level = raw[0] if raw and raw[0] in _LEVELS else None
        if level is None:
            return None
        for span in (title or "", _opening(text), text):
            place = _most_named_place(span, level)
            if place:
                return place
        return None

    return place_of


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


def bulletin_year(text: str) -> int | None:
    """The year reported on: the year written most often, else one dated by a known event."""
    found = [
        int(m.group(0)[:4]) for m in _YEAR.finditer(text) if not (m.start() and text[m.start() - 1].isdigit())
    ]
    found = [y for y in found if 1949 <= y <= 2099]
    if found:
        counts = Counter(found)
        top = max(counts.values())
        return next(y for y in found if counts[y] == top)
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


def subject_body(sentence: str) -> str | None:
    """The place or organ that is the subject of a sentence (``…,嘉荫县坚持…`` → 嘉荫县)."""
    for m in _SUBJECT.finditer(sentence):
        s = m.group("s")
        if not _PLACE_BAD_PREFIX.match(s):
            return s
    return None


def lead_and_responsible(text: str) -> tuple[list[str], list[str]]:
    """Units named after 牵头单位 and after 责任单位 in a task's text."""
    flat = text.replace("\n", "")
    lead = [u for m in _LEAD.finditer(flat) for u in _split_units(m.group("v"))]
    resp = [u for m in _RESP.finditer(flat) for u in _split_units(m.group("v"))]
    return lead, resp


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
    if raw is None and lead:
        raw, source = lead[0], "lead_unit"
    if raw:
        update.update(issuer=clean_issuer(raw, place), issuer_raw=raw, issuer_source=source)
    return update
