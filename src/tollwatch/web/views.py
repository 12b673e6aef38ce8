"""What the pages draw, computed from the domain model: pure functions, no web framework, no markup.

- ``highlight``: a document's text cut into pieces at every claim boundary, each piece naming the claims
  that cover it, so the template escapes text piece by piece and wraps covered pieces in ``<mark>``.
- ``estimate_bars``: low/best/high of each policy as positions on one scale per outcome.
- ``timeline_chart``: claims by date of report as points and ranges in an SVG coordinate system.
- ``marker_radius``: a map marker's size from the best killed estimate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from ..model import Incident, Span, TimelineEntry

ESTIMATE_OUTCOMES = ("killed", "civilians_killed", "injured")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text covered by the same claims, innermost (shortest span) first; ``starts`` are the
    claims whose span begins here."""

    text: str
    claims: tuple[int, ...]
    starts: tuple[int, ...]


def highlight(text: str, spans: Sequence[Span]) -> list[Piece]:
    """Cut ``text`` at every span boundary. Spans may nest or overlap; one outside the text is clipped."""
    clipped = [(max(0, min(s, len(text))), max(0, min(e, len(text)))) for s, e in spans]
    bounds = sorted({0, len(text), *(b for span in clipped for b in span)})
    pieces = []
    for a, b in pairwise(bounds):
        covering = tuple(sorted((i for i, (s, e) in enumerate(clipped) if s <= a and b <= e),
                                key=lambda i: (clipped[i][1] - clipped[i][0], i)))
        starts = tuple(i for i in covering if clipped[i][0] == a)
        pieces.append(Piece(text[a:b], covering, starts))
    return pieces


@dataclass(frozen=True, slots=True)
class Bar:
    """One policy's estimate on a 0-100 scale shared by every policy of the same outcome."""

    policy: str
    low: int | None
    best: int | None
    high: int | None
    left: float
    width: float
    tick: float | None


def _pct(value: int, scale: int) -> float:
    return round(100.0 * value / scale, 2)


def estimate_bars(incident: Incident) -> list[tuple[str, list[Bar]]]:
    """For each outcome, one bar per policy; a policy with no supported figure has an empty bar."""
    out = []
    for outcome in ESTIMATE_OUTCOMES:
        found = [(t.policy, getattr(t, outcome)) for t in incident.estimates]
        scale = max([v for _, e in found if e for v in (e.low, e.best, e.high) if v is not None] or [0]) or 1
        bars = []
        for policy, e in found:
            if e is None or e.low is None:
                bars.append(Bar(policy, None, None, None, 0.0, 0.0, None))
                continue
            top = max(v for v in (e.low, e.best, e.high) if v is not None)
            # An exact figure is a point: give it a sliver of width so it stays visible.
            bars.append(Bar(policy, e.low, e.best, e.high, _pct(e.low, scale),
                            max(_pct(top - e.low, scale), 0.8), None if e.best is None else _pct(e.best, scale)))
        out.append((outcome, bars))
    return out


@dataclass(frozen=True, slots=True)
class Point:
    """One figure: ``y_high`` is None for a single number; ``open`` marks 'at least' figures."""

    x: float
    y_low: float
    y_high: float | None
    open: bool
    outcome: str
    stance: str
    used: bool
    label: str
    document_id: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    bottom: int
    points: tuple[Point, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    left_out: int


def _nice_max(value: int) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    if value <= 1:
        return 1
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def timeline_chart(entries: Iterable[TimelineEntry], width: int = 640, height: int = 220) -> Chart:
    """Claims by date of report. Undated or unnumbered figures ('dozens') cannot be placed and are counted."""
    entries = list(entries)
    placed = [(e.reported, e) for e in entries if e.reported is not None and (e.low is not None or e.high is not None)]
    left, right, top, bottom, inset = 48, 16, 14, 28, 36
    x_from, x_to = left + inset, width - right - inset
    days = [d.toordinal() for d, _ in placed]
    first, last = (min(days), max(days)) if days else (0, 0)
    # Headroom above the largest figure, so an open-ended figure's dashed stub stays inside the chart.
    y_max = _nice_max(math.ceil(1.15 * max([v for _, e in placed for v in (e.low, e.high) if v is not None] or [1])))

    def x(d: int) -> float:
        if first == last:
            return (x_from + x_to) / 2
        return round(x_from + (x_to - x_from) * (d - first) / (last - first), 1)

    def y(v: float) -> float:
        return round(top + (height - top - bottom) * (1 - v / y_max), 1)

    points = []
    for reported, e in placed:
        low = e.low if e.low is not None else e.high
        high = e.high if e.high is not None and e.high != low else None
        label = f"{reported}: {e.source}, {e.text} {e.outcome} ({e.victims}, {e.stance})"
        points.append(Point(x(reported.toordinal()), y(low or 0), None if high is None else y(high),
                            e.high is None and e.qualifier in ("at_least", "more_than"), e.outcome, e.stance,
                            e.used, label, e.document_id))
    ticks = sorted({first, last} | ({(first + last) // 2} if last - first > 2 else set())) if days else []
    x_ticks = tuple((x(d), date.fromordinal(d).isoformat()) for d in ticks)
    y_ticks = tuple((y(v), f"{v:g}") for v in (0, y_max / 2, y_max))
    return Chart(width, height, left, height - bottom, tuple(points), x_ticks, y_ticks, len(entries) - len(placed))


def marker_radius(killed: int | None) -> float:
    """Circle area grows with the toll: 4 px for none, about 20 px for a hundred killed."""
    return round(4 + 1.6 * math.sqrt(killed or 0), 1)
