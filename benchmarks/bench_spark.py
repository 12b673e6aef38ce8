"""Spark extraction throughput per core against single-process `tollwatch extract`, and memory on a large input.

usage: python benchmarks/bench_spark.py [--n 200000] [--executors 1 2 4] [--memory-gb 1.0] [--data ../shared/data]

Builds a JSONL corpus of --n reports from the dev texts, each varied (numbers, month names, years, province
and state names, publication date, a serial line), then times, each as a real subprocess on the same file:
- `tollwatch extract --jsonl` (the single-process reference);
- `tollwatch spark extract --master local[K]` for each K of --executors (four tasks per executor).
Prints documents per second, per-core documents per second (cores used = min(K, CPUs)), and the ratio of
Spark's per-core rate to the reference (target: within 20%, i.e. >= 0.8). Each is also run on the first
--small documents: the difference gives the marginal rate, without the start-up (JVM, workers, spaCy,
gazetteer), which is what a large corpus costs per document.

Then the memory run: a gzipped JSONL of about --memory-gb GB, through `tollwatch spark extract` in local mode
with 2 GB of driver/executor memory; prints the peak resident memory of the JVM and of the Python workers
(sampled every half second, whole process tree), and checks that records in == documents + rejects.
Every figure is end to end, start-up included (the JVM and each worker's spaCy and gazetteer load).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from bench_extract import dev_texts  # one reader of the dev texts for every benchmark

CLI = [sys.executable, "-c", "from tollwatch.cli import main; main()"]
_PROVINCES = ["Kandahar", "Helmand", "Kunduz", "Kabul", "Khost", "Paktika", "Ghazni", "Logar", "Wardak", "Zabul",
              "Uruzgan", "Nangarhar", "Kunar", "Laghman", "Baghlan", "Balkh", "Faryab", "Herat", "Farah", "Badghis"]
_STATES = ["Arizona", "Texas", "California", "Florida", "Ohio", "Georgia", "Michigan", "Colorado", "Oregon",
           "Virginia", "Nevada", "Illinois", "Washington", "Tennessee", "Kentucky", "Alabama"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _swap(names: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(names) + r")\b")


_PLACE = {"province": _swap(_PROVINCES), "state": _swap(_STATES)}
_MONTH = _swap(_MONTHS)
_YEAR = re.compile(r"\b(20[01]\d)\b")


def _rename(text: str, pattern: re.Pattern[str], names: list[str], rng: random.Random) -> str:
    """Each place named becomes another of its kind, the same one wherever it recurs in the text."""
    chosen: dict[str, str] = {}
    return pattern.sub(lambda m: chosen.setdefault(m.group(1), rng.choice(names)), text)


def vary(text: str, rng: random.Random, serial: int) -> str:
    """The report with its small numbers, months, years and provinces or states changed, and a serial line."""
    text = re.sub(r"\b([2-9])\b", lambda m: str(rng.randint(2, 9)), text)
    text = _rename(text, _PLACE["province"], _PROVINCES, rng)
    text = _rename(text, _PLACE["state"], _STATES, rng)
    month = rng.choice(_MONTHS)
    text = _MONTH.sub(month, text)
    text = _YEAR.sub(lambda m: str(rng.randint(2009, 2016)), text)
    return f"{text}\n\nBenchmark copy {serial}."


def records(texts: list[str], n: int, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    start = date(2009, 1, 1)
    for i in range(n):
        published = start + timedelta(days=rng.randrange(8 * 365))
        yield json.dumps({"id": f"bench-{i}", "text": vary(texts[i % len(texts)], rng, i),
                          "published": published.isoformat(), "outlet": f"Outlet {i % 40}"}) + "\n"


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident KB of a process tree: the JVM (java) and everything else, from /proc."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            name_end = stat.rindex(")")
            names[int(entry)] = stat[stat.index("(") + 1:name_end]
            children.setdefault(int(stat[name_end + 2:].split()[1]), []).append(int(entry))
    jvm = other = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/status") as f:
                rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
        if names.get(pid) == "java":
            jvm += rss
        else:
            other += rss
    return jvm, other


def run(args: list[str], *, sample: bool = False) -> tuple[float, int, int]:
    """Seconds of one `tollwatch` run, and (when sampled) the peak KB of its JVM and of its other processes."""
    start = time.perf_counter()
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0]
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.5):
            jvm, other = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], jvm), max(peaks[1], other)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    assert process.stderr is not None
    err = process.stderr.read()
    process.wait()
    done.set()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"tollwatch {' '.join(args)} failed:\n{err.decode(errors='replace')[-3000:]}")
    return seconds, peaks[0], peaks[1]


def spark_extract(source: Path, folder: Path, executors: int) -> list[str]:
    return ["spark", "extract", str(source), str(folder), "--master", f"local[{executors}]",
            "--partitions", str(4 * executors)]


def counts(output: Path) -> tuple[int, int]:
    import pyarrow.dataset as ds

    documents = ds.dataset(output / "documents", format="parquet", partitioning="hive").count_rows()
    rejects = ds.dataset(output / "rejects", format="parquet").count_rows()
    return documents, rejects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200_000, help="documents in the throughput corpus")
    parser.add_argument("--executors", type=int, nargs="*", default=[1, 2, 4], help="local[K] runs; none skips them")
    parser.add_argument("--small", type=int, default=1000, help="documents of the start-up runs")
    parser.add_argument("--memory-gb", type=float, default=1.0,
                        help="gzipped size of the memory run (about 6 million documents per GB); 0 skips it")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    options = parser.parse_args()
    cpus = os.cpu_count() or 1
    texts = dev_texts(options.data)
    work = Path(tempfile.mkdtemp(prefix="tollwatch-bench-spark-"))
    try:
        corpus, small = work / "corpus.jsonl", work / "small.jsonl"
        with open(corpus, "w", encoding="utf-8") as out, open(small, "w", encoding="utf-8") as head:
            for i, record in enumerate(records(texts, options.n)):
                out.write(record)
                if i < options.small:
                    head.write(record)
        n, m = options.n, min(options.small, options.n)
        print(f"corpus: {n:,} documents, {corpus.stat().st_size / 1e6:,.1f} MB JSONL, from {len(texts)} dev texts; "
              f"{cpus} CPUs; every run also on the first {m:,} documents, for start-up and marginal rates")

        def measure(command: Callable[[Path], list[str]], output: Path | None = None) -> tuple[float, float]:
            """Seconds for the whole corpus, and for the small one (start-up plus a little work)."""
            times = []
            for source in (corpus, small):
                times.append(run(command(source))[0])
                if output is not None:
                    shutil.rmtree(output, ignore_errors=True)
            return times[0], times[1]

        whole, start = measure(lambda source: ["extract", "--jsonl", str(source)])
        reference, marginal_reference = n / whole, (n - m) / (whole - start)
        print(f"single process (tollwatch extract): {reference:7,.0f} docs/s ({whole:,.0f} s; {m:,} docs in "
              f"{start:,.0f} s; marginal {marginal_reference:,.0f} docs/s)", flush=True)
        for k in options.executors:
            folder = work / f"out{k}"
            whole, start = measure(partial(spark_extract, folder=folder, executors=k), folder)
            cores = min(k, cpus)
            rate, marginal = n / whole, (n - m) / (whole - start)
            print(f"spark local[{k}]: {rate:7,.0f} docs/s ({whole:,.0f} s; {m:,} docs in {start:,.0f} s)  "
                  f"cores used {cores}  per core {rate / cores:6,.0f} docs/s, ratio to single process "
                  f"{rate / cores / reference:4.2f}  |  marginal per core {marginal / cores:6,.0f} docs/s, ratio "
                  f"{marginal / cores / marginal_reference:4.2f}", flush=True)
        if options.memory_gb > 0:
            memory_run(work, texts, options.memory_gb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def memory_run(work: Path, texts: list[str], gigabytes: float) -> None:
    big = work / "big.jsonl.gz"
    lines = 0
    with gzip.open(big, "wt", encoding="utf-8", compresslevel=6) as out:
        for record in records(texts, 10**9, seed=11):
            out.write(record)
            lines += 1
            if lines % 10_000 == 0 and big.stat().st_size >= gigabytes * 1e9:
                break
    print(f"memory run: {lines:,} documents, {big.stat().st_size / 1e9:.2f} GB gzipped JSONL", flush=True)
    memory = ["--conf", "spark.driver.memory=2g", "--conf", "spark.executor.memory=2g"]
    seconds, jvm, python = run(["spark", "extract", str(big), str(work / "big-out"), "--master", "local[2]",
                                *memory], sample=True)
    documents, rejects = counts(work / "big-out")
    print(f"local[2], 2 GB executor memory: {lines / seconds:,.0f} docs/s ({seconds:,.0f} s); peak resident memory "
          f"JVM {jvm / 1024:,.0f} MB, Python workers and driver {python / 1024:,.0f} MB")
    print(f"records in {lines:,} = documents {documents:,} + rejects {rejects:,}: "
          f"{'yes' if documents + rejects == lines else 'NO, RECORDS WERE LOST'}")


if __name__ == "__main__":
    main()
