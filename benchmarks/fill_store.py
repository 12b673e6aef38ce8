"""Fill a new store with about N incidents made from the real dev texts, fast; then, with --measure, time the
incident rows: one ingest batch's refresh, a decision, and list_incidents against a primary-key read.

    python benchmarks/fill_store.py --db /tmp/tw-bench.db --incidents 10000
    python benchmarks/fill_store.py --db /tmp/tw-bench.db --incidents 10000 --measure

Each dev text is extracted once. An incident is one of them moved to a new date (2010 to 2019) and a new
town (a place the dev texts name, shifted 30 to 300 km under a new name), told by 1 to 3 documents: the
text with a different closing line, so its copies are near duplicates of one another. Documents and their
extractions are written directly, without extracting each copy again; ``incidents.storage.update`` then
links them and writes the incident rows, as it does after any ingest. For the web load benchmark (issue 5)
the store is then served as it is.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bench_extract import dev_texts  # one reader of the dev texts for every benchmark
from sqlalchemy import select

from tollwatch import dedup
from tollwatch.errors import ExtractionError
from tollwatch.incidents import rows, storage
from tollwatch.incidents.tables import incidents
from tollwatch.model import Decision, Document, Extraction, Place
from tollwatch.pipeline import extract
from tollwatch.readers import content_id
from tollwatch.settings import Settings
from tollwatch.store.database import Store, open_store
from tollwatch.store.writes import NewDocument, document_key, utcnow, write_documents, write_extractions

FIRST_DAY, DAYS = date(2010, 1, 1), 3650


@dataclass(frozen=True, slots=True)
class Spec:
    """One generated incident: which base extraction, when and where."""

    base: int
    day: date
    place: Place


def bases(data: Path, settings: Settings) -> list[Extraction]:
    """The dev texts extracted once each; those with no claim or no place are left out."""
    out = []
    for i, text in enumerate(dev_texts(data)):
        doc = Document(id=f"base{i}", text=text, published=FIRST_DAY)
        try:
            x = extract(doc, settings)
        except ExtractionError:
            continue
        if x.claims and x.event.place is not None and x.event.place.lat is not None:
            out.append(x)
    if not out:
        sys.exit("no dev text gave a claim and a place: is extraction failing?")
    return out


def towns(pool: list[Extraction], n: int, rng: random.Random) -> list[Place]:
    """``n`` fictional towns near the places the dev texts name, far enough apart not to be confused."""
    out = []
    for k in range(n):
        p = rng.choice(pool).event.place
        assert p is not None and p.lat is not None and p.lon is not None
        km, bearing = rng.uniform(30, 300), rng.uniform(0, 2 * math.pi)
        lat = max(-80.0, min(80.0, p.lat + km / 111 * math.cos(bearing)))
        lon = p.lon + km / (111 * max(0.2, math.cos(math.radians(lat)))) * math.sin(bearing)
        out.append(Place(f"{p.name} {k}", p.admin1, p.country, round(lat, 4), round(lon, 4), "town"))
    return out


def documents(spec: Spec, pool: list[Extraction], copies: int, serial: int) -> list[Extraction]:
    """The incident's documents: the base text with its own closing line each, moved to the spec's date and town."""
    base = pool[spec.base]
    out = []
    for c in range(copies):
        text = f"{base.document.text}\n\nFiled by desk {serial}-{c}."
        doc = Document(id="", text=text, published=spec.day + timedelta(days=c), outlet=f"Outlet {(serial + c) % 40}",
                       external_id=f"fill-{serial}-{c}")
        doc = replace(doc, id=document_key(doc))
        event = replace(base.event, date=spec.day, date_precision="day", place=spec.place)
        out.append(replace(base, document=doc, event=event))
    return out


def write(store: Store, xs: list[Extraction]) -> None:
    """Documents and their extractions, as ingest writes them, in one transaction."""
    now = utcnow()
    new = [NewDocument(x.document, None, content_id(x.document.text), dedup.fingerprint(x.document.text)) for x in xs]
    with store.begin() as connection:
        write_documents(connection, new, now)
        write_extractions(connection, xs, now)


def specs(n: int, places: list[Place], pool: list[Extraction], rng: random.Random) -> list[Spec]:
    return [Spec(rng.randrange(len(pool)), FIRST_DAY + timedelta(days=rng.randrange(DAYS)), rng.choice(places))
            for _ in range(n)]


def fill(store: Store, n: int, pool: list[Extraction], rng: random.Random, settings: Settings) -> list[Spec]:
    made = specs(n, towns(pool, max(50, n // 3), rng), pool, rng)
    t0 = time.perf_counter()
    batch: list[Extraction] = []
    docs = 0
    for serial, spec in enumerate(made):
        batch += documents(spec, pool, rng.randint(1, 3), serial)
        if len(batch) >= 1000 or serial == len(made) - 1:
            write(store, batch)
            docs += len(batch)
            batch = []
    t1 = time.perf_counter()
    storage.update(store, settings)
    t2 = time.perf_counter()
    with store.connect() as connection:
        count = len(connection.execute(select(incidents.c.id)).all())
    print(f"filled {docs:,} documents in {t1 - t0:.1f}s; linked them into {count:,} incidents in {t2 - t1:.1f}s "
          f"({docs / (t2 - t1):,.0f} docs/s)", flush=True)
    return made


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:6.2f} ms  p99 {p99 * 1000:6.2f} ms"


def measure_lists(store: Store, rng: random.Random, n: int = 300) -> None:
    with store.connect() as connection:
        ids = list(connection.execute(select(incidents.c.id)).scalars())
        countries = sorted({c for c in connection.execute(select(incidents.c.country)).scalars() if c})
    reference = []
    for _ in range(n):
        t = time.perf_counter()
        with store.connect() as connection:
            connection.execute(select(incidents.c.id).where(incidents.c.id == rng.choice(ids))).one()
        reference.append(time.perf_counter() - t)
    filters = [
        rows.IncidentFilter(),
        rows.IncidentFilter(country=rng.choice(countries)),
        rows.IncidentFilter(outcome="killed"),
        rows.IncidentFilter(grade="weak"),
        rows.IncidentFilter(date_from=date(2014, 1, 1), date_to=date(2014, 6, 30)),
        rows.IncidentFilter(text="police"),
        rows.IncidentFilter(country=rng.choice(countries), outcome="injured", text="said"),
    ]
    first, deep = [], []
    for i in range(n):
        f = filters[i % len(filters)]
        t = time.perf_counter()
        page = rows.list_incidents(store, filters=f)
        first.append(time.perf_counter() - t)
        for _ in range(rng.randint(1, 20)):
            if page.next is None:
                break
            t = time.perf_counter()
            page = rows.list_incidents(store, filters=f, after=page.next)
            deep.append(time.perf_counter() - t)
    pages = []
    for _ in range(n):
        t = time.perf_counter()
        rows.get_incident(store, rng.choice(ids))
        pages.append(time.perf_counter() - t)
    ref = statistics.median(reference)
    print(f"primary-key read (reference)   {_ms(reference)}")
    for name, samples in (("list_incidents, first page", first), ("list_incidents, pages 2-21", deep),
                          ("get_incident", pages)):
        print(f"{name:<30} {_ms(samples)}  ({statistics.median(samples) / ref:.1f}x the reference)")


def measure_refresh(store: Store, made: list[Spec], pool: list[Extraction], rng: random.Random,
                    settings: Settings, batches: int, size: int) -> None:
    """Ingest batches, half new incidents and half reports joining stored ones, timing write and refresh."""
    serial = len(made) * 10
    for b in range(batches):
        xs: list[Extraction] = []
        while len(xs) < size:
            serial += 1
            spec = rng.choice(made) if len(xs) % 2 else specs(1, [s.place for s in made], pool, rng)[0]
            xs += documents(spec, pool, 1, serial)
        t0 = time.perf_counter()
        write(store, xs)
        t1 = time.perf_counter()
        storage.update(store, settings)
        t2 = time.perf_counter()
        print(f"batch {b + 1}: {len(xs)} documents written in {t1 - t0:.2f}s (reference); linked and incident rows "
              f"refreshed in {t2 - t1:.2f}s ({(t2 - t1) / (t1 - t0):.1f}x the write)", flush=True)
    target = next(iter(rows.iter_incidents(store, rows.IncidentFilter(outcome="killed"))))
    t0 = time.perf_counter()
    number = storage.decide(store, Decision(0, "grade", "bench", utcnow(), "benchmark", target.document_ids[0],
                                            value="discounted"), settings)
    t1 = time.perf_counter()
    storage.undo(store, number, "bench", "benchmark", settings)
    t2 = time.perf_counter()
    print(f"a grade decision with its refresh: {t1 - t0:.2f}s; its undo: {t2 - t1:.2f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a new SQLite file or an empty PostgreSQL database URL")
    parser.add_argument("--incidents", type=int, default=10_000, help="incidents to generate (linking may join some)")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--measure", action="store_true", help="then time refreshes, list_incidents, get_incident")
    parser.add_argument("--batches", type=int, default=3, help="ingest batches timed by --measure")
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if "://" not in args.db and Path(args.db).exists():
        sys.exit(f"{args.db} exists; give a new file")
    settings, rng = Settings(), random.Random(args.seed)
    t0 = time.perf_counter()
    pool = bases(args.data, settings)
    print(f"extracted {len(pool)} dev texts with a claim and a place in {time.perf_counter() - t0:.1f}s", flush=True)
    with open_store(args.db, create=True) as store:
        made = fill(store, args.incidents, pool, rng, settings)
        if args.measure:
            measure_refresh(store, made, pool, rng, settings, args.batches, args.batch_size)
            measure_lists(store, rng)


if __name__ == "__main__":
    main()
