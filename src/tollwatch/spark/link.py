"""``tollwatch spark link``: incidents from the ``documents`` an extract job wrote, with Spark joins for blocking.

The same decisions as ``tollwatch.incidents.link.Linker``, made in bulk:

1. documents, once each (exact duplicates dropped as ``tollwatch ingest`` drops them), become reports
   (``report.reports_of``), each with the blocks of the store's index (place name, grid cell, admin area
   and country, by week): where it is filed (``link.filed_blocks``) and where it looks
   (``link.candidate_blocks``). Precise reports ("anchors") and loose ones (vague date, or no place) are
   filed apart, as in the Linker; a loose report also looks among anchors, to attach to one.
2. a join on the keys gives the candidate pairs: anchor with anchor, loose with loose, loose with anchor;
   ``link.match`` scores each pair in a Python worker; a pair without a score is no link.
3. connected components of the anchor links, and of the loose links, by min-label propagation: each
   component is named after its smallest report key, as the Linker's union-find names it.
4. each group of loose reports attaches to the anchor component it matches best (highest score, then the
   smallest root), as ``Linker.groups`` does, or stands alone.
5. each incident is built by ``incidents.build.build`` (estimates under every policy, grade, timeline)
   and written to ``incidents``, partitioned by the month of its date.

Analysts' decisions live in the store, not here: ``tollwatch load`` the documents, and the store's own
linking (which gives the same incidents) replays them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from types import SimpleNamespace
from typing import TYPE_CHECKING

from ..dedup import fingerprint
from ..incidents.build import build
from ..incidents.decisions import apply
from ..incidents.link import candidate_blocks, filed_blocks, is_loose, match
from ..incidents.report import Report, reports_of
from ..incidents.storage import report_from, report_row
from ..settings import Settings
from .extract import read_documents
from .rows import incident_row, row_extraction
from .schema import INCIDENTS, REPORTS, arrow
from .session import configure, ship_gazetteer, worker_settings

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import Column, DataFrame, SparkSession

_PAIRS = "struct<kind:string,a:string,b:string,score:double>"


@dataclass(frozen=True, slots=True)
class LinkSummary:
    documents: int
    reports: int
    links: int
    incidents: int
    output: str


def report_rows(report: Report) -> dict[str, object]:
    """A report as a ``schema.REPORTS`` row, with the blocks the store's index files it in and looks in."""
    row = report_row(report, 0, None)  # type: ignore[arg-type]  # the store's columns; no extraction id here
    return {
        "key": row["key"], "document_id": row["document_id"], "window_start": row["window_start"],
        "window_end": row["window_end"], "loose": is_loose(report), "signature": row["signature"],
        "fingerprint": row["fingerprint"], "data": json.dumps(row["data"]),
        "filed": sorted(filed_blocks(report)), "looks": sorted(candidate_blocks(report)),
    }


def _report(row: dict[str, object]) -> Report:
    return report_from(SimpleNamespace(**{**row, "data": json.loads(str(row["data"]))}))


def make_reports(batches: Iterable[pa.RecordBatch], settings: Settings,
                 gazetteer_file: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: documents to reports with their blocking keys."""
    import pyarrow as pa

    settings = worker_settings(settings, gazetteer_file)
    schema = arrow(REPORTS)
    for batch in batches:
        rows = [
            report_rows(r)
            for doc in batch.to_pylist()
            for r in reports_of(row_extraction(doc, store_id=True), settings, fingerprint(doc["text"]).signature)
        ]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def score_pairs(batches: Iterable[pa.RecordBatch], settings: Settings) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: candidate pairs with both reports to the pairs ``link.match`` links, with its score."""
    import pyarrow as pa

    out_schema = pa.schema([("kind", pa.string()), ("a", pa.string()), ("b", pa.string()), ("score", pa.float64())])
    for batch in batches:
        rows = []
        for pair in batch.to_pylist():
            score = match(_report(pair["ra"]), _report(pair["rb"]), settings)
            if score is not None:
                rows.append({"kind": pair["kind"], "a": pair["a"], "b": pair["b"], "score": float(score)})
        yield pa.RecordBatch.from_pylist(rows, schema=out_schema)


def build_incidents(batches: Iterable[pa.RecordBatch], settings: Settings) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: each incident's reports to its ``schema.INCIDENTS`` row."""
    import pyarrow as pa

    schema = arrow(INCIDENTS)
    for batch in batches:
        rows = []
        for group in batch.column("reports").to_pylist():
            reports = {r.key: r for r in map(_report, group)}
            applied = apply([tuple(sorted(reports))], ())
            rows.append(incident_row(build(applied.groups[0], reports, applied, settings)))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def once_each(documents: DataFrame) -> DataFrame:
    """Documents as the store keeps them: the first of each stored id, and of each external id with one text."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = (F.col("month"), F.col("source_path"), F.col("source_record"))  # the order ``load`` stores them in
    first = documents.withColumn("_n", F.row_number().over(Window.partitionBy("store_id").orderBy(*order)))
    first = first.where("_n = 1").withColumn("_text_hash", F.substring(F.sha2(F.col("text"), 256), 1, 20))
    by_external = Window.partitionBy("external_id", "_text_hash").orderBy(*order)
    first = first.withColumn("_n", F.when(F.col("external_id").isNull(), 1)
                             .otherwise(F.row_number().over(by_external)))
    return first.where("_n = 1").drop("_n", "_text_hash")


def components(vertices: DataFrame, edges: DataFrame) -> DataFrame:
    """Connected components: ``(key, root)``, the root being the smallest key of the component.

    Each round, every report hears its neighbours' roots and keeps the smallest; it stops when none
    changes, after as many rounds as the widest component is across (a handful, for incidents).
    """
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))).localCheckpoint()
    labels = vertices.select("key", F.col("key").alias("root"), F.lit(True).alias("changed"))
    while True:
        heard = both.join(labels.where("changed"), both.src == labels.key) \
            .select(F.col("dst").alias("key"), "root", F.lit(False).alias("own"))
        mine = labels.select("key", "root", F.lit(True).alias("own"))
        labels = mine.union(heard).groupBy("key").agg(
            F.min("root").alias("root"), F.min(F.when(F.col("own"), F.col("root"))).alias("was")
        ).select("key", "root", (F.col("root") != F.col("was")).alias("changed")).localCheckpoint()
        if labels.where("changed").isEmpty():
            return labels.select("key", "root")


def _pair_kind(a_loose: Column, b_loose: Column) -> Column:
    from pyspark.sql import functions as F

    return F.when(~a_loose, "anchor").when(b_loose, "loose").otherwise("attach")


def run(spark: SparkSession, output: str, settings: Settings) -> LinkSummary:
    """Link the ``documents`` under ``output`` into ``incidents`` there (replacing them)."""
    from pyspark.sql import functions as F

    configure(spark)
    gazetteer_file = ship_gazetteer(spark, settings)
    out = output.rstrip("/")
    documents = once_each(read_documents(spark, out).where("id IS NOT NULL AND error IS NULL")).localCheckpoint()
    reports = documents.mapInArrow(partial(make_reports, settings=settings, gazetteer_file=gazetteer_file),
                                   REPORTS).localCheckpoint()

    filed = reports.select(F.col("key").alias("b"), F.col("document_id").alias("b_doc"),
                           F.col("loose").alias("b_loose"), F.explode("filed").alias("block"))
    looks = reports.select(F.col("key").alias("a"), F.col("document_id").alias("a_doc"),
                           F.col("loose").alias("a_loose"), F.explode("looks").alias("block"))
    candidates = looks.join(filed, "block").where("a != b AND a_doc != b_doc").select(
        _pair_kind(F.col("a_loose"), F.col("b_loose")).alias("kind"), "a", "b")
    # A link is symmetric (``match`` is); attachment is asked of the loose report only.
    symmetric = F.col("kind") != "attach"
    candidates = candidates.select(
        "kind",
        F.when(symmetric, F.least("a", "b")).otherwise(F.col("a")).alias("a"),
        F.when(symmetric, F.greatest("a", "b")).otherwise(F.col("b")).alias("b"),
    ).distinct()
    data = reports.select("key", F.struct("key", "document_id", "window_start", "window_end", "loose", "signature",
                                          "fingerprint", "data").alias("report"))
    pairs = candidates.join(data.withColumnRenamed("key", "a").withColumnRenamed("report", "ra"), "a") \
        .join(data.withColumnRenamed("key", "b").withColumnRenamed("report", "rb"), "b")
    links = pairs.select("kind", "a", "b", "ra", "rb").mapInArrow(partial(score_pairs, settings=settings),
                                                                  _PAIRS).localCheckpoint()

    # Anchors link only to anchors and loose reports to loose ones: one pass finds both kinds of component.
    roots = components(reports.select("key"), links.where("kind != 'attach'"))
    anchors = roots.join(reports.where("NOT loose").select("key"), "key")
    loose = roots.join(reports.where("loose").select("key"), "key")
    attach = links.where("kind = 'attach'") \
        .join(loose.select(F.col("key").alias("a"), F.col("root").alias("group")), "a") \
        .join(anchors.select(F.col("key").alias("b"), F.col("root").alias("target")), "b") \
        .groupBy("group").agg(F.min(F.struct((-F.col("score")).alias("s"), "target")).alias("best")) \
        .select("group", F.col("best.target").alias("target"))
    loose = loose.join(attach, loose.root == attach.group, "left") \
        .select("key", F.coalesce("target", "root").alias("root"))
    members = anchors.union(loose)

    grouped = reports.join(members, "key").groupBy("root").agg(
        F.collect_list(F.struct("key", "document_id", "window_start", "window_end", "loose", "signature",
                                "fingerprint", "data")).alias("reports"))
    incidents = grouped.select("reports").mapInArrow(partial(build_incidents, settings=settings), INCIDENTS)
    incidents.write.mode("overwrite").partitionBy("month").parquet(f"{out}/incidents")
    written = spark.read.schema(INCIDENTS).parquet(f"{out}/incidents").count()
    return LinkSummary(documents.count(), reports.count(), links.where("kind != 'attach'").count(), written, out)

