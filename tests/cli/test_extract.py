"""``tollwatch extract`` as a user runs it: a real subprocess, real files."""

import json
import subprocess
import sys

REPORT = (
    "FICTIONAL CITY (March 3, 2021) - A car bomb killed 14 civilians, including three children, at a market in "
    "the fictional city of Varosa on Wednesday, the governor's spokesman, Ilan Brecht, told Reuters.\n"
    "The army said 2 soldiers were wounded.\n"
)


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "tollwatch", "extract", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )


def test_extract_prints_the_json_contract(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    proc = run(str(path), "--published", "2021-03-03")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"document", "claims", "event", "totals"}
    assert doc["document"]["published"] == "2021-03-03"
    killed = [c for c in doc["claims"] if c["outcome"] == "killed"]
    assert killed[0]["count"] == {"low": 14, "high": 14, "qualifier": "exact", "text": "14"}
    assert killed[0]["victims"]["includes"] == ["children"]
    assert killed[0]["source"]["speaker"] == "Ilan Brecht" and killed[0]["source"]["via"] == ["Reuters"]
    start, end = killed[0]["span"]
    assert REPORT[start:end] == killed[0]["evidence"]
    assert doc["totals"]["killed"]["best"] == 14
    assert doc["totals"]["injured"]["best"] == 2


def test_extract_reads_stdin_and_jsonl_with_renamed_fields(tmp_path):
    proc = run("-", stdin=REPORT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["totals"]["killed"]["best"] == 14
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text(json.dumps({"guid": "r-1", "body": REPORT}) + "\n", encoding="utf-8")
    proc = run("--jsonl", str(jsonl), "--text-field", "body", "--id-field", "guid")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["document"]["id"] == "r-1"


def test_extract_names_each_bad_input_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    latin = tmp_path / "bad-utf8.txt"
    latin.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"\x00")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (4 * 1024 * 1024))
    proc = run(str(empty), str(binary), str(latin), str(huge), str(good))
    assert proc.returncode == 0
    assert len(proc.stdout.strip().splitlines()) == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("image.txt" in line and "binary" in line for line in lines)
    assert any("bad-utf8.txt" in line for line in lines)
    assert any("huge.txt" in line and "too large" in line for line in lines)


def test_extract_fails_when_nothing_could_be_read(tmp_path):
    proc = run(str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr and "no such file" in proc.stderr


def test_extract_table_format_escapes_markup(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("[bold]Officials[/bold] said 3 people were killed.", encoding="utf-8")
    proc = run(str(path), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "killed" in proc.stdout and "totals (conservative" in proc.stdout
