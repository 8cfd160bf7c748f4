"""Real news sentences for PLOVER type labels (issue 14): the sentences of
../shared/benchmarks/scale (Reuters 1987, BBC 2004-05, the Guardian 2022) that the labels in
bench/data/event_labels_scale.jsonl point at.

The corpus is development data that may not be copied into the repository (its SOURCE.md), so a
label names its sentence by article id and a key (SHA-1 of the sentence's words), and this module
rebuilds the sentences from the corpus in place: the same text per article (Reuters' hard-wrapped
lines joined, the Guardian's body markup turned into paragraphs), split into sentences by the
project's spaCy pipeline. Deterministic: the same corpus gives the same sentences and keys.

    .venv/bin/python bench/event_pool.py --out DIR [--chunks 6]   # write a pool to label
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html as _html
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "benchmarks", "scale", "news-28k.jsonl.gz")

# Where the corpus reports politics and conflict (the GSR's world): other sections hold few
# PLOVER events and many figurative ones already read in session 24.
GUARDIAN_SECTIONS = {"World news", "US news", "UK news", "Politics", "Australia news", "Global development", "Law"}
BBC_CATEGORIES = {"politics"}
REUTERS_SKIP_TOPICS = {"earn", "acq"}     # company results and takeovers: no PLOVER events
MIN_WORDS, MAX_WORDS = 8, 60              # a sentence the coder can read on its own
_PARA = re.compile(r"</p>|<br\s*/?>|</h\d>|</li>|</blockquote>", re.I)
_TAG = re.compile(r"<[^>]+>")


def wanted(rec: dict) -> bool:
    rid = rec.get("id", "")
    if rid.startswith("reuters"):
        topics = rec.get("topics") or []
        topics = set(re.findall(r"'([^']+)'", topics) if isinstance(topics, str) else topics)
        return bool(rec.get("text")) and not topics & REUTERS_SKIP_TOPICS
    if "html" in rec:
        return rec.get("section") in GUARDIAN_SECTIONS
    return rec.get("category") in BBC_CATEGORIES


def article_text(rec: dict) -> str:
    if "html" in rec:
        text = _html.unescape(_TAG.sub(" ", _PARA.sub("\n", rec["html"] or "")))
        return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
    text = rec.get("text") or ""
    if rec.get("id", "").startswith("reuters"):
        from storyline.clean.text import unwrap_hard_wrapped

        text = unwrap_hard_wrapped(text)
    return text


def sentence_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def records(ids: set[str] | None = None):
    if not os.path.exists(CORPUS):
        return
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if (ids is None and wanted(rec)) or (ids is not None and rec.get("id") in ids):
                yield rec


def sentences(rec: dict):
    """(key, text) of the article's sentences of MIN_WORDS..MAX_WORDS words, each once."""
    from storyline.analyse import nlp, parse_text

    doc = nlp()(parse_text(article_text(rec))[:20_000])
    seen = set()
    for sent in doc.sents:
        text = " ".join(sent.text.split())
        n = len(text.split())
        if MIN_WORDS <= n <= MAX_WORDS and text not in seen:
            seen.add(text)
            yield sentence_key(text), text, sent


def labelled_sentences(labels: list[dict]) -> tuple[list[tuple[dict, str]], int]:
    """(label, sentence text) for each label whose sentence the corpus still gives; and how many
    were not found."""
    want = defaultdict(dict)
    for lab in labels:
        want[lab["article_id"]][lab["key"]] = lab["type"]
    found = {}
    for rec in records(set(want)):
        keys = want[rec["id"]]
        for key, text, _ in sentences(rec):
            if key in keys:
                found[(rec["id"], key)] = text
    out = [(lab, found[(lab["article_id"], lab["key"])]) for lab in labels
           if (lab["article_id"], lab["key"]) in found]
    return out, len(labels) - len(out)


def _actor_sentence(sent) -> bool:
    """A sentence with a political actor (a state, a people, an organisation or a person) and a verb."""
    return any(e.label_ in ("GPE", "NORP", "ORG", "PERSON") for e in sent.ents) and any(
        t.pos_ in ("VERB", "AUX") for t in sent)


def build_pool(out_dir: str, chunks: int, per_type: int, untyped: int, max_articles: int) -> None:
    from storyline.analyse import analyse_article, nlp
    from storyline.analyse.events import extract_events, main_event
    from storyline.model import Article

    recs = sorted(records(), key=lambda r: hashlib.sha1(("pool:" + r["id"]).encode()).hexdigest())[:max_articles]
    by_type: dict[str, list] = defaultdict(list)
    for n, rec in enumerate(recs):
        for key, text, sent in sentences(rec):
            if not _actor_sentence(sent):
                continue
            art = Article(id="s", page_id="s", source="s", url=None, outlet=None, title=None, published="2000-01-01",
                          published_source=None, language="en", author=None, text=text)
            doc = nlp()(text)
            analyse_article(art, doc)
            ev = main_event(extract_events(doc, art.entities, art.mentions, [], "2000-01-01"))
            rule = ev.plover_type if ev else "NONE"
            by_type[rule].append({"article_id": rec["id"], "key": key, "text": text})
        if n % 200 == 0:
            print(n, {k: len(v) for k, v in sorted(by_type.items())}, file=sys.stderr)
    pool = []
    for rule, rows in sorted(by_type.items()):
        rows.sort(key=lambda r: hashlib.sha1(("pick:" + r["key"]).encode()).hexdigest())
        pool += rows[:untyped if rule == "NONE" else per_type]
    pool.sort(key=lambda r: hashlib.sha1(("order:" + r["key"]).encode()).hexdigest())
    os.makedirs(out_dir, exist_ok=True)
    for i in range(chunks):
        with open(os.path.join(out_dir, f"pool_{i}.jsonl"), "w", encoding="utf-8") as f:
            for j, row in enumerate(pool[i::chunks]):
                f.write(json.dumps({"n": j, **row}, ensure_ascii=False) + "\n")
    print(f"pool: {len(pool)} sentences in {chunks} chunks; by the rules' type:",
          dict(Counter(r for r, rows in by_type.items() for _ in rows[:untyped if r == 'NONE' else per_type])))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--chunks", type=int, default=6)
    ap.add_argument("--per-type", type=int, default=150)
    ap.add_argument("--untyped", type=int, default=900)
    ap.add_argument("--max-articles", type=int, default=2500)
    args = ap.parse_args()
    if not os.path.exists(CORPUS):
        print(f"skip: corpus not found at {CORPUS}")
        return 0
    build_pool(args.out, args.chunks, args.per_type, args.untyped, args.max_articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
