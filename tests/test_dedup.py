"""Near-duplicate families and syndication origins on small, realistic cases."""
import random

import numpy as np

from storyline.link.dedup import (DocInfo, candidate_probability, independent_sources, link_duplicates,
                                  lsh_params, near_duplicate_pairs, normalise, shingle_sets, signatures)

WIRE = """KYIV, Feb 18 (Reuters) - Ukraine and Russia exchanged 150 prisoners of war on Tuesday in a deal brokered by the United Arab Emirates, officials on both sides said, the first such swap since talks resumed in Riyadh last week.

President Volodymyr Zelenskiy said on Telegram that the freed soldiers included defenders of Mariupol and border guards who had been held for more than two years. "We remember every one of them," he wrote.

Russia's defence ministry said 150 Russian servicemen had been returned and were being flown to Moscow for medical treatment and rehabilitation. The ministry thanked the UAE for its mediation.

The exchange comes as U.S. and Russian officials prepare for further talks on ending the war. Ukrainian officials have complained that Kyiv was not invited to the first round of negotiations in Saudi Arabia.

Dmitry Peskov, the Kremlin spokesman, told reporters that no date had yet been set for a meeting between Vladimir Putin and Donald Trump, but that preparations were under way at the level of experts."""

OTHER = """KYIV, Feb 18 - Ukraine's energy ministry said on Tuesday that Russian drones had struck a gas production facility in the Poltava region overnight, the third attack on the country's gas infrastructure this month.

Energy Minister Herman Halushchenko said repair crews were working at the site and that supplies to households had not been interrupted. "The enemy is trying to leave us without gas before the end of winter," he said.

Naftogaz, the state energy company, said it had imported additional volumes from the European Union to cover the shortfall. Prisoners of war and the talks in Riyadh were also discussed by officials in Kyiv on Tuesday, the ministry added.

Analysts said repeated attacks could force Ukraine to increase imports by as much as a fifth before April."""


def wire_copies() -> list[DocInfo]:
    body = WIRE
    return [
        DocInfo("reuters-1", body, "Reuters", "2025-02-18T09:12:00Z"),
        DocInfo("courier-7", "World | Europe | Business | Opinion | Sport\n\n" + body.replace("KYIV, Feb 18 (Reuters) - ", "")
                + "\n\nRelated articles\nUkraine war: what we know on day 1,091\n"
                  "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
                "Daily Courier", "2025-02-18", syndicated_from="Reuters"),
        DocInfo("post-3", "Share this article\n\n" + body.replace("Tuesday", "Tuesday,") +
                "\n\nReporting by Max Hunder; Editing by Mark Heinrich\nMost read: Markets slide as tariffs loom",
                "Metro Post", "2025-02-18T14:00:00"),
    ]


def forum_and_aggregator() -> list[DocInfo]:
    paras = WIRE.split("\n\n")
    return [
        DocInfo("forum-9", "Reply to this topic\nPosted by kyivwatcher | Report post | Quote\n\n" + WIRE +
                "\n\nJoin the conversation: 41 replies. Log in to reply.\nReply to this topic", "Ukraine Forum",
                "2025-02-18", source_kind="forum"),
        DocInfo("agg-2", "\n\n".join(paras[:3]) + "\n\nRead the full story at Reuters. Trending now: oil prices",
                "NewsNow", "2025-02-18", source_kind="aggregator"),
        DocInfo("energy-4", OTHER, "Kyiv Independent", "2025-02-18"),
    ]


def test_shingles_and_signatures_are_deterministic():
    texts = [WIRE, OTHER, "", "Too short", WIRE.upper()]
    s1, s2 = signatures(texts), signatures(list(reversed(texts)))[::-1]
    assert s1.shape == (5, 128) and s1.dtype == np.uint32
    assert np.array_equal(s1, s2)
    assert np.array_equal(s1[0], s1[4])                      # case and punctuation are normalised
    assert np.all(s1[2] == 0xFFFFFFFF)                       # empty text: empty signature
    sets = shingle_sets(texts)
    words = normalise(WIRE).split()
    assert sets[0].size == len({" ".join(words[i:i + 5]) for i in range(len(words) - 4)})
    assert sets[3].size == 1 and sets[2].size == 0


def test_unicode_punctuation_is_normalised():
    a = "\u201cWe remember every one of them,\u201d he wrote \u2014 the Kremlin didn\u2019t comment. Caf\u00e9 owners agreed."
    b = '"We remember every one of them," he wrote - the Kremlin didn\'t comment. Caf\u00e9 owners agreed.'
    assert normalise(a) == normalise(b)
    sa, sb = shingle_sets([a, b])
    assert np.array_equal(sa, sb)


def test_lsh_parameters_for_07():
    bands, rows = lsh_params(0.7, 128)
    assert (bands, rows) == (32, 4)
    assert candidate_probability(0.7, bands, rows) > 0.999
    assert candidate_probability(0.2, bands, rows) < 0.06


def test_near_duplicate_pairs_finds_copies_not_neighbours():
    docs = wire_copies() + forum_and_aggregator()
    texts = [d.text for d in docs]
    pairs = near_duplicate_pairs(signatures(texts), 0.7, shingles=shingle_sets(texts))
    found = {(docs[i].id, docs[j].id) for i, j, _ in pairs}
    assert ("reuters-1", "post-3") in found or ("post-3", "reuters-1") in found
    assert not any("energy-4" in p for p in found)
    assert all(0.7 <= s <= 1.0 for *_, s in pairs)


def test_wire_story_forum_repost_and_aggregator_share_one_origin():
    docs = wire_copies() + forum_and_aggregator()
    res = link_duplicates(docs)
    family = ["agg-2", "courier-7", "forum-9", "post-3", "reuters-1"]
    assert res.groups == [family]
    for aid in family:
        assert res.origin_id[aid] == "reuters-1"
    # the agency's own page is the canonical version; copies point to it, never to themselves
    assert res.duplicate_of == {a: "reuters-1" for a in family if a != "reuters-1"}
    # the unrelated article on the same topic is its own origin and nobody's duplicate
    assert res.origin_id["energy-4"] == "energy-4" and "energy-4" not in res.duplicate_of
    assert all("energy-4" not in pair for pair in res.similarity)
    assert res.credit == {"reuters-1": "reuters"}
    assert independent_sources([d.id for d in docs], res) == 2
    assert independent_sources(["courier-7", "forum-9"], res) == 1
    assert independent_sources(["courier-7", "energy-4", "unknown"], res) == 3


def test_forum_repost_points_to_newspaper_original():
    original = DocInfo("times-1", OTHER, "Kyiv Independent", "2025-02-18")
    # the forum copy is longer (chrome) and even dated a day earlier (time zones): still not canonical
    forum = DocInfo("forum-1", "Reply to this topic\nPosted by user88 | Report post\n\n" + OTHER +
                    "\n\nReply to this topic\nThread tools Rate thread", "Forum", "2025-02-17", source_kind="forum")
    res = link_duplicates([forum, original])
    assert res.duplicate_of == {"forum-1": "times-1"}
    assert res.origin_id == {"forum-1": "times-1", "times-1": "times-1"}
    assert independent_sources(["forum-1", "times-1"], res) == 1


def test_truncated_aggregator_copy_is_linked_by_containment():
    paras = WIRE.split("\n\n")
    full = DocInfo("paper-1", WIRE, "Metro Post", "2025-02-18")
    lede = DocInfo("agg-1", "\n\n".join(paras[:2]) + "\n\nRead the full story at Metro Post", "Aggregator",
                   "2025-02-18", source_kind="aggregator")
    res = link_duplicates([full, lede])
    assert res.duplicate_of == {"agg-1": "paper-1"}
    assert res.similarity[("agg-1", "paper-1")] < 0.7               # Jaccard alone would miss it


def test_earliest_then_most_complete_is_canonical():
    a = DocInfo("a", WIRE, "Outlet A", "2025-02-19")
    b = DocInfo("b", WIRE, "Outlet B", "2025-02-18")               # exact duplicate, a day earlier
    c = DocInfo("c", "\n\n".join(WIRE.split("\n\n")[:4]), "Outlet C", "2025-02-18")   # same day, truncated
    res = link_duplicates([a, b, c])
    assert res.origin_id == {"a": "b", "b": "b", "c": "b"}
    assert res.similarity[("a", "b")] == 1.0


def test_same_credit_different_stories_stay_apart_but_count_once():
    d1 = DocInfo("w1", WIRE, "Courier", "2025-02-18", syndicated_from="Reuters")
    d2 = DocInfo("w2", OTHER, "Post", "2025-02-18", syndicated_from="REUTERS")
    d3 = DocInfo("w3", OTHER, "Herald", "2025-02-18")
    res = link_duplicates([d1, d2, d3])
    assert res.origin_id["w1"] == "w1" and res.origin_id["w2"] in ("w2", "w3")
    assert independent_sources(["w1", "w2"], res) == 1             # one agency, one source


def test_shuffled_input_gives_the_same_result():
    docs = wire_copies() + forum_and_aggregator() + [DocInfo("empty", "", None, None),
                                                      DocInfo("empty2", "  ", None, None)]
    ref = link_duplicates(docs)
    for seed in range(3):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        assert link_duplicates(shuffled) == ref
    assert set(ref.origin_id) == {d.id for d in docs}                 # never drops an article
    assert ref.origin_id["empty"] == "empty" and ref.origin_id["empty2"] == "empty2"


def test_sketches_made_one_text_at_a_time_give_the_same_families():
    """The page workers sketch each article on its own (link.dedup.text_sketches); the
    corpus stage then reads those sketches instead of hashing every text again. The
    result is the one made from the texts, exact duplicates included, and docs
    without a sketch get one."""
    from storyline.link.dedup import text_sketches

    docs = wire_copies() + forum_and_aggregator() + [DocInfo("copy", WIRE, "Mirror", "2025-02-19"),
                                                      DocInfo("empty", "", None, None)]
    ref = link_duplicates([DocInfo(d.id, d.text, d.outlet, d.published, d.syndicated_from, d.source_kind)
                           for d in docs])
    for d in docs[::2]:
        d.sketch = text_sketches([d.text])[0]
    assert link_duplicates(docs) == ref
    assert all(d.sketch is not None for d in docs)
    assert ref.duplicate_of["copy"] == "reuters-1"
    empty = next(d for d in docs if d.id == "empty")
    assert empty.sketch.digest is None and empty.sketch.shingles == 0
