"""Stance: whether a source asserts, hedges or denies a figure.

A hedge is looked for in the claim's own clause and in the words that
introduce it ("reportedly", "could not independently verify"); a denial is a
zero figure put forward as a refutation ("no evidence of any civilian
casualties", "denied that civilians were killed").
"""

from __future__ import annotations

import re

from .cues import CuePattern, Words, triggers
from .model import Span
from .segment import Sentence

STAGE = "stance.rules/1"

# Tried only where one of its first words starts (cues.CuePattern): searched at every character of the
# sentence, the case-insensitive alternation cost more than the frames that found the claim.
_HEDGE = CuePattern(re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|rumou?red|"
    r"(?:could|can|cannot|could not|can't|couldn't|was unable to|were unable to|has not been able to|have not been able to)"
    r"\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"not (?:be )?(?:independently )?(?:verified|confirmed)|according to unverified|it is believed|"
    r"(?:are|is|were|was) (?:believed|thought|feared|said) to|may have been|might have been|possibly|claimed to have|"
    # An analyst's estimate of the figure itself ("were likely killed", "probably between 8 and 12"), not
    # of something else in the sentence ("an order that likely triggered the attack").
    r"(?:most )?(?:likely|probably|presumably) (?:(?:have|has|had) )?(?:been |be )?"
    r"(?:killed|killing|died|dead|wounded|wounding|injured|injuring|hurt|among|between|at least|more than|up to|\d+)|"
    # Provisional reports: "initial reports indicate", "reports from local sources suggest".
    r"(?:initial|early|earlier|preliminary|first) reports|reports (?:from [^.;]{1,40}? )?(?:indicate|indicated|suggest|suggested))\b",
    re.IGNORECASE,
), triggers(
    "reportedly allegedly purportedly supposedly apparently unconfirmed unverified rumored rumoured could can "
    "cannot couldn was were has have not according it is are may might possibly claimed initial early earlier "
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
