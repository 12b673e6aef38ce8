import pytest

from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.settings import Settings


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Thirty villagers were reportedly killed in the raid.", "hedged"),
        ("Ten guards were allegedly killed, a source said.", "hedged"),
        ("Eight people were killed, but the claim could not be independently verified.", "hedged"),
        ("Eight people were killed in the raid, the governor said.", "asserted"),
        ("The army denied that any civilians were killed.", "denied"),
        ("The coalition said it had no evidence that civilians were killed.", "denied"),
        ("Inspectors saw no sign that any of the guards were injured.", "denied"),
        ("Initial reports indicate that four guards were killed at the checkpoint.", "hedged"),
        ("Reports from villagers in the valley suggest a dozen herders died.", "hedged"),
        ("The ministry reports that four guards were killed at the checkpoint.", "asserted"),
        # a probability adverb hedges the figure or outcome it stands before, and nothing else
        ("Between 6 and 9 herders were likely killed near the fictional ford of Tell.", "hedged"),
        ("The toll was most likely between 8 and 12 villagers killed, an analyst said.", "hedged"),
        ("Four guards were killed and the toll is likely to rise, the mayor said.", "asserted"),
        ("A court order that likely triggered the feud preceded the shooting that killed 3 people.", "asserted"),
        # An armed group's claim of its enemies' losses is its word, not the writer's doubt.
        ("The Dawn Front claimed to have killed 11 soldiers at the fictional Harra post.", "asserted"),
        ("The Dawn Front claimed to have killed 11 soldiers at Harra, which could not be verified.", "hedged"),
    ],
)
def test_stance_hedged_asserted_denied(text, stance):
    claims = extract(Document(id="t", text=text), Settings()).claims
    assert claims and claims[0].stance == stance


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Nine herders REPORTEDLY died near the ford.", "hedged"),
        ("Nine herders died; the toll couldn't be independently verified.", "hedged"),
        ("Nine herders died, the figure can't be confirmed.", "hedged"),
        ("It is believed that nine herders died.", "hedged"),
        ("Nine herders died near the ford, the mayor said.", "asserted"),
        ("Nine herders died in the unreported clash.", "asserted"),
    ],
)
def test_stances_with_and_without_the_shared_word_scan(text, stance):
    from tollwatch.cues import words
    from tollwatch.segment import Sentence
    from tollwatch.stance import stances

    sentence = Sentence(0, len(text), 0)
    assert stances(text, sentence, ((0, 5),)) == (stance,)
    assert stances(text, sentence, ((0, 5),), words(text)) == (stance,)


@pytest.mark.parametrize(
    "text, stances",
    [
        ("Police said two guards were killed, but residents said 12 herders were reportedly killed.",
         ["asserted", "hedged"]),
        ("Nine herders were allegedly killed; the mayor said three guards died.", ["hedged", "asserted"]),
        ("Police said two guards were killed and five were wounded, though the figures could not be verified.",
         ["hedged", "hedged"]),
        ("Initial reports indicate that four guards were killed and two herders wounded.", ["hedged", "hedged"]),
        ("A man allegedly opened fire in the fictional town of Orle, killing two guards, and wounding four others.",
         ["hedged", "hedged"]),
    ],
)
def test_stance_a_hedge_in_one_clause_leaves_the_claims_of_another(text, stances):
    claims = extract(Document(id="t", text=text), Settings()).claims
    assert [c.stance for c in claims] == stances


def test_stances_of_one_sentence_depend_on_which_clauses_hold_claims():
    from tollwatch.segment import Sentence
    from tollwatch.stance import stances

    text = "Police said two guards were killed, but residents said 12 herders were reportedly killed."
    guards, herders = (12, 34), (55, 87)
    sentence = Sentence(0, len(text), 0)
    assert stances(text, sentence, (guards, herders)) == ("asserted", "hedged")
    # With the herders' clause holding no claim, its hedge reaches the guards too.
    assert stances(text, sentence, (guards,)) == ("hedged",)
    assert stances(text, sentence, ()) == ()


def _stances(text):
    return [(c.count.low, c.stance) for c in extract(Document(id="t", text=text), Settings()).claims]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A sentence that doubts "the claim" hedges the figures told just before it, and only those.
        (("Police said two guards died at the fictional post of Vash. The rebels said they killed 14 soldiers "
         "there. The claim could not be independently verified."), [(2, "asserted"), (14, "hedged")]),
        # Naming whose claim, it hedges that source's figures, wherever they were told.
        (("The rebels said they killed 30 soldiers at the fictional post of Vash. Doctors said nine bodies were "
         "brought to the clinic. The rebels' claim could not be independently verified."),
         [(30, "hedged"), (9, "asserted")]),
        # A sentence with no word for figures doubts nothing in particular.
        (("The rebels said they killed 30 soldiers at the fictional post of Vash. Nothing could be confirmed "
         "about the convoy."), [(30, "asserted")]),
    ],
)
def test_stance_a_later_sentence_doubting_the_figures_hedges_them(text, expected):
    assert _stances(text) == expected


@pytest.mark.parametrize(
    "text, stance",
    [
        (("A rights group said 12 civilians were killed in the strike on Orle. The ministry said 19 fighters "
         "were killed and that no civilians had been harmed."), "denied"),
        ("Troops killed three insurgents near the fictional ford of Tell. No civilians were harmed.", "asserted"),
    ],
)
def test_stance_a_zero_answering_another_sources_figure_is_a_denial(text, stance):
    (zero,) = [c for c in extract(Document(id="t", text=text), Settings()).claims if c.count.high == 0]
    assert zero.stance == stance


def test_stance_a_caveat_on_the_battlefield_reports_hedges_the_figures_before_it():
    text = ("The fictional Varosan ministry said its forces had killed 120 fighters near Orv. The agency could not "
            "independently verify the battlefield reports from either side.")
    claims = extract(Document(id="t", text=text), Settings()).claims
    assert [c.stance for c in claims] == ["hedged"]


def test_stance_an_allegation_hedges_but_an_alleged_strike_does_not():
    assert _stances("The complaint alleged that seven farmers were killed near Korvani.") == [(7, "hedged")]
    assert _stances("An alleged drone strike killed seven farmers near Korvani.") == [(7, "asserted")]
