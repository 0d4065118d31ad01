"""Tests of bulletin title, issuer, place and year, and of each node's issuer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casekit.issuers import (
    assign_issuers,
    bulletin_issuer,
    bulletin_place,
    bulletin_title,
    bulletin_year,
    clean_issuer,
    lead_and_responsible,
    subject_body,
)
from casekit.normalize import normalize
from casekit.outline import parse_outline

FIXTURES = Path(__file__).parent / "fixtures"


# --- title ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "清河市“党建工作创新年”活动工作方案\n为深入贯彻落实会议精神,制定本方案。",
            "清河市“党建工作创新年”活动工作方案",
        ),
        ("组织工作\n【概况】 2015年,全市组织工作稳步推进。", "组织工作"),
        ("为总结推广创新做法,市委组织部组织开展评选活动。\n1、东城区:做法一\n内容。", None),
        ("发布者:青山县委组织部\n举措:\n青山县探索新模式。", None),
        ("一、指导思想\n坚持党的领导。", None),
        ("", None),
    ],
)
def test_bulletin_title(text: str, title: str | None) -> None:
    assert bulletin_title(text) == title


# --- bulletin issuer -----------------------------------------------------------------------------


def test_an_organ_acting_in_the_opening_is_completed_with_the_place() -> None:
    text = (
        "为总结推广全市组织工作创新做法,市委组织部组织开展了“2015年清河市组织工作创新实例评选”活动。\n"
        "1、东城区:科学分析绩效\n东城区探索建立绩效分析体系。\n2、西城区:党代表工作室\n西城区建立工作室。"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == ("清河市委组织部", "市委组织部")


def test_a_decision_of_the_party_committee_takes_the_place_of_the_title() -> None:
    title = "清河市“党建工作创新年”活动工作方案"
    text = (
        f"{title}\n为深入贯彻落实全会精神,市委决定,2011年在全市开展“党建工作创新年”活动。\n"
        f"一、指导思想\n内容。"
    )
    assert bulletin_issuer(text, title) == ("清河市委", "市委")


def test_an_organ_named_in_a_title_about_its_own_document() -> None:
    title = "中共青山县委组织部关于开展党员冬训工作的通知"
    text = f"{title}\n各乡镇党委:\n现将有关事项通知如下。"
    assert bulletin_issuer(text, title) == ("青山县委组织部", "中共青山县委组织部")


def test_a_yearbook_chapter_on_organization_work_is_the_city_organization_department() -> None:
    text = (
        "组织工作\n【概况】 2015年,全市组织系统紧紧围绕中心工作,各项工作取得新进展。\n"
        "【干部工作】 市委成立换届工作领导小组。青山市各县区全部完成换届,青山市满意度100%。\n"
        "【人才工作】 市委组织部领导分赴县区调研,东林县引进人才20名。"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == ("青山市委组织部", "市委组织部")


def test_a_compilation_from_several_issuers_has_none() -> None:
    text = (
        "发布者:青山县委组织部\n举措:\n青山县探索新模式。\n"
        "发布者:清河市东城区委组织部\n举措:\n东城区创新工作方法。"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == (None, None)
    articles = "标题一\n中共东城区委组织部\n正文一。\n标题二\n中共西城区委组织部\n正文二。"
    assert bulletin_issuer(articles, None) == (None, None)


def test_a_single_publisher_is_the_issuer() -> None:
    text = (
        "发布者:中共青山县委组织部\n举措:\n青山县探索新模式。\n做法一,成效一。内容。\n做法二,成效二。内容。"
    )
    assert bulletin_issuer(text, None) == ("青山县委组织部", "中共青山县委组织部")


@pytest.mark.parametrize(
    "text",
    [
        "本报讯(记者 张明)日前,清河日报社举办读者座谈会,会上大家踊跃发言。\n会议持续两个小时。",
        "清河新闻网讯 近日,东城区多个社区开展志愿服务活动。\n居民纷纷点赞。",
        "今年以来,各地积极探索基层治理新路子。\n取得了一定成效。",
    ],
)
def test_no_issuer_without_support(text: str) -> None:
    assert bulletin_issuer(text, bulletin_title(text)) == (None, None)


def test_bulletin_place() -> None:
    assert bulletin_place("正文。", "清河市“党建工作创新年”活动工作方案") == "清河市"
    assert bulletin_place("2015年清河市组织工作创新实例评选在清河市举行。", None) == "清河市"
    assert bulletin_place("哈尔滨市委组织部在哈尔滨市召开会议。", None) == "哈尔滨市"
    assert bulletin_place("全市各级党组织认真落实。", None) is None


# --- year ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2011年,全市组织工作取得新进展。2011年全市完成换届。力争到2013年全面完成。", 2011),
        ("2022年以来,东城区创新开展考核。截至2022年底累计完成。2021年同期为零。", 2022),
        ("以优异成绩庆祝建党95周年,深入开展学习教育。", 2016),
        ("认真学习贯彻党的十八届六中全会精神,推进全面从严治党。", 2016),
        ("深入学习贯彻党的十七大精神。", 2007),
        ("项目编号12011年度。", None),
        ("会议要求各单位认真落实。", None),
    ],
)
def test_bulletin_year(text: str, year: int | None) -> None:
    assert bulletin_year(text) == year


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "place", "clean"),
    [
        ("中共伊水区委组织部", None, "伊水区委组织部"),
        ("市委组织部", "清河市", "清河市委组织部"),
        ("市委", "清河市", "清河市委"),
        ("区委组织部", "清河市", "区委组织部"),
        ("东城区", "清河市", "东城区"),
        (" 市 委 ", None, "市委"),
        ("县委组织部", "青山县", "青山县委组织部"),
    ],
)
def test_clean_issuer(raw: str, place: str | None, clean: str) -> None:
    assert clean_issuer(raw, place) == clean


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("随着学习教育的深入推进和“基层党支部建设推进落实年”的开展,青山县坚持以落实责任为目标", "青山县"),
        ("近年来,清河市东城区委组织部以“五力十课”为抓手", "清河市东城区委组织部"),
        ("为破解难题,青山县积极探索村级治理新模式", "青山县"),
        ("会议强调要进一步提高认识", None),
    ],
)
def test_subject_body(sentence: str, subject: str | None) -> None:
    assert subject_body(sentence) == subject


def test_lead_and_responsible_units() -> None:
    text = "加强宣传。(牵头单位:市委组织部、市委宣传部;责任单位:各县、区委,市直各党工委)"
    assert lead_and_responsible(text) == (["市委组织部", "市委宣传部"], ["各县", "区委", "市直各党工委"])
    assert lead_and_responsible("加强宣传。") == ([], [])


# --- node issuers --------------------------------------------------------------------------------

PLAN = """清河市“党建工作创新年”活动工作方案
为深入贯彻落实全会精神,市委决定在全市开展活动。
一、指导思想
坚持党的领导。
二、活动内容
1、创新载体。开展活动。(牵头单位:市委组织部;责任单位:市委宣传部、市直各党工委)
2、创新机制。深化改革。(牵头单位:市纪委;责任单位:市委办)
(1)建立制度。内容。
(2)完善程序。内容。
3、创新方式。加强宣传。"""


def test_node_issuers_lead_unit_inherited_and_bulletin() -> None:
    title = bulletin_title(PLAN)
    issuer, _ = bulletin_issuer(PLAN, title)
    nodes = assign_issuers(parse_outline(PLAN), issuer, bulletin_place(PLAN, title))
    got = [(n.path, n.issuer, n.issuer_source) for n in nodes]
    assert got == [
        ("1", "清河市委", "bulletin"),
        ("2", "清河市委", "bulletin"),
        ("2.1", "清河市委组织部", "lead_unit"),
        ("2.2", "清河市纪委", "lead_unit"),
        ("2.2.1", "清河市纪委", "inherited"),
        ("2.2.2", "清河市纪委", "inherited"),
        ("2.3", "清河市委", "inherited"),
    ]
    assert nodes[2].issuer_raw == "市委组织部"
    assert nodes[2].lead_units == ["市委组织部"]
    assert nodes[2].responsible_units == ["市委宣传部", "市直各党工委"]


def test_structural_issuers_and_no_bulletin_issuer() -> None:
    text = (
        "甲乙两地做法汇编\n青山县坚持以落实责任为目标,扎实开展组织生活。\n一、落实责任。内容。\n二、创新载体。内容。\n"
        "标题一\n中共东城区委组织部\n东城区推行大党委制。\n完善体制,明确核心。打破原有模式。\n强化主体,打造队伍。坚持主体作用。\n"
        "标题二\n中共西城区委组织部\n正文。"
    )
    nodes = assign_issuers(parse_outline(text), None, None)
    got = [(n.path, n.issuer, n.issuer_source) for n in nodes]
    assert got == [
        ("1", "青山县", "article"),
        ("1.1", "青山县", "inherited"),
        ("1.2", "青山县", "inherited"),
        ("2", "东城区委组织部", "article"),
        ("2.1", "东城区委组织部", "inherited"),
        ("2.2", "东城区委组织部", "inherited"),
        ("3", "西城区委组织部", "article"),
    ]
    assert nodes[3].issuer_raw == "中共东城区委组织部"


def test_no_issuer_anywhere_leaves_nodes_without_one() -> None:
    nodes = assign_issuers(parse_outline("一、做法一\n内容。\n二、做法二\n内容。"), None, None)
    assert [(n.issuer, n.issuer_source) for n in nodes] == [(None, None), (None, None)]


# --- the five samples against the hand-made gold -----------------------------------------------


def _fold(s: str | None) -> str:
    return re.sub(r"[\s\W_]", "", s or "")


def _same_issuer(out: str | None, gold: str | None) -> bool:
    o, g = _fold(out), _fold(gold)
    return o == g or (bool(o) and bool(g) and (o.endswith(g) or g.endswith(o)))


@pytest.mark.parametrize("stem", sorted(p.stem for p in (FIXTURES / "gold").glob("*.json")))
def test_samples_match_the_gold_issuers_and_years(stem: str) -> None:
    gold = json.loads((FIXTURES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    text = normalize((FIXTURES / "samples" / f"{stem}.txt").read_text(encoding="utf-8")).text
    title = bulletin_title(text)
    issuer, _ = bulletin_issuer(text, title)
    assert _same_issuer(issuer, gold["issuer"])
    assert bulletin_year(text) == gold["year"]
    nodes = assign_issuers(parse_outline(text), issuer, bulletin_place(text, title))
    # pair gold nodes with ours as the scorer does: by anchor, in titles first, then text starts
    pairs: dict[int, int] = {}
    for hay in ([_fold(n.title) for n in nodes], [_fold(n.title + n.text[:80]) for n in nodes]):
        for gi, g in enumerate(gold["nodes"]):
            if gi not in pairs:
                k = next(
                    (i for i, h in enumerate(hay) if i not in pairs.values() and _fold(g["anchor"]) in h),
                    None,
                )
                if k is not None:
                    pairs[gi] = k
    assert len(pairs) == len(gold["nodes"]) == len(nodes)
    for gi, k in pairs.items():
        g = gold["nodes"][gi]
        assert _same_issuer(nodes[k].issuer, g["issuer"]), (g["anchor"], nodes[k].issuer)


def test_joint_signatories_give_the_first_as_issuer() -> None:
    text = (
        "关于做好冬训工作的通知\n一、冬训内容。内容。\n"
        "二、冬训时间。内容。\n中共青山县委组织部\n青山县人力资源和社会保障局"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == ("青山县委组织部", "中共青山县委组织部")


def test_an_organ_cited_as_a_source_is_not_the_issuer() -> None:
    text = (
        "根据省委组织部部署,市委组织部组织开展了清河市干部教育培训活动,清河市各单位积极参与。\n"
        "一、主要做法\n内容。"
    )
    assert bulletin_issuer(text, None) == ("清河市委组织部", "市委组织部")


# --- round 2: issuers from the opening, header, byline and signature; publication years ---------


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # the subject of the opening sentence, after a time phrase or a yearbook heading
        ("机构编制\n【概况】2020年,青禾市委编办围绕中心工作,严格编制管理。\n【编制】内容。", "青禾市委编办"),
        ("白沙县“四抓四促”改进作风\n今年以来,白沙县委坚持问题导向,开展作风整顿。\n内容。", "白沙县委"),
        (
            "白沙县“便民驿站”方便群众\n为方便群众办事,白沙县委组织部指导各镇设立驿站。\n内容。",
            "白沙县委组织部",
        ),
        # a short name, completed with the place of the title
        ("青山县党建工作简报\n今年以来,县委组织部坚持问题导向,推进改革。\n内容。", "青山县委组织部"),
        # the organiser a news story reports on, not the newspaper
        (
            "青禾招聘会举行\n本报讯(记者李四)3月2日上午,青禾县人力资源和社会保障局举办招聘会。",
            "青禾县人力资源和社会保障局",
        ),
        (
            "青禾举办退役军人专场招聘会\n本报讯(记者李四)3月2日,由青禾县退役军人事务局主办的招聘会举行。",
            "青禾县退役军人事务局",
        ),
    ],
)
def test_an_organ_acting_in_the_opening_sentence_is_the_issuer(text: str, issuer: str) -> None:
    assert bulletin_issuer(text, bulletin_title(text))[0] == issuer


@pytest.mark.parametrize(
    "text",
    [
        "白沙县“四抓四促”改进作风\n今年以来,白沙县坚持问题导向,开展作风整顿。\n内容。",
        "机构编制\n【概况】2020年,全市各级党组织围绕中心工作,严格编制管理。",
        "青禾举办读者见面会\n本报讯(记者李四)3月2日,由青禾日报社主办的读者见面会举行。",
        "白沙县经验选编\n1、东城区:做法\n东城区委坚持问题导向,开展作风整顿。",
    ],
)
def test_a_place_a_collective_a_newspaper_or_an_item_is_not_the_issuer(text: str) -> None:
    assert bulletin_issuer(text, bulletin_title(text)) == (None, None)


def test_an_author_line_names_the_body_behind_a_research_group() -> None:
    text = "关于全市非公企业党建的调研报告\n青禾市委统战部课题组\n(2020年10月)\n今年以来,我们开展调研。"
    assert bulletin_issuer(text, bulletin_title(text)) == ("青禾市委统战部", "青禾市委统战部")
    person = "关于全市非公企业党建的调研报告\n李四课题组\n今年以来,我们开展调研。"
    assert bulletin_issuer(person, bulletin_title(person)) == (None, None)


def test_a_source_field_naming_an_organ_is_the_issuer_and_dates_the_page() -> None:
    text = (
        "白沙县“红色驿站”温暖新就业群体\n来源:白沙县委组织部 发布时间:2020-09-01 浏览次数:\n"
        "驿站为快递员提供服务。"
    )
    assert bulletin_issuer(text, bulletin_title(text))[0] == "白沙县委组织部"
    assert bulletin_year(text) == 2020
    media = text.replace("白沙县委组织部 发布", "白沙日报 发布")
    assert bulletin_issuer(media, bulletin_title(media)) == (None, None)


def test_a_short_organ_name_is_completed_with_the_place_of_the_title() -> None:
    text = "青石州“党支部+基地”经验选编\n州委宣传部 2021年3月\n近年来,全州各地积极探索。"
    assert bulletin_issuer(text, bulletin_title(text)) == ("青石州委宣传部", "州委宣传部")
    note = (
        "红岩区基层治理优秀案例汇编\n编者按:根据市委组织部部署,区委组织部从各街道报送的案例中遴选出5个,现予刊发。\n"
        "1. 东街街道党工委——做法一\n内容。"
    )
    assert bulletin_issuer(note, bulletin_title(note)) == ("红岩区委组织部", "区委组织部")


def test_a_publisher_and_a_signature_naming_one_body_give_the_fuller_name() -> None:
    text = (
        "白沙区网格治理实施方案\n发布单位:白沙区委组织部\n一、目标\n内容。\n"
        "中共青禾市白沙区委组织部\n2020年5月6日"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == ("青禾市白沙区委组织部", "中共青禾市白沙区委组织部")
    other = text.replace("中共青禾市白沙区委组织部", "中共青禾市白沙区委宣传部")
    assert bulletin_issuer(other, bulletin_title(other)) == (None, None)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("白沙县驿站便民\n发布时间:2020-09-01\n驿站运行以来服务群众。", 2020),
        ("白沙县驿站便民\n驿站运行以来服务群众。\n白沙县委组织部\n2021年3月5日", 2021),
        # the body's year wins over the date of signature
        ("2022年,全县发展党员120名。2022年底完成换届。\n中共白沙县委\n2023年1月20日", 2022),
        # a target year (到/至…) is not the year reported on
        ("到2025年底建成网格300个。2024年试点先行,至2025年6月全面推开。\n中共白沙县委\n2024年3月1日", 2024),
        # phone numbers and dates inside a long sentence are not publication dates
        ("驿站开通服务热线0517-88223456,群众可随时拨打,截至2023年4月底已累计代办各类事项4300余件。", 2023),
        ("驿站开通服务热线0517-88223456,群众可随时拨打。", None),
    ],
)
def test_year_from_the_body_else_from_the_publication_date(text: str, year: int | None) -> None:
    assert bulletin_year(text) == year


# --- round 3: lead units, briefings, glued places, signatures, the year reported on ------------


@pytest.mark.parametrize(
    ("text", "lead", "responsible"),
    [
        # no 牵头单位: the first responsible unit leads
        ("开展轮训。(责任单位:县农业农村局、县财政局)", ["县农业农村局"], ["县农业农村局", "县财政局"]),
        ("开展轮训。\n责任单位:县民政局、各乡镇", ["县民政局"], ["县民政局", "各乡镇"]),
        ("开展轮训。(牵头单位:县委组织部)", ["县委组织部"], []),
        ("开展轮训。(县农业农村局牵头,县财政局、县林业局配合)", ["县农业农村局"], ["县财政局", "县林业局"]),
        ("开展轮训。(由县民政局负责)", ["县民政局"], ["县民政局"]),
        # cooperating units do not lead; people and groups are not units
        ("开展轮训。(配合单位:县财政局)", [], ["县财政局"]),
        ("开展轮训。(由群众负责)", [], []),
        ("村里的事大家商量,老党员带头、青年牵头。", [], []),
    ],
)
def test_lead_units_from_every_way_a_plan_names_them(
    text: str, lead: list[str], responsible: list[str]
) -> None:
    assert lead_and_responsible(text) == (lead, responsible)


def test_a_task_with_only_responsible_units_takes_the_first_as_issuer() -> None:
    text = (
        "岚山县乡村振兴重点任务\n1.开展村党组织书记全员轮训。(责任单位:县委组织部、县农业农村局)\n"
        "2.发展村级集体经济。(县农业农村局牵头,县财政局配合)\n3.完善村规民约。"
    )
    nodes = assign_issuers(parse_outline(text), "岚山县委", "岚山县")
    assert [(n.issuer, n.issuer_source) for n in nodes] == [
        ("岚山县委组织部", "lead_unit"),
        ("岚山县农业农村局", "lead_unit"),
        ("岚山县委", "bulletin"),
    ]
    assert nodes[0].responsible_units == ["县委组织部", "县农业农村局"]


BRIEFING = """组工信息
第5期
中共桑溪县委组织部编 2023年4月10日
★ 瑞溪镇:“院坝会”架起干群连心桥
今年以来,瑞溪镇各村召开院坝会300余场。
◆ 石门乡:党员积分管理激发活力
石门乡推行积分制管理。"""


def test_a_briefing_masthead_names_the_issuer_and_each_starred_item_its_township() -> None:
    text = normalize(BRIEFING).text
    title = bulletin_title(text)
    issuer, raw = bulletin_issuer(text, title)
    assert (issuer, raw) == ("桑溪县委组织部", "中共桑溪县委组织部")
    nodes = assign_issuers(parse_outline(text), issuer, bulletin_place(text, title))
    assert [(n.issuer, n.issuer_source) for n in nodes] == [("瑞溪镇", "case"), ("石门乡", "case")]
    assert bulletin_year(text) == 2023


@pytest.mark.parametrize("line", ["本刊编辑部编", "张明 编", "主办:清河日报社"])
def test_a_masthead_naming_no_organ_gives_no_issuer(line: str) -> None:
    text = f"组工信息\n{line}\n今年以来,各村召开院坝会。"
    assert bulletin_issuer(text, bulletin_title(text)) == (None, None)


def test_a_signature_above_its_date_line_is_the_issuer() -> None:
    text = (
        "关于2021年度全县基层党建工作述职评议考核情况的通报\n各乡镇党委,县直各党(工)委:\n"
        "县委组织部于2022年1月组织开展了考核。现将情况通报如下。\n一、总体情况\n全县36个党组织获评好等次。\n"
        "二、存在问题\n部分党组织书记抓党建意识不强。\n中共宁川县委组织部\n2022年2月10日"
    )
    assert bulletin_issuer(text, bulletin_title(text)) == ("宁川县委组织部", "中共宁川县委组织部")


def test_a_place_is_not_glued_from_the_verb_before_it() -> None:
    opening = "为努力谱写新市域治理篇章,市委决定开展专项行动。\n全市各级党组织积极响应。"
    assert bulletin_place(opening, None) is None  # not 写新市
    signed = opening + "\n中共岚山市委组织部\n2023年5月6日"
    assert bulletin_place(signed, None) == "岚山市"  # the signature names the place
    assert bulletin_issuer(signed, bulletin_title(signed))[0] == "岚山市委组织部"
    # a place after a function word or inside a longer name is still found
    assert bulletin_place("今年以来,在岚山市召开会议。岚山市各区响应。", None) == "岚山市"
    assert bulletin_place("哈尔滨市委组织部在哈尔滨市召开会议。", None) == "哈尔滨市"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # the year a title names as reported on wins over the year of issue
        ("关于2021年度全县党建考核情况的通报\n2022年1月,县委组织部开展考核。2022年2月通报。", 2021),
        ("关于岚山县2022年组织工作的总结\n全年发展党员120名。\n2023年1月5日", 2022),
        # a plan's targets and its baseline are not the year it is written in
        ("到2025年,村级集体经济收入全部超过10万元。2023年完成30个村。比2022年增加10个。", 2023),
        ("力争到2025年实现全覆盖。较2022年有较大提升。\n中共岚山县委\n2023年6月1日", 2023),
        # a range or a target in the title names no single year
        ("岚山县2021-2025年人才发展规划\n2021年启动实施。2021年底完成。", 2021),
        ("到2025年岚山县建成人才高地的实施意见\n2023年启动。", 2023),
        ("今年以来,各村召开院坝会。\n发布时间:2021-09-14", 2021),
    ],
)
def test_the_year_reported_on(text: str, year: int | None) -> None:
    assert bulletin_year(text) == year


def test_rows_of_a_flattened_task_table_take_their_unit_cell_as_issuer() -> None:
    text = (
        "岚山县重点任务清单\n序号\n工作任务\n责任单位\n1\n开展书记轮训\n县委组织部\n"
        "2\n推进强村工程\n县农业农村局、县财政局"
    )
    nodes = assign_issuers(parse_outline(text), "岚山县委", "岚山县")
    assert [(n.issuer, n.issuer_source) for n in nodes] == [
        ("岚山县委组织部", "lead_unit"),
        ("岚山县农业农村局", "lead_unit"),
    ]


# --- round 4: per-item issuers of bracket items, duty reports, bylines, press conferences -----


def _issuers_of(text: str, bulletin: str | None = "县委组织部") -> list[tuple[str, str | None, str | None]]:
    nodes = assign_issuers(parse_outline(text), bulletin, None)
    return [(n.title, n.issuer, n.issuer_source) for n in nodes]


def test_a_bracketed_place_or_the_organ_opening_an_item_is_its_issuer() -> None:
    text = (
        "基层治理创新案例选编\n"
        "【扎兰县】推行“网格连心”工作法,全县划分网格300个。\n"
        "【“小区微治理”工作法】弥阳街道党工委以小区党支部为核心,组建议事会。\n"
        "【“党员中心户”制度】东坡镇党委探索设立党员中心户,联系群众。\n"
    )
    assert _issuers_of(text) == [
        ("扎兰县", "扎兰县", "case"),
        ("“小区微治理”工作法", "弥阳街道党工委", "case"),
        ("“党员中心户”制度", "东坡镇党委", "case"),
    ]


def test_a_bracket_item_opening_on_a_date_or_a_measure_keeps_the_bulletin_issuer() -> None:
    text = "【组织建设】\n2023年,全县新建党组织12个。\n【干部培训】\n围绕中心工作开展培训,覆盖干部800人次。\n"
    assert [(i, s) for _, i, s in _issuers_of(text)] == [
        ("县委组织部", "bulletin"),
        ("县委组织部", "bulletin"),
    ]


def test_the_lead_unit_of_a_half_bracket_item_is_its_issuer() -> None:
    text = (
        "一、健全组织体系\n(一)优化组织设置\n①推动支部建在产业链上。\n②推进党组织应建尽建。\n"
        "1)实施组织体系优化行动。(牵头单位:县委组织部)\n2)开展村级集体经济强村行动。(牵头单位:县农业农村局)\n"
    )
    issuers = {t: (i, s) for t, i, s in _issuers_of(text, None)}
    assert issuers["推进党组织应建尽建"] == (None, None)
    assert issuers["开展村级集体经济强村行动"] == ("县农业农村局", "lead_unit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "丁水镇党委书记2023年度抓基层党建工作述职报告\n今年以来,我认真履行第一责任人职责。\n一、主要做法\n",
            "丁水镇党委",
        ),
        ("县人社局党组书记述责述廉报告\n一年来,本人认真履职。\n", "县人社局"),
        (
            "以党建引领基层治理\n网岭镇坚持党建引领,推动治理创新。\n(作者单位:攸水县网岭镇党委)\n",
            "攸水县网岭镇党委",
        ),
        (
            "我市出台人才新政十条\n6月8日,市政府新闻办举行新闻发布会,市委组织部副部长王强介绍了有关情况。\n一、加大引才力度。\n",
            "市委组织部",
        ),
    ],
)
def test_duty_reports_bylines_and_press_conferences_name_their_issuer(text: str, expected: str) -> None:
    title = bulletin_title(text)
    assert bulletin_issuer(text, title)[0] == expected


def test_a_notice_on_duty_reports_or_a_press_host_alone_is_no_reporting_organ() -> None:
    # a notice asking for duty reports is not one; a host presenting alone is no other presenter
    text = "关于听取乡镇党委书记述职情况的通知\n各乡镇:\n请按要求做好准备。\n"
    assert bulletin_issuer(text, bulletin_title(text))[0] is None
    text = "新闻发布会举行\n6月8日,市政府新闻办举行新闻发布会,市政府新闻办主任介绍了有关情况。\n"
    assert bulletin_issuer(text, bulletin_title(text))[0] in (None, "市政府新闻办")
