"""Read-side views over a built store: the timeline (dated events and quotes, in
order, each with its sources) and the story dossier that ``report`` renders.

Nothing here writes; everything is derived from the corpus tables, so the same
store always gives the same timeline and dossier.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone

from ..model import effective_date
from .labels import outlet_label

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)")
_YEAR = re.compile(r"^(\d{4})$")


def date_start(value: str | None) -> str | None:
    """The first day a TIMEX3-style value covers, as an ISO date (for ordering and
    filtering); None for values that are not calendar dates (PRESENT_REF, XXXX-02-12)."""
    if not value:
        return None
    if m := _DAY.match(value):
        return m.group(0)
    if m := _WEEK.match(value):
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return None
    if m := _MONTH.match(value):
        return f"{m.group(1)}-{m.group(2)}-01"
    if m := _YEAR.match(value):
        return f"{m.group(1)}-01-01"
    return None


@dataclass
class Item:
    id: str
    kind: str                      # event | quote
    date: str | None               # the value as stated (2025-02-18, 2025-W13, 2025-03)
    date_precision: str | None
    date_source: str | None        # timex | published | published_inferred (events); published | published_inferred (quotes: first carried)
    text: str
    type: str | None = None        # PLOVER type (events)
    mode: str | None = None
    modality: str | None = None
    actors: list[str] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    speaker: str | None = None
    speaker_id: str | None = None
    location: str | None = None
    via: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)   # {article_id, outlet, published, url, start, end}
    independent_sources: int = 0
    outlets: list[str] = field(default_factory=list)
    story_id: str | None = None

    @property
    def sort_date(self) -> str | None:
        return date_start(self.date)

    def to_dict(self) -> dict:
        return {**asdict(self), "sort_date": self.sort_date}


def find_entity(entities: list[dict], name: str) -> list[dict]:
    """Entities a user's name, alias or id designates (exact forms first, then name keys)."""
    from ..analyse.names import name_key

    low = name.lower()
    hits = [e for e in entities if e["id"] == name or e["name"].lower() == low
            or any(a.lower() == low for a in e["aliases"])]
    if not hits:
        key = name_key(name)
        hits = [e for e in entities if any(name_key(a) == key or name_key(a).endswith(" " + key)
                                           for a in e["aliases"])]
    return hits


def _published(art: dict) -> str | None:
    return effective_date(art.get("published"), art.get("published_inferred"))


def _inferred(art: dict | None) -> dict | None:
    """The inferred-date record {date, confidence, evidence} when the date shown for the
    article is inferred from its text (it has no publication date), else None."""
    if not art or art.get("published"):
        return None
    inf = art.get("published_inferred")
    return inf if isinstance(inf, dict) and inf.get("date") else None


def timeline(store, entity: str | None = None, story: str | None = None, date_from: str | None = None,
             date_to: str | None = None) -> tuple[list[Item], list[Item]]:
    """(dated items in date order, undated items in corpus order). ``entity``: a name,
    alias or id; ``story``: a story id (or unique prefix). Raises LookupError when
    the entity or story is unknown."""
    arts = {a["id"]: a for a in store.article_rows()}
    entity_ids: set[str] | None = None
    if entity:
        hits = find_entity(store.entity_rows(), entity)
        if not hits:
            raise LookupError(f"no entity matches {entity!r}")
        entity_ids = {e["id"] for e in hits}
    story_ids: set[str] | None = None
    if story:
        stories = [s for s in store.story_rows() if s["id"] == story or s["id"].startswith(story)]
        if len(stories) != 1:
            raise LookupError(f"no story matches {story!r}" if not stories else f"{story!r} matches several stories")
        story_ids = {stories[0]["id"]}

    def source(aid: str, start: int, end: int) -> dict:
        a = arts.get(aid, {})
        return {"article_id": aid, "outlet": outlet_label(a) if a else None, "published": _published(a) if a else None,
                "published_inferred": _inferred(a), "url": a.get("url"), "start": start, "end": end}

    items: list[Item] = []
    for e in store.event_rows():
        items.append(Item(
            e["id"], "event", e["date"], e["date_precision"], e["date_source"], e["sentence"], e["type"], e["mode"],
            e["modality"], list(e["actors"]), list(e["actor_ids"]), location=e["location"],
            sources=[source(s["article_id"], s["start"], s["end"]) for s in e["spans"]],
            independent_sources=e["independent_sources"] or 0, outlets=list(e["outlets"]), story_id=e["story_id"]))
    for it in items:
        # an event dated by its articles' dates, all of them inferred from the text
        if it.date_source == "published" and it.sources and all(x.get("published_inferred") for x in it.sources):
            it.date_source = "published_inferred"
    story_of = {aid: a.get("story_id") for aid, a in arts.items()}
    for q in store.quote_rows():
        dates = sorted(d for d in (_published(arts[a]) for a in q["article_ids"] if a in arts) if d)
        stated = {arts[a]["published"][:10] for a in q["article_ids"] if a in arts and arts[a].get("published")}
        # a quote dated by an article whose date is only inferred says so ("published_inferred")
        how = None if not dates else "published" if dates[0] in stated else "published_inferred"
        items.append(Item(
            q["id"], "quote", dates[0] if dates else None, "day" if dates else None, how,
            q["text"], modality=q["kind"], speaker=q["speaker"], speaker_id=q["speaker_id"],
            actor_ids=[q["speaker_id"]] if q["speaker_id"] else [], actors=[q["speaker"]] if q["speaker"] else [],
            via=list(q["via"]), sources=[source(s["article_id"], s["start"], s["end"]) for s in q["spans"]],
            independent_sources=q.get("independent_sources") or 0, outlets=list(q.get("outlets") or []),
            story_id=story_of.get(q["article_ids"][0]) if q["article_ids"] else None))

    def keep(it: Item) -> bool:
        if entity_ids is not None and not (entity_ids & set(it.actor_ids)):
            return False
        if story_ids is not None and it.story_id not in story_ids \
                and not any(story_of.get(s["article_id"]) in story_ids for s in it.sources):
            return False
        d = it.sort_date
        if (date_from or date_to) and d is None:
            return False
        if date_from and d < date_from:
            return False
        if date_to and d > date_to:
            return False
        return True

    kept = [it for it in items if keep(it)]
    dated = sorted((it for it in kept if it.sort_date), key=lambda it: (it.sort_date, it.kind, it.id))
    undated = [it for it in kept if not it.sort_date]
    return dated, undated


ALL_STORIES = "all"   # `report --story all`: every story's dossier and an index of them


def dossier(store, story: str | None = None, store_path: str | None = None) -> dict:
    """Everything the report shows about one story (the largest when none is named);
    for ``story="all"``, every story's dossier, largest first, under ``stories``."""
    stories = store.story_rows()
    if not stories:
        raise LookupError("the store has no stories (build some pages first)")
    if story == ALL_STORIES:
        ordered = sorted(stories, key=lambda s: (-len(s["article_ids"]), s["id"]))
        each = [dossier(store, s["id"], store_path) for s in ordered]
        return {"generated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "store": store_path,
                "story": {"id": ALL_STORIES, "title": "All stories",
                          "article_count": len({a for s in stories for a in s["article_ids"]})},
                "stories": each}
    if story:
        chosen = [s for s in stories if s["id"] == story or s["id"].startswith(story)]
        if len(chosen) != 1:
            raise LookupError(f"no story matches {story!r}" if not chosen else f"{story!r} matches several stories")
        st = chosen[0]
    else:
        st = sorted(stories, key=lambda s: (-len(s["article_ids"]), s["id"]))[0]
    dated, undated = timeline(store, story=st["id"])
    arts = store.article_rows(st["article_ids"])
    ents = {e["id"]: e for e in store.entity_rows()}

    people_ids = [e for e in st["entity_ids"] if ents.get(e, {}).get("type") == "PERSON"]
    for it in dated + undated:  # speakers quoted in the story
        if it.kind == "quote" and it.speaker_id and ents.get(it.speaker_id, {}).get("type") == "PERSON" \
                and it.speaker_id not in people_ids:
            people_ids.append(it.speaker_id)
    in_story = set(st["article_ids"])
    people = []
    for pid in people_ids:
        e = ents[pid]
        roles: dict[str, dict] = {}
        for r in e["roles"]:
            if r.get("article_id") not in in_story:
                continue
            rec = roles.setdefault(r["role"], {"role": r["role"], "first_seen": r["date"], "last_seen": r["date"]})
            if r["date"] and (rec["first_seen"] is None or r["date"] < rec["first_seen"]):
                rec["first_seen"] = r["date"]
            if r["date"] and (rec["last_seen"] is None or r["date"] > rec["last_seen"]):
                rec["last_seen"] = r["date"]
        quotes = [{"id": it.id, "text": it.text, "kind": it.modality, "cue": None, "via": it.via,
                   "sources": it.sources, "independent_sources": it.independent_sources, "outlets": it.outlets}
                  for it in dated + undated if it.kind == "quote" and it.speaker_id == pid]
        people.append({"id": pid, "name": e["name"], "type": e["type"], "wikidata": e["wikidata"],
                       "roles": sorted(roles.values(), key=lambda r: (r["first_seen"] or "", r["role"])),
                       "quotes": quotes})
    people.sort(key=lambda p: (-len(p["quotes"]), p["name"]))
    copies: dict[str, int] = {}
    for a in arts:
        if a["origin_id"] and a["origin_id"] != a["id"]:
            copies[a["origin_id"]] = copies.get(a["origin_id"], 0) + 1
    sources = [{"article_id": a["id"], "outlet": outlet_label(a), "title": a["title"], "url": a["url"],
                "published": _published(a), "published_inferred": _inferred(a), "syndicated_from": a["syndicated_from"],
                "duplicate_of": a["duplicate_of"], "origin_id": a["origin_id"], "copies": copies.get(a["id"], 0),
                "text": a["text"]} for a in arts]
    sources.sort(key=lambda s: (s["published"] or "~", s["article_id"]))
    contradictions = [c for c in store.contradiction_rows() if c["story_id"] == st["id"]]
    for c in contradictions:
        for side in (c["a"], c["b"]):
            side["outlet"] = next((outlet_label(a) for a in arts if a["id"] == side["article_id"]), None)

    def item(it: Item) -> dict:
        return {"id": it.id, "date": it.date, "date_precision": it.date_precision, "date_source": it.date_source,
                "kind": it.kind, "type": it.type,
                "mode": it.mode, "modality": it.modality, "text": it.text, "actors": it.actors, "speaker": it.speaker,
                "sources": it.sources, "independent_sources": it.independent_sources, "outlets": it.outlets,
                "via": it.via, "sort_date": it.sort_date}

    return {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "store": store_path,
        "story": {"id": st["id"], "title": st["title"], "summary": st["summary"], "start": st["start"],
                  "end": st["end"], "article_count": len(st["article_ids"])},
        "timeline": [item(it) for it in dated],
        "undated": [item(it) for it in undated],
        "people": people,
        "sources": sources,
        "contradictions": contradictions,
    }
