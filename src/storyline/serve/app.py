"""``storyline serve``: a read-only local web app and JSON API over a store.

One snapshot of the store (``storyline.api``) is read at start and served from
memory: the store file is not held open, so a build can run meanwhile; the app
reads the store again when the file changes (``RELOAD_CHECK`` seconds at most
after). Pages are server-rendered Jinja2 (autoescaped: scraped text is data, never
markup), need no JavaScript and load nothing from the network.

Security: bound to loopback by default, where only requests naming a loopback host
are answered (a DNS-rebinding page cannot read the API). Any other bind address
needs a token, and every request must carry it (``Authorization: Bearer``, the
``X-Storyline-Token`` header, or once as ``?token=``, which sets a cookie). Only
GET and HEAD exist. Unknown ids and paths, traversal included, are 404.
"""
from __future__ import annotations

import hmac
import ipaddress
import os
import threading
import time
from datetime import date
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Generic, Optional, TypeVar
import re
from urllib.parse import parse_qsl, unquote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..api import Storyline
from .views import Site, safe_url

HERE = Path(__file__).parent
TOKEN_ENV = "STORYLINE_TOKEN"
TOKEN_COOKIE = "storyline_token"
# a token goes into a cookie and a URL as it is: URL-safe characters only, and long
# enough not to be guessed
TOKEN_FORM = re.compile(r"[A-Za-z0-9._~-]{16,}")
# seconds between checks of the store file's modification time (a rebuilt store is
# read again on the next request after it)
RELOAD_CHECK = 2.0
# page sizes of the JSON API and of the HTML lists
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
PAGE_SIZE = 50
INDEX_PAGE = 100   # stories per page of the index (a store of 2,000 articles holds ~1,300)
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}


# a parent-directory step in a path or a parameter (also encoded, also doubly): the app
# reads no file named by a request, and such a request gets a 404 before any route
TRAVERSAL = re.compile(r"(^|[\\/])\.\.([\\/]|$)|\x00")


def traversal(value: str) -> bool:
    for _ in range(3):
        if TRAVERSAL.search(value):
            return True
        decoded = unquote(value)
        if decoded == value:
            return False
        value = decoded
    return True


class ServeError(Exception):
    """A setting that keeps the server from starting (one line for users)."""


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-loopback bind without a token (the store would be open to the network)."""
    if not is_loopback(host) and not token:
        raise ServeError(f"refusing to serve on {host} without a token: anyone on the network could read "
                         f"the store; pass --token (or set {TOKEN_ENV}), or bind 127.0.0.1")
    if token is not None and not TOKEN_FORM.fullmatch(token):
        raise ServeError("the token must be at least 16 characters of letters, digits and . _ ~ - "
                         "(e.g. from `python3 -c 'import secrets; print(secrets.token_urlsafe(24))'`)")


# --------------------------------------------------------------------------- security middleware

class Guard:
    """Pure ASGI middleware: methods, host, token, security headers."""

    def __init__(self, app, token: str | None, loopback: bool):
        self.app, self.token, self.loopback = app, token, loopback

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope["method"] not in ("GET", "HEAD"):
            return await _plain(send, 405, "read-only: only GET and HEAD", [(b"allow", b"GET, HEAD")])
        if self.loopback:
            host = headers.get("host", "").rsplit(":", 1)[0] if not headers.get("host", "").startswith("[") \
                else headers.get("host", "").split("]")[0] + "]"
            if host.lower() not in LOOPBACK_NAMES:
                return await _plain(send, 421, "this server answers requests to localhost only")
        raw_query = scope.get("query_string", b"").decode("latin-1")
        if traversal(scope.get("raw_path", b"").decode("latin-1")) or traversal(scope["path"]) \
                or any(traversal(k) or traversal(v) for k, v in parse_qsl(raw_query, keep_blank_values=True)):
            if scope["path"].startswith("/api/"):
                return await _plain(send, 404, '{"detail": "not found"}', json=True)
            return await _plain(send, 404, "not found")
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if "token" in query and self._ok(query["token"]):
                # a link with the token sets a cookie and comes back without it in the address
                rest = urlencode([(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1"))
                                  if k != "token"])
                location = scope["path"] + (f"?{rest}" if rest else "")
                cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                return await _plain(send, 303, "", [(b"location", location.encode("latin-1", "replace")),
                                                    (b"set-cookie", cookie.encode("latin-1"))])
            if not self._authorised(headers):
                return await _plain(send, 401, "a token is required", [(b"www-authenticate", b"Bearer")])

        head = scope["method"] == "HEAD"
        if head:  # answered as the GET it asks about, without the body
            scope = dict(scope, method="GET")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        return await self.app(scope, receive, send_with_headers)

    def _ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    def _authorised(self, headers: dict) -> bool:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and self._ok(auth[7:].strip()):
            return True
        if "x-storyline-token" in headers and self._ok(headers["x-storyline-token"]):
            return True
        if "cookie" in headers:
            jar = SimpleCookie()
            try:
                jar.load(headers["cookie"])
            except Exception:  # a malformed cookie header is no token
                return False
            if TOKEN_COOKIE in jar and self._ok(jar[TOKEN_COOKIE].value):
                return True
        return False


async def _plain(send, status: int, text: str, extra: list | None = None, json: bool = False) -> None:
    body = text.encode("utf-8")
    ctype = b"application/json" if json else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS + (extra or [])})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- API models (export fields)

T = TypeVar("T")


class PageOf(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class Role(BaseModel):
    role: Optional[str] = None
    date: Optional[str] = None
    article_id: Optional[str] = None


class Mention(BaseModel):
    article_id: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class EntityOut(BaseModel):
    id: str
    name: Optional[str] = None
    type: Optional[str] = None
    aliases: list[str]
    wikidata: Optional[str] = None
    roles: list[Role]
    article_ids: list[str]
    mentions: list[Mention]
    country: Optional[str] = None


class QuoteSpan(BaseModel):
    article_id: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    speaker_text: Optional[str] = None


class QuoteOut(BaseModel):
    id: str
    text: Optional[str] = None
    kind: Optional[str] = None
    speaker_id: Optional[str] = None
    speaker: Optional[str] = None
    cue: Optional[str] = None
    via: list[str]
    article_ids: list[str]
    spans: list[QuoteSpan]
    independent_sources: Optional[int] = None
    outlets: list[str]


class EventSpan(BaseModel):
    article_id: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    modality: Optional[str] = None
    date: Optional[str] = None


class EventOut(BaseModel):
    id: str
    type: Optional[str] = None
    mode: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    date_source: Optional[str] = None
    modality: Optional[str] = None
    source_actor_id: Optional[str] = None
    target_actor_id: Optional[str] = None
    actor_ids: list[str]
    actors: list[str]
    location: Optional[str] = None
    sentence: Optional[str] = None
    article_ids: list[str]
    independent_sources: Optional[int] = None
    outlets: list[str]
    spans: list[EventSpan]
    story_id: Optional[str] = None
    source_country: Optional[str] = None
    target_country: Optional[str] = None


class StoryOut(BaseModel):
    id: str
    title: Optional[str] = None
    summary: Optional[str] = None
    article_ids: list[str]
    start: Optional[date] = None
    end: Optional[date] = None
    entity_ids: list[str]


class ArticleOut(BaseModel):
    id: str
    source: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[date] = None
    published_source: Optional[str] = None
    language: Optional[str] = None
    author: Optional[str] = None
    text: Optional[str] = None
    syndicated_from: Optional[str] = None
    story_id: Optional[str] = None
    duplicate_of: Optional[str] = None
    origin_id: Optional[str] = None
    published_inferred: Optional[date] = None
    published_confidence: Optional[float] = None
    published_evidence: Optional[str] = None


class SearchHitOut(BaseModel):
    kind: str
    id: str
    article_id: str
    title: Optional[str] = None
    outlet: str
    published: Optional[date] = None
    published_inferred: bool
    speaker: Optional[str] = None
    speaker_id: Optional[str] = None
    score: Optional[float] = None
    snippet: str
    highlights: list[list[int]]


class ErrorOut(BaseModel):
    detail: str


# --------------------------------------------------------------------------- the app

class Holder:
    """The current snapshot; read again when the store file changes."""

    def __init__(self, path: str, with_search: bool = True):
        self.path, self.with_search = path, with_search
        self.site = Site(Storyline(path), with_search)
        self.checked = time.monotonic()
        self._lock = threading.Lock()

    def get(self) -> Site:
        now = time.monotonic()
        if now - self.checked > RELOAD_CHECK:
            self.checked = now
            try:
                changed = os.path.getmtime(self.path) != self.site.snap.mtime
            except OSError:
                changed = False
            if changed and self._lock.acquire(blocking=False):
                # read the new store beside the old one; requests keep the old until it is ready
                threading.Thread(target=self._reload, daemon=True).start()
        return self.site

    def _reload(self) -> None:
        try:
            self.site = Site(Storyline(self.path), self.with_search)
        except Exception:  # a build holds the file, or it is not a store now: keep serving the old one
            pass
        finally:
            self._lock.release()


def _paged(table, limit: int, offset: int) -> dict:
    """One page of an Arrow table (sliced before any row becomes Python) or a list."""
    if isinstance(table, list):
        return {"total": len(table), "limit": limit, "offset": offset, "items": table[offset:offset + limit]}
    n = table.num_rows
    items = table.slice(min(offset, n), limit).to_pylist() if offset < n else []
    return {"total": n, "limit": limit, "offset": offset, "items": items}


def _records(table) -> list[dict]:
    return table.to_pylist()


def create_app(store: str, token: str | None = None, host: str = "127.0.0.1", with_search: bool = True):
    """The ASGI app over the store at ``store``."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    check_bind(host, token)
    holder = Holder(store, with_search)
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(safe_url=safe_url, urlencode=urlencode)
    static = {p.name: (p.read_bytes(), STATIC_TYPES[p.suffix]) for p in (HERE / "static").iterdir()
              if p.suffix in STATIC_TYPES}

    api = FastAPI(title="storyline", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Read-only JSON over a storyline store: the field names of `storyline export`.")

    def page(name: str, status: int = 200, **ctx) -> HTMLResponse:
        site = holder.get()
        html = env.get_template(name).render(store=site.path, **ctx)
        return HTMLResponse(html, status_code=status)

    def not_found(request: Request, what: str = "page"):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": f"no such {what}"}, status_code=404)
        return page("error.html", 404, title="Not found", message=f"No such {what}.")

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return not_found(request)
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code)

    @api.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            from fastapi.encoders import jsonable_encoder

            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return page("error.html", 400, title="Bad request", message="Some parameters are not valid.")

    @api.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        return JSONResponse({"detail": "internal error"}, status_code=500)

    # ----------------------------------------------------------------- HTML

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(sort: str = "articles", offset: int = Query(0, ge=0, le=10**9)):
        site = holder.get()
        rows = site.story_index(sort)
        return page("stories.html", title="Stories", stories=rows[offset:offset + INDEX_PAGE], sort=sort,
                    offset=offset, page_size=INDEX_PAGE, total=len(rows),
                    counts={"articles": len(site.article_list), "stories": len(site.story_list)})

    @api.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        site = holder.get()
        d = site.story_page(story_id)
        if d is None:
            return not_found(request, "story")
        return page("story.html", title=d["story"]["title"] or "Story", d=d, site=site)

    @api.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str):
        site = holder.get()
        d = site.entity_page(entity_id)
        if d is None:
            return not_found(request, "person or organisation")
        return page("entity.html", title=d["entity"]["name"] or "Entity", d=d, site=site)

    @api.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        site = holder.get()
        d = site.article_page(article_id)
        if d is None:
            return not_found(request, "article")
        return page("article.html", title=d["article"]["title"] or "Article", d=d, site=site)

    @api.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = "", date_from: str = "", date_to: str = "", outlet: str = "", person: str = "",
                    type: str = "", story: str = "", offset: int = Query(0, ge=0, le=10**9)):
        site = holder.get()
        problems = [f"{name} is not a date (YYYY-MM-DD)" for name, v in (("from", date_from), ("to", date_to))
                    if v and not _is_day(v)]
        date_from = date_from if _is_day(date_from) else ""
        date_to = date_to if _is_day(date_to) else ""
        hits = site.search(q, date_from or None, date_to or None, outlet or None, person or None, type or None,
                           story or None)
        params = {k: v for k, v in (("q", q), ("date_from", date_from), ("date_to", date_to), ("outlet", outlet),
                                    ("person", person), ("type", type), ("story", story)) if v}
        shown = site.with_snippets(hits[offset:offset + PAGE_SIZE])
        return page("search.html", title=f"Search: {q}" if q else "Search", q=q, hits=shown,
                    total=len(hits), offset=offset, page_size=PAGE_SIZE, params=params, problems=problems,
                    outlets=site.outlets(), types=site.event_types(), stories=site.story_choices(story), site=site,
                    f={"date_from": date_from, "date_to": date_to, "outlet": outlet, "person": person,
                       "type": type, "story": story})

    @api.get("/static/{name}", include_in_schema=False)
    def static_file(request: Request, name: str):
        if name not in static:
            return not_found(request, "file")
        body, ctype = static[name]
        return Response(body, media_type=ctype, headers={"cache-control": "max-age=3600"})

    # ----------------------------------------------------------------- JSON API

    limit_q = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="page size")
    offset_q = Query(0, ge=0, le=10**9, description="items to skip")
    responses = {404: {"model": ErrorOut, "description": "unknown id, or a path-traversal parameter"}}

    @api.get("/api/stories", response_model=PageOf[StoryOut], responses=responses, tags=["stories"])
    def api_stories(limit: int = limit_q, offset: int = offset_q):
        """Every story, in store order."""
        return _paged(holder.get().snap.stories(), limit, offset)

    @api.get("/api/stories/{story_id}", response_model=StoryOut, responses=responses, tags=["stories"])
    def api_story(request: Request, story_id: str):
        rows = _records(holder.get().snap.sql("SELECT * FROM stories WHERE id = ?", [story_id]))
        return rows[0] if rows else not_found(request, "story")

    @api.get("/api/entities", response_model=PageOf[EntityOut], responses=responses, tags=["entities"])
    def api_entities(type: Optional[str] = None, name: Optional[str] = None, limit: int = limit_q,
                     offset: int = offset_q):
        """People, organisations, countries and places; ``name`` matches a name, alias or id."""
        return _paged(holder.get().snap.entities(type=type, name=name), limit, offset)

    @api.get("/api/entities/{entity_id}", response_model=EntityOut, responses=responses, tags=["entities"])
    def api_entity(request: Request, entity_id: str):
        e = holder.get().entities.get(entity_id)
        return e if e else not_found(request, "entity")

    @api.get("/api/quotes", response_model=PageOf[QuoteOut], responses=responses, tags=["quotes"])
    def api_quotes(speaker: Optional[str] = None, via: Optional[str] = None, story: Optional[str] = None,
                   date_from: Optional[date] = None, date_to: Optional[date] = None, kind: Optional[str] = None,
                   limit: int = limit_q, offset: int = offset_q):
        """Quotes; ``speaker`` a name, alias or id; ``via`` a medium in the reporting chain;
        dates: the first day an article carried it."""
        t = holder.get().snap.quotes(speaker=speaker, via=via, story=story, date_from=date_from,
                                     date_to=date_to, kind=kind)
        return _paged(t, limit, offset)

    @api.get("/api/events", response_model=PageOf[EventOut], responses=responses, tags=["events"])
    def api_events(type: Optional[str] = None, actor: Optional[str] = None, story: Optional[str] = None,
                   date_from: Optional[date] = None, date_to: Optional[date] = None,
                   modality: Optional[str] = None, limit: int = limit_q, offset: int = offset_q):
        """Events; ``type`` a PLOVER type, ``actor`` a participant's name, alias or id."""
        t = holder.get().snap.events(type=type, actor=actor, story=story, date_from=date_from, date_to=date_to,
                                     modality=modality)
        return _paged(t, limit, offset)

    @api.get("/api/articles", response_model=PageOf[ArticleOut], responses=responses, tags=["articles"])
    def api_articles(story: Optional[str] = None, outlet: Optional[str] = None, date_from: Optional[date] = None,
                     date_to: Optional[date] = None, limit: int = limit_q, offset: int = offset_q):
        """Articles in corpus order, with their clean text."""
        t = holder.get().snap.articles(story=story, outlet=outlet, date_from=date_from, date_to=date_to)
        return _paged(t, limit, offset)

    @api.get("/api/articles/{article_id}", response_model=ArticleOut, responses=responses, tags=["articles"])
    def api_article(request: Request, article_id: str):
        rows = _records(holder.get().snap.articles(ids=[article_id]))
        return rows[0] if rows else not_found(request, "article")

    @api.get("/api/search", response_model=PageOf[SearchHitOut], responses=responses, tags=["search"])
    def api_search(q: str = Query("", max_length=1000), date_from: Optional[date] = None,
                   date_to: Optional[date] = None, outlet: Optional[str] = None, person: Optional[str] = None,
                   type: Optional[str] = None, story: Optional[str] = None, limit: int = limit_q,
                   offset: int = offset_q):
        """Full text over articles and quotes (tantivy, BM25), then the filters. ``highlights``
        are [start, end) character ranges of the words found in ``snippet``."""
        site = holder.get()
        hits = site.search(q, _iso(date_from), _iso(date_to), outlet, person, type, story)
        shown = site.with_snippets(hits[offset:offset + limit])
        return {"total": len(hits), "limit": limit, "offset": offset, "items": [_api_hit(h) for h in shown]}

    api.state.holder = holder
    return Guard(api, token, is_loopback(host))


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return len(value) == 10
    except (TypeError, ValueError):
        return False


def _api_hit(h: dict) -> dict:
    text, ranges, pos = [], [], 0
    for run, is_hit in h["snippet"]:
        if is_hit:
            ranges.append([pos, pos + len(run)])
        text.append(run)
        pos += len(run)
    return {"kind": h["kind"], "id": h["id"], "article_id": h["article_id"], "title": h["title"],
            "outlet": h["outlet"], "published": h["published"], "published_inferred": bool(h["inferred"]),
            "speaker": h["speaker"], "speaker_id": h["speaker_id"], "score": h["score"], "snippet": "".join(text),
            "highlights": ranges}
