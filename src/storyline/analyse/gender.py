"""Grammatical gender of a named person, for pronoun agreement ("she said" cannot
be Donald Trump): from honorifics and role words written with the name, then
from common given names. Unknown is an answer: a pronoun then agrees with anyone.

The given-name lists are short on purpose (frequent names in English-language
news, both US political and international); they decide only when the name is
in them.
"""
from __future__ import annotations

import re

FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "congresswoman",
                 "chairwoman", "spokeswoman", "businesswoman", "actress", "duchess", "countess", "sister"}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "congressman", "chairman", "spokesman", "businessman",
               "actor", "duke", "count", "father", "brother"}

FEMALE_NAMES = set("""
hillary chelsea melania ivanka sarah nancy elizabeth kamala michelle laura barbara nikki carly susan jill
kellyanne hope huma donna debbie maxine tulsi amy kirsten patty dianne lisa susan jeanne jennifer jessica
mary anna maria ann anne anne-marie angela theresa margaret marine ursula kaja annalena giorgia christine
olena yulia iryna olga tatiana tatyana maria marie valentina svetlana natalia natalya elena ekaterina
emma emily sophie julia karen linda betsy rachel rebecca kate katherine catherine kathleen kelly megyn
dana diane heather helen janet jane joan judith judy julie katie kim liz lucy martha meg megan monica
nicole pam pamela patricia paula rosa ruth sandra shannon sharon stephanie teresa tina vanessa victoria
wendy ayanna alexandria ilhan rashida sheila loretta samantha condoleezza madeleine sonia elena ruth
amal golda indira benazir sanna mette jacinda liz priti suella yvette harriet abigail alice alicia
amanda andrea angie april ashley beth betty brenda carol caroline carolyn cathy cheryl christina claire
cindy connie deborah denise diana dolores doris dorothy eileen elaine ellen erica erin eva evelyn frances
gail gloria grace gwen hannah holly irene jacqueline janice jean jeanine jenna joanne joni joyce kathy
katrina kay kayleigh kristen leslie lois louise lynn marcia marilyn marsha maureen melissa mia molly nina
norma olivia patti peggy phyllis renee rita roberta rose roxanne sally sara shirley stacey sue suzanne
sylvia tammy tara tiffany tracy valerie vera virginia wanda yolanda zoe nikki betsy callista huma
""".split())
MALE_NAMES = set("""
donald barack joe joseph bernie ted marco jeb ben john chris christopher mike michael paul rand mitt
bill william george tim tom thomas mark david james robert richard charles steve steven stephen scott
kevin jim jimmy bob reince sean corey paul newt rudy rudolph jeff jeffrey ryan eric andrew anthony
vladimir dmitry dmitri sergei sergey volodymyr petro vitali vitaliy oleksandr olaf emmanuel boris
keir rishi benjamin recep xi kim narendra justin mohammed muhammad ali ahmed hassan hamad abdullah
lindsey_no jared brian chuck harry mitch kellyanne_no lincoln martin luther frank gary greg henry
jack jason jerry jon jonathan larry matt matthew nick patrick pete peter ron roger sam samuel tony
alexei alexey yevgeny igor ivan nikolai pavel viktor vladislav andriy denys rustem kirill maxim
ronald gerald lyndon dwight franklin woodrow harold walter al dick newt rick karl ken kenneth dennis
douglas edward ed fred gene glenn jorge luis carlos jose juan miguel roy ray raymond russell stanley wayne
willie joel josh joshua adam aaron alan allen andy arthur barry bruce carl craig dan daniel dean don
doug earl eugene francis gordon howard jesse keith kyle leon lloyd louis marvin nathan neil norman oliver
oscar phil philip ralph randy reid rex rob rod ross seth simon stuart terry todd travis trey troy vince
vincent wesley zach bobby billy johnny tommy danny ban
""".split()) - {"lindsey_no", "kellyanne_no"}

_WORD = re.compile(r"[a-z][a-z'-]*")


def gender_of(names: list[str]) -> str | None:
    """'f', 'm' or None for a person known by these names (name and aliases, as
    written: "Mrs. Clinton", "Hillary Clinton", "the congresswoman")."""
    votes = set()
    for name in names:
        words = _WORD.findall(name.lower().replace(".", ""))
        if not words:
            continue
        for w in words[:-1] or words:
            if w in FEMALE_TITLES:
                votes.add("f")
            elif w in MALE_TITLES:
                votes.add("m")
        first = next((w for w in words if w not in FEMALE_TITLES | MALE_TITLES), None)
        # a given name: the first word of a full name, or a name used alone ("Hillary")
        if first is not None and (first != words[-1] or len(words) == 1):
            if first in FEMALE_NAMES:
                votes.add("f")
            elif first in MALE_NAMES:
                votes.add("m")
    return votes.pop() if len(votes) == 1 else None


def agrees(pronoun: str, gender: str | None) -> bool:
    """Does a person of this gender fit the pronoun ("he", "she"; others fit anyone)?"""
    p = pronoun.lower()
    if gender is None:
        return True
    if p in ("he", "him", "his"):
        return gender == "m"
    if p in ("she", "her", "hers"):
        return gender == "f"
    return True
