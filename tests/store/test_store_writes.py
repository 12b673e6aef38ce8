"""Writes keep every value exactly, and each extraction's rows point to their own document's."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tollwatch.dedup import fingerprint
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims
from tollwatch.readers import content_id
from tollwatch.store import schema
from tollwatch.store.database import open_store
from tollwatch.store.writes import NewDocument, utcnow, write_documents, write_extractions

# What COPY's text format must escape, and what a naive CSV or array literal gets wrong.
AWKWARD = 'Tab\there, back\\slash, "quotes", \\N, a comma, {braces}\r\nand Ünïcödé: 3 killed in Ōsaki-ville.'


def _extraction(doc: Document, town: str) -> Extraction:
    start = doc.text.index("3 killed")
    claim = Claim(
        outcome="killed",
        victims=Victims("people"),
        count=Count(3, 3, "exact", "3"),
        stance="asserted",
        source=Source(None, None, None, "unnamed"),
        span=(start, start + len("3 killed")),
        evidence="3 killed",
    )
    event = Event("shooting", doc.published, "day", Place(town, None, "ZZ", 1.0, 2.0, "town", None))
    return Extraction(doc, (claim,), event, Totals("conservative", None, None, None), "test.rules", "1")


def test_store_writes_keep_awkward_text_exactly(db_url: str) -> None:
    doc = Document(id=content_id(AWKWARD), text=AWKWARD, title=None, published=None, outlet="Ōsaki \\ Post")
    raw = '{"text": "' + AWKWARD.replace("\\", "\\\\").replace('"', '\\"') + '"}'
    new = NewDocument(doc, raw, content_id(AWKWARD), fingerprint(AWKWARD))
    with open_store(db_url, create=True) as store:
        with store.begin() as c:
            assert write_documents(c, [new], utcnow()) == {doc.id}
            assert write_extractions(c, [_extraction(doc, "Ōsaki")], utcnow()) == 1
        with store.connect() as c:
            d = schema.documents
            row = c.execute(select(d.c.text, d.c.raw, d.c.outlet, d.c.title, d.c.published, d.c.minhash)).one()
            assert (row.text, row.raw, row.outlet, row.title, row.published) == (AWKWARD, raw, "Ōsaki \\ Post", None, None)
            assert bytes(row.minhash) == new.fingerprint.signature
            assert c.scalar(select(schema.claims.c.evidence)) == "3 killed"


def test_store_writes_link_each_extraction_to_its_own_rows(db_url: str) -> None:
    texts = [f"Report {k}: 3 killed in a fictional town." for k in range(5)]
    docs = [Document(id=content_id(t), text=t, published=date(2020, 1, 1 + k)) for k, t in enumerate(texts)]
    with open_store(db_url, create=True) as store:
        with store.begin() as c:
            write_documents(c, [NewDocument(d, None, content_id(d.text), fingerprint(d.text)) for d in docs], utcnow())
            # An extraction without an event puts the two tables' ids out of step.
            c.execute(schema.extractions.insert(), {"document_id": docs[0].id, "extractor": "other", "extractor_version": "0",
                                                    "created_at": utcnow(), "totals": {}})
            # Written in the reverse order, so ids handed out in order cannot line up with the documents by chance.
            written = write_extractions(c, [_extraction(d, f"Town {k}") for k, d in reversed(list(enumerate(docs)))], utcnow())
            assert written == 5
        with store.connect() as c:
            ex, ev, pl = schema.extractions, schema.events, schema.places
            rows = c.execute(
                select(ex.c.document_id, ev.c.document_id, ev.c.date, pl.c.document_id, pl.c.name)
                .join(ev, ev.c.extraction_id == ex.c.id)
                .join(pl, (pl.c.event_id == ev.c.id) & (pl.c.extraction_id == ex.c.id))
            ).all()
        by_document = {r[0]: r for r in rows}
        assert len(rows) == 5 and set(by_document) == {d.id for d in docs}
        for k, d in enumerate(docs):
            assert by_document[d.id][1:] == (d.id, d.published, d.id, f"Town {k}")
