"""``tollwatch ingest`` end to end: a mixed folder of every format and every bad input, run twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inputs import write_bad_inputs, write_good_inputs
from reports import report
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.store import queries
from tollwatch.store.database import open_store

runner = CliRunner()


def _stats(db_url: str) -> dict[str, int]:
    with open_store(db_url) as store:
        return queries.stats(store).as_dict()


def test_ingest_mixed_folder(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    expected_docs = write_good_inputs(folder) + 1  # broken.jsonl holds one good line
    bad = write_bad_inputs(folder / "bad")
    rejects = tmp_path / "rejects.jsonl"
    args = ["ingest", str(folder), "--db", db_url, "--rejects", str(rejects), "--max-html-bytes", "20000"]

    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"stored {expected_docs}" in result.output
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert {Path(r["path"]).name for r in lines} == set(bad)
    for r in lines:
        assert bad[Path(r["path"]).name] in r["reason"]
        assert set(r) == {"path", "record", "reason"}
    assert next(r for r in lines if r["path"].endswith("broken.jsonl"))["record"] == 2
    first = _stats(db_url)
    assert (first["documents"], first["rejected"]) == (expected_docs, len(bad))

    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert f"duplicates {expected_docs}" in again.output and "stored 0 " in again.output
    assert _stats(db_url) == first


def test_ingest_nothing_stored_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "nothing could be stored" in result.output


@pytest.mark.postgres
def test_ingest_unreachable_database_exits_non_zero(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(report(1))
    url = f"postgresql+psycopg://postgres@127.0.0.1:{postgres.port}/no_such_database"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", url])
    assert result.exit_code == 1
    assert "cannot reach database" in result.output


def test_ingest_reads_stdin_and_honours_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOLLWATCH_DB", str(tmp_path / "env.db"))
    result = runner.invoke(app, ["ingest", "-"], input=report(3))
    assert result.exit_code == 0, result.output
    assert _stats(f"sqlite:///{tmp_path / 'env.db'}")["documents"] == 1


def test_ingest_no_extract_then_reextract(db_url: str, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(report(i * 7))
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", db_url, "--no-extract"]).exit_code == 0
    assert _stats(db_url)["extractions"] == 0
    result = runner.invoke(app, ["reextract", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "extracted 3" in result.output
    assert _stats(db_url)["extractions"] == 3
    assert "extracted 0" in runner.invoke(app, ["reextract", "--db", db_url]).output
