import re

import pytest

from tollwatch.quantities import find_quantities, number_value, parse_quantity


@pytest.mark.parametrize(
    "text, low, high, qualifier",
    [
        ("seven", 7, 7, "exact"),
        ("twenty-five", 25, 25, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("two hundred", 200, 200, "exact"),
        ("1,200", 1200, 1200, "exact"),
        ("between 10 and 20", 10, 20, "range"),
        ("10-15", 10, 15, "range"),
        ("10 to 15", 10, 15, "range"),
        ("about 26", 26, 26, "about"),
        ("nearly 40", 40, 40, "about"),
        ("at least 30", 30, None, "at_least"),
        ("more than 30", 31, None, "more_than"),
        ("up to 12", None, 12, "at_most"),
        ("fewer than 5", None, 4, "fewer_than"),
        ("some 40", 40, 40, "about"),
    ],
)
def test_quantities_parse_numbers_ranges_and_qualifiers(text, low, high, qualifier):
    count = parse_quantity(text)
    assert count is not None
    assert (count.low, count.high, count.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text, word", [("several", "several"), ("dozens", "dozens"), ("scores of", "scores"),
                                        ("hundreds", "hundreds"), ("a number of", "a number of"),
                                        ("an unknown number of", "unknown"), ("an unspecified number of", "unknown")])
def test_quantities_vague_words_keep_no_number(text, word):
    count = parse_quantity(text)
    assert count is not None and count.qualifier == "vague"
    assert (count.low, count.high, count.vague_word) == (None, None, word)


@pytest.mark.parametrize(
    "sentence",
    [
        "The boy was three months old.",
        "A 25-year-old man was seen.",
        "It happened on March 4, 2019.",
        "The convoy left at 3:30 a.m.",
        "The village lies five kilometers away.",
        "The fund holds $5 million.",
        "Soldiers of the 3rd Battalion patrolled.",
        "Aircraft carried out two airstrikes.",
        "Release 2012-04-S-031 follows.",
        "A grandmother of nine ran the fictional bakery.",
        "The victim, a father of 3, drove a cab.",
        "A boy AGED 7 was seen.",
        "Traffic on Route  9 stopped.",
        "The fine was Rs. 500 in Tarvel.",
        "House No. 4 burned on Sept. 11.",
        "Police seized three guns at the fictional Arlo depot.",
    ],
)
def test_quantities_ignore_ages_dates_times_distances_money_ordinals_and_strikes(sentence):
    assert find_quantities(sentence) == []


def test_quantities_keep_offsets_of_a_toll():
    text = "Officials said 14 people died."
    (q,) = find_quantities(text)
    assert text[q.span[0] : q.span[1]] == "14"


@pytest.mark.parametrize("text, value", [("one hundred and twenty", 120), ("forty-two", 42), ("three thousand", 3000)])
def test_quantities_number_words(text, value):
    assert number_value(text) == value


def test_quantities_first_words_cover_every_way_a_quantity_opens():
    # Frames try a quantity only where one of these words stands: a missing opener loses the range.
    from tollwatch.quantities import FIRST_WORDS, QTY_RE

    for text in ("between 3 and 6", "from 40 to 50", "some 12", "a dozen", "dozens of", "at least 2", "twenty-one"):
        assert QTY_RE.fullmatch(text), text
        assert text.split()[0].split("-")[0] in FIRST_WORDS, text


# The words before a number that make it money, an age, a page or a date, as a plain forward search.
_NOT_TOLL_BEFORE_FORWARD = re.compile(
    r"(?:\$|£|€|\b(?:aged?|age of|Rs\.?|USD|No\.|number|page|route|highway|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:mother|father|parent|mom|dad)s?\s+of)\s*$",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "before",
    ["paid $ ", "cost £", "the herders, aged ", "at the age of ", "Rs.", "Rs ", "USD  ", "in No. ", "bus No.",
     "page ", "Route\n", "highway ", "Sept. ", "on Sep ", "OCT ", "since March ", "a grandmother of  ", "moms of ",
     "killed ", "damaged ", "mayor ", "the roster of ", "homepage ", "No ", "", "   ", "teenage ", "ſept ", "İ age "],
)
def test_quantities_words_before_a_number_read_reversed_agree_with_the_forward_search(before):
    from tollwatch.quantities import _NOT_TOLL_BEFORE_REVERSED

    assert bool(_NOT_TOLL_BEFORE_REVERSED.match(before[::-1])) == bool(_NOT_TOLL_BEFORE_FORWARD.search(before))


@pytest.mark.parametrize("text", ["There were twelve gun injuries.", "The county saw 40 gun deaths."])
def test_quantities_the_harm_a_gun_did_is_a_toll(text):
    assert len(find_quantities(text)) == 1
