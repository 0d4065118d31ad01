"""The ``casekit`` command: parses options, calls the library, reports with rich.

Data goes to stdout (``schema``, ``stats --json``); progress, summaries and errors go to stderr.
Exit codes: 0 all went well, 1 some input or store line failed (the rest was processed),
2 usage error (bad option, unknown format...).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.tree import Tree

from casekit import __version__

DEFAULT_STORE = Path("data/structured")

app = typer.Typer(
    name="casekit",
    help="Turn Chinese local-government bulletins into a corpus of initiatives, issuers and figures.\n\n"
    "Typical run: casekit ingest data/raw && casekit extract && casekit export --format csv",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True)
out = Console()

# Options shared between commands, declared once.
StoreOption = Annotated[
    Path, typer.Option("--out", "-o", help="Store folder holding bulletins/initiatives/figures.jsonl.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = one per core.")]
IssuerFilter = Annotated[
    str | None, typer.Option("--issuer", help="Issuer contains TEXT (either script: 組織部 finds 组织部).")
]
KindFilter = Annotated[str | None, typer.Option("--kind", help="Figure kind: count, money, percent...")]
YearFilter = Annotated[int | None, typer.Option("--year", help="Bulletins reporting on this year.")]
BulletinFilter = Annotated[str | None, typer.Option("--bulletin", help="One bulletin, by id or source path.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casekit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn Chinese local-government bulletins into a corpus of initiatives, issuers and figures."""


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB"


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[mb]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )


def _report_store_problems(problems: list, title: str = "Store lines that were skipped") -> None:
    """List broken or inconsistent store lines (``file:line: reason``) on stderr."""
    if not problems:
        return
    table = Table(title=title)
    table.add_column("file:line: reason", overflow="fold")
    for problem in problems[:50]:
        table.add_row(escape(str(problem)))
    if len(problems) > 50:
        table.add_row(f"… {len(problems) - 50} more")
    err.print(table)


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive, *.txt) or globs.")
    ],
    store: StoreOption = DEFAULT_STORE,
    force: Annotated[
        bool, typer.Option("--force", help="Re-process bulletins already in the store.")
    ] = False,
    jobs: JobsOption = 0,
    quiet: QuietOption = False,
) -> None:
    """Add new bulletins to the store.

    Decodes, normalizes and outlines each bulletin and finds the issuer of each initiative.

    Example: casekit ingest data/raw --out data/structured

    A bulletin already in the store (same normalized text) is skipped; --force re-processes it.
    Inputs that cannot be read are listed at the end and make the exit status 1; the others are
    stored. Run `casekit extract` afterwards to (re)compute the figures.
    """
    from casekit import pipeline

    paths, errors = pipeline.list_inputs(inputs)
    total_bytes = sum(_size(p) for p in paths)
    with _progress(quiet) as progress:
        task = progress.add_task("ingest", total=len(paths), mb=f"0/{_mb(total_bytes)}")
        done = {"bytes": 0}

        def advance(outcome) -> None:
            done["bytes"] += outcome.size
            progress.update(task, advance=1, mb=f"{_mb(done['bytes'])}/{_mb(total_bytes)}")

        report = pipeline.ingest(
            inputs, store, force=force, on_file=advance, paths=paths, jobs=jobs or pipeline.default_jobs()
        )
    report.outcomes[:0] = [pipeline.FileOutcome(e.path, "failed", e.reason) for e in errors]
    if not quiet:
        scripts = ", ".join(f"{k} {v}" for k, v in sorted(report.scripts.items())) or "none"
        err.print(
            f"[bold]ingest[/] → {escape(str(store))}: {report.count('new')} new, "
            f"{report.count('replaced')} replaced, {report.count('skipped')} skipped, "
            f"{len(report.failed)} failed; {report.initiatives} initiatives; scripts: {scripts}"
        )
        for o in report.outcomes:
            if o.status == "skipped":
                err.print(f"  skipped {escape(o.source)}: {escape(o.reason or '')}", style="dim")
    _report_failures(report.failed)
    _report_store_problems(report.store_problems, "Broken store lines, moved to <file>.rejected")
    if not report.failed and not quiet and (report.count("new") or report.count("replaced")):
        err.print(
            "Next: casekit extract" + ("" if store == DEFAULT_STORE else f" --out {escape(str(store))}")
        )
    if report.failed or report.store_problems:
        raise typer.Exit(1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _report_failures(failed) -> None:
    if not failed:
        return
    table = Table(title=f"{len(failed)} input(s) failed; the others were processed")
    table.add_column("input", overflow="fold")
    table.add_column("reason", overflow="fold")
    for o in failed:
        table.add_row(escape(o.source), escape(o.reason or ""))
    err.print(table)


@app.command()
def extract(store: StoreOption = DEFAULT_STORE, jobs: JobsOption = 0, quiet: QuietOption = False) -> None:
    """Find the figures in the stored bulletins.

    Every count, sum of money and percentage, typed and traced to its sentence.

    Example: casekit extract --out data/structured

    Rewrites figures.jsonl from bulletins.jsonl and initiatives.jsonl; re-running gives the same
    file. Each figure carries its value, interval, unit, qualifier, subject, sentence and offsets.
    """
    from casekit import pipeline
    from casekit.storage import store_file

    jobs = jobs or pipeline.default_jobs()
    if not store_file(store, "bulletins").exists():
        err.print(
            f"[red]No bulletins in {escape(str(store))}[/]: "
            f"run `casekit ingest FILES --out {escape(str(store))}` first."
        )
        raise typer.Exit(1)
    with _progress(quiet) as progress:
        task = progress.add_task("extract", total=None, mb="")
        report = pipeline.extract(store, on_bulletin=lambda _n: progress.update(task, advance=1), jobs=jobs)
    if not quiet:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(report.by_kind.items())) or "none"
        err.print(f"[bold]extract[/] → {report.figures} figures in {report.bulletins} bulletins ({kinds})")
    _report_store_problems(report.store_problems)
    if not report.ok:
        raise typer.Exit(1)


def _fail(message: str, code: int) -> NoReturn:
    err.print(f"[red]{escape(message)}[/]")
    raise typer.Exit(code)


def _filters(issuer: str | None, kind: str | None, year: int | None, bulletin: str | None):
    """Build the shared filters; a bad value is a usage error (exit 2)."""
    from casekit.filters import Filters

    try:
        return Filters(issuer=issuer, kind=kind, year=year, bulletin=bulletin)
    except ValueError as exc:
        _fail(str(exc), 2)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, xlsx, parquet, sqlite, duckdb, stata or jsonl.")
    ] = "csv",
    to: Annotated[Path | None, typer.Option("--to", help="Destination file or folder.")] = None,
    store: StoreOption = DEFAULT_STORE,
    bom: Annotated[bool, typer.Option("--bom/--no-bom", help="CSV: UTF-8 with a BOM, for Excel.")] = True,
    issuer: IssuerFilter = None,
    kind: KindFilter = None,
    year: YearFilter = None,
    bulletin: BulletinFilter = None,
    quiet: QuietOption = False,
) -> None:
    """Export the store for analysts' tools.

    One table per record type plus a joined figures_view, in a format pandas, R, Stata, Excel or
    SQL read natively.

    Example: casekit export --format parquet --issuer 组织部

    Default destination: <store>/export/<format>. xlsx, parquet, duckdb and stata need extras
    (pip install 'casekit[all]'); a second export to the same place replaces the first.
    """
    from casekit import export as export_stage
    from casekit.filters import StoreNotFoundError

    filters = _filters(issuer, kind, year, bulletin)
    try:
        result = export_stage.export_store(store, fmt, to=to, filters=filters, bom=bom)
    except (export_stage.ExportError, StoreNotFoundError) as exc:
        _fail(str(exc), 1)
    except ValueError as exc:
        _fail(str(exc), 2)
    if not quiet:
        rows = ", ".join(f"{t} {n}" for t, n in result.rows.items())
        err.print(f"[bold]export {fmt}[/] → {escape(str(result.destination))} ({rows})")
        for note in getattr(result, "notes", []):
            err.print(f"  note: {escape(note)}", style="dim")
    _report_store_problems(result.problems)
    if result.problems:
        raise typer.Exit(1)


@app.command()
def stats(
    store: StoreOption = DEFAULT_STORE,
    top: Annotated[int, typer.Option("--top", help="Issuers, and largest figures per kind, to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON on stdout.")] = False,
    issuer: IssuerFilter = None,
    kind: KindFilter = None,
    year: YearFilter = None,
    bulletin: BulletinFilter = None,
) -> None:
    """Show what the corpus holds.

    Bulletins by script and year, initiatives per issuer, figures by kind with their sums.

    Example: casekit stats --kind money --top 5

    --json prints the same numbers for scripts.
    """
    from casekit import stats as stats_stage
    from casekit.filters import StoreNotFoundError

    filters = _filters(issuer, kind, year, bulletin)
    try:
        result = stats_stage.compute_stats(store, filters, top=top, largest=top)
    except StoreNotFoundError as exc:
        _fail(str(exc), 1)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for table in stats_stage.render_stats(result):
            out.print(table)
    _report_store_problems(result.problems)
    if result.problems:
        raise typer.Exit(1)


@app.command()
def show(
    bulletin: Annotated[str, typer.Argument(help="A bulletin's id or source path (or file name).")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Print a bulletin's outline as a tree.

    Each node with its path, label, title, issuer and number of figures.

    Example: casekit show data/raw/000_2cd35756fa0586bc.txt
    """
    from casekit import pipeline
    from casekit.filters import bulletin_matches
    from casekit.models import Figure
    from casekit.storage import iter_records, store_file

    for record, initiatives in pipeline.iter_bulletins_with_initiatives(store):
        if bulletin_matches(bulletin, record.id, record.source):
            counts: dict[str | None, int] = {}
            for fig in iter_records(store_file(store, "figures"), Figure):
                if fig.bulletin_id == record.id:
                    counts[fig.initiative_id] = counts.get(fig.initiative_id, 0) + 1
            out.print(outline_tree(record, initiatives, counts))
            return
    err.print(
        f"[red]No bulletin {escape(bulletin)!r} in {escape(str(store))}[/]: "
        "try `casekit stats` to list what is there."
    )
    raise typer.Exit(1)


def outline_tree(bulletin, initiatives, figure_counts: dict[str | None, int]) -> Tree:
    """A rich tree of a bulletin's outline."""
    head = (
        f"[bold]{escape(bulletin.title or bulletin.source)}[/]  "
        f"issuer: {escape(bulletin.issuer or '—')}  year: {bulletin.year or '—'}"
    )
    root = Tree(head)
    branches = {None: root}
    for node in initiatives:
        n = figure_counts.get(node.id, 0)
        label = f"[cyan]{escape(node.path)}[/] {escape(node.label)} {escape(node.title[:60])}"
        label += f"  [green]{escape(node.issuer or '—')}[/]" + (f"  [yellow]{n} fig.[/]" if n else "")
        branches[node.id] = branches.get(node.parent_id, root).add(label)
    return root


@app.command()
def schema(
    table: Annotated[
        str | None, typer.Argument(help="bulletins, initiatives or figures; all three if omitted.")
    ] = None,
) -> None:
    """Print the JSON Schema of the records.

    Example: casekit schema figures > figures.schema.json
    """
    from casekit.models import RECORD_TYPES, SCHEMA_VERSION

    if table is not None and table not in RECORD_TYPES:
        err.print(f"[red]Unknown table {escape(table)!r}[/]: choose one of {', '.join(RECORD_TYPES)}.")
        raise typer.Exit(2)
    names = [table] if table else list(RECORD_TYPES)
    schemas = {name: RECORD_TYPES[name].model_json_schema() for name in names}
    payload = schemas[table] if table else {"schema_version": SCHEMA_VERSION, **schemas}
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    app()
