"""``tollwatch load``: a Spark job's Parquet output into the store, as ``tollwatch ingest`` would have stored it.

Reads ``documents`` and ``rejects`` with pyarrow, batch by batch (no Spark needed), and runs each batch
through ingest's own steps: exact duplicates dropped, near duplicates found and linked, then documents,
their machine output (the claims, event and totals Spark made) and rejections written in one
transaction with ``store.writes``. Every insert skips rows already stored, so running it again adds
nothing, and a killed load, run again, stores what it had not.

Incidents are not loaded: the store links the loaded reports itself (``tollwatch load`` asks it to when
done, as ``tollwatch ingest`` does), which gives the incidents ``tollwatch spark link`` gives, and replays
the analysts' decisions kept in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from ..errors import ConfigError
from ..ingest import IngestSummary, deduplicate, store_batch
from ..model import Extraction, Rejection
from ..readers import Input
from ..settings import Settings
from ..store.database import Store
from .rows import row_document, row_extraction

# Rejected inputs; a document whose extraction failed is rejected as it is loaded, like ingest does.
_INPUT = ds.field("document_id").is_null()
Progress = Callable[[int], None]
OnReject = Callable[[Rejection], None]


def _dataset(path: Path, name: str) -> Any:
    folder = path / name
    if not folder.is_dir():
        raise ConfigError(f"{path} has no {name}/ dataset: give the OUTPUT folder of `tollwatch spark extract`")
    return ds.dataset(folder, format="parquet", partitioning="hive")


def count(path: Path) -> int:
    """How many records (documents and rejected inputs) a load of ``path`` goes through."""
    return int(_dataset(path, "documents").count_rows() + _dataset(path, "rejects").count_rows(filter=_INPUT))


def _rows(batches: Iterator[Any]) -> Iterator[list[dict[str, Any]]]:
    for batch in batches:
        if batch.num_rows:
            yield batch.to_pylist()


def _in_order(dataset: Any, size: int) -> Iterator[list[dict[str, Any]]]:
    """Rows in the order the job wrote them: month by month, each month's files in task order."""
    for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):
        yield from _rows(fragment.to_batches(batch_size=size))


def load(path: Path, store: Store, settings: Settings, *, on_progress: Progress | None = None,
         on_reject: OnReject | None = None) -> IngestSummary:
    """Store every document and rejected input of a Spark job's output, once."""
    summary = IngestSummary()
    for rows in _rows(_dataset(path, "rejects").to_batches(filter=_INPUT, batch_size=settings.ingest_batch_size)):
        rejections = [(Rejection(r["input"], r["reason"], r["record"]), None) for r in rows]
        for rejection, _ in rejections:
            summary.reject(rejection)
            if on_reject is not None:
                on_reject(rejection)
        store_batch(store, [], [], rejections, summary)
        if on_progress is not None:
            on_progress(len(rows))
    for rows in _in_order(_dataset(path, "documents"), settings.ingest_batch_size):
        summary.read += len(rows)
        by_key: dict[str, dict[str, Any]] = {}
        for r in rows:
            by_key.setdefault(r["store_id"], r)  # the first, which is the one duplicate dropping keeps
        new = deduplicate(store, [Input(row_document(r), r["raw"]) for r in rows], summary, settings)
        results: list[Extraction] = []
        failures: list[tuple[Rejection, str | None]] = []
        for n in new:
            row = by_key[n.document.id]
            if row["error"] is None:
                results.append(replace(row_extraction(row, store_id=True), document=n.document))
                continue
            rejection = Rejection(n.document.source_path or n.document.id, row["error"], n.document.source_record)
            failures.append((rejection, n.document.id))
            summary.reject(rejection)
            if on_reject is not None:
                on_reject(rejection)
        store_batch(store, new, results, failures, summary)
        if on_progress is not None:
            on_progress(len(rows))
    return summary
