"""The reading commands: documents, claims, show and stats, in every format, with filters; hostile text stays inert."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.dedup import fingerprint
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims
from tollwatch.readers import content_id
from tollwatch.store.database import open_store
from tollwatch.store.writes import NewDocument, utcnow, write_documents, write_extractions

runner = CliRunner()
HOSTILE = "[bold red]pwned[/] \x1b[31mred\x1b[0m"
TEXTS = {
    "AF": "Officials in fictional Kellin said 6 civilians were killed by an airstrike. " + HOSTILE,
    "ZZ": "A spokesman for the fictional Marsby police denied that anyone was injured in the raid.",
}


def _claim(text: str, phrase: str, outcome: str, stance: str, low: int) -> Claim:
    start = text.index(phrase)
    return Claim(
        outcome=outcome,  # type: ignore[arg-type]
        victims=Victims("civilians"),
        count=Count(low, low, "exact" if low else "none", str(low)),
        stance=stance,  # type: ignore[arg-type]
        source=Source("Officials [x]", None, None, "government", ("Valley Wire",)),
        span=(start, start + len(phrase)),
        evidence=phrase,
    )


@pytest.fixture
def filled(db_url: str) -> str:
    with open_store(db_url, create=True) as store, store.begin() as c:
        for n, (country, text) in enumerate(TEXTS.items(), start=1):
            doc = Document(
                id=content_id(text), text=text, title=f"Report {country}", published=date(2021, n, 1),
                outlet="Valley Wire" if n == 1 else "Eastern Ledger", external_id=f"ext-{n}",
            )
            write_documents(c, [NewDocument(doc, None, content_id(text), fingerprint(text))], utcnow())
            claim = (
                _claim(text, "6 civilians were killed", "killed", "asserted", 6)
                if n == 1
                else _claim(text, "denied that anyone was injured", "injured", "denied", 0)
            )
            event = Event("airstrike", doc.published, "day", Place("X", None, country, None, None, "country"))
            write_extractions(c, [Extraction(doc, (claim,), event, Totals("conservative", None, None, None), "t", "1")], utcnow())
    return db_url


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"ext-1", "ext-2"}),
        (["--since", "2021-02-01"], {"ext-2"}),
        (["--until", "2021-01-31"], {"ext-1"}),
        (["--country", "af"], {"ext-1"}),
        (["--outcome", "injured"], {"ext-2"}),
        (["--stance", "asserted"], {"ext-1"}),
        (["--outlet", "eastern ledger"], {"ext-2"}),
    ],
)
def test_cli_documents_filters(filled: str, args: list[str], expected: set[str]) -> None:
    result = runner.invoke(app, ["documents", "--db", filled, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["external_id"] for line in result.stdout.splitlines()} == expected


@pytest.mark.parametrize("format", ["json", "jsonl", "csv", "table"])
def test_cli_claims_formats(filled: str, format: str) -> None:
    result = runner.invoke(app, ["claims", "--db", filled, "--format", format])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if format == "json":
        assert sorted(c["outcome"] for c in json.loads(out)) == ["injured", "killed"]
    elif format == "jsonl":
        assert len(out.splitlines()) == 2
    elif format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["stance"] for r in rows} == {"asserted", "denied"}
    else:
        assert "killed" in out and "denied" in out


def test_cli_claims_filtered_by_stance(filled: str) -> None:
    result = runner.invoke(app, ["claims", "--db", filled, "--format", "jsonl", "--stance", "denied"])
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["evidence"] == "denied that anyone was injured"


def test_cli_show_highlights_claims_and_keeps_hostile_text_inert(filled: str) -> None:
    result = runner.invoke(app, ["show", "ext-1", "--db", filled])
    assert result.exit_code == 0, result.output
    assert "[bold red]pwned[/]" in result.stdout, "markup in report text is printed, not obeyed"
    assert "\x1b[31m" not in result.stdout, "escape codes in report text never reach the terminal"
    assert "[1: Officials [x] via Valley Wire: killed 6 civilians, asserted]" in result.stdout


def test_cli_show_json(filled: str) -> None:
    result = runner.invoke(app, ["show", "ext-2", "--db", filled, "--format", "json"])
    shown = json.loads(result.stdout)
    assert shown["document"]["text"] == TEXTS["ZZ"]
    assert [c["stance"] for c in shown["claims"]] == ["denied"]


def test_cli_show_unknown_document(filled: str) -> None:
    result = runner.invoke(app, ["show", "nope", "--db", filled])
    assert result.exit_code == 1 and "no document 'nope'" in result.output


def test_cli_stats_json(filled: str) -> None:
    result = runner.invoke(app, ["stats", "--db", filled, "--format", "json"])
    stats = json.loads(result.stdout)
    assert {k: stats[k] for k in ("documents", "claims", "incidents", "rejected")} == {
        "documents": 2, "claims": 2, "incidents": 0, "rejected": 0,
    }


def test_cli_reading_a_missing_database_says_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "tollwatch db upgrade" in result.output
    assert not (tmp_path / "none.db").exists()


def test_cli_db_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "new.db")
    first = runner.invoke(app, ["db", "upgrade", "--db", db])
    assert first.exit_code == 0 and "(empty) ->" in first.output
    assert "already at" in runner.invoke(app, ["db", "upgrade", "--db", db]).output
