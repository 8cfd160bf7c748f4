"""Full-text search over articles and quotes: a tantivy index (BM25, English stemming)
built in memory from the snapshot when ``storyline serve`` starts.

Why tantivy: DuckDB 2.0 does not ship its ``fts`` extension built in, the PyPI
packages of that extension are built for DuckDB 1.x, and DuckDB fetching one at run
time is not allowed (no network). tantivy is one pinned wheel, a real inverted
index with BM25 scores and snippets. Measured in docs/benchmarks.md §17.

Hits come back as the words to highlight (character ranges into a snippet); the
caller renders them, escaped, with the rest of the page.
"""
from __future__ import annotations

from dataclasses import dataclass

# the most hits a query reads from the index before the page's filters (date, outlet,
# person, event type, story) apply: enough for every page of a filtered result on a
# store of tens of thousands of articles, small enough to stay well under a
# millisecond per hit
MAX_HITS = 2000
# characters of context around the words found, for a snippet
SNIPPET_CHARS = 240
# tantivy's writer memory (bytes): its floor is 15 MB; 50 MB indexes 2,000 articles
# in one segment
WRITER_HEAP = 50_000_000


@dataclass
class Hit:
    kind: str                 # article | quote
    id: str                   # article id or quote id
    score: float
    address: object = None    # tantivy's DocAddress, for the snippet
    query: object = None      # the parsed query and searcher the snippet is made from


@dataclass
class _Query:
    parsed: object
    searcher: object
    generator: object = None


class SearchIndex:
    """An in-memory index of article titles and texts and quote texts and speakers."""

    def __init__(self, articles: list[dict], quotes: list[dict]):
        import tantivy

        sb = tantivy.SchemaBuilder()
        sb.add_text_field("kind", stored=True, tokenizer_name="raw")
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
        sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        for a in articles:
            writer.add_document(tantivy.Document(kind="article", id=a["id"], title=a.get("title") or "",
                                                 body=a.get("text") or ""))
        for q in quotes:
            writer.add_document(tantivy.Document(kind="quote", id=q["id"], title=q.get("speaker") or "",
                                                 body=q.get("text") or ""))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.size = len(articles) + len(quotes)
        # documents in insertion order: with one segment a hit's doc number is its position,
        # so a hit needs no stored-document read (else it reads kind and id from the document)
        self.keys = [("article", a["id"]) for a in articles] + [("quote", q["id"]) for q in quotes]
        self.one_segment = self.index.searcher().num_segments == 1

    def search(self, query: str, limit: int = MAX_HITS) -> list[Hit]:
        """Hits for a user's words, best first. The query language is tantivy's
        ("exact phrase", -word, title:word); what it cannot parse is read leniently."""
        import tantivy

        query = (query or "").strip()
        if not query:
            return []
        parsed, _errors = self.index.parse_query_lenient(query, ["title", "body"], field_boosts={"title": 2.0})
        searcher = self.index.searcher()
        result = searcher.search(parsed, limit=limit, count=False)
        q = _Query(parsed, searcher)
        hits = []
        for score, address in result.hits:
            if self.one_segment:
                kind, id_ = self.keys[address.doc]
            else:
                doc = searcher.doc(address)
                kind, id_ = doc.get_first("kind"), doc.get_first("id")
            hits.append(Hit(kind, id_, float(score), address, q))
        return hits

    def snippet(self, hit: Hit) -> list[tuple[str, bool]]:
        """The words found in context, as (text, is_hit) runs (made only for hits shown)."""
        import tantivy

        q = hit.query
        if q.generator is None:
            q.generator = tantivy.SnippetGenerator.create(q.searcher, q.parsed, self.schema, "body")
            q.generator.set_max_num_chars(SNIPPET_CHARS)
        doc = q.searcher.doc(hit.address)
        return _runs(q.generator.snippet_from_doc(doc), doc.get_first("body"))


def _runs(snippet, body: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_hit) runs; tantivy gives byte ranges into the fragment.
    No fragment (the words were in the title): the body's first characters."""
    fragment = snippet.fragment()
    if not fragment:
        return [(body[:SNIPPET_CHARS], False)] if body else []
    raw = fragment.encode("utf-8")
    runs, pos = [], 0
    for r in snippet.highlighted():
        start, end = r.start, r.end
        if start < pos or end > len(raw):
            continue
        if start > pos:
            runs.append((raw[pos:start].decode("utf-8", "replace"), False))
        runs.append((raw[start:end].decode("utf-8", "replace"), True))
        pos = end
    if pos < len(raw):
        runs.append((raw[pos:].decode("utf-8", "replace"), False))
    return runs
