import array
import os
import re
import zlib

import pytest

from tollwatch import patterns

PATTERN = r"(?P<count>\d+|a|an|one)\s+(?P<noun>villagers?|guards?)(?:\s+(?P<verb>were\s+killed|died))?"
TEXTS = ["Two villagers died; 3 guards were killed.", "one villager", "A GUARD were killed", "no match here", ""]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "tollwatch" / "patterns"


def _same(compiled: re.Pattern[str], flags: int) -> None:
    plain = re.compile(PATTERN, flags)
    assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
        plain.pattern, plain.flags, plain.groups, plain.groupindex)
    for text in TEXTS:
        assert [(m.span(), m.groupdict()) for m in compiled.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_a_pattern_read_back_from_the_cache_matches_as_re_compiles_it(cache):
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)
    assert len(list(cache.glob("*.sre"))) == 1
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)  # this time from the file


def test_flags_are_part_of_the_key(cache):
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)
    _same(patterns.compile(PATTERN), 0)
    assert len(list(cache.glob("*.sre"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not json\n", b'{"flags": 34}\n' + b"\x00" * 40])
def test_a_damaged_entry_is_compiled_again_and_rewritten(cache, damage):
    patterns.compile(PATTERN, re.IGNORECASE)
    [entry] = cache.glob("*.sre")
    good = entry.read_bytes()
    entry.write_bytes(damage)
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)
    assert entry.read_bytes() == good


def test_code_the_engine_rejects_is_a_cache_miss(cache):
    patterns.compile(PATTERN, re.IGNORECASE)
    [entry] = cache.glob("*.sre")
    head, _, _ = entry.read_bytes().partition(b"\n")
    entry.write_bytes(head + b"\n" + zlib.compress(array.array("I", [999] * 12).tobytes()))
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)


def test_an_unwritable_cache_still_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _same(patterns.compile(PATTERN, re.IGNORECASE), re.IGNORECASE)
    assert list(tmp_path.iterdir()) == [blocker]


def test_past_the_limit_the_oldest_entries_go(cache, monkeypatch):
    monkeypatch.setattr(patterns, "_KEPT", 2)
    written = []
    for age, flags in ((1000, 0), (2000, re.IGNORECASE)):
        before = set(cache.glob("*.sre"))
        patterns.compile(PATTERN, flags)
        [entry] = set(cache.glob("*.sre")) - before
        os.utime(entry, (age, age))
        written.append(entry)
    patterns.compile(PATTERN, re.MULTILINE)
    kept = set(cache.glob("*.sre"))
    assert len(kept) == 2 and written[0] not in kept and written[1] in kept
