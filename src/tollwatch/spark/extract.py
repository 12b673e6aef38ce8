"""``tollwatch spark extract``: the extraction pipeline over a corpus, as a Spark job.

1. read records, each file in a task of its own: JSONL lines (plain or gzip), read by Python and numbered
   within their file, or Parquet rows (each as a JSON object); or whole WARC files, streamed with warcio
2. spread the records over ``partitions`` tasks, each a run of consecutive records of a few months
   (so each writes few files); in each task, ``mapInArrow`` turns records into documents with
   ``readers.jsonl_record`` / ``readers.read_stream`` and runs ``pipeline.extract`` on each, exactly as
   ``tollwatch extract`` does; a bad record or a failed extraction becomes a row saying why
3. write ``documents`` (in input order within each month), counting what is written as it is written
   (an ``Observation``, not a second pass); read the rejected records back as ``rejects`` only when there
   are any; then ``claims`` and ``events`` from the written documents

Nothing fails the job on account of one record or one file: every record read is either a document or a
reject, and a file that cannot be read to its end (a truncated or corrupt gzip, say) keeps the records read
before the break and adds one reject saying where it broke. Spark's own text reader would fail the job
there, so JSONL files are read in Python, streaming, a line at a time.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from ..errors import ConfigError, ExtractionError
from ..model import Rejection
from ..readers import Input, JsonlFields, jsonl_record, read_stream
from ..settings import Settings
from .rows import extraction_row, rejection_row
from .schema import DOCUMENTS, LINES, REJECTS, arrow
from .session import configure, ship_gazetteer, whole_files, worker_settings

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

FORMATS = ("jsonl", "parquet", "warc")
_BATCH = 200  # documents per Arrow batch handed back to Spark
_LINE_BATCH = 1000  # input lines per Arrow batch handed to Spark
_REJECTED = "rejected"  # the month rejected records are written under, before they move to rejects/
_ROW_INDEX_BITS = (1 << 33) - 1  # monotonically_increasing_id keeps the row's place in its partition in these bits
_GZIP_MAGIC = b"\x1f\x8b"
# A truncated or corrupt gzip stream surfaces as any of these, depending on where it breaks.
_BROKEN = (OSError, EOFError, zlib.error)


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
    for batch in batches:
        columns = batch.to_pydict()
        for uri, number, value, error in zip(columns["path"], columns["record"], columns["value"], columns["error"],
                                             strict=True):
            path = source_name(uri)
            if error is not None:
                yield Rejection(path, error, number)
            elif value.strip():  # a blank line is no record, as in the CLI
                try:
                    yield jsonl_record(value, path, number, fields, published, settings)
                except Exception as exc:  # noqa: BLE001  (a record nested too deep, say, must not end a job of hours)
                    yield Rejection(path, f"unreadable record: {type(exc).__name__}: {exc}", number)


def extract_records(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                    published: date | None, gazetteer_file: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: numbered records (``schema.LINES``) to ``schema.DOCUMENTS`` rows."""
    settings = worker_settings(settings, gazetteer_file)
    yield from _extracted(_record_items(batches, settings, fields, published), settings)


def _too_large(limit: int) -> str:
    return f"record too large: over the limit of {limit:,} bytes (setting max_input_bytes)"


def open_input(uri: str) -> IO[bytes]:
    """One input file as a buffered byte stream, never read whole: local files directly, any other through
    pyarrow's file systems (``s3a://`` is S3 to pyarrow, with credentials from the usual AWS chain)."""
    if uri.startswith("file:"):
        return open(source_name(uri), "rb")
    from pyarrow import fs

    scheme, _, rest = uri.partition("://")
    filesystem, path = fs.FileSystem.from_uri(f"s3://{rest}" if scheme in ("s3a", "s3n") else uri)
    return io.BufferedReader(filesystem.open_input_stream(path, compression=None))


def _lines(uri: str, limit: int) -> Iterator[tuple[int, bytes | None, str | None]]:
    """A file's numbered lines (gunzipped if need be), or why a line, or the rest of the file, is not one.

    A line over ``limit`` bytes is skipped unread, as ``tollwatch extract`` skips it; a break in the file
    ends it with one row naming how many records were read before it.
    """
    try:
        raw = open_input(uri)
    except OSError as exc:
        yield 1, None, f"cannot read: {exc.strerror or exc}"
        return
    number = 0
    with raw:
        compressed = raw.peek(2)[:2] == _GZIP_MAGIC  # type: ignore[attr-defined]
        stream = gzip.GzipFile(fileobj=raw) if compressed else raw
        try:
            while line := stream.readline(limit + 1):
                number += 1
                if len(line) > limit and not line.endswith(b"\n"):
                    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield number, None, _too_large(limit)
                else:
                    yield number, line, None
        except _BROKEN as exc:
            what = "truncated or corrupt compressed input" if compressed else "cannot read"
            yield number + 1, None, f"{what} after record {number}: {type(exc).__name__}: {exc}"


def read_lines(batches: Iterable[pa.RecordBatch], limit: int) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: files (``path``) to their numbered lines (``schema.LINES``), streaming."""
    for batch in batches:
        for uri in batch.column("path").to_pylist():
            rows: list[tuple[int, bytes | None, str | None]] = []
            for row in _lines(uri, limit):
                rows.append(row)
                if len(rows) >= _LINE_BATCH:
                    yield _line_batch(uri, rows)
                    rows = []
            if rows:
                yield _line_batch(uri, rows)


def _line_batch(uri: str, rows: list[tuple[int, bytes | None, str | None]]) -> pa.RecordBatch:
    import pyarrow as pa

    numbers, values, errors = zip(*rows, strict=True)
    return pa.RecordBatch.from_arrays(
        [pa.array([uri] * len(rows), pa.string()), pa.array(numbers, pa.int64()), pa.array(values, pa.binary()),
         pa.array(errors, pa.string())], schema=arrow(LINES))


def _file_items(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                published: date | None) -> Iterator[Input | Rejection]:
    for batch in batches:
        for uri in batch.column("path").to_pylist():
            name, last = source_name(uri), 0
            try:
                with open_input(uri) as stream:
                    for item in read_stream(stream, name, fields, settings, published):  # type: ignore[arg-type]
                        last = (item.record if isinstance(item, Rejection) else item.document.source_record) or last
                        yield item
            except Exception as exc:  # noqa: BLE001  (the rest of one bad file is lost, never the job)
                yield Rejection(name, f"unreadable after record {last}: {type(exc).__name__}: {exc}", last + 1)


def extract_files(batches: Iterable[pa.RecordBatch], settings: Settings, fields: JsonlFields,
                  published: date | None, gazetteer_file: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: files (``path``) to ``schema.DOCUMENTS`` rows, each read as ``tollwatch ingest`` reads it."""
    settings = worker_settings(settings, gazetteer_file)
    yield from _extracted(_file_items(batches, settings, fields, published), settings)


def input_files(spark: SparkSession, source: str) -> DataFrame:
    """The files under ``source`` (a file, folder or glob; any file system Spark reads), by ``path``.

    Their content is not read here (Spark's ``binaryFile`` reads it only when asked for ``content``). Run
    its scan inside ``session.whole_files``: each file is then a task of its own.
    """
    return spark.read.format("binaryFile").load(source).select("path")


def numbered_records(spark: SparkSession, source: str, format: str, limit: int) -> DataFrame:
    """Every line (or Parquet row, as a JSON object) with its file and its 1-based number in that file
    (``schema.LINES``); ``error`` says why a line, or the rest of a file, could not be read.

    Run its scans inside ``session.whole_files``: each file is then a partition of its own, read in order,
    so a Parquet row's place in its partition is its place in its file.
    """
    from pyspark.sql import functions as F

    if format == "jsonl":
        return input_files(spark, source).mapInArrow(partial(read_lines, limit=limit), LINES)
    frame = spark.read.parquet(source)
    frame = frame.select(F.encode(F.to_json(F.struct(*frame.columns)), "UTF-8").alias("value"),
                         "_metadata.file_path")
    record = (F.monotonically_increasing_id().bitwiseAND(_ROW_INDEX_BITS) + 1).alias("record")
    large = F.length("value") > limit
    return frame.select(F.col("file_path").alias("path"), record,
                        F.when(~large, F.col("value")).alias("value"),
                        F.when(large, F.lit(_too_large(limit))).alias("error"))


def run(spark: SparkSession, source: str, output: str, settings: Settings, *, format: str = "jsonl",
        partitions: int | None = None, fields: JsonlFields | None = None,
        published: date | None = None) -> ExtractSummary:
    """Extract every record under ``source`` into Parquet datasets under ``output`` (replacing them)."""
    from pyspark.sql import Observation
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
        mapped = input_files(spark, source).mapInArrow(
            partial(extract_files, settings=settings, fields=fields, published=published,
                    gazetteer_file=gazetteer_file), DOCUMENTS)
    else:
        records = numbered_records(spark, source, format, settings.max_input_bytes)
        tasks = partitions or 4 * spark.sparkContext.defaultParallelism
        # Each task takes a run of consecutive records of a few months, so it writes few files; the month
        # read here from the raw JSON is only a guess at where a document will be filed.
        month = F.substring(F.get_json_object(F.col("value").cast("string"), f"$.{fields.published}"), 1, 7)
        # Their order within the task does not matter: the documents are sorted as they are written.
        records = records.withColumn("guess", month).repartitionByRange(tasks, "guess", "path", "record") \
            .drop("guess")
        mapped = records.mapInArrow(
            partial(extract_records, settings=settings, fields=fields, published=published,
                    gazetteer_file=gazetteer_file), DOCUMENTS)
    # One pass writes documents and rejected records alike, the latter filed under a month of their own,
    # rewritten as rejects/ (they are few) and removed: the extracted rows are neither kept nor read twice.
    # The summary's counts are observed as that pass writes, not counted by reading the output back.
    mapped = mapped.withColumn("month", F.coalesce("month", F.lit(_REJECTED)))
    rejected = F.col("month") == _REJECTED
    observation = Observation("extracted")
    mapped = mapped.observe(
        observation,
        F.count(F.lit(1)).alias("records"),
        F.count(F.when(rejected, 1)).alias("rejected"),
        F.count(F.when(~rejected & F.col("error").isNotNull(), 1)).alias("failed"),
        F.coalesce(F.sum(F.when(~rejected, F.size("claims"))), F.lit(0)).alias("claims"))
    with whole_files(spark):
        # Input order within each month (the sort the month partitioning needs anyway): ``load`` keeps the
        # first of two equal documents, as ``tollwatch ingest`` keeps the first it reads.
        mapped.sortWithinPartitions("month", "source_path", "source_record") \
            .write.mode("overwrite").partitionBy("month").parquet(f"{out}/documents")
    counts = observation.get
    summary = ExtractSummary(counts["records"], counts["records"] - counts["rejected"], counts["failed"],
                             counts["rejected"], counts["claims"], out)
    if summary.rejected or summary.failed:
        # Rejected records, and documents whose extraction failed (found by the Parquet statistics of ``error``).
        rejects = read_documents(spark, out).where(F.col("error").isNotNull()).select(
            F.col("source_path").alias("input"), F.col("source_record").alias("record"),
            F.col("error").alias("reason"), F.when(F.col("id").isNotNull(), F.col("store_id")).alias("document_id"))
        rejects.write.mode("overwrite").parquet(f"{out}/rejects")
        _remove(spark, f"{out}/documents/month={_REJECTED}")
    else:  # nothing to read back: an empty rejects/ with its columns, made in the JVM (no Python worker)
        empty = spark.range(0, numPartitions=1).select(
            *(F.lit(None).cast(field.dataType).alias(field.name) for field in REJECTS.fields))
        empty.write.mode("overwrite").parquet(f"{out}/rejects")
    written = read_documents(spark, out)
    claims = written.where(F.col("claims").isNotNull()).select(
        F.col("id").alias("document_id"), "store_id", "month", F.posexplode("claims").alias("ordinal", "claim"))
    # Claims and events are small: one task per month writes them, one file each, the months spread over
    # every core (left to itself, adaptive execution would coalesce them into one task writing every file).
    writers = spark.sparkContext.defaultParallelism
    claims.select("document_id", "store_id", "month", "ordinal", "claim.*").repartition(writers, "month") \
        .write.mode("overwrite").partitionBy("month").parquet(f"{out}/claims")
    events = written.where(F.col("event").isNotNull()).select(
        F.col("id").alias("document_id"), "store_id", "month", "event.*")
    events.repartition(writers, "month").write.mode("overwrite").partitionBy("month").parquet(f"{out}/events")
    return summary


def read_documents(spark: SparkSession, output: str) -> DataFrame:
    return spark.read.schema(DOCUMENTS).parquet(f"{output.rstrip('/')}/documents")


def _remove(spark: SparkSession, path: str) -> None:
    """Delete a folder on whatever file system Spark writes to (local, HDFS, S3)."""
    jvm, context = spark.sparkContext._jvm, spark.sparkContext._jsc
    assert jvm is not None  # a session on the driver always has its gateway
    target = jvm.org.apache.hadoop.fs.Path(path)
    target.getFileSystem(context.hadoopConfiguration()).delete(target, True)
