"""The store's tables. Corpus-level tables (entities, quotes, events, stories,
contradictions, entity links) are rewritten as a whole by each corpus stage;
per-article tables only grow.

``meta`` holds ``schema_version`` and ``linked_version``: the number of articles
the stored links were computed from. Links older than the articles are stale and
the next build links again, whatever happened before (a crash, a kill).
"""
from __future__ import annotations

SCHEMA_VERSION = 1

SCHEMA = """
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
CREATE TABLE IF NOT EXISTS site_lines (        -- per site, on how many stored text pages each short line
    site VARCHAR, line VARCHAR, pages INTEGER,  -- appeared (pipeline.SiteLineCounter): kept with the pages so
    PRIMARY KEY (site, line)                    -- that a later build cleans its pages as one build would
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
    speaker VARCHAR, speaker_idx INTEGER, cue VARCHAR, via VARCHAR, parts VARCHAR,
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
CREATE TABLE IF NOT EXISTS article_terms (     -- what story clustering compares (analysis stage, analyse/terms.py)
    article_id VARCHAR PRIMARY KEY, text_keys BIGINT[], text_counts INTEGER[], text_idf FLOAT[],
    salient_keys BIGINT[], salient_counts INTEGER[], salient_idf FLOAT[]
);
CREATE TABLE IF NOT EXISTS article_sketches (  -- what duplicate detection compares (analysis stage, link/dedup.py):
    article_id VARCHAR PRIMARY KEY,             -- MinHash signature (uint32 bytes), distinct shingles,
    sig BLOB, shingles BIGINT, digest BLOB      -- digest of the normalised text (NULL: no words)
);
CREATE TABLE IF NOT EXISTS topic_neighbours (  -- corpus level, kept across builds: article b (seq) is among
    a BIGINT, b BIGINT, sim DOUBLE              -- the nearest of article a for stories (stage-1 similarity)
);
CREATE TABLE IF NOT EXISTS topic_scored (      -- articles whose neighbours are in topic_neighbours
    article_id VARCHAR PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS story_memo (        -- corpus level, kept across builds: the stories of each topic
    key VARCHAR PRIMARY KEY, value VARCHAR      -- block and the blocks of each component, by a key of their inputs
);
CREATE TABLE IF NOT EXISTS storylines (        -- corpus level (storyline step, link/storylines.py): episodes
    id VARCHAR PRIMARY KEY, title VARCHAR, summary VARCHAR, start VARCHAR, "end" VARCHAR,   -- of one developing
    story_ids VARCHAR, article_ids VARCHAR, entity_ids VARCHAR, timeline VARCHAR, seq INTEGER  -- story
);
CREATE TABLE IF NOT EXISTS timeline_memo (     -- corpus level, kept across builds: each storyline's
    key VARCHAR PRIMARY KEY, value VARCHAR      -- timeline (JSON) by a key of its inputs (store/storylines.py)
);
CREATE TABLE IF NOT EXISTS timeline_spans (    -- per article, kept across builds: the sentences a timeline
    article_id VARCHAR PRIMARY KEY,             -- reads (flat start, end pairs), found by the code ``code``
    code VARCHAR, spans INTEGER[]
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
ADDED_COLUMNS = [
    ("local_entities", "domain", "VARCHAR"),
    ("articles", "published_inferred", "VARCHAR"),      # JSON {date, confidence, evidence}
    ("articles", "story_id", "VARCHAR"),                # link stage
    ("articles", "duplicate_of", "VARCHAR"),
    ("articles", "origin_id", "VARCHAR"),
    ("quotes", "outlets", "VARCHAR"),
    ("article_quotes", "parts", "VARCHAR"),             # JSON [[start, end], ...] of an interrupted quote
    ("quotes", "independent_sources", "INTEGER"),
    ("events", "source_country", "VARCHAR"),
    ("events", "target_country", "VARCHAR"),
]
