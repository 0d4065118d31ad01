"""Normalize a decoded bulletin into the text every later stage (and every offset) refers to.

``normalize(text)`` chains small pure ``str -> str`` steps, each public and tested on its own.
The normalized text follows these conventions (docs/DESIGN.md, "The normalized text"):

- Simplified script (OpenCC t2s, run only over lines holding traditional characters).
- Inline pinyin after characters removed (``區(qū)`` -> ``區``); real parentheses kept.
- Digits and Latin letters in ASCII; ``％`` -> ``%``; ``．`` -> ``.``.
- Punctuation: ``，：；（）！？`` -> ASCII ``, : ; ( ) ! ?``; kept as they are: ``。、“”‘’《》【】…—·``.
- Whitespace: U+3000 and no-break spaces become spaces; a space between two CJK characters
  (or CJK punctuation) is dropped; other runs of spaces fold to one; lines are stripped.
- One paragraph per line (``\\n`` between paragraphs, no blank lines): lines cut by a fixed-width
  wrap or a page break inside a sentence are rejoined; headings and real paragraphs are not.
- Page furniture removed (navigation, share/app links, copyright and error-report notices,
  hotline and licence footers, "related documents" lists, repeated title lines; WeChat
  prompts and credits, site credits such as 技术支持, PDF running headers and page numbers,
  tables of contents, print-run notes such as 抄送 and 印发). Signature lines, and source
  lines in the header, stay: the issuer stage reads them.

Order matters: pinyin goes before script conversion (annotations follow traditional
characters), width and punctuation before furniture (patterns are written in ASCII
punctuation), furniture before rejoining (so footers are never glued onto content).
Form feeds survive the whitespace step: drop_furniture reads them, and the page numbers and
running headers it drops, as page breaks, and leaves a form-feed line there for rejoining.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

Script = Literal["simplified", "traditional", "mixed"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "。、“”‘’《》【】…—·「」『』〈〉〔〕"
_ASCII_CLAUSE = ",:;()!?"


@dataclass(frozen=True)
class NormalizedText:
    """The normalized text and the script of the original text."""

    text: str
    script: Script


# --------------------------------------------------------------------------------------------
# Inline pinyin
# --------------------------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONE_BASE = str.maketrans(
    {
        **{c: "a" for c in "āáǎà"},
        **{c: "e" for c in "ēéěè"},
        **{c: "i" for c in "īíǐì"},
        **{c: "o" for c in "ōóǒò"},
        **{c: "u" for c in "ūúǔù"},
        **{c: "ü" for c in "ǖǘǚǜ"},
        **{c: "n" for c in "ńňǹ"},
        "ḿ": "m",
    }
)
# Approximate syllable grammar (initial + final); it only has to tell pinyin from English words.
_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ing|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu"
    r"|in|ua|uo|ui|un|üe|ue|ve|ün|a|o|e|i|u|ü|v)|hng|hm|ng|m|n)"
)
_ONE_SYLLABLE = re.compile(_SYLLABLE)
# A run of parenthesized lowercase words; an annotation when it follows a CJK character.
# (spaces may separate the annotations of a run: "區(qū) (qū)")
_PARENTHESIZED_LOWER = re.compile(
    rf"[(（][a-zü{_TONED}]{{1,18}}[)）](?:[ \u3000\u00a0]*[(（][a-zü{_TONED}]{{1,18}}[)）])*"
)
_ONE_ANNOTATION = re.compile(rf"[(（]([a-zü{_TONED}]+)[)）]")
_TONE_MARK = re.compile(f"[{_TONED}]")
_CJK_CHAR = re.compile(f"[{_CJK}]")


_INLINE_SPACES = " \u3000\u00a0"


def _annotation_start(text: str, run: re.Match[str]) -> int:
    """Where an annotation run starts, spaces before it included, if a CJK character precedes
    it (else 0: a run at the very start of the text annotates nothing)."""
    start = run.start()
    while start and text[start - 1] in _INLINE_SPACES:
        start -= 1
    return start if start and _CJK_CHAR.match(text, start - 1) else 0


@lru_cache(maxsize=4096)
def _is_pinyin(word: str, *, toneless_ok: bool) -> bool:
    """One pinyin syllable, toned, or bare (neutral tone) on a page that has toned ones.

    Annotations follow single characters, so a reading is one syllable with at most one tone
    mark: ``(café)`` or ``(fābù)`` stay, in doubt.
    """
    tones = sum(1 for c in word if c in _TONED)
    if tones > 1 or (tones == 0 and not toneless_ok):
        return False
    return _ONE_SYLLABLE.fullmatch(word.translate(_TONE_BASE)) is not None


@lru_cache(maxsize=4096)
def _is_reading_run(run: str, toneless_ok: bool) -> bool:
    """Whether every annotation of a run is a pinyin reading (cached: a page repeats them)."""
    return all(_is_pinyin(w, toneless_ok=toneless_ok) for w in _ONE_ANNOTATION.findall(run))


def strip_inline_pinyin(text: str) -> str:
    """Remove pinyin readings written after characters (``區(qū)`` -> ``區``).

    Only lowercase pinyin directly after a CJK character counts; a bare syllable without tone
    marks (``的(de)``) only on a page that also holds toned annotations. Anything else in
    parentheses (``(1)``, ``(qq群)``, ``(www…)``, ``(试行)``) is kept: in doubt, keep.
    """
    if "(" not in text and "（" not in text:
        return text
    runs = []
    for m in _PARENTHESIZED_LOWER.finditer(text):
        start = m.start()
        if start and text[start - 1] not in _INLINE_SPACES:  # the common case, inline
            if _CJK_CHAR.match(text, start - 1):
                runs.append((start, m))
        elif start := _annotation_start(text, m):
            runs.append((start, m))
    if not runs:
        return text
    toneless_ok = any(_TONE_MARK.search(m.group()) for _, m in runs)
    pieces, last = [], 0
    for start, run in runs:
        if _is_reading_run(run.group(), toneless_ok):
            pieces.append(text[last:start])
            last = run.end()
    pieces.append(text[last:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------
# Script: detection and selective traditional -> simplified conversion
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ScriptTables:
    char_map: dict[int, str]  # t2s single characters (OpenCC TSCharacters, first candidate)
    # the same map as a list indexed by code point over the BMP (identity where t2s keeps the
    # character): str.translate then never raises KeyError, twice as fast as with the dict
    char_table: list[int]
    phrases: dict[str, str]  # t2s phrases (OpenCC TSPhrases)
    phrase_splitter: re.Pattern[str]  # every phrase, longest first, grouped by first character
    any_trad: frozenset[str]  # characters t2s changes
    strict_trad: frozenset[str]  # ... that are not also normal simplified characters
    strict_simp: frozenset[str]  # characters only simplified text uses


def _opencc_dictionary(name: str) -> dict[str, str]:
    import opencc  # local: only needed once, when tables are built

    path = Path(opencc.__file__).parent / "dictionary" / name
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split(" ")[0]
    return table


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _phrase_regex(phrases: dict[str, str]) -> re.Pattern[str]:
    """One capturing regex of all phrases: at a position, the longest phrase matches (as OpenCC
    does). Grouped by first character, so that a position tries only the phrases starting there
    (the order among those, longest first, is what decides)."""
    groups: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    branches = (f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile("(" + "|".join(branches) + ")")


@lru_cache(maxsize=1)
def _tables() -> _ScriptTables:
    """Build the conversion tables once, lazily (most bulletins never need them)."""
    t2s = {k: v for k, v in _opencc_dictionary("TSCharacters.txt").items() if len(k) == 1 and k != v}
    # resolve chains (A -> B -> C) so that converting twice changes nothing
    for key, value in t2s.items():
        while value in t2s and t2s[value] != value:
            value = t2s[value]
        t2s[key] = value
    phrases = {k: v for k, v in _opencc_dictionary("TSPhrases.txt").items() if len(k) > 1}
    s2t = {k for k, v in _opencc_dictionary("STCharacters.txt").items() if len(k) == 1 and k != v}
    char_map = {ord(k): v for k, v in t2s.items()}
    char_table = list(range(_BMP_SIZE))
    for code, value in char_map.items():
        if code < _BMP_SIZE and len(value) == 1:
            char_table[code] = ord(value)
    return _ScriptTables(
        char_map=char_map,
        char_table=char_table,
        phrases=phrases,
        phrase_splitter=_phrase_regex(phrases),
        any_trad=frozenset(t2s),
        # characters valid in both scripts (乾, 於, 後... are also GB2312 characters) prove nothing
        strict_trad=frozenset(c for c in t2s if not _encodable(c, "gb2312")),
        strict_simp=frozenset(c for c in s2t if not _encodable(c, "big5")),
    )


_BMP_SIZE = 0x10000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# an unencodable character as xmlcharrefreplace writes it
_CHAR_REFERENCE = re.compile(rb"&#(\d{1,7});")


def _holds_any(text: str, chars: frozenset[str], encoding: str) -> bool:
    """Whether ``text`` holds one of ``chars``, none of which ``encoding`` can encode.

    A strict encode runs at codec speed and most texts pass it whole; else the first failing
    character often settles it, and the others are read off a ``xmlcharrefreplace`` encoding
    (``&#N;`` written in the text itself is then checked against the text)."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError as error:
        if text[error.start] in chars:
            return True
    else:
        return False
    codes = {int(n) for n in _CHAR_REFERENCE.findall(text.encode(encoding, "xmlcharrefreplace"))}
    return any(code <= _MAX_CODE and chr(code) in chars and chr(code) in text for code in codes)


_MAX_CODE = 0x10FFFF


def _census(text: str, tables: _ScriptTables) -> tuple[Script, frozenset[str]]:
    """The script, decided on the share of script-specific character types (not occurrences),
    and the traditional-only characters present (needed only for a simplified text).

    Cheap tests settle most texts: traditional-only characters lie outside GB2312 and
    simplified-only ones outside Big5, so the codecs find them at C speed; a text with none of
    one kind needs no count of the other. Only a text holding both builds the set of its
    characters."""
    if not _holds_any(text, tables.strict_trad, "gb2312"):
        return "simplified", frozenset()
    if not _holds_any(text, tables.strict_simp, "big5"):
        return "traditional", frozenset()
    chars = set(text)
    trad_chars = tables.strict_trad & chars
    trad = len(trad_chars)
    simp = len(chars & tables.strict_simp)
    share = trad / (trad + simp)
    if share >= 0.9:
        return "traditional", frozenset()
    if share <= 0.1:
        return "simplified", trad_chars
    return "mixed", frozenset()


def detect_script(text: str) -> Script:
    """``simplified``, ``traditional`` or ``mixed``, from characters unique to one script."""
    if _NON_ASCII.search(text) is None:
        return "simplified"
    return _census(text, _tables())[0]


def _t2s(text: str, tables: _ScriptTables) -> str:
    """OpenCC t2s semantics (longest phrase first, else character map) at C speed."""
    # characters beyond the BMP are rare: the dict then maps them too
    table = tables.char_table if _ASTRAL.search(text) is None else tables.char_map
    parts = tables.phrase_splitter.split(text)
    if len(parts) == 1:
        return text.translate(table)
    # odd items are phrase matches, even items the text between them
    return "".join(tables.phrases[part] if i % 2 else part.translate(table) for i, part in enumerate(parts))


def _convert_lines(text: str, script: Script, trigger: frozenset[str], tables: _ScriptTables) -> str:
    """Convert the lines that need it: in a simplified text, only those holding a character
    that traditional text alone uses (``trigger``, those present); in a traditional or mixed
    one, every line (the few characters valid in both scripts, such as 後 or 於, are then meant
    as traditional; t2s changes nothing ASCII, and no phrase spans lines)."""
    if script != "simplified":
        return _t2s(text, tables)
    if not trigger:
        return text
    return "\n".join(
        _t2s(line, tables) if any(c in line for c in trigger) else line for line in text.split("\n")
    )


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified, touching only the lines that hold them.

    The tables are OpenCC's t2s dictionaries, applied like OpenCC does (longest phrase, else
    character) but with ``str.translate``, about a hundred times faster than OpenCC's own loop.
    """
    if _NON_ASCII.search(text) is None:
        return text
    tables = _tables()
    script, trigger = _census(text, tables)
    return _convert_lines(text, script, trigger, tables)


# --------------------------------------------------------------------------------------------
# Width, punctuation, whitespace
# --------------------------------------------------------------------------------------------

# str.translate does a dict lookup per character (slow on CJK text): the steps below use
# str.replace and small regexes instead, and skip text that holds nothing to change.
# digits, letters and the marks that sit inside numbers and ranges (2－3名, 4／5, 2～3, ＋, ＝)
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％．－／～＋＝]")
_PUNCT_PAIRS = tuple(zip("，：；（）！？", ",:;()!?", strict=True))
# a form feed is not among them: it marks a page break, which drop_furniture uses and removes
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t\v"
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
_ZERO_WIDTHS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTHS}]")


def _to_ascii(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)  # the full-width forms mirror ASCII 0x21-0x7E


def unify_width(text: str) -> str:
    """Full-width digits and Latin letters to ASCII; also ``％．－／～＋＝`` -> ``%.-/~+=``."""
    return _FULL_WIDTH_ALNUM.sub(_to_ascii, text) if _FULL_WIDTH_ALNUM.search(text) else text


def unify_punctuation(text: str) -> str:
    """``，：；（）！？`` -> ``, : ; ( ) ! ?``; other CJK punctuation is kept as it is."""
    for full, ascii_mark in _PUNCT_PAIRS:
        text = text.replace(full, ascii_mark)
    return text


_CJKISH = f"{_CJK}{_CJK_PUNCT}{re.escape(_ASCII_CLAUSE)}"
_STRONG_CJK = f"{_CJK}{_CJK_PUNCT}"
_SPACE_RUN = re.compile(r" {2,}")
# a space with CJK (or CJK punctuation) on both sides; ASCII , : ; ( ) ! ? stand for the
# full-width marks they replaced, but a space between two of them alone is left alone
# written to start with the space itself, so that the regex engine scans for spaces only
_CJK_SPACE = re.compile(rf" (?:(?<=[{_STRONG_CJK}] )(?=[{_CJKISH}])|(?<=[{_CJKISH}] )(?=[{_STRONG_CJK}]))")


def fold_whitespace(text: str) -> str:
    """Unify spaces, drop a space between CJK characters, fold runs, strip lines.

    Line structure (blank lines included) is kept: blank lines are evidence for page breaks,
    and so are form feeds, which are kept for drop_furniture.
    """
    if any(c in text for c in _ODD_SPACES):
        text = _ODD_SPACE.sub(" ", text)
    if any(c in text for c in _ZERO_WIDTHS):
        text = _ZERO_WIDTH.sub("", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " " not in text:
        return text
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return _CJK_SPACE.sub("", text)


# --------------------------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------------------------

# navigation / breadcrumb lines
_BREADCRUMB = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上一则|下一则)\s*:"
    r"|^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|所在位置|当前页面|现在位置)\s*[:>›»]"
    r"|^(?:首页|主页|网站首页)\s*[>›»/→]"
)
# markup debris: image links, table pipes, rules; nothing readable left after removal
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\s*\]\([^)]*\)|[|*#=_~\-]+")
_MARKUP_HINT = re.compile(r"[|*#=_~\-\]]")
_READABLE = re.compile(rf"[{_CJK}A-Za-z0-9]")
_TABLE_TAIL = re.compile(r"\s*\|[\s|]*$")
_URL_LINE = re.compile(
    r"^(?:(?:original\s+url|source\s+url|url|原文链接|原文地址|原文网址|来源网址|本文链接|文章链接|网址|链接)\s*:\s*)?"
    r"(?:https?://|www\.)\S+$",
    re.IGNORECASE,
)
# copyright / disclaimer / error-report notices
_NOTICE = re.compile(
    r"^[\[【(]?(?:声明|免责声明|版权声明|郑重声明|特别声明)[\]】)]?\s*:"
    r"|^[\[【](?:声明|免责声明|版权声明)[\]】]"
    # the lookahead lets the engine skip a position on one class test instead of trying
    # every alternative there (several times faster on body lines)
    r"|(?=[【\[版c©a公网许经违不增举I])(?:【纠错】|\[纠错\]"
    r"|版权所有|copyright|©|all rights reserved"
    r"|ICP\s*[备证]|公网安备|网安备|网监备|许可证编号|许可证号|经营许可证|违法和不良信息|不良信息举报"
    r"|增值电信业务|网站标识码|举报邮箱|举报受理|网站地图"
    r"|举报电话\s*:\s*[\d()\-]{5,})",
    re.IGNORECASE,
)
# every notice pattern holds one of these words, or (copyright, all rights reserved, ICP) a
# c or an l, which case folding maps to no other character: cheap tests before the full one
_NOTICE_WORD = re.compile(
    "声明|纠错|版权所有|©|安备|网监备|许可证|不良信息|增值电信|网站标识码|举报|网站地图"
)


def _may_be_notice(line: str) -> bool:
    return "c" in line or "C" in line or "l" in line or "L" in line or _NOTICE_WORD.search(line) is not None


# a notice marker in a sentence that ends like prose stays: that is a body sentence
_PROSE_END = re.compile(r"[。!?]$")
_ISOLATED_NOTICE = re.compile(r"^[\[【(]?(?:声明|免责声明|版权声明)|【纠错】|\[纠错\]")
# vocabulary of buttons and link lists; a short line made only of these is furniture
_FURNITURE_WORDS = re.compile(
    r"手机版|电脑版|移动版|触屏版|微信公众号|公众号|官方微博|新浪微博|腾讯微博|微信|微博|QQ空间|朋友圈|扫一扫|二维码"
    r"|分享到|分享|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回首页|返回|收藏本页|收藏|加入收藏"
    r"|字号|字体|默认|我要纠错|我要打印|在手机打开当前页|在手机上打开|手机扫码|扫码阅读|分享至|收藏本文"
    r"|上一篇|下一篇|上一页|下一页|相关主题|相关文档|相关文章|相关阅读|相关推荐|相关链接|相关资料|相关下载"
    r"|文本预览|最新文档|热门文档|热门推荐|推荐阅读|延伸阅读|猜你喜欢|更多|查看更多|免费下载|全文下载|下载文档|下载"
    r"|在线阅读|登录|注册|首页|评论|点赞|阅读次数|浏览次数|访问量|点击数|纠错|【纠错】|\[纠错\]|繁体|简体|无障碍"
    r"|阅读原文|写留言|留言|在看|转发|赞|关注我们|关注|往期推荐|往期回顾|精彩推荐|联系我们|设为首页|关于我们"
    r"|网站声明|隐私政策|网站地图"
    r"|[大中小]",
    re.IGNORECASE,
)
_FURNITURE_START = re.compile(r"[\s|>›»·、\[\]【】\-]*(?:" + _FURNITURE_WORDS.pattern + ")", re.IGNORECASE)
_FURNITURE_SEPARATORS = " |>›»·、[]【】-"
# the first characters of the words: a set lookup rules out most lines before the regex runs
_FURNITURE_INITIALS = frozenset(
    c
    for word in _FURNITURE_WORDS.pattern.replace("\\", "").split("|")
    for c in (word[0].lower(), word[0].upper(), *("大中小" if word.startswith("[") else ""))
)
_RELATED_WORDS = (
    *("相关", "文本预览", "最新文档", "热门", "推荐阅读", "延伸阅读", "猜你喜欢", "更多阅读"),
    *("往期", "精彩推荐", "精彩回顾"),
)
_RELATED_HEADING = re.compile(
    r"^(?:相关主题|相关文档|相关文章|相关阅读|相关推荐|相关链接|相关资料|相关下载|文本预览|最新文档|热门文档"
    r"|热门推荐|推荐阅读|延伸阅读|猜你喜欢|更多阅读|往期推荐|往期回顾|往期精选|精彩推荐|精彩回顾)"
)
_LEFTOVER = re.compile(r"[\s\d:,;.!?()/|>›»·、。【】\[\]<>\-]*")
# editor lines; in the footer also source/author lines and a byline such as "(王 梅)"
_CREDIT = re.compile(
    r"^[(\[【]?(?:责任编辑|编辑|责编|审核|审校|校对|初审|复审|终审|摄影|美编|排版|图片|图文|视频)\s*[:|丨][^。]{1,30}[)\]】]?$"
)
# source, author, sponsor and contact lines (they may name the issuing body, or be an
# event's contact): furniture only in the footer
_SOURCE = re.compile(
    r"^[(\[【]?(?:来源|稿源|供稿|信息来源|文章来源|作者|撰稿|通讯员|记者|主办单位|承办单位|协办单位|主办|承办|协办|技术支持"
    r"|维护单位|地址|联系地址|通讯地址|联系电话|电话|传真|邮编|邮政编码|电子邮箱|邮箱|e-?mail)"
    r"\s*:[^。]{1,80}[)\]】]?$",
    re.IGNORECASE,
)
# a page header's meta line: two or more fields such as 来源: 作者: 发布时间: 浏览次数:
_META_FIELD = re.compile(
    r"(?:来源|作者|发布时间|发表时间|时间|日期|浏览次数|浏览|点击数|点击|阅读次数|字号|编辑)\s*:"
)
# counters and buttons of a meta line, dropped while its source, author and date stay for the
# issuer and year stages: "来源:X县委组织部 发布时间:2021-05-06 浏览次数:"
_COUNTER_FIELD = re.compile(
    r"\s*(?:浏览次数|浏览量|浏览|点击数|点击量|点击|阅读次数|阅读量|访问量|字号)"
    r"\s*:\s*(?:\d+|[大中小默认 ]+)?\s*"
)
_KEPT_META = re.compile(r"(?:来源|作者|发布时间|发表时间|时间|日期)\s*:\s*[^\s:]")
# page numbers of a printed or PDF layout: "- 3 -", "—3—", "第3页", "第 3 页 共 10 页", "3/10"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]{1,2}\s*\d{1,4}\s*[-—–]{1,2}|·\s*\d{1,4}\s*·"
    r"|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# WeChat article furniture: follow prompts, QR-code prompts, "在看" pleas, end marks, submission
# addresses; short lines only (a body sentence that mentions 在看 or 二维码 ends like prose)
_WECHAT = re.compile(
    r"^[^。]{0,6}点击(?:上方|下方|上面|下面|顶部|标题下方?|左上角|右上角|蓝字|名片|[“\"])[^。]{0,12}(?:关注|订阅|置顶|星标)"
    r"|^[^。]{0,8}长按[^。]{0,10}(?:二维码|识别|关注)"
    r"|^(?:扫描|扫码|识别)(?:下方|上方|图中|图片)?二维码[,]?(?:关注|订阅|加入)"
    r"|点(?:个|一下|亮|[“\"])[“\"]?在看"
    r"|^[(\[【]?(?:投稿邮箱|投稿信箱|投稿地址|投稿方式|投稿热线)\s*:"
    r"|^[\W_]{0,3}(?:END|THE END)[\W_]{0,3}$"
)
# web footer fields that mark a line of site credits (with another footer item: furniture anywhere)
_SITE_CREDIT = re.compile(r"(?:技术支持|技术支撑|网站维护|运维单位|维护单位)\s*:")
_SITE_FIELD = re.compile(
    r"(?:主办|承办|协办|主办单位|承办单位|地址|电话|邮编|传真|版权所有|ICP|网站标识码|技术支持|维护)"
)
# print-run notes at the end of an official document: (共印80份), (此件公开发布), 抄送:...,
# "XX办公室 2023年3月15日印发"; the signature lines above them stay
_DATE_DIGIT = r"[\d〇零一二三四五六七八九十]"
_DATE = rf"{_DATE_DIGIT}{{2,4}}\s*年\s*{_DATE_DIGIT}{{1,2}}\s*月\s*{_DATE_DIGIT}{{1,3}}\s*日"
_PRINT_RUN = re.compile(
    r"^[(\[【]?(?:共印|印)\s*[\d〇一二三四五六七八九十百]+\s*份[)\]】]?$"
    r"|^[(\[【]此件[^)\]】。]{1,12}[)\]】]$"
    r"|^(?:抄送|抄报|分送|发送)\s*:"
)
_PRINTED_ON = re.compile(rf"^[^。]{{0,40}}{_DATE}\s*印发?$")  # "XX办公室 2023年3月15日印发"
_PRINT_RUN_INITIALS = "([【印共此抄分发"
_BYLINE = re.compile(rf"^[(\[【]\s*[{_CJK}·]{{1,4}}(?:[ 、,][{_CJK}·]{{1,4}}){{0,3}}\s*[)\]】]$")
_END_MARK = re.compile(r"^[(\[【]?(?:完|全文完|本文完|终)[)\]】]?$")
_FOOTER_DEPTH = 12  # content lines from the end where footer-only patterns apply
_HEADER_MAX = 40  # characters: a running page header is short
_CUT_MIN = 25  # characters: a line cut at a page end is a full line (a subtitle is shorter)
# a table of contents: a 目录 heading, entries with leader dots or spaces before a page number
_TOC_HEADING = re.compile(r"^[\[【]?(?:目录|目次)[\]】]?$")
_TOC_LEADER = re.compile(r"(?:[.…·_-]{3,}|…{2,}|\.{2,}…*)\s*\d{1,3}$")
_TOC_SPACED = re.compile(rf"[{_CJK}\)]\s+\d{{1,3}}$")
_TOC_ENTRY_MAX = 80
_TOC_HINTS = ("目录", "目次", "……", "...", "···", "___", "---")
_TOC_HINT = re.compile("|".join(map(re.escape, _TOC_HINTS)))
_FORM_FEED = re.compile(r"[ \t]*\f[ \t]*")

_SHORT = 40
_FURNITURE_MAX = 160  # furniture lines are short; a long line is content (and skipped fast)


def _is_markup_debris(line: str) -> bool:
    if _MARKUP_HINT.search(line) is None:
        return _READABLE.search(line) is None
    return _READABLE.search(_MARKUP.sub("", line)) is None


def _is_vocabulary_only(line: str) -> bool:
    """A short line made only of button / link-list words (and separators, counters)."""
    if len(line) > _SHORT:
        return False
    first = line.lstrip(_FURNITURE_SEPARATORS)[:1]
    if first not in _FURNITURE_INITIALS or _FURNITURE_START.match(line) is None:  # cheap tests first
        return False
    return _LEFTOVER.fullmatch(_FURNITURE_WORDS.sub("", line)) is not None


def _is_notice(line: str) -> bool:
    if not _may_be_notice(line) or _NOTICE.search(line) is None:
        return False
    # a hotline or licence notice is a fragment, not prose; explicit notice tags always go
    return _PROSE_END.search(line) is None or _ISOLATED_NOTICE.search(line) is not None


def _is_print_run(line: str) -> bool:
    if line.endswith(("印发", "日印")):
        return _PRINTED_ON.match(line) is not None
    return line[0] in _PRINT_RUN_INITIALS and _PRINT_RUN.match(line) is not None


def _is_wechat(line: str) -> bool:
    # substring tests first (each pattern holds one of these words): they run at C speed
    return (
        len(line) <= _SHORT
        and (
            "点击" in line
            or "在看" in line
            or "长按" in line
            or "二维码" in line
            or "投稿" in line
            or "END" in line
        )
        and _WECHAT.search(line) is not None
    )


def _is_site_credits(line: str) -> bool:
    """A line of site credits: 技术支持 (or the like) with another footer item beside it."""
    return (
        ("技术" in line or "维护" in line)
        and _PROSE_END.search(line) is None
        and _SITE_CREDIT.search(line) is not None
        and len(_SITE_FIELD.findall(line)) >= 2
    )


def trim_meta_line(line: str) -> str:
    """Drop the counters and buttons of a page's meta line, keep its source, author and date."""
    if ":" not in line or len(_META_FIELD.findall(line)) < 2 or _KEPT_META.search(line) is None:
        return line
    return _COUNTER_FIELD.sub(" ", line).strip()


def is_furniture_line(line: str) -> bool:
    """Furniture wherever it stands: navigation, links, notices, footers, markup debris,
    WeChat prompts, print-run notes."""
    line = line.strip()
    if not line:
        return False
    if line.startswith(("抄送", "抄报")):  # a carbon-copy list may be long and end in "。"
        return _is_print_run(line)
    if len(line) > _FURNITURE_MAX:
        return False
    if len(line) > _SHORT and line[-1] in "。!?;":
        # a sentence: only an explicit notice tag or a breadcrumb makes it furniture
        return (("声明" in line or "纠错" in line) and _ISOLATED_NOTICE.search(line) is not None) or (
            line[0] in _BREADCRUMB_INITIALS and _BREADCRUMB.search(line) is not None
        )
    if "\u4e00" <= line[0] <= "\u9fff":
        # most lines open on an ideograph: then the patterns anchored at the start apply only
        # if it opens one of their words, and no markup is left to strip
        return (
            (line[0] in _LEADING_IDEOGRAPHS and _is_anchored_furniture(line))
            or _is_notice(line)
            or (":" in line and (_is_meta_only(line) or _is_site_credits(line)))
            or (len(line) <= _SHORT and _is_wechat(line))
            or (line.endswith(("印发", "日印")) and _PRINTED_ON.match(line) is not None)
        )
    return (
        _is_anchored_furniture(line)
        or _is_markup_debris(line)
        or _is_notice(line)
        or (":" in line and (_is_meta_only(line) or _is_site_credits(line)))
        or _is_wechat(line)
    )


def _is_anchored_furniture(line: str) -> bool:
    """The patterns that match at the start of the line."""
    return (
        _BREADCRUMB.search(line) is not None
        or _URL_LINE.match(line) is not None
        or _is_vocabulary_only(line)
        or _CREDIT.match(line) is not None
        or _PAGE_NUMBER.match(line) is not None
        or _is_print_run(line)
    )


def _is_meta_only(line: str) -> bool:
    """A meta line of counters only (two fields or more, no source, author or date)."""
    return len(_META_FIELD.findall(line)) >= 2 and _KEPT_META.search(line) is None


# the ideographs the anchored patterns open on (breadcrumbs, URL labels, button words,
# credits, page numbers, print-run notes); keep in step with the patterns
_BREADCRUMB_INITIALS = frozenset("上下当您你所现首主网")
_LEADING_IDEOGRAPHS = (
    _BREADCRUMB_INITIALS
    | frozenset("原本文网链来")  # _URL_LINE
    | frozenset("责编审校初复终摄美排图视")  # _CREDIT
    | frozenset("第共")  # _PAGE_NUMBER
    | frozenset("印共此抄分发")  # _PRINT_RUN
    | {c for c in _FURNITURE_INITIALS if "\u4e00" <= c <= "\u9fff"}
)


def _is_footer_line(line: str) -> bool:
    """Furniture at the end of a page: also table rows, bylines, end marks, source lines."""
    return (
        is_furniture_line(line)
        or ("|" in line and _TABLE_TAIL.search(line) is not None)
        or _BYLINE.match(line) is not None
        or _END_MARK.match(line) is not None
        or _SOURCE.match(line) is not None
        or (_SITE_CREDIT.search(line) is not None and _PROSE_END.search(line) is None)
    )


def _drop_related_lists(text: str, lines: list[str], content: list[int], keep: list[bool]) -> None:
    """From a "related documents" heading in the second half on: a list of other titles."""
    if not any(word in text for word in _RELATED_WORDS):
        return
    for pos in range(len(content) // 2, len(content)):
        i = content[pos]
        if len(lines[i]) > _SHORT or not _RELATED_HEADING.match(lines[i]):
            continue
        rest = [j for j in content[pos + 1 :] if keep[j]]
        if all(len(lines[j]) <= 60 and not lines[j].endswith("。") for j in rest):
            for j in [i, *rest]:
                keep[j] = False
            return


def _drop_footer(lines: list[str], content: list[int], keep: list[bool], budget: int = _FOOTER_DEPTH) -> int:
    """Drop the trailing block of footer lines, at most ``budget`` of them (so that a page
    whose every line carries table debris keeps its content; lines already dropped as
    furniture do not count). Returns how many went."""
    dropped = 0
    for i in reversed(content):
        if not keep[i]:
            continue
        if dropped >= budget or not _is_footer_line(lines[i]):
            break
        keep[i] = False
        dropped += 1
    return dropped


def _could_start_toc(line: str) -> bool:
    if len(line) > _TOC_ENTRY_MAX or _TOC_HINT.search(line) is None:
        return False
    return _TOC_HEADING.match(line) is not None or _TOC_LEADER.search(line) is not None


def _toc_entry(line: str, after_heading: bool) -> bool:
    """A contents line: a heading, leader dots (or, under a 目录 heading, a space) and a page number."""
    if len(line) > _TOC_ENTRY_MAX:
        return False
    return _TOC_LEADER.search(line) is not None or (after_heading and _TOC_SPACED.search(line) is not None)


def _drop_table_of_contents(text: str, lines: list[str], content: list[int], keep: list[bool]) -> None:
    """A 目录 heading and the contents lines after it, or a run of three or more lines with
    leader dots and page numbers: the headings recur in the body."""
    if not any(word in text for word in _TOC_HINTS):  # most texts: substring tests at C speed
        return
    content = [i for i in content if keep[i]]  # page numbers and the like are already gone
    starts = [p for p, i in enumerate(content) if _could_start_toc(lines[i])]
    pos = 0
    for start in starts:
        if start < pos:
            continue
        pos = start
        i = content[pos]
        heading = _TOC_HEADING.match(lines[i]) is not None
        end = pos + 1 if heading else pos
        misses = 0
        while end < len(content) and misses <= 1:
            if _toc_entry(lines[content[end]], heading):
                misses = 0
            elif len(lines[content[end]]) <= _SHORT and not _PROSE_END.search(lines[content[end]]):
                misses += 1  # a heading wrapped onto two lines, the number on the second
            else:
                break
            end += 1
        end -= misses
        entries = sum(1 for j in content[pos:end] if _toc_entry(lines[j], heading))
        if entries >= (2 if heading else 3):
            for j in content[pos:end]:
                keep[j] = False
            pos = end


def _page_marks(text: str, lines: list[str], content: list[int]) -> list[int]:
    """Content positions where a page starts or ends: page-number lines and form feeds."""
    marks = [p for p, i in enumerate(content) if len(lines[i]) <= 20 and _PAGE_NUMBER.match(lines[i])]
    if "\f" in text:
        marks += [bisect_left(content, i) for i, line in enumerate(text.split("\n")) if line == "\f"]
    return sorted(marks)


def _may_be_running_header(line: str) -> bool:
    """Short, neither a sentence nor a field nor a numbered heading."""
    return (
        len(line) >= 4
        and ":" not in line
        and line[-1] not in _TERMINAL
        and line[-1] not in ",、"
        and _ITEM_START.match(line) is None
    )


def _previous_kept(lines: list[str], content: list[int], keep: list[bool], pos: int) -> str:
    """The last content line before position ``pos`` that is kept ("" if none)."""
    for p in range(pos - 1, -1, -1):
        if keep[content[p]]:
            return lines[content[p]]
    return ""


def _cut_mid_sentence(line: str) -> bool:
    """Prose cut inside a sentence (as at the end of a page)."""
    return len(line) >= _CUT_MIN and line[-1] not in _TERMINAL and "," in line and not _ITEM_START.match(line)


def _has_page_evidence(
    line: str,
    positions: list[int],
    marks: list[int],
    first: str,
    lines: list[str],
    content: list[int],
    keep: list[bool],
) -> bool:
    """A copy of the title or a "…文件" header; or most copies next to a page mark; or two
    copies interrupting a sentence. Cheapest tests first."""
    if line == first or line.endswith("文件"):
        return True
    if marks:
        near = sum(1 for p in positions if bisect_right(marks, p + 2) > bisect_left(marks, p - 2))
        if 2 * near >= len(positions):
            return True
    cuts = sum(1 for p in positions if _cut_mid_sentence(_previous_kept(lines, content, keep, p)))
    return cuts >= 2


def _drop_running_headers(text: str, lines: list[str], content: list[int], keep: list[bool]) -> list[int]:
    """A short line repeated three or more times with page evidence (next to page numbers or
    form feeds, or interrupting a sentence), or a copy of the title or a "…文件" header line:
    a running page header or footer. The first copy stays if it heads the text (title, issuer).
    """
    counts = Counter(lines)  # at C speed; positions only for the few lines seen 3+ times
    candidates = {
        line
        for line, n in counts.items()
        if n >= 3 and line and len(line) <= _HEADER_MAX and _may_be_running_header(line)
    }
    if not candidates:
        return []
    repeated: dict[str, list[int]] = {}
    for p, i in enumerate(content):
        if keep[i] and lines[i] in candidates:
            repeated.setdefault(lines[i], []).append(p)
    marks = _page_marks(text, lines, content)
    first = next((lines[i] for i in content if keep[i]), "")
    dropped: list[int] = []
    for line, positions in repeated.items():
        if len(positions) < 3 or not _has_page_evidence(line, positions, marks, first, lines, content, keep):
            continue
        for p in positions[1:] if positions[0] < 3 else positions:
            keep[content[p]] = False
            if _previous_kept(lines, content, keep, p) not in ("", line):  # the body has begun
                dropped.append(content[p])
    return dropped


def _drop_repeated_title(lines: list[str], content: list[int], keep: list[bool]) -> None:
    """Copies of the title line (the first content line) in the page header, before the text
    proper starts, and adjacent duplicates of a short line anywhere.

    Copies further down are left alone: a list of records may name one publisher twice."""
    content = [i for i in content if keep[i]]
    if not content:
        return
    title = lines[content[0]]
    in_header = len(title) <= 60 and _PROSE_END.search(title) is None
    previous = title
    for i in content[1:]:
        line = lines[i]
        if (in_header and line == title) or (line == previous and len(line) <= 60):
            keep[i] = False
            continue
        previous = line
        in_header = in_header and len(line) <= 60 and _PROSE_END.search(line) is None


def drop_furniture(text: str) -> str:
    """Remove page furniture line by line, by pattern; conservative with body sentences.

    Anywhere: navigation, button and link lines, notices, markup debris, repeated titles,
    WeChat prompts, print-run notes, page numbers, running headers (a short line seen three
    or more times with page evidence), a table of contents.
    At the end of the page only: table rows, bylines, source and site-credit lines,
    "related documents" lists. Table debris trailing a content line is cut off, the content kept.
    Where a page broke (a form feed, or a page number or running header dropped) a line
    holding only a form feed is left for ``rejoin_wrapped_lines``.
    """
    if "\f" in text:  # a form feed (page break) stands on its own line, as page evidence
        text = _FORM_FEED.sub("\n\f\n", text)
    stripped = [line.strip() for line in text.split("\n")]
    lines = [trim_meta_line(line) if ":" in line else line for line in stripped]
    content = [i for i, line in enumerate(lines) if line]
    keep = [not is_furniture_line(line) for line in lines]  # blank lines stay: page breaks
    breaks = _page_furniture(text, lines, content, keep)
    breaks.update(_drop_running_headers(text, lines, content, keep))
    _drop_repeated_title(lines, content, keep)  # before the footer, which it may expose
    _drop_table_of_contents(text, lines, content, keep)
    dropped = _drop_footer(lines, content, keep)
    _drop_related_lists(text, lines, content, keep)
    _drop_footer(lines, content, keep, _FOOTER_DEPTH - dropped)
    if not breaks:
        kept = (
            _TABLE_TAIL.sub("", line) if "|" in line else line
            for line, k in zip(lines, keep, strict=True)
            if k
        )
        return "\n".join(kept)
    out: list[str] = []
    for i, line in enumerate(lines):
        if keep[i]:
            out.append(_TABLE_TAIL.sub("", line) if "|" in line else line)
        elif i in breaks and (not out or out[-1] != "\f"):
            out.append("\f")  # where a page ended: evidence for rejoin_wrapped_lines
    while out and out[-1] == "\f":  # nothing follows the last page
        out.pop()
    return "\n".join(out)


def _page_furniture(text: str, lines: list[str], content: list[int], keep: list[bool]) -> set[int]:
    """The lines that mark a page break: form feeds (dropped here) and dropped page numbers."""
    breaks = {i for i in content if not keep[i] and len(lines[i]) <= 20 and _PAGE_NUMBER.match(lines[i])}
    if "\f" in text:
        for i, line in enumerate(text.split("\n")):
            if line == "\f":
                keep[i] = False
                breaks.add(i)
    return breaks


# --------------------------------------------------------------------------------------------
# Rejoining wrapped and page-broken lines
# --------------------------------------------------------------------------------------------

_TERMINAL = "。!?;:…”’)】》」』"  # a page-broken paragraph does not end in one of these
_SENTENCE_END = "。!?…"
# markers that open an item or heading: 一、 (一) 1、 1. (1) ① 第一章 【…】 A.
_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]+\s*[、.]"
    r"|[(][一二三四五六七八九十百零〇\d]{1,3}[)]"
    r"|\d{1,3}\s*[、)]|\d{1,3}\.(?!\d)"
    r"|[①-⑳⑴-⒇㈠-㈩]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇款项是]"
    r"|[【\[]"
    r"|[A-Za-z][.、](?![A-Za-z0-9])"
    r"|(?:首先|其次|再次|最后)[,:]"
    # a WeChat section number (01 标题), PART 1, a briefing symbol (★ ◆ ▲ ●)
    r"|0[1-9](?=\s|$)|(?i:part)\s?\d|[★☆◆◇▲△●○■□▶►◎▪•])"
)
# a record field such as "發布者:" or "牵头单位:"
_FIELD_START = re.compile(rf"^[{_CJK}]{{2,8}}\s*:")
# a short sentence ending in "。" opening a paragraph ("基层组织建设。")
_HEADLINE_START = re.compile(rf"^[{_CJK}“”]{{2,15}}。")
_HAS_PUNCT = re.compile(rf"[,;:!?.。、“”《》()…—·{_CJK_PUNCT}]")
_ASCII_LETTER_END = re.compile(r"[A-Za-z]$")
_ASCII_LETTER_START = re.compile(r"^[A-Za-z]")

_PAGE_BREAK_MIN = 50  # characters: a page-broken paragraph is long; titles and headings are not
_KNOWN_BREAK_MIN = 15  # characters: the same where page furniture (a page number, a header) stood
_HEADING_MAX = 80  # characters: a numbered line without "。" up to this long is a heading
_WRAP_MIN_WIDTH = 40  # display columns: shorter uniform lines are lists, not wrapped text
_WRAP_MAX_CHARS = 300  # characters: longer lines are paragraphs, never lines of a wrap
_WRAP_TOLERANCE = 5  # display columns, at least
_NARROW_WIDE = b",:;()!?"  # one byte each in UTF-8, and no byte of a multi-byte character


def _tolerance(wrap: int) -> int:
    """Lines of a wrap fall a few columns short (a wide character that did not fit, spaces
    and full-width marks folded by earlier steps): about an eighth of the width."""
    return max(_WRAP_TOLERANCE, wrap // 8)


def _width(line: str) -> int:
    """Display width, approximately and at C speed: CJK (3 UTF-8 bytes) counts 2, ASCII 1, and
    the ASCII , : ; ( ) ! ? count 2, since in Chinese layout they were full-width marks."""
    raw = line.encode("utf-8")
    return (len(raw) + len(line)) // 2 + len(raw) - len(raw.translate(None, _NARROW_WIDE))


def _widths(lines: list[str]) -> list[int]:
    """:func:`_width` of each line, computed on the joined text: a few C calls in all."""
    raw = "\n".join(lines).encode("utf-8")
    sizes = [len(part) for part in raw.split(b"\n")]
    if len(sizes) != len(lines):  # a line holding a newline itself
        return [_width(line) for line in lines]
    kept = [len(part) for part in raw.translate(None, _NARROW_WIDE).split(b"\n")]
    return [(size + len(line)) // 2 + size - k for line, size, k in zip(lines, sizes, kept, strict=True)]


def detect_wrap_width(lines: list[str]) -> int | None:
    """The column width of a fixed-width hard wrap, or None if the text is not wrapped.

    Wrapped text has most lines within a few columns of one width, few lines longer, and most
    of those lines end inside a sentence.
    """
    lines = [line for line in lines if line]
    # cheap test on lengths first: most texts hold long paragraphs and are not wrapped
    if len(lines) < 6 or sum(1 for line in lines if 20 <= len(line) <= _WRAP_MAX_CHARS) < len(lines) / 2:
        return None
    widths = _widths(lines)
    ordered = sorted(widths)
    best, best_count = 0, 0
    for w in set(ordered):
        if w < _WRAP_MIN_WIDTH:
            continue
        n = bisect_right(ordered, w) - bisect_left(ordered, w - _tolerance(w))
        if n > best_count or (n == best_count and w > best):
            best, best_count = w, n
    if best_count < 5 or best_count < 0.5 * len(ordered):
        return None
    if len(ordered) - bisect_right(ordered, best) > 0.1 * len(ordered):
        return None
    low = best - _tolerance(best)
    at_width = [line for line, w in zip(lines, widths, strict=True) if low <= w <= best]
    open_ends = sum(1 for line in at_width if line[-1] not in _TERMINAL and line[-1] not in ",、")
    return best if open_ends >= 0.5 * len(at_width) else None


def _starts_new_block(line: str) -> bool:
    return _ITEM_START.match(line) is not None or _FIELD_START.match(line) is not None


def _looks_like_title(line: str) -> bool:
    """A short line without any punctuation: a title, heading or issuer line."""
    return len(line) <= 25 and _HAS_PUNCT.search(line) is None


def _continues_wrap(last_line: str, nxt: str, wrap: int | None, blank_between: bool) -> bool:
    if wrap is None or blank_between:
        return False
    low = wrap - _tolerance(wrap)
    if 2 * len(last_line) < low or _width(last_line) < low:  # width <= 2 * length: cheap test first
        return False
    if _starts_new_block(nxt):
        return False
    if last_line[-1] in _SENTENCE_END:
        # a paragraph whose last line happens to fill the width: the next line opens anew
        return not (_looks_like_title(nxt) or _HEADLINE_START.match(nxt))
    return True


def _continues_page(paragraph: str, nxt: str, *, known_break: bool = False) -> bool:
    """A long paragraph cut mid-sentence by a page break, and a line that carries it on.

    Where page furniture was removed (``known_break``) the break is certain: a shorter
    paragraph qualifies too."""
    if len(paragraph) < (_KNOWN_BREAK_MIN if known_break else _PAGE_BREAK_MIN) or paragraph[-1] in _TERMINAL:
        return False
    if _ITEM_START.match(paragraph) and "。" not in paragraph and len(paragraph) <= _HEADING_MAX:
        return False  # a numbered heading, however long
    return not (_starts_new_block(nxt) or _looks_like_title(nxt))


def _join(left: str, right: str) -> str:
    if _ASCII_LETTER_END.search(left) and _ASCII_LETTER_START.match(right):
        return f"{left} {right}"
    return left + right


def rejoin_wrapped_lines(text: str) -> str:
    """Rejoin lines cut inside a sentence; one paragraph per line, no blank lines.

    Two kinds of cuts: a fixed-width hard wrap (a line at the wrap width goes on in the next
    line unless that one opens an item, heading or field) and a page break (a long paragraph
    ending mid-sentence, maybe a blank line, then a line that carries it on). A line holding
    only a form feed marks a certain page break (drop_furniture leaves one where it removed
    page numbers or running headers).
    """
    raw_lines = text.split("\n")
    lines = [line.strip() for line in raw_lines]
    wrap = detect_wrap_width(lines)
    paragraphs: list[str] = []
    last_line = ""
    blank_between = page_break = False
    for raw, line in zip(raw_lines, lines, strict=True):
        if not line:
            # a form feed is where drop_furniture removed page furniture: a certain page break
            page_break = page_break or raw == "\f"
            blank_between = True
            continue
        # the cheap tests of _continues_wrap and _continues_page inline: most lines fail them
        if paragraphs and (
            (
                wrap is not None
                and not (blank_between and not page_break)
                and _continues_wrap(last_line, line, wrap, False)
            )
            or (
                paragraphs[-1][-1] not in _TERMINAL
                and len(paragraphs[-1]) >= (_KNOWN_BREAK_MIN if page_break else _PAGE_BREAK_MIN)
                and _continues_page(paragraphs[-1], line, known_break=page_break)
            )
        ):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        last_line, blank_between, page_break = line, False, False
    return "\n".join(paragraphs)


# --------------------------------------------------------------------------------------------
# The chain
# --------------------------------------------------------------------------------------------

_LINE_ENDS = re.compile(r"\r\n?")


def normalize(text: str) -> NormalizedText:
    """Normalize a decoded bulletin (see the module docstring for the conventions)."""
    text = _LINE_ENDS.sub("\n", text)
    script: Script = "simplified"
    if _NON_ASCII.search(text):
        tables = _tables()
        script, trigger = _census(text, tables)
        text = strip_inline_pinyin(text)
        text = _convert_lines(text, script, trigger, tables)
    text = unify_width(text)
    text = unify_punctuation(text)
    text = fold_whitespace(text)
    text = drop_furniture(text)
    text = rejoin_wrapped_lines(text)
    if script != "simplified" or "(" in text:
        # an annotation cut by a line or page break is whole again only after rejoining
        text = strip_inline_pinyin(text)
    return NormalizedText(text=text, script=script)
