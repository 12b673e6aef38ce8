"""``tollwatch incidents``, ``incident``, ``export`` and ``decide``: incidents linked across stored reports."""

from __future__ import annotations

import dataclasses
import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..incidents import rows, storage
from ..incidents.export import EXPORT_FORMATS, LAYOUTS, OUTCOMES, incident_dict, tollwatch_row, write
from ..incidents.export import rows as export_rows
from ..model import Decision
from ..settings import Settings
from ..store.database import Store, open_store
from ..store.writes import utcnow
from . import app
from .common import DbOption, check_format, err_console, handle_errors, out_console, printable

decide_app = typer.Typer(help="Analyst decisions on incidents, recorded with author, time and reason.",
                         no_args_is_help=True)
app.add_typer(decide_app, name="decide")

Policy = Annotated[str, typer.Option(help="Estimates policy: conservative, range or ucdp.")]
Reason = Annotated[str, typer.Option("--reason", "-r", help="Why (required; shown in the audit log).")]
Author = Annotated[str | None, typer.Option(help="Who decides; default: the login name.", show_default=False)]


@contextmanager
def _working(message: str) -> Iterator[None]:
    """A spinner while incidents are linked or rebuilt, on a terminal only."""
    if err_console.is_terminal:
        with err_console.status(message):
            yield
    else:
        yield


def _linked(store: Store, settings: Settings, refresh: bool = False) -> None:
    """Link what was extracted since the last command (or rebuild every incident row), reporting what changed."""
    with _working("rebuilding incidents" if refresh else "linking new reports"):
        if refresh:
            done = storage.refresh(store, settings)
            err_console.print(f"rebuilt {done.rebuilt} incident(s)", markup=False)
        else:
            storage.update(store, settings)


@app.command("incidents")
@handle_errors
def incidents_command(
    db: DbOption = None,
    policy: Policy = "conservative",
    format: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl, csv or geojson.")] = "table",
    date_from: Annotated[str | None, typer.Option(help="Incidents on or after this date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option(help="Incidents on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="Incidents in this country (ISO code, e.g. AF).")] = None,
    admin1: Annotated[str | None, typer.Option(help="Incidents in this province or state.")] = None,
    outcome: Annotated[str | None, typer.Option(help="Incidents with a claim of this outcome: killed, ...")] = None,
    grade: Annotated[str | None, typer.Option(help="Incidents of this grade: confirmed, fair, weak, ...")] = None,
    text: Annotated[str | None, typer.Option(help="Words to find in place, type, perpetrators or sources.")] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Rebuild every incident first (after new settings).")] = False,
) -> None:
    """Incidents linked across the stored reports, newest first, with grade and estimates under one policy.

    Linking is incremental: documents extracted since the last call are linked first, and the incidents
    they change are rewritten. --refresh rebuilds them all.

    Examples:

        tollwatch incidents

        tollwatch incidents --policy range --format json

        tollwatch incidents --country AF --outcome killed --date-from 2016-01-01 --text airstrike

        tollwatch incidents --refresh
    """
    check_format(format, ("table", "json", "jsonl", "csv", "geojson"))
    settings = Settings(policy=policy)
    filters = rows.IncidentFilter(date_from=rows.as_date(date_from, "--date-from"),
                                  date_to=rows.as_date(date_to, "--date-to"), country=country, admin1=admin1,
                                  outcome=outcome, grade=grade, text=text)
    with open_store(db) as store:
        _linked(store, settings, refresh)
        incidents = list(rows.iter_incidents(store, filters))
    if format == "table":
        table = Table()
        for c in ("id", "date", "type", "place", "grade", "sources", "docs", *OUTCOMES):
            table.add_column(c, overflow="fold")
        for i in incidents:
            d = incident_dict(i, policy)
            cells = [d["id"], d["date"] or "?", d["type"] or "?", (d["place"] or {}).get("name") or "?", d["grade"],
                     str(d["sources"]), str(len(d["documents"]))]
            cells += ["/".join("" if v is None else str(v) for v in d["estimates"][o].values()) for o in OUTCOMES]
            table.add_row(*(Text(printable(c)) for c in cells))
        out_console.print(table)
    elif format in ("json", "jsonl"):
        records = [incident_dict(i, policy) for i in incidents]
        if format == "json":
            typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
        else:
            for r in records:
                typer.echo(json.dumps(r, ensure_ascii=False))
    else:
        write([tollwatch_row(i, policy) for i in incidents], "tollwatch", format, sys.stdout)


@app.command("incident")
@handle_errors
def incident_command(
    ref: Annotated[str, typer.Argument(help="Incident id (or unique prefix, or an id since merged), or a document in it.")],
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """One incident: its sources, estimates under each policy, grade with reason, and claim timeline.

    Examples:

        tollwatch incident I3f2a9c0d1e

        tollwatch incident 5d41402abc --format json
    """
    check_format(format, ("table", "json"))
    with open_store(db) as store:
        _linked(store, Settings())
        i = storage.find(store, ref)
    if format == "json":
        record = incident_dict(i, "conservative")
        record["estimates"] = {t.policy: incident_dict(i, t.policy)["estimates"] for t in i.estimates}
        record["claims"] = [{"key": u.claim.key, "used": u.used, "reason": u.reason, "flags": list(u.flags)}
                            for u in i.claims]
        record["timeline"] = [dataclasses.asdict(e) for e in i.timeline]
        record["notes"] = [{"author": n.author, "at": n.at.isoformat(), "note": n.value} for n in i.notes]
        typer.echo(json.dumps(record, ensure_ascii=False, indent=1, default=str))
        return
    place = i.event.place.name if i.event.place else "?"
    out_console.print(Text(printable(f"{i.id}  {i.event.type or '?'} on {i.event.date or '?'} "
                                     f"({i.event.date_precision or '?'}) at {place}")))
    out_console.print(Text(printable(f"grade: {i.grade} ({i.grade_reason}); {i.sources} independent source(s)")))
    sources = Table(title="sources")
    for c in ("source", "documents", "claims used"):
        sources.add_column(c, overflow="fold")
    by_source: dict[str, tuple[set[str], int]] = {}
    for u in i.claims:
        docs, used = by_source.get(u.claim.source_key, (set(), 0))
        docs.add(u.claim.document_id)
        by_source[u.claim.source_key] = (docs, used + u.used)
    for key, (docs, used) in sorted(by_source.items()):
        sources.add_row(Text(printable(key)), Text(", ".join(sorted(docs))), str(used))
    out_console.print(sources)
    est = Table(title="estimates (low/best/high)")
    est.add_column("policy")
    for o in OUTCOMES:
        est.add_column(o)
    for t in i.estimates:
        est.add_row(t.policy, *("" if (e := getattr(t, o)) is None else f"{e.low}/{e.best}/{e.high}" for o in OUTCOMES))
    out_console.print(est)
    timeline = Table(title="timeline")
    for c in ("reported", "document", "source", "outcome", "victims", "figure", "stance", "used", "why"):
        timeline.add_column(c, overflow="fold")
    for e in i.timeline:
        timeline.add_row(*(Text(printable(str(v))) for v in (
            e.reported or "?", e.document_id, e.source, e.outcome, e.victims, e.text, e.stance,
            "yes" if e.used else "no", e.reason)))
    out_console.print(timeline)
    for n in i.notes:
        out_console.print(Text(printable(f"note by {n.author} at {n.at:%Y-%m-%d %H:%M}: {n.value} ({n.reason})")))


@app.command("export")


@app.command("export")
@handle_errors
def export_command(
    output: Annotated[str, typer.Option("--output", "-o", help="File to write; '-' is standard output.")] = "-",
    layout: Annotated[str, typer.Option(help="tollwatch, acled or ucdp.")] = "tollwatch",
    format: Annotated[str, typer.Option("--format", "-f", help="csv, json, jsonl, parquet or geojson.")] = "csv",
    policy: Policy = "conservative",
    db: DbOption = None,
) -> None:
    """Export every incident in tollwatch, ACLED-like or UCDP-like columns (see the README).

    Examples:

        tollwatch export --layout acled --format csv -o incidents.csv

        tollwatch export --layout ucdp --format parquet -o ged.parquet
    """
    check_format(layout, LAYOUTS)
    check_format(format, EXPORT_FORMATS)
    with open_store(db) as store:
        _linked(store, Settings(policy=policy))
        incidents = list(rows.iter_incidents(store))
        records = export_rows(incidents, layout, storage.documents_of(store, incidents), policy)
    if format == "parquet":
        if output == "-":
            write(records, layout, format, sys.stdout.buffer)
        else:
            with open(output, "wb") as f:
                write(records, layout, format, f)
    elif output == "-":
        write(records, layout, format, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as f:
            write(records, layout, format, f)
    err_console.print(f"exported {len(records)} incident(s)" + ("" if output == "-" else f" to {Path(output)}"),
                      markup=False)


def _record(db: str | None, kind: str, target: str, reason: str, author: str | None,
            other: str | None = None, value: str | None = None) -> None:
    with open_store(db) as store:
        target = storage.resolve(store, target)
        other = None if other is None else storage.resolve(store, other)
        if value is not None and kind == "split":
            value = ",".join(storage.resolve(store, v) for v in value.split(","))
        decision = Decision(0, kind, author or getpass.getuser(), utcnow(), reason, target, other, value)
        with _working("rewriting the incidents it touches"):
            number = storage.decide(store, decision, Settings())
    err_console.print(f"decision {number}: {kind} {target}" + (f" {other}" if other else ""), markup=False)


@decide_app.command("merge")
@handle_errors
def merge(a: str, b: str, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Merge the incidents holding documents A and B (ids, external ids or unique id prefixes).

    Example: tollwatch decide merge DOC1 DOC2 -r 'same strike'
    """
    _record(db, "merge", a, reason, author, other=b)


@decide_app.command("split")
@handle_errors
def split(keys: list[str], reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Split the given documents off their incident into a new one. Example: tollwatch decide split DOC3 DOC4 -r '...'"""
    _record(db, "split", keys[0], reason, author, value=",".join(keys))


@decide_app.command("move")
@handle_errors
def move(document: str, to: str, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Move a document (or report key) to the incident holding TO. Example: tollwatch decide move DOC5 DOC1 -r '...'"""
    _record(db, "move", document, reason, author, other=to)


@decide_app.command("reject-claim")
@handle_errors
def reject_claim(claim: str, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Set a claim aside by its key (DOCUMENT:START-END, shown by `tollwatch incident --format json`)."""
    _record(db, "reject_claim", claim.split(":")[0], reason, author, other=claim)


@decide_app.command("accept-claim")
@handle_errors
def accept_claim(claim: str, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Count a claim whatever selection would say, by its key DOCUMENT:START-END."""
    _record(db, "accept_claim", claim.split(":")[0], reason, author, other=claim)


@decide_app.command("grade")
@handle_errors
def set_grade(document: str, grade: str, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Grade the incident holding DOCUMENT. Example: tollwatch decide grade DOC1 discounted -r 'staged video'"""
    _record(db, "grade", document, reason, author, value=grade)


@decide_app.command("note")
@handle_errors
def note(document: str, text: str, reason: Reason = "note", author: Author = None, db: DbOption = None) -> None:
    """Add a note to the incident holding DOCUMENT."""
    _record(db, "note", document, reason, author, value=text)


@decide_app.command("undo")
@handle_errors
def undo(decision: int, reason: Reason, author: Author = None, db: DbOption = None) -> None:
    """Undo a decision by its number; it stays in the audit log. Example: tollwatch decide undo 3 -r 'wrong doc'"""
    with open_store(db) as store, _working("rewriting the incidents it touched"):
        storage.undo(store, decision, author or getpass.getuser(), reason, Settings())
    err_console.print(f"decision {decision} undone", markup=False)


@decide_app.command("log")
@handle_errors
def log(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """The audit log: every decision with author, time, reason, and whether it was undone.

    Example: tollwatch decide log --format jsonl
    """
    check_format(format, ("table", "jsonl"))
    with open_store(db) as store:
        entries = list(storage.audit(store))
    if format == "jsonl":
        for e in entries:
            typer.echo(json.dumps(e, default=str, ensure_ascii=False))
        return
    table = Table()
    for c in ("id", "kind", "target", "other", "value", "author", "decided_at", "reason", "undone"):
        table.add_column(c, overflow="fold")
    for e in entries:
        undone = "" if e["undone_at"] is None else f"{e['undone_by']} {e['undone_at']:%Y-%m-%d}: {e['undo_reason']}"
        table.add_row(*(Text(printable("" if v is None else str(v))) for v in (
            e["id"], e["kind"], e["target"], e["other"], e["value"], e["author"], f"{e['decided_at']:%Y-%m-%d %H:%M}",
            e["reason"], undone)))
    out_console.print(table)

