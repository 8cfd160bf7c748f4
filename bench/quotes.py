"""Quote extraction against the hand-annotated gold set (bench/data/quotes_gold.jsonl).

For every paragraph, storyline's analysis runs on the paragraph as an article
(English, dated, with the paragraph's outlet). The gold counts each quoted part
of an interrupted quote (“A,” he said. “B.”) as a quote; storyline exports such a
statement as one quote listing its parts, and each part is scored here. A
predicted quote (part) matches a gold
quote when their character spans overlap by at least 50% of each (one-to-one,
greedy by overlap). Reported:

- quote precision / recall / F1 (content overlap >= 50%);
- speaker accuracy over matched quotes: the resolved speaker is the gold person
  or organisation (spelling variants allowed), and null when the gold is null;
- kind accuracy and in-text chain (`via`) accuracy over matched quotes.

    .venv/bin/python bench/quotes.py [--show-errors]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from storyline.analyse import analyse_article
from storyline.analyse.gazetteer import gazetteer
from storyline.analyse.names import compatible_people, split_name
from storyline.model import Article

GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "quotes_gold.jsonl")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    if inter == 0:
        return 0.0
    return min(inter / max(1, a[1] - a[0]), inter / max(1, b[1] - b[0]))


def _actor_key(gaz, name: str) -> str | None:
    org = gaz.org(name)
    if org is not None and org.kind == "government_seat" and org.country:
        return f"country:{org.country}"
    if org is not None:
        return org.key
    code = gaz.country_code(name)
    return f"country:{code}" if code else None


def same_actor(pred: str | None, gold: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if pred.lower() == gold.lower():
        return True
    gaz = gazetteer()
    # Government seats stand for their country's government (the Kremlin -> Russia), as
    # storyline resolves them: a speaker "Russia" for gold "Kremlin" is right.
    ga, pa = _actor_key(gaz, gold), _actor_key(gaz, pred)
    if ga is not None and pa is not None:
        return ga == pa
    gp, pp = gaz.person(gold), gaz.person(pred)
    if gp is not None and pp is not None:
        return gp.key == pp.key
    # a surname naming the right person of the paragraph counts ("Lindqvist" for
    # "Anders Lindqvist"): within one article it is unambiguous
    if split_name(gold)[0] or split_name(pred)[0]:
        return compatible_people(pred, gold)
    return False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(x) for x in open(GOLD, encoding="utf-8")]
    tp = n_pred = n_gold = 0
    spk_ok = kind_ok = via_ok = 0
    errors = Counter()
    for row in rows:
        text = row["text"]
        art = Article(id=row["id"], page_id=row["id"], source=row["id"], url=None, outlet=row.get("outlet"),
                      title=None, published=None, published_source=None, language="en", author=None, text=text,
                      syndicated_from=row.get("syndicated_from"))
        analyse_article(art)
        preds = []
        for q in art.quotes:
            name = art.entities[q.speaker_entity].name if q.speaker_entity is not None else None
            # this set counts each quoted part of an interrupted quote (“A,” he said. “B.”) as a
            # quote: score the parts storyline lists for it, each with the quote's speaker
            for start, end in q.parts or [(q.start, q.end)]:
                preds.append((_strip(text, start, end), q, name))
        golds = [(_strip(text, g["start"], g["end"]), g) for g in row["quotes"]]
        n_pred += len(preds)
        n_gold += len(golds)
        pairs = sorted(((_overlap(p[0], g[0]), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
                       reverse=True)
        used_p, used_g = set(), set()
        for ov, i, j in pairs:
            if ov < 0.5 or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            tp += 1
            (_span, q, name), (_gspan, g) = preds[i], golds[j]
            ok = same_actor(name, g["speaker"])
            spk_ok += ok
            kind_ok += q.kind == g["kind"]
            via_ok += [v.lower() for v in q.via] == [v.lower() for v in g["via"]]
            if not ok:
                errors["speaker"] += 1
                if args.show_errors:
                    print(f"[speaker] {row['id']}: pred {name!r} ({q.speaker!r}) gold {g['speaker']!r} | {g['text'][:70]}")
        for i, p in enumerate(preds):
            if i not in used_p:
                errors["false quote"] += 1
                if args.show_errors:
                    print(f"[extra]   {row['id']}: {p[1].kind} {text[p[0][0]:p[0][1]][:90]!r}")
        for j, g in enumerate(golds):
            if j not in used_g:
                errors["missed quote"] += 1
                if args.show_errors:
                    print(f"[missed]  {row['id']}: {g[1]['kind']} {g[1]['text'][:90]!r}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(rows)} paragraphs, {n_gold} gold quotes, {n_pred} predicted, {tp} matched (overlap >= 50%)")
    print("| metric | value |")
    print("|---|---|")
    print(f"| quote precision | {p:.3f} |")
    print(f"| quote recall | {r:.3f} |")
    print(f"| **quote F1** | **{f1:.3f}** |")
    print(f"| **speaker accuracy** (matched quotes) | **{spk_ok / tp if tp else 0:.3f}** |")
    print(f"| kind accuracy (matched) | {kind_ok / tp if tp else 0:.3f} |")
    print(f"| in-text chain (via) exact (matched) | {via_ok / tp if tp else 0:.3f} |")
    print(f"errors: {dict(errors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
