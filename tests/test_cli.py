"""The command line: help and version, exit codes, data on stdout, reports on stderr."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casekit import __version__, cli
from casekit.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch) -> None:
    """Rich wraps at 80 columns off a terminal; tests read whole lines."""
    monkeypatch.setattr(cli.err, "width", 300)
    monkeypatch.setattr(cli.out, "width", 300)


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_paths) -> Path:
    out = tmp_path_factory.mktemp("cli-store")
    assert invoke("ingest", str(sample_paths[0].parent), "--out", str(out), "--quiet").exit_code == 0
    assert invoke("extract", "--out", str(out), "--quiet").exit_code == 0
    return out


def test_version_and_help() -> None:
    assert invoke("--version").stdout.strip() == f"casekit {__version__}"
    for command in ("ingest", "extract", "export", "stats", "show", "schema"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example: casekit" in result.stdout, f"{command} --help shows an example"


def test_ingest_reports_failures_and_exits_1(tmp_path: Path, sample_paths) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(sample_paths[2], tmp_path / "good.txt")
    result = invoke("ingest", str(tmp_path), "--out", str(tmp_path / "store"))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "1 new" in result.stderr
    assert result.stdout == "", "reports go to stderr"


def test_second_ingest_skips_and_exits_0(store: Path, sample_paths) -> None:
    result = invoke("ingest", str(sample_paths[0]), "--out", str(store))
    assert result.exit_code == 0
    assert "1 skipped" in result.stderr


def test_extract_without_store_says_what_to_do(tmp_path: Path) -> None:
    result = invoke("extract", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "casekit ingest" in result.stderr


def test_schema_prints_json_schemas_on_stdout() -> None:
    payload = json.loads(invoke("schema").stdout)
    assert set(payload) == {"schema_version", "bulletins", "initiatives", "figures"}
    assert "qualifier" in json.loads(invoke("schema", "figures").stdout)["properties"]
    assert invoke("schema", "people").exit_code == 2


def test_show_prints_the_outline_tree(store: Path, sample_paths) -> None:
    result = invoke("show", sample_paths[3].name, "--out", str(store))
    assert result.exit_code == 0
    assert "1" in result.stdout and "fig." in result.stdout
    assert invoke("show", "no-such-bulletin", "--out", str(store)).exit_code == 1


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "pdf", "--out", "nowhere"]).exit_code == 2


def test_stats_json_is_data_on_stdout(store: Path) -> None:
    result = invoke("stats", "--out", str(store), "--json", "--kind", "money")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert json.dumps(payload, ensure_ascii=False).count("money") >= 1


def test_stats_bad_kind_is_a_usage_error(store: Path) -> None:
    result = invoke("stats", "--out", str(store), "--kind", "weight")
    assert result.exit_code == 2
    assert "weight" in result.stderr


def test_export_csv_then_again_replaces_it(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "csv"
    for _ in range(2):
        result = invoke("export", "--format", "csv", "--out", str(store), "--to", str(target))
        assert result.exit_code == 0, result.stderr
    assert (target / "figures_view.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in target.glob("*.csv")) == [
        "bulletins.csv",
        "figures.csv",
        "figures_view.csv",
        "initiatives.csv",
    ]


def test_export_without_its_extra_says_how_to_install_it(store: Path, tmp_path: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = invoke("export", "--format", "parquet", "--out", str(store), "--to", str(tmp_path / "pq"))
    assert result.exit_code == 1
    assert "pip install" in result.stderr and "casekit[parquet]" in result.stderr


def test_export_from_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    result = invoke("export", "--format", "csv", "--out", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "casekit ingest" in result.stderr


def test_extract_reports_a_broken_store_line_and_exits_1(store: Path, tmp_path: Path) -> None:
    for table in ("bulletins", "initiatives"):
        shutil.copy(store / f"{table}.jsonl", tmp_path / f"{table}.jsonl")
    with (tmp_path / "bulletins.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    result = invoke("extract", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "bulletins.jsonl:6" in result.stderr and "not JSON" in result.stderr
    assert (tmp_path / "figures.jsonl").stat().st_size > 0, "the valid bulletins were processed"
