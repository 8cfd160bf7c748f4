"""Who said what, according to whom: direct, indirect and mixed quotes with
their speaker, cue and reporting chain, from one parsed article.

Direct quotes are found from quote marks (“ ” " « » „ ‘ ’), including quotes
that run over several paragraphs; speakers come from the dependency parse
(the subject of a reporting verb next to the quote), or carry over from the
previous quote of the same paragraph run. Indirect speech is a reporting verb
with a clausal complement ("X said that ...", "..., X said.") or "according
to X, ...". The chain (``via``) lists the media the statement passed through,
as the text names them ("TASS reported", "told NBC", "according to Russian
media"), closest to the speaker first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import LocalEntity, Mention, Quote
from .entities import resolve_description, role_class
from .names import HONORIFICS, SUFFIXES
from .gazetteer import gazetteer
from .doctext import doc_text
from .gender import agrees, gender_of
from .chains import _carry_chains, is_media, _media_name, _via_in
from .quote_marks import find_quote_spans
from .typography import flat

CUE_LEMMAS = {
    "say", "tell", "add", "note", "stress", "warn", "insist", "claim", "announce", "argue", "suggest",
    "state", "explain", "confirm", "deny", "acknowledge", "admit", "declare", "write", "reply", "respond",
    "answer", "ask", "urge", "emphasise", "emphasize", "underline", "underscore", "remark", "comment",
    "continue", "conclude", "assert", "maintain", "predict", "promise", "vow", "pledge", "caution",
    "complain", "recall", "observe", "point", "reiterate", "quip", "joke", "describe", "call", "allege",
    "report", "tweet", "post", "estimate", "concede", "contend", "boast", "scoff", "charge",
    # tabloid and broadcast verbs of saying
    "rage", "fume", "blast", "slam", "storm", "gush", "snap", "plead", "beg", "rant", "scream", "shout",
    "thunder", "hail", "praise", "mock", "taunt", "sneer", "brand", "fire", "hit", "demand", "propose",
    "counter", "retort", "recount", "reveal", "disclose", "signal", "indicate", "hint", "mention",
    "bark", "interject", "exclaim", "yell", "wonder", "muse", "lament", "tout", "shoot", "chime", "cry",
}
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "writes": "write",
              "spoke": "speak", "spoken": "speak", "hit": "hit", "thought": "think", "made": "make",
              "stood": "stand", "shot": "shoot", "cried": "cry", "went": "go", "gave": "give", "given": "give", "swore": "swear", "sworn": "swear",
              "foretold": "foretell", "stressed": "stress", "stresses": "stress", "stressing": "stress"}


# Verbs that introduce a quoted statement ("“Lock her up!” the crowd chanted", "Trump
# thanked voters: “...”") but are not reporting verbs of reported speech in general:
# they count as the cue of a direct quote only, and stay out of CUE_LEMMAS (which the
# event stage also reads).
QUOTE_CUES = {
    "chant", "assure", "thank", "criticize", "criticise", "denounce", "decry", "bemoan", "proclaim",
    "testify", "email", "retweet", "surmise", "pronounce", "chide", "dub", "accuse", "blame", "condemn",
    "dismiss", "remember", "agree", "question", "whisper", "mutter", "murmur", "repeat", "summarize",
    "summarise", "elaborate", "tease", "gripe", "grumble", "marvel", "vent", "scold", "chastise", "opine",
    "posit", "theorize", "speculate", "relay", "echo", "concur", "brag", "object", "protest", "rebut",
    "clarify", "reason", "recommend", "advise", "instruct", "swear", "apologize", "apologise", "confess",
    "guess", "text", "sing", "refer", "deride", "applaud", "label",
}


def _lemma_among(word: str, known: set[str]) -> str | None:
    """The lemma of a verb form when it is one of ``known`` ("chanted" -> "chant")."""
    w = word.lower()
    if w in known:
        return w
    for suffix, repl in (("ying", "y"), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix):
            base = w[: len(w) - len(suffix)] + repl
            if base in known:
                return base
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in known:  # "slammed" -> slam
                return base[:-1]
    return None


@lru_cache(maxsize=32768)
def quote_cue(word: str) -> bool:
    """Can this verb form introduce a direct quote?"""
    lemma = verb_lemma(word)
    return lemma in CUE_LEMMAS or lemma in QUOTE_CUES or _lemma_among(word, QUOTE_CUES) is not None


@lru_cache(maxsize=32768)
def verb_lemma(word: str) -> str:
    """Lemma of a verb form, for the reporting verbs we look for: spaCy's
    lemmatizer is left out of the pipeline (it cost 10% of the parse) and this
    table and a few suffix rules cover every cue verb."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _IRREGULAR_FINDING:
        return _IRREGULAR_FINDING[w]
    known = CUE_LEMMAS | MEDIA_VERBS
    if w in known:
        return w
    for suffix, repl in (("ying", "y"), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix):
            base = w[: len(w) - len(suffix)] + repl
            if base in known:
                return base
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in known:  # "slammed" -> slam
                return base[:-1]
    return w


# "A new poll shows (that) ...": the findings of a poll or a study are attributed to it
FINDING_VERBS = {"show", "find"}
FINDING_SOURCES = {"poll", "polls", "survey", "surveys", "study", "studies", "report", "analysis", "data",
                   "research", "audit", "review", "investigation", "figures", "statistics", "polling"}
_IRREGULAR_FINDING = {"shows": "show", "showed": "show", "shown": "show", "showing": "show", "found": "find",
                      "finds": "find", "finding": "find"}

SHORT_QUOTE_CUE_GAP = 30   # characters from a one- or two-word quote to its cue ("," he said)

# An interrupted quote (“A,” he said. “B.”) is one statement: its parts are joined when
# they are one paragraph, one speaker and at most the attribution clause apart.
INTERRUPTION_MAX_WORDS = 40   # the clause between two parts ("he said at a rally in Iowa on
                              # Tuesday, adding:"); a longer stretch is narrative, not an aside
# a full stop after these does not end a sentence ("Mr. Trump said. “...”")
_NOT_SENTENCE_ENDS = HONORIFICS | SUFFIXES
_SENTENCE_END = re.compile(r"(\b[\w'’]+)?[.!?]+[\"'”’»]*\s+[\"'“‘«]*\w")

# Cue verbs whose object is told to do something ("told them to leave", "urged voters to ...")
DIRECTIVE_CUES = {"tell", "urge", "ask", "warn", "beg", "plead"}

# Cue verbs that only count with a quote or a clause: "called" needs a quoted complement.
WEAK_CUES = {"call", "describe", "continue", "point", "post", "ask"}
MEDIA_VERBS = {"report", "cite", "quote"}

_TERMINAL = (".", ",", "!", "?", "…", ";", ":")

class _Ctx:
    def __init__(self, doc, entities: list[LocalEntity], mentions: list[Mention]):
        self.doc = doc
        # Token.sent walks the document each time it is called: index sentences once.
        self.sents = list(doc.sents)
        self.sent_ix = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for k in range(sent.start, sent.end):
                self.sent_ix[k] = n
        self.entities = entities
        self.mentions = mentions
        self.gaz = gazetteer()
        self.text = doc_text(doc)
        self._genders: dict[int, str | None] = {}
        self.in_quote: list[bool] | None = None   # set by extract_quotes: characters inside quote marks

    def mention_at(self, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= start < m.end or (start <= m.start < end):
                return m
        return None

    def sent_of(self, i: int):
        return self.sents[self.sent_ix[i]]

    def add_mention(self, m: Mention) -> None:
        self.mentions.append(m)
        self.mentions.sort(key=lambda x: (x.start, x.end))

    def gender(self, idx: int) -> str | None:
        if idx not in self._genders:
            ent = self.entities[idx]
            said = [m.text for m in self.mentions if m.entity == idx]
            # "Mrs. Clinton" written before a mention counts too
            titled = [self.text[max(0, m.start - 6):m.end] for m in self.mentions if m.entity == idx]
            self._genders[idx] = gender_of([ent.name, *ent.aliases, *said, *titled]) if ent.type == "PERSON" else None
        return self._genders[idx]

    def persons_before(self, pos: int, since: int) -> list[int]:
        """People named between since and pos, outside quotes: “... Clinton ...,” she said:
        the speaker named in her own words is seldom the one "she" stands for."""
        quoted = self.in_quote
        return [m.entity for m in self.mentions
                if since <= m.start < pos and self.entities[m.entity].type == "PERSON"
                and not (quoted is not None and m.start < len(quoted) and quoted[m.start])]


def _subject_of(verb):
    """The speaker token of a reporting verb: its subject, the agent of a
    passive ("was quoted as saying by"), or the subject of the verb it hangs off."""
    tok = verb
    for _ in range(4):
        # a stray quote mark parsed as the subject ("«...» said Ushakov") is not one; of two
        # subjects ("in Berea, OH, ... Gov. John Kasich said"), the one nearest the verb
        subjects = [c for c in tok.children
                    if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct and not c.is_quote]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        # "Peskov, speaking to reporters, said" / "X told reporters ..., adding" /
        # "Peskov was cited as saying": climb to the verb that has the subject
        if tok.dep_ in ("advcl", "conj", "xcomp", "pcomp", "pobj", "prep") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _span_of_subject(doc, tok):
    """The noun phrase of a subject token, without trailing appositions."""
    left = tok.left_edge.i
    for k in range(tok.i - 1, left - 1, -1):
        if doc[k].is_quote:          # a misparse reaching into the quote before the name
            left = k + 1
            break
    while left < tok.i and doc[left].is_punct:
        left += 1
    right = tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "flat", "nmod") and c.i > tok.i:
            right = max(right, c.right_edge.i)
    return doc[left:right + 1]





_ORG_HEADS = {"company": "company", "firm": "company", "group": "company", "unit": "company", "carrier": "company",
              "bank": "company", "retailer": "company", "brewer": "company", "airline": "company",
              "police": "police", "force": "police", "ministry": "ministry", "department": "ministry"}


_POSSESSIVE_ORG = re.compile(r"^(?:the\s+)?([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)['’]s\s+((?:[a-zA-Z]+\s?){1,3})$")


def _new_entity_for(ctx: _Ctx, span) -> int | None:
    """A speaker the NER missed: a person's name ("Anders Lindqvist insisted"),
    or an organisation of a country ("Russia's foreign ministry" -> Russian Foreign Ministry)."""
    from .gazetteer import DEMONYMS as _DEM

    text = span.text.strip()
    m = _POSSESSIVE_ORG.match(text)
    if m:
        code = ctx.gaz.country_code(m.group(1))
        rest = m.group(2).strip()
        if code and role_class(rest) is None:
            demonym = next((d for d, c in _DEM.items() if c == code and not d.endswith("s")), None)
            if demonym:
                name = f"{demonym.title()} {rest.title()}"
                actor = ctx.gaz.org(name)
                key = actor.key if actor else f"org:{name.lower()}"
                for e in ctx.entities:
                    if e.key == key:
                        return e.index
                idx = len(ctx.entities)
                ctx.entities.append(LocalEntity(idx, actor.name if actor else name, "ORG", key,
                                                actor.wikidata if actor else None, code, [text], []))
                return idx
        return None
    org = ctx.gaz.org(text)
    if org is not None:  # "Downing Street said": the NER missed a known institution
        if org.kind == "government_seat" and org.country:
            org = ctx.gaz.country(org.country)  # seats stand for their government
        for e in ctx.entities:
            if e.key == org.key:
                return e.index
        idx = len(ctx.entities)
        ctx.entities.append(LocalEntity(idx, org.name, org.type, org.key, org.wikidata, org.country, [text], []))
        ctx.add_mention(Mention(span.start_char, span.end_char, text, idx))
        return idx
    toks = [t for t in span if not t.is_punct]
    if 2 <= len(toks) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper()
                                   for t in toks) and not role_class(text):
        from .names import name_key

        key = f"person:{name_key(text)}"
        for e in ctx.entities:
            if e.key == key:
                return e.index
        idx = len(ctx.entities)
        ctx.entities.append(LocalEntity(idx, text, "PERSON", key, None, None, [text], []))
        ctx.add_mention(Mention(span.start_char, span.end_char, text, idx))
        return idx
    return None


def _org_description(ctx: _Ctx, surface: str, pos: int) -> int | None:
    """"the company" / "the firm" / "police" -> the organisation named last before it."""
    words = re.findall(r"[a-z]+", surface.lower())
    if not words or len(words) > 3 or words[-1] not in _ORG_HEADS or any(w[0].isupper() for w in surface.split()[1:]):
        return None
    head = _ORG_HEADS[words[-1]]
    for m in reversed([m for m in ctx.mentions if m.start < pos]):
        ent = ctx.entities[m.entity]
        if ent.type != "ORG" or is_media(ent.name):
            continue
        if head == "police" and "police" not in ent.name.lower():
            continue
        if head == "ministry" and not re.search(r"ministry|department", ent.name.lower()):
            continue
        return m.entity
    return None


def _entity_by_name(ctx: _Ctx, surface: str, start: int | None = None) -> int | None:
    """An article entity for a name the NER missed: the gazetteer person, or the
    article's one person sharing the surname."""
    from .names import compatible_people, split_name

    words = [w for w in re.findall(r"[A-Z][\w'’.-]+", surface)]
    if not words:
        return None
    name = " ".join(words[-3:])
    actor = ctx.gaz.person(name) or ctx.gaz.person(words[-1])
    if actor is not None:
        for e in ctx.entities:
            if e.key == actor.key:
                return e.index
        # a known person the NER missed ("Zelenskyy just posted this:"): add them
        idx = len(ctx.entities)
        ctx.entities.append(LocalEntity(idx, actor.name, "PERSON", actor.key, actor.wikidata, actor.country,
                                        [surface.strip()], []))
        if start is not None:
            ctx.add_mention(Mention(start, start + len(surface.strip()), surface.strip(), idx))
        return idx
    cands = [e.index for e in ctx.entities if e.type == "PERSON" and compatible_people(e.name, words[-1])]
    if len(cands) == 1:
        return cands[0]
    org = ctx.gaz.org(surface)
    if org is not None:
        for e in ctx.entities:
            if e.key == org.key:
                return e.index
    return None


_RELATIVE_PRONOUNS = {"who", "that", "which"}
# what a relative pronoun may stand for as a speaker: "Frank Bainimarama, who told",
# "senior Tories, who said", "the group Scum, which describes"; not a bridge or a date
# (", which suggests that" after a clause is parsed onto its last noun)
_SPEAKING_TYPES = {"PERSON", "ORG", "NORP", "GPE"}


def _next_to(noun, pronoun) -> bool:
    """Does the relative pronoun follow its noun directly (commas and the noun's own
    apposition between: "Paul Kagame, the president of Rwanda, who")? Not when other words
    come between ("the bridge that links Crimea to Russia – which suggests"): that "which"
    is about the clause before it."""
    if noun.i >= pronoun.i:
        return False
    own = {t.i for c in noun.children if c.dep_ in ("appos", "compound", "flat") and c.i > noun.i for t in c.subtree}
    return all(t.is_punct or t.i in own for t in noun.doc[noun.i + 1:pronoun.i])


def _antecedent(ctx: _Ctx, noun, sent, last_speaker: int | None) -> int | None:
    """The entity a relative clause's speaker stands for ("Paul Kagame, the president of
    Rwanda, who said:"): the noun the clause hangs on, when that names a person or a body.
    The quote keeps the article's own word ("who") as its speaker text."""
    entity = _resolve_speaker(ctx, noun, sent, last_speaker)[1]
    return entity if entity is not None and ctx.entities[entity].type in _SPEAKING_TYPES else None


def _resolve_speaker(ctx: _Ctx, tok, sent, last_speaker: int | None) -> tuple[str | None, int | None]:
    """(surface, entity index) for a subject token."""
    doc = ctx.doc
    low = tok.lower_
    if low in ("he", "she", "they", "i", "we"):
        if low in ("i", "we"):
            return tok.text, None
        if low == "they":
            return tok.text, None      # a group, a campaign, an institution: left as written
        # the people before the pronoun (same sentence, else the previous one) who agree
        # with it; it resolves when one fits, or to the speaker whose turn it continues
        cands = ctx.persons_before(tok.idx, sent.start_char)
        if not cands:
            prev = ctx.sent_of(sent.start - 1) if sent.start > 0 else None
            if prev is not None:
                cands = ctx.persons_before(prev.end_char, prev.start_char)
        fits = [i for i in dict.fromkeys(cands) if agrees(low, ctx.gender(i))]
        if last_speaker is not None and agrees(low, ctx.gender(last_speaker)) and (not cands or last_speaker in fits):
            return tok.text, last_speaker
        if len(fits) == 1:
            return tok.text, fits[0]
        return tok.text, None
    if low in _RELATIVE_PRONOUNS and tok.text == low and tok.head.dep_ == "relcl" and _next_to(tok.head.head, tok):
        return tok.text, _antecedent(ctx, tok.head.head, sent, last_speaker)
    span = _span_of_subject(doc, tok)
    if _POSSESSIVE_ORG.match(span.text.strip()):
        found = _new_entity_for(ctx, span)
        if found is not None:
            return span.text.strip(), found
    head_mention = next((m for m in ctx.mentions if m.start <= tok.idx < m.end), None)
    # "The Russian foreign ministry spokeswoman, Maria Zakharova, said": the apposition names her
    for child in ([] if head_mention is not None else tok.children):
        if child.dep_ == "appos":
            sub = doc[child.left_edge.i:child.right_edge.i + 1]
            for m in ctx.mentions:
                if sub.start_char <= m.start < sub.end_char and ctx.entities[m.entity].type == "PERSON":
                    return f"{span.text}, {sub.text}", m.entity
    mention = None
    inside = [m for m in ctx.mentions if span.start_char <= m.start < span.end_char]
    # the mention holding the head word ("PUTIN'S attack dog Dmitry Medvedev" -> Medvedev),
    # else the last person in the phrase (names end noun phrases), else the last mention
    mention = next((m for m in inside if m.start <= tok.idx < m.end), None)
    if mention is None:
        persons = [m for m in inside if ctx.entities[m.entity].type == "PERSON"]
        mention = persons[-1] if persons else (inside[-1] if inside else None)
    if mention is None:
        found = _entity_by_name(ctx, span.text, span.start_char)
        if found is None:
            found = _new_entity_for(ctx, span)
        if found is not None:
            return span.text, found
    if mention is not None:
        surface = span.text if len(span.text) <= 80 else mention.text
        # "the spokesman for President Putin": the head is the role, not Putin
        ent = ctx.entities[mention.entity]
        if ent.type == "PERSON" or tok.ent_type_ or mention.start <= tok.idx < mention.end:
            return surface, mention.entity
    # a description: "the Kremlin spokesman", "the Russian president", "the firm"
    surface = span.text
    org = _org_description(ctx, surface, tok.idx)
    if org is not None:
        return surface, org
    if re.match(r"\s*(?:an?|one|another|some|two|three|several)\s", surface, re.IGNORECASE):
        return surface, None  # "a senior official": anonymous by design
    if role_class(surface) or re.search(r"\b(?:chief executive|managing director|boss|PM|premier)\b", surface):
        before = [m.entity for m in ctx.mentions if m.start < tok.idx]
        return surface, resolve_description(surface, ctx.entities, before)
    if tok.pos_ == "PROPN":
        return surface, None
    return surface, None


def extract_quotes(doc, entities: list[LocalEntity], mentions: list[Mention]) -> list[Quote]:
    text = doc_text(doc)
    ctx = _Ctx(doc, entities, mentions)
    spans = find_quote_spans(text)
    marks = flat(text)   # the same text with every quote mark as ' or "
    quotes: list[Quote] = []
    in_quote = [False] * len(text)
    for s, e in spans:
        for k in range(max(0, s - 1), min(len(text), e + 1)):
            in_quote[k] = True
    ctx.in_quote = in_quote
    last_speaker: tuple[str | None, int | None] | None = None
    last_quote_end = -1
    covered_sents: set[int] = set()
    own_cue: dict[int, int | None] = {}    # id(quote) -> its own cue token, if it has one

    def cue_in(sent, exclude_start, exclude_end):
        # A cue whose clause contains the quote wins ("called the talks “useful”");
        # otherwise the nearest cue outside the quote.
        inside = [t for t in sent if exclude_start <= t.idx < exclude_end]
        for t in inside:
            for anc in t.ancestors:
                if quote_cue(anc.text) and anc.pos_ == "VERB" and not in_quote[anc.idx]:
                    return anc
        best = None
        for t in sent:
            if exclude_start <= t.idx < exclude_end or in_quote[t.idx]:
                continue
            if quote_cue(t.text) and t.pos_ in ("VERB", "AUX"):
                dist = min(abs(t.idx - exclude_start), abs(t.idx - exclude_end))
                if best is None or dist < best[0]:
                    best = (dist, t)
            elif t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                dist = min(abs(t.idx - exclude_start), abs(t.idx - exclude_end))
                if best is None or dist < best[0]:
                    best = (dist, t)
        return best[1] if best else None

    for s, e in spans:
        content = text[s:e]
        words = content.split()
        sent = doc.char_span(s, e, alignment_mode="expand")
        if sent is None:
            continue
        first_sent = ctx.sent_of(sent[0].i)
        last_sent = ctx.sent_of(sent[-1].i)
        # the sentences around the quote, outside it, carry the attribution
        region_start, region_end = first_sent.start, last_sent.end
        region = doc[region_start:region_end]
        cue = cue_in(region, s - 1, e + 1)
        full = len(words) >= 3 and (content.rstrip()[-1:] in _TERMINAL or text[e:e + 1] in ".,!?" or
                                    s - 1 <= first_sent.start_char + 1 or text[max(0, s - 3):s].strip().endswith(":"))
        if not full and content.rstrip()[-1:] in ",!?." and cue is not None and 0 < cue.idx - e <= SHORT_QUOTE_CUE_GAP:
            full = True   # “Really,” she added. / “Apparently not,” he said.
        if full and _is_title(words):
            full = False  # “The Art of the Deal.”, “The Apprentice,”: a title or a name, not a statement
        if cue is None and last_sent.end < len(doc) and marks[e:e + 1] in "\"'" \
                and text[max(0, e - 1)] in "!?.":
            nxt_sent = ctx.sent_of(last_sent.end)
            # “...!” the crowd chanted. -- in the same paragraph, and not the cue of a
            # quote of its own (“...,” he added.)
            if len(nxt_sent) <= 14 and "\n" not in text[e:nxt_sent.start_char] \
                    and not any(in_quote[t.idx] for t in nxt_sent):
                cue = cue_in(nxt_sent, s - 1, e + 1)
        speaker_surface, speaker_idx = None, None
        cue_text = None
        if cue is not None:
            if cue.lower_ == "according":
                pobj = next((c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"), None)
                cue_text = "according to"
                if pobj is not None and not is_media(_span_of_subject(doc, pobj).text):
                    speaker_surface, speaker_idx = _resolve_speaker(ctx, pobj, first_sent, None)
            else:
                subj = _past_age(_subject_of(cue))
                cue_text = cue.text
                if subj is not None and not _can_speak(subj, in_quote):
                    subj = None    # "We" inside the quote, "Tuesday", "Rubio's tax plan": not a speaker
                # inverted attribution: '"...," said Peskov.' (never the addressee: "tells Breitbart News")
                if subj is None:
                    subj = next((c for c in cue.children if c.i > cue.i and _can_speak(c, in_quote)
                                 and (c.dep_ in ("nsubj", "attr") or c.dep_ == "dobj" and verb_lemma(cue.text) != "tell")
                                 and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")), None)
                if subj is None:
                    subj = _name_before_cue(doc, e, cue)   # a misparse: '“...,” Trump barked and ...'
                if subj is None:
                    subj = _name_after_cue(doc, e, cue)    # a misparse: '“...,” said X, an economist who ...'
                    subj = subj if subj is not None and _can_speak(subj, in_quote) else None
                cited = _cited_person(cue)
                if cited is not None:
                    subj = cited   # "TASS quoted X as saying “...”": X speaks
                if subj is not None:
                    speaker_surface, speaker_idx = _resolve_speaker(
                        ctx, subj, first_sent, last_speaker[1] if last_speaker else None)
                    if verb_lemma(cue.text) in MEDIA_VERBS - {"report"} and is_media(speaker_surface or ""):
                        speaker_surface, speaker_idx = None, None
                    elif speaker_surface is not None:
                        speaker_surface = speaker_surface.strip(" ,\"'\u201c\u201d\u2018\u2019\u00ab\u00bb") or None
                cue_text = _cue_text(doc, cue)  # with its particle: "told reporters", "pointed out"
        if not full:
            # a partial quote is part of reported speech: the clause pass below
            # emits the reported clause around it (kind "mixed"); without a cue
            # it is a scare quote or a title, not speech
            continue
        if cue is None or (speaker_surface is None and cue_text is None):
            lead = _lead_in(ctx, s, in_quote, last_speaker[1] if last_speaker else None)
            if lead is not None:
                # "Cruz continued:\n\n“...”", "Clinton has since apologized: “...”"
                speaker_surface, speaker_idx, cue_text = lead
                cue = None
        if cue is None and speaker_surface is None or (speaker_surface is None and cue_text is None):
            # continuation: a quote standing alone right after another quote / a "said:" sentence
            gap = text[last_quote_end:s] if last_quote_end >= 0 else None
            if last_speaker and gap is not None and len(gap) < 200 and not _sentence_ends_in(gap.strip(" \n“”\"«»„‘’")):
                speaker_surface, speaker_idx = last_speaker
                cue_text = None
            else:
                prev_text = text[max(0, s - 200):max(0, s - 1)]
                if prev_text.rstrip().endswith(":"):
                    # "Yermak on Telegram today: „...“": the name opening the lead-in
                    lead = text[first_sent.start_char:max(first_sent.start_char, s - 1)]
                    m_lead = re.match(r"\s*((?:[A-Z][\w'’.-]+\s?){1,3})", lead)
                    idx = _entity_by_name(ctx, m_lead.group(1), first_sent.start_char + m_lead.start(1)) if m_lead else None
                    if idx is not None:
                        speaker_surface, speaker_idx = m_lead.group(1).strip(), idx
                    elif last_speaker:
                        speaker_surface, speaker_idx = last_speaker
        kind = "direct" if full else "mixed"
        q_start, q_end = s, e
        if kind == "mixed" and cue is not None and cue.lower_ != "according":
            # the reported content around the partial quote: from after the cue to the
            # end of the quote's clause ("called the talks “useful”")
            comp = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and
                         c.left_edge.idx <= s and c.right_edge.idx + len(c.right_edge.text) >= e), None)
            if comp is not None:
                q_start, q_end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            else:
                q_start = cue.idx + len(cue.text) if cue.idx < s else max(0, s - 1)
                q_end = min(len(text), e + 1) if cue.idx < s else cue.idx
            q_start = min(q_start, max(0, s - 1))
            q_end = max(q_end, min(len(text), e + 1))
        via = [name for _p, name in _via_in(region.text, region.start_char, ctx)]
        quotes.append(Quote(q_start, q_end, text[q_start:q_end].strip(), kind, speaker_surface, speaker_idx,
                            cue_text, via))
        own_cue[id(quotes[-1])] = cue.i if cue is not None and cue_text is not None else None
        for ss in range(first_sent.start, last_sent.end):
            covered_sents.add(ctx.sent_of(ss).start)
        if speaker_surface is not None:
            last_speaker = (speaker_surface, speaker_idx)
        last_quote_end = e + 1
    # a quote with neither a cue nor a speaker is a title or a scare quote, not a statement
    quotes = [q for q in quotes if q.speaker is not None or q.cue is not None]
    quotes = _join_interrupted(quotes, own_cue, text)
    speakers_at = [(q.start, q.speaker_entity) for q in quotes if q.speaker_entity is not None]
    direct_cues = {i for i in own_cue.values() if i is not None}
    quotes.extend(_indirect(doc, ctx, covered_sents, in_quote, speakers_at, direct_cues))
    quotes.sort(key=lambda q: (q.start, q.end))
    _carry_chains(quotes)
    return quotes


def _sentence_ends_in(gap: str) -> bool:
    """Does a sentence end inside this stretch, before its last characters? The full
    stop closing the attribution clause (", he said.") is its end, not inside it;
    "Mr." and initials ("U.S.") end nothing."""
    for m in _SENTENCE_END.finditer(gap):
        word = (m.group(1) or "").lower()
        if word in _NOT_SENTENCE_ENDS or len(word) == 1:
            continue
        return True
    return False


def _same_speaker(a: Quote, b: Quote) -> bool:
    """One speaker for two parts: the same entity, else the same words; a part naming
    none takes the other's (the part after “A,” he said. carries his turn)."""
    if a.speaker is None or b.speaker is None:
        return True
    if a.speaker_entity is not None and b.speaker_entity is not None:
        return a.speaker_entity == b.speaker_entity
    return a.speaker.lower() == b.speaker.lower()


def _interrupted(a: Quote, b: Quote, own_cue: dict[int, int | None], text: str) -> bool:
    """Is b the next part of the statement a is the first part of? Both direct, in one
    paragraph, one speaker, at most a clause apart, and not each
    with a cue of its own (“A,” he said. “B,” he added. are two statements)."""
    if a.kind != "direct" or b.kind != "direct" or b.start < a.end:
        return False
    gap = text[a.end:b.start]
    # (a title in quotes may sit in the clause: ', Sanders said on CNN's “State of the Union.”')
    if "\n" in gap or len(gap.split()) > INTERRUPTION_MAX_WORDS:
        return False
    ca, cb = own_cue.get(id(a)), own_cue.get(id(b))
    if ca is not None and cb is not None and ca != cb:
        return False
    if _sentence_ends_in(gap.strip(" \"'“”‘’«»„")):
        return False
    return _same_speaker(a, b)


def _join_interrupted(quotes: list[Quote], own_cue: dict[int, int | None], text: str) -> list[Quote]:
    """“A,” he said. “B.” -> one quote: start/end from the first part to the last, text the
    parts joined (the content only, without the attribution clause), each part in parts."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        prev = out[-1] if out else None
        if prev is None or not _interrupted(prev, q, own_cue, text):
            out.append(q)
            continue
        parts = (prev.parts or [(prev.start, prev.end)]) + [(q.start, q.end)]
        joined = Quote(prev.start, q.end, f"{prev.text} {q.text}", "direct",
                       prev.speaker if prev.speaker is not None else q.speaker,
                       prev.speaker_entity if prev.speaker is not None else q.speaker_entity,
                       prev.cue or q.cue, list(dict.fromkeys(prev.via + q.via)), parts)
        own_cue[id(joined)] = own_cue.get(id(prev)) if own_cue.get(id(prev)) is not None else own_cue.get(id(q))
        out[-1] = joined
    return out


def _clauses(doc, comp) -> list[tuple[int, int]]:
    """Token ranges of a reported clause, split at coordinated clauses with their
    own subject or "that" ("that X ... and that Y ...")."""
    parts = []
    splits = []
    for c in comp.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children):
            splits.append(c)
    left, right = comp.left_edge.i, comp.right_edge.i + 1
    if not splits:
        return [(left, right)]
    first_end = splits[0].left_edge.i
    parts.append((left, first_end))
    for n, c in enumerate(splits):
        end = splits[n + 1].left_edge.i if n + 1 < len(splits) else right
        parts.append((c.left_edge.i, end))
    return parts


def _trim(doc, left: int, right: int) -> tuple[int, int]:
    while left < right and (doc[left].dep_ in ("mark", "cc") or doc[left].is_punct
                            or doc[left].lower_ in ("that", "and", "but")):
        left += 1
    while right > left and (doc[right - 1].is_punct or doc[right - 1].dep_ == "cc"
                            or doc[right - 1].lower_ in ("and", "but", "while")):
        right -= 1
    return left, right


def _cut_media_report(doc, left: int, right: int, cue_i: int) -> int:
    """End of a clause before a trailing ", TASS reported"."""
    for k in range(left + 1, right):
        tk = doc[k]
        if verb_lemma(tk.text) in MEDIA_VERBS | {"say"} and tk.i != cue_i:
            sj = _subject_of(tk)
            if sj is not None and sj.i >= left and is_media(_span_of_subject(doc, sj).text):
                r = _span_of_subject(doc, sj).start
                while r > left and (doc[r - 1].is_punct or doc[r - 1].dep_ == "cc"):
                    r -= 1
                return r
    return right


_NOT_SPEAKERS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "WORK_OF_ART", "LAW"}
_NOT_SPEAKER_WORDS = {"that", "this", "it", "which", "what", "others", "some", "many", "nobody", "everyone",
                      "wonder", "plan", "amendment", "bill", "tweet", "video", "ad", "letter", "statement"}


def _can_speak(tok, in_quote: list[bool]) -> bool:
    """Could this subject token be a speaker? Not a word inside the quote itself, a
    date, a number, a title or a thing ("Tuesday said", "the plan says")."""
    if in_quote[tok.idx] or tok.ent_type_ in _NOT_SPEAKERS:
        return False
    if tok.lower_ in _NOT_SPEAKER_WORDS and tok.ent_type_ != "PERSON":
        return False
    return True


TITLE_MAX_WORDS = 6   # longer runs of capitalised words are headlines or shouted statements
_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "&"}


def _is_title(words: list[str]) -> bool:
    """A short run of capitalised words ("The Art of the Deal.", "Shark Tank,"): every word
    but the small ones starts with a capital letter; "Apparently not," is a statement."""
    core = [w.strip(".,!?;:…\"'“”‘’«»()") for w in words]
    core = [w for w in core if w]
    if not 2 <= len(core) <= TITLE_MAX_WORDS:
        return False
    if all(w.isupper() for w in core) or words[-1].rstrip("\"'“”‘’»")[-1:] in ("!", "?"):
        return False      # “LOCK HER UP!”, “Lock Her Up!”: shouted, not a title
    return core[0][0].isupper() and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS or not w[0].isalpha()
                                        for w in core)


LEAD_IN_GAP = 4   # characters from a lead-in's colon to the opening mark (":\n\n“")


def _lead_in(ctx: _Ctx, s: int, in_quote: list[bool], last_speaker: int | None):
    """(surface, entity, cue) of a quote opened by a colon lead-in, the sentence before
    the colon naming who speaks ("Cruz continued:", "McConnell delivered a blunt message
    to Trump:", "Clinton has since apologized for what happened:"): the subject of the
    lead-in's main verb, when it can speak. The lead-in may end the paragraph before."""
    text = ctx.text
    k = s - 2
    while k >= 0 and s - 2 - k <= LEAD_IN_GAP and text[k].isspace():
        k -= 1
    if k < 0 or text[k] != ":":
        return None
    span = ctx.doc.char_span(k, k + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = ctx.sent_of(span[0].i)
    verbs = [t for t in sent if t.idx < k and t.pos_ in ("VERB", "AUX") and not in_quote[t.idx]]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", -t.i))   # the main verb, else the last one
    for verb in verbs:
        subj = _past_age(_subject_of(verb))
        if subj is None or subj.idx >= k or not _can_speak(subj, in_quote) or subj.lower_ in ("i", "we", "it"):
            continue
        surface, idx = _resolve_speaker(ctx, subj, sent, last_speaker)
        if surface:
            return surface, idx, _cue_text(ctx.doc, verb)
    return None


APPOSITION_MAX_WORDS = 16   # "Gene Sperling, a top outside Clinton adviser, said": the description


def _name_before_apposition(doc, quote_end: int, cue):
    """'“...,” Gene Sperling, a top outside Clinton adviser, said': a name right after the
    closing mark, then a description set off by commas up to the cue; the name's last word."""
    if cue.i < 1 or doc[cue.i - 1].text != ",":
        return None
    first = next((t for t in doc[max(0, cue.i - APPOSITION_MAX_WORDS - 6):cue.i] if t.idx >= quote_end
                  and not t.is_punct), None)
    if first is None or first.idx - quote_end > 3 or first.pos_ != "PROPN":
        return None
    k = first.i
    while k < cue.i and doc[k].pos_ == "PROPN":
        k += 1
    if doc[k].text != "," or k - first.i > 4 or cue.i - k > APPOSITION_MAX_WORDS:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod") for t in doc[k:cue.i]):
        return None     # a clause of its own between the name and the cue
    return doc[k - 1]


def _past_age(tok):
    """'Ramos, 58, told AFP': an age set off by commas parsed as the subject; the name
    before it speaks."""
    if tok is None or not tok.like_num or tok.i < 2:
        return tok
    doc = tok.doc
    if doc[tok.i - 1].text == "," and doc[tok.i - 2].pos_ == "PROPN":
        return doc[tok.i - 2]
    return tok


def _name_before_cue(doc, quote_end: int, cue):
    """The speaker token of '“...,” NAME said' when the parser gave the cue no
    subject: the words between the closing mark and the cue, if they are a name or
    a pronoun (no verb among them, at most five words); their last word is the head."""
    appositive = _name_before_apposition(doc, quote_end, cue)
    if appositive is not None:
        return appositive
    toks = [t for t in doc[max(0, cue.i - 6):cue.i] if t.idx >= quote_end and not t.is_punct]
    if not toks or len(toks) > 5 or toks[0].idx - quote_end > 3:
        return None
    if len(toks) > 1 and toks[-1].like_num:
        toks = toks[:-1]      # "Ramos, 58, told"
    head = toks[-1]
    # a job title before a name tagged as a verb ("screenwriter Cole Haddon wrote")
    titled_name = head.ent_type_ == "PERSON" and toks[0].is_lower and all(t.pos_ == "PROPN" for t in toks[1:])
    if any(t.pos_ in _NOT_IN_NAMES for t in (toks[1:] if titled_name else toks)):
        return None
    if head.pos_ == "PROPN" or head.lower_ in ("he", "she", "they"):
        return head
    return None


_NOT_IN_NAMES = ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
INVERTED_CUE_GAP = 4     # characters from the closing mark to the cue of '“...,” said NAME' (", ")
INVERTED_NAME_WORDS = 5  # words of the name after the cue ("Sen. Rand Paul", "former Gov. Jeb Bush")


def _name_after_cue(doc, quote_end: int, cue):
    """The speaker token of '“...,” said Edward Leamer, an economist ...' when the parser
    made the name the subject of another verb: the name right after a cue that directly
    follows the closing mark; its last word is the head. Not after "told" (the name
    there is who was told)."""
    if not 0 <= cue.idx - quote_end <= INVERTED_CUE_GAP or verb_lemma(cue.text) == "tell":
        return None
    toks = []
    for t in doc[cue.i + 1:cue.i + 1 + INVERTED_NAME_WORDS]:
        if t.is_punct or t.pos_ not in ("PROPN", "DET", "ADJ", "NOUN"):
            break
        toks.append(t)
    names = [t for t in toks if t.pos_ == "PROPN"]
    if not names or toks[-1].pos_ != "PROPN":
        return None
    return toks[-1]


def _cited_person(t):
    """The person a medium cites: "TASS quoted X as saying ...", "RIA cited X",
    "Interfax reported, citing X", "..., X was quoted as saying by TASS"."""
    verb = t
    if t.lower_ == "saying" and t.head.lower_ == "as":
        verb = t.head.head           # "quoted X as saying"
    elif t.dep_ in ("advcl", "xcomp") and verb_lemma(t.head.text) in MEDIA_VERBS and t.lower_ == "saying":
        verb = t.head
    cands = [verb] + [c for c in verb.children if c.dep_ == "advcl" and c.lower_ in ("citing", "quoting")]
    for v in cands:
        if verb_lemma(v.text) not in ("cite", "quote") and v.lower_ not in ("citing", "quoting"):
            continue
        obj = next((c for c in v.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and (obj.ent_type_ == "PERSON" or obj.pos_ == "PROPN") and not is_media(obj.text):
            return obj
    return None


def _person_cue_in(sent) -> bool:
    """Does someone other than a medium say something in this sentence?"""
    for o in sent:
        if verb_lemma(o.text) in CUE_LEMMAS and o.pos_ == "VERB":
            sj = _subject_of(o)
            if sj is not None and not is_media(_span_of_subject(sj.doc, sj).text):
                return True
    return False


def _reports_elsewhere(t, sent) -> bool:
    """'..., X said, TASS reports': another reporting verb with a person subject in the
    sentence makes the medium's verb a link of the chain, not a statement."""
    for o in sent:
        # a verb inside the medium's own report ("The Times reported the email came after
        # Trump proposed a ban") is what it reports, not another link
        if o.i != t.i and verb_lemma(o.text) in CUE_LEMMAS and o.pos_ == "VERB" and not t.is_ancestor(o):
            sj = _subject_of(o)
            if sj is not None and sj.i != _subject_of(t).i if _subject_of(t) is not None else sj is not None:
                return True
    return False


def _parenthetical(doc, t, subj, sent) -> bool:
    """'Moscow will respond, Ryabkov said.' parsed with "said" as the root and no
    complement: a comma right before the speaker and a clause before it."""
    left = _span_of_subject(doc, subj).start
    return t.dep_ == "ROOT" and subj.i < t.i and left > sent.start + 2 and doc[left - 1].text == "," \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in t.children)


def _cue_text(doc, t) -> str:
    """A reporting verb as written, with its particle ("pointed out", "told reporters")."""
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.dep_ == "prt":
        return f"{t.text} {nxt.text}"
    if verb_lemma(t.text) == "tell" and nxt is not None and nxt.lower_ in ("reporters", "journalists"):
        return f"{t.text} {nxt.text}"
    return t.text


def _indirect(doc, ctx: _Ctx, covered: set[int], in_quote: list[bool],
              speakers_at: list[tuple[int, int]] | None = None, direct_cues: set[int] | None = None) -> list[Quote]:
    """Reported speech: every reporting verb with a clause ("X said that ...",
    "..., X said", "X called the talks “useful”") and "according to X, ...". In a
    sentence holding a direct quote, only another cue's unquoted clause ("“...,” he
    said, adding that ...")."""
    out: list[Quote] = []
    last = None
    direct_cues = direct_cues or set()
    for sent in ctx.sents:
        with_quote = sent.start in covered
        earlier = [idx for pos, idx in (speakers_at or []) if pos < sent.start_char]
        if earlier and last is None:
            last = earlier[-1]
        found: list[tuple[list[tuple[int, int]], str | None, int | None, str]] = []
        taken: set[int] = set()
        for t in sent:
            if t.i in taken or with_quote and (t.i in direct_cues or t.lower_ == "according"):
                continue
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = _span_of_subject(doc, pobj)
                if is_media(src.text) and _person_cue_in(sent):
                    continue   # "according to TASS, Ryabkov said ...": a chain link
                if t.i == sent.start:
                    end_tok = src.end
                    while end_tok < sent.end and doc[end_tok].is_punct:
                        end_tok += 1
                    left, right = _trim(doc, end_tok, sent.end)
                else:
                    left, right = _trim(doc, sent.start, t.i)
                if right - left >= 3:
                    surface, idx = _resolve_speaker(ctx, pobj, sent, last)
                    found.append(([(left, right)], surface, idx, "according to"))
                    taken.update(range(left, right))
                continue
            finding = verb_lemma(t.text) in FINDING_VERBS and t.pos_ == "VERB" and not in_quote[t.idx]
            # "accused Sanders of an “artful smear”", "referred to him as “the most valuable
            # player”": a verb that introduces quotes, with a quoted phrase in its clause
            quoting = verb_lemma(t.text) not in CUE_LEMMAS and quote_cue(t.text) and t.pos_ == "VERB" \
                and not in_quote[t.idx] and any(in_quote[k.idx] for k in t.subtree if k.i != t.i)
            if (verb_lemma(t.text) not in CUE_LEMMAS or t.pos_ != "VERB" or in_quote[t.idx]) and not finding \
                    and not quoting:
                continue
            if t.tag_ == "VBN" and t.dep_ == "advcl" and not any(c.dep_ in ("aux", "auxpass") for c in t.children):
                continue   # "Asked if ..., Johnson said": the question put to the speaker
            subj = _subject_of(t)
            if finding and (subj is None or subj.lower_ not in FINDING_SOURCES):
                continue   # "a poll shows that ...", not "the video shows him"
            cited = _cited_person(t)
            if cited is not None:
                subj = cited   # "TASS quoted X as saying", "Interfax reported, citing X": X speaks
            if subj is None:
                continue
            surface_np = _span_of_subject(doc, subj).text
            if cited is None and (verb_lemma(t.text) in MEDIA_VERBS - {"report"} or is_media(surface_np) and
                                  verb_lemma(t.text) in ("say", "report") and _reports_elsewhere(t, sent)):
                continue  # "..., X said, TASS reported": a chain link, not a speaker
            if verb_lemma(t.text) in MEDIA_VERBS - {"report"}:
                continue
            comp = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None) or \
                next((c for c in t.children if c.dep_ == "ccomp"), None)
            if comp is None and t.dep_ == "xcomp" and t.head.lower_ in ("as",) or comp is None and cited is not None:
                comp = next((c for c in t.subtree if c.dep_ == "ccomp"), None)
            if comp is None and verb_lemma(t.text) not in WEAK_CUES:
                # "Gomez said seeing so many officers was a welcome sight", "told them to leave":
                # a verbal complement, a gerund or what someone was told to do
                comp = next((c for c in t.children if c.dep_ == "xcomp" and c.i > t.i and c.pos_ == "VERB" and (
                    c.tag_ == "VBG" or verb_lemma(t.text) in DIRECTIVE_CUES and any(
                        o.dep_ in ("dobj", "obj") for o in t.children))), None)
            ranges: list[tuple[int, int]] = []
            split: list[tuple[int, int]] | None = None
            if comp is not None:
                ranges = _clauses(doc, comp)
            elif t.dep_ == "parataxis" or _parenthetical(doc, t, subj, sent):
                # "Moscow will respond, Ryabkov said, TASS reports.": the clause before "X said"
                left = _span_of_subject(doc, subj).start
                ranges = [(sent.start, left)] if left - sent.start >= 3 and doc[left - 1].is_punct \
                    and _has_clause(doc, sent.start, left) else []
                split = _around_parenthetical(doc, t, left, sent)
            elif any(in_quote[k.idx] for k in t.subtree if k.i != t.i):
                # "called the talks “useful”", "branded them ‘freeloaders’": the complement
                right_kids = [c for c in t.children if c.i > t.i and c.dep_ not in ("conj", "cc", "punct", "advcl")]
                if right_kids:
                    ranges = [(right_kids[0].left_edge.i, right_kids[-1].right_edge.i + 1)]
            elif verb_lemma(t.text) in WEAK_CUES:
                continue
            if split is not None and not any(k in taken for a, b in split for k in range(a, b)):
                # "Otherwise, she said, countries may simply steal growth": the sentence
                # around the attribution, as two parts
                surface, idx = _resolve_speaker(ctx, subj, sent, last)
                found.append((split, surface, idx, _cue_text(doc, t)))
                taken.update(k for a, b in split for k in range(a, b))
                continue
            for left, right in ranges:
                left, right = _trim(doc, left, right)
                right = _cut_media_report(doc, left, right, t.i)
                if right - left < 3 or any(k in taken for k in range(left, right)):
                    continue
                if with_quote and any(in_quote[doc[k].idx] for k in range(left, right)):
                    continue    # the direct quote's own words
                surface, idx = _resolve_speaker(ctx, subj, sent, last)
                found.append(([(left, right)], surface, idx, _cue_text(doc, t)))
                taken.update(range(left, right))
        text = doc_text(doc)
        for token_parts, surface, idx, cue_text in found:
            parts = []
            for left, right in token_parts:
                s, e = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
                # a closing quote mark right after the clause belongs to it
                if e < len(text) and flat(text[e]) in "\"'":
                    e += 1
                parts.append((s, e))
            s, e = parts[0][0], parts[-1][1]
            kind = "mixed" if any(in_quote[k] for a, b in parts for k in range(a, min(b, len(in_quote)))) else "indirect"
            via = [name for _p, name in _via_in(sent.text, sent.start_char, ctx)]
            if surface and is_media(surface):
                via = [v for v in via if v != _media_name(surface)]   # the medium speaks for itself
            body = " ".join(text[a:b] for a, b in parts)
            out.append(Quote(s, e, body, kind, surface, idx, cue_text, via, parts if len(parts) > 1 else []))
            last = idx if idx is not None else last
    return out


def _has_clause(doc, left: int, right: int) -> bool:
    """Do these tokens hold a clause (a verb with its subject), not just an opening phrase
    ("Speaking at a rally in Florida, Trump said", "Alan Abramowitz, a demographer, said")?"""
    return any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and left <= c.i < right
                                                for c in t.children)
               for t in doc[left:right])


PARENTHETICAL_MIN_TOKENS = 3   # the sentence around ", she said," ("The solution ... was simple")


def _around_parenthetical(doc, t, subj_left: int, sent) -> list[tuple[int, int]] | None:
    """'Otherwise, she said, countries may simply steal growth.': an attribution set off by
    commas inside the sentence it attributes; the token ranges before and after it, or None.
    Not when the rest is a medium's report (", TASS reports")."""
    after = t.right_edge.i if doc[t.right_edge.i].text == "," else t.right_edge.i + 1
    if subj_left <= sent.start or not doc[subj_left - 1].text == "," or after >= sent.end or doc[after].text != ",":
        return None
    before = (sent.start, subj_left - 1)       # "That", "Otherwise": content, not a conjunction to trim
    while before[0] < before[1] and (doc[before[0]].is_punct or doc[before[0]].dep_ == "cc"):
        before = (before[0] + 1, before[1])
    rest = _trim(doc, after + 1, sent.end)
    if not rest[0] <= sent.root.i < rest[1]:
        return None     # the rest is no main clause (", as reported by RIA Novosti")
    rest = (rest[0], _cut_media_report(doc, rest[0], rest[1], t.i))
    if rest[1] <= rest[0] or max(0, before[1] - before[0]) + rest[1] - rest[0] < PARENTHETICAL_MIN_TOKENS:
        return None
    return [before, rest] if before[1] > before[0] else [rest]     # "But, he said, it is risky"
