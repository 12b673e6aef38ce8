"""Reading inputs into Documents, streaming, one record at a time.

Every input becomes either a document or a ``Rejection`` naming the input, the
record and the reason; a bad input never stops the others. Nothing is loaded
whole: line-based formats are read line by line, and single-document formats
are read only up to their size limit.

Formats, chosen by suffix (each may also end in ``.gz``):

    .txt .text              one plain-text report
    .html .htm .xhtml       one page; trafilatura finds the main text, title, date and outlet
    .jsonl .ndjson          one JSON object per line
    .csv                    one row per report, with a header
    .warc                   HTML response records (``.warc.gz`` is read by warcio itself)
    .rss .atom .xml         feed entries, read with feedparser

Standard input (``-``) is sniffed: WARC, JSON lines, feed, HTML, else plain text.
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import hashlib
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, cast

from .errors import IngestError
from .model import Document, Rejection
from .settings import Settings

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
FORMATS = {
    **{s: "html" for s in HTML_SUFFIXES},
    **{s: "text" for s in TEXT_SUFFIXES},
    **{s: "jsonl" for s in JSONL_SUFFIXES},
    **{s: "feed" for s in FEED_SUFFIXES},
    ".csv": "csv",
    ".warc": "warc",
}
STDIN = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"
# A truncated or corrupt gzip stream surfaces as any of these, depending on where it breaks.
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which field of a JSONL object or CSV row holds each part of a report."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"


@dataclass(frozen=True, slots=True)
class Input:
    """A document as read, with the raw input it came from.

    ``raw`` is the HTML page, JSON line or CSV row; None when the raw input is
    the text itself, so plain text is not stored twice.
    """

    document: Document
    raw: str | None = None


def content_id(text: str) -> str:
    """A stable id from the content: the same report always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def parse_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


def decode(data: bytes, name: str, record: int | None = None) -> str | Rejection:
    """UTF-8, or a confident detected encoding; otherwise a rejection saying why."""
    if not data.strip():
        return Rejection(name, "empty input", record)
    if b"\x00" in data[:8192]:
        return Rejection(name, "binary input (contains NUL bytes)", record)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding in ("utf_8", "utf-8"):
            return Rejection(name, f"invalid UTF-8 at byte {exc.start} and no other encoding fits", record)
        return str(best)


def _too_large(limit: int, what: str, setting: str) -> str:
    return f"{what} too large: over the limit of {limit:,} bytes (setting {setting})"


def _html_meta(html: str) -> dict[str, Any]:
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()


def html_to_document(
    html: str,
    name: str,
    published: date | None,
    settings: Settings,
    *,
    url: str | None = None,
    record: int | None = None,
) -> Document | Rejection:
    """The main text and metadata of a page; ``published`` is the fallback when the page has no date."""
    meta = _html_meta(html)
    text = meta.get("text") or ""
    if not text.strip():
        return Rejection(name, "no main text found in HTML", record)
    return Document(
        id=content_id(text),
        text=text,
        title=meta.get("title"),
        published=parse_date(meta.get("date")) or published,
        url=meta.get("url") or url,
        outlet=meta.get("sitename") or meta.get("hostname"),
        language=meta.get("language"),
        source_path=name,
        source_record=record,
    )


def document_from_bytes(
    data: bytes, name: str, published: date | None, settings: Settings, *, html: bool = False
) -> Document | Rejection:
    item = _single(data, name, published, settings, html=html)
    return item if isinstance(item, Rejection) else item.document


def _single(
    data: bytes, name: str, published: date | None, settings: Settings, *, html: bool
) -> Input | Rejection:
    limit = settings.max_html_bytes if html else settings.max_input_bytes
    if len(data) > limit:
        return Rejection(
            name, _too_large(limit, *(("HTML", "max_html_bytes") if html else ("input", "max_input_bytes")))
        )
    text = decode(data, name)
    if isinstance(text, Rejection):
        return text
    if html or _looks_like_html(text):
        doc = html_to_document(text, name, published, settings)
        return doc if isinstance(doc, Rejection) else Input(doc, text)
    return Input(Document(id=content_id(text), text=text, published=published, source_path=name))


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


# --- finding inputs ---------------------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """Files named, found under folders (recursively, hidden files skipped) or matched by globs; ``-`` as is."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield p
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield Rejection(p, "no file matches this pattern")
            for m in matches:
                if Path(m).is_dir():
                    yield from _walk(Path(m))
                else:
                    yield m
        else:
            yield Rejection(p, "no such file")


def _walk(folder: Path) -> Iterator[str]:
    for f in sorted(folder.rglob("*")):
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts):
            yield str(f)


def format_of(name: str) -> tuple[str | None, bool]:
    """The format a file name says, and whether it is gzip-compressed."""
    lower = name.lower()
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    return FORMATS.get(Path(lower).suffix), compressed


# --- reading --------------------------------------------------------------------------------------------


def read_inputs(
    paths: Iterable[str], fields: JsonlFields, settings: Settings, published: date | None = None
) -> Iterator[Input | Rejection]:
    """Every document in files, folders, globs and ``-`` (standard input), or why an input was rejected."""
    for p in expand(paths):
        if isinstance(p, Rejection):
            yield p
        elif p == "-":
            yield from read_stream(_peekable(sys.stdin.buffer), STDIN, fields, settings, published)
        else:
            yield from read_file(p, fields, settings, published)


def read_file(
    name: str, fields: JsonlFields, settings: Settings, published: date | None = None
) -> Iterator[Input | Rejection]:
    fmt, compressed = format_of(name)
    if fmt is None:
        yield Rejection(name, f"unsupported file type {Path(name).suffix or '(no suffix)'!r}")
        return
    try:
        with open(name, "rb") as raw:
            # Python's gzip, not warcio's, undoes .warc.gz too: warcio passes over a truncated member in silence.
            stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw) if compressed else raw)
            yield from _read_format(fmt, stream, name, fields, settings, published)
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")


def read_stream(
    stream: io.BufferedReader,
    name: str,
    fields: JsonlFields,
    settings: Settings,
    published: date | None = None,
) -> Iterator[Input | Rejection]:
    """A stream of unknown format (standard input): gunzip if needed, then sniff the format."""
    if stream.peek(2)[:2] == _GZIP_MAGIC:
        stream = _peekable(cast(IO[bytes], gzip.GzipFile(fileobj=stream)))
    try:
        head = stream.peek(4096)[:4096].lstrip().lower()
    except _GZIP_ERRORS as exc:
        yield Rejection(name, f"truncated or corrupt gzip: {exc}")
        return
    if head.startswith(b"warc/"):
        fmt = "warc"
    elif head.startswith(b"{"):
        fmt = "jsonl"
    elif head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in head or b"<feed" in head):
        fmt = "feed"
    elif head.startswith((b"<!doctype html", b"<html")):
        fmt = "html"
    elif _csv_header(head, fields):
        fmt = "csv"
    else:
        fmt = "text"
    yield from _read_format(fmt, stream, name, fields, settings, published)


def _csv_header(head: bytes, fields: JsonlFields) -> bool:
    """Whether the stream opens with a CSV header naming the text column: a report's first line never does."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    try:
        columns = next(csv.reader([first]))
    except csv.Error:
        return False
    return len(columns) > 1 and fields.text.lower() in (c.strip().lower() for c in columns)


def _peekable(stream: IO[bytes]) -> io.BufferedReader:
    return stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream, 65536)  # type: ignore[arg-type]


def _read_format(
    fmt: str, stream: IO[bytes], name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    readers = {"jsonl": _jsonl, "csv": _csv, "warc": _warc, "feed": _feed}
    try:
        if fmt in readers:
            yield from readers[fmt](stream, name, fields, settings, published)
        else:
            html = fmt == "html"
            limit = settings.max_html_bytes if html else settings.max_input_bytes
            data = stream.read(limit + 1)
            if len(data) > limit:
                yield Rejection(
                    name,
                    _too_large(
                        limit, *(("HTML", "max_html_bytes") if html else ("input", "max_input_bytes"))
                    ),
                )
                return
            yield _single(data, name, published, settings, html=html)
    except _GZIP_ERRORS as exc:
        yield Rejection(name, f"truncated or corrupt compressed input: {exc}")


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, each read up to ``limit`` bytes; a longer line is skipped and given as None."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def read_jsonl(
    path: Path | str, fields: JsonlFields, published: date | None, settings: Settings
) -> Iterator[Document | Rejection]:
    """The documents of one JSON-lines file (``-`` for standard input), line by line."""
    name = str(path)
    items: Iterable[Input | Rejection]
    if name == "-":
        items = _jsonl(sys.stdin.buffer, STDIN, fields, settings, published)
    elif format_of(name)[0] == "jsonl":
        items = read_file(name, fields, settings, published)
    else:  # --jsonl names the format whatever the suffix says
        items = _jsonl_file(name, fields, settings, published)
    for item in items:
        yield item if isinstance(item, Rejection) else item.document


def _jsonl_file(
    name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    try:
        with open(name, "rb") as handle:
            yield from _read_format("jsonl", handle, name, fields, settings, published)
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")


def _jsonl(
    stream: IO[bytes], name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    seen = False
    for number, raw in _lines(stream, settings.max_input_bytes):
        if raw is None:
            yield Rejection(name, _too_large(settings.max_input_bytes, "record", "max_input_bytes"), number)
            continue
        if not raw.strip():
            continue
        seen = True
        yield jsonl_record(raw, name, number, fields, published, settings)
    if not seen:
        yield Rejection(name, "empty input")


def jsonl_record(
    raw: bytes, name: str, number: int, fields: JsonlFields, published: date | None, settings: Settings
) -> Input | Rejection:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejection(name, f"invalid UTF-8 at byte {exc.start}", number)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(name, f"malformed JSON: {exc}", number)
    except RecursionError:
        return Rejection(name, "malformed JSON: nested too deeply", number)
    if not isinstance(obj, dict):
        return Rejection(name, "record is not a JSON object", number)
    doc = record_document(obj, name, number, fields, published)
    return doc if isinstance(doc, Rejection) else Input(doc, line.rstrip("\r\n"))


def record_document(
    obj: dict[str, Any], name: str, number: int, fields: JsonlFields, published: date | None
) -> Document | Rejection:
    """A document from one JSONL object or CSV row; the external id, if any, becomes its id."""

    def string(key: str) -> str | None:
        value = obj.get(key)
        return value if isinstance(value, str) and value.strip() else None

    text = obj.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        return Rejection(name, f"no text in field {fields.text!r}", number)
    ext = obj.get(fields.id)
    external = None if ext in (None, "") else str(ext)
    return Document(
        id=external or content_id(text),
        text=text,
        title=string(fields.title),
        published=parse_date(obj.get(fields.published)) or published,
        url=string(fields.url),
        outlet=string(fields.outlet),
        external_id=external,
        source_path=name,
        source_record=number,
    )


def _csv(
    stream: IO[bytes], name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    buffered = _peekable(stream)
    sample = buffered.peek(65536)[:65536]
    if not sample.strip():
        yield Rejection(name, "empty input")
        return
    if b"\x00" in sample[:8192]:
        yield Rejection(name, "binary input (contains NUL bytes)")
        return
    encoding = _sniff_encoding(sample)
    if encoding is None:
        yield Rejection(name, "invalid UTF-8 and no other encoding fits")
        return
    # The csv module refuses fields over 128 KiB by default; a report may be longer, up to our own limit.
    csv.field_size_limit(max(settings.max_input_bytes, csv.field_size_limit()))
    text_stream = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    reader = csv.DictReader(text_stream)
    number = 0
    try:
        columns = reader.fieldnames or []
        if fields.text not in columns:
            yield Rejection(
                name, f"CSV has no {fields.text!r} column (columns: {', '.join(columns) or 'none'})"
            )
            return
        for number, row in enumerate(reader, start=1):
            doc = record_document(row, name, number, fields, published)
            if isinstance(doc, Rejection):
                yield doc
            else:
                yield Input(doc, json.dumps(row, ensure_ascii=False))
    except UnicodeDecodeError as exc:
        yield Rejection(name, f"invalid {encoding} after record {number}: {exc.reason}", number + 1)
    except csv.Error as exc:
        yield Rejection(name, f"malformed CSV: {exc}", number + 1)


def _sniff_encoding(sample: bytes) -> str | None:
    try:
        # Not final: the sample may end inside a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        return None if best is None or best.encoding in ("utf_8", "utf-8") else best.encoding


def _warc(
    stream: IO[bytes], name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    seen = False
    try:
        for number, record in enumerate(ArchiveIterator(io.BufferedReader(_EofIsError(stream))), start=1):
            seen = True
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
            # Crawls hold scripts, styles and images beside the pages; they are not reports, nor rejects.
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name} {url}" if url else name
            data = record.content_stream().read(settings.max_html_bytes + 1)
            if len(data) > settings.max_html_bytes:
                yield Rejection(name, _too_large(settings.max_html_bytes, "HTML", "max_html_bytes"), number)
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The record's Content-Length promised more than the file holds.
                yield Rejection(name, f"truncated WARC: record {number} ends early", number)
                return
            text = decode(data, where, number)
            if isinstance(text, Rejection):
                yield Rejection(name, text.reason, number)
                continue
            warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
            doc = html_to_document(text, name, warc_date or published, settings, url=url, record=number)
            yield doc if isinstance(doc, Rejection) else Input(doc, text)
    # warcio reports a record cut inside its headers as whatever its parser tripped on.
    except (ArchiveLoadFailed, IngestError, ValueError, AttributeError, *_GZIP_ERRORS) as exc:
        yield Rejection(name, f"truncated or corrupt WARC after record {number}: {exc}", number + 1)
        return
    if not seen:
        yield Rejection(name, "empty input")


class _EofIsError(io.RawIOBase):
    """warcio takes EOFError for the end of the archive; a truncated gzip stream must not look like one."""

    def __init__(self, inner: IO[bytes]):
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.inner.read(len(buffer))
        except EOFError as exc:
            raise IngestError(f"truncated gzip: {exc}") from exc
        buffer[: len(data)] = data
        return len(data)


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one paragraph per block element."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    text = "\n".join(line.strip() for line in root.text_content().splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _feed(
    stream: IO[bytes], name: str, fields: JsonlFields, settings: Settings, published: date | None
) -> Iterator[Input | Rejection]:
    import feedparser

    # feedparser needs the whole feed; feeds are small, and the cap keeps a huge one out.
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        yield Rejection(name, _too_large(settings.max_input_bytes, "feed", "max_input_bytes"))
        return
    if not data.strip():
        yield Rejection(name, "empty input")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = (
            f"not a readable feed: {parsed.get('bozo_exception')}" if parsed.bozo else "feed has no entries"
        )
        yield Rejection(name, reason)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        html = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
        text = fragment_text(html) if html else ""
        if not text:
            yield Rejection(name, "feed entry has no text", number)
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        ext = entry.get("id") or None
        yield Input(
            Document(
                id=ext or content_id(text),
                text=text,
                title=entry.get("title") or None,
                published=date(*when[:3]) if when else published,
                url=entry.get("link") or None,
                outlet=outlet,
                external_id=ext,
                source_path=name,
                source_record=number,
            ),
            html,
        )


def read_paths(
    paths: list[str], published: date | None, settings: Settings
) -> Iterator[Document | Rejection]:
    """The documents in files, folders, globs and ``-`` (standard input), in any format ``read_inputs`` reads."""
    for item in read_inputs(paths, JsonlFields(), settings, published):
        yield item if isinstance(item, Rejection) else item.document
