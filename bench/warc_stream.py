"""Ingest of one big WARC: memory stays bounded however large the file (issue 11).

Generates a WARC of ``--gb`` GB (default 3, about the size of a Common Crawl /
CC-NEWS file) in a temp folder: HTML response records of 20-100 KB, a share of
them with a gzip HTTP body (``Content-Encoding: gzip``), optionally one gzip
member per record (``--warc-gz``, as Common Crawl ships them). Then, in a child
process so the figure is ingest's alone, runs ``storyline.ingest.iter_pages``
over it (ingest only: pages counted, not cleaned) and reports the child's peak
RSS (``ru_maxrss``) and pages per second. The file is deleted afterwards.

    .venv/bin/python bench/warc_stream.py [--gb 3] [--warc-gz] [--gzip-share 0.2]
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))

# Distinct bodies generated; records cycle through them under distinct URLs.
# Enough that the file does not compress as one repeated page would.
BODY_POOL = 64
MIN_BODY, MAX_BODY = 20_000, 100_000  # bytes of HTML per record (news pages with their markup)
MAX_RSS_MIB = 1024                     # the bound the bench checks


def _bodies(rng: random.Random) -> list[bytes]:
    from pages import PARAGRAPHS, TITLE, news_html

    words = " ".join(PARAGRAPHS).split()
    out = []
    for i in range(BODY_POOL):
        target = rng.randint(MIN_BODY, MAX_BODY)
        paras = list(PARAGRAPHS)
        html = news_html(f"{TITLE} ({i})", paras)
        while len(html) < target:
            paras.append(" ".join(rng.choice(words) for _ in range(120)) + ".")
            html = news_html(f"{TITLE} ({i})", paras)
        out.append(html.encode("utf-8"))
    return out


def _record(n: int, body: bytes, gzip_body: bool) -> bytes:
    extra = ""
    if gzip_body:
        body = gzip.compress(body, compresslevel=1, mtime=0)
        extra = "Content-Encoding: gzip\r\n"
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
            f"WARC-Date: 2025-02-20T10:00:00Z\r\nWARC-Target-URI: https://news.example/{n}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode("ascii") + http + b"\r\n\r\n"


def generate(path: str, size: int, warc_gz: bool, gzip_share: float, seed: int = 11) -> int:
    """Write records until the file reaches ``size`` bytes; returns the record count."""
    rng = random.Random(seed)
    bodies = _bodies(rng)
    n = 0
    with open(path, "wb") as fh:
        while fh.tell() < size:
            rec = _record(n, bodies[n % BODY_POOL], rng.random() < gzip_share)
            fh.write(gzip.compress(rec, compresslevel=1, mtime=0) if warc_gz else rec)
            n += 1
    return n


def read(path: str) -> None:
    """Child process: ingest only, then one JSON line of figures."""
    from storyline.ingest import iter_pages
    from storyline.model import Page

    t0 = time.perf_counter()
    pages = rejects = 0
    for item in iter_pages([path]):
        if isinstance(item, Page):
            pages += 1
        else:
            rejects += 1
    seconds = time.perf_counter() - t0
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "rejects": rejects, "seconds": seconds, "peak_rss_mib": rss_mib}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=3.0, help="size of the generated WARC in GB (10^9 bytes)")
    ap.add_argument("--warc-gz", action="store_true", help="one gzip member per record, as Common Crawl")
    ap.add_argument("--gzip-share", type=float, default=0.2, help="share of records with a gzip HTTP body")
    ap.add_argument("--read", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.read:
        read(args.read)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.warc.gz" if args.warc_gz else "big.warc")
        t0 = time.perf_counter()
        records = generate(path, int(args.gb * 1e9), args.warc_gz, args.gzip_share)
        size = os.path.getsize(path)
        print(f"generated {records} records, {size / 1e9:.2f} GB in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--read", path],
                             capture_output=True, text=True, check=True)
    fig = json.loads(out.stdout.strip().splitlines()[-1])
    ok = fig["peak_rss_mib"] < MAX_RSS_MIB and fig["pages"] == records
    fmt = "warc.gz" if args.warc_gz else "warc"
    print(f"| {datetime.date.today()} | `bench/warc_stream.py --gb {args.gb:g}{' --warc-gz' if args.warc_gz else ''}` "
          f"| {size / 1e9:.2f} GB {fmt}, {records} records ({args.gzip_share:.0%} gzip bodies) "
          f"| {fig['pages']} pages, {fig['rejects']} rejects | {fig['seconds']:.0f} s "
          f"| {fig['pages'] / fig['seconds']:.0f} pages/s, {size / 1e6 / fig['seconds']:.0f} MB/s "
          f"| peak RSS {fig['peak_rss_mib']:.0f} MiB |")
    if not ok:
        sys.exit(f"FAILED: peak RSS {fig['peak_rss_mib']:.0f} MiB (bound {MAX_RSS_MIB}), "
                 f"{fig['pages']} pages of {records} records")


if __name__ == "__main__":
    main()
