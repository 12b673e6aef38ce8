"""Reading inputs into Documents, streaming, one record at a time.

Every input becomes either a ``Document`` or a ``Rejection`` naming the input,
the record and the reason; a bad input never stops the others. Large JSONL
files are read line by line, never loaded whole.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .model import Document, Rejection
from .settings import Settings

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class JsonlFields:
    text: str = "text"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"


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
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


def decode(data: bytes, name: str) -> str | Rejection:
    """UTF-8, or a confident detected encoding; otherwise a rejection saying why."""
    if not data.strip():
        return Rejection(name, "empty input")
    if b"\x00" in data[:8192]:
        return Rejection(name, "binary input (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding in ("utf_8", "utf-8"):
            return Rejection(name, f"invalid UTF-8 at byte {exc.start} and no other encoding fits")
        return str(best)


def html_to_document(html: str, name: str, published: date | None, settings: Settings) -> Document | Rejection:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, as_dict=True)
    text = (extracted or {}).get("text") or ""
    if not text.strip():
        return Rejection(name, "no main text found in HTML")
    meta = extracted or {}
    return Document(
        id=content_id(text),
        text=text,
        title=meta.get("title"),
        published=published or parse_date(meta.get("date")),
        url=meta.get("url"),
        outlet=meta.get("sitename"),
        source_path=name,
    )


def read_file(path: Path, published: date | None, settings: Settings) -> Document | Rejection:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            return Rejection(name, f"too large: {size:,} bytes, over the limit of {settings.max_input_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        return Rejection(name, f"cannot read: {exc.strerror or exc}")
    return document_from_bytes(data, name, published, settings, html=path.suffix.lower() in HTML_SUFFIXES)


def document_from_bytes(
    data: bytes, name: str, published: date | None, settings: Settings, *, html: bool = False
) -> Document | Rejection:
    if len(data) > settings.max_input_bytes:
        return Rejection(name, f"too large: {len(data):,} bytes, over the limit of {settings.max_input_bytes:,}")
    text = decode(data, name)
    if isinstance(text, Rejection):
        return text
    if html or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return html_to_document(text, name, published, settings)
    return Document(id=content_id(text), text=text, published=published, source_path=name)


def read_jsonl(
    path: Path | str, fields: JsonlFields, published: date | None, settings: Settings
) -> Iterator[Document | Rejection]:
    name = str(path)
    try:
        handle = sys.stdin.buffer if name == "-" else open(path, "rb")
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield jsonl_record(raw, name, number, fields, published, settings)


def jsonl_record(
    raw: bytes, name: str, number: int, fields: JsonlFields, published: date | None, settings: Settings
) -> Document | Rejection:
    if len(raw) > settings.max_input_bytes:
        return Rejection(name, "record too large", number)
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejection(name, f"malformed JSON: {exc}", number)
    if not isinstance(obj, dict):
        return Rejection(name, "record is not a JSON object", number)
    text = obj.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        return Rejection(name, f"no text in field {fields.text!r}", number)
    ext = obj.get(fields.id)
    return Document(
        id=str(ext) if ext not in (None, "") else content_id(text),
        text=text,
        title=obj.get(fields.title) if isinstance(obj.get(fields.title), str) else None,
        published=parse_date(obj.get(fields.published)) or published,
        url=obj.get(fields.url) if isinstance(obj.get(fields.url), str) else None,
        outlet=obj.get(fields.outlet) if isinstance(obj.get(fields.outlet), str) else None,
        external_id=None if ext in (None, "") else str(ext),
        source_path=name,
        source_record=number,
    )


def read_paths(
    paths: list[str], published: date | None, settings: Settings
) -> Iterator[Document | Rejection]:
    """Plain-text and HTML files, or ``-`` for standard input."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            yield document_from_bytes(data, "<stdin>", published, settings)
            continue
        path = Path(p)
        if not path.exists():
            yield Rejection(p, "no such file")
        elif path.is_dir():
            yield Rejection(p, "is a directory (use `tollwatch ingest` for folders)")
        else:
            yield read_file(path, published, settings)
