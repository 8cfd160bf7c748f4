"""Cross-article entity resolution on hand-made mention pairs (bench/data/entity_pairs.jsonl).

Each side of a pair is a one-sentence article (with its date) containing the
mention. storyline analyses both sentences, finds the entity the mention belongs
to, and links the two articles' entities with the corpus resolver
(``storyline.link.entities.resolve``). A pair is predicted "same" when both
mentions end in the same entity. Precision and recall are over "same" pairs.

    .venv/bin/python bench/entities.py [--show-errors]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from storyline.analyse import analyse_article
from storyline.analyse.entities import _Builder
from storyline.analyse.gazetteer import gazetteer
from storyline.analyse.names import compatible_people, split_name
from storyline.link.entities import LocalRef, resolve
from storyline.model import Article

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "entity_pairs.jsonl")


def _ref(side: dict, aid: str, seq: int) -> LocalRef:
    art = Article(id=aid, page_id=aid, source=aid, url=None, outlet=None, title=None, published=side.get("date"),
                  published_source=None, language="en", author=None, text=side["context"])
    analyse_article(art)
    name = side["name"]
    start = side["context"].find(name)
    if start < 0:  # "the Kremlin spokesman" at the start of a sentence is "The Kremlin spokesman"
        start = side["context"].lower().find(name.lower())
    ent = None
    if start >= 0:
        # the entity of the mention that best covers the name's first occurrence
        end = start + len(name)
        best = max(((min(end, m.end) - max(start, m.start), -abs(m.start - start), m) for m in art.mentions
                    if m.start < end and start < m.end), default=None, key=lambda x: (x[0], x[1]))
        if best is not None:
            ent = art.entities[best[2].entity]
    if ent is None:
        for e in art.entities:
            if name in e.aliases or (e.type == "PERSON" and split_name(name)[1] and compatible_people(e.name, name)):
                ent = e
                break
    if ent is None:  # the NER missed the mention: build it from the name alone
        b = _Builder(gazetteer(), side.get("date"))
        looks_like_org = gazetteer().org(name) or gazetteer().country_code(name) or not any(
            w[:1].isupper() for w in name.split() if w.lower() != "the")
        idx = b.other(name, "ORG") if looks_like_org else b.person(name)
        ent = b.entities[idx]
    return LocalRef(aid, seq, side.get("date"), ent.index, ent.name, ent.type, ent.key, ent.wikidata, ent.country,
                    list(ent.aliases), list(ent.roles), 0, ent.domain)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(x) for x in open(DATA, encoding="utf-8")]
    tp = fp = fn = tn = 0
    by_cat = Counter()
    err_cat = Counter()
    for row in rows:
        a = _ref(row["a"], row["id"] + "a", 0)
        b = _ref(row["b"], row["id"] + "b", 1)
        _ents, links = resolve([a, b])
        same = links[(a.article_id, a.index)] == links[(b.article_id, b.index)]
        gold = row["same"]
        by_cat[row.get("category", "?")] += 1
        if same and gold:
            tp += 1
        elif same and not gold:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
        if same != gold:
            err_cat[row.get("category", "?")] += 1
            if args.show_errors:
                print(f"[{'FP' if same else 'FN'}] {row['id']} {row.get('category')}: {row['a']['name']!r} ({a.name}) "
                      f"vs {row['b']['name']!r} ({b.name}) — {row.get('why', '')[:80]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"{len(rows)} pairs ({tp + fn} same, {fp + tn} different)")
    print("| metric | value |")
    print("|---|---|")
    print(f"| **precision** (same) | **{p:.3f}** |")
    print(f"| **recall** (same) | **{r:.3f}** |")
    print(f"| F1 | {2 * p * r / (p + r) if p + r else 0:.3f} |")
    print(f"| accuracy | {(tp + tn) / len(rows):.3f} |")
    print(f"errors by category: {dict(err_cat)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
