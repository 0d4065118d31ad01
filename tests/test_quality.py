"""Quality floors: casekit's output scored against careful analysts' annotations.

Two sets, each a folder of bulletins with a gold ``.json`` per ``.txt`` (rules in
tests/fixtures/gold/GUIDE.md), scored with tests/scorer.py (the project's scorer, copied
verbatim):

- ``samples``: the five real bulletins bundled with casekit (gold in tests/fixtures/gold);
- ``unseen``: fourteen bulletins written for evaluation in other layouts and encodings
  (tests/fixtures/unseen, see its NOTES.md);
- ``unseen2``: twelve more, written independently of the first two sets (tests/fixtures/unseen2,
  see its NOTES.md for how it was used);
- ``unseen3``: twelve more again, written independently of all the others (tests/fixtures/unseen3).

The floors are the scores casekit reached; a change that lowers one fails CI. Raise a floor when
you improve; never lower one to get green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit import pipeline

from .scorer import score

FIXTURES = Path(__file__).parent / "fixtures"
SETS = {
    "samples": (FIXTURES / "samples", FIXTURES / "gold"),
    "unseen": (FIXTURES / "unseen", FIXTURES / "unseen"),
    "unseen2": (FIXTURES / "unseen2", FIXTURES / "unseen2"),
    "unseen3": (FIXTURES / "unseen3", FIXTURES / "unseen3"),
}
# page furniture that may still leak, per set (a ceiling, not a floor)
JUNK_CEILINGS = {"samples": 0, "unseen": 0, "unseen2": 1, "unseen3": 0}
FLOORS: dict[str, dict[str, float]] = {
    "samples": {
        "nodes_f1": 1.0,
        "node_issuer_acc": 1.0,
        "doc_issuer_acc": 1.0,
        "doc_year_acc": 1.0,
        "figures_f1": 1.0,
        "count_f1": 1.0,
        "money_f1": 1.0,
        "percent_f1": 1.0,
        "figure_unit_acc": 1.0,
        "figure_qualifier_acc": 1.0,
    },
    "unseen": {
        "nodes_f1": 1.0,
        "node_issuer_acc": 1.0,
        "doc_issuer_acc": 1.0,
        "doc_year_acc": 1.0,
        "figures_f1": 1.0,
        "count_f1": 1.0,
        "money_f1": 1.0,
        "percent_f1": 1.0,
        "figure_unit_acc": 1.0,
        "figure_qualifier_acc": 1.0,
    },
    "unseen2": {
        "nodes_f1": 0.975,
        "node_issuer_acc": 0.962,
        "doc_issuer_acc": 0.916,
        "doc_year_acc": 0.75,
        "figures_f1": 1.0,
        "count_f1": 1.0,
        "money_f1": 1.0,
        "percent_f1": 1.0,
        "figure_unit_acc": 1.0,
        "figure_qualifier_acc": 1.0,
    },
    "unseen3": {
        "nodes_f1": 0.942,
        "node_issuer_acc": 0.939,
        "doc_issuer_acc": 0.916,
        "doc_year_acc": 1.0,
        "figures_f1": 1.0,
        "count_f1": 1.0,
        "money_f1": 1.0,
        "percent_f1": 1.0,
        "figure_unit_acc": 1.0,
        "figure_qualifier_acc": 1.0,
    },
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory) -> tuple[str, dict]:
    name = request.param
    bulletins, gold = SETS[name]
    store = tmp_path_factory.mktemp(f"quality-{name}")
    report = pipeline.ingest([str(bulletins)], store)
    assert report.ok, [o.reason for o in report.failed]
    pipeline.extract(store)
    return name, score(gold, store)


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


def test_scores_do_not_fall_below_their_floors(scored: tuple[str, dict]) -> None:
    name, summary = scored
    got = measured(summary)
    below = {m: (got[m], floor) for m, floor in FLOORS[name].items() if got[m] < floor}
    assert not below, f"{name}: metric (score, floor) below its floor: {below}"


def test_every_bulletin_is_scored(scored: tuple[str, dict]) -> None:
    _name, summary = scored
    assert summary["docs_gold"] > 0
    assert summary["docs_found"] == summary["docs_gold"]


def test_no_page_furniture_traditional_script_or_pinyin_survives(scored: tuple[str, dict]) -> None:
    name, summary = scored
    assert summary["junk_leaked"] <= JUNK_CEILINGS[name]
    assert summary["pinyin_left"] == 0
    assert summary["traditional_chars_left"] == 0
