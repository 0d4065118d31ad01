"""The JSONL store: round trips, broken lines reported and kept, atomic replacement."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from casekit.models import SCHEMA_VERSION, Figure
from casekit.storage import (
    atomic_writer,
    iter_records,
    parse_line,
    save_rejected,
    store_file,
    to_json_line,
    write_records,
)


def figure(n: int, text: str = "46个") -> Figure:
    return Figure(
        kind="count",
        value=float(n),
        unit="个",
        text=text,
        start=n,
        end=n + len(text),
        sentence="句子,含“引号”",
    )


def test_round_trip_keeps_chinese_unescaped(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    assert write_records(path, [figure(1), figure(2, "二十余万元")]) == 2
    raw = path.read_text(encoding="utf-8")
    assert "二十余万元" in raw and "\\u" not in raw
    back = list(iter_records(path, Figure))
    assert [f.text for f in back] == ["46个", "二十余万元"]
    assert back[0].schema_version == SCHEMA_VERSION


def test_missing_file_reads_as_empty(tmp_path: Path) -> None:
    assert list(iter_records(tmp_path / "nope.jsonl", Figure)) == []


def test_broken_lines_are_reported_with_file_and_line_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    good = to_json_line(figure(1))
    path.write_text(good + '{"kind": "count", "value": \n' + "[1, 2]\n" + good, encoding="utf-8")
    problems = []
    records = list(iter_records(path, Figure, problems.append))
    assert len(records) == 2
    assert [p.line_no for p in problems] == [2, 3]
    assert "not JSON" in problems[0].reason and "not a JSON object" in problems[1].reason
    assert str(problems[0]).startswith(f"{path}:2:")


def test_invalid_record_names_the_field() -> None:
    line = json.dumps({"kind": "count", "value": "many", "text": "x", "start": 0, "end": 1})
    with pytest.raises(ValueError, match="value"):
        parse_line(line, Figure)


def test_newer_major_schema_is_refused() -> None:
    line = figure(1).model_dump() | {"schema_version": "99.0"}
    with pytest.raises(ValueError, match=r"schema_version 99\.0"):
        parse_line(json.dumps(line), Figure)


def test_rejected_lines_are_kept_beside_the_store(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    problems = []
    list(iter_records(path, Figure, problems.append))
    (rejected,) = save_rejected(problems)
    assert rejected.name == "figures.jsonl.rejected"
    assert rejected.read_text(encoding="utf-8") == "not json\n"


def test_atomic_writer_leaves_old_file_on_error(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(path) as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["figures.jsonl"], "no temporary file left behind"


def test_store_file_rejects_unknown_tables(tmp_path: Path) -> None:
    assert store_file(tmp_path, "figures") == tmp_path / "figures.jsonl"
    with pytest.raises(ValueError, match="unknown table"):
        store_file(tmp_path, "people")


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    write_records(path, [figure(1)])
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask, "not mkstemp's private 0600"
