"""Linking reports into incidents, incrementally and independent of the order reports arrive in.

Two reports link when their date windows overlap, their places agree (same name, within
``link_max_km``, or one admin area when either is only known to that grain), their event types are
compatible, and their texts do not tell them apart. Texts tell apart two incidents in one town in one
week through specific sites ("the Central Market" against "a police checkpoint"), alleged perpetrators,
named victims and content-word similarity (MinHash, or sentence embeddings with the ``embeddings`` extra).

Precise reports ("anchors": a day or week, a place) form a graph whose connected components are the
machine's incidents; a union-find keeps them, so the components, and hence the result, do not depend on
the order of ingest. Loose reports (a month or a year, as in "last year"; or no place) would chain
unrelated incidents together if they were edges, so they never are: each group of loose reports attaches
to the one component it fits best, chosen when incidents are read out, or stands alone.

Candidates come from a blocking index keyed by place cell and week, so each new report is compared with
the few reports near it in time and space, never with all. The store keeps the same index as rows
(``blocks``), so an update reads back only the reports a new one can meet (``incidents.storage``).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np

from ..errors import ConfigError
from ..model import Place
from ..settings import Settings
from .report import Report, Window, jaccard, sites_overlap

_CELL_DEGREES = 0.5  # wider than link_max_km at any latitude where people live; neighbours cover the edges
_WEEK = 7
_ADMIN_PRECISIONS = ("admin", "province", "region", "state", "district", "governorate")

# Event types that may describe one event seen by different reporters.
_TYPE_FAMILY = {
    "airstrike": "air", "air_strike": "air", "drone_strike": "air", "drone strike": "air", "air strike": "air",
    "shelling": "indirect", "artillery": "indirect", "rocket": "indirect", "mortar": "indirect",
    "bombing": "explosive", "suicide_bombing": "explosive", "suicide bombing": "explosive", "ied": "explosive",
    "explosion": "explosive", "car_bomb": "explosive", "landmine": "explosive",
    "shooting": "armed", "mass_shooting": "armed", "gunfight": "armed", "clash": "armed", "raid": "armed",
    "armed_clash": "armed", "ambush": "armed",
}
_GENERIC_TYPES = {"attack", "violence", "unknown", "other", "incident"}
# The score of two near-duplicate documents: above anything ``evidence`` can sum to (1.9), so no link is stronger.
NEAR_DUPLICATE = 2.0


@lru_cache(maxsize=1 << 16)
def norm(text: str | None) -> str:
    """Lower-case ASCII words, for comparing names. Cached: linking compares the same few place names millions
    of times."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", folded.lower()).strip()


def types_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a in _GENERIC_TYPES or b in _GENERIC_TYPES or a == b:
        return True
    fa, fb = _TYPE_FAMILY.get(a.lower()), _TYPE_FAMILY.get(b.lower())
    return fa is not None and fa == fb


def _km(p: Place, q: Place) -> float:
    assert p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None
    la1, la2 = math.radians(p.lat), math.radians(q.lat)
    dla, dlo = la2 - la1, math.radians(q.lon - p.lon)
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_area(p: Place) -> bool:
    return any(w in (p.precision or "").lower() for w in _ADMIN_PRECISIONS)


def place_relation(p: Place, q: Place, settings: Settings) -> str | None:
    """``same``, ``near`` or ``area`` when two places agree; None when they do not."""
    if p.country and q.country and p.country.upper() != q.country.upper():
        return None
    if norm(p.name) == norm(q.name):
        return "same"
    both_points = None not in (p.lat, p.lon, q.lat, q.lon)
    if both_points and not (_is_area(p) or _is_area(q)):
        return "near" if _km(p, q) <= settings.link_max_km else None
    if p.admin1 and q.admin1 and norm(p.admin1) == norm(q.admin1) and (_is_area(p) or _is_area(q) or not both_points):
        return "area"
    return None


def _overlap(a: Window | None, b: Window | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def similarity(a: Report, b: Report, settings: Settings) -> float:
    if settings.link_similarity == "minhash":
        return jaccard(a.signature, b.signature)
    if settings.link_similarity == "embedding":
        va, vb = np.frombuffer(a.signature, dtype="<f4"), np.frombuffer(b.signature, dtype="<f4")
        return float(va @ vb) if va.size == vb.size else 0.0
    raise ConfigError(f"link_similarity must be minhash or embedding, got {settings.link_similarity!r}")


def evidence(a: Report, b: Report, settings: Settings) -> float:
    """How much the two texts say they describe one incident (positive) or two (negative).

    The weights are judgment, not fit: a shared site is strong, two different sites stronger still
    against; actors and victims count less because reporters name them unevenly.
    """
    score = 0.0
    sim = similarity(a, b, settings)
    if sim >= settings.link_min_similarity:
        score += 0.5
    elif sim < 0.05:
        score -= 0.2
    if a.sites and b.sites:
        score += 0.6 if sites_overlap(a.sites, b.sites) else -1.0
    if a.actors and b.actors:
        score += 0.3 if a.actors & b.actors else -0.3
    if a.named_victims & b.named_victims:
        score += 0.5
    return score


def near_duplicates(a: Report, b: Report, settings: Settings) -> bool:
    """One wire story in two outlets: the documents' word 5-shingle signatures (``tollwatch.dedup``) agree."""
    if not a.fingerprint or len(a.fingerprint) != len(b.fingerprint):
        return False
    return jaccard(a.fingerprint, b.fingerprint) >= settings.near_duplicate_threshold


def match(a: Report, b: Report, settings: Settings) -> float | None:
    """The strength of the link between two reports, or None when they describe different incidents.

    Symmetric in ``a`` and ``b``, which is what makes linking independent of the order of ingest.
    """
    if not _overlap(a.window, b.window) or not types_compatible(a.event.type, b.event.type):
        return None
    pa, pb = a.event.place, b.event.place
    relation = place_relation(pa, pb, settings) if pa is not None and pb is not None else None
    if pa is not None and pb is not None and relation is None:
        return None
    if near_duplicates(a, b, settings):
        return NEAR_DUPLICATE
    score = evidence(a, b, settings)
    if relation is None:
        # A report without a place links on its text alone.
        return score if similarity(a, b, settings) >= settings.link_min_similarity and score >= 0.5 else None
    needed = -0.25 if relation in ("same", "near") else 0.0
    return score if score >= needed else None


def _weeks(window: Window) -> range:
    return range(window[0].toordinal() // _WEEK, window[1].toordinal() // _WEEK + 1)


def index_keys(report: Report) -> list[tuple[object, ...]]:
    """Where a report is filed in the blocking index."""
    p = report.event.place
    if p is None:
        return [("all",), ("unplaced",)]
    country = norm(p.country)
    keys: list[tuple[object, ...]] = [("all",), ("cty", country), ("name", country, norm(p.name))]
    if p.lat is not None and p.lon is not None:
        keys.append(("geo", math.floor(p.lat / _CELL_DEGREES), math.floor(p.lon / _CELL_DEGREES)))
    if p.admin1:
        keys.append(("adm", country, norm(p.admin1)))
        if _is_area(p):
            keys.append(("area", country, norm(p.admin1)))
    return keys


def query_keys(report: Report) -> list[tuple[object, ...]]:
    """Where to look for reports that might describe the same incident."""
    p = report.event.place
    if p is None:
        return [("all",)]
    country = norm(p.country)
    if "country" in (p.precision or "").lower():
        return [("cty", country)]
    keys: list[tuple[object, ...]] = [("name", country, norm(p.name))]
    if p.lat is not None and p.lon is not None:
        la, lo = math.floor(p.lat / _CELL_DEGREES), math.floor(p.lon / _CELL_DEGREES)
        keys += [("geo", la + i, lo + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
    if p.admin1:
        keys.append(("adm", country, norm(p.admin1)) if _is_area(p) else ("area", country, norm(p.admin1)))
    return keys


def loose_query_keys(report: Report) -> list[tuple[object, ...]]:
    """Where to look for loose reports that a loose report might link to.

    A report without a place looks everywhere (``("all",)``) and may link to a placed one on its text alone,
    so a placed report looks among the unplaced ones too: otherwise the link would be found only when the
    unplaced report is added second, and the incidents would depend on the order of ingest.
    """
    keys = query_keys(report)
    return keys if report.event.place is None else [*keys, ("unplaced",)]


def is_loose(report: Report) -> bool:
    """A loose report (vague date, no place, or no window) never bridges two incidents: see the module's docstring."""
    return report.loose or report.window is None


@lru_cache(maxsize=1 << 16)
def _block(forest: str, key: tuple[object, ...], week: int) -> int:
    """A blocking key with its week as a signed 64-bit number (a collision only adds a candidate). Cached: the
    reports of one place and month, read again and again by an update, share their blocks."""
    raw = "\x1f".join((forest, *map(str, key), str(week))).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)


def _blocks(report: Report, forest: str, keys: list[tuple[object, ...]]) -> set[int]:
    if report.window is None:
        return set()
    return {_block(forest, key, week) for key in keys for week in _weeks(report.window)}


# The store's copy of the blocking index: anchors are filed under "A", loose reports under "L", and a loose
# report is also filed under "watch" where it looks for anchors to attach to.
def filed_blocks(report: Report) -> set[int]:
    """Where the store files a report: its place in the index, and (if loose) where it looks for anchors."""
    if is_loose(report):
        return _blocks(report, "L", index_keys(report)) | _blocks(report, "watch", query_keys(report))
    return _blocks(report, "A", index_keys(report))


def attach_blocks(report: Report) -> set[int]:
    """Where the anchors a loose report may attach to are filed."""
    return _blocks(report, "A", query_keys(report))


def candidate_blocks(report: Report) -> set[int]:
    """Where the stored reports a new report is compared with, or (if loose) may attach to, are filed."""
    if is_loose(report):
        return _blocks(report, "L", loose_query_keys(report)) | attach_blocks(report)
    return attach_blocks(report)


def watcher_blocks(anchor: Report) -> set[int]:
    """Where the loose reports that would weigh attaching to ``anchor`` are filed."""
    return _blocks(anchor, "watch", index_keys(anchor))


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root, so roots do not depend on the order of unions.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


class Linker:
    """Reports linked into incidents. ``add`` links one report against the index; nothing is recomputed."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.reports: dict[str, Report] = {}
        self._anchors = UnionFind()
        self._loose = UnionFind()
        self._index: dict[tuple[object, ...], list[str]] = defaultdict(list)
        self._loose_index: dict[tuple[object, ...], list[str]] = defaultdict(list)
        self.edges: list[tuple[str, str, float]] = []

    @classmethod
    def restore(cls, settings: Settings, reports: Iterable[Report], edges: Iterable[tuple[str, str]],
                components: Iterable[Sequence[str]] = ()) -> Linker:
        """A linker rebuilt from stored reports and the links found when each was added, comparing nothing.

        ``components`` are groups of anchor keys known to be connected whose reports and links were not
        read (part of a stored incident): their keys join the anchor forest as one component each, so
        the loose reports read can attach to it under its true root.
        """
        linker = cls(settings)
        for report in reports:
            linker._file(report)
        for a, b in edges:
            forest = linker._loose if is_loose(linker.reports[a]) else linker._anchors
            forest.union(a, b)
        for keys in components:
            for key in keys:
                linker._anchors.add(key)
                linker._anchors.union(keys[0], key)
        return linker

    def __len__(self) -> int:
        return len(self.reports)

    def _candidates(self, report: Report, index: dict[tuple[object, ...], list[str]]) -> Iterator[Report]:
        if report.window is None:
            return
        seen: set[str] = {report.key}
        for key in loose_query_keys(report) if index is self._loose_index else query_keys(report):
            for week in _weeks(report.window):
                for other in index.get((*key, week), ()):
                    if other not in seen:
                        seen.add(other)
                        yield self.reports[other]

    def _file(self, report: Report) -> None:
        """Record a report and file it in the blocking index, without linking it."""
        self.reports[report.key] = report
        loose = is_loose(report)
        (self._loose if loose else self._anchors).add(report.key)
        index = self._loose_index if loose else self._index
        if report.window is not None:
            for key in index_keys(report):
                for week in _weeks(report.window):
                    index[(*key, week)].append(report.key)

    def fits(self, report: Report) -> bool:
        """Whether a loose report matches an anchor of this linker, one it could attach to."""
        return any(other.document_id != report.document_id and match(report, other, self.settings) is not None
                   for other in self._candidates(report, self._index))

    def add(self, report: Report) -> list[tuple[str, str, float]]:
        """Link one report; returns the links it made. A report already present (same key) does nothing."""
        if report.key in self.reports:
            return []
        made = self.compare(report)
        self._file(report)
        forest = self._loose if is_loose(report) else self._anchors
        for a, b, _ in made:
            forest.union(a, b)
        self.edges.extend(made)
        return made

    def compare(self, report: Report, later: Container[str] = ()) -> list[tuple[str, str, float]]:
        """The links adding ``report`` makes with the reports filed here, leaving out those in ``later`` (filed
        here, but added after it). Blocking looks from the report added second: it finds a pair whichever
        of the two comes first, so who comes first does not matter."""
        index = self._loose_index if is_loose(report) else self._index
        made = []
        for other in self._candidates(report, index):
            if other.document_id != report.document_id and other.key not in later:
                score = match(report, other, self.settings)
                if score is not None:
                    made.append((report.key, other.key, score))
        return made

    def extend(self, reports: Iterable[Report]) -> None:
        for r in reports:
            self.add(r)

    def _attachment(self, members: list[str], settled: Mapping[str, Container[str]]) -> str | None:
        """The anchor component a group of loose reports fits best: highest score, then smallest root.

        A member in ``settled`` weighs only the anchors it names (see ``groups``).
        """
        best: tuple[float, str] | None = None
        for key in members:
            report = self.reports[key]
            among = settled.get(key)
            for anchor in self._candidates(report, self._index):
                if anchor.document_id == report.document_id or (among is not None and anchor.key not in among):
                    continue
                root = self._anchors.find(anchor.key)
                if best is not None and best[0] >= NEAR_DUPLICATE and root >= best[1]:
                    continue  # only a smaller root can beat the strongest score: copies of one story skip the rest
                score = match(report, anchor, self.settings)
                if score is None:
                    continue
                if best is None or (-score, root) < (-best[0], best[1]):
                    best = (score, root)
        return None if best is None else best[1]

    def groups(self, settled: Mapping[str, Container[str]] | None = None) -> list[tuple[str, ...]]:
        """The incidents as sorted tuples of report keys, sorted by their first key.

        ``settled`` maps a loose report placed before to the anchors it need weigh now: those of the stored
        incident it was placed in, and those whose score or root may have changed since. Every anchor left out
        scored then no better than the best of its group then, and scores the same now under the same root;
        that best is among the anchors weighed, and its group (loose groups only grow) is part of the report's
        group now. So leaving those anchors out changes no group's choice. Every other report weighs every
        anchor it meets.
        """
        members: dict[str, list[str]] = defaultdict(list)
        for key in self._anchors.parent:
            members[self._anchors.find(key)].append(key)
        loose_groups: dict[str, list[str]] = defaultdict(list)
        for key in self._loose.parent:
            loose_groups[self._loose.find(key)].append(key)
        for root, keys in loose_groups.items():
            target = self._attachment(sorted(keys), settled or {})
            members[target if target is not None else root].extend(keys)
        return sorted(tuple(sorted(keys)) for keys in members.values())


def link(reports: Iterable[Report], settings: Settings) -> list[tuple[str, ...]]:
    """Link a batch of reports at once: the same result as adding them one by one, in any order."""
    linker = Linker(settings)
    linker.extend(reports)
    return linker.groups()

