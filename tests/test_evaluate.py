import json

from tollwatch.evaluate import gate_failures, score_claims
from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.settings import Settings


def test_evaluate_gate_names_every_missed_minimum():
    scores = {"a": {"f1": 0.8, "speaker": 0.95}, "b": {"killed_exact": None}}
    minimums = {"a": {"f1": 0.9, "speaker": 0.9}, "b": {"killed_exact": 0.5}, "c": {"x": 1.0}}
    assert gate_failures(scores, minimums) == ["a.f1 = 0.8 < 0.9", "b.killed_exact = None < 0.5", "c: not evaluated"]


def test_evaluate_score_claims_matches_on_outcome_count_and_span(tmp_path):
    text = "The mayor, Ivo Tarn, said 6 civilians were killed."
    start = text.index("6 civilians")
    gold = {
        "document": "fictional.txt",
        "event": {},
        "claims": [{"evidence": "6 civilians were killed", "outcome": "killed", "count": {"low": 6, "high": 6},
                    "stance": "asserted", "speaker": "Ivo Tarn", "span": [start, start + 23]}],
    }
    result = extract(Document(id="f", text=text), Settings())
    scores = score_claims(json.loads(json.dumps(gold)), result)
    assert (scores.precision, scores.recall, scores.speaker, scores.stance) == (1.0, 1.0, 1.0, 1.0)
