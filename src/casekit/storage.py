"""The JSON Lines store: streaming reads that survive broken lines, atomic writes.

A store is a folder holding ``bulletins.jsonl``, ``initiatives.jsonl`` and ``figures.jsonl``.
Every write goes to a temporary file in the same folder that replaces the old file only once
it is complete, so an interrupted run leaves the previous store intact. A line that is not a
valid record is never silently dropped: readers report it (``StoreProblem``) and the writers
that rewrite a file move it to ``<file>.rejected`` beside the store.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from casekit.models import RECORD_TYPES, SCHEMA_VERSION

ModelT = TypeVar("ModelT", bound=BaseModel)

BULLETINS = "bulletins.jsonl"
INITIATIVES = "initiatives.jsonl"
FIGURES = "figures.jsonl"


@dataclass(frozen=True)
class StoreProblem:
    """A line of a store file that could not be read as a record."""

    path: Path
    line_no: int
    reason: str
    raw: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line_no}: {self.reason}"


ProblemSink = Callable[[StoreProblem], None]


def store_file(out_dir: Path, table: str) -> Path:
    """Path of a table's JSONL file (``table`` is 'bulletins', 'initiatives' or 'figures')."""
    if table not in RECORD_TYPES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(RECORD_TYPES)}")
    return Path(out_dir) / f"{table}.jsonl"


def to_json_line(record: BaseModel) -> str:
    """One record as a JSON line (UTF-8 text kept as is, not \\u-escaped)."""
    return record.model_dump_json() + "\n"


def parse_line(line: str, model: type[ModelT]) -> ModelT:
    """Parse one JSONL line into ``model``; raises ValueError with a readable reason."""
    try:
        record = model.model_validate_json(line)  # the fast path: one pass in pydantic-core
    except ValidationError:
        _raise_readable(line, model)  # work out what is wrong only for a broken line
    version = getattr(record, "schema_version", SCHEMA_VERSION)
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"schema_version {version} is not readable by this casekit ({SCHEMA_VERSION})")
    return record


def _raise_readable(line: str, model: type[BaseModel]) -> NoReturn:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    version = data.get("schema_version")
    if version is not None and str(version).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"schema_version {version} is not readable by this casekit ({SCHEMA_VERSION})")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        raise ValueError(f"invalid {model.__name__}: {where}: {first['msg']}") from None
    raise ValueError(f"invalid {model.__name__}")  # pragma: no cover - validate_json and validate agree


def iter_records(path: Path, model: type[ModelT], on_problem: ProblemSink | None = None) -> Iterator[ModelT]:
    """Stream the valid records of a JSONL file; a missing file yields nothing.

    Broken lines are passed to ``on_problem`` (or skipped when it is None) and reading goes on.
    """
    for _line_no, record, _raw in _iter_lines(path, model, on_problem):
        if record is not None:
            yield record


def iter_numbered_records(
    path: Path, model: type[ModelT], on_problem: ProblemSink | None = None
) -> Iterator[tuple[int, ModelT]]:
    """Like ``iter_records``, with each record's line number (for pointing at a line later)."""
    for line_no, record, _raw in _iter_lines(path, model, on_problem):
        if record is not None:
            yield line_no, record


def iter_raw_lines(path: Path, model: type[BaseModel], on_problem: ProblemSink | None = None):
    """Yield ``(record, raw_line)`` for each valid line, reporting broken ones."""
    for _line_no, record, raw in _iter_lines(path, model, on_problem):
        if record is not None:
            yield record, raw


def _iter_lines(path: Path, model: type[ModelT], on_problem: ProblemSink | None):
    path = Path(path)
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="surrogateescape", newline="\n") as fh:
        for line_no, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                record = parse_line(raw, model)
            except ValueError as exc:
                if on_problem is not None:
                    on_problem(StoreProblem(path, line_no, str(exc), raw))
                yield line_no, None, raw
                continue
            yield line_no, record, raw


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _default_file_mode())  # mkstemp makes 0600; a store is shared like any file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _default_file_mode() -> int:
    """0666 less the process umask: the mode ``open()`` would have given the file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_records(path: Path, records: Iterable[BaseModel]) -> int:
    """Atomically write ``records`` as JSON Lines; returns how many were written."""
    count = 0
    with atomic_writer(path) as fh:
        for record in records:
            fh.write(to_json_line(record))
            count += 1
    return count


def save_rejected(problems: Iterable[StoreProblem]) -> list[Path]:
    """Append the raw text of broken lines to ``<file>.rejected`` so that nothing is lost."""
    written: dict[Path, list[str]] = {}
    for problem in problems:
        written.setdefault(problem.path.with_name(problem.path.name + ".rejected"), []).append(
            problem.raw if problem.raw.endswith("\n") else problem.raw + "\n"
        )
    for target, lines in written.items():
        with target.open("a", encoding="utf-8", errors="surrogateescape") as fh:
            fh.writelines(lines)
    return list(written)
