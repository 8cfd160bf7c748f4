"""Build examples/warc/crawl.warc.gz: a tiny, deterministic WARC 1.0 sample.

Layout mirrors a Common Crawl file: every record is its own gzip member.
Records: warcinfo, then request + response for two pages, then one
``conversion`` record (WET-style extracted plain text) for the first page.

Pure standard library; dates and record ids are fixed, and gzip members are
written with mtime=0, so re-running produces byte-identical output.

    python examples/make_warc.py [output_path]
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import sys
import uuid
from pathlib import Path

NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-4e55-9a10-2f4d8c0b7e31")
OUT_DEFAULT = Path(__file__).resolve().parent / "warc" / "crawl.warc.gz"


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, name)}>"


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(warc_type: str, headers: list[tuple[str, str]], block: bytes) -> bytes:
    lines = ["WARC/1.0", f"WARC-Type: {warc_type}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {len(block)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def gz_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


PAGE_1_URL = "https://dailymeridian.example/world/2025/02/12/trump-putin-call"
PAGE_1_DATE = "2025-02-20T06:14:31Z"
PAGE_1_TITLE = "Trump and Putin agree to start negotiations after 90-minute phone call"
PAGE_1_PARAS = [
    "President Donald Trump and President Vladimir Putin spoke by telephone on Wednesday for about an hour and a half and agreed that their teams would begin negotiations \"immediately\" on ending the war in Ukraine, according to statements from both sides.",
    "Kremlin spokesman Dmitry Peskov said the two leaders had agreed to stay in contact and that Putin had invited Trump to visit Moscow. \"The presidents agreed that it was time for our countries to work together,\" Peskov told reporters.",
    "Trump said he had asked Secretary of State Marco Rubio, CIA director John Ratcliffe, national security adviser Mike Waltz and special envoy Steve Witkoff to lead the talks. \"We both reflected on the great history of our nations,\" he wrote on social media.",
    "Yuri Ushakov, Putin's foreign policy aide, said the call had been \"businesslike\" and that the question of a meeting in person had been raised, possibly in Saudi Arabia. No date was discussed, he said.",
    "Foreign Minister Sergei Lavrov, speaking later in the day, cautioned that a ceasefire was not on the immediate agenda. \"A pause alone solves nothing,\" he said.",
]

PAGE_2_URL = "https://newsline-europe.example/en/2025/02/19/peskov-riyadh-outcome"
PAGE_2_DATE = "2025-02-20T06:15:02Z"
PAGE_2_TITLE = "Kremlin calls Riyadh talks 'positive' but says summit date not set"
PAGE_2_PARAS = [
    "The Kremlin on Wednesday described the outcome of Tuesday's meeting between Russian and American officials in Riyadh as positive, while saying it was too early to set a date for a summit between the two presidents.",
    "\"Overall the results can be assessed positively,\" Kremlin spokesman Dmitry Peskov said. \"The sides agreed to continue working, first of all on restoring the normal functioning of the embassies.\"",
    "Peskov said any discussion of a ceasefire in Ukraine was premature. \"First we need to understand on what conditions. For now we are talking only about the beginning of a dialogue,\" he said.",
    "Foreign Minister Sergei Lavrov and Secretary of State Marco Rubio led the two delegations. The special envoy Steve Witkoff and the Kremlin aide Yuri Ushakov also took part.",
]


def page_html(site: str, title: str, paras: list[str], published: str) -> str:
    body = "\n".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/login">Log in</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By Staff Reporter</p>
{body}
</article>
<aside><h2>Related articles</h2><ul>
<li><a href="/world/2025/02/18/riyadh-talks">US and Russian officials agree to restore embassies after Riyadh talks</a></li>
<li><a href="/world/2025/02/17/europe-leaders-paris">European leaders meet in Paris as US shifts course</a></li>
</ul></aside>
<footer><a href="/about">About</a> | <a href="/privacy">Privacy</a> | &copy; 2025 {site}</footer>
</body>
</html>
"""


def http_request(url: str) -> bytes:
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return (
        f"GET /{path} HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "User-Agent: storyline-example-crawler/0.1 (+https://storyline.example/bot)\r\n"
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
        "Accept-Language: en-US,en;q=0.5\r\n"
        "Accept-Encoding: identity\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")


def http_response(body: bytes, http_date: str) -> bytes:
    return (
        "HTTP/1.1 200 OK\r\n"
        f"Date: {http_date}\r\n"
        "Server: nginx\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: max-age=300\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii") + body


def build() -> bytes:
    out = []
    info = (
        "software: storyline examples/make_warc.py (stdlib)\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "isPartOf: storyline-example-crawl-2025-02\r\n"
        "description: Two news pages about US-Russia contacts, February 2025\r\n"
        "robots: obey\r\n"
    ).encode("utf-8")
    out.append(warc_record("warcinfo", [
        ("WARC-Date", "2025-02-20T06:14:00Z"),
        ("WARC-Filename", "crawl.warc.gz"),
        ("WARC-Record-ID", record_id("warcinfo")),
        ("Content-Type", "application/warc-fields"),
    ], info))

    pages = [
        (PAGE_1_URL, PAGE_1_DATE, "Thu, 20 Feb 2025 06:14:31 GMT", "The Daily Meridian",
         PAGE_1_TITLE, PAGE_1_PARAS, "2025-02-12T19:20:00+00:00", "203.0.113.10"),
        (PAGE_2_URL, PAGE_2_DATE, "Thu, 20 Feb 2025 06:15:02 GMT", "Newsline Europe",
         PAGE_2_TITLE, PAGE_2_PARAS, "2025-02-19T11:02:00+01:00", "198.51.100.27"),
    ]
    for url, wdate, hdate, site, title, paras, published, ip in pages:
        req = http_request(url)
        body = page_html(site, title, paras, published).encode("utf-8")
        resp = http_response(body, hdate)
        req_id, resp_id = record_id("request:" + url), record_id("response:" + url)
        out.append(warc_record("request", [
            ("WARC-Date", wdate),
            ("WARC-Record-ID", req_id),
            ("WARC-Target-URI", url),
            ("WARC-IP-Address", ip),
            ("WARC-Concurrent-To", resp_id),
            ("WARC-Warcinfo-ID", record_id("warcinfo")),
            ("Content-Type", "application/http; msgtype=request"),
            ("WARC-Block-Digest", sha1_b32(req)),
        ], req))
        out.append(warc_record("response", [
            ("WARC-Date", wdate),
            ("WARC-Record-ID", resp_id),
            ("WARC-Target-URI", url),
            ("WARC-IP-Address", ip),
            ("WARC-Concurrent-To", req_id),
            ("WARC-Warcinfo-ID", record_id("warcinfo")),
            ("Content-Type", "application/http; msgtype=response"),
            ("WARC-Block-Digest", sha1_b32(resp)),
            ("WARC-Payload-Digest", sha1_b32(body)),
            ("WARC-Identified-Payload-Type", "text/html"),
        ], resp))

    # WET-style conversion of page 1
    text = "\n".join([f"{PAGE_1_TITLE} | The Daily Meridian",
                      "Home World Politics Business Log in",
                      PAGE_1_TITLE, "By Staff Reporter", *PAGE_1_PARAS,
                      "Related articles",
                      "US and Russian officials agree to restore embassies after Riyadh talks",
                      "European leaders meet in Paris as US shifts course",
                      "About | Privacy | © 2025 The Daily Meridian"]).encode("utf-8")
    out.append(warc_record("conversion", [
        ("WARC-Target-URI", PAGE_1_URL),
        ("WARC-Date", PAGE_1_DATE),
        ("WARC-Record-ID", record_id("conversion:" + PAGE_1_URL)),
        ("WARC-Refers-To", record_id("response:" + PAGE_1_URL)),
        ("WARC-Block-Digest", sha1_b32(text)),
        ("WARC-Identified-Content-Language", "eng"),
        ("Content-Type", "text/plain"),
    ], text))
    return b"".join(gz_member(r) for r in out)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else OUT_DEFAULT
    path.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    path.write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
