"""The ingest library: exact duplicates are no-ops, near duplicates are linked, failures are rejections."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from reports import report
from sqlalchemy import select

from tollwatch import pipeline
from tollwatch.errors import ExtractionError, IngestError
from tollwatch.ingest import Extractors, ingest, reextract
from tollwatch.model import Document
from tollwatch.readers import Input, content_id
from tollwatch.settings import Settings
from tollwatch.store import queries, schema
from tollwatch.store.database import open_store

# In this process, so that tests can replace pipeline.extract; worker processes are tested on their own.
SETTINGS = Settings(ingest_batch_size=4, ingest_workers=0)


def _input(i: int, **changes: object) -> Input:
    text = report(i)
    return Input(replace(Document(id=content_id(text), text=text, source_path=f"r{i}.txt"), **changes))


def test_ingest_exact_duplicates_are_no_ops(db_url: str) -> None:
    items = [
        _input(1),
        _input(1),  # same text, same title: same content hash
        _input(2, external_id="w-2", title="First headline"),
        _input(2, external_id="w-2", title="Headline updated by the same source"),
    ]
    with open_store(db_url, create=True) as store:
        first = ingest(items, store, SETTINGS)
        again = ingest(items, store, SETTINGS)
        assert (first.read, first.stored, first.duplicates) == (4, 2, 2)
        assert (again.stored, again.duplicates) == (0, 4)
        assert queries.stats(store).documents == 2


def test_ingest_near_duplicate_linked_to_first_copy(db_url: str) -> None:
    original = _input(3, title="Bomb hits minibus", outlet="Valley Wire")
    text = "By our correspondent. " + report(3).replace("Tuesday morning", "Tuesday")
    republished = [
        Input(Document(id="a", text=text, title="Minibus attack kills workers", outlet="Eastern Ledger")),
        Input(Document(id="b", text=text + " More follows.", title="Workers die in blast", outlet="Courier")),
    ]
    with open_store(db_url, create=True) as store:
        ingest([original], store, SETTINGS)
        summary = ingest(republished, store, SETTINGS)
        assert (summary.stored, summary.near_duplicates) == (2, 2)
        with store.connect() as c:
            links = c.execute(select(schema.near_duplicates.c.twin_id, schema.near_duplicates.c.similarity)).all()
        first_id = next(d.id for d in queries.documents(store, queries.Filters()) if d.outlet == "Valley Wire")
        assert {twin for twin, _ in links} == {first_id}, "every copy points at the first, not at each other"
        assert all(similarity >= SETTINGS.near_duplicate_threshold for _, similarity in links)


def test_ingest_files_a_shared_passage_under_a_bounded_number_of_documents(db_url: str) -> None:
    import random

    from sqlalchemy import func

    from tollwatch.ingest import _FILED_PER_BAND

    rng = random.Random(3)
    vocabulary = [f"word{i}" for i in range(5000)]
    boilerplate = " ".join(rng.choice(vocabulary) for _ in range(150))
    # Each shares most of its text with every other, yet none is a near duplicate of another.
    texts = [boilerplate + " " + " ".join(rng.choice(vocabulary) for _ in range(60)) for _ in range(5 * _FILED_PER_BAND)]
    items = [Input(Document(id=content_id(t), text=t)) for t in texts]
    copy = texts[-1].replace("word", "term", 1)  # the last one, republished with a word changed
    with open_store(db_url, create=True) as store:
        assert ingest(items, store, replace(SETTINGS, ingest_batch_size=40)).near_duplicates == 0
        bands = schema.document_bands
        with store.connect() as c:
            per_key = c.execute(select(func.count()).select_from(bands).group_by(bands.c.band_key)).scalars().all()
        assert max(per_key) == _FILED_PER_BAND, "the shared passage's keys fill up, and stop there"
        again = ingest([Input(Document(id=content_id(copy), text=copy))], store, SETTINGS)
        assert again.near_duplicates == 1, "the last one is still found, through bands of its own"


def test_ingest_extraction_error_rejects_only_that_document(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.extract

    def failing(document: Document, settings: Settings):  # type: ignore[no-untyped-def]
        if "serial 6 " in document.text:
            raise ExtractionError("stage exploded", document_id=document.id, stage="claims")
        return real(document, settings)

    monkeypatch.setattr(pipeline, "extract", failing)
    rejected = []
    with open_store(db_url, create=True) as store:
        summary = ingest([_input(i) for i in range(5, 8)], store, SETTINGS, on_reject=rejected.append)
        assert (summary.stored, summary.extracted) == (3, 2)
        assert len(rejected) == 1 and "stage exploded" in rejected[0].reason and rejected[0].input == "r6.txt"
        assert queries.stats(store).rejected == 1
        # reextract retries the document that lacks output, and only that one.
        monkeypatch.setattr(pipeline, "extract", real)
        again = reextract(store, SETTINGS)
        assert (again.pending, again.extracted, again.failed) == (1, 1, 0)


def test_ingest_reextract_adds_a_version_and_resumes(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db_url, create=True) as store:
        ingest([_input(i) for i in range(10, 19)], store, SETTINGS)
        monkeypatch.setattr(pipeline, "__version__", "999.0")
        calls = 0
        real = pipeline.extract

        def stop_after_one_batch(document: Document, settings: Settings):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls > SETTINGS.ingest_batch_size + 1:  # one probe, then one batch
                raise KeyboardInterrupt
            return real(document, settings)

        monkeypatch.setattr(pipeline, "extract", stop_after_one_batch)
        with pytest.raises(KeyboardInterrupt):
            reextract(store, SETTINGS)
        monkeypatch.setattr(pipeline, "extract", real)
        summary = reextract(store, SETTINGS)
        assert (summary.version, summary.pending, summary.extracted) == ("999.0", 5, 5)
        assert queries.stats(store).extractions == 18
        assert reextract(store, SETTINGS).pending == 0


def test_ingest_stores_raw_and_metadata(db_url: str, tmp_path: Path) -> None:
    item = Input(_input(20, title="T", url="https://fictional.example/20", external_id="x20").document, "<html/>")
    with open_store(db_url, create=True) as store:
        ingest([item], store, SETTINGS)
        with store.connect() as c:
            row = c.execute(select(schema.documents)).one()
        assert (row.raw, row.title, row.url, row.external_id, row.source_path) == (
            "<html/>",
            "T",
            "https://fictional.example/20",
            "x20",
            "r20.txt",
        )
        assert row.ingested_at is not None and row.text == report(20)


def _stored(store) -> list[tuple[str, int, object]]:  # type: ignore[no-untyped-def]
    with store.connect() as c:
        claims = c.execute(
            select(schema.extractions.c.document_id, schema.claims.c.ordinal, schema.claims.c.data)
            .join(schema.claims, schema.claims.c.extraction_id == schema.extractions.c.id)
            .order_by(schema.extractions.c.document_id, schema.claims.c.ordinal)
        ).all()
    return [tuple(r) for r in claims]


def test_ingest_in_worker_processes_stores_what_one_process_does(tmp_path: Path) -> None:
    items = [_input(i) for i in range(30, 41)] + [_input(30)]
    results = []
    for workers in (0, 2):
        settings = Settings(ingest_batch_size=3, ingest_workers=workers)
        with open_store(str(tmp_path / f"w{workers}.db"), create=True) as store:
            summary = ingest(items, store, settings)
            assert (summary.stored, summary.duplicates, summary.extracted) == (11, 1, 11)
            results.append(_stored(store))
            again = reextract(store, settings)
            assert again.pending == 0
    assert results[0] and results[0] == results[1]


def test_reextract_in_worker_processes_extracts_every_batch(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        ingest([_input(i) for i in range(50, 57)], store, Settings(ingest_batch_size=3, ingest_workers=0), extract=False)
        summary = reextract(store, Settings(ingest_batch_size=3, ingest_workers=1))
        assert (summary.pending, summary.extracted, summary.failed) == (7, 7, 0)
        assert queries.stats(store).extractions == 7


def test_ingest_with_workers_never_loads_the_extractor_in_the_main_process(tmp_path: Path) -> None:
    # The main process reads, deduplicates and writes; loading the extractor there would cost it seconds.
    (tmp_path / "r.txt").write_text(report(60), encoding="utf-8")
    script = (
        "import sys\n"
        "from tollwatch.ingest import ingest\n"
        "from tollwatch.readers import JsonlFields, read_inputs\n"
        "from tollwatch.settings import Settings\n"
        "from tollwatch.store.database import open_store\n"
        "if __name__ == '__main__':\n"
        f"    with open_store({str(tmp_path / 'm.db')!r}, create=True) as store:\n"
        "        summary = ingest(\n"
        f"            read_inputs([{str(tmp_path / 'r.txt')!r}], JsonlFields(), Settings()), store,\n"
        "            Settings(ingest_workers=1, ingest_batch_size=1),\n"
        "        )\n"
        "    print(summary.extracted, sorted(m for m in sys.modules if m in ('tollwatch.pipeline', 'tollwatch.claims')))\n"
    )
    (tmp_path / "main.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "main.py")], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "[]"]


def test_a_worker_that_dies_is_a_clear_ingest_error() -> None:
    extractors = Extractors(Settings(ingest_workers=1))
    try:
        job = extractors.submit([_input(i).document for i in range(70, 74)])
        assert extractors.pool is not None
        for pid in list(extractors.pool._processes):  # the pool's own record of its worker processes
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(IngestError, match="worker process died"):
            job()
    finally:
        extractors.close()
