"""Storylines and timelines on Timeline17 (../shared/benchmarks/timelines-t17, see SOURCE.md).

    .venv/bin/python bench/storylines.py prepare [--out /tmp/t17/articles.jsonl]
    nice -n 10 .venv/bin/storyline build /tmp/t17/articles.jsonl --store /tmp/t17/t17.duckdb --workers 2 -q
    .venv/bin/python bench/storylines.py score --store /tmp/t17/t17.duckdb [--relink]

``prepare`` detokenises the Penn-Treebank text (the set is distributed tokenised) and
writes one JSON line per article (outlet from the folder, the id in the URL so the
bench can map stored articles back to their folder). ``score`` reads a built store:
(1) the storylines of all 4,625 articles against the 9 stories (pairwise and B-cubed
F1); (2) per reference timeline, the timeline of that folder's articles (same number
of dates as the reference, ``--sentences`` sentences per date) against the journalists'
with tilse's date F1 and alignment ROUGE-1/2 F1 (m:1, Martschat & Markert 2017).
``--relink`` re-runs only the storyline step on the stored articles (for iterating).

The other side of the same question, on ECB+ (../shared/benchmarks/story-clustering):
43 topics of two look-alike single events each (two rehab stays, two takeovers, two
earthquakes), 86 stories in all. Each should be its own storyline (nothing develops
from one to the other), and a storyline that spans two topics is plainly wrong:

    .venv/bin/python bench/storylines.py prepare-ecb [--out /tmp/ecb/articles.jsonl]
    nice -n 10 .venv/bin/storyline build /tmp/ecb/articles.jsonl --store /tmp/ecb/ecb.duckdb --workers 2 -q
    .venv/bin/python bench/storylines.py score-ecb --store /tmp/ecb/ecb.duckdb [--relink]

prints pairwise and B-cubed F1 of the storylines against the 86 stories, and pairwise
precision and recall against the 43 topics. ECB+ has no dates, so the gap between
periods plays no part there. Skips cleanly when ../shared or tilse is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "benchmarks", "timelines-t17"))
URL_PREFIX = "https://t17.invalid/"
ECB = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "benchmarks", "story-clustering", "ecbplus",
                                    "documents.jsonl"))
ECB_PREFIX = "https://ecbplus.invalid/"

# ----------------------------------------------------------------------------- detokenising

_PTB_SUBS = [
    (re.compile(r"-LRB-|-LSB-|-LCB-"), "("), (re.compile(r"-RRB-|-RSB-|-RCB-"), ")"),
    (re.compile(r"\\/"), "/"), (re.compile(r"\\\*"), "*"),
    (re.compile(r"``\s*"), '"'), (re.compile(r"\s*''"), '"'),
    (re.compile(r"\(\s+"), "("), (re.compile(r"\s+\)"), ")"),
    (re.compile(r"\s+([.,;:!?%])"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'m|'ll|'d|')(?=\s|$)", re.I), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"),
    (re.compile(r"[ \t]+"), " "),
]


def detokenise(text: str) -> str:
    out = []
    for line in text.split("\n"):
        for rx, rep in _PTB_SUBS:
            line = rx.sub(rep, line)
        out.append(line.strip())
    return "\n".join(x for x in out if x)


def load_articles() -> list[dict]:
    with gzip.open(os.path.join(DATA, "articles.jsonl.gz"), "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prepare(out: str) -> None:
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for a in load_articles():
            text = detokenise(a["text"])
            first, _, rest = text.partition("\n")
            outlet = a["topic"].split("_", 1)[1]
            row = {"url": URL_PREFIX + a["id"], "outlet": outlet, "published": a["published"],
                   "title": first[:300], "text": text}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} articles to {out}")



# ----------------------------------------------------------------------------- storyline level

def _gold_of(store) -> dict[str, str]:
    """Stored article id -> T17 story (the folder prefix)."""
    out = {}
    for aid, url in store._run("SELECT id, url FROM articles"):
        if url and url.startswith(URL_PREFIX):
            out[aid] = url[len(URL_PREFIX):].split("/", 1)[0].split("_", 1)[0]
    return out


def storyline_scores(store) -> None:
    sys.path.insert(0, HERE)
    from stories import bcubed, pairwise

    from storyline.store.storylines import storyline_rows

    gold = _gold_of(store)
    lines = storyline_rows(store)
    line_of = {a: r["id"] for r in lines for a in r["article_ids"]}
    story_of = {a: sid for sid, aids in store._run("SELECT id, article_ids FROM stories") for a in json.loads(aids)}
    ids = sorted(a for a in gold if a in line_of)
    g = [gold[a] for a in ids]
    print(f"articles stored {len(gold)}, in storylines {len(ids)}; storylines {len(lines)}, "
          f"episodes {len(set(story_of.values()))}, gold stories {len(set(g))}")
    for name, assign in (("storylines", line_of), ("episodes (stories) as storylines", story_of)):
        pred = [assign.get(a, a) for a in ids]
        p, r, f = pairwise(g, pred)
        bp, br, bf = bcubed(g, pred)
        print(f"  {name:<34} pairwise P {p:.3f} R {r:.3f} F1 {f:.3f} | B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
    big = sorted(lines, key=lambda r: -len(r["article_ids"]))[:14]
    for r in big:
        c = Counter(gold.get(a, "?") for a in r["article_ids"])
        print(f"    {len(r['article_ids']):5d} {r['start']}..{r['end']} {dict(c.most_common(3))}  {r['title'][:60]!r}")


# ----------------------------------------------------------------------------- ECB+: look-alike events apart

def _ecb_documents() -> list[dict]:
    with open(ECB, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prepare_ecb(out: str) -> None:
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    docs = _ecb_documents()
    with open(out, "w", encoding="utf-8") as fh:
        for d in docs:       # no date, no outlet: ECB+ has neither for most documents
            fh.write(json.dumps({"url": ECB_PREFIX + d["doc_id"], "title": d["title"][:300], "text": d["text"]},
                                ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} documents to {out}")


def ecb_scores(store) -> None:
    sys.path.insert(0, HERE)
    from stories import bcubed, pairwise

    from storyline.store.storylines import storyline_rows

    story = {ECB_PREFIX + d["doc_id"]: (d["story_id"], str(d["topic"])) for d in _ecb_documents()}
    url_of = {a: u for a, u in store._run("SELECT id, url FROM articles") if u in story}
    line_of = {a: r["id"] for r in storyline_rows(store) for a in r["article_ids"]}
    episode_of = {a: sid for sid, aids in store._run("SELECT id, article_ids FROM stories") for a in json.loads(aids)}
    ids = sorted(url_of)
    gold = [story[url_of[a]][0] for a in ids]
    topic = [story[url_of[a]][1] for a in ids]
    print(f"documents stored {len(ids)}; gold stories {len(set(gold))}, topics {len(set(topic))}")
    for name, assign in (("storylines", line_of), ("episodes (stories) as storylines", episode_of)):
        pred = [assign.get(a, a) for a in ids]
        p, r, f = pairwise(gold, pred)
        bp, br, bf = bcubed(gold, pred)
        tp, tr, _ = pairwise(topic, pred)
        print(f"  {name:<34} {len(set(pred)):4d} | stories: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}, "
              f"B3 F1 {bf:.3f} | topics: pairwise P {tp:.3f} R {tr:.3f}")


# ----------------------------------------------------------------------------- timelines

def _ref_timelines() -> dict[str, dict]:
    out: dict[str, dict] = {}
    with open(os.path.join(DATA, "timelines.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            tl = out.setdefault(r["timeline_id"], {"topic": r["topic"], "dates": {}})
            tl["dates"][r["date"]] = [s.strip() + " ." for s in re.split(r"(?<=\S) \. (?=\S)", r["summary"].strip())
                                      if s.strip(" .")]
    return out


def _ptb(sentence: str) -> str:
    from nltk.tokenize import TreebankWordTokenizer

    return " ".join(TreebankWordTokenizer().tokenize(sentence))


def timeline_scores(store, per_date_max: int, show: int) -> dict:
    import datetime as dt

    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline
    from tilse.evaluation import rouge

    from storyline.link.storylines import build_timeline
    from storyline.store.storylines import _article_origins, _timeline_articles

    origins = _article_origins(store)
    arts, _found = _timeline_articles(store, set(origins), origins)
    folder_of = {aid: url[len(URL_PREFIX):].split("/", 1)[0] for aid, url in store._run("SELECT id, url FROM articles")
                 if url and url.startswith(URL_PREFIX)}
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    rows = []
    t_total = 0.0
    for tl_id, ref in sorted(_ref_timelines().items()):
        days = sorted(ref["dates"])
        members = [a for aid, a in arts.items() if folder_of.get(aid) == ref["topic"]]
        per_date = min(per_date_max, max(1, round(sum(len(v) for v in ref["dates"].values()) / len(days))))
        t0 = time.perf_counter()
        pred = build_timeline(members, n_dates=len(days), per_date=per_date, first=days[0], last=days[-1])
        t_total += time.perf_counter() - t0
        pred_tl: dict = defaultdict(list)
        for d in pred:
            pred_tl[dt.date.fromisoformat(d.date)].append(_ptb(d.text))
        ref_tl = {dt.date.fromisoformat(d): s for d, s in ref["dates"].items()}
        gt = GroundTruth([TilseTimeline(ref_tl)])
        ptl = TilseTimeline(dict(pred_tl))
        pd_, rd = set(pred_tl), set(ref_tl)
        dp = len(pd_ & rd) / len(pd_) if pd_ else 0.0
        dr = len(pd_ & rd) / len(rd)
        df = 2 * dp * dr / (dp + dr) if dp + dr else 0.0
        al = evaluator.evaluate_align_date_content_costs_many_to_one(ptl, gt)
        cc = evaluator.evaluate_concat(ptl, gt)
        ag = evaluator.evaluate_agreement(ptl, gt)
        row = {"tl": tl_id, "n": len(days), "k": per_date, "articles": len(members), "date_f1": df,
               "date_p": dp, "date_r": dr}
        for key, res in (("al", al), ("cc", cc), ("ag", ag)):
            for m, short in (("rouge_1", "r1"), ("rouge_2", "r2")):
                row[f"{key}_{short}"] = res[m]["f_score"]
                row[f"{key}_{short}_p"], row[f"{key}_{short}_r"] = res[m]["precision"], res[m]["recall"]
        rows.append(row)
        print(f"  {tl_id:<58} dates {len(days):3d} k {per_date} arts {len(members):4d} | date F1 {df:.3f} "
              f"| align+ m:1 R1 {row['al_r1']:.3f} R2 {row['al_r2']:.3f} | concat R1 {row['cc_r1']:.3f} "
              f"R2 {row['cc_r2']:.3f} | agree R1 {row['ag_r1']:.3f} R2 {row['ag_r2']:.3f}")
        for d in pred[:show]:
            print(f"      {d.date} [{d.independent_sources}] {d.text[:150]}")
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in rows[0] if k not in ("tl", "n", "k", "articles")}
    print(f"  MEAN of per-timeline F over {len(rows)} timelines: date F1 {mean['date_f1']:.3f} | align+ m:1 R1 "
          f"{mean['al_r1']:.3f} R2 {mean['al_r2']:.3f} | concat R1 {mean['cc_r1']:.3f} R2 {mean['cc_r2']:.3f} | "
          f"agreement R1 {mean['ag_r1']:.3f} R2 {mean['ag_r2']:.3f}  (timeline selection {t_total:.1f} s in all)")

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    # news-tls (Ghalandari & Ifrim 2020, experiments/evaluate.py): F of the mean P and mean R
    print(f"  news-tls averaging (F of mean P, mean R): date F1 {f(mean['date_p'], mean['date_r']):.3f} | "
          + " | ".join(f"{name} R1 {f(mean[k + '_r1_p'], mean[k + '_r1_r']):.3f} R2 "
                       f"{f(mean[k + '_r2_p'], mean[k + '_r2_r']):.3f}"
                       for name, k in (("align+ m:1", "al"), ("concat", "cc"), ("agreement", "ag"))))
    return mean


def _open(args):
    """The store, relinked first with --relink."""
    sys.path.insert(0, os.path.join(HERE, "..", "src"))
    from storyline.store import Store
    from storyline.store.storylines import link_storylines_in

    store = Store(args.store, read_only=not args.relink)
    if args.relink:
        t0 = time.perf_counter()
        n = link_storylines_in(store)
        print(f"storyline step: {n} storylines in {time.perf_counter() - t0:.1f} s")
    return store


def score(args) -> int:
    with _open(args) as store:
        if args.cmd == "score-ecb":
            ecb_scores(store)
            return 0
        if "storylines" in args.parts:
            storyline_scores(store)
        if "timelines" in args.parts:
            try:
                import tilse  # noqa: F401
            except ImportError:
                print("skipped timelines: tilse is not installed (pip install tilse==0.2.1 pyrouge nltk --no-deps)")
                return 0
            timeline_scores(store, args.sentences, args.show)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--out", default="/tmp/t17/articles.jsonl")
    p = sub.add_parser("prepare-ecb")
    p.add_argument("--out", default="/tmp/ecb/articles.jsonl")
    p = sub.add_parser("score-ecb")
    p.add_argument("--store", default="/tmp/ecb/ecb.duckdb")
    p.add_argument("--relink", action="store_true", help="re-run the storyline step on the stored stories first")
    p = sub.add_parser("score")
    p.add_argument("--store", default="/tmp/t17/t17.duckdb")
    p.add_argument("--relink", action="store_true", help="re-run the storyline step on the stored stories first")
    p.add_argument("--parts", default="storylines,timelines")
    p.add_argument("--sentences", type=int, default=2, help="most sentences per date (1-2 as the literature)")
    p.add_argument("--show", type=int, default=0, help="print this many dates of each predicted timeline")
    args = ap.parse_args(argv)
    needed = ECB if args.cmd.endswith("-ecb") else DATA
    if not os.path.exists(needed):
        print(f"skipped: {needed} is absent")
        return 0
    if args.cmd == "prepare":
        prepare(args.out)
        return 0
    if args.cmd == "prepare-ecb":
        prepare_ecb(args.out)
        return 0
    return score(args)


if __name__ == "__main__":
    sys.exit(main())
