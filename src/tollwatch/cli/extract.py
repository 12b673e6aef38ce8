"""``tollwatch extract``: claims, event and totals for each report, as JSON lines or a table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import ConfigError, ExtractionError
from ..model import Extraction, Rejection
from ..output import extraction_dict
from ..readers import JsonlFields, read_jsonl, read_paths
from ..settings import Settings
from . import app
from .common import err_console, escape, fail, handle_errors, out_console, warn


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--published must be YYYY-MM-DD, got {value!r}") from None


@app.command()
@handle_errors
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Text or HTML files; '-' reads standard input.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json (one object per line) or table.")] = "json",
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD, to resolve 'on Thursday'.")
    ] = None,
    policy: Annotated[str, typer.Option(help="Totals policy: conservative, range or ucdp.")] = "conservative",
    jsonl: Annotated[Path | None, typer.Option(help="A JSONL file of reports, one object per line.")] = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the document id.")] = "id",
    published_field: Annotated[str, typer.Option(help="JSONL field holding the publication date.")] = "published",
) -> None:
    """Extract every casualty claim from reports, with source, stance and evidence span.

    Examples:

        tollwatch extract report.txt --published 2016-11-03

        tollwatch extract page.html --format table

        cat report.txt | tollwatch extract - --policy range

        tollwatch extract --jsonl reports.jsonl --text-field body --id-field guid
    """
    from ..pipeline import extract as run  # here, not above: see the note in cli/evaluate.py

    if format not in ("json", "table"):
        raise ConfigError(f"--format must be json or table, got {format!r}")
    settings = Settings(policy=policy)
    pub = _published(published)
    if not paths and jsonl is None:
        fail("give at least one PATH, '-' for standard input, or --jsonl FILE", 2)
    sources = []
    if paths:
        sources.append(read_paths(list(paths), pub, settings))
    if jsonl is not None:
        fields = JsonlFields(text=text_field, id=id_field, published=published_field)
        sources.append(read_jsonl(jsonl, fields, pub, settings))
    read = 0
    for source in sources:
        for item in source:
            if isinstance(item, Rejection):
                where = f"{item.input}:{item.record}" if item.record is not None else item.input
                warn(f"skipped {escape(where)}: {escape(item.reason)}")
                continue
            read += 1
            try:
                result = run(item, settings)
            except ExtractionError as exc:
                warn(f"skipped {escape(item.source_path or item.id)}: {escape(str(exc))}")
                continue
            if format == "json":
                typer.echo(json.dumps(extraction_dict(result), ensure_ascii=False))
            else:
                _print_table(result)
    if read == 0:
        err_console.print("tollwatch: no input could be read")
        raise typer.Exit(1)


def _fmt_count(low: int | None, high: int | None, qualifier: str, text: str) -> str:
    if qualifier == "vague":
        return text
    if low == high:
        return str(low)
    return f"{low if low is not None else ''}–{high if high is not None else ''}"


def _print_table(x: Extraction) -> None:
    d = x.document
    e = x.event
    place = e.place.name if e.place else "?"
    out_console.print(
        f"[bold]{escape(d.title or d.id)}[/bold]  {e.type or '?'} on {e.date or '?'} at {escape(place)}"
    )
    table = Table(show_lines=False)
    for col in ("outcome", "victims", "count", "qualifier", "stance", "speaker", "via", "span"):
        table.add_column(col)
    for c in x.claims:
        table.add_row(
            c.outcome,
            c.victims.group,
            _fmt_count(c.count.low, c.count.high, c.count.qualifier, c.count.text),
            c.count.qualifier,
            c.stance,
            escape(c.source.speaker or f"({c.source.type})"),
            escape(", ".join(c.source.via)),
            f"{c.span[0]}-{c.span[1]}",
        )
    out_console.print(table)
    t = x.totals
    parts = []
    for name in ("killed", "civilians_killed", "injured"):
        est = getattr(t, name)
        parts.append(f"{name}: " + ("null" if est is None else f"{est.low}/{est.best}/{est.high}"))
    out_console.print(f"totals ({t.policy}, low/best/high): " + "; ".join(parts))
    out_console.print()
