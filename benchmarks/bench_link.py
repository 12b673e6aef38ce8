"""Linking throughput on a generated corpus: reports per second, and how time grows with the corpus.

    python benchmarks/bench_link.py                  # 10k, 30k and 100k documents
    python benchmarks/bench_link.py --sizes 1000 5000

The corpus is fictional and made here: incidents spread over 200 towns in 20 countries and five years,
each reported by 1 to 6 documents (a tenth of them wire copies), with per-document texts built from
word lists. Feature building (MinHash signatures) and linking are timed apart; the budget is linking
100,000 documents in under 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from tollwatch.dedup import fingerprint
from tollwatch.incidents.link import Linker
from tollwatch.incidents.report import reports_of
from tollwatch.model import Claim, Count, Document, Event, Extraction, Place, Source, Totals, Victims
from tollwatch.settings import Settings

_WORDS = ["market", "checkpoint", "convoy", "village", "school", "mosque", "bridge", "farm", "road", "wedding", "funeral", "clinic", "bakery", "gunmen", "bomber", "rocket", "drone", "shelling", "militia", "army", "police", "rebels", "soldiers", "villagers", "shoppers", "explosion", "blast", "fire", "attack", "strike", "raid", "ambush", "clash", "night", "morning", "evening", "dawn", "dusk", "crowd", "smoke", "ruins", "wreckage", "stalls", "vehicles", "trucks", "houses", "compound", "witnesses", "elders", "governor", "doctor"]
_SITES = ("Central Market", "police checkpoint", "main mosque", "district hospital", "bus station", "village school")
_TYPES = ("airstrike", "bombing", "shooting", "shelling", "attack")


def corpus(n_docs: int, seed: int = 1) -> list[Extraction]:
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
        base = " ".join(rng.choices(_WORDS, k=120))
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
            out.append(Extraction(doc, (c,), Event(kind, when, "day", town), Totals("conservative", None, None, None)))
    return out[:n_docs]


def run(n: int, settings: Settings) -> None:
    xs = corpus(n)
    t0 = time.perf_counter()
    reports = [r for x in xs for r in reports_of(x, settings, fingerprint(x.document.text).signature)]
    t1 = time.perf_counter()
    linker = Linker(settings)
    for r in reports:
        linker.add(r)
    groups = linker.groups()
    t2 = time.perf_counter()
    print(f"{n:>8,} docs  features {t1 - t0:7.1f}s  link {t2 - t1:7.1f}s  total {t2 - t0:7.1f}s  "
          f"{n / (t2 - t0):8,.0f} docs/s  {len(groups):,} incidents", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    args = parser.parse_args()
    for n in args.sizes:
        run(n, Settings())


if __name__ == "__main__":
    main()
