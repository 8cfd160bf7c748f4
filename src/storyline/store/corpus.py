"""The store's side of the corpus stage: one snapshot out, one transaction in.

``CorpusIO.corpus_snapshot`` reads everything ``link.corpus.link_corpus`` needs;
``CorpusIO.write_corpus`` writes its result (entities, entity links, quotes with
their support, events, stories, contradictions, the articles' story / duplicate /
origin links) and the snapshot's version in a single transaction: a crash at any
point leaves either the previous links or the new ones, never half of each.
"""
from __future__ import annotations

import json

from ..faults import kill_point
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
_STORY_COLUMNS = ("id", "article_ids", "title", "summary", "start", "end", "entity_ids")
_CORPUS_TABLES = ("entities", "entity_links", "quotes", "events", "stories", "contradictions")


def _dicts(rows: list[tuple], names: tuple[str, ...], json_fields: tuple[str, ...] = ()) -> list[dict]:
    out = []
    for r in rows:
        d = dict(zip(names, r))
        for k in json_fields:
            d[k] = json.loads(d[k]) if d[k] is not None else None
        out.append(d)
    return out


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
        """Everything the corpus stage reads, in corpus order, from one transaction."""
        self._run("BEGIN")
        try:
            snap = CorpusSnapshot(
                version=self.article_count(),
                articles=_dicts(self._run(
                    f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY seq, id"),
                    _ARTICLE_COLUMNS, ("published_inferred",)),
                local_entities=_dicts(self._run("""
                    SELECT e.article_id, a.seq, a.published, e.idx, e.name, e.type, e.key, e.wikidata, e.country,
                           e.aliases, e.roles, e.mentions, e.domain
                    FROM local_entities e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.idx"""),
                    _LOCAL_ENTITY_COLUMNS, ("aliases", "roles")),
                quotes=_dicts(self._run("""
                    SELECT q.article_id, a.seq, q.n, q.start, q."end", q.text, q.kind, q.speaker, q.speaker_idx,
                           q.cue, q.via, a.outlet, a.syndicated_from, q.parts
                    FROM article_quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.n"""),
                    _QUOTE_COLUMNS, ("via", "parts")),
                events=_dicts(self._run("""
                    SELECT e.article_id, a.seq, e.n, e.start, e."end", e.sentence, e.type, e.mode, e.source_idx,
                           e.target_idx, e.actor_idxs, e.location_idx, e.location_text, e.date, e.date_precision,
                           e.date_source, e.modality, a.outlet
                    FROM article_events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.n"""),
                    _EVENT_COLUMNS),
                places=[tuple(r) for r in self._run("""
                    SELECT m.article_id, m.text, e.type FROM mentions m
                    JOIN local_entities e ON e.article_id = m.article_id AND e.idx = m.idx
                    WHERE e.type IN ('GPE', 'LOC') ORDER BY m.article_id, m.start""")],
                stories=_dicts(self._run(
                    'SELECT id, article_ids, title, summary, start, "end", entity_ids FROM stories ORDER BY seq'),
                    _STORY_COLUMNS, ("article_ids", "entity_ids")),
            )
        finally:
            self._run("COMMIT")
        return snap

    def write_corpus(self, links: CorpusLinks) -> None:
        """Replace every corpus-level record with ``links`` in one transaction."""
        self._run("BEGIN")
        try:
            for t in _CORPUS_TABLES:
                self._run(f"DELETE FROM {t}")
            self._write_entities(links)
            kill_point("corpus_writing")      # a test kills the process half-way through the writes
            self._write_quotes(links)
            self._write_stories(links)
            self._update_articles(links.article_links)
            self._run("INSERT OR REPLACE INTO meta VALUES ('linked_version', ?)", [str(links.version)])
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise

    def _write_entities(self, links: CorpusLinks) -> None:
        self._insert_rows("entities", [
            (e.id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False), e.wikidata,
             json.dumps(e.roles, ensure_ascii=False), json.dumps(e.article_ids), e.mentions, e.country, n)
            for n, e in enumerate(links.entities)])
        self._insert_rows("entity_links", [(a, i, eid) for (a, i), eid in sorted(links.entity_links.items())])

    def _write_quotes(self, links: CorpusLinks) -> None:
        support = links.quote_support
        self._insert_rows("quotes", [
            (q.id, q.text, q.kind, q.speaker_id, q.speaker, q.cue, json.dumps(q.via, ensure_ascii=False),
             json.dumps(q.article_ids), json.dumps(q.spans), json.dumps(q.chains, ensure_ascii=False), n,
             json.dumps(support[q.id][0], ensure_ascii=False) if q.id in support else None,
             support[q.id][1] if q.id in support else None)
            for n, q in enumerate(links.quotes)])

    def _write_stories(self, links: CorpusLinks) -> None:
        self._insert_rows("events", [
            (e.id, e.type, e.mode, e.date, e.date_precision, e.date_source, e.modality, e.source_actor_id,
             e.target_actor_id, json.dumps(e.actor_ids), json.dumps(e.actors, ensure_ascii=False), e.location,
             e.sentence, json.dumps(e.article_ids), json.dumps(e.spans), json.dumps(e.outlets, ensure_ascii=False),
             e.independent_sources, e.story_id, n, e.source_country, e.target_country)
            for n, e in enumerate(links.events)])
        self._insert_rows("stories", [
            (s.id, s.title, s.summary, json.dumps(s.article_ids), s.start, s.end, json.dumps(s.entity_ids), n)
            for n, s in enumerate(links.stories)])
        self._insert_rows("contradictions", [
            (c.id, c.kind, c.description, json.dumps(c.a, ensure_ascii=False), json.dumps(c.b, ensure_ascii=False),
             c.story_id, n) for n, c in enumerate(links.contradictions)])

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
                         origin_id = u.origin_id FROM _alinks u WHERE articles.id = u.id""")
        finally:
            self.con.unregister("_alinks")
