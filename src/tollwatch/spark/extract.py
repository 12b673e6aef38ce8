"""``tollwatch spark extract``: the extraction pipeline over a corpus, as a Spark job.

1. read records: JSONL lines (plain or gzip) or Parquet rows (each as a JSON object), numbered within
   their file; or whole WARC files, one task each, read with warcio
2. spread the records over ``partitions`` tasks, each a run of consecutive records of a few months
   (so each writes few files); in each task, ``mapInArrow`` turns records into documents with
   ``readers.jsonl_record`` / ``readers.read_stream`` and runs ``pipeline.extract`` on each, exactly as
   ``tollwatch extract`` does; a bad record or a failed extraction becomes a row saying why
3. write ``documents`` (in input order within each month) and ``rejects``, then ``claims`` and ``events``
   from the written documents

Nothing fails the job on account of one record: every record read is either a document or a reject.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, ExtractionError
from ..model import Rejection
from ..readers import Input, JsonlFields, jsonl_record, read_stream
from ..settings import Settings
from .rows import extraction_row, rejection_row
from .schema import DOCUMENTS, arrow
from .session import configure, ship_gazetteer, whole_files, worker_settings

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

FORMATS = ("jsonl", "parquet", "warc")
_BATCH = 200  # documents per Arrow batch handed back to Spark
_ROW_INDEX_BITS = (1 << 33) - 1  # monotonically_increasing_id keeps the row's place in its partition in these bits


@dataclass(frozen=True, slots=True)
class ExtractSummary:
    """What a job wrote. ``records`` = ``documents`` + ``rejected``; ``failed`` documents have no claims."""

    records: int
    documents: int
    failed: int
    rejected: int
    claims: int
    output: str


def _extracted(items: Iterable[Input | Rejection], settings: Settings) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    from ..pipeline import extract

    schema = arrow(DOCUMENTS)
    rows: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Rejection):
            rows.append(rejection_row(item))
        else:
            try:
                rows.append(extraction_row(item.document, item.raw, extract(item.document, settings), None))
            except ExtractionError as exc:
                rows.append(extraction_row(item.document, item.raw, None, f"extraction failed: {exc}"))
        if len(rows) >= _BATCH:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def source_name(uri: str) -> str:
    """A local file by its path, as ``tollwatch ingest`` names it; any other (s3a://, hdfs://) by its URI."""
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(uri).path)
    return uri


def _record_items(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                  published: date | None) -> Iterator[Input | Rejection]:
    limit = settings.max_input_bytes
    for batch in batches:
        columns = batch.to_pydict()
        for uri, number, value in zip(columns["path"], columns["record"], columns["value"], strict=True):
            path = source_name(uri)
            if not value.strip():
                continue  # a blank line is no record, as in the CLI
            if len(value) > limit:
                reason = f"record too large: over the limit of {limit:,} bytes (setting max_input_bytes)"
                yield Rejection(path, reason, number)
            else:
                try:
                    yield jsonl_record(value, path, number, fields, published, settings)
                except Exception as exc:  # noqa: BLE001  (a record nested too deep, say, must not end a job of hours)
                    yield Rejection(path, f"unreadable record: {type(exc).__name__}: {exc}", number)


def extract_records(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                    published: date | None, gazetteer_file: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: numbered records (``schema.LINES``) to ``schema.DOCUMENTS`` rows."""
    settings = worker_settings(settings, gazetteer_file)
    yield from _extracted(_record_items(batches, settings, fields, published), settings)


def _file_items(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                published: date | None) -> Iterator[Input | Rejection]:
    for batch in batches:
        for uri, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True):
            stream: io.BufferedReader = io.BufferedReader(io.BytesIO(content))
            name, last = source_name(uri), 0
            try:
                for item in read_stream(stream, name, fields, settings, published):
                    last = (item.record if isinstance(item, Rejection) else item.document.source_record) or last
                    yield item
            except Exception as exc:  # noqa: BLE001  (the rest of one bad file is lost, never the job)
                yield Rejection(name, f"unreadable after record {last}: {type(exc).__name__}: {exc}", last + 1)


def extract_files(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                  published: date | None, gazetteer_file: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: whole files (path, content) to ``schema.DOCUMENTS`` rows, as ``tollwatch ingest`` reads them."""
    settings = worker_settings(settings, gazetteer_file)
    yield from _extracted(_file_items(batches, settings, fields, published), settings)


def numbered_records(spark: SparkSession, source: str, format: str) -> DataFrame:
    """Every line (or Parquet row, as a JSON object) with its file and its 1-based number in that file.

    Run its scans inside ``session.whole_files``: each file is then a partition of its own, read in order,
    so a row's place in its partition is its place in its file.
    """
    from pyspark.sql import functions as F

    if format == "jsonl":
        frame = spark.read.text(source).select(F.col("value").cast("binary").alias("value"), "_metadata.file_path")
    else:
        frame = spark.read.parquet(source)
        frame = frame.select(F.encode(F.to_json(F.struct(*frame.columns)), "UTF-8").alias("value"),
                             "_metadata.file_path")
    record = (F.monotonically_increasing_id().bitwiseAND(_ROW_INDEX_BITS) + 1).alias("record")
    return frame.select(F.col("file_path").alias("path"), record, "value")


def run(spark: SparkSession, source: str, output: str, settings: Settings, *, format: str = "jsonl",
        partitions: int | None = None, fields: JsonlFields | None = None,
        published: date | None = None) -> ExtractSummary:
    """Extract every record under ``source`` into Parquet datasets under ``output`` (replacing them)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if format not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, got {format!r}")
    if partitions is not None and partitions < 1:
        raise ConfigError("--partitions must be at least 1")
    configure(spark)
    gazetteer_file = ship_gazetteer(spark, settings)
    fields = fields or JsonlFields()
    out = output.rstrip("/")
    if format == "warc":
        files = spark.read.format("binaryFile").load(source).select("path", "content")
        mapped = files.mapInArrow(partial(extract_files, settings=settings, fields=fields, published=published,
                                          gazetteer_file=gazetteer_file), DOCUMENTS)
    else:
        records = numbered_records(spark, source, format)
        tasks = partitions or 4 * spark.sparkContext.defaultParallelism
        # Each task takes a run of consecutive records of a few months, so it writes few files; the month
        # read here from the raw JSON is only a guess at where a document will be filed.
        month = F.substring(F.get_json_object(F.col("value").cast("string"), f"$.{fields.published}"), 1, 7)
        records = records.withColumn("guess", month).repartitionByRange(tasks, "guess", "path", "record") \
            .sortWithinPartitions("guess", "path", "record").drop("guess")
        mapped = records.mapInArrow(
            partial(extract_records, settings=settings, fields=fields, published=published,
                    gazetteer_file=gazetteer_file), DOCUMENTS)
    # Documents and rejects come out of one pass; keeping it on disk spares a second extraction.
    mapped = mapped.persist(StorageLevel.DISK_ONLY)
    try:
        with whole_files(spark):
            # Input order within each month (the sort the month partitioning needs anyway): ``load`` keeps the
            # first of two equal documents, as ``tollwatch ingest`` keeps the first it reads.
            documents = mapped.where(F.col("id").isNotNull()).sortWithinPartitions("month", "source_path",
                                                                                    "source_record")
            documents.write.mode("overwrite").partitionBy("month").parquet(f"{out}/documents")
            rejects = mapped.where(F.col("error").isNotNull()).select(
                F.col("source_path").alias("input"), F.col("source_record").alias("record"),
                F.col("error").alias("reason"),
                F.when(F.col("id").isNotNull(), F.col("store_id")).alias("document_id"))
            rejects.write.mode("overwrite").parquet(f"{out}/rejects")
    finally:
        mapped.unpersist()
    written = read_documents(spark, out)
    claims = written.where(F.col("claims").isNotNull()).select(
        F.col("id").alias("document_id"), "store_id", "month", F.posexplode("claims").alias("ordinal", "claim"))
    # Claims and events are small: one task per month writes them, one file each.
    claims.select("document_id", "store_id", "month", "ordinal", "claim.*").repartition("month") \
        .write.mode("overwrite").partitionBy("month").parquet(f"{out}/claims")
    events = written.where(F.col("event").isNotNull()).select(
        F.col("id").alias("document_id"), "store_id", "month", "event.*")
    events.repartition("month").write.mode("overwrite").partitionBy("month").parquet(f"{out}/events")
    return summarize(spark, out)


def read_documents(spark: SparkSession, output: str) -> DataFrame:
    return spark.read.schema(DOCUMENTS).parquet(f"{output.rstrip('/')}/documents")


def summarize(spark: SparkSession, output: str) -> ExtractSummary:
    """Counts of what a job wrote under ``output``, read back from the datasets."""
    from pyspark.sql import functions as F

    out = output.rstrip("/")
    docs = read_documents(spark, out).agg(
        F.count("*").alias("documents"),
        F.count("error").alias("failed"),
        F.coalesce(F.sum(F.when(F.col("claims").isNotNull(), F.size("claims"))), F.lit(0)).alias("claims"),
    ).first()
    rejected = spark.read.parquet(f"{out}/rejects").where(F.col("document_id").isNull()).count()
    assert docs is not None
    return ExtractSummary(docs["documents"] + rejected, docs["documents"], docs["failed"], rejected,
                          docs["claims"], out)
