"""Linking throughput on a generated corpus: in memory, and through the store as ``tollwatch ingest`` links.

    python benchmarks/bench_link.py                                   # in memory: 10k, 30k and 100k documents
    python benchmarks/bench_link.py --sizes 1000 5000
    python benchmarks/bench_link.py --store /tmp/tw-link.db --batch 500   # and through a new SQLite file

The corpus is fictional and made here: incidents spread over 200 towns in 20 countries and five years,
each reported by 1 to 6 documents (a tenth of them wire copies). Each incident draws its words from a
vocabulary of about 2,000 made-up words, and its reports from those, so reports of one incident share
most content words and reports of two share few, as in real news (with one short word list for all,
every report looked like every other, and reports that name no place chained whole weeks together).
A share of the documents (``--loose``) are dated only to the month or name no place, so the
loose-report paths of linking run too.

In memory, feature building (MinHash signatures) and linking are timed apart, as before.

Through the store, the largest size is written in batches of ``--batch`` documents into a new SQLite
file, documents and their extractions as ingest writes them (``store.writes``; the NLP extraction is
not run, the extractions are built here), and ``incidents.storage.update`` runs after each batch, as at
the end of ``tollwatch ingest``: it builds the new reports, links them through the blocking index in
the store, and rewrites the incident rows they change. At each size it prints the cumulative linking
time and the time of the last few batches, as a ratio to writing them (the reference, measured in the
same run), so a cost that grows with the store shows as a growing ratio. The budget is linking
100,000 documents in under 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tollwatch import dedup
from tollwatch.incidents import storage
from tollwatch.incidents.link import Linker
from tollwatch.incidents.report import reports_of
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims
from tollwatch.readers import content_id
from tollwatch.settings import Settings
from tollwatch.store.database import Store, open_store
from tollwatch.store.queries import stats
from tollwatch.store.writes import NewDocument, utcnow, write_documents, write_extractions

_WORDS = ["market", "checkpoint", "convoy", "village", "school", "mosque", "bridge", "farm", "road", "wedding", "funeral", "clinic", "bakery", "gunmen", "bomber", "rocket", "drone", "shelling", "militia", "army", "police", "rebels", "soldiers", "villagers", "shoppers", "explosion", "blast", "fire", "attack", "strike", "raid", "ambush", "clash", "night", "morning", "evening", "dawn", "dusk", "crowd", "smoke", "ruins", "wreckage", "stalls", "vehicles", "trucks", "houses", "compound", "witnesses", "elders", "governor", "doctor"]
_SITES = ("Central Market", "police checkpoint", "main mosque", "district hospital", "bus station", "village school")
_TYPES = ("airstrike", "bombing", "shooting", "shelling", "attack")
_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vor", "ul", "pe", "dri", "son", "ga", "hel", "bi", "nor", "est",
              "fa", "qui", "mar", "to", "zel", "ib", "sha", "dun", "re", "ova", "kel", "ty", "ban", "ser", "um",
              "lin", "go", "pra", "hu", "ect", "wi", "dor", "na", "vel", "is", "jor", "ap", "mun", "fe")
VOCABULARY = [a + b for a in _SYLLABLES for b in _SYLLABLES]
BUDGET_S = 600.0
_RECENT = 5  # batches averaged for the time per batch at each size


def corpus(n_docs: int, loose: float = 0.0, seed: int = 1) -> list[Extraction]:
    """``n_docs`` generated extractions; a ``loose`` share is dated to the month (half) or has no place (half)."""
    rng = random.Random(seed)
    towns = [Place(f"Town{i}", f"Province{i // 10}", f"C{i // 10 % 20}", rng.uniform(-40, 50),
                   rng.uniform(-20, 120), "town") for i in range(200)]
    start = date(2015, 1, 1)
    out: list[Extraction] = []
    incident = 0
    while len(out) < n_docs:
        incident += 1
        town, kind, site = rng.choice(towns), rng.choice(_TYPES), rng.choice(_SITES)
        when = start + timedelta(days=rng.randrange(5 * 365))
        killed = rng.randrange(1, 60)
        base = " ".join(rng.sample(VOCABULARY, 100) + rng.choices(_WORDS, k=20))
        for r in range(rng.randint(1, 6)):
            if r and rng.random() < 0.1:
                text = out[-1].document.text + " Reporting by the agency."
            else:
                text = f"A {kind} hit the {site} in {town.name}, killing {killed} people, officials said. " + \
                       " ".join(rng.sample(base.split(), 80))
            published = when + timedelta(days=rng.randrange(3))
            doc = Document(id=f"d{len(out)}", text=text, published=published, outlet=f"Outlet{rng.randrange(40)}")
            evidence = f"killing {killed} people"
            s = text.index(evidence)
            c = Claim("killed", Victims("people"), Count(killed, killed, "exact", str(killed)), "asserted",
                      Source(None, None, None, "government"), (s, s + len(evidence)), evidence)
            vague = rng.random()
            event = Event(kind, when, "month", town) if vague < loose / 2 else \
                Event(kind, when, "day", None) if vague < loose else Event(kind, when, "day", town)
            out.append(Extraction(doc, (c,), event, Totals("conservative", None, None, None)))
    return out[:n_docs]


def run_memory(xs: list[Extraction], settings: Settings) -> None:
    n = len(xs)
    t0 = time.perf_counter()
    reports = [r for x in xs for r in reports_of(x, settings, dedup.fingerprint(x.document.text).signature)]
    t1 = time.perf_counter()
    linker = Linker(settings)
    for r in reports:
        linker.add(r)
    groups = linker.groups()
    t2 = time.perf_counter()
    print(f"in memory {n:>8,} docs  features {t1 - t0:7.1f}s  link {t2 - t1:7.1f}s  total {t2 - t0:7.1f}s  "
          f"{n / (t2 - t0):8,.0f} docs/s  {len(groups):,} incidents", flush=True)


def write(store: Store, xs: list[Extraction]) -> None:
    """Documents (with their near-duplicate fingerprints) and extractions, as ingest writes a batch."""
    new = [NewDocument(x.document, None, content_id(x.document.text), dedup.fingerprint(x.document.text))
           for x in xs]
    with store.begin() as connection:
        write_documents(connection, new, utcnow())
        write_extractions(connection, xs, utcnow())


def run_store(path: Path, xs: list[Extraction], sizes: list[int], batch: int, settings: Settings) -> float:
    """Write ``xs`` in batches, updating incidents after each; print figures at each size. Returns the total."""
    marks = sorted(s for s in sizes if s <= len(xs))
    written = linked = cpu = 0.0
    recent: list[tuple[float, float]] = []
    with open_store(str(path), create=True) as store:
        for start in range(0, len(xs), batch):
            part = xs[start : start + batch]
            t0 = time.perf_counter()
            write(store, part)
            t1, c1 = time.perf_counter(), time.process_time()
            storage.update(store, settings)
            t2, c2 = time.perf_counter(), time.process_time()
            written, linked, cpu = written + t1 - t0, linked + t2 - t1, cpu + c2 - c1
            recent = [*recent[-(_RECENT - 1):], (t1 - t0, t2 - t1)]
            done = start + len(part)
            while marks and done >= marks[0]:
                marks.pop(0)
                w, u = statistics.mean(t for t, _ in recent), statistics.mean(t for _, t in recent)
                print(f"store     {done:>8,} docs  linking {linked:7.1f}s cumulative ({cpu:6.1f}s CPU, "
                      f"{done / linked:5,.0f} docs/s); last {len(recent)} batches: {u:5.2f}s each, "
                      f"{u / w:4.1f}x writing them ({w:4.2f}s)  {stats(store).incidents:,} incidents", flush=True)
    # Wall time counts waiting for the CPU on a shared machine; this process's CPU time does not.
    print(f"store     {len(xs):,} documents in batches of {batch}: linking {linked:.1f}s ({cpu:.1f}s CPU), writing "
          f"{written:.1f}s; {'within' if linked < BUDGET_S else 'OVER'} the {BUDGET_S / 60:.0f}-minute budget "
          f"(CPU time: {'within' if cpu < BUDGET_S else 'OVER'})", flush=True)
    return linked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--loose", type=float, default=0.05, help="share of documents dated to the month or unplaced")
    parser.add_argument("--store", type=Path, help="also link through a new SQLite file at this path")
    parser.add_argument("--batch", type=int, default=500, help="documents per ingest batch through the store")
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory runs")
    args = parser.parse_args()
    if args.store is not None and args.store.exists():
        sys.exit(f"{args.store} exists; give a new file")
    settings = Settings()
    xs = corpus(max(args.sizes), args.loose)
    if not args.no_memory:
        for n in sorted(args.sizes):
            run_memory(xs[:n], settings)
    if args.store is not None:
        run_store(args.store, xs, args.sizes, args.batch, settings)


if __name__ == "__main__":
    main()
