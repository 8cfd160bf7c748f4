"""The storyline dossier: key dates first, then the episodes, then the story dossier
of all the storyline's articles (events and quotes, people, sources, contradictions).

The story dossier is the one of ``serve.timeline.dossier`` and ``serve.report``,
computed over the storyline as if it were one story: a read-only view of the store
(``_StorylineView``) shows the storyline's articles, events and contradictions as
members of one story whose id is the storyline's. The two storyline sections are
rendered with the report's own escaping (every scraped string escaped and isolated
in HTML, made inert in Markdown).
"""
from __future__ import annotations

from ..store.storylines import storyline_rows
from . import report
from .timeline import dossier


def find_storyline(store, key: str) -> dict:
    """The storyline whose id is ``key`` or starts with it; LookupError otherwise."""
    rows = storyline_rows(store)
    if not rows:
        raise LookupError("the store has no storylines (build some pages first)")
    hits = [r for r in rows if r["id"] == key or r["id"].startswith(key)]
    if len(hits) != 1:
        raise LookupError(f"no storyline matches {key!r}" if not hits else f"{key!r} matches several storylines")
    return hits[0]


class _StorylineView:
    """The store, read-only, with the storyline's episodes seen as one story."""

    def __init__(self, store, line: dict):
        self._store = store
        self._line = line
        self._episodes = set(line["story_ids"])

    def __getattr__(self, name):
        return getattr(self._store, name)

    def _as_line(self, rows: list[dict]) -> list[dict]:
        for r in rows:
            if r.get("story_id") in self._episodes:
                r["story_id"] = self._line["id"]
        return rows

    def story_rows(self) -> list[dict]:
        ln = self._line
        return [{"id": ln["id"], "title": ln["title"], "summary": ln["summary"], "article_ids": ln["article_ids"],
                 "start": ln["start"], "end": ln["end"], "entity_ids": ln["entity_ids"]}]

    def article_rows(self, ids=None):
        return self._as_line(self._store.article_rows(ids))

    def event_rows(self):
        return self._as_line(self._store.event_rows())

    def contradiction_rows(self):
        return self._as_line(self._store.contradiction_rows())


def storyline_dossier(store, key: str, store_path: str | None = None) -> dict:
    line = find_storyline(store, key)
    data = dossier(_StorylineView(store, line), line["id"], store_path)
    stories = {s["id"]: s for s in store.story_rows()}
    data["storyline"] = {"id": line["id"], "timeline": line["timeline"],
                         "episodes": [{"id": sid, "title": stories[sid]["title"], "start": stories[sid]["start"],
                                       "end": stories[sid]["end"], "article_count": len(stories[sid]["article_ids"])}
                                      for sid in line["story_ids"] if sid in stories]}
    return data


# --------------------------------------------------------------------------- HTML

def _cite(date_: dict) -> str:
    return f"{report._t(date_.get('article_id'))}:{report._int(date_.get('start'))}-{report._int(date_.get('end'))}"


def _key_dates_html(line: dict) -> str:
    items = "".join(
        f"<li><strong>{report._t(report._fmt_date(d.get('date')))}</strong> {report._t(d.get('text'))} "
        f"<span class=\"meta\">({_cite(d)}; {report._int(d.get('independent_sources'))} independent "
        f"source{'s' if report._int(d.get('independent_sources')) != 1 else ''})</span></li>"
        for d in report._list(line.get("timeline")))
    body = f"<ol>{items}</ol>" if items else '<p class="empty">No date is named by two or more articles.</p>'
    return f'<section id="key-dates"><h2>Key dates</h2>{body}</section>\n'


def _episodes_html(line: dict) -> str:
    items = "".join(
        f"<li>{report._t(report._fmt_date(e.get('start')))} – {report._t(report._fmt_date(e.get('end')))}: "
        f"{report._t(e.get('title'))} <span class=\"meta\">({report._int(e.get('article_count'))} articles; "
        f"story {report._t(e.get('id'))})</span></li>"
        for e in report._list(line.get("episodes")))
    return f'<section id="episodes"><h2>Episodes</h2><ol>{items}</ol></section>\n'


def render_storyline_html(data: dict) -> str:
    page = report.render_html(data)
    line = report._dict(data.get("storyline"))
    page = page.replace('<p class="meta">Story dossier</p>', '<p class="meta">Storyline dossier</p>', 1)
    return page.replace("\n<main>", "\n<main>" + _key_dates_html(line) + _episodes_html(line), 1)


# --------------------------------------------------------------------------- Markdown

def render_storyline_markdown(data: dict) -> str:
    text = report.render_markdown(data)
    line = report._dict(data.get("storyline"))
    part = ["## Key dates", ""]
    for d in report._list(line.get("timeline")):
        part.append(f"- **{report._md(report._fmt_date(d.get('date')))}** {report._md(d.get('text'))} "
                    f"(`{report._md(d.get('article_id')).replace('`', '')}:{report._int(d.get('start'))}-"
                    f"{report._int(d.get('end'))}`; {report._int(d.get('independent_sources'))} independent sources)")
    part += ["", "## Episodes", ""]
    for e in report._list(line.get("episodes")):
        part.append(f"- {report._md(report._fmt_date(e.get('start')))} – {report._md(report._fmt_date(e.get('end')))}: "
                    f"{report._md(e.get('title'))} ({report._int(e.get('article_count'))} articles)")
    at = text.find("\n## ")
    return text[:at + 1] + "\n".join(part) + "\n\n" + text[at + 1:] if at >= 0 else text + "\n".join(part)


def write_storyline_report(data: dict, path: str) -> str:
    text = render_storyline_html(data) if path.lower().endswith((".html", ".htm")) else render_storyline_markdown(data)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


__all__ = ["find_storyline", "storyline_dossier", "render_storyline_html", "render_storyline_markdown",
           "write_storyline_report"]
