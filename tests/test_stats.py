"""Tests for casekit.stats: numbers checked by hand against the store built in test_filters.

The store: bulletin aa (traditional, 2011, text of 16 + 40 000 characters), bulletin bb
(simplified, 2019, 12 characters); initiatives issued by 上城区委组织部, none, 杭州市委组织部,
龙泉市人社局; figures count 23, 46, 3; money 200 000 and 155 000 000 yuan; percent 78 and 95.5.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from casekit.filters import Filters, StoreNotFoundError
from casekit.models import Bulletin
from casekit.stats import (
    IssuerCount,
    compute_stats,
    format_figure,
    format_money,
    format_number,
    render_stats,
)
from casekit.storage import store_file

try:
    from test_filters import BA, BB, build_store
except ImportError:  # tests run as a package
    from tests.test_filters import BA, BB, build_store


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return build_store(tmp_path)


def rendered(stats) -> str:
    console = Console(record=True, width=200)
    for table in render_stats(stats):
        console.print(table)
    return console.export_text()


def test_totals_scripts_and_years(store: Path) -> None:
    stats = compute_stats(store)
    assert (stats.bulletins, stats.initiatives, stats.figures) == (2, 4, 7)
    assert stats.chars == 16 + 40000 + 12
    assert stats.by_script == {"traditional": 1, "simplified": 1}
    assert stats.by_year == {"2011": 1, "2019": 1}
    assert stats.problems == [] and stats.filters == {}


def test_initiatives_per_issuer(store: Path) -> None:
    stats = compute_stats(store)
    assert stats.distinct_issuers == 3
    assert stats.issuers == [
        IssuerCount("上城区委组织部", 1),
        IssuerCount("杭州市委组织部", 1),
        IssuerCount("龙泉市人社局", 1),
        IssuerCount(None, 1),  # initiatives without an issuer come last among equals
    ]
    assert compute_stats(store, top=1).issuers == [IssuerCount("上城区委组织部", 1)]


def test_figures_by_kind_with_money_in_wan_and_yi(store: Path) -> None:
    kinds = {k.kind: k for k in compute_stats(store).kinds}
    assert list(kinds) == ["count", "money", "percent"]
    assert (kinds["count"].count, kinds["count"].total, kinds["count"].min, kinds["count"].max) == (
        3,
        72,
        3,
        46,
    )
    money = kinds["money"]
    assert (money.count, money.total) == (2, 155_200_000)
    assert money.total_wan == pytest.approx(15_520)
    assert money.total_yi == pytest.approx(1.552)
    assert kinds["percent"].total == pytest.approx(173.5) and kinds["percent"].total_wan is None


def test_largest_figures_with_their_initiative_and_bulletin(store: Path) -> None:
    largest = compute_stats(store).largest
    assert [(f.kind, f.value) for f in largest] == [
        ("count", 46),
        ("count", 23),
        ("count", 3),
        ("money", 155_000_000),
        ("money", 200_000),
        ("percent", 95.5),
        ("percent", 78),
    ]
    top_money = largest[3]
    assert (top_money.initiative_path, top_money.initiative_title, top_money.initiative_issuer) == (
        "1",
        "=1+1 不是公式",
        "龙泉市人社局",
    )
    assert top_money.bulletin_source == "/srv/in/lq.txt" and top_money.figure_id == f"{BB}:f10-13"
    assert largest[0].initiative_path is None  # 46个部门 stands outside any initiative
    assert [f.value for f in compute_stats(store, largest=1).largest] == [46, 155_000_000, 95.5]


def test_filters_apply(store: Path) -> None:
    stats = compute_stats(store, Filters(issuer="組織部"))
    assert (stats.bulletins, stats.initiatives, stats.figures) == (2, 3, 5)
    assert {i.issuer for i in stats.issuers} == {"上城区委组织部", "杭州市委组织部", None}
    money = compute_stats(store, Filters(kind="money"))
    assert [k.kind for k in money.kinds] == ["money"] and money.figures == 2
    assert compute_stats(store, Filters(year=2019)).by_year == {"2019": 1}


def test_unknown_year_comes_last_and_problems_are_listed(store: Path) -> None:
    extra = Bulletin(
        id="b00000000000000cc",
        source="c.txt",
        sha256="c" * 64,
        encoding="utf-8",
        script="mixed",
        n_chars=3,
        text="无年份",
    )
    with store_file(store, "bulletins").open("a", encoding="utf-8") as fh:
        fh.write(extra.model_dump_json() + "\n")
        fh.write("garbage\n")
    stats = compute_stats(store)
    assert list(stats.by_year) == ["2011", "2019", "unknown"]
    assert stats.by_script["mixed"] == 1
    assert len(stats.problems) == 1 and "bulletins.jsonl:4" in stats.problems[0]
    assert f"{BA}" not in stats.problems[0]


def test_to_dict_is_json_ready(store: Path) -> None:
    data = json.loads(json.dumps(compute_stats(store).to_dict(), ensure_ascii=False))
    assert data["figures"] == 7
    assert data["kinds"][1]["total_yi"] == pytest.approx(1.552)
    assert data["issuers"][-1] == {"issuer": None, "initiatives": 1}


def test_render_shows_money_as_analysts_read_it(store: Path) -> None:
    text = rendered(compute_stats(store))
    assert "15,520 万元 = 1.552 亿元" in text
    assert "1.55 亿元" in text and "20 万元" in text
    assert "龙泉市人社局" in text and " lq.txt " in text  # the bulletin by its file name


def test_render_escapes_markup_in_data(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    path = store_file(store, "initiatives")
    path.write_text(
        path.read_text(encoding="utf-8").replace("龙泉市人社局", "[bold]人社局"), encoding="utf-8"
    )
    assert "[bold]人社局" in rendered(compute_stats(store))


def test_empty_selection_renders(store: Path) -> None:
    stats = compute_stats(store, Filters(year=1900))
    assert (stats.bulletins, stats.figures, stats.kinds, stats.largest) == (0, 0, [], [])
    assert "bulletins" in rendered(stats)


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        compute_stats(tmp_path)


@pytest.mark.parametrize(
    ("kind", "value", "unit", "expected"),
    [
        ("money", 155_000_000, "元", "1.55 亿元"),
        ("money", 200_000, "元", "20 万元"),
        ("money", 3_500, "元", "3,500 元"),
        ("percent", 95.5, "%", "95.5%"),
        ("count", 17891, "人", "17,891人"),
        ("percentage_point", 2.5, None, "2.5 pt"),
    ],
)
def test_format_figure(kind: str, value: float, unit: str | None, expected: str) -> None:
    assert format_figure(kind, value, unit) == expected


def test_format_number_and_money() -> None:
    assert format_number(1234567.0) == "1,234,567"
    assert format_number(0.5) == "0.5"
    assert format_number(1.55234, 4) == "1.5523"
    assert format_money(100_000_000) == "1 亿元"
