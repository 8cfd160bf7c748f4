"""Issue 11: scraped text stays data in every output, and the read commands fail in one line.

A small store is built from hostile pages (a title that is a spreadsheet formula, ESC
sequences and bidi overrides in a title, a quote, an outlet and a file name); every
output of it is checked: CSV (no formula), terminal text (no control character), JSON
lines (exact and parseable), the HTML report (bidi isolated) and the Markdown report
(no link, no markup). Then foreign, empty and locked stores, exit codes, Ctrl-C and
--page-timeout.
"""
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from pages import PARAGRAPHS, TITLE, news_html

EXE = os.path.join(os.path.dirname(sys.executable), "storyline")

ESC_TITLE = "Talks in Riyadh \x1b]0;pwned\x07\x1b[2J\u202eevil\u202c end"
ESC_QUOTE = "\"We \x1b[31mnot\x1b[0m only listened"
FORMULA_TITLE = '=HYPERLINK("http://evil","x")'
EVIL_OUTLET = "\x1b[2JThe Evil Post"
EVIL_FILE = "scan\x1b]0;pwned\x07.pdf"
# what a terminal acts on instead of showing: ESC, BEL, CSI (8-bit), RLO and the other bidi controls
TERMINAL_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def run(*args, cwd=None, env=None):
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    pages = d / "pages"
    pages.mkdir()
    paras = list(PARAGRAPHS[:5])
    paras[2] = paras[2].replace("\"We not only listened", ESC_QUOTE)
    (pages / "esc.html").write_text(news_html(ESC_TITLE, paras, published="2025-02-18"))
    later = list(PARAGRAPHS[3:8])
    later[0] = "@" + later[0]
    (pages / "formula.html").write_text(news_html(FORMULA_TITLE, later, published="2025-02-19",
                                                  site="The Frontier Post"))
    (pages / "feed.jsonl").write_text(json.dumps({
        "text": "\n".join(PARAGRAPHS[1:6]), "url": "https://evil.example/x", "outlet": EVIL_OUTLET,
        "published": "2025-02-19", "title": "+\u202eTitle"}) + "\n")
    (pages / EVIL_FILE).write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 4)
    store = d / "store.duckdb"
    res = run("build", pages, "--store", store, "--workers", 1, "--quiet")
    assert res.returncode == 0, res.stderr
    return d, pages, store


def _no_active(text: str) -> None:
    found = TERMINAL_ACTIVE.findall(text)
    assert not found, sorted(set(found))


# ---------------------------------------------------------------------------- 1. CSV formulas

def test_csv_cells_that_start_a_formula_get_a_quote_and_jsonl_keeps_the_text(hostile):
    _d, _pages, store = hostile
    res = run("export", "--store", store, "--format", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    titles = {r["title"] for r in rows}
    assert "'" + FORMULA_TITLE in titles and FORMULA_TITLE not in titles
    assert "'+\u202eTitle" in titles
    texts = [r["text"] for r in rows]
    assert any(t.startswith("'@Kremlin aide") for t in texts), [t[:20] for t in texts]
    exact = [json.loads(x) for x in run("export", "--store", store).stdout.splitlines()]
    assert FORMULA_TITLE in {r["title"] for r in exact}
    assert any(r["text"].startswith("@Kremlin aide") for r in exact)


@pytest.mark.parametrize("what", ["articles", "entities", "quotes", "events", "stories", "contradictions",
                                  "rejects"])
def test_no_csv_export_has_a_cell_a_spreadsheet_would_run(hostile, what):
    _d, _pages, store = hostile
    res = run("export", "--store", store, "--what", what, "--format", "csv")
    assert res.returncode == 0, res.stderr
    for row in csv.reader(io.StringIO(res.stdout)):
        assert not [c for c in row if c.startswith(FORMULA_START)], row


def test_csv_neutraliser_touches_only_string_cells_that_start_a_formula():
    import pyarrow as pa

    from storyline.safe_text import csv_neutralised as _csv_neutralised

    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", "", None, "'=x"]
    t = _csv_neutralised(pa.table({"s": cells, "n": list(range(len(cells)))}))
    assert t.column("s").to_pylist() == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "a=b", "", None,
                                         "'=x"]
    assert t.column("n").to_pylist() == list(range(len(cells)))


# ---------------------------------------------------------------------------- 2. terminal text

def test_show_quotes_timeline_who_print_no_control_characters(hostile):
    _d, pages, store = hostile
    show = run("show", pages / "esc.html", "--store", store)
    assert show.returncode == 0, show.stderr
    _no_active(show.stdout)
    assert "Talks in Riyadh \u241b]0;pwned\u2407\u241b[2J" in show.stdout  # ESC made visible, not dropped silently
    assert len(show.stdout.split("\n\n", 1)[1].splitlines()) == 5  # the article's paragraphs keep their lines
    for args in (["quotes"], ["timeline"], ["who", "Lavrov"], ["quotes", "--via", "Evil"]):
        res = run(*args, "--store", store)
        assert res.returncode == 0, (args, res.stderr)
        _no_active(res.stdout)
        _no_active(res.stderr)
    quotes = run("quotes", "--store", store).stdout
    assert "We \u241b[31mnot\u241b[0m only listened" in quotes


def test_jsonl_outputs_stay_exact_and_print_nothing_a_terminal_acts_on(hostile):
    _d, _pages, store = hostile
    for args in (["quotes", "--format", "jsonl"], ["timeline", "--format", "jsonl"], ["export"],
                 ["export", "--what", "entities"], ["export", "--what", "rejects"]):
        res = run(*args, "--store", store)
        assert res.returncode == 0, (args, res.stderr)
        _no_active(res.stdout)
        rows = [json.loads(x) for x in res.stdout.splitlines()]
        assert rows, args
    quotes = [json.loads(x) for x in run("quotes", "--format", "jsonl", "--store", store).stdout.splitlines()]
    assert any("\x1b[31mnot\x1b[0m" in q["text"] for q in quotes)  # the exact text, once parsed
    arts = [json.loads(x) for x in run("export", "--store", store).stdout.splitlines()]
    assert ESC_TITLE in {a["title"] for a in arts} and EVIL_OUTLET in {a["outlet"] for a in arts}


def test_extract_txt_and_reject_messages_print_no_control_characters(hostile, tmp_path):
    _d, pages, _store = hostile
    res = run("extract", pages / "esc.html", pages / EVIL_FILE, "--workers", 1, "--format", "txt", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    _no_active(res.stdout)
    _no_active(res.stderr)
    assert "scan\u241b]0;pwned\u2407.pdf" in res.stderr and "binary" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_terminal_helper_leaves_only_printable_text():
    from storyline.safe_text import json_line as _json_line
    from storyline.safe_text import terminal as _term

    every = "".join(map(chr, range(0xA0))) + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ud800 ok"
    line, block = _term(every), _term(every, layout=True)
    _no_active(line)
    _no_active(block.replace("\n", "").replace("\t", ""))
    assert "\n" not in line and "\t" not in line and "\ud800" not in line
    assert "\n" in block and "\t" in block and "\r" not in block
    assert _term("a\x1bb") == "a\u241bb"
    value = {"t": every}
    assert json.loads(_json_line(value)) == value and "\n" not in _json_line(value)[:-1]
    _no_active(_json_line(value))
    _json_line(value).encode("utf-8")  # a lone surrogate is escaped, not written raw


# ---------------------------------------------------------------------------- 3. bidi in the report

class _Isolation(HTMLParser):
    """Where the page puts text carrying bidi controls: for each such text, the open elements."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[tuple[str, list]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br", "circle", "rect", "line", "path", "link", "img"):
            self.stack.append((tag, dict(attrs).get("class") or ""))
        for _, value in attrs:
            if value and BIDI.search(value):
                self.found.append(("attribute", [tag]))

    def handle_endtag(self, tag):
        while self.stack and self.stack[-1][0] != tag:
            self.stack.pop()
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if BIDI.search(data):
            self.found.append((data, list(self.stack)))

    @staticmethod
    def isolated(stack) -> bool:
        return bool(stack) and (stack[-1][0] == "bdi" or any(c == "atext" for t, c in stack))


def _bidi_dossier(evil: str) -> dict:
    text = f"Lavrov said {evil} the talks were useful."
    src = {"article_id": "a1", "outlet": evil, "published": "2025-02-18", "url": "https://x.example/a",
           "start": 0, "end": 6}
    return {
        "store": evil, "story": {"id": "s1", "title": evil, "summary": evil, "start": "2025-02-18",
                                 "end": "2025-02-18", "article_count": 1},
        "timeline": [{"date": "2025-02-18", "kind": "event", "type": "CONSULT", "text": evil, "actors": [evil],
                      "speaker": evil, "sources": [src], "independent_sources": 1, "outlets": [evil]}],
        "undated": [{"kind": "quote", "text": evil, "speaker": evil, "sources": [src]}],
        "people": [{"id": "E1", "name": evil, "type": "PERSON", "roles": [{"role": evil, "first_seen": evil}],
                    "quotes": [{"id": "Q1", "text": evil, "kind": "direct", "cue": evil, "via": [evil],
                                "sources": [src]}]}],
        "sources": [{"article_id": "a1", "outlet": evil, "title": evil, "url": "https://x.example/a",
                     "published": "2025-02-18", "syndicated_from": evil, "text": text}],
        "contradictions": [{"kind": "date", "description": evil, "a": dict(src, text=evil),
                            "b": dict(src, text=evil)}],
    }


@pytest.mark.parametrize("evil", [
    "\u202eexe.gnp",                 # RLO, never closed
    "\u2069\u202eexe.gnp",           # a stray PDI first: would end the <bdi>'s isolate early
    "a\u2067b\u202bc\u2069d\u202c",  # an isolate holding an embedding, and a PDF with nothing to close
])
def test_every_scraped_string_with_bidi_controls_is_isolated(evil):
    from storyline.serve.report import render_html

    page = render_html(_bidi_dossier(evil))
    found = _Isolation(page).found
    assert found, "the data's controls are kept in the page text"
    loose = [(d, s[-3:]) for d, s in found if not _Isolation.isolated(s)]
    assert not loose, loose
    head_title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert not BIDI.search(head_title)
    for body in re.findall(r"<bdi>(.*?)</bdi>", page):
        _assert_balanced(html.unescape(body))


def _assert_balanced(text: str) -> None:
    stack = []
    for ch in BIDI.findall(text):
        if ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            stack.append(ch)
        elif ch == "\u202c":
            assert stack and stack.pop() not in "\u2066\u2067\u2068", text
        else:
            while stack and stack[-1] not in "\u2066\u2067\u2068":
                stack.pop()
            assert stack and stack.pop(), text
    assert not stack, text


def test_report_of_the_hostile_store_isolates_its_titles(hostile, tmp_path):
    _d, _pages, store = hostile
    out = tmp_path / "r.html"
    res = run("report", "--store", store, "--out", out)
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "\x1b" not in page
    found = _Isolation(page).found
    assert any("evil" in d for d, _ in found)
    assert all(_Isolation.isolated(s) for _, s in found)


def test_markdown_report_keeps_links_and_markup_from_scraped_text_inert():
    mdit = pytest.importorskip("markdown_it")
    from storyline.serve.report import render_html, render_markdown

    evil = ("[click me](javascript:alert(1)) ![x](http://e.example/p.png) <img src=x onerror=alert(1)> "
            "<a href='javascript:alert(1)'>a</a> **bold** [ref] \u202eevil")
    d = _bidi_dossier(evil)
    d["sources"][0]["text"] = "intro\n\n[ref]: javascript:alert(1)\n\n" + evil
    rendered = mdit.MarkdownIt("commonmark").render(render_markdown(d))
    assert "<img" not in rendered and "<strong>bold</strong>" not in rendered
    links = re.findall(r"<a\b[^>]*>", rendered)
    assert links and all(re.fullmatch(r'<a href="https?://[^"]*">', a) for a in links), links
    page = render_html(d)
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith("#") or re.match(r"https?://", href), href


# ---------------------------------------------------------------------------- 4. broken stores

READ_COMMANDS = [["export"], ["export", "--format", "csv"], ["report", "--out", "__OUT__"], ["who", "Lavrov"],
                 ["show", "abc"], ["quotes"], ["timeline"]]


@pytest.fixture(scope="module")
def broken_stores(tmp_path_factory, hostile):
    import duckdb

    from storyline.store import Store

    d = tmp_path_factory.mktemp("broken")
    (d / "notes.duckdb").write_text("These are my notes, not a database.\n" * 50)
    (d / "empty.duckdb").write_bytes(b"")
    con = duckdb.connect(str(d / "foreign.duckdb"))
    con.execute("CREATE TABLE invoices (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.close()
    with Store(str(d / "damaged.duckdb")):
        pass
    con = duckdb.connect(str(d / "damaged.duckdb"))  # a storyline store that lost tables
    for table in ("articles", "quotes", "entities", "stories", "events"):
        con.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    con.close()
    shutil.copy(hostile[2], d / "locked.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "print('open', flush=True)\n"
        "time.sleep(600)\n"), str(d / "locked.duckdb")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    yield d
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("kind", ["notes", "empty", "foreign", "damaged", "locked"])
@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: "-".join(a[:3]))
def test_read_commands_on_a_broken_store_print_one_line_and_exit_2(broken_stores, tmp_path, kind, args):
    store = broken_stores / f"{kind}.duckdb"
    res = run(*[str(tmp_path / "r.html") if a == "__OUT__" else a for a in args], "--store", store)
    assert res.returncode == 2, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storyline: error:"), res.stderr
    assert not res.stdout


def test_build_into_a_locked_or_foreign_store_prints_one_line(broken_stores, hostile):
    _d, pages, _store = hostile
    for kind in ("locked", "foreign"):
        res = run("build", pages / "formula.html", "--store", broken_stores / f"{kind}.duckdb", "--workers", 1)
        assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1 and res.stderr.startswith("storyline: error:")


def _main(monkeypatch, *args) -> int:
    from storyline import cli

    monkeypatch.setattr(sys, "argv", ["storyline", *map(str, args)])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    return exit_.value.code


def test_an_unexpected_exception_is_one_line_unless_debugging(monkeypatch, capsys, hostile):
    import storyline.serve.timeline as tl

    def broken(*_a, **_k):
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr(tl, "find_entity", broken)
    monkeypatch.delenv("STORYLINE_DEBUG", raising=False)
    assert _main(monkeypatch, "who", "Lavrov", "--store", hostile[2]) == 1
    err = capsys.readouterr().err
    assert err == "storyline: error: internal error: ValueError: boom (please report)\n"
    monkeypatch.setenv("STORYLINE_DEBUG", "1")
    monkeypatch.setattr(sys, "argv", ["storyline", "who", "Lavrov", "--store", str(hostile[2])])
    from storyline import cli

    with pytest.raises(ValueError):
        cli.main()


# ---------------------------------------------------------------------------- 5. exit codes

MENU_PAGE = ('<html><head><title>World</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a>'
             "</nav><p>Subscribe to our newsletter.</p></body></html>")
DEEP_PAGE = "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>"


def _rejected_pages(folder):
    """Pages that are read, then rejected by the cleaner (plus two the reader rejects)."""
    folder.mkdir()
    (folder / "menu.html").write_text(MENU_PAGE)
    (folder / "deep.html").write_text(DEEP_PAGE)
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "b.txt").write_text("")
    return folder


def test_a_build_where_every_page_is_rejected_exits_3(tmp_path):
    pages = _rejected_pages(tmp_path / "pages")
    store = tmp_path / "s.duckdb"
    res = run("build", pages, "--store", store, "--workers", 1)
    assert res.returncode == 3, (res.stdout, res.stderr)
    for reason in ("no_article_text", "too_deep", "binary", "empty"):
        assert reason in res.stdout, reason
    # one error line; a build slower than the progress interval (a loaded machine) may
    # also print its plain progress lines before it
    *progress, last = res.stderr.splitlines()
    assert last == "storyline: error: nothing could be built: every page read was rejected"
    assert all(line.startswith("storyline: ") and "error" not in line for line in progress), res.stderr
    again = run("build", pages, "--store", store, "--workers", 1)  # still no article in the store
    assert again.returncode == 3, again.stdout
    ext = run("extract", pages / "menu.html", pages / "deep.html", pages / "a.png", "--workers", 1, cwd=tmp_path)
    assert ext.returncode == 3 and not ext.stdout
    assert ext.stderr.strip().splitlines()[-1] == ("storyline: error: no article could be extracted: "
                                                   "every page read was rejected")


def test_a_rebuild_with_everything_already_stored_exits_0(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(news_html(TITLE, PARAGRAPHS[:4], published="2025-02-18"))
    store = tmp_path / "s.duckdb"
    assert run("build", pages, "--store", store, "--workers", 1).returncode == 0
    again = run("build", pages, "--store", store, "--workers", 1)
    assert again.returncode == 0, again.stderr
    assert "new articles:      0" in again.stdout and "duplicates skipped: 1" in again.stdout
    # the store has articles: a run whose pages are all rejected is no failure to build
    junk = _rejected_pages(tmp_path / "junk")
    assert run("build", junk, "--store", store, "--workers", 1).returncode == 0


# ---------------------------------------------------------------------------- 6. Ctrl-C, 7. --page-timeout

def _interrupted_class():
    import storyline.pipeline as pipeline

    existing = getattr(pipeline, "BuildInterrupted", None)
    if existing is not None:
        return existing

    class BuildInterrupted(Exception):
        def __init__(self, summary):
            super().__init__("build interrupted")
            self.summary = summary

    return BuildInterrupted


def test_ctrl_c_during_build_keeps_the_finished_pages_and_exits_130(monkeypatch, capsys, tmp_path):
    import storyline.pipeline as pipeline

    interrupted = _interrupted_class()
    monkeypatch.setattr(pipeline, "BuildInterrupted", interrupted, raising=False)

    def stopped_build(inputs, store_path, **_kw):
        summary = pipeline.BuildSummary(pages_read=3, new_pages=3, articles=2)
        summary.rejects["binary"] += 1
        raise interrupted(summary)

    monkeypatch.setattr(pipeline, "build", stopped_build)
    assert _main(monkeypatch, "build", tmp_path, "--store", tmp_path / "s.duckdb", "--quiet") == 130
    out, err = capsys.readouterr()
    assert "new articles:      2" in out and "binary" in out
    assert err == "storyline: interrupted: 2 articles kept; run the same build again to finish\n"


@pytest.mark.parametrize("flag, expected", [([], 60.0), (["--page-timeout", "5"], 5.0),
                                            (["--page-timeout", "0"], None)])
def test_page_timeout_reaches_the_pipeline(monkeypatch, capsys, tmp_path, flag, expected):
    import inspect

    import storyline.pipeline as pipeline
    from storyline import cli

    seen = {}

    def fake_build(inputs, store_path, **kw):
        seen["build"] = kw["page_timeout"]
        return pipeline.BuildSummary(pages_read=1, new_pages=1, articles=1)

    def fake_extract(inputs, **kw):
        seen["extract"] = kw["page_timeout"]
        return iter(())

    monkeypatch.setattr(pipeline, "build", fake_build)
    monkeypatch.setattr(pipeline, "extract", fake_extract)
    assert _main(monkeypatch, "build", tmp_path, "--store", tmp_path / "s.duckdb", "--quiet", *flag) == 0
    assert _main(monkeypatch, "extract", tmp_path, *flag) == 3  # nothing read
    assert seen == {"build": expected, "extract": expected}
    capsys.readouterr()
    monkeypatch.undo()
    assert inspect.signature(pipeline.build).parameters["page_timeout"].default == cli.DEFAULT_PAGE_TIMEOUT


def test_a_negative_page_timeout_is_a_user_error(tmp_path):
    res = run("build", tmp_path, "--store", tmp_path / "s.duckdb", "--page-timeout", "-1")
    assert res.returncode == 2 and res.stderr.startswith("storyline: error: --page-timeout")
