"""Events with the long tail of verbs (issue 14): cue verbs beyond the first lexicon, the learned
type model as a back-off where the rules know no verb, and what neither may code as an act.
Sentences written for these tests (not from the gold sets)."""
from __future__ import annotations

import pytest

from storyline.analyse import nlp, parse_text
from storyline.analyse.entities import extract_entities
from storyline.analyse import event_model
from storyline.analyse.events import MODEL_VETO, USE_MODEL, extract_events, main_event, sentence_features

PUB = "2025-03-19"


@pytest.fixture(scope="module")
def analyse():
    pipe = nlp()

    def run(text: str):
        doc = pipe(parse_text(text))
        entities, mentions = extract_entities(doc, PUB)
        events = extract_events(doc, entities, mentions, [], PUB)
        return events, main_event(events), doc
    return run


@pytest.mark.parametrize("text,typ", [
    ("Security forces rounded up forty students after the march.", "COERCE"),
    ("Port authorities impounded two trawlers fishing illegally.", "COERCE"),
    ("The regime incarcerated the dissident poet.", "COERCE"),
    ("The junta muzzled the independent press.", "COERCE"),
    ("The prime minister ruled out early elections on Sunday.", "REJECT"),
    ("Kenyan and Ugandan police exchanged intelligence on the smuggling ring.", "COOPERATE"),
    ("The militia disbanded its units in the north.", "RETREAT"),
    ("Soldiers slaughtered dozens of villagers in the valley.", "ASSAULT"),
    ("The foreign minister exhorted the two sides to show restraint.", "REQUEST"),
    ("The senator championed the opposition leader's cause.", "SUPPORT"),
    ("The rebels capitulated after a week of shelling.", "CONCEDE"),
    ("Negotiators from both sides convened in Geneva on Monday.", "CONSULT"),
])
def test_long_tail_verbs_are_typed(analyse, text, typ):
    ev = analyse(text)[1]
    assert ev is not None and ev.plover_type == typ, (ev.plover_type if ev else None, text)


def test_planned_and_held_with_a_long_tail_verb(analyse):
    held = analyse("Negotiators from both sides convened in Geneva on Monday.")[1]
    planned = analyse("Negotiators from both sides will convene in Geneva next week.")[1]
    assert held.type == "CONSULT" and held.modality == "asserted"
    assert planned.type == "CONSULT" and planned.modality == "planned"
    assert planned.plover_type == "AGREE"        # the PLOVER manual codes a promised meeting AGREE


@pytest.mark.skipif(not USE_MODEL or event_model._model() is None, reason="no type model shipped")
def test_model_backs_off_on_a_verb_the_rules_do_not_know(analyse):
    events, ev, _doc = analyse("Peacekeepers escorted the food convoy to the besieged town.")
    assert ev is not None and ev.plover_type == "AID"
    assert ev.source_text and "Peacekeepers" in ev.source_text


def test_the_models_none_adds_no_event_and_drops_the_rules_only_when_sure(analyse, monkeypatch):
    """The model has a NONE class (real corpus sentences that report no act): where it says NONE
    the back-off adds nothing; a rule's event is dropped only when NONE is MODEL_VETO sure and no
    state, people or political actor is a party to it; an unsure NONE neither drops nor retypes."""
    company = "The company accused its rival of copying the design."
    assert analyse(company)[1].plover_type == "ACCUSE"
    sure = {"NONE": 0.99, "AID": 0.006, "ACCUSE": 0.004}
    monkeypatch.setattr(event_model, "_probabilities", lambda feats: dict(sure))
    assert analyse("Peacekeepers escorted the food convoy to the besieged town.")[0] == []
    assert analyse(company)[0] == []
    ev = analyse("Soldiers slaughtered dozens of villagers in the valley.")[1]
    assert ev is not None and ev.plover_type == "ASSAULT"        # soldiers: a political actor
    unsure = {"NONE": MODEL_VETO - 0.05, "AID": 1.05 - MODEL_VETO}
    monkeypatch.setattr(event_model, "_probabilities", lambda feats: dict(unsure))
    assert analyse(company)[1].plover_type == "ACCUSE"


@pytest.mark.skipif(not USE_MODEL or event_model._model() is None, reason="no type model shipped")
@pytest.mark.parametrize("text,kept", [
    ("Domestic car sales declined 8 pct in April from a year earlier, the carmaker said.", None),
    ("The company said it had agreed to buy a rival packaging maker for 40 mln dlrs.", None),
    ("The singer went down on one knee to propose to his girlfriend on stage.", None),
    ("Police arrested four men after the attack on the embassy.", "COERCE"),
    ("Nine people who ran a sham marriage ring in Leicester were jailed for a total of 14 years.", "COERCE"),
    ("The foreign minister condemned the shelling of the town.", "ACCUSE"),
    ("Rebels attacked an army convoy near the border, killing six soldiers.", "ASSAULT"),
    ("The two leaders will meet in Geneva next week.", "AGREE"),
    ("The minister urged both sides to return to the negotiating table.", "REQUEST"),
])
def test_the_shipped_model_drops_business_and_private_acts_and_keeps_political_ones(analyse, text, kept):
    """Sales that "declined", a company's deal, a marriage proposal: verbs the rules type, in sentences
    that report no PLOVER act; the model's NONE drops them and leaves the actors' acts alone."""
    ev = analyse(text)[1]
    assert (ev.plover_type if ev else None) == kept, text


@pytest.mark.parametrize("text", [
    "The company's shares closed 3 per cent lower on Friday.",
    "Mr. Peskov, speaking to journalists in Moscow, struck a cautious note.",
    "Washington must understand that no one will talk to Russia in the language of ultimatums.",
    "The film took the top prize at the festival on Saturday.",
    "Syrian refugees arrived in Germany on Monday.",
])
def test_no_act_from_idioms_or_non_actors(analyse, text):
    events = analyse(text)[0]
    assert not [e for e in events if e.type in ("ASSAULT", "SANCTION", "CONSULT", "COERCE")], \
        [(e.type, e.trigger) for e in events]


def test_model_prediction_is_deterministic_and_a_probability(analyse):
    doc = analyse("Rioters looted shops in the city centre.")[2]
    feats = sentence_features(next(iter(doc.sents)))
    a, b = event_model.predict(feats), event_model.predict(list(feats))
    assert a == b
    if a is not None:
        assert 0.0 < a[1] <= 1.0


@pytest.mark.parametrize("text,typ,mode", [
    ("The army lifted its siege of the town on Monday.", "RETREAT", "withdraw"),
    ("Rebel fighters abandoned their positions near the airport.", "RETREAT", "withdraw"),
    ("The foreign minister left for Beijing on Sunday.", "CONSULT", "visit"),
    ("Dockers walked off the job on Friday over pay.", "PROTEST", "strike"),
    ("The court quashed the ban on the party.", "CONCEDE", None),
    ("Prisoners refused food for a third day.", "PROTEST", "hunger"),
    ("Army tanks rolled into the capital on Tuesday.", "MOBILIZE", "troops"),
    ("The ministry handed a protest note to the ambassador.", "ACCUSE", "disapprove"),
])
def test_constructions_of_the_long_tail(analyse, text, typ, mode):
    ev = analyse(text)[1]
    assert ev is not None and ev.plover_type == typ and ev.plover_mode == mode, \
        ((ev.plover_type, ev.plover_mode) if ev else None, text)


def test_a_conditional_warning_is_a_threat_made_when_it_is_said(analyse):
    ev = analyse("Iran said it would close the Strait of Hormuz if it were attacked.")[1]
    assert ev is not None and ev.type == "THREATEN" and ev.modality == "asserted"
    ev = analyse("The junta warned the newspapers that their offices would be closed if they printed the statement.")[1]
    assert ev is not None and ev.type == "THREATEN"


def test_a_business_plan_under_a_condition_is_no_threat(analyse):
    events = analyse("The company said it would close two factories if demand kept falling.")[0]
    assert not [e for e in events if e.type in ("THREATEN", "COERCE", "SANCTION")]
