import re

import pytest

from tollwatch.lexicon import ACTIVE, PASSIVE, VICTIM_NOUNS, alternation, spellings


def _longest_first(words):
    """The plain alternation the prefix tree stands for: every spelling, longest first."""
    flat = {s for w in words for s in spellings(w.lower())}
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in flat), key=len, reverse=True))


@pytest.mark.parametrize("table", [VICTIM_NOUNS, PASSIVE, ACTIVE, ["kill", "killed", "killed or wounded", "kills", "skill"]])
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed or wounded nine members of his family and two police officers.",
        "KILLED: four Students under guard; the wounded were hospitalised, others hospitalized.",
        "A skilled killer kills; the killings of civilians and villagers went on.",
    ],
)
def test_lexicon_alternation_matches_like_the_longest_first_list(table, text):
    # Followed by a word boundary or by more text, the tree must take the same word the list takes.
    for tail in (r"\b", r"\s+\w+", ""):
        tree = re.compile(rf"(?:{alternation(table)}){tail}", re.IGNORECASE)
        plain = re.compile(rf"(?:{_longest_first(table)}){tail}", re.IGNORECASE)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "entry, expected",
    [("students? under", ["students under", "student under"]), ("hospitali[sz]ed", ["hospitalised", "hospitalized"]),
     ("civilians", ["civilians"])],
)
def test_lexicon_spellings_expand_optional_letters_and_classes(entry, expected):
    assert spellings(entry) == expected


def test_lexicon_alternation_takes_a_literal_space_when_asked():
    pattern = re.compile(alternation(["a dozen", "a"], " "), re.IGNORECASE)
    assert pattern.match("a  dozen").group() == "a"
    assert pattern.match("A dozen").group() == "A dozen"


def test_lexicon_alternation_text_does_not_depend_on_the_order_words_come_in():
    words = ["killed", "kidnapped", "kill", "wounded", "hurt"]
    assert alternation(set(words)) == alternation(words) == alternation(reversed(words))
