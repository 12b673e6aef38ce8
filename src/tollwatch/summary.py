"""Summary: a document's totals for killed, civilians killed and injured under a named policy.

Claims are grouped by source. Within one source, claims about the same
victims are restatements (the largest figure stands), claims about different
victims in one statement add up ("four women and a child"), and separate
operations the text marks as such ("In a separate operation") add up too.
In one narrative, victims told apart add up ("killed his wife ... then two
co-workers"), and so do victims beyond a figure ("two more", "the wounded
man later died"); an ordinal counts from those before it ("a fifth man"); an
attacker's death told twice is one; a figure that includes others
("two fighters, including the commander") is a total of them.
Across sources the policy decides:

- ``conservative`` (ACLED-like): the lowest credible figure is the best and low.
- ``range`` (Airwars-like): low is the lowest credible figure, high the highest; best is the low.
- ``ucdp``: low the lowest, high the highest, best the median of the sources' figures.

Vague words count only when no source gives a number, at the value
``Settings.vague_counts`` gives them. Denials never lower a toll: they are the
perpetrator's assessment, kept in the claims. A document that says nobody was
killed gives a supported 0; one that says nothing gives None. Subsets ("seven
members of my family") and passing mentions of other incidents do not count.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable

from .lexicon import FOUND_WOUNDED, ORDINALS
from .model import Claim, Count, Estimate, Span, Totals
from .settings import Settings

STAGE = "summary.policy/1"

# Groups that name the same people at different grain: a figure for one restates the other.
_CIVILIAN_LIKE = {"civilians", "children", "women", "people"}


def source_key(claim: Claim) -> str:
    s = claim.source
    if s.speaker:
        return s.speaker.split()[-1].lower()
    return f"{s.type}:{s.organization or ''}:{s.role or ''}:{','.join(s.via)}"


def victim_kind(claim: Claim) -> str:
    """Victims that different figures may describe at once: civilians, children and 'people' are one kind."""
    if claim.victims.affiliation == "perpetrator":
        return "perpetrator"
    return "civilian_like" if claim.victims.group in _CIVILIAN_LIKE else claim.victims.group


def _values(count: Count, settings: Settings) -> tuple[int, int] | None:
    """A count's low and high figures, or None when it gives neither."""
    if count.qualifier == "vague":
        value = settings.vague_counts.get(count.vague_word or "")
        return None if value is None else (value, value)
    if count.low is None and count.high is None:
        return None
    low = count.low if count.low is not None else count.high
    high = count.high if count.high is not None else count.low
    return low, high  # type: ignore[return-value]


def _source_figures(
    claims: list[Claim], settings: Settings, first: frozenset[Span] = frozenset()
) -> tuple[int | None, int | None]:
    """One source's low and high figures for one kind of victim, in one pass: they differ only in the
    values, never in which statements restate, add up or fall within others.

    Victims enumerated in one statement add up ("four women and a child"). Within a segment, statements
    about the same victims restate or update each other (the largest stands), statements about different
    victims add up ("murdered his wife ... then killed two co-workers"), and a figure for unspecified
    "people" is a total the specific ones may fall within. Segments the text sets apart ("In a separate
    operation") add up.
    """
    segments: dict[int, dict[tuple[int, int], list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        segments[c.segment][c.span].append(c)
    lows: list[int] = []
    highs: list[int] = []
    for statements in segments.values():
        generic = [0, 0]
        beyond = [0, 0]
        ordinals: list[tuple[int, bool]] = []
        tolls: list[list[int]] = []
        specific: dict[tuple[str, ...], list[int]] = {}
        for group in statements.values():
            values = [_values(c.count, settings) for c in group]
            if any(v is None for v in values):
                continue
            value = [sum(v[0] for v in values if v is not None), sum(v[1] for v in values if v is not None)]
            nth = max((_ordinal(c) for c in group), default=0)
            if nth:
                ordinals.append((nth, any(c.span in first for c in group)))
                continue
            if all(_TOLL.match(c.evidence) for c in group):
                tolls.append(value)
                continue
            if all(_is_beyond(c) for c in group):
                beyond = [beyond[0] + value[0], beyond[1] + value[1]]
                continue
            if all(_is_generic_total(c) for c in group):
                generic = [max(generic[0], value[0]), max(generic[1], value[1])]
                continue
            key = tuple(sorted(_identity(c) for c in group))
            match = next((k for k in specific if _same_victims(k, key)), None)
            if match is None:
                specific[key] = value
            else:
                specific[match] = [max(specific[match][0], value[0]), max(specific[match][1], value[1])]
        for side, totals in ((0, lows), (1, highs)):
            if generic[side] or specific or beyond[side] or ordinals or tolls:
                figure = max(generic[side], sum(v[side] for v in specific.values())) + beyond[side]
                for nth, leading in sorted(ordinals):
                    # "Four were found dead. A fifth man was shot": the fifth of these. "Killing two and
                    # wounding a third": the third victim of any outcome, one more of this one. "A second
                    # victim has died", before any victim is told: the earlier ones went untold, so the second.
                    figure = max(figure, nth) if figure >= nth - 1 or leading else figure + 1
                # "Two of the wounded died, bringing the toll to seven": a toll holds the deaths told beside
                # it, so it neither adds to them nor yields to a smaller sum of them.
                totals.append(max([figure, *(t[side] for t in tolls)]))
    return (sum(lows) if lows else None), (sum(highs) if highs else None)


# The evidence of a toll named before its figure ("the death toll ... rose to 31", claims' _TOLL_RE).
_TOLL = re.compile(r"(?:death\s+)?toll\b|number of\b", re.IGNORECASE)
# A toll told as it rose: "bringing the death toll to 12", "the toll had reached 12" (not "put the toll at 11").
_RISEN = re.compile(r"\b(?:to|reached|hit)\s+\S+(?:\s+\S+)?$", re.IGNORECASE)
_REVISED_FROM = re.compile(r"\bfrom\s+(\d+)\s+to\s+\S+$")
# How far a death of the hurt may stand after the revised toll it explains ("from 9 to 11 after two of the").
_AFTER_REVISED = 20
_STILL_HURT = re.compile(r"\b(?:remain|remains|remained|still)\b", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom)\b", re.IGNORECASE)
_LABELLED = re.compile(r"[A-Za-z][A-Za-z ]*\s*[:=]")
_ESTIMATE = re.compile(r"\b(?:best|low)(?:\s+estimate)?\s*[:=]?\s*\d+\s*[,;|]\s*(?:best|low|high)\b", re.IGNORECASE)
_GENERIC_NOUNS = {"people", "persons", "individuals", "victims", "lives"}
_MORE = {"more", "other", "others", "additional", "another", "further"}
_MALE = {"he", "him", "his", "himself", "man", "gunman"}
_FEMALE = {"she", "her", "hers", "herself", "woman", "gunwoman"}
# "two more", "another": beyond those already counted.
_BEYOND = {"more", "additional", "another", "further"}
_HURT = {"wounded", "injured"}
_OF_THE_DEAD = re.compile(r"(?:[\w-]+\s+of\s+the\s+)?(?:dead|fatalities)\s+(?:were|are)\b", re.IGNORECASE)
_MORE_THAN = re.compile(r"more\s+than\b", re.IGNORECASE)
_DIED = re.compile(r"\b(?:died|succumbed|passed away)\b", re.IGNORECASE)


def _is_generic_total(claim: Claim) -> bool:
    """'26 people', 'the deaths of 12 persons': a total that specific victims may fall within.

    So is a figure that says it includes others ("two insurgents, including the commander"): the
    commander, told on his own, is one of the two. So is a labelled figure ("Fatalities: 3").
    """
    if (claim.count.low or 0) > 1 and _INCLUDING.search(claim.evidence):
        return True
    if _LABELLED.match(claim.evidence):
        return True  # "Fatalities: 1" under a note's narrative is the note's own total of the dead it told
    d = claim.victims.description
    if not d:
        return False
    return d.split()[-1] in _GENERIC_NOUNS and not _MORE & set(d.split()) and (claim.count.low or 0) != 1


def _is_beyond(claim: Claim) -> bool:
    """'two more', 'an additional five': victims beyond every figure given so far.

    So are the dead that were counted among the hurt ("the wounded victim later died"): no figure of
    the killed held them yet.
    """
    words = set(claim.count.text.lower().split()) | set((claim.victims.description or "").split())
    return bool(words & _BEYOND) or (claim.outcome == "killed" and bool(words & _HURT))


def _ordinal(claim: Claim) -> int:
    """'A fifth man was shot': the fifth victim, so at least five in all (0 when no ordinal).

    An ordinal counts from the victims told before it, whether a total ("four people were found dead")
    or one by one ("killing the insurgent. A second insurgent was killed"): it neither adds to them
    nor falls within a smaller figure. See _source_figures for victims of another outcome before it.
    """
    if claim.count.text.lower() not in ("a", "an") or not claim.victims.description:
        return 0
    return next((n for n, word in enumerate(ORDINALS, 2) if word in claim.victims.description.split()), 0)


def _same_victims(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Identities agree item by item; an unknown affiliation ('civilians') agrees with a known one ('Afghan civilians')."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if x.startswith("perpetrator:") and y.startswith("perpetrator:") and (x == "perpetrator:" or y == "perpetrator:"):
            continue  # an attacker's death told without a pronoun is the one attacker's
        if x.startswith("group:") and y.startswith("group:"):
            gx, ax = x[6:].split(":", 1)
            gy, ay = y[6:].split(":", 1)
            if gx == gy and (not ax or not ay):
                continue
        return False
    return True


def _identity(claim: Claim) -> str:
    """Who a statement is about, so that restatements collapse and different victims add up.

    A named or singular victim is that person; "two more", "another" and bare numbers in a narrative
    are new victims; a plural group ("two insurgents") is the group, so a restatement collapses into it.
    """
    v = claim.victims
    if v.name:
        return f"name:{v.name.split()[-1].lower()}"
    words = set(claim.count.text.lower().split()) | set((v.description or "").split())
    if v.affiliation == "perpetrator" and claim.count.low == 1 and not _MORE & words:
        # "killed five before taking his own life. He had planned to commit suicide": one attacker
        # whose death the narrative tells twice, unless it is another ("the other gunman", see
        # _is_beyond for "a second"), or the attackers differ in sex ("the man was killed by police
        # and the woman killed herself").
        sex = "m" if words & _MALE else "f" if words & _FEMALE else ""
        return f"perpetrator:{sex}"
    if v.affiliation == "perpetrator" or (v.description and _MORE & set(v.description.split())) or (
        not v.description and v.group == "people"
    ) or _MORE & set(claim.count.text.lower().split()):
        # Each attacker's death, each "two more" or "an additional five" and each bare number in a
        # narrative is new.
        return f"span:{claim.span[0]}:{claim.count.text}"
    determiner = claim.count.text.lower()
    if claim.count.low == 1 and claim.count.high == 1 and v.description and determiner not in ("one", "the"):
        return f"one:{v.group}:{v.description.split()[-1]}"
    return f"group:{v.group}:{v.affiliation or ''}"


def _kind_estimate(claims: list[Claim], settings: Settings, first: frozenset[Span]) -> Estimate | None:
    numeric = [c for c in claims if c.count.qualifier != "vague"]
    # "killed a commander along with a number of fighters": a vague group enumerated beside a number
    # in one statement is more victims, not a vaguer figure for the same ones.
    stated = {c.span for c in numeric}
    numeric += [c for c in claims if c.count.qualifier == "vague" and c.span in stated]
    per_source: dict[str, list[Claim]] = defaultdict(list)
    for c in numeric or claims:
        per_source[source_key(c)].append(c)
    risen = [c for c in numeric if _TOLL.match(c.evidence) and _RISEN.search(c.evidence) and c.count.low is not None]
    if risen:
        # "Eleven people were killed, police said. ... one of the injured had died, bringing the death toll to 12,
        # a nurse said": the toll told as it rose is the latest of the figures told before it, no rival of them.
        last = max(risen, key=lambda c: c.span)
        # "Updated: the toll was revised from 9 to 11" above the entry it updates: the figure it names as the
        # old one is superseded wherever it is told.
        was = _REVISED_FROM.search(last.evidence)
        old = int(was.group(1)) if was else None
        for k in [k for k, cs in per_source.items() if k != source_key(last) and all(
                (c.span < last.span or old is not None and (c.count.high or c.count.low) == old)
                and (c.count.high or c.count.low or 0) <= (last.count.low or 0) for c in cs)]:
            del per_source[k]
    # "..., police said. One of the wounded later died, the police chief said": a source that tells only
    # deaths beyond the others' figures updates them; it is no rival toll.
    updates = [k for k, cs in per_source.items() if all(_is_beyond(c) and not _MORE_THAN.match(c.count.text) for c in cs)]
    extra = [0, 0]
    if len(updates) < len(per_source):
        for k in updates:
            low, high = _source_figures(per_source.pop(k), settings, first)
            extra = [extra[0] + (low or 0), extra[1] + (high or 0)]
    figures = [_source_figures(cs, settings, first) for cs in per_source.values()]
    if extra != [0, 0]:
        figures = [(None if low is None else low + extra[0], None if high is None else high + extra[1])
                   for low, high in figures]
    lows = [low for low, _ in figures if low is not None]
    highs = [high for _, high in figures if high is not None]
    if not lows:
        return None
    low, high = min(lows), max(highs) if highs else None
    if settings.policy == "ucdp":
        return Estimate(low, int(statistics.median(lows)), high)
    # conservative and range share low and best; they differ in what a consumer reads: best vs the range.
    return Estimate(low, low, high)


def _estimate(
    claims: list[Claim], settings: Settings, first: frozenset[Span], known: dict[tuple[int, ...], Estimate | None]
) -> Estimate | None:
    """Each kind of victim is estimated across sources on its own; the kinds then add up. ``known`` holds the
    estimates of the kinds estimated before for the same document: the civilians killed are often the very
    claims of the killed's civilian kind.

    When the only figures for unspecified "people" are bare totals ("Seventeen killed") beside figures
    for a specific kind ("seventeen insurgents"), the bare total names the same dead: the larger stands.
    """
    kinds: dict[str, list[Claim]] = defaultdict(list)
    # Beside the dead of the attack, fighters named by what they did there are its attackers whether or not the
    # text made them its perpetrators: "at least nine people were killed when militants stormed a hotel ...
    # security forces killed all four attackers" is 13. (Told alone, "killing the two attackers" after "killed
    # two insurgents" restates them.)
    victims = any(victim_kind(c) == "civilian_like" for c in claims)
    for c in claims:
        kinds[_kind(c, victims)].append(c)
    estimates: dict[str, Estimate] = {}
    for k, cs in kinds.items():
        key = tuple(map(id, cs))
        if key not in known:
            known[key] = _kind_estimate(cs, settings, first)
        found = known[key]
        if found is not None:
            estimates[k] = found
    if not estimates:
        return None
    bare = estimates.get("civilian_like")
    others = [e for k, e in estimates.items() if k not in ("civilian_like", "perpetrator")]
    # Unless they stand in one list of victims with the others ("killing a district official and his driver"),
    # or in another incident the text sets apart ("Elsewhere, ... killing three soldiers").
    listed = {c.span for k, cs in kinds.items() if k not in ("civilian_like", "perpetrator") for c in cs}
    segments = {c.segment for k, cs in kinds.items() if k not in ("civilian_like", "perpetrator") for c in cs}
    if bare is not None and others and all(
        c.victims.group == "people" and c.victims.affiliation is None and c.span not in listed
        and c.segment in segments
        for c in kinds["civilian_like"]
    ):
        attackers = [estimates["perpetrator"]] if "perpetrator" in estimates else []
        if all(_LABELLED.match(c.evidence) for c in kinds["civilian_like"]):
            # "Three officers were killed. One attacker was shot dead. Fatalities: 4": a note's own count of
            # the dead holds the attackers too. It is the coder's count: "7 VDP and 2 soldiers were killed. The
            # army said it had neutralised about 30 assailants. Fatalities: 9" leaves the army's claim out.
            return bare
        kinds_told = _add(others)
        by_kind = [c for k, cs in kinds.items() if k not in ("civilian_like", "perpetrator") for c in cs]
        if min(c.span for c in by_kind) < min(c.span for c in kinds["civilian_like"]) and not any(
                c.subset for c in by_kind) and {source_key(c) for c in by_kind}.isdisjoint(
                map(source_key, kinds["civilian_like"])):
            # "killed four soldiers, SANA said. The Observatory said seven people were killed": the lead toll by
            # kind and another source's in all are rival accounts of the same dead, of which the lowest is
            # credible. (Led by the toll in all, another source's figure by kind tells who among the dead it
            # speaks for: "killed two people, NNA said. Hezbollah said one of its fighters was among the dead".)
            merged = Estimate(min(kinds_told.low or 0, bare.low or 0), min(kinds_told.best or 0, bare.best or 0),
                              None if kinds_told.high is None or bare.high is None else max(kinds_told.high, bare.high))
        else:
            merged = max(kinds_told, bare, key=lambda e: e.best or 0)
        return _add([merged] + attackers)
    return _add(list(estimates.values()))


# Fighters named by what they did in the event: "security forces killed all four attackers".
_ATTACKERS = frozenset(("attacker", "attackers", "assailant", "assailants", "gunman", "gunmen", "bomber", "bombers",
                        "raider", "raiders"))


def _kind(claim: Claim, beside_victims: bool) -> str:
    """The claim's kind of victim, with the attackers apart ``beside_victims`` of the attack (see _estimate)."""
    described = (claim.victims.description or "").split()
    if beside_victims and claim.victims.group == "militants" and described and (
            described[-1] in _ATTACKERS or described[-2:] == ["gang", "members"]):
        return "perpetrator"
    return victim_kind(claim)


def _add(parts: list[Estimate]) -> Estimate:
    low = sum(p.low or 0 for p in parts)
    best = sum(p.best or 0 for p in parts)
    high = None if any(p.high is None for p in parts) else sum(p.high or 0 for p in parts)
    return Estimate(low, best, high)


def _select(claims: Iterable[Claim], keep: Callable[[Claim], bool]) -> list[Claim]:
    chosen = [c for c in claims if keep(c) and not c.background and c.stance != "denied"]
    # A subset ("seven members of my family") yields to a larger figure for the same victims from another source.
    return [c for c in chosen if not c.subset or not any(_covers(o, c) for o in chosen)]


def _covers(other: Claim, subset: Claim) -> bool:
    """Whether a figure holds a part told of the toll ("eight militants ... three of the dead were herders",
    "two insurgents ... the dead were a farmer and his son": they are of that toll, whoever the source says
    they were)."""
    return (
        not other.subset
        and other.outcome == subset.outcome
        and (victim_kind(other) == victim_kind(subset) or bool(_OF_THE_DEAD.match(subset.evidence)))
        and (other.count.low or 0) >= (subset.count.low or 0)
    )


def _unverified_boasts_left_out(killed: list[Claim]) -> list[Claim]:
    """An armed group's claim of the enemies it killed, which the report says could not be verified, is no
    credible figure beside a toll another source asserts: "killing at least 14 people, police said ...
    al-Shabaab said 25 soldiers had been killed; the claim could not be independently verified" is 14."""
    if not any(c.stance == "asserted" and c.source.type != "armed_group" for c in killed):
        return killed
    return [c for c in killed if not (c.stance == "hedged" and c.source.type == "armed_group")]


def _rival_accounts_left_out(killed: list[Claim], claims: Iterable[Claim]) -> list[Claim]:
    """A side that denies harming civilians and counts the militants it killed, beside another source's civilian
    or people dead, gives a rival account of the same dead, not more of them: "witnesses counted 23 bodies ...
    the army said it had neutralised 31 terrorists and denied that any civilians were harmed" is 23."""
    deniers = {source_key(c) for c in claims if c.stance == "denied" and c.victims.group in _CIVILIAN_LIKE}
    if not deniers or not any(victim_kind(c) == "civilian_like" and source_key(c) not in deniers for c in killed):
        return killed
    return [c for c in killed if not (c.victims.group == "militants" and source_key(c) in deniers)]


def _zero_or_none(claims: Iterable[Claim], outcomes: set[str], groups: set[str] | None) -> Estimate | None:
    for c in claims:
        if (
            c.count.qualifier == "none"
            and c.stance != "denied"
            and c.outcome in outcomes
            and (groups is None or c.victims.group in groups or c.victims.group == "people")
        ):
            return Estimate(0, 0, 0)
    return None


# A total the writer states after its parts: the claim's evidence opens at "total" (claims' _TOTAL_RE).
_STATED_TOTAL = re.compile(r"total(?:l?ing|l?ed)?\b", re.IGNORECASE)


def _within_totals(claims: list[Claim], stated: list[Claim], civilian: bool = False) -> list[Claim]:
    """Claims with the parts of each stated total left out: "killed a man ... and a woman and her son,
    for a total of three dead" counts three, and so does a total below the sum of the parts read before it
    ("murdering his mother ... shot and killed a coworker ..., totaling one death"), for the writer's own
    sum is the figure the report stands by, and the lower credible one. The parts are the figures of the
    same outcome told before the total in its segment. Counting ``civilian`` deaths, a total whose parts
    hold others (an officer, the attacker) is no count of civilians: it is left out, and its parts stay.
    ``stated`` are the claims that state a total (``_STATED_TOTAL``), found once for both counts.
    """
    if not stated:
        return claims
    left_out: set[int] = set()
    for total in stated:
        parts = [c for c in claims if c.outcome == total.outcome and c.segment == total.segment
                 and c.span[0] < total.span[0] and not _STATED_TOTAL.match(c.evidence)]
        if civilian and any(victim_kind(c) != "civilian_like" for c in parts):
            left_out.add(id(total))
        else:
            left_out.update(map(id, parts))
    return [c for c in claims if id(c) not in left_out]


def summarize(claims: tuple[Claim, ...] | list[Claim], settings: Settings) -> Totals:
    every = [c for c in claims if c.count.qualifier != "none"]
    stated = [c for c in every if _STATED_TOTAL.match(c.evidence)]
    counted = _within_totals(every, stated)
    killed = _rival_accounts_left_out(_unverified_boasts_left_out(_select(counted, lambda c: c.outcome == "killed")),
                                      claims)
    # "Six soldiers were killed ... Fatalities: 6": a total for unspecified people that a figure for
    # combatants covers restates the combatants, and counts no civilian ("a custodian" beside an officer does);
    # nor does one that combatants are part of ("Fourteen soldiers and five civilians were among the dead"):
    # its civilians are the ones told apart.
    victims = any(victim_kind(c) == "civilian_like" for c in killed)
    combatants = [c for c in killed if _kind(c, victims) not in ("civilian_like", "perpetrator")]
    # "Best estimate 14, low 10, high 20": a dataset's estimate of an entry's dead is its count of them; the
    # deaths by side and the parties' claims it was made from do not add to it.
    estimated = [c for c in killed if _ESTIMATE.search(c.evidence)]
    # So is a note's one labelled count of its dead ("Fatalities: 7"), however its narrative tells them apart (a
    # record of two entries, each with its count, adds them as the narrative's other tolls).
    labelled = [c for c in killed if c.victims.group == "people" and _LABELLED.match(c.evidence)]
    civilians = _select(
        _within_totals(every, stated, civilian=True),
        lambda c: c.outcome == "killed" and c.victims.group in _CIVILIAN_LIKE
        and c.victims.affiliation != "perpetrator"
        and not (c.victims.group == "people" and _is_generic_total(c) and any(
            o.subset or (o.count.low or 0) >= (c.count.high or c.count.low or 1) for o in combatants))
        # "Deaths: side A 9, side B 5, civilians 0. Best estimate 14": a dataset's estimate of all the dead holds
        # the combatants it tells apart
        and not (c.victims.group == "people" and combatants and _ESTIMATE.search(c.evidence)),
    )
    injured = _select(counted, lambda c: c.outcome == "injured")
    # A death the document tells first, by its ordinal: "A second person has died after Saturday's shooting"
    # (not "A fifth man was shot to death", one of a series).
    opening = min((c.span[0] for c in claims), default=0)
    first = frozenset(c.span for c in claims if c.span[0] == opening and _ordinal(c) and _DIED.search(c.evidence))
    known: dict[tuple[int, ...], Estimate | None] = {}
    return Totals(
        settings.policy,
        (_estimate(estimated, settings, first, known) if estimated else
         _counted(_estimate(labelled, settings, first, known), killed) if len(labelled) == 1 else
         _estimate(killed, settings, first, known))
        or _zero_or_none(claims, {"killed", "casualties"}, None)
        # "none of the soldiers aboard was hurt", the report's only word on harm: nobody was killed either.
        or (None if any(c.outcome == "killed" for c in claims) else _zero_or_none(claims, {"injured"}, None)),
        _estimate(civilians, settings, first, known) or _zero_or_none(claims, {"killed", "casualties"}, {"civilians"}),
        _less_died(_estimate(injured, settings, first, known), killed, injured)
        or _zero_or_none(claims, {"injured", "casualties"}, None),
    )


def _counted(count: Estimate | None, killed: list[Claim]) -> Estimate | None:
    """The dead as a note counts them, its range still reaching the highest figure a source gives of the same
    dead: "killing 6 civilians. Local activists said 15 were killed. | Fatalities: 6" is 6, up to 15 (an army's
    claim of enemies killed that the coder left out stays out)."""
    if count is None or count.high is None:
        return count
    return Estimate(count.low, count.best, max(count.high, *(
        c.count.high or 0 for c in killed if victim_kind(c) == "civilian_like")))


# How the hurt are said to die in hospital: "where two were pronounced dead", "one of them succumbed".
_DIED_OF_HURT = re.compile(r"\bpronounced\s+dead\b|\bsuccumbed\b|\bdied\s+(?:of|from)\s+(?:\w+\s+)?(?:wounds|injuries)\b",
                           re.IGNORECASE)


def _of_hurt(claim: Claim) -> bool:
    """A death told of the hurt without a noun of its own: "Five people were injured and rushed to hospital, where
    two were pronounced dead", "two men suffering from gunshot wounds ... one of the men was pronounced dead"."""
    described = claim.victims.description
    return (described is None or described.startswith("of ")) and bool(_DIED_OF_HURT.search(claim.evidence))


def _less_died(hurt: Estimate | None, killed: list[Claim], injured: list[Claim]) -> Estimate | None:
    """The hurt without those of them who died: "two men were found with gunshot wounds. One of them was
    pronounced dead" leaves one hurt, and so does "wounding two ... One of the wounded later died": coders
    count the killed and the wounded apart (the Stanford MSA codes "wounding another ... The wounded victim
    later died" as no one wounded). A figure of the hurt told after the deaths ("Four officers remain in
    hospital") has already lost them."""
    segments = {c.segment for c in injured}
    # "the toll was revised from 9 to 11 after two of the injured died", above the entry it updates: the hurt
    # it tells were counted before the revision, wherever they stand (not those who "remain in hospital").
    revised = [r.span[1] for r in killed if _REVISED_FROM.search(r.evidence)]
    died = sum(c.count.low or 0 for c in killed if c.segment in segments and (
        c.victims.description == FOUND_WOUNDED or (_HURT & set((c.victims.description or "").split()) or _of_hurt(c))
        and all(i.span[0] < c.span[0] or any(0 <= c.span[0] - end <= _AFTER_REVISED for end in revised)
                and not _STILL_HURT.search(i.evidence) for i in injured if i.segment == c.segment)))
    if hurt is None or not died or hurt.low is None or hurt.low < died:
        return hurt
    return Estimate(hurt.low - died, (hurt.best or 0) - died, None if hurt.high is None else hurt.high - died)
