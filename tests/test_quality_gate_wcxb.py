"""Quality gate: main text on a fixed sample of WCXB dev pages must not fall below the
floors pinned in ``tests/quality/wcxb_floors.json`` (as trafilatura's ``tests/eval_gate.py``
does for its benchmark). The sample is the pages whose ids come first in sha1 order, per
page type (forums weighted up: they are the type this gate was written for); the score is
the benchmark's own word F1 from its ``score.py``. Skips when ``../shared`` is absent.

To move a floor, run ``.venv/bin/python tests/test_quality_gate_wcxb.py`` (prints the
sample's figures) and edit the JSON in the same commit as the change that earned it.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "wcxb-dev"
FLOORS = Path(__file__).resolve().parent / "quality" / "wcxb_floors.json"
SAMPLE = {"article": 24, "forum": 24, "service": 6, "collection": 6, "listing": 6, "documentation": 6}


def _gold() -> dict[str, dict]:
    gold = {}
    for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            g = json.loads(line)
            gold[g["id"]] = g
    return gold


def sample_ids(gold: dict[str, dict]) -> list[str]:
    out = []
    for page_type, n in SAMPLE.items():
        ids = sorted((k for k, g in gold.items() if g["page_type"] == page_type),
                     key=lambda k: hashlib.sha1(k.encode()).hexdigest())
        out += ids[:n]
    return sorted(out)


def measure() -> dict[str, float]:
    sys.path.insert(0, str(DATA))
    import score  # the benchmark's metric, beside its data

    from storyline.model import Article
    from storyline.pipeline import extract

    gold = _gold()
    ids = sample_ids(gold)
    texts = {}
    for item in extract([str(DATA / "pages" / f"{i}.html.gz") for i in ids], workers=1):
        if isinstance(item, Article):
            texts[Path(item.source).name.split(".")[0]] = item.text
    f1s: dict[str, list[float]] = {}
    for k in ids:
        f1 = score.word_f1(texts.get(k, ""), gold[k]["gold"])[2]
        f1s.setdefault(gold[k]["page_type"], []).append(f1)
        f1s.setdefault("ALL", []).append(f1)
    return {t: round(sum(v) / len(v), 4) for t, v in f1s.items()}


@pytest.mark.skipif(not (DATA / "gold.jsonl").is_file(), reason="../shared/benchmarks/wcxb-dev not present")
def test_wcxb_sample_stays_above_pinned_floors():
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    got = measure()
    low = {t: (got.get(t, 0.0), f) for t, f in floors.items() if got.get(t, 0.0) < f}
    assert not low, f"WCXB dev sample below its floors (got, floor): {low}; all: {got}"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print(json.dumps(measure(), indent=1))
