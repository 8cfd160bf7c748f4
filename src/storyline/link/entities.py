"""Cross-article entity resolution: one entity per real person or organisation.

Gazetteer actors (Wikidata ids, countries) merge by key. Other people merge
when their names are spelling variants of each other (``names.compatible_people``:
same folded surname, no conflicting given name or initial, same Jr./Sr.).
A surname seen alone joins a full name only when, across the corpus, exactly
one full-name person carries that surname, or exactly one fits its roles;
otherwise it stays apart rather than guess.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ..analyse.entities import role_class
from ..analyse.names import compatible_people, skeleton, split_name, surname_key


@dataclass
class LocalRef:
    article_id: str
    seq: int
    published: str | None
    index: int
    name: str
    type: str
    key: str
    wikidata: str | None
    country: str | None
    aliases: list[str]
    roles: list[str]
    mentions: int = 0
    domain: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    wikidata: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0
    country: str | None = None


def _entity_id(kind: str, key: str) -> str:
    return "E" + hashlib.sha256(f"{kind}\x00{key}".encode()).hexdigest()[:15]


# a full name joins a cluster when compatible with all of its first members' names
HEAD_MEMBERS = 8


def resolve(refs: list[LocalRef]) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """Entities (in a deterministic order) and a map (article_id, local index) -> entity id."""
    refs = sorted(refs, key=lambda r: (r.seq, r.article_id, r.index))
    groups: dict[str, list[LocalRef]] = {}
    order: list[str] = []

    def put(gkey: str, r: LocalRef) -> None:
        if gkey not in groups:
            groups[gkey] = []
            order.append(gkey)
        groups[gkey].append(r)

    people_full: list[LocalRef] = []
    people_short: list[LocalRef] = []
    for r in refs:
        if not r.key.startswith("person:"):
            if r.type == "ORG" and not r.wikidata and not any(c.isupper() for c in r.name):
                # "the foreign ministry", "the police": generic names mean different bodies
                # in different articles
                put(f"{r.key}@{r.article_id}", r)
            else:
                put(r.key, r)      # gazetteer ids, countries, organisations by name
        elif split_name(r.name)[0]:
            people_full.append(r)
        else:
            people_short.append(r)

    # Full names: greedy clustering by compatible spelling variants, in corpus order,
    # blocked by surname skeleton: two compatible names always share it, so a name is
    # compared only with the clusters of its block (the same result as comparing it
    # with every cluster, at a cost that grows with the corpus, not with its square).
    # A cluster is compared by the distinct names of its first ``HEAD_MEMBERS`` members
    # (one person's cluster repeats one spelling: a name is checked once, not 8 times).
    # A cluster's heads only grow, so a name that does not fit a cluster never will:
    # each distinct name remembers how many clusters at the front of its block it
    # does not fit, and later mentions of it start past them (a name seen thousands of
    # times is not checked again against the same clusters).
    clusters: list[list[LocalRef]] = []
    heads: list[list[str]] = []
    blocks: dict[str, list[int]] = {}
    block_of: dict[str, list[int]] = {}          # name -> its block
    skip: dict[str, int] = {}                    # name -> clusters at its block's front it never fits
    for r in people_full:
        name = r.name
        block = block_of.get(name)
        if block is None:
            block = block_of[name] = blocks.setdefault(_surname_block(name), [])
        home = None
        start = skip.get(name, 0)
        for pos in range(start, len(block)):
            ci = block[pos]
            if not all(compatible_people(name, h) for h in heads[ci]):
                if pos == start:
                    start += 1
                continue
            if not _domains_conflict(r, clusters[ci]):
                home = ci
                break
        skip[name] = start
        if home is None:
            block.append(len(clusters))
            clusters.append([r])
            heads.append([r.name])
        else:
            if len(clusters[home]) < HEAD_MEMBERS and r.name not in heads[home]:
                heads[home].append(r.name)
            clusters[home].append(r)
    by_surname: dict[str, list[list[LocalRef]]] = {}
    for c in clusters:
        by_surname.setdefault(surname_key(c[0].name) or "", []).append(c)

    # Surnames alone: attach only when unambiguous.
    leftovers: dict[str, list[LocalRef]] = {}
    for r in people_short:
        cands = by_surname.get(surname_key(r.name) or "", [])
        if len(cands) > 1 and r.roles:
            classes = {role_class(x) for x in r.roles}
            fit = [c for c in cands if any(role_class(x) in classes for o in c for x in o.roles)]
            cands = fit
        cands = [c for c in cands if not _domains_conflict(r, c)]
        if len(cands) == 1:
            cands[0].append(r)
        else:
            leftovers.setdefault(surname_key(r.name) or r.name.lower(), []).append(r)
    for n, c in enumerate(clusters):
        gkey = f"cluster:{n}"
        groups[gkey] = c
        order.append(gkey)
    for sk, rs in leftovers.items():
        gkey = "surname:" + sk
        groups[gkey] = rs
        order.append(gkey)

    people = sorted((g for g in order if groups[g] and groups[g][0].key.startswith("person:")
                     and not any(r.wikidata for r in groups[g])),
                    key=lambda g: (groups[g][0].seq, groups[g][0].article_id, groups[g][0].index))
    person_id = dict(zip(people, _person_ids([groups[g] for g in people])))

    entities: list[Entity] = []
    links: dict[tuple[str, int], str] = {}
    for gkey in order:
        rs = groups[gkey]
        if rs:
            ent = _entity(gkey, rs, person_id.get(gkey))
            entities.append(ent)
            eid = ent.id
            for r in rs:
                links[(r.article_id, r.index)] = eid
    # Two groups can end with the same id (a gazetteer person seen once by key and
    # once by name): merge them.
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            m = merged[e.id]
            m.aliases = list(dict.fromkeys(m.aliases + e.aliases))
            m.roles += e.roles
            m.article_ids = list(dict.fromkeys(m.article_ids + e.article_ids))
            m.mentions += e.mentions
        else:
            merged[e.id] = e
    return list(merged.values()), links


def _entity(gkey: str, rs: list[LocalRef], person_id: str | None) -> Entity:
    """The entity of one group of mentions (in corpus order), in one pass over them:
    the groups hold every mention of the corpus."""
    first = rs[0]
    wikidata = None
    aliases: dict[str, None] = {}
    roles: list[dict] = []
    seen_roles: set = set()
    arts: dict[str, None] = {}
    mentions = 0
    countries: dict[str, int] = {}
    for r in rs:
        if wikidata is None and r.wikidata:
            wikidata = r.wikidata
        for a in r.aliases:
            aliases[a] = None
        for role in r.roles:
            if (role, r.published) not in seen_roles:
                seen_roles.add((role, r.published))
                roles.append({"role": role, "date": r.published, "article_id": r.article_id})
        arts[r.article_id] = None
        mentions += r.mentions
        if r.country:
            countries[r.country] = countries.get(r.country, 0) + 1
    name = _canonical_name(rs) if first.type == "PERSON" else first.name
    if wikidata:
        eid = wikidata
    elif person_id:
        eid = person_id
    else:
        eid = _entity_id(first.type, gkey if "@" in gkey else first.key)
    country = max(countries.items(), key=lambda kv: kv[1])[0] if countries else None   # first seen on ties
    return Entity(eid, name, first.type, wikidata, list(aliases), roles, list(arts), mentions, country)


def _surname_block(name: str) -> str:
    """The blocking key of full names: the consonant skeleton of the surname, which
    ``compatible_people`` requires to match (equal folded surnames have equal skeletons)."""
    return " ".join(skeleton(t) for t in split_name(name)[1].split())


def _domains_conflict(r: LocalRef, cluster: list[LocalRef]) -> bool:
    """Same name, different walks of life (a shipping CEO, a hockey coach): different people."""
    if r.domain is None:
        return False
    return any(o.domain is not None and o.domain != r.domain for o in cluster)


def _canonical_name(rs: list[LocalRef]) -> str:
    """The most common full form, longest first on ties (a stable choice)."""
    if len(rs) == 1:
        return rs[0].name
    counts = Counter(r.name for r in rs)
    return sorted(counts, key=lambda n: (-counts[n], -len(split_name(n)[0]), -len(n), n))[0]


def _canonical_key(rs: list[LocalRef]) -> str:
    """The key a person's id is made from: of the full-name keys (a surname alone that
    joined the cluster does not count), the one with a written-out given name and the
    fewest parts, ties alphabetical. A cluster keeps it as later reports name the person
    more fully ("Dmitry S. Peskov" joining "Dmitry Peskov") and whatever the input order:
    users cite ids, and the story memo is keyed by them."""
    keys = {r.key for r in rs}
    full = [k for k in keys if len(k.split()) > 1] or list(keys)
    return min(full, key=lambda k: (_initials_only(k), len(k.split()), k))


def _initials_only(key: str) -> bool:
    """True when every part before the surname is an initial ("person:j r smith")."""
    parts = key.split(":", 1)[-1].split()
    return all(len(p) == 1 for p in parts[:-1])


def _person_ids(groups: list[list[LocalRef]]) -> list[str]:
    """Ids of person groups (in corpus order of their first mention). Namesakes whose
    canonical keys are equal (a minister and a footballer, a "J. Smith" of two clusters)
    are told apart by walk of life and rank; the earliest keeps the plain id, so that a
    person's id does not change when his walk of life first shows in a later article."""
    out, seen = [], Counter()
    for rs in groups:
        key = _canonical_key(rs)
        plain = _entity_id("PERSON", key)
        n = seen[plain]
        seen[plain] += 1
        if n:
            domain = Counter(r.domain for r in rs if r.domain).most_common(1)
            plain = _entity_id("PERSON", f"{key}\x00{domain[0][0] if domain else ''}\x00{n}")
        out.append(plain)
    return out
