"""storyline's metadata misses on news-pages, side by side with the peers, for grouping by kind.

    .venv/bin/python bench/metadata_errors.py date|author|title [--out bench/out/metadata] [--only wrong|null]

Reads the predictions ``bench/metadata.py`` wrote (``OUT/storyline.jsonl`` and, when present,
``OUT/htmldate.jsonl`` / ``OUT/trafilatura.jsonl``) and prints, per missed page: the URL, the
gold value, storyline's, the peers'. Authors are compared as ``score.py`` does (name sets).
Exits 0 with a skip message when the data set or the predictions are absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "news-pages"
DEFAULT_OUT = ROOT / "bench" / "out" / "metadata"


def _norm(s) -> str:
    s = "; ".join(s) if isinstance(s, list) else (s or "")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(s))).strip().lower()


def _names(s) -> set[str]:
    """The name set exactly as the set's score.py builds it."""
    s = "; ".join(x for x in s if x) if isinstance(s, list) else (s or "")
    return {p.strip(" .") for p in re.split(r";|,|\band\b|&|\|", _norm(s)) if p.strip(" .")}


def _preds(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    return {p["id"]: p for p in map(json.loads, path.open(encoding="utf-8"))}


def _ok(field: str, want, got) -> bool:
    if field == "date":
        return str(got or "")[:10] == want
    if field == "author":
        return _names(want) == _names(got)
    return _norm(want) == _norm(got)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("field", choices=("date", "author", "title"))
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", choices=("wrong", "null"))
    args = ap.parse_args()
    ours = _preds(args.out / "storyline.jsonl")
    if not (args.data / "pages.jsonl.gz").is_file() or not ours:
        print("skip: news-pages data or bench/out/metadata/storyline.jsonl not found")
        return 0
    peers = {name: _preds(args.out / f"{name}.jsonl") for name in ("htmldate", "trafilatura")}
    key = {"date": "published"}.get(args.field, args.field)
    n = 0
    with gzip.open(args.data / "pages.jsonl.gz", "rt", encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            want = row.get(key)
            if not want:
                continue
            got = ours.get(row["sha1"], {}).get(key)
            if _ok(args.field, want, got):
                continue
            if args.only and (args.only == "null") != (not got):
                continue
            n += 1
            side = "  ".join(f"{name}={p.get(row['sha1'], {}).get(key)!r}"
                             + ("✓" if _ok(args.field, want, p.get(row["sha1"], {}).get(key)) else "")
                             for name, p in peers.items() if p and (args.field == "date" or name != "htmldate"))
            print(f"{row['sha1'][:10]} {row['url'][:90]}\n   gold {want!r}\n   ours {got!r}\n   {side}")
    print(f"{n} misses", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
