"""Machine output is versioned and append-only; analyst decisions are kept apart and survive re-extraction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select

from tollwatch.dedup import fingerprint
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims
from tollwatch.readers import content_id
from tollwatch.store import queries, schema
from tollwatch.store.database import open_store
from tollwatch.store.writes import NewDocument, claim_key, utcnow, write_documents, write_extractions

TEXT = "Police in the fictional town of Veldra said 4 civilians were killed when a market stall exploded."


def _document() -> Document:
    return Document(id=content_id(TEXT), text=TEXT, title="Veldra blast", published=date(2021, 3, 4), outlet="Valley Wire")


def _extraction(doc: Document, version: str, low: int) -> Extraction:
    start = TEXT.index("4 civilians")
    claim = Claim(
        outcome="killed",
        victims=Victims("civilians"),
        count=Count(low, low, "exact", str(low)),
        stance="asserted",
        source=Source("Police", None, None, "police"),
        span=(start, start + len("4 civilians were killed")),
        evidence="4 civilians were killed",
    )
    place = Place("Veldra", None, "ZZ", 1.0, 2.0, "town", (31, 37))
    event = Event("explosion", doc.published, "day", place)
    return Extraction(doc, (claim,), event, Totals("conservative", None, None, None), "test.rules", version)


def test_store_versions_kept_and_decisions_untouched(db_url: str) -> None:
    doc = _document()
    with open_store(db_url, create=True) as store:
        with store.begin() as c:
            inserted = write_documents(c, [NewDocument(doc, None, content_id(TEXT), fingerprint(TEXT))], utcnow())
            assert inserted == {doc.id}
            assert write_extractions(c, [_extraction(doc, "1", 4)], utcnow()) == 1
            c.execute(
                schema.claim_decisions.insert(),
                {
                    "claim_key": claim_key(doc.id, _extraction(doc, "1", 4).claims[0]),
                    "document_id": doc.id,
                    "decision": "confirmed",
                    "analyst": "test",
                    "decided_at": utcnow(),
                },
            )
        with store.begin() as c:
            # The same version again adds nothing; a new version adds a second set of machine output.
            assert write_extractions(c, [_extraction(doc, "1", 4)], utcnow()) == 0
            assert write_extractions(c, [_extraction(doc, "2", 5)], utcnow()) == 1

        latest = list(queries.claims(store, queries.Filters()))
        old = list(queries.claims(store, queries.Filters(extractor_version="1")))
        assert [(c.low, c.extractor_version) for c in latest] == [(5, "2")]
        assert [(c.low, c.extractor_version) for c in old] == [(4, "1")]
        assert latest[0].claim_key == old[0].claim_key, "a claim's stable id survives re-extraction"
        assert latest[0].country == "ZZ"
        with store.connect() as c:
            decisions = c.execute(select(schema.claim_decisions.c.claim_key)).scalars().all()
            assert decisions == [latest[0].claim_key]
            assert c.scalar(select(func.count()).select_from(schema.places)) == 2
        assert queries.stats(store).as_dict() == {
            "documents": 1,
            "claims": 1,
            "incidents": 0,
            "rejected": 0,
            "near_duplicates": 0,
            "extractions": 2,
        }


def test_store_document_inserted_once(db_url: str) -> None:
    doc = _document()
    new = NewDocument(doc, "<raw/>", content_id(TEXT), fingerprint(TEXT))
    with open_store(db_url, create=True) as store:
        with store.begin() as c:
            assert write_documents(c, [new], utcnow()) == {doc.id}
        with store.begin() as c:
            assert write_documents(c, [new, replace(new, raw="<again/>")], utcnow()) == set()
        detail = queries.find_document(store, doc.id[:8])
        assert detail.document.text == TEXT and detail.document.title == "Veldra blast"
