"""Build throughput and memory on generated mixed pages.

Generates N pages (HTML news pages, wire copies, forum reposts, text dumps,
JSONL dumps, WARC files, a few bad files) in a temp folder, runs
`storyline build` on them as a subprocess, and samples the RSS of the whole
process tree (main process + workers) every 50 ms.

    .venv/bin/python bench/build_scale.py [--pages 2000] [--workers 2]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
from pages import PARAGRAPHS, TITLE, forum_repost_text, news_html, text_dump, warc_gz, wire_copy_html  # noqa: E402

WORDS = ("talks ceasefire delegation embassy sanctions envoy minister spokesman summit proposal "
         "negotiators energy prisoners exchange Riyadh Moscow Washington Kyiv Geneva Istanbul").split()


def _paragraphs(rng: random.Random, i: int) -> list[str]:
    paras = rng.sample(PARAGRAPHS, k=rng.randint(3, len(PARAGRAPHS)))
    # Make every page's text unique so nothing is an exact duplicate by accident.
    extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
    return paras + [f"In a statement numbered {i}, officials mentioned {extra}."]


def generate(folder: str, n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    kinds = {"html": 0, "wire": 0, "forum": 0, "text": 0, "jsonl": 0, "warc": 0, "bad": 0}
    jsonl_rows: list[str] = []
    warc_recs: list[tuple[str, str, str, str]] = []
    made = 0
    while made < n:
        r = rng.random()
        paras = _paragraphs(rng, made)
        title = f"{TITLE} ({made})"
        if r < 0.35:
            with open(os.path.join(folder, f"p{made:05d}.html"), "w") as fh:
                fh.write(news_html(title, paras, published=f"2025-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}"))
            kinds["html"] += 1
        elif r < 0.45:
            with open(os.path.join(folder, f"w{made:05d}.html"), "w") as fh:
                fh.write(wire_copy_html(paras))
            kinds["wire"] += 1
        elif r < 0.55:
            with open(os.path.join(folder, f"f{made:05d}.txt"), "w") as fh:
                fh.write(forum_repost_text(paras))
            kinds["forum"] += 1
        elif r < 0.70:
            with gzip.open(os.path.join(folder, f"t{made:05d}.txt.gz"), "wt") as fh:
                fh.write(text_dump(title, paras))
            kinds["text"] += 1
        elif r < 0.85:
            jsonl_rows.append(json.dumps({"text": "\n".join([title] + paras), "url": f"https://feed.example/{made}",
                                          "outlet": "Feed Example", "published": "2025-03-01"}))
            kinds["jsonl"] += 1
        elif r < 0.99:
            warc_recs.append((f"https://crawl.example/{made}", "2025-02-20", news_html(title, paras), "response"))
            kinds["warc"] += 1
        else:
            with open(os.path.join(folder, f"bad{made:05d}.pdf"), "wb") as fh:
                fh.write(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(2000)))
            kinds["bad"] += 1
        made += 1
    for k in range(0, len(jsonl_rows), 100):
        with open(os.path.join(folder, f"dump{k // 100:03d}.jsonl"), "w") as fh:
            fh.write("\n".join(jsonl_rows[k:k + 100]) + "\n")
    for k in range(0, len(warc_recs), 50):
        with open(os.path.join(folder, f"crawl{k // 50:03d}.warc.gz"), "wb") as fh:
            fh.write(warc_gz(warc_recs[k:k + 50]))
    return kinds


def _tree_rss(pid: int) -> int:
    """Sum of RSS (bytes) of pid and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                parts = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(parts[1]), int(parts[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_sampled(cmd: list[str]) -> tuple[float, int, str, str, int]:
    """Run ``cmd``, sampling the RSS of its process tree every 50 ms: (wall seconds,
    peak bytes, stdout, stderr, exit code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    out, err = proc.communicate()
    return wall, peak, out, err, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0)
    args = ap.parse_args()
    exe = os.path.join(os.path.dirname(sys.executable), "storyline")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "pages")
        os.mkdir(data)
        kinds = generate(data, args.pages)
        store = os.path.join(tmp, "bench.duckdb")
        cmd = [exe, "build", data, "--store", store, "-q"] + (["--workers", str(args.workers)] if args.workers else [])
        wall, peak, out, err, rc = run_sampled(cmd)
        if rc != 0:
            print(out, err)
            sys.exit(rc)
        print(f"generated: {args.pages} pages {kinds}")
        print(out.strip())
        print(f"wall: {wall:.2f} s, {args.pages / wall:.1f} pages/s (whole process, incl. start-up)")
        print(f"peak RSS (process tree): {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
