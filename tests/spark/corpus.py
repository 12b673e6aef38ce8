"""A fictional corpus for the Spark tests: a few hundred reports of fictional bombings, with bad records.

Reports come from ``reports.report``: eight towns and dates across May 2021, so many incidents are told
by several documents. One record is repeated as is, and the bad ones are each of a kind.
"""

from __future__ import annotations

import json
from pathlib import Path

from inputs import jsonl_lines

GOOD = 240
# Each bad line, and the start of the reason the reader gives for it.
BAD = [
    (b"{not json", "malformed JSON"),
    (b'{"id": "no-text", "title": "A headline alone"}', "no text in field 'text'"),
    (b'{"id": "latin-1", "text": "A bomb near Norwick killed 3 people in the caf\xe9, police said."}',
     "invalid UTF-8"),
    (b"[1, 2, 3]", "record is not a JSON object"),
    (json.dumps({"id": "huge", "text": "blast " * 1_700_000}).encode(), "record too large"),
]


def write_corpus(path: Path) -> Path:
    good = jsonl_lines(range(GOOD)).encode().splitlines()
    lines = good[:100] + [good[7]] + [b""] + [line for line, _ in BAD] + good[100:]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def bad_lines(path: Path) -> dict[int, str]:
    """The line number of each bad record in the corpus, with the start of its reason."""
    numbers = {line: n for n, line in enumerate(path.read_bytes().splitlines(), start=1)}
    return {numbers[line]: reason for line, reason in BAD}
