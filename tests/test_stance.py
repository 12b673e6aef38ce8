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
        ("Initial reports indicate that four guards were killed at the checkpoint.", "hedged"),
        ("Reports from villagers in the valley suggest a dozen herders died.", "hedged"),
        ("The ministry reports that four guards were killed at the checkpoint.", "asserted"),
    ],
)
def test_stance_hedged_asserted_denied(text, stance):
    claims = extract(Document(id="t", text=text), Settings()).claims
    assert claims and claims[0].stance == stance
