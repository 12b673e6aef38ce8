"""The extraction pipeline for one document.

Stages, in order, each a pure function in its own module:

1. ``clean.clean``          blank out photo credits, captions, tag lines, repeats (offsets kept)
2. ``segment.segment``      sentences with character offsets (spaCy tokenizer)
3. ``claims.extract_claims``  casualty claims: quantity, outcome, victims, source, stance, span
4. ``event.extract_event``    event type, date, place and alleged perpetrators
5. ``summary.summarize``      the document's totals under a named policy

The same function runs in the CLI, the API and on Spark workers; it touches no
globals beyond resources each stage loads once per process.
"""

from __future__ import annotations

from . import __version__
from .claims import extract_claims
from .clean import clean
from .cues import words
from .errors import ExtractionError, TollwatchError
from .event import extract_event
from .model import Document, Extraction
from .segment import segment
from .settings import Settings
from .summary import summarize

EXTRACTOR = "tollwatch.rules"


def extract(document: Document, settings: Settings) -> Extraction:
    stage = "clean"
    try:
        cleaned = clean(document.text, settings)
        stage = "segment"
        sentences = segment(cleaned.text)
        scanned = words(cleaned.text)  # one word scan, shared by the claim and event cues
        stage = "claims"
        claims = extract_claims(cleaned.text, sentences, document, settings, scanned)
        stage = "event"
        event = extract_event(cleaned.text, sentences, claims, document, settings, scanned)
        stage = "summary"
        totals = summarize(claims, settings)
    except TollwatchError:
        raise
    except Exception as exc:  # a bug in a stage must name the document, not kill a batch silently
        raise ExtractionError(f"{type(exc).__name__}: {exc}", document_id=document.id, stage=stage) from exc
    return Extraction(document, claims, event, totals, EXTRACTOR, __version__)
