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

from ..model import Article, Page, Reject

SCHEMA_VERSION = 1

ARTICLE_FIELDS = [
    "id", "source", "url", "outlet", "title", "published", "published_source",
    "language", "author", "text", "syndicated_from",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS pages (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    kind VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    published VARCHAR,
    published_source VARCHAR,
    title VARCHAR,
    fetched VARCHAR,
    encoding VARCHAR,
    raw_size BIGINT,
    raw BLOB,               -- zlib-compressed original bytes
    added_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    page_id VARCHAR NOT NULL,
    source VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published VARCHAR,
    published_source VARCHAR,
    language VARCHAR,
    author VARCHAR,
    text VARCHAR,
    syndicated_from VARCHAR,
    extractor VARCHAR,
    seq BIGINT               -- input order, for a stable export order
);
CREATE TABLE IF NOT EXISTS local_entities (   -- per-article entities (analysis stage)
    article_id VARCHAR, idx INTEGER, name VARCHAR, type VARCHAR, key VARCHAR, wikidata VARCHAR,
    country VARCHAR, aliases VARCHAR, roles VARCHAR, mentions INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR, idx INTEGER,
    PRIMARY KEY (article_id, start, "end")
);
CREATE TABLE IF NOT EXISTS article_quotes (
    article_id VARCHAR, n INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    speaker VARCHAR, speaker_idx INTEGER, cue VARCHAR, via VARCHAR,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS entities (           -- corpus level (link stage), rebuilt each build
    id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, aliases VARCHAR, wikidata VARCHAR,
    roles VARCHAR, article_ids VARCHAR, mentions INTEGER, country VARCHAR, seq INTEGER
);
CREATE TABLE IF NOT EXISTS entity_links (article_id VARCHAR, idx INTEGER, entity_id VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, text VARCHAR, kind VARCHAR, speaker_id VARCHAR, speaker VARCHAR, cue VARCHAR,
    via VARCHAR, article_ids VARCHAR, spans VARCHAR, chains VARCHAR, seq INTEGER
);
CREATE TABLE IF NOT EXISTS rejects (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    page_id VARCHAR,
    added_at TIMESTAMP
);
"""


class StoreError(Exception):
    """The store file cannot be opened or written."""


def _reject_id(r: Reject) -> str:
    return hashlib.sha256(f"{r.source}\x00{r.reason}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Store:
    """A DuckDB-backed store. Use as a context manager."""

    def __init__(self, path: str, read_only: bool = False):
        import duckdb

        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=read_only)
            if not read_only:
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self.con.execute(stmt).fetchall()
                # columns added after the first release of a table
                self.con.execute("ALTER TABLE local_entities ADD COLUMN IF NOT EXISTS domain VARCHAR").fetchall()
                self.con.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
                ).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {str(exc).splitlines()[0]}") from None
        self._seq = None

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

    def write_batch(self, pages: list[Page], articles: list[Article], rejects: list[Reject]) -> None:
        """Write one batch in one transaction (pages with raw bytes, articles, rejects)."""
        import pyarrow as pa

        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self._run("BEGIN")
        try:
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
        except Exception:
            self._run("ROLLBACK")
            raise

    def _write_analysis(self, articles: list[Article]) -> None:
        import json

        ents, ments, quotes = [], [], []
        for a in articles:
            if not a.analysed:
                continue
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
                               json.dumps(q.via, ensure_ascii=False)))
        for table, rows in (("local_entities", ents), ("mentions", ments), ("article_quotes", quotes)):
            self._insert_rows(table, rows, ignore=True)

    def _insert_rows(self, table: str, rows: list[tuple], ignore: bool = False) -> None:
        """Bulk insert through Arrow: DuckDB's executemany goes row by row and
        cost more than the whole analysis."""
        if not rows:
            return
        import pyarrow as pa

        cols = [r[1] for r in self._run(f"PRAGMA table_info('{table}')")]
        tbl = pa.Table.from_arrays([pa.array([r[i] for r in rows]) for i in range(len(cols))], names=cols)
        name = f"_in_{table}"
        self.con.register(name, tbl)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self._run(f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} ({quoted}) SELECT {quoted} FROM {name}")
        finally:
            self.con.unregister(name)

    def has_links(self) -> bool:
        return self._run("SELECT count(*) FROM entities")[0][0] > 0

    def link_inputs(self) -> tuple[list[dict], list[dict]]:
        """Per-article entities and quotes of every analysed article, in corpus order."""
        import json

        ents = self._run("""
            SELECT e.article_id, a.seq, a.published, e.idx, e.name, e.type, e.key, e.wikidata, e.country,
                   e.aliases, e.roles, e.mentions, e.domain
            FROM local_entities e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.idx""")
        names = ("article_id", "seq", "published", "index", "name", "type", "key", "wikidata", "country",
                 "aliases", "roles", "mentions", "domain")
        ent_rows = []
        for r in ents:
            d = dict(zip(names, r))
            d["aliases"], d["roles"] = json.loads(d["aliases"]), json.loads(d["roles"])
            ent_rows.append(d)
        qs = self._run("""
            SELECT q.article_id, a.seq, q.n, q.start, q."end", q.text, q.kind, q.speaker, q.speaker_idx, q.cue,
                   q.via, a.outlet, a.syndicated_from
            FROM article_quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.n""")
        qnames = ("article_id", "seq", "n", "start", "end", "text", "kind", "speaker", "speaker_idx", "cue",
                  "via", "outlet", "syndicated_from")
        q_rows = []
        for r in qs:
            d = dict(zip(qnames, r))
            d["via"] = json.loads(d["via"])
            q_rows.append(d)
        return ent_rows, q_rows

    def replace_links(self, entities: list, links: dict, quotes: list) -> None:
        """Rewrite the corpus-level tables in one transaction (deterministic order)."""
        import json

        self._run("BEGIN")
        try:
            for t in ("entities", "entity_links", "quotes"):
                self._run(f"DELETE FROM {t}")
            self._insert_rows("entities", [
                (e.id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False), e.wikidata,
                 json.dumps(e.roles, ensure_ascii=False), json.dumps(e.article_ids), e.mentions, e.country, n)
                for n, e in enumerate(entities)])
            self._insert_rows("entity_links", [(a, i, eid) for (a, i), eid in sorted(links.items())])
            self._insert_rows("quotes", [
                (q.id, q.text, q.kind, q.speaker_id, q.speaker, q.cue, json.dumps(q.via, ensure_ascii=False),
                 json.dumps(q.article_ids), json.dumps(q.spans), json.dumps(q.chains, ensure_ascii=False), n)
                for n, q in enumerate(quotes)])
            self._run("COMMIT")
        except Exception:
            self._run("ROLLBACK")
            raise

    ENTITY_FIELDS = ["id", "name", "type", "aliases", "wikidata", "roles", "article_ids", "mentions"]
    QUOTE_FIELDS = ["id", "text", "kind", "speaker_id", "speaker", "cue", "via", "article_ids", "spans"]
    _JSON_FIELDS = {"aliases", "roles", "article_ids", "via", "spans", "chains"}

    def _rows(self, sql: str, names: list[str], params: list | None = None) -> list[dict]:
        import json

        out = []
        for r in self._run(sql, params):
            d = dict(zip(names, r))
            for k in self._JSON_FIELDS & d.keys():
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
                                 ORDER BY a.seq, m.start) FILTER (WHERE m.article_id IS NOT NULL), []) AS mentions
            FROM entities e
            LEFT JOIN entity_links l ON l.entity_id = e.id
            LEFT JOIN mentions m ON m.article_id = l.article_id AND m.idx = l.idx
            LEFT JOIN articles a ON a.id = m.article_id
            GROUP BY {group}, e.seq ORDER BY e.seq"""
        return self._rows(sql, self.ENTITY_FIELDS)

    def quote_rows(self) -> list[dict]:
        cols = ", ".join(self.QUOTE_FIELDS)
        return self._rows(f"SELECT {cols} FROM quotes ORDER BY seq", self.QUOTE_FIELDS)

    def quote_rows_full(self) -> list[dict]:
        names = self.QUOTE_FIELDS + ["chains"]
        return self._rows(f"SELECT {', '.join(names)} FROM quotes ORDER BY seq", names)

    def article_meta(self, ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        rows = self._run("SELECT id, title, outlet, published, source FROM articles WHERE list_contains(?, id)", [ids])
        return {r[0]: {"title": r[1], "outlet": r[2], "published": r[3], "source": r[4]} for r in rows}

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
        return self.con.sql(f"SELECT {cols} FROM articles ORDER BY seq, id").to_arrow_table()

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
