"""Ingest: inputs into the store, in batches, each batch one transaction.

For each batch of documents read (``readers.read_inputs``):

1. ``store.writes.existing``     drop exact duplicates: same id (title and text), or same external id and text
2. ``pipeline.extract``          claims, event and totals, in worker processes; an ``ExtractionError``
                                 rejects that document's extraction, never the batch; meanwhile
   ``dedup.fingerprints``        MinHash signature and LSH band keys of each new text, in this process
3. ``store.writes.band_members``  first-of-family documents sharing a band; the most similar at or above the
                                 threshold (or an earlier one of the batch) makes the new one its near duplicate
4. one transaction writes documents, bands, near-duplicate links, machine output and rejections

Steps 3 and 4 run on a writer thread, one batch after another, while the next batches go through steps 1
and 2: every batch before the one being written is then in the database, where step 3 finds its twins.

A killed run loses at most the batch in flight; running it again skips what is
stored and redoes the rest. ``reextract`` runs the extractor again over stored
documents that lack its current version, in the same resumable way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from sqlalchemy import and_, exists, func, select

from . import dedup
from .errors import ExtractionError, IngestError
from .model import Document, Extraction, Rejection
from .readers import Input, content_id
from .settings import Settings
from .store import schema
from .store.database import Store
from .store.writes import (
    NewDocument,
    band_members,
    document_key,
    existing,
    signatures,
    utcnow,
    write_documents,
    write_extractions,
    write_rejections,
)


@dataclass
class IngestSummary:
    """What one run did. ``near_duplicates`` are among ``stored``; ``rejected`` counts reasons by kind."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    extracted: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    def reject(self, rejection: Rejection) -> None:
        self.rejected[reason_kind(rejection.reason)] += 1


def reason_kind(reason: str) -> str:
    """The general part of a reason ("malformed JSON" of "malformed JSON: Expecting value ...")."""
    return reason.split(":", 1)[0]


Progress = Callable[[int], None]
OnReject = Callable[[Rejection], None]
# An extraction that failed: the document's id and its rejection.
Failure = tuple[str, Rejection]
# What a batch's extraction gives: a result per document.
Extracted = list[Extraction | Failure]


def extract_batch(documents: Sequence[Document], settings: Settings) -> list[Extraction | Failure]:
    """Extract each document; runs in a worker process, so it takes and returns only picklable values."""
    from .pipeline import extract

    results: list[Extraction | Failure] = []
    for doc in documents:
        try:
            results.append(extract(doc, settings))
        except ExtractionError as exc:
            results.append((doc.id, Rejection(doc.source_path or doc.id, f"extraction failed: {exc}", doc.source_record)))
    return results


def _extract_in_worker(documents: Sequence[Document], settings: Settings) -> Extracted:
    """``extract_batch`` with each result's document cut down to its id (the caller has the text already,
    and sending it back would double what crosses between the processes)."""
    return [
        replace(r, document=Document(id=r.document.id, text="")) if isinstance(r, Extraction) else r
        for r in extract_batch(documents, settings)
    ]


def _start_worker(settings: Settings) -> None:
    """Load what extraction needs (its compiled patterns, spaCy, the gazetteer) as the worker starts, while
    the main process is still reading and deduplicating the first batch."""
    from .gazetteer import load
    from .pipeline import extract  # noqa: F401  (importing it compiles the patterns)
    from .segment import tokenizer_nlp

    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True, name="tollwatch-orphan-watch").start()
    tokenizer_nlp()
    load(settings)


def _exit_with(parent: int) -> None:
    """End this worker when the main process is gone: a main process killed with SIGKILL cannot stop its
    pool, and a worker waiting for its next batch would otherwise wait for ever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class Extractors:
    """Where batches are extracted: in worker processes, or in this one when ``ingest_workers`` is 0.

    Workers let the main process read, deduplicate and write while they extract, so the store costs
    little of extraction's throughput. They start at once and load their resources while the first
    batch is read, so even a run of one batch waits no longer than loading them here would take, and
    this process never loads the extractor at all.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        workers = settings.ingest_workers
        self.workers = max(1, (os.cpu_count() or 1) - 1) if workers is None else workers
        self.pool: ProcessPoolExecutor | None = None
        if self.workers:
            # spawn, not fork: this process runs a writer thread and holds database connections.
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(settings,),
            )
            for _ in range(self.workers):  # a pool starts a process per task submitted, until it has them all
                self.pool.submit(int)

    @property
    def inline(self) -> bool:
        """Whether batches are extracted in this process, before ``submit`` returns."""
        return self.pool is None

    def submit(self, documents: Sequence[Document]) -> Callable[[], Extracted]:
        """Start extracting; the returned function waits for the results, in the documents' order."""
        if not documents:
            return list
        if self.pool is None:
            done = extract_batch(documents, self.settings)
            return lambda: done
        size = -(-len(documents) // self.workers)
        futures = [
            self.pool.submit(_extract_in_worker, documents[i : i + size], self.settings)
            for i in range(0, len(documents), size)
        ]
        by_id = {d.id: d for d in documents}

        def results() -> Extracted:
            try:
                return [
                    replace(r, document=by_id[r.document.id]) if isinstance(r, Extraction) else r
                    for f in futures
                    for r in f.result()
                ]
            except BrokenProcessPool as exc:
                raise IngestError(
                    "an extraction worker process died (killed, or out of memory); every batch stored before it "
                    "is kept: run the same command again to go on"
                ) from exc

        return results

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


# A document read and not stored before: its input, the document under its key, and its content hash.
Fresh = tuple[Input, Document, str]


@dataclass
class _Batch:
    fresh: list[Fresh]
    extracted: Callable[[], Extracted]
    prints: list[dedup.Fingerprint]
    rejections: list[tuple[Rejection, str | None]]


def ingest(
    items: Iterable[Input | Rejection],
    store: Store,
    settings: Settings,
    *,
    extract: bool = True,
    on_progress: Progress | None = None,
    on_reject: OnReject | None = None,
) -> IngestSummary:
    """Store every input read, once; ``on_progress`` hears of each input, ``on_reject`` of each rejection.

    Three batches are under way at once: one being read and checked for exact duplicates, the one before
    it being extracted (by ``Extractors``, while this process fingerprints it), and the one before that
    being checked for near duplicates and written on a second thread. Batches not yet stored are
    consulted from memory when a later one looks for exact duplicates.
    """
    summary = IngestSummary()
    inputs: list[Input] = []
    rejections: list[tuple[Rejection, str | None]] = []
    extracting: list[_Batch] = []
    in_flight: Future[None] | None = None
    extractors = Extractors(settings) if extract else None

    def reject(rejection: Rejection, document_id: str | None, into: list[tuple[Rejection, str | None]]) -> None:
        summary.reject(rejection)
        into.append((rejection, document_id))
        if on_reject is not None:
            on_reject(rejection)

    writing: list[Fresh] = []

    def write(batch: _Batch) -> None:
        nonlocal in_flight, writing
        results = []
        for result in batch.extracted():
            if isinstance(result, Extraction):
                results.append(result)
            else:
                reject(result[1], result[0], batch.rejections)
        if in_flight is not None:
            in_flight.result()
        in_flight = writer.submit(_store, store, batch.fresh, batch.prints, results, batch.rejections, summary,
                                  settings)
        writing = batch.fresh

    def flush(last: bool) -> None:
        nonlocal inputs, rejections
        held = [f for b in extracting for f in b.fresh] + writing
        fresh = _drop_exact_duplicates(store, inputs, held, summary)
        documents = [doc for _, doc, _ in fresh]
        # A batch extracted in this process is written at once: holding it back gains nothing, and a kill
        # would lose it with the next.
        overlap = extractors is not None and not extractors.inline and not last
        job = extractors.submit(documents) if extractors is not None else list
        # Fingerprinted here while the workers extract: the run waits for the workers, and this process,
        # between reading and writing, has time to spare.
        prints = dedup.fingerprints([doc.text for doc in documents])
        extracting.append(_Batch(fresh, job, prints, rejections))
        inputs, rejections = [], []
        while len(extracting) > (1 if overlap else 0):
            write(extracting.pop(0))

    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tollwatch-writer") as writer:
            for item in items:
                if isinstance(item, Rejection):
                    reject(item, None, rejections)
                else:
                    summary.read += 1
                    inputs.append(item)
                if on_progress is not None:
                    on_progress(1)
                if len(inputs) + len(rejections) >= settings.ingest_batch_size:
                    flush(last=False)
            flush(last=True)
            if in_flight is not None:
                in_flight.result()
    finally:
        if extractors is not None:
            extractors.close()
    return summary


def deduplicate(
    store: Store, inputs: Sequence[Input], summary: IngestSummary, settings: Settings
) -> list[NewDocument]:
    """The inputs not stored yet, each with the stored document it nearly duplicates, if any; exact
    duplicates are counted in ``summary`` and dropped."""
    fresh = _drop_exact_duplicates(store, inputs, (), summary)
    return _find_near_duplicates(store, fresh, dedup.fingerprints([doc.text for _, doc, _ in fresh]), settings)


def store_batch(
    store: Store,
    new: Sequence[NewDocument],
    results: Sequence[Extraction],
    rejections: Sequence[tuple[Rejection, str | None]],
    summary: IngestSummary,
) -> None:
    """Write one batch in one transaction, and count in ``summary`` what it stored."""
    now = utcnow()
    with store.begin() as connection:
        inserted = write_documents(connection, new, now)
        extracted = write_extractions(connection, [r for r in results if r.document.id in inserted], now)
        write_rejections(connection, rejections, now)
    summary.extracted += extracted
    _count(summary, new, inserted)


def _store(
    store: Store,
    fresh: Sequence[Fresh],
    prints: Sequence[dedup.Fingerprint],
    results: Sequence[Extraction],
    rejections: Sequence[tuple[Rejection, str | None]],
    summary: IngestSummary,
    settings: Settings,
) -> None:
    """Find the batch's near duplicates and write it; runs on the writer thread, after the batch before."""
    store_batch(store, _find_near_duplicates(store, fresh, prints, settings), results, rejections, summary)
    store.refresh_statistics()


def _count(summary: IngestSummary, new: Sequence[NewDocument], inserted: set[str]) -> None:
    summary.stored += len(inserted)
    # Another process may have stored some of these since the duplicate check; they are duplicates too.
    summary.duplicates += len(new) - len(inserted)
    summary.near_duplicates += sum(1 for n in new if n.twin is not None and n.document.id in inserted)


def _drop_exact_duplicates(
    store: Store, inputs: Sequence[Input], pending: Sequence[Fresh], summary: IngestSummary
) -> list[Fresh]:
    keyed = [
        (i, replace(i.document, id=document_key(i.document)), content_id(i.document.text)) for i in inputs
    ]
    with store.connect() as connection:
        stored_keys, stored_pairs = existing(
            connection,
            [doc.id for _, doc, _ in keyed],
            [(doc.external_id, text_hash) for _, doc, text_hash in keyed if doc.external_id is not None],
        )
    stored_keys.update(doc.id for _, doc, _ in pending)
    stored_pairs.update((doc.external_id, text_hash) for _, doc, text_hash in pending if doc.external_id is not None)
    fresh = []
    for item, doc, text_hash in keyed:
        pair = (doc.external_id, text_hash) if doc.external_id is not None else None
        if doc.id in stored_keys or pair in stored_pairs:
            summary.duplicates += 1
            continue
        stored_keys.add(doc.id)
        if pair is not None:
            stored_pairs.add(pair)
        fresh.append((item, doc, text_hash))
    return fresh


# A new document is compared with at most this many stored ones: those sharing the most band keys with it.
# A near duplicate (Jaccard >= 0.8) shares about 7 of 16 bands and a chance match one or two, so the twin is
# among them; the cap keeps the cost per document flat however many stored texts share its common phrases.
_COMPARED = 16
# A band key files at most this many documents. Past that it stands for a passage many texts share (a standard
# paragraph, a wire's boilerplate) and the documents filed already stand for the rest: a lookup then reads a
# bounded number of rows however large the store grows. A twin is still found through the bands of its own.
_FILED_PER_BAND = 32


def _find_near_duplicates(
    store: Store, fresh: Sequence[Fresh], prints: Sequence[dedup.Fingerprint], settings: Settings
) -> list[NewDocument]:
    with store.connect() as connection:
        filed = band_members(connection, [key for fp in prints for key in fp.bands])
        compared = [_most_shared(filed, fp) for fp in prints]
        stored = signatures(connection, {d for ids in compared for d in ids})
    # Earlier documents of this batch are not stored yet: all those sharing a band are compared.
    local: dict[int, list[str]] = {}
    local_signatures: dict[str, bytes] = {}
    new = []
    for (item, doc, text_hash), fp, ids in zip(fresh, prints, compared, strict=True):
        others = {d: stored[d] for d in ids if d in stored}
        others.update((d, local_signatures[d]) for key in fp.bands for d in local.get(key, ()))
        twin, best = None, 0.0
        if others:
            scores = dedup.similarities(fp.signature, list(others.values()))
            k = int(scores.argmax())
            if scores[k] >= settings.near_duplicate_threshold:
                twin, best = list(others)[k], float(scores[k])
        if twin is not None:
            new.append(NewDocument(doc, item.raw, text_hash, fp, twin, best))
            continue
        keys = frozenset(
            k for k in fp.bands if len(filed.get(k, ())) + len(local.get(k, ())) < _FILED_PER_BAND
        )
        new.append(NewDocument(doc, item.raw, text_hash, fp, filed_under=keys))
        local_signatures[doc.id] = fp.signature
        for key in keys:
            local.setdefault(key, []).append(doc.id)
    return new


def _most_shared(filed: dict[int, list[str]], fp: dedup.Fingerprint) -> list[str]:
    """The stored documents sharing the most band keys with ``fp``, at most ``_COMPARED`` of them."""
    shared = Counter(d for key in fp.bands for d in filed.get(key, ()))
    return [d for d, _ in shared.most_common(_COMPARED)]


@dataclass
class ReextractSummary:
    extractor: str
    version: str
    pending: int = 0
    extracted: int = 0
    failed: int = 0


def current_extractor(settings: Settings) -> tuple[str, str]:
    """The name and version the extractor puts on its output, learnt by running it on a one-line document."""
    from .pipeline import extract

    probe = extract(Document(id="probe", text="Probe."), settings)
    return probe.extractor, probe.extractor_version


def _missing(extractor: str, version: str) -> object:
    ex = schema.extractions
    return ~exists().where(
        and_(
            ex.c.document_id == schema.documents.c.id,
            ex.c.extractor == extractor,
            ex.c.extractor_version == version,
        )
    )


def pending(store: Store, extractor: str, version: str) -> int:
    """How many stored documents lack output from this extractor version."""
    with store.connect() as connection:
        return (
            connection.scalar(
                select(func.count()).select_from(schema.documents).where(_missing(extractor, version))  # type: ignore[arg-type]
            )
            or 0
        )


def reextract(
    store: Store,
    settings: Settings,
    *,
    on_progress: Progress | None = None,
    on_reject: OnReject | None = None,
) -> ReextractSummary:
    """Run the current extractor over every stored document lacking its output; old versions stay."""
    from .store.queries import to_document

    extractor, version = current_extractor(settings)
    summary = ReextractSummary(extractor, version, pending(store, extractor, version))
    docs = schema.documents
    extractors = Extractors(settings)

    def write(documents: list[Document], job: Callable[[], Extracted]) -> None:
        results, failures = [], []
        for result in job():
            if isinstance(result, Extraction):
                results.append(result)
                continue
            # A failed document still lacks this version, so the next run tries it again.
            document_id, rejection = result
            failures.append((rejection, document_id))
            if on_reject is not None:
                on_reject(rejection)
        now = utcnow()
        with store.begin() as connection:
            summary.extracted += write_extractions(connection, results, now)
            write_rejections(connection, failures, now)
        summary.failed += len(failures)
        if on_progress is not None:
            on_progress(len(documents))

    # One batch is extracted while the one before it is written.
    previous: tuple[list[Document], Callable[[], Extracted]] | None = None
    after = ""
    try:
        while True:
            with store.connect() as connection:
                rows = connection.execute(
                    select(docs)
                    .where(docs.c.id > after, _missing(extractor, version))  # type: ignore[arg-type]
                    .order_by(docs.c.id)
                    .limit(settings.ingest_batch_size)
                ).all()
            if previous is not None and extractors.inline:
                # This batch is extracted before submit returns: store the last one first, so a kill loses one.
                write(*previous)
                previous = None
            current = None
            if rows:
                after = rows[-1].id
                documents = [to_document(r) for r in rows]
                current = (documents, extractors.submit(documents))
            if previous is not None:
                write(*previous)
            if current is None:
                return summary
            previous = current
    finally:
        extractors.close()
