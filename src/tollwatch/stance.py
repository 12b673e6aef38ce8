"""Stance: whether a source asserts, hedges or denies a figure.

A hedge is looked for in the claim's own clause and in the words that
introduce it ("reportedly", "could not independently verify"), and in a
sentence after it that doubts the figures ("The claim could not be
independently verified", see ``caveat``); a denial is a zero figure put
forward as a refutation ("no evidence of any civilian casualties", "denied
that civilians were killed").
"""

from __future__ import annotations

import re

from .cues import CuePattern, SentenceWords, Words, triggers
from .model import Span
from .segment import Sentence

STAGE = "stance.rules/1"

# "The group claimed to have killed 20 soldiers" is the group's word, told as "said" tells it: a claim of an
# enemy's losses is asserted unless the writer doubts it ("a claim that could not be verified").
# Tried only where one of its first words starts (cues.CuePattern): searched at every character of the
# sentence, the case-insensitive alternation cost more than the frames that found the claim.
_HEDGE = CuePattern(re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|rumou?red|"
    r"(?:could|can|cannot|could not|can't|couldn't|was unable to|were unable to|has not been able to|have not been able to)"
    r"\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"not (?:be )?(?:independently )?(?:verified|confirmed)|according to unverified|it is believed|"
    r"(?:are|is|were|was) (?:believed|thought|feared|said) to|may have been|might have been|possibly|"
    # "The report alleged that four civilians were killed": an allegation, not "an alleged airstrike".
    r"(?:alleged|alleges|allege)\s+that|"
    # An analyst's estimate of the figure itself ("were likely killed", "probably between 8 and 12"), not
    # of something else in the sentence ("an order that likely triggered the attack").
    r"(?:most )?(?:likely|probably|presumably) (?:(?:have|has|had) )?(?:been |be )?"
    r"(?:killed|killing|died|dead|wounded|wounding|injured|injuring|hurt|among|between|at least|more than|up to|\d+)|"
    # Provisional reports: "initial reports indicate", "reports from local sources suggest".
    r"(?:initial|early|earlier|preliminary|first) reports|reports (?:from [^.;]{1,40}? )?(?:indicate|indicated|suggest|suggested))\b",
    re.IGNORECASE,
), triggers(
    "alleged alleges allege reportedly allegedly purportedly supposedly apparently unconfirmed unverified rumored rumoured could can "
    "cannot couldn was were has have not according it is are may might possibly initial early earlier "
    "preliminary first reports most likely probably presumably"
))


# Where one clause of a sentence ends and a contrasting one begins: "police said two were killed, but
# residents said 12 were reportedly killed". Not before a participle: "allegedly went on a spree,
# killing four and wounding four others" is one clause.
_CLAUSE_BREAK = re.compile(r";|(?:,\s+(?:and|but|while|whereas|although|though)|\s+(?:but|whereas))\s+(?![a-z]+ing\b)")


def stances(text: str, sentence: Sentence, claims: tuple[Span, ...], scanned: Words | None = None) -> tuple[str, ...]:
    """``hedged`` or ``asserted`` for each of a sentence's claims (``claims``, their spans), found in one
    reading of the sentence. ``scanned`` is ``cues.words(text)`` when the caller already has it.

    A hedge in a clause that holds claims hedges those claims only; one in a clause without any ("...,
    though the figure could not be verified", "It is believed that ...") hedges the sentence's claims.
    """
    hedges = list(_HEDGE.finditer(text, sentence.start, sentence.end, scanned))
    if not hedges:
        return ("asserted",) * len(claims)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]

    def clause(at: int) -> int:
        return sum(b <= at for b in breaks)

    hedged = {clause(hedge.start()) for hedge in hedges}
    owned = [clause(span[0]) for span in claims]
    if not hedged <= set(owned):
        return ("hedged",) * len(claims)
    return tuple("hedged" if own in hedged else "asserted" for own in owned)


# A sentence that holds no figure and doubts those before it: "The claim could not be independently
# verified", "The army's figures could not be confirmed", "Reuters could not verify the toll".
_CAVEAT_VERBS = frozenset(("verified", "verify", "confirmed", "confirm", "verification"))
_CAVEAT_NOUNS = frozenset(("claim", "claims", "figure", "figures", "toll", "tolls", "report", "reports", "number",
                           "numbers", "account", "accounts"))
_CAVEAT_WHOSE = re.compile(
    # "the battlefield reports", "these casualty figures": a word saying what kind of figures
    r"\b(?:the|these|those|its|their)\s+(?:(?P<whose>[A-Za-z-]+)['’]s?\s+)?(?:(?-i:[a-z][a-z-]*)\s+)?"
    r"(?:claims?|figures?|tolls?|reports?|numbers?|accounts?)\b",
    re.IGNORECASE,
)


def caveat(text: str, sentence: Sentence, scanned: SentenceWords) -> str | None:
    """What a sentence without figures of its own doubts: ``""`` for the figures told just before it,
    the owner's word for someone's ("the army's claim" -> "army"), or None when it doubts nothing."""
    lowered = scanned.lowered
    # Most sentences are ruled out by a search for two stems, before their words are gathered.
    if lowered is not None and lowered.find("verif", sentence.start, sentence.end) < 0 and lowered.find(
        "confirm", sentence.start, sentence.end
    ) < 0:
        return None
    words_in = scanned.between(sentence.start, sentence.end)
    if _CAVEAT_VERBS.isdisjoint(words_in) or _CAVEAT_NOUNS.isdisjoint(words_in):
        return None
    if _HEDGE.search(text, sentence.start, sentence.end, scanned.scanned) is None:
        return None
    m = _CAVEAT_WHOSE.search(text, sentence.start, sentence.end)
    if m is None:
        return None
    return (m.group("whose") or "").lower()
