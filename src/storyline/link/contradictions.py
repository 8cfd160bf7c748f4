"""Where the sources disagree. Each contradiction cites both spans.

- **date**: two articles of one story report the same event (type and
  participants) on different days less than a week apart — one of them has the
  day wrong (a separate occurrence would rarely fall so close);
- **place**: the same event (type, participants, date) stated in two places;
- **role**: a person called "former X" in one article while another article of the
  same period (within ``ROLE_WINDOW_DAYS``) calls them X;
- **impossible place**: "in Istanbul in Ankara" — two towns given for one thing,
  neither containing the other.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .events import EventReport, _participants

ROLE_WINDOW_DAYS = 60
DATE_WINDOW_DAYS = 7


@dataclass
class Contradiction:
    id: str
    kind: str                 # date | place | role | impossible_place
    description: str
    a: dict                   # {article_id, start, end, text}
    b: dict
    story_id: str | None = None


def _cid(kind: str, description: str, a: dict, b: dict) -> str:
    """Unique by construction: two contradictions differ in their kind, their
    description or one of their spans (two roles of one person can start at the
    same place in one article and differ only in what is said)."""
    key = "|".join(str(x) for x in (kind, description, a["article_id"], a["start"], a["end"],
                                     b["article_id"], b["start"], b["end"]))
    return "C" + hashlib.sha256(key.encode()).hexdigest()[:15]


@lru_cache(maxsize=65536)
def _day(iso: str | None) -> date | None:
    if not iso or not re.match(r"\d{4}-\d\d-\d\d$", iso[:10]) or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _cite(r: EventReport) -> dict:
    return {"article_id": r.article_id, "start": r.start, "end": r.end, "text": r.sentence}


def event_contradictions(reports: list[EventReport], story_of: dict[str, str | None],
                         names: dict[str, str]) -> list[Contradiction]:
    out: list[Contradiction] = []
    by_story: dict[tuple, list[EventReport]] = {}
    for r in reports:
        if r.modality not in ("asserted", "reported") or not (r.source_id or r.target_id):
            continue
        if r.date_precision != "day" or r.date_source not in ("timex", "published"):
            continue
        key = (story_of.get(r.article_id), r.type, _participants(r))
        by_story.setdefault(key, []).append(r)
    for (story, typ, parts), rs in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        rs = sorted(rs, key=lambda r: (r.seq, r.n))
        who = " and ".join(names.get(p, p) for p in parts if p) or "?"
        seen: set[tuple] = set()
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                if a.article_id == b.article_id or (a.date == b.date and not (a.location_id and b.location_id)):
                    continue
                da, db = _day(a.date), _day(b.date)
                if da and db and da != db and abs((da - db).days) < DATE_WINDOW_DAYS \
                        and "timex" in (a.date_source, b.date_source):
                    pair = ("date", a.article_id, b.article_id)
                    if pair not in seen:
                        seen.add(pair)
                        out.append(_make("date", f"{typ} of {who}: dated {a.date} in one report and {b.date} in another",
                                         _cite(a), _cite(b), story))
                elif da == db and a.location_id and b.location_id and a.location_id != b.location_id:
                    pair = ("place", a.article_id, b.article_id)
                    if pair not in seen:
                        seen.add(pair)
                        out.append(_make("place", f"{typ} of {who} on {a.date}: in {a.location} according to one "
                                                  f"report, in {b.location} according to another",
                                         _cite(a), _cite(b), story))
    return out


def _make(kind: str, description: str, a: dict, b: dict, story: str | None) -> Contradiction:
    return Contradiction(_cid(kind, description, a, b), kind, description, a, b, story)


_FORMER = re.compile(r"^(?:the\s+)?(?:former|ex-|erstwhile|one-time|then-)\s*", re.IGNORECASE)


def role_contradictions(statements: list[dict], story_of: dict[str, str | None],
                        names: dict[str, str]) -> list[Contradiction]:
    """statements: {entity_id, article_id, published, role, start, end, text} — a role as an
    article states it for a person, with the span where it stands."""
    out = []
    by_person: dict[str, list[dict]] = {}
    for s in statements:
        if s.get("published"):
            by_person.setdefault(s["entity_id"], []).append(s)
    for eid in sorted(by_person):
        rows = sorted(by_person[eid], key=lambda s: (s["published"], s["article_id"], s["start"]))
        former = [s for s in rows if _FORMER.match(s["role"])]
        current = [s for s in rows if not _FORMER.match(s["role"])]
        for f in former:
            base = _norm_role(_FORMER.sub("", f["role"]))
            df = _day(f["published"])
            for c in current:
                dc = _day(c["published"])
                if c["article_id"] == f["article_id"] or not df or not dc or _norm_role(c["role"]) != base:
                    continue
                # "former" is contradicted by a report of the same time or later (earlier
                # ones may predate the change of office)
                if 0 <= (dc - df).days <= ROLE_WINDOW_DAYS:
                    a = {k: f[k] for k in ("article_id", "start", "end", "text")}
                    b = {k: c[k] for k in ("article_id", "start", "end", "text")}
                    out.append(_make("role", f"{names.get(eid, eid)} is called \"{f['role']}\" on {f['published']}, "
                                             f"but \"{c['role']}\" on {c['published']}", a, b,
                                     story_of.get(f["article_id"])))
                    break
    return out


def _norm_role(role: str) -> str:
    role = role.lower().replace("u.s.", "us").replace("united states", "us")
    return " ".join(re.sub(r"[^\w ]", " ", role).split())


# "in Istanbul in Ankara": two towns in a row for one thing
_IN_IN = re.compile(r"\bin ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?),? in ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\b")
_CONTAINER_NEXT = re.compile(r"\s+(?:region|province|oblast|state|county|district|governorate|prefecture)\b",
                             re.IGNORECASE)


def place_contradictions(article_id: str, text: str, places: dict[str, str], story: str | None,
                         is_container) -> list[Contradiction]:
    """places: surface -> kind ("city" or "country/region") of the article's place mentions;
    ``is_container(name)``: whether a name is a country or region (which may contain a town)."""
    out = []
    for m in _IN_IN.finditer(text):
        x, y = m.group(1), m.group(2)
        if x == y or x not in places or y not in places:
            continue
        if is_container(x) or is_container(y) or _CONTAINER_NEXT.match(text, m.end()):
            continue
        a = {"article_id": article_id, "start": m.start(1), "end": m.end(1), "text": x}
        b = {"article_id": article_id, "start": m.start(2), "end": m.end(2), "text": y}
        out.append(_make("impossible_place", f"one thing placed in two towns: \"{m.group(0)}\"", a, b, story))
    return out
