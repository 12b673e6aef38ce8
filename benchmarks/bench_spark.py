"""Spark extraction throughput per core against single-process `tollwatch extract`, and memory on a large input.

usage: python benchmarks/bench_spark.py [--n 200000] [--executors 1 2 4] [--memory-gb 1.0] [--memory-format warc]
                                       [--data ../shared/data]

Builds a JSONL corpus of --n reports from the dev texts, each varied (numbers, month names, years, province
and state names, publication date, a serial line), then times, each as a real subprocess on the same file:
- `tollwatch extract --jsonl` (the single-process reference);
- `tollwatch spark extract --master local[K]` for each K of --executors (four tasks per executor).
Prints documents per second, per-core documents per second (cores used = min(K, CPUs)), and the ratio of
Spark's per-core rate to the reference (target: within 20%, i.e. >= 0.8). Each is also run on the first
--small documents: the difference gives the marginal rate, without the start-up (JVM, workers, spaCy,
gazetteer), which is what a large corpus costs per document.

Then the memory run: an input of about --memory-gb GB, through `tollwatch spark extract` in local mode with
2 GB of driver/executor memory; prints the peak resident memory of the JVM and of the Python workers (sampled
every half second, whole process tree), and checks that records in == documents + rejects. With
--memory-format warc (the default) the input is one .warc.gz as a news crawl such as CC-NEWS writes it: a
response record per HTML page, each its own gzip member, each page a varied dev report inside 30-80 KB of an
outlet's page (head with meta tags, JSON-LD, inline CSS and script; navigation; related-article lists;
footer). With --memory-format jsonl it is a gzipped JSONL of the bare reports, which compress so well that
1 GB holds about 6.5 million of them. `--executors` with no value skips the throughput runs.
Every figure is end to end, start-up included (the JVM and each worker's spaCy and gazetteer load).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import io
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
from datetime import date, datetime, timedelta
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


_SECTIONS = ["World", "Politics", "Business", "Markets", "Opinion", "Sport", "Culture", "Science", "Health",
             "Technology", "Climate", "Education", "Local", "Crime", "Courts", "Security", "Asia", "Americas",
             "Europe", "Africa", "Middle East", "Video", "Podcasts", "Photos", "Weather", "Travel", "Food", "Books",
             "Film", "Music", "Obituaries", "Letters", "Investigations", "Data", "Newsletters", "Events"]
_LENGTH = ("px", "rem", "em", "%")
_PROPS = {"margin": _LENGTH, "padding": _LENGTH, "font-size": _LENGTH, "line-height": _LENGTH, "max-width": _LENGTH,
          "gap": _LENGTH, "letter-spacing": ("px", "em"), "color": None, "background-color": None,
          "border-bottom-color": None, "display": ("block", "flex", "grid", "none", "inline-block"),
          "font-weight": ("400", "600", "700"), "text-transform": ("none", "uppercase"), "z-index": ("1", "10", "99")}
_PARTS = ["header", "nav", "menu", "item", "link", "card", "teaser", "headline", "kicker", "byline", "meta", "media",
          "caption", "footer", "list", "grid", "col", "row", "badge", "promo", "related", "share", "icon", "ad",
          "slot", "wrapper", "container", "title", "summary", "time", "label", "button", "banner", "social"]
_JS = [("function {f}(e){{var t=document.querySelectorAll('.{c}');for(var n=0;n<t.length;n++){{t[n].classList"
       ".toggle('{c}--open',e&&e.target===t[n])}}}}"),
       "window.{v}=window.{v}||[];window.{v}.push({{event:'{c}',section:'{s}',id:{n},ts:Date.now()}});",
       ("(function(w,d){{var s=d.createElement('script');s.async=true;s.src='https://cdn.{d}/js/{c}.{h}.js';"
       "d.head.appendChild(s)}})(window,document);"),
       ("document.addEventListener('DOMContentLoaded',function(){{{f}({{slot:'{c}-{n}',sizes:[[300,250],[728,90]],"
       "lazy:{b}}})}});"),
       "var {v}={{endpoint:'https://api.{d}/v{n}/{c}',timeout:{t},retries:{r},consent:'{h}'}};"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _sentences(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for part in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = part.split()
            if 6 <= len(words) <= 40:
                found.append(" ".join(words))
    return found


class Site:
    """An outlet's page template: what repeats on each of its pages (the parts that differ, per page, are built
    from the outlet's words, numbers and the news of the day)."""

    def __init__(self, number: int, rng: random.Random) -> None:
        self.name = f"The {rng.choice(['Daily', 'Evening', 'Morning', 'Weekly', 'National', 'Frontier'])} " \
                    f"{rng.choice(['Herald', 'Courier', 'Observer', 'Ledger', 'Tribune', 'Dispatch', 'Post'])} {number}"
        self.domain = f"{_slug(self.name).replace('-', '')}.example"
        self.prefix = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 4)))
        self.sections = rng.sample(_SECTIONS, rng.randint(9, 18))
        self.css = "".join(self._rule(rng) for _ in range(rng.randint(60, 220)))
        self.scripts = [self._script(rng) for _ in range(rng.randint(4, 12))]
        self.footer = self._footer(rng)

    def cls(self, rng: random.Random) -> str:
        return f"{self.prefix}-{rng.choice(_PARTS)}__{rng.choice(_PARTS)}"

    def _rule(self, rng: random.Random) -> str:
        props = ";".join(f"{p}:{self._value(_PROPS[p], rng)}" for p in rng.sample(sorted(_PROPS), rng.randint(2, 7)))
        media = rng.random() < 0.15
        rule = f".{self.cls(rng)}{rng.choice(['', ':hover', ' a', ' > li', '::before'])}{{{props}}}"
        return f"@media (min-width:{rng.choice([480, 768, 1024, 1280])}px){{{rule}}}" if media else rule

    @staticmethod
    def _value(kind: tuple[str, ...] | None, rng: random.Random) -> str:
        if kind is None:
            return f"#{rng.randrange(16 ** 6):06x}"
        if kind[0] in _LENGTH:
            return f"{rng.randint(1, 64)}{rng.choice(kind)}"
        return rng.choice(kind)

    def _script(self, rng: random.Random) -> str:
        return rng.choice(_JS).format(
            f=f"{self.prefix}{rng.choice(_PARTS).title()}{rng.choice(_PARTS).title()}", c=self.cls(rng),
            v=f"__{self.prefix}{rng.choice(_PARTS)}", s=rng.choice(self.sections).lower(), n=rng.randint(1, 99999),
            d=self.domain, h=f"{rng.getrandbits(32):08x}", b=rng.choice(["true", "false"]),
            t=rng.randint(500, 9000), r=rng.randint(0, 5))

    def _footer(self, rng: random.Random) -> str:
        columns = []
        for _ in range(rng.randint(3, 6)):
            items = "".join(f'<li><a href="https://www.{self.domain}/{_slug(s)}/">{html.escape(s)}</a></li>'
                            for s in rng.sample(_SECTIONS, rng.randint(4, 9)))
            columns.append(f'<div class="{self.cls(rng)}"><h4>{rng.choice(_SECTIONS)}</h4><ul>{items}</ul></div>')
        return (f'<footer class="{self.cls(rng)}">{"".join(columns)}<p class="{self.cls(rng)}">© 20{rng.randint(10, 19)}'
                f" {html.escape(self.name)}. All rights reserved. {rng.randint(1, 999)} {rng.choice(_SECTIONS)} "
                f"Street, Suite {rng.randint(100, 999)}.</p></footer>")


def page(site: Site, text: str, published: date, serial: int, sentences: list[str], rng: random.Random,
         size: int) -> tuple[str, str]:
    """A news page of about ``size`` bytes around ``text``, and its URL."""
    title = " ".join(text.split()[:rng.randint(6, 12)]).strip(" ,.:;")
    section = rng.choice(site.sections)
    url = f"https://www.{site.domain}/{_slug(section)}/{published:%Y/%m/%d}/{_slug(title)}-{serial}"
    when = datetime(published.year, published.month, published.day, rng.randrange(24), rng.randrange(60))
    author = f"{rng.choice(['A.', 'B.', 'C.', 'D.', 'M.', 'S.'])} {rng.choice(['Reporter', 'Correspondent', 'Staff'])}"
    image = f"https://img.{site.domain}/{hashlib.md5(url.encode()).hexdigest()}/{rng.randint(600, 1600)}x.jpg"
    description = html.escape(" ".join(text.split()[:30]))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": when.isoformat() + "Z", "dateModified": (when + timedelta(
                         minutes=rng.randint(5, 900))).isoformat() + "Z", "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": site.name, "logo": {
                         "@type": "ImageObject", "url": f"https://www.{site.domain}/logo.png"}},
                     "image": [image], "mainEntityOfPage": url, "articleSection": section})
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | '
            f'{html.escape(site.name)}</title><meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="description" content="{description}"><link rel="canonical" href="{url}">'
            f'<meta property="og:title" content="{html.escape(title)}"><meta property="og:url" content="{url}">'
            f'<meta property="og:image" content="{image}"><meta property="og:site_name" content="{html.escape(site.name)}">'
            f'<meta property="article:published_time" content="{when.isoformat()}Z">'
            f'<meta property="article:section" content="{section}"><meta name="twitter:card" content="summary_large_image">'
            f'<script type="application/ld+json">{ld}</script><style>{site.css}</style>'
            f'<script>{"".join(site.scripts)}</script></head>')
    nav = "".join(f'<li class="{site.cls(rng)}"><a href="https://www.{site.domain}/{_slug(s)}/">{s}</a></li>'
                  for s in site.sections)
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    article = (f'<main><article class="{site.cls(rng)}"><h1>{html.escape(title)}</h1><div class="{site.cls(rng)}">'
               f'By <a rel="author" href="https://www.{site.domain}/by/{_slug(author)}">{author}</a> · <time datetime='
               f'"{when.isoformat()}Z">{when:%B %d, %Y %H:%M}</time></div><figure><img src="{image}" alt="">'
               f'<figcaption>{html.escape(rng.choice(sentences))}</figcaption></figure>'
               f'<div class="{site.cls(rng)}">{paragraphs}</div></article>')
    parts = [head, (f'<body class="{site.cls(rng)}"><header><a href="https://www.{site.domain}/">{html.escape(site.name)}</a>'
             f'<nav class="{site.cls(rng)}"><ul>{nav}</ul></nav></header>'), article]
    body = sum(map(len, parts)) + len(site.footer)
    while body < size:  # related, most read, more from the section: teasers until the page has its size
        teasers = []
        for _ in range(rng.randint(4, 10)):
            headline, summary = rng.choice(sentences), rng.choice(sentences)
            link = f"https://www.{site.domain}/{_slug(rng.choice(site.sections))}/{_slug(headline)}-{rng.randint(1, 10**7)}"
            teasers.append(f'<li class="{site.cls(rng)}"><a href="{link}" data-track="{site.prefix}-{rng.randint(1, 9999)}">'
                           f'<img loading="lazy" src="https://img.{site.domain}/{rng.getrandbits(64):016x}/320x.jpg" alt="">'
                           f'<h3 class="{site.cls(rng)}">{html.escape(headline)}</h3><p class="{site.cls(rng)}">'
                           f'{html.escape(summary)}</p><span class="{site.cls(rng)}">{rng.randint(1, 59)} min ago</span>'
                           "</a></li>")
        block = (f'<aside class="{site.cls(rng)}"><h2>{rng.choice(["Related", "Most read", "More from", "Latest"])} '
                 f'{rng.choice(site.sections)}</h2><ul>{"".join(teasers)}</ul></aside>')
        parts.append(block)
        body += len(block)
    parts.append(f"</main>{site.footer}<script>{site.scripts[serial % len(site.scripts)]}</script></body></html>")
    return "".join(parts), url


def _tree_memory(root: int) -> tuple[int, int, int]:
    """KB of a process tree, from /proc: the JVM's resident memory; the proportional set size (PSS) of all the
    others together, which counts a page that forked Python workers share with their daemon once, where a sum
    of their resident sizes would count it in each; and the resident memory of the largest of them."""
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
    jvm = pss = largest = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                sizes = {line.split(":")[0]: int(line.split()[1]) for line in f if line.endswith(" kB\n")}
        except OSError:
            continue
        if names.get(pid) == "java":
            jvm += sizes.get("Rss", 0)
        else:
            pss += sizes.get("Pss", 0)
            largest = max(largest, sizes.get("Rss", 0))
    return jvm, pss, largest


def run(args: list[str], *, sample: bool = False) -> tuple[float, list[int]]:
    """Seconds of one `tollwatch` run, and (when sampled) the peaks of ``_tree_memory``."""
    start = time.perf_counter()
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0, 0]
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.5):
            peaks[:] = map(max, peaks, _tree_memory(process.pid))

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
    return seconds, peaks


def spark_extract(source: Path, folder: Path, executors: int) -> list[str]:
    return ["spark", "extract", str(source), str(folder), "--master", f"local[{executors}]",
            "--partitions", str(4 * executors)]


def counts(output: Path) -> tuple[int, int]:
    import pyarrow.dataset as ds

    documents = ds.dataset(output / "documents", format="parquet", partitioning="hive").count_rows()
    # A document whose extraction failed is a document and also a row of rejects/, with its document_id.
    rejects = ds.dataset(output / "rejects", format="parquet").count_rows(filter=ds.field("document_id").is_null())
    return documents, rejects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200_000, help="documents in the throughput corpus")
    parser.add_argument("--executors", type=int, nargs="*", default=[1, 2, 4], help="local[K] runs; none skips them")
    parser.add_argument("--small", type=int, default=1000, help="documents of the start-up runs")
    parser.add_argument("--memory-gb", type=float, default=1.0, help="gzipped size of the memory run; 0 skips it")
    parser.add_argument("--memory-format", choices=["warc", "jsonl"], default="warc",
                        help="warc: news pages of 30-80 KB (about 70,000 per GB); jsonl: the bare reports "
                             "(about 6.5 million per GB)")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    options = parser.parse_args()
    texts = dev_texts(options.data)
    work = Path(tempfile.mkdtemp(prefix="tollwatch-bench-spark-"))
    try:
        if options.executors:
            throughput(work, texts, options.n, options.small, options.executors)
        if options.memory_gb > 0:
            memory_run(work, texts, options.memory_gb, options.memory_format)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def throughput(work: Path, texts: list[str], n: int, small_n: int, executors: list[int]) -> None:
    cpus = os.cpu_count() or 1
    corpus, small = work / "corpus.jsonl", work / "small.jsonl"
    with open(corpus, "w", encoding="utf-8") as out, open(small, "w", encoding="utf-8") as head:
        for i, record in enumerate(records(texts, n)):
            out.write(record)
            if i < small_n:
                head.write(record)
    m = min(small_n, n)
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
    for k in executors:
        folder = work / f"out{k}"
        whole, start = measure(partial(spark_extract, folder=folder, executors=k), folder)
        cores = min(k, cpus)
        rate, marginal = n / whole, (n - m) / (whole - start)
        print(f"spark local[{k}]: {rate:7,.0f} docs/s ({whole:,.0f} s; {m:,} docs in {start:,.0f} s)  "
              f"cores used {cores}  per core {rate / cores:6,.0f} docs/s, ratio to single process "
              f"{rate / cores / reference:4.2f}  |  marginal per core {marginal / cores:6,.0f} docs/s, ratio "
              f"{marginal / cores / marginal_reference:4.2f}", flush=True)


def write_jsonl(path: Path, texts: list[str], gigabytes: float) -> tuple[int, int]:
    """A gzipped JSONL of about ``gigabytes`` GB, streamed; its records and uncompressed bytes."""
    lines = size = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for record in records(texts, 10**9, seed=11):
            out.write(record)
            lines += 1
            size += len(record.encode())
            if lines % 10_000 == 0 and path.stat().st_size >= gigabytes * 1e9:
                break
    return lines, size


def write_warc(path: Path, texts: list[str], gigabytes: float) -> tuple[int, int]:
    """A .warc.gz of about ``gigabytes`` GB as a news crawl writes it (a warcinfo record, then one response record
    per page, each its own gzip member), streamed; its pages and their uncompressed HTML bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng, sentences = random.Random(11), _sentences(texts)
    sites = [Site(number, random.Random(number)) for number in range(40)]
    pages = size = 0
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench_spark.py",
                                                                      "format": "WARC File Format 1.0"}))
        start = date(2009, 1, 1)
        while out.tell() < gigabytes * 1e9:
            published = start + timedelta(days=rng.randrange(8 * 365))
            text = vary(texts[pages % len(texts)], rng, pages)
            body, url = page(sites[pages % len(sites)], text, published, pages, sentences, rng,
                             rng.randint(30_000, 80_000))
            payload = body.encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            crawled = published + timedelta(days=rng.randrange(3))
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"{crawled.isoformat()}T{rng.randrange(24):02d}:00:00Z"}))
            pages += 1
            size += len(payload)
    return pages, size


def memory_run(work: Path, texts: list[str], gigabytes: float, format: str) -> None:
    big = work / f"big.{format}.gz"
    started = time.perf_counter()
    records_in, size = (write_warc if format == "warc" else write_jsonl)(big, texts, gigabytes)
    compressed = big.stat().st_size
    what = "HTML pages" if format == "warc" else "documents"
    print(f"memory run: {records_in:,} {what}, {compressed / 1e9:.2f} GB gzipped {format.upper()} "
          f"({size / 1e9:.2f} GB uncompressed, ratio {size / compressed:.1f}; {size / records_in / 1e3:.1f} KB per "
          f"record on average), written in {time.perf_counter() - started:,.0f} s", flush=True)
    memory = ["--conf", "spark.driver.memory=2g", "--conf", "spark.executor.memory=2g"]
    seconds, (jvm, python, worker) = run(["spark", "extract", str(big), str(work / "big-out"), "--master", "local[2]",
                                "--format", format, *memory], sample=True)
    documents, rejects = counts(work / "big-out")
    print(f"local[2], 2 GB executor memory: {records_in / seconds:,.0f} records/s ({seconds:,.0f} s); peak resident "
          f"memory JVM {jvm / 1024:,.0f} MB (resident); Python driver, daemon and workers {python / 1024:,.0f} MB "
          f"(proportional set size, shared pages counted once), the largest of them {worker / 1024:,.0f} MB resident")
    print(f"records in {records_in:,} = documents {documents:,} + rejects {rejects:,}: "
          f"{'yes' if documents + rejects == records_in else 'NO, RECORDS WERE LOST'}")


if __name__ == "__main__":
    main()
