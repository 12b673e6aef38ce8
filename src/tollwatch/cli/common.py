"""What every command shares: error reporting and output helpers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

from ..errors import TollwatchError

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
