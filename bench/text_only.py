"""Benchmark for storyline.clean.text.clean_text on the derived text-only set.

Data: ../shared/benchmarks/article-extraction/text-only/ (see SOURCE.md there).
Metric: the ScrapingHub article-extraction token metric (4-token shingles over
re.findall(r"\\w+"), per-page tp+fp+fn normalised to 1, macro means of P and R,
F1 = harmonic mean of the means), from bench/metric.py.

Usage (from the repo root):
    .venv/bin/python bench/text_only.py            # both variants, all reports
    .venv/bin/python bench/text_only.py --data DIR --variant resiliparse
    .venv/bin/python bench/text_only.py --fit      # refit line weights on EVEN pages

Held-out protocol: the only fitted part of clean_text (the logistic line weights
in storyline.clean.text._WEIGHTS and the block/keep thresholds) is fitted on the
even-indexed pages (0, 2, 4, ... in id order) of the *primary* variant only. The
odd-indexed pages are the held-out report; the secondary variant is never used
for fitting.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DATA = ROOT / ".." / "shared" / "benchmarks" / "article-extraction" / "text-only"
VARIANTS = ("resiliparse", "inscriptis")

# ----------------------------------------------------------------------------
# metric: the official ScrapingHub logic, shared with bench/html_extraction.py
# ----------------------------------------------------------------------------
sys.path.insert(0, str(Path(__file__).resolve().parent))
from metric import page_counts  # noqa: E402


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page (tp + fp + fn = 1)."""
    tp, fp, fn, _exact = page_counts(pred, true)
    return tp, fp, fn


def _prec(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp + fp == 0:
        return None
    return tp / (tp + fp)


def _rec(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp + fn == 0:
        return None
    return tp / (tp + fn)


def macro_prf(triples) -> tuple[float, float, float]:
    ps = [x for x in (_prec(*t) for t in triples) if x is not None]
    rs = [x for x in (_rec(*t) for t in triples) if x is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def line_counts(kept: set[int], labels: list) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i, lab in enumerate(labels):
        if lab is None:
            continue
        k = i in kept
        if k and lab == 1:
            tp += 1
        elif k:
            fp += 1
        elif lab == 1:
            fn += 1
    return tp, fp, fn


# ----------------------------------------------------------------------------
# baselines
# ----------------------------------------------------------------------------
_C4_BAD = re.compile(
    r"javascript|privacy policy|terms of use|cookie policy|uses cookies|use of cookies|use cookies|lorem ipsum|\{",
    re.I,
)


def c4_keep(lines: list[str]) -> list[int]:
    out = []
    for i, l in enumerate(lines):
        if not l.endswith((".", "!", "?", '"', "”", "’", "'")):
            continue
        if len(l.split()) < 3:
            continue
        if _C4_BAD.search(l):
            continue
        out.append(i)
    return out


# ----------------------------------------------------------------------------
def load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(x) for x in fh]


def evaluate(rows, method) -> dict:
    """method(row) -> (body_text, kept_indices, seconds)."""
    _clear_cache()
    tok, lin = [], []
    n_kept = n_lines = 0
    secs = 0.0
    for r in rows:
        text, kept, dt = method(r)
        secs += dt
        tok.append(shingle_tp_fp_fn(r["gold"], text))
        tp, fp, fn = line_counts(set(kept), r["line_labels"])
        lin.append((tp, fp, fn))
        n_kept += len(kept)
        n_lines += len(r["lines"])
    tp_ = sum(t[0] for t in lin)
    fp_ = sum(t[1] for t in lin)
    fn_ = sum(t[2] for t in lin)
    micro = 2 * tp_ / (2 * tp_ + fp_ + fn_) if tp_ else 0.0
    # line macro: per-page P/R with the same conventions
    lp, lr, lf = macro_prf(lin)
    p, r, f = macro_prf(tok)
    return {
        "n": len(rows),
        "tok_P": p,
        "tok_R": r,
        "tok_F1": f,
        "line_macroF1": lf,
        "line_microF1": micro,
        "kept_share": n_kept / max(1, n_lines),
        "pages_per_s": len(rows) / secs if secs > 0 else float("inf"),
    }


def _clear_cache():
    # clean_text memoises per-line features by text; start every timed run cold
    try:
        from storyline.clean import text as T

        T._LINE_CACHE.clear()
    except Exception:  # pragma: no cover
        pass


def m_keep_all(r):
    t = time.perf_counter()
    idx = list(range(len(r["lines"])))
    return "\n".join(r["lines"]), idx, time.perf_counter() - t


def m_c4(r):
    t = time.perf_counter()
    idx = c4_keep(r["lines"])
    return "\n".join(r["lines"][i] for i in idx), idx, time.perf_counter() - t


def m_oracle(r):
    idx = [i for i, l in enumerate(r["line_labels"]) if l == 1]
    return "\n".join(r["lines"][i] for i in idx), idx, 0.0


def m_clean(r):
    from storyline.clean.text import clean_text

    inp = "\n".join(r["lines"])
    t = time.perf_counter()
    ct = clean_text(inp)
    dt = time.perf_counter() - t
    return ct.text, ct.kept, dt


def fmt_row(name, m):
    pps = m["pages_per_s"]
    pps_s = "-" if pps == float("inf") else f"{pps:,.0f}"
    return (
        f"| {name} | {m['n']} | {m['tok_F1']:.3f} | {m['tok_P']:.3f} | {m['tok_R']:.3f} | "
        f"{m['line_macroF1']:.3f} | {m['line_microF1']:.3f} | {m['kept_share']:.3f} | {pps_s} |"
    )


HEADER = (
    "| method | pages | token F1 | token P | token R | line macro F1 | line micro F1 | "
    "share kept | pages/s |\n|---|---|---|---|---|---|---|---|---|"
)


def run_report(data: Path, variants) -> int:
    any_found = False
    for v in variants:
        path = data / f"text-only-{v}.jsonl.gz"
        if not path.exists():
            print(f"[skip] {path} not found")
            continue
        any_found = True
        rows = load(path)
        even = rows[0::2]
        odd = rows[1::2]
        # warm up imports / regex compilation outside the timing
        m_clean(rows[0])
        print(f"\n## variant: {v} ({len(rows)} pages)\n")
        print(HEADER)
        print(fmt_row("keep all lines (baseline)", evaluate(rows, m_keep_all)))
        print(fmt_row("C4-style line rule (baseline)", evaluate(rows, m_c4)))
        print(fmt_row("oracle (labels)", evaluate(rows, m_oracle)))
        print(fmt_row("clean_text, even pages (fit half)", evaluate(even, m_clean)))
        print(fmt_row("clean_text, odd pages (held out)", evaluate(odd, m_clean)))
        print(fmt_row("clean_text, all pages", evaluate(rows, m_clean)))
        # speed, single process: cold = per-line feature cache empty (as in the
        # table above); warm = every line already seen (site furniture repeats)
        inputs = ["\n".join(r["lines"]) for r in rows]
        from storyline.clean.text import clean_text

        _clear_cache()
        t0 = time.perf_counter()
        for x in inputs:
            clean_text(x)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        for x in inputs:
            clean_text(x)
        warm = time.perf_counter() - t0
        n_lines = sum(len(r["lines"]) for r in rows)
        print(
            f"\nspeed: cold {len(rows) / cold:,.0f} pages/s ({n_lines / cold:,.0f} lines/s), "
            f"warm line cache {len(rows) / warm:,.0f} pages/s; "
            f"{n_lines / len(rows):.0f} lines/page on average"
        )
    if not any_found:
        print(f"[skip] no benchmark data under {data}; nothing to do")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--variant", choices=VARIANTS + ("all",), default="all")
    ap.add_argument("--fit", action="store_true", help="refit line weights on even pages of the primary variant and print them")
    a = ap.parse_args(argv)
    data = a.data.resolve() if a.data.exists() else a.data
    if not data.exists():
        print(f"[skip] benchmark data directory {data} not found; nothing to do")
        return 0
    if a.fit:
        return fit(data)
    variants = VARIANTS if a.variant == "all" else (a.variant,)
    return run_report(data, variants)


# ----------------------------------------------------------------------------
# fitting (held-out protocol: even-indexed pages of the primary variant only)
# ----------------------------------------------------------------------------
def fit(data: Path) -> int:
    """Refit the logistic line weights and grid-search the block thresholds.

    Only the EVEN-indexed pages of the primary variant are used for both steps;
    the odd pages are scored once, for the chosen setting, as the held-out report.
    Paste the printed constants into storyline/clean/text.py.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        print("numpy required for --fit")
        return 1
    from storyline.clean import text as T

    path = data / "text-only-resiliparse.jsonl.gz"
    if not path.exists():
        print(f"[skip] {path} not found")
        return 0
    rows = load(path)

    def prep(rs):
        out = []
        for r in rs:
            lines, _ = T._prepare("\n".join(r["lines"]))
            feats, hard = T._features(lines, frozenset())
            out.append((r, lines, np.asarray(feats, dtype=float), hard))
        return out

    even, odd = prep(rows[0::2]), prep(rows[1::2])
    X, y = [], []
    for r, lines, F, _h in even:
        for k, ln in enumerate(lines):
            lab = r["line_labels"][ln.idx]
            if lab is not None:
                X.append(F[k])
                y.append(lab)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    w = np.zeros(d + 1)
    lam = 1.0
    reg = lam * np.diag(np.r_[np.ones(d), 0])
    for _ in range(50):  # Newton / IRLS with L2
        p = 1 / (1 + np.exp(-(Xb @ w)))
        g = Xb.T @ (p - y) + lam * np.r_[w[:-1], 0]
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb + reg
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    W, b = w[:-1], float(w[-1])
    acc = ((Xb @ w > 0) == (y > 0.5)).mean()
    print(f"# logistic fit on {len(even)} even pages, {n} labelled lines, train line accuracy {acc:.3f}")

    def score(P, prm):
        tri = []
        for r, lines, F, hard in P:
            z = list(F @ W + b)
            keep, bs, be = T._select(lines, z, hard, prm)
            tri.append(shingle_tp_fp_fn(r["gold"], T._finish(lines, keep, bs, be).text))
        return macro_prf(tri)[2]

    best = None
    for tb in (-1.0, -0.5, 0.0):
        for tk in (-3.0, -2.0):
            for mg in (1.5, 2.5):
                for hp in (0.5, 1.5):
                    for fl in (1.0, 1.5, 2.5, 99.0):
                        prm = (tb, tk, T._T_OUT, T._T_OUT_DIST, mg, hp, fl)
                        f = score(even, prm)
                        if best is None or f > best[0] + 1e-12:
                            best = (f, prm)
    f_even, prm = best
    print(f"# grid on even pages: best token F1 {f_even:.4f}; held-out odd pages: {score(odd, prm):.4f}")
    print("_WEIGHTS = (")
    for nm, wi in zip(T._FEATURE_NAMES, W):
        print(f"    {wi:+.4f},  # {nm}")
    print(")")
    print(f"_BIAS = {b:+.4f}")
    names = ("_T_BLOCK", "_T_KEEP", "_T_OUT", "_T_OUT_DIST", "_MARGIN", "_HARD_PEN", "_FLOOR")
    for nm, v in zip(names, prm):
        print(f"{nm} = {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
