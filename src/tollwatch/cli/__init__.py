"""The ``tollwatch`` command: a thin layer over the library.

Each command parses its options, calls the library, formats the result and
turns the library's own errors into a one-line message and a non-zero exit.
Command groups live in their own modules and register themselves on ``app``.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tollwatch",
    help="Source-attributed casualty records from news reports of violent incidents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



@app.callback()
def _root() -> None:
    """Source-attributed casualty records from news reports of violent incidents."""


# Registration: importing a command module adds its commands to ``app``, and `tollwatch --help` lists them in
# this order, the order of the work (extract, store, link, serve), not the alphabet's.
from . import evaluate as _evaluate  # noqa: F401, I001
from . import extract as _extract  # noqa: F401
from . import gazetteer as _gazetteer  # noqa: F401
from . import ingest as _ingest  # noqa: F401
from . import store as _store  # noqa: F401
from . import incidents as _incidents  # noqa: F401
from . import spark as _spark  # noqa: F401
from . import serve as _serve  # noqa: F401


def main() -> None:
    app()
