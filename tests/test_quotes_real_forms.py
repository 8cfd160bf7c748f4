"""Quotes in the forms real news pages use: every quote-mark and apostrophe style,
the reporting chains of wire copy, pronoun and description speakers with one and
with two candidates, and an agency citing a person. Pages written here."""
import pytest

from storyline.analyse import analyse_article
from storyline.analyse.quote_marks import find_quote_spans
from storyline.analyse.typography import flat, normalise
from storyline.model import Article


def analyse(text: str) -> Article:
    art = Article(id="a1", page_id="p1", source="t", url=None, outlet="The Daily Meridian", title=None,
                  published="2025-02-19", published_source=None, language="en", author=None, text=text)
    return analyse_article(art)


def quote(art: Article, fragment: str):
    found = [q for q in art.quotes if fragment in q.text]
    assert found, f"no quote with {fragment!r} in {[q.text for q in art.quotes]}"
    return found[0]


def name(art: Article, q) -> str | None:
    return art.entities[q.speaker_entity].name if q.speaker_entity is not None else None


# ---------------------------------------------------------------- typography

def test_normalised_view_maps_every_offset_back():
    text = "«Oui»,\u00a0dit-il \u2014 inter\u00adnational ''twice'' ‹ja› 5″"
    view = normalise(text)
    assert view.text == "\"Oui\", dit-il - international \"twice\" 'ja' 5\""
    for i, ch in enumerate(view.text):
        orig = text[view.orig(i)]
        assert flat(orig) == ch or (ch == '"' and orig == "'"), (i, ch, orig)
    s = view.text.index("international")
    assert text[slice(*view.orig_span(s, s + len("international")))] == "inter\u00adnational"
    assert len(flat(text)) == len(text)


@pytest.mark.parametrize("open_,close", [
    ("“", "”"), ('"', '"'), ("“", '"'), ('"', "”"), ("„", "“"), ("«", "»"), ("»", "«"), ("‹", "›"),
    ("‘", "’"), ("''", "''"), ("″", "″"), ("“", "“"),
])
def test_every_quote_mark_style_finds_the_quote_and_its_speaker(open_, close):
    text = f"{open_}We are not in a hurry to respond to this,{close} Sergei Ryabkov said on Tuesday."
    art = analyse(text)
    q = quote(art, "We are not in a hurry")
    assert q.kind == "direct" and name(art, q) == "Sergei Ryabkov"
    assert art.text[q.start:q.end] == q.text == "We are not in a hurry to respond to this,"


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "′", "`"])
def test_apostrophes_inside_a_quote_do_not_end_it(apostrophe):
    text = (f"“We don{apostrophe}t accept Lavrov{apostrophe}s terms and the voters{apostrophe} choice is clear,” "
            f"Sergei Ryabkov said.")
    art = analyse(text)
    q = quote(art, "choice is clear")
    assert q.text.startswith("We don") and name(art, q) == "Sergei Ryabkov"


def test_nbsp_soft_hyphen_and_dashes_around_a_quote():
    text = "“The sanc\u00adtions \u2014 all of them \u2013 changed nothing,”\u00a0Sergei\u00a0Ryabkov said."
    art = analyse(text)
    q = quote(art, "changed nothing")
    assert art.text[q.start:q.end] == q.text and "\u00ad" in q.text
    assert q.speaker is not None and "Ryabkov" in q.speaker


def test_nyt_double_apostrophes_with_a_quote_inside():
    text = "''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said. ''It is all lies.''"
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans == ["We are told all the time, 'Kosovo is a special case,'", "It is all lies."]
    art = analyse(text)
    assert quote(art, "We are told").speaker == "Mr. Putin"


def test_mixed_marks_as_typed_still_pair():
    text = '“I heard parts of the speech," Trump said. "He wants to give away our country, folks.”'
    assert [text[s:e] for s, e in find_quote_spans(text)] == [
        "I heard parts of the speech,", "He wants to give away our country, folks."]


def test_a_title_in_quotes_is_not_a_statement():
    art = analyse("The senator appeared on “Meet the Press” and later on “Fox News Sunday.”")
    assert art.quotes == []


def test_one_word_quote_with_its_cue():
    art = analyse("Asked whether he would run again, Senator Mark Ellison smiled. “Absolutely,” Ellison said.")
    q = quote(art, "Absolutely")
    assert q.kind == "direct" and q.speaker == "Ellison"


# ---------------------------------------------------------------- chains

CHAINS = [
    ("Moscow will respond to the sanctions, Lavrov’s deputy Sergei Ryabkov said, TASS reports.", "TASS"),
    ("Moscow will respond to the sanctions, Lavrov's deputy Sergei Ryabkov said, TASS reports.", "TASS"),
    ("Moscow will respond to the sanctions, Sergei Ryabkov said, as reported by RIA Novosti.", "RIA Novosti"),
    ("Moscow will respond to the sanctions, the Interfax news agency reported, citing Deputy Foreign Minister "
     "Sergei Ryabkov.", "Interfax"),
    ("According to the TASS news agency, Sergei Ryabkov said Moscow will respond to the sanctions.", "TASS"),
    ("Sergei Ryabkov told state media that Moscow will respond to the sanctions.", "state media"),
    ("TASS quoted Deputy Foreign Minister Sergei Ryabkov as saying that Moscow will respond to the sanctions.",
     "TASS"),
]


@pytest.mark.parametrize("text,medium", CHAINS)
def test_each_chain_form_names_the_person_and_the_medium(text, medium):
    art = analyse(text)
    q = quote(art, "Moscow will respond to the sanctions")
    assert name(art, q) == "Sergei Ryabkov", (q.speaker, q.via)
    assert medium in q.via
    assert "said" not in q.text and "reported" not in q.text and "Ryabkov" not in q.text


def test_agency_cites_a_person_the_person_speaks():
    art = analyse("The state news agency RIA Novosti cited Kremlin spokesman Dmitry Peskov as saying the talks "
                  "in Riyadh were useful.")
    q = quote(art, "the talks in Riyadh were useful")
    assert name(art, q) == "Dmitry Peskov" and q.via == ["RIA Novosti"]


def test_a_direct_quote_carries_the_agency_of_its_speaker_s_attribution():
    art = analyse("Moscow will respond to the sanctions, Lavrov’s deputy Sergei Ryabkov said, TASS reports. "
                  "“We are not in a hurry,” Ryabkov noted.")
    q = quote(art, "We are not in a hurry")
    assert name(art, q) == "Sergei Ryabkov" and q.via == ["TASS"]


def test_an_agency_reporting_on_its_own_is_the_source_not_its_own_chain():
    art = analyse("The Interfax news agency reported that the talks in Riyadh had stalled.")
    q = quote(art, "the talks in Riyadh had stalled")
    assert "Interfax" in q.speaker and q.via == []


# ---------------------------------------------------------------- pronouns and descriptions

def test_pronoun_with_one_candidate_resolves():
    art = analyse("Senator Mark Ellison spoke after the vote.\n“We will not give up on this bill,” he said.")
    q = quote(art, "We will not give up")
    assert q.speaker == "he" and name(art, q) == "Mark Ellison"


def test_pronoun_with_two_candidates_of_the_same_gender_stays_unresolved():
    art = analyse("Mark Ellison met Thomas Brandt after the vote, and the two spoke for an hour.\n"
                  "“We will not give up on this bill,” he said.")
    q = quote(art, "We will not give up")
    assert q.speaker == "he" and q.speaker_entity is None


def test_pronoun_agreement_picks_the_one_candidate_who_fits():
    art = analyse("Hillary Clinton met Donald Trump backstage before the debate.\n"
                  "“Some people feel the race is already over,” she said.")
    q = quote(art, "Some people feel")
    assert q.speaker == "she" and name(art, q) == "Hillary Clinton"


def test_pronoun_that_fits_nobody_stays_unresolved():
    art = analyse("Donald Trump spoke to reporters in Iowa.\n“The race is already over,” she said.")
    q = quote(art, "The race is already over")
    assert q.speaker == "she" and q.speaker_entity is None


def test_description_speaker_with_one_candidate():
    art = analyse("Dmitry Peskov, the Kremlin spokesman, briefed reporters on Monday. "
                  "“No date has been set for a summit,” the Kremlin spokesman said.")
    q = quote(art, "No date has been set")
    assert name(art, q) == "Dmitry Peskov"


def test_i_and_we_are_never_resolved_speakers():
    art = analyse("“I think we will win this one,” I said to the driver.")
    for q in art.quotes:
        assert q.speaker_entity is None


def test_according_to_a_medium_alone_is_its_statement_but_a_link_when_a_person_speaks():
    art = analyse("According to CNN, the campaign spent two million dollars on ads in Iowa.")
    assert quote(art, "the campaign spent two million dollars").speaker == "CNN"
    art = analyse("According to TASS, Sergei Ryabkov said Moscow will respond to the sanctions.")
    q = quote(art, "Moscow will respond")
    assert name(art, q) == "Sergei Ryabkov" and q.via == ["TASS"]


def test_a_poll_finding_is_attributed_to_the_poll_but_a_video_showing_is_not_speech():
    art = analyse("A new Quinnipiac poll shows that Clinton leads Trump by five points in Ohio.")
    assert "poll" in quote(art, "Clinton leads Trump by five points").speaker
    assert analyse("The video shows him walking out of the room after the vote.").quotes == []


def test_the_addressee_and_words_inside_the_quote_are_never_the_speaker():
    art = analyse("“Yes, I support Ted Cruz,” Brent Bozell, founder of the Media Research Center, tells Breitbart News "
                  "in an exclusive interview.")
    q = quote(art, "I support Ted Cruz")
    assert "Bozell" in (q.speaker or "") and "Breitbart" not in (q.speaker or "")
    art = analyse("“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, told AFP "
                  "in an interview in Mexico City on Monday.")
    q = quote(art, "We were tremendously wrong")
    assert q.speaker != "We" and "AFP" not in (q.speaker or "")


# ---------------------------------------------------------------- relative-clause speakers

def test_a_relative_clause_speaker_is_the_person_it_is_about():
    """"..., who said:" names its speaker through the noun the clause hangs on; the
    quote keeps the article's own word for the speaker ("who")."""
    art = analyse("Pfizer's chief executive opened the summit in Kigali on Wednesday. Appearing alongside him was "
                  "Paul Kagame, the president of Rwanda, who said: “Rapid and affordable access to vaccines is the "
                  "cornerstone of global health equity.”")
    q = quote(art, "cornerstone of global health")
    assert q.speaker == "who" and name(art, q) == "Paul Kagame"


def test_a_relative_pronoun_after_a_clause_is_not_pinned_on_its_last_noun():
    """"– which suggests that ..." is about the whole clause before it, which the parser
    hangs on a noun further back (the bridge, tagged as an organisation): never the bridge."""
    art = analyse("A record number of cars crossed the Crimea Bridge that links Crimea to Russia – which suggests that "
                  "people are leaving the peninsula before the fighting reaches it, analysts said.")
    for q in art.quotes:
        assert q.speaker_entity is None or "Bridge" not in art.entities[q.speaker_entity].name, q
