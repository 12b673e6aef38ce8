"""Durability: a real ``tollwatch ingest`` killed with SIGKILL mid-way, then run again, loses and repeats nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reports import report
from sqlalchemy import create_engine, func, select

from tollwatch.pipeline import extract
from tollwatch.settings import Settings
from tollwatch.store import schema
from tollwatch.store.queries import to_document

N = 3000
WORDS = ["convoy", "checkpoint", "shelling", "ceasefire", "militia", "river", "bridge", "village", "clinic", "market",
         "school", "drone", "patrol", "curfew", "ambush", "mortar", "refugees", "harvest", "border", "valley"]


def _corpus(path: Path) -> None:
    with path.open("w") as f:
        for i in range(N):
            rng = random.Random(i)
            tail = " ".join(rng.choice(WORDS) for _ in range(30))
            f.write(json.dumps({"id": f"crash-{i}", "text": f"{report(i)} Witnesses mentioned {tail}."}) + "\n")


def _ingest(corpus: Path, db_url: str) -> subprocess.Popen[bytes]:
    code = "from tollwatch.cli import main; main()"
    args = [sys.executable, "-c", code, "ingest", str(corpus), "--db", db_url, "--batch-size", "100", "--no-link"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid``, read from /proc (Linux)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while being read
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pids: set[int]) -> bool:
    alive = False
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        stat = Path(f"/proc/{pid}/stat")
        alive = alive or (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z")
    return alive


def _count(db_url: str, table=schema.documents) -> int:  # type: ignore[no-untyped-def]
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            return c.scalar(select(func.count()).select_from(table)) or 0
    except Exception:  # noqa: BLE001  (the first run may not have created the tables yet)
        return 0
    finally:
        engine.dispose()


@pytest.mark.slow
def test_ingest_killed_mid_way_then_resumed(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    process = _ingest(corpus, db_url)
    deadline = time.monotonic() + 120
    while _count(db_url) < 300 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read().decode()}"  # type: ignore[union-attr]
    workers = _children(process.pid)
    assert workers, "ingest extracts in worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(workers), "the workers of a killed ingest must not outlive it"
    partial = _count(db_url)
    assert 0 < partial < N

    rerun = _ingest(corpus, db_url)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"duplicates {partial:,}" in err.decode()

    engine = create_engine(db_url)
    with engine.connect() as c:
        docs = c.execute(select(schema.documents.c.external_id)).scalars().all()
        assert sorted(docs) == sorted(f"crash-{i}" for i in range(N))
        per_doc = c.execute(
            select(schema.extractions.c.document_id, func.count()).group_by(schema.extractions.c.document_id)
        ).all()
        assert len(per_doc) == N and {n for _, n in per_doc} == {1}
        duplicated = c.execute(
            select(schema.claims.c.extraction_id, schema.claims.c.ordinal)
            .group_by(schema.claims.c.extraction_id, schema.claims.c.ordinal)
            .having(func.count() > 1)
        ).all()
        assert duplicated == []
        # The stored claims are what the extractor says, for documents on both sides of the kill.
        rows = c.execute(select(schema.documents).order_by(schema.documents.c.ingested_at)).all()
        for row in (rows[0], rows[partial], rows[-1]):
            stored = c.scalar(select(func.count()).select_from(schema.claims).where(schema.claims.c.document_id == row.id))
            assert stored == len(extract(to_document(row), Settings()).claims)
    engine.dispose()
