"""The store's side of the corpus stage: one snapshot out, one transaction in.

``CorpusIO.corpus_snapshot`` reads everything ``link.corpus.link_corpus`` needs;
``CorpusIO.write_corpus`` writes its result (entities, entity links, quotes with
their support, events, stories, contradictions, the articles' story / duplicate /
origin links) and the snapshot's version in a single transaction: a crash at any
point leaves either the previous links or the new ones, never half of each.
"""
from __future__ import annotations

import orjson

from ..faults import kill_point
from ..link.entities import LocalRef
from ..model import CorpusLinks, CorpusSnapshot

_LOCAL_ENTITY_COLUMNS = ("article_id", "seq", "published", "index", "name", "type", "key", "wikidata", "country",
                         "aliases", "roles", "mentions", "domain")
_QUOTE_COLUMNS = ("article_id", "seq", "n", "start", "end", "text", "kind", "speaker", "speaker_idx", "cue",
                  "via", "outlet", "syndicated_from", "parts")
_ARTICLE_COLUMNS = ("id", "seq", "title", "text", "outlet", "published", "published_inferred", "syndicated_from",
                    "url", "source", "language")
_EVENT_COLUMNS = ("article_id", "seq", "n", "start", "end", "sentence", "type", "mode", "source_idx", "target_idx",
                  "actor_idxs", "location_idx", "location_text", "date", "date_precision", "date_source",
                  "modality", "outlet")


def _json(value) -> str:
    """A stored list or dict as JSON text. orjson, not the standard encoder: a build
    encodes every corpus record's lists (over a million values at 28.8k, 2-3 s of the
    writing step with ``json``; a tenth of that with orjson). Compact, UTF-8."""
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY).decode()


# rows turned into dicts a batch at a time, column by column through Arrow (a Python
# value per cell, not per-row tuples); each batch's repeated strings (ids, names, types,
# dates, outlets) shared, and repeated JSON lists parsed once: DuckDB returns a new
# string object per value, and those copies were most of the corpus stage's memory
_FETCH_ROWS = 20_000
# a column whose values average longer than this (article texts) is not pooled
_SHARED_MAX_LEN = 64


def _dicts(con, sql: str, names: tuple[str, ...], json_fields: tuple[str, ...] = (), record=None) -> list:
    """The rows of the query ``sql`` as dicts keyed by ``names`` (or as ``record(*row)``);
    ``json_fields`` parsed. The parsed lists of equal JSON strings are one object: read
    them, never change them."""
    import pyarrow as pa

    out: list = []
    parsed: dict[str, object] = {}
    for batch in con.sql(sql).to_arrow_reader(_FETCH_ROWS):
        cols = []
        for k, name in enumerate(names):
            col = batch.column(k)
            if name in json_fields:
                vals = col.to_pylist()
                cols.append([v if v is None else parsed[v] if v in parsed else parsed.setdefault(v, orjson.loads(v))
                             for v in vals])
            elif pa.types.is_string(col.type) and col.nbytes <= _SHARED_MAX_LEN * max(1, len(col)) + 8 * len(col):
                enc = col.dictionary_encode()
                uniq = enc.dictionary.to_pylist() + [None]
                idx = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).tolist()
                cols.append([uniq[i] for i in idx])
            else:
                cols.append(col.to_pylist())
        if record is None:
            out.extend(dict(zip(names, row)) for row in zip(*cols))
        else:
            out.extend(record(*row) for row in zip(*cols))
    return out


def _canonical_order(snap: CorpusSnapshot) -> None:
    snap.articles.sort(key=lambda a: (a["published"] or "9999-99-99", a["id"]))
    rank = {a["id"]: r for r, a in enumerate(snap.articles)}
    for a in snap.articles:
        a["seq"] = rank[a["id"]]
    for r in snap.local_entities:
        r.seq = rank[r.article_id]
    snap.local_entities.sort(key=lambda r: (r.seq, r.index))
    for rows in (snap.quotes, snap.events):
        for r in rows:
            r["seq"] = rank[r["article_id"]]
        rows.sort(key=lambda r: (r["seq"], r["n"]))


class CorpusIO:
    """Mixed into ``Store``: uses its connection (``con``), ``_run`` and ``_insert_rows``."""

    def article_count(self) -> int:
        return self._run("SELECT count(*) FROM articles")[0][0]

    def linked_version(self) -> int | None:
        rows = self._run("SELECT value FROM meta WHERE key = 'linked_version'")
        return int(rows[0][0]) if rows else None

    def links_stale(self) -> bool:
        """True when the stored links were not computed from the articles now stored."""
        return self.linked_version() != self.article_count()

    def corpus_snapshot(self) -> CorpusSnapshot:
        """Everything the corpus stage reads, from one transaction, in corpus order: by
        (publication date, id), not by arrival, so that a store built in increments
        links exactly as one built at once (the ``seq`` of each row becomes that rank;
        ``snap.seqs`` keeps the store's own)."""
        self._run("BEGIN")
        try:
            snap = CorpusSnapshot(
                version=self.article_count(),
                articles=_dicts(self.con,
                    f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY seq, id",
                    _ARTICLE_COLUMNS, ("published_inferred",)),
                local_entities=_dicts(self.con, """
                    SELECT e.article_id, a.seq, a.published, e.idx, e.name, e.type, e.key, e.wikidata, e.country,
                           e.aliases, e.roles, e.mentions, e.domain
                    FROM local_entities e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.idx""",
                    _LOCAL_ENTITY_COLUMNS, ("aliases", "roles"), LocalRef),
                quotes=_dicts(self.con, """
                    SELECT q.article_id, a.seq, q.n, q.start, q."end", q.text, q.kind, q.speaker, q.speaker_idx,
                           q.cue, q.via, a.outlet, a.syndicated_from, q.parts
                    FROM article_quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.n""",
                    _QUOTE_COLUMNS, ("via", "parts")),
                events=_dicts(self.con, """
                    SELECT e.article_id, a.seq, e.n, e.start, e."end", e.sentence, e.type, e.mode, e.source_idx,
                           e.target_idx, e.actor_idxs, e.location_idx, e.location_text, e.date, e.date_precision,
                           e.date_source, e.modality, a.outlet
                    FROM article_events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.n""",
                    _EVENT_COLUMNS),
                places=[tuple(r) for r in self._run("""
                    SELECT m.article_id, m.text, e.type FROM mentions m
                    JOIN local_entities e ON e.article_id = m.article_id AND e.idx = m.idx
                    WHERE e.type IN ('GPE', 'LOC') ORDER BY m.article_id, m.start""")],
            )
            self._story_inputs(snap)
            _canonical_order(snap)
        finally:
            self._run("COMMIT")
        return snap

    def _story_inputs(self, snap: CorpusSnapshot) -> None:
        """What story clustering keeps across builds, as numpy arrays (a Python object
        per term or per pair would cost gigabytes at 30k articles)."""
        from ..analyse.terms import ArticleTerms, TermBag

        snap.seqs = {a["id"]: a["seq"] for a in snap.articles}
        tbl = self.con.sql("SELECT * FROM article_terms ORDER BY article_id").to_arrow_table()
        cols = {}
        for name in tbl.column_names[1:]:
            arr = tbl.column(name).combine_chunks()
            cols[name] = (arr.offsets.to_numpy(), arr.values.to_numpy(zero_copy_only=False))

        def bag(prefix: str, r: int) -> TermBag:
            part = []
            for field_ in ("keys", "counts", "idf"):
                off, vals = cols[f"{prefix}_{field_}"]
                part.append(vals[off[r]:off[r + 1]])
            return TermBag(*part)

        ids = tbl.column("article_id").to_pylist()
        snap.terms = {aid: ArticleTerms(bag("text", r), bag("salient", r)) for r, aid in enumerate(ids)}
        snap.sketches = self._sketches()
        nb = self.con.execute("SELECT a, b, sim FROM topic_neighbours").fetchnumpy()
        snap.topic_neighbours = (nb["a"], nb["b"], nb["sim"])
        snap.topic_scored = {r[0] for r in self._run("SELECT article_id FROM topic_scored")}
        snap.story_memo = {k: orjson.loads(v) for k, v in self._run("SELECT key, value FROM story_memo")}

    def write_corpus(self, links: CorpusLinks) -> None:
        """Replace every corpus-level record with ``links`` in one transaction."""
        self._run("BEGIN")
        try:
            self._write_entities(links)
            kill_point("corpus_writing")      # a test kills the process half-way through the writes
            self._write_quotes(links)
            self._write_stories(links)
            self._update_articles(links.article_links)
            self._write_story_inputs(links)
            self._run("INSERT OR REPLACE INTO meta VALUES ('linked_version', ?)", [str(links.version)])
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise

    def _write_entities(self, links: CorpusLinks) -> None:
        self._replace_rows("entities", [
            (e.id, e.name, e.type, _json(e.aliases), e.wikidata,
             _json(e.roles), _json(e.article_ids), e.mentions, e.country, n)
            for n, e in enumerate(links.entities)])
        self._replace_rows("entity_links", [(a, i, eid) for (a, i), eid in sorted(links.entity_links.items())],
                           order=None)

    def _write_quotes(self, links: CorpusLinks) -> None:
        support = links.quote_support
        self._replace_rows("quotes", [
            (q.id, q.text, q.kind, q.speaker_id, q.speaker, q.cue, _json(q.via),
             _json(q.article_ids), _json(q.spans), _json(q.chains), n,
             _json(support[q.id][0]) if q.id in support else None,
             support[q.id][1] if q.id in support else None)
            for n, q in enumerate(links.quotes)])

    def _write_stories(self, links: CorpusLinks) -> None:
        self._replace_rows("events", [
            (e.id, e.type, e.mode, e.date, e.date_precision, e.date_source, e.modality, e.source_actor_id,
             e.target_actor_id, _json(e.actor_ids), _json(e.actors), e.location,
             e.sentence, _json(e.article_ids), _json(e.spans), _json(e.outlets),
             e.independent_sources, e.story_id, n, e.source_country, e.target_country)
            for n, e in enumerate(links.events)])
        self._replace_rows("stories", [
            (s.id, s.title, s.summary, _json(s.article_ids), s.start, s.end, _json(s.entity_ids), n)
            for n, s in enumerate(links.stories)])
        self._replace_rows("contradictions", [
            (c.id, c.kind, c.description, _json(c.a), _json(c.b),
             c.story_id, n) for n, c in enumerate(links.contradictions)])

    def _write_story_inputs(self, links: CorpusLinks) -> None:
        """The terms and scored articles this build added, the neighbour lists that
        changed; the memo keeps only this build's entries (a block that changed is a new key)."""
        import pyarrow as pa

        if links.new_terms:
            self.write_terms(links.new_terms)
        self.write_sketches(links.new_sketches)
        changed, (a, b, sim) = links.changed_neighbours
        if len(changed):
            self.con.register("_changed", pa.table({"a": pa.array(changed, pa.int64())}))
            self._run("DELETE FROM topic_neighbours WHERE a IN (SELECT a FROM _changed)")
            self.con.unregister("_changed")
        if len(a):
            self.con.register("_nb_in", pa.table({"a": pa.array(a, pa.int64()), "b": pa.array(b, pa.int64()),
                                                  "sim": pa.array(sim, pa.float64())}))
            self._run("INSERT INTO topic_neighbours SELECT a, b, sim FROM _nb_in")
            self.con.unregister("_nb_in")
        self._insert_rows("topic_scored", [(x,) for x in links.new_topic_scored], ignore=True)
        old = {r[0] for r in self._run("SELECT key FROM story_memo")}
        gone = sorted(old - links.story_memo.keys())
        if gone:
            self.con.register("_gone", pa.table({"key": gone}))
            self._run("DELETE FROM story_memo WHERE key IN (SELECT key FROM _gone)")
            self.con.unregister("_gone")
        self._insert_rows("story_memo", [(k, _json(v))
                                         for k, v in sorted(links.story_memo.items()) if k not in old])

    def _sketches(self) -> dict:
        """Every stored article's ``link.dedup.TextSketch``."""
        import numpy as np

        from ..link.dedup import TextSketch

        if not self._run("SELECT 1 FROM information_schema.tables WHERE table_name = 'article_sketches'"):
            return {}       # a store of an older version, opened read-only
        tbl = self.con.sql("SELECT article_id, sig, shingles, digest FROM article_sketches").to_arrow_table()
        return {aid: TextSketch(np.frombuffer(sig, np.uint32), n, digest) for aid, sig, n, digest in zip(
            *(tbl.column(c).to_pylist() for c in ("article_id", "sig", "shingles", "digest")))}

    def write_sketches(self, sketches: dict) -> None:
        """Rows of ``article_sketches`` (article id -> link.dedup.TextSketch)."""
        self._insert_rows("article_sketches", [
            (aid, k.sig.astype("<u4").tobytes(), k.shingles, k.digest) for aid, k in sorted(sketches.items())],
            ignore=True)

    def write_terms(self, terms: dict) -> None:
        """Rows of ``article_terms`` (article id -> analyse.terms.ArticleTerms)."""
        import pyarrow as pa

        ids = sorted(terms)
        cols: dict = {"article_id": pa.array(ids, pa.string())}
        for prefix in ("text", "salient"):
            for field_, typ in (("keys", pa.int64()), ("counts", pa.int32()), ("idf", pa.float32())):
                cols[f"{prefix}_{field_}"] = pa.array(
                    [getattr(getattr(terms[i], prefix), field_) for i in ids], pa.list_(typ))
        self.con.register("_terms_in", pa.table(cols))
        self._run("INSERT OR IGNORE INTO article_terms SELECT * FROM _terms_in")
        self.con.unregister("_terms_in")

    def _update_articles(self, article_links: list[tuple]) -> None:
        if not article_links:
            return
        import pyarrow as pa

        cols = ("id", "story_id", "duplicate_of", "origin_id")
        tbl = pa.table({k: [r[i] for r in article_links] for i, k in enumerate(cols)},
                       schema=pa.schema([(k, pa.string()) for k in cols]))
        self.con.register("_alinks", tbl)
        try:
            self._run("""UPDATE articles SET story_id = u.story_id, duplicate_of = u.duplicate_of,
                         origin_id = u.origin_id FROM _alinks u WHERE articles.id = u.id
                         AND (articles.story_id IS DISTINCT FROM u.story_id
                              OR articles.duplicate_of IS DISTINCT FROM u.duplicate_of
                              OR articles.origin_id IS DISTINCT FROM u.origin_id)""")
        finally:
            self.con.unregister("_alinks")
