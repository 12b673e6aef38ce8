"""``tollwatch spark extract``, ``tollwatch spark link`` and ``tollwatch load``: the pipeline on Spark, and back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError
from ..readers import JsonlFields
from ..settings import Settings
from . import app
from .common import DbOption, err_console, escape, handle_errors, progress, warn

spark_app = typer.Typer(
    help="Run extraction and incident linking as Apache Spark jobs (local mode, or spark-submit on a cluster).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

Master = Annotated[
    str,
    typer.Option(help="Spark master URL; ignored under spark-submit, which sets its own. local[N] uses N cores."),
]
Policy = Annotated[str, typer.Option(help="Totals policy of each document: conservative, range or ucdp.")]
Conf = Annotated[
    list[str] | None,
    typer.Option("--conf", help="A Spark setting KEY=VALUE, as spark-submit takes it; repeat for more."),
]


def _session(master: str, conf: list[str] | None) -> Any:
    from ..spark.session import spark_session

    settings = {}
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--conf takes KEY=VALUE, got {item!r}")
        settings[key.strip()] = value
    spark = spark_session(master, conf=settings)
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@spark_app.command("extract")
@handle_errors
def extract_command(
    input: Annotated[str, typer.Argument(help="File, folder or glob; local, hdfs:// or s3a:// paths.")],
    output: Annotated[str, typer.Argument(help="Folder to write documents/, claims/, events/ and rejects/ in.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (plain or .gz), parquet or warc.")] = "jsonl",
    partitions: Annotated[
        int | None, typer.Option(help="Extraction tasks; default: four per core. WARC runs one task per file.")
    ] = None,
    master: Master = "local[*]",
    conf: Conf = None,
    policy: Policy = "conservative",
    text_field: Annotated[str, typer.Option(help="Field (or Parquet column) holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="Field holding the external id.")] = "id",
    published_field: Annotated[str, typer.Option(help="Field holding the publication date.")] = "published",
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for records without one.")
    ] = None,
) -> None:
    """Extract claims, event and totals from every record, into Parquet partitioned by publication month.

    Bad records (malformed JSON, no text, undecodable, too large) go to rejects/ with their reason and
    never fail the job. Output datasets are replaced.

    Examples:

        tollwatch spark extract reports.jsonl.gz out/ --partitions 16 --conf spark.driver.memory=2g

        tollwatch spark extract 's3a://crawl/CC-NEWS/2016/*.warc.gz' s3a://bucket/tollwatch/ --format warc
    """
    from ..spark.extract import run

    pub = None
    if published is not None:
        try:
            pub = date.fromisoformat(published)
        except ValueError:
            raise ConfigError(f"--published must be YYYY-MM-DD, got {published!r}") from None
    settings = Settings(policy=policy)
    fields = JsonlFields(text=text_field, id=id_field, published=published_field)
    summary = run(_session(master, conf), input, output, settings, format=format, partitions=partitions,
                  fields=fields, published=pub)
    err_console.print(
        f"read {summary.records:,} records · documents {summary.documents:,} (extraction failed {summary.failed:,})"
        f" · claims {summary.claims:,} · rejected {summary.rejected:,} · written to {escape(summary.output)}",
        markup=False,
    )


@spark_app.command("link")
@handle_errors
def link_command(
    output: Annotated[str, typer.Argument(help="The OUTPUT folder of `tollwatch spark extract`.")],
    master: Master = "local[*]",
    conf: Conf = None,
) -> None:
    """Link the extracted documents into incidents with estimates under every policy, into OUTPUT/incidents/.

    Candidates come from joins on date window and place cell, never all pairs; the result is the one
    `tollwatch incidents` gives for the same documents.

    Examples:

        tollwatch spark link out/

        tollwatch spark link s3a://bucket/tollwatch/ --master spark://head:7077
    """
    from ..spark.link import run

    summary = run(_session(master, conf), output, Settings())
    err_console.print(
        f"documents {summary.documents:,} · reports {summary.reports:,} · links {summary.links:,}"
        f" · incidents {summary.incidents:,} · written to {escape(summary.output)}/incidents",
        markup=False,
    )


@app.command("load")
@handle_errors
def load_command(
    path: Annotated[Path, typer.Argument(help="The OUTPUT folder of `tollwatch spark extract` (local).")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help=Settings.help()["ingest_batch_size"])] = 250,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link the new reports into incidents when done.")
    ] = True,
) -> None:
    """Bulk-load a Spark job's documents, claims and rejects into the store, as `tollwatch ingest` would.

    Idempotent and resumable: already stored documents are skipped, so running it again adds nothing, and
    a killed load, run again, finishes the rest. Then the store links the new reports into incidents, as
    after `tollwatch ingest`.

    Examples:

        tollwatch load out/

        tollwatch load out/ --db postgresql+psycopg://me@db.example/tollwatch
    """
    from ..spark.load import count, load
    from ..store.database import open_store
    from .ingest import _link, _print_summary

    settings = Settings(ingest_batch_size=batch_size)
    total = count(path)
    with open_store(db, create=True) as store:
        with progress("loading", total) as advance:
            summary = load(path, store, settings, on_progress=advance,
                           on_reject=lambda r: warn(f"rejected {escape(r.input)}:{r.record}: {escape(r.reason)}"))
        _print_summary(summary)
        if link and summary.extracted:
            _link(store, settings)
