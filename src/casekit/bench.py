"""``make bench``: throughput and peak memory of ingest and extract on a large synthetic corpus.

The corpus is built from the bundled samples under a temporary folder: paragraphs shuffled (so
every file is a new bulletin), a share converted to traditional script, files re-encoded in
UTF-8, UTF-8 with BOM, UTF-16, GB18030 and Big5. ``casekit ingest`` and ``casekit extract`` run
in child processes so their peak memory (max RSS) is measured alone; the corpus is built at two
sizes to show that peak memory does not grow with the corpus. A per-stage breakdown times each
stage function over a sample of the corpus.

    python -m casekit.bench [--mb 100] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from casekit.pipeline import default_jobs

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030")


def build_corpus(target: Path, megabytes: float, seed: int = 7) -> int:
    """Write about ``megabytes`` MB of varied bulletins into ``target``; returns bytes written."""
    from opencc import OpenCC

    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    if not samples:
        sys.exit(f"no samples in {SAMPLES}: the bench builds its corpus from data/raw/*.txt")
    to_traditional = OpenCC("s2t")
    traditional = [to_traditional.convert(s) for s in samples]  # converted once, reused
    target.mkdir(parents=True, exist_ok=True)
    written, n = 0, 0
    while written < megabytes * 1_000_000:
        pick = rng.randrange(len(samples))
        use_traditional = rng.random() < 0.2
        lines = (traditional if use_traditional else samples)[pick].split("\n")
        head, body = lines[:3], lines[3:]
        rng.shuffle(body)
        text = "\n".join(head + body)
        encoding = "big5" if use_traditional and rng.random() < 0.5 else rng.choice(ENCODINGS)
        data = text.encode(encoding, errors="replace" if encoding == "big5" else "strict")
        (target / f"{n:06d}.txt").write_bytes(data)
        written += len(data)
        n += 1
    return written


def run_cli(*args: str) -> tuple[float, int]:
    """Run ``casekit ARGS`` in a child process; returns (seconds, the child's peak RSS in MB)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "casekit.cli", *args, "--quiet"])
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        print(f"warning: casekit {args[0]} exited with {child.returncode}", file=sys.stderr)
    return elapsed, usage.ru_maxrss // 1024


def stage_breakdown(corpus: Path, max_files: int = 400) -> dict[str, float]:
    """Seconds spent in each stage function over a sample of the corpus."""
    from casekit import figures, issuers, outline
    from casekit.normalize import normalize
    from casekit.pipeline import warm_up
    from casekit.reading import read_source

    totals = dict.fromkeys(("load tables", "read+decode", "normalize", "outline+issuers", "figures"), 0.0)
    started = time.perf_counter()
    warm_up()  # OpenCC and jieba tables, loaded once per process: timed apart from the stages
    totals["load tables"] = time.perf_counter() - started

    def timed(stage: str, fn: Callable, *args):
        started = time.perf_counter()
        result = fn(*args)
        totals[stage] += time.perf_counter() - started
        return result

    for path in sorted(corpus.glob("*.txt"))[:max_files]:
        raw = timed("read+decode", read_source, path)
        text = timed("normalize", normalize, raw.text).text

        def outline_and_issuers(text: str = text) -> None:
            title = issuers.bulletin_title(text)
            issuer, _ = issuers.bulletin_issuer(text, title)
            nodes = outline.parse_outline(text)
            issuers.assign_issuers(nodes, issuer, issuers.bulletin_place(text, title))
            issuers.bulletin_year(text)

        timed("outline+issuers", outline_and_issuers)
        timed("figures", figures.extract_figures, text)
    return totals


def bench_size(root: Path, megabytes: float, jobs: int) -> dict[str, float]:
    """Ingest then extract a corpus of ``megabytes`` MB (built once per size) with ``jobs`` workers."""
    corpus, store = root / f"corpus-{megabytes:g}", root / f"store-{megabytes:g}-j{jobs}"
    if not corpus.exists():
        build_corpus(corpus, megabytes)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    ingest_s, ingest_peak = run_cli("ingest", str(corpus), "--out", str(store), "--jobs", str(jobs))
    extract_s, extract_peak = run_cli("extract", "--out", str(store), "--jobs", str(jobs))
    mb = size / 1_000_000
    return {
        "jobs": jobs,
        "mb": mb,
        "ingest_s": ingest_s,
        "extract_s": extract_s,
        "end_to_end_mbps": mb / (ingest_s + extract_s),
        "ingest_mbps": mb / ingest_s,
        "extract_mbps": mb / extract_s,
        "peak_mb": max(ingest_peak, extract_peak),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB (default 100)")
    parser.add_argument("--jobs", type=int, default=0, help="workers for the parallel run (0 = all cores)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="casekit-bench-"))
    try:
        runs = [bench_size(root, args.mb / 4, 1), bench_size(root, args.mb, 1)]
        runs.append(bench_size(root, args.mb, args.jobs or default_jobs()))
        breakdown = stage_breakdown(root / f"corpus-{args.mb:g}")
        sample_mb = (
            sum(p.stat().st_size for p in sorted((root / f"corpus-{args.mb:g}").glob("*.txt"))[:400]) / 1e6
        )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{'corpus':>10} {'jobs':>5} {'ingest':>12} {'extract':>12} {'end to end':>12} {'peak RSS':>10}")
    for r in runs:
        print(
            f"{r['mb']:>7.1f} MB {r['jobs']:>5} {r['ingest_mbps']:>7.2f} MB/s {r['extract_mbps']:>7.2f} MB/s "
            f"{r['end_to_end_mbps']:>7.2f} MB/s {r['peak_mb']:>7d} MB"
        )
    print("peak RSS: the largest single process of the run (ingest or extract, parent or worker)")
    print(f"per stage, over {sample_mb:.1f} MB of the corpus (in-process):")
    print(f"  {'load tables':<16} {breakdown.pop('load tables'):>8.2f} s (once per process)")
    for stage, seconds in breakdown.items():
        print(f"  {stage:<16} {sample_mb / seconds if seconds else float('inf'):>8.2f} MB/s")
    if args.keep:
        print(f"corpus and stores kept in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
