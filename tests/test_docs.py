"""Docs that cannot rot: every command the CLI registers is shown in the README with an example."""

import re
from pathlib import Path

import typer.main

from tollwatch.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=""):
    for name, cmd in getattr(group, "commands", {}).items():
        full = f"{prefix}{name}"
        if getattr(cmd, "commands", None):
            yield from _commands(cmd, full + " ")
        else:
            yield full


def test_docs_every_command_has_an_example_in_the_readme():
    click_app = typer.main.get_command(app)
    missing = [c for c in _commands(click_app) if not re.search(rf"^\s*tollwatch {re.escape(c)}\b", README, re.MULTILINE)]
    assert missing == []
