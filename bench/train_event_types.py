"""Train the PLOVER type model (src/storyline/analyse/event_model.py) and choose how it is used,
by k-fold cross-validation on the tuning half of the PLOVER gold sentences.

Training data (never the held-apart half):
  - the tuning half of ../shared/benchmarks/events (bench/events_split.py), labels mapped to
    the current types;
  - the hand-labelled sentences, bench/data/events_gold.jsonl (PLOVER-coded types);
  - sentences written for this project from the PLOVER manual's definitions and the CAMEO code
    descriptions, bench/data/event_type_examples.jsonl (one per line: {"text", "type"});
  - real news sentences of ../shared/benchmarks/scale (Reuters 1987, BBC 2004-05, the Guardian
    2022) labelled by hand with a PLOVER type or NONE, bench/data/event_labels_scale.jsonl (the
    labels name their sentences by article id and key; bench/event_pool.py rebuilds the text from
    the corpus in place, which may not be copied here). NONE is a class of its own: where the
    model says NONE it adds no event.

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
import event_pool  # noqa: E402

GOLD = os.path.join(HERE, "data", "events_gold.jsonl")
EXAMPLES = os.path.join(HERE, "data", "event_type_examples.jsonl")
SCALE_LABELS = os.path.join(HERE, "data", "event_labels_scale.jsonl")
OUT = os.path.join(HERE, "..", "src", "storyline", "analyse", "data", "event_type_model.json")

NONE = "NONE"                # a sentence that reports no PLOVER event (real sentences only)
CLASSES = sorted(EVENT_TYPES) + [NONE]
K = 5                      # folds of the tuning half
MIN_FEATURE_COUNT = 1      # a feature seen once still helps (the long tail is the point)
PRUNE = 0.02               # weights smaller than this are dropped from the shipped file
C = 0.5                    # inverse L2 strength: by CV, 0.5 and 1.0 tie on the PLOVER tuning half, 0.5 is
                           # 0.002 better on the corpus sentences (2.0: see docs/benchmarks.md §9c)
W_UNSURE = 0.5             # a corpus sentence its labeller marked not sure counts half


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
    state = ev is not None and events_mod._kept_from_veto(ctx, ev)     # as analyse/events.py
    return sentence_features(sent), (ev.plover_type if ev else None), model_gate(sent, ctx), state


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


def scale_rows() -> tuple[list, list[bool]]:
    """The labelled corpus sentences as rows, and for each whether its labeller was sure."""
    if not os.path.exists(SCALE_LABELS):
        return [], []
    labels = [json.loads(x) for x in open(SCALE_LABELS, encoding="utf-8") if x.strip()]
    found, missing = event_pool.labelled_sentences(labels)
    if missing:
        print(f"{missing} labelled corpus sentences not found (corpus absent or its text changed)")
    return [(text, "2000-01-01", lab["type"]) for lab, text in found], [lab.get("sure", True) for lab, _ in found]


def featurise(rows):
    out = []
    for text, pub, label in rows:
        feats, rule, gate, state = parse(text, pub)
        out.append((feats, label, rule if rule is not None else (("GATE", gate) if gate is not None else None), state))
    return out


def fit(data, c: float, weights=None):
    """Multinomial logistic regression, L2 penalty 1/c, L-BFGS from zero."""
    vocab = Counter(f for feats, *_ in data for f in set(feats))
    index = {f: i for i, f in enumerate(sorted(f for f, n in vocab.items() if n >= MIN_FEATURE_COUNT))}
    n, d, k = len(data), len(index), len(CLASSES)
    X = np.zeros((n, d))
    for r, (feats, *_) in enumerate(data):
        for f in feats:
            j = index.get(f)
            if j is not None:
                X[r, j] += 1.0
    np.minimum(X, 2.0, out=X)
    y = np.array([CLASSES.index(lab) for _, lab, *_ in data])
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
    types = p[:-1] / p[:-1].sum()        # the types alone (CLASSES ends with NONE), as event_model.predict_type
    j = int(types.argmax())
    return CLASSES[i], float(p[i]), CLASSES[j], float(types[j]), float(p[-1])


def combine(rule, got, override: float, backoff: float, veto: float = 1.01):
    """The rules' main type, the model's where the rules have none (("GATE", p): the sentence passes
    analyse/events.py:model_gate, which asks for probability p of the likeliest type among the types
    alone, unless the model's NONE is at least `veto` sure) or where the model is at least
    `override` sure; none where the model says NONE at least `veto` sure (as analyse/events.py)."""
    pred, conf, typ, typ_p, p_none = got
    if rule is None:
        return None
    if isinstance(rule, tuple):          # ("GATE", probability the gate asks for)
        need = rule[1] if rule[1] > events_mod.MODEL_BACKOFF else backoff
        return typ if typ_p >= need and p_none < veto else None
    if pred == NONE:
        return None if conf >= veto else rule
    if pred != rule and conf >= override:
        return pred
    return rule


def right(out, label) -> bool:
    return (out or NONE) == label


def folds(data, k):
    by_type = defaultdict(list)
    for i, (_, lab, *_) in enumerate(data):
        by_type[lab].append(i)
    out = [[] for _ in range(k)]
    j = 0
    for lab in sorted(by_type):
        for i in by_type[lab]:
            out[j % k].append(i)
            j += 1
    return out


def cross_validate(data, rest, c, weights_of):
    """Predictions for each row of ``data``, each by a model trained on the other K-1 folds + ``rest``."""
    preds = [None] * len(data)
    for f in folds(data, K):
        fset = set(f)
        train = [data[i] for i in range(len(data)) if i not in fset] + rest
        m = fit(train, c, weights_of(train))
        for i in f:
            preds[i] = predict(m, data[i][0])
    return preds


def report(name, data, preds) -> None:
    """Type accuracy (NONE counted as a type) and, where the gold has NONE, event precision and
    recall: the rules alone, the model alone, and the two combined at several thresholds (the veto
    spares a political actor's main event and a negated one, as analyse/events.py does)."""
    rule_acc = sum(right(None if isinstance(r, tuple) else r, lab) for _, lab, r, *_ in data) / len(data)
    model_acc = sum(p[0] == lab for p, (_, lab, *_) in zip(preds, data)) / len(data)
    print(f"{name}: {len(data)} rows; rules alone {rule_acc:.3f}; model alone {model_acc:.3f}")
    for veto in (1.01, 0.8, 0.7, 0.6, 0.5):
        for ov in (1.01, 0.8):
            outs = [combine(r, got, ov, events_mod.MODEL_BACKOFF, 1.01 if state else veto)
                    for got, (_, lab, r, state) in zip(preds, data)]
            a = sum(right(o, lab) for o, (_, lab, *_) in zip(outs, data)) / len(data)
            tp = sum(bool(o) and lab != NONE for o, (_, lab, *_) in zip(outs, data))
            found, gold = sum(bool(o) for o in outs), sum(lab != NONE for _, lab, *_ in data)
            prf = ""
            if gold < len(data):
                p_, r_ = tp / max(1, found), tp / max(1, gold)
                prf = f"; events P {p_:.3f} R {r_:.3f} F1 {2 * p_ * r_ / max(1e-9, p_ + r_):.3f}"
            print(f"  veto >= {veto:.2f}, override >= {ov:.2f}: type accuracy {a:.3f}{prf}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    ap.add_argument("--w-examples", type=float, default=1.0, help="weight of the written examples")
    ap.add_argument("--w-unsure", type=float, default=W_UNSURE,
                    help="weight of a corpus sentence whose labeller was not sure")
    args = ap.parse_args()
    nlp()
    tune = featurise(rows_of("tune"))
    hand = featurise(rows_of("hand"))
    ex = featurise(rows_of("examples"))
    rows, sure = scale_rows()
    scale = featurise(rows)
    print(f"tuning half {len(tune)}, hand-labelled {len(hand)}, written examples {len(ex)}, "
          f"labelled corpus sentences {len(scale)} ({sum(lab == NONE for _, lab, *_ in scale)} NONE, "
          f"{sum(sure)} sure)")
    weight = {id(r): args.w_examples for r in ex}
    weight.update({id(r): 1.0 if ok else args.w_unsure for r, ok in zip(scale, sure)})

    def weights_of(rows):
        return [weight.get(id(r), 1.0) for r in rows]

    report(f"PLOVER tuning half, {K}-fold", tune, cross_validate(tune, hand + ex + scale, args.c, weights_of))
    m0 = fit(hand + ex + scale, args.c, weights_of(hand + ex + scale))
    report("PLOVER tuning half, model trained without it", tune, [predict(m0, feats) for feats, *_ in tune])
    if scale:
        preds = cross_validate(scale, tune + hand + ex, args.c, weights_of)
        report(f"labelled corpus sentences, {K}-fold", scale, preds)
        report(f"labelled corpus sentences marked sure, {K}-fold", [r for r, ok in zip(scale, sure) if ok],
               [p for p, ok in zip(preds, sure) if ok])
    if args.cv_only:
        return 0
    everything = tune + hand + ex + scale
    index, W, b = fit(everything, args.c, weights_of(everything))
    weights = {}
    for f, j in sorted(index.items()):
        row = {c: round(float(W[j, k]), 4) for k, c in enumerate(CLASSES) if abs(W[j, k]) >= PRUNE}
        if row:
            weights[f] = row
    data = {"classes": CLASSES, "bias": {c: round(float(b[k]), 4) for k, c in enumerate(CLASSES)},
            "weights": weights,
            "trained_on": {"plover_tuning_half": len(tune), "hand_labelled": len(hand), "written_examples": len(ex),
                           "labelled_corpus_sentences": len(scale)},
            "c": args.c, "w_unsure": args.w_unsure}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, separators=(",", ":"))
    print(f"wrote {os.path.relpath(OUT)}: {len(weights)} features, {os.path.getsize(OUT) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
