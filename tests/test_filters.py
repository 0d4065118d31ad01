"""Tests for casekit.filters: which rows of each table survive each filter.

``build_store`` (also used by test_export and test_stats) writes a small hand-made store: two
bulletins (one originally traditional), four initiatives and seven figures, with Chinese text,
commas, quotes, newlines, list fields and several figure kinds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit import filters as filters_module
from casekit.filters import (
    Filters,
    StoreNotFoundError,
    bulletin_matches,
    issuer_matches,
    normalize_query,
    select,
)
from casekit.models import Bulletin, Figure, Initiative
from casekit.storage import StoreProblem, store_file, write_records

BA = "b00000000000000aa"
BB = "b00000000000000bb"
LONG_TEXT = "一、上城区:科学分析,“绩效”\n" + "数据" * 20000  # 40 000+ chars: beyond an Excel cell
TRICKY = '科学分析,"绩效"考评\n第二行, 含逗号'  # commas, quotes and a newline in one field


def bulletins() -> list[Bulletin]:
    return [
        Bulletin(
            id=BA,
            source="data/raw/hz_2011.txt",
            sha256="a" * 64,
            encoding="big5",
            script="traditional",
            title="杭州市组织工作创新汇编",
            issuer="杭州市委组织部",
            issuer_raw="中共杭州市委組織部",
            year=2011,
            n_chars=len(LONG_TEXT),
            text=LONG_TEXT,
        ),
        Bulletin(
            id=BB,
            source="/srv/in/lq.txt",
            sha256="b" * 64,
            encoding="utf-8",
            script="simplified",
            title=None,
            issuer="龙泉市委组织部",
            issuer_raw="龙泉市委组织部",
            year=2019,
            n_chars=12,
            text="龙泉市人社局牵头。\n共3名。",
        ),
    ]


def _node(bid: str, path: str, **fields) -> Initiative:
    parent = path.rpartition(".")[0]
    defaults = {
        "level": path.count(".") + 1,
        "kind": "numbered",
        "label": "",
        "title": "",
        "text": "",
        "start": 0,
        "end": 10,
    }
    return Initiative(
        id=f"{bid}:{path}",
        bulletin_id=bid,
        parent_id=f"{bid}:{parent}" if parent else None,
        path=path,
        **{**defaults, **fields},
    )


def initiatives() -> list[Initiative]:
    return [
        _node(
            BA,
            "1",
            label="一、",
            title=TRICKY,
            text='正文, 有"引号"\n和换行',
            issuer="上城区委组织部",
            issuer_raw="上城區委組織部",
            issuer_source="case",
            lead_units=["区委组织部", "区人社局"],
            points=["一是建库", "二是考评"],
        ),
        _node(BA, "1.1", label="(一)", title="建立考评数据库"),  # no issuer: the bulletin's counts
        _node(BA, "2", label="二、", title="全市推开", issuer="杭州市委组织部", issuer_source="bulletin"),
        _node(
            BB,
            "1",
            label="1、",
            title="=1+1 不是公式",
            issuer="龙泉市人社局",
            issuer_source="lead_unit",
            responsible_units=["市财政局"],
        ),
    ]


def _figure(bid: str, start: int, kind: str, value: float, initiative: str | None, **fields) -> Figure:
    return Figure(
        id=f"{bid}:f{start}-{start + 3}",
        bulletin_id=bid,
        initiative_id=f"{bid}:{initiative}" if initiative else None,
        kind=kind,
        value=value,
        start=start,
        end=start + 3,
        **fields,
    )


def figures() -> list[Figure]:
    return [
        _figure(BA, 10, "count", 23, "1", unit="项", text="23项", subject="考评数据", sentence=TRICKY),
        _figure(BA, 20, "money", 200000, "1.1", unit="元", text="20余万元", qualifier="over"),
        _figure(BA, 30, "percent", 78, "2", unit="%", text="78%"),
        _figure(BA, 40, "count", 46, None, unit="个", text="46个部门", subject="部门"),
        _figure(BB, 10, "money", 155000000, "1", unit="元", text="1.55亿元"),
        _figure(BB, 20, "percent", 95.5, "1", unit="%", text="95.5%"),
        _figure(BB, 30, "count", 3, None, unit="名", text="3名"),
    ]


def build_store(root: Path) -> Path:
    """Write the hand-made store into ``root`` and return it."""
    write_records(store_file(root, "bulletins"), bulletins())
    write_records(store_file(root, "initiatives"), initiatives())
    write_records(store_file(root, "figures"), figures())
    return root


def _ids(selection) -> tuple[list[str], list[str], list[str]]:
    return (
        [b.id for b in selection.bulletins()],
        [i.id for i in selection.initiatives()],
        [f.id for f in selection.figures()],
    )


# --- small functions -----------------------------------------------------------------------------


def test_normalize_query_converts_traditional_to_simplified() -> None:
    assert normalize_query("組織部") == "组织部"
    assert normalize_query(" 龍泉 市 ") == "龙泉市"


def test_normalize_query_does_not_load_opencc_for_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom():
        raise AssertionError("OpenCC loaded for an ASCII query")

    monkeypatch.setattr(filters_module, "_t2s", boom)
    assert normalize_query("CPC Office") == "cpcoffice"


def test_issuer_matches_substring_and_none() -> None:
    assert issuer_matches("组织部", None, "杭州市委组织部")
    assert not issuer_matches("组织部", None, "杭州市人社局")
    assert not issuer_matches("组织部")


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (BA, True),
        ("data/raw/hz_2011.txt", True),
        ("hz_2011.txt", True),
        ("raw/hz_2011.txt", True),
        ("./data/raw/hz_2011.txt", True),
        ("hz_2011", False),  # a stem is not a file name
        ("z_2011.txt", False),  # nor is the end of one
        ("other/hz_2011.txt", False),
        (BA[:-1], False),
    ],
)
def test_bulletin_matches(wanted: str, expected: bool) -> None:
    assert bulletin_matches(wanted, BA, "data/raw/hz_2011.txt") is expected


def test_unknown_kind_is_rejected_with_the_list() -> None:
    with pytest.raises(ValueError, match="count, money, percent"):
        Filters(kind="amount")


def test_several_kinds_and_empty_filters() -> None:
    assert Filters(kind="money, percent").kinds == {"money", "percent"}
    assert Filters().is_empty
    assert not Filters(year=2011).is_empty
    assert Filters(year=2011, issuer="x").describe() == {"issuer": "x", "year": 2011}


# --- which rows survive --------------------------------------------------------------------------


def test_no_filter_keeps_everything(tmp_path: Path) -> None:
    selection = select(build_store(tmp_path))
    b, i, f = _ids(selection)
    assert b == [BA, BB]
    assert i == [f"{BA}:1", f"{BA}:1.1", f"{BA}:2", f"{BB}:1"]
    assert f == [x.id for x in figures()]


def test_traditional_issuer_query_keeps_matching_initiatives_and_bulletins(tmp_path: Path) -> None:
    b, i, f = _ids(select(build_store(tmp_path), Filters(issuer="組織部")))
    # 1 and 2 name a 组织部; 1.1 has no issuer and inherits 杭州市委组织部 from its bulletin.
    assert i == [f"{BA}:1", f"{BA}:1.1", f"{BA}:2"]
    # Bulletin bb is kept for its own issuer, but its initiative (龙泉市人社局) is not.
    assert b == [BA, BB]
    assert f == [f"{BA}:f10-13", f"{BA}:f20-23", f"{BA}:f30-33", f"{BA}:f40-43", f"{BB}:f30-33"]


def test_issuer_query_on_initiative_only(tmp_path: Path) -> None:
    b, i, f = _ids(select(build_store(tmp_path), Filters(issuer="人社局")))
    assert b == [BB]
    assert i == [f"{BB}:1"]
    # The bulletin-level figure of bb is judged by 龙泉市委组织部, which does not match.
    assert f == [f"{BB}:f10-13", f"{BB}:f20-23"]


def test_issuer_query_matches_raw_issuer_with_zhonggong(tmp_path: Path) -> None:
    b, _i, _f = _ids(select(build_store(tmp_path), Filters(issuer="中共杭州")))
    assert b == [BA]


def test_kind_filters_figures_only(tmp_path: Path) -> None:
    b, i, f = _ids(select(build_store(tmp_path), Filters(kind="money")))
    assert b == [BA, BB]
    assert len(i) == 4
    assert f == [f"{BA}:f20-23", f"{BB}:f10-13"]


def test_year_and_bulletin_filters(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    assert _ids(select(store, Filters(year=2019)))[0] == [BB]
    b, i, f = _ids(select(store, Filters(bulletin="hz_2011.txt")))
    assert b == [BA]
    assert all(x.startswith(BA) for x in i + f) and len(i) == 3 and len(f) == 4
    assert _ids(select(store, Filters(year=2011, bulletin="lq.txt"))) == ([], [], [])


def test_selection_keeps_metadata_not_texts(tmp_path: Path) -> None:
    selection = select(build_store(tmp_path), Filters(kind="count"))
    meta = selection.bulletin_meta[BA]
    assert (meta.source, meta.year, meta.issuer) == ("data/raw/hz_2011.txt", 2011, "杭州市委组织部")
    assert not hasattr(meta, "text")
    assert selection.initiative_meta[f"{BB}:1"].title == "=1+1 不是公式"


# --- problems ------------------------------------------------------------------------------------


def test_missing_store_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        select(tmp_path / "nowhere")


def test_broken_duplicate_and_dangling_lines_are_reported_once(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    with store_file(store, "figures").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(figures()[0].model_dump_json() + "\n")  # duplicate id
        fh.write(_figure(BA, 90, "count", 1, "9", text="1个").model_dump_json() + "\n")  # unknown initiative
        fh.write(_figure("b_missing", 5, "count", 1, None, text="1个").model_dump_json() + "\n")
    with store_file(store, "initiatives").open("a", encoding="utf-8") as fh:
        fh.write(_node("b_missing", "1").model_dump_json() + "\n")
    problems: list[StoreProblem] = []
    selection = select(store, on_problem=problems.append)
    first = _ids(selection)
    second = _ids(selection)  # reading again must not report again
    assert first == second
    assert len(first[2]) == 7
    reasons = sorted((p.path.name, p.line_no, p.reason.split(" ")[0]) for p in problems)
    assert reasons == [
        ("figures.jsonl", 8, "not"),
        ("figures.jsonl", 9, "duplicate"),
        ("figures.jsonl", 10, "the"),
        ("figures.jsonl", 11, "the"),
        ("initiatives.jsonl", 5, "the"),
    ]
    assert "b_missing" in next(p.reason for p in problems if p.line_no == 11)


def test_a_duplicate_initiative_never_replaces_the_first(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    impostor = initiatives()[3].model_copy(update={"issuer": "某某组织部", "title": "impostor"})
    with store_file(store, "initiatives").open("a", encoding="utf-8") as fh:
        fh.write(impostor.model_dump_json() + "\n")
    problems: list[StoreProblem] = []
    # The copy would match 组织部, the first record does not: the first one decides.
    selection = select(store, Filters(issuer="某某"), on_problem=problems.append)
    assert _ids(selection)[1] == []
    selection = select(store, Filters(issuer="人社局"), on_problem=problems.append)
    assert [i.title for i in selection.initiatives()] == ["=1+1 不是公式"]
    assert [(p.line_no, p.reason.split(" ")[0]) for p in problems] == [(5, "duplicate")]
