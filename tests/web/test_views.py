"""What the pages draw, computed from the model: highlight pieces, estimate bars, the claim timeline, marker sizes."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.model import Estimate, Event, Incident, TimelineEntry, Totals
from tollwatch.web.views import estimate_bars, highlight, marker_radius, timeline_chart

TEXT = "Police said 12 civilians were killed and 20 wounded <script>x</script>."


def test_views_highlight_pieces_rebuild_the_text_and_cover_each_span() -> None:
    killed, wounded, nested = (TEXT.index("12"), TEXT.index(" and")), (TEXT.index("20"), TEXT.index(" <")), \
        (TEXT.index("civilians"), TEXT.index(" were"))
    pieces = highlight(TEXT, [killed, wounded, nested])
    assert "".join(p.text for p in pieces) == TEXT
    for i, (start, end) in enumerate([killed, wounded, nested]):
        assert "".join(p.text for p in pieces if i in p.claims) == TEXT[start:end]
        assert [p.text[:2] for p in pieces if i in p.starts] == [TEXT[start:start + 2]]
    [inner] = [p for p in pieces if p.text == "civilians"]
    assert inner.claims == (2, 0)  # innermost (shortest) claim first: a click opens the most specific one


@pytest.mark.parametrize("spans, covered", [
    ([(60, 500)], TEXT[60:]),  # a span past the end is clipped
    ([(-5, 6)], TEXT[:6]),
    ([(10, 10)], ""),  # an empty span marks nothing
    ([], ""),
])
def test_views_highlight_clips_spans_to_the_text(spans: list[tuple[int, int]], covered: str) -> None:
    pieces = highlight(TEXT, spans)
    assert "".join(p.text for p in pieces) == TEXT
    assert "".join(p.text for p in pieces if p.claims) == covered


def _incident(*totals: Totals, timeline: tuple[TimelineEntry, ...] = ()) -> Incident:
    return Incident("Itest", Event("bombing", date(2021, 3, 14), "day", None), ("d1",), (), "weak", "one source",
                    estimates=totals, timeline=timeline)


def test_views_estimate_bars_share_one_scale_per_outcome() -> None:
    incident = _incident(Totals("conservative", Estimate(12, 12, 12), None, None),
                         Totals("range", Estimate(12, 12, 20), None, None),
                         Totals("ucdp", Estimate(10, 15, 20), None, Estimate(0, 0, 0)))
    bars = dict(estimate_bars(incident))
    conservative, range_, ucdp = bars["killed"]
    assert (range_.left, range_.width, range_.tick) == (60.0, 40.0, 60.0)
    assert (ucdp.left, ucdp.width, ucdp.tick) == (50.0, 50.0, 75.0)
    assert conservative.width > 0  # an exact figure still shows
    assert [b.low for b in bars["civilians_killed"]] == [None, None, None]
    assert [b.low for b in bars["injured"]] == [None, None, 0]


def _entry(day: date | None, low: int | None, high: int | None, qualifier: str = "exact",
           stance: str = "asserted") -> TimelineEntry:
    return TimelineEntry(day, "d1", "Ledger", "police", "killed", "civilians", low, high, qualifier, str(low),
                         stance, True, "used")


def test_views_timeline_places_figures_by_date_and_size() -> None:
    chart = timeline_chart([
        _entry(date(2021, 3, 14), 12, 12), _entry(date(2021, 3, 24), 15, None, "at_least"),
        _entry(date(2021, 3, 19), 10, 20, "range"), _entry(None, 30, 30), _entry(date(2021, 3, 20), None, None,
                                                                                    "vague"),
    ])
    first, later, ranged = chart.points
    assert chart.left_out == 2  # undated, and 'dozens'
    assert first.x < ranged.x < later.x
    assert later.y_low < first.y_low < chart.bottom  # larger figures stand higher
    assert later.open and later.y_high is None
    assert ranged.y_high is not None and ranged.y_high < ranged.y_low
    assert [label for _, label in chart.x_ticks] == ["2021-03-14", "2021-03-19", "2021-03-24"]
    assert [label for _, label in chart.y_ticks] == ["0", "12.5", "25"]


def test_views_marker_radius_grows_with_the_toll() -> None:
    assert marker_radius(None) == marker_radius(0) < marker_radius(10) < marker_radius(100)
