"""Tests for casekit.export: every format is read back with its own tool.

The expected values come from the hand-made records in ``test_filters`` (the JSONL source),
not from the exporter's output; the joined ``figures_view`` rows are checked against values
written out by hand below.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from casekit import export as export_module
from casekit.export import (
    COLUMNS,
    FORMATS,
    MANIFEST,
    ExportDestinationError,
    MissingExtraError,
    default_destination,
    export_store,
    model_columns,
    stata_name,
)
from casekit.filters import Filters, StoreNotFoundError
from casekit.models import Bulletin, Figure, Initiative
from casekit.storage import store_file

try:
    from test_filters import BA, BB, LONG_TEXT, TRICKY, build_store, bulletins, figures, initiatives
except ImportError:  # tests run as a package
    from tests.test_filters import BA, BB, LONG_TEXT, TRICKY, build_store, bulletins, figures, initiatives

SOURCE = {"bulletins": bulletins, "initiatives": initiatives, "figures": figures}

# figures_view rows checked by hand: figure id -> (bulletin source, year, initiative path, label, issuer)
VIEW_BY_HAND = {
    f"{BA}:f10-13": ("data/raw/hz_2011.txt", 2011, "1", "一、", "上城区委组织部"),
    f"{BA}:f20-23": ("data/raw/hz_2011.txt", 2011, "1.1", "(一)", None),
    f"{BA}:f40-43": ("data/raw/hz_2011.txt", 2011, None, None, None),  # outside any initiative
    f"{BB}:f10-13": ("/srv/in/lq.txt", 2019, "1", "1、", "龙泉市人社局"),
}
VIEW_KEYS = ("bulletin_source", "bulletin_year", "initiative_path", "initiative_label", "initiative_issuer")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return build_store(tmp_path / "out")


def expected_rows(table: str) -> list[dict[str, Any]]:
    """The source records of a table as dicts of their exported columns."""
    names = [c.name for c in COLUMNS[table]]
    return [{n: getattr(r, n) for n in names} for r in SOURCE[table]()]


def flat(value: Any, none: Any = "") -> Any:
    """How the flat formats (csv, xlsx, stata) show a value."""
    if value is None or value == []:
        return none  # an empty list is an empty cell
    return "；".join(value) if isinstance(value, list) else value


def check_view(rows: list[dict[str, Any]], none: Any = None) -> None:
    assert len(rows) == len(figures())
    by_id = {r["figure_id"]: r for r in rows}
    for figure_id, values in VIEW_BY_HAND.items():
        expected = tuple(none if v is None else v for v in values)
        assert tuple(by_id[figure_id][k] for k in VIEW_KEYS) == expected
    assert by_id[f"{BB}:f10-13"]["initiative_title"] == "=1+1 不是公式"
    assert by_id[f"{BA}:f10-13"]["sentence"] == TRICKY


# --- table layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Bulletin, Initiative, Figure])
def test_every_model_field_is_exported(model) -> None:
    names = [c.name for c in model_columns(model)]
    assert sorted(names) == sorted(set(model.model_fields) - {"schema_version"})
    assert names[0] == "id"


def test_column_types() -> None:
    types = {c.name: c.type for c in COLUMNS["initiatives"]}
    assert (types["points"], types["level"], types["issuer"], types["kind"]) == ("list", "int", "str", "str")
    assert {c.name: c.type for c in COLUMNS["figures"]}["value"] == "float"
    assert {c.name: c.type for c in COLUMNS["bulletins"]}["year"] == "int"


def test_stata_names() -> None:
    taken: set[str] = set()
    assert stata_name("end", taken) == "end_"
    assert stata_name("Issuer Name", taken) == "issuer_name"
    assert stata_name("2019年", taken) == "v_2019_"
    long = stata_name("x" * 40, taken)
    assert len(long) == 32
    again = stata_name("x" * 40, taken)
    assert again != long and len(again) <= 32


# --- csv ------------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_round_trip(store: Path) -> None:
    result = export_store(store, "csv")
    folder = default_destination(store, "csv")
    assert result.destination == folder == store / "export" / "csv"
    assert result.rows == {"bulletins": 2, "initiatives": 4, "figures": 7, "figures_view": 7}
    assert result.ok and [p.name for p in result.files] == [f"{t}.csv" for t in sorted(COLUMNS)]
    for table in ("bulletins", "initiatives", "figures"):
        rows = read_csv(folder / f"{table}.csv")
        assert rows == [{k: str(flat(v)) for k, v in r.items()} for r in expected_rows(table)]
    initiative = read_csv(folder / "initiatives.csv")[0]
    assert initiative["title"] == TRICKY
    assert initiative["text"] == '正文, 有"引号"\n和换行'
    assert initiative["lead_units"] == "区委组织部；区人社局"
    assert read_csv(folder / "bulletins.csv")[0]["text"] == LONG_TEXT
    view = read_csv(folder / "figures_view.csv")
    check_view([{**r, "bulletin_year": int(r["bulletin_year"])} for r in view], none="")


def test_csv_is_rfc4180(store: Path) -> None:
    export_store(store, "csv", bom=False)
    raw = (default_destination(store, "csv") / "initiatives.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0].startswith(b"id,bulletin_id,parent_id,")
    # A field holding a comma, quotes and a newline is quoted, its quotes doubled.
    assert '"科学分析,""绩效""考评\n第二行, 含逗号"'.encode() in raw


def test_csv_bom_by_default(store: Path) -> None:
    export_store(store, "csv")
    raw = (default_destination(store, "csv") / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")


# --- xlsx -----------------------------------------------------------------------------------------


def test_xlsx_round_trip(store: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    result = export_store(store, "xlsx")
    path = store / "export" / "xlsx" / "casekit.xlsx"
    assert result.files == [path]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["bulletins", "initiatives", "figures", "figures_view", "notes"]
    for table in ("initiatives", "figures"):
        sheet = book[table]
        assert sheet.freeze_panes == "A2"
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0] == [c.name for c in COLUMNS[table]]
        # Excel has no empty string: "" and [] come back as empty cells.
        assert values[1:] == [
            [flat(v, None) if v != "" else None for v in r.values()] for r in expected_rows(table)
        ]
    widths = book["initiatives"].column_dimensions
    assert widths["A"].width >= 20  # ids are readable without resizing
    # Formula-looking text stays text.
    title_cell = book["initiatives"].cell(
        row=5, column=[c.name for c in COLUMNS["initiatives"]].index("title") + 1
    )
    assert (title_cell.value, title_cell.data_type) == ("=1+1 不是公式", "s")
    # The 40 000-character text is cut to Excel's limit, marked, and the note says so.
    text_col = [c.name for c in COLUMNS["bulletins"]].index("text") + 1
    text = book["bulletins"].cell(row=2, column=text_col).value
    assert len(text) == 32767 and text.endswith("…[truncated]") and text.startswith(LONG_TEXT[:100])
    assert book["bulletins"].cell(row=3, column=text_col).value == bulletins()[1].text
    notes = " ".join(str(r[0].value) for r in book["notes"].iter_rows())
    assert "bulletins.text: 1 cell(s)" in notes and "truncated" in notes
    assert any("truncated" in n for n in result.notes)
    view_rows = list(book["figures_view"].iter_rows(values_only=True))
    check_view([dict(zip(view_rows[0], r, strict=True)) for r in view_rows[1:]])


# --- parquet --------------------------------------------------------------------------------------


def test_parquet_round_trip(store: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    export_store(store, "parquet")
    folder = store / "export" / "parquet"
    for table in ("bulletins", "initiatives", "figures"):
        data = pq.read_table(folder / f"{table}.parquet")
        assert data.to_pylist() == expected_rows(table)
    schema = pq.read_schema(folder / "initiatives.parquet")
    assert schema.field("points").type == pa.list_(pa.string())
    assert schema.field("level").type == pa.int64()
    assert pq.read_schema(folder / "bulletins.parquet").field("year").type == pa.int64()
    assert pq.read_schema(folder / "figures.parquet").field("value").type == pa.float64()
    check_view(pq.read_table(folder / "figures_view.parquet").to_pylist())


# --- sqlite ---------------------------------------------------------------------------------------


def test_sqlite_round_trip(store: Path) -> None:
    result = export_store(store, "sqlite")
    path = store / "export" / "sqlite" / "casekit.sqlite"
    assert result.files == [path]
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    for table in ("bulletins", "initiatives", "figures"):
        rows = [dict(r) for r in db.execute(f"SELECT * FROM {table}")]
        expected = [
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()}
            for r in expected_rows(table)
        ]
        assert rows == expected
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    pk = [r["name"] for r in db.execute("PRAGMA table_info(figures)") if r["pk"]]
    assert pk == ["id"]
    fks = {(r["from"], r["table"]) for r in db.execute("PRAGMA foreign_key_list(figures)")}
    assert fks == {("bulletin_id", "bulletins"), ("initiative_id", "initiatives")}
    indexes = {r["name"] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"figures_kind", "initiatives_issuer", "bulletins_issuer", "figures_initiative_id"} <= indexes
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name = 'figures_view'").fetchall())
    assert kinds == {"figures_view": "view"}
    check_view([dict(r) for r in db.execute("SELECT * FROM figures_view")])
    units = db.execute(
        "SELECT j.value FROM initiatives, json_each(initiatives.lead_units) j WHERE initiatives.id = ?",
        [f"{BA}:1"],
    ).fetchall()
    assert [u[0] for u in units] == ["区委组织部", "区人社局"]
    db.close()


# --- duckdb ---------------------------------------------------------------------------------------


def test_duckdb_round_trip(store: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    export_store(store, "duckdb")
    db = duckdb.connect(str(store / "export" / "duckdb" / "casekit.duckdb"), read_only=True)
    for table in ("bulletins", "initiatives", "figures"):
        cursor = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        assert [dict(zip(names, r, strict=True)) for r in cursor.fetchall()] == expected_rows(table)
    types = dict(
        db.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'initiatives'"
        ).fetchall()
    )
    assert (types["points"], types["level"]) == ("VARCHAR[]", "BIGINT")
    constraints = {
        (t, c)
        for t, c in db.execute("SELECT table_name, constraint_type FROM duckdb_constraints()").fetchall()
    }
    assert {("bulletins", "PRIMARY KEY"), ("figures", "FOREIGN KEY")} <= constraints
    assert db.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'figures_view'").fetchone() == (
        1,
    )
    cursor = db.execute("SELECT * FROM figures_view")
    names = [d[0] for d in cursor.description]
    check_view([dict(zip(names, r, strict=True)) for r in cursor.fetchall()])
    db.close()


# --- stata ----------------------------------------------------------------------------------------


def test_stata_round_trip(store: Path) -> None:
    pd = pytest.importorskip("pandas")
    export_store(store, "stata")
    folder = store / "export" / "stata"
    for table in ("bulletins", "initiatives", "figures"):
        frame = pd.read_stata(folder / f"{table}.dta")
        assert all(name.isascii() and len(name) <= 32 for name in frame.columns)
        assert len(frame) == len(SOURCE[table]())
        for row, expected in zip(frame.to_dict("records"), expected_rows(table), strict=True):
            for name, value in expected.items():
                got = row["end_" if name == "end" else name]
                if isinstance(value, int | float) and value is not None:
                    assert got == pytest.approx(value)
                elif value is None and isinstance(got, float):
                    assert pd.isna(got)
                else:
                    assert got == flat(value)
    bulletin_text = pd.read_stata(folder / "bulletins.dta")["text"][0]
    assert bulletin_text == LONG_TEXT  # a strL keeps the whole text
    view = pd.read_stata(folder / "figures_view.dta").to_dict("records")
    check_view([{**r, "bulletin_year": int(r["bulletin_year"])} for r in view], none="")


# --- jsonl ----------------------------------------------------------------------------------------


def test_jsonl_keeps_records_as_they_are(store: Path) -> None:
    export_store(store, "jsonl", filters=Filters(kind="percent"))
    folder = store / "export" / "jsonl"
    lines = (folder / "figures.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Figure.model_validate_json(line) for line in lines] == [
        f for f in figures() if f.kind == "percent"
    ]
    bulletin_lines = (folder / "bulletins.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Bulletin.model_validate_json(line) for line in bulletin_lines] == bulletins()
    view = [
        json.loads(line) for line in (folder / "figures_view.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [v["figure_id"] for v in view] == [f"{BA}:f30-33", f"{BB}:f20-23"]
    assert view[0]["initiative_title"] == "全市推开"
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["filters"] == {"kind": "percent"} and manifest["rows"]["figures"] == 2


# --- filters, destinations, atomic replacement ----------------------------------------------------


def test_traditional_issuer_filter_in_export(store: Path) -> None:
    result = export_store(store, "csv", filters=Filters(issuer="龍泉市人社局"))
    assert result.rows == {"bulletins": 1, "initiatives": 1, "figures": 2, "figures_view": 2}
    view = read_csv(result.destination / "figures_view.csv")
    assert {r["initiative_issuer"] for r in view} == {"龙泉市人社局"}


def test_exporting_twice_replaces_the_export(store: Path) -> None:
    export_store(store, "csv")
    folder = default_destination(store, "csv")
    (folder / "stale.csv").write_text("old", encoding="utf-8")  # must not survive a re-export
    result = export_store(store, "csv", filters=Filters(year=2019))
    assert result.rows["bulletins"] == 1
    assert len(read_csv(folder / "bulletins.csv")) == 1
    assert not (folder / "stale.csv").exists()
    for fmt in ("sqlite", "duckdb"):
        if fmt == "duckdb":
            pytest.importorskip("duckdb")
        export_store(store, fmt)
        export_store(store, fmt, filters=Filters(kind="money"))
    db = sqlite3.connect(store / "export" / "sqlite" / "casekit.sqlite")
    assert db.execute("SELECT count(*) FROM figures").fetchone() == (2,)
    db.close()
    leftovers = [p.name for p in (store / "export").rglob(".*")]
    assert leftovers == []


def test_failed_export_leaves_the_previous_one(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export_store(store, "csv")
    export_store(store, "sqlite")

    def broken(job) -> None:
        (job.target / "half.csv" if job.target.is_dir() else job.target).write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setitem(export_module._WRITERS, "csv", broken)
    monkeypatch.setitem(export_module._WRITERS, "sqlite", broken)
    for fmt in ("csv", "sqlite"):
        with pytest.raises(RuntimeError):
            export_store(store, fmt, filters=Filters(year=2019))
    assert len(read_csv(store / "export" / "csv" / "bulletins.csv")) == 2
    db = sqlite3.connect(store / "export" / "sqlite" / "casekit.sqlite")
    assert db.execute("SELECT count(*) FROM bulletins").fetchone() == (2,)
    db.close()
    assert [p.name for p in (store / "export").rglob(".*")] == []


def test_to_overrides_the_destination(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    assert export_store(store, "sqlite", to=target).files == [target / "casekit.sqlite"]
    assert export_store(store, "sqlite", to=tmp_path / "x.db").files == [tmp_path / "x.db"]
    assert export_store(store, "csv", to=tmp_path / "csvs").destination == tmp_path / "csvs"
    assert (tmp_path / "csvs" / "figures_view.csv").is_file()


def test_refuses_to_replace_a_folder_that_is_not_an_export(store: Path, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(ExportDestinationError):
        export_store(store, "csv", to=documents)
    assert (documents / "thesis.docx").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize(
    ("fmt", "modules", "extra"),
    [
        ("parquet", ["pyarrow", "pyarrow.parquet"], "parquet"),
        ("duckdb", ["duckdb"], "duckdb"),
        ("xlsx", ["openpyxl"], "xlsx"),
        ("stata", ["pandas"], "stata"),
    ],
)
def test_missing_extra_gives_the_install_hint(
    store: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, modules: list[str], extra: str
) -> None:
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError, match=rf"pip install 'casekit\[{extra}\]'"):
        export_store(store, fmt)
    assert not (store / "export").exists()


def test_unknown_format_lists_the_formats(store: Path) -> None:
    with pytest.raises(ValueError, match="csv, xlsx, parquet, sqlite, duckdb, stata, jsonl"):
        export_store(store, "sas")
    assert len(FORMATS) == 7


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        export_store(tmp_path, "csv")


def test_broken_lines_are_returned_as_problems(store: Path) -> None:
    with store_file(store, "initiatives").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "half\n')
    result = export_store(store, "sqlite")
    assert not result.ok
    assert [(p.path.name, p.line_no) for p in result.problems] == [("initiatives.jsonl", 5)]
    assert result.rows["initiatives"] == 4


def test_refuses_to_overwrite_a_store_file(store: Path) -> None:
    before = store_file(store, "figures").read_bytes()
    with pytest.raises(ExportDestinationError):
        export_store(store, "sqlite", to=store_file(store, "figures"))
    with pytest.raises(ExportDestinationError):
        export_store(store, "csv", to=store)  # the store folder is not an export folder
    assert store_file(store, "figures").read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_an_empty_selection(store: Path, fmt: str) -> None:
    result = export_store(store, fmt, filters=Filters(year=1900))
    assert result.rows == {"bulletins": 0, "initiatives": 0, "figures": 0, "figures_view": 0}
    assert result.ok and all(p.exists() for p in result.files)


@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_dangling_figures_are_reported_not_loaded(store: Path, fmt: str) -> None:
    pytest.importorskip("duckdb")
    dangling = figures()[0].model_copy(update={"id": f"{BA}:f99-100", "initiative_id": f"{BA}:9"})
    with store_file(store, "figures").open("a", encoding="utf-8") as fh:
        fh.write(dangling.model_dump_json() + "\n")
    result = export_store(store, fmt)  # foreign keys would reject the row: it is skipped and reported
    assert result.rows["figures"] == 7
    assert [p.line_no for p in result.problems] == [8] and f"{BA}:9" in result.problems[0].reason


def test_xlsx_cuts_sheets_at_the_row_limit(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(export_module, "EXCEL_ROW_LIMIT", 4)  # header + 3 rows
    result = export_store(store, "xlsx")
    assert result.rows == {"bulletins": 2, "initiatives": 3, "figures": 3, "figures_view": 3}
    assert "figures: more rows than an Excel sheet holds; cut at 3" in result.notes
    book = openpyxl.load_workbook(result.files[0])
    assert book["figures"].max_row == 4 and book["bulletins"].max_row == 3
