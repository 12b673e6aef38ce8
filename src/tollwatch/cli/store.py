"""Commands that read the database, and ``tollwatch db upgrade``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer
from rich.text import Text

from ..errors import ConfigError
from ..store import queries
from ..store.database import display_url, open_store, resolve_url, upgrade
from . import app
from .common import (
    DbOption,
    FormatOption,
    check_format,
    err_console,
    handle_errors,
    out_console,
    printable,
    write_records,
)

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
@handle_errors
def db_upgrade(db: DbOption = None) -> None:
    """Apply every pending migration, creating the database if it does not exist yet.

    Examples:

        tollwatch db upgrade

        tollwatch db upgrade --db postgresql+psycopg://me@db/tollwatch
    """
    before, after = upgrade(db)
    where = display_url(resolve_url(db))
    if before == after:
        err_console.print(f"{where}: schema already at {after}", markup=False)
    else:
        err_console.print(f"{where}: schema {before or '(empty)'} -> {after}", markup=False)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} must be YYYY-MM-DD, got {value!r}") from None


Since = Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option(help="Published on or before this date (YYYY-MM-DD).")]
Country = Annotated[str | None, typer.Option(help="Event place in this country (ISO code, e.g. AF).")]
OutcomeOpt = Annotated[str | None, typer.Option(help="Claims of this outcome: killed, injured, missing, ...")]
StanceOpt = Annotated[str | None, typer.Option(help="Claims of this stance: asserted, hedged or denied.")]
Outlet = Annotated[str | None, typer.Option(help="Published by this outlet (case-insensitive).")]
Version = Annotated[
    str | None, typer.Option(help="Claims of this extractor version (default: each document's latest).")
]
Limit = Annotated[int | None, typer.Option(help="At most this many rows.")]


def _filters(
    since: str | None,
    until: str | None,
    country: str | None,
    outcome: str | None,
    stance: str | None,
    outlet: str | None,
    extractor_version: str | None,
    limit: int | None,
) -> queries.Filters:
    return queries.Filters(
        _date(since, "--since"),
        _date(until, "--until"),
        country,
        outcome,
        stance,
        outlet,
        extractor_version,
        limit,
    )


DOCUMENT_COLUMNS = [
    "id",
    "external_id",
    "published",
    "outlet",
    "title",
    "url",
    "source",
    "claims",
    "near_duplicate_of",
]


@app.command("documents")
@handle_errors
def documents_command(
    db: DbOption = None,
    format: FormatOption = "table",
    since: Since = None,
    until: Until = None,
    country: Country = None,
    outcome: OutcomeOpt = None,
    stance: StanceOpt = None,
    outlet: Outlet = None,
    extractor_version: Version = None,
    limit: Limit = None,
) -> None:
    """List stored documents, newest first, with their claim counts and near-duplicate links.

    Examples:

        tollwatch documents --since 2016-11-01 --until 2016-11-30

        tollwatch documents --country AF --outcome killed --format csv > kunduz.csv
    """
    check_format(format)
    filters = _filters(since, until, country, outcome, stance, outlet, extractor_version, limit)
    with open_store(db) as store:
        records = (asdict(row) for row in queries.documents(store, filters))
        write_records(
            records,
            DOCUMENT_COLUMNS,
            format,
            ["id", "published", "outlet", "title", "claims", "near_duplicate_of"],
        )


CLAIM_COLUMNS = [
    "claim_key",
    "document_id",
    "published",
    "outlet",
    "country",
    "outcome",
    "victims",
    "low",
    "high",
    "qualifier",
    "stance",
    "speaker",
    "source_type",
    "span_start",
    "span_end",
    "evidence",
    "extractor",
    "extractor_version",
]
CLAIM_TABLE = [
    "document_id",
    "published",
    "outcome",
    "victims",
    "low",
    "high",
    "stance",
    "speaker",
    "evidence",
]


def _claim_record(row: queries.ClaimRow) -> dict[str, Any]:
    record = asdict(row)
    record["span_start"], record["span_end"] = row.span
    return record


@app.command("claims")
@handle_errors
def claims_command(
    db: DbOption = None,
    format: FormatOption = "table",
    since: Since = None,
    until: Until = None,
    country: Country = None,
    outcome: OutcomeOpt = None,
    stance: StanceOpt = None,
    outlet: Outlet = None,
    extractor_version: Version = None,
    limit: Limit = None,
) -> None:
    """List stored claims: who said how many were killed, injured, ..., and how firmly.

    Examples:

        tollwatch claims --outcome killed --stance denied

        tollwatch claims --since 2016-11-03 --country AF --format jsonl | jq .evidence
    """
    check_format(format)
    filters = _filters(since, until, country, outcome, stance, outlet, extractor_version, limit)
    with open_store(db) as store:
        records = (_claim_record(row) for row in queries.claims(store, filters))
        write_records(records, CLAIM_COLUMNS, format, CLAIM_TABLE)


@app.command("show")
@handle_errors
def show_command(
    doc_id: Annotated[str, typer.Argument(help="Document id, a unique prefix of it, or its external id.")],
    db: DbOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table (highlighted text) or json.")
    ] = "table",
    extractor_version: Version = None,
) -> None:
    """Show a document's text with each claim highlighted and its source beside it.

    Examples:

        tollwatch show 3f2a9c

        tollwatch show isafpr:test:0003 --format json
    """
    check_format(format, ("table", "json"))
    with open_store(db) as store:
        detail = queries.find_document(store, doc_id, extractor_version)
    if format == "json":
        write_records([_detail_record(detail)], ["document", "claims"], "jsonl", [])
        return
    _print_detail(detail)


def _detail_record(detail: queries.DocumentDetail) -> dict[str, Any]:
    d = detail.document
    return {
        "document": {
            "id": d.id,
            "external_id": d.external_id,
            "title": d.title,
            "published": d.published.isoformat() if d.published else None,
            "url": d.url,
            "outlet": d.outlet,
            "source": d.source_path,
            "record": d.source_record,
            "near_duplicate_of": detail.near_duplicate_of,
            "extractor": detail.extractor,
            "extractor_version": detail.extractor_version,
            "text": d.text,
        },
        "claims": [
            {
                k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in _claim_record(c).items()
                if k != "data"
            }
            for c in detail.claims
        ],
    }


def _source(claim: queries.ClaimRow) -> str:
    via = claim.data.get("source", {}).get("via") or []
    who = claim.speaker or f"({claim.source_type})"
    count = claim.data.get("count", {}).get("text") or "?"
    said = f"{claim.outcome} {count} {claim.victims}, {claim.stance}"
    return f"{who}{' via ' + ', '.join(via) if via else ''}: {said}"


def _print_detail(detail: queries.DocumentDetail) -> None:
    d = detail.document
    header = Text(printable(d.title or d.id), style="bold")
    header.append(
        printable(f"  {d.id}  {d.published or 'undated'}  {d.outlet or ''}  {d.url or ''}"), style="dim"
    )
    out_console.print(header)
    if detail.near_duplicate_of:
        out_console.print(Text(f"near duplicate of {detail.near_duplicate_of}", style="yellow"))
    # Report text is hostile: it goes into Text objects, never markup, with control characters made visible.
    text = printable(d.text)
    body = Text()
    position = 0
    for number, claim in enumerate(sorted(detail.claims, key=lambda c: c.span), start=1):
        start, end = max(claim.span[0], position), min(claim.span[1], len(text))
        if end <= start:
            continue
        body.append(text[position:start])
        body.append(text[start:end], style="bold black on yellow")
        body.append(printable(f" [{number}: {_source(claim)}]"), style="cyan")
        position = end
    body.append(text[position:])
    out_console.print(body)
    version = f"{detail.extractor} {detail.extractor_version}" if detail.extractor else "not extracted yet"
    out_console.print(Text(f"{len(detail.claims)} claim(s), {version}", style="dim"))


@app.command("stats")
@handle_errors
def stats_command(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Count what the database holds: documents, claims, incidents, rejected inputs and near duplicates.

    Examples:

        tollwatch stats

        tollwatch stats --format json
    """
    check_format(format, ("table", "json"))
    with open_store(db) as store:
        counts = queries.stats(store).as_dict()
    if format == "json":
        write_records([counts], list(counts), "jsonl", [])
    else:
        write_records(
            ({"what": k, "count": v} for k, v in counts.items()),
            ["what", "count"],
            "table",
            ["what", "count"],
        )
