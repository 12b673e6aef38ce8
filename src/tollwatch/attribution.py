"""Attribution: who said each figure, in what role, for which organisation, relayed by whom.

For each sentence the reporting frames are found ("X, a spokesman for Y, told
AFP", "said Col. X", "according to X", "X reported", "he said"); a claim takes
the frame of its own sentence, or, inside a quotation, the frame beside the
quotation, even when the quote runs over several sentences. Pronouns resolve
to the last person named as a speaker earlier in the document. A figure that
nobody is quoted for belongs to the outlet that published it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .cues import Frames, Gated, SentenceWords
from .lexicon import AFFILIATIONS, ARMED_GROUP, KNOWN_OUTLETS, SOURCE_TYPE_CUES, VICTIM_NOUNS
from .model import Document, Source, Span
from .quantities import QTY_RE
from .segment import Sentence

STAGE = "attribution.rules/1"

_VERB = (r"(?:said|says|say|told|tells|tell|stated|states|added|adds|reported|reports|report|tweeted|tweets|"
         r"confirmed|confirms|announced|announces|claimed|claims|noted|notes|explained|wrote|posted|estimated|"
         r"gave|gives|put|cited|specified|indicated|declared|quoted|released a statement|issued a statement|insisted|acknowledged|admitted|spoke|"
         r"speaking|testified|recalled|described|warned|recorded|documented|"
         # Monitors and investigators: "UNAMA verified that", "the Coalition assessed that", "HRW found that".
         r"verified|verifies|assessed|assesses|found that|finds that)")
_TITLE = (r"(?:(?:Senior |Additional |Deputy )?Superintendent of Police|(?:Deputy )?Inspector General of Police|"
          r"Director General of Police|Brigadier General|Brig\.? Gen\.|Major General|Maj\.? Gen\.|Lieutenant General|Lt\.? Gen\.|General|Gen\.|"
          r"Colonel|Col\.|Lieutenant Colonel|Lt\.? Col\.|Major|Maj\.|Captain|Capt\.|Lieutenant|Lt\.|Sergeant|Sgt\.|"
          r"Staff Sgt\.|Sgt\.? Maj\.|Admiral|Adm\.|Commander|Cmdr\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|President|"
          r"Governor|Gov\.|Minister|Senator|Sen\.|Mayor|Chief|Sheriff|Police Chief|Deputy|Officer|Detective|"
          r"Spokesman|Spokeswoman|Maulvi|Mullah|Haji|Sheikh|Imam|Inspector|Superintendent|Commissioner|Constable|"
          r"Judge|Ambassador|Secretary|Spokesperson|Brigadier|Corporal|Cpl\.|Private|Pvt\.|Rev\.|Father|Bishop)")
_CAP = r"[A-Z][\w'’.-]*"
# "Inspector General of Police (Bastar range) P Sundarraj": a title may carry its beat in brackets.
_PERSON = rf"(?P<title>(?:(?:{_TITLE})(?:\s+\([^()]{{1,30}}\))?\s+)*)(?P<name>{_CAP}(?:\s+(?:{_CAP}|al-\w+|bin|ibn|van|von|de|del|da)){{0,3}})"
_ORG_WORDS = re.compile(
    r"\b(?:Forces?|Police|Ministry|Army|Council|Command|Support|NATO|ISAF|Government|Office|Department|Agency|"
    r"Taliban|Times|News|Post|Press|Mission|Headquarters|Pentagon|Corps|Brigade|Battalion|Regiment|Division|"
    r"Committee|Organization|Organisation|Nations|Red Cross|Crescent|Watch|International|Afghanistan|Statement|"
    r"Service|Services|Directorate|Commission|Authority|Administration|Embassy|Coalition|Military|Hospital|TV|Radio|"
    r"Cell|Secretariat|Unit)\b"
)
_OUTLET_KINDS = r"(?:newspaper|daily|outlet|news\s+agency|broadcaster|news\s+site|website)"
_OUTLET_RE = re.compile(
    # "the newspaper El Universal", "the Somali outlet Garowe Online": the name after what it is
    rf"(?P<outlet>(?:the\s+)?(?:[\w-]+\s+)?{_OUTLET_KINDS}\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}|the\s+(?:BBC|CNN|AFP|AP|NPR)\b|"
    # Not any "Network": "the Haqqani Network", "the Sudan Doctors Network" are no outlets.
    rf"{KNOWN_OUTLETS}|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){{0,3}}\s+(?:(?:News|Media|Broadcasting)\s+Network|"
    rf"News|Times|Post|Press|Agency|TV|Television|Radio|Journal|Herald|Tribune|Gazette|Daily|Telegraph))"
)


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PLATFORMS = "Twitter|X|Telegram|Facebook|Instagram|YouTube|WhatsApp|TikTok"
_PLATFORM_WORDS = frozenset(_PLATFORMS.lower().split("|"))


# Each frame sits behind gates of words (see cues.Gated): most sentences with a casualty figure hold
# no reporting verb at all, and a frame that opens with a fixed word is tried only where it stands.
_VERB_WORDS = frozenset(v.split()[0] for v in _VERB[3:-1].split("|"))
_VIA_RES = (
    Gated(re.compile(rf"\b(?:told|telling|tells)\s+(?P<o>{_OUTLET_RE.pattern})"), (_words("told telling tells"),),
          _words("told telling tells")),
    Gated(re.compile(rf"(?P<o>{_OUTLET_RE.pattern})\s+(?:also\s+)?(?:reported|reports|said|quoted|cited|wrote)\b"),
          (_words("reported reports said quoted cited wrote"),)),
    Gated(re.compile(rf"\b(?:[Aa]ccording to|as cited by|as quoted by|cited by|quoted by|in an interview with|speaking to)\s+"
                     rf"(?P<o>{_OUTLET_RE.pattern})"),
          (_words("according cited quoted interview speaking"),), _words("according as cited quoted in speaking")),
    # "said on Telegram", "in a statement posted on Facebook": the platform carried the words; it said nothing.
    Gated(re.compile(rf"\b(?:on|via)\s+(?:(?:its|his|her|their)\s+(?:official\s+)?(?:[\w-]+\s+)?)?(?P<o>{_PLATFORMS})\b"),
          (_words("on via"), _PLATFORM_WORDS), _words("on via")),
)
# The most words of a frame between two quotations of one speaker ('," said Col. X of the army. "').
_QUOTE_GAP = 90
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# Where a subject frame can begin: at a capital (a name, "Qaeda" in "al-Qaeda") or at the first letter
# of a word (a pre-role that matches from inside a word matches from its first letter too). Tried at
# every character instead, this one frame cost about half of the attribution stage.
_SUBJECT_BEGINS = re.compile(r"(?<![A-Za-z])[A-Za-z]|[A-Z]")
# Nor after the last reporting verb, with which every match ends.
_SUBJECT_TAIL = rf"(?P<verb>{_VERB})\b"
_SUBJECT_FRAME = Gated(re.compile(
    rf"(?:(?P<prerole>(?:[A-Za-z][\w'’.-]*\s+){{0,6}}?[A-Za-z][\w'’-]*),\s+)?{_PERSON}"
    rf"(?:,\s+(?P<appos>[^,]{{3,110}}?),|\s+(?P<from>(?:from|of|with|at)\s+the\s+[^,]{{3,50}}?))?,?\s+"
    # "had earlier said", "initially reported": an auxiliary and an adverb may both stand before the verb.
    rf"(?:(?:also|later|then|earlier|previously|initially|originally|separately|has|had|have|who)\s+){{0,2}}"
    rf"{_SUBJECT_TAIL}"
), (_VERB_WORDS,), begins=_SUBJECT_BEGINS, tail=re.compile(_SUBJECT_TAIL))
_CITED_FRAME = Gated(re.compile(rf"\b(?:cited|quoted|citing|quoting)\s+{_PERSON}(?:,\s+(?P<appos>[^,]{{3,110}}?),)?"),
                     (_words("cited quoted citing quoting"),), _words("cited quoted citing quoting"))
_VERB_FIRST = Gated(re.compile(
    # "..., reported the mayor, Paola Castillo.": a verb before its subject, as translated reports put it.
    rf"\b(?:said|says|according to|added|wrote|tweeted|reported|specified|indicated)\s+"
    # "said the leader, Jean Doe": the role, with its article, stands in apposition before the name.
    rf"(?P<prerole>the\s+(?:[a-z][\w'’-]*\s+){{0,3}}[a-z][\w'’-]*,\s+|(?:[\w.'’-]+\s+){{0,6}}?){_PERSON}"
    rf"(?:,\s+(?P<appos>[^,.]{{3,110}})|\s+(?P<from>(?:from|of|with|at)\s+the\s+[^,.]{{3,50}}))?"
    # "said Colonel X." or "said X, a spokesman": the name ends the clause. "said the strike in Nad Ali
    # district targeted ..." goes on, and names no speaker.
    # "reported the State Public Security Secretariat (SSPE).": an acronym may follow the name.
    r"(?:\s+\([A-Z][\w.&-]*\))?"
    r"(?=\s*(?:[,.;:!?)\"”’]|$|\s(?:in|on|at|to|from|of|with|who|and|but|after|before|when|while|during|"
    r"as|about|that|by)\b))"
), (_words("said says according added wrote tweeted reported specified indicated"),),
    _words("said says according added wrote tweeted reported specified indicated"))
# Verbs that stand before their subject only in translated reports ("..., reported the mayor, X"): after them
# the words up to a name are an article or a role in apposition ("the mayor, "), never what was reported.
_REPORTED_FIRST = ("reported", "specified", "indicated")
_REPORTER_ROLE = re.compile(r"(?:the\s+)?(?:(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*,\s*)?")
_MANY_PEOPLE = frozenset(("residents", "witnesses", "villagers", "relatives", "survivors", "locals", "people"))
_CLAUSE_WORDS = re.compile(r"\b(?:were|was|had|have|has|is|are|been)\b")
_PLACE_WORDS = frozenset(("on", "in", "at", "via", "from", "through", "during"))
# "said the gunmen walked into the Ekhaya Tavern": a name after a preposition of place or motion is where
# something happened, not who said it ("the head of", "a spokesman for" lead up to a speaker's body).
_PLACED_NAME = re.compile(r"\b(?:into|onto|in|inside|at|to|towards?|from|near|outside|through|across|past|behind)"
                          r"(?:\s+the)?\s*$")
_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|from|at|near|outside|inside)\s+$")
# "according to local sources": a source described, not named; its description tells it from another.
_ACCORDING_UNNAMED = Gated(re.compile(
    r"\baccording\s+to\s+(?P<who>(?:(?:the|some|several|multiple|two|three|local|unnamed|anonymous|senior|"
    r"security|military|police|hospital|medical|health|government|official|provincial|district|village|tribal|"
    # "according to the state's military police": whose, by a possessive
    r"family|initial|preliminary|state|regional|municipal|prosecutor's|prosecutors'|interior|defen[cs]e|[a-z]+['’]s)\s+){0,3}"
    r"(?:officials?|sources?|residents|witnesses|authorities|police|elders|doctors|medics|relatives|activists|"
    # "according to the regional governor": one office, named in the sentence after or not at all
    r"monitors|reports?|office|ministry|administration|governor|mayor))\b",
    re.IGNORECASE,
), (_words("according"),), _words("according"))
# "according to the International Committee of the Red Cross": an organisation named after "according to".
_ACCORDING_ORG = Gated(re.compile(
    # "According to the Ministry of Health, ...": a sentence may open with it.
    # "According to a statement issued by the Inter-Services Public Relations (ISPR), ...": the body's own words.
    r"\b[Aa]ccording\s+to\s+(?:an?\s+(?:[\w-]+\s+)?(?:statement|communiqu[eé]|press\s+release)\s+"
    r"(?:(?:issued|released|posted|published)\s+by|from|by)\s+)?"
    r"(?:the\s+)?(?P<org>[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w'’.-]*){0,7})"
    r"(?=\s*[,.;(]|\s*$|\s+(?:in|on|which|that|said)\b)"
), (_words("according"),), _words("according"))
# "A rescue worker who asked not to be named told the BBC", "a relative of one of the victims told AFP":
# one person described, not named.
_PERSON_NOUNS = _words(
    "worker workers relative relatives resident witness survivor teacher nurse man woman father mother brother "
    "sister son daughter neighbor neighbour farmer shopkeeper student volunteer medic paramedic rescuer elder "
    "leader leaders member"
)
_DESCRIBED_PERSON = Gated(re.compile(
    rf"\b(?P<who>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:{'|'.join(sorted(_PERSON_NOUNS))})"
    r"(?:\s+(?:of|at|from)\s+(?:[\w'’-]+\s+){1,5}?[\w'’-]+)?)(?:,?\s+who\s+[^,]{3,80}?,?)?\s+(?P<verb>told|said|says)\b"
), (_words("told said says"), _PERSON_NOUNS), _words("a an one another"))
_PRON_FRAME = Gated(re.compile(rf"\b(?P<pron>he|she|it)\s+(?:also\s+|later\s+)?(?P<verb>{_VERB})\b", re.IGNORECASE),
                    (_VERB_WORDS, _words("he she it")), _words("he she it"))
_ORG_MODIFIER = (r"police|security|military|army|ministry|coalition|government|hospital|health|medical|provincial|"
                 r"district|local|senior|defen[cs]e|interior|UN|U\.N\.|NATO|rebel|Taliban|rescue|rights|aid|relief|"
                 r"humanitarian|monitoring")
_ORG_NOUNS = (
    r"officials?|police|authorities|statement|ministry|military|army|government|spokes(?:man|woman|person)|"
    r"sources?|forces|troops|officers?|Pentagon|NATO|ISAF|Taliban|coroner|hospital|doctors?|witnesses|residents|"
    r"villagers|activists|coalition|command|mission|embassy|department|agency|office|chief|commander|governor|"
    # Titles and armed groups said nothing before: "the district governor said", "the group said".
    r"group|militants|insurgents|rebels|leaders|"
    # "the public prosecutor of X said", "the territory's administrator said", "a war monitor said"
    r"prosecutors?|administrator|administration|monitor|watchdog|tracker|wing|communiqu[eé]|"
    # "the government's communication service said", "the Security Media Cell said"
    r"service|cell|"
    # "Amnesty International's investigation found that": a body's inquiry speaks for it
    r"investigation|inquiry"
)
_MODIFIER_FIRST = re.compile(rf"(?i:{_ORG_MODIFIER})\s")
# Words a description of a speaker never runs through: "the army and police said" is two speakers.
_NOT_DESCRIBING = r"(?!(?:and|or|of|in|on|at|to|for|with|from|by|who|that|which|but|was|were|had|has|have|is|are)\s)"
_ORG_FRAME = Gated(re.compile(
    # "a ministry spokesman said", "a police officer told Reuters": the word before the noun says whose.
    # With an article, the words that describe it: "the Britain-based war monitor", "the state prosecutor's office".
    rf"(?P<org>(?:(?:[Tt]he|(?<![\w-])[Aa]n?)\s+(?:{_NOT_DESCRIBING}[a-z][\w'’-]*\s+(?=[A-Z]))?(?:[A-Z][\w.'’-]*\s+){{0,5}}"
    rf"(?:{_NOT_DESCRIBING}[a-z][\w'’-]*\s+){{0,3}}"
    rf"|(?:[A-Z][\w.'’-]*\s+){{0,5}}(?:(?i:{_ORG_MODIFIER})\s+)?)(?i:{_ORG_NOUNS})"
    rf"|{_CAP}(?:\s+{_CAP}){{1,5}})(?P<tail>(?:\s+(?:in|from|of)\s+(?:(?:the\s+(?:[a-z]+\s+){{1,2}}of\s+)?[A-Z]\w+|"
    # "the health ministry in the Hamas-run territory said": where the body is, told by who holds it
    rf"the\s+(?:[\w'’]+-(?:run|held|controlled|led)\s+)(?:[a-z]+\s+)?[a-z]+)){{0,2}})"
    # "The United Nations Assistance Mission in Afghanistan (UNAMA) said": the acronym after the name
    # "The army had first reported six deaths": an auxiliary and an adverb may stand before the verb.
    rf"(?:\s+\([A-Z][\w.&-]*\))?(?:,\s+[^,]{{3,90}},)?\s+"
    rf"(?:(?:also|later|then|earlier|first|previously|initially|originally|has|had|have)\s+){{0,2}}{_SUBJECT_TAIL}"
    # Where it can begin: a capital, "the", "a", or a modifier or noun in any case, even inside a word (the
    # words of either may begin a match there). Tried at every character instead, and after the last verb,
    # it cost as much as all the other speaker frames.
), (_VERB_WORDS,), begins=re.compile(rf"[A-Z]|(?=the\s|[Aa]|(?i:{_ORG_MODIFIER}|{_ORG_NOUNS}))"),
    tail=re.compile(_SUBJECT_TAIL))
# Where a sentence turns from one account to another: ", but", "; however".
_CONTRAST = re.compile(r",\s+but\b|;\s+(?:but|however)\b|,\s+while\b|,\s+whereas\b")
# "the Britain-based war monitor", "the UK-based group", "the office": a body described, not named, which
# stands for the body named before it (a capital only in where it is based).
_DESCRIBED_BODY = re.compile(
    r"[Tt]he\s+(?:[A-Z][\w.]*-based\s+)?(?:[a-z][\w'’-]*\s+){0,2}(?:monitor|group|organi[sz]ation|office|ministry|"
    r"agency|watchdog|charity|observatory|network|body|tracker|statement|communiqu[eé]|release|cell|service)"
)
# "police said", "a hospital spokesman said": people described by common nouns have no name; "the army",
# "the coalition" (institutions), "the district governor" (one office, one holder), "the Pentagon" and
# "Mali's army" speak as one.
_GENERIC_WORDS = _words(
    "police security military army ministry coalition government hospital health medical provincial district local "
    "senior defense defence interior officials official authorities statement spokesman spokeswoman spokesperson "
    "sources source forces troops officers officer coroner doctors doctor witnesses residents villagers activists "
    "command mission embassy department agency office chief commander governor militants insurgents rebels "
    "regional state federal national municipal opposition rescue emergency administration services service leaders "
    "rights aid relief humanitarian monitoring group"
)
_PEOPLE_HEADS = _words(
    "police authorities officials official officer officers spokesman spokeswoman spokesperson sources source "
    "doctor doctors hospital witnesses residents villagers activists troops forces leaders"
)
# An office named by what it is of: "the Ministry of Health", "the Department of Public Health".
_OF_OFFICE = re.compile(r"\b(?:ministry|department|office|directorate|agency|authority)$", re.IGNORECASE)
_OF_WHAT = re.compile(r"\s+of\s")
_OF_NAME = re.compile(r"\s+of\s+.*?(?=\s+(?:in|from)\s|$)")
_UNNAMED_TAIL = Gated(re.compile(
    r",\s*(?P<who>(?:[a-z]+\s+)?(?:officials?|sources?|police|authorities|witnesses|residents)(?:\s+and\s+\w+)?)\s+"
    r"(?:said|say|report|reported|added)\s*\.?\s*$"
), (_words("said say report reported added"),))
# "The paper also cited X": these stand for the outlet named just before.
_RELAY_PRONOUNS = ("the paper", "the newspaper", "the agency")
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "It", "This", "That", "They", "We", "I", "He", "She", "But", "And",
              # adjectives that open "Unconfirmed reports suggest ...": "reports" is no verb of a person there
              "Unconfirmed", "Unverified", "Initial", "Preliminary", "Early", "Some", "Several", "Other", "Further",
              "According", "Earlier", "Later", "Local", "Afghan", "Citing", "When", "While", "After", "Officials",
              # plural nouns opening "Residents said ...": a kind of source, left to the frame of unnamed ones
              "Residents", "Witnesses", "Activists", "Police", "Doctors", "Relatives", "Villagers", "Medics",
              "Parents", "Survivors", "Rescuers", "Authorities", "Sources", "Troops", "Soldiers",
              # a recorder's labels: "Deaths recorded: 4-6" counts the dead, nobody recorded them there
              "Deaths", "Fatalities", "Casualties", "Killed", "Injured", "Wounded", "Dead",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday",
              "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"}


@dataclass(frozen=True, slots=True)
class Frame:
    """One reporting frame in a sentence."""

    span: Span
    source: Source
    # "he"/"she" for a person named before, "it" for a body named before, "the" for a body described
    # again ("the Britain-based war monitor said"); "next" for a body named as the source of the figure told
    # before ("The toll came from X"); empty for a frame that names its own speaker.
    pronoun: str = ""


def source_type(*words: str | None) -> str:
    text = " ".join(w for w in words if w)
    for kind, cue in SOURCE_TYPE_CUES:
        if cue.search(text):
            return kind
    return "unnamed"


# "Red Cross official Franz Meier": the organisation's name may come before the role words.
_ROLE_BEFORE = re.compile(r"(?:^|[,;:(\"“”]\s*|\b(?:and|but)\s+)((?:[A-Z][\w'’-]*\s+){0,3}(?:[a-z][\w'’-]*\s+){1,3})$")


_NOT_ROLE_ENDS = _words("to of by for from with at in on and or said told says the a an")


def _role_before(text: str, name_start: int, sent_start: int) -> str:
    """'Kunduz resident Taza Gul': the role words standing right before a name, with no comma."""
    m = _ROLE_BEFORE.search(text[max(sent_start, name_start - 60) : name_start])
    if not m or not re.search(r"[a-z]", m.group(1)) or m.group(1).split()[0].lower() in ("the", "a", "an"):
        return ""
    if m.group(1).split()[-1] in _NOT_ROLE_ENDS:
        return ""  # "..., according to X", "killed by X": the words lead up to the name, they are no role
    return m.group(1).strip()


_ROLE_ORG = re.compile(
    r"\b(?:spokes(?:man|woman|person)|official|officer|commander|head|chief|director|member)\s+(?:for|of|with|at)\s+"
    r"(?:the\s+)?(?P<org>(?:[\w.'’-]+\s+){0,4}?(?:[A-Z][\w.'’-]*|forces|police|army|military|ministry|council|"
    r"government|office|command|mission))(?=\s+in\s|[,;]|$)"
)


def _org_of_role(role: str | None) -> str | None:
    """'a spokesman for U.S. forces in Afghanistan' -> 'U.S. forces'."""
    m = _ROLE_ORG.search(role or "")
    return m.group("org") if m else None


# Capitalised role words that run into a name: "Defense Minister Laura Restrepo", "Prosecutor General X".
_ROLE_IN_NAME = re.compile(
    r"^(?P<role>.*\b(?:Minister|Secretary|General|Governor|Chief|Commander|Director|Coordinator|Administrator|"
    r"Official|Officer|President|Mayor|Prosecutor|Attorney|Commissioner|Spokesman|Spokeswoman|Spokesperson|"
    r"Head|Chairman|Chairwoman|Representative|Envoy))\s+(?P<name>[A-Z][^\s]*(?:\s+\S+)*)$"
)
# Source types of organisations, which a speaker's own name may tell ("Amnesty International said").
_INSTITUTIONS = frozenset(("ngo_un", "health_officials", "police", "military", "government", "local_government"))
# Kinds of source that are bodies when quoted by name alone ("Al-Shabaab said", "Kivu Security Tracker recorded").
_BODIES = frozenset(("armed_group", "ngo_un", "media", "civil_society"))


def _split_role(name: str) -> tuple[str, str]:
    """'Defense Minister Laura Restrepo' -> ('Laura Restrepo', 'Defense Minister'); other names unchanged."""
    m = _ROLE_IN_NAME.match(name)
    return (m.group("name"), m.group("role")) if m else (name, "")


def _clean_name(name: str) -> str:
    return name.strip().rstrip(",.").removesuffix("'s").strip()


# "the Syrian Observatory for Human Rights", "the Office of the High Commissioner for Human Rights": a body
# named by what it is for or of. Frames take a name as a run of capitals, which stops at "for" and "of".
_ORG_LEAD = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’.-]*\s+)*?(?:Observatory|Office|Ministry|Commission|Committee|Council|Network|"
    r"Institute|Cent(?:re|er)|Department|Union|Front|Movement|Organi[sz]ation|Association|Agency|Bureau|"
    r"Directorate|Coalition|Alliance|Command|Mission|Society|League|Foundation|Authority|Secretariat)\s+"
    r"(?:of|for)\s+(?:the\s+)?(?:(?:[A-Z][\w'’.-]*\s+)+(?:of|for|and)\s+(?:the\s+)?)*)$"
)


def _org_lead(text: str, name_start: int, sent_start: int) -> str:
    """The words of a body's name that stand before ``name_start`` ("Syrian Observatory for "), or ''."""
    m = _ORG_LEAD.search(text, max(sent_start, name_start - 100), name_start)
    return re.sub(r"^(?:The|A|An)\s+", "", m.group(1)) if m else ""


# "The toll came from the Syrian Observatory for Human Rights, ...": the source of the figure told before, named
# after it (and of any the sentence goes on to tell: "..., which said 30 other people were wounded").
_TOLL_FROM = Gated(re.compile(
    r"\b[Tt]h(?:e|at|is|ese|ose)\s+(?:death\s+)?(?:toll|tally|figures?|count)\s+(?:came|comes|was\s+given|were\s+given|"
    r"was\s+provided|were\s+provided|was\s+compiled|were\s+compiled)\s+(?:from|by)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w'’.-]*){0,7})"
), (_words("toll tally figure figures count"), _words("came comes given provided compiled")), _words("the that this these those"))
# Gated at once (cues.Frames): most sentences open none or one of them.
_SPEAKERS = Frames(_SUBJECT_FRAME, _CITED_FRAME, _VERB_FIRST, _ACCORDING_UNNAMED, _ACCORDING_ORG, _ORG_FRAME,
                   _DESCRIBED_PERSON, _PRON_FRAME, _TOLL_FROM)


# What stands before an outlet's name: "the", "the Somali outlet", "the newspaper".
_OUTLET_DESCRIBED = re.compile(rf"^(?:the\s+)?(?:(?:[\w-]+\s+)?{_OUTLET_KINDS}\s+)?", re.IGNORECASE)


# "a relative told Airwars", "witnesses told Human Rights Watch": a monitor that takes testimony relays it,
# as an outlet does ("told the ministry" does not: see source_type).
_TOLD_MONITOR = Gated(re.compile(r"\b(?:told|telling|tells)\s+(?P<o>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"),
                      (_words("told telling tells"),), _words("told telling tells"))
_VIAS = Frames(*_VIA_RES, _TOLD_MONITOR)


_OUTLET_SAYS = _VIA_RES[1]


def _outlets(text: str, scanned: SentenceWords, start: int, end: int) -> list[tuple[str, re.Match[str], bool]]:
    """The outlets a sentence names as carrying words: each name, its match, and whether the outlet itself
    said or reported ("SANA said", "the state news agency IRNA reported") rather than being told."""
    out: list[tuple[str, re.Match[str], bool]] = []
    for frame, found in _VIAS.finditer(text, scanned, start, end).items():
        for m in found:
            raw = m.group("o").strip()
            if frame is _TOLD_MONITOR and source_type(raw) != "ngo_un":
                continue
            o = raw if raw.lower() in _RELAY_PRONOUNS else _OUTLET_DESCRIBED.sub("", raw)
            out.append((o, m, frame is _OUTLET_SAYS))
    return out


def _vias(text: str, scanned: SentenceWords, start: int, end: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o for o, _, _ in _outlets(text, scanned, start, end)))


class Attributor:
    """Finds the source of claims in one document; built once per document."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...], document: Document, scanned: SentenceWords):
        self.text = text
        self.scanned = scanned
        self.sentences = sentences
        self.document = document
        self._frames_cache: dict[int, list[Frame]] = {}
        self._quotes = self._quote_regions(text)
        self._resolved: dict[int, Source | None] = {}

    def frames(self, index: int) -> list[Frame]:
        """A sentence's frames, found the first time they are asked for: most sentences never are."""
        found = self._frames_cache.get(index)
        if found is None:
            found = self._frames_cache[index] = self._frames(self.sentences[index])
        return found

    def describes_speaker(self, index: int, span: Span) -> bool:
        """Whether the words at ``span`` are the description of a speaker named in the sentence: in "killing
        12 people, a police spokesman, John Doe, said", "a police spokesman" said it and is no victim."""
        # The words up to a name set off by a comma: "a resident, John Doe" is read as one named victim.
        said = " ".join(self.text[span[0] : span[1]].split(",")[0].lower().split())
        return any(
            # A person described, not named, is the speaker where the description opens the frame ("killing 26
            # people, a health worker at the hospital told Reuters").
            f.span[0] <= span[0] and span[1] <= f.span[1] and (f.source.speaker or f.span[0] == span[0])
            and f.source.role and f.source.role.lower().startswith(said)
            for f in self.frames(index)
        )

    def _last_outlet(self, index: int) -> str | None:
        for j in range(index, max(-1, index - 12), -1):
            s = self.sentences[j]
            real = [x for x in _vias(self.text, self.scanned, s.start, s.end) if x.lower() not in _RELAY_PRONOUNS]
            if real:
                return real[-1]
        return None

    # -- frames -----------------------------------------------------------------------------------------
    def _frames(self, s: Sentence) -> list[Frame]:
        text = self.text
        frames: list[Frame] = []
        scanned = self.scanned
        outlets = _outlets(text, scanned, s.start, s.end)
        vias = tuple(dict.fromkeys(o for o, _, _ in outlets))
        hits = _SPEAKERS.finditer(text, scanned, s.start, s.end)
        for regex in (_SUBJECT_FRAME, _CITED_FRAME, _VERB_FIRST):
            for m in hits.get(regex, ()):
                name = _clean_name(m.group("name"))
                lead = _org_lead(text, m.start("name"), s.start)
                name = lead + name
                first = name.split()[0] if name else ""
                if regex is _VERB_FIRST and name and first not in _NOT_NAMES and _ORG_WORDS.search(name) and \
                        m.group().split()[0] != "according" and (
                        m.group("prerole") or "").strip() in ("", "the") and not m.group("title"):
                    # "..., said the Interior Ministry.": a body named after the verb, which the frames of bodies
                    # (subject first) do not read
                    frames.append(Frame(m.span(), Source(name, None, name, source_type(name), vias)))
                    continue
                if not name or first in _NOT_NAMES or _ORG_WORDS.search(name) or name.lower() in ("he", "she"):
                    continue
                if name.lower() in VICTIM_NOUNS:
                    continue  # "Civilians reported killed: 3": the victims, not a speaker
                if _OUTLET_RE.fullmatch(name):
                    continue  # "according to Reuters": an outlet relays, it is in the frame's vias
                if name in vias and regex is _SUBJECT_FRAME:
                    # "the state news agency KNA reported": the outlet the sentence names is the subject
                    frames.append(Frame(m.span(), Source(name, None, name, "media", tuple(v for v in vias if v != name))))
                    continue
                if regex is _SUBJECT_FRAME and not m.group("prerole") and _AFTER_PREPOSITION.search(
                    text, max(s.start, m.start() - 12), m.start()
                ):
                    continue  # "witnesses in the town of Garmsir said": the place names nobody
                # Words before a body's name belong to the name, not to a role.
                prerole = "" if lead else (m.groupdict().get("prerole") or "").strip()
                appos = (m.groupdict().get("appos") or "").strip()
                frm = (m.groupdict().get("from") or "").strip()
                title = (m.group("title") or "").strip()
                if regex is _VERB_FIRST and m.group().split()[0] in _REPORTED_FIRST and not _REPORTER_ROLE.fullmatch(
                        m.group("prerole") or ""):
                    continue  # "reported the deaths of five people in Kabul": what was reported, not who reported
                if prerole and prerole.split()[0] in ("said", "says", "according", "added", "wrote", "tweeted", *_REPORTED_FIRST):
                    prerole = " ".join(prerole.split()[1:])
                if prerole in ("the", "a", "an"):
                    prerole = ""  # "reported the State Public Security Secretariat": an article, no role
                if appos.split()[0] in _PLACE_WORDS if appos else False:
                    appos = ""  # "reported the mayor, Paola Castillo, on Saturday": when, not who she is
                if regex is _VERB_FIRST and prerole.endswith(","):
                    prerole = prerole.removeprefix("the ")  # "said the leader, Jean Doe"
                if prerole and QTY_RE.fullmatch(prerole.split()[-1]):
                    continue  # "said 9 Palestinians, including a boy, were killed": a count, not a speaker
                if prerole and prerole.split()[0].lower() in _MANY_PEOPLE:
                    # "Residents of Kunyo Barrow, Lower Shabelle, said": many spoke; the name is their place
                    frames.append(Frame(m.span(), Source(None, prerole, None, source_type(prerole), vias)))
                    continue
                if regex is _VERB_FIRST and (_CLAUSE_WORDS.search(prerole) or _PLACED_NAME.search(prerole)):
                    continue  # "said five officers were killed in Orvel", "said the gunmen walked into the X": no speaker
                if regex is _VERB_FIRST and prerole and prerole.split()[0].lower() in _PLACE_WORDS:
                    continue  # "said on Telegram that", "said in Kabul that": where it was said, not who
                if regex is _SUBJECT_FRAME and prerole and "," not in text[m.end("name"):m.start("verb")]:
                    # "The dead included 21 civilians and five militiamen, Minister X said": a role stands
                    # before a name in apposition ("a spokesman, X, said"), not before one that is the subject.
                    prerole = ""
                name, named_role = _split_role(name)
                if named_role:
                    title = f"{title} {named_role}".strip()
                if not prerole and not lead:
                    prerole = _role_before(text, m.start("title") if title else m.start("name"), s.start)
                role_bits = [b for b in (title, prerole, appos) if b]
                role = ", ".join(dict.fromkeys(b.strip(", ") for b in role_bits if b.strip(", "))) or None
                org = re.sub(r"^(?:from|of|with|at)\s+the\s+", "", frm) if frm else _org_of_role(role)
                stype = source_type(role, org, prerole)
                if stype == "unnamed" and source_type(name) in _INSTITUTIONS | {"media"}:
                    # "Medecins Sans Frontieres said", "Nineveh Media Center reported": an organisation quoted by name
                    stype = source_type(name)
                elif stype == "unnamed" and ARMED_GROUP.search(name):
                    stype = "armed_group"  # "Al-Shabaab said": the group is its own speaker
                elif stype == "unnamed":
                    stype = "witness" if re.search(r"\b(?:resident|witness)", role or "", re.IGNORECASE) else "unnamed"
                frames.append(Frame(m.span(), Source(name, role, org, stype, vias)))
        according_orgs = list(hits.get(_ACCORDING_ORG, ()))
        named_offices = {m.start(): m.end() for m in according_orgs}
        for m in hits.get(_ACCORDING_UNNAMED, ()):
            if named_offices.get(m.start(), 0) > m.end():
                continue  # "according to the Ministry of Public Health": the office's name goes on
            if not any(f.span[0] <= m.start() < f.span[1] for f in frames):
                who = " ".join(m.group("who").split())
                frames.append(Frame(m.span(), Source(None, who, None, source_type(who), vias)))
        for m in according_orgs:
            org = _clean_name(m.group("org"))
            if not any(f.span[0] <= m.start() < f.span[1] for f in frames):
                # "according to Reuters": the outlet's own figure
                stype = "media" if _OUTLET_RE.fullmatch(org) else source_type(org)
                frames.append(Frame(m.span(), Source(org, None, org, stype, vias)))
        for m in hits.get(_TOLL_FROM, ()):
            org = _clean_name(m.group("org"))
            frames.append(Frame(m.span(), Source(org, None, org, source_type(org), vias), pronoun="next"))
        persons = list(hits.get(_DESCRIBED_PERSON, ()))
        for m in hits.get(_ORG_FRAME, ()):
            if any(f.span[0] <= m.start("verb") < f.span[1] + 1 for f in frames):
                continue
            if any(d.start() < m.start() and d.start("verb") == m.start("verb") for d in persons):
                continue  # "a nurse at Mamfe District Hospital said": the nurse said it, where she works
            org = _org_lead(text, m.start("org"), s.start) + m.group("org").strip()
            if org.lower() == "group":
                continue  # "the rights group said": the words that say whose group were not taken
            bare = re.sub(r"^(?:the|an?)\s+", "", org, flags=re.IGNORECASE)
            is_unnamed = bare.lower().split()[-1] in ("officials", "official", "sources", "source", "authorities", "witnesses", "residents", "villagers") and not re.search(r"[A-Z]", bare[1:] if bare else "")
            described = bare.lower().split()
            # "a Somali army officer said": a nationality before the description names nobody either
            generic = _GENERIC_WORDS.issuperset(described[1:] if described[0] in AFFILIATIONS else described)
            if bare.split()[0] in _NOT_NAMES and len(described) == 1 and not is_unnamed and not generic:
                continue
            if described == ["statement"] and frames:
                continue  # "the rebels said in a statement posted on ...": the statement is theirs
            named = None if is_unnamed or (generic and described[-1] in _PEOPLE_HEADS) else bare
            if named and org[:2].lower() in ("a ", "an") and not re.search(r"[A-Z]", bare) and \
                    not _MODIFIER_FIRST.match(bare):
                # "a separatist group said", "a doctor at a nearby field hospital told": described, not named
                # ("a rebel spokesman said" is the rebels' spokesman)
                named = None
            person, role = _split_role(named) if named else (None, "")
            stype = source_type(org)
            if _OF_OFFICE.search(org) and _OF_WHAT.match(m.group("tail")):
                stype = source_type(org, m.group("tail"))  # "the Ministry of Health in Gaza": what the office is of
                if named and not role:
                    named += _OF_NAME.match(m.group("tail")).group()  # its name: "Ministry of Health"
            if role:  # "Health Ministry Spokesman Omar Vell said": a person with the office before the name
                frames.append(Frame(m.span(), Source(person, role, None, stype, vias)))
            elif _DESCRIBED_BODY.fullmatch(org):
                # "the Britain-based war monitor said": a body named before, described again
                frames.append(Frame(m.span(), Source(named, None, named, stype, vias), pronoun="the"))
            else:
                # Unnamed, the description is the role: it tells "police" from "a police spokesman". An outlet
                # that reports ("Lebanon's state-run National News Agency reported") is no relay of itself.
                own = tuple(v for v in vias if v != named)
                frames.append(Frame(m.span(), Source(named, None if named else bare, named, stype, own)))
        for m in persons:
            if not any(f.span[0] <= m.start("verb") < f.span[1] + 1 for f in frames):
                who = " ".join(m.group("who").split())
                stype = source_type(who)
                if stype == "unnamed" and re.search(r"\b(?:resident|witness|survivor|relative)", who, re.IGNORECASE):
                    stype = "witness"
                frames.append(Frame(m.span(), Source(None, who, None, stype, vias)))
        for m in hits.get(_PRON_FRAME, ()):
            if not any(f.span[0] <= m.start() < f.span[1] for f in frames):
                pron = m.group("pron").lower()
                frames.append(Frame(m.span(), Source(None, None, None, "unnamed", vias), pronoun=pron))
        if not frames:
            # "..., SANA said", "the state news agency IRNA reported": with nobody else quoted, the outlet speaks
            # for itself, as in "according to Reuters" (a relay pronoun, "the agency said", is its outlet's).
            for o, m, says in outlets:
                if says and o.lower() not in _RELAY_PRONOUNS and o.lower() not in _PLATFORM_WORDS:
                    frames.append(Frame(m.span("o"), Source(o, None, o, "media", tuple(v for v in vias if v != o))))
        tail = _UNNAMED_TAIL.search(text, scanned, s.start, s.end)
        if tail and not frames:
            frames.append(Frame(tail.span(), Source(None, None, None, source_type(tail.group("who")), (tail.group("who"),) + vias)))
        frames.sort(key=lambda f: f.span[0])
        return frames

    @staticmethod
    def _quote_regions(text: str) -> list[Span]:
        if "\"" not in text and "“" not in text:
            return []  # most reports quote nobody: spare them the scan for a quotation
        regions: list[Span] = []
        for m in re.finditer(r"“[^”]{10,2000}?”|\"[^\"]{10,2000}?\"", text):
            regions.append(m.span())
        return regions

    # -- resolution -------------------------------------------------------------------------------------
    def _told_before(self, index: int, frame: Frame) -> Iterator[tuple[int, list[Frame]]]:
        """The frames told before ``frame`` (of sentence ``index``), a sentence at a time with its index, from
        its own back over the seven before it: where "it", "the group" or "the leader" looks for whom it stands
        for."""
        for j in range(index, max(-1, index - 8), -1):
            yield j, [f for f in self.frames(j) if f.span[0] < frame.span[0] or j < index]

    def _body_before(self, index: int, frame: Frame) -> Source | None:
        """The organisation that "it" or "the group" stands for: the last one quoted by name before."""
        described = frame.source.speaker
        head = described.split()[-1].lower() if described else ""
        for j, found in self._told_before(index, frame):
            for f in reversed(found):
                src = f.source
                if f.pronoun == "the" and described and src.speaker and head == src.speaker.split()[-1].lower():
                    # "the health ministry in Gaza said ... The ministry said": the body described before
                    return self._resolve(j, f)
                if f.pronoun or not src.speaker or not (src.speaker == src.organization or (
                        src.role is None and (src.speaker.isupper() or src.type in _BODIES))):
                    continue  # a person: "it" and "the office" stand for a body ("URDPC said", "the army said")
                if described and not (head in src.speaker.lower() or frame.source.type in (src.type, "unnamed")):
                    continue  # "the ministry said" does not stand for the rebel group quoted before
                return src
        return None

    def _resolve(self, index: int, frame: Frame) -> Source:
        if frame.pronoun in ("it", "the"):
            body = self._body_before(index, frame)
            if body is None:
                return self._with_paper(index, frame.source) if frame.pronoun == "the" else self._publisher()
            return self._with_paper(index, Source(body.speaker, body.role, body.organization, body.type,
                                                  frame.source.via or body.via))
        if not frame.pronoun or frame.pronoun == "next":
            src = frame.source
            if src.speaker and src.type == "unnamed" and src.role:
                src = self._described_before(index, frame)
            if src.speaker and src.role is None and src.organization is None and " " not in src.speaker:
                # "Marchuk said" after "regional governor Oleh Marchuk said": the person named in full before
                full = self._named_before(index, src.speaker)
                if full is not None:
                    src = Source(full.speaker, full.role, full.organization, full.type, src.via)
            return self._with_paper(index, src)
        for j in range(index - 1, max(-1, index - 8), -1):
            for f in reversed(self.frames(j)):
                if not f.pronoun and f.source.speaker and len(f.source.speaker.split()) >= 1:
                    src = f.source
                    return self._with_paper(index, Source(src.speaker, src.role, src.organization, src.type,
                                                          frame.source.via or src.via))
        return frame.source

    def _described_before(self, index: int, frame: Frame) -> Source:
        """"..., a local civil society leader said. ..., said the leader, Jean Doe": the kind of source the
        person was described as before."""
        src = frame.source
        head = src.role.split()[-1].lower() if src.role else ""
        for _, found in self._told_before(index, frame):
            for f in found:
                was = f.source
                if was.speaker is None and was.role and was.type != "unnamed" and was.role.split()[-1].lower() == head:
                    return Source(src.speaker, src.role, src.organization, was.type, src.via)
        return src

    def _named_before(self, index: int, surname: str) -> Source | None:
        for j in range(index - 1, max(-1, index - 12), -1):
            for f in self.frames(j):
                speaker = f.source.speaker
                if speaker and speaker != surname and speaker.split()[-1] == surname:
                    return f.source
        return None

    def _with_paper(self, index: int, src: Source) -> Source:
        if not any(v.lower() in _RELAY_PRONOUNS for v in src.via):
            return src
        prev = self._last_outlet(index - 1) if index > 0 else None
        via = tuple(prev if v.lower() in _RELAY_PRONOUNS and prev else v for v in src.via)
        return Source(src.speaker, src.role, src.organization, src.type, via)

    def _publisher(self) -> Source:
        outlet = self.document.outlet
        # A press release published by its office ("U.S. Central Command", "Dayton Police Department") speaks
        # as that office; a newspaper's own words are the media's.
        kind = source_type(outlet)
        return Source(outlet, None, outlet, kind if kind in _INSTITUTIONS else "media", ())

    def source_for(self, index: int, span: Span) -> Source:
        quote = next((q for q in self._quotes if q[0] <= span[0] < q[1]), None)
        if quote is not None:
            src = self._quote_source(quote)
            if src is not None:
                return src
        frames = self.frames(index)
        if frames:
            # The frame nearest the claim, preferring one that introduces it (before the claim).
            before = [f for f in frames if f.span[0] <= span[0] and not (f.span[0] <= span[0] and span[1] <= f.span[1])]
            after = [f for f in frames if f.span[0] >= span[1]]
            if before and after and _CONTRAST.search(self.text, before[-1].span[1], span[0]):
                # "Officials initially reported 12 dead, but the figure was later revised down to nine, a police
                # spokesman said": past a "but", the figure is the clause's own speaker's, told after it.
                before = []
            frame = before[-1] if before else after[0] if after else frames[0]
            return self._resolve(index, frame)
        if index + 1 < len(self.sentences):
            after = self.sentences[index + 1]
            # Only a sentence that can name a figure's source ("The toll came from X") is read for its frames:
            # most sentences after an unattributed figure are never asked for theirs.
            if _TOLL_FROM.search(self.text, self.scanned, after.start, after.end) is not None:
                ahead = [f for f in self.frames(index + 1) if f.pronoun == "next"]
                if ahead:
                    return self._resolve(index + 1, ahead[0])  # "... killing 14. The toll came from X."
        return self._publisher()

    def _quote_source(self, quote: Span) -> Source | None:
        """The frame right after a quotation ('," he said') or right before it ('X said: "')."""
        for i, s in enumerate(self.sentences):
            if s.start <= quote[1] <= s.end + 1 or s.start <= quote[1] - 1 < s.end:
                after = [f for f in self.frames(i) if f.span[0] >= quote[1] - 2]
                if after:
                    return self._resolve(i, after[0])
                before = [f for f in self.frames(i) if f.span[1] <= quote[0] + 2 and quote[0] - f.span[1] < 40]
                if before:
                    return self._resolve(i, before[-1])
            if s.start <= quote[0] < s.end:
                before = [f for f in self.frames(i) if f.span[1] <= quote[0] + 2 and quote[0] - f.span[1] < 40]
                if before:
                    return self._resolve(i, before[-1])
        # '"...," X told AFP. "More words."': a quotation that opens right after the frame closing another
        # goes on with the same speaker.
        k = self._quotes.index(quote)
        if k and quote[0] - self._quotes[k - 1][1] < _QUOTE_GAP:
            return self._quote_source(self._quotes[k - 1])
        return None
