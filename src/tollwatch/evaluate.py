"""Evaluation against hand-made gold data: claim-level and document-level.

Claim level (``gold/*.json``): a predicted claim matches a gold claim when the
outcome and count (low, high) agree and the spans overlap, as in
``shared/tools/score_claims.py``. Optional gold claims and restatements
(``duplicate_of``) are neither misses nor false positives when matched.

Document level (``dev/*.jsonl``): exact match of ``totals.killed.best`` (and of
civilians killed and injured where coded) against the coders' figures, under
each dataset's own coding rules: a report that gives no toll is coded 0, and
vague words take the dataset's convention (``Convention``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import EvaluationError
from .model import Claim, Document, Extraction
from .pipeline import extract
from .readers import content_id, parse_date
from .settings import DEFAULT_VAGUE, Settings
from .summary import summarize


@dataclass(frozen=True, slots=True)
class ClaimScores:
    name: str
    precision: float
    recall: float
    f1: float
    speaker: float
    stance: float
    matched: int
    event_ok: bool
    event: str
    misses: tuple[str, ...] = ()
    false_positives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DatasetScores:
    name: str
    documents: int
    killed_exact: float
    civilians_exact: float | None
    injured_exact: float | None
    date_accuracy: float | None
    place_accuracy: float | None
    errors: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Convention:
    """A dev set's own coding rules (see shared/data/README.md)."""

    vague: dict[str, int] = field(default_factory=dict)
    # Victims the coders leave out of their count, such as a press office's own forces.
    exclude_groups: frozenset[str] = frozenset()


CONVENTIONS: dict[str, Convention] = {
    # ISAF coders: "multiple"/"several" count 3 and "dozens" 24; the count is of people killed in the
    # operations reported, so the coalition's and Afghan forces' own dead are not in it.
    "isaf_press_releases": Convention(
        {"plural": 3, "several": 3, "multiple": 3, "a few": 3, "a number of": 3, "numerous": 3, "dozens": 24},
        frozenset({"military", "police"}),
    ),
}


def _surname(name: str | None) -> str | None:
    return name.replace(".", " ").split()[-1].lower() if name else None


def _overlap(a: tuple[int, int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_claims(gold: dict[str, Any], result: Extraction) -> ClaimScores:
    pred: list[Claim] = list(result.claims)
    used: set[int] = set()
    matched: list[tuple[dict[str, Any], Claim]] = []
    for gc in gold["claims"]:
        for j, pc in enumerate(pred):
            if j in used or pc.outcome != gc["outcome"]:
                continue
            if (pc.count.low, pc.count.high) != (gc["count"]["low"], gc["count"]["high"]):
                continue
            if _overlap(pc.span, gc["span"]):
                used.add(j)
                matched.append((gc, pc))
                break
    counted = [c for c in gold["claims"] if not c.get("optional") and c.get("duplicate_of") is None]
    tp = sum(1 for gc, _ in matched if not gc.get("optional") and gc.get("duplicate_of") is None)
    fp = len(pred) - len(used)
    fn = len(counted) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = sum(_surname(gc.get("speaker")) == _surname(pc.source.speaker) for gc, pc in matched)
    stance = sum(gc["stance"] == pc.stance for gc, pc in matched)
    ge, e = gold.get("event", {}), result.event
    place = e.place
    event_ok = (
        e.type == ge.get("type")
        and (e.date.isoformat() if e.date else None) == ge.get("date")
        and place is not None
        and place.country == ge.get("country")
        and (place.name in ge.get("places", []) or place.admin1 == ge.get("admin1"))
    )
    described = f"{e.type} on {e.date} at {place.name if place else None} ({place.country if place else None})"
    matched_ids = {id(gc) for gc, _ in matched}
    return ClaimScores(
        name=str(gold.get("document")),
        precision=precision,
        recall=recall,
        f1=f1,
        speaker=speaker / len(matched) if matched else 0.0,
        stance=stance / len(matched) if matched else 0.0,
        matched=len(matched),
        event_ok=event_ok,
        event=described,
        misses=tuple(gc["evidence"] for gc in counted if id(gc) not in matched_ids),
        false_positives=tuple(pred[j].evidence for j in range(len(pred)) if j not in used),
    )


def _fold(name: str | None) -> str:
    import unicodedata

    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in s if ch.isalpha())


def _place_matches(result: Extraction, gold_location: str | None) -> bool:
    if not gold_location or result.event.place is None:
        return False
    p = result.event.place
    wanted = [_fold(part) for part in gold_location.split(",")]
    have = {_fold(p.name), _fold(p.admin1)}
    # Press and gazetteer spell provinces differently (Paktya/Paktia, Kunar/Konar): compare loosely.
    return all(any(w == h or (len(w) > 3 and h and _similar(w, h)) for h in have) for w in wanted if w)


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{path}:{number}: malformed JSON: {exc}") from exc


def score_dataset(
    path: Path, settings: Settings, progress: Callable[[int], None] | None = None
) -> DatasetScores:
    if not path.exists():
        raise EvaluationError(f"dev set not found: {path}")
    name = path.stem
    convention = CONVENTIONS.get(name, Convention())
    vague = dict(DEFAULT_VAGUE)
    vague.update(convention.vague)
    settings = settings.with_(policy="conservative", vague_counts=vague)
    n = killed_ok = 0
    civ = [0, 0]
    inj = [0, 0]
    dates = [0, 0]
    places = [0, 0]
    errors: list[str] = []
    for row in _rows(path):
        gold = row.get("gold") or {}
        doc = Document(
            id=str(row.get("id") or content_id(row["text"])),
            text=row["text"],
            published=parse_date(row.get("published")),
        )
        result = extract(doc, settings)
        n += 1
        t = result.totals
        if convention.exclude_groups:
            kept = tuple(c for c in result.claims if c.victims.group not in convention.exclude_groups)
            t = summarize(kept, settings)

        def best(est: object) -> int:
            return 0 if est is None else (est.best or 0)  # type: ignore[attr-defined]

        if best(t.killed) == (gold.get("killed") or 0):
            killed_ok += 1
        else:
            errors.append(f"{doc.id}: killed {best(t.killed)} != gold {gold.get('killed')}")
        if gold.get("civilians_killed") is not None:
            civ[1] += 1
            civ[0] += best(t.civilians_killed) == gold["civilians_killed"]
        if gold.get("wounded") is not None:
            inj[1] += 1
            inj[0] += best(t.injured) == gold["wounded"]
        if gold.get("date"):
            dates[1] += 1
            dates[0] += result.event.date == date.fromisoformat(gold["date"])
        if gold.get("location"):
            places[1] += 1
            places[0] += _place_matches(result, gold["location"])
        if progress:
            progress(1)
    if n == 0:
        raise EvaluationError(f"dev set is empty: {path}")
    return DatasetScores(
        name=name,
        documents=n,
        killed_exact=killed_ok / n,
        civilians_exact=civ[0] / civ[1] if civ[1] else None,
        injured_exact=inj[0] / inj[1] if inj[1] else None,
        date_accuracy=dates[0] / dates[1] if dates[1] else None,
        place_accuracy=places[0] / places[1] if places[1] else None,
        errors=tuple(errors),
    )


def score_gold_file(gold_path: Path, data_dir: Path, settings: Settings) -> ClaimScores:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read gold file {gold_path}: {exc}") from exc
    report = data_dir / gold["document"]
    if not report.exists():
        raise EvaluationError(f"report {report} named by {gold_path} not found")
    text = report.read_text(encoding="utf-8")
    doc = Document(id=content_id(text), text=text, published=parse_date(gold.get("published")))
    return score_claims(gold, extract(doc, settings))


def gate_failures(scores: dict[str, dict[str, float | None]], minimums: dict[str, dict[str, float]]) -> list[str]:
    """Every pinned minimum that a score fell below."""
    failures = []
    for dataset, mins in minimums.items():
        got = scores.get(dataset)
        if got is None:
            failures.append(f"{dataset}: not evaluated")
            continue
        for metric, minimum in mins.items():
            value = got.get(metric)
            if value is None or value < minimum:
                failures.append(f"{dataset}.{metric} = {value} < {minimum}")
    return failures
