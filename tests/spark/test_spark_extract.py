"""``tollwatch spark extract`` in local mode gives what ``tollwatch extract`` gives, and rejects what it rejects."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from corpus import GOOD, bad_lines
from inputs import jsonl_lines, warc_bytes
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.readers import JsonlFields, read_jsonl
from tollwatch.settings import Settings
from tollwatch.spark.extract import run
from tollwatch.spark.rows import contract

runner = CliRunner()


def _rows(out: Path, name: str) -> list[dict]:
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()


def _cli_extract(*args: str) -> list[str]:
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.output
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in result.stdout.splitlines() if line)


def _spark_contracts(out: Path) -> list[str]:
    return sorted(json.dumps(contract(row), sort_keys=True) for row in _rows(out, "documents"))


def test_spark_extract_gives_the_cli_output_for_every_document(corpus: Path, extracted: Path) -> None:
    expected = _cli_extract("--jsonl", str(corpus))
    assert len(expected) == GOOD + 1  # the repeated record is extracted twice, as the CLI does
    assert _spark_contracts(extracted) == expected


def test_spark_extract_rejects_each_bad_record_with_its_line_and_reason(corpus: Path, extracted: Path) -> None:
    rejects = {r["record"]: r for r in _rows(extracted, "rejects")}
    bad = bad_lines(corpus)
    assert set(rejects) == set(bad)
    for number, reason in bad.items():
        assert rejects[number]["reason"].startswith(reason), rejects[number]
        assert rejects[number]["input"] == str(corpus)
        assert rejects[number]["document_id"] is None
    # The reader the CLI uses says the same of the same lines.
    cli = {(r.record, r.reason) for r in read_jsonl(corpus, JsonlFields(), None, Settings()) if not hasattr(r, "text")}
    assert {(n, r["reason"]) for n, r in rejects.items()} == cli


def test_spark_extract_loses_no_record(corpus: Path, extracted: Path) -> None:
    records = [line for line in corpus.read_bytes().splitlines() if line.strip()]
    assert len(_rows(extracted, "documents")) + len(_rows(extracted, "rejects")) == len(records)


def test_spark_extract_partitions_by_month_and_flattens_claims_and_events(extracted: Path) -> None:
    documents = _rows(extracted, "documents")
    assert {p.name for p in (extracted / "documents").iterdir() if p.is_dir()} == {"month=2021-05"}
    assert all(d["month"] == d["published"].strftime("%Y-%m") for d in documents)
    claims = _rows(extracted, "claims")
    assert len(claims) == sum(len(d["claims"]) for d in documents) > GOOD
    keys = {c["claim_key"] for d in documents for c in d["claims"]}
    assert {c["claim_key"] for c in claims} == keys
    events = _rows(extracted, "events")
    assert sorted(e["document_id"] for e in events) == sorted(d["id"] for d in documents)
    assert {e["type"] for e in events} == {d["event"]["type"] for d in documents}


def test_spark_extract_reads_parquet_rows_as_the_cli_reads_json_lines(spark: object, tmp_path: Path) -> None:
    lines = jsonl_lines(range(12))
    source = tmp_path / "reports.jsonl"
    source.write_text(lines)
    table = pa.Table.from_pylist([json.loads(line) for line in lines.splitlines()])
    # Parquet exports carry real dates, not strings.
    table = table.set_column(table.schema.get_field_index("published"), "published",
                             table.column("published").cast(pa.date32()))
    pq.write_table(table, tmp_path / "reports.parquet")
    run(spark, str(tmp_path / "reports.parquet"), str(tmp_path / "out"), Settings(), format="parquet")  # type: ignore[arg-type]
    assert _spark_contracts(tmp_path / "out") == _cli_extract("--jsonl", str(source))
    assert sorted(r["source_record"] for r in _rows(tmp_path / "out", "documents")) == list(range(1, 13))


def test_spark_extract_reads_warc_files_as_the_cli_reads_them(spark: object, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(warc_bytes(range(3)))
    (tmp_path / "in" / "cut.warc.gz").write_bytes(warc_bytes(range(3, 6))[:-200])
    run(spark, str(tmp_path / "in"), str(tmp_path / "out"), Settings(), format="warc")  # type: ignore[arg-type]
    expected = _cli_extract(str(tmp_path / "in" / "crawl.warc.gz"), str(tmp_path / "in" / "cut.warc.gz"))
    assert _spark_contracts(tmp_path / "out") == expected
    assert len(expected) >= 3
    rejects = _rows(tmp_path / "out", "rejects")
    assert [r["input"] for r in rejects] == [str(tmp_path / "in" / "cut.warc.gz")]
    assert "truncated" in rejects[0]["reason"]


def test_spark_workers_read_the_gazetteer_the_driver_shipped_once_each(spark: object, extracted: Path) -> None:
    from tollwatch.gazetteer import default_path

    def probe(batches):  # type: ignore[no-untyped-def]
        import os

        from tollwatch import gazetteer

        for _ in batches:
            pass
        yield pa.RecordBatch.from_pylist([{"pid": os.getpid(), "paths": [str(p) for p in gazetteer._LOADED]}])

    rows = spark.range(0, 8, 1, 8).mapInArrow(probe, "pid long, paths array<string>").collect()  # type: ignore[attr-defined]
    workers = {r["pid"]: r["paths"] for r in rows}
    assert any(workers.values()), "the workers that extracted are reused and keep their gazetteer"
    for paths in workers.values():
        # One gazetteer per worker process, and it is the copy shipped with the job, not the driver's file.
        assert len(paths) <= 1
        assert all(Path(p).name == "gazetteer.sqlite3" and Path(p) != default_path() for p in paths)


def test_spark_extract_rejects_a_record_the_reader_cannot_parse_and_goes_on(spark: object, tmp_path: Path) -> None:
    source = tmp_path / "reports.jsonl"
    source.write_text("[" * 100_000 + "\n" + jsonl_lines(range(2)))
    summary = run(spark, str(source), str(tmp_path / "out"), Settings())  # type: ignore[arg-type]
    assert (summary.records, summary.documents, summary.rejected) == (3, 2, 1)
    [reject] = _rows(tmp_path / "out", "rejects")
    assert reject["record"] == 1 and reject["reason"] == "malformed JSON: nested too deeply"


def test_spark_extract_keeps_what_a_broken_gzip_held_and_rejects_the_rest(spark: object, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(jsonl_lines(range(10)))
    whole = gzip.compress(jsonl_lines(range(10, 70)).encode())
    (folder / "b.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])  # cut off, as by a failed copy
    corrupt = bytearray(gzip.compress(jsonl_lines(range(70, 130)).encode()))
    corrupt[len(corrupt) // 2: len(corrupt) // 2 + 64] = bytes(64)  # zeroed in the middle
    (folder / "c.jsonl.gz").write_bytes(bytes(corrupt))
    summary = run(spark, str(folder), str(tmp_path / "out"), Settings())  # type: ignore[arg-type]

    # Every document read before each break is kept, as `tollwatch extract` keeps them.
    names = [str(folder / name) for name in ("a.jsonl", "b.jsonl.gz", "c.jsonl.gz")]
    assert _spark_contracts(tmp_path / "out") == _cli_extract(*names)
    read = {name: [i for i in read_jsonl(name, JsonlFields(), None, Settings()) if hasattr(i, "text")]
            for name in names}
    assert len(read[names[0]]) == 10 and 0 < len(read[names[1]]) < 60 and len(read[names[2]]) < 60
    # One reject for each broken file, naming it and how many records were read before the break.
    rejects = {r["input"]: r for r in _rows(tmp_path / "out", "rejects")}
    assert set(rejects) == set(names[1:])
    for name in names[1:]:
        count = len(read[name])
        assert rejects[name]["record"] == count + 1
        assert rejects[name]["reason"].startswith(f"truncated or corrupt compressed input after record {count}: ")
    assert "Compressed file ended before the end-of-stream marker was reached" in rejects[names[1]]["reason"]
    assert (summary.records, summary.rejected) == (sum(map(len, read.values())) + 2, 2)


@pytest.mark.parametrize("bad", ["", "{not json\n"], ids=["clean", "with a bad record"])
def test_spark_extract_summary_counts_what_it_wrote(spark: object, tmp_path: Path, bad: str) -> None:
    source = tmp_path / "reports.jsonl"
    source.write_text(bad + jsonl_lines(range(4)))
    summary = run(spark, str(source), str(tmp_path / "out"), Settings())  # type: ignore[arg-type]
    documents, rejects = _rows(tmp_path / "out", "documents"), _rows(tmp_path / "out", "rejects")
    assert summary.documents == len(documents) == 4
    assert summary.failed == sum(d["error"] is not None for d in documents)
    assert summary.claims == len(_rows(tmp_path / "out", "claims")) == sum(len(d["claims"]) for d in documents) > 0
    assert summary.rejected == len(rejects) == bool(bad)
    assert summary.records == summary.documents + summary.rejected
    # A run without rejects still leaves rejects/, empty, with its columns, for `tollwatch load` and readers.
    assert ds.dataset(tmp_path / "out" / "rejects", format="parquet").schema.names == \
        ["input", "record", "reason", "document_id"]
