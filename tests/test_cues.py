import re
from itertools import product

import pytest

from tollwatch.cues import (
    _NUMBER_BIT,
    CuePattern,
    Frames,
    Gated,
    SentenceWords,
    Words,
    _bit,
    has_word,
    triggers,
    words,
)

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


@pytest.mark.parametrize("text", ["", "  ", "Two AK47s, 3rd-floor;  killed 12.", "x", "...12"])
def test_cues_words_are_the_letter_and_digit_runs_with_their_starts(text):
    runs = list(re.finditer(r"[a-z]+|\d+", text.lower()))
    assert words(text) == Words(tuple(m.start() for m in runs), tuple(m.group() for m in runs))


def test_cues_words_keep_offsets_when_lower_casing_grows_a_character():
    text = "İstanbul police said yesterday"
    scanned = words(text)
    at = scanned.lowered.index("yesterday")
    assert text[scanned.starts[at] :].startswith("yesterday")


_SHELLED = re.compile(r"\bshell(?:ed|ing)\s+(?:the|a)\s+\w+", re.IGNORECASE)
_SHELLED_GATED = Gated(_SHELLED, (frozenset({"shelled", "shelling"}),))
_SHELLED_ANCHORED = Gated(_SHELLED, (frozenset({"shelled", "shelling"}), frozenset({"the", "a"})),
                          frozenset({"shelled", "shelling"}))
_SHELLED_TEXTS = (
    "Artillery SHELLED the market at dawn.",
    "The shelling a village drew no reply; shelled the ford later.",
    "Mortars shelled shelling the ford; shelled a well.",
    "A shell landed near the well.",
    "Nothing at all happened.",
)
# A frame built with the pattern it ends with (``tail``), tried at its words, at every word or everywhere.
_AND_TAIL = r"and\s+(?:was|were)\s+shelled\b"
_LIST_SHELLED = re.compile(rf"\b(?:the|a)\s+[^.;]{{1,40}}?\s+{_AND_TAIL}", re.IGNORECASE)
_TAIL = re.compile(_AND_TAIL, re.IGNORECASE)
_LIST_TAILED = (
    Gated(_LIST_SHELLED, (frozenset({"shelled"}),), frozenset({"the", "a"}), tail=_TAIL),
    Gated(_LIST_SHELLED, (frozenset({"shelled"}),), begins=re.compile(r"(?<![A-Za-z])[A-Za-z]"), tail=_TAIL),
    Gated(_LIST_SHELLED, (frozenset({"shelled"}),), tail=_TAIL),
)
_LIST_TEXTS = (
    "The depot by the ford and was shelled at dawn; a well near it and were shelled too.",
    "The depot was shelled, and the well was shelled later.",
    "A ford, the depot and the well AND WERE SHELLED; the market and was shelled.",
    "The grand was shelled. The band was shelled.",
    "Nothing at the ford was shelled.",
)


@pytest.mark.parametrize(
    "gated, text",
    [*product([_SHELLED_GATED, _SHELLED_ANCHORED], _SHELLED_TEXTS), *product(_LIST_TAILED, _LIST_TEXTS)],
)
def test_cues_gated_finds_what_the_plain_pattern_finds(gated, text):
    found = [m.span() for m in gated.finditer(text, SentenceWords(text), 0, len(text))]
    assert found == [m.span() for m in gated.pattern.finditer(text)]


_STRUCK = re.compile(r"\b(?:the|a)\s+(?:\w+\s+){0,3}?(?:was|were)\s+shelled\b", re.IGNORECASE)
_STRUCK_ENDING = Gated(_STRUCK, (frozenset({"shelled"}),), frozenset({"the", "a"}), ends=frozenset({"shelled"}))


_STRUCK_NOUN = re.compile(r"\b(?:the|a)\s+(?:\w+\s+){0,2}?(?:depot|well)\s+(?:was|were)\s+shelled\b", re.IGNORECASE)
_STRUCK_HOLDING = Gated(_STRUCK_NOUN, (frozenset({"shelled"}),), frozenset({"the", "a"}), ends=frozenset({"shelled"}),
                        holds=frozenset({"depot", "well"}))


@pytest.mark.parametrize(
    "gated, text",
    [
        (_STRUCK_ENDING, "The old depot was shelled at dawn, and a well was shelled later; the ford was not."),
        (_STRUCK_ENDING, "A depot was shelled. The market, the school and a well were quiet."),
        (_STRUCK_ENDING, "THE DEPOT WAS SHELLED before the rain."),
        (_STRUCK_ENDING, "The shelled depot stood by a ford."),
        (_STRUCK_HOLDING, "The old depot was shelled at dawn, and a well was shelled later; the ford was shelled too."),
        (_STRUCK_HOLDING, "A ford was shelled. The market and a well were quiet, the depot was shelled."),
        (_STRUCK_HOLDING, "THE DEPOT WAS SHELLED before a ford was shelled."),
        (_STRUCK_HOLDING, "The well, a depot: the ford was shelled."),
    ],
)
def test_cues_gated_ends_and_holds_find_what_the_plain_pattern_finds(gated, text):
    found = [m.span() for m in gated.finditer(text, SentenceWords(text), 0, len(text))]
    assert found == [m.span() for m in gated.pattern.finditer(text)]


def test_cues_sentence_words_last_is_the_last_word_of_a_vocabulary_in_range():
    text = "The depot was shelled; the ford was shelled. Then quiet."
    scanned = SentenceWords(text)
    assert scanned.view(0, 44).last(_bit(frozenset({"shelled", "ford"}))) == text.rindex("shelled")
    assert scanned.view(44, len(text)).last(_bit(frozenset({"shelled"}))) == -1
    assert scanned.view(0, 44).last(_bit(frozenset({"shelled", "ford"})), text.rindex("shelled")) == text.index("ford")
    assert scanned.view(0, 44).last(_bit(frozenset({"shelled"})), text.index("shelled")) == -1


def test_cues_gated_skips_a_span_without_its_words():
    text = "Artillery shelled the market. The ford was quiet."
    scanned = SentenceWords(text)
    assert _SHELLED_GATED.search(text, scanned, 30, len(text)) is None
    assert _SHELLED_GATED.search(text, scanned, 0, 29) is not None


def test_cues_gated_keeps_offsets_when_lower_casing_grows_a_character():
    text = "İstanbul guns shelled the ford."
    scanned = SentenceWords(text)
    assert scanned.lowered is None
    assert _SHELLED_ANCHORED.search(text, scanned, 0, len(text)).span() == (14, 30)


def test_cues_sentence_words_where_finds_words_and_numbers_in_range():
    text = "Nine died; 12 were hurt. Later 3 more died."
    scanned = SentenceWords(text)
    assert scanned.view(0, 24).places(_bit(frozenset({"died"})) | _NUMBER_BIT) == (5, 11)
    assert scanned.view(24, len(text)).places(_bit(frozenset({"died"}))) == (text.rindex("died"),)


def test_cues_gated_marks_skip_a_span_without_the_character():
    labelled = re.compile(r"\b(?:dead|killed)\s*:\s*\d+", re.IGNORECASE)
    gated = Gated(labelled, (frozenset({"dead", "killed"}),), marks=":")
    text = "Dead: 4. Nine were killed on Tuesday. Killed : 2"
    scanned = SentenceWords(text)
    assert [m.span() for m in gated.finditer(text, scanned, 0, len(text))] == [m.span() for m in labelled.finditer(text)]
    assert gated.search(text, scanned, 8, 37) is None


_STATE = re.compile(r"\b(?:troops|the\s+army)\s+(?:shelled|fired)\b", re.IGNORECASE)
_STATE_CUE = CuePattern(_STATE, triggers("troops the"), only_before={"the": triggers("army")})


@pytest.mark.parametrize(
    "text",
    [
        "The army shelled the ford and troops fired at the well.",
        "THE ARMY FIRED first; the village the army shelled was empty.",
        "The convoy left; the",
        "The armyshelled depot stood near the ford.",
    ],
)
def test_cues_only_before_finds_what_every_trigger_finds(text):
    assert [m.span() for m in _STATE_CUE.finditer(text)] == [m.span() for m in _STATE.finditer(text)]


_SAID = re.compile(r"(?:[A-Za-z][\w-]*,\s+)?[A-Z][\w]*\s+said\b")
_SAID_BEGUN = Gated(_SAID, (frozenset({"said"}),), begins=re.compile(r"(?<![A-Za-z])[A-Za-z]|[A-Z]"))


@pytest.mark.parametrize(
    "text, start",
    [
        ("Elders said the ford was shelled; McAllister said so too.", 0),
        ("A spokesman for al-Qaeda said nothing, and iPhone said more.", 0),
        ("locals, Omar said it; guards, Zia said it.", 3),
        ("xyZed said so, and then Bo said so.", 1),
        ("Nobody spoke at all.", 0),
    ],
)
def test_cues_gated_begins_finds_what_the_plain_pattern_finds(text, start):
    found = [m.span() for m in _SAID_BEGUN.finditer(text, SentenceWords(text), start, len(text))]
    assert found == [m.span() for m in _SAID.finditer(text, start, len(text))]


_HIT = Gated(re.compile(r"\bhit\s+(?:the|a)\s+\w+", re.IGNORECASE), (frozenset({"hit"}), frozenset({"the", "a"})),
             frozenset({"hit"}))
_FRAME_SET = Frames(_SHELLED_GATED, _SHELLED_ANCHORED, _STRUCK_ENDING, _HIT)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Artillery shelled the depot; a well was shelled. Rockets hit a ford.", 0, 48),
        ("Artillery shelled the depot; a well was shelled. Rockets hit a ford.", 49, 68),
        ("Nothing at all happened near the ford.", 0, 38),
        ("THE DEPOT WAS SHELLED, and guns HIT THE WELL.", 0, 45),
    ],
)
def test_cues_frames_run_only_the_frames_whose_gates_open_and_find_what_each_finds(text, start, end):
    scanned = SentenceWords(text)
    found = _FRAME_SET.finditer(text, scanned, start, end)
    for gated in _FRAME_SET.frames:
        alone = [m.span() for m in gated.finditer(text, SentenceWords(text), start, end)]
        assert [m.span() for m in found.get(gated, ())] == alone
        present = scanned.between(start, end)
        # An anchored frame also needs its start, ending and held words (every one of these has them).
        gates = (*gated.needs, *(words for words in (gated.starts, gated.ends, gated.holds) if words is not None))
        assert (gated in found) == all(not need.isdisjoint(present) for need in gates)


# Tried at "the" and "a" but gated only on "shelled": a span without its start, ending or held words is
# turned away before any place is looked for, and finds what the plain pattern finds.
_DEPOT_SHELLED = Gated(_STRUCK_NOUN, (frozenset({"shelled"}),), frozenset({"the", "a"}), ends=frozenset({"shelled"}),
                       holds=frozenset({"depot", "well"}))
_COUNTED_SHELLED = Gated(re.compile(r"\b(?:\d+|two)\s+\w+\s+were\s+shelled\b", re.IGNORECASE),
                         (frozenset({"shelled"}),), frozenset({"two"}), digits=True)


@pytest.mark.parametrize(
    "gated, text, runs",
    [
        (_DEPOT_SHELLED, "Depots were shelled all night.", False),  # no "the" or "a"
        (_DEPOT_SHELLED, "The ford was shelled at dawn.", False),  # no depot or well
        (_DEPOT_SHELLED, "Shelled at dawn: the depot, a well.", True),  # "shelled" before them: tried, no match
        (_DEPOT_SHELLED, "THE DEPOT WAS SHELLED at dawn.", True),
        (_COUNTED_SHELLED, "Two depots were shelled at dawn.", True),
        (_COUNTED_SHELLED, "12 depots were shelled at dawn.", True),  # a number opens it without "two"
        (_COUNTED_SHELLED, "Some depots were shelled at dawn.", True),  # so its start gates nothing
    ],
)
def test_cues_frames_turn_away_a_span_without_the_start_ending_or_held_words(gated, text, runs):
    found = Frames(gated).finditer(text, SentenceWords(text), 0, len(text))
    assert (gated in found) == runs
    assert [m.span() for m in found.get(gated, ())] == [m.span() for m in gated.pattern.finditer(text)]
    alone = gated.finditer(text, SentenceWords(text), 0, len(text))
    assert [m.span() for m in alone] == [m.span() for m in gated.pattern.finditer(text)]


def test_cues_sentence_words_answer_for_a_vocabulary_first_asked_after_the_span_was_read():
    text = "Nine goats strayed; 12 herders searched the ford."
    scanned = SentenceWords(text)
    assert scanned.view(0, len(text)).places(_bit(frozenset({"goats"}))) == (5,)
    # A vocabulary no gate has used yet: the span's words are read again, not answered from stale bits.
    late = frozenset({"ford", "strayed", "zebu-never-seen"})
    assert scanned.view(0, len(text)).places(_bit(late) | _NUMBER_BIT) == (text.index("strayed"), 20, text.index("ford"))
    assert scanned.view(0, len(text)).last(_bit(late), text.index("ford")) == text.index("strayed")


def test_cues_gated_tail_skips_places_from_its_last_occurrence_on():
    # A tail that is not the pattern's own ending shows which places are tried: none without it, and
    # none from the start of its last occurrence on.
    shelled = re.compile(r"\b(?:the|a)\s+\w+\s+was\s+shelled\b", re.IGNORECASE)
    gated = Gated(shelled, (frozenset({"shelled"}),), frozenset({"the", "a"}), tail=re.compile(r"\bford\b"))
    text = "The depot was shelled near a ford; a well was shelled."
    scanned = SentenceWords(text)
    assert [m.group() for m in gated.finditer(text, scanned, 0, len(text))] == ["The depot was shelled"]
    assert gated.search(text, scanned, 34, len(text)) is None


def test_cues_a_gated_trigger_may_open_before_a_name():
    cue = CuePattern(re.compile(r"attacked\s+(?:the\s+\w+|[A-Z]\w+\s+village)"), triggers("attacked"),
                     only_before={"attacked": triggers("the")}, or_before_name=triggers("attacked"))
    text = "Gunmen attacked Kesh village. Others attacked some farms. Rebels attacked the camp."
    assert [m.group() for m in cue.finditer(text)] == ["attacked Kesh village", "attacked the camp"]
    closed = CuePattern(cue.pattern, cue.triggers, only_before=cue.only_before)
    assert [m.group() for m in closed.finditer(text)] == ["attacked the camp"]
