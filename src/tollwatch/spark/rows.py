"""Extractions and incidents as plain rows for Parquet, and back; no Spark needed (``tollwatch load`` uses it).

A ``documents`` row is the JSON contract of ``tollwatch extract`` (ARCHITECTURE.md) flattened one level:
``id``, ``title``, ``published`` and ``url`` at the top, then ``claims``, ``event`` and ``totals`` nested as in
the contract. Claims and the event carry every field of the domain model (``dataclasses.asdict``), a
superset of the contract, so a row turns back into the very ``Extraction`` the pipeline made; the store
columns (text, raw input, outlet, external id, source file and record) ride along so the store and the
incident stage need nothing else. ``store_id`` is the id ``tollwatch ingest`` stores the document under
(a hash of title and text), which incidents name documents by; each claim carries its ``claim_key``, the
stable id analysts' decisions refer to.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from ..incidents.export import incident_dict
from ..incidents.storage import claim_from, event_from
from ..model import POLICIES, Document, Estimate, Extraction, Incident, Rejection, Totals
from ..output import extraction_dict
from ..store.writes import claim_key, document_key

NO_MONTH = "unknown"


def month(published: date | None) -> str:
    """The partition a document is filed under: its publication month, ``YYYY-MM``."""
    return published.strftime("%Y-%m") if published else NO_MONTH


def document_row(document: Document, raw: str | None) -> dict[str, Any]:
    """The document part of a row, before (or without) extraction."""
    return {
        "id": document.id,
        "store_id": document_key(document),
        "title": document.title,
        "published": document.published,
        "url": document.url,
        "outlet": document.outlet,
        "external_id": document.external_id,
        "language": document.language,
        "source_path": document.source_path,
        "source_record": document.source_record,
        "text": document.text,
        "raw": raw,
        "month": month(document.published),
    }


def extraction_row(document: Document, raw: str | None, x: Extraction | None, error: str | None) -> dict[str, Any]:
    """One ``documents`` row; ``x`` is None and ``error`` says why when extraction failed."""
    row = document_row(document, raw)
    row.update(
        claims=None if x is None else [
            {**dataclasses.asdict(c), "claim_key": claim_key(row["store_id"], c)} for c in x.claims
        ],
        event=None if x is None else dataclasses.asdict(x.event),
        totals=None if x is None else dataclasses.asdict(x.totals),
        extractor=None if x is None else x.extractor,
        extractor_version=None if x is None else x.extractor_version,
        error=error,
    )
    return row


def rejection_row(rejection: Rejection) -> dict[str, Any]:
    """A record that is no document travels as a row without an id: where it came from, and why."""
    return {"id": None, "source_path": rejection.input, "source_record": rejection.record,
            "error": rejection.reason}


def row_document(row: dict[str, Any], *, store_id: bool = False) -> Document:
    """The document of a row, under its contract id or (``store_id``) the id the store gives it."""
    return Document(
        id=row["store_id"] if store_id else row["id"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        url=row["url"],
        outlet=row["outlet"],
        external_id=row["external_id"],
        language=row["language"],
        source_path=row["source_path"],
        source_record=row["source_record"],
    )


def _estimate(d: dict[str, Any] | None) -> Estimate | None:
    return None if d is None else Estimate(d["low"], d["best"], d["high"])


def row_extraction(row: dict[str, Any], *, store_id: bool = False) -> Extraction:
    """The ``Extraction`` a row was made from; the row must have one (``error`` is None)."""
    event = row["event"]
    date_ = event["date"]
    t = row["totals"]
    return Extraction(
        row_document(row, store_id=store_id),
        tuple(claim_from(c) for c in row["claims"]),
        # The stored JSON form holds the date as text; a Parquet row holds a date.
        event_from({**event, "date": date_.isoformat() if date_ else None}),
        Totals(t["policy"], _estimate(t["killed"]), _estimate(t["civilians_killed"]), _estimate(t["injured"])),
        row["extractor"],
        row["extractor_version"],
    )


def contract(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON object ``tollwatch extract`` prints for this document."""
    return extraction_dict(row_extraction(row))


def incident_row(incident: Incident) -> dict[str, Any]:
    """One ``incidents`` row: ``tollwatch incidents --format json`` with the estimates of every policy."""
    base = incident_dict(incident, POLICIES[0])
    del base["policy"]
    base["date"] = incident.event.date
    base["estimates"] = {p: incident_dict(incident, p)["estimates"] for p in POLICIES}
    base["report_keys"] = list(incident.report_keys)
    base["month"] = month(incident.event.date)
    return base
