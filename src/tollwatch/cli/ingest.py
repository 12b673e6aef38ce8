"""``tollwatch ingest`` and ``tollwatch reextract``: reports into the database, and machine output renewed."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Annotated

import typer

from ..ingest import IngestSummary, ingest, reextract
from ..model import Rejection
from ..readers import JsonlFields, read_inputs
from ..settings import Settings
from ..store.database import Store, open_store
from . import app
from .common import DbOption, err_console, escape, fail, handle_errors, progress, warn

Workers = Annotated[int | None, typer.Option(min=0, help=Settings.help()["ingest_workers"])]


@app.command("ingest")
@handle_errors
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively), globs, or '-' for stdin.")
    ],
    db: DbOption = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Write every rejected input to this JSONL file ('-' for stdout).")
    ] = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Run extraction now, or leave it to `reextract`.")
    ] = True,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the external id.")] = "id",
    url_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the URL.")] = "url",
    title_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the headline.")] = "title",
    published_field: Annotated[
        str, typer.Option(help="JSONL/CSV field holding the publication date.")
    ] = "published",
    outlet_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the outlet.")] = "outlet",
    policy: Annotated[str, typer.Option(help="Totals policy: conservative, range or ucdp.")] = "conservative",
    batch_size: Annotated[int, typer.Option(help=Settings.help()["ingest_batch_size"])] = Settings.default(
        "ingest_batch_size"),
    max_html_bytes: Annotated[int, typer.Option(help=Settings.help()["max_html_bytes"])] = Settings.default(
        "max_html_bytes"),
    workers: Workers = None,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link the new reports into incidents when done.")
    ] = True,
) -> None:
    """Store reports in the database, once each, with their claims; safe to stop and run again.

    Reads .txt, .html/.htm, .jsonl/.ndjson, .csv, .warc, RSS/Atom feeds (.rss, .atom, .xml), each also
    gzip-compressed (.gz). Exact duplicates are skipped; near duplicates (a wire story under a new headline)
    are stored and linked to the first copy. Bad inputs are reported by path and record and skipped.
    Exits 0 when anything was stored or was already there, 1 when nothing could be, or the database is
    unreachable.

    Examples:

        tollwatch ingest reports/

        tollwatch ingest 'crawl/*.warc.gz' feeds/world.rss --rejects rejects.jsonl

        tollwatch ingest export.csv --text-field body --id-field guid --db postgresql+psycopg://me@db/tollwatch

        zcat dump.jsonl.gz | tollwatch ingest -

        tollwatch ingest big-export.jsonl.gz --workers 3
    """
    settings = Settings(policy=policy, ingest_batch_size=batch_size, max_html_bytes=max_html_bytes,
                        ingest_workers=workers)
    fields = JsonlFields(
        text=text_field,
        id=id_field,
        url=url_field,
        title=title_field,
        published=published_field,
        outlet=outlet_field,
    )
    with open_store(db, create=True) as store, _rejects_file(rejects) as out:

        def on_reject(rejection: Rejection) -> None:
            where = rejection.input if rejection.record is None else f"{rejection.input}:{rejection.record}"
            if out is not None:
                record = {"path": rejection.input, "record": rejection.record, "reason": rejection.reason}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
            if out is not sys.stdout:
                warn(f"rejected {escape(where)}: {escape(rejection.reason)}")

        with progress("ingesting") as advance:
            summary = ingest(
                read_inputs(paths, fields, settings),
                store,
                settings,
                extract=extract,
                on_progress=advance,
                on_reject=on_reject,
            )
        _print_summary(summary)
        if link and extract and summary.extracted:
            _link(store, settings)
    if summary.stored == 0 and summary.duplicates == 0:
        fail(f"nothing could be stored: {sum(summary.rejected.values())} input(s) rejected, none read")


def _link(store: Store, settings: Settings) -> None:
    from ..incidents import storage

    with progress("linking into incidents") as advance:
        linked = storage.update(store, settings, advance)
    err_console.print(f"linked {linked:,} document(s) into incidents", markup=False)


def _rejects_file(path: Path | None) -> nullcontext[IO[str] | None] | IO[str]:
    if path is None:
        return nullcontext(None)
    if str(path) == "-":
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")  # closed by the with-block of the caller


def _print_summary(s: IngestSummary) -> None:
    rejected = sum(s.rejected.values())
    err_console.print(
        f"read {s.read:,} · stored {s.stored:,} (near duplicates {s.near_duplicates:,}, extracted {s.extracted:,})"
        f" · duplicates {s.duplicates:,} · rejected {rejected:,}",
        markup=False,
    )
    for reason, n in s.rejected.most_common():
        err_console.print(f"  rejected {n:,}: {reason}", markup=False)


@app.command("reextract")
@handle_errors
def reextract_command(
    db: DbOption = None,
    policy: Annotated[str, typer.Option(help="Totals policy: conservative, range or ucdp.")] = "conservative",
    batch_size: Annotated[int, typer.Option(help=Settings.help()["ingest_batch_size"])] = Settings.default(
        "ingest_batch_size"),
    workers: Workers = None,
) -> None:
    """Run the current extractor over stored documents that lack its output, keeping older versions.

    Resumable: stop it any time, run it again, and it carries on. Analyst decisions are never touched.

    Examples:

        tollwatch reextract

        TOLLWATCH_DB=postgresql+psycopg://me@db/tollwatch tollwatch reextract
    """
    settings = Settings(policy=policy, ingest_batch_size=batch_size, ingest_workers=workers)
    with open_store(db) as store:
        from ..ingest import current_extractor, pending

        extractor, version = current_extractor(settings)
        with progress(f"extracting ({extractor} {version})", pending(store, extractor, version)) as advance:
            summary = reextract(
                store,
                settings,
                on_progress=advance,
                on_reject=lambda r: warn(f"extraction failed for {escape(r.input)}: {escape(r.reason)}"),
            )
        if summary.extracted:
            _link(store, settings)
    err_console.print(
        f"{summary.extractor} {summary.version}: {summary.pending:,} document(s) lacked this version;"
        f" extracted {summary.extracted:,}, failed {summary.failed:,}",
        markup=False,
    )
