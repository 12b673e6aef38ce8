"""Incidents: reports of one event linked across documents, reconciled, graded and exported.

Stages, each a module of pure functions over in-memory extractions:

1. ``report.reports_of``   an extraction's main report, and one per passing mention of an older incident
2. ``link.Linker``         incremental, order-independent linking through a date-and-place blocking index
3. ``decisions.apply``     analysts' merges, splits, moves, claim verdicts, grades and notes, replayed
4. ``estimate.select``     independent, current, non-denial claims; then ``summary.summarize`` per policy
5. ``grade.grade``         confirmed, contested, fair, weak or an analyst's grade, with the reason
6. ``timeline.timeline``   every figure by date of report and source
7. ``export``              JSON, CSV, Parquet and GeoJSON in tollwatch, ACLED-like and UCDP-like layouts

``incidents_of`` runs 1 to 6 over a batch of extractions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Decision, Extraction, Incident
from ..settings import Settings
from .build import build_all
from .decisions import apply
from .link import Linker
from .report import Report, reports_of

__all__ = ["Linker", "Report", "incidents_of", "reports_of"]


def incidents_of(
    extractions: Iterable[Extraction],
    settings: Settings,
    decisions: Sequence[Decision] = (),
    fingerprints: dict[str, bytes] | None = None,
) -> list[Incident]:
    """Link a batch of extractions into incidents. ``fingerprints`` maps document ids to ``dedup`` signatures."""
    linker = Linker(settings)
    for x in extractions:
        linker.extend(reports_of(x, settings, (fingerprints or {}).get(x.document.id, b"")))
    return build_all(linker.reports, apply(linker.groups(), decisions), settings)
