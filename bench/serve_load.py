"""Load on `storyline serve`, on loopback only and bounded in time (issue 13).

Starts `storyline serve` on a built store (a subprocess bound to 127.0.0.1 on a free
port), then runs N concurrent clients (threads with keep-alive connections) for S
seconds over a mix of the pages and API routes people use: the stories index, story
pages, search pages, entity and article pages, and JSON lists. Prints the latency
percentiles per kind and the errors (any non-200 or failed connection).

    .venv/bin/python bench/serve_load.py --store STORE [--clients 20] [--seconds 30]

A 2,000-article store of real news comes from the first 2,000 lines of the scale
corpus (../shared/benchmarks/scale, Reuters/Guardian/BBC mixed):

    zcat ../shared/benchmarks/scale/news-28k.jsonl.gz | head -2000 > /tmp/news-2000.jsonl
    .venv/bin/storyline build /tmp/news-2000.jsonl --store /tmp/store-2000.duckdb
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
EXE = os.path.join(os.path.dirname(sys.executable), "storyline")
# words people search news for; a mix of frequent and rare ones
WORDS = ["oil", "bank", "talks", "minister", "shares", "election", "dollar", "trade deal", "\"interest rates\"",
         "prices -oil", "government", "court", "football", "ukraine", "strike", "profit", "coffee", "inflation"]
# how the clients' requests are spread over the kinds of pages (weights)
MIX = [("index", 1), ("story", 4), ("search", 4), ("entity", 2), ("article", 2), ("api", 1)]
START_TIMEOUT = 300.0   # seconds for the server to read the store and build its search index


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    """Resident memory of the server process (Linux), MB."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def _targets(port: int) -> dict[str, list[str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    stories = json.loads(_get(conn, "/api/stories?limit=500")[1])["items"]
    entities = json.loads(_get(conn, "/api/entities?limit=500&type=PERSON")[1])["items"]
    entities += json.loads(_get(conn, "/api/entities?limit=200&type=ORG")[1])["items"]
    articles = json.loads(_get(conn, "/api/articles?limit=500")[1])["items"]
    conn.close()
    return {
        "index": ["/", "/?sort=sources", "/?sort=start"],
        "story": [f"/story/{s['id']}" for s in stories] or ["/"],
        "search": [f"/search?q={quote(w)}" for w in WORDS] + [f"/search?q={quote(w)}&date_from=1987-03-01"
                                                              for w in WORDS[:6]],
        "entity": [f"/entity/{e['id']}" for e in entities] or ["/"],
        "article": [f"/article/{a['id']}" for a in articles] or ["/"],
        "api": ["/api/stories", "/api/quotes?limit=50", "/api/events?limit=50", "/api/search?q=oil",
                "/api/articles?limit=20"],
    }


def run(store: str, clients: int, seconds: float, seed: int = 13) -> dict:
    port = _free_port()
    env = dict(os.environ)
    env.pop("STORYLINE_TOKEN", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen([EXE, "serve", "--store", store, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > START_TIMEOUT:
                    raise SystemExit(f"server did not start: {proc.stdout.read().decode()[-2000:]}")
                time.sleep(0.2)
        startup = time.perf_counter() - t0
        targets = _targets(port)
        lat: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.perf_counter() + seconds
        kinds = [k for k, w in MIX for _ in range(w)]

        def client(i: int) -> None:
            rng = random.Random(seed * 1000 + i)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while time.perf_counter() < stop:
                kind = rng.choice(kinds)
                path = rng.choice(targets[kind])
                t = time.perf_counter()
                try:
                    status, _body = _get(conn, path)
                except (OSError, http.client.HTTPException) as exc:
                    status = f"{type(exc).__name__}"
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                dt = time.perf_counter() - t
                with lock:
                    lat[kind].append(dt)
                    if status != 200:
                        errors.append(f"{status} {path}")
            conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss_mb = _rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

    def pct(xs: list[float], p: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000 if xs else float("nan")

    rows = {k: {"n": len(v), "p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99), "max": max(v) * 1000}
            for k, v in sorted(lat.items())}
    total = sum(len(v) for v in lat.values())
    return {"rss_mb": rss_mb, "startup_s": startup, "requests": total, "rps": total / seconds, "errors": errors, "kinds": rows,
            "all": {"p50": pct([x for v in lat.values() for x in v], 50),
                    "p95": pct([x for v in lat.values() for x in v], 95)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()
    import duckdb

    con = duckdb.connect(args.store, read_only=True)
    n_art, n_st = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "stories"))
    con.close()
    r = run(args.store, args.clients, args.seconds)
    print(f"# bench/serve_load.py --clients {args.clients} --seconds {args.seconds:g}; store: {n_art} articles, "
          f"{n_st} stories; server start (read + index) {r['startup_s']:.1f} s, server RSS {r['rss_mb']:.0f} MB")
    print(f"requests: {r['requests']} ({r['rps']:.1f}/s), errors: {len(r['errors'])}")
    print("| kind | requests | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for k, v in r["kinds"].items():
        print(f"| {k} | {v['n']} | {v['p50']:.0f} | {v['p95']:.0f} | {v['p99']:.0f} | {v['max']:.0f} |")
    print(f"| all | {r['requests']} | {r['all']['p50']:.0f} | {r['all']['p95']:.0f} | | |")
    for e in r["errors"][:10]:
        print("error:", e)


if __name__ == "__main__":
    main()
