"""Records that flow between stages.

Plain dataclasses: picklable (they cross process boundaries), no behaviour
beyond trivial conveniences. Every stage takes records and returns records.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # corpus records, named in annotations only (the model imports no stage)
    from .link.contradictions import Contradiction
    from .link.entities import Entity
    from .link.events import EventRecord
    from .link.quotes import QuoteRecord
    from .link.stories import Story


@dataclass(slots=True)
class Page:
    """One raw input document, as read from a file, a WARC record or a JSONL line.

    ``content`` holds the raw bytes exactly as found (decompressed from gzip, but
    not decoded) so any later stage can be re-run from the store alone.
    """

    source: str                      # input path or URL as given, plus "#record" for containers
    content: bytes                   # raw bytes of the page
    kind: str                        # "html" | "text" (what the reader believes it is)
    id: str = ""                     # content hash of source + content (see ingest.page_id)
    url: str | None = None
    outlet: str | None = None
    published: str | None = None     # ISO date given by the container or manifest
    published_source: str | None = None  # "manifest" | "warc" | "jsonl"
    title: str | None = None
    fetched: str | None = None       # WARC-Date, when known
    encoding: str | None = None      # declared/known encoding, if any
    # Lines of this text page that earlier pages of the same site also carry
    # (menus, footers): filled in by the pipeline, used by the text cleaner.
    repeated_lines: frozenset[str] = frozenset()


@dataclass(slots=True)
class Reject:
    """An input that could not become a page or an article, and why."""

    source: str
    reason: str                      # one of REJECT_REASONS
    detail: str = ""
    page_id: str | None = None

    def __post_init__(self) -> None:
        if self.reason not in REJECT_REASONS:
            raise ValueError(f"unknown reject reason {self.reason!r}: add it to model.REJECT_REASONS and "
                             f"docs/bad-input.md")


# Every reason an input can be rejected for, with what it means: users filter the
# rejects by these codes, docs/bad-input.md lists them (a test keeps the two equal).
REJECT_REASONS: dict[str, str] = {
    # reading the inputs (ingest)
    "unreadable": "the file cannot be opened or read (permissions, I/O error)",
    "not_a_file": "not a regular file: a FIFO, a device, a socket, a link to one",
    "outside_inputs": "a manifest row naming a file outside the manifest's folder and the inputs",
    "missing_file": "a manifest row naming a file that does not exist",
    "bad_manifest_row": "a manifest row without a path, or a JSONL manifest line that is not an object",
    "empty": "an empty or whitespace-only file, WARC record or JSON line",
    "binary": "a PDF, image, archive or other binary file or WARC payload, not a web page",
    "too_large": "a page, WARC record or JSON line over --max-mb (default 20 MB), or gzip expanding past it",
    "truncated_gzip": "a gzip stream that ends before its end marker",
    "corrupt_gzip": "gzip data that cannot be decompressed",
    "truncated_warc": "a WARC record cut short or a broken WARC stream (the records before it are kept)",
    "bad_http": "a WARC response record without an HTTP header",
    "http_status": "a WARC response with an HTTP error or redirect status",
    "bad_json": "a JSONL line that is not JSON, or not an object",
    # cleaning
    "undecodable": "bytes that decode to no usable text in any encoding tried",
    "too_deep": "HTML nested deeper than the parser's limit",
    "no_article_text": "a page with no article text left once menus, teasers and other furniture are removed",
    "clean_error": "the cleaner failed on this page (the raw page is kept for a later run)",
    # running the per-page work
    "worker_crashed": "processing this page killed its worker process (twice)",
    "timeout": "processing this page took longer than --page-timeout (default 60 s)",
}


@dataclass(slots=True)
class Mention:
    """A span of an article's clean text that refers to an entity of that article."""

    start: int
    end: int
    text: str
    entity: int                      # index into Article.entities
    kind: str = "name"               # name | description | pronoun


@dataclass(slots=True)
class LocalEntity:
    """An entity as one article knows it; corpus linking merges these across articles."""

    index: int
    name: str                        # the fullest name seen in the article
    type: str                        # PERSON | ORG | GPE | NORP | LOC
    key: str                         # gazetteer key (Wikidata id, country:XX) or a name key
    wikidata: str | None = None
    country: str | None = None       # ISO code the actor belongs to / acts for
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    domain: str | None = None        # politics, business, sport, arts, police... (from roles or context)


@dataclass(slots=True)
class Quote:
    """A statement reported in an article: who said what, through whom."""

    start: int
    end: int
    text: str
    kind: str                        # direct | indirect | mixed
    speaker: str | None              # the surface string naming the speaker
    speaker_entity: int | None       # index into Article.entities, when resolved
    cue: str | None                  # the reporting verb or phrase ("said", "according to")
    via: list[str] = field(default_factory=list)   # media named in the text, closest to the speaker first
    # an interrupted quote (“A,” he said. “B.”): each quoted part as (start, end); start/end
    # above then run from the first part to the last, and text is the parts joined
    parts: list[tuple[int, int]] = field(default_factory=list)


# An article's exported fields, in order: the columns of the store's articles table and of
# `storyline extract` / `export --what articles` (a contract with users: add, don't rename).
ARTICLE_FIELDS = [
    "id", "source", "url", "outlet", "title", "published", "published_source",
    "language", "author", "text", "syndicated_from",
]


@dataclass(slots=True)
class Article:
    """Clean article produced from one Page."""

    id: str
    page_id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None            # ISO date (YYYY-MM-DD) or None
    published_source: str | None     # manifest | warc | jsonl | html | url | None
    language: str | None
    author: str | None
    text: str
    syndicated_from: str | None = None
    extractor: str | None = None     # which extractor produced the text
    extra: dict[str, Any] = field(default_factory=dict)
    # filled in by the analysis stage (English articles only)
    analysed: bool = False
    entities: list[LocalEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Any] = field(default_factory=list)   # analyse.timex.Timex records
    events: list[Any] = field(default_factory=list)    # analyse.events.Event records
    # an undated article's date inferred from its text: {"date", "confidence", "evidence"}
    published_inferred: dict[str, Any] | None = None
    # analyse.terms.ArticleTerms: what story clustering compares; link.dedup.TextSketch:
    # what duplicate detection compares (both stored, not exported)
    terms: Any = None
    sketch: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(replace(self, terms=None, sketch=None)).items()
                if k not in ("terms", "sketch")}


def effective_date(published: str | None, inferred: dict[str, Any] | None) -> str | None:
    """The day an article speaks from: its publication date, else the date inferred
    from its text (``Article.published_inferred``), else None."""
    if published:
        return published[:10]
    return inferred.get("date") if inferred else None


@dataclass
class CorpusSnapshot:
    """What the corpus stage reads, all in corpus order (article ``seq``)."""

    version: int                     # articles in the store when the snapshot was taken
    articles: list[dict]             # id, seq, title, text, outlet, published, published_inferred, ...
    local_entities: list             # per-article entities (``link.entities.LocalRef``)
    quotes: list[dict]               # per-article quotes with the article's outlet and wire credit
    events: list[dict]               # per-article events, participants as local entity indexes
    places: list[tuple[str, str, str]]   # (article_id, mention text, GPE|LOC) of place mentions
    # stories, kept from earlier builds (link/stories.py): each article's terms, each
    # scored article's nearest neighbours (seq a, seq b, similarity), which articles were
    # scored, the memo of topic blocks' stories
    terms: dict[str, Any] = field(default_factory=dict)           # article id -> ArticleTerms
    sketches: dict[str, Any] = field(default_factory=dict)        # article id -> link.dedup.TextSketch
    seqs: dict[str, int] = field(default_factory=dict)            # article id -> the store's seq
    topic_neighbours: tuple = ((), (), ())
    topic_scored: set[str] = field(default_factory=set)
    story_memo: dict[str, Any] = field(default_factory=dict)


@dataclass
class CorpusLinks:
    """What the corpus stage returns; the store writes it in one transaction."""

    version: int
    entities: list[Entity]
    entity_links: dict[tuple[str, int], str]      # (article_id, local index) -> entity id
    quotes: list[QuoteRecord]
    quote_support: dict[str, tuple[list[str], int]]   # quote id -> (outlets, independent sources)
    events: list[EventRecord]
    stories: list[Story]
    contradictions: list[Contradiction]
    article_links: list[tuple[str, str | None, str | None, str]]  # id, story, duplicate_of, origin
    dropped_duplicate_ids: int = 0                # derived records that repeated an id (kept once)
    # what the next build reuses (see CorpusSnapshot): terms computed here, the neighbour
    # lists that changed (the seqs whose lists are replaced, and their new rows), newly
    # scored articles, the memo entries of this build's blocks
    new_terms: dict[str, Any] = field(default_factory=dict)
    new_sketches: dict[str, Any] = field(default_factory=dict)    # of articles stored without one
    changed_neighbours: tuple = ((), ((), (), ()))
    new_topic_scored: list[str] = field(default_factory=list)
    story_memo: dict[str, Any] = field(default_factory=dict)
