"""``tollwatch load`` stores a Spark job's output as ``tollwatch ingest`` stores the same input: idempotent, resumable."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.settings import Settings
from tollwatch.spark.load import load
from tollwatch.store import schema
from tollwatch.store.database import open_store

runner = CliRunner()

# What each table holds, without the surrogate keys and timestamps a run makes.
_TABLES = {
    "documents": (schema.documents, ("id", "external_id", "text_hash", "url", "outlet", "title", "published",
                                     "raw", "text", "source_path", "source_record", "minhash")),
    "claims": (schema.claims, ("document_id", "claim_key", "ordinal", "outcome", "count_low", "count_high",
                               "stance", "speaker", "span_start", "span_end", "evidence", "data")),
    "events": (schema.events, ("document_id", "type", "date", "date_precision", "data")),
    "places": (schema.places, ("document_id", "name", "admin1", "country", "lat", "lon", "precision")),
    "near_duplicates": (schema.near_duplicates, ("document_id", "twin_id", "similarity")),
    "rejections": (schema.rejections, ("key", "input", "record", "reason", "document_id")),
}


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _stored(db: Path) -> int:
    """Documents stored so far; none while the first run is still creating the tables."""
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as c:
            return c.scalar(select(func.count()).select_from(schema.documents)) or 0
    except OperationalError:
        return 0
    finally:
        engine.dispose()


def _contents(url: str) -> dict[str, list[str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return {
                name: sorted(json.dumps([r[col] if not isinstance(r[col], bytes) else r[col].hex() for col in cols],
                                        default=str, sort_keys=True)
                             for r in c.execute(select(*(table.c[col] for col in cols))).mappings())
                for name, (table, cols) in _TABLES.items()
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The store ``tollwatch ingest`` makes of the corpus."""
    db = tmp_path_factory.mktemp("ingest") / "tollwatch.db"
    _run("ingest", str(corpus), "--db", str(db))
    return _contents(f"sqlite:///{db}")


def test_load_stores_what_ingest_stores_and_twice_adds_nothing(extracted: Path, ingested: dict, db_url: str) -> None:
    with open_store(db_url, create=True) as store:
        first = load(extracted, store, Settings())
        again = load(extracted, store, Settings())
    assert _contents(db_url) == ingested
    assert first.stored == len(ingested["documents"]) and first.duplicates == 1
    assert again.stored == 0 and again.duplicates == first.read
    assert sum(first.rejected.values()) == len(ingested["rejections"])


def test_load_killed_mid_way_then_run_again_stores_everything_once(extracted: Path, ingested: dict,
                                                                  tmp_path: Path) -> None:
    db = tmp_path / "tollwatch.db"
    command = [sys.executable, "-c", "from tollwatch.cli import main; main()",
               "load", str(extracted), "--db", str(db), "--batch-size", "5"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 40 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        stored = _stored(db)
    assert process.poll() is None, f"the load ended before it could be killed: {process.stderr.read().decode()}"  # type: ignore[union-attr]
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < _stored(db) < len(ingested["documents"])
    _run("load", str(extracted), "--db", str(db))
    assert _contents(f"sqlite:///{db}") == ingested


def test_load_gives_the_store_the_incidents_ingest_gives(extracted: Path, corpus: Path, tmp_path: Path) -> None:
    _run("load", str(extracted), "--db", str(tmp_path / "loaded.db"))
    _run("ingest", str(corpus), "--db", str(tmp_path / "ingested.db"))
    loaded = json.loads(_run("incidents", "--db", str(tmp_path / "loaded.db"), "--format", "json"))
    assert loaded == json.loads(_run("incidents", "--db", str(tmp_path / "ingested.db"), "--format", "json"))
    assert len(loaded) > 10


def test_load_names_a_folder_without_spark_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "no documents/ dataset" in result.output
