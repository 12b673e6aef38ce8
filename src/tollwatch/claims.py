"""Casualty claims: who was killed, injured, missing, abducted or detained, and how many.

A claim is an outcome word bound to a victim phrase in one of a few grammatical
frames, each a regular expression over one sentence:

- active      "the airstrikes had killed 30 civilians", "killing 27 people and wounding 70"
- passive     "30 Afghan civilians were martyred", "two US servicemen had died"
- count-noun  "26 deaths", "five dead", "the deaths of about 26 people", "the death toll rose to 12"
- named       "killed the Taliban leader, Alaudin", "resulting in Umar's death", "a paramedic was killed"
- reflexive   "then killed himself" (the attacker counts)
- zero        "no civilians were harmed", "no evidence of any civilian casualties" (low = high = 0)

A count is only taken when it is bound to a victim noun or an outcome word,
so ages, distances, dates and counts of aircraft never become tolls. Each claim
then gets its source (``attribution``) and stance (``stance``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain

from . import patterns
from .attribution import Attributor, source_type
from .cues import Frames, Gated, SentenceWords, Words, words
from .lexicon import (
    ACTIVE,
    AFFILIATIONS,
    FOUND_WOUNDED,
    GROUP_ACRONYMS,
    KIN_NOUNS,
    MILITANT_AFFILIATIONS,
    NOUNS,
    ORDINALS,
    PASSIVE,
    PERPETRATOR_NOUNS,
    SUBSET_NOUNS,
    VICTIM_NOUNS,
    alternation,
    spellings,
)
from .model import Claim, Count, Document, Source, Span, Victims
from .quantities import FIRST_WORDS as QTY_FIRST_WORDS
from .quantities import QTY, QTY_RE, is_toll_like, parse_quantity
from .segment import Sentence
from .settings import Settings
from .stance import caveat, stances

STAGE = "claims.rules/1"


_PLURAL_ONLY = {"police", "people", "personnel", "enemy", "taliban", "talibans", "men", "women", "children",
                "lives", "troops", "others", "other people", "staff"}
_SINGULAR = [w for w in VICTIM_NOUNS if not w.endswith("s") and "(" not in w and w.lower() not in _PLURAL_ONLY]

_NOUN = alternation(VICTIM_NOUNS)
_SNOUN = alternation(_SINGULAR)
# Words that end a noun phrase, so a count never reaches past them to a later noun: in "wounding five
# before police shot him", "five" is not police.
_STOP = (r"(?:were|was|are|is|had|have|has|been|be|and|or|but|who|that|which|in|on|at|by|from|with|during|"
         r"after|before|until|then|because|since|into|through|inside|outside|near|"
         r"when|while|as|than|said|says|killed|killing|wounded|wounding|injured|injuring|died|dead|the)")
_MOD = rf"(?:(?!{_STOP}\b)[\w.'’-]+\s+)"
# A person a family narrative enumerates with no determiner of their own: "his mother, father and
# sister", "a man and woman", "Man kills wife". Never a name, though written with a capital.
_BARE_PERSON = alternation([*KIN_NOUNS, "man", "woman", "child", "boy", "girl", "baby", "infant", "toddler"])
_NAME = r"(?-i:,\s+(?:(?:identified|named|known)\s+as\s+)?(?!(?i:" + _BARE_PERSON + r")\b)(?:[A-Z][\w'’.-]+)(?:\s+(?:[A-Z][\w'’.-]+|al-\w+|bin|ibn|ul|ud-\w+)){0,4}(?=,|\.|\s+(?:and|who|was|in)\b|$))"
# A person named by age alone: "wounded a 22-year-old", "killing two 17-year-olds".
_AGED = r"\d{1,3}-year-olds?"
_NP_ONE = (
    rf"(?:{QTY})\s+(?:of\s+(?:the\s+|them\s+|those\s+)?)?{_MOD}{{0,4}}(?:{_NOUN}|{_AGED})(?![\w-])"
    rf"|(?:(?:his|her|their|its)\s+)?(?:{QTY})\s+{_MOD}{{0,3}}(?:{_NOUN})(?![\w-])"
    # Or the full name of a force before it: "an International Security Assistance Force service member".
    rf"|(?:an?|one|another|the|his|her|their|its)\s+(?:{_MOD}{{0,3}}|(?-i:[A-Z][\w'’-]*\s+){{4,5}})(?:{_SNOUN}|{_AGED})(?![\w-]){_NAME}?"
    rf"|(?:{QTY})\s+(?:others|more|other people|additional)\b"
    r"|himself|herself|them both|both of them|them all|all of them|him|her"
)
# Outside the lexicon, a plain noun phrase right after an outcome verb still names victims:
# "killed the local postmaster", "fatally wounded three professors".
_NP_END = r"(?=\s*(?:[,.;:)(]|to\s+death\b|and\b|or\b|before\b|after\b|until\b|as\b|at\b|in\b|on\b|with\b|who\b|while\b|during\b|when\b|then\b|of\b|inside\b|outside\b|into\b|$))"
_ANIMALS = r"(?:dogs?|cats?|horses?|cattle|livestock|animals?|goats?|sheep|cows?|camels?|donkeys?|pets?)"
# A plural in -s, or in -men ("two watchmen", "three linemen").
_GENERIC_PLURAL = rf"(?:{QTY})\s+(?:(?!{_STOP}\b)[a-z][\w'’-]*\s+){{0,2}}?(?!{_STOP}\b)[a-z][\w'’-]*(?:s|men)\b"
_GENERIC_ONE = (
    rf"{_GENERIC_PLURAL}{_NP_END}"
    rf"|(?:an?|another|the|his|her|their)\s+(?:(?!{_STOP}\b)[a-z][\w'’-]*\s+){{0,2}}?(?!{_STOP}\b|{_ANIMALS}\b)[a-z][\w'’-]*[a-rt-z]\b{_NP_END}"
)
# "three professors on his dissertation committee, an officer, ...": a phrase after an item of a list.
_PP = (r"(?:\s*\([^()]{1,40}\))?(?:\s+(?:on|of|at|from|in)\s+(?:(?:the|his|her|their|a|an)\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
       r"(?=\s*(?:,|and\b)))?")
# "and a third was wounded": one more of the victims just counted, the ordinal saying how many before.
_ORDINAL_ONE = rf"an?\s+(?:{'|'.join(ORDINALS)})\b(?:\s+one\b)?"
# A bare count may end at a time ("wounded 14 overnight", "killed two yesterday") as at a preposition.
_NP_BARE = rf"(?:all\s+|them\s+all\s+)?(?:{QTY}|another|{_ORDINAL_ONE})(?=\s*(?:[,.;:)\"”]|and\b|or\b|in\b|on\b|at\b|during\b|when\b|as\b|while\b|before\b|after\b|until\b|then\b|of\s+them\b|overnight\b|yesterday\b|today\b|tonight\b|earlier\b|$))"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|as well as|along with|plus)\s+)(?:then\s+)?"
# Where a victim phrase may start: a digit or one of a few words. Checked first, it spares the engine
# from trying every quantity pattern at every word of a sentence.
_FIRST_WORDS = sorted(
    QTY_FIRST_WORDS
    | {"a", "an", "one", "another", "the", "his", "her", "their", "its", "himself", "herself", "them", "both",
       "all", "him", "dozen", "no", "none", "nobody", "not"},
    key=len, reverse=True,
)
_GUARD = rf"(?=\d|{alternation(_FIRST_WORDS)}\b)"
# A later item of a subject list also ends where the predicate begins: "four women and a child were killed",
# "five civilians and two soldiers died".
_SUBJECT_END = (r"(?=\s+(?:were|was|are|is|had|have|has|died|perished|lost|remain|remained|also|all|both|later|"
                r"reportedly|allegedly|likely|probably)\b)")
# Counted people the lexicon does not know may open a subject list that names some it does: "two
# watchmen and a cook were killed" (the frame's gate still needs a victim noun).
_NP_LIST = (rf"{_GUARD}(?:{_GENERIC_PLURAL}{_SEP})*(?:{_NP_ONE})"
            rf"(?:{_SEP}(?:{_NP_ONE}|{_NP_BARE}|{_GENERIC_PLURAL})(?:{_NP_END}|{_SUBJECT_END}))*")
_BARE_ITEM = rf"(?:{_BARE_PERSON})(?![\w-]){_NP_END}"
# First in a list only kin: "the injured man" is an adjective and its noun, "Man kills wife" a headline.
_BARE_KIN = rf"(?:{alternation(KIN_NOUNS)})(?![\w-]){_NP_END}"
_NP_OBJECT = (rf"(?:{_NP_ONE}|{_GENERIC_ONE}|{_BARE_KIN}){_PP}"
              rf"(?:{_SEP}(?:{_NP_ONE}|{_GENERIC_ONE}|{_NP_BARE}|{_BARE_ITEM}){_PP}{_NP_END})*")
_INCL = r"(?:,?\s*(?:including|among them|among whom were|mostly|many of them|most of them)\s+[^,.;]{1,100}?(?:,|(?=\s+(?:were|was|have|has|had|are|is)\b)))"
_GAP = (
    r"(?:\s*,[^,.;]{1,60},|\s*[-–—]\s[^-–—]{1,80}\s[-–—])?"
    # A relative clause between the victims and their verb: "two villagers who tried to resist were shot dead".
    # Or a participle and where: "two civilians caught in the crossfire were killed", "three men travelling
    # in the car were wounded".
    r"(?:\s+(?:who|(?-i:[a-z]{3,}(?:ed|ing|ght))\s+(?:in|on|at|inside|near|under|by|from))\s+[^,.;]{1,50}?"
    r"(?=\s+(?:were|was|had been|have been|has been|are|is)\s)"
    # Or what they were taken for: "two men suspected of stealing a motorcycle were lynched" (one such man
    # who "was killed" is the attacker: _ACCUSED_RE).
    r"|\s+(?:suspected|accused)\s+of\s+[^,.;]{1,50}?(?=\s+were\s))?"
    r"\s+(?:(?:were|was|had|have|has|are|is|been|being|be|got|get|reportedly|allegedly|"
    r"also|all|later|subsequently|initially|each|both|reported|confirmed|believed|feared|said to|thought to|"
    r"to have|already|just|originally|mostly|either|eventually|ultimately|critically|seriously|severely|"
    r"slightly|lightly|badly|who|that|apparently|now|since|may have|might have|could have|remain|remained|"
    r"are still|were still|still|lay|lying|lies|"
    # An analyst's estimate ("were likely killed") and a discovery ("was found shot dead") still bind.
    r"likely|most likely|probably|presumably|possibly|found)\s+){0,5}"
)

_F = re.IGNORECASE


def _words(words: str | frozenset[str]) -> frozenset[str]:
    return frozenset(words.split()) if isinstance(words, str) else words


def _gated(
    pattern: str,
    *needs: str | frozenset[str],
    starts: str | frozenset[str] | None = None,
    ends: str | frozenset[str] | None = None,
    holds: frozenset[str] | None = None,
    marks: str = "",
    tail: str | None = None,
    flags: int = _F,
) -> Gated:
    """A frame behind its gates (see cues.Gated): words its every match holds, where it can begin, and
    words one of which it holds after its start (its outcome word, when the victims come first), words
    one of which it holds from its start on (its victim noun), characters one of which it holds, and
    the pattern it ends with (``tail``, a piece of ``pattern`` itself).

    ``starts`` may be ``_GUARD_STARTS``: the frame begins with a victim phrase (``_GUARD``), at a number
    or one of ``_FIRST_WORDS``.
    """
    compiled, gates, last = patterns.compile(pattern, flags), tuple(_words(n) for n in needs), _words(ends) if ends else None
    ending = re.compile(tail, flags) if tail else None
    if starts is _GUARD_STARTS:
        return Gated(compiled, gates, _GUARD_WORDS, digits=True, ends=last, holds=holds, marks=marks, tail=ending)
    return Gated(compiled, gates, _words(starts) if starts else None, ends=last, holds=holds, marks=marks, tail=ending)


def _first_words(table: dict[str, str]) -> frozenset[str]:
    """The first word of each entry: where a frame's trigger stands, it stands whole."""
    return frozenset(spelling.split()[0] for w in table for spelling in spellings(w.lower()))


def _last_words(nouns: Iterable[str]) -> frozenset[str]:
    """The last word of each noun, as ``cues.words`` cuts a sentence into the words the gates compare:
    "co-workers" ends in "workers", "fiancé" in "fianc"."""
    return frozenset(words(spelling).lowered[-1] for w in nouns for spelling in spellings(w.lower()))


# Every _NP_ONE holds a victim noun, or ends in one of the other words here ("two others", "him", "a 17-year-old").
_VICTIM_LAST_WORDS = _last_words(VICTIM_NOUNS) | _words("others more people additional himself herself both them all him her old olds")
# Every "in hospital" holds "hospital": a gate word far rarer than "in".
_PASSIVE_WORDS = _first_words(PASSIVE) - {"in"} | {"hospital"}
_ACTIVE_WORDS = _first_words(ACTIVE)
_GUARD_WORDS = frozenset(_FIRST_WORDS)
_GUARD_STARTS = "guard"
_ACTIVE_RE = _gated(
    # "wounding another and two students": a bare count may open a list as a noun phrase does.
    # "had “neutralised” seven assailants": a word set in quotes by a writer who doubts it
    rf"(?<![\w-])(?P<trig>{alternation(ACTIVE)})[”\"’]?\s+(?P<np>{_NP_OBJECT}|{_NP_BARE}(?:{_SEP}(?:{_NP_ONE}){_PP}{_NP_END})*)(?P<incl>{_INCL})?",
    _ACTIVE_WORDS, starts=_ACTIVE_WORDS,
)
# "killed Taliban leader Saifullah": a title without an article, then the person's name (one person).
_TITLED_RE = _gated(
    rf"(?<![\w-])(?P<trig>{alternation(ACTIVE)})\s+(?P<np>(?P<title>{_MOD}{{0,3}}?(?P<noun>{_SNOUN}))"
    # "killed Taliban leader, Wali, during ...": a name set off by commas, not a headline's next item
    r"(?:,\s+(?=(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),)|\s+)"
    r"(?P<name>(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})))"
    r"(?=\s*(?:[,.;:)]|and\b|during\b|in\b|on\b|at\b|near\b|who\b|while\b|after\b|when\b|$))",
    _ACTIVE_WORDS, starts=_ACTIVE_WORDS, holds=_last_words(_SINGULAR),
)
# "a mother of two was killed", "three soldiers of the border brigade were killed", "20 fighters from both
# sides died", "two passengers on the bus were hurt": whose or where, not how many.
_OF_PP = (r"(?:\s+(?:of|from|on)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+"
          # or a force's name in full: "a member of the Popular Mobilization Forces lost his life"
          r"|\s+of\s+the\s+(?-i:[A-Z][\w'’-]*\s+){2,4}(?-i:[A-Z])[\w'’-]*)")
# "a second victim of Sunday's stabbing at the Hollow Creek mall has died": where the event took place.
_AT_PP = r"(?:\s+(?:at|in)\s+the\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
_PASSIVE_RE = _gated(
    rf"(?<![\w-])(?P<np>{_NP_LIST})(?P<incl>{_INCL})?(?:{_OF_PP}{_AT_PP}?)?{_GAP}[“\"‘]?(?P<trig>{alternation(PASSIVE)})\b",
    _PASSIVE_WORDS, starts=_GUARD_STARTS, ends=_PASSIVE_WORDS, holds=_VICTIM_LAST_WORDS,
)
# Counted people the lexicon does not know, as the subject: "9 Palestinians, including a boy, were killed",
# "two watchmen were wounded". Only a head noun that names a person makes a claim (see _PERSONLIKE). Not the
# last item of a list the subject frames could not read ("a commander of the province and two advisors").
_GENERIC_PASSIVE_RE = _gated(
    rf"(?<![\w-])(?<!\band\s){_GUARD}(?P<np>{_GENERIC_PLURAL})(?P<incl>{_INCL})?{_OF_PP}?{_GAP}(?P<trig>{alternation(PASSIVE)})\b",
    _PASSIVE_WORDS, starts=_GUARD_STARTS, ends=_PASSIVE_WORDS,
)
_COUNT_NOUN_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>{QTY})\s+(?:{_MOD}{{0,1}}?)(?P<trig>{alternation(NOUNS)})\b",
    _first_words(NOUNS), starts=_GUARD_STARTS, ends=_first_words(NOUNS),
)
_OF_RE = _gated(
    rf"\b(?P<trig>deaths?|killings?|bodies|corpses|murders?|lives) of (?P<np>{_NP_LIST})",
    "death deaths killing killings bodies corpses murder murders lives",
    starts="death deaths killing killings bodies corpses murder murders lives",
)
# "shot his wife, her sister and a neighbour to death": the outcome closes the object list.
_TO_DEATH_WORDS = "shot stabbed beat beaten bludgeoned hacked strangled choked burned"
# Most sentences it is tried in tell a death, but none "to death": its tail is looked for first.
_TO_DEATH_TAIL = r"to\s+death\b"
_TO_DEATH_RE = _gated(
    rf"(?<![\w-])(?P<trig>{alternation(_TO_DEATH_WORDS.split())})\s+(?P<np>{_NP_OBJECT})\s+{_TO_DEATH_TAIL}",
    "death", starts=_TO_DEATH_WORDS, tail=_TO_DEATH_TAIL,
)
# "took three suspects into custody": the outcome closes the object list, as "to death" does.
_CUSTODY_WORDS = "took taken taking take takes"
_CUSTODY_RE = _gated(
    rf"(?<![\w-])(?P<trig>{alternation(_CUSTODY_WORDS.split())})\s+(?P<np>{_NP_OBJECT})\s+into\s+(?:\w+\s+)?custody\b",
    "custody", starts=_CUSTODY_WORDS,
)
# "the kidnappers had taken 52 pupils and two teachers": people taken, and taken nowhere ("had taken 31
# wounded people to hospitals" is a transfer).
_TAKEN_RE = _gated(
    rf"(?<![\w-])(?P<trig>(?:had|have|has)\s+taken)\s+(?P<np>{_NP_OBJECT})(?![^,.;]*\b(?:to|into|in\s+custody)\s)",
    "taken", starts="had have has",
)
# "the figure was later revised down to nine": a figure corrected, of the victims told before it.
_REVISED_RE = _gated(
    r"\b(?P<trig>figure|tally|count)\s+(?:(?:was|were|had|has|have|been|later|since|subsequently|then)\s+){0,3}"
    r"(?:revised|corrected|lowered|raised|adjusted|updated|reduced|cut)"
    rf"(?:\s+(?:down|up|downwards?|upwards?|downward|upward))?\s+to\s+(?P<np>{QTY})",
    "revised corrected lowered raised adjusted updated reduced cut", starts="figure tally count",
)
# The toll may be named before what it is of: "the death toll from Thursday's attack on a police
# training centre in Quetta has risen to 61", "the number of dead had climbed to 33".
_TOLL_RE = _gated(
    r"\b(?P<trig>death toll|toll|number of (?:the )?(?:dead|deaths|fatalities|people killed|those killed))\b"
    rf"[^.;]{{0,90}}?\b(?:to|at|of|reached|hit|is|was|now|stands at|stood at) (?P<np>{QTY})",
    "toll number", starts="death toll number"
)
# "The number of soldiers killed in the attack climbed to nine": a toll of one kind of victim.
_NUMBER_OF_RE = _gated(
    rf"\bnumber of (?P<noun>{_MOD}{{0,2}}?(?:{_NOUN}))\s+(?P<trig>killed|dead|wounded|injured|hurt|missing|abducted|"
    r"kidnapped)\b[^.;]{0,160}?\b(?:rose|risen|climbed|increased|jumped|reached|stood|stands|was|is|now)\s+"
    rf"(?:to\s+|at\s+)?(?P<np>{QTY})",
    "number", "killed dead wounded injured hurt missing abducted kidnapped", starts="number",
)
_BARE_PASSIVE_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>(?:all\s+)?{QTY}|{_ORDINAL_ONE})\s+(?:of them\s+|more\s+|others?\s+)?(?:(?:were|was|had been|have been|are|also were)\s+"
    rf"(?:\w+ly\s+|also\s+|all\s+)?(?P<trig>{alternation(PASSIVE)})|(?:later\s+|also\s+)?(?P<trig2>died|perished)|(?P<trig3>fatally))\b",
    _PASSIVE_WORDS | {"died", "perished", "fatally"}, "were was been are died perished fatally", starts=_GUARD_STARTS,
    ends=_PASSIVE_WORDS | {"died", "perished", "fatally"},
)
_OF_THEM_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>{QTY})\s+of\s+them\s+(?:(?P<trig>fatally|were killed|killed|dead)|(?P<trig2>died))\b",
    "them", starts=_GUARD_STARTS, ends="them",
)
# Most subjects it is tried at have no "and were killed" after them: its tail is looked for first.
_COORD_TAIL = (r"and\s+(?:were|was|had been|have been)\s+(?:all\s+|later\s+|subsequently\s+)?"
               r"(?P<trig>killed|wounded|injured|detained|captured|arrested|taken into custody)\b")
_COORD_PASSIVE_RE = _gated(
    rf"(?<![\w-])(?P<np>{_NP_LIST})\s+(?:[^.;,]{{1,80}}?)\s+{_COORD_TAIL}",
    "killed wounded injured detained captured arrested custody", "and", "were was been", starts=_GUARD_STARTS,
    ends="killed wounded injured detained captured arrested custody", holds=_VICTIM_LAST_WORDS, tail=_COORD_TAIL,
)
# "killed the insurgents", "the armed militants ... were all killed": plural victims with no count of their own.
_PLURAL_NOUN = alternation(w for w in VICTIM_NOUNS if w.endswith(("s", "men", "people", "police", "children", "Taliban")) and "(" not in w)
_DEFINITE_ACTIVE_RE = _gated(
    rf"(?<![\w-])(?P<trig>killed|killing|wounded|wounding|injured|injuring|detained|detaining|captured|capturing)\s+"
    rf"(?P<np>(?:the|these|those|all the|all of the|both)\s+(?:{_MOD}{{0,2}}?)(?:{_PLURAL_NOUN}))(?P<np_bare>x^)?\b",
    "killed killing wounded wounding injured injuring detained detaining captured capturing", "the these those all both",
    starts="killed killing wounded wounding injured injuring detained detaining captured capturing",
)
_DEFINITE_PASSIVE_RE = _gated(
    rf"(?:(?<![\w-])(?P<np>(?:the|these|those|all the|all of the|both)\s+(?:{_MOD}{{0,2}}?)(?:{_PLURAL_NOUN}))"
    rf"|(?:^|(?<=[.;:,]\s)|(?<=\band\s)|(?<=\bbut\s))(?P<np_bare>(?-i:[A-Z][\w-]*\s+)?(?:{_PLURAL_NOUN})))\b"
    rf"(?:\s*,[^,.;]{{1,60}},)?\s+(?:were|have been|had been)\s+(?:all\s+|later\s+|also\s+|subsequently\s+)?"
    rf"(?P<trig>killed|wounded|injured|detained|captured|arrested)\b",
    "killed wounded injured detained captured arrested", "were been",
)
# "The wounded victim later died", "two of the injured succumbed": deaths among those already counted hurt.
_LATER = r"(?:later|also|subsequently|eventually|then|since|has|have|had)"
_SUCCUMBED_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>(?:(?P<q>{QTY})\s+of\s+the|the|an?|another)\s+(?:(?:critically|seriously|severely|badly)\s+)?"
    rf"(?:wounded|injured)(?:\s+{_MOD}{{0,2}}?(?!{_LATER}\b)[a-z][\w'’-]*)?)(?:\s*,[^,.;]{{1,60}},)?\s+"
    rf"(?:{_LATER}\s+){{0,2}}(?P<trig>died|succumbed|passed away|perished)\b",
    "died succumbed passed perished", "wounded injured", starts=_GUARD_STARTS, ends="died succumbed passed perished",
)
# A labelled figure, as in monitors' notes and assessments: "Civilians reported killed: 3–5", "Fatalities: 12".
_LABEL_RE = _gated(
    rf"(?<![\w-])(?:(?P<noun>{_NOUN})\s+(?:reported\s+|confirmed\s+|verified\s+|alleged(?:ly)?\s+)?"
    rf"(?P<trig>killed|injured|wounded|dead|missing)|(?P<trig2>fatalities|deaths|killed|dead|injured|wounded)"
    # "Deaths recorded: 4-6", as casualty recorders label their counts
    rf"(?:\s+(?:recorded|reported|confirmed|verified|documented))?)"
    rf"\s*[:=]\s*(?P<q>{QTY})(?![\w-])",
    "killed injured wounded dead missing fatalities deaths", marks=":=",
)
# An event dataset's deaths by side (UCDP GED): "Deaths: side A 9, side B 5, civilians 0, unknown 0", or as a row's
# fields "deaths_a 4 | deaths_b 2 | deaths_civilians 1". The unknown are left to the estimate of all the dead.
_SIDE_ITEM = r"(?:side\s+[ab]|civilians|unknown)\s*[:=]?\s*\d+(?![\w-])"
_SIDES_RE = _gated(
    rf"(?<![\w-])deaths\s*[:=]\s*(?P<np>{_SIDE_ITEM}(?:\s*[,;]\s*{_SIDE_ITEM})*)"
    r"|(?<![\w-])deaths_(?P<side>a|b|civilians)\s*[:=]?\s*(?P<q>\d+)(?![\w-])",
    "deaths", starts="deaths",
)
_SIDES_ITEM_RE = re.compile(r"(?P<side>side\s+[ab]|civilians)\s*[:=]?\s*(?P<q>\d+)", _F)
# A dataset's estimate of one figure: "Best estimate 14, low 10, high 20", "best 7 | low 7 | high 9". The low and
# high bound the dead; they are one claim, not three that add up.
_ESTIMATE_KEY = r"(?P<k{0}>best|low|high)(?:\s+estimate)?\s*[:=]?\s*(?P<q{0}>\d[\d,]*)"
_ESTIMATE_RE = _gated(
    rf"(?<![\w-]){_ESTIMATE_KEY.format(1)}\s*[,;|]\s*{_ESTIMATE_KEY.format(2)}\s*[,;|]\s*{_ESTIMATE_KEY.format(3)}"
    r"(?![\w-])",
    "best", "low", "high", starts="best low",
)
# The field an estimate is of, before it: "Deaths of civilians: best 22, low 22, high 31".
_ESTIMATE_OF = re.compile(r"\b(?:deaths|fatalities)\s+(?:of|among)\s+(?P<noun>[\w-]+)\s*[:=]?\s*$", _F)
# Who a dataset's side is: "Side A: Government of Mali".
_SIDE_NAME = re.compile(r"\bside\s+(?P<side>[ab])\s*[:=]\s*(?P<name>[^;|\n]+)", _F)
_LABEL_OUTCOMES = {"fatalities": "killed", "deaths": "killed", "dead": "killed", "wounded": "injured"}
# Victims told as part of a toll: "29 children were among 51 people killed", "three children were among the
# victims", "the dead include 13 soldiers". Each is a subset of the toll beside it (summary).
_PART_OUTCOMES = {"wounded": "injured", "injured": "injured", "casualties": "casualties"}
_AMONG_RE = _gated(
    rf"(?<![\w-])(?P<np>{_NP_LIST})\s+(?:were|was|are|is)\s+(?:also\s+|reportedly\s+|reported\s+)?among\s+"
    rf"(?:the\s+|those\s+)?(?:(?:{QTY})\s+)?(?:(?:people|persons|others|civilians)\s+)?"
    r"(?P<trig>killed|dead|victims|fatalities|wounded|injured|casualties)\b",
    "among", starts=_GUARD_STARTS, ends="among",
)
_INCLUDE_RE = _gated(
    rf"\b(?:the|those)\s+(?P<trig>dead|killed|victims|fatalities|wounded|injured)\s+(?:include|included|includes)\s+"
    rf"(?P<np>{_NP_LIST})",
    "include included includes", starts="the those",
)
# Who the dead were: "among the dead were a lawmaker and two of his guards", "the dead were a farmer and his son":
# the dead of a toll told beside them, which they fall within (summary).
_DEAD_WERE_RE = _gated(
    rf"(?<![\w-])(?:(?P<among>among)\s+)?(?:the|those)\s+(?P<trig>dead|fatalities|wounded|injured)\s+(?:were|are)\s+"
    rf"(?P<np>{_NP_LIST})",
    "dead fatalities wounded injured", "were are", starts="among the those",
)
# "three of the dead were camel herders": a part of the toll, named by what they were.
_OF_THE_DEAD_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<q>{QTY})\s+of\s+the\s+(?P<trig>dead|fatalities|wounded|injured)\s+(?:were|are)\s+"
    rf"(?:(?:all|also)\s+)?(?P<np>{_MOD}{{0,3}}?(?:{_PLURAL_NOUN}))(?![\w-])",
    "dead fatalities wounded injured", "were are", starts=_GUARD_STARTS,
)
# An object before its verb: "freed 73 of the 80 students they kidnapped", "the 12 hostages the gunmen seized".
_GAP_OBJECT_RE = _gated(
    rf"(?<=\bthe\s)(?P<np>(?:{QTY})\s+{_MOD}{{0,3}}?(?:{_NOUN}))(?![\w-])\s+(?:(?:that|whom)\s+)?"
    r"(?:they|he|she|(?:the\s+)?(?:gunmen|kidnappers|abductors|militants|attackers|bandits|rebels|insurgents))\s+"
    r"(?:had\s+|have\s+|has\s+)?(?P<trig>abducted|kidnapped|killed|wounded|injured|detained|arrested|captured)\b",
    "abducted kidnapped killed wounded injured detained arrested captured",
    "they he she gunmen kidnappers abductors militants attackers bandits rebels insurgents", starts=_GUARD_STARTS,
)
# A victim told before the clause that tells their fate: "drove to the home of a business partner, whom he
# killed", "the neighbour with whom she had quarrelled, whom she also shot dead". "whom" says the phrase
# names a person, a noun the lexicon does not know included; never through "of" ("the home of ..." is a
# place). Most places it is tried at have no "whom" clause after them: its tail is looked for first.
_WHOM_TAIL = (r"whom\s+(?:he|she|they)\s+(?:(?:also|later|then|had|eventually)\s+){0,2}"
              rf"(?P<trig>{alternation(ACTIVE)})(?![\w-])")
_WHOM_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>(?:{QTY}|an?|another|the|his|her|their)\s+(?:(?!{_STOP}\b|of\b)[\w'’-]+\s+){{0,2}}?"
    r"[\w'’-]+)"
    rf"(?:\s+(?:with|to|for|from)\s+whom\s+[^,.;]{{1,60}})?\s*,\s*{_WHOM_TAIL}",
    "whom", starts=_GUARD_STARTS, ends="whom", tail=_WHOM_TAIL,
)
# A headline's subject has no article: "Deputy was shot and killed while serving a warrant", and after an
# opening date, "On March 3, police officer was shot". The singular verb says one person. Tried at the
# sentence's start and after each comma; a phrase with a determiner is the passive frame's.
_HEADLINE_OUTCOMES = [w for w, o in PASSIVE.items() if o in ("killed", "injured") and not w.startswith("in ")]
_HEADLINE_TAIL = (r"was\s+(?:(?:later|also|then|fatally|reportedly)\s+)?"
                  rf"(?P<trig>{alternation(_HEADLINE_OUTCOMES)})\b")
_HEADLINE_SUBJECT_RE = Gated(
    re.compile(
        r"(?!(?:an?|the|one|another|his|her|their|its|this|that|he|she|it|who|which)\b)"
        rf"(?P<np>{_MOD}{{0,2}}?(?:{_SNOUN}))\s+{_HEADLINE_TAIL}",
        _F,
    ),
    (frozenset({"was"}), _last_words(_SINGULAR), _first_words(dict.fromkeys(_HEADLINE_OUTCOMES, ""))),
    begins=re.compile(r"(?<=,\s)\w"),
    tail=re.compile(_HEADLINE_TAIL, _F),
)
# The attacker named by what he is suspected of: "The man suspected of firing on the deputies was also
# killed", "a man accused of wounding two clerks in a robbery in Fargo, on May 2, was killed hours later".
_ACCUSED_TAIL = (r"was\s+(?:(?:also|later|himself|herself|then|eventually|subsequently)\s+)?"
                 r"(?P<trig>killed|shot dead|shot and killed|fatally shot|shot to death)\b")
_ACCUSED_RE = _gated(
    rf"(?<![\w-])(?P<np>(?:the|an?)\s+{_MOD}{{0,2}}?(?:{_SNOUN}))\s+(?:who\s+(?:was|is)\s+)?"
    rf"(?:suspected|accused|believed|thought|alleged(?:ly)?|charged|wanted)\s+(?:of|to\s+have|in|for)\s+"
    rf"[^.;]{{1,120}}?,?\s+{_ACCUSED_TAIL}",
    "suspected accused believed thought alleged allegedly charged wanted", "was", starts="the a an",
    tail=_ACCUSED_TAIL,
)
# A total the writer adds up after telling its parts: "..., totaling five injured victims and one death",
# "for a total of three dead". The claim's span opens at "total", which summary reads as a stated total.
_TOTAL_ITEM = (rf"(?P<q>{QTY})\s+(?:[\w'’-]+\s+)?(?P<t>dead|deaths?|killed|fatalities|wounded|injured|injuries|hurt)\b"
               r"(?:\s+(?:victims?|people|persons))?")
_TOTAL_ITEM_RE = re.compile(_TOTAL_ITEM, _F)
_TOTAL_ITEM_UNNAMED = _TOTAL_ITEM.replace("?P<q>", "?:").replace("?P<t>", "?:")  # a group name may occur once
_TOTAL_RE = _gated(
    rf"\b(?P<trig>total(?:l?ing|l?ed)?(?:\s+of)?)\s+(?P<np>{_TOTAL_ITEM_UNNAMED}"
    rf"(?:(?:\s*,\s*|\s+and\s+){_TOTAL_ITEM_UNNAMED})*)",
    "dead death deaths killed fatalities wounded injured injuries hurt",
    starts="total totaling totalling totaled totalled",
)
_TOTAL_OUTCOMES = {"wounded": "injured", "injured": "injured", "injuries": "injured", "hurt": "injured"}
# "He wounded ten and killed none": nobody killed, a supported zero.
_ZERO_OBJECT_RE = _gated(
    r"\b(?P<trig>killed|killing|wounded|wounding|injured|injuring|hurt|hurting)\s+(?P<np>none|no\s+one|no-one|nobody)\b",
    "none nobody no", starts="killed killing wounded wounding injured injuring hurt hurting",
)
_POSS_RE = _gated(r"\b(?P<np>[A-Z][\w'-]+)['’]s (?P<trig>death|killing|murder)\b", "death killing murder", flags=0)
# "resulted in the death of Tomas Ferro, a rebel commander": a person named in full, one dead.
_DEATH_OF_NAME_RE = _gated(
    r"\b(?P<trig>death|killing|murder) of (?P<np>[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3})(?=[,.;]| who\b| in\b| on\b| during\b)",
    "death killing murder", starts="death killing murder", flags=0,
)
_REFLEXIVE_RE = _gated(
    r"\b(?P<trig>(?:killed|killing|kills|shot|shooting|shoots) (?:himself|herself)|(?:take|took|taking|takes) (?:his|her) own life|"
    # "... before taking his life": the life the attacker takes last is his own
    r"(?:before|then|and) (?:take|took|taking|takes) (?:his|her) life(?=\s*(?:[,.;:]|$|(?:at|in|on|with|when|as)\b))|"
    r"commit(?:s|ted|ting) suicide|(?:turn|put|take|tak|point)(?:ed|ing|s|e)? (?:the|his|her) (?:gun|weapon|rifle|pistol|handgun) "
    r"(?:on|to|at|of) (?:himself|herself|his own head|her own head|his head|her head)|"
    r"end(?:ed|ing|s)? (?:his|her) (?:own )?life|"
    r"(?:blew|blowing|blows) (?:himself|herself) up|detonat(?:ed|ing) (?:his|her) (?:suicide )?(?:vest|explosives))",
    "killed killing kills shot shooting shoots commits committed committing his her himself herself",
    starts=" ".join([
        "killed killing kills shot shooting shoots take took taking takes before then and commits committed",
        "committing end ended ending ends blew blowing blows detonated detonating",
        *(stem + ending for stem in ("turn", "put", "take", "tak", "point") for ending in ("", "ed", "ing", "s", "e")),
    ]),
)
# Blotters and incident summaries tell a wound, not a verb: "found a man with a gunshot wound to the leg",
# "a daughter, 15, survived with a gunshot wound", "the victim, suffering from stab wounds, was taken to ...".
_WOUND_WORDS = "gunshot stab bullet shrapnel"
# Most places it is tried at have no wound after them: its tail is looked for first.
_WOUND_TAIL = (
    r"(?:with|suffering(?:\s+from)?|suffered|sustained|sustaining|treated\s+for)\s+"
    r"(?:(?:a|an|one|two|three|multiple|several|apparent|possible|non-life-threatening|life-threatening|serious|"
    r"critical|minor|self-inflicted|single|severe|graze)\s+){0,3}"
    rf"(?P<trig>{alternation(_WOUND_WORDS.split())}\s+wounds?)\b"
)
# Nor past another outcome of the subject's: "one officer lost his life and two others sustained ...".
_OTHER_FATE = r"(?:dead|died|killed|lost|life|lives)"
_WOUND_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>{_NP_ONE})(?:\s*,[^,.;]{{1,40}},)?\s+(?:(?!{_OTHER_FATE}\b)[\w'’-]+\s+){{0,6}}?"
    + _WOUND_TAIL,
    "wound wounds", _WOUND_WORDS, starts=_GUARD_STARTS, holds=_VICTIM_LAST_WORDS, tail=_WOUND_TAIL,
)
# "Two jawans sustained injuries", "a commando suffered a bullet injury to his leg": an injury told as a noun.
_INJURY_TAIL = (
    r"(?:suffered|sustained|sustaining|treated\s+for|"
    # "was rushed to hospital with serious head injuries"
    r"(?:rushed|taken|admitted|airlifted|flown)\s+to\s+(?:(?:a|the)\s+)?(?:[\w'’-]+\s+){0,3}?hospital\s+with)\s+"
    r"(?:(?:a|an|minor|serious|severe|critical|grievous|multiple|"
    r"bullet|gunshot|splinter|shrapnel|non-life-threatening|life-threatening|head|burn|stab)\s+){0,3}"
    r"(?P<trig>injur(?:y|ies))\b"
)
_INJURY_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>{_NP_ONE})(?:\s*,[^,.;]{{1,40}},)?\s+(?:(?!{_OTHER_FATE}\b)[\w'’()-]+\s+){{0,6}}?"
    + _INJURY_TAIL,
    "injury injuries", "suffered sustained sustaining treated hospital", starts=_GUARD_STARTS, holds=_VICTIM_LAST_WORDS,
    tail=_INJURY_TAIL,
)
# A hospital's count: "had treated 14 people for gunshot wounds", "admitted 23 patients with stab injuries".
_TREATED_RE = _gated(
    rf"\b(?P<trig>treated|treating|admitted|admitting)\s+(?P<np>{_NP_ONE})\s+(?:for|with)\s+"
    r"(?:(?:gunshot|bullet|stab|knife|machete|shrapnel|blast|burn|serious|minor|severe)\s+(?:and\s+[\w-]+\s+)?)?"
    r"(?:wounds|injuries)\b",
    "treated treating admitted admitting", "wounds injuries", starts="treated treating admitted admitting",
)
_DETERMINER = re.compile(r"(?<![\w-])(?:an?|the|one|his|her|their)\s", _F)
# "... with a gunshot wound to the head and was pronounced dead": the wound that killed, told as a cause.
_DIED_AFTER = re.compile(r"\b(?:dead|died|dies|killed|succumbed|fatal(?:ly)?|deceased)\b", _F)
# "No ISAF or Afghan forces were injured", "no injuries to Afghan or coalition forces": forces are the military.
_FORCES = r"(?:security\s+|armed\s+|coalition\s+|government\s+)?forces"
# People shot, then the dead among them: "shot eleven people, four of them fatally", "seven people were
# shot, one of them was killed". The rest were wounded.
_SHOT_WORDS = "shot shooting shoots"
_NOT_SHOT_ONLY = r"(?!\s+(?:and\s+|or\s+)?(?:killed|wounded|injured|dead|to\s+death|fatally|in\s+the\s+head))"
_SHOT_RE = _gated(
    rf"(?<![\w-])(?P<trig>shot|shooting|shoots)\s+(?P<np>{_NP_ONE}){_NOT_SHOT_ONLY}", _SHOT_WORDS, starts=_SHOT_WORDS,
)
# Most places it is tried at have no "were shot" after the subject: its tail is looked for first.
_SHOT_TAIL = rf"(?:were|had\s+been|have\s+been|got)\s+(?P<trig>shot){_NOT_SHOT_ONLY}"
_SHOT_PASSIVE_RE = _gated(
    rf"(?<![\w-]){_GUARD}(?P<np>{_NP_ONE})\s+{_SHOT_TAIL}",
    "shot", "were been got", starts=_GUARD_STARTS, ends="shot", holds=_VICTIM_LAST_WORDS, tail=_SHOT_TAIL,
)
# Victims added after the clause that told the outcome: "a commander was killed in the strike, officials
# said, along with two of his guards". They share the outcome of the victims told last before them.
_ALONG_RE = _gated(
    rf"(?:,\s*|\s+)(?P<trig>along\s+with|together\s+with)\s+(?P<np>{_NP_ONE})",
    "with", "along together",
)
_ZERO_SUBJECT_RE = _gated(
    rf"\b(?:no|none of (?:the|its|their|our|his|her)|not a single|not one)\s+(?:{_MOD}{{0,2}}?|[\w.-]+\s+or\s+[\w.-]+\s+)"
    # "none of the soldiers aboard was hurt", "none of the personnel in the team was hurt": where they were
    rf"(?P<np>{_NOUN}|{_FORCES}|one|body)\b(?:\s+(?:aboard|on\s+board|(?:in|on|at|inside)\s+(?:the|its|their)\s+[\w-]+))?"
    rf"{_GAP}(?P<trig>{alternation(PASSIVE)})\b"
    rf"|\b(?P<np2>nobody|no-one)\b{_GAP}(?P<trig2>{alternation(PASSIVE)})\b",
    "no none not nobody", starts="no none not nobody", ends=_PASSIVE_WORDS,
)
_BOTH_OUTCOMES = {f"killed {joint} {hurt}": ("killed", "injured") for joint in ("or", "and") for hurt in ("wounded", "injured")}
_ZERO_NOUN_RE = _gated(
    r"\b(?:no|without(?: any)?|zero)\s+(?:(?:reports?|evidence|indications?|signs?|word)\b[^.;]{0,30}?\bof\s+(?:any\s+)?)?"
    r"(?:(?P<adj>civilian|coalition|ISAF|Afghan|US|U\.S\.|friendly|police|military|other|reported|further|"
    r"additional|immediate|known|confirmed|serious)\s+)?(?P<trig>casualties|injuries|deaths|fatalities|loss of life)"
    rf"(?:\s+(?:to|among)\s+(?:the\s+)?(?:[\w.-]+\s+(?:or|and)\s+)?(?:[\w.-]+\s+)??(?P<np>{_NOUN}|{_FORCES})\b)?",
    "no without zero", starts="no without zero",
)
# "all the jawans escaped unhurt", "the driver was unharmed": the ones named came to no harm.
_UNHURT_RE = _gated(
    rf"\b(?:(?:all|both)\s+(?:of\s+)?)?(?:the|its|their|our|his|her)\s+{_MOD}{{0,2}}?(?P<np>{_NOUN}|{_FORCES})\b"
    r"(?:\s+on\s+board|\s+aboard|\s+inside)?\s+(?:all\s+)?(?:escaped|were|was|remained|are|is)\s+(?:all\s+)?"
    r"(?P<trig>unhurt|unharmed|unscathed|uninjured)\b",
    "unhurt unharmed unscathed uninjured", ends="unhurt unharmed unscathed uninjured",
)
_ZERO_NEG_RE = _gated(
    rf"\b(?:not|n't|never)\s+(?:\w+\s+){{0,2}}?(?P<trig>killed|injured|wounded|harmed|hurt)\s+(?:any|a single)\s+"
    rf"(?:\w+\s+)?(?P<np>{_NOUN})\b",
    "any single", starts="not n never",
)
# "denied that civilians were killed", and "no evidence that civilians were killed" as its softer form.
_DENY_RE = _gated(
    r"\b(?:denied|denies|deny|denying|rejected|dismissed|refuted|"
    r"no\s+(?:evidence|indications?|signs?)\s+(?:to\s+suggest\s+)?that)\b"
    rf"[^.;]{{0,40}}?\b(?:any\s+)?(?P<adj>civilian)?\s*"
    # "denied that civilians had been hit": struck, as "harmed" says, by what the denier fired
    rf"(?:(?P<np>{_NOUN})\b{_GAP}(?P<trig>{alternation(PASSIVE)}|hit)\b|(?P<trig2>casualties|deaths))",
    "denied denies deny denying rejected dismissed refuted evidence indication indications sign signs",
    starts="denied denies deny denying rejected dismissed refuted no",
)
# Every item begins with a letter or a digit: the lookahead turns away the places between words at once,
# where the engine would otherwise try each alternative.
_NP_ITEM_RE = patterns.compile(
    rf"(?=[^\W_])(?:(?P<one>{_NP_ONE})|(?P<generic>{_GENERIC_ONE})|(?P<bare>(?:all\s+)?{QTY}|another|{_ORDINAL_ONE})|(?P<person>{_BARE_PERSON})(?![\w-]))", _F
)
_AUX_RE = re.compile(r"\b(?:were|was|are|is|been|be|being|got|get|remain|remained|dies|died)\b", _F)
_HEADLINE_END_RE = re.compile(r"^\s*(?:[,.;:)\"”]|and\b|in\b|on\b|at\b|by\b|during\b|when\b|after\b|$)", _F)
_BY_POLICE_RE = re.compile(r"^\s*by\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}(?:police|officers?|deputy|deputies|sheriff|troopers?|guards?|security|SWAT|agents?)", _F)
# "... before police shot him dead", "when a deputy fatally shot her": police open the clause that kills
# the one just named. Not "a former police officer shot and killed him", where an officer is the attacker.
_POLICE_SUBJECT_RE = re.compile(
    r"(?:^|[,;]|\b(?:before|after|until|when|and|then|but))\s*(?:(?:the|a|an|two|several)\s+)?"
    r"(?:(?:responding|arriving|local|state|federal|sheriff's|SWAT)\s+)?"
    r"(?:police(?:m[ae]n)?|(?:police\s+)?officers?|deput(?:y|ies)|sheriff|troopers?|SWAT(?: team)?|agents?)\s+"
    r"(?:(?:\w+ly|then|later|eventually|shot|and|had|have)\s+){0,3}$",
    _F,
)
# "a bystander fired at the shooter, killing him": the attacker fired at is the one killed.
_AT_ATTACKER_RE = re.compile(
    rf"\b(?:fired|shot|opened\s+fire|returned\s+fire)\s+(?:at|on|upon)\s+(?:the|a|an)\s+{_MOD}{{0,2}}?"
    rf"(?:{alternation(sorted(PERPETRATOR_NOUNS))})\s*,?\s*$",
    _F,
)
# "After a standoff with police he was shot and killed": the one who held out against police.
_AGAINST_POLICE_RE = re.compile(
    r"\b(?:(?:standoff|stand-off|shootout|shoot-out|gunfight|gun battle|firefight|exchange of (?:gun)?fire|chase|"
    r"pursuit)\s+with\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}?|led\s+(?:the\s+)?)"
    r"(?:police|officers|deputies|troopers|SWAT|law enforcement)\b",
    _F,
)
# "him" or "her" as the object itself, not "her" in "her fiance".
_PRONOUN_OBJECT_END = re.compile(r"\s*(?:dead\b|[,.;:)]|$|and\b|before\b|after\b|in\b|at\b|on\b|outside\b|inside\b|when\b|as\b)", _F)
_PRONOUN_PASSIVE_RE = _gated(
    r"(?<![\w-])(?P<np>he|she)\s+(?:was|had been|has been|is|being)\s+(?:(?:later|then|eventually|also|subsequently|fatally|himself|herself)\s+)?(?P<trig>shot and killed|shot dead|killed|fatally shot|fatally wounded)\b"
    r"|\b(?:before|after|until|upon)\s+(?P<np2>being)\s+(?P<trig2>shot and killed|shot dead|killed|fatally shot|fatally wounded)\b",
    "killed dead shot wounded", starts="he she before after until upon",
)
# "The man fired at officers, wounding one": a count with no noun of its own, before any other victims in
# its sentence, counts the ones fired at or attacked ("attacked a police checkpoint, killing four").
_TARGET_RE = re.compile(
    rf"\b(?:(?:fired|firing|fires|opened fire|opening fire|shot)\s+(?:at|on|upon|into)|"
    rf"(?:attacked|attacking|ambushed|ambushing|targeted|targeting))\s+"
    rf"(?:(?:a|an|the|their|his|two|three|four|several|a group of)\s+)?{_MOD}{{0,2}}?(?P<noun>{_NOUN})(?![\w-])",
    _F,
)


# A word every _TARGET_RE match holds, whole: most sentences with a count hold none of them.
_TARGET_WORDS = _words("fired firing fires opened opening shot attacked attacking ambushed ambushing targeted targeting")


def _target_group(text: str, start: int, end: int, present: frozenset[str]) -> str | None:
    """The victims of the last attack on a group in ``text[start:end]``; ``present`` holds (at least) the
    words that start there."""
    if _TARGET_WORDS.isdisjoint(present):
        return None
    found = None
    for found in _TARGET_RE.finditer(text, start, end):
        pass
    return _group_of(found.group("noun")) if found else None


_QTY_PREFIX_RE = re.compile(rf"^(?P<q>{QTY})\s+", _F)
_NOUNS_LOWER = {k.lower(): k for k in VICTIM_NOUNS if "(" not in k and "?" not in k}
_NOUN_MAX_WORDS = max(len(k.split()) for k in _NOUNS_LOWER)


def _noun_at_end(phrase: str) -> str:
    """The victim noun that ends a phrase ('two US servicemen' -> 'servicemen'), or ''."""
    words = phrase.split()
    for k in range(min(_NOUN_MAX_WORDS, len(words)), 0, -1):
        tail = " ".join(words[-k:])
        if tail.lower() in _NOUNS_LOWER:
            return tail
    return ""
_BACKGROUND_RE = re.compile(
    r"\b(?:responsible for|linked to|involved in|connected to|tied to|plann(?:ed|ing|er of)|orchestrat\w+|"
    r"suspected of|wanted for|known for|blamed for|[Ll]ast year|[Ll]ast month|years ago|months ago|"
    r"a year earlier|the year before|anniversary|"
    # Tallies over many operations and earlier, similar incidents: "have ... recently captured or killed a
    # large number of insurgents", "during a similar operation ... killing more than 30".
    r"(?:have|has) [^.;]{0,60}\brecently|[Ii]n recent (?:days|weeks|months)|"
    r"[Oo]ver the (?:past|last) (?:few |several )?(?:days|weeks|months|years)|"
    r"[Ss]o far this year|a similar|"
    # A protest over a killing is another event than the killing: "protested against the killing of a journalist".
    r"(?:protest\w*|demonstrat\w+|rall\w+|march\w*)(?:\s+(?:in|at|outside|near|on)\s+(?:the\s+)?[\w-]+)?"
    r"\s+(?:against|over|to condemn|to denounce)|in protest (?:at|against|over))\b"
)
# A word every _BACKGROUND_RE match holds, whole, but for "orchestrat\w+": most sentences with a figure hold
# none, and the search tried at every character before the figure cost more than all their other checks.
_BACKGROUND_WORDS = _words(
    "responsible linked involved connected tied planned planning planner suspected wanted known blamed last ago "
    "earlier before anniversary recently recent over far similar against condemn denounce protest"
)


def _background(text: str, s: Sentence, at: int, present: frozenset[str]) -> bool:
    """Whether the words of a sentence before a figure at ``at`` tell of another time or deed than the event
    (``_BACKGROUND_RE``); ``present`` holds the words of the sentence."""
    if _BACKGROUND_WORDS.isdisjoint(present) and text.find("orchestrat", s.start, at) < 0:
        return False
    return _BACKGROUND_RE.search(text, s.start, at) is not None
# "Officials initially reported 12 dead, but the figure was later revised down to nine", "Earlier reports
# that 20 villagers had been killed were wrong": a first figure its own sentence withdraws.
_SUPERSEDED_BEFORE = re.compile(
    r"\b(?:(?:initially|originally|previously|earlier|first)\s+(?:reported|said|put|gave|announced|claimed|stated)|"
    r"(?:initial|earlier|previous|original|first)\s+(?:reports?|figures?|tolls?|estimates?|counts?|versions?))\b",
    re.IGNORECASE,
)
# "The minister had earlier said that four people were killed", "the police chief earlier said at least 59":
# a figure the report tells as said before, which a later one replaced.
_SUPERSEDED_PAST = re.compile(
    r"\b(?:had\s+(?:earlier|previously|initially|originally|first)|earlier|previously|initially|originally)\s+"
    r"(?:reported|said|put|given|gave|announced|claimed|stated)\b",
    re.IGNORECASE,
)
# "the bodies of 45 victims had been identified so far": a partial count, which a fuller figure covers (summary).
_PARTIAL = re.compile(r"\b(?:so|thus)\s+far\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\s(?:and|but|while|whereas)\s", re.IGNORECASE)


def _partial(text: str, s: Sentence, span: Span) -> bool:
    """Whether the clause of a figure says the count is not complete ("so far"), not another clause of its sentence."""
    if not _PARTIAL.search(text, s.start, s.end):
        return False
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, s.start, span[0])), default=s.start)
    after = _CLAUSE_BREAK.search(text, span[1], s.end)
    return bool(_PARTIAL.search(text, start, after.start() if after else s.end))


# "..., but the figure was later revised to nine": what follows a contrast is the later figure.
_CONTRAST = re.compile(r";|\s(?:but|while|whereas|however)\s", re.IGNORECASE)
_SUPERSEDED_PAST_WORDS = _words("earlier previously initially originally first")


def _said_earlier(text: str, s: Sentence, at: int) -> bool:
    """Whether the words before a figure at ``at``, from the last contrast of its sentence on, tell it as said
    before ("The minister had earlier said that four ..."; not "..., but police had earlier said five" for the
    figure before the contrast)."""
    start = max((m.end() for m in _CONTRAST.finditer(text, s.start, at)), default=s.start)
    return _SUPERSEDED_PAST.search(text, start, at) is not None
_SUPERSEDED_WORDS = _words(
    "revised corrected wrong incorrect inaccurate mistaken erroneous overstated understated retracted lowered raised "
    "updated"
)
_SUPERSEDED_AFTER = re.compile(rf"\b(?:{'|'.join(sorted(_SUPERSEDED_WORDS))})\b", re.IGNORECASE)
_SEP_BEFORE = re.compile(rf"(?:{_SEP})$", _F)
# "others" are more of the victims just named; "other people" are people ("killed a woman and wounded five
# other people": five people, not five women).
_INHERIT = {"others", "more", "additional"}
_ORDINAL_ONE_RE = re.compile(_ORDINAL_ONE, _F)
# Any space may follow: scraped text wraps lines anywhere ("killed a\nsuspected insurgent").
_SINGULAR_DETERMINER = re.compile(r"(?:a|an|one|the|his|her|their|its)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VictimPhrase:
    span: Span
    count: Count
    victims: Victims
    inherit: bool
    subset: bool


# By the lower-case noun: the lexicon writes some in capitals ("MP", "UN staff").
_GROUPS_LOWER = {k.lower(): g for k, g in VICTIM_NOUNS.items()}


@lru_cache(maxsize=4096)
def _group_of(noun: str) -> str:
    n = " ".join(noun.lower().split())
    if n in _GROUPS_LOWER:
        return _GROUPS_LOWER[n]
    for key, group in VICTIM_NOUNS.items():
        if ("(" in key or "?" in key or "[" in key) and re.fullmatch(key, n, re.IGNORECASE):
            return group
    return "people"


def _side_group(text: str, side: str) -> str:
    """The victims a dataset's side stands for, by its name in the entry: a government's dead are its forces, a
    non-state side's are militants; "people" when the entry does not name it."""
    name = next((m.group("name") for m in _SIDE_NAME.finditer(text) if m.group("side").lower() == side), None)
    if name is None:
        return "people"
    name = name.strip().lower()
    return "military" if name.startswith("government") else "civilians" if name == "civilians" else "militants"


def _forces_or_group(noun: str) -> str:
    """``_group_of``, with the bare "forces" of a zero ("no Afghan or coalition forces were hurt") as the military."""
    return "military" if noun.lower().endswith("forces") else _group_of(noun)


_AFFILIATION_RES = tuple(
    (re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])"), AFFILIATIONS[key])
    for key in sorted(AFFILIATIONS, key=len, reverse=True)
)
_ANY_AFFILIATION = re.compile(rf"(?<![\w-]){alternation(AFFILIATIONS)}(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _affiliation(words: str) -> str | None:
    """The affiliation named in ``words``; the longest key wins wherever it stands."""
    lowered = words.lower()
    if not _ANY_AFFILIATION.search(lowered):
        return None
    return next((value for key, value in _AFFILIATION_RES if key.search(lowered)), None)


def _victim_phrase(text: str, start: int, end: int, inherited: str | None) -> VictimPhrase | None:
    raw = text[start:end]
    low = raw.lower()
    if low in ("himself", "herself"):
        return VictimPhrase((start, end), Count(1, 1, "exact", raw), Victims("people", affiliation="perpetrator"), False, False)
    if low in ("them both", "both of them"):
        return VictimPhrase((start, end), Count(2, 2, "exact", raw), Victims(inherited or "people"), True, False)
    if low in ("all of them", "them all"):
        return None
    if low in ("him", "her"):
        return VictimPhrase((start, end), Count(1, 1, "exact", raw), Victims(inherited or "people", description=low), False, False)
    if _BARE_PERSON_RE.fullmatch(raw):
        return VictimPhrase((start, end), Count(1, 1, "exact", raw), Victims(_group_of(low), description=low), False, False)
    poss = _POSSESSIVE.match(raw)
    if poss and _QTY_PREFIX_RE.match(raw[poss.end():]):
        start += poss.end()
        raw = raw[poss.end():]
        low = raw.lower()
    if QTY_RE.fullmatch(raw) and is_toll_like(text, start, end):
        whole = parse_quantity(raw)
        if whole is not None:
            # A bare number takes the victims of the phrase before it ("killing two insurgents and wounding three").
            return VictimPhrase((start, end), whole, Victims(inherited or "people"), True, False)
    q = _QTY_PREFIX_RE.match(raw)
    if q and not is_toll_like(text, start, start + len(q.group("q"))):
        return None
    if q:
        count = parse_quantity(q.group("q"))
        if count is None or count.vague_word == "unknown":
            return None  # "an unknown number of militants": victims named, but no figure to claim
        rest = raw[q.end():]
    elif _SINGULAR_DETERMINER.match(low) or low == "another" or (
        # "wounded another woman", "another soldier died": one more, named ("another two" is a count)
        low.startswith("another") and parse_quantity(raw) is None
    ):
        count = Count(1, 1, "exact", raw.split()[0])
        rest = raw[len(raw.split()[0]):].strip()
        if not rest:
            return VictimPhrase((start, end), count, Victims(inherited or "people"), True, False)
        if rest.lower().removesuffix(" one") in ORDINALS:
            # "a third": summary counts it from the victims before it (its description holds the ordinal)
            return VictimPhrase((start, end), count, Victims(inherited or "people", description=rest.lower().removesuffix(" one")), True, False)
    else:
        whole = parse_quantity(raw)
        if whole is None or not is_toll_like(text, start, end):
            return None
        return VictimPhrase((start, end), whole, Victims(inherited or "people"), True, False)
    aged = _AGE_NOUN.search(rest)
    if aged:
        group = "children" if int(aged.group(1)) < _ADULT_AGE else "people"
        return VictimPhrase((start, end), count, Victims(group, description=" ".join(rest.split()).lower()), False, False)
    name = None
    if "," in rest:
        rest, name = rest.split(",", 1)
        # "a Haqqani commander, identified as Mullah Rahim,": the name is what follows the phrase
        name = _NAMED_AS.sub("", name.strip().rstrip(",")) or None
    # "killing two more": more of the victims just named.
    noun = _noun_at_end(rest.strip()) or (rest.strip() if rest.strip().lower() in _INHERIT else "")
    generic = not noun and bool(rest.strip())
    head = rest.strip().split()[-1] if generic else ""
    demonym = bool(_DEMONYMS.fullmatch(head))
    if generic and not _PERSONLIKE.search(head) and not demonym:
        return None
    # "two American soldiers were killed, three Americans wounded": where people are from names their side;
    # what they are carries on from the victims before them.
    inherit = noun.lower() in _INHERIT or (not noun and not generic) or demonym
    group = inherited or "people" if inherit else _group_of(noun)
    mods = rest.strip()[: len(rest.strip()) - len(noun)] if noun else rest
    if noun.lower() in ("members", "member") and _OF_A_FAMILY.match(text, end):
        group = "civilians"  # "five members of the Hassan family", as the lexicon has "members of the family"
    if group == "police" and noun.lower() in ("officer", "officers") and _CIVIL_OFFICE.search(mods):
        group = "people"  # "an academic affairs officer", "a loan officer": a job title, not the police
    elif group == "police" and noun.lower() in ("officer", "officers") and (
        _ARMED_FORCE.search(mods) or (_OF_ITS.match(mods) and _ARMED_FORCE.search(text, max(0, start - 60), start))
    ):
        group = "military"  # "two Afghan National Army officers", "the military said one of its officers"
    elif group == "military" and _POLICE_WORD.search(mods):
        group = "police"  # "a police captain", "a police colonel": the rank of a police officer
    elif noun.lower() in ("chief", "chiefs") and (_POLICE_WORD.search(mods) or _ARMED_FORCE.search(mods)):
        group = "police" if _POLICE_WORD.search(mods) else "military"  # "the police chief", "an army chief"
    affiliation = _affiliation(head[:-1] if demonym else mods) if mods.strip() else None
    if affiliation is None:
        # "4 SDF fighters", "two Wagner contractors": a side the lexicon does not know is still a side, so
        # that they are not taken for a restatement of "6 ISIS militants".
        affiliation = next((w for w in mods.split() if _SIDE_WORD.fullmatch(w)), None)
    if noun.lower() in ("taliban", "talibans"):
        affiliation = "Taliban"
    elif noun.lower() in GROUP_ACRONYMS:
        affiliation = GROUP_ACRONYMS[noun.lower()][1]
    elif affiliation and affiliation.lower() in GROUP_ACRONYMS and group == "militants":
        # "two CJTF members": a member of a pro-government militia is of its side
        group, affiliation = GROUP_ACRONYMS[affiliation.lower()]
    if noun.lower() in PERPETRATOR_NOUNS:
        if count.low == 1 and count.high == 1:
            affiliation = "perpetrator"
        else:
            group = "militants"
    elif affiliation in MILITANT_AFFILIATIONS and group in ("people", "civilians"):
        group = "militants"
    description = " ".join(rest.split()).lower() or None
    partitive = bool(_PARTITIVE.match(rest.strip()))
    return VictimPhrase(
        (start, end), count, Victims(group, (), affiliation, name, description), inherit,
        partitive or bool(SUBSET_NOUNS.search(noun)),
    )


_BARE_PERSON_RE = re.compile(_BARE_PERSON, _F)
_POSSESSIVE = re.compile(r"(?:his|her|their|its)\s+", _F)
_PARTITIVE = re.compile(r"of\s+(?:the|them|those)\b", _F)
_INCLUDED_NOUN = re.compile(rf"\b(?:{_NOUN})\b", _F)
_NEGATION_BEFORE = re.compile(r"\b(?:not|n't|never|no one|nobody|without)\b[\w\s]*$")
# People named by where they are from: "nine Varosans", "two Iraqis", "three Yemenites".
_DEMONYMS = re.compile(r"(?-i:[A-Z][a-z]+(?:an|i|ite)s)")
_SIDE_WORD = re.compile(r"(?-i:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]+(?:an|ian|ese|i|ish|ite))")
_OF_A_FAMILY = re.compile(r"\s+of\s+(?:the|a|an|one|his|her|their)\s+(?:[\w'’-]+\s+){0,2}famil(?:y|ies)\b", _F)
_CIVIL_OFFICE = re.compile(
    r"\b(?:affairs|loan|loans|credit|medical|health|education|election|electoral|information|press|program|"
    r"programme|project|finance|financial|compliance|executive|relief|liaison|admissions|planning|records|"
    r"communications|marketing|technology|safety|welfare|housing|benefits|parole|probation)\b",
    _F,
)
_ARMED_FORCE = re.compile(
    r"\b(?:army|military|naval|navy|air\s+force|marine|marines|armed\s+forces|defen[cs]e\s+forces|ANA|IRGC|"
    r"Revolutionary\s+Guards?|paratroop\w*|infantry|artillery|coalition|ISAF|NATO|peacekeeping)\b",
    _F,
)
_AGE_NOUN = re.compile(r"(?<![\w-])(\d{1,3})-year-olds?$")
_UNBORN = re.compile(r"\bunborn\b", _F)
_OF_ITS = re.compile(r"of\s+(?:its|their)\s", _F)
_NAMED_AS = re.compile(r"^(?:identified|named|known)\s+as\s+", _F)
_POLICE_WORD = re.compile(r"\bpolice\b", _F)
_PARTITIVE_OF = re.compile(r"\b(?:more|some|several|many|most|others?)\s+of\s+$", _F)
_OF_BEFORE = re.compile(r"\b(?:of|on|at|from|in)\s+$", _F)


# An age set off by commas after the person it describes: "his wife, Mira Varek, 36, and their son, 8",
# "their two sons, ages 12 and 9".
_AGE_AFTER = re.compile(r",\s*(?:(?:ages?|aged)\s+)?(?P<ages>\d{1,3}(?:(?:\s*,\s*|\s*,?\s*and\s+)\d{1,3})*)(?=\s*(?:[,.;)]|and\b|$))", _F)
_AGE_NUMBER = re.compile(r"\d+")
_ADULT_AGE = 18


def _with_ages(text: str, phrase: VictimPhrase) -> tuple[VictimPhrase, int]:
    """``phrase`` and the end of the ages that follow it; people whose ages are all under 18 are children."""
    # Most phrases are not followed by a comma: spare them the pattern.
    m = _AGE_AFTER.match(text, phrase.span[1]) if text.startswith(",", phrase.span[1]) else None
    if m is None:
        return phrase, phrase.span[1]
    ages = [int(a) for a in _AGE_NUMBER.findall(m.group("ages"))]
    if phrase.count.low != phrase.count.high or len(ages) != phrase.count.low:
        return phrase, phrase.span[1]  # "two teachers, 41 students": a count of its own, not their ages
    if max(ages) < _ADULT_AGE and phrase.victims.group in ("civilians", "people"):
        phrase = replace(phrase, victims=replace(phrase.victims, group="children"))
    return phrase, m.end()


# "killing all but one", "all but two of the 14 passengers": the ones left out of a group counted elsewhere.
_ALL_BUT = re.compile(r"all\s+but\s", _F)
_ALL_BUT_OF = re.compile(rf"\s+of\s+(?:the|those|its|their|his|her)\s+(?P<q>{QTY})\s+{_MOD}{{0,2}}?(?P<noun>{_NOUN})(?![\w-])", _F)
_COUNTED_GROUP = re.compile(rf"(?<![\w-])(?P<q>{QTY})\s+{_MOD}{{0,2}}?(?P<noun>{_NOUN})(?![\w-])", _F)
_SENTENCE_BREAK = re.compile(r"[.;!?]\s")
_ALL_BUT_LOOKBACK = 300


def _all_but(text: str, phrase: VictimPhrase) -> VictimPhrase | None:
    """The victims of "all but K": the group's count less K, from "of the N ..." after it or else from the
    last counted group earlier in its sentence; None when no such count is told."""
    start = phrase.span[0]
    group = _ALL_BUT_OF.match(text, start + len(phrase.count.text))
    # "all but two of the 14 passengers" counts the passengers killed, not a part of a toll told beside it
    subset = phrase.subset and group is None
    if group is None:
        window = max(0, start - _ALL_BUT_LOOKBACK)
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, window, start)]
        for group in _COUNTED_GROUP.finditer(text, breaks[-1] if breaks else window, start):
            pass
    whole = parse_quantity(group.group("q")) if group else None
    left = phrase.count.low
    if whole is None or whole.low is None or whole.low != whole.high or left is None or left >= whole.low:
        return None
    count = Count(whole.low - left, whole.low - left, "exact", phrase.count.text)
    return replace(phrase, count=count, victims=replace(phrase.victims, group=_group_of(group.group("noun"))), inherit=False,
                   subset=subset)


_SAYS_BETWEEN = re.compile(r"\s+(?:reports|reported|says|said|confirms|confirmed)\s+", _F)


def _split_np_list(text: str, start: int, end: int, inherited: str | None) -> list[VictimPhrase]:
    out: list[VictimPhrase] = []
    ages_end = -1
    for m in _NP_ITEM_RE.finditer(text, start, end):
        if m.start() < ages_end:
            continue  # an age of the person before, not a count
        if out and _OF_BEFORE.search(text, max(start, m.start() - 6), m.start()):
            # "the wife of a retired serviceman", "three professors on his dissertation committee": the
            # object of a preposition says whose or where, and is not another victim.
            continue
        if out and _SAYS_BETWEEN.fullmatch(text, out[-1].span[1], m.start()):
            # "THE KUNDUZ GOVERNOR REPORTS THE COMMANDER WAS KILLED", read without its case: who reports it is
            # its speaker, not a victim
            out.clear()
        phrase = _victim_phrase(text, m.start(), m.end(), out[-1].victims.group if out else inherited)
        if phrase is not None and phrase.count.text[:3].lower() == "all" and _ALL_BUT.match(phrase.count.text):
            phrase = _all_but(text, phrase)
        if phrase is not None:
            phrase, ages_end = _with_ages(text, phrase)
            out.append(phrase)
    if (len(out) == 2 and all(p.count.low == p.count.high == 1 for p in out)
            and text[out[0].span[1] : out[1].span[0]].strip() == "," and text.startswith(",", out[1].span[1])):
        # "killing his intended target, the shop's owner, and wounding two clerks": set off by commas on
        # both sides with no "and" before it, the second names the first again.
        return out[:1]
    return out


def _includes(text: str, span: Span | None) -> tuple[str, ...]:
    if span is None:
        return ()
    found = []
    for m in _INCLUDED_NOUN.finditer(text[span[0] : span[1]]):
        g = _group_of(m.group(0))
        if g not in found:
            found.append(g)
    return tuple(found)


@dataclass(frozen=True, slots=True)
class _Candidate:
    outcome: str
    phrase: VictimPhrase
    span: Span
    includes: tuple[str, ...]


# Every frame a sentence is tried with, gated at once (cues.Frames); _candidates reads their matches.
_FRAMES = Frames(
    _ZERO_SUBJECT_RE, _ZERO_NOUN_RE, _ZERO_NEG_RE, _UNHURT_RE, _DENY_RE, _ACTIVE_RE, _PASSIVE_RE, _TITLED_RE, _BARE_PASSIVE_RE,
    _COORD_PASSIVE_RE, _OF_THEM_RE, _COUNT_NOUN_RE, _OF_RE, _TOLL_RE, _NUMBER_OF_RE, _TO_DEATH_RE, _CUSTODY_RE, _REVISED_RE,
    _SUCCUMBED_RE, _LABEL_RE, _SIDES_RE, _ESTIMATE_RE, _GENERIC_PASSIVE_RE, _AMONG_RE, _INCLUDE_RE, _GAP_OBJECT_RE,
    _POSS_RE, _DEATH_OF_NAME_RE, _PRONOUN_PASSIVE_RE, _REFLEXIVE_RE, _DEFINITE_ACTIVE_RE, _DEFINITE_PASSIVE_RE,
    _WOUND_RE, _INJURY_RE, _TREATED_RE, _SHOT_RE, _SHOT_PASSIVE_RE, _ALONG_RE, _WHOM_RE, _HEADLINE_SUBJECT_RE, _ACCUSED_RE, _TOTAL_RE,
    _ZERO_OBJECT_RE, _TAKEN_RE, _DEAD_WERE_RE, _OF_THE_DEAD_RE,
)


def _candidates(
    text: str, scanned: SentenceWords, s: Sentence, known_names: dict[str, Victims], antecedents: _Antecedents
) -> list[_Candidate]:
    """Every (outcome, victim phrase) pair the frames find in one sentence, in text order."""
    hits = _FRAMES.finditer(text, scanned, s.start, s.end)
    if not hits:
        return []  # every candidate comes from a frame's match
    found: dict[tuple[int, int, str], _Candidate] = {}

    def add(outcome: str, np_span: Span, trig_span: Span, incl: Span | None, zero_group: str | None = None,
            subject: bool = False, part: bool = False) -> None:
        span = (min(np_span[0], trig_span[0]), max(np_span[1], trig_span[1], incl[1] if incl else 0))
        if zero_group is not None:
            phrase = VictimPhrase(np_span, Count(0, 0, "none", text[np_span[0]:np_span[1]]), Victims(zero_group), False, False)
            found.setdefault((np_span[0], np_span[1], outcome), _Candidate(outcome, phrase, span, ()))
            return
        # A count with no noun takes the victims of the phrase just before it ("killing two insurgents and
        # wounding three"), never of one a frame found earlier further on ("freed the 15 hostages and
        # killed the two attackers": the hostages are not attackers).
        before = [c.phrase for c in found.values()
                  if c.phrase.span[1] <= np_span[0] and c.phrase.count.qualifier != "none"]
        inherited = max(before, key=lambda p: p.span[1]).victims.group if before else None
        inherited = inherited or _target_group(text, s.start, np_span[0], scanned.between(s.start, s.end))
        if inherited is None and _ORDINAL_ONE_RE.match(text, np_span[0]):
            # "Two soldiers were killed. A third died later": one more of those counted just before.
            recent = antecedents.recent(1)
            inherited = recent[-1].victims.group if recent else None
        phrases = _split_np_list(text, np_span[0], np_span[1], inherited)
        if not phrases and " ".join(text[np_span[0] : np_span[1]].lower().split()) in ("them all", "all of them"):
            # "shot three of his professors, killing them all": all of the victims counted just before.
            before = _counted_mentions(text, scanned, Sentence(s.start, np_span[0], s.paragraph))
            if before:
                phrases = [VictimPhrase(np_span, before[-1].count, before[-1].victims, False, False)]
        if subject:
            # "killed 3 soldiers and 2 civilians were wounded": the items an outcome verb already took as its
            # objects are not part of the subject that follows them.
            taken = {(k[0], k[1]) for k in found}
            kept = [p for p in phrases if p.span not in taken]
            if kept and len(kept) < len(phrases):
                span = (kept[0].span[0], span[1])
            phrases = kept
            if phrases and _SEP_BEFORE.search(text, np_span[0], phrases[0].span[0]):
                # "multiple devices as well as two suspects were seized": what opened the list named nobody
                span = (phrases[0].span[0], span[1])
        for phrase in phrases:
            if part:
                phrase = replace(phrase, subset=True)  # "... were among the dead": of a toll told beside it
            key = (phrase.span[0], phrase.span[1], outcome)
            if key not in found:
                found[key] = _Candidate(outcome, phrase, span, _includes(text, incl))

    def held(at: int) -> bool:
        """Whether a victim phrase found already holds ``at``."""
        return any(k[0] <= at < k[1] for k in found)

    def overlapped(span: Span) -> bool:
        """Whether a victim phrase found already overlaps ``span``."""
        return any(k[0] < span[1] and span[0] < k[1] for k in found)

    def spans(m: re.Match[str], np: str = "np", trig: str = "trig") -> tuple[Span, Span, Span | None]:
        incl = m.span("incl") if "incl" in m.re.groupindex and m.group("incl") else None
        return m.span(np), m.span(trig), incl

    for m in hits.get(_ZERO_SUBJECT_RE, ()):
        if m.group("np"):
            np_text, trig, np_span = m.group("np"), m.group("trig"), m.span("np")
        else:
            np_text, trig, np_span = m.group("np2"), m.group("trig2"), m.span("np2")
        group = "people" if np_text.lower() in ("one", "body", "nobody", "no-one") else _forces_or_group(np_text)
        trig_span = m.span("trig") if m.group("trig") else m.span("trig2")
        outcome = PASSIVE.get(_norm(trig), "casualties")
        # "no civilians were killed or injured" denies each outcome it names: none killed and none hurt
        for each in _BOTH_OUTCOMES.get(_norm(trig), (outcome,)):
            add(each, (m.start(), np_span[1]), trig_span, None, group)
    for m in hits.get(_ZERO_NOUN_RE, ()):
        adj = (m.group("adj") or "").lower()
        group = _forces_or_group(m.group("np")) if m.group("np") else ("civilians" if adj == "civilian" else "people")
        if adj in ("coalition", "isaf", "us", "u.s.", "friendly", "military"):
            group = "military"
        elif adj == "police":
            group = "police"
        outcome = {"injuries": "injured", "deaths": "killed", "fatalities": "killed", "loss of life": "killed"}.get(
            m.group("trig").lower(), "casualties"
        )
        add(outcome, (m.start(), m.end()), m.span("trig"), None, group)
    for m in hits.get(_ZERO_NEG_RE, ()):
        add(_zero_outcome(m.group("trig")), (m.start(), m.end()), m.span("trig"), None, _group_of(m.group("np")))
    for m in hits.get(_UNHURT_RE, ()):
        outcome = "injured" if m.group("trig").lower() in ("unhurt", "uninjured") else "casualties"
        add(outcome, (m.start(), m.end()), m.span("trig"), None, _forces_or_group(m.group("np")))
    for m in hits.get(_DENY_RE, ()):
        trig = m.group("trig") or m.group("trig2")
        group = _group_of(m.group("np")) if m.group("np") else "civilians" if m.group("adj") else "people"
        outcome = PASSIVE.get(_norm(trig), "casualties" if trig.lower() == "hit" else "killed") if m.group("trig") else (
            "casualties" if trig.lower() == "casualties" else "killed")
        add(outcome, (m.start(), m.end()), m.span("trig") if m.group("trig") else m.span("trig2"), None, group)

    for m in hits.get(_ZERO_OBJECT_RE, ()):
        add(ACTIVE[_norm(m.group("trig"))], (m.start(), m.end()), m.span("trig"), None, "people")

    zero_spans = [c.span for c in found.values()]
    for regex, table in ((_ACTIVE_RE, ACTIVE), (_PASSIVE_RE, PASSIVE)):
        for m in hits.get(regex, ()):
            np_span, trig_span, incl = spans(m)
            if any(z[0] <= np_span[0] < z[1] for z in zero_spans):
                continue
            if regex is _ACTIVE_RE and _negated(text, trig_span[0], s.start):
                continue
            if regex is _PASSIVE_RE and not _passive_ok(text, m, s.end):
                continue
            outcome = table[_norm(m.group("trig"))]
            if outcome == "injured" and _TO_DEATH_AFTER.match(text, np_span[1]):
                # "stabbed his mother to death": no wound; the death is left unread, as it was before
                # "stabbed" alone told a wound (a killing split by its victim is not read yet).
                continue
            add(outcome, np_span, trig_span, incl, subject=regex is _PASSIVE_RE,
                part=m.group("trig").lower().startswith("among"))
            if regex is _PASSIVE_RE and _BY_POLICE_RE.match(text[trig_span[1] : s.end]):
                _mark_perpetrator(found, np_span)
    for m in hits.get(_TITLED_RE, ()):
        np_span = m.span("np")
        if overlapped(np_span) or _negated(text, m.start("trig"), s.start):
            continue
        title = m.group("title")
        victims = Victims(_group_of(m.group("noun")), (), _affiliation(title), m.group("name"), " ".join(title.lower().split()))
        if victims.affiliation in MILITANT_AFFILIATIONS and victims.group in ("people", "civilians"):
            victims = Victims("militants", (), victims.affiliation, victims.name, victims.description)
        phrase = VictimPhrase(np_span, Count(1, 1, "exact", m.group("name")), victims, False, False)
        outcome = ACTIVE[_norm(m.group("trig"))]
        found.setdefault((np_span[0], np_span[1], outcome), _Candidate(outcome, phrase, (m.start("trig"), np_span[1]), ()))
    for m in hits.get(_WHOM_RE, ()):
        np_span = m.span("np")
        if held(np_span[0]):
            continue
        outcome = ACTIVE[_norm(m.group("trig"))]
        if _split_np_list(text, np_span[0], np_span[1], None):
            add(outcome, np_span, m.span("trig"), None)
        else:  # "a business rival, whom he killed": a person, whether the lexicon names them or not
            np_text = m.group("np")
            victims = Victims(_group_of(_noun_at_end(np_text) or "people"),
                              description=" ".join(np_text.lower().split()[1:]))
            phrase = VictimPhrase(np_span, Count(1, 1, "exact", np_text.split()[0]), victims, False, False)
            found.setdefault((*np_span, outcome), _Candidate(outcome, phrase, (np_span[0], m.end("trig")), ()))
    for regex in (_HEADLINE_SUBJECT_RE, _ACCUSED_RE):
        for m in hits.get(regex, ()):
            np_span = m.span("np")
            if overlapped(np_span):
                continue
            np_text = " ".join(m.group("np").split())
            noun = _noun_at_end(np_text)
            mods = np_text[: len(np_text) - len(noun)].strip()
            if regex is _ACCUSED_RE or noun.lower() in PERPETRATOR_NOUNS:
                victims = Victims("people", affiliation="perpetrator", description=np_text.lower())
            else:
                victims = Victims(_group_of(noun), affiliation=_affiliation(mods) if mods else None,
                                  description=np_text.lower())
            phrase = VictimPhrase(np_span, Count(1, 1, "exact", np_text.split()[0]), victims, False, False)
            outcome = PASSIVE[_norm(m.group("trig"))]
            found.setdefault((*np_span, outcome), _Candidate(outcome, phrase, (np_span[0], m.end("trig")), ()))
            if regex is _ACCUSED_RE:
                # "suspected of firing on the two deputies was killed": the deputies are what he is suspected
                # of, not the subject of "was killed"
                for key in [k for k in found if np_span[1] <= k[0] and k[1] <= m.start("trig") and k[2] == outcome]:
                    del found[key]
    for m in hits.get(_GENERIC_PASSIVE_RE, ()):
        if held(m.start("np")) or not _passive_ok(text, m, s.end) or any(
            c.span[0] <= m.start("trig") < c.span[1] for c in found.values()
        ):
            continue  # an outcome another frame bound to its subject list ("a commander and two advisors")
        incl = m.span("incl") if m.group("incl") else None
        add(PASSIVE[_norm(m.group("trig"))], m.span("np"), m.span("trig"), incl)
    for regex in (_BARE_PASSIVE_RE, _COORD_PASSIVE_RE, _OF_THEM_RE):
        for m in hits.get(regex, ()):
            if held(m.start("np")) or any(z[0] <= m.start() < z[1] for z in zero_spans):
                continue
            trig = next(g for g in ("trig", "trig2", "trig3") if g in m.re.groupindex and m.group(g))
            add(PASSIVE.get(_norm(m.group(trig)), "killed"), m.span("np"), m.span(trig), None)
    for m in hits.get(_TOTAL_RE, ()):
        # Each figure of the total is of everyone: it takes no victims from the part told just before it.
        for item in _TOTAL_ITEM_RE.finditer(text, m.start("np"), m.end("np")):
            count = parse_quantity(item.group("q"))
            if count is None or held(item.start()):
                continue
            outcome = _TOTAL_OUTCOMES.get(item.group("t").lower(), "killed")
            phrase = VictimPhrase(item.span("q"), count, Victims("people"), False, False)
            found.setdefault((*item.span("q"), outcome), _Candidate(outcome, phrase, (m.start(), item.end()), ()))
    for m in hits.get(_NUMBER_OF_RE, ()):
        count = parse_quantity(m.group("np"))
        if count is None or held(m.start("np")):
            continue
        noun = m.group("noun")
        phrase = VictimPhrase(m.span("np"), count, Victims(_group_of(_noun_at_end(noun)), description=" ".join(
            noun.lower().split())), False, False)
        outcome = PASSIVE.get(m.group("trig").lower(), "killed")
        found.setdefault((*m.span("np"), outcome), _Candidate(outcome, phrase, (m.start(), m.end()), ()))
    for m in hits.get(_COUNT_NOUN_RE, ()):
        if held(m.start()):
            continue
        np_span = m.span("np")
        between = text[np_span[1]:m.start("trig")].rstrip()
        if between.strip().lower() in _GROUPS_LOWER:
            # "12 civilian casualties", "three police deaths": the word before the outcome says who they were
            np_span = (np_span[0], np_span[1] + len(between))
        add(NOUNS[_norm(m.group("trig"))], np_span, m.span("trig"), None)
    for regex, outcome in (
        (_OF_RE, "killed"), (_TOLL_RE, "killed"), (_TO_DEATH_RE, "killed"), (_CUSTODY_RE, "detained"),
        (_TAKEN_RE, "abducted"),
    ):
        for m in hits.get(regex, ()):
            add(outcome, m.span("np"), m.span("trig"), None)
    for regex in (_AMONG_RE, _INCLUDE_RE, _GAP_OBJECT_RE):
        for m in hits.get(regex, ()):
            if held(m.start("np")):
                continue
            trig = m.group("trig").lower()
            outcome = ACTIVE[trig] if regex is _GAP_OBJECT_RE else _PART_OUTCOMES.get(trig, "killed")
            add(outcome, m.span("np"), m.span("trig"), None, part=regex is not _GAP_OBJECT_RE)
    for m in hits.get(_DEAD_WERE_RE, ()):
        if not held(m.start("np")):
            add(_PART_OUTCOMES.get(m.group("trig").lower(), "killed"), m.span("np"), m.span("trig"), None, part=True)
    for m in hits.get(_OF_THE_DEAD_RE, ()):
        count = parse_quantity(m.group("q"))
        if count is None or held(m.start("np")):
            continue
        np_text = " ".join(m.group("np").lower().split())
        phrase = VictimPhrase(m.span("np"), count, Victims(_group_of(_noun_at_end(np_text)), description=np_text),
                              False, True)
        outcome = _PART_OUTCOMES.get(m.group("trig").lower(), "killed")
        found.setdefault((*m.span("np"), outcome), _Candidate(outcome, phrase, (m.start(), m.end()), ()))
    for m in chain(hits.get(_WOUND_RE, ()), hits.get(_INJURY_RE, ())):
        # "... at 11:40 p.m. Friday found a man with a gunshot wound": the person nearest the wound has it.
        for inner in reversed([d.start() for d in _DETERMINER.finditer(text, m.start("np") + 1, m.end("np"))]):
            nearer = m.re.match(text, inner)
            if nearer is not None and nearer.end() == m.end():
                m = nearer
                break
        if overlapped(m.span("np")) or _DIED_AFTER.search(text, m.end(), s.end):
            continue
        add("injured", m.span("np"), m.span("trig"), None)
    for m in hits.get(_TREATED_RE, ()):
        if not overlapped(m.span("np")):
            add("injured", m.span("np"), m.span("trig"), None)
    for m in hits.get(_REVISED_RE, ()):
        revised = [c for c in found.values() if c.phrase.span[1] <= m.start()]
        outcome = max(revised, key=lambda c: c.phrase.span[1]).outcome if revised else "killed"
        add(outcome, m.span("np"), m.span("trig"), None)
    for m in hits.get(_SUCCUMBED_RE, ()):
        if held(m.start("np")) or _PARTITIVE_OF.search(text, s.start, m.start("np")):
            continue  # "more of the wounded died": some of them, no figure
        count = parse_quantity(m.group("q")) if m.group("q") else None
        np_text = m.group("np")
        group = _group_of(_noun_at_end(np_text))
        if group == "people":
            # "The number of soldiers killed rose to nine after three of the wounded died": the wounded are
            # of the kind the sentence's toll counts.
            kinds = {c.phrase.victims.group for c in found.values() if c.outcome == "killed"} - {"people"}
            group = kinds.pop() if len(kinds) == 1 else group
        victims = Victims(group, description=" ".join(np_text.lower().split()))
        phrase = VictimPhrase(m.span("np"), count or Count(1, 1, "exact", np_text.split()[0]), victims, False, False)
        found.setdefault((m.start("np"), m.end("np"), "killed"), _Candidate("killed", phrase, (m.start(), m.end()), ()))
    for m in hits.get(_LABEL_RE, ()):
        count = parse_quantity(m.group("q"))
        if count is None:
            continue
        if count.low == count.high == 0:
            count = Count(0, 0, "none", count.text)  # "Fatalities: 0": nobody killed, a supported zero
        elif text.startswith("+", m.end("q")) and count.qualifier == "exact":
            count = Count(count.low, None, "at_least", count.text + "+")  # "Civilians reported injured: 2+"
        noun = " ".join(m.group("noun").lower().split()) if m.group("noun") else None
        phrase = VictimPhrase(m.span("q"), count, Victims(_group_of(noun) if noun else "people", description=noun),
                              False, False)
        trig = (m.group("trig") or m.group("trig2")).lower()
        outcome = _LABEL_OUTCOMES.get(trig, trig)
        found.setdefault((m.start("q"), m.end("q"), outcome), _Candidate(outcome, phrase, m.span(), ()))
    for m in hits.get(_SIDES_RE, ()):
        items = _SIDES_ITEM_RE.finditer(text, *m.span("np")) if m.group("np") else [m]
        for item in items:
            side = " ".join(item.group("side").lower().split())
            count = Count(int(item.group("q")), int(item.group("q")), "exact", item.group("q"))
            if count.low == 0:
                count = Count(0, 0, "none", count.text)
            phrase = VictimPhrase(item.span("q"), count, Victims(_side_group(text, side[-1:]) if side != "civilians"
                                                                  else "civilians"), False, False)
            found.setdefault((*item.span("q"), "killed"), _Candidate("killed", phrase, item.span(), ()))
    for m in hits.get(_ESTIMATE_RE, ()):
        figures = {m.group(f"k{i}").lower(): int(m.group(f"q{i}").replace(",", "")) for i in (1, 2, 3)}
        low, high = figures.get("low"), figures.get("high")
        if low is None or high is None or high < low:
            continue
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind("|", 0, m.start())) + 1
        of = _ESTIMATE_OF.search(text, line_start, m.start())
        group = _group_of(of.group("noun")) if of and of.group("noun").lower() in _GROUPS_LOWER else "people"
        count = Count(low, high, "exact" if low == high else "range", text[m.start():m.end()])
        phrase = VictimPhrase(m.span(), count, Victims(group), False, False)
        found.setdefault((*m.span(), "killed"), _Candidate("killed", phrase, (of.start() if of else m.start(), m.end()), ()))
    for m in chain(hits.get(_POSS_RE, ()), hits.get(_DEATH_OF_NAME_RE, ())):
        if m.group("np").lower() in ("it", "his", "her", "their", "the"):
            continue
        named = next((c.phrase.victims for c in found.values() if c.phrase.victims.name and
                      c.phrase.victims.name.split()[-1] == m.group("np")), None) or known_names.get(m.group("np"))
        victims = named or Victims("people", name=m.group("np"))
        phrase = VictimPhrase(m.span("np"), Count(1, 1, "exact", m.group("np")), victims, False, False)
        found.setdefault((m.start("np"), m.end("np"), "killed"), _Candidate("killed", phrase, (m.start(), m.end()), ()))
    for m in hits.get(_PRONOUN_PASSIVE_RE, ()):
        np_span = m.span("np") if m.group("np") else m.span("np2")
        trig_span = m.span("trig") if m.group("trig") else m.span("trig2")
        by_police = bool(_BY_POLICE_RE.match(text[trig_span[1] : s.end])) or bool(
            _AGAINST_POLICE_RE.search(text, s.start, np_span[0])
        )
        victims = Victims("people", affiliation="perpetrator" if by_police else None)
        phrase = VictimPhrase(np_span, Count(1, 1, "exact", text[np_span[0]:np_span[1]]), victims, False, False)
        found.setdefault((np_span[0], np_span[1], "killed"), _Candidate("killed", phrase, (np_span[0], trig_span[1]), ()))
    for m in hits.get(_REFLEXIVE_RE, ()):
        if any(k[0] <= m.start() < k[1] or k[0] < m.end() <= k[1] for k in found):
            continue
        phrase = VictimPhrase(m.span("trig"), Count(1, 1, "exact", m.group("trig")), Victims("people", affiliation="perpetrator"), False, False)
        found.setdefault((m.start(), m.end(), "killed"), _Candidate("killed", phrase, m.span("trig"), ()))
    for regex in (_DEFINITE_ACTIVE_RE, _DEFINITE_PASSIVE_RE):
        for m in hits.get(regex, ()):
            np_span = m.span("np") if m.group("np") else m.span("np_bare")
            if overlapped(np_span) or any(
                c.span[0] <= m.start("trig") < c.span[1] for c in found.values()
            ):
                continue
            if regex is _DEFINITE_ACTIVE_RE and _negated(text, m.start("trig"), s.start):
                continue
            outcome = ACTIVE.get(_norm(m.group("trig"))) or PASSIVE[_norm(m.group("trig"))]
            np_key = "np" if m.group("np") else "np_bare"
            group = _group_of(_noun_at_end(m.group(np_key)))
            ante = next((a for a in reversed(antecedents.recent()) if a.victims.group == group), None)
            count = ante.count if ante else Count(None, None, "vague", m.group(np_key), "plural")
            description = " ".join(m.group(np_key).lower().split())
            victims = Victims(group, affiliation=ante.victims.affiliation if ante else None, description=description)
            phrase = VictimPhrase(m.span(np_key), count, victims, False, False)
            span = (min(m.start(np_key), m.start("trig")), max(m.end(np_key), m.end("trig")))
            found.setdefault((m.start(np_key), m.end(np_key), outcome), _Candidate(outcome, phrase, span, ()))
    for m in hits.get(_ALONG_RE, ()):
        np_span = m.span("np")
        if overlapped(np_span) or _UNBORN.search(m.group("np")):
            # already an item of an object list ("killed a commander along with three fighters"); "along
            # with her unborn child": tolls count the born
            continue
        told = [c for c in found.values() if c.span[1] <= m.start() and c.phrase.count.qualifier != "none"
                and c.outcome in ("killed", "injured", "abducted", "detained")]
        if told:
            add(max(told, key=lambda c: c.span[1]).outcome, np_span, m.span("trig"), None)
    for m in chain(hits.get(_SHOT_RE, ()), hits.get(_SHOT_PASSIVE_RE, ())):
        _add_shot_survivors(text, m, s, found)
    present = scanned.between(s.start, s.end)
    if not _STABBED.isdisjoint(present):
        _leave_stab_dead(text, s, found)
    sided = not _OWN_SIDE_WORDS.isdisjoint(present)
    for key, c in list(found.items()):
        if sided and c.phrase.victims.group == "people" and _OWN_SIDE.match(text, c.span[1]):
            # "three wounded on the friendly side": a force's word for its own men
            found[key] = replace(c, phrase=replace(c.phrase, victims=replace(c.phrase.victims, group="military")))
            c = found[key]
        if c.outcome == "abducted" and _SEIZED.match(text, c.span[0]):
            if not _noun_at_end(c.phrase.victims.description or ""):
                del found[key]  # "seized 2,205 pounds of heroin": only people seized are taken
                continue
            if c.phrase.victims.group == "militants":
                # "seized two suspected insurgents", "had taken three fighters": forces taking fighters detain them
                del found[key]
                found.setdefault((key[0], key[1], "detained"), replace(c, outcome="detained"))
        start, end = c.phrase.span
        if c.outcome == "killed" and text[start:end].lower() in ("him", "her") and (
            _PRONOUN_OBJECT_END.match(text, end, s.end) and (_POLICE_SUBJECT_RE.search(text[s.start : c.span[0]])
                                                             or _AT_ATTACKER_RE.search(text[s.start : c.span[0]]))
        ):
            _mark_perpetrator(found, c.phrase.span)
    return sorted(found.values(), key=lambda c: (c.phrase.span[0], c.outcome))


def _add_shot_survivors(text: str, m: re.Match[str], s: Sentence, found: dict[tuple[int, int, str], _Candidate]) -> None:
    """Those of the people shot whom the rest of the sentence does not count dead are wounded; nothing when
    it counts no dead (whether the others died is told elsewhere, if at all)."""
    np_span = m.span("np")
    phrases = _split_np_list(text, np_span[0], np_span[1], None)
    if len(phrases) != 1 or phrases[0].count.low is None or phrases[0].count.low != phrases[0].count.high:
        return
    shot = phrases[0]
    after = [c for c in found.values() if m.end() <= c.span[0] < s.end and c.phrase.victims.affiliation != "perpetrator"]
    dead = [c for c in after if c.outcome == "killed"]
    if any(c.outcome in ("injured", "casualties") for c in after):
        return  # "shot four people, killing two and wounding two others": the wounded are told
    if not dead or any(c.phrase.count.low is None or c.phrase.count.low != c.phrase.count.high for c in dead):
        return
    left = shot.count.low - sum(c.phrase.count.low or 0 for c in dead)
    if left <= 0 or any(k[0] <= np_span[0] < k[1] and k[2] in ("injured", "casualties") for k in found):
        return
    phrase = replace(shot, count=Count(left, left, "exact", shot.count.text), inherit=False)
    found.setdefault((np_span[0], np_span[1], "injured"), _Candidate("injured", phrase, m.span(), ()))


# A force's own men, told by the side they are on: "three wounded on the friendly side", "two killed in our ranks".
_OWN_SIDE = re.compile(
    r"\s+(?:on|from|among|in)\s+(?:(?:the|its|their)\s+(?:own|friendly)|our(?:\s+own)?)\s+(?:side|forces|ranks|troops)\b",
    _F,
)
_OWN_SIDE_WORDS = _words("friendly own our")
_STABBED = _words("stabbed stabbing")


def _leave_stab_dead(text: str, s: Sentence, found: dict[tuple[int, int, str], _Candidate]) -> None:
    """"Stabbed three people, killing one of them": the knife's victims are counted before their fate, and
    the dead among them, told after with no noun of their own ("one of them", "killing two", "her"), leave
    the hurt (as corpora of crime reports count them: two injured and one killed)."""
    for key, c in list(found.items()):
        verb = text[c.span[0] : c.phrase.span[0]].split()  # empty unless the verb comes first
        if (c.outcome != "injured" or not verb or verb[0].lower() not in _STABBED or c.phrase.count.low is None
                or c.phrase.count.low != c.phrase.count.high):
            continue
        dead = [d for d in found.values() if d.outcome == "killed" and c.span[1] <= d.span[0] < s.end
                and (d.phrase.inherit or text[d.phrase.span[0] : d.phrase.span[1]].lower() in ("him", "her"))
                and d.phrase.victims.affiliation != "perpetrator"]
        if not dead or any(d.phrase.count.low is None or d.phrase.count.low != d.phrase.count.high for d in dead):
            continue
        left = c.phrase.count.low - sum(d.phrase.count.low or 0 for d in dead)
        if left <= 0:
            del found[key]
        else:
            found[key] = replace(c, phrase=replace(c.phrase, count=Count(left, left, "exact", c.phrase.count.text)))


def _mark_perpetrator(found: dict[tuple[int, int, str], _Candidate], np_span: Span) -> None:
    """'The man was killed by police': in a shooting the one police kill is the attacker."""
    for key, c in list(found.items()):
        if np_span[0] <= c.phrase.span[0] < np_span[1] and c.phrase.count.low == 1:
            v = c.phrase.victims
            phrase = VictimPhrase(c.phrase.span, c.phrase.count, Victims("people", v.includes, "perpetrator", v.name, v.description), False, False)
            found[key] = _Candidate(c.outcome, phrase, c.span, c.includes)


def _passive_ok(text: str, m: re.Match[str], sent_end: int) -> bool:
    """'The shooter fatally wounded three professors' is active: a bare participle needs an auxiliary
    before it, or nothing after it but the end of a headline-style clause ('27 killed, 70 wounded')."""
    trig = _norm(m.group("trig"))
    if trig not in ACTIVE:
        return True
    if _AUX_RE.search(text, m.end("np"), m.start("trig")):
        return True
    if _LOST_BEFORE.search(text, max(0, m.start("np") - 8), m.start("np")):
        return True  # a loss tally: "Russia lost 1,270 soldiers killed or wounded over the past day"
    return bool(_HEADLINE_END_RE.match(text[m.end("trig") : sent_end]))


_LOST_BEFORE = re.compile(r"\blos(?:t|e|es|ing)\s+$", _F)


# Sentence filters: lower-case literals only, so that they run case-sensitively (fast) on folded text.
_CUE_INSIDE = (
    r"kill|dead|death|dying|wound|injur|hurt|martyr|casualt|missing|unaccounted|disappear|abduct|kidnap|"
    r"hostage|captive|detain|arrest|captur|apprehend|custody|harm|suicide|himself|herself|own li|bod(?:y|ies)|corpse|"
    r"fatal|slain|slew|lives|perish|toll|shot|gunned|murder|massacre|slaughter|execut|stabbed|burned|succumb|hospital|"
    r"victim|seiz|taken|unscath|neutrali|behead|hacked|shahadat|martyrdom|loss of life|eliminat|liquidat|lynch|"
    r"his life|her life|"
    # a dataset's "Best estimate 14, low 10, high 20" of the dead
    r"estimat"
)
# The literals of _CUE that span words, each holding "life" ("own li" stands for "own life": "own lives"
# holds "lives").
_LIFE_CUE = re.compile(r"own li|loss of life|his life|her life")
_CUE = re.compile(rf"die[ds]?\b|{_CUE_INSIDE}")
# The literals whose match does not depend on the character after them.
_CUE_INSIDE_RE = re.compile(_CUE_INSIDE)
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|several|multiple|numerous|many|dozens|scores|a few|a number|both|teen)",
)
_DEFINITE_HEAD = re.compile(r"^(?:the|these|those|all the|both)\s", re.IGNORECASE)
# A figure pointed back at: "the 15 hostages", "all four hostages".
_DEFINITE_COUNT = re.compile(r"\b(?:the|these|those|all|all of the)(?:\s+[\w-]+){1,2}$", re.IGNORECASE)


def _anaphoric(text: str, c: _Candidate) -> bool:
    if c.phrase.victims.affiliation == "perpetrator" or c.phrase.count.low != 1:
        return False
    head = text[c.phrase.span[0] : c.phrase.span[1]].lower()
    return head in ("him", "her") or (head.startswith("the ") and not c.phrase.victims.name)


# Outside the lexicon, only a head noun that names a person makes a victim phrase ("the lead guitarist",
# "three professors"), never "a parking garage".
_PERSONLIKE = re.compile(
    r"(?:er|ers|or|ors|ist|ists|ian|ians|ee|ees|ant|ants|ent|ents|man|men|ess|end|ends|ult|ults|ain|ains|son|sons|"
    r"nce|ncee|ncé|ncée|ece|eces|ew|ews|ncle|ncles|unt|unts|ife|ives|ild|ren|ner|ners|rent|rents|in|ins|ouse|usband|"
    r"ate|ates|eague|eagues|ive|ives|ic|ics|ect|ects|im|ims|ard|ards|ot|ots|ai|ee|gal|gals|ght|ghts|ie|ies)$",
    re.IGNORECASE,
)


# Tried only where a victim phrase can begin: searched at every character of a sentence, it cost more than
# the frames that asked for its phrases.
_COUNTED = _gated(
    rf"(?<![\w-]){_GUARD}(?:{QTY})\s+(?:of\s+(?:his|her|their|the)\s+)?(?:{_MOD}{{0,3}}?)(?:{_NOUN}|[a-z][\w'’-]*s)\b",
    starts=_GUARD_STARTS,
)


def _counted_mentions(text: str, gates: SentenceWords, s: Sentence) -> list[VictimPhrase]:
    """Counted victim nouns ('several armed militants') that a later 'the militants were killed' refers to."""
    out = []
    for m in _COUNTED.finditer(text, gates, s.start, s.end):
        phrase = _victim_phrase(text, m.start(), m.end(), None)
        if phrase is not None and phrase.count.qualifier != "none":
            out.append(phrase)
    return out


@lru_cache(maxsize=100_000)
def _cue_word(word: str) -> int:
    """2 when a literal of ``_CUE`` lies inside the word, whatever follows it; 1 when only "die[ds]?\\b"
    matches, which the character after the word decides; else 0."""
    return 2 if _CUE_INSIDE_RE.search(word) else 1 if _CUE.search(word) else 0


def _has_cue(text: str, gates: SentenceWords, s: Sentence, levels: bytes) -> bool:
    """Whether ``_CUE`` occurs in the sentence. Each of its literals but "own li" lies inside one word,
    so the sentence's words (each distinct word is checked once per process) mostly answer without
    scanning its text: none holds one, or one holds a literal that needs no look past the word, and
    no word runs on past the sentence's end. ``levels`` is ``_cue_word`` of each word of the text, found
    in one pass for all its sentences; held as bytes, they are searched in C (``max`` over a slice of them
    cost more than the rest of the check)."""
    lowered = gates.lowered
    if lowered is not None:
        starts = gates.scanned.starts
        first = bisect_left(starts, s.start)
        last = bisect_left(starts, s.end, first)
        if levels.find(2, first, last) >= 0:
            if not lowered[s.end - 1 : s.end + 1].isalpha():
                return True
        elif levels.find(1, first, last) < 0:
            # "no loss of life", "lost his life": the literals that span words
            return lowered.find("life", s.start, s.end) >= 0 and _LIFE_CUE.search(lowered, s.start, s.end) is not None
    return _found(_CUE, text, lowered, s)


def _found(pattern: re.Pattern[str], text: str, lowered: str | None, s: Sentence) -> bool:
    """Whether a lower-case ``pattern`` occurs in the sentence, ignoring case."""
    if lowered is not None:
        return pattern.search(lowered, s.start, s.end) is not None
    return re.compile(pattern.pattern, re.IGNORECASE).search(text, s.start, s.end) is not None


def _zero_outcome(trig: str) -> str:
    t = trig.lower()
    return "killed" if t == "killed" else "casualties" if t in ("harmed", "hurt") else "injured"


def _negated(text: str, trig_start: int, sent_start: int) -> bool:
    before = text[max(sent_start, trig_start - 25) : trig_start].lower()
    return bool(_NEGATION_BEFORE.search(before))


def _norm(word: str) -> str:
    w = " ".join(word.lower().split())
    if w.startswith("hospitali"):
        return "hospitali[sz]ed"
    return w


class _Antecedents:
    """The counted victim phrases ('several armed militants') of the sentences before the current one in
    its segment, which a later 'the militants were killed' refers to. Found only when a frame asks."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...], gates: SentenceWords):
        self.text, self.sentences, self.gates = text, sentences, gates
        self.pending: list[int] = []  # indices of the earlier sentences of the segment
        self._found: dict[int, list[VictimPhrase]] = {}

    def recent(self, limit: int = 6) -> list[VictimPhrase]:
        out: list[VictimPhrase] = []
        for j in reversed(self.pending):
            out[:0] = self._of(j)
            if len(out) >= limit:
                break
        return out[-limit:]

    def _of(self, index: int) -> list[VictimPhrase]:
        found = self._found.get(index)
        if found is None:
            s = self.sentences[index]
            numbered = _found(_NUMBERISH, self.text, self.gates.lowered, s)
            found = _counted_mentions(self.text, self.gates, s) if numbered else []
            self._found[index] = found
        return found


def extract_claims(
    text: str, sentences: tuple[Sentence, ...], document: Document, settings: Settings, scanned: Words | None = None
) -> tuple[Claim, ...]:
    """The document's claims; ``scanned`` is ``cues.words(text)`` when the caller already has it."""
    gates = SentenceWords(text, scanned)
    attributor = Attributor(text, sentences, document, gates)
    claims: list[Claim] = []
    segment = 0
    known_names: dict[str, Victims] = {}
    antecedents = _Antecedents(text, sentences, gates)
    levels = bytes(map(_cue_word, gates.scanned.lowered))
    told = 0
    for i, s in enumerate(sentences):
        if _opens_segment(text, gates.scanned, s):
            segment += 1
            antecedents.pending.clear()
        # Most sentences carry no outcome word at all: skip the frames for them.
        candidates = _candidates(text, gates, s, known_names, antecedents) if _has_cue(text, gates, s, levels) else []
        antecedents.pending.append(i)
        for c in candidates:
            if c.phrase.victims.name:
                known_names[c.phrase.victims.name.split()[-1]] = c.phrase.victims
        if not candidates:
            doubted = caveat(text, s, gates) if claims else None
            if doubted is not None:
                _hedge_doubted(claims, doubted, told)
            continue
        told = len(claims)  # where the claims of the last sentence that held any begin
        # Stances are read once for the sentence: a hedge's reach depends on which clauses hold claims.
        sentence_stances: tuple[str, ...] | None = None
        present = gates.between(s.start, s.end)
        for k, c in enumerate(candidates):
            if _anaphoric(text, c) and any(
                p.outcome == c.outcome and p.count.low == 1 and p.count.high == 1 and p.span[1] <= s.start
                and p.victims.affiliation != "perpetrator"
                and (p.victims.group == c.phrase.victims.group or text[c.phrase.span[0]:c.phrase.span[1]].lower() in ("him", "her"))
                for p in claims
            ):
                continue  # "killing him", "the insurgent was killed": the one already counted
            description = c.phrase.victims.description or ""
            if c.phrase.count.low != 1 and _DEFINITE_HEAD.match(description) and any(
                p.outcome == c.outcome and p.victims.group == c.phrase.victims.group for p in claims
            ):
                continue  # "killed the insurgents" after "two insurgents were killed": a restatement
            if (c.phrase.count.low or 0) > 1 and _DEFINITE_COUNT.search(
                text, max(s.start, c.phrase.span[0] - 12), c.phrase.span[1]
            ) and any(
                p.outcome == c.outcome and p.victims.group == c.phrase.victims.group
                and (p.count.low, p.count.high) == (c.phrase.count.low, c.phrase.count.high)
                for p in claims
            ):
                continue  # "seized 15 hostages ... freed the 15 hostages": the figure told again
            if (c.phrase.count.low, c.phrase.count.high) == (1, 1) and _SINGULAR_DETERMINER.match(
                text, c.phrase.span[0]
            ) and attributor.describes_speaker(i, c.phrase.span):
                continue  # "killing 12 people, a police spokesman, John Doe, said": the one who told it
            source: Source = attributor.source_for(i, c.span)
            if (source.type == "media" and not source.via and source.speaker == document.outlet and claims
                    and claims[-1].segment == segment and (_tells_update(text, s, present)
                                                           or _counted_on(text, c.span, present))):
                # "..., police said. Two of the wounded died, bringing the toll to seven", "Two more were
                # found": an update told with no source of its own carries on the count it updates, not a
                # rival figure.
                source = claims[-1].source
            if c.phrase.count.qualifier == "none" and _DENIAL.search(text, s.start, s.end):
                stance = "denied"
            else:
                if sentence_stances is None:
                    sentence_stances = stances(text, s, tuple(c.span for c in candidates), gates.scanned)
                stance = sentence_stances[k]
            background = _background(text, s, c.span[0], present) or (
                not _SUPERSEDED_PAST_WORDS.isdisjoint(present) and _said_earlier(text, s, c.span[0])
            ) or bool(
                not _SUPERSEDED_WORDS.isdisjoint(present)
                and _SUPERSEDED_BEFORE.search(text, s.start, c.span[0])
                and _SUPERSEDED_AFTER.search(text, c.span[1], s.end)
            )
            victims = c.phrase.victims
            if c.outcome == "killed" and (_OF_THEM.match(text, c.phrase.span[1]) or (
                _OF_WOUNDS_AFTER.match(text, c.span[1]) and _OF_THE.match(text, c.phrase.span[0], c.phrase.span[1])
            )):
                victims = _among_hurt(claims, c, victims, sentences[i - 1].start if i else s.start, s.start)
            if c.includes:
                victims = Victims(victims.group, c.includes, victims.affiliation, victims.name)
            claims.append(
                Claim(
                    outcome=c.outcome,  # type: ignore[arg-type]
                    victims=victims,
                    count=c.phrase.count,
                    stance=stance,  # type: ignore[arg-type]
                    source=source,
                    span=c.span,
                    evidence=document.text[c.span[0] : c.span[1]],
                    alleged_perpetrator=None,
                    subset=c.phrase.subset or ("far" in present and _partial(text, s, c.span)),
                    background=background,
                    segment=segment,
                    stage=STAGE,
                )
            )
    return tuple(_denials_of_others(_bracketed_parts(text, claims)))


# "verified 12 civilian casualties (5 killed and 7 injured)", "including 11 children (3 killed and 8 injured)":
# a count whose parts follow in brackets, and the words that tell whose they are.
_BRACKET_HEAD = re.compile(rf"(?P<q>{QTY})\s+(?P<head>(?:[\w'’-]+\s+){{0,2}}[\w'’-]+)\s*\(\s*$", re.IGNORECASE)
_INCLUDING_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+$", re.IGNORECASE)


def _bracketed_parts(text: str, claims: list[Claim]) -> list[Claim]:
    """Parts told in brackets after a count are of its victims ("12 civilian casualties (5 killed ...)": five
    civilians killed), and, after "including", a subset of a figure told before them."""
    if "(" not in text:
        return claims  # most reports hold no brackets
    for k, c in enumerate(claims):
        if (c.victims.group != "people" and c.victims.description) or c.victims.name:
            continue  # a part with a noun of its own; a bare figure took its victims from the phrase before it
        opened = text.rfind("(", max(0, c.span[0] - 30), c.span[0] + 1)
        if opened < 0 or ")" in text[opened : c.span[0]]:
            continue
        m = _BRACKET_HEAD.search(text, max(0, opened - 60), opened + 1)
        group = next((VICTIM_NOUNS[w] for w in reversed(m.group("head").lower().split()) if w in VICTIM_NOUNS),
                     None) if m else None
        if group is None or group == "people":
            continue
        within = bool(_INCLUDING_BEFORE.search(text, max(0, m.start() - 20), m.start()))
        v = c.victims
        claims[k] = replace(c, victims=Victims(group, v.includes, v.affiliation, v.name, v.description),
                            subset=c.subset or within)
    return claims


_TO_DEATH_AFTER = re.compile(rf"\s+{_TO_DEATH_TAIL}", _F)
_SEIZED = re.compile(r"seiz|(?:had|have|has)\s+taken", _F)
_OF_THEM = re.compile(r"\s+of\s+them\b", _F)
# "One of the pupils, a 15-year-old girl, died of her injuries": one of those hurt before died.
_OF_WOUNDS_AFTER = re.compile(r"\s+(?:of|from|to)\s+(?:his|her|their)\s+(?:injuries|wounds)\b", _F)
_OF_THE = re.compile(r"\s*\w+\s+of\s+the\s", _F)
# Wounds that tell how people were found, not a count of the injured after the dead were told apart
# ("eight wounded ... one of them later died" stays eight hurt, as coders count them).
_WOUNDS = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,3}wounds?\b", _F)


def _among_hurt(claims: list[Claim], c: _Candidate, victims: Victims, since: int, start: int) -> Victims:
    """"Two men were found with gunshot wounds. One of them was pronounced dead": the dead are of the
    wounded, the last figure above theirs told in the sentence before (``since`` to ``start``), so they add
    to the dead (summary._is_beyond); those found wounded also leave the hurt (summary._less_died)."""
    n = c.phrase.count.low or 0
    before = [p for p in claims if since <= p.span[0] and p.span[1] <= start and (p.count.low or 0) > n]
    if not before or before[-1].outcome != "injured":
        return victims
    found = _WOUNDS.search(before[-1].evidence)
    return Victims(before[-1].victims.group, victims.includes, victims.affiliation, victims.name,
                   FOUND_WOUNDED if found else "of the wounded")


_CIVILIAN_GROUPS = frozenset(("civilians", "children", "women"))


def _denials_of_others(claims: list[Claim]) -> list[Claim]:
    """A zero for civilians that answers another source's figure for them is a denial: "the ministry said
    no civilians had been harmed" after "the UN said 12 civilians were killed". Alone ("No civilians were
    harmed during the operation") it stays what it is."""
    zeros = [k for k, c in enumerate(claims) if c.count.high == 0 and c.stance == "asserted"
             and c.victims.group in _CIVILIAN_GROUPS]
    for k in zeros:
        zero = claims[k]
        if any(c.source != zero.source and c.victims.group in _CIVILIAN_GROUPS and not c.background
               and (c.count.low or c.count.qualifier == "vague")
               and (zero.outcome == "casualties" or c.outcome in (zero.outcome, "casualties")) for c in claims):
            claims[k] = replace(zero, stance="denied")
    # "no civilians were killed or injured" after "four civilians were killed": one phrase, one denial of both
    denied = [c for c in claims if c.count.high == 0 and c.stance == "denied"]
    for k in zeros:
        if claims[k].stance == "asserted" and any(d.span == claims[k].span and d.source == claims[k].source
                                                  for d in denied):
            claims[k] = replace(claims[k], stance="denied")
    return claims


def _hedge_doubted(claims: list[Claim], whose: str, told: int) -> None:
    """Hedges the claims a caveat sentence doubts (see ``stance.caveat``): with no owner named, those of
    the sentence before; with one ("the rebels' claim"), the latest claims of a source of that kind."""
    if whose:
        kind = source_type(whose)
        mine = [k for k, c in enumerate(claims) if whose in " ".join(
            filter(None, (c.source.speaker, c.source.role, c.source.organization))).lower()
            or kind != "unnamed" and c.source.type == kind]
        if not mine:
            return
        picked = [k for k in mine if claims[k].source == claims[mine[-1]].source]
    else:
        picked = list(range(told, len(claims)))
    for k in picked:
        if claims[k].stance == "asserted":
            claims[k] = replace(claims[k], stance="hedged")


_TOLL_UPDATE = re.compile(
    r"\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|took|pushing|pushes|pushed)\s+the\s+"
    r"(?:(?:overall|total|death|casualty)\s+)*"
    r"(?:toll|tally|number of (?:the )?(?:dead|deaths|fatalities))\b"
    r"|\b(?:toll|tally)\s+(?:has\s+|had\s+|later\s+|since\s+)*(?:risen|rose|climbed|increased|jumped|reached)\b",
    re.IGNORECASE,
)
# Words one of which every _TOLL_UPDATE match holds, whole: most sentences name no toll.
_TOLL_WORDS = _words("toll tally number")
# Victims counted from those before them: "two more", "another", "four others", "two of the wounded", "a third".
_RELATIVE = re.compile(
    rf"\b(?:more|another|additional|further|others?|of the (?:wounded|injured)|an? (?:{'|'.join(ORDINALS)}))\b",
    re.IGNORECASE,
)
_RELATIVE_WORDS = _words("more another additional further other others wounded injured") | frozenset(ORDINALS)


def _tells_update(text: str, s: Sentence, present: frozenset[str]) -> bool:
    """Whether a sentence tells a toll's update ("bringing the toll to seven"); ``present`` holds its words."""
    return not _TOLL_WORDS.isdisjoint(present) and _TOLL_UPDATE.search(text, s.start, s.end) is not None


def _counted_on(text: str, span: Span, present: frozenset[str]) -> bool:
    """Whether a claim's words count its victims from those before them (``_RELATIVE``); ``present`` holds
    the words of its sentence."""
    return not _RELATIVE_WORDS.isdisjoint(present) and _RELATIVE.search(text, span[0], span[1]) is not None


_DENIAL = re.compile(
    r"\b(?:no (?:evidence|indications?|signs?)|denied|denies|deny|denying|rejected|dismissed|refuted|false|baseless|"
    r"not true|"
    # "its fighters had not killed any civilians", "we did not harm civilians": a side's word on its own harm
    r"(?:(?:its|their|our)\s+(?:[\w-]+\s+){0,2}|(?:it|they|we)\s+)(?:had|has|have|did|do|does)\s*(?:not|never|n[’']t)\s+"
    r"(?:[\w-]+\s+)?(?:killed|kill|harmed|harm|targeted|target|attacked|attack|hurt))\b",
    re.IGNORECASE,
)
# Matched at a sentence's start (``match`` at a position; a ``^`` would hold only at the text's start).
_SEGMENT_BREAK = re.compile(
    r"\W*(?:in (?:a|another) separate|separately|elsewhere|in another|in other (?:news|operations?)|also on|"
    r"meanwhile|in an unrelated)\b",
    re.IGNORECASE,
)
# The first word of every _SEGMENT_BREAK match: most sentences open with none of them.
_SEGMENT_BREAK_WORDS = _words("in separately elsewhere also meanwhile")


def _opens_segment(text: str, scanned: Words, s: Sentence) -> bool:
    """Whether a sentence opens a report of another incident ("In a separate operation, ...")."""
    first = bisect_left(scanned.starts, s.start)
    if first == len(scanned.starts) or scanned.lowered[first] not in _SEGMENT_BREAK_WORDS:
        return False
    return _SEGMENT_BREAK.match(text, s.start, min(s.end, s.start + 40)) is not None
