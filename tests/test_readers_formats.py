"""Every input format, plain and gzip-compressed, read into documents with their metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from inputs import atom, gz, html_page, jsonl_lines, rss, warc_bytes, write_csv, write_good_inputs
from reports import report

from tollwatch.model import Rejection
from tollwatch.readers import Input, JsonlFields, read_inputs, read_jsonl, read_paths, read_stream
from tollwatch.settings import Settings

SETTINGS = Settings()


DEFAULT_FIELDS = JsonlFields()


def _read(paths: list[str], fields: JsonlFields = DEFAULT_FIELDS) -> list[Input | Rejection]:
    return list(read_inputs(paths, fields, SETTINGS))


def _docs(paths: list[str], fields: JsonlFields = DEFAULT_FIELDS) -> list[Input]:
    items = _read(paths, fields)
    assert not [i for i in items if isinstance(i, Rejection)]
    return [i for i in items if isinstance(i, Input)]


@pytest.mark.parametrize(
    ("name", "content", "count"),
    [
        ("r.txt", report(1).encode(), 1),
        ("r.txt.gz", report(1).encode(), 1),
        ("r.html", html_page(1).encode(), 1),
        ("r.htm.gz", html_page(1).encode(), 1),
        ("r.jsonl", jsonl_lines(range(3)).encode(), 3),
        ("r.ndjson.gz", jsonl_lines(range(3)).encode(), 3),
        ("r.rss", rss(range(2)).encode(), 2),
        ("r.atom.gz", atom(range(2)).encode(), 2),
        ("r.xml", atom(range(2)).encode(), 2),
    ],
)
def test_readers_format_counts(tmp_path: Path, name: str, content: bytes, count: int) -> None:
    path = gz(tmp_path / name, content) if name.endswith(".gz") else tmp_path / name
    if not name.endswith(".gz"):
        path.write_bytes(content)
    docs = _docs([str(path)])
    assert len(docs) == count
    assert all("roadside bomb" in d.document.text for d in docs)


def test_readers_html_metadata(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(html_page(3, title="Minibus hit", outlet="Valley Wire", published="2021-02-03"))
    (doc,) = _docs([str(tmp_path / "p.html")])
    d = doc.document
    assert (d.title, d.outlet, d.published.isoformat() if d.published else None) == (
        "Minibus hit",
        "Valley Wire",
        "2021-02-03",
    )
    assert "Home | World" not in d.text and "Copyright" not in d.text
    assert doc.raw is not None and doc.raw.startswith("<!DOCTYPE html>")


def test_readers_warc_gives_url_and_warc_date_and_skips_non_html(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(range(2), date="2021-07-08T10:00:00Z"))
    docs = _docs([str(tmp_path / "crawl.warc.gz")])
    assert [d.document.url for d in docs] == ["https://fictional.example/news/0", "https://fictional.example/news/1"]
    assert {str(d.document.published) for d in docs} == {"2021-07-08"}
    assert all(d.document.source_record is not None for d in docs)


@pytest.mark.parametrize(("builder", "outlet", "first_id"), [(rss, "Valley Wire", "rss-5"), (atom, "Eastern Ledger", "atom-5")])
def test_readers_feed_entry_metadata(tmp_path: Path, builder, outlet: str, first_id: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(builder(range(5, 6)))
    (doc,) = _docs([str(path)])
    d = doc.document
    assert (d.outlet, d.external_id, d.source_record) == (outlet, first_id, 1)
    assert d.published is not None and d.title is not None and d.url is not None
    assert "<p>" not in d.text


def test_readers_csv_renamed_fields(tmp_path: Path) -> None:
    write_csv(tmp_path / "rows.csv", range(3), text_column="body")
    docs = _docs([str(tmp_path / "rows.csv")], JsonlFields(text="body"))
    assert [d.document.external_id for d in docs] == ["csv-0", "csv-1", "csv-2"]
    assert [d.document.source_record for d in docs] == [1, 2, 3]
    assert docs[0].document.url == "https://fictional.example/0"


def test_readers_jsonl_renamed_fields(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(jsonl_lines(range(2), text="body", id="guid"))
    docs = _docs([str(tmp_path / "r.jsonl")], JsonlFields(text="body", id="guid"))
    assert [d.document.external_id for d in docs] == ["wire-0", "wire-1"]
    assert docs[0].document.outlet and docs[0].document.published


def test_readers_folder_recursive_and_glob(tmp_path: Path) -> None:
    expected = write_good_inputs(tmp_path / "in")
    (tmp_path / "in" / ".hidden.txt").write_text(report(99))
    assert len(_docs([str(tmp_path / "in")])) == expected
    assert len(_docs([str(tmp_path / "in" / "**" / "*.rss")])) == 2


@pytest.mark.parametrize(
    ("data", "count"),
    [
        (report(1).encode(), 1),
        (jsonl_lines(range(4)).encode(), 4),
        (html_page(1).encode(), 1),
        (rss(range(2)).encode(), 2),
        (warc_bytes(range(2)), 2),
        (b"id,title,text\r\n" + b"".join(f'c{i},T{i},"{report(i)}"\r\n'.encode() for i in range(3)), 3),
    ],
)
def test_readers_stdin_format_is_sniffed(data: bytes, count: int) -> None:
    items = list(read_stream(io.BufferedReader(io.BytesIO(data)), "<stdin>", JsonlFields(), SETTINGS))  # type: ignore[arg-type]
    assert len([i for i in items if isinstance(i, Input)]) == count


def test_readers_extract_helpers_still_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(report(1))
    (tmp_path / "r.jsonl").write_text(jsonl_lines(range(2)))
    (doc,) = read_paths([str(tmp_path / "a.txt")], None, SETTINGS)
    assert not isinstance(doc, Rejection) and doc.text == report(1)
    ids = [d.id for d in read_jsonl(tmp_path / "r.jsonl", JsonlFields(), None, SETTINGS) if not isinstance(d, Rejection)]
    assert ids == ["wire-0", "wire-1"]
