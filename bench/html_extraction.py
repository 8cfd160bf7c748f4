"""Benchmark: HTML main-text extraction on the Zyte/Scrapinghub article-extraction benchmark.

    .venv/bin/python bench/html_extraction.py [--data DIR] [--methods a,b,...] [--breakdown]

Data: ``../shared/benchmarks/article-extraction`` relative to the repo root (181 gzipped
HTML pages + ground-truth.json). If it is missing, prints a skip message and exits 0.

Every method runs single-process, in this same run, over the same decoded pages; the
timing covers the extraction call only (decoding the gzip files is done up front).
Scores use the official metric (``bench/metric.py``).
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from metric import score  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "benchmarks" / "article-extraction"


def load(data: Path) -> tuple[dict[str, str], dict[str, dict]]:
    gt = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for key in sorted(gt):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = raw.decode("utf-8", "replace")
    return pages, gt


def _ours():
    from storyline.clean.html import extract_html

    return lambda html, url: extract_html(html, url).text


def _fastpath():
    from storyline.clean import html as H

    HTMLTree = H._mods()["HTMLTree"]
    return lambda html, url: H._resiliparse_text(HTMLTree.parse(html))


def _trafilatura(**kw):
    import trafilatura

    return lambda html, url: trafilatura.extract(html, url=url, **kw) or ""


def _resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)


def _readability():
    import lxml.html
    from readability import Document

    def run(html, url):
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

    return run


METHODS = {
    "storyline": ("storyline extract_html (ours)", _ours),
    "storyline-fastpath": ("storyline fast path only (tuned resiliparse)", _fastpath),
    "trafilatura": ("trafilatura.extract() default", lambda: _trafilatura()),
    "trafilatura-nocomments": ("trafilatura.extract(include_comments=False)", lambda: _trafilatura(include_comments=False)),
    "trafilatura-fast": ("trafilatura.extract(fast=True, include_comments=False)", lambda: _trafilatura(fast=True, include_comments=False)),
    "resiliparse": ("resiliparse main_content", _resiliparse),
    "readability": ("readability-lxml", _readability),
}
DEFAULT_METHODS = "storyline,storyline-fastpath,trafilatura,trafilatura-nocomments,trafilatura-fast,resiliparse,readability"


def run_method(fn, pages, gt, repeat=1):
    """Outputs and the best (min) wall time of ``repeat`` passes over all pages."""
    fn(next(iter(pages.values())), None)  # warm-up: lazy imports / model loads are not timed
    best = float("inf")
    for _ in range(max(1, repeat)):
        out = {}
        t0 = time.perf_counter()
        for key, html in pages.items():
            out[key] = fn(html, gt[key].get("url")) or ""
        best = min(best, time.perf_counter() - t0)
    return out, best


def breakdown(pages, gt):
    """Per-component cost of our extractor (ms/page) and how often the slow path runs."""
    from storyline.clean import html as H

    H._mods(), H._trafilatura(), H._find_date()
    HTMLTree = H._mods()["HTMLTree"]
    parts = {"parse (lexbor)": 0.0, "metadata (meta/title/JSON-LD/lang)": 0.0, "resiliparse text + link filter": 0.0,
             "decision rule": 0.0, "trafilatura fallback": 0.0, "htmldate (fast)": 0.0}
    routed = 0
    for key, html in pages.items():
        url = gt[key].get("url")
        t = time.perf_counter(); tree = HTMLTree.parse(html); t2 = time.perf_counter(); parts["parse (lexbor)"] += t2 - t
        meta = H.meta_map(H.meta_tags(html, H.head_end(html))); H._metadata(tree, meta, html); H._language(tree, meta)
        t3 = time.perf_counter(); parts["metadata (meta/title/JSON-LD/lang)"] += t3 - t2
        text = H._resiliparse_text(tree); t4 = time.perf_counter(); parts["resiliparse text + link filter"] += t4 - t3
        unsure = H._unsure(text); t5 = time.perf_counter(); parts["decision rule"] += t5 - t4
        if unsure:
            routed += 1
            H._trafilatura_text(html, url)
        t6 = time.perf_counter(); parts["trafilatura fallback"] += t6 - t5
        H._published(html); parts["htmldate (fast)"] += time.perf_counter() - t6
    n = len(pages)
    print(f"\nBreakdown of storyline extract_html ({n} pages; slow path on {routed} = {routed / n:.0%}):")
    for name, secs in parts.items():
        print(f"  {name:40s} {1000 * secs / n:7.2f} ms/page")
    print(f"  {'total':40s} {1000 * sum(parts.values()) / n:7.2f} ms/page")

    # metadata alternatives, for reference
    import trafilatura
    from htmldate import find_date

    t = time.perf_counter()
    for key, html in pages.items():
        find_date(html, url=gt[key].get("url"), original_date=True, outputformat="%Y-%m-%d")
    print(f"  (htmldate extensive_search=True:        {1000 * (time.perf_counter() - t) / n:7.2f} ms/page)")
    t = time.perf_counter()
    for key, html in pages.items():
        trafilatura.extract_metadata(html, default_url=gt[key].get("url"))
    print(f"  (trafilatura.extract_metadata:          {1000 * (time.perf_counter() - t) / n:7.2f} ms/page)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--methods", default=DEFAULT_METHODS, help=f"comma list of {','.join(METHODS)}")
    ap.add_argument("--n-bootstrap", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1, help="timed passes per method; the fastest is reported")
    ap.add_argument("--breakdown", action="store_true", help="also time the components of our extractor")
    ap.add_argument("--dump", type=Path, help="write {method: {page: text}} JSON here")
    args = ap.parse_args(argv)

    data = args.data.resolve()
    if not (data / "ground-truth.json").is_file() or not (data / "html").is_dir():
        print(f"SKIP: benchmark data not found at {data}")
        return 0
    logging.disable(logging.CRITICAL)  # trafilatura/htmldate log per-page noise
    pages, gt = load(data)
    print(f"{len(pages)} pages from {data}")

    rows, dump = [], {}
    for name in [m.strip() for m in args.methods.split(",") if m.strip()]:
        label, factory = METHODS[name]
        out, elapsed = run_method(factory(), pages, gt, args.repeat)
        s = score(((out[k], gt[k].get("articleBody", "")) for k in pages), n_bootstrap=args.n_bootstrap)
        rows.append((label, s, len(pages) / elapsed, elapsed))
        dump[name] = out
        print(f"  done {label}: F1={s['f1']:.4f} in {elapsed:.1f}s", flush=True)

    print()
    print("| method | F1 | precision | recall | pages/s | time (s) |")
    print("|---|---|---|---|---|---|")
    for label, s, pps, elapsed in rows:
        print(
            f"| {label} | {s['f1']:.3f} ± {s['f1_std']:.3f} | {s['precision']:.3f} ± {s['precision_std']:.3f} "
            f"| {s['recall']:.3f} ± {s['recall_std']:.3f} | {pps:.1f} | {elapsed:.2f} |"
            if "f1_std" in s
            else f"| {label} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {pps:.1f} | {elapsed:.2f} |"
        )
    print("(± = bootstrap standard deviation over pages, 1000 resamples)")
    base = {label: elapsed for label, _, _, elapsed in rows}
    ours, traf = base.get(METHODS["storyline"][0]), base.get(METHODS["trafilatura"][0])
    if ours and traf:
        print(f"storyline time / trafilatura default time = {ours / traf:.2f} ({traf / ours:.1f}x faster)")
    if args.breakdown:
        breakdown(pages, gt)
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
