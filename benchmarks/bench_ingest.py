"""Ingest throughput, database size and memory, against `tollwatch extract` alone measured in the same run.

usage: python benchmarks/bench_ingest.py [--n 100000] [--copies 8] [--data ../shared/data] [--pg-url URL]
                                        [--no-postgres]

Builds a JSONL corpus of --n reports from the dev texts (numbers changed, words dropped and a serial added, so no
two are identical). The copies of one dev text are told apart --copies at a time by their years (each later set
moved four years on, or given a publication date in its own year when the text names no year), so one incident has
about --copies reports, as a wire story republished by a few outlets does, and a linking batch meets the incidents
of its own time. --copies 0 keeps every copy of a text in one incident: hundreds of reports each, and every batch
touching all of them, the worst case for incremental linking. Then times, each as a real `tollwatch` subprocess:
- `tollwatch extract --jsonl` alone (the reference);
- `tollwatch ingest` with and without extraction, into a new SQLite file and a new PostgreSQL database
  (a throwaway cluster started with initdb/pg_ctl as user nobody, unless --pg-url names a server).
Prints documents per second, the ratio of ingest-with-extraction to extract alone (target >= 0.8) in wall time
and in CPU time, database size per 1,000 documents and each run's peak resident memory (target: flat, under
500 MB). Ingest is measured without linking (the store's own cost) and with it (what `tollwatch ingest` does by
default).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench_extract import dev_texts  # one reader of the dev texts for both benchmarks

CLI = [sys.executable, "-c", "from tollwatch.cli import main; main()"]
# What `tollwatch extract --jsonl FILE` does, document by document, except that a document whose extraction fails
# is skipped: the command itself stops at the first such document, and the extractor still has a few.
EXTRACT_ALONE = """
import json, sys
from tollwatch.errors import ExtractionError
from tollwatch.model import Rejection
from tollwatch.output import extraction_dict
from tollwatch.pipeline import extract
from tollwatch.readers import JsonlFields, read_jsonl
from tollwatch.settings import Settings
settings = Settings()
for doc in read_jsonl(sys.argv[1], JsonlFields(), None, settings):
    if isinstance(doc, Rejection):
        continue
    try:
        print(json.dumps(extraction_dict(extract(doc, settings)), ensure_ascii=False))
    except ExtractionError:
        pass
"""


def vary(text: str, rng: random.Random, serial: int) -> str:
    """The same report with small numbers changed, a few words dropped and a serial line added."""
    text = re.sub(r"\b([2-9])\b", lambda m: str(rng.randint(2, 9)), text)
    words = text.split(" ")
    for _ in range(3):
        if len(words) > 10:
            del words[rng.randrange(len(words))]
    return " ".join(words) + f"\n\nBenchmark copy {serial}."


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def build_corpus(path: Path, texts: list[str], n: int, copies: int) -> None:
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            text = texts[i % len(texts)]
            record = {"id": f"bench-{i}", "outlet": f"Outlet {i % 40}"}
            era = i // len(texts) // copies if copies else 0
            if era and _YEAR.search(text):
                # Whole leap cycles, so that a 29 February stays a date (before 2100).
                text = _YEAR.sub(lambda m, shift=4 * era: str(int(m.group()) + shift), text)
            elif era:
                record["published"] = (date(2000 + era, 1, 1) + timedelta(days=i % len(texts) % 365)).isoformat()
            record["text"] = vary(text, rng, i)
            out.write(json.dumps(record) + "\n")


def run(args: list[str], command: list[str] = CLI) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with the worker processes it waited for) and the peak resident MB of its
    largest process, for one `tollwatch` run, its output thrown away."""
    start = time.perf_counter()
    process = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"tollwatch {' '.join(args)} failed:\n{err.decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


class Cluster:
    """A throwaway PostgreSQL cluster on a free port, run as an unprivileged user."""

    def __init__(self) -> None:
        def find(name: str) -> str:
            found = shutil.which(name) or (sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [None])[-1]
            if not found:
                sys.exit(f"no {name}; install postgresql or pass --pg-url / --no-postgres")
            return found

        self.pg_ctl = find("pg_ctl")
        self.root = Path(tempfile.mkdtemp(prefix="tollwatch-bench-pg-"))
        as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        if as_user:
            shutil.chown(self.root, "nobody")
        self.as_user = as_user
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        data = self.root / "data"
        subprocess.run([*as_user, find("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync"],
                       check=True, capture_output=True)
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        subprocess.run([*as_user, self.pg_ctl, "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w",
                        "start"], check=True, capture_output=True)
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run([*self.as_user, self.pg_ctl, "-D", str(self.root / "data"), "-m", "fast", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def fresh_pg_database(server_url: str, name: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=url.database or "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def pg_size(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        size = int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    engine.dispose()
    return size


def sqlite_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="documents in the corpus")
    parser.add_argument("--copies", type=int, default=8,
                        help="copies of a dev text per incident (0: all of them, the worst case for linking)")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--pg-url", help="a PostgreSQL server to use instead of a throwaway cluster")
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tollwatch-bench-"))
    cluster = None
    try:
        corpus = work / "corpus.jsonl"
        build_corpus(corpus, dev_texts(options.data), options.n, options.copies)
        n = options.n
        spread = f"about {options.copies} copies" if options.copies else "every copy"
        print(f"corpus: {n:,} documents, {corpus.stat().st_size / 1e6:,.1f} MB JSONL, built from the dev texts, "
              f"{spread} of a text in one incident")

        seconds, cpu_reference, peak = run([str(corpus)], [sys.executable, "-c", EXTRACT_ALONE])
        reference = n / seconds
        print(f"{'extract alone':<57} {reference:8,.0f} docs/s   peak {peak:6,.0f} MB   "
              f"{cpu_reference / n * 1000:5.2f} CPU ms/doc")

        backends: list[tuple[str, str | None]] = [("sqlite", None)]
        if not options.no_postgres:
            if options.pg_url is None:
                cluster = Cluster()
            backends.append(("postgresql", options.pg_url or cluster.url))  # type: ignore[union-attr]
        for backend, server in backends:
            for extract, link in ((True, False), (True, True), (False, False)):
                label = f"ingest {backend} {'with' if extract else 'without'} extraction" + (
                    " and linking" if link else "")
                if server is None:
                    path = work / f"bench-{extract}-{link}.db"
                    url = f"sqlite:///{path}"
                else:
                    url = fresh_pg_database(server, f"tollwatch_bench_{int(extract)}{int(link)}")
                args = ["ingest", str(corpus), "--db", url] + ([] if extract else ["--no-extract"]) + (
                    [] if link else ["--no-link"])
                seconds, cpu, peak = run(args)
                size = sqlite_size(path) if server is None else pg_size(url)
                # Wall time depends on free cores (extraction runs in worker processes beside the main one);
                # CPU time is what the store and linking cost whatever the machine is doing.
                ratio = (f"  ratio to extract alone: wall {n / seconds / reference:4.2f}, "
                         f"CPU {cpu_reference / cpu:4.2f}") if extract else ""
                print(f"{label:<57} {n / seconds:8,.0f} docs/s   peak {peak:6,.0f} MB   "
                      f"{cpu / n * 1000:5.2f} CPU ms/doc   {size / n * 1000 / 1e6:6.2f} MB per 1,000 docs{ratio}")
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
