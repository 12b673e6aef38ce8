"""Builders for input files of every format, written into a test's tmp_path from fictional reports."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from reports import OUTLETS, html_page, report


def write_txt(path: Path, i: int) -> Path:
    path.write_text(report(i), encoding="utf-8")
    return path


def write_html(path: Path, i: int, **meta: str) -> Path:
    path.write_text(html_page(i, **meta), encoding="utf-8")
    return path


def jsonl_lines(numbers: range, **fields: str) -> str:
    names = {"text": "text", "id": "id", "title": "title", "outlet": "outlet", "published": "published", **fields}
    return "".join(
        json.dumps(
            {
                names["id"]: f"wire-{i}",
                names["text"]: report(i),
                names["title"]: f"Minibus bombing, serial {i}",
                names["outlet"]: OUTLETS[i % len(OUTLETS)],
                names["published"]: f"2021-05-{1 + i % 28:02d}",
            }
        )
        + "\n"
        for i in numbers
    )


def write_csv(path: Path, numbers: range, text_column: str = "text") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", text_column, "url", "title", "published", "outlet"])
        for i in numbers:
            writer.writerow([f"csv-{i}", report(i), f"https://fictional.example/{i}", f"Headline {i}",
                             "2021-06-02", "Valley Wire"])
    return path


def warc_bytes(numbers: range, date: str = "2021-07-08T10:00:00Z") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in numbers:
        # Pages without a date of their own, so the WARC date is what dates them.
        page = html_page(i).replace('<meta property="article:published_time" content="2021-05-06T08:00:00Z">', "")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://fictional.example/news/{i}", "response", payload=io.BytesIO(page.encode()),
            http_headers=headers, warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://fictional.example/style{i}.css", "response", payload=io.BytesIO(b"body{}"), http_headers=css))
    return buffer.getvalue()


def rss(numbers: range) -> str:
    items = "".join(
        f"<item><title>Feed story {i}</title><link>https://fictional.example/rss/{i}</link>"
        f"<guid>rss-{i}</guid><pubDate>Tue, 0{1 + i % 8} Apr 2031 09:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{report(i)}</p>]]></description></item>"
        for i in numbers
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Wire</title>'
            f"<link>https://fictional.example</link><description>news</description>{items}</channel></rss>")


def atom(numbers: range) -> str:
    entries = "".join(
        f"<entry><title>Atom story {i}</title><link href='https://fictional.example/atom/{i}'/>"
        f"<id>atom-{i}</id><updated>2021-03-0{1 + i % 8}T09:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{report(i)}&lt;/p&gt;</content></entry>"
        for i in numbers
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Eastern Ledger</title><id>urn:fictional</id><updated>2021-03-09T00:00:00Z</updated>{entries}</feed>")


def gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def write_good_inputs(folder: Path) -> int:
    """One input of every format, compressed and not; returns how many documents they hold."""
    folder.mkdir(parents=True, exist_ok=True)
    write_txt(folder / "a.txt", 1)
    gz(folder / "b.txt.gz", report(2).encode())
    write_html(folder / "c.html", 3)
    gz(folder / "d.htm.gz", html_page(4).encode())
    (folder / "e.jsonl").write_text(jsonl_lines(range(10, 13)))
    gz(folder / "f.ndjson.gz", jsonl_lines(range(13, 15)).encode())
    write_csv(folder / "g.csv", range(20, 23))
    gz(folder / "h.csv.gz", (write_csv(folder / "tmp.csv", range(23, 25))).read_bytes())
    (folder / "tmp.csv").unlink()
    (folder / "i.warc.gz").write_bytes(warc_bytes(range(30, 32)))
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "j.rss").write_text(rss(range(40, 42)))
    gz(folder / "sub" / "k.atom.gz", atom(range(42, 44)).encode())
    return 1 + 1 + 1 + 1 + 3 + 2 + 3 + 2 + 2 + 2 + 2


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Every kind of bad input; returns file name -> a word its rejection reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "text": "' + report(50) + '"}\n{"id": "bad", "text": \n')
    (folder / "truncated.txt.gz").write_bytes(gzip.compress(report(51).encode())[:-12])
    (folder / "truncated.warc.gz").write_bytes(warc_bytes(range(52, 54))[:-300])
    (folder / "huge.html").write_text("<html><body>" + "<p>filler words here</p>" * 2000 + "</body></html>")
    write_csv(folder / "notext.csv", range(55, 56), text_column="body")
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "broken.jsonl": "malformed JSON",
        "truncated.txt.gz": "truncated",
        "truncated.warc.gz": "WARC",
        "huge.html": "too large",
        "notext.csv": "'text' column",
    }
