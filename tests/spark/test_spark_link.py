"""``tollwatch spark link`` gives the incidents ``tollwatch incidents`` gives for the same reports."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.model import POLICIES

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def cli_incidents(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """The corpus through ``tollwatch ingest`` and ``tollwatch incidents``, under each policy."""
    db = str(tmp_path_factory.mktemp("cli") / "tollwatch.db")
    _run("ingest", str(corpus), "--db", db)
    return {p: json.loads(_run("incidents", "--db", db, "--format", "json", "--policy", p)) for p in POLICIES}


def _comparable(incident: dict, estimates: dict) -> tuple:
    documents = tuple(sorted((d["id"], d["claims"]) for d in incident["documents"]))
    return (incident["id"], documents, incident["type"], str(incident["date"]), incident["date_precision"],
            json.dumps(incident["place"], sort_keys=True), incident["grade"], incident["grade_reason"],
            incident["sources"], json.dumps(estimates, sort_keys=True))


def test_spark_link_gives_the_cli_incidents_under_every_policy(linked: Path, cli_incidents: dict) -> None:
    spark_rows = ds.dataset(linked / "incidents", format="parquet", partitioning="hive").to_table().to_pylist()
    several = [r for r in spark_rows if len(r["documents"]) > 1]
    assert len(several) >= 10, "the corpus should make incidents told by several documents"
    for policy in POLICIES:
        expected = sorted(_comparable(i, i["estimates"]) for i in cli_incidents[policy])
        assert sorted(_comparable(r, r["estimates"][policy]) for r in spark_rows) == expected, policy


def test_spark_link_files_incidents_by_month(linked: Path) -> None:
    rows = ds.dataset(linked / "incidents", format="parquet", partitioning="hive").to_table().to_pylist()
    assert rows and all(r["month"] == r["date"].strftime("%Y-%m") for r in rows)
