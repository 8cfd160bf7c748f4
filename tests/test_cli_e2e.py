"""End to end through the real console script: build a mixed folder with
rejects, export in every format, show, re-run idempotence, user errors."""
import csv
import gzip
import io
import json
import os
import subprocess
import sys

import pytest

from pages import PARAGRAPHS, TITLE, forum_repost_text, news_html, text_dump, warc_gz, wire_copy_html

EXE = os.path.join(os.path.dirname(sys.executable), "storyline")
FIELDS = ["id", "source", "url", "outlet", "title", "published", "published_source",
          "language", "author", "text", "syndicated_from"]
# fields added by later stages come after the original ones (a contract: add, never rename)
LINK_FIELDS = ["story_id", "duplicate_of", "origin_id", "published_inferred", "published_confidence",
               "published_evidence"]


def run(*args, cwd=None, input=None):
    return subprocess.run([EXE, *args], capture_output=True, text=True, cwd=cwd, input=input, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("mixed")
    pages = d / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "meridian.html").write_text(news_html(TITLE, PARAGRAPHS, published="2025-02-18"))
    (pages / "wire.html").write_text(wire_copy_html(PARAGRAPHS[:5]))
    (pages / "sub" / "forum.txt").write_text(forum_repost_text(PARAGRAPHS[:4]))
    (pages / "sub" / "dump.txt.gz").write_bytes(gzip.compress(text_dump(TITLE, PARAGRAPHS[2:7]).encode()))
    (pages / "feed.jsonl").write_text("\n".join([
        json.dumps({"text": TITLE + "\n" + "\n".join(PARAGRAPHS[:5]), "url": "https://frontier.example/x",
                    "outlet": "The Frontier Post", "published": "2025-02-19"}),
        "{broken json",
    ]) + "\n")
    (pages / "crawl.warc.gz").write_bytes(warc_gz([
        ("https://crawl.example/2025/02/20/talks", "2025-02-20T08:00:00Z", news_html("Talks resume", PARAGRAPHS[1:6]), "response")]))
    # rejects
    (pages / "scan.pdf").write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 4)
    (pages / "empty.txt").write_text("")
    (pages / "mojibake.txt").write_bytes(bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x01, 0x02, 0x03, 0x04, 0x05]) * 300)
    (pages / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>")
    full = gzip.compress(news_html("Cut", PARAGRAPHS).encode())
    (pages / "cut.html.gz").write_bytes(full[:400])
    manifest = d / "manifest.csv"
    manifest.write_text("path,url,outlet,published,title\n"
                        "pages/sub/forum.txt,,RussiaWatch Forum,2025-02-19,\n"
                        "pages/gone.html,,,,\n")
    store = d / "store.duckdb"
    first = run("build", str(pages), "--manifest", str(manifest), "--store", str(store), "--workers", "2")
    return d, pages, manifest, store, first


def _export(store, fmt="jsonl", what="articles", out=None):
    args = ["export", "--store", str(store), "--what", what, "--format", fmt]
    if out:
        args += ["--out", str(out)]
    return run(*args)


def test_build_summary_counts_articles_and_rejects(corpus):
    _d, _pages, _m, _store, first = corpus
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "new articles:      6" in out
    for reason in ("binary", "empty", "too_deep", "truncated_gzip", "bad_json", "missing_file", "undecodable"):
        assert reason in out, (reason, out)


def test_export_jsonl_schema_and_metadata(corpus):
    _d, _pages, _m, store, _ = corpus
    res = _export(store)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(rows) == 6
    assert all(list(r) == FIELDS + LINK_FIELDS for r in rows)
    by = {os.path.basename(r["source"].split("#")[0]): r for r in rows}
    m = by["meridian.html"]
    assert m["title"] == TITLE and m["published"] == "2025-02-18" and m["published_source"] == "html"
    assert m["outlet"] == "The Daily Meridian" and m["language"] == "en" and m["author"] == "Jane Roe"
    assert PARAGRAPHS[0][:60] in m["text"]
    assert "cookie" not in m["text"].lower()
    f = by["forum.txt"]
    assert f["outlet"] == "RussiaWatch Forum" and f["published_source"] == "manifest"
    assert f["syndicated_from"] == "The Daily Meridian"
    assert "Reply to this topic" not in f["text"]
    assert by["wire.html"]["syndicated_from"] == "ANI"
    w = by["crawl.warc.gz"]
    assert w["url"] == "https://crawl.example/2025/02/20/talks" and w["published_source"] == "warc"
    j = by["feed.jsonl"]
    assert j["outlet"] == "The Frontier Post" and j["published"] == "2025-02-19"


def test_export_csv_and_parquet(corpus, tmp_path):
    _d, _pages, _m, store, _ = corpus
    res = _export(store, "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 6 and list(rows[0]) == FIELDS + LINK_FIELDS
    out = tmp_path / "a.parquet"
    assert _export(store, "parquet", out=out).returncode == 0
    import pyarrow.parquet as pq

    t = pq.read_table(out)
    assert t.column_names == FIELDS + LINK_FIELDS and t.num_rows == 6


def test_rebuild_is_idempotent_and_incremental(corpus):
    d, pages, manifest, store, _ = corpus
    before = _export(store).stdout
    again = run("build", str(pages), "--manifest", str(manifest), "--store", str(store))
    assert again.returncode == 0
    assert "new articles:      0" in again.stdout and "duplicates skipped: 8" in again.stdout
    assert _export(store).stdout == before
    extra = d / "more"
    extra.mkdir()
    (extra / "new.html").write_text(news_html("Lavrov and Rubio speak by phone", PARAGRAPHS[3:8]))
    third = run("build", str(extra), "--store", str(store))
    assert "new articles:      1" in third.stdout
    assert len(_export(store).stdout.splitlines()) == 7


def test_show_by_source_and_id(corpus):
    _d, pages, _m, store, _ = corpus
    res = run("show", str(pages / "meridian.html"), "--store", str(store))
    assert res.returncode == 0 and TITLE in res.stdout and "published:" in res.stdout
    art_id = res.stdout.split()[1]
    assert run("show", art_id[:8], "--store", str(store)).returncode == 0


def test_extract_reads_stdin(tmp_path):
    res = run("extract", "-", "--workers", "1", input=news_html(TITLE, PARAGRAPHS[:3]), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    row = json.loads(res.stdout)
    assert row["source"] == "<stdin>" and row["title"] == TITLE and PARAGRAPHS[2][:50] in row["text"]


def test_extract_prints_jsonl_without_store(corpus, tmp_path):
    _d, pages, _m, _s, _ = corpus
    res = run("extract", str(pages / "meridian.html"), str(pages / "scan.pdf"), "--workers", "1", cwd=tmp_path)
    assert res.returncode == 0
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(rows) == 1 and list(rows[0]) == FIELDS
    assert "binary" in res.stderr
    assert not list(tmp_path.glob("*.duckdb"))


@pytest.mark.parametrize("args", [
    ["build", "/no/such/path"],
    ["build", "--no-such-flag", "x"],
    ["export", "--store", "/no/such/store.duckdb"],
    ["build", "x", "--store", "/no/such/dir/s.duckdb"],
    ["show", "zzzz-not-there", "--store", "__STORE__"],
])
def test_user_errors_print_one_line(corpus, args):
    store = str(corpus[3])
    res = run(*[store if a == "__STORE__" else a for a in args])
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and res.stderr.startswith("storyline: error:")


def test_nothing_readable_exits_3(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    res = run("build", str(tmp_path), "--store", str(tmp_path / "s.duckdb"))
    assert res.returncode == 3 and "binary" in res.stdout


def test_export_entities_and_quotes_and_who(corpus):
    _d, _pages, _m, store, _ = corpus
    ents = [json.loads(x) for x in _export(store, what="entities").stdout.splitlines()]
    assert ents and list(ents[0]) == ["id", "name", "type", "aliases", "wikidata", "roles", "article_ids", "mentions",
                                      "country"]
    rubio = next(e for e in ents if e["name"] == "Marco Rubio")
    assert rubio["wikidata"] == rubio["id"] and len(rubio["article_ids"]) >= 2
    assert all(r["date"] for r in rubio["roles"])
    quotes = [json.loads(x) for x in _export(store, what="quotes").stdout.splitlines()]
    assert quotes and list(quotes[0]) == ["id", "text", "kind", "speaker_id", "speaker", "cue", "via",
                                          "article_ids", "spans", "independent_sources", "outlets"]
    # the same words in the newspaper page and its forum repost are one quote record
    assert any(len(q["article_ids"]) >= 2 for q in quotes)
    # every span points at the quote (or the mention) in its article
    arts = {json.loads(x)["id"]: json.loads(x) for x in _export(store).stdout.splitlines()}
    assert rubio["mentions"] and all(arts[m["article_id"]]["text"][m["start"]:m["end"]] == m["text"]
                                     for m in rubio["mentions"])
    for q in quotes:
        for sp in q["spans"]:
            assert arts[sp["article_id"]]["text"][sp["start"]:sp["end"]].strip() == q["text"].strip()
    who = run("who", "Rubio", "--store", str(store))
    assert who.returncode == 0 and "Marco Rubio" in who.stdout and "quotes (" in who.stdout
    listed = run("quotes", "--speaker", "Rubio", "--store", str(store))
    assert listed.returncode == 0 and "Marco Rubio" in listed.stdout
    assert run("who", "Nobody Atall", "--store", str(store)).returncode == 2


def test_stories_duplicates_events_and_timeline(corpus):
    _d, _pages, _m, store, _ = corpus
    arts = {os.path.basename(a["source"].split("#")[0]): a
            for a in (json.loads(x) for x in _export(store).stdout.splitlines())}
    # the forum repost points at the newspaper's article; the ANI wire copy is its own origin
    assert arts["forum.txt"]["duplicate_of"] == arts["meridian.html"]["id"]
    assert arts["forum.txt"]["origin_id"] == arts["meridian.html"]["origin_id"]
    # one story: every English article about the Riyadh talks
    stories = [json.loads(x) for x in _export(store, what="stories").stdout.splitlines()]
    assert stories and list(stories[0]) == ["id", "title", "summary", "article_ids", "start", "end", "entity_ids"]
    big = max(stories, key=lambda s: len(s["article_ids"]))
    assert {arts[k]["id"] for k in ("meridian.html", "wire.html", "forum.txt")} <= set(big["article_ids"])
    assert all(arts[k]["story_id"] == big["id"] for k in ("meridian.html", "wire.html"))
    events = [json.loads(x) for x in _export(store, what="events").stdout.splitlines()]
    assert events and list(events[0])[:14] == ["id", "type", "mode", "date", "date_precision", "date_source",
                                               "modality", "source_actor_id", "target_actor_id", "actor_ids",
                                               "actors", "location", "sentence", "article_ids"]
    # a report carried by the paper and its forum copy is one event, and one independent source
    shared = [e for e in events if len(e["article_ids"]) >= 2]
    assert shared and all(e["independent_sources"] >= 1 for e in shared)
    assert any(e["independent_sources"] < len(e["article_ids"]) for e in shared)
    texts = {a["id"]: a["text"] for a in arts.values()}
    for e in events:
        for sp in e["spans"]:
            assert texts[sp["article_id"]][sp["start"]:sp["end"]] == e["sentence"] or \
                e["sentence"] in texts[sp["article_id"]]
    res = run("timeline", "--store", str(store), "--entity", "Rubio")
    assert res.returncode == 0, res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln[:4].isdigit()]
    dates = [ln[:10].strip() for ln in lines]
    assert lines and dates == sorted(dates)
    assert "sources:" in res.stdout
    res = run("timeline", "--store", str(store), "--from", "2025-02-19", "--format", "jsonl")
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and all(r["sort_date"] >= "2025-02-19" for r in rows)
    assert run("timeline", "--store", str(store), "--from", "19/02/2025").returncode == 2
    assert run("timeline", "--store", str(store), "--story", "s_nope").returncode == 2


def test_report_writes_a_self_contained_dossier(corpus, tmp_path):
    _d, _pages, _m, store, _ = corpus
    out = tmp_path / "dossier.html"
    res = run("report", "--store", str(store), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert str(out) in res.stdout
    page = out.read_text()
    for section in ("timeline", "people", "sources", "contradictions"):
        assert f'id="{section}"' in page
    assert "Marco Rubio" in page and "<svg" in page
    assert 'src="http' not in page and "<script" not in page.lower()
    md = tmp_path / "dossier.md"
    assert run("report", "--store", str(store), "--out", str(md)).returncode == 0
    assert md.read_text().startswith("#")
    assert run("report", "--store", str(store), "--out", str(tmp_path / "x.pdf")).returncode == 2


# --- the runtime the CLI sets up -------------------------------------------------------------

@pytest.mark.parametrize("user_value, expected", [(None, "1"), ("4", "4")])
def test_cli_keeps_blas_to_one_thread_unless_the_user_chose(user_value, expected):
    """OpenBLAS starts a spinning thread per core in every process that imports numpy; the
    CLI asks for one (a user's own setting wins), before numpy is imported."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if user_value is not None:
        env["OPENBLAS_NUM_THREADS"] = user_value
    probe = ("import sys, os, storyline.cli; assert 'numpy' not in sys.modules; "
             "print(os.environ['OPENBLAS_NUM_THREADS'])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected
