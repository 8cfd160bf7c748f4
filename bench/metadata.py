"""Metadata on real news pages: dates, titles, authors (and main-text snippets) on
``../shared/benchmarks/news-pages``, scored by that set's own ``score.py``, with
htmldate and trafilatura run side by side on the same pages.

    nice .venv/bin/python bench/metadata.py [--data DIR] [--systems storyline,htmldate,trafilatura]
                                            [--out DIR] [--reuse] [--limit N] [--failures FIELD]

- storyline: ``clean_page`` on a Page holding the page's bytes and URL, as
  ``storyline extract`` does for a manifest line ``path,url`` (a rejected page
  predicts nothing: it counts as null everywhere).
- htmldate 1.x: ``find_date(html, url=url, original_date=True)`` (its defaults otherwise).
- trafilatura 2.x: ``bare_extraction(html, url=url, with_metadata=True)``.

Each system writes ``OUT/<system>.jsonl`` in the format ``score.py`` reads; ``--reuse``
keeps an existing peer file (htmldate and trafilatura take minutes and do not change
between runs of ours). ``--failures date|title|author`` prints storyline's misses.
Wrong and null predictions are counted apart (a wrong date is worse than none).
Exits 0 with a skip message when the data set is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "news-pages"
DEFAULT_OUT = ROOT / "bench" / "out" / "metadata"


def load(data: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with gzip.open(data / "pages.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def run_storyline(rows: list[dict]):
    from storyline.clean import clean_page
    from storyline.model import Article, Page

    for r in rows:
        page = Page(source=r["file"], content=r["html"].encode("utf-8"), kind="html", id=r["sha1"],
                    url=r["url"], encoding="utf-8")
        art = clean_page(page)
        if isinstance(art, Article):
            yield {"id": r["sha1"], "published": art.published, "title": art.title,
                   "author": art.author, "text": art.text}
        else:
            yield {"id": r["sha1"], "published": None, "title": None, "author": None, "text": None,
                   "reject": art.reason}


def run_htmldate(rows: list[dict]):
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    for r in rows:
        try:
            d = find_date(r["html"], url=r["url"], original_date=True)
        except Exception:
            d = None
        yield {"id": r["sha1"], "published": d}


def run_trafilatura(rows: list[dict]):
    from trafilatura import bare_extraction

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    for r in rows:
        try:
            doc = bare_extraction(r["html"], url=r["url"], with_metadata=True)
        except Exception:
            doc = None
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
        doc = doc or {}
        yield {"id": r["sha1"], "published": doc.get("date"), "title": doc.get("title"),
               "author": doc.get("author"), "text": doc.get("text")}


SYSTEMS = {"storyline": run_storyline, "htmldate": run_htmldate, "trafilatura": run_trafilatura}


def score(data: Path, pred: Path) -> dict:
    out_json = pred.with_suffix(".score.json")
    subprocess.run([sys.executable, str(data / "score.py"), str(data / "pages.jsonl.gz"), str(pred),
                    "--json", str(out_json)], check=True, capture_output=True, text=True)
    return json.loads(out_json.read_text())


def failures(rows: list[dict], pred: Path, field: str) -> None:
    preds = {p["id"]: p for p in map(json.loads, pred.open())}
    gold_key = {"date": "published"}.get(field, field)
    for r in rows:
        want = r.get(gold_key)
        if not want:
            continue
        got = preds.get(r["sha1"], {}).get(gold_key)
        ok = (str(got or "")[:10] == want) if field == "date" else (
            " ".join(str(got or "").split()).lower() == " ".join(str(want).split()).lower())
        if not ok:
            print(f"{r['sha1'][:10]}  {r['url'][:80]}\n    gold {want!r}\n    got  {got!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--systems", default="storyline,htmldate,trafilatura")
    ap.add_argument("--reuse", action="store_true", help="keep existing peer predictions")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--failures", choices=("date", "title", "author"))
    args = ap.parse_args()
    if not (args.data / "pages.jsonl.gz").is_file() or not (args.data / "score.py").is_file():
        print(f"skip: news-pages data not found at {args.data}")
        return 0
    rows = load(args.data, args.limit)
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.systems.split(","):
        pred = args.out / f"{name}.jsonl"
        seconds = None
        if not (args.reuse and name != "storyline" and pred.is_file()):
            t0 = time.perf_counter()
            with pred.open("w", encoding="utf-8") as fh:
                for p in SYSTEMS[name](rows):
                    fh.write(json.dumps(p, ensure_ascii=False) + "\n")
            seconds = time.perf_counter() - t0
        results[name] = (score(args.data, pred), seconds)
        print(f"{name}: done" + (f" in {seconds:.1f} s" if seconds else " (reused)"), file=sys.stderr)

    f = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    print(f"{len(rows)} pages of news-pages; scored with its score.py")
    print("| system | date (wrong / null) | title exact | author exact (null) | author P / R / F1 "
          "| snippets with / without | ms/page |")
    print("|---|---|---|---|---|---|---|")
    labels = {"storyline": "storyline `clean_page`", "htmldate": "htmldate `find_date(original_date=True)`",
              "trafilatura": "trafilatura `bare_extraction`"}
    for name, (s, seconds) in results.items():
        has_title = name != "htmldate"
        print(f"| {labels[name]} | {f(s['date_acc'])} ({s['date_wrong']} / {s['date_null']}) "
              f"| {f(s['title_exact']) if has_title else '–'} "
              f"| {f(s['author_exact']) + ' (' + str(s['author_null']) + ')' if has_title else '–'} "
              f"| {(f(s['author_p']) + ' / ' + f(s['author_r']) + ' / ' + f(s['author_f1'])) if has_title else '–'} "
              f"| {(f(s['with']) + ' / ' + f(s['without'])) if has_title else '–'} "
              f"| {f'{1000 * seconds / len(rows):.1f}' if seconds else 'reused'} |")
    if args.failures:
        failures(rows, args.out / "storyline.jsonl", args.failures)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
