"""The cheaper paths of the clean stage (issue 10, speed bar): the language model is memory-
mapped from its cache, htmldate runs only when the metadata cascade still needs a date, and
the head's meta tags are read once. Each must give the same answers as the slower path."""
from __future__ import annotations

import numpy as np

from storyline.clean import clean_page, html as H
from storyline.clean import language
from storyline.clean.htmlmeta import html_metadata, read_head
from storyline.model import Article, Page

BODY = "".join(
    f"<p>{s}</p>" for s in [
        "The city council approved the harbour budget on Tuesday after a debate that ran past midnight.",
        "Opposition members said the plan left the eastern districts without a new ferry line for years.",
        "The mayor, Ana Ribeiro, told reporters the first contracts would be signed before the summer.",
        "Residents of the old port quarter had asked for the works to start with the flood barriers.",
        "A final vote on the financing of the second phase is expected at the council's next session.",
    ])


def _page(head: str, body: str = "") -> bytes:
    return (f"<html lang='en'><head><title>Harbour budget approved | Port Gazette</title>{head}</head>"
            f"<body><header><a href='/'>Port Gazette</a></header><article><h1>Harbour budget approved</h1>"
            f"{body}{BODY}</article><footer>© Port Gazette</footer></body></html>").encode()


def _clean(html: bytes) -> Article:
    art = clean_page(Page(id="p1", source="p1.html", content=html, kind="html",
                          url="https://portgazette.example/city/harbour-budget"))
    assert isinstance(art, Article)
    return art


# --- language model ------------------------------------------------------------------

SENTENCES = {
    "de": "Der Stadtrat hat am Dienstag den Haushalt für den Hafen nach einer langen Debatte beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi le budget du port après un long débat qui a duré toute la nuit.",
    "pt": "A câmara municipal aprovou na terça-feira o orçamento do porto depois de um longo debate.",
    "ru": "Городской совет во вторник утвердил бюджет порта после долгих дебатов, длившихся до полуночи.",
}


def test_language_model_is_memory_mapped_and_scores_as_the_packaged_one():
    language._IDENTIFIER = None
    ident = language._load_identifier()
    assert isinstance(ident.nb_ptc, np.memmap)          # a page touches only its features' rows
    from py3langid import langid

    packaged = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    for lang, text in SENTENCES.items():
        ours, theirs = ident.classify(text), packaged.classify(text)
        assert ours[0] == theirs[0] == lang
        assert abs(ours[1] - theirs[1]) < 1e-3
    # a second load reads the cache, not the packaged LZMA file
    assert isinstance(language._load_identifier().nb_ptc, np.memmap)


def test_detect_language_on_non_english_text_uses_the_model():
    language._IDENTIFIER = None
    assert language.detect_language(SENTENCES["fr"] * 3) == "fr"
    assert language.detect_language(SENTENCES["de"] * 3) == "de"


# --- htmldate only when needed -------------------------------------------------------------

def test_no_htmldate_search_when_the_page_declares_its_date(monkeypatch):
    calls = []
    monkeypatch.setattr(H, "_published", lambda html: calls.append(1) or "2001-01-01")
    # microdata date: no meta tag and no JSON-LD, so clean.html's quick read finds nothing
    art = _clean(_page("", '<time itemprop="datePublished" datetime="2024-03-05T09:00:00">5 March</time>'))
    assert art.published == "2024-03-05"
    assert calls == []


def test_htmldate_still_dates_a_page_that_declares_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(H, "_published", lambda html: calls.append(1) or "2024-03-04")
    art = _clean(_page(""))
    assert calls == [1]
    assert (art.published, art.published_source) == ("2024-03-04", "html")


# --- the head read once --------------------------------------------------------------------

def test_metadata_from_the_shared_head_equals_a_fresh_read():
    head = ('<meta property="og:site_name" content="Port Gazette">'
            '<meta property="og:title" content="Harbour budget approved">'
            '<meta name="author" content="Ana Costa">'
            '<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">'
            '<link rel="canonical" href="https://portgazette.example/city/harbour-budget">')
    html = _page(head).decode()
    ex = H.extract_html(html, None, htmldate=False)
    assert ex.head == read_head(html)
    shared = html_metadata(html, None, canonical=ex.url, fast_date=ex.published, sitename=ex.sitename, head=ex.head)
    fresh = html_metadata(html, None, canonical=ex.url, fast_date=ex.published, sitename=ex.sitename)
    assert shared == fresh
    assert (shared.title, shared.author, shared.published) == ("Harbour budget approved", "Ana Costa", "2024-03-05")
    assert ex.url == "https://portgazette.example/city/harbour-budget"
