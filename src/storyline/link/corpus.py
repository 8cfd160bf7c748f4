"""The corpus stage as one pure function: ``link_corpus(snapshot) -> CorpusLinks``.

The store hands over one typed snapshot of what the corpus stage needs (the
per-article analysis of every article, and the stories of the previous build so
that they keep their ids); this module never opens the store. It resolves
entities across articles, merges quotes, finds duplicates and wire origins,
canonical events with their independent sources, stories and contradictions,
and returns them; the store writes the whole result in one transaction, tagged
with the snapshot's version. A crash anywhere in here therefore leaves the
previous links intact, and the next build sees them as stale and links again.

The same snapshot always gives the same result: every step sorts its input, and
the ids of derived records are content hashes, made unique before they leave.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import CorpusLinks, CorpusSnapshot, effective_date
from .contradictions import Contradiction, event_contradictions, place_contradictions, role_contradictions
from .dedup import DocInfo, independent_sources, link_duplicates
from .entities import LocalRef, resolve
from .events import EventReport, merge_events
from .quotes import merge
from .stories import Story, StoryDoc, canonical_docs, cluster_with_edges, nearest_neighbours, neighbour_edges

# URL paths of forums and aggregators: their copies point to the newspaper's original
_FORUM_URL = re.compile(r"forum|/threads?/|/topic/|viewtopic|showthread|/community/|/t/\d", re.IGNORECASE)

# entity types that characterise what an article is about (stories)
_STORY_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")


def _published(a: dict) -> str | None:
    return effective_date(a["published"], a.get("published_inferred"))


def link_corpus(snap: CorpusSnapshot, on_step: Callable[[str], None] | None = None) -> CorpusLinks:
    """The whole corpus stage over one snapshot; no store access. ``on_step`` hears the
    name of each step as it starts (a progress display). The snapshot is consumed: each
    part is dropped once used (per-article rows are most of the stage's memory)."""
    step = on_step or (lambda _name: None)
    by_id = {a["id"]: a for a in snap.articles}
    step("entities and quotes")
    entities, links = resolve(snap.local_entities)
    names = {e.id: e.name for e in entities}
    countries = {e.id: e.country for e in entities if e.country}
    ents_of = _story_entities(snap.local_entities, links)
    roles = _role_statements(snap.local_entities, links, by_id)
    snap.local_entities = []
    quotes = merge(_quote_rows(snap.quotes, links, names))
    snap.quotes = []

    step("duplicates and wire copies")
    dup_docs = [DocInfo(a["id"], a["text"] or "", a["outlet"], _published(a), a["syndicated_from"],
                        "forum" if _FORUM_URL.search(a["url"] or a["source"] or "") else None,
                        snap.sketches.get(a["id"])) for a in snap.articles]
    snap.sketches = {}
    unsketched = {d.id for d in dup_docs if d.sketch is None}     # stored by an older version
    dup = link_duplicates(dup_docs)
    new_sketches = {d.id: d.sketch for d in dup_docs if d.id in unsketched}
    del dup_docs

    def support(article_ids: list[str]) -> tuple[list[str], int]:
        if len(article_ids) == 1:      # most quotes and events: one article, one source
            outlet = by_id[article_ids[0]]["outlet"] if article_ids[0] in by_id else None
            return ([outlet] if outlet else []), 1
        outlets = list(dict.fromkeys(by_id[x]["outlet"] for x in article_ids if x in by_id and by_id[x]["outlet"]))
        return outlets, independent_sources(article_ids, dup)

    step("events")
    reports = _event_reports(snap.events, links)
    snap.events = []
    events = merge_events(reports, names, countries)
    for e in events:
        e.outlets, e.independent_sources = support(e.article_ids)

    step("stories")
    story_result = _stories(snap, reports, ents_of)
    stories = story_result.stories
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for e in events:
        e.story_id = story_of.get(e.article_ids[0])

    step("contradictions")
    contradictions = _contradictions(snap, reports, roles, names, by_id, story_of)
    article_links = [(a["id"], story_of.get(a["id"]), dup.duplicate_of.get(a["id"]),
                      dup.origin_id.get(a["id"], a["id"])) for a in snap.articles]
    dropped, unique = 0, []
    for records in (entities, quotes, events, stories, contradictions):
        kept, n = _unique_ids(records)
        unique.append(kept)
        dropped += n
    entities, quotes, events, stories, contradictions = unique
    return CorpusLinks(snap.version, entities, links, quotes, {q.id: support(q.article_ids) for q in quotes},
                       events, stories, contradictions, article_links, dropped, story_result.new_terms,
                       new_sketches, story_result.changed_neighbours, story_result.new_scored, story_result.memo)


def _unique_ids(records: list) -> tuple[list, int]:
    """Keep the first record of each id. Ids are content hashes of what identifies a
    record, so a repeat is the same fact found twice (two identical statements of a
    contradiction, say); writing both would violate the table's key and lose the
    whole corpus stage."""
    seen: set[str] = set()
    out = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out, len(records) - len(out)


def _quote_rows(rows: list[dict], links: dict, names: dict[str, str]) -> list[dict]:
    """Per-article quotes with their speaker resolved to a corpus entity and their
    reporting chain completed: media named in the text, then the wire the article
    was copied from, then the outlet."""
    out = []
    for q in rows:
        sid = links.get((q["article_id"], q["speaker_idx"])) if q["speaker_idx"] is not None else None
        via = list(q["via"])
        for hop in (q["syndicated_from"], q["outlet"]):
            if hop and hop not in via:
                via.append(hop)
        out.append({**q, "speaker_id": sid, "speaker": names.get(sid, q["speaker"]), "via": via,
                    "speaker_text": q["speaker"]})
    return out


def _event_reports(rows: list[dict], links: dict) -> list[EventReport]:
    import json

    reports = []
    for r in rows:
        aid = r["article_id"]

        def ent(idx, aid=aid):
            return links.get((aid, idx)) if idx is not None else None

        reports.append(EventReport(
            aid, r["seq"], r["n"], r["start"], r["end"], r["sentence"], r["type"], r["mode"], r["modality"],
            r["date"], r["date_precision"], r["date_source"], ent(r["source_idx"]), ent(r["target_idx"]),
            [x for x in (ent(i) for i in json.loads(r["actor_idxs"] or "[]")) if x],
            ent(r["location_idx"]), r["location_text"], r["outlet"]))
    return reports


@dataclass(slots=True)
class _StoryResult:
    stories: list[Story]
    new_terms: dict
    changed_neighbours: tuple
    new_scored: list[str]
    memo: dict


def _story_entities(ent_rows: list[LocalRef], links: dict) -> dict[str, list[str]]:
    """Per article, the corpus entity ids of the kinds that say what it is about,
    repeated once per mention."""
    ents_of: dict[str, list[str]] = {}
    for r in ent_rows:
        eid = links.get((r.article_id, r.index))
        if eid and r.type in _STORY_ENTITY_TYPES:
            ents_of.setdefault(r.article_id, []).extend([eid] * max(1, r.mentions or 1))
    return ents_of


def _stories(snap: CorpusSnapshot, reports: list[EventReport], ents_of: dict[str, list[str]]) -> _StoryResult:
    """Stories of the whole corpus. The neighbour lists of earlier builds are reused
    (a pair's similarity never changes) and only new articles are scored; the topic
    blocks whose inputs did not change come from the memo. The result is the
    one a single build of the same articles gives (tests/test_corpus_increments.py)."""
    keys_of: dict[str, list[str]] = {}
    for rep in reports:
        if rep.date:
            keys_of.setdefault(rep.article_id, []).append(f"{rep.type}|{rep.date}")
    docs = canonical_docs([StoryDoc(a["id"], a["title"], a["text"] or "", _published(a), ents_of.get(a["id"], []),
                                    keys_of.get(a["id"], []), snap.terms.get(a["id"])) for a in snap.articles])
    new_terms = {d.id: d.bags() for d in docs if d.id not in snap.terms}
    new = {d.id for d in docs} - snap.topic_scored
    # earlier neighbour lists, from the store's seqs to rows of ``docs``
    seq = np.array([snap.seqs[d.id] for d in docs], np.int64)
    row_of = np.full(int(seq.max()) + 1 if len(seq) else 0, -1, np.int64)
    row_of[seq] = np.arange(len(docs))
    oa, ob, os_ = (np.asarray(x) for x in snap.topic_neighbours)
    ok = (oa < len(row_of)) & (ob < len(row_of))
    oa, ob, os_ = row_of[oa[ok]], row_of[ob[ok]], os_[ok]
    ok = (oa >= 0) & (ob >= 0)
    known = (oa[ok], ob[ok], os_[ok])
    if new:
        nb, changed = nearest_neighbours(docs, known, new)
    else:
        nb, changed = known, np.zeros(0, int)
    stories, memo = cluster_with_edges(docs, neighbour_edges(nb), snap.story_memo) if docs else ([], {})
    in_changed = np.isin(nb[0], changed)
    changed_rows = (seq[changed], (seq[nb[0][in_changed]], seq[nb[1][in_changed]], nb[2][in_changed]))
    return _StoryResult(stories, new_terms, changed_rows, sorted(new), memo)


def _contradictions(snap: CorpusSnapshot, reports: list[EventReport], roles: list[dict], names: dict[str, str],
                    by_id: dict, story_of: dict[str, str]) -> list[Contradiction]:
    out = event_contradictions(reports, story_of, names)
    out += role_contradictions(roles, story_of, names)
    places: dict[str, dict[str, str]] = {}
    for aid, text, type_ in snap.places:
        places.setdefault(aid, {})[text] = type_
    for aid in sorted(places):
        if aid in by_id:
            out += place_contradictions(aid, by_id[aid]["text"] or "", places[aid], story_of.get(aid),
                                        is_container)
    out.sort(key=lambda c: (c.story_id or "", c.kind, c.a["article_id"], c.a["start"], c.id))
    return out


def _role_statements(ent_rows: list[LocalRef], links: dict, by_id: dict[str, dict]) -> list[dict]:
    """Roles as articles state them, with the span where each stands in the text
    (roles the gazetteer supplied are not in the text and are left out)."""
    out = []
    for r in ent_rows:
        if r.type != "PERSON" or not r.roles:
            continue
        eid = links.get((r.article_id, r.index))
        art = by_id.get(r.article_id)
        if not eid or not art:
            continue
        text = art["text"] or ""
        for role in r.roles:
            start = text.find(role)
            if start < 0:
                continue
            out.append({"entity_id": eid, "article_id": r.article_id, "published": _published(art),
                        "role": role, "start": start, "end": start + len(role), "text": role})
    return out


@lru_cache(maxsize=4096)
def is_container(name: str) -> bool:
    """A country or a region (which may contain a town), not a town."""
    import pycountry

    from ..analyse.gazetteer import CAPITALS, _norm_alias, gazetteer

    norm = _norm_alias(name)
    if norm in CAPITALS:
        return False
    if gazetteer().country_code(name):
        return True
    try:
        pycountry.subdivisions.lookup(name)
        return True
    except LookupError:
        return False
