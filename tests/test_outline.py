"""Tests of the outline parser on bulletins written for the purpose and on the five samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.models import NodeFields
from casekit.normalize import normalize
from casekit.outline import cn_ordinal, enumeration_points, parse_outline

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


def outline(text: str) -> list[NodeFields]:
    return parse_outline(text)


def shape(nodes: list[NodeFields]) -> list[tuple[str, str, str]]:
    return [(n.path, n.label, n.title) for n in nodes]


def check_spans(text: str, nodes: list[NodeFields]) -> None:
    """Spans lie in the text, follow reading order, and children nest inside their parent."""
    by_path = {n.path: n for n in nodes}
    last_start = -1
    for n in nodes:
        assert 0 <= n.start <= n.end <= len(text)
        assert n.start >= last_start
        last_start = n.start
        parent = by_path.get(n.path.rpartition(".")[0])
        if parent is not None:
            assert parent.start <= n.start and n.end <= parent.end
            assert n.level == parent.level + 1
        else:
            assert n.level == 1


# --- explicit markers --------------------------------------------------------------------------

FULL_HIERARCHY = """关于加强基层组织建设的实施意见
为进一步加强基层组织建设,现提出如下意见。
一、总体要求
坚持问题导向,突出重点。
(一)指导思想
以党的建设为统领。
1、强化政治功能
具体包括:
(1)规范组织生活。每月召开一次支部会议。
(2)严格党员管理。
①建立台账;
②定期走访。
2、提升组织力
加强班子建设。
(二)工作目标
到年底全面完成。
二、保障措施
加强组织领导。"""


def test_each_official_level_nests_below_the_one_before() -> None:
    nodes = outline(FULL_HIERARCHY)
    assert shape(nodes) == [
        ("1", "一、", "总体要求"),
        ("1.1", "(一)", "指导思想"),
        ("1.1.1", "1、", "强化政治功能"),
        ("1.1.1.1", "(1)", "规范组织生活"),
        ("1.1.1.2", "(2)", "严格党员管理"),
        ("1.1.1.2.1", "①", "建立台账"),
        ("1.1.1.2.2", "②", "定期走访"),
        ("1.1.2", "2、", "提升组织力"),
        ("1.2", "(二)", "工作目标"),
        ("2", "二、", "保障措施"),
    ]
    assert [n.kind for n in nodes] == ["numbered"] * 10
    check_spans(FULL_HIERARCHY, nodes)


def test_preamble_is_not_a_node_and_spans_cover_children() -> None:
    text = FULL_HIERARCHY
    nodes = outline(text)
    first = nodes[0]
    assert first.start == text.index("一、总体要求")
    assert first.text == "坚持问题导向,突出重点。"
    assert first.end == text.index("\n二、保障措施")
    assert nodes[-1].end == len(text)
    assert nodes[3].text == "每月召开一次支部会议。"


def test_a_document_may_start_at_arabic_numbers() -> None:
    text = (
        "工作要点\n1. 抓好学习教育。组织集中学习。\n(1)读原著。\n"
        "(2)谈体会。\n2. 抓好队伍建设。\n3. 抓好制度落实。"
    )
    nodes = outline(text)
    assert shape(nodes) == [
        ("1", "1.", "抓好学习教育"),
        ("1.1", "(1)", "读原著"),
        ("1.2", "(2)", "谈体会"),
        ("2", "2.", "抓好队伍建设"),
        ("3", "3.", "抓好制度落实"),
    ]


def test_a_skipped_level_still_nests_and_a_style_seen_before_returns_to_its_level() -> None:
    text = (
        "一、目标任务\n1、目标一。内容。\n2、目标二。内容。\n"
        "二、主要措施\n1、措施一。内容。\n2、措施二。内容。\n3、措施三。内容。\n三、工作要求\n要求。"
    )
    nodes = outline(text)
    assert [(n.path, n.label) for n in nodes] == [
        ("1", "一、"),
        ("1.1", "1、"),
        ("1.2", "2、"),
        ("2", "二、"),
        ("2.1", "1、"),
        ("2.2", "2、"),
        ("2.3", "3、"),
        ("3", "三、"),
    ]
    check_spans(text, nodes)


def test_other_marker_styles_di_yi_and_parts() -> None:
    text = (
        "第一部分 基本情况\n全市共有党组织。\n第二部分 主要做法\n"
        "第一,建强阵地。完善设施。\n第二,配强队伍。选优书记。"
    )
    nodes = outline(text)
    assert shape(nodes) == [
        ("1", "第一部分", "基本情况"),
        ("2", "第二部分", "主要做法"),
        ("2.1", "第一,", "建强阵地"),
        ("2.2", "第二,", "配强队伍"),
    ]


def test_bracket_headings() -> None:
    text = "【概况】 全年工作稳步推进。\n【干部工作】 选拔干部30名。\n【人才工作】 引进人才12名。"
    nodes = outline(text)
    assert shape(nodes) == [("1", "【】", "概况"), ("2", "【】", "干部工作"), ("3", "【】", "人才工作")]
    assert [n.kind for n in nodes] == ["heading"] * 3
    assert nodes[1].text == "选拔干部30名。"


def test_markers_inside_a_paragraph_after_a_heading_sentence() -> None:
    text = (
        "【概况】 全年各项工作取得新进展。\n"
        "干部工作。(1)推进换届。精心组织换届工作。(2)完善机制。制定选拔办法。\n"
        "人才工作。(1)引进人才。全年引进人才50名。(2)培养人才。举办培训班3期。"
    )
    nodes = outline(text)
    assert shape(nodes) == [
        ("1", "【】", "概况"),
        ("1.1", "", "干部工作"),
        ("1.1.1", "(1)", "推进换届"),
        ("1.1.2", "(2)", "完善机制"),
        ("1.2", "", "人才工作"),
        ("1.2.1", "(1)", "引进人才"),
        ("1.2.2", "(2)", "培养人才"),
    ]
    assert nodes[2].text == "精心组织换届工作。"
    check_spans(text, nodes)


@pytest.mark.parametrize(
    "text",
    [
        "全市完成投资3.5万元,比上年增长(1)个百分点。\n会议要求各单位认真落实。",
        "新建1、2号楼,改造3、4号楼。\n项目于2011.10竣工。",
        "2011.\n当年共发展党员300名,比上年增加。",
        "会议于12.31召开,部署明年工作。\n各地要(1)认真学习。",
    ],
)
def test_marker_like_strings_inside_sentences_do_not_split(text: str) -> None:
    nodes = outline(text)
    assert [n.kind for n in nodes] == ["whole"]
    assert nodes[0].text == text.strip()


def test_an_inline_marker_needs_a_successor_and_a_line_marker_a_sequence() -> None:
    text = (
        "一、基本情况\n全市有党员(1)万名。会议指出:(1)要提高认识。\n3、加强领导。内容。\n二、主要做法\n措施。"
    )
    nodes = outline(text)
    assert [(n.path, n.label) for n in nodes] == [("1", "一、"), ("2", "二、")]


# --- cases, records, articles, headline runs ---------------------------------------------------

CASES = """为推广创新做法,现将优秀案例公布如下。
1、上城区:科学分析绩效 促进能力提升
上城区探索建立绩效分析体系。
2、市交通局:建立党建指导员制度
市交通局向出租车企业选派党建指导员。
3、西湖风景名胜区管委会(园文局):推进区域化党建
管委会以社区党委为龙头。"""


def test_case_lists_take_the_name_before_the_colon_as_issuer() -> None:
    nodes = outline(CASES)
    assert [(n.kind, n.issuer_raw, n.issuer_source, n.title) for n in nodes] == [
        ("case", "上城区", "case", "科学分析绩效 促进能力提升"),
        ("case", "市交通局", "case", "建立党建指导员制度"),
        ("case", "西湖风景名胜区管委会(园文局)", "case", "推进区域化党建"),
    ]
    assert nodes[0].text == "上城区探索建立绩效分析体系。"


def test_a_colon_heading_that_is_not_a_body_is_not_a_case() -> None:
    nodes = outline("一、工作目标:全面提升组织力\n内容。\n二、工作要求:压实责任\n内容。")
    assert [n.kind for n in nodes] == ["numbered", "numbered"]
    assert nodes[0].title == "工作目标:全面提升组织力"
    assert nodes[0].issuer_raw is None


RECORDS = """发布单位:甲市委组织部
主要做法:
近年来,甲市积极探索村级治理新模式,取得明显成效。
建强一支队伍,夯实治理基础。选派书记100名。
完善一套机制,提升治理效能。建立议事规则。
报送单位:乙县委组织部
主要做法:乙县创新开展干部考核,激励担当作为。
分类设置指标,突出实绩导向。按岗位设置考核指标。
从严规范程序,确保结果公正。全程接受监督。"""


def test_records_with_other_field_names() -> None:
    nodes = outline(RECORDS)
    assert [(n.path, n.kind, n.issuer_raw) for n in nodes] == [
        ("1", "record", "甲市委组织部"),
        ("1.1", "paragraph", None),
        ("1.2", "paragraph", None),
        ("2", "record", "乙县委组织部"),
        ("2.1", "paragraph", None),
        ("2.2", "paragraph", None),
    ]
    assert nodes[0].title == "近年来,甲市积极探索村级治理新模式,取得明显成效"
    assert nodes[1].title == "建强一支队伍,夯实治理基础"
    assert nodes[3].title == "乙县创新开展干部考核,激励担当作为"
    assert nodes[0].start == 0 and nodes[3].start == RECORDS.index("报送单位")
    check_spans(RECORDS, nodes)


ARTICLES = """甲县坚持以落实责任为目标,扎实开展组织生活。主要做法如下。
一、落实责任,找准关键点
内容一。
二、创新载体,找准突破点
内容二。
强化城市基层党建
打造社区服务圈
中共乙区委组织部
为建设服务型社区,乙区委积极推行大党委制。
完善服务体制,明确一个核心。打破原有模式,实行兼职委员制。
强化服务主体,打造两支队伍。坚持把党员和志愿者作为主体。
严把四个关口
中共丙区委组织部
做好干部推荐工作十分重要。
一、严把条件关,提高精准度。丙区委坚持科学确定条件。
二、严把程序关,确保规范化。丙区委细化推荐程序。"""


def test_compilation_of_articles_with_issuer_lines() -> None:
    nodes = outline(ARTICLES)
    assert [(n.path, n.kind, n.label, n.issuer_raw) for n in nodes] == [
        ("1", "article", "", None),
        ("1.1", "numbered", "一、", None),
        ("1.2", "numbered", "二、", None),
        ("2", "article", "", "中共乙区委组织部"),
        ("2.1", "paragraph", "", None),
        ("2.2", "paragraph", "", None),
        ("3", "article", "", "中共丙区委组织部"),
        ("3.1", "numbered", "一、", None),
        ("3.2", "numbered", "二、", None),
    ]
    assert nodes[0].title == "甲县坚持以落实责任为目标,扎实开展组织生活"
    assert nodes[3].title == "强化城市基层党建 打造社区服务圈"
    assert nodes[3].text == "为建设服务型社区,乙区委积极推行大党委制。"
    assert nodes[4].title == "完善服务体制,明确一个核心"
    assert nodes[7].title == "严把条件关,提高精准度"
    assert nodes[3].start == ARTICLES.index("强化城市基层党建")
    check_spans(ARTICLES, nodes)


def test_one_issuer_line_is_a_byline_not_a_compilation() -> None:
    text = (
        "严把四个关口\n中共丙区委组织部\n做好干部推荐工作十分重要。\n"
        "一、严把条件关。内容。\n二、严把程序关。内容。"
    )
    nodes = outline(text)
    assert [(n.kind, n.label) for n in nodes] == [("numbered", "一、"), ("numbered", "二、")]


def test_a_run_of_headline_paragraphs_gives_one_node_each() -> None:
    text = (
        "近年来,我县坚持问题导向,着力提升基层治理水平,现将主要做法报告如下。\n"
        "对照一套体系全领域铺开。出台指导意见,明确工作标准。\n"
        "定制两大指引全流程跟进。制定服务指引,规范服务流程。\n"
        "开展五星评定全方位提升。每年评定一次,结果公开。"
    )
    nodes = outline(text)
    assert shape(nodes) == [
        ("1", "", "对照一套体系全领域铺开"),
        ("2", "", "定制两大指引全流程跟进"),
        ("3", "", "开展五星评定全方位提升"),
    ]
    assert [n.kind for n in nodes] == ["paragraph"] * 3
    assert nodes[0].text == "出台指导意见,明确工作标准。"


def test_ordinary_narrative_paragraphs_are_not_nodes() -> None:
    text = (
        "近年来,全市组织工作稳步推进。各地结合实际,创新方式方法,取得良好成效。\n"
        "2011年,全市共发展党员1200名。其中青年党员占比较高,结构进一步优化。\n"
        "这一做法得到好评。省委组织部领导给予充分肯定,并在全省推广。"
    )
    assert [n.kind for n in outline(text)] == ["whole"]


def test_a_single_headline_paragraph_is_not_a_node() -> None:
    text = "一、主要做法\n强化政治引领。坚持把政治建设摆在首位,持续深化理论学习。\n全市各级党组织认真落实。"
    nodes = outline(text)
    assert shape(nodes) == [("1", "一、", "主要做法")]


def test_enumerations_inside_a_paragraph_are_points_not_nodes() -> None:
    text = (
        "一、落实责任\n"
        "明确责任主体。一是落实书记责任,层层签订责任书;二是落实委员责任,分工负责;三是落实党员责任。"
    )
    nodes = outline(text)
    assert len(nodes) == 1
    assert nodes[0].points == [
        "一是落实书记责任,层层签订责任书",
        "二是落实委员责任,分工负责",
        "三是落实党员责任。",
    ]


def test_enumeration_points_first_second() -> None:
    s = "工作分两步:首先摸清底数,建立台账;其次分类施策,逐一销号。下一步继续推进。"
    assert enumeration_points(s) == ["首先摸清底数,建立台账", "其次分类施策,逐一销号。"]
    assert enumeration_points("一是加强领导。") == []


# --- script, wrapping, robustness --------------------------------------------------------------


def test_traditional_script_through_the_normalizer() -> None:
    raw = (
        "一、總體要求\n堅持問題導向。\n(一)指導思想\n以黨的建設為統領。\n"
        "(二)工作目標\n到年底全面完成。\n二、保障措施\n加強組織領導。"
    )
    nodes = outline(normalize(raw).text)
    assert shape(nodes) == [
        ("1", "一、", "总体要求"),
        ("1.1", "(一)", "指导思想"),
        ("1.2", "(二)", "工作目标"),
        ("2", "二、", "保障措施"),
    ]


def _wrap(text: str, width: int) -> str:
    """Hard-wrap each paragraph at ``width`` characters, as a fixed-width source does."""
    out: list[str] = []
    for para in text.split("\n"):
        out += [para[i : i + width] for i in range(0, len(para), width)]
    return "\n".join(out)


WRAPPED_SOURCE = (
    "【概况】 2011年,全市组织系统紧紧围绕科学发展主题,突出换届中心,着眼解决问题,"
    "求真务实干事,各项工作取得了新的进展。\n"
    "干部队伍建设。(1)稳步推进集中换届工作。始终围绕科学发展主题,突出扩大民主、推进改革、"
    "严肃纪律三个重点,精心组织换届。"
    "(2)不断完善干部选拔任用机制。制定差额竞争选拔干部试行办法,加大竞争性选拔干部力度,"
    "年内市直竞争选拔干部294名。"
    "(3)加强干部教育培训管理。提高干部教育培训的针对性,改进培训方式,"
    "重点抓好精品示范班、名师送教、周末大讲堂等工作。\n"
    "基层组织建设。(1)深化创先争优活动。结合庆祝建党90周年,隆重举行系列纪念活动,"
    "走访慰问优秀共产党员,深入推进活动开展。"
    "(2)村两委换届工作扎实推进。加强调研摸底,举办乡镇党委书记专题培训班,"
    "抓实工作基础,制定政策规定,明确工作流程。\n"
    "【创新奖】 2011年3月,市委制定出台组织部长接受干部约谈暂行办法,"
    "明确约谈对象、约谈内容、约谈程序及约谈问题的处理方式等。"
)
WRAPPED_EXPECTED = [
    ("1", "【】", "概况"),
    ("1.1", "", "干部队伍建设"),
    ("1.1.1", "(1)", "稳步推进集中换届工作"),
    ("1.1.2", "(2)", "不断完善干部选拔任用机制"),
    ("1.1.3", "(3)", "加强干部教育培训管理"),
    ("1.2", "", "基层组织建设"),
    ("1.2.1", "(1)", "深化创先争优活动"),
    ("1.2.2", "(2)", "村两委换届工作扎实推进"),
    ("2", "【】", "创新奖"),
]


@pytest.mark.parametrize("width", [29, 33, 37, 41])
def test_hard_wrapped_lines_are_read_as_paragraphs(width: int) -> None:
    text = _wrap(WRAPPED_SOURCE, width)
    assert shape(outline(text)) == WRAPPED_EXPECTED
    assert shape(outline(normalize(text).text)) == WRAPPED_EXPECTED


def test_empty_and_unstructured_text_give_one_whole_node() -> None:
    assert [(n.kind, n.start, n.end) for n in outline("")] == [("whole", 0, 0)]
    text = "本次会议总结了全年工作。会议要求各地认真落实。"
    [node] = outline(text)
    assert (node.kind, node.path, node.level, node.start, node.end) == ("whole", "1", 1, 0, len(text))


def test_chinese_ordinals() -> None:
    assert [cn_ordinal(s) for s in ["一", "十", "十二", "二十", "二十三", "①", "⑩", "十十"]] == [
        1,
        10,
        12,
        20,
        23,
        1,
        10,
        None,
    ]


_ALPHABET = st.sampled_from(
    list(
        "一二三四五六七八九十()、.,:;。①②【】\n"
        " 0123456789第部分是首先其次发布者举措委组织部县区市工作措施强化党建"
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=300).map("".join))
def test_parse_outline_never_raises_and_spans_nest(text: str) -> None:
    nodes = outline(text)
    assert nodes
    check_spans(text, nodes)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_parse_outline_never_raises_on_any_text(text: str) -> None:
    check_spans(text, outline(text))


# --- the five samples (expected values checked by hand against the files) ----------------------


def sample(prefix: str) -> tuple[str, list[NodeFields]]:
    path = next(SAMPLES.glob(prefix + "_*.txt"))
    text = normalize(path.read_text(encoding="utf-8")).text
    return text, outline(text)


def test_sample_000_case_list() -> None:
    text, nodes = sample("000")
    assert len(nodes) == 37
    assert all(n.kind == "case" and n.level == 1 for n in nodes)
    assert [n.label for n in nodes[:3]] == ["1、", "2、", "3、"] and nodes[-1].label == "37、"
    assert nodes[0].issuer_raw == "上城区" and "科学分析绩效" in nodes[0].title
    assert nodes[10].issuer_raw == "高新区(滨江)"
    assert nodes[36].issuer_raw == "杭州经济技术开发区管委会"
    check_spans(text, nodes)


def test_sample_001_records() -> None:
    text, nodes = sample("001")
    records = [n for n in nodes if n.kind == "record"]
    assert len(records) == 8 and len(nodes) == 33
    assert [n.issuer_raw for n in records][:2] == ["龙泉市委组织部", "衢州市衢江区委组织部"]
    assert records[-1].issuer_raw == "宁波市北仑区大碶街道党工委"
    assert records[0].title.startswith("针对部分小区仍存在管理不够高效")
    assert [n.title for n in nodes if n.path.startswith("2.")] == [
        "分类设置赛道,鼓励人人争先",
        "清单量化指标,树牢实绩导向",
        "从严规范实施,划定政策“红线”",
    ]
    check_spans(text, nodes)


def test_sample_002_articles() -> None:
    text, nodes = sample("002")
    assert len(nodes) == 19
    articles = [n for n in nodes if n.kind == "article"]
    assert [n.path for n in articles] == ["1", "2", "3", "4"]
    assert articles[0].issuer_raw is None and "嘉荫县坚持" in articles[0].title
    assert [n.issuer_raw for n in articles[1:]] == [
        "中共伊春区委组织部",
        "中共翠峦区委组织部",
        "中共美溪区委组织部",
    ]
    assert [n.label for n in nodes if n.path.startswith("3.")] == ["一、", "二、", "三、", "四、"]
    assert next(n.title for n in nodes if n.path.startswith("4.")) == "在“引”上下功夫,把好人才引进关"
    assert nodes[1].points and nodes[1].points[0].startswith("一是")
    check_spans(text, nodes)


def test_sample_003_work_plan() -> None:
    text, nodes = sample("003")
    assert len(nodes) == 26
    assert [n.label for n in nodes if n.level == 1] == ["一、", "二、", "三、", "四、", "五、"]
    assert [n.path for n in nodes if n.label == "(一)"] == ["4.1", "5.1"]
    assert sum(1 for n in nodes if n.path.startswith("3.")) == 10
    assert nodes[0].title == "指导思想"
    check_spans(text, nodes)


def test_sample_004_yearbook() -> None:
    text, nodes = sample("004")
    assert len(nodes) == 19
    assert [n.title for n in nodes if n.level == 1] == [
        "概况",
        "“组织部长接受干部约谈制度”获创新奖",
        "市县乡领导班子换届工作",
        "村“两委”换届工作",
        "推进初始创业人才培养工程",
    ]
    assert [n.title for n in nodes if n.level == 2] == [
        "领导班子和干部队伍建设",
        "基层组织建设",
        "人才队伍工作",
    ]
    assert [n.label for n in nodes if n.path.startswith("1.1.")] == ["(1)", "(2)", "(3)", "(4)"]
    check_spans(text, nodes)


# --- more negatives and layouts --------------------------------------------------------------


def test_joint_signatories_are_not_a_compilation() -> None:
    text = (
        "关于做好党员冬训工作的通知\n各乡镇党委:\n一、冬训内容。学习党章党规。\n二、冬训时间。十二月至次年二月。\n"
        "中共青山县委组织部\n青山县人力资源和社会保障局\n2016年11月1日"
    )
    nodes = outline(text)
    assert [(n.kind, n.label, n.title) for n in nodes] == [
        ("numbered", "一、", "冬训内容"),
        ("numbered", "二、", "冬训时间"),
    ]


def test_a_verb_phrase_before_a_colon_is_not_a_case() -> None:
    nodes = outline("一、工作安排\n(一)召开动员会:部署任务。内容。\n(二)成立工作组:明确分工。内容。")
    assert [n.kind for n in nodes] == ["numbered"] * 3
    assert nodes[1].title == "召开动员会:部署任务" and nodes[1].issuer_raw is None


def test_paragraphs_opening_on_reported_speech_are_not_a_run() -> None:
    text = "会议指出:今年以来各项工作进展顺利,成效明显。\n会议强调:各级要进一步提高认识,抓好落实。"
    assert [n.kind for n in outline(text)] == ["whole"]


def test_inline_items_after_a_colon_take_their_own_clause_as_title() -> None:
    text = "一、主要任务\n重点抓好三项工作:1、加强学习;2、改进作风;3、狠抓落实。\n二、保障措施\n加强领导。"
    nodes = outline(text)
    assert shape(nodes) == [
        ("1", "一、", "主要任务"),
        ("1.1", "1、", "加强学习"),
        ("1.2", "2、", "改进作风"),
        ("1.3", "3、", "狠抓落实"),
        ("2", "二、", "保障措施"),
    ]
    assert nodes[0].text == "重点抓好三项工作:"
    check_spans(text, nodes)


def test_a_case_name_may_be_set_off_by_a_dash() -> None:
    nodes = outline(
        "1、东城区——党建引领社区治理\n东城区推行大党委制。\n2、西城区——红色物业\n西城区开展星级评定。"
    )
    assert [(n.kind, n.issuer_raw, n.title) for n in nodes] == [
        ("case", "东城区", "党建引领社区治理"),
        ("case", "西城区", "红色物业"),
    ]


def test_statements_of_fact_with_figures_are_not_headlines() -> None:
    text = (
        "全县共有党员5000名。其中农村党员占比较高,结构不断优化。\n"
        "全年发展党员120名。青年党员比例进一步提高,质量稳步提升。"
    )
    assert [n.kind for n in outline(text)] == ["whole"]


def test_a_list_restarting_at_one_stays_at_its_level() -> None:
    text = "一、主要做法\n1、做法一。内容。\n2、做法二。内容。\n1、做法三。内容。\n二、下步打算\n内容。"
    assert [(n.path, n.label) for n in outline(text)] == [
        ("1", "一、"),
        ("1.1", "1、"),
        ("1.2", "2、"),
        ("1.3", "1、"),
        ("2", "二、"),
    ]


# --- round 2: case headings, record title fields, closing remarks -----------------------------

CASE_HEADINGS = """青石州“党支部+基地”经验选编
为推广经验,现将部分典型案例摘编如下。
案例一:白水县柳林镇——“党支部+基地”做大菌菇产业
柳林镇党委组织8个村党支部领办基地。
典型案例2 红岩县:“巾帼工坊”带动妇女就业
红岩县建成巾帼工坊12个。
经验3、“夜校课堂”提升农民技能
各村开办夜校,每月授课两次。"""


def test_case_headings_of_every_form_split_a_case_list() -> None:
    nodes = outline(CASE_HEADINGS)
    assert [(n.kind, n.label, n.issuer_raw, n.title) for n in nodes] == [
        ("case", "案例一:", "白水县柳林镇", "“党支部+基地”做大菌菇产业"),
        ("case", "典型案例2", "红岩县", "“巾帼工坊”带动妇女就业"),
        ("case", "经验3、", None, "“夜校课堂”提升农民技能"),
    ]
    assert nodes[0].text == "柳林镇党委组织8个村党支部领办基地。"
    check_spans(CASE_HEADINGS, nodes)


def test_the_word_case_in_running_text_is_not_a_heading() -> None:
    text = (
        "经验一是要坚持党的领导,二是要依靠群众。\n"
        "案例分析表明,基层治理需要久久为功。\n"
        "本期介绍了三个经验,可参见案例1:青山县的做法。"
    )
    assert [n.kind for n in outline(text)] == ["whole"]


RECORD_FIELDS = """乡村治理创新成果选编
推荐单位:青禾县委组织部
项目名称:“田间议事会”让村民说了算
具体做法:青禾县在各村推行田间议事会,每月召开一次。
实施效果:全县村民参与议事8000余人次。
推荐单位:白沙市委组织部
创新举措名称:“双报到”激活社区力量
具体做法:白沙市组织在职党员到社区报到。
实施效果:报到党员3万名。"""


def test_a_record_takes_its_title_from_a_name_field_after_the_publisher() -> None:
    nodes = outline(RECORD_FIELDS)
    assert [(n.kind, n.issuer_raw, n.title) for n in nodes] == [
        ("record", "青禾县委组织部", "“田间议事会”让村民说了算"),
        ("record", "白沙市委组织部", "“双报到”激活社区力量"),
    ]
    assert nodes[0].text.startswith("青禾县在各村推行田间议事会")
    assert nodes[1].start == RECORD_FIELDS.index("推荐单位:白沙")
    check_spans(RECORD_FIELDS, nodes)


def test_a_record_without_a_name_field_takes_its_first_sentence() -> None:
    text = (
        "推荐单位:青禾县委组织部\n单位名称:青禾县委组织部组织科\n"
        "具体做法:青禾县推行田间议事会,每月召开一次。会议由支部书记主持。\n"
        "推荐单位:白沙市委组织部\n具体做法:白沙市组织党员到社区报到。每人认领一个岗位。"
    )
    nodes = outline(text)
    assert [(n.kind, n.title) for n in nodes] == [
        ("record", "青禾县推行田间议事会,每月召开一次"),
        ("record", "白沙市组织党员到社区报到"),
    ]


NOTICE = """关于表彰2021年度优秀共产党员的决定
一、优秀共产党员(20名)
赵一(红岩村党支部书记)、钱二(柳林社区居委会主任)……
二、优秀党务工作者(10名)
孙三(白水镇党委组织委员)……
对受表彰的优秀共产党员,由镇党委颁发荣誉证书。奖金从党费中列支。
希望受表彰的同志珍惜荣誉,再接再厉。要发挥示范带动作用,争做表率。
各村党组织要以先进为榜样。推动各项工作再上新台阶。
要把学习先进同做好当前工作结合起来。确保取得实效。"""


def test_closing_exhortations_of_a_notice_are_not_headline_paragraphs() -> None:
    nodes = outline(NOTICE)
    assert shape(nodes) == [
        ("1", "一、", "优秀共产党员(20名)"),
        ("2", "二、", "优秀党务工作者(10名)"),
    ]
    assert nodes[1].text.endswith("确保取得实效。")


def test_headlines_opening_on_a_verb_of_comparison_still_form_a_run() -> None:
    text = (
        "今年以来,白水镇着力改进干部作风,主要做法如下。\n"
        "对标先进找差距。组织干部赴先进地区学习,查找差距不足。\n"
        "对接需求优服务。建立群众需求清单,逐项推动落实。\n"
        "要素保障强支撑。统筹资金和人员,保障重点项目。"
    )
    assert shape(outline(text)) == [
        ("1", "", "对标先进找差距"),
        ("2", "", "对接需求优服务"),
        ("3", "", "要素保障强支撑"),
    ]


# --- round 3: WeChat numbers, title and date lines, bracketed fields, symbol items -------------

WECHAT_REPORT = """关于推进村级党组织规范化建设的工作报告
01
夯实组织基础
今年以来,全县对软弱涣散村党组织逐一排查,制定整改方案。
02 锻造过硬队伍
实施村干部学历提升计划,选派优秀干部驻村。
03
强化保障激励
落实村干部报酬动态增长机制。
中共青岭县委组织部
2023年3月15日"""


def test_wechat_section_numbers_open_nodes_whose_heading_may_be_the_next_line() -> None:
    nodes = outline(WECHAT_REPORT)
    assert shape(nodes) == [
        ("1", "01", "夯实组织基础"),
        ("2", "02", "锻造过硬队伍"),
        ("3", "03", "强化保障激励"),
    ]
    assert nodes[0].text.startswith("今年以来")
    check_spans(WECHAT_REPORT, nodes)


def test_part_numbers_are_section_markers_too() -> None:
    text = "PART 1 夯实基础\n全县排查村党组织。\nPART 2\n锻造队伍\n选派干部驻村。"
    assert shape(outline(text)) == [("1", "PART 1", "夯实基础"), ("2", "PART 2", "锻造队伍")]


@pytest.mark.parametrize(
    "text",
    [
        "热线电话:\n0517-88223456\n群众可随时拨打。",  # a phone number on its own line
        "05\n全县排查村党组织。",  # a lone number out of sequence
        "全县共有01号、02号两个试点。\n试点运行良好。",  # numbers inside a sentence
    ],
)
def test_numbers_that_are_not_section_markers(text: str) -> None:
    assert [n.kind for n in outline(text)] == ["whole"]


def test_a_document_title_and_its_sign_off_date_are_never_nodes() -> None:
    """A title line, an organ line under it, numbered items, a signature and a date: one
    document (the organ lines frame it), not a compilation of two articles."""
    text = (
        "关于2021年度全镇党建工作考核情况的通报\n中共丰源镇委员会\n各村党支部:\n现将考核情况通报如下。\n"
        "一、考核结果\n8个村党支部获评优秀。\n二、存在问题\n个别支部组织生活不规范。\n"
        "中共丰源镇委员会\n2022年1月20日"
    )
    nodes = outline(text)
    assert shape(nodes) == [("1", "一、", "考核结果"), ("2", "二、", "存在问题")]
    assert all(n.title != "2022年1月20日" for n in nodes)


def test_a_real_compilation_still_splits_into_articles_after_the_signature_rule() -> None:
    text = (
        "党建经验选编\n“红色物业”破解小区治理难题\n中共东城区委组织部\n东城区推动物业企业成立党支部。\n"
        "“积分超市”激活乡村治理\n中共西林县委组织部\n西林县在各村设立积分超市。\n2023年5月"
    )
    nodes = outline(text)
    assert [(n.kind, n.issuer_raw) for n in nodes] == [
        ("article", "中共东城区委组织部"),
        ("article", "中共西林县委组织部"),
    ]


BRACKET_RECORDS = """【申报单位】青川县税务局党委
【品牌名称】“税务红”先锋
【主要做法】组建党员先锋队,深入企业开展政策宣讲。
【工作成效】帮助企业减税降费3000万元。
【申报单位】青川县人民医院党委
【品牌名称】“白衣红心”服务队
【主要做法】
组织党员医生下乡义诊,建立健康档案。
【工作成效】服务群众1.2万人次。"""


def test_bracketed_field_labels_repeating_per_record_are_records_not_headings() -> None:
    nodes = outline(BRACKET_RECORDS)
    assert [(n.kind, n.title, n.issuer_raw) for n in nodes] == [
        ("record", "“税务红”先锋", "青川县税务局党委"),
        ("record", "“白衣红心”服务队", "青川县人民医院党委"),
    ]
    assert nodes[0].text.startswith("组建党员先锋队")
    assert "【主要做法】" not in nodes[1].text and "组织党员医生" in nodes[1].text
    check_spans(BRACKET_RECORDS, nodes)


def test_bracketed_records_without_a_publisher_split_on_their_name_field() -> None:
    text = (
        "【案例名称】“村民说事”让矛盾不出村\n【主要做法】每月固定说事日,村干部现场答复。\n"
        "【案例名称】“红色代办”跑出加速度\n【主要做法】党员代办员上门服务。"
    )
    nodes = outline(text)
    assert [(n.kind, n.title) for n in nodes] == [
        ("record", "“村民说事”让矛盾不出村"),
        ("record", "“红色代办”跑出加速度"),
    ]


def test_distinct_bracket_headings_of_a_yearbook_stay_headings() -> None:
    text = (
        "【概况】 2021年,全县组织工作稳步推进。\n【干部工作】 选拔干部30名。\n【人才工作】 引进人才12名。\n"
        "【党员教育】 培训党员3000人次。"
    )
    assert [n.kind for n in outline(text)] == ["heading"] * 4


BRIEFING = """本期导读
★ 瑞溪镇:“院坝会”架起干群连心桥
瑞溪镇每月召开院坝会,收集群众意见120条。
◆ 石门乡:党员积分管理激发活力
石门乡推行积分制管理,党员参与率明显提升。
▲ 东岭街道——红色物业解民忧
街道引导物业企业成立党支部。"""


def test_symbol_items_of_a_briefing_are_cases_with_the_township_as_issuer() -> None:
    nodes = outline(BRIEFING)
    assert [(n.label, n.kind, n.issuer_raw, n.title) for n in nodes] == [
        ("★", "case", "瑞溪镇", "“院坝会”架起干群连心桥"),
        ("◆", "case", "石门乡", "党员积分管理激发活力"),
        ("▲", "case", "东岭街道", "红色物业解民忧"),
    ]
    assert nodes[1].text == "石门乡推行积分制管理,党员参与率明显提升。"


def test_one_starred_line_or_a_star_inside_a_sentence_is_not_an_item() -> None:
    assert [n.kind for n in outline("★ 重要提示\n请各单位按时报送材料。")] == ["whole"]
    assert [n.kind for n in outline("该村获评★级文明村。\n群众满意度高。")] == ["whole"]


TASK_TABLE = """岚山县2023年基层党建重点任务清单
序号
工作任务
完成时限
责任单位
1
开展村党组织书记全员轮训
全年
县委组织部
2
推进村级集体经济强村工程
12月底
县农业农村局、县财政局
3
完善党员积分管理制度
6月底
各乡镇党委"""


def test_rows_of_a_flattened_task_table_are_nodes_with_their_unit_cell_as_issuer() -> None:
    nodes = outline(TASK_TABLE)
    assert [(n.label, n.title, n.issuer_raw) for n in nodes] == [
        ("1", "开展村党组织书记全员轮训", "县委组织部"),
        ("2", "推进村级集体经济强村工程", "县农业农村局"),
        ("3", "完善党员积分管理制度", "各乡镇党委"),
    ]
    assert nodes[1].text == "12月底\n县农业农村局、县财政局"
    check_spans(TASK_TABLE, nodes)


@pytest.mark.parametrize(
    "text",
    [
        # a statistics table: its cells are figures
        "类别\n人数\n占比\n1\n农民\n11560\n35.7\n2\n工人\n8020\n24.8",
        # a lone number, and numbers out of sequence
        "1\n开展村党组织书记全员轮训。\n全县共培训120人。",
        "3\n开展轮训\n7\n推进强村工程",
    ],
)
def test_bare_numbers_that_do_not_open_task_rows(text: str) -> None:
    assert [n.kind for n in outline(text)] == ["whole"]


def test_a_bracketed_publisher_label_may_stand_above_its_value() -> None:
    text = BRACKET_RECORDS.replace("【申报单位】", "【申报单位】\n")
    nodes = outline(text)
    assert [(n.title, n.issuer_raw) for n in nodes] == [
        ("“税务红”先锋", "青川县税务局党委"),
        ("“白衣红心”服务队", "青川县人民医院党委"),
    ]
    check_spans(text, nodes)


# --- round 4: regulations, 1) markers, one-line table rows, place items, Q&A ---------------

REGULATION = """青禾县村级后备干部管理办法
第一章 总则
第一条 为加强村级后备干部队伍建设,根据有关规定,结合本县实际,制定本办法。
第二条 本办法适用于全县各行政村。
第二章 选拔培养
第三条 后备干部由乡镇党委按照本办法第十条规定的程序选拔。
第四条 县委组织部负责统筹指导培养工作。
"""


def test_regulation_chapters_hold_their_articles_numbered_on_through_the_chapters() -> None:
    nodes = outline(REGULATION)
    assert shape(nodes) == [
        ("1", "第一章", "总则"),
        ("1.1", "第一条", "为加强村级后备干部队伍建设,根据有关规定,结合本县实际,制定本办法"),
        ("1.2", "第二条", "本办法适用于全县各行政村"),
        ("2", "第二章", "选拔培养"),
        ("2.1", "第三条", "后备干部由乡镇党委按照本办法第十条规定的程序选拔"),
        ("2.2", "第四条", "县委组织部负责统筹指导培养工作"),
    ]
    check_spans(REGULATION, nodes)


def test_articles_without_chapters_and_an_article_cited_in_a_sentence() -> None:
    text = (
        "河湾街道网格员考核细则\n第一条 考核每季度进行一次。\n"
        "第二条 考核结果分为优秀、合格、不合格三个等次,依照本细则第五条认定。\n"
        "第三条 连续两次不合格的予以调整。\n"
    )
    assert [(n.path, n.label) for n in outline(text)] == [("1", "第一条"), ("2", "第二条"), ("3", "第三条")]
    # negative: a sentence citing 第五条 opens no article, nor does a lone out-of-sequence 第五条
    text = "各村按照办法第五条执行。\n第五条 所列情形从严把握。\n"
    assert all(n.label != "第五条" for n in outline(text))


def test_half_bracket_markers_are_items_with_their_lead_units() -> None:
    text = (
        "一、健全组织体系\n(一)优化组织设置\n"
        "①推动支部建在产业链上。\n"
        "②推进党组织应建尽建。\n"
        "1)实施组织体系优化行动。(牵头单位:县委组织部)\n"
        "2)开展软弱涣散党组织整顿。(牵头单位:县委组织部,各乡镇党委)\n"
    )
    nodes = outline(text)
    by_label = {n.label: n for n in nodes}
    assert by_label["1)"].title == "实施组织体系优化行动"
    assert by_label["2)"].title == "开展软弱涣散党组织整顿"
    assert "优化行动" not in by_label["②"].text  # no longer folded into the ② before it
    assert by_label["1)"].level == by_label["②"].level + 1  # a style first seen inside an item nests
    check_spans(text, nodes)


def test_a_lone_half_bracket_number_inside_a_sentence_is_no_item() -> None:
    text = "一、加强培训\n全年培训党员,覆盖面达到:1)以上均为初步数据。\n二、强化管理\n"
    assert [n.label for n in outline(text)] == ["一、", "二、"]


def test_one_line_table_rows_under_a_header_are_cases_of_their_unit() -> None:
    text = (
        "2024年度基层党建“书记项目”名单\n"
        "序号 申报单位 项目名称 完成时限\n"
        "1 竹溪镇党委 “三单联动”解民忧工作法 2024年12月\n"
        "2 县卫健局党组 “健康红管家” 进村服务 2024年10月\n"
        "3 城南街道党工委 小区议事厅建设 2024年11月\n"
    )
    nodes = outline(text)
    assert [(n.kind, n.title, n.issuer_raw) for n in nodes] == [
        ("case", "“三单联动”解民忧工作法", "竹溪镇党委"),
        ("case", "“健康红管家” 进村服务", "县卫健局党组"),
        ("case", "小区议事厅建设", "城南街道党工委"),
    ]
    check_spans(text, nodes)


def test_a_statistics_table_header_names_no_project_and_opens_no_rows() -> None:
    text = "序号 单位 党员人数 占比\n1 竹溪镇党委 120 30%\n2 县卫健局党组 80 20%\n"
    assert all(n.kind != "case" for n in outline(text))


PLACE_BRIEFING = """兴安岭地区党建工作简报
【牙林市】推行“党员联户”制度,全市建立联户小组200个。
鄂温自治旗:推行“马背党课”,把党课送到牧民家中。
根源市:“银发先锋”志愿服务队参与社区治理。
【扎兰县】开展“红色驿站”建设,服务过往群众。
"""


def test_bracketed_places_and_place_colon_lines_are_items_of_one_level() -> None:
    nodes = outline(PLACE_BRIEFING)
    assert [(n.path, n.title, n.issuer_raw) for n in nodes] == [
        ("1", "牙林市", "牙林市"),
        ("2", "推行“马背党课”,把党课送到牧民家中", "鄂温自治旗"),
        ("3", "“银发先锋”志愿服务队参与社区治理", "根源市"),
        ("4", "扎兰县", "扎兰县"),
    ]
    check_spans(PLACE_BRIEFING, nodes)


def test_a_lone_place_colon_line_and_a_topic_bracket_are_no_place_items() -> None:
    text = "【主要做法】\n东林镇:推行网格化管理,做法如下。\n强化队伍建设。抽调骨干组成专班推进工作。\n"
    nodes = outline(text)
    assert nodes[0].title == "主要做法" and nodes[0].issuer_raw is None
    assert all(n.issuer_raw != "东林镇" for n in nodes)


def test_speaker_labels_of_a_press_interview_are_not_cases() -> None:
    text = (
        "答记者问\n"
        "兴城日报记者:新出台的人才政策有哪些新举措?\n"
        "市委组织部副部长王强:主要有三个方面的新举措,一是加大引才力度。\n"
        "兴城电视台记者:政策如何落地见效?\n"
        "市委组织部副部长王强:我们将建立工作专班推进,确保各项措施落地见效。\n"
    )
    assert [n.kind for n in outline(text)] == ["whole"]
    # negative: a list of places and their measures is still a list of cases
    assert [n.kind for n in outline(PLACE_BRIEFING)].count("case") == 2
