"""Each normalization step on hand-written examples (positive and negative), the whole chain
on the samples, and property tests on arbitrary text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from casekit.normalize import (
    NormalizedText,
    detect_script,
    detect_wrap_width,
    drop_furniture,
    fold_whitespace,
    is_furniture_line,
    normalize,
    rejoin_wrapped_lines,
    strip_inline_pinyin,
    to_simplified,
    trim_meta_line,
    unify_punctuation,
    unify_width,
)

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_PATHS = sorted((FIXTURES / "samples").glob("*.txt"))
# the scorer's check for pinyin residue
PINYIN_RESIDUE = re.compile(r"[\u4e00-\u9fff]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*\)")


def _sample(prefix: str) -> str:
    (path,) = [p for p in SAMPLE_PATHS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# strip_inline_pinyin
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小區(qū)", "小區"),
        ("發(fā)布者:龍泉市", "發布者:龍泉市"),
        ("創(chuàng)新", "創新"),
        ("小區（qū）規範", "小區規範"),  # full-width parentheses
        ("統(tǒng)籌和區(qū)域", "統籌和區域"),
        ("綠(lǜ)色", "綠色"),
        ("嗯(ńg)", "嗯"),
        ("區(qū)(qū)域", "區域"),  # a doubled annotation goes in one pass
        ("區(qū) (qū)域", "區域"),  # also with a space between (else a second pass would differ)
        # neutral tone (no mark) only goes on a page that also holds toned annotations
        ("發(fā)展的(de)區(qū)域", "發展的區域"),
    ],
)
def test_pinyin_annotations_are_removed(text: str, expected: str) -> None:
    assert strip_inline_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "高新区(滨江)",
        "杭州党建网(www.hzdj.gov.cn)将同步发布",
        "方案(1)",
        "(试行)",
        "(牵头单位:市委组织部)",
        "(王 梅)",
        "交流(qq群)",
        "的(de)工作",  # bare syllable on a page without toned annotations: keep
        "咖啡(café)",  # not one pinyin syllable
        "项目(xiàngmù)",  # two syllables: annotations follow single characters
        "Apple(ā)",  # not after a CJK character
        "附件(A)",  # uppercase is never pinyin
        "五力(a)(b)",  # list letters on a page without pinyin
    ],
)
def test_real_parentheses_are_kept(text: str) -> None:
    assert strip_inline_pinyin(text) == text


def test_pinyin_page_loses_every_annotation() -> None:
    text = _sample("001")
    assert PINYIN_RESIDUE.search(text)  # the sample really has them
    stripped = strip_inline_pinyin(text)
    assert not PINYIN_RESIDUE.search(stripped)
    assert "(試行)" in stripped  # real parentheses on the same page survive


_NO_PINYIN = st.text(
    alphabet=st.sampled_from(list("区发布者创新高滨江试行()（）qwertyuiopasdfghjklzxcvbnm 123.:,")),
    max_size=60,
).filter(lambda t: not re.search(r"[\u4e00-\u9fff][(（][a-z]+[)）]", t))


@given(_NO_PINYIN)
def test_text_without_annotations_is_unchanged(text: str) -> None:
    assert strip_inline_pinyin(text) == text


# --------------------------------------------------------------------------------------------
# detect_script, to_simplified
# --------------------------------------------------------------------------------------------


def test_detect_script() -> None:
    assert detect_script("发布者:龙泉市委组织部。针对部分小区仍存在管理问题。") == "simplified"
    assert detect_script("發布者:龍泉市委組織部。針對部分小區仍存在管理問題。") == "traditional"
    assert detect_script("发布者:龙泉市委组织部。針對部分小區仍存在管理問題。") == "mixed"
    assert detect_script("Original URL: http://a.cn 2011") == "simplified"
    assert detect_script("") == "simplified"


def test_characters_valid_in_both_scripts_do_not_make_text_traditional() -> None:
    # 乾, 於 and 後 are also ordinary simplified (GB2312) characters
    assert detect_script("乾隆年间,於是后来,皇后") == "simplified"
    assert to_simplified("乾隆年间于是") == "乾隆年间于是"


def test_script_census_reads_characters_not_their_escapes() -> None:
    # the census reads unencodable characters off an "&#N;" encoding: the same characters
    # written as escapes in the text (个 is &#20010;) are not characters of the text
    assert detect_script("我們的國家發展&#20010;") == "traditional"
    assert detect_script("我們的國家發展个") == "mixed"
    # a character beyond the BMP, and one that is only simplified, on a traditional page
    assert to_simplified("𠀾發展\n国家發展") == "𠀾发展\n国家发展"
    # a traditional character found late, after characters GB2312 lacks (ū): one type of each
    # script-specific kind (区, 發) makes a mixed text; without 發 it is simplified
    assert detect_script("区(qū)\n" * 3 + "發展") == "mixed"
    assert detect_script("区(qū)\n" * 3 + "发展") == "simplified"


def test_to_simplified_converts_like_opencc_t2s() -> None:
    text = "發布者:龍泉市委組織部\n乾淨的小區,一目瞭然。乾隆年間的乾坤。"
    assert to_simplified(text) == "发布者:龙泉市委组织部\n干净的小区,一目了然。乾隆年间的乾坤。"
    assert to_simplified(text) == OpenCC("t2s").convert(text)


def test_to_simplified_leaves_simplified_lines_alone() -> None:
    assert to_simplified("组织工作\n区委组织部") == "组织工作\n区委组织部"
    assert to_simplified("组织工作\n區委組織部") == "组织工作\n区委组织部"


def test_traditional_sample_matches_opencc_and_keeps_no_traditional_character() -> None:
    text = strip_inline_pinyin(_sample("001"))
    converted = to_simplified(text)
    assert converted == OpenCC("t2s").convert(text)
    t2s = OpenCC("t2s")
    assert not [c for c in set(converted) if "\u4e00" <= c <= "\u9fff" and t2s.convert(c) != c]


# --------------------------------------------------------------------------------------------
# unify_width, unify_punctuation, fold_whitespace
# --------------------------------------------------------------------------------------------


def test_unify_width() -> None:
    assert unify_width("２０１１年ＡＢｃ占７８．５％") == "2011年ABc占78.5%"
    assert unify_width("，：；（）“”《》【】。、") == "，：；（）“”《》【】。、"  # punctuation untouched


def test_unify_punctuation() -> None:
    assert unify_punctuation("上城区：科学，分析；（一）好！吗？") == "上城区:科学,分析;(一)好!吗?"
    kept = "。、“”‘’《》【】…—·"
    assert unify_punctuation(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("代会、 十届人代会", "代会、十届人代会"),
        ("组织\u3000\u3000工作", "组织工作"),
        ("组织\u00a0工作", "组织工作"),
        ("基层组织建设。 (1)深化", "基层组织建设。(1)深化"),
        ("Original  URL:   http://a.cn", "Original URL: http://a.cn"),
        ("  一、指导思想 \t", "一、指导思想"),
        ("审核16批 598人", "审核16批 598人"),  # a space next to a digit is not between CJK
        ("【概况】 2011年", "【概况】 2011年"),
        ("一\n\n  二  \n", "一\n\n二\n"),  # line structure kept, lines stripped
        ("组\u200b织", "组织"),  # zero-width space dropped
    ],
)
def test_fold_whitespace(text: str, expected: str) -> None:
    assert fold_whitespace(text) == expected


# --------------------------------------------------------------------------------------------
# drop_furniture
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "当前位置:首页›党建动态›正文",
        "您的位置:首页 > 组工信息",
        "首页 > 新闻中心 > 基层党建",
        "手机版",
        "微信公众号",
        "分享到: 微信 微博 QQ空间",
        "打印本页 关闭窗口",
        "【纠错】",
        "[声明]:本文仅供学习交流,如涉及版权问题请与我们联系。",
        "版权所有:某某网络台 主办",
        "Copyright © 2016 All Rights Reserved",
        "京ICP备12345678号",
        "浙公网安备33010002000001号",
        "网络文化经营许可证编号:123456",
        "违法和不良信息举报电话:0571-12345678",
        "举报电话:12380",
        "Original URL: http://lib.example.cn/a?b=1",
        "http://www.example.gov.cn/art/2011/1/1.html",
        "![]() |",
        "| ||||",
        "|||",
        "相关文档 最新文档",
        "上一篇: 下一篇:",
        "责任编辑:李明",
        "浏览次数:123 字号:大 中 小",
        "- 3 -",
        "—12—",
        "第 3 页 共 10 页",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "来源:某某日报 作者:王梅 发布时间:2011-12-01 浏览次数:123",
            "来源:某某日报 作者:王梅 发布时间:2011-12-01",
        ),
        ("来源:甲县委组织部 发布时间:2021-05-06 浏览次数:", "来源:甲县委组织部 发布时间:2021-05-06"),
        ("发布时间:2022-03-01 字号:大 中 小 点击数:88", "发布时间:2022-03-01"),
        ("浏览次数:123 字号:大 中 小", "浏览次数:123 字号:大 中 小"),  # nothing to keep: furniture
        ("全年点击量达到10万次,浏览量居全省前列。", "全年点击量达到10万次,浏览量居全省前列。"),
    ],
)
def test_meta_lines_keep_source_and_date_but_not_counters(line: str, kept: str) -> None:
    """A page's source and date tell the issuer and year stages what the body may not."""
    assert trim_meta_line(line) == kept
    assert not is_furniture_line(kept) or kept == line


def test_a_meta_line_survives_normalize_without_its_counters() -> None:
    page = "甲县开展暖心服务\n来源:甲县委组织部 发布时间:2021-05-06 浏览次数:\n甲县设立服务站19个。"
    text = normalize(page).text
    assert "来源:甲县委组织部" in text and "发布时间:2021-05-06" in text
    assert "浏览次数" not in text


@pytest.mark.parametrize(
    "line",
    [
        "通过微信公众号、手机客户端发布党员学习资料,累计推送300余篇。",
        "在“12380”举报电话、举报网站、信访举报的基础上,建立手机短信举报平台。",
        "公布举报电话和电子邮箱,自觉接受群众监督。",
        "严格落实版权所有人的知情权。",
        "一、指导思想",
        "发布者:龙泉市委组织部",
        "舉措:",
        "中共美溪区委组织部",
        "(牵头单位:市委组织部;责任单位:各县、区委)",
        "来源:中共杭州市委组织部",  # may name the issuer: only dropped in the footer
        "主办单位:市委组织部",  # an event's sponsor is content in the body
        "作者:中共美溪区委组织部",
        "1/3的党员参加培训。",
        "关闭落后产能企业12家。",
    ],
)
def test_content_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture_line(line)


def test_footer_block_goes_whole_body_mention_stays() -> None:
    text = "\n".join(
        [
            "通过微信公众号发布学习资料。",
            "完善工作机制,强化责任落实。",
            "严格遵守保密法律法规,严禁在互联网发布涉密信息。 | ||||",
            "某某新闻网 违法和不良信息 举报电话:04510000000 举报邮箱:a@b.cn | ||||",
            "版权所有: 某某网络台 | ||||",
            "![]() |",
            "(李 强)",
        ]
    )
    assert drop_furniture(text) == "通过微信公众号发布学习资料。\n完善工作机制,强化责任落实。"


def test_source_and_sponsor_lines_go_in_the_footer_only() -> None:
    text = "来源:中共某区委组织部\n正文第一段。\n正文第二段。\n来源:某某网\n主办单位:某某网络台"
    assert drop_furniture(text) == "来源:中共某区委组织部\n正文第一段。\n正文第二段。"


def test_a_page_whose_every_line_has_table_debris_keeps_its_content() -> None:
    body = [f"第{i}段内容,坚持问题导向。 | ||||" for i in range(1, 31)]
    out = drop_furniture("\n".join(body)).split("\n")
    assert len(out) >= 30 - 12  # at most the footer zone goes
    assert out[0] == "第1段内容,坚持问题导向。"


def test_page_numbers_between_a_page_break_are_dropped_and_the_sentence_rejoined() -> None:
    before = (
        "深化创先争优活动,开展窗口单位、服务部门党员先锋岗建设,"
        + "进一步提升基层党组织战斗堡垒作用,建立100个市"
    )
    after = "级党建示范点和1000个市级党员示范岗。"
    assert normalize(f"{before}\n\n- 3 -\n\n{after}").text == before + after


def test_table_debris_after_content_in_the_body_is_cut_off() -> None:
    text = "第一段内容。 | ||||\n第二段内容。"
    assert drop_furniture(text) == "第一段内容。\n第二段内容。"


def test_repeated_title_and_breadcrumb_go() -> None:
    text = "\n".join(
        [
            "当前位置:文库› 某市党建工作方案",
            "",
            "某市党建工作方案",
            "某市党建工作方案",
            "",
            "某市党建工作方案",
            "一、指导思想",
            "坚持问题导向。",
        ]
    )
    assert drop_furniture(text) == "\n某市党建工作方案\n\n一、指导思想\n坚持问题导向。"


def test_related_documents_list_at_the_end_goes() -> None:
    body = ["组织工作方案", "一、指导思想", "坚持问题导向,推动工作落实。", "二、目标任务", "实现三个提升。"]
    related = ["相关文档", "某县组织工作要点", "某镇党建工作总结", "文本预览"]
    assert drop_furniture("\n".join(body + related)) == "\n".join(body)


def test_related_heading_early_in_a_text_is_not_a_footer() -> None:
    # "相关文档" opening a list in the body, followed by real paragraphs, stays as content
    lines = [
        "某市方案",
        "相关文档",
        "一、总体要求",
        "坚持问题导向,推动工作落实,确保取得实效。" * 3,
        "二、工作措施",
        "完善机制。",
    ]
    assert "一、总体要求" in drop_furniture("\n".join(lines))


def test_records_with_repeated_field_names_are_kept() -> None:
    text = "发布者:甲区委组织部\n举措:\n做法一。\n发布者:乙区委组织部\n举措:\n做法二。"
    assert drop_furniture(text) == text
    # one publisher with two records: the first line is no title to deduplicate
    text = "发布者:甲区委组织部\n举措:\n做法一。\n发布者:甲区委组织部\n举措:\n做法二。"
    assert drop_furniture(text) == text


def test_web_page_header_and_footer_go() -> None:
    page = "\n".join(
        [
            "首页 > 党建动态 > 正文",
            "某县委组织部关于开展结对活动的通知",
            "来源:某县委组织部 作者:张三 发布时间:2015-03-02 浏览次数:1234",
            "【字体:大 中 小】",
            "各乡镇党委,县直各单位党组织:",
            "经研究,决定在全县开展结对活动。",
            "中共某县委组织部",
            "上一篇:关于做好党员发展工作的通知",
            "下一篇:没有了",
            "【打印本页】【关闭窗口】",
            "Copyright © 2015 某县人民政府 All Rights Reserved",
            "浙ICP备12345678号-1 浙公网安备33010202000123号",
            "主办单位:某县委组织部 技术支持:某某网络科技有限公司",
            "地址:某县某某路88号 联系电话:0123-45678900",
        ]
    )
    assert drop_furniture(page).split("\n") == [
        "某县委组织部关于开展结对活动的通知",
        "来源:某县委组织部 作者:张三 发布时间:2015-03-02",  # source and date kept, counter gone
        "各乡镇党委,县直各单位党组织:",
        "经研究,决定在全县开展结对活动。",
        "中共某县委组织部",
    ]


def test_trailing_byline_goes_only_at_the_end() -> None:
    assert drop_furniture("内容。\n(王 梅)") == "内容。"
    assert drop_furniture("内容。\n(王梅)") == "内容。"
    assert drop_furniture("高新区\n(滨江)\n内容。") == "高新区\n(滨江)\n内容。"


# --------------------------------------------------------------------------------------------
# rejoin_wrapped_lines
# --------------------------------------------------------------------------------------------

WRAPPED = (
    "组织工作\n"
    "【概况】2011年,全市组织系统紧紧围绕科学发展主题,突出换届中心,着眼解决\n"
    "问题,求真务实干事,各项工作取得了新的进展,为全市顺利开局提供了坚强\n"
    "的组织保障。\n"
    "干部队伍建设。(1)稳步推进集中换届工作。始终围绕科学发展主题,突出扩\n"
    "大民主、推进改革、严肃纪律三个重点,精心组织,认真做好筹备工作。(2)\n"
    "不断完善干部选拔任用机制。年内竞争选拔干部294名,占选拔干部总数的\n"
    "78%。\n"
    "一、基层组织建设\n"
    "深化创先争优活动,结合庆祝建党90周年,隆重举行系列纪念活动,走访慰问\n"
    "优秀共产党员。\n"
    "【人才工作】在市县建立人才创业服务中心11个,开设服务窗口,形成了随时\n"
    "服务创业人才的工作机制。\n"
)


def test_fixed_width_wrap_is_rejoined_headings_are_not() -> None:
    assert detect_wrap_width(WRAPPED.split("\n")) is not None
    assert rejoin_wrapped_lines(WRAPPED).split("\n") == [
        "组织工作",
        "【概况】2011年,全市组织系统紧紧围绕科学发展主题,突出换届中心,着眼解决问题,求真务实干事,"
        "各项工作取得了新的进展,为全市顺利开局提供了坚强的组织保障。",
        "干部队伍建设。(1)稳步推进集中换届工作。始终围绕科学发展主题,突出扩大民主、推进改革、"
        "严肃纪律三个重点,精心组织,认真做好筹备工作。(2)不断完善干部选拔任用机制。"
        "年内竞争选拔干部294名,占选拔干部总数的78%。",
        "一、基层组织建设",
        "深化创先争优活动,结合庆祝建党90周年,隆重举行系列纪念活动,走访慰问优秀共产党员。",
        "【人才工作】在市县建立人才创业服务中心11个,开设服务窗口,形成了随时服务创业人才的工作机制。",
    ]


def _hard_wrap(paragraphs: list[str], width: int) -> str:
    """Cut each paragraph every ``width`` characters, as a fixed-width layout does."""
    return "\n".join(p[i : i + width] for p in paragraphs for i in range(0, len(p), width))


PARAGRAPHS = [
    "各级党组织和广大党员牢牢把握科学发展主题,紧扣实施“十二五”规划、顺利推进市县镇村集中换届等重点任务,"
    "在创先争优活动中更加注重融入中心工作,更加注重实际实用实效,在全市创建一批示范点。",
    "1、深化干部人事制度改革有新突破。围绕换届工作,深化干部人事制度改革,进一步加大竞争性选拔干部力度,"
    "进一步创新完善干部提名、记实流程、竞争选拔、考察方式等程序办法,全年选拔干部294名。",
    "2、党员干部能力素质有新提升。大力创新党员干部学习方法、载体、内容和机制,扎实推进学习型党组织建设,"
    "举办培训班23期,培训初始创业人才1306人次,占计划的78%。",
    "(1)完善人才工作运行机制。制定人才工作领导小组运行规则,明确主要职责、工作程序和工作制度,"
    "建立例会制度,每季度召开一次联席会议,形成年初定目标、年内搞督查、年终述职的工作机制。",
    "【人才工作】在市县建立人才创业服务中心11个,开设服务窗口,形成了随时服务创业人才的工作机制,"
    "累计服务创业项目2100余个,市县两级财政列支专项资金8050万元。",
]


@pytest.mark.parametrize("width", [24, 30, 37, 45])
def test_hard_wrapped_paragraphs_are_restored(width: int) -> None:
    wrapped = _hard_wrap(["组织工作", *PARAGRAPHS], width)
    assert detect_wrap_width(wrapped.split("\n")) is not None
    assert rejoin_wrapped_lines(wrapped) == "\n".join(["组织工作", *PARAGRAPHS])


def test_unwrapped_text_has_no_wrap_width() -> None:
    assert detect_wrap_width(["组织工作", *PARAGRAPHS]) is None
    # a list of short items of similar length is not a wrap either
    items = [f"{i}、加强{name}建设。" for i, name in enumerate("基层组织队伍人才作风制度", 1)]
    assert detect_wrap_width(items) is None
    assert rejoin_wrapped_lines("\n".join(items)) == "\n".join(items)


def test_page_break_inside_a_sentence_is_rejoined() -> None:
    text = (
        "1、创新创先争优活动载体,进一步提升基层党组织战斗堡垒作用和广大党员先锋模范作用。"
        "开展窗口单位、服务部门党员先锋岗建设,建立100个市\n"
        "\n"
        "级党建示范点和1000个市级党员示范岗。(牵头单位:市委组织部)\n"
        "\n"
        "2、创新领导干部选任机制。"
    )
    assert rejoin_wrapped_lines(text).split("\n") == [
        "1、创新创先争优活动载体,进一步提升基层党组织战斗堡垒作用和广大党员先锋模范作用。"
        "开展窗口单位、服务部门党员先锋岗建设,建立100个市级党建示范点和1000个市级党员示范岗。"
        "(牵头单位:市委组织部)",
        "2、创新领导干部选任机制。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # headings, titles, issuer lines and fields stay on their own lines
        "一、提高认识,落实责任,找准提高农村基层组织生活质量的关键点\n将提高思想认识作为关键。",
        "强化城市基层党建工作\n中共伊春区委组织部\n为把社区建设成为管理有序的共同体,伊春区委积极推行大党委制。",
        "發布者:龍泉市委組織部\n舉措:\n針對部分小區仍存在管理不夠高效等問題。",
        # paragraphs that end in sentence-final punctuation are real paragraphs
        "对照一套体系全领域铺开。针对小区党建基础薄弱、管理不够规范等问题,坚持问题导向。\n"
        "定制两大指引全流程跟进。针对物业公司服务不够精准等问题,出台工作方案。",
        # a long paragraph without final punctuation, then a title: not a page break
        "完善服务体制,打破原有社区党委委员由社区干部担任的体内循环模式,在全市率先实行兼职委员制度\n"
        "“四举措”扎实推进人才工作\n"
        "中共美溪区委组织部",
    ],
)
def test_real_paragraphs_are_not_merged(text: str) -> None:
    assert rejoin_wrapped_lines(text) == text


def test_blank_lines_are_dropped() -> None:
    assert rejoin_wrapped_lines("一、指导思想\n\n\n坚持问题导向。\n") == "一、指导思想\n坚持问题导向。"


def test_latin_words_rejoined_with_a_space() -> None:
    text = "x" * 20 + " 组织工作的要点在于坚持问题导向和目标导向,深入调研,客观分析,具体可见 see\nthe report."
    assert "see the report." in rejoin_wrapped_lines(text)


# --------------------------------------------------------------------------------------------
# normalize: the chain, on the samples
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def normalized() -> dict[str, NormalizedText]:
    return {p.name: normalize(p.read_text(encoding="utf-8")) for p in SAMPLE_PATHS}


def test_normalize_returns_text_and_original_script(normalized: dict[str, NormalizedText]) -> None:
    scripts = {name[:3]: n.script for name, n in normalized.items()}
    assert scripts == {
        "000": "simplified",
        "001": "traditional",
        "002": "simplified",
        "003": "simplified",
        "004": "simplified",
    }


def test_no_gold_junk_survives(normalized: dict[str, NormalizedText]) -> None:
    for name, result in normalized.items():
        gold = json.loads((FIXTURES / "gold" / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
        leaked = [j for j in gold["junk"] if j in result.text]
        assert not leaked, f"{name}: {leaked}"


def test_no_traditional_character_or_pinyin_remains(normalized: dict[str, NormalizedText]) -> None:
    t2s = OpenCC("t2s")
    for name, result in normalized.items():
        trad = [c for c in set(result.text) if "\u4e00" <= c <= "\u9fff" and t2s.convert(c) != c]
        assert not trad, f"{name}: {trad}"
        assert not PINYIN_RESIDUE.search(result.text), name


def test_output_conventions_hold(normalized: dict[str, NormalizedText]) -> None:
    for name, result in normalized.items():
        text = result.text
        assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n"), name
        assert not re.search("[，：；（）！？％．０-９Ａ-Ｚａ-ｚ\u3000\u00a0\r]", text), name
        assert all(line == line.strip() for line in text.split("\n")), name
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text), name


def test_samples_keep_their_structure(normalized: dict[str, NormalizedText]) -> None:
    lines = {name[:3]: n.text.split("\n") for name, n in normalized.items()}
    # 000: 37 numbered items, each a heading line then one paragraph, after a preamble
    assert sum(1 for line in lines["000"] if re.match(r"\d+、", line)) == 37
    assert len(lines["000"]) == 1 + 2 * 37
    # 001: eight records, each with its publisher and its measure field on their own lines
    assert sum(1 for line in lines["001"] if line.startswith("发布者:")) == 8
    assert sum(1 for line in lines["001"] if line == "举措:") == 8
    # 003: title once, page-broken items rejoined (the sentence cut before "级党建示范点")
    assert lines["003"][0] == "惠州市“党建工作创新年”活动工作方案"
    assert lines["003"].count("惠州市“党建工作创新年”活动工作方案") == 1
    assert any("建立100个市级党建示范点" in line for line in lines["003"])
    assert all(re.match(r"\d+、|[一二三四五]、|\(|为|以|通过|围绕|“", line) for line in lines["003"][1:])
    # 004: a yearbook wrapped at a fixed width: nine paragraphs, all of them whole
    assert len(lines["004"]) == 9
    assert all(line.endswith(("。", "组织工作")) for line in lines["004"])
    assert lines["004"][0] == "组织工作"


def test_normalize_is_idempotent_on_samples(normalized: dict[str, NormalizedText]) -> None:
    for result in normalized.values():
        assert normalize(result.text).text == result.text


def test_crlf_input_normalizes_like_lf() -> None:
    text = _sample("002")
    assert normalize(text.replace("\n", "\r\n")).text == normalize(text).text


# --------------------------------------------------------------------------------------------
# Properties on arbitrary text
# --------------------------------------------------------------------------------------------

# text in the genre's own alphabet: markers, pinyin, both scripts, wrapped lines, furniture words
_TOKENS = [
    *"组织工作区委發佈區創乾于後的一二三、。,，:：;()（）“”【】 \n\u3000",
    "(qū)",
    "(de)",
    "1、",
    "(1)",
    "12",
    "%",
    "手机版",
    "举报电话:12380",
    "| ||",
    "\n\n",
    "发布者:",
    "组织工作组织工作组织工作组织工作组织工作",
    # page furniture of round 2: form feeds, page numbers, contents, WeChat and print-run lines
    "\f",
    "\n- 3 -\n",
    "\n目录\n",
    "……12\n",
    "\n在看\n",
    "\n(共印80份)\n",
]
_GENRE = st.lists(st.sampled_from(_TOKENS), max_size=120).map("".join)


def _cjk_count(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _GENRE))
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once.text).text == once.text
    # nothing is invented: never more CJK characters than the input had
    assert _cjk_count(once.text) <= _cjk_count(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("组织工作区委党建创新发展,。、“”")), min_size=1, max_size=200))
def test_plain_prose_keeps_every_cjk_character(text: str) -> None:
    # one line of simplified prose without furniture words: every character survives
    assert _cjk_count(normalize(text).text) == _cjk_count(text)


# --------------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------------


def test_normalize_is_fast_on_simplified_text() -> None:
    text = "\n".join(_sample(p) for p in ("000", "002", "003", "004")) * 5  # ~0.8 MB of UTF-8
    start = time.perf_counter()
    normalize(text)
    seconds = time.perf_counter() - start
    mb = len(text.encode("utf-8")) / 1e6
    assert mb / seconds > 3, f"{mb / seconds:.1f} MB/s"  # generous floor; measured figure in report


# --------------------------------------------------------------------------------------------
# Round 2: furniture of other page types (WeChat articles, web footers, PDF text, contents,
# print-run notes); each rule with negative cases
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # WeChat
        "点击上方蓝字关注我们",
        "点击蓝字 关注我们",
        "↑点击上方“某县组工”关注我们",
        "长按识别二维码",
        "长按二维码关注我们",
        "扫描二维码关注我们",
        "往期推荐",
        "分享 收藏 在看",
        "阅读原文",
        "关注我们",
        "编辑:张三",
        "审核:李四",
        "责编 | 王五",
        "编辑丨张三 审核丨李四",
        "END",
        "- END -",
        "▼",
        "↓",
        "喜欢就点个“在看”吧",
        "投稿邮箱:zzb@example.com",
        # web footers
        "网站地图 | 联系我们 | 设为首页 | 加入收藏",
        "设为首页 加入收藏",
        "主办:某市人民政府办公室 技术支持:某市大数据中心",
        "某市人民政府办公室主办 技术支持:某市大数据中心 网站标识码:3509000001",
        # print-run notes
        "(共印80份)",
        "共印二百份",
        "(此件公开发布)",
        "(此件主动公开)",
        "抄送:县委各部门,县人大常委会办公室,县政协办公室。",
        "抄送:" + "县直各单位," * 40 + "各乡镇。",  # however long
        "某县人民政府办公室 2023年3月15日印发",
        "某县人民政府办公室 二〇二三年三月十五日印发",
        # page numbers
        "— 3 —",
        "- 12 -",
        "——5——",
        "·7·",
        "第 3 页 共 8 页",
        "共8页 第3页",
        "3/8",
        "Page 2 of 9",
    ],
)
def test_round2_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "群众在看,党员在干,基层治理效能持续提升。",  # 在看 in a body sentence
        "重点在看实效",
        "点击率和关注度实现双提升",
        "引导党员群众扫描二维码参与“微心愿”认领。",
        "长期关注困难党员生活",
        "县大数据中心为平台建设提供技术支持,确保系统稳定运行。",
        "技术支持:县大数据中心",  # a lone field: only footer-zone evidence drops it
        "编辑出版《党建工作手册》3000册。",
        "视频/音频资料128件",
        "审核发展党员16批",
        "关注民生",
        "END-TO-END 服务",
        "(此项工作由县委组织部牵头)",
        "2023年3月15日,县委办公室印发了实施方案。",
        "关于印发《某县人才工作要点》的通知",
        "2023年3月15日",  # a signature date stays
        "某县人民政府办公室",
        "3",
        "共3个方面12项任务",
    ],
)
def test_round2_content_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture_line(line)


WECHAT_ARTICLE = """点击上方蓝字关注我们
某县“三个一线”工作法激活基层治理
来源:某县委组织部
今年以来,某县委组织部坚持把党建引领基层治理作为重点,推出“三个一线”工作法。
一、问题在一线发现。全县128名机关干部下沉村(社区),收集群众意见建议560余条。
▼
二、力量在一线集结。组建党员志愿服务队46支,开展服务活动300余次。
群众在看,党员在干,基层治理效能持续提升。
END
来源:某县委组织部
编辑:张三
审核:李四
责编 | 王五
往期推荐
某县召开2023年组织工作会议
某县开展“万名党员进党校”培训
某县举办年轻干部能力提升班
某县推进村级组织换届“回头看”
某县深化“支部联建”工作
长按识别二维码
关注我们
投稿邮箱:zzb@example.com
分享 收藏 在看
喜欢就点个“在看”吧"""


def test_wechat_article_loses_its_furniture_and_keeps_its_header_source() -> None:
    assert normalize(WECHAT_ARTICLE).text.split("\n") == [
        "某县“三个一线”工作法激活基层治理",
        "来源:某县委组织部",  # in the header zone: the issuer stage reads it
        "今年以来,某县委组织部坚持把党建引领基层治理作为重点,推出“三个一线”工作法。",
        "一、问题在一线发现。全县128名机关干部下沉村(社区),收集群众意见建议560余条。",
        "二、力量在一线集结。组建党员志愿服务队46支,开展服务活动300余次。",
        "群众在看,党员在干,基层治理效能持续提升。",
    ]


def test_footer_furniture_beyond_the_footer_budget_still_goes() -> None:
    # lines dropped as furniture anywhere do not use up the footer-only budget
    body = "坚持问题导向,推动工作落实。"
    buttons = ["分享", "收藏", "在看", "阅读原文", "关注我们", "长按识别二维码"] * 3
    footer = ["来源:某县委组织部", "编辑:张三", "通讯员:李四", "(王 梅)"]
    assert drop_furniture("\n".join([body, *footer, *buttons])) == body


def test_web_footer_with_technical_support_goes_body_mention_stays() -> None:
    page = "\n".join(
        [
            "某市人民政府关于加强基层党组织建设的通知",
            "各县(区)人民政府:",
            "市大数据中心为平台建设提供技术支持,确保系统稳定运行。",
            "技术支持:市大数据中心",  # a field of the body (not in the footer): kept
            "一、提高思想认识。各地要充分认识加强基层党组织建设的重要性。",
            "某市人民政府",
            "2023年3月15日",
            "网站地图 | 联系我们 | 设为首页 | 加入收藏",
            "某市人民政府办公室主办 技术支持:宁德市大数据中心",
            "地址:某市某路1号",
        ]
    )
    assert drop_furniture(page).split("\n") == [
        "某市人民政府关于加强基层党组织建设的通知",
        "各县(区)人民政府:",
        "市大数据中心为平台建设提供技术支持,确保系统稳定运行。",
        "技术支持:市大数据中心",
        "一、提高思想认识。各地要充分认识加强基层党组织建设的重要性。",
        "某市人民政府",
        "2023年3月15日",
    ]


def test_lone_technical_support_line_goes_in_the_footer() -> None:
    text = "正文第一段。\n正文第二段。\n中共某县委组织部\n技术支持:某某网络科技有限公司"
    assert drop_furniture(text) == "正文第一段。\n正文第二段。\n中共某县委组织部"


# a PDF extraction: red header, page numbers, form feeds, a running header (the short title)
# on every page after the first, sentences cut at page ends
PDF_TEXT = (
    "某县人民政府文件\n"
    "某县人民政府关于印发《某县2023年人才工作要点》的通知\n"
    "各乡镇人民政府,县直各单位:\n"
    "现将《某县2023年人才工作要点》印发给你们,请认真贯彻落实。\n"
    "一、人才工作基本情况\n"
    "2022年,全县新引进各类人才1200人,其中硕士以上学历人才86人,全县人才工作坚持党管人才原则,不断完善激励机\n"
    "\n— 1 —\n\f某县2023年人才工作要点\n"
    "制,人才发展环境持续优化。\n"
    "二、主要措施\n"
    "(一)加强人才引进。实施“百名硕博进某县”行动,全年计划引进硕士以上学历人才100名,落实安家补贴等政策\n"
    "— 2 —\n\f某县2023年人才工作要点\n"
    "措施,确保引得进、留得住。\n"
    "(二)优化人才服务。建设人才驿站5个,全年服务人才2000人次以上,推动人才\n"
    "— 3 —\n\f某县2023年人才工作要点\n"
    "工作高质量发展。\n"
    "某县人民政府\n"
    "2023年3月15日\n"
    "(此件公开发布)\n"
    "抄送:县委各部门,县人大常委会办公室,县政协办公室。\n"
    "某县人民政府办公室 2023年3月15日印发\n"
    "(共印80份)\n"
    "— 4 —\n"
)


def test_pdf_text_loses_running_headers_page_numbers_and_print_run_notes() -> None:
    assert normalize(PDF_TEXT).text.split("\n") == [
        "某县人民政府文件",
        "某县人民政府关于印发《某县2023年人才工作要点》的通知",
        "各乡镇人民政府,县直各单位:",
        "现将《某县2023年人才工作要点》印发给你们,请认真贯彻落实。",
        "一、人才工作基本情况",
        "2022年,全县新引进各类人才1200人,其中硕士以上学历人才86人,全县人才工作坚持党管人才原则,"
        "不断完善激励机制,人才发展环境持续优化。",
        "二、主要措施",
        "(一)加强人才引进。实施“百名硕博进某县”行动,全年计划引进硕士以上学历人才100名,"
        "落实安家补贴等政策措施,确保引得进、留得住。",
        "(二)优化人才服务。建设人才驿站5个,全年服务人才2000人次以上,推动人才工作高质量发展。",
        "某县人民政府",
        "2023年3月15日",
    ]


def test_running_header_without_form_feeds_goes_next_to_page_numbers() -> None:
    pages = [
        "某县党建工作简报\n一、基层组织建设\n全县新建党群服务中心12个。",
        "某县党建工作简报\n二、干部队伍建设\n选派干部30名。",
        "某县党建工作简报\n三、人才工作\n引进人才100名。",
    ]
    text = "\n".join(f"{page}\n- {n} -" for n, page in enumerate(pages, 1))
    assert drop_furniture(text).split("\n") == [
        "某县党建工作简报",  # the first copy heads the text: the title stays
        "一、基层组织建设",
        "全县新建党群服务中心12个。",
        "\f",  # where the pages broke, for rejoin_wrapped_lines
        "二、干部队伍建设",
        "选派干部30名。",
        "\f",
        "三、人才工作",
        "引进人才100名。",
    ]


def test_running_header_interrupting_sentences_goes_without_page_numbers() -> None:
    cut = "坚持党管人才原则,不断完善人才引进、培养、使用、评价和激励机"
    page_ends = [cut, "人才工作要点", "制。"]  # the header interrupts the sentence
    text = "\n".join(
        ["人才工作要点", "一、总体要求", *page_ends, "二、主要任务", *page_ends, "三、保障措施", *page_ends]
    )
    assert normalize(text).text.split("\n") == [
        "人才工作要点",
        "一、总体要求",
        cut + "制。",
        "二、主要任务",
        cut + "制。",
        "三、保障措施",
        cut + "制。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # section labels of a case list, each after a complete paragraph: not page headers
        "\n".join(
            f"案例{n}:某村推行积分制\n主要做法\n建立积分台账,每月公示。\n工作成效\n参与率提升至{90 + n}%。"
            for n in range(1, 4)
        ),
        # labels after subtitles that hold a comma but no final punctuation
        "\n".join(
            f"以党建引领激活{place}振兴新动能,打造共治新格局\n主要做法\n建立积分台账,每月公示。\n主要成效\n效果明显。"
            for place in ("乡村", "社区", "园区")
        ),
        # the issuing body of each item of a compilation
        "\n".join(
            f"{n}、推行第{n}项做法。\n中共某县委组织部\n具体做法是建立台账,定期通报。" for n in range(1, 5)
        ),
        # fields of records and a line repeated twice only
        "发布者:甲区委组织部\n举措:\n做法一。\n发布者:甲区委组织部\n举措:\n做法二。\n发布者:甲区委组织部\n举措:\n做法三。",
    ],
)
def test_repeated_lines_without_page_evidence_stay(text: str) -> None:
    assert drop_furniture(text) == text


def test_a_header_seen_twice_stays() -> None:
    text = "某县党建工作简报\n一、内容。\n- 1 -\n某县党建工作简报\n二、内容。\n- 2 -"
    assert drop_furniture(text) == "某县党建工作简报\n一、内容。\n\f\n某县党建工作简报\n二、内容。"


TOC = [
    "目 录",
    "一、人才工作基本情况……………………1",
    "二、主要措施……………………………3",
    "(一)加强人才引进 3",
    "(二)优化人才服务……………………5",
]
BODY = [
    "一、人才工作基本情况",
    "全县新引进各类人才1200人。",
    "二、主要措施",
    "(一)加强人才引进",
    "实施引才行动。",
]


def test_table_of_contents_goes() -> None:
    title = "某县人才工作报告"
    assert normalize("\n".join([title, *TOC, *BODY])).text.split("\n") == [title, *BODY]
    # leader dots without a heading: three entries or more
    assert drop_furniture("\n".join([title, *TOC[1:], *BODY])).split("\n") == [title, *BODY]
    # an entry wrapped onto two lines, its page number on the second
    wrapped = ["目录", "一、关于进一步加强和改进新时代", "人才工作的实施意见………1", "二、附件…………9"]
    assert drop_furniture("\n".join([title, *wrapped, *BODY])).split("\n") == [title, *BODY]


def test_lines_like_contents_entries_in_the_body_stay() -> None:
    two_leaders = ["其中:党员……12", "入党积极分子……30", "全年发展党员42名。"]
    assert drop_furniture("\n".join(two_leaders)) == "\n".join(two_leaders)
    # a 目录 heading followed by prose, not by entries (a 目录 of services, say)
    heading_only = ["服务目录", "目录", "全县梳理公共服务事项128项,编制服务清单。", "一、办理流程"]
    assert drop_furniture("\n".join(heading_only)) == "\n".join(heading_only)


def test_print_run_notes_go_signature_stays() -> None:
    text = "\n".join(
        [
            "关于做好2023年党员发展工作的通知",
            "各基层党组织:",
            "请按要求做好党员发展工作。",
            "中共某县委组织部",
            "2023年3月15日",
            "(此件公开发布)",
            "抄送:县委办公室,县委督查室。",
            "中共某县委组织部办公室 2023年3月16日印发",
            "(共印80份)",
        ]
    )
    assert drop_furniture(text).split("\n") == [
        "关于做好2023年党员发展工作的通知",
        "各基层党组织:",
        "请按要求做好党员发展工作。",
        "中共某县委组织部",
        "2023年3月15日",
    ]


def test_form_feeds_never_survive_normalize() -> None:
    text = "第一页内容,坚持问题导向,推动工作落实,确保取得实效,持续深化\f改革。\f\f\n二、下一页"
    out = normalize(text).text
    assert "\f" not in out
    assert out.split("\n") == [
        "第一页内容,坚持问题导向,推动工作落实,确保取得实效,持续深化改革。",
        "二、下一页",
    ]


@pytest.mark.parametrize("width", [28, 33])
def test_wrapped_pdf_pages_are_restored_to_their_paragraphs(width: int) -> None:
    # official documents are set at a fixed number of characters per line; every page
    # after the first repeats the short title, and ends with a page number and a form feed
    title = "某县2023年人才工作要点"
    lines = _hard_wrap(PARAGRAPHS, width).split("\n")
    pages = [lines[k : k + 7] for k in range(0, len(lines), 7)]
    text = "\n".join(
        "\n".join([*([title] if n else []), *page, "", f"— {n + 1} —", "\f"]) for n, page in enumerate(pages)
    )
    assert normalize(f"{title}\n{text}").text.split("\n") == [title, *PARAGRAPHS]


_SECTION_TEXT = (
    "近年来,青山县委组织部坚持把党员队伍建设作为基层党建的基础工程来抓,持续推进党员发展、教育、管理和监督各项工作,"
    "为全县发展提供了坚强组织保证。县里建立党员积分管理制度,按月公示积分情况,把积分结果与评先评优挂钩,引导党员在"
    "乡村振兴、基层治理等中心工作中当先锋、作表率,带动群众共同参与村级事务管理。"
)


def _wrap34(s: str) -> list[str]:
    return [s[i : i + 34] for i in range(0, len(s), 34)]


@pytest.mark.parametrize(
    "heading",
    [
        "01 红色铸魂,把党员队伍建起来",
        "第二条 本办法适用于全县,由县委组织部负责解释",
        "2)实施组织体系优化行动,由县委组织部牵头",
        "★根河市:推行银发先锋,服务社区群众",
    ],
)
def test_a_line_opening_on_any_marker_is_never_joined_to_a_full_width_line(heading: str) -> None:
    # lines are 34 wide, and the line before the marker ends a sentence at the full width: a
    # wrap would go on there, but a marker opens a new paragraph
    first = _SECTION_TEXT[:101] + "。"
    rest = _SECTION_TEXT[101:] + _SECTION_TEXT
    lines = [*_wrap34(first), heading, *_wrap34(rest)]
    assert rejoin_wrapped_lines("\n".join(lines)).split("\n") == [first, heading, rest]


def test_a_number_opening_a_wrapped_line_inside_a_sentence_is_still_joined() -> None:
    # 05年 is no section number (01-09 then a space or the line's end is): the wrap goes on
    para = _SECTION_TEXT[:100] + "05年以来" + _SECTION_TEXT[100:] + _SECTION_TEXT
    assert rejoin_wrapped_lines("\n".join(_wrap34(para))) == para
