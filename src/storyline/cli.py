"""Command-line interface: thin typer commands over ``storyline.pipeline`` and the store.

User errors print one line on stderr ("storyline: error: ...") and exit 2;
a build where nothing at all could be read exits 3.
"""
from __future__ import annotations

import json
import os
import sys
import time
from enum import Enum
from typing import List, Optional

import typer

try:  # typer >= 0.22 vendors click; its exceptions live there
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc

EXIT_USAGE = 2
EXIT_NOTHING_READ = 3

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


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    txt = "txt"


DEFAULT_STORE = "storyline.duckdb"


def _err(msg: str) -> None:
    print(f"storyline: {msg}", file=sys.stderr)


class _Progress:
    """A rich progress line on a terminal, a plain log line every few seconds otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.bar = None
        if self.tty:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                transient=True, console=None,
            )
            self.task = self.bar.add_task("reading pages")
            self.bar.start()

    def __call__(self, s) -> None:
        now = time.perf_counter()
        rate = s.pages_read / max(now - self.t0, 1e-9)
        if self.bar is not None:
            if now - self.last > 0.1:
                self.bar.update(self.task, description=(
                    f"{s.pages_read} pages · {s.articles} articles · {s.rejected} rejected · {rate:.0f} pages/s"))
                self.last = now
        elif now - self.last >= 5:
            print(f"storyline: {s.pages_read} pages read, {s.articles} articles, "
                  f"{s.rejected} rejected, {rate:.0f} pages/s", file=sys.stderr)
            self.last = now

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


@app.command()
def build(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest", help="CSV/JSONL with path,url,outlet,published,title."),
    store: str = typer.Option(DEFAULT_STORE, "--store", help="DuckDB store file."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (default: all cores)."),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Reject pages larger than this many MB."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, summary only."),
) -> None:
    """Ingest pages, extract clean articles and keep everything in the store."""
    from .ingest import InputError, ManifestError
    from .pipeline import build as run_build
    from .store import StoreError

    _check_store_writable(store)
    progress = None if quiet else _Progress()
    try:
        summary = run_build(inputs, store, manifest=manifest, workers=workers or None,
                            limits=_limits(max_mb), on_progress=progress)
    except (InputError, ManifestError, StoreError) as exc:
        raise UserError(str(exc)) from None
    finally:
        if progress:
            progress.close()
    _print_summary(summary, store)
    if summary.pages_read == 0:
        _err("error: nothing could be read from the inputs")
        raise typer.Exit(EXIT_NOTHING_READ)


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
    lines.append(f"store:             {store}")
    print("\n".join(lines))


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest"),
    workers: int = typer.Option(0, "--workers", help="Worker processes (default: all cores)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format"),
    max_mb: float = typer.Option(20.0, "--max-mb"),
) -> None:
    """Ingest and clean only: one JSON article per line on stdout, nothing stored."""
    from .ingest import InputError, ManifestError
    from .model import Article
    from .pipeline import BuildSummary
    from .pipeline import extract as run_extract
    from .store import ARTICLE_FIELDS

    summary = BuildSummary()
    out = sys.stdout
    try:
        for item in run_extract(inputs, manifest=manifest, workers=workers or None,
                                limits=_limits(max_mb), summary=summary):
            if isinstance(item, Article):
                if fmt is ExtractFormat.jsonl:
                    out.write(json.dumps({f: getattr(item, f) for f in ARTICLE_FIELDS}, ensure_ascii=False) + "\n")
                else:
                    out.write((item.title + "\n\n" if item.title else "") + item.text + "\n\n")
            else:
                summary.rejects[item.reason] += 1
                _err(f"rejected {item.source}: {item.reason} ({item.detail})")
    except (InputError, ManifestError) as exc:
        raise UserError(str(exc)) from None
    out.flush()
    if summary.pages_read == 0:
        _err("error: nothing could be read from the inputs")
        raise typer.Exit(EXIT_NOTHING_READ)


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


def _open_store(path: str):
    from .store import Store

    if not os.path.exists(path):
        raise UserError(f"no store at {path} (run `storyline build` first, or pass --store)")
    return Store(path, read_only=True)


@app.command()
def export(
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    what: ExportWhat = typer.Option(ExportWhat.articles, "--what"),
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format"),
    out: Optional[str] = typer.Option(None, "--out", help="Output file (default: stdout)."),
) -> None:
    """Export articles, entities, quotes, events, stories, contradictions or rejects
    as JSONL, CSV or Parquet."""
    import pyarrow as pa

    with _open_store(store) as st:
        if what is ExportWhat.articles:
            table = st.articles_arrow()
        elif what is ExportWhat.entities:
            table = _table(st.entity_rows(), st.ENTITY_FIELDS, fmt)
        elif what is ExportWhat.quotes:
            table = _table(st.quote_rows(), st.QUOTE_FIELDS, fmt)
        elif what is ExportWhat.events:
            table = _table(st.event_rows(), st.EVENT_FIELDS, fmt)
        elif what is ExportWhat.stories:
            table = _table(st.story_rows(), st.STORY_FIELDS, fmt)
        elif what is ExportWhat.contradictions:
            table = _table(st.contradiction_rows(), st.CONTRADICTION_FIELDS, fmt)
        else:
            rows = st.rejects()
            table = pa.Table.from_pylist(rows, schema=pa.schema(
                [("source", pa.string()), ("reason", pa.string()), ("detail", pa.string())]))
    if fmt is ExportFormat.parquet and out is None and sys.stdout.isatty():
        raise UserError("refusing to write Parquet to a terminal; use --out FILE")
    try:
        sink = open(out, "wb") if out else sys.stdout.buffer
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    try:
        if fmt is ExportFormat.jsonl:
            for row in table.to_pylist():
                sink.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
        elif fmt is ExportFormat.csv:
            import pyarrow.csv as pacsv

            pacsv.write_csv(table, sink)
        else:
            import pyarrow.parquet as pq

            pq.write_table(table, sink)
    finally:
        if out:
            sink.close()
        else:
            sink.flush()


@app.command()
def show(
    key: str = typer.Argument(..., help="Article id (or prefix), source path, or URL."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
) -> None:
    """Print one article's metadata and clean text."""
    with _open_store(store) as st:
        art = st.find_article(key)
    if art is None:
        raise UserError(f"no article matches {key!r}")
    for f in ("id", "title", "source", "url", "outlet", "published", "published_source",
              "language", "author", "syndicated_from", "extractor"):
        print(f"{f + ':':<18}{art.get(f) if art.get(f) is not None else '-'}")
    print()
    print(art["text"])


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
    print(f"{ent['name']}  [{ent['type']}]  id {ent['id']}" + (f"  wikidata {ent['wikidata']}" if ent["wikidata"] else ""))
    print(f"aliases: {', '.join(ent['aliases'])}")
    if ent["roles"]:
        print("roles:")
        seen = set()
        for r in sorted(ent["roles"], key=lambda r: (r["date"] or "", r["role"])):
            if (r["role"], r["date"]) in seen:
                continue
            seen.add((r["role"], r["date"]))
            print(f"  {r['date'] or 'undated':<10}  {r['role']}")
    said = [q for q in quotes if q["speaker_id"] == ent["id"]]
    print(f"quotes ({len(said)}):")
    for q in said:
        chain = " -> ".join(q["via"]) if q["via"] else "-"
        print(f"  [{q['kind']}] \"{q['text'][:160]}\"  ({q['cue'] or '-'}; via {chain}; {len(q['article_ids'])} article(s))")
    print(f"articles ({len(ent['article_ids'])}):")
    for aid in ent["article_ids"]:
        m = meta.get(aid, {})
        print(f"  {aid}  {m.get('published') or '----------'}  {m.get('outlet') or '-'}: {m.get('title') or m.get('source')}")


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
    for q in rows:
        if fmt is ExtractFormat.jsonl:
            print(json.dumps(q, ensure_ascii=False))
        else:
            chain = " -> ".join(q["via"]) if q["via"] else "-"
            print(f"{q['speaker'] or '(unattributed)'} [{q['kind']}, {q['cue'] or '-'}] \"{q['text']}\"\n"
                  f"    via {chain}; {len(q['article_ids'])} article(s)")


def _iso_day(value: Optional[str], option: str) -> Optional[str]:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None


@app.command()
def timeline(
    entity: Optional[str] = typer.Option(None, "--entity", help="Only items involving this person or organisation."),
    story: Optional[str] = typer.Option(None, "--story", help="Only items of this story (id or prefix)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day (YYYY-MM-DD)."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.txt, "--format", help="txt (default) or jsonl."),
) -> None:
    """Dated events and quotes in order, each with its sources; undated items listed apart."""
    from .serve.timeline import timeline as build_timeline

    date_from, date_to = _iso_day(date_from, "--from"), _iso_day(date_to, "--to")
    with _open_store(store) as st:
        try:
            dated, undated = build_timeline(st, entity=entity, story=story, date_from=date_from, date_to=date_to)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    if fmt is ExtractFormat.jsonl:
        for it in dated + undated:
            print(json.dumps(it.to_dict(), ensure_ascii=False))
        return
    for it in dated:
        print(_timeline_line(it))
    if undated:
        print(f"\nundated ({len(undated)}):")
        for it in undated:
            print(_timeline_line(it))


def _timeline_line(it) -> str:
    if it.kind == "event":
        what = f"{it.type}{'/' + it.mode if it.mode else ''}" + (f" ({it.modality})" if it.modality != "asserted" else "")
        who = ", ".join(it.actors) or "-"
        head = f"{it.date or '----------':<10}  event  {what}: {who}" + (f" in {it.location}" if it.location else "")
    else:
        head = f"{it.date or '----------':<10}  quote  {it.speaker or '(unattributed)'}"
    text = " ".join(it.text.split())
    src = ", ".join(f"{s['outlet'] or s['article_id'][:8]}:{s['start']}-{s['end']}" for s in it.sources[:4])
    more = f" +{len(it.sources) - 4}" if len(it.sources) > 4 else ""
    return (f"{head}\n            \"{text[:160]}{'…' if len(text) > 160 else ''}\"\n"
            f"            sources: {src}{more} ({it.independent_sources} independent)")


@app.command()
def report(
    out: str = typer.Option(..., "--out", help="FILE.html (one self-contained page) or FILE.md."),
    story: Optional[str] = typer.Option(None, "--story", help="Story id or prefix (default: the largest story)."),
    store: str = typer.Option(DEFAULT_STORE, "--store"),
) -> None:
    """Write a story's dossier: timeline chart, people and quotes, sources, contradictions."""
    from .serve.report import write_report
    from .serve.timeline import dossier

    if not out.lower().endswith((".html", ".htm", ".md")):
        raise UserError(f"--out must end in .html or .md, not {out!r}")
    with _open_store(store) as st:
        try:
            data = dossier(st, story, store_path=store)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    try:
        path = write_report(data, out)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    print(f"dossier of story {data['story']['id']} ({data['story']['article_count']} articles): {path}")


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
        sys.exit(130)
    except BrokenPipeError:
        # `storyline export | head` closes stdout early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
