"""What every command shares: error reporting and output helpers."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..errors import ConfigError, TollwatchError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def warn(message: str) -> None:
    err_console.print(f"[yellow]tollwatch:[/yellow] {message}", markup=True, highlight=False)


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]tollwatch: error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def handle_errors(fn: F) -> F:
    """Turn the library's errors into one line on stderr and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TollwatchError as exc:
            fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0)

    return wrapper  # type: ignore[return-value]


def escape(text: str) -> str:
    """Report text is hostile: never let it be read as Rich markup."""
    from rich.markup import escape as _escape

    return _escape(text)


# --- shared by the storage commands ------------------------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a SQLite file path or a URL such as postgresql+psycopg://user@host/tollwatch. "
        "Default: $TOLLWATCH_DB, else ./tollwatch.db.",
        show_default=False,
    ),
]

FORMATS = ("table", "json", "jsonl", "csv")
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json (one array), jsonl or csv.")]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Report text with control characters (terminal escapes among them) shown as '�', one for one."""
    return _CONTROL.sub("\ufffd", text)


def check_format(format: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if format not in allowed:
        raise ConfigError(f"--format must be one of {', '.join(allowed)}, got {format!r}")


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def write_records(records: Iterable[dict[str, Any]], columns: list[str], format: str, table_columns: list[str]) -> int:
    """Write records as a table, a JSON array, JSON lines or CSV on stdout, streaming all but the table."""
    count = 0
    if format == "table":
        table = Table(show_lines=False)
        for column in table_columns:
            table.add_column(column, overflow="fold")
        for count, record in enumerate(records, start=1):
            cells = ["" if record[c] is None else printable(str(_jsonable(record[c]))) for c in table_columns]
            table.add_row(*(Text(cell) for cell in cells))
        out_console.print(table)
        return count
    out = sys.stdout
    if format == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
    elif format == "json":
        out.write("[")
    for count, record in enumerate(records, start=1):
        if format == "csv":
            writer.writerow(["" if record[c] is None else _jsonable(record[c]) for c in columns])
        else:
            line = json.dumps({c: _jsonable(record[c]) for c in columns}, ensure_ascii=False)
            out.write(("\n" if count == 1 else ",\n") + line if format == "json" else line + "\n")
    if format == "json":
        out.write("\n]\n" if count else "]\n")
    out.flush()
    return count


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} docs/s", style="progress.data.speed")


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar with documents per second on a terminal; nothing when stderr is piped."""
    if not err_console.is_terminal:
        yield lambda _n: None
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn()]
    if total is None:
        columns = [SpinnerColumn(), TextColumn("{task.description} {task.completed:,}"), _RateColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
