"""The real gazetteer for tests: built once into the user cache (as in production) and shared."""

from __future__ import annotations

from functools import lru_cache

from tollwatch.gazetteer import Gazetteer, load
from tollwatch.settings import Settings


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return load(Settings())
