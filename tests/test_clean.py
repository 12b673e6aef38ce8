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
