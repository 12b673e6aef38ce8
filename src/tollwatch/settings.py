"""One settings object, passed explicitly to every stage.

Defaults live here, each with its help text, so the CLI, the API and Spark
workers agree on them. Nothing reads settings from globals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import POLICIES


def cache_dir() -> Path:
    """tollwatch's directory in the user cache ($XDG_CACHE_HOME, else ~/.cache): what can be built again."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tollwatch"


def _setting(default: Any, help: str) -> Any:
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


DEFAULT_VAGUE = {
    "plural": 2,
    "a few": 2,
    "a number of": 2,
    "multiple": 2,
    "several": 3,
    "numerous": 3,
    "many": 3,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
}


@dataclass(frozen=True)
class Settings:
    policy: str = _setting("conservative", "Reconciliation policy for totals: conservative, range or ucdp.")
    vague_counts: dict[str, int] = _setting(
        DEFAULT_VAGUE,
        "What a policy counts for a vague quantity. A bare plural ('killed the insurgents') is 2; 'several' is 3: the smallest number most readers accept "
        "for it; 'dozens' 12, 'tens' 10 and 'hundreds' 100, as ACLED codes them.",
    )
    link_date_slack_days: int = _setting(
        1,
        "Days added to each side of a day-precise event date when linking reports: reports filed across "
        "midnight or in another time zone date the same event a day apart.",
    )
    link_max_km: float = _setting(
        25.0, "Two reports' places agree when they are this close, if not named the same or in one admin area."
    )
    link_max_window_days: int = _setting(
        15,
        "A report whose date is vaguer than this many days (a month, 'last year') never bridges two "
        "incidents: it attaches to the single incident it fits best, or stands alone.",
    )
    link_similarity: str = _setting(
        "minhash",
        "How report texts are compared when linking: 'minhash' (content words, datasketch) or 'embedding' "
        "(all-MiniLM-L6-v2 sentence embeddings; needs the 'embeddings' extra).",
    )
    link_min_similarity: float = _setting(
        0.3,
        "A report that names no place links only to a report at least this similar in text "
        "(MinHash Jaccard of content words, or cosine of embeddings).",
    )
    perpetrator_aliases: dict[str, list[str]] = _setting(
        {
            "US": ["pentagon", "centcom", "central command", "resolute support", "us military", "u.s. military",
                   "us forces", "u.s. forces", "department of defense", "coalition"],
            "ISAF": ["isaf", "nato", "coalition", "resolute support"],
        },
        "Names under which an alleged perpetrator speaks for itself: its acceptance of harm makes an "
        "incident 'confirmed', and its denial 'contested'.",
    )
    max_input_bytes: int = _setting(10_000_000, "Inputs larger than this are rejected as too large.")
    max_html_bytes: int = _setting(10_000_000, "HTML files larger than this are rejected before parsing.")
    gazetteer_path: Path | None = _setting(
        None, "Where the built gazetteer lives; default: the user cache directory."
    )
    repeat_min_chars: int = _setting(60, "A paragraph at least this long that appears twice is a scraper repeat.")
    ingest_batch_size: int = _setting(
        1000,
        "Documents written per database transaction during ingest. A kill loses at most one batch, which the "
        "next run redoes; larger batches are faster (fewer index pages rewritten per document) but redo more.",
    )
    ingest_workers: int | None = _setting(
        None,
        "Worker processes that extract during ingest and reextract while the main process reads and writes the "
        "database; 0 extracts in the main process; default: one fewer than the CPU cores, at least one.",
    )
    link_batch_size: int = _setting(
        2000,
        "Documents linked into incidents per transaction when incidents are updated (after ingest, for one): "
        "memory grows with it, and a kill loses at most one batch of linking, which the next update redoes.",
    )
    near_duplicate_threshold: float = _setting(
        0.8,
        "Estimated Jaccard similarity of word 5-shingles (MinHash) at or above which a new document is stored "
        "as a near duplicate of an earlier one (a wire story republished), so it never counts as an "
        "independent source. Values below 0.5 miss some pairs: the LSH index finds candidates from 0.5 up.",
    )

    web_public: bool = _setting(
        True,
        "Whether `tollwatch serve` shows its read-only pages and API to anyone; False asks for a login first. "
        "Review actions always need a logged-in analyst.",
    )
    web_secret_file: Path | None = _setting(
        None,
        "File holding the key that signs session cookies; made with a random key on first use. Default: "
        "tollwatch/session-secret in the user data directory ($XDG_DATA_HOME or ~/.local/share).",
    )
    web_max_request_bytes: int = _setting(
        1_000_000, "Request bodies larger than this are refused by `tollwatch serve` with 413."
    )
    web_tile_url: str = _setting(
        "",
        "Leaflet tile URL for the pages' maps, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png. Empty (the "
        "default): no tiles are fetched, and maps draw the country outlines shipped in the package instead.",
    )
    web_tile_attribution: str = _setting(
        "", "Attribution shown on maps under the tiles of web_tile_url, as the tile provider asks (plain text)."
    )
    web_refresh_seconds: float = _setting(
        30.0,
        "How often `tollwatch serve` checks for reports extracted since it last linked (one cheap query) and, "
        "when there are some, links them into incidents, so they show without a restart. 0 turns the check "
        "off: then POST /api/refresh (an analyst) or a restart links them.",
    )

    def __post_init__(self) -> None:
        if self.policy not in POLICIES:
            raise ConfigError(f"unknown policy {self.policy!r}; choose one of {', '.join(POLICIES)}")
        if self.max_input_bytes <= 0:
            raise ConfigError("max_input_bytes must be positive")
        if self.max_html_bytes <= 0:
            raise ConfigError("max_html_bytes must be positive")
        if self.ingest_batch_size <= 0:
            raise ConfigError("ingest_batch_size must be positive")
        if self.link_batch_size <= 0:
            raise ConfigError("link_batch_size must be positive")
        if self.ingest_workers is not None and self.ingest_workers < 0:
            raise ConfigError("ingest_workers must be 0 or more")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        if self.web_max_request_bytes <= 0:
            raise ConfigError("web_max_request_bytes must be positive")
        if self.web_tile_url and not self.web_tile_url.startswith(("https://", "http://")):
            raise ConfigError(f"web_tile_url must be an http(s) URL, got {self.web_tile_url!r}")
        if self.web_refresh_seconds < 0:
            raise ConfigError("web_refresh_seconds must be 0 (off) or more")

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}

    @classmethod
    def default(cls, name: str) -> Any:
        """A plain setting's default, for the CLI options that override it."""
        return next(f.default for f in fields(cls) if f.name == name)
