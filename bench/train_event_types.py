"""Train the PLOVER type model (src/storyline/analyse/event_model.py) and choose how it is used,
by k-fold cross-validation on the tuning half of the PLOVER gold sentences.

Training data (never the held-apart half):
  - the tuning half of ../shared/benchmarks/events (bench/events_split.py), labels mapped to
    the current types;
  - the hand-labelled sentences, bench/data/events_gold.jsonl (PLOVER-coded types);
  - sentences written for this project from the PLOVER manual's definitions and the CAMEO code
    descriptions, bench/data/event_type_examples.jsonl (one per line: {"text", "type"}).

Model: multinomial logistic regression with an L2 penalty over the sparse features of
analyse/events.py:sentence_features, fitted with scipy's L-BFGS from zero weights
(deterministic). Writes src/storyline/analyse/data/event_type_model.json (feature -> {type:
weight}, small weights dropped).

Cross-validation: the tuning half in K folds (deterministic, by position within each type);
each fold is predicted by a model trained on the other folds + the hand set + the written
examples, and the rules' main event is combined with the model as analyse/events.py does
(back-off where the rules find no event; override where the model is at least OVERRIDE sure).

    .venv/bin/python bench/train_event_types.py [--cv-only] [--c 1.0]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict

import numpy as np
from scipy.optimize import minimize

from storyline.analyse import analyse_article, nlp, parse_text
from storyline.analyse.event_types import EVENT_TYPES
from storyline.analyse.events import extract_events, main_event, model_gate, sentence_features
from storyline.analyse import events as events_mod
from storyline.model import Article

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from events_split import TUNE, load as load_half  # noqa: E402

GOLD = os.path.join(HERE, "data", "events_gold.jsonl")
EXAMPLES = os.path.join(HERE, "data", "event_type_examples.jsonl")
OUT = os.path.join(HERE, "..", "src", "storyline", "analyse", "data", "event_type_model.json")

CLASSES = sorted(EVENT_TYPES)
K = 5                      # folds of the tuning half
MIN_FEATURE_COUNT = 1      # a feature seen once still helps (the long tail is the point)
PRUNE = 0.02               # weights smaller than this are dropped from the shipped file


def parse(text: str, published: str | None):
    art = Article(id="t", page_id="t", source="t", url=None, outlet=None, title=None, published=published,
                  published_source=None, language="en", author=None, text=text)
    doc = nlp()(parse_text(text))
    analyse_article(art, doc)
    # the rules alone: the model is switched off while its training data is read
    saved = events_mod.USE_MODEL
    events_mod.USE_MODEL = False
    try:
        evs = extract_events(doc, art.entities, art.mentions, [], published)
    finally:
        events_mod.USE_MODEL = saved
    ev = main_event(evs)
    if ev is not None:
        sent = next(s for s in doc.sents if s.start_char == ev.start)
    else:
        sent = max(doc.sents, key=len)
    ctx = events_mod._Ctx(doc, art.entities, art.mentions, [], published)   # as extract_events builds it
    return sentence_features(sent), (ev.plover_type if ev else None), model_gate(sent, ctx)


def rows_of(kind: str):
    if kind == "tune":
        return [(r["text"], "2000-01-01", r["event"]) for r in load_half(TUNE)]
    if kind == "hand":
        out = []
        for x in open(GOLD, encoding="utf-8"):
            if x.strip():
                r = json.loads(x)
                if r.get("type") not in (None, "", "NONE", "none"):
                    out.append((r["text"], r.get("published"), r["type"]))
        return out
    if kind == "examples" and os.path.exists(EXAMPLES):
        return [(r["text"], "2025-01-01", r["type"]) for r in map(json.loads, open(EXAMPLES, encoding="utf-8"))
                if r.get("type")]
    return []


def featurise(rows):
    out = []
    for text, pub, label in rows:
        feats, rule, gate = parse(text, pub)
        out.append((feats, label, rule if rule is not None else (("GATE", gate) if gate is not None else None)))
    return out


def fit(data, c: float, weights=None):
    """Multinomial logistic regression, L2 penalty 1/c, L-BFGS from zero."""
    vocab = Counter(f for feats, _, _ in data for f in set(feats))
    index = {f: i for i, f in enumerate(sorted(f for f, n in vocab.items() if n >= MIN_FEATURE_COUNT))}
    n, d, k = len(data), len(index), len(CLASSES)
    X = np.zeros((n, d))
    for r, (feats, _, _) in enumerate(data):
        for f in feats:
            j = index.get(f)
            if j is not None:
                X[r, j] += 1.0
    np.minimum(X, 2.0, out=X)
    y = np.array([CLASSES.index(lab) for _, lab, _ in data])
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1.0
    sw = np.ones(n) if weights is None else np.asarray(weights, float)

    def loss(wflat):
        W = wflat[:d * k].reshape(d, k)
        b = wflat[d * k:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        ll = -(sw * np.log(P[np.arange(n), y] + 1e-12)).sum()
        reg = 0.5 / c * (W * W).sum()
        G = (P - Y) * sw[:, None]
        gW = X.T @ G + W / c
        gb = G.sum(axis=0)
        return ll + reg, np.concatenate([gW.ravel(), gb])

    res = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    W = res.x[:d * k].reshape(d, k)
    b = res.x[d * k:]
    return index, W, b


def predict(model, feats):
    index, W, b = model
    z = b.copy()
    for f in feats:
        j = index.get(f)
        if j is not None:
            z += W[j]
    z -= z.max()
    p = np.exp(z)
    p /= p.sum()
    i = int(p.argmax())
    return CLASSES[i], float(p[i])


def combine(rule, pred, conf, override: float, backoff: float):
    """The rules' main type, the model's where the rules have none (("GATE", p): the sentence passes
    analyse/events.py:model_gate, which asks for probability p) or where the model is at least
    `override` sure."""
    if rule is None:
        return None
    if isinstance(rule, tuple):          # ("GATE", probability the gate asks for)
        need = rule[1] if rule[1] > events_mod.MODEL_BACKOFF else backoff
        return pred if conf >= need else None
    if pred != rule and conf >= override:
        return pred
    return rule


def folds(data, k):
    by_type = defaultdict(list)
    for i, (_, lab, _) in enumerate(data):
        by_type[lab].append(i)
    out = [[] for _ in range(k)]
    j = 0
    for lab in sorted(by_type):
        for i in by_type[lab]:
            out[j % k].append(i)
            j += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--w-examples", type=float, default=1.0, help="weight of the written examples")
    ap.add_argument("--grid", default="", help="comma-separated c values: cross-validate the model alone")
    args = ap.parse_args()
    nlp()
    tune = featurise(rows_of("tune"))
    hand = featurise(rows_of("hand"))
    ex = featurise(rows_of("examples"))
    print(f"tuning half {len(tune)}, hand-labelled {len(hand)}, written examples {len(ex)}")
    if args.grid:
        for c in [float(x) for x in args.grid.split(",")]:
            for we in (0.5, 1.0, 2.0):
                preds = [None] * len(tune)
                for f in folds(tune, K):
                    fset = set(f)
                    train = [tune[i] for i in range(len(tune)) if i not in fset] + hand + ex
                    m = fit(train, c, [1.0] * (len(train) - len(ex)) + [we] * len(ex))
                    for i in f:
                        preds[i] = predict(m, tune[i][0])
                acc = sum(p[0] == lab for p, (_, lab, _) in zip(preds, tune)) / len(tune)
                m0 = fit(hand + ex, c, [1.0] * len(hand) + [we] * len(ex))
                acc0 = sum(predict(m0, ft)[0] == lab for ft, lab, _ in tune) / len(tune)
                print(f"c={c} w_examples={we}: {K}-fold {acc:.3f}, without the tuning half {acc0:.3f}")
        return 0
    rule_acc = sum(r == lab for _, lab, r in tune) / len(tune)
    print(f"rules alone on the tuning half: {rule_acc:.3f}")
    preds = [None] * len(tune)
    for f in folds(tune, K):
        fset = set(f)
        train = [tune[i] for i in range(len(tune)) if i not in fset] + hand + ex
        w = [1.0] * (len(train) - len(ex)) + [args.w_examples] * len(ex)
        m = fit(train, args.c, w)
        for i in f:
            preds[i] = predict(m, tune[i][0])
    acc = sum(p[0] == lab for p, (_, lab, _) in zip(preds, tune)) / len(tune)
    print(f"model alone, {K}-fold on the tuning half: {acc:.3f}")
    # model trained without the tuning half at all: the closest to a fresh half
    m0 = fit(hand + ex, args.c, [1.0] * len(hand) + [args.w_examples] * len(ex))
    p0 = [predict(m0, feats) for feats, _, _ in tune]
    acc0 = sum(p[0] == lab for p, (_, lab, _) in zip(p0, tune)) / len(tune)
    print(f"model trained on hand set + examples only, on the tuning half: {acc0:.3f}")
    for name, pp in (("cv", preds), ("no-tune", p0)):
        for ov in (1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5):
            for bo in (0.0, 0.3, 0.5):
                a = sum(combine(r, p, c, ov, bo) == lab for (p, c), (_, lab, r) in zip(pp, tune)) / len(tune)
                print(f"  {name}: override >= {ov:.2f}, back-off >= {bo:.2f}: {a:.3f}")
    # where the rules were wrong / absent, how often the model is right
    wrong = [(p, lab, r) for p, (_, lab, r) in zip(preds, tune) if r != lab]
    print(f"rules wrong or absent on {len(wrong)}; model right on {sum(p[0] == lab for p, lab, _ in wrong)} of them")
    if args.cv_only:
        return 0
    allw = [1.0] * (len(tune) + len(hand)) + [args.w_examples] * len(ex)
    index, W, b = fit(tune + hand + ex, args.c, allw)
    weights = {}
    for f, j in sorted(index.items()):
        row = {c: round(float(W[j, k]), 4) for k, c in enumerate(CLASSES) if abs(W[j, k]) >= PRUNE}
        if row:
            weights[f] = row
    data = {"classes": CLASSES, "bias": {c: round(float(b[k]), 4) for k, c in enumerate(CLASSES)},
            "weights": weights,
            "trained_on": {"plover_tuning_half": len(tune), "hand_labelled": len(hand), "written_examples": len(ex)},
            "c": args.c}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, separators=(",", ":"))
    print(f"wrote {os.path.relpath(OUT)}: {len(weights)} features, {os.path.getsize(OUT) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
