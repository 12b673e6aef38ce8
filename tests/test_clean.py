import pytest

from tollwatch.clean import clean
from tollwatch.settings import Settings

REPORT = (
    "Flooded market bombing\n"
    "© Jane Doe / Agence Example\n"
    "A man walks past the burnt stalls of the market on 2 May.\n"
    "At least nine people were killed when a bomb went off in the fictional town of Varosa, police said on Friday.\n"
    "fictional bombing varosa\n"
    "Witnesses described a loud blast near the fruit stalls, and shops nearby were shuttered for the afternoon.\n"
    "Witnesses described a loud blast near the fruit stalls, and shops nearby were shuttered for the afternoon.\n"
)


def test_clean_blanks_credit_caption_tag_line_and_repeat_keeping_length():
    result = clean(REPORT, Settings())
    assert len(result.text) == len(REPORT)
    reasons = [r.reason for r in result.removed]
    assert reasons == ["photo_credit", "caption", "tag_line", "repeated_paragraph"]
    assert "Jane Doe" not in result.text
    assert "burnt stalls" not in result.text
    assert "fictional bombing varosa" not in result.text
    assert result.text.count("Witnesses described") == 1


def test_clean_keeps_offsets_of_what_remains():
    result = clean(REPORT, Settings())
    start = REPORT.index("At least nine")
    assert result.text[start : start + 13] == "At least nine"
    assert result.to_original(start) == start


def test_clean_leaves_plain_text_alone():
    text = "Two soldiers were wounded in a clash on Monday, the army said."
    result = clean(text, Settings())
    assert result.text == text and result.removed == ()


@pytest.mark.parametrize(
    "line,credit",
    [
        ("Smoke over the fictional port of Varosa / AFP  ", True),
        ("Rescuers in Varosa (Reuters Photo)\t", True),
        ("Stalls burn in Varosa /Getty Images", True),
        ("Nine people died in Varosa, a reporter told the AP", False),
        ("Officials in Varosa said the toll would rise (AFP)", False),
    ],
)
def test_clean_blanks_a_line_that_ends_with_an_agency_credit(line, credit):
    text = "Blast in Varosa\n" + line + "\nNine people were killed in Varosa on Friday. Police said so."
    reasons = [r.reason for r in clean(text, Settings()).removed]
    assert reasons == (["photo_credit"] if credit else [])


def test_clean_a_credit_line_with_its_own_caption_leaves_the_lead_beside_it():
    text = (
        "Blast at Dorvik rally kills eight\n"
        "At least eight people were killed when a bomb went off at a rally in the fictional town of Dorvik, "
        "officials said.\n"
        "Photo: Paramedics lift a wounded woman into an ambulance outside the Dorvik clinic. — AFP\n"
        "Police sealed off the square."
    )
    result = clean(text, Settings())
    assert [r.reason for r in result.removed] == ["photo_credit"]
    assert "At least eight people were killed" in result.text


@pytest.mark.parametrize("line", ["Also read: Four killed in Dorvik market attack", "Read also: Dorvik on edge",
                                  "See also: Two dead in Lusk raid"])
def test_clean_blanks_links_to_other_stories(line):
    text = f"A bomb killed three people in the fictional town of Lusk on Monday, police said.\n{line}\n"
    result = clean(text, Settings())
    assert [r.reason for r in result.removed] == ["boilerplate"]
    assert line not in result.text
