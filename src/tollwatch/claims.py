"""Casualty claims. (Being built.)"""

from __future__ import annotations

from .model import Claim, Document
from .segment import Sentence
from .settings import Settings


def extract_claims(
    text: str, sentences: tuple[Sentence, ...], document: Document, settings: Settings
) -> tuple[Claim, ...]:
    return ()
