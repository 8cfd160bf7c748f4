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
CREATE TABLE IF NOT EXISTS article_timexes (   -- time expressions (analysis stage)
    article_id VARCHAR, n INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
    value_end VARCHAR, precision VARCHAR, modifier VARCHAR, anchored BOOLEAN,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS article_events (    -- PLOVER events as each article states them
    article_id VARCHAR, n INTEGER, start INTEGER, "end" INTEGER, sentence VARCHAR, type VARCHAR, mode VARCHAR,
    trigger VARCHAR, source_idx INTEGER, target_idx INTEGER, actor_idxs VARCHAR, location_idx INTEGER,
    location_text VARCHAR, source_text VARCHAR, target_text VARCHAR, date VARCHAR, date_precision VARCHAR,
    date_source VARCHAR, date_text VARCHAR, modality VARCHAR,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS events (             -- corpus level: one canonical event, many reports
    id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, date VARCHAR, date_precision VARCHAR,
    date_source VARCHAR, modality VARCHAR, source_actor_id VARCHAR, target_actor_id VARCHAR,
    actor_ids VARCHAR, actors VARCHAR, location VARCHAR, sentence VARCHAR, article_ids VARCHAR,
    spans VARCHAR, outlets VARCHAR, independent_sources INTEGER, story_id VARCHAR, seq INTEGER
);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, summary VARCHAR, article_ids VARCHAR, start VARCHAR,
    "end" VARCHAR, entity_ids VARCHAR, seq INTEGER
);
CREATE TABLE IF NOT EXISTS contradictions (
    id VARCHAR PRIMARY KEY, kind VARCHAR, description VARCHAR, a VARCHAR, b VARCHAR, story_id VARCHAR,
    seq INTEGER
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


# Columns added after the first release of a table (old stores gain them on open).
_ADDED_COLUMNS = [
    ("local_entities", "domain", "VARCHAR"),
    ("articles", "published_inferred", "VARCHAR"),      # JSON {date, confidence, evidence}
    ("articles", "story_id", "VARCHAR"),                # link stage
    ("articles", "duplicate_of", "VARCHAR"),
    ("articles", "origin_id", "VARCHAR"),
    ("quotes", "outlets", "VARCHAR"),
    ("quotes", "independent_sources", "INTEGER"),
    ("events", "source_country", "VARCHAR"),
    ("events", "target_country", "VARCHAR"),
]


_JSON_FIELDS = {"aliases", "roles", "article_ids", "via", "spans", "chains"}


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
                for table, column, type_ in _ADDED_COLUMNS:
                    self._run(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {type_}")
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
                               json.dumps(q.via, ensure_ascii=False)))
        for table, rows in (("local_entities", ents), ("mentions", ments), ("article_quotes", quotes),
                            ("article_timexes", timexes), ("article_events", events)):
            self._insert_rows(table, rows, ignore=True)
        inferred = [(a.id, json.dumps(a.published_inferred)) for a in articles if a.published_inferred]
        for aid, value in inferred:
            self._run("UPDATE articles SET published_inferred = ? WHERE id = ?", [value, aid])

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

    def link_articles(self) -> list[dict]:
        """What the corpus stages need of every article, in corpus order."""
        import json

        names = ("id", "seq", "title", "text", "outlet", "published", "published_inferred", "syndicated_from",
                 "url", "source", "language")
        rows = self._run(f"SELECT {', '.join(names)} FROM articles ORDER BY seq, id")
        out = [dict(zip(names, r)) for r in rows]
        for d in out:
            d["published_inferred"] = json.loads(d["published_inferred"]) if d["published_inferred"] else None
        return out

    def link_events(self) -> list[dict]:
        names = ("article_id", "seq", "n", "start", "end", "sentence", "type", "mode", "source_idx", "target_idx",
                 "actor_idxs", "location_idx", "location_text", "date", "date_precision", "date_source", "modality",
                 "outlet")
        rows = self._run("""
            SELECT e.article_id, a.seq, e.n, e.start, e."end", e.sentence, e.type, e.mode, e.source_idx,
                   e.target_idx, e.actor_idxs, e.location_idx, e.location_text, e.date, e.date_precision,
                   e.date_source, e.modality, a.outlet
            FROM article_events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.n""")
        return [dict(zip(names, r)) for r in rows]

    def place_mentions(self) -> list[tuple[str, str, str]]:
        """(article_id, mention text, entity type) of every place mention."""
        return self._run("""
            SELECT m.article_id, m.text, e.type FROM mentions m
            JOIN local_entities e ON e.article_id = m.article_id AND e.idx = m.idx
            WHERE e.type IN ('GPE', 'LOC') ORDER BY m.article_id, m.start""")

    def existing_stories(self) -> list[dict]:
        names = ("id", "article_ids", "title", "summary", "start", "end", "entity_ids")
        rows = self._run('SELECT id, article_ids, title, summary, start, "end", entity_ids FROM stories ORDER BY seq')
        import json

        out = []
        for r in rows:
            d = dict(zip(names, r))
            d["article_ids"], d["entity_ids"] = json.loads(d["article_ids"]), json.loads(d["entity_ids"])
            out.append(d)
        return out

    def replace_corpus(self, events: list, stories: list, contradictions: list, article_links: list[tuple],
                       quote_support: dict[str, tuple[list[str], int]]) -> None:
        """Rewrite the story-level tables (events, stories, contradictions) and the
        articles' story_id / duplicate_of / origin_id in one transaction."""
        import json

        import pyarrow as pa

        self._run("BEGIN")
        try:
            for t in ("events", "stories", "contradictions"):
                self._run(f"DELETE FROM {t}")
            self._insert_rows("events", [
                (e.id, e.type, e.mode, e.date, e.date_precision, e.date_source, e.modality, e.source_actor_id,
                 e.target_actor_id, json.dumps(e.actor_ids), json.dumps(e.actors, ensure_ascii=False), e.location,
                 e.sentence, json.dumps(e.article_ids), json.dumps(e.spans), json.dumps(e.outlets, ensure_ascii=False),
                 e.independent_sources, e.story_id, n, e.source_country, e.target_country)
                for n, e in enumerate(events)])
            self._insert_rows("stories", [
                (s.id, s.title, s.summary, json.dumps(s.article_ids), s.start, s.end, json.dumps(s.entity_ids), n)
                for n, s in enumerate(stories)])
            self._insert_rows("contradictions", [
                (c.id, c.kind, c.description, json.dumps(c.a, ensure_ascii=False), json.dumps(c.b, ensure_ascii=False),
                 c.story_id, n) for n, c in enumerate(contradictions)])
            if article_links:
                tbl = pa.table({k: [r[i] for r in article_links] for i, k in
                                enumerate(("id", "story_id", "duplicate_of", "origin_id"))},
                               schema=pa.schema([(k, pa.string()) for k in ("id", "story_id", "duplicate_of", "origin_id")]))
                self.con.register("_alinks", tbl)
                self._run("""UPDATE articles SET story_id = u.story_id, duplicate_of = u.duplicate_of,
                             origin_id = u.origin_id FROM _alinks u WHERE articles.id = u.id""")
                self.con.unregister("_alinks")
            if quote_support:
                ids = sorted(quote_support)
                tbl = pa.table({"id": ids,
                                "outlets": [json.dumps(quote_support[i][0], ensure_ascii=False) for i in ids],
                                "n": pa.array([quote_support[i][1] for i in ids], pa.int32())})
                self.con.register("_qsup", tbl)
                self._run("UPDATE quotes SET outlets = u.outlets, independent_sources = u.n FROM _qsup u "
                          "WHERE quotes.id = u.id")
                self.con.unregister("_qsup")
            self._run("COMMIT")
        except Exception:
            self._run("ROLLBACK")
            raise

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
                 json.dumps(q.article_ids), json.dumps(q.spans), json.dumps(q.chains, ensure_ascii=False), n,
                 None, None)
                for n, q in enumerate(quotes)])
            self._run("COMMIT")
        except Exception:
            self._run("ROLLBACK")
            raise

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
                                 ORDER BY a.seq, m.start) FILTER (WHERE m.article_id IS NOT NULL), []) AS mentions
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
