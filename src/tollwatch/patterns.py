"""Large regular expressions, compiled once per machine instead of once per process.

The claim frames hold the victim-phrase grammar many times over, and ``re`` compiles a pattern in pure
Python: compiling them took 1.7-2 s of the start of every ``tollwatch`` command and of every ingest
worker, more than reading a report. So CPython's compiled form of each large pattern is kept in the user
cache directory (``$XDG_CACHE_HOME/tollwatch/patterns``, else ``~/.cache/tollwatch/patterns``), under a
key made of the pattern, its flags and the interpreter's exact version, and is handed back to the
regular-expression engine on the next start.

That form is CPython's own and not a public interface, so every failure is a cache miss: a file that is
missing, damaged, from another interpreter or rejected by the engine's own validation is compiled anew
with ``re`` and rewritten, and a cache that cannot be written is skipped. It costs time, never a
different pattern.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import re
import sys
import tempfile
import zlib
from pathlib import Path

from .settings import cache_dir

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # another implementation of Python, or a CPython that moved them: compile as usual
    _sre = None

# The engine's code units must fit the array type the cache is written with.
_USABLE = (_sre is not None and array.array("I").itemsize == _sre.CODESIZE
           and hasattr(_parser, "parse") and hasattr(_compiler, "_code"))
_VERSION = f"{sys.implementation.cache_tag} {sys.version} {getattr(_sre, 'MAGIC', '')}"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, read from the cache when an earlier run compiled it."""
    if not _USABLE:
        return re.compile(pattern, flags)
    key = hashlib.sha256(f"{_VERSION}\0{flags}\0{pattern}".encode()).hexdigest()
    path = cache_dir() / "patterns" / f"{key}.sre"
    try:
        return _load(path, pattern)
    except (OSError, ValueError, TypeError, KeyError, RuntimeError, zlib.error):
        pass  # no usable entry: compile it below
    compiled, record = _compile(pattern, flags)
    _store(path, record)
    _prune(path.parent)
    return compiled


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], bytes]:
    """The pattern, and its record: a line of JSON (flags, groups, group names), then the compressed code."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    names = parsed.state.groupdict
    order: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        order[number] = name
    head = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups - 1, "names": names, "order": order}
    compiled = _sre.compile(pattern, head["flags"], code, head["groups"], names, tuple(order))
    return compiled, json.dumps(head).encode() + b"\n" + zlib.compress(array.array("I", code).tobytes())


def _load(path: Path, pattern: str) -> re.Pattern[str]:
    head_line, _, body = path.read_bytes().partition(b"\n")
    head = json.loads(head_line)
    code = array.array("I")
    code.frombytes(zlib.decompress(body))
    # _sre validates the code it is given, and refuses code that does not hold together.
    return _sre.compile(pattern, head["flags"], code.tolist(), head["groups"], head["names"], tuple(head["order"]))


def _store(path: Path, record: bytes) -> None:
    """Write the record whole or not at all: processes starting together may race for the same entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(record)
            os.replace(temp, path)
        except OSError:
            os.unlink(temp)
            raise
    except OSError:
        pass  # an unwritable cache only means compiling again next time


# Every change to a frame or a word list leaves its old entries behind (about 20 KB each, some 60 per version):
# past this many, the oldest written go. An entry still in use that goes is compiled once more.
_KEPT = 600


def _prune(folder: Path) -> None:
    try:
        entries = sorted(folder.glob("*.sre"), key=lambda e: e.stat().st_mtime)
        for entry in entries[: max(0, len(entries) - _KEPT)]:
            entry.unlink()
    except OSError:
        pass  # another process pruned first, or the cache is read-only
