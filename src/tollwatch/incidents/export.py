"""Incidents as records in three layouts, written as CSV, JSON, JSON lines, Parquet or GeoJSON.

- ``tollwatch``: every field, estimates flattened as ``killed_low`` ... ``injured_high``.
- ``acled``: ACLED-like event rows; ``fatalities`` is the conservative best of killed.
- ``ucdp``: UCDP-GED-like rows; ``low``/``best``/``high`` from the ``ucdp`` policy.

The README's "Incidents" section documents which columns are filled and how.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import IO, Any

from ..errors import ConfigError
from ..model import Document, Estimate, Incident, Totals

LAYOUTS = ("tollwatch", "acled", "ucdp")
EXPORT_FORMATS = ("csv", "json", "jsonl", "parquet", "geojson")
OUTCOMES = ("killed", "civilians_killed", "injured")

TOLLWATCH_COLUMNS = [
    "id", "type", "date", "date_precision", "place", "admin1", "country", "latitude", "longitude", "geo_precision",
    "alleged_perpetrators", "grade", "grade_reason", "sources", "documents",
    *(f"{o}_{b}" for o in OUTCOMES for b in ("low", "best", "high")),
]
ACLED_COLUMNS = [
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "civilian_targeting",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities",
]
UCDP_COLUMNS = [
    "date_start", "date_end", "date_prec", "where_prec", "where_description", "adm_1", "adm_2", "latitude",
    "longitude", "deaths_civilians", "deaths_unknown", "best", "low", "high", "number_of_sources",
    "source_article", "source_headline", "source_date",
]
COLUMNS = {"tollwatch": TOLLWATCH_COLUMNS, "acled": ACLED_COLUMNS, "ucdp": UCDP_COLUMNS}

# ACLED's event types and sub-event types for the event types tollwatch extracts.
_ACLED_TYPES = {
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "drone_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide_bombing": ("Explosions/Remote violence", "Suicide bomb"),
    "shooting": ("Violence against civilians", "Attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "raid": ("Battles", "Armed clash"),
    "detention_operation": ("Strategic developments", "Arrests"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
}
_ACLED_TIME = {"day": 1, "week": 2, "month": 3, "year": 3}
_UCDP_DATE = {"day": 1, "week": 3, "month": 4, "year": 5}


def _geo_precision(precision: str | None) -> tuple[int, int]:
    """ACLED's geo_precision (1 town, 2 near or part of a region, 3 province) and UCDP's where_prec."""
    p = (precision or "").lower()
    if "country" in p:
        return 3, 6
    if any(w in p for w in ("admin", "province", "region", "state", "governorate")):
        return 3, 4
    if "district" in p:
        return 2, 3
    if "near" in p:
        return 2, 2
    return 1, 1


def _est(totals: Totals | None, outcome: str) -> Estimate | None:
    return None if totals is None else getattr(totals, outcome)


def incident_dict(incident: Incident, policy: str) -> dict[str, Any]:
    """The JSON of ``tollwatch incidents``: the event, grade, estimates under ``policy``, sources, documents."""
    e = incident.event
    p = e.place
    totals = incident.estimate(policy)
    per_doc: dict[str, int] = dict.fromkeys(incident.document_ids, 0)
    for u in incident.claims:
        per_doc[u.claim.document_id] += 1
    return {
        "id": incident.id,
        "type": e.type,
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "place": None if p is None else {
            "name": p.name, "admin1": p.admin1, "country": p.country, "lat": p.lat, "lon": p.lon,
            "precision": p.precision,
        },
        "alleged_perpetrators": list(e.alleged_perpetrators),
        "grade": incident.grade,
        "grade_reason": incident.grade_reason,
        "policy": policy,
        "estimates": {
            o: {"low": est.low, "best": est.best, "high": est.high} if (est := _est(totals, o)) else
            {"low": None, "best": None, "high": None}
            for o in OUTCOMES
        },
        "sources": incident.sources,
        "documents": [{"id": d, "claims": n} for d, n in per_doc.items()],
    }


def tollwatch_row(incident: Incident, policy: str) -> dict[str, Any]:
    d = incident_dict(incident, policy)
    place = d["place"] or {}
    row = {
        "id": d["id"], "type": d["type"], "date": d["date"], "date_precision": d["date_precision"],
        "place": place.get("name"), "admin1": place.get("admin1"), "country": place.get("country"),
        "latitude": place.get("lat"), "longitude": place.get("lon"), "geo_precision": place.get("precision"),
        "alleged_perpetrators": "; ".join(d["alleged_perpetrators"]), "grade": d["grade"],
        "grade_reason": d["grade_reason"], "sources": d["sources"],
        "documents": "; ".join(doc["id"] for doc in d["documents"]),
    }
    for o in OUTCOMES:
        for b in ("low", "best", "high"):
            row[f"{o}_{b}"] = d["estimates"][o][b]
    return row


def _victims(incident: Incident) -> str:
    groups = sorted({u.claim.claim.victims.group for u in incident.claims if u.used})
    return "; ".join(g.replace("_", " ").title() for g in groups)


def acled_row(incident: Incident, documents: Mapping[str, Document]) -> dict[str, Any]:
    e, p = incident.event, incident.event.place
    kind, sub = _ACLED_TYPES.get((e.type or "").lower(), ("", e.type or ""))
    conservative = incident.estimate("conservative")
    killed, civilians = _est(conservative, "killed"), _est(conservative, "civilians_killed")
    outlets = sorted({documents[d].outlet or "" for d in incident.document_ids if d in documents} - {""})
    return {
        "event_date": e.date.isoformat() if e.date else None,
        "time_precision": _ACLED_TIME.get(e.date_precision or "", 3),
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": "; ".join(e.alleged_perpetrators),
        "actor2": _victims(incident),
        "civilian_targeting": "Civilian targeting" if civilians is not None and (civilians.best or 0) > 0 else "",
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": None,
        "location": p.name if p else None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": _geo_precision(p.precision if p else "country")[0],
        "source": "; ".join(outlets),
        "source_scale": None,
        "notes": f"tollwatch incident {incident.id}: {incident.grade} ({incident.grade_reason}); "
                 f"{incident.sources} independent source(s).",
        "fatalities": killed.best if killed is not None and killed.best is not None else 0,
    }


def _date_range(incident: Incident) -> tuple[date | None, date | None]:
    d, precision = incident.event.date, incident.event.date_precision
    if d is None:
        return None, None
    if precision == "month":
        start = d.replace(day=1)
        return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if precision == "year":
        return d.replace(month=1, day=1), d.replace(month=12, day=31)
    if precision == "week":
        return d - timedelta(days=3), d + timedelta(days=3)
    return d, d


def ucdp_row(incident: Incident, documents: Mapping[str, Document]) -> dict[str, Any]:
    p = incident.event.place
    start, end = _date_range(incident)
    ucdp = incident.estimate("ucdp")
    killed, civilians = _est(ucdp, "killed"), _est(ucdp, "civilians_killed")
    best = killed.best if killed else None
    deaths_civilians = civilians.best if civilians else None
    docs = [documents[d] for d in incident.document_ids if d in documents]
    return {
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_prec": _UCDP_DATE.get(incident.event.date_precision or "", 5),
        "where_prec": _geo_precision(p.precision if p else "country")[1],
        "where_description": p.name if p else None,
        "adm_1": p.admin1 if p else None,
        "adm_2": None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "deaths_civilians": deaths_civilians,
        "deaths_unknown": None if best is None else max(0, best - (deaths_civilians or 0)),
        "best": best,
        "low": killed.low if killed else None,
        "high": killed.high if killed else None,
        "number_of_sources": incident.sources,
        "source_article": "; ".join(d.url or d.id for d in docs),
        "source_headline": "; ".join(d.title or "" for d in docs),
        "source_date": "; ".join(d.published.isoformat() if d.published else "" for d in docs),
    }


def rows(incidents: Iterable[Incident], layout: str, documents: Mapping[str, Document],
         policy: str = "conservative") -> list[dict[str, Any]]:
    if layout == "tollwatch":
        return [tollwatch_row(i, policy) for i in incidents]
    if layout == "acled":
        return [acled_row(i, documents) for i in incidents]
    if layout == "ucdp":
        return [ucdp_row(i, documents) for i in incidents]
    raise ConfigError(f"--layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")


def geojson(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection: a Point where the place has coordinates, a null geometry where it has none."""
    lat, lon = ("latitude", "longitude")
    features = []
    for r in records:
        point = r[lat] is not None and r[lon] is not None
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r[lon], r[lat]]} if point else None,
            "properties": {k: v for k, v in r.items() if k not in (lat, lon)},
        })
    return {"type": "FeatureCollection", "features": features}


def write(records: list[dict[str, Any]], layout: str, format: str, out: IO[str] | IO[bytes]) -> None:
    """Write records in the layout's column order. Parquet needs pyarrow (the ``parquet`` extra)."""
    columns = COLUMNS[layout]
    if format == "csv":
        writer = csv.DictWriter(out, columns)  # type: ignore[arg-type]
        writer.writeheader()
        writer.writerows(records)
    elif format == "json":
        json.dump(records, out, ensure_ascii=False, indent=1)  # type: ignore[arg-type]
    elif format == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")  # type: ignore[call-overload]
    elif format == "geojson":
        json.dump(geojson(records), out, ensure_ascii=False)  # type: ignore[arg-type]
    elif format == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ConfigError("parquet needs pyarrow: pip install 'tollwatch[parquet]'") from None
        table = pa.Table.from_pylist(records, schema=_arrow_schema(pa, layout, records))
        pq.write_table(table, out)
    else:
        raise ConfigError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got {format!r}")


def _arrow_schema(pa: Any, layout: str, records: list[dict[str, Any]]) -> Any:
    """Column types from the values, so that an empty or all-null column still has a type."""
    fields = []
    for c in COLUMNS[layout]:
        values = [r[c] for r in records if r[c] is not None]
        if values and all(isinstance(v, bool) for v in values):
            kind = pa.bool_()
        elif values and all(isinstance(v, int) for v in values):
            kind = pa.int64()
        elif values and all(isinstance(v, (int, float)) for v in values):
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(c, kind))
    return pa.schema(fields)
