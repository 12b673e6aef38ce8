import re

import pytest

from tollwatch.cues import CuePattern, has_word, triggers, words

_PLAIN = re.compile(r"\b(?:last\s+night|yesterday|\d+\s+days\s+ago)\b", re.IGNORECASE)
_CUE = CuePattern(_PLAIN, triggers("last yesterday"), digits=True)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the depot last night and again yesterday.",
        "The convoy was hit 3 days ago, officials in Tarvel said.",
        "Nothing happened at the lastingham fair.",
        "LAST NIGHT a shell landed near the well.",
    ],
)
def test_cues_finditer_matches_the_plain_regex(text):
    assert [m.span() for m in _CUE.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]


@pytest.mark.parametrize("start,end,expected", [(0, 30, True), (31, 60, False)])
def test_cues_has_word_looks_only_inside_the_range(start, end, expected):
    text = "Two people were killed today. The market reopened later on."
    assert has_word(words(text), start, end, triggers("killed")) is expected


def test_cues_words_keep_offsets_when_lower_casing_grows_a_character():
    text = "İstanbul police said yesterday"
    scanned = words(text)
    at = scanned.lowered.index("yesterday")
    assert text[scanned.starts[at] :].startswith("yesterday")
