"""Event extraction: type, date, place and alleged perpetrators. (Being built.)"""

from __future__ import annotations

from .model import Claim, Document, Event
from .segment import Sentence
from .settings import Settings


def extract_event(
    text: str, sentences: tuple[Sentence, ...], claims: tuple[Claim, ...], document: Document, settings: Settings
) -> Event:
    return Event(type=None, date=document.published, date_precision="day" if document.published else None, place=None)
