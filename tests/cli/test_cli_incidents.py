"""The incident commands over a real SQLite database: ingest, link, decide, re-extract, export."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tollwatch.cli import app

runner = CliRunner()

# Fictional reports of two fictional incidents, a week apart.
REPORTS = [
    {"id": "r1", "outlet": "Gazette", "published": "2016-04-04",
     "text": "A bomb exploded at the Central Market in Dalmora, killing 12 civilians, police said."},
    {"id": "r2", "outlet": "Herald", "published": "2016-04-04",
     "text": "Twelve civilians died when a bomb went off at the Central Market in Dalmora, police said."},
    {"id": "r3", "outlet": "Courier", "published": "2016-04-11",
     "text": "Gunmen killed three police officers at a checkpoint near Kestrel, officials said."},
]


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _incidents(db: str) -> list[dict]:
    return json.loads(_run("incidents", "--db", db, "--format", "json"))


def _doc_groups(db: str) -> list[list[str]]:
    """Each incident's documents by their external ids (r1, r2, r3)."""
    from tollwatch.store.database import open_store
    from tollwatch.store.queries import find_document

    with open_store(db) as store:
        external = {find_document(store, r["id"]).document.id: r["id"] for r in REPORTS}
    return sorted(sorted(external[d["id"]] for d in i["documents"]) for i in _incidents(db))


@pytest.fixture()
def db(tmp_path: Path) -> str:
    source = tmp_path / "reports.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n")
    path = str(tmp_path / "t.db")
    _run("ingest", str(source), "--db", path)
    return path


def test_cli_incidents_json_shape(db: str) -> None:
    incidents = _incidents(db)
    assert sum(len(i["documents"]) for i in incidents) == 3
    for i in incidents:
        assert {"id", "type", "date", "date_precision", "place", "grade", "estimates", "sources", "documents"} <= set(i)
        assert set(i["estimates"]) == {"killed", "civilians_killed", "injured"}


def test_cli_decision_survives_reextract_and_can_be_undone(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _run("decide", "merge", "r1", "r3", "--reason", "one attack, two towns named", "--author", "ana", "--db", db)
    merged = next(g for g in _doc_groups(db) if "r1" in g)
    assert "r3" in merged
    monkeypatch.setattr("tollwatch.pipeline.__version__", "next")
    _run("reextract", "--db", db)
    assert next(g for g in _doc_groups(db) if "r1" in g) == merged
    [entry] = [json.loads(line) for line in _run("decide", "log", "--db", db, "--format", "jsonl").splitlines()]
    assert (entry["kind"], entry["author"], entry["reason"]) == ("merge", "ana", "one attack, two towns named")
    _run("decide", "undo", "1", "--reason", "wrong", "--db", db)
    assert "r3" not in next(g for g in _doc_groups(db) if "r1" in g)


def test_cli_grade_decision_and_incident_view(db: str) -> None:
    _run("decide", "grade", "r3", "discounted", "--reason", "staged", "--author", "ana", "--db", db)
    view = json.loads(_run("incident", "r3", "--db", db, "--format", "json"))
    assert view["grade"] == "discounted" and view["grade_reason"] == "set by ana: staged"
    assert set(view["estimates"]) == {"conservative", "range", "ucdp"}


@pytest.mark.parametrize("layout", ["tollwatch", "acled", "ucdp"])
def test_cli_export_opens_in_pandas(db: str, tmp_path: Path, layout: str) -> None:
    from tollwatch.incidents.export import COLUMNS

    out = tmp_path / "x.parquet"
    _run("export", "--db", db, "--layout", layout, "--format", "parquet", "-o", str(out))
    assert list(pd.read_parquet(out).columns) == COLUMNS[layout]
