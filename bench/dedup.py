"""Near-duplicate detection: accuracy of the LSH pairs and MinHash throughput.

A deterministic generator writes news-like articles (templated sentences with
topic vocabulary: people, organisations, places, figures, quotes; 3-7
paragraphs) and, for every base article, a family of copies:

- light edits (word substitutions / insertions / deletions, 0-4% of words, some
  families up to 10%, so that some pairs fall below the bar),
- truncations (the first 45-95% of the paragraphs: aggregator ledes),
- page chrome added (menus, "Related articles" lists, cookie notices, share
  lines, "Reply to this topic" forum chrome), drawn per outlet,
- paragraphs reordered;

plus distractors on the same topics: fresh articles, and follow-ups that reuse
2-4 sentences of a family's base article.

Gold: every pair of documents (across the whole corpus, not only within
families) whose exact Jaccard over word 5-gram shingle *strings* (normalised as
in storyline.link.dedup.normalise) is >= 0.7, computed exactly with a sparse
matrix product; independent of the hashing under test.

Reported: precision and recall of `near_duplicate_pairs(threshold=0.7)` (exact
verification, and signature-estimate only), of `link_duplicates` (pairs sharing
an origin, against gold and against generator families), and throughput of
`signatures()` vs datasketch `MinHash(num_perm=128)` + `update_batch` on the same
documents (docs per CPU-second, `time.process_time`, median of `--repeat` runs).

    .venv/bin/python bench/dedup.py [--families 300] [--seed 7] [--repeat 3]
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import time

import numpy as np
import scipy.sparse as sp

from storyline.link.dedup import (DocInfo, candidate_probability, link_duplicates, lsh_params,
                                  near_duplicate_pairs, normalise, shingle_sets, signatures)

# ----------------------------------------------------------------------------- generator

TOPICS = {
    "energy": dict(
        people=["Maria Keller", "Omar Haddad", "Liu Wen", "Sven Aalto", "Priya Raman", "Jorge Salas"],
        orgs=["the energy ministry", "Northgrid", "the regulator", "Baltic Gas", "the grid operator", "OPEC"],
        places=["Rotterdam", "the North Sea", "Texas", "Baku", "the Gulf", "Bavaria"],
        nouns=["pipeline", "tariff", "price cap", "supply deal", "wind farm", "refinery", "gas reserve"],
        verbs=["approve", "suspend", "expand", "review", "cut", "renegotiate"]),
    "elections": dict(
        people=["Anna Novak", "David Mensah", "Carlos Ortega", "Hiroshi Sato", "Leila Karimi", "Tom Brennan"],
        orgs=["the electoral commission", "the ruling party", "the opposition", "the supreme court",
              "observers from the OSCE", "the interior ministry"],
        places=["the capital", "the northern provinces", "Lagos", "Warsaw", "Bogota", "Osaka"],
        nouns=["ballot count", "runoff", "turnout", "coalition", "recount", "campaign", "polling station"],
        verbs=["certify", "contest", "delay", "annul", "announce", "extend"]),
    "conflict": dict(
        people=["Ivan Petrenko", "Sarah Cohen", "Ahmed Yusuf", "Olena Bondar", "Mark Lindqvist", "Rami Nasser"],
        orgs=["the defence ministry", "the army", "NATO", "the United Nations", "the Red Cross", "local officials"],
        places=["Kharkiv", "the border region", "Gaza", "the port city", "Donetsk", "the eastern front"],
        nouns=["ceasefire", "drone strike", "prisoner exchange", "aid convoy", "offensive", "peace talks"],
        verbs=["confirm", "deny", "halt", "resume", "condemn", "negotiate"]),
    "markets": dict(
        people=["Grace Lee", "Felix Brandt", "Nadia Rossi", "Kwame Asante", "Ellen Park", "Victor Dubois"],
        orgs=["the central bank", "the Fed", "Goldman Sachs", "the stock exchange", "the treasury", "the IMF"],
        places=["Frankfurt", "Wall Street", "Tokyo", "London", "Singapore", "Sao Paulo"],
        nouns=["interest rate", "bond yield", "inflation figure", "earnings report", "share price", "rate cut"],
        verbs=["raise", "hold", "forecast", "lower", "signal", "revise"]),
    "health": dict(
        people=["Dr Amina Bello", "Dr Paul Weber", "Sofia Marin", "Rajiv Menon", "Claire Dupont", "Ben Okafor"],
        orgs=["the health ministry", "the WHO", "the hospital trust", "the drug regulator", "Pfizer",
              "the disease control agency"],
        places=["the region", "Nairobi", "Madrid", "three districts", "Manila", "the city hospital"],
        nouns=["vaccine", "outbreak", "trial", "waiting list", "treatment", "infection rate"],
        verbs=["approve", "recommend", "investigate", "expand", "withdraw", "fund"]),
    "climate": dict(
        people=["Ingrid Berg", "Mateo Cruz", "Aisha Khan", "Lars Holm", "Yuki Tanaka", "Samuel Adeyemi"],
        orgs=["the environment agency", "Greenpeace", "the summit hosts", "the EU Commission",
              "the weather service", "the city council"],
        places=["the delta", "Bonn", "the coastal towns", "Queensland", "the Alps", "Jakarta"],
        nouns=["flood", "heatwave", "emissions target", "carbon tax", "drought", "climate fund"],
        verbs=["pledge", "warn", "adopt", "delay", "finance", "monitor"]),
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = ["spokesperson", "head", "chief economist", "deputy director", "senior adviser", "chair"]
TEMPLATES = [
    "{P}, the {role} of {O}, said on {day} that {O2} would {V} the {N} in {L}.",
    "The decision to {V} the {N} comes after {num} weeks of talks between {O} and {O2}.",
    "\"We will not {V} the {N} until {O2} gives us guarantees,\" {P} told reporters in {L}.",
    "According to {O}, the {N} affected about {num} thousand people in {L} by {day} evening.",
    "{O} declined to comment on the {N}, but a source familiar with the matter said a plan to {V} it was being drafted.",
    "In {L}, officials said the {N} had been expected for months and that {O2} had been warned in {month}.",
    "{P} added that the {N} was \"a matter of weeks, not months\" and urged {O2} to {V} it.",
    "Critics, including {P2}, argue that the {N} will {V} little and cost {num} million dollars.",
    "The {N} follows a similar move by {O2} in {L2} last {month}, when {num} percent of residents objected.",
    "Analysts at {O} expect {O2} to {V} the {N} before the end of {month}.",
    "{P2} said in a statement on {day}: \"The {N} in {L} shows that we must {V} faster.\"",
    "Data published by {O} on {day} showed the {N} rose by {num} percent compared with {month}.",
    "Earlier this year {O2} tried to {V} a smaller {N} in {L2}, but the plan stalled.",
    "It was not immediately clear whether {O} would {V} the {N} or wait for {P2} to return from {L2}.",
    "The {N} is the largest since {year}, when {O2} was forced to {V} a {N2} in {L}.",
    "Residents in {L} told local media that the {N} had changed little in their daily lives.",
    "{P} is due to meet {P2} in {L2} on {day} to discuss the {N2} and the {N}.",
    "Officials expect a final decision on the {N} within {num} days, {O} said.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
OUTLETS = ["Daily Courier", "Metro Post", "Evening Standard Online", "The Ledger", "Global Wire Digest",
           "News Hub Forum", "Capital Times", "Harbour Herald", "Reuters", "AP"]
CHROME = {
    "menu": ["Home | World | Business | Politics | Tech | Sport | Opinion | Video",
             "Menu Search Subscribe Sign in Newsletters Podcasts Weather",
             "Skip to main content Accessibility help Your account"],
    "related": ["Related articles", "Read more: {t}", "More on this story: {t}", "Most read: {t}",
                "You may also like: {t}"],
    "cookie": ["We use cookies to improve your experience on our website. By continuing to browse you agree "
               "to our use of cookies. Manage preferences.",
               "This site uses cookies for analytics and personalised content. Accept all / Reject all."],
    "share": ["Share this article on Facebook Twitter WhatsApp Email", "Copy link Print this page",
              "Follow us for the latest updates and breaking news alerts"],
    "forum": ["Reply to this topic", "Posted by user{num} | Report post | Quote", "Thread tools Rate thread",
              "Join the conversation: {num} replies. Log in to reply."],
    "aggregator": ["Read the full story at {o}", "Aggregated from {o}. All rights belong to the original publisher.",
                   "Trending now: {t}"],
}


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self, topic: str) -> str:
        r, v = self.rng, TOPICS[topic]
        people, orgs, places, nouns = v["people"], v["orgs"], v["places"], v["nouns"]
        o, o2 = r.sample(orgs, 2)
        p, p2 = r.sample(people, 2)
        l, l2 = r.sample(places, 2)
        n, n2 = r.sample(nouns, 2)
        s = r.choice(TEMPLATES).format(
            P=p, P2=p2, O=o, O2=o2, L=l, L2=l2, N=n, N2=n2, V=r.choice(v["verbs"]), role=r.choice(ROLES),
            day=r.choice(DAYS), month=r.choice(MONTHS), num=r.randint(2, 950), year=r.randint(1990, 2024))
        return s[0].upper() + s[1:]

    def article(self, topic: str) -> list[str]:
        r = self.rng
        paras = []
        for _ in range(r.randint(3, 7)):
            paras.append(" ".join(self.sentence(topic) for _ in range(r.randint(3, 6))))
        return paras

    def headline(self, topic: str) -> str:
        return " ".join(self.sentence(topic).split()[:9]).rstrip(",.")

    def chrome(self, kind: str, topic: str, outlet: str) -> str:
        line = self.rng.choice(CHROME[kind])
        return line.format(t=self.headline(topic), num=self.rng.randint(2, 400), o=outlet)

    def edit(self, paras: list[str], rate: float, topic: str) -> list[str]:
        r, vocab = self.rng, TOPICS[topic]
        fill = [w for xs in vocab.values() for x in xs for w in x.split()] + ["also", "however", "reportedly"]
        out = []
        for p in paras:
            words = []
            for w in p.split():
                x = r.random()
                if x < rate / 3:
                    continue                                  # deletion
                if x < 2 * rate / 3:
                    words.append(r.choice(fill))              # substitution
                    continue
                words.append(w)
                if x < rate:
                    words.append(r.choice(fill))              # insertion
            out.append(" ".join(words))
        return out


def build(families: int, seed: int) -> tuple[list[DocInfo], list[int]]:
    """Documents and, for each, its generator family (-1 for distractors)."""
    g = Gen(seed)
    r = g.rng
    docs: list[DocInfo] = []
    fam: list[int] = []
    topics = sorted(TOPICS)
    bases: list[tuple[str, list[str]]] = []

    def add(paras: list[str], family: int, outlet: str, day: int, kind: str | None = None,
            credit: str | None = None) -> None:
        docs.append(DocInfo(f"d{len(docs):05d}", "\n\n".join(paras), outlet, f"2026-11-{day:02d}", credit, kind))
        fam.append(family)

    for f in range(families):
        topic = topics[f % len(topics)]
        base = g.article(topic)
        bases.append((topic, base))
        day = r.randint(1, 20)
        wire = r.random() < 0.3
        add(base, f, "Reuters" if wire else r.choice(OUTLETS[:8]), day)
        heavy = r.random() < 0.25
        for _ in range(r.randint(1, 5)):
            paras = list(base)
            kind = None
            outlet = r.choice(OUTLETS[:8])
            rate = r.uniform(0.04, 0.12) if heavy else r.uniform(0.0, 0.04)
            if r.random() < 0.7:
                paras = g.edit(paras, rate, topic)
            if r.random() < 0.3:
                keep = max(1, round(len(paras) * r.uniform(0.45, 0.95)))
                paras = paras[:keep]
                if r.random() < 0.5:
                    kind = "aggregator"
            if r.random() < 0.2 and len(paras) > 2:
                i, j = r.sample(range(len(paras)), 2)
                paras[i], paras[j] = paras[j], paras[i]
            if r.random() < 0.6:
                for _ in range(r.randint(1, 4)):
                    what = r.choice(["menu", "related", "cookie", "share"])
                    line = g.chrome(what, topic, outlet)
                    paras = [line] + paras if what == "menu" else paras + [line]
            if kind is None and r.random() < 0.15:
                kind = "forum"
                paras = [g.chrome("forum", topic, outlet)] + paras + [g.chrome("forum", topic, outlet)]
            if kind == "aggregator":
                paras = paras + [g.chrome("aggregator", topic, outlet)]
            add(paras, f, outlet, min(28, day + r.randint(0, 3)), kind, "Reuters" if wire and r.random() < 0.5 else None)

    # distractors: fresh articles on the same topics, and follow-ups reusing a few sentences
    for k in range(max(1, families // 2)):
        topic = topics[k % len(topics)]
        paras = g.article(topic)
        if k % 2 == 1:
            btopic, base = bases[r.randrange(len(bases))]
            sents = [s for p in base for s in p.split(". ")]
            borrowed = ". ".join(r.sample(sents, min(len(sents), r.randint(2, 4))))
            paras = g.article(btopic)
            paras.insert(r.randrange(len(paras) + 1), borrowed)
        if r.random() < 0.5:
            paras = [g.chrome("menu", topic, "x")] + paras + [g.chrome("cookie", topic, "x")]
        add(paras, -1, r.choice(OUTLETS[:8]), r.randint(1, 28))
    return docs, fam


# ----------------------------------------------------------------------------- gold


def shingle_strings(text: str, k: int = 5) -> set[str]:
    w = normalise(text).split()
    if not w:
        return set()
    if len(w) < k:
        return {" ".join(w)}
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def exact_jaccard_pairs(texts: list[str]) -> dict[tuple[int, int], float]:
    """Exact Jaccard of every pair sharing at least one shingle (sparse X X^T)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for s in shingle_strings(t):
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    X = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(texts), len(vocab)))
    sizes = np.asarray(X.sum(axis=1)).ravel()
    inter = sp.triu(X @ X.T, k=1).tocoo()
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    return {(int(i), int(j)): float(v) for i, j, v in zip(inter.row, inter.col, jac)}


def pr(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[float, float]:
    tp = len(pred & gold)
    return (tp / len(pred) if pred else 1.0), (tp / len(gold) if gold else 1.0)


# ----------------------------------------------------------------------------- throughput


def datasketch_signatures(texts: list[str]) -> list:
    from datasketch import MinHash

    out = []
    for t in texts:
        m = MinHash(num_perm=128)
        w = normalise(t).split()
        sh = [" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))] if w else []
        m.update_batch([s.encode("utf-8") for s in sh])
        out.append(m)
    return out


def cpu_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--families", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t = args.threshold

    docs, fam = build(args.families, args.seed)
    texts = [d.text for d in docs]
    n = len(docs)
    words = sum(len(normalise(x).split()) for x in texts)
    jac = exact_jaccard_pairs(texts)
    gold = {p for p, v in jac.items() if v >= t}
    same_family = {(i, j) for i in range(n) for j in range(i + 1, n) if fam[i] >= 0 and fam[i] == fam[j]}
    cross = sum(1 for (i, j) in gold if fam[i] != fam[j] or fam[i] < 0)
    near_bar = sum(1 for p in gold if jac[p] < t + 0.1)
    below = sum(1 for v in jac.values() if t - 0.2 <= v < t)

    sigs = signatures(texts)
    sets = shingle_sets(texts)
    bands, rows = lsh_params(t, sigs.shape[1])
    t0 = time.process_time()
    exact = near_duplicate_pairs(sigs, t, shingles=sets)
    t_exact = time.process_time() - t0
    estimated = near_duplicate_pairs(sigs, t)
    p_ex, r_ex = pr({(i, j) for i, j, _ in exact}, gold)
    p_es, r_es = pr({(i, j) for i, j, _ in estimated}, gold)

    t0 = time.process_time()
    res = link_duplicates(docs, t)
    t_link = time.process_time() - t0
    idx = {d.id: i for i, d in enumerate(docs)}
    by_origin: dict[str, list[int]] = {}
    for aid, o in res.origin_id.items():
        by_origin.setdefault(o, []).append(idx[aid])
    linked = {(min(a, b), max(a, b)) for ms in by_origin.values() for a in ms for b in ms if a < b}
    p_lg, r_lg = pr(linked, gold)
    p_lf, r_lf = pr(linked, same_family)
    dup_pairs = {(min(idx[a], idx[b]), max(idx[a], idx[b])) for a, b in res.duplicate_of.items()}
    wrong_dup = sum(1 for i, j in dup_pairs if fam[i] != fam[j] or fam[i] < 0)

    ours = cpu_time(lambda: signatures(texts), args.repeat)
    theirs = cpu_time(lambda: datasketch_signatures(texts), args.repeat)

    print(f"# Near-duplicate detection (families={args.families}, seed={args.seed}, threshold={t})\n")
    print(f"{n} documents, {words} words ({words / n:.0f}/doc), {sum(1 for f in fam if f < 0)} distractors; "
          f"gold pairs (exact 5-gram Jaccard >= {t}): {len(gold)} ({cross} across generator families); "
          f"generator-family pairs: {len(same_family)}; gold pairs with J < {t + 0.1:.1f}: {near_bar}; "
          f"pairs with {t - 0.2:.1f} <= J < {t}: {below}")
    print(f"LSH: {bands} bands x {rows} rows (P(candidate) at J={t}: {candidate_probability(t, bands, rows):.4f}, "
          f"J=0.5: {candidate_probability(0.5, bands, rows):.3f}, J=0.3: {candidate_probability(0.3, bands, rows):.3f})"
          f"\n")
    print("| method | pairs | precision | recall |")
    print("|---|---:|---:|---:|")
    print(f"| near_duplicate_pairs, exact Jaccard verification | {len(exact)} | {p_ex:.4f} | {r_ex:.4f} |")
    print(f"| near_duplicate_pairs, signature estimate only | {len(estimated)} | {p_es:.4f} | {r_es:.4f} |")
    print(f"| link_duplicates same origin, vs gold J>={t} | {len(linked)} | {p_lg:.4f} | {r_lg:.4f} |")
    print(f"| link_duplicates same origin, vs generator families | {len(linked)} | {p_lf:.4f} | {r_lf:.4f} |")
    print(f"\nduplicate_of links: {len(res.duplicate_of)}, pointing outside the generator family: {wrong_dup}; "
          f"groups: {len(res.groups)}; pair verification {t_exact:.3f} CPU-s; link_duplicates {t_link:.3f} CPU-s\n")
    print(f"| signatures (128 perms, word 5-grams) | CPU-s (median of {args.repeat}) | docs / CPU-s | speed-up |")
    print("|---|---:|---:|---:|")
    print(f"| datasketch MinHash(num_perm=128) + update_batch | {theirs:.3f} | {n / theirs:,.0f} | 1.0x |")
    print(f"| storyline.link.dedup.signatures | {ours:.3f} | {n / ours:,.0f} | {theirs / ours:.1f}x |")
    print(f"\npython {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")


if __name__ == "__main__":
    main()
