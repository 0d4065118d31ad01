"""The stages chained: ``ingest`` (read → normalize → outline → issuers → store) and ``extract``
(store → figures → store).

Both stream: one bulletin is in memory at a time, new records are staged on disk, and the store
files are replaced atomically at the end, so an interrupted run leaves the previous store intact.
Re-running on the same input never duplicates a record: a bulletin's id is derived from its
normalized text, and a bulletin already in the store is skipped unless ``force`` is set.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Literal, TypeVar

from casekit import figures as figures_stage
from casekit import issuers as issuers_stage
from casekit import outline as outline_stage
from casekit.models import Bulletin, Figure, Initiative, NodeFields
from casekit.normalize import normalize
from casekit.reading import InputError, RawDocument, iter_input_paths, read_source
from casekit.storage import (
    StoreProblem,
    atomic_writer,
    iter_raw_lines,
    iter_records,
    save_rejected,
    store_file,
    to_json_line,
)

Status = Literal["new", "replaced", "skipped", "failed"]
T = TypeVar("T")
R = TypeVar("R")
# fork shares the loaded dictionaries with the workers; elsewhere the default is safe
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else None


@dataclass(frozen=True)
class FileOutcome:
    """What became of one input."""

    source: str
    status: Status
    reason: str | None = None
    bulletin_id: str | None = None
    script: str | None = None
    initiatives: int = 0
    size: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    store_problems: list[StoreProblem] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def initiatives(self) -> int:
        return sum(o.initiatives for o in self.outcomes if o.status in ("new", "replaced"))

    @property
    def scripts(self) -> dict[str, int]:
        mix: dict[str, int] = {}
        for o in self.outcomes:
            if o.status in ("new", "replaced") and o.script:
                mix[o.script] = mix.get(o.script, 0) + 1
        return mix

    @property
    def ok(self) -> bool:
        return not self.failed and not self.store_problems


@dataclass
class ExtractReport:
    bulletins: int = 0
    figures: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    store_problems: list[StoreProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.store_problems


ProgressHook = Callable[[FileOutcome], None]


def bulletin_id(normalized_text: str) -> str:
    """Stable id of a bulletin: the same text, however it was encoded, gets the same id."""
    return "b" + hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]


def build_bulletin(raw: RawDocument) -> tuple[Bulletin, list[Initiative]]:
    """Run every ingest stage over one decoded document."""
    normalized = normalize(raw.text)
    text = normalized.text
    bid = bulletin_id(text)
    title = issuers_stage.bulletin_title(text)
    issuer, issuer_raw = issuers_stage.bulletin_issuer(text, title)
    nodes = outline_stage.parse_outline(text)
    nodes = issuers_stage.assign_issuers(nodes, issuer, issuers_stage.bulletin_place(text, title))
    bulletin = Bulletin(
        id=bid,
        source=raw.source,
        sha256=raw.sha256,
        encoding=raw.encoding,
        script=normalized.script,
        title=title,
        issuer=issuer,
        issuer_raw=issuer_raw,
        year=issuers_stage.bulletin_year(text),
        n_chars=len(text),
        text=text,
    )
    return bulletin, to_initiatives(bid, nodes)


def to_initiatives(bid: str, nodes: Iterable[NodeFields]) -> list[Initiative]:
    """Give outline nodes their stable ids and parent links."""
    initiatives = []
    for node in nodes:
        parent_path = node.path.rpartition(".")[0]
        initiatives.append(
            Initiative(
                **node.model_dump(),
                id=f"{bid}:{node.path}",
                bulletin_id=bid,
                parent_id=f"{bid}:{parent_path}" if parent_path else None,
            )
        )
    return initiatives


def list_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[InputError]]:
    """Expand files, folders and globs; what cannot be found comes back as errors."""
    paths: list[Path] = []
    errors: list[InputError] = []
    for item in iter_input_paths(inputs):
        (errors if isinstance(item, InputError) else paths).append(item)  # type: ignore[arg-type]
    return paths, errors


@dataclass(frozen=True)
class _Built:
    """What processing one input gives, already serialized (cheap to pass between processes)."""

    source: str
    size: int
    error: str | None = None
    bulletin_id: str | None = None
    script: str | None = None
    bulletin_line: str = ""
    initiative_lines: str = ""  # JSON lines, joined: one object to pass between processes
    initiatives: int = 0


def _build_from_path(path: Path) -> _Built:
    source = str(path)
    try:
        raw = read_source(path)
    except InputError as exc:
        return _Built(source, 0, exc.reason)
    try:
        bulletin, initiatives = build_bulletin(raw)
    except Exception as exc:  # a bug must not cost the user the rest of the batch
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return _Built(source, raw.size, reason)
    return _Built(
        source,
        raw.size,
        None,
        bulletin.id,
        bulletin.script,
        to_json_line(bulletin),
        "".join(to_json_line(i) for i in initiatives),
        len(initiatives),
    )


def parallel_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, batch: int = 16) -> Iterator[R]:
    """``map(fn, items)`` in order, over ``jobs`` processes, with at most ``batch * jobs`` in flight.

    Items are submitted as results are consumed (a sliding window), so the workers never wait
    for a whole batch and a large store is never read into memory ahead of them. Heavy
    resources loaded before the call are inherited by forked workers.
    """
    if jobs <= 1:
        yield from map(fn, items)
        return
    window = batch * jobs
    with multiprocessing.get_context(_START_METHOD).Pool(jobs) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.apply_async(fn, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def default_jobs() -> int:
    """Worker processes to use by default: one per available core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def ingest(
    inputs: Iterable[str],
    out_dir: Path,
    *,
    force: bool = False,
    on_file: ProgressHook | None = None,
    paths: list[Path] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Add new bulletins to the store in ``out_dir``; skip those already there unless ``force``.

    ``paths`` may pass inputs already expanded by ``list_inputs`` (the CLI does, to size its
    progress bar); ``on_file`` is called after each input; ``jobs`` > 1 processes files in
    that many worker processes (the output is the same, in the same order).
    """
    out_dir = Path(out_dir)
    report = IngestReport()
    if paths is None:
        paths, errors = list_inputs(inputs)
        report.outcomes += [FileOutcome(e.path, "failed", e.reason) for e in errors]
    existing = {
        b.id for b in iter_records(store_file(out_dir, "bulletins"), Bulletin, report.store_problems.append)
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".casekit-ingest-", dir=out_dir))
    try:
        staged_ids = _stage_new_bulletins(paths, existing, force, staging, report, on_file, jobs)
        if staged_ids:
            _merge_into_store(out_dir, staging, staged_ids, report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _stage_new_bulletins(
    paths: list[Path],
    existing: set[str],
    force: bool,
    staging: Path,
    report: IngestReport,
    on_file: ProgressHook | None,
    jobs: int,
) -> set[str]:
    staged: dict[str, str] = {}
    if jobs > 1 and len(paths) > 1:
        warm_up()
    with (
        (staging / "bulletins.jsonl").open("w", encoding="utf-8") as fb,
        (staging / "initiatives.jsonl").open("w", encoding="utf-8") as fi,
    ):
        for built in parallel_map(_build_from_path, paths, jobs if len(paths) > 1 else 1):
            outcome = _stage_one(built, existing, force, staged, fb, fi)
            report.outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)
    return set(staged)


def _stage_one(built: _Built, existing: set[str], force: bool, staged: dict[str, str], fb, fi) -> FileOutcome:
    source, size, bid = built.source, built.size, built.bulletin_id
    if built.error is not None or bid is None:
        return FileOutcome(source, "failed", built.error, size=size)
    if bid in staged:
        return FileOutcome(source, "skipped", f"same text as {staged[bid]} in this run", bid, size=size)
    if bid in existing and not force:
        reason = "already in the store (use --force to re-process)"
        return FileOutcome(source, "skipped", reason, bid, size=size)
    staged[bid] = source
    fb.write(built.bulletin_line)
    fi.write(built.initiative_lines)
    status: Status = "replaced" if bid in existing else "new"
    return FileOutcome(source, status, None, bid, built.script, built.initiatives, size)


def warm_up() -> None:
    """Load the lazily loaded tables (OpenCC, jieba) once, so that forked workers share them."""
    normalize("發展")
    figures_stage.extract_figures("共有3个部门参加")


def _merge_into_store(out_dir: Path, staging: Path, staged_ids: set[str], report: IngestReport) -> None:
    """Old records (minus those re-processed) then the new ones, both files replaced at the end."""
    problems: list[StoreProblem] = []
    with (
        atomic_writer(store_file(out_dir, "bulletins")) as fb,
        atomic_writer(store_file(out_dir, "initiatives")) as fi,
    ):
        for record, raw in iter_raw_lines(store_file(out_dir, "bulletins"), Bulletin, problems.append):
            if record.id not in staged_ids:
                fb.write(raw if raw.endswith("\n") else raw + "\n")
        for record, raw in iter_raw_lines(store_file(out_dir, "initiatives"), Initiative, problems.append):
            if record.bulletin_id not in staged_ids:
                fi.write(raw if raw.endswith("\n") else raw + "\n")
        _append_file(staging / "bulletins.jsonl", fb)
        _append_file(staging / "initiatives.jsonl", fi)
    # broken lines leave the store, but are kept beside it
    save_rejected(problems)
    seen = {(p.path, p.line_no) for p in report.store_problems}
    report.store_problems += [p for p in problems if (p.path, p.line_no) not in seen]


def _append_file(source: Path, fh) -> None:
    with source.open(encoding="utf-8") as src:
        shutil.copyfileobj(src, fh, 1 << 20)


def iter_bulletins_with_initiatives(
    out_dir: Path, on_problem: Callable[[StoreProblem], None] | None = None
) -> Iterator[tuple[Bulletin, list[Initiative]]]:
    """Walk bulletins and their initiatives together.

    Ingest writes both files in the same bulletin order, so this is a streaming merge; if the
    order was changed by hand, initiatives are indexed by bulletin instead.
    """
    groups = groupby(
        iter_records(store_file(out_dir, "initiatives"), Initiative, on_problem), key=lambda i: i.bulletin_id
    )
    pending: dict[str, list[Initiative]] = {}
    for bulletin in iter_records(store_file(out_dir, "bulletins"), Bulletin, on_problem):
        while bulletin.id not in pending:
            try:
                key, group = next(groups)
            except StopIteration:
                break
            pending.setdefault(key, []).extend(group)
        yield bulletin, pending.pop(bulletin.id, [])


def innermost_initiative(initiatives: list[Initiative], offset: int) -> str | None:
    """Id of the deepest initiative whose span contains ``offset``."""
    best: Initiative | None = None
    for node in initiatives:
        if node.start <= offset < node.end and (best is None or node.level > best.level):
            best = node
    return best.id if best else None


def figures_of(bulletin: Bulletin, initiatives: list[Initiative]) -> list[Figure]:
    """Extract the figures of one bulletin, with stable ids and their innermost initiative."""
    found = figures_stage.extract_figures(bulletin.text)
    seen: dict[str, int] = {}
    for fig in found:
        base = f"{bulletin.id}:f{fig.start}-{fig.end}"
        seen[base] = seen.get(base, 0) + 1
        # plain strings built here: set without pydantic's per-assignment machinery (hot path)
        fig.__dict__.update(
            id=base if seen[base] == 1 else f"{base}:{seen[base]}",
            bulletin_id=bulletin.id,
            initiative_id=innermost_initiative(initiatives, fig.start),
        )
    return found


def _figure_lines(pair: tuple[Bulletin, list[Initiative]]) -> tuple[str, dict[str, int]]:
    """One bulletin's figures as JSON lines in one string (one object to pass back, not many)."""
    found = figures_of(*pair)
    by_kind: dict[str, int] = {}
    for fig in found:
        by_kind[fig.kind] = by_kind.get(fig.kind, 0) + 1
    return "".join(to_json_line(f) for f in found), by_kind


def extract(out_dir: Path, on_bulletin: Callable[[int], None] | None = None, jobs: int = 1) -> ExtractReport:
    """(Re)write ``figures.jsonl`` from the bulletins in the store, in ``jobs`` processes."""
    out_dir = Path(out_dir)
    report = ExtractReport()
    if jobs > 1:
        warm_up()
    pairs = iter_bulletins_with_initiatives(out_dir, report.store_problems.append)
    with atomic_writer(store_file(out_dir, "figures")) as fh:
        for lines, by_kind in parallel_map(_figure_lines, pairs, jobs):
            fh.write(lines)
            found = sum(by_kind.values())
            report.bulletins += 1
            report.figures += found
            for kind, n in by_kind.items():
                report.by_kind[kind] = report.by_kind.get(kind, 0) + n
            if on_bulletin is not None:
                on_bulletin(found)
    return report
