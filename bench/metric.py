"""Official article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark).

Re-implemented from the description in ../shared/benchmarks/article-extraction/SOURCE.md:

- tokens are ``re.findall(r'\\w+', text)`` (case-sensitive); units are 4-token shingles
  (a text with 1..3 tokens gives one shorter shingle, an empty text gives none);
- per page: multiset overlap of shingles -> tp, fp, fn, normalised so tp+fp+fn = 1;
- precision = mean of per-page precisions over pages with tp+fp > 0, recall = mean of
  per-page recalls over pages with tp+fn > 0 (fp = fn = 0 -> both 1);
- F1 = harmonic mean of mean-P and mean-R (not the mean of per-page F1);
- accuracy = share of pages whose token list equals the gold token list;
- +- values are bootstrap standard deviations over pages (1000 resamples).

``score(pairs)`` takes an iterable of ``(predicted_text, gold_text)`` and returns a dict.
"""

from __future__ import annotations

import random
import statistics
import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")
N_SHINGLE = 4


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(tokens: list[str], n: int = N_SHINGLE) -> Counter:
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(pred: str, gold: str) -> tuple[float, float, float, bool]:
    """Normalised (tp, fp, fn) for one page, plus exact-token-match flag."""
    pt, gt = tokenize(pred), tokenize(gold)
    ps, gs = shingles(pt), shingles(gt)
    tp = sum((ps & gs).values())
    fp = sum((ps - gs).values())
    fn = sum((gs - ps).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn, pt == gt


def _aggregate(counts: list[tuple[float, float, float, bool]]) -> tuple[float, float, float, float]:
    precs, recs = [], []
    for tp, fp, fn, _ in counts:
        if fp == 0 and fn == 0:
            precs.append(1.0)
            recs.append(1.0)
            continue
        if tp + fp > 0:
            precs.append(tp / (tp + fp))
        if tp + fn > 0:
            recs.append(tp / (tp + fn))
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for c in counts if c[3]) / len(counts) if counts else 0.0
    return f1, p, r, acc


def score(pairs: Iterable[tuple[str, str]], n_bootstrap: int = 1000, seed: int = 0) -> dict:
    """Score ``(predicted, gold)`` pairs. Returns f1, precision, recall, accuracy, *_std, n."""
    counts = [page_counts(p, g) for p, g in pairs]
    f1, p, r, acc = _aggregate(counts)
    out = {"f1": f1, "precision": p, "recall": r, "accuracy": acc, "n": len(counts)}
    if n_bootstrap and counts:
        rng = random.Random(seed)
        samples = [
            _aggregate([counts[rng.randrange(len(counts))] for _ in counts])
            for _ in range(n_bootstrap)
        ]
        for i, key in enumerate(("f1", "precision", "recall", "accuracy")):
            vals = [s[i] for s in samples]
            out[key + "_std"] = statistics.stdev(vals)  # as upstream (sample stdev)
    return out


def per_page(pred: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, f1) of a single page, for diagnostics."""
    tp, fp, fn, _ = page_counts(pred, gold)
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
