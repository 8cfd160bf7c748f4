"""What the web app shows, as plain data: the snapshot of the store (``storyline.api``)
turned into the records each page and API route needs. Nothing here writes, and
nothing here makes markup: templates render these records, autoescaped.

Outlet labels are never ids: an article's outlet, else the domain of its http(s) URL,
else the file name it came from. A date inferred from the text is always carried
with its evidence (``inferred``) so every page can mark it.
"""
from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from datetime import date, timedelta

from ..api import QUOTE_EXPORT, Storyline
from .labels import outlet_label, safe_url
from .timeline import date_start, dossier

__all__ = ["Site", "outlet_label", "safe_url"]

WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]{0,11}$")
# the most people shown beside a story in the index, and entities in "appears with"
TOP_PEOPLE = 3
TOP_COOCCURRING = 15
# the most stories whose dossier is kept computed (a few MB each on large stores)
DOSSIER_CACHE = 256
PERSON_TYPES = ("PERSON", "PER")
# stories offered in the search page's story filter (the largest first; a link from a
# story page sets any other)
STORY_CHOICES = 100


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


class _Rows:
    """The Store-like readers that ``timeline.dossier`` reads, over the snapshot, narrowed
    to what one story can show: the events and quotes its articles carry (or that name
    it) and the articles they cite. ``dossier`` filters by story again, so the narrowing
    only saves the scan of the whole corpus."""

    def __init__(self, site: "Site", story_id: str):
        self.site = site
        story = site.stories[story_id]
        held = [site.by_article.get(a) for a in story["article_ids"]]
        events = {id(ev): ev for h in held if h for ev in h["event"]}
        events.update({id(ev): ev for ev in site.events_by_story.get(story_id, [])})
        self.events = sorted(events.values(), key=lambda ev: site.order[ev["id"]])
        quotes = {id(q): q for h in held if h for q in h["quote"]}
        self.quotes = sorted(quotes.values(), key=lambda q: site.order[q["id"]])
        cited = set(story["article_ids"])
        for item in self.events + self.quotes:
            cited.update(item["article_ids"])
        self.cited = [site.articles[a] for a in site.article_order if a in cited] if len(cited) > 64 else \
            sorted((site.articles[a] for a in cited if a in site.articles), key=lambda a: site.order[a["id"]])
        self.story = story

    def article_rows(self, ids=None):
        if ids is None:
            return self.cited
        return [self.site.articles[i] for i in ids if i in self.site.articles]

    def entity_rows(self):
        return self.site.entity_list

    def quote_rows(self):
        return self.quotes

    def event_rows(self):
        return self.events

    def story_rows(self):
        return [self.story]

    def contradiction_rows(self):
        import copy

        return copy.deepcopy([c for c in self.site.contradiction_list if c.get("story_id") == self.story["id"]])


class Site:
    """Every page's data, from one snapshot of the store."""

    def __init__(self, snap: Storyline, with_search: bool = True):
        self.snap = snap
        self.path = snap.path
        self.article_list = []
        for a in snap.articles().to_pylist():
            a["published"] = _iso(a["published"])
            inferred_day = _iso(a.pop("published_inferred"))
            a["published_inferred"] = None if not inferred_day else {
                "date": inferred_day, "confidence": a.pop("published_confidence"),
                "evidence": a.pop("published_evidence")}
            a.pop("published_confidence", None), a.pop("published_evidence", None)
            a["label"] = outlet_label(a)
            a["day"] = a["published"] or inferred_day
            self.article_list.append(a)
        self.articles = {a["id"]: a for a in self.article_list}
        self.entity_list = snap.entities().to_pylist()
        for e in self.entity_list:
            e["aliases"], e["roles"] = e["aliases"] or [], e["roles"] or []
            e["article_ids"], e["mentions"] = e["article_ids"] or [], e["mentions"] or []
            e["name"] = e["name"] or ""
        self.entities = {e["id"]: e for e in self.entity_list}
        self.quote_list = [self._lists(q, ("via", "article_ids", "spans", "outlets", "chains"))
                           for q in snap.sql("SELECT * FROM quotes ORDER BY rowid").to_pylist()]
        self.quotes = {q["id"]: q for q in self.quote_list}
        self.event_list = [self._lists(e, ("actor_ids", "actors", "article_ids", "outlets", "spans"))
                           for e in snap.events().to_pylist()]
        self.story_list = []
        for s in snap.stories().to_pylist():
            s["start"], s["end"] = _iso(s["start"]), _iso(s["end"])
            self.story_list.append(self._lists(s, ("article_ids", "entity_ids")))
        self.stories = {s["id"]: s for s in self.story_list}
        self.contradiction_list = snap.contradictions().to_pylist()
        # lookups the pages need, built once: what each article holds, who said and did what
        self.by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"ent": [], "quote": [], "event": []})
        for e in self.entity_list:
            for aid in dict.fromkeys(e["article_ids"]):
                self.by_article[aid]["ent"].append(e)
        for q in self.quote_list:
            for aid in dict.fromkeys(q["article_ids"]):
                self.by_article[aid]["quote"].append(q)
        for ev in self.event_list:
            for aid in dict.fromkeys(ev["article_ids"]):
                self.by_article[aid]["event"].append(ev)
        self.quotes_by_speaker: dict[str, list] = defaultdict(list)
        for q in self.quote_list:
            if q["speaker_id"]:
                self.quotes_by_speaker[q["speaker_id"]].append(q)
        self.events_by_actor: dict[str, list] = defaultdict(list)
        for ev in self.event_list:
            for a in dict.fromkeys(ev["actor_ids"]):
                self.events_by_actor[a].append(ev)
        self.events_by_story: dict[str, list] = defaultdict(list)
        for ev in self.event_list:
            if ev["story_id"]:
                self.events_by_story[ev["story_id"]].append(ev)
        # corpus order of every record, for narrowed lists that keep it
        self.order = {r["id"]: i for rows in (self.article_list, self.quote_list, self.event_list)
                      for i, r in enumerate(rows)}
        self.article_order = [a["id"] for a in self.article_list]
        self.copies_of: dict[str, list] = defaultdict(list)
        for a in self.article_list:
            if a["origin_id"]:
                self.copies_of[a["origin_id"]].append(a)
            if a["duplicate_of"] and a["duplicate_of"] != a["origin_id"]:
                self.copies_of[a["duplicate_of"]].append(a)
        self._dossiers: dict[str, dict] = {}
        self._lock = threading.Lock()
        self.index = None
        if with_search:
            from .search import SearchIndex

            self.index = SearchIndex(self.article_list, self.quote_list)
        self._story_summaries = [self._story_summary(s) for s in self.story_list]

    @staticmethod
    def _lists(row: dict, names) -> dict:
        for n in names:
            row[n] = row.get(n) or []
        return row

    # --- stories -----------------------------------------------------------

    def _story_summary(self, s: dict) -> dict:
        arts = [self.articles[a] for a in s["article_ids"] if a in self.articles]
        origins = {a["origin_id"] or a["id"] for a in arts}
        people = [self.entities[e] for e in s["entity_ids"]
                  if self.entities.get(e, {}).get("type") in PERSON_TYPES][:TOP_PEOPLE]
        per_day = Counter(a["day"] for a in arts if a["day"])
        inferred_only = {a["day"] for a in arts if a["day"] and not a["published"]} - \
            {a["day"] for a in arts if a["published"]}
        return {"id": s["id"], "title": s["title"], "summary": s["summary"], "start": s["start"], "end": s["end"],
                "articles": len(arts), "independent_sources": len(origins),
                "people": [{"id": p["id"], "name": p["name"]} for p in people],
                "sparkline": sparkline(per_day, s["start"], s["end"]),
                "end_inferred": bool(s["end"] and s["end"] in inferred_only),
                "start_inferred": bool(s["start"] and s["start"] in inferred_only)}

    SORTS = {
        "articles": (lambda s: (-s["articles"], s["id"])),
        "sources": (lambda s: (-s["independent_sources"], -s["articles"], s["id"])),
        "start": (lambda s: (s["start"] or "9999", s["id"])),
        "end": (lambda s: (s["end"] or "0000", s["id"])),
        "title": (lambda s: ((s["title"] or "").lower(), s["id"])),
    }

    def story_index(self, sort: str = "articles") -> list[dict]:
        rows = sorted(self._story_summaries, key=self.SORTS.get(sort, self.SORTS["articles"]))
        if sort == "end":
            rows.reverse()
        return rows

    def story_page(self, story_id: str) -> dict | None:
        if story_id not in self.stories:
            return None
        with self._lock:
            cached = self._dossiers.get(story_id)
        if cached is not None:
            return cached
        d = dossier(_Rows(self, story_id), story_id, store_path=self.path)
        summary = next(s for s in self._story_summaries if s["id"] == story_id)
        d["summary_row"] = summary
        d["chart"] = timeline_chart(d, [self.articles[a] for a in self.stories[story_id]["article_ids"]
                                        if a in self.articles])
        # events by date, each with its PLOVER type, modality and sources
        d["events"] = [it for it in d["timeline"] if it["kind"] == "event"] + \
                      [it for it in d["undated"] if it["kind"] == "event"]
        for p in d["people"]:
            for q in p["quotes"]:
                q["chains"] = self.quotes.get(q["id"], {}).get("chains", [])
        # every quote of the story grouped by speaker, resolved or not ("officials"), the
        # most quoted first; each with its reporting chain and independent sources
        groups: dict[str, dict] = {}
        for it in d["timeline"] + d["undated"]:
            if it["kind"] != "quote":
                continue
            q = self.quotes.get(it["id"], {})
            key = q.get("speaker_id") or (it["speaker"] or "unknown speaker").lower()
            g = groups.setdefault(key, {"speaker": it["speaker"] or "unknown speaker",
                                        "speaker_id": q.get("speaker_id"), "quotes": []})
            g["quotes"].append(it)
        d["quote_groups"] = sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"].lower()))
        with self._lock:
            if len(self._dossiers) >= DOSSIER_CACHE:
                self._dossiers.pop(next(iter(self._dossiers)))
            self._dossiers[story_id] = d
        return d

    # --- entities ----------------------------------------------------------

    def entity_page(self, entity_id: str) -> dict | None:
        e = self.entities.get(entity_id)
        if e is None:
            return None
        roles = sorted(e["roles"], key=lambda r: (r.get("date") or "", r.get("role") or ""))
        quotes = self.quotes_by_speaker.get(entity_id, [])
        events = sorted(self.events_by_actor.get(entity_id, []),
                        key=lambda ev: (date_start(ev["date"]) or "9999", ev["id"]))
        together = Counter()
        for aid in dict.fromkeys(e["article_ids"]):
            for other in self.by_article.get(aid, {}).get("ent", []):
                if other["id"] != entity_id:
                    together[other["id"]] += 1
        with_ = [{"id": i, "name": self.entities[i]["name"], "type": self.entities[i]["type"], "articles": n}
                 for i, n in sorted(together.items(), key=lambda kv: (-kv[1], self.entities[kv[0]]["name"]))
                 ][:TOP_COOCCURRING]
        return {"entity": e, "wikidata_url": (f"https://www.wikidata.org/wiki/{e['wikidata']}"
                                              if e.get("wikidata") and WIKIDATA_ID.match(e["wikidata"]) else None),
                "roles": roles, "quotes": quotes, "events": events, "with": with_,
                "articles": [self.articles[a] for a in e["article_ids"] if a in self.articles]}

    # --- articles ----------------------------------------------------------

    def article_page(self, article_id: str) -> dict | None:
        a = self.articles.get(article_id)
        if a is None:
            return None
        spans = []
        held = self.by_article.get(article_id, {"ent": [], "quote": [], "event": []})
        for e in held["ent"]:
            for m in e["mentions"]:
                if m["article_id"] == article_id:
                    spans.append((m["start"], m["end"], "ent", e["id"], e["name"]))
        quotes = held["quote"]
        for q in quotes:
            for sp in q["spans"]:
                if sp["article_id"] == article_id:
                    spans.append((sp["start"], sp["end"], "quote", q["id"], f"quote: {q['speaker'] or 'unknown'}"))
        events = held["event"]
        for ev in events:
            for sp in ev["spans"]:
                if sp["article_id"] == article_id:
                    spans.append((sp["start"], sp["end"], "event", ev["id"], f"event: {ev['type']}"))
        related = self.copies_of.get(article_id, []) + (self.copies_of.get(a["origin_id"], []) if a["origin_id"] else [])
        copies = list({x["id"]: x for x in related if x["id"] != article_id}.values())
        return {"article": a, "url": safe_url(a.get("url")), "segments": segments(a["text"] or "", spans),
                "quotes": quotes, "events": events, "copies": copies,
                "duplicate_of": self.articles.get(a["duplicate_of"]) if a["duplicate_of"] else None,
                "origin": self.articles.get(a["origin_id"]) if a["origin_id"] and a["origin_id"] != a["id"] else None,
                "story": self.stories.get(a["story_id"]) if a["story_id"] else None,
                "entities": [self.entities[i] for i in dict.fromkeys(s[3] for s in spans if s[2] == "ent")]}

    # --- search ------------------------------------------------------------

    def search(self, q: str, date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
               person: str | None = None, type: str | None = None, story: str | None = None) -> list[dict]:
        """Articles and quotes matching the words, then the filters; with no words,
        the articles (and quotes) the filters select, in corpus order."""
        allowed = self._filtered_articles(date_from, date_to, outlet, person, type, story)
        out = []
        if q and q.strip() and self.index is not None:
            for h in self.index.search(q):
                rec = self._hit(h.kind, h.id, allowed)
                if rec:
                    rec.update(score=round(h.score, 4), hit=h)
                    out.append(rec)
        elif any((date_from, date_to, outlet, person, type, story)):
            out = [self._hit("article", a["id"], allowed) for a in self.article_list if a["id"] in allowed]
            for r in out:
                r.update(score=None, hit=None)
        return out

    def with_snippets(self, records: list[dict]) -> list[dict]:
        """The records shown, each with its snippet (the words found highlighted)."""
        for r in records:
            if "snippet" not in r:
                h = r.get("hit")
                r["snippet"] = self.index.snippet(h) if h is not None and self.index is not None else \
                    [((self.articles[r["article_id"]]["text"] or "")[:240], False)]
        return records

    def _hit(self, kind: str, id_: str, allowed: set[str]) -> dict | None:
        if kind == "article":
            if id_ not in allowed:
                return None
            a = self.articles[id_]
            return {"kind": "article", "id": id_, "article_id": id_, "title": a["title"], "outlet": a["label"],
                    "published": a["day"], "inferred": a["published_inferred"] if not a["published"] else None,
                    "speaker": None, "speaker_id": None}
        qt = self.quotes.get(id_)
        if qt is None:
            return None
        carried = [a for a in qt["article_ids"] if a in allowed]
        if not carried:
            return None
        a = self.articles[carried[0]]
        return {"kind": "quote", "id": id_, "article_id": a["id"], "title": a["title"], "outlet": a["label"],
                "published": a["day"], "inferred": a["published_inferred"] if not a["published"] else None,
                "speaker": qt["speaker"], "speaker_id": qt["speaker_id"]}

    def _filtered_articles(self, date_from, date_to, outlet, person, type, story) -> set[str]:
        ids = set(self.articles)
        if date_from:
            ids = {i for i in ids if self.articles[i]["day"] and self.articles[i]["day"] >= date_from}
        if date_to:
            ids = {i for i in ids if self.articles[i]["day"] and self.articles[i]["day"] <= date_to}
        if outlet:
            low = outlet.lower()
            ids = {i for i in ids if self.articles[i]["label"].lower() == low}
        if person:
            who = set(self.snap.entity_ids(person))
            ids &= {a for e in who for a in self.entities[e]["article_ids"]}
        if type:
            up = type.upper()
            ids &= {a for ev in self.event_list if ev["type"] == up for a in ev["article_ids"]}
        if story:
            ids &= set(self.stories[story]["article_ids"]) if story in self.stories else set()
        return ids

    def story_choices(self, chosen: str | None = None) -> list[dict]:
        """The stories offered in the search filter: the largest ones, and the chosen one."""
        rows = self.story_index("articles")[:STORY_CHOICES]
        if chosen and chosen in self.stories and all(r["id"] != chosen for r in rows):
            rows = rows + [self.stories[chosen]]
        return rows

    def outlets(self) -> list[str]:
        if not hasattr(self, "_outlets"):
            self._outlets = sorted({a["label"] for a in self.article_list}, key=str.lower)
        return self._outlets

    def event_types(self) -> list[str]:
        if not hasattr(self, "_types"):
            self._types = sorted({e["type"] for e in self.event_list if e["type"]})
        return self._types

    # --- API records (the export field names) ------------------------------

    @staticmethod
    def api_quote(q: dict) -> dict:
        return {k: q.get(k) for k in QUOTE_EXPORT}


def sparkline(per_day: Counter, start: str | None, end: str | None, width: int = 120, height: int = 24) -> dict:
    """Bars of articles per day over the story's period, as SVG geometry."""
    try:
        lo, hi = date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError):
        return {"width": width, "height": height, "bars": []}
    days = max((hi - lo).days + 1, 1)
    top = max(per_day.values(), default=1) or 1
    w = width / days
    bars = []
    for i in range(days):
        d = (lo + timedelta(days=i)).isoformat()
        n = per_day.get(d, 0)
        if n:
            h = max(height * n / top, 1.0)
            bars.append({"x": round(i * w, 2), "y": round(height - h, 2), "w": round(max(w - 0.5, 0.8), 2),
                         "h": round(h, 2), "day": d, "n": n})
    return {"width": width, "height": height, "bars": bars}


# the timeline chart's geometry (pixels)
CHART_W, LANE_H, EDGE_W, AXIS_H, STRIP_H, GUTTER, PAD = 960, 26, 70, 22, 40, 60, 12
LANES = ("event", "quote")


def timeline_chart(d: dict, articles: list[dict]) -> dict:
    """The story's timeline zoomed to its period: events and quotes in their own lanes,
    items dated before or after the period stacked at the left or right edge
    (with their dates), and below, articles per day."""
    try:
        lo, hi = date.fromisoformat(d["story"]["start"]), date.fromisoformat(d["story"]["end"])
    except (TypeError, ValueError):
        days = sorted(a["day"] for a in articles if a["day"])
        if not days:
            return {"marks": [], "ticks": [], "bars": [], "width": CHART_W, "height": 0}
        lo, hi = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    hi = max(hi, lo + timedelta(days=1))
    span = (hi - lo).days
    inner = CHART_W - GUTTER - 2 * EDGE_W

    def x(day: date) -> float:
        return round(GUTTER + EDGE_W + PAD + (inner - 2 * PAD) * (day - lo).days / span, 1)

    marks, edge_count = [], Counter()
    for it in d["timeline"]:
        try:
            day = date.fromisoformat(it["sort_date"])
        except (TypeError, ValueError):
            continue
        lane = LANES.index(it["kind"]) if it["kind"] in LANES else 0
        where = "before" if day < lo else "after" if day > hi else "in"
        if where == "in":
            cx = x(day)
        else:
            k = edge_count[(where, lane)]
            edge_count[(where, lane)] += 1
            cx = (GUTTER + 8 + (k % 6) * 10) if where == "before" else (CHART_W - 8 - (k % 6) * 10)
        marks.append({"x": cx, "y": AXIS_H + lane * LANE_H + LANE_H / 2, "kind": it["kind"], "where": where,
                      "date": it["date"], "inferred": it.get("date_source") == "published_inferred",
                      "label": f"{it['date']} · {it['type'] or it['speaker'] or ''}: {it['text'][:140]}"})
    ticks = []
    step = max(1, span // 8)
    day = lo
    while day <= hi:
        if x(day) < CHART_W - EDGE_W - 36:   # a label never runs into the "later" lane
            ticks.append({"x": x(day), "label": day.strftime("%d %b") if span < 330 else day.strftime("%b %Y")})
        day += timedelta(days=step)
    per_day = Counter(a["day"] for a in articles if a["day"])
    top = max(per_day.values(), default=1)
    strip_y = AXIS_H + len(LANES) * LANE_H + 8
    bar_w = max(inner / (span + 1) - 1, 2)
    bars = []
    for dstr, n in sorted(per_day.items()):
        dd = date.fromisoformat(dstr)
        if lo <= dd <= hi:
            h = STRIP_H * n / top
            inferred = all(not a["published"] for a in articles if a["day"] == dstr)
            bars.append({"x": round(x(dd) - bar_w / 2, 1), "y": round(strip_y + STRIP_H - h, 1), "w": round(bar_w, 1),
                         "h": round(h, 1), "day": dstr, "n": n, "inferred": inferred})
    return {"marks": marks, "ticks": ticks, "bars": bars, "width": CHART_W, "edge": EDGE_W, "gutter": GUTTER,
            "height": strip_y + STRIP_H + 4, "lanes": [{"name": n, "y": AXIS_H + i * LANE_H} for i, n in enumerate(LANES)],
            "lane_h": LANE_H, "strip_y": strip_y, "before": sum(v for (w, _), v in edge_count.items() if w == "before"),
            "after": sum(v for (w, _), v in edge_count.items() if w == "after"), "start": lo.isoformat(),
            "end": hi.isoformat()}


def segments(text: str, spans: list[tuple]) -> list[dict]:
    """The text cut at every span boundary: runs of {text, marks} where marks lists the
    spans covering the run (kind, id, label). Overlapping spans stay well nested
    because each run is rendered on its own."""
    n = len(text)
    clean = [(max(0, int(s)), min(n, int(e)), k, i, lab) for s, e, k, i, lab in spans
             if s is not None and e is not None and 0 <= int(s) < int(e)]
    cuts = sorted({0, n} | {s for s, *_ in clean} | {e for _, e, *_ in clean})
    starts = defaultdict(list)
    for sp in clean:
        starts[sp[0]].append(sp)
    out, active = [], []
    for a, b in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp[1] > a] + starts.get(a, [])
        marks = [{"kind": k, "id": i, "label": lab} for _, _, k, i, lab in active]
        ent = next((m for m in marks if m["kind"] == "ent"), None)
        out.append({"text": text[a:b], "kinds": sorted({m["kind"] for m in marks}), "marks": marks,
                    "entity": ent["id"] if ent else None,
                    "title": "; ".join(dict.fromkeys(m["label"] for m in marks))})
    return out
