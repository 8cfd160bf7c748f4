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


def _cues(spec: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in spec.split():
        lem, _, mode = item.partition(":")
        out[lem] = mode or None
    return out


_VC, _MC, _VX, _MX = "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("AGREE", _VC, False, True, None, (),
              _cues("agree promise pledge offer propose invite accept commit vow")),
    EventType("CONSULT", _VC, False, True, "AGREE", ("visit", "third-party", "multilateral", "phone"),
              _cues("meet visit:visit host negotiate discuss phone:phone telephone:phone consult confer talk speak "
                    "mediate:third-party")),
    EventType("SUPPORT", _VC, False, False, "AGREE", (),
              _cues("support back endorse praise commend welcome hail applaud congratulate thank recognize "
                    "recognise ratify sign defend laud salute extol normalize normalise")),
    EventType("CONCEDE", _VC, False, False, None, (),
              _cues("apologize apologise pardon acquit concede relent forgive accede legalize legalise unban")),
    EventType("COOPERATE", _MC, True, True, "AGREE", (),
              _cues("cooperate collaborate extradite export pool")),
    EventType("AID", _MC, True, False, "AGREE", (),
              _cues("aid donate fund finance rescue airdrop disburse lend loan")),
    EventType("RETREAT", _MC, False, False, "CONCEDE",
              ("withdraw", "release", "return", "disarm", "access", "ceasefire", "resign"),
              _cues("retreat:withdraw resign:resign release:release free:release disarm:disarm surrender:disarm "
                    "quit:resign demobilize:disarm demobilise:disarm decommission:disarm cede:withdraw "
                    "repatriate:return")),
    EventType("REQUEST", _VX, False, False, None, ("assist", "change", "yield", "meet"),
              _cues("demand urge request appeal ask press implore seek plead beg")),
    EventType("ACCUSE", _VX, False, False, None, ("disapprove", "investigate", "allege"),
              _cues("accuse:allege blame:allege condemn:disapprove criticize:disapprove criticise:disapprove "
                    "denounce:disapprove decry:disapprove deplore:disapprove rebuke:disapprove censure:disapprove "
                    "reprimand:disapprove slam:disapprove lambast:disapprove lambaste:disapprove allege:allege "
                    "charge:allege indict:allege sue:allege prosecute:allege investigate:investigate "
                    "probe:investigate summon:disapprove complain:allege assail:disapprove chastise:disapprove "
                    "castigate:disapprove berate:disapprove scold:disapprove admonish:disapprove "
                    "excoriate:disapprove inspect:investigate object:disapprove")),
    EventType("REJECT", _VX, False, False, None, ("assist", "change", "yield", "meet"),
              _cues("reject refuse decline deny veto rebuff cancel:meet block oppose postpone:meet snub renege "
                    "defy spurn repudiate")),
    EventType("THREATEN", _VX, False, False, None, ("restrict", "ban", "arrest", "violence"),
              _cues("threaten")),
    EventType("PROTEST", _MX, False, False, None, ("demo", "hunger", "strike", "boycott", "obstruct", "riot"),
              _cues("protest:demo demonstrate:demo rally:demo march:demo riot:riot boycott:boycott picket:demo")),
    EventType("SANCTION", _MX, False, False, None, ("discontinue", "expel", "withdraw", "convict"),
              _cues("sanction:discontinue expel:expel embargo:discontinue convict:convict sentence:convict "
                    "fine:convict sever:discontinue")),
    EventType("MOBILIZE", _MX, False, False, None, ("troops", "weapons", "police", "militia"),
              _cues("deploy:troops mobilize:troops mobilise:troops mass:troops amass:troops station:troops "
                    "reinforce:troops")),
    EventType("COERCE", _MX, False, False, None,
              ("seize", "restrict", "arrest", "deport", "curfew", "martial-law", "censor", "cyber", "withhold"),
              _cues("arrest:arrest detain:arrest jail:arrest imprison:arrest raid:seize seize:seize confiscate:seize "
                    "censor:censor deport:deport hack:cyber outlaw:restrict disperse:restrict restrict:restrict "
                    "demolish:seize bulldoze:seize expropriate:seize nationalize:seize nationalise:seize occupy:seize "
                    "quell:restrict suppress:restrict")),
    EventType("ASSAULT", _MX, False, False, None,
              ("beat", "firearms", "explosives", "primitive", "heavy-weapons", "aerial", "drone", "suicide-attack",
               "targeted", "abduct", "torture", "sexual", "destroy", "crowd-control", "unconventional"),
              _cues("attack strike shell:heavy-weapons bomb:aerial bombard:heavy-weapons shoot:firearms kill murder "
                    "assassinate:targeted execute:targeted kidnap:abduct abduct:abduct torture:torture "
                    "stab:primitive invade clash fight ambush wound injure target pound:heavy-weapons "
                    "destroy:destroy raze:destroy massacre:targeted behead:targeted capture rape:sexual "
                    "beat:beat retake recapture overrun hijack:abduct battle detonate:explosives retaliate crush dynamite:explosives")),
)}

# Verbs typed by what they act on ("sent troops" MOBILIZE, "sent aid" AID, "lifted sanctions"
# CONCEDE, "left NATO" SANCTION withdraw); analyse/events.py reads their complements.
OBJECT_TYPED_VERBS: frozenset[str] = frozenset((
    "call lift ease relax provide supply send deliver give grant allocate approve transfer ship withdraw pull swap "
    "exchange dismiss warn suspend freeze recall halt cut ban impose break order stop end dispatch crack fire hit "
    "storm launch step allow leave hand drop share reopen restore establish boot kick walk hurl throw unleash use "
    "pay reduce put take travel jet fly head arrive implement adopt announce contribute evacuate reimpose tighten "
    "strengthen violate return revoke rescind repeal scrap abolish annul hold turn receive force increase boost heighten beef close shut brief extend blow lay find search bow shuttle explode cordon seal insist dissolve double triple airlift ignore disregard").split())

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
                     "standards standard requirements requirement goal goals end obligations costs fate match"),
        ("hit", "", "headlines record high low road ground shelves market wall jackpot mark nerve"),
        ("capture", "", "imagination mood attention moment essence spirit headlines public audience"),
        ("visit", "", "website site page"),
        ("host", "", "show podcast programme program party dinner gala event concert"),
        ("press", "on ahead", "conference briefing"),
        ("fire", "up", "imagination supporters base crowd"),
        ("kill", "", "time mood"),
        ("attack", "", "problem issue question"),
        ("fight", "back", "tears"),
        ("back", "down away off", ""),
        ("storm", "off", ""),
    )
}


# Who travels to talk: a trip by one of these (or a named person) to a place is a visit
# (PLOVER CONSULT visit), as "U.S. envoy Steve Witkoff travelled to Moscow" is.
TRAVELLERS: frozenset[str] = frozenset((
    "envoy envoys delegation delegations minister ministers president president-elect premier chancellor "
    "secretary diplomat diplomats ambassador official officials negotiator negotiators leader leaders "
    "king queen prince emissary representative representatives adviser advisor aide mediator mediators "
    "senator senators lawmakers congressman chief").split())
