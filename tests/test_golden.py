"""Golden-file test: the JSONL for a hand-written work plan, in UTF-8 and in Big5/traditional.

The expected records (tests/fixtures/golden/workplan.expected.jsonl) were written by hand from
the text, not copied from casekit's output; they project each record onto its stable fields.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit import pipeline
from casekit.models import Bulletin, Figure, Initiative
from casekit.storage import iter_records, store_file

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def expected() -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {"bulletins": [], "initiatives": [], "figures": []}
    for line in (GOLDEN / "workplan.expected.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        tables[row.pop("table")].append(row)
    return tables


def project(store: Path, want: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """casekit's records, cut down to the fields the golden file names."""
    (bulletin,) = iter_records(store_file(store, "bulletins"), Bulletin)
    nodes = list(iter_records(store_file(store, "initiatives"), Initiative))
    paths = {n.id: n.path for n in nodes}
    figures = list(iter_records(store_file(store, "figures"), Figure))
    fields = {table: list(rows[0]) for table, rows in want.items()}
    figure_fields = [k for k in fields["figures"] if k != "path"]
    return {
        "bulletins": [{k: getattr(bulletin, k) for k in fields["bulletins"]}],
        "initiatives": [{k: getattr(n, k) for k in fields["initiatives"]} for n in nodes],
        "figures": [
            {"path": paths.get(f.initiative_id or ""), **{k: getattr(f, k) for k in figure_fields}}
            for f in figures
        ],
    }


@pytest.mark.parametrize(
    ("name", "script", "encoding"),
    [("workplan.txt", "simplified", "utf-8"), ("workplan_big5.txt", "traditional", "big5")],
)
def test_workplan_gives_the_hand_written_records(tmp_path: Path, name: str, script: str, encoding: str):
    report = pipeline.ingest([str(GOLDEN / name)], tmp_path)
    assert report.ok
    pipeline.extract(tmp_path)
    (bulletin,) = iter_records(store_file(tmp_path, "bulletins"), Bulletin)
    assert (bulletin.script, bulletin.encoding) == (script, encoding)
    want = expected()
    got = project(tmp_path, want)
    for table in ("bulletins", "initiatives", "figures"):
        assert got[table] == want[table], table


def test_both_scripts_give_the_same_bulletin_id(tmp_path: Path) -> None:
    report = pipeline.ingest([str(GOLDEN / "workplan.txt"), str(GOLDEN / "workplan_big5.txt")], tmp_path)
    assert [o.status for o in report.outcomes] == ["new", "skipped"]
