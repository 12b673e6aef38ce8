"""tollwatch: source-attributed casualty records from news reports."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    ConfigError,
    EvaluationError,
    ExtractionError,
    GazetteerError,
    IngestError,
    SchemaOutdatedError,
    StoreError,
    TollwatchError,
)
from .model import (
    Claim,
    Count,
    Document,
    Estimate,
    Event,
    Extraction,
    Place,
    Rejection,
    Source,
    Totals,
    Victims,
)
from .settings import Settings


def extract(document: Document, settings: Settings | None = None) -> Extraction:
    """Run the whole pipeline on one document (see ``tollwatch.pipeline``)."""
    from .pipeline import extract as _extract

    return _extract(document, settings or Settings())


__all__ = [
    "Claim",
    "ConfigError",
    "Count",
    "Document",
    "Estimate",
    "EvaluationError",
    "Event",
    "Extraction",
    "ExtractionError",
    "GazetteerError",
    "IngestError",
    "Place",
    "Rejection",
    "SchemaOutdatedError",
    "Settings",
    "Source",
    "StoreError",
    "TollwatchError",
    "Totals",
    "Victims",
    "__version__",
    "extract",
]
