from datetime import date

import pytest

from tollwatch import dates, event
from tollwatch.cues import words
from tollwatch.event import event_type, extract_event, perpetrators, rank_sentences
from tollwatch.model import Claim, Count, Document, Source, Victims
from tollwatch.pipeline import extract
from tollwatch.segment import segment
from tollwatch.settings import Settings


def _one(text):
    return [[(0, len(text))]]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("A US drone strike hit a car near the border.", "drone_strike"),
        ("Coalition airstrikes destroyed two compounds.", "airstrike"),
        ("A suicide bomber blew himself up at the gate.", "suicide_bombing"),
        ("A roadside bomb struck a police truck.", "ied"),
        ("Mortar shells landed in the market.", "shelling"),
        ("A gunman opened fire in the office.", "shooting"),
        ("Troops clashed with militants for hours.", "armed_clash"),
        ("A security force detained three suspects.", "detention_operation"),
        ("Armed men kidnapped eleven farmers from their fields.", "abduction"),
        ("Police arrested two men wanted for abducting a trader.", "detention_operation"),
        ("A car exploded outside the bank.", "bombing"),
        ("Foreign aircraft bombed a house in the valley.", "airstrike"),
        ("The school was bombed by government jets at noon.", "airstrike"),
        ("Rebels attacked a police checkpoint on the fictional Varn highway.", "armed_clash"),
        ("Insurgents overran an army outpost near the fictional town of Kesh.", "armed_clash"),
        ("The convoy was hit in an attack on the fictional Tarro garrison.", "armed_clash"),
        ("A deputy was hurt in an exchange of gunfire with a suspect.", "armed_clash"),
        ("The coalition strike hit a depot in the fictional town of Lesk.", "airstrike"),
        ("Allied forces conducted a precision strike on a fictional compound.", "airstrike"),
        ("A drone struck a car on the fictional Oru road.", "drone_strike"),
        ("Officers answered a report of shots fired on the fictional Pine Row.", "shooting"),
        ("Two men suffering from gunshot wounds were found on the fictional Elm Row.", "shooting"),
        ("Two kidnappers died in a gunfight with troops near the fictional town of Kesh.", "armed_clash"),
        ("Unidentified gunmen abducted a village chief in the fictional district of Tesk.", "abduction"),
        ("Troops rescued 12 hostages from a hideout in the fictional forest of Dalo.", "abduction"),
        ("A man armed with a knife wounded two people before he was shot by police.", "other"),
        ("The force detained two suspects and no shots were fired.", "detention_operation"),
        ("Soldiers took three men into custody in the fictional village of Arra.", "detention_operation"),
        ("Police used live ammunition against the crowd in the fictional town of Orle.", "shooting"),
        ("Two boys were killed by Russian fire near the fictional fence of Tal.", "shooting"),
        ("A herder was wounded by army fire in the fictional valley of Ors.", "shooting"),
        ("A militia attacked the village of Esk in the fictional district of Mor.", "raid"),
        ("The strike likely killed six fighters near the fictional town of Bral.", "airstrike"),
        ("Two women were stabbed to death and a man was arrested in the fictional town of Ule.", "other"),
        ("Fighting between the army and a militia left 12 dead in the fictional town of Ors.", "armed_clash"),
        ("Four soldiers were killed when their patrol was attacked with explosives near Ule.", "bombing"),
        ("Six Maoists were gunned down in an encounter in the forests of the fictional district of Ule.",
         "armed_clash"),
        ("Two rebels died in an encounter with security forces near the fictional town of Ors.", "armed_clash"),
        ("A man with a knife wounded three people and was arrested in the fictional town of Ule.", "other"),
        ("A man armed with a sword hurt four people before he was detained in the fictional town of Ors.", "other"),
        ("Two herders were killed in an attack on Ulek village in the fictional district of Ors.", "raid"),
        ("Militiamen killed 12 people in attacks on two villages in the fictional territory of Ors.", "raid"),
        ("Militants fired several rounds at a border post in the fictional district of Ule.", "shooting"),
        ("Five officers died when an explosive device hit their truck near the fictional town of Ors.", "bombing"),
        # A village named without an article, as local news and conflict-event notes tell a raid.
        ("Armed herders attacked Dogo Tesk village at dawn and killed 30 people.", "raid"),
        ("Militants attacked Ulek community in the fictional district of Ors.", "raid"),
        ("A suspected thief was lynched in the fictional market of Ule.", "other"),
        ("Two youths were beaten to death by an angry mob in the fictional town of Ors; no arrests were made.",
         "other"),
        ("A farmer was hacked to death in the fictional village of Ule.", "other"),
        ("A police operation against a drug gang in the fictional district of Ule left six dead.", "raid"),
        # How the attack ended is not what it was.
        ("A woman stabbed two shoppers before she was shot dead by a passing security guard in Ors.", "other"),
    ],
)
def test_event_type_from_cue_words(text, kind):
    found, span = event_type(text, _one(text), words(text))
    assert found == kind and span is not None


def test_event_type_prefers_the_best_ranked_sentences():
    text = "Last year a roadside bomb hit the road. Yesterday airstrikes killed five."
    ranked = [[(39, len(text))], [(0, 38)]]
    assert event_type(text, ranked, words(text))[0] == "airstrike"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Residents said US airstrikes killed ten people.", ("US",)),
        ("Coalition forces and Afghan troops raided the compound.", ("NATO coalition", "Afghan forces")),
        ("The attack was carried out by the Taliban, police said.", ("Taliban",)),
        ("The gunman shot four people before fleeing.", ("gunman",)),
        ("A suicide bomber struck the rally.", ("suicide bomber",)),
        ("Nobody knows who fired the shots.", ()),
        ("Security forces opened fire on the marchers in the square.", ("state forces",)),
        ("Riot police fired into the crowd outside the ministry.", ("police",)),
        ("Police said the soldiers were attacked at dawn.", ()),
    ],
)
def test_event_perpetrators(text, expected):
    assert perpetrators(text, _one(text), words(text)) == expected


def _claim(text, evidence):
    start = text.index(evidence)
    return Claim(
        outcome="killed",
        victims=Victims("civilians"),
        count=Count(4, 4, "exact", "four"),
        stance="asserted",
        source=Source(None, None, None, "unnamed"),
        span=(start, start + len(evidence)),
        evidence=evidence,
    )


def test_event_rank_sentences_puts_claims_first_and_header_last():
    text = "Daily Update\nThe minister met elders. An airstrike killed four civilians in Zorbat."
    sentences = segment(text)
    claim = _claim(text, "An airstrike killed four civilians")
    ranked = rank_sentences(words(text), sentences, (claim,), header_end=13)
    assert [text[s:e] for s, e in ranked[0]] == ["An airstrike killed four civilians in Zorbat."]
    assert [text[s:e] for s, e in ranked[3]] == ["Daily Update"]


FICTIONAL_RELEASE = (
    "Force Detains Insurgents in Logar\n"
    "Release 2012-03-S-014\n"
    "KABUL, Afghanistan (March 14, 2012)\n"
    "An Afghan and coalition security force detained two suspected insurgents during an operation in "
    "Baraki Barak district, Logar province, yesterday. The force also found a rifle."
)


def test_event_extract_event_assembles_type_date_place_and_spans():
    text = FICTIONAL_RELEASE
    doc = Document(id="fictional-1", text=text)
    event = extract_event(text, segment(text), (), doc, Settings())
    assert (event.type, event.date, event.date_precision) == ("detention_operation", date(2012, 3, 13), "day")
    assert event.place is not None
    assert (event.place.admin1, event.place.country) == ("Logar", "AF")
    assert event.date_span is not None and text[event.date_span[0] : event.date_span[1]] == "yesterday"
    assert event.stage == "event.rules/1"
    assert event.alleged_perpetrators == ("Afghan forces", "NATO coalition")


def test_event_without_any_date_uses_published_to_the_week():
    text = "A gunman opened fire in a diner in Mesa, Arizona."
    doc = Document(id="fictional-2", text=text, published=date(2015, 3, 2))
    event = extract_event(text, segment(text), (), doc, Settings())
    assert (event.date, event.date_precision) == (date(2015, 3, 2), "week")
    assert event.place is not None and (event.place.name, event.place.admin1) == ("Mesa", "Arizona")


def test_event_of_an_empty_report_is_empty():
    doc = Document(id="fictional-3", text="")
    event = extract_event("", (), (), doc, Settings())
    assert (event.type, event.date, event.place, event.alleged_perpetrators) == (None, None, None, ())


def test_event_airstrike_is_not_blamed_on_a_group_without_aircraft():
    text = (
        "Afghan officials said US airstrikes killed 12 civilians in Kunduz province on Thursday "
        "during heavy fighting between Taliban fighters and Afghan forces."
    )
    doc = Document(id="fictional-4", text=text, published=date(2016, 11, 4))
    claim = _claim(text, "US airstrikes killed 12 civilians")
    event = extract_event(text, segment(text), (claim,), doc, Settings())
    assert event.type == "airstrike" and event.date == date(2016, 11, 3)
    assert event.alleged_perpetrators == ("US", "Afghan forces")


@pytest.mark.parametrize(
    "text, expected",
    [
        # An arrest told after the dead dates the arrest, not the attack.
        (("Gunfire broke out at a bar on Orlo Street on Saturday night, October 21. Three people were killed. "
         "The gunman was arrested on October 24, 2017 in Tesk."), date(2017, 10, 21)),
        # An arrest told first is the operation itself.
        ("Police arrested two men in Tesk on March 3, 2011. On March 5, 2011, a bomb killed a guard.",
         date(2011, 3, 3)),
    ],
)
def test_event_date_of_an_arrest_after_the_dead_yields_to_the_attack(text, expected):
    assert extract(Document(id="t", text=text), Settings()).event.date == expected


@pytest.mark.parametrize("text", [
    ("Gunmen seized 120 pupils from a school in the fictional town of Ors on Friday. A guard was shot and "
     "wounded, residents said."),
    "Bandits abducted 30 villagers in the fictional hamlet of Ule and killed one man who resisted.",
])
def test_event_people_taken_first_and_mostly_make_an_abduction(text):
    assert extract(Document(id="t", text=text), Settings()).event.type == "abduction"


_CUES = {"type": event._TYPE_RE, "perpetrator": event._PERPETRATOR_RE, "date": dates._MENTION}
# What may follow a gated word: every word the cues open on or are gated by, and the ends of their phrases.
_FOLLOWERS = sorted(
    set().union(*(c.triggers for c in _CUES.values()), *(f for c in _CUES.values() for f in c.only_before.values()))
    | {"out", "by", "on", "with", "forces", "force", "day", "days", "strike", "strikes", "bomber", "bombers"}
)
_TAILS = ("", " forces", " forces opened fire on them", " by the Taliban", " out by US forces", " ago", " days ago",
          " the village", " a knife", " explosives", " checkpoint", " the army", " strikes killed two")


@pytest.mark.parametrize("cue", sorted(_CUES))
def test_event_a_word_gated_on_the_next_opens_no_match_before_any_other(cue):
    # A trigger word tried only before some words (CuePattern.only_before) must lose no match by it.
    pattern = _CUES[cue]
    for word, following in pattern.only_before.items():
        for after in _FOLLOWERS:
            for tail in _TAILS:
                if pattern.pattern.match(f"{word} {after}{tail}"):
                    assert after in following, (word, after, tail)


def test_event_no_arrest_is_no_detention():
    text = "A body was found on the fictional Elm Row on Sunday and no arrests have been made."
    assert event_type(text, _one(text), words(text)) == (None, None)


@pytest.mark.parametrize(
    "text, kind",
    [
        # A killing told first, an arrest after it: the arrest does not type the killing.
        (("A woman was killed and a boy was badly hurt at a house in the fictional town of Ors on Monday. "
         "Police later arrested a 40-year-old man."), "other"),
        # Fighters killed by the force that detained others: the detentions were its operation.
        (("A security force killed two insurgents in the fictional district of Ule. The force also detained "
         "three suspects."), "detention_operation"),
    ],
)
def test_event_an_arrest_after_a_killing_types_only_an_operation(text, kind):
    assert extract(Document(id="t", text=text), Settings()).event.type == kind
