"""Main text on real pages of six types: WCXB dev split, storyline against trafilatura.

    nice .venv/bin/python bench/wcxb_dev.py [--data DIR] [--workers 1] [--no-trafilatura]
                                            [--only forum,article] [--dump DIR]

Data: ``../shared/benchmarks/wcxb-dev`` (1,378 real pages, gold main text, the benchmark's
``score.py``; see its SOURCE.md). Skips with exit 0 when the folder is absent.

storyline runs as ``storyline extract`` does (ingest + clean, the same Python API);
trafilatura 2.3.1 runs with its defaults (``trafilatura.extract(html)``) on the same
decoded pages. Both prediction files are scored by the shared ``score.py`` (its full
table is printed for storyline), then the WCXB word-F1 per page type is printed side by
side, with the list of pages storyline rejected.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT / ".." / "shared" / "benchmarks" / "wcxb-dev"
TYPES = ["article", "forum", "service", "collection", "listing", "documentation"]


def load_gold(data: Path, only: set[str] | None) -> dict[str, dict]:
    gold = {}
    for line in (data / "gold.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            g = json.loads(line)
            if not only or g["page_type"] in only:
                gold[g["id"]] = g
    return gold


def run_storyline(data: Path, ids: list[str], workers: int) -> tuple[dict[str, str], dict[str, str], float]:
    """Texts by page id, rejects by page id (reason: detail), wall seconds."""
    from storyline.model import Article
    from storyline.pipeline import extract

    files = [str(data / "pages" / f"{i}.html.gz") for i in ids]
    texts, rejects = {}, {}
    t0 = time.perf_counter()
    for item in extract(files, workers=workers):
        pid = Path(item.source).name.split(".")[0]
        if isinstance(item, Article):
            texts[pid] = item.text
        else:
            rejects[pid] = f"{item.reason}: {item.detail}"
    # The pipeline skips a page whose bytes equal an earlier one (2 such pairs here);
    # the benchmark scores every page, so each skipped copy is extracted on its own.
    for pid in [i for i in ids if i not in texts and i not in rejects]:
        for item in extract([str(data / "pages" / f"{pid}.html.gz")], workers=1):
            if isinstance(item, Article):
                texts[pid] = item.text
            else:
                rejects[pid] = f"{item.reason}: {item.detail}"
    return texts, rejects, time.perf_counter() - t0


def run_trafilatura(data: Path, ids: list[str]) -> tuple[dict[str, str], float]:
    import trafilatura

    texts = {}
    t0 = time.perf_counter()
    for i in ids:
        html = gzip.decompress((data / "pages" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")
        texts[i] = trafilatura.extract(html) or ""
    return texts, time.perf_counter() - t0


def per_type_f1(score_mod, gold: dict[str, dict], texts: dict[str, str]) -> dict[str, float]:
    groups = defaultdict(list)
    for k, g in gold.items():
        f1 = score_mod.word_f1(texts.get(k, ""), g["gold"])[2]
        groups[g["page_type"]].append(f1)
        groups["ALL"].append(f1)
    return {t: sum(v) / len(v) for t, v in groups.items()}


def write_pred(path: Path, texts: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for k, t in sorted(texts.items()):
            fh.write(json.dumps({"source": f"{k}.html.gz", "text": t}, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-trafilatura", action="store_true", help="storyline only")
    ap.add_argument("--only", help="comma list of page types (default: all)")
    ap.add_argument("--dump", type=Path, help="write storyline.jsonl / trafilatura.jsonl predictions here")
    args = ap.parse_args(argv)

    data = args.data.resolve()
    if not (data / "gold.jsonl").is_file() or not (data / "pages").is_dir():
        print(f"SKIP: WCXB dev data not found at {data}")
        return 0
    logging.disable(logging.CRITICAL)
    sys.path.insert(0, str(data))
    import score as score_mod  # the benchmark's own metric, beside its data

    only = {t.strip() for t in args.only.split(",")} if args.only else None
    gold = load_gold(data, only)
    ids = sorted(gold)
    print(f"{len(ids)} pages from {data}", flush=True)

    ours, rejects, ours_s = run_storyline(data, ids, args.workers)
    print(f"storyline: {ours_s:.1f} s ({len(ids) / ours_s:.1f} pages/s, {args.workers} worker(s))", flush=True)
    systems = {"storyline": ours}
    if not args.no_trafilatura:
        traf, traf_s = run_trafilatura(data, ids)
        print(f"trafilatura default: {traf_s:.1f} s ({len(ids) / traf_s:.1f} pages/s)", flush=True)
        systems["trafilatura 2.3.1 default"] = traf

    out_dir = args.dump or Path(tempfile.mkdtemp(prefix="wcxb-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pred = out_dir / "storyline.jsonl"
    write_pred(pred, ours)
    if "trafilatura 2.3.1 default" in systems:
        write_pred(out_dir / "trafilatura.jsonl", systems["trafilatura 2.3.1 default"])
    print("\nscore.py on storyline's predictions:")
    gold_path = data / "gold.jsonl"
    if only:  # score.py reads a gold file: give it the selected pages only
        gold_path = out_dir / "gold-selected.jsonl"
        gold_path.write_text("".join(json.dumps(gold[k], ensure_ascii=False) + "\n" for k in ids))
    res = subprocess.run([sys.executable, str(data / "score.py"), str(gold_path), str(pred), "--bootstrap", "200"],
                         capture_output=True, text=True)
    print(res.stdout or res.stderr)

    types = [t for t in TYPES if any(g["page_type"] == t for g in gold.values())]
    print("| WCXB word-F1 | ALL | " + " | ".join(types) + " |")
    print("|---" * (len(types) + 2) + "|")
    for name, texts in systems.items():
        f = per_type_f1(score_mod, gold, texts)
        print(f"| {name} | {f['ALL']:.3f} | " + " | ".join(f"{f[t]:.3f}" for t in types) + " |")
    counts = defaultdict(int)
    for g in gold.values():
        counts[g["page_type"]] += 1
    print("| pages | " + str(len(ids)) + " | " + " | ".join(str(counts[t]) for t in types) + " |")

    print(f"\nrejected by storyline: {len(rejects)}")
    for k in sorted(rejects):
        print(f"  {k} ({gold[k]['page_type']}, gold {len(gold[k]['gold'].split())} words): {rejects[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
