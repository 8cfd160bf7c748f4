"""The story-level corpus stage, after entity resolution: duplicates and wire
origins, canonical events with their independent sources, stories, and
contradictions. Reads the per-article analysis from the store, writes the
corpus tables back in one transaction; the same store always gives the same
result (every step sorts its input).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ..model import effective_date
from .contradictions import event_contradictions, place_contradictions, role_contradictions
from .dedup import DocInfo, independent_sources, link_duplicates
from .events import EventReport, merge_events
from .stories import Story, StoryDoc, cluster_stories

# URL paths of forums and aggregators: their copies point to the newspaper's original
_FORUM_URL = re.compile(r"forum|/threads?/|/topic/|viewtopic|showthread|/community/|/t/\d", re.IGNORECASE)


def _published(a: dict) -> str | None:
    return effective_date(a["published"], a.get("published_inferred"))


def link_corpus(store, ent_rows: list[dict], links: dict[tuple[str, int], str], names: dict[str, str],
                quotes: list, countries: dict[str, str] | None = None) -> None:
    arts = store.link_articles()
    by_id = {a["id"]: a for a in arts}

    # 1. duplicates and wire origins
    dup = link_duplicates([
        DocInfo(a["id"], a["text"] or "", a["outlet"], _published(a), a["syndicated_from"],
                "forum" if _FORUM_URL.search(a["url"] or a["source"] or "") else None)
        for a in arts])

    def support(article_ids: list[str]) -> tuple[list[str], int]:
        outlets = list(dict.fromkeys(by_id[x]["outlet"] for x in article_ids if x in by_id and by_id[x]["outlet"]))
        return outlets, independent_sources(article_ids, dup)

    # 2. canonical events
    reports = []
    for r in store.link_events():
        aid = r["article_id"]
        ent = (lambda idx: links.get((aid, idx)) if idx is not None else None)
        reports.append(EventReport(
            aid, r["seq"], r["n"], r["start"], r["end"], r["sentence"], r["type"], r["mode"], r["modality"],
            r["date"], r["date_precision"], r["date_source"], ent(r["source_idx"]), ent(r["target_idx"]),
            [x for x in (ent(i) for i in json.loads(r["actor_idxs"] or "[]")) if x],
            ent(r["location_idx"]), r["location_text"], r["outlet"]))
    events = merge_events(reports, names, countries)
    for e in events:
        e.outlets, e.independent_sources = support(e.article_ids)

    # 3. stories (incremental: earlier stories keep their ids and members)
    ents_of: dict[str, list[str]] = {}
    for r in ent_rows:
        eid = links.get((r["article_id"], r["index"]))
        if eid and r["type"] in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
            ents_of.setdefault(r["article_id"], []).extend([eid] * max(1, r.get("mentions") or 1))
    keys_of: dict[str, list[str]] = {}
    for rep in reports:
        if rep.date:
            keys_of.setdefault(rep.article_id, []).append(f"{rep.type}|{rep.date}")
    docs = [StoryDoc(a["id"], a["title"], a["text"] or "", _published(a), ents_of.get(a["id"], []),
                     keys_of.get(a["id"], [])) for a in arts]
    existing = [Story(s["id"], s["article_ids"], s["title"], s["summary"], s["start"], s["end"], s["entity_ids"])
                for s in store.existing_stories()]
    existing = [s for s in existing if any(x in by_id for x in s.article_ids)]
    stories = cluster_stories(docs, existing) if docs else []
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for e in events:
        e.story_id = story_of.get(e.article_ids[0])

    # 4. contradictions
    contradictions = event_contradictions(reports, story_of, names)
    contradictions += role_contradictions(_role_statements(ent_rows, links, by_id), story_of, names)
    places: dict[str, dict[str, str]] = {}
    for aid, text, type_ in store.place_mentions():
        places.setdefault(aid, {})[text] = type_
    for aid in sorted(places):
        if aid in by_id:
            contradictions += place_contradictions(aid, by_id[aid]["text"] or "", places[aid], story_of.get(aid),
                                                   is_container)
    contradictions.sort(key=lambda c: (c.story_id or "", c.kind, c.a["article_id"], c.a["start"]))

    quote_support = {q.id: support(q.article_ids) for q in quotes}
    article_links = [(a["id"], story_of.get(a["id"]), dup.duplicate_of.get(a["id"]), dup.origin_id.get(a["id"], a["id"]))
                     for a in arts]
    store.replace_corpus(events, stories, contradictions, article_links, quote_support)


def _role_statements(ent_rows: list[dict], links: dict, by_id: dict[str, dict]) -> list[dict]:
    """Roles as articles state them, with the span where each stands in the text
    (roles the gazetteer supplied are not in the text and are left out)."""
    out = []
    for r in ent_rows:
        if r["type"] != "PERSON" or not r["roles"]:
            continue
        eid = links.get((r["article_id"], r["index"]))
        art = by_id.get(r["article_id"])
        if not eid or not art:
            continue
        text = art["text"] or ""
        for role in r["roles"]:
            start = text.find(role)
            if start < 0:
                continue
            out.append({"entity_id": eid, "article_id": r["article_id"], "published": _published(art),
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
