"""The Spark session a job runs in, and the resources each Python worker loads once.

The driver makes sure the gazetteer file exists (building it takes about 20 s), then ships it to every
executor with ``SparkContext.addFile``. Each task resolves the shipped copy (``worker_settings``); the
gazetteer, spaCy's tokenizer and the lexicons are then loaded by the stages themselves, lazily, once per
Python worker process, which Spark reuses from task to task (``spark.python.worker.reuse``, on by default),
never per record.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .. import gazetteer
from ..errors import ConfigError
from ..settings import Settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# A batch of extracted documents (text, raw input and claims) stays small in a worker's memory.
JOB_CONF = {
    "spark.sql.execution.arrow.maxRecordsPerBatch": "500",
    "spark.sql.sources.partitionOverwriteMode": "static",
}
# One file per input partition, read in order: the record numbers a rejection names are then line numbers.
# Extraction is spread over tasks after reading, so reading needs no parallelism of its own.
_WHOLE = str(1 << 40)
WHOLE_FILES = {"spark.sql.files.maxPartitionBytes": _WHOLE, "spark.sql.files.openCostInBytes": _WHOLE}


def submitted() -> bool:
    """Whether this process was started by ``spark-submit``, which then owns the master URL."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def spark_session(master: str | None = "local[*]", app_name: str = "tollwatch",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """A session for one job; under ``spark-submit`` the master and memory settings given there apply."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("Spark jobs need PySpark and a Java 17+ runtime: pip install 'tollwatch[spark]'") from None
    builder = SparkSession.builder.appName(app_name)
    if master and not submitted():
        builder = builder.master(master)
    for key, value in {**JOB_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def configure(spark: SparkSession) -> None:
    """Set what a job needs on a session someone else made (a notebook's, or a test's)."""
    for key, value in JOB_CONF.items():
        spark.conf.set(key, value)


@contextmanager
def whole_files(spark: SparkSession) -> Iterator[None]:
    """Scans planned inside read each file whole, in one task; the session's own settings come back after."""
    before = {key: spark.conf.get(key, None) for key in WHOLE_FILES}
    for key, value in WHOLE_FILES.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key, old in before.items():
            if old is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, old)


def ship_gazetteer(spark: SparkSession, settings: Settings) -> str:
    """Build the gazetteer here if needed and send it to every executor; returns the name workers find it by."""
    path = gazetteer.gazetteer_path(settings)
    gazetteer.load(settings)  # builds the file when it is missing or outdated, once, on the driver
    spark.sparkContext.addFile(str(path))
    return path.name


def worker_settings(settings: Settings, gazetteer_file: str) -> Settings:
    """In a worker: the settings with the driver's gazetteer, whose copy every task of this worker shares.

    ``gazetteer.load`` keeps one open gazetteer per path and process, so it is read once per worker.
    """
    from pyspark import SparkFiles

    return settings.with_(gazetteer_path=Path(SparkFiles.get(gazetteer_file)))
