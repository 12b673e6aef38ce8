"""Places: find place mentions in a report and resolve the event's place in the gazetteer.

A mention is a capitalised name with the cue around it that says what it is:
"X province", "X district", "the village of X", "on the outskirts of X", "near X",
"in X", or a pair such as "Mesa, Arizona" and "Kunduz, Afghanistan". Names are
resolved against the gazetteer, inside the countries the report talks about
(named countries, their demonyms, divisions named with a cue).

The event's place comes from the sentences the caller ranks first (the claim
sentences, then sentences that describe the event), the strongest cue winning
inside a sentence. Precision follows ACLED's habits:

- ``village``/``town``: the named place resolves;
- ``near_town``: "outskirts of X", "near X", or a named village that is unknown,
  replaced by the nearest known town the report names;
- ``admin1``: only the province or state is known;
- ``country``: only the country is.

A dateline names where the report was filed; it is a last resort, and a capital
in a dateline (KABUL in ISAF releases) says no more than the country.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .cues import triggers
from .gazetteer import Gazetteer, GeoEntry, fold, skeleton, strip_admin_affixes
from .lexicon import VICTIM_NOUNS
from .model import Place, Span

STAGE = "places.rules/1"

# The quantifiers are possessive (``*+``, ``?+``): what follows each part can never begin with what it
# matched, and a name is taken as long as it goes, so the scan never gives anything back. Not keeping the
# means to made scanning a report's names a sixth cheaper.
_WORD = r"[A-Z][\w'’‘]*+(?:-[\w'’‘]+)*+"
# Lower-case particles inside names: Sar-e Pul, Nahr-e Saraj, Nawah-ye Barakzai, Dera Ismail Khan, Dar es Salaam.
_JOIN = r"(?:\s++|-)(?:(?:e|ye|i|al|el|ul|ud|es|de|del|la|le|du|da|do|dos|das|van|von)(?:\s++|-))?+"
_NAME = re.compile(rf"{_WORD}(?:{_JOIN}{_WORD}){{0,4}}+")

_AFTER = re.compile(
    # "the Kunar provincial council", "the Mopti region": the name is a province's.
    # "Kherson oblast": Ukraine's and Russia's provinces.
    r"\s*(?:(?P<province>provinces?|provincial|governorate|state|region|oblasts?)\b|"
    # "Marsabit county", "Kani township", "Guma local government area": a district's name.
    r"(?P<district>districts?|county|counties|townships?|local\s+government\s+areas?|LGAs?)\b|"
    r"(?P<village>village|hamlet)\b|(?P<town>town|city)\b|(?P<pair>,\s+(?=[A-Z])))",
    re.IGNORECASE,
)
# Words just before a name that say what it is, read backwards past modifiers ("in the central X").
_BEFORE_ONE = {
    "in": "locative", "at": "locative", "into": "locative", "across": "locative", "throughout": "locative",
    "inside": "locative", "around": "locative", "near": "near", "nearby": "near", "outside": "near",
    "from": "near",
    "downtown": "town",  # "in downtown Toledo": a town, not Belize's Toledo district
}
_BEFORE_TWO = {
    ("province", "of"): "province", ("provinces", "of"): "province", ("state", "of"): "province",
    ("district", "of"): "district", ("districts", "of"): "district", ("village", "of"): "village",
    ("villages", "of"): "village", ("town", "of"): "town", ("city", "of"): "town",
    ("outskirts", "of"): "near", ("outside", "of"): "near", ("close", "to"): "near",
    ("suburb", "of"): "near", ("suburbs", "of"): "near", ("port", "of"): "town",
    # A quarter of a town is in the town: "the Al-Mansour neighbourhood of Hodeidah".
    ("neighbourhood", "of"): "town", ("neighborhood", "of"): "town", ("quarter", "of"): "town",
    ("centre", "of"): "town", ("center", "of"): "town", ("heart", "of"): "town", ("streets", "of"): "town",
    ("area", "of"): "town", ("areas", "of"): "town",
}
_COMPASS = triggers("north south east west northeast northwest southeast southwest northern southern eastern western")
_MODIFIERS = triggers("the central northern southern eastern western rural remote")
_PUNCTUATION = ",.;:()[]\"'“”‘’"
# What a place named one group further from the claims loses against one named closer.
_RANK_PENALTY = 1.5
# A bare capitalised word, with no country to check it against, is taken for a town only if it is this big.
_BARE_MIN_POPULATION = 20_000
# A cue at least this strong ends the search for the event's place in its group of sentences.
_STRONG = 4.0
# The window before a name in which a cue is looked for.
_BEFORE_CHARS = 40
# The words that, last before a name, can give it a cue or lead to one; after any other there is none.
_CUE_LAST = frozenset(_BEFORE_ONE) | _MODIFIERS | {of_or_to for _, of_or_to in _BEFORE_TWO}

# How strongly each cue says "this name is a place".
CUE_WEIGHTS = {
    "province": 6.0, "pair": 6.0, "district": 5.0, "village": 5.0, "town": 5.0,
    "near": 4.5, "locative": 3.0, "bare": 1.0, "dateline": 0.5,
}

# Demonyms say which country a report is about, more weakly than the country's name.
DEMONYMS = {
    "afghan": "AF", "afghans": "AF", "american": "US", "americans": "US", "iraqi": "IQ", "iraqis": "IQ",
    "syrian": "SY", "pakistani": "PK", "yemeni": "YE", "somali": "SO", "nigerian": "NG", "malian": "ML",
    "libyan": "LY", "israeli": "IL", "palestinian": "PS", "lebanese": "LB", "turkish": "TR", "iranian": "IR",
    "indian": "IN", "ukrainian": "UA", "russian": "RU", "sudanese": "SD", "ethiopian": "ET", "kenyan": "KE",
    "congolese": "CD", "mexican": "MX", "colombian": "CO", "filipino": "PH", "egyptian": "EG", "saudi": "SA",
    "burmese": "MM", "bangladeshi": "BD", "cameroonian": "CM", "burkinabe": "BF", "nigerien": "NE",
    "mozambican": "MZ", "afghanistan's": "AF", "jamaican": "JM", "haitian": "HT", "brazilian": "BR",
    "irish": "IE", "australian": "AU", "canadian": "CA",
    # The Palestinian territories are named by their parts, which GeoNames does not give as country names.
    "gaza": "PS", "gazan": "PS", "gazans": "PS",
}
_DEMONYM_WEIGHT = 0.5
# Words that begin sentences or name institutions; alone they are never a place worth guessing.
_NOT_PLACES = triggers(
    "the a an in on at of and but he she it they we i this that these those his her their its after before "
    "during when while earlier later local police army force forces security provincial national district "
    "province village town city government officials official military coalition according general "
    "president minister ministry spokesman spokeswoman monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november december today "
    "yesterday early late north south east west northern southern eastern western central commander center centre "
    "school street road mosque market hospital church university college office station base camp"
)


# What follows the second name of "X, Y" when the two begin a list; "in X, near Y" makes Y a landmark.
_LIST_GOES_ON = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)[A-Z]")
_LANDMARK = re.compile(r",\s+(?:just\s+)?(?:near|outside)\s+")

# A name that speaks, or that a title opens, is a person's.
_PERSON_AFTER = re.compile(r",?\s+(?:said|says|told|tells|added|wrote|tweeted)\b")
_TITLES = triggers(
    "chief mr mrs ms dr gen col capt lt maj sgt cpl brig adm gov sen rep mayor governor minister spokesman "
    "spokeswoman spokesperson president senator commander colonel general captain lieutenant major sergeant "
    "inspector superintendent commissioner officer detective deputy sheriff judge prosecutor imam sheikh haji "
    "mullah maulvi rev father bishop prof"
)


# Compass words that open names of places ("North Kivu", "South Waziristan"), kept on a name they open.
_COMPASS_NAMES = triggers("north south east west")


# Named tuples rather than frozen dataclasses: a report's every capitalised name makes a mention, and building
# a frozen dataclass (one ``object.__setattr__`` a field) cost a tenth of resolving a place.
class PlaceMention(NamedTuple):
    """A capitalised name with its cue; ``region`` is the second half of "Mesa, Arizona"."""

    name: str
    span: Span
    cue: str
    region: str | None = None


class Candidate(NamedTuple):
    mention: PlaceMention
    entry: GeoEntry
    rank: int
    score: float


class Names:
    """The capitalised names (``_NAME``) of a whole text, scanned once and shared by the country context
    and the mentions of each sentence: scanning every sentence again cost nearly a tenth of resolving a place."""

    __slots__ = ("_starts", "_text", "matches")

    def __init__(self, text: str):
        self._text = text
        self.matches = tuple(_NAME.finditer(text))
        self._starts = [m.start() for m in self.matches]

    def inside(self, span: Span) -> tuple[re.Match[str], ...]:
        """The names ``_NAME.finditer(text, *span)`` finds. They are the whole text's inside the span, as
        the pattern looks neither behind nor ahead, unless a name runs across an end of the span (over a
        line break): the span's own scan cuts that name, and is read instead where the two differ."""
        start, end = span
        first = bisect_left(self._starts, start)
        stop = bisect_left(self._starts, end, first)
        if not first or self.matches[first - 1].end() <= start:
            return self._until(first, stop, end)
        # The name before runs into the span: its part inside is read as names of its own, until the span's
        # scan meets a name of the whole text's at its start; from there on the two scans agree. Scanning
        # the whole span again cost a fortieth of the event stage.
        head: list[re.Match[str]] = []
        j = first
        for m in _NAME.finditer(self._text, start, end):
            while j < stop and self._starts[j] < m.start():
                j += 1
            if j < stop and self._starts[j] == m.start():
                return (*head, *self._until(j, stop, end))
            head.append(m)
        return tuple(head)

    def _until(self, first: int, stop: int, end: int) -> tuple[re.Match[str], ...]:
        """The text's names ``first`` to ``stop``, the last one cut at ``end`` if it runs past it: the
        span's scan reaches that name's start as the text's did, and reads on to ``end`` only."""
        if stop > first and self.matches[stop - 1].end() > end:
            return (*self.matches[first : stop - 1], *_NAME.finditer(self._text, self._starts[stop - 1], end))
        return self.matches[first:stop]


def _cue_before(text: str, start: int) -> str | None:
    if not start or not text[start - 1].isspace():
        return None
    window = text[max(0, start - _BEFORE_CHARS) : start]
    # Most names follow a word that can be no cue ("said Kabul"): one word is read instead of four.
    last = window.rsplit(None, 1)
    if not last or last[-1].strip(_PUNCTUATION).lower() not in _CUE_LAST:
        return None
    previous = [w.strip(_PUNCTUATION).lower() for w in window.split()[-4:]]
    while previous and previous[-1] in _MODIFIERS:
        previous.pop()
    if not previous:
        return None
    if len(previous) >= 2:
        pair = (previous[-2], previous[-1])
        if pair in _BEFORE_TWO:
            return _BEFORE_TWO[pair]
        if pair[1] == "of" and (pair[0] in _COMPASS or pair[0].endswith("ern") and pair[0][:-3] in _COMPASS):
            return "near"
    return _BEFORE_ONE.get(previous[-1])


def find_mentions(text: str, span: Span, names: Names | None = None) -> tuple[PlaceMention, ...]:
    """Capitalised names inside ``span`` with the cue that each carries; ``names`` is ``Names(text)`` when
    the caller has it already."""
    found: list[PlaceMention] = []
    inside = (names if names is not None else Names(text)).inside(span)
    bracketed = -1  # the end of the brackets that gave the last name its region
    for i, m in enumerate(inside):
        end = m.end()
        if end < bracketed:
            # A smaller division in those brackets ("Loroum" in "(Loroum, Nord)"): a bare name, whose region
            # is the name's before.
            found.append(PlaceMention(m.group(), (m.start(), end), "bare"))
            continue
        if end == bracketed:
            continue  # the division last in those brackets is the region of the name before, not a place
        after = _AFTER.match(text, end, min(span[1], end + 14))
        cue = None
        region = None
        in_brackets = None
        at = after.end() if after is not None else end
        # Few names are followed by brackets: looked for with a find before the pattern is tried.
        if text.find("(", at, at + 16) >= 0 and (paren := _BRACKETED_REGION.match(text, at, span[1])) and not (
            after is not None and after.lastgroup == "pair"
        ):
            # "near Titao (Loroum, Nord)", "in Kalehe territory (Sud-Kivu)": as conflict-event notes write a
            # place, with its divisions in brackets, the largest last; a smaller one ("Loroum") is read as a
            # name of its own, which may stand for an unknown place.
            parts = paren.group("names").split(", ")
            if all(_NAME.fullmatch(p) and not p.isupper() for p in parts):
                in_brackets = paren
                region = parts[-1]
        if after is not None:
            cue = after.lastgroup  # the pattern's alternatives are its named groups, one of which matched
            if cue == "pair":
                nxt = inside[i + 1] if i + 1 < len(inside) else None
                cue = None
                if nxt is not None and nxt.start() == after.end():
                    # "Kunduz, Baghlan and Takhar": a list of places, none of which lies in the next.
                    region = None if _LIST_GOES_ON.match(text, nxt.end()) else nxt.group()
                    if region is not None and (division := _AFTER.match(text, nxt.end(), nxt.end() + 14)) and (
                        division.lastgroup in ("province", "district")
                    ):
                        # "Bambara Maoude, Timbuktu region": the region is a division, though a town of that
                        # name stands for it; its word says so (see _in_region).
                        region = text[nxt.start() : division.end()]
                    cue = "pair"
            elif cue == "town" and text.startswith(" of ", after.end()):
                cue = None  # "the German town of Hagen": the town is the next name; this one says whose
        start, name = m.start(), m.group()
        if _QUARTER_BEFORE.search(text, max(0, start - 12), start):
            continue  # "in the city's Kyivskyi district": a quarter of a town named before, not a town
        if " " in name:  # most names are one word, and lead with no common word
            start, name = _without_leading_common_words(start, name)
            if (suffix := _DISTRICT_SUFFIX.search(name)) is not None:
                # "Kauru LGA", "Guma Local Government Area": the district is named by what comes before.
                name, cue, end = name[: suffix.start()], "district", start + suffix.start()
        if cue is None and " " in name and (_PERSON_AFTER.match(text, end) or fold(name.split()[0]) in _TITLES):
            # "Police Chief Troy Finner told reporters", "Kyaw Zaw Oo said": a person, not Troy ("Doctors in
            # Kandahar said" is a one-word name: the place)
            continue
        # "near Mesa, Arizona" is near; "village of X" outranks "X, Y" as the kind of place. Any other cue
        # after the name outranks one before it, which is then not looked for.
        before = _cue_before(text, start) if cue is None or cue == "pair" else None
        if before is not None and (cue is None or before in ("near", "village", "town")):
            cue = before
        if in_brackets is not None:
            if cue is None:
                region = None  # "Inspector General of Police (West)": a title's brackets, where no cue says place
            else:
                bracketed = in_brackets.end() - 1
        found.append(PlaceMention(name, (start, end), cue or "bare", region))
    for i in range(len(found) - 2, -1, -1):
        this, following = found[i], found[i + 1]
        if following.cue in ("province", "district") and this.cue in ("bare", "locative") and text[
            this.span[1] : following.span[0]
        ] in (" and ", ", ", " or "):
            # "in Kunar and Logar provinces": the first name shares the plural cue of the second.
            found[i] = PlaceMention(this.name, this.span, following.cue, this.region)
        elif following.cue == "near" and this.cue == "locative" and _LANDMARK.fullmatch(
            text, this.span[1], following.span[0]
        ):
            # "in Norcross, near Atlanta": the place is the first name; the second only says where it lies.
            found[i] = PlaceMention(this.name, this.span, "town", this.region)
    return tuple(found)


# A division word may come between ("Kalehe territory (Sud-Kivu)").
_BRACKETED_REGION = re.compile(r"\s*(?:[a-z]+\s+)?\((?P<names>[A-Z][^()\n]{1,60})\)")
_DISTRICT_SUFFIX = re.compile(r" (?:LGA|Local Government Area)$")
_QUARTER_BEFORE = re.compile(r"\b(?:city|town|capital)['’]s $")


def _without_leading_common_words(start: int, name: str) -> tuple[int, str]:
    """'In Helmand' -> 'Helmand': a sentence's first word is capitalised without being part of the name."""
    words = name.split(" ")
    while len(words) > 1 and fold(words[0]) in _NOT_PLACES and fold(words[0]) not in _COMPASS_NAMES:
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def country_context(text: str, gazetteer: Gazetteer, names: Names | None = None) -> dict[str, float]:
    """How much the report speaks of each country: its name counts 1, a demonym 0.5. ``names`` is
    ``Names(text)`` when the caller has it already."""
    scores: dict[str, float] = {}
    matches = (names if names is not None else Names(text)).matches
    for i, m in enumerate(matches):
        said = _country_said(gazetteer, m.group())
        if said is not None and not _STREET.search(m.group()):
            if said[1] == 1.0 and (division := _division_said(gazetteer, m.group())) is not None and (
                _ATTRIBUTIVE_BEFORE.search(text, max(0, m.start() - 16), m.start())
                and _LOWER_WORD_AFTER.match(text, m.end())
                or i and _town_of_division(gazetteer, text, matches[i - 1], m)
            ):
                # "in a Georgia home", "a Texas man": a place named as an adjective after "a" is a state's or
                # province's, as is one after a town of it ("Atlanta, Georgia"); a country would be named
                # by its demonym ("a Georgian home").
                said = division
            shared = _SHARED_NAMES.get(said[0])
            if shared is not None and not shared[1].search(m.group()):
                # A bare "Congo" is either Congo: the places named beside it tell which, the larger first.
                scores[shared[0]] = scores.get(shared[0], 0.0) + said[1]
            scores[said[0]] = scores.get(said[0], 0.0) + said[1]
    if not scores:
        # American reports name states, never "the United States": with no country named, the divisions
        # named say which country the report is about, as weakly as a demonym.
        for m in matches:
            said = _division_said(gazetteer, m.group())
            if said is not None:
                scores[said[0]] = scores.get(said[0], 0.0) + _DEMONYM_WEIGHT
    return scores


def _town_of_division(gazetteer: Gazetteer, text: str, town: re.Match[str], division: re.Match[str]) -> bool:
    """Whether "Town, Division" names a town of a division so named (and not only a country)."""
    if text[town.end() : division.start()] != ", ":
        return False
    divisions = _divisions_named(gazetteer, division.group())
    return any(_in_any(t, divisions) for t in gazetteer.towns(fold(town.group())))


# "Indian School Road", "Afghan Street": a street named after a people speaks of no country.
_STREET = re.compile(r" (?:Road|Street|Avenue|Boulevard|Lane|Drive|Highway)\b")
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:^|\s)[Aa]n?\s+(?:[a-z]+\s+)?$")
_LOWER_WORD_AFTER = re.compile(r" [a-z]")


@lru_cache(maxsize=50_000)
def _division_said(gazetteer: Gazetteer, name: str) -> tuple[str, float] | None:
    """The country of the division (the most populous of its namesakes) that a whole name names exactly,
    unless a town of that name is bigger: "Toledo" is Toledo, Ohio before a district of Belize."""
    divisions = _divisions_named(gazetteer, name)
    if not divisions:
        return None
    towns = gazetteer.towns(fold(divisions[0].name))
    if towns and towns[0].population > divisions[0].population:
        return None
    return divisions[0].country, 1.0


@lru_cache(maxsize=50_000)
def _divisions_named(gazetteer: Gazetteer, name: str) -> tuple[GeoEntry, ...]:
    """Divisions a whole name names exactly ("In Kentucky" names Kentucky), the most populous first."""
    if " " in name:
        name = _without_leading_common_words(0, name)[1]
    key = fold(_POSSESSIVE.sub("", name))
    if not key or key in _NOT_PLACES:
        return ()
    return tuple(sorted(gazetteer.admin1(key, exact=True), key=lambda e: -e.population))


# Countries whose short name the gazetteer gives to one of two: the other, and the words that name the one.
_SHARED_NAMES = {"CG": ("CD", re.compile(r"Republic|Brazzaville", re.IGNORECASE))}


_POSSESSIVE = re.compile(r"['’]s\b")
_ACRONYM = re.compile(r"[A-Z]{2,4}")


@lru_cache(maxsize=50_000)
def _country_said(gazetteer: Gazetteer, name: str) -> tuple[str, float] | None:
    key = fold(_POSSESSIVE.sub("", name))  # "Myanmar's Sagaing region" speaks of Myanmar
    words = key.split()
    for k in dict.fromkeys((key, words[0] if words else key, words[-1] if words else key)):
        demonym = DEMONYMS.get(k)
        if demonym:
            return demonym, _DEMONYM_WEIGHT
        countries = gazetteer.countries(k)
        if countries:
            if k != key and (divisions := gazetteer.admin1(key, exact=True)):
                # "New Mexico" is a state of the US, "Western Australia" one of Australia: a division's
                # whole name speaks of its own country, whatever country a word of it names.
                return max(divisions, key=lambda e: e.population).country, 1.0
            return countries[0].country, 1.0
    return None


def _sub_names(name: str) -> list[str]:
    """The name, then its shorter runs of words, longest first: 'Kunduz Provincial Council' -> 'Kunduz', ...

    Shorter runs that begin or end with a common word ("On May", "The Kunduz") are left out.
    """
    words = name.split()
    if len(words) == 1:
        return [name]
    runs = [name]
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if fold(run[0]) in _NOT_PLACES or fold(run[-1]) in _NOT_PLACES:
                continue
            runs.append(" ".join(run))
    return runs


def _admin1(gazetteer: Gazetteer, key: str, countries: Sequence[str]) -> tuple[GeoEntry, ...]:
    """Divisions named ``key``; spelling variants count only inside the report's countries."""
    if countries:
        found: list[GeoEntry] = []
        for cc in countries:
            found.extend(gazetteer.admin1(key, cc))
        return tuple(found)
    # With no country to go by, the most populous of the namesakes (Florida, USA over Florida, Uruguay).
    return tuple(sorted(gazetteer.admin1(key, exact=True), key=lambda e: -e.population))


# Cues of a name that may hold a place among other words ("Kunduz Provincial Council"): each run of it is
# looked up, not only the whole.
_RUN_CUES = ("bare", "locative", "dateline")


def _runs(name: str, cue: str) -> list[str]:
    """The parts of a name to look up, as its cue allows: its runs, or the whole name."""
    return _sub_names(name) if cue in _RUN_CUES else [name]


def _split_owner(name: str) -> tuple[str, str]:
    """"Myanmar's Sagaing region" -> ("Myanmar", "Sagaing region"), with the apostrophe either way, as in
    _POSSESSIVE (both are one character); a name that nobody owns -> (name, "")."""
    owner, _, rest = name.replace("’s ", "'s ").partition("'s ")
    return owner, rest


@lru_cache(maxsize=50_000)
def _resolve_cached(
    gazetteer: Gazetteer, name: str, cue: str, region: str | None, countries: tuple[str, ...]
) -> GeoEntry | None:
    """The gazetteer entry a cued name most likely names, or None. Cached: reports repeat names."""
    owner = _POSSESSIVE.search(name) is not None
    owned, rest = _split_owner(name)
    if rest and cue not in _RUN_CUES:
        # "Kherson's Dniprovskyi district" is a quarter of the town; "Chhattisgarh's Sukma district" the
        # district, else the division owning it.
        # Each only by its own name or a spelling of it: Kharkiv's Saltivka is no Novaya Ladoga.
        holder = _own_name(_resolve_cached(gazetteer, owned, "locative", None, countries), owned)
        if holder is not None and holder.kind == "town":
            return holder
        return _own_name(_resolve_cached(gazetteer, rest, cue, region, countries), rest) or holder
    if owner:
        # "in Kabul's Dasht-e-Barchi neighbourhood", "Raqqa's old city": the owner is a run of the name
        # without its 's.
        subs = _sub_names(_POSSESSIVE.sub("", name))
    else:
        subs = _runs(name, cue)
    if cue not in _RUN_CUES and fold(name.split()[0]) in _COMPASS_NAMES and " " in name:
        subs.append(name.split(" ", 1)[1])  # "North Helmand province": Helmand, when no division is so named
    alternate: GeoEntry | None = None
    for sub in subs:
        key = fold(sub)
        if not key or key in _NOT_PLACES or len(key) < 3 or cue in ("bare", "locative") and _ACRONYM.fullmatch(sub):
            continue  # "in a dark SUV": an abbreviation, though GeoNames gives Suva "Suv" among its names
        if cue == "bare" and key in VICTIM_NOUNS:
            continue  # "A Man Has Died ...": a headline's capitals; people are named so, places are not
        entry = _resolve_key(gazetteer, key, cue, region, countries)
        if entry is None:
            continue
        if len(subs) == 1 or entry.kind != "town" or skeleton(fold(entry.name)) == skeleton(key):
            break
        # A run that names a town only by an alternate name ("Shore" for Cholet) gives way to a later run
        # naming one by its own ("in South Shore Chicago").
        alternate = alternate or entry
    else:
        entry = alternate
    if owner and entry is not None and entry.kind == "country":
        entry = None  # "in Pakistan's northwestern Orakzai district": the country owns the place named next
    if region is not None:
        return _in_region(gazetteer, name, entry, region, countries)
    return entry


def _own_name(entry: GeoEntry | None, name: str) -> GeoEntry | None:
    """``entry`` if it is named ``name`` or a spelling of it (not by an alternate name), else None."""
    return entry if entry is not None and skeleton(fold(entry.name)) == skeleton(fold(name)) else None


def _in_region(
    gazetteer: Gazetteer, name: str, entry: GeoEntry | None, region: str, countries: tuple[str, ...]
) -> GeoEntry | None:
    """"Manchester, Illinois" with no Manchester of Illinois known: the named division stands for it,
    never a namesake elsewhere; "West Paducah, Kentucky" may still be Paducah. Two divisions
    ("in Zabul, Khost") are a list, not a place and its region."""
    rkey = strip_admin_affixes(fold(region))
    if gazetteer.countries(rkey):
        # "X, Georgia" may name the country; and "X, Afghanistan" heads press releases whose first line
        # runs into X, so a country in second place stands for nothing.
        return entry
    regions = gazetteer.admin1(rkey, exact=True)
    if not regions:
        # A region named with its division word is no town the name could be a quarter of.
        return entry if rkey != fold(region) else _quarter_of(gazetteer, entry, rkey, countries)
    if entry is not None and any(_inside(entry, r) or entry == r for r in regions):
        return entry
    key = fold(name)
    if gazetteer.countries(key) or any(gazetteer.admin1(key, r.country, exact=True) for r in regions):
        return entry
    bones = skeleton(rkey)
    for town in gazetteer.towns(key):
        # "Ngaoundal, Adamawa region": the town of that very name in a region spelt otherwise (Adamaoua,
        # in Cameroon), before a namesake region (Adamawa, in Nigeria).
        if town.admin1 and skeleton(strip_admin_affixes(fold(town.admin1))) == bones:
            return town
    return ([r for r in regions if r.country in countries] or regions)[0]


def _quarter_of(gazetteer: Gazetteer, entry: GeoEntry | None, town_key: str, countries: tuple[str, ...]) -> (
    GeoEntry | None
):
    """"in al-Zuhur, Mosul": a name placed in a town, and known as no town of the town's country, is a
    quarter of it; a namesake abroad (al-Yarmuk in Syria) is not what the report means. A town of the same
    country is kept ("Norcross, Atlanta")."""
    if town_key in _NOT_PLACES:
        return entry  # "Update, March", "X, But": a common word, not a town
    # The town by its own name: GeoNames gives Buta "But" among its names.
    towns = [t for t in _pick_town(gazetteer, town_key, countries, variants=False)
             if fold(t.name) == town_key and (countries or t.population >= _BARE_MIN_POPULATION)]
    if not towns or entry is not None and (entry.kind != "town" or entry.country == towns[0].country):
        return entry
    return towns[0]


@lru_cache(maxsize=50_000)
def _resolve_key(
    gazetteer: Gazetteer, key: str, cue: str, region: str | None, countries: tuple[str, ...]
) -> GeoEntry | None:
    """The entry one run of words of a cued name names, or None. Cached apart from whole names: a run
    ("Afghan", "Kandahar") recurs inside many names not seen before, and looking it up takes several
    lookups in each of the report's countries."""
    if cue == "province":
        hits = _admin1(gazetteer, key, countries) or gazetteer.admin1(key, exact=True)
        if hits:
            return hits[0]
        # "Timbuktu region", "Sagaing region": a division spelt otherwise in the gazetteer ("Tombouctou")
        # is mostly named after its capital, which stands for it.
        towns = [t for t in _pick_town(gazetteer, key, countries, variants=False)
                 if countries or t.population >= _BARE_MIN_POPULATION]
        return towns[0] if towns else None
    if region is not None:
        rkey = fold(region)
        region_entries = gazetteer.countries(rkey) + gazetteer.admin1(rkey, exact=True)
        # "Conyers, Georgia": the town that lies in the named region decides which Georgia.
        towns = [t for t in gazetteer.towns(key) if any(_inside(t, r) for r in region_entries)]
        if towns:
            return towns[0]
    admins = _admin1(gazetteer, key, countries)
    country = gazetteer.countries(key)
    if country and not (admins and _prefer_division(country[0], admins[0], countries)):
        return country[0]
    # A spelling variant (Lowgar for Logar) is trusted only where a cue says a place is named: a bare
    # capitalised word with a variant match is more often a person ("Omar Zwak") than a town.
    towns_found = _pick_town(gazetteer, key, countries, variants=cue != "bare")
    if admins:
        # A town stands for a division's name only by its own name or a spelling of it: Minneota is no
        # town of Minnesota's, nor Mexico, Missouri "New Mexico", though alternate names say so.
        towns_found = [t for t in towns_found if skeleton(fold(t.name)) == skeleton(key)]
        if cue not in ("village", "town", "near", "district"):
            # "Kunduz": the province, unless the town of that name lies in it (then the town).
            inside = [t for t in towns_found if _inside(t, admins[0])]
            return inside[0] if inside else admins[0]
    if towns_found:
        return towns_found[0]
    return admins[0] if admins else None


def _prefer_division(country: GeoEntry, division: GeoEntry, countries: Sequence[str]) -> bool:
    """Georgia the state or Georgia the country: the report's countries decide, else the larger."""
    if countries:
        return country.country not in countries and division.country in countries
    return division.population > country.population


@lru_cache(maxsize=50_000)
def _towns_in(gazetteer: Gazetteer, name: str, region: GeoEntry) -> GeoEntry | None:
    """The most populous town inside ``region`` named by ``name`` or one of its runs of words."""
    for sub in _sub_names(name):
        key = fold(sub)
        if key in _NOT_PLACES or len(key) < 3:
            continue
        for town in gazetteer.towns(key, region.country):
            if _inside(town, region):
                return town
    return None


def _inside(town: GeoEntry, region: GeoEntry) -> bool:
    if region.kind == "country":
        return town.country == region.country
    return town.country == region.country and town.admin1_code == region.admin1_code


def _in_countries(entries: tuple[GeoEntry, ...], countries: Sequence[str]) -> tuple[GeoEntry, ...]:
    if not countries:
        return entries
    return tuple(e for e in entries if e.country in countries)


def _pick_town(gazetteer: Gazetteer, key: str, countries: Sequence[str], variants: bool) -> list[GeoEntry]:
    if countries:
        found: list[GeoEntry] = []
        for cc in countries:
            found.extend(gazetteer.towns(key, cc, variants))
        return sorted(found, key=lambda e: -e.population)
    return list(gazetteer.towns(key))


def _precision(entry: GeoEntry, cue: str) -> str:
    if entry.kind == "country":
        return "country"
    if entry.kind == "admin1" or cue == "province":  # a region that stands by its capital town
        return "admin1"
    if cue == "near":
        return "near_town"
    return "village" if cue == "village" else "town"


def _place(entry: GeoEntry, span: Span | None, precision: str) -> Place:
    return Place(
        name=entry.name,
        admin1=entry.admin1 if entry.kind != "country" else None,
        country=entry.country,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        precision=precision,
        span=span,
        geonameid=entry.geonameid if entry.geonameid > 0 else None,
    )


def _distance(a: GeoEntry, b: GeoEntry) -> float:
    return math.hypot(a.lat - b.lat, (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2)))


def _candidates(
    mentions: Sequence[PlaceMention],
    span: Span,
    rank: int,
    gazetteer: Gazetteer,
    countries: tuple[str, ...],
    dateline: Span | None,
    names: Names | None = None,
) -> tuple[list[Candidate], list[PlaceMention]]:
    found: list[Candidate] = []
    unknown_villages: list[PlaceMention] = []
    for mention in mentions:
        if _in(mention.span, dateline):
            continue
        entry = _resolve_cached(gazetteer, mention.name, mention.cue, mention.region, countries)
        if entry is None and countries and mention.cue in ("province", "district", "town", "village") and not (
            names is not None and _country_named_in(gazetteer, names, span, countries)
        ):
            # "American aircraft bombed a house in Nad Ali district", "Russian drones struck the port of
            # Odesa": a demonym may name who acted rather than where, and a name that says it is a place
            # is looked up in every country; not where its sentence names the country outright ("the
            # village of X, in northern Burkina Faso").
            entry = _resolve_cached(gazetteer, mention.name, mention.cue, mention.region, ())
            if entry is not None and mention.cue in ("town", "village") and (
                entry.kind != "town" or skeleton(fold(entry.name)) != skeleton(fold(mention.name))
            ):
                # Abroad, a town only of that very name or a spelling of it (Zaporizhzhya): a region's
                # name, or a town's alternate name (Vorukh's "Kalacha"), there is a guess.
                entry = None
            elif entry is not None and mention.cue == "district" and not any(
                f" {fold(part)} " in f" {fold(entry.name)} " for part in (mention.name, *_split_owner(mention.name))
                if part
            ):
                # A district abroad by the words of its own name (Hukumat-e Nad Ali for Nad Ali): Guma in
                # Benue is no Goma in Davao, which GeoNames also spells "Guma".
                entry = None
        if entry is None:
            if mention.cue == "village":
                unknown_villages.append(mention)
            continue
        if mention.cue == "bare" and (
            mention.span[0] == span[0] or not countries and entry.population < _BARE_MIN_POPULATION
        ):
            continue  # a word capitalised because it starts the sentence, or a little-known namesake
        if entry.kind == "town" and countries and entry.country not in countries and mention.cue in (
            "bare", "locative"
        ):
            continue  # a stray capitalised word that happens to name a town abroad
        found.append(Candidate(mention, entry, rank, CUE_WEIGHTS[mention.cue] - rank * _RANK_PENALTY))
    return found, unknown_villages


def resolve_place(
    text: str,
    ranked: Sequence[Sequence[Span]],
    gazetteer: Gazetteer,
    dateline: Span | None = None,
) -> Place | None:
    """The event's place. ``ranked`` groups sentence spans from most to least telling about the event.

    Sentences are read group by group, in order, until one names a place with a strong cue ("X
    province", "Mesa, Arizona"); the best-scored candidate read so far wins, a weaker group costing
    ``_RANK_PENALTY`` so that "Mesa, Arizona" in the lead beats a bare name in a claim sentence.
    """
    names = Names(text)
    context = country_context(text, gazetteer, names)
    top = max(context.values(), default=0)
    ordered = sorted(context.items(), key=lambda item: -item[1])
    countries = tuple(cc for cc, score in ordered if score >= top / 2 and score > 0)
    if countries and top < 1.0 and dateline is not None:
        # "KHERSON — Russian shelling killed ...": a demonym names who acted; a town that files the report,
        # not a capital, says where it happened.
        filed = _resolve_cached(gazetteer, _dateline_name(text, dateline), "dateline", None, ())
        if filed is not None and filed.kind == "town" and not filed.capital and filed.country not in countries:
            countries = (filed.country, *countries)
    if not countries and dateline is not None:
        # "RAWALPINDI: Security forces killed ...": a report that names no country is about the dateline's.
        filed = _resolve_cached(gazetteer, _dateline_name(text, dateline), "dateline", None, ())
        countries = (filed.country,) if filed is not None else ()

    candidates: list[Candidate] = []
    unknown_villages: list[PlaceMention] = []
    strong = False
    mentions: dict[Span, tuple[PlaceMention, ...]] = {}
    for rank, spans in enumerate(ranked):
        for span in spans:
            mentions[span] = tuple(_owned(gazetteer, m) for m in find_mentions(text, span, names))
            found, unknown = _candidates(mentions[span], span, rank, gazetteer, countries, dateline, names)
            candidates.extend(found)
            unknown_villages.extend(unknown)
            strong = any(CUE_WEIGHTS[c.mention.cue] >= _STRONG for c in found)
            if strong:
                break
        if strong:
            break
    if not candidates and dateline is not None:
        mention = PlaceMention(_dateline_name(text, dateline), dateline, "dateline")
        entry = _resolve_cached(gazetteer, mention.name, mention.cue, None, countries)
        # A capital in a dateline is where the release was issued, not where the event happened, unless
        # the report says the event was in the capital ("a car bomb went off in the Somali capital").
        if entry is not None and (not entry.capital or _CAPITAL_SAID.search(text)):
            candidates.append(Candidate(mention, entry, len(ranked), CUE_WEIGHTS["dateline"]))
    if not candidates:
        country = gazetteer.country(countries[0]) if countries else None
        return _place(country, None, "country") if country is not None else None

    best = max(candidates, key=lambda c: (c.score, c.entry.kind != "country", -c.mention.span[0]))
    if best.entry.kind == "country":
        # "The UN mission in Afghanistan said ..." in a claim, "in Kabul's Dasht-e-Barchi" in the lead: a
        # country says least, and a place inside it named with a cue in any sentence read is finer.
        inside = [c for c in candidates if c.entry.kind != "country" and c.mention.cue != "bare"
                  and c.entry.country == best.entry.country]
        best = max(inside, key=lambda c: (c.score, -c.mention.span[0])) if inside else best
    chosen, cue, span = best.entry, best.mention.cue, best.mention.span
    if chosen.kind == "town":
        # Read only for a town: the report's divisions, looked for in all its names, cost more than the
        # rest of resolving a place.
        divisions = tuple(
            {d: None for m in names.matches for d in _divisions_named(gazetteer, m.group()) if d.country in countries}
        )
        if divisions and not _in_any(chosen, divisions):
            chosen = _namesake_in(gazetteer, best.mention.name, cue, chosen, divisions)

    # A division is refined by a town or village named in the same sentence that lies inside it.
    if chosen.kind in ("admin1", "country"):
        region = best.mention.region
        stood_for = region is not None and strip_admin_affixes(fold(region)) == fold(chosen.name)
        sentence = _sentence_of(ranked, span)
        finer: list[tuple[float, int, GeoEntry, PlaceMention]] = []
        for other in mentions.get(sentence, ()) if sentence is not None else ():
            if other.span == span and not stood_for or other.cue == "province" or _in(other.span, dateline):
                continue  # the chosen name itself, unless its region stood for it ("Nahr-e-Saraj, Helmand")
            town = _towns_in(gazetteer, other.name, chosen)
            if town is not None:
                finer.append((CUE_WEIGHTS[other.cue], -other.span[0], town, other))
        if finer:
            _, _, chosen, picked = max(finer, key=lambda f: (f[0], f[1]))
            cue, span = picked.cue, picked.span
            if best.mention.cue in ("village", "near") and best.mention.region is not None:
                cue = "near"  # "Zorvatqal village (Say, Tillaberi)", unknown: near the town in its brackets
        elif unknown_villages:
            near = _nearest_town(candidates, chosen)
            if near is not None:
                return _place(near.entry, near.mention.span, "near_town")
    precision = _precision(chosen, cue)
    if precision == "town" and cue in ("bare", "locative", "district") and unknown_villages:
        precision = "near_town"  # "the village of X", unknown, and a town named beside it
    elif precision == "town" and _said_near(text, text[span[0] : span[1]]):
        precision = "near_town"
    return _place(chosen, span, precision)


def _dateline_name(text: str, dateline: Span) -> str:
    return text[dateline[0] : dateline[1]].split(",")[0]


_CAPITAL_SAID = re.compile(r"\b(?:in|near|of)\s+the\s+(?:[A-Z][\w-]*\s+)?capital\b")


def _in_any(town: GeoEntry, divisions: tuple[GeoEntry, ...]) -> bool:
    return any(_inside(town, d) for d in divisions)


@lru_cache(maxsize=10_000)
def _namesake_in(
    gazetteer: Gazetteer, name: str, cue: str, town: GeoEntry, divisions: tuple[GeoEntry, ...]
) -> GeoEntry:
    """"Johnston ... in South Carolina", "Bijapur district in Chhattisgarh": of the namesakes of the town a
    name resolved to, the most populous in a division the report names, else the town. Apart from the
    cached resolution, whose hits the report's own divisions would have spoilt."""
    for sub in _runs(name, cue):
        namesakes = gazetteer.towns(fold(sub))
        if town in namesakes:
            return next((t for t in namesakes if _in_any(t, divisions)), town)
    return town


def _country_named_in(gazetteer: Gazetteer, names: Names, span: Span, countries: tuple[str, ...]) -> bool:
    """Whether the sentence names one of the report's countries by its name, not only by a demonym."""
    for m in names.inside(span):
        said = _country_said(gazetteer, _split_owner(m.group())[0])
        if said is not None and said[1] == 1.0 and said[0] in countries:
            return True
    return False


def _owned(gazetteer: Gazetteer, mention: PlaceMention) -> PlaceMention:
    """"Myanmar's Sagaing region" -> 'Sagaing': a country owning the place is no part of its name."""
    owner, rest = _split_owner(mention.name)
    if not rest or _country_said(gazetteer, owner) is None:
        return mention
    start = mention.span[0] + len(owner) + 3
    return PlaceMention(rest, (start, mention.span[1]), mention.cue, mention.region)


def _said_near(text: str, name: str) -> bool:
    """Whether the report anywhere places the event near the town rather than in it ("outskirts of X")."""
    at = text.find(name)
    while at >= 0:
        if _cue_before(text, at) == "near":
            return True
        at = text.find(name, at + len(name))
    return False


def _nearest_town(candidates: Sequence[Candidate], region: GeoEntry) -> Candidate | None:
    towns = [c for c in candidates if c.entry.kind == "town" and _inside(c.entry, region)]
    if not towns:
        return None
    return min(towns, key=lambda c: _distance(c.entry, region))


def _in(span: Span, region: Span | None) -> bool:
    return region is not None and region[0] <= span[0] < region[1]


def _sentence_of(ranked: Sequence[Sequence[Span]], span: Span) -> Span | None:
    for spans in ranked:
        for s in spans:
            if s[0] <= span[0] < s[1]:
                return s
    return None

