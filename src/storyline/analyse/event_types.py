"""The PLOVER event types as one table, used by analysis (analyse/events.py) and linking
(link/events.py) alike.

One row per type: its quad category, whether PLOVER requires a recipient, whether the order
of actor and recipient matters (symmetric types merge "A met B" with "B met A"), how PLOVER
codes the type when the act is planned or promised (future form), its modes, and its cue
verbs (lemma, optionally ":mode"): verbs that are a trigger of that type by themselves. Verbs
whose type depends on their complements ("sent troops" / "sent aid", "lifted sanctions") are
listed once in OBJECT_TYPED_VERBS; analyse/events.py types them from their objects.

Source of the definitions: the PLOVER manual (2021), ../shared/ontology/plover/PLOVER_MANUAL.tex:
"Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future tense ...
should be coded as AGREE"; "announcements of future retreats should be coded as CONCEDE".
storyline keeps the act itself as the event type (a planned visit is CONSULT with modality
"planned", so a timeline does not show it as an agreement); plover_type() gives the manual's
coding for export and for scoring against PLOVER-coded gold.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: str                      # PLOVER quad category
    requires_recipient: bool       # PLOVER manual, "Requires recipient"
    symmetric: bool                # actor/recipient order does not matter when linking reports
    future_as: str | None          # PLOVER coding of the planned / promised act (None: unchanged)
    modes: tuple[str, ...]
    verbs: dict[str, str | None] = field(default_factory=dict)   # cue lemma -> mode


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


def _cues(spec: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in spec.split():
        lem, _, mode = item.partition(":")
        out[lem] = mode or None
    return out


_VC, _MC, _VX, _MX = "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("AGREE", _VC, False, True, None, (),
              _cues("agree promise pledge offer propose invite accept commit vow consent volunteer")),
    EventType("CONSULT", _VC, False, True, "AGREE", ("visit", "third-party", "multilateral", "phone"),
              _cues("meet visit:visit host negotiate discuss phone:phone telephone:phone consult confer talk speak "
                    "mediate:third-party convene converse")),
    EventType("SUPPORT", _VC, False, False, "AGREE", (),
              _cues("support back endorse praise commend welcome hail applaud congratulate thank recognize "
                    "recognise ratify sign defend laud salute extol normalize normalise champion acclaim compliment initial "
                    "apologize apologise")),
    EventType("CONCEDE", _VC, False, False, None, (),
              _cues("pardon acquit concede relent forgive accede legalize legalise unban yield acquiesce "
                    "capitulate")),
    EventType("COOPERATE", _MC, True, True, "AGREE", (),
              _cues("cooperate collaborate extradite export pool coordinate")),
    EventType("AID", _MC, True, False, "AGREE", (),
              _cues("aid donate fund finance rescue airdrop disburse lend loan shelter subsidize subsidise")),
    EventType("RETREAT", _MC, False, False, "CONCEDE",
              ("withdraw", "release", "return", "disarm", "access", "ceasefire", "resign"),
              _cues("retreat:withdraw resign:resign release:release free:release disarm:disarm surrender:disarm "
                    "quit:resign demobilize:disarm demobilise:disarm decommission:disarm cede:withdraw "
                    "repatriate:return vacate:withdraw disband:disarm dismantle:disarm")),
    EventType("REQUEST", _VX, False, False, None, ("assist", "change", "yield", "meet"),
              _cues("demand urge request appeal ask press implore seek plead beg petition exhort entreat")),
    EventType("ACCUSE", _VX, False, False, None, ("disapprove", "investigate", "allege"),
              _cues("accuse:allege blame:allege condemn:disapprove criticize:disapprove criticise:disapprove "
                    "denounce:disapprove decry:disapprove deplore:disapprove rebuke:disapprove censure:disapprove "
                    "reprimand:disapprove slam:disapprove lambast:disapprove lambaste:disapprove allege:allege "
                    "charge:allege indict:allege sue:allege prosecute:allege investigate:investigate "
                    "probe:investigate summon:disapprove complain:allege assail:disapprove chastise:disapprove "
                    "castigate:disapprove berate:disapprove scold:disapprove admonish:disapprove "
                    "excoriate:disapprove inspect:investigate object:disapprove brand:disapprove fault:disapprove "
                    "implicate:allege incriminate:allege interrogate:investigate")),
    EventType("REJECT", _VX, False, False, None, ("assist", "change", "yield", "meet"),
              _cues("reject refuse decline deny veto rebuff cancel:meet block oppose postpone:meet snub renege "
                    "defy spurn repudiate disavow shun flout")),
    EventType("THREATEN", _VX, False, False, None, ("restrict", "ban", "arrest", "violence"),
              _cues("threaten")),
    EventType("PROTEST", _MX, False, False, None, ("demo", "hunger", "strike", "boycott", "obstruct", "riot"),
              _cues("protest:demo demonstrate:demo rally:demo march:demo riot:riot boycott:boycott picket:demo "
                    "barricade:obstruct disrupt:obstruct loot:riot ransack:riot")),
    EventType("SANCTION", _MX, False, False, None, ("discontinue", "expel", "withdraw", "convict"),
              _cues("sanction:discontinue expel:expel embargo:discontinue convict:convict sentence:convict "
                    "fine:convict sever:discontinue downgrade:withdraw")),
    EventType("MOBILIZE", _MX, False, False, None, ("troops", "weapons", "police", "militia"),
              _cues("deploy:troops mobilize:troops mobilise:troops mass:troops amass:troops station:troops "
                    "reinforce:troops muster:troops conscript:troops")),
    EventType("COERCE", _MX, False, False, None,
              ("seize", "restrict", "arrest", "deport", "curfew", "martial-law", "censor", "cyber", "withhold"),
              _cues("arrest:arrest detain:arrest jail:arrest imprison:arrest raid:seize seize:seize confiscate:seize "
                    "censor:censor deport:deport hack:cyber outlaw:restrict disperse:restrict restrict:restrict "
                    "demolish:seize bulldoze:seize expropriate:seize nationalize:seize nationalise:seize occupy:seize "
                    "quell:restrict suppress:restrict impound:seize intern:arrest incarcerate:arrest evict:seize "
                    "prohibit:restrict forbid:restrict muzzle:censor gag:censor jam:censor bar:restrict")),
    EventType("ASSAULT", _MX, False, False, None,
              ("beat", "firearms", "explosives", "primitive", "heavy-weapons", "aerial", "drone", "suicide-attack",
               "targeted", "abduct", "torture", "sexual", "destroy", "crowd-control", "unconventional"),
              _cues("attack strike shell:heavy-weapons bomb:aerial bombard:heavy-weapons shoot:firearms kill murder "
                    "assassinate:targeted execute:targeted kidnap:abduct abduct:abduct torture:torture "
                    "stab:primitive invade clash fight ambush wound injure target pound:heavy-weapons "
                    "destroy:destroy raze:destroy massacre:targeted behead:targeted capture rape:sexual "
                    "beat:beat retake recapture overrun hijack:abduct battle detonate:explosives retaliate crush dynamite:explosives "
                    "assault:beat slaughter:targeted maim lynch:beat bludgeon:beat besiege strafe:aerial slay gun:firearms")),
)}

# Verbs typed by what they act on ("sent troops" MOBILIZE, "sent aid" AID, "lifted sanctions"
# CONCEDE, "left NATO" SANCTION withdraw); analyse/events.py reads their complements.
OBJECT_TYPED_VERBS: frozenset[str] = frozenset((
    "call lift ease relax provide supply send deliver give grant allocate approve transfer ship withdraw pull swap "
    "exchange dismiss warn suspend freeze recall halt cut ban impose break order stop end dispatch crack fire hit "
    "storm launch step allow leave hand drop share reopen restore establish boot kick walk hurl throw unleash use "
    "pay reduce put take travel jet fly head arrive implement adopt announce contribute evacuate reimpose tighten "
    "strengthen violate return revoke rescind repeal scrap abolish annul hold turn receive force increase boost heighten beef close shut brief extend blow lay find search bow shuttle explode cordon seal insist dissolve double triple airlift ignore disregard pass rule round distribute place look examine move permit let overturn quash down admit pour roll "
    "advance converge abandon raise rush strip").split())

SYMMETRIC_TYPES: frozenset[str] = frozenset(t.name for t in EVENT_TYPES.values() if t.symmetric)
# the cooperative acts whose promise PLOVER codes as AGREE (and AGREE itself)
COOPERATIVE_TYPES: frozenset[str] = frozenset(
    t.name for t in EVENT_TYPES.values() if t.future_as == "AGREE" or t.name == "AGREE")


def verb_cues() -> dict[str, tuple[str | None, str | None]]:
    """lemma -> (type, mode) for every cue verb; (None, None) for the object-typed verbs."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for t in EVENT_TYPES.values():
        for lem, mode in t.verbs.items():
            out[lem] = (t.name, mode)
    for lem in OBJECT_TYPED_VERBS:
        out.setdefault(lem, (None, None))
    return out


def plover_type(typ: str, modality: str) -> str:
    """The PLOVER manual's coding of an event: a planned (future) cooperative act is AGREE, a
    planned retreat CONCEDE; everything else keeps its type."""
    row = EVENT_TYPES.get(typ)
    if modality == "planned" and row is not None and row.future_as:
        return row.future_as
    return typ


# What is mobilised when no one is: money and opinion ("mobilise capital flows", "mobilize support")
_MOBILISED_THINGS = "capital flows funds money resources support voters votes opinion investment finance"

# Figurative uses of trigger verbs: lemma -> (particles or prepositions, object heads) that make
# the verb an idiom, not the act ("Peskov seized upon the remarks", "thank you for joining us",
# "left the White House in 2021", "met the deadline", "hit the headlines").
FIGURATIVE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    lem: (frozenset(preps.split()), frozenset(objs.split())) for lem, preps, objs in (
        ("seize", "upon on", "opportunity chance moment initiative momentum occasion limelight spotlight headlines "
                             "imagination day"),
        ("pounce", "upon on", ""),
        ("thank", "", "you everyone everybody viewers listeners readers all"),
        ("welcome", "", "you everyone everybody viewers listeners readers back"),
        ("leave", "", "house office post power kremlin presidency job role position stage building room hospital "
                      "home door race"),
        ("meet", "", "deadline deadlines expectations expectation demand target targets needs need criteria "
                     "standards standard requirements requirement goal goals end obligations costs fate match "
                     "guidelines threshold thresholds benchmark benchmarks quota quotas payments bills debts "
                     "challenge challenges"),
        ("hit", "", "headlines record high low road ground shelves market wall jackpot mark nerve"),
        ("capture", "", "imagination mood attention moment essence spirit headlines public audience title titles "
                        "crown championship award share"),
        ("recapture", "", "title titles crown championship form magic spirit imagination"),
        ("visit", "", "website site page"),
        ("host", "", "show podcast programme program party dinner gala event concert"),
        ("press", "on ahead", "conference briefing"),
        ("fire", "up", "imagination supporters base crowd"),
        ("kill", "", "time mood demand hopes hope chances chance deal bill plan idea competition"),
        ("strike", "as", "note tone chord balance pose figure penalty law laws ban rule rules ruling legislation "
                       "order policy measure"),
        ("release", "", "statement statements video report figures data results album song single film book "
                        "details list footage images photo photos information document documents"),
        ("attack", "", "problem issue question fire fires blaze blazes flames wildfire wildfires"),
        ("battle", "", "fire fires blaze blazes flames wildfire wildfires illness cancer disease addiction "
                       "depression infection virus odds elements"),
        ("inspect", "", "damage site sites wreckage ruins rubble troops guard scene aftermath"),
        ("fight", "back out", "tears bid bids takeover challenge challenges competition rivals rival allegations "
                          "claims charges lawsuit case cases illness disease cancer virus infection election "
                          "elections campaign seat seats"),
        ("back", "down away off", ""),
        ("sign", "up", ""),
        ("summon", "up", "courage strength energy voice memory memories image images spirit will nerve "
                         "ghosts ghost"),
        ("treat", "as like", ""),  # "treating the issue as a question of politics": a stance, not care       # "sign up for our newsletter", "signed up for the course": enrolling
        ("storm", "off", ""),
        ("support", "", "dollar currency yen euro pound rouble ruble peso prices price market markets economy "
                        "growth demand shares stocks"),
        ("mobilise", "", _MOBILISED_THINGS),
        ("mobilize", "", _MOBILISED_THINGS),
        ("yield", "", "pct percent cent return returns result results profit profits dividend dividends gain gains "
                      "interest clues insights benefits fruit"),
        ("offer", "", "warning warnings advice thoughts opinion opinions view views explanation explanations "
                      "apology apologies condolences prayers comment comments insight insights glimpse glimpses "
                      "clue clues reassurance reassurances praise perspective congratulations"),
        ("commit", "", "crime crimes atrocity atrocities genocide murder murders massacre offence offences offense "
                       "offenses suicide fraud abuse abuses violation violations error errors mistake mistakes sin "
                       "sins blunder blunders felony felonies treason perjury sabotage damage theft burglary "
                       "robbery arson terrorism"),
    )
}

# Figurative uses read from a preposition's object: "the plan met with criticism", "the film met
# with scathing reviews" is a reception, not a meeting (the passive "would be met with force" is
# caught by the voice alone). lemma -> {preposition: object heads}.
FIGURATIVE_PREP_OBJECTS: dict[str, dict[str, frozenset[str]]] = {
    "shoot": {"to": _words("top fame prominence stardom number no record")},   # "shot to the top"
    "crush": {"in": _words("election elections primary primaries poll polls vote contest race")},
    "pull": {"from": _words("rubble debris water wreckage sea river ruins car building fire")},
    # "half of Britain's butterfly species are threatened with extinction": a risk, not a threat
    "threaten": {"with": _words("extinction closure collapse flooding drought starvation famine bankruptcy "
                                "insolvency obsolescence relegation")},
    # "Yukos filed for Chapter 11 bankruptcy protection": a company's filing, not a complaint
    "file": {"for": _words("bankruptcy protection divorce insolvency administration receivership chapter "
                           "liquidation")},
    "meet": {"with": _words((
        "criticism criticisms reviews review reception response responses reaction reactions resistance "
        "opposition objections approval disapproval acclaim praise applause success failure scepticism "
        "skepticism suspicion hostility derision ridicule scorn anger outrage fury dismay disbelief "
        "silence indifference enthusiasm condemnation backlash protests protest howls jeers boos cheers "
        "disappointment derision mixed limited little some"))},
}

# Verbs whose object is the subject of their infinitive ("forced Taiwan to scramble jets",
# "urged Kyiv to negotiate"): the one who would act is the object. Lemmas.
OBJECT_CONTROL_VERBS: frozenset[str] = _words((
    "force compel oblige pressure push urge ask order tell allow permit enable help persuade encourage "
    "invite prompt lead cause require authorise authorize instruct demand"))

# Adjectives of capability over an infinitive: "missiles able to strike anywhere" is a capacity
# (hypothetical), "unable to reach the town" an act not done (negated).
CAPABILITY_ADJECTIVES: dict[str, str] = {"able": "hypothetical", "capable": "hypothetical",
                                         "unable": "negated", "incapable": "negated"}

# Verbs whose act is intransitive: with an object, a clause or in the passive they mean
# something else ("Russia demonstrated its resolve", "the test demonstrated that ...": showing,
# not a street protest).
INTRANSITIVE_ACTS: frozenset[str] = frozenset({"demonstrate"})
# ... and verbs whose act needs an object: "police dispersed the crowd" is a coercion, "the soldiers
# dispersed" is not
TRANSITIVE_ACTS: frozenset[str] = frozenset({"disperse"})

# Nouns that frame an infinitive as asked for or intended, not done: "calls for him to step
# down", "faced calls to quit" (the act is hypothetical: the callers' REQUEST, not a RETREAT);
# "announced plans to withdraw", "has no plans to resign" (planned; negated with "no"); "his
# refusal to accept the result", "Russia's failure to withdraw" (negated); "the prospect of Russia
# invading", "fears of an attack", "the sovereign right to hold drills" (hypothetical).
DEMAND_FRAME_NOUNS: frozenset[str] = _words((
    "call calls demand demands appeal appeals plea pleas request requests pressure petition petitions "
    "ultimatum ultimatums push clamour clamor urging"))
REFUSAL_FRAME_NOUNS: frozenset[str] = _words("refusal refusals failure failures inability reluctance unwillingness")
PROSPECT_FRAME_NOUNS: frozenset[str] = _words((
    "prospect prospects possibility possibilities chance chances likelihood risk risks hope hopes fear fears "
    "danger idea option options scenario right rights authority power ability capacity freedom need needs"))
PLAN_FRAME_NOUNS: frozenset[str] = _words((
    "plan plans intention intentions intent readiness willingness proposal proposals offer offers bid "
    "decision promise promises pledge pledges threat threats commitment commitments"))

# "X is / has been / remains (locked) in talks with Y": the state verb over "in" + a meeting noun
# is an ongoing consultation (PLOVER CONSULT), as "held talks" is a held one. Word forms, as the
# pipeline has no lemmatizer.
_BE_REMAIN_FORMS = ("be is are am was were been being 's 're remain remains remained remaining stay stays stayed "
                    "staying")
IN_TALKS_VERBS: frozenset[str] = _words(_BE_REMAIN_FORMS + " locked engaged embroiled mired bogged")
IN_TALKS_NOUNS: frozenset[str] = _words("talks negotiations discussions consultations")


# Who travels to talk: a trip by one of these (or a named person) to a place is a visit
# (PLOVER CONSULT visit), as "U.S. envoy Steve Witkoff travelled to Moscow" is.
TRAVELLERS: frozenset[str] = frozenset((
    "envoy envoys delegation delegations minister ministers president president-elect premier chancellor "
    "secretary diplomat diplomats ambassador official officials negotiator negotiators leader leaders "
    "king queen prince emissary representative representatives adviser advisor aide mediator mediators "
    "senator senators lawmakers congressman chief").split())


# Vocabulary of the learned type model (event_model.py), wider than the rules' cue verbs: words
# that lean towards a type, written from the PLOVER manual's definitions and the CAMEO code
# descriptions mapped to each type (../shared/ontology/plover/cameo2plover_2021.csv) and their
# common newswire synonyms. They are features, not triggers: the model weighs them with the
# clause around them (a "rebuff" under "will" is still REJECT; "urge" over "withdraw" REQUEST).
def _vocab(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for t, words in table.items():
        for w in words.split():
            out[w] = out.get(w, ()) + (t,)
    return out


MODEL_CUES: dict[str, tuple[str, ...]] = _vocab({
    "AGREE": "agree promise pledge offer propose invite accept commit vow undertake consent assure guarantee "
             "volunteer endorse-plan reaffirm intend welcome-proposal ready willing prepared",
    "CONSULT": "meet visit host negotiate discuss phone telephone consult confer talk speak mediate arrive tour "
               "receive welcome call brief convene shuttle travel fly jet summit converse chat parley "
               "sit",
    "SUPPORT": "support back endorse praise commend welcome hail applaud congratulate thank recognize recognise "
               "ratify sign defend laud salute extol normalize normalise apologize apologise forgive champion "
               "rally uphold vindicate acclaim honour honor compliment",
    "CONCEDE": "concede relent accede yield acquiesce capitulate legalize legalise unban pardon amnesty ease "
               "relax lift loosen soften drop scrap abandon rescind repeal revoke reverse restore reinstate "
               "compromise bow admit regret",
    "COOPERATE": "cooperate collaborate extradite share pool coordinate partner exchange joint ally team",
    "AID": "aid donate fund finance rescue airdrop disburse lend loan provide supply deliver give grant "
           "contribute ship airlift evacuate shelter treat feed assist help protect escort open admit "
           "asylum",
    "RETREAT": "retreat resign release free disarm surrender quit demobilize demobilise decommission cede "
               "repatriate withdraw pull evacuate return hand vacate abandon disband dismantle unblock reopen "
               "allow permit ceasefire truce lay stand-down",
    "REQUEST": "demand urge request appeal ask press implore seek plead beg call insist require order summon "
               "petition lobby exhort entreat invite-to demand-that",
    "ACCUSE": "accuse blame condemn criticize criticise denounce decry deplore rebuke censure reprimand slam "
              "lambast lambaste allege charge indict sue prosecute investigate probe complain assail chastise "
              "castigate berate scold admonish excoriate inspect object protest attack-verbally brand label "
              "question doubt disapprove fault implicate incriminate examine audit inquire convict try "
              "lodge file",
    "REJECT": "reject refuse decline deny veto rebuff cancel block oppose postpone snub renege defy spurn "
              "repudiate dismiss ignore disregard resist rule-out turn-down boycott-talks balk shun disavow "
              "contest dispute flout violate breach",
    "THREATEN": "threaten warn ultimatum menace vow-retaliation retaliate intimidate brandish caution",
    "PROTEST": "protest demonstrate rally march riot boycott picket strike walk-out sit-in hunger obstruct "
               "blockade barricade occupy chant parade mob burn loot storm",
    "SANCTION": "sanction expel embargo convict sentence fine sever suspend freeze recall cut halt reduce "
                "downgrade withhold stop discontinue terminate boycott expulsion break-off close",
    "MOBILIZE": "deploy mobilize mobilise mass amass station reinforce alert muster conscript call-up "
                "patrol exercise drill parade-troops beef-up bolster",
    "COERCE": "arrest detain jail imprison raid seize confiscate censor deport hack outlaw disperse restrict "
              "demolish bulldoze expropriate nationalize nationalise occupy quell suppress ban curfew "
              "blockade round-up crackdown crack impound intern incarcerate muzzle gag shut close expel "
              "evict dissolve prohibit forbid bar impose",
    "ASSAULT": "attack strike shell bomb bombard shoot kill murder assassinate execute kidnap abduct torture "
               "stab invade clash fight ambush wound injure target pound destroy raze massacre behead capture "
               "rape beat retake recapture overrun hijack battle detonate retaliate crush dynamite fire "
               "gun slaughter maim lynch bludgeon hack-to-death blow explode mortar rocket storm besiege "
               "overpower skirmish engage assault bombing",
})

# Nouns that lean towards a type (same sources as MODEL_CUES).
MODEL_NOUN_CUES: dict[str, tuple[str, ...]] = _vocab({
    "AGREE": "promise pledge offer proposal willingness readiness commitment assurance undertaking intention",
    "CONSULT": "talks meeting summit negotiation negotiations visit trip tour consultation consultations "
               "conversation call dialogue envoy mediation mediator delegation round session conference "
               "discussions",
    "SUPPORT": "praise support endorsement backing recognition treaty agreement accord pact friendship "
               "apology congratulations solidarity tribute",
    "CONCEDE": "concession concessions amnesty pardon reform reforms legalization moratorium",
    "COOPERATE": "cooperation collaboration intelligence information expertise extradition exercises",
    "AID": "aid assistance relief food medicine medicines supplies donation donations grant loan loans "
           "credit credits funds humanitarian shelter asylum refugees wounded peacekeepers",
    "RETREAT": "withdrawal retreat release ceasefire truce surrender resignation hostages prisoners "
               "access corridor disarmament demobilization",
    "REQUEST": "demand demands appeal request call plea petition ultimatum-demand",
    "ACCUSE": "accusation accusations allegation allegations charge charges criticism condemnation complaint "
              "investigation inquiry probe lawsuit indictment blame espionage corruption fraud abuses "
              "crimes smuggling treason kickbacks",
    "REJECT": "rejection refusal veto denial",
    "THREATEN": "threat threats ultimatum warning warnings consequences reprisal reprisals retaliation",
    "PROTEST": "protest protests protesters demonstration demonstrations demonstrators rally rallies march "
               "riot riots rioters strike strikers boycott sit-in hunger-strike picket barricades",
    "SANCTION": "sanctions sanction embargo tariffs expulsion recall suspension freeze severance relations "
                "ties",
    "MOBILIZE": "troops reinforcements alert mobilization deployment reservists manoeuvres maneuvers "
                "warships tanks buildup build-up",
    "COERCE": "arrest arrests detention crackdown curfew martial-law emergency censorship ban seizure "
              "confiscation blockade occupation deportation raid police",
    "ASSAULT": "attack attacks bombing bomb shelling airstrike airstrikes fighting clashes offensive invasion "
               "massacre ambush gunmen militants rebels guerrillas casualties dead killed wounded bullets "
               "rockets mortar artillery grenade",
})


# Participants and modality of events read from real news sentences (session 23): who can act,
# which prepositions pass a gerund its subject, which verbs frame an act as attempted, asked for
# or alleged.

# Organisations and people a common noun can name, beyond the actor nouns of the type model's gate
# ("the company threatened to sue", "landlords threatened evictions"): they can threaten.
BODY_NOUNS: frozenset[str] = _words((
    "company companies firm firms bank banks club clubs corporation corporations organisation organisations "
    "organization organizations institution institutions network networks airline airlines employer employers "
    "owner owners landlord landlords staff residents parents family families villagers tribe tribes clan clans "
    "gang gangs cartel cartels board management leadership"))

# people a meeting is with that the lists above leave out
PEOPLE_NOUNS: frozenset[str] = _words((
    "counterpart counterparts president presidents premier leader leaders members member families family "
    "victims relatives survivors people man men woman women children students voters residents couple "
    "delegates delegation delegations envoy envoys team teams representatives executives officials "
    "experts doctors nurses patients refugees migrants crowd public mps mp lawmakers legislators "
    "ministers clergy troops chief chiefs head heads boss bosses king queen prince princess pope judge judges "
    "crew cabinet"))

# endings of nouns for people ("farmers", "campaigners", "activists", "politicians", "investors",
# "chairman", "employees", "consultants")
PERSON_SUFFIXES: tuple[str, ...] = ("er", "ers", "ist", "ists", "ian", "ians", "or", "ors", "man", "men", "ee", "ees",
                                    "ant", "ants")

# Prepositions over a gerund: an adjunct's gerund shares the main clause's subject ("after meeting
# Putin, Trump said"); a complement's gerund is done by the one the verb is about ("accused Reed of
# attacking", "blamed Kyiv for shelling", "prevented them from leaving").
ADJUNCT_PREPS: frozenset[str] = _words(
    "by after before while despite without since upon through following when")
COMPLEMENT_PREPS: frozenset[str] = _words("of from for with")

# "seek" / "try" over an infinitive is an attempt at the act ("Russia sought to seize Kyiv"), not a
# request or a trial; over a noun "seek" is a request ("sought talks", "sought military aid")
ATTEMPT_VERBS: frozenset[str] = frozenset({"seek", "try", "attempt"})

# Verbs whose clausal content is asked for, not done
DEMANDING_VERBS: frozenset[str] = frozenset(
    {"demand", "urge", "ask", "call", "press", "appeal", "request", "implore", "beg", "plead"})

# "accused Reed of attacking an officer", "blamed Kyiv for shelling the plant", "charged with
# assault": the act is the accuser's claim, reported, not asserted by the text (word forms where
# the event lexicon has no lemma)
ACCUSING_VERBS: frozenset[str] = frozenset(
    {"accuse", "suspect", "suspected", "suspects", "blame", "charge", "allege", "indict"})

# "warned that police will no longer tolerate rallies", "will not allow": a refusal to put up with
# something, announced as a warning, is a threat
TOLERATE_VERBS: frozenset[str] = frozenset({"tolerate", "allow", "accept", "permit", "stand"})

# the verbs of "came / was / remained under attack": its subject is the target (word forms)
UNDER_VERBS: frozenset[str] = _words(_BE_REMAIN_FORMS + " come comes came coming fall fell")

# "declined to comment / say / speculate": no statement, which is no rejection (word forms of
# the infinitive, as written)
NO_COMMENT_VERBS: frozenset[str] = _words((
    "comment say predict specify elaborate disclose speculate identify confirm answer reveal name detail "
    "discuss explain give"))

# "strike" is a walk-out in a sentence about work, unless a weapon or an army is on it
LABOUR_WORDS: frozenset[str] = _words((
    "workers worker union unions employees staff production factory plant mill mine miners wage wages pay "
    "contract walkout pickets picket dockers nurses teachers drivers"))
MILITARY_STRIKE_WORDS: frozenset[str] = _words((
    "air missile missiles drone drones rocket rockets artillery military precision nuclear airstrike naval "
    "retaliatory pre-emptive preemptive"))

# Sport. A match report's "shot", "strike", "attack", "defend", "beat", "concede", "visit" or
# "sign" is play, a fixture or a transfer, not the act (news-28k: about 1 event in 3 from the
# Guardian's football section, before this). A text is in the sports register when these words
# are dense in it (SPORT_DENSITY in analyse/events.py); a sentence is when the trigger's own
# object is a sport object. Only words that are rarely anything else in news prose: "goal",
# "league", "match", "season" count because they come in numbers in a match report and seldom
# in other prose (measured per section of the Guardian 2022 articles, see docs/events.md).
SPORT_WORDS: frozenset[str] = _words((
    "goalkeeper goalkeepers keeper midfielder midfielders striker strikers winger wingers full-back centre-back "
    "centre-half defender defenders referee referees free-kick throw-in kick-off half-time offside equaliser "
    "equalizer hat-trick scoreline relegation relegated goalless wicket wickets innings batsman batsmen batter "
    "bowler bowlers lbw scrum touchdown quarterback inning pitcher tiebreak tie-break podium medal medals olympic "
    "olympics paralympic paralympics fixture fixtures matchday playoff playoffs play-off play-offs semi-final "
    "semi-finals quarter-final quarter-finals stadium penalty penalties goal goals match matches league season cup "
    "squad coach fans club clubs premiership championship tournament football footballer footballers cricket "
    "rugby tennis golf cycling boxing athletics racing jockey peloton sprinter marathon lap laps birdie bogey putt "
    "knockout nfl nba mlb nhl ufc atp wta f1 afl nrl t20 odi heavyweight middleweight welterweight lightweight "
    "bout bouts rematch undercard relay freestyle furlong furlongs racecourse"))
SPORT_PHRASES: tuple[str, ...] = (
    "premier league", "champions league", "world cup", "fa cup", "europa league", "grand slam", "grand prix",
    "dressing room", "stoppage time", "extra time", "six nations", "test match")
# objects that make one sentence a sports sentence wherever it stands ("shoots on goal", "struck
# the ball", "conceded a corner", "signed a striker", "loan midfielder Dragan Mladenovic"); not "shot"
# or "penalty", which are gunfire and sentences too
SPORT_OBJECTS: frozenset[str] = _words((
    "ball goal goals net corner corners header free-kick throw-in wicket wickets equaliser equalizer "
    "goalkeeper midfielder striker winger defender full-back centre-back"))
# verbs (lemmas) with a sporting sense that is not their PLOVER act; not the verbal acts ("denies
# making the demand", "rejected the head of their players' association", "the FA welcomed the
# research" are acts in a sports article too)
SPORT_SENSE_VERBS: frozenset[str] = _words((
    "shoot strike attack defend block fight beat concede besiege injure save clash press sign visit meet "
    "host face tackle hit seize capture battle fire break surrender rally dominate crush thrash hammer rout "
    "storm raid overwhelm defeat invade punish target occupy overrun postpone cancel deploy close loan"))
# nouns with a sporting sense ("Cornet's strike", "Liverpool's visit to Old Trafford", "the Lions tour")
SPORT_SENSE_NOUNS: frozenset[str] = _words((
    "attack attacks strike strikes shot shots fight battle clash clashes defence defense visit siege raid "
    "assault offensive counterattack counter-attack bombardment tour tours"))
# participants that keep the act in a sports text: force, crowds and officials ("fans attacked the
# team bus", "police fired tear gas at supporters", "the IAAF met anti-doping officials")
SPORT_KEEP_WORDS: frozenset[str] = _words((
    "police officers officer soldiers troops army military security gunmen militants terrorists fans "
    "supporters hooligans ultras spectators rioters protesters demonstrators tear bomb bullets guns gun knife "
    "officials minister ministers government president authorities regulators"))

# What is offered or accepted when that is a PLOVER agreement: help, force, talks and terms, not
# goods or views ("offers comfort", "will offer three years of updates", "accept the ball").
OFFER_OBJECTS: frozenset[str] = _words((
    "help support assistance aid troops forces soldiers asylum amnesty pardon talks dialogue negotiations "
    "ceasefire truce deal compromise concession concessions guarantee guarantees resignation mediation "
    "cooperation protection referendum elections election plan proposal proposals package loan loans money "
    "funds funding billion million terms reward bail refuge shelter services hand olive branch assurances "
    "access exchange swap peace settlement solution security weapons arms"))
ACCEPT_OBJECTS: frozenset[str] = _words((
    "proposal proposals plan plans offer offers deal deals ceasefire truce terms demand demands condition "
    "conditions invitation invitations resignation mediation agreement agreements peace compromise settlement "
    "resolution resolutions aid refugees migrants surrender responsibility apology bid verdict ruling outcome "
    "results result jurisdiction recommendation recommendations request requests principle principles "
    "framework package accord treaty help assistance money loan loans"))


def _with_plurals(text: str) -> frozenset[str]:
    """Singular nouns and their regular plurals ("-s", "-ies", "-es", "-men")."""
    out = set()
    for w in text.split():
        out.add(w)
        if w.endswith("man"):
            out.add(w[:-3] + "men")
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            out.add(w[:-1] + "ies")
        elif w.endswith(("s", "x", "ch", "sh")):
            out.add(w + "es")
        else:
            out.add(w + "s")
    return frozenset(out)


# Political actors named by a common noun (singular; plurals derived): an event with one of them
# (or a state or a people) as a party is never dropped by the type model's NONE (events.py:
# MODEL_VETO): "The rebels offered to hand over their weapons" reads like a company's offer to a
# model that learnt NONE from business news.
POLITICAL_ACTOR_NOUNS: frozenset[str] = _with_plurals(
    "government authority police army military troop soldier force rebel guerrilla guerilla militant gunman "
    "insurgent fighter militia protester demonstrator striker opposition parliament regime junta ministry "
    "cabinet navy administration congress senate legislature president minister premier leader envoy "
    "ambassador diplomat official kremlin embassy court judge prosecutor party coalition alliance")


# People and bodies of people, which can act (singular; plurals derived). With the lists above
# they tell a doer from a thing: "the storm destroyed homes", "Covid killed thousands", "the
# River Colne and the estuary meet the sea" name no actor, so no ASSAULT or CONSULT.
HUMAN_NOUNS: frozenset[str] = _with_plurals(
    "youth boy girl child kid baby teenager adult person individual member partner friend spouse relative "
    "husband wife son daughter father mother brother sister uncle aunt cousin colleague neighbour neighbor "
    "student pupil thug squad unit battalion brigade regiment division platoon company rebel insurgent fan "
    "inmate prisoner detainee captive hostage suspect witness passenger tourist migrant refugee settler "
    "villager resident citizen national civilian worker employee official minister president premier king "
    "queen prince princess monarch emperor general colonel commander captain sergeant lieutenant chief "
    "envoy ambassador diplomat delegate spokesperson lawmaker legislator senator deputy governor mayor "
    "councillor judge prosecutor lawyer attorney agent spy militant fighter soldier marine sailor airman "
    "veteran activist rioter looter hooligan supporter opponent critic rival ally enemy foe regime junta "
    "government administration ministry department agency authority council committee commission parliament "
    "assembly court tribunal party coalition alliance bloc federation association group movement side camp "
    "opposition militia army navy force guerrilla extremist raider kidnapper hijacker pirate smuggler "
    "trafficker mafia clan tribe household community population electorate nation country state republic "
    "kingdom city province retailer insurer investor shareholder creditor lender buyer seller customer "
    "client patient doctor nurse teacher professor scientist researcher expert analyst economist journalist "
    "editor author artist actor actress singer musician player coach director executive chair founder "
    "guard gang crowd mob family nephew niece grandson granddaughter grandfather grandmother landlord tenant "
    "intruder burglar robber thief killer murderer gunman assassin sniper bomber terrorist jihadist "
    "separatist nationalist loyalist republican democrat conservative liberal socialist communist "
    "cell wing faction network organisation organization firm bank police policeman policewoman crew staff "
    "public people men women children folk youngster elder pensioner voter taxpayer consumer owner operator "
    "pair duo trio couple candidate nominee rapper comedian star celebrity influencer user body watchdog "
    "regulator board panel jury team club union squadron fleet flotilla corps detachment contingent garrison "
    "patrol column cavalry infantry commando sect cult syndicate posse crew")

# A weapon or an attack does harm ("a car bomb killed six", "the blast destroyed ..."): these
# doers keep an ASSAULT
HARMFUL_NOUNS: frozenset[str] = _words((
    "bomb bombs blast blasts explosion explosions missile missiles rocket rockets drone drones shell shells "
    "shelling mortar mortars grenade grenades mine mines landmine landmines bullet bullets gunfire fire "
    "artillery airstrike airstrikes strike strikes attack attacks raid raids violence fighting clashes "
    "bombing bombings bombardment blitz offensive assault shrapnel device devices ied ieds weapon weapons gun "
    "guns tank tanks jet jets warplane warplanes aircraft helicopter helicopters vehicle car truck operation "
    "campaign barrage salvo volley ambush system systems launcher launchers battery batteries howitzer "
    "howitzers"))

# Markets move, they do not protest or retreat: "bonds rallied", "shares retreated 2%", "the pound
# surrendered its gains" (MARKET_SENSE_VERBS with a MARKET_NOUNS subject are no event)
MARKET_NOUNS: frozenset[str] = _words((
    "bond bonds stock stocks share shares price prices market markets dollar dollars euro pound yen currency "
    "currencies index indices indexes equities equity oil gold silver copper futures commodities commodity "
    "yields yield sterling rouble ruble peso rupee franc nasdaq dow ftse nikkei treasuries gilts securities "
    "bourse exchange rate rates crude wheat corn soybeans"))
MARKET_SENSE_VERBS: frozenset[str] = _words("rally retreat surrender advance recover defend attack fight battle")

# Animals are no targets of an ASSAULT ("hunts killing 91 foxes", "the cull of badgers")
ANIMAL_NOUNS: frozenset[str] = _with_plurals(
    "fox deer bird animal cow sheep whale dog cat elephant rhino badger wolf bear fish pig chicken hound horse "
    "lion tiger shark seal dolphin monkey rat mouse mice snake crocodile cattle livestock poultry game pheasant "
    "grouse rabbit hare goat camel donkey bull calf lamb turkey duck goose geese wildlife")
# Places one walks out of without walking out of anything political ("walks out of the Embassy
# Hotel"): the walk-out is a SANCTION only out of talks, a meeting or a body
WALKOUT_FORUMS: frozenset[str] = _words((
    "talks negotiations meeting meetings session sessions summit parliament chamber conference hearing "
    "assembly council committee coalition government cabinet debate vote process forum dialogue agreement "
    "deal treaty accord union alliance bloc organisation organization body league federation"))
# a named place of that kind is a building, not a body ("the Embassy Hotel", "the Ritz restaurant")
BUILDING_NOUNS: frozenset[str] = _words((
    "hotel restaurant building house home studio studios bar pub cinema theatre theater hospital station "
    "airport stadium shop store office room hall arena club court courtroom church mosque temple cafe"))

# Word lists of the verb rules in analyse/events.py
# kinds of "support" that are aid ("suspended budget support", "military support")
AID_KINDS: frozenset[str] = _words((
    "budget budgetary financial military economic humanitarian material fiscal logistical development"))
# time given as an ultimatum ("gave the government 48 hours to ...", CAMEO 139)
ULTIMATUM_TIMES: frozenset[str] = _words("hours days weeks deadline ultimatum minutes")
# people sent as help (CAMEO 07: provide aid, incl. military advisers and medical teams)
AID_PEOPLE: frozenset[str] = _words((
    "advisers advisors trainers instructors medics doctors engineers experts specialists rescuers "
    "firefighters nurses"))
# international personnel a state expels (CAMEO 1661-1663: peacekeepers, inspectors, observers,
# aid agencies)
INTL_PERSONNEL: frozenset[str] = _words((
    "inspectors observers monitors peacekeepers investigators mission workers agencies staff"))
# walking out of these is being freed ("walked out of a Taliban jail")
CUSTODY_NOUNS: frozenset[str] = _words("jail prison custody detention captivity gaol cell")
# what a government strips someone of (CAMEO 172, administrative sanctions)
STRIPPED_OF: frozenset[str] = _words((
    "citizenship nationality passport title titles immunity licence license accreditation rights powers "
    "seat membership mandate status"))
# what workers strike over ("strike over pay" is parsed with "pay" as the object)
STRIKE_CAUSES: frozenset[str] = _words("pay wages pensions conditions jobs cuts hours contracts")
# what a vow or a promise of which is a threat ("vowed a crushing response", "promised revenge")
RETALIATION_NOUNS: frozenset[str] = _words((
    "response retaliation revenge reprisal reprisals vengeance punishment consequences retribution"))
# "ask" with these as its object asks a question ("questions are asked", "ask ourselves")
QUESTION_NOUNS: frozenset[str] = _words("question questions query queries")
REFLEXIVE_PRONOUNS: frozenset[str] = _words((
    "myself yourself himself herself itself ourselves yourselves themselves oneself"))
