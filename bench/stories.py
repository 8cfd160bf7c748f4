"""Story clustering on ECB+ (../shared/benchmarks/story-clustering/, see SOURCE.md there).

Each split (dev, test; optionally train) is clustered on its own, from scratch, and
scored against the gold stories with the pairwise metric of Miranda et al. 2018
(P/R/F1 over document pairs) and B-cubed. Entities come from storyline's own
analysis (``analyse_article`` + the corpus resolver ``link.entities.resolve``) by
default; ``--entities ner`` uses bare spaCy NER surface names instead, ``none`` none.

    .venv/bin/python bench/stories.py [--splits dev,test] [--entities analyse|ner|none]
                                      [--cache FILE] [--show-errors]

Rows: the SOURCE.md baseline (single-pass TF-IDF, cosine to centroid >= 0.2,
seeded shuffle), the full method (parameters fixed on the dev and train splits
before the test split was scored), and ablations of the full method with one part
switched off at otherwise unchanged parameters.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from math import comb

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "benchmarks", "story-clustering", "ecbplus"))

SYSTEMS: list[tuple[str, dict]] = [
    ("full method", {}),
    ("  - dense similarity matrices (the reference)", {"dense_max": 10**9}),
    ("  - without entities", {"w_entities": 0.0}),
    ("  - without salient tokens", {"w_salient": 0.0, "topic_w_salient": 0.0}),
    ("  - text only (both stages)", {"w_entities": 0.0, "w_salient": 0.0, "topic_w_salient": 0.0}),
    ("  - stage 1 only (topic blocks as stories)", {"two_stage": False}),
]


# ----------------------------------------------------------------------------- metrics

def pairwise(gold: list[str], pred: list[int]) -> tuple[float, float, float]:
    tp = sum(comb(v, 2) for v in Counter(zip(gold, pred)).values())
    pp = sum(comb(v, 2) for v in Counter(pred).values())
    gp = sum(comb(v, 2) for v in Counter(gold).values())
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: list[str], pred: list[int]) -> tuple[float, float, float]:
    gs: dict = defaultdict(set)
    ps: dict = defaultdict(set)
    for i, (g, q) in enumerate(zip(gold, pred)):
        gs[g].add(i)
        ps[q].add(i)
    p = r = 0.0
    for i, (g, q) in enumerate(zip(gold, pred)):
        inter = len(gs[g] & ps[q])
        p += inter / len(ps[q])
        r += inter / len(gs[g])
    p /= len(gold)
    r /= len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ----------------------------------------------------------------------------- data

def load() -> list[dict]:
    with open(os.path.join(DATA, "documents.jsonl"), encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    gold = {}
    with open(os.path.join(DATA, "gold_story_clusters.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            doc_id, story, _topic, split = line.rstrip("\n").split("\t")
            gold[doc_id] = (story, split)
    for d in docs:
        d["story_id"], d["split"] = gold[d["doc_id"]]
    return docs


def entity_ids(docs: list[dict], mode: str) -> tuple[dict[str, list[str]], float]:
    """doc_id -> entity ids (repeated once per mention), and docs/s of the extraction."""
    if mode == "none":
        return {d["doc_id"]: [] for d in docs}, 0.0
    t0 = time.perf_counter()
    out: dict[str, list[str]] = {}
    if mode == "ner":
        import spacy

        from storyline.analyse import MODEL_PACKAGE

        nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
        keep = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
        for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=64)):
            out[d["doc_id"]] = [f"{e.label_}:{' '.join(e.text.lower().replace(chr(39) + 's', '').split())}"
                                for e in doc.ents if e.label_ in keep]
    else:
        from storyline.analyse import analyse_article, nlp, parse_text
        from storyline.link.entities import LocalRef, resolve
        from storyline.model import Article

        arts = [Article(id=d["doc_id"], page_id=d["doc_id"], source=d["doc_id"], url=d.get("url"), outlet=None,
                        title=d.get("title"), published=None, published_source=None, language="en", author=None,
                        text=d["text"]) for d in docs]
        for art, doc in zip(arts, nlp().pipe((parse_text(a.text) for a in arts), batch_size=64)):
            analyse_article(art, doc=doc)
        refs = []
        counts: dict[tuple[str, int], int] = {}
        for seq, art in enumerate(arts):
            per = Counter(m.entity for m in art.mentions)
            for e in art.entities:
                counts[(art.id, e.index)] = max(1, per[e.index])
                refs.append(LocalRef(article_id=art.id, seq=seq, published=None, index=e.index, name=e.name,
                                     type=e.type, key=e.key, wikidata=e.wikidata, country=e.country,
                                     aliases=e.aliases, roles=e.roles, mentions=per[e.index], domain=e.domain))
        _ents, links = resolve(refs)
        for art in arts:
            ids: list[str] = []
            for e in art.entities:
                eid = links.get((art.id, e.index))
                if eid:
                    ids += [eid] * counts[(art.id, e.index)]
            out[art.id] = ids
    return out, len(docs) / (time.perf_counter() - t0)


# ----------------------------------------------------------------------------- systems

def single_pass_baseline(sdocs, threshold: float = 0.2, seed: int = 0) -> list[int]:
    """SOURCE.md's reference: TF-IDF (IDF from the split), seeded shuffle, each doc
    joins the cluster whose centroid is most similar if cosine >= threshold."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    order = list(range(len(sdocs)))
    random.Random(seed).shuffle(order)
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d.text for d in sdocs])
    sums: list = []
    pred = [0] * len(sdocs)
    for i in order:
        x = X[i].toarray().ravel()
        best, best_c = -1.0, -1
        for c, s in enumerate(sums):
            n = np.linalg.norm(s)
            cos = float(x @ s / n) if n else 0.0
            if cos > best:
                best, best_c = cos, c
        if best >= threshold:
            sums[best_c] = sums[best_c] + x
            pred[i] = best_c
        else:
            sums.append(x.copy())
            pred[i] = len(sums) - 1
    return pred


def run_method(sdocs, **params) -> tuple[list[int], float, list]:
    from storyline.link.stories import cluster_stories

    t0 = time.perf_counter()
    stories = cluster_stories(sdocs, **params)
    dt = time.perf_counter() - t0
    where = {a: k for k, s in enumerate(stories) for a in s.article_ids}
    return [where[d.id] for d in sdocs], len(sdocs) / dt, stories


def show_errors(split: str, sdocs, gold: list[str], pred: list[int]) -> None:
    title = {d.id: (d.title or "")[:90] for d in sdocs}
    print(f"\n### errors on {split}\n")
    by_pred: dict[int, list[int]] = defaultdict(list)
    for i, q in enumerate(pred):
        by_pred[q].append(i)
    for q, idx in sorted(by_pred.items()):
        c = Counter(gold[i] for i in idx)
        if len(c) > 1:
            print(f"- MERGED {dict(sorted(c.items()))}")
            for g in sorted(c):
                ex = next(i for i in idx if gold[i] == g)
                print(f"    {g}: {sdocs[ex].id}: {title[sdocs[ex].id]}")
    for g in sorted(set(gold)):
        parts = Counter(pred[i] for i in range(len(gold)) if gold[i] == g)
        if len(parts) > 1:
            sizes = sorted(parts.values(), reverse=True)
            minor = [i for i in range(len(gold)) if gold[i] == g and parts[pred[i]] < sizes[0]]
            print(f"- SPLIT {g} {sizes}: " + "; ".join(f"{sdocs[i].id}: {title[sdocs[i].id]}" for i in minor[:3]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", default="dev,test")
    ap.add_argument("--entities", choices=["analyse", "ner", "none"], default="analyse")
    ap.add_argument("--cache", help="JSON file to keep the extracted entity ids in (reused when present)")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    if not os.path.exists(os.path.join(DATA, "documents.jsonl")):
        print(f"story-clustering data not found under {DATA}: skipped")
        return 0
    from storyline.link.stories import StoryDoc

    docs = load()
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    docs = [d for d in docs if d["split"] in splits]
    ext_rate = None
    if args.cache and os.path.exists(args.cache):
        with open(args.cache, encoding="utf-8") as fh:
            cached = json.load(fh)
        if cached.get("mode") == args.entities and all(d["doc_id"] in cached["ids"] for d in docs):
            ents, ext_rate = cached["ids"], cached.get("docs_per_s")
        else:
            cached = None
    else:
        cached = None
    if cached is None:
        ents, ext_rate = entity_ids(docs, args.entities)
        if args.cache:
            with open(args.cache, "w", encoding="utf-8") as fh:
                json.dump({"mode": args.entities, "docs_per_s": ext_rate, "ids": ents}, fh)

    print(f"ECB+ story clustering; entities: {args.entities}"
          + (f" (extraction {ext_rate:.1f} docs/s)" if ext_rate else "") + "\n")
    print("| split | system | pairwise P | R | F1 | B³ P | R | F1 | #pred / #gold | docs/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    errors = []
    for split in splits:
        sd = [d for d in docs if d["split"] == split]
        sdocs = [StoryDoc(id=d["doc_id"], title=d["title"], text=d["text"], published=None,
                          entity_ids=list(ents.get(d["doc_id"], []))) for d in sd]
        gold = [d["story_id"] for d in sd]
        n_gold = len(set(gold))
        t0 = time.perf_counter()
        base = single_pass_baseline(sdocs)
        rate = len(sdocs) / (time.perf_counter() - t0)
        rows = [("baseline: TF-IDF single-pass 0.2", base, rate)]
        for name, params in SYSTEMS:
            pred, rate, _ = run_method(sdocs, **params)
            rows.append((name, pred, rate))
            if name == "full method" and args.show_errors:
                errors.append((split, sdocs, gold, pred))
        # incremental: a seeded half first, then the rest, as two builds of the corpus
        # stage (the second scores only its new articles and reuses the first's blocks);
        # the result must be the from-scratch one
        from storyline.link.stories import (canonical_docs, cluster_stories, cluster_with_edges,
                                            nearest_neighbours, neighbour_edges)

        first = set(random.Random(1).sample([d.id for d in sdocs], len(sdocs) // 2))
        t0 = time.perf_counter()
        memo, known_ids = {}, []
        for part in (first, {d.id for d in sdocs} - first):
            cdocs = canonical_docs([d for d in sdocs if d.id in first or d.id in part])
            pos = {d.id: k for k, d in enumerate(cdocs)}
            known = tuple(np.array(x) for x in zip(*[(pos[a], pos[b], v) for a, b, v in known_ids])) \
                if known_ids else None
            nb, _ = nearest_neighbours(cdocs, known, part)
            known_ids = [(cdocs[a].id, cdocs[b].id, v) for a, b, v in zip(*(x.tolist() for x in nb))]
            after, memo = cluster_with_edges(cdocs, neighbour_edges(nb), memo)
        rate = len(sdocs) / (time.perf_counter() - t0)
        assert after == cluster_stories(sdocs), "two increments differ from one build"
        where = {a: k for k, s in enumerate(after) for a in s.article_ids}
        rows.append(("full method, in two builds (half, then the rest)", [where[d.id] for d in sdocs], rate))
        for name, pred, rate in rows:
            p, r, f = pairwise(gold, pred)
            bp, br, bf = bcubed(gold, pred)
            print(f"| {split} ({len(sdocs)}) | {name} | {p:.3f} | {r:.3f} | **{f:.3f}** | {bp:.3f} | {br:.3f} | "
                  f"{bf:.3f} | {len(set(pred))} / {n_gold} | {rate:.0f} |")
        sys.stdout.flush()
    for e in errors:
        show_errors(*e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
