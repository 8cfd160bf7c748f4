"""Reporting chains: the media a statement passed through, as the text names them
("TASS reported", "told state media", "as reported by RIA Novosti", "according to the
TASS news agency", "Interfax reported, citing X"), closest to the speaker first, and
the chain a quote takes from its speaker's other statements in the article."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Quote
from .gazetteer import gazetteer

MEDIA_KINDS = ("news_agency", "broadcaster", "newspaper", "media", "magazine", "news_outlet")


_MEDIA_GENERIC = re.compile(
    r"\b((?:(?:Russian|Ukrainian|US|American|British|Chinese|Turkish|Indian|state|state-run|local|Western|"
    r"Israeli|Iranian|Arab|Saudi|Kremlin-controlled|pro-Kremlin|independent|official|foreign)\s+){1,2}(?:media|news\s+agenc(?:y|ies)|television|TV|"
    r"newspapers?|outlets?|reports?))\b"
)
_MEDIA_NAME = re.compile(
    r"\b((?:[A-Z][\w&.'-]*\s+){0,3}(?:News|TV|Radio|Times|Post|Journal|Telegraph|Guardian|Herald|Tribune|"
    r"Gazette|Broadcasting|Television|Channel\s+One|Agency|Press|Wire|Network|Media|Kommersant|Izvestia|Vedomosti))\b"
)
_VIA_BEFORE = re.compile(
    r"\b(?:told|telling|in\s+an?\s+(?:interview|conversation|op-ed|article|post)\s+(?:with|for|on|in)|speaking\s+(?:to|with|on)|"
    r"[Aa]ccording\s+to|[Aa]s\s+reported\s+by|reported\s+by|cited\s+by|quoted\s+by|as\s+saying\s+by|"
    r"in\s+comments\s+to|in\s+remarks\s+to|wrote\s+(?:in|on)|said\s+(?:in|on)|posted\s+on|an\s+interview\s+with|"
    r"broadcast\s+by|aired\s+by|published\s+by)\s+(?:the\s+|a\s+)?(?P<adj>(?:state|state-run|Russian|Ukrainian|US)\s+)?"
    r"(?:(?:news\s+agency|newspaper|broadcaster|channel|outlet|agency|daily)\s+)?"
)
_CAPS = re.compile(r"((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})")


def _known_media(words: str) -> str | None:
    """The gazetteer's name of a medium named by these capitalised words (or their start)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        actor = gazetteer().org(" ".join(parts[:n]))
        if actor and actor.kind in MEDIA_KINDS:
            return actor.name
    return None


_VIA_AFTER = re.compile(r"^\s*(?:(?:news\s+agency|agency|newspaper|broadcaster|channel|daily)\s*,?\s+)?(?:reported|reports|reporting|cited|quoted|said|wrote|has\s+reported|was\s+reporting|quoting)\b")


@lru_cache(maxsize=16384)
def is_media(text: str) -> bool:
    gaz = gazetteer()
    actor = gaz.org(text)
    if actor and actor.kind in MEDIA_KINDS:
        return True
    return bool(_MEDIA_GENERIC.fullmatch(text.strip()) or _MEDIA_NAME.fullmatch(text.strip()))


def _media_name(text: str) -> str:
    actor = gazetteer().org(text)
    return actor.name if actor else re.sub(r"^(?:the)\s+", "", text.strip())


def _via_in(sent_text: str, sent_start: int, ctx) -> list[tuple[int, str]]:
    """(position, medium) pairs a sentence names as carriers of a statement."""
    found: list[tuple[int, str]] = []
    # media right after a "told / according to / cited by ..." phrase
    for m in _VIA_BEFORE.finditer(sent_text):
        rest = sent_text[m.end():]
        cand = None
        g = _MEDIA_GENERIC.match(rest) or _MEDIA_GENERIC.match(sent_text[m.start("adj"):]) if m.group("adj") else \
            _MEDIA_GENERIC.match(rest)
        named = _CAPS.match(rest)
        if g:
            cand = g.group(1)
        elif named and _known_media(named.group(1)):
            cand = _known_media(named.group(1))
        else:
            mention = ctx.mention_at(sent_start + m.end(), sent_start + m.end() + 1)
            if mention and mention.start == sent_start + m.end():
                name = mention.text
                if ctx.entities[mention.entity].type == "ORG" and is_media(name):
                    cand = name
            if cand is None:
                g2 = _MEDIA_NAME.match(rest)
                if g2:
                    cand = g2.group(1)
        if cand:
            found.append((m.end(), _media_name(cand)))
    # "..., TASS reported." / "RIA Novosti quoted him as saying"
    for mention in ctx.mentions:
        if not (sent_start <= mention.start < sent_start + len(sent_text)):
            continue
        ent = ctx.entities[mention.entity]
        if ent.type != "ORG" or not is_media(mention.text):
            continue
        after = sent_text[mention.end - sent_start:]
        if _VIA_AFTER.match(after):
            found.append((mention.start - sent_start, _media_name(mention.text)))
    for g in _MEDIA_GENERIC.finditer(sent_text):
        if _VIA_AFTER.match(sent_text[g.end():]):
            found.append((g.start(), g.group(1)))
    seen, out = set(), []
    for pos, name in sorted(found):
        if name not in seen:
            seen.add(name)
            out.append((pos, name))
    return out


@lru_cache(maxsize=16384)
def is_media(text: str) -> bool:
    gaz = gazetteer()
    actor = gaz.org(text)
    if actor and actor.kind in MEDIA_KINDS:
        return True
    return bool(_MEDIA_GENERIC.fullmatch(text.strip()) or _MEDIA_NAME.fullmatch(text.strip()))


def _media_name(text: str) -> str:
    actor = gazetteer().org(text)
    return actor.name if actor else re.sub(r"^(?:the)\s+", "", text.strip())


def _via_in(sent_text: str, sent_start: int, ctx) -> list[tuple[int, str]]:
    """(position, medium) pairs a sentence names as carriers of a statement."""
    found: list[tuple[int, str]] = []
    # media right after a "told / according to / cited by ..." phrase
    for m in _VIA_BEFORE.finditer(sent_text):
        rest = sent_text[m.end():]
        cand = None
        g = _MEDIA_GENERIC.match(rest) or _MEDIA_GENERIC.match(sent_text[m.start("adj"):]) if m.group("adj") else \
            _MEDIA_GENERIC.match(rest)
        named = _CAPS.match(rest)
        if g:
            cand = g.group(1)
        elif named and _known_media(named.group(1)):
            cand = _known_media(named.group(1))
        else:
            mention = ctx.mention_at(sent_start + m.end(), sent_start + m.end() + 1)
            if mention and mention.start == sent_start + m.end():
                name = mention.text
                if ctx.entities[mention.entity].type == "ORG" and is_media(name):
                    cand = name
            if cand is None:
                g2 = _MEDIA_NAME.match(rest)
                if g2:
                    cand = g2.group(1)
        if cand:
            found.append((m.end(), _media_name(cand)))
    # "..., TASS reported." / "RIA Novosti quoted him as saying"
    for mention in ctx.mentions:
        if not (sent_start <= mention.start < sent_start + len(sent_text)):
            continue
        ent = ctx.entities[mention.entity]
        if ent.type != "ORG" or not is_media(mention.text):
            continue
        after = sent_text[mention.end - sent_start:]
        if _VIA_AFTER.match(after):
            found.append((mention.start - sent_start, _media_name(mention.text)))
    for g in _MEDIA_GENERIC.finditer(sent_text):
        if _VIA_AFTER.match(sent_text[g.end():]):
            found.append((g.start(), g.group(1)))
    seen, out = set(), []
    for pos, name in sorted(found):
        if name not in seen:
            seen.add(name)
            out.append((pos, name))
    return out


def _carry_chains(quotes: list[Quote]) -> None:
    """'..., Ryabkov said, TASS reports. “We are not in a hurry,” Ryabkov noted.': a
    quote whose own sentences name no medium came the way the article says its
    speaker's other statements came (the nearest earlier one, else the next one); and
    when the article cites one news agency for everything it attributes, through it."""
    for n, q in enumerate(quotes):
        if q.via or q.speaker_entity is None:
            continue
        same = [o for o in quotes if o.via and o.speaker_entity == q.speaker_entity]
        before = [o for o in same if o.start < q.start]
        if before or same:
            q.via = list((before[-1] if before else same[0]).via)
    chains = {tuple(q.via) for q in quotes if q.via}
    if len(chains) == 1:
        chain = next(iter(chains))
        actor = gazetteer().org(chain[0])
        if actor is not None and actor.kind == "news_agency":
            for q in quotes:
                if not q.via and q.speaker is not None:
                    q.via = list(chain)
