"""``tollwatch eval``: score extraction against the gold and dev data, and gate CI on it."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from ..errors import EvaluationError
from ..settings import Settings
from . import app
from .common import err_console, escape, handle_errors, out_console

_DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@app.command("eval")
@handle_errors
def evaluate(
    data: Annotated[
        Path, typer.Option(help="The shared data folder holding gold/ and dev/.")
    ] = _DEFAULT_DATA,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    gate: Annotated[
        Path | None, typer.Option(help="A JSON file of pinned minimum scores; exit 1 if any is missed.")
    ] = None,
    show_errors: Annotated[int, typer.Option(help="Print up to N mismatches per dataset.")] = 0,
) -> None:
    """Score claims against data/gold/*.json and totals against data/dev/*.jsonl.

    Examples:

        tollwatch eval --data ../shared/data

        tollwatch eval --gate eval_baseline.json --format json

        tollwatch eval --show-errors 10
    """
    # Imported here: compiling the extractor's patterns takes a second that every other command would pay.
    from ..evaluate import gate_failures, score_dataset, score_gold_file

    if not data.is_dir():
        raise EvaluationError(f"data folder not found: {data} (pass --data)")
    settings = Settings()
    scores: dict[str, dict[str, float | None]] = {}
    claim_rows = []
    for gold_path in sorted((data / "gold").glob("*.json")):
        cs = score_gold_file(gold_path, data, settings)
        claim_rows.append(cs)
        scores[gold_path.stem] = {
            "claim_precision": cs.precision,
            "claim_recall": cs.recall,
            "claim_f1": cs.f1,
            "speaker_accuracy": cs.speaker,
            "stance_accuracy": cs.stance,
            "event_ok": 1.0 if cs.event_ok else 0.0,
        }
    dataset_rows = []
    dev = sorted((data / "dev").glob("*.jsonl"))
    with Progress(console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        for path in dev:
            with open(path, encoding="utf-8") as handle:
                lines = sum(1 for _ in handle)
            task = bar.add_task(f"eval {path.stem}", total=lines)
            ds = score_dataset(path, settings, partial(bar.advance, task))
            dataset_rows.append(ds)
            scores[ds.name] = {
                "killed_exact": ds.killed_exact,
                "civilians_killed_exact": ds.civilians_exact,
                "injured_exact": ds.injured_exact,
                "date_accuracy": ds.date_accuracy,
                "place_accuracy": ds.place_accuracy,
            }
    if format == "json":
        typer.echo(json.dumps(scores, indent=2))
    else:
        table = Table(title="claim-level gold")
        for col in ("report", "precision", "recall", "F1", "speaker", "stance", "event"):
            table.add_column(col)
        for cs in claim_rows:
            table.add_row(escape(cs.name), f"{cs.precision:.2f}", f"{cs.recall:.2f}", f"{cs.f1:.2f}",
                          f"{cs.speaker:.2f}", f"{cs.stance:.2f}", ("ok " if cs.event_ok else "WRONG ") + escape(cs.event))
        out_console.print(table)
        table = Table(title="document totals, conservative policy (exact match)")
        for col in ("dataset", "docs", "killed", "civilians killed", "injured", "date", "place"):
            table.add_column(col)
        for ds in dataset_rows:
            table.add_row(ds.name, str(ds.documents), *(
                "-" if v is None else f"{v:.3f}"
                for v in (ds.killed_exact, ds.civilians_exact, ds.injured_exact, ds.date_accuracy, ds.place_accuracy)
            ))
        out_console.print(table)
    if show_errors:
        for cs in claim_rows:
            for miss in cs.misses[:show_errors]:
                err_console.print(f"{escape(cs.name)} MISS: {escape(miss)}")
            for fp in cs.false_positives[:show_errors]:
                err_console.print(f"{escape(cs.name)} FP: {escape(fp)}")
        for ds in dataset_rows:
            for line in ds.errors[:show_errors]:
                err_console.print(f"{ds.name} {escape(line)}")
    if gate is not None:
        try:
            minimums = json.loads(gate.read_text(encoding="utf-8"))["minimums"]
        except (OSError, KeyError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"cannot read gate file {gate}: {exc}") from exc
        failures = gate_failures(scores, minimums)
        if failures:
            for f in failures:
                err_console.print(f"[red]eval gate: {escape(f)}[/red]")
            raise typer.Exit(1)
        err_console.print(f"eval gate: all {sum(len(m) for m in minimums.values())} minimums met")
