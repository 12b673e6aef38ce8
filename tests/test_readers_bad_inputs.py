"""Bad inputs are rejected by path and record with a reason, and reading goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from inputs import jsonl_lines, write_bad_inputs
from reports import report

from tollwatch.model import Rejection
from tollwatch.readers import Input, JsonlFields, read_inputs
from tollwatch.settings import Settings

SETTINGS = Settings(max_html_bytes=20_000)


def _read(paths: list[str], settings: Settings = SETTINGS) -> list[Input | Rejection]:
    return list(read_inputs(paths, JsonlFields(), settings))


BAD = ["empty.txt", "binary.txt", "broken.jsonl", "truncated.txt.gz", "truncated.warc.gz", "huge.html", "notext.csv"]


@pytest.mark.parametrize("name", BAD)
def test_readers_bad_input_rejected_with_reason(tmp_path: Path, name: str) -> None:
    expected = write_bad_inputs(tmp_path)
    rejections = [i for i in _read([str(tmp_path / name)]) if isinstance(i, Rejection)]
    assert len(rejections) == 1
    assert rejections[0].input == str(tmp_path / name)
    assert expected[name] in rejections[0].reason


def test_readers_malformed_jsonl_line_named_by_record(tmp_path: Path) -> None:
    write_bad_inputs(tmp_path)
    items = _read([str(tmp_path / "broken.jsonl")])
    assert [type(i).__name__ for i in items] == ["Input", "Rejection"]
    assert isinstance(items[1], Rejection) and items[1].record == 2


def test_readers_deeply_nested_jsonl_line_rejected(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + jsonl_lines(range(1)))
    items = _read([str(path)])
    assert [type(i).__name__ for i in items] == ["Rejection", "Input"]
    assert isinstance(items[0], Rejection) and "nested too deeply" in items[0].reason and items[0].record == 1


def test_readers_bad_inputs_do_not_stop_the_good(tmp_path: Path) -> None:
    write_bad_inputs(tmp_path / "bad")
    (tmp_path / "good.txt").write_text(report(7))
    items = _read([str(tmp_path / "bad"), str(tmp_path / "good.txt")])
    assert sum(isinstance(i, Input) for i in items) == 2  # good.txt and the first line of broken.jsonl


def test_readers_latin1_decoded_by_detection(tmp_path: Path) -> None:
    text = "Le café près de la gare a été détruit; trois employés ont été tués, selon la préfecture. " * 3
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (item,) = _read([str(tmp_path / "latin1.txt")])
    assert isinstance(item, Input) and "café" in item.document.text


def test_readers_invalid_utf8_in_jsonl_line_rejected(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_bytes(b'{"text": "caf\xe9 bombing"}\n')
    (item,) = _read([str(tmp_path / "r.jsonl")])
    assert isinstance(item, Rejection) and "UTF-8" in item.reason and item.record == 1


def test_readers_oversized_jsonl_line_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text('{"text": "' + "x" * 5000 + '"}\n{"text": "' + report(1) + '"}\n')
    items = _read([str(tmp_path / "r.jsonl")], Settings(max_input_bytes=1000))
    assert isinstance(items[0], Rejection) and "too large" in items[0].reason and items[0].record == 1
    assert isinstance(items[1], Input)


@pytest.mark.parametrize(
    ("path", "reason"),
    [("missing.txt", "no such file"), ("notes.docx", "unsupported file type"), ("*.nothing", "no file matches")],
)
def test_readers_unreadable_paths(tmp_path: Path, path: str, reason: str) -> None:
    if path.endswith(".docx"):
        (tmp_path / path).write_bytes(b"PK\x03\x04")
    (item,) = _read([str(tmp_path / path)])
    assert isinstance(item, Rejection) and reason in item.reason
