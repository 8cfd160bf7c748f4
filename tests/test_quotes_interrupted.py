"""An interrupted quote (“A,” he said. “B.”) is one statement: storyline exports one
quote whose text is the parts joined and whose span runs from the first part to the
last, with each part listed. Two speakers back to back, two cues, two paragraphs or a
narrative sentence between keep two quotes. Pages written here."""
import json

from storyline.analyse import analyse_article
from storyline.model import Article


def analyse(text: str) -> Article:
    art = Article(id="a1", page_id="p1", source="t", url=None, outlet="The Daily Meridian", title=None,
                  published="2025-02-19", published_source=None, language="en", author=None, text=text)
    return analyse_article(art)


def direct(art: Article):
    return [q for q in art.quotes if q.kind == "direct"]


def name(art: Article, q) -> str | None:
    return art.entities[q.speaker_entity].name if q.speaker_entity is not None else None


def assert_parts_cite_the_page(art: Article, q, *fragments):
    assert len(q.parts) == len(fragments)
    for (start, end), fragment in zip(q.parts, fragments):
        assert art.text[start:end] == fragment
    assert (q.start, q.end) == (q.parts[0][0], q.parts[-1][1])
    assert q.text == " ".join(fragments)


def test_said_between_two_sentences_makes_one_quote():
    text = ("Governor Maria Ellison defended the plan at a press conference in Albany. "
            "“We will not back down on the budget,” Ellison said on Tuesday. "
            "“The schools stay open and the teachers get paid.”")
    art = analyse(text)
    [q] = direct(art)
    assert_parts_cite_the_page(art, q, "We will not back down on the budget,",
                               "The schools stay open and the teachers get paid.")
    assert name(art, q) == "Maria Ellison" and q.cue == "said"
    assert "Ellison said" not in q.text       # the content only, without its attribution clause


def test_he_added_between_parts_of_one_sentence():
    text = ("Senator Tom Harwick spoke to reporters outside the Capitol. "
            "“This bill is dead on arrival,” he added, “and everyone in this building knows it.”")
    art = analyse(text)
    [q] = direct(art)
    assert_parts_cite_the_page(art, q, "This bill is dead on arrival,", "and everyone in this building knows it.")
    assert name(art, q) == "Tom Harwick" and q.speaker == "he"


def test_a_title_is_no_sentence_end_and_a_second_cue_opens_a_second_statement():
    text = ("“We have the votes,” said Mr. Harwick. “We had them last week.” "
            "“We will have them next week,” he said, “whatever the governor thinks.”")
    art = analyse(text)
    first, second = direct(art)
    assert_parts_cite_the_page(art, first, "We have the votes,", "We had them last week.")
    assert_parts_cite_the_page(art, second, "We will have them next week,", "whatever the governor thinks.")
    assert name(art, first) == name(art, second) == "Harwick"


def test_two_speakers_back_to_back_are_not_joined():
    text = ("“We will not back down on the budget,” Governor Maria Ellison said. "
            "“That is simply not true,” replied Senator Tom Harwick, her opponent in the race.")
    art = analyse(text)
    qs = direct(art)
    assert len(qs) == 2 and not any(q.parts for q in qs)
    assert [name(art, q) for q in qs] == ["Maria Ellison", "Tom Harwick"]


def test_each_part_with_its_own_cue_stays_two_statements():
    text = ("“We will not back down on the budget,” Governor Maria Ellison said. "
            "“The schools stay open,” she added later in the evening.")
    art = analyse(text)
    qs = direct(art)
    assert len(qs) == 2 and not any(q.parts for q in qs)
    assert {q.cue for q in qs} == {"said", "added"}


def test_parts_in_two_paragraphs_or_with_narrative_between_are_not_joined():
    paragraphs = ("“We will not back down on the budget,” Governor Maria Ellison said.\n\n"
                  "“The schools stay open.”")
    narrative = ("“We will not back down on the budget,” Governor Maria Ellison said. The crowd cheered "
                 "for several minutes. Protesters outside the building chanted slogans. “The schools stay open.”")
    for text in (paragraphs, narrative):
        qs = direct(analyse(text))
        assert qs and not any(q.parts or "schools" in q.text and "budget" in q.text for q in qs), text


def test_export_lists_the_parts_beside_the_contract_fields(tmp_path):
    from storyline.pipeline import build
    from storyline.store import Store

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "budget.txt").write_text(
        "Budget fight in Albany\n\n"
        "Governor Maria Ellison defended the plan at a press conference on Tuesday.\n\n"
        "“We will not back down on the budget,” Ellison said. “The schools stay open.”\n\n"
        "“That is simply not true,” replied Senator Tom Harwick, her opponent.\n", encoding="utf-8")
    store = str(tmp_path / "s.duckdb")
    build([str(pages)], store, workers=1)
    with Store(store, read_only=True) as st:
        assert st.QUOTE_FIELDS[:9] == ["id", "text", "kind", "speaker_id", "speaker", "cue", "via",
                                       "article_ids", "spans"]
        rows = st.quote_rows()
        text = st.article_rows()[0]["text"]
    by_text = {r["text"]: r for r in rows}
    joined = by_text["We will not back down on the budget, The schools stay open."]
    [span] = joined["spans"]
    assert [text[a:b] for a, b in span["parts"]] == ["We will not back down on the budget,", "The schools stay open."]
    assert (span["start"], span["end"]) == (span["parts"][0][0], span["parts"][-1][1])
    assert span["speaker_text"] == "Ellison" and joined["speaker"] == "Maria Ellison"
    single = by_text["That is simply not true,"]
    assert "parts" not in single["spans"][0]
    json.dumps(rows)     # the export writes them as JSON


# ---------------------------------------------------------------- speakers of US news forms

def test_speaker_forms_of_us_news_copy():
    cases = [
        ("In Berea, OH, after winning the primary, Gov. John Kasich (R-OH), said, "
         "“I’m getting ready to rent a covered wagon to California.”", "John Kasich"),
        ("\"The risk,\" said Edward Leamer, an economist who directs the UCLA Anderson Forecast, "
         "\"is that we're going to be attracting workers and repelling jobs.\"", "Edward Leamer"),
        ("“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, "
         "told AFP in an interview in Mexico City on Monday.", "Ramos"),
        ("“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside Clinton "
         "adviser, said at a recent event on the economy in Iowa.", "Gene Sperling"),
    ]
    for text, speaker in cases:
        art = analyse(text)
        [q] = direct(art)
        assert name(art, q) == speaker, (text, q)


def test_colon_lead_in_names_the_speaker_over_an_earlier_turn():
    text = ("“They cannot be trusted,” Senator Ann Corbett said.\n\n"
            "When the moderators turned to snark, Ted Cruz called them on it:\n\n"
            "“The questions asked in this debate illustrate why the American people don’t trust the media.”\n\n"
            "Cruz continued:\n\n"
            "“You look at the questions and you see the bias.”")
    art = analyse(text)
    speakers = [name(art, q) for q in direct(art)]
    assert speakers == ["Ann Corbett", "Ted Cruz", "Ted Cruz"]


def test_a_verb_that_only_introduces_quotes_is_their_cue():
    art = analyse("Thousands filled the arena in Tampa. “Lock her up!” the crowd chanted as Donald Trump "
                  "took the stage.")
    [q] = direct(art)
    assert q.cue == "chanted" and q.speaker == "the crowd"


def test_a_title_in_quotes_is_no_statement_but_a_shout_is():
    art = analyse("Trump, who became famous as the host of “The Apprentice,” said he would win the state.")
    assert not direct(art)
    art = analyse("“Lock Her Up!” the crowd chanted as Donald Trump took the stage in Tampa.")
    assert [q.text for q in direct(art)] == ["Lock Her Up!"]


# ---------------------------------------------------------------- reported speech

def indirect(art: Article):
    return [q for q in art.quotes if q.kind == "indirect"]


def test_an_attribution_inside_the_sentence_it_attributes_gives_two_parts():
    art = analyse("Otherwise, Janet Yellen said, countries may simply steal growth from one another.")
    [q] = indirect(art)
    assert [art.text[a:b] for a, b in q.parts] == ["Otherwise", "countries may simply steal growth from one another"]
    assert q.text == "Otherwise countries may simply steal growth from one another"
    assert name(art, q) == "Janet Yellen"


def test_short_sentences_around_an_attribution():
    art = analyse("The solution, the senior partner told them, was simple.")
    [q] = indirect(art)
    assert q.text == "The solution was simple" and len(q.parts) == 2
    art = analyse("But, Ben Carson said, it is a risky strategy at a time of rising doubts.")
    [q] = indirect(art)
    assert q.text.startswith("it is a risky strategy") and not q.parts


def test_a_chain_after_the_attribution_is_no_second_part():
    art = analyse("Moscow will respond to the sanctions, Sergei Ryabkov said, as reported by RIA Novosti.")
    [q] = [q for q in art.quotes if "respond" in q.text]
    assert not q.parts and "RIA" not in q.text


def test_reported_clause_after_a_direct_quote_in_the_same_sentence():
    art = analyse("“They have a global strategy,” Ben Carson said of the terrorist group, adding that the "
                  "United States must be equally global to match it.")
    [d] = direct(art)
    [i] = indirect(art)
    assert d.text == "They have a global strategy," and i.text.startswith("the United States must be")
    assert name(art, d) == name(art, i) == "Ben Carson"


def test_a_newspaper_reporting_a_clause_with_a_verb_of_saying_inside_it_is_the_speaker():
    art = analyse("The New York Times reported the email came hours after Donald Trump proposed a ban on travel.")
    [q] = indirect(art)
    assert q.speaker == "The New York Times" and q.text.startswith("the email came")


def test_said_with_a_gerund_clause():
    art = analyse("Manny Gomez said seeing so many police officers at the parade was a welcome sight.")
    [q] = indirect(art)
    assert q.text.startswith("seeing so many police officers") and name(art, q) == "Manny Gomez"


def test_a_name_inside_the_quote_is_no_candidate_for_its_pronoun_speaker():
    text = ("Susan Sarandon spoke to MSNBC on Monday.\n\n"
            "“I think Bernie would encourage people to back Hillary Clinton if he lost,” she said.")
    art = analyse(text)
    [q] = direct(art)
    assert q.speaker == "she" and name(art, q) in (None, "Susan Sarandon")


def test_a_quoted_phrase_after_a_verb_that_introduces_quotes_is_mixed_speech():
    art = analyse("Hillary Clinton accused Bernie Sanders of subjecting her to an “artful smear” over her "
                  "Wall Street links.")
    [q] = [q for q in art.quotes if q.kind == "mixed"]
    assert "“artful smear”" in q.text and name(art, q) == "Hillary Clinton" and q.cue == "accused"


def test_an_opening_phrase_before_the_speaker_is_not_what_was_said():
    art = analyse("Speaking at a campaign rally in Florida on Wednesday, Donald Trump said.")
    assert not art.quotes
    art = analyse("Asked about the merger, Tom Harwick said the deal would close in March.")
    [q] = art.quotes
    assert q.text == "the deal would close in March" and q.cue == "said"
