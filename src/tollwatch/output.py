"""Turn an Extraction into the JSON contract of ``tollwatch extract`` (see ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Any

from .model import Claim, Estimate, Event, Extraction, Totals


def estimate_dict(e: Estimate | None) -> dict[str, int | None] | None:
    return None if e is None else {"low": e.low, "best": e.best, "high": e.high}


def totals_dict(t: Totals) -> dict[str, Any]:
    return {
        "killed": estimate_dict(t.killed),
        "civilians_killed": estimate_dict(t.civilians_killed),
        "injured": estimate_dict(t.injured),
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "outcome": c.outcome,
        "victims": {
            "group": c.victims.group,
            "includes": list(c.victims.includes),
            "affiliation": c.victims.affiliation,
            "name": c.victims.name,
        },
        "count": {"low": c.count.low, "high": c.count.high, "qualifier": c.count.qualifier, "text": c.count.text},
        "stance": c.stance,
        "source": {
            "speaker": c.source.speaker,
            "role": c.source.role,
            "organization": c.source.organization,
            "type": c.source.type,
            "via": list(c.source.via),
        },
        "alleged_perpetrator": c.alleged_perpetrator,
        "subset": c.subset,
        "span": [c.span[0], c.span[1]],
        "evidence": c.evidence,
    }


def event_dict(e: Event) -> dict[str, Any]:
    place = None
    if e.place is not None:
        p = e.place
        place = {
            "name": p.name,
            "admin1": p.admin1,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "precision": p.precision,
        }
    return {
        "type": e.type,
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "place": place,
        "alleged_perpetrators": list(e.alleged_perpetrators),
    }


def extraction_dict(x: Extraction) -> dict[str, Any]:
    d = x.document
    return {
        "document": {
            "id": d.id,
            "title": d.title,
            "published": d.published.isoformat() if d.published else None,
            "url": d.url,
        },
        "claims": [claim_dict(c) for c in x.claims],
        "event": event_dict(x.event),
        "totals": totals_dict(x.totals),
    }
