"""The curated gazetteer (data/gazetteer.json) plus pycountry: maps surface
forms to actors with Wikidata ids.

- people: heads of state and government, ministers, spokespeople, envoys, with
  aliases (transliteration variants) and dated roles;
- organisations: news agencies, broadcasters, international bodies;
- institutions and seats used for governments (the Kremlin, the White House);
- countries: pycountry names and codes, common abbreviations (US, U.S., USA),
  demonyms (Russian, American) and capitals used as metonyms (Moscow, Kyiv).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .names import compatible_people, fold_token, name_key, split_name, strip_accents, surname_key


@dataclass(slots=True)
class Actor:
    key: str                   # stable key: Wikidata id, or "country:RU", or "org:<name>"
    name: str
    type: str                  # PERSON | ORG | GPE | NORP
    wikidata: str | None = None
    country: str | None = None  # ISO alpha-2 the actor belongs to / acts for
    kind: str | None = None     # news_agency, government_seat, capital, country, ...
    roles: list[dict] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


# Wikidata ids of countries that news about international politics names most.
COUNTRY_QIDS = {
    "US": "Q30", "RU": "Q159", "UA": "Q212", "GB": "Q145", "FR": "Q142", "DE": "Q183", "CN": "Q148",
    "IN": "Q668", "TR": "Q43", "SA": "Q851", "IL": "Q801", "IR": "Q794", "BY": "Q184", "PL": "Q36",
    "HU": "Q28", "JP": "Q17", "IT": "Q38", "CA": "Q16", "QA": "Q846", "AE": "Q878", "CH": "Q39",
    "FI": "Q33", "SE": "Q34", "GE": "Q230", "KZ": "Q232", "SY": "Q858", "EG": "Q79", "ES": "Q29",
    "KP": "Q423", "KR": "Q884",
}

ABBREVIATIONS = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "russia": "RU", "russian federation": "RU", "the russian federation": "RU",
    "ukraine": "UA", "the ukraine": "UA", "china": "CN", "prc": "CN", "turkey": "TR", "türkiye": "TR",
    "turkiye": "TR", "iran": "IR", "south korea": "KR", "north korea": "KP", "syria": "SY",
    "uae": "AE", "the uae": "AE", "vietnam": "VN", "moldova": "MD", "czech republic": "CZ",
    "czechia": "CZ", "the netherlands": "NL", "holland": "NL", "venezuela": "VE", "bolivia": "BO",
    "tanzania": "TZ", "taiwan": "TW", "laos": "LA", "palestine": "PS",
}

DEMONYMS = {
    "american": "US", "americans": "US", "russian": "RU", "russians": "RU", "ukrainian": "UA",
    "ukrainians": "UA", "british": "GB", "briton": "GB", "britons": "GB", "english": "GB",
    "french": "FR", "german": "DE", "germans": "DE", "chinese": "CN", "indian": "IN", "indians": "IN",
    "turkish": "TR", "turks": "TR", "saudi": "SA", "saudis": "SA", "israeli": "IL", "israelis": "IL",
    "iranian": "IR", "iranians": "IR", "belarusian": "BY", "belarusians": "BY", "polish": "PL",
    "poles": "PL", "hungarian": "HU", "japanese": "JP", "italian": "IT", "canadian": "CA",
    "qatari": "QA", "emirati": "AE", "swiss": "CH", "finnish": "FI", "swedish": "SE",
    "georgian": "GE", "kazakh": "KZ", "syrian": "SY", "egyptian": "EG", "spanish": "ES",
    "north korean": "KP", "south korean": "KR", "korean": "KR", "european": "EU", "soviet": "SU",
    "palestinian": "PS", "palestinians": "PS", "lebanese": "LB", "iraqi": "IQ", "afghan": "AF",
    "pakistani": "PK", "brazilian": "BR", "mexican": "MX", "dutch": "NL", "belgian": "BE",
    "austrian": "AT", "greek": "GR", "romanian": "RO", "moldovan": "MD", "serbian": "RS",
    "armenian": "AM", "azerbaijani": "AZ", "estonian": "EE", "latvian": "LV", "lithuanian": "LT",
    "norwegian": "NO", "danish": "DK", "czech": "CZ", "slovak": "SK", "venezuelan": "VE",
}

CAPITALS = {
    "washington": "US", "moscow": "RU", "kyiv": "UA", "kiev": "UA", "london": "GB", "paris": "FR",
    "berlin": "DE", "beijing": "CN", "ankara": "TR", "riyadh": "SA", "minsk": "BY", "tehran": "IR",
    "warsaw": "PL", "budapest": "HU", "tokyo": "JP", "rome": "IT", "ottawa": "CA", "doha": "QA",
    "abu dhabi": "AE", "bern": "CH", "helsinki": "FI", "stockholm": "SE", "tbilisi": "GE",
    "astana": "KZ", "damascus": "SY", "cairo": "EG", "madrid": "ES", "pyongyang": "KP",
    "seoul": "KR", "new delhi": "IN", "delhi": "IN", "jerusalem": "IL", "brussels": "EU",
}


@lru_cache(maxsize=65536)
def _norm_alias(s: str) -> str:
    s = strip_accents(s).lower().strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"['’]s$", "", s)
    return " ".join(s.split())


class Gazetteer:
    def __init__(self, data: dict):
        self.people: list[Actor] = []
        self._person_cache: dict[tuple[str, str | None], Actor | None] = {}
        self.by_alias: dict[str, Actor] = {}          # normalised alias -> org / institution / person
        self.people_by_key: dict[str, list[Actor]] = {}
        self.people_by_surname: dict[str, list[Actor]] = {}
        for p in data.get("people", []):
            actor = Actor(key=p.get("id") or f"person:{name_key(p['name'])}", name=p["name"], type="PERSON",
                          wikidata=p.get("id"), country=p.get("country"), roles=p.get("roles", []),
                          aliases=list(dict.fromkeys([p["name"], *p.get("aliases", [])])))
            self.people.append(actor)
            for alias in actor.aliases:
                given, surname, _ = split_name(alias)
                if given:
                    self.people_by_key.setdefault(name_key(alias), [])
                    if actor not in self.people_by_key[name_key(alias)]:
                        self.people_by_key[name_key(alias)].append(actor)
            sk = surname_key(p.get("surname") or p["name"])
            if sk:
                self.people_by_surname.setdefault(sk, []).append(actor)
            for alias in actor.aliases:  # single-word aliases: "MBS", "Lula"
                ak = surname_key(alias) if not split_name(alias)[0] else None
                if ak and actor not in self.people_by_surname.setdefault(ak, []):
                    self.people_by_surname[ak].append(actor)
        for section in ("organisations", "institutions"):
            for o in data.get(section, []):
                actor = Actor(key=o.get("id") or f"org:{_norm_alias(o['name'])}", name=o["name"],
                              type=o.get("type", "ORG"), wikidata=o.get("id"), country=o.get("country"),
                              kind=o.get("kind"), aliases=list(dict.fromkeys([o["name"], *o.get("aliases", [])])))
                for alias in actor.aliases:
                    self.by_alias.setdefault(_norm_alias(alias), actor)
        # Surface forms naming different actors (AFP: the agency or the Australian Federal
        # Police): the default sense, then alternatives, each with cue words.
        self.senses: dict[str, list[tuple[Actor | None, frozenset[str]]]] = {}
        for form in data.get("ambiguous", {}).get("forms", []):
            senses = []
            for sense in form["senses"]:
                actor = None
                if sense.get("use") != "gazetteer":
                    type_ = sense.get("type", "ORG")
                    actor = Actor(key=sense.get("id") or f"{type_.lower()}:{_norm_alias(sense['name'])}",
                                  name=sense["name"], type=type_, wikidata=sense.get("id"),
                                  country=sense.get("country"), kind=sense.get("kind"))
                senses.append((actor, frozenset(sense.get("cues", []))))
            for surface in form["surface"]:
                self.senses[_norm_alias(surface)] = senses
        self.seats: dict[str, str] = {}
        for pl in data.get("places", []):
            if pl.get("stands_for_country"):
                self.seats[_norm_alias(pl["name"])] = pl["stands_for_country"]

    # --- people ---------------------------------------------------------------

    def person(self, name: str, date: str | None = None) -> Actor | None:
        """A gazetteer person for a full name or a surname, when unambiguous.

        Two people sharing a name ("George Bush": father and son) are told apart
        by an alias spelled exactly so, else by whose role was current on ``date``."""
        key = (name, date)
        if key not in self._person_cache:
            if len(self._person_cache) > 65536:
                self._person_cache.clear()
            self._person_cache[key] = self._person(name, date)
        return self._person_cache[key]

    def _person(self, name: str, date: str | None) -> Actor | None:
        m = re.fullmatch(r"(?:Sir|Dame)\s+([A-Z][a-z]+)", name.strip())
        if m:  # "Sir Keir": a knight is named by his given name
            cands = [a for a in self.people if any(split_name(al)[0][:1] == (m.group(1),) for al in a.aliases)]
            return cands[0] if len(cands) == 1 else None
        given, surname, suffix = split_name(name)
        if not surname or suffix:
            return None
        if given:
            cands = self.people_by_key.get(name_key(name), [])
            if not cands:
                # "Vladimir V. Putin", "Dmitri S. Peskov": match on first name + surname
                cands = [a for a in self.people_by_surname.get(surname_key(name) or "", [])
                         if any(fold_token(given[0]) == fold_token(g)
                                for al in a.aliases for g in split_name(al)[0][:1])]
            if not cands:
                # other romanisations (Aliaksandr Lukashenka, Sergej Lawrow): a full alias
                # compatible with the name, when exactly one person has one
                cands = [a for a in self.people
                         if any(split_name(al)[0] and compatible_people(al, name) for al in a.aliases)]
            return _one(cands, name, date)
        # A bare surname resolves only when the gazetteer lists it as an alias
        # ("Putin", "Peskov"), not for common surnames left out on purpose ("Harris").
        sk = surname_key(name) or ""
        cands = [a for a in self.people_by_surname.get(sk, [])
                 if any(not split_name(al)[0] and surname_key(al) == sk for al in a.aliases)]
        return cands[0] if len(cands) == 1 else None

    # --- organisations, institutions, countries --------------------------------

    def other_sense(self, text: str, words: set[str]) -> Actor | None:
        """The actor an ambiguous form names in this context, when it is not the
        default one: the sense whose cue words outnumber the default's in ``words``
        (the lowercased words of the sentence). None: take the usual reading."""
        senses = self.senses.get(_norm_alias(text))
        if not senses:
            return None
        scores = [len(cues & words) for _actor, cues in senses]
        best = max(range(len(senses)), key=lambda i: (scores[i], -i))
        return senses[best][0] if best > 0 and scores[best] > scores[0] else None

    def org(self, text: str) -> Actor | None:
        key = _norm_alias(text)
        actor = self.by_alias.get(key)
        if actor is None and "'s " in key.replace("’s ", "'s "):
            # "Russia's foreign ministry" -> "russian foreign ministry"
            owner, rest = key.replace("’s ", "'s ").split("'s ", 1)
            code = ABBREVIATIONS.get(owner) or _pycountry_code(owner)
            demonym = next((d for d, c in DEMONYMS.items() if c == code and not d.endswith("s")), None)
            if demonym:
                actor = self.by_alias.get(f"{demonym} {rest}")
        return actor

    def country_code(self, text: str) -> str | None:
        """ISO code for a country name, abbreviation, demonym or capital/seat."""
        t = _norm_alias(text)
        if not t:
            return None
        code = ABBREVIATIONS.get(t) or DEMONYMS.get(t) or CAPITALS.get(t) or self.seats.get(t)
        if code:
            return code
        # "the Russian government", "Ukraine's government", "the government of France"
        m = re.fullmatch(r"(?:(.+?)(?:'s|’s)?\s+(?:government|authorities|leadership)|(?:government|authorities) of (.+))", t)
        if m:
            owner = (m.group(1) or m.group(2) or "").strip()
            return ABBREVIATIONS.get(owner) or DEMONYMS.get(owner) or _pycountry_code(owner)
        return _pycountry_code(t)

    def country(self, code: str) -> Actor:
        return Actor(key=COUNTRY_QIDS.get(code) or f"country:{code}", name=country_name(code), type="GPE",
                     wikidata=COUNTRY_QIDS.get(code), country=code, kind="country")


def role_current(role: dict, date: str | None) -> bool:
    """Whether a dated gazetteer role was held on ``date`` (today's roles when undated)."""
    if not date:
        return role.get("to") is None
    return (role.get("from") or "0000") <= date and (role.get("to") is None or date <= role["to"])


def _one(cands: list[Actor], name: str, date: str | None) -> Actor | None:
    if len(cands) > 1:
        exact = [a for a in cands if _norm_alias(name) in {_norm_alias(al) for al in a.aliases}
                 and sum(_norm_alias(name) == _norm_alias(al) for c in cands for al in c.aliases) == 1]
        cands = exact or cands
    if len(cands) > 1 and date:
        cands = [a for a in cands if any(role_current(r, date) for r in a.roles)]
    return cands[0] if len(cands) == 1 else None


@lru_cache(maxsize=4096)
def _pycountry_code(t: str) -> str | None:
    import pycountry

    if len(t) < 4:  # "us", "it", "in": too ambiguous as lowercase words
        return None
    try:
        c = pycountry.countries.lookup(t)
    except LookupError:
        return None
    return c.alpha_2


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    special = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "EU": "European Union",
               "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "SY": "Syria", "SU": "Soviet Union",
               "TW": "Taiwan", "VE": "Venezuela", "MD": "Moldova", "VN": "Vietnam", "PS": "Palestine",
               "TR": "Turkey", "CZ": "Czech Republic", "LA": "Laos", "BO": "Bolivia", "TZ": "Tanzania"}
    if code in special:
        return special[code]
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return getattr(c, "common_name", None) or (c.name if c else code)


_GAZ: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    global _GAZ
    if _GAZ is None:
        try:
            raw = resources.files("storyline.analyse").joinpath("data/gazetteer.json").read_text("utf-8")
            data = json.loads(raw)
        except (FileNotFoundError, OSError, ValueError):
            data = {}
        _GAZ = Gazetteer(data)
    return _GAZ
