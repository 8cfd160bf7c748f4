"""Command-line interface: thin typer commands over ``storyline.pipeline`` and the store.

User errors print one line on stderr ("storyline: error: ...") and exit 2;
a build or extract that produced no article exits 3; an unexpected exception
prints one line and exits 1 (STORYLINE_DEBUG=1 shows the traceback).

Everything printed comes from scraped pages and is untrusted: terminal text goes
through ``safe_text.terminal`` (no escape sequences, no bidi overrides), JSON lines through
``json_line`` and CSV cells through ``csv_neutralised`` (no spreadsheet formulas).
"""
from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from enum import Enum
from typing import List, Optional

# One BLAS thread per process, unless the user set it: storyline's numpy work is small
# vectors (language identification, the linear models), which OpenBLAS's threads cannot
# speed up, but at import it starts one per core and they spin; with --workers N, in every
# worker. Read when numpy is first imported (through trafilatura or spaCy), so set here,
# before any command runs. `storyline extract`: CPU -7%, wall -3% (docs/benchmarks.md §16).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer

try:  # typer >= 0.22 vendors click; its exceptions live there
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc

from .safe_text import csv_neutralised, json_line, terminal

EXIT_INTERNAL = 1        # an unexpected exception: a bug to report
EXIT_USAGE = 2
EXIT_NOTHING_BUILT = 3   # no article came out of the inputs (all unreadable or rejected)
EXIT_INTERRUPTED = 130   # 128 + SIGINT, what shells report for a Ctrl-C
DEBUG_ENV = "STORYLINE_DEBUG"  # =1: re-raise unexpected exceptions with their traceback

# pipeline.DEFAULT_PAGE_TIMEOUT (a page normally takes well under a second; a minute
# only stops the ones that would stall a build), repeated so `--help` imports no pipeline
DEFAULT_PAGE_TIMEOUT = 60.0

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="storyline: turn a pile of messy news pages into the story they tell.",
)


class UserError(Exception):
    """Raised for mistakes the user can fix; printed as one line."""


class ExportWhat(str, Enum):
    articles = "articles"
    entities = "entities"
    quotes = "quotes"
    events = "events"
    stories = "stories"
    contradictions = "contradictions"
    rejects = "rejects"
    storylines = "storylines"
    timexes = "timexes"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    txt = "txt"


DEFAULT_STORE = "storyline.duckdb"


def _echo(text: str) -> None:
    """Print terminal text on stdout; its own line breaks are kept."""
    print(terminal(text, layout=True))


def _err(msg: str) -> None:
    """One line on stderr, whatever the message carries."""
    print(f"storyline: {terminal(msg)}", file=sys.stderr)


class _Progress:
    """The build's progress: on a terminal a rich bar over the input bytes with an ETA,
    then the corpus stage's steps; otherwise a plain line every few seconds and one
    per corpus step."""

    LOG_EVERY = 5.0          # seconds between plain progress lines (logs, CI)

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.stage = "pages"
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import (BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(), TextColumn("eta"),
                                TimeRemainingColumn(), transient=True)
            self.task = self.bar.add_task("reading pages", total=None)
            self.bar.start()

    def __call__(self, s) -> None:
        if s.stage != self.stage:
            self.stage = s.stage
            self._stage_changed()
            return
        now = time.perf_counter()
        if self.stage != "pages" or now - self.last < (0.1 if self.bar is not None else self.LOG_EVERY):
            return
        self.last = now
        rate = s.pages_read / max(now - self.t0, 1e-9)
        counts = f"{s.pages_read} pages · {s.articles} articles · {s.rejected} rejected · {rate:.0f} pages/s"
        if self.bar is not None:
            self.bar.update(self.task, description=counts, total=s.inputs.total or None, completed=s.inputs.read)
        else:
            share = s.inputs.read / s.inputs.total if s.inputs.total else 0.0
            eta = (now - self.t0) * (1 - share) / share if share > 0 else None
            print(f"storyline: {counts}, {100 * share:.0f}% of the input read"
                  + (f", about {eta:.0f} s to go" if eta is not None else ""), file=sys.stderr)

    def _stage_changed(self) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=self.stage, total=None, completed=0)
        elif time.perf_counter() - self.t0 >= self.LOG_EVERY:    # a quick build stays quiet
            print(f"storyline: {self.stage}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _check_store_writable(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UserError(f"cannot write store {path}: folder {folder} does not exist")
    if os.path.exists(path) and not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise UserError(f"cannot write store {path}: permission denied")


def _limits(max_mb: float):
    from .ingest import Limits

    return Limits(max_bytes=int(max_mb * 1024 * 1024))


def _page_timeout(seconds: float) -> float | None:
    """The pipeline's ``page_timeout=``: None when 0 (no limit)."""
    if seconds < 0:
        raise UserError(f"--page-timeout wants a number of seconds >= 0 (0: no limit), not {seconds:g}")
    return seconds or None


class _NeverRaised(Exception):
    """Stands in for ``pipeline.BuildInterrupted`` in a pipeline that does not raise it."""


def _build_interrupted() -> type[Exception]:
    from . import pipeline

    return getattr(pipeline, "BuildInterrupted", None) or _NeverRaised


_PAGE_TIMEOUT_HELP = (f"Give up on a page after this many seconds (rejected as a timeout; "
                      f"default {DEFAULT_PAGE_TIMEOUT:g}, 0: no limit).")


@app.command()
def build(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest", help="CSV/JSONL with path,url,outlet,published,title."),
    store: str = typer.Option(DEFAULT_STORE, "--store", help="DuckDB store file."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (default: all cores)."),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Reject pages larger than this many MB."),
    page_timeout: float = typer.Option(DEFAULT_PAGE_TIMEOUT, "--page-timeout", metavar="SECONDS",
                                       help=_PAGE_TIMEOUT_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, summary only."),
) -> None:
    """Ingest pages, extract clean articles and keep everything in the store.

    Exit 3 when nothing could be built (no article in the store after the run);
    on Ctrl-C the finished pages are kept, and exit 130."""
    from .ingest import InputError, ManifestError
    from .pipeline import build as run_build
    from .store import StoreError

    _check_store_writable(store)
    timeout = _page_timeout(page_timeout)
    interrupted = _build_interrupted()
    progress = None if quiet else _Progress()
    stopped = False
    try:
        summary = run_build(inputs, store, manifest=manifest, workers=workers or None,
                            limits=_limits(max_mb), on_progress=progress, page_timeout=timeout)
    except (InputError, ManifestError, StoreError) as exc:
        raise UserError(str(exc)) from None
    except interrupted as exc:
        summary, stopped = exc.summary, True
    finally:
        if progress:
            progress.close()
    _print_summary(summary, store)
    if stopped:
        _err(f"interrupted: {summary.articles} articles kept; run the same build again to finish")
        raise typer.Exit(EXIT_INTERRUPTED)
    _exit_if_nothing_built(summary, store)


def _exit_if_nothing_built(summary, store: str) -> None:
    """Exit 3 when the inputs gave nothing and the store holds no article either
    (a rebuild whose pages are all already stored is a success)."""
    if summary.pages_read == 0:
        _err("error: nothing could be read from the inputs")
        raise typer.Exit(EXIT_NOTHING_BUILT)
    if summary.articles:
        return
    with _open_store(store) as st:
        stored = st.counts()["articles"]
    if not stored:
        _err("error: nothing could be built: every page read was rejected")
        raise typer.Exit(EXIT_NOTHING_BUILT)


def _print_summary(summary, store: str) -> None:
    d = summary.to_dict()
    rate = d["new_pages"] / d["seconds"] if d["seconds"] else 0.0
    lines = [
        f"pages read:        {d['pages_read']}",
        f"new articles:      {d['articles']}",
        f"duplicates skipped: {d['duplicates_skipped']}",
        f"rejected:          {d['rejected']}",
    ]
    for reason, n in d["rejects_by_reason"].items():
        lines.append(f"  {reason:<17}{n}")
    lines.append(f"time:              {d['seconds']:.2f} s ({rate:.1f} pages/s)")
    if d["corpus_seconds"] is not None:
        lines.append(f"  corpus stage:    {d['corpus_seconds']:.2f} s")
        for name, secs in d["corpus_steps"].items():
            lines.append(f"    {name + ':':<29}{secs:.2f} s")
    lines.append(f"store:             {store}")
    _echo("\n".join(lines))


def _article_jsonl(art, fields) -> str:
    return json_line({f: getattr(art, f) for f in fields})


def _article_txt(art, fields) -> str:
    return terminal((art.title + "\n\n" if art.title else "") + art.text, layout=True) + "\n\n"


_EXTRACT_WRITERS = {ExtractFormat.jsonl: _article_jsonl, ExtractFormat.txt: _article_txt}


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest"),
    workers: int = typer.Option(0, "--workers", help="Worker processes (default: all cores)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format"),
    max_mb: float = typer.Option(20.0, "--max-mb"),
    page_timeout: float = typer.Option(DEFAULT_PAGE_TIMEOUT, "--page-timeout", metavar="SECONDS",
                                       help=_PAGE_TIMEOUT_HELP),
) -> None:
    """Ingest and clean only: one JSON article per line on stdout, nothing stored.
    Exit 3 when no article could be extracted."""
    from .ingest import InputError, ManifestError
    from .model import ARTICLE_FIELDS, Article
    from .pipeline import BuildSummary
    from .pipeline import extract as run_extract

    summary = BuildSummary()
    write = _EXTRACT_WRITERS[fmt]
    out = sys.stdout
    timeout = _page_timeout(page_timeout)
    try:
        for item in run_extract(inputs, manifest=manifest, workers=workers or None,
                                limits=_limits(max_mb), summary=summary, page_timeout=timeout):
            if isinstance(item, Article):
                summary.articles += 1
                out.write(write(item, ARTICLE_FIELDS))
            else:
                summary.rejects[item.reason] += 1
                _err(f"rejected {item.source}: {item.reason} ({item.detail})")
    except (InputError, ManifestError) as exc:
        raise UserError(str(exc)) from None
    out.flush()
    if summary.pages_read == 0 or summary.articles == 0:
        _err("error: " + ("nothing could be read from the inputs" if summary.pages_read == 0
                          else "no article could be extracted: every page read was rejected"))
        raise typer.Exit(EXIT_NOTHING_BUILT)


def _table(rows: list[dict], fields: list[str], fmt):
    """Rows with nested fields (lists, role records) as an Arrow table; CSV cannot
    hold lists, so there they become JSON strings."""
    import pyarrow as pa

    if fmt is ExportFormat.csv:
        rows = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                 for k, v in r.items()} for r in rows]
    if not rows:
        return pa.table({f: pa.array([], pa.string()) for f in fields})
    return pa.Table.from_pylist([{f: r.get(f) for f in fields} for r in rows])


@contextmanager
def _open_store(path: str):
    """The store, read-only; a file that is no storyline store (foreign, damaged, from
    another version) or one a build holds open becomes one UserError line."""
    import duckdb

    from .store import Store, StoreError

    if not os.path.exists(path):
        raise UserError(f"no store at {path} (run `storyline build` first, or pass --store)")
    if os.path.isdir(path):
        raise UserError(f"{path} is a folder, not a store file")
    try:
        st = Store(path, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        with st:
            yield st
    except duckdb.Error as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise UserError(f"{path} is not a storyline store, or one of another version ({first})") from None


def _rejects_table(st, fmt):
    import pyarrow as pa

    return pa.Table.from_pylist(st.rejects(), schema=pa.schema(
        [("source", pa.string()), ("reason", pa.string()), ("detail", pa.string())]))


# what to export: a reader of the store per kind
_EXPORTS = {
    ExportWhat.articles: lambda st, fmt: st.articles_arrow(),
    ExportWhat.entities: lambda st, fmt: _table(st.entity_rows(), st.ENTITY_FIELDS, fmt),
    ExportWhat.quotes: lambda st, fmt: _table(st.quote_rows(), st.QUOTE_FIELDS, fmt),
    ExportWhat.events: lambda st, fmt: _table(st.event_rows(), st.EVENT_FIELDS, fmt),
    ExportWhat.stories: lambda st, fmt: _table(st.story_rows(), st.STORY_FIELDS, fmt),
    ExportWhat.contradictions: lambda st, fmt: _table(st.contradiction_rows(), st.CONTRADICTION_FIELDS, fmt),
    ExportWhat.rejects: _rejects_table,
    ExportWhat.storylines: lambda st, fmt: _table(_sl().storyline_rows(st), _sl().STORYLINE_FIELDS, fmt),
    ExportWhat.timexes: lambda st, fmt: _table(_sl().timex_rows(st), _sl().TIMEX_FIELDS, fmt),
}


def _sl():
    from .store import storylines

    return storylines


def _write_jsonl(table, sink) -> None:
    for row in table.to_pylist():
        sink.write(json_line(row).encode("utf-8"))


def _write_csv(table, sink) -> None:
    import pyarrow.csv as pacsv

    pacsv.write_csv(csv_neutralised(table), sink)


def _write_parquet(table, sink) -> None:
    import pyarrow.parquet as pq

    from .api import dates_typed   # Parquet types dates as dates (issue 13)

    pq.write_table(dates_typed(table), sink)


_WRITERS = {ExportFormat.jsonl: _write_jsonl, ExportFormat.csv: _write_csv, ExportFormat.parquet: _write_parquet}


@app.command()
def export(
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    what: ExportWhat = typer.Option(ExportWhat.articles, "--what"),
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", help=(
        "jsonl or parquet (exact text), or csv (cells a spreadsheet would run as a formula get a leading ').")),
    out: Optional[str] = typer.Option(None, "--out", help="Output file (default: stdout)."),
) -> None:
    """Export articles, entities, quotes, events, stories, contradictions or rejects
    as JSONL, CSV or Parquet.

    CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab
    or a carriage return) get a leading ' so they open as text; JSONL and Parquet keep
    the exact text."""
    with _open_store(store) as st:
        table = _EXPORTS[what](st, fmt)
    if fmt is ExportFormat.parquet and out is None and sys.stdout.isatty():
        raise UserError("refusing to write Parquet to a terminal; use --out FILE")
    try:
        sink = open(out, "wb") if out else sys.stdout.buffer
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    try:
        _WRITERS[fmt](table, sink)
    finally:
        if out:
            sink.close()
        else:
            sink.flush()


_SHOW_FIELDS = ("id", "title", "source", "url", "outlet", "published", "published_source",
                "language", "author", "syndicated_from", "extractor")


@app.command()
def show(
    key: str = typer.Argument(..., help="Article id (or prefix), source path, or URL."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
) -> None:
    """Print one article's metadata and clean text."""
    with _open_store(store) as st:
        art = st.find_article(key)
        inferred = st.inferred_date(art["id"]) if art is not None and not art.get("published") else None
    if art is None:
        raise UserError(f"no article matches {key!r}")
    for f in _SHOW_FIELDS:
        value = art.get(f)
        _echo(f"{f + ':':<18}{terminal(value) if value is not None else '-'}")
        if f == "published_source" and inferred:
            # an undated article's date from its text: shown apart, as inferred, with its evidence
            _echo(f"{'published_inferred:':<18}{terminal(inferred.get('date'))} (inferred, confidence "
                  f"{inferred.get('confidence')}: {terminal(inferred.get('evidence') or '')})")
    _echo("")
    _echo(art["text"])


@app.command()
def who(
    name: str = typer.Argument(..., help="A name, alias or entity id (Putin, Zelenskyy, Q7747)."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
) -> None:
    """Who is this? Aliases, roles over time, quotes with their chains, articles."""
    from .serve.timeline import find_entity

    with _open_store(store) as st:
        ents = st.entity_rows()
        quotes = st.quote_rows_full()
        hits = find_entity(ents, name)
        if not hits:
            raise UserError(f"no entity matches {name!r}")
        ent = max(hits, key=lambda e: len(e["mentions"]))
        meta = st.article_meta(ent["article_ids"])
    _echo(f"{terminal(ent['name'])}  [{ent['type']}]  id {ent['id']}"
          + (f"  wikidata {ent['wikidata']}" if ent["wikidata"] else ""))
    _echo(f"aliases: {', '.join(terminal(a) for a in ent['aliases'])}")
    if ent["roles"]:
        _echo("roles:")
        seen = set()
        for r in sorted(ent["roles"], key=lambda r: (r["date"] or "", r["role"])):
            if (r["role"], r["date"]) in seen:
                continue
            seen.add((r["role"], r["date"]))
            _echo(f"  {r['date'] or 'undated':<10}  {terminal(r['role'])}")
    said = [q for q in quotes if q["speaker_id"] == ent["id"]]
    _echo(f"quotes ({len(said)}):")
    for q in said:
        _echo(f"  [{q['kind']}] \"{terminal(q['text'][:160])}\"  ({terminal(q['cue'] or '-')}; via {_chain(q['via'])}; "
              f"{len(q['article_ids'])} article(s))")
    _echo(f"articles ({len(ent['article_ids'])}):")
    for aid in ent["article_ids"]:
        m = meta.get(aid, {})
        _echo(f"  {aid}  {terminal(m.get('published') or '----------')}  {terminal(m.get('outlet') or '-')}: "
              f"{terminal(m.get('title') or m.get('source'))}")


def _chain(via: list[str]) -> str:
    return " -> ".join(terminal(v) for v in via) if via else "-"


@app.command()
def quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only quotes by this person or organisation."),
    via: Optional[str] = typer.Option(None, "--via", help="Only quotes that passed through this agency or outlet."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.txt, "--format", help="txt (default) or jsonl."),
) -> None:
    """List quotes, optionally by speaker and by agency in the reporting chain."""
    from .analyse.names import name_key

    with _open_store(store) as st:
        rows = st.quote_rows()
        ents = {e["id"]: e for e in st.entity_rows()}
    if speaker:
        key = name_key(speaker)
        def _match(q):
            e = ents.get(q["speaker_id"])
            names = ([e["name"], *e["aliases"]] if e else []) + ([q["speaker"]] if q["speaker"] else [])
            return any(n.lower() == speaker.lower() or name_key(n) == key or name_key(n).endswith(" " + key)
                       for n in names)
        rows = [q for q in rows if _match(q)]
    if via:
        rows = [q for q in rows if any(via.lower() == v.lower() or via.lower() in v.lower() for v in q["via"])]
    write = _QUOTE_WRITERS[fmt]
    for q in rows:
        sys.stdout.write(write(q))


def _quote_txt(q: dict) -> str:
    return (f"{terminal(q['speaker'] or '(unattributed)')} [{q['kind']}, {terminal(q['cue'] or '-')}] \"{terminal(q['text'])}\"\n"
            f"    via {_chain(q['via'])}; {len(q['article_ids'])} article(s)\n")


_QUOTE_WRITERS = {ExtractFormat.jsonl: json_line, ExtractFormat.txt: _quote_txt}


def _iso_day(value: Optional[str], option: str) -> Optional[str]:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None


@app.command()
def storylines(
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.txt, "--format", help="txt (default) or jsonl."),
) -> None:
    """List the storylines: developing stories made of several episodes, largest first."""
    with _open_store(store) as st:
        rows = _sl().storyline_rows(st)
    for r in sorted(rows, key=lambda r: (-len(r["article_ids"]), r["id"])):
        if fmt is ExtractFormat.jsonl:
            sys.stdout.write(json_line(r))
            continue
        _echo(f"{r['id']}  {terminal(r['start'] or '----------')} .. {terminal(r['end'] or '----------')}  "
              f"{len(r['story_ids'])} episode(s), {len(r['article_ids'])} article(s), {len(r['timeline'])} key "
              f"date(s): {terminal(r['title'])}")


def _storyline_timeline(store: str, key: str, fmt: ExtractFormat) -> None:
    from .serve.storyline_report import find_storyline

    with _open_store(store) as st:
        try:
            line = find_storyline(st, key)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    if fmt is ExtractFormat.jsonl:
        for d in line["timeline"]:
            sys.stdout.write(json_line(d))
        return
    _echo(f"{line['id']}: {terminal(line['title'])}")
    for d in line["timeline"]:
        _echo(f"{d['date']}  {terminal(' '.join(d['text'].split()))}\n"
              f"            source {d['article_id']}:{d['start']}-{d['end']} ({d['independent_sources']} independent)")


@app.command()
def timeline(
    entity: Optional[str] = typer.Option(None, "--entity", help="Only items involving this person or organisation."),
    story: Optional[str] = typer.Option(None, "--story", help="Only items of this story (id or prefix)."),
    storyline: Optional[str] = typer.Option(None, "--storyline", help="The key dates of this storyline (id or prefix)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day (YYYY-MM-DD)."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.txt, "--format", help="txt (default) or jsonl."),
) -> None:
    """Dated events and quotes in order, each with its sources; undated items listed apart.
    With --storyline: the storyline's key dates, each with its cited sentence."""
    from .serve.timeline import timeline as build_timeline

    if storyline:
        return _storyline_timeline(store, storyline, fmt)

    date_from, date_to = _iso_day(date_from, "--from"), _iso_day(date_to, "--to")
    with _open_store(store) as st:
        try:
            dated, undated = build_timeline(st, entity=entity, story=story, date_from=date_from, date_to=date_to)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    if fmt is ExtractFormat.jsonl:
        for it in dated + undated:
            sys.stdout.write(json_line(it.to_dict()))
        return
    for it in dated:
        _echo(_timeline_line(it))
    if undated:
        _echo(f"\nundated ({len(undated)}):")
        for it in undated:
            _echo(_timeline_line(it))


def _timeline_line(it) -> str:
    line = _timeline_head(it)
    if it.date_source == "published_inferred":
        ev = next((s["published_inferred"].get("evidence") for s in it.sources if s.get("published_inferred")), None)
        line += f"\n            date inferred from the text{': ' + terminal(ev) if ev else ''}"
    return line


def _timeline_head(it) -> str:
    date = (it.date or "----------") + (" (inferred)" if it.date_source == "published_inferred" else "")
    if it.kind == "event":
        what = f"{it.type}{'/' + it.mode if it.mode else ''}" + (f" ({it.modality})" if it.modality != "asserted" else "")
        who = ", ".join(terminal(a) for a in it.actors) or "-"
        head = (f"{terminal(date):<10}  event  {what}: {who}"
                + (f" in {terminal(it.location)}" if it.location else ""))
    else:
        head = f"{terminal(date):<10}  quote  {terminal(it.speaker or '(unattributed)')}"
    text = " ".join(terminal(it.text).split())
    src = ", ".join(f"{terminal(s['outlet'] or s['article_id'][:8])}:{s['start']}-{s['end']}" for s in it.sources[:4])
    more = f" +{len(it.sources) - 4}" if len(it.sources) > 4 else ""
    return (f"{head}\n            \"{text[:160]}{'…' if len(text) > 160 else ''}\"\n"
            f"            sources: {src}{more} ({it.independent_sources} independent)")


@app.command()
def report(
    out: str = typer.Option(..., "--out", help="FILE.html (one self-contained page) or FILE.md."),
    story: Optional[str] = typer.Option(None, "--story", help=(
        "Story id or prefix (default: the largest story), or `all`: an index and one dossier per story.")),
    storyline: Optional[str] = typer.Option(None, "--storyline", help=(
        "Storyline id or prefix: key dates first, then episodes, people, quotes, sources, contradictions.")),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
) -> None:
    """Write a story's dossier: timeline chart, people and quotes, sources, contradictions."""
    from .serve.report import write_report
    from .serve.timeline import dossier

    if not out.lower().endswith((".html", ".htm", ".md")):
        raise UserError(f"--out must end in .html or .md, not {out!r}")
    if storyline:
        return _storyline_report(store, storyline, out)
    data, path = _write_dossier(store, lambda st: dossier(st, story, store_path=store), write_report, out)
    _echo(f"dossier of story {data['story']['id']} ({data['story']['article_count']} articles): {terminal(path)}")


def _write_dossier(store: str, gather, write, out: str):
    """Gather a dossier from the store and write it: an unknown id or an unwritable
    path is one line for the user, never a traceback."""
    with _open_store(store) as st:
        try:
            data = gather(st)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    try:
        return data, write(data, out)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None


def _storyline_report(store: str, key: str, out: str) -> None:
    from .serve.storyline_report import storyline_dossier, write_storyline_report

    data, path = _write_dossier(store, lambda st: storyline_dossier(st, key, store_path=store),
                                write_storyline_report, out)
    _echo(f"dossier of storyline {data['storyline']['id']} ({data['story']['article_count']} articles, "
          f"{len(data['storyline']['episodes'])} episodes): {terminal(path)}")


@app.command()
def serve(
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; anything but loopback needs --token."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    token: Optional[str] = typer.Option(None, "--token", envvar="STORYLINE_TOKEN", show_envvar=True, help=(
        "Secret every request must carry (Authorization: Bearer, or ?token= once in the browser).")),
) -> None:
    """Browse the store in a web browser: stories, people, articles, search, and a JSON
    API under /api/ (read-only; OpenAPI at /api/openapi.json)."""
    from .serve.app import ServeError, check_bind

    try:
        check_bind(host, token)
    except ServeError as exc:
        raise UserError(str(exc)) from None
    with _open_store(store):  # the same one-line errors as every command for a missing or foreign store
        pass
    import socket

    try:  # a port in use, or an address not on this machine: one line, before reading the store
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise UserError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    import uvicorn

    from .serve.app import create_app

    asgi = create_app(store, token=token, host=host)
    shown = f"[{host}]" if ":" in host else host
    _echo(f"serving {terminal(store)} on http://{shown}:{port}/" + (f"?token=…" if token else "")
          + "  (Ctrl-C to stop)")
    uvicorn.run(asgi, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)


def main() -> None:
    """Console entry point: one-line errors, never a traceback for user mistakes."""
    try:
        # Without standalone mode click returns typer.Exit's code instead of exiting.
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except UserError as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_USAGE)
    except click_exc.NoArgsIsHelpError:
        sys.exit(0)
    except click_exc.UsageError as exc:
        _err(f"error: {exc.format_message()}")
        sys.exit(EXIT_USAGE)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("aborted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `storyline export | head` closes stdout early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # last resort: a bug, not the user's mistake
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        first = (str(exc).splitlines() or [""])[0]
        _err(f"error: internal error: {type(exc).__name__}: {first} (please report)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
