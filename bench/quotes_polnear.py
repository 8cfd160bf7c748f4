"""Quote attribution on real news: the whole `storyline build` on PolNeAR, scored
with the shared metric (../shared/benchmarks/quotes-polnear/score.py).

The split's article texts are copied to a temporary folder and built into a
temporary store exactly as a user would (ingest, cleaning, analysis, corpus
stage). The exported quotes are mapped back to the corpus files, and nothing
more: each exported span's offsets into the clean text are aligned to the
original .txt (an interrupted quote, “A,” he said. “B.”, is one exported quote
whose span runs from its first part to its last; its parts are also scored
apart, as a second table), the speaker is written two ways, and score.py scores
each:

- ``surface``: the article's own words for the speaker (the span's ``speaker_text``:
  "he", "the spokesman", "Ryabkov"), the source span PolNeAR annotates;
- ``name``: the exported ``speaker`` (the resolved entity's name, or the surface
  string when unresolved).

score.py reports both views (all attributions, direct quotes only) and, for
each, the strict speaker match and the coreference-lenient one.

    .venv/bin/python bench/quotes_polnear.py                          # dev: the reported figures
    .venv/bin/python bench/quotes_polnear.py --split train --limit 200 # development / error analysis
    .venv/bin/python bench/quotes_polnear.py --split train --limit 200 --errors errs.txt

Only the train and dev splits exist here; the test split (month 12) is never read.
The texts are the publishers' and are never copied into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / ".." / "shared" / "benchmarks" / "quotes-polnear"
SPLITS = ("train", "dev")          # month 12 (test) is not here and never used
VARIANTS = ("surface", "name")


def pick_docs(split_dir: Path, limit: int | None) -> list[str]:
    """Document names of the split; with a limit, evenly spaced over the sorted
    names so that every outlet is represented."""
    names = sorted(p.stem for p in split_dir.glob("*.txt"))
    if limit and limit < len(names):
        step = len(names) / limit
        names = [names[int(k * step)] for k in range(limit)]
    return names


class Aligner:
    """Offsets in the clean text -> offsets in the original text. The cleaning joins
    paragraphs, trims spaces and may drop lines: characters are walked in step,
    whitespace is skipped on either side, and after a difference the walk resumes
    where the next 16 characters of the clean text occur in the original."""

    WINDOW = 16

    def __init__(self, clean: str, orig: str):
        self.map_ = [None] * (len(clean) + 1)
        i = j = 0
        while i < len(clean) and j < len(orig):
            if clean[i] == orig[j]:
                self.map_[i] = j
                i += 1
                j += 1
            elif clean[i].isspace():
                i += 1
            elif orig[j].isspace():
                j += 1
            else:
                k = orig.find(clean[i:i + self.WINDOW], j)
                if k < 0:
                    i += 1   # a character the cleaning changed: left unmapped
                else:
                    j = k

    def map(self, k: int, end: bool = False) -> int | None:
        if end:
            for kk in range(k - 1, -1, -1):
                if self.map_[kk] is not None:
                    return self.map_[kk] + 1
            return None
        for kk in range(k, len(self.map_)):
            if self.map_[kk] is not None:
                return self.map_[kk]
        return None


def build(docs: list[str], split_dir: Path, work: Path, workers: int) -> tuple[dict, list[dict], float]:
    from storyline.pipeline import build as run_build
    from storyline.store import Store

    inp = work / "in"
    inp.mkdir()
    for d in docs:
        shutil.copyfile(split_dir / f"{d}.txt", inp / f"{d}.txt")
    store_path = str(work / "store.duckdb")
    t0 = time.perf_counter()
    run_build([str(inp)], store_path, workers=workers)
    seconds = time.perf_counter() - t0
    with Store(store_path, read_only=True) as st:
        articles = {a["id"]: a for a in st.article_rows()}
        quotes = st.quote_rows()
    return articles, quotes, seconds


def predictions(articles: dict, quotes: list[dict], split_dir: Path) -> tuple[dict, dict]:
    """Per speaker variant: one prediction per exported quote span (an interrupted quote,
    which storyline exports as one quote, runs from its first part to its last), and one
    per quoted part (a span's ``parts`` when it has them, else the span itself)."""
    origs, aligners = {}, {}
    whole = {v: [] for v in VARIANTS}
    parts = {v: [] for v in VARIANTS}
    for q in quotes:
        for sp in q["spans"]:
            art = articles.get(sp["article_id"])
            if art is None:
                continue
            doc = Path(art["source"]).stem
            if doc not in origs:
                origs[doc] = (split_dir / f"{doc}.txt").read_text(encoding="utf-8")
                aligners[doc] = Aligner(art["text"], origs[doc])
            for out, ranges in ((whole, [(sp["start"], sp["end"])]),
                                (parts, sp.get("parts") or [(sp["start"], sp["end"])])):
                for start, end in ranges:
                    row = _row(doc, art["text"], origs[doc], aligners[doc], start, end, q)
                    out["surface"].append({**row, "speaker": sp.get("speaker_text")})
                    out["name"].append({**row, "speaker": q["speaker"]})
    return whole, parts


def _row(doc: str, clean: str, orig: str, aligner: "Aligner", start: int, end: int, q: dict) -> dict:
    s, e = aligner.map(start), aligner.map(end, end=True)
    row = {"doc": doc, "text": clean[start:end], "start": s, "end": e, "kind": q["kind"], "cue": q["cue"],
           "via": q["via"]}
    if s is None or e is None or e <= s:
        row["start"] = row["end"] = None      # score.py locates it by its text
    else:
        row["text"] = orig[s:e]
    return row


def score(gold: Path, implicit: Path, preds: list[dict], split_dir: Path, work: Path, tag: str) -> dict:
    pred_path, json_path = work / f"pred-{tag}.jsonl", work / f"metrics-{tag}.json"
    with open(pred_path, "w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    subprocess.run([sys.executable, str(DATA / "score.py"), str(gold), str(pred_path), "--text-dir", str(split_dir),
                    "--ignore", str(implicit), "--json", str(json_path)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(json_path.read_text())


def subset(src: Path, docs: set[str], dst: Path) -> Path:
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        for line in f:
            if line.strip() and json.loads(line)["doc"] in docs:
                g.write(line)
    return dst


def table(results: dict[str, dict]) -> str:
    rows = ["| speaker as | direct: attribution F1 (strict / coref) | direct: speaker acc. (strict / coref) | "
            "direct: content P / R | all: attribution F1 (strict / coref) | all: speaker acc. (strict / coref) | "
            "all: content P / R | recall by kind, content / attribution strict |",
            "|---|---|---|---|---|---|---|---|"]
    for v, m in results.items():
        d, a = m["direct"], m["all"]
        kinds = ", ".join(f"{k} {x['content_r']:.3f} / {x['attr_r']:.3f}" for k, x in a["recall_by_kind"].items())
        rows.append(f"| {v} | {d['attr_f1']:.3f} / {d['attr_f1_coref']:.3f} | {d['speaker_acc']:.3f} / "
                    f"{d['speaker_acc_coref']:.3f} | {d['content_p']:.3f} / {d['content_r']:.3f} | "
                    f"{a['attr_f1']:.3f} / {a['attr_f1_coref']:.3f} | {a['speaker_acc']:.3f} / "
                    f"{a['speaker_acc_coref']:.3f} | {a['content_p']:.3f} / {a['content_r']:.3f} | {kinds} |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--limit", type=int, help="only N documents (evenly spaced); for development on train")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--keep", help="keep the store, predictions and metrics in this folder")
    ap.add_argument("--errors", help="write the errors to this file, for analysis (train only)")
    ap.add_argument("--errors-variant", choices=VARIANTS, default="surface", help="speaker variant of the error list")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the shared PolNeAR benchmark is not on this machine)")
        return 0
    split_dir = DATA / args.split
    docs = pick_docs(split_dir, args.limit)
    work = Path(tempfile.mkdtemp(prefix="polnear-")) if not args.keep else Path(args.keep)
    work.mkdir(parents=True, exist_ok=True)
    try:
        articles, quotes, seconds = build(docs, split_dir, work, args.workers)
        whole, parts = predictions(articles, quotes, split_dir)
        names = set(docs)
        gold = subset(DATA / f"{args.split}-gold.jsonl", names, work / "gold.jsonl")
        implicit = subset(DATA / f"{args.split}-implicit.jsonl", names, work / "implicit.jsonl")
        print(f"PolNeAR {args.split}: {len(docs)} articles, {sum(1 for _ in open(gold))} gold attributions, "
              f"{len(whole['surface'])} exported quote spans; build {seconds:.1f} s ({args.workers} worker(s))")
        for title, preds in (("one prediction per exported quote span (the headline figures)", whole),
                             ("one prediction per exported quoted part (spans[].parts of an interrupted quote "
                              "scored apart)", parts)):
            results = {v: score(gold, implicit, preds[v], split_dir, work, f"{v}-{len(preds[v])}") for v in VARIANTS}
            print(f"\n{title}: {len(preds['surface'])} predictions")
            print(table(results))
        if args.errors:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from quotes_polnear_errors import write_errors

            write_errors(gold, whole[args.errors_variant], split_dir, args.errors)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
