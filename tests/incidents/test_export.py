"""Exports of fictional incidents open in pandas with the documented columns; GeoJSON validates."""

from __future__ import annotations

import io
import json

import geojson
import pandas as pd
import pytest
from fictional import everything, fingerprints

from tollwatch.incidents import incidents_of
from tollwatch.incidents.export import COLUMNS, LAYOUTS, incident_dict, rows, write
from tollwatch.settings import Settings

SETTINGS = Settings()
XS = everything()
INCIDENTS = incidents_of(XS, SETTINGS, fingerprints=fingerprints(*XS))
DOCUMENTS = {x.document.id: x.document for x in XS}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("format", ["csv", "json", "parquet"])
def test_export_opens_in_pandas_with_documented_columns(tmp_path, layout, format) -> None:
    path = tmp_path / f"out.{format}"
    with open(path, "wb" if format == "parquet" else "w", newline="" if format == "csv" else None) as out:
        write(rows(INCIDENTS, layout, DOCUMENTS), layout, format, out)
    frame = {"csv": pd.read_csv, "json": pd.read_json, "parquet": pd.read_parquet}[format](path)
    assert list(frame.columns) == COLUMNS[layout]
    assert len(frame) == len(INCIDENTS)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_export_geojson_validates(layout) -> None:
    out = io.StringIO()
    write(rows(INCIDENTS, layout, DOCUMENTS), layout, "geojson", out)
    collection = geojson.loads(out.getvalue())
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == len(INCIDENTS)


def test_export_acled_and_ucdp_figures() -> None:
    grow = next(i for i in INCIDENTS if "grow1" in i.document_ids)
    [acled] = rows([grow], "acled", DOCUMENTS)
    [ucdp] = rows([grow], "ucdp", DOCUMENTS)
    assert acled["fatalities"] == 12 and acled["source"] == "Courier; Gazette; Herald"
    assert (ucdp["low"], ucdp["best"], ucdp["high"], ucdp["number_of_sources"]) == (12, 13, 15, 2)


def test_export_incident_json_shape() -> None:
    d = json.loads(json.dumps(incident_dict(INCIDENTS[0], "range")))
    assert {"id", "type", "date", "date_precision", "place", "grade", "estimates", "sources", "documents"} <= set(d)
    assert set(d["estimates"]) == {"killed", "civilians_killed", "injured"}
    assert set(d["place"]) == {"name", "admin1", "country", "lat", "lon", "precision"}
    assert all(set(doc) == {"id", "claims"} for doc in d["documents"])


def test_export_acled_types_cover_every_event_type_tollwatch_extracts() -> None:
    from tollwatch.event import EVENT_TYPES
    from tollwatch.incidents.export import _ACLED_TYPES

    assert set(_ACLED_TYPES) == set(EVENT_TYPES) - {"other"}
