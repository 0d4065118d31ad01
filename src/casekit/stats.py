"""Corpus statistics for ``casekit stats``: what the store holds, at a glance.

``compute_stats(out_dir, filters, top)`` streams the store once (through ``filters.select``, so
the same filters as ``casekit export`` apply) and keeps only counters and a few top-N heaps:
bulletins by script and by year, initiatives per issuer, figures per kind with their sums (money
also in 万元 and 亿元), and the largest figures of each kind with their initiative and bulletin.
``render_stats(stats)`` turns the result into rich tables; ``Stats.to_dict()`` into JSON.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from rich.markup import escape
from rich.table import Table

from casekit.filters import FIGURE_KINDS, Filters, Selection, select
from casekit.models import Figure
from casekit.storage import StoreProblem

WAN = 1e4  # 万
YI = 1e8  # 亿
UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True)
class IssuerCount:
    """How many initiatives an issuer has (``issuer`` None: initiatives without one)."""

    issuer: str | None
    initiatives: int


@dataclass
class KindStats:
    """Count and sums of the figures of one kind (values as stored: yuan, percent points...)."""

    kind: str
    count: int = 0
    total: float = 0.0
    min: float | None = None
    max: float | None = None
    total_wan: float | None = None  # money only: the total in 万元
    total_yi: float | None = None  # money only: the total in 亿元

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        self.min = value if self.min is None else min(self.min, value)
        self.max = value if self.max is None else max(self.max, value)

    def finish(self) -> None:
        if self.kind == "money":
            self.total_wan = self.total / WAN
            self.total_yi = self.total / YI


@dataclass(frozen=True)
class LargestFigure:
    """One of the largest figures of its kind, with where it stands."""

    kind: str
    value: float
    unit: str | None
    text: str
    subject: str | None
    figure_id: str | None
    bulletin_source: str | None
    initiative_path: str | None
    initiative_title: str | None
    initiative_issuer: str | None


@dataclass
class Stats:
    """What ``casekit stats`` reports; ``to_dict()`` is JSON-ready."""

    bulletins: int = 0
    initiatives: int = 0
    figures: int = 0
    chars: int = 0
    by_script: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)  # "2019": n, ..., "unknown": n
    issuers: list[IssuerCount] = field(default_factory=list)  # top N, most initiatives first
    distinct_issuers: int = 0
    kinds: list[KindStats] = field(default_factory=list)
    largest: list[LargestFigure] = field(default_factory=list)  # per kind, largest first
    filters: dict[str, str | int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _year_key(year: str) -> tuple[int, int]:
    return (1, 0) if year == UNKNOWN_YEAR else (0, int(year))


class _Largest:
    """The ``size`` largest figures per kind, kept in small heaps while streaming."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heaps: dict[str, list[tuple[float, int, Figure]]] = {}
        self._order = itertools.count()

    def add(self, figure: Figure) -> None:
        if self.size <= 0:
            return
        heap = self._heaps.setdefault(figure.kind, [])
        # Negative sequence: among equal values the earliest figure wins.
        item = (figure.value, -next(self._order), figure)
        if len(heap) < self.size:
            heapq.heappush(heap, item)
        elif item[:2] > heap[0][:2]:
            heapq.heapreplace(heap, item)

    def ranked(self, kind: str) -> list[Figure]:
        return [f for _v, _s, f in sorted(self._heaps.get(kind, []), key=lambda i: i[:2], reverse=True)]


def _largest_figure(figure: Figure, selection: Selection) -> LargestFigure:
    bulletin = selection.bulletin_meta.get(figure.bulletin_id or "")
    initiative = selection.initiative_meta.get(figure.initiative_id or "")
    return LargestFigure(
        kind=figure.kind,
        value=figure.value,
        unit=figure.unit,
        text=figure.text,
        subject=figure.subject,
        figure_id=figure.id,
        bulletin_source=bulletin.source if bulletin else None,
        initiative_path=initiative.path if initiative else None,
        initiative_title=initiative.title if initiative else None,
        initiative_issuer=initiative.issuer if initiative else None,
    )


def _count_bulletins(selection: Selection, stats: Stats) -> None:
    scripts: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for bulletin in selection.bulletins():
        stats.bulletins += 1
        stats.chars += bulletin.n_chars
        scripts[bulletin.script] += 1
        years[UNKNOWN_YEAR if bulletin.year is None else str(bulletin.year)] += 1
    stats.by_script = dict(scripts.most_common())
    stats.by_year = {y: years[y] for y in sorted(years, key=_year_key)}


def _count_initiatives(selection: Selection, stats: Stats, top: int) -> None:
    issuers: Counter[str | None] = Counter()
    for initiative in selection.initiatives():
        stats.initiatives += 1
        issuers[initiative.issuer] += 1
    ranked = sorted(issuers.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))
    stats.issuers = [IssuerCount(issuer, n) for issuer, n in ranked[: max(top, 0)]]
    stats.distinct_issuers = sum(1 for issuer in issuers if issuer is not None)


def _count_figures(selection: Selection, stats: Stats, largest: int) -> None:
    kinds = {kind: KindStats(kind) for kind in FIGURE_KINDS}
    heaps = _Largest(largest)
    for figure in selection.figures():
        stats.figures += 1
        kinds[figure.kind].add(figure.value)
        heaps.add(figure)
    for kind_stats in kinds.values():
        kind_stats.finish()
    stats.kinds = [k for k in kinds.values() if k.count]
    stats.largest = [_largest_figure(f, selection) for kind in kinds for f in heaps.ranked(kind)]


def compute_stats(out_dir: Path, filters: Filters = Filters(), top: int = 10, largest: int = 3) -> Stats:  # noqa: B008
    """Statistics of the store in ``out_dir`` (rows that pass ``filters``).

    ``top`` issuers are listed, and the ``largest`` figures of each kind. Raises
    ``filters.StoreNotFoundError`` if there is no store; broken lines go to ``Stats.problems``.
    """
    problems: list[StoreProblem] = []
    selection = select(Path(out_dir), filters, problems.append)
    stats = Stats(filters=filters.describe())
    _count_bulletins(selection, stats)
    _count_initiatives(selection, stats, top)
    _count_figures(selection, stats, largest)
    stats.problems = [str(p) for p in problems]
    return stats


# --- rendering ------------------------------------------------------------------------------------


def format_number(value: float, digits: int = 2) -> str:
    """Thousands separators; no decimals for whole numbers, at most ``digits`` otherwise."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def format_money(yuan: float) -> str:
    """A yuan amount as analysts read it: 亿元 from 1亿, 万元 from 1万, else 元."""
    if abs(yuan) >= YI:
        return f"{format_number(round(yuan / YI, 2))} 亿元"
    if abs(yuan) >= WAN:
        return f"{format_number(round(yuan / WAN, 2))} 万元"
    return f"{format_number(yuan)} 元"


def format_figure(kind: str, value: float, unit: str | None) -> str:
    if kind == "money":
        return format_money(value)
    if kind in ("percent", "percentage_point"):
        return f"{format_number(value)}{'%' if kind == 'percent' else ' pt'}"
    return f"{format_number(value)}{unit or ''}"


def _counts_table(title: str, header: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column(header)
    table.add_column("bulletins", justify="right")
    for key, n in counts.items():
        table.add_row(_one_line(key), format_number(n))
    return table


def _overview_table(stats: Stats) -> Table:
    table = Table(title="Corpus", show_header=False)
    table.add_column("what")
    table.add_column("how many", justify="right")
    rows = [
        ("bulletins", stats.bulletins),
        ("initiatives", stats.initiatives),
        ("figures", stats.figures),
        ("characters", stats.chars),
        ("issuers", stats.distinct_issuers),
    ]
    for label, n in rows:
        table.add_row(label, format_number(n))
    if stats.filters:
        table.add_row("filters", ", ".join(f"{k}={v}" for k, v in stats.filters.items()))
    if stats.problems:
        table.add_row("[red]broken lines[/red]", f"[red]{len(stats.problems)}[/red]")
    return table


def _issuers_table(stats: Stats) -> Table:
    table = Table(title=f"Initiatives per issuer (top {len(stats.issuers)})")
    table.add_column("issuer")
    table.add_column("initiatives", justify="right")
    for item in stats.issuers:
        table.add_row(_one_line(item.issuer) or "[dim](none)[/dim]", format_number(item.initiatives))
    return table


_SUMMABLE = ("count", "money", "area", "measure")  # a sum of percentages means nothing


def _money_total(k: KindStats) -> str:
    return f"{format_number(k.total_wan or 0)} 万元 = {format_number(k.total_yi or 0, 4)} 亿元"


def _kinds_table(stats: Stats) -> Table:
    table = Table(title="Figures by kind")
    for name in ("kind", "figures", "sum", "min", "max"):
        table.add_column(name, justify="left" if name == "kind" else "right")
    for k in stats.kinds:
        low, high = (format_figure(k.kind, v or 0, None) for v in (k.min, k.max))
        if k.kind == "money":
            total = _money_total(k)
        elif k.kind in _SUMMABLE:
            total = format_number(k.total)
        else:
            total = "—"
        table.add_row(k.kind, format_number(k.count), total, low, high)
    return table


def _one_line(text: str | None) -> str:
    """Data text for a cell: on one line, with rich markup characters escaped."""
    return escape(" ".join((text or "").split()))


def _largest_table(stats: Stats) -> Table:
    table = Table(title="Largest figures")
    table.add_column("kind", min_width=7, no_wrap=True)
    table.add_column("figure", justify="right", min_width=10, no_wrap=True)
    table.add_column("as written", min_width=10, no_wrap=True)
    # Long titles and paths are cut rather than wrapped, so each figure stays on one line.
    for name, width in (("initiative", 36), ("issuer", 16), ("bulletin", 20)):
        table.add_column(name, max_width=width, no_wrap=True, overflow="ellipsis")
    for f in stats.largest:
        initiative = _one_line(f"{f.initiative_path or ''} {f.initiative_title or ''}") or "—"
        table.add_row(
            f.kind,
            escape(format_figure(f.kind, f.value, f.unit)),
            _one_line(f.text),
            initiative,
            _one_line(f.initiative_issuer) or "—",
            _one_line(PurePath(f.bulletin_source).name if f.bulletin_source else None) or "—",
        )
    return table


def render_stats(stats: Stats) -> list[Table]:
    """Rich tables for the terminal, in reading order."""
    tables = [_overview_table(stats)]
    if stats.by_script:
        tables.append(_counts_table("Bulletins by script", "script", stats.by_script))
    if stats.by_year:
        tables.append(_counts_table("Bulletins by year", "year", stats.by_year))
    if stats.issuers:
        tables.append(_issuers_table(stats))
    if stats.kinds:
        tables.append(_kinds_table(stats))
    if stats.largest:
        tables.append(_largest_table(stats))
    return tables
