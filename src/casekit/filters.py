"""Row filters shared by ``casekit export`` and ``casekit stats``, and the store reader they drive.

A ``Filters`` value combines up to four conditions (all must hold). Which rows of each table
survive:

- ``bulletin`` (an id, a source path, or the tail of one such as the file name) and ``year``
  select **bulletins**; initiatives and figures survive only if their bulletin does.
- ``issuer`` (a substring, script-insensitive: the query is converted to simplified script, as the
  records are) selects **initiatives** whose issuer contains it; an initiative without an issuer
  of its own is judged by its bulletin's issuer. Both ``issuer`` and ``issuer_raw`` are searched.
  A **figure** survives if its initiative does; a figure outside any initiative is judged by
  its bulletin's issuer. A **bulletin** survives if its
  own issuer matches or if at least one of its initiatives does; other initiatives of that
  bulletin do not come along.
- ``kind`` (``count``, ``money``, ... or several joined by commas) selects **figures** only;
  bulletins and initiatives are not affected.

``select()`` reads bulletin and initiative metadata once (never the texts) and returns a
``Selection`` that streams the surviving records table by table. Broken lines, duplicated ids,
figures without an id and records pointing at a bulletin or initiative the store does not hold
are reported through the ``on_problem`` callback (each line once) and skipped, so every exported
table is consistent: each ``bulletin_id`` and ``initiative_id`` refers to a row exported too.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TypeVar, get_args

from pydantic import BaseModel

from casekit.models import Bulletin, Figure, FigureKind, Initiative
from casekit.storage import ProblemSink, StoreProblem, iter_numbered_records, store_file

FIGURE_KINDS: tuple[str, ...] = get_args(FigureKind)

RecordT = TypeVar("RecordT", bound=BaseModel)

# Only a query holding CJK characters can need t2s conversion; ASCII queries skip loading OpenCC.
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SPACE_RE = re.compile(r"\s+")


class StoreNotFoundError(FileNotFoundError):
    """The folder given as the store holds no ``bulletins.jsonl``."""


@dataclass(frozen=True)
class Filters:
    """Conditions on the rows to keep; ``None`` means no condition (see the module docstring)."""

    issuer: str | None = None
    kind: str | None = None
    year: int | None = None
    bulletin: str | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds) - set(FIGURE_KINDS))
        if unknown:
            expected = ", ".join(FIGURE_KINDS)
            raise ValueError(f"unknown figure kind {', '.join(unknown)}; expected one of {expected}")

    @property
    def kinds(self) -> frozenset[str]:
        """The figure kinds asked for (empty when ``kind`` is not set)."""
        if not self.kind:
            return frozenset()
        return frozenset(part.strip().lower() for part in self.kind.split(",") if part.strip())

    @property
    def is_empty(self) -> bool:
        return self.issuer is None and not self.kinds and self.year is None and self.bulletin is None

    def describe(self) -> dict[str, str | int]:
        """The conditions that are set, for manifests and reports."""
        return {k: v for k, v in vars(self).items() if v is not None}


@functools.cache
def _t2s():
    from opencc import OpenCC  # loaded only when a query holds CJK characters

    return OpenCC("t2s")


def normalize_query(query: str) -> str:
    """An issuer query in the records' form: simplified script, no spaces, Latin casefolded."""
    query = _SPACE_RE.sub("", query).casefold()
    if _CJK_RE.search(query):
        query = _t2s().convert(query)
    return query


def issuer_matches(query: str, *names: str | None) -> bool:
    """True if the normalized ``query`` is a substring of one of ``names`` (spaces ignored)."""
    return any(name and query in _SPACE_RE.sub("", name).casefold() for name in names)


def bulletin_matches(wanted: str, bulletin_id: str, source: str) -> bool:
    """True if ``wanted`` is the bulletin's id, its source path, or a trailing part of that path."""
    wanted = wanted.strip()
    if wanted in (bulletin_id, source):
        return True
    wanted_parts = PurePath(os.path.normpath(wanted)).parts
    source_parts = PurePath(os.path.normpath(source)).parts
    return 0 < len(wanted_parts) <= len(source_parts) and source_parts[-len(wanted_parts) :] == wanted_parts


@dataclass(frozen=True)
class BulletinMeta:
    """What the joins need from a bulletin (its text stays on disk)."""

    id: str
    source: str
    title: str | None
    year: int | None
    issuer: str | None
    issuer_raw: str | None
    script: str
    n_chars: int


@dataclass(frozen=True)
class InitiativeMeta:
    """What the joins need from an initiative."""

    id: str
    path: str
    label: str
    title: str
    issuer: str | None


def _missing(record: str, target: str, target_id: str | None) -> str:
    return f"the {record}'s {target} {target_id} is not in the store; {record} skipped"


class _OnceSink:
    """Forwards each (file, line) problem once although the store is read more than once."""

    def __init__(self, sink: ProblemSink | None) -> None:
        self._sink = sink
        self._seen: set[tuple[Path, int]] = set()

    def __call__(self, problem: StoreProblem) -> None:
        key = (problem.path, problem.line_no)
        if key not in self._seen:
            self._seen.add(key)
            if self._sink is not None:
                self._sink(problem)

    def report(self, path: Path, line_no: int, reason: str) -> None:
        self(StoreProblem(path, line_no, reason, ""))


class Selection:
    """The rows of a store that pass a ``Filters``; iterate its tables with the methods below.

    ``bulletin_meta`` and ``initiative_meta`` hold the surviving bulletins and initiatives (without
    their texts), keyed by id, for joins such as ``figures_view``.
    """

    def __init__(
        self,
        out_dir: Path,
        filters: Filters,
        bulletin_meta: dict[str, BulletinMeta],
        initiative_meta: dict[str, InitiativeMeta],
        known_bulletins: set[str],
        known_initiatives: set[str],
        sink: _OnceSink,
    ) -> None:
        self.out_dir = out_dir
        self.filters = filters
        self.bulletin_meta = bulletin_meta
        self.initiative_meta = initiative_meta
        self._known_bulletins = known_bulletins
        self._known_initiatives = known_initiatives
        self._sink = sink
        self._query = None if filters.issuer is None else normalize_query(filters.issuer)

    def bulletins(self) -> Iterator[Bulletin]:
        """Surviving bulletins, in store order (each id once)."""
        path = store_file(self.out_dir, "bulletins")
        seen: set[str] = set()
        for line_no, record in iter_numbered_records(path, Bulletin, self._sink):
            if record.id in self.bulletin_meta and self._first(seen, record.id, path, line_no):
                yield record

    def initiatives(self) -> Iterator[Initiative]:
        """Surviving initiatives, in store order (each id once)."""
        path = store_file(self.out_dir, "initiatives")
        seen: set[str] = set()
        for line_no, record in iter_numbered_records(path, Initiative, self._sink):
            if record.id in self.initiative_meta and self._first(seen, record.id, path, line_no):
                yield record

    def figures(self) -> Iterator[Figure]:
        """Surviving figures, in store order; dangling references are reported and skipped."""
        path = store_file(self.out_dir, "figures")
        seen: set[str] = set()
        for line_no, record in iter_numbered_records(path, Figure, self._sink):
            if not self._figure_consistent(record, path, line_no) or not self._keeps_figure(record):
                continue
            if self._first(seen, record.id, path, line_no):  # type: ignore[arg-type]
                yield record

    def _first(self, seen: set[str], record_id: str, path: Path, line_no: int) -> bool:
        if record_id in seen:
            self._sink.report(path, line_no, f"duplicate id {record_id}: the first record is kept")
            return False
        seen.add(record_id)
        return True

    def _figure_consistent(self, figure: Figure, path: Path, line_no: int) -> bool:
        if figure.id is None:
            self._sink.report(path, line_no, "figure without an id; figure skipped")
            return False
        if figure.bulletin_id not in self._known_bulletins:
            self._sink.report(path, line_no, _missing("figure", "bulletin", figure.bulletin_id))
            return False
        if figure.initiative_id is not None and figure.initiative_id not in self._known_initiatives:
            self._sink.report(path, line_no, _missing("figure", "initiative", figure.initiative_id))
            return False
        return True

    def _keeps_figure(self, figure: Figure) -> bool:
        kinds = self.filters.kinds
        if kinds and figure.kind not in kinds:
            return False
        bulletin = self.bulletin_meta.get(figure.bulletin_id or "")
        if bulletin is None:
            return False
        if figure.initiative_id is not None:
            return figure.initiative_id in self.initiative_meta  # it passed the issuer test already
        return self._query is None or issuer_matches(self._query, bulletin.issuer, bulletin.issuer_raw)


def _bulletin_passes(record: Bulletin, filters: Filters) -> bool:
    if filters.year is not None and record.year != filters.year:
        return False
    return filters.bulletin is None or bulletin_matches(filters.bulletin, record.id, record.source)


def _bulletin_meta(record: Bulletin) -> BulletinMeta:
    return BulletinMeta(
        record.id,
        record.source,
        record.title,
        record.year,
        record.issuer,
        record.issuer_raw,
        record.script,
        record.n_chars,
    )


def _initiative_meta(record: Initiative) -> InitiativeMeta:
    return InitiativeMeta(record.id, record.path, record.label, record.title, record.issuer)


def _initiative_matches(record: Initiative, bulletin: BulletinMeta, query: str) -> bool:
    if record.issuer or record.issuer_raw:
        return issuer_matches(query, record.issuer, record.issuer_raw)
    return issuer_matches(query, bulletin.issuer, bulletin.issuer_raw)


def select(out_dir: Path, filters: Filters = Filters(), on_problem: ProblemSink | None = None) -> Selection:
    """Decide which bulletins and initiatives survive ``filters`` (reads metadata, not texts).

    Raises ``StoreNotFoundError`` if ``out_dir`` holds no ``bulletins.jsonl``.
    """
    out_dir = Path(out_dir)
    bulletins_path = store_file(out_dir, "bulletins")
    if not bulletins_path.is_file():
        raise StoreNotFoundError(
            f"no casekit store in {out_dir} ({bulletins_path.name} is missing): "
            f"run `casekit ingest FILES --out {out_dir}` first, or point --out at your store"
        )
    sink = _OnceSink(on_problem)
    query = None if filters.issuer is None else normalize_query(filters.issuer)

    all_ids: set[str] = set()
    candidates: dict[str, BulletinMeta] = {}
    for _line_no, record in iter_numbered_records(bulletins_path, Bulletin, sink):
        if record.id in all_ids:
            continue  # reported when the bulletins are streamed
        all_ids.add(record.id)
        if _bulletin_passes(record, filters):
            candidates[record.id] = _bulletin_meta(record)

    initiatives_path = store_file(out_dir, "initiatives")
    known_initiatives: set[str] = set()
    kept: dict[str, InitiativeMeta] = {}
    with_match: set[str] = set()
    for line_no, record in iter_numbered_records(initiatives_path, Initiative, sink):
        if record.bulletin_id not in all_ids:
            sink.report(initiatives_path, line_no, _missing("initiative", "bulletin", record.bulletin_id))
            continue
        if record.id in known_initiatives:
            continue  # a duplicate: the first record is the one streamed (and reported then)
        known_initiatives.add(record.id)
        bulletin = candidates.get(record.bulletin_id)
        if bulletin is None or (query is not None and not _initiative_matches(record, bulletin, query)):
            continue
        kept[record.id] = _initiative_meta(record)
        with_match.add(record.bulletin_id)

    if query is not None:
        candidates = {
            bid: meta
            for bid, meta in candidates.items()
            if bid in with_match or issuer_matches(query, meta.issuer, meta.issuer_raw)
        }
    return Selection(out_dir, filters, candidates, kept, all_ids, known_initiatives, sink)
