"""The terms of an article that story clustering compares: per article, once.

Every article becomes two bags of terms, each term a stable 64-bit hash with its
count and a *background* IDF:

- ``text``: word tokens of the title (counted ``TITLE_REPEAT`` times) and the body,
  lowercased, accents stripped, English stop words out;
- ``salient``: the specific details that tell look-alike events apart: numbers
  (magnitudes, tolls, ages, years) and capitalised words inside sentences (names,
  places).

Why a background IDF, not one fitted on the corpus: a weight fitted on the articles
being clustered changes whenever an article is added, so every similarity in the
corpus would move with each build and the stories could only be recomputed from
scratch. An IDF from word frequencies in general English (wordfreq's "large" list,
built from Wikipedia, subtitles, news, books and the web; pinned with the project)
makes an article's weights depend on the article alone: the similarity of two
articles never changes, the stories decompose into independent blocks, and a later
build recomputes only the blocks its new articles touch (docs/stories.md). The
corpus-specific IDF is kept where it matters, inside a topic block (stage 2), where
the block's own articles decide what is common.

Hashes instead of strings: the terms are stored per article and joined over the
whole corpus; 64-bit BLAKE2b keys make collisions negligible (about 1 in 10^10 for
a million distinct terms) and keep the arrays numeric.
"""
from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np

TITLE_REPEAT = 2          # the title counts this many times in the text bag (it says what the article is about)

# word frequency -> share of documents holding the word: an article of about this
# many tokens holds a word of per-token frequency f with probability ~ min(1, DOC_TOKENS * f)
DOC_TOKENS = 400
# the frequency given to a word the background list does not know (rarer than any word it lists, 1e-8)
UNKNOWN_FREQUENCY = 5e-9

_WORD_RE = re.compile(r"(?u)\b[^\W\d_][\w'-]*[^\W_]\b|\b\d+(?:[.,]\d+)*\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?![\w])")
_CAP = re.compile(r"(?<![\w'])([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[A-Z]{2,6})(?![\w'])")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”'`]\s+|\n\s*)$")

# capitalised words that are not names: calendar words, titles, very common sentence words
_NOT_SALIENT = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "sir", "st", "the", "a", "an", "he", "she", "it", "they", "we", "i", "you",
    "his", "her", "its", "their", "our", "this", "that", "these", "those", "but", "and", "or", "in", "on",
    "at", "for", "of", "to", "by", "with", "from", "as", "after", "before", "said", "says", "news", "am",
    "pm", "gmt", "utc", "est", "edt", "pst", "pdt", "ap", "afp", "reuters", "us", "usa", "tv", "updated",
    "posted", "photo", "video", "read", "more", "click", "here", "share", "comments",
})


@dataclass(slots=True)
class TermBag:
    """One bag of hashed terms, sorted by key."""

    keys: np.ndarray      # int64, sorted, unique
    counts: np.ndarray    # int32
    idf: np.ndarray       # float32, background IDF of each term

    @classmethod
    def of(cls, tokens) -> "TermBag":
        counts = Counter(tokens)
        items = sorted((term_key(t), c, background_idf(t)) for t, c in counts.items())
        if not items:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32))
        k, c, w = zip(*items)
        return cls(np.array(k, np.int64), np.array(c, np.int32), np.array(w, np.float32))

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(slots=True)
class ArticleTerms:
    text: TermBag
    salient: TermBag


def article_terms(title: str | None, text: str) -> ArticleTerms:
    return ArticleTerms(TermBag.of(word_tokens(doc_text(title, text))),
                        TermBag.of(salient_tokens((title or "") + "\n" + text)))


def doc_text(title: str | None, body: str) -> str:
    title = (title or "").strip()
    body = body or ""
    if title and body.startswith(title):
        body = body[len(title):]
    return "\n".join([title] * TITLE_REPEAT + [body]) if title else body


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # already loaded by the analysis

    return frozenset(STOP_WORDS)


# combining marks left by NFKD decomposition (accents): the block U+0300..U+036F and its supplements
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def word_tokens(text: str) -> list[str]:
    """Tokens of a text for TF-IDF (lowercased, accents stripped, stop words out)."""
    text = text.lower()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    stop = _stop_words()
    return [w for w in _WORD_RE.findall(text) if w not in stop]


def salient_tokens(text: str) -> list[str]:
    """Numbers and capitalised words that do not open a sentence: the specific
    details (places, names, magnitudes, tolls, ages) that tell two look-alike
    events apart. Years and small counts are kept: the IDF decides."""
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        tok = m.group(1).replace(",", "")
        if tok.strip("0.") and len(tok) <= 9:
            out.append("#" + tok)
    for m in _CAP.finditer(text):
        word = m.group(1)
        low = word.lower()
        if low in _NOT_SALIENT:
            continue
        if m.start() == 0 or _SENT_START.search(text[max(0, m.start() - 4):m.start()]):
            continue
        out.append(low)
    return out


def term_key(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="large")


# a worker's caches stay alive for the whole build: bounded, about 5 MB
@functools.lru_cache(maxsize=32_768)
def background_idf(token: str) -> float:
    """Smoothed IDF from the word's frequency in general English; numbers ("#12")
    use wordfreq's estimate for digit strings."""
    word = token[1:] if token.startswith("#") else token
    f = _frequencies().get(word)
    if f is None and word[:1].isdigit():
        import wordfreq

        f = wordfreq.word_frequency(word, "en", wordlist="large") or None
    share = min(1.0, DOC_TOKENS * (f or UNKNOWN_FREQUENCY))
    return math.log(1.0 / share) + 1.0
