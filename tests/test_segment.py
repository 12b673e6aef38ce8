import re

import pytest

from tollwatch.segment import _breaks, segment


def _texts(text):
    return [text[s.start : s.end] for s in segment(text)]


def test_segment_titles_and_abbreviations_do_not_end_sentences():
    text = "U.S. Army Lt. Col. Ann Vale said two soldiers died. Brig. Gen. Ray Oduya declined to comment."
    assert _texts(text) == [
        "U.S. Army Lt. Col. Ann Vale said two soldiers died.",
        "Brig. Gen. Ray Oduya declined to comment.",
    ]


def test_segment_line_breaks_end_headlines():
    text = "Blast hits fictional market\nNine people were killed on Friday."
    assert _texts(text) == ["Blast hits fictional market", "Nine people were killed on Friday."]


@pytest.mark.parametrize(
    "text",
    [
        "Blast hits fictional market\nNine people were killed.",
        "Title  \n\n   Body one. \t\r\nBody two.\n",
        "\n\nLead line\u2028\nEnd",
        "No break at all.",
        "",
    ],
)
def test_segment_breaks_start_where_a_run_of_whitespace_with_a_line_break_starts(text):
    assert _breaks(text) == [m.start() for m in re.finditer(r"\s*\n\s*", text)]


def test_segment_keeps_closing_quote_with_its_sentence():
    text = '"We lost four men," he said. The others fled.'
    assert _texts(text) == ['"We lost four men," he said.', "The others fled."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gen . Vale spoke. Then quiet.", [("Gen . Vale spoke.", 0), ("Then quiet.", 0)]),
        ("Nine died.) Two fled.", [("Nine died.)", 0), ("Two fled.", 0)]),
        ("Wait… then it ended. Done", [("Wait…", 0), ("then it ended.", 0), ("Done", 0)]),
        ("First line\n\nSecond para. More.\nThird", [("First line", 0), ("Second para.", 1), ("More.", 1), ("Third", 2)]),
        ("  \n Leading space. Then text.  ", [("Leading space.", 1), ("Then text.", 1)]),
        ("", []),
    ],
)
def test_segment_ends_quotes_ellipses_and_paragraphs(text, expected):
    assert [(text[s.start : s.end], s.paragraph) for s in segment(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # closing quotes and brackets in the runs after the mark stay with the sentence
        ('Nine died. " Two fled.', [('Nine died. "', 0), ("Two fled.", 0)]),
        ("Nine died. ” ) Two fled.", [("Nine died. ” )", 0), ("Two fled.", 0)]),
        # ... unless a line break comes first
        ("Nine died.\n” Two fled.", [("Nine died.", 0), ("” Two fled.", 1)]),
        # a quote glued to the next word is split off it by the tokenizer, and opens the next sentence
        ('Nine died."Two fled.', [("Nine died.", 0), ('"Two fled.', 0)]),
        # so does a straight quote between a space and a word
        ('Nine died. "Two fled," he said.', [("Nine died.", 0), ('"Two fled," he said.', 0)]),
        ("Nine died. 'Two fled,' he said.", [("Nine died.", 0), ("'Two fled,' he said.", 0)]),
        # a lone mark looks back across whitespace for an abbreviation
        ("He met Mr . Vale. Then left.", [("He met Mr . Vale.", 0), ("Then left.", 0)]),
        ("Nine died ! Two fled ?", [("Nine died !", 0), ("Two fled ?", 0)]),
        ("Nine died.  \t Two fled.", [("Nine died.", 0), ("Two fled.", 0)]),
        # marks inside a token do not end a sentence
        ("Why?!Two fled.", [("Why?!Two fled.", 0)]),
    ],
)
def test_segment_looks_past_the_run_that_holds_the_mark(text, expected):
    assert [(text[s.start : s.end], s.paragraph) for s in segment(text)] == expected


def test_segment_tokenizes_a_run_as_spacy_does_inside_the_whole_text():
    from tollwatch.segment import _pieces, tokenizer_nlp

    text = 'Lt. Vale (U.S. Army) said: "Nine died..." Then, at 3.5 km, e.g. the ford?!'
    run_tokens = []
    at = 0
    for run in text.split(" "):
        run_tokens += [(at + start) for start in _pieces(run)]
        at += len(run) + 1
    assert run_tokens == [t.idx for t in tokenizer_nlp().tokenizer(text)]


def test_segment_period_between_a_dates_day_and_year_ends_no_sentence():
    assert _texts("On May 20. 1999, a student fired on classmates. He was arrested.") == [
        "On May 20. 1999, a student fired on classmates.", "He was arrested."]
    # A day's number without its month is a sentence's end.
    assert len(_texts("The count rose to 20. 1999 was a bad year.")) == 2
