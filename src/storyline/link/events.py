"""One event, many reports: per-article events with the same type, participants
and date (and place, when both reports state one) become one canonical event
listing every article that reports it.

Participants are corpus entity ids (after entity resolution), so "Putin spoke
with Trump" (TASS) and "Trump and Putin held a call" (Reuters) meet. For
symmetric types (a meeting, a call, an agreement, cooperation) the order of
source and target does not matter; for directed ones (A sanctions B) it does.
Undated events merge only within one article's wording: without a date there is
no evidence that two reports describe the same occurrence.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..analyse.event_types import SYMMETRIC_TYPES   # the one table of event types


@dataclass
class EventReport:
    """One article's statement of an event, with entity ids resolved."""

    article_id: str
    seq: int
    n: int
    start: int
    end: int
    sentence: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    date_precision: str | None
    date_source: str | None
    source_id: str | None
    target_id: str | None
    actor_ids: list[str]
    location_id: str | None
    location: str | None
    outlet: str | None = None


@dataclass
class EventRecord:
    id: str
    type: str
    mode: str | None
    date: str | None
    date_precision: str | None
    date_source: str | None
    modality: str
    source_actor_id: str | None
    target_actor_id: str | None
    actor_ids: list[str]
    actors: list[str]
    location: str | None
    sentence: str
    article_ids: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)      # {article_id, start, end, modality, date}
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 0
    story_id: str | None = None
    source_country: str | None = None   # ISO code the source acts for (a person: their country)
    target_country: str | None = None


def _participants(r: EventReport) -> tuple:
    if r.type in SYMMETRIC_TYPES:
        return tuple(sorted(x for x in (r.source_id, r.target_id) if x))
    return (r.source_id or "", r.target_id or "")


def _group_key(r: EventReport) -> tuple:
    if not r.date or (not r.source_id and not r.target_id):
        # undated, or nobody named: no evidence that two reports are one occurrence
        return ("solo", r.article_id, r.n)
    # "did not attack" and "attacked" are conflicting claims, not two reports of one event
    return (r.type, _participants(r), r.date, r.modality == "negated")


def merge_events(reports: list[EventReport], names: dict[str, str],
                 countries: dict[str, str] | None = None) -> list[EventRecord]:
    """Canonical events in corpus order (first report first). ``names``: entity id -> name;
    ``countries``: entity id -> the ISO code the actor acts for."""
    countries = countries or {}
    reports = sorted(reports, key=lambda r: (r.seq, r.article_id, r.n))
    groups: dict[tuple, list[list[EventReport]]] = {}
    order: list[tuple[tuple, int]] = []
    for r in reports:
        key = _group_key(r)
        subgroups = groups.setdefault(key, [])
        # the same place, or one of the two reports states none
        home = next((g for g in subgroups if r.location_id is None
                     or all(o.location_id in (None, r.location_id) for o in g)), None)
        if home is None:
            subgroups.append([r])
            order.append((key, len(subgroups) - 1))
        else:
            home.append(r)
    out = []
    for key, i in order:
        rs = groups[key][i]
        first = rs[0]
        location_id = next((r.location_id for r in rs if r.location_id), None)
        location = next((r.location for r in rs if r.location_id == location_id and r.location), None) \
            if location_id else next((r.location for r in rs if r.location), None)
        actor_ids = list(dict.fromkeys(a for r in rs for a in r.actor_ids if a))
        # asserted beats reported: one outlet stating it as fact is the strongest reading
        modality = min((r.modality for r in rs), key=lambda m: _MODALITY_RANK.get(m, 9))
        ident = "|".join([first.type, *map(str, key[1] if key[0] != "solo" else (first.article_id, first.n)),
                          first.date or "", location_id or ""])
        rec = EventRecord(
            id="V" + hashlib.sha256(ident.encode()).hexdigest()[:15], type=first.type, mode=first.mode,
            date=first.date, date_precision=first.date_precision, date_source=first.date_source, modality=modality,
            source_actor_id=first.source_id, target_actor_id=first.target_id, actor_ids=actor_ids,
            actors=[names.get(a, a) for a in actor_ids], location=location, sentence=first.sentence,
            source_country=countries.get(first.source_id or ""), target_country=countries.get(first.target_id or ""))
        for r in rs:
            if r.article_id not in rec.article_ids:
                rec.article_ids.append(r.article_id)
            rec.spans.append({"article_id": r.article_id, "start": r.start, "end": r.end,
                              "modality": r.modality, "date": r.date})
            if r.outlet and r.outlet not in rec.outlets:
                rec.outlets.append(r.outlet)
        out.append(rec)
    return out


_MODALITY_RANK = {"asserted": 0, "reported": 1, "planned": 2, "hypothetical": 3, "negated": 4}
