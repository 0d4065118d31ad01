"""Export the JSONL store to the formats analysts open natively, typed and joined.

``export_store(out_dir, fmt)`` writes four tables: ``bulletins``, ``initiatives``, ``figures`` and
``figures_view`` (each figure with its bulletin's source/title/year/issuer and its initiative's
path/label/title/issuer; a VIEW in the SQL formats). Formats:

==========  ==========================================================  ===================
format      what is written                                             needs
==========  ==========================================================  ===================
csv         one ``<table>.csv`` each, UTF-8 (BOM by default), RFC 4180   -
xlsx        ``casekit.xlsx``, one sheet per table + ``notes``            ``casekit[xlsx]``
parquet     one ``<table>.parquet`` each, typed, lists as list columns    ``casekit[parquet]``
sqlite      ``casekit.sqlite``: keys, foreign keys, indexes, VIEW        -
duckdb      ``casekit.duckdb``: keys, foreign keys, VIEW                 ``casekit[duckdb]``
stata       one ``<table>.dta`` each (format 118, Stata 14+)             ``casekit[stata]``
jsonl       the filtered records as they are, + ``figures_view.jsonl``   -
==========  ==========================================================  ===================

Column names are the model field names (``schema_version`` is left out of the tables; folder
exports record it in ``casekit-export.json``). List fields (``points``, ``lead_units``,
``responsible_units``) are list columns in parquet and duckdb, JSON arrays in sqlite, and joined
with ``；`` in csv, xlsx and stata. In Stata, ``end`` (a reserved word) becomes ``end_``.
xlsx cuts cells at 32 767 characters and sheets at 1 048 575 rows, and says so in its ``notes``
sheet and ``ExportResult.notes``. Stata files are built in memory (pandas), one table at a time;
the other formats stream.

The default destination is ``<out_dir>/export/<fmt>/`` (holding ``casekit.<ext>`` for the
single-file formats). Everything is written to a temporary file or folder beside the destination
and renamed over it only once complete, so a failed export leaves the previous one intact. A
folder destination that exists and is not a casekit export is never replaced.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import importlib
import json
import os
import shutil
import sqlite3
import tempfile
import types
import typing
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from casekit.filters import Filters, Selection, select
from casekit.models import RECORD_TYPES, SCHEMA_VERSION, Bulletin, Figure, Initiative
from casekit.storage import StoreProblem, store_file, to_json_line

FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet", "sqlite", "duckdb", "stata", "jsonl")
TABLES: tuple[str, ...] = ("bulletins", "initiatives", "figures", "figures_view")
MANIFEST = "casekit-export.json"

# Formats that write one file (name inside the default folder) rather than a folder of files.
_SINGLE_FILE = {"xlsx": "casekit.xlsx", "sqlite": "casekit.sqlite", "duckdb": "casekit.duckdb"}
# Optional libraries per format: (module to import, pip extra).
_EXTRAS: dict[str, tuple[str, str]] = {
    "xlsx": ("openpyxl", "xlsx"),
    "parquet": ("pyarrow.parquet", "parquet"),
    "duckdb": ("duckdb", "duckdb"),
    "stata": ("pandas", "stata"),
}
LIST_SEPARATOR = "；"
EXCEL_CELL_LIMIT = 32767
EXCEL_ROW_LIMIT = 1_048_576
_TRUNCATION_MARK = "…[truncated]"
_BATCH_ROWS = 4096

ColType = Literal["str", "int", "float", "list"]
T = TypeVar("T")


class ExportError(Exception):
    """An export that cannot be carried out (the CLI reports the message and exits non-zero)."""


class MissingExtraError(ExportError, ImportError):
    """The format needs an optional library that is not installed; the message says what to install."""


class ExportDestinationError(ExportError):
    """The destination exists and is not something an export may replace."""


@dataclass(frozen=True)
class Column:
    """One exported column: its name, its type and a description (from the models)."""

    name: str
    type: ColType
    description: str = ""


@dataclass
class ExportResult:
    """What an export wrote: files, rows per table, problems met in the store, notes."""

    fmt: str
    destination: Path
    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[StoreProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False if the store had broken or inconsistent lines (they were skipped)."""
        return not self.problems


# --- table layout -------------------------------------------------------------------------------

_ID_COLUMNS = ("id", "bulletin_id", "initiative_id", "parent_id")


def _column_type(annotation: Any) -> ColType:
    """Map a pydantic field annotation (``int | None``, ``list[str]``, a Literal...) to a type."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return _column_type(args[0])
    if typing.get_origin(annotation) is list:
        return "list"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    return "str"


def model_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    """The exported columns of a record type: ids first, then the fields in model order."""
    fields = {n: f for n, f in model.model_fields.items() if n != "schema_version"}
    order = [n for n in _ID_COLUMNS if n in fields] + [n for n in fields if n not in _ID_COLUMNS]
    return tuple(Column(n, _column_type(fields[n].annotation), fields[n].description or "") for n in order)


@dataclass(frozen=True)
class ViewColumn(Column):
    """A ``figures_view`` column: taken from the figure (f), its bulletin (b) or initiative (i)."""

    source: str = "f"
    field: str = ""


def _view_columns() -> tuple[ViewColumn, ...]:
    figure = [
        ViewColumn("figure_id" if c.name == "id" else c.name, c.type, c.description, "f", c.name)
        for c in model_columns(Figure)
    ]
    bulletin_types = {c.name: c for c in model_columns(Bulletin)}
    initiative_types = {c.name: c for c in model_columns(Initiative)}
    joined = [
        ViewColumn(f"bulletin_{n}", bulletin_types[n].type, bulletin_types[n].description, "b", n)
        for n in ("source", "title", "year", "issuer")
    ] + [
        ViewColumn(f"initiative_{n}", initiative_types[n].type, initiative_types[n].description, "i", n)
        for n in ("path", "label", "title", "issuer")
    ]
    return (*figure, *joined)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "bulletins": model_columns(Bulletin),
    "initiatives": model_columns(Initiative),
    "figures": model_columns(Figure),
    "figures_view": _view_columns(),
}
VIEW_COLUMNS: tuple[ViewColumn, ...] = COLUMNS["figures_view"]  # type: ignore[assignment]

Row = tuple[Any, ...]


def _record_rows(records: Iterable[BaseModel], columns: tuple[Column, ...]) -> Iterator[Row]:
    names = [c.name for c in columns]
    for record in records:
        yield tuple(getattr(record, n) for n in names)


def _view_rows(selection: Selection) -> Iterator[Row]:
    """Figures joined with the metadata of their bulletin and initiative (None when outside one)."""
    for figure in selection.figures():
        parts = {
            "f": figure,
            "b": selection.bulletin_meta.get(figure.bulletin_id or ""),
            "i": selection.initiative_meta.get(figure.initiative_id or ""),
        }
        yield tuple(
            None if parts[c.source] is None else getattr(parts[c.source], c.field) for c in VIEW_COLUMNS
        )


def table_rows(selection: Selection, table: str) -> Iterator[Row]:
    """The rows of one exported table, as tuples in ``COLUMNS[table]`` order (lists kept as lists)."""
    if table == "figures_view":
        return _view_rows(selection)
    records = {
        "bulletins": selection.bulletins,
        "initiatives": selection.initiatives,
        "figures": selection.figures,
    }[table]()
    return _record_rows(records, COLUMNS[table])


def _flat(value: Any) -> Any:
    """A list as ``；``-joined text, for the formats without list cells."""
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


# --- destinations and atomic replacement --------------------------------------------------------


def default_destination(out_dir: Path, fmt: str) -> Path:
    """``<out_dir>/export/<fmt>/``, plus the file name for the single-file formats."""
    folder = Path(out_dir) / "export" / fmt
    return folder / _SINGLE_FILE[fmt] if fmt in _SINGLE_FILE else folder


def _destination(out_dir: Path, fmt: str, to: Path | None) -> Path:
    if to is None:
        return default_destination(out_dir, fmt)
    to = Path(to)
    if fmt in _SINGLE_FILE and to.is_dir():
        return to / _SINGLE_FILE[fmt]
    return to


def _check_folder_destination(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise ExportDestinationError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MANIFEST).is_file():
        raise ExportDestinationError(f"{dest} is not empty and not a casekit export; choose another --to")


def _check_file_destination(dest: Path, out_dir: Path) -> None:
    if dest.is_dir():
        raise ExportDestinationError(f"{dest} is a folder")
    if dest.exists() and dest.resolve() in {store_file(out_dir, t).resolve() for t in RECORD_TYPES}:
        raise ExportDestinationError(f"{dest} is a file of the store itself")


def _temp_name(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:12]}.tmp")


@contextlib.contextmanager
def _atomic_file(dest: Path) -> Iterator[Path]:
    """A fresh path beside ``dest`` (not created: sqlite/duckdb create it) renamed over it at the end."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(dest)
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal"), tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def _atomic_folder(dest: Path) -> Iterator[Path]:
    """A temporary folder beside ``dest`` that takes its place at the end (two renames)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        yield tmp
        if dest.exists():
            old = _temp_name(dest)
            os.rename(dest, old)
            try:
                os.rename(tmp, dest)
            except OSError:
                os.rename(old, dest)  # put the previous export back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- optional libraries ---------------------------------------------------------------------------


def _require(fmt: str) -> Any:
    """Import the library a format needs, or say which extra installs it."""
    module, extra = _EXTRAS[fmt]
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"the {fmt} export needs {module.split('.')[0]}: pip install 'casekit[{extra}]'"
        ) from exc


# --- the formats --------------------------------------------------------------------------------


@dataclass
class _Job:
    """What every format writer receives; ``rows``/``counted`` keep the row counts."""

    selection: Selection
    target: Path  # the temporary file or folder
    result: ExportResult
    bom: bool = True
    counts: Counter[str] = field(default_factory=Counter)

    def counted(self, table: str, items: Iterable[T]) -> Iterator[T]:
        self.counts[table] += 0
        for item in items:
            self.counts[table] += 1
            yield item

    def rows(self, table: str) -> Iterator[Row]:
        return self.counted(table, table_rows(self.selection, table))

    def finish_counts(self) -> None:
        # In the SQL formats figures_view is a VIEW over figures: one row per figure.
        self.counts.setdefault("figures_view", self.counts["figures"])
        self.result.rows = {t: self.counts[t] for t in TABLES}


def _write_csv(job: _Job) -> None:
    encoding = "utf-8-sig" if job.bom else "utf-8"
    for table in TABLES:
        path = job.target / f"{table}.csv"
        # newline="" lets the csv module write RFC 4180 CRLF records and keep newlines inside fields.
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, dialect="excel")
            writer.writerow([c.name for c in COLUMNS[table]])
            writer.writerows(_flat_rows(job.rows(table), COLUMNS[table]))


def _flat_rows(rows: Iterable[Row], columns: tuple[Column, ...]) -> Iterable[Row]:
    """Rows with their list cells joined (only the list columns are touched, for speed)."""
    lists = [i for i, c in enumerate(columns) if c.type == "list"]
    if not lists:
        return rows
    return (_join_cells(row, lists) for row in rows)


def _join_cells(row: Row, lists: list[int]) -> Row:
    cells = list(row)
    for i in lists:
        cells[i] = LIST_SEPARATOR.join(cells[i])
    return tuple(cells)


def _write_jsonl(job: _Job) -> None:
    sources: dict[str, Callable[[], Iterator[BaseModel]]] = {
        "bulletins": job.selection.bulletins,
        "initiatives": job.selection.initiatives,
        "figures": job.selection.figures,
    }
    for table, records in sources.items():
        with (job.target / f"{table}.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(to_json_line(record) for record in job.counted(table, records()))
    names = [c.name for c in VIEW_COLUMNS]
    with (job.target / "figures_view.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for row in job.rows("figures_view"):
            fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")


def _excel_value(value: Any, openpyxl: Any, sheet: Any, on_truncate: Callable[[], None]) -> Any:
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if not isinstance(value, str):
        return value
    value = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - len(_TRUNCATION_MARK)] + _TRUNCATION_MARK
        on_truncate()
    if value.startswith("="):  # text, not a formula
        cell = openpyxl.cell.WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _excel_width(column: Column) -> float:
    if column.name in ("text", "sentence", "title", "subject") or column.name.endswith("_title"):
        return 60
    if column.name.endswith("id") or column.type == "list" or "issuer" in column.name:
        return 28
    if column.name in ("source", "bulletin_source"):
        return 40
    return 12


def _write_xlsx(job: _Job) -> None:
    openpyxl = _require("xlsx")
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    truncated: Counter[tuple[str, str]] = Counter()
    for table in TABLES:
        columns = COLUMNS[table]
        sheet = workbook.create_sheet(table)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = _excel_width(column)
        sheet.append([c.name for c in columns])
        on_truncate = [functools.partial(truncated.update, [(table, c.name)]) for c in columns]
        for n_rows, row in enumerate(job.rows(table), 1):
            if n_rows >= EXCEL_ROW_LIMIT:  # row 1 is the header
                job.result.notes.append(f"{table}: more rows than an Excel sheet holds; cut at {n_rows - 1}")
                job.counts[table] -= 1  # the row read but not written
                break
            sheet.append(
                [_excel_value(v, openpyxl, sheet, hook) for v, hook in zip(row, on_truncate, strict=True)]
            )
    for (table, column), count in truncated.items():
        job.result.notes.append(
            f"{table}.{column}: {count} cell(s) longer than Excel's {EXCEL_CELL_LIMIT} characters were "
            f"truncated (marked {_TRUNCATION_MARK}); the full text is in the csv/parquet/sqlite exports"
        )
    notes = workbook.create_sheet("notes")
    notes.column_dimensions["A"].width = 120
    notes.append(["note"])
    for line in _about(job) + job.result.notes:
        notes.append([line])
    workbook.save(job.target)


def _about(job: _Job) -> list[str]:
    described = ", ".join(f"{k}={v}" for k, v in job.selection.filters.describe().items()) or "none"
    return [f"casekit export, schema {SCHEMA_VERSION}, from {job.selection.out_dir}", f"filters: {described}"]


_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64"}


def _arrow_schema(pa: Any, columns: tuple[Column, ...]) -> Any:
    fields = []
    for column in columns:
        arrow_type = (
            pa.list_(pa.string()) if column.type == "list" else pa.type_for_alias(_ARROW_TYPES[column.type])
        )
        fields.append(pa.field(column.name, arrow_type, metadata={"description": column.description}))
    return pa.schema(fields)


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_parquet(job: _Job) -> None:
    pq = _require("parquet")
    import pyarrow as pa

    for table in TABLES:
        schema = _arrow_schema(pa, COLUMNS[table])
        with pq.ParquetWriter(job.target / f"{table}.parquet", schema, compression="zstd") as writer:
            for batch in _batches(job.rows(table), _BATCH_ROWS):
                arrays = [
                    pa.array(values, type=f.type)
                    for values, f in zip(zip(*batch, strict=True), schema, strict=True)
                ]
                writer.write_batch(pa.record_batch(arrays, schema=schema))


_PRIMARY_KEYS = {"bulletins": "id", "initiatives": "id", "figures": "id"}
_FOREIGN_KEYS = {
    # parent_id is not a foreign key: an issuer filter may keep a child without its parent.
    "initiatives": [("bulletin_id", "bulletins")],
    "figures": [("bulletin_id", "bulletins"), ("initiative_id", "initiatives")],
}
_SQLITE_INDEXES = {
    "bulletins": ["issuer", "year"],
    "initiatives": ["bulletin_id", "parent_id", "issuer"],
    "figures": ["bulletin_id", "initiative_id", "kind"],
}
_SQLITE_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "list": "TEXT"}
_DUCKDB_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "list": "VARCHAR[]"}


def _q(name: str) -> str:
    """A quoted SQL identifier (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _create_table_sql(table: str, sql_types: dict[str, str]) -> str:
    parts = []
    for column in COLUMNS[table]:
        constraint = " PRIMARY KEY" if _PRIMARY_KEYS.get(table) == column.name else ""
        if column.name == "bulletin_id":
            constraint = " NOT NULL"
        parts.append(f"{_q(column.name)} {sql_types[column.type]}{constraint}")
    parts += [
        f"FOREIGN KEY ({_q(col)}) REFERENCES {_q(ref)}(id)" for col, ref in _FOREIGN_KEYS.get(table, [])
    ]
    return f"CREATE TABLE {_q(table)} (\n  " + ",\n  ".join(parts) + "\n)"


def figures_view_sql() -> str:
    """The ``figures_view`` definition shared by sqlite and duckdb."""
    select_list = ",\n  ".join(f"{c.source}.{_q(c.field)} AS {_q(c.name)}" for c in VIEW_COLUMNS)
    return (
        f"CREATE VIEW figures_view AS SELECT\n  {select_list}\nFROM figures f\n"
        "LEFT JOIN bulletins b ON b.id = f.bulletin_id\n"
        "LEFT JOIN initiatives i ON i.id = f.initiative_id"
    )


def _sqlite_value(value: Any) -> Any:
    # Lists become JSON arrays, which sqlite's json_each() can unnest.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _write_sqlite(job: _Job) -> None:
    connection = sqlite3.connect(job.target)
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a temporary file: no journal needed
        connection.execute("PRAGMA synchronous = OFF")
        for table in TABLES[:3]:
            connection.execute(_create_table_sql(table, _SQLITE_TYPES))
            marks = ", ".join("?" * len(COLUMNS[table]))
            connection.executemany(
                f"INSERT INTO {_q(table)} VALUES ({marks})",
                ([_sqlite_value(v) for v in row] for row in job.rows(table)),
            )
            for column in _SQLITE_INDEXES[table]:
                connection.execute(f"CREATE INDEX {_q(f'{table}_{column}')} ON {_q(table)}({_q(column)})")
        connection.execute(figures_view_sql())
        connection.commit()
    finally:
        connection.close()


def _write_duckdb(job: _Job) -> None:
    duckdb = _require("duckdb")
    with tempfile.TemporaryDirectory(prefix=".casekit-duckdb.", dir=job.target.parent) as scratch:
        connection = duckdb.connect(str(job.target))
        try:
            for table in TABLES[:3]:
                connection.execute(_create_table_sql(table, _DUCKDB_TYPES))
                _duckdb_load(connection, table, job.rows(table), Path(scratch) / f"{table}.jsonl")
            connection.execute(figures_view_sql())
            connection.execute("CHECKPOINT")
        finally:
            connection.close()


def _duckdb_load(connection: Any, table: str, rows: Iterable[Row], scratch: Path) -> None:
    """Bulk-load through DuckDB's JSON reader: far faster than row-by-row inserts."""
    names = [c.name for c in COLUMNS[table]]
    with scratch.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
    types_sql = ", ".join(f"'{c.name}': '{_DUCKDB_TYPES[c.type]}'" for c in COLUMNS[table])
    columns_sql = ", ".join(_q(n) for n in names)
    connection.execute(
        f"INSERT INTO {_q(table)} SELECT {columns_sql} FROM read_json(?, format = 'newline_delimited', "
        f"columns = {{{types_sql}}}, maximum_object_size = 1073741824)",
        [str(scratch)],
    )


STATA_NAME_LIMIT = 32
STATA_STR_LIMIT = 2045  # bytes; longer text needs a strL column
# Stata and Mata reserved words (the list pandas checks); such a column gets a trailing "_".
# fmt: off
_STATA_RESERVED = frozenset({
    "aggregate", "array", "boolean", "break", "byte", "case", "catch", "class", "colvector", "complex",
    "const", "continue", "default", "delegate", "delete", "do", "double", "else", "eltypedef", "end",
    "enum", "explicit", "export", "external", "float", "for", "friend", "function", "global", "goto", "if",
    "inline", "int", "local", "long", "NULL", "pragma", "protected", "quad", "rowvector", "short",
    "typedef", "typename", "virtual", "_all", "_N", "_skip", "_b", "_pi", "in", "_pred", "strL", "_coef",
    "_rc", "using", "_cons", "_se", "with", "_n",
})
# fmt: on


def stata_name(name: str, taken: set[str]) -> str:
    """An ASCII snake_case Stata variable name of at most 32 characters, unique within ``taken``."""
    base = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "_") else "_" for ch in name.lower()) or "v"
    if base[0].isdigit():
        base = "v_" + base
    base = base[:STATA_NAME_LIMIT]
    if base in _STATA_RESERVED:
        base = base[: STATA_NAME_LIMIT - 1] + "_"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[: STATA_NAME_LIMIT - len(str(n)) - 1]}_{n}"
    taken.add(candidate)
    return candidate


def _stata_frame(pd: Any, table: str, rows: Iterable[Row]) -> tuple[Any, list[str], dict[str, str]]:
    columns = COLUMNS[table]
    data: list[list[Any]] = [[] for _ in columns]
    for row in rows:
        for values, value in zip(data, row, strict=True):
            values.append(value)
    taken: set[str] = set()
    frame, strl, labels = {}, [], {}
    for column, values in zip(columns, data, strict=True):
        name = stata_name(column.name, taken)
        if column.type in ("str", "list"):
            values = ["" if v is None else _flat(v) for v in values]
            if any(len(v.encode("utf-8")) > STATA_STR_LIMIT for v in values):
                strl.append(name)
            frame[name] = pd.Series(values, dtype=object)
        elif column.type == "int":
            frame[name] = pd.array(values, dtype="Int64")
        else:
            frame[name] = pd.array(values, dtype="Float64")
        labels[name] = column.description[:80]
    return pd.DataFrame(frame), strl, labels


def _write_stata(job: _Job) -> None:
    pd = _require("stata")
    for table in TABLES:
        frame, strl, labels = _stata_frame(pd, table, job.rows(table))
        frame.to_stata(
            job.target / f"{table}.dta",
            version=118,
            write_index=False,
            convert_strl=strl,
            variable_labels=labels,
            data_label=f"casekit {table}"[:80],
        )


_WRITERS: dict[str, Callable[[_Job], None]] = {
    "csv": _write_csv,
    "xlsx": _write_xlsx,
    "parquet": _write_parquet,
    "sqlite": _write_sqlite,
    "duckdb": _write_duckdb,
    "stata": _write_stata,
    "jsonl": _write_jsonl,
}


def _write_manifest(job: _Job) -> None:
    manifest = {
        "format": job.result.fmt,
        "schema_version": SCHEMA_VERSION,
        "store": str(job.selection.out_dir),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "filters": job.selection.filters.describe(),
        "rows": job.result.rows,
        "problems": len(job.result.problems),
        "notes": job.result.notes,
        "list_separator": LIST_SEPARATOR,
    }
    (job.target / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def export_store(
    out_dir: Path,
    fmt: str,
    to: Path | None = None,
    filters: Filters = Filters(),  # noqa: B008 - frozen dataclass, safe as a default
    bom: bool = True,
) -> ExportResult:
    """Export the store in ``out_dir`` as ``fmt`` to ``to`` (default ``<out_dir>/export/<fmt>/``).

    Raises ValueError (unknown format), MissingExtraError (optional library missing; the message
    holds the ``pip install`` hint), ExportDestinationError (``to`` may not be replaced) and
    ``filters.StoreNotFoundError`` (no store in ``out_dir``). Broken or inconsistent store lines
    are skipped and listed in ``ExportResult.problems``.
    """
    fmt = fmt.lower()
    if fmt not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in _EXTRAS:
        _require(fmt)
    dest = _destination(Path(out_dir), fmt, to)
    single = fmt in _SINGLE_FILE
    if single:
        _check_file_destination(dest, Path(out_dir))
    else:
        _check_folder_destination(dest)
    result = ExportResult(fmt, dest)
    selection = select(Path(out_dir), filters, result.problems.append)
    with (_atomic_file if single else _atomic_folder)(dest) as target:
        job = _Job(selection, target, result, bom)
        _WRITERS[fmt](job)
        job.finish_counts()
        if not single:
            _write_manifest(job)
    result.files = [dest] if single else sorted(p for p in dest.iterdir() if p.name != MANIFEST)
    return result
