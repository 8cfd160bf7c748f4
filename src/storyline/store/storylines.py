"""The store's side of the storyline step: its inputs out, its storylines in.

The step runs after the corpus stage has written the stories (``pipeline.link``):
it reads the stories, the member articles' terms, corpus entity ids, origins and
day-valued time expressions, and writes the ``storylines`` table (timeline as
JSON) with ``storylines_version`` = the linked version, in one transaction.
A storyline table older than the links is stale (``storylines_stale``).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from ..model import effective_date

STORYLINE_FIELDS = ["id", "title", "summary", "start", "end", "story_ids", "article_ids", "entity_ids", "timeline"]
TIMEX_FIELDS = ["article_id", "text", "start", "end", "type", "value", "anchor", "resolution"]
_STORY_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def storylines_version(store) -> int | None:
    rows = store._run("SELECT value FROM meta WHERE key = 'storylines_version'")
    return int(rows[0][0]) if rows else None


def storylines_stale(store) -> bool:
    return storylines_version(store) != store.linked_version()


def _episodes(store, ents_of: dict[str, list[str]]):
    """The stored stories as episodes (canonical order), with their term and entity
    count matrices (a term's count = member articles holding it; names count twice)."""
    from ..link.storylines import EpisodeDoc, canonical_episodes

    eps = canonical_episodes([
        EpisodeDoc(sid, title or "", summary or "", start, end, json.loads(aids), Counter(), Counter())
        for sid, title, summary, aids, start, end in store._run(
            'SELECT id, title, summary, article_ids, start, "end" FROM stories ORDER BY seq')])
    term_ids, term_art = _article_term_matrix(store)
    ent_ids = sorted({e for v in ents_of.values() for e in v})
    ent_col = {e: j for j, e in enumerate(ent_ids)}
    arts = sorted(set(term_ids) | set(ents_of))
    row = {a: r for r, a in enumerate(arts)}
    member = _membership(eps, row)
    tperm = sparse.csr_matrix((np.ones(len(term_ids)), ([row[a] for a in term_ids], np.arange(len(term_ids)))),
                              shape=(len(arts), len(term_ids)))
    ent_rows = [(row[a], ent_col[e]) for a, v in ents_of.items() for e in set(v)]
    ent_art = sparse.csr_matrix((np.ones(len(ent_rows)), tuple(zip(*ent_rows)) if ent_rows else ([], [])),
                                shape=(len(arts), max(1, len(ent_ids))))
    return eps, (member @ (tperm @ term_art), member @ ent_art)


def _membership(eps, row: dict[str, int]) -> sparse.csr_matrix:
    rr, cc = [], []
    for i, e in enumerate(eps):
        for a in e.article_ids:
            if a in row:
                rr.append(i)
                cc.append(row[a])
    return sparse.csr_matrix((np.ones(len(rr)), (rr, cc)), shape=(len(eps), len(row)))


def _article_term_matrix(store) -> tuple[list[str], sparse.csr_matrix]:
    """Articles x terms (hashed keys of ``article_terms``, sorted): 1 for a word, 2 for a
    word that is also a salient term (a name, place or figure)."""
    tbl = store.con.sql("SELECT article_id, text_keys, salient_keys FROM article_terms ORDER BY article_id"
                        ).to_arrow_table()
    ids = tbl.column("article_id").to_pylist()
    rows, keys = [], []
    for name in ("text_keys", "salient_keys"):
        col = tbl.column(name).combine_chunks()
        off = col.offsets.to_numpy()
        keys.append(col.values.to_numpy(zero_copy_only=False))
        rows.append(np.repeat(np.arange(len(ids)), np.diff(off)))
    keys_all, rows_all = np.concatenate(keys), np.concatenate(rows)
    vocab, cols = np.unique(keys_all, return_inverse=True)
    m = sparse.csr_matrix((np.ones(len(cols)), (rows_all, cols)), shape=(len(ids), max(1, len(vocab))))
    return ids, m


def _entities_of(store) -> dict[str, list[str]]:
    types = ", ".join(f"'{t}'" for t in _STORY_ENTITY_TYPES)
    out: dict[str, list[str]] = {}
    for aid, eid in store._run(f"""
            SELECT DISTINCT l.article_id, l.entity_id FROM entity_links l
            JOIN local_entities e ON e.article_id = l.article_id AND e.idx = l.idx
            WHERE l.entity_id IS NOT NULL AND e.type IN ({types}) ORDER BY 1, 2"""):
        out.setdefault(aid, []).append(eid)
    return out


def _article_origins(store) -> dict[str, tuple[str | None, str]]:
    """Every linked article's day and independent origin (copies of one original and
    dispatches of one wire are one source): all a timeline reads of an article besides
    its text and time expressions, which never change under its id."""
    out = {}
    for aid, pub, inferred, origin, wire in store._run("""
            SELECT id, published, published_inferred, origin_id, syndicated_from FROM articles"""):
        day = effective_date(pub, json.loads(inferred) if inferred else None)
        out[aid] = (day, f"wire:{wire}" if wire else f"id:{origin or aid}")
    return out


def _timeline_articles(store, ids: set[str], origins: dict[str, tuple[str | None, str]]) -> tuple[dict, dict]:
    """The texts, day-valued time expressions and sentences (``timeline_spans``) of the
    articles ``ids``; and the sentences found here, for the articles the store holds
    none for yet (article id -> flat start, end pairs)."""
    from ..link.storylines import TimelineArticle, is_day, timeline_spans

    if not ids:
        return {}, {}
    store._run("CREATE OR REPLACE TEMP TABLE _timeline_ids (id VARCHAR)")
    store._insert_rows("_timeline_ids", [(a,) for a in sorted(ids)])
    dates: dict[str, list] = {}
    for aid, s, e, v in store._run("""SELECT article_id, start, "end", value FROM article_timexes
                                      WHERE type = 'DATE' AND length(value) = 10
                                        AND article_id IN (SELECT id FROM _timeline_ids) ORDER BY article_id, n"""):
        if is_day(v):
            dates.setdefault(aid, []).append((s, e, v))
    spans = {aid: list(zip(flat[::2], flat[1::2])) for aid, flat in store._run(
        "SELECT article_id, spans FROM timeline_spans WHERE code = ? AND article_id IN (SELECT id FROM _timeline_ids)",
        [_TIMELINE_CODE])}
    out, found = {}, {}
    for aid, text in store._run("SELECT id, text FROM articles WHERE id IN (SELECT id FROM _timeline_ids)"):
        day, key = origins[aid]
        art = out[aid] = TimelineArticle(aid, text or "", day, key, dates.get(aid, []), spans.get(aid))
        if art.spans is None:
            art.spans = timeline_spans(art)
            found[aid] = [x for span in art.spans for x in span]
    store._run("DROP TABLE _timeline_ids")
    return out, found


# the code that makes a timeline, in the memo's keys: a memo written by another version
# of it is never read
_TIMELINE_CODE = hashlib.sha1(Path(__file__).with_name("storylines.py").read_bytes()
                              + (Path(__file__).parents[1] / "link" / "storylines.py").read_bytes()).hexdigest()[:16]


def timeline_key(line, origins: dict[str, tuple[str | None, str]]) -> str:
    """Everything a storyline's timeline is made from: its window, its articles (ids
    stand for their texts and time expressions) with their days and origins."""
    from ..link.storylines import timeline_window

    parts = [_TIMELINE_CODE, *map(str, timeline_window(line))]
    parts += [f"{a}|{origins[a][0]}|{origins[a][1]}" for a in sorted(line.article_ids) if a in origins]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def _add_timelines(store, lines) -> tuple[dict[str, str], dict[str, list[int]]]:
    """Each storyline's timeline: from the memo when its inputs did not change since an
    earlier build (a build that adds 1% touches a few storylines), else made here.
    Returns this build's memo (key -> timeline JSON) and the articles' sentences it
    found (``_timeline_articles``)."""
    from ..link.storylines import TimelineDate, build_timeline, timeline_window

    origins = _article_origins(store)
    keys = [timeline_key(line, origins) for line in lines]
    old = dict(store._run("SELECT key, value FROM timeline_memo"))
    missing = {a for line, k in zip(lines, keys) if k not in old for a in line.article_ids if a in origins}
    articles, found = _timeline_articles(store, missing, origins)
    memo = {}
    for line, k in zip(lines, keys):
        if k in old:
            line.timeline = [TimelineDate(**d) for d in json.loads(old[k])]
        else:
            first, last = timeline_window(line)
            line.timeline = build_timeline([articles[a] for a in line.article_ids if a in articles],
                                           first=first, last=last)
        memo[k] = old.get(k) or json.dumps([t.to_dict() for t in line.timeline], ensure_ascii=False)
    return memo, found


def link_storylines_in(store, params=None) -> int:
    """The storyline step over the stored stories; returns the number of storylines."""
    from ..link.storylines import group_storylines

    ents_of = _entities_of(store)
    episodes, counts = _episodes(store, ents_of)
    lines = group_storylines(episodes, ents_of, params, counts)
    memo, spans = _add_timelines(store, lines)
    write_storylines(store, lines, store.linked_version(), memo, spans)
    return len(lines)


def write_storylines(store, lines, version: int | None, memo: dict[str, str] | None = None,
                     spans: dict[str, list[int]] | None = None) -> None:
    """The storylines, the timeline memo (this build's entries only, so that it stays
    the size of the corpus's storylines) and the articles' sentences found by this
    build (``timeline_spans``), in one transaction."""
    store._run("BEGIN")
    try:
        store._run("DELETE FROM storylines")
        store._insert_rows("storylines", [
            (s.id, s.title, s.summary, s.start, s.end, json.dumps(s.story_ids), json.dumps(s.article_ids),
             json.dumps(s.entity_ids), json.dumps([t.to_dict() for t in s.timeline], ensure_ascii=False), n)
            for n, s in enumerate(lines)])
        if memo is not None:
            store._run("DELETE FROM timeline_memo")
            store._insert_rows("timeline_memo", sorted(memo.items()))
        if spans:
            store._run("DELETE FROM timeline_spans WHERE code <> ?", [_TIMELINE_CODE])   # found by other code
            store._insert_rows("timeline_spans", [(a, _TIMELINE_CODE, v) for a, v in sorted(spans.items())],
                               ignore=True)
        store._run("INSERT OR REPLACE INTO meta VALUES ('storylines_version', ?)", [str(version)])
        store._run("COMMIT")
    except BaseException:
        store._run("ROLLBACK")
        raise


def storyline_rows(store) -> list[dict]:
    """Stored storylines in order (none for a store built before storylines existed)."""
    if not store._run("SELECT 1 FROM information_schema.tables WHERE table_name = 'storylines'"):
        return []
    cols = ", ".join(f'"{c}"' for c in STORYLINE_FIELDS)
    out = []
    for r in store._run(f"SELECT {cols} FROM storylines ORDER BY seq"):
        d = dict(zip(STORYLINE_FIELDS, r))
        for k in ("story_ids", "article_ids", "entity_ids", "timeline"):
            d[k] = json.loads(d[k]) if d[k] else []
        out.append(d)
    return out


# how a stored time expression got its value
_RESOLUTION = {True: "relative to the anchor (the article's date)", False: "absolute (no anchor needed)"}


def timex_rows(store) -> list[dict]:
    """Every article's time expressions with the anchor they were resolved against."""
    out = []
    for aid, text, s, e, typ, value, anchored, precision, pub, inferred in store._run("""
            SELECT t.article_id, t.text, t.start, t."end", t.type, t.value, t.anchored, t.precision,
                   a.published, a.published_inferred
            FROM article_timexes t JOIN articles a ON a.id = t.article_id ORDER BY a.seq, t.n"""):
        anchor = effective_date(pub, json.loads(inferred) if inferred else None)
        how = "unresolved" if value is None else _RESOLUTION[bool(anchored)]
        if precision == "offset":
            how = "offset from another event (unresolved)"
        out.append({"article_id": aid, "text": text, "start": s, "end": e, "type": typ, "value": value,
                    "anchor": anchor if anchored else None, "resolution": how})
    return out
