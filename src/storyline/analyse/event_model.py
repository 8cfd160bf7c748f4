"""A small learned PLOVER type model: a multinomial logistic regression over features of a
sentence's main clause (analyse/events.py: sentence_features), used where the rules are unsure.

Trained offline by bench/train_event_types.py (numpy; deterministic: full-batch gradient descent
from zero weights) on the tuning half of the PLOVER gold sentences, the hand-labelled set
(bench/data/events_gold.jsonl) and sentences written here from the PLOVER manual's definitions
and the CAMEO code descriptions (bench/data/event_type_examples.jsonl). The weights ship as
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


def predict(features: list[str]) -> tuple[str, float] | None:
    """(most probable PLOVER type, its probability) for a sentence's features; None without a model."""
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
    top = max(classes, key=score.__getitem__)
    hi = score[top]
    z = sum(math.exp(score[c] - hi) for c in classes)
    return top, 1.0 / z
