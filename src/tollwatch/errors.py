"""One exception tree for tollwatch.

    TollwatchError                 base; carries the document id and stage, where known
    ├── ConfigError                a bad setting or option
    ├── IngestError                an input that cannot be read into a document
    ├── ExtractionError            a pipeline stage failed on a document
    ├── GazetteerError             the gazetteer cannot be built or opened
    ├── StoreError                 the database cannot be reached or used
    │   └── SchemaOutdatedError    the database needs ``tollwatch db upgrade``
    └── EvaluationError            gold or dev data is missing or malformed

The CLI turns any of these into a one-line message and a non-zero exit.
"""

from __future__ import annotations


class TollwatchError(Exception):
    def __init__(self, message: str, *, document_id: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.document_id = document_id
        self.stage = stage

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.stage and f"stage {self.stage}", self.document_id and f"document {self.document_id}") if p)
        return f"{self.message} ({where})" if where else self.message


class ConfigError(TollwatchError):
    pass


class IngestError(TollwatchError):
    pass


class ExtractionError(TollwatchError):
    pass


class GazetteerError(TollwatchError):
    pass


class StoreError(TollwatchError):
    pass


class SchemaOutdatedError(StoreError):
    pass


class EvaluationError(TollwatchError):
    pass
