#!/usr/bin/env python3
# Copied verbatim from the project's evaluation kit (eval/score.py) so that the quality floor
# in tests/test_quality.py runs on a plain clone. Do not edit: update it by copying anew.
"""Score casekit's JSONL output against gold annotations.

Usage:
    python score.py --gold ../shared/gold --out data/structured [--json] [--show-misses]

Reads OUT/bulletins.jsonl, OUT/initiatives.jsonl and OUT/figures.jsonl (the casekit
output contract) and GOLD/*.json (see GUIDE.md beside the gold files). Bulletins are
paired with gold files by the file name of their `source`.

Prints outline, issuer and figure scores. Needs only the standard library; folds
traditional script too when the `opencc` module (opencc-python-reimplemented) imports.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

try:  # optional: fold traditional script when OpenCC is installed
    from opencc import OpenCC

    _T2S = OpenCC("t2s")
except Exception:  # pragma: no cover - depends on the environment
    _T2S = None

SCORED_KINDS = ("count", "money", "percent")
PINYIN_RESIDUE = re.compile(r"[\u4e00-\u9fff]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*\)")


def fold(text: str | None) -> str:
    """Fold script, width, whitespace and punctuation so that anchors compare loosely."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if _T2S is not None:
        text = _T2S.convert(text)
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZ"))


def fold_issuer(name: str | None) -> str:
    name = fold(name)
    return name[2:] if name.startswith("中共") else name


def same_issuer(out: str | None, gold: str | None) -> bool:
    """Equal after folding; a name completed with its place (惠州市委组织部 for 市委组织部) also counts."""
    o, g = fold_issuer(out), fold_issuer(gold)
    if not o or not g:
        return o == g
    return o == g or (len(g) >= 3 and o.endswith(g)) or (len(o) >= 3 and g.endswith(o))


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not JSON: {exc}")
    return rows


def prf(tp: int, n_out: int, n_gold: int) -> dict:
    p = tp / n_out if n_out else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "out": n_out, "gold": n_gold, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def match_nodes(gold_nodes: list[dict], out_nodes: list[dict]):
    """Pair gold nodes with output nodes by anchor: first in titles, then in text starts."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    heads = [fold(n.get("title")) for n in out_nodes]
    starts = [fold((n.get("title") or "") + (n.get("text") or "")[:80]) for n in out_nodes]
    for haystack in (heads, starts):
        for gi, g in enumerate(gold_nodes):
            if gi in pairs:
                continue
            anchor = fold(g["anchor"])
            for oi, h in enumerate(haystack):
                if oi not in used and anchor and anchor in h:
                    pairs[gi] = oi
                    used.add(oi)
                    break
    return pairs


def figure_key(f: dict):
    try:
        return (f.get("kind"), round(float(f.get("value")), 2))
    except (TypeError, ValueError):
        return (f.get("kind"), None)


def score(gold_dir: Path, out_dir: Path, show_misses: bool = False) -> dict:
    golds = {p.name[: -len(".json")]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    bulletins = read_jsonl(out_dir / "bulletins.jsonl")
    nodes = read_jsonl(out_dir / "initiatives.jsonl")
    figures = read_jsonl(out_dir / "figures.jsonl")

    by_stem = {}
    for b in bulletins:
        stem = Path(str(b.get("source", ""))).name
        stem = stem[: -len(".txt")] if stem.endswith(".txt") else stem
        by_stem[stem] = b
    nodes_of = defaultdict(list)
    for n in nodes:
        nodes_of[n.get("bulletin_id")].append(n)
    figs_of = defaultdict(list)
    for f in figures:
        figs_of[f.get("bulletin_id")].append(f)

    totals = Counter()
    kind_tot = {k: Counter() for k in SCORED_KINDS}
    per_doc = []
    misses = []
    for stem, gold in golds.items():
        gstem = Path(gold.get("source", stem)).name
        gstem = gstem[: -len(".txt")] if gstem.endswith(".txt") else gstem
        b = by_stem.get(gstem)
        doc = {"doc": gstem, "found": b is not None}
        bid = b.get("id") if b else None
        onodes = nodes_of.get(bid, []) if b else []
        ofigs = figs_of.get(bid, []) if b else []

        # outline and issuers
        gnodes = gold.get("nodes", [])
        # an unstructured bulletin may come out as one node covering it: not counted
        scored = [] if not gnodes and len(onodes) == 1 else onodes
        pairs = match_nodes(gnodes, scored)
        issuer_ok = sum(1 for gi, oi in pairs.items() if same_issuer(scored[oi].get("issuer"), gnodes[gi].get("issuer")))
        totals.update(node_tp=len(pairs), node_out=len(scored), node_gold=len(gnodes), issuer_ok=issuer_ok)
        if show_misses:
            misses += [f"{gstem} node missed: {g.get('path')} {g.get('label')} {g['anchor']}" for gi, g in enumerate(gnodes) if gi not in pairs]
            matched_out = set(pairs.values())
            misses += [f"{gstem} node extra: {n.get('path')} {n.get('label')} {(n.get('title') or (n.get('text') or '')[:30])!r}" for oi, n in enumerate(scored) if oi not in matched_out]
            misses += [f"{gstem} issuer: {gnodes[gi]['anchor']} gold={gnodes[gi].get('issuer')} out={scored[oi].get('issuer')}" for gi, oi in pairs.items() if not same_issuer(scored[oi].get("issuer"), gnodes[gi].get("issuer"))]
        if b is not None:
            totals.update(doc_issuer_ok=int(same_issuer(b.get("issuer"), gold.get("issuer"))), doc_year_ok=int(b.get("year") == gold.get("year")), docs=1)

        # junk, script and pinyin residue in what casekit kept (bulletin text, node titles and texts)
        kept = "\n".join([(b or {}).get("text") or ""] + [(n.get("title") or "") + "\n" + (n.get("text") or "") for n in onodes])
        leaked = [j for j in gold.get("junk", []) if j and unicodedata.normalize("NFKC", j) in unicodedata.normalize("NFKC", kept)]
        trad = sum(1 for ch in set(kept) if "\u4e00" <= ch <= "\u9fff" and _T2S is not None and _T2S.convert(ch) != ch)
        pinyin = len(PINYIN_RESIDUE.findall(kept))
        totals.update(junk_leaked=len(leaked), junk_total=len(gold.get("junk", [])), trad_chars=trad, pinyin_left=pinyin)
        if show_misses:
            misses += [f"{gstem} junk leaked: {j!r}" for j in leaked]

        # figures: multiset match on (kind, value)
        gfigs = [f for f in gold.get("figures", []) if f.get("kind") in SCORED_KINDS]
        ofigs_s = [f for f in ofigs if f.get("kind") in SCORED_KINDS]
        pool = defaultdict(list)
        for f in ofigs_s:
            pool[figure_key(f)].append(f)
        tp = unit_ok = qual_ok = 0
        for g in gfigs:
            cands = pool.get(figure_key(g))
            if cands:
                same_text = [c for c in cands if fold(c.get("text")) == fold(g.get("text"))]
                o = (same_text or cands)[0]
                cands.remove(o)
                tp += 1
                kind_tot[g["kind"]].update(tp=1)
                unit_ok += int(fold(o.get("unit")) == fold(g.get("unit")) or g["kind"] != "count")
                qual_ok += int((o.get("qualifier") or None) == (g.get("qualifier") or None))
            elif show_misses:
                misses.append(f"{gstem} figure missed: {g.get('text')} {g['kind']}={g.get('value')}")
        for g in gfigs:
            kind_tot[g["kind"]].update(gold=1)
        for f in ofigs_s:
            kind_tot[f["kind"]].update(out=1)
        if show_misses:
            misses += [f"{gstem} figure extra: {f.get('text')} {f.get('kind')}={f.get('value')}" for lst in pool.values() for f in lst]
        totals.update(fig_tp=tp, fig_out=len(ofigs_s), fig_gold=len(gfigs), unit_ok=unit_ok, qual_ok=qual_ok)
        doc.update(nodes=prf(len(pairs), len(scored), len(gnodes)), figures=prf(tp, len(ofigs_s), len(gfigs)), junk_leaked=len(leaked))
        per_doc.append(doc)

    t = totals
    summary = {
        "docs_gold": len(golds),
        "docs_found": t["docs"],
        "nodes": prf(t["node_tp"], t["node_out"], t["node_gold"]),
        "node_issuer_acc": round(t["issuer_ok"] / t["node_tp"], 4) if t["node_tp"] else 0.0,
        "doc_issuer_acc": round(t["doc_issuer_ok"] / t["docs"], 4) if t["docs"] else 0.0,
        "doc_year_acc": round(t["doc_year_ok"] / t["docs"], 4) if t["docs"] else 0.0,
        "figures": prf(t["fig_tp"], t["fig_out"], t["fig_gold"]),
        "figures_by_kind": {k: prf(c["tp"], c["out"], c["gold"]) for k, c in kind_tot.items()},
        "figure_unit_acc": round(t["unit_ok"] / t["fig_tp"], 4) if t["fig_tp"] else 0.0,
        "figure_qualifier_acc": round(t["qual_ok"] / t["fig_tp"], 4) if t["fig_tp"] else 0.0,
        "junk_leaked": t["junk_leaked"],
        "junk_total": t["junk_total"],
        "traditional_chars_left": t["trad_chars"] if _T2S is not None else None,
        "pinyin_left": t["pinyin_left"],
        "per_doc": per_doc,
    }
    if show_misses:
        summary["misses"] = misses
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="folder of gold *.json files")
    ap.add_argument("--out", type=Path, required=True, help="folder holding casekit's bulletins/initiatives/figures.jsonl")
    ap.add_argument("--json", action="store_true", help="print the whole summary as JSON")
    ap.add_argument("--show-misses", action="store_true", help="list every missed or extra node and figure")
    args = ap.parse_args(argv)
    s = score(args.gold, args.out, args.show_misses)
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return 0
    for line in s.get("misses", []):
        print(line)
    print(f"bulletins matched      {s['docs_found']}/{s['docs_gold']}")
    for doc in s["per_doc"]:
        n, f = doc.get("nodes", {}), doc.get("figures", {})
        print(f"  {doc['doc']:<28} nodes F1 {n.get('f1', 0):.3f} ({n.get('tp', 0)}/{n.get('gold', 0)} gold, {n.get('out', 0)} out)"
              f"   figures F1 {f.get('f1', 0):.3f} ({f.get('tp', 0)}/{f.get('gold', 0)} gold, {f.get('out', 0)} out)")
    n = s["nodes"]
    print(f"outline nodes          P {n['p']:.3f}  R {n['r']:.3f}  F1 {n['f1']:.3f}")
    print(f"node issuer accuracy   {s['node_issuer_acc']:.3f}")
    print(f"bulletin issuer / year {s['doc_issuer_acc']:.3f} / {s['doc_year_acc']:.3f}")
    f = s["figures"]
    print(f"figures                P {f['p']:.3f}  R {f['r']:.3f}  F1 {f['f1']:.3f}")
    for k, v in s["figures_by_kind"].items():
        print(f"  {k:<8}             P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  ({v['gold']} gold)")
    print(f"figure unit / qualifier accuracy {s['figure_unit_acc']:.3f} / {s['figure_qualifier_acc']:.3f}")
    print(f"junk leaked            {s['junk_leaked']}/{s['junk_total']}")
    print(f"traditional chars left {s['traditional_chars_left']}")
    print(f"pinyin left            {s['pinyin_left']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
