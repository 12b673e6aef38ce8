"""The event stage: type, date, place and alleged perpetrators of the reported incident.

Sentences are ranked by how much they tell about the event itself:

0. sentences that hold a casualty claim;
1. other body sentences that name an attack, an operation or a casualty;
2. the rest of the body;
3. the header (title, release boilerplate, dateline).

Type, date and place are each taken from the best-ranked sentences that state
one, so that background ("a similar attack last year") yields to the incident
that the claims are about. Dates are in ``dates``, places in ``places``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import dates, gazetteer, places
from .cues import CuePattern, Words, has_word, triggers, words
from .model import Claim, Document, Event, Span
from .segment import Sentence
from .settings import Settings

STAGE = "event.rules/1"

EVENT_TYPES: tuple[str, ...] = (
    "drone_strike", "airstrike", "suicide_bombing", "ied", "shelling", "bombing",
    "shooting", "armed_clash", "raid", "detention_operation", "abduction", "other",
)

# Whose fire kills in "killed by Israeli fire", "wounded by army fire" (not "destroyed by fire").
_FIRERS = ("israeli", "russian", "ukrainian", "syrian", "iraqi", "afghan", "turkish", "saudi", "indian", "pakistani",
           "army", "police", "sniper", "security", "soldiers", "troops", "government", "regime", "enemy", "tank")
# Cue phrases for each type, with how specific each type is: a drone strike is also an
# air strike and a suicide bombing also a bombing, so the more specific wins a tie.
_TYPE_CUES: tuple[tuple[str, float, str], ...] = (
    ("drone_strike", 3.0, r"drones?\s+(?:strikes?|attacks?|struck|hit|targeted|fired)|unmanned\s+aerial|UAV\s+strikes?"),
    ("airstrike", 2.8, (
        # "a precision strike", "the coalition strike": what military releases and monitors call an air strike
        r"air\s*-?\s*strikes?|air\s+raids?|aerial\s+(?:bombardment|attack|bombing|strike)s?|(?:precision|coalition)\s+strikes?|"
        r"warplanes?|fighter\s+jets?|bombardment|bombing\s+raids?|helicopter\s+gunships?|"
        r"(?:aircraft|planes|jets|helicopters?)\s+(?:bombed|struck|hit|attacked|targeted|fired\s+on)|"
        r"bombed\s+by\s+(?:\w+\s+)?(?:aircraft|planes|jets|warplanes|helicopters?)"
    )),
    ("suicide_bombing", 2.8, r"suicide\s+(?:bomb(?:er|ing)?s?|attack(?:er)?s?|vests?|car\s+bombs?)"),
    ("ied", 2.5, r"IEDs?|improvised\s+explosive\s+devices?|roadside\s+bombs?|land\s*mines?|pressure-plate"),
    ("shelling", 2.5, r"shelling|shelled|mortars?|artillery|rocket\s+attacks?|rockets\s+(?:hit|struck|landed)"),
    ("bombing", 2.0, (r"car\s+bombs?|bomb(?:ing)?s?|explosions?|blasts?|grenades?|exploded|detonated|explosive\s+devices?|"
                      r"(?:attacked|struck|targeted|hit)\s+with\s+explosives")),
    ("shooting", 2.0, (
        # Not "gunmen abducted ...", "a knifeman ... was shot by police": who seized them, how an attack ended.
        r"gunm[ae]n(?!\s+(?:[\w-]+\s+){0,3}?(?:abduct|kidnap|seiz))|shooters?|shootings?|"
        # Not "the attacker was shot dead by a passing soldier": how an attack ended, not what it was.
        r"shot(?!\s+(?:dead\s+)?by\s+(?:the\s+|an?\s+)?(?:[a-z-]+\s+)?(?:police(?:m[ae]n)?|officers?|"
        r"security\s+(?:forces|guards?)|troops|soldiers?|guards?)\b)|"
        r"opened\s+fire|fired\s+(?:(?:[\w-]+\s+){0,2}(?:rounds|shots|bullets)\s+)?(?:at|on|into)|live\s+(?:ammunition|rounds|fire)|gunfire|"
        # "killed by Israeli fire", "wounded by army fire": whose fire, not a blaze
        rf"by\s+(?:{'|'.join(_FIRERS)})\s+fire|"
        # police releases: "a report of shots fired" (not "no shots were fired"), "suffering from gunshot wounds"
        r"(?:mass|school)\s+shooting|rampage|(?:reports?|calls?)\s+of\s+shots\s+fired|gunshot\s+wounds?"
    )),
    ("armed_clash", 1.5, (
        r"clash(?:es|ed)?|firefights?|gunfights?|gun\s*battles?|heavy\s+fighting|fighting\s+between|exchange\s+of\s+fire|"
        r"engagements?\s+with|ambush(?:ed)?|came\s+under\s+fire|shoot-?outs?|exchanges?\s+of\s+gunfire|"
        # South Asian English: "killed in an encounter with security forces"
        r"(?<=\ban\s)encounter|encounters?\s+with\s+(?:the\s+)?(?:[\w-]+\s+)?(?:forces|police|troops|army|jawans|commandos)|"
        # An armed group's assault on a post of the security forces, as conflict-event notes code it.
        r"(?:attack(?:ed|s)?|assault(?:ed|s)?|overran|overrun)\s+(?:on\s+)?(?:an?|the|their|its)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:checkpoints?|check\s+posts?|posts?|outposts?|bases?|convoys?|patrols?|garrisons?)"
    )),
    ("raid", 1.5, (
        r"raids?|raided|assault\s+force|storm(?:ed)?|"
        # An attack on a place where people live, as conflict-event notes tell a raid on a village.
        r"attack(?:ed|s)?\s+(?:on\s+)?(?:an?|the)\s+(?:[\w-]+\s+)?(?:villages?|towns?|communit(?:y|ies)|settlements?|hamlets?)|"
        # Named without an article: "in an attack on Egbekaw village", "attacks on two villages", "attacked
        # Yelwata village".
        r"attacks?\s+on\s+(?:two|three|four|several|(?-i:[A-Z])[\w'’-]+)\s+(?:villages?|communit(?:y|ies)|hamlets?)|"
        r"attacked\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+(?:village|community|hamlet|settlement)\b|"
        # Police sweeps of a neighbourhood, as Latin American and Caribbean reports tell them.
        r"police\s+(?:operations?|raids?)\s+(?:against|targeting|in|on)\b"
    )),
    # Not "no arrests had been made".
    ("detention_operation", 1.0, r"detain(?:ed|s)?|captured?|(?<!\bno\s)arrest(?:ed|s)?|detention|into\s+custody"),
    # Armed men seizing people. Below detention: a release on an arrest names the suspects' past kidnappings.
    ("abduction", 0.9, (
        r"abduct(?:ed|ion|ions|s)?|kidnap(?:ped|ping|pings|s)?|took\s+(?:\w+\s+){0,3}hostages?|"
        # Freed captives tell of their taking: "troops rescued 12 hostages from a kidnappers' hideout".
        r"(?:rescued|freed|released)\s+(?:\w+\s+){0,3}(?:hostages|captives|abductees|kidnap\s+victims)"
    )),
    # Cues standing for a type above (see _CUE_TYPE). A knife attack has no type of its own; it outweighs
    # the arrest that follows it.
    ("stabbing", 1.2, (r"stabb(?:ed|ing|ings)|knife\s+attacks?|knifem[ae]n|armed\s+with\s+a\s+(?:knife|machete|sword)|"
                       r"machete|(?<=\bwith\sa\s)(?:knife|sword)|hacked\s+to\s+death")),
    # A crowd killing a suspected thief: "lynched", "mob justice", "beaten to death by a mob".
    ("mob", 1.2, r"lynch(?:ed|ing|ings)?|mob\s+(?:justice|attacks?|violence|killings?)|(?<=\ba\s)mob|(?<=\ban\s)angry\s+mob"),
    # A bare "strike" in assessments and notes is one from the air: "the strike likely killed 20 fighters".
    ("strike", 0.5, r"(?<!hunger\s)(?<!general\s)strikes?"),
)
_CUE_TYPE = {"stabbing": "other", "mob": "other", "strike": "airstrike"}
_TYPE_RE = CuePattern(
    re.compile("|".join(rf"(?P<{name}>\b(?:{pattern})\b)" for name, _, pattern in _TYPE_CUES), re.IGNORECASE),
    triggers(
        "drone drones unmanned uav air airstrike airstrikes aerial warplane warplanes fighter bombardment "
        "aircraft planes jets helicopter helicopters bombed "
        "bombing bombings helicopter suicide ied ieds improvised roadside land landmine landmines pressure "
        "shelling shelled mortar mortars artillery rocket rockets car bomb bombs explosion explosions blast "
        "blasts grenade grenades exploded detonated gunman gunmen shooter shooters shooting shootings shot "
        "opened fired live mass school rampage report reports call calls gunshot clash clashes clashed firefight "
        "firefights gun gunbattle gunbattles gunfight gunfights rescued freed released "
        "heavy fighting exchange exchanges engagement engagements ambush ambushed came raid raids raided assault storm stormed "
        "precision coalition shootout shootouts shoot attack attacked attacks assaulted assaults overran overrun "
        "detain detained detains capture captured arrest arrested arrests detention into "
        "abduct abducted abduction abductions abducts kidnap kidnapped kidnapping kidnappings kidnaps took "
        "gunfire by "
        "stabbed stabbing stabbings knife knifeman knifemen armed machete strike strikes encounter sword explosive "
        "hacked lynch lynched lynching lynchings mob angry police"
    ),
    # Words that open a cue only before one of a few words, and else fail the whole pattern at every place
    # they stand: "coalition" in ISAF releases most of all, where it is seldom "coalition strike".
    only_before={
        "by": frozenset(_FIRERS),
        "coalition": triggers("strike strikes"),
        "precision": triggers("strike strikes"),
        "attack": triggers("on a an the their its"),
        "attacks": triggers("on a an the their its"),
        "attacked": triggers("on a an the their its with"),
        "armed": triggers("with"),
        "hacked": triggers("to"),
        "angry": triggers("mob"),
        "police": triggers("operation operations raid raids"),
    },
    or_before_name=triggers("attacked"),
)
_TYPE_WEIGHT = {name: weight for name, weight, _ in _TYPE_CUES}

# Words that make a sentence about the event even without a claim in it.
_EVENT_WORDS = triggers(
    "kill killed killing kills dead died wounded wounding injured injuries injuring attack attacked attacks "
    "strike strikes airstrike airstrikes operation operations detain detained capture captured arrested shot "
    "fire bomb bombs bombing bombed explosion exploded clash clashes gunfire shooting shootings"
)

# Who is said to have done it. The actor is named before the means ("US airstrikes",
# "coalition forces") or after "by" ("carried out by the US").
_ACTOR = (
    r"(?:U\.?S\.?|United\s+States|American|NATO(?:-led)?(?:\s+coalition)?|ISAF|coalition|"
    r"international|foreign|Afghan(?:\s+(?:security|national\s+army|army|police|special))?|Pakistani|Iraqi|"
    r"Syrian(?:\s+government)?|Russian|Israeli|Saudi(?:-led)?(?:\s+coalition)?|Turkish|government|"
    r"Taliban|Haqqani(?:\s+network)?|al-Shabaab|al-Qaeda|Boko\s+Haram|Islamic\s+State|ISIS|ISIL|Daesh|"
    r"Hezbollah|Hamas|Houthis?)"
)
_MEANS = (
    r"(?:air\s*-?\s*strikes?|air\s+raids?|aircraft|drones?|jets|warplanes|planes|helicopters?|forces?|troops|"
    r"soldiers|military|special\s+forces|army|police|militants|insurgents|fighters|gunmen|bombers?|artillery)"
)
# The first words of what may follow an actor in ``_PERPETRATOR_RE``: a partner, "-led", a modifier, ``_MEANS``.
_AFTER_ACTOR = triggers(
    "and led combined joint security special air airstrike airstrikes aircraft drone drones jets warplanes planes "
    "helicopter helicopters force forces troops soldiers military army police militants insurgents fighters gunmen "
    "bomber bombers artillery"
)
_PERPETRATOR_RE = CuePattern(re.compile(
    rf"\b(?P<actor>{_ACTOR})(?:\s+and\s+(?P<partner>coalition|foreign|international|U\.?S\.?|NATO))?"
    rf"\s+(?:-?led\s+)?(?:(?:combined|joint|security|special\s+operations)\s+)*{_MEANS}\b"
    rf"|\b(?:carried\s+out|conducted|launched|ordered|fired|claimed)\s+by\s+(?:the\s+)?(?P<by>{_ACTOR})\b"
    r"|(?:(?<=\bthe )|(?<=\ba )|(?<=\ban )|(?<=\bone )|(?<=\btwo )|(?<=\bthree ))"
    r"(?P<lone>(?:lone\s+)?(?:gunm[ae]n|shooters?|suicide\s+bombers?|"
    r"attackers?|assailants?))\b"
    r"|\b(?P<group>Taliban|al-Shabaab|Boko\s+Haram|Islamic\s+State|Haqqani\s+network)\s+(?:claimed|said\s+it)\b"
    # State forces named as the subject of the attack: "security forces opened fire on protesters".
    r"|\b(?P<state>(?:security|government|state|regime|riot)\s+forces|police|soldiers|troops|the\s+army|the\s+military)"
    r"\s+(?:(?:had|have|reportedly|allegedly|then|later)\s+)?(?:opened\s+fire|fired\s+(?:on|at|into)|shot\s+at|"
    r"shelled|raided|stormed|attacked|bombed|beat|tear-gassed)\b",
    re.IGNORECASE,
), triggers(
    "u us united american nato isaf coalition international foreign afghan pakistani iraqi syrian russian "
    "israeli saudi turkish government taliban haqqani al boko islamic isis isil daesh hezbollah hamas houthi "
    "houthis carried conducted launched ordered fired claimed lone gunman gunmen shooter shooters suicide "
    "attacker attackers assailant assailants security state regime riot police soldiers troops the"
), only_before={
    # Words that open an alternative only before one word, and else fail the whole pattern: "security" in
    # "Afghan National Security Forces" most of all, where no "forces opened fire" follows.
    "the": triggers("army military"),
    **dict.fromkeys(("security", "state", "regime", "riot"), triggers("forces")),
    **dict.fromkeys(("conducted", "launched", "ordered", "fired", "claimed"), triggers("by")),
    "carried": triggers("out"),
    "suicide": triggers("bomber bombers"),
    # Actors that releases name most often as something else ("Taliban leader", "ISAF Joint Command"): they
    # open a match only before what may follow an actor, or the words of the group's claim.
    "taliban": _AFTER_ACTOR | triggers("claimed said"),
    "isaf": _AFTER_ACTOR,
    "haqqani": _AFTER_ACTOR | triggers("network"),
})
_AIR_TYPES = frozenset({"airstrike", "drone_strike"})
_GROUND_ONLY = frozenset({"Taliban", "Haqqani network", "Islamic State", "al-Shabaab", "al-Qaeda", "Boko Haram"})
_ACTOR_LABELS = (
    (re.compile(r"^(?:U\.?S\.?|United\s+States|American)$", re.IGNORECASE), "US"),
    (re.compile(r"^(?:NATO|ISAF|coalition|international|foreign)", re.IGNORECASE), "NATO coalition"),
    (re.compile(r"^Afghan", re.IGNORECASE), "Afghan forces"),
    (re.compile(r"^Haqqani", re.IGNORECASE), "Haqqani network"),
    (re.compile(r"^(?:ISIS|ISIL|Daesh|Islamic\s+State)$", re.IGNORECASE), "Islamic State"),
    (re.compile(r"^(?:gunm[ae]n|shooters?)$", re.IGNORECASE), "gunman"),
    (re.compile(r"^suicide\s+bombers?$", re.IGNORECASE), "suicide bomber"),
    (re.compile(r"^(?:attackers?|assailants?)$", re.IGNORECASE), "attacker"),
    (re.compile(r"^(?:(?:security|government|state|regime|riot)\s+forces|troops|soldiers|the\s+(?:army|military))$",
                re.IGNORECASE), "state forces"),
    (re.compile(r"^police$", re.IGNORECASE), "police"),
)


def rank_sentences(
    scanned: Words, sentences: Sequence[Sentence], claims: Sequence[Claim], header_end: int
) -> tuple[tuple[Span, ...], ...]:
    """Sentence spans in four groups, most telling first (see the module docstring)."""
    groups: tuple[list[Span], ...] = ([], [], [], [])
    for s in sentences:
        span = (s.start, s.end)
        if any(c.span[0] < s.end and s.start < c.span[1] for c in claims):
            groups[0].append(span)
        elif s.end <= header_end:
            groups[3].append(span)
        elif has_word(scanned, s.start, s.end, _EVENT_WORDS):
            groups[1].append(span)
        else:
            groups[2].append(span)
    return tuple(tuple(g) for g in groups)


def _later_arrests(ranked: Sequence[Sequence[Span]], claims: Sequence[Claim]) -> frozenset[Span]:
    """The sentences that tell only an arrest after the dead or wounded were told: "Three people were killed
    ... The gunman was arrested on October 24, 2017" dates the arrest, not the attack, and a killing whose
    means the report does not tell is no detention. An arrest told first is the operation itself."""
    harmed = min((c.span[0] for c in claims if c.outcome in ("killed", "injured", "casualties")), default=None)
    # Only a sentence holding an arrest that ends after the harm can move: most reports tell none.
    if harmed is None or not any(c.outcome == "detained" and c.span[1] > harmed for c in claims):
        return frozenset()
    return frozenset((start, end) for start, end in ranked[0] if harmed < start and (held := [
        c for c in claims if c.span[0] < end and start < c.span[1]]) and all(c.outcome == "detained" for c in held))


def _without(ranked: Sequence[Sequence[Span]], later: frozenset[Span]) -> Sequence[Sequence[Span]]:
    """``ranked`` without the ``later`` sentences."""
    return tuple(tuple(s for s in g if s not in later) for g in ranked) if later else ranked


def event_type(
    text: str, ranked: Sequence[Sequence[Span]], scanned: Words
) -> tuple[str | None, Span | None]:
    """The event's type from the best-ranked sentences that name one, and the span of its first cue."""
    for spans in ranked:
        scores: dict[str, float] = {}
        first: dict[str, Span] = {}
        for start, end in spans:
            for m in _TYPE_RE.finditer(text, start, end, scanned):
                name = m.lastgroup
                if name is None:
                    continue
                scores[name] = scores.get(name, 0.0) + _TYPE_WEIGHT[name]
                first.setdefault(name, m.span())
        if scores:
            best = max(scores, key=lambda n: (scores[n], _TYPE_WEIGHT[n]))
            return _CUE_TYPE.get(best, best), first[best]
    return None, None


def perpetrators(text: str, ranked: Sequence[Sequence[Span]], scanned: Words) -> tuple[str, ...]:
    """Alleged perpetrators named in claim and event sentences, in order of first mention."""
    found: list[str] = []
    for spans in ranked[:2]:
        for start, end in sorted(spans):
            for m in _PERPETRATOR_RE.finditer(text, start, end, scanned):
                if m.group("lone"):
                    raw = " ".join(w for w in m.group("lone").split() if w.lower() != "lone")
                else:
                    raw = m.group("actor") or m.group("by") or m.group("group") or m.group("state")
                for name in (raw, m.group("partner")):
                    label = _label(name) if name else None
                    if label is not None and label not in found:
                        found.append(label)
    return tuple(found)


@lru_cache(maxsize=4096)
def _label(raw: str) -> str:
    """The label of an actor as the report names it. Cached: reports name the same few actors."""
    raw = " ".join(raw.split())
    for pattern, label in _ACTOR_LABELS:
        if pattern.search(raw):
            return label
    return raw


_HELD = re.compile(r"\b(?:held|holding)\b", re.IGNORECASE)


def _mostly_abducted(text: str, claims: tuple[Claim, ...]) -> bool:
    """Whether the report tells first and mostly of people taken: "gunmen seized 287 pupils ... the headmaster
    was shot and wounded" is an abduction, whatever shots were fired in it."""
    told = [c for c in claims if not c.background and c.count.low]
    if not told or told[0].outcome != "abducted" or _HELD.search(text, max(0, told[0].span[0] - 20), told[0].span[1]):
        return False  # "held four hostages inside the bank": a siege, told by how it was fought
    taken = max(c.count.low or 0 for c in told if c.outcome == "abducted")
    return taken > sum(c.count.low or 0 for c in told if c.outcome in ("killed", "injured", "casualties"))


def extract_event(
    text: str,
    sentences: tuple[Sentence, ...],
    claims: tuple[Claim, ...],
    document: Document,
    settings: Settings,
    scanned: Words | None = None,
) -> Event:
    """The event; ``scanned`` is ``cues.words(text)`` when the caller already has it."""
    scanned = scanned if scanned is not None else words(text)
    dateline = dates.find_dateline(text)
    reference = dates.reference_date(text, document.published, dateline, scanned)
    header_end = reference.header_end if reference is not None else (dateline.end if dateline else 0)
    ranked = rank_sentences(scanned, sentences, claims, header_end)

    later = _later_arrests(ranked, claims)
    # An arrest told first, or fighters killed by the force that made the arrests, make the arrests its
    # operation; after a killing that the report tells first they type nothing ("police arrested him later").
    # "No civilians were harmed" harms nobody.
    told = [c for c in claims if c.count.low != 0]
    operation = told and told[0].outcome == "detained" or any(
        c.victims.group == "militants" for c in told if c.outcome in ("killed", "injured"))
    kind, type_span = event_type(text, ranked if operation else _without(ranked, _later_arrests(ranked, told)),
                                 scanned)
    if _mostly_abducted(text, claims):
        kind = "abduction"
    body = [span for group in ranked[:3] for span in group]
    body = [span for span in body if span not in later] + [span for span in body if span in later]
    mention = dates.field_date(text, reference, scanned) or dates.event_date(text, body, reference, scanned) or \
        dates.header_date(text, reference, scanned)
    if mention is not None:
        when, precision, date_span = mention.date, mention.precision, mention.span
    elif reference is not None:
        # Nothing in the body dates the event: the report's own date bounds it, to within a week.
        when, precision, date_span = reference.date, "week" if reference.precision == "day" else "month", None
    else:
        when, precision, date_span = None, None, None

    where = places.resolve_place(
        text, ranked, gazetteer.load(settings), dateline.place if dateline is not None else None
    )
    accused = perpetrators(text, ranked, scanned)
    if kind in _AIR_TYPES:
        # Armed groups without aircraft are parties to the fighting, not the authors of a strike from the air.
        accused = tuple(a for a in accused if a not in _GROUND_ONLY)
    return Event(
        type=kind or ("other" if claims else None),
        date=when,
        date_precision=precision,
        place=where,
        alleged_perpetrators=accused,
        type_span=type_span,
        date_span=date_span,
        stage=STAGE,
    )
