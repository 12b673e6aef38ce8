from datetime import date

import pytest

from tollwatch import dates
from tollwatch.cues import words as scan
from tollwatch.dates import Reference, event_date, find_dateline, find_dates, reference_date
from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.settings import Settings

REF = Reference(date(2013, 1, 25), "day", "dateline")  # a Friday


@pytest.mark.parametrize(
    "text,expected,source",
    [
        ("KABUL, Afghanistan (Jan. 25, 2013)\nForces detained a man.", date(2013, 1, 25), "dateline"),
        ("Release 2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - Forces detained a man.", date(2010, 9, 1),
         "dateline"),
        ("Evening Update March 24, 2011\nForces found a cache in Zorbat.", date(2011, 3, 24), "header"),
        ("June 20: Operations in the East\nRelease 2010-06-CA-074 A force detained a man.", date(2010, 6, 20),
         "header"),
    ],
)
def test_dates_reference_from_dateline_or_header(text, expected, source):
    ref = reference_date(text, None)
    assert ref is not None and (ref.date, ref.source) == (expected, source)


def test_dates_published_wins_over_dateline():
    ref = reference_date("KABUL, Afghanistan (Jan. 25, 2013) - A raid.", date(2013, 2, 1))
    assert ref is not None and (ref.date, ref.source) == (date(2013, 2, 1), "published")


@pytest.mark.parametrize(
    "code,year", [("Release 2011-07-S-003", 2011), ("(1911-07-S-003)", 1911), ("No.2011-07-S-003", 2011)]
)
def test_dates_release_code_alone_gives_month_precision(code, year):
    ref = reference_date(code + "\nA force detained two men in Zorbat yesterday.", None)
    assert ref is not None and (ref.date, ref.precision) == (date(year, 7, 1), "month")


@pytest.mark.parametrize("code", ["Release R2011-07-S-003", "Release 12011-07-S-003", "Release 2011-07-S003"])
def test_dates_release_code_stands_as_a_word_of_its_own(code):
    assert reference_date(code + "\nA force detained two men in Zorbat yesterday.", None) is None


@pytest.mark.parametrize(
    "sentence,expected,precision",
    [
        ("A patrol was ambushed yesterday.", date(2013, 1, 24), "day"),
        ("A patrol was ambushed on Thursday.", date(2013, 1, 24), "day"),
        ("A patrol was ambushed Thursday night.", date(2013, 1, 24), "day"),
        ("A patrol was ambushed on Sunday.", date(2013, 1, 20), "day"),
        ("A patrol was ambushed on Friday.", date(2013, 1, 25), "day"),
        ("A patrol was ambushed last night.", date(2013, 1, 24), "day"),
        ("A patrol was ambushed today.", date(2013, 1, 25), "day"),
        ("A patrol was ambushed last week.", date(2013, 1, 18), "week"),
        # Before the report's Friday, from the Monday of its week.
        ("A patrol was ambushed earlier this week.", date(2013, 1, 21), "week"),
        ("A patrol was ambushed earlier this month.", date(2013, 1, 1), "month"),
        ("Patrols were ambushed during the past two days.", date(2013, 1, 23), "week"),
        ("A patrol was ambushed on Jan. 17.", date(2013, 1, 17), "day"),
        ("A patrol was ambushed on Dec. 30.", date(2012, 12, 30), "day"),
        ("On November 12, 1966, a patrol was ambushed.", date(1966, 11, 12), "day"),
        ("A patrol was ambushed on 3 March 2012.", date(2012, 3, 3), "day"),
        ("The log shows 2013-01-20 as the day.", date(2013, 1, 20), "day"),
    ],
)
def test_dates_mentions_resolve_against_the_reference(sentence, expected, precision):
    found = find_dates(sentence, (0, len(sentence)), REF)
    assert [(m.date, m.precision) for m in found][:1] == [(expected, precision)]


def test_dates_relative_mention_needs_a_reference():
    assert find_dates("It happened yesterday.", (0, 22), None) == ()


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Today, officials confirmed a leader was arrested on Sunday.", date(2013, 1, 20)),
        ("On Sunday evening of Jan. 13, 2013, gunmen fired on a bus.", date(2013, 1, 13)),
        ("He has led the cell since Oct. 1 and was seized yesterday.", date(2013, 1, 24)),
        ("The strike on the July 2 attackers came today.", date(2013, 1, 25)),
        # "the January 3 airstrike" names the event; "said on Friday" only dates the statement.
        ("An inquiry into the January 3 airstrike found six dead, the army said on Friday.", date(2013, 1, 3)),
        # A date beside the event's own wins over an attack the sentence recalls.
        ("Troops killed a man tied to the January 3 bombing in a raid yesterday.", date(2013, 1, 24)),
        ("Police said on Wednesday that two men were shot on Monday.", date(2013, 1, 21)),
    ],
)
def test_dates_event_date_picks_the_event_in_a_sentence(sentence, expected):
    found = event_date(sentence, [(0, len(sentence))], REF)
    assert found is not None and found.date == expected


def test_dates_event_date_follows_the_span_order():
    text = "A raid took place yesterday. Last week a bomb went off."
    spans = [(29, len(text)), (0, 28)]
    found = event_date(text, spans, REF)
    assert found is not None and found.span == (29, 38)


def test_dates_dateline_is_not_an_event_date():
    text = "KABUL, Afghanistan (Jan. 25, 2013) - Forces detained two men."
    ref = reference_date(text, None)
    assert event_date(text, [(0, len(text))], ref) is None


@pytest.mark.parametrize(
    "text,place",
    [
        ("KABUL, Afghanistan (Jan. 25, 2013) - A raid.", "KABUL, Afghanistan"),
        ("PAKTIKA PROVINCE, Afghanistan – Soldiers searched a village.", "PAKTIKA PROVINCE, Afghanistan"),
        ("WASHINGTON (AP) — Officials said on Monday.", "WASHINGTON"),
        # South Asian papers close the dateline with a colon.
        ("LAHORE: Police said two men were hurt.", "LAHORE"),
    ],
)
def test_dates_find_dateline_place(text, place):
    found = find_dateline(text)
    assert found is not None and text[found.place[0] : found.place[1]] == place


@pytest.mark.parametrize("text", ["Entry 31: a man was shot.\nSource: KPN 4 Mar.\n", "Side A: Army | Side B: MNLA |"])
def test_dates_a_record_fields_value_is_no_dateline(text):
    assert find_dateline(text) is None


def test_dates_no_dateline_in_plain_prose():
    assert find_dateline("Officials in the ISAF Joint Command - Afghanistan said little.") is None


def test_dates_a_single_line_without_period_is_body_not_header():
    text = "Gunman kills two at a bar in Tarvel on Saturday"
    ref = reference_date(text, date(2016, 3, 7))
    assert ref is not None and ref.header_end == 0
    found = event_date(text, [(0, len(text))], ref)
    assert found is not None and found.date == date(2016, 3, 5)


@pytest.mark.parametrize(
    "text, expected",
    [
        # No reference date: a month and day take the year of the nearest full date in the text.
        (("On early Friday morning of March 13, a man shot two tenants. He was found dead in his cell on "
         "May 31, 2015."), date(2015, 3, 13)),
        # Told before a later full date, it is on or before it ...
        ("On December 30, a man shot two guards. He was arrested on January 2, 2016.", date(2015, 12, 30)),
    ],
)
def test_dates_month_day_without_year_takes_the_year_of_a_full_date_in_the_text(text, expected):
    found = event_date(text, [(0, text.index(".") + 1)], None)
    assert found is not None and (found.date, found.precision) == (expected, "day")


def test_dates_month_day_after_a_full_date_is_on_or_after_it():
    text = "On November 30, 2015, a guard was shot. On January 4, the gunman was charged."
    found = find_dates(text, (40, len(text)), None)
    assert [m.date for m in found] == [date(2016, 1, 4)]


def test_dates_month_day_without_any_year_in_the_text_is_not_placed():
    assert event_date("On March 13, a man shot two tenants.", [(0, 36)], None) is None


@pytest.mark.parametrize(
    "text, place, day",
    [
        ("ORLE, March 9 (Reuters) - A bomb killed six people yesterday.", "ORLE", date(2000, 3, 9)),
        ("ORLE, Varosa, Jan. 31 (Reuters) - The toll rose.", "ORLE, Varosa", date(2000, 1, 31)),
        ("ORLE, Sept. 3, 2012 (Reuters) - Troops left.", "ORLE", date(2012, 9, 3)),
    ],
)
def test_dates_a_wire_dates_its_dateline_before_the_agency(text, place, day):
    found = find_dateline(text)
    assert found is not None and text[found.place[0] : found.place[1]] == place and found.date == day


def test_dates_a_wire_dateline_is_skipped_for_the_event_date():
    text = "ORLE, March 9 (Reuters) - A bomb killed six people near Orle yesterday, police said."
    ref = reference_date(text, date(2017, 3, 9))
    found = event_date(text, [(0, len(text))], ref)
    assert found is not None and found.date == date(2017, 3, 8)


def test_dates_a_month_is_a_whole_word():
    # "20 junta troops", "12 decent farmers", "30 mayors": counts before words that begin like months.
    text = "At least 20 junta troops, 12 decent farmers and 30 mayors were named."
    assert find_dates(text, (0, len(text)), REF) == ()


SUNDAY = Reference(date(2013, 1, 27), "day", "published")


@pytest.mark.parametrize(
    "sentence,ref,expected",
    [
        ("Bandits raided a farm last weekend.", REF, date(2013, 1, 19)),
        ("Bandits raided a farm over the weekend.", REF, date(2013, 1, 19)),
        ("Bandits raided a farm over the weekend.", SUNDAY, date(2013, 1, 26)),
        ("Bandits raided a farm last weekend.", SUNDAY, date(2013, 1, 19)),
    ],
)
def test_dates_a_weekend_is_dated_by_its_saturday(sentence, ref, expected):
    found = find_dates(sentence, (0, len(sentence)), ref)
    assert [(m.date, m.precision) for m in found] == [(expected, "week")]


def _sentences(text):
    spans, start = [], 0
    for end in [i + 1 for i, c in enumerate(text) if c == "."]:
        spans.append((start, end))
        start = end + 1
    return spans


@pytest.mark.parametrize(
    "text,expected",
    [
        # The claim's sentence dates only the statement; the next one dates the event in the week before it.
        (("Three guards were killed at a fictional checkpoint, the army said on Friday. It said Wednesday's "
         "ambush began at dawn."), date(2013, 1, 23)),
        (("Two traders were shot dead, police said on Friday. Witnesses said the gunmen came back late on "
         "Tuesday night."), date(2013, 1, 22)),
        # A date further back is another story: the statement's day stands.
        ("Two traders were shot dead, police said on Friday. The same gang robbed a bank in March 2009.",
         date(2013, 1, 25)),
        # A day owning the event is no statement's day, though "said" stands before it.
        ("The ministry said Tuesday's blast killed four porters.", date(2013, 1, 22)),
    ],
)
def test_dates_a_statement_day_yields_to_the_event_day_told_after_it(text, expected):
    found = event_date(text, _sentences(text), REF)
    assert found is not None and found.date == expected


@pytest.mark.parametrize("said", [
    "Jan. 25, 2013", "Sept. 1", "March 3", "3 March 2014", "2012-07-04", "Tuesday, Oct. 2", "AP", "Reuters, May 9",
    "posted 14 May", "two days ago", "x2013-01-05", "éJan. 5", "in 2013", "yesterday, 6 p.m.", "updated 12:40",
    "İstanbul, June 30", "K\u212aJuly 4",
])
def test_dates_the_mention_pattern_finds_alone_what_its_triggers_find(said):
    # find_dateline searches a dateline's few characters with the pattern itself, which holds only while
    # every match of it begins where one of the cue's triggers does.
    plain, cued = dates._MENTION_RE.search(said), dates._MENTION.search(said)
    assert (plain and (plain.span(), plain.groupdict())) == (cued and (cued.span(), cued.groupdict()))


def _event_day(text, published=None):
    return extract(Document(id="t", text=text, published=published), Settings()).event.date


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A record's date field dates its event, over a relative word in its narrative.
        (("Entry 88120\nDate: 2021-04-07\nLocation: Korvani, Vashti province\n"
         "Summary: gunmen killed five herders at a well overnight."), date(2021, 4, 20), date(2021, 4, 7)),
        ("Record 12 | Incident date: 19 Oct 2019 | Notes: a bomb killed three traders in Ostrava market.",
         date(2019, 11, 2), date(2019, 10, 19)),
        # A full date in the header lines dates a narrative that tells none.
        (("AB771 — 2 August 2016 — Tarvel, Ostrin\nGrade: Weak\nSummary: Local sources reported that two "
         "civilians were killed when a strike hit a bakery."), date(2016, 9, 1), date(2016, 8, 2)),
        # A day-first dateline dates the report, not the event told after it.
        ("OSTRAVA, 9 June 2022 — Monitors verified that shelling killed four civilians in the city on 8 June.",
         date(2022, 6, 9), date(2022, 6, 8)),
        # When a record was updated or entered is no event date.
        (("Updated 20 May 2023: the toll rose to six after a wounded man died.\nOriginal entry, 17 May 2023: a "
         "grenade killed five people at a bus stop in Tarvel on 16 May."), date(2023, 5, 20), date(2023, 5, 16)),
    ],
)
def test_dates_records_fields_headers_and_updates(text, published, expected):
    assert _event_day(text, published) == expected


def test_dates_a_date_field_needs_a_full_date_and_update_is_no_date_field():
    ref = Reference(date(2020, 3, 3), "day", "published")
    text = "Up to date: 4 killed. Last update: 2020-02-02. Date: March"
    assert dates.field_date(text, ref, scan(text)) is None
