"""A fixed, seeded split of the 322 PLOVER gold sentences into a tuning half and a held-apart half.

Stratified by gold type (current 16-type label): within each type the sentence ids are ordered
by a SHA-1 hash of SEED + id and the first ceil(n/2) go to the tuning half, the rest are held
apart. Deterministic (no random state, no file order), and a new sentence id lands in a half
by its own hash. The held-apart half is never looked at while tuning and never trained on; it
is reported only at the end of a piece of work.

    .venv/bin/python bench/events_split.py      # prints the sizes of both halves per type
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
GSR = os.path.join(HERE, "..", "..", "shared", "benchmarks", "events", "plover_gsr_cameo.normalized.jsonl")

SEED = "storyline-plover-split-2026-12"   # fixed once; changing it would leak the held-apart half
TUNE, HELD = "tune", "held"


def _key(sid: str) -> str:
    return hashlib.sha1((SEED + sid).encode("utf-8")).hexdigest()


def uids(rows: list[dict]) -> list[str]:
    """A unique key per row: the id, with "#2", "#3"... on a repeated id (the GSR file has one
    id, PLOVER-GSR01-COERCE-0004, on two different sentences)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for row in rows:
        seen[row["id"]] += 1
        out.append(row["id"] if seen[row["id"]] == 1 else f"{row['id']}#{seen[row['id']]}")
    return out


def split_rows(rows: list[dict]) -> dict[str, str]:
    """unique key (see uids) -> "tune" | "held", stratified by row["event"]."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for row, uid in zip(rows, uids(rows)):
        by_type[row["event"]].append(uid)
    half: dict[str, str] = {}
    for ids in by_type.values():
        ordered = sorted(ids, key=_key)
        k = math.ceil(len(ordered) / 2)
        for i, sid in enumerate(ordered):
            half[sid] = TUNE if i < k else HELD
    return half


def load(which: str | None = None, path: str = GSR) -> list[dict]:
    """The GSR rows, all (which=None) or one half ("tune" / "held")."""
    rows = [json.loads(x) for x in open(path, encoding="utf-8") if x.strip()]
    half = split_rows(rows)
    return [r for r, u in zip(rows, uids(rows)) if which is None or half[u] == which]


if __name__ == "__main__":
    from collections import Counter
    rows = load()
    half = split_rows(rows)
    c = Counter((r["event"], half[u]) for r, u in zip(rows, uids(rows)))
    for t in sorted({r["event"] for r in rows}):
        print(f"{t:12s} tune {c[(t, TUNE)]:3d}  held {c[(t, HELD)]:3d}")
    print(f"total        tune {sum(v == TUNE for v in half.values())}  held {sum(v == HELD for v in half.values())}")
