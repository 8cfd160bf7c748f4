"""Name normalisation shared by in-article and cross-article entity resolution.

Transliterated names vary (Zelensky / Zelenskyy / Zelenskiy, Dmitri / Dmitry,
Sergey / Sergei, Yuri / Yury, Mariya / Maria) and English given names have
short forms (Steve / Steven, Mike / Michael). ``name_key`` folds those
variants to one key; everything else about a name is kept, so people who share
a surname or a first name still get different keys.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
    "gen", "general", "col", "colonel", "lt", "capt", "sen", "senator", "rep", "gov",
    "president", "prime", "minister", "secretary", "chancellor", "king", "queen", "prince",
    "sheikh", "judge", "justice", "ambassador", "envoy", "spokesman", "spokeswoman", "mayor",
    "pope", "cardinal", "rev", "admiral", "adm", "marshal", "sgt", "inspector", "detective",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# words the small NER model tags as a one-word PERSON that never name one: the
# abbreviations of wire earnings tables ("Shr 1.20 dlrs vs 1.10 dlrs ... Avg shrs 12.3
# mln ... Revs 45.6 mln") and disease names (on 28.8k real articles "Covid" was a person
# in 470 and "Avg" in 317: they became "key people" of stories)
NOT_PERSON_WORDS = {
    "vs", "avg", "revs", "rev", "shr", "shrs", "dlr", "dlrs", "mln", "bln", "pct", "qtr", "oper", "net",
    "covid", "coronavirus", "ebola", "aids",
}
PARTICLES = {"bin", "bint", "al", "el", "de", "da", "di", "van", "von", "der", "du", "la", "le", "ibn"}

# Short forms that name the same person in news copy.
NICKNAMES = {
    "steve": "steven", "stephen": "steven", "mike": "michael", "bill": "william", "will": "william",
    "bob": "robert", "rob": "robert", "joe": "joseph", "jim": "james", "jimmy": "james",
    "tom": "thomas", "tony": "anthony", "dick": "richard", "rick": "richard", "dan": "daniel",
    "dave": "david", "chris": "christopher", "matt": "matthew", "alex": "alexander",
    "sasha": "alexander", "ben": "benjamin", "bibi": "benjamin", "ted": "edward", "ed": "edward",
    "kate": "katherine", "liz": "elizabeth", "nick": "nicholas", "pete": "peter", "andy": "andrew",
    "jack": "john", "sam": "samuel", "greg": "gregory", "jeff": "jeffrey", "ron": "ronald",
    "don": "donald", "mohamed": "mohammed", "muhammad": "mohammed", "mohammad": "mohammed",
    "muhammed": "mohammed", "wladimir": "vladimir", "sergej": "sergei",
}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_token(tok: str) -> str:
    """Fold one name token: accents, case, and transliteration endings."""
    t = strip_accents(tok).lower().strip(".'’-")
    t = t.replace("'", "").replace("’", "")
    t = NICKNAMES.get(t, t)
    # Russian/Ukrainian transliteration: -iy/-yy/-ii/-yi/-y/-ei endings, -iya/-ia
    t = re.sub(r"(?:iy|yy|ii|yi|ij|ey|ei|y)$", "i", t) if len(t) > 3 else t
    t = re.sub(r"iya$", "ia", t)
    t = t.replace("kh", "h").replace("ks", "x")
    t = re.sub(r"(.)\1", r"\1", t)  # doubled letters: Zelenskyy after folding, Mohammed/Mohamed
    return t


_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@lru_cache(maxsize=65536)
def split_name(name: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """(given-name tokens, surname, suffix) of a person's name, honorifics and
    possessives removed. Initials are kept as given tokens ("V.")."""
    name = re.sub(r"['’]s$", "", name.strip())
    toks = [t for t in _TOKEN.findall(name)]
    while toks and toks[0].lower().strip(".") in HONORIFICS:
        toks = toks[1:]
    suffix = None
    if toks and toks[-1].lower().strip(".") in SUFFIXES:
        suffix = toks[-1].lower().strip(".")
        toks = toks[:-1]
    if not toks:
        return (), None, suffix
    # "Mohammed bin Salman": the surname is the particle phrase
    for i, t in enumerate(toks[1:], 1):
        if t.lower() in PARTICLES and i < len(toks) - 1:
            return tuple(toks[:i]), " ".join(toks[i:]), suffix
    return tuple(toks[:-1]), toks[-1], suffix


@lru_cache(maxsize=65536)
def skeleton(tok: str) -> str:
    """A consonant skeleton that survives other romanisations: German (Lawrow,
    Jermak), Belarusian (Lukashenka), Ukrainian (Umyerov). Used only together
    with matching given names, never alone."""
    t = fold_token(tok)
    t = t.replace("w", "v").replace("j", "y").replace("x", "ks").replace("ph", "f")
    head, rest = t[:1], t[1:]
    if head == "y" and rest[:1] in "aeiou":  # Jermak / Yermak / Ermak
        head, rest = "", rest
    return (head + re.sub(r"[aeiouy]", "", rest)) if t else t


@lru_cache(maxsize=65536)
def surname_key(name: str) -> str | None:
    _given, surname, _suffix = split_name(name)
    return " ".join(fold_token(t) for t in surname.split()) if surname else None


def given_keys(name: str) -> list[str]:
    """Folded given names, without initials."""
    given, _s, _x = split_name(name)
    return [fold_token(g) for g in given if len(g.strip(".")) > 1]


def initials(name: str) -> list[str]:
    given, _s, _x = split_name(name)
    return [fold_token(g)[:1] for g in given]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A key equal for spelling variants of the same full name; surname-only
    names give just the surname key."""
    given, surname, suffix = split_name(name)
    if not surname:
        return fold_token(name)
    first = fold_token(given[0]) if given and len(given[0].strip(".")) > 1 else ""
    # middle initials tell apart George H. W. Bush and George W. Bush
    middle = " ".join(fold_token(g)[:1] for g in given[1:])
    key = " ".join(x for x in (first, middle, " ".join(fold_token(t) for t in surname.split())) if x)
    return f"{key} {suffix}" if suffix else key


class _PersonParts(NamedTuple):
    """What ``compatible_people`` compares of one name."""

    surname: str                  # folded
    surname_skeleton: str
    suffix: str | None            # jr, sr, iii
    given: tuple[str, ...]        # folded given names and initials
    first_skeleton: str | None    # skeleton of a written-out first given name
    long_surname: bool            # over 3 letters: other romanisations may count


@lru_cache(maxsize=65536)
def _person_parts(name: str) -> _PersonParts | None:
    """A name's parts, computed once per name (the corpus stage compares each name with
    many); None without a surname."""
    given, surname, suffix = split_name(name)
    if not surname:
        return None
    first = given[0] if given and len(given[0].strip(".")) > 1 else None
    return _PersonParts(surname_key(name), " ".join(skeleton(t) for t in surname.split()), suffix or None,
                        tuple(fold_token(g) for g in given), skeleton(first) if first else None, len(surname) > 3)


@lru_cache(maxsize=65536)
def compatible_people(a: str, b: str) -> bool:
    """Could names ``a`` and ``b`` denote the same person? Surnames must match
    after folding; given names must not conflict (a missing given name, an
    initial that fits, or equal folded names); a Jr./Sr. suffix must agree."""
    pa, pb = _person_parts(a), _person_parts(b)
    if pa is None or pb is None:
        return False
    if pa.surname != pb.surname:
        # other romanisations of the same surname count only with the same given name
        if not (pa.long_surname and pa.surname_skeleton == pb.surname_skeleton
                and pa.first_skeleton is not None and pa.first_skeleton == pb.first_skeleton):
            return False
    if pa.suffix != pb.suffix:
        return False
    if not pa.given or not pb.given:
        return True
    for x, y in zip(pa.given[:2], pb.given[:2]):  # first and middle names (or initials) must not conflict
        if len(x) == 1 or len(y) == 1:
            if x[:1] != y[:1]:
                return False
        elif x != y and skeleton(x) != skeleton(y):  # Alexander / Aliaksandr
            return False
    return True
