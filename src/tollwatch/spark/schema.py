"""The Spark schemas of the Parquet datasets a job writes, and of what passes between its stages.

    documents/  one row per document read: the ``tollwatch extract`` JSON contract (``id``, ``title``,
                ``published``, ``url``, ``claims``, ``event``, ``totals``) with every model field, plus the
                store's columns (text, raw input, outlet, external id, source file and record, ``store_id``)
    claims/     one row per claim, the claim's fields at the top, with ``document_id`` and ``store_id``
    events/     one row per extracted document: the event with its place
    rejects/    one row per input that could not become a document, or whose extraction failed
    incidents/  written by ``spark link``: ``tollwatch incidents --format json`` with every policy's estimates

All but ``rejects`` are partitioned by ``month`` (``YYYY-MM`` of publication; of the event for incidents;
``unknown`` when there is none).
"""

from __future__ import annotations

from typing import Any

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

__all__ = ["CLAIM", "DOCUMENTS", "EVENT", "INCIDENTS", "LINES", "REJECTS", "REPORTS", "arrow"]


def _struct(*fields: tuple[str, DataType]) -> StructType:
    return StructType([StructField(name, kind, nullable=True) for name, kind in fields])


_S, _I, _L = StringType(), IntegerType(), LongType()
_STRINGS = ArrayType(_S)
_SPAN = ArrayType(_I)

CLAIM = _struct(
    ("outcome", _S),
    ("victims", _struct(("group", _S), ("includes", _STRINGS), ("affiliation", _S), ("name", _S),
                        ("description", _S))),
    ("count", _struct(("low", _L), ("high", _L), ("qualifier", _S), ("text", _S), ("vague_word", _S))),
    ("stance", _S),
    ("source", _struct(("speaker", _S), ("role", _S), ("organization", _S), ("type", _S), ("via", _STRINGS))),
    ("span", _SPAN),
    ("evidence", _S),
    ("alleged_perpetrator", _S),
    ("subset", BooleanType()),
    ("background", BooleanType()),
    ("segment", _I),
    ("stage", _S),
    ("claim_key", _S),
)

_PLACE_CONTRACT = (
    ("name", _S), ("admin1", _S), ("country", _S), ("lat", DoubleType()), ("lon", DoubleType()), ("precision", _S),
)
PLACE = _struct(*_PLACE_CONTRACT, ("span", _SPAN), ("geonameid", _L))

EVENT = _struct(
    ("type", _S),
    ("date", DateType()),
    ("date_precision", _S),
    ("place", PLACE),
    ("alleged_perpetrators", _STRINGS),
    ("type_span", _SPAN),
    ("date_span", _SPAN),
    ("stage", _S),
)

ESTIMATE = _struct(("low", _L), ("best", _L), ("high", _L))
_OUTCOMES = (("killed", ESTIMATE), ("civilians_killed", ESTIMATE), ("injured", ESTIMATE))
TOTALS = _struct(("policy", _S), *_OUTCOMES)

DOCUMENTS = _struct(
    ("id", _S),
    ("store_id", _S),
    ("title", _S),
    ("published", DateType()),
    ("url", _S),
    ("outlet", _S),
    ("external_id", _S),
    ("language", _S),
    ("source_path", _S),
    ("source_record", _I),
    ("text", _S),
    ("raw", _S),
    ("month", _S),
    ("claims", ArrayType(CLAIM)),
    ("event", EVENT),
    ("totals", TOTALS),
    ("extractor", _S),
    ("extractor_version", _S),
    ("error", _S),
)

REJECTS = _struct(("input", _S), ("record", _I), ("reason", _S), ("document_id", _S))

# Input records on their way to extraction: the file, the record's number in it, and its bytes; or, with no
# bytes, why that record (or the rest of the file from it on) could not be read.
LINES = _struct(("path", _S), ("record", _L), ("value", BinaryType()), ("error", _S))

# A report (``tollwatch.incidents.report.Report``) with its blocking keys: where it is filed and where it looks.
REPORTS = _struct(
    ("key", _S),
    ("document_id", _S),
    ("window_start", DateType()),
    ("window_end", DateType()),
    ("loose", BooleanType()),
    ("signature", BinaryType()),
    ("fingerprint", BinaryType()),
    ("data", _S),
    ("filed", ArrayType(_L)),
    ("looks", ArrayType(_L)),
)

_POLICY_ESTIMATES = _struct(*_OUTCOMES)
INCIDENTS = _struct(
    ("id", _S),
    ("type", _S),
    ("date", DateType()),
    ("date_precision", _S),
    ("place", _struct(*_PLACE_CONTRACT)),
    ("alleged_perpetrators", _STRINGS),
    ("grade", _S),
    ("grade_reason", _S),
    ("estimates", _struct(("conservative", _POLICY_ESTIMATES), ("range", _POLICY_ESTIMATES),
                          ("ucdp", _POLICY_ESTIMATES))),
    ("sources", _I),
    ("documents", ArrayType(_struct(("id", _S), ("claims", _I)))),
    ("report_keys", _STRINGS),
    ("month", _S),
)


def arrow(schema: StructType) -> Any:
    """The Arrow schema of a Spark schema, for the batches ``mapInArrow`` functions yield."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)
