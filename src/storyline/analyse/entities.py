"""Entity mentions of one article: people, organisations, countries/places and
nationalities, clustered within the article, with roles read from titles and
appositions, and resolved to gazetteer actors where possible.

Deterministic and explainable: a surname joins a full name only when exactly
one person in the article carries it; a description ("the Kremlin spokesman")
resolves only when exactly one person fits it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import LocalEntity, Mention
from .gazetteer import DEMONYMS, Gazetteer, gazetteer, role_current
from .names import HONORIFICS, NOT_PERSON_WORDS, PARTICLES, compatible_people, name_key, split_name, surname_key
from .doctext import doc_text

ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC", "FAC": "LOC"}

# Head nouns of roles, and the class each belongs to (used to resolve descriptions).
ROLE_CLASSES = {
    # a chancellor heads Germany's or Austria's government but is Britain's finance minister: its own class
    "president": "head", "leader": "head", "premier": "head", "chancellor": "chancellor", "king": "head",
    "prime minister": "pm", "minister": "minister", "foreign minister": "fm", "secretary of state": "fm",
    "top diplomat": "fm", "diplomat": "diplomat", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson", "press secretary": "spokesperson", "aide": "aide", "adviser": "aide",
    "advisor": "aide", "envoy": "envoy", "ambassador": "ambassador", "secretary": "secretary",
    "chief": "chief", "head": "chief", "director": "chief", "commander": "commander", "general": "commander",
    "official": "official", "senator": "senator", "governor": "governor", "mayor": "mayor",
    "ceo": "ceo", "chairman": "chair", "chairwoman": "chair", "chair": "chair", "founder": "founder",
    "inspector": "police", "detective": "police", "prosecutor": "prosecutor", "judge": "judge",
    "negotiator": "negotiator", "lawmaker": "lawmaker", "deputy": "deputy", "vice president": "vp",
    "general secretary": "chief", "secretary-general": "chief", "secretary general": "chief",
    "councillor": "lawmaker", "congressman": "lawmaker", "congresswoman": "lawmaker", "mp": "lawmaker",
    "sergeant": "police", "constable": "police", "coach": "coach", "manager": "coach", "player": "player",
    "striker": "player", "goalkeeper": "player", "spinner": "player", "captain": "player", "novelist": "artist",
    "author": "artist", "writer": "artist", "actor": "artist", "actress": "artist", "singer": "artist",
    "producer": "artist", "rapper": "artist", "dancer": "artist", "ballerina": "artist",
    "finance director": "ceo", "managing director": "ceo", "director": "director", "chief executive": "ceo", "union chief": "unionist",
    "first lady": "spouse", "lady": "spouse", "wife": "spouse", "husband": "spouse", "son": "relative", "daughter": "relative",
}

# What kind of public life a role belongs to. Two people with the same name but roles
# in different domains (a shipping CEO and a hockey coach) are different people.
ROLE_DOMAINS = {
    "head": "politics", "chancellor": "politics", "pm": "politics", "minister": "politics", "fm": "politics", "diplomat": "politics",
    "spokesperson": "politics", "aide": "politics", "envoy": "politics", "ambassador": "politics",
    "senator": "politics", "governor": "politics", "mayor": "politics", "lawmaker": "politics", "vp": "politics",
    "negotiator": "politics", "ceo": "business", "chair": "business", "founder": "business",
    "police": "police", "prosecutor": "justice", "judge": "justice", "coach": "sport", "player": "sport",
    "artist": "arts", "unionist": "labour", "spouse": "family", "relative": "family",
}
_DOMAIN_WORDS = {  # only words that hardly ever occur in political or business news
    "sport": {"wickets", "tournament", "championships", "wimbledon", "sin-binned", "hockey", "badminton",
              "innings", "goalkeeper", "striker", "semi-final", "quarter-final", "olympic", "medal"},
    "arts": {"album", "actor", "actress", "oscar", "palme", "novel", "novelist", "starred", "cinemas", "thriller", "ballet", "grammy", "concert",
             "bolshoi", "premiere", "box-office"},
}


def entity_domain(roles: list[str], context: str = "") -> str | None:
    """The domain of a person from their roles, else from strong sport/arts context words."""
    for r in roles:
        d = ROLE_DOMAINS.get(role_class(r) or "")
        if d:
            return d
    words = set(re.findall(r"[a-z-]+", context.lower()))
    for domain, vocab in _DOMAIN_WORDS.items():
        if len(words & vocab) >= 1 and not (words & {"president", "minister", "kremlin", "government"}):
            return domain
    return None
_ROLE_HEADS = sorted(ROLE_CLASSES, key=len, reverse=True)
_ROLE_HEAD_RE = re.compile(r"\b(" + "|".join(re.escape(r) for r in _ROLE_HEADS) + r")s?\b", re.IGNORECASE)
# Words that may premodify a role: "Russian President", "US Secretary of State", "special envoy"
_MODIFIER_WORDS = {
    "special", "senior", "deputy", "former", "national", "security", "foreign", "defence", "defense",
    "policy", "chief", "top", "acting", "interim", "vice", "first", "state", "of", "the", "presidential",
    "kremlin", "white", "house", "press", "executive", "general", "military", "economic", "finance",
    "interior", "prime", "trade", "energy", "us", "u.s.", "un", "eu", "nato", "personal", "lead", "main",
    "managing", "non-executive", "creative", "artistic", "technical", "finance", "operating",
}
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


def _is_role_word(tok) -> bool:
    return tok.lower_ in ROLE_CLASSES or tok.lower_.rstrip("s") in ROLE_CLASSES


_MULTIWORD_ROLES = sorted((r for r in ROLE_CLASSES if " " in r or "-" in r), key=len, reverse=True)


@lru_cache(maxsize=65536)
def role_class(role: str) -> str | None:
    """The class of a role's head: "Press Secretary of the President" -> spokesperson,
    "Aide to the President of Russia" -> aide, "Russian President" -> head."""
    low = role.lower()
    for mw in _MULTIWORD_ROLES:
        if re.search(r"\b" + re.escape(mw) + r"\b", low):
            return ROLE_CLASSES[mw]
    # the head comes before "of / for / to": "spokesman for President Putin" is a spokesman
    pre = re.split(r"\b(?:of|for|to)\b", low, maxsplit=1)[0]
    for text in (pre, low):
        m = None
        for m in _ROLE_HEAD_RE.finditer(text):
            pass
        if m:
            return ROLE_CLASSES.get(m.group(1).lower())
    return None


def role_country(role: str, gaz: Gazetteer) -> str | None:
    """Country a role text names: "Russian President" -> RU, "Kremlin spokesman" -> RU."""
    for word in re.findall(r"[A-Z][\w.]*(?:\s+House)?", role):
        code = DEMONYMS.get(word.lower()) or gaz.country_code(word)
        if code:
            return code
        org = gaz.org(word)
        if org and org.country:
            return org.country
    return None


def _premodifier_role(doc, span) -> str | None:
    """Title words right before a name: "Russian President Vladimir Putin",
    "Putin's aide Yuri Ushakov", "special envoy Steve Witkoff"."""
    i = span.start - 1
    start = None
    while i >= 0 and span.start - i <= 7 and not doc[i + 1].is_sent_start:
        tok = doc[i]
        low = tok.lower_
        if _is_role_word(tok) or low in _MODIFIER_WORDS or tok.ent_type_ in ("NORP", "GPE", "ORG") \
                or low in DEMONYMS or tok.tag_ == "POS" or (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS"):
            start = i
            i -= 1
            continue
        break
    if start is None:
        return None
    words = doc[start:span.start]
    # trim leading function words
    while len(words) and words[0].lower_ in ("the", "of", "a", "an"):
        words = words[1:]
    if not len(words) or not any(_is_role_word(t) for t in words):
        return None
    return words.text.strip()


def _appositive_role(doc, span) -> str | None:
    """", the spokesman for President Vladimir V. Putin," after a name."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            sub = doc[child.left_edge.i: child.right_edge.i + 1]
            if any(_is_role_word(t) for t in sub) and len(sub) <= 14:
                text = sub.text.strip().strip(",")
                return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    # "Yuri Ushakov, Putin's foreign policy aide, said": the parser sometimes misses appos
    j = span.end
    if j < len(doc) and doc[j].text == ",":
        words = []
        k = j + 1
        while k < len(doc) and k - j <= 10 and doc[k].text not in (",", ".", ";", "(", ")", ":") \
                and doc[k].pos_ not in ("VERB", "AUX"):
            words.append(doc[k])
            k += 1
        opener_ok = bool(words) and (words[0].lower_ in ("the", "a", "an") or words[0].tag_ == "PRP$"
                                     or (len(words) > 1 and words[1].tag_ == "POS"))
        if opener_ok and k < len(doc) and doc[k].text in (",", ".") and _is_role_word(words[-1]):
            text = doc[words[0].i: words[-1].i + 1].text
            return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return None


_MILITARY_TITLES = {"admiral", "adm", "general", "gen", "marshal", "colonel", "captain", "commander"}
_TITLE_WORDS = {"crown", "constable", "sergeant", "commissioner", "chief", "executive", "officer", "deputy",
                "supt", "superintendent", "foreign", "defence", "defense", "interior", "finance", "mum", "dad",
                "veteran", "star", "boss", "tycoon", "billionaire", "actor", "singer", "comrade", "special"}


# British police ranks as news abbreviates them ("DI Whitfield", "DCI Hale"): case matters,
# "di" is also a name particle
_RANK_ABBREVIATIONS = {"DI", "DCI", "DS", "DC", "PC", "DSupt", "DCS", "DSI", "PCSO", "Insp", "Supt", "Sgt", "Det"}


def _clean_person_span(doc, span):
    """The name inside a PERSON span: drop leading honorifics, titles, roles,
    demonyms and possessors the NER included ("Ukraine's Defence Minister
    Rustem Umerov" -> "Rustem Umerov", "PUTIN'S attack dog Dmitry Medvedev"
    -> "Dmitry Medvedev"), and a trailing possessive."""
    start = span.start
    end = span.end
    if end - 1 > start and doc[end - 1].tag_ == "POS":
        end -= 1
    cut = start
    for k in range(start, end - 1):
        tok = doc[k]
        low = tok.lower_.strip(".")
        if (low in HONORIFICS or low in _TITLE_WORDS or _is_role_word(tok) or tok.tag_ == "POS"
                or tok.text in _RANK_ABBREVIATIONS
                or low.endswith(("minister", "chef", "präsident", "sprecher", "sprecherin", "kanzler"))
                or (k + 1 < end and doc[k + 1].tag_ == "POS") or low in DEMONYMS
                or (tok.is_lower and low not in PARTICLES)
                or "-" in tok.text and tok.text[:1].islower()):
            cut = k + 1
    start = cut if cut < end else start
    # the small model sometimes leaves the given name out ("Rustem [Umerov]"): take
    # capitalised proper nouns right before the span back in
    while start > 0 and start == span.start:
        prev = doc[start - 1]
        low = prev.lower_.strip(".")
        if (prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.ent_type_ and low not in HONORIFICS
                and low not in _TITLE_WORDS and not _is_role_word(prev) and low not in DEMONYMS
                and prev.text.isalpha() and not prev.text.isupper()):
            start -= 1
            span = doc[start:end]
        else:
            break
    return doc[start:end]


_CORP_SUFFIX = re.compile(r",?\s+(?:Inc|Ltd|Corp|Corporation|PLC|plc|LLC|Co|AG|SA|GmbH|NV|AB|ASA|Group Ltd)\.?$")


def _norm_alias_capital(text: str) -> bool:
    """"Kyiv" tagged ORG: a capital standing for its government."""
    from .gazetteer import CAPITALS, _norm_alias

    return _norm_alias(text) in CAPITALS


def _norm_country_name(text: str) -> bool:
    """Is ``text`` a country's own name ("the United States"), not a demonym or a capital?"""
    from .gazetteer import ABBREVIATIONS, _norm_alias, _pycountry_code

    t = _norm_alias(text)
    return t in ABBREVIATIONS or _pycountry_code(t) is not None


_NOT_AGENCY_NEXT = re.compile(
    r"\s*(?:government|police|officers?|detectives?|detective|superintendent|commissioner|chief minister|"
    r"minister|ministers|assembly|high court|state|cm|cabinet|legislature|officials?)\b", re.IGNORECASE)


class _Builder:
    def __init__(self, gaz: Gazetteer, date: str | None):
        self.gaz = gaz
        self.date = date
        self.entities: list[LocalEntity] = []
        self.by_key: dict[str, int] = {}
        self.mentions: list[Mention] = []

    def _new(self, name, type_, key, wikidata=None, country=None, domain=None) -> int:
        idx = len(self.entities)
        self.entities.append(LocalEntity(idx, name, type_, key, wikidata, country, [], [], domain))
        self.by_key[key] = idx
        return idx

    def add_alias(self, idx: int, surface: str) -> None:
        ent = self.entities[idx]
        if surface not in ent.aliases:
            ent.aliases.append(surface)

    def add_role(self, idx: int, role: str | None) -> None:
        if role:
            ent = self.entities[idx]
            if role not in ent.roles:
                ent.roles.append(role)
            if ent.country is None:
                ent.country = role_country(role, self.gaz)

    # --- people ----------------------------------------------------------------

    def person(self, name: str, context_domain: str | None = None) -> int:
        # a bare surname in a sports or arts story is not the politician of the gazetteer
        # ("Medvedev lost in the first round at Wimbledon")
        bare = not split_name(name)[0]
        actor = None if (bare and context_domain not in (None, "politics")) else self.gaz.person(name, self.date)
        if actor:
            idx = self.by_key.get(actor.key)
            if idx is None:
                # the gazetteer holds politicians and officials: their domain is known
                idx = self._new(actor.name, "PERSON", actor.key, actor.wikidata, actor.country, "politics")
            return idx
        given, surname, _ = split_name(name)
        if given:
            for ent in self.entities:
                if ent.type == "PERSON" and compatible_people(ent.name, name) and split_name(ent.name)[0]:
                    if len(name) > len(ent.name):
                        ent.name = name
                    return ent.index
            # a surname-only entity seen earlier ("Kessler said ... Marta Kessler")
            for ent in self.entities:
                if ent.type == "PERSON" and not split_name(ent.name)[0] and surname_key(ent.name) == surname_key(name):
                    ent.name, ent.key = name, f"person:{name_key(name)}"
                    return ent.index
            return self._new(name, "PERSON", f"person:{name_key(name)}")
        # surname only: the article's unique person with that surname
        cands = [e for e in self.entities if e.type == "PERSON" and surname_key(e.name) == surname_key(name)]
        if len(cands) == 1:
            return cands[0].index
        if cands:  # ambiguous ("Trump" with Donald and Melania in the article): the first, by name key
            exact = [e for e in cands if name_key(e.name) == name_key(name)]
            if len(exact) == 1:
                return exact[0].index
        key = f"person:{name_key(name)}"
        return self.by_key.get(key, None) if key in self.by_key else self._new(name, "PERSON", key)

    # --- everything else -------------------------------------------------------------

    def actor(self, actor) -> int:
        """The article's entity for a gazetteer actor (created on first use)."""
        idx = self.by_key.get(actor.key)
        if idx is None:
            domain = "politics" if actor.type == "PERSON" and actor.wikidata else None
            idx = self._new(actor.name, actor.type, actor.key, actor.wikidata, actor.country, domain)
        return idx

    def other(self, text: str, label: str, after: str = "") -> int | None:
        gaz = self.gaz
        actor = gaz.org(text)
        if actor and actor.kind == "news_agency" and text.isupper() and _NOT_AGENCY_NEXT.match(after):
            actor = None  # "the AP government", "AFP detectives": the acronym of something else
        if actor and actor.kind == "government_seat" and actor.country:
            # the Kremlin, the White House, Downing Street stand for their government:
            # the country actor, like Moscow and Washington (the seat stays an alias)
            actor = gaz.country(actor.country)
        if actor:
            return self.actor(actor)
        if label in ("GPE", "NORP", "LOC", "ORG"):
            code = gaz.country_code(text)
            full_name = _norm_country_name(text)
            if code and (label != "ORG" or text.replace(".", "").isupper() or full_name
                         or _norm_alias_capital(text)):
                c = gaz.country(code)
                idx = self.by_key.get(c.key)
                return idx if idx is not None else self._new(c.name, "GPE", c.key, c.wikidata, code)
        norm = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
        norm = re.sub(r"['’]s$", "", norm)
        norm = _CORP_SUFFIX.sub("", norm).strip()
        if not norm or not any(ch.isalpha() for ch in norm):
            return None
        key = f"{label.lower()}:{norm.lower()}"
        idx = self.by_key.get(key)
        return idx if idx is not None else self._new(norm, label, key)


# places and peoples are written with a capital in English; the NER's lower-case ones are
# common words. Organisations are not in this set: house styles write "the supreme court",
# "the senate", "the defence ministry"
_CAPITALISED_LABELS = frozenset({"GPE", "LOC", "NORP"})


def extract_entities(doc, date: str | None = None) -> tuple[list[LocalEntity], list[Mention]]:
    """Mentions and in-article entities of a parsed article."""
    gaz = gazetteer()
    b = _Builder(gaz, date)
    ents = _role_anchored_people(doc, [e for e in doc.ents if e.label_ in ENTITY_LABELS], gaz)
    # Full names first so that surnames and honorific forms find them wherever they occur.
    order = sorted(range(len(ents)), key=lambda i: (0 if ents[i].label_ == "PERSON" and len(ents[i]) > 1 else 1, i))
    resolved: dict[int, int] = {}
    for i in order:
        span = ents[i]
        label = ENTITY_LABELS[span.label_]
        text = span.text
        # The small model sometimes calls a known person an ORG ("Lavrov said"): trust the gazetteer.
        if label != "PERSON" and gaz.person(text) and not gaz.org(text):
            label = "PERSON"
        if label == "PERSON" and gaz.country_code(text) and not gaz.person(text):
            label = "GPE"  # "Kyiv said ..." tagged as a person by the small model
        elif label == "PERSON" and gaz.org(text) and not gaz.person(text):
            label = "ORG"  # "Downing Street said ..."
        if label in _CAPITALISED_LABELS and text.islower():
            continue    # "china" (porcelain), "us", "n’t" split off "don’t", "midfield": not a place
        # An ambiguous form (AFP, the Met, Georgia, Washington) read in its sentence
        alt = gaz.other_sense(text, _sentence_words(span)) if _norm_key(text) in gaz.senses else None
        if alt is not None and not _agency_frame(doc, span, gaz):
            if alt.type == "PERSON":  # "Washington received an honorary Palme d'Or": a surname
                idx = b.person(text, entity_domain([], span.sent.text))
                if b.entities[idx].domain is None:
                    b.entities[idx].domain = entity_domain([], span.sent.text)
            else:
                idx = b.actor(alt)
            b.add_alias(idx, re.sub(r"['’]s$", "", text))
            resolved[i] = idx
            b.mentions.append(Mention(span.start_char, span.end_char, text, idx))
            continue
        if label == "PERSON" and span.start > 0 and doc[span.start - 1].text in ("Sir", "Dame") and len(span) == 1:
            text = f"{doc[span.start - 1].text} {text}"
        if label == "PERSON" and re.match(r"(?:Sir|Dame)\s+[A-Z][a-z]+$", text) and gaz.person(text):
            actor = gaz.person(text)
            idx = b.by_key.get(actor.key)
            if idx is None:
                idx = b._new(actor.name, "PERSON", actor.key, actor.wikidata, actor.country, "politics")
            b.add_alias(idx, text)
            b.mentions.append(Mention(span.start_char, span.end_char, text, idx))
            continue
        if label == "PERSON":
            clean = _clean_person_span(doc, span)
            if not clean.text or not any(c.isalpha() for c in clean.text):
                continue
            if len(clean) == 1 and (clean.text.islower() or clean.text.lower().strip(".") in NOT_PERSON_WORDS):
                continue      # "vs", "Avg", "Covid": a lower-case word or a table abbreviation alone
            context_domain = None
            if len(clean) == 1:
                title = doc[clean.start - 1].lower_ if clean.start > 0 else ""
                # a role stated next to a bare surname ("Trump, the first lady,", "tennis player
                # Medvedev") says which Trump or Medvedev this is
                stated = [r for r in (_premodifier_role(doc, clean), _appositive_role(doc, clean)) if r]
                context_domain = ("military" if title in _MILITARY_TITLES
                                  else entity_domain(stated, clean.sent.text))
            idx = b.person(clean.text, context_domain)
            if idx is None:
                continue
            if context_domain not in (None, "politics") and b.entities[idx].domain is None:
                b.entities[idx].domain = context_domain  # "Admiral Ushakov", "Medvedev ... Wimbledon"
            b.add_alias(idx, clean.text)
            # titles the NER put inside the span ("Nordhavn Shipping chief executive Anders
            # Lindqvist") are premodifiers of the cleaned name
            b.add_role(idx, _premodifier_role(doc, clean))
            b.add_role(idx, _appositive_role(doc, clean))
            resolved[i] = idx
            b.mentions.append(Mention(clean.start_char, clean.end_char, clean.text, idx))
        else:
            # "Secretary of State", "Minister of Defence": part of a title, not an organisation
            if span.start >= 2 and doc[span.start - 1].lower_ == "of" and _is_role_word(doc[span.start - 2]):
                continue
            # "Russia's Foreign Ministry" -> Russian Foreign Ministry
            if label == "ORG" and span.start >= 2 and doc[span.start - 1].tag_ == "POS":
                code = gaz.country_code(doc[span.start - 2].text)
                demonym = next((d for d, c in DEMONYMS.items() if c == code and not d.endswith("s")), None) if code else None
                if demonym and not text.lower().startswith(demonym):
                    text = f"{demonym.title()} {text}"
            # "Moscow, Idaho", "Washington state": a place, not the government seated there
            after = doc_text(doc)[span.end_char:span.end_char + 30]
            # "Interfax-Ukraine": the NER stopped at the hyphen; it is another organisation
            glued = re.match(r"-[A-Z][\w]+", after)
            if glued:
                text = text + glued.group(0)
                after = after[glued.end():]
            # "Denzel Washington": a capital after a given name is a person's surname
            prev = doc[span.start - 1] if span.start > 0 else None
            if (label in ("GPE", "LOC") and len(span) == 1 and prev is not None and prev.pos_ == "PROPN"
                    and prev.text.istitle() and not prev.ent_type_ and prev.lower_ not in HONORIFICS
                    and prev.lower_ not in _TITLE_WORDS and not _is_role_word(prev)
                    and prev.lower_ not in DEMONYMS and not gaz.country_code(prev.text)):
                name = f"{prev.text} {text}"
                idx = b.person(name)
                b.add_alias(idx, name)
                b.mentions.append(Mention(prev.idx, span.end_char, name, idx))
                continue
            if label in ("GPE", "LOC") and re.match(r"(?:\s+state\b|,\s+(?:Idaho|Pennsylvania|Ohio|Texas|Iowa|"
                                                   r"Kansas|Maine|Georgia|Tennessee|Indiana|Illinois|Missouri|"
                                                   r"Michigan|Minnesota|Oregon|Virginia|Connecticut|Vermont|"
                                                   r"Arkansas|Kentucky|Florida|Alabama|New York|California))", after):
                qual = re.match(r"(?:\s+state\b|,\s+[A-Z][\w ]+?)(?=[,.;]|\s[a-z]|$)", after)
                text = text + (qual.group(0) if qual else "")
                label = "LOC"
                idx = b._new(text, "LOC", f"loc:{text.lower()}") if f"loc:{text.lower()}" not in b.by_key \
                    else b.by_key[f"loc:{text.lower()}"]
            else:
                idx = b.other(text, label, after)
            if idx is None:
                continue
            b.add_alias(idx, re.sub(r"['’]s$", "", text))
            resolved[i] = idx
            b.mentions.append(Mention(span.start_char, span.end_char, text, idx))
    # Descriptions ("the Russian president", "the Kremlin spokesman") refer to a person
    # of the article when exactly one fits, else to the one gazetteer person holding
    # that role on the article's date; otherwise they stay unresolved (no mention).
    taken = [(m.start, m.end) for m in b.mentions if b.entities[m.entity].type == "PERSON"]
    for m in _DESCRIPTION.finditer(doc_text(doc)):
        start, end = m.start(), m.end()
        if any(a < end and start < z for a, z in taken):
            continue
        if _QUALIFIED.match(doc_text(doc), end):
            continue    # "the leader of the totalitarian state in Orwell's novel": someone else's leader
        # a name right after the description ("the Russian president, Vladimir Putin"): the
        # description refers to that person
        nxt = re.match(r"\s*,?\s*(?=[A-Z][a-z]+\s+[A-Z])", doc_text(doc)[end:end + 40])
        if nxt:
            named = next((x for x in b.mentions if x.start == end + nxt.end()
                          and b.entities[x.entity].type == "PERSON"), None)
            if named is not None:
                b.add_alias(named.entity, m.group(0))
                b.mentions.append(Mention(start, end, m.group(0), named.entity, "description"))
            continue
        before = [x.entity for x in b.mentions if x.start < start]
        idx = resolve_description(m.group(0), b.entities, before)
        if idx is None:
            actor = _person_by_role(gaz, m.group(0), date)
            if actor is not None:
                idx = b.by_key.get(actor.key)
                if idx is None:
                    idx = b._new(actor.name, "PERSON", actor.key, actor.wikidata, actor.country, "politics")
        if idx is not None:
            b.add_alias(idx, m.group(0))
            b.mentions.append(Mention(start, end, m.group(0), idx, "description"))
    b.mentions.sort(key=lambda m: (m.start, m.end))
    for ent in b.entities:
        if ent.type == "PERSON" and ent.domain is None:
            first = next((m for m in b.mentions if m.entity == ent.index), None)
            sent = doc.char_span(first.start, first.end, alignment_mode="expand") if first else None
            ent.domain = entity_domain(ent.roles, sent[0].sent.text if sent is not None and len(sent) else "")
    # Give gazetteer roles valid at the article's date to people who have none in the text.
    for ent in b.entities:
        if ent.type == "PERSON" and not ent.roles and ent.wikidata:
            actor = next((a for a in gaz.people if a.key == ent.key), None)
            if actor:
                for r in actor.roles:
                    if _valid_on(r, date):
                        ent.roles.append(r.get("role"))
                        break
    return b.entities, b.mentions


# Last words that make a name a company's ("Nordhavn Shipping", "Vastra Textiles")
_COMPANY_WORDS = {
    "shipping", "textiles", "group", "holdings", "bank", "airlines", "airways", "motors", "energy", "partners",
    "capital", "industries", "media", "foods", "pharmaceuticals", "pharma", "logistics", "technologies",
    "systems", "insurance", "steel", "mining", "telecom", "petroleum", "oil", "gas", "chemicals", "group",
    "ventures", "labs", "solutions", "securities", "investments", "properties", "construction", "electric",
}


def _role_anchored_people(doc, ents: list, gaz: Gazetteer) -> list:
    """Fix the small model's labels where a stated role settles them.

    A name with a person's role right before it ("managing director Nisha Agarwal",
    "Left-arm spinner Nisha Agarwal") or in apposition after it ("Anders Lindqvist, the
    hockey coach,") is a person, whether the NER called it an organisation or missed it;
    a "person" whose last word is a company word ("Nordhavn Shipping") is an organisation."""
    from spacy.tokens import Span

    out = []
    covered = set()
    for e in ents:
        covered.update(range(e.start, e.end))
        if e.label_ == "PERSON" and len(e) > 1 and e[-1].lower_ in _COMPANY_WORDS and not gaz.person(e.text):
            e = Span(doc, e.start, e.end, label="ORG")
        elif (e.label_ == "ORG" and 2 <= len(e) <= 3 and _name_shaped(e) and not gaz.org(e.text)
                and not gaz.country_code(e.text) and e[-1].lower_ not in _COMPANY_WORDS
                and (_premodifier_role(doc, e) or _appositive_role(doc, e))):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    # names the NER missed: runs of two or three capitalised proper nouns with a role
    # one pass over the tokens: which could be part of a name, which are proper nouns
    propn = [t.pos_ == "PROPN" for t in doc]
    namey = [p and k not in covered and _name_token(t) for k, (t, p) in enumerate(zip(doc, propn))]
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and namey[j]:
            j += 1
        if j - i >= 2 and (j >= len(doc) or not propn[j]):
            cand = doc[i:j]
            if (not gaz.country_code(cand.text) and not gaz.org(cand.text)
                    and (_premodifier_role(doc, cand) or _appositive_role(doc, cand))):
                out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    out.sort(key=lambda e: e.start)
    return out


def _name_token(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and t[1:2].islower() and t.replace("-", "").isalpha() \
        and tok.lower_ not in DEMONYMS and not _is_role_word(tok) and tok.lower_ not in HONORIFICS


def _name_shaped(span) -> bool:
    return all(_name_token(t) for t in span)


def _sentence_words(span) -> set[str]:
    return set(re.findall(r"[a-z][a-z'’-]*", span.sent.text.lower()))


def _norm_key(text: str) -> str:
    from .gazetteer import _norm_alias

    return _norm_alias(text)


# "told AFP", "according to AFP", "(AFP)", "AFP reported": the news agency, whatever the sentence is about
_AGENCY_BEFORE = re.compile(r"(?:\b(?:told|to|according to|by|via|citing|cited by|quoted by)|\()\s*(?:the\s+)?$", re.IGNORECASE)
_AGENCY_AFTER = re.compile(r"^(?:\s*\)|\s+(?:reported|reports|news agency|photographers?|correspondents?|journalists?|"
                           r"reporters?|cited|quoted|tally|count))", re.IGNORECASE)


def _agency_frame(doc, span, gaz: Gazetteer) -> bool:
    actor = gaz.org(span.text)
    if actor is None or actor.kind != "news_agency":
        return False
    return bool(_AGENCY_BEFORE.search(doc_text(doc)[max(0, span.start_char - 25):span.start_char])
                or _AGENCY_AFTER.match(doc_text(doc)[span.end_char:span.end_char + 30]))


def _person_by_role(gaz: Gazetteer, description: str, date: str | None):
    """The one gazetteer person whose role on ``date`` fits the description
    ("the Russian president" on 2025-03-18 -> Vladimir Putin)."""
    return _person_by_role_cached(description, date)


@lru_cache(maxsize=8192)
def _person_by_role_cached(description: str, date: str | None):
    gaz = gazetteer()
    if not date:
        return None
    cls = _description_class(description)
    head = (re.findall(r"[a-z]+", description.lower()) or [""])[-1]
    country = role_country(description, gaz) or next(
        (DEMONYMS.get(w.lower()) for w in re.findall(r"[\w.]+", description) if DEMONYMS.get(w.lower())), None)
    former = "former" in description.lower()
    # an institution in the description must be in the role ("the Kremlin spokesman"
    # is Putin's press secretary, not the foreign ministry's spokeswoman)
    institutions = [w.lower() for w in re.findall(r"[A-Z][\w]+(?:\s+House)?", description)
                    if gaz.org(w) is not None and not gaz.country_code(w)]
    if country is None and not institutions and cls == "chancellor":
        return None     # "the chancellor": Germany's, Austria's, Britain's (finance) or a university's
    hits = []
    for actor in gaz.people:
        if country and actor.country != country:
            continue
        for r in actor.roles:
            if former or not _valid_on(r, date):
                continue
            texts = [t for t in (r.get("role", ""), *r.get("titles", []))
                     if ("former" in t.lower()) == former and ("deputy" in t.lower()) == ("deputy" in description.lower())
                     and all(i in t.lower() for i in institutions)]
            if any((_description_class(t) == cls) if cls else (head in t.lower().split()) for t in texts):
                hits.append(actor)
                break
    return hits[0] if len(hits) == 1 else None


_valid_on = role_current


# --- descriptions and pronouns ------------------------------------------------------

_DESCRIPTION = re.compile(
    # "the Russian president", "The Kremlin spokesman", "the U.S. secretary of state": never
    # across a line break, capitalised modifiers only (case-insensitive heads)
    r"\b[Tt]he[ \t]+((?:[A-Z][\w.]*[ \t]+|(?i:former|top|senior|special|deputy|foreign|national|security|press|crown)[ \t]+){0,3}"
    r"(?i:president|leader|premier|chancellor|prime minister|foreign minister|minister|secretary of state|top diplomat|"
    r"spokesman|spokeswoman|spokesperson|press secretary|aide|adviser|envoy|ambassador|crown prince|king))\b"
)


# a description followed by "of" and a lower-case word is qualified by something it does not
# say ("the leader of the opposition", "the president of the club"); "of Russia" is read as before
_QUALIFIED = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+)?[a-z]")


_CLASS_SYNONYMS = {"chief executive": "ceo", "managing director": "ceo", "boss": "ceo", "pm": "pm",
                   "premier": "pm", "top diplomat": "fm"}


@lru_cache(maxsize=65536)
def _description_class(text: str) -> str | None:
    low = text.lower()
    for k, v in _CLASS_SYNONYMS.items():
        if re.search(r"\b" + re.escape(k) + r"\b", low):
            return v
    return role_class(text)


def resolve_description(text: str, entities: list[LocalEntity], before: list[int] | None = None) -> int | None:
    """The one person of the article a description like "the Russian president" fits.

    A person fits when one of their roles (from this article, or the gazetteer's
    titles) has the same role class or the same head word, and no country in the
    description contradicts theirs. Failing that, when exactly one person has
    been named before the description, it is that person ("..., Anders Lindqvist
    said. The chief executive added ...")."""
    gaz = gazetteer()
    cls = _description_class(text)
    head = (re.findall(r"[a-z]+", text.lower()) or [""])[-1]
    if not cls and head not in ROLE_CLASSES:
        return None
    country = role_country(text, gaz) or next(
        (DEMONYMS.get(w.lower()) for w in re.findall(r"\w+", text) if DEMONYMS.get(w.lower())), None)
    cands = []
    known_roles: set[int] = set()
    for e in entities:
        if e.type != "PERSON":
            continue
        former = "former" in text.lower() or "ex-" in text.lower()
        role_texts = [r for r in e.roles if ("former" in r.lower()) == former]
        if e.wikidata:
            actor = next((a for a in gaz.people if a.key == e.key), None)
            if actor:
                for r in actor.roles:
                    if former != (r.get("to") is not None):
                        continue  # "the former president" fits a role that has ended
                    role_texts.append(r.get("role", ""))
                    role_texts.extend(r.get("titles", []))
        classes = {_description_class(r) for r in role_texts}
        if classes - {None}:
            known_roles.add(e.index)
        words = {w for r in role_texts for w in re.findall(r"[a-z]+", r.lower())}
        fits = (cls is not None and cls in classes) or (cls is None and head in words) \
            or (cls == "head" and "pm" in classes and "leader" in text.lower())
        if fits and (country is None or e.country in (None, country)):
            cands.append(e.index)
    if len(set(cands)) == 1:
        return cands[0]
    if not cands and before:
        # only someone whose role we do not know can be the one the description means
        people = list(dict.fromkeys(i for i in before if entities[i].type == "PERSON"
                                    and (country is None or entities[i].country in (None, country))))
        people = [i for i in people if i not in known_roles] if len(people) == 1 else people
        if len(people) == 1:
            return people[0]
    return None
