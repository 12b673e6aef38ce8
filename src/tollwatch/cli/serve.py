"""``tollwatch serve``: the web app under uvicorn; ``tollwatch user add``: analysts who may log in."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Annotated

import typer

from ..errors import ConfigError
from ..settings import Settings
from ..store.database import open_store
from . import app
from .common import DbOption, err_console, handle_errors

user_app = typer.Typer(help="Users of the web app: analysts record decisions, readers only read.",
                       no_args_is_help=True)
app.add_typer(user_app, name="user")


@app.command("serve")
@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
    public: Annotated[bool, typer.Option(
        "--public/--private", envvar="TOLLWATCH_PUBLIC", help=Settings.help()["web_public"])] = True,
    max_request_bytes: Annotated[int, typer.Option(
        min=1, help=Settings.help()["web_max_request_bytes"])] = 1_000_000,
    tile_url: Annotated[str, typer.Option(envvar="TOLLWATCH_TILE_URL", help=Settings.help()["web_tile_url"])] = "",
    tile_attribution: Annotated[str, typer.Option(
        envvar="TOLLWATCH_TILE_ATTRIBUTION", help=Settings.help()["web_tile_attribution"])] = "",
    refresh_seconds: Annotated[float, typer.Option(
        min=0, help=Settings.help()["web_refresh_seconds"])] = 30.0,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Server processes (uvicorn workers), each with its own connections and caches. "
                            "1 suits one core; 2 suits a machine with 2 cores.")] = 1,
) -> None:
    """Serve the pages, the JSON API under /api and its OpenAPI docs at /docs.

    Examples:

        tollwatch serve

        tollwatch serve --host 0.0.0.0 --port 8080 --private --workers 2 --db postgresql+psycopg://me@db/tollwatch

        tollwatch serve --tile-url 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' --tile-attribution '© OpenStreetMap'
    """
    import uvicorn

    from ..incidents import storage
    from ..web import create_app
    from ..web.app import SERVE_ENV, freeze_heap, serve_config
    from ..web.auth import session_secret

    settings = Settings(web_public=public, web_max_request_bytes=max_request_bytes, web_tile_url=tile_url,
                        web_tile_attribution=tile_attribution, web_refresh_seconds=refresh_seconds)
    with open_store(db) as store:
        # Incident rows follow linking: link what was ingested since the last command, so every report shows.
        storage.update(store, settings)
    session_secret(settings)  # made here once, before several workers could race to make it
    err_console.print(f"tollwatch: serving on http://{host}:{port}/ (API docs at /docs) with {workers} "
                      f"worker(s); Ctrl-C stops", markup=False)
    if workers == 1:
        web_app = create_app(settings, db)
        freeze_heap()
        uvicorn.run(web_app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
    else:
        # Each worker is a new process that imports the app: it finds the database and settings in the environment.
        os.environ[SERVE_ENV] = serve_config(db, settings)
        uvicorn.run("tollwatch.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                    log_level="info", proxy_headers=False, server_header=False)


@user_app.command("add")
@handle_errors
def user_add(
    name: Annotated[str, typer.Argument(help="The login name; decisions record it as their author.")],
    role: Annotated[str, typer.Option(help="analyst (may review), admin, or reader (may only read).")] = "analyst",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input instead of asking.")] = False,
    db: DbOption = None,
) -> None:
    """Add a user who can log in to `tollwatch serve`; asks for the password twice.

    Examples:

        tollwatch user add maria

        printf '%s\\n' "$PASSWORD" | tollwatch user add ops --role admin --password-stdin
    """
    from ..web.auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != password:
            raise ConfigError("the two passwords differ; nothing was stored")
    with open_store(db, create=True) as store:
        user = add_user(store, name, password, role)
    err_console.print(f"user {user.name!r} added as {user.role}", markup=False)
