"""The store: the only module that speaks SQL. A DuckDB file holding raw
pages (compressed), articles and rejects.

Why DuckDB: one embedded file, no server, columnar scans for exports and
later corpus stages, and native Parquet/CSV/Arrow export.
"""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import datetime, timezone

from ..faults import kill_point
from ..model import ARTICLE_FIELDS, Article, Page, Reject
from .corpus import CorpusIO
from .schema import ADDED_COLUMNS, SCHEMA, SCHEMA_VERSION


_JSON_FIELDS = {"aliases", "roles", "article_ids", "via", "spans", "chains"}

# DuckDB's buffer pool may otherwise grow to 80% of the machine's memory; it is a
# cache of the store's blocks (queries spill to disk beyond it), and during a build it
# sits beside two parser workers and the corpus stage's rows. The corpus stage of a
# +1% build of the 28.5k store peaked at 1,414 MiB with 384 MB, 1,387 with 256 and
# 1,330 with 192, in the same time (56 s; docs/benchmarks.md §13, session 12).
DUCKDB_MEMORY_LIMIT = "192MB"


class StoreError(Exception):
    """The store file cannot be opened or written."""


def _open_error(path: str, exc: Exception) -> str:
    """One line for a failed connect: the two causes users meet get plain words."""
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "lock" in msg.lower():
        return f"store {path} is in use by another process (a build still running?)"
    if "not a valid duckdb" in msg.lower() or "invalid" in msg.lower() and "database" in msg.lower():
        return f"{path} is not a storyline store (not a DuckDB database file)"
    return f"cannot open store {path}: {msg}"


def _reject_id(r: Reject) -> str:
    return hashlib.sha256(f"{r.source}\x00{r.reason}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Store(CorpusIO):
    """A DuckDB-backed store. Use as a context manager."""

    def __init__(self, path: str, read_only: bool = False):
        import duckdb

        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=read_only, config={"memory_limit": DUCKDB_MEMORY_LIMIT})
        except duckdb.Error as exc:
            raise StoreError(_open_error(path, exc)) from None
        try:
            self._check_is_store(read_only)
            if not read_only:
                self._create_schema()
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"cannot open store {path}: {str(exc).splitlines()[0]}") from None
        except StoreError:
            self.con.close()
            raise
        self._seq = None

    def _check_is_store(self, read_only: bool) -> None:
        """Refuse, with nothing changed, a database that holds other tables than a
        storyline store's, or a store written by a newer storyline."""
        tables = {r[0] for r in self._run(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")}
        if not tables:
            if read_only:
                raise StoreError(f"{self.path} is not a storyline store (an empty database)")
            return
        version = None
        if "meta" in tables:
            rows = self._run("SELECT value FROM meta WHERE key = 'schema_version'")
            version = rows[0][0] if rows else None
        if version is None or not str(version).isdigit():
            raise StoreError(f"{self.path} is a DuckDB database but not a storyline store; nothing was changed")
        if int(version) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer storyline (store schema {version}, this version "
                             f"reads up to {SCHEMA_VERSION}); nothing was changed")

    def _create_schema(self) -> None:
        """Tables, and columns added after a table's first release, in one transaction."""
        self._run("BEGIN")
        try:
            for stmt in SCHEMA.split(";"):
                if stmt.strip():
                    self._run(stmt)
            for table, column, type_ in ADDED_COLUMNS:
                self._run(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {type_}")
            self._run("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _run(self, sql: str, params: list | None = None) -> list:
        """Execute and consume the result (DuckDB 2 wants every result drained
        before the connection is used again)."""
        return self.con.execute(sql, params or []).fetchall()

    # --- writes ------------------------------------------------------------

    def known_page_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM pages").fetchall()}

    def _next_seq(self) -> int:
        if self._seq is None:
            self._seq = self._run("SELECT coalesce(max(seq), -1) + 1 FROM articles")[0][0]
        return self._seq

    def site_line_counts(self) -> dict[str, dict[str, int]]:
        """Per site, on how many stored text pages each short line appeared. A store
        written before the counts were kept has them made once from its stored pages,
        in the order they were stored."""
        if not self._run("SELECT 1 FROM meta WHERE key = 'site_lines'"):
            self._backfill_site_lines()
        counts: dict[str, dict[str, int]] = {}
        for site, line, pages in self._run("SELECT site, line, pages FROM site_lines ORDER BY site, line"):
            counts.setdefault(site, {})[line] = pages
        return counts

    def _backfill_site_lines(self) -> None:
        from ..pipeline import SiteLineCounter

        counter = SiteLineCounter(record=True)
        cur = self.con.cursor().execute(
            "SELECT id, kind, url, outlet, encoding, raw FROM pages WHERE kind = 'text' ORDER BY rowid")
        while rows := cur.fetchmany(1000):          # a page at a time, not every stored page at once
            for pid, kind, url, outlet, encoding, raw in rows:
                counter.annotate(Page(id=pid, source="", kind=kind, content=zlib.decompress(raw) if raw else b"",
                                      url=url, outlet=outlet, encoding=encoding))
        cur.close()
        self._run("BEGIN")
        try:
            self._add_site_lines(counter.take(list(counter.added)))
            self._run("INSERT OR REPLACE INTO meta VALUES ('site_lines', '1')")
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise

    def _add_site_lines(self, added: dict[tuple[str, str], int]) -> None:
        import pyarrow as pa

        if not added:
            return
        keys = sorted(added)
        self.con.register("_site_lines_in", pa.table({
            "site": [k[0] for k in keys], "line": [k[1] for k in keys],
            "pages": pa.array([added[k] for k in keys], pa.int32())}))
        try:
            self._run("""INSERT INTO site_lines SELECT site, line, pages FROM _site_lines_in
                         ON CONFLICT (site, line) DO UPDATE SET pages = site_lines.pages + excluded.pages""")
        finally:
            self.con.unregister("_site_lines_in")

    def write_batch(self, pages: list[Page], articles: list[Article], rejects: list[Reject],
                    site_lines: dict[tuple[str, str], int] | None = None) -> None:
        """Write one batch in one transaction (pages with raw bytes, articles, rejects,
        and what the pages added to the per-site line counts)."""
        import pyarrow as pa

        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self._run("BEGIN")
        try:
            self._add_site_lines(site_lines or {})
            if pages:
                tbl = pa.table({
                    "id": [p.id for p in pages],
                    "source": [p.source for p in pages],
                    "kind": [p.kind for p in pages],
                    "url": [p.url for p in pages],
                    "outlet": [p.outlet for p in pages],
                    "published": [p.published for p in pages],
                    "published_source": [p.published_source for p in pages],
                    "title": [p.title for p in pages],
                    "fetched": [p.fetched for p in pages],
                    "encoding": [p.encoding for p in pages],
                    "raw_size": pa.array([len(p.content) for p in pages], pa.int64()),
                    "raw": pa.array([zlib.compress(p.content, 6) for p in pages], pa.binary()),
                    "added_at": pa.array([now] * len(pages), pa.timestamp("us")),
                })
                self.con.register("_pages_in", tbl)
                self._run("INSERT OR IGNORE INTO pages SELECT * FROM _pages_in")
                self.con.unregister("_pages_in")
            if articles:
                seq0 = self._next_seq()
                cols = {f: [getattr(a, f) for a in articles] for f in ARTICLE_FIELDS}
                cols["page_id"] = [a.page_id for a in articles]
                cols["extractor"] = [a.extractor for a in articles]
                cols["seq"] = pa.array(range(seq0, seq0 + len(articles)), pa.int64())
                self._seq = seq0 + len(articles)
                tbl = pa.table(cols)
                self.con.register("_articles_in", tbl)
                names = ", ".join(tbl.column_names)
                self._run(f"INSERT OR IGNORE INTO articles ({names}) SELECT {names} FROM _articles_in")
                self.con.unregister("_articles_in")
            self._write_analysis(articles)
            for r in rejects:
                self._run(
                    "INSERT OR IGNORE INTO rejects VALUES (?, ?, ?, ?, ?, ?)",
                    [_reject_id(r), r.source, r.reason, r.detail, r.page_id, now],
                )
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise
        kill_point("batch_written")

    def _write_analysis(self, articles: list[Article]) -> None:
        import json

        ents, ments, quotes, timexes, events = [], [], [], [], []
        for a in articles:
            if not a.analysed:
                continue
            for n, t in enumerate(a.timexes):
                timexes.append((a.id, n, t.start, t.end, t.text, t.type, t.value, t.value_end, t.precision,
                                t.modifier, t.anchored))
            for n, e in enumerate(a.events):
                events.append((a.id, n, e.start, e.end, e.sentence, e.type, e.mode, e.trigger, e.source, e.target,
                               json.dumps(e.actors), e.location, e.location_text, e.source_text, e.target_text,
                               e.date, e.date_precision, e.date_source, e.date_text, e.modality))
            counts: dict[int, int] = {}
            for m in a.mentions:
                counts[m.entity] = counts.get(m.entity, 0) + 1
                ments.append((a.id, m.start, m.end, m.text, m.kind, m.entity))
            for e in a.entities:
                ents.append((a.id, e.index, e.name, e.type, e.key, e.wikidata, e.country,
                             json.dumps(e.aliases, ensure_ascii=False), json.dumps(e.roles, ensure_ascii=False),
                             counts.get(e.index, 0), e.domain))
            for n, q in enumerate(a.quotes):
                quotes.append((a.id, n, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_entity, q.cue,
                               json.dumps(q.via, ensure_ascii=False), json.dumps(q.parts) if q.parts else None))
        for table, rows in (("local_entities", ents), ("mentions", ments), ("article_quotes", quotes),
                            ("article_timexes", timexes), ("article_events", events)):
            self._insert_rows(table, rows, ignore=True)
        terms = {a.id: a.terms for a in articles if a.terms is not None}
        if terms:
            self.write_terms(terms)
        self.write_sketches({a.id: a.sketch for a in articles if a.sketch is not None})
        inferred = [(a.id, json.dumps(a.published_inferred)) for a in articles if a.published_inferred]
        for aid, value in inferred:
            self._run("UPDATE articles SET published_inferred = ? WHERE id = ?", [value, aid])

    def _insert_rows(self, table: str, rows: list[tuple], ignore: bool = False) -> None:
        """Bulk insert through Arrow: DuckDB's executemany goes row by row and
        cost more than the whole analysis."""
        if not rows:
            return
        cols = [r[1] for r in self._run(f"PRAGMA table_info('{table}')")]
        tbl = _arrow_table(cols, rows)
        name = f"_in_{table}"
        self.con.register(name, tbl)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self._run(f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} ({quoted}) SELECT {quoted} FROM {name}")
        finally:
            self.con.unregister(name)

    def _replace_rows(self, table: str, rows: list[tuple], order: str | None = "seq") -> None:
        """Make ``table`` hold exactly ``rows``, writing only the rows that changed.
        A build that adds 1% changes a few percent of the corpus tables' rows:
        deleting and re-inserting all of them (half a million at 28.8k) cost 5 s of
        DELETE and COMMIT. Rows are compared on every column but ``order`` (the export
        position, which shifts for every row after a new one), which is updated in place.
        The new rows are read through a view over Arrow, cast to the table's types (a
        temporary table filled in the same transaction read back empty at 28.8k)."""
        info = self._run(f"PRAGMA table_info('{table}')")
        cols = [r[1] for r in info]
        self.con.register("_next_in", _arrow_table(cols, rows))
        try:
            typed = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for _, c, t, *_ in info)
            nxt = f"(SELECT {typed} FROM _next_in)"
            same = " AND ".join(f't."{c}" IS NOT DISTINCT FROM n."{c}"' for c in cols if c != order)
            self._run(f"DELETE FROM {table} WHERE rowid IN "
                      f"(SELECT t.rowid FROM {table} t ANTI JOIN {nxt} n ON {same})")
            self._run(f"INSERT INTO {table} SELECT n.* FROM {nxt} n ANTI JOIN {table} t ON {same}")
            if order:
                self._run(f'UPDATE {table} t SET "{order}" = n."{order}" FROM {nxt} n '
                          f'WHERE t.id = n.id AND t."{order}" IS DISTINCT FROM n."{order}"')
        finally:
            self.con.unregister("_next_in")

    ENTITY_FIELDS = ["id", "name", "type", "aliases", "wikidata", "roles", "article_ids", "mentions", "country"]
    QUOTE_FIELDS = ["id", "text", "kind", "speaker_id", "speaker", "cue", "via", "article_ids", "spans",
                    "independent_sources", "outlets"]

    def _rows(self, sql: str, names: list[str], params: list | None = None) -> list[dict]:
        import json

        out = []
        for r in self._run(sql, params):
            d = dict(zip(names, r))
            for k in self._JSON_FIELDS & d.keys():
                if isinstance(d[k], (list, dict)):
                    continue
                d[k] = json.loads(d[k]) if d[k] is not None else []
            out.append(d)
        return out

    def entity_rows(self) -> list[dict]:
        """Entities with their mentions as citable spans ({article_id, start, end, text})."""
        cols = ", ".join(f"e.{c}" for c in self.ENTITY_FIELDS if c != "mentions")
        group = ", ".join(f"e.{c}" for c in self.ENTITY_FIELDS if c != "mentions")
        sql = f"""
            SELECT {cols},
                   coalesce(list({{'article_id': m.article_id, 'start': m.start, 'end': m."end", 'text': m.text}}
                                 ORDER BY coalesce(a.published, '9999-99-99'), m.article_id, m.start) FILTER (WHERE m.article_id IS NOT NULL), []) AS mentions
            FROM entities e
            LEFT JOIN entity_links l ON l.entity_id = e.id
            LEFT JOIN mentions m ON m.article_id = l.article_id AND m.idx = l.idx
            LEFT JOIN articles a ON a.id = m.article_id
            GROUP BY {group}, e.seq ORDER BY e.seq"""
        names = [c for c in self.ENTITY_FIELDS if c != "mentions"] + ["mentions"]
        return [{k: r[k] for k in self.ENTITY_FIELDS} for r in self._rows(sql, names)]

    def quote_rows(self) -> list[dict]:
        cols = ", ".join(self.QUOTE_FIELDS)
        return self._rows(f"SELECT {cols} FROM quotes ORDER BY seq", self.QUOTE_FIELDS)

    def quote_rows_full(self) -> list[dict]:
        names = self.QUOTE_FIELDS + ["chains"]
        return self._rows(f"SELECT {', '.join(names)} FROM quotes ORDER BY seq", names)

    EVENT_FIELDS = ["id", "type", "mode", "date", "date_precision", "date_source", "modality", "source_actor_id",
                    "target_actor_id", "actor_ids", "actors", "location", "sentence", "article_ids",
                    "independent_sources", "outlets", "spans", "story_id", "source_country", "target_country"]
    STORY_FIELDS = ["id", "title", "summary", "article_ids", "start", "end", "entity_ids"]
    CONTRADICTION_FIELDS = ["id", "kind", "description", "a", "b", "story_id"]
    ARTICLE_LINK_FIELDS = ["story_id", "duplicate_of", "origin_id", "published_inferred"]
    _JSON_FIELDS = _JSON_FIELDS | {"actor_ids", "actors", "outlets", "entity_ids"}

    def event_rows(self) -> list[dict]:
        cols = ", ".join(f'"{c}"' for c in self.EVENT_FIELDS)
        return self._rows(f"SELECT {cols} FROM events ORDER BY seq", self.EVENT_FIELDS)

    def story_rows(self) -> list[dict]:
        cols = ", ".join(f'"{c}"' for c in self.STORY_FIELDS)
        return self._rows(f"SELECT {cols} FROM stories ORDER BY seq", self.STORY_FIELDS)

    def contradiction_rows(self) -> list[dict]:
        import json

        rows = self._rows("SELECT id, kind, description, a, b, story_id FROM contradictions ORDER BY seq",
                          self.CONTRADICTION_FIELDS)
        for r in rows:
            r["a"], r["b"] = json.loads(r["a"]), json.loads(r["b"])
        return rows

    def article_rows(self, ids: list[str] | None = None) -> list[dict]:
        """Articles with their corpus links (story, duplicate, origin), in corpus order."""
        import json

        names = ARTICLE_FIELDS + self.ARTICLE_LINK_FIELDS
        where = "WHERE list_contains(?, id)" if ids is not None else ""
        rows = self._run(f"SELECT {', '.join(names)} FROM articles {where} ORDER BY seq, id",
                         [ids] if ids is not None else None)
        out = []
        for r in rows:
            d = dict(zip(names, r))
            d["published_inferred"] = json.loads(d["published_inferred"]) if d["published_inferred"] else None
            out.append(d)
        return out

    def article_meta(self, ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        rows = self._run("SELECT id, title, outlet, published, source FROM articles WHERE list_contains(?, id)", [ids])
        return {r[0]: {"title": r[1], "outlet": r[2], "published": r[3], "source": r[4]} for r in rows}

    def inferred_date(self, article_id: str) -> dict | None:
        """An undated article's date inferred from its text: {date, confidence, evidence}, or None."""
        rows = self._run("SELECT published_inferred FROM articles WHERE id = ?", [article_id])
        return json.loads(rows[0][0]) if rows and rows[0][0] else None

    # --- reads -------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            t: self._run(f"SELECT count(*) FROM {t}")[0][0]
            for t in ("pages", "articles", "rejects")
        }

    def iter_articles(self) -> Iterator[dict]:
        cols = ", ".join(ARTICLE_FIELDS)
        cur = self.con.execute(f"SELECT {cols} FROM articles ORDER BY seq, id")
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                break
            for row in rows:
                yield dict(zip(ARTICLE_FIELDS, row))

    def articles_arrow(self):
        cols = ", ".join(ARTICLE_FIELDS)
        # the corpus links (story, near-duplicate, wire origin) and an undated article's
        # inferred date come after the original fields
        return self.con.sql(f"""
            SELECT {cols}, story_id, duplicate_of, origin_id,
                   json_extract_string(published_inferred, '$.date') AS published_inferred,
                   CAST(json_extract(published_inferred, '$.confidence') AS DOUBLE) AS published_confidence,
                   json_extract_string(published_inferred, '$.evidence') AS published_evidence
            FROM articles ORDER BY seq, id""").to_arrow_table()

    def find_article(self, key: str) -> dict | None:
        """An article by id (or unique id prefix), by source, or by URL."""
        cols = ", ".join(ARTICLE_FIELDS + ["page_id", "extractor"])
        names = ARTICLE_FIELDS + ["page_id", "extractor"]
        for sql, arg in (
            (f"SELECT {cols} FROM articles WHERE id = ?", key),
            (f"SELECT {cols} FROM articles WHERE source = ? ORDER BY seq LIMIT 1", key),
            (f"SELECT {cols} FROM articles WHERE url = ? ORDER BY seq LIMIT 1", key),
            (f"SELECT {cols} FROM articles WHERE starts_with(id, ?) ORDER BY seq LIMIT 2", key),
            (f"SELECT {cols} FROM articles WHERE ends_with(source, ?) ORDER BY seq LIMIT 2", key),
        ):
            rows = self.con.execute(sql, [arg]).fetchall()
            if len(rows) == 1:
                return dict(zip(names, rows[0]))
        return None

    def rejects(self) -> list[dict]:
        rows = self.con.execute("SELECT source, reason, detail FROM rejects ORDER BY source, reason").fetchall()
        return [dict(zip(("source", "reason", "detail"), r)) for r in rows]

    def raw_page(self, page_id: str) -> bytes | None:
        rows = self._run("SELECT raw FROM pages WHERE id = ?", [page_id])
        return zlib.decompress(rows[0][0]) if rows else None


def _arrow_table(cols: list[str], rows: list[tuple]):
    """Rows (tuples in column order) as an Arrow table, one column at a time; no rows
    gives typeless empty columns (DuckDB casts them on the way in)."""
    import pyarrow as pa

    if not rows:
        return pa.Table.from_arrays([pa.array([], pa.null()) for _ in cols], names=cols)
    return pa.Table.from_arrays([pa.array(list(c)) for c in zip(*rows)], names=cols)
