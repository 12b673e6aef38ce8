"""Extraction throughput and memory, against spaCy's tokenizer measured in the same run.

usage: python benchmarks/bench_extract.py [--data ../shared/data] [--docs 5000] [--memory-docs 100000]

Prints:
- documents per second of spaCy's tokenizer alone over the dev texts (the reference);
- documents per second of the full pipeline (clean, segment, claims, event, totals) over the same texts;
- their ratio (the target is >= 0.25);

Both are timed in CPU seconds of this process, in alternating rounds, and the median round is
printed: other work on a shared machine then slows neither side, nor one more than the other.
- peak resident memory of `tollwatch extract --jsonl` streaming a generated JSONL of --memory-docs reports.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.segment import tokenizer_nlp
from tollwatch.settings import Settings


def dev_texts(data: Path) -> list[str]:
    texts = []
    for path in sorted((data / "dev").glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    if not texts:
        sys.exit(f"no dev texts under {data / 'dev'}")
    return texts


def vary(text: str, rng: random.Random) -> str:
    """The same report with its small numbers changed, so no two generated documents are identical."""
    return re.sub(r"\b([2-9])\b", lambda m: str(rng.randint(2, 9)), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--docs", type=int, default=5000, help="documents for the throughput comparison")
    parser.add_argument("--memory-docs", type=int, default=100_000, help="documents in the streamed JSONL")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of tokenizer and pipeline")
    args = parser.parse_args()

    base = dev_texts(args.data)
    texts = [base[i % len(base)] for i in range(args.docs)]
    settings = Settings()
    nlp = tokenizer_nlp()
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    for t in base:  # warm both sides once, outside the timing: the gazetteer, lexicons and caches
        nlp.tokenizer(t)
        extract(Document(id="warm", text=t), settings)

    rounds = []
    for _ in range(max(1, args.rounds)):
        t0 = time.process_time()
        for t in texts:
            nlp.tokenizer(t)
        tok_rate = len(texts) / (time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            extract(d, settings)
        full_rate = len(docs) / (time.process_time() - t0)
        rounds.append((full_rate / tok_rate, tok_rate, full_rate))
    ratio, tok_rate, full_rate = statistics.median_low(rounds)

    print(f"documents: {len(texts)} (dev texts, {sum(map(len, texts)) / len(texts):.0f} chars on average)")
    print(f"spaCy tokenizer alone: {tok_rate:,.0f} docs/s (CPU time, median of {len(rounds)} rounds)")
    print(f"full pipeline:         {full_rate:,.0f} docs/s")
    print(f"ratio full/tokenizer:  {ratio:.2f} (target >= 0.25; rounds {', '.join(f'{r[0]:.2f}' for r in rounds)})")

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps({"id": f"g{i}", "text": vary(base[i % len(base)], rng)}) + "\n" for i in range(args.memory_docs))
        size_mb = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "tollwatch", "extract", "--jsonl", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        )
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(f"extract failed: {proc.stderr[-2000:]}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"streamed JSONL: {args.memory_docs:,} docs ({size_mb:.0f} MB) in {elapsed:.0f} s "
          f"= {args.memory_docs / elapsed:,.0f} docs/s including JSON output")
    print(f"peak memory of `tollwatch extract --jsonl`: {peak_mb:.0f} MB (target < 500 MB)")


if __name__ == "__main__":
    main()
