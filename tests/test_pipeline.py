"""The stages chained over the real samples: idempotent ingest, bad input, atomic merge, extract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casekit import pipeline
from casekit.models import Bulletin, Figure, Initiative
from casekit.storage import iter_records, store_file


def read_table(store: Path, table: str) -> list[dict]:
    path = store_file(store, table)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, sample_paths) -> Path:
    store = tmp_path_factory.mktemp("store")
    report = pipeline.ingest([str(p) for p in sample_paths], store)
    assert report.ok and report.count("new") == 5
    pipeline.extract(store)
    return store


def test_every_sample_becomes_one_bulletin_with_its_initiatives(ingested: Path, sample_paths) -> None:
    bulletins = read_table(ingested, "bulletins")
    assert sorted(Path(b["source"]).name for b in bulletins) == [p.name for p in sample_paths]
    initiatives = read_table(ingested, "initiatives")
    ids = {b["id"] for b in bulletins}
    assert {i["bulletin_id"] for i in initiatives} == ids, "every bulletin has at least one node"
    assert len({i["id"] for i in initiatives}) == len(initiatives), "initiative ids are unique"
    texts = {b["id"]: b["text"] for b in bulletins}
    for node in initiatives:
        assert 0 <= node["start"] < node["end"] <= len(texts[node["bulletin_id"]])
        if node["parent_id"]:
            assert node["parent_id"].rpartition(":")[0] == node["bulletin_id"]


def test_figure_offsets_point_at_their_text_and_innermost_node(ingested: Path) -> None:
    texts = {b.id: b.text for b in iter_records(store_file(ingested, "bulletins"), Bulletin)}
    nodes = {n.id: n for n in iter_records(store_file(ingested, "initiatives"), Initiative)}
    figures = list(iter_records(store_file(ingested, "figures"), Figure))
    assert len(figures) > 100
    assert len({f.id for f in figures}) == len(figures), "figure ids are unique"
    for fig in figures:
        assert texts[fig.bulletin_id][fig.start : fig.end] == fig.text
        if fig.initiative_id:
            node = nodes[fig.initiative_id]
            assert node.start <= fig.start < node.end
            deeper = [
                n
                for n in nodes.values()
                if n.bulletin_id == fig.bulletin_id and n.start <= fig.start < n.end and n.level > node.level
            ]
            assert not deeper, f"{fig.id} is inside a deeper node than {node.id}"


def test_reingest_skips_everything_and_leaves_files_unchanged(ingested: Path, sample_paths) -> None:
    before = {t: store_file(ingested, t).read_bytes() for t in ("bulletins", "initiatives")}
    report = pipeline.ingest([str(p) for p in sample_paths], ingested)
    assert report.count("skipped") == 5 and report.count("new") == 0
    assert all("already in the store" in (o.reason or "") for o in report.outcomes)
    assert {t: store_file(ingested, t).read_bytes() for t in before} == before


def test_force_replaces_without_duplicating(tmp_path: Path, sample_paths) -> None:
    pipeline.ingest([str(sample_paths[0])], tmp_path)
    first = read_table(tmp_path, "initiatives")
    report = pipeline.ingest([str(sample_paths[0])], tmp_path, force=True)
    assert report.count("replaced") == 1
    assert len(read_table(tmp_path, "bulletins")) == 1
    assert read_table(tmp_path, "initiatives") == first


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_the_same_bulletin_in_another_encoding_gets_the_same_id(tmp_path: Path, sample_paths, encoding):
    original = sample_paths[3]
    copy = tmp_path / "in" / f"copy-{encoding}.txt"
    copy.parent.mkdir()
    copy.write_bytes(original.read_text(encoding="utf-8").encode(encoding))
    store = tmp_path / "store"
    report = pipeline.ingest([str(original), str(copy)], store)
    assert [o.status for o in report.outcomes] == ["new", "skipped"]
    assert "same text as" in report.outcomes[1].reason
    assert report.outcomes[0].bulletin_id == report.outcomes[1].bulletin_id


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path, sample_paths) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(sample_paths[0], inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    store = tmp_path / "store"
    report = pipeline.ingest([str(inputs), str(tmp_path / "missing.txt")], store)
    failed = {Path(o.source).name: o.reason for o in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "missing.txt"}
    assert all(reason for reason in failed.values())
    assert report.count("new") == 1 and not report.ok
    assert len(read_table(store, "bulletins")) == 1


def test_broken_store_line_is_reported_and_moved_aside(tmp_path: Path, sample_paths) -> None:
    pipeline.ingest([str(sample_paths[0])], tmp_path)
    with store_file(tmp_path, "bulletins").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken\n')
    report = pipeline.ingest([str(sample_paths[1])], tmp_path)
    assert [p.line_no for p in report.store_problems] == [2]
    assert len(read_table(tmp_path, "bulletins")) == 2
    rejected = tmp_path / "bulletins.jsonl.rejected"
    assert rejected.read_text(encoding="utf-8") == '{"id": "broken\n'


def test_an_interrupted_merge_leaves_the_previous_store(tmp_path: Path, sample_paths, monkeypatch) -> None:
    pipeline.ingest([str(sample_paths[0])], tmp_path)
    before = store_file(tmp_path, "bulletins").read_bytes()

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_append_file", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest([str(sample_paths[1])], tmp_path)
    assert store_file(tmp_path, "bulletins").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bulletins.jsonl", "initiatives.jsonl"]


def test_extract_twice_gives_the_same_file(ingested: Path) -> None:
    first = store_file(ingested, "figures").read_bytes()
    pipeline.extract(ingested)
    assert store_file(ingested, "figures").read_bytes() == first


def test_extract_pairs_initiatives_even_when_reordered(tmp_path: Path, ingested: Path) -> None:
    for table in ("bulletins", "initiatives"):
        shutil.copy(store_file(ingested, table), store_file(tmp_path, table))
    lines = store_file(tmp_path, "initiatives").read_text(encoding="utf-8").splitlines(keepends=True)
    store_file(tmp_path, "initiatives").write_text("".join(reversed(lines)), encoding="utf-8")
    pairs = list(pipeline.iter_bulletins_with_initiatives(tmp_path))
    assert sum(len(nodes) for _, nodes in pairs) == len(lines)
    assert all(n.bulletin_id == b.id for b, nodes in pairs for n in nodes)


def test_bulletin_id_depends_only_on_the_text() -> None:
    assert pipeline.bulletin_id("一、总则") == pipeline.bulletin_id("一、总则")
    assert pipeline.bulletin_id("一、总则") != pipeline.bulletin_id("二、总则")
    assert pipeline.bulletin_id("x").startswith("b") and len(pipeline.bulletin_id("x")) == 17


def test_worker_processes_give_the_same_store(tmp_path: Path, ingested: Path, sample_paths) -> None:
    report = pipeline.ingest([str(p) for p in sample_paths], tmp_path, jobs=2)
    assert report.count("new") == 5
    pipeline.extract(tmp_path, jobs=2)
    for table in ("bulletins", "initiatives", "figures"):
        assert store_file(tmp_path, table).read_bytes() == store_file(ingested, table).read_bytes(), table


def test_parallel_map_keeps_order_and_reads_in_bounded_batches() -> None:
    consumed: list[int] = []

    def numbers():
        for n in range(100):
            consumed.append(n)
            yield n

    results = pipeline.parallel_map(abs, numbers(), jobs=2, batch=4)
    assert next(results) == 0
    assert len(consumed) <= 8, "only the first batch (batch * jobs items) was read ahead"
    assert [0, *results] == list(range(100))
