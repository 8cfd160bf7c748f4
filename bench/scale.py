"""How the build grows with the corpus, on real articles (issue 12).

Builds the first N articles of the shared real corpus (28,803 Reuters, Guardian and
BBC articles, shuffled with a fixed seed, ``../shared/benchmarks/scale``) for each N,
as `storyline build` subprocesses, sampling the RSS of the whole process tree (main
process and workers) every 50 ms. Prints per size: pages/s of the per-page stage,
seconds of the corpus stage, corpus-stage ms per article, peak RSS of the tree.
Then adds ``--grow`` (default 1%) more articles to the largest store and times that
build against the full one: the next lines of the corpus, or, when the largest size is
the whole corpus, every 16th article of the Timeline17 set (real news of 2009-2013,
``../shared/benchmarks/timelines-t17``), so that the added articles are new pages.
Timeline17's articles are ten times longer than the corpus's (median 4,400 characters
against 450 for Reuters items), so 1% of them is about 10% more text; ``--held-out``
instead builds the largest size without its last 1% and then adds those lines (new
articles of the same corpus). Prints the corpus stage's steps of the added build.

    .venv/bin/python bench/scale.py [--sizes 1000,4000,16000,28803] [--workers 2] [--grow 0.01] [--held-out]
                                    [--grow-runs 3]

Skips (exit 0) when the shared corpus is absent.
"""
from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "benchmarks", "scale", "news-28k.jsonl.gz")
MORE = os.path.join(HERE, "..", "..", "shared", "benchmarks", "timelines-t17", "articles.jsonl.gz")
MORE_EVERY = 16
sys.path.insert(0, HERE)
from build_scale import run_sampled  # noqa: E402


def _write_prefix(path: str, start: int, stop: int, corpus: str = CORPUS, every: int = 1) -> int:
    """Lines [start, stop) of the corpus (every ``every``-th line) into ``path``;
    returns how many were written."""
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i % every:
                continue
            k = i // every
            if k >= stop:
                break
            if k >= start:
                out.write(line)
                n += 1
    return n


def _build(inputs: list[str], store: str, workers: int) -> dict:
    exe = os.path.join(os.path.dirname(sys.executable), "storyline")
    cmd = [exe, "build", *inputs, "--store", store, "-q", "--workers", str(workers)]
    wall, peak, out, err, rc = run_sampled(cmd)
    if rc != 0:
        sys.exit(f"build failed ({rc}): {err.strip()[-2000:]}")
    corpus = re.search(r"corpus stage:\s+([\d.]+) s", out)
    steps = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^ {4}(\S[^:]*):\s*([\d.]+) s$", out, re.M)}
    new = re.search(r"new articles:\s+(\d+)", out)
    read = re.search(r"pages read:\s+(\d+)", out)
    return {"wall": wall, "corpus": float(corpus.group(1)) if corpus else 0.0, "peak": peak,
            "articles": int(new.group(1)), "pages": int(read.group(1)), "steps": steps}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,4000,16000,28803")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--grow", type=float, default=0.01, help="share of new articles added to the largest store")
    ap.add_argument("--grow-runs", type=int, default=1,
                    help="add the new articles this many times, each to a fresh copy of the full store, and "
                         "report the median (the machine is shared: one 1-2 minute build is one noisy sample)")
    ap.add_argument("--held-out", action="store_true",
                    help="hold the largest size's last --grow share out of its build and add it after (new "
                         "articles of the same corpus, not Timeline17's longer ones)")
    args = ap.parse_args()
    if not os.path.exists(CORPUS):
        print(f"skipped: {CORPUS} not found")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"# bench/scale.py --sizes {args.sizes} --workers {args.workers} --grow {args.grow} "
          f"--grow-runs {args.grow_runs}{' --held-out' if args.held_out else ''}; "
          f"{date.today()}, {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| articles in | whole build | per-page stage | corpus stage | corpus ms/article | corpus share "
          "| peak RSS (tree) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        last = None
        for n in sizes:
            if args.held_out and n == sizes[-1]:
                n -= max(1, int(n * args.grow))
            data = os.path.join(tmp, f"first{n}.jsonl")
            _write_prefix(data, 0, n)
            store = os.path.join(tmp, f"s{n}.duckdb")
            r = _build([data], store, args.workers)
            per_page = r["wall"] - r["corpus"]
            print(f"| {n:,} | {r['wall']:.0f} s | {per_page:.0f} s ({r['pages'] / per_page:.1f} pages/s) "
                  f"| {r['corpus']:.1f} s | {1000 * r['corpus'] / max(r['articles'], 1):.2f} "
                  f"| {100 * r['corpus'] / r['wall']:.0f}% | {r['peak'] / 2**20:,.0f} MiB |", flush=True)
            last = (n, data, store, r)
        if last and args.grow > 0:
            n, data, store, full = last
            more = os.path.join(tmp, "more.jsonl")
            want = max(1, int(n * args.grow))
            added = _write_prefix(more, n, n + want)
            if not added and os.path.exists(MORE):
                added = _write_prefix(more, 0, want, MORE, MORE_EVERY)
            if added:
                kind = "held-out corpus" if args.held_out else ("corpus" if n + want <= 28803 else "Timeline17")
                runs = [_grow(store, [data, more], args.workers, k, tmp) for k in range(max(1, args.grow_runs))]
                for r in runs:
                    print(f"\nadding {added:,} {kind} articles to the {n:,}-article store: {r['wall']:.1f} s "
                          f"(corpus stage {r['corpus']:.1f} s), {100 * r['wall'] / full['wall']:.1f}% of the full "
                          f"build; peak RSS {r['peak'] / 2**20:,.0f} MiB")
                    print("corpus steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["steps"].items()))
                if len(runs) > 1:
                    mid = statistics.median(r["wall"] for r in runs)
                    print(f"\nmedian of {len(runs)}: {mid:.1f} s = {100 * mid / full['wall']:.1f}% of the full build")


def _grow(store: str, inputs: list[str], workers: int, k: int, tmp: str) -> dict:
    """One build of ``inputs`` into a fresh copy of the full ``store`` (the original is
    kept for the next run)."""
    copy = os.path.join(tmp, f"grow{k}.duckdb")
    shutil.copy(store, copy)
    if os.path.exists(store + ".wal"):
        shutil.copy(store + ".wal", copy + ".wal")
    try:
        return _build(inputs, copy, workers)
    finally:
        for path in (copy, copy + ".wal"):
            if os.path.exists(path):
                os.remove(path)


if __name__ == "__main__":
    main()
