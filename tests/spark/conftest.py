"""One local Spark session for every Spark test, and one corpus run through Spark and through the CLI once.

``local[2]`` with four shuffle partitions and no UI keeps the suite quick on two cores. Without Java the
tests skip, except under CI, where ``scripts/test.sh`` installs it and they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import write_corpus

from tollwatch.settings import Settings


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    if shutil.which("java") is None:
        message = "PySpark needs a Java runtime: apt-get install default-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from tollwatch.spark.session import spark_session

    session = spark_session("local[2]", "tollwatch-tests", {
        "spark.ui.enabled": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.default.parallelism": "2",
        "spark.ui.showConsoleProgress": "false",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "reports.jsonl")


@pytest.fixture(scope="session")
def extracted(spark: object, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus through ``tollwatch spark extract``'s job."""
    from tollwatch.spark.extract import run

    out = tmp_path_factory.mktemp("spark") / "out"
    run(spark, str(corpus), str(out), Settings(), partitions=3)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="session")
def linked(spark: object, extracted: Path) -> Path:
    """The extracted corpus through ``tollwatch spark link``'s job."""
    from tollwatch.spark.link import run

    run(spark, str(extracted), Settings())  # type: ignore[arg-type]
    return extracted
