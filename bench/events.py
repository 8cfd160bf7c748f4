"""Sentence-level PLOVER events (storyline.analyse.events) against hand-labelled sentences.

1. bench/data/events_gold.jsonl (hand-labelled; fields id, text, published, type, mode, source,
   source_country, target, target_country, location, modality, date_text, date, date_precision, ...).
   Each sentence is analysed as a one-sentence Article (entities, mentions, time
   expressions, then events); the *main event* is compared with the gold row. The main
   event is the event whose clause head is the parse root or closest to it (fewest
   dependency arcs up to the root; ties: the earlier trigger). A gold row with type
   null/"NONE" expects no event.
2. ../shared/benchmarks/events/plover_gsr_cameo.normalized.jsonl (PLOVER 0.5b1 gold-standard
   sentences, labels mapped to the current 16 types: DEMAND->REQUEST, DISAPPROVE and
   INVESTIGATE->ACCUSE, FIGHT->ASSAULT), split once by bench/events_split.py (seeded hash of the
   sentence id, stratified by type) into a tuning half (163) and a held-apart half (159).
   By default only the tuning half is run; errors are shown for the tuning half only. The
   held-apart half is scored with --held (figures only, never its errors), at the end of a
   piece of work. Skipped when absent.
3. Speed: microseconds per article spent in extract_events (after spaCy), next to spaCy's
   own time, on the one-sentence sets and on the news paragraphs of bench/data/quotes_gold.jsonl.

Types are scored in the PLOVER manual's coding (Event.plover_type): storyline keeps a planned
act's own type (a planned visit is CONSULT, modality "planned"), PLOVER codes a planned
cooperative act as AGREE and a planned retreat as CONCEDE, as both gold sets do.

Participants match by overlap: the predicted and gold surface strings share a content
word (case-insensitive), or both are null.

    .venv/bin/python bench/events.py [--show-errors] [--limit N] [--held]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

from storyline.analyse import analyse_article, nlp, parse_text
from storyline.analyse.events import extract_events, main_event
from storyline.model import Article

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from events_split import HELD, TUNE, load as load_half  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "data", "events_gold.jsonl")
QUOTES = os.path.join(HERE, "data", "quotes_gold.jsonl")
GSR = os.path.join(HERE, "..", "..", "shared", "benchmarks", "events", "plover_gsr_cameo.normalized.jsonl")

try:
    from storyline.analyse.timex import find_timexes
except Exception:  # the time-expression module is optional here
    find_timexes = None

_STOP = {"the", "a", "an", "of", "and", "its", "his", "her", "their", "s", "'s", "’s", "in", "on", "to", "for", "by",
         "with", "from", "at", "two", "three", "several", "some", "more", "mr", "mrs", "ms", "dr"}

TIMING = defaultdict(float)
COUNTS = Counter()


def _words(s: str | None) -> set[str]:
    if not s:
        return set()
    return {w for w in re.findall(r"[\w'’-]+", s.lower()) if w not in _STOP}


def overlap(pred: str | None, gold: str | None) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    p, g = pred.lower(), gold.lower()
    return p in g or g in p or bool(_words(pred) & _words(gold))


def _match(art, text: str | None, idx: int | None, gold: str | None) -> bool:
    """Surface overlap, or the resolved entity's name / aliases overlap the gold string
    ("he" resolved to Donald Trump; "the PM" resolved to Keir Starmer)."""
    if overlap(text, gold):
        return True
    if gold and idx is not None and idx < len(art.entities):
        ent = art.entities[idx]
        return any(overlap(n, gold) for n in [ent.name, *ent.aliases])
    return False


def analyse(text: str, published: str | None, tag: str):
    art = Article(id=tag, page_id=tag, source=tag, url=None, outlet=None, title=None, published=published,
                  published_source=None, language="en", author=None, text=text)
    t0 = time.perf_counter()
    doc = nlp()(parse_text(text))
    t1 = time.perf_counter()
    analyse_article(art, doc)
    t2 = time.perf_counter()
    timexes = find_timexes(parse_text(text), published, doc) if find_timexes else []
    t3 = time.perf_counter()
    events = extract_events(doc, art.entities, art.mentions, timexes, published)
    t4 = time.perf_counter()
    TIMING[tag + ":spacy"] += t1 - t0
    TIMING[tag + ":analyse"] += t2 - t1
    TIMING[tag + ":timex"] += t3 - t2
    TIMING[tag + ":events"] += t4 - t3
    COUNTS[tag] += 1
    return art, events


def _ctry(art, idx):
    if idx is None or idx >= len(art.entities):
        return None
    return art.entities[idx].country


def run_gold(show: bool, limit: int | None) -> None:
    if not os.path.exists(GOLD):
        print(f"(no {os.path.relpath(GOLD)}: skipped)\n")
        return
    rows = [json.loads(x) for x in open(GOLD, encoding="utf-8") if x.strip()]
    if limit:
        rows = rows[:limit]
    n = len(rows)
    ok = Counter()
    denom = Counter()
    by_type = defaultdict(Counter)
    conf = Counter()
    for row in rows:
        art, events = analyse(row["text"], row.get("published"), "gold")
        ev = main_event(events)
        gtype = row.get("type")
        gtype = None if gtype in (None, "", "NONE", "none") else gtype
        ptype = ev.plover_type if ev else None
        t_ok = ptype == gtype
        ok["type"] += t_ok
        by_type[gtype or "NONE"]["n"] += 1
        by_type[gtype or "NONE"]["ok"] += t_ok
        if not t_ok:
            conf[(gtype, ptype)] += 1
        errs = [] if t_ok else [f"type {ptype}≠{gtype}"]
        if gtype is None:
            continue
        # participants
        s_ok = _match(art, ev.source_text if ev else None, ev.source if ev else None, row.get("source"))
        tg_ok = _match(art, ev.target_text if ev else None, ev.target if ev else None, row.get("target"))
        ok["source"] += s_ok
        ok["target"] += tg_ok
        ok["participants"] += s_ok and tg_ok
        denom["evt"] += 1
        if not s_ok:
            errs.append(f"source {ev.source_text if ev else None!r}≠{row.get('source')!r}")
        if not tg_ok:
            errs.append(f"target {ev.target_text if ev else None!r}≠{row.get('target')!r}")
        if row.get("source_country"):
            denom["scountry"] += 1
            ok["scountry"] += _ctry(art, ev.source if ev else None) == row["source_country"]
        if row.get("target_country"):
            denom["tcountry"] += 1
            ok["tcountry"] += _ctry(art, ev.target if ev else None) == row["target_country"]
        if row.get("mode") is not None or (ev and ev.plover_mode):
            denom["mode"] += 1
            ok["mode"] += (ev.plover_mode if ev else None) == row.get("mode")
        m_ok = (ev.modality if ev else None) == (row.get("modality") or "asserted")
        ok["modality"] += m_ok
        if not m_ok:
            errs.append(f"modality {ev.modality if ev else None}≠{row.get('modality')}")
        gd = row.get("date")
        pd = ev.date if ev else None
        d_ok = (gd or None) == (pd or None) or (gd and pd and (gd.startswith(pd) or pd.startswith(gd))
                                                and len(gd) >= 7 and len(pd) >= 7 and gd[:7] == pd[:7]
                                                and (ev.date_precision == row.get("date_precision")))
        ok["date"] += bool(d_ok)
        # the gold set dates events only by a time expression: a "published" fallback
        # (no expression; the publication day) is scored here as "no date" too
        pd2 = pd if ev is None or ev.date_source != "published" else None
        ok["date_tx"] += bool(d_ok) if pd2 == pd else (gd or None) is None
        if not d_ok:
            errs.append(f"date {pd}({ev.date_source if ev else None})≠{gd}")
        if row.get("location"):
            denom["loc"] += 1
            ok["loc"] += overlap(ev.location_text if ev else None, row["location"])
        if show and errs:
            print(f"- {row['id']}: {'; '.join(errs)}\n    {row['text'][:200]}")
    e = max(denom["evt"], 1)
    print(f"### Hand-labelled gold ({n} sentences, {denom['evt']} with an event)\n")
    print("| metric | value |")
    print("|---|---|")
    print(f"| **type accuracy** (main event) | **{ok['type'] / max(n, 1):.3f}** |")
    print(f"| **participant accuracy** (source and target) | **{ok['participants'] / e:.3f}** |")
    print(f"| source accuracy | {ok['source'] / e:.3f} |")
    print(f"| target accuracy | {ok['target'] / e:.3f} |")
    if denom["scountry"]:
        print(f"| source country (where gold has one, n={denom['scountry']}) | {ok['scountry'] / denom['scountry']:.3f} |")
    if denom["tcountry"]:
        print(f"| target country (where gold has one, n={denom['tcountry']}) | {ok['tcountry'] / denom['tcountry']:.3f} |")
    if denom["mode"]:
        print(f"| mode (where gold or prediction has one, n={denom['mode']}) | {ok['mode'] / denom['mode']:.3f} |")
    print(f"| modality accuracy | {ok['modality'] / e:.3f} |")
    print(f"| date accuracy | {ok['date'] / e:.3f} |")
    print(f"| date accuracy, publication-date fallback read as no date (the gold's convention) | {ok['date_tx'] / e:.3f} |")
    if denom["loc"]:
        print(f"| location (where gold has one, n={denom['loc']}) | {ok['loc'] / denom['loc']:.3f} |")
    print()
    print("| gold type | n | type acc |")
    print("|---|---|---|")
    for t, c in sorted(by_type.items(), key=lambda x: -x[1]["n"]):
        print(f"| {t} | {c['n']} | {c['ok'] / c['n']:.2f} |")
    if conf:
        print("\nmost frequent confusions (gold → predicted): " +
              ", ".join(f"{g}→{p} {k}" for (g, p), k in conf.most_common(8)))
    print()


def run_gsr(show: bool, limit: int | None, half: str) -> None:
    if not os.path.exists(GSR):
        print("(PLOVER GSR file absent: skipped)\n")
        return
    rows = load_half(half, GSR)
    show = show and half == TUNE     # the held-apart half's errors are never printed
    if limit:
        rows = rows[:limit]
    ok = Counter()
    by_type = defaultdict(Counter)
    conf = Counter()
    for row in rows:
        art, events = analyse(row["text"], "2000-01-01", "gsr")
        ev = main_event(events)
        any_ok = any(e.plover_type == row["event"] for e in events)
        t_ok = ev is not None and ev.plover_type == row["event"]
        ok["type"] += t_ok
        ok["any"] += any_ok
        ok["found"] += ev is not None
        by_type[row["event"]]["n"] += 1
        by_type[row["event"]]["ok"] += t_ok
        if not t_ok:
            conf[(row["event"], ev.plover_type if ev else None)] += 1
        actors = " ".join(a["text"] for a in row.get("actors") or [])
        if ev is not None and actors:
            ok["src_n"] += 1
            ok["src"] += overlap(ev.source_text, actors) or any(overlap(ev.source_text, a["text"]) for a in row["actors"])
        if show and not t_ok:
            print(f"- {row['id']}: {ev.plover_type if ev else None} ({ev.trigger if ev else ''}) ≠ {row['event']} "
                  f"[{row.get('event_text')}]\n    {row['text'][:180]}")
    n = len(rows)
    label = {TUNE: "tuning half", HELD: "HELD-APART half"}[half]
    print(f"### PLOVER GSR, {label} (0.5b1 labels mapped to current types; {n} sentences)\n")
    print("| metric | value |")
    print("|---|---|")
    print(f"| **type accuracy** (main event) | **{ok['type'] / n:.3f}** |")
    print(f"| gold type among any extracted event | {ok['any'] / n:.3f} |")
    print(f"| sentences with an event found | {ok['found'] / n:.3f} |")
    if ok["src_n"]:
        print(f"| source overlaps a gold actor (n={ok['src_n']}) | {ok['src'] / ok['src_n']:.3f} |")
    print()
    print("| gold type | n | type acc |")
    print("|---|---|---|")
    for t, c in sorted(by_type.items(), key=lambda x: -x[1]["n"]):
        print(f"| {t} | {c['n']} | {c['ok'] / c['n']:.2f} |")
    if half == TUNE:
        print("\nmost frequent confusions (gold → predicted): " +
              ", ".join(f"{g}→{p} {k}" for (g, p), k in conf.most_common(10)))
    print()


def run_paragraphs() -> None:
    if not os.path.exists(QUOTES):
        return
    rows = [json.loads(x) for x in open(QUOTES, encoding="utf-8") if x.strip()]
    texts = [r["text"] for r in rows]
    # five paragraphs to an article: closer to a real article's length
    arts = ["\n".join(texts[i:i + 5]) for i in range(0, len(texts), 5)]
    for k, text in enumerate(arts):
        analyse(text, "2025-03-04", "para")


def timing() -> None:
    print("### Speed (events after spaCy; 2 shared cores)\n")
    print("| set | articles | spaCy ms/article | timex µs/article | events µs/article | events / spaCy |")
    print("|---|---|---|---|---|---|")
    for tag in ("gold", "gsr", "para"):
        n = COUNTS[tag]
        if not n:
            continue
        sp = TIMING[tag + ":spacy"] / n
        tx = TIMING[tag + ":timex"] / n
        ev = TIMING[tag + ":events"] / n
        print(f"| {tag} | {n} | {sp * 1e3:.2f} | {tx * 1e6:.0f} | {ev * 1e6:.0f} | {ev / sp * 100:.1f}% |")
    print()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-gsr", action="store_true")
    ap.add_argument("--held", action="store_true",
                    help="also score the held-apart PLOVER half (figures only; run it at the end of a piece of work)")
    args = ap.parse_args()
    nlp()
    analyse("Warm-up: Putin met Trump in Alaska on Friday.", "2025-08-16", "warm")
    run_gold(args.show_errors, args.limit)
    if not args.no_gsr:
        run_gsr(args.show_errors, args.limit, TUNE)
        if args.held:
            run_gsr(False, args.limit, HELD)
    run_paragraphs()
    timing()
    return 0


if __name__ == "__main__":
    sys.exit(main())
