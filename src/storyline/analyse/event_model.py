"""A small learned PLOVER type model: a multinomial logistic regression over features of a
sentence's main clause (analyse/events.py: sentence_features), used where the rules are unsure,
and its NONE class (a sentence that reports no act) to drop the rules' events where it is sure.

Trained offline by bench/train_event_types.py (numpy; deterministic: full-batch gradient descent
from zero weights) on the tuning half of the PLOVER gold sentences, the hand-labelled set
(bench/data/events_gold.jsonl), sentences written here from the PLOVER manual's definitions
and the CAMEO code descriptions (bench/data/event_type_examples.jsonl), and real corpus sentences
labelled with a type or NONE (bench/data/event_labels_scale.jsonl). The weights ship as
data/event_type_model.json (sparse: feature -> {type: weight}); prediction is a few dict
lookups per sentence, no numpy, no download.
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache

MODEL_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "event_type_model.json")


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[str, ...], dict[str, float], dict[str, dict[str, float]]] | None:
    try:
        with open(MODEL_PATH, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None           # no model shipped: the rules alone
    return tuple(data["classes"]), data["bias"], data["weights"]


NONE = "NONE"   # the class of a sentence that reports no act (learnt from real corpus sentences)


def _probabilities(features: list[str]) -> dict[str, float] | None:
    m = _model()
    if m is None or not features:
        return None
    classes, bias, weights = m
    score = dict(bias)
    for f in features:
        w = weights.get(f)
        if w:
            for c, v in w.items():
                score[c] += v
    hi = max(score.values())
    exp = {c: math.exp(score[c] - hi) for c in classes}
    z = sum(exp.values())
    return {c: v / z for c, v in exp.items()}


def predict(features: list[str]) -> tuple[str, float] | None:
    """(most probable class, its probability) for a sentence's features: a PLOVER type or NONE;
    None without a model."""
    p = _probabilities(features)
    if p is None:
        return None
    top = max(p, key=p.__getitem__)
    return top, p[top]


def predict_type(features: list[str]) -> tuple[str, float, float] | None:
    """(most probable PLOVER type, its probability among the types alone, the probability of
    NONE) for a sentence's features; None without a model."""
    p = _probabilities(features)
    if p is None:
        return None
    none = p.pop(NONE, 0.0)
    top = max(p, key=p.__getitem__)
    rest = 1.0 - none          # 0.0 when every type's probability underflowed against NONE
    return top, (p[top] / rest if rest > 0 else 0.0), none
