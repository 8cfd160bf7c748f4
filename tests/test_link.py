"""Cross-article resolution: one entity per person despite spelling variants; no merging
of different people who share a surname or a first name."""
from storyline.analyse.names import compatible_people
from storyline.link.entities import LocalRef, resolve
from storyline.link.quotes import merge


def ref(article: str, name: str, key: str | None = None, roles=(), seq=0) -> LocalRef:
    from storyline.analyse.names import name_key

    return LocalRef(article, seq, "2025-02-18", 0, name, "PERSON", key or f"person:{name_key(name)}", None, None,
                    [name], list(roles))


def test_spelling_variants_are_one_person():
    pairs = [("Dmitri Peskov", "Dmitry S. Peskov"), ("Sergey Lavrov", "Sergei Lavrov"), ("Yuri Ushakov", "Yury Ushakov"),
             ("Steve Witkoff", "Steven Witkoff"), ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
             ("Mohammed bin Salman", "Mohammad bin Salman"), ("Vladimir V. Putin", "Vladimir Putin"),
             ("Andrij Jermak", "Andriy Yermak"), ("Sergej Lawrow", "Sergey Lavrov")]
    for a, b in pairs:
        assert compatible_people(a, b), (a, b)
        ents, links = resolve([ref("a1", a), ref("a2", b, seq=1)])
        assert len(ents) == 1, (a, b)


def test_people_sharing_a_surname_or_first_name_stay_apart():
    for a, b in [("Donald Trump", "Melania Trump"), ("Donald Trump", "Donald Trump Jr."),
                 ("Sergey Lavrov", "Sergey Ryabkov"), ("George H. W. Bush", "George W. Bush"),
                 ("Dmitry Peskov", "Dmitry Medvedev")]:
        assert not compatible_people(a, b), (a, b)
        ents, _ = resolve([ref("a1", a), ref("a2", b, seq=1)])
        assert len(ents) == 2, (a, b)


def test_a_surname_alone_joins_only_an_unambiguous_full_name():
    ents, links = resolve([ref("a1", "Anders Lindqvist"), ref("a2", "Lindqvist", seq=1)])
    assert len(ents) == 1
    ents, links = resolve([ref("a1", "Donald Trump"), ref("a2", "Melania Trump", seq=1), ref("a3", "Trump", seq=2)])
    assert len(ents) == 3  # ambiguous: left apart rather than guessed


def test_ids_do_not_depend_on_input_order_of_spelling_variants():
    a = [ref("a1", "Dmitri Peskov"), ref("a2", "Dmitry Peskov", seq=1)]
    b = [ref("a2", "Dmitry Peskov", seq=0), ref("a1", "Dmitri Peskov", seq=1)]
    assert {e.id for e in resolve(a)[0]} == {e.id for e in resolve(b)[0]}


def test_a_person_keeps_his_id_as_later_articles_name_him_more_fully():
    """Ids are cited by users and key the story memo: a later "Dmitry S. Peskov" or
    "Peskov" joins the cluster without renaming it; a namesake in another walk of life
    still gets an id of his own."""
    first = [ref("a1", "Dmitry Peskov"), ref("a2", "Donald Trump", seq=1)]
    (peskov,) = [e.id for e in resolve(first)[0] if e.name == "Dmitry Peskov"]
    later = first + [ref("a3", "Dmitry S. Peskov", seq=2), ref("a4", "Peskov", seq=3),
                     ref("a5", "Dmitry S. Peskov", seq=4)]
    ents, links = resolve(later)
    assert links[("a3", 0)] == links[("a4", 0)] == links[("a5", 0)] == peskov
    assert [e.name for e in ents if e.id == peskov] == ["Dmitry S. Peskov"]   # the name shown follows usage

    coach = ref("a6", "Dmitry Peskov", seq=5)
    coach.domain = "sport"
    politics = [ref("a1", "Dmitry Peskov")]
    politics[0].domain = "politics"
    ents, links = resolve(politics + [coach])
    assert len({links[("a1", 0)], links[("a6", 0)]}) == 2


def test_the_same_quote_in_several_articles_is_one_record():
    rows = [
        {"article_id": "a1", "start": 10, "end": 50, "text": "It was not a bad conversation,", "kind": "direct",
         "speaker": "Lavrov", "speaker_id": "E1", "cue": "said", "via": ["TASS", "The Daily Meridian"]},
        {"article_id": "a2", "start": 0, "end": 40, "text": "it was NOT a bad conversation", "kind": "direct",
         "speaker": None, "speaker_id": None, "cue": "said", "via": ["Forum"]},
    ]
    recs = merge(rows)
    assert len(recs) == 1 and recs[0].article_ids == ["a1", "a2"] and recs[0].speaker_id == "E1"
    assert [c["via"] for c in recs[0].chains] == [["TASS", "The Daily Meridian"], ["Forum"]]


def test_blocking_by_surname_gives_the_clusters_of_comparing_every_pair():
    """The resolver compares a full name only with clusters of its surname block;
    on a mix of variants, namesakes and romanisations that equals the greedy
    clustering over all clusters."""
    import itertools

    given = ["Sergey", "Sergei", "Sergej", "S.", "Dmitry", "Dmitri", "Andriy", "Andrij", "Maria", "M."]
    surnames = ["Lavrov", "Lawrow", "Peskov", "Yermak", "Jermak", "Ermak", "Zakharova", "Sacharowa", "Lavrova"]
    names = [f"{g} {s}" for g, s in itertools.product(given, surnames)]
    names = names[::3] + names[1::3] + names[2::3]       # interleave, so blocks fill in mixed order
    refs = [ref(f"a{i}", n, seq=i) for i, n in enumerate(names)]
    _ents, links = resolve(refs)
    # the reference: every name compared with every earlier cluster
    clusters: list[list[str]] = []
    for n in names:
        home = next((c for c in clusters if all(compatible_people(n, o) for o in c[:8])), None)
        (home.append(n) if home else clusters.append([n]))
    want = {frozenset(c) for c in clusters}
    got: dict[str, set] = {}
    for i, n in enumerate(names):
        got.setdefault(links[(f"a{i}", 0)], set()).add(n)
    assert {frozenset(c) for c in got.values()} == want
    assert len(want) > 5
