"""The Python API: ``build`` (ingest -> clean -> store) and ``extract``
(ingest -> clean, no store). The CLI is a thin layer over these.
"""
from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .clean import clean_page
from .engines.local import default_workers, map_ordered
from .ingest import InputProgress, Limits, iter_pages
from .model import Article, Page, Reject

# A real page is cleaned and analysed in well under a second (about 0.3 s on the
# 2-core machine, docs/benchmarks.md); a minute leaves room for a slow machine and
# a 20 MB page, and turns a page that hangs its worker into a reject, not a stall.
DEFAULT_PAGE_TIMEOUT = 60.0


@dataclass
class BuildSummary:
    pages_read: int = 0            # pages found in the inputs (including already-known ones)
    new_pages: int = 0             # pages processed in this run
    articles: int = 0              # articles produced in this run
    duplicates: int = 0            # exact duplicates skipped (already in the store or seen earlier)
    rejects: Counter = field(default_factory=Counter)   # reason -> count
    seconds: float = 0.0
    corpus_seconds: float | None = None   # the corpus stage, when this run linked
    # seconds of each step of the corpus stage, in the order they ran (where a build's time goes)
    corpus_steps: dict[str, float] = field(default_factory=dict)
    # for a progress display: the stage running ("pages", then "corpus: <step>"), and how
    # far ingest has read into the inputs (bytes: a total and an ETA from the start)
    stage: str = "pages"
    inputs: InputProgress = field(default_factory=InputProgress)

    @property
    def rejected(self) -> int:
        return sum(self.rejects.values())

    def to_dict(self) -> dict:
        return {
            "pages_read": self.pages_read,
            "new_pages": self.new_pages,
            "articles": self.articles,
            "duplicates_skipped": self.duplicates,
            "rejected": self.rejected,
            "rejects_by_reason": dict(sorted(self.rejects.items())),
            "seconds": round(self.seconds, 3),
            "corpus_seconds": None if self.corpus_seconds is None else round(self.corpus_seconds, 3),
            "corpus_steps": {k: round(v, 3) for k, v in self.corpus_steps.items()},
        }


class SiteLineCounter:
    """Counts, per site, on how many text pages each short line appeared.

    Plain-text dumps carry their site's menus and footers on every page; a
    line seen on ``min_pages`` earlier pages of the same site is furniture,
    whatever it looks like. Counts only grow in input order, so the same
    inputs always give the same result. Memory is capped per site.

    A build starts from the counts of the pages its store already holds
    (``counts``) and counts each new page once; with ``record``, ``take`` hands
    over what the pages being committed added, for the store to keep with them. So a page is
    cleaned the same way whether the build ran in one go, was split into
    increments (later files alone, or everything fed again) or was killed and run again.
    """

    def __init__(self, min_pages: int = 3, max_lines_per_site: int = 50_000, max_len: int = 200,
                 counts: dict[str, dict[str, int]] | None = None, record: bool = False):
        self.min_pages = min_pages
        self.max_lines = max_lines_per_site
        self.max_len = max_len
        self.counts: dict[str, dict[str, int]] = counts if counts is not None else {}
        # page id -> (site, lines it counted), until taken: only for a store (an extract of
        # a whole crawl would hold every page's lines)
        self.added: dict[str, tuple[str, list[str]]] | None = {} if record else None

    @staticmethod
    def site_of(page: Page) -> str | None:
        from .clean.metadata import domain_of

        return domain_of(page.url) or page.outlet

    def annotate(self, page: Page) -> None:
        if page.kind != "text":
            return
        site = self.site_of(page)
        if not site:
            return
        try:
            text = page.content.decode(page.encoding or "utf-8", "replace")
        except LookupError:
            text = page.content.decode("utf-8", "replace")
        lines = {" ".join(ln.split()) for ln in text.splitlines()}
        lines = {ln for ln in lines if ln and len(ln) <= self.max_len}
        counts = self.counts.setdefault(site, {})
        page.repeated_lines = frozenset(ln for ln in lines if counts.get(ln, 0) >= self.min_pages)
        counted = []
        for ln in sorted(lines):          # sorted: which lines fit under the cap must not depend on hashing
            if ln in counts:
                counts[ln] += 1
            elif len(counts) < self.max_lines:
                counts[ln] = 1
            else:
                continue
            counted.append(ln)
        if self.added is not None:
            self.added[page.id] = (site, counted)

    def take(self, page_ids: Iterable[str]) -> dict[tuple[str, str], int]:
        """What the pages ``page_ids`` added to the counts, as (site, line) -> pages;
        forgotten here (the store keeps it with the pages)."""
        out: dict[tuple[str, str], int] = {}
        for pid in page_ids:
            site, lines = self.added.pop(pid, (None, [])) if self.added is not None else (None, [])
            for ln in lines:
                out[site, ln] = out.get((site, ln), 0) + 1
        return out


def clean_and_analyse(page: Page) -> Article | Reject:
    """Per-document work of a build: clean, then (English articles) one spaCy pass.

    An analysis failure never loses the article: it is kept, unanalysed, with the
    error noted."""
    result = clean_page(page)
    if isinstance(result, Article):
        from .analyse import analyse_article

        try:
            analyse_article(result)
        except Exception as exc:  # a parser failure on a strange text
            result.extra["analysis_error"] = f"{type(exc).__name__}: {exc}"[:300]
        _add_corpus_inputs([result])
    return result


def clean_and_analyse_batch(pages: list[Page]) -> list[Article | Reject]:
    """The same work as ``clean_and_analyse`` on a batch, with one spaCy ``pipe`` call."""
    from .analyse import analyse_articles

    results = [clean_page(p) for p in pages]
    try:
        analyse_articles([r for r in results if isinstance(r, Article)])
    except Exception as exc:
        for r in results:
            if isinstance(r, Article) and not r.analysed:
                r.extra["analysis_error"] = f"{type(exc).__name__}: {exc}"[:300]
    _add_corpus_inputs(results)
    return results


# a short news text that passes cleaning and analysis: ``warm_worker`` runs it once
_WARM_TEXT = ("Leaders meet for talks\n\nThe foreign ministers of two countries met in Geneva on Monday "
              "for talks on trade, officials said. \"We made progress,\" the minister told reporters "
              "after the meeting, which lasted three hours.\n")


def warm_worker() -> None:
    """Load what a page worker's first batch needs (the parser, gazetteer, word
    frequencies) by cleaning and analysing one small page."""
    clean_and_analyse_batch([Page(source="warm-up", content=_WARM_TEXT.encode(), kind="text")])


def _add_corpus_inputs(results: list[Article | Reject]) -> None:
    """The terms story clustering compares and the sketch duplicate detection compares,
    made here, in the workers: they depend on the article alone (analyse/terms.py,
    link/dedup.py), and the corpus stage runs in one process."""
    from .analyse.terms import article_terms
    from .link.dedup import text_sketches

    arts = [r for r in results if isinstance(r, Article)]
    for a, sketch in zip(arts, text_sketches([a.text or "" for a in arts])):
        a.terms = article_terms(a.title, a.text or "")
        a.sketch = sketch


def _crashed(page: Page, exc: BaseException) -> Reject:
    return Reject(page.source, "worker_crashed", f"processing this page killed its worker: {exc}", page.id)


def _timed_out(page: Page) -> Reject:
    return Reject(page.source, "timeout", "processing this page took longer than the page time limit", page.id)


def _batch_size(workers: int, batched: bool) -> int:
    """Pages per task. Bigger spaCy batches run a little faster in one process; with a
    pool, the tasks in flight (four per worker) hold their pages and results, and 64
    pages a task took a 2,000-page build from 0.8 to 1.3 GB."""
    if not batched:
        return 8
    return 64 if workers <= 1 else 16


# Batches a worker parses before it is replaced by a fresh one (16 pages a batch with a
# pool, so 1,600 pages). A parsing worker's memory only grows: a fresh one holds ~255 MiB
# after its first batch and ~380 MiB after 2,000 real news pages, and forked workers had
# reached ~575 MiB each by the end of the 28.8k build (docs/benchmarks.md §13). A
# replacement starts in 2-3 s, about 2% of the time its 1,600 pages take.
WORKER_RECYCLE_BATCHES = 100


def process(
    pages: Iterable[Page | Reject],
    workers: int | None = None,
    skip_ids: set[str] | None = None,
    summary: BuildSummary | None = None,
    work: Callable[[Page], Article | Reject] = clean_page,
    work_batch: Callable[[list[Page]], list[Article | Reject]] | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    warm: Callable[[], object] | None = None,
    site_lines: SiteLineCounter | None = None,
) -> Iterator[tuple[Page | None, Article | Reject]]:
    """Clean a stream of pages in parallel; yields (page, article-or-reject) in input order.

    Ingest rejects pass through as (None, reject). Pages whose id is in
    ``skip_ids`` (or repeats within the stream) are counted as duplicates and dropped.
    ``site_lines``: the counts of the pages before these (a store's), else none.
    """
    workers = workers or default_workers()
    summary = summary if summary is not None else BuildSummary()
    seen = skip_ids if skip_ids is not None else set()
    passthrough: list[Reject] = []
    site_lines = site_lines if site_lines is not None else SiteLineCounter()

    def new_pages() -> Iterator[Page]:
        for item in pages:
            if isinstance(item, Reject):
                passthrough.append(item)
                continue
            summary.pages_read += 1
            if item.id in seen:        # a stored page is in the counts already
                summary.duplicates += 1
                continue
            seen.add(item.id)
            site_lines.annotate(item)
            summary.new_pages += 1
            yield item

    for page, result in map_ordered(work, new_pages(), workers, on_crash=_crashed, batch_fn=work_batch,
                                    batch_size=_batch_size(workers, work_batch is not None),
                                    page_timeout=math.inf if page_timeout is None else page_timeout,
                                    on_timeout=_timed_out,
                                    recycle_every=WORKER_RECYCLE_BATCHES if work_batch is not None else None,
                                    warm=warm):
        while passthrough:
            yield None, passthrough.pop(0)
        yield page, result
    while passthrough:
        yield None, passthrough.pop(0)


class BuildInterrupted(Exception):
    """Ctrl-C during a build: the pages finished before it are committed (``summary``
    counts them); the links are left stale, so the same build run again finishes."""

    def __init__(self, summary: BuildSummary):
        super().__init__("build interrupted")
        self.summary = summary


def build(
    inputs: list[str],
    store_path: str,
    manifest: str | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    on_progress: Callable[[BuildSummary], None] | None = None,
    batch_size: int = 200,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
) -> BuildSummary:
    """Ingest, clean and store pages; only pages not already in the store are processed.
    Then, whenever the stored links are older than the articles (new articles, or an
    earlier build that died before its corpus stage finished), the corpus stage."""
    from .store import Store

    t0 = time.perf_counter()
    summary = BuildSummary()
    with Store(store_path) as store:
        try:
            _store_pages(store, inputs, manifest, workers, limits, on_progress, batch_size, page_timeout, summary)
            if store.links_stale():
                t_link = time.perf_counter()
                clock = _StepClock(summary.corpus_steps)
                link(store, lambda step: (clock.start(step), _report_step(summary, step, on_progress)))
                clock.stop()
                summary.corpus_seconds = time.perf_counter() - t_link
            else:   # a build that stopped between the links and the storylines (or an older store)
                from .store.storylines import link_storylines_in, storylines_stale

                if storylines_stale(store):
                    link_storylines_in(store)
        except KeyboardInterrupt:
            # pages are committed batch by batch, the corpus stage in one transaction
            # (rolled back here): the next build takes up where this one stopped
            summary.seconds = time.perf_counter() - t0
            raise BuildInterrupted(summary) from None
    summary.seconds = time.perf_counter() - t0
    return summary


class _StepClock:
    """Seconds of each named step into ``into``: a step ends when the next one starts."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.name, self.t0 = into, None, 0.0

    def start(self, name: str) -> None:
        self.stop()
        self.name, self.t0 = name, time.perf_counter()

    def stop(self) -> None:
        if self.name is not None:
            self.into[self.name] = self.into.get(self.name, 0.0) + time.perf_counter() - self.t0
            self.name = None


def _report_step(summary: BuildSummary, step: str, on_progress) -> None:
    summary.stage = f"corpus: {step}"
    if on_progress:
        on_progress(summary)


def _store_pages(store, inputs, manifest, workers, limits, on_progress, batch_size, page_timeout,
                 summary: BuildSummary) -> None:
    """The per-page stage of a build, committed in batches; on Ctrl-C the results
    already received are committed before the interrupt goes on."""
    pages_b: list[Page] = []
    arts_b: list[Article] = []
    rej_b: list[Reject] = []

    site_lines = SiteLineCounter(counts=store.site_line_counts(), record=True)

    def flush() -> None:
        store.write_batch(pages_b, arts_b, rej_b, site_lines.take(p.id for p in pages_b))
        pages_b.clear(), arts_b.clear(), rej_b.clear()

    # a store kept inside an input folder is not input
    stream = iter_pages(inputs, manifest=manifest, limits=limits, exclude=[store.path], progress=summary.inputs)
    try:
        for page, result in process(stream, workers, skip_ids=store.known_page_ids(), summary=summary,
                                    work=clean_and_analyse, work_batch=clean_and_analyse_batch, warm=warm_worker,
                                    page_timeout=page_timeout, site_lines=site_lines):
            if page is not None:
                pages_b.append(page)   # raw page kept even when cleaning rejects it
            if isinstance(result, Article):
                arts_b.append(result)
                summary.articles += 1
            else:
                rej_b.append(result)
                summary.rejects[result.reason] += 1
            if len(pages_b) + len(rej_b) >= batch_size:
                flush()
            if on_progress:
                on_progress(summary)
    finally:
        flush()


def link(store, on_step: Callable[[str], None] | None = None) -> None:
    """Corpus stage: one snapshot out of the store, a pure function over it, one
    transaction back in (``link.corpus``). ``on_step`` hears the name of each step."""
    from .faults import kill_point
    from .link.corpus import link_corpus

    from .engines.local import release_freed_memory, young_collections

    with young_collections() as collect_young:
        def step(name: str) -> None:
            collect_young()          # the cycles the last step left
            release_freed_memory()   # each step drops the rows it consumed
            if on_step:
                on_step(name)

        step("reading the store")
        snapshot = store.corpus_snapshot()
        links = link_corpus(snapshot, step)
        del snapshot   # the articles' texts and rows: not needed to write the links
        step("writing")
        kill_point("corpus_linked")
        store.write_corpus(links)
        del links      # written: the storyline step reads what it needs from the store
        step("storylines")
        from .store.storylines import link_storylines_in   # episodes -> storylines (link/storylines.py),

        link_storylines_in(store)


def extract(
    inputs: list[str],
    manifest: str | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    summary: BuildSummary | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
) -> Iterator[Article | Reject]:
    """Ingest and clean only: a stream of articles and rejects, nothing stored."""
    stream = iter_pages(inputs, manifest=manifest, limits=limits)
    for _page, result in process(stream, workers, summary=summary, page_timeout=page_timeout):
        yield result
