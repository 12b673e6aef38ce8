"""Document totals under a policy. (Being built.)"""

from __future__ import annotations

from .model import Claim, Totals
from .settings import Settings


def summarize(claims: tuple[Claim, ...], settings: Settings) -> Totals:
    return Totals(settings.policy, None, None, None)
